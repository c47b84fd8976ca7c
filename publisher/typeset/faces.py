"""Which bundled face sets which text, read from the stylesheet that sets it.

One map serves the missing-glyph check, the EPUB's font subsets and the tests. It is not
kept by hand: it is read from the stylesheet's own ``font-family``/``font-weight`` rules on
the HTML class contract (``layouts/README.md``), so it cannot disagree with what the layout
says. A rule counts when its selector is a single class (``.kicker``), in a comma list or
not, or the document itself (``html``, ``body``, ``:root``); ``var(--…)`` is resolved from
the ``:root`` custom properties. A family that names no bundled face (a user's own font) is
not checked: the engine's fallback decides there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import tinycss2

from .fonts import Face

BOLD = 700
_BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIPPED_TAGS = {"head", "script", "style", "title"}
_WEIGHTS = {"normal": 400, "bold": BOLD, "bolder": BOLD, "lighter": 300}
_CLASS = re.compile(r"^\.([\w-]+)$")


@dataclass(frozen=True)
class Font:
    """What a stylesheet says of an element's font: ``None`` where it says nothing."""

    family: str | None = None
    weight: int | None = None

    def over(self, inherited: "Font") -> "Font":
        return Font(self.family or inherited.family, self.weight or inherited.weight)


@dataclass(frozen=True)
class FaceMap:
    """The stylesheet's font rules by class, and the bundled faces they may name."""

    root: Font
    classes: dict[str, Font]
    faces: dict[str, Face]

    def role(self, font: Font) -> str | None:
        """The bundled face's role for a family and weight: same family, nearest weight."""
        same = [f for f in self.faces.values() if f.family == font.family]
        if not same:
            return None
        weight = font.weight or 400
        return min(same, key=lambda f: (abs(f.weight - weight), f.weight)).role


def weight_warnings(faces: FaceMap) -> list[str]:
    """A family asked for in a weight no bundled face of it has (``--body-face: "Noto Sans CJK
    SC"``, only bundled in Bold): the text would silently come out in the other weight."""
    out = []
    for font in sorted({faces.root, *(f.over(faces.root) for f in faces.classes.values())},
                       key=lambda f: (f.family or "", f.weight or 0)):
        role = faces.role(font)
        wanted = font.weight or 400
        if role and faces.faces[role].weight != wanted:
            have = faces.faces[role].weight
            out.append(f'no weight {wanted} of "{font.family}" is bundled: text asked for in it is set in '
                       f"weight {have} (bundled faces: fonts/faces.toml)")
    return list(dict.fromkeys(out))


def face_map(css: str, faces: dict[str, Face]) -> FaceMap:
    """Read the font rules of ``css`` (later rules win, as in the cascade)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    variables: dict[str, str] = {}
    for rule in rules:
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for decl in _declarations(rule):
                if decl.name.startswith("--"):
                    variables[decl.name] = tinycss2.serialize(decl.value).strip()
    root, classes = Font(), {}
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        declared = _font(rule, variables)
        if declared == Font():
            continue
        for selector in tinycss2.serialize(rule.prelude).split(","):
            selector = selector.strip()
            if selector in ("html", "body", ":root"):
                root = declared.over(root)
            elif m := _CLASS.match(selector):
                classes[m.group(1)] = declared.over(classes.get(m.group(1), Font()))
    return FaceMap(root, classes, faces)


def _declarations(rule):
    return [d for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"]


def _font(rule, variables: dict[str, str]) -> Font:
    family = weight = None
    for decl in _declarations(rule):
        value = tinycss2.serialize(decl.value).strip()
        value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), ""), value)
        if decl.name == "font-family":
            family = value.split(",")[0].strip().strip("\"'") or None
        elif decl.name == "font-weight":
            weight = int(value) if value.isdigit() else _WEIGHTS.get(value)
    return Font(family, weight)


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
        if role:
            self.chars.setdefault(role, set()).update(c for c in data if c not in "\n\r\t")  # line feeds set no glyph
