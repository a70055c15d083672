"""Agreements extractor: phrasings beyond the dev and seed corpora."""

from __future__ import annotations

import time

import pytest

from eurasia_etl.extract.agreements import EXTRACTOR, extract_agreements
from eurasia_etl.facts import PartialDate
from eurasia_etl.segment import segment


def run(text: str, published: PartialDate | None = None):
    return extract_agreements(text, segment(text), published)


def one(text: str, published: PartialDate | None = None):
    rows = run(text, published)
    assert len(rows) == 1, [r.name for r in rows]
    return rows[0]


# --------------------------------------------------------------------------- names, types, dates


@pytest.mark.parametrize(
    ("text", "name", "typ", "signed"),
    [
        ("On 3 April 1999 Moscow and Beijing signed a Treaty of Mutual Legal Assistance.",
         "Treaty of Mutual Legal Assistance", "treaty", "1999-04-03"),
        ("Mongolia and China concluded an agreement on wildlife protection on October 5, 2011.",
         "agreement on wildlife protection", "agreement", "2011-10-05"),
        ("Officials signed a memorandum of understanding on tourism in Seoul in March 2019 between Russia "
         "and South Korea.", "memorandum of understanding on tourism", "memorandum", "2019-03"),
        ("In 2016 Rosneft and CNPC inked a contract for crude supplies.",
         "contract for crude supplies", "contract", "2016"),
        ("The Ulaanbaatar Declaration was adopted by Russia and Mongolia on 2009-08-25.",
         "Ulaanbaatar Declaration", "declaration", "2009-08-25"),
        ("China and North Korea issued a joint communique on economic ties in Nov 2005.",
         "joint communique on economic ties", "communique", "2005-11"),
        ("The two defence ministries signed a protocol on naval port calls on 12 May 2017, "
         "Russia and China said.", "protocol on naval port calls", "protocol", "2017-05-12"),
    ],
)
def test_name_type_and_signed(text: str, name: str, typ: str, signed: str) -> None:
    row = one(text)
    assert row.name == name
    assert row.agreement_type == typ
    assert row.signed is not None and row.signed.iso() == signed


def test_parties_place_and_topics_from_the_clause() -> None:
    row = one("On 12 May 2017 in Harbin, China and Russia signed an agreement on cross-border railway freight.")
    assert row.parties == ["CHN", "RUS"]
    assert row.place == "Harbin"
    assert "transport" in row.topics


def test_company_parties_count_as_their_countries() -> None:
    row = one("Gazprom and CNPC signed a gas supply contract on 21 May 2014 in Shanghai.")
    assert row.parties == ["CHN", "RUS"]
    assert row.place == "Shanghai"
    assert row.topics == ["energy"]


def test_leaders_stand_for_their_states() -> None:
    row = one("In Pyongyang on 19 June 2024, Putin and Kim Jong Un signed the Treaty on Comprehensive "
              "Strategic Partnership.")
    assert row.parties == ["PRK", "RUS"]


def test_two_countries_resolved_from_the_document() -> None:
    text = ("Russia and Mongolia have a long border. Trade between Russia and Mongolia grew.\n\n"
            "In 2019 the two countries signed a treaty on friendly relations and comprehensive partnership.")
    row = one(text)
    assert row.parties == ["MNG", "RUS"]
    assert "friendship" in row.topics or "diplomatic" in row.topics


# --------------------------------------------------------------------------- plural, lists, merging


def test_plural_treaties_give_one_row_each() -> None:
    text = ("The Treaties of Aigun and Peking moved the border. The Treaty of Aigun was signed in 1858 "
            "between Russia and the Qing empire. The Treaty of Peking was signed in 1860 by the same parties.")
    rows = run(text)
    assert sorted((r.name, r.signed.iso() if r.signed else None) for r in rows) == [
        ("Treaty of Aigun", "1858"), ("Treaty of Peking", "1860")]
    assert all(r.parties == ["CHN", "RUS"] for r in rows)


def test_bullet_list_under_a_signing_line() -> None:
    text = ("Russia and Kazakhstan have concluded:\n\n"
            "- Agreement on the joint use of the Baikonur cosmodrome, 1994;\n"
            "- Agreement on military-technical cooperation, 2013;\n")
    rows = run(text)
    assert [(r.name, r.signed.iso()) for r in rows] == [
        ("Agreement on the joint use of the Baikonur cosmodrome", "1994"),
        ("Agreement on military-technical cooperation", "2013"),
    ]
    assert all(r.parties == ["KAZ", "RUS"] for r in rows)


def test_repeated_mentions_merge_and_ratification_is_the_latest_step() -> None:
    text = ("On 8 March 2012 Russia and China signed the Agreement on Border Crossings in Beijing. "
            "The Duma ratified the agreement on 1 October 2012. "
            "It entered into force on 15 November 2012.")
    row = one(text)
    assert row.signed == PartialDate(2012, 3, 8)
    assert row.ratified == PartialDate(2012, 11, 15)
    assert row.place == "Beijing"


def test_heading_year_loses_to_the_prose() -> None:
    text = ("## The Treaty of Kulja (1815)\n\n"
            "The Treaty of Kulja was signed by Russia and China in 1851 and opened trade.\n")
    row = one(text)
    assert row.signed == PartialDate(1851)


def test_same_visit_carries_date_and_place() -> None:
    text = ("On 4 September 2019 in Vladivostok, Russia and Japan signed a memorandum on fisheries. "
            "During the same visit the two governments agreed to open a direct ferry line.")
    rows = run(text)
    assert len(rows) == 2
    ferry = rows[1]
    assert ferry.name == "agreement to open a direct ferry line"
    assert ferry.signed == PartialDate(2019, 9, 4)
    assert ferry.place == "Vladivostok"


# --------------------------------------------------------------------------- not agreements


@pytest.mark.parametrize(
    "text",
    [
        "Putin and Xi held talks in Moscow on 21 March 2023 but no agreement was announced.",
        "The two sides did not sign a contract for Power of Siberia 2 in 2024.",
        "Russia and China plan to sign an agreement on lunar research next year.",
        "No documents were signed at the summit in Vladivostok in April 2019.",
        "Russia and the DPRK established diplomatic relations on 12 October 1948.",
        "The United States imposed sanctions on Chinese banks in 2024.",
        "A Russia-China business forum was held in Harbin in May 2024.",
        "The proposed agreement on visa-free travel is still under discussion between Russia and China.",
        "Talks ended without a joint statement or any signed agreement in 2019.",
    ],
)
def test_distractors_are_not_agreements(text: str) -> None:
    assert run(text) == []


