"""Military-exercise extractor: varied phrasings beyond the dev and seed corpora."""

from __future__ import annotations

import pytest

from eurasia_etl.extract.exercises import EXTRACTOR, extract_exercises
from eurasia_etl.facts import MilitaryExercise, PartialDate
from eurasia_etl.segment import segment

PUB = PartialDate(2024, 5, 10)


def run(text: str, published: PartialDate | None = PUB) -> list[MilitaryExercise]:
    return extract_exercises(text, segment(text), published)


def one(text: str, published: PartialDate | None = PUB) -> MilitaryExercise:
    rows = run(text, published)
    assert len(rows) == 1, [(r.name, r.start, r.participants) for r in rows]
    return rows[0]


def iso(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


# --------------------------------------------------------------------------- named exercises


def test_named_exercise_with_day_range_and_sea() -> None:
    r = one("Chinese and Russian warships held Joint Sea-2019 in the Yellow Sea from 29 April to 4 May 2019.")
    assert r.name == "Joint Sea-2019"
    assert (iso(r.start), iso(r.end)) == ("2019-04-29", "2019-05-04")
    assert r.participants == ["CHN", "RUS"]
    assert r.location == "Yellow Sea"
    assert r.domain == "naval"


def test_year_in_name_overrides_relative_date() -> None:
    # Published in 2024, but the drill in the name is 2021: "on 3-8 July" belongs to 2021.
    r = one(
        "Looking back, Joint Sea-2021 was staged off Vladivostok on 3-8 July by the two navies of Russia and China."
    )
    assert iso(r.start) == "2021-07-03"
    assert iso(r.end) == "2021-07-08"


def test_year_in_name_is_start_year_when_no_date() -> None:
    r = one("Vostok 2018 brought together some 300,000 Russian troops along with Chinese and Mongolian contingents.")
    assert iso(r.start) == "2018"
    assert r.participants == ["CHN", "MNG", "RUS"]
    assert r.domain == "joint"  # a strategic exercise


def test_american_date_range() -> None:
    r = one(
        "South Korea and the United States opened Ulchi Freedom Shield on August 21, 2023, "
        "and the drills ran through August 31, 2023, drawing condemnation from Pyongyang."
    )
    assert r.name == "Ulchi Freedom Shield"
    assert iso(r.start) == "2023-08-21"
    assert r.participants == ["KOR", "USA"]  # Pyongyang condemned it, it did not take part


def test_two_digit_year_in_historic_name() -> None:
    r = one("The Zapad-81 manoeuvres remain the largest Soviet exercise ever held.")
    assert r.name == "Zapad-81"
    assert iso(r.start) == "1981"
    assert r.participants == ["RUS"]


def test_series_mention_with_year_is_its_own_row() -> None:
    r = one("The Joint Sea series between the Chinese and Russian navies began in 2012.")
    assert r.name == "Joint Sea"
    assert iso(r.start) == "2012"


def test_bare_series_without_date_is_not_an_event() -> None:
    assert run("The Joint Sea series has become a fixture of the relationship.") == []


def test_series_with_several_years_gives_one_row_per_edition() -> None:
    rows = run("Joint Sea 2012, 2013 and 2016 were all held in Chinese or Russian waters.")
    assert sorted(r.name for r in rows) == ["Joint Sea 2012", "Joint Sea 2013", "Joint Sea 2016"]
    assert sorted(iso(r.start) for r in rows) == ["2012", "2013", "2016"]


def test_unknown_series_name_near_exercise_noun() -> None:
    r = one("Russian and Indian ships took part in the Indra Navy-2021 exercise in the Baltic Sea in late July 2021.")
    assert r.name == "Indra Navy-2021"
    assert r.participants == ["IND", "RUS"]
    assert iso(r.start) == "2021-07"


def test_capitalised_year_phrase_without_exercise_noun_is_ignored() -> None:
    assert run("China's Vision 2030 plan and the Army-2022 forum drew Russian delegations.") == []


# --------------------------------------------------------------------------- unnamed exercises


def test_unnamed_exercise_needs_a_dated_new_noun() -> None:
    r = one(
        "Russian and Chinese warships held joint naval drills in the Sea of Japan from 3 to 8 August 2023, "
        "practising anti-submarine warfare and air defence."
    )
    assert r.name is None
    assert (iso(r.start), iso(r.end)) == ("2023-08-03", "2023-08-08")
    assert r.participants == ["CHN", "RUS"]  # Japan is only in the sea's name
    assert r.activities == ["air_defense", "anti_submarine"]


def test_generic_and_undated_statements_are_not_rows() -> None:
    assert run("Between 2015 and 2020 the two navies held regular drills.") == []
    assert run("Vladivostok is a key site for joint military drills between Russia and China.") == []
    assert run("In a drill on Tuesday, North Korean troops fired rockets into the sea.") == []


def test_relative_month_resolved_against_published() -> None:
    r = one("In April, Russia and Belarus held joint drills near the Polish border.")
    assert iso(r.start) == "2024-04"
    assert r.participants == ["BLR", "RUS"]
    assert r.location == "Polish border"


def test_two_navies_take_the_countries_of_the_context() -> None:
    text = (
        "China and Russia have deepened their naval cooperation.\n\n"
        "In July 2024, the two navies started joint drills in the South China Sea."
    )
    r = one(text)
    assert r.participants == ["CHN", "RUS"]
    assert r.location == "South China Sea"
    assert iso(r.start) == "2024-07"


def test_end_only_date_and_simultaneity() -> None:
    text = (
        "The two navies opened Joint Sea-2024 near Zhanjiang on 14 July, watched by Chinese and Russian media.\n\n"
        "At the same time, Chinese troops were training with Belarusian forces near the border with Poland, "
        "in an exercise that ran until 19 July."
    )
    rows = run(text, PartialDate(2024, 12, 2))
    unnamed = next(r for r in rows if r.name is None)
    assert iso(unnamed.start) == "2024-07"
    assert iso(unnamed.end) == "2024-07-19"
    assert unnamed.participants == ["BLR", "CHN"]
    assert unnamed.domain == "ground"
    assert unnamed.location == "border with Poland"


# --------------------------------------------------------------------------- what is not an exercise


@pytest.mark.parametrize(
    "text",
    [
        "China and Russia held a joint naval patrol in the Pacific in October 2024.",
        "Russian navy ships made a port call in Qingdao on 5 May 2024.",
        "On 29 November 2024 the air forces of China and Russia flew a joint strategic air patrol, not a drill.",
        "North Korea staged a military parade in Pyongyang on 8 February 2023.",
    ],
)
def test_patrols_parades_and_visits_are_not_exercises(text: str) -> None:
    assert run(text) == []


def test_named_exercise_date_not_taken_from_following_patrol() -> None:
    r = one(
        "Joint Sea-2021 (14-17 October 2021, Sea of Japan) was followed by the first joint naval patrol "
        "of China and Russia in the western Pacific from 17 to 23 October."
    )
    assert (iso(r.start), iso(r.end)) == ("2021-10-14", "2021-10-17")
    assert r.location == "Sea of Japan"


# --------------------------------------------------------------------------- participants


def test_observers_and_absentees_are_not_participants() -> None:
    r = one(
        "Iranian, Russian and Chinese navies staged the Maritime Security Belt 2025 drill in the Gulf of Oman "
        "in March 2025, with Pakistan and Azerbaijan as observers."
    )
    assert r.participants == ["CHN", "IRN", "RUS"]
    r = one("China stayed away from Maritime Security Belt 2021, which Russia and Iran opened on 16 February 2021.")
    assert r.participants == ["IRN", "RUS"]


def test_continuation_adds_participants_but_not_observers() -> None:
    text = (
        "Russia held the Vostok-2022 exercise from 1 to 7 September 2022.\n"
        "Chinese and Indian units took part alongside Russian troops. "
        "Japan and South Korea sent observers but no troops."
    )
    r = one(text)
    assert r.participants == ["CHN", "IND", "RUS"]


def test_bilateral_exercise_without_countries_takes_the_pair_of_the_text() -> None:
    text = (
        "China and Russia began exercising together in 2005. "
        "The first bilateral exercise, Peace Mission 2005, took place from 18 to 25 August 2005."
    )
    r = next(x for x in run(text) if x.name)
    assert r.participants == ["CHN", "RUS"]


def test_exercise_without_any_known_participant_is_dropped() -> None:
    assert run("Sea Breeze-2021 was held in the Black Sea from 28 June to 10 July 2021.") == []


# --------------------------------------------------------------------------- attributes from later sentences


def test_activities_and_forces_from_following_sentences() -> None:
    text = (
        "Northern/Interaction-2023 ran from 20 to 23 July 2023 in the Sea of Japan, organised by China.\n"
        "Russian forces joined with both naval and air units. "
        "The crews practised anti-submarine warfare, escorted ships, fought a mock naval battle and "
        "conducted joint artillery firing.\n\n"
        "Separately, Chinese and Russian bombers flew a joint air patrol over the sea."
    )
    r = one(text, PartialDate(2023, 7, 24))
    assert r.participants == ["CHN", "RUS"]
    assert r.domain == "joint"
    assert r.activities == ["anti_submarine", "escort", "live_fire", "maritime_combat"]


def test_end_date_from_a_closing_ceremony() -> None:
    text = (
        "Russian and Chinese ships opened Joint Sea-2024 on 14 July. "
        "The ships practised search and rescue before a closing ceremony on 17 July."
    )
    r = one(text)
    assert (iso(r.start), iso(r.end)) == ("2024-07-14", "2024-07-17")
    assert "search_and_rescue" in r.activities


def test_activity_vocabulary() -> None:
    text = (
        "Russia and China held the Joint Sea-2016 drill from 12 to 19 September 2016, practising "
        "island landings, air and missile defence, submarine rescue, boarding and search and "
        "mine countermeasures."
    )
    r = one(text)
    assert r.activities == ["air_defense", "anti_missile", "landing", "other", "submarine_rescue"]


def test_talked_about_activities_are_not_practised() -> None:
    r = one(
        "Iran, Russia and China began the Maritime Security Belt 2024 drill on 12 March 2024 in the Gulf of Oman. "
        "Its stated aims included exchanging information on rescue operations."
    )
    assert "search_and_rescue" not in r.activities


def test_air_only_exercise() -> None:
    r = one(
        "Japan scrambled jets as Chinese and Russian bombers conducted a joint exercise over the "
        "East China Sea on 30 November 2022."
    )
    assert r.domain == "air"
    assert r.participants == ["CHN", "RUS"]


# --------------------------------------------------------------------------- merging and evidence


def test_repeated_mentions_merge_into_one_row() -> None:
    text = (
        'Navies wrap up "Northern/Interaction-2023" in the Sea of Japan\n\n'
        "The exercise, Northern/Interaction-2023, ran from 20 to 23 July and was organised by China's "
        "People's Liberation Army with Russian ships."
    )
    rows = run(text, PartialDate(2023, 7, 24))
    assert len(rows) == 1
    r = rows[0]
    assert iso(r.start) == "2023-07-20"
    assert r.location == "Sea of Japan"
    assert r.evidence.evidence.startswith("The exercise, Northern/Interaction-2023")


def test_evidence_is_an_exact_segment_span_and_confidence_is_bounded() -> None:
    text = (
        "Defence brief\n\n"
        "In September 2024, the PLA Navy and the Russian Navy engaged in the Northern/Interaction-2024 "
        "joint exercise. In October 2024, Chinese and Russian naval vessels held an antisubmarine "
        "exercise in the Pacific."
    )
    rows = run(text, PartialDate(2025))
    assert len(rows) == 2
    for r in rows:
        ev = r.evidence
        assert text[ev.char_start : ev.char_end] == ev.evidence
        assert 0.0 <= ev.confidence <= 1.0
        assert ev.extractor == EXTRACTOR
    unnamed = next(r for r in rows if r.name is None)
    assert unnamed.activities == ["anti_submarine"]
    assert iso(unnamed.start) == "2024-10"


def test_empty_and_unrelated_text() -> None:
    assert run("") == []
    assert run("Trade between China and Russia reached $240 billion in 2023.") == []


def test_news_lead_with_definite_noun_and_no_earlier_exercise() -> None:
    text = (
        "Russia and China hold naval drills\n\n"
        "The drills, held on 5-9 May in the Sea of Japan, involved Russian and Chinese destroyers."
    )
    r = one(text)
    assert (iso(r.start), iso(r.end)) == ("2024-05-05", "2024-05-09")
    assert r.participants == ["CHN", "RUS"]
    assert r.domain == "naval"


def test_later_sentence_dates_a_named_exercise() -> None:
    text = (
        "China will send troops to Russia's Tsentr-2019 exercise. "
        "The exercise will be held from 16 to 21 September, the Chinese defence ministry said."
    )
    r = one(text, PartialDate(2019, 8, 30))
    assert (iso(r.start), iso(r.end)) == ("2019-09-16", "2019-09-21")
    assert r.participants == ["CHN", "RUS"]


def test_bare_series_word_needs_an_exercise_context() -> None:
    assert run("Ships built at the Zapad yard in Kaliningrad were delivered to Russia in May 2023.") == []


# --------------------------------------------------------------------------- held-out failure classes


def test_known_series_with_year_needs_no_noun_when_paragraph_is_military() -> None:
    r = one("Tsentr 2019 unfolded at the Donguz polygon, with motorised brigades from Russia and India.")
    assert r.name == "Tsentr 2019"
    assert iso(r.start) == "2019"
    assert r.participants == ["IND", "RUS"]


def test_known_series_with_year_without_military_context_is_not_an_exercise() -> None:
    assert run("Ocean 2030 is the title of a marine-biology conference in Busan.") == []
    assert run("A rocket left the Vostok cosmodrome in 2016.") == []


def test_spelling_variant_of_series() -> None:
    r = one("Khaan Quest 2017 drew infantry units from Mongolia, Japan and Canada to a camp west of Ulaanbaatar.")
    assert iso(r.start) == "2017"
    assert r.participants == ["CAN", "JPN", "MNG"]


def test_earlier_name_is_its_own_row() -> None:
    rows = run(
        "Selenga-2015 brought Russian and Mongolian troops to the Burduny range. "
        "The series was originally called Darkhan in 2008."
    )
    got = {(r.name, iso(r.start)) for r in rows}
    assert ("Darkhan", "2008") in got
    assert ("Selenga-2015", "2015") in got
    assert all(r.participants == ["MNG", "RUS"] for r in rows)


def test_list_item_edition_under_drills_heading() -> None:
    text = (
        "## Russian–Chinese naval drills\n\n"
        "- Joint Sea-2016 – 12–19 September 2016, off Zhanjiang.\n"
        "- Joint Sea-2017 – 24–27 July 2017, in the Baltic Sea.\n"
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start), iso(r.end)) for r in rows] == [
        ("Joint Sea-2016", "2016-09-12", "2016-09-19"),
        ("Joint Sea-2017", "2017-07-24", "2017-07-27"),
    ]
    assert rows[1].location == "Baltic Sea"


