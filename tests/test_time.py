"""Durations, ranges and millisecond arithmetic: exact values and exact error messages."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstretch import (
    CountRange,
    Duration,
    DurationRange,
    InvalidTypeError,
    InvalidValueError,
    Level,
    between,
    format_ms,
    minutes,
    parse_duration,
    seconds,
    split_ms,
)


@pytest.mark.parametrize(
    ("made", "expected_ms"),
    [
        (seconds(30), 30_000),
        (seconds(1.5), 1_500),
        (seconds(0.001), 1),
        (minutes(2), 120_000),
        (minutes(0.25), 15_000),
        (parse_duration("30s"), 30_000),
        (parse_duration("2m"), 120_000),
        (parse_duration("1m30s"), 90_000),
        (parse_duration("1m 30s"), 90_000),
        (parse_duration("1.5s"), 1_500),
        (parse_duration("250ms"), 250),
        (parse_duration("1h2m3s4ms"), 3_723_004),
    ],
)
def test_durations_are_exact_milliseconds(made: Duration, expected_ms: int) -> None:
    assert Duration(expected_ms) == made


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: seconds(-1), InvalidValueError, "seconds() takes 0 or more, got -1"),
        (
            lambda: seconds(0.0001),
            InvalidValueError,
            "seconds(0.0001) is not a whole number of milliseconds; round it to 0.001 s",
        ),
        (
            lambda: seconds(float("nan")),
            InvalidValueError,
            "seconds() takes a finite number, got nan",
        ),
        (
            lambda: minutes(float("inf")),
            InvalidValueError,
            "minutes() takes a finite number, got inf",
        ),
        (lambda: seconds(True), InvalidTypeError, "seconds() takes a number, got True"),
        (lambda: seconds("30"), InvalidTypeError, "seconds() takes a number, got '30'"),  # type: ignore[arg-type]
        (
            lambda: parse_duration("30 secs"),
            InvalidValueError,
            "cannot read '30 secs' as a duration; write it like '30s', '2m', '1m30s' or '250ms'",
        ),
        (
            lambda: parse_duration(""),
            InvalidValueError,
            "cannot read '' as a duration; write it like '30s', '2m', '1m30s' or '250ms'",
        ),
        (
            lambda: between(seconds(60), seconds(30)),
            InvalidValueError,
            "a range must run from low to high, got 1:00 to 0:30; swap them",
        ),
        (
            lambda: between(10, 5),
            InvalidValueError,
            "a range must run from low to high, got 10 to 5; swap them",
        ),
        (lambda: between(0, 5), InvalidValueError, "CountRange.low must be 1 or more, got 0"),
        (
            lambda: between(5, seconds(10)),  # type: ignore[call-overload]
            InvalidTypeError,
            "between() takes two counts or two durations, got 5 and Duration(ms=10000); write "
            "between(5, 10) for counts or between(seconds(30), seconds(60)) for time",
        ),
        (
            lambda: between("30s", 60.0),  # type: ignore[call-overload]
            InvalidTypeError,
            "between() high end got the bare number 60.0, which could mean seconds or "
            "milliseconds; write seconds(60.0), minutes(...) or a string like '60.0s'",
        ),
        (
            lambda: Duration(-5),
            InvalidValueError,
            "Duration.ms must be 0 or more milliseconds, got -5",
        ),
        (
            lambda: Duration(1.5),  # type: ignore[arg-type]
            InvalidTypeError,
            "Duration.ms must be an int of milliseconds, got 1.5",
        ),
        (lambda: split_ms(10, 0), InvalidValueError, "split_ms() needs at least 1 part, got 0"),
        (
            lambda: between(5, 10, level="easy"),
            InvalidValueError,
            "a range's level must be 'gentle', 'standard', 'deep' or None, got 'easy'",
        ),
    ],
)
def test_bad_durations_teach(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert message == str(caught.value)


def test_between_builds_the_right_kind_of_range() -> None:
    assert CountRange(5, 10) == between(5, 10)
    assert CountRange(2, 4, level=Level.STANDARD) == between(2, 4, level="standard")
    assert DurationRange(1_000, 3_000, level=Level.DEEP) == between("1s", "3s", level=Level.DEEP)
    assert DurationRange(30_000, 60_000) == between(seconds(30), "1m")
    assert DurationRange(1_000, 2_500) == between(
        datetime.timedelta(seconds=1), datetime.timedelta(milliseconds=2500)
    )


def test_a_range_with_a_level_of_its_own_lands_there_at_every_level() -> None:
    sets, hold = between(2, 4, level="standard"), between("20s", "40s")
    assert [3, 3, 3] == [sets.at(level) for level in Level]
    assert [20_000, 30_000, 40_000] == [hold.at(level) for level in Level]
    assert [20_000] * 3 == [between("20s", "40s", level="gentle").at(level) for level in Level]


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0, "0:00"),
        (45_000, "0:45"),
        (725_000, "12:05"),
        (3_723_000, "1:02:03"),
        (1_500, "0:01.500"),
    ],
)
def test_format_ms_reads_like_a_clock(ms: int, text: str) -> None:
    assert text == format_ms(ms)


@given(st.integers(0, 10**12), st.integers(1, 1000))
def test_split_ms_conserves_the_total(total_ms: int, parts: int) -> None:
    """Splitting never loses or gains a millisecond, and parts differ by at most one."""
    split = split_ms(total_ms, parts)
    assert total_ms == sum(split)
    assert parts == len(split)
    assert max(split) - min(split) <= 1
    assert list(split) == sorted(split, reverse=True)


@given(st.integers(0, 10**7))
def test_seconds_and_strings_agree(whole_ms: int) -> None:
    """seconds(), minutes() and strings name the same millisecond, with no float rounding."""
    secs, ms = divmod(whole_ms, 1000)
    assert Duration(whole_ms) == seconds(whole_ms / 1000) == parse_duration(f"{secs}s{ms}ms")