# --------------------------------------------------------------------------- evidence and speed


def test_evidence_is_the_exact_sentence() -> None:
    text = "Intro line.\n\nIn May 2010, Russia and China signed a protocol on oil pipelines. Other news."
    row = one(text)
    ev = row.evidence
    assert text[ev.char_start : ev.char_end] == ev.evidence
    assert "protocol on oil pipelines" in ev.evidence
    assert ev.extractor == EXTRACTOR
    assert 0.0 <= ev.confidence <= 1.0


def test_speed_well_above_two_megabytes_per_second_on_prose_without_agreements() -> None:
    para = ("Cargo through the port grew by 4.5% to 21 million tonnes in 2023, officials said, "
            "while container traffic was flat. ") * 20
    text = "\n\n".join([para] * 200)  # ~ 0.5 MB
    segs = segment(text)
    t0 = time.process_time()
    extract_agreements(text, segs, None)
    elapsed = max(time.process_time() - t0, 1e-6)
    assert len(text) / elapsed > 2_000_000


# --------------------------------------------------------------------------- held-out failure classes


@pytest.mark.parametrize(
    ("text", "name", "typ", "topic"),
    [
        ("In May 2016 Astana, Moscow and Beijing signed a programme for building the Central Asian "
         "transport corridor.", "programme for building the Central Asian transport corridor", "agreement",
         "transport"),
        ("On 3 March 2019 the Russian energy ministry and the Chinese energy administration signed a "
         "cooperation plan on hydropower.", "cooperation plan on hydropower", "agreement", "energy"),
        ("In April 2018 Russia and Mongolia signed a loan agreement worth $1 billion.", "loan agreement",
         "agreement", "finance"),
        ("A credit agreement between Russia and Belarus was signed in 2023 for $1.5 billion.",
         "credit agreement", "agreement", "finance"),
    ],
)
def test_programmes_plans_and_loan_agreements(text: str, name: str, typ: str, topic: str) -> None:
    row = one(text)
    assert (row.name, row.agreement_type) == (name, typ)
    assert topic in row.topics


def test_charter_with_member_states_is_a_multilateral_treaty() -> None:
    text = ("The Charter of the Eurasian Security Forum was signed on 9 June 2003 in Astana and entered into "
            "force on 1 September 2004. Its five member states — China, Russia, Kazakhstan, Tajikistan and "
            "Uzbekistan — pledged to coordinate.")
    row = one(text)
    assert row.agreement_type == "treaty"
    assert row.parties == ["CHN", "KAZ", "RUS", "TJK", "UZB"]
    assert row.signed == PartialDate(2003, 6, 9)
    assert row.ratified == PartialDate(2004, 9, 1)
    assert row.place == "Astana"


def test_capitals_stand_for_their_states() -> None:
    row = one("In May 2016 Ulaanbaatar, Moscow and Beijing signed a programme on the economic corridor.")
    assert row.parties == ["CHN", "MNG", "RUS"]


def test_capitals_agree_on_a_subject_in_a_dated_bullet() -> None:
    text = ("Timeline:\n\n"
            "- **March 2012**: Moscow and Pyongyang agree on how to write off the Soviet-era debt.\n"
            "- **June 2014**: A delegation toured the port.\n")
    row = one(text)
    assert row.parties == ["PRK", "RUS"]
    assert row.signed == PartialDate(2012, 3)
    assert "finance" in row.topics


def test_same_day_bullets_inherit_date_place_and_parties() -> None:
    text = ("- **8 May 2015**: In Moscow, Russia and China signed a joint statement on the Silk Road.\n"
            "- Same day: an agreement on currency swaps was signed.\n"
            "- Same day: a memorandum on railway construction.\n")
    rows = run(text)
    assert [r.name for r in rows] == ["joint statement on the Silk Road", "agreement on currency swaps",
                                      "memorandum on railway construction"]
    assert all(r.signed == PartialDate(2015, 5, 8) for r in rows)
    assert all(r.place == "Moscow" for r in rows)
    assert all(r.parties == ["CHN", "RUS"] for r in rows)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russia and China signed an agreement on nuclear fuel in St. Petersburg on 2 July 2015.",
         "St. Petersburg"),
        ("Russia and China signed a gas supply contract in Beijing during the visit of Putin in May 2014.",
         "Beijing"),
    ],
)
def test_place_of_signing(text: str, place: str) -> None:
    assert one(text).place == place


@pytest.mark.parametrize(
    "text",
    [
        "In January 2019 Japan announced that it was withdrawing from peace treaty talks with Russia.",
        "Officials spoke of a 'formal contract' between Russia and China once the trials ended, "
        "but it was never signed.",
        "Negotiators discussed a \"supply contract\" for Russian gas to China in 2020, but the contract "
        "was not concluded.",
        "The ministries proposed a cooperation plan on forestry in 2019 for Russia and China.",
        "In 2017 Russia and China criticised North Korea's nuclear programme.",
        "China and Russia invoked the UN Charter at the Security Council in 2022.",
        "Moscow and Beijing agreed on the need to keep talking in 2021.",
    ],
)
def test_held_out_distractors_are_not_agreements(text: str) -> None:
    assert run(text) == []


# --------------------------------------------------------------------------- aliases and referred-to instruments


def test_alias_after_a_name_is_the_same_instrument() -> None:
    text = ("The 2004 Agreement on Fisheries and Maritime Safety, commonly known as the Harbour Accord, "
            "was signed in Vladivostok on 3 March 2004 by Russia and Japan.")
    row = one(text)
    assert row.name == "Agreement on Fisheries and Maritime Safety"
    assert row.signed is not None and row.signed.iso() == "2004-03-03"
    assert row.parties == ["JPN", "RUS"]


@pytest.mark.parametrize(
    "text",
    [
        "In April 2011 Mongolia announced its withdrawal from the Tashkent Convention on Grazing Rights.",
        "Japan suspended the Kuril Fishing Protocol in September 2022, citing the war.",
    ],
)
def test_an_event_about_an_existing_instrument_is_not_its_signing(text: str) -> None:
    assert run(text) == []


