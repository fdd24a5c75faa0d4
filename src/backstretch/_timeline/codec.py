"""Timeline documents: a Timeline as JSON and back, with every problem at its ``$.path``.

The document is the timeline's own fields, plus ``version`` (the format version, 2) and ``type``
(``"timeline"``) at the root and ``end_ms`` beside every ``start_ms`` and ``duration_ms``. Every
key is always written, null where a field does not apply. Loading checks every rule a Timeline
keeps (see ``_timeline``), so a loaded timeline can be trusted like a compiled one. This module
needs the standard library's ``json`` only: players and exports load it without cattrs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from .._base.files import (
    describe,
    document_version,
    no_duplicate_keys,
    parse,
    read_bytes,
    write_atomically,
)
from .._base.kinds import Kind, Role, Side
from .._base.limits import Limits
from .._base.time import MAX_MS, Level, format_ms
from ..exceptions import DocumentError, Problem, TimelineError
from .fields import EVENT_FIELDS, Position, event_problems, position_problems
from .messages import Message, message_problems
from .timeline import (
    CautionInfo,
    Chapter,
    CompileOptions,
    Event,
    ModificationInfo,
    StretchInfo,
    Timeline,
    options_problems,
)

__all__ = [
    "TIMELINE_FORMAT_VERSION",
    "dump_timeline",
    "dumps_timeline",
    "load_timeline",
    "loads_timeline",
    "timeline_from_data",
    "timeline_to_data",
]

T = TypeVar("T")

#: The format version of timeline documents this backstretch writes and reads.
TIMELINE_FORMAT_VERSION = 2
#: Timelines are flat and far bigger than their routines: their size limit is the routine one
#: (``Limits.max_bytes``) times this.
TIMELINE_SIZE_FACTOR = 100

#: The event's keys in document order (the field table's), and which are the Event's attributes
#: (the others, end_ms and open, are written from them).
_EVENT_KEYS = tuple(field.name for field in EVENT_FIELDS)
_DERIVED = frozenset({"end_ms", "open"})
_ATTRIBUTES = tuple(key for key in _EVENT_KEYS if key not in _DERIVED)
_EVENT_KEY_COUNT = len(_EVENT_KEYS)
_EVENT_KEY_SET = frozenset(_EVENT_KEYS)
_ROOT_KEYS = ("version", "type", "title", "total_ms", "options", "stretches", "chapters", "events")
_STRETCH_KEYS = ("id", "name", "purpose", "targets", "props", "cautions", "modifications")
_CHAPTER_KEYS = ("title", "stretch_id", "start_ms", "duration_ms", "end_ms", "round")
_OPTION_KEYS = tuple(field.name for field in CompileOptions.__attrs_attrs__)
_KINDS = {kind.value: kind for kind in Kind}
_ROLES = {role.value: role for role in Role}


# Writing.


def _position(position: Position | None) -> dict[str, int] | None:
    return None if position is None else {"index": position.index, "count": position.count}


def _message_data(message: Message | None) -> dict[str, Any] | None:
    if message is None:
        return None
    return {
        "key": message.key,
        "params": {k: list(v) if type(v) is tuple else v for k, v in message.params},
    }


def _value(value: Any) -> Any:
    """An enum member (kind, role, side) as its name; None as null."""
    return None if value is None else value.value


# The event's writer and its fast reader are made from the field table when this module loads:
# one expression per field, by name, so they run as fast as if written out by hand (as attrs makes
# __init__). _compiled_source() shows them.

#: How each shape of value is written (as the Event holds it, unless named here).
_WRITE_SHAPE = {
    "kind": "e.{name}.value",
    "role": "e.{name}.value",
    "side": "None if e.{name} is None else e.{name}.value",
    "positions": "[{{'index': p.index, 'count': p.count}} for p in e.{name}]",
    "position or null": "_position(e.{name})",
    "message or null": "_message_data(e.{name})",
}
#: How each derived key is written from the event.
_WRITE_DERIVED = {"end_ms": "e.start_ms + e.duration_ms", "open": "e.open"}
#: How each shape of value is read from a plainly right document (positions and messages are
#: built already): as it is, unless named here.
_FAST_READ = {
    "kind": "_KINDS[d[{name!r}]]",
    "role": "_ROLES[d[{name!r}]]",
    "side": "_SIDES[d[{name!r}]]",
    "positions": "tuple(d[{name!r}])",
}


def _write_expression(name: str, shape: str) -> str:
    return _WRITE_DERIVED.get(name) or _WRITE_SHAPE.get(shape, "e.{name}").format(name=name)


def _compiled_source() -> str:
    writes = ", ".join(f"{f.name!r}: {_write_expression(f.name, f.shape)}" for f in EVENT_FIELDS)
    reads = ", ".join(
        f"{f.name}={_FAST_READ.get(f.shape, 'd[{name!r}]').format(name=f.name)}"
        for f in EVENT_FIELDS
        if f.name not in _DERIVED
    )
    return (
        f"def _event_data(e):\n    return {{{writes}}}\n\n"
        f"def _event_from(d):\n    return Event({reads})\n"
    )


_made: dict[str, Any] = {
    "Event": Event,
    "_SIDES": {"left": Side.LEFT, "right": Side.RIGHT, None: None},
    "_KINDS": _KINDS,
    "_ROLES": _ROLES,
    "_position": _position,
    "_message_data": _message_data,
}
exec(compile(_compiled_source(), "<backstretch event codec>", "exec"), _made)
#: The event as a document (a dict of its keys in document order).
_event_data: Callable[[Event], dict[str, Any]] = _made["_event_data"]
#: The event of a plainly right document dict (its positions and message built, checked first).
_event_from: Callable[[dict[str, Any]], Event] = _made["_event_from"]


def _stretch_data(info: StretchInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "purpose": info.purpose,
        "targets": list(info.targets),
        "props": list(info.props),
        "cautions": [{"text": c.text, "conditions": list(c.conditions)} for c in info.cautions],
        "modifications": [
            {"text": m.text, "when": m.when, "props": list(m.props)} for m in info.modifications
        ],
    }


def _options_data(options: CompileOptions | None) -> dict[str, Any] | None:
    if options is None:
        return None
    data: dict[str, Any] = {name: getattr(options, name) for name in _OPTION_KEYS}
    data["level"] = options.level.value
    data["conditions"] = list(options.conditions)
    data["swapped"] = list(options.swapped)
    data["affected"] = None if options.affected is None else options.affected.value
    return data


def timeline_to_data(timeline: Timeline) -> dict[str, Any]:
    """The timeline as a version-stamped document tree, every key written."""
    return {
        "version": TIMELINE_FORMAT_VERSION,
        "type": "timeline",
        "title": timeline.title,
        "total_ms": timeline.total_ms,
        "options": _options_data(timeline.options),
        "stretches": [_stretch_data(s) for s in timeline.stretches],
        "chapters": [
            {
                "title": c.title,
                "stretch_id": c.stretch_id,
                "start_ms": c.start_ms,
                "duration_ms": c.duration_ms,
                "end_ms": c.end_ms,
                "round": _position(c.round),
            }
            for c in timeline.chapters
        ],
        "events": [_event_data(e) for e in timeline.events],
    }


def dumps_timeline(timeline: Timeline) -> str:
    """The timeline as JSON document text: byte-stable, one event, chapter or stretch a line."""
    data = timeline_to_data(timeline)
    one = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = ["{"]
    for key, value in data.items():
        if isinstance(value, list):
            items = [f"  {one(item)}" for item in value]
            body = "[\n" + ",\n".join(items) + "\n ]" if items else "[]"
            lines.append(f" {one(key)}: {body},")
        else:
            lines.append(f" {one(key)}: {one(value)},")
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def dump_timeline(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write the timeline to ``path`` as JSON, atomically."""
    write_atomically(path, dumps_timeline(timeline))


