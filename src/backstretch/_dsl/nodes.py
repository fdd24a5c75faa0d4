"""The routine DSL: frozen values that describe a routine, checked field by field as they are built.

Each node is a plain ``attrs`` value: compose them with ordinary Python, vary them with
``attrs.evolve``. Sequences are stored as tuples (lists are accepted). Constructors fail fast on a
bad field with a message that names the field, the value and what to write instead; problems that
only show in the whole tree (an empty PerSide, two stretches with one name) are collected by
``check_routine`` instead, all at once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias, cast

import attrs

from .._base.kinds import Affected, Side
from .._base.memo import IdentityMemo
from .._base.rules import LANGUAGE_TAG_WORDS, is_count, is_language_tag
from .._base.text import INVISIBLE, note_problem, visible
from .._base.time import (
    Breaths,
    CountRange,
    Duration,
    DurationRange,
    parse_breaths,
    seconds,
    shown,
    to_duration,
    to_duration_or_range,
    to_held,
)
from .._timeline.messages import LibraryWords
from ..exceptions import BackstretchError, InvalidTypeError, InvalidValueError
from .conditions import SHARED, Condition, Vocabulary, condition_name

__all__ = [
    "ASKS",
    "HOLD_TEXT",
    "REST_TEXT",
    "SWITCH_TEXT",
    "Break",
    "Breath",
    "Caution",
    "Circuit",
    "LocalCues",
    "Modification",
    "OneSide",
    "PerSide",
    "Repeat",
    "Reps",
    "Rest",
    "Routine",
    "Step",
    "Stretch",
]

DurationInput: TypeAlias = Duration | datetime.timedelta | str
RangeInput: TypeAlias = DurationInput | DurationRange
HeldInput: TypeAlias = RangeInput | Breaths
CountInput: TypeAlias = int | CountRange

_CONDITION_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

#: The default texts of a Hold, a Rest and a PerSide's switch: the library's own words
#: (``LibraryWords``), so in a timeline they carry their message (and are translated); the
#: author's own texts do not. An author who writes these very words gets the library's.
HOLD_TEXT = LibraryWords("hold")
REST_TEXT = LibraryWords("rest")
SWITCH_TEXT = LibraryWords("switch")


# Converters reading the library's words, written out, as the library's (see LibraryWords).


def _as_hold_text(value: object) -> Any:
    return LibraryWords.of(value, "hold")


def _as_rest_text(value: object) -> Any:
    return LibraryWords.of(value, "rest")


def _as_switch_text(value: object) -> Any:
    return LibraryWords.of(value, "switch")


def _where(inst: object, attr: attrs.Attribute[Any]) -> str:
    return f"{type(inst).__name__}.{attr.name}"


# Converters accept the friendly spellings and leave anything they cannot read untouched, so that
# the field's validator, which knows the class and field name, reports it with a teaching message.


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, list | tuple):
        return tuple(value)
    return cast(tuple[Any, ...], value)


def _as_duration(value: DurationInput) -> Duration:
    try:
        return to_duration(value, field="")
    except BackstretchError:
        return cast(Duration, value)


def _as_optional_duration(value: DurationInput | None) -> Duration | None:
    return None if value is None else _as_duration(value)


def _as_rest_duration(value: object) -> Duration | DurationRange:
    try:
        return to_duration_or_range(value, field="")
    except BackstretchError:
        return cast(Duration, value)


def _as_held(value: HeldInput) -> Duration | DurationRange | Breaths:
    counted = parse_breaths(value) if isinstance(value, str) else None
    if counted is not None:
        return counted
    try:
        return to_held(value, field="")
    except BackstretchError:
        return cast(Duration, value)


def _as_side(value: Side | Affected | str | None) -> Side | Affected | None:
    side = Side.of(value)
    if side is not None:
        return side
    if isinstance(value, str) and value in Affected.__members__.values():
        return Affected(value)
    return cast(Side | None, value)


def _as_conditions(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return cast(tuple[str, ...], value)  # the validator explains
    items = _as_tuple(value)
    if isinstance(items, tuple) and all(isinstance(c, str) for c in items):
        # "knees" and "Knee pain" mean "knee"; a routine's own names are read when compiling.
        return tuple(sorted({SHARED.get(c) or condition_name(c) for c in items}))
    return items


# Validators: each names Class.field, the bad value, and what to write instead.


def _text(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{_where(inst, attr)} must be text (a str), got {value!r}")
    if not value.strip():
        raise InvalidValueError(
            f"{_where(inst, attr)} must not be empty; write what the person does"
        )
    if not visible(value):
        raise InvalidValueError(f"{_where(inst, attr)} {INVISIBLE}, got {value!r}")


def _optional_text(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{_where(inst, attr)} must be text (a str), got {value!r}")


def _empty_or_said(says: str) -> Any:
    """A validator for a text that is either empty (the default) or ``says`` something, never
    only spaces."""

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        _optional_text(inst, attr, value)
        if value and not cast(str, value).strip():
            raise InvalidValueError(f"{_where(inst, attr)} must {says}; got {value!r}")
        if value and not visible(cast(str, value)):
            raise InvalidValueError(f"{_where(inst, attr)} {INVISIBLE}, got {value!r}")

    return check


_until = _empty_or_said(
    "say what the person waits for (e.g. 'the resistance fades'), or be empty for a part of "
    "fixed length"
)
_phase_text = _empty_or_said(
    "say what the person does in this phase (e.g. 'pump your arms as you breathe in'), or be "
    "empty for the library's words"
)
_said_note = _empty_or_said(
    "say when to stop and whom to ask, or be empty for the library's general note"
)


def _note(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    _said_note(inst, attr, value)
    problem = note_problem(cast(str, value)) if value else None
    if problem:
        raise InvalidValueError(f"{_where(inst, attr)} {problem}")


def _texts(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) and visible(v) for v in value):
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be a list of non-empty texts, got {value!r}"
        )


def _positive_duration(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    where = _where(inst, attr)
    if not isinstance(value, Duration):
        to_duration(value, field=where)  # raises the teaching error for this value
        raise InvalidTypeError(f"{where} must be a duration, got {value!r}")  # pragma: no cover
    if value.ms == 0:
        raise InvalidValueError(f"{where} must be longer than 0 s; write e.g. seconds(5)")


def _optional_positive_duration(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _positive_duration(inst, attr, value)


def _held(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, Breaths):
        return
    if isinstance(value, DurationRange):
        if value.low_ms == 0:
            raise InvalidValueError(
                f"{_where(inst, attr)} range must start above 0 s, got {value}; "
                f"write e.g. between(seconds(30), seconds(60))"
            )
        return
    _positive_duration(inst, attr, value)


def _rest_duration(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, Breaths):
        raise InvalidValueError(
            f"{_where(inst, attr)} is a time or a range of times, got {value}; a rest is not "
            f"counted in breaths"
        )
    _held(inst, attr, value)


def _as_counts(value: object) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _reps_count(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        _count(inst, attr, value)
        return
    where = _where(inst, attr)
    if len(value) < 2 or not all(type(n) is int and n >= 1 for n in value):
        raise InvalidValueError(
            f"{where} per round must be two or more whole numbers >= 1, one for each round of "
            f"the Repeat around it, like (6, 4, 2); got {shown(value)}"
        )


def _count(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    where = _where(inst, attr)
    if isinstance(value, CountRange):
        return
    if type(value) is not int:
        hint = ""
        if isinstance(value, Duration | DurationRange | str):
            hint = "; a count is a whole number, not a time"
        raise InvalidTypeError(
            f"{where} must be a whole number or between(low, high), got {value!r}{hint}"
        )
    if not is_count(value):
        raise InvalidValueError(f"{where} must be 1 or more, got {value!r}")


def _flag(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"{_where(inst, attr)} must be True or False, got {value!r}")


def _breaks(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Break):
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be a Break or None, got {type(value).__name__}: "
            f"{value!r}; write e.g. breaks=Break('Bend your knees', every='2m', duration='20s')"
        )


def _side(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Side | Affected):
        raise InvalidValueError(
            f"{_where(inst, attr)} must be 'left', 'right', 'affected', 'unaffected' or None "
            f"(alternate from the previous side), got {value!r}"
        )


def _one_side(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Side | Affected):
        raise InvalidValueError(
            f"{_where(inst, attr)} must be 'left', 'right', 'affected' or 'unaffected', got "
            f"{value!r}"
        )


def _conditions(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    where = _where(inst, attr)
    if not isinstance(value, tuple):
        raise InvalidTypeError(
            f"{where} must be a list of condition names like ['knee'], got {value!r}"
        )
    for condition in value:
        if not isinstance(condition, str) or not _CONDITION_RE.fullmatch(condition):
            raise InvalidValueError(
                f"{where} has {condition!r}; a condition is a lowercase word like 'knee' or "
                f"'lower-back'"
            )


def _language(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not is_language_tag(value):
        raise InvalidValueError(f"{_where(inst, attr)} must be {LANGUAGE_TAG_WORDS}, got {value!r}")


#: The check-ins a routine may ask, in the order they are asked.
ASKS = ("pain_before", "pain_after", "effort")


def _asks(inst: object, attr: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    if type(value) is not tuple:
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be a list of check-ins like ['pain_before'], got "
            f"{shown(value)}"
        )
    for index, item in enumerate(value):
        if item not in ASKS:
            raise InvalidValueError(
                f"{_where(inst, attr)}[{index}] must be one of {', '.join(map(repr, ASKS))}, got "
                f"{shown(item)}"
            )
    if len(set(value)) != len(value):
        raise InvalidValueError(f"{_where(inst, attr)} asks the same check-in twice")


def _as_translations(value: object) -> Any:
    """A read-only copy of the translations (a dict of dicts), or the value for the validator."""
    if not isinstance(value, Mapping) or not all(isinstance(t, Mapping) for t in value.values()):
        return value
    return MappingProxyType({lang: MappingProxyType(dict(t)) for lang, t in value.items()})


def _translations(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    where = _where(inst, attr)
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"{where} must map a language to its texts, like {{'de': {{'Rest': 'Pause'}}}}, "
            f"got {value!r}"
        )
    for language, texts in value.items():
        if not is_language_tag(language):
            raise InvalidValueError(
                f"{where} has {language!r} where a language tag like 'de' belongs"
            )
        if not isinstance(texts, Mapping):
            raise InvalidTypeError(f"{where}[{language!r}] must map texts to their translations")
        for source, translated in texts.items():
            if not isinstance(source, str) or not isinstance(translated, str):
                raise InvalidTypeError(
                    f"{where}[{language!r}] must map texts to texts, got {source!r}: {translated!r}"
                )


def _nodes(*types: type) -> Any:
    names = ", ".join(t.__name__ for t in types)

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        where = _where(inst, attr)
        if not isinstance(value, tuple):
            raise InvalidTypeError(f"{where} must be a list of {names}, got {value!r}")
        for index, item in enumerate(value):
            if not isinstance(item, types):
                raise InvalidTypeError(
                    f"{where}[{index}] must be one of {names}, got {type(item).__name__}: {item!r}"
                )

    return check


def _body(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    # PerSide and Repeat hold each other, so the check is looked up when it runs.
    _check_body(inst, attr, value)


@attrs.frozen
class Caution:
    """A warning shown before its stretch starts.

    With ``conditions`` (``["knee"]``) it is also a contraindication: people who declare one of
    those conditions do not get the stretch. Names come from the shared vocabulary
    (``CONDITIONS``; an alias stands for its condition) or the routine's ``extra_conditions``.
    """

    text: str = attrs.field(validator=_text)
    conditions: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_conditions, validator=_conditions
    )


@attrs.frozen
class Modification:
    """An easier variant or a prop, and when to use it ("sit on a yoga block if ...")."""

    text: str = attrs.field(validator=_text)
    when: str = attrs.field(default="", kw_only=True, validator=_optional_text)
    props: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_texts
    )


@attrs.frozen
class Step:
    """One instruction the person performs.

    Without a ``duration`` it gets one estimated from its text by ``estimate_ms``. With ``until``
    ("you are comfortable on the floor") it is self-paced: the duration is the least time, and a
    player waits for the person before going on.
    """

    text: str = attrs.field(validator=_text)
    duration: Duration | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_as_optional_duration,
        validator=_optional_positive_duration,
    )
    until: str = attrs.field(default="", kw_only=True, validator=_until)


def _optional_flag(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be True, False or None (as around it), got {value!r}"
        )


@attrs.frozen
class LocalCues:
    """Which cues a Hold, a Repeat or a Stretch gets, overriding the routine-wide ``Cues`` there
    (and, on a Repeat or Stretch, in everything inside it that does not say otherwise). None keeps
    what applies around it: ``LocalCues(countdown=False)`` quiets the get-ready ticks and nothing
    else.

    - ``countdown``: the get-ready ticks before each hold part.
    - ``halfway``: the "Halfway" cue in long holds.
    - ``hold_cues``: a hold's own cue (its ``cue=``), and its repeats.
    """

    countdown: bool | None = attrs.field(default=None, kw_only=True, validator=_optional_flag)
    halfway: bool | None = attrs.field(default=None, kw_only=True, validator=_optional_flag)
    hold_cues: bool | None = attrs.field(default=None, kw_only=True, validator=_optional_flag)


def _local_cues(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, LocalCues):
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be a LocalCues or None, got {type(value).__name__}: "
            f"{value!r}; write e.g. cues=LocalCues(countdown=False)"
        )


@attrs.frozen
class Break:
    """A break taken during a long hold, so the hold never runs longer than ``every`` unbroken."""

    text: str = attrs.field(validator=_text)
    every: Duration = attrs.field(
        kw_only=True, converter=_as_duration, validator=_positive_duration
    )
    duration: Duration = attrs.field(
        kw_only=True, converter=_as_duration, validator=_positive_duration
    )


@attrs.frozen
class Hold:
    """Hold a position for a fixed time, a range (``between(seconds(30), seconds(60))``), or a
    number of breaths (``breaths(3)``, ``"3 breaths"``: each as long as ``compile_routine``'s
    ``breath``).

    ``cue`` is a breath or focus cue for the hold; ``breaks`` splits a long hold into even parts of
    at most ``breaks.every`` with a break between them. With ``until`` ("the resistance fades")
    the hold is self-paced: its duration is the least time, and a player waits for the person at
    its end.
    """

    duration: Duration | DurationRange | Breaths = attrs.field(converter=_as_held, validator=_held)
    text: str = attrs.field(
        default=HOLD_TEXT, kw_only=True, converter=_as_hold_text, validator=_text
    )
    cue: str = attrs.field(default="", kw_only=True, validator=_optional_text)
    breaks: Break | None = attrs.field(default=None, kw_only=True, validator=_breaks)
    until: str = attrs.field(default="", kw_only=True, validator=_until)
    cues: LocalCues | None = attrs.field(default=None, kw_only=True, validator=_local_cues)

    def __attrs_post_init__(self) -> None:
        if self.breaks is not None and isinstance(self.duration, Breaths):
            raise InvalidValueError(
                f"Hold.breaks splits a hold timed in seconds; a hold of {self.duration} is not: "
                f"leave breaks out, or time the hold in seconds"
            )


def hold_parts(hold: Hold) -> int:
    """How many equal parts a hold with breaks is split into: enough that even at the top of its
    range no part is longer than ``breaks.every``. Fixed per hold, so the total grows smoothly with
    the held time and levels and fitting keep the same shape."""
    if hold.breaks is None or isinstance(hold.duration, Breaths):
        return 1
    high_ms = hold.duration.ms if isinstance(hold.duration, Duration) else hold.duration.high_ms
    return max(1, -(-high_ms // hold.breaks.every.ms))


@attrs.frozen
class Breath:
    """One breath in timed phases: breathe in for ``inhale``, hold it for ``hold`` (if any),
    breathe out for ``exhale``, and hold with the lungs empty for ``hold_out`` (if any). "Inhale
    4, hold 7, exhale 8" is ``Breath("4s", "8s", hold="7s")``; box breathing is
    ``Breath("4s", "4s", hold="4s", hold_out="4s")``. Put it in a Repeat for several breaths.

    Its phases are ``breath`` events whose roles (``inhale``, ``hold_in``, ``exhale``,
    ``hold_out``) say which phase each one is, so a player shows breathing, not a hold. Each
    phase says the library's words ("Breathe in") unless the author gives its own:
    ``inhale_text="Pump your arms five times as you breathe in"`` (and ``hold_text``,
    ``exhale_text``, ``hold_out_text``, each for a phase the breath has).
    """

    inhale: Duration = attrs.field(converter=_as_duration, validator=_positive_duration)
    exhale: Duration = attrs.field(converter=_as_duration, validator=_positive_duration)
    hold: Duration | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_as_optional_duration,
        validator=_optional_positive_duration,
    )
    hold_out: Duration | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_as_optional_duration,
        validator=_optional_positive_duration,
    )
    inhale_text: str = attrs.field(default="", kw_only=True, validator=_phase_text)
    hold_text: str = attrs.field(default="", kw_only=True, validator=_phase_text)
    exhale_text: str = attrs.field(default="", kw_only=True, validator=_phase_text)
    hold_out_text: str = attrs.field(default="", kw_only=True, validator=_phase_text)

    def __attrs_post_init__(self) -> None:
        for length, text, name in (
            (self.hold, self.hold_text, "hold"),
            (self.hold_out, self.hold_out_text, "hold_out"),
        ):
            if text and length is None:
                raise InvalidValueError(
                    f"Breath.{name}_text is said during the {name} phase, but the breath has "
                    f"none: give {name}=... a length, or leave {name}_text out"
                )

    @property
    def phases(self) -> tuple[tuple[str, Duration], ...]:
        """The breath's phases in order, each as its role's name and its length."""
        return tuple((name, length) for name, length, _ in self.said_phases)

    @property
    def said_phases(self) -> tuple[tuple[str, Duration, str], ...]:
        """The breath's phases in order, each as its role's name, its length and the author's
        words for it ("" for the library's)."""
        named = (
            ("inhale", self.inhale, self.inhale_text),
            ("hold_in", self.hold, self.hold_text),
            ("exhale", self.exhale, self.exhale_text),
            ("hold_out", self.hold_out, self.hold_out_text),
        )
        return tuple((name, length, text) for name, length, text in named if length is not None)


@attrs.frozen
class Rest:
    """A pause: of a fixed length, of a range the level (or a fit) chooses from ("up to 10 s":
    ``between("5s", "10s")``), or self-paced: with ``until`` ("you are ready") its duration is
    the least time, and a player waits for the person after it."""

    duration: Duration | DurationRange = attrs.field(
        converter=_as_rest_duration, validator=_rest_duration
    )
    text: str = attrs.field(
        default=REST_TEXT, kw_only=True, converter=_as_rest_text, validator=_text
    )
    until: str = attrs.field(default="", kw_only=True, validator=_until)

    @property
    def shortest_ms(self) -> int:
        """How long the rest lasts at least (a range's low end)."""
        duration = self.duration
        return duration.ms if isinstance(duration, Duration) else duration.low_ms

    @property
    def longest_ms(self) -> int:
        """How long the rest lasts at most (a range's high end)."""
        duration = self.duration
        return duration.ms if isinstance(duration, Duration) else duration.high_ms


@attrs.frozen
class Reps:
    """A counted movement at a tempo, optionally alternating sides.

    ``count`` is per side when ``alternate`` is true (left, right, left, right: equal counts), and
    may be a range (``between(5, 10)``). ``{side}`` and ``{other}`` in ``text`` are filled per rep.
    ``count`` may also be a count per round of the Repeat around it, ``(6, 4, 2)`` (a pyramid:
    one count for each of its rounds).

    With ``until`` ("as many as are comfortable") the reps are self-paced: ``count`` is the
    planned number, and a player waits for the person after the last one. With ``counted`` a
    check-in after the set asks how many the person did.
    """

    count: int | CountRange | tuple[int, ...] = attrs.field(
        converter=_as_counts, validator=_reps_count
    )
    text: str = attrs.field(validator=_text)
    tempo: Duration = attrs.field(
        default=seconds(3), kw_only=True, converter=_as_duration, validator=_positive_duration
    )
    alternate: bool = attrs.field(default=False, kw_only=True, validator=_flag)
    first: Side | Affected | None = attrs.field(
        default=None, kw_only=True, converter=_as_side, validator=_side
    )
    until: str = attrs.field(default="", kw_only=True, validator=_until)
    #: The person counts the reps they did ("until fatigue", "as many as comfortable, up to
    #: 10"): a check-in after the set asks how many (0 to ``count``'s top), for the log.
    counted: bool = attrs.field(default=False, kw_only=True, validator=_flag)

    def __attrs_post_init__(self) -> None:
        if self.first is not None and not self.alternate:
            raise InvalidValueError(
                f"Reps.first={self.first!r} applies only to alternating reps; set alternate=True, "
                f"or put the Reps in a PerSide to do them on each side"
            )


@attrs.frozen
class PerSide:
    """Do ``body`` on one side, switch, then do it on the other side.

    ``{side}`` and ``{other}`` in any text inside are filled with the side in use and the other one.
    ``first=None`` starts opposite to the side used last in the stretch (left at its start), so
    sides keep alternating, also across the rounds of a Repeat.
    """

    body: tuple[BodyNode, ...] = attrs.field(converter=_as_tuple, validator=_body)
    first: Side | Affected | None = attrs.field(
        default=None, kw_only=True, converter=_as_side, validator=_side
    )
    switch: Duration = attrs.field(
        default=seconds(5), kw_only=True, converter=_as_duration, validator=_positive_duration
    )
    switch_text: str = attrs.field(
        default=SWITCH_TEXT, kw_only=True, converter=_as_switch_text, validator=_text
    )


@attrs.frozen
class OneSide:
    """Do ``body`` on one side only: ``"left"``, ``"right"``, or, for a routine that works one
    side more, ``"affected"`` or ``"unaffected"`` (the side is chosen when compiling). ``{side}``
    and ``{other}`` inside are filled as in a PerSide. When the stretch was last on the other side,
    a switch (``switch``, ``switch_text``) comes first.
    """

    body: tuple[BodyNode, ...] = attrs.field(converter=_as_tuple, validator=_body)
    side: Side | Affected = attrs.field(kw_only=True, converter=_as_side, validator=_one_side)
    switch: Duration = attrs.field(
        default=seconds(5), kw_only=True, converter=_as_duration, validator=_positive_duration
    )
    switch_text: str = attrs.field(
        default=SWITCH_TEXT, kw_only=True, converter=_as_switch_text, validator=_text
    )


def _as_rest(value: Rest | DurationInput | None) -> Rest | None:
    if value is None or isinstance(value, Rest):
        return value
    try:
        return Rest(to_duration(value, field=""))
    except BackstretchError:
        return cast(Rest, value)  # the validator explains


def _between(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Rest):
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be a Rest, a duration or None, got "
            f"{type(value).__name__}: {value!r}; write e.g. between=Rest('30s', text='Shake out "
            f"your arms') or between='30s'"
        )


