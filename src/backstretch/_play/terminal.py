"""The full-screen terminal player behind ``backstretch play`` on a terminal, drawn with rich.

It is one front end on :class:`backstretch.player.Player`: this module only draws the screen,
reads keys and rings the bell. The loop takes its keys, clock and console as parameters, so the
tests drive it in-process as well as in a real terminal.
"""

from __future__ import annotations

import io
import math
import os
import select
import sys
import termios
import tty
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, Protocol

import attrs
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from .._base.kinds import Kind, Role, Side
from .._base.text import printable
from .._base.time import format_ms
from .._i18n.words import WORDS, Words, words_for
from .._i18n.words import words as words_for_language
from .._timeline.timeline import Event, Timeline
from ..player import Clock, Player, monotonic_ms
from ..speech import SpeechQueue
from .loop import Outcome, answer_help, drive
from .plain import where_counted

__all__ = ["KEY_HELP", "Outcome", "TerminalKeys", "parse_keys", "play_fullscreen", "render"]

#: What each key does; arrows arrive as escape sequences (normal and application cursor mode).
KEYS = {
    " ": "toggle",
    "n": "next",
    "\x1b[C": "next",
    "\x1bOC": "next",
    "p": "previous",
    "\x1b[D": "previous",
    "\x1bOD": "previous",
    "q": "quit",
    "Q": "quit",
    "\r": "continue",
    "\n": "continue",
    "c": "continue",
}
#: The keys' help (``WORDS["key_help"]``); below it, while the player waits at the end of a
#: self-paced part, ``WORDS["continue_help"]``; and always on screen, whatever the timeline
#: says, the safety note ``WORDS["stop_on_pain"]``.
KEY_HELP = WORDS["key_help"]

#: How long a cue stays on screen, and a note that a stretch was left out, in timeline ms.
CUE_SHOWN_MS = 4000
NOTE_SHOWN_MS = 15000

#: The words of each kind of segment's heading (``WORDS["label_<name>"]``); a role of its own
#: (what a stretch needs) overrides its kind's.
LABELS: dict[str, str] = {
    Role.PROPS: "props",
    Kind.TITLE: "title",
    Kind.ANNOUNCE: "announce",
    Kind.CAUTION: "caution",
    Kind.MODIFICATION: "modification",
    Kind.STEP: "step",
    Kind.HOLD: "hold",
    Kind.BREATH: "breath",
    Kind.SWITCH: "switch",
    Kind.REP: "rep",
    Kind.REST: "rest",
    Kind.BREAK: "break",
    Kind.CHECK_IN: "check_in",
}


#: Headings that are no stretch's: the routine's own introduction and closing words.
OPENING_AND_CLOSING = {Role.INTRO: "getting_started", Role.OUTRO: "finishing"}


def label(segment: Event, words: Words) -> str:
    """The heading of a segment in words' language: its role's own, else its kind's."""
    if segment.role in OPENING_AND_CLOSING:
        return words(OPENING_AND_CLOSING[segment.role])
    key = LABELS.get(segment.role) or LABELS.get(segment.kind)
    return words.label(key) if key else segment.kind.value


SIDE_STYLES = {Side.LEFT: "bold black on bright_cyan", Side.RIGHT: "bold black on bright_magenta"}


def parse_keys(typed: str) -> list[str]:
    """The actions in what was typed, in order; unknown keys and escape sequences are ignored.
    Digits and backspace type an answer to a check-in (``digit:N``, ``erase``)."""
    actions: list[str] = []
    index = 0
    while index < len(typed):
        if typed[index].isdigit() and typed[index].isascii():
            actions.append(f"digit:{typed[index]}")
            index += 1
            continue
        if typed[index] in "\x7f\x08":
            actions.append("erase")
            index += 1
            continue
        for length in (3, 1):
            action = KEYS.get(typed[index : index + length])
            if action:
                actions.append(action)
                index += length
                break
        else:
            if typed[index] == "\x1b":  # an escape sequence we do not use: skip it whole
                index += 1
                if index < len(typed) and typed[index] in "[O":
                    index += 1
                    while index < len(typed) and not typed[index].isalpha():
                        index += 1
            index += 1
    return actions


#: The smallest window the full-screen player draws in; below it, it says the window is too
#: small (with the note to stop on pain) rather than drawing a cut screen.
MIN_WIDTH, MIN_HEIGHT = 40, 12

