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
    assert text_by_face('<p class="para">正文</p>', face_map(sans, bundled_faces())) == {"hei": "文正"}
    own = css + '\n.para { font-family: "My House Song"; }'
    assert text_by_face('<p class="para">正文</p>', face_map(own, bundled_faces())) == {}


def test_a_face_asked_for_in_a_weight_not_bundled_is_warned_about():
    from publisher.typeset.faces import weight_warnings

    css = (LAYOUTS_DIR / "broadsheet.css").read_text(encoding="utf-8")
    assert weight_warnings(face_map(css, bundled_faces())) == []
    sans = css + '\n:root { --body-face: "Noto Sans CJK SC"; }'
    (warning,) = weight_warnings(face_map(sans, bundled_faces()))
    assert 'no weight 400 of "Noto Sans CJK SC"' in warning and "weight 700" in warning
