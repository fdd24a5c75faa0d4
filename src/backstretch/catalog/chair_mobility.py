"""Chair Mobility Circuit: gentle joint movements from a chair, done as a circuit of rounds.

Source (facts carried over, words our own):

- NHS, "Flexibility exercises" (nhs.uk, exercises for older people, done sitting on a sturdy
  chair): neck rotation (sit upright, shoulders down, turn the head as far as is comfortable,
  hold 5 seconds, back to the middle; 5 times each side); upper body twist (arms crossed, hands
  on shoulders, turn the upper body as far as is comfortable without moving the hips, hold 5
  seconds; 5 times each side); hip marching (hold the sides of the chair, lift one leg with the
  knee bent as far as is comfortable, lower it with control; 5 times each leg); ankle stretch
  (straighten one leg with the foot off the floor, point the toes away, then back towards you;
  2 sets of 5 each foot); arm raises (arms by the sides, palms forward, raise both arms out and up
  as far as is comfortable, back down; 5 times); chest stretch (arms out behind, push the chest
  forward and up until a stretch is felt, hold 5 to 10 seconds; 5 times). The NHS suggests doing
  these at least twice a week.

Where a source gives no number, the choice and the reason sit in a comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.time import between, seconds
from .._dsl.nodes import (
    Caution,
    Circuit,
    Hold,
    LocalCues,
    Modification,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
)
from ._translations import translations

__all__ = [
    "NAME",
    "TRANSLATIONS",
    "ankle_stretch",
    "arm_raises",
    "chest_stretch",
    "hip_marching",
    "neck_rotation",
    "routine",
    "upper_body_twist",
]

NAME = "chair-mobility"

# Five-second holds repeated five times: quick enough that a countdown before each would only
# chatter, so these holds stay quiet.
_QUIET = LocalCues(countdown=False)

neck_rotation = Stretch(
    "Neck Rotation",
    [
        Step("Sit upright, shoulders down, feet flat on the floor."),
        PerSide(
            [
                Repeat(
                    5,
                    [
                        Hold(
                            seconds(5),
                            text="Turn your head to the {side}, as far as is comfortable",
                        ),
                        Step("Back to the middle.", duration=seconds(2)),
                    ],
                    cues=_QUIET,
                ),
            ],
        ),
    ],
    purpose="Keeps the neck turning freely: looking over a shoulder stays easy.",
    targets=["neck"],
    props=["a sturdy chair without arms"],
)

upper_body_twist = Stretch(
    "Upper Body Twist",
    [
        Step("Cross your arms and rest your hands on your shoulders."),
        PerSide(
            [
                Repeat(
                    5,
                    [
                        Hold(
                            seconds(5),
                            text="Turn your upper body to the {side}, hips still, "
                            "{round} of {rounds}",
                        ),
                        Step("Back to the middle.", duration=seconds(2)),
                    ],
                    cues=_QUIET,
                ),
            ],
        ),
    ],
    purpose="Turns the spine gently in both directions.",
    targets=["upper back", "waist"],
    cautions=[Caution("Keep your hips and knees facing forward; turn only as far as is easy.")],
)

hip_marching = Stretch(
    "Hip Marching",
    [
        Step(
            "Hold the sides of the chair. Lift each knee in turn as far as is comfortable, and "
            "lower it with control."
        ),
        Reps(
            5,
            "Lift the {side} knee, then lower it",
            tempo=seconds(4),
            alternate=True,
        ),
    ],
    purpose="Strengthens the hips and keeps them moving.",
    targets=["hips", "thighs"],
    modifications=[Modification("Lift the knee only a little", when="a hip is stiff or sore")],
)

ankle_stretch = Stretch(
    "Ankle Stretch",
    [
        PerSide(
            [
                Step(
                    "Straighten your {side} leg, foot off the floor. Point your toes away from "
                    "you, then pull them back towards you, in time with the count."
                ),
                Repeat(
                    2,  # the source's two sets
                    [
                        Reps(5, "Toes away, then back", tempo=seconds(3)),
                    ],
                    # Five seconds to lower the leg between the sets: the source gives no rest.
                    between=Rest(seconds(5), text="Lower your {side} leg for a moment"),
                ),
            ],
        ),
    ],
    purpose="Keeps the ankles supple, which helps balance and walking.",
    targets=["ankles", "calves"],
)

arm_raises = Stretch(
    "Arm Raises",
    [
        Step(
            "Sit tall, arms by your sides, palms forward. Raise both arms out to the sides and "
            "up, then lower them, in time with the count."
        ),
        Reps(5, "Arms out and up, then down", tempo=seconds(5)),
    ],
    purpose="Keeps the shoulders lifting freely.",
    targets=["shoulders"],
    cautions=[Caution("Raise your arms only as high as is comfortable; never force them.")],
)

chest_stretch = Stretch(
    "Chest Stretch",
    [
        Step("Sit upright, away from the back of the chair."),
        Repeat(
            5,
            [
                Hold(
                    between(seconds(5), seconds(10)),
                    text="Reach your arms out behind you and push your chest forward and up",
                ),
                Step("Let your arms come back to your sides.", duration=seconds(3)),
            ],
        ),
    ],
    purpose="Opens the chest, the opposite of sitting hunched.",
    targets=["chest", "shoulders"],
)

routine = Routine(
    "Chair Mobility Circuit",
    [
        neck_rotation,
        # Two rounds of the four movements: the NHS gives no number of rounds; two keeps the whole
        # routine near a quarter of an hour.
        Circuit(
            2,
            [hip_marching, ankle_stretch, arm_raises, upper_body_twist],
            between=Rest(seconds(30), text="Rest, breathe, and get ready for round {round}"),
        ),
        chest_stretch,
    ],
    intro="Gentle movements for every joint, all done from a chair. Do them twice a week or more.",
    outro="Well done. Walking or gardening on other days keeps the same joints moving.",
    cautions=[Caution("Keep both feet flat on the floor and sit well back on the chair.")],
    safety_note=(
        "Move slowly and only as far as is comfortable. Stop if you feel pain, dizziness or "
        "chest pain, and ask your doctor before starting if you have a heart or joint condition."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``).
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
