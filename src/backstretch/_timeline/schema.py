"""The timeline JSON Schema, built from the library's own tables (kinds, roles, messages, options),
so the shipped file (``schemas/timeline.schema.json``) cannot drift from them: a test pins the
file to what this builds, and ``BACKSTRETCH_REGOLD=1`` rewrites it after review.

It states per kind what JSON Schema can: markers last 0 ms and segments at least 1 ms, the roles
of each kind, ticks only on countdowns, rep positions only on reps, parts only on holds and their
cues, targets only on previews and replacements, and the parameters of every message key. What
it cannot state (order, tiling, unique ids, references between entries, positions counting 1..n)
is for a loader: conformance/README.md lists it.
"""

from __future__ import annotations

import json
from typing import Any

from .._base.kinds import MARKER_KINDS, ROLES, Kind, Role
from .._base.time import MAX_MS
from .codec import TIMELINE_FORMAT_VERSION
from .fields import EVENT_FIELDS, OPEN_KINDS, PART_KINDS, TARGET_ROLES
from .messages import MESSAGES
from .timeline import CompileOptions

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
NAME: Schema = {"type": "string", "minLength": 1}
MS: Schema = {"$ref": "#/$defs/ms"}
TEXTS: Schema = {"type": "array", "items": STRING}
NULL: Schema = {"type": "null"}
POSITION: Schema = {"$ref": "#/$defs/position"}


def _or_null(schema: Schema) -> Schema:
    return {"anyOf": [NULL, schema]}


def _object(properties: dict[str, Schema], **more: Any) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        **more,
    }


def _when(
    field: str, values: list[str], then: dict[str, Schema], otherwise: dict[str, Schema]
) -> Schema:
    """If ``field`` is one of ``values``, the properties ``then``; otherwise ``otherwise``."""
    condition = {"enum": values} if len(values) > 1 else {"const": values[0]}
    rule: Schema = {
        "if": {"type": "object", "properties": {field: condition}, "required": [field]},
        "then": {"type": "object", "properties": then},
    }
    if otherwise:
        rule["else"] = {"type": "object", "properties": otherwise}
    return rule


_PARAM_SCHEMAS: dict[str, Schema] = {
    "text": STRING,
    "texts": TEXTS,
    "side": {"enum": ["left", "right"]},
    "conditions": TEXTS,
    "number": {"type": "integer"},
    "duration": MS,
}


def _option_schema(name: str, value: object) -> Schema:
    if name == "level":
        return {"enum": ["gentle", "standard", "deep"]}
    if name in ("conditions", "swapped"):
        return TEXTS
    if name == "language":
        return {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}
    if name == "affected":
        return {"enum": ["left", "right", None]}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if name in ("countdown", "cues_left_out"):
        return {"type": "integer", "minimum": 0}
    if name in ("fit_to_ms", "breath_every_ms", "unfitted_ms"):
        return _or_null(MS)
    if name == "breath_ms":
        return {"allOf": [MS, {"type": "integer", "minimum": 1}]}
    return MS


def _event_value(shape: str) -> Schema:
    """The schema of an event field's value, by the shape the field table gives it."""
    return {
        "name": NAME,
        "ms": MS,
        "kind": {"enum": [kind.value for kind in Kind]},
        "role": {"enum": [role.value for role in Role]},
        "text": STRING,
        "side": {"enum": ["left", "right", None]},
        "name or null": _or_null(NAME),
        "whole number or null": _or_null({"type": "integer"}),
        "positions": {"type": "array", "items": POSITION},
        "position or null": _or_null(POSITION),
        "message or null": _or_null({"$ref": "#/$defs/message"}),
        "text or null": _or_null(STRING),
        "true or false": {"type": "boolean"},
        "count or null": _or_null({"type": "integer", "minimum": 1}),
    }[shape]


