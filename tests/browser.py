"""Headless Chromium for the tests: Debian's ``chromium`` (``/usr/bin/chromium``; ``.ci/run``
installs it when missing) lays out what e-readers built on Blink and WebKit do — vertical
writing, text-combine-upright, web fonts — and what a reader's browser does with the web edition.

- ``screenshot(page, png)`` and ``ink``/``bands``: a picture of a page and where its ink is;
- ``look(html_file, width)``: the page opened at a window ``width`` CSS pixels wide, what the
  browser laid out (measured by a script run after the fonts have loaded, in a copy of the
  page) and a screenshot of the whole page; ``ink_bands`` finds its columns of ink.

Nothing is skipped: without chromium a test that needs it fails, saying how to install it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

# Off everything that would reach the network or write outside the throwaway profile.
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--hide-scrollbars", "--mute-audio", "--force-device-scale-factor=1")


def chromium() -> str:
    """The Chromium executable (``CHROMIUM`` overrides where to look), or the test fails."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        pytest.fail("chromium not found: install Debian's chromium (apt-get install chromium; .ci/run does)",
                    pytrace=False)
    return found


def screenshot(page: Path | str, png: Path, size: tuple[int, int] = (1000, 700), *, wait_ms: int = 3000) -> Path:
    """Render ``page`` (a file path or a URL) at ``size`` CSS pixels into ``png``.

    ``wait_ms`` of virtual time lets web fonts load before the picture is taken (virtual time
    runs as fast as the page allows, so it costs no real waiting when nothing is pending).
    """
    url = page if isinstance(page, str) else Path(page).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="publisher-chromium-") as profile:
        args = [chromium(), *_FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
                f"--virtual-time-budget={wait_ms}", f"--screenshot={png}", url]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": profile})
    if done.returncode != 0 or not Path(png).exists():
        pytest.fail(f"chromium could not take the screenshot (exit {done.returncode}):\n{done.stderr[-2000:]}",
                    pytrace=False)
    return Path(png)


def ink(png: Path, threshold: int = 160) -> np.ndarray:
    """Boolean array (rows × columns): where the picture is darker than ``threshold``."""
    grey = np.asarray(Image.open(png).convert("L"))
    return grey < threshold


def bands(profile: np.ndarray, min_gap: int = 3) -> list[tuple[int, int]]:
    """Runs of indices where ``profile`` (ink per pixel column or row) is non-zero, as
    ``(start, end)`` half-open, runs closer than ``min_gap`` white pixels merged."""
    runs: list[list[int]] = []
    for i in np.flatnonzero(profile):
        if runs and i - runs[-1][1] < min_gap:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [(a, b) for a, b in runs]


# Run after the fonts are ready: what the tests check, as JSON in a <pre> the harness reads back.
MEASURE = r"""
<script>
(async () => {
  await document.fonts.ready;
  const box = r => ({left: r.left + scrollX, top: r.top + scrollY, width: r.width, height: r.height});
  const blocks = [...document.body.querySelectorAll('*')].filter(e => getComputedStyle(e).display !== 'inline');
  const overflowing = blocks.filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth} > ${e.clientWidth}`);
  const bodies = [...document.querySelectorAll('.story__body')].map(body => {
    const style = getComputedStyle(body);
    const fragments = [...body.children].flatMap(c => [...c.getClientRects()]).map(box);
    const lefts = [...new Set(fragments.map(f => Math.round(f.left)))].sort((a, b) => a - b);
    const columns = lefts.map(l => ({left: l, width: Math.max(...fragments.filter(f => Math.round(f.left) === l).map(f => f.width))}));
    const lines = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange(); range.selectNodeContents(n);
      lines.push(...[...range.getClientRects()].map(box));
    }
    const outside = lines.filter(l => !columns.some(c => l.left >= c.left - 0.5 && l.left + l.width <= c.left + c.width + 0.5));
    return {story: body.closest('article').id, box: box(body.getBoundingClientRect()), columns,
            fontSize: parseFloat(style.fontSize), columnGap: parseFloat(style.columnGap), linesOutside: outside.length};
  });
  const result = {
    width: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
    fonts: [...document.fonts].map(f => [f.family, f.weight, f.status]),
    overflowing, bodies, text: document.body.innerText,
    measure: parseFloat(getComputedStyle(document.body).getPropertyValue('--measure')) || null,
  };
  const pre = document.createElement('pre'); pre.id = 'browser-result';
  pre.textContent = JSON.stringify(result); document.body.append(pre);
})();
</script>
"""


@dataclass
class Look:
    layout: dict  # what MEASURE found
    screenshot: Image.Image | None  # the whole page in grey, 1 CSS pixel = 1 pixel


def _run(args: list[str], profile: str) -> subprocess.CompletedProcess:
    r = subprocess.run([chromium(), *_FLAGS, "--virtual-time-budget=15000", f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                       timeout=120, check=False)
    if r.returncode != 0:
        pytest.fail(f"chromium failed ({r.returncode}): {r.stderr[-2000:]}")
    return r


def look(html_file: Path, width: int = 1280, screenshot: bool = True) -> Look:
    """Open ``html_file`` at ``width`` CSS pixels: the layout measured, and a full-page screenshot."""
    with tempfile.TemporaryDirectory(prefix="publisher-browser-") as tmp:
        folder = Path(tmp)
        probe = html_file.parent / f".{html_file.stem}.probe.html"  # beside it: relative URLs still resolve
        text = html_file.read_text(encoding="utf-8")
        probe.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        try:
            r = _run([f"--window-size={width},2000", "--dump-dom", probe.as_uri()], str(folder / "profile"))
        finally:
            probe.unlink()
        m = re.search(r'<pre id="browser-result">(.*?)</pre>', r.stdout, re.DOTALL)
        if not m:
            pytest.fail(f"the page's measuring script gave no result: {r.stdout[-1000:]}")
        layout = json.loads(_unescape(m.group(1)))
        if not screenshot:
            return Look(layout, None)
        shot = folder / "page.png"
        _run([f"--window-size={width},{layout['height']}", f"--screenshot={shot}", html_file.as_uri()],
             str(folder / "profile"))
        return Look(layout, Image.open(shot).convert("L").copy())


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text)


def ink_bands(image: Image.Image, box: dict, darker_than: int = 128, least_gap: int = 8) -> list[tuple[int, int]]:
    """The vertical bands of ink inside ``box`` (CSS pixels): runs of pixel columns holding dark
    pixels, separated by at least ``least_gap`` columns without any."""
    left, top = int(box["left"]), int(box["top"])
    crop = image.crop((left, top, left + int(box["width"]), top + int(box["height"])))
    w, h = crop.size
    data = crop.load()
    inked = [any(data[x, y] < darker_than for y in range(0, h, 1)) for x in range(w)]
    bands, start, blank = [], None, 0
    for x, ink in enumerate(inked + [False] * least_gap):
        if ink:
            if start is None:
                start = x
            blank, end = 0, x
        elif start is not None:
            blank += 1
            if blank >= least_gap:
                bands.append((left + start, left + end + 1))
                start = None
    return bands
