"""Text cleanup: inline markup, PDF page furniture, hyphenation, unwrapping; never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eurasia_etl.normalize import clean_blocks, clean_chars, clean_pages, clean_text, strip_markup


def test_chars_newlines_bom_controls_spaces_ligatures():
    raw = "\ufeffOne\r\ntwo\rthree\u2028four\x00\x07 five\u00a0six\tseven \ufb01ne\u00adly"
    assert clean_chars(raw) == "One\ntwo\nthree\nfour five six seven finely"


def test_inline_html_entities_and_markdown_escapes():
    raw = 'the 1<sup>st</sup> decade, <a href="https://x.org/">OJS</a>, \\$73.15 billion &amp; 5 &lt; 6<br/>end'
    assert strip_markup(raw) == "the 1st decade, OJS, $73.15 billion & 5 < 6 end"


def test_text_that_only_looks_like_markup_is_kept():
    assert strip_markup("growth <5% and a < b > c, <unknown> tag") == "growth <5% and a < b > c, <unknown> tag"
    assert strip_markup("C:\\path and \\n stay") == "C:\\path and \\n stay"


PDF_STYLE = """WORKING PAPERS            No. 24/03            March 2024

Abstract
This paper traces how long-term energy contracts and a sequence of political
declarations shaped the growth of Russia-China trade between 2014 and 2023. We argue
that trade followed the energy contracts.

1. Introduction
Bilateral trade crossed the symbolic threshold of $100 billion in 2018, when it reached
$107.06 billion. On the same day the two governments concluded an inter-
governmental agreement on settlements, and the Sino-
Russian commission met near Zhan-
jiang on anti-submarine drills and the anti-
submarine warfare plan through the Power of

                                                                              1

Volkova & Chen - Pipelines, Payments and Partnership                  WP 24/03

Siberia pipeline. The price formula was never published; press estimates put the
value of the deal at about $400 billion, and search-and-
rescue drills in the Sea of Japan and the East China Sea were part of the plan.

                                                                              2

Volkova & Chen - Pipelines, Payments and Partnership                  WP 24/03

2. Conclusion
Energy contracts explain most of the growth in Russia-China trade since 2014, and this
holds for the whole period of the study up to 2023 and beyond it.

                                                                              3
