"""Which bundled face sets which text, read from the stylesheet that sets it.

One map serves the missing-glyph check, the EPUB's font subsets and the tests. It is not
kept by hand: it is read from the stylesheet's own ``font-family``/``font-weight`` rules on
the HTML class contract (``layouts/README.md``), so it cannot disagree with what the layout
says. A rule counts when its selector is a single class (``.kicker``), in a comma list or
not, or the document itself (``html``, ``body``, ``:root``); either may follow a language
qualifier on the document, ``html:lang(zh-Hant)`` (``html:lang(zh-Hant) .kicker``,
``html:lang(zh-Hant) body``), which applies when the document's ``lang`` matches it (BCP 47
prefix, as CSS ``:lang()`` matches). ``var(--…)`` is resolved from the custom properties set
on the document (``:root``, ``html``, and those with a language qualifier). Rules apply in the
cascade's order: by specificity, then later rules win. A family that names no bundled face (a
user's own font) is not checked: the engine's fallback decides there (``face_warnings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import tinycss2

from .fonts import Face

BOLD = 700
_BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIPPED_TAGS = {"head", "script", "style", "title"}
_WEIGHTS = {"normal": 400, "bold": BOLD, "bolder": BOLD, "lighter": 300}
# [html|:root]:lang(X), then nothing, or a descendant html/body/:root/.class
_SELECTOR = re.compile(r"^(?:(?:html|:root)?:lang\(\s*([\w-]+)\s*\))?\s*(html|body|:root|\.[\w-]+)?$")
_GENERIC = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif",
            "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "inherit", "initial", "unset"})


@dataclass(frozen=True)
class Font:
    """What a stylesheet says of an element's font: ``None`` where it says nothing."""

    family: str | None = None
    weight: int | None = None
    fallbacks: tuple[str, ...] = ()  # the families listed after the first

    def over(self, inherited: Font) -> Font:
        if self.family:
            return Font(self.family, self.weight or inherited.weight, self.fallbacks)
        return Font(inherited.family, self.weight or inherited.weight, inherited.fallbacks)


@dataclass(frozen=True)
class FaceMap:
    """The stylesheet's font rules by class for one document language, and the bundled faces
    they may name. ``rules``: the whole stylesheet, for a document of another language."""

    root: Font
    classes: dict[str, Font]
    faces: dict[str, Face]
    lang: str | None = None
    rules: FaceRules | None = field(default=None, compare=False, repr=False)

    def role(self, font: Font) -> str | None:
        """The bundled face's role for a family and weight: same family, nearest weight."""
        same = [f for f in self.faces.values() if f.family == font.family]
        if not same:
            return None
        weight = font.weight or 400
        return min(same, key=lambda f: (abs(f.weight - weight), f.weight)).role

    def face_of(self, cls: str | None = None) -> Face | None:
        """The bundled face that sets an element of class ``cls`` (None: the document's text)."""
        font = self.classes.get(cls, Font()).over(self.root) if cls else self.root
        role = self.role(font)
        return self.faces[role] if role else None

    def for_lang(self, lang: str | None) -> FaceMap:
        """The map for a document in ``lang`` (this one if the stylesheet says nothing else)."""
        return self.rules.for_lang(lang) if self.rules is not None else self


def face_warnings(faces: FaceMap, installed: frozenset[str] | None = None) -> list[str]:
    """A face or weight the stylesheet asks for that is not there, said once each with what
    sets the text instead: a family asked for in a weight no bundled face of it has
    (``font-weight: 700`` on Publisher WenKai, bundled in Regular only), or, given
    ``installed`` (the families fontconfig knows, lower case), a family neither bundled nor
    installed (``--body-face: "My House Song"``)."""
    out = []
    bundled = {f.family for f in faces.faces.values()}
    fonts = {faces.root, *(f.over(faces.root) for f in faces.classes.values())}
    for font in sorted(fonts, key=lambda f: (f.family or "", f.weight or 0, f.fallbacks)):
        role = faces.role(font)
        wanted = font.weight or 400
        if role and faces.faces[role].weight != wanted:
            have = faces.faces[role].weight
            out.append(f'no weight {wanted} of "{font.family}" is bundled: text asked for in it is set in '
                       f"weight {have} (bundled faces: fonts/faces.toml)")
        elif not role and font.family and installed is not None and font.family.lower() not in installed | _GENERIC:
            out.append(f'font "{font.family}" is neither bundled nor installed: its text is set in '
                       f"{_instead(font, bundled, installed)}")
    return list(dict.fromkeys(out))


weight_warnings = face_warnings  # the name it had when it only knew weights


def _instead(font: Font, bundled: set[str], installed: frozenset[str]) -> str:
    """What the engine falls back to: the next listed family that is there."""
    for family in font.fallbacks:
        if family in bundled:
            return f'"{family}" (bundled), the next family listed'
        if family.lower() in installed:
            return f'"{family}" (installed), the next family listed'
        if family.lower() in _GENERIC:
            return f"the system's {family} font, the next family listed"
    return "the system's fallback font"


@dataclass(frozen=True)
class _Rule:
    specificity: tuple[int, int, int]
    order: int
    lang: str | None  # the :lang() qualifier, if any
    target: str  # "" the document, else a class name
    declarations: tuple[tuple[str, str], ...]


