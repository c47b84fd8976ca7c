"""What Tesseract does to a newspaper page, and what reading it must undo: folio rules not read
(credits and URL in one field), a byline run into the next headline's block, a dateline cut at
a column end, and a headline spanning the columns put after the first column's text."""

from publisher import parse_page

# A page in Tesseract's shape: one printed line per line, a blank line after every block.
PAGE = """\
编辑 欧阳晓 “版式 司马青 网址 : www.example.org.cn

春风送暖万家

据新华社长沙1月 21 日电 (记者东郭
文化下乡

明)今年春节前后，全市组织了一百多场文艺演
出，把欢乐送到千家万户。

演出团走进社区和乡村，观众们一边看一边拍手
叫好，现场气氛十分热烈。
呼延
小城的灯会迎来了四方游客

本报讯 元宵节前后，小城举办了第二十届灯会，
来自各地的游客络绎不绝。
"""


def test_a_tesseract_page_reads_like_the_printed_page():
    page = parse_page(PAGE, name="t.txt", format="tesseract")
    assert [(c.role, c.name) for c in page.credits] == [("编辑", "欧阳晓"), ("版式", "司马青")]
    assert page.folio.url == "www.example.org.cn"
    first, second = page.stories
    assert first.headline.text == "春风送暖万家文化下乡"  # the piece after the column's text joined back
    assert first.dateline and first.dateline.startswith("据新华社长沙1月21日电")
    assert first.body[0].text.startswith("明）今年春节前后") or "东郭明" in first.dateline + first.body[0].text
    assert [b.text for b in first.bylines] == ["呼延"]  # not the next story's kicker
    assert second.headline.text == "小城的灯会迎来了四方游客" and second.kicker is None
    assert len(first.body) == 2 and len(second.body) == 1


def test_a_headline_run_onto_the_paragraph_above_opens_its_story():
    page = parse_page("标题一\n\n本报讯 正文第一段讲了一件事。这样就能使双方关系不断取得发展。\n"
                      "湖南备耕安排早动手快\n\n本报记者 欧阳晓\n\n本报长沙1月29日电 湖南省切实作好备耕工作。\n",
                      name="t.txt", format="tesseract")
    first, second = page.stories
    assert first.body[-1].text.endswith("不断取得发展。")
    assert second.headline.text == "湖南备耕安排早动手快"
    assert [b.text for b in second.bylines] == ["本报记者 欧阳晓"] and second.bylines[0].position == "leading"
    assert any(r.kind == "glued-headline" for r in page.repairs)


def test_a_bracketed_credit_after_the_last_sentence_stays_text():
    page = parse_page("标题一\n\n本报讯 正文第一段讲了一件事。 （胡勇辉余清楚）\n\n本报讯 另一条消息的正文在这里。\n")
    (story,) = page.stories
    assert story.body[0].text.endswith("（胡勇辉余清楚）")


# A column as Tesseract may write it: every printed line a block of its own (its paragraph
# guesses wrong), a column rule read as a stroke, and a byline level with a paragraph's last line
# in the next column (a wide gap, written as a run of spaces). Columns of 14 em.
PARAGRAPHS = [
    "连日来，江城各区抓住晴好天气，组织志愿者在街头巷尾植树种花，处处都是忙碌的身影，"
    "不少市民也带着孩子加入进来，一起为城市添绿。",
    "市园林部门介绍，今年将新增绿地三十多处，让市民出门就能见到绿色，还将新建一批口袋公园，"
    "方便附近居民就近休憩，这些工作月底前完成。",
    "据了解，相关工作进展顺利，市民纷纷点赞。",
]


def _column(paragraphs, measure=14):
    """Each paragraph set in lines of ``measure`` characters, the first indented 2 em (Tesseract
    writes no indent), every line followed by a blank line."""
    out = []
    for text in paragraphs:
        first = True
        while text:
            room = measure - 2 if first else measure
            out.append(text[:room])
            text, first = text[room:], False
    return "\n\n".join(out)


LINES = "编辑 欧阳晓 版式 司马青\n\n江城春来早\n\n" + _column(PARAGRAPHS).replace(
    "城市添绿。", "城市添绿。\n\n|") + "      东郭明\n"


