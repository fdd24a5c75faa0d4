"""The timeline conformance suite in ``conformance/timeline``: valid documents, and invalid ones
each with the ``$.path`` and reason a loader must give, and whether JSON Schema can refuse it.

The documents are made here, from a small routine that uses every kind of event and from
targeted changes to it, so they stay in step with the format: ``test_conformance`` checks that
the files on disk are exactly what this makes (``BACKSTRETCH_REGOLD=1`` rewrites them after
review), that our loader refuses each invalid one at its path with its message, and that the
shipped schema refuses exactly those marked ``schema``. Run ``python tests/conformance.py`` to
write the files.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from backstretch import (
    Break,
    Breath,
    Caution,
    Circuit,
    DocumentError,
    Event,
    Hold,
    Kind,
    Modification,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
    Timeline,
    between,
    breaths,
    compile_routine,
    dumps_timeline,
    loads_timeline,
)
from tools import SEED

FOLDER = Path(__file__).parent.parent / "conformance" / "timeline"

#: A small routine that uses every kind and role of event: per-side steps and holds with cues,
#: a stretch replaced for a condition, a self-paced step, alternating reps in a repeat, a hold
#: split by breaks.
ROUTINE = Routine(
    "Conformance",
    [
        Stretch(
            "Neck Tilt",
            [
                PerSide(
                    [
                        Step("Tilt your {side} ear to your {side} shoulder", duration="4s"),
                        Hold("25s", cue="Breathe out"),
                    ]
                )
            ],
            purpose="Eases the neck.",
            targets=["neck"],
            props=["a chair"],
            cautions=[Caution("Move slowly.")],
            modifications=[Modification("Sit down.", when="you feel dizzy", props=["a chair"])],
        ),
        Stretch(
            "Kneel",
            [Step("Kneel", duration="3s")],
            cautions=[Caution("Not with sore knees.", conditions=["knee"])],
            alternative=Stretch(
                "Stand", [Step("Stand tall", duration="3s", until="you feel steady")]
            ),
        ),
        Stretch(
            "Bird Dog",
            [
                Repeat(2, [Reps(2, "Reach your {side} arm", tempo="2s", alternate=True)]),
                Hold("10s", breaks=Break("Shake out", every="4s", duration="2s")),
            ],
        ),
    ],
    intro="Hello.",
    outro="Bye.",
    rest_between="5s",
)


#: What real programs add: breaths counted and in phases, a circuit of stretches in rounds with a
#: rest between them, extra work on the affected side, a set whose count has a level of its own,
#: check-ins (pain before and after, effort, the reps of a counted set, another round).
PRACTICE = Routine(
    "Practice",
    [
        Stretch(
            "Calm Breath",
            [
                Hold(breaths(2), text="Breathe into your belly"),
                Breath("2s", "3s", hold="1s", hold_out="1s"),
            ],
        ),
        Circuit(
            2,
            [
                Stretch(
                    "Leg Raise",
                    [
                        PerSide([Hold("4s", text="Lift your {side} leg")], first="unaffected"),
                        OneSide(
                            [
                                Repeat(
                                    between(1, 3, level="standard"),
                                    [Hold("4s", text="Once more, {round} of {rounds}")],
                                    until="the leg tires",
                                )
                            ],
                            side="affected",
                        ),
                    ],
                ),
                Stretch(
                    "March",
                    [Reps(2, "Lift your {side} knee", tempo="2s", alternate=True, counted=True)],
                ),
            ],
            between=Rest("10s", text="Rest before round {round}"),
        ),
    ],
    safety_note="Stop if anything hurts.",
    ask=["pain_before", "pain_after", "effort"],
)


def _base(name: str = "conformance") -> dict[str, Any]:
    timeline = (
        compile_routine(PRACTICE, affected="right", breath="4s")
        if name == "practice"
        else compile_routine(ROUTINE, conditions={"knee"})
    )
    data: dict[str, Any] = json.loads(dumps_timeline(timeline))
    return data


def _minimal() -> Timeline:
    """The least a timeline can be: a title and the end, made by hand, with no options."""
    return Timeline(
        "Minimal",
        3000,
        [
            Event("title", 0, 3000, Kind.TITLE, "Minimal"),
            Event("end", 3000, 0, Kind.END, "The end"),
        ],
    )


def valid() -> dict[str, str]:
    """The valid documents, by file name."""
    seed = SEED
    return {
        "conformance.json": dumps_timeline(compile_routine(ROUTINE, conditions={"knee"})),
        "practice.json": json.dumps(_base("practice"), ensure_ascii=False),
        "minimal.json": dumps_timeline(_minimal()),
        # Whole numbers written with a zero fraction or an exponent are those whole numbers.
        "whole-numbers-written-as-floats.json": re.sub(
            r'("(?:start_ms|end_ms)": )(\d+),',
            r"\1\2.0,",
            dumps_timeline(compile_routine(ROUTINE, conditions={"knee"})),
        ),
        "seed-gentle-knee.json": dumps_timeline(
            compile_routine(seed, level="gentle", conditions={"knee"})
        ),
        # The same in German: every text in another language, the same ids and times.
        "seed-gentle-knee-de.json": dumps_timeline(
            compile_routine(seed, level="gentle", conditions={"knee"}, language="de")
        ),
    }


def _index(data: dict[str, Any], role: str, nth: int = 0) -> int:
    found = [i for i, e in enumerate(data["events"]) if e["role"] == role]
    return found[nth]


def _event(data: dict[str, Any], role: str, nth: int = 0) -> dict[str, Any]:
    event: dict[str, Any] = data["events"][_index(data, role, nth)]
    return event


def _set(event: dict[str, Any], **fields: Any) -> None:
    event.update(fields)
    event["end_ms"] = event["start_ms"] + event["duration_ms"]


def _move_segment(data: dict[str, Any], index: int, by_ms: int) -> None:
    _set(data["events"][index], start_ms=data["events"][index]["start_ms"] + by_ms)


Mutation = Callable[[dict[str, Any]], Any]


@attrs.frozen
class Case:
    name: str
    reason: str
    mutate: Mutation
    #: Where the problem is; ``{role}`` stands for the index of the first event of that role in
    #: the unchanged document, ``{roleN}`` for the one after N others of that role.
    path: str
    #: True when the shipped JSON Schema refuses it too; False when only a loader can.
    schema: bool
    #: The valid document it changes: "conformance" or "practice" (breaths, circuits, sides).
    base: str = "conformance"


def _drop(key: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        del data[key]

    return mutate


def _events(change: Callable[[list[dict[str, Any]]], Any]) -> Mutation:
    return lambda data: change(data["events"])


def _role(which: str, nth: int = 0, **fields: Any) -> Mutation:
    """Change fields of the ``nth`` event whose role is ``which``."""
    return lambda data: _event(data, which, nth).update(fields)


def _lasting(which: str, duration_ms: int) -> Mutation:
    """The first event whose role is ``which``, lasting ``duration_ms``, its end moved to match."""
    return lambda data: _set(_event(data, which), duration_ms=duration_ms)


def _empty_hold(data: dict[str, Any]) -> None:
    """A copy of the first hold that lasts 0 ms, just before it."""
    index = _index(data, "hold")
    hold = data["events"][index]
    empty = {**hold, "id": "empty", "duration_ms": 0, "end_ms": hold["start_ms"]}
    data["events"].insert(index, empty)


def _swap_first_rounds(data: dict[str, Any]) -> None:
    reps = [e for e in data["events"] if e["role"] == "rep"]
    reps[0]["rounds"] = [{"index": 2, "count": 2}]


def _skip_a_rep(data: dict[str, Any]) -> None:
    _event(data, "rep", 2)["rep"] = {"index": 1, "count": 2}
    _event(data, "rep", 2)["message"]["params"]["index"] = 1


def _unfinished_part(data: dict[str, Any]) -> None:
    for event in data["events"]:
        if event["part"] is not None:
            event["part"] = {"index": event["part"]["index"], "count": 4}


def _two_ends(data: dict[str, Any]) -> None:
    end = copy.deepcopy(data["events"][-1])
    end["id"] = "end-again"
    data["events"].append(end)


def _move_end(data: dict[str, Any]) -> None:
    events = data["events"]
    end = events.pop()
    _set(end, start_ms=end["start_ms"] - 1000)
    events.insert(len(events) - 1, end)


def _marker_past_the_end(data: dict[str, Any]) -> None:
    cue = _event(data, "hold_cue")
    cue["start_ms"] = cue["end_ms"] = data["total_ms"] + 1


def _unsorted(data: dict[str, Any]) -> None:
    events = data["events"]
    index = _index(data, "hold_cue")
    events[index - 1], events[index] = events[index], events[index - 1]


def _gap(data: dict[str, Any]) -> None:
    for event in data["events"][_index(data, "outro") :]:
        _set(event, start_ms=event["start_ms"] + 1000)
    data["total_ms"] += 1000


def _overlap(data: dict[str, Any]) -> None:
    _move_segment(data, _index(data, "outro"), -500)


def _chapter(index: int, **fields: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        chapter = data["chapters"][index]
        chapter.update(fields)
        chapter["end_ms"] = chapter["start_ms"] + chapter["duration_ms"]

    return mutate


def _chapters_swapped(data: dict[str, Any]) -> None:
    data["chapters"][0], data["chapters"][1] = data["chapters"][1], data["chapters"][0]


def _overlapping_chapters(data: dict[str, Any]) -> None:
    first, second = data["chapters"][0], data["chapters"][1]
    first["duration_ms"] = second["start_ms"] + 1000 - first["start_ms"]
    first["end_ms"] = first["start_ms"] + first["duration_ms"]


def _duplicate_stretch(data: dict[str, Any]) -> None:
    data["stretches"].append(copy.deepcopy(data["stretches"][0]))


CASES = [
    Case("root-a-list", "the root is not an object", lambda d: [d], "$", True),
    Case("no-version", "the format version is missing", _drop("version"), "$.version", True),
    Case(
        "version-1",
        "a version 1 document is not read; compile again",
        lambda d: d.update(version=1),
        "$.version",
        True,
    ),
    Case("newer-version", "a newer version", lambda d: d.update(version=3), "$.version", True),
    Case("wrong-type", "not a timeline", lambda d: d.update(type="routine"), "$.type", True),
    Case("unknown-root-key", "an unknown key", lambda d: d.update(colour="red"), "$.colour", True),
    Case("no-events", "the events are missing", _drop("events"), "$.events", True),
    Case(
        "fraction-of-a-millisecond",
        "a time with a fraction (4000.0 is 4000, as JSON Schema and JSON.parse read it; 3000.5 "
        "is no whole number)",
        _role("title", duration_ms=3000.5),
        "$.events[{title}].duration_ms",
        True,
    ),
    Case(
        "time-past-2-53",
        "a time no JavaScript number holds exactly",
        lambda d: d.update(total_ms=2**53),
        "$.total_ms",
        True,
    ),
    Case(
        "negative-total",
        "total_ms below 0",
        lambda d: d.update(total_ms=-5),
        "$.total_ms",
        True,
    ),
    Case(
        "event-unknown-key",
        "an event with an unknown key",
        _events(lambda e: e[1].update(colour="red")),
        "$.events[1].colour",
        True,
    ),
    Case(
        "event-without-role",
        "an event without its role",
        _events(lambda e: e[1].pop("role")),
        "$.events[1].role",
        True,
    ),
    Case(
        "unknown-kind",
        "a kind that does not exist",
        _events(lambda e: e[1].update(kind="jump")),
        "$.events[1].kind",
        True,
    ),
    Case(
        "role-of-another-kind",
        "a hold whose role is a cue's",
        _role("hold", role="countdown", tick=3),
        "$.events[{hold}].role",
        True,
    ),
    Case(
        "cue-with-a-duration",
        "a marker kind that lasts",
        _lasting("halfway", 500),
        "$.events[{halfway}].duration_ms",
        True,
    ),
    Case(
        "hold-of-0-ms",
        "a segment kind that lasts 0 ms",
        _empty_hold,
        "$.events[{hold}].duration_ms",
        True,
    ),
    Case(
        "bad-side",
        "a side that is neither left nor right",
        _events(lambda e: e[7].update(side="middle")),
        "$.events[7].side",
        True,
    ),
    Case(
        "tick-on-a-hold",
        "a tick on an event that is no countdown",
        _role("hold", tick=3),
        "$.events[{hold}].tick",
        True,
    ),
    Case(
        "countdown-without-tick",
        "a countdown that says no number",
        _role("countdown", tick=None),
        "$.events[{countdown}].tick",
        True,
    ),
    Case(
        "rep-without-position",
        "a rep that is not counted",
        _role("rep", rep=None),
        "$.events[{rep}].rep",
        True,
    ),
    Case(
        "rep-position-on-a-step",
        "a rep position on a step",
        _role("step", rep={"index": 1, "count": 1}),
        "$.events[{step}].rep",
        True,
    ),
    Case(
        "part-on-a-step",
        "a hold part on a step",
        _role("step", part={"index": 1, "count": 1}),
        "$.events[{step}].part",
        True,
    ),
    Case(
        "position-from-0",
        "positions count from 1",
        _role("rep", rep={"index": 0, "count": 2}),
        "$.events[{rep}].rep.index",
        True,
    ),
    Case(
        "position-extra-key",
        "a position with an unknown key",
        _role("rep", rep={"index": 1, "count": 2, "of": 3}),
        "$.events[{rep}].rep.of",
        True,
    ),
    Case(
        "target-on-a-step",
        "a target on an event that refers to no stretch",
        _role("step", target="bird-dog"),
        "$.events[{step}].target",
        True,
    ),
    Case(
        "next-up-without-target",
        "a preview that names no stretch",
        _role("next_up", target=None),
        "$.events[{next_up}].target",
        True,
    ),
    Case(
        "unknown-message-key",
        "a message key the table does not have",
        _role("halfway", message={"key": "midway", "params": {}}),
        "$.events[{halfway}].message.key",
        True,
    ),
    Case(
        "message-missing-a-parameter",
        "a rep message without its count",
        lambda d: _event(d, "rep")["message"]["params"].pop("count"),
        "$.events[{rep}].message.params",
        True,
    ),
    Case(
        "message-parameter-of-the-wrong-type",
        "a rep index written as text",
        lambda d: _event(d, "rep")["message"]["params"].update(index="1"),
        "$.events[{rep}].message.params.index",
        True,
    ),
    Case(
        "open-without-until",
        "a self-paced step that says not what to wait for",
        _role("step", open=True),
        "$.events[{step}].open",
        True,
    ),
    Case(
        "until-on-a-closed-step",
        "what to wait for, on a step that is not self-paced",
        lambda d: _event(d, "step").update(until="you are ready"),
        "$.events[{step}].open",
        True,
    ),
    Case(
        "open-switch",
        "a switch that waits for the person",
        _role("switch", open=True, until="you are ready"),
        "$.events[{switch}].until",
        True,
    ),
    Case(
        "closed-check-in",
        "a check-in that does not wait for its answer",
        _role("pain_before", open=False),
        "$.events[{pain_before}].open",
        True,
        "practice",
    ),
    Case(
        "check-in-with-until",
        "a check-in that waits for words rather than an answer",
        _role("effort", until="you are ready"),
        "$.events[{effort}].until",
        True,
        "practice",
    ),
    Case(
        "open-not-a-boolean",
        "open written as text",
        _role("step", open="yes"),
        "$.events[{step}].open",
        True,
    ),
    Case(
        "chapter-without-stretch-id",
        "a chapter that names no stretch",
        lambda d: d["chapters"][0].pop("stretch_id"),
        "$.chapters[0].stretch_id",
        True,
    ),
    Case(
        "stretch-without-name",
        "a stretch entry without its name",
        lambda d: d["stretches"][0].pop("name"),
        "$.stretches[0].name",
        True,
    ),
    Case(
        "bad-level",
        "options with a level that does not exist",
        lambda d: d["options"].update(level="extreme"),
        "$.options.level",
        True,
    ),
    Case(
        "language-not-a-tag",
        "options with a language that is no language tag (it would reach a speech engine)",
        lambda d: d["options"].update(language="-v"),
        "$.options.language",
        True,
    ),
    # What only a loader can check.
    Case(
        "end-ms-mismatch",
        "end_ms is not start_ms + duration_ms",
        _events(lambda e: e[0].update(end_ms=8999)),
        "$.events[0].end_ms",
        False,
    ),
    Case("gap", "segments with a gap between them", _gap, "$.events[{outro}].start_ms", False),
    Case(
        "overlap",
        "segments that overlap",
        _overlap,
        "$.events[{outro}].start_ms",
        False,
    ),
    Case(
        "unsorted",
        "a marker before the segment it starts with",
        _unsorted,
        "$.events[{hold_cue}].start_ms",
        False,
    ),
    Case(
        "duplicate-id",
        "two events with one id",
        _events(lambda e: e[2].update(id="title")),
        "$.events[2].id",
        False,
    ),
    Case(
        "wrong-total",
        "total_ms is not where the segments end",
        lambda d: d.update(total_ms=d["total_ms"] + 1000),
        "$.total_ms",
        False,
    ),
    Case(
        "marker-past-the-end",
        "a marker after total_ms",
        _marker_past_the_end,
        "$.events[{hold_cue}].start_ms",
        False,
    ),
    Case(
        "no-end-marker",
        "the end marker is missing",
        _events(lambda e: e.pop()),
        "$.events",
        False,
    ),
    Case(
        "end-not-last",
        "the end marker before the last event",
        _move_end,
        "$.events[{outro}]",
        False,
    ),
    Case("two-ends", "a second end marker", _two_ends, "$.events[{end}]", False),
    Case(
        "position-past-its-count",
        "rep 3 of 2",
        _role("rep", rep={"index": 3, "count": 2}),
        "$.events[{rep}].rep.index",
        False,
    ),
    Case(
        "rounds-out-of-order",
        "round 2 before round 1",
        _swap_first_rounds,
        "$.events[{rep}].rounds[0]",
        False,
    ),
    Case(
        "reps-skip-a-number",
        "reps counting 1, 1 on one side",
        _skip_a_rep,
        "$.events[{rep2}].rep",
        False,
    ),
    Case(
        "parts-stop-short",
        "a hold's parts stop at 3 of 4",
        _unfinished_part,
        "$.events",
        False,
    ),
    Case(
        "chapters-out-of-order", "chapters out of order", _chapters_swapped, "$.chapters[1]", False
    ),
    Case(
        "chapters-overlap",
        "chapters that overlap",
        _overlapping_chapters,
        "$.chapters[1]",
        False,
    ),
    Case(
        "chapter-off-a-boundary",
        "a chapter that starts inside a segment",
        _chapter(0, start_ms=16000, duration_ms=74000),
        "$.chapters[0].start_ms",
        False,
    ),
    Case(
        "chapter-names-no-stretch",
        "a chapter whose stretch_id is in no entry of stretches",
        _chapter(0, stretch_id="neck-roll"),
        "$.chapters[0].stretch_id",
        False,
    ),
    Case(
        "chapter-title-not-the-stretch-name",
        "a chapter titled unlike its stretch",
        _chapter(0, title="Neck Roll"),
        "$.chapters[0].title",
        False,
    ),
    Case(
        "stretch-id-names-no-entry",
        "an event whose stretch_id is in no entry of stretches",
        _role("step", stretch_id="neck-roll"),
        "$.events[{step}].stretch_id",
        False,
    ),
    Case(
        "target-names-no-entry",
        "a preview of a stretch not in the timeline",
        _role("next_up", target="neck-roll"),
        "$.events[{next_up}].target",
        False,
    ),
    Case(
        "stretch-name-mismatch",
        "an event's stretch name unlike its entry's",
        _role("step", stretch="Neck Roll"),
        "$.events[{step}].stretch",
        False,
    ),
    Case(
        "stretch-without-id",
        "a stretch name with no stretch_id",
        _role("step", stretch_id=None),
        "$.events[{step}].stretch_id",
        False,
    ),
    Case(
        "duplicate-stretch-ids",
        "two entries of stretches with one id",
        _duplicate_stretch,
        "$.stretches[3].id",
        False,
    ),
    # What real programs add (the practice document).
    Case(
        "breath-with-a-hold-role",
        "a breath phase whose role is a hold's",
        _role("inhale", role="hold"),
        "$.events[{inhale}].role",
        True,
        "practice",
    ),
    Case(
        "breaths-on-a-step",
        "a count of breaths on an event that is no hold",
        _role("announce", breaths=2),
        "$.events[{announce}].breaths",
        True,
        "practice",
    ),
    Case(
        "affected-middle",
        "an affected side that is neither left nor right",
        lambda d: d["options"].update(affected="middle"),
        "$.options.affected",
        True,
        "practice",
    ),
    Case(
        "chapter-round-from-0",
        "a circuit's round counted from 0",
        _chapter(1, round={"index": 0, "count": 2}),
        "$.chapters[1].round.index",
        True,
        "practice",
    ),
    Case(
        "chapter-round-past-its-count",
        "a chapter in round 3 of 2",
        _chapter(1, round={"index": 3, "count": 2}),
        "$.chapters[1].round.index",
        False,
        "practice",
    ),
    Case(
        "breaths-not-their-time",
        "a hold counted in 3 breaths that lasts 2 breaths' time",
        _role("hold", breaths=3),
        "$.events[{hold}].breaths",
        False,
        "practice",
    ),
]


def invalid() -> dict[str, str]:
    """The invalid documents, by file name."""
    documents = {}
    for case in CASES:
        data = _base(case.base)
        result = case.mutate(data)
        document = result if isinstance(result, list) else data
        documents[f"{case.name}.json"] = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return documents


def problems_of(text: str) -> list[str]:
    """Our loader's problems with a document, as ``$.path: message`` lines."""
    try:
        loads_timeline(text)
    except DocumentError as error:
        return [str(problem) for problem in error.problems]
    return []


