"""How fast the print PDF is made: cold (first document in the process) and warm.

    python3 bench/bench_pdf.py [--layout broadsheet|a4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher import read_page  # noqa: E402
from publisher.typeset.fonts import FONTS_DIR  # noqa: E402
from publisher.typeset.layout import LAYOUTS_DIR  # noqa: E402
from publisher.render.weasy import PdfRenderer  # noqa: E402
from publisher.render.pdf import make_pdf  # noqa: E402

SAMPLE = ROOT / "source" / "inner-mongolia-business-daily_2020-03.txt"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layout", default="broadsheet")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    renderer = PdfRenderer((LAYOUTS_DIR, FONTS_DIR))
    times, size = [], 0
    for _ in range(args.runs):
        t = time.perf_counter()
        page = read_page(SAMPLE)
        result = make_pdf(page, args.layout, renderer=renderer)
        times.append(time.perf_counter() - t)
        size = len(result.data)
    warm = sorted(times[1:])
    print(f"sample page, {args.layout}: cold {times[0]:.2f} s, warm median {warm[len(warm) // 2]:.2f} s "
          f"(best {warm[0]:.2f} s) over {len(warm)} runs; PDF {size / 1024:.0f} KB, {result.sheet.pages} page(s)")


if __name__ == "__main__":
    main()