def test_tesseract_lines_are_regrouped_into_paragraphs_by_their_widths():
    page = parse_page(LINES, name="t.txt", format="tesseract")
    (story,) = page.stories
    assert story.headline.text == "江城春来早"
    assert [b.text for b in story.body] == PARAGRAPHS
    assert [b.text for b in story.bylines] == ["东郭明"]
    assert [(r.kind, r.before) for r in page.repairs if r.kind == "rule-read-as-text"] == [("rule-read-as-text", "|")]


def test_a_headline_run_into_the_paragraph_under_it_is_cut_off():
    """Tesseract's own paragraph: a short line over full ones is not their first line."""
    page = parse_page(LINES.replace("江城春来早\n\n", "江城春来早\n"), name="t.txt", format="tesseract")
    assert [s.headline.text for s in page.stories] == ["江城春来早"]
    assert [b.text for b in page.stories[0].body] == PARAGRAPHS


def test_a_headline_read_after_its_first_column_heads_its_story():
    """Tesseract reads a headline over the columns after the first column's text: with no heading
    above that text (the page's start, or a story signed off), the heading is the story's headline,
    not an intertitle."""
    first = _column(PARAGRAPHS[:2]).split("\n\n")
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n" + "\n\n".join(first[:5]) + "\n\n江城春来早\n\n"
                      + "\n\n".join(first[5:]) + "\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert story.headline.text == "江城春来早"
    assert [b.text for b in story.body] == PARAGRAPHS[:2]
    assert any(r.kind == "moved-headline" for r in page.repairs)


def test_a_headline_piece_between_a_cut_paragraph_and_its_full_next_line_goes_back_to_the_headline():
    """A headline over the columns, cut at the gutter: its second piece comes out after the first
    column, whose last paragraph is cut mid-sentence and goes on, unindented, in column two."""
    paragraphs = PARAGRAPHS[:2] * 2  # enough full lines to tell the measure by
    lines = _column(paragraphs).split("\n\n")
    cut = next(k for k in range(1, len(lines)) if not lines[k - 1].endswith("。") and len(lines[k]) == 14 and k > 6)
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n江城春来\n\n" + "\n\n".join(lines[:cut]) + "\n\n早植树忙\n\n"
                      + "\n\n".join(lines[cut:]) + "\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert story.headline.text.replace(" ", "") == "江城春来早植树忙" and story.subheadline is None
    assert [b.text for b in story.body] == paragraphs


def test_a_dateline_line_read_short_still_opens_its_paragraph():
    """Tesseract dropped the digits of the dateline (``1月9日`` read ``月日``): the first line is
    shorter than an indented line, but a dateline's opening words begin a paragraph, which runs on."""
    text = "新华社北京1月9日电外交部发言人今天在这里说，中方欢迎有关各方为推动和平进程所作的努力，希望各方保持克制。"
    lines = _column([text] + PARAGRAPHS[:2]).split("\n\n")
    assert lines[0] == "新华社北京1月9日电外交"
    lines[0] = "新华社北京月日电外交"
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n外交部发言人答记者问\n\n" + "\n\n".join(lines) + "\n",
                      name="t.txt", format="tesseract")
    (story,) = page.stories
    first = (story.dateline or "") + story.body[0].text
    assert first.replace(" ", "") == text.replace("1月9日", "月日")


def test_a_one_column_headline_wrapped_onto_three_lines_is_one_headline():
    """A headline set larger than the text wraps in its column: Tesseract gives its lines as one
    block, the first two of one width. One headline, not a kicker, a headline and a subheadline;
    a kicker over a headline (lines of unlike widths) stays a kicker."""
    body = "\n\n".join(_column(PARAGRAPHS[:2]).split("\n\n"))
    wrapped = parse_page(f"编辑 欧阳晓 版式 司马青\n\n盈利下降三年裁编\n一万八适应竞争高\n层减员二成五\n\n{body}\n",
                         name="t.txt", format="tesseract")
    (story,) = wrapped.stories
    assert (story.kicker, story.headline.text.replace(" ", ""), story.subheadline) == (
        None, "盈利下降三年裁编一万八适应竞争高层减员二成五", None)
    stacked = parse_page(f"编辑 欧阳晓 版式 司马青\n\n春运首日\n全市客流平稳有序\n\n{body}\n", name="t.txt",
                         format="tesseract")
    (story,) = stacked.stories
    assert (story.kicker and story.kicker.text, story.headline.text) == ("春运首日", "全市客流平稳有序")


