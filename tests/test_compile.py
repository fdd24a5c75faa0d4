"""compile_routine on hand-made routines: exact events, exact ids, exact errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstretch import (
    Break,
    Caution,
    Chapter,
    Cues,
    Event,
    Hold,
    InvalidTypeError,
    InvalidValueError,
    Kind,
    Modification,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Side,
    Step,
    Stretch,
    Timeline,
    between,
    catalog,
    compile_routine,
    estimate_ms,
)
from backstretch.cli import render_table

GOLDEN = Path(__file__).parent / "golden"


def test_a_small_routine_compiles_to_exact_events() -> None:
    routine = Routine(
        "Desk",
        [
            Stretch(
                "Arm Reach",
                [
                    Repeat(
                        2,
                        [
                            PerSide(
                                [
                                    Step("Reach the {side} arm", duration="2s"),
                                    Hold(
                                        between("4s", "6s"),
                                        cue="breathe",
                                        breaks=Break("shake {side}", every="3s", duration="1s"),
                                    ),
                                ],
                                switch="1s",
                            )
                        ],
                    ),
                    Reps(between(1, 3), "Swing {side}", tempo="1s", alternate=True),
                ],
                cautions=[Caution("Go slowly", conditions=["shoulder"])],
                modifications=[Modification("Sit down", when="standing is hard")],
            ),
            Rest("5s"),
        ],
        outro="Done",
    )
    timeline = compile_routine(routine, level="gentle", cues=Cues.off(), safety_note=None)
    ev = Event
    arm = "Arm Reach"
    assert (
        Timeline(
            title="Desk",
            total_ms=53_000,
            events=(
                ev("title", 0, 3000, Kind.TITLE, "Desk"),
                ev("arm-reach/announce", 3000, 3000, Kind.ANNOUNCE, "Arm Reach", None, arm),
                ev("arm-reach/caution0", 6000, 3000, Kind.CAUTION, "Go slowly", None, arm),
                ev(
                    "arm-reach/modification0",
                    9000,
                    4000,
                    Kind.MODIFICATION,
                    "When standing is hard: Sit down",
                    None,
                    arm,
                ),
                ev(
                    "arm-reach/0/r0/0/left/0",
                    13000,
                    2000,
                    Kind.STEP,
                    "Reach the left arm",
                    Side.LEFT,
                    arm,
                ),
                ev("arm-reach/0/r0/0/left/1/part0", 15000, 2000, Kind.HOLD, "Hold", Side.LEFT, arm),
                ev("arm-reach/0/r0/0/left/1/cue0", 15000, 0, Kind.CUE, "breathe", Side.LEFT, arm),
                ev(
                    "arm-reach/0/r0/0/left/1/break1",
                    17000,
                    1000,
                    Kind.BREAK,
                    "shake left",
                    Side.LEFT,
                    arm,
                ),
                ev("arm-reach/0/r0/0/left/1/part1", 18000, 2000, Kind.HOLD, "Hold", Side.LEFT, arm),
                ev(
                    "arm-reach/0/r0/0/switch",
                    20000,
                    1000,
                    Kind.SWITCH,
                    "Switch to the right side",
                    None,
                    arm,
                ),
                ev(
                    "arm-reach/0/r0/0/right/0",
                    21000,
                    2000,
                    Kind.STEP,
                    "Reach the right arm",
                    Side.RIGHT,
                    arm,
                ),
                ev(
                    "arm-reach/0/r0/0/right/1/part0",
                    23000,
                    2000,
                    Kind.HOLD,
                    "Hold",
                    Side.RIGHT,
                    arm,
                ),
                ev("arm-reach/0/r0/0/right/1/cue0", 23000, 0, Kind.CUE, "breathe", Side.RIGHT, arm),
                ev(
                    "arm-reach/0/r0/0/right/1/break1",
                    25000,
                    1000,
                    Kind.BREAK,
                    "shake right",
                    Side.RIGHT,
                    arm,
                ),
                ev(
                    "arm-reach/0/r0/0/right/1/part1",
                    26000,
                    2000,
                    Kind.HOLD,
                    "Hold",
                    Side.RIGHT,
                    arm,
                ),
                ev(
                    "arm-reach/0/r1/0/left/0",
                    28000,
                    2000,
                    Kind.STEP,
                    "Reach the left arm",
                    Side.LEFT,
                    arm,
                ),
                ev("arm-reach/0/r1/0/left/1/part0", 30000, 2000, Kind.HOLD, "Hold", Side.LEFT, arm),
                ev("arm-reach/0/r1/0/left/1/cue0", 30000, 0, Kind.CUE, "breathe", Side.LEFT, arm),
                ev(
                    "arm-reach/0/r1/0/left/1/break1",
                    32000,
                    1000,
                    Kind.BREAK,
                    "shake left",
                    Side.LEFT,
                    arm,
                ),
                ev("arm-reach/0/r1/0/left/1/part1", 33000, 2000, Kind.HOLD, "Hold", Side.LEFT, arm),
                ev(
                    "arm-reach/0/r1/0/switch",
                    35000,
                    1000,
                    Kind.SWITCH,
                    "Switch to the right side",
                    None,
                    arm,
                ),
                ev(
                    "arm-reach/0/r1/0/right/0",
                    36000,
                    2000,
                    Kind.STEP,
                    "Reach the right arm",
                    Side.RIGHT,
                    arm,
                ),
                ev(
                    "arm-reach/0/r1/0/right/1/part0",
                    38000,
                    2000,
                    Kind.HOLD,
                    "Hold",
                    Side.RIGHT,
                    arm,
                ),
                ev("arm-reach/0/r1/0/right/1/cue0", 38000, 0, Kind.CUE, "breathe", Side.RIGHT, arm),
                ev(
                    "arm-reach/0/r1/0/right/1/break1",
                    40000,
                    1000,
                    Kind.BREAK,
                    "shake right",
                    Side.RIGHT,
                    arm,
                ),
                ev(
                    "arm-reach/0/r1/0/right/1/part1",
                    41000,
                    2000,
                    Kind.HOLD,
                    "Hold",
                    Side.RIGHT,
                    arm,
                ),
                ev(
                    "arm-reach/1/rep0", 43000, 1000, Kind.REP, "Swing left (1 of 2)", Side.LEFT, arm
                ),
                ev(
                    "arm-reach/1/rep1",
                    44000,
                    1000,
                    Kind.REP,
                    "Swing right (2 of 2)",
                    Side.RIGHT,
                    arm,
                ),
                ev("rest1", 45000, 5000, Kind.REST, "Rest"),
                ev("outro", 50000, 3000, Kind.ANNOUNCE, "Done"),
                ev("end", 53000, 0, Kind.END, "End of Desk"),
            ),
            chapters=(Chapter("Arm Reach", 3000, 42000),),
        )
        == timeline
    )


def test_levels_pick_low_middle_and_high() -> None:
    routine = Routine("r", [Stretch("s", [Hold(between("10s", "21s")), Reps(between(2, 5), "x")])])
    holds = {
        level: [
            e.duration_ms
            for e in compile_routine(routine, level=level).events
            if e.kind is Kind.HOLD
        ]
        for level in ("gentle", "standard", "deep")
    }
    reps = {
        level: sum(e.kind is Kind.REP for e in compile_routine(routine, level=level).events)
        for level in ("gentle", "standard", "deep")
    }
    assert {"gentle": [10_000], "standard": [15_500], "deep": [21_000]} == holds
    assert {"gentle": 2, "standard": 3, "deep": 5} == reps


@pytest.mark.parametrize(
    ("text", "expected_ms"),
    [
        ("Breathe", 3000),  # 1.9 s, raised to the 3 s floor
        ("one two three four", 4000),  # 3.1 s, rounded up
        ("one two three four five six seven eight nine ten", 6000),  # 5.5 s
        ("Step forward with the {side} foot", 4000),  # the placeholder counts as one word
    ],
)
def test_step_estimates_follow_the_documented_rule(text: str, expected_ms: int) -> None:
    assert expected_ms == estimate_ms(text)


def test_rest_between_goes_only_between_adjacent_stretches() -> None:
    a, b, c = (Stretch(n, [Step("x", duration="1s")]) for n in "abc")
    routine = Routine("r", [a, b, Rest("2s"), c], rest_between="7s")
    rests = [(e.id, e.duration_ms) for e in compile_routine(routine).events if e.kind is Kind.REST]
    assert [("rest-before-b", 7000), ("rest2", 2000)] == rests


def test_explicit_first_side_is_honoured() -> None:
    routine = Routine(
        "r",
        [Stretch("s", [PerSide([Step("{side}")], first=Side.RIGHT), PerSide([Step("{side}")])])],
    )
    sides = [e.side for e in compile_routine(routine).events if e.kind is Kind.STEP]
    assert [Side.RIGHT, Side.LEFT, Side.RIGHT, Side.LEFT] == sides


def test_sides_continue_from_where_alternating_reps_ended() -> None:
    routine = Routine(
        "r",
        [
            Stretch(
                "s",
                [
                    Reps(2, "{side}", alternate=True, first=Side.RIGHT),
                    PerSide([Step("{side}")]),
                    Reps(1, "{side}", alternate=True),
                ],
            )
        ],
    )
    sides = [e.side for e in compile_routine(routine).segments if e.side is not None]
    R, L = Side.RIGHT, Side.LEFT
    assert [R, L, R, L, R, L, R, L] == sides


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: compile_routine(catalog.get("pilates-for-back-pain"), level="hard"),
            InvalidValueError,
            "level must be 'gentle', 'standard' or 'deep', got 'hard'",
        ),
        (
            lambda: compile_routine(Stretch("s", [Step("a")])),  # type: ignore[arg-type]
            InvalidTypeError,
            "compile_routine() takes a Routine, got Stretch",
        ),
    ],
)
def test_bad_compile_arguments_teach(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert message == str(caught.value)


def test_timeline_queries() -> None:
    timeline = compile_routine(catalog.get("pilates-for-back-pain"))
    first_hold = next(e for e in timeline.events if e.kind is Kind.HOLD)
    assert first_hold == timeline.at(first_hold.start_ms)
    assert first_hold == timeline.at(first_hold.end_ms - 1)
    assert timeline.at(timeline.total_ms) is None
    cue = timeline.cues_between(first_hold.start_ms, first_hold.start_ms + 1)
    assert ["legs-up-a-wall/2/cue0"] == [e.id for e in cue]
    later = timeline.cues_between(first_hold.start_ms + 1, first_hold.end_ms)
    assert ["legs-up-a-wall/2/cue1", "legs-up-a-wall/2/cue2"] == [e.id for e in later]
    assert timeline.events[1] == timeline.next_after(0)
    assert timeline.next_after(timeline.total_ms) is None
    assert "Lunges" == getattr(timeline.chapter_at(timeline.chapters[-1].start_ms), "title", None)
    with pytest.raises(InvalidValueError) as caught:
        timeline.at(-1)
    assert "at(ms) must be a whole number of milliseconds >= 0, got -1" == str(caught.value)


@pytest.mark.parametrize("level", ["gentle", "standard", "deep"])
def test_seed_timeline_is_pinned(level: str) -> None:
    """The whole seed timeline, byte for byte; regenerate with BACKSTRETCH_REGOLD=1 after review."""
    table = render_table(
        compile_routine(catalog.get("pilates-for-back-pain"), level=level),
        settings=[f"level {level}"],
        width=100,
    )
    golden = GOLDEN / f"pilates-for-back-pain.{level}.txt"
    if __import__("os").environ.get("BACKSTRETCH_REGOLD"):
        golden.write_text(table + "\n", encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == table + "\n"


def test_countdown_ticks_are_known_by_their_ids() -> None:
    from backstretch import Event, Kind, catalog

    timeline = compile_routine(catalog.get("pilates-for-back-pain"))
    ticks = [e for e in timeline.events if e.is_countdown]
    assert 6 * 3 == len(ticks)  # three ticks before each of the six holds
    assert {"1", "2", "3"} == {e.text for e in ticks}
    assert all("/countdown" in e.id and e.kind is Kind.CUE for e in ticks)
    assert not Event("a/countdown0-1", 0, 1000, Kind.STEP, "1").is_countdown  # a segment
    assert not Event("a/halfway", 0, 0, Kind.CUE, "Halfway").is_countdown
