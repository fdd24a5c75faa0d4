"""Desk Break: five minutes of stretches at the desk, without leaving the chair.

Source (facts carried over, words our own):

- Mayo Clinic, "Office exercise: Stretches you can do at your desk" (slide show): shoulder shrug
  (raise both shoulders towards the ears, hold a few seconds, release; repeat several times);
  upper body and arm stretch (clasp the hands above the head, palms up, push the arms up, hold
  10 to 30 seconds); chest stretch (clasp the hands behind the back, push the chest out and the
  chin in, hold 10 to 30 seconds); torso stretch (sitting, turn the upper body towards the back of
  the chair, hold 10 to 30 seconds each way); wrist and forearm stretch (arm out, palm down, bend
  the hand back with the other hand, hold 10 to 30 seconds each side). Its advice: stretch to the
  point of gentle tension, hold it, and do not bounce.

Where a source gives no number, the choice and the reason sit in a comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.time import between, breaths, seconds
from .._dsl.nodes import (
    Caution,
    Hold,
    LocalCues,
    Modification,
    PerSide,
    Repeat,
    Routine,
    Step,
    Stretch,
)
from ._translations import translations

__all__ = [
    "NAME",
    "TRANSLATIONS",
    "chest_opener",
    "reach_up",
    "routine",
    "shoulder_shrugs",
    "torso_turn",
    "wrist_stretch",
]

NAME = "desk-break"

shoulder_shrugs = Stretch(
    "Shoulder Shrugs",
    [
        # "Several times": three to eight, and always five (the range's own level), held three
        # seconds each: a deeper session holds the other stretches longer, never shrugs more.
        # Quick holds get no countdown.
        Repeat(
            between(3, 8, level="standard"),
            [
                Hold(seconds(3), text="Lift both shoulders up towards your ears"),
                Step("Let them drop.", duration=seconds(2)),
            ],
            cues=LocalCues(countdown=False),
        ),
    ],
    purpose="Lets go of the tension that gathers in the shoulders at a keyboard.",
    targets=["shoulders", "upper back"],
)

reach_up = Stretch(
    "Reach Up",
    [
        Step("Clasp your hands above your head, palms facing the ceiling."),
        Hold(between(seconds(10), seconds(30)), text="Push your arms up and grow tall"),
        Hold(breaths(2), text="Lower your arms slowly"),
    ],
    purpose="Stretches the arms, shoulders and the sides of the back.",
    targets=["arms", "shoulders", "sides"],
)

chest_opener = Stretch(
    "Chest Opener",
    [
        Step("Sit towards the front of your chair and clasp your hands behind your back."),
        Hold(
            between(seconds(10), seconds(30)),
            text="Push your chest out and draw your chin in",
            cue="Breathe into the front of your chest",
        ),
    ],
    purpose="Opens the chest after hunching over a desk.",
    targets=["chest", "front of the shoulders"],
    modifications=[
        Modification(
            "Hold a scarf between your hands", when="your hands do not meet", props=["a scarf"]
        )
    ],
)

torso_turn = Stretch(
    "Torso Turn",
    [
        PerSide(
            [
                Hold(
                    between(seconds(10), seconds(30)),
                    text="Turn your upper body to the {side}, a hand on the back of the chair",
                    cue="Grow tall as you breathe in, turn a little more as you breathe out",
                ),
                Step("Come back to face your desk.", duration=seconds(3)),
            ],
        ),
    ],
    purpose="Turns the spine, which stays still for hours at a desk.",
    targets=["back", "waist"],
    cautions=[Caution("Turn only as far as is comfortable, and never jerk into the twist.")],
)

wrist_stretch = Stretch(
    "Wrist Stretch",
    [
        PerSide(
            [
                Step("Hold your {side} arm straight out, palm down."),
                Hold(
                    between(seconds(10), seconds(30)),
                    text="With your {other} hand, gently bend your {side} hand back",
                ),
            ],
        ),
    ],
    purpose="Stretches the forearms that type and hold a mouse all day.",
    targets=["wrists", "forearms"],
    cautions=[
        Caution(
            "With carpal tunnel syndrome or a painful wrist, leave this one out and ask a "
            "physiotherapist.",
            conditions=["wrist"],
        ),
    ],
)

routine = Routine(
    "Desk Break",
    [shoulder_shrugs, reach_up, chest_opener, torso_turn, wrist_stretch],
    intro="Five stretches without leaving your chair. Push the chair back from the desk first.",
    outro="Back to work. Stand up and walk for a minute too, if you can.",
    cautions=[Caution("Make sure your chair is steady and does not roll or swivel away.")],
    safety_note=(
        "Stretch to a gentle tension, hold it, and never bounce. Stop if anything hurts, and ask "
        "a doctor or physiotherapist about pain that keeps coming back."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``).
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
