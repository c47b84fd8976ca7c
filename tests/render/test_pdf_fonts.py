"""The fonts the print PDF embeds: cut to the page before WeasyPrint sees them, and subset for the
PDF by HarfBuzz from the uharfbuzz wheel, never by the system library HarfBuzz-Subset nor by
WeasyPrint's fontTools fallback (slow, and it stamps the clock into each font it saves): the same
bytes on every run and every machine. Should the wheel fail, the fallback still gives the same
bytes."""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys

import pytest
from conftest import PAGES, ROOT, SAMPLE
from fontTools.ttLib import TTFont
from pdfcheck import fonts, poppler_text

from publisher import read_page
from publisher.render.pdf import make_pdf
from publisher.render.weasy import PdfRenderer
from publisher.typeset.fonts import _print_subset, bundled_faces, font_dates_kept, print_subset

# Run in a fresh process: WeasyPrint as on a machine without libharfbuzz-subset (it checks the
# module global at each subset), each subsetter counted, and fontTools' clock moved by a day per
# run so that a date taken from the clock cannot go unnoticed. ``broken`` makes the wheel's
# subsetter fail, so that WeasyPrint's fontTools fallback runs.
RENDER = """
import json, sys
from pathlib import Path
import weasyprint.pdf.fonts as wf
from fontTools.ttLib.tables import _h_e_a_d
from publisher import read_page
import publisher.render.weasy as weasy
from publisher.render.pdf import write_pdf

wf.harfbuzz_subset = None
clock = _h_e_a_d.timestampNow
_h_e_a_d.timestampNow = lambda: clock() + 86400 * int(sys.argv[3])
sizes, wheel = [], []
fallback = wf.Font._fonttools_subset
def counted(font, *args):
    sizes.append(len(font.file_content))
    return fallback(font, *args)
wf.Font._fonttools_subset = counted
cut = weasy.subset_glyphs
def by_wheel(data, *args, **kw):
    wheel.append(len(data))
    return None if sys.argv[4] == "broken" else cut(data, *args, **kw)
weasy.subset_glyphs = by_wheel
write_pdf(read_page(Path(sys.argv[1])), Path(sys.argv[2]))
print(json.dumps({"fonttools": sizes, "wheel": wheel}))
"""


def two_runs(tmp_path_factory, mode: str):
    """The sample page rendered by two processes at once, their clocks a day apart."""
    folder = tmp_path_factory.mktemp(mode)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    runs = []
    for n in range(2):
        path = folder / f"run{n}.pdf"
        runs.append((path, subprocess.Popen([sys.executable, "-c", RENDER, str(SAMPLE), str(path), str(n), mode],
                                            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True)))
    out = []
    for path, proc in runs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr[-3000:]
        out.append((path, json.loads(stdout.strip().splitlines()[-1])))
    return out


@pytest.fixture(scope="module")
def fallback_pdfs(tmp_path_factory):
    return two_runs(tmp_path_factory, "wheel")


@pytest.fixture(scope="module")
def broken_wheel_pdfs(tmp_path_factory):
    return two_runs(tmp_path_factory, "broken")


# The faces the sample is set in: the four Simplified ones (not the sans body's Regular, nor the TC faces).
SAMPLE_FACES = ("body", "headline", "hei", "kai")


def test_the_wheel_subsets_every_font_and_fonttools_none(fallback_pdfs):
    for _, calls in fallback_pdfs:
        assert calls["fonttools"] == []
        assert len(calls["wheel"]) == len(SAMPLE_FACES)
        assert max(calls["wheel"]) < 1_000_000  # the page's cut, not the 3.6–7.4 MB bundled face


def test_fallback_output_is_the_same_bytes_in_two_processes(fallback_pdfs):
    (first, _), (second, _) = fallback_pdfs
    assert first.read_bytes() == second.read_bytes()


def test_if_the_wheel_fails_weasyprints_fonttools_path_gives_the_same_bytes_too(broken_wheel_pdfs):
    (first, calls), (second, _) = broken_wheel_pdfs
    assert len(calls["fonttools"]) == len(SAMPLE_FACES)
    assert first.read_bytes() == second.read_bytes()
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(first))


