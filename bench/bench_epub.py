"""How big and how fast the sample's EPUB is: file size, font subsetting time, build time.

    python3 bench/bench_epub.py

Subsetting is timed cold (the per-process font cache cleared before each run); "build" is the
whole of build_epub for a page already read, cold and then with the fonts cached.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from publisher import read_page  # noqa: E402
from publisher.render.epub import build_epub, face_text, render_documents  # noqa: E402
from publisher.typeset.fonts import bundled_faces, subset_font, subset_fonts  # noqa: E402

SAMPLE = ROOT / "source" / "inner-mongolia-business-daily_2020-03.txt"


def best_of(n, fn, before=lambda: None):
    times = []
    for _ in range(n):
        before()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main():
    page = read_page(SAMPLE)
    faces = bundled_faces()
    wanted = face_text(render_documents(page))

    roles = sorted(wanted)

    def subset_all():
        return dict(zip(roles, subset_fonts(tuple((faces[r], wanted[r]) for r in roles))))

    ts, fonts = best_of(3, subset_all, subset_fonts.cache_clear)
    per_face = []
    for role, chars in sorted(wanted.items()):
        t, _ = best_of(3, lambda: subset_font(faces[role], chars), subset_fonts.cache_clear)
        per_face.append(f"{role} {len(chars)} chars {len(fonts[role]) / 1024:.0f} KB {t:.2f} s")
    tb, data = best_of(3, lambda: build_epub(page), subset_fonts.cache_clear)
    tw, _ = best_of(3, lambda: build_epub(page))
    size = sum(map(len, fonts.values()))
    print(f"sample EPUB: {len(data) / 1024:.0f} KB ({len(data)} bytes), fonts {size / 1024:.0f} KB before zipping")
    print(f"subsetting, cold: all faces {ts:.2f} s; one by one: " + "; ".join(per_face))
    print(f"build_epub: {tb:.2f} s cold, {tw:.2f} s with fonts cached")


if __name__ == "__main__":
    main()