def test_a_short_heading_over_a_headline_piece_read_late_signs_no_story_off():
    """Tesseract puts a spanning headline's pieces after each column's text: one lands after a
    paragraph's end, another inside a cut paragraph. The first, followed by the second (which the
    story goes on under), is no byline signing the story off."""
    paragraphs = PARAGRAPHS[:2] * 2
    lines = _column(paragraphs).split("\n\n")
    end = next(k for k in range(3, len(lines)) if lines[k - 1].endswith("。"))
    cut = next(k for k in range(end + 2, len(lines)) if not lines[k - 1].endswith("。") and len(lines[k]) == 14)
    text = ("编辑 欧阳晓 版式 司马青\n\n江城春来早\n\n" + "\n\n".join(lines[:end]) + "\n\n早植新树\n\n"
            + "\n\n".join(lines[end:cut]) + "\n\n新绿满城忙\n\n" + "\n\n".join(lines[cut:]) + "\n\n东郭明\n")
    page = parse_page(text, name="t.txt", format="tesseract")
    (story,) = page.stories
    assert [b.text for b in story.bylines] == ["东郭明"]
    assert [b.text for b in story.body if b.type == "paragraph"] == paragraphs


def test_a_headline_as_wide_as_a_column_line_is_not_run_into_the_folio():
    """The folio line is far wider than a column; the headline under it, on two lines, is as wide
    as a text line. The folio runs on into nothing: the headline stays the story's."""
    body = "\n\n".join(_column(PARAGRAPHS[:2]).split("\n\n"))
    page = parse_page(f"编辑 欧阳晓 版式 司马青 网址: www.example.org.cn\n\n全市春耕备耕工作有序推进各\n"
                      f"地抢抓农时忙生产\n\n{body}\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert story.headline.text.replace(" ", "") == "全市春耕备耕工作有序推进各地抢抓农时忙生产"
    assert page.folio.url == "www.example.org.cn" and "春耕" not in page.folio.raw


def test_a_headline_piece_read_inside_the_next_story_s_dateline_paragraph_heads_that_story():
    """A story signed off by its writer's name; the next story's headline, over the columns, is
    read after that story's first lines: between its dateline paragraph's first lines and the
    rest. The piece heads the new story (the name signs the story above it off); it is no piece
    of the signed story's headline."""
    lede = ("本报北京1月5日讯记者张三报道：全市首批十处口袋公园已完成建设，将于本月底向市民开放，"
            "这些公园面积不大，但绿化和休闲设施齐全。")
    first = _column(PARAGRAPHS[:2]).split("\n\n")
    second = _column([lede] + PARAGRAPHS[2:]).split("\n\n")
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n江城春来早\n\n" + "\n\n".join(first) + "\n\n东郭明\n\n"
                      + "\n\n".join(second[:2]) + "\n\n口袋公园月底开放\n\n" + "\n\n".join(second[2:]) + "\n",
                      name="t.txt", format="tesseract")
    assert [(s.headline.text, s.byline) for s in page.stories] == [("江城春来早", "东郭明"), ("口袋公园月底开放", None)]
    assert [b.text for b in page.stories[1].body] == [lede[lede.index("全市"):], PARAGRAPHS[2]]


def test_a_headline_read_inside_the_first_column_under_its_leading_byline_heads_the_story():
    """The page's first story: its byline (本报记者 …) read first, then the first column, whose
    paragraph the headline, read late, cuts in two. With no heading above that text, the piece
    is the story's headline, over its byline (not a piece of a headline it does not have: the
    byline is no heading)."""
    lines = _column(PARAGRAPHS[:2]).split("\n\n")
    cut = next(k for k in range(3, len(lines)) if not lines[k - 1].endswith("。") and len(lines[k]) == 14)
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n本报记者 东郭明\n\n" + "\n\n".join(lines[:cut]) + "\n\n江城春来早\n\n"
                      + "\n\n".join(lines[cut:]) + "\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert (story.headline.text, [b.text for b in story.bylines]) == ("江城春来早", ["本报记者 东郭明"])
    assert [b.text for b in story.body] == PARAGRAPHS[:2]