#: Measures texts as the terminal will show them (cell widths, wrapping); nothing is printed.
_MEASURE = Console(file=io.StringIO(), width=200, color_system=None, legacy_windows=False)


def render(
    timeline: Timeline,
    position_ms: int,
    *,
    paused: bool = False,
    cue: Event | None = None,
    notes: Sequence[Event] = (),
    speed: Fraction = Fraction(1),
    waiting: Event | None = None,
    size: tuple[int, int] | None = None,
    typed: str = "",
) -> RenderableType:
    """The whole screen at ``position_ms``: where you are, what to do, for how long, what next.
    ``waiting``: the self-paced segment the player waits at the end of (at a check-in, how to
    answer it, and ``typed``: the answer typed so far).

    With ``size`` (columns, rows), the screen fits the window exactly: the note to stop on pain
    keeps the foot of it whatever else there is, a long instruction is shortened with an ellipsis
    before anything safety-related gives way, and a window smaller than ``MIN_WIDTH`` x
    ``MIN_HEIGHT`` shows only that it is too small, and the note."""
    words = words_for(timeline)
    safety = Text(words("stop_on_pain"), style="dim italic")
    if size is not None and (size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT):
        return _too_small(size, words, safety)
    screen = _Screen.at(timeline, position_ms, words, paused, cue, notes, speed, waiting, typed)
    if size is None:
        return screen.panel(safety)
    return screen.fitted(safety, *size)


def _too_small(size: tuple[int, int], words: Words, safety: Text) -> RenderableType:
    width, height = size
    said = words(
        "too_small", width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT
    )
    lines = _crop(Text(said, style="bold"), width, max(0, height - _height(safety, width)))
    return Group(lines, safety)