# Reading: a fast path for plainly right documents, and a detailed one that finds every problem.


class _Reader:
    """Builds timeline values from document values, collecting every problem at its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.positions: dict[tuple[int, int], Position] = {}

    def bad(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def record(self, value: object, path: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        """``value`` as an object with exactly ``keys``; None (with problems) when it is not."""
        if not isinstance(value, dict):
            self.bad(path, f"must be an object, got {describe(value)}")
            return None
        ok = True
        for key in value:
            if key not in keys:
                self.bad(f"{path}.{key}", "unknown key; check the spelling, or remove it")
                ok = False
        for key in keys:
            if key not in value:
                self.bad(f"{path}.{key}", "required key missing")
                ok = False
        return value if ok else None

    def check(self, value: object, path: str, ok: bool, words: str) -> bool:
        if not ok:
            self.bad(path, f"must be {words}, got {describe(value)}")
        return ok

    def text(self, value: object, path: str, *, optional: bool = False) -> bool:
        if optional and value is None:
            return True
        return self.check(
            value, path, type(value) is str, "text" + (" or null" if optional else "")
        )

    def ms(self, value: object, path: str) -> bool:
        """A whole number >= 0 as a document has it (its upper bound is the timeline's rule)."""
        ok = type(value) is int and value >= 0
        return self.check(value, path, ok, "whole milliseconds >= 0")

    def texts(self, value: object, path: str) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.bad(path, f"must be a list of texts, got {describe(value)}")
            return None
        # Every item is checked (each problem reported), so no short-circuit here.
        results = [self.text(item, f"{path}[{i}]") for i, item in enumerate(value)]
        ok = all(results)
        return tuple(value) if ok else None

    def build(self, path: str, make: Callable[[], T]) -> T | None:
        """Make a value whose fields were checked; turn what its own rules refuse into problems."""
        try:
            return make()
        except TimelineError as error:
            for problem in error.problems:
                self.bad(path + problem.path[1:], problem.message)
            return None

    def position(self, value: object, path: str, *, optional: bool = False) -> Position | None:
        if optional and value is None:
            return None
        data = self.record(value, path, ("index", "count"))
        if data is None:
            return None
        index, count = data["index"], data["count"]
        key = (index, count)
        if type(index) is int and type(count) is int and key in self.positions:
            return self.positions[key]
        found = position_problems(index, count)
        for field, message in found:
            self.bad(f"{path}.{field}", message)
        if found:
            return None
        made = self.positions[key] = Position(index, count)
        return made

    def message(self, value: object, path: str) -> Message | None:
        if value is None:
            return None
        data = self.record(value, path, ("key", "params"))
        if data is None:
            return None
        params = data["params"]
        if not isinstance(params, dict):
            self.bad(f"{path}.params", f"must be an object, got {describe(params)}")
            return None
        pairs = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())
        found = message_problems(data["key"], pairs)
        for field, message in found:
            self.bad(f"{path}.{field}", message)
        return None if found else Message(data["key"], pairs)

    def event(self, value: object, path: str) -> Event | None:
        """An event read key by key, each by the shape the field table gives it."""
        data = self.record(value, path, _EVENT_KEYS)
        if data is None:
            return None
        before = len(self.problems)
        fields: dict[str, Any] = {}
        for field in EVENT_FIELDS:
            fields[field.name] = _READ_SHAPE[field.shape](
                self, data[field.name], f"{path}.{field.name}"
            )
        start, duration, end = data["start_ms"], data["duration_ms"], data["end_ms"]
        if len(self.problems) == before and end != start + duration:
            self.bad(
                f"{path}.end_ms", f"must be start_ms + duration_ms ({start + duration}), got {end}"
            )
        if type(data["open"]) is bool and data["kind"] == Kind.CHECK_IN.value:
            if not data["open"]:
                self.bad(f"{path}.open", "is false, but a check-in is open: it waits for an answer")
        elif type(data["open"]) is bool:
            if data["open"] and data["until"] is None:
                self.bad(
                    f"{path}.open", "is true, but until is null: say what the person waits for"
                )
            elif not data["open"] and data["until"] is not None:
                self.bad(f"{path}.open", "is false, but until is set: a self-paced part is open")
        if len(self.problems) != before:
            return None
        fields = {key: fields[key] for key in _ATTRIBUTES}
        for name, problem in event_problems(_Fields(fields)):
            self.bad(f"{path}.{name}", problem)
        if len(self.problems) != before:
            return None
        return self.build(path, lambda: Event(**fields))

    def items(self, value: object, path: str, read: Callable[[object, str], Any]) -> list[Any]:
        if not isinstance(value, list):
            self.bad(path, f"must be a list, got {describe(value)}")
            return []
        return [read(item, f"{path}[{index}]") for index, item in enumerate(value)]