@attrs.frozen
class Repeat:
    """Do ``body`` ``times`` times (a count or a range); sides keep alternating across rounds.

    ``between`` is a Rest taken between two rounds, never after the last (a duration is a plain
    Rest). ``{round}`` and ``{rounds}`` in any text inside are filled with the round's number and
    the number of rounds ("a little further each time: round {round} of {rounds}"). ``cues``
    overrides the routine's cue options for everything inside.

    With ``until`` ("you feel tired") ``times`` is the most rounds: after each round but the
    last a check-in asks whether to go on, and a player that hears "enough" goes on after the
    Repeat.
    """

    times: int | CountRange = attrs.field(validator=_count)
    body: tuple[BodyNode, ...] = attrs.field(converter=_as_tuple, validator=_body)
    between: Rest | None = attrs.field(
        default=None, kw_only=True, converter=_as_rest, validator=_between
    )
    cues: LocalCues | None = attrs.field(default=None, kw_only=True, validator=_local_cues)
    until: str = attrs.field(default="", kw_only=True, validator=_until)


BodyNode: TypeAlias = Step | Hold | Breath | Reps | PerSide | OneSide | Repeat | Rest
_check_body = _nodes(Step, Hold, Breath, Reps, PerSide, OneSide, Repeat, Rest)


