"""The event's fields, one row each in document order: the one table that says what an event holds.

Each row names the field, what type of value it holds in a document (``shape``), what it is (the
field table of docs/timeline.md, test-checked, is these words) and its rule on an event (the
problems an Event refuses it for, as ``(field, message)`` pairs). Derived fields (``end_ms``,
``open``) are written into documents from the others and have no rule of their own.

The table drives the Event's checks (``event_problems``; ``Event`` keeps one fast expression of the
same rules, proven equal to them by a property test), the JSON codec (each field written and read
by its name and shape), the schema builder (each shape's JSON Schema) and the docs. Adding a field
is a row here, its attribute on ``Event``, and its rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .._base.kinds import MARKER_KINDS, ROLES, Kind, Role, Side
from .._base.rules import is_count, ms_problem
from .._base.text import text_problem
from .messages import Message, _problems_error

__all__ = [
    "EVENT_FIELDS",
    "OPEN_KINDS",
    "PART_KINDS",
    "TARGET_ROLES",
    "EventField",
    "Position",
    "event_problems",
    "position_problems",
]

#: Roles that refer to another stretch (``target``): a preview names the next stretch, a
#: replacement the stretch done instead.
TARGET_ROLES = frozenset({Role.NEXT_UP, Role.REPLACED})
#: Kinds that may carry a hold part: the hold parts themselves and the cues of a hold.
PART_KINDS = frozenset({Kind.HOLD, Kind.CUE})
#: The kinds of segment a person may take their own time over (see ``Event.until``).
OPEN_KINDS = frozenset({Kind.STEP, Kind.HOLD, Kind.REP, Kind.REST})
ROLE_SETS = {kind: frozenset(roles) for kind, roles in ROLES.items()}


def a(word: str) -> str:
    """The word with its indefinite article: "a hold", "an announce"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


@attrs.frozen
class Position:
    """Where an event is in a counted sequence: ``index`` (from 1) of ``count``.

    Rounds of a Repeat, reps (per side for alternating reps: "15 each side" counts 1 to 15 on each
    side), and the parts of a hold split by breaks.
    """

    index: int
    count: int

    def __attrs_post_init__(self) -> None:
        index, count = self.index, self.count
        if type(index) is int and type(count) is int and 1 <= index <= count:
            return
        raise _problems_error(position_problems(index, count), "the position")

    def __str__(self) -> str:
        return f"{self.index} of {self.count}"


def position_problems(index: object, count: object) -> list[tuple[str, str]]:
    """What is wrong with a Position's fields (empty when nothing is)."""
    found = []
    for name, value in (("index", index), ("count", count)):
        if type(value) is not int:
            found.append((name, f"must be a whole number, got {value!r}"))
        elif value < 1:
            found.append((name, f"must be 1 or more, got {value}"))
    if not found and index > count:  # type: ignore[operator]
        found.append(("index", f"must not be past the count ({count}), got {index}"))
    return found


Problems = list[tuple[str, str]]
Rule = Callable[[Any], Problems]


@attrs.frozen
class EventField:
    """One field of the event: its name (the Event's attribute and the document's key), the shape
    of its document value (see the codec and the schema builder), what it is, and its rule (None
    for a field derived from the others)."""

    name: str
    shape: str
    about: str
    rule: Rule | None = attrs.field(default=None, repr=False)


def _id(event: Any) -> Problems:
    value = event.id
    if type(value) is not str or not value:
        return [("id", f"must be a non-empty text, got {value!r}")]
    problem = text_problem(value)
    return [("id", problem)] if problem else []


def _ms(name: str) -> Rule:
    def rule(event: Any) -> Problems:
        problem = ms_problem(getattr(event, name))
        return [(name, problem)] if problem else []

    return rule


def _kind(event: Any) -> Problems:
    """The kind, the role of that kind, and whether that kind lasts (a segment) or not (a
    marker)."""
    kind, role, duration = event.kind, event.role, event.duration_ms
    if type(kind) is not Kind:
        return [("kind", f"must be one of {', '.join(Kind)}, got {kind!r}")]
    found: Problems = []
    if type(role) is not Role or role not in ROLE_SETS[kind]:
        shown = repr(role.value) if type(role) is Role else repr(role)
        found.append(
            ("role", f"{a(kind)} event's role is one of {', '.join(ROLES[kind])}, got {shown}")
        )
    if type(duration) is int and duration >= 0:
        if kind in MARKER_KINDS and duration != 0:
            found.append(("duration_ms", f"{a(kind)} is a marker and lasts 0 ms, got {duration}"))
        elif kind not in MARKER_KINDS and duration == 0:
            found.append(("duration_ms", f"{a(kind)} is a segment and lasts at least 1 ms, got 0"))
    return found


