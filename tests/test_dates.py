"""Date grammar: explicit dates, ranges, parts of years, relative dates, non-dates."""

from __future__ import annotations

import pytest

from eurasia_etl.facts import PartialDate
from eurasia_etl.grammar.dates import DateMatch, find_dates

REF = PartialDate(2025, 1, 13)


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def _one(text: str, reference: PartialDate | None = None) -> DateMatch:
    got = find_dates(text, reference)
    assert len(got) == 1, [(d.text, _iso(d.first)) for d in got]
    d = got[0]
    assert text[d.start : d.end] == d.text
    return d


@pytest.mark.parametrize(
    ("text", "surface", "first"),
    [
        ("signed on 17 March 1949 in Moscow", "17 March 1949", "1949-03-17"),
        ("signed on March 17, 1949 in Moscow", "March 17, 1949", "1949-03-17"),
        ("signed on March 17 1949 in Moscow", "March 17 1949", "1949-03-17"),
        ("- **1949-03-17** – In Moscow", "1949-03-17", "1949-03-17"),
        ("the treaty of 28 May 1858 moved the frontier", "28 May 1858", "1858-05-28"),
        ("in May 1858", "May 1858", "1858-05"),
        ("in Nov 1860", "Nov 1860", "1860-11"),
        ("in Nov. 1860", "Nov. 1860", "1860-11"),
        ("Global Urban Development Magazine, 1 (Aug, 2008).", "Aug, 2008", "2008-08"),
        ("in September of 2019", "September of 2019", "2019-09"),
        ("in 2014, an agreement", "2014", "2014"),
        ("on the 21st of May 1905", "21st of May 1905", "1905-05-21"),
        ("on 14th July 2020", "14th July 2020", "2020-07-14"),
        ("on July 1st, 2020", "July 1st, 2020", "2020-07-01"),
        ("on Tuesday, 14 July 2020", "Tuesday, 14 July 2020", "2020-07-14"),
        ("on Wednesday, July 15, 2020", "Wednesday, July 15, 2020", "2020-07-15"),
        ("signed at Nerchinsk on 27 August (6 September) 1689", "27 August (6 September) 1689", "1689-08-27"),
        ("JANUARY 13, 2025", "JANUARY 13, 2025", "2025-01-13"),
        ("by Sept. 2023", "Sept. 2023", "2023-09"),
        ("in summer 2019", "summer 2019", "2019"),
        ("in the summer of 2026", "the summer of 2026", "2026"),
        ("by mid-2019", "mid-2019", "2019"),
        ("As of early 2024 no contract", "early 2024", "2024"),
        ("at the end of 2023", "the end of 2023", "2023"),
        ("published 2023-05 data", "2023-05", "2023-05"),
        ("dated 17.03.1949 in Moscow", "17.03.1949", "1949-03-17"),
        ("signed on August 27 (September 6), 1689", "August 27 (September 6), 1689", "1689-08-27"),
        ("signed 27 August/6 September 1689", "27 August/6 September 1689", "1689-08-27"),
        ("dated 17/03/1949 in Moscow", "17/03/1949", "1949-03-17"),
        ("dated 03/17/1949 in Washington", "03/17/1949", "1949-03-17"),
        ("rose in 2023 to 41 percent", "2023", "2023"),
        ("UN Security Council Resolution 2087 (2013)", "2013", "2013"),
    ],
)
def test_single_dates(text: str, surface: str, first: str) -> None:
    d = _one(text)
    assert (d.text, _iso(d.first), d.last) == (surface, first, None)
    assert not d.relative


