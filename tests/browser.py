"""Headless Chromium for the tests: a screenshot of a page as a PNG, and its ink as an array.

Debian's ``chromium`` (``/usr/bin/chromium``; ``.ci/run`` installs it when missing) lays out what
e-readers built on Blink and WebKit do: vertical writing, text-combine-upright, web fonts. Nothing
is skipped: without chromium a test that needs it fails, saying how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
