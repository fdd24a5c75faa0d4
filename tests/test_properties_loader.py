"""A loaded timeline can be trusted like a compiled one: every compiled timeline keeps the
standalone invariants (tests/standalone.py), and a compiled timeline's document changed in one
field is refused by the loader, or loads into a timeline that still keeps every one of them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import standalone
from backstretch import (
    LANGUAGES,
    Cues,
    DocumentError,
    Timeline,
    catalog,
    compile_routine,
    dumps_timeline,
    loads_timeline,
    strategies,
)
from backstretch._timeline.codec import timeline_from_data
from backstretch._timeline.consistency import consistency_problems

#: The event keys a change may touch (end_ms and open follow start_ms, duration_ms and until).
EVENT_KEYS = (
    "id",
    "start_ms",
    "duration_ms",
    "kind",
    "role",
    "text",
    "side",
    "stretch",
    "stretch_id",
    "target",
    "tick",
    "rounds",
    "rep",
    "part",
    "message",
    "template",
    "until",
    "breaths",
)


def _nudged(value: Any) -> list[Any]:
    """Values near ``value``, of the kinds a careless writer gives."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1, value - 1, value + 1000, 0]
    if isinstance(value, str):
        return [value + "!", value.upper(), "left" if value == "right" else "right"]
    if isinstance(value, dict) and set(value) == {"index", "count"}:
        return [
            {**value, "index": max(1, value["index"] - 1)},
            {**value, "count": value["count"] + 1},
        ]
    if isinstance(value, dict) and "params" in value:
        changed = []
        for name, param in value["params"].items():
            for other in _nudged(param):
                changed.append({**value, "params": {**value["params"], name: other}})
        return changed
    return []


def change(draw: Callable[[st.SearchStrategy[Any]], Any], data: dict[str, Any]) -> str:
    """Change ``data`` (a compiled timeline's document) in one place; say what was changed."""
    where = draw(st.sampled_from(("event", "event", "event", "event", "options", "stretches")))
    if where == "options":
        name = draw(st.sampled_from(sorted(data["options"])))
        old = data["options"][name]
        choices = [*_nudged(old), None, [], ["knee"], ["wrist", "knee"]]
        data["options"][name] = draw(st.sampled_from(choices))
        return f"options.{name}: {old!r} -> {data['options'][name]!r}"
    if where == "stretches":
        entries = data["stretches"]
        if len(entries) > 1 and draw(st.booleans()):
            entries.reverse()
            return "stretches reversed"
        entries.append({**entries[0], "id": "extra"} if entries else {})
        return "a stretch entry more"
    events = data["events"]
    index = draw(st.integers(0, len(events) - 1))
    event = events[index]
    key = draw(st.sampled_from(EVENT_KEYS))
    others = [other[key] for other in events if other[key] != event[key]]
    choices = [*_nudged(event[key]), None, *others[:20]]
    old, event[key] = event[key], draw(st.sampled_from(choices))
    if type(event["start_ms"]) is int and type(event["duration_ms"]) is int:
        event["end_ms"] = event["start_ms"] + event["duration_ms"]
    event["open"] = event["until"] is not None or event["kind"] == "check_in"
    return f"events[{index}].{key}: {old!r} -> {event[key]!r}"


@given(strategies.timelines())
def test_every_compiled_timeline_keeps_the_standalone_invariants(timeline: Timeline) -> None:
    assert [] == standalone.broken(timeline)


@given(strategies.timelines(max_stretches=2, max_depth=2), st.data())
def test_one_change_is_refused_or_keeps_every_invariant(
    timeline: Timeline, data: st.DataObject
) -> None:
    """Each example changes one compiled timeline in 30 ways, one at a time (compiling costs
    far more than loading)."""
    document = dumps_timeline(timeline)
    for _ in range(30):
        changed: dict[str, Any] = json.loads(document)
        what = change(data.draw, changed)
        try:
            loaded = timeline_from_data(changed)
        except DocumentError:
            continue
        assert [] == standalone.broken(loaded), what


@given(strategies.timelines())
def test_every_compiled_timeline_is_what_loading_checks(timeline: Timeline) -> None:
    """The compiler's own timelines skip the agreement checks (consistency) when made: this is
    the proof they need none. Loading one checks them all."""
    assert [] == consistency_problems(timeline)
    assert timeline == loads_timeline(dumps_timeline(timeline))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_built_in_compiles_to_what_loading_checks(language: str) -> None:
    for name in catalog.names():
        for options in (
            {},
            {"level": "gentle", "conditions": {"knee", "wrist"}},
            {"cues": Cues.off()},
        ):
            timeline = compile_routine(
                catalog.get(name), language=language, affected="right", **options
            )
            assert [] == consistency_problems(timeline), name
