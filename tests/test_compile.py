"""compile_routine on hand-made routines: exact events, exact ids, exact errors."""

from __future__ import annotations

import json

import attrs
import pytest

from backstretch import (
    Break,
    Breath,
    Caution,
    CautionInfo,
    Chapter,
    CompileOptions,
    Cues,
    Duration,
    Event,
    FitError,
    Hold,
    InvalidTypeError,
    InvalidValueError,
    Kind,
    Level,
    Message,
    Modification,
    ModificationInfo,
    PerSide,
    Position,
    Repeat,
    Reps,
    Rest,
    Role,
    Routine,
    RoutineError,
    Side,
    Step,
    Stretch,
    StretchInfo,
    Timeline,
    between,
    breaths,
    catalog,
    compile_routine,
    estimate_ms,
    seconds,
)
from backstretch.cli import render_table
from tools import GOLDEN, assert_golden, seed_timeline


def _position(position: Position | None) -> str | None:
    return None if position is None else f"{position.index}/{position.count}"


def row(e: Event) -> tuple[object, ...]:
    """An event as one row of every field: id, start, duration, role (which implies the kind),
    text, side, stretch_id, rounds, rep, part, tick, target, message key and values, template."""
    message = None if e.message is None else (e.message.key, *(v for _, v in e.message.params))
    rounds = " ".join(f"{p.index}/{p.count}" for p in e.rounds)
    return (
        e.id,
        e.start_ms,
        e.duration_ms,
        e.role.value,
        e.text,
        e.side and e.side.value,
        e.stretch_id,
        rounds,
        _position(e.rep),
        _position(e.part),
        e.tick,
        e.target,
        message,
        e.template,
    )


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
    only_hold_cues = Cues(
        countdown=0, halfway=False, breath_every=None, next_up=False, switch_prompt=False
    )
    timeline = compile_routine(routine, level="gentle", cues=only_hold_cues, safety_note=None)
    arm = "arm-reach"
    step, swing, shake = "Reach the {side} arm", "Swing {side}", "shake {side}"
    hold = ("hold",)
    assert [
        ("title", 0, 3000, "title", "Desk", None, None, "", None, None, None, None, None, None),
        ("arm-reach/announce", 3000, 3000, "announce", "Arm Reach", None, arm, "", None, None, None, None, None, None),
        ("arm-reach/caution0", 6000, 3000, "caution", "Go slowly", None, arm, "", None, None, None, None, None, None),
        ("arm-reach/modification0", 9000, 4000, "modification", "When standing is hard: Sit down", None, arm, "", None, None, None, None, ("modification_when", "standing is hard", "Sit down"), None),
        ("arm-reach/0/r0/0/left/0", 13000, 2000, "step", "Reach the left arm", "left", arm, "1/2", None, None, None, None, None, step),
        ("arm-reach/0/r0/0/left/1/part0", 15000, 2000, "hold", "Hold", "left", arm, "1/2", None, "1/2", None, None, hold, None),
        ("arm-reach/0/r0/0/left/1/cue0", 15000, 0, "hold_cue", "breathe", "left", arm, "1/2", None, "1/2", None, None, None, None),
        ("arm-reach/0/r0/0/left/1/break1", 17000, 1000, "break", "shake left", "left", arm, "1/2", None, None, None, None, None, shake),
        ("arm-reach/0/r0/0/left/1/part1", 18000, 2000, "hold", "Hold", "left", arm, "1/2", None, "2/2", None, None, hold, None),
        ("arm-reach/0/r0/0/switch", 20000, 1000, "switch", "Switch to the right side", "right", arm, "1/2", None, None, None, None, ("switch", "right"), None),
        ("arm-reach/0/r0/0/right/0", 21000, 2000, "step", "Reach the right arm", "right", arm, "1/2", None, None, None, None, None, step),
        ("arm-reach/0/r0/0/right/1/part0", 23000, 2000, "hold", "Hold", "right", arm, "1/2", None, "1/2", None, None, hold, None),
        ("arm-reach/0/r0/0/right/1/cue0", 23000, 0, "hold_cue", "breathe", "right", arm, "1/2", None, "1/2", None, None, None, None),
        ("arm-reach/0/r0/0/right/1/break1", 25000, 1000, "break", "shake right", "right", arm, "1/2", None, None, None, None, None, shake),
        ("arm-reach/0/r0/0/right/1/part1", 26000, 2000, "hold", "Hold", "right", arm, "1/2", None, "2/2", None, None, hold, None),
        ("arm-reach/0/r1/0/switch-in", 28000, 1000, "switch", "Switch to the left side", "left", arm, "2/2", None, None, None, None, ("switch", "left"), None),
        ("arm-reach/0/r1/0/left/0", 29000, 2000, "step", "Reach the left arm", "left", arm, "2/2", None, None, None, None, None, step),
        ("arm-reach/0/r1/0/left/1/part0", 31000, 2000, "hold", "Hold", "left", arm, "2/2", None, "1/2", None, None, hold, None),
        ("arm-reach/0/r1/0/left/1/cue0", 31000, 0, "hold_cue", "breathe", "left", arm, "2/2", None, "1/2", None, None, None, None),
        ("arm-reach/0/r1/0/left/1/break1", 33000, 1000, "break", "shake left", "left", arm, "2/2", None, None, None, None, None, shake),
        ("arm-reach/0/r1/0/left/1/part1", 34000, 2000, "hold", "Hold", "left", arm, "2/2", None, "2/2", None, None, hold, None),
        ("arm-reach/0/r1/0/switch", 36000, 1000, "switch", "Switch to the right side", "right", arm, "2/2", None, None, None, None, ("switch", "right"), None),
        ("arm-reach/0/r1/0/right/0", 37000, 2000, "step", "Reach the right arm", "right", arm, "2/2", None, None, None, None, None, step),
        ("arm-reach/0/r1/0/right/1/part0", 39000, 2000, "hold", "Hold", "right", arm, "2/2", None, "1/2", None, None, hold, None),
        ("arm-reach/0/r1/0/right/1/cue0", 39000, 0, "hold_cue", "breathe", "right", arm, "2/2", None, "1/2", None, None, None, None),
        ("arm-reach/0/r1/0/right/1/break1", 41000, 1000, "break", "shake right", "right", arm, "2/2", None, None, None, None, None, shake),
        ("arm-reach/0/r1/0/right/1/part1", 42000, 2000, "hold", "Hold", "right", arm, "2/2", None, "2/2", None, None, hold, None),
        ("arm-reach/1/rep0", 44000, 1000, "rep", "Swing left (1 of 1)", "left", arm, "", "1/1", None, None, None, ("rep", "Swing left", 1, 1), swing),
        ("arm-reach/1/rep1", 45000, 1000, "rep", "Swing right (1 of 1)", "right", arm, "", "1/1", None, None, None, ("rep", "Swing right", 1, 1), swing),
        ("rest1", 46000, 5000, "rest", "Rest", None, None, "", None, None, None, None, ("rest",), None),
        ("outro", 51000, 3000, "outro", "Done", None, None, "", None, None, None, None, None, None),
        ("end", 54000, 0, "end", "End of Desk", None, None, "", None, None, None, None, ("end", "Desk"), None),
    ] == [row(e) for e in timeline.events]  # fmt: skip
    assert 54_000 == timeline.total_ms
    assert (Chapter("Arm Reach", "arm-reach", 3000, 43000),) == timeline.chapters
    assert (
        StretchInfo(
            "arm-reach",
            "Arm Reach",
            cautions=[CautionInfo("Go slowly", ["shoulder"])],
            modifications=[ModificationInfo("Sit down", "standing is hard")],
        ),
    ) == timeline.stretches
    assert (
        CompileOptions(
            level=Level.GENTLE,
            safety_note=False,
            countdown=0,
            halfway=False,
            breath_every_ms=None,
            next_up=False,
            switch_prompt=False,
        )
        == timeline.options
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


def test_repeat_rests_only_between_rounds_and_fills_each_rounds_number() -> None:
    routine = Routine(
        "r",
        [
            Stretch(
                "Chin tuck",
                [
                    Repeat(
                        3,
                        [Reps(2, "Tuck, set {round} of {rounds}", tempo="2s")],
                        between=Rest("20s", text="Rest before set {round}"),
                    )
                ],
            )
        ],
    )
    events = compile_routine(routine, safety_note=None, cues=Cues.off()).events
    played = [
        (
            e.id,
            e.start_ms,
            e.duration_ms,
            e.text,
            e.template,
            [(p.index, p.count) for p in e.rounds],
        )
        for e in events
        if e.kind in (Kind.REP, Kind.REST)
    ]
    template = "Tuck, set {round} of {rounds}"
    assert [
        ("chin-tuck/0/r0/0/rep0", 6000, 2000, "Tuck, set 1 of 3 (1 of 2)", template, [(1, 3)]),
        ("chin-tuck/0/r0/0/rep1", 8000, 2000, "Tuck, set 1 of 3 (2 of 2)", template, [(1, 3)]),
        ("chin-tuck/0/between1", 10000, 20000, "Rest before set 2", "Rest before set {round}",
         [(2, 3)]),
        ("chin-tuck/0/r1/0/rep0", 30000, 2000, "Tuck, set 2 of 3 (1 of 2)", template, [(2, 3)]),
        ("chin-tuck/0/r1/0/rep1", 32000, 2000, "Tuck, set 2 of 3 (2 of 2)", template, [(2, 3)]),
        ("chin-tuck/0/between2", 34000, 20000, "Rest before set 3", "Rest before set {round}",
         [(3, 3)]),
        ("chin-tuck/0/r2/0/rep0", 54000, 2000, "Tuck, set 3 of 3 (1 of 2)", template, [(3, 3)]),
        ("chin-tuck/0/r2/0/rep1", 56000, 2000, "Tuck, set 3 of 3 (2 of 2)", template, [(3, 3)]),
    ] == played  # fmt: skip
    assert events[-1].start_ms == 58000  # no rest after the last round


def test_a_duration_between_rounds_is_a_plain_rest() -> None:
    assert Rest("30s") == Repeat(2, [Step("x")], between="30s").between
    with pytest.raises(
        InvalidTypeError, match=r"Repeat\.between must be a Rest, a duration or None"
    ):
        Repeat(2, [Step("x")], between=Step("y"))  # type: ignore[arg-type]


def test_breath_phases_read_as_breathing_and_holds_count_breaths() -> None:
    routine = Routine(
        "r",
        [
            Stretch(
                "4-7-8",
                [
                    Repeat(2, [Breath("4s", "8s", hold="7s")]),
                    Hold("3 breaths"),
                    Hold(breaths(1, 3), text="Take long breaths"),
                    Breath("4s", "4s", hold="4s", hold_out="4s"),
                ],
            )
        ],
    )
    timeline = compile_routine(routine, safety_note=None, cues=Cues.off(), breath="5s")
    played = [
        (
            e.id,
            e.start_ms,
            e.duration_ms,
            e.role.value,
            e.text,
            e.breaths,
            [p.index for p in e.rounds],
        )
        for e in timeline.segments
        if e.kind in (Kind.BREATH, Kind.HOLD)
    ]
    assert [
        ("4-7-8/0/r0/0/inhale", 6000, 4000, "inhale", "Breathe in", None, [1]),
        ("4-7-8/0/r0/0/hold_in", 10000, 7000, "hold_in", "Hold the breath in", None, [1]),
        ("4-7-8/0/r0/0/exhale", 17000, 8000, "exhale", "Breathe out", None, [1]),
        ("4-7-8/0/r1/0/inhale", 25000, 4000, "inhale", "Breathe in", None, [2]),
        ("4-7-8/0/r1/0/hold_in", 29000, 7000, "hold_in", "Hold the breath in", None, [2]),
        ("4-7-8/0/r1/0/exhale", 36000, 8000, "exhale", "Breathe out", None, [2]),
        ("4-7-8/1", 44000, 15000, "hold", "Hold for 3 breaths", 3, []),
        ("4-7-8/2", 59000, 10000, "hold", "Take long breaths", 2, []),
        ("4-7-8/3/inhale", 69000, 4000, "inhale", "Breathe in", None, []),
        ("4-7-8/3/hold_in", 73000, 4000, "hold_in", "Hold the breath in", None, []),
        ("4-7-8/3/exhale", 77000, 4000, "exhale", "Breathe out", None, []),
        ("4-7-8/3/hold_out", 81000, 4000, "hold_out", "Hold the breath out", None, []),
    ] == played  # fmt: skip
    held = timeline.segments[7 + 1]  # after the title and announcement
    assert Message("hold_breaths", {"count": 3}) == held.message
    assert 5000 == timeline.options.breath_ms  # type: ignore[union-attr]
    # The pace moves only what is counted in breaths; a fit never moves it.
    default = compile_routine(routine, safety_note=None, cues=Cues.off())
    assert timeline.total_ms + (3 + 2) * 1000 == default.total_ms
    with pytest.raises(FitError):
        compile_routine(routine, fit_to=Duration(default.total_ms + 1000))


def test_a_breath_phase_says_the_author_s_words_where_given() -> None:
    """ "Pump your arms five times as you breathe in": the phase keeps its role and time and says
    the author's words (no message; translated by the routine), the others the library's."""
    from backstretch import loads_routine
    from backstretch._documents.routine import routine_to_data
    from backstretch._dsl.sayable import overruns

    pump = Breath("6s", "4s", inhale_text="Pump your arms five times as you breathe in, {side}")
    routine = Routine(
        "Pumps",
        [Stretch("Arm Pumps", [PerSide([pump])])],
        translations={
            "de": {
                "Pump your arms five times as you breathe in, {side}": (
                    "Pump fünfmal mit den Armen beim Einatmen, {side}"
                )
            }
        },
    )
    inhale, exhale = [e for e in compile_routine(routine).segments if e.kind is Kind.BREATH][:2]
    assert (Role.INHALE, 6000, None) == (inhale.role, inhale.duration_ms, inhale.message)
    assert "Pump your arms five times as you breathe in, left" == inhale.text
    assert (Role.EXHALE, Message("exhale")) == (exhale.role, exhale.message)
    german = [e for e in compile_routine(routine, language="de").segments if e.kind is Kind.BREATH]
    assert ["Pump fünfmal mit den Armen beim Einatmen, links", "Ausatmen"] == [
        e.text for e in german[:2]
    ]
    text = json.dumps(routine_to_data(routine))
    assert routine == loads_routine(text)
    assert [] == overruns(routine)
    too_long = attrs.evolve(pump, inhale="2s")
    (warning,) = overruns(Routine("Pumps", [Stretch("Arm Pumps", [too_long])]))
    assert "$.body[0].body[0].inhale_text" == warning.path
    assert "but the breath phase lasts 2.0 s" in warning.message
    with pytest.raises(InvalidValueError) as caught:
        Breath("4s", "4s", hold_text="Hold it")
    assert (
        "Breath.hold_text is said during the hold phase, but the breath has none: give hold=... "
        "a length, or leave hold_text out"
    ) == str(caught.value)


def test_a_hold_in_breaths_takes_no_breaks_and_no_halfway() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Hold("3 breaths", breaks=Break("Shake out", every="10s", duration="5s"))
    assert (
        "Hold.breaks splits a hold timed in seconds; a hold of 3 breaths is not: leave breaks "
        "out, or time the hold in seconds"
    ) == str(caught.value)
    routine = Routine("r", [Stretch("s", [Hold("10 breaths")])])
    timeline = compile_routine(routine)
    cues = [e.role for e in timeline.markers if e.kind is Kind.CUE]
    # No halfway, no preview of the first stretch; the tick "3" would beep over the stretch's
    # name, so it is left out.
    assert [Role.COUNTDOWN, Role.COUNTDOWN] == cues
    assert 1 == timeline.options.cues_left_out  # type: ignore[union-attr]


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
    sides = [
        e.side
        for e in compile_routine(routine).segments
        if e.side is not None and e.role != "switch"
    ]
    R, L = Side.RIGHT, Side.LEFT
    assert [R, L, R, L, R, L, R, L] == sides


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: seed_timeline(level="hard"),
            InvalidValueError,
            "level must be 'gentle', 'standard' or 'deep', got 'hard'",
        ),
        (
            lambda: compile_routine(Stretch("s", [Step("a")])),  # type: ignore[arg-type]
            InvalidTypeError,
            "compile_routine() takes a Routine, got Stretch",
        ),
        (
            lambda: seed_timeline(breath="0s"),
            InvalidValueError,
            "breath must be longer than 0 s and at most 1m (one breath, in and out), got '0s'; "
            "e.g. '6s'",
        ),
        (
            lambda: compile_routine(catalog.get("calm-breathing"), breath=seconds(90)),
            InvalidValueError,
            "breath must be longer than 0 s and at most 1m (one breath, in and out), got 1:30; "
            "e.g. '6s'",
        ),
        (
            lambda: seed_timeline(breath=6),
            InvalidTypeError,
            "breath got the bare number 6, which could mean seconds or milliseconds; write "
            "seconds(6), minutes(...) or a string like '6s'",
        ),
    ],
)
def test_bad_compile_arguments_teach(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert message == str(caught.value)


def test_timeline_queries() -> None:
    timeline = seed_timeline()
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
        seed_timeline(level=level),
        settings=[f"level {level}"],
        width=100,
    )
    assert_golden(GOLDEN / f"pilates-for-back-pain.{level}.txt", table + "\n")


