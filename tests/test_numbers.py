"""The number grammar: figures as written -> base units, ISO codes and qualifiers."""

from __future__ import annotations

import pytest

from eurasia_etl.grammar.numbers import find_quantities, header_unit, parse_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$240.1 billion", 240.1e9, "USD"),
        ("US$ 245bn", 245e9, "USD"),
        ("US$244.8bn", 244.8e9, "USD"),
        ("USD 2.2 billion", 2.2e9, "USD"),
        ("1.5 trillion yuan", 1.5e12, "CNY"),
        ("RMB 93.34 billion", 93.34e9, "CNY"),
        ("11 billion US dollars", 11e9, "USD"),
        ("thirty-four million dollars", 34e6, "USD"),
        ("RUB 24 billion", 24e9, "RUB"),
        ("120 billion roubles", 120e9, "RUB"),
        ("€5m", 5e6, "EUR"),
        ("$114.54bln", 114.54e9, "USD"),
        ("$1.2 trn", 1.2e12, "USD"),
        ("$539.1 million", 539.1e6, "USD"),
        ("11.7 mln tonnes", 11.7e6, "t"),
        ("157 mln t", 157e6, "t"),
        ("21.2 million tons", 21.2e6, "t"),
        ("50,000 tonnes", 50_000, "t"),
        ("86 Mt", 86e6, "t"),
        ("half a million tonnes", 0.5e6, "t"),
        ("1,519,500 TEU", 1_519_500, "TEU"),
        ("4.96 million TEU", 4.96e6, "TEU"),
        ("eight hundred thousand TEU", 800_000, "TEU"),
        ("a million TEU", 1e6, "TEU"),
        ("one million twenty-foot equivalent containers", 1e6, "TEU"),
        ("38 billion cubic metres", 38e9, "m3"),
        ("38 bcm", 38e9, "m3"),
        ("26.3 per cent", 26.3, "percent"),
        ("41.3%", 41.3, "percent"),
        ("12 percent", 12, "percent"),
        ("−2.9%", -2.9, "percent"),
        ("(-7.1%)", -7.1, "percent"),
    ],
)
def test_value_and_unit(text: str, value: float, unit: str) -> None:
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    assert qs[0].value == pytest.approx(value)
    assert qs[0].unit == unit


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about $5 billion", "approx"),
        ("nearly a million TEU", "approx"),
        ("roughly USD 2.18 billion", "approx"),
        ("close to $2.8 billion", "approx"),
        ("some 90%", "approx"),
        ("≈237 million tonnes", "approx"),
        ("over $11.8 billion", "at_least"),
        ("more than 400,000 tonnes", "at_least"),
        ("exceeded 21.2 million tons", "at_least"),
        ("surpassed 11.7 million tons", "at_least"),
        ("topped 8 million tonnes", "at_least"),
        ("up to 35 million tons", "at_most"),
        ("less than $1 billion", "at_most"),
        ("reached $4 billion", "exact"),
        ("almost unchanged at $129.32 billion", "exact"),
    ],
)
def test_qualifier(text: str, qualifier: str) -> None:
    qs = [q for q in find_quantities(text) if q.unit != "percent"] or find_quantities(text)
    assert qs[0].qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "a 2.2-km bridge",
        "in 2023",
        "5 m away",
        "fifteen projects",
        "the 1,080-metre bridge",
        "3,722 trains",
        "a percentage of 5",
        "380 mln by 2030",
        "one of the ports",
        "the 2008–2009 rouble devaluation",
        "after the 1997-1998 won crisis",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


def test_offsets_are_exact() -> None:
    text = "Trade rose 4.1% to $115.49 billion, while exports hit 1.2 million tonnes."
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.value_text
    assert [q.unit for q in find_quantities(text)] == ["percent", "USD", "t"]


def test_escaped_dollar_is_not_part_of_the_figure() -> None:
    (q,) = find_quantities(r"Over \$11.8 billion worth of goods")
    assert q.value_text == "$11.8 billion"
    assert q.qualifier == "at_least"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("107.06", 107.06),
        ("−6.9", -6.9),
        ("+27.1", 27.1),
        ("≈237", 237.0),
        ("1,519,500", 1_519_500.0),
        ("–", None),
        ("", None),
        ("n/a", None),
        ("4.5%", 4.5),
    ],
)
def test_parse_number(cell: str, value: float | None) -> None:
    assert parse_number(cell) == value


@pytest.mark.parametrize(
    ("header", "unit", "mult"),
    [
        ("Turnover, US$ bn", "USD", 1e9),
        ("Turnover, CNY trn", "CNY", 1e12),
        ("Trade Volume (Billion USD)", "USD", 1e9),
        ("Mln tonnes", "t", 1e6),
        ("Throughput, thousand TEU", "TEU", 1e3),
        ("y/y, %", "percent", 1.0),
        ("Growth Rate (%)", "percent", 1.0),
        ("Year", None, 1.0),
    ],
)
def test_header_unit(header: str, unit: str | None, mult: float) -> None:
    assert header_unit(header) == (unit, mult)


def test_yen_sign_is_ambiguous_until_a_word_settles_it() -> None:
    from eurasia_etl.grammar.numbers import find_quantities

    (q,) = find_quantities("¥862 billion")
    assert (q.unit, q.alt_units) == ("CNY", ("JPY",))
    (q,) = find_quantities("¥2 trillion yen")
    assert (q.unit, q.alt_units) == ("JPY", ())


def test_bare_scale_word_is_no_figure() -> None:
    from eurasia_etl.grammar.numbers import find_quantities

    assert find_quantities("Volumes are in billion cubic metres and million tonnes.") == []
    assert find_quantities("a million TEU")[0].value == 1e6


@pytest.mark.parametrize("text", ["$24 bıllion", "$24 BİLLION", "US$ 24 bn"])
def test_scale_words_with_dotless_or_dotted_i_read_like_ascii(text):
    """re.IGNORECASE matches "ı" and "İ" to "i", so the vocabulary lookup must too (it used to raise KeyError)."""
    (q,) = find_quantities(text)
    assert q.value == 24e9 and q.unit == "USD"
