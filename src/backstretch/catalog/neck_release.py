"""Neck Release: deep-neck chin tucks and a three-way neck stretch, for a neck stiff from sitting.

Sources (facts carried over, words our own):

- Peak Physio's home exercise program: the chin tuck lying on the back (draw the chin down with
  the small deep neck muscles, not the large surface ones; hold 5 seconds; repeat 10 times, or as
  a physiotherapist prescribes) and the cervical retraction sitting or standing tall (draw the
  chin slightly down and back, level like a lollipop on its stick, "a double chin"; felt gently
  at the front of the neck).
- JA Pilates, "Do these stretches every day if you sit for a living": the neck stretch (sit tall,
  shoulders relaxed; chin to chest and let the head hang; then ear towards shoulder with the
  shoulder drawn away from the ear and the other arm reaching out, a hand on the head for a
  little more; then turn the chin towards the armpit; 15 to 30 seconds each, then the other
  side), and its warning not to tip the neck far backwards.

Where a source gives no number, the choice and the reason sit in a comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.kinds import Side
from .._base.time import between, seconds
from .._dsl.nodes import Caution, Hold, Modification, PerSide, Repeat, Reps, Routine, Step, Stretch
from ._translations import translations

__all__ = [
    "NAME",
    "TRANSLATIONS",
    "chin_tucks",
    "neck_stretch",
    "retractions",
    "routine",
]

NAME = "neck-release"

retractions = Stretch(
    "Seated Chin Retractions",
    [
        Step(
            "Sit tall, shoulders relaxed, eyes looking straight ahead. Slide your chin straight "
            "back, as if making a double chin, then let it forward, in time with the count."
        ),
        # The source gives no count here; ten slow ones at 4 s each wake the deep neck muscles
        # without tiring them before the chin tucks.
        Reps(10, "Chin back, then forward", tempo=seconds(4)),
    ],
    purpose="Brings the head back over the shoulders after hours of leaning towards a screen.",
    targets=["front of the neck", "posture"],
    props=["a chair"],
)

chin_tucks = Stretch(
    "Lying Chin Tucks",
    [
        Step(
            "Lie on your back, knees bent, head resting on the floor. Use the small muscles deep "
            "in the neck, not the big ones at the sides."
        ),
        Repeat(
            10,
            [
                Hold(seconds(5), text="Nod your chin gently down, tuck {round} of {rounds}"),
                # The source gives no rest; two seconds lets the neck soften before the next one.
                Step("Let your head rest again.", duration=seconds(2)),
            ],
        ),
    ],
    purpose="Strengthens the deep muscles that hold the neck steady.",
    targets=["deep neck muscles"],
    modifications=[
        Modification("Do as many as your physiotherapist prescribes, if it differs from ten."),
    ],
)

neck_stretch = Stretch(
    "Three-Way Neck Stretch",
    [
        Step("Sit tall with your spine straight, shoulders relaxed and your head level."),
        Hold(
            between(seconds(15), seconds(30)), text="Drop your chin to your chest and let it hang"
        ),
        PerSide(
            [
                Hold(
                    between(seconds(15), seconds(30)),
                    text="Tip your {side} ear towards your {side} shoulder, shoulder drawn down, "
                    "{other} arm reaching out",
                ),
                Hold(
                    between(seconds(15), seconds(30)),
                    text="Turn your chin towards your {side} armpit and let your head hang",
                ),
                Step("Lift your head back to the middle, slowly."),
            ],
            first=Side.RIGHT,
        ),
    ],
    purpose="Gives length back to the back and sides of the neck.",
    targets=["back of the neck", "sides of the neck"],
    cautions=[Caution("Never tip your head far backwards, and keep every move slow.")],
    modifications=[
        Modification(
            "Rest your hand on your head for a little more weight",
            when="you want a deeper stretch",
        ),
    ],
)

routine = Routine(
    "Neck Release",
    [retractions, chin_tucks, neck_stretch],
    intro="Slow, small movements for a neck that is stiff from sitting.",
    outro="Chin retractions can be done a few times a day, at your desk or when driving.",
    # Ten seconds to get from the chair to the floor and back.
    rest_between=seconds(10),
    cautions=[
        Caution("Stop if you feel pins and needles, numbness or pain spreading down an arm."),
    ],
    safety_note=(
        "Move your neck slowly and gently. Stop if it hurts more, or if you feel dizzy, and ask a "
        "doctor or physiotherapist about neck pain that persists."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``).
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
