"""A count per round of a Repeat: a pyramid of 6, 4, 2 reps, with rests between."""

from __future__ import annotations

import json

import jsonschema
import pytest

import oracle
from backstretch import (
    Kind,
    Repeat,
    Reps,
    Routine,
    RoutineError,
    Stretch,
    compile_routine,
    dumps_routine,
    json_schema,
    loads_routine,
)

PYRAMID = Routine(
    "Pyramid",
    [
        Stretch(
            "Squats", [Repeat(3, [Reps((6, 4, 2), "Squat down and up", tempo="2s")], between="20s")]
        )
    ],
)


def test_each_round_has_its_own_count() -> None:
    timeline = compile_routine(PYRAMID)
    reps = [e for e in timeline.segments if e.kind is Kind.REP]
    assert [6, 4, 2] == [sum(1 for e in reps if e.rounds[-1].index == n) for n in (1, 2, 3)]
    assert [
        "Squat down and up (1 of 6)",
        "Squat down and up (1 of 4)",
        "Squat down and up (1 of 2)",
    ] == [e.text for e in reps if e.rep is not None and e.rep.index == 1]
    assert oracle.total_ms(PYRAMID, "standard") == timeline.total_ms


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_a_count_per_round_is_a_list_in_a_document(format: str) -> None:
    text = dumps_routine(PYRAMID, format=format)
    assert PYRAMID == loads_routine(text, format=format)
    if format == "json":
        data = json.loads(text)
        assert [6, 4, 2] == data["body"][0]["body"][0]["body"][0]["count"]
        jsonschema.validate(data, json.loads(json_schema("routine")))


def test_a_count_per_round_needs_a_repeat_of_as_many_rounds() -> None:
    routine = Routine(
        "P",
        [
            Stretch("S", [Repeat(2, [Reps([6, 4, 2], "Squat")])]),
            Stretch("T", [Reps((1, 2), "Lift")]),
        ],
    )
    with pytest.raises(RoutineError) as raised:
        compile_routine(routine)
    assert [
        "$.body[0].body[0].body[0].count: gives 3 counts, one per round, for a Repeat of 2 rounds",
        "$.body[1].body[0].count: a count per round needs a Repeat around it, one count for each "
        "of its rounds",
    ] == [str(p) for p in raised.value.problems]
    with pytest.raises(ValueError, match=r"per round must be two or more whole numbers >= 1"):
        Reps((6, 0), "Squat")