def _text(event: Any) -> Problems:
    value = event.text
    if type(value) is not str:
        return [("text", f"must be a text, got {value!r}")]
    problem = text_problem(value)
    return [("text", problem)] if problem else []


def _side(event: Any) -> Problems:
    value = event.side
    if value is not None and type(value) is not Side:
        return [("side", f"must be Side.LEFT, Side.RIGHT or None, got {value!r}")]
    return []


def _stretch(event: Any) -> Problems:
    stretch, stretch_id = event.stretch, event.stretch_id
    if (stretch is None) != (stretch_id is None):
        return [("stretch_id", "an event has both a stretch name and a stretch_id, or neither")]
    return [
        (name, f"must be a non-empty text or None, got {value!r}")
        for name, value in (("stretch", stretch), ("stretch_id", stretch_id))
        if value is not None and (type(value) is not str or not value)
    ]


def _target(event: Any) -> Problems:
    role, target = event.role, event.target
    if role in TARGET_ROLES:
        if type(target) is not str or not target:
            return [("target", f"{a(role)} names the stretch it refers to, got {target!r}")]
    elif target is not None:
        return [("target", f"only next_up and replaced events have a target, not {a(role)}")]
    return []


def _tick(event: Any) -> Problems:
    tick = event.tick
    if event.role is Role.COUNTDOWN:
        if type(tick) is not int or tick < 1:
            return [("tick", f"a countdown says a whole number >= 1, got {tick!r}")]
    elif tick is not None:
        return [("tick", f"only a countdown has a tick, got {tick!r} on {a(event.role)}")]
    return []


def _rounds(event: Any) -> Problems:
    rounds = event.rounds
    if type(rounds) is not tuple:
        return [("rounds", f"must be a list of positions, got {rounds!r}")]
    return [
        (f"rounds[{index}]", f"must be a Position, got {position!r}")
        for index, position in enumerate(rounds)
        if type(position) is not Position
    ]


def _rep(event: Any) -> Problems:
    kind, rep = event.kind, event.rep
    if kind is Kind.REP and type(rep) is not Position:
        return [("rep", f"a rep has its Position (index and count), got {rep!r}")]
    if kind is not Kind.REP and rep is not None:
        return [("rep", f"only a rep has a rep position, got {rep!r} on {a(kind)}")]
    return []


def _part(event: Any) -> Problems:
    part = event.part
    if part is None:
        return []
    if type(part) is not Position:
        return [("part", f"must be a Position or None, got {part!r}")]
    if event.kind not in PART_KINDS:
        return [("part", f"only a hold or its cues have a part, not {a(event.kind)}")]
    return []


def _message(event: Any) -> Problems:
    value = event.message
    if value is not None and type(value) is not Message:
        return [("message", f"must be a Message or None, got {value!r}")]
    return []


def _template(event: Any) -> Problems:
    value = event.template
    if value is None:
        return []
    if type(value) is not str:
        return [("template", f"must be a text or None, got {value!r}")]
    problem = text_problem(value)
    return [("template", problem)] if problem else []


def _until(event: Any) -> Problems:
    until, kind = event.until, event.kind
    if until is None:
        return []
    if type(until) is not str or not until.strip():
        return [("until", f"must be a non-empty text or None, got {until!r}")]
    problem = text_problem(until)
    if problem:
        return [("until", problem)]
    if type(kind) is Kind and kind not in OPEN_KINDS:
        return [("until", f"only a step, hold, rep or rest can be self-paced, not {a(kind)}")]
    return []


def _breaths(event: Any) -> Problems:
    breaths = event.breaths
    if breaths is None:
        return []
    if not is_count(breaths):
        return [("breaths", f"must be a whole number >= 1 or None, got {breaths!r}")]
    if event.kind is not Kind.HOLD:
        return [("breaths", f"only a hold is counted in breaths, not {a(event.kind)}")]
    return []


