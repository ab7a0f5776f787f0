"""Who the article names: evidence for a person, the fullest name, aliases, and what is not a person."""

from __future__ import annotations

import pytest

from import_helpers import analyse, names


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Prime Minister Ewa Nowak met the unions on Friday.", ["Ewa Nowak"]),
        ("The company hired celebrated architect Kenji Watanabe to design it.", ["Kenji Watanabe"]),
        ("Delta Freight chief executive Marta Ruiz resigned.", ["Marta Ruiz"]),
        ("The minister, Jonas Berg, refused to comment.", ["Jonas Berg"]),
        ("Lena Fischer, a nurse at the clinic, raised the alarm.", ["Lena Fischer"]),
        ("Hamid Karimi of the Northern Institute of Geology led the team.", ["Hamid Karimi"]),
        ("Rescuers found Daniel Okafor, who had been missing for days.", ["Daniel Okafor"]),
        ("The trophy went to Sofia Marin, 23, of Valencia.", ["Sofia Marin"]),
        ("One neighbour, 79-year-old Walter Brandt, said he heard a bang.", ["Walter Brandt"]),
        ("Gen. Viktor Hale and Adm. Ruth Osei signed the order.", ["Viktor Hale", "Ruth Osei"]),
    ],
)
def test_a_person_needs_evidence_around_the_name(paragraph: str, expected: list[str]) -> None:
    assert names(paragraph) == expected


def test_titles_are_left_out_and_suffixes_kept() -> None:
    assert names("Former Governor Alan Pierce Jr. opened the museum.") == ["Alan Pierce Jr."]


def test_name_particles_stay_in_the_name() -> None:
    assert names("Her lawyer, Pieter van der Linde, appealed.", "Van der Linde said nothing more.") == [
        "Pieter van der Linde"
    ]


def test_the_surname_alone_and_other_spellings_become_aliases() -> None:
    result = analyse(
        "Foreign minister Mevlüt Çakır arrived on Monday.",
        "Cakir said the talks went well. Later Çakır left for Ankara.",
    )
    (person,) = result.people
    assert person.name == "Mevlüt Çakır"
    assert set(person.aliases) == {"Cakir", "Çakır"}


def test_role_and_organisation_come_from_the_first_mention() -> None:
    (person,) = analyse("Orbis Bank chief economist Helga Stein expects rates to rise.").people
    assert (person.name, person.role, person.org) == ("Helga Stein", "chief economist", "Orbis Bank")


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Morning Star Hotel reopened after the floods.",
        "Crowds gathered in Santa Rosa Square and along Mill Road.",
        "The storm reached South Carolina and North America by Monday.",
        "Officials said the Riverside Athletics Club would host the race.",
        "Nobody expected the Harbour Trust to win the vote.",
        "The Blue Lantern said it had sent 500 blankets.",
        "The National Weather Bureau said the storm would pass.",
    ],
)
def test_places_organisations_and_common_words_are_not_people(paragraph: str) -> None:
    assert names(paragraph) == []


def test_a_name_after_a_preposition_is_no_speaker() -> None:
    assert names("Minister Ana Reyes wrote on Facebook that hospitals in Puerto Lindo were full.") == ["Ana Reyes"]


def test_a_role_word_opening_the_sentence_is_not_part_of_the_name() -> None:
    (person,) = analyse("Volcanologist Irene Castillo of the Andes Institute warned of more eruptions.").people
    assert person.name == "Irene Castillo"


def test_a_company_is_not_merged_into_a_person_who_shares_its_name() -> None:
    result = analyse("Dunmore chief executive Alice Dunmore Reid said profits fell.", "Dunmore said it would cut jobs.")
    assert [p.name for p in result.people] == ["Alice Dunmore Reid"]
