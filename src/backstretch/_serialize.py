"""Routine and timeline documents: one strict cattrs converter, versioned and tagged formats.

A document is a JSON-like tree of dicts, lists, strings, numbers, booleans and nulls. Its root holds
an integer ``version`` and a ``type``; every DSL node carries its ``type`` tag. Durations are
strings like ``"30s"`` or ``"1m30s"`` (a bare number could mean seconds or milliseconds); ranges are
``{"low": ..., "high": ...}``. Loading is strict: unknown keys, wrong types and bad values are all
reported at once, each at its ``$.path``, in our own words.
"""

from __future__ import annotations

import functools
import importlib
import json
import math
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from . import _model
from ._check import check_routine
from ._compile import Cues, compile_routine
from ._kinds import Kind, Side
from ._limits import Limits, check_depth
from ._model import (
    BodyNode,
    Break,
    Caution,
    Hold,
    Modification,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
)
from ._time import CountRange, Duration, DurationRange, parse_duration
from ._timeline import Chapter, Event, Timeline
from .exceptions import (
    BackstretchError,
    DocumentError,
    InvalidTypeError,
    InvalidValueError,
    LimitError,
    Problem,
    RoutineError,
)

__all__ = [
    "FORMAT_VERSION",
    "dump_routine",
    "dump_timeline",
    "dumps_routine",
    "dumps_timeline",
    "duration_text",
    "json_schema",
    "load_routine",
    "load_timeline",
    "loads_routine",
    "loads_timeline",
    "routine_from_data",
    "routine_to_data",
    "timeline_from_data",
    "timeline_to_data",
]

#: The version written into every document's root; older ones are upgraded on load.
FORMAT_VERSION = 1

Data: TypeAlias = Any
#: Upgrades from one format version to the next: ``UPGRADES[n]`` turns a version-n document into a
#: version n+1 one. Empty while version 1 is the only version.
UPGRADES: dict[int, Callable[[dict[str, Data]], dict[str, Data]]] = {}

NODE_TAGS: dict[type, str] = {
    Routine: "routine",
    Stretch: "stretch",
    Step: "step",
    Hold: "hold",
    Break: "break",
    PerSide: "per_side",
    Reps: "reps",
    Repeat: "repeat",
    Rest: "rest",
    Caution: "caution",
    Modification: "modification",
}
_BY_TAG = {tag: cls for cls, tag in NODE_TAGS.items()}


def duration_text(ms: int) -> str:
    """The canonical document spelling of a duration: ``"30s"``, ``"1m30s"``, ``"1.5s"``."""
    hours, rest = divmod(ms, 3_600_000)
    mins, rest = divmod(rest, 60_000)
    whole, frac = divmod(rest, 1000)
    seconds = f"{whole}.{frac:03d}".rstrip("0") if frac else str(whole)
    parts = [f"{hours}h" if hours else "", f"{mins}m" if mins else ""]
    if rest or not (hours or mins):
        parts.append(f"{seconds}s")
    return "".join(parts)


def _describe(value: object) -> str:
    kind = {dict: "an object", list: "a list", str: "text", bool: "a boolean", type(None): "null"}
    return f"{kind.get(type(value), 'a number')} ({json.dumps(value)[:60]})"


def _strict(expected: type, words: str) -> Callable[[object, type], object]:
    def structure(value: object, _: type) -> object:
        if type(value) is not expected:
            raise InvalidTypeError(f"must be {words}, got {_describe(value)}")
        return value

    return structure


def _duration(value: object, _: type = Duration) -> Duration:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise InvalidTypeError(
            f'must be a duration like "{value}s", got the bare number {value} (seconds or '
            f"milliseconds?)"
        )
    if not isinstance(value, str):
        raise InvalidTypeError(f'must be a duration like "30s", got {_describe(value)}')
    return parse_duration(value)


def _range_parts(value: object, what: str) -> tuple[object, object]:
    if not isinstance(value, dict):
        raise InvalidTypeError(f"must be {what}, got {_describe(value)}")
    extra = sorted(set(value) - {"low", "high"})
    missing = [key for key in ("low", "high") if key not in value]
    if extra or missing:
        detail = "; ".join(
            ([f"unknown key {', '.join(map(repr, extra))}"] if extra else [])
            + ([f"missing {', '.join(map(repr, missing))}"] if missing else [])
        )
        raise InvalidValueError(f"must be {what}: {detail}")
    return value["low"], value["high"]