@attrs.frozen
class _Screen:
    """The parts of one screen, before they are fitted to a window."""

    header: RenderableType
    heading: Text
    said: Text
    caution: bool
    notes: Text
    clock: RenderableType
    next_text: Text
    status: Text
    summary: Text | None
    words: Words

    @classmethod
    def at(
        cls,
        timeline: Timeline,
        position_ms: int,
        words: Words,
        paused: bool,
        cue: Event | None,
        notes: Sequence[Event],
        speed: Fraction,
        waiting: Event | None,
        typed: str = "",
    ) -> _Screen | _Finished:
        segment = waiting or timeline.at(position_ms)
        segment_ms = position_ms if waiting is None else waiting.start_ms
        header = Table.grid(expand=True)
        header.add_column(ratio=1)
        header.add_column(justify="right")
        # Every text from the timeline passes through printable(): no escape sequence reaches the
        # terminal, whatever the timeline holds.
        header.add_row(
            Text(printable(timeline.title), style="bold", no_wrap=True, overflow="ellipsis"),
            # During a wait, the stretch being done, not the one whose start the clock is at.
            Text(printable(_where(timeline, segment_ms, words)), no_wrap=True),
        )
        if segment is None:
            body = Text(words("finished", total=format_ms(timeline.total_ms)), style="bold green")
            return _Finished(header, body)

        heading = Text(label(segment, words).upper(), style="bold")
        counted = counts(segment, words)
        if counted:
            heading.append(f"  {counted}", style="bold")
        if segment.side is not None:
            side_word = words(f"side_{segment.side.value}").upper()
            arrow = f"◀ {side_word}" if segment.side is Side.LEFT else f"{side_word} ▶"
            heading.append("   ")
            heading.append(f" {arrow} ", style=SIDE_STYLES[segment.side])
        caution = segment.kind is Kind.CAUTION
        said = Text(
            printable(segment.text), style="bold red" if caution else "bold", justify="center"
        )
        if segment.until is not None:
            said.append(printable("\n" + words("until", until=segment.until)), style="italic")

        elapsed = position_ms - segment.start_ms
        left_s = math.ceil((segment.end_ms - position_ms) / 1000)
        clock = Table.grid(expand=True)
        clock.add_column(width=18)
        clock.add_column(ratio=1)
        if waiting is not None:
            left = Text(words("your_own_time"), style="bold reverse yellow")
        elif segment.breaths is not None:  # the person counts breaths, not seconds
            one = "sheet_hold_breath" if segment.breaths == 1 else "sheet_hold_breaths"
            left = Text(words(one, count=segment.breaths), style="bold yellow")
        elif segment.open:
            left = Text(words("at_least", time=format_ms(left_s * 1000)), style="bold yellow")
        else:
            left = Text(words("time_left", time=format_ms(left_s * 1000)), style="bold yellow")
        clock.add_row(left, ProgressBar(total=segment.duration_ms, completed=elapsed))
        clock.add_row(
            Text(f"{format_ms(position_ms // 1000 * 1000)} / {format_ms(timeline.total_ms)}"),
            ProgressBar(total=timeline.total_ms, completed=position_ms, complete_style="green"),
        )

        upcoming = _next_segment(timeline, segment)
        if upcoming is None:
            next_text = Text(words("next_end"), style="dim")
        else:
            side = f", {words.side(upcoming.side)}" if upcoming.side else ""
            what = label(upcoming, words)
            # What a stretch needs says so itself ("You need: a wall"): no heading before it.
            coming = upcoming.text
            if upcoming.role is not Role.PROPS:
                coming = f"{what}{side}: {coming}"
            next_text = Text(printable(words("next", what=coming)))
            next_text.stylize("dim", 0, len(words("next", what="")))
        cue_text = Text()
        shown_cue, shown_notes = _showing(position_ms, cue, notes)
        if shown_cue is not None:
            cue_text.append(printable(f"» {shown_cue.text}"), style="bold bright_yellow")
        for note in shown_notes:
            cue_text.append("\n" if cue_text else "")
            cue_text.append(printable(words("left_out", text=note.text)), style="bold magenta")

        status = Text(words("key_help"), style="dim")
        if waiting is not None and waiting.kind is Kind.CHECK_IN:
            status = Text(answer_help(waiting, words), style="bold reverse green")
            if typed:
                status.append("   " + words("answer_typed", typed=typed), style="bold")
        elif waiting is not None:
            status = Text(words("continue_help"), style="bold reverse green")
            status.append(f"   · {words('key_help')}", style="dim")
        if speed != 1:
            status.append(f"   {words('speed', speed=f'{float(speed):g}')}", style="bold")
        if paused:
            status.append(f"   {words('paused').upper()}", style="bold reverse yellow")
        first_ms = timeline.chapters[0].start_ms if timeline.chapters else timeline.total_ms
        # Before the first stretch only: the summary is read off every marker, and this runs per
        # frame.
        summary = timeline.personalization if position_ms < first_ms else None
        summary_text = (
            None
            if summary is None
            else Text(printable(words("your_session", summary=summary.text)), style="cyan")
        )
        return cls(
            header, heading, said, caution, cue_text, clock, next_text, status, summary_text, words
        )

    def instruction(self, said: Text, padding: tuple[int, int]) -> Panel:
        return Panel(said, padding=padding, border_style="red" if self.caution else "bright_blue")

    def panel(self, safety: Text) -> Panel:
        """The screen at its natural height (for a window known to be tall enough, or a test)."""
        lines: list[RenderableType] = [
            self.header,
            Text(),
            self.heading,
            self.instruction(self.said, (1, 4)),
            self.notes,
            self.clock,
            Text(),
            self.next_text,
            self.status,
        ]
        if self.summary is not None:
            lines.append(self.summary)
        return Panel(Group(*lines, safety), padding=(0, 1))

    def fitted(self, safety: Text, width: int, height: int) -> RenderableType:
        """The screen in exactly ``height`` rows of ``width`` columns, the note at its foot.
        What gives way when rows are short, first to last: the blank lines, the summary, the
        instruction's padding, the instruction's lines (the last shown ends in an ellipsis),
        the keys, what comes next; never the note, the clock, a cue or a skip note (cut to
        three rows, then one)."""
        inner = width - 4  # the outer border and its padding
        room = height - 2 - _height(safety, inner)
        plan = _Plan()
        for changes in _GIVE_WAY:
            if _rows(self.top(plan, inner), inner) <= room:
                break
            plan = attrs.evolve(plan, **changes)
            if changes.get("said") == 1:  # as many of the instruction's lines as there is room
                spare = room - _rows(self.top(plan, inner), inner)
                plan = attrs.evolve(plan, said=1 + max(0, spare))
        lines = self.top(plan, inner)
        filler = room - _rows(lines, inner)
        if filler < 0:
            return _too_small((width, height), self.words, safety)
        return Panel(Group(*lines, *[Text()] * filler, safety), padding=(0, 1), height=height)

    def top(self, plan: _Plan, inner: int) -> list[RenderableType]:
        """What stands above the note, as ``plan`` keeps it."""
        padding, margin = ((1, 4), 10) if plan.padding else ((0, 1), 4)
        said = self.said if plan.said is None else _crop(self.said, inner - margin, plan.said)
        lines: list[RenderableType] = [self.header]
        lines += [Text()] if plan.blanks else []
        lines += [self.heading, self.instruction(said, padding)]
        lines += [_crop(self.notes, inner, plan.notes)] if self.notes else []
        lines.append(self.clock)
        lines += [Text()] if plan.blanks else []
        lines += [_crop(self.next_text, inner, 1)] if plan.next else []
        lines += [_crop(self.status, inner, 1)] if plan.status else []
        lines += [self.summary] if plan.summary and self.summary is not None else []
        return lines


