"""The web edition (`publisher html`) opened in a real browser (headless chromium, tests/browser.py):
styled on its own, its faces embedded and loaded, each story's text in columns of the page's
original measure, nothing overflowing a column, and the text the model's; faces checked per
character before anything is written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from browser import ink_bands, look
from bs4 import BeautifulSoup
from conftest import PAGES, ROOT, SAMPLE, han

from publisher import parse_page, read_page, write_html
from publisher.render.webpage import make_webpage
from publisher.typeset.fonts import FontError

BODY = "正文里有一个不常见的字丂，还有别的内容。这是一个足够长的段落，用来测试字体覆盖。\n"


@pytest.fixture(scope="module")
def sample():
    return read_page(SAMPLE)


@pytest.fixture(scope="module")
def sample_html(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "sample.html"
    write_html(sample, path)
    return path


@pytest.fixture(scope="module")
def wide(sample_html):
    return look(sample_html, width=1280)


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=False)


def test_the_page_opens_styled_in_a_browser_in_columns_of_the_original_measure(sample, wide):
    seen = wide
    got = seen.layout
    assert sorted(f[2] for f in got["fonts"]) == ["loaded"] * 4  # the four bundled faces, embedded and used
    assert got["measure"] == sample.measure_em == 15
    assert got["width"] <= got["clientWidth"] and got["overflowing"] == []  # nothing wider than its box
    stories_with_body = [s for s in sample.stories if s.body]
    assert len(got["bodies"]) == len(stories_with_body)
    measure_px = sample.measure_em * got["bodies"][0]["fontSize"]
    for body in got["bodies"]:
        assert body["linesOutside"] == 0, body["story"]  # every line inside a column
        assert len(body["columns"]) >= 2, body["story"]
        assert all(abs(c["width"] - measure_px) < 1 for c in body["columns"]), body  # the original measure
        bands = ink_bands(seen.screenshot, body["box"], least_gap=int(body["columnGap"] * 0.5))
        assert len(bands) == len(body["columns"]), (body["story"], bands)  # columns of ink on the screen
        assert all(right - left <= measure_px + 2 for left, right in bands), bands
    lead = got["bodies"][0]
    assert lead["story"] == "story-1" and len(lead["columns"]) >= 4  # the lead story across the page


def test_the_browser_shows_the_models_text(sample, sample_html, wide):
    text = wide.layout["text"]
    folio = BeautifulSoup(sample_html.read_text(encoding="utf-8"), "html.parser").find("header", class_="folio")
    assert han(text) == han(folio.get_text()) + "".join(han(s.text()) for s in sample.stories)
    assert han(sample.metadata.paper) and han(folio.get_text()).startswith(han(sample.metadata.paper))
    assert all(c.name in folio.get_text() for c in sample.credits)


def test_the_columns_follow_the_pages_own_measure(tmp_path):
    """A page printed in 12-em columns is read in 12-em columns (the measure is the model's)."""
    page = read_page(PAGES / "county-weekly_12em.gbk.txt")
    assert page.measure_em == 12
    path = tmp_path / "county.html"
    write_html(page, path)
    got = look(path, width=1280, screenshot=False).layout
    assert got["overflowing"] == [] and got["bodies"]
    for body in got["bodies"]:
        assert body["linesOutside"] == 0 and len(body["columns"]) >= 2
        assert all(abs(c["width"] - 12 * body["fontSize"]) < 1 for c in body["columns"]), body


def test_on_a_phone_one_column_as_wide_as_the_window_and_nothing_overflows(sample_html):
    got = look(sample_html, width=360, screenshot=False).layout
    assert got["width"] <= got["clientWidth"] and got["overflowing"] == []
    for body in got["bodies"]:
        assert len(body["columns"]) == 1 and body["linesOutside"] == 0, body


def test_the_page_is_one_self_contained_file_the_same_every_time(sample):
    html = make_webpage(sample).html
    assert html == make_webpage(sample).html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("link") is None and soup.find("script") is None
    assert soup.head.style.string.count("@font-face") == 4
    assert "src: url(\"data:font/" in soup.head.style.string and "file:" not in soup.head.style.string
    assert len(soup.find_all("article")) == len(sample.stories)  # one <article> per story


def test_a_character_its_face_lacks_is_refused_by_code_point_before_anything_is_written(tmp_path):
    """丂 is in the Song and Hei faces, not in the Kai: fine in a paragraph, refused in a byline."""
    write_html(parse_page("标题\n\n" + BODY), tmp_path / "fine.html")
    signed = parse_page("标题\n\n" + BODY + "\n王丂\n")
    with pytest.raises(FontError, match=r"U\+4E02 丂"):
        write_html(signed, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
    write_html(signed, tmp_path / "x.html", system_fonts=True)  # the reader's fonts may stand in
    assert "王丂" in (tmp_path / "x.html").read_text(encoding="utf-8")


def test_the_paper_name_is_checked_too(tmp_path):
    from publisher import Metadata

    page = parse_page("标题\n\n" + BODY, metadata=Metadata(paper="𠀋报"))
    with pytest.raises(FontError, match=r"U\+2000B 𠀋"):
        make_webpage(page)


def test_css_adds_to_the_web_stylesheet_its_imports_followed_and_its_faces_checked(tmp_path):
    (tmp_path / "kai.css").write_text('.para { font-family: "Publisher WenKai"; }\n', encoding="utf-8")
    house = tmp_path / "house.css"
    house.write_text('@import url(kai.css);\n@import url(file:///etc/passwd);\n'
                     ".headline { color: #800000; background: url(https://example.com/x.png); }\n", encoding="utf-8")
    with pytest.raises(FontError, match=r"U\+4E02 丂"):  # the body now in Kai, which lacks it
        write_html(parse_page("标题\n\n" + BODY), tmp_path / "p.html", (house,))
    assert not (tmp_path / "p.html").exists()
    page = tmp_path / "p.txt"
    page.write_text("标题\n\n正文里有一些常见的字，还有别的内容。这是一个足够长的段落。\n", encoding="utf-8")
    r = run("html", page, "-o", tmp_path / "p.html", "--css", house, "--link", "print.css", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "refused to load file:///etc/passwd" in r.stderr and "refused to load https://example.com/x.png" in r.stderr
    head = BeautifulSoup((tmp_path / "p.html").read_text(encoding="utf-8"), "html.parser").head
    style = head.style.string
    assert style.index(".story__body") < style.index('.para { font-family: "Publisher WenKai"; }') \
        < style.index(".headline { color: #800000; }")  # after web.css, imports where they stood
    assert "passwd" not in style and "example.com" not in style
    assert head.find("link", rel="stylesheet")["href"] == "print.css"


def test_a_photo_travels_inside_the_page(tmp_path):
    import base64
    import io

    from PIL import Image

    Image.new("RGB", (300, 200), (200, 30, 30)).save(tmp_path / "photo.jpg", "JPEG")
    meta = SAMPLE.with_suffix(".toml").read_text(encoding="utf-8")
    (tmp_path / "p.toml").write_text(meta.replace("[roles]", '[photos]\n"空中开学礼开启新学期" = "photo.jpg"\n\n[roles]'),
                                     encoding="utf-8")
    (tmp_path / "p.txt").write_bytes(SAMPLE.read_bytes())
    html = make_webpage(read_page(tmp_path / "p.txt")).html
    img = BeautifulSoup(html, "html.parser").find("img", class_="photo__image")
    assert img["src"].startswith("data:image/jpeg;base64,") and img["alt"]
    assert Image.open(io.BytesIO(base64.b64decode(img["src"].split(",", 1)[1]))).size == (300, 200)
