"""Real Tesseract on a page of our own (``tesseract_page``): printed at 300 dpi in WenQuanYi Zen
Hei, read once into plain text, hOCR and ALTO, and each read by publisher. What it recovers is
compared with what was printed: stories found (≥ 90 %, by headline), headlines and bylines at
≥ 0.8 similarity (OCR misreads characters), the measure within 1 em, the stories in page order;
from hOCR and ALTO also where each story was, and the photo (Tesseract's ``ocr_photo`` /
``Illustration``) given to the story of its caption and cut from the page image.

Needs Debian's tesseract-ocr, tesseract-ocr-chi-sim and fonts-wqy-zenhei (``.ci/run`` installs
them); skipped without them, except on CI, where their absence fails.
"""

from __future__ import annotations

import io
import math
import os
import shutil
from difflib import SequenceMatcher

import pytest
from PIL import Image

import tesseract_page
from publisher import read_page

FORMATS = ("tesseract", "hocr", "alto")


def similar(a: str, b: str) -> float:
    squash = lambda s: "".join(s.split())  # noqa: E731 - OCR spacing is not what is compared
    return SequenceMatcher(None, squash(a), squash(b)).ratio()


@pytest.fixture(scope="session")
def ocr_outputs(tmp_path_factory):
    font = tesseract_page.wqy_zenhei()
    missing = [what for what, there in (("tesseract", shutil.which("tesseract")), ("fonts-wqy-zenhei", font)) if not there]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {', '.join(missing)} (.ci/run)")
        pytest.skip(f"needs {', '.join(missing)}")
    folder = tmp_path_factory.mktemp("tesseract")
    image = folder / "page.png"
    printed = tesseract_page.render(font, image)
    return printed, tesseract_page.ocr(image, folder / "page")


@pytest.fixture(scope="session", params=FORMATS)
def recovered(request, ocr_outputs):
    printed, files = ocr_outputs
    page = read_page(files[request.param])
    assert page.format == request.param
    return printed, page


def matches(printed, page) -> list[int | None]:
    """For each printed story, the index of the recovered story whose headline is most like its
    headline (at ≥ 0.8), or None."""
    out = []
    for story in printed.stories:
        scores = [similar(story.headline, s.headline.text) for s in page.stories]
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        out.append(best if best is not None and scores[best] >= 0.8 else None)
    return out


def test_stories_are_found(recovered):
    printed, page = recovered
    found = [m for m in matches(printed, page) if m is not None]
    assert len(found) >= math.ceil(0.9 * len(printed.stories)), [s.headline.text for s in page.stories]


def test_stories_come_in_page_order(recovered):
    printed, page = recovered
    found = [m for m in matches(printed, page) if m is not None]
    assert found == sorted(found)


def test_bylines_are_read(recovered):
    printed, page = recovered
    for story, m in zip(printed.stories, matches(printed, page)):
        if m is None:
            continue
        got = page.stories[m]
        for credit, position in ((story.byline, "leading"), (story.trailing, "trailing")):
            if credit:
                texts = [b.text for b in got.bylines if b.position == position]
                assert texts and max(similar(credit, t) for t in texts) >= 0.8, (story.headline, got.bylines)


def test_the_measure_is_the_printed_one(recovered):
    printed, page = recovered
    assert page.measure_em is not None and abs(page.measure_em - printed.measure) <= 1


def test_hocr_and_alto_keep_where_each_story_was(recovered):
    printed, page = recovered
    if page.format == "tesseract":
        assert page.geometry is None and all(s.box is None for s in page.stories)
        return
    boxes = [page.stories[m].box for m in matches(printed, page) if m is not None]
    first, second, third, fourth = boxes
    assert second.x1 < third.x0, "the two middle stories side by side"
    assert first.y1 < min(second.y0, third.y0) and max(second.y1, third.y1) < fourth.y0
    for a in boxes:
        for b in boxes:
            if a is not b:
                assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), (a, b)


def test_hocr_and_alto_give_the_photo_to_its_caption_and_cut_it_from_the_page(recovered):
    printed, page = recovered
    if page.format == "tesseract":
        return
    from publisher.render.images import region_jpeg

    x0, y0, x1, y1 = printed.photo
    owners = [s for s in page.stories if s.photo_box is not None]
    assert len(owners) == 1, [(s.headline.text, s.photo_box) for s in page.stories]
    story = owners[0]
    box = story.photo_box
    inside = max(0, min(x1, box.x1) - max(x0, box.x0)) * max(0, min(y1, box.y1) - max(y0, box.y0))
    assert inside >= 0.9 * (x1 - x0) * (y1 - y0), box  # the region holds the printed photo
    words = story.caption.text if story.caption else " ".join(b.text for b in story.body)
    assert similar(tesseract_page.PHOTO_CAPTION, words) >= 0.8, words
    assert story.image == page.geometry.image and story.image.endswith("page.png")
    with Image.open(io.BytesIO(region_jpeg(story.image, box, page.geometry.size))) as cut:
        assert abs(cut.width - (box.x1 - box.x0)) <= 2 and abs(cut.height - (box.y1 - box.y0)) <= 2
