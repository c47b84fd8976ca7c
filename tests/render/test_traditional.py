"""Traditional Chinese pages (zh-Hant) in the TC faces, Simplified ones unchanged: the PDF read
back with pdffonts and pdftotext, the EPUB's embedded subsets, and the HTML's stylesheet; and a
sans body set in the Regular face, a face the stylesheet asks for but is not there warned about.

The pages are our own: tests/pages/tamsui-evening_photo.big5.txt (Big5, printed line breaks at a
14-em measure, a photo story) and kowloon-weekly_intertitles.txt (UTF-8, intertitles, HKSCS
characters), with harbour-daily.big5.txt."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from io import BytesIO

import pytest
from conftest import PAGES, ROOT, SAMPLE
from fontTools.ttLib import TTFont
from pdfcheck import fonts, pdfium_text, poppler_text

from publisher import read_page
from publisher.model import date_label
from publisher.render.epub import build_epub
from publisher.render.pdf import write_pdf

TRADITIONAL = ["tamsui-evening_photo.big5.txt", "kowloon-weekly_intertitles.txt", "harbour-daily.big5.txt"]
# as pdffonts names them (WeasyPrint writes the family and style)
TC_FONTS = {"Noto-Serif-CJK-TC", "Noto-Serif-CJK-TC-Bold", "Noto-Sans-CJK-TC-Bold", "AR-PL-UKai-TW"}
SC_FONTS = {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold", "Noto-Sans-CJK-SC-Bold", "Noto-Sans-CJK-SC",
            "Publisher-WenKai"}


def ink(text: str) -> str:
    """Every character that prints: what the text layer must give back, spaces aside."""
    return re.sub(r"\s", "", text)


def print_text(page) -> str:
    """What the print page shows, in reading order: masthead, folio fields, stories. The folio
    sets its URL after the label 網址： in full-width, whatever colon the source had."""
    when = page.metadata.when
    unprinted = date_label(when) if when and when != page.folio.date else ""
    folio = "".join(f.text for f in page.folio.fields).replace("網址:", "網址：")
    return ink((page.metadata.paper or "") + unprinted + folio + "".join(s.text() for s in page.stories))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tc")
    out = {}
    for name in TRADITIONAL:
        page = read_page(PAGES / name)
        path = folder / f"{name}.pdf"
        out[name] = (page, path, write_pdf(page, path))
    return out


def font_names(path) -> set[str]:
    return {f["name"].split("+")[-1] for f in fonts(path)}


@pytest.mark.parametrize("name", TRADITIONAL)
def test_traditional_page_is_set_in_the_tc_faces(pdfs, name):
    page, path, result = pdfs[name]
    assert page.metadata.language == "zh-Hant"
    used = font_names(path)
    assert {"Noto-Serif-CJK-TC", "Noto-Serif-CJK-TC-Bold", "Noto-Sans-CJK-TC-Bold"} <= used, used
    assert used <= TC_FONTS and not used & SC_FONTS, used
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts(path))
    assert result.warnings == []


def test_kai_and_hei_faces_of_the_traditional_pages(pdfs):
    _, photo, _ = pdfs["tamsui-evening_photo.big5.txt"]
    assert "AR-PL-UKai-TW" in font_names(photo)  # the photo caption and the bylines
    _, intertitles, _ = pdfs["kowloon-weekly_intertitles.txt"]
    assert "Noto-Sans-CJK-TC-Bold" in font_names(intertitles)  # the intertitles and the folio


@pytest.mark.parametrize("name", TRADITIONAL)
def test_text_layer_is_exact(pdfs, name):
    page, path, _ = pdfs[name]
    expected = print_text(page)
    assert ink(pdfium_text(path)) == expected
    assert sorted(ink(poppler_text(path))) == sorted(expected)  # nothing lost, nothing added


def test_centred_marks_keep_their_em_in_print(pdfs):
    """No ，。、；：！？ is set half-width (span.h) on a Traditional page; the Simplified sample
    squeezes them."""
    _, _, result = pdfs["tamsui-evening_photo.big5.txt"]
    squeezed = [u.text for item in _lines(result.sheet) for u in item.units if u.squeezed]
    assert squeezed and not set(squeezed) & set("，。、；：！？"), squeezed  # 」「 still close up
    sample = read_page(SAMPLE)
    from publisher.render.pdf import make_pdf

    simplified = [u.text for item in _lines(make_pdf(sample).sheet) for u in item.units if u.squeezed]
    assert set(simplified) & set("，。、；：")


def _lines(sheet):
    for module in sheet.modules:
        for column in module.plan.columns:
            yield from (item.line for item in column if item.line is not None)
        yield from module.plan.caption


@pytest.fixture(scope="module")
def books():
    return {name: build_epub(read_page(PAGES / name)) for name in TRADITIONAL[:2]}


@pytest.mark.parametrize("name", TRADITIONAL[:2])
def test_epub_embeds_tc_subsets(books, name):
    with zipfile.ZipFile(BytesIO(books[name])) as z:
        css = z.read("EPUB/css/fonts.css").decode("utf-8")
        families = set(re.findall(r'font-family: "([^"]+)"', css))
        assert families <= {"Noto Serif CJK TC", "Noto Sans CJK TC", "AR PL UKai TW"}, families
        assert "Noto Serif CJK TC" in families
        for path in (n for n in z.namelist() if n.startswith("EPUB/fonts/")):
            font = TTFont(BytesIO(z.read(path)))
            assert font["name"].getDebugName(1) in families


def test_html_carries_the_tc_faces_for_a_traditional_page():
    from publisher.render.webpage import make_webpage

    web = make_webpage(read_page(PAGES / "kowloon-weekly_intertitles.txt"))
    assert '<html lang="zh-Hant"' in web.html and "html:lang(zh-Hant) .kicker" in web.html
    assert set(web.fonts) == {"body-tc", "headline-tc", "hei-tc", "kai-tc"}, set(web.fonts)
    families = set(re.findall(r'font-family: ?"([^"]+)"', web.html.split("</style>")[0]))
    assert {"Noto Serif CJK TC", "Noto Sans CJK TC", "AR PL UKai TW"} <= families


# --- a sans body, and faces that are not there ------------------------------------------------------


def run_pdf(tmp_path, css: str, page=SAMPLE) -> tuple[subprocess.CompletedProcess, object]:
    extra = tmp_path / "house.css"
    extra.write_text(css, encoding="utf-8")
    out = tmp_path / "page.pdf"
    proc = subprocess.run([sys.executable, "-m", "publisher", "pdf", str(page), "-o", str(out), "--css", str(extra)],
                          capture_output=True, text=True, check=False, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return proc, out


def test_a_sans_body_is_set_in_the_regular_face(tmp_path):
    extra = tmp_path / "sans.css"
    extra.write_text(':root { --body-face: "Noto Sans CJK SC"; }\n', encoding="utf-8")
    out = tmp_path / "sans.pdf"
    result = write_pdf(read_page(SAMPLE), out, extra_css=(extra,))
    assert result.warnings == []
    used = font_names(out)
    assert "Noto-Sans-CJK-SC" in used and "Noto-Serif-CJK-SC" not in used, used
    chars = _chars_by_font(out)
    assert chars["Noto-Sans-CJK-SC"] > 5 * chars.get("Noto-Sans-CJK-SC-Bold", 0), chars


def _chars_by_font(path) -> dict[str, int]:
    import pdfplumber

    counts: dict[str, int] = {}
    with pdfplumber.open(path) as pdf:
        for c in pdf.pages[0].chars:
            name = c["fontname"].split("+")[-1]
            counts[name] = counts.get(name, 0) + 1
    return counts


def test_a_weight_or_a_face_that_is_not_there_is_said_once_with_what_stands_in(tmp_path):
    css = (".byline { font-weight: 700; }\n.caption { font-weight: 700; }\n"
           '.intertitle { font-family: "Nowhere Hei", "Noto Sans CJK SC", sans-serif; }\n')
    proc, out = run_pdf(tmp_path, css)
    assert proc.returncode == 0, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if "bundled" in l]
    assert lines == [
        ('publisher: warning: font "Nowhere Hei" is neither bundled nor installed: its text is set in '
         '"Noto Sans CJK SC" (bundled), the next family listed'),
        ('publisher: warning: no weight 700 of "Publisher WenKai" is bundled: text asked for in it is set in '
         "weight 400 (bundled faces: fonts/faces.toml)"),
    ], proc.stderr
    assert {n for n in font_names(out) if n.startswith("Publisher-WenKai")}  # the weight-400 face, as said


def test_coverage_is_checked_against_the_tc_faces():
    """镕 (U+9555) is in GBK, not in Big5 or HKSCS: a Simplified page has it, a Traditional page
    is refused it by code point, in print and in the EPUB, before anything is written."""
    from publisher import parse_page
    from publisher.render.pdf import make_pdf
    from publisher.typeset.fonts import FontError

    traditional = parse_page("港口貨運量創新高\n\n本報訊 港務局發言人朱镕表示，今年首季貨櫃吞吐量較去年同期增長。\n")
    assert traditional.metadata.language == "zh-Hant"
    with pytest.raises(FontError, match=r"U\+9555 镕"):
        make_pdf(traditional)
    with pytest.raises(FontError, match=r"U\+9555 镕"):
        build_epub(traditional)
    simplified = parse_page("港口货运量创新高\n\n本报讯 港务局发言人朱镕表示，今年首季货柜吞吐量较去年同期增长。\n")
    assert simplified.metadata.language == "zh-Hans"
    assert build_epub(simplified).startswith(b"PK")


def test_same_traditional_page_same_pdf_bytes(pdfs):
    from publisher.render.pdf import make_pdf

    page, path, _ = pdfs["kowloon-weekly_intertitles.txt"]
    assert make_pdf(page).data == path.read_bytes()
