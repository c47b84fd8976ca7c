"""The folio as printed: what the reader could not sort into credits, URL or date is still shown."""

import re

from publisher import parse_page
from publisher.render.html import render_html

BODY = "\n\n春风送暖万家\n\n本报讯 今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n"


def _folio(html: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r'<header class="folio">(.*?)</header>', html, re.S).group(1))


def test_a_folio_field_with_more_than_its_url_is_shown_whole():
    """A gap Tesseract read as ``《”`` keeps the first credit from being read as one: the field is
    shown as printed, its URL still a link, not the URL alone (the credits lost)."""
    html = render_html(parse_page("责任编辑 丽魏《”美编 李世南 网址: www.example.com.cn" + BODY))
    assert "".join(_folio(html).split()) == "责任编辑丽魏《”美编李世南网址:www.example.com.cn"
    assert '<a href="http://www.example.com.cn">www.example.com.cn</a>' in html


def test_a_folio_field_of_only_its_url_keeps_its_label_and_link():
    html = render_html(parse_page("| 编辑 李娜 | 网址:www.example.com.cn |" + BODY))
    assert '<p class="folio__url"><span class="folio__label">网址：</span><a href="http://www.example.com.cn">' in html


def test_credits_and_the_url_read_as_one_field_are_each_shown_as_themselves():
    """The rules between a folio's fields not read (an engine's plain line): the credits are a
    list and the URL a link with its label, and every character printed is still shown."""
    html = render_html(parse_page("责任编辑王某美编李某某网址: www.example.com.cn" + BODY))
    assert re.findall(r'<li class="credit">(.*?)</li>', html) == [
        '<span class="credit__role">责任编辑</span> <span class="credit__name">王某</span>',
        '<span class="credit__role">美编</span> <span class="credit__name">李某某</span>']
    assert '<p class="folio__url"><span class="folio__label">网址：</span><a href="http://www.example.com.cn">' in html
    assert "".join(_folio(html).split()) == "责任编辑王某美编李某某网址：www.example.com.cn"
