"""Who said each quotation: after the closing mark, before a colon, the subject of a speech verb,
pronouns, roles, organisations, and nobody named."""

from __future__ import annotations

from import_helpers import speakers

QUOTE = "The bridge will be finished before the winter"


def test_said_after_the_quotation_with_a_title_and_an_affiliation() -> None:
    found = speakers(f'"{QUOTE}," said chief engineer Dr. Hannah Szabo of Eastbrook University.')
    assert found == [(f"{QUOTE},", "Hannah Szabo")]


def test_name_then_said_after_the_quotation_resolves_a_surname_alone() -> None:
    found = speakers(
        "Transport minister Paolo Ferreira visited the site on Monday.",
        f'"{QUOTE}," Ferreira told reporters.',
    )
    assert found == [(f"{QUOTE},", "Paolo Ferreira")]


def test_subject_of_said_before_the_quotation() -> None:
    found = speakers(f'Union leader Grace Mbeki said on Tuesday "{QUOTE}."')
    assert found == [(f"{QUOTE}.", "Grace Mbeki")]


def test_appositive_between_the_name_and_the_verb() -> None:
    found = speakers(f'Omar Haddad, a spokesman for the port authority, said "{QUOTE}."')
    assert found == [(f"{QUOTE}.", "Omar Haddad")]


def test_label_before_a_colon() -> None:
    found = speakers(f'Harbour master Ingrid Solberg: "{QUOTE}."')
    assert found == [(f"{QUOTE}.", "Ingrid Solberg")]


def test_he_and_she_are_the_person_named_last() -> None:
    found = speakers(
        "Senator Lucia Romano visited the flooded town on Sunday.",
        f'"{QUOTE}," she said. She added, "Nobody will be left behind by this government."',
    )
    assert [by for _, by in found] == ["Lucia Romano", "Lucia Romano"]


def test_participle_attaches_to_the_subject_of_the_sentence() -> None:
    found = speakers(
        f'Fire chief Ben Adeyemi praised his crews as he spoke to Mayor Clara Voss, saying "{QUOTE}."'
    )
    assert found == [(f"{QUOTE}.", "Ben Adeyemi")]


def test_a_role_refers_back_to_the_person_who_holds_it() -> None:
    found = speakers(
        "Health commissioner Anika Brandt opened the clinic.",
        f'The commissioner said, "{QUOTE}."',
    )
    assert found == [(f"{QUOTE}.", "Anika Brandt")]


def test_an_organisation_speaks_and_it_is_the_organisation() -> None:
    found = speakers(
        f'"{QUOTE}," the Ministry of Public Works said in a statement.',
        f'An email from Harlow & Sons to the council warned: "{QUOTE} again," it said.',
    )
    assert [by for _, by in found] == ["Ministry of Public Works", "Harlow & Sons"]


def test_a_standalone_quotation_continues_the_speaker_before_it() -> None:
    found = speakers(f'Rescuers worked all night, coordinator Yusuf Demir said. "{QUOTE}."')
    assert found == [(f"{QUOTE}.", "Yusuf Demir")]


def test_unnamed_speakers_and_no_speaker_give_none() -> None:
    found = speakers(
        f'"{QUOTE}," one of the neighbours said.',
        f'A council official, who asked not to be named, said "{QUOTE} at all."',
        f'Under the deal, both sides will "{QUOTE} or pay a fine."',
    )
    assert [by for _, by in found] == [None, None, None]


def test_a_law_quoted_has_no_speaker() -> None:
    found = speakers(f'The Harbour Safety Act states "no vessel shall enter the inner basin at night."')
    assert found == [("no vessel shall enter the inner basin at night.", None)]
