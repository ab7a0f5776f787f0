"""Which quoted spans are direct quotations: four words or more, and not a name or a title."""

from __future__ import annotations

import pytest

from import_helpers import analyse


def quotations(*paragraphs: str) -> list[str]:
    return [q.text for q in analyse(*paragraphs).quotes]


def test_text_is_exactly_what_stands_between_the_marks() -> None:
    found = quotations('"We will rebuild the pier [by summer], whatever it costs," said Mayor Ines Duarte.')
    assert found == ["We will rebuild the pier [by summer], whatever it costs,"]


def test_curly_and_straight_marks_both_count() -> None:
    found = quotations("\u201cThe lights went out at nine,\u201d a resident said. \"Then the water came in fast.\"")
    assert found == ["The lights went out at nine,", "Then the water came in fast."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('She called the plan "a bad idea."', []),  # three words
        ('He said "we couldn\'t win," and left the room.', []),  # `couldn't` is one word: three in all
        ('He said "we couldn\'t win that game," and left.', ["we couldn't win that game,"]),
    ],
)
def test_a_quotation_has_four_words_or_more(sentence: str, expected: list[str]) -> None:
    assert quotations(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        'The illness was widely known as "the creeping winter fever" in the valley.',
        'The rover found what scientists dubbed "the great dry salt lake" near the crater.',
        'Researchers named the new strain "northern hill mountain virus 4" (NHMV-4).',
        'Her latest novel, "The Orchard Beyond The River", sold well.',
    ],
)
def test_names_and_titles_in_quotation_marks_are_not_quotations(sentence: str) -> None:
    assert quotations(sentence) == []


def test_a_quotation_broken_by_its_attribution_gives_two() -> None:
    found = quotations('"The harvest was poor," the farmer said, "and the prices were worse than ever."')
    assert found == ["The harvest was poor,", "and the prices were worse than ever."]


def test_a_partial_quotation_inside_a_paraphrase_counts() -> None:
    found = quotations('The judge described the attack as "a cowardly act of pure malice."')
    assert found == ["a cowardly act of pure malice."]


def test_a_quotation_running_to_the_end_of_its_paragraph_is_kept() -> None:
    found = quotations('Ms Okoro wrote: "We cannot accept these terms, and we never will.', "Next paragraph.")
    assert found == ["We cannot accept these terms, and we never will."]
