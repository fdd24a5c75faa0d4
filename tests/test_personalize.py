"""Conditions, alternatives, fitting, cues and the safety note on hand-made routines, exactly."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import backstretch
from backstretch import (
    SAFETY_NOTE,
    Break,
    Caution,
    Cues,
    Duration,
    Event,
    FitError,
    Hold,
    InvalidTypeError,
    InvalidValueError,
    Kind,
    LocalCues,
    Message,
    PerSide,
    Problem,
    Repeat,
    Role,
    Routine,
    RoutineError,
    Side,
    Step,
    Stretch,
    Timeline,
    between,
    catalog,
    compile_routine,
    render_message,
    seconds,
)
from tools import SEED, seed_timeline

kneeling = Stretch(
    "Kneeling Lunge",
    [Step("Kneel on one knee", duration="5s")],
    cautions=[Caution("Not with sore knees.", conditions=["knee"])],
    alternative=Stretch(
        "Standing Lunge",
        [Step("Stand in a split stance", duration="5s")],
        cautions=[Caution("Not with a sore ankle.", conditions=["ankle"])],
    ),
)
ROUTINE = Routine("r", [kneeling, Stretch("Twist", [Step("Twist", duration="4s")])])
QUIET: dict[str, Any] = {"cues": Cues.off(), "safety_note": None}


def test_an_alternative_replaces_a_ruled_out_stretch() -> None:
    timeline = compile_routine(ROUTINE, conditions={"knee"}, **QUIET)
    announce, skip = [e for e in timeline.events if e.start_ms == 3000]
    assert (
        Event(
            "standing-lunge/announce",
            3000,
            3000,
            Kind.ANNOUNCE,
            "Standing Lunge",
            None,
            "Standing Lunge",
            role=Role.ANNOUNCE,
            stretch_id="standing-lunge",
        )
        == announce
    )
    assert (
        Event(
            "skip-kneeling-lunge",
            3000,
            0,
            Kind.SKIP,
            "Kneeling Lunge replaced by Standing Lunge (knee): Not with sore knees.",
            role=Role.REPLACED,
            target="standing-lunge",
            message=Message(
                "replaced",
                {
                    "name": "Kneeling Lunge",
                    "alternative": "Standing Lunge",
                    "conditions": ("knee",),
                    "reason": "Not with sore knees.",
                },
            ),
        )
        == skip
    )
    assert ["Standing Lunge", "Twist"] == [c.title for c in timeline.chapters]
    assert ["standing-lunge", "twist"] == [s.id for s in timeline.stretches]


def test_a_stretch_with_no_safe_alternative_is_left_out() -> None:
    """One skip marker for the stretch left out, one for each alternative ruled out too."""
    timeline = compile_routine(ROUTINE, conditions=["knee", "ankle"], **QUIET)
    skips = [e for e in timeline.events if e.kind is Kind.SKIP]
    assert [
        (
            Role.LEFT_OUT,
            "Kneeling Lunge left out (knee): Not with sore knees.",
            Message(
                "left_out",
                {
                    "name": "Kneeling Lunge",
                    "conditions": ("knee",),
                    "reason": "Not with sore knees.",
                },
            ),
        ),
        (
            Role.RULED_OUT,
            "Its alternative Standing Lunge is ruled out too (ankle): Not with a sore ankle.",
            Message(
                "ruled_out",
                {
                    "name": "Standing Lunge",
                    "conditions": ("ankle",),
                    "reason": "Not with a sore ankle.",
                },
            ),
        ),
    ] == [(e.role, e.text, e.message) for e in skips]
    assert [None, None] == [e.target for e in skips]
    assert ["Twist"] == [c.title for c in timeline.chapters]
    assert {None, "Twist"} == {e.stretch for e in timeline.events}


def test_unknown_conditions_are_fine_and_names_are_normalized() -> None:
    plain = compile_routine(ROUTINE, **QUIET)
    elbow = compile_routine(ROUTINE, conditions={"elbow"}, **QUIET)
    assert plain.events == elbow.events
    assert ("elbow",) == elbow.options.conditions if elbow.options else False
    knee = compile_routine(ROUTINE, conditions={" Knee "}, **QUIET)
    assert "Standing Lunge" == knee.chapters[0].title


def test_the_seed_leaves_child_pose_out_for_knees() -> None:
    timeline = seed_timeline(conditions={"knee"})
    assert ["Legs Up A Wall", "Lunges"] == [c.title for c in timeline.chapters]
    (skip,) = [e for e in timeline.events if e.kind is Kind.SKIP]
    assert (
        "Child's Pose left out (knee): Leave this pose out if you have knee problems." == skip.text
    )


def test_fit_lands_exactly_and_spreads_by_range() -> None:
    routine = Routine(
        "r",
        [Stretch("s", [Hold(between("10s", "20s")), Hold(between("30s", "70s"))])],
    )
    # Lowest total: 3 (title) + 3 (announce) + 10 + 30 = 46 s; highest 96 s.
    timeline = compile_routine(routine, fit_to="1m11s", **QUIET)
    holds = [e.duration_ms for e in timeline.events if e.kind is Kind.HOLD]
    assert 71_000 == timeline.total_ms
    assert [15_000, 50_000] == holds  # both at half of their range: 10 + 5, 30 + 20


def test_fit_lands_exactly_when_holds_grow_together() -> None:
    """Two holds with equal ranges grow at the same step, so the total moves 2 ms at a time;
    the odd millisecond is the remainder, which lengthens the title."""
    routine = Routine(
        "r",
        [
            Stretch(
                "s", [Hold(between("10s", "20s"), text="a"), Hold(between("30s", "40s"), text="b")]
            )
        ],
    )
    # Lowest total: 3 + 3 + 10 + 30 = 46 s.
    timeline = compile_routine(routine, fit_to="46.001s", **QUIET)
    holds = [e.duration_ms for e in timeline.events if e.kind is Kind.HOLD]
    title = timeline.events[0]
    assert (46_001, [10_000, 30_000]) == (timeline.total_ms, holds)
    assert (Kind.TITLE, 3_001) == (title.kind, title.duration_ms)


def test_fit_never_shortens_a_hold_when_copies_grow_together() -> None:
    """A per-side hold (two copies) and a single hold with equal ranges grow at the same step
    (3 ms of total); between steps the remainder goes to the title, and no hold ever shrinks."""
    routine = Routine(
        "r",
        [
            Stretch(
                "s",
                [
                    PerSide([Hold(between("10s", "20s"), text="a")], switch="1s"),
                    Hold(between("30s", "40s"), text="b"),
                ],
            )
        ],
    )
    # Lowest total: 3 + 3 + 10 + 1 + 10 + 30 = 57 s.
    fits = []
    for extra_ms in range(8):
        timeline = compile_routine(routine, fit_to=Duration(57_000 + extra_ms), **QUIET)
        holds = [e.duration_ms - 10_000 for e in timeline.events if e.kind is Kind.HOLD]
        fits.append((timeline.total_ms - 57_000, holds[0], holds[2] - 20_000))
    # (ms over the lowest total, ms added to each side, ms added to the single hold)
    assert [
        (0, 0, 0),
        (1, 0, 0),
        (2, 0, 0),
        (3, 1, 1),
        (4, 1, 1),
        (5, 1, 1),
        (6, 2, 2),
        (7, 2, 2),
    ] == fits


def test_fit_keeps_the_sides_equal() -> None:
    routine = Routine("r", [Stretch("s", [PerSide([Hold(between("10s", "20s"))], switch="1s")])])
    # Lowest: 3 + 3 + 10 + 1 + 10 = 27 s. An odd extra millisecond cannot be split over two
    # sides: it lengthens the title.
    timeline = compile_routine(routine, fit_to="30.001s", **QUIET)
    holds = [(e.side, e.duration_ms) for e in timeline.events if e.kind is Kind.HOLD]
    assert [(Side.LEFT, 11_500), (Side.RIGHT, 11_500)] == holds
    assert (30_001, 3_001) == (timeline.total_ms, timeline.events[0].duration_ms)


def test_fit_moves_counts_in_whole_rounds_and_rests_at_the_end_for_the_gap() -> None:
    """Rounds move with the holds; where the next whole round would pass the target, the gap is
    a closing rest before the closing words. A longer target never takes a round away."""
    routine = Routine(
        "r",
        [Stretch("s", [Repeat(between(1, 3), [Hold(between("20s", "30s"), text="Hold it")])])],
        outro="Well done.",
    )
    # Lowest: 3 (title) + 3 (announce) + 20 + 3 (outro) = 29 s; highest: 3 + 3 + 90 + 3 = 99 s.
    rounds, rests = [], []
    for seconds_ in range(29, 100, 5):
        timeline = compile_routine(routine, fit_to=f"{seconds_}s", **QUIET)
        assert seconds_ * 1000 == timeline.total_ms
        holds = [e for e in timeline.segments if e.kind is Kind.HOLD]
        assert all(20_000 <= e.duration_ms <= 30_000 for e in holds)
        rounds.append(len(holds))
        rests.append(sum(e.duration_ms for e in timeline.segments if e.id == "closing-rest"))
        closing = [e for e in timeline.segments if e.kind is Kind.REST]
        assert all(e.text == "Rest and breathe slowly" for e in closing)
    assert sorted(rounds) == rounds
    assert (1, 3) == (rounds[0], rounds[-1])
    assert any(rests)
    with pytest.raises(FitError) as caught:
        compile_routine(routine, fit_to="100s", **QUIET)
    assert (29_000, 99_000) == (caught.value.low_ms, caught.value.high_ms)


def test_a_fit_error_says_which_level_reaches_the_target() -> None:
    """Self-paced parts keep their level's time, so each level may span a window of its own;
    the error names the others' and the level that reaches the target."""
    with pytest.raises(FitError) as caught:
        compile_routine(catalog.get("hamstring-release"), fit_to="5m56s", level="gentle")
    assert (
        "cannot fit this routine into 5:56: at level gentle it always takes 5:26 (nothing in it "
        "can be fitted) "
        "(standard: 5:56 to 5:56; deep: 6:26 to 6:26); level standard can "
        "(level='standard', --level standard)"
    ) == str(caught.value)
    fitted = compile_routine(catalog.get("hamstring-release"), fit_to="5m56s")
    assert 356_000 == fitted.total_ms


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"fit_to": "10s"},
            FitError,
            "cannot fit this routine into 0:10: at level standard it can take between 0:16 and "
            "0:26",
        ),
        (
            {"fit_to": 600},
            InvalidTypeError,
            "fit_to got the bare number 600, which could mean seconds or milliseconds; write "
            "seconds(600), minutes(...) or a string like '600s'",
        ),
        (
            {"conditions": "knee"},
            InvalidTypeError,
            "conditions must be a collection of condition names like {'knee'}, got 'knee'",
        ),
        ({"conditions": [3]}, InvalidTypeError, "conditions must hold names (str), got 3"),
        ({"cues": False}, InvalidTypeError, "cues must be a Cues(...) value or None, got False"),
        (
            {"safety_note": ""},
            InvalidValueError,
            "safety_note must be a non-empty text or None, got ''",
        ),
    ],
)
def test_bad_personalization_teaches(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    routine = Routine("r", [Stretch("s", [Hold(between("10s", "20s"))])])
    with pytest.raises(error) as caught:
        compile_routine(routine, **{"safety_note": None, **kwargs})
    assert message == str(caught.value)


def test_bad_cue_options_teach() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Cues(countdown=-1)
    assert "Cues.countdown must be a whole number >= 0, got -1" == str(caught.value)
    with pytest.raises(InvalidValueError) as caught:
        Cues(breath_every="0s")
    assert "Cues.breath_every must be longer than 0 s, or None" == str(caught.value)
    with pytest.raises(InvalidTypeError) as type_error:
        Cues(halfway="yes")  # type: ignore[arg-type]
    assert "Cues.halfway must be True or False, got 'yes'" == str(type_error.value)
    with pytest.raises(InvalidTypeError) as type_error:
        Cues(next_up_lead=10)  # type: ignore[arg-type]
    assert (
        "Cues.next_up_lead got the bare number 10, which could mean seconds or milliseconds; "
        "write seconds(10), minutes(...) or a string like '10s'" == str(type_error.value)
    )
    assert Cues(switch_lead="3s") == Cues(switch_lead=seconds(3))
    assert eval(repr(Cues.off()), vars(backstretch)) == Cues.off()


def test_cues_are_placed_exactly() -> None:
    routine = Routine(
        "r",
        [
            Stretch(
                "Calf",
                [
                    PerSide(
                        [
                            Hold(
                                "40s",
                                cue="breathe",
                                breaks=Break("shake", every="20s", duration="2s"),
                            )
                        ],
                        switch="2s",
                    )
                ],
            )
        ],
    )
    timeline = compile_routine(routine, cues=Cues(breath_every="15s"), safety_note=None)
    cues = [
        (e.start_ms, e.id.removeprefix("calf/0/"), e.text)
        for e in timeline.events
        if e.kind is Kind.CUE
    ]
    # title 0-3 s, announce 3-6 s, left: hold 6-26, break 26-28, hold 28-48; switch 48-50;
    # right: hold 50-70, break 70-72, hold 72-92.
    assert [
        # No preview of the first stretch. "3" would beep over the announcement's word "Calf"
        # (3000-3440 ms): left out
        (4000, "left/0/countdown0-2", "2"),
        (5000, "left/0/countdown0-1", "1"),
        (6000, "left/0/cue0", "breathe"),
        (21000, "left/0/cue1", "breathe"),
        # no tick inside the hold part before; in the 2 s break, "2" would beep over "shake"
        (27000, "left/0/countdown1-1", "1"),
        # 20 s of 40 s held: the start of the second part, after its word "Hold", reckoned in
        # the longest language (German "Halten", 570 ms)
        (28570, "left/0/halfway", "Halfway"),
        (38000, "left/0/cue2", "breathe"),
        (43000, "switch-prompt", "Get ready to switch to the right side"),
        # the 2 s switch is all words ("Switch to the right side"): no tick beeps over them
        (50000, "right/0/cue0", "breathe"),
        (65000, "right/0/cue1", "breathe"),
        (71000, "right/0/countdown1-1", "1"),
        (72570, "right/0/halfway", "Halfway"),
        (82000, "right/0/cue2", "breathe"),
    ] == cues
    assert 5 == timeline.options.cues_left_out  # type: ignore[union-attr]


def test_safety_note_opens_the_timeline() -> None:
    """A routine with no note of its own opens with the library's general note (a message a
    player can translate); a routine's own note is the author's text; a note given to
    compile_routine replaces either, and None leaves it out."""
    plain = Routine("Neck", [Stretch("Chin tuck", [Step("Tuck your chin")])])
    general = Event(
        "safety",
        0,
        11000,
        Kind.CAUTION,
        "Move gently and only as far as is comfortable. Stop if anything hurts, and ask a doctor "
        "or physiotherapist before going on.",
        role=Role.SAFETY_NOTE,
        message=Message("safety_note"),
    )
    assert (general.text, general) == (SAFETY_NOTE, compile_routine(plain).events[0])
    seed = seed_timeline()
    own = (
        "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain "
        "that persists."
    )
    assert Event("safety", 0, 9000, Kind.CAUTION, own, role=Role.SAFETY_NOTE) == seed.events[0]
    for routine in (plain, SEED):
        custom = compile_routine(routine, safety_note="Go gently.")
        assert (
            Event("safety", 0, 3000, Kind.CAUTION, "Go gently.", role=Role.SAFETY_NOTE)
            == custom.events[0]
        )
        assert "title" == compile_routine(routine, safety_note=None).events[0].id


def test_a_breathing_routine_opens_with_a_note_about_breathing() -> None:
    """A routine of breathing alone, with no note of its own, gets the library's note for
    breathing (which still says to stop if anything hurts); one with a hold gets the general
    note."""
    from backstretch import Breath

    box = Stretch(
        "Box Breathing", [Step("Sit tall."), Repeat(4, [Breath(inhale="4s", exhale="4s")])]
    )
    breathing = compile_routine(Routine("Calm", [box]), language="de").events[0]
    assert Message("safety_note_breathing") == breathing.message
    assert breathing.text.startswith("Atme sanft")
    assert "wehtut" in breathing.text
    assert "Breathe gently and never force a breath" in render_message(breathing.message)
    held = Routine("Calm", [attrs.evolve(box, body=(*box.body, Hold("10s")))])
    assert Message("safety_note") == compile_routine(held).events[0].message


def test_routine_cautions_come_before_the_first_stretch_and_may_rule_out_all_of_it() -> None:
    routine = Routine(
        "Neck",
        [Stretch("Chin Tuck", [Step("Tuck your chin")]), Stretch("Neck Turn", [Step("Turn")])],
        intro="Sit tall.",
        cautions=[
            Caution("Stop if pain goes above 3 out of 10."),
            Caution("Not after recent neck surgery.", conditions=["recent-surgery"]),
        ],
        safety_note="Go gently; stop if your neck hurts.",
    )
    events = compile_routine(routine, cues=Cues.off()).events
    assert [
        ("safety", Role.SAFETY_NOTE),
        ("title", Role.TITLE),
        ("intro", Role.INTRO),
        ("caution0", Role.CAUTION),
        ("caution1", Role.CAUTION),
        ("chin-tuck/announce", Role.ANNOUNCE),
    ] == [(e.id, e.role) for e in events[:6]]
    barred = compile_routine(routine, conditions={"surgery"}, cues=Cues.off())
    assert () == barred.chapters
    assert [
        "Chin Tuck left out (recent-surgery): Not after recent neck surgery.",
        "Neck Turn left out (recent-surgery): Not after recent neck surgery.",
    ] == [e.text for e in barred.events if e.role is Role.LEFT_OUT]
    assert [Kind.CAUTION, Kind.TITLE, Kind.ANNOUNCE, Kind.CAUTION, Kind.CAUTION] == [
        e.kind for e in barred.segments
    ]


def test_alternatives_are_checked_too() -> None:
    routine = Routine(
        "r",
        [Stretch("Lunge", [Step("a")], alternative=Stretch("lunge", [Step("{side}")]))],
    )
    with pytest.raises(RoutineError) as caught:
        compile_routine(routine)
    assert [
        Problem(
            "$.body[0].alternative.name",
            "'lunge' has a name like 'Lunge' as the stretch at $.body[0], but is not the same "
            "stretch; give each stretch its own name, or use the very same stretch again (names "
            "are compared ignoring case and punctuation)",
        ),
        Problem(
            "$.body[0].alternative.body[0].text",
            "{side} in '{side}' has no side to fill it; it works only inside a PerSide, a "
            "OneSide or alternating Reps",
        ),
    ] == list(caught.value.problems)


def test_alternative_must_be_a_stretch() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Stretch("s", [Step("a")], alternative=Step("b"))  # type: ignore[arg-type]
    assert (
        "Stretch.alternative must be a Stretch (done instead when this one is left out) or None, "
        "got Step: Step(text='b', duration=None, until='')" == str(caught.value)
    )


def test_prompts_with_no_lead_still_come_before_their_boundary() -> None:
    routine = Routine("r", [Stretch("a", [PerSide([Step("{side}", duration="4s")], switch="1s")])])
    timeline = compile_routine(
        routine, cues=Cues(next_up_lead="0s", switch_lead="0s"), safety_note=None
    )
    prompts = {e.id: (e.start_ms, e.stretch) for e in timeline.events if e.kind is Kind.CUE}
    # title 0-3 s, announce 3-6 s, left 6-10 s, switch 10-11 s. The prompt is said just before
    # the switch, its words ending there, reckoned in the longest language: "Mach dich bereit
    # für den Wechsel zur rechten Seite", 3150 ms. (No preview of the first stretch.)
    assert {"a/0/switch-prompt": (6_850, "a")} == prompts


def _cue_roles(timeline: Timeline) -> list[str]:
    return [e.role.value for e in timeline.events if e.kind is Kind.CUE]


def test_local_cues_quiet_a_node_and_give_back_what_an_outer_one_quieted() -> None:
    def routine(hold_cues: LocalCues | None, repeat_cues: LocalCues | None) -> Routine:
        body = [Step("Kneel", duration="5s"), Hold("30s", cue="Breathe", cues=hold_cues)]
        return Routine("r", [Stretch("Cat", [Repeat(2, body, cues=repeat_cues)])])

    options = {"safety_note": None, "cues": Cues(next_up=False)}
    loud = compile_routine(routine(None, None), **options)  # type: ignore[arg-type]
    # A countdown and a "Halfway" in the first hold only: in the second round the person flows
    # on from the step, and knows the hold's length.
    assert ["countdown"] * 3 + ["hold_cue", "halfway", "hold_cue"] == _cue_roles(loud)
    quiet = compile_routine(routine(None, LocalCues(countdown=False, halfway=False)), **options)  # type: ignore[arg-type]
    assert ["hold_cue", "hold_cue"] == _cue_roles(quiet)
    back = LocalCues(countdown=True)
    given_back = compile_routine(
        routine(back, LocalCues(countdown=False, halfway=False)),
        **options,  # type: ignore[arg-type]
    )
    assert ["countdown"] * 3 + ["hold_cue", "hold_cue"] == _cue_roles(given_back)
    # The routine-wide options are the ceiling: a LocalCues cannot turn on what they left out.
    assert [] == _cue_roles(compile_routine(routine(back, None), cues=Cues.off()))


def test_rapid_repeated_holds_stay_quiet() -> None:
    """Cat and cow, ten rounds of 3 s holds: no countdown at all (shorter than countdown_min)."""
    cat_cow = Stretch(
        "Cat Cow",
        [Repeat(10, [Hold("3s", text="Cat: round your back"), Hold("3s", text="Cow: lift")])],
    )
    timeline = compile_routine(Routine("Spine", [cat_cow]))
    assert [] == [e for e in timeline.events if e.role is Role.COUNTDOWN]
    ticked = compile_routine(Routine("Spine", [cat_cow]), cues=Cues(countdown_min="3s"))
    # Allowed by countdown_min, ticks still never fall inside the hold before: only before the
    # first, and not its "3", which would beep over the stretch's name.
    assert [2, 1] == [e.tick for e in ticked.events if e.role is Role.COUNTDOWN]


def test_local_cues_must_be_local_cues() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Hold("30s", cues=Cues())  # type: ignore[arg-type]
    assert str(caught.value).startswith("Hold.cues must be a LocalCues or None, got Cues: ")
    with pytest.raises(InvalidTypeError) as caught:
        LocalCues(countdown=3)  # type: ignore[arg-type]
    assert "LocalCues.countdown must be True, False or None (as around it), got 3" == str(
        caught.value
    )


def test_a_caution_is_said_once_in_the_routine_s_own_words() -> None:
    """A short session whose routine and stretch give the same caution says it once, before the
    first stretch; a note of a stretch left out quotes each caution once."""
    knee = Caution("Go gently if your knee hurts.", conditions=["knee"])
    kneel = Stretch("Kneeling Reach", [Hold("10s")], cautions=[knee, knee])
    stand = Stretch("Standing Reach", [Hold("10s")], cautions=[Caution(knee.text)])
    routine = Routine("Snack", [kneel, stand], cautions=[Caution(knee.text)])
    said = [e.text for e in compile_routine(routine, cues=Cues.off()).events]
    assert 1 == said.count(knee.text)
    (note,) = [
        e for e in compile_routine(routine, conditions={"knee"}).events if e.kind is Kind.SKIP
    ]
    assert "Kneeling Reach left out (knee): Go gently if your knee hurts." == note.text
