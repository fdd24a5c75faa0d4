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

from .._base.kinds import ANSWERS, EFFORTS, ROUND_ANSWERS, Kind
from .._i18n.words import Words
from .._timeline.timeline import Event, Timeline
from ..player import Clock, Player, answer_problem, monotonic_ms
from ..speech import SpeechQueue

__all__ = [
    "ANSWER_HELP",
    "REFRESH_S",
    "FrontEnd",
    "Outcome",
    "answer_help",
    "drive",
    "read_answer",
]

#: How often the loop looks again, in seconds of real time, when nothing is due sooner.
REFRESH_S = 0.1


@attrs.frozen
class Outcome:
    """How a run ended, and where; the answers given to check-ins, by event id."""

    how: Literal["finished", "quit", "interrupted"]
    position_ms: int
    answers: dict[str, int | str] = attrs.field(factory=dict, eq=False)


#: How the keys answer an effort check-in, and an another-round one.
EFFORT_KEYS = {"1": "easy", "2": "right", "3": "hard"}
ROUND_KEYS = {"1": "more", "2": "enough"}


#: How to answer a check-in (``WORDS``), by what its role allows (``ANSWERS``).
ANSWER_HELP = {
    "pain": "answer_pain",
    "effort": "answer_effort",
    "count": "answer_count",
    "round": "answer_round",
}


def answer_help(check_in: Event, words: Words) -> str:
    """How to answer a check-in, by what its role allows."""
    kind = ANSWERS[check_in.role]
    most = check_in.message["most"] if check_in.message and kind == "count" else 10
    return words(ANSWER_HELP[kind], most=most)


def read_answer(check_in: Event, typed: str) -> int | str | None:
    """The answer ``typed`` gives ``check_in`` (digits; 1, 2 or 3 for effort), or None when it
    gives none the check-in allows."""
    typed = typed.strip()
    kind = ANSWERS[check_in.role]
    if kind in ("effort", "round"):
        keys, words = (EFFORT_KEYS, EFFORTS) if kind == "effort" else (ROUND_KEYS, ROUND_ANSWERS)
        value: int | str | None = keys.get(typed, typed if typed in words else None)
    else:
        value = int(typed) if typed.isdecimal() and len(typed) <= 4 else None
    return None if value is None or answer_problem(check_in, value) else value


class FrontEnd(Protocol):
    """What the loop needs of a front end."""

    def fired(self, event: Event) -> None:
        """``event`` is due now (in order, each once)."""

    def draw(self, player: Player) -> None:
        """Show where ``player`` is (called after every step of the loop)."""

    def actions(self, player: Player, timeout_s: float) -> Sequence[str]:
        """What the person asked for within ``timeout_s`` seconds: ``toggle``, ``next``,
        ``previous``, ``continue`` or ``quit``; at a check-in also ``digit:N`` and ``erase``
        (typing an answer, given with ``continue``) or ``answer:TEXT`` (a whole answer); none
        when nothing was asked."""

    def skipped(self) -> None:
        """The person jumped: what was showing of the old place goes."""

    def typing(self, typed: str) -> None:
        """What the person has typed so far as an answer to a check-in ("" when nothing)."""


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
    typed = ""  # what the person has typed as an answer to a check-in
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
                return Outcome("finished", timeline.total_ms, player.answers)
            for action in front.actions(player, wait_s(player)):
                asked = (
                    player.waiting
                    if player.waiting and player.waiting.kind is Kind.CHECK_IN
                    else None
                )
                if action == "quit":
                    return Outcome("quit", player.position_ms, player.answers)
                if action.startswith("digit:") and asked is not None:
                    typed = (typed + action[6:])[-3:]
                    front.typing(typed)
                elif action == "erase" and asked is not None:
                    typed = typed[:-1]
                    front.typing(typed)
                elif action.startswith("answer:") or (
                    asked is not None and action in ("continue", "toggle")
                ):
                    said = action[7:] if action.startswith("answer:") else typed
                    typed = ""
                    front.typing(typed)
                    if asked is None:
                        continue
                    value = read_answer(asked, said)
                    if value is not None:
                        player.answer(value)
                        if value == "enough":  # the rest of the Repeat is skipped
                            front.skipped()
                            if speech is not None:
                                speech.clear()
                    elif not said.strip():
                        player.continue_()  # no answer: an answer is never required
                elif action == "continue" or (action == "toggle" and player.waiting):
                    player.continue_()  # space, too, goes on from a self-paced part
                elif action == "toggle":
                    player.toggle()
                else:
                    (player.next if action == "next" else player.previous)()
                    front.skipped()
                    if speech is not None:
                        speech.clear()
    except KeyboardInterrupt:
        return Outcome("interrupted", player.position_ms, player.answers)
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
