"""compile_routine: a pure function from a routine tree to a flat, timed Timeline."""

from __future__ import annotations

import datetime
import difflib
import enum
import functools
from collections.abc import Iterable
from typing import Any

import attrs

from .._base.kinds import Affected, Kind, Role, Side
from .._base.limits import Limits, check_total
from .._base.memo import IdentityMemo
from .._base.text import note_problem, speaking_ms, text_problem
from .._base.time import (
    Breaths,
    CountRange,
    Duration,
    DurationRange,
    Level,
    format_ms,
    seconds,
    shown,
    split_ms,
    to_duration,
)
from .._dsl.bounds import check_expansion
from .._dsl.check import check_routine, slug
from .._dsl.nodes import (
    HOLD_TEXT,
    REST_TEXT,
    SWITCH_TEXT,
    BodyNode,
    Breath,
    Circuit,
    Hold,
    LocalCues,
    Modification,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
    hold_parts,
)
from .._i18n.catalogs import LANGUAGES
from .._timeline.messages import MESSAGES, render_message
from .._timeline.timeline import (
    CautionInfo,
    Chapter,
    CompileOptions,
    Event,
    Message,
    ModificationInfo,
    Position,
    StretchInfo,
    Timeline,
)
from ..exceptions import BackstretchError, FitError, InvalidTypeError, InvalidValueError
from .localize import fill, localize

__all__ = ["BREATH", "LANGUAGES", "SAFETY_NOTE", "Cues", "compile_routine", "estimate_ms"]

#: Speaking pace used to estimate how long a text takes: 150 words a minute.
MS_PER_WORD = 400
#: Time added to every estimate to settle into the instruction.
SETTLE_MS = 1500
#: No estimated segment is shorter than this.
MIN_ESTIMATE_MS = 3000

#: How long one breath takes, in and out, unless ``compile_routine(breath=...)`` says otherwise:
#: a slow, calm breath, ten a minute. A hold counted in breaths lasts that many of these.
BREATH = seconds(6)

#: The library's general safety note: it opens every timeline whose routine has no note of its
#: own, unless ``compile_routine(safety_note=...)`` says otherwise.
SAFETY_NOTE = MESSAGES["safety_note"].template


class _Unset(enum.Enum):
    UNSET = "the routine's own safety note, else SAFETY_NOTE"

    def __repr__(self) -> str:
        return "<the routine's own note>"


_ROUTINE_NOTE = _Unset.UNSET


