"""Ace by DAISY, the EPUB accessibility checker, run on Debian's chromium (tests/browser.py).

``.ci/run`` installs Ace from npm into ``.ci/node`` (not committed); ``ACE`` may name another
``ace-puppeteer``. Nothing is skipped: without Ace a test that needs it fails, saying how to
install it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import browser

ROOT = Path(__file__).resolve().parent.parent
# The Puppeteer runner: it drives an installed Chromium (the package's default runner is Electron,
# whose binary npm would have to download from outside the registry).
ACE = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "ace-puppeteer"


def ace() -> str:
    found = Path(os.environ.get("ACE") or ACE)
    if not found.exists():
        pytest.fail(f"Ace by DAISY not found at {found}: run .ci/run, or PUPPETEER_SKIP_DOWNLOAD=1 "
                    "ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --prefix .ci/node @daisy/ace", pytrace=False)
    return str(found)


def start(epub: Path, report_dir: Path) -> subprocess.Popen:
    """Ace checking ``epub`` in the background, its report going to ``report_dir``."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser.chromium(), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    temp = report_dir.with_name(report_dir.name + "-work")  # beside the report: the caller's to remove
    return subprocess.Popen([ace(), "--silent", "--force", "--outdir", str(report_dir), "--tempdir", str(temp), str(epub)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def violations(process: subprocess.Popen, report_dir: Path) -> list[str]:
    """Wait for Ace; every violation it reports, of any severity, as ``document: rule (impact)``."""
    output, _ = process.communicate(timeout=300)
    report = report_dir / "report.json"
    if process.returncode != 0 or not report.exists():
        pytest.fail(f"Ace failed (exit {process.returncode}):\n{output[-3000:]}", pytrace=False)
    data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for document in data["assertions"]:
        for a in document.get("assertions", []):
            if a["earl:result"]["earl:outcome"] != "pass":
                test = a["earl:test"]
                found.append(f"{document['earl:testSubject']['url']}: {test['dct:title']} ({test['earl:impact']}) "
                             f"{a['earl:result'].get('dct:description', '')}")
    if not found and data["earl:result"]["earl:outcome"] != "pass":
        found.append(f"the book: {data['earl:result']['earl:outcome']}")
    return found
