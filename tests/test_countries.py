"""Country gazetteer: names, adjectives, compounds, services, companies, subnational units, blockers."""

from __future__ import annotations

import pytest

from eurasia_etl.grammar.countries import KINDS, find_countries, iso3_of


def _pairs(text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(m.surface, m.iso3) for m in find_countries(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # compounds: one match per side, any dash
        ("Sino-Russian relations", [("Sino", "CHN"), ("Russian", "RUS")]),
        ("the Sino–Soviet split", [("Sino", "CHN"), ("Soviet", "RUS")]),
        ("Russia–DPRK trade", [("Russia", "RUS"), ("DPRK", "PRK")]),
        ("China-Russia ties", [("China", "CHN"), ("Russia", "RUS")]),
        ("a Russian-Chinese treaty", [("Russian", "RUS"), ("Chinese", "CHN")]),
        ("the Russo-Japanese War", [("Russo", "RUS"), ("Japanese", "JPN")]),
        ("Anglo-French troops", [("Anglo", "GBR"), ("French", "FRA")]),
        ("US-China trade", [("US", "USA"), ("China", "CHN")]),
        # short forms and official names
        ("the PRC and the DPRK", [("PRC", "CHN"), ("DPRK", "PRK")]),
        ("the ROK and Japan", [("ROK", "KOR"), ("Japan", "JPN")]),
        ("the U.S. and the U.K.", [("U.S.", "USA"), ("U.K.", "GBR")]),
        ("The USSR collapsed", [("USSR", "RUS")]),
        ("Democratic People's Republic of Korea", [("Democratic People's Republic of Korea", "PRK")]),
        ("People’s Republic of China", [("People’s Republic of China", "CHN")]),
        ("the Republic of Korea", [("Republic of Korea", "KOR")]),
        ("North Korean workers and South Korean firms", [("North Korean", "PRK"), ("South Korean", "KOR")]),
        ("China's exports", [("China", "CHN")]),
        # historical states
        ("the Qing Dynasty and the Russian Empire", [("Qing Dynasty", "CHN"), ("Russian Empire", "RUS")]),
        ("the Qing court", [("Qing", "CHN")]),
        ("Tsarist Russia and Muscovy", [("Tsarist Russia", "RUS"), ("Muscovy", "RUS")]),
        ("the Soviet Union", [("Soviet Union", "RUS")]),
        ("the soviet era", [("soviet", "RUS")]),
        # capitals for the state
        ("Moscow and Beijing agreed", [("Moscow", "RUS"), ("Beijing", "CHN")]),
        (
            "Pyongyang, Seoul, Tokyo, Ulaanbaatar",
            [("Pyongyang", "PRK"), ("Seoul", "KOR"), ("Tokyo", "JPN"), ("Ulaanbaatar", "MNG")],
        ),
        ("Minsk and Tehran", [("Minsk", "BLR"), ("Tehran", "IRN")]),
        ("the Kremlin said", [("Kremlin", "RUS")]),
        # services
        ("the PLAN and the PLA Navy", [("PLAN", "CHN"), ("PLA Navy", "CHN")]),
        ("Russia's Pacific Fleet", [("Russia", "RUS"), ("Pacific Fleet", "RUS")]),
        ("the Pacific fleet of Vladivostok", [("Pacific fleet", "RUS"), ("Vladivostok", "RUS")]),
        ("the JMSDF and the ROK Navy", [("JMSDF", "JPN"), ("ROK Navy", "KOR")]),
        ("the Northern Theater Command", [("Northern Theater Command", "CHN")]),
        ("the KPA", [("KPA", "PRK")]),
        (
            "the US Pacific Fleet and Russia's Pacific Fleet",
            [("US Pacific Fleet", "USA"), ("Russia", "RUS"), ("Pacific Fleet", "RUS")],
        ),
        ("the Russian Aerospace Forces", [("Russian Aerospace Forces", "RUS")]),
        # companies
        ("Gazprom agreed to supply CNPC", [("Gazprom", "RUS"), ("CNPC", "CHN")]),
        ("Russian Railways and Sinopec", [("Russian Railways", "RUS"), ("Sinopec", "CHN")]),
        # subnational
        (
            "Heilongjiang, Jilin and Inner Mongolia",
            [("Heilongjiang", "CHN"), ("Jilin", "CHN"), ("Inner Mongolia", "CHN")],
        ),
        ("Primorye and Primorsky Krai", [("Primorye", "RUS"), ("Primorsky Krai", "RUS")]),
        ("the Russian Far East", [("Russian Far East", "RUS")]),
        ("Blagoveshchensk–Heihe bridge", [("Blagoveshchensk", "RUS"), ("Heihe", "CHN")]),
        ("Grodekovo–Suifenhe", [("Grodekovo", "RUS"), ("Suifenhe", "CHN")]),
        ("Khasan-Rajin railway", [("Khasan", "RUS"), ("Rajin", "PRK")]),
        ("Rajin-Sonbong zone", [("Rajin-Sonbong", "PRK")]),
        ("Mongolia and Inner Mongolia", [("Mongolia", "MNG"), ("Inner Mongolia", "CHN")]),
        # headlines in capitals
        ("RUSSIA-DPRK COOPERATION", [("RUSSIA", "RUS"), ("DPRK", "PRK")]),
        ("BEIJING, Jan 13", [("BEIJING", "CHN")]),
        # line breaks inside names (PDF text)
        ("the Pacific\nFleet", [("Pacific\nFleet", "RUS")]),
        # partners of Chinese and Russian drills beyond the region
        (
            "Tanzanian and Mozambican marines; Kenya and Zambia observed from Nairobi",
            [("Tanzanian", "TZA"), ("Mozambican", "MOZ"), ("Kenya", "KEN"), ("Zambia", "ZMB"), ("Nairobi", "KEN")],
        ),
    ],
)
def test_find_countries(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in the South China Sea",
        "in the East China Sea",
        "over the Sea of Japan",
        "on the Korean Peninsula",
        "the Chinese Eastern Railway",
        "paid in US dollars",
        "US$ 244.8bn",
        "($1 = 7.3317 Chinese yuan)",
        "the Indo-Pacific",
        "we plan to visit us",
        "THE FIVE-YEAR PLAN FOR PORTS",
        "the Indian Ocean",
        "a Latin American delegation",
        "in the Gulf of Finland",
        "in the Philippine Sea",
    ],
)
def test_not_a_party(text: str) -> None:
    assert find_countries(text) == []


