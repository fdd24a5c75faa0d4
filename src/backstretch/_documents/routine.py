"""Routine documents: one strict cattrs converter, a versioned and tagged format.

A document is a JSON-like tree of dicts, lists, strings, numbers, booleans and nulls. Its root holds
an integer ``version`` and ``"type": "routine"``; every DSL node carries its ``type`` tag. Durations
are strings like ``"30s"`` or ``"1m30s"`` (a bare number could mean seconds or milliseconds);
ranges are ``{"low": ..., "high": ...}``. Loading is strict: unknown keys, wrong types and bad
values are all reported at once, each at its ``$.path``, in our own words.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator
from typing import Any, TypeAlias, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from .._base.files import (
    FORMATS,
    describe,
    document_format,
    document_version,
    extra,
    parse,
    read_bytes,
    write_atomically,
)
from .._base.kinds import Affected, Side
from .._base.limits import Limits, check_depth
from .._base.time import (
    Breaths,
    CountRange,
    Duration,
    DurationRange,
    Level,
    parse_breaths,
    parse_duration,
)
from .._compiler.compile import Cues, compile_routine
from .._dsl import nodes as _model
from .._dsl.check import body_problems, check_routine
from .._dsl.conditions import Condition
from .._dsl.nodes import (
    BodyNode,
    Break,
    Breath,
    Caution,
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
)
from ..exceptions import (
    BackstretchError,
    DocumentError,
    InvalidTypeError,
    InvalidValueError,
    LimitError,
    Problem,
    RoutineError,
)

__all__ = [
    "ROUTINE_FORMAT_VERSION",
    "dump_routine",
    "dumps_routine",
    "duration_text",
    "load_routine",
    "loads_routine",
    "routine_from_data",
    "routine_to_data",
]

#: The version written into every routine document's root; older ones are upgraded on load.
ROUTINE_FORMAT_VERSION = 1

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
    Breath: "breath",
    PerSide: "per_side",
    OneSide: "one_side",
    Reps: "reps",
    Repeat: "repeat",
    Rest: "rest",
    Circuit: "circuit",
    Caution: "caution",
    Modification: "modification",
    Condition: "condition",
}
_BY_TAG = {tag: cls for cls, tag in NODE_TAGS.items()}
#: Values read and written like nodes, field by field, but without a "type": they only ever sit
#: in one field of their own type.
UNTAGGED: frozenset[type] = frozenset({LocalCues})


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


def _strict(expected: type, words: str) -> Callable[[object, type], object]:
    def structure(value: object, _: type) -> object:
        if type(value) is not expected:
            raise InvalidTypeError(f"must be {words}, got {describe(value)}")
        return value

    return structure


def _duration(value: object, _: type = Duration) -> Duration:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise InvalidTypeError(
            f'must be a duration like "{value}s", got the bare number {value} (seconds or '
            f"milliseconds?)"
        )
    if not isinstance(value, str):
        raise InvalidTypeError(f'must be a duration like "30s", got {describe(value)}')
    return parse_duration(value)


def _range_parts(value: object, what: str) -> tuple[object, object, Level | None]:
    """A range's ends and its own level (``"level": "standard"``: it lands there at every level)."""
    if not isinstance(value, dict):
        raise InvalidTypeError(f"must be {what}, got {describe(value)}")
    extra = sorted(set(value) - {"low", "high", "level"})
    missing = [key for key in ("low", "high") if key not in value]
    if extra or missing:
        detail = "; ".join(
            ([f"unknown key {', '.join(map(repr, extra))}"] if extra else [])
            + ([f"missing {', '.join(map(repr, missing))}"] if missing else [])
        )
        raise InvalidValueError(f"must be {what}: {detail}")
    level = value.get("level")
    if level is not None and (not isinstance(level, str) or Level.of(level) is None):
        raise InvalidValueError(
            f'a range\'s level must be "gentle", "standard" or "deep", got {describe(level)}'
        )
    return value["low"], value["high"], None if level is None else Level(level)


def _range_data(low: Data, high: Data, level: Level | None) -> Data:
    return {"low": low, "high": high} | ({} if level is None else {"level": level.value})


