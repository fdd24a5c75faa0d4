"""What a compile is asked for: the options compile_routine takes, each read and checked once,
and the estimates every pass shares (how long a text takes to say)."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from .._base.kinds import Side
from .._base.text import note_problem, text_problem
from .._base.time import BREATH, Duration, Level, format_ms, seconds, shown, to_duration
from .._dsl.check import slug
from .._dsl.nodes import BodyNode, Breath, Repeat, Rest, Routine, Step
from .._timeline.messages import LibraryWords, Message
from ..exceptions import BackstretchError, InvalidTypeError, InvalidValueError

__all__ = [
    "BREATH",
    "MAX_BREATH_MS",
    "NO_CUES",
    "ROUTINE_NOTE",
    "SAFETY_NOTE",
    "Cues",
    "Options",
    "Unset",
    "breath_duration",
    "estimate_ms",
    "read_affected",
    "read_conditions",
    "read_cues",
    "read_level",
    "read_safety_note",
    "read_swapped",
]

#: Speaking pace used to estimate how long a text takes: 150 words a minute.
MS_PER_WORD = 400
#: Time added to every estimate to settle into the instruction.
SETTLE_MS = 1500
#: No estimated segment is shorter than this.
MIN_ESTIMATE_MS = 3000

#: The library's general safety note: it opens every timeline whose routine has no note of its
#: own, unless ``compile_routine(safety_note=...)`` says otherwise.
SAFETY_NOTE = LibraryWords("safety_note")
#: The library's note for a routine of breathing alone (no holds, reps or sides): it speaks of
#: breathing, and still says to stop if anything hurts.
BREATHING_NOTE = LibraryWords("safety_note_breathing")


class Unset(enum.Enum):
    UNSET = "the routine's own safety note, else SAFETY_NOTE"

    def __repr__(self) -> str:
        return "<the routine's own note>"


ROUTINE_NOTE = Unset.UNSET


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


_DEFAULT_CUES = Cues()
NO_CUES = Cues.off()


@attrs.frozen
class Options:
    """The options of one compile, read and checked."""

    level: Level
    conditions: frozenset[str]
    cues: Cues
    safety_note: str | None
    affected: Side | None
    breath_ms: int
    #: The ids of the stretches the person swapped for their alternative.
    swapped: frozenset[str] = frozenset()
    #: What a program says of this session (which one, when, what changed), said after the title.
    session: tuple[Message, ...] = ()


def read_level(level: object) -> Level:
    found = Level.of(level)
    if found is not None:
        return found
    raise InvalidValueError(f"level must be 'gentle', 'standard' or 'deep', got {level!r}")


_NO_CONDITIONS: frozenset[str] = frozenset()


def read_conditions(conditions: object) -> frozenset[str]:
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


def read_affected(affected: object) -> Side | None:
    side = Side.of(affected)
    if affected is None or side is not None:
        return side
    raise InvalidValueError(f"affected must be 'left', 'right' or None, got {affected!r}")


def read_cues(cues: object) -> Cues:
    if cues is None:
        return _DEFAULT_CUES
    if not isinstance(cues, Cues):
        raise InvalidTypeError(f"cues must be a Cues(...) value or None, got {cues!r}")
    return cues


def read_safety_note(note: object, routine: Routine) -> str | None:
    """The note that opens the timeline: the routine's own (else the library's) unless ``note``
    says otherwise; the library's very words are the library's (``LibraryWords``)."""
    if note is ROUTINE_NOTE:  # check_routine checks the routine's own
        note = routine.safety_note or (BREATHING_NOTE if _breathing(routine) else SAFETY_NOTE)
    elif note is not None:
        if not isinstance(note, str) or not note.strip():
            raise InvalidValueError(f"safety_note must be a non-empty text or None, got {note!r}")
        problem = text_problem(note) or note_problem(note)
        if problem:
            raise InvalidValueError(f"safety_note {problem}")
    return None if note is None else LibraryWords.of(note, "safety_note")  # type: ignore[return-value]


def _breathing(routine: Routine) -> bool:
    """Whether ``routine`` is breathing alone: its stretches (alternatives too) hold nothing but
    steps, breaths, rests and repeats of them, and at least one breath."""
    kinds: set[type] = set()

    def walk(body: tuple[BodyNode, ...]) -> None:
        for node in body:
            kinds.add(type(node))
            if isinstance(node, Repeat):
                walk(node.body)

    for first in routine.stretches:
        for stretch in first.chain:
            walk(stretch.body)
    return Breath in kinds and kinds <= {Breath, Step, Rest, Repeat}


def read_swapped(swap: object, routine: Routine) -> frozenset[str]:
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