def timeline_schema() -> Schema:
    markers = [kind.value for kind in Kind if kind in MARKER_KINDS]
    event_rules: list[Schema] = [
        _when(
            "kind",
            markers,
            {"duration_ms": {"const": 0}, "end_ms": MS},
            {"duration_ms": {"type": "integer", "minimum": 1}},
        ),
        *(
            _when("kind", [kind.value], {"role": {"enum": [role.value for role in roles]}}, {})
            for kind, roles in ROLES.items()
        ),
        _when(
            "role",
            [Role.COUNTDOWN.value],
            {"tick": {"type": "integer", "minimum": 1}},
            {"tick": NULL},
        ),
        _when("kind", [Kind.REP.value], {"rep": POSITION}, {"rep": NULL}),
        # Only a hold is counted in breaths.
        _when(
            "kind",
            [kind.value for kind in Kind if kind is not Kind.HOLD],
            {"breaths": NULL},
            {},
        ),
        _when(
            "kind",
            [kind.value for kind in Kind if kind in PART_KINDS],
            {"part": _or_null(POSITION)},
            {"part": NULL},
        ),
        _when(
            "role",
            sorted(role.value for role in TARGET_ROLES),
            {"target": NAME},
            {"target": NULL},
        ),
        # Self-paced: open exactly when until says what the person waits for, and only on the
        # kinds a person can take their own time over; a check-in is always open (it waits for
        # an answer) and has no until.
        {
            "if": {
                "type": "object",
                "properties": {"kind": {"const": Kind.CHECK_IN.value}},
                "required": ["kind"],
            },
            "then": {
                "type": "object",
                "properties": {"open": {"const": True}, "until": NULL},
            },
            "else": {
                "if": {
                    "type": "object",
                    "properties": {"open": {"const": True}},
                    "required": ["open"],
                },
                "then": {"type": "object", "properties": {"until": NAME}},
                "else": {"type": "object", "properties": {"until": NULL}},
            },
        },
        _when(
            "kind",
            sorted(kind.value for kind in Kind if kind not in OPEN_KINDS | {Kind.CHECK_IN}),
            {"open": {"const": False}},
            {},
        ),
    ]
    message_rules = [
        _when(
            "key",
            [key],
            {"params": _object({name: _PARAM_SCHEMAS[kind] for name, kind in spec.params.items()})},
            {},
        )
        for key, spec in MESSAGES.items()
    ]
    defaults = CompileOptions()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://backstretch.invalid/schemas/timeline/{TIMELINE_FORMAT_VERSION}",
        "title": f"backstretch timeline document, format version {TIMELINE_FORMAT_VERSION}",
        "description": (
            "A compiled routine for players in any language: events sorted by start_ms; segments "
            "(duration_ms > 0) tile [0, total_ms); markers (cue, skip, end: duration_ms == 0) lie "
            "within it, the end marker last. Each event's kind and role say what it is, its "
            "positions where it is counted, and its message the key and parameters of any text "
            "the library wrote. All times are integer milliseconds. Rules JSON Schema cannot "
            "state are checked by loaders: see docs/timeline.md."
        ),
        **_object(
            {
                "version": {"const": TIMELINE_FORMAT_VERSION},
                "type": {"const": "timeline"},
                "title": STRING,
                "total_ms": MS,
                "options": _or_null({"$ref": "#/$defs/options"}),
                "stretches": {"type": "array", "items": {"$ref": "#/$defs/stretch"}},
                "chapters": {"type": "array", "items": {"$ref": "#/$defs/chapter"}},
                "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
            }
        ),
        "$defs": {
            "ms": {"type": "integer", "minimum": 0, "maximum": MAX_MS},
            "position": _object(
                {
                    "index": {"type": "integer", "minimum": 1},
                    "count": {"type": "integer", "minimum": 1},
                }
            ),
            "options": _object(
                {
                    name: _option_schema(name, getattr(defaults, name))
                    for name in (f.name for f in CompileOptions.__attrs_attrs__)
                }
            ),
            "stretch": _object(
                {
                    "id": NAME,
                    "name": NAME,
                    "purpose": STRING,
                    "targets": TEXTS,
                    "props": TEXTS,
                    "cautions": {
                        "type": "array",
                        "items": _object({"text": NAME, "conditions": TEXTS}),
                    },
                    "modifications": {
                        "type": "array",
                        "items": _object({"text": NAME, "when": STRING, "props": TEXTS}),
                    },
                }
            ),
            "chapter": _object(
                {
                    "title": NAME,
                    "stretch_id": NAME,
                    "start_ms": MS,
                    "duration_ms": {"type": "integer", "minimum": 1},
                    "end_ms": MS,
                    "round": _or_null(POSITION),
                }
            ),
            "message": _object(
                {
                    "key": {"enum": list(MESSAGES)},
                    "params": {"type": "object"},
                },
                allOf=message_rules,
            ),
            "event": _object(
                {field.name: _event_value(field.shape) for field in EVENT_FIELDS},
                allOf=event_rules,
            ),
        },
    }


def timeline_schema_text() -> str:
    return json.dumps(timeline_schema(), indent=2, ensure_ascii=False) + "\n"