@attrs.frozen
class _Plan:
    """What a fitted screen keeps: ``said`` is how many rows the instruction may take (None:
    all it needs), ``notes`` how many the cue and skip notes may."""

    blanks: bool = True
    summary: bool = True
    padding: bool = True
    said: int | None = None
    status: bool = True
    next: bool = True
    notes: int = 3


#: What gives way, one step at a time, until the screen fits.
_GIVE_WAY: tuple[dict[str, Any], ...] = (
    {"blanks": False},
    {"summary": False},
    {"padding": False},
    {"said": 1},
    {"status": False},
    {"next": False},
    {"notes": 1},
)


def _rows(lines: list[RenderableType], width: int) -> int:
    """How many rows ``lines`` take at ``width`` columns."""
    return len(_MEASURE.render_lines(Group(*lines), _MEASURE.options.update_width(width)))


@attrs.frozen
class _Finished:
    """The screen once the routine is over."""

    header: RenderableType
    body: Text

    def panel(self, safety: Text) -> Panel:
        return Panel(Group(self.header, Text(), self.body, Text(), safety), padding=(0, 1))

    def fitted(self, safety: Text, width: int, height: int) -> RenderableType:
        """The end, the note still at the foot of the screen."""
        inner = width - 4
        lines: list[RenderableType] = [self.header, Text(), self.body]
        filler = height - 2 - _height(safety, inner) - _rows(lines, inner)
        if filler < 0:
            return Group(_crop(self.body, width, 1), safety)
        return Panel(Group(*lines, *[Text()] * filler, safety), padding=(0, 1), height=height)


def _height(text: Text | None, width: int) -> int:
    """How many rows ``text`` takes at ``width`` columns."""
    return 0 if text is None else len(text.wrap(_MEASURE, max(1, width)))


def _crop(text: Text, width: int, rows: int) -> Text:
    """``text`` in at most ``rows`` rows of ``width`` columns, the last ending in an ellipsis
    when some was left out."""
    lines = text.wrap(_MEASURE, max(1, width))
    if len(lines) <= rows:
        return text
    kept = list(lines[: max(0, rows)])
    if kept:
        last = kept[-1]
        last.rstrip()
        last.truncate(max(1, width - 1))
        last.append("…")
        kept[-1] = last
    joined = Text("\n").join(kept)
    joined.justify = text.justify
    return joined


def counts(segment: Event, words: Words | None = None) -> str:
    """The counted parts a segment is in, from its positions: "ROUND 2 OF 3 · REP 4 OF 10"."""
    return where_counted(segment, words or words_for_language("en")).upper()


def _where(timeline: Timeline, position_ms: int, words: Words) -> str:
    chapter = timeline.chapter_at(position_ms)
    if chapter is not None:
        number = timeline.chapters.index(chapter) + 1
        heading = words(
            "stretch_of", number=number, count=len(timeline.chapters), title=chapter.title
        )
        if chapter.round is not None:  # in a circuit
            round_ = chapter.round
            heading = words("in_round", where=heading, round=round_.index, rounds=round_.count)
        time = timeline.time_of(chapter)
        if time is not None:  # a stretch the routine does more than once
            heading = words("time_of", where=heading, time=time.index, times=time.count)
        return heading
    if not timeline.chapters or position_ms < timeline.chapters[0].start_ms:
        return words("getting_started")
    if position_ms >= timeline.chapters[-1].end_ms:
        return words("finishing")
    return words("between_stretches")


