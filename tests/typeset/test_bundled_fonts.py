"""The bundled fonts as fonts/README.md documents them: the repertoires' definitions, the sizes
(under the repository's 60 MB), and build.py --check on the committed files."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from conftest import ROOT

FONTS = ROOT / "fonts"
LIMIT = 60_000_000  # bytes, the whole fonts/ folder


def build_module():
    spec = importlib.util.spec_from_file_location("fonts_build", FONTS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_repertoires_are_what_the_readme_says():
    build = build_module()
    assert len(build.codec_chars("gbk")) == 21791 and len(build.codec_chars("gb2312")) == 7445
    big5, level1, hkscs = (build.codec_chars(n) for n in ("big5", "big5-level1", "big5-hkscs"))
    assert (len(big5), len(level1), len(hkscs)) == (13706, 5805, 16693)
    assert level1 < big5 < hkscs and all(c <= 0xFFFF for c in hkscs)
    assert {ord(c) for c in "啱嘅咗嘢堃喆裏綫"} <= hkscs - big5  # HKSCS's, in the BMP
    assert ord("𠝹") not in hkscs  # CJK Extension B: left out


def test_font_sizes_are_documented_and_under_the_limit():
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    files = sorted(p for p in FONTS.iterdir() if p.suffix in (".otf", ".ttf"))
    assert len(files) == 10
    for path in files:  # each file's row gives its size
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{path.name}` |"))
        assert f"{path.stat().st_size:,}" in row, row
    total = sum(p.stat().st_size for p in files)
    assert f"| total, the ten font files | | | {total:,} |" in readme
    folder = int(subprocess.run(["du", "-sb", str(FONTS)], capture_output=True, text=True, check=True).stdout.split()[0])
    documented = int(re.search(r"`du -b fonts` = \*\*([\d,]+) bytes\*\*", readme).group(1).replace(",", ""))
    assert abs(folder - documented) < 100_000, (folder, documented)  # README and build.py edits aside
    assert folder < LIMIT


def test_build_check_passes_on_the_committed_files():
    proc = subprocess.run([sys.executable, str(FONTS / "build.py"), "--check"], capture_output=True, text=True,
                          check=False, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "PROBLEM" not in proc.stdout