def _path(case: Case, base: dict[str, Any]) -> str:
    if "{" not in case.path:
        return case.path
    indexes: dict[str, int] = {}
    counted: dict[str, int] = {}
    for index, event in enumerate(base["events"]):  # "{rep}": the first rep; "{rep2}": the third
        role = event["role"]
        indexes.setdefault(role, index)
        indexes[f"{role}{counted.get(role, 0)}"] = index
        counted[role] = counted.get(role, 0) + 1
    return case.path.format(**indexes)


def expected() -> str:
    """EXPECTED.json: for each invalid document, the path and reason a loader must give, whether
    JSON Schema refuses it too, and the exact message this backstretch gives."""
    documents = invalid()
    bases = {name: _base(name) for name in ("conformance", "practice")}
    table = {}
    for case in CASES:
        name = f"{case.name}.json"
        path = _path(case, bases[case.base])
        found = [line for line in problems_of(documents[name]) if line.startswith(f"{path}: ")]
        table[name] = {
            "path": path,
            "reason": case.reason,
            "schema": case.schema,
            "message": found[0][len(path) + 2 :] if found else None,
        }
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


def files() -> dict[str, str]:
    """Every file of the suite, by its path under ``conformance/timeline``."""
    return {
        **{f"valid/{name}": text for name, text in valid().items()},
        **{f"invalid/{name}": text for name, text in invalid().items()},
        "invalid/EXPECTED.json": expected(),
    }


def write() -> None:
    for path in FOLDER.rglob("*.json"):
        path.unlink()
    for name, text in files().items():
        target = FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
