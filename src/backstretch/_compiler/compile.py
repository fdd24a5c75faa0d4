"""compile_routine: a pure function from a routine tree to a flat, timed Timeline, in passes over
values: choose (which stretch plays where) -> layout (the timed walk; fitting searches its totals)
-> cues (markers where they have room) -> localize (the words of the language asked for)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Sequence

import attrs

from .._base.kinds import Kind, Side
from .._base.limits import Limits, check_total
from .._base.time import Duration, Level, to_duration
from .._dsl.bounds import check_expansion
from .._dsl.check import check_routine
from .._dsl.nodes import Routine
from .._dsl.sayable import overruns
from .._i18n.catalogs import LANGUAGES
from .._timeline.timeline import CompileOptions, Event, Message, Timeline, compiled_timeline
from ..exceptions import InvalidTypeError, InvalidValueError, RoutineError
from .choose import Plan, choose
from .cues import place_cues
from .fit import fit, fit_error
from .layout import STEPS, Measured, Shape, layout, measure
from .localize import Draft, Spoken, localize
from .options import (
    BREATH,
    NO_CUES,
    ROUTINE_NOTE,
    SAFETY_NOTE,
    Cues,
    Options,
    Unset,
    breath_duration,
    estimate_ms,
    read_affected,
    read_conditions,
    read_cues,
    read_level,
    read_safety_note,
    read_swapped,
)

__all__ = [
    "BREATH",
    "LANGUAGES",
    "SAFETY_NOTE",
    "Cues",
    "breath_duration",
    "compile_routine",
    "estimate_ms",
]

_DEFAULT_LIMITS = Limits()


def compile_routine(
    routine: Routine,
    *,
    level: Level | str = Level.STANDARD,
    conditions: Iterable[str] = (),
    fit_to: Duration | datetime.timedelta | str | None = None,
    cues: Cues | None = None,
    safety_note: str | Unset | None = ROUTINE_NOTE,
    language: str | None = None,
    limits: Limits | None = None,
    affected: Side | str | None = None,
    breath: Duration | datetime.timedelta | str = BREATH,
    swap: Iterable[str] = (),
    strict_speech: bool = False,
    session: Sequence[Message] = (),
) -> Timeline:
    """Compile ``routine`` to its Timeline.

    - ``level`` (``"gentle"``, ``"standard"``, ``"deep"``): where every range lands: its low end,
      its middle (rounded down) or its high end.
    - ``conditions`` (e.g. ``{"knee"}``): a stretch with a caution naming one of them is replaced
      by its ``alternative`` (if that one is safe) or left out; a ``skip`` marker says so. Names
      come from the shared vocabulary (``CONDITIONS``, aliases included: "knees" is "knee") or
      the routine's ``extra_conditions``; any other name is an UnknownConditionError that
      suggests the nearest known one.
    - ``fit_to``: a total length, reached exactly: every hold range and every count range moves
      together inside its bounds from where the level puts it (see ``fit`` and
      docs/personalize.md), the remainder lengthening the title or closing with a rest. A
      FitError states the window (every range at its low end to every one at its high end).
    - ``cues``: which cue markers to add (default ``Cues()``; ``Cues.off()`` for none).
    - ``safety_note``: the note that opens the timeline: by default the routine's own
      (``Routine.safety_note``), else the library's general ``SAFETY_NOTE``; a text replaces it;
      None leaves it out (for an app that shows its own).
    - ``language``: the language of every text (``LANGUAGES``; by default the routine's own
      language where the library writes it, else English): the library's words from its
      catalog, the author's from ``Routine.translations`` (a text with none stays as written).
      Times never depend on it: the same routine in two languages has the same events at the
      same times, only their texts differ.
    - ``limits``: how many events and how long a routine may be (default ``Limits()``); a
      LimitError says which was passed, before any work is done for an oversized routine.
    - ``affected`` (``"left"`` or ``"right"``): the person's affected (injured, tight, weaker)
      side, for a routine that works one side more (``OneSide(side="affected")``,
      ``first="affected"``); such a routine cannot be compiled without it.
    - ``breath``: how long one breath takes (default ``BREATH``, 6 s); a hold counted in breaths
      (``Hold(breaths(3))``) lasts that many breaths. Phases of a ``Breath`` keep their own times.
    - ``swap`` (e.g. ``{"Child's Pose"}``): stretches the person would rather swap for their
      ``alternative``, by name (case and punctuation aside); each must have one. A skip marker
      says so, as for a condition.

    - ``strict_speech``: refuse (a RoutineError) a routine with a text that cannot be said within
      its segment at the reference pace (``overruns``: what ``backstretch check`` warns of).
    - ``session``: what a program says of this session (which one, when, what changed since its
      stage began: ``session_*`` and ``progress_*`` messages), said after the title as
      ``session`` events; ``next_session`` gives them.

    The routine is checked first; a RoutineError lists every problem at its ``$.path``. Equal
    inputs give equal timelines.
    """
    if not isinstance(routine, Routine):
        raise InvalidTypeError(f"compile_routine() takes a Routine, got {type(routine).__name__}")
    chosen_level = read_level(level)
    affected_side = read_affected(affected)
    chosen_cues = read_cues(cues)
    declared = read_conditions(conditions)
    note = read_safety_note(safety_note, routine)
    target_ms = None if fit_to is None else to_duration(fit_to, field="fit_to").ms
    breath_ms = breath_duration(breath).ms
    if language is None:
        language = routine.language if routine.language in LANGUAGES else "en"
    if language not in LANGUAGES:
        raise InvalidValueError(
            f"language must be one the library writes its text in ({', '.join(LANGUAGES)}), "
            f"got {language!r}"
        )
    if limits is not None and not isinstance(limits, Limits):
        raise InvalidTypeError(f"limits must be a Limits(...) value or None, got {limits!r}")
    limits = limits or _DEFAULT_LIMITS
    check_routine(routine)
    if strict_speech is not False:
        if strict_speech is not True:
            raise InvalidTypeError(f"strict_speech must be True or False, got {strict_speech!r}")
        too_long = overruns(routine)
        if too_long:
            raise RoutineError(too_long)
    declared = routine.vocabulary.resolve(declared)
    swapped = read_swapped(swap, routine)
    every_ms = (
        chosen_cues.breath_every.ms if chosen_cues.breath_every and chosen_cues.hold_cues else None
    )
    check_expansion(
        routine,
        limits,
        ticks=chosen_cues.countdown,
        hold_cues=chosen_cues.hold_cues,
        breath_every_ms=every_ms,
        breath_ms=breath_ms,
    )
    said = _session_messages(session)
    options = Options(
        chosen_level, declared, chosen_cues, note, affected_side, breath_ms, swapped, said
    )
    plan = choose(routine, options)
    unfitted_ms = None
    shape, filler_ms = None, 0
    if target_ms is not None:
        check_total(target_ms, limits)
        shape, filler_ms, unfitted_ms = _fit(routine, plan, options, target_ms)
    laid = layout(routine, plan, options, shape, filler_ms)
    check_total(laid.total_ms, limits)
    events, left_out = place_cues(laid.stream, chosen_cues, Spoken(routine, laid.sources))
    if laid.trailing_notes:
        events = _keep_last_notes_in_sight(events, laid.last_start_ms, laid.total_ms)
    # Markers were made when their segment was; put each after the segment starting with it.
    events.sort(key=lambda e: (e.start_ms, e.duration_ms == 0))
    record = _record(
        chosen_level,
        declared,
        target_ms,
        language,
        note is not None,
        chosen_cues,
        affected_side,
        breath_ms,
        unfitted_ms,
        swapped,
        left_out,
    )
    parts = (routine.title, laid.total_ms, events, laid.chapters, laid.stretches, record)
    if language == "en" and routine.language == "en":
        return compiled_timeline(*parts)
    # Times were reckoned from the routine's own words and the library's English: now the words,
    # and then the timeline (a draft of the author's language and the library's English is none).
    return localize(Draft(*parts), routine, language, laid.sources)


def _session_messages(session: object) -> tuple[Message, ...]:
    if isinstance(session, str) or not isinstance(session, Iterable):
        raise InvalidTypeError(f"session must be a list of Message values, got {session!r}")
    said = tuple(session)
    for message in said:
        if not isinstance(message, Message):
            raise InvalidTypeError(f"session must hold Message values, got {message!r}")
    return said


@functools.lru_cache(maxsize=256)
def _record(
    level: Level,
    conditions: frozenset[str],
    fit_to_ms: int | None,
    language: str,
    safety_note: bool,
    cues: Cues,
    affected: Side | None,
    breath_ms: int,
    unfitted_ms: int | None,
    swapped: frozenset[str],
    cues_left_out: int,
) -> CompileOptions:
    """What a timeline was compiled with, as the timeline records it. The same few options come
    again and again (a service compiles per request), so equal ones share one checked value."""
    return CompileOptions(
        level=level,
        conditions=tuple(sorted(conditions)),
        fit_to_ms=fit_to_ms,
        language=language,
        safety_note=safety_note,
        countdown=cues.countdown,
        countdown_min_ms=cues.countdown_min.ms,
        halfway=cues.halfway,
        halfway_min_ms=cues.halfway_min.ms,
        hold_cues=cues.hold_cues,
        breath_every_ms=None if cues.breath_every is None else cues.breath_every.ms,
        next_up=cues.next_up,
        next_up_lead_ms=cues.next_up_lead.ms,
        switch_prompt=cues.switch_prompt,
        switch_lead_ms=cues.switch_lead.ms,
        affected=affected,
        breath_ms=breath_ms,
        unfitted_ms=unfitted_ms,
        swapped=tuple(sorted(swapped)),
        cues_left_out=cues_left_out,
    )


def _fit(routine: Routine, plan: Plan, options: Options, target_ms: int) -> tuple[Shape, int, int]:
    """Where fitted ranges land to reach ``target_ms``, the remainder, and the total unfitted."""
    unfitted = options if options.cues is NO_CUES else attrs.evolve(options, cues=NO_CUES)

    def walk(shape: Shape, at: Options = unfitted) -> Measured:
        return measure(routine, plan, at, shape)

    low, high = walk(Shape(-STEPS)), walk(Shape(STEPS))
    if not low.total_ms <= target_ms <= high.total_ms:

        def span(level: Level) -> tuple[int, int]:
            if level is options.level:
                return low.total_ms, high.total_ms
            other = attrs.evolve(unfitted, level=level)
            return walk(Shape(-STEPS), other).total_ms, walk(Shape(STEPS), other).total_ms

        raise fit_error(span, options.level, target_ms)
    shape, filler_ms = fit(walk, target_ms, low, high)
    return shape, filler_ms, walk(Shape(0)).total_ms


def _keep_last_notes_in_sight(
    events: list[Event], last_start_ms: int, total_ms: int
) -> list[Event]:
    """Skip notes of the routine's last stretches (left out, nothing played after them) would lie
    at the very end, past every segment, where no player has time to show or say them: they move
    to the start of the last segment, which they are shown and said with."""
    return [
        attrs.evolve(e, start_ms=last_start_ms)
        if e.kind is Kind.SKIP and e.start_ms == total_ms
        else e
        for e in events
    ]