def _next_segment(timeline: Timeline, segment: Event) -> Event | None:
    return timeline.at(segment.end_ms) if segment.end_ms < timeline.total_ms else None


class KeySource(Protocol):
    def read(self, timeout_s: float) -> str:
        """Wait at most ``timeout_s`` for typing; return what was typed ("" if nothing)."""


class TerminalKeys:
    """Keys from a real terminal, read one at a time without echo (Ctrl-C still interrupts)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    @classmethod
    @contextmanager
    def of_stdin(cls) -> Iterator[TerminalKeys]:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            yield cls(fd)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def read(self, timeout_s: float) -> str:
        ready, _, _ = select.select([self.fd], [], [], timeout_s)
        if not ready:
            return ""
        return os.read(self.fd, 64).decode("utf-8", errors="replace")


class _FullScreen:
    """The full-screen front end: the screen, the keys, the bell."""

    def __init__(self, live: Live, console: Console, keys: KeySource, bell: bool) -> None:
        self.live = live
        self.console = console
        self.keys = keys
        self.bell = bell
        self.cue: Event | None = None
        self.notes: list[Event] = []
        self.shown: tuple[object, ...] = ()
        self.typed = ""

    def fired(self, event: Event) -> None:
        if event.kind is Kind.SKIP:  # what was left out, and why: all due together
            if self.notes and self.notes[-1].start_ms != event.start_ms:
                self.notes = []
            self.notes.append(event)
        elif event.kind is Kind.CUE:
            self.cue = event
            if self.bell and event.is_countdown:
                self.console.bell()

    def draw(self, player: Player) -> None:
        position = player.position_ms
        size = (self.console.width, self.console.height)
        frame = (*_frame(player, position, self.cue, self.notes, size), self.typed)
        if frame == self.shown:  # draw only what changed: the clock moves by whole seconds
            return
        self.shown = frame
        self.live.update(
            render(
                player.timeline,
                position,
                paused=player.paused,
                cue=self.cue,
                notes=self.notes,
                speed=player.speed,
                waiting=player.waiting,
                size=size,
                typed=self.typed,
            ),
            refresh=True,
        )

    def actions(self, player: Player, timeout_s: float) -> Sequence[str]:
        return parse_keys(self.keys.read(timeout_s))

    def skipped(self) -> None:
        self.cue, self.notes = None, []

    def typing(self, typed: str) -> None:
        self.typed = typed


def play_fullscreen(
    timeline: Timeline,
    *,
    console: Console,
    keys: KeySource,
    clock: Clock = monotonic_ms,
    speed: float = 1.0,
    bell: bool = True,
    speech: SpeechQueue | None = None,
) -> Outcome:
    """Play ``timeline`` full screen until it ends, ``q`` is pressed or Ctrl-C arrives."""
    with Live(console=console, screen=True, auto_refresh=False) as live:
        front = _FullScreen(live, console, keys, bell)
        return drive(timeline, front, clock=clock, speed=speed, speech=speech)


def _showing(
    position_ms: int, cue: Event | None, notes: Sequence[Event]
) -> tuple[Event | None, tuple[Event, ...]]:
    """The cue and the notes on screen at ``position_ms``: each for its time after it fired."""
    if cue is not None and not 0 <= position_ms - cue.start_ms < CUE_SHOWN_MS:
        cue = None
    return cue, tuple(n for n in notes if 0 <= position_ms - n.start_ms < NOTE_SHOWN_MS)


def _frame(
    player: Player,
    position_ms: int,
    cue: Event | None,
    notes: Sequence[Event],
    size: tuple[int, int],
) -> tuple[object, ...]:
    """What the screen at ``position_ms`` shows, in short: equal frames draw the same screen
    (but for the progress bars' fractions of a second), so the loop draws only when it changes."""
    timeline = player.timeline
    segment = player.waiting or timeline.at(position_ms)
    left = None if segment is None else -(-(segment.end_ms - position_ms) // 1000)
    return (
        position_ms // 1000,
        None if segment is None else segment.id,
        left,
        player.paused,
        player.speed,
        player.waiting is not None,
        *_showing(position_ms, cue, notes),
        size,
    )