def estimate_ms(text: str) -> int:
    """How long a text takes to hear and follow: 1.5 s plus 0.4 s a word, rounded up to a whole
    second, and at least 3 s.

    Words are runs of non-space characters, counted in the text as written, so ``{side}`` is one
    word and both sides of a PerSide get the same time.
    """
    raw_ms = SETTLE_MS + MS_PER_WORD * len(text.split())
    return max(MIN_ESTIMATE_MS, -(-raw_ms // 1000) * 1000)


def _non_negative_int(inst: object, attr: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError(f"Cues.{attr.name} must be a whole number >= 0, got {value!r}")


def _flag(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"Cues.{attr.name} must be True or False, got {value!r}")


def _as_duration(value: Duration | str) -> Duration:
    try:
        return to_duration(value, field="")
    except BackstretchError:
        return value  # type: ignore[return-value]  # the validator names the field


def _as_optional_duration(value: Duration | str | None) -> Duration | None:
    return None if value is None else _as_duration(value)


def _duration(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Duration):
        to_duration(value, field=f"Cues.{attr.name}")  # raises the teaching error


@attrs.frozen
class Cues:
    """Which cue markers the compiler adds, and when. ``Cues.off()`` adds none of them.

    - ``countdown``: ticks (e.g. "3", "2", "1"), one a second, before each part of a hold at
      least ``countdown_min`` long (so rapid repeated holds stay quiet); 0 for none.
    - ``halfway``: a "Halfway" cue in holds at least ``halfway_min`` long.
    - ``hold_cues``: give a hold's own cue (its ``cue=``, e.g. a breath cue) at the start of the
      hold; ``breath_every``: repeat it this often through the hold (None: only at the start).
    - ``next_up``: a "Next up: ..." preview ``next_up_lead`` before each stretch.
    - ``switch_prompt``: a "get ready to switch" prompt ``switch_lead`` before each switch of sides.
    """

    countdown: int = attrs.field(default=3, kw_only=True, validator=_non_negative_int)
    countdown_min: Duration = attrs.field(
        default=seconds(10), kw_only=True, converter=_as_duration, validator=_duration
    )
    halfway: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    halfway_min: Duration = attrs.field(
        default=seconds(20), kw_only=True, converter=_as_duration, validator=_duration
    )
    hold_cues: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    breath_every: Duration | None = attrs.field(
        default=seconds(30), kw_only=True, converter=_as_optional_duration, validator=_duration
    )
    next_up: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    next_up_lead: Duration = attrs.field(
        default=seconds(10), kw_only=True, converter=_as_duration, validator=_duration
    )
    switch_prompt: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    switch_lead: Duration = attrs.field(
        default=seconds(5), kw_only=True, converter=_as_duration, validator=_duration
    )

    def __attrs_post_init__(self) -> None:
        if self.breath_every is not None and self.breath_every.ms == 0:
            raise InvalidValueError("Cues.breath_every must be longer than 0 s, or None")

    @classmethod
    def off(cls) -> Cues:
        """No cue markers at all: no countdown, halfway, hold cue, next-up or switch prompt."""
        return cls(
            countdown=0,
            halfway=False,
            hold_cues=False,
            breath_every=None,
            next_up=False,
            switch_prompt=False,
        )


def compile_routine(
    routine: Routine,
    *,
    level: Level | str = Level.STANDARD,
    conditions: Iterable[str] = (),
    fit_to: Duration | datetime.timedelta | str | None = None,
    cues: Cues | None = None,
    safety_note: str | _Unset | None = _ROUTINE_NOTE,
    language: str | None = None,
    limits: Limits | None = None,
    affected: Side | str | None = None,
    breath: Duration | datetime.timedelta | str = BREATH,
    swap: Iterable[str] = (),
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
      together inside its bounds from where the level puts it (see ``_fit`` and
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

    The routine is checked first; a RoutineError lists every problem at its ``$.path``. Equal
    inputs give equal timelines.
    """
    if not isinstance(routine, Routine):
        raise InvalidTypeError(f"compile_routine() takes a Routine, got {type(routine).__name__}")
    chosen_level = _level(level)
    affected_side = _affected(affected)
    chosen_cues = _cues(cues)
    declared = _conditions(conditions)
    if safety_note is _ROUTINE_NOTE:
        note: str | None = routine.safety_note or SAFETY_NOTE  # check_routine checks its own
    else:
        note = _safety_note(safety_note)
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
    declared = routine.vocabulary.resolve(declared)
    swapped = _swapped(swap, routine)
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
    options = _Options(chosen_level, declared, chosen_cues, note, affected_side, breath_ms, swapped)
    unfitted_ms = None
    shape, filler_ms = None, 0
    if target_ms is not None:
        check_total(target_ms, limits)
        unfitted_ms = _total(routine, options, _Shape(0))
        shape, filler_ms = _fit(routine, options, target_ms)
    compiler = _Compiler(options, shape=shape, filler_ms=filler_ms)
    events = compiler.routine(routine)
    check_total(compiler.now_ms, limits)
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
    )
    timeline = Timeline(
        routine.title,
        compiler.now_ms,
        events,
        tuple(compiler.chapters),
        tuple(compiler.stretches),
        record,
    )
    if language == "en" and routine.language == "en":
        return timeline
    # Times were reckoned from the routine's own words and the library's English: now the words.
    return localize(timeline, routine, language, compiler.sources)


#: The longest a breath may be said to take: longer is no breath.
MAX_BREATH_MS = 60_000


def breath_duration(value: object, *, field: str = "breath") -> Duration:
    """How long one breath takes, read from ``value`` (``field`` names it in errors): more than
    0 s and at most a minute."""
    duration = to_duration(value, field=field)
    if not 0 < duration.ms <= MAX_BREATH_MS:
        raise InvalidValueError(
            f"{field} must be longer than 0 s and at most 1m (one breath, in and out), got "
            f"{shown(value) if isinstance(value, str) else format_ms(duration.ms)}; e.g. '6s'"
        )
    return duration


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
    )


# Frozen values, so one shared default serves every call.
_DEFAULT_CUES = Cues()
_NO_CUES = Cues.off()
_DEFAULT_LIMITS = Limits()


@attrs.frozen
class _Options:
    level: Level
    conditions: frozenset[str]
    cues: Cues
    safety_note: str | None
    affected: Side | None
    breath_ms: int
    #: The ids of the stretches the person swapped for their alternative.
    swapped: frozenset[str] = frozenset()


def _level(level: object) -> Level:
    found = Level.of(level)
    if found is not None:
        return found
    raise InvalidValueError(f"level must be 'gentle', 'standard' or 'deep', got {level!r}")


_NO_CONDITIONS: frozenset[str] = frozenset()


def _conditions(conditions: object) -> frozenset[str]:
    if type(conditions) is tuple and not conditions:  # the default
        return _NO_CONDITIONS
    if isinstance(conditions, str) or not isinstance(conditions, Iterable):
        raise InvalidTypeError(
            f"conditions must be a collection of condition names like {{'knee'}}, got "
            f"{conditions!r}"
        )
    names = list(conditions)
    for name in names:
        if not isinstance(name, str):
            raise InvalidTypeError(f"conditions must hold names (str), got {name!r}")
    return frozenset(name.strip().lower() for name in names)


def _affected(affected: object) -> Side | None:
    side = Side.of(affected)
    if affected is None or side is not None:
        return side
    raise InvalidValueError(f"affected must be 'left', 'right' or None, got {affected!r}")


def _cues(cues: object) -> Cues:
    if cues is None:
        return _DEFAULT_CUES
    if not isinstance(cues, Cues):
        raise InvalidTypeError(f"cues must be a Cues(...) value or None, got {cues!r}")
    return cues


def _safety_note(note: object) -> str | None:
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise InvalidValueError(f"safety_note must be a non-empty text or None, got {note!r}")
    problem = None if note is None else text_problem(note) or note_problem(note)
    if problem:
        raise InvalidValueError(f"safety_note {problem}")
    return note


#: How finely fitting moves ranges: a water level from -_STEPS (every range at its low end) through
#: 0 (where the level puts it) to _STEPS (every range at its high end).
_STEPS = 1 << 20
#: A remainder shorter than this goes to the title segment; a longer one is a closing rest.
_CLOSING_REST_MS = 3000


@attrs.frozen
class _Shape:
    """Where every fitted range lands: ``water`` from -_STEPS (low ends) through 0 (the level's
    values) to _STEPS (high ends), each range moving by the same fraction of its way there."""

    water: int

    def value(self, low: int, middle: int, high: int) -> int:
        if self.water >= 0:
            return middle + self.water * (high - middle) // _STEPS
        return middle - (-self.water) * (middle - low) // _STEPS


def _total(routine: Routine, options: _Options, shape: _Shape) -> int:
    """How long the routine takes with its ranges shaped so (no cues: they take no time)."""
    compiler = _Compiler(attrs.evolve(options, cues=_NO_CUES), shape=shape)
    compiler.routine(routine)
    return compiler.now_ms


def _fit(routine: Routine, options: _Options, target_ms: int) -> tuple[_Shape, int]:
    """The shape whose total comes closest to ``target_ms`` without passing it, and the
    remainder that lands the total on it exactly.

    Every timed hold range and every count range (the rounds of a Repeat or Circuit, the reps of
    Reps) moves together from where the level puts it: up towards its high end for a longer
    target, down towards its low end for a shorter one, each the same fraction of its way there
    (a shared "water level"), counts in whole units, holds by the millisecond. A longer target
    never shortens a hold nor takes away a round or a rep. Self-paced parts and counts of breaths
    keep their level's value. What the ranges cannot reach exactly (copies that must stay equal,
    or the gap before the next whole round) is the remainder: added to the title segment when
    shorter than 3 s, else a closing rest before the routine's closing words.
    """
    low_ms = _total(routine, options, _Shape(-_STEPS))
    high_ms = _total(routine, options, _Shape(_STEPS))
    if not low_ms <= target_ms <= high_ms:
        raise _fit_error(routine, options, target_ms, low_ms, high_ms)
    low, high = -_STEPS, _STEPS  # the highest water level whose total does not pass the target
    reached_ms = low_ms  # the total at ``low``, kept so the last one is not compiled again
    while low < high:
        middle = (low + high + 1) // 2
        total_ms = _total(routine, options, _Shape(middle))
        if total_ms <= target_ms:
            low, reached_ms = middle, total_ms
        else:
            high = middle - 1
    return _Shape(low), target_ms - reached_ms


def _fit_error(
    routine: Routine, options: _Options, target_ms: int, low_ms: int, high_ms: int
) -> FitError:
    """Why ``target_ms`` cannot be fitted: the span from every range at its low end to every one
    at its high end; where another level spans otherwise (self-paced parts and counts of breaths
    keep their level's value), what it spans and whether it reaches the target."""
    reach = (
        f"always takes {format_ms(low_ms)} (nothing in it can be fitted)"
        if low_ms == high_ms
        else f"can take between {format_ms(low_ms)} and {format_ms(high_ms)}"
    )
    message = (
        f"cannot fit this routine into {format_ms(target_ms)}: at level {options.level.value} it "
        f"{reach}"
    )
    others: list[str] = []
    reaching: list[str] = []
    for level in Level:
        if level is not options.level:
            other = attrs.evolve(options, level=level)
            span = (_total(routine, other, _Shape(-_STEPS)), _total(routine, other, _Shape(_STEPS)))
            if span != (low_ms, high_ms):
                others.append(f"{level.value}: {format_ms(span[0])} to {format_ms(span[1])}")
                if span[0] <= target_ms <= span[1]:
                    reaching.append(level.value)
    if others:
        advice = (
            f"level {' or '.join(reaching)} can (level={reaching[0]!r}, --level {reaching[0]})"
            if reaching
            else "no level can"
        )
        message += f" ({'; '.join(others)}); {advice}"
    return FitError(message, low_ms=low_ms, high_ms=high_ms)


def _message(key: str, **params: Any) -> Message:
    return Message(key, tuple((name, params[name]) for name in MESSAGES[key].params))


def announcement(stretch: Stretch) -> tuple[str, Message | None]:
    """What is said as a stretch begins: its name, what it targets, and why it helps."""
    targets = tuple(stretch.targets)
    if targets and stretch.purpose:
        message = _message(
            "announce_targets_purpose", name=stretch.name, targets=targets, purpose=stretch.purpose
        )
    elif targets:
        message = _message("announce_targets", name=stretch.name, targets=targets)
    elif stretch.purpose:
        message = _message("announce_purpose", name=stretch.name, purpose=stretch.purpose)
    else:
        return stretch.name, None
    return render_message(message), message


def describe_modification(mod: Modification) -> tuple[str, Message | None]:
    """What a person reads for a modification: the variant, when to use it, and what it needs."""
    if mod.when and mod.props:
        message = _message(
            "modification_when_props", when=mod.when, text=mod.text, props=tuple(mod.props)
        )
    elif mod.when:
        message = _message("modification_when", when=mod.when, text=mod.text)
    elif mod.props:
        message = _message("modification_props", text=mod.text, props=tuple(mod.props))
    else:
        return mod.text, None
    return render_message(message), message


def _choose(stretch: Stretch, options: _Options, routine: Routine) -> Stretch | None:
    """The stretch, else the first of its alternatives that no declared condition rules out and
    the person did not swap away; None when none is left, or when the routine's own cautions
    rule out all of it."""
    conditions = options.conditions
    if conditions.intersection(routine.conditions):
        return None
    return next(
        (
            s
            for s in stretch.chain
            if not conditions.intersection(routine.named(s.cautions))
            and not (slug(s.name) in options.swapped and s.alternative is not None)
        ),
        None,
    )


def _swapped(swap: object, routine: Routine) -> frozenset[str]:
    """The ids of the stretches named in ``swap``; each must be a stretch (or an alternative)
    of the routine that has an alternative to swap to."""
    if isinstance(swap, str) or not isinstance(swap, Iterable):
        raise InvalidTypeError(
            f'swap must be a collection of stretch names like {{"Child\'s Pose"}}, got '
            f"{shown(swap)}"
        )
    every = {slug(s.name): s for first in routine.stretches for s in first.chain}
    found: set[str] = set()
    for name in swap:
        if not isinstance(name, str):
            raise InvalidTypeError(f"swap must hold stretch names (str), got {shown(name)}")
        key = slug(name)
        stretch = every.get(key)
        if stretch is None:
            near = difflib.get_close_matches(key, every, n=1)
            hint = (
                f"did you mean {every[near[0]].name!r}?"
                if near
                else "its stretches are " + (", ".join(repr(s.name) for s in every.values()))
            )
            raise InvalidValueError(
                f"swap: no stretch of this routine is called {shown(name)}; {hint}"
            )
        if stretch.alternative is None:
            with_one = [repr(s.name) for s in every.values() if s.alternative is not None]
            raise InvalidValueError(
                f"swap: {stretch.name!r} has no alternative to swap it for; "
                + (f"these have one: {', '.join(with_one)}" if with_one else "no stretch has one")
            )
        found.add(key)
    return frozenset(found)


def _reason(
    stretch: Stretch, conditions: frozenset[str], routine: Routine
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The declared conditions that rule ``stretch`` out, and the texts of the cautions (the
    routine's, then its own) that name them."""
    cautions = [
        c for c in (*routine.cautions, *stretch.cautions) if conditions & routine.named([c])
    ]
    hit = tuple(sorted(routine.named(cautions) & conditions))
    return hit, tuple(c.text for c in cautions)


#: Each stretch's entry in the timeline's table (stretches are immutable: see _memo).
_INFOS: IdentityMemo[Stretch, StretchInfo] = IdentityMemo()


def _stretch_info(stretch: Stretch, key: str, routine: Routine) -> StretchInfo:
    """The stretch as a timeline's table has it, made once per stretch object (and routine
    vocabulary: its cautions' conditions are read by it)."""
    known = routine.extra_conditions
    info = _INFOS.get(stretch, known)
    if info is None:
        info = _make_info(stretch, key, routine)
        _INFOS.put(stretch, info, known)
    return info


def _make_info(stretch: Stretch, key: str, routine: Routine) -> StretchInfo:
    return StretchInfo(
        key,
        stretch.name,
        stretch.purpose,
        stretch.targets,
        stretch.props,
        tuple(CautionInfo(c.text, tuple(sorted(routine.named([c])))) for c in stretch.cautions),
        tuple(ModificationInfo(m.text, m.when, m.props) for m in stretch.modifications),
    )


_HOLD = Message("hold")
_BREATH_PHASES = {
    name: (Role(name), Message(name)) for name in ("inhale", "hold_in", "exhale", "hold_out")
}
_REST = Message("rest")
_CLOSING = Message("closing_rest")
_HALFWAY = Message("halfway")
_SAFETY = Message("safety_note")
_SWITCH = {side: _message("switch", side=side.value) for side in Side}
_SWITCH_PROMPT = {side: _message("switch_prompt", side=side.value) for side in Side}


class _Compiler:
    """Walks the tree once, appending events at a running clock."""

    def __init__(
        self, options: _Options, *, shape: _Shape | None = None, filler_ms: int = 0
    ) -> None:
        """``shape``: where fitted ranges land (None: where the level puts them); ``filler_ms``:
        the remainder of a fit (see ``_fit``)."""
        self.options = options
        self.cues = options.cues
        self.shape = shape
        self.filler_ms = filler_ms
        self.events: list[Event] = []
        self.chapters: list[Chapter] = []
        self.stretches: list[StretchInfo] = []
        self.now_ms = 0
        # The language the routine is written in: its {side} words are filled in it.
        self.language = "en"
        self.last_segment: Event | None = None
        self.stretch: str | None = None
        self.stretch_id: str | None = None
        self.stretch_start_ms = 0
        # Where a countdown may start: after the last hold, rep or self-paced part, so that no
        # tick falls inside one.
        self.lead_in_ms = 0
        self.last_side: Side | None = None
        self.rounds: tuple[Position, ...] = ()
        self.countdowns: dict[int, Message] = {}
        # The routine compiled (set first thing): its vocabulary reads the cautions' conditions.
        self.source: Routine
        # The author's texts behind filled or joined ones, by event id, for translating them
        # without reading them back apart: what a self-paced part waits for, as written (when it
        # has placeholders), and the caution texts a skip's reason joins.
        self.sources: dict[str, tuple[str, ...]] = {}
        # What every id begins with: inside a circuit, its round ("circuit2/r0/").
        self.prefix = ""
        # The stretches in the timeline's table so far (a circuit plays a stretch in each round).
        self.listed: set[str] = set()
        # What the LocalCues around the node being compiled allow (countdown, halfway, hold cues).
        self.local: tuple[bool, bool, bool] = (True, True, True)

    def segment(
        self,
        id: str,
        duration_ms: int,
        kind: Kind,
        role: Role,
        text: str,
        side: Side | None,
        *,
        message: Message | None = None,
        template: str | None = None,
        rep: Position | None = None,
        part: Position | None = None,
        until_source: str = "",
        breaths: int | None = None,
    ) -> None:
        """A segment now; ``until_source`` is what a self-paced part waits for, as the author
        wrote it (filled here, the source kept for translating it)."""
        until, until_template = self.fill(until_source, side) if until_source else (None, None)
        if until_template is not None:
            self.sources[self.prefix + id] = (until_template,)
        event = Event(
            self.prefix + id,
            self.now_ms,
            duration_ms,
            kind,
            text,
            side,
            self.stretch,
            role=role,
            stretch_id=self.stretch_id,
            rounds=self.rounds,
            rep=rep,
            part=part,
            message=message,
            template=template,
            until=until,
            breaths=breaths,
        )
        self.events.append(event)
        self.last_segment = event
        self.now_ms += duration_ms
        if kind in _HELD_KINDS or until is not None:
            self.lead_in_ms = self.now_ms

    def marker(
        self,
        id: str,
        at_ms: int,
        kind: Kind,
        role: Role,
        text: str,
        side: Side | None,
        *,
        message: Message | None = None,
        template: str | None = None,
        tick: int | None = None,
        part: Position | None = None,
        target: str | None = None,
    ) -> None:
        self.events.append(
            Event(
                self.prefix + id,
                at_ms,
                0,
                kind,
                text,
                side,
                self.stretch,
                role=role,
                stretch_id=self.stretch_id,
                tick=tick,
                rounds=self.rounds,
                part=part,
                target=target,
                message=message,
                template=template,
            )
        )

    def fill(self, text: str, side: Side | None) -> tuple[str, str | None]:
        """The author's text with ``{side}`` and ``{other}`` filled with ``side`` and its other,
        and ``{round}`` and ``{rounds}`` with the innermost round; and the text as written (the
        template) when it had any of them, else None."""
        if "{" not in text or (side is None and not self.rounds):
            return text, None
        filled = fill(text, side, self.rounds[-1] if self.rounds else None, self.language)
        return filled, (text if filled != text else None)

    def pick(self, value: Duration | DurationRange | int | CountRange) -> int:
        if isinstance(value, Duration):
            return value.ms
        if isinstance(value, DurationRange | CountRange):
            return value.at(self.options.level)
        return value

    def count(self, value: int | CountRange, *, fitted: bool = True) -> int:
        """Rounds or reps: where the level puts a range, or a fit's shape (not ``fitted``: a
        self-paced part's, which keeps the level's)."""
        if self.shape is None or not fitted or not isinstance(value, CountRange):
            return self.pick(value)
        return self.shape.value(value.low, value.at(self.options.level), value.high)

    def held_ms(self, hold: Hold) -> int:
        duration = hold.duration
        if isinstance(duration, Duration):
            return duration.ms
        if isinstance(duration, Breaths):  # counted, never fitted
            return self.pick(duration.count) * self.options.breath_ms
        if hold.until or self.shape is None:  # a self-paced hold is never fitted
            return self.pick(duration)
        level_ms = duration.at(self.options.level)
        return self.shape.value(duration.low_ms, level_ms, duration.high_ms)

    def routine(self, routine: Routine) -> list[Event]:
        """Compile the routine; return its events, sorted."""
        self.source = routine
        self.language = routine.language
        note = self.options.safety_note
        if note is not None:
            message = _SAFETY if note == SAFETY_NOTE else None
            self.segment(
                "safety",
                estimate_ms(note),
                Kind.CAUTION,
                Role.SAFETY_NOTE,
                note,
                None,
                message=message,
            )
        # A fit's remainder under 3 s lengthens the title: nobody notices, nothing is copied.
        short = self.filler_ms if self.filler_ms < _CLOSING_REST_MS else 0
        title_ms = estimate_ms(routine.title) + short
        self.segment("title", title_ms, Kind.TITLE, Role.TITLE, routine.title, None)
        if routine.intro:
            intro = routine.intro
            self.segment("intro", estimate_ms(intro), Kind.ANNOUNCE, Role.INTRO, intro, None)
        for i, caution in enumerate(routine.cautions):
            text = caution.text
            self.segment(f"caution{i}", estimate_ms(text), Kind.CAUTION, Role.CAUTION, text, None)
        previous: Stretch | Rest | None = None
        for index, item in enumerate(routine.body):
            if isinstance(item, Circuit):
                previous = self.circuit(item, index, routine, previous)
            else:
                previous = self.item(item, index, routine, previous)
        if self.filler_ms >= _CLOSING_REST_MS:  # a fit's longer remainder: rest at the end
            self.segment(
                "closing-rest",
                self.filler_ms,
                Kind.REST,
                Role.REST,
                render_message(_CLOSING),
                None,
                message=_CLOSING,
            )
        if routine.outro:
            outro = routine.outro
            self.segment("outro", estimate_ms(outro), Kind.ANNOUNCE, Role.OUTRO, outro, None)
        self.keep_last_notes_in_sight()
        end = _message("end", title=routine.title)
        self.marker("end", self.now_ms, Kind.END, Role.END, render_message(end), None, message=end)
        # Markers were made when their segment was; put each after the segment starting with it.
        return sorted(self.events, key=lambda e: (e.start_ms, e.duration_ms == 0))

    def keep_last_notes_in_sight(self) -> None:
        """Skip notes of the routine's last stretches (left out, nothing played after them) would
        lie at the very end, past every segment, where no player has time to show or say them:
        they move to the start of the last segment, which they are shown and said with."""
        last = self.last_segment
        if last is None:
            return
        self.events = [
            attrs.evolve(e, start_ms=last.start_ms)
            if e.kind is Kind.SKIP and e.start_ms == self.now_ms
            else e
            for e in self.events
        ]

    def item(
        self, item: Stretch | Rest, index: int, routine: Routine, previous: Stretch | Rest | None
    ) -> Stretch | Rest | None:
        """A rest, or a stretch (its alternative, or a skip note) with the routine's rest before
        it; what comes last now, for the next one."""
        if isinstance(item, Rest):
            self.rest(item, f"rest{index}", None)
            return item
        chosen = _choose(item, self.options, routine)
        if chosen is not item:
            self.skips(item, chosen)
        if chosen is None:
            return previous
        if isinstance(previous, Stretch) and routine.rest_between is not None:
            self.segment(
                f"rest-before-{slug(chosen.name)}",
                routine.rest_between.ms,
                Kind.REST,
                Role.REST_BETWEEN,
                REST_TEXT,
                None,
                message=_REST,
            )
        self.stretch_(chosen)
        return chosen

    def circuit(
        self, circuit: Circuit, index: int, routine: Routine, previous: Stretch | Rest | None
    ) -> Stretch | Rest | None:
        """The circuit's rounds, each a round of its body, with its rest between them. A circuit
        whose every stretch is left out is left out whole, its skip notes saying why."""
        if all(_choose(s, self.options, routine) is None for s in circuit.stretches):
            self.prefix = f"circuit{index}/"
            for stretch in circuit.stretches:
                self.skips(stretch, None)
            self.prefix = ""
            return previous
        times = self.count(circuit.times)
        for round_ in range(times):
            self.rounds = (Position(round_ + 1, times),)
            if round_ and circuit.between is not None:
                self.prefix = f"circuit{index}/"
                self.rest(circuit.between, f"between{round_}", None, Role.REST_BETWEEN)
                previous = circuit.between
            self.prefix = f"circuit{index}/r{round_}/"
            for number, item in enumerate(circuit.body):
                previous = self.item(item, number, routine, previous)
        self.rounds, self.prefix = (), ""
        return previous

    def skips(self, original: Stretch, chosen: Stretch | None) -> None:
        """Skip markers: the stretch left out or replaced, and each alternative ruled out too."""
        conditions = self.options.conditions
        hit, texts = _reason(original, conditions, self.source)
        why = " ".join(texts)
        key = slug(original.name)
        self.sources[f"{self.prefix}skip-{key}"] = texts
        if chosen is None:
            message = _message("left_out", name=original.name, conditions=hit, reason=why)
            role, target = Role.LEFT_OUT, None
        elif not hit:  # no condition rules it out: the person swapped it
            message = _message("swapped", name=original.name, alternative=chosen.name)
            role, target = Role.REPLACED, slug(chosen.name)
        else:
            message = _message(
                "replaced",
                name=original.name,
                alternative=chosen.name,
                conditions=hit,
                reason=why,
            )
            role, target = Role.REPLACED, slug(chosen.name)
        text = render_message(message)
        self.marker(
            f"skip-{key}", self.now_ms, Kind.SKIP, role, text, None, message=message, target=target
        )
        for alternative in original.chain[1:]:
            if alternative is chosen:
                break
            hit, texts = _reason(alternative, conditions, self.source)
            self.sources[f"{self.prefix}skip-{slug(alternative.name)}"] = texts
            if hit:
                message = _message(
                    "ruled_out", name=alternative.name, conditions=hit, reason=" ".join(texts)
                )
            else:  # swapped away too
                message = _message("swapped_too", name=alternative.name)
            self.marker(
                f"skip-{slug(alternative.name)}",
                self.now_ms,
                Kind.SKIP,
                Role.RULED_OUT,
                render_message(message),
                None,
                message=message,
            )

    def next_up(self, name: str, key: str) -> None:
        """The preview of the stretch about to start, inside the segment before it and said
        before the stretch's own words; none inside a self-paced part (the person may stay in it
        well past its least time), nor where there is no room to say it."""
        before = self.last_segment
        if not self.cues.next_up or before is None or before.until is not None:
            return
        preview = _message("next_up", name=name)
        text = render_message(preview)
        lead_ms = self.cues.next_up_lead.ms
        at_ms = self.quiet_time(
            self.now_ms - lead_ms, before.start_ms, self.now_ms, speaking_ms(text)
        )
        if at_ms is None:
            return
        self.events.append(
            Event(
                f"{self.prefix}next-up-{key}",
                at_ms,
                0,
                Kind.CUE,
                text,
                None,
                before.stretch,
                role=Role.NEXT_UP,
                stretch_id=before.stretch_id,
                rounds=before.rounds,
                target=key,
                message=preview,
            )
        )

    def stretch_(self, stretch: Stretch) -> None:
        key = slug(stretch.name)
        self.next_up(stretch.name, key)
        self.stretch_start_ms = self.lead_in_ms = self.now_ms
        self.stretch, self.stretch_id = stretch.name, key
        if key not in self.listed:
            self.listed.add(key)
            self.stretches.append(_stretch_info(stretch, key, self.source))
        self.last_side = None
        # In a circuit's later rounds the person has what the stretch needs, and knows its
        # modifications; its cautions come before it every time.
        first_round = not self.rounds or self.rounds[0].index == 1
        outer = self.local
        text, message = announcement(stretch)
        self.segment(
            f"{key}/announce",
            estimate_ms(text),
            Kind.ANNOUNCE,
            Role.ANNOUNCE,
            text,
            None,
            message=message,
        )
        if stretch.props and first_round:
            needs = _message("props", props=tuple(stretch.props))
            self.segment(
                f"{key}/props",
                estimate_ms(render_message(needs)),
                Kind.ANNOUNCE,
                Role.PROPS,
                render_message(needs),
                None,
                message=needs,
            )
        for i, caution in enumerate(stretch.cautions):
            self.segment(
                f"{key}/caution{i}",
                estimate_ms(caution.text),
                Kind.CAUTION,
                Role.CAUTION,
                caution.text,
                None,
            )
        for i, mod in enumerate(stretch.modifications if first_round else ()):
            text, message = describe_modification(mod)
            self.segment(
                f"{key}/modification{i}",
                estimate_ms(text),
                Kind.MODIFICATION,
                Role.MODIFICATION,
                text,
                None,
                message=message,
            )
        self.local = _under(outer, stretch.cues)
        self.body(stretch.body, key, None)
        self.local = outer
        self.chapters.append(
            Chapter(
                stretch.name,
                key,
                self.stretch_start_ms,
                self.now_ms - self.stretch_start_ms,
                round=self.rounds[0] if self.rounds else None,
            )
        )
        self.stretch = self.stretch_id = None

    def body(self, nodes: tuple[BodyNode, ...], path: str, side: Side | None) -> None:
        for index, node in enumerate(nodes):
            self.node(node, f"{path}/{index}", side)

    def node(self, node: BodyNode, path: str, side: Side | None) -> None:
        if isinstance(node, Step):
            duration_ms = node.duration.ms if node.duration else estimate_ms(node.text)
            text, template = self.fill(node.text, side)
            self.segment(
                path,
                duration_ms,
                Kind.STEP,
                Role.STEP,
                text,
                side,
                template=template,
                until_source=node.until,
            )
        elif isinstance(node, Hold):
            self.hold(node, path, side)
        elif isinstance(node, Breath):
            for name, length in node.phases:
                role, message = _BREATH_PHASES[name]
                text = render_message(message)
                self.segment(
                    f"{path}/{name}", length.ms, Kind.BREATH, role, text, side, message=message
                )
        elif isinstance(node, Reps):
            self.reps(node, path, side)
        elif isinstance(node, PerSide):
            self.per_side(node, path)
        elif isinstance(node, OneSide):
            self.one_side(node, path)
        elif isinstance(node, Repeat):
            times = self.count(node.times)
            outer, outer_local = self.rounds, self.local
            self.local = _under(outer_local, node.cues)
            for round_ in range(times):
                self.rounds = (*outer, Position(round_ + 1, times))
                if round_ and node.between is not None:
                    self.rest(node.between, f"{path}/between{round_}", side, Role.REST_BETWEEN)
                self.body(node.body, f"{path}/r{round_}", side)
            self.rounds, self.local = outer, outer_local
        else:
            self.rest(node, path, side)

    def rest(self, rest: Rest, path: str, side: Side | None, role: Role = Role.REST) -> None:
        if rest.text == REST_TEXT:
            text, template, message = REST_TEXT, None, _REST
        else:
            (text, template), message = self.fill(rest.text, side), None
        self.segment(
            path,
            rest.duration.ms,
            Kind.REST,
            role,
            text,
            side,
            message=message,
            template=template,
        )

    def next_side(self) -> Side:
        return Side.LEFT if self.last_side is None else self.last_side.other

    def side_of(self, side: Side | Affected) -> Side:
        """A side named by where it is, or by how it is (the affected side, or the other)."""
        if isinstance(side, Side):
            return side
        if self.options.affected is None:
            raise InvalidValueError(
                f"{self.stretch!r} works the {side.value} side: say which side is affected, "
                f"e.g. compile_routine(..., affected='right') (on the command line: "
                f"--affected right)"
            )
        return side.resolve(self.options.affected)

    def one_side(self, node: OneSide, path: str) -> None:
        side = self.side_of(node.side)
        if self.last_side is not None and self.last_side is not side:
            self.switch(node, path, self.last_segment_start_ms(), side)
        self.body(node.body, f"{path}/{side.value}", side)
        self.last_side = side

    def last_segment_start_ms(self) -> int:
        return self.now_ms if self.last_segment is None else self.last_segment.start_ms

    def per_side(self, node: PerSide, path: str) -> None:
        first = self.side_of(node.first) if node.first else self.next_side()
        second = first.other
        half_start_ms = self.now_ms
        self.body(node.body, f"{path}/{first.value}", first)
        self.switch(node, path, half_start_ms, second)
        self.body(node.body, f"{path}/{second.value}", second)
        self.last_side = second

    def switch(self, node: PerSide | OneSide, path: str, since_ms: int, to: Side) -> None:
        """The switch to side ``to`` (and the prompt before it, from ``since_ms`` on)."""
        self.switch_prompt(f"{path}/switch-prompt", since_ms, to)
        message: Message | None
        if node.switch_text == SWITCH_TEXT:
            message = _SWITCH[to]
            text, template = render_message(message), None
        else:
            (text, template), message = self.fill(node.switch_text, to), None
        self.segment(
            f"{path}/switch",
            node.switch.ms,
            Kind.SWITCH,
            Role.SWITCH,
            text,
            to,
            message=message,
            template=template,
        )

    def switch_prompt(self, id: str, half_start_ms: int, second: Side) -> None:
        """The prompt to get ready for the switch to ``second``, within the first side; none
        after a self-paced part, nor where there is no room to say it."""
        before = self.last_segment
        if not self.cues.switch_prompt or before is None or before.until is not None:
            return
        message = _SWITCH_PROMPT[second]
        text = render_message(message)
        lead_ms = self.cues.switch_lead.ms
        at_ms = self.quiet_time(
            self.now_ms - lead_ms, half_start_ms, self.now_ms, speaking_ms(text)
        )
        if at_ms is not None:
            self.marker(id, at_ms, Kind.CUE, Role.SWITCH_PROMPT, text, second, message=message)

    def countdown(self, tick: int) -> Message:
        message = self.countdowns.get(tick)
        if message is None:
            message = self.countdowns[tick] = _message("countdown", tick=tick)
        return message

    def quiet_time(self, want_ms: int, lo_ms: int, hi_ms: int, length_ms: int) -> int | None:
        """When a cue that takes ``length_ms`` to say may be said, between ``lo_ms`` and
        ``hi_ms`` (its words ending by then) without talking over anything said there: the
        latest such time not after ``want_ms``, else the earliest after it; None if there is no
        room."""
        gaps, free_from = [], lo_ms
        for said_from, said_to in sorted(self.said_since(lo_ms)):
            if said_from > free_from:
                gaps.append((free_from, min(said_from, hi_ms)))
            free_from = max(free_from, said_to)
            if free_from >= hi_ms:
                break
        gaps.append((free_from, hi_ms))
        best: int | None = None
        for gap_from, gap_to in gaps:
            if gap_to - gap_from < length_ms:
                continue
            if gap_from > want_ms:  # the first room after want_ms, unless there was some before
                return gap_from if best is None else best
            best = min(gap_to - length_ms, want_ms)
        return best

    def said_since(self, since_ms: int) -> list[tuple[int, int]]:
        """What is said from ``since_ms`` on, as [start, end) spans: the opening words of each
        segment (its text, and what a self-paced part waits for), every skip note's, and every
        cue's but the countdown's, which players beep."""
        spans = []
        for event in reversed(self.events):
            if event.duration_ms:
                if event.end_ms <= since_ms:
                    break
                said = speaking_ms(event.text)
                if event.until_message is not None:
                    said += speaking_ms(render_message(event.until_message))
                spans.append((event.start_ms, event.start_ms + min(event.duration_ms, said)))
            elif event.kind in _SAID_MARKERS and event.role is not Role.COUNTDOWN:  # ticks beep
                spans.append((event.start_ms, event.start_ms + speaking_ms(event.text)))
        return spans

    def hold(self, hold: Hold, path: str, side: Side | None) -> None:
        countdown_on, halfway_on, hold_cues_on = _under(self.local, hold.cues)
        held_ms = self.held_ms(hold)
        parts = split_ms(held_ms, hold_parts(hold))
        count = len(parts)
        positions = [Position(i + 1, count) for i in range(count)] if count > 1 else [None]
        breaths = held_ms // self.options.breath_ms if isinstance(hold.duration, Breaths) else None
        if hold.text == HOLD_TEXT and breaths is not None:
            message = (
                Message("hold_breath") if breaths == 1 else _message("hold_breaths", count=breaths)
            )
            text, template = render_message(message), None
        elif hold.text == HOLD_TEXT:
            text, template, message = HOLD_TEXT, None, _HOLD
        else:
            (text, template), message = self.fill(hold.text, side), None
        starts: list[int] = []
        for index, part_ms in enumerate(parts):
            part = positions[index] if count > 1 else None
            if hold.breaks is not None and index:
                break_text, break_template = self.fill(hold.breaks.text, side)
                self.segment(
                    f"{path}/break{index}",
                    hold.breaks.duration.ms,
                    Kind.BREAK,
                    Role.BREAK,
                    break_text,
                    side,
                    template=break_template,
                )
            ticks = self.cues.countdown if countdown_on else 0
            if part_ms < self.cues.countdown_min.ms:
                ticks = 0  # rapid holds stay quiet
            for tick in range(ticks, 0, -1):
                at_ms = self.now_ms - tick * 1000
                if at_ms >= self.lead_in_ms:  # never inside the hold or rep before
                    countdown = self.countdown(tick)
                    self.marker(
                        f"{path}/countdown{index}-{tick}",
                        at_ms,
                        Kind.CUE,
                        Role.COUNTDOWN,
                        str(tick),
                        side,
                        message=countdown,
                        tick=tick,
                        part=part,
                    )
            starts.append(self.now_ms)
            part_id = f"{path}/part{index}" if count > 1 else path
            self.segment(
                part_id,
                part_ms,
                Kind.HOLD,
                Role.HOLD,
                text,
                side,
                message=message,
                template=template,
                part=part,
                until_source=hold.until if index == count - 1 else "",
                breaths=breaths,
            )
        cue_offsets: list[tuple[int, str, Role, str, str | None, Message | None]] = []
        if hold.cue and self.cues.hold_cues and hold_cues_on:
            every_ms = self.cues.breath_every.ms if self.cues.breath_every else held_ms or 1
            cue_text, cue_template = self.fill(hold.cue, side)
            for n, offset in enumerate(range(0, held_ms, every_ms)):
                cue_offsets.append(
                    (offset, f"{path}/cue{n}", Role.HOLD_CUE, cue_text, cue_template, None)
                )
        # A self-paced hold has no known middle; in a hold counted in breaths, the person counts.
        if (
            halfway_on
            and self.cues.halfway
            and held_ms >= self.cues.halfway_min.ms
            and not hold.until
            and breaths is None
        ):
            cue_offsets.append(
                (held_ms // 2, f"{path}/halfway", Role.HALFWAY, "Halfway", None, _HALFWAY)
            )
        for offset, cue_id, role, cue_text, cue_template, cue_message in sorted(
            cue_offsets, key=lambda item: item[0]
        ):
            at_ms, index = _held_to_clock(offset, starts, parts)
            if offset or role is not Role.HOLD_CUE:  # its opening cue is said with the hold
                part_end_ms = starts[index] + parts[index]
                found = self.quiet_time(at_ms, at_ms, part_end_ms, speaking_ms(cue_text))
                if found is None:
                    continue
                at_ms = found
            self.marker(
                cue_id,
                at_ms,
                Kind.CUE,
                role,
                cue_text,
                side,
                message=cue_message,
                template=cue_template,
                part=positions[index] if count > 1 else None,
            )

    def reps(self, reps: Reps, path: str, side: Side | None) -> None:
        count = self.count(reps.count, fitted=not reps.until)
        if reps.alternate:
            first = self.side_of(reps.first) if reps.first else self.next_side()
            sides: list[Side | None] = [first, first.other] * count
            self.last_side = first.other
            per_side = 2
        else:
            sides = [side] * count
            per_side = 1
        positions = [Position(i + 1, count) for i in range(count)]
        for index, rep_side in enumerate(sides):
            filled, template = self.fill(reps.text, rep_side)
            position = positions[index // per_side]
            message = Message(
                "rep", (("text", filled), ("index", position.index), ("count", count))
            )
            self.segment(
                f"{path}/rep{index}",
                reps.tempo.ms,
                Kind.REP,
                Role.REP,
                f"{filled} ({position.index} of {count})",
                rep_side,
                message=message,
                template=template,
                rep=position,
                until_source=reps.until if index == len(sides) - 1 else "",
            )


#: The segments no countdown tick may fall inside: the person is holding, moving or breathing.
_HELD_KINDS = frozenset({Kind.HOLD, Kind.REP, Kind.BREATH})

#: The markers whose text players say: cues and the notes of stretches left out.
_SAID_MARKERS = frozenset({Kind.CUE, Kind.SKIP})


def _under(allowed: tuple[bool, bool, bool], local: LocalCues | None) -> tuple[bool, bool, bool]:
    """What ``local`` allows inside a node where ``allowed`` applies: each field it sets (not
    None) replaces the one around it. The routine-wide Cues still decide whether a cue is given at
    all: a LocalCues can quiet cues, and give back what an outer one quieted, never more."""
    if local is None:
        return allowed
    countdown, halfway, hold_cues = allowed
    return (
        countdown if local.countdown is None else local.countdown,
        halfway if local.halfway is None else local.halfway,
        hold_cues if local.hold_cues is None else local.hold_cues,
    )


def _held_to_clock(offset_ms: int, starts: list[int], parts: tuple[int, ...]) -> tuple[int, int]:
    """The clock time at ``offset_ms`` of held time into a hold split into ``parts``, and the
    index of the part it falls in."""
    for index, (start_ms, part_ms) in enumerate(zip(starts, parts, strict=True)):
        if offset_ms < part_ms:
            return start_ms + offset_ms, index
        offset_ms -= part_ms
    return starts[-1] + parts[-1], len(
        parts
    ) - 1  # pragma: no cover - offsets are below the held time