def test_year_range_after_name_is_not_a_list_date() -> None:
    assert all(r.name != "Sea Breeze-2019" for r in run("Sea Breeze-2019 – 2021 figures were revised by analysts."))


def test_followon_unnamed_drill_after_earlier_one() -> None:
    text = (
        "China and Vietnam started a run of joint naval drills in the Gulf of Tonkin.\n\n"
        "The drill was held off Beihai on 3 April 2017 by warships of both navies.\n\n"
        "In November 2018 ships of the two navies steamed into Halong Bay to rehearse boarding a smuggling vessel."
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(iso(r.start), r.participants, r.location) for r in rows] == [
        ("2017-04-03", ["CHN", "VNM"], "Beihai"),
        ("2018-11", ["CHN", "VNM"], "Halong Bay"),
    ]


def test_participant_list_and_open_close_dates() -> None:
    r = one(
        "Khaan Quest 2019 got under way at Five Hills. It opened on 14 June and lasted until 28 June; "
        "soldiers from 30 countries took part, including Mongolia, Germany, the United States and Vietnam."
    )
    assert (iso(r.start), iso(r.end)) == ("2019-06-14", "2019-06-28")
    assert r.participants == ["DEU", "MNG", "USA", "VNM"]


def test_origin_of_series_is_earlier_edition() -> None:
    rows = run(
        "Khaan Quest 2022 gathered troops from 16 nations near Ulaanbaatar.\n\n"
        "Khaan Quest is hosted every summer. It started in 2003 as a bilateral exercise between "
        "the Mongolian Armed Forces and the US Pacific Command."
    )
    first = [r for r in rows if iso(r.start) == "2003"]
    assert len(first) == 1
    assert first[0].participants == ["MNG", "USA"]


