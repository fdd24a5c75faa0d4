"""Traces of the Python Player, for the JavaScript player module to replay: the same timeline,
the same actions at the same clock times, and what the Player said after each (the events due,
the position, what it waits at, the state). ``tests/js/player-traces.test.mjs`` replays them;
``test_js_player.py`` writes them and runs Node's test runner over tests/js.

Every built-in routine in every language the library writes, and the first session of every
built-in program (check-ins), each driven by a seeded random script of waits and controls.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from backstretch import (
    LANGUAGES,
    Kind,
    Role,
    SessionLog,
    Timeline,
    catalog,
    compile_routine,
    dumps_timeline,
    next_session,
)
from backstretch._base.kinds import EFFORTS, ROUND_ANSWERS
from backstretch.player import Player
from conformance import PRACTICE

#: Steps of each script: enough to reach the end of every routine more than once.
STEPS = 400
WAITS = (0, 0, 300, 1000, 2500, 7000, 20000, 60000)


def timelines() -> Iterator[tuple[str, Timeline]]:
    """(name, timeline) for every built-in routine in every language, and every program's first
    session."""
    for name in catalog.names():
        for language in LANGUAGES:
            routine = catalog.get(name)
            yield f"{name}-{language}", compile_routine(routine, language=language, affected="left")
    # A routine with what the built-in ones lack: another round or enough, a counted set.
    for language in LANGUAGES:
        practice = compile_routine(PRACTICE, affected="right", language=language)
        yield f"practice-{language}", practice
    for name in catalog.program_names():
        for language in LANGUAGES:
            first = next_session(
                catalog.program(name),
                SessionLog(()),
                on=datetime.date(2026, 6, 1),
                affected="left",
                language=language,
            )
            yield f"program-{name}-{language}", first


def _answer(rng: random.Random, event: Any) -> int | str:
    role = event.role
    if role is Role.EFFORT:
        return rng.choice(EFFORTS)
    if role is Role.ANOTHER_ROUND:
        return rng.choice(ROUND_ANSWERS)
    if role is Role.REPS_COUNTED:
        return rng.randint(0, int(event.message["most"]))
    return rng.randint(0, 10)


def _act(player: Player, action: list[Any]) -> None:
    name, *args = action
    if name == "speed":
        player.set_speed(args[0])
    elif name == "continue":
        player.continue_()
    else:
        getattr(player, name)(*args)


def trace(timeline: Timeline, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    steps = []
    controls: list[list[Any]] = [
        ["next"],
        ["previous"],
        ["next_chapter"],
        ["previous_chapter"],
        ["pause"],
        ["resume"],
        ["toggle"],
        ["speed", 2],
        ["speed", 1],
    ]
    for index in range(STEPS):
        advance = rng.choice(WAITS)
        now[0] += advance
        held = player.waiting
        if index == 0 or (player.finished and rng.random() < 0.5):
            action: list[Any] = ["start"]
        elif held is not None and held.kind is Kind.CHECK_IN and rng.random() < 0.7:
            action = ["answer", _answer(rng, held)]
        elif held is not None and rng.random() < 0.6:
            action = ["continue"]
        elif rng.random() < 0.5:
            action = ["wait"]
        elif rng.random() < 0.2:
            action = ["seek", rng.randrange(timeline.total_ms + 1)]
        else:
            action = rng.choice(controls)
        if action[0] != "wait":
            _act(player, action)
        fired = [event.id for event in player.due()]
        waiting, current = player.waiting, player.current
        steps.append(
            {
                "advance": advance,
                "action": action,
                "fired": fired,
                "position": player.position_ms,
                "waiting": None if waiting is None else waiting.id,
                "current": None if current is None else current.id,
                "finished": player.finished,
                "paused": player.paused,
                "playing": player.playing,
                "answers": player.answers,
            }
        )
    return {"timeline": dumps_timeline(timeline), "steps": steps}


def write(folder: Path) -> list[str]:
    """Write one trace a timeline into ``folder``; their names."""
    names = []
    for seed, (name, timeline) in enumerate(timelines()):
        (folder / f"{name}.json").write_text(json.dumps(trace(timeline, seed)), encoding="utf-8")
        names.append(name)
    return names