def _held(value: object, _: type) -> Duration | DurationRange | Breaths:
    """How long a hold lasts: "30s", "3 breaths", or a range of either ({"low": ..., "high":
    ...}, both ends in the same unit)."""
    if isinstance(value, str):
        counted = parse_breaths(value)
        return counted if counted is not None else _duration(value)
    if not isinstance(value, dict):
        return _duration(value)
    low, high, level = _range_parts(
        value, 'a duration like "30s", "3 breaths", or a range {"low": "30s", "high": "1m"}'
    )
    low_breaths = parse_breaths(low) if isinstance(low, str) else None
    high_breaths = parse_breaths(high) if isinstance(high, str) else None
    if low_breaths is None and high_breaths is None:
        return DurationRange(_duration(low).ms, _duration(high).ms, level=level)
    if low_breaths is None or high_breaths is None:
        raise InvalidValueError(
            f"a range runs in one unit: both ends in breaths or both in time, got "
            f"{describe(low)} and {describe(high)}"
        )
    return Breaths(CountRange(low_breaths.high, high_breaths.high, level=level))


def _timed(value: object, _: type) -> Duration | DurationRange:
    """How long a rest lasts: "30s", or a range {"low": "5s", "high": "10s"}."""
    if not isinstance(value, dict):
        return _duration(value)
    low, high, level = _range_parts(
        value, 'a duration like "30s", or a range {"low": "5s", "high": "10s"}'
    )
    return DurationRange(_duration(low).ms, _duration(high).ms, level=level)


def _breaths_text(value: Breaths) -> Data:
    count = value.count
    if isinstance(count, CountRange):
        return _range_data(f"{count.low} breaths", f"{count.high} breaths", count.level)
    return str(value)


def _count(value: object) -> int:
    if type(value) is not int:
        raise InvalidTypeError(f"must be a whole number, got {describe(value)}")
    return value


def _count_or_range(value: object, _: type) -> int | CountRange:
    if isinstance(value, dict):
        low, high, level = _range_parts(value, 'a count or a range {"low": 5, "high": 10}')
        return CountRange(_count(low), _count(high), level=level)
    return _count(value)


def _reps_count(value: object, _: type) -> int | CountRange | tuple[int, ...]:
    """A set's count: a count, a range, or a list of counts, one per round ([6, 4, 2])."""
    if isinstance(value, list):
        return tuple(_count(item) for item in value)
    return _count_or_range(value, _)


_SIDES: dict[str, Side | Affected] = {
    **{side.value: side for side in Side},
    **{side.value: side for side in Affected},
}


def _side(value: object, _: type) -> Side | Affected | None:
    if value is None:
        return None
    if isinstance(value, str) and value in _SIDES:
        return _SIDES[value]
    raise InvalidValueError(
        f'must be "left", "right", "affected", "unaffected" or null, got {describe(value)}'
    )


def _one_side(value: object, _: type) -> Side | Affected:
    if isinstance(value, str) and value in _SIDES:
        return _SIDES[value]
    raise InvalidValueError(
        f'must be "left", "right", "affected" or "unaffected", got {describe(value)}'
    )


