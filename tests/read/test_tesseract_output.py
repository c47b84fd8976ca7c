"""Real Tesseract output of printed corpus pages (``tests/pages/ocr/tesseract``), scored with the
corpus scorer against the pages' truth: what reading recovers from an engine's real damage
(headlines cut at the gutters and read twice, lines run across gutters, rules read as strokes,
a paragraph guess per line) must not slide back. The floors are what the rules recover today;
the stories still missed there have headlines Tesseract misread beyond recognition."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from publisher import parse_page

ROOT = Path(__file__).resolve().parents[2]
OCR = ROOT / "tests" / "pages" / "ocr" / "tesseract"
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))
from score_corpus import load_scorer  # noqa: E402

FORMATS = {"txt": "tesseract", "hocr.gz": "hocr", "alto.xml.gz": "alto"}
# (page, format): stories found of those printed, at least; and at most this many spurious
FLOORS = {
    ("d00", "hocr"): (4, 0), ("d07", "hocr"): (4, 0), ("d18", "hocr"): (4, 0), ("d26", "hocr"): (5, 0),
    ("d27", "hocr"): (4, 1), ("d07", "alto"): (4, 0), ("d26", "alto"): (5, 0),
    ("d00", "tesseract"): (4, 2), ("d07", "tesseract"): (3, 4), ("d18", "tesseract"): (4, 0),
    ("d26", "tesseract"): (5, 3),
}


def _read(name: str, fmt: str):
    ext = next(e for e, f in FORMATS.items() if f == fmt)
    data = (OCR / f"{name}.{ext}").read_bytes()
    text = (gzip.decompress(data) if ext.endswith(".gz") else data).decode("utf-8")
    return parse_page(text, name=f"{name}.{ext}", format=fmt)


@pytest.mark.parametrize("name,fmt", sorted(FLOORS), ids=[f"{n}-{f}" for n, f in sorted(FLOORS)])
def test_stories_recovered_from_real_tesseract_output(name, fmt):
    scorer = load_scorer(CORPUS)
    truth = json.loads((CORPUS / "pages" / f"{name}.json").read_text(encoding="utf-8"))
    got = scorer(truth, _read(name, fmt).to_dict())
    found, printed = map(int, got["stories"].split("/"))
    least, spurious = FLOORS[name, fmt]
    assert found >= least and got["extra_stories"] <= spurious, got


def test_what_was_left_out_is_logged_with_the_ocr_file_line():
    page = _read("d07", "hocr")
    kinds = {r.kind for r in page.repairs}
    assert {"headline-read-twice"} <= kinds
    assert all(r.line > 0 for r in page.repairs if r.kind in ("headline-read-twice", "rule-read-as-text"))


def test_a_name_cut_off_a_column_s_last_line_at_the_gutter_is_the_byline():
    """d27: the writer's name, flush right at the foot of a story's second column, is read in one
    line with the first column's last line; cut at the gutter, it stands level with that line, so
    it is no head of a next column that the paragraph runs on into: it signs the story."""
    story = next(s for s in _read("d27", "hocr").stories if s.headline.text.startswith("物价的监管"))
    assert story.byline == "王宗仁"
    assert not any("王宗仁" in b.text for b in story.body)
