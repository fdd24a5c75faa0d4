"""Knee Strength: leg raises, a knee bend and step-ups, with extra work for the affected knee.

Source (facts carried over, words our own):

- NHS inform, "Exercises for knee problems" (nhsinform.scot): straight leg raise sitting (sit
  with your back straight and feet on the floor, straighten one leg fully and hold it up for 10
  seconds, lower it slowly; repeat with each leg); straight leg raise lying (lie on your back, the
  other knee bent, tighten the thigh and lift the straight leg, hold 5 seconds, lower slowly);
  leg stretch (sit on the floor with both legs straight out, bend one knee towards you as far as
  is comfortable, hold 5 seconds, straighten it and hold 5 seconds; about 10 times); step-ups
  (step onto the bottom stair holding the handrail, step down; repeat with each leg). Its advice:
  the exercises should not make the pain worse; a little discomfort during them is normal, but
  stop any that makes the pain worse, and ask for help if the knee is no better after some weeks.

The affected knee (a knee recovering from a strain, or the weaker one) gets a second set of the
leg raise and leg stretch: our choice, so the side that needs it gets more work while both legs
keep moving. Where a source gives no number, the choice and the reason sit in a comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.kinds import Affected
from .._base.time import between, seconds
from .._dsl.nodes import (
    Caution,
    Hold,
    Modification,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Routine,
    Step,
    Stretch,
)
from ._translations import translations

__all__ = [
    "NAME",
    "TRANSLATIONS",
    "leg_stretch",
    "lying_leg_raise",
    "routine",
    "sitting_leg_raise",
    "step_ups",
    "supported_step_ups",
]

NAME = "knee-strength"


def _raise_set(count: int, text: str, held: int) -> list[Repeat]:
    return [
        Repeat(
            count,
            [
                Hold(seconds(held), text=text, cue="Tighten the muscle on the front of your thigh"),
                Step("Lower it slowly.", duration=seconds(3)),
            ],
        )
    ]


sitting_leg_raise = Stretch(
    "Sitting Leg Raise",
    [
        Step("Sit with your back straight and both feet flat on the floor."),
        # Both legs, the unaffected one first, so the person sees how the movement should feel;
        # five raises a leg (the source says only "repeat").
        PerSide(
            _raise_set(
                5, "Straighten your {side} leg fully and hold it up, {round} of {rounds}", 10
            ),
            first=Affected.UNAFFECTED,
        ),
        # The affected knee's extra set.
        OneSide(
            _raise_set(5, "Once more with your {side} leg, {round} of {rounds}", 10),
            side=Affected.AFFECTED,
        ),
    ],
    purpose="Strengthens the thigh muscles that steady the knee, without bending it under load.",
    targets=["thighs", "knees"],
    props=["a chair"],
)

lying_leg_raise = Stretch(
    "Lying Leg Raise",
    [
        Step("Lie on your back, one knee bent with the foot flat on the floor."),
        PerSide(
            [
                Step("Bend your {other} knee and keep your {side} leg straight."),
                *_raise_set(5, "Lift your straight {side} leg, thigh tight", 5),
            ],
            first=Affected.UNAFFECTED,
        ),
    ],
    purpose="Works the thigh with the knee straight and the back supported.",
    targets=["thighs", "hips"],
    props=["a mat"],
    modifications=[Modification("Lift the leg only a hand's width", when="your back arches")],
)

leg_stretch = Stretch(
    "Knee Bend and Straighten",
    [
        Step("Sit on the floor with both legs straight out in front of you."),
        OneSide(
            [
                Repeat(
                    10,  # about ten, as the source says
                    [
                        Hold(
                            seconds(5),
                            text="Bend your {side} knee towards you as far as is comfortable",
                        ),
                        Hold(seconds(5), text="Straighten your {side} leg and hold it"),
                    ],
                ),
            ],
            side=Affected.AFFECTED,
        ),
        OneSide(
            [
                Repeat(
                    5,  # the unaffected knee only needs to keep moving
                    [
                        Hold(seconds(5), text="Bend your {side} knee towards you"),
                        Hold(seconds(5), text="Straighten your {side} leg"),
                    ],
                ),
            ],
            side=Affected.UNAFFECTED,
        ),
    ],
    purpose="Gives the knee back its full bend and its full straightening.",
    targets=["knees"],
    props=["a mat"],
    cautions=[
        Caution("Bend only as far as is comfortable; a pulling feeling is fine, pain is not.")
    ],
)

# For someone whose balance is unsteady: the same step, with both hands on a worktop.
supported_step_ups = Stretch(
    "Supported Step-Ups",
    [
        Step("Stand facing a kitchen worktop, both hands on it, a thick book on the floor."),
        PerSide(
            [
                Reps(
                    between(5, 10),
                    "Onto the book with your {side} foot, then down",
                    tempo=seconds(4),
                ),
            ],
            first=Affected.AFFECTED,
        ),
    ],
    purpose="Strengthens the legs for stairs, with the hands taking care of balance.",
    targets=["thighs", "knees", "balance"],
    props=["a kitchen worktop", "a thick book"],
)

step_ups = Stretch(
    "Step-Ups",
    [
        Step("Stand at the bottom stair, holding the handrail."),
        PerSide(
            [
                Reps(
                    between(5, 10),  # the source says only "repeat": five to ten by level
                    "Step up with your {side} foot, then step down",
                    tempo=seconds(4),
                ),
            ],
            first=Affected.AFFECTED,
        ),
    ],
    purpose="Strengthens the legs for stairs.",
    targets=["thighs", "knees"],
    props=["a stair with a handrail"],
    cautions=[
        Caution(
            "Hold the handrail all the time; if your balance is unsteady, step onto a book at a "
            "worktop instead.",
            conditions=["balance"],
        ),
    ],
    alternative=supported_step_ups,
)

routine = Routine(
    "Knee Strength",
    [sitting_leg_raise, lying_leg_raise, leg_stretch, step_ups],
    intro="Strength and movement for a knee that is recovering, with extra work for that knee.",
    outro="Do these most days. A little discomfort is normal; the knee should feel no worse "
    "afterwards.",
    # Fifteen seconds to get from the chair to the floor, and up again for the stairs.
    rest_between=seconds(15),
    cautions=[
        Caution(
            "If your knee is hot, swollen or gives way, or you had knee surgery recently, do not "
            "start: ask your doctor or physiotherapist first.",
            conditions=["recent-surgery"],
        ),
    ],
    safety_note=(
        "A little discomfort is normal, but stop any exercise that makes your knee pain worse, "
        "and ask a doctor or physiotherapist if your knee is no better after a few weeks."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``).
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
