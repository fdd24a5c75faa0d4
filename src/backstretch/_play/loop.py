"""The one playback loop every terminal front end is driven by.

A :class:`~backstretch.player.Player` keeps time; a front end shows what fires, draws, and says
what the person asked for (keys). This loop joins them, with the speech queue, the same way for
the full-screen player and for plain lines: events in order, speech one text at a time, a
self-paced part waiting until the person goes on, skipping and pausing, Ctrl-C as an outcome.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

import attrs

from .._timeline.timeline import Event, Timeline
from ..player import Clock, Player, monotonic_ms
from ..speech import SpeechQueue

__all__ = ["REFRESH_S", "FrontEnd", "Outcome", "drive"]

#: How often the loop looks again, in seconds of real time, when nothing is due sooner.
REFRESH_S = 0.1


@attrs.frozen
class Outcome:
    """How a run ended, and where."""

    how: Literal["finished", "quit", "interrupted"]
    position_ms: int


class FrontEnd(Protocol):
    """What the loop needs of a front end."""

    def fired(self, event: Event) -> None:
        """``event`` is due now (in order, each once)."""

    def draw(self, player: Player) -> None:
        """Show where ``player`` is (called after every step of the loop)."""

    def actions(self, player: Player, timeout_s: float) -> Sequence[str]:
        """What the person asked for within ``timeout_s`` seconds: ``toggle``, ``next``,
        ``previous``, ``continue`` or ``quit`` (none when nothing was asked)."""

    def skipped(self) -> None:
        """The person jumped: what was showing of the old place goes."""


def drive(
    timeline: Timeline,
    front: FrontEnd,
    *,
    clock: Clock = monotonic_ms,
    speed: float = 1.0,
    speech: SpeechQueue | None = None,
) -> Outcome:
    """Play ``timeline`` through ``front`` until it ends, the person quits or Ctrl-C arrives."""
    player = Player(timeline, clock=clock)
    player.set_speed(speed)
    player.start()
    try:
        while True:
            for event in player.due():
                front.fired(event)
                if speech is not None:
                    speech.add(event.text)
            if speech is not None:
                speech.pump()
            front.draw(player)
            if player.finished:
                if speech is not None:
                    speech.drain()
                return Outcome("finished", timeline.total_ms)
            for action in front.actions(player, wait_s(player)):
                if action == "quit":
                    return Outcome("quit", player.position_ms)
                if action == "continue" or (action == "toggle" and player.waiting):
                    player.continue_()  # space, too, goes on from a self-paced part
                elif action == "toggle":
                    player.toggle()
                else:
                    (player.next if action == "next" else player.previous)()
                    front.skipped()
                    if speech is not None:
                        speech.clear()
    except KeyboardInterrupt:
        return Outcome("interrupted", player.position_ms)
    finally:
        if speech is not None:
            speech.clear()


def wait_s(player: Player) -> float:
    """Until the loop looks again: the refresh interval, or sooner when an event is due sooner."""
    if player.paused or player.waiting:
        return REFRESH_S
    upcoming = player.timeline.next_after(player.position_ms)
    until_ms = (upcoming.start_ms if upcoming else player.timeline.total_ms) - player.position_ms
    return max(0.001, min(REFRESH_S, float(until_ms / player.speed) / 1000))
