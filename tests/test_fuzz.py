"""Fuzzing the loaders: anything at all either loads or raises our own error, never another one."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import tempfile
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backstretch import (
    BackstretchError,
    DocumentError,
    Limits,
    Routine,
    Timeline,
    compile_routine,
    loads_routine,
    loads_timeline,
    strategies,
)
from backstretch._base.files import no_duplicate_keys
from backstretch._documents.routine import routine_to_data
from backstretch._timeline.codec import _fast_event, _Reader, timeline_from_data, timeline_to_data
from tools import SEED

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["version", "type", "title", "body", "name", "duration", "x"])
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)
WRONG = st.sampled_from(
    [None, True, -1, 0, 10**30, -(10**30), 1.5, "", "x", "-5s", "99999h", [], {}, [1], {"low": 1}]
)


#: What an error message must never show: our internals, Python's names for types, raw reprs.
LEAKS = ("backstretch.", "<class", "typing.", "Attribute(", "NoneType", "invalid value for type")


def _loads_or_our_error(load: Any, text: str) -> None:
    """Loads, or raises our own error whose every line is in our own words."""
    try:
        load(text)
    except BackstretchError as error:
        for line in str(error).splitlines():
            assert not any(leak in line for leak in LEAKS), line


@given(JSON)
def test_any_json_value_loads_or_raises_our_error(value: object) -> None:
    """Arbitrary JSON, as a routine or a timeline: our error or a value, nothing else."""
    text = json.dumps(value)
    _loads_or_our_error(loads_routine, text)
    _loads_or_our_error(loads_timeline, text)


@given(JSON)
def test_any_json_under_a_routine_header_loads_or_raises_our_error(value: object) -> None:
    body = value if isinstance(value, dict) else {"body": value}
    _loads_or_our_error(loads_routine, json.dumps({**body, "version": 1, "type": "routine"}))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: Any, data_draw: st.DataObject) -> Any:
    mutated = copy.deepcopy(data)
    path = data_draw.draw(st.sampled_from(_paths(mutated)[1:]))
    parent = mutated
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    operation = data_draw.draw(st.sampled_from(["replace", "remove", "add-key"]))
    if operation == "replace" or (operation == "remove" and isinstance(parent, list)):
        parent[last] = data_draw.draw(WRONG)
    elif operation == "remove":
        del parent[last]
    else:
        target = parent[last] if isinstance(parent[last], dict) else parent
        if isinstance(target, dict):
            target[data_draw.draw(st.sampled_from(["colour", "Type", "body ", "_x"]))] = 1
    return mutated


@given(strategies.routines(max_stretches=2, max_depth=2), st.data())
def test_mutated_routine_documents_load_or_raise_our_error(
    routine: Routine, data: st.DataObject
) -> None:
    """Every leaf replaced by a wrong type or number, keys removed, unknown keys added."""
    mutated = _mutate(routine_to_data(routine), data)
    _loads_or_our_error(loads_routine, json.dumps(mutated))


@given(strategies.timelines(max_stretches=2, max_depth=2), st.data())
def test_mutated_timeline_documents_load_or_raise_our_error(
    timeline: Timeline, data: st.DataObject
) -> None:
    mutated = _mutate(timeline_to_data(timeline), data)
    _loads_or_our_error(loads_timeline, json.dumps(mutated))


def test_the_fuzzers_reach_valid_documents_too() -> None:
    """Guard: the mutation helper leaves an untouched document loadable."""

    seed = SEED
    assert seed == loads_routine(json.dumps(routine_to_data(seed)))
    timeline = compile_routine(seed)
    assert timeline == loads_timeline(json.dumps(timeline_to_data(timeline)))


@given(strategies.timelines(max_stretches=2, max_depth=2), st.data())
def test_the_fast_event_reader_agrees_with_the_detailed_one(
    timeline: Timeline, data: st.DataObject
) -> None:
    """The fast path (for the many plainly right events of big documents) builds exactly what
    the detailed reader builds, and gives up on anything the detailed reader refuses."""
    events = timeline_to_data(timeline)["events"]
    for value in events:
        assert _Reader().event(value, "$") == _fast_event(value, {})
    mutated = json.loads(json.dumps(_mutate(events, data)))
    for value in mutated:
        fast = _fast_event(value, {})
        reader = _Reader()
        detailed = reader.event(value, "$")
        if fast is not None:
            assert ([], fast) == (reader.problems, detailed)


def _outcome(load: Any, text: str) -> object:
    try:
        return load(text)
    except DocumentError as error:
        return [str(problem) for problem in error.problems]


@given(strategies.timelines(max_stretches=2, max_depth=2), st.data())
def test_building_while_parsing_agrees_with_reading_plain_data(
    timeline: Timeline, data: st.DataObject
) -> None:
    """loads_timeline builds events as the JSON parser meets them; on any document, right or
    wrong, it gives exactly what reading the plain parsed data gives: the same timeline, or the
    same problems at the same paths."""
    document = timeline_to_data(timeline)
    mutated = _mutate(document, data) if data.draw(st.booleans()) else document
    text = json.dumps(mutated)

    def plain(text: str) -> Timeline:
        return timeline_from_data(json.loads(text, object_pairs_hook=no_duplicate_keys))

    total = mutated.get("total_ms") if isinstance(mutated, dict) else None
    if type(total) is int and total > Limits().max_total.ms:  # refused before it is read
        problems = _outcome(loads_timeline, text)
        assert isinstance(problems, list)
        (problem,) = problems
        assert problem.startswith("$.total_ms: the timeline lasts ")
        assert problem.endswith("(Limits.max_total)")
        return
    assert _outcome(plain, text) == _outcome(loads_timeline, text)


def _cli(args: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process; its status, stdout and stderr."""
    from backstretch.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=100)
@given(strategies.routines(max_stretches=2, max_depth=2), st.data())
def test_the_command_line_answers_any_mutated_document_in_one_line_each(
    routine: Routine, data: st.DataObject
) -> None:
    """A mutated routine document, as JSON, or its bytes cut, flipped or spliced: `check` and
    `export` end with status 0 or 1, every line on stderr is ours, and a failed export leaves no
    file (and no temporary file) behind."""
    document = json.dumps(_mutate(routine_to_data(routine), data)).encode()
    how = data.draw(st.sampled_from(["as is", "cut", "flip", "splice"]))
    if how == "cut":
        document = document[: data.draw(st.integers(0, len(document)))]
    elif how == "flip":
        at = data.draw(st.integers(0, len(document) - 1))
        document = (
            document[:at]
            + bytes([document[at] ^ data.draw(st.integers(1, 255))])
            + (document[at + 1 :])
        )
    elif how == "splice":
        at = data.draw(st.integers(0, len(document)))
        junk = data.draw(st.sampled_from([b"\x1b[2J", b"\xff\xfe", b'"\\ud800"', b"\x00", b"]]]"]))
        document = document[:at] + junk + document[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "r.json")
        target = os.path.join(folder, "out.svg")
        with open(path, "wb") as stream:
            stream.write(document)
        for args in (["check", path], ["export", path, "-o", target]):
            status, _, stderr = _cli(args)
            assert status in (0, 1)
            for line in stderr.splitlines():
                assert line.startswith(("backstretch: error: ", "backstretch: warning: ")), line
                assert not any(leak in line for leak in LEAKS), line
                assert "\x1b" not in line
        assert (status == 0) == os.path.exists(target)
        assert sorted(os.listdir(folder)) == sorted(
            ["r.json"] + (["out.svg"] if status == 0 else [])
        )