def _duration_range(value: object, _: type = DurationRange) -> DurationRange:
    low, high = _range_parts(value, 'a duration like "30s" or a range {"low": "30s", "high": "1m"}')
    return DurationRange(_duration(low).ms, _duration(high).ms)


def _count(value: object) -> int:
    if type(value) is not int:
        raise InvalidTypeError(f"must be a whole number, got {_describe(value)}")
    return value


def _count_or_range(value: object, _: type) -> int | CountRange:
    if isinstance(value, dict):
        low, high = _range_parts(value, 'a count or a range {"low": 5, "high": 10}')
        return CountRange(_count(low), _count(high))
    return _count(value)


def _side(value: object, _: type) -> Side | None:
    if value is None or value in ("left", "right"):
        return None if value is None else Side(value)
    raise InvalidValueError(f'must be "left", "right" or null, got {_describe(value)}')


def _kind(value: object, _: type) -> Kind:
    if isinstance(value, str) and value in Kind.__members__.values():
        return Kind(value)
    raise InvalidValueError(
        f"must be one of {', '.join(k.value for k in Kind)}, got {_describe(value)}"
    )


def make_converter() -> cattrs.Converter:
    """The converter for routine and timeline documents: strict, tagged, all problems at once."""
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _strict(str, "text"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(int, lambda v, _: _count(v))
    converter.register_structure_hook(Duration, _duration)
    converter.register_structure_hook(
        Duration | None, lambda v, _: None if v is None else _duration(v)
    )
    converter.register_structure_hook(
        Duration | DurationRange,
        lambda v, _: _duration_range(v) if isinstance(v, dict) else _duration(v),
    )
    converter.register_structure_hook(int | CountRange, _count_or_range)
    converter.register_structure_hook(Side | None, _side)
    converter.register_structure_hook(Kind, _kind)
    converter.register_unstructure_hook(Side, lambda side: side.value)
    converter.register_unstructure_hook(Kind, lambda kind: kind.value)
    converter.register_unstructure_hook(Duration, lambda d: duration_text(d.ms))
    converter.register_unstructure_hook(
        DurationRange,
        lambda r: {"low": duration_text(r.low_ms), "high": duration_text(r.high_ms)},
    )
    converter.register_unstructure_hook(CountRange, lambda r: {"low": r.low, "high": r.high})
    converter.register_structure_hook_factory(_is_tuple, lambda t: _tuple_hook(converter, t))
    converter.register_structure_hook_factory(
        lambda t: t in NODE_TAGS, lambda t: _node_structure_hook(converter, t)
    )
    converter.register_unstructure_hook_factory(
        lambda t: t in NODE_TAGS, lambda t: _node_unstructure_hook(converter, t)
    )
    for union in (BodyNode, Stretch | Rest, Stretch | None, Break | None):
        converter.register_structure_hook(union, _union_hook(converter, union))
    for value_type in (Event, Chapter):
        converter.register_unstructure_hook(value_type, _with_end(converter, value_type))
        converter.register_structure_hook(value_type, _checked_end(converter, value_type))
    return converter


def _is_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(converter: cattrs.Converter, t: Any) -> Callable[[object, Any], tuple[Any, ...]]:
    item_type = get_args(t)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise InvalidTypeError(f"must be a list, got {_describe(value)}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:  # collected, reported with its index
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    cattrs.IterableValidationNote(
                        f"Structuring {t} @ index {index}", index, item_type
                    ),
                ]
                errors.append(error)
        if errors:
            raise cattrs.IterableValidationError(f"While structuring {t!r}", errors, t)
        return tuple(items)

    return structure


def _node_structure_hook(converter: cattrs.Converter, cls: type) -> Callable[[object, type], Any]:
    attrs.resolve_types(cls, vars(_model))
    base: Callable[[dict[str, Data], Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )
    tag = NODE_TAGS[cls]

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            raise InvalidTypeError(
                f'must be an object with "type": "{tag}", got {_describe(value)}'
            )
        if value.get("type") != tag:
            raise InvalidValueError(
                f'must have "type": "{tag}", got {_describe(value.get("type"))}'
            )
        return base({k: v for k, v in value.items() if k != "type"}, cls)

    return structure


def _node_unstructure_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any], Data]:
    attrs.resolve_types(cls, vars(_model))
    base: Callable[[Any], dict[str, Data]] = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True
    )
    tag = NODE_TAGS[cls]
    return lambda node: {"type": tag, **base(node)}