def test_a_named_instrument_does_not_take_the_date_of_a_later_event() -> None:
    row = one("The hotline that the Khabarovsk Memorandum set up was cut by Moscow in May 2015.")
    assert row.signed is None


def test_a_date_attached_to_the_name_is_kept_without_a_verb() -> None:
    row = one("Diplomats still quote the Ulaanbaatar Declaration of 2009 when Russia and Mongolia meet.")
    assert row.signed is not None and row.signed.iso() == "2009"


def test_same_visit_in_a_new_bullet_does_not_reach_back_to_another_item() -> None:
    text = ("Milestones:\n\n"
            "- The old border treaty was signed in Irkutsk in May 1958 by China and Mongolia.\n"
            "- The trade fair drew large crowds. During the same visit the two ministers signed an "
            "agreement on veterinary inspection.\n")
    rows = run(text)
    vet = next(r for r in rows if "veterinary" in r.name)
    assert vet.signed is None
    assert vet.place is None


def test_same_visit_within_one_bullet_inherits() -> None:
    text = ("Milestones:\n\n"
            "- On 8 May 2015 in Moscow, Russia and China signed a memorandum on lunar research. During the "
            "same visit the two ministers signed an agreement on veterinary inspection.\n")
    vet = next(r for r in run(text) if "veterinary" in r.name)
    assert vet.signed == PartialDate(2015, 5, 8)
    assert vet.place == "Moscow"


# --------------------------------------------------------------------------- companies sign, they do not name


def test_company_subjects_do_not_become_treaty_names() -> None:
    text = ("On 9 April 2012 in Harbin, Gazprom and Novatek signed agreements with Sinopec for "
            "$8 billion in credit.")
    assert not any(r.name.endswith(("Harbin", "Gazprom", "Novatek")) for r in run(text))


def test_company_pair_contract_takes_the_states() -> None:
    row = one("On 2 June 2015, at a forum in Vladivostok, Gazprom and CNPC signed a 20-year supply contract.")
    assert row.parties == ["CHN", "RUS"]
    assert row.agreement_type == "contract"
    assert row.signed == PartialDate(2015, 6, 2)


# --------------------------------------------------------------------------- parties from the agreement's own context


def test_parties_from_the_sentence_before_not_the_document_pair() -> None:
    text = ("China and Russia dominate this report. China buys Russian oil; China sells Russia cars.\n\n"
            "Shinzo Abe received Vladimir Putin at a hot-spring resort in December 2016. A day later, in "
            "Tokyo, the two leaders signed a memorandum on joint economic activity.")
    row = next(r for r in run(text) if "memorandum" in r.name)
    assert row.parties == ["JPN", "RUS"]


def test_a_named_set_of_states_gives_the_parties() -> None:
    row = one("In Panmunjom the two Koreas adopted a joint declaration on railway links on 4 October 2007.")
    assert row.parties == ["KOR", "PRK"]
    six = one("The Joint Statement of the Six-Party Talks was adopted in Beijing on 19 September 2005.")
    assert six.parties == ["CHN", "JPN", "KOR", "PRK", "RUS", "USA"]


def test_an_ambiguous_context_leaves_the_document_pair() -> None:
    text = ("Russia and China trade a lot. Russia and China also talk a lot.\n\n"
            "Japan, India and Vietnam watched closely. In Moscow the two sides signed a protocol on fisheries "
            "on 3 May 2019.")
    row = next(r for r in run(text) if "protocol" in r.name)
    assert row.parties == ["CHN", "RUS"]


def test_parties_from_leaders_later_in_the_same_sentence() -> None:
    text = ("Trade with Beijing keeps growing. China is the largest buyer.\n\n"
            "The Visa Waiver Agreement, a first for Ulaanbaatar, was signed in Tokyo on 2 March 2021 by "
            "Yoshihide Suga and Oyun-Erdene.")
    row = next(r for r in run(text) if "Visa" in r.name)
    assert row.parties == ["JPN", "MNG"]


def test_an_adjective_later_in_the_sentence_is_not_a_party() -> None:
    text = ("Russia and China negotiated for years.\n\n"
            "The Treaty of Burinsk (1727) fixed the line west of the river, as far as today's Mongolian steppe.")
    row = next(r for r in run(text) if "Burinsk" in r.name)
    assert "MNG" not in row.parties


# --------------------------------------------------------------------------- place of signing


def test_place_from_a_signed_in_column() -> None:
    text = ("## Instruments\n\n| Date | Instrument | Signed in |\n|---|---|---|\n"
            "| 3 Mar 2011 | Agreement on Veterinary Inspection between Russia and Mongolia | Darkhan |\n")
    row = one(text)
    assert row.place == "Darkhan"
    assert row.signed == PartialDate(2011, 3, 3)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("At the Vladivostok summit on 5 September 2019, Russia and Japan signed a memorandum on fish farming.",
         "Vladivostok"),
        ("On 7 June 2018, during the Qingdao summit of the SCO, China and Russia signed an agreement on "
         "customs data.", "Qingdao"),
    ],
)
def test_place_from_an_event_named_after_its_city(text: str, place: str) -> None:
    assert one(text).place == place


def test_an_event_named_after_a_country_gives_no_place() -> None:
    row = one("At the China-Russia Expo on 5 June 2019, Russia and China signed a memorandum on soybean exports.")
    assert row.place is None


# --------------------------------------------------------------------------- titles: pairs of parties, named statements


def test_a_pair_of_parties_stays_in_the_name() -> None:
    row = one("A Mongolia–China treaty signed in Beijing on 2 May 2016 covers water use.")
    assert row.name == "Mongolia–China treaty"
    assert row.parties == ["CHN", "MNG"]
    assert row.place == "Beijing"


def test_a_titled_declaration_ends_before_a_participle_description() -> None:
    row = one("In Tokyo the two governments signed the Russian–Japanese Joint Declaration restoring "
              "fishing rights on 2 July 1958.")
    assert row.name == "Russian–Japanese Joint Declaration"
    assert row.parties == ["JPN", "RUS"]


