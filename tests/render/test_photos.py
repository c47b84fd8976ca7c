"""Photos from the user: ``[photos]`` in PAGE.toml gives a photo story its image, cut to its frame
in the PDF (with a warning below 150 dpi), in the EPUB with the caption as alt text, and in the
HTML; a missing or unreadable image, or a story that is not there, is refused naming it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest
from PIL import Image

from conftest import ROOT, SAMPLE
from publisher import read_page
from publisher.render.epub import build_epub
from publisher.render.html import render_html
from publisher.render.pdf import make_pdf

PHOTO_STORY = "空中开学礼开启新学期"  # the sample's photo story


def page_with_photo(tmp_path, size=(2400, 1600), key=PHOTO_STORY, name="photo.jpg", write=True):
    page = tmp_path / "p.txt"
    page.write_bytes(SAMPLE.read_bytes())
    if write:
        image = Image.new("RGB", size, (200, 30, 30))
        image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: the crop keeps the centre
        image.save(tmp_path / name, "JPEG", quality=90)
    meta = SAMPLE.with_suffix(".toml").read_text(encoding="utf-8")
    meta = meta.replace("[roles]", f'[photos]\n"{key}" = "{name}"\n\n[roles]')
    (tmp_path / "p.toml").write_text(meta, encoding="utf-8")
    return page


def test_a_photo_fills_its_frame_in_pdf_epub_and_html(tmp_path):
    page = read_page(page_with_photo(tmp_path))
    story = next(s for s in page.stories if s.headline.text == PHOTO_STORY)
    assert story.image and story.image.endswith("photo.jpg")
    result = make_pdf(page)
    assert result.warnings == []
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(result.data)
    images = [o for o in pdf[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert any(o.get_px_size()[0] > 1000 for o in images)  # the photo, not the small placeholder
    epub = zipfile.ZipFile(io.BytesIO(build_epub(page)))
    xhtml = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml") and b"photo__image" in epub.read(n))
    assert f'alt="{story.caption.text}"' in xhtml
    assert any(n.startswith("EPUB/images/photo-") for n in epub.namelist())
    assert 'class="photo__image" src="file://' in render_html(page)


def test_a_small_photo_is_warned_about(tmp_path):
    page = read_page(page_with_photo(tmp_path, size=(300, 200)))
    (warning,) = make_pdf(page).warnings
    assert "dpi" in warning and "below 150" in warning


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("kwargs,words", [
    ({"write": False}, "no image file 'photo.jpg'"),
    ({"key": "没有这篇稿件"}, "no story with that headline or number"),
    ({"name": "broken.jpg"}, "not a readable image"),
])
def test_bad_photos_are_refused_naming_them(tmp_path, kwargs, words):
    page = page_with_photo(tmp_path, **kwargs)
    if kwargs.get("name") == "broken.jpg":
        (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    r = run("pdf", page, "-o", tmp_path / "out.pdf", cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and words in r.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_a_photo_by_story_number(tmp_path):
    n = next(i for i, s in enumerate(read_page(SAMPLE).stories, 1) if s.headline.text == PHOTO_STORY)
    page = read_page(page_with_photo(tmp_path, key=str(n)))
    assert page.stories[n - 1].image
