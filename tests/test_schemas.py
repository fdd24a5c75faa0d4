"""The shipped JSON Schemas: valid, matching every document we write, and in step with the code."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from backstretch import (
    Chapter,
    CompileOptions,
    Event,
    Message,
    Position,
    Routine,
    StretchInfo,
    Timeline,
    json_schema,
    strategies,
)
from backstretch._documents.routine import NODE_TAGS, routine_to_data
from backstretch._timeline.codec import timeline_to_data
from backstretch._timeline.schema import timeline_schema_text
from backstretch.cli import main
from tools import GOLDEN, assert_golden

ROUTINE = Draft202012Validator(json.loads(json_schema("routine")))
TIMELINE = Draft202012Validator(json.loads(json_schema("timeline")))


@pytest.mark.parametrize("kind", ["routine", "timeline"])
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    Draft202012Validator.check_schema(json.loads(json_schema(kind)))


@pytest.mark.parametrize(
    ("name", "read", "validator"),
    [
        ("pilates-for-back-pain.routine.json", json.loads, ROUTINE),
        ("pilates-for-back-pain.routine.toml", tomllib.loads, ROUTINE),
        ("pilates-for-back-pain.routine.yaml", yaml.safe_load, ROUTINE),
        ("pilates-for-back-pain.timeline.json", json.loads, TIMELINE),
    ],
)
def test_golden_documents_validate(name: str, read: Any, validator: Draft202012Validator) -> None:
    validator.validate(read((GOLDEN / name).read_text(encoding="utf-8")))


# jsonschema is slow on these schemas (the timeline one has a rule per kind and per message
# key); the conformance suite and the pinned documents test the schemas too.
@settings(max_examples=100)
@given(strategies.routines())
def test_generated_routine_documents_validate(routine: Routine) -> None:
    ROUTINE.validate(routine_to_data(routine))


@settings(max_examples=100)
@given(strategies.timelines())
def test_generated_timeline_documents_validate(timeline: Timeline) -> None:
    TIMELINE.validate(timeline_to_data(timeline))


def test_the_schemas_refuse_what_the_loader_refuses() -> None:
    good = routine_to_data(Routine("r", []))
    assert ROUTINE.is_valid(good)
    assert not ROUTINE.is_valid({**good, "colour": "red"})
    assert not ROUTINE.is_valid({**good, "version": 2})
    hold = {"type": "hold", "duration": 30}
    bad = {**good, "body": [{"type": "stretch", "name": "s", "body": [hold]}]}
    assert not ROUTINE.is_valid(bad)


def test_routine_schema_matches_the_attrs_fields() -> None:
    """Drift check: each node's schema lists exactly its attrs fields, plus its type tag."""
    definitions = json.loads(json_schema("routine"))["$defs"]
    for cls, tag in NODE_TAGS.items():
        fields = {field.name for field in attrs.fields(cls)}
        assert {"type", *fields} == set(definitions[tag]["properties"]), cls.__name__
        required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
        assert {"type", *required} == set(definitions[tag]["required"]), cls.__name__


def test_timeline_schema_is_built_from_the_tables() -> None:
    """Drift check: the shipped timeline schema is the one backstretch._timeline.schema builds from
    the kinds, roles, messages and fields; regenerate with BACKSTRETCH_REGOLD=1 after review."""
    path = Path(__file__).parent.parent / "src" / "backstretch" / "schemas" / "timeline.schema.json"
    assert_golden(path, timeline_schema_text())
    assert timeline_schema_text() == json_schema("timeline")  # as installed


def test_timeline_schema_has_every_field_of_every_value() -> None:
    schema = json.loads(json_schema("timeline"))
    for cls, name in (
        (Event, "event"),
        (Chapter, "chapter"),
        (StretchInfo, "stretch"),
        (CompileOptions, "options"),
        (Position, "position"),
        (Message, "message"),
    ):
        fields = {field.name for field in attrs.fields(cls) if not field.name.startswith("_")}
        extra = {"end_ms"} if cls in (Event, Chapter) else set()
        extra |= {"open"} if cls is Event else set()  # a property written as a field
        assert {*fields, *extra} == set(schema["$defs"][name]["properties"]), name
    timeline_fields = {f.name for f in attrs.fields(Timeline) if not f.name.startswith("_")}
    assert {"version", "type", *timeline_fields} == set(schema["properties"])


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["schema", "timeline"])
    assert json.loads(json_schema("timeline")) == json.loads(capsys.readouterr().out)


def test_the_seed_compiled_on_the_command_line_validates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert 0 == main(["compile", "pilates-for-back-pain"])
    TIMELINE.validate(json.loads(capsys.readouterr().out))