def test_a_line_justified_with_a_wide_gap_is_one_printed_line():
    """Tesseract writes a wide space as a run of spaces, and so it writes the gutter between two
    columns read across. A line whose two pieces together fit a column line, the first ending no
    sentence, is one printed line justified wide (digits and Latin make such spaces): it is no two
    columns' lines, and it fills the measure. A paragraph's last line and a name set flush right
    after it stay two things."""
    paragraphs = PARAGRAPHS[:2] * 2  # enough full lines to tell the measure by
    lines = _column(paragraphs).split("\n\n")
    k = next(k for k, line in enumerate(lines) if line.startswith("市园林部门"))
    lines[k + 1] = lines[k + 1][:5] + "     " + lines[k + 1][5:]
    lines[-1] += "        东郭明"
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n江城春来早\n\n" + "\n\n".join(lines) + "\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert [b.text for b in story.body] == paragraphs
    assert story.byline == "东郭明"


def test_a_dateline_begins_a_paragraph_across_tesseract_s_blank_line():
    """A headline as wide as a paragraph's indented first line, then Tesseract's blank line, then
    a dateline paragraph whose first line ends on a mark (``本报讯“口袋公园建设年”``, as a
    paragraph's last line would): the dateline begins its paragraph, the headline is not its first
    line."""
    lede = "本报讯“口袋公园建设年”活动中，全市首批十处口袋公园已完成建设，将于本月底向市民开放。"
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n江城春来早\n\n" + _column(PARAGRAPHS[:2] * 2) + "\n\n东郭明\n\n"
                      "全市首批口袋公园月底开放\n\n" + _column([lede, PARAGRAPHS[2]]).replace("\n\n", "\n") + "\n",
                      name="t.txt", format="tesseract")
    assert [(s.headline.text, s.dateline) for s in page.stories] == [("江城春来早", None), ("全市首批口袋公园月底开放", "本报讯")]


def test_a_three_character_headline_piece_goes_back_to_the_headline_over_a_line_with_digits():
    """The headline's last piece, three characters, read between a paragraph cut off inside a word
    and its next line, which holds digits: so short a line may be a full line or an indented first
    one, and after a paragraph cut inside a word it is the full line that carries it on."""
    second = ["市园林部门介绍，今年新增", "绿地面积不少于三十处，全市绿", "地面积的比例已由去年的两成"]
    rest = ["30.7%上升到7.1%。市民出门", "就能见到绿色，还将新建一批口", "袋公园，方便附近居民休憩。"]
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n江城春来\n\n" + _column(PARAGRAPHS[:2]) + "\n\n" + "\n\n".join(second)
                      + "\n\n绿意浓\n\n" + "\n\n".join(rest) + "\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert story.headline.text.replace(" ", "") == "江城春来绿意浓"
    assert [b.text.replace(" ", "") for b in story.body] == [*PARAGRAPHS[:2], "".join(second + rest)]


def test_two_headline_pieces_in_a_row_inside_a_cut_paragraph_go_back_to_the_headline():
    """A headline on two lines over the columns, each line cut at the gutter: two pieces in a row
    come out between a paragraph cut mid-sentence and its next line. Both go back to the headline
    and the paragraph is joined across them."""
    paragraphs = PARAGRAPHS[:2] * 2
    lines = _column(paragraphs).split("\n\n")
    cut = next(k for k in range(1, len(lines)) if not lines[k - 1].endswith("。") and len(lines[k]) == 14 and k > 6)
    page = parse_page("编辑 欧阳晓 版式 司马青\n\n江城春来\n\n" + "\n\n".join(lines[:cut]) + "\n\n早植树忙\n\n全城添新绿\n\n"
                      + "\n\n".join(lines[cut:]) + "\n", name="t.txt", format="tesseract")
    (story,) = page.stories
    assert story.headline.text.replace(" ", "") == "江城春来早植树忙全城添新绿"
    assert [b.text for b in story.body] == paragraphs


def test_the_printed_line_ends_are_the_ones_tesseract_wrote():
    """Tesseract writes each printed line on its own line: the line ends are known, not guessed
    from the characters around a space. A line that ends beside digits (``达`` | ``15万``) ends
    there; a space the engine left inside a line (``二十届 灯会``) ends none."""
    page = parse_page("标题一\n\n本报讯 元宵节前后，小城举\n办了第二十届 灯会，游客总数达\n15 万人次，总收入比去年增长两成。\n",
                      name="t.txt", format="tesseract")
    (para,) = page.stories[0].body
    lines = [para.text[a:b] for a, b in zip((0, *para.breaks), (*para.breaks, len(para.text)))]
    assert lines == ["元宵节前后，小城举", "办了第二十届灯会，游客总数达", "15万人次，总收入比去年增长两成。"]


