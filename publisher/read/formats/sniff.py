"""The start of a file as text, for detection only (the real decoding is ``read.decode``)."""

from __future__ import annotations

import codecs

HEAD_BYTES = 64 * 1024


def head(data: bytes, size: int = HEAD_BYTES) -> str:
    """The first ``size`` bytes decoded leniently: a format is told by ASCII markup or line shape."""
    part = data[:size]
    if part.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return part.decode("utf_16", errors="ignore")
    try:
        return part.decode("utf_8_sig")
    except UnicodeDecodeError as e:
        if e.start >= len(part) - 3:  # only a character cut in two at the end of the sample
            return part[: e.start].decode("utf_8_sig")
    return part.decode("gb18030", errors="replace")  # what Chinese OCR text that is not UTF-8 mostly is