# --------------------------------------------------------------------------- two names of one exercise


def test_first_named_alias_wins_over_a_later_one() -> None:
    r = one(
        "The manoeuvres, which Moscow calls Maritime Interaction-2023 and Chinese media bill as Joint Sea-2023, "
        "took place from 20 to 23 July in the Sea of Japan, Russian and Chinese warships taking part."
    )
    assert r.name == "Maritime Interaction-2023"
    assert iso(r.start) == "2023-07-20"


def test_name_with_year_wins_over_bare_series_name() -> None:
    rows = run(
        "Chinese and Russian warships opened Joint Sea-2021 on 14 October 2021 off Vladivostok. "
        "The Joint Sea drills ended on 17 October."
    )
    assert [r.name for r in rows] == ["Joint Sea-2021"]


# --------------------------------------------------------------------------- short edition years


def test_series_with_spaced_two_digit_year_is_an_edition() -> None:
    r = one("Key Resolve 19 was held from 4 to 12 March 2019, a scaled-down exercise of the allies.")
    assert r.name == "Key Resolve 19"
    assert iso(r.start) == "2019-03-04"
    assert r.participants == ["KOR", "USA"]


def test_spaced_number_before_a_noun_is_not_an_edition_year() -> None:
    assert [r.name for r in run("Joint Sea 12 ships sailed in the drill, the navies said.")] == []


def test_later_bare_series_reference_does_not_take_the_earlier_date() -> None:
    rows = run(
        "Freedom Shield 22 ran from 18 to 28 April 2022 and revived drills on the scale of the old "
        "Foal Eagle series."
    )
    assert [(r.name, iso(r.start)) for r in rows] == [("Freedom Shield 22", "2022-04-18")]


# --------------------------------------------------------------------------- national drills dated by the text before


def test_single_service_drill_on_the_same_day_as_the_previous_sentence() -> None:
    r = one(
        "On 12 February Chinese coast guard ships entered the disputed waters. "
        "Japan's Maritime Self-Defense Force responded that same evening with a gunnery drill off Okinawa."
    )
    assert iso(r.start) == "2024-02-12"
    assert r.participants == ["JPN"]