@pytest.mark.parametrize(
    ("text", "surface", "first", "last"),
    [
        ("for January–October 2023", "January–October 2023", "2023-01", "2023-10"),
        ("in January-August 2021", "January-August 2021", "2021-01", "2021-08"),
        ("from January to October 2023", "January to October 2023", "2023-01", "2023-10"),
        ("from November 2022 to March 2023", "November 2022 to March 2023", "2022-11", "2023-03"),
        ("November–February 2023", "November–February 2023", "2022-11", "2023-02"),
        ("held 10 to 16 September 2024", "10 to 16 September 2024", "2024-09-10", "2024-09-16"),
        ("held 5-12 July 2013", "5-12 July 2013", "2013-07-05", "2013-07-12"),
        ("from 18 to 25 August 2005", "18 to 25 August 2005", "2005-08-18", "2005-08-25"),
        ("ran from 14th to 17th of July 2021", "14th to 17th of July 2021", "2021-07-14", "2021-07-17"),
        ("30 June – 2 July 2024", "30 June – 2 July 2024", "2024-06-30", "2024-07-02"),
        ("from 28 December 2023 to 3 January 2024", "28 December 2023 to 3 January 2024", "2023-12-28", "2024-01-03"),
        ("July 20–23, 2023", "July 20–23, 2023", "2023-07-20", "2023-07-23"),
        ("from December 21 to December 27, 2022", "December 21 to December 27, 2022", "2022-12-21", "2022-12-27"),
        ("June 30 – July 2, 2024", "June 30 – July 2, 2024", "2024-06-30", "2024-07-02"),
        ("the first half of 2023", "the first half of 2023", "2023-01", "2023-06"),
        ("the second half of 2022", "the second half of 2022", "2022-07", "2022-12"),
        ("in H1 2023", "H1 2023", "2023-01", "2023-06"),
        ("in 1H 2023", "1H 2023", "2023-01", "2023-06"),
        ("in H2 2024", "H2 2024", "2024-07", "2024-12"),
        ("in Q1 2024", "Q1 2024", "2024-01", "2024-03"),
        ("in 3Q 2022", "3Q 2022", "2022-07", "2022-09"),
        ("the first quarter of 2024", "the first quarter of 2024", "2024-01", "2024-03"),
        ("the fourth quarter of 2019", "the fourth quarter of 2019", "2019-10", "2019-12"),
        ("the first three quarters of 2023", "the first three quarters of 2023", "2023-01", "2023-09"),
        ("in the first nine months of 2023", "the first nine months of 2023", "2023-01", "2023-09"),
        ("the first 5 months of 2024", "the first 5 months of 2024", "2024-01", "2024-05"),
        ("in 2020-2022", "2020-2022", "2020", "2022"),
        ("in 2020–22", "2020–22", "2020", "2022"),
        ("the 2021/22 season", "2021/22", "2021", "2022"),
        ("from 2014 to 2023", "2014 to 2023", "2014", "2023"),
        ("between 2014 and 2023", "between 2014 and 2023", "2014", "2023"),
        ("(1969–2008)", "1969–2008", "1969", "2008"),
        ("in 2010-11", "2010-11", "2010", "2011"),
        ("in Q1–Q3 2024", "Q1–Q3 2024", "2024-01", "2024-09"),
        ("the 2021-2025 roadmap", "2021-2025", "2021", "2025"),
    ],
)
def test_ranges(text: str, surface: str, first: str, last: str) -> None:
    d = _one(text)
    assert (d.text, _iso(d.first), _iso(d.last), d.kind) == (surface, first, last, "range")


