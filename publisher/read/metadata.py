"""Sidecar metadata: what the page text cannot say (paper name, date, page), from ``PAGE.toml``."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from ..errors import InputError
from ..model import Metadata

FIELDS = {f.name for f in dataclasses.fields(Metadata)} - {"roles", "photos"}  # plain string fields


def sidecar_path(page: Path) -> Path:
    """``source/p01.txt`` → ``source/p01.toml``."""
    return page.with_suffix(".toml")


def load_metadata(path: Path | None) -> Metadata:
    """Read a metadata file; a missing path gives empty metadata."""
    if path is None or not path.exists():
        return Metadata()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read metadata ({e.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: invalid TOML ({e})") from None
    roles = _roles(data.pop("roles", {}), path)
    photos = _photos(data.pop("photos", {}), path)
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise InputError(f"{path}: unknown metadata key {unknown[0]!r} (known: {', '.join(sorted(FIELDS))})")
    bad = [k for k, v in data.items() if not isinstance(v, (str, int)) or isinstance(v, bool)]
    if bad:
        raise InputError(f"{path}: metadata {bad[0]!r} must be a string")
    values = {k: str(v) for k, v in data.items()}
    if "date" in values and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["date"]):
        raise InputError(f"{path}: date must be YYYY-MM-DD, not {values['date']!r}")
    return Metadata(**values, roles=roles, photos=photos)


def _photos(table, path: Path) -> tuple[tuple[str, str], ...]:
    """``[photos]``: a story, by its headline or its number on the page, → an image file beside
    PAGE.toml. The file must exist; the story is matched against the page (``read.page``)."""
    if not isinstance(table, dict):
        raise InputError(f"{path}: [photos] must be a table of story = \"image file\"")
    out = []
    for story, name in table.items():
        if not isinstance(name, str):
            raise InputError(f"{path}: [photos] {story!r}: the image must be a file name")
        image = (path.parent / name).resolve()
        if not image.is_file():
            raise InputError(f"{path}: [photos] {story!r}: no image file {name!r} beside it")
        out.append((story, str(image)))
    return tuple(out)


def _roles(table, path: Path) -> tuple[tuple[int, str], ...]:
    """``[roles]``: source line number → role. Names and numbers are checked here; whether the
    line exists is checked against the page (``read.page``)."""
    from .roles import ROLES

    if not isinstance(table, dict):
        raise InputError(f"{path}: [roles] must be a table of line = \"role\"")
    out = []
    for key, role in table.items():
        if not key.isdigit() or int(key) < 1:
            raise InputError(f"{path}: [roles] key {key!r} is not a line number")
        if role not in ROLES:
            raise InputError(f"{path}: [roles] line {key}: unknown role {role!r} (roles: {', '.join(ROLES)})")
        out.append((int(key), role))
    return tuple(sorted(out))
