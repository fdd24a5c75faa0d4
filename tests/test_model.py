"""Building DSL nodes: friendly spellings accepted, bad fields rejected with teaching messages."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import backstretch
from backstretch import (
    Break,
    Caution,
    Duration,
    DurationRange,
    Hold,
    InvalidTypeError,
    InvalidValueError,
    Modification,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Side,
    Step,
    Stretch,
    between,
    seconds,
    strategies,
)


def test_friendly_spellings_become_canonical_values() -> None:
    hold = Hold("1m30s")
    assert Duration(90_000) == hold.duration
    assert Duration(2_500) == Step("x", duration=datetime.timedelta(seconds=2.5)).duration
    assert DurationRange(30_000, 60_000) == Hold(between("30s", "60s")).duration
    assert (Step("a"),) == Stretch("s", [Step("a")]).body
    assert Side.RIGHT is PerSide([Step("a")], first="right").first
    assert ("knee", "wrist") == Caution("c", conditions=["wrist", "knee", "knee"]).conditions


def test_nodes_are_frozen_values() -> None:
    step = Step("Breathe in")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        step.text = "Breathe out"  # type: ignore[misc]
    assert Step("Breathe out") == attrs.evolve(step, text="Breathe out")
    assert hash(Step("a")) == hash(Step("a"))


@given(strategies.routines())
def test_reprs_evaluate_back_to_equal_values(routine: Routine) -> None:
    """A failing example's repr can be pasted straight into a test."""
    assert routine == eval(repr(routine), {n: getattr(backstretch, n) for n in backstretch.__all__})


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: Hold(30),  # type: ignore[arg-type]
            InvalidTypeError,
            "Hold.duration got the bare number 30, which could mean seconds or milliseconds; "
            "write seconds(30), minutes(...) or a string like '30s'",
        ),
        (
            lambda: Hold(between(30, 60)),  # type: ignore[arg-type]
            InvalidTypeError,
            "Hold.duration got between(30, 60), a range of counts; for a range of time write "
            "between('30s', '60s')",
        ),
        (
            lambda: Hold(seconds(0)),
            InvalidValueError,
            "Hold.duration must be longer than 0 s; write e.g. seconds(5)",
        ),
        (
            lambda: Hold(between("0s", "10s")),
            InvalidValueError,
            "Hold.duration range must start above 0 s, got 0:00 to 0:10; write e.g. "
            "between(seconds(30), seconds(60))",
        ),
        (
            lambda: Step("x", duration="30 secs"),
            InvalidValueError,
            "Step.duration: cannot read '30 secs' as a duration; write it like '30s', '2m', "
            "'1m30s' or '250ms'",
        ),
        (
            lambda: Step(""),
            InvalidValueError,
            "Step.text must not be empty; write what the person does",
        ),
        (lambda: Step(42), InvalidTypeError, "Step.text must be text (a str), got 42"),  # type: ignore[arg-type]
        (
            lambda: Rest(5000),
            InvalidTypeError,
            "Rest.duration got the bare number 5000, which could mean seconds or milliseconds; "
            "write seconds(5000), minutes(...) or a string like '5000s'",
        ),
        (
            lambda: Reps(0, "lunge"),
            InvalidValueError,
            "Reps.count must be 1 or more, got 0",
        ),
        (
            lambda: Reps("30s", "lunge"),
            InvalidTypeError,
            "Reps.count must be a whole number or between(low, high), got '30s'; a count is a "
            "whole number, not a time",
        ),
        (
            lambda: Reps(3, "lunge", first="left"),
            InvalidValueError,
            "Reps.first=Side.LEFT applies only to alternating reps; set alternate=True, or put "
            "the Reps in a PerSide to do them on each side",
        ),
        (
            lambda: Repeat(2.5, [Step("a")]),  # type: ignore[arg-type]
            InvalidTypeError,
            "Repeat.times must be a whole number or between(low, high), got 2.5",
        ),
        (
            lambda: PerSide([Step("a")], first="up"),
            InvalidValueError,
            "PerSide.first must be 'left', 'right', 'affected', 'unaffected' or None (alternate "
            "from the previous side), got 'up'",
        ),
        (
            lambda: PerSide(Step("a")),  # type: ignore[arg-type]
            InvalidTypeError,
            "PerSide.body must be a list of Step, Hold, Breath, Reps, PerSide, OneSide, Repeat, "
            "Rest, got Step(text='a', duration=None, until='')",
        ),
        (
            lambda: Stretch("s", [Caution("careful")]),
            InvalidTypeError,
            "Stretch.body[0] must be one of Step, Hold, Breath, Reps, PerSide, OneSide, Repeat, "
            "Rest, got Caution: Caution(text='careful', conditions=())",
        ),
        (
            lambda: Stretch("s", [Step("a")], cautions=["careful"]),
            InvalidTypeError,
            "Stretch.cautions[0] must be one of Caution, got str: 'careful'",
        ),
        (
            lambda: Routine("r", [Step("a")]),
            InvalidTypeError,
            "Routine.body[0] must be one of Stretch, Rest, Circuit, got Step: "
            "Step(text='a', duration=None, until='')",
        ),
        (
            lambda: Caution("c", conditions=["knee!"]),
            InvalidValueError,
            "Caution.conditions has 'knee!'; a condition is a lowercase word like 'knee' or "
            "'lower-back'",
        ),
        (
            lambda: Caution("c", conditions="knee"),
            InvalidTypeError,
            "Caution.conditions must be a list of condition names like ['knee'], got 'knee'",
        ),
        (
            lambda: Modification("m", props="block"),
            InvalidTypeError,
            "Modification.props must be a list of non-empty texts, got 'block'",
        ),
        (
            lambda: Break("bend", every="2m", duration=seconds(0)),
            InvalidValueError,
            "Break.duration must be longer than 0 s; write e.g. seconds(5)",
        ),
        (
            lambda: Routine("r", [], rest_between=10),  # type: ignore[arg-type]
            InvalidTypeError,
            "Routine.rest_between got the bare number 10, which could mean seconds or "
            "milliseconds; write seconds(10), minutes(...) or a string like '10s'",
        ),
    ],
)
def test_bad_fields_fail_fast_and_teach(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()
    assert message == str(caught.value)


def test_errors_are_also_builtin_errors() -> None:
    with pytest.raises(ValueError, match="must be 1 or more"):
        Reps(0, "x")
    with pytest.raises(TypeError, match="bare number"):
        Hold(5)  # type: ignore[arg-type]
    assert issubclass(InvalidTypeError, backstretch.BackstretchError)


# Every constructor error is one of ours, naming Class.field (issue 25).

_VALID: dict[type, dict[str, Any]] = {
    backstretch.Routine: {
        "title": "T",
        "body": [backstretch.Stretch("S", [backstretch.Step("a")])],
    },
    backstretch.Stretch: {"name": "S", "body": [backstretch.Step("a")]},
    backstretch.Step: {"text": "a"},
    backstretch.Hold: {"duration": "5s"},
    backstretch.Break: {"text": "b", "every": "1m", "duration": "5s"},
    backstretch.Breath: {"inhale": "4s", "exhale": "4s"},
    backstretch.PerSide: {"body": [backstretch.Step("a")]},
    backstretch.OneSide: {"body": [backstretch.Step("a")], "side": "left"},
    backstretch.Reps: {"count": 3, "text": "x"},
    backstretch.Repeat: {"times": 2, "body": [backstretch.Step("a")]},
    backstretch.Rest: {"duration": "5s"},
    backstretch.Circuit: {"times": 2, "body": [backstretch.Stretch("S", [backstretch.Step("a")])]},
    backstretch.Caution: {"text": "c"},
    backstretch.Modification: {"text": "m"},
    backstretch.Condition: {"name": "tinnitus", "description": "Ringing in the ears."},
    backstretch.LocalCues: {},
    backstretch.Cues: {},
    backstretch.Limits: {},
}

_HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300),
    st.floats(),
    st.text(max_size=5),
    st.binary(max_size=3),
    st.builds(object),
    st.lists(st.one_of(st.builds(object), st.integers(), st.text(max_size=3)), max_size=2),
    st.dictionaries(st.text(max_size=3), st.one_of(st.builds(object), st.text(max_size=3))),
    st.tuples(st.builds(object)),
)


@given(st.sampled_from(sorted(_VALID, key=lambda cls: cls.__name__)), st.data())
def test_every_constructor_error_is_ours_and_names_the_field(cls: type, data: Any) -> None:
    """Any value in any field of any DSL value: accepted, or refused with a BackstretchError
    (so also the matching builtin) whose message names Class.field."""
    field = data.draw(st.sampled_from([f.name for f in attrs.fields(cls)]), label="field")
    value = data.draw(_HOSTILE, label="value")
    message = None
    try:
        cls(**{**_VALID[cls], field: value})
    except backstretch.BackstretchError as error:
        message = str(error)
    assert message is None or f"{cls.__name__}.{field}" in message