def _alternative(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Stretch):
        raise InvalidTypeError(
            f"{_where(inst, attr)} must be a Stretch (done instead when this one is left out) or "
            f"None, got {type(value).__name__}: {value!r}"
        )


@attrs.frozen
class Stretch:
    """One named stretch: why it helps, what it works, what it needs, its cautions and
    modifications, and its body.

    ``props`` are what the person needs for it (a towel, a strap, a wall); a modification may need
    props of its own. ``alternative`` is done instead when a declared condition rules this stretch
    out.
    """

    name: str = attrs.field(validator=_text)
    body: tuple[BodyNode, ...] = attrs.field(converter=_as_tuple, validator=_body)
    purpose: str = attrs.field(default="", kw_only=True, validator=_optional_text)
    targets: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_texts
    )
    props: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_texts
    )
    cautions: tuple[Caution, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_nodes(Caution)
    )
    modifications: tuple[Modification, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_nodes(Modification)
    )
    alternative: Stretch | None = attrs.field(default=None, kw_only=True, validator=_alternative)
    cues: LocalCues | None = attrs.field(default=None, kw_only=True, validator=_local_cues)

    @property
    def chain(self) -> tuple[Stretch, ...]:
        """This stretch followed by its alternative, that one's alternative, and so on."""
        chain = [self]
        while chain[-1].alternative is not None:
            chain.append(chain[-1].alternative)
        return tuple(chain)

    @property
    def conditions(self) -> tuple[str, ...]:
        """Every condition its cautions name: declaring one of them leaves this stretch out."""
        return tuple(sorted({c for caution in self.cautions for c in caution.conditions}))


