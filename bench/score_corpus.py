"""Score story recovery on a corpus of pages with their truth (default: tests/corpus).

    python3 bench/score_corpus.py [CORPUS_DIR] [--pages] [--failures]

Runs publisher's reader on every ``pages/dNN.txt``, scores it with the corpus's own
``score.py`` against ``dNN.json``, and prints the averages beside the bars of issue 10.
``--pages`` prints one line per page; ``--failures`` shows what differs on imperfect pages.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher import read_page  # noqa: E402

BARS = {"stories": 0.98, "headline": 0.95, "byline": 0.95, "para_count": 0.90, "body_exact": 0.90,
        "body_sim": 0.99}


def load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def score_corpus(corpus: Path) -> tuple[dict, list[tuple[str, dict, dict, dict]]]:
    """Averages over the corpus, and per page (name, score, truth, model)."""
    score = load_scorer(corpus)
    rows = []
    for txt in sorted((corpus / "pages").glob("*.txt")):
        truth = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        model = read_page(txt).to_dict()
        rows.append((txt.stem, score(json.loads(json.dumps(truth)), model), truth, model))
    found = sum(int(s["stories"].split("/")[0]) for _, s, _, _ in rows)
    expected = sum(int(s["stories"].split("/")[1]) for _, s, _, _ in rows)
    n = len(rows)
    totals = {
        "stories": found / expected,
        "extra_stories": sum(s["extra_stories"] for _, s, _, _ in rows),
        **{k: sum(s[k] for _, s, _, _ in rows) / n for k in ("headline", "byline", "para_count", "body_exact", "body_sim")},
        "han_lost": sum(s["han_lost"] for _, s, _, _ in rows),
        "pages_right": sum(perfect(s) for _, s, _, _ in rows),
        "pages": n,
        "found": found,
        "expected": expected,
    }
    return totals, rows


def perfect(s: dict) -> bool:
    found, expected = s["stories"].split("/")
    return (found == expected and s["extra_stories"] == 0 and s["han_lost"] == 0
            and all(s[k] == 1 for k in ("headline", "byline", "para_count", "body_exact")))


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT / "tests" / "corpus"
    totals, rows = score_corpus(corpus)
    if "--pages" in argv:
        for name, s, _, _ in rows:
            print(name, json.dumps(s, ensure_ascii=False))
    if "--failures" in argv:
        for name, s, truth, model in rows:
            if not perfect(s):
                show_failure(name, s, truth, model)
    print(f"stories found     {totals['found']}/{totals['expected']} ({totals['stories']:.1%}), "
          f"{totals['extra_stories']} extra   (bar ≥ 98%)")
    for k in ("headline", "byline", "para_count", "body_exact", "body_sim"):
        print(f"{k:17} {totals[k]:.3f}   (bar ≥ {BARS[k]})")
    print(f"pages right       {totals['pages_right']}/{totals['pages']}   (bar ≥ 34/40)")
    print(f"Han lost          {totals['han_lost']}")


def show_failure(name, s, truth, model):
    print(f"\n== {name} {json.dumps(s, ensure_ascii=False)}")
    ts = truth["stories"]
    ms = model["stories"]
    print("  truth:", " | ".join(f"{t['headline'][:14]} / {t['byline']} / {len(t['paragraphs'])}p" for t in ts))
    print("  model:", " | ".join(
        f"{(m['kicker'] or '') + '‖' if m['kicker'] else ''}{m['headline'][:14]} / {m['byline']} / "
        f"{sum(b['type'] == 'paragraph' for b in m['body'])}p" for m in ms))


if __name__ == "__main__":
    main(sys.argv[1:])
