"""Story recovery on the development corpus (tests/corpus, scored by its own score.py).

The bars are issue 10's "required" column; a change to the reading rules that slides below
any of them fails here.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from score_corpus import score_corpus  # noqa: E402

FLOORS = {"stories": 0.98, "headline": 0.95, "byline": 0.95, "para_count": 0.90, "body_exact": 0.90,
          "body_sim": 0.99}


def test_corpus_scores_hold_their_floors():
    totals, _ = score_corpus(ROOT / "tests" / "corpus")
    assert totals["han_lost"] == 0
    below = {k: round(totals[k], 3) for k, floor in FLOORS.items() if totals[k] < floor}
    assert not below, below
    assert totals["pages_right"] >= 34