@pytest.mark.parametrize(
    ("text", "reference", "first", "last"),
    [
        ("trade hit a record last year", REF, "2024", None),
        ("this year", REF, "2025", None),
        ("next year", REF, "2026", None),
        ("two years ago", REF, "2023", None),
        ("last month", REF, "2024-12", None),
        ("this month", REF, "2025-01", None),
        ("December alone brought $21.97 billion", REF, "2024-12", None),
        ("Putin said in December that", REF, "2024-12", None),
        ("the talks in January", REF, "2025-01", None),
        ("last May", REF, "2024-05", None),
        ("next March", REF, "2025-03", None),
        ("in the first half of this year", REF, "2025-01", "2025-06"),
        ("in May last year", REF, "2024-05", None),
        ("in May", PartialDate(2023), "2023-05", None),
    ],
)
def test_relative_against_reference(text: str, reference: PartialDate, first: str, last: str | None) -> None:
    d = _one(text, reference)
    assert (_iso(d.first), _iso(d.last)) == (first, last)
    assert d.relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an explicit year in the same or the previous sentence wins over the reference
        ("Trade reached $244.8bn in 2024, up 1.9 per cent on the previous year.", ["2024", "2023"]),
        ("In 2023 VMTP handled 429,987 TEU, 24% more than a year earlier.", ["2023", "2022"]),
        ("The Duma ratified it on 24 October 2024 and the Council on 6 November.", ["2024-10-24", "2024-11-06"]),
        ("In 1858 the treaty was signed. On 13 June, envoys arrived.", ["1858", "1858-06-13"]),
        (
            "In the first half of 2025 trade fell, and for January–October it was down.",
            ["2025-01/2025-06", "2025-01/2025-10"],
        ),
        ("in 2022 and in January of that year", ["2022", "2022-01"]),
        (
            "Joint Sea-2021 (14-17 October 2021), then a patrol from 17 to 23 October.",
            ["2021", "2021-10-14/2021-10-17", "2021-10-17/2021-10-23"],
        ),
    ],
)
def test_relative_against_text(text: str, expected: list[str]) -> None:
    got = find_dates(text, REF)
    assert [_iso(d.first) + (f"/{_iso(d.last)}" if d.last else "") for d in got] == expected


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("Putin said in May that", 5, None),
        ("on 6 November the council voted", 11, 6),
        ("on June 6, bombers flew", 6, 6),
    ],
)
def test_unresolved_without_reference(text: str, month: int, day: int | None) -> None:
    d = _one(text)
    assert d.first is None and d.relative
    assert d.month_only == month and d.day_only == day


def test_relative_year_without_reference_is_unresolved() -> None:
    d = _one("trade rose last year")
    assert d.first is None and d.relative and d.kind == "relative"


@pytest.mark.parametrize(
    ("text", "kind", "decade"),
    [
        ("in the late 1990s", "decade", 1990),
        ("Talks resumed in the 1980s", "decade", 1980),
        ("since the mid-1950s", "decade", 1950),
        ("in the 19th century", "century", None),
    ],
)
def test_decades_and_centuries_have_no_iso_date(text: str, kind: str, decade: int | None) -> None:
    d = _one(text)
    assert d.first is None and d.last is None and d.kind == kind and d.decade == decade


@pytest.mark.parametrize(
    "text",
    [
        "it cost $2014 in fees",
        "2,014 tonnes were shipped",
        "2014 tonnes were shipped",
        "about 1999 troops took part",
        "it grew 2024%",
        "the value was 2014.5",
        "It May rain in the port.",
        "POLICY BRIEF No. 2025/09",
        "the ratio 24/03",
        "March of the volunteers",
        "Figure 1.5 and 3.14",
        "Article 4 obliges each side",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("in 2014", 0.9),
        ("(1727)", 0.9),
        ("| 2018 | 107.06 |", 0.6),
        ("Joint Sea-2012 began", 0.5),
    ],
)
def test_bare_year_confidence(text: str, confidence: float) -> None:
    d = _one(text)
    assert d.kind == "year" and d.confidence == confidence


def test_impossible_calendar_dates_are_dropped() -> None:
    assert [d.text for d in find_dates("on 31 February 2023 and 30 February 2024")] == []
    assert [_iso(d.first) for d in find_dates("on 29 February 2024")] == ["2024-02-29"]


def test_many_dates_in_order_with_exact_offsets() -> None:
    text = (
        "- **9 September 1948** – proclaimed. - **October 12, 1948** – relations. "
        "In 2014, Russia approved it; the first half of 2023 saw $114.55 billion; "
        "Vostok-2022 (1-7 September 2022) drew troops."
    )
    got = find_dates(text)
    assert [text[d.start : d.end] for d in got] == [d.text for d in got]
    assert [d.text for d in got] == [
        "9 September 1948",
        "October 12, 1948",
        "2014",
        "the first half of 2023",
        "2022",
        "1-7 September 2022",
    ]


