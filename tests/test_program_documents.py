"""Program documents: JSON, TOML and YAML, versioned and tagged, every problem at its path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backstretch import (
    DocumentError,
    Program,
    Routine,
    catalog,
    dumps_program,
    load_program,
    loads_program,
)
from tools import run_cli

NAMES = {catalog.get(name): name for name in catalog.names()}


def named(routine: Routine) -> str | None:
    return NAMES.get(routine)


@pytest.mark.parametrize("name", catalog.program_names())
@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_every_built_in_program_round_trips(name: str, format: str) -> None:
    program = catalog.program(name)
    by_name = dumps_program(program, format=format, names=named)
    assert program == loads_program(by_name, format=format, routines=catalog.get)
    embedded = dumps_program(program, format=format)
    assert program == loads_program(embedded, format=format)


def test_a_document_names_built_in_routines_or_embeds_its_own() -> None:
    data = json.loads(dumps_program(catalog.program("knee-in-stages"), names=named))
    assert {
        "version": 1,
        "type": "program",
        "title": "Knee Strength in Stages",
    }.items() <= data.items()
    assert "knee-strength" == data["stages"][0]["routine"]
    assert {"days": ["mon", "wed", "fri"]} == data["stages"][0]["schedule"]
    assert [{"type": "progression", "change": "reps", "by": 1, "on": "easy"}] == data["progression"]
    own = json.loads(dumps_program(catalog.program("desk-breaks")))
    assert "routine" == own["stages"][0]["routine"]["type"]


BAD = {
    "version": 1,
    "type": "program",
    "title": "X",
    "stages": [
        {"type": "stage", "routine": "nope"},
        {"type": "stage", "routine": "desk-break", "schedule": {"days": ["funday"]}},
        {"type": "stag", "routine": {"type": "routine", "title": "", "body": []}},
    ],
    "progression": [{"type": "progression", "change": "height", "by": 1, "every": 2}],
    "pain": {"hold_at": 9, "back_at": 3},
    "colour": "red",
}


def test_every_problem_is_reported_at_its_path() -> None:
    with pytest.raises(DocumentError) as raised:
        loads_program(json.dumps(BAD), routines=catalog.get, source="bad.json")
    assert [
        "$.colour: unknown key; a program has version, type, title, stages, progression, pain, "
        "missed, source, ask",
        "$.stages[0].routine: no built-in routine is called 'nope'; the built-in routines are: "
        "calm-breathing, chair-mobility, desk-break, hamstring-release, knee-strength, "
        "neck-release, pilates-for-back-pain",
        "$.stages[1].schedule.days: Schedule.days: 'funday' is no day of the week; write one of "
        "mon, tue, wed, thu, fri, sat, sun",
        '$.stages[2].type: must be "stage", got text ("stag")',
        "$.stages[2].routine.title: must not be empty; write what the person does",
        "$.progression[0].change: Progression.change must be 'hold', 'reps', 'rounds' or "
        "'level', got 'height'",
        "$.pain: PainRule: hold_at (9) must be at most back_at (3), and back_at at most 10",
    ] == [str(problem) for problem in raised.value.problems]


def test_a_name_without_routines_to_look_it_up_in_says_so() -> None:
    text = dumps_program(catalog.program("back-care"), names=named)
    with pytest.raises(DocumentError, match=r"pass routines=catalog\.get"):
        loads_program(text)


def test_a_newer_version_is_refused() -> None:
    with pytest.raises(DocumentError, match="newer than this backstretch reads"):
        loads_program(json.dumps({**BAD, "version": 2}))


def test_the_command_line_checks_and_uses_a_program_document(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(dumps_program(catalog.program("back-care"), format="toml", names=named))
    result = run_cli("program", "check", str(path))
    assert (
        0,
        f"{path}: ok: 'Two Weeks of Back Care', 1 stage(s): Two weeks (Pilates for Back Pain)\n",
    ) == (
        result.returncode,
        result.stdout,
    )
    result = run_cli(
        "program", "next", str(path), "--log", str(tmp_path / "l.db"), "--on", "2026-06-01"
    )
    assert result.stdout.startswith("Two Weeks of Back Care: session 1.1, 2026-06-01 at 18:00\n")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD))
    result = run_cli("program", "check", str(bad))
    assert 1 == result.returncode
    assert f"backstretch: error: {bad}: $.colour: unknown key" in result.stderr
    assert 7 == len(result.stderr.splitlines())
    assert isinstance(load_program(path, routines=catalog.get), Program)


@pytest.mark.parametrize("name", catalog.program_names())
def test_every_built_in_program_document_meets_the_schema(name: str) -> None:
    import jsonschema

    from backstretch import json_schema

    schema = json.loads(json_schema("program"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for names in (named, None):
        data = json.loads(dumps_program(catalog.program(name), names=names))
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(BAD, schema)