def _read_enum(names: dict[str, Any]) -> Callable[[_Reader, object, str], Any]:
    def read(reader: _Reader, value: object, path: str) -> Any:
        found = names.get(value) if type(value) is str else None
        reader.check(value, path, found is not None, f"one of {', '.join(names)}")
        return found

    return read


def _read_text(reader: _Reader, value: object, path: str) -> Any:
    reader.text(value, path)
    return value


def _read_optional_text(reader: _Reader, value: object, path: str) -> Any:
    reader.text(value, path, optional=True)
    return value


def _read_ms(reader: _Reader, value: object, path: str) -> Any:
    reader.ms(value, path)
    return value


def _read_side(reader: _Reader, value: object, path: str) -> Side | None:
    side = Side.of(value)
    reader.check(value, path, value is None or side is not None, '"left", "right" or null')
    return side


def _read_number(reader: _Reader, value: object, path: str) -> Any:
    reader.check(value, path, value is None or type(value) is int, "a whole number or null")
    return value


def _read_flag(reader: _Reader, value: object, path: str) -> Any:
    reader.check(value, path, type(value) is bool, "true or false")
    return value


def _read_positions(reader: _Reader, value: object, path: str) -> tuple[Position | None, ...]:
    if not reader.check(value, path, isinstance(value, list), "a list"):
        return ()
    assert isinstance(value, list)
    return tuple(reader.position(p, f"{path}[{i}]") for i, p in enumerate(value))


