"""``publisher.toml``: project defaults for ``build`` and ``watch`` (all keys optional).

    [build]
    sources = ["source"]          # what to build when no path is given
    output = "out"                # output folder
    layout = "broadsheet"         # built-in name or a .css path (relative to this file)
    css = ["house-style.css"]     # stylesheets applied after the layout
    formats = ["pdf", "epub", "html"]
    jobs = 4                      # pages at once (default: all cores)
    lines = "recompose"           # or "original": keep the printed line breaks

    [metadata]                    # defaults for pages whose PAGE.toml does not say
    paper = "内蒙古商报"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..read.metadata import FIELDS

FORMATS = ("pdf", "epub", "html")  # every output a build can make, in the order it makes them


@dataclass(frozen=True)
class Config:
    sources: tuple[Path, ...] = (Path("source"),)
    output: Path = Path("out")
    layout: str = "broadsheet"
    css: tuple[Path, ...] = ()
    formats: tuple[str, ...] = FORMATS
    jobs: int | None = None
    lines: str = "recompose"
    metadata: dict = field(default_factory=dict)


def load_config(path: Path | None) -> Config:
    """The config at ``path``, or ``./publisher.toml`` if it exists, or the defaults."""
    if path is None:
        path = Path("publisher.toml")
        if not path.exists():
            return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: invalid TOML ({e})") from None
    unknown = sorted(set(data) - {"build", "metadata"})
    if unknown:
        raise InputError(f"{path}: unknown section [{unknown[0]}] (known: [build], [metadata])")
    build = data.get("build", {})
    known = {"sources", "output", "layout", "css", "formats", "jobs", "lines"}
    bad = sorted(set(build) - known)
    if bad:
        raise InputError(f"{path}: unknown key build.{bad[0]} (known: {', '.join(sorted(known))})")
    meta = data.get("metadata", {})
    bad = sorted(set(meta) - FIELDS)
    if bad:
        raise InputError(f"{path}: unknown key metadata.{bad[0]}")
    here = path.parent
    formats = tuple(build.get("formats", FORMATS))
    if not set(formats) <= set(FORMATS):
        raise InputError(f"{path}: formats must be among {', '.join(FORMATS)}")
    layout = str(build.get("layout", "broadsheet"))
    if layout.endswith(".css"):
        layout = str(here / layout)
    return Config(
        sources=tuple(here / s for s in build.get("sources", ["source"])),
        output=here / build.get("output", "out"),
        layout=layout,
        css=tuple(here / c for c in build.get("css", [])),
        formats=formats,
        jobs=build.get("jobs"),
        lines=build.get("lines", "recompose"),
        metadata={k: str(v) for k, v in meta.items()},
    )
