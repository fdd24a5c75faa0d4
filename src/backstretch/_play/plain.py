"""Plain lines: each event printed as it fires, for a pipe, a file or ``--plain``.

Driven by the one loop (``_play.loop``). At the end of a self-paced part it waits for Enter when
typing comes from a terminal, and goes on at once when it does not (nobody could press it).
"""

from __future__ import annotations

import select
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from .._base.kinds import Kind, Side
from .._base.text import printable
from .._base.time import format_ms
from .._i18n.words import Words, words
from .._timeline.timeline import Event, Position
from ..player import Player
from .loop import answer_help

__all__ = ["PlainLines", "play_line", "where_counted"]


def play_line(event: Event, language: str = "en") -> str:
    """One event as a plain line: clock time, role, side, text (and, for a self-paced part, what
    the person waits for), and where it is counted ("[round 2 of 3 · rep 4 of 10]"), the words in
    ``language``."""
    said = words(language)
    side = said.side(event.side).upper() if event.side else ""
    until = f" ({said('until', until=event.until)})" if event.until is not None else ""
    counted = where_counted(event, said)
    width = max(len(said.side(each)) for each in Side)  # the side column: its longest word
    line = f"{format_ms(event.start_ms):>8}  {event.role.value:<13}  {side:<{width}}  "
    line += f"{event.text}{until}" + (f"  [{counted}]" if counted else "")
    return printable(line.rstrip())


def where_counted(event: Event, said: Words) -> str:
    """The counted parts an event is in, from its positions: "Round 2 of 3 · Rep 4 of 10"."""

    def of(key: str, position: Position) -> str:
        return said(key, position=said("position_of", index=position.index, count=position.count))

    # Repeats inside repeats: the outermost counts sets ("Set 2 of 3 · Round 4 of 10").
    nested = len(event.rounds) > 1
    found = [
        of("count_set" if nested and depth == 0 else "count_round", p)
        for depth, p in enumerate(event.rounds)
    ]
    if event.rep is not None:
        found.append(of("count_rep", event.rep))
    if event.part is not None:
        found.append(of("count_part", event.part))
    return " · ".join(found)


def _line_typed(stream: TextIO) -> Callable[[float], str | None]:
    def typed(timeout_s: float) -> str | None:
        """The line typed within ``timeout_s`` (without its end), or None when none was."""
        ready, _, _ = select.select([stream], [], [], timeout_s)
        return stream.readline().rstrip("\r\n") if ready else None

    return typed


class PlainLines:
    """A front end that prints a line per event to ``out``; ``keyboard``: whether a person can
    press Enter (typing comes from a terminal)."""

    def __init__(self, language: str, *, out: TextIO, keyboard: bool) -> None:
        self.language = language
        self.out = out
        self.keyboard = keyboard
        self.typed = _line_typed(sys.stdin)
        self._prompted = False

    def fired(self, event: Event) -> None:
        print(play_line(event, self.language), file=self.out, flush=True)

    def draw(self, player: Player) -> None:
        if player.waiting is None:
            self._prompted = False
        elif self.keyboard and not self._prompted:
            self._prompted = True
            waiting, said = player.waiting, words(self.language)
            if waiting.kind is Kind.CHECK_IN:
                help_ = answer_help(waiting, said)
            else:
                help_ = said("cli_continue")
            print(f"{'':>8}  {'waiting':<13}  {'':<5}  {help_}", file=self.out, flush=True)

    def actions(self, player: Player, timeout_s: float) -> Sequence[str]:
        if player.waiting is not None:
            if not self.keyboard:
                return ["continue"]
            line = self.typed(timeout_s)
            if line is None:
                return []
            if player.waiting.kind is Kind.CHECK_IN:
                self._prompted = bool(line.strip())  # a wrong answer: ask again
                return [f"answer:{line}"]
            return ["continue"]
        time.sleep(timeout_s)
        return []

    def skipped(self) -> None:
        """Plain lines show nothing of the past to clear."""

    def typing(self, typed: str) -> None:
        """A whole line is the answer: nothing to show while typing."""