#: How the detailed reader reads each shape of value the field table names: every problem at its
#: path, and the value the Event takes.
_READ_SHAPE: dict[str, Callable[[_Reader, object, str], Any]] = {
    "name": _read_text,
    "ms": _read_ms,
    "kind": _read_enum(_KINDS),
    "role": _read_enum(_ROLES),
    "text": _read_text,
    "side": _read_side,
    "name or null": _read_optional_text,
    "whole number or null": _read_number,
    "positions": _read_positions,
    "position or null": lambda reader, value, path: reader.position(value, path, optional=True),
    "message or null": lambda reader, value, path: reader.message(value, path),
    "text or null": _read_optional_text,
    "true or false": _read_flag,
    "count or null": _read_number,
}


def _read_stretch(reader: _Reader, value: object, path: str) -> StretchInfo | None:
    data = reader.record(value, path, _STRETCH_KEYS)
    if data is None:
        return None
    before = len(reader.problems)
    for key in ("id", "name", "purpose"):
        reader.text(data[key], f"{path}.{key}")
    targets = reader.texts(data["targets"], f"{path}.targets")
    props = reader.texts(data["props"], f"{path}.props")
    cautions = []
    if reader.check(
        data["cautions"], f"{path}.cautions", isinstance(data["cautions"], list), "a list"
    ):
        for i, item in enumerate(data["cautions"]):
            where = f"{path}.cautions[{i}]"
            caution = reader.record(item, where, ("text", "conditions"))
            if caution is not None and reader.text(caution["text"], f"{where}.text"):
                conditions = reader.texts(caution["conditions"], f"{where}.conditions")
                if conditions is not None:
                    made = reader.build(where, partial(CautionInfo, caution["text"], conditions))
                    cautions.append(made)
    modifications = []
    if reader.check(
        data["modifications"],
        f"{path}.modifications",
        isinstance(data["modifications"], list),
        "a list",
    ):
        for i, item in enumerate(data["modifications"]):
            where = f"{path}.modifications[{i}]"
            mod = reader.record(item, where, ("text", "when", "props"))
            if mod is None:
                continue
            ok = reader.text(mod["text"], f"{where}.text") & reader.text(
                mod["when"], f"{where}.when"
            )
            mod_props = reader.texts(mod["props"], f"{where}.props")
            if ok and mod_props is not None:
                modifications.append(
                    reader.build(
                        where, partial(ModificationInfo, mod["text"], mod["when"], mod_props)
                    )
                )
    if len(reader.problems) != before:
        return None
    return reader.build(
        path,
        lambda: StretchInfo(
            data["id"],
            data["name"],
            data["purpose"],
            targets or (),
            props or (),
            tuple(cautions),
            tuple(modifications),
        ),
    )


