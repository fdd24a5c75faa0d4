"""Calm Breathing: the 4-7-8 breath and a few slow belly breaths, sitting.

Sources (facts carried over, words our own):

- Andrew Weil, "Breathing Exercises: 4-7-8 Breath" (drweil.com): sit with the back straight;
  keep the tip of the tongue on the ridge behind the upper front teeth throughout; breathe out
  completely through the mouth with a whoosh; close the mouth and breathe in quietly through the
  nose to a count of four, hold the breath for a count of seven, breathe out through the mouth to
  a count of eight; that is one breath; do four breaths in all, at least twice a day; do no more
  than four breaths at a time for the first month; the counts may be said faster, keeping their
  ratio; a little light-headedness at first is common and passes.
- Cleveland Clinic, "Diaphragmatic Breathing": one hand on the upper chest, the other just below
  the rib cage; breathe in slowly through the nose so the belly moves out against the hand while
  the chest hand stays still; tighten the belly and let it fall in as you breathe out through
  pursed lips.

Counts are read as seconds. Where a source gives no number, the choice and the reason sit in a
comment beside it.
"""

from __future__ import annotations

import attrs

from .._base.time import breaths, seconds
from .._dsl.nodes import Breath, Caution, Hold, Modification, Repeat, Routine, Step, Stretch
from ._translations import translations

__all__ = [
    "NAME",
    "TRANSLATIONS",
    "belly_breathing",
    "four_seven_eight",
    "long_out_breath",
    "routine",
]

NAME = "calm-breathing"

belly_breathing = Stretch(
    "Belly Breathing",
    [
        Step("Sit tall, one hand on your upper chest, the other just below your ribs."),
        # The source gives no count; six slow breaths settle the breathing before the counted
        # ones, and are counted in breaths so they follow the person's own pace.
        Hold(
            breaths(6),
            text="Breathe in through your nose so your belly pushes your lower hand out",
            cue="Keep the hand on your chest still; breathe out through pursed lips",
        ),
    ],
    purpose="Moves the breath down into the belly, where it slows by itself.",
    targets=["diaphragm"],
    props=["a chair"],
)

# Done instead of the 4-7-8 breath by someone who should not hold the breath: the same long
# out-breath, without the hold (our conservative choice; the sources do not address it).
long_out_breath = Stretch(
    "Long Out-Breath",
    [
        Repeat(
            4,
            [
                Step("Breath {round} of {rounds}.", duration=seconds(3)),
                Breath(seconds(4), seconds(8)),
            ],
        ),
    ],
    purpose="Breathing out for twice as long as breathing in calms the body, with no holding.",
    targets=["breathing", "calm"],
)

four_seven_eight = Stretch(
    "4-7-8 Breath",
    [
        Step("Rest the tip of your tongue on the ridge just behind your upper front teeth."),
        Step("Breathe out completely through your mouth, with a whoosh.", duration=seconds(5)),
        Repeat(
            4,  # the source's four, and no more than four for the first month
            [
                Step("Breath {round} of {rounds}: close your mouth.", duration=seconds(3)),
                Breath(seconds(4), seconds(8), hold=seconds(7)),
            ],
        ),
        Step("Let your breathing return to its own rhythm.", duration=seconds(10)),
    ],
    purpose="A long, slow out-breath calms the body: used to settle before sleep or stress.",
    targets=["breathing", "calm"],
    cautions=[
        Caution("Do no more than four breaths at a time for your first month of practice."),
        Caution(
            "Holding the breath is not for everyone in pregnancy or with a heart or lung "
            "condition: breathe out long instead, and ask your doctor or midwife.",
            conditions=["pregnancy", "heart", "lung"],
        ),
    ],
    alternative=long_out_breath,
    modifications=[
        Modification(
            "Count faster, keeping in 4, hold 7, out 8 in the same proportion",
            when="holding your breath for seven is hard",
        ),
    ],
)

routine = Routine(
    "Calm Breathing",
    [belly_breathing, four_seven_eight],
    intro="Sit somewhere quiet with your back straight; this takes about four minutes.",
    outro="Practise it twice a day; it works better the more often you do it.",
    # Ten seconds to move both hands down and settle before the counted breaths.
    rest_between=seconds(10),
    cautions=[
        Caution("Feeling a little light-headed at first is common; stop and breathe normally."),
    ],
    safety_note=(
        "Breathe gently and never strain. Stop if you feel dizzy, faint or short of breath, and "
        "ask a doctor about breathing problems that persist."
    ),
)

#: The routine's texts in German and Spanish (``Routine.translations``).
TRANSLATIONS = translations(NAME)
routine = attrs.evolve(routine, translations=TRANSLATIONS)