class FaceRules:
    """A stylesheet's font rules, read once; ``for_lang`` resolves them for a document language."""

    def __init__(self, css: str, faces: dict[str, Face]):
        self.faces = faces
        self.rules: list[_Rule] = []
        order = 0
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            declarations = tuple((d.name, tinycss2.serialize(d.value).strip()) for d in _declarations(rule)
                                 if d.name in ("font-family", "font-weight") or d.name.startswith("--"))
            if not declarations:
                continue
            for selector in tinycss2.serialize(rule.prelude).split(","):
                selector = " ".join(selector.split())
                m = _SELECTOR.match(selector)
                if not m or not (m.group(1) or m.group(2)) or selector.startswith(":lang"):
                    continue
                lang, rest = m.group(1), m.group(2) or ""
                target = rest[1:] if rest.startswith(".") else ""
                on_root = rest in ("", "html", ":root")  # custom properties are read on the root only
                decls = declarations if on_root else tuple(d for d in declarations if not d[0].startswith("--"))
                order += 1
                self.rules.append(_Rule(_specificity(selector), order, lang, target, decls))
        self.rules.sort(key=lambda r: (r.specificity, r.order))
        self._maps: dict[str | None, FaceMap] = {}

    def for_lang(self, lang: str | None) -> FaceMap:
        key = (lang or "").lower() or None
        if key not in self._maps:
            self._maps[key] = self._resolve(key)
        return self._maps[key]

    def _resolve(self, lang: str | None) -> FaceMap:
        rules = [r for r in self.rules if r.lang is None or _lang_matches(lang, r.lang)]
        variables: dict[str, str] = {}
        for rule in rules:
            for name, value in rule.declarations:
                if name.startswith("--"):
                    variables[name] = value
        root, classes = Font(), {}
        for rule in rules:
            declared = _font(rule.declarations, variables)
            if declared == Font():
                continue
            if rule.target:
                classes[rule.target] = declared.over(classes.get(rule.target, Font()))
            else:
                root = declared.over(root)
        return FaceMap(root, classes, self.faces, lang, self)


@lru_cache(maxsize=16)
def _face_rules(css: str, faces: tuple[tuple[str, Face], ...]) -> FaceRules:
    return FaceRules(css, dict(faces))


def face_map(css: str, faces: dict[str, Face], lang: str | None = None) -> FaceMap:
    """Read the font rules of ``css`` for a document in ``lang`` (None: rules without a
    language qualifier only). The map follows a document of another language it reads
    (``text_by_face``)."""
    return _face_rules(css, tuple(faces.items())).for_lang(lang)


def _lang_matches(lang: str | None, wanted: str) -> bool:
    """CSS ``:lang(wanted)``: the same tag, or one that begins with it and a hyphen."""
    wanted = wanted.lower()
    return bool(lang) and (lang == wanted or lang.startswith(wanted + "-"))


def _specificity(selector: str) -> tuple[int, int, int]:
    """(ids, classes and pseudo-classes, types) of the selectors this module reads."""
    classes = len(re.findall(r"[.:][\w-]", selector))
    types = len(re.findall(r"(?:^|\s)(?:html|body)\b", selector))
    return (0, classes, types)


def _declarations(rule):
    return [d for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"]


def _substitute(value: str, variables: dict[str, str], depth: int = 0) -> str:
    if depth > 8:
        return value
    return re.sub(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)",
                  lambda m: _substitute(variables.get(m.group(1), m.group(2) or ""), variables, depth + 1), value)


def _font(declarations, variables: dict[str, str]) -> Font:
    family = weight = None
    fallbacks: tuple[str, ...] = ()
    for name, value in declarations:
        value = _substitute(value, variables)
        if name == "font-family":
            names = [n.strip().strip("\"'") for n in value.split(",")]
            names = [n for n in names if n]
            family, fallbacks = (names[0], tuple(names[1:])) if names else (None, ())
        elif name == "font-weight":
            weight = int(value) if value.isdigit() else _WEIGHTS.get(value)
    return Font(family, weight, fallbacks)


def text_by_face(markup: str, faces: FaceMap) -> dict[str, str]:
    """The characters each bundled face sets in an HTML or XHTML document, by role."""
    reader = _Reader(faces)
    reader.feed(markup)
    reader.close()
    return {role: "".join(sorted(chars)) for role, chars in sorted(reader.chars.items())}


class _Reader(HTMLParser):
    """Walks the document keeping the font each open element inherits."""

    def __init__(self, faces: FaceMap):
        super().__init__(convert_charrefs=True)
        self.faces = faces
        self.stack: list[tuple[str, Font]] = [("", faces.root)]
        self.skipping = 0
        self.chars: dict[str, set[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html" and len(self.stack) == 1:  # the document's language picks the rules
            attributes = dict(attrs)
            lang = attributes.get("lang") or attributes.get("xml:lang")
            if lang:
                self.faces = self.faces.for_lang(lang)
                self.stack[0] = ("", self.faces.root)
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        if tag in _VOID_TAGS:
            return
        font = Font(weight=BOLD) if tag in _BOLD_TAGS else Font()
        for cls in (dict(attrs).get("class") or "").split():
            font = self.faces.classes.get(cls, Font()).over(font)
        self.stack.append((tag, font.over(self.stack[-1][1])))

    def handle_startendtag(self, tag, attrs):
        pass  # <meta/>, <br/>: nothing inside

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.skipping:
            return
        role = self.faces.role(self.stack[-1][1])
        chars = {c for c in data if c not in "\n\r\t"}  # line feeds set no glyph
        if role and chars:
            self.chars.setdefault(role, set()).update(chars)
