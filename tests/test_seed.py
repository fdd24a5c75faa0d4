"""The built-in "Pilates for Back Pain": every fact of the source article survives into it."""

from __future__ import annotations

import pytest

from backstretch import Kind, Level, Side, catalog, compile_routine
from backstretch.catalog import childs_pose, legs_up_a_wall, lunges
from backstretch.cli import render_table
from tools import SEED

ROUTINE = SEED

# Each fact of the article, as the phrases our own wording of it must contain.
FACTS = {
    "core strength is key but slow; stretches give quicker relief": [
        "Strengthening your core",
        "takes time",
        "quicker relief",
        "tension that builds up in the lower back",
    ],
    "legs up a wall: sit facing the wall, seat close": ["Sit facing a wall", "as close to it"],
    "legs up a wall: lie back, legs up the wall": [
        "Lie back on the floor",
        "straight up along the wall",
    ],
    "tight hamstrings may stop the legs straightening; that is OK": [
        "tight hamstrings stop your legs from straightening",
        "perfectly fine",
    ],
    "goal: legs and hips relax, leg weight into hip socket, lower back releases": [
        "legs and hips completely",
        "weight of the legs settle into the hip sockets",
        "muscles of the lower back release",
    ],
    "breaks: bend and stretch the knees every couple of minutes, or legs fall asleep": [
        "bend and stretch your knees every couple of minutes",
        "fall asleep",
        "Bend your knees towards you, then stretch your legs back up the wall",
    ],
    "child's pose: avoid with knee issues": ["Leave this pose out if you have knee problems"],
    "child's pose: very relaxing, gives the back muscles a break": [
        "very restful position",
        "muscles of the back a break",
    ],
    "hands and knees on a mat or carpet": ["all fours", "exercise mat or a carpeted floor"],
    "sit back onto the heels, upper body relaxed on the thighs": [
        "seat back towards your heels",
        "upper body rest on your thighs",
    ],
    "tight glutes: sit on a yoga block or a blanket": [
        "cannot sit all the way back onto your heels",
        "tight glutes",
        "yoga block",
        "blanket",
    ],
    "arms in front or by the sides, forehead gently on the mat": [
        "arms out in front of you or lay them along your sides",
        "forehead lightly on the mat",
    ],
    "concentrate on the breath; each exhale releases tension": [
        "attention to your breathing",
        "breathe out",
        "muscles letting go",
        "tension melting away",
    ],
    "lunges: a more active stretch for the front of the hip": [
        "more active stretch",
        "muscles at the front of the hip",
    ],
    "tight hip flexors tilt the pelvis and deepen the lumbar curve": [
        "Tight hip flexors",
        "pelvis forward",
        "curve of the lower back",
    ],
    "narrow stance, big step forward with the right foot": [
        "feet close together",
        "big step forward with your right foot",
    ],
    "back leg straight, left heel towards the floor": [
        "back leg straight",
        "reach your left heel towards the floor",
    ],
    "front knee over the ankle": ["front knee until it sits right above your ankle"],
    "left hip forward, pelvis square, until the stretch": [
        "front of your left hip forward",
        "pelvis square",
        "until you feel the stretch",
    ],
    "reach long with the back leg, heel to the floor": [
        "lengthen through the back leg",
        "heel towards the floor",
    ],
    "then alternate lunges faster, back to neutral standing between reps": [
        "alternate lunges at a quicker pace",
        "coming back to standing between each one",
        "back to standing",
    ],
    "prevent future pain: strengthen the core; acupuncture": [
        "strengthening your core",
        "acupuncture",
    ],
}


@pytest.mark.parametrize("level", [level.value for level in Level])
@pytest.mark.parametrize("fact", sorted(FACTS))
def test_every_fact_is_in_the_shown_routine(fact: str, level: str) -> None:
    shown = " ".join(render_table(compile_routine(ROUTINE, level=level), width=10_000).split())
    missing = [phrase for phrase in FACTS[fact] if phrase not in shown]
    assert [] == missing, fact


