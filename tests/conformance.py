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
    Message,
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
    render_message,
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


#: What a program says of a session (the practice document is one).
SESSION = (
    Message("session_of", {"program": "Practice", "stage": "Start", "number": 2, "count": 6}),
)


def _base(name: str = "conformance") -> dict[str, Any]:
    if name == "practice":
        timeline = compile_routine(PRACTICE, affected="right", breath="4s", session=SESSION)
    else:
        language = "de" if name == "german" else "en"
        timeline = compile_routine(ROUTINE, conditions={"knee"}, language=language)
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
    #: the unchanged document, ``{roleN}`` for the one after N others of that role,
    #: ``{after_role}`` for the index after the first.
    path: str
    #: True when the shipped JSON Schema refuses it too; False when only a loader can.
    schema: bool
    #: The valid document it changes: "conformance", "practice" (breaths, circuits, sides,
    #: check-ins, a session) or "german" (the conformance routine compiled in German).
    base: str = "conformance"


def _say(which: str, key: str, nth: int = 0, language: str = "en", **params: Any) -> Mutation:
    """Give the ``nth`` event of role ``which`` the message ``key`` with ``params``, and its text
    that message rendered: a text that agrees with its message, so what is wrong is elsewhere."""

    def mutate(data: dict[str, Any]) -> None:
        event = _event(data, which, nth)
        message = Message(key, params)
        event["message"] = {"key": key, "params": {k: _plain(v) for k, v in message.params}}
        event["text"] = render_message(message, language)

    return mutate


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _params(which: str, nth: int = 0, **params: Any) -> Mutation:
    """Change parameters of the message of the ``nth`` event of role ``which`` (not its text)."""
    return lambda data: _event(data, which, nth)["message"]["params"].update(params)


def _options(**values: Any) -> Mutation:
    return lambda data: data["options"].update(values)


def _both(*mutations: Mutation) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(data)

    return mutate


def _after_the_next(which: str) -> Mutation:
    """The first segment of role ``which`` and the segment after it, in each other's places."""

    def mutate(data: dict[str, Any]) -> None:
        events = data["events"]
        at = _index(data, which)
        first, second = events[at], events[at + 1]
        _set(second, start_ms=first["start_ms"])
        _set(first, start_ms=second["end_ms"])
        events[at], events[at + 1] = second, first

    return mutate


def _cue_in_a_breath(data: dict[str, Any]) -> None:
    """A hold cue half a second into the first breath phase."""
    at = _index(data, "inhale")
    breath = data["events"][at]
    cue = {**breath, "id": "smile", "kind": "cue", "role": "hold_cue", "text": "Smile"}
    _set(cue, start_ms=breath["start_ms"] + 500, duration_ms=0)
    cue["message"] = None
    data["events"].insert(at + 1, cue)


def _extra_stretch(data: dict[str, Any]) -> None:
    entry = copy.deepcopy(data["stretches"][0])
    entry.update(id="neck-roll", name="Neck Roll")
    data["stretches"].append(entry)