def test_ambiguous_numeric_date_is_day_first_with_lower_confidence() -> None:
    d = _one("on 05/06/2020")
    assert _iso(d.first) == "2020-06-05" and d.confidence < 1.0


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("up 1.9 per cent on the previous year", [True]),
        ("24% more than a year earlier", [True]),
        ("156.2 mln t last year, compared with 88.2 mln t in 2013", [False, True]),
        ("exports were higher than in 2022", [True]),
        ("signed on 16 July 2001 in Moscow", [False]),
        ("in the first half of 2023, up 40% on the same period of 2022", [False, True]),
    ],
)
def test_comparison_baselines_are_flagged(text: str, flags: list[bool]) -> None:
    assert [d.comparative for d in find_dates(text, REF)] == flags


# --------------------------------------------------------------------------- weekdays

WED = PartialDate(2025, 9, 17)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "reference", "surface", "first"),
    [
        ("The naval drills began on Monday off the coast.", WED, "Monday", "2025-09-15"),
        ("On Tuesday, the two fleets held a live-fire drill.", WED, "Tuesday", "2025-09-16"),
        ("The manoeuvres opened last Monday, officials said.", WED, "last Monday", "2025-09-15"),
        ("Both armies wrapped up their war game last Wednesday.", WED, "last Wednesday", "2025-09-10"),
        ("The drill will conclude on Saturday.", WED, "Saturday", "2025-09-20"),
        ("The exercise is scheduled to start on Thursday.", WED, "Thursday", "2025-09-18"),
        ("Talks resume this Friday.", WED, "this Friday", "2025-09-19"),
        ("The flotilla sailed on Wednesday.", WED, "Wednesday", "2025-09-17"),
        # a document dated Monday: "last Monday" is a week back, "on Monday" today
        ("The exercise started last Monday.", PartialDate(2025, 8, 25), "last Monday", "2025-08-18"),
        ("The exercise started on Monday.", PartialDate(2025, 8, 25), "Monday", "2025-08-25"),
    ],
)
def test_weekday_relative(text: str, reference: PartialDate, surface: str, first: str) -> None:
    d = _one(text, reference)
    assert (d.text, _iso(d.first), d.relative) == (surface, first, True)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Monday's statement condemned the drills.", WED),  # possessive: no date
        ("The drills began on Monday.", None),  # undated document
        ("The drills began on Monday.", PartialDate(2025, 9)),  # document dated to the month only
        ("The drills on Monday involve marines.", WED),  # no tense to go by
        ("The navies will meet again next Monday.", WED),  # this week's or the next?
        ("Both navies drilled last week.", WED),  # no day to give
        ("Mondays are quiet at the base.", WED),
        ("The first convoy left on a Tuesday, the second on a Friday.", WED),  # some Tuesday
        ("Patrols were flown every Sunday that spring.", WED),
    ],
)
def test_weekday_unresolved(text: str, reference: PartialDate | None) -> None:
    assert [d for d in find_dates(text, reference) if d.first is not None] == []


def test_weekday_with_yearless_date_picks_the_fitting_year() -> None:
    # 28 August 2025 is a Thursday; without the weekday a date after the reference goes back a year
    got = find_dates("It began last Monday and runs until Thursday, 28 August.", PartialDate(2025, 8, 25))
    assert [(d.text, _iso(d.first)) for d in got] == [
        ("last Monday", "2025-08-18"),
        ("Thursday, 28 August", "2025-08-28"),
    ]
    # a year from the text is kept
    got = find_dates("In 2020 the fleet sailed on Tuesday, 14 July.", PartialDate(2025, 8, 25))
    assert [_iso(d.first) for d in got] == ["2020", "2020-07-14"]