def test_a_place_titled_statement_counts_without_joint() -> None:
    row = one("Relations rest on the Khabarovsk Statement agreed by Russia and China on 4 April 2004.")
    assert row.name == "Khabarovsk Statement"
    assert row.agreement_type == "joint_statement"


def test_a_lowercase_statement_still_needs_a_qualifier() -> None:
    assert run("Russia issued a statement on 4 April 2004 about China's trade.") == []


# --------------------------------------------------------------------------- which mention a date belongs to


def test_a_date_after_signed_by_belongs_to_the_mention_before_it() -> None:
    text = ("Two texts matter: the 1998 Moscow Declaration, signed by Boris Yeltsin and Keizo Obuchi on "
            "13 November 1998, and the Kawana Statement agreed by Yeltsin and Ryutaro Hashimoto on 19 April 1998.")
    rows = {r.name: r for r in run(text)}
    assert rows["Moscow Declaration"].signed == PartialDate(1998, 11, 13)
    assert rows["Kawana Statement"].signed == PartialDate(1998, 4, 19)


def test_starting_point_is_not_an_entry_into_force() -> None:
    row = one("Russia and Japan later confirmed the Tokyo Declaration of 1993 as the starting point for talks.")
    assert row.signed == PartialDate(1993)
    assert row.ratified is None


def test_the_date_right_after_the_signed_name_beats_an_earlier_event_date() -> None:
    text = ("Tokyo and Ulaanbaatar opened embassies on 24 February 1972, and Tsakhiagiin Elbegdorj flew to Tokyo "
            "a decade later to sign the Agreement on Economic Cooperation between Mongolia and Japan on "
            "2 April 1982.")
    row = one(text)
    assert row.signed == PartialDate(1982, 4, 2)


@pytest.mark.parametrize(
    "text",
    [
        "A Russia–Mongolia agreement on visa-free transit has been under negotiation since 2019; a signing "
        "may come next year.",
        "The China–Japan memorandum on seafood inspections is still being negotiated in 2024.",
    ],
)
def test_an_instrument_still_under_negotiation_is_not_an_agreement(text: str) -> None:
    assert run(text) == []


# --------------------------------------------------------------------------- topics


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("In March 2011 Lukoil and Sinopec signed a ten-year supply contract.", "energy"),
        ("Moscow and Beijing signed a joint statement on denuclearization of the peninsula on 4 July 2017.",
         "nuclear"),
        ("Under an intergovernmental agreement signed in May 2012 by China and Mongolia, each side warns the "
         "other of missile tests.", "military"),
    ],
)
def test_topic_vocabulary_and_the_rest_of_the_sentence(text: str, topic: str) -> None:
    assert topic in one(text).topics


def test_a_bare_treaty_is_named_from_its_own_clause_not_the_sentence() -> None:
    row = one("The treaty signed with Japan by Mongolia in 1972 lapsed, and both armies kept their weapons.")
    assert row.name == "treaty"


def test_a_quoted_title_in_apposition_names_the_statement() -> None:
    row = one('At the Moscow summit on 9 May 2015, the two presidents\' joint statement, "A New Stage of Partnership," '
              "bound Russia and China to closer cooperation.")
    assert row.name == "A New Stage of Partnership"
    assert row.signed == PartialDate(2015, 5, 9)


def test_a_joint_press_statement_is_a_statement_but_a_press_statement_is_not() -> None:
    assert one("On 3 June 2023 Japan and South Korea issued a joint press statement on maritime "
               "safety.").agreement_type == "joint_statement"
    assert run("On 3 June 2023 the Japanese ministry issued a press statement on maritime safety.") == []


def test_the_number_of_parties_the_sentence_states_is_filled() -> None:
    text = ("Donald Trump, Moon Jae-in and Shinzo Abe met in Osaka in June 2019. On 1 July 2019 the three "
            "leaders signed a joint statement on maritime surveillance.")
    row = one(text)
    assert row.parties == ["JPN", "KOR", "USA"]


def test_more_states_than_stated_leaves_the_context_alone() -> None:
    text = ("Russia and China talk often.\n\n"
            "Japan, Korea, India and Vietnam met. Later the two sides signed a protocol on fisheries on "
            "3 May 2019.")
    row = next(r for r in run(text) if "protocol" in r.name)
    assert row.parties == ["CHN", "RUS"]


# --------------------------------------------------------------------------- documents enumerated after a signing


def test_a_colon_list_after_a_signing_clause_is_signed_with_its_date_and_place() -> None:
    text = ("Cooperation on the Amur rests on three documents concluded in Khabarovsk in June 2008, during a "
            "visit by the Chinese premier to Russia: a protocol on joint monitoring of water quality, and a "
            "memorandum on flood warnings.")
    rows = {r.agreement_type: r for r in run(text)}
    assert set(rows) == {"protocol", "memorandum"}
    for r in rows.values():
        assert r.signed == PartialDate(2008, 6)
        assert r.place == "Khabarovsk"
        assert r.parties == ["CHN", "RUS"]


def test_a_colon_list_after_an_unsigned_clause_is_not_signed() -> None:
    text = ("The two sides never signed anything in Ulaanbaatar in May 2015: an agreement on rail tariffs and a "
            "memorandum on customs were left for later.")
    assert run(text) == []
    assert run("Negotiators in Tokyo listed their goals for 2020: an agreement on fisheries and a memorandum "
               "on tourism.") == []


def test_list_items_under_a_paragraph_that_signs_documents_take_its_date_and_place() -> None:
    text = ("During Mr Medvedev's trip to Beijing on 27 September 2010 the ministers signed about twenty "
            "documents. Three stand out:\n\n"
            "- a loan agreement between the Development Bank of China and Rosneft;\n"
            "- a memorandum on cooperation in coal mining between Russia and China;\n"
            "- an agreement on the joint use of the Tumen river crossing.\n")
    rows = run(text)
    assert len(rows) == 3, [r.name for r in rows]
    for r in rows:
        assert r.signed == PartialDate(2010, 9, 27)
        assert r.place == "Beijing"


def test_list_items_under_a_paragraph_without_a_signing_are_not_agreements() -> None:
    text = ("On 27 September 2010 the ministers discussed about twenty topics in Beijing. Three stand out:\n\n"
            "- a loan agreement between the Development Bank of China and Rosneft;\n"
            "- a memorandum on cooperation in coal mining between Russia and China.\n")
    assert run(text) == []


