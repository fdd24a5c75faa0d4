"""Limits that turn a hostile or mistaken routine into a clear error instead of a hang.

Counts multiply (a Repeat of a PerSide of Reps), so a short document can describe billions of
events. The expansion is bounded from the tree alone, at the top of every range, before anything
is built.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._memo import IdentityMemo
from ._model import BodyNode, Hold, PerSide, Repeat, Reps, Routine, Stretch, hold_parts
from ._time import CountRange, Duration, DurationRange, format_ms, minutes, to_duration
from .exceptions import InvalidValueError, LimitError

__all__ = ["Limits", "check_depth", "check_expansion"]


def _positive_int(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 1:
        raise InvalidValueError(f"Limits.{attr.name} must be a whole number >= 1, got {value!r}")


def _as_duration(value: Duration | str) -> Duration:
    return to_duration(value, field="Limits.max_total")


@attrs.frozen
class Limits:
    """How big a routine or document may be. The defaults suit any real routine by far; an app
    that serves untrusted documents may lower them, one that plays marathons may raise them.

    - ``max_bytes``: size of a document's text (1 MB).
    - ``max_depth``: nesting of a document's objects and lists (64).
    - ``max_events``: events a routine may expand to, at the top of every range (100 000).
    - ``max_total``: length of a compiled routine (6 hours).
    """

    max_bytes: int = attrs.field(default=1_000_000, kw_only=True, validator=_positive_int)
    max_depth: int = attrs.field(default=64, kw_only=True, validator=_positive_int)
    max_events: int = attrs.field(default=100_000, kw_only=True, validator=_positive_int)
    max_total: Duration = attrs.field(default=minutes(360), kw_only=True, converter=_as_duration)


@attrs.frozen
class _CueRates:
    """What the cue options add to each hold: countdown ticks per part, a breath cue every ..."""

    ticks: int
    breath_every_ms: int | None


def check_depth(data: object, limits: Limits) -> None:
    """Refuse a document tree nested deeper than ``limits.max_depth`` (without recursing)."""
    if not isinstance(data, dict | list):
        return
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 1)]
    while stack:  # only containers are ever pushed: a flat document costs one step per object
        value, depth = stack.pop()
        if depth > limits.max_depth:
            raise LimitError(
                f"the document is nested more than {limits.max_depth} levels deep "
                f"(Limits.max_depth)"
            )
        for child in value.values() if isinstance(value, dict) else value:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))


def check_expansion(
    routine: Routine, limits: Limits, *, ticks: int, breath_every_ms: int | None
) -> None:
    """Refuse a routine that could expand to more than ``limits.max_events`` events."""
    rates = _CueRates(ticks, breath_every_ms)
    bound = _BOUNDS.get(routine, rates)
    if bound is None:
        bound = _routine_bound(routine, rates)
        _BOUNDS.put(routine, bound, rates)
    if bound > limits.max_events:
        shown = f"{bound:,}" if bound < 10**15 else "more than 10^15"
        raise LimitError(
            f"this routine can expand to {shown} events; the limit is {limits.max_events:,} "
            f"(Limits.max_events); lower the counts of its Repeat and Reps"
        )


#: Each routine's bound, per cue rates (routines are immutable: see _memo).
_BOUNDS: IdentityMemo[Routine, int] = IdentityMemo()


def check_total(total_ms: int, limits: Limits) -> None:
    """Refuse a compiled routine longer than ``limits.max_total``."""
    if total_ms > limits.max_total.ms:
        raise LimitError(
            f"this routine lasts {format_ms(total_ms)}; the limit is "
            f"{format_ms(limits.max_total.ms)} (Limits.max_total)"
        )


def _high(value: int | CountRange) -> int:
    return value.high if isinstance(value, CountRange) else value


def _routine_bound(routine: Routine, cues: _CueRates) -> int:
    total = 6  # safety note, title, intro, outro, end, and slack
    for item in routine.body:
        if isinstance(item, Stretch):
            total += 2 + max(_stretch_bound(s, cues) for s in item.chain)
        else:
            total += 1
    return total


def _stretch_bound(stretch: Stretch, cues: _CueRates) -> int:
    head = 2 + len(stretch.cautions) + len(stretch.modifications)
    return head + _body_bound(stretch.body, cues)


def _body_bound(body: tuple[BodyNode, ...], cues: _CueRates) -> int:
    total = 0
    for node in body:
        if isinstance(node, Hold):
            parts = hold_parts(node)
            total += (2 + cues.ticks) * parts + 1 + _cue_repeats(node, cues)
        elif isinstance(node, Reps):
            total += _high(node.count) * (2 if node.alternate else 1)
        elif isinstance(node, PerSide):
            total += 2 + 2 * _body_bound(node.body, cues)
        elif isinstance(node, Repeat):
            total += _high(node.times) * _body_bound(node.body, cues)
        else:
            total += 1
    return total


def _cue_repeats(hold: Hold, cues: _CueRates) -> int:
    if not hold.cue:
        return 0
    high = hold.duration.high_ms if isinstance(hold.duration, DurationRange) else hold.duration.ms
    return 1 + (high // cues.breath_every_ms if cues.breath_every_ms else 0)
