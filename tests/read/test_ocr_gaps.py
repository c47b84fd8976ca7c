"""Tesseract reads a wide printed gap in a credit line as a quote mark (本报记者“某某,
编辑 “某某): the credit is still read, and the page's text is otherwise untouched."""

from publisher import parse_page
from publisher.read.folio import parse_folio
from publisher.read.names import parse_byline


def test_a_gap_read_as_a_quote_in_a_byline():
    assert parse_byline("本报记者“张丽清") == "本报记者 张丽清"
    assert parse_byline("文/图 记者”王某某") == "文/图 记者 王某某"
    assert parse_byline("他说“好") is None  # a quotation is not a credit


def test_a_gap_read_as_a_quote_in_the_folio():
    credits = parse_folio("| 编辑 “李娜 版式 罗万玲 | 网址:www.example.cn |").credits
    assert [(c.role, c.name) for c in credits] == [("编辑", "李娜"), ("版式", "罗万玲")]


def test_a_leading_byline_with_a_gap_quote_opens_its_story():
    page = parse_page("| 编辑 “李娜 |\n\n春风送暖万家\n\n本报记者“欧阳晓\n\n"
                      "今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n")
    story = page.stories[0]
    assert story.headline.text == "春风送暖万家"
    assert [b.text for b in story.bylines] == ["本报记者 欧阳晓"]
    assert any(r.kind == "byline-name" and r.before == "本报记者“欧阳晓" for r in page.repairs)


def test_a_byline_read_with_no_gap_at_all():
    """An engine reading characters only writes no gap between the role words and the name: after
    a whole credit (本报记者) any 2–4 ideographs are the name, as they are with a gap; after a bare
    记者 only a name with a known surname is (记者表示 is words, not a credit)."""
    assert parse_byline("本报记者洪左君") == "本报记者洪左君"
    assert parse_byline("本报记者冼星") == "本报记者冼星"
    assert parse_byline("记者赖晓明") == "记者赖晓明"
    assert parse_byline("记者表示") is None
    assert parse_byline("洪左君") == "洪左君"  # 洪 and 赖 are among the commonest surnames
    assert parse_byline("赖宁 洪涛") == "赖宁 洪涛"


def test_a_speck_read_after_a_signed_story_stands_apart_and_holds_nothing_back():
    """An engine reads a speck of ink as a character of its own (``尊`` at 24% confidence, at
    the body size, or in plain text): after a story's byline it is no heading, the name before it
    still signs that story, and the next headline still opens its story. The speck (two in a
    row: one) is kept apart, where it stood: no text moves, and it is said."""
    text = ("| 编辑 李娜 |\n\n春风送暖万家\n\n今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n\n"
            "欧阳晓\n\n尊\n\nN\n\n口袋公园月底开放\n\n全市首批十处口袋公园已完成建设，将于本月底向市民开放。\n")
    page = parse_page(text)
    assert [(s.headline.text, s.byline, [b.text for b in s.body]) for s in page.stories] == [
        ("春风送暖万家", "欧阳晓", ["今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。"]),
        ("", None, ["尊", "N"]),
        ("口袋公园月底开放", None, ["全市首批十处口袋公园已完成建设，将于本月底向市民开放。"])]
    assert sum("a speck of text" in d for d in page.doubts) == 2


def test_a_short_heading_piece_with_a_particle_is_no_byline():
    """A headline's second line read late (``十年最低``) after a story's text, over the next
    headline: four ideographs alone, like a writer's name, but 最 is in no name; it signs nothing."""
    text = ("| 编辑 李娜 |\n\n金价创近二\n\n今年以来，国际金价一路走低，昨日收于每盎司二百八十美元。\n\n"
            "十年最低\n\n口袋公园月底开放\n\n全市首批十处口袋公园已完成建设，将于本月底向市民开放。\n")
    page = parse_page(text)
    assert page.stories[0].byline is None
    assert "十年最低" in "".join(s.text() for s in page.stories)
    assert parse_page(text.replace("十年最低", "王明山")).stories[0].byline == "王明山"


def test_a_name_over_a_dateline_with_a_place_and_no_date_signs_the_story_above():
    """``据新华社石家庄电`` (an agency, the place, no date) is a dateline as much as
    ``新华社北京1月5日电``: the story it opens has lost its headline to the OCR, and the name
    standing over it signs the story above off (it is no intertitle)."""
    from publisher.read.blocks import dateline
    assert dateline("据新华社石家庄电（记者郑建卫）") and dateline("本报福州电记者赵鹏报道：")
    assert not dateline("本报记者昨天来电说") and not dateline("本报上月收到读者来电")
    text = ("| 编辑 李娜 |\n\n春风送暖万家\n\n今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n\n"
            "欧阳晓\n\n据新华社石家庄电（记者郑建卫）因污染一度萎缩的白洋淀，如今又开始重现北方水乡风情。\n")
    page = parse_page(text)
    assert [(s.headline.text, s.byline) for s in page.stories] == [("春风送暖万家", "欧阳晓"), ("", None)]


