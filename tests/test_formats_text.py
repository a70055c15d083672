"""Plain text / Markdown: every common encoding decodes to the same text; junk is rejected."""

from __future__ import annotations

import codecs
import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eurasia_etl.formats import RejectedInput, format_of
from eurasia_etl.formats.text import decode, extract_text

DATA = Path(__file__).parent / "data"
EN = "Trade reached US$ 244.8bn in 2024 – “a record”, said the café’s owner. Price: 5 €.\n"
RU = (
    "Товарооборот между Россией и Китаем в 2023 году вырос на 26,3% и достиг 240,1 млрд долларов.\n"
    "Это новый рекорд, сообщила Главное таможенное управление КНР.\n"
)


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (EN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + EN.encode("utf-8"), "utf-8-sig"),
        (EN.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + EN.encode("utf-16-be"), "utf-16"),
        (EN.encode("utf-16-le"), "utf-16"),
        (EN.encode("cp1252"), "cp1252"),
        (RU.encode("utf-8"), "utf-8"),
        (RU.encode("cp1251"), "cp1251"),
        (RU.encode("koi8_r"), "koi8_r"),
        (RU.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_decode_to_the_same_text(data, codec):
    text, used = decode(data)
    assert text.lstrip("\ufeff") in (EN, RU)
    assert used == codec


def test_short_cyrillic_words_are_not_mistaken():
    for word in ("Москва, 21 февраля 2025", "Съезд прошёл в Пекине 5 июня."):
        for codec in ("cp1251", "koi8_r"):
            assert decode(word.encode(codec))[0] == word


def test_dev02_windows_1252_curly_quotes_and_dashes():
    doc = extract_text((DATA / "dev" / "raw" / "dev02.txt").read_bytes(), "txt")
    assert doc.encoding == "cp1252"
    assert "Pyongyang’s trade ledger" in doc.text
    assert "“Friendship Year”" in doc.text
    assert "KOREA ECONOMIC WATCH – No. 4/2025" in doc.text
    assert "\ufffd" not in doc.text


def test_same_text_in_any_encoding_gives_the_same_clean_text():
    raw = (DATA / "dev" / "raw" / "dev02.txt").read_bytes().decode("cp1252")
    expected = extract_text(raw.encode("utf-8"), "txt").text
    for codec in ("utf-8-sig", "utf-16", "cp1252"):
        assert extract_text(raw.replace("\n", "\r\n").encode(codec), "txt").text == expected


def test_markdown_seed_inline_html_and_escapes():
    doc = extract_text((DATA / "seeds" / "raw" / "000_4005e4676e6a59ac.txt").read_bytes(), "md")
    assert "<sup>" not in doc.text and "<a href" not in doc.text
    assert "1st decade of 21st Century" in doc.text
    assert "totalling $73.15 billion" in doc.text
    assert "for the whole of the soviet era" in doc.text  # paragraph cut by a page re-joined


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00" * 50,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 40,
    ],
)
def test_binary_junk_is_rejected(data):
    with pytest.raises(RejectedInput, match="binary"):
        extract_text(data, "txt")


def test_format_of():
    assert format_of("a/b/Report (final) é.TXT") == "txt"
    assert format_of("x.markdown") == "md"
    assert format_of("page.HTM") == "html"
    assert format_of("scan.pdf") == "pdf"
    assert format_of("misnamed.txt", b"%PDF-1.7\n") == "pdf"
    assert format_of("notes.docx") == "unknown"
    assert format_of("README") == "unknown"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_raise_anything_but_rejection(data):
    try:
        doc = extract_text(data, "txt")
    except RejectedInput as exc:
        assert str(exc)
    else:
        assert isinstance(doc.text, str)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1251", "cp1252", "koi8_r"]))
def test_encoded_arbitrary_text_never_raises(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    with contextlib.suppress(RejectedInput):
        extract_text(data, "txt")