def test_countdown_ticks_are_known_by_their_role_and_say_their_tick() -> None:
    timeline = seed_timeline()
    ticks = [e for e in timeline.events if e.is_countdown]
    # Three ticks before each of the six holds, but a tick that would beep over the words of the
    # segment before, in the longest of the languages (six of them), is left out.
    assert 6 * 3 - 6 == len(ticks)
    assert 6 == timeline.options.cues_left_out  # type: ignore[union-attr]
    assert all(e.role is Role.COUNTDOWN and e.kind is Kind.CUE for e in ticks)
    assert all(
        str(e.tick) == e.text and e.message == Message("countdown", {"tick": e.tick}) for e in ticks
    )
    assert [1, 3, 2, 1, 3, 2, 1, 1, 2, 1, 2, 1] == [e.tick for e in ticks]
    # The id plays no part: a cue with a countdown-like id but another role is no countdown.
    assert not Event("a/countdown0-1", 0, 0, Kind.CUE, "1", role=Role.HOLD_CUE).is_countdown


def test_the_library_s_own_words_are_known_by_their_message_key() -> None:
    """A node's default text is the library's words (LibraryWords): the compiler gives its event
    that message by the key it carries; the author who writes those very words gets the same."""
    import pickle

    from backstretch._dsl.nodes import HOLD_TEXT, REST_TEXT
    from backstretch._timeline.messages import LibraryWords

    assert ("hold", "rest") == (HOLD_TEXT.key, REST_TEXT.key)
    written = Hold("10s", text="Hold")
    assert isinstance(written.text, LibraryWords)
    assert Hold("10s") == written == pickle.loads(pickle.dumps(written))
    assert "Hold" == repr(pickle.loads(pickle.dumps(written)).text).strip("'")
    routine = Routine(
        "R", [Stretch("S", [written, Rest("5s", text="Rest"), Rest("5s", text="Pause")])]
    )
    events = compile_routine(routine, safety_note=None).segments[2:]
    assert [("Hold", "hold"), ("Rest", "rest"), ("Pause", None)] == [
        (e.text, e.message and e.message.key) for e in events
    ]
    assert all(type(e.text) is str for e in events)  # a timeline holds plain texts


