"""The compiled timeline: the flat, timed events every player plays, their meaning as data, and
the rules (invariants) that every way of making a Timeline enforces.

A Timeline knows nothing of the DSL tree. Its events are sorted by ``start_ms``; at equal times a
segment comes before the markers that fall at its start, and otherwise events keep the order the
compiler emitted them in. An event says what it is (``kind``, ``role``), where it belongs
(``stretch_id``, ``rounds``, ``rep``, ``part``, ``side``), what it refers to (``target``), and, for
text the library wrote, the ``message`` key and parameters a player renders in its own language.

Building an Event or a Timeline checks it: a TimelineError lists every broken rule at its
``$.path``. So a Timeline in hand, compiled, loaded or built by hand, can be trusted.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import attrs

from .._base.kinds import MARKER_KINDS, ROLES, Kind, Role, Side
from .._base.rules import LANGUAGE_TAG_WORDS, is_count, is_language_tag, is_ms, ms_problem
from .._base.text import FORBIDDEN
from .._base.time import MAX_MS, Level
from ..exceptions import InvalidValueError, Problem, TimelineError
from .consistency import consistency_problems
from .fields import (
    OPEN_KINDS,
    PART_KINDS,
    ROLE_SETS,
    TARGET_ROLES,
    Position,
    a,
    event_problems,
)
from .messages import (
    Message,
    Param,
    _is_text,
    _is_texts,
    _is_waited_for,
    _problems_error,
    _text_or,
    render_message,
)

__all__ = [
    "CautionInfo",
    "Chapter",
    "CompileOptions",
    "Event",
    "Message",
    "ModificationInfo",
    "Param",
    "Personalization",
    "Position",
    "StretchInfo",
    "Timeline",
]

_forbidden = FORBIDDEN.search


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple | Iterator) else value


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else value  # type: ignore[return-value]


def _is_name(value: object) -> bool:
    return type(value) is str and bool(value.strip()) and _forbidden(value) is None


_RECORD_CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "text": (_is_text, "a text"),
    "name": (_is_name, "a non-empty text"),
    "texts": (_is_texts, "a list of texts"),
}


def _check_record(subject: str, fields: Iterable[tuple[str, object, str]]) -> None:
    """Check a small record's fields, each given as (name, value, what it must be)."""
    found = []
    for name, value, must in fields:
        check, words = _RECORD_CHECKS[must]
        if not check(value):
            found.append((name, _text_or(value, f"must be {words}, got {value!r}")))
    if found:
        raise _problems_error(found, subject)


@attrs.frozen
class CautionInfo:
    """A caution of a stretch, and the conditions that rule the stretch out (if any)."""

    text: str
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    def __attrs_post_init__(self) -> None:
        _check_record(
            "the caution", [("text", self.text, "name"), ("conditions", self.conditions, "texts")]
        )


@attrs.frozen
class ModificationInfo:
    """A modification of a stretch: the easier variant, when to use it, and the props it needs."""

    text: str
    when: str = ""
    props: tuple[str, ...] = attrs.field(default=(), converter=_texts)

    def __attrs_post_init__(self) -> None:
        _check_record(
            "the modification",
            [
                ("text", self.text, "name"),
                ("when", self.when, "text"),
                ("props", self.props, "texts"),
            ],
        )


