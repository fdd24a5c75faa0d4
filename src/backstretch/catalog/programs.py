"""The built-in programs: built-in routines over days and weeks.

Each program's docstring says what comes from the routine's source and what is our choice (the
sources give exercises and their doses; where they give no schedule or progression, ours is
marked as such). Every program asks pain before and after each session and how it felt, and
holds progression back at pain 4 out of 10 and steps back at 6 (``PainRule()``), with the advice
to stop and ask a professional.
"""

from __future__ import annotations

from .._base.time import seconds
from .._program.program import PainRule, Program, Progression, Schedule, Stage
from . import desk_break, knee_strength, pilates_for_back_pain

__all__ = ["PROGRAMS", "back_care", "desk_breaks", "knee_in_stages"]

back_care = Program(
    "Two Weeks of Back Care",
    [
        Stage(
            pilates_for_back_pain.routine,
            weeks=2,
            level="gentle",
            schedule=Schedule(at=["18:00"]),
            name="Two weeks",
        )
    ],
    progression=[Progression("hold", by=seconds(15), every_days=7)],
    source=(
        "The routine and its ranges (Legs Up A Wall 3 to 6 minutes, Child's Pose 1 to 3 minutes, "
        "Lunges 30 to 60 seconds a side) are the seed article's. Daily for two weeks, starting at "
        "the low end of every range and holding 15 s longer each week, never past a range's top, "
        "is our choice: the article says core strength takes time, and the stretches are for "
        "relief along the way."
    ),
)
"""Two weeks of the seed routine, once a day in the evening: the first week at the low end of
every range, then each week's holds 15 s longer, staying inside the ranges the article gives.
Pain at 4/10 holds the progression; at 6/10 it steps back and advises asking a professional."""

knee_in_stages = Program(
    "Knee Strength in Stages",
    [
        Stage(
            knee_strength.routine,
            schedule=Schedule(["mon", "wed", "fri"]),
            level="gentle",
            sessions=6,
            move_on="pain_eased",
            name="Settle",
        ),
        Stage(
            knee_strength.routine,
            schedule=Schedule(["mon", "wed", "fri"]),
            weeks=2,
            name="Build",
        ),
        Stage(
            knee_strength.routine,
            schedule=Schedule(["mon", "wed", "fri"]),
            level="deep",
            name="Keep going",
        ),
    ],
    progression=[Progression("reps", by=1, on="easy")],
    pain=PainRule(hold_at=4, back_at=6),
    source=(
        "NHS inform, 'Exercises for knee problems' (nhsinform.scot): the exercises, their holds "
        "and counts, and the advice that they should not make the pain worse (stop any that "
        "does, and ask for help if the knee is no better after some weeks). Three days a week, "
        "the stages, moving on when the pain eases, and a rep more when a session was easy are "
        "our choices."
    ),
)
"""The knee routine three times a week in three stages: "Settle" at the gentle level until six
sessions are done or a session eases the pain; "Build" at the standard level for two weeks; then
"Keep going" at the deep level. A session the person found easy adds a rep to each set, inside
each set's range. The pain rule holds progression at 4/10 and steps back at 6/10."""

desk_breaks = Program(
    "Hourly Desk Breaks",
    [
        Stage(
            desk_break.routine,
            schedule=Schedule(
                ["mon", "tue", "wed", "thu", "fri"],
                at=["09:00", "10:00", "11:00", "12:00", "14:00", "15:00", "16:00", "17:00"],
                gap="45m",
            ),
            name="Work days",
        )
    ],
    missed="calendar",
    source=(
        "Mayo Clinic, 'Office exercise: Stretches you can do at your desk': the stretches and "
        "their holds. A break every working hour (none at lunch), a missed break simply gone, "
        "is our choice."
    ),
)
"""The desk break every working hour on weekdays, 09:00 to 17:00 but for lunch: a missed break
is gone (the calendar policy), the next one is at the next hour."""

#: The built-in programs by name.
PROGRAMS: dict[str, Program] = {
    "back-care": back_care,
    "knee-in-stages": knee_in_stages,
    "desk-breaks": desk_breaks,
}