def test_a_year_after_the_in_a_name_tail_is_part_of_the_name() -> None:
    row = one("A protocol amending the 2009 accord was signed by Russia and Mongolia in Moscow on 4 March 2012.")
    assert row.signed == PartialDate(2012, 3, 4)
    assert row.name == "protocol amending the 2009 accord"


# ------------------------------------------------------------ negotiations and promises are not agreements


@pytest.mark.parametrize(
    "text",
    [
        "In Ulaanbaatar in June 2016 the three governments agreed to start negotiations on a transit agreement "
        "for Mongolian coal.",
        "Russia and Japan agreed in 2013 to resume talks on a peace treaty.",
        "The ministers of China and South Korea met in March 2019 and agreed to open consultations on a fisheries "
        "protocol.",
        "In August 2004 North Korea agreed to sign a fisheries accord with Russia.",
        "Seoul pledged to sign a memorandum on radar data with Tokyo in May 2021.",
    ],
)
def test_negotiations_and_promises_to_sign_are_not_agreements(text: str) -> None:
    assert run(text) == []


def test_an_agreement_to_do_something_other_than_negotiate_is_still_an_agreement() -> None:
    row = one("In May 2017 the two governments of Russia and Mongolia agreed to build a second bridge at Kyakhta.")
    assert row.signed == PartialDate(2017, 5)


def test_the_same_day_refers_to_the_instrument_just_named_in_the_sentence() -> None:
    text = ("The leaders of China, Japan and South Korea held a summit in Tokyo in May 2011. On 30 May 2012 in "
            "Seoul the three ministers signed the Trilateral Customs Agreement; the same day the "
            "leaders issued a joint declaration on maritime cooperation.")
    row = next(r for r in run(text) if r.agreement_type == "declaration")
    assert row.signed == PartialDate(2012, 5, 30)
    assert row.parties == ["CHN", "JPN", "KOR"]


# --------------------------------------------------------------------------- enumerations after a clause


def test_a_list_after_the_clause_that_signs_the_plural_gives_one_row_per_item() -> None:
    rows = run("In June 2007 China and Kazakhstan signed two intergovernmental agreements in Astana: one on the use "
               "of transboundary rivers, the other on a joint railway crossing.")
    assert [r.name for r in rows] == ["intergovernmental agreement on the use of transboundary rivers",
                                      "intergovernmental agreement on a joint railway crossing"]
    assert all(r.signed == PartialDate(2007, 6) and r.place == "Astana" for r in rows)
    assert all(r.parties == ["CHN", "KAZ"] for r in rows)


def test_a_list_of_bare_prepositional_items_after_a_relative_clause() -> None:
    rows = run("Three protocols that the foreign ministers of Mongolia and Japan initialled in Tokyo on 3 March 2012, "
               "at the end of a long round, followed: on veterinary inspection, on road haulage and on the exchange "
               "of students. All three entered into force in 2013.")
    assert [r.name for r in rows] == ["protocol on veterinary inspection", "protocol on road haulage",
                                      "protocol on the exchange of students"]
    assert all(r.signed == PartialDate(2012, 3, 3) for r in rows)
    assert all(r.ratified == PartialDate(2013) for r in rows)  # "all three": every item of the list


def test_enumerated_memoranda_are_singular_rows_dated_by_the_same_day() -> None:
    rows = run("Vietnam and Japan signed a treaty in Hanoi on 2 May 2009. Two memoranda were signed there the same "
               "day: one on port dredging, the other on rice exports.")
    memos = [r for r in rows if r.agreement_type == "memorandum"]
    assert [r.name for r in memos] == ["memorandum on port dredging", "memorandum on rice exports"]
    assert all(r.signed == PartialDate(2009, 5, 2) for r in memos)


@pytest.mark.parametrize(
    "text",
    [
        # the number says five, the list has two: not a list of the instruments
        "Five agreements were signed by Belarus and China in Minsk in 2011: on customs, on transit.",
        # discussed, not signed
        "Two agreements were discussed by Russia and Japan in 2019: one on fisheries, the other on shipping.",
        "Russia and China did not sign the two agreements prepared in 2019: one on fisheries, the other on "
        "shipping.",
    ],
)
def test_lists_of_instruments_not_signed_or_not_matching_their_number_give_no_rows(text: str) -> None:
    assert run(text) == []


# --------------------------------------------------------------------------- second names, pairs, alliances


def test_an_alias_cue_with_a_phrase_before_as_names_the_same_instrument() -> None:
    row = one("The Treaty of Kanagawa, referred to by some historians as the Perry Convention, was signed by Japan "
              "and the United States on 31 March 1854.")
    assert row.name == "Treaty of Kanagawa"


def test_a_second_name_in_apposition_is_the_same_instrument() -> None:
    row = one("In 1965 in Tokyo, Japan and South Korea signed the Treaty on Basic Relations of 1965, the "
              "Normalisation treaty, which restored ties.")
    assert row.name == "Treaty on Basic Relations"
    assert row.parties == ["JPN", "KOR"]


def test_a_list_of_named_treaties_is_not_an_apposition() -> None:
    rows = run("Russia and Qing China concluded the Treaty of Nerchinsk in 1689, the Treaty of Kyakhta in 1727, "
               "and the Treaty of Aigun in 1858.")
    assert [r.name for r in rows] == ["Treaty of Nerchinsk", "Treaty of Kyakhta", "Treaty of Aigun"]


def test_a_dashed_pair_with_bare_korea_names_both_parties() -> None:
    row = one("In 1999 the Korea–Uzbekistan Trade Agreement was signed in Tashkent.")
    assert row.parties == ["KOR", "UZB"]


def test_an_ordinal_pair_instrument_takes_the_items_date_not_the_year_of_the_text_it_replaced() -> None:
    row = one("- **3 May 1911** — A third Franco-Russian convention, also signed in Paris, superseded the 1907 text.")
    assert row.parties == ["FRA", "RUS"]
    assert row.signed == PartialDate(1911, 5, 3)
    assert row.place == "Paris"


def test_a_titled_alliance_signed_is_a_treaty() -> None:
    row = one("The Franco-Russian Alliance was concluded in 1894.")
    assert (row.name, row.agreement_type, row.signed) == ("Franco-Russian Alliance", "treaty", PartialDate(1894))