def test_child_pose_is_contraindicated_for_knees() -> None:
    assert [("knee",)] == [c.conditions for c in childs_pose.cautions if c.conditions]


@pytest.mark.parametrize("level", [level.value for level in Level])
def test_no_unbroken_legs_up_hold_longer_than_two_minutes(level: str) -> None:
    timeline = compile_routine(ROUTINE, level=level)
    holds = [e for e in timeline.events if e.stretch == legs_up_a_wall.name and e.kind is Kind.HOLD]
    breaks = [
        e for e in timeline.events if e.stretch == legs_up_a_wall.name and e.kind is Kind.BREAK
    ]
    assert max(h.duration_ms for h in holds) <= 120_000
    assert len(holds) - 1 == len(breaks) >= 1


@pytest.mark.parametrize(
    ("level", "hold_ms"), [("gentle", 30_000), ("standard", 45_000), ("deep", 60_000)]
)
def test_lunges_hold_30_to_60_seconds_each_side_right_first(level: str, hold_ms: int) -> None:
    timeline = compile_routine(ROUTINE, level=level)
    holds = [e for e in timeline.events if e.stretch == lunges.name and e.kind is Kind.HOLD]
    assert [(Side.RIGHT, hold_ms), (Side.LEFT, hold_ms)] == [(h.side, h.duration_ms) for h in holds]


def test_alternating_lunges_follow_the_held_ones() -> None:
    timeline = compile_routine(ROUTINE, level="gentle")
    reps = [e for e in timeline.events if e.kind is Kind.REP]
    assert [Side.RIGHT, Side.LEFT] * 5 == [r.side for r in reps]
    assert reps[0].start_ms > max(e.start_ms for e in timeline.events if e.kind is Kind.HOLD)


def test_cautions_and_modifications_open_each_stretch() -> None:
    timeline = compile_routine(ROUTINE)
    for stretch in ROUTINE.stretches:
        kinds = [e.kind for e in timeline.events if e.stretch == stretch.name]
        opening = [Kind.ANNOUNCE] * (2 if stretch.props else 1)
        opening += [Kind.CAUTION] * len(stretch.cautions)
        opening += [Kind.MODIFICATION] * len(stretch.modifications)
        assert opening == kinds[: len(opening)]


def test_the_catalog_lists_and_gets_routines() -> None:
    assert (
        "calm-breathing",
        "chair-mobility",
        "desk-break",
        "hamstring-release",
        "knee-strength",
        "neck-release",
        "pilates-for-back-pain",
    ) == catalog.names()
    assert ["Legs Up A Wall", "Child's Pose", "Lunges"] == [s.name for s in ROUTINE.stretches]
    with pytest.raises(LookupError) as caught:
        catalog.get("yoga")
    assert (
        "no built-in routine is called 'yoga'; the built-in routines are: calm-breathing, "
        "chair-mobility, desk-break, hamstring-release, knee-strength, neck-release, "
        "pilates-for-back-pain" == str(caught.value)
    )


def test_every_built_in_routine_compiles_exports_and_has_its_own_safety_note() -> None:
    """Each catalog routine speaks of what it works: its own note opens it, every export of it is
    written, and its cautions come before its first stretch."""
    from backstretch.exports import FORMATS, write_to_bytes

    for name in catalog.names():
        routine = catalog.get(name)
        assert routine.safety_note, name
        timeline = compile_routine(routine, affected="right")  # the knee routine needs a side
        assert routine.safety_note == timeline.events[0].text
        first = timeline.chapters[0].start_ms
        for caution in routine.cautions:
            (event,) = [e for e in timeline.segments if e.text == caution.text]
            assert event.end_ms <= first
        for suffix in FORMATS:
            assert write_to_bytes(timeline, suffix), (name, suffix)