def test_drill_days_after_an_event_keeps_the_month_of_the_latest_date() -> None:
    r = one(
        "On 9 June 2021 Tokyo protested the deployment; the old 1998 accord was cited too. "
        "A week later the Russian Pacific Fleet held an exercise with 20 warships off Sakhalin."
    )
    assert iso(r.start) == "2021-06"
    assert r.participants == ["RUS"]


def test_anchored_sentence_without_exercise_noun_is_no_row() -> None:
    assert run("On 3 March 2022 Seoul protested. The same afternoon Russian warships sailed past Dokdo.") == []


def test_in_practice_is_not_a_practice_verb() -> None:
    rows = run(
        "On 8 August 2023 Chinese and Russian warships began a joint drill in the Sea of Japan. "
        "The two countries' 2001 treaty, extended in June 2021, is in practice an alliance."
    )
    assert [iso(r.start) for r in rows] == ["2023-08-08"]


# --------------------------------------------------------------------------- editions dated by the next sentence


def test_ordinal_series_edition_dated_by_the_following_sentence() -> None:
    rows = run(
        "Japanese, South Korean and American destroyers met off Busan for the third Freedom Edge exercise. "
        "The drill, held from 4 to 7 September 2025, included P-8 patrol aircraft and anti-submarine warfare."
    )
    assert [(r.name, iso(r.start), iso(r.end)) for r in rows] == [("Freedom Edge", "2025-09-04", "2025-09-07")]
    assert rows[0].participants == ["JPN", "KOR", "USA"]
    assert "patrol" not in rows[0].activities


def test_two_undated_editions_in_one_year_stay_two_rows() -> None:
    text = (
        "The first Freedom Edge came in early summer. It ran from 2 to 4 June 2025 south of Jeju.\n\n"
        "The second Freedom Edge exercise followed in the autumn. The drill took place from 10 to 12 October 2025."
    )
    rows = run(text)
    assert sorted(iso(r.start) for r in rows) == ["2025-06-02", "2025-10-10"]


def test_ordinal_series_edition_never_dated_is_no_row() -> None:
    assert run("The second Freedom Edge exercise is being planned by the three allies.") == []


# --------------------------------------------------------------------------- abbreviations as names


def test_abbreviation_in_parentheses_names_later_editions() -> None:
    text = (
        "In 2005 the Chinese Navy and the Russian Pacific Fleet held their first combined mine-countermeasures "
        "exercise (MCMEX).\n\n"
        "On 14 May 2012 Chinese and Russian minesweepers began the 5th MCMEX off Qingdao.\n\n"
        "An MCMEX was not held in 2013."
    )
    rows = run(text)
    assert sorted((r.name, iso(r.start)) for r in rows) == [("MCMEX", "2005"), ("MCMEX", "2012-05-14")]
    assert all(r.participants == ["CHN", "RUS"] for r in rows)


def test_parenthesised_abbreviation_of_an_organisation_is_not_an_exercise() -> None:
    rows = run(
        "The Shanghai Cooperation Organisation (SCO) met in June 2023. The SCO later held a drill with Russian "
        "and Chinese troops from 3 to 9 August 2023."
    )
    assert [r.name for r in rows] == [None]


# --------------------------------------------------------------------------- table rows


_TABLE = (
    "## Staff exercises\n\n"
    "In October 2018 the Chinese and Russian armies held their first joint command-post exercise on "
    "countering drones.\n\n"
    "| Exercise | Dates | Venue |\n"
    "|---|---|---|\n"
    "| Sky Guard-2018 | 8–12 October 2018 | Novosibirsk |\n"
    "| Sky Guard-2019 | 3–7 June 2019 | Harbin |\n"
)


def test_table_rows_under_an_exercise_column_are_named_exercises() -> None:
    rows = sorted(run(_TABLE), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start), iso(r.end)) for r in rows] == [
        ("Sky Guard-2018", "2018-10-08", "2018-10-12"),
        ("Sky Guard-2019", "2019-06-03", "2019-06-07"),
    ]
    # The venue column names a place, not a party; the parties come from the text above.
    assert all(r.participants == ["CHN", "RUS"] for r in rows)


def test_table_without_an_exercise_column_makes_no_rows() -> None:
    text = (
        "Trade between China and Russia grew.\n\n"
        "| Product | Period | Port |\n"
        "|---|---|---|\n"
        "| Steel Coil-2018 | 8–12 October 2018 | Vladivostok |\n"
    )
    assert run(text) == []


# --------------------------------------------------------------------------- series in focus: origin, editions, tables


_SERIES_DOC = (
    "# Selenga over the years\n\n"
    "The exercise began in 2008 as a bilateral Russian–Mongolian field drill.\n\n"
    "The 2019 edition brought in about 1,000 Russian and Mongolian troops near Ulan-Ude.\n\n"
    "## Recent Selenga editions, hosted by the Mongolian Armed Forces\n\n"
    "| Year | Dates | Troops |\n"
    "|---|---|---|\n"
    "| 2022 | 5 – 14 September | 600 |\n"
)


def test_series_in_heading_focus_gives_origin_edition_and_table_rows() -> None:
    rows = {r.name: r for r in run(_SERIES_DOC)}
    assert set(rows) == {"Selenga", "Selenga 2019", "Selenga 2022"}
    assert iso(rows["Selenga"].start) == "2008"
    assert iso(rows["Selenga 2019"].start) == "2019"
    assert (iso(rows["Selenga 2022"].start), iso(rows["Selenga 2022"].end)) == ("2022-09-05", "2022-09-14")
    assert rows["Selenga 2022"].participants == ["MNG", "RUS"]  # the series' own parties


def test_table_rows_counting_editions_are_dated_by_their_date_cell() -> None:
    """Rows that number the edition ("| 9th | ... |") instead of giving its year: each is an edition of
    the series in the heading, dated by the row's first full date; a row with no such date is none."""
    text = (
        "## Selenga exercises, recent rounds (Russian and Mongolian armed forces)\n\n"
        "| Round | Held | Area |\n"
        "|---|---|---|\n"
        "| 9th | 2–11 October 2018 | Burduny |\n"
        "| tenth | from 20 August 2019 | Kyakhta |\n"
        "| 11th | postponed | – |\n"
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start), iso(r.end)) for r in rows] == [
        ("Selenga", "2018-10-02", "2018-10-11"),
        ("Selenga", "2019-08-20", None),
    ]
    assert all(r.participants == ["MNG", "RUS"] for r in rows)


