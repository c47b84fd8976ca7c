"""Character classes and widths for Chinese text, as the repair and layout rules need them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Closing marks and pause/stop marks: never at a line start (clreq 3.1.7).
CLOSING = set("，。、；：？！）》」』”’】〕〗〙〛｝〉…—·～%％")
# Opening marks: never at a line end.
OPENING = set("（《「『“‘【〔〖〘〚｛〈")
# Marks after which a paragraph may end.
TERMINAL = set("。！？…”’）》」』!?")
# Marks inside a sentence that cannot end a paragraph.
PAUSE = set("，、；：,;:")
# ASCII punctuation that has a full-width form in Chinese text.
ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


@lru_cache(maxsize=65536)
def is_han(ch: str) -> bool:
    """A CJK ideograph (any block, including extensions and compatibility)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x3FFFF
        or 0xF900 <= o <= 0xFAFF
        or o == 0x3007
    )


@lru_cache(maxsize=65536)
def is_cjk_punct(ch: str) -> bool:
    """Full-width punctuation used in Chinese text (including curly quotes, dashes, ellipsis)."""
    o = ord(ch)
    return (
        0x3000 < o <= 0x303F
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or 0xFE10 <= o <= 0xFE4F
        or ch in "“”‘’—…·"
    )


@lru_cache(maxsize=65536)
def is_cjk(ch: str) -> bool:
    """Han or full-width punctuation, kana, bopomofo: text set on the ideographic em grid."""
    if is_han(ch) or is_cjk_punct(ch):
        return True
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x3100 <= o <= 0x312F or 0x31A0 <= o <= 0x31FF


def is_latin(ch: str) -> bool:
    """An ASCII letter or digit (or Latin letter with diacritics): the Western side of Han–Latin spacing."""
    return ch.isascii() and ch.isalnum() or (not ch.isascii() and unicodedata.category(ch)[0] == "L" and not is_cjk(ch))


@lru_cache(maxsize=65536)
def _width(c: str) -> float:
    return 1.0 if unicodedata.east_asian_width(c) in "WF" or is_cjk(c) else 0.5


@lru_cache(maxsize=65536)
def _squeezed(c: str) -> float:
    return 0.5 if is_cjk_punct(c) else _width(c)


def width_em(text: str) -> float:
    """Natural width in em: ideographs and full-width marks 1, everything else (ASCII) ½."""
    return sum(map(_width, text))


def squeezed_width_em(text: str) -> float:
    """Width with every CJK mark set half-width: the narrowest a justified line of this text can be."""
    return sum(map(_squeezed, text))


def han_count(text: str) -> int:
    return sum(1 for c in text if is_han(c))


def is_traditional(language: str | None) -> bool:
    """A BCP 47 tag for Traditional Chinese: ``zh-Hant``, or a region that writes it (TW, HK, MO)."""
    return bool(language) and re.search(r"-(Hant|TW|HK|MO)\b", language, re.I) is not None


def script_language(text: str) -> str:
    """``zh-Hant`` when many ideographs are outside GB 2312 but in Big5 (Traditional), else ``zh-Hans``."""
    han = [c for c in text[:20000] if is_han(c)]
    if not han:
        return "zh-Hans"
    traditional = 0
    for c in han:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            try:
                c.encode("big5")
                traditional += 1
            except UnicodeEncodeError:
                pass
    return "zh-Hant" if traditional > len(han) * 0.1 else "zh-Hans"


# Languages written in Traditional characters (BCP 47): set in the TC faces, whose marks
# ，。、；：！？ sit in the centre of the em box (the Taiwan and Hong Kong convention).
TRADITIONAL_TAGS = ("zh-hant", "zh-tw", "zh-hk")


def is_traditional(language: str | None) -> bool:
    """``zh-Hant``, ``zh-Hant-TW``, ``zh-TW``, ``zh-HK`` (case-insensitive): the languages the layouts
    set in the TC faces (their ``html:lang()`` rules)."""
    tag = (language or "").lower()
    return any(tag == t or tag.startswith(t + "-") for t in TRADITIONAL_TAGS)
