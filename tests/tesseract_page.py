"""A newspaper page of our own, printed as a 300 dpi image in WenQuanYi Zen Hei (a face
publisher does not bundle), for real Tesseract to read.

Three columns of 15 characters; four stories (a headline over three columns centred, one over
two flush left and narrower than a column): the first across all three columns, two side by side (a headline over two columns, one over one), the last across the
foot of the page, then a photo story (a title, a photo, its caption) in the first two columns.
Leading bylines, datelines, a trailing byline; rules between the stories. What was printed is kept
(``Printed``) so the test compares what publisher recovers with it, not with the OCR text.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BODY = 42  # px at 300 dpi: 10pt
MEASURE = 15  # characters per column line
GUTTER = 2 * BODY
PITCH = round(BODY * 1.6)
MARGIN = 150
COLUMNS = 3
HEAD = 84  # px: a headline over two or three columns
HEAD_ONE = 60  # px: a headline over one column


@dataclass
class Story:
    headline: str
    byline: str | None
    paragraphs: list[str]
    columns: tuple[int, int]  # first column, span
    trailing: str | None = None
    rows: int = 0  # lines per column (set when laid out)


@dataclass
class Printed:
    stories: list[Story]
    measure: int = MEASURE
    lines: list[tuple[str, tuple[int, int], int]] = field(default_factory=list)  # text, (x, y), size
    rules: list[tuple[int, int, int]] = field(default_factory=list)  # x0, y, x1
    photo: tuple[int, int, int, int] = (0, 0, 0, 0)  # the photo's box (px)


STORIES = [
    Story("全市春耕生产全面展开", "本报记者 欧阳晓燕", [
        "本报讯 连日来，全市各地抓住天气晴好的有利时机，组织农民开展春耕生产，田间地头处处是忙碌的景象。",
        "在城东的一个种植合作社，几台播种机正在来回作业。合作社负责人介绍，今年新添了两台机器，播种进度比去年快了不少。",
        "农业部门派出技术人员深入村组，指导农民科学施肥，合理安排茬口，确保不误农时。",
        "据统计，目前全市已完成春播面积八万多亩，种子化肥等农资供应充足，价格总体平稳。",
    ], (0, 3)),
    Story("老旧小区换新颜", "本报记者 司马青", [
        "本报讯 今年以来，我市启动新一轮老旧小区改造，涉及四十多个小区，惠及居民一万余户。",
        "改造内容包括更换供水管道、粉刷楼体外墙、增设停车位和健身器材，部分小区还加装了电梯。",
        "不少居民表示，小区环境变好了，住着更舒心了。",
    ], (0, 2)),
    Story("图书馆延长开放", None, [
        "本报讯 为方便读者学习，市图书馆从本周起延长开放时间，每天晚上九点闭馆。",
        "馆内新增了两百个座位，还开设了自习专区。",
    ], (2, 1), trailing="李文静"),
    Story("青少年足球联赛开幕", "本报记者 东方明", [
        "本报讯 第五届全市青少年足球联赛昨日在体育中心开幕，共有三十二支球队参加比赛。",
        "本届联赛分为小学组和初中组，比赛将持续两个月。组委会表示，希望通过联赛让更多孩子爱上足球，养成锻炼身体的好习惯。",
    ], (0, 3)),
]


NO_START = set("，。、；：？！）”")


PHOTO_TITLE = "书香满城"
PHOTO_CAPTION = "图为读者在市图书馆自习区学习。本报记者 摄"
PHOTO_SIZE = (900, 480)


def _photo(size: tuple[int, int]) -> Image.Image:
    """A photo-like picture: shaded, textured, no text (deterministic)."""
    w, h = size
    image = Image.linear_gradient("L").resize((w, h)).rotate(30, fillcolor=128)
    draw = ImageDraw.Draw(image)
    for k in range(0, w, 37):
        draw.ellipse((k, (k * 7) % h, k + 60, (k * 7) % h + 45), fill=(k * 5) % 200 + 30)
    return image


def _lines(paragraphs: list[str]) -> list[str]:
    """Paragraphs set at the measure, 2-em indent; a mark that may not start a line stays on the
    line before (hanging one character over, as newspapers do)."""
    out = []
    for text in paragraphs:
        first = True
        while text:
            room = MEASURE - 2 if first else MEASURE
            cut = min(room, len(text))
            while cut < len(text) and text[cut] in NO_START:
                cut += 1
            out.append(("\u3000\u3000" if first else "") + text[:cut])
            text, first = text[cut:], False
    return out


def render(font: Path, path: Path) -> Printed:
    """The page as a greyscale PNG at 300 dpi; what was printed where."""
    col_w = MEASURE * BODY
    width = 2 * MARGIN + COLUMNS * col_w + (COLUMNS - 1) * GUTTER
    printed = Printed([])
    y = MARGIN
    row_top = {}  # first column → y where the next story may start
    placed = []
    for story in STORIES:
        first, span = story.columns
        top = max(row_top.get(c, MARGIN) for c in range(first, first + span))
        x0 = MARGIN + first * (col_w + GUTTER)
        if top > MARGIN:
            printed.rules.append((x0, top - PITCH, x0 + span * col_w + (span - 1) * GUTTER))
        size = HEAD if span > 1 else HEAD_ONE
        wide = span * col_w + (span - 1) * GUTTER
        # centred over three columns; over two, set flush left and narrower than one column
        left = x0 + (wide - len(story.headline) * size) // 2 if span == 3 else x0
        printed.lines.append((story.headline, (left, top), size))
        y = top + round(size * 1.6)
        if story.byline:
            printed.lines.append((story.byline, (x0, y), BODY))
            y += round(PITCH * 1.5)
        lines = _lines(story.paragraphs) + ([story.trailing] if story.trailing else [])
        story.rows = -(-len(lines) // span)
        for i, text in enumerate(lines):
            c, r = divmod(i, story.rows)
            printed.lines.append((text, (x0 + c * (col_w + GUTTER), y + r * PITCH), BODY))
        bottom = y + story.rows * PITCH + PITCH * 2
        for c in range(first, first + span):
            row_top[c] = bottom
        placed.append(story)
    top = max(row_top.values())  # the photo story at the foot of the page
    printed.rules.append((MARGIN, top - PITCH, MARGIN + 2 * col_w + GUTTER))
    printed.lines.append((PHOTO_TITLE, (MARGIN, top), HEAD))
    y = top + round(HEAD * 1.6)
    printed.photo = (MARGIN, y, MARGIN + PHOTO_SIZE[0], y + PHOTO_SIZE[1])
    y += PHOTO_SIZE[1] + BODY // 2
    printed.lines.append((PHOTO_CAPTION, (MARGIN, y), BODY))
    height = y + BODY + MARGIN
    image = Image.new("L", (width, height), 255)
    image.paste(_photo(PHOTO_SIZE), printed.photo[:2])
    draw = ImageDraw.Draw(image)
    faces = {}
    for text, (x, y), size in printed.lines:
        face = faces.setdefault(size, ImageFont.truetype(str(font), size, layout_engine=ImageFont.Layout.BASIC))
        draw.text((x, y), text, font=face, fill=0)
    for x0, y, x1 in printed.rules:  # the rules between stories, as newspapers print them
        draw.rectangle((x0, y, x1, y + 3), fill=0)
    image.save(path, dpi=(300, 300))
    printed.stories = placed
    return printed


def wqy_zenhei() -> Path | None:
    """WenQuanYi Zen Hei as Debian's fonts-wqy-zenhei installs it (asked of dpkg)."""
    try:
        files = subprocess.run(["dpkg", "-L", "fonts-wqy-zenhei"], capture_output=True, text=True).stdout.split()
    except OSError:
        return None
    return next((Path(f) for f in files if f.endswith("wqy-zenhei.ttc") and Path(f).is_file()), None)


def ocr(image: Path, base: Path) -> dict[str, Path]:
    """One Tesseract run writing its plain text, hOCR and ALTO."""
    import os

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(["tesseract", str(image), str(base), "-l", "chi_sim", "--psm", "3", "txt", "hocr", "alto"],
                   check=True, capture_output=True, env=env)
    return {"tesseract": base.with_suffix(".txt"), "hocr": base.with_suffix(".hocr"), "alto": base.with_suffix(".xml")}
