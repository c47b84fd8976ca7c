"""The folio line (版头/页眉): credits as role–name pairs, the paper's URL, date and page fields.

Newspapers print credits in many words (编辑, 责任编辑, 美编, 版式, 组版, 校对, 审读, …);
a role is recognised by its head word, not by a fixed list of whole titles.
"""

from __future__ import annotations

import re

from ..chars import is_han
from ..model import Credit, Folio, FolioField
from .names import is_person_name, merge_split_names

_ROLE_HEADS = (
    "编辑|责编|主编|美编|编审|编排|版式|版面|设计|组版|排版|校对|校读|审读|审校|审核|审签|终审|签发|"
    "监制|制作|制图|统筹|策划|摄影|美术|值班|总监|主任|"
    "編輯|責編|美編|編審|設計|組版|校對|審讀|審校|審核|終審|簽發|監製|製作|統籌|策劃|攝影|美術|總監"
)
ROLE = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,4}}?)(?:{_ROLE_HEADS})$")
URL = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|gov|edu|info|hk|tw)(?:\.cn)?(?:/[\w./%-]*)?", re.I)
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
PAGE = re.compile(r"^(?:第\s*([0-9一二三四五六七八九十]+)\s*版|([A-Z]?\d{1,3})\s*版?)$")
_SEPARATORS = re.compile(r"\s*[|｜¦]\s*|\s{2,}|\u3000+")  # rules, or the wide gaps between fields
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")


def is_folio_line(line: str) -> bool:
    """A line that is page furniture: ruled fields, or credits with no sentence in them."""
    if "。" in line or len(line) > 120:
        return False
    fields = [f for f in _SEPARATORS.split(line) if f]
    if "|" in line or "｜" in line:
        return bool(fields) and (bool(parse_folio(line).credits) or any(URL.search(f) for f in fields))
    credits = len(parse_folio(line).credits)
    return credits >= 2 or (credits == 1 and bool(URL.search(line)))


def is_credits_only(line: str) -> bool:
    """A line of nothing but credits (``编辑 叶朗``): folio furniture when it sits beside a folio
    line (an engine may read the folio's fields as separate lines)."""
    tokens = _tokens(line)
    if not tokens or not ROLE.match(tokens[0]) or "。" in line:
        return False
    fields = parse_folio(line).fields
    named = sum(1 + len(c.name.split()) for f in fields for c in f.credits)  # role and name words used
    return bool(fields) and all(f.credits and not (f.url or f.date) for f in fields) and named >= len(tokens)


def parse_folio(line: str) -> Folio:
    """The fields of a folio line, each read as credits, the URL, a date, the page, or as printed."""
    fields = [_field(f.strip()) for f in _SEPARATORS.split(line.strip().strip("|｜")) if f.strip()]
    return Folio(fields=tuple(fields), raw=line)


def _field(text: str) -> FolioField:
    m = URL.search(text)
    if m:  # credits may share the field when the rules between fields were not read
        head = text[: m.start()].strip().rstrip(":：").strip()
        label = _URL_LABEL.search(head)
        credits = tuple(_credits(head[: label.start()] if label else head))
        if not credits:
            return FolioField(text, url=m.group(0), url_label=head or None)
        return FolioField(text, credits=credits, url=m.group(0), url_label=label.group(1) if label else None)
    date = DATE.search(text)
    page = PAGE.match(text.strip())
    return FolioField(
        text,
        credits=tuple(_credits(text)),
        date=f"{int(date[1]):04d}-{int(date[2]):02d}-{int(date[3]):02d}" if date else None,
        page=(page.group(1) or page.group(2)) if page else None,
    )


_URL_LABEL = re.compile(r"(网址|网站|網址|網站|网页|網頁|Web|URL)\s*$", re.I)


# Words a credit's role may open with (责任编辑, 本版编辑, 图片编辑 …): kept with the role when
# an engine glued role and name into one word.
_ROLE_PREFIX = "责任|責任|本版|执行|執行|图片|圖片|文字|首席|特约|特約"
_GLUED = re.compile(rf"((?:{_ROLE_PREFIX})?(?:{_ROLE_HEADS}))")


def _tokens(field: str) -> list[str]:
    """The words of a credits field. The gaps between role and name may be read as quote marks,
    or (an engine that only knows characters) not at all: ``编辑孟仁泉版式刘仲藜`` is cut before
    each role word."""
    out: list[str] = []
    for token in re.split(r"[\s:：“”\"，,]+", field):
        parts = [t for t in _GLUED.split(token) if t] if len(token) >= 4 else []
        # after a role word, the token may open with that role's name: 责任编辑 朱作勇美编陶新弟
        # (and then even look like a role word itself: 编辑 王景龙版式 利汉钊)
        named = bool(out) and bool(_GLUED.fullmatch(out[-1])) and 2 <= len(parts[0] if parts else "") <= 4
        whole = not ROLE.match(token) and _credit_words(parts)
        if parts and all(is_han(c) for c in token) and (whole or named and _credit_words(parts[1:])):
            out += parts
        elif token:
            out.append(token)
    return out


_NOT_NAMES = {"报道", "報道", "报导", "報導"}  # 摄影报道: a photo report, not a photographer named 报道


def _credit_words(parts: list[str]) -> bool:
    """Role, name, role, name …: each name 2–4 characters (else the word was not credits). The
    last role's name may be the next word: the gap after a name was lost, the one after the role
    read (``编辑 王景龙版式 利汉钊``)."""
    roles, names = parts[0::2], parts[1::2]
    return (len(roles) - len(names) in (0, 1) and all(_GLUED.fullmatch(r) for r in roles)
            and all(2 <= len(n) <= 4 and not _GLUED.search(n) and n not in _NOT_NAMES for n in names))


def _credits(field: str) -> list[Credit]:
    """Role–name pairs in one field: ``编辑 李娜 版式 罗万玲``, ``责任编辑：王某``, ``校对 甲 乙``."""
    tokens = _tokens(field)
    out: list[Credit] = []
    role: str | None = None
    names: list[str] = []

    def flush():
        if role and names:
            out.append(Credit(role, " ".join(merge_split_names(names))))

    for tok in tokens:
        if ROLE.match(tok) and not (role and not names):
            flush()
            role, names = tok, []
        elif role and all(is_han(c) or c == "·" for c in tok) and (len(tok) == 1 or is_person_name(tok) or len(tok) <= 4):
            names.append(tok)
        else:
            flush()
            role, names = None, []
    flush()
    return out