@pytest.mark.parametrize(
    "text",
    [
        "The Sino-Soviet alliance collapsed in 1960.",
        "Turkey's alliance with Britain was signed into the history books in 1939 by newspapers.",
    ],
)
def test_an_alliance_as_a_relationship_is_no_row(text: str) -> None:
    assert run(text) == []


def test_alliance_before_a_type_word_qualifies_it() -> None:
    row = one("The alliance treaty with Hanoi was signed in 1978 by the Soviet Union and Vietnam.")
    assert row.agreement_type == "treaty" and "military" in row.topics


# --------------------------------------------------------------------------- unconcluded, generic, "with X for Y"


@pytest.mark.parametrize(
    "text",
    [
        "A Russia–Japan peace treaty, first proposed in 1956, is still not signed.",
        "An India–Mongolia investment agreement, under discussion since 2019, was never concluded.",
        "A Kazakhstan–Korea trade deal, still under negotiation, may be signed in 2026.",
    ],
)
def test_an_instrument_not_concluded_after_an_aside_is_no_row(text: str) -> None:
    assert run(text) == []


def test_a_nationality_before_a_plural_type_word_is_a_class_not_an_instrument() -> None:
    assert run("Historians still ask whether the Korean treaties of those years were ever valid, as Japan and "
               "South Korea signed nothing on it in 1965.") == []


def test_a_contract_with_a_party_for_a_purpose_is_named_by_its_purpose() -> None:
    row = one("In 1903 the Korean court concluded a contract with the Oriental Consolidated Mining Company for the "
              "working of the Unsan gold mines.")
    assert row.name == "contract for the working of the Unsan gold mines"
    assert row.signed == PartialDate(1903)


def test_with_a_party_for_the_first_time_is_no_purpose() -> None:
    row = one("In 2012 Japan signed an agreement with Mongolia for the first time.")
    assert "first time" not in row.name


# --------------------------------------------------------------------------- weekdays, possessive first mentions


def test_weekday_is_no_topic_of_a_name():
    r = one("Rosneft and Sinopec signed a binding memorandum on Thursday on expanding crude deliveries to Tianjin.")
    assert "Thursday" not in r.name
    assert r.name.startswith("memorandum on expanding crude deliveries")


def test_weekday_alone_makes_no_named_memorandum():
    rows = run("Kazakhstan and Uzbekistan signed a memorandum on Wednesday.")
    assert all("Wednesday" not in r.name for r in rows)


def test_signed_their_instrument_is_a_first_mention():
    r = one("Vietnam and Cambodia signed their new maritime agreement in June 2003.")
    assert r.parties == ["KHM", "VNM"]
    assert r.signed is not None and r.signed.iso() == "2003-06"


def test_signed_their_instrument_after_an_earlier_one_is_a_second_row():
    rows = run("Mongolia and China concluded a railway agreement on 4 May 1991. "
               "Mongolia and Russia then signed their railway agreement in Ulaanbaatar on 9 October 1993.")
    assert sorted(r.signed.iso() for r in rows if r.signed) == ["1991-05-04", "1993-10-09"]


def test_discussed_their_instrument_is_no_row():
    assert run("Vietnam and Cambodia discussed their maritime agreement in June 2003.") == []


# --------------------------------------------------------------------------- "X of <parties> on Y" titles


def test_title_of_the_parties_then_topic_drops_the_parties():
    r = one("The Declaration of Mongolia and the Republic of Korea on comprehensive partnership was signed "
            "in Seoul on 14 June 2021.")
    assert r.name == "Declaration on comprehensive partnership"
    assert r.parties == ["KOR", "MNG"]
    assert r.signed is not None and r.signed.iso() == "2021-06-14"


def test_title_of_a_place_keeps_its_of():
    r = one("Beijing and Hanoi signed the Treaty of Lang Son on trade in 1999.")
    assert "Lang Son" in r.name


def test_of_parties_without_topic_is_no_new_name():
    r = one("Japan and Mongolia signed the joint statement of Japan and Mongolia in Tokyo on 2 March 2010.")
    assert "on" not in r.name.split()


# --------------------------------------------------------------------------- lists after a one-line intro paragraph


_SUMMIT = (
    "Prime Minister Modi visited Tokyo in 2018. After talks on Monday 29 October 2018, India and Japan signed "
    "and exchanged some 30 documents.\n\n"
    "{intro}\n"
    "- an agreement on cooperation in the field of healthcare;\n"
    "- a memorandum on cooperation in food processing.\n"
)


@pytest.mark.parametrize("intro", ["The ones made public were these:", "The texts that were released include:"])
def test_list_after_intro_paragraph_takes_the_signing_date(intro):
    rows = run(_SUMMIT.format(intro=intro))
    assert sorted(r.name for r in rows) == [
        "agreement on cooperation in the field of healthcare", "memorandum on cooperation in food processing"]
    assert all(r.signed is not None and r.signed.iso() == "2018-10-29" for r in rows)
    assert all(r.parties == ["IND", "JPN"] for r in rows)


def test_list_after_intro_paragraph_needs_a_signing_before_it():
    text = ("Prime Minister Modi visited Tokyo in October 2018 and held talks with Abe.\n\n"
            "The ones discussed were these:\n"
            "- an agreement on cooperation in the field of healthcare;\n"
            "- a memorandum on cooperation in food processing.\n")
    assert run(text) == []


# --------------------------------------------------------------------------- ordinals of a defined short form


_SERIES = (
    "Tokyo and Washington renew their Host Nation Support Agreements (HNSA) every few years.\n\n"
    "1. **7th HNSA** — signed in Tokyo in January 2011.\n"
    "2. **8th HNSA** — agreed in principle in Tokyo on 14 December 2015 after eleven rounds of talks, and "
    "signed in Washington on 22 January 2016.\n"
)


def test_ordinal_of_a_defined_short_form_is_one_instrument():
    rows = run(_SERIES)
    got = sorted((r.name, r.signed.iso() if r.signed else None) for r in rows)
    assert ("7th Host Nation Support Agreement (HNSA)", "2011-01") in got
    assert ("8th Host Nation Support Agreement (HNSA)", "2016-01-22") in got
    assert all(r.parties == ["JPN", "USA"] for r in rows if "HNSA" in r.name)