def test_a_perside_coming_from_the_other_side_opens_with_a_switch() -> None:
    """Round 2 of a Repeat of a PerSide starts on the left after round 1 ended on the right: a
    switch (and its prompt) comes first, as for a OneSide."""
    stand = PerSide([Hold("10s", text="Stand on your {side} foot")])
    routine = Routine("Balance", [Stretch("Stand", [Repeat(2, [stand])])])
    cues = Cues(countdown=0, halfway=False, next_up=False)
    timeline = compile_routine(routine, cues=cues, safety_note=None)
    assert [
        ("hold", "left"),
        ("switch_prompt", "right"),
        ("switch", "right"),
        ("hold", "right"),
        ("switch_prompt", "left"),
        ("switch", "left"),
        ("hold", "left"),
        ("switch_prompt", "right"),
        ("switch", "right"),
        ("hold", "right"),
    ] == [(e.role.value, e.side.value) for e in timeline.events if e.side is not None]
    (switch_in,) = [e for e in timeline.events if e.id.endswith("/switch-in")]
    assert "Switch to the left side" == switch_in.text


def test_one_stretch_may_be_done_more_than_once() -> None:
    """A stretch, eccentric sets, then the stretch again (as physiotherapy programmes do): the
    same Stretch used twice. Ids stay unique and stable (the later use's start "use2/"), the
    stretches table lists it once, each use has its chapter (the same stretch_id), and the
    second time it needs no props or modifications said again; its cautions are said again."""
    hamstring = Stretch(
        "Hamstring Stretch",
        [Hold("20s", text="Lean forward")],
        props=["a strap"],
        cautions=[Caution("Keep the knee soft.")],
    )
    curls = Stretch("Eccentric Curls", [Reps(3, "Lower slowly", tempo="4s")])
    routine = Routine("Hamstrings", [hamstring, curls, hamstring])
    timeline = compile_routine(routine, safety_note=None, cues=Cues.off())
    ids = [e.id for e in timeline.events]
    assert len(ids) == len(set(ids))
    assert [
        "title",
        "hamstring-stretch/announce",
        "hamstring-stretch/props",
        "hamstring-stretch/caution0",
        "hamstring-stretch/0",
        "eccentric-curls/announce",
        "eccentric-curls/0/rep0",
        "eccentric-curls/0/rep1",
        "eccentric-curls/0/rep2",
        "use2/hamstring-stretch/announce",
        "use2/hamstring-stretch/caution0",
        "use2/hamstring-stretch/0",
        "end",
    ] == ids
    assert ["hamstring-stretch", "eccentric-curls"] == [s.id for s in timeline.stretches]
    assert ["hamstring-stretch", "eccentric-curls", "hamstring-stretch"] == [
        c.stretch_id for c in timeline.chapters
    ]
    # A stretch done in another's place (its alternative) and in its own: ids stay unique.
    kneel = Stretch(
        "Kneel Reach",
        [Hold("10s")],
        cautions=[Caution("Not with sore knees.", conditions=["knee"])],
        alternative=hamstring,
    )
    swapped = compile_routine(Routine("R", [kneel, hamstring]), conditions={"knee"})
    assert ["hamstring-stretch/announce", "use2/hamstring-stretch/announce"] == [
        e.id for e in swapped.segments if e.role is Role.ANNOUNCE
    ]
    other = attrs.evolve(hamstring, body=(Hold("30s"),))  # the same name, another stretch
    with pytest.raises(RoutineError) as caught:
        compile_routine(Routine("Hamstrings", [hamstring, curls, other]))
    assert "but is not the same stretch" in str(caught.value)


