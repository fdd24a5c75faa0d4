"""Limits: oversized routines and documents fail fast with a clear error, never a hang."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstretch import (
    BREATH,
    Cues,
    DocumentError,
    Duration,
    FitError,
    Hold,
    InvalidValueError,
    LimitError,
    Limits,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Routine,
    Step,
    Stretch,
    between,
    compile_routine,
    load_routine,
    loads_routine,
    minutes,
    seconds,
    strategies,
)
from backstretch._dsl.bounds import _CueRates, _routine_bound
from tools import SEED


def test_a_count_bomb_is_refused_before_any_work() -> None:
    bomb = Routine("Bomb", [Stretch("s", [Repeat(10**12, [PerSide([Reps(10**9, "x")])])])])
    started = time.perf_counter()
    with pytest.raises(LimitError) as caught:
        compile_routine(bomb)
    assert time.perf_counter() - started < 1.0  # a hang would take forever, not a second
    assert (
        "this routine can expand to as many as more than 10^15 events (an upper bound, counted "
        "from its tree: every range at its top, every cue marker the cue options could add); "
        "the limit is 100,000 "
        "(Limits.max_events); lower the counts of its Repeat and Reps" == str(caught.value)
    )
    assert isinstance(caught.value, ValueError)


def test_dense_cues_count_towards_the_limit() -> None:
    routine = Routine("r", [Stretch("s", [Hold(minutes(60), cue="breathe")])])
    compile_routine(routine)  # a breath cue every 30 s: 120 of them
    with pytest.raises(LimitError):
        compile_routine(routine, cues=Cues(breath_every="10ms"))  # 360 000 cues


def test_limits_can_be_raised_or_lowered() -> None:
    seed = SEED
    with pytest.raises(LimitError) as caught:
        compile_routine(seed, limits=Limits(max_total="10m"))
    assert "this routine lasts 14:25; the limit is 10:00 (Limits.max_total)" == str(caught.value)
    with pytest.raises(LimitError):
        compile_routine(seed, limits=Limits(max_events=50))
    long = Routine("Long", [Stretch("s", [Hold(between(minutes(300), minutes(500)))])])
    assert compile_routine(long, limits=Limits(max_total=minutes(600))).total_ms > 6 * 3_600_000


def test_fit_beyond_the_limit_is_refused() -> None:
    long = Routine("Long", [Stretch("s", [Hold(between(minutes(1), minutes(600)))])])
    with pytest.raises(LimitError) as caught:
        compile_routine(long, fit_to=minutes(400))
    assert "this routine lasts 6:40:00; the limit is 6:00:00 (Limits.max_total)" == str(
        caught.value
    )


def test_a_huge_document_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text('{"version": 1, "pad": "' + "x" * 2_000_000 + '"}', encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load_routine(path)
    assert ["$: the document is more than 1,000,000 bytes (Limits.max_bytes)"] == [
        str(p) for p in caught.value.problems
    ]
    small = Limits(max_bytes=100)
    with pytest.raises(DocumentError, match="more than 100 bytes"):
        loads_routine(
            '{"version": 1, "type": "routine", "title": "' + "t" * 100 + '"}', limits=small
        )


def test_deeply_nested_text_is_a_clear_error() -> None:
    text = "[" * 100_000 + "]" * 100_000
    with pytest.raises(DocumentError) as caught:
        loads_routine(text, limits=Limits(max_bytes=10**6))
    assert ["$: the document is nested too deeply"] == [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_events": 0}, "Limits.max_events must be a whole number >= 1, got 0"),
        ({"max_depth": True}, "Limits.max_depth must be a whole number >= 1, got True"),
    ],
)
def test_bad_limits_teach(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Limits(**kwargs)  # type: ignore[arg-type]
    assert message == str(caught.value)


def test_a_routine_within_limits_is_untouched() -> None:
    routine = Routine("r", [Stretch("s", [Step("x")])])
    assert compile_routine(routine) == compile_routine(routine, limits=Limits())


# The bound from the tree is an upper bound: never below what a compile gives (issue 25).


@settings(max_examples=200)
@given(
    strategies.routines(),
    strategies.conditions(),
    st.one_of(st.just(Cues()), strategies.cue_options()),
    st.booleans(),
)
def test_the_event_bound_is_never_below_the_real_count(
    routine: Routine, conditions: frozenset[str], cues: Cues, fitted: bool
) -> None:
    """Every node (OneSide and circuits included), at the top of every range, with any cue
    options, conditions and the longest fit: the events compiled never outnumber the bound, so
    a limit the bound passes is a limit the timeline keeps."""
    every_ms = cues.breath_every.ms if cues.breath_every and cues.hold_cues else None
    rates = _CueRates(cues.countdown, cues.hold_cues, every_ms, BREATH.ms)
    bound = _routine_bound(routine, rates)
    options: dict[str, Any] = {"conditions": conditions, "cues": cues, "affected": "left"}
    timeline = compile_routine(routine, level="deep", **options)
    assert len(timeline.events) <= bound
    if fitted:
        longest = compile_routine(routine, level="deep", **options).total_ms + 7_000
        with contextlib.suppress(FitError):  # nothing in it can move
            timeline = compile_routine(routine, fit_to=Duration(longest), **options)
            assert len(timeline.events) <= bound
    limited = Limits(max_events=bound)  # the bound itself is a limit the routine passes
    assert timeline.total_ms > 0
    compile_routine(routine, level="deep", limits=limited, **options)


def test_a_one_sided_block_is_counted_with_its_switch_and_prompt() -> None:
    one_side = Routine(
        "R",
        [
            Stretch(
                "S", [OneSide([Step(f"s{i}", duration=seconds(1)) for i in range(10)], side="left")]
            )
        ],
    )
    timeline = compile_routine(one_side, level="deep")
    assert 14 == len(timeline.events)
    with pytest.raises(LimitError):
        compile_routine(one_side, level="deep", limits=Limits(max_events=13))
