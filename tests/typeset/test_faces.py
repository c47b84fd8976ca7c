"""The class→face map is read from the stylesheets themselves, so it follows what a layout says."""

import pytest

from publisher.typeset.faces import face_map, text_by_face
from publisher.typeset.fonts import bundled_faces
from publisher.typeset.layout import LAYOUTS_DIR

EXPECTED = {  # class: role, as the layouts set them today (a layout edit must change this on purpose)
    "headline": "headline", "kicker": "hei", "subheadline": "hei", "intertitle": "hei",
    "byline": "kai", "caption": "kai", "folio__paper": "headline",
}


def roles(css: str) -> dict[str, str | None]:
    faces = face_map(css, bundled_faces())
    return {cls: faces.role(font.over(faces.root)) for cls, font in faces.classes.items()}


@pytest.mark.parametrize("layout", ["broadsheet", "a4", "epub"])
def test_each_layout_sets_the_contract_classes_in_the_expected_faces(layout):
    found = roles((LAYOUTS_DIR / f"{layout}.css").read_text(encoding="utf-8"))
    assert {cls: found.get(cls) for cls in EXPECTED} == EXPECTED
    faces = face_map((LAYOUTS_DIR / f"{layout}.css").read_text(encoding="utf-8"), bundled_faces())
    assert faces.role(faces.root) == "body"


def test_print_folio_is_hei_with_credit_roles_and_url_in_the_body_face():
    css = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    html = ('<header class="folio"><ul class="folio__credits"><li class="credit"><span class="credit__role">编辑</span>'
            '<span class="credit__name">李娜</span></li></ul><p class="folio__url">网址</p></header>'
            '<p class="para">正文<span class="dateline">本报讯</span></p>')
    got = text_by_face(html, face_map(css, bundled_faces()))
    assert got == {"body": "址文正编网辑", "hei": "娜李", "headline": "报本讯"}


def test_a_user_face_override_is_followed_and_an_unknown_family_is_not_checked():
    css = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    sans = css + '\n:root { --body-face: "Noto Sans CJK SC"; }'
    assert text_by_face('<p class="para">正文</p>', face_map(sans, bundled_faces())) == {"sans": "文正"}
    own = css + '\n.para { font-family: "My House Song"; }'
    assert text_by_face('<p class="para">正文</p>', face_map(own, bundled_faces())) == {}


def test_a_face_asked_for_in_a_weight_not_bundled_is_warned_about():
    from publisher.typeset.faces import face_warnings

    css = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    assert face_warnings(face_map(css, bundled_faces())) == []
    sans = css + '\n:root { --body-face: "Noto Sans CJK SC"; }'  # bundled in Regular now: no warning
    assert face_warnings(face_map(sans, bundled_faces())) == []
    bold_kai = css + "\n.byline { font-weight: 700; }"
    (warning,) = face_warnings(face_map(bold_kai, bundled_faces()))
    assert warning == ('no weight 700 of "Publisher WenKai" is bundled: text asked for in it is set in weight 400 '
                       "(bundled faces: fonts/faces.toml)")


def test_a_family_neither_bundled_nor_installed_is_warned_about_with_what_stands_in():
    from publisher.typeset.faces import face_warnings

    css = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    own = css + '\n:root { --body-face: "My House Song"; }'
    fmap = face_map(own, bundled_faces())
    (warning,) = face_warnings(fmap, frozenset())
    assert warning == 'font "My House Song" is neither bundled nor installed: its text is set in the system\'s serif font, the next family listed'
    assert face_warnings(fmap, frozenset({"my house song"})) == []  # installed: used as asked
    assert face_warnings(fmap, None) == []  # cannot be told (no fc-list): nothing said
    listed = css + '\n.caption { font-family: "Nowhere Kai", "Publisher WenKai", serif; }'
    (warning,) = face_warnings(face_map(listed, bundled_faces()), frozenset())
    assert warning.endswith('set in "Publisher WenKai" (bundled), the next family listed')


TC_EXPECTED = {"headline": "headline-tc", "kicker": "hei-tc", "subheadline": "hei-tc", "intertitle": "hei-tc",
               "byline": "kai-tc", "caption": "kai-tc", "folio__paper": "headline-tc", "dateline": "headline-tc"}


@pytest.mark.parametrize("layout", ["broadsheet", "a4", "epub"])
@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hant-TW", "zh-TW", "zh-HK"])
def test_a_traditional_page_is_set_in_the_tc_faces(layout, lang):
    css = (LAYOUTS_DIR / f"{layout}.css").read_text(encoding="utf-8")
    faces = face_map(css, bundled_faces(), lang)
    assert faces.role(faces.root) == "body-tc"
    assert {cls: faces.role(faces.classes[cls].over(faces.root)) for cls in TC_EXPECTED} == TC_EXPECTED
    simplified = face_map(css, bundled_faces(), "zh-Hans")
    assert simplified.role(simplified.root) == "body"
    assert simplified.role(simplified.classes["caption"].over(simplified.root)) == "kai"


@pytest.mark.parametrize("layout", ["broadsheet", "epub"])
def test_the_document_language_picks_the_faces(layout):
    """One map serves both: text_by_face follows the document's <html lang>."""
    css = (LAYOUTS_DIR / f"{layout}.css").read_text(encoding="utf-8")
    doc = '<html lang="{}"><body><p class="para">正文</p><p class="caption">圖說</p></body></html>'
    faces = face_map(css, bundled_faces())
    assert text_by_face(doc.format("zh-Hant"), faces) == {"body-tc": "文正", "kai-tc": "圖說"}
    assert text_by_face(doc.format("zh-Hans"), faces) == {"body": "文正", "kai": "圖說"}


def test_tc_knobs_and_the_cascade():
    css = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    # a later :root setting does not outrank html:lang(zh-Hant), as in CSS; the -tc knob does
    plain = face_map(css + '\n:root { --body-face: "Noto Sans CJK SC"; }', bundled_faces(), "zh-Hant")
    assert plain.role(plain.root) == "body-tc"
    knob = face_map(css + '\n:root { --body-face-tc: "Noto Sans CJK TC"; }', bundled_faces(), "zh-Hant")
    assert knob.role(knob.root) == "sans-tc"
    # a class rule under the qualifier outranks the plain class rule written after it
    ranked = face_map(css + '\nhtml:lang(zh-Hant) .para { font-family: "Noto Sans CJK TC"; }\n'
                            '.para { font-family: "Noto Serif CJK SC"; }', bundled_faces(), "zh-Hant")
    assert ranked.role(ranked.classes["para"].over(ranked.root)) == "sans-tc"
