"""Where a face puts each mark's ink in the em box: what the composer may squeeze (clreq 3.1.6).

Simplified Chinese (GB convention, the SC faces) sets ，。、；：？！ in the lower left of the em
box: the blank right half may be given up (a mark set half-width, OpenType 'halt'). Traditional
Chinese (Taiwan, Hong Kong; the TC faces) centres ，。、；：！？: their ink needs the whole em.
Brackets and quotes have their ink on one side in both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..chars import is_traditional

Advance = Callable[[str], float]

# Full-width marks whose ink sits on the left half (blank right half can be squeezed).
LEFT_INK = set("，。、；：？！）》」』”’】〕〗〉｝")
# Full-width marks whose ink sits on the right half (blank left half can be squeezed).
RIGHT_INK = set("（《「『“‘【〔〖〈｛")
# Marks the Traditional convention centres in the em box (the TC faces draw them so): never
# set half-width.
CENTRED_TRADITIONAL = frozenset("，。、；：！？")
# A face that cannot set a mark half-width (no OpenType 'halt': LXGW WenKai, AR PL UKai) keeps
# every mark whole, as if centred: squeezing it in the composer would overfill the printed line.
WHOLE = frozenset(LEFT_INK | RIGHT_INK | CENTRED_TRADITIONAL)


@dataclass(frozen=True)
class Metrics:
    """A face's advance widths (``metrics(ch)`` in em) and the marks it centres in the em box."""

    advance: Advance
    centred: frozenset[str] = frozenset()

    def __call__(self, ch: str) -> float:
        return self.advance(ch)


def centred_marks(language: str | None) -> frozenset[str]:
    """The marks a page's language centres in the em box: none for Simplified Chinese, whose
    marks sit in the lower left; ``，。、；：！？`` for Traditional (zh-Hant, zh-TW, zh-HK)."""
    return CENTRED_TRADITIONAL if is_traditional(language) else frozenset()


def ink_of(mark: str, centred: frozenset[str]) -> str:
    if mark in centred:
        return "centre"
    return "left" if mark in LEFT_INK else "right" if mark in RIGHT_INK else ""
