"""Stylesheet files → one stylesheet text that means what the files say, loading only allowed files.

Every consumer of a stylesheet — WeasyPrint, the web page, publisher's own reading of a layout's
knobs (``layout.py``) and of its faces (``faces.py``) — reads the text made here, so all of them
see the same rules in the same cascade order:

- ``@import`` is replaced by the imported file's rules, where it stood (an import with a media
  list is wrapped in ``@media``), recursively. An import must come before the file's other rules
  (as CSS says); one after them, one that imports itself, or one that cannot be read is an error.
- Every ``url()`` (and the imports' URLs) is resolved against the file that wrote it and made an
  absolute ``file:`` URL, so the text means the same wherever it is put (an inline ``<style>``,
  a worker's folder). ``data:`` URLs and ``#fragments`` stay as they are.
- A URL outside the allowed folders (``roots``) — ``file:///etc/passwd``, ``../../secret``,
  ``http(s)://…`` or any other scheme — is refused: the import is left out, a declaration using
  such a URL is dropped (as a browser drops a declaration it cannot use), and the URL is
  recorded in ``refused``, for the caller to report as it reports any refused URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import tinycss2

from ..errors import ExitCode, PublisherError


class StylesheetError(PublisherError):
    """A stylesheet cannot be read, or its imports cannot be followed."""

    exit_code = ExitCode.input_file


@dataclass(frozen=True)
class Css:
    """Stylesheets as one text (imports inlined, URLs absolute, refused ones left out)."""

    text: str
    files: tuple[Path, ...]  # every file read, imports included, in the order read
    refused: tuple[str, ...]  # the URLs refused, as written (relative ones made absolute)


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether ``path`` (links resolved) is one of ``roots`` or lies under one."""
    path = path.resolve()
    return any(path == r or r in path.parents for r in (Path(r).resolve() for r in roots))


def load_css(paths: Sequence[Path], roots: Sequence[Path]) -> Css:
    """The stylesheets ``paths``, in order, as one text; imports and URLs only from ``roots``.

    What was made is kept with the text of every file read: a later call for the same files
    gets it back when each of them still reads the same (a page's layout is loaded for every
    page of a build), and loads them afresh when one changed."""
    key = (tuple(Path(p).resolve() for p in paths), tuple(Path(r).resolve() for r in roots))
    kept = _LOADED.get(key)
    if kept is not None and _unchanged(kept[0]):
        return kept[1]
    loader = _Loader(tuple(Path(r).resolve() for r in roots))
    text = "\n".join(loader.file(Path(p), ()) for p in paths)
    css = Css(text, tuple(dict.fromkeys(loader.files)), tuple(dict.fromkeys(loader.refused)))
    if len(_LOADED) >= 64:
        _LOADED.clear()
    _LOADED[key] = (tuple(loader.texts.items()), css)
    return css


# (paths, roots) → (the text of each file read, the Css made of them): a cache by content
_LOADED: dict[tuple, tuple[tuple[tuple[Path, str], ...], Css]] = {}


def _unchanged(texts: tuple[tuple[Path, str], ...]) -> bool:
    try:
        return all(read_text(path) == text for path, text in texts)
    except StylesheetError:
        return False  # gone or unreadable now: loading it again says so