"""


def test_pdf_style_text_is_unwrapped_and_page_furniture_removed():
    text = clean_text(PDF_STYLE)
    assert "Volkova & Chen" not in text
    assert "\n1\n" not in text and not text.endswith("3")
    assert "WORKING PAPERS No. 24/03 March 2024" in text  # first-page header kept (carries the date)
    assert "an intergovernmental agreement" in text
    assert "the Sino-Russian commission" in text  # capitalised continuation keeps its hyphen
    assert "near Zhanjiang" in text
    assert "anti-submarine drills and the anti-submarine warfare" in text  # known prefix keeps hyphen
    assert "search-and-rescue drills" in text  # compound keeps hyphen
    assert "through the Power of Siberia pipeline." in text  # paragraph re-joined across the page break
    assert "Abstract\n\nThis paper traces" in text  # heading-like short line kept apart
    assert "1. Introduction\n\nBilateral trade" in text
    assert "2. Conclusion\n\nEnergy contracts" in text
    assert "political declarations shaped" in text


def test_page_numbers_and_header_with_number_in_margin():
    raw = (
        "Proceedings of the Workshop, Vol. 7 (May 2023)          41\n\n"
        "Joint Sea-2016 was held in the South China Sea and added island landings to air defence and\n"
        "anti-submarine serials that the two navies had practised together for several years before the\n"
        "exercise, and the search-and-rescue\n\n"
        "42                                  Orlov - Exercising Together\n\n"
        "serials were new that year as well, according to the Russian Defence Ministry and its staff.\n\n"
        "43                                  Orlov - Exercising Together\n\n"
        "References\n"
    )
    text = clean_text(raw)
    assert text.startswith("Proceedings of the Workshop, Vol. 7 (May 2023)\n\n")
    assert "Orlov" not in text and "42" not in text and "43" not in text
    assert "the search-and-rescue serials were new" in text


def test_form_feeds_and_page_n_of_m():
    raw = "The pipeline carried gas\nPage 1 of 2\n\fto China in 2023 and Russia\n- 2 -\n\f"
    assert clean_text(raw) == "The pipeline carried gas to China in 2023 and Russia"


def test_paragraph_cut_by_page_break_rejoined_when_it_continues_lowercase():
    raw = "The fleet was based in Vladivostok for all of the\n\nsoviet era; this grew.\n\nNext one."
    assert clean_text(raw) == "The fleet was based in Vladivostok for all of the soviet era; this grew.\n\nNext one."


def test_one_line_paragraphs_are_not_merged():
    raw = (
        "Background\n"
        "Russia and the DPRK have historically been strategic partners in the Far East since the mid-1950s and "
        "the third participant of this coalition was China, traditionally close to both countries at all times.\n"
        "Due to its geographical neighborhood, Primorsky Region has always been maximally involved in cooperation "
        "with the Korean Peninsula, with a total border between Russia and North Korea 39.4 km long.\n"
    ) * 3
    text = clean_text(raw)
    assert text.count("\n") == raw.count("\n") - 1
    assert text.startswith("Background\nRussia")


def test_markdown_tables_lists_headings_kept():
    raw = (
        "# Annual turnover\n\n"
        "| Year | Turnover, US$ bn |\n|------|-----:|\n| 2018 | 107.06 |\n| 2019 | 110.75 |\n\n"
        "- **9 September 1948** – proclaimed\n- **1949-03-17** – agreement\n  signed in Moscow\n\n"
        "## Notes\n\nText here.[^1]\n\n[^1]: A footnote.\n"
    )
    text = clean_text(raw)
    assert "| Year | Turnover, US$ bn |\n|------|-----:|\n| 2018 | 107.06 |\n| 2019 | 110.75 |" in text
    assert "- **9 September 1948** – proclaimed\n- **1949-03-17** – agreement\n" in text
    assert text.startswith("# Annual turnover\n\n")
    assert "[^1]: A footnote." in text


def test_clean_pages_from_pdf_layers():
    pages = [
        "Russia-China Ties\nThe anchor of the relationship is the contract signed on 21 May 2014, under which\n"
        "Gazprom agreed to supply CNPC with 38 billion cubic metres of gas a year through the\n1",
        "Running head of the paper\nPower of Siberia pipeline. Deliveries started on 2 December 2019 after five\n"
        "years of construction work on both sides of the border, at great cost.\n2",
        "Running head of the paper\nThe end of the story is short.\n3",
    ]
    text = clean_pages(pages)
    assert "through the Power of Siberia pipeline." in text
    assert "Running head" not in text
    assert not any(line.strip().isdigit() for line in text.split("\n"))


def test_clean_blocks_joins_sentence_split_over_two_paragraphs():
    blocks = [
        "# Title",
        "Shipments exceeded 1.6 million tonnes in January–July,",
        "of which 1.1 million tonnes was coal.",
        "Coal, metal ore and grain\u00a0accounted for most.",
    ]
    assert clean_blocks(blocks) == (
        "# Title\n\nShipments exceeded 1.6 million tonnes in January–July, of which 1.1 million tonnes was coal."
        "\n\nCoal, metal ore and grain accounted for most."
    )


def _sane(out: str) -> None:
    assert isinstance(out, str)
    assert "\r" not in out and "\f" not in out and "\ufeff" not in out and "\x00" not in out
    assert out == out.strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_never_raises_on_arbitrary_text(text):
    _sane(clean_text(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                " ",
                "\n",
                "\f",
                "-",
                "12",
                "word-",
                "lower",
                "Upper",
                "# H",
                "| a |",
                "- item",
                "1.",
                "x" * 90,
                "   ",
                "<sup>",
                "\\$",
                "&amp;",
                "Page 3 of 9",
            ]
        ),
        max_size=60,
    )
)
def test_clean_text_never_raises_on_structured_noise(parts):
    _sane(clean_text("".join(parts)))
    _sane(clean_text("\n".join(parts)))
    _sane(clean_pages(parts))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=8))
def test_clean_blocks_and_pages_never_raise(blocks):
    _sane(clean_blocks(blocks))
    _sane(clean_pages(blocks))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_decoded_then_cleaned_never_raise(data):
    _sane(clean_text(data.decode("latin-1")))
    _sane(clean_text(data.decode("utf-8", errors="replace")))