def test_edition_phrase_without_series_in_focus_is_no_row() -> None:
    assert run("The 2019 edition of the trade fair drew 1,000 exhibitors from China and Russia.") == []


# --------------------------------------------------------------------------- parts and stages of one year


def test_numbered_parts_of_one_year_are_two_rows() -> None:
    text = (
        "## The naval series\n\n"
        "- Joint Sea-2016 (I), 3–9 April 2016, Yellow Sea: Chinese and Russian ships practised escort.\n"
        "- Joint Sea-2016 (II), 12–19 September 2016, off Zhanjiang.\n"
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start)) for r in rows] == [
        ("Joint Sea-2016 (I)", "2016-04-03"),
        ("Joint Sea-2016 (II)", "2016-09-12"),
    ]


def test_second_stage_in_another_month_is_its_own_row() -> None:
    rows = run(
        "Chinese and Russian warships held the naval exercise Ocean Shield-2021 in two stages: the first, "
        "2–6 June 2021 in the Yellow Sea; the second, 20–24 October 2021 in Peter the Great Bay."
    )
    got = sorted((iso(r.start), r.location) for r in rows)
    assert got == [("2021-06-02", "Yellow Sea"), ("2021-10-20", "Peter the Great Bay")]


def test_stages_in_the_same_month_stay_one_row() -> None:
    rows = run(
        "Chinese and Russian warships held Joint Sea-2022 in two phases, the first from 21 to 23 December 2022 "
        "and the second on 26 and 27 December."
    )
    assert len(rows) == 1


# --------------------------------------------------------------------------- quoted names dated later


def test_quoted_name_before_exercise_noun_dated_by_participle_sentence() -> None:
    r = one(
        'The Chinese navy had just finished its own "Strait Thunder" drills. '
        "Held from 2 to 4 April 2025 east of Taiwan, they involved some 20 warships."
    )
    assert r.name == "Strait Thunder"
    assert (iso(r.start), iso(r.end)) == ("2025-04-02", "2025-04-04")
    assert r.participants == ["CHN"]


def test_quoted_name_never_dated_is_no_row() -> None:
    assert run('Russian commentators mocked the "Iron Resolve" exercise as a paper plan.') == []


def test_former_name_takes_the_year_before_the_cue_when_a_later_year_follows() -> None:
    rows = run("Russian and Mongolian troops have drilled together since 2009, first under the name Khan Horizon "
               "and, from 2013, as Selenga.")
    assert [(r.name, iso(r.start), r.participants) for r in rows] == [("Khan Horizon", "2009", ["MNG", "RUS"])]


# --------------------------------------------------------------------------- places


def test_port_of_name_is_the_location_and_the_adjective_stays_a_country() -> None:
    r = one("In March 2016 a joint drill was held off the Russian port of Nakhodka with Chinese frigates.")
    assert r.location == "Nakhodka"
    assert r.participants == ["CHN", "RUS"]


def test_country_port_phrase_without_of_is_no_place_name() -> None:
    r = one("In March 2016 a joint drill was held near Chinese ports by Russian and Chinese frigates.")
    assert r.location is None


def test_lowercase_place_heads_and_sentence_end_bound_the_location() -> None:
    r = one("Russian and Mongolian troops held Selenga-2019 at the Doityn Ar training complex from 2 to 9 July 2019.")
    assert r.location == "Doityn Ar training complex"
    r = one(
        "Chinese and Russian warships held Joint Sea-2013 in the Sea of Japan from 5 to 12 July 2013. "
        "Vladimir Putin praised it."
    )
    assert r.location == "Sea of Japan"


def test_venue_column_is_the_location() -> None:
    rows = {r.name: r for r in run(_TABLE)}
    assert rows["Sky Guard-2019"].location == "Harbin"


def test_former_name_takes_the_series_parties_not_the_group_of_the_text() -> None:
    rows = run(
        "China and Mongolia signed a border accord. The two armies of Russia's neighbour and Moscow have "
        "exercised together since 2008, first under the name Darkhan and, from 2011, as Selenga."
    )
    assert [(r.name, r.participants) for r in rows] == [("Darkhan", ["MNG", "RUS"])]


def test_country_that_claims_the_exercise_area_is_not_a_party() -> None:
    r = one("Vostok-2022 saw Russian troops drill on two islands that Japan claims, in September 2022.")
    assert r.participants == ["RUS"]


def test_definite_drill_takes_the_parties_of_the_sentence_before() -> None:
    r = one(
        "Russian and Indian marines used to hold a yearly landing exercise. "
        "In April 2019 the drill was held near the Indian port of Visakhapatnam."
    )
    assert r.participants == ["IND", "RUS"]
    assert r.location == "Visakhapatnam"


def test_definite_drill_does_not_take_parties_from_an_unrelated_sentence() -> None:
    r = one("Russia and India signed an arms deal. In April 2019 the drill was held by the Indian navy off Goa.")
    assert r.participants == ["IND"]


# --------------------------------------------------------------------------- holdout5 failure classes


def test_undated_series_mention_does_not_swallow_later_editions() -> None:
    # An era-level mention of a series ("through the 2000s") must not merge editions of different years.
    text = (
        "This paper follows the Peace Mission series through the 2000s.\n\n"
        "Peace Mission 2007 was held from 9 to 17 August 2007 near Chelyabinsk with Chinese and Russian troops.\n\n"
        "Peace Mission 2009 ran from 22 to 26 July 2009 in Jilin, again with Chinese and Russian forces."
    )
    rows = sorted(run(text), key=lambda r: r.name or "")
    assert [(r.name, iso(r.start)) for r in rows] == [
        ("Peace Mission 2007", "2007-08-09"),
        ("Peace Mission 2009", "2009-07-22"),
    ]


def test_name_introduced_by_apposition_is_a_name_for_the_document() -> None:
    text = (
        "In March 2023 Japanese and US staff officers ran Silent Harbor, a computer-assisted command-post "
        "exercise, at Camp Zama. Silent Harbor was held again on 4-8 March 2024 with Japanese and US officers."
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start)) for r in rows] == [("Silent Harbor", "2023-03"), ("Silent Harbor", "2024-03-04")]
    assert rows[1].participants == ["JPN", "USA"]


