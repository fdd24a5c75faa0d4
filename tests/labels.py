"""What the property tests share: the levels, and the compiled segments of a routine beside the
oracle's (its labels: which tree node and which use of it each segment is)."""

from __future__ import annotations

import oracle
from backstretch import (
    CountRange,
    Duration,
    DurationRange,
    Event,
    Hold,
    Kind,
    Level,
    Repeat,
    Reps,
    Routine,
    Timeline,
    compile_routine,
)

LEVELS = [level.value for level in Level]


def compiled(routine: Routine) -> dict[str, Timeline]:
    return {level: compile_routine(routine, level=level) for level in LEVELS}


def labelled(
    routine: Routine,
    level: str,
    conditions: frozenset[str] = frozenset(),
    **compile_options: object,
) -> list[tuple[oracle.Segment, Event]]:
    """The compiled segments, each beside the oracle's segment it must be (checked here; when
    fitted, the oracle finds the fit's shape and remainder by the documented rule)."""
    timeline = compile_routine(routine, level=level, conditions=conditions, **compile_options)  # type: ignore[arg-type]
    fit_to = compile_options.get("fit_to")
    if fit_to is None:
        expected = oracle.segments(routine, level, conditions)
    else:
        assert isinstance(fit_to, Duration)
        shape, filler_ms = oracle.fitted(routine, level, fit_to.ms, conditions)
        expected = oracle.segments(routine, shape, conditions, filler_ms=filler_ms)
    assert [e.fields() for e in expected] == [oracle.fields_of(s) for s in timeline.segments]
    return list(zip(expected, timeline.segments, strict=True))


def resolved(
    routine: Routine, level: str, **compile_options: object
) -> dict[object, tuple[object, int]]:
    """Per use of a hold, reps or repeat in the timeline: its node and the value its range
    resolved to (held time, reps per side, rounds), read from the events' fields."""
    values: dict[object, tuple[object, int]] = {}
    for label, event in labelled(routine, level, frozenset(), **compile_options):
        if event.kind is Kind.HOLD:
            node, held = values.get(label.instance, (label.node, 0))
            # A hold counted in breaths resolves its count; others their held time.
            got = event.duration_ms if event.breaths is None else event.breaths
            values[label.instance] = (node, held + got)
        elif event.kind is Kind.REP and event.rep is not None:
            values[label.instance] = (label.node, event.rep.count)
        # A circuit's round comes first; the repeats' rounds after it (circuit rounds are
        # checked against the level by the chapters test).
        inner = event.rounds[len(event.rounds) - len(label.repeats) :]
        for (repeat, instance), position in zip(label.repeats, inner, strict=True):
            values[instance] = (repeat, position.count)
    return values


def ranged(node: object) -> Duration | DurationRange | int | CountRange:
    assert isinstance(node, Hold | Reps | Repeat), node
    return oracle.ranged_value(node)