#: Every field of an event, in document order.
EVENT_FIELDS: tuple[EventField, ...] = (
    EventField(
        "id",
        "name",
        "unique in the timeline, stable across compiles of the same input. Opaque: never parse it.",
        _id,
    ),
    EventField(
        "start_ms", "ms", "when it starts, in ms from the start of the routine.", _ms("start_ms")
    ),
    EventField(
        "duration_ms",
        "ms",
        "how long it lasts: 0 for a marker, at least 1 for a segment.",
        _ms("duration_ms"),
    ),
    EventField("end_ms", "ms", "where it ends: `start_ms + duration_ms`."),
    EventField(
        "kind",
        "kind",
        "what it is: `title`, `announce`, `caution`, `modification`, `step`, `hold`, `breath`, "
        "`switch`, `rep`, `rest`, `break`, `check_in` (segments), `cue`, `skip`, `end` (markers).",
        _kind,
    ),
    EventField("role", "role", "what it is for, from the closed table of its kind (below)."),
    EventField("text", "text", "the text to show, rendered in the timeline's language.", _text),
    EventField(
        "side",
        "side",
        '`"left"`, `"right"` or null: the side it is for. A `switch` and a `switch_prompt` carry '
        "the side they lead to.",
        _side,
    ),
    EventField(
        "stretch", "name or null", "the name of the stretch it is part of; null outside a stretch."
    ),
    EventField(
        "stretch_id",
        "name or null",
        "the key of the stretch it is part of (the stretches table's `id`); null outside a "
        "stretch, and only then.",
        _stretch,
    ),
    EventField(
        "target",
        "name or null",
        "the `stretch_id` a `next_up` preview announces, or the stretch a `replaced` skip note "
        "names as done instead; null otherwise.",
        _target,
    ),
    EventField(
        "tick",
        "whole number or null",
        "the number a `countdown` says (e.g. 3, 2, 1); null on every other event.",
        _tick,
    ),
    EventField(
        "rounds",
        "positions",
        'its position in every enclosing Repeat, outer to inner: `[{"index": 2, "count": 3}]` is '
        "round 2 of 3. Empty outside a Repeat. In a circuit (a Repeat of whole stretches, at the "
        "routine's top level) the first entry is the circuit's round, the same as its chapter's "
        "`round`; a Repeat inside a stretch adds the entries after it.",
        _rounds,
    ),
    EventField(
        "rep",
        "position or null",
        "on a rep: its position, counted as the author counted it. For alternating reps the count "
        'is per side: "7 each side" reads 1..7 on the left and 1..7 on the right.',
        _rep,
    ),
    EventField(
        "part",
        "position or null",
        "on a hold split by breaks, and on the cues of that hold: which part of how many.",
        _part,
    ),
    EventField(
        "message",
        "message or null",
        'for text the library wrote: `{"key": ..., "params": {...}}` from the message table '
        "below. Null for the author's own text.",
        _message,
    ),
    EventField(
        "template",
        "text or null",
        "the author's text before `{side}`, `{other}` (from `side`), `{round}` and `{rounds}` "
        "(from the innermost of `rounds`) were filled in, where it had them (for a rep, the "
        "template of the message's `text` parameter).",
        _template,
    ),
    EventField(
        "open",
        "true or false",
        "`true` on a self-paced segment: a step, hold, rep or rest that lasts until the person is "
        "ready (below), and every `check_in` (it waits for an answer); `false` on every other "
        "event.",
    ),
    EventField(
        "until",
        "name or null",
        "on an open segment, the author's words for what the person waits for (\"the stretch "
        'eases"); null otherwise (a `check_in` waits for its answer, not for words). `open` is '
        '`until != null` or `kind == "check_in"`.',
        _until,
    ),
    EventField(
        "breaths",
        "count or null",
        'on a hold counted in breaths ("hold for 3 breaths"): how many; its `duration_ms` is '
        "that many times `options.breath_ms`. Null otherwise.",
        _breaths,
    ),
)

#: The rules of the fields that have one, in table order.
_RULES = tuple(field.rule for field in EVENT_FIELDS if field.rule is not None)


def event_problems(event: Any) -> Problems:
    """Every rule an event breaks on its own, as (field, message) pairs, field by field."""
    found: Problems = []
    for rule in _RULES:
        found.extend(rule(event))
    return found