@attrs.frozen
class Circuit:
    """Do a sequence of stretches (and rests) ``times`` times, as rounds: round 1 of each, then
    round 2 of each, and so on ("three rounds of: squat, bird dog, plank").

    ``between`` is a Rest taken between two rounds, never after the last (a duration is a plain
    Rest). Each round of a stretch is a chapter of its own, and its events carry the round in
    their ``rounds``; ``{round}`` and ``{rounds}`` in its texts are filled per round. Each round
    opens with the stretch's announcement and cautions; what it needs and its modifications are
    said in the first round only.
    """

    times: int | CountRange = attrs.field(validator=_count)
    body: tuple[Stretch | Rest, ...] = attrs.field(
        converter=_as_tuple, validator=_nodes(Stretch, Rest)
    )
    between: Rest | None = attrs.field(
        default=None, kw_only=True, converter=_as_rest, validator=_between
    )

    @property
    def stretches(self) -> tuple[Stretch, ...]:
        """The stretches of one round, in order."""
        return tuple(item for item in self.body if isinstance(item, Stretch))


#: Each routine's vocabulary, made once per routine object (routines are frozen: see _memo).
_VOCABULARIES: IdentityMemo[Routine, Vocabulary] = IdentityMemo()


@attrs.frozen
class Routine:
    """A titled sequence of stretches, with rests between them where you want them, and
    circuits (a sequence of stretches done in rounds).

    ``intro`` is read out after the title, ``outro`` before the end; ``rest_between`` puts a rest
    between every two stretches that do not already have a Rest between them.

    ``safety_note`` is the routine's own safety note, which opens its timeline in place of the
    library's general one (``SAFETY_NOTE``); ``cautions`` are read before the first stretch, for
    the whole routine ("stop if pain goes above 3 out of 10"). A routine caution with
    ``conditions`` rules out every stretch for someone who declares one of them.

    ``extra_conditions`` are conditions of the routine's own, beyond the shared vocabulary
    (``CONDITIONS``), for its cautions to name and its people to declare.

    ``language`` is the language the routine is written in (a tag like ``"en"``);
    ``translations`` gives its texts in other languages, by language and then by the text as
    written: ``{"de": {"Child's Pose": "Kindhaltung"}}``. A translation keeps the placeholders of
    its text, and may give a side the form its noun needs: ``{side|linken|rechten}``.
    ``compile_routine(language=...)`` uses them, falling back to the text as written.

    ``ask`` lists the check-ins the routine asks, each a question a player shows and waits on:
    ``"pain_before"`` (before the first stretch), ``"pain_after"`` and ``"effort"`` (after the
    last), answered as docs/timeline.md says; a program's sessions ask them for its log.
    """

    title: str = attrs.field(validator=_text)
    body: tuple[Stretch | Rest | Circuit, ...] = attrs.field(
        converter=_as_tuple, validator=_nodes(Stretch, Rest, Circuit)
    )
    intro: str = attrs.field(default="", kw_only=True, validator=_optional_text)
    outro: str = attrs.field(default="", kw_only=True, validator=_optional_text)
    rest_between: Duration | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_as_optional_duration,
        validator=_optional_positive_duration,
    )
    cautions: tuple[Caution, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_nodes(Caution)
    )
    safety_note: str = attrs.field(default="", kw_only=True, validator=_note)
    extra_conditions: tuple[Condition, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_nodes(Condition)
    )
    language: str = attrs.field(default="en", kw_only=True, validator=_language)
    ask: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_asks
    )
    translations: Mapping[str, Mapping[str, str]] = attrs.field(
        factory=dict,
        kw_only=True,
        converter=_as_translations,
        validator=_translations,
        hash=False,
        repr=lambda value: repr({language: dict(texts) for language, texts in value.items()}),
    )

    @property
    def conditions(self) -> tuple[str, ...]:
        """Every condition the routine's own cautions name (read by its vocabulary, so its own
        aliases mean their condition): declaring one leaves out all of it."""
        return tuple(sorted(self.named(self.cautions)))

    def named(self, cautions: Iterable[Caution]) -> frozenset[str]:
        """The conditions ``cautions`` name, each read by the routine's vocabulary (an alias of
        the routine's own means its condition)."""
        return self.vocabulary.names(name for caution in cautions for name in caution.conditions)

    @property
    def vocabulary(self) -> Vocabulary:
        """The conditions this routine knows: the shared ones and its extra ones."""
        if not self.extra_conditions:
            return SHARED
        known = _VOCABULARIES.get(self)
        if known is None:
            known = Vocabulary((*SHARED.conditions, *self.extra_conditions))
            _VOCABULARIES.put(self, known)
        return known

    @property
    def named_conditions(self) -> dict[str, tuple[str, ...]]:
        """Each condition a caution of the routine names, and what declaring it leaves out or
        replaces: the stretches (by name) whose cautions name it, or the routine's title when a
        routine caution does."""
        named: dict[str, list[str]] = {name: [self.title] for name in self.conditions}
        for stretch in self.stretches:
            for each in stretch.chain:
                for name in sorted(self.named(each.cautions)):
                    places = named.setdefault(name, [])
                    if each.name not in places:
                        places.append(each.name)
        return {name: tuple(named[name]) for name in sorted(named)}

    @property
    def stretches(self) -> tuple[Stretch, ...]:
        """The stretches of the routine, in order (rests left out; a circuit's once each)."""
        found: list[Stretch] = []
        for item in self.body:
            if isinstance(item, Stretch):
                found.append(item)
            elif isinstance(item, Circuit):
                found += item.stretches
        return tuple(found)
