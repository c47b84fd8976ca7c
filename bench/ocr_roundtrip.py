"""Print corpus pages, read them back with real Tesseract, and score what publisher recovers.

    python3 bench/ocr_roundtrip.py [d00 d07 ...] [--work /tmp/ocr-rt] [--dpi 300] [--font "WenQuanYi Zen Hei"]
                                   [--font-dir DIR] [--rapidocr VENV/bin/python]

Each page's truth (``../shared/corpus/pages/dNN.json``) is printed by publisher (its own
makeup, set in a face publisher does not bundle, through ``--system-fonts``), rendered at
``--dpi``, and read by ``tesseract -l chi_sim --psm 3`` into plain text, hOCR and ALTO. Each
of the three is then read by publisher and scored with the corpus scorer. With ``--rapidocr``,
each page is also read by RapidOCR (PaddleOCR's models) into PaddleOCR's JSON. The engines'
output is kept in ``--work`` between runs (delete a page's files to read it again).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FORMATS = {"tesseract": ".txt", "hocr": ".hocr", "alto": ".xml"}


def printed(name: str, work: Path, dpi: int, font: str, font_dir: Path | None = None) -> list[Path]:
    """The page's PNG images, printed from the corpus text in ``font`` (found in ``font_dir`` too,
    so a face can be tried without installing it: unpack a Debian font package there)."""
    images = sorted(work.glob(f"{name}-*.png"))
    if images:
        return images
    css = work / "ocr-face.css"
    css.write_text(f'body, .headline, .kicker, .subheadline, .intertitle, .byline, .caption, .folio '
                   f'{{ font-family: "{font}"; }}\n', encoding="utf-8")
    pdf = work / f"{name}.pdf"
    env = dict(os.environ)
    if font_dir:
        conf = work / "fonts.conf"
        conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                        f'<dir>{font_dir.resolve()}</dir></fontconfig>\n', encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    subprocess.run([sys.executable, "-m", "publisher", "pdf", str(CORPUS / "pages" / f"{name}.txt"), "-o", str(pdf),
                    "--css", str(css), "--system-fonts"], check=True, capture_output=True, env=env)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(work / name)], check=True)
    return sorted(work.glob(f"{name}-*.png"))


def ocr(image: Path) -> dict[str, Path]:
    base = image.with_suffix("")
    files = {f: base.with_suffix(ext) for f, ext in FORMATS.items()}
    if not all(p.exists() for p in files.values()):
        subprocess.run(["tesseract", str(image), str(base), "-l", "chi_sim", "--psm", "3", "txt", "hocr", "alto"],
                       check=True, capture_output=True)
    return files


RAPIDOCR = """import json, sys
from rapidocr_onnxruntime import RapidOCR
result, _ = RapidOCR()(sys.argv[1])
items = [[[list(map(float, p)) for p in box], [text, float(score)]] for box, text, score in (result or [])]
json.dump(items, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
"""


def rapidocr(image: Path, python: str) -> Path:
    """The page read by RapidOCR (PaddleOCR's models on ONNX Runtime) into PaddleOCR's JSON, with
    ``python``: an interpreter that has ``rapidocr-onnxruntime`` (not a dependency of publisher)."""
    out = image.with_suffix(".paddle.json")
    if not out.exists():
        subprocess.run([python, "-c", RAPIDOCR, str(image), str(out)], check=True, capture_output=True)
    return out


def score(name: str, source: Path, fmt: str, work: Path) -> dict:
    model = work / f"{source.stem}.{fmt}.model.json"
    out = subprocess.run([sys.executable, "-m", "publisher", "inspect", str(source), "--json", "--format", fmt],
                         capture_output=True, text=True)
    if out.returncode:
        return {"error": out.stderr.strip()}
    model.write_text(out.stdout, encoding="utf-8")
    scored = subprocess.run([sys.executable, str(CORPUS / "score.py"), str(CORPUS / "pages" / f"{name}.json"),
                             str(model)], capture_output=True, text=True, check=True)
    return json.loads(scored.stdout)


def bylines(name: str, model: Path) -> tuple[int, int]:
    """Of the printed stories found (headline ≥ 0.6 alike, as the scorer matches them), how many
    bylines were read at ≥ 0.8 similarity (OCR misreads characters), and how many have one."""
    truth = json.loads((CORPUS / "pages" / f"{name}.json").read_text(encoding="utf-8"))["stories"]
    got = json.loads(model.read_text(encoding="utf-8"))["stories"]
    squash = lambda s: "".join((s or "").split())  # noqa: E731
    alike = lambda a, b: SequenceMatcher(None, squash(a), squash(b)).ratio()  # noqa: E731
    heads = lambda s: "".join(s.get(k) or "" for k in ("kicker", "headline", "subheadline"))  # noqa: E731
    good = total = 0
    for story in truth:  # a heading group (kicker, headline, subheadline) is compared whole, as the scorer does
        best = max(got, key=lambda g: alike(heads(g), heads(story)), default=None)
        if not story.get("byline") or best is None or alike(heads(best), heads(story)) < 0.6:
            continue
        total += 1
        read = [b.get("text", "") if isinstance(b, dict) else b for b in best.get("bylines") or []] or [best.get("byline")]
        good += any(alike(r, story["byline"]) >= 0.8 for r in read)
    return good, total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="*", default=["d00", "d07", "d12", "d20", "d31"])
    ap.add_argument("--work", type=Path, default=Path("/tmp/ocr-rt"))
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--font", default="WenQuanYi Zen Hei")
    ap.add_argument("--font-dir", type=Path, help="a folder of font files to look in besides the system's")
    ap.add_argument("--rapidocr", metavar="PYTHON",
                    help="also read each page with RapidOCR, run by this interpreter (one that has "
                         "rapidocr-onnxruntime: python3 -m venv V && V/bin/pip install rapidocr-onnxruntime)")
    args = ap.parse_args()
    if not shutil.which("tesseract"):
        sys.exit("needs tesseract-ocr and tesseract-ocr-chi-sim")
    args.work.mkdir(parents=True, exist_ok=True)
    totals: dict[str, list[int]] = {f: [0, 0, 0, 0, 0] for f in [*FORMATS, "paddle"]}
    for name in args.pages:
        images = printed(name, args.work, args.dpi, args.font, args.font_dir)
        if len(images) != 1:
            print(f"{name}: printed on {len(images)} sheets; only one-sheet pages are read back")
            continue
        files = ocr(images[0])
        if args.rapidocr:
            files["paddle"] = rapidocr(images[0], args.rapidocr)
        for fmt, path in files.items():
            s = score(name, path, fmt, args.work)
            if "error" in s:
                print(f"{name} {fmt:9}: {s['error']}")
                continue
            found, expected = map(int, s["stories"].split("/"))
            totals[fmt][0] += found
            totals[fmt][1] += expected
            totals[fmt][2] += s["extra_stories"]
            good, total = bylines(name, args.work / f"{path.stem}.{fmt}.model.json")
            totals[fmt][3] += good
            totals[fmt][4] += total
            print(f"{name} {fmt:9}: stories {found}/{expected} (+{s['extra_stories']} spurious)  "
                  f"headlines {s['headline']:.2f}  bylines {s['byline']:.2f}  body sim {s['body_sim']:.3f}  "
                  f"credits {s['credits']:.2f}")
    for fmt, (found, expected, spurious, good, signed) in totals.items():
        if expected:
            print(f"all {fmt:9}: {found}/{expected} stories ({found / expected:.0%}), {spurious} spurious; "
                  f"bylines of the stories found {good}/{signed} at ≥ 0.8 similarity ({good / max(1, signed):.0%})")


if __name__ == "__main__":
    main()
