"""Sidecar metadata: what the page text cannot say (paper name, date, page), from ``PAGE.toml``."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from ..errors import InputError
from ..model import Metadata

FIELDS = {f.name for f in dataclasses.fields(Metadata)}


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
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise InputError(f"{path}: unknown metadata key {unknown[0]!r} (known: {', '.join(sorted(FIELDS))})")
    bad = [k for k, v in data.items() if not isinstance(v, (str, int)) or isinstance(v, bool)]
    if bad:
        raise InputError(f"{path}: metadata {bad[0]!r} must be a string")
    values = {k: str(v) for k, v in data.items()}
    if "date" in values and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["date"]):
        raise InputError(f"{path}: date must be YYYY-MM-DD, not {values['date']!r}")
    return Metadata(**values)
