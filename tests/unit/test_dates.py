"""Dates as news timelines give them: to the year, month or day, shown and ordered as readers expect."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model import PartialDate, display_date
from generator.schema import parse_partial_date


@pytest.mark.parametrize(
    ("value", "expected", "iso", "shown"),
    [
        (2025, PartialDate(2025), "2025", "2025"),
        ("2019-12", PartialDate(2019, 12), "2019-12", "December 2019"),
        ("2017-12-07", PartialDate(2017, 12, 7), "2017-12-07", "7 December 2017"),
        ("2020-02-29", PartialDate(2020, 2, 29), "2020-02-29", "29 February 2020"),
        (" 1999-01 ", PartialDate(1999, 1), "1999-01", "January 1999"),
    ],
)
def test_valid_partial_dates(value: object, expected: PartialDate, iso: str, shown: str) -> None:
    date = parse_partial_date(value)
    assert date == expected
    assert isinstance(date, PartialDate)
    assert (date.iso, date.display) == (iso, shown)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-13", "'2019-13' is not a real date: month 13 does not exist"),
        ("2019-02-30", "'2019-02-30' is not a real date: February has no day 30"),
        ("2019-02-29", "'2019-02-29' is not a real date: February has no day 29"),
        ("2019-04-31", "'2019-04-31' is not a real date: April has no day 31"),
        ("2019-12-00", "'2019-12-00' is not a real date: December has no day 0"),
        ("12/07/2017", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '12/07/2017'"),
        ("", "expected YYYY, YYYY-MM or YYYY-MM-DD, got ''"),
        (True, "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'True'"),
        (2019.5, "expected YYYY, YYYY-MM or YYYY-MM-DD, got '2019.5'"),
        (None, "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'None'"),
    ],
)
def test_invalid_partial_dates_say_why(value: object, message: str) -> None:
    assert parse_partial_date(value) == message


def test_less_precise_date_sorts_before_its_period() -> None:
    dates = [
        PartialDate(2019, 1, 5), PartialDate(2019, 1), PartialDate(2018, 12, 31), PartialDate(2019), PartialDate(2019, 2),
    ]
    assert [d.iso for d in sorted(dates, key=lambda d: d.sort_key)] == [
        "2018-12-31", "2019", "2019-01", "2019-01-05", "2019-02",
    ]


def test_publication_date_display() -> None:
    assert display_date(dt.date(2017, 12, 8)) == "8 December 2017"
    assert display_date(dt.datetime(2020, 1, 1, 23, 59)) == "1 January 2020"


def timeline_of(html: str) -> list[tuple[str, str, str]]:
    """(datetime attribute, text shown, event) of each timeline entry, in page order."""
    section = re.search(r'<section id="timeline".*?</section>', html, re.S)
    assert section, "page has no timeline"
    return re.findall(r'<time datetime="([^"]*)">([^<]*)</time>\s*<p>([^<(]*)', section.group(0))


def test_timeline_is_shown_in_date_order_with_readable_dates(
    tmp_path: Path, make_site: Callable[..., Path], build_site: Callable[..., Path]
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/x.md": (
                "---\ntitle: T\ndate: 2025-03-01\ntimeline:\n"
                "  - {date: 2025, event: Year only}\n"
                "  - {date: 2019-01-05, event: Fifth of January}\n"
                '  - {date: "2019-12", event: December}\n'
                "  - {date: 2019, event: Sometime in 2019}\n"
                '  - {date: "2019-01", event: January}\n'
                "  - {date: 2017-12-07, event: Long ago}\n"
                "---\n"
            )
        },
    )
    html = (build_site(root) / "briefings/x/index.html").read_text(encoding="utf-8")
    assert [(iso, shown, event.strip()) for iso, shown, event in timeline_of(html)] == [
        ("2017-12-07", "7 December 2017", "Long ago"),
        ("2019", "2019", "Sometime in 2019"),
        ("2019-01", "January 2019", "January"),
        ("2019-01-05", "5 January 2019", "Fifth of January"),
        ("2019-12", "December 2019", "December"),
        ("2025", "2025", "Year only"),
    ]


def test_events_on_the_same_date_keep_their_written_order(
    tmp_path: Path, make_site: Callable[..., Path], build_site: Callable[..., Path]
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/x.md": (
                "---\ntitle: T\ndate: 2020-01-01\ntimeline:\n"
                "  - {date: 2019-05-01, event: Second}\n"
                "  - {date: 2019, event: First}\n"
                "  - {date: 2019-05-01, event: Third}\n"
                "---\n"
            )
        },
    )
    html = (build_site(root) / "briefings/x/index.html").read_text(encoding="utf-8")
    assert [event.strip() for _, _, event in timeline_of(html)] == ["First", "Second", "Third"]


def test_axis_points_a_week_apart_in_a_long_span_stay_apart() -> None:
    from generator.model import PartialDate
    from generator.pages import AXIS_GAP, axis

    lefts = [p["left"] for p in axis([PartialDate(2017, 12, 7), PartialDate(2017, 12, 14), PartialDate(2019), PartialDate(2025)])]
    assert lefts[0] == 0.0 and lefts[-1] == 100.0
    assert all(b - a >= AXIS_GAP - 0.01 for a, b in zip(lefts, lefts[1:])), lefts
    assert lefts[2] < 50, "far-apart points keep their place on the line"
