"""Pilates for Back Pain: three stretches that ease tension in the lower back.

Each stretch is a value of its own, to reuse in custom routines as it is or varied with
``attrs.evolve``. Where the source article gives no duration, the choice and the reason sit in a
comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.kinds import Side
from .._base.time import between, minutes, seconds
from .._dsl.nodes import (
    Break,
    Caution,
    Hold,
    Modification,
    PerSide,
    Reps,
    Routine,
    Step,
    Stretch,
)
from ._translations import translations

__all__ = ["NAME", "TRANSLATIONS", "childs_pose", "legs_up_a_wall", "lunges", "routine"]

NAME = "pilates-for-back-pain"

legs_up_a_wall = Stretch(
    "Legs Up A Wall",
    [
        Step("Sit facing a wall and shuffle your seat in as close to it as you can."),
        Step("Lie back on the floor and let your legs rest straight up along the wall."),
        # The article gives no time; a few minutes lets leg and hip muscles fully let go. It warns
        # against staying still too long, so breaks keep every unbroken part to two minutes or less.
        Hold(
            between(minutes(3), minutes(6)),
            text="Rest your legs on the wall and let your legs and hips go completely soft",
            cue="Feel the weight of your legs sink down into your hip sockets",
            breaks=Break(
                "Bend your knees towards you, then stretch your legs back up the wall",
                every=minutes(2),
                duration=seconds(20),
            ),
        ),
    ],
    purpose=(
        "Relaxing the legs and hips completely lets the weight of the legs settle into the hip "
        "sockets, and that lets the muscles of the lower back release."
    ),
    targets=["lower back", "hips", "hamstrings"],
    props=["a wall"],
    cautions=[
        Caution(
            "Do not stay up the wall too long without a break: bend and stretch your knees every "
            "couple of minutes, or your legs may fall asleep."
        ),
    ],
    modifications=[
        Modification(
            "Keep your knees a little bent; that is perfectly fine.",
            when="tight hamstrings stop your legs from straightening all the way",
        ),
    ],
)

childs_pose = Stretch(
    "Child's Pose",
    [
        Step("Kneel on all fours on an exercise mat or a carpeted floor."),
        Step(
            "Lower your seat back towards your heels and let your upper body rest on your thighs."
        ),
        Step(
            "Stretch your arms out in front of you or lay them along your sides, and rest your "
            "forehead lightly on the mat."
        ),
        Step("When you feel settled, bring your attention to your breathing."),
        # The article gives no time; one to three minutes is long enough for the breath work to
        # relax the back without the knees and ankles stiffening.
        Hold(
            between(minutes(1), minutes(3)),
            text="Rest in the pose and breathe",
            cue=(
                "Each time you breathe out, picture your muscles letting go and the tension "
                "melting away"
            ),
        ),
    ],
    purpose="A very restful position that gives the muscles of the back a break.",
    targets=["back"],
    props=["an exercise mat or a carpeted floor"],
    cautions=[
        Caution("Leave this pose out if you have knee problems.", conditions=["knee"]),
    ],
    modifications=[
        Modification(
            "Sit on a yoga block, or prop yourself up on a folded blanket.",
            when=("you cannot sit all the way back onto your heels (often a sign of tight glutes)"),
            props=["yoga block", "blanket"],
        ),
    ],
)

lunges = Stretch(
    "Lunges",
    [
        # The article leads with the right foot, so the right side goes first.
        PerSide(
            [
                Step(
                    "Stand with your feet close together, then take a big step forward with "
                    "your {side} foot."
                ),
                Step("Keep the back leg straight and reach your {other} heel towards the floor."),
                Step("Bend your front knee until it sits right above your ankle."),
                Step(
                    "Gently press the front of your {other} hip forward, keeping your pelvis "
                    "square, until you feel the stretch."
                ),
                Step(
                    "At the same time, lengthen through the back leg and ease the heel towards "
                    "the floor."
                ),
                Hold(between(seconds(30), seconds(60)), text="Hold the lunge, {side} foot forward"),
            ],
            first=Side.RIGHT,
        ),
        Step("Now alternate lunges at a quicker pace, coming back to standing between each one."),
        # The article gives no count or pace; 5 to 10 on each side at 4 s each is brisk yet leaves
        # time to return to a neutral standing position between reps.
        Reps(
            between(5, 10),
            "Lunge on the {side} foot, back to standing",
            tempo=seconds(4),
            alternate=True,
        ),
    ],
    purpose=(
        "A more active stretch that releases the muscles at the front of the hip. Tight hip "
        "flexors can tip the pelvis forward and deepen the curve of the lower back."
    ),
    targets=["hip flexors", "lower back"],
)

routine = Routine(
    "Pilates for Back Pain",
    [legs_up_a_wall, childs_pose, lunges],
    intro=(
        "Strengthening your core matters for a healthy back, but it takes time. For quicker "
        "relief, these simple stretches ease the tension that builds up in the lower back."
    ),
    outro=(
        "To help keep back pain from coming back, work on strengthening your core. The author of "
        "the original routine also recommends acupuncture."
    ),
    # Ten seconds to get out of one position and into the next.
    rest_between=seconds(10),
    safety_note=(
        "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain "
        "that persists."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``). To reuse these stretches
#: in a routine of your own in those languages, give it these translations too.
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