def _union_hook(converter: cattrs.Converter, union: Any) -> Callable[[object, Any], Any]:
    members = [m for m in get_args(union) if m is not type(None)]
    allowed = {NODE_TAGS[m]: m for m in members}
    optional = type(None) in get_args(union)
    names = ", ".join(f'"{tag}"' for tag in allowed)

    def structure(value: object, _: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise InvalidTypeError(
                f"must be an object with a type of {names}, got {_describe(value)}"
            )
        tag = value.get("type")
        if tag not in allowed:
            raise InvalidValueError(f"has type {json.dumps(tag)}; here it must be one of {names}")
        return converter.structure(value, allowed[tag])

    return structure


def _with_end(converter: cattrs.Converter, cls: type) -> Callable[[Any], Data]:
    base: Callable[[Any], dict[str, Data]] = make_dict_unstructure_fn(cls, converter)

    def unstructure(value: Any) -> Data:
        data = base(value)
        data["end_ms"] = value.end_ms
        return data

    return unstructure


def _checked_end(converter: cattrs.Converter, cls: type) -> Callable[[object, type], Any]:
    base: Callable[[dict[str, Data], Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    fast = _fast_event if cls is Event else None

    def structure(value: object, _: type) -> Any:
        if fast is not None:
            event = fast(value)
            if event is not None:
                return event
        if not isinstance(value, dict):
            raise InvalidTypeError(f"must be an object, got {_describe(value)}")
        fields = {k: v for k, v in value.items() if k != "end_ms"}
        result = base(fields, cls)
        if result.start_ms < 0 or result.duration_ms < 0:
            raise InvalidValueError("start_ms and duration_ms must be 0 or more")
        if "end_ms" in value and value["end_ms"] != result.end_ms:
            raise InvalidValueError(
                f"end_ms is {_describe(value['end_ms'])} but start_ms + duration_ms is "
                f"{result.end_ms}"
            )
        return result

    return structure


_KINDS = {kind.value: kind for kind in Kind}
_SIDES: dict[object, Side | None] = {None: None, "left": Side.LEFT, "right": Side.RIGHT}


_EVENT_ORDER = ("id", "start_ms", "duration_ms", "kind", "text", "side", "stretch", "end_ms")


def _fast_event(value: object) -> Event | None:
    """An event document that is plainly right, built directly (timelines can hold 100,000 of
    them); None for anything else, which the detailed path then explains."""
    if type(value) is not dict or tuple(value) != _EVENT_ORDER:  # as dumps_timeline writes it
        return None
    event_id, start, duration, kind, text, side, stretch, end = value.values()
    if (
        type(start) is int
        and type(duration) is int
        and type(end) is int
        and start >= 0
        and duration >= 0
        and end == start + duration
        and type(event_id) is str
        and type(text) is str
        and (stretch is None or type(stretch) is str)
        and type(kind) is str
        and kind in _KINDS
        and (side is None or side == "left" or side == "right")
    ):
        return Event(event_id, start, duration, _KINDS[kind], text, _SIDES[side], stretch)
    return None


_TIMELINE_KEYS = frozenset({"version", "type", "title", "total_ms", "chapters", "events"})
_CHAPTER_KEYS = frozenset({"title", "start_ms", "duration_ms"})


def _fast_timeline(data: object) -> Timeline | None:
    """A current-version timeline document that is plainly right and keeps every invariant,
    built directly; None for anything else, which the detailed path then explains."""
    if type(data) is not dict or data.keys() != _TIMELINE_KEYS:
        return None
    title, total, chapters, events = (
        data["title"],
        data["total_ms"],
        data["chapters"],
        data["events"],
    )
    if not (
        data["version"] == FORMAT_VERSION
        and type(data["version"]) is int
        and data["type"] == "timeline"
        and type(title) is str
        and type(total) is int
        and total >= 0
        and type(chapters) is list
        and type(events) is list
    ):
        return None
    built_chapters = []
    for chapter in chapters:
        if type(chapter) is not dict or chapter.keys() - {"end_ms"} != _CHAPTER_KEYS:
            return None
        name, start, duration = chapter["title"], chapter["start_ms"], chapter["duration_ms"]
        if not (
            type(name) is str
            and type(start) is int
            and type(duration) is int
            and start >= 0
            and duration >= 0
        ):
            return None
        end = chapter.get("end_ms", start + duration)
        if type(end) is not int or end != start + duration:
            return None
        built_chapters.append(Chapter(name, start, duration))
    built = []
    for value in events:
        event = _fast_event(value)
        if event is None:
            return None
        built.append(event)
    doc = _TimelineDoc("timeline", title, total, tuple(built_chapters), tuple(built))
    if _timeline_problems(doc):
        return None
    return Timeline(title, total, doc.events, doc.chapters)


@functools.cache
def _converter() -> cattrs.Converter:
    """The one converter, made on first use (making it costs more than the rest of the import)."""
    return make_converter()


def _problems(error: BaseException) -> list[Problem]:
    found = []
    for line in cattrs.transform_error(error, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        found.append(Problem(path, message))
    return found


def _format(error: BaseException, type_: type | None) -> str:
    if isinstance(error, BackstretchError):
        return str(error)
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(map(repr, sorted(error.extra_fields)))
        return f"unknown key {keys}; check the spelling, or remove it"
    if isinstance(error, KeyError):
        return "required key missing"
    return cattrs.v.format_exception(error, type_)


def _root(data: object, kind: str) -> dict[str, Data]:
    if not isinstance(data, dict):
        raise DocumentError(
            [Problem("$", f"a {kind} document is an object, got {_describe(data)}")]
        )
    version = data.get("version")
    if type(version) is not int or version < 1:
        where = "$.version"
        got = "missing" if "version" not in data else f"got {_describe(version)}"
        raise DocumentError(
            [
                Problem(
                    where,
                    f"must be the format version, a whole number like {FORMAT_VERSION}; {got}",
                )
            ]
        )
    if version > FORMAT_VERSION:
        raise DocumentError(
            [
                Problem(
                    "$.version",
                    f"this document has format version {version}, newer than this backstretch "
                    f"reads ({FORMAT_VERSION}); upgrade backstretch",
                )
            ]
        )
    while version < FORMAT_VERSION:
        data = UPGRADES[version](dict(data))
        version += 1
        data["version"] = version
    if data.get("type") != kind:
        raise DocumentError(
            [Problem("$.type", f'must be "{kind}", got {_describe(data.get("type"))}')]
        )
    return {k: v for k, v in data.items() if k != "version"}


def routine_to_data(routine: Routine) -> dict[str, Data]:
    """The routine as a version-stamped document tree (defaults left out)."""
    return {"version": FORMAT_VERSION, **_converter().unstructure(routine, Routine)}


def routine_from_data(data: object, *, source: str = "") -> Routine:
    """Load a routine from a document tree; a DocumentError or RoutineError lists every problem."""
    body = _root(data, "routine")
    try:
        routine: Routine = _converter().structure(body, Routine)
    except Exception as error:
        raise DocumentError(_problems(error), source=source) from None
    try:
        check_routine(routine)
    except RoutineError as error:
        raise RoutineError(error.problems, source=source) from None
    return routine


def timeline_to_data(timeline: Timeline) -> dict[str, Data]:
    """The timeline as a version-stamped document tree, every field written, ``end_ms`` included."""
    return {
        "version": FORMAT_VERSION,
        "type": "timeline",
        "title": timeline.title,
        "total_ms": timeline.total_ms,
        "chapters": [_converter().unstructure(c, Chapter) for c in timeline.chapters],
        "events": [_converter().unstructure(e, Event) for e in timeline.events],
    }


@attrs.frozen
class _TimelineDoc:
    type: str
    title: str
    total_ms: int
    chapters: tuple[Chapter, ...]
    events: tuple[Event, ...]


def timeline_from_data(data: object, *, source: str = "") -> Timeline:
    """Load a timeline from a document tree, checking that it keeps the timeline's invariants."""
    body = _root(data, "timeline")
    try:
        doc = _converter().structure(body, _TimelineDoc)
    except Exception as error:
        raise DocumentError(_problems(error), source=source) from None
    problems = list(_timeline_problems(doc))
    if problems:
        raise DocumentError(problems, source=source)
    return Timeline(doc.title, doc.total_ms, doc.events, doc.chapters)


def _timeline_problems(doc: _TimelineDoc) -> list[Problem]:
    problems = []
    position = 0
    previous: Event | None = None
    for index, event in enumerate(doc.events):
        if previous is not None and (event.start_ms, event.is_marker) < (
            previous.start_ms,
            previous.is_marker,
        ):
            problems.append(
                Problem(
                    f"$.events[{index}].start_ms",
                    "events must be sorted by start_ms, segments before markers",
                )
            )
        if event.duration_ms > 0:
            if event.start_ms != position:
                problems.append(
                    Problem(
                        f"$.events[{index}].start_ms",
                        f"segments must follow each other; expected {position}, "
                        f"got {event.start_ms}",
                    )
                )
            position = event.end_ms
        elif event.start_ms > doc.total_ms:
            problems.append(
                Problem(
                    f"$.events[{index}].start_ms",
                    f"a marker must lie within the timeline (0 to {doc.total_ms})",
                )
            )
        previous = event
    if position != doc.total_ms:
        problems.append(
            Problem(
                "$.total_ms",
                f"must be where the last segment ends ({position}), got {doc.total_ms}",
            )
        )
    chapter_end = 0
    for index, chapter in enumerate(doc.chapters):
        if chapter.start_ms < chapter_end or chapter.end_ms > doc.total_ms:
            problems.append(
                Problem(
                    f"$.chapters[{index}]",
                    f"chapters must follow each other within the timeline (0 to {doc.total_ms}); "
                    f"this one runs {chapter.start_ms} to {chapter.end_ms}",
                )
            )
        chapter_end = max(chapter_end, chapter.end_ms)
    return problems


def json_schema(kind: str) -> str:
    """The JSON Schema (Draft 2020-12) of the ``"routine"`` or ``"timeline"`` document, as text."""
    if kind not in ("routine", "timeline"):
        raise InvalidValueError(f"there are schemas for 'routine' and 'timeline', not {kind!r}")
    from importlib import resources  # only here: importing it costs more than it is used

    return (resources.files(__package__) / "schemas" / f"{kind}.schema.json").read_text(
        encoding="utf-8"
    )


# Text and files. JSON is always available; TOML writing needs the ``toml`` extra (reading uses the
# standard library), YAML the ``yaml`` extra.

FORMATS = ("json", "toml", "yaml")
_SUFFIXES = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


def format_for(path: str | os.PathLike[str]) -> str:
    """The document format a file's suffix names; a DocumentError lists the known suffixes."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        known = ", ".join(_SUFFIXES)
        raise DocumentError(
            [Problem("$", f"cannot tell the format from the suffix; use one of {known}")],
            source=os.fspath(path),
        )
    return _SUFFIXES[suffix]


def dumps_routine(routine: Routine, *, format: str = "json") -> str:
    """The routine as document text in ``format`` (json, toml or yaml); byte-stable."""
    data = routine_to_data(routine)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        tomli_w = _extra("tomli_w", "toml")
        return str(tomli_w.dumps(data))
    if format == "yaml":
        yaml = _extra("yaml", "yaml")
        return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    raise InvalidValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")


def loads_routine(
    text: str | bytes, *, format: str = "json", source: str = "", limits: Limits | None = None
) -> Routine:
    """Load a routine from document text; every problem is reported at once. ``limits`` bounds
    the document's size and nesting, and the routine's events and length (at the deep level)."""
    limits = limits or Limits()
    data = _parse(_within_size(text, limits, source), format, source)
    try:
        check_depth(data, limits)
        routine = routine_from_data(data, source=source)
        compile_routine(routine, level="deep", cues=Cues.off(), safety_note=None, limits=limits)
    except LimitError as error:
        raise DocumentError([Problem("$", str(error))], source=source) from None
    return routine


def _within_size(text: str | bytes, limits: Limits, source: str) -> str | bytes:
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        message = f"the document is more than {limits.max_bytes:,} bytes (Limits.max_bytes)"
        raise DocumentError([Problem("$", message)], source=source)
    return text


def dumps_timeline(timeline: Timeline) -> str:
    """The timeline as JSON document text; byte-stable."""
    return json.dumps(timeline_to_data(timeline), ensure_ascii=False, indent=1) + "\n"


def loads_timeline(
    text: str | bytes, *, source: str = "", limits: Limits | None = None
) -> Timeline:
    """Load a timeline from JSON document text, checking its invariants. Timelines are flat, so
    ``limits.max_bytes`` is scaled by 100 for them (they are far bigger than their routines)."""
    limits = limits or Limits()
    data = _parse(
        _within_size(text, attrs.evolve(limits, max_bytes=limits.max_bytes * 100), source),
        "json",
        source,
    )
    fast = _fast_timeline(data)
    if fast is not None:  # every value checked, all of them flat: no depth to check
        return fast
    try:
        check_depth(data, limits)
    except LimitError as error:
        raise DocumentError([Problem("$", str(error))], source=source) from None
    return timeline_from_data(data, source=source)


def dump_routine(routine: Routine, path: str | os.PathLike[str]) -> None:
    """Write the routine to ``path`` in the format its suffix names, atomically."""
    write_atomically(path, dumps_routine(routine, format=format_for(path)))


def load_routine(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Routine:
    """Read a routine document, in the format its suffix names."""
    source = os.fspath(path)
    limits = limits or Limits()
    text = _read(path, limits.max_bytes)
    return loads_routine(text, format=format_for(path), source=source, limits=limits)


def dump_timeline(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write the timeline to ``path`` as JSON, atomically."""
    write_atomically(path, dumps_timeline(timeline))


def load_timeline(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Timeline:
    """Read a timeline JSON document."""
    limits = limits or Limits()
    return loads_timeline(
        _read(path, limits.max_bytes * 100), source=os.fspath(path), limits=limits
    )


def write_atomically(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to a temporary file beside ``path``, then rename it into
    place, so a reader never sees a partial file and a failure leaves what was there untouched."""
    target = Path(path)
    import tempfile

    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600): give it the mode the file had, or a new file's.
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _read(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The file's bytes; a file larger than the size limit is refused without reading it all."""
    try:
        with Path(path).open("rb") as stream:
            return stream.read(max_bytes + 1)
    except OSError as error:
        raise DocumentError(
            [Problem("$", f"cannot read it: {error.strerror}")], source=os.fspath(path)
        ) from None


def _extra(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise DocumentError(
            [
                Problem(
                    "$",
                    f"{extra.upper()} documents need an extra: pip install 'backstretch[{extra}]'",
                )
            ]
        ) from None


class _Unreadable(ValueError):
    """Bytes that are no text document at all (empty, not UTF-8)."""


def _decode(text: str | bytes) -> str:
    if isinstance(text, bytes):
        if text.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _Unreadable("the file is UTF-16; save it as UTF-8")
        if text.startswith(b"\xef\xbb\xbf"):
            raise _Unreadable(
                "the file starts with a byte-order mark (BOM); save it as UTF-8 without one"
            )
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Unreadable(f"the file is not valid UTF-8 (byte {error.start})") from None
    if not text.strip():
        raise _Unreadable("the document is empty")
    return text


def _parse(text: str | bytes, format: str, source: str) -> Data:
    try:
        decoded = _decode(text)
        if format == "json":
            return json.loads(
                decoded,
                object_pairs_hook=_no_duplicate_keys,
                parse_constant=_no_constant,
                parse_float=_finite_float,
            )
        if format == "toml":
            import tomllib

            return tomllib.loads(decoded)
        if format == "yaml":
            return _load_yaml(decoded)
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    except DocumentError:
        raise
    except _Unreadable as error:
        raise DocumentError([Problem("$", str(error))], source=source) from None
    except RecursionError:
        raise DocumentError(
            [Problem("$", "the document is nested too deeply")], source=source
        ) from None
    except ValueError as error:  # TOMLDecodeError is a ValueError
        raise DocumentError(
            [Problem("$", f"not a {format.upper()} document: {error}")], source=source
        ) from None


def _no_duplicate_keys(pairs: list[tuple[str, Data]]) -> dict[str, Data]:
    result = dict(pairs)
    if len(result) != len(pairs):  # rare: find the key that came twice, to name it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _no_constant(name: str) -> Data:
    raise ValueError(f"{name} is not a number a document may hold")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


def _load_yaml(text: str) -> Data:
    yaml = _extra("yaml", "yaml")

    class StrictLoader(yaml.SafeLoader):  # type: ignore[misc, name-defined]
        """Safe loading (no tags that build objects) that refuses a key given twice."""

    def mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
        keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"the key {key!r} appears twice in one mapping")
        return dict(loader.construct_pairs(node, deep=deep))

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        # Aliases let a few lines stand for a tree of billions of nodes ("billion laughs");
        # a routine never needs one, so they are refused before anything is built.
        for event in yaml.parse(text, Loader=StrictLoader):
            if isinstance(event, yaml.AliasEvent):
                raise ValueError(f"aliases (*{event.anchor}) are not allowed; write the value out")
        return yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ValueError(f"{error.problem}{where}") from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its errors
        raise ValueError(str(error).replace("\n", " ")) from None
