"""Photos from the page image: an ALTO page (``tests/pages/ocr/photo-story.alto.xml``) names its
image (``photo-page.png``, beside it) and has an Illustration under a photo title with its
caption below. The region is cut from the image (a blue block) and printed in the story's frame
in the PDF (read back as pixels), put in the EPUB with the caption as alt text, and in the HTML.
``--image`` gives the image when the OCR file does not name one that is there; an image that
cannot be read is refused with exit 3, one line, and no output file."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile

import numpy as np
import pytest
from PIL import Image

from conftest import ROOT
from publisher import read_page
from publisher.render.epub import build_epub
from publisher.render.html import render_html
from publisher.render.pdf import make_pdf
from publisher.render.pdfpages import png_pages

OCR = ROOT / "tests" / "pages" / "ocr"
PAGE = OCR / "photo-story.alto.xml"
BLUE = (30, 60, 200)
CAPTION = "图为改造后的老街社区食堂。本报记者摄"


def blue_share(image: Image.Image) -> float:
    pixels = np.asarray(image.convert("RGB"), dtype=int).reshape(-1, 3)
    return float((np.abs(pixels - np.array(BLUE)) <= 40).all(axis=1).mean())


@pytest.fixture(scope="module")
def page():
    return read_page(PAGE)


def test_the_illustration_is_the_photo_storys_and_its_image_the_page_image(page):
    story = page.stories[-1]
    assert story.kind == "photo" and story.headline.text == "老街新貌" and story.caption.text == CAPTION
    assert (story.photo_box.x0, story.photo_box.y0, story.photo_box.x1, story.photo_box.y1) == (40, 460, 600, 740)
    assert story.image == str(OCR / "photo-page.png") == page.geometry.image
    assert page.geometry.size == (1220.0, 1000.0)
    data = page.to_dict()
    assert data["format"] == "alto" and data["stories"][-1]["photo_box"]["y1"] == 740
    assert all(s["box"] for s in data["stories"]) and data["geometry"]["image"].endswith("photo-page.png")


def test_the_pdf_prints_the_cut_photo_in_its_frame(page):
    result = make_pdf(page)
    png = Image.open(io.BytesIO(png_pages(result.data, dpi=20)[0]))
    assert blue_share(png) > 0.02  # the photo's block of blue, in the frame
    pixels = np.asarray(png.convert("RGB"), dtype=int)
    ys, xs = np.nonzero((np.abs(pixels - np.array(BLUE)) <= 40).all(axis=2))
    # where the original page had it: the left half, below the middle (the original arrangement)
    assert xs.max() < png.width * 0.55 and ys.min() > png.height * 0.5


def test_the_epub_carries_the_cut_photo_with_the_caption_as_alt(page):
    with zipfile.ZipFile(io.BytesIO(build_epub(page))) as z:
        names = [n for n in z.namelist() if "/images/photo-" in n]
        assert names == ["EPUB/images/photo-4.jpg"]
        photo = Image.open(io.BytesIO(z.read(names[0])))
        assert photo.size == (560, 280) and blue_share(photo) > 0.95
        xhtml = next(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml") and b"photo-4.jpg" in z.read(n))
    assert f'alt="{CAPTION}"' in xhtml


def test_the_html_carries_the_cut_photo(page):
    html = render_html(page)
    assert 'src="data:image/jpeg;base64,' in html and f'alt="{CAPTION}"' in html


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_without_the_image_the_frame_is_a_placeholder_and_image_gives_it(tmp_path):
    alone = tmp_path / "p.xml"
    shutil.copy(PAGE, alone)  # the image it names is not beside it
    assert read_page(alone).stories[-1].image is None
    given = read_page(alone, image=OCR / "photo-page.png").stories[-1]
    assert given.image == str(OCR / "photo-page.png") and given.photo_box is not None


@pytest.mark.parametrize("content,words", [(b"\x89PNG\r\n\x1a\n not really", "not a readable image"), (None, "no such")])
def test_an_image_that_cannot_be_read_is_refused_with_no_output(tmp_path, content, words):
    image = tmp_path / "broken.png"
    if content is not None:
        image.write_bytes(content)
    out = tmp_path / "out.html"
    r = run("html", PAGE, "--image", image, "-o", out, cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and words in r.stderr and "broken.png" in r.stderr
    assert not out.exists()


def test_image_with_a_page_that_records_no_positions_is_refused(tmp_path):
    text = tmp_path / "p.txt"
    text.write_text("标题一\n本报讯 正文第一段讲了一件事。\n", encoding="utf-8")
    r = run("inspect", text, "--image", OCR / "photo-page.png", cwd=tmp_path)
    assert r.returncode == 3 and "records no positions" in r.stderr


def test_an_illustration_near_no_story_is_a_photo_story_of_its_own(tmp_path):
    lone = tmp_path / "lone.xml"
    text = PAGE.read_text(encoding="utf-8")
    text = text.replace('HPOS="40" VPOS="460" WIDTH="560" HEIGHT="280"', 'HPOS="40" VPOS="860" WIDTH="300" HEIGHT="120"')
    for block in ('<TextBlock ID="ph">', '<TextBlock ID="cap">'):  # no title, no caption: nothing near it
        start = text.index(block)
        text = text[:start] + text[text.index("</TextBlock>", start) + len("</TextBlock>"):]
    lone.write_text(text, encoding="utf-8")
    page = read_page(lone, image=OCR / "photo-page.png")
    *articles, photo = page.stories
    assert all(s.kind == "article" and s.photo_box is None for s in articles)
    assert photo.kind == "photo" and photo.headline.text == "" and photo.photo_box.y0 == 860 and photo.image
    with zipfile.ZipFile(io.BytesIO(build_epub(page))) as z:
        chapter = z.read("EPUB/story-4.xhtml").decode()
        nav = z.read("EPUB/nav.xhtml").decode()
    assert "<title>图片</title>" in chapter and ">图片</a>" in nav  # a title may not be empty
