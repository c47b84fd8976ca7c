"""The command line: outputs, and bad input answered with one line, a non-zero exit and no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import PAGES, ROOT, SAMPLE


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def assert_clean_failure(result, *words):
    assert result.returncode not in (0, 9), result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for w in words:
        assert w in lines[0], lines[0]


def test_inspect_json_has_the_documented_shape():
    r = run("inspect", SAMPLE, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"credits", "url", "measure_em", "stories", "repairs"} <= set(d)
    story_keys = {"kind", "kicker", "headline", "subheadline", "dateline", "byline", "body", "caption"}
    assert all(story_keys <= set(s) for s in d["stories"])
    assert d["stories"][0]["kicker"] is None and d["stories"][0]["body"][0]["type"] == "paragraph"
    assert {"kind", "line", "column", "before", "after"} <= set(d["repairs"][0])


def test_inspect_human_readable():
    r = run("inspect", SAMPLE)
    assert r.returncode == 0 and "编辑 李娜" in r.stdout and "[photo] 空中开学礼开启新学期" in r.stdout


def test_html_is_semantic(tmp_path):
    out = tmp_path / "page.html"
    r = run("html", SAMPLE, "-o", out)
    assert r.returncode == 0, r.stderr
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "zh-Hans"
    assert soup.select_one("body > header.folio .folio__credits")
    assert len(soup.select("main > article.story")) == 7
    assert len(soup.select("article.story--photo figure.photo figcaption.caption")) == 1
    assert [h.get_text() for h in soup.select("h3.intertitle")] == ["他们是这样说的更是这样做的", "女民警的美丽坚守"]
    assert soup.select_one("p.para > span.dateline").get_text() == "本报讯（记者 张鑫）"
    assert [f.get_text() for f in soup.select("footer.byline")][:2] == ["李元平", "李倩"]
    assert not soup.find("br")
    p = soup.select("p.para[data-breaks]")[0]
    cuts = [int(x) for x in p["data-breaks"].split()]
    assert all(0 < c < len(p.get_text()) for c in cuts)


def test_source_markup_stays_text(tmp_path):
    page = tmp_path / "x.txt"
    page.write_text("标题<script>alert(1)</script>\n\n正文第一段，内容<b>加粗</b>。这是一段足够长的正文内容，用来测试转义。\n", encoding="utf-8")
    out = tmp_path / "x.html"
    assert run("html", page, "-o", out).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", ["empty"]),
        (b"   \n\n  \n", ["empty"]),
        (bytes(range(256)) * 4, ["binary"]),
        ("只有标题\n\n另一个标题\n".encode(), ["no article"]),
        ("| 编辑 李娜 版式 罗万玲 |\n".encode(), ["no article"]),
    ],
    ids=["empty", "blank", "binary", "headlines-only", "folio-only"],
)
def test_bad_input_fails_cleanly_and_writes_nothing(tmp_path, content, words):
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    out = tmp_path / "bad.html"
    r = run("html", page, "-o", out)
    assert_clean_failure(r, str(page), *words)
    assert not out.exists() and list(tmp_path.iterdir()) == [page]


def test_missing_and_unreadable_input(tmp_path):
    assert_clean_failure(run("inspect", tmp_path / "nope.txt"), "nope.txt", "cannot read")
    assert_clean_failure(run("inspect", tmp_path), "folder")


def test_wrong_forced_encoding():
    assert_clean_failure(run("inspect", PAGES / "county-weekly_12em.gbk.txt", "--encoding", "utf-8"), "not valid utf-8")
    assert_clean_failure(run("inspect", SAMPLE, "--encoding", "klingon"), "unknown encoding")


def test_unwritable_output_leaves_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run("html", SAMPLE, "-o", blocker / "sub" / "page.html")
    assert_clean_failure(r, "is a file")
    r = run("html", SAMPLE, "-o", tmp_path)
    assert_clean_failure(r, "folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_bad_metadata_is_reported(tmp_path):
    page = tmp_path / "p.txt"
    page.write_bytes(SAMPLE.read_bytes())
    (tmp_path / "p.toml").write_text('paper = "某报"\ndate = "March"\n', encoding="utf-8")
    assert_clean_failure(run("inspect", page), "p.toml", "date")
    (tmp_path / "p.toml").write_text('papr = "某报"\n', encoding="utf-8")
    assert_clean_failure(run("inspect", page), "unknown metadata key 'papr'")


# Bad inputs and misuses, each with its exit code and its one line on stderr. ``{d}`` is a
# fresh folder holding ``p.txt`` (a good page), ``empty.txt``, ``bin.dat`` and ``file``.
MISUSES = [
    (["inspect", "{d}/nope.txt"], 3, "cannot read"),
    (["inspect", "{d}"], 3, "is a folder"),
    (["inspect", "{d}/empty.txt"], 3, "empty.txt"),
    (["inspect", "{d}/bin.dat"], 3, "bin.dat"),
    (["inspect", "{d}/p.txt", "--encoding", "klingon"], 3, "unknown encoding"),
    (["inspect", "{d}/p.txt", "--meta", "{d}/nope.toml"], 3, "nope.toml"),
    (["inspect", "{d}/p.txt", "--meta", "{d}/bad.toml"], 3, "invalid TOML"),
    (["html", "{d}/p.txt", "-o", "{d}/file/x.html"], 4, "is a file"),
    (["html", "{d}/p.txt", "-o", "{d}"], 4, "is a folder"),
    (["epub", "{d}/p.txt", "-o", "{d}/file/x.epub"], 4, "is a file"),
    (["pdf", "{d}/p.txt", "-o", "{d}/file/x.pdf"], 4, "is a file"),
    (["pdf", "{d}/p.txt", "-o", "{d}/x.pdf", "--layout", "tabloid"], 3, "unknown layout 'tabloid'"),
    (["pdf", "{d}/p.txt", "-o", "{d}/x.pdf", "--layout", "{d}/nope.css"], 3, "no such layout file"),
    (["pdf", "{d}/p.txt", "-o", "{d}/x.pdf", "--layout", "{d}/bad-knob.css"], 3, "--gutter must be a length"),
    (["pdf", "{d}/p.txt", "-o", "{d}/x.pdf", "--css", "{d}/nope.css"], 3, "cannot read stylesheet"),
    (["pdf", "{d}/crowded.txt", "-o", "{d}/x.pdf"], 3, "broadsheet sheet"),
    (["pdf", "{d}/odd.txt", "-o", "{d}/x.pdf"], 3, "U+2000B"),
    (["preview", "{d}/p.txt", "--layout", "a4", "-o", "{d}/one.png"], 3, "give a folder"),
    (["preview", "{d}/p.txt", "-o", "{d}/file/png"], 4, "is a file"),
    (["layout", "copy", "broadsheet", "{d}/p.txt"], 3, "already exists"),
    (["layout", "copy", "tabloid", "{d}/new.css"], 3, "unknown layout"),
    (["build", "{d}/nope"], 3, "no such file or folder"),
    (["build", "{d}/p.txt", "--formats", "pdf,docx"], 3, "--formats"),
    (["build", "{d}/p.txt", "-o", "{d}/out", "--layout", "tabloid", "--formats", "html"], 3, "failed"),
    (["build", "{d}/p.txt", "--config", "{d}/bad-config.toml"], 3, "unknown section"),
    (["build", "{d}/p.txt", "-o", "{d}/out", "--scheduler", "tcp://127.0.0.1:9", "--formats", "html"], 3,
     "cannot reach the Dask scheduler"),
    (["inspect", "{d}/roles.txt"], 3, "unknown role"),
    (["pdf", "{d}/p.txt", "-o", "{d}/x.pdf", "--layout", "{d}/no-size.css"], 3, "states no page size"),  # was: 14 A4 pages
    (["pdf", "{d}/p.txt", "-o", "{d}/x.pdf", "--css", "{d}/imports-missing.css"], 3, "cannot read stylesheet"),
    (["html", "{d}/odd.txt", "-o", "{d}/x.html"], 3, "U+2000B"),
    (["html", "{d}/p.txt", "-o", "{d}/x.html", "--css", "{d}/nope.css"], 3, "cannot read stylesheet"),
]


@pytest.fixture
def misuse_folder(tmp_path):
    page = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "p.txt").write_text(page, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    (tmp_path / "bad.toml").write_text("paper = [unclosed", encoding="utf-8")
    (tmp_path / "bad-knob.css").write_text(":root { --gutter: wide; }\n", encoding="utf-8")
    (tmp_path / "no-size.css").write_text(":root { --makeup: grid; --gutter: 5mm; }\n", encoding="utf-8")
    (tmp_path / "imports-missing.css").write_text("@import url(gone.css);\n", encoding="utf-8")
    (tmp_path / "bad-config.toml").write_text("[bild]\nlayout = 'a4'\n", encoding="utf-8")
    (tmp_path / "crowded.txt").write_text(page * 3, encoding="utf-8")
    (tmp_path / "odd.txt").write_text("标题\n\n正文里有字体里没有的字𠀋，还有别的内容。这是足够长的段落。\n", encoding="utf-8")
    (tmp_path / "roles.txt").write_text(page, encoding="utf-8")
    (tmp_path / "roles.toml").write_text('[roles]\n3 = "headlien"\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args,code,words", MISUSES, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_misuse_gets_its_exit_code_and_one_line(misuse_folder, args, code, words):
    before = sorted(p.name for p in misuse_folder.rglob("*"))
    r = run(*(a.format(d=misuse_folder) for a in args), cwd=misuse_folder)
    assert r.returncode == code, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert words in lines[0], lines[0]
    assert sorted(p.name for p in misuse_folder.rglob("*") if p.name != ".publisher-cache") == before or \
        args[0] == "build"  # nothing written (a build with failed pages still records nothing but its summary)


def test_html_opens_styled_on_its_own_and_the_users_stylesheet_adds_to_it(tmp_path):
    r = run("html", SAMPLE, "-o", tmp_path / "a.html")
    assert r.returncode == 0, r.stderr
    head = BeautifulSoup((tmp_path / "a.html").read_text(encoding="utf-8"), "html.parser").head
    assert ".story__body" in head.style.string and not head.find("link", rel="stylesheet")
    (tmp_path / "house.css").write_text(".headline { color: #800000; }\n", encoding="utf-8")
    r = run("html", SAMPLE, "-o", tmp_path / "b.html", "--css", tmp_path / "house.css", "--link", "print.css")
    assert r.returncode == 0, r.stderr
    head = BeautifulSoup((tmp_path / "b.html").read_text(encoding="utf-8"), "html.parser").head
    assert head.style.string.index(".story__body") < head.style.string.index(".headline { color: #800000; }")
    assert head.find("link", rel="stylesheet")["href"] == "print.css"
