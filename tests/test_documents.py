"""Routine and timeline documents: round trips, pinned bytes, versions, and exact errors."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import backstretch._documents.routine as documents
from backstretch import (
    DocumentError,
    Level,
    NotInstalledError,
    Routine,
    RoutineError,
    Timeline,
    catalog,
    compile_routine,
    dump_routine,
    dump_timeline,
    dumps_routine,
    dumps_timeline,
    load_routine,
    load_timeline,
    loads_routine,
    loads_timeline,
    strategies,
)
from backstretch.cli import main
from tools import GOLDEN, SEED, assert_golden


@given(strategies.routines(), st.sampled_from(["json", "toml", "yaml"]))
def test_routine_documents_round_trip(routine: Routine, format: str) -> None:
    """Invariant 11: dump then load gives back an equal routine, in every format."""
    text = dumps_routine(routine, format=format)
    assert routine == loads_routine(text, format=format)
    assert text == dumps_routine(loads_routine(text, format=format), format=format)


@given(strategies.timelines())
def test_timeline_documents_round_trip(timeline: Timeline) -> None:
    """Invariant 11: dump then load gives back an equal timeline."""
    assert timeline == loads_timeline(dumps_timeline(timeline))


@given(strategies.routines(), strategies.levels())
def test_compiling_gives_byte_identical_json(routine: Routine, level: Level) -> None:
    """Invariant 10: equal inputs give byte-identical timeline JSON."""
    rebuilt = loads_routine(dumps_routine(routine))
    first = dumps_timeline(compile_routine(routine, level=level))
    assert first == dumps_timeline(compile_routine(rebuilt, level=level))


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("pilates-for-back-pain.routine.json", lambda: dumps_routine(SEED)),
        ("pilates-for-back-pain.routine.toml", lambda: dumps_routine(SEED, format="toml")),
        ("pilates-for-back-pain.routine.yaml", lambda: dumps_routine(SEED, format="yaml")),
        ("pilates-for-back-pain.timeline.json", lambda: dumps_timeline(compile_routine(SEED))),
    ],
)
def test_seed_documents_are_pinned(name: str, make: object) -> None:
    """The bytes of the seed's documents; regenerate with BACKSTRETCH_REGOLD=1 after review."""
    assert_golden(GOLDEN / name, make())  # type: ignore[operator]


@pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".yml"])
def test_seed_from_a_file_compiles_like_the_built_in(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"seed{suffix}"
    dump_routine(SEED, path)
    assert [path.name] == [p.name for p in tmp_path.iterdir()]  # no temporary file left behind
    loaded = load_routine(path)
    for level in ("gentle", "standard", "deep"):
        assert compile_routine(SEED, level=level) == compile_routine(loaded, level=level)


@pytest.mark.parametrize("name", catalog.names())
def test_every_built_in_routine_works_from_a_toml_document(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever a built-in routine uses (circuits, breaths, one side, sets, self-paced parts,
    range levels, local cues) a TOML document carries, and the CLI compiles it alike."""
    routine = catalog.get(name)
    path = tmp_path / f"{name}.toml"
    dump_routine(routine, path)
    assert routine == load_routine(path)
    outputs = []
    for source in (name, str(path)):
        assert 0 == main(["compile", source, "--affected", "left", "--level", "deep"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    expected = compile_routine(routine, affected="left", level="deep")
    assert expected == loads_timeline(outputs[0])


def test_timeline_file_round_trip(tmp_path: Path) -> None:
    timeline = compile_routine(SEED, level="gentle", conditions={"knee"}, fit_to="9m")
    path = tmp_path / "t.json"
    dump_timeline(timeline, path)
    assert timeline == load_timeline(path)


def test_a_newer_version_is_refused_naming_both() -> None:
    with pytest.raises(DocumentError) as caught:
        loads_routine('{"version": 2, "type": "routine", "title": "x", "body": []}')
    assert (
        "1 problem:\n$.version: this document has format version 2, newer than this backstretch "
        "reads (1); upgrade backstretch" == str(caught.value)
    )


def test_older_versions_are_upgraded_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """The upgrade chain: in a pretend version 2, "title" became "name". A version-1 document
    is upgraded on load; a version-2 one is read as it is."""

    def rename(data: dict[str, object]) -> dict[str, object]:
        data["name"] = data.pop("title")
        return data

    monkeypatch.setattr(documents, "ROUTINE_FORMAT_VERSION", 2)
    monkeypatch.setitem(documents.UPGRADES, 1, rename)
    upgraded = {"type": "routine", "name": "Old", "body": []}
    assert upgraded == documents._root(
        {"version": 1, "type": "routine", "title": "Old", "body": []}, "old.json"
    )
    assert upgraded == documents._root({"version": 2, **upgraded}, "new.json")


def test_root_problems_name_the_file() -> None:
    with pytest.raises(DocumentError) as caught:
        loads_routine('{"version": "1", "type": "routine"}', source="mine.json")
    assert (
        "1 problem in mine.json:\n$.version: must be the format version, a whole number like 1; "
        'got text ("1")' == str(caught.value)
    )


def test_a_version_1_timeline_is_refused_saying_how_to_get_version_2() -> None:
    with pytest.raises(DocumentError) as caught:
        loads_timeline('{"version": 1, "type": "timeline"}', source="old.json")
    assert (
        "1 problem in old.json:\n$.version: this is a version 1 timeline, which this backstretch "
        "no longer reads; a timeline is compiled output, so compile its routine again to get "
        "version 2: `backstretch compile ROUTINE > timeline.json`" == str(caught.value)
    )


def test_unknown_suffix_teaches(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        dump_routine(SEED, tmp_path / "seed.txt")
    assert (
        f"1 problem in {tmp_path / 'seed.txt'}:\n$: cannot tell the format from the suffix; use "
        "one of .json, .toml, .yaml, .yml" == str(caught.value)
    )
    assert [] == list(tmp_path.iterdir())


def test_a_failed_write_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keep.json"
    path.write_text("precious", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        dump_routine(SEED, path)
    assert "precious" == path.read_text(encoding="utf-8")
    assert ["keep.json"] == [p.name for p in tmp_path.iterdir()]


BAD = Path(__file__).parent / "bad_documents"


def _expected() -> dict[str, list[str]]:
    """bad_documents/EXPECTED.txt: a file name line, then its exact error lines, then a blank."""
    expected: dict[str, list[str]] = {}
    for block in (BAD / "EXPECTED.txt").read_text(encoding="utf-8").strip().split("\n\n"):
        name, *lines = block.splitlines()
        expected[name] = lines
    return expected


EXPECTED = _expected()


def test_every_bad_document_has_its_expected_errors() -> None:
    documents = sorted(p.name for p in BAD.iterdir() if p.name != "EXPECTED.txt")
    assert documents == sorted(EXPECTED)
    assert len(documents) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_document_errors_are_pinned(name: str) -> None:
    path = BAD / name
    loader = load_timeline if ".timeline." in name else load_routine
    with pytest.raises((DocumentError, RoutineError)) as caught:
        loader(path)
    assert isinstance(caught.value, DocumentError | RoutineError)
    assert EXPECTED[name] == [str(p) for p in caught.value.problems]


def test_a_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = importlib.import_module

    def without_yaml(name: str) -> object:
        if name == "yaml":
            raise ImportError(name)
        return real_import(name)

    monkeypatch.setattr(importlib, "import_module", without_yaml)
    with pytest.raises(NotInstalledError) as caught:
        dumps_routine(SEED, format="yaml")
    assert "YAML documents need an extra: pip install 'backstretch[yaml]'" == str(caught.value)
    with pytest.raises(DocumentError) as refused:
        loads_routine("version: 1", format="yaml", source="r.yaml")
    assert (
        "1 problem in r.yaml:\n$: YAML documents need an extra: pip install 'backstretch[yaml]'"
        == str(refused.value)
    )


def test_every_problem_at_once_at_its_deepest_path() -> None:
    """The issue's example: an empty title, a stretch with an empty name and a bare-number hold,
    reported in one run, each at the field it is about."""
    document = {
        "version": 1,
        "type": "routine",
        "title": "",
        "body": [{"type": "stretch", "name": "", "body": [{"type": "hold", "duration": 30}]}],
    }
    with pytest.raises(DocumentError) as caught:
        loads_routine(json.dumps(document), source="r.json")
    assert [
        "$.title: must not be empty; write what the person does",
        "$.body[0].name: must not be empty; write what the person does",
        '$.body[0].body[0].duration: must be a duration like "30s", got the bare number 30 '
        "(seconds or milliseconds?)",
    ] == [str(p) for p in caught.value.problems]


def test_self_paced_parts_from_a_toml_document() -> None:
    text = """
version = 1
type = "routine"
title = "Hamstrings"

[[body]]
type = "stretch"
name = "Seated Reach"
props = ["a chair"]

[[body.body]]
type = "step"
text = "Sit on the edge of the chair"
until = "you feel steady"

[[body.body]]
type = "hold"
duration = "30s"
until = "the stretch fades"

[[body.body]]
type = "reps"
count = 3
text = "Curl your toes"
until = "your feet feel warm"
"""
    routine = loads_routine(text, format="toml")
    timeline = compile_routine(routine)
    assert [
        ("step", "you feel steady"),
        ("hold", "the stretch fades"),
        ("rep", "your feet feel warm"),
    ] == [(e.kind.value, e.until) for e in timeline.segments if e.open]
    assert routine == loads_routine(dumps_routine(routine, format="toml"), format="toml")


@pytest.mark.parametrize(
    ("format", "text"),
    [
        ("json", '{"version": 1, "type": "routine", "title": "R", "body": [{"type": "stretch", '
         '"name": "S", "body": [{"type": "reps", "count": 5.0, "text": "Lift"}]}]}'),
        ("toml", 'version = 1.0\ntype = "routine"\ntitle = "R"\n[[body]]\ntype = "stretch"\n'
         'name = "S"\n[[body.body]]\ntype = "reps"\ncount = 5.0\ntext = "Lift"\n'),
        ("yaml", "version: 1.0\ntype: routine\ntitle: R\nbody:\n- type: stretch\n  name: S\n"
         "  body:\n  - {type: reps, count: 5.0, text: Lift}\n"),
    ],
)  # fmt: skip
def test_a_whole_number_written_with_a_zero_fraction_is_that_number(format: str, text: str) -> None:
    from backstretch import Reps

    routine = loads_routine(text, format=format)
    (reps,) = routine.stretches[0].body
    assert Reps(5, "Lift") == reps
    with pytest.raises(
        DocumentError, match=r"count: must be a whole number, got a number \(5\.5\)"
    ):
        loads_routine(text.replace("5.0", "5.5"), format=format)