def test_short_form_without_a_definition_makes_no_row():
    rows = run("1. **7th HNSA**: signed in Tokyo in January 2011.\n2. **8th HNSA**: signed in 2016.\n")
    assert rows == []


def test_short_form_of_a_plain_word_is_no_title():
    # "the agreement (FTA)" defines no title: an ordinal of it is not named after it
    rows = run("Seoul and Santiago signed an agreement (FTA) in 2003. The 2nd FTA round of talks opened in 2004.")
    assert all("2nd" not in r.name for r in rows)


def test_agreed_in_principle_is_no_signing_when_a_signing_follows():
    r = one("Japan and Peru agreed in principle in December 2015 on a Tax Convention and signed it in Lima "
            "on 22 January 2016.")
    assert r.signed is not None and r.signed.iso() == "2016-01-22"


# --------------------------------------------------------------------------- coordinated instruments


def test_verbless_clause_after_a_signing_adds_a_further_instrument():
    rows = run("Rosatom and the Mongolian energy ministry signed a memorandum of understanding in March 2021 on "
               "small reactors, and in May 2022 a roadmap on uranium prospecting.")
    assert [r.name for r in rows] == ["memorandum of understanding", "roadmap on uranium prospecting"]
    assert [r.signed for r in rows] == [PartialDate(2021, 3), PartialDate(2022, 5)]
    assert all(r.parties == ["MNG", "RUS"] for r in rows)


def test_together_with_shares_the_signing_verb():
    rows = run("Sinopec and Novatek signed a supply contract in 2018, together with a framework agreement on "
               "joint exploration.")
    assert len(rows) == 2
    assert rows[1].name == "framework agreement on joint exploration"
    assert rows[1].parties == ["CHN", "RUS"]


def test_coordinated_clause_without_an_instrument_signed_before_adds_nothing():
    rows = run("Sinopec and Novatek discussed a supply contract in 2018, together with a framework agreement on "
               "joint exploration.")
    assert rows == []


# --------------------------------------------------------------------------- verbs out of the usual reach


def test_a_verb_whose_object_is_the_instrument_signs_it():
    row = one("In 2019 Rosneft and Sinopec added a contract on refinery feedstock.")
    assert row.name == "contract on refinery feedstock"
    assert row.signed == PartialDate(2019)
    assert row.parties == ["CHN", "RUS"]


def test_an_object_verb_elsewhere_in_the_clause_signs_nothing():
    assert run("Rosneft and Sinopec added that a contract on refinery feedstock was possible in 2019.") == []


def test_signing_verb_after_a_relative_clause_with_commas():
    rows = run("Japan and Mongolia set up a working group in 2016. Its work led to a protocol on herders that the "
               "two ministers, Sato for Tokyo and Bold for Ulaanbaatar, signed in Darkhan on 9 May 2018.")
    assert len(rows) == 1
    assert rows[0].signed == PartialDate(2018, 5, 9)
    assert rows[0].place == "Darkhan"


def test_negated_verb_after_a_relative_clause_signs_nothing():
    rows = run("Japan and Mongolia drafted a protocol on herders, which the two ministers, Sato and Bold, "
               "never signed.")
    assert rows == []


def test_succession_verb_after_a_relative_clause():
    rows = run("Russia and Mongolia signed a border treaty on 2 May 1958; a protocol on the boundary, which "
               "settled the lakes and rivers, followed in Ulaanbaatar on 4 June 1959.")
    assert [r.signed for r in rows] == [PartialDate(1958, 5, 2), PartialDate(1959, 6, 4)]
    assert rows[1].place == "Ulaanbaatar"


def test_a_date_before_a_semicolon_dates_the_instrument_before_it():
    rows = run("China and Laos signed a railway agreement on 13 November 2015; a financing protocol was signed "
               "in Vientiane on 2 December 2016.")
    assert [r.signed for r in rows] == [PartialDate(2015, 11, 13), PartialDate(2016, 12, 2)]


# --------------------------------------------------------------------------- year-less dates, leading dates


def test_year_less_date_takes_the_published_year_when_nothing_else_gives_one():
    row = one("Busy weeks in Ulaanbaatar. On 3 March Mongolia and Japan signed a memorandum on coal exports.",
              PartialDate(2023, 4, 10))
    assert row.signed == PartialDate(2023, 3, 3)


def test_year_less_date_after_the_published_day_stays_without_a_year():
    row = one("On 3 March Mongolia and Japan signed a memorandum on coal exports.", PartialDate(2023, 2, 10))
    assert row.signed is None


def test_year_less_date_after_other_years_in_the_text_takes_no_published_year():
    rows = run("Mongolia and Japan established relations in 1972.\n\nOn 3 March Mongolia and Japan signed a "
               "memorandum on coal exports.", PartialDate(2023, 4, 10))
    assert [r.signed for r in rows] == [None]


def test_year_less_date_takes_the_year_of_the_heading_above_it():
    text = ("REVIEW OF 2018\n\nQuiet months passed.\n\nIn a short ceremony on 9 October Seoul and Tokyo signed a "
            "protocol on fisheries quotas.")
    assert one(text, PartialDate(2019, 1, 5)).signed == PartialDate(2018, 10, 9)


def test_a_date_opening_the_sentence_dates_each_instrument_its_verb_governs():
    rows = run("On 12 May 2017 the two ministers said that the trade treaty would be renewed, and signed a "
               "memorandum on customs data.")
    memo = next(r for r in rows if r.agreement_type == "memorandum")
    assert memo.signed == PartialDate(2017, 5, 12)
    assert all(r.signed is None for r in rows if r is not memo)


def test_a_reported_future_is_no_signing():
    rows = run("On 12 May the two presidents announced that the Treaty of Friendship would be extended.",
               PartialDate(2021, 7, 1))
    assert all(r.signed is None for r in rows)


# --------------------------------------------------------------------------- instruments named by their date


def test_an_instrument_named_by_its_day_is_a_row_of_its_own():
    rows = run("Japan and Mongolia signed a treaty of friendship in 1998. Their summit communique cited the "
               "joint communique of 4 March 2003 and the treaty.")
    comm = [r for r in rows if r.agreement_type == "communique"]
    assert len(comm) == 1 and comm[0].signed == PartialDate(2003, 3, 4)
    assert comm[0].parties == ["JPN", "MNG"]