@attrs.frozen
class StretchInfo:
    """One stretch played in a timeline, as data: what players show about it beside its events.

    ``id`` is the key that events (``stretch_id``, ``target``) and chapters use.
    """

    id: str
    name: str
    purpose: str = ""
    targets: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    props: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    cautions: tuple[CautionInfo, ...] = attrs.field(default=(), converter=_tuple)
    modifications: tuple[ModificationInfo, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _check_record(
            "the stretch",
            [
                ("id", self.id, "name"),
                ("name", self.name, "name"),
                ("purpose", self.purpose, "text"),
                ("targets", self.targets, "texts"),
                ("props", self.props, "texts"),
            ],
        )
        found = [
            (f"{field}[{index}]", f"must be a {cls.__name__}, got {item!r}")
            for field, items, cls in (
                ("cautions", self.cautions, CautionInfo),
                ("modifications", self.modifications, ModificationInfo),
            )
            for index, item in enumerate(items if type(items) is tuple else [items])
            if type(item) is not cls
        ]
        if found:
            raise _problems_error(found, "the stretch")


@attrs.frozen
class CompileOptions:
    """What a timeline was compiled with: the level, the declared conditions, the fit target, the
    language, whether a safety note opens it, the cue options (times in milliseconds), the
    person's affected side (None where none was given), and how long one breath takes."""

    level: Level = Level.STANDARD
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    fit_to_ms: int | None = None
    language: str = "en"
    safety_note: bool = True
    countdown: int = 3
    countdown_min_ms: int = 10_000
    halfway: bool = True
    halfway_min_ms: int = 20_000
    hold_cues: bool = True
    breath_every_ms: int | None = 30_000
    next_up: bool = True
    next_up_lead_ms: int = 10_000
    switch_prompt: bool = True
    switch_lead_ms: int = 5000
    affected: Side | None = None
    breath_ms: int = 6000
    #: Where a fit was asked for: the total the routine takes at its level without fitting.
    unfitted_ms: int | None = None
    #: The ids of the stretches the person swapped for their alternative.
    swapped: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    #: How many cue markers the cue options asked for found no quiet time (they would have been
    #: said over words, a beep, a breath phase or a self-paced part) and were left out.
    cues_left_out: int = 0

    def __attrs_post_init__(self) -> None:
        found = options_problems({name: getattr(self, name) for name in _OPTION_TYPES})
        if found:
            raise _problems_error(found, "the options")


_OPTION_TYPES: dict[str, str] = {
    "level": "level",
    "conditions": "texts",
    "fit_to_ms": "optional_ms",
    "language": "language",
    "safety_note": "bool",
    "countdown": "count",
    "countdown_min_ms": "ms",
    "halfway": "bool",
    "halfway_min_ms": "ms",
    "hold_cues": "bool",
    "breath_every_ms": "optional_ms",
    "next_up": "bool",
    "next_up_lead_ms": "ms",
    "switch_prompt": "bool",
    "switch_lead_ms": "ms",
    "affected": "side",
    "breath_ms": "positive_ms",
    "unfitted_ms": "optional_ms",
    "swapped": "texts",
    "cues_left_out": "count",
}


def options_problems(values: Mapping[str, object]) -> list[tuple[str, str]]:
    """What is wrong with the values of CompileOptions' fields."""
    found = []
    for name, value in values.items():
        must = _OPTION_TYPES[name]
        if must == "level":
            ok, words = Level.of(value) is not None, "'gentle', 'standard' or 'deep'"
        elif must == "texts":
            ok = type(value) is tuple and all(type(v) is str for v in value)
            words = "a list of stretch ids" if name == "swapped" else "a list of condition names"
        elif must == "language":
            ok, words = is_language_tag(value), LANGUAGE_TAG_WORDS
        elif must == "side":
            ok, words = value is None or isinstance(value, Side), "'left', 'right' or null"
        elif must == "bool":
            ok, words = type(value) is bool, "true or false"
        elif must == "count":
            ok, words = type(value) is int and value >= 0, "a whole number >= 0"
        elif must == "positive_ms":
            ok, words = is_ms(value) and value != 0, "whole milliseconds >= 1"
        else:
            ok = (value is None and must == "optional_ms") or is_ms(value)
            words = "whole milliseconds >= 0" + (" or null" if must == "optional_ms" else "")
        if not ok:
            found.append((name, f"must be {words}, got {value!r}"))
    return found


@attrs.frozen
class Event:
    """One timed event. ``duration_ms > 0`` makes it a segment; ``duration_ms == 0`` a marker.

    - ``kind`` and ``role``: what it is and what it is for (see ``ROLES``); ``role`` may be left
      out for a kind that has a single role.
    - ``side``: the side it is for; for a switch or a switch prompt, the side it leads to.
    - ``stretch`` and ``stretch_id``: the name and key of the stretch it is part of (None outside
      a stretch); ``target``: the stretch a next-up preview or a replacement refers to.
    - ``tick``: the number a countdown says; ``rounds``: its Position in every enclosing Repeat,
      outer to inner; ``rep``: a rep's Position; ``part``: the part of a hold split by breaks.
    - ``message``: for text the library wrote, its key and parameters; ``template``: the author's
      text before ``{side}``, ``{other}``, ``{round}`` and ``{rounds}`` were filled in (with
      ``side`` and the innermost of ``rounds``), where it had them.
    - ``until``: on the last segment of a self-paced part (a step, hold or rep), what the person
      waits for ("the resistance fades"); the segment's duration is then the least time, and a
      player waits at its end until the person goes on (``open``).
    - ``breaths``: on a hold counted in breaths, how many; its duration is that many breaths at
      the pace it was compiled with (``CompileOptions.breath_ms``).
    """

    id: str
    start_ms: int
    duration_ms: int
    kind: Kind
    text: str
    side: Side | None = None
    stretch: str | None = None
    role: Role = attrs.field(
        kw_only=True,
        default=attrs.Factory(lambda self: _only_role(self.kind), takes_self=True),
    )
    stretch_id: str | None = attrs.field(default=None, kw_only=True)
    tick: int | None = attrs.field(default=None, kw_only=True)
    rounds: tuple[Position, ...] = attrs.field(default=(), kw_only=True)
    rep: Position | None = attrs.field(default=None, kw_only=True)
    part: Position | None = attrs.field(default=None, kw_only=True)
    target: str | None = attrs.field(default=None, kw_only=True)
    message: Message | None = attrs.field(default=None, kw_only=True)
    template: str | None = attrs.field(default=None, kw_only=True)
    until: str | None = attrs.field(default=None, kw_only=True)
    breaths: int | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        kind, role, duration = self.kind, self.role, self.duration_ms
        rounds: Any = self.rounds
        stretch, tick, target = self.stretch, self.tick, self.target
        if type(rounds) is list:  # accepted, and kept as a tuple (no converter: a call less)
            rounds = tuple(rounds)
            object.__setattr__(self, "rounds", rounds)
        if (
            type(self.id) is str
            and self.id
            and type(self.start_ms) is int
            and 0 <= self.start_ms <= MAX_MS
            and type(duration) is int
            and duration <= MAX_MS
            and type(kind) is Kind
            and type(role) is Role
            and role in ROLE_SETS[kind]
            and (duration == 0 if kind in MARKER_KINDS else duration > 0)
            and type(self.text) is str
            and _forbidden(self.text) is None
            and _forbidden(self.id) is None
            and (self.side is None or type(self.side) is Side)
            and (
                (stretch is None and self.stretch_id is None)
                or (
                    type(stretch) is str
                    and stretch
                    and type(self.stretch_id) is str
                    and self.stretch_id
                )
            )
            and (tick is None if role is not Role.COUNTDOWN else type(tick) is int and tick >= 1)
            and type(rounds) is tuple
            and (not rounds or _positions(rounds))
            and (self.rep is None if kind is not Kind.REP else type(self.rep) is Position)
            and (self.part is None or (type(self.part) is Position and kind in PART_KINDS))
            and (target is None if role not in TARGET_ROLES else type(target) is str and target)
            and (self.message is None or type(self.message) is Message)
            and (self.template is None or (type(self.template) is str and _is_text(self.template)))
            and (self.until is None or (kind in OPEN_KINDS and _is_waited_for(self.until)))
            and (self.breaths is None or (kind is Kind.HOLD and is_count(self.breaths)))
        ):
            return
        raise _problems_error(event_problems(self), "the event")

    @property
    def end_ms(self) -> int:
        """Where the event ends (exclusive): ``start_ms + duration_ms``."""
        return self.start_ms + self.duration_ms

    @property
    def is_marker(self) -> bool:
        """True for a zero-length event (a cue, a skip note, the end)."""
        return self.duration_ms == 0

    @property
    def open(self) -> bool:
        """True when the person takes their own time: a player waits at the end until they go
        on. ``until`` says what they wait for; a check-in waits for an answer."""
        return self.until is not None or self.kind is Kind.CHECK_IN

    @property
    def until_message(self) -> Message | None:
        """For a self-paced part, what to say with it: the ``until`` message ("Until the
        resistance fades, then continue when you are ready"); None otherwise."""
        return None if self.until is None else Message("until", (("until", self.until),))

    @property
    def is_countdown(self) -> bool:
        """True for a get-ready tick ("3", "2", "1" before a hold): ``role is Role.COUNTDOWN``.
        Players often beep for these instead of speaking them."""
        return self.role is Role.COUNTDOWN


def _positions(rounds: tuple[object, ...]) -> bool:
    # A loop, not all(...): this runs for every event made, and a generator costs more.
    for position in rounds:  # noqa: SIM110
        if type(position) is not Position:
            return False
    return True


def _only_role(kind: object) -> Role:
    roles = ROLES.get(kind) if type(kind) is Kind else None
    if roles is None:
        return Role.STEP  # the kind itself is reported as the problem
    if len(roles) > 1:
        raise _problems_error(
            [("role", f"{a(str(kind))} event needs a role: one of {', '.join(roles)}")],
            "the event",
        )
    return roles[0]


@attrs.frozen
class Chapter:
    """One stretch's span of time: from its announcement to its last event. In a circuit, a
    stretch has a chapter in each round, and ``round`` says which (None outside a circuit)."""

    title: str
    stretch_id: str
    start_ms: int
    duration_ms: int
    round: Position | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        found = [
            (name, _text_or(value, f"must be a non-empty text, got {value!r}"))
            for name, value in (("title", self.title), ("stretch_id", self.stretch_id))
            if not _is_name(value)
        ]
        if self.round is not None and type(self.round) is not Position:
            found.append(("round", f"must be a Position or None, got {self.round!r}"))
        for name in ("start_ms", "duration_ms"):
            problem = ms_problem(getattr(self, name))
            if problem:
                found.append((name, problem))
        if not found and self.duration_ms == 0:
            found.append(("duration_ms", "a chapter lasts at least 1 ms"))
        if found:
            raise _problems_error(found, "the chapter")

    @property
    def end_ms(self) -> int:
        """Where the chapter ends (exclusive)."""
        return self.start_ms + self.duration_ms


@attrs.frozen
class Personalization:
    """What a timeline was made to fit one person, for players to show before the first stretch
    and for a printed sheet: the level; each stretch left out (``left_out``: name, conditions) or
    replaced (``replaced``: name, alternative, conditions) for declared conditions, or swapped
    for its alternative by the person's choice (``swapped``: name, alternative); the affected
    side; the fit target and the total the level gives without it. ``messages`` says it all as
    message keys and parameters, one sentence each, for a player to render in any language;
    ``text`` is the English."""

    level: Level
    conditions: tuple[str, ...]
    left_out: tuple[tuple[str, tuple[str, ...]], ...]
    replaced: tuple[tuple[str, str, tuple[str, ...]], ...]
    swapped: tuple[tuple[str, str], ...]
    affected: Side | None
    fit_to_ms: int | None
    unfitted_ms: int | None
    messages: tuple[Message, ...]
    #: The language of the timeline, which ``text`` is in.
    language: str = "en"

    @property
    def text(self) -> str:
        """The summary in the timeline's language, one sentence per message."""
        said = (render_message(message, self.language) for message in self.messages)
        return ". ".join(said) + "."


def _names(value: Param) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (str(value),)


def _personalization(
    options: CompileOptions, markers: tuple[Event, ...], session: tuple[Event, ...]
) -> Personalization:
    left_out: dict[str, tuple[str, ...]] = {}
    replaced: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    swapped: dict[str, str] = {}
    for marker in markers:  # a circuit's stretch has a skip note each round: said once here
        message = marker.message
        if message is None or marker.role not in (Role.LEFT_OUT, Role.REPLACED):
            continue
        name = str(message["name"])
        if message.key == "swapped":
            swapped.setdefault(name, str(message["alternative"]))
        elif marker.role is Role.LEFT_OUT:
            left_out.setdefault(name, _names(message["conditions"]))
        else:
            conditions = _names(message["conditions"])
            replaced.setdefault(name, (name, str(message["alternative"]), conditions))
    messages = [Message(f"level_{options.level.value}")]
    # What a program says of this session (which one, when, what changed) comes first.
    messages[:0] = [e.message for e in session if e.message is not None]
    messages += [
        Message("summary_left_out", {"name": name, "conditions": conditions})
        for name, conditions in left_out.items()
    ]
    messages += [
        Message("summary_replaced", {"name": name, "alternative": alternative, "conditions": named})
        for name, alternative, named in replaced.values()
    ]
    messages += [
        Message("summary_swapped", {"name": name, "alternative": alternative})
        for name, alternative in swapped.items()
    ]
    acted = {c for named in (*left_out.values(), *(r[2] for r in replaced.values())) for c in named}
    idle = tuple(c for c in options.conditions if c not in acted)
    if idle:
        messages.append(Message("summary_nothing_for", {"conditions": idle}))
    if options.affected is not None:
        messages.append(Message("summary_affected", {"side": options.affected.value}))
    target, natural = options.fit_to_ms, options.unfitted_ms
    if target is not None and natural is not None:
        change = abs(target - natural)
        if change == 0:
            messages.append(Message("summary_fitted", {"total": target}))
        else:
            key = "summary_longer" if target > natural else "summary_shorter"
            messages.append(Message(key, {"total": target, "change": change, "natural": natural}))
    return Personalization(
        options.level,
        options.conditions,
        tuple(left_out.items()),
        tuple(replaced.values()),
        tuple(swapped.items()),
        options.affected,
        target,
        natural,
        tuple(messages),
        options.language,
    )


@attrs.frozen
class Timeline:
    """A routine compiled to events: what a player plays. Build one with ``compile_routine``, or
    load one; building one by hand checks every rule, as loading does.

    ``stretches`` has one entry per stretch played; ``options`` says what the timeline was
    compiled with (None for a timeline made by hand).
    """

    title: str
    total_ms: int
    events: tuple[Event, ...] = attrs.field(converter=_tuple)
    chapters: tuple[Chapter, ...] = attrs.field(converter=_tuple, default=())
    stretches: tuple[StretchInfo, ...] = attrs.field(converter=_tuple, default=())
    options: CompileOptions | None = None
    _segments: tuple[Event, ...] = attrs.field(init=False, repr=False, eq=False)
    _segment_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _markers: tuple[Event, ...] = attrs.field(init=False, repr=False, eq=False)
    _marker_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _event_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _by_id: dict[str, StretchInfo] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        found = timeline_problems(self)
        if not found and not _COMPILED.get():
            found = consistency_problems(self)
        if found:
            raise TimelineError(found)

    @property
    def segments(self) -> tuple[Event, ...]:
        """The events that take time, in order; they tile ``[0, total_ms)``."""
        return self._segments

    @property
    def markers(self) -> tuple[Event, ...]:
        """The zero-length events (cues, skip notes, the end), in order."""
        return self._markers

    @property
    def personalization(self) -> Personalization | None:
        """What this timeline was made to fit one person (level, what declared conditions left
        out or replaced, the affected side, the fit), as data and as text; None for a timeline
        made by hand, which records no options."""
        if self.options is None:
            return None
        session = tuple(e for e in self.segments if e.role is Role.SESSION)
        return _personalization(self.options, self.markers, session)

    def stretch(self, stretch_id: str) -> StretchInfo:
        """The entry of ``stretches`` with this id; a KeyError names the known ones."""
        try:
            return self._by_id[stretch_id]
        except KeyError:
            known = ", ".join(self._by_id) or "none"
            raise KeyError(f"no stretch {stretch_id!r} in this timeline; it has {known}") from None

    def at(self, ms: int) -> Event | None:
        """The segment playing at ``ms`` (intervals are half-open), or None at or past the end."""
        _check_query("at(ms)", ms)
        index = bisect.bisect_right(self._segment_starts, ms) - 1
        if index < 0:
            return None
        segment = self._segments[index]
        return segment if ms < segment.end_ms else None

    def cues_between(self, start_ms: int, end_ms: int) -> tuple[Event, ...]:
        """The markers (cues, skip notes, the end) at ``start_ms <= t < end_ms``.

        Half-open, so a player that asks for consecutive windows sees each marker exactly once.
        """
        _check_query("cues_between(start_ms)", start_ms)
        _check_query("cues_between(end_ms)", end_ms)
        low = bisect.bisect_left(self._marker_starts, start_ms)
        high = bisect.bisect_left(self._marker_starts, end_ms, lo=low)
        return self._markers[low:high]

    def repeat_end_ms(self, event: Event) -> int:
        """Where the innermost Repeat around ``event`` ends, for a player that hears "enough"
        at an ``another_round`` check-in: the start of the first segment after ``event`` that is
        not in a later round of that Repeat (fewer ``rounds``, other outer rounds, or a round
        numbered no higher than ``event``'s), or ``total_ms``."""
        depth = len(event.rounds)
        if depth == 0:
            raise ValueError(f"{event.id} is in no Repeat: it has no rounds")
        outer, here = event.rounds[:-1], event.rounds[-1].index
        segments = self.segments
        index = bisect.bisect_left(self._segment_starts, event.end_ms)
        for segment in segments[index:]:
            rounds = segment.rounds
            if (
                len(rounds) < depth
                or rounds[: depth - 1] != outer
                or rounds[depth - 1].index <= here
            ):
                return segment.start_ms
        return self.total_ms

    def next_after(self, ms: int) -> Event | None:
        """The first event (segment or marker) that starts strictly after ``ms``, or None."""
        _check_query("next_after(ms)", ms)
        index = bisect.bisect_right(self._event_starts, ms)
        return self.events[index] if index < len(self.events) else None

    def chapter_at(self, ms: int) -> Chapter | None:
        """The chapter (stretch) playing at ``ms``, or None in a rest or the opening or closing."""
        _check_query("chapter_at(ms)", ms)
        index = bisect.bisect_right(self.chapters, ms, key=_chapter_start) - 1
        if index >= 0 and ms < self.chapters[index].end_ms:
            return self.chapters[index]
        return None

    def time_of(self, chapter: Chapter) -> Position | None:
        """Which time ``chapter``'s stretch is being done, for a stretch the routine does more
        than once (in the same circuit round): Position(2, 2) for the second of two; None for a
        stretch done once."""
        same = [
            c
            for c in self.chapters
            if c.stretch_id == chapter.stretch_id and c.round == chapter.round
        ]
        if len(same) < 2:
            return None
        return Position(same.index(chapter) + 1, len(same))


#: Set while the compiler makes its own timeline: the rules of a timeline's shape are checked,
#: and what a compile gives beyond them (``consistency``) is what the compiler makes by
#: construction, proven by property tests on generated routines (tests/test_properties_loader.py)
#: rather than checked again on every compile. Loading and Timeline(...) by hand check it all.
_COMPILED: ContextVar[bool] = ContextVar("backstretch_compiled", default=False)


def compiled_timeline(
    title: str,
    total_ms: int,
    events: Iterable[Event],
    chapters: Iterable[Chapter],
    stretches: Iterable[StretchInfo],
    options: CompileOptions | None,
) -> Timeline:
    """The compiler's Timeline (``compile_routine`` and ``localize`` make theirs with it)."""
    token = _COMPILED.set(True)
    try:
        return Timeline(title, total_ms, events, chapters, stretches, options)
    finally:
        _COMPILED.reset(token)


def _chapter_start(chapter: Chapter) -> int:
    return chapter.start_ms


def _check_query(name: str, value: object) -> None:
    if not is_ms(value):
        raise InvalidValueError(
            f"{name} must be a whole number of milliseconds >= 0, got {value!r}"
        )


class _Sequence:
    """Checks that positions of one kind count 1..n in order over consecutive segments: each one
    stays (``stay``), moves on by one, or starts again at 1 once the last one reached its count."""

    __slots__ = ("last", "name", "stay")

    def __init__(self, name: str, *, stay: bool) -> None:
        self.name = name
        self.stay = stay
        self.last: Position | None = None

    def step(self, position: Position) -> str | None:
        last, self.last = self.last, position
        if last is None or last.index == last.count:
            if position.index == 1 or (self.stay and position == last):
                return None
            expected = "1"
        elif position.count != last.count:
            return f"{self.name} changes its count from {last.count} to {position.count} midway"
        elif position.index == last.index + 1 or (self.stay and position == last):
            return None
        else:
            expected = f"{last.index + 1}" + (f" (or {last.index} again)" if self.stay else "")
        return f"{self.name} must count 1..n in order; expected {expected} of n, got {position}"

    def unfinished(self) -> str | None:
        last = self.last
        if last is not None and last.index != last.count:
            return f"{self.name} stops at {last} before reaching its count"
        return None


def timeline_problems(timeline: Timeline) -> list[Problem]:
    """Check every rule of a whole timeline, filling its indexes on the way; every problem found."""
    found: list[Problem] = []
    set_ = object.__setattr__
    title, total_ms = timeline.title, timeline.total_ms
    if not _is_text(title):
        found.append(Problem("$.title", _text_or(title, f"must be a text, got {title!r}")))
    problem = ms_problem(total_ms)
    if problem:
        found.append(Problem("$.total_ms", problem))
        total_ms = 0
    options = timeline.options
    breath_ms = None
    if options is not None and type(options) is not CompileOptions:
        found.append(Problem("$.options", f"must be CompileOptions or None, got {options!r}"))
    elif options is not None:
        breath_ms = options.breath_ms

    by_id = _stretch_table(timeline.stretches, found)
    set_(timeline, "_by_id", by_id)

    events = timeline.events
    if type(events) is not tuple:
        found.append(Problem("$.events", f"must be a list of events, got {events!r}"))
        events = ()
    segments: list[Event] = []
    markers: list[Event] = []
    starts: list[int] = []
    ids: set[str] = set()
    position = 0
    previous_start, previous_marker = 0, False
    ends = 0
    rounds: list[_Sequence] = []
    last_rounds: tuple[Position, ...] = ()
    reps: dict[Side | None, _Sequence] = {}
    parts = _Sequence("part", stay=False)
    last_index = len(events) - 1
    for index, event in enumerate(events):
        # Paths are only written when a problem is found: a timeline can hold a million events.
        if type(event) is not Event:
            found.append(Problem(f"$.events[{index}]", f"must be an Event, got {event!r}"))
            continue
        start, marker = event.start_ms, event.duration_ms == 0
        starts.append(start)
        if start < previous_start or (start == previous_start and previous_marker and not marker):
            found.append(
                Problem(
                    f"$.events[{index}].start_ms",
                    "events must be sorted by start_ms, at equal times a segment before markers",
                )
            )
        previous_start, previous_marker = start, marker
        known = len(ids)
        ids.add(event.id)
        if len(ids) == known:
            found.append(
                Problem(f"$.events[{index}].id", f"{event.id!r} is the id of an earlier event")
            )
        stretch_id = event.stretch_id
        if stretch_id is not None:
            entry = by_id.get(stretch_id)
            if entry is None:
                found.append(
                    Problem(
                        f"$.events[{index}].stretch_id",
                        f"{stretch_id!r} names no entry of stretches",
                    )
                )
            elif entry.name != event.stretch:
                found.append(
                    Problem(
                        f"$.events[{index}].stretch",
                        f"must be {entry.name!r}, the name of stretch {stretch_id!r}, "
                        f"got {event.stretch!r}",
                    )
                )
        if event.target is not None and event.target not in by_id:
            found.append(
                Problem(
                    f"$.events[{index}].target", f"{event.target!r} names no entry of stretches"
                )
            )
        if marker:
            markers.append(event)
            if start > total_ms:
                found.append(
                    Problem(
                        f"$.events[{index}].start_ms",
                        f"a marker must lie within the timeline (0 to {total_ms}), got {start}",
                    )
                )
            if event.kind is Kind.END:
                ends += 1
                if index != last_index or start != total_ms:
                    found.append(
                        Problem(
                            f"$.events[{index}]",
                            f"the end marker must be the last event, at total_ms ({total_ms})",
                        )
                    )
            continue
        segments.append(event)
        if start != position:
            what = "a gap" if start > position else "an overlap"
            found.append(
                Problem(
                    f"$.events[{index}].start_ms",
                    f"segments must follow each other; expected {position}, got {start} ({what})",
                )
            )
        position = start + event.duration_ms
        counted = event.breaths
        if (
            counted is not None
            and breath_ms is not None
            and counted * breath_ms != event.duration_ms
        ):
            found.append(
                Problem(
                    f"$.events[{index}].breaths",
                    f"{counted} breaths of {breath_ms} ms (options.breath_ms) last "
                    f"{counted * breath_ms} ms, not {event.duration_ms}",
                )
            )
        # Positions count 1..n in order, over the segments that carry them. Segments of one round
        # share their rounds (the compiler and the loader make them so): those stay, unchecked.
        event_rounds = event.rounds
        if event_rounds and event_rounds is not last_rounds:
            for depth, round_ in enumerate(event_rounds):
                if depth == len(rounds):
                    rounds.append(_Sequence(f"round (depth {depth + 1})", stay=True))
                problem = rounds[depth].step(round_)
                if problem:
                    found.append(Problem(f"$.events[{index}].rounds[{depth}]", problem))
        last_rounds = event_rounds
        if event.rep is not None:
            sequence = reps.get(event.side)
            if sequence is None:
                sequence = reps[event.side] = _Sequence("rep", stay=False)
            problem = sequence.step(event.rep)
            if problem:
                found.append(Problem(f"$.events[{index}].rep", problem))
        if event.part is not None:
            problem = parts.step(event.part)
            if problem:
                found.append(Problem(f"$.events[{index}].part", problem))
    for sequence in (*rounds, *reps.values(), parts):
        problem = sequence.unfinished()
        if problem:
            found.append(Problem("$.events", problem))
    if position != total_ms and not any(p.path == "$.total_ms" for p in found):
        found.append(
            Problem(
                "$.total_ms", f"must be where the last segment ends ({position}), got {total_ms}"
            )
        )
    if ends == 0:
        found.append(Problem("$.events", f"the last event must be the end marker, at {total_ms}"))
    elif ends > 1:
        found.append(Problem("$.events", f"there must be one end marker, not {ends}"))

    segment_starts = [e.start_ms for e in segments]
    _chapter_problems(timeline.chapters, by_id, segment_starts, position, total_ms, found)

    set_(timeline, "_segments", tuple(segments))
    set_(timeline, "_segment_starts", tuple(segment_starts))
    set_(timeline, "_markers", tuple(markers))
    set_(timeline, "_marker_starts", tuple([e.start_ms for e in markers]))
    set_(timeline, "_event_starts", tuple(starts))
    return found


def _stretch_table(stretches: object, found: list[Problem]) -> dict[str, StretchInfo]:
    """The entries of ``stretches`` by id; what is wrong with them goes to ``found``."""
    by_id: dict[str, StretchInfo] = {}
    if type(stretches) is not tuple:
        found.append(Problem("$.stretches", f"must be a list of StretchInfo, got {stretches!r}"))
        return by_id
    for index, info in enumerate(stretches):
        if type(info) is not StretchInfo:
            found.append(Problem(f"$.stretches[{index}]", f"must be a StretchInfo, got {info!r}"))
        elif info.id in by_id:
            found.append(
                Problem(f"$.stretches[{index}].id", f"{info.id!r} is the id of an earlier entry")
            )
        else:
            by_id[info.id] = info
    return by_id


def _chapter_problems(
    chapters: object,
    by_id: Mapping[str, StretchInfo],
    segment_starts: list[int],
    position: int,
    total_ms: int,
    found: list[Problem],
) -> None:
    """Chapters in order, within the timeline, on segment boundaries, each naming an entry of
    the stretch table; what is wrong goes to ``found``."""
    if type(chapters) is not tuple:
        found.append(Problem("$.chapters", f"must be a list of chapters, got {chapters!r}"))
        return
    chapter_end = 0
    for index, chapter in enumerate(chapters):
        where = f"$.chapters[{index}]"
        if type(chapter) is not Chapter:
            found.append(Problem(where, f"must be a Chapter, got {chapter!r}"))
            continue
        if chapter.start_ms < chapter_end or chapter.end_ms > total_ms:
            found.append(
                Problem(
                    where,
                    f"chapters must follow each other in order, within the timeline (0 to "
                    f"{total_ms}); this one runs {chapter.start_ms} to {chapter.end_ms}",
                )
            )
        chapter_end = max(chapter_end, chapter.end_ms)
        for name, ms in (("start_ms", chapter.start_ms), ("end_ms", chapter.end_ms)):
            at = bisect.bisect_left(segment_starts, ms)
            if not (ms == position or (at < len(segment_starts) and segment_starts[at] == ms)):
                found.append(Problem(f"{where}.{name}", f"must be on a segment boundary, got {ms}"))
        named = by_id.get(chapter.stretch_id)
        if named is None:
            found.append(
                Problem(
                    f"{where}.stretch_id", f"{chapter.stretch_id!r} names no entry of stretches"
                )
            )
        elif named.name != chapter.title:
            found.append(
                Problem(
                    f"{where}.title",
                    f"must be {named.name!r}, the name of stretch {chapter.stretch_id!r}",
                )
            )