def _stretches_swapped(data: dict[str, Any]) -> None:
    data["stretches"][0], data["stretches"][1] = data["stretches"][1], data["stretches"][0]


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
    # What no compile gives, though every field has its shape (docs/timeline.md, "What a compile
    # gives"): only a loader can check these.
    Case(
        "text-unlike-its-message",
        "a switch prompt whose text names the other side than its message",
        _role("switch_prompt", text="Get ready to switch to the left side"),
        "$.events[{switch_prompt}].text",
        False,
    ),
    Case(
        "german-text-unlike-its-message",
        "a German timeline whose halfway cue is in English",
        _role("halfway", text="Halfway"),
        "$.events[{halfway}].text",
        False,
        "german",
    ),
    Case(
        "countdown-tick-unlike-its-message",
        "a countdown that says 2 on a tick 1",
        _say("countdown", "countdown", tick=2),
        "$.events[{countdown}].message.params.tick",
        False,
    ),
    Case(
        "rep-index-unlike-its-message",
        "rep 1 of 2 whose message says 2 of 2",
        _say("rep", "rep", text="Reach your left arm", index=2, count=2),
        "$.events[{rep}].message.params.index",
        False,
    ),
    Case(
        "switch-prompt-side-unlike-its-message",
        "a prompt for the right side whose message says left",
        _say("switch_prompt", "switch_prompt", side="left"),
        "$.events[{switch_prompt}].message.params.side",
        False,
    ),
    Case(
        "next-up-name-unlike-its-target",
        "a preview of Stand that says Bird Dog",
        _say("next_up", "next_up", name="Bird Dog"),
        "$.events[{next_up}].message.params.name",
        False,
    ),
    Case(
        "end-title-unlike-the-title",
        "an end that names another routine",
        _say("end", "end", title="Another Routine"),
        "$.events[{end}].message.params.title",
        False,
    ),
    Case(
        "breath-count-unlike-its-message",
        "a hold of 2 breaths whose message says 3",
        _say("hold", "hold_breaths", count=3),
        "$.events[{hold}].message.params.count",
        False,
        "practice",
    ),
    Case(
        "countdown-saying-halfway",
        "a countdown tick with the halfway message",
        _say("countdown", "halfway"),
        "$.events[{countdown}].message.key",
        False,
    ),
    Case(
        "summary-key-on-a-rest",
        "a rest between stretches with a sentence of the personalization summary",
        _say("rest_between", "level_standard"),
        "$.events[{rest_between}].message.key",
        False,
    ),
    Case(
        "compiled-countdown-without-message",
        "a countdown of a compiled timeline with no message",
        _role("countdown", message=None),
        "$.events[{countdown}].message",
        False,
    ),
    Case(
        "template-unlike-its-text",
        "a step whose template does not fill to its text",
        _role("step", template="Turn your head to the {side}"),
        "$.events[{step}].text",
        False,
    ),
    Case(
        "announcement-unlike-its-stretch",
        "an announcement without a message that says another name than its stretch's",
        _role("announce", 1, text="Sit"),
        "$.events[{announce1}].text",
        False,
    ),
    Case(
        "next-up-not-what-follows",
        "a preview of Bird Dog before Stand",
        _both(_role("next_up", target="bird-dog"), _say("next_up", "next_up", name="Bird Dog")),
        "$.events[{next_up}].target",
        False,
    ),
    Case(
        "switch-prompt-unlike-the-switch",
        "a prompt for the left side before a switch to the right",
        _both(
            _role("switch_prompt", side="left"), _say("switch_prompt", "switch_prompt", side="left")
        ),
        "$.events[{switch_prompt}].side",
        False,
    ),
    Case(
        "tick-not-a-second-before-its-hold",
        "a countdown tick 1.5 s before its hold",
        lambda d: _set(_event(d, "countdown"), start_ms=_event(d, "countdown")["start_ms"] - 500),
        "$.events[{countdown}].start_ms",
        False,
    ),
    Case(
        "halfway-inside-a-self-paced-hold",
        "a halfway cue inside a hold that lasts until the person is ready",
        _role("hold", open=True, until="the neck softens"),
        "$.events[{halfway}].start_ms",
        False,
    ),
    Case(
        "countdown-off-with-ticks",
        "countdown ticks in a timeline whose options.countdown is 0",
        _options(countdown=0),
        "$.events[{countdown}].tick",
        False,
    ),
    Case(
        "halfway-off-with-halfway-cues",
        "halfway cues in a timeline whose options.halfway is false",
        _options(halfway=False),
        "$.events[{halfway}]",
        False,
    ),
    Case(
        "next-up-off-with-previews",
        "previews in a timeline whose options.next_up is false",
        _options(next_up=False),
        "$.events[{next_up}]",
        False,
    ),
    Case(
        "fitted-without-its-unfitted-total",
        "a fit target with no unfitted total (the summary could not say it)",
        _options(fit_to_ms=600000),
        "$.options.unfitted_ms",
        False,
    ),
    Case(
        "fitted-to-another-total",
        "a fit to 10:00 in a timeline that lasts longer",
        _options(fit_to_ms=600000, unfitted_ms=150000),
        "$.total_ms",
        False,
    ),
    Case(
        "conditions-unsorted",
        "declared conditions out of order",
        _options(conditions=["wrist", "knee"]),
        "$.options.conditions",
        False,
    ),
    Case(
        "safety-note-off-but-there",
        "a safety note that options say was not asked for",
        _options(safety_note=False),
        "$.events[0]",
        False,
    ),
    Case(
        "skip-note-for-an-undeclared-condition",
        "a stretch replaced for a condition nobody declared",
        _options(conditions=[]),
        "$.events[{replaced}].message.params.conditions",
        False,
    ),
    Case(
        "swap-note-without-a-swap",
        "a note that the person swapped a stretch, with options.swapped empty",
        _say("replaced", "swapped", name="Kneel", alternative="Stand"),
        "$.events[{replaced}].message.key",
        False,
    ),
    Case(
        "stretch-entry-not-played",
        "an entry of stretches that no event plays",
        _extra_stretch,
        "$.stretches[3]",
        False,
    ),
    Case(
        "stretches-out-of-play-order",
        "the entries of stretches in another order than they are played",
        _stretches_swapped,
        "$.stretches[0].id",
        False,
    ),
    Case(
        "another-round-after-the-last",
        "another round asked after the last round of its Repeat",
        _role("another_round", rounds=[{"index": 1, "count": 2}, {"index": 2, "count": 2}]),
        "$.events[{another_round}].rounds",
        False,
        "practice",
    ),
    Case(
        "reps-counted-past-the-set",
        "a counted set of 2 whose check-in asks up to 5",
        _say("reps_counted", "check_in_reps", most=5),
        "$.events[{reps_counted}].message.params.most",
        False,
        "practice",
    ),
    Case(
        "session-before-the-title",
        "what a program says of the session, before the title",
        _after_the_next("title"),
        "$.events[1]",
        False,
        "practice",
    ),
    Case(
        "side-change-without-a-switch",
        "a hold on the right between a step and a hold on the left",
        _role("hold", side="right"),
        "$.events[{hold}].side",
        False,
    ),
    Case(
        "modification-after-the-first-step",
        "a stretch's modification shown after its first step",
        _after_the_next("modification"),
        "$.events[{step}]",
        False,
    ),
    Case(
        "cue-inside-a-breath-phase",
        "a cue that would be said over a breath phase",
        _cue_in_a_breath,
        "$.events[{after_inhale}].start_ms",
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
        indexes.setdefault(f"after_{role}", index + 1)
        indexes[f"{role}{counted.get(role, 0)}"] = index
        counted[role] = counted.get(role, 0) + 1
    return case.path.format(**indexes)


def expected() -> str:
    """EXPECTED.json: for each invalid document, the path and reason a loader must give, whether
    JSON Schema refuses it too, and the exact message this backstretch gives."""
    documents = invalid()
    bases = {name: _base(name) for name in ("conformance", "practice", "german")}
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
