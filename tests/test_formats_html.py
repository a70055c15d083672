"""HTML: article text only, tables as pipe rows, captions kept, metadata read, hostile pages survive."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eurasia_etl.facts import PartialDate
from eurasia_etl.formats import RejectedInput
from eurasia_etl.formats.html import extract_html

DATA = Path(__file__).parent / "data" / "dev" / "raw"
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _dev(name: str):
    return extract_html((DATA / name).read_bytes())


def test_dev09_table_entities_and_boilerplate():
    doc = _dev("dev09.html")
    assert doc.title == "Far Eastern ports hold near 237 mln tonnes; VTB sees 380 mln by 2030"
    assert doc.published == PartialDate(2025, 9, 6)
    assert (
        "Cargo throughput of Far Eastern Basin seaports\n\n"
        "| Year | Mln tonnes | Change, % |\n|---|---|---|\n| 2020 | 223.2 | +4.6 |\n"
        "| 2022 | 227.8 | +1.5 |\n| 2023 | 238.1 | +4.5 |\n| 2024 | ≈237 | – |"
    ) in doc.text
    assert "Russia’s Far Eastern seaports" in doc.text and "&#8217;" not in doc.text
    for junk in ("gtag", "font-family", "Ports & Terminals", "Privacy", "©"):
        assert junk not in doc.text


def test_dev10_split_sentence_caption_and_related_block():
    doc = _dev("dev10.html")
    assert doc.published is None  # no metadata: the dateline is read from the text by docmeta
    assert "exceeded 1.6 million tonnes in January–July, of which 1.1 million tonnes was coal" in doc.text
    assert "Exports over the bridge reached 964,000 tonnes in January–May" in doc.text
    for junk in ("Related", "Zabaikalsk", "Share:", "Telegram", "Tags:", "Advertise", "pageMeta", "Road & bridges"):
        assert junk not in doc.text
    assert "opened on 10 June 2022" in doc.text  # &nbsp; -> space


def test_dev11_json_ld_date_and_no_scripts():
    doc = _dev("dev11.html")
    assert doc.published == PartialDate(2024, 12, 2)
    assert "toggleMenu" not in doc.text and "Menu" not in doc.text
    assert "“Representatives of 15 countries were invited as observers,” Putin said." in doc.text
    assert "## Ocean-2024" in doc.text


def test_dev12_fact_box_kept_without_article_element():
    doc = _dev("dev12.html")
    assert "The first Maritime Security Belt drill began on 27 December 2019" in doc.text
    assert "Gulf Defence Wire" not in doc.text  # nav and footer dropped
    assert doc.text.startswith("# China, Iran and Russia start ‘Maritime Security Belt 2024’ drill")


def test_boilerplate_fixture_page():
    doc = extract_html((FIXTURES / "boilerplate.html").read_bytes())
    assert doc.title == "Power of Siberia deliveries rise"
    assert doc.published == PartialDate(2024, 1, 20)
    assert doc.text == (FIXTURES / "boilerplate.expected.txt").read_text(encoding="utf-8").strip()


def test_title_from_title_tag_without_h1_and_windows_1251_meta_charset():
    html = (
        '<html><head><meta charset="windows-1251"><title>Торговля растёт | Вести</title>'
        '<meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>'
        "<body><p>Товарооборот вырос на 26,3%.</p></body></html>"
    ).encode("cp1251")
    doc = extract_html(html)
    assert doc.title == "Торговля растёт"
    assert doc.published == PartialDate(2023, 5, 4)
    assert doc.text == "Товарооборот вырос на 26,3%."


def test_table_without_header_lists_and_br():
    html = (
        b"<article><h1>T</h1><ul><li>First <b>bold</b> item</li><li>Second</li></ul>"
        b"<ol><li>one</li><li>two</li></ol><p>Line one<br>line two</p>"
        b"<table><tr><td>2020</td><td>1 | 2</td></tr><tr><td>2021</td></tr></table></article>"
    )
    text = extract_html(html).text
    assert "- First bold item\n- Second" in text
    assert "- Second\n\n1. one\n2. two" in text
    assert "Line one line two" in text
    assert "| 2020 | 1 / 2 |\n| 2021 | |" in text
    assert "---" not in text


def test_deep_nesting_and_empty_pages():
    deep = ("<div>" * 50_000 + "deep text" + "</div>" * 50_000).encode()
    assert "deep text" in extract_html(deep).text
    assert extract_html(b"<html><body><nav>menu</nav></body></html>").text == ""
    with pytest.raises(RejectedInput):
        extract_html(b"\x00\x01\x02" * 400)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(data):
    with contextlib.suppress(RejectedInput):
        extract_html(data)


TAGS = [
    "<p>",
    "</p>",
    "<div class='related'>",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</table>",
    "<script>",
    "</script>",
    "<ul>",
    "<li>",
    "<br>",
    "&nbsp;",
    "&#x110000;",
    "&bogus;",
    "<article>",
    "<time datetime='2024-99-99'>",
    "<h2>",
    "<!--",
    "-->",
    "<caption>",
    "<figure><figcaption>",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20)), max_size=80))
def test_arbitrary_tag_soup_never_raises(parts):
    try:
        doc = extract_html("".join(parts).encode("utf-8", "surrogatepass"))
    except RejectedInput:  # e.g. a page of control characters: binary junk
        return
    assert isinstance(doc.text, str)


def test_an_aside_with_prose_is_content_and_one_of_links_is_not():
    html = b"""<html><body><article><h1>Drills on the steppe</h1>
    <p>Russian and Chinese units trained together again this summer near the border.</p>
    <aside class="box"><h3>Background</h3><p>The bloc first staged the exercise in 2005, when troops from
    both countries landed on the Shandong peninsula for eight days of joint manoeuvres.</p></aside>
    <aside><ul><li><a href="/a">Moscow and Beijing sign a gas deal</a></li>
    <li><a href="/b">Tokyo protests a joint bomber patrol</a></li></ul></aside>
    <aside><p><a href="/c">Read more: how the Shanghai Cooperation Organisation grew from a border
    forum into a security bloc of ten member states</a></p></aside>
    </article></body></html>"""
    text = extract_html(html).text
    assert "first staged the exercise in 2005" in text
    assert "gas deal" not in text and "bomber patrol" not in text and "Read more" not in text