def make_converter() -> cattrs.Converter:
    """The converter for routine documents: strict, tagged, all problems at once."""
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _strict(str, "text"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(int, lambda v, _: _count(v))
    converter.register_structure_hook(Duration, _duration)
    converter.register_structure_hook(
        Duration | None, lambda v, _: None if v is None else _duration(v)
    )
    converter.register_structure_hook(Duration | DurationRange | Breaths, _held)
    converter.register_structure_hook(Duration | DurationRange, _timed)
    converter.register_unstructure_hook(Breaths, _breaths_text)
    converter.register_structure_hook(int | CountRange, _count_or_range)
    converter.register_structure_hook(int | CountRange | tuple[int, ...], _reps_count)
    converter.register_unstructure_hook(
        int | CountRange | tuple[int, ...],
        lambda v: list(v) if isinstance(v, tuple) else converter.unstructure(v),
    )
    converter.register_structure_hook(Side | Affected | None, _side)
    converter.register_structure_hook(Side | Affected, _one_side)
    converter.register_unstructure_hook(Side, lambda side: side.value)
    converter.register_unstructure_hook(Affected, lambda side: side.value)
    converter.register_unstructure_hook(Duration, lambda d: duration_text(d.ms))
    converter.register_unstructure_hook(
        DurationRange,
        lambda r: _range_data(duration_text(r.low_ms), duration_text(r.high_ms), r.level),
    )
    converter.register_unstructure_hook(CountRange, lambda r: _range_data(r.low, r.high, r.level))
    converter.register_structure_hook_factory(_is_tuple, lambda t: _tuple_hook(converter, t))
    converter.register_structure_hook_factory(
        lambda t: t in NODE_TAGS or t in UNTAGGED, lambda t: _node_structure_hook(converter, t)
    )
    converter.register_unstructure_hook_factory(
        lambda t: t in NODE_TAGS or t in UNTAGGED, lambda t: _node_unstructure_hook(converter, t)
    )
    local_cues = converter.get_structure_hook(LocalCues)
    converter.register_structure_hook(
        LocalCues | None, lambda v, _: None if v is None else local_cues(v, LocalCues)
    )
    for union in (
        BodyNode,
        Stretch | Rest,
        Stretch | Rest | Circuit,
        Stretch | None,
        Break | None,
        Rest | None,
    ):
        converter.register_structure_hook(union, _union_hook(converter, union))
    return converter


def _is_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(converter: cattrs.Converter, t: Any) -> Callable[[object, Any], tuple[Any, ...]]:
    item_type = get_args(t)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise InvalidTypeError(f"must be a list, got {describe(value)}")
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
    """Structure a node field by field: each field is read by its hook, then given to the field's
    own converter and validator (the ones the DSL uses), so every problem is reported at its
    field's path, all at once, before the node is built. Only what needs the whole node (e.g.
    ``Reps.first`` without ``alternate``) is reported at the node itself."""
    attrs.resolve_types(cls, vars(_model))
    fields = attrs.fields(cls)
    tag = NODE_TAGS.get(cls)
    known = {field.name for field in fields} | ({"type"} if tag else set())
    # Validators name "Class.field" from the instance's class: one unbuilt instance serves.
    probe: object = object.__new__(cls)

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            raise InvalidTypeError(
                f'must be an object with "type": "{tag}", got {describe(value)}'
                if tag
                else f"must be an object, got {describe(value)}"
            )
        if tag and value.get("type") != tag:
            raise InvalidValueError(f'must have "type": "{tag}", got {describe(value.get("type"))}')
        errors: list[Exception] = []
        extra = sorted(str(key) for key in value if key not in known)
        if extra:
            errors.append(cattrs.ForbiddenExtraKeysError("", cls, set(extra)))
        built: dict[str, Any] = {}
        for field in fields:
            if field.name not in value:
                if field.default is attrs.NOTHING:
                    errors.append(_noted(KeyError(field.name), cls, field))
                continue
            try:
                item = converter.get_structure_hook(field.type)(value[field.name], field.type)
                if field.converter is not None:
                    item = field.converter(item)
                if field.validator is not None:
                    field.validator(probe, field, item)
                built[field.name] = item
            except Exception as error:  # collected, each at its field
                errors.append(_noted(error, cls, field))
        if errors:
            raise cattrs.ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
        return cls(**built)

    return structure


def _noted(error: Exception, cls: type, field: attrs.Attribute[Any]) -> Exception:
    """``error`` marked as being about ``field``, so the report puts it at the field's path."""
    error.__notes__ = [
        *getattr(error, "__notes__", []),
        cattrs.AttributeValidationNote(
            f"Structuring class {cls.__qualname__} @ attribute {field.name}", field.name, field.type
        ),
    ]
    return error


def _node_unstructure_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any], Data]:
    attrs.resolve_types(cls, vars(_model))
    base: Callable[[Any], dict[str, Data]] = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True
    )
    tag = NODE_TAGS.get(cls)
    if tag is None:
        return base
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
                f"must be an object with a type of {names}, got {describe(value)}"
            )
        tag = value.get("type")
        if not isinstance(tag, str) or tag not in allowed:
            shown = json.dumps(tag, ensure_ascii=False) if isinstance(tag, str) else describe(tag)
            raise InvalidValueError(f"has type {shown}; here it must be one of {names}")
        return converter.structure(value, allowed[tag])

    return structure


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
        return _field_message(str(error))
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(map(repr, sorted(error.extra_fields)))
        return f"unknown key {keys}; check the spelling, or remove it"
    if isinstance(error, KeyError):
        return "required key missing"
    return cattrs.v.format_exception(error, type_)