def test_the_same_dated_instrument_named_again_is_no_new_row():
    rows = run("On 4 March 2003 Japan and Mongolia issued a joint communique on investment. Later reports quoted "
               "the joint communique of 4 March 2003 at length.")
    assert len(rows) == 1


def test_a_year_alone_does_not_name_an_instrument():
    rows = run("Japan and Mongolia discussed the agreement of 2003 at length.")
    assert rows == []


# --------------------------------------------------------------------------- successors named by anaphora


def test_an_anaphor_signed_on_a_day_in_another_year_is_a_successor():
    rows = run("Mongolia and Japan signed the Japan–Mongolia Economic Partnership Agreement in Tokyo on 10 "
               "February 2015. An amended version of the agreement was signed in Darkhan on 21 November 2023.")
    assert [r.name for r in rows] == ["Japan–Mongolia Economic Partnership Agreement",
                                      "amended Japan–Mongolia Economic Partnership Agreement"]
    assert rows[1].signed == PartialDate(2023, 11, 21)
    assert rows[1].parties == ["JPN", "MNG"]
    assert rows[0].signed == PartialDate(2015, 2, 10)


def test_an_anaphor_restating_the_same_year_is_the_same_instrument():
    rows = run("Mongolia and Japan signed the Japan–Mongolia Economic Partnership Agreement in February 2015. "
               "The agreement was signed in Tokyo on 10 February 2015, after six years of talks.")
    assert len(rows) == 1


def test_type_word_governed_past_a_relative_clause():
    rows = run("The customs union treaty was signed in Minsk on 6 January 1995 by Belarus and Russia. The charter "
               "that turned the union into a bloc with a secretariat followed on 9 May 2001, signed by the presidents "
               "of Belarus, Kazakhstan and Russia.")
    assert [r.signed for r in rows] == [PartialDate(1995, 1, 6), PartialDate(2001, 5, 9)]
    assert rows[1].parties == ["BLR", "KAZ", "RUS"]


def test_a_charter_a_relative_clause_away_from_a_talk_verb_is_no_instrument():
    rows = run("Belarus and Russia discussed the charter that would turn the union into a bloc with a secretariat, "
               "and said it might be ready in 2001.")
    assert rows == []


def test_definite_mention_defined_by_the_clause_after_it_is_a_first_mention():
    rows = run("On 14 March 2016, in the presence of both premiers, Sinopec signed the agreement under which it "
               "took a 10% stake in Sibur from Gazprom.")
    assert len(rows) == 1
    assert rows[0].signed == PartialDate(2016, 3, 14)
    assert rows[0].parties == ["CHN", "RUS"]


def test_definite_mention_without_a_defining_clause_stays_an_anaphor():
    rows = run("On 14 March 2016, in the presence of both premiers, Sinopec signed the agreement.")
    assert rows == []


def test_a_currency_swap_deal_is_an_instrument():
    row = one("The central banks of Japan and South Korea concluded a currency-swap deal in Tokyo on 1 December 2023.")
    assert row.agreement_type == "agreement"
    assert row.signed == PartialDate(2023, 12, 1)


# --------------------------------------------------------------------------- plural instruments


def test_plural_instruments_with_their_own_participle_and_date_are_one_row():
    row = one("Mongolia first sold mutton to Japan under veterinary protocols signed in 2017.")
    assert row.agreement_type == "protocol"
    assert row.signed == PartialDate(2017)
    assert row.parties == ["JPN", "MNG"]


def test_counted_plural_instruments_make_no_row():
    assert run("Mongolia and Japan signed 14 veterinary protocols in 2017.") == []


def test_plural_instruments_without_a_date_make_no_row():
    assert run("Mongolia first sold mutton to Japan under veterinary protocols signed by both ministries.") == []


def test_none_announced_is_no_instrument():
    assert run("A gas contract between Mongolia and Japan has been discussed for years, but none has been "
               "announced.") == []


def test_plural_instruments_after_their_verb_and_modifiers_are_one_row():
    row = one("On 3 June 2021 in Tokyo, Mitsui signed offtake agreements with Rosneft for Vostok crude.")
    assert row.signed == PartialDate(2021, 6, 3)
    assert row.parties == ["JPN", "RUS"]


def test_plural_instruments_counted_after_the_verb_make_no_row():
    assert run("On 3 June 2021 in Tokyo, Mitsui signed several offtake agreements with Rosneft.") == []


# --------------------------------------------------------------------------- weekdays, routes, company subjects


def test_a_weekday_in_a_dated_report_is_the_last_such_day_before_it():
    row = one("Rosneft and Sinopec signed a supply contract on Monday in Moscow.", PartialDate(2024, 4, 11))
    assert row.signed == PartialDate(2024, 4, 8)


def test_a_weekday_without_a_published_day_stays_undated():
    row = one("Rosneft and Sinopec signed a supply contract on Monday in Moscow.", PartialDate(2024, 4))
    assert row.signed is None


def test_a_country_a_route_crosses_is_no_party():
    row = one("Rosneft and CNPC signed a memorandum in 2019 on an oil spur running across Kazakhstan.")
    assert row.parties == ["CHN", "RUS"]


def test_two_companies_agreeing_to_act_is_an_agreement():
    row = one("Last week the two companies, Inter RAO and State Grid, agreed to double power exports in 2022.")
    assert row.name.startswith("agreement to double power exports")
    assert row.parties == ["CHN", "RUS"]


def test_companies_agreeing_to_negotiate_is_no_agreement():
    assert run("The two companies, Inter RAO and State Grid, agreed to accelerate talks on power exports.") == []


def test_the_opening_phrase_that_dates_a_signing_also_places_it():
    row = one("On 2 July 2019 in Ulaanbaatar, the two ministers of Japan and Mongolia signed an agreement on "
              "the programme of veterinary cooperation for 2019-2023.")
    assert row.signed == PartialDate(2019, 7, 2)
    assert row.place == "Ulaanbaatar"


def test_an_opening_place_without_the_date_of_the_signing_places_nothing():
    row = one("In Ulaanbaatar, talks went on for days; on 2 July 2019 the ministers of Japan and Mongolia signed "
              "an agreement on the programme of veterinary cooperation for 2019-2023.")
    assert row.place is None
