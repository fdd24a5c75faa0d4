"""A minimal custom player: the playback engine on the real clock, printing what to do.

Run it: ``python examples/custom_player.py [--speed N] [ROUTINE]`` (default: the built-in one at
normal speed; ``--speed 100`` runs it a hundred times faster).
"""

from __future__ import annotations

import argparse
import time

from backstretch import Event, catalog, compile_routine, format_ms
from backstretch.player import Player


def say(event: Event) -> str:
    side = f" ({event.side.value})" if event.side else ""
    return f"[{format_ms(event.start_ms)}] {event.kind.value}{side}: {event.text}"


def play(name: str, speed: float) -> None:
    timeline = compile_routine(catalog.get(name))
    player = Player(timeline)  # the default clock is the real, monotonic one
    player.set_speed(speed)
    player.start()
    while not player.finished:
        for event in player.due():  # each event once, in order, however late this loop runs
            print(say(event), flush=True)
        # Sleep until the next event is due (at this speed), but wake at least every half second.
        upcoming = timeline.next_after(player.position_ms)
        wait_ms = (upcoming.start_ms if upcoming else timeline.total_ms) - player.position_ms
        time.sleep(min(0.5, max(0.001, wait_ms / float(player.speed) / 1000)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("routine", nargs="?", default="pilates-for-back-pain")
    parser.add_argument("--speed", type=float, default=1.0)
    arguments = parser.parse_args()
    play(arguments.routine, arguments.speed)