def _read_chapter(reader: _Reader, value: object, path: str) -> Chapter | None:
    data = reader.record(value, path, _CHAPTER_KEYS)
    if data is None:
        return None
    before = len(reader.problems)
    reader.text(data["title"], f"{path}.title")
    reader.text(data["stretch_id"], f"{path}.stretch_id")
    for key in ("start_ms", "duration_ms", "end_ms"):
        reader.ms(data[key], f"{path}.{key}")
    round_ = data["round"]  # already a Position when the fast reader made it one
    if type(round_) is not Position:
        round_ = reader.position(round_, f"{path}.round", optional=True)
    if len(reader.problems) != before:
        return None
    if data["end_ms"] != data["start_ms"] + data["duration_ms"]:
        reader.bad(
            f"{path}.end_ms",
            f"must be start_ms + duration_ms ({data['start_ms'] + data['duration_ms']}), "
            f"got {data['end_ms']}",
        )
        return None
    return reader.build(
        path,
        lambda: Chapter(
            data["title"],
            data["stretch_id"],
            data["start_ms"],
            data["duration_ms"],
            round=round_,
        ),
    )


def _read_options(reader: _Reader, value: object, path: str) -> CompileOptions | None:
    if value is None:
        return None
    data = reader.record(value, path, _OPTION_KEYS)
    if data is None:
        return None
    values = dict(data)
    level = data["level"]
    values["level"] = Level.of(level) or level
    conditions = data["conditions"]
    values["conditions"] = tuple(conditions) if isinstance(conditions, list) else conditions
    swapped = data["swapped"]
    values["swapped"] = tuple(swapped) if isinstance(swapped, list) else swapped
    side = data["affected"]
    values["affected"] = Side.of(side) or side
    found = options_problems(values)
    for field, message in found:
        reader.bad(f"{path}.{field}", message)
    return None if found else CompileOptions(**values)