def test_name_introduced_by_naming_verb_and_copula() -> None:
    r = one("Chinese and Mongolian medics opened a field drill dubbed Blue Steppe on 3 June 2022 near Sainshand.")
    assert (r.name, iso(r.start), r.participants) == ("Blue Steppe", "2022-06-03", ["CHN", "MNG"])
    r = one("Launched in 2005, Amber Gate is a staff exercise of the Japanese and US navies.")
    assert (r.name, iso(r.start)) == ("Amber Gate", "2005")


def test_person_or_place_in_apposition_is_no_exercise_name() -> None:
    text = (
        "Sergei Shoigu, the defence minister who oversaw the drills, spoke on 5 May 2021. "
        "Vladivostok, the exercise hub, hosted Chinese and Russian ships on 6 May 2021."
    )
    assert all(r.name is None for r in run(text))


def test_names_with_two_digit_edition_numbers() -> None:
    text = (
        "## Allied drills\n\n"
        "| Exercise | Dates | With |\n|---|---|---|\n"
        "| Coral Lance 22 | 3-9 Feb 2022 | Japan, United States |\n"
        "| Coral Lance 23-1 | 6-10 Mar 2023 | Japan, United States |\n\n"
        "Later, Coral Lance 24 began on 2 March 2024 with Japanese and US marines. "
        "The navy bought 12 ships and Article 24 of the treaty says nothing about the exercise."
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start)) for r in rows] == [
        ("Coral Lance 22", "2022-02-03"),
        ("Coral Lance 23-1", "2023-03-06"),
        ("Coral Lance 24", "2024-03-02"),
    ]


def test_numbered_edition_mentioned_twice_is_one_row_whatever_the_second_date() -> None:
    text = (
        "Iron Drake 21, the biennial Japanese-US field exercise, ran from 4 to 12 November 2020. "
        "Iron Drake 21 involved about 90 Japanese and US aircraft, more than every March drill since."
    )
    r = one(text)
    assert (r.name, iso(r.start)) == ("Iron Drake 21", "2020-11-04")


def test_table_name_cell_without_year_and_header_country() -> None:
    text = (
        "## Kazakhstan's drills with its partners\n\n"
        "| Exercise | Partners with Kazakhstan | Year |\n|---|---|---|\n"
        "| Steppe Shield | Russia | 2017 |\n"
        "| Altai Ridge-2019 | China | 2019 |\n"
        "| Total | Russia, China | 2 |\n"
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start), r.participants) for r in rows] == [
        ("Steppe Shield", "2017", ["KAZ", "RUS"]),
        ("Altai Ridge-2019", "2019", ["CHN", "KAZ"]),
    ]


def test_table_under_an_exercise_heading_takes_the_row_above_for_parties() -> None:
    text = (
        "## The allied winter command-post exercise\n\n"
        "| Edition | Dates | Notes |\n|---|---|---|\n"
        "| NWX 2014 | 3-9 Feb 2014 | South Korean and US staffs |\n"
        "| NWX 2015 | from 2 Feb 2015 | computer-assisted |\n\n"
        "## Trade\n\n"
        "| Year | Value | Notes |\n|---|---|---|\n"
        "| 2015 | 12 | Gas Deal 2015 |\n"
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start), r.participants) for r in rows] == [
        ("NWX 2014", "2014-02-03", ["KOR", "USA"]),
        ("NWX 2015", "2015-02-02", ["KOR", "USA"]),
    ]


def test_called_off_edition_is_no_row() -> None:
    text = (
        "In March 2019 Seoul and Washington scrapped this spring's Key Resolve to ease talks. "
        "Key Resolve 2017, a command-post exercise, had run from 13 to 23 March 2017 with South Korean and US staffs."
    )
    r = one(text)
    assert (r.name, iso(r.start)) == ("Key Resolve 2017", "2017-03-13")


# --------------------------------------------------------------------------- weekday dates

THU = PartialDate(2024, 11, 14)  # a Thursday


def test_weekday_start_resolved_against_the_document_date() -> None:
    r = one("Chinese and Russian destroyers began Joint Sea-2024 on Monday in the Sea of Japan.", THU)
    assert iso(r.start) == "2024-11-11"


def test_weekday_start_then_a_range_gives_the_end() -> None:
    text = (
        "Chinese and Russian warships assembled off Qingdao on Tuesday"
        " for the second Joint Sea exercise of the year.\n\n"
        "The drill, held from 12 to 15 November, involved destroyers and patrol planes."
    )
    r = one(text, THU)
    assert (iso(r.start), iso(r.end)) == ("2024-11-12", "2024-11-15")


def test_weekday_in_an_undated_document_gives_no_day() -> None:
    r = one("Chinese and Russian destroyers began Joint Sea-2024 on Monday in the Sea of Japan.", None)
    assert r.start is None or r.start.day is None


# --------------------------------------------------------------------------- editions by year

ED = (
    "Chinese and Russian navies hold Joint Sea every year. Joint Sea-2021 was held in October; "
    "the 2022 drills ran from 21 to 27 December 2022, and this year's edition began on 14 July."
)


def test_edition_phrases_of_the_series_in_focus() -> None:
    rows = {r.name: r for r in run(ED, PartialDate(2024, 9, 2))}
    assert iso(rows["Joint Sea 2022"].start) == "2022-12-21"
    assert iso(rows["Joint Sea 2022"].end) == "2022-12-27"
    assert iso(rows["Joint Sea 2024"].start) == "2024-07-14"


def test_edition_phrases_need_a_series_and_a_date() -> None:
    # no series in focus: no name is made up; a budget is no edition; an edition referred back to
    # without a date of its own adds nothing
    assert [r.name for r in run("The 2023 drills ran from 4 to 9 May 2023, officials said.")] in ([], [None])
    text = "Chinese and Russian navies held Joint Sea-2021 in October 2021. The 2021 budget rose by 5%."
    assert [r.name for r in run(text)] == ["Joint Sea-2021"]
    text = "Chinese and Russian navies held Joint Sea-2022 in December 2022. During the 2022 edition, Japan protested."
    assert [r.participants for r in run(text)] == [["CHN", "RUS"]]


# --------------------------------------------------------------------------- series reported by their verb


