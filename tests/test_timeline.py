"""Timelines, events and their parts made by hand: every way of making one checks the timeline's
rules, with every problem at its $.path (the loader's problems are in tests/test_conformance.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstretch import (
    BackstretchError,
    Chapter,
    Event,
    Kind,
    Message,
    Position,
    Role,
    Side,
    StretchInfo,
    Timeline,
    TimelineError,
    render_message,
)
from backstretch._base.time import MAX_MS


def problems(make: object) -> list[str]:
    with pytest.raises(TimelineError) as caught:
        make()  # type: ignore[operator]
    assert isinstance(caught.value, BackstretchError | ValueError)
    return [str(p) for p in caught.value.problems]


def test_a_timeline_by_hand_is_checked_like_a_loaded_one() -> None:
    assert [
        "$.total_ms: must be 0 or more, got -5",
        "$.events: the last event must be the end marker, at 0",
    ] == problems(lambda: Timeline("x", -5, []))
    assert [
        "$.events[0]: must be an Event, got 1",
        "$.events[1]: must be an Event, got 2",
        "$.events: the last event must be the end marker, at 0",
    ] == problems(lambda: Timeline("x", 0, [1, 2]))


def test_events_check_their_own_rules() -> None:
    assert ["$.duration_ms: a cue is a marker and lasts 0 ms, got 500"] == problems(
        lambda: Event("a", 0, 500, Kind.CUE, "x", role=Role.HALFWAY)
    )
    assert ["$.duration_ms: a hold is a segment and lasts at least 1 ms, got 0"] == problems(
        lambda: Event("a", 0, 0, Kind.HOLD, "x")
    )
    needs_a_role = (
        "$.role: a cue event needs a role: one of countdown, halfway, hold_cue, switch_prompt, "
        "next_up"
    )
    assert [needs_a_role] == problems(lambda: Event("a", 0, 0, Kind.CUE, "x"))
    assert [
        "$.role: a step event's role is one of step, got 'countdown'",
        "$.rep: only a rep has a rep position, got Position(index=1, count=1) on a step",
    ] == problems(
        lambda: Event("a", 0, 1, Kind.STEP, "x", role=Role.COUNTDOWN, tick=3, rep=Position(1, 1))
    )
    assert ["$.tick: a countdown says a whole number >= 1, got None"] == problems(
        lambda: Event("a", 0, 0, Kind.CUE, "3", role=Role.COUNTDOWN)
    )
    assert ["$.stretch_id: an event has both a stretch name and a stretch_id, or neither"] == (
        problems(lambda: Event("a", 0, 1, Kind.STEP, "x", stretch="Lunges"))
    )


def test_the_role_may_be_left_out_where_the_kind_has_one() -> None:
    assert Role.HOLD is Event("a", 0, 1, Kind.HOLD, "x").role
    assert Role.END is Event("end", 0, 0, Kind.END, "").role


def test_positions_and_messages_check_themselves() -> None:
    assert ["$.index: must not be past the count (2), got 3"] == problems(lambda: Position(3, 2))
    assert ["$.index: must be 1 or more, got 0"] == problems(lambda: Position(0, 2))
    assert ["$.key: must be a key of the message table, got 'midway'"] == problems(
        lambda: Message("midway")
    )
    assert [
        "$.params: misses 'count', which 'rep' needs",
        "$.params.index: must be a whole number, got '1'",
    ] == problems(lambda: Message("rep", {"text": "Lunge", "index": "1"}))
    rep = Message("rep", {"index": 3, "count": 7, "text": "Lunge"})  # any order, as a dict too
    assert ("Lunge (3 of 7)", 7) == (render_message(rep), rep["count"])
    assert {"index": 3, "count": 7, "text": "Lunge"} == rep.as_dict()


def test_chapters_and_stretch_entries_must_agree() -> None:
    step = Event("s", 0, 1000, Kind.STEP, "Reach", None, "Reach", stretch_id="reach")
    end = Event("end", 1000, 0, Kind.END, "")
    info = StretchInfo("reach", "Reach")
    made = Timeline("t", 1000, [step, end], [Chapter("Reach", "reach", 0, 1000)], [info])
    assert info == made.stretch("reach")
    assert [
        "$.events[0].stretch_id: 'reach' names no entry of stretches",
        "$.chapters[0].stretch_id: 'reach' names no entry of stretches",
    ] == problems(lambda: Timeline("t", 1000, [step, end], [Chapter("Reach", "reach", 0, 1000)]))
    assert ["$.chapters[0].end_ms: must be on a segment boundary, got 500"] == problems(
        lambda: Timeline("t", 1000, [step, end], [Chapter("Reach", "reach", 0, 500)], [info])
    )
    with pytest.raises(KeyError, match="no stretch 'calf' in this timeline; it has reach"):
        made.stretch("calf")


_FIELD_VALUES: dict[str, list[object]] = {
    "id": ["a", "", 3, "a\x00b"],
    "start_ms": [0, 5, -1, "5", MAX_MS + 1],
    "duration_ms": [0, 1000, -5],
    "kind": [*Kind, "hold"],
    "role": [*Role, "hold"],
    "text": ["Hold", "", 5, "bell\x07"],
    "side": [None, Side.LEFT, "left"],
    "stretch": [None, "Reach", ""],
    "stretch_id": [None, "reach", ""],
    "tick": [None, 3, 0, "3"],
    "rounds": [(), (Position(1, 2),), [Position(2, 2)], ("x",), "no"],
    "rep": [None, Position(1, 2), "x"],
    "part": [None, Position(1, 2), 5],
    "target": [None, "reach", ""],
    "message": [None, Message("hold"), "hold"],
    "template": [None, "{side} foot", 5, "a\x1bb"],
    "until": [None, "ready", "  ", 5],
    "breaths": [None, 2, 0, True],
}


_VALID: list[dict[str, object]] = [
    {"kind": Kind.HOLD, "role": Role.HOLD, "duration_ms": 30000, "side": Side.LEFT},
    {"kind": Kind.CUE, "role": Role.COUNTDOWN, "duration_ms": 0, "tick": 3},
    {"kind": Kind.REP, "role": Role.REP, "duration_ms": 2000, "rep": Position(1, 2)},
    {"kind": Kind.CUE, "role": Role.NEXT_UP, "duration_ms": 0, "target": "reach"},
    {"kind": Kind.STEP, "role": Role.STEP, "duration_ms": 4000, "until": "ready"},
    {"kind": Kind.HOLD, "role": Role.HOLD, "duration_ms": 12000, "breaths": 2},
]


@st.composite
def event_fields(draw: st.DrawFn) -> dict[str, object]:
    """An event's fields: a right one, with none to three of its fields set to any value."""
    fields: dict[str, object] = dict.fromkeys(_FIELD_VALUES)
    fields.update(id="e", start_ms=1000, text="Hold", rounds=())
    fields.update(draw(st.sampled_from(_VALID)))
    if draw(st.booleans()):
        fields.update(stretch="Reach", stretch_id="reach")
    for name in draw(st.lists(st.sampled_from(sorted(_FIELD_VALUES)), max_size=3)):
        fields[name] = draw(st.sampled_from(_FIELD_VALUES[name]))
    return fields


@given(event_fields())
def test_an_event_is_refused_exactly_when_a_rule_of_the_field_table_is_broken(
    fields: dict[str, object],
) -> None:
    """Event's one fast check and the field table's rules (event_problems) agree on any values,
    problem for problem."""
    from types import SimpleNamespace

    from backstretch._timeline.fields import event_problems

    rounds = fields["rounds"]
    seen = dict(fields, rounds=tuple(rounds) if type(rounds) is list else rounds)
    expected = [
        f"$.{field}: {message}" for field, message in event_problems(SimpleNamespace(**seen))
    ]
    if expected:
        assert expected == problems(lambda: Event(**fields))  # type: ignore[arg-type]
    else:
        Event(**fields)  # type: ignore[arg-type]