class _Fields:
    """Checked document values, read like an Event's fields by ``event_problems``."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)


def _fast_event(value: object, cache: dict[Any, Any]) -> Event | None:
    """An event document (a dict) that is plainly right, built directly; None for anything else,
    which the detailed reader then explains. ``cache`` shares equal positions and messages
    between events (a document repeats them often)."""
    if type(value) is not dict or len(value) != _EVENT_KEY_COUNT:
        return None
    try:
        # With exactly as many keys as an event has, every one of them found means no other.
        data = {key: value[key] for key in _EVENT_KEYS}
        rounds, rep, part, message = data["rounds"], data["rep"], data["part"], data["message"]
        if type(rounds) is list:
            data["rounds"] = [_fast_position(position, cache) for position in rounds]
        data["rep"] = None if rep is None else _fast_position(rep, cache)
        data["part"] = None if part is None else _fast_position(part, cache)
        data["message"] = None if message is None else _fast_message(message, cache)
    except (KeyError, TypeError, TimelineError, _NotPlain):
        return None
    return _event_of(data)


def _fast_message(value: object, cache: dict[Any, Any]) -> Message:
    if type(value) is not dict or len(value) != 2:
        raise _NotPlain
    params = value.get("params")
    if type(params) is not dict:
        raise _NotPlain
    return _message_of(value.get("key"), params, cache)


def _message_of(key: object, params: dict[str, Any], cache: dict[Any, Any]) -> Message:
    """A message, shared with every equal one met before (documents repeat them often)."""
    pairs = tuple([(k, tuple(v) if type(v) is list else v) for k, v in params.items()])
    found: Message | None = cache.get((key, pairs))
    if found is None:
        found = cache[(key, pairs)] = Message(key, pairs)  # type: ignore[arg-type]
    return found


class _NotPlain(Exception):
    pass


def _fast_position(value: object, cache: dict[Any, Any]) -> Position:
    if type(value) is not dict or len(value) != 2:
        raise _NotPlain
    return _position_of(value.get("index"), value.get("count"), cache)


def _position_of(index: object, count: object, cache: dict[Any, Any]) -> Position:
    """A position, shared with every equal one met before."""
    if type(index) is not int or type(count) is not int:
        raise _NotPlain
    found: Position | None = cache.get((index, count))
    if found is None:
        found = cache[(index, count)] = Position(index, count)
    return found


class _Objects:
    """The JSON parser's object hook for timeline documents: events, positions and messages that
    are plainly right are built as the parser meets them, with no dict in between (a timeline can
    hold 100,000 events). Anything else becomes a dict, and ``plain`` turns False when something
    shaped like an event, position or message could not be built: then the document is read
    again the detailed way, which explains every problem."""

    def __init__(self) -> None:
        self.cache: dict[Any, Any] = {}
        self.plain = True

    def __call__(self, pairs: list[tuple[str, Any]]) -> Any:
        count = len(pairs)
        try:
            if count == 2:
                (first, a), (second, b) = pairs
                if first == "index" and second == "count":
                    return _position_of(a, b, self.cache)
                if first == "key" and second == "params" and type(b) is dict:
                    return _message_of(a, b, self.cache)
            elif count == _EVENT_KEY_COUNT:
                data = dict(pairs)
                if data.keys() == _EVENT_KEY_SET:  # every key of an event, each once
                    event = _event_of(data)
                    if event is not None:
                        return event
                    self.plain = False
        except (TimelineError, _NotPlain, TypeError, ValueError):
            self.plain = False
        return no_duplicate_keys(pairs)


def _event_of(data: dict[str, Any]) -> Event | None:
    """An event from its document values by key, its positions and message already built, when
    they are plainly right; None otherwise."""
    try:
        until, rounds = data["until"], data["rounds"]
        if data["end_ms"] != data["start_ms"] + data["duration_ms"] or type(rounds) is not list:
            return None
        if data["open"] is not (until is not None or data["kind"] == "check_in"):
            return None
        return _event_from(data)  # a KeyError for an unknown kind, role or side
    except (TimelineError, TypeError, KeyError):
        return None


def _fast_timeline(data: object) -> Timeline | None:
    """The timeline of a document whose events the object hook built, if all of it is right."""
    if type(data) is not dict or tuple(data) != _ROOT_KEYS:
        return None
    if data["version"] != TIMELINE_FORMAT_VERSION or data["type"] != "timeline":
        return None
    events = data["events"]
    if type(events) is not list or not all(type(event) is Event for event in events):
        return None
    reader = _Reader()
    options = _read_options(reader, data["options"], "$.options")
    stretches = reader.items(data["stretches"], "$.stretches", partial(_read_stretch, reader))
    chapters = reader.items(data["chapters"], "$.chapters", partial(_read_chapter, reader))
    if reader.problems:
        return None
    try:
        return Timeline(data["title"], data["total_ms"], events, chapters, stretches, options)
    except TimelineError:
        return None


def timeline_from_data(data: object, *, source: str = "") -> Timeline:
    """Load a timeline from a document tree; a DocumentError lists every problem at its path."""
    root = _root(data, source)
    reader = _Reader()
    if reader.record(root, "$", _ROOT_KEYS) is None:
        raise DocumentError(reader.problems, source=source)
    reader.text(root["title"], "$.title")
    reader.ms(root["total_ms"], "$.total_ms")
    options = _read_options(reader, root["options"], "$.options")
    stretches = reader.items(root["stretches"], "$.stretches", partial(_read_stretch, reader))
    chapters = reader.items(root["chapters"], "$.chapters", partial(_read_chapter, reader))
    raw_events = root["events"]
    events: list[Event | None] = []
    if type(raw_events) is list and not reader.problems:
        cache: dict[Any, Any] = {}
        for index, value in enumerate(raw_events):
            event = _fast_event(value, cache)
            events.append(event if event is not None else reader.event(value, f"$.events[{index}]"))
    else:
        events = reader.items(raw_events, "$.events", reader.event)
    if reader.problems:
        raise DocumentError(reader.problems, source=source)
    try:
        return Timeline(root["title"], root["total_ms"], events, chapters, stretches, options)
    except TimelineError as error:
        raise DocumentError(error.problems, source=source) from None


def _root(data: object, source: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DocumentError(
            [Problem("$", f"a timeline document is an object, got {describe(data)}")],
            source=source,
        )
    if document_version(data, TIMELINE_FORMAT_VERSION, source) == 1:
        raise DocumentError(
            [
                Problem(
                    "$.version",
                    "this is a version 1 timeline, which this backstretch no longer reads; a "
                    "timeline is compiled output, so compile its routine again to get version "
                    f"{TIMELINE_FORMAT_VERSION}: `backstretch compile ROUTINE > timeline.json`",
                )
            ],
            source=source,
        )
    if data.get("type") != "timeline":
        raise DocumentError(
            [Problem("$.type", f'must be "timeline", got {describe(data.get("type"))}')],
            source=source,
        )
    return data


def loads_timeline(
    text: str | bytes, *, source: str = "", limits: Limits | None = None
) -> Timeline:
    """Load a timeline from JSON document text, checking every rule a timeline keeps. Timelines
    are flat, so ``limits.max_bytes`` is scaled by 100 for them (they are far bigger than their
    routines), and ``limits.max_events`` bounds the number of events."""
    limits = limits or Limits()
    big = Limits(
        max_bytes=limits.max_bytes * TIMELINE_SIZE_FACTOR,
        max_depth=limits.max_depth,
        max_events=limits.max_events,
        max_total=limits.max_total,
    )
    objects = _Objects()
    data = parse(text, "json", source, big, objects=objects)
    # The reader never descends past the document's fixed shape, so nesting cannot hurt it; what
    # bounds the work is the number of events, and the length is bounded like a routine's.
    if isinstance(data, dict):
        events, total = data.get("events"), data.get("total_ms")
        if isinstance(events, list) and len(events) > limits.max_events:
            problem = Problem(
                "$.events",
                f"the timeline has {len(events):,} events; the limit is "
                f"{limits.max_events:,} (Limits.max_events)",
            )
            raise DocumentError([problem], source=source)
        if type(total) is int and total > limits.max_total.ms:
            length = format_ms(total) if total <= MAX_MS else f"more than {format_ms(MAX_MS)}"
            problem = Problem(
                "$.total_ms",
                f"the timeline lasts {length}; the limit is {format_ms(limits.max_total.ms)} "
                f"(Limits.max_total)",
            )
            raise DocumentError([problem], source=source)
    if objects.plain:
        fast = _fast_timeline(data)
        if fast is not None:
            return fast
    # Something is wrong: read it again as plain data (dicts all the way down) to explain it.
    return timeline_from_data(parse(text, "json", source, big), source=source)


def load_timeline(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Timeline:
    """Read a timeline JSON document."""
    limits = limits or Limits()
    data = read_bytes(path, limits.max_bytes * TIMELINE_SIZE_FACTOR)
    return loads_timeline(data, source=os.fspath(path), limits=limits)
