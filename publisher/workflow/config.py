"""``publisher.toml``: project defaults for every command (all keys optional); options given on
the command line override them, and ``publisher config`` shows what is in force and why.

    [build]
    sources = ["source"]          # what to build when no path is given
    output = "out"                # output folder
    layout = "broadsheet"         # built-in name or a .css path (relative to this file)
    css = ["house-style.css"]     # stylesheets applied after the layout
    formats = ["pdf", "epub", "html"]
    jobs = 4                      # pages at once (default: all cores)
    lines = "recompose"           # or "original": keep the printed line breaks
    vertical = true               # the EPUB set vertically (default: so for Traditional, zh-Hant, pages)
    quotes = "corner"             # a Traditional page's curly quotes as 「」『』, or "keep"
    arrangement = "original"      # or "packed"; "original" (stories where the OCR'd page had them)
                                  # applies to pages whose OCR recorded positions (hOCR, ALTO, JSON)

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
    vertical: bool | None = None  # None: vertical for Traditional pages, horizontal for Simplified
    quotes: str = "corner"
    arrangement: str = "original"
    metadata: dict = field(default_factory=dict)
    origin: str = "default"  # the file the settings came from, or "default"
    given: frozenset[str] = frozenset()  # the keys that file sets ("build.layout", "metadata.paper")

    def describe(self, overrides: dict[str, object] | None = None) -> list[str]:
        """``key = value  (from …)`` for every setting; ``overrides`` are the command line's."""
        overrides = {k: v for k, v in (overrides or {}).items() if v not in (None, (), [], False)}
        rows = []
        for key in _KEYS:
            value = overrides.get(key, getattr(self, key))
            if key == "vertical" and value is None:
                value = "by language (zh-Hant pages vertical)"
            source = "command line" if key in overrides else self.origin if f"build.{key}" in self.given else "default"
            rows.append(f"build.{key} = {_show(value)}  ({source})")
        rows += [f"metadata.{k} = {_show(v)}  ({self.origin})" for k, v in sorted(self.metadata.items())]
        return rows


_KEYS = ("sources", "output", "layout", "css", "formats", "jobs", "lines", "vertical", "quotes", "arrangement")


def _show(value) -> str:
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(str(value)) if isinstance(value, (str, Path)) else str(value)


def with_metadata_defaults(meta, defaults: dict):
    """Page metadata with the project's ``[metadata]`` filling what the page's own leaves open."""
    import dataclasses

    fill = {k: v for k, v in defaults.items() if getattr(meta, k) in (None, "")}
    return dataclasses.replace(meta, **fill)


def load_config(path: Path | None) -> Config:
    """The config at ``path``, or ``./publisher.toml`` if it exists, or the defaults."""
    if path is None:
        path = Path("publisher.toml")
        if not path.exists():
            return Config()
    from ..read.page import QUOTES  # (loaded only when there is a config: a build starts without the readers)

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
    known = set(_KEYS)
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
    vertical = build.get("vertical")
    if vertical is not None and not isinstance(vertical, bool):
        raise InputError(f"{path}: build.vertical must be true or false")
    quotes = build.get("quotes", "corner")
    if quotes not in QUOTES:
        raise InputError(f"{path}: build.quotes must be one of {', '.join(QUOTES)}")
    arrangement = build.get("arrangement", "original")
    if arrangement not in ("original", "packed"):
        raise InputError(f"{path}: build.arrangement must be \"original\" or \"packed\", not {arrangement!r}")
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
        vertical=vertical,
        quotes=quotes,
        arrangement=arrangement,
        metadata={k: str(v) for k, v in meta.items()},
        origin=str(path),
        given=frozenset([*(f"build.{k}" for k in build), *(f"metadata.{k}" for k in meta)]),
    )
