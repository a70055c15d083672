"""Segmenter: exact offsets, abbreviation-aware sentences, tables, lists, headings, references."""

from __future__ import annotations

from pathlib import Path

import pytest

from eurasia_etl.segment import Segment, segment

DATA = Path(__file__).parent / "data"
RAW_DOCS = sorted(p for p in DATA.glob("*/raw/*") if p.is_file())


def _texts(text: str, kind: str | None = None) -> list[str]:
    return [s.text for s in segment(text) if kind is None or s.kind == kind]


def _check_offsets(text: str, segs: list[Segment]) -> None:
    last = -1
    for s in segs:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last, "segments are in document order and do not overlap"
        last = s.end
        if s.cells is not None:
            for a, b in s.cells:
                assert s.start <= a <= b <= s.end


@pytest.mark.parametrize("path", RAW_DOCS, ids=lambda p: p.name)
def test_offsets_exact_on_raw_corpus(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _check_offsets(text, segment(text))


def test_offsets_exact_on_ingested_corpus() -> None:
    ingest = pytest.importorskip("eurasia_etl.ingest")
    n = 0
    for root in (DATA / "dev" / "raw", DATA / "seeds" / "raw"):
        for doc in ingest.iter_documents(root):
            if doc.status == "ok":
                _check_offsets(doc.text, segment(doc.text))
                n += 1
    assert n >= 10


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. Navy joined the drill in the Sea of Japan.",
        "On Jan. 5 the two sides met again.",
        "Trade reached $240.1 billion, up 26.3 per cent.",
        "The talks were led by V. Putin and Xi Jinping.",
        "The paper by V. S. Frank appeared in 1947.",
        "Several states, e.g. China and India, sent observers.",
        "Sanctions, i.e. export bans, were widened.",
        "Dr. Smith and Mr. Lee visited St. Petersburg in May.",
        "See Vol. 7, No. 3 of the proceedings for details.",
        "The volume was approx. 5 million tonnes.",
        "The deal was signed in Nov. 2004 in Beijing.",
        "He said the port... would be expanded.",
        "Peter Yu. Samoylenko wrote the report.",
        "The U.K. and the U.S. signed the statement.",
    ],
)
def test_no_split_after_abbreviations(sentence: str) -> None:
    assert _texts(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade rose. Exports fell.", ["Trade rose.", "Exports fell."]),
        ("Is it a drill? Yes, officials said.", ["Is it a drill?", "Yes, officials said."]),
        ('He said "it is over." The talks ended.', ['He said "it is over."', "The talks ended."]),
        ("Sanctions came from the U.S. The trade fell.", ["Sanctions came from the U.S.", "The trade fell."]),
        ("It was signed in 2001. 2002 brought ratification.", ["It was signed in 2001.", "2002 brought ratification."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_pipe_table_rows_header_and_cells() -> None:
    text = (
        "## Annual turnover\n\n"
        "| Year | Turnover, US$ bn | y/y, % |\n"
        "|------|-----------------:|-------:|\n"
        "| 2018 | 107.06 | +27.1 |\n"
        "| 2019 | 110.75 | – |\n\n"
        "After the table."
    )
    segs = segment(text)
    rows = [s for s in segs if s.kind == "table_row"]
    assert [r.text for r in rows] == ["| 2018 | 107.06 | +27.1 |", "| 2019 | 110.75 | – |"]
    assert rows[0].header == ("Year", "Turnover, US$ bn", "y/y, %")
    assert [text[a:b] for a, b in rows[0].cells or ()] == ["2018", "107.06", "+27.1"]
    assert rows[0].heading == "Annual turnover"
    assert segs[-1].text == "After the table." and segs[-1].kind == "sentence"


def test_table_without_separator_uses_first_textual_row_as_header() -> None:
    text = "| Port | Mln t |\n| Vanino | 35.0 |\n| Posyet | 6.02 |\n"
    rows = [s for s in segment(text) if s.kind == "table_row"]
    assert [r.text for r in rows] == ["| Vanino | 35.0 |", "| Posyet | 6.02 |"]
    assert rows[0].header == ("Port", "Mln t")


def test_list_items_and_headings() -> None:
    text = (
        "# Timeline\n\n"
        "Port by port (2023, change y/y):\n"
        "- Vostochny: 86.6 mln t (+5.2%)\n"
        "* Vanino: 35.0 mln t (-7.1%)\n"
        "1. Nakhodka: 27.6 mln t. It grew.\n"
    )
    segs = segment(text)
    kinds = [(s.kind, s.text) for s in segs]
    assert ("heading", "Timeline") in kinds
    items = [s for s in segs if s.kind == "list_item"]
    assert [s.text for s in items] == [
        "Vostochny: 86.6 mln t (+5.2%)",
        "Vanino: 35.0 mln t (-7.1%)",
        "Nakhodka: 27.6 mln t. It grew.",
    ]
    assert items[0].heading == "Port by port (2023, change y/y):"


def test_markdown_heading_hierarchy_sets_heading() -> None:
    text = "# Title\n\n## 1. Nerchinsk (1689)\n\nThe treaty was signed.\n\n## 2. Kiakhta\n\nAnother one."
    segs = segment(text)
    by_text = {s.text: s for s in segs}
    assert by_text["1. Nerchinsk (1689)"].kind == "heading"
    assert by_text["1. Nerchinsk (1689)"].heading == "Title"
    assert by_text["The treaty was signed."].heading == "1. Nerchinsk (1689)"
    assert by_text["Another one."].heading == "2. Kiakhta"


def test_plain_title_lines_are_headings() -> None:
    text = "Abstract\nThis paper traces trade.\n\n1. Introduction\nTrade grew in 2018.\n"
    segs = segment(text)
    assert [(s.kind, s.text) for s in segs] == [
        ("heading", "Abstract"),
        ("sentence", "This paper traces trade."),
        ("heading", "1. Introduction"),
        ("sentence", "Trade grew in 2018."),
    ]
    assert segs[-1].heading == "1. Introduction"


@pytest.mark.parametrize(
    "text",
    [
        "Body sentence.\n\n## References\n\nMaxwell, N. (2007). How the boundary was settled. 1689.\n\nMore ref.",
        "Body sentence.\n\nReferences\nXinhua (2012). Russia-China joint naval exercise starts. 22 April.\n",
        "Body sentence.\n\n### Bibliography\n\n- A. Author, *Book*, 1999.\n- B. Author, *Book*, 2001.\n",
        "Body sentence.\n\nWorks cited\n\nSome citation, 2001.\n",
        'Body sentence.[^1]\n\n[^1]: Neville Maxwell, "How the boundary was settled", 2007.\n',
        (
            "Body sentence.\n\n"
            'Anna Myalk et al, "Vladivostok, Russia: Strategy," Global Urban Development Magazine, 1 (Aug, 2008).\n\n'
            'Brian Carlson & David Stone, "Potential reforms," innovation.army.mil Jan 6, 2025.\n\n'
            '- Liu Zhen, "China and Russia stage joint anti-submarine exercise" SCMP.COM. Oct 9,\n'
            '- Marina Tolmacheva, "The Early Russia Exploration". 2000.\n'
        ),
    ],
    ids=["md-references", "plain-references", "bibliography", "works-cited", "footnote", "headless"],
)
def test_reference_sections_are_excluded(text: str) -> None:
    assert _texts(text) == ["Body sentence."] or _texts(text) == ["Body sentence.[^1]"]


def test_notes_keep_prose_and_drop_citations() -> None:
    """A notes section is not a bibliography: a note that states something is read (under its
    heading), a note that cites is dropped like a reference."""
    text = (
        "Body sentence.\n\n## Notes\n\n"
        "1. Author, Title, 2001.\n"
        "2. Ibid., pp. 12-14.\n"
        "3. Smith, J. Pacific Security and the Alliance. Oxford University Press, 2011.\n"
        "4. The Orient Shield drill was held in Hokkaido in September 2019 with 1,400 troops.\n"
        "5. See Petrov (2015) on why the 2001 treaty was signed in Moscow.\n"
    )
    assert _texts(text) == [
        "Body sentence.",
        "Notes",
        "The Orient Shield drill was held in Hokkaido in September 2019 with 1,400 troops.",
    ]


def test_references_end_at_next_same_level_heading() -> None:
    text = "## References\n\nSmith (2001). Title.\n\n## Appendix\n\nThe 2019 figure was 110 bn.\n"
    assert _texts(text) == ["Appendix", "The 2019 figure was 110 bn."]


def test_pdf_style_wrapped_lines_page_break_and_headers() -> None:
    text = (
        "Proceedings of the Workshop, Vol. 7 (May 2023)          41\n\n"
        "2. The Joint Sea series\n"
        "Joint Sea-2012, the first purely naval drill, ran from 22 to 27 April 2012 in the\n"
        "Yellow Sea off Qingdao. Joint Sea-2016, held from 12 to 19 September 2016 in the\n"
        "South China Sea off Zhan-\n"
        "jiang, added island landings to air defence, anti-submarine and search-and-rescue\n\n"
        "42                                  Orlov - Exercising Together\n\n"
        "serials.\n\n"
        "43                                  Orlov - Exercising Together\n\n"
        "3. Strategic exercises\n"
        "Russia invited China to Vostok-2018, held from 11 to 17 September 2018 across Siberia\n"
        "and the Far East.\n"
    )
    segs = segment(text)
    sents = [s.text for s in segs if s.kind == "sentence"]
    assert sents[0].startswith("Joint Sea-2012") and sents[0].endswith("off Qingdao.")
    assert sents[1].startswith("Joint Sea-2016") and sents[1].endswith("serials.")
    assert (
        sents[2]
        == "Russia invited China to Vostok-2018, held from 11 to 17 September 2018 across Siberia\nand the Far East."
    )
    assert all("Orlov" not in s.text or s.kind == "sentence" for s in segs)
    heads = [s.text for s in segs if s.kind == "heading"]
    assert "2. The Joint Sea series" in heads and "3. Strategic exercises" in heads


def test_one_paragraph_per_line_documents() -> None:
    long1 = "Russia and the DPRK have historically been strategic partners in the Far East. " * 3
    text = f"Background\n{long1.strip()}\nLogistic projects\nThe idea appeared back in the 1990s.\n"
    segs = segment(text)
    assert [s.kind for s in segs if s.kind == "heading"] == ["heading", "heading"]
    assert segs[-1].heading == "Logistic projects"


def test_empty_and_whitespace() -> None:
    assert segment("") == []
    assert segment("  \n\n \t\n") == []


def test_data_file_entries_are_strings() -> None:
    """YAML 1.1 reads unquoted On/No/yes as booleans; every gazetteer entry must stay a string."""
    from importlib import resources

    import yaml

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for v in node:
                assert isinstance(v, str | int) and not isinstance(v, bool), (where, v)

    for name in ("segment.yaml", "countries.yaml", "dates.yaml"):
        walk(yaml.safe_load(resources.files("eurasia_etl.data").joinpath(name).read_text("utf-8")), name)


def test_yaml_front_matter_is_metadata_not_prose() -> None:
    """A `---` block of `key: value` fields opening a Markdown file is the file's metadata: its title
    ("a naval drill ...") and date must not be read as sentences that state facts."""
    text = (
        "---\n"
        'title: "Fleet notes: a naval drill off Vladivostok"\n'
        "author: Desk staff\n"
        "tags:\n"
        "  - navy\n"
        "  - Pacific\n"
        "date: 2025-07-14\n"
        "---\n\n"
        "# Fleet notes\n\n"
        "The Pacific Fleet held a drill. It ended on Friday.\n"
    )
    segs = segment(text)
    assert [s.text for s in segs] == ["Fleet notes", "The Pacific Fleet held a drill.", "It ended on Friday."]
    closed_by_dots = "---\ntitle: Notes\ndate: 2025-07-14\n...\nBody one. Body two.\n"
    assert [s.text for s in segment(closed_by_dots)] == ["Body one.", "Body two."]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("---\n\nA paragraph after a rule. Another one.\n", "A paragraph after a rule."),  # a rule, then prose
        ("---\nThe drill began on Monday. It ended on Friday.\n---\n", "The drill began on Monday."),
        ("---\ntitle: Notes\nThe drill began on Monday.\n", "The drill began on Monday."),  # never closed
        ("Intro line.\n---\ntitle: Notes\n---\n", "title: Notes"),  # not at the top
    ],
)
def test_rules_around_prose_are_not_front_matter(text: str, kept: str) -> None:
    assert kept in [s.text for s in segment(text)]
