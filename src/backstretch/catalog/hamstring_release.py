"""Hamstring Release: a towel-assisted hamstring stretch lying down and a seated one, held until
the muscle lets go.

Sources (facts carried over, words our own):

- AAOS OrthoInfo, "Knee Conditioning Program": the supine hamstring stretch (lie on the floor
  with both knees bent; lift one leg, hold the back of the thigh and straighten the knee until a
  stretch is felt at the back of the thigh; hold 30 seconds, relax; do it on both legs; a stretch,
  never pain, is what should be felt).
- Mayo Clinic, "A guide to basic stretches": hold each stretch about 30 seconds, and up to 60 for a
  problem area; do not bounce; stretch until mild tension, never to pain; a towel around the foot
  helps when the hands cannot reach.

The holds here are self-paced: at least the least time the sources give, then until the stretch
eases, which is how the tension in a held stretch fades. Where a source gives no number, the
choice and the reason sit in a comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.time import between, breaths, seconds
from .._dsl.nodes import Caution, Hold, Modification, PerSide, Routine, Step, Stretch
from ._translations import translations

__all__ = [
    "NAME",
    "TRANSLATIONS",
    "lying_hamstring",
    "routine",
    "seated_hamstring",
]

NAME = "hamstring-release"

lying_hamstring = Stretch(
    "Lying Hamstring Stretch",
    [
        Step("Lie on your back with both knees bent and feet flat on the floor."),
        PerSide(
            [
                Step(
                    "Loop the towel around your {side} foot and lift the leg, knee still bent.",
                    until="you hold both ends of the towel",
                ),
                Hold(
                    seconds(30),
                    text="Straighten your {side} knee until you feel a stretch behind the thigh",
                    cue="No bouncing: breathe out and let the leg sink a little closer",
                    until="the stretch eases",
                ),
                Hold(breaths(3), text="Bend your {side} knee and rest the foot on the floor"),
            ],
            switch=seconds(8),
        ),
    ],
    purpose="Lengthens the muscles at the back of the thigh with the back resting flat.",
    targets=["hamstrings", "back of the knee"],
    props=["a towel or a strap", "a mat"],
    cautions=[Caution("Feel a stretch at the back of the thigh, never pain behind the knee.")],
    modifications=[
        Modification(
            "Hold the back of your thigh with your hands instead",
            when="you have no towel",
        ),
    ],
)

seated_hamstring = Stretch(
    "Seated Hamstring Stretch",
    [
        Step("Sit on the front edge of a chair."),
        PerSide(
            [
                Step("Stretch your {side} leg out, heel on the floor, toes up."),
                Hold(
                    # Thirty seconds, or up to sixty for a tight hamstring, by level.
                    between(seconds(30), seconds(60)),
                    text="Lean forward from the hips, back straight, until you feel the stretch",
                    until="the back of your {side} thigh softens",
                ),
                Step("Sit back up and bend the {side} knee.", duration=seconds(4)),
            ],
        ),
    ],
    purpose="The same stretch sitting, to do at a desk during the day.",
    targets=["hamstrings"],
    props=["a chair"],
    cautions=[
        Caution(
            "Lean from the hips with a straight back; rounding the lower back takes the stretch "
            "away from the thigh and into the spine.",
            conditions=["sciatica"],
        ),
    ],
)

routine = Routine(
    "Hamstring Release",
    [lying_hamstring, seated_hamstring],
    intro="Two hamstring stretches, each held until the muscle lets go. Take your time.",
    outro="Tight hamstrings ease over weeks, not days: stretch them a little every day.",
    # Twenty seconds to get up from the floor and sit on the chair.
    rest_between=seconds(20),
    safety_note=(
        "Stretch only to a gentle pull, never to pain, and never bounce. Stop if you feel "
        "tingling or pain down the leg, and ask a doctor or physiotherapist about it."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``).
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
