"""How many events a routine can expand to, bounded from its tree before anything is built.

Counts multiply (a Repeat of a PerSide of Reps), so a short document can describe billions of
events; ``check_expansion`` refuses such a routine in milliseconds instead of hanging.
"""

from __future__ import annotations

import attrs

from .._base.limits import Limits
from .._base.memo import IdentityMemo
from .._base.time import Breaths, CountRange, DurationRange
from ..exceptions import LimitError
from .nodes import (
    BodyNode,
    Breath,
    Circuit,
    Hold,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Stretch,
    hold_parts,
)

__all__ = ["check_expansion"]


@attrs.frozen
class _CueRates:
    """What the cue options add to each hold: countdown ticks per part, a breath cue every ..."""

    ticks: int
    hold_cues: bool
    breath_every_ms: int | None
    breath_ms: int


def check_expansion(
    routine: Routine,
    limits: Limits,
    *,
    ticks: int,
    hold_cues: bool,
    breath_every_ms: int | None,
    breath_ms: int,
) -> None:
    """Refuse a routine that could expand to more than ``limits.max_events`` events."""
    rates = _CueRates(ticks, hold_cues, breath_every_ms, breath_ms)
    bound = _BOUNDS.get(routine, rates)
    if bound is None:
        bound = _routine_bound(routine, rates)
        _BOUNDS.put(routine, bound, rates)
    if bound > limits.max_events:
        shown = f"{bound:,}" if bound < 10**15 else "more than 10^15"
        raise LimitError(
            f"this routine can expand to as many as {shown} events (an upper bound, counted "
            f"from its tree: every range at its top, every cue marker the cue options could "
            f"add); the limit is {limits.max_events:,} (Limits.max_events); lower the counts of "
            f"its Repeat and Reps"
        )


#: Each routine's bound, per cue rates (routines are immutable: see _memo).
_BOUNDS: IdentityMemo[Routine, int] = IdentityMemo()


def _high(value: int | CountRange | tuple[int, ...]) -> int:
    if isinstance(value, tuple):
        return max(value)
    return value.high if isinstance(value, CountRange) else value


def _routine_bound(routine: Routine, cues: _CueRates) -> int:
    total = 6 + len(routine.cautions)  # safety note, title, intro, outro, end, and slack
    for item in routine.body:
        if isinstance(item, Circuit):  # each round: a rest between, and its body
            total += _high(item.times) * (1 + _items_bound(item.body, cues))
        else:
            total += _items_bound((item,), cues)
    return total


def _items_bound(items: tuple[Stretch | Rest, ...], cues: _CueRates) -> int:
    total = 0
    for item in items:
        if isinstance(item, Stretch):
            # its skip markers, a rest before it, and the longest stretch of its chain
            total += len(item.chain) + 1 + max(_stretch_bound(s, cues) for s in item.chain)
        else:
            total += 1
    return total


def _stretch_bound(stretch: Stretch, cues: _CueRates) -> int:
    head = 3 + len(stretch.cautions) + len(stretch.modifications)  # next-up, announce, props
    return head + _body_bound(stretch.body, cues)


def _body_bound(body: tuple[BodyNode, ...], cues: _CueRates) -> int:
    """Segments and markers of ``body`` at the top of every range: each node's segments, and
    every marker that can land in them (countdown ticks, halfway, a hold's own cues, switches
    and their prompts, the rest and switch between rounds)."""
    total = 0
    for node in body:
        if isinstance(node, Hold):  # per part: the part, a break, halfway and the ticks
            total += hold_parts(node) * (3 + cues.ticks) + _cue_repeats(node, cues)
        elif isinstance(node, Breath):
            total += len(node.phases) + 1
        elif isinstance(node, Reps):  # the reps, the ticks before them, what they wait for
            total += _high(node.count) * (2 if node.alternate else 1) + 1 + cues.ticks
        elif isinstance(node, PerSide):  # both sides, a switch and its prompt between them,
            total += 5 + 2 * _body_bound(node.body, cues)  # one before, and one more
        elif isinstance(node, OneSide):  # one side, a switch to it and its prompt
            total += 3 + _body_bound(node.body, cues)
        elif isinstance(node, Repeat):  # each round: a rest between, a switch and its prompt
            total += _high(node.times) * (3 + _body_bound(node.body, cues))
        else:
            total += 1
    return total


def _cue_repeats(hold: Hold, cues: _CueRates) -> int:
    if not hold.cue or not cues.hold_cues:
        return 0
    duration = hold.duration
    if isinstance(duration, Breaths):
        high = duration.high * cues.breath_ms
    else:
        high = duration.high_ms if isinstance(duration, DurationRange) else duration.ms
    return 1 + (high // cues.breath_every_ms if cues.breath_every_ms else 0)