def test_fallback_fonts_are_embedded_subsets(fallback_pdfs):
    table = fonts(fallback_pdfs[0][0])
    assert len(table) == len(SAMPLE_FACES)
    for f in table:
        assert f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes", f
        assert re.match(r"[A-Z]{6}\+", f["name"]), f


def test_fallback_text_layer_has_the_headlines(fallback_pdfs):
    text = re.sub(r"\s", "", poppler_text(fallback_pdfs[0][0]))
    page = read_page(SAMPLE)
    for story in page.stories:
        assert re.sub(r"\s", "", story.headline.text) in text
    assert page.metadata.paper in text


# -- the subset function


@pytest.fixture(scope="module")
def sample_chars():
    text = SAMPLE.read_text(encoding="utf-8")
    return "".join(sorted(set(text + "".join(map(chr, range(0x20, 0x7F))) + "“”‘’…—，。、；：？！（）《》")))


@pytest.mark.parametrize("role", ["body", "headline", "hei", "kai"])
def test_subset_keeps_every_character_with_its_metrics(role, sample_chars):
    face = bundled_faces()[role]
    whole = TTFont(face.path, lazy=True)
    cut = TTFont(io.BytesIO(print_subset(face, sample_chars)))
    whole_cmap, cut_cmap = whole.getBestCmap(), cut.getBestCmap()
    wanted = {ord(c) for c in sample_chars if ord(c) in whole_cmap}
    assert len(wanted) > 500
    assert set(cut_cmap) == wanted  # all asked for that the face has, and nothing else
    for cp in wanted:  # same advances: WeasyPrint lays the page out as with the whole face
        assert cut["hmtx"][cut_cmap[cp]][0] == whole["hmtx"][whole_cmap[cp]][0], chr(cp)
    assert cut["head"].modified == whole["head"].modified  # no date from the clock
    assert len(cut.getGlyphOrder()) < 1.2 * len(wanted)


def features(font: TTFont, table: str) -> set[str]:
    return {r.FeatureTag for r in font[table].table.FeatureList.FeatureRecord} if table in font else set()


def test_subset_keeps_the_layout_features(sample_chars):
    face = bundled_faces()["body"]
    whole = TTFont(face.path, lazy=True)
    cut = TTFont(io.BytesIO(print_subset(face, sample_chars)))
    for tag in ("halt", "palt", "vert", "vrt2", "kern", "locl"):
        assert tag in features(whole, "GSUB") | features(whole, "GPOS"), tag  # the face has them…
        assert tag in features(cut, "GSUB") | features(cut, "GPOS"), tag  # …and so does the cut


def test_subset_is_deterministic_and_memoised(sample_chars):
    face = bundled_faces()["body"]
    first = print_subset(face, sample_chars)
    shuffled = list(sample_chars * 2)
    random.Random(7).shuffle(shuffled)
    assert print_subset(face, "".join(shuffled)) is first  # memoised per set of characters
    _print_subset.cache_clear()
    assert print_subset(face, sample_chars) == first  # computed afresh: the same bytes
    assert print_subset(face, sample_chars[:-1]) != first


def test_font_dates_are_kept_inside_the_block_only(sample_chars):
    font = TTFont(io.BytesIO(print_subset(bundled_faces()["kai"], sample_chars)))  # recalcTimestamp on
    stamp = font["head"].modified

    def saved_date() -> int:
        out = io.BytesIO()
        font.save(out)
        return TTFont(io.BytesIO(out.getvalue()))["head"].modified

    with font_dates_kept():
        assert saved_date() == stamp
    assert saved_date() != stamp  # fontTools as usual: today's date (the font's is from 2019)
    assert font.recalcTimestamp


# -- one renderer, several pages


def test_a_reused_renderer_sets_each_page_with_its_own_cut():
    """Two cuts of one family in one FontConfiguration would mix glyph numbers (wrong characters)."""
    first, second = (read_page(PAGES / n) for n in ("county-weekly_12em.gbk.txt", "evening-news_no-breaks.txt"))
    renderer = PdfRenderer(())
    make_pdf(first, renderer=renderer)
    assert make_pdf(second, renderer=renderer).data == make_pdf(second).data