def read_text(path: Path) -> str:
    """A stylesheet file's text (UTF-8, a byte-order mark dropped), or a one-line error."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise StylesheetError(f"{path}: cannot read stylesheet ({e.__class__.__name__})") from None


class _Loader:
    def __init__(self, roots: tuple[Path, ...]):
        self.roots = roots
        self.files: list[Path] = []
        self.refused: list[str] = []
        self.texts: dict[Path, str] = {}  # every file read, as read

    def file(self, path: Path, importers: tuple[Path, ...]) -> str:
        resolved = path.resolve()
        if resolved in importers:
            raise StylesheetError(f"{importers[-1]}: @import of {path} makes a cycle")
        text = read_text(path)
        self.texts[resolved] = text
        self.files.append(resolved)
        return self.rules(text, resolved, (*importers, resolved))

    def rules(self, text: str, path: Path, importers: tuple[Path, ...]) -> str:
        out = []
        others = False  # a rule other than @charset/@import seen: later imports are void in CSS
        for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
            if rule.type == "at-rule" and rule.lower_at_keyword == "charset":
                continue
            if rule.type == "at-rule" and rule.lower_at_keyword == "import":
                if others:
                    raise StylesheetError(f"{path}: an @import must come before the other rules "
                                          f"(line {rule.source_line}: CSS would ignore it)")
                out.append(self.import_(rule, path, importers))
                continue
            others = True
            if rule.type == "error":
                continue  # what CSS drops, dropped
            out.append(self.rule(rule, path))
        return "\n".join(x for x in out if x)

    def import_(self, rule, path: Path, importers: tuple[Path, ...]) -> str:
        prelude = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
        raw = _url_of(prelude[0], strings=True) if prelude else None
        if raw is None:
            raise StylesheetError(f"{path}: @import at line {rule.source_line} names no stylesheet")
        target = self.resolve(raw, path)
        if target is None:
            return ""  # refused and recorded
        condition = tinycss2.serialize(rule.prelude[rule.prelude.index(prelude[0]) + 1:]).strip()
        if condition.lower().startswith(("layer", "supports(")):
            raise StylesheetError(f"{path}: @import {raw} {condition}: only a media list may follow an import's URL")
        inner = self.file(Path(unquote(urlsplit(target).path)), importers)
        return f"@media {condition} {{\n{inner}\n}}" if condition else inner

    def rule(self, rule, path: Path) -> str:
        prelude = tinycss2.serialize(self.urls(rule.prelude, path) or [])
        head = f"@{rule.at_keyword}{prelude}" if rule.type == "at-rule" else prelude.strip()
        if rule.content is None:
            return f"{head};"
        items = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        body = []
        for item in items:
            if item.type == "declaration":
                value = self.urls(item.value, path)
                if value is not None:
                    important = " !important" if item.important else ""
                    body.append(f"{item.name}: {tinycss2.serialize(value).strip()}{important};")
            elif item.type in ("qualified-rule", "at-rule"):
                body.append(self.rule(item, path))
        return f"{head.strip()} {{ {' '.join(body)} }}"

    def urls(self, tokens, path: Path):
        """``tokens`` with every URL made absolute; None when one of them is refused."""
        for token in tokens:
            raw = _url_of(token)
            if raw is not None:
                target = self.resolve(raw, path)
                if target is None:
                    return None
                _set_url(token, target)
            elif getattr(token, "type", None) in ("function", "() block", "[] block", "{} block"):
                inner = token.arguments if token.type == "function" else token.content
                if self.urls(inner, path) is None:
                    return None
        return tokens

    def resolve(self, raw: str, path: Path) -> str | None:
        """The absolute URL ``raw`` means in the file ``path``, or None (recorded) if refused."""
        if not raw or raw.startswith("#"):
            return raw
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return raw
        if scheme == "file":
            target = Path(unquote(parts.path))
        elif scheme == "" and not parts.netloc:
            target = path.parent / unquote(parts.path)
        else:
            self.refused.append(raw)
            return None
        if not inside(target, self.roots):
            self.refused.append(raw if scheme else target.resolve().as_uri())
            return None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return target.resolve().as_uri() + fragment


def _url_of(token, strings: bool = False) -> str | None:
    """The URL a ``url(…)`` token names (or a string, with ``strings``: an import's first token);
    None for other tokens."""
    kind = getattr(token, "type", None)
    if kind == "url":
        return token.value
    if kind == "string" and strings:
        return token.value
    if kind == "function" and token.lower_name == "url":
        args = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
        return args[0].value if args and args[0].type == "string" else ""
    return None


def _set_url(token, url: str) -> None:
    quoted = '"' + url.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'
    if token.type == "function":
        token = next((t for t in token.arguments if t.type == "string"), None)
        if token is None:
            return  # url() with nothing in it: left as written
        token.value, token.representation = url, quoted
    else:
        token.value, token.representation = url, f"url({quoted})"