def test_headlines_side_by_side_read_as_one_line_head_the_stories_under_them_in_turn():
    """Two one-column stories printed side by side: Tesseract reads their headlines as one line
    across the gutter (a wide gap between), then each column's text down in turn. Pieces of one
    line stand side by side, so neither is the other's kicker; the text under the row is the
    first headline's story, and the next story with no headline of its own takes the second."""
    page = parse_page("图书馆延长开放时间        城东新建口袋公园\n\n"
                      "本报讯 为方便读者学习，市图\n书馆从本周起延长开放时间。\n\n李文静\n\n"
                      "本报讯 城东的口袋公园月底\n向市民开放，园内种了花草。\n",
                      name="t.txt", format="tesseract")
    assert [(s.kicker, s.headline.text, s.byline, [b.text for b in s.body]) for s in page.stories] == [
        (None, "图书馆延长开放时间", "李文静", ["为方便读者学习，市图书馆从本周起延长开放时间。"]),
        (None, "城东新建口袋公园", None, ["城东的口袋公园月底向市民开放，园内种了花草。"])]
    assert [r.before for r in page.repairs if r.kind == "row-headline"] == ["图书馆延长开放时间", "城东新建口袋公园"]


# A story's headline read inside another story's columns: Tesseract reads down the first
# story's column, then the second story (its headline set in a wider, bigger line), then the
# first story's next column.
INTERLEAVED = """\
山城夜市重新开张

本报讯 停业三个月的山城夜市昨晚重新开张，摊主
们早早摆好了摊位。

科技小院助农增收

“把课堂搬到田间地头。”几位农学院的教师在村里
住了下来，手把手教农民种好大棚蔬菜。

夜市管理处的负责人介绍，今年新增摊位两百多个，
还专门划出了非遗展示区。
"""


def test_a_story_s_only_intertitle_is_a_headline_read_inside_another_story():
    page = parse_page(INTERLEAVED, name="t.txt", format="tesseract")
    assert [s.headline.text for s in page.stories] == ["山城夜市重新开张", "科技小院助农增收"]
    assert page.stories[1].body[0].text.startswith("“把课堂搬到田间地头。”")
    assert any("only one" in d for d in page.doubts)


def test_two_intertitles_divide_one_story():
    page = parse_page(INTERLEAVED.replace("还专门划出了非遗展示区。", "还专门划出了非遗展示区。\n\n非遗展示吸引年轻人\n\n"
                                          "不少年轻人专程赶来，体验剪纸和面塑。"), name="t.txt", format="tesseract")
    (story,) = page.stories
    assert [b.text for b in story.body if b.type == "intertitle"] == ["科技小院助农增收", "非遗展示吸引年轻人"]


def test_a_line_cut_from_a_paragraph_by_the_column_end_stays_text():
    # ending on a preposition or particle, or over a figure, it is no headline
    for cut, rest in (("两家银行合并前的资产总额为", "2448亿元。"), ("在省象棋协会公布的", "今年等级分榜单上，他排在首位。")):
        page = parse_page(INTERLEAVED.replace("科技小院助农增收", cut).replace("“把课堂搬到田间地头。”", rest),
                          name="t.txt", format="tesseract")
        assert len(page.stories) == 1, cut


# A story signed at the top whose headline, a line wider than the column, Tesseract read in the
# middle of its first paragraph (between 一是 and the words that carry the sentence on).
SIGNED_AT_TOP = """\
山城夜市重新开张

本报讯 停业三个月的山城夜
市昨晚重新开张，摊主们早早
摆好了摊位。夜市管理处的负
责人介绍，今年新增摊位两百
多个，还专门划出了非遗展示
区，不少年轻人专程赶来体验。

李华

本报记者 欧阳晓
今年的春耕比往年来得早，全
县已经完成了大半的播种任务。
农技站的技术员守在田间，一是

县农业农村局副局长王建国谈今年春耕

指导农民选种，二是帮助合作
社调配农机，让农户少跑路。
"""


