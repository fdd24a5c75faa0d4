"""Fitting a routine to a length: a search over layout totals only (no cues, no events).

Every timed hold range and every count range (the rounds of a Repeat or Circuit, the reps of Reps)
moves together from where the level puts it: up towards its high end for a longer target, down
towards its low end for a shorter one, each the same fraction of its way there (a shared "water
level", ``Shape``), counts in whole units, holds by the millisecond. A longer target never shortens
a hold nor takes away a round or a rep. Self-paced parts and counts of breaths keep their level's
value. What the ranges cannot reach exactly (copies that must stay equal, or the gap before the
next whole round) is the remainder: added to the title segment when shorter than 3 s, else a
closing rest before the routine's closing words.

The fit is the highest water level whose total does not pass the target. The total only grows with
the water, and between two levels where a count changes it is a constant plus the fitted holds: so
a few measuring walks find the stretch of water levels where the counts are right, and arithmetic
finds the level inside it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from .._base.time import Level, format_ms
from ..exceptions import FitError
from .layout import STEPS, Measured, Shape

__all__ = ["fit", "fit_error"]

Measure = Callable[[Shape], Measured]


def fit(measure: Measure, target_ms: int, low: Measured, high: Measured) -> tuple[Shape, int]:
    """The shape whose total comes closest to ``target_ms`` without passing it, and the remainder
    that lands the total on it exactly. ``low`` and ``high`` are the totals at the lowest and the
    highest water level, which span the target."""
    if high.total_ms <= target_ms:
        return Shape(STEPS), target_ms - high.total_ms
    # Where any count changes: between two of these the counts stay as they are.
    starts = sorted({-STEPS}.union(*(_changes(*count) for count in low.counts)))
    found = {-STEPS: low}

    def at(water: int) -> Measured:
        if water not in found:
            found[water] = measure(Shape(water))
        return found[water]

    # The last stretch of water levels whose first total does not pass the target.
    first = bisect.bisect_right(starts, target_ms, key=lambda water: at(water).total_ms) - 1
    start = starts[first]
    end = starts[first + 1] - 1 if first + 1 < len(starts) else STEPS
    base = at(start)
    # Inside it only the fitted holds move: the total is the base plus how far each moved.
    holds = [
        (count, low_ms, level_ms, high_ms)
        for (low_ms, level_ms, high_ms), count in base.holds.items()
    ]

    def total(water: int) -> int:
        shape, was = Shape(water), Shape(start)
        return base.total_ms + sum(
            count * (shape.value(lo, mid, hi) - was.value(lo, mid, hi))
            for count, lo, mid, hi in holds
        )

    lo, hi = start, end
    while lo < hi:
        middle = (lo + hi + 1) // 2
        if total(middle) <= target_ms:
            lo = middle
        else:
            hi = middle - 1
    return Shape(lo), target_ms - total(lo)


def _changes(low: int, middle: int, high: int) -> set[int]:
    """The water levels at which a count range's value differs from the level just below."""
    up, down = high - middle, middle - low
    found = {-(-k * STEPS // up) for k in range(1, up + 1)}
    found.update(1 - -(-k * STEPS // down) for k in range(1, down + 1))
    return found


def fit_error(span: Callable[[Level], tuple[int, int]], level: Level, target_ms: int) -> FitError:
    """Why ``target_ms`` cannot be fitted at ``level``: the span from every range at its low end to
    every one at its high end (``span`` gives it for a level); where another level spans otherwise
    (self-paced parts and counts of breaths keep their level's value), what it spans and whether it
    reaches the target."""
    low_ms, high_ms = span(level)
    reach = (
        f"always takes {format_ms(low_ms)} (nothing in it can be fitted)"
        if low_ms == high_ms
        else f"can take between {format_ms(low_ms)} and {format_ms(high_ms)}"
    )
    message = (
        f"cannot fit this routine into {format_ms(target_ms)}: at level {level.value} it {reach}"
    )
    others: list[str] = []
    reaching: list[str] = []
    for other in Level:
        if other is not level:
            low_other, high_other = span(other)
            if (low_other, high_other) != (low_ms, high_ms):
                others.append(f"{other.value}: {format_ms(low_other)} to {format_ms(high_other)}")
                if low_other <= target_ms <= high_other:
                    reaching.append(other.value)
    if others:
        advice = (
            f"level {' or '.join(reaching)} can (level={reaching[0]!r}, --level {reaching[0]})"
            if reaching
            else "no level can"
        )
        message += f" ({'; '.join(others)}); {advice}"
    return FitError(message, low_ms=low_ms, high_ms=high_ms)
