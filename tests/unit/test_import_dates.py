"""Time expressions resolved against the publication date, at the precision the text gives."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.importer import dates

WEDNESDAY = dt.date(2021, 3, 10)


def resolve(sentence: str, published: dt.date = WEDNESDAY) -> list[str]:
    return [e.date.iso for e in dates.find(sentence, 0, len(sentence), published, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The vote took place today.", ["2021-03-10"]),
        ("The mine flooded yesterday.", ["2021-03-09"]),
        ("The talks resume tomorrow.", ["2021-03-11"]),
        ("Crews worked through last night.", ["2021-03-09"]),
        ("The council voted on Monday.", ["2021-03-08"]),
        ("The council voted on Wednesday.", ["2021-03-10"]),
        ("The council will vote on Monday.", ["2021-03-15"]),
        ("Leaders are expected to meet on Friday to sign it.", ["2021-03-12"]),
        ("The mayor said schools would stay closed until Monday.", ["2021-03-15"]),
        ("The report, published on Monday, found flaws.", ["2021-03-08"]),
        ("The ferry sank last Friday.", ["2021-03-05"]),
        ("The ferry sails next Monday.", ["2021-03-15"]),
        ("Prices rose last month.", ["2021-02"]),
        ("Sales fell last year.", ["2020"]),
        ("The plant opened earlier this year.", ["2021"]),
        ("The bridge opened in 1998.", ["1998"]),
        ("The bridge opened in June 1998.", ["1998-06"]),
        ("The bridge opened on June 4, 1998.", ["1998-06-04"]),
        ("The bridge opened on 4 June 1998.", ["1998-06-04"]),
        ("The strike began on February 20.", ["2021-02-20"]),
        ("The strike began on November 20.", ["2020-11-20"]),
        ("The festival will open on November 20.", ["2021-11-20"]),
        ("The strike started on December 2, last year.", ["2020-12-02"]),
        ("Elections were held in May.", ["2020-05"]),
        ("All cars must be electric by 2030.", ["2030"]),
        ("All cars must be electric by the end of 2030.", ["2030"]),
        ("The dam was built from 1961 to 1967.", ["1961", "1967"]),
    ],
)
def test_expressions_resolve_against_the_publication_date(sentence: str, expected: list[str]) -> None:
    assert resolve(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The company was founded three years ago.",
        "She has lived there for the last 27 years.",
        "The road is 1850 km long and carries 2000 people a day.",
        "It was the wettest month since 1987.",
        "The archive holds papers from the 1950s and the 13th century.",
        "Doors open at 11:30 am.",
        "The city is today a busy port.",
        "Flight 1549 landed safely; Act No. 1923 was repealed.",
        "The 2020-nCoV virus spread.",
        "May we expect more rain?",
    ],
)
def test_durations_ages_comparisons_and_numbers_are_not_dates(sentence: str) -> None:
    assert resolve(sentence) == []


def test_last_week_resolves_to_a_month_only_when_the_week_lies_in_one_month() -> None:
    assert resolve("The hearing ended last week.") == ["2021-03"]
    assert resolve("The hearing ended last week.", dt.date(2021, 4, 7)) == []  # 29 March to 4 April


def test_the_same_day_and_an_anniversary_follow_the_date_they_refer_to() -> None:
    assert resolve("The fire started on March 2, and the roof fell the same day.") == ["2021-03-02", "2021-03-02"]
    assert resolve("On July 4, the 50th anniversary of the first landing, crowds gathered.") == ["2020-07-04", "1970-07-04"]
