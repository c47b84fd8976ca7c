"""Pages of other papers, in other shapes: other credit words, encodings, measures, byline positions."""

from __future__ import annotations

import pytest

from conftest import PAGES, han
from publisher import read_page
from publisher.render.html import render_html


def load(name):
    return read_page(PAGES / name)


def summary(page):
    return [(s.kind, s.kicker and s.kicker.text, s.headline.text, s.subheadline and s.subheadline.text,
             s.dateline, s.byline, s.byline_position) for s in page.stories]


def test_evening_news_without_recorded_line_breaks():
    page = load("evening-news_no-breaks.txt")
    assert page.measure_em is None
    assert [(c.role, c.name) for c in page.credits] == [("责任编辑", "王小明"), ("美编", "刘洋"), ("校对", "陈静")]
    assert (page.metadata.date, page.metadata.page) == ("2021-05-12", "A05")
    assert summary(page) == [
        ("article", "城市更新步履不停", "老旧小区改造今年惠及两万户", "——市住建局详解年度改造计划", "本报讯",
         "□本报记者 赵刚 通讯员 孙丽", "leading"),
        ("article", None, "全市首个“口袋公园”月底开放", None, "新华社北京5月11日电（记者 李华）", None, None),
        ("article", None, "夏季用电高峰将至电力部门提前备战", None, None, "周敏", "trailing"),
        ("photo", None, "五月槐花香", None, None, None, None),
        ("article", None, "社区食堂让老人吃上“暖心饭”", None, None, "郑晓东 王芳", "trailing"),
    ]
    first = page.stories[0]
    assert [b.text for b in first.body if b.type == "intertitle"] == ["居民参与全过程", "资金来源多元化"]
    assert first.body[0].text.startswith("5月11日，记者从市住建局获悉")
    assert page.stories[3].caption.text.endswith("（记者 吴强 摄）")
    assert page.stories[2].body[-1].text.endswith("不低于26摄氏度。")


def test_county_weekly_gbk_with_a_12_em_measure():
    page = load("county-weekly_12em.gbk.txt")
    assert page.encoding == "gb18030"
    assert page.measure_em == pytest.approx(12, abs=0.5)
    assert [(c.role, c.name) for c in page.credits] == [("组版", "黄磊"), ("审读", "何芳")]
    assert page.metadata.page == "3"
    assert summary(page) == [
        ("article", None, "小木耳撑起致富大产业", None, None, "本报记者 欧阳明", "leading"),
        ("photo", None, "春耕备耕正当时", None, None, None, None),
        ("article", "春耕正当时", "全县完成春播面积十二万亩", None, None, "许诺", "trailing"),
        ("article", None, "县医院开通远程会诊", None, "本报讯（记者 宋佳）", "张伟 李红", "trailing"),
    ]
    paras = [b.text for b in page.stories[0].body]
    assert len(paras) == 3  # the column-split paragraph is whole again, its repeated line read once
    assert "村里成立了木耳种植专业合作社，统一提供菌种" in paras[1]
    assert paras[1].count("村里成立了木耳种植专业合") == 1
    assert [b.text for b in page.stories[3].body if b.type == "intertitle"] == ["患者少跑路", "服务向基层延伸"]


def test_big5_traditional_page():
    page = load("harbour-daily.big5.txt")
    assert page.encoding == "big5" and page.metadata.language == "zh-Hant"
    assert [(c.role, c.name) for c in page.credits] == [("編輯", "陳大文"), ("校對", "林小華")]
    assert summary(page) == [
        ("article", None, "港口貨運量創新高", None, "本報訊（記者 黃志明）", None, None),
        ("article", None, "市區新增三條巴士路線", None, None, "周美玲", "trailing"),
    ]
    assert '<html lang="zh-Hant">' in render_html(page)


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_every_ideograph_reaches_the_model_in_order(name):
    page = load(name)
    raw = (PAGES / name).read_bytes().decode(page.encoding)
    dropped = [han(r.before) for r in page.repairs if r.kind == "repeated-line"]
    expected = han(raw)
    for d in dropped:
        expected = expected.replace(d + d, d, 1)
    got = han(page.folio.raw) + "".join(han(s.text()) for s in page.stories)
    # folio lines may sit at the bottom of the page: compare without them
    assert got.replace(han(page.folio.raw), "", 1) == expected.replace(han(page.folio.raw), "", 1)