def test_bare_series_as_subject_of_run_verb_in_year_timeline() -> None:
    text = (
        "Allied drills by year\n\n"
        "- 2017 – Foal Eagle opened on 1 March and ran to 30 April, the largest in years.\n"
        "- 2018 – Key Resolve ran 8–18 April after a delay for the Winter Olympics.\n"
    )
    rows = sorted(run(text), key=lambda r: iso(r.start) or "")
    assert [(r.name, iso(r.start), iso(r.end)) for r in rows] == [
        ("Foal Eagle", "2017-03-01", "2017-04-30"),
        ("Key Resolve", "2018-04-08", "2018-04-18"),
    ]
    assert rows[0].participants == ["KOR", "USA"]


def test_bare_series_without_run_verb_or_date_is_no_row() -> None:
    assert run("Key Resolve remains a sore point for Pyongyang, the envoy said on 3 March.") == []
    assert run("Foal Eagle ran smoothly, the commander said.") == []


def test_end_before_start_in_one_sentence() -> None:
    r = one("Vostok ended on Thursday after running since 2 May.")
    assert (iso(r.start), iso(r.end)) == ("2024-05-02", "2024-05-09")


def test_series_beginning_the_same_day_as_the_one_before() -> None:
    text = (
        "Key Resolve ran March 3 through March 13, 2015. "
        "Foal Eagle began the same day and ended April 24, with about 3,700 U.S. troops."
    )
    rows = {r.name: r for r in run(text)}
    assert iso(rows["Foal Eagle"].start) == "2015-03-03"
    assert iso(rows["Foal Eagle"].end) == "2015-04-24"


def test_same_day_without_a_dated_name_before_is_no_row() -> None:
    assert run("Foal Eagle began the same day, officials said.") == []


def test_last_weekday_dates_an_unnamed_exercise() -> None:
    r = one("Last Tuesday the Pacific Fleet ran a snap exercise off Kamchatka with ten warships.")
    assert iso(r.start) == "2024-05-07"
    assert r.participants == ["RUS"]


def test_last_weekday_alone_makes_no_unnamed_row_without_a_new_noun() -> None:
    assert run("Last Tuesday the Pacific Fleet said it would keep up its regular drills.") == []


def test_fiscal_year_name_takes_autumn_date_of_the_year_before() -> None:
    r = one("Keen Edge 24 ran from 1 to 8 November 2023 at bases across Japan.")
    assert (r.name, iso(r.start), iso(r.end)) == ("Keen Edge 24", "2023-11-01", "2023-11-08")
    assert r.participants == ["JPN", "USA"]


def test_name_year_rejects_a_date_two_years_off_or_in_spring_before() -> None:
    r = one("Planners met in March 2023 to prepare Keen Edge 24, the command-post exercise.")
    assert iso(r.start) == "2024"


def test_known_series_wrapping_up_after_starting() -> None:
    r = one("Pacific Dragon wrapped up on 18 August 2022 off Kauai after starting on 8 August.")
    assert (r.name, iso(r.start), iso(r.end)) == ("Pacific Dragon", "2022-08-08", "2022-08-18")
    assert "USA" in r.participants


# --------------------------------------------------------------------------- editions of the series in focus


def test_in_year_sentence_with_participants_is_an_edition_of_the_series_in_focus() -> None:
    text = (
        "## Cobra Gold\n\n"
        "Cobra Gold is the largest multinational exercise in mainland Asia.\n\n"
        "In 2014, soldiers from seven countries took part, among them Japan, South Korea, Indonesia and Malaysia.\n"
    )
    rows = [r for r in run(text) if iso(r.start) == "2014"]
    assert len(rows) == 1
    assert {"JPN", "KOR", "IDN", "MYS", "THA", "USA"} <= set(rows[0].participants)


def test_in_year_sentence_without_forces_or_focus_is_no_row() -> None:
    text = (
        "## Cobra Gold\n\n"
        "Cobra Gold is the largest multinational exercise in mainland Asia.\n\n"
        "In 2014, Japan and Malaysia joined the trade talks.\n"
    )
    assert [r for r in run(text) if iso(r.start) == "2014"] == []
    assert run("In 2014, soldiers from Japan and Malaysia took part in a marathon.") == []


def test_took_part_in_the_year_edition() -> None:
    text = (
        "## Cobra Gold\n\n"
        "Cobra Gold is the largest multinational exercise in mainland Asia. "
        "Troops from Japan and South Korea took part in the 2017 edition, the biggest so far.\n"
    )
    rows = [r for r in run(text) if iso(r.start) == "2017"]
    assert len(rows) == 1 and {"JPN", "KOR"} <= set(rows[0].participants)


def test_year_edition_as_backdrop_is_still_no_row() -> None:
    text = (
        "## Cobra Gold\n\n"
        "Cobra Gold is the largest multinational exercise in mainland Asia. "
        "During the 2017 edition, North Korea fired a missile into the sea.\n"
    )
    assert [r for r in run(text) if iso(r.start) == "2017"] == []


def test_counted_edition_with_year_takes_the_series_parties() -> None:
    text = (
        "The Indian and Japanese coast guards began a joint anti-piracy exercise (PIRATEX) in 2004. "
        "The eighth round, in 2019, was held off Chennai.\n"
    )
    rows = {iso(r.start): r for r in run(text)}
    assert set(rows) == {"2004", "2019"}
    assert rows["2019"].participants == ["IND", "JPN"]


def test_counted_edition_without_any_series_in_focus_is_no_row() -> None:
    assert run("The eighth round, in 2019, was held off Chennai.") == []


# --------------------------------------------------------------------------- series origins


def test_series_held_since_a_year_is_its_first_edition() -> None:
    r = one("Thailand and the United States have staged Cobra Gold, with a few gaps, since 1982.")
    assert (r.name, iso(r.start)) == ("Cobra Gold", "1982")
    assert r.participants == ["THA", "USA"]


def test_series_has_been_held_since_a_year() -> None:
    r = one("Malabar, once a small drill, has been held almost every year since 1992 with India and the United States.")
    assert (r.name, iso(r.start)) == ("Malabar", "1992")


def test_since_a_year_without_a_hold_verb_is_no_origin() -> None:
    assert run("Relations have warmed since 2018, and Malabar is often cited as proof.") == []
    assert run("Russia and India have not held talks on Indra since 2021.") == []
    assert run("Russia and India have never held Indra in winter since 2021.") == []
    assert run("Malabar has been not held since 2019, a diplomat said.") == []


