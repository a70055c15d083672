"""Plain text and Markdown: detect the encoding, reject binary junk, clean PDF-conversion artefacts.

Decoding order: BOM, strict UTF-8, BOM-less UTF-16, then a legacy code page.
charset-normalizer alone confuses Windows-1252/1251/KOI8-R on short texts
(it reads dev02 as cp1250/cp1251 and short KOI8-R as Shift-JIS), so legacy
single-byte text is settled by a letter-case test and charset-normalizer is
kept for the other (e.g. CJK) legacy encodings.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from eurasia_etl.formats import Extracted, RejectedInput
from eurasia_etl.normalize import clean_text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_SINGLE_BYTE_FAMILY = re.compile(r"^(cp125\d|windows-125\d|iso8859|latin|koi8|mac_|cp8\d\d|ascii)", re.I)
_CYR_LOWER = re.compile(r"[а-яё]")
_CYR_UPPER = re.compile(r"[А-ЯЁ]")
_NOT_HIGH_LETTER = bytes(range(0xC0))
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))
_ASCII = bytes(range(0x80))
_SAMPLE = 1 << 20  # bytes looked at by the heuristics; decoding itself uses the whole file


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has a NUL in (nearly) every other byte when it is mostly Latin."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.3 * half and min(even, odd) < 0.05 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _cyrillic_codec(data: bytes) -> str | None:
    """cp1251 or koi8_r when the high bytes look like Russian letters, else None (Western text)."""
    sample = data[:_SAMPLE]
    high_letters = len(sample.translate(None, _NOT_HIGH_LETTER))
    ascii_letters = len(sample.translate(None, _NOT_ASCII_LETTER))
    if high_letters < 0.3 * (high_letters + ascii_letters) or high_letters < 3:
        return None
    best, best_score = None, 0.0
    for codec in ("cp1251", "koi8_r"):
        text = sample.decode(codec, errors="replace")
        lower, upper = len(_CYR_LOWER.findall(text)), len(_CYR_UPPER.findall(text))
        score = lower / (lower + upper) if lower + upper else 0.0
        if score > best_score:
            best, best_score = codec, score
    return best if best_score >= 0.5 else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises RejectedInput for binary or undecodable bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise RejectedInput(f"undecodable text: {codec} byte-order mark but invalid data") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    if b"\x00" in data[:_SAMPLE]:
        raise RejectedInput("binary content (NUL bytes), not a text document")
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    codec = _cyrillic_codec(data)
    if codec is None and len(data[:_SAMPLE].translate(None, _ASCII)) < 0.1 * len(data[:_SAMPLE]):
        codec = "cp1252"  # Western text: a few accented letters and curly quotes, no need to guess
    if codec is None:
        guess = from_bytes(data[:_SAMPLE]).best()
        if guess is None:
            raise RejectedInput("binary or undecodable content: no text encoding fits")
        codec = guess.encoding
        if _SINGLE_BYTE_FAMILY.match(codec):
            codec = "cp1252"
    try:
        return data.decode(codec), codec
    except (LookupError, UnicodeDecodeError):
        return data.decode("cp1252", errors="replace"), "cp1252"


def check_not_binary(text: str) -> None:
    """Reject text that decoded but is mostly control characters or replacement marks."""
    sample = text[:_SAMPLE]
    if not sample:
        return
    bad = len(_CONTROL.findall(sample))
    if bad > max(8, 0.02 * len(sample)):
        raise RejectedInput(f"binary junk: {bad} control characters in {len(sample)} decoded characters")


def extract_text(data: bytes, fmt: str) -> Extracted:
    """A .txt/.md file -> cleaned text (markdown structure kept, PDF artefacts removed)."""
    text, encoding = decode(data)
    check_not_binary(text)
    return Extracted(text=clean_text(text), encoding=encoding)
