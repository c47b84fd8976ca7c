"""Bytes of a page file → Unicode text (NFC, ``\\n`` line ends), or a clear InputError."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ..errors import InputError

# What Chinese OCR text arrives in. Order matters for ties: GB18030 is a superset of GBK/GB2312.
CANDIDATES = ("utf_8", "gb18030", "big5", "utf_16")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; ``encoding`` forces a codec instead of detecting one."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if encoding:
        try:
            codecs.lookup(encoding)
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid {encoding} (byte {e.start})") from None
        return _normalise(text, name), encoding
    text, used = _detect(data, name)
    return _normalise(text, name), used


def _detect(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("_sig", "")
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {codec} byte-order mark but is not valid {codec}") from None
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:  # no 8-bit Chinese encoding has NUL bytes; UTF-16 without a BOM does
        scored = []
        for codec in ("utf_16_le", "utf_16_be"):
            try:
                scored.append((_plausibility(data.decode(codec)), codec))
            except UnicodeDecodeError:
                continue
        if scored and max(scored)[0] > 0.95:
            score, codec = max(scored)
            return data.decode(codec), codec
        raise InputError(f"{name}: binary data, not a text file")
    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise InputError(f"{name}: cannot decode as UTF-8, UTF-16, GB18030 or Big5 (use --encoding)")
    return str(best), best.encoding


def _plausibility(text: str) -> float:
    """Share of characters that Chinese page text is made of (ideographs, CJK marks, ASCII, kana)."""
    if not text:
        return 0.0
    good = sum(
        1
        for c in text
        if c in "\n\r\t" or " " <= c <= "~" or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
        or "\u2000" <= c <= "\u206f" or "\uf900" <= c <= "\ufaff" or "\u00a0" <= c <= "\u02ff"
    )
    return good / len(text)


# Cc, but for tab, line feed and form feed (Tesseract ends each page with one: ``convert`` reads it)
_CONTROL = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


def _normalise(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.lstrip("\ufeff")
    controls = len(_CONTROL.findall(text.replace("\f", "").replace("\v", "")))
    if controls > max(2, len(text) // 200):
        raise InputError(f"{name}: binary data, not a text file")
    text = _CONTROL.sub("", text).replace("\t", " ")
    return unicodedata.normalize("NFC", text)
