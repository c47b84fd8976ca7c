"""Real RapidOCR output of printed corpus pages (``tests/pages/ocr/rapidocr``), scored with the
corpus scorer against the pages' truth. RapidOCR reads characters far better than Tesseract but
gives only lines, without blocks or rules: what reading must recover from geometry alone (lines
chained into columns, sizes from the lines' widths, the folio over the right-hand columns, a
story's last column beside the stories under a flush-left headline, rows of stories on one
column grid) must not slide back. Each floor is what reading recovers today."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from publisher import parse_page

ROOT = Path(__file__).resolve().parents[2]
OCR = ROOT / "tests" / "pages" / "ocr" / "rapidocr"
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))
from score_corpus import load_scorer  # noqa: E402

# page: body similarity at least (every story found, none spurious, the credits read)
FLOORS = {"d02": 0.91, "d08": 0.98, "d12": 0.99, "d21": 0.99, "d26": 0.99}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_stories_recovered_from_real_rapidocr_output(name):
    text = gzip.decompress((OCR / f"{name}.json.gz").read_bytes()).decode("utf-8")
    page = parse_page(text, name=f"{name}.json", format="paddle")
    truth = json.loads((CORPUS / "pages" / f"{name}.json").read_text(encoding="utf-8"))
    got = load_scorer(CORPUS)(truth, page.to_dict())
    found, printed = map(int, got["stories"].split("/"))
    assert (found, got["extra_stories"], got["credits"]) == (printed, 0, 1.0), got
    assert got["body_sim"] >= FLOORS[name], got
