"""A custom desk-break routine written from scratch, compiled and printed as a schedule.

Run it: ``python examples/desk_break.py [gentle|standard|deep]``.
"""

from __future__ import annotations

import sys

from backstretch import (
    Caution,
    Hold,
    Modification,
    PerSide,
    Repeat,
    Reps,
    Routine,
    Step,
    Stretch,
    Timeline,
    between,
    compile_routine,
    format_ms,
    seconds,
)

neck = Stretch(
    "Neck Side Stretch",
    [
        Step("Sit tall at the front of your chair, shoulders relaxed."),
        PerSide(
            [
                Step("Tilt your {side} ear towards your {side} shoulder."),
                Hold(
                    between(seconds(20), seconds(40)),
                    text="Hold, {other} shoulder heavy",
                    cue="Breathe out and let the {other} shoulder drop",
                ),
            ]
        ),
    ],
    purpose="Eases the tension that builds along the side of the neck at a desk.",
    targets=["neck", "upper back"],
    cautions=[Caution("Move slowly, and stop if you feel dizzy or tingling in your arms.")],
)

shoulders = Stretch(
    "Shoulder Rolls",
    [
        Repeat(between(2, 3), [Reps(5, "Roll both shoulders back", tempo=seconds(2))]),
        Reps(between(4, 6), "Reach your {side} arm up and over", tempo=seconds(3), alternate=True),
    ],
    purpose="Wakes up the shoulders and opens the chest.",
    modifications=[Modification("Keep the movement small.", when="your shoulder is stiff")],
)

desk_break = Routine(
    "Desk Break",
    [neck, shoulders],
    intro="A few minutes to undo an hour of sitting.",
    rest_between=seconds(5),
)


def schedule(timeline: Timeline) -> str:
    """One line per segment: start, side, text."""
    lines = [f"{timeline.title}: {format_ms(timeline.total_ms)}"]
    for event in timeline.segments:
        side = f"[{event.side.value.upper()}] " if event.side else ""
        lines.append(f"{format_ms(event.start_ms):>6}  {side}{event.text}")
    return "\n".join(lines)


if __name__ == "__main__":
    level = sys.argv[1] if len(sys.argv) > 1 else "standard"
    print(schedule(compile_routine(desk_break, level=level)))
