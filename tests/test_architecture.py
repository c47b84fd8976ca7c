"""The package is laid out as the pipeline, and the layout keeps holding (read with ``ast``).

- shared modules (errors, model, chars) import nothing else of publisher;
- read imports only the shared modules; typeset likewise (and never read, render, workflow);
- render may import typeset (and the shared modules), never read or workflow;
- workflow may import everything, and only the CLI imports workflow;
- each third-party engine is imported by exactly one module;
- no module over 400 lines, no function over 60.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "publisher"
SHARED = {"errors", "model", "chars", "version"}
STAGES = {"read", "typeset", "render", "workflow"}
MAY_IMPORT = {  # stage → stages it may import (besides itself and the shared modules)
    "shared": set(),
    "read": set(),
    "typeset": set(),
    "render": {"typeset"},
    "workflow": {"read", "typeset", "render"},
}
ENGINES = {  # engine → the one module that wraps it
    "weasyprint": "render/weasy.py",
    "ebooklib": "render/epub/package.py",
    "fontTools": "typeset/fonts.py",
    "uharfbuzz": "typeset/fonts.py",
    "pypdfium2": "render/pdfpages.py",
    "pikepdf": "render/pdfdoc.py",
    "pydyf": "render/weasy.py",  # WeasyPrint's PDF objects, for its tagger
}


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def stage_of(rel: Path) -> str:
    top = rel.parts[0]
    if top in STAGES:
        return top
    return "shared" if rel.stem in SHARED else "entry"  # __init__, cli, __main__


def internal_imports(rel: Path, source: str) -> list[str]:
    """Dotted names (``read.page``) of publisher modules imported anywhere in ``source``."""
    package = list(rel.parent.parts)
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target] if node.module else [[*target, a.name] for a in node.names]
                out += [".".join(t) for t in names]
            elif node.module and node.module.split(".")[0] == "publisher":
                out.append(node.module.split(".", 1)[1] if "." in node.module else "")
        elif isinstance(node, ast.Import):
            out += [a.name.split(".", 1)[1] for a in node.names if a.name.startswith("publisher.")]
    return out


def third_party_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def violations(rel: Path, source: str) -> list[str]:
    stage = stage_of(rel)
    if stage == "entry":
        return []  # the public API and the CLI may import any stage (only they import workflow)
    allowed = MAY_IMPORT[stage] | {stage}
    out = []
    for name in internal_imports(rel, source):
        first = name.split(".")[0]
        if first in SHARED:
            continue
        target = first if first in STAGES else "entry"
        if target not in allowed:
            out.append(f"{rel} ({stage}) imports {name or 'publisher'}")
    return out


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    assert violations(path.relative_to(PACKAGE), path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("engine,home", sorted(ENGINES.items()))
def test_each_engine_is_wrapped_by_one_module(engine, home):
    users = sorted(str(p.relative_to(PACKAGE)) for p in modules() if engine in third_party_imports(p))
    assert users == [home]


def test_size_limits():
    too_long = []
    for path in modules():
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(PACKAGE)
        if len(source.splitlines()) > 400:
            too_long.append(f"{rel}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    too_long.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
    assert not too_long


@pytest.mark.parametrize("rel,source", [
    ("typeset/x.py", "from ..read.page import read_page"),
    ("typeset/x.py", "from ..render import html"),
    ("read/x.py", "from ..typeset.compose import compose"),
    ("render/x.py", "from ..read.folio import parse_folio"),
    ("render/epub/x.py", "from ...workflow.build import build"),
    ("model.py", "from .read import page"),
    ("read/x.py", "from publisher.workflow import config"),
    ("read/x.py", "from .. import __version__"),
])
def test_the_checker_catches_a_forbidden_import(rel, source):
    assert violations(Path(rel), source)


@pytest.mark.parametrize("rel,source", [
    ("render/x.py", "from ..typeset.sheet import Sheet\nfrom ..model import Page"),
    ("render/epub/x.py", "from ...typeset.fonts import Face\nfrom ..html import heading_lines"),
    ("workflow/x.py", "from ..read.page import read_page\nfrom ..render.pdf import make_pdf"),
    ("read/x.py", "from ..errors import InputError\nfrom .runs import Run"),
])
def test_the_checker_allows_what_the_rules_allow(rel, source):
    assert violations(Path(rel), source) == []