def test_ambiguous_forms_only_on_request() -> None:
    text = "Korea and Georgia; Korean investors"
    assert find_countries(text) == []
    got = find_countries(text, include_ambiguous=True)
    assert [(m.surface, m.iso3, m.ambiguous) for m in got] == [
        ("Korea", "KOR", True),
        ("Georgia", "GEO", True),
        ("Korean", "KOR", True),
    ]
    # a longer unambiguous name wins over the ambiguous part
    assert _pairs("North Korea and South Korea") == [("North Korea", "PRK"), ("South Korea", "KOR")]


def test_offsets_kinds_and_order() -> None:
    text = "In 2014 Gazprom (Russia) signed with CNPC in Shanghai; the PLA watched."
    got = find_countries(text)
    assert [text[m.start : m.end] for m in got] == [m.surface for m in got]
    assert [m.kind for m in got] == ["company", "state", "company", "subnational", "service"]
    assert all(m.kind in KINDS for m in got)
    assert [m.start for m in got] == sorted(m.start for m in got)


def test_no_match_inside_words() -> None:
    assert _pairs("Chinaware, Russiagate, USSRs, Japanese-style") == [("Japanese", "JPN")]


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Soviet", "RUS"),
        ("the Soviet Union", "RUS"),
        ("USSR", "RUS"),
        ("Qing", "CHN"),
        ("PRC", "CHN"),
        ("China's", "CHN"),
        ("north korea", "PRK"),
        ("Pacific Fleet", "RUS"),
        ("Harbin", "CHN"),
        ("RUS", "RUS"),
        ("kor", "KOR"),
        ("Korea", "KOR"),
        ("Atlantis", None),
        ("South China Sea", None),
        ("", None),
    ],
)
def test_iso3_of(name: str, iso3: str | None) -> None:
    assert iso3_of(name) == iso3