def test_a_line_of_words_wider_than_the_column_is_a_headline_not_the_text_under_it():
    page = parse_page(SIGNED_AT_TOP, name="t.txt", format="tesseract")
    first, second = page.stories
    assert [b.text for b in first.bylines] == ["李华"]
    assert second.headline.text == "县农业农村局副局长王建国谈今年春耕"
    assert [(b.text, b.position) for b in second.bylines] == [("本报记者 欧阳晓", "leading")]
    assert [b.text for b in second.body] == ["今年的春耕比往年来得早，全县已经完成了大半的播种任务。"
                                             "农技站的技术员守在田间，一是指导农民选种，二是帮助合作社调配农机，让农户少跑路。"]


def test_a_credit_with_role_words_over_text_leads_a_story_whose_headline_was_not_read():
    page = parse_page(SIGNED_AT_TOP.replace("县农业农村局副局长王建国谈今年春耕\n\n", ""), name="t.txt", format="tesseract")
    first, second = page.stories
    assert [b.text for b in first.bylines] == ["李华"]
    assert second.headline.text == ""  # no credit line made a headline
    assert [(b.text, b.position) for b in second.bylines] == [("本报记者 欧阳晓", "leading")]
    assert second.body[0].text.startswith("今年的春耕")


# The opening of a story in a column of 13 em that several pages below share: a headline and
# a paragraph's first six printed lines, as Tesseract writes them.
NIGHT_MARKET = """\
山城夜市重新开张

本报讯 停业三个月的山城夜
市昨晚重新开张，摊主们早早
摆好了摊位，不少年轻人专程
赶来体验。夜市管理处的负责
人介绍，今年新增摊位两百多
"""


# A story's headline read between a paragraph's indented first line (short, with a comma: it
# looks like a heading) and the paragraph's middle, in a story whose headline was not read above.
FIRST_LINE_CUT = NIGHT_MARKET + """\
个，还专门划出了非遗展示区。

  夜市还延长了营业时间，每
天从傍晚六点一直开到深夜十
二点，周末还有乐队现场演出。

李华

今年的春耕比往年来得早，全
县已经完成了大半的播种任务
农技站的技术员都守在田间。

县里还组织了，今年新增

县农业局长谈春耕

一批农机合作社，还专门划出
了一片示范田，让农户学着种
上新品种。
"""


def test_a_headline_read_after_a_paragraph_s_first_line_heads_its_story():
    page = parse_page(FIRST_LINE_CUT, name="t.txt", format="tesseract")
    first, second = page.stories
    assert [b.text for b in first.bylines] == ["李华"]
    assert second.headline.text == "县农业局长谈春耕"
    assert second.body[-1].text == "县里还组织了，今年新增一批农机合作社，还专门划出了一片示范田，让农户学着种上新品种。"


# A headline as wide as the column, read after a paragraph cut mid-sentence, over its story's
# leading byline: Tesseract's blank line around it is all that tells it from the paragraph's line.
HEADLINE_AT_THE_MEASURE = NIGHT_MARKET + """\
个，还专门划出了非遗展示区
和一片供孩子们游玩的场地，

县农业农村局局长王建国谈春

本报记者 欧阳晓

今年的春耕比往年来得早，全
县已经完成了大半的播种任务，
农技站的技术员都守在田间。
"""


def test_a_line_of_words_over_a_credit_with_role_words_is_a_headline_however_wide():
    page = parse_page(HEADLINE_AT_THE_MEASURE, name="t.txt", format="tesseract")
    first, second = page.stories
    assert first.body[-1].text.endswith("供孩子们游玩的场地，")
    assert second.headline.text == "县农业农村局局长王建国谈春"
    assert [(b.text, b.position) for b in second.bylines] == [("本报记者 欧阳晓", "leading")]


# A headline ending on a closing quote (``“烟火气”``), read between a paragraph's halves: a
# quote closed after words alone ends no paragraph, so the headline is not the paragraph's end.
QUOTED_HEADLINE = NIGHT_MARKET + """\
个，还专门划出了非遗展示区，

李华

本报记者 欧阳晓

今年的春耕比往年来得早，全
县已经完成了大半的播种任务，
农技站的技术员都守在田间，为

老街重现“烟火气”

农户送去了新品种和新技术。
"""