def test_a_writer_s_name_over_text_whose_headline_the_ocr_lost_signs_the_story_above():
    """A name alone (a known surname, three characters) after a paragraph's last sentence, over
    more text with no headline: the story above is signed off and the text after it opens a story
    of its own (its headline lost or read elsewhere). A four-character phrase in that place
    (高速发展, which reads as a name as well) stays an intertitle."""
    head = "| 编辑 李娜 |\n\n春风送暖万家\n\n今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n\n"
    tail = "\n\n在发展市场经济的条件下，我们将迈向新的世纪，全市上下信心十足。\n"
    page = parse_page(head + "杨拯民" + tail)
    assert [(s.headline.text, s.byline, len(s.body)) for s in page.stories] == [("春风送暖万家", "杨拯民", 1), ("", None, 1)]
    page = parse_page(head + "高速发展" + tail)
    (story,) = page.stories
    assert [b.type for b in story.body] == ["paragraph", "intertitle", "paragraph"]


def test_a_dateline_whose_month_the_ocr_misread_still_opens_a_story():
    """Engines read a month's ``1`` as 工, 半 or 在, or drop it; dates may be printed in Chinese
    numerals, and a place may carry its region in brackets. Each is still a dateline, so the short
    line over it is the next story's headline, not an intertitle of the story above."""
    from publisher.read.blocks import dateline
    for text in ("新华社乌鲁木齐工月 15 日电政协新疆", "本报武汉1工月 24 日电记者罗盘报道 : 今晚",
                 "新华社北京月 9日电外交部发言人", "本报北京一月十三日讯记者朱剑红报道 : 建设部",
                 "新华社杰里科 (约旦河西岸) 1月25日电 (记者威德良)"):
        assert dateline(text), text
    for text in ("合作社通电后，村里亮了", "他在月底前写了十日记", "本报上月收到读者来电"):
        assert not dateline(text), text
    text = ("| 编辑 李娜 |\n\n春风送暖万家\n\n今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n\n"
            "冬奥村开门迎客\n\n据新华社日本长野 工月 24日电 (记者俞宜国) 冬奥会的奥林匹克村今天开村。\n")
    page = parse_page(text)
    assert [s.headline.text for s in page.stories] == ["春风送暖万家", "冬奥村开门迎客"]


def test_a_headline_whose_mark_was_read_as_a_full_stop_still_heads_the_story_over_a_dateline():
    """``文化部『三讲』促进组织建设`` read as ``文化部“三讲。 促进组织建设``: the full stop inside makes it
    no heading by its shape, but one short line between a signed story and a dateline is where only
    a headline stands. Its text stays as read."""
    text = ("| 编辑 李娜 |\n\n春风送暖万家\n\n今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n\n"
            "欧阳晓\n\n文化部“三讲。 促进组织建设\n\n本报讯 文化部在开展三讲教育中，密切结合文化工作的实际。\n")
    page = parse_page(text, format="tesseract")  # a space inside one of its lines ends no printed line
    assert [(s.headline.text, s.byline) for s in page.stories] == [("春风送暖万家", "欧阳晓"),
                                                                  ("文化部“三讲。促进组织建设", None)]
    assert page.stories[1].dateline == "本报讯"


def test_a_space_inside_a_one_line_heading_of_an_ocr_file_ends_no_printed_line():
    """An OCR file marks every printed line end, so a space an engine left inside a one-line
    block (``北爱 和平进程获新进展``, a wide letterspaced headline) is no line end: the headline is
    not cut into a kicker over a headline (as a space in the text shape's headline line would be),
    and the space is logged as left inside a line."""
    text = ("| 编辑 李娜 |\n\n北爱 和平进程获新进展\n\n本报记者 欧阳晓\n\n"
            "本报讯 北爱尔兰和平谈判今天在伦敦恢复，各方\n同意就下一步安排继续磋商。\n")
    page = parse_page(text, format="tesseract")
    story = page.stories[0]
    assert (story.kicker, story.headline.text) == (None, "北爱和平进程获新进展")
    assert any(r.kind == "inline-space" and r.line == 3 for r in page.repairs)
    shaped = parse_page(text.replace("各方\n同意", "各方 同意"))  # the text shape: a space there is a line end
    assert (shaped.stories[0].kicker.text, shaped.stories[0].headline.text) == ("北爱", "和平进程获新进展")


def test_a_dateline_read_twice_after_a_signed_story_is_no_headline():
    """Tesseract may read a dateline's first line twice, once level with the byline beside it:
    a short line between a signed story and a dateline, but itself a dateline, so no headline
    whose mark was misread; it stays text, where it was read."""
    text = ("| 编辑 李娜 |\n\n春风送暖万家\n\n今年春节前后，全市组织了一百多场文艺演出，把欢乐送到千家万户。\n\n"
            "欧阳晓\n\n本报北京1月14日讯记者\n\n本报北京1月14日讯记者刘华新报道：由中国对外文化交流协会主办的音乐会将在维也纳上演。\n")
    page = parse_page(text, format="tesseract")
    assert [s.headline.text for s in page.stories] == ["春风送暖万家", ""]
    second = page.stories[1]
    assert (second.dateline or "") + "".join(b.text for b in second.body) == (
        "本报北京1月14日讯记者本报北京1月14日讯记者刘华新报道：由中国对外文化交流协会主办的音乐会将在维也纳上演。")