def _field_message(message: str) -> str:
    """A DSL validator's message for a document: its "Class.field " opening is what the path
    already says, so it goes ("Hold.duration must be..." reads "must be...")."""
    head, space, rest = message.partition(" ")
    if space and "." in head and head.split(".", 1)[0] in _CLASS_NAMES:
        return rest
    return message


_CLASS_NAMES = frozenset(cls.__name__ for cls in NODE_TAGS)


def _root(data: object, source: str) -> dict[str, Data]:
    def refuse(path: str, message: str) -> DocumentError:
        return DocumentError([Problem(path, message)], source=source)

    if not isinstance(data, dict):
        raise refuse("$", f"a routine document is an object, got {describe(data)}")
    if data.get("type") == "timeline":
        raise refuse(
            "$.type",
            'this is a timeline document ("type": "timeline"), not a routine; give a routine '
            'document ("type": "routine"), a built-in routine\'s name or a file.py:NAME',
        )
    version = document_version(data, ROUTINE_FORMAT_VERSION, source)
    while version < ROUTINE_FORMAT_VERSION:
        data = UPGRADES[version](dict(data))
        version += 1
        data["version"] = version
    if data.get("type") != "routine":
        raise refuse("$.type", f'must be "routine", got {describe(data.get("type"))}')
    return {k: v for k, v in data.items() if k != "version"}


def routine_to_data(routine: Routine) -> dict[str, Data]:
    """The routine as a version-stamped document tree (defaults left out)."""
    return {"version": ROUTINE_FORMAT_VERSION, **_converter().unstructure(routine, Routine)}


def routine_from_data(data: object, *, source: str = "") -> Routine:
    """Load a routine from a document tree; a DocumentError or RoutineError lists every problem."""
    body = _root(data, source)
    try:
        routine: Routine = _converter().structure(body, Routine)
    except Exception as error:
        found = _problems(error) + list(body_problems(_readable_items(body)))
        raise DocumentError(found, source=source) from None
    try:
        check_routine(routine)
    except RoutineError as error:
        raise RoutineError(error.problems, source=source) from None
    return routine


def _readable_items(body: dict[str, Data]) -> Iterator[tuple[int, Stretch | Rest | Circuit]]:
    """The items of a document's body that read as nodes, by index, when the whole does not (a
    type fault elsewhere): their own problems are reported with the fault."""
    items = body.get("body")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        try:
            yield index, _converter().structure(item, Stretch | Rest | Circuit)  # type: ignore[arg-type]
        except Exception:  # its faults are in the report already
            continue


def dumps_routine(routine: Routine, *, format: str = "json") -> str:
    """The routine as document text in ``format`` (json, toml or yaml); byte-stable."""
    data = routine_to_data(routine)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        tomli_w = extra("tomli_w", "toml")
        return str(tomli_w.dumps(data))
    if format == "yaml":
        yaml = extra("yaml", "yaml")
        return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    raise InvalidValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")


def loads_routine(
    text: str | bytes, *, format: str = "json", source: str = "", limits: Limits | None = None
) -> Routine:
    """Load a routine from document text; every problem is reported at once. ``limits`` bounds
    the document's size and nesting, and the routine's events and length (at the deep level)."""
    limits = limits or Limits()
    data = parse(text, format, source, limits)
    try:
        check_depth(data, limits)
        routine = routine_from_data(data, source=source)
        # Its size at its largest; the affected side changes which side, never how much.
        compile_routine(
            routine,
            level="deep",
            cues=Cues.off(),
            safety_note=None,
            limits=limits,
            affected="left",
        )
    except LimitError as error:
        raise DocumentError([Problem("$", str(error))], source=source) from None
    return routine


def dump_routine(routine: Routine, path: str | os.PathLike[str]) -> None:
    """Write the routine to ``path`` in the format its suffix names, atomically."""
    write_atomically(path, dumps_routine(routine, format=document_format(path)))


def load_routine(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Routine:
    """Read a routine document, in the format its suffix names."""
    source = os.fspath(path)
    limits = limits or Limits()
    text = read_bytes(path, limits.max_bytes)
    return loads_routine(text, format=document_format(path), source=source, limits=limits)
