"""The sample page's PDF through publisher's CLI against raw WeasyPrint on the same page.

    python3 bench/bench_vs_weasyprint.py [--runs 5]

Raw WeasyPrint renders the page's semantic HTML (``publisher html``) in six plain CSS columns
on the same broadsheet, in the bundled fonts: what a user would get from WeasyPrint alone.
Both run as fresh processes, alternately, in the same run; the figures are medians. Also
timed: the whole sample build (PDF, EPUB and HTML) from a cold start, as ``publisher build``
runs it (on all cores). Raw WeasyPrint's speed depends on the system library HarfBuzz-Subset,
which a fresh machine lacks: where this machine has it, raw WeasyPrint is run without it
(``--with-system-subsetter`` lets it use it).
"""

from __future__ import annotations

import argparse
import ctypes.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher import read_page  # noqa: E402
from publisher.render.html import render_html  # noqa: E402
from publisher.typeset.fonts import bundled_faces  # noqa: E402

SAMPLE = ROOT / "source" / "inner-mongolia-business-daily_2020-03.txt"
RAW = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"
# WeasyPrint as on a fresh machine, where the system library HarfBuzz-Subset is absent (pip cannot
# install it; Debian's chromium brings it along): it checks this module global at each subset.
AS_FRESH = "import weasyprint.pdf.fonts as wf; wf.harfbuzz_subset = None; "


def plain_columns_html(folder: Path) -> Path:
    faces = "\n".join(
        f'@font-face {{ font-family: "{f.family}"; src: url("{f.path.as_uri()}"); font-weight: {f.weight}; }}'
        for f in bundled_faces().values())
    style = (f"<style>{faces}\n@page {{ size: 390mm 540mm; margin: 14mm 18mm 16mm }}\n"
             'body { font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.4 }\n'
             ".stories { column-count: 6; column-gap: 5mm; text-align: justify }\n"
             ".para { text-indent: 2em; margin: 0 }\n.headline { font-weight: 700 }</style>")
    html = render_html(read_page(SAMPLE)).replace("</head>", style + "\n</head>", 1)
    path = folder / "plain.html"
    path.write_text(html, encoding="utf-8")
    return path


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--with-system-subsetter", action="store_true",
                    help="let raw WeasyPrint use the system HarfBuzz-Subset when this machine has it")
    args = ap.parse_args()
    hb_subset = ctypes.util.find_library("harfbuzz-subset")
    fresh = bool(hb_subset) and not args.with_system_subsetter
    print(f"system HarfBuzz-Subset: {hb_subset or 'absent'}"
          f"{' (raw WeasyPrint run as on a fresh machine, without it)' if fresh else ''}; "
          f"{args.runs} runs each, alternating")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        html = plain_columns_html(folder)
        ours = [sys.executable, "-m", "publisher", "pdf", str(SAMPLE), "-o", str(folder / "ours.pdf")]
        raw = [sys.executable, "-c", (AS_FRESH if fresh else "") + RAW, str(html), str(folder / "raw.pdf")]
        build = [sys.executable, "-m", "publisher", "build", str(SAMPLE), "-o", str(folder / "out")]  # all cores
        times = {"publisher pdf": [], "raw WeasyPrint": [], "publisher build (pdf, epub, html)": []}
        for n in range(args.runs):
            times["publisher pdf"].append(timed(ours))
            times["raw WeasyPrint"].append(timed(raw))
            subprocess.run(["rm", "-rf", str(folder / "out")], check=True)
            times["publisher build (pdf, epub, html)"].append(timed(build))
    medians = {k: statistics.median(v) for k, v in times.items()}
    for k, v in medians.items():
        print(f"  {k:36} median {v:5.2f} s  (runs: {', '.join(f'{x:.2f}' for x in times[k])})")
    ratio = medians["publisher pdf"] / medians["raw WeasyPrint"]
    print(f"publisher pdf / raw WeasyPrint = {ratio:.2f} (target ≤ 0.40)")
    whole = medians["publisher build (pdf, epub, html)"]
    print(f"whole sample build {whole:.2f} s (target < 2.5 s)")
    # raw WeasyPrint as the machine's yardstick: the fresh machine took 5.3 s for it
    print(f"whole sample build / raw WeasyPrint = {whole / medians['raw WeasyPrint']:.3f}: "
          f"{whole / medians['raw WeasyPrint'] * 5.3:.2f} s where raw WeasyPrint takes 5.3 s")


if __name__ == "__main__":
    main()