def test_a_headline_ending_on_a_closing_quote_is_no_paragraph_s_last_line():
    page = parse_page(QUOTED_HEADLINE, name="t.txt", format="tesseract")
    second = page.stories[1]
    assert second.headline.text == "老街重现“烟火气”"
    assert [b.text for b in second.body] == ["今年的春耕比往年来得早，全县已经完成了大半的播种任务，"
                                             "农技站的技术员都守在田间，为农户送去了新品种和新技术。"]


# The page's first headline with its last character read as a pause (``;``), over its dateline;
# the next story's headline is read after the first story's text, as Tesseract does.
MISREAD_END = """\
山城夜市重新开张;

本报讯 停业三个月的山城夜市昨晚重
新开张，摊主们早早摆好了摊位，不少
年轻人专程赶来体验。夜市管理处的负
责人介绍，今年新增摊位两百多个，还
专门划出了非遗展示区。

科技小院助农增收

“把课堂搬到田间地头。”几位农学院
的教师在村里住了下来，手把手教农民
种好大棚蔬菜，还帮村里建起了冷库。
"""


def test_a_headline_whose_last_character_was_read_as_a_pause_still_heads_its_story():
    page = parse_page(MISREAD_END, name="t.txt", format="tesseract")
    first, second = page.stories
    assert first.headline.text == "山城夜市重新开张；"  # the misread mark stays: nothing is invented
    assert first.dateline == "本报讯"
    assert second.headline.text == "科技小院助农增收"  # not moved over the first story's text
    assert second.body[0].text.startswith("“把课堂搬到田间地头。”")


# A speck of ink and the byline after a story's text, then the next headline with its last
# character read as a colon: the name signs the story off, the line heads the next.
SIGNED_OVER_MISREAD = """\
山城夜市重新开张

本报讯 停业三个月的山城夜市昨晚重
新开张，摊主们早早摆好了摊位，不少
年轻人专程赶来体验。夜市管理处的负
责人介绍，今年新增摊位两百多个，还
专门划出了非遗展示区。

吊

李华

科技小院助农增收:

本报讯 几位农学院的教师在村里住了
下来，手把手教农民种好大棚蔬菜，还
帮村里建起了冷库。
"""


def test_a_name_over_a_headline_with_a_misread_end_signs_the_story_above_off():
    page = parse_page(SIGNED_OVER_MISREAD, name="t.txt", format="tesseract")
    first, second = page.stories
    assert [b.text for b in first.bylines] == ["李华"]
    assert second.headline.text == "科技小院助农增收："
    assert second.dateline == "本报讯"


# A piece of the story's own headline read late, inside a paragraph the column's end cut
# (``剪纸、面塑、糖画等`` | the piece | ``摊位。``): no story of its own.
OWN_PIECE = """\
山城夜市重新开张

本报讯 停业三个月的山城夜市昨晚重新开张，摊主
们早早摆好了摊位，还请来了剪纸、面塑、糖画等

非遗展示吸引年轻人

摊位。

夜市管理处的负责人介绍，今年新增摊位两百多个，
还专门划出了一片供孩子们游玩的场地。
"""


def test_a_short_line_inside_a_cut_paragraph_opens_no_story():
    (story,) = parse_page(OWN_PIECE, name="t.txt", format="tesseract").stories
    assert story.headline.text == "山城夜市重新开张"
    assert "非遗展示吸引年轻人" in [b.text for b in story.body]


# The page's first line under the folio: a headline of words alone, as wide as a paragraph's
# indented first line, over text that ends its sentences (no paragraph's first line).
PAGE_TOP = """\
编辑 欧阳晓 版式 司马青 网址: www.example.org.cn

县农业农村局局长王建国谈春耕

王建国，1965 年生，农学博士。
历任县农技站站长、县农业局副局长、
副县长，2019 年起任县农业农村局局长。

今年的春耕比往年来得早，全县已经完
成了大半的播种任务。农技站的技术员
都守在田间，手把手教农民选种，还帮
合作社调配农机，让农户少跑路、多增
收。县里还新建了三座冷库，新添了一
批烘干设备，粮食收下来就能及时烘干
入库，农民再也不用担心阴雨天了。
"""


def test_the_first_line_under_the_folio_over_text_is_a_headline():
    (story,) = parse_page(PAGE_TOP, name="t.txt", format="tesseract").stories
    assert story.headline.text == "县农业农村局局长王建国谈春耕"
    assert story.body[0].text.startswith("王建国，1965年生")