def test_a_determiner_before_a_year_is_no_exercise_name() -> None:
    """ "Its 2018 edition": the edition of the series just named, never an exercise called "Its 2018"."""
    rows = run(
        "Cobra Gold is held in Thailand every year with the United States. "
        "Its 2018 edition closed on 23 February 2018 after two weeks of drills by Thai and American troops."
    )
    assert [r.name for r in rows] == ["Cobra Gold 2018"]


# --------------------------------------------------------------------------- a section looking back on a year


def test_yearless_dates_under_a_heading_naming_an_earlier_year_take_that_year() -> None:
    text = (
        "# Review: the manoeuvres of 2016\n\n"
        "Early in spring, Foal Eagle, the annual US-South Korean field exercise, ran from 7 to 30 March.\n"
    )
    r = one(text, PartialDate(2017, 6, 2))
    assert r.name == "Foal Eagle"
    assert (iso(r.start), iso(r.end)) == ("2016-03-07", "2016-03-30")


def test_heading_year_after_the_publication_does_not_move_dates() -> None:
    text = "# Outlook for 2018\n\nFoal Eagle, the annual US-South Korean field exercise, ran from 7 to 30 March.\n"
    r = one(text, PartialDate(2017, 6, 2))
    assert iso(r.start) == "2017-03-07"


def test_heading_with_two_years_gives_no_section_year() -> None:
    text = "# From 2014 to 2016\n\nFoal Eagle, the annual US-South Korean field exercise, ran from 7 to 30 March.\n"
    r = one(text, PartialDate(2017, 6, 2))
    assert iso(r.start) == "2017-03-07"


def test_series_in_focus_held_every_few_years_since_a_year() -> None:
    rows = run(
        "Cobra Gold. The Thai-American series has been held almost every year since 1982, "
        "at first as a small bilateral drill."
    )
    assert [(r.name, iso(r.start), r.participants) for r in rows] == [("Cobra Gold", "1982", ["THA", "USA"])]


def test_force_that_launched_the_series_in_focus_is_its_first_party() -> None:
    rows = run("Sea Breeze. The Ukrainian Navy launched the series in 1997.")
    assert [(r.name, iso(r.start), r.participants) for r in rows] == [("Sea Breeze", "1997", ["UKR"])]


def test_named_series_began_in_a_year() -> None:
    rows = run("Indian and US warships train together in Malabar. The Indian Navy's Malabar series began in 1992.")
    assert [(r.name, iso(r.start), r.participants) for r in rows] == [("Malabar", "1992", ["IND"])]


def test_origin_sentence_without_a_series_or_a_country_is_no_row() -> None:
    assert run("The ministry launched the series in 1994, a spokesman said.") == []
    assert run("The lecture series began in 2001 at the academy.") == []
    assert run("Cobra Gold. Thailand launched the programme in 1982.") == []


# --------------------------------------------------------------------------- planned dates the text revises


def test_date_first_set_then_moved_gives_way_to_the_held_date() -> None:
    r = one(
        "A combined Japanese-American mine-clearing exercise, originally scheduled for 3-7 May, was delayed "
        "by a storm and finally held from 19 to 24 May 2015.",
        PartialDate(2015, 8, 1),
    )
    assert (iso(r.start), iso(r.end)) == ("2015-05-19", "2015-05-24")


def test_planned_date_alone_is_kept() -> None:
    """Nothing revises the plan: the only date stays the exercise's date."""
    r = one(
        "A combined Japanese-American mine-clearing exercise was first set for 3-7 May 2015, officials said.",
        PartialDate(2015, 1, 1),
    )
    assert iso(r.start) == "2015-05-03"


# --------------------------------------------------------------------------- "Four days earlier, on 19 March"


def test_offset_sentence_takes_the_year_of_the_exercise_before_it() -> None:
    text = (
        "Indian and Japanese troops opened Dharma Guardian 2022 on 17 February 2022 at Belagavi.\n\n"
        "Three days earlier, on 14 February, Indian and Japanese warships had held a short passing drill "
        "off Mumbai."
    )
    rows = run(text, PartialDate(2024, 6, 1))
    assert sorted(iso(r.start) for r in rows) == ["2022-02-14", "2022-02-17"]


def test_later_offset_across_new_year_moves_to_the_next_year() -> None:
    text = (
        "Russian and Chinese warships began a joint naval drill in the Sea of Japan on 29 December 2021.\n\n"
        "A week later, on 5 January, Russian and Chinese bombers held a separate air defence exercise over the "
        "Yellow Sea."
    )
    rows = run(text, PartialDate(2024, 6, 1))
    assert sorted(iso(r.start) for r in rows) == ["2021-12-29", "2022-01-05"]


def test_offset_without_an_exercise_before_keeps_the_usual_year() -> None:
    r = one(
        "Three days earlier, on 14 February, Indian and Japanese warships held a passing drill off Mumbai.",
        PartialDate(2024, 6, 1),
    )
    assert iso(r.start) == "2024-02-14"


# --------------------------------------------------------------------------- PLA series outside the former USSR


def test_edition_of_a_pla_series_in_focus_is_named_for_its_year() -> None:
    rows = run(
        "The Golden Dragon series links the Chinese and Cambodian armies. "
        "Its 2024 edition brought Chinese and Cambodian troops to Kampong Speu for two weeks of drills."
    )
    assert [(r.name, r.start.year if r.start else None, r.participants) for r in rows] == [
        ("Golden Dragon 2024", 2024, ["CHN", "KHM"])
    ]


def test_pla_series_table_row_keeps_the_series_parties() -> None:
    text = (
        "| Exercise | Dates |\n|---|---|\n"
        "| Sea Guardian-2020 | 5–9 January 2020 |\n"
    )
    rows = run(text)
    got = [(r.name, iso(r.start), r.participants) for r in rows]
    assert got == [("Sea Guardian-2020", "2020-01-05", ["CHN", "PAK"])]


def test_pla_series_words_in_ordinary_prose_are_no_exercise() -> None:
    assert run("A golden dragon dance opened the festival; peace unity was its slogan.") == []
    assert run("Peace Unity is the name of a charity founded in 2019 in Dar es Salaam.") == []
