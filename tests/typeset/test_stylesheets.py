"""Stylesheets behave as written: @import works from --css and --layout, for WeasyPrint and for
publisher's own reading of knobs, page size and faces; URLs outside the project are refused and
reported; a layout whose sheet publisher cannot read is refused with one line, never printed wrong."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher import parse_page
from publisher.typeset.faces import face_map
from publisher.typeset.fonts import bundled_faces
from publisher.typeset.layout import LAYOUTS_DIR, PT_PER, LayoutError, load_layout
from publisher.typeset.stylesheets import StylesheetError, load_css

MM = PT_PER["mm"]
SHORT = ("春风送暖万家\n\n本报讯 今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。"
         "演出队伍走进社区、乡村和工地，为群众送上精彩节目。\n\n王小明\n")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_imports_are_inlined_in_cascade_order_with_urls_resolved_against_their_own_file(tmp_path):
    write(tmp_path, "house/base.css", '@import "deeper/c.css" screen;\n:root { --gutter: 8mm; }\n'
                                      '.photo { background: url(img/x.png); }\n')
    write(tmp_path, "house/deeper/c.css", ".c { color: blue; }\n")
    main = write(tmp_path, "main.css", '@charset "utf-8";\n@import url("house/base.css");\n'
                                       ":root { --gutter: 6mm; }\n")
    css = load_css([main], [tmp_path])
    assert css.refused == ()
    assert [p.name for p in css.files] == ["main.css", "base.css", "c.css"]
    text = css.text
    assert text.index(".c {") < text.index("--gutter: 8mm") < text.index("--gutter: 6mm")
    assert "@media screen {" in text and "@import" not in text and "@charset" not in text
    assert f'url("{(tmp_path / "house/img/x.png").as_uri()}")' in text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/x.css", "https://example.com/x.css",
                                 "../outside.css", "/etc/hostname", "ftp://example.com/x.css"])
def test_an_import_or_url_outside_the_allowed_folders_is_refused_and_left_out(tmp_path, url):
    project = tmp_path / "project"
    write(tmp_path, "outside.css", ".leak { color: red; }\n")
    main = write(project, "main.css", f'@import url("{url}");\n.kicker {{ background: url("{url}"); color: green; }}\n')
    css = load_css([main], [project])
    assert len(css.refused) == 1 and (url in css.refused[0] or css.refused[0].endswith("outside.css"))
    assert ".leak" not in css.text and "background" not in css.text and "color: green" in css.text


@pytest.mark.parametrize("text,words", [
    (".a { color: red; }\n@import url(b.css);\n", "must come before the other rules"),
    ("@import url(main.css);\n", "makes a cycle"),
    ("@import url(missing.css);\n", "cannot read stylesheet"),
    ("@import url(b.css) layer(x);\n", "only a media list"),
])
def test_imports_that_cannot_mean_what_they_say_are_errors(tmp_path, text, words):
    write(tmp_path, "b.css", ".b { color: red; }\n")
    main = write(tmp_path, "main.css", text)
    with pytest.raises(StylesheetError, match=words):
        load_css([main], [tmp_path])


def test_knobs_and_faces_are_read_through_imports_from_layout_and_css(tmp_path):
    write(tmp_path, "knobs.css", ":root { --gutter: 8mm; --columns: 5; }\n")
    write(tmp_path, "faces.css", ".byline { font-family: var(--body-face), serif; font-weight: 400; }\n")
    layout = write(tmp_path, "my-paper.css", '@import url("knobs.css");\n'
                   + (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8").split("*/", 1)[1]
                   .replace("--gutter: 5mm;", "").replace("--columns: auto;", ""))
    house = write(tmp_path, "house.css", '@import "faces.css";\n:root { --columns: 4; }\n')
    got = load_layout(layout, (house,))
    assert abs(got.gutter - 8 * MM) < 1e-6 and got.columns == 4  # imported, then overridden after the import
    assert [p.name for p in got.files] == ["my-paper.css", "knobs.css", "house.css", "faces.css"]
    fmap = face_map(got.css, bundled_faces())
    assert fmap.role(fmap.classes["byline"].over(fmap.root)) == "body"


def test_an_imported_rule_reaches_the_pdf_and_a_refused_import_is_reported(tmp_path):
    write(tmp_path, "red.css", ".headline { color: #ff0000; }\n")
    main = write(tmp_path, "house.css", '@import url(red.css);\n@import url(file:///etc/passwd);\n')
    from publisher.render.pdf import write_pdf

    result = write_pdf(parse_page(SHORT), tmp_path / "p.pdf", extra_css=(main,))
    assert result.refused == ["file:///etc/passwd"]  # the CLI says "refused to load …" for each
    with pdfplumber.open(tmp_path / "p.pdf") as pdf:
        colours = {c["text"]: tuple(c["non_stroking_color"] or ()) for c in pdf.pages[0].chars}
    assert colours["暖"] in ((1, 0, 0), (1.0, 0.0, 0.0)) and colours["演"] not in ((1, 0, 0), (1.0, 0.0, 0.0))


def broadsheet_with(page_rule: str, knobs: bool = False) -> str:
    text = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    if not knobs:
        text = text.replace("  --page-width: 390mm;\n", "").replace("  --page-height: 540mm;\n", "")
    return text.replace("  size: var(--page-width) var(--page-height);\n", page_rule)


@pytest.mark.parametrize("page_rule,knobs,words", [
    ("", False, "states no page size"),
    ("", True, "states no page size"),
    ("  size: auto;\n", True, "@page size 'auto' cannot be read"),
    ("  size: landscape;\n", True, "cannot be read"),
    ("  size: 30em 40em;\n", True, "cannot be read"),
    ("  size: var(--sheet);\n", True, "cannot be read"),
    ("  size: 400mm 540mm;\n", True, "--page-width (390mm) disagrees with @page size"),
])
def test_a_sheet_publisher_cannot_read_is_an_error_naming_it(tmp_path, page_rule, knobs, words):
    layout = write(tmp_path, "my.css", broadsheet_with(page_rule, knobs))
    with pytest.raises(LayoutError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load_layout(layout)


@pytest.mark.parametrize("size,mm", [("A3", (297, 420)), ("A3 landscape", (420, 297)), ("b4 portrait", (250, 353)),
                                     ("300mm 420mm", (300, 420)), ("11in", (279.4, 279.4))])
def test_the_sheet_is_read_from_the_page_size(tmp_path, size, mm):
    layout = load_layout(write(tmp_path, "my.css", broadsheet_with(f"  size: {size};\n")))
    assert (round(layout.page_width / MM, 1), round(layout.page_height / MM, 1)) == mm


def test_changing_only_the_page_knobs_changes_the_printed_sheet(tmp_path):
    """The built-in layouts state the sheet once (size: var(--page-width) var(--page-height)):
    a copy whose --page-width/--page-height are changed prints on that sheet, one page."""
    text = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    layout = write(tmp_path, "my.css", text.replace("--page-width: 390mm", "--page-width: 300mm")
                   .replace("--page-height: 540mm", "--page-height: 420mm")
                   .replace("--blank-max: 35%", "--blank-max: none"))  # a short page keeps the sheet
    from publisher.render.pdf import write_pdf

    result = write_pdf(parse_page(SHORT), tmp_path / "p.pdf", layout)
    assert result.sheet.pages == 1
    with pdfplumber.open(tmp_path / "p.pdf") as pdf:
        assert len(pdf.pages) == 1
        assert (round(pdf.pages[0].width / MM), round(pdf.pages[0].height / MM)) == (300, 420)


def test_build_ships_a_stylesheet_with_its_imports_and_rebuilds_when_an_import_changes(tmp_path):
    from publisher.workflow.build import BuildOptions, cache_keys
    from publisher.workflow.jobs import stylesheet

    knobs = write(tmp_path, "styles/knobs.css", ":root { --gutter: 8mm; }\n")
    house = write(tmp_path, "house.css", '@import url("styles/knobs.css");\n@import url(http://example.com/x.css);\n')
    shipped = stylesheet(house)
    assert "--gutter: 8mm" in shipped.css and "@import" not in shipped.css  # the worker needs no other file
    assert shipped.refused == ("http://example.com/x.css",) and shipped.folder == str(tmp_path)
    page = write(tmp_path, "p.txt", SHORT)
    options = BuildOptions(outdir=tmp_path / "out", extra_css=(house,))
    before = cache_keys(page, options)
    knobs.write_text(":root { --gutter: 9mm; }\n", encoding="utf-8")
    after = cache_keys(page, options)
    assert after["pdf"] != before["pdf"] and after["epub"] == before["epub"]


URLS = st.sampled_from(["img/a.png", "../up.png", "../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
                        "http://example.com/a.png", "HTTPS://example.com/x", "data:image/png;base64,AAAA", "#frag",
                        "sub/../img/b.png", "ftp://x/y", "//example.com/z.png", "javascript:alert(1)",
                        "img/%2e%2e/%2e%2e/c.png", "img/a.png?x=1#y"])


@settings(deadline=None, max_examples=60)  # a loaded machine must not fail it on time
@given(st.lists(st.tuples(st.sampled_from([".a", ".b", "@font-face", ":root"]), URLS,
                          st.sampled_from(["url({})", 'url("{}")', "url('{}')"])), min_size=1, max_size=6))
def test_no_url_outside_the_allowed_folder_survives_loading(tmp_path_factory, rules):
    """Whatever URLs a stylesheet names, the text made of it names only data:, #fragments and
    files inside the allowed folder; everything else is listed as refused."""
    folder = tmp_path_factory.mktemp("css") / "project"
    css = "\n".join(f"{sel} {{ background: {form.format(url)}; color: red; }}" for sel, url, form in rules)
    loaded = load_css([write(folder, "main.css", css)], [folder])
    for token in re.findall(r'url\("([^"]*)"\)', loaded.text):
        assert token.startswith(("data:", "#")) or (token.startswith("file://")
                                                    and Path(unquote(token[7:].split("#")[0])).resolve()
                                                    .is_relative_to(folder.resolve())), token
    assert loaded.text.count("color: red") == len(rules)  # only the declarations with a refused URL dropped
    assert len(re.findall(r"url\(", loaded.text)) + len(loaded.refused) >= len({u for _, u, _ in rules}) - 1


def test_a_rule_that_resizes_the_printed_page_is_refused_not_printed_wrong(tmp_path):
    """publisher made up one sheet; a stylesheet whose @page :first makes it A4 would
    print the sheet cut off (or across several pages) while saying "1 page"."""
    from publisher.render.pdf import make_pdf
    from publisher.render.weasy import RenderError

    first = write(tmp_path, "first.css", "@page :first { size: A4; }\n")
    with pytest.raises(RenderError, match=r"1 page\(s\) of 210 × 297 mm, not 1 of \d+ × \d+ mm as made up"):
        make_pdf(parse_page(SHORT), extra_css=(first,))


def test_a_layout_read_again_sees_its_files_as_they_are_now(tmp_path, monkeypatch):
    """Loading a layout is kept per process (a build loads it for every page), by the text of
    every file it read: an edit to the layout or to a file it imports is seen at the next load,
    and the same names from another folder are other files."""
    write(tmp_path, "a/knobs.css", ":root { --gutter: 7mm; }\n")
    main = write(tmp_path, "a/main.css", '@import "knobs.css";\n:root { --body-size: 10pt; --columns: 4; }\n'
                                         "@page { size: 300mm 400mm; }\n")
    first = load_layout(main)
    assert (first.body_size, round(first.gutter / MM, 3)) == (10, 7)
    assert load_layout(main) == first  # nothing changed: the same layout
    write(tmp_path, "a/knobs.css", ":root { --gutter: 4mm; }\n")
    assert round(load_layout(main).gutter / MM, 3) == 4
    main.write_text(main.read_text(encoding="utf-8").replace("10pt", "11pt"), encoding="utf-8")
    assert load_layout(main).body_size == 11
    write(tmp_path, "b/knobs.css", ":root { --gutter: 9mm; }\n")
    write(tmp_path, "b/main.css", main.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path / "b")  # a relative name means the file where it is now
    assert round(load_layout(Path("main.css")).gutter / MM, 3) == 9
    monkeypatch.chdir(tmp_path / "a")
    assert round(load_layout(Path("main.css")).gutter / MM, 3) == 4
