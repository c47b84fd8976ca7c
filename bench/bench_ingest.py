"""How fast a page is read: the sample, and a ~5 MB text of many synthetic pages.

    python3 bench/bench_ingest.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pagegen import page as make_page  # noqa: E402
from publisher import read_page  # noqa: E402
from publisher.render.html import render_html  # noqa: E402

SAMPLE = ROOT / "source" / "inner-mongolia-business-daily_2020-03.txt"


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main():
    t, page = best_of(5, lambda: read_page(SAMPLE))
    th, _ = best_of(5, lambda: render_html(page))
    print(f"sample page ({SAMPLE.stat().st_size / 1024:.1f} KB): read {t * 1000:.1f} ms, html {th * 1000:.1f} ms, "
          f"{len(page.stories)} stories, {len(page.repairs)} repairs")
    chunks, size, seed = [], 0, 0
    while size < 5 * 1024 * 1024:
        chunk = make_page(seed, 15)
        chunks.append(chunk)
        size += len(chunk.encode("utf-8"))
        seed += 1
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "many-pages.txt"
        big.write_text("".join(chunks), encoding="utf-8")
        t, page = best_of(1, lambda: read_page(big))
        th, html = best_of(1, lambda: render_html(page))
        mb = big.stat().st_size / 1024 / 1024
        print(f"{mb:.1f} MB ({seed} synthetic pages in one file): read {t:.2f} s ({mb / t:.1f} MB/s), "
              f"html {th:.2f} s, {len(page.stories)} stories, {len(page.repairs)} repairs")


if __name__ == "__main__":
    main()
