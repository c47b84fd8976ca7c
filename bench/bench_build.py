"""Build a synthetic 60-page archive in parallel, then again after changing one page.

    python3 bench/bench_build.py [--pages 60] [--jobs N] [--formats pdf,html]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd):
    """Wall seconds, the result, and the CPU seconds (user + system) of the build and its workers:
    on a machine shared with other work the CPU figure is the one to compare."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, out, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--formats", default="pdf,epub,html")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "archive", Path(d) / "out"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_archive.py"), str(src), "--pages", str(args.pages)],
                       check=True)
        cmd = [sys.executable, "-m", "publisher", "build", str(src), "-o", str(out), "--jobs", str(args.jobs),
               "--formats", args.formats]
        first, r1, cpu = run(cmd)
        head = next((l for l in r1.stdout.splitlines() if "page(s):" in l), r1.stderr.strip()[-300:])
        print(f"first build: {first:.1f} s for {args.pages} pages ({args.pages / first:.2f} pages/s, "
              f"{args.jobs} jobs, formats {args.formats}; {cpu:.1f} CPU s, {cpu / args.pages:.2f} per page) — {head}")
        page = next(iter(sorted(src.rglob("p03.txt"))))
        page.write_text(page.read_text(encoding="utf-8").replace("。", "！", 1), encoding="utf-8")
        second, r2, _ = run(cmd)
        head = next((l for l in r2.stdout.splitlines() if "page(s):" in l), r2.stderr.strip()[-300:])
        print(f"after changing {page.relative_to(src)}: {second:.1f} s — {head}")


if __name__ == "__main__":
    main()
