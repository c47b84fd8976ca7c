"""publisher.toml reaches every command; the command line overrides it; ``publisher config``
says what is in force and where each setting comes from."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, SAMPLE


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_project_file_reaches_single_page_commands_and_options_override_it(tmp_path):
    (tmp_path / "publisher.toml").write_text('[build]\nlayout = "a4"\n[metadata]\npaper_latin = "Test Daily"\n',
                                             encoding="utf-8")
    r = run("pdf", SAMPLE, "-o", tmp_path / "a.pdf", cwd=tmp_path)
    assert r.returncode == 0 and "2 columns" in r.stdout, r.stderr  # the a4 layout, from publisher.toml
    r = run("pdf", SAMPLE, "-o", tmp_path / "b.pdf", "--layout", "broadsheet", cwd=tmp_path)
    assert r.returncode == 0 and "1 page of" in r.stdout, r.stderr
    r = run("inspect", SAMPLE, "--json", cwd=tmp_path)
    meta = json.loads(r.stdout)["metadata"]
    assert meta["paper_latin"] == "Inner Mongolia Business Daily"  # the page's own PAGE.toml wins
    page = tmp_path / "p.txt"
    page.write_bytes(SAMPLE.read_bytes())
    r = run("inspect", page, "--json", cwd=tmp_path)
    assert json.loads(r.stdout)["metadata"]["paper_latin"] == "Test Daily"  # the project fills what it lacks


def test_config_shows_each_setting_and_its_origin(tmp_path):
    (tmp_path / "publisher.toml").write_text('[build]\nlayout = "a4"\njobs = 2\n', encoding="utf-8")
    r = run("config", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = dict(line.split(" = ", 1) for line in r.stdout.splitlines())
    assert rows["build.layout"] == "'a4'  (publisher.toml)"
    assert rows["build.jobs"] == "2  (publisher.toml)"
    assert rows["build.lines"] == "'recompose'  (default)"
    r = run("config", cwd=tmp_path / "..")
    assert "build.layout = 'broadsheet'  (default)" in r.stdout


def test_build_takes_a_metadata_file_for_every_page_under_each_pages_own(tmp_path):
    (tmp_path / "a.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "a.toml").write_bytes(SAMPLE.with_suffix(".toml").read_bytes())  # paper = 内蒙古商报
    (tmp_path / "b.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "all.toml").write_text('paper = "测试日报"\n', encoding="utf-8")
    r = run("build", "a.txt", "b.txt", "-o", "out", "--formats", "html", "--meta", "all.toml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "内蒙古商报" in (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert "测试日报" in (tmp_path / "out" / "b.html").read_text(encoding="utf-8")



def _vertical(epub) -> bool:
    import zipfile

    with zipfile.ZipFile(epub) as z:
        return 'page-progression-direction="rtl"' in z.read("EPUB/content.opf").decode("utf-8")


def test_vertical_and_quotes_come_from_the_project_file_and_the_command_line_wins(tmp_path, monkeypatch, capsys):
    from conftest import PAGES
    from publisher.cli import main

    def cli(*args) -> str:  # in this process: the settings' plumbing, not the start-up, is under test
        capsys.readouterr()
        assert main([str(a) for a in args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "source" / "2021-07-01"
    folder.mkdir(parents=True)
    (folder / "p01.txt").write_bytes((PAGES / "island-times_vertical.txt").read_bytes())
    (folder / "p02.txt").write_bytes((PAGES / "harbour-daily.big5.txt").read_bytes())
    page = folder / "p01.txt"
    # defaults: a Traditional page vertical, its quotes as corner brackets
    cli("epub", page, "-o", "a.epub")
    assert _vertical(tmp_path / "a.epub") and "「老街」" in cli("inspect", page)
    (tmp_path / "publisher.toml").write_text('[build]\nvertical = false\nquotes = "keep"\n', encoding="utf-8")
    rows = dict(line.split(" = ", 1) for line in cli("config").splitlines())
    assert rows["build.vertical"] == "False  (publisher.toml)" and rows["build.quotes"] == "'keep'  (publisher.toml)"
    cli("epub", page, "-o", "b.epub")
    cli("epub", page, "-o", "c.epub", "--vertical")
    assert not _vertical(tmp_path / "b.epub") and _vertical(tmp_path / "c.epub")
    assert "“老街”" in cli("inspect", page) and "「老街」" in cli("inspect", page, "--quotes", "corner")
    # build: the project file's setting reaches each page's book and the issue's; --vertical wins
    cli("build", "-o", "out", "--formats", "epub", "--jobs", "1")
    out = tmp_path / "out"
    assert not _vertical(out / "2021-07-01" / "p01.epub") and not _vertical(out / "2021-07-01.epub")
    assert "2 built" in cli("build", "-o", "out", "--formats", "epub", "--jobs", "1", "--vertical")  # in the cache key
    assert _vertical(out / "2021-07-01" / "p01.epub") and _vertical(out / "2021-07-01.epub")
    (tmp_path / "publisher.toml").write_text("[build]\nvertical = 1\n", encoding="utf-8")
    assert main(["config"]) == 3 and "build.vertical must be true or false" in capsys.readouterr().err