def test_a_rest_may_be_a_range_or_self_paced() -> None:
    """ "Rest up to 10 s": a range the level chooses from (and a fit moves); "rest until you are
    ready": a self-paced rest, its duration the least time, waiting for the person after it."""
    sets = Stretch(
        "Squats",
        [Repeat(2, [Reps(3, "Squat", tempo="3s")], between=Rest(between("5s", "10s")))],
    )
    ready = Stretch("Calf Raises", [Rest("5s", until="you are ready"), Reps(3, "Rise")])
    routine = Routine("Legs", [sets, ready])

    def rests(timeline: Timeline) -> list[tuple[int, bool, str | None]]:
        return [(e.duration_ms, e.open, e.until) for e in timeline.segments if e.kind is Kind.REST]

    assert [(5000, False, None), (5000, True, "you are ready")] == rests(
        compile_routine(routine, level="gentle")
    )
    assert [(7500, False, None), (5000, True, "you are ready")] == rests(compile_routine(routine))
    assert [(10000, False, None), (5000, True, "you are ready")] == rests(
        compile_routine(routine, level="deep")
    )
    standard = compile_routine(routine)
    fitted = compile_routine(routine, fit_to=f"{standard.total_ms + 2000}ms")
    assert [(9500, False, None), (5000, True, "you are ready")] == rests(fitted)
    with pytest.raises(InvalidValueError) as caught:
        Rest(breaths(3))
    assert "a rest is not counted in breaths" in str(caught.value)
