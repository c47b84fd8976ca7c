"""The sample page (内蒙古商报, March 2020): its structure is pinned here."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import SAMPLE, han
from publisher import read_page
from publisher.read.metadata import load_metadata
from publisher.render.html import render_html


@pytest.fixture(scope="module")
def page():
    return read_page(SAMPLE)


def test_folio_credits_and_url(page):
    assert [(c.role, c.name) for c in page.credits] == [("编辑", "李娜"), ("版式", "罗万玲")]
    assert page.folio.url == "www.nmgsb.com.cn"


def test_six_articles_and_one_photo_in_page_order(page):
    s = page.stories
    assert [x.kind for x in s] == ["article"] * 4 + ["photo"] + ["article"] * 2
    assert "扶贫车间" in s[0].headline.text and s[0].byline == "李元平"
    assert s[1].kicker.text == "停课不停学" and s[1].headline.text == "内蒙古中小学2日起线上开课" and s[1].byline == "李倩"
    assert "400cc血浆" in s[2].headline.text and s[2].dateline == "本报讯（记者 张鑫）" and s[2].byline is None
    assert s[3].headline.text.startswith("他们用警服蓝传递着一个讯息")
    assert (s[3].byline, s[3].byline_position) == ("本报记者 张丽清", "leading")
    assert [b.text for b in s[3].body if b.type == "intertitle"] == ["他们是这样说的更是这样做的", "女民警的美丽坚守"]
    assert s[4].headline.text == "空中开学礼开启新学期" and s[4].caption.text.startswith("3月1日，呼和浩特市")
    assert s[4].image is None and not s[4].body
    assert "24小时重点企业用工调度" in s[5].headline.text and s[5].byline == "苗青"
    assert s[6].headline.text.startswith("2020年内蒙古市场监管部门") and s[6].byline == "曹桢"
    assert (s[6].byline_position, s[6].body[-1].text[-5:]) == ("trailing", "日均新增近千户。"[-5:])


def test_headline_line_breaks_are_kept(page):
    assert page.stories[5].headline.lines() == ["内蒙古建立24小时", "重点企业用工调度保障机制"]
    assert page.stories[4].headline.lines() == ["空中开学礼", "开启新学期"]


def test_column_measure_is_about_15_em(page):
    assert page.measure_em == pytest.approx(15, abs=0.5)


def paragraphs(page):
    return [b.text for s in page.stories for b in s.body if b.type == "paragraph"]


def test_column_split_paragraphs_are_rejoined(page):
    paras = paragraphs(page)
    for joined in ("要劳逸结合，注重用眼健康", "确保治安防控，病疫防控双保险", "内蒙古自治区血液中心宣教科主任吴南介绍"):
        assert sum(joined in p for p in paras) == 1, joined
    assert not any(b.type == "intertitle" and "宣教科" in b.text for s in page.stories for b in s.body)


def test_truncations_and_misreadings_are_reproduced_not_edited(page):
    paras = paragraphs(page)
    assert any(p.endswith("推动扶贫车间尽") for p in paras)  # a truncation stays a paragraph end
    text = "".join(s.text() for s in page.stories)
    for ocr in ("难久", "值田", "请的心", "么永波"):
        assert ocr in text


def test_repeated_line_is_dropped_once(page):
    text = "".join(s.text() for s in page.stories)
    assert text.count("与理解，才能把防控工作做到位。") == 1
    assert "才能把防控工作做到位。”" in text and "“疫情工作开展以来" in text
    assert [r.before for r in page.repairs if r.kind == "repeated-line"] == ["与理解,才能把防控工作做到位。"]


def test_ascii_stays_where_it_belongs(page):
    text = "".join(s.text() for s in page.stories)
    for kept in ("7.02%", "21:00", "25.83", "400cc", "全区203个"):
        assert kept in text


def test_repairs_point_at_the_source(page):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert page.repairs
    for r in page.repairs:
        if r.kind in ("fullwidth-punctuation", "curly-quote", "line-break-space", "han-latin-space"):
            assert lines[r.line - 1][r.column - 1 : r.column - 1 + len(r.before)] == r.before, r


def test_nothing_lost_in_model_and_html(page):
    source = SAMPLE.read_text(encoding="utf-8")
    dropped = "".join(han(r.before) for r in page.repairs if r.kind == "repeated-line")
    expected = han(source).replace(dropped, "", 1)
    model = han(page.folio.raw) + "".join(han(s.text()) for s in page.stories)
    assert model == expected
    body = BeautifulSoup(render_html(page), "html.parser").body
    # the masthead adds only what the metadata says: the paper's name and its period (2020年3月)
    assert han(body.get_text()) == han(page.metadata.paper) + "年月" + expected


def test_same_page_in_gb18030_and_utf16_gives_the_same_model(tmp_path, page):
    text = SAMPLE.read_text(encoding="utf-8")
    for codec in ("gb18030", "utf-16", "utf-16-le", "utf-8-sig"):
        f = tmp_path / f"page.{codec}.txt"
        f.write_bytes(text.encode(codec))
        other = read_page(f, metadata=load_metadata(SAMPLE.with_suffix(".toml")))
        assert other.stories == page.stories, codec
        assert other.folio == page.folio and other.measure_em == page.measure_em


def test_no_repair_keeps_text_as_read(page):
    raw = read_page(SAMPLE, repair=False)
    assert not raw.repairs
    text = "".join(s.text() for s in raw.stories)
    assert "主任么 永波介绍" in text and "本报讯(记者 张鑫)" in text


def test_golden_model(page, golden):
    golden("sample.json", json.dumps(page.to_dict(), ensure_ascii=False, indent=1) + "\n")


def test_golden_html(page, golden):
    golden("sample.html", render_html(page))
