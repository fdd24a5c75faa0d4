"""A playback engine for timelines, with an injected clock and no I/O.

Any front end (a terminal, a GUI, a watch bridge) drives it: call ``due()`` whenever convenient, and
it returns each event once, in order, as the play position passes its start. The position is
computed from the clock against an anchor (the clock time and position of the last start, pause,
speed change or seek), never by adding up ticks, so late or irregular ticks cannot drift.

>>> from backstretch import catalog, compile_routine
>>> now = [0]
>>> player = Player(compile_routine(catalog.get("pilates-for-back-pain")), clock=lambda: now[0])
>>> player.start()
>>> [e.kind.value for e in player.due()]
['caution']
>>> now[0] = 10_000
>>> [e.id for e in player.due()]
['title']
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Sequence
from fractions import Fraction

from ._base.kinds import ANSWERS, EFFORTS, ROUND_ANSWERS, Kind
from ._timeline.timeline import Chapter, Event, Timeline
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = ["Clock", "Player", "answer_problem", "monotonic_ms"]

#: A clock returns the current time in milliseconds; only differences between readings matter.
Clock = Callable[[], int]

#: How far into a segment ``previous()`` restarts it rather than going to the one before.
RESTART_WITHIN_MS = 2000


def answer_problem(check_in: Event, value: object) -> str:
    """What is wrong with ``value`` as the answer to ``check_in`` (empty when nothing is)."""
    kind = ANSWERS[check_in.role]
    words = EFFORTS if kind == "effort" else ROUND_ANSWERS if kind == "round" else None
    if words is not None:
        return "" if value in words else f"the answer is one of {', '.join(words)}, got {value!r}"
    most = 10
    if kind == "count":
        assert check_in.message is not None
        found = check_in.message["most"]
        most = found if isinstance(found, int) else 0
    if type(value) is not int or not 0 <= value <= most:
        return f"the answer is a whole number from 0 to {most}, got {value!r}"
    return ""


def monotonic_ms() -> int:
    """The real clock: monotonic milliseconds."""
    return time.monotonic_ns() // 1_000_000


class Player:
    """Plays a Timeline against a clock: start, pause, resume, seek, next and previous (by
    segment and by chapter), speed.

    States: not started, playing, paused, waiting, finished (the position reached the end). A
    seek starts a new pass: the segment playing at the target is due first, then every event from
    the target on; events skipped over never fire, and events passed again after a backward seek
    fire again.

    A self-paced segment (``Event.open``) holds the position at its end: the player is
    ``waiting`` until ``continue_()`` (or ``next()``, or a seek) lets it go on. Nothing after the
    segment is due while it waits.
    """

    def __init__(self, timeline: Timeline, *, clock: Clock = monotonic_ms) -> None:
        self.timeline = timeline
        self._clock = clock
        self._speed = Fraction(1)
        self._started = False
        self._paused = False
        self._anchor_clock_ms = 0
        self._anchor_position = Fraction(0)
        self._cursor = 0  # index of the next event to fire
        self._pending: list[Event] = []  # fired first by the next due(): the segment sought into
        self._open_ends = [s.end_ms for s in timeline.segments if s.open]
        self._answers: dict[str, int | str] = {}
        self._wall: int | None = None  # the end of the next self-paced segment: the position stops

    # Position and state.

    @property
    def position_ms(self) -> int:
        """Where playback is, in milliseconds from the start (0 before start, at most total_ms)."""
        return min(self.timeline.total_ms, int(self._exact_position()))

    def _exact_position(self) -> Fraction:
        if not self._started or self._paused:
            return self._anchor_position
        elapsed = self._clock() - self._anchor_clock_ms
        position = self._anchor_position + elapsed * self._speed
        return position if self._wall is None else min(position, Fraction(self._wall))

    @property
    def waiting(self) -> Event | None:
        """The self-paced segment whose end the position is held at, waiting for the person to
        go on (``continue_()``); None otherwise."""
        if self._wall is None or not self._started or self._exact_position() < self._wall:
            return None
        return self.timeline.at(self._wall - 1)

    @property
    def playing(self) -> bool:
        """Started, not paused, not finished."""
        return self._started and not self._paused and not self.finished

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def finished(self) -> bool:
        """The position reached the end and every event up to it has been returned by due()."""
        return (
            self._started
            and self.position_ms >= self.timeline.total_ms
            and self._wall is None
            and self._cursor >= len(self.timeline.events)
            and not self._pending
        )

    @property
    def speed(self) -> Fraction:
        return self._speed

    @property
    def current(self) -> Event | None:
        """The segment playing now, or waited at the end of (None before the start and at the
        end)."""
        if not self._started:
            return None
        return self.waiting or self.timeline.at(self.position_ms)

    # Controls.

    def start(self) -> None:
        """Start from the beginning."""
        self._started = True
        self._paused = False
        self._reanchor(Fraction(0))
        self._cursor = 0
        self._pending = []
        self._wall = self._open_end_after(0)

    def continue_(self) -> None:
        """Go on past the end of the self-paced segment the player is waiting at (nothing
        happens when it is not waiting)."""
        if self.waiting is not None:
            assert self._wall is not None
            self._reanchor(Fraction(self._wall))
            self._wall = self._open_end_after(self._wall)

    @property
    def answers(self) -> dict[str, int | str]:
        """The answers given to check-ins so far, by the check-in's event id (a copy)."""
        return dict(self._answers)

    def answer(self, value: int | str) -> None:
        """Answer the check-in the player waits at, and go on. ``value`` is what the check-in's
        role allows (docs/timeline.md): pain a whole number from 0 to 10, effort ``"easy"``,
        ``"right"`` or ``"hard"``, reps counted a whole number from 0 to the message's ``most``,
        another round ``"more"`` or ``"enough"`` (which goes on after the Repeat).
        An answer to a question asked again (after going back) replaces the first one."""
        asked = self.waiting
        if asked is None or asked.kind is not Kind.CHECK_IN:
            raise InvalidValueError("there is nothing to answer: the player waits at no check-in")
        problem = answer_problem(asked, value)
        if problem:
            raise InvalidValueError(f"{asked.id}: {problem}")
        self._answers[asked.id] = value
        if value == "enough":  # no more rounds: on after the Repeat
            self.seek(self.timeline.repeat_end_ms(asked))
        else:
            self.continue_()

    def pause(self) -> None:
        """Stop the position where it is; the clock may run on, the position does not."""
        if self._started and not self._paused:
            self._reanchor(self._clamped())
            self._paused = True

    def resume(self) -> None:
        """Go on from where pause() stopped."""
        if self._started and self._paused:
            self._paused = False
            self._reanchor(self._anchor_position)

    def toggle(self) -> None:
        """Pause when playing, resume when paused."""
        (self.resume if self._paused else self.pause)()

    def set_speed(self, speed: float | Fraction) -> None:
        """Play ``speed`` times faster (2 for double speed, 0.5 for half); the position holds."""
        if isinstance(speed, bool) or not isinstance(speed, int | float | Fraction):
            raise InvalidTypeError(f"speed must be a number above 0, got {speed!r}")
        if isinstance(speed, float) and not math.isfinite(speed):
            raise InvalidValueError(f"speed must be a finite number above 0, got {speed!r}")
        exact = Fraction(repr(speed)) if isinstance(speed, float) else Fraction(speed)
        if exact <= 0:
            raise InvalidValueError(f"speed must be above 0, got {speed!r}")
        if self._started:
            self._reanchor(self._clamped())
        self._speed = exact

    def seek(self, ms: int) -> None:
        """Jump to ``ms`` (clamped to the timeline); a new pass starts there."""
        if type(ms) is not int:
            raise InvalidValueError(f"seek() takes whole milliseconds, got {ms!r}")
        target = max(0, min(ms, self.timeline.total_ms))
        if not self._started:
            self._started = True
            self._paused = False
        self._reanchor(Fraction(target))
        self._wall = self._open_end_after(target)
        self._cursor = _first_at_or_after(self.timeline, target)
        playing = self.timeline.at(target)
        self._pending = [playing] if playing is not None and playing.start_ms < target else []

    def next(self) -> None:
        """Jump to the start of the next segment (or the end)."""
        self.seek(_on(self.timeline.segments, self._here(), self.timeline.total_ms))

    def previous(self) -> None:
        """Restart the current segment, or, within its first two seconds, go to the one before."""
        self.seek(_back(self.timeline.segments, self._here()))

    def next_chapter(self) -> None:
        """Jump to the start of the next chapter (the next stretch), or the end."""
        self.seek(_on(self.timeline.chapters, self._here(), self.timeline.total_ms))

    def previous_chapter(self) -> None:
        """Restart the current chapter, or, within its first two seconds, go to the one before
        (from the first chapter, or before it, to the start)."""
        self.seek(_back(self.timeline.chapters, self._here()))

    def due(self) -> tuple[Event, ...]:
        """Every event whose start the position has reached since the last call, in order."""
        if not self._started:
            return ()
        fired, self._pending = self._pending, []
        position = self._here()  # what starts at the wall waits with it
        events = self.timeline.events
        while self._cursor < len(events) and events[self._cursor].start_ms <= position:
            fired.append(events[self._cursor])
            self._cursor += 1
        return tuple(fired)

    def _here(self) -> int:
        """The position, or just inside the segment waited at (the next one has not begun)."""
        return self.position_ms - 1 if self.waiting is not None else self.position_ms

    def _open_end_after(self, ms: int) -> int | None:
        """The end of the first self-paced segment ending after ``ms``, if any."""
        index = bisect.bisect_right(self._open_ends, ms)
        return self._open_ends[index] if index < len(self._open_ends) else None

    def _clamped(self) -> Fraction:
        return min(Fraction(self.timeline.total_ms), self._exact_position())

    def _reanchor(self, position: Fraction) -> None:
        self._anchor_clock_ms = self._clock()
        self._anchor_position = position


def _start(item: Event | Chapter) -> int:
    return item.start_ms


def _on(items: Sequence[Event | Chapter], position: int, total_ms: int) -> int:
    """Where "next" goes: the start of the first of ``items`` after ``position``, or the end."""
    index = bisect.bisect_right(items, position, key=_start)
    return items[index].start_ms if index < len(items) else total_ms


def _back(items: Sequence[Event | Chapter], position: int) -> int:
    """Where "previous" goes: the start of the one of ``items`` playing at ``position`` when more
    than ``RESTART_WITHIN_MS`` into it, else the start of the one before (or 0)."""
    index = bisect.bisect_right(items, position, key=_start) - 1
    if index < 0:
        return 0
    if position - items[index].start_ms > RESTART_WITHIN_MS:
        return items[index].start_ms
    return items[index - 1].start_ms if index > 0 else 0


def _first_at_or_after(timeline: Timeline, ms: int) -> int:
    return bisect.bisect_left(timeline.events, ms, key=_start)
