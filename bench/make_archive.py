"""Write a synthetic archive: N pages in issue folders of 8 pages (source-like layout).

    python3 bench/make_archive.py DEST [--pages 60]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pagegen import page  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dest", type=Path)
    ap.add_argument("--pages", type=int, default=60)
    args = ap.parse_args()
    for n in range(args.pages):
        issue = args.dest / f"2020-03-{n // 8 + 1:02d}"
        issue.mkdir(parents=True, exist_ok=True)
        (issue / f"p{n % 8 + 1:02d}.txt").write_text(page(n, measure=(13, 15, 17)[n % 3]), encoding="utf-8")
    print(f"{args.pages} pages in {len(list(args.dest.iterdir()))} issue folders under {args.dest}")


if __name__ == "__main__":
    main()
