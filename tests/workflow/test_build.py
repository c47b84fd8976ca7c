"""Building folders of pages: per-page outputs, whole issues, the cache, failures, custom layouts."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PAGES, ROOT, SAMPLE
from pdfcheck import body_lines, fonts, page_count


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def issue(tmp_path):
    folder = tmp_path / "source" / "2021-05-12"
    folder.mkdir(parents=True)
    shutil.copy(PAGES / "evening-news_no-breaks.txt", folder / "p01.txt")
    shutil.copy(PAGES / "county-weekly_12em.gbk.txt", folder / "p02.txt")
    return tmp_path


def test_folder_builds_pages_and_the_whole_issue_then_only_what_changed(issue):
    out = issue / "out"
    r = run("build", issue / "source", "-o", out, "--formats", "pdf,html", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert (out / "2021-05-12" / "p01.pdf").exists() and (out / "2021-05-12" / "p02.html").exists()
    assert page_count(out / "2021-05-12.pdf") == 2
    assert "2 built, 0 unchanged, 0 failed" in r.stdout
    r = run("build", issue / "source", "-o", out, "--formats", "pdf,html", "--jobs", "2")
    assert "0 built, 2 unchanged" in r.stdout
    page = issue / "source" / "2021-05-12" / "p01.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("口袋公园", "口袋花园", 1), encoding="utf-8")
    r = run("build", issue / "source", "-o", out, "--formats", "pdf,html", "--jobs", "2")
    assert "1 built, 1 unchanged" in r.stdout, r.stdout


def test_a_bad_page_is_reported_and_the_rest_built(issue):
    bad = issue / "source" / "2021-05-12" / "p03.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    r = run("build", issue / "source", "-o", issue / "out", "--formats", "html")
    assert r.returncode != 0
    assert "p03.txt" in r.stdout and "binary" in r.stdout
    assert "2 built" in r.stdout and (issue / "out" / "2021-05-12" / "p02.html").exists()
    assert "Traceback" not in r.stderr
    # web pages only: no PDF, so no page count, and no issue PDF or EPUB to name
    assert " pp" not in r.stdout and "issue " not in r.stdout, r.stdout


def test_layouts_are_listed_and_a_copied_layout_changes_the_print(tmp_path):
    r = run("layouts")
    assert r.returncode == 0 and re.search(r"^broadsheet\s+Broadsheet", r.stdout, re.M) and "a4" in r.stdout
    mine = tmp_path / "mine.css"
    assert run("layout", "copy", "broadsheet", mine).returncode == 0
    css = mine.read_text(encoding="utf-8")
    css = css.replace("--gutter: 5mm;", "--gutter: 12mm;").replace('--body-face: "Noto Serif CJK SC";',
                                                                    '--body-face: "Noto Sans CJK SC";')
    mine.write_text(css + "\nbody, .col { font-family: var(--body-face); font-weight: 700; }\n", encoding="utf-8")
    default, custom = tmp_path / "default.pdf", tmp_path / "custom.pdf"
    assert run("pdf", SAMPLE, "-o", default).returncode == 0
    r = run("pdf", SAMPLE, "-o", custom, "--layout", mine)
    assert r.returncode == 0, r.stderr
    assert any("Sans" in f["name"] for f in fonts(custom))
    gaps = []
    for path in (default, custom):
        (lines,) = body_lines(path)
        lefts = sorted({round(ln.x0) for ln in lines if len(ln.chars) > 12})
        gaps.append(min(b - a for a, b in zip(lefts, lefts[1:]) if b - a > 100))
    assert gaps[1] > gaps[0]  # wider gutters move the columns apart
    assert run("layout", "copy", "broadsheet", mine).returncode != 0  # no silent overwrite


def test_a_stylesheet_reaching_outside_is_refused_and_reported(tmp_path):
    evil = tmp_path / "evil.css"
    evil.write_text(".headline { background: url(file:///etc/passwd) }", encoding="utf-8")
    r = run("pdf", SAMPLE, "-o", tmp_path / "x.pdf", "--css", evil)
    assert r.returncode == 0 and "refused to load file:///etc/passwd" in r.stderr


def test_config_file_gives_defaults(tmp_path):
    (tmp_path / "source").mkdir()
    shutil.copy(PAGES / "harbour-daily.big5.txt", tmp_path / "source" / "p1.txt")
    (tmp_path / "publisher.toml").write_text('[build]\nformats = ["html"]\noutput = "public"\n'
                                             '[metadata]\npaper = "海港日報"\n', encoding="utf-8")
    r = run("build", cwd=tmp_path)
    assert r.returncode == 0, r.stderr + r.stdout
    html = (tmp_path / "public" / "p1.html").read_text(encoding="utf-8")
    assert "海港日報" in html


def test_watch_rebuilds_what_changed(issue):
    """publisher watch: builds, then rebuilds on a change and says what it rebuilt."""
    import selectors

    cmd = [sys.executable, "-u", "-m", "publisher", "watch", str(issue / "source"), "-o", str(issue / "out"),
           "--formats", "html"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)

    def read_until(word, limit=120):
        seen = []
        while sel.select(timeout=limit):
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if word in line:
                return "".join(seen)
        raise AssertionError(f"no {word!r} from watch; got: {''.join(seen)}")

    try:
        read_until("watching")
        page = issue / "source" / "2021-05-12" / "p02.txt"
        page.write_bytes(page.read_bytes().replace("县医院".encode("gbk"), "市医院".encode("gbk")))
        out = read_until("rebuilt")
        assert "p02.txt" in out and "rebuilt p02.txt" in out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


ALL = {"pdf", "epub", "html"}


def _edit(path: Path, extra: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _same(options):
    return options


# Each input of a page's outputs, changed in turn, and the outputs it must rebuild (and only those).
CHANGES = [
    ("the page's text", lambda t, o: _edit(t / "p.txt", "\n补记一行。\n"), _same, ALL),
    ("its metadata", lambda t, o: (t / "p.toml").write_text('paper = "某报"\n'), _same, ALL),
    ("its roles", lambda t, o: (t / "p.toml").write_text('[roles]\n5 = "paragraph"\n'), _same, ALL),
    ("the layout", lambda t, o: _edit(t / "my.css", "\n.para { color: #222; }\n"), _same, {"pdf"}),
    ("an extra stylesheet", lambda t, o: _edit(t / "house.css", "\n.headline { color: #222; }\n"), _same, {"pdf"}),
    ("the EPUB stylesheet", lambda t, o: _edit(t / "layouts" / "epub.css", "\n.para { color: #111; }\n"), _same,
     {"epub"}),
    ("the fonts", lambda t, o: None, "fonts", ALL),
    ("the web stylesheet", lambda t, o: _edit(t / "layouts" / "web.css", "\n.para { color: #111; }\n"), _same,
     {"html"}),
    ("the printed lines", lambda t, o: None, lambda o: dataclasses.replace(o, faithful=True), {"pdf"}),
    ("the EPUB cover", lambda t, o: None, lambda o: dataclasses.replace(o, cover="page"), {"epub"}),
    ("the reading", lambda t, o: None, lambda o: dataclasses.replace(o, repair=False), ALL),
    ("the EPUB's writing mode", lambda t, o: None, lambda o: dataclasses.replace(o, vertical=True), {"epub"}),
    ("the vertical EPUB stylesheet", lambda t, o: _edit(t / "layouts" / "epub-vertical.css", "\n.para { color: #111; }\n"),
     _same, {"epub"}),
    ("installed fonts", lambda t, o: None, lambda o: dataclasses.replace(o, system_fonts=True), ALL),
]


@pytest.mark.parametrize("what,change,options_after,rebuilt", CHANGES, ids=[c[0] for c in CHANGES])
def test_a_change_rebuilds_the_outputs_it_shapes_and_only_those(tmp_path, monkeypatch, what, change, options_after,
                                                               rebuilt):
    import publisher.typeset.layout as layout
    import publisher.workflow.build as b

    shutil.copytree(layout.LAYOUTS_DIR, tmp_path / "layouts")
    monkeypatch.setattr(layout, "LAYOUTS_DIR", tmp_path / "layouts")
    (tmp_path / "p.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "my.css").write_text((tmp_path / "layouts" / "broadsheet.css").read_text())
    (tmp_path / "house.css").write_text(".kicker { color: #333; }\n")
    options = b.BuildOptions(outdir=tmp_path / "out", layout=str(tmp_path / "my.css"),
                             extra_css=(tmp_path / "house.css",))
    before = b.cache_keys(tmp_path / "p.txt", options)
    assert b.cache_keys(tmp_path / "p.txt", options) == before
    change(tmp_path, options)
    if options_after == "fonts":
        monkeypatch.setattr(b, "_fonts_fingerprint", lambda: "another font")
    else:
        options = options_after(options)
    after = b.cache_keys(tmp_path / "p.txt", options)
    assert {f for f in before if after[f] != before[f]} == rebuilt


def test_an_edit_to_the_epub_stylesheet_remakes_the_epub_alone(tmp_path, monkeypatch):
    import publisher.typeset.layout as layout

    shutil.copytree(layout.LAYOUTS_DIR, tmp_path / "layouts")
    monkeypatch.setattr(layout, "LAYOUTS_DIR", tmp_path / "layouts")
    import publisher.workflow.build as b

    page = tmp_path / "p.txt"
    page.write_bytes((ROOT / "tests" / "pages" / "harbour-daily.big5.txt").read_bytes())
    options = b.BuildOptions(outdir=tmp_path / "out")
    first = b.build([page], options, jobs=1)
    made = {f: p.read_bytes() for f, p in first.pages[0].outputs.items()}
    assert first.pages[0].made == ("pdf", "epub", "html")
    _edit(tmp_path / "layouts" / "epub.css", "\n.para { color: #111; }\n")
    second = b.build([page], options, jobs=1)
    result = second.pages[0]
    assert result.made == ("epub",) and set(result.outputs) == {"pdf", "epub", "html"}
    assert result.outputs["pdf"].read_bytes() == made["pdf"] and result.outputs["html"].read_bytes() == made["html"]
    assert result.outputs["epub"].read_bytes() != made["epub"]
    assert result.pages == first.pages[0].pages  # the print figures are kept from the record
    third = b.build([page], options, jobs=1)
    assert third.pages[0].cached


@pytest.mark.parametrize("formats", ["epub", "pdf,epub"])
def test_epub_command_and_build_make_the_same_book_with_either_cover(tmp_path, formats):
    page = tmp_path / "p.txt"
    page.write_bytes(SAMPLE.read_bytes())
    (tmp_path / "p.toml").write_bytes(SAMPLE.with_suffix(".toml").read_bytes())
    for cover in ("title", "page"):
        r = run("epub", page, "-o", tmp_path / f"alone-{cover}.epub", "--cover", cover, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        r = run("build", page, "-o", tmp_path / f"out-{cover}", "--formats", formats, "--cover", cover, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / f"out-{cover}" / "p.epub").read_bytes() == (tmp_path / f"alone-{cover}.epub").read_bytes()
    assert (tmp_path / "alone-title.epub").read_bytes() != (tmp_path / "alone-page.epub").read_bytes()


def test_a_page_cover_that_cannot_be_made_falls_back_to_the_title_cover(tmp_path):
    page = tmp_path / "big.txt"
    page.write_text(SAMPLE.read_text(encoding="utf-8") * 3, encoding="utf-8")
    r = run("build", page, "-o", tmp_path / "out", "--formats", "epub", "--cover", "page", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "warning: no page cover" in r.stdout and (tmp_path / "out" / "big.epub").exists()


def test_a_folder_holds_ocr_files_as_pages_and_each_keeps_its_own_outputs(tmp_path):
    """hOCR, ALTO and PaddleOCR JSON in a folder are pages; a JSON object or an XML file that
    is not ALTO beside them is not. ``p.alto.xml`` and ``p.paddle.json`` build side by side."""
    from publisher.workflow.build import find_sources

    ocr = ROOT / "tests" / "pages" / "ocr"
    for name in ("three-stories.alto.xml", "three-stories.paddle.json"):
        shutil.copy(ocr / name, tmp_path / name)
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    (tmp_path / "truth.json").write_text('{"stories": []}', encoding="utf-8")
    (tmp_path / "notes.xml").write_text("<notes><n>今天</n></notes>", encoding="utf-8")
    items = json.loads((ocr / "three-stories.paddle.json").read_text(encoding="utf-8"))
    result = {"input_path": "p.png", "rec_texts": [t for _, (t, _s) in items], "rec_polys": [b for b, _ in items]}
    (tmp_path / "three-stories.p3.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    pages, _ = find_sources([tmp_path])
    assert [p.name for p in pages] == ["a.txt", "three-stories.alto.xml", "three-stories.p3.json", "three-stories.paddle.json"]
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "publisher", "build", str(tmp_path / "three-stories.alto.xml"),
                        str(tmp_path / "three-stories.paddle.json"), "-o", str(out), "--formats", "html"],
                       capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.glob("*.html")) == ["three-stories.alto.html", "three-stories.paddle.html"]


def test_the_page_image_an_ocr_file_names_travels_with_its_job_and_keys_its_outputs(tmp_path):
    """A worker shares no filesystem with the client: the image the ALTO page names (its photo is
    cut from it) is read by the client into the job; changing the image rebuilds every output."""
    import publisher.workflow.build as b
    from publisher.workflow.jobs import render_job

    ocr = ROOT / "tests" / "pages" / "ocr"
    for name in ("photo-story.alto.xml", "photo-page.png"):
        shutil.copy(ocr / name, tmp_path / name)
    page = tmp_path / "photo-story.alto.xml"
    options = b.BuildOptions(outdir=tmp_path / "out", formats=("html",))
    job = b.job_for(page, options)
    assert job.image == ("photo-page.png", (ocr / "photo-page.png").read_bytes())
    moved = dataclasses.replace(job, name=str(tmp_path / "elsewhere" / page.name))  # as on a worker
    html = render_job(moved).outputs["html"].decode("utf-8")
    assert '<img class="photo__image" src="data:image/' in html and 'class="photo__image photo__image--missing"' not in html
    before = b.cache_keys(page, options)
    (tmp_path / "photo-page.png").write_bytes((tmp_path / "photo-page.png").read_bytes() + b"\0")
    assert b.cache_keys(page, options)["html"] != before["html"]


def test_one_page_read_into_several_formats_is_built_once_from_the_richest(tmp_path):
    """``tesseract page.png page txt hocr alto`` writes page.txt, page.hocr and page.xml: one page,
    whose outputs would overwrite each other and which the issue would hold thrice. The reading
    with positions is built (hOCR, then ALTO, then PaddleOCR JSON, then text); the others are named."""
    ocr = ROOT / "tests" / "pages" / "ocr"
    shutil.copy(ocr / "three-stories.alto.xml", tmp_path / "p.xml")
    shutil.copy(ocr / "three-stories.paddle.json", tmp_path / "p.json")
    shutil.copy(SAMPLE, tmp_path / "p.txt")
    shutil.copy(SAMPLE, tmp_path / "q.txt")
    out = tmp_path / "out"
    r = run("build", tmp_path, "-o", out, "--formats", "html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "2 page(s): 2 built" in r.stdout, r.stdout
    assert "p.json and p.txt: the same page in another format, not built (p.xml read instead)" in r.stdout
    assert sorted(f.name for f in out.glob("*.html")) == ["p.html", "q.html"]
    built = (out / "p.html").read_text(encoding="utf-8")
    assert "河畔新建步道迎客" in built and "扶贫车间" not in built  # the ALTO's page, not the text's
