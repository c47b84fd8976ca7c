"""``[roles]`` in PAGE.toml: the user's roles win over every rule, in every output; bad values
are refused with exit 3, a message naming them, and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from publisher import read_page
from publisher.render.html import render_html

# A page of our own. Line numbers matter: each block is on an odd line.
PAGE = """\
| 责任编辑 欧阳晓 | 网址:www.example.org.cn |

春风送暖万家

本报讯 今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。

演出团走进社区和乡村，观众们一边看一边拍手叫好，现场气氛十分热烈。

编者按：文化下乡要常态化，不能一阵风。

市民反映良好

许多市民表示，这样的演出贴近生活，希望以后多多举办，让更多人受益，

也让基层群众在家门口享受到高水平的文艺演出。

（下转第二版）

万里

月光下的小城

图为市民在广场上观看演出。

记者 秋雨 摄
"""


def write_page(tmp_path, roles: dict[int, str] | None = None, raw: str | None = None):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    meta = "[roles]\n" + "".join(f'{k} = "{v}"\n' for k, v in (roles or {}).items()) if roles else ""
    (tmp_path / "page.toml").write_text(raw if raw is not None else meta, encoding="utf-8")
    return page


def line_roles(page) -> dict[int, str]:
    return {b.line: b.role for b in page.lines}


def test_the_rules_alone(tmp_path):
    page = read_page(write_page(tmp_path))
    roles = line_roles(page)
    assert roles[3] == "headline" and roles[5] == "paragraph" and roles[9] == "note"
    assert roles[11] == "intertitle" and roles[17] == "jump" and roles[19] == "byline"
    assert page.stories[0].dateline == "本报讯"
    assert page.stories[0].bylines[-1].text == "万里"
    assert [b.role for b in page.stories[0].body].count("jump") == 1


def test_a_headline_override_splits_the_story_in_two(tmp_path):
    page = read_page(write_page(tmp_path, {11: "headline"}))
    heads = [s.headline.text for s in page.stories]
    assert heads[:2] == ["春风送暖万家", "市民反映良好"]
    assert all(b.type != "intertitle" for b in page.stories[0].body)
    assert page.stories[1].body[0].text.startswith("许多市民")


def test_continues_joins_a_cut_and_paragraph_undoes_a_join(tmp_path):
    page = read_page(write_page(tmp_path))
    assert line_roles(page)[15] == "continues"  # the rules join …受益， + 也让…
    split = read_page(write_page(tmp_path, {15: "paragraph"}))
    texts = [b.text for b in split.stories[0].body]
    assert any(t.endswith("受益，") for t in texts) and any(t.startswith("也让基层") for t in texts)
    joined = read_page(write_page(tmp_path, {7: "continues"}))
    assert any("千家万户。演出团走进" in b.text for b in joined.stories[0].body)


@pytest.mark.parametrize("line,role,check", [
    (11, "kicker", lambda p: any(s.kicker and s.kicker.text == "市民反映良好" for s in p.stories)),
    (3, "kicker", lambda p: p.stories[0].kicker.text == "春风送暖万家" and p.stories[0].headline.text == ""),
    (7, "subheadline", lambda p: p.stories[0].subheadline.text.startswith("演出团")),
    (11, "byline", lambda p: any(b.text == "市民反映良好" for b in p.stories[0].bylines)),
    (11, "dateline", lambda p: "市民反映良好" in "".join(s.dateline or "" for s in p.stories)
     or any(b.text == "市民反映良好" for s in p.stories for b in s.body)),
    (7, "intertitle", lambda p: any(b.type == "intertitle" and b.text.startswith("演出团") for b in p.stories[0].body)),
    (11, "paragraph", lambda p: any(b.type == "paragraph" and b.text == "市民反映良好" for b in p.stories[0].body)),
    (23, "caption", lambda p: any(s.caption and s.caption.text.startswith("图为") for s in p.stories)),
    (21, "photo", lambda p: any(s.kind == "photo" and s.headline.text == "月光下的小城" for s in p.stories)),
    (9, "drop", lambda p: "文化下乡" not in "".join(s.text() for s in p.stories)
     and any(r.kind == "dropped-line" for r in p.repairs)),
    (7, "jump", lambda p: any(b.role == "jump" and b.text.startswith("演出团") for b in p.stories[0].body)),
    (7, "note", lambda p: any(b.role == "note" and b.text.startswith("演出团") for b in p.stories[0].body)),
])
def test_each_role(tmp_path, line, role, check):
    page = read_page(write_page(tmp_path, {line: role}))
    assert line_roles(page)[line] == role
    assert check(page), page.to_dict()["stories"]


def test_every_output_follows_an_override(tmp_path):
    page = read_page(write_page(tmp_path, {11: "headline"}))
    html = render_html(page)
    assert html.count("<article") == len(page.stories) >= 3
    assert '<h2 class="headline" id="story-2-headline">市民反映良好</h2>' in html


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "publisher", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("toml,words", [
    ('[roles]\n5 = "headlien"\n', ["line 5", "unknown role 'headlien'"]),
    ('[roles]\n0 = "headline"\n', ["'0'", "not a line number"]),
    ('[roles]\nabc = "headline"\n', ["'abc'", "not a line number"]),
    ('[roles]\n4 = "headline"\n', ["line 4", "not a block"]),  # a blank line
    ('[roles]\n1 = "headline"\n', ["line 1", "not a block"]),  # the folio
    ('[roles]\n999 = "headline"\n', ["line 999", "not a block"]),
    ('roles = "headline"\n', ["[roles] must be a table"]),
    ('[roles]\n5 = 3\n', ["line 5", "unknown role"]),
])
@pytest.mark.parametrize("command", ["inspect", "html"])
def test_bad_roles_are_refused_naming_them(tmp_path, toml, words, command):
    page = write_page(tmp_path, raw=toml)
    out = tmp_path / "out.html"
    args = ["inspect", page] if command == "inspect" else ["html", page, "-o", out]
    r = cli(*args, cwd=tmp_path)
    assert r.returncode == 3, r
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert not out.exists()


def test_only_a_line_set_at_a_headline_s_size_is_a_stray_headline_piece():
    """A heading-shaped line between a paragraph cut mid-word and the block carrying it on is a
    piece of the story's headline the engine read late, when OCR measured it at a headline's size
    (or measured nothing, as in plain text); set at the body size it is text where it stands."""
    from publisher.read.runs import RepairLog, source_lines
    from publisher.read.structure import recover_stories
    text = ("春耕备耕\n\n今年以来全市各地抓住有 利天气，组织农民开展春耕备耕 工作，进度快于往年，记者在城 郊的几个村子看\n\n"
            "有序推进\n\n到田间地头处处是忙碌的身影， 拖拉机来回穿梭，农资店里人来 人往。\n")  # lines of 14

    def read(size: float | None):
        sizes = {1: 3.0, 3: 1.0, 7: 1.0} | ({5: size} if size else {})
        recovered = recover_stories(source_lines(text), 14.0, RepairLog(text), strays=True, sizes=sizes)
        return [(s.headline.text, [b.type for b in s.body]) for s in recovered.stories]

    assert read(3.0) == read(None) == [("春耕备耕有序推进", ["paragraph"])]
    assert read(1.0) == [("春耕备耕", ["paragraph", "intertitle", "paragraph"])]
