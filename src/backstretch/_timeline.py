"""The compiled timeline: the flat, timed events that every player plays, and the queries it needs.

A Timeline knows nothing of the DSL tree. Its events are sorted by ``start_ms``; at equal times a
segment comes before the markers that fall at its start, and otherwise events keep the order the
compiler emitted them in.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import attrs

from ._kinds import Kind, Side
from .exceptions import InvalidValueError

__all__ = ["Chapter", "Event", "Timeline"]


@attrs.frozen
class Event:
    """One timed event. ``duration_ms > 0`` makes it a segment; ``duration_ms == 0`` a marker."""

    id: str
    start_ms: int
    duration_ms: int
    kind: Kind
    text: str
    side: Side | None = None
    stretch: str | None = None

    @property
    def end_ms(self) -> int:
        """Where the event ends (exclusive): ``start_ms + duration_ms``."""
        return self.start_ms + self.duration_ms

    @property
    def is_marker(self) -> bool:
        """True for a zero-length event (a cue, a skip note, the end)."""
        return self.duration_ms == 0

    @property
    def is_countdown(self) -> bool:
        """True for a get-ready tick ("3", "2", "1" before a hold): a cue whose id ends in
        ``countdown<part>-<tick>``. Players often beep for these instead of speaking them."""
        return self.kind is Kind.CUE and self.id.rpartition("/")[2].startswith("countdown")


@attrs.frozen
class Chapter:
    """One stretch's stretch of time: from its announcement to its last event."""

    title: str
    start_ms: int
    duration_ms: int

    @property
    def end_ms(self) -> int:
        """Where the chapter ends (exclusive)."""
        return self.start_ms + self.duration_ms


def _check_ms(name: str, value: int) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError(
            f"{name} must be a whole number of milliseconds >= 0, got {value!r}"
        )


def _events(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(events)


def _chapters(chapters: Iterable[Chapter]) -> tuple[Chapter, ...]:
    return tuple(chapters)


@attrs.frozen
class Timeline:
    """A routine compiled to events: what a player plays. Build one with ``compile_routine``."""

    title: str
    total_ms: int
    events: tuple[Event, ...] = attrs.field(converter=_events)
    chapters: tuple[Chapter, ...] = attrs.field(converter=_chapters, default=())
    _segments: tuple[Event, ...] = attrs.field(init=False, repr=False, eq=False)
    _segment_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _markers: tuple[Event, ...] = attrs.field(init=False, repr=False, eq=False)
    _marker_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _event_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        segments: list[Event] = []
        markers: list[Event] = []
        for event in self.events:  # one pass: timelines can hold a million events
            (segments if event.duration_ms > 0 else markers).append(event)
        object.__setattr__(self, "_segments", tuple(segments))
        object.__setattr__(self, "_segment_starts", tuple([e.start_ms for e in segments]))
        object.__setattr__(self, "_markers", tuple(markers))
        object.__setattr__(self, "_marker_starts", tuple([e.start_ms for e in markers]))
        object.__setattr__(self, "_event_starts", tuple([e.start_ms for e in self.events]))

    @property
    def segments(self) -> tuple[Event, ...]:
        """The events that take time, in order; they tile ``[0, total_ms)``."""
        return self._segments

    @property
    def markers(self) -> tuple[Event, ...]:
        """The zero-length events (cues, skip notes, the end), in order."""
        return self._markers

    def at(self, ms: int) -> Event | None:
        """The segment playing at ``ms`` (intervals are half-open), or None at or past the end."""
        _check_ms("at(ms)", ms)
        index = bisect.bisect_right(self._segment_starts, ms) - 1
        if index < 0:
            return None
        segment = self._segments[index]
        return segment if ms < segment.end_ms else None

    def cues_between(self, start_ms: int, end_ms: int) -> tuple[Event, ...]:
        """The markers (cues, skip notes, the end) at ``start_ms <= t < end_ms``.

        Half-open, so a player that asks for consecutive windows sees each marker exactly once.
        """
        _check_ms("cues_between(start_ms)", start_ms)
        _check_ms("cues_between(end_ms)", end_ms)
        low = bisect.bisect_left(self._marker_starts, start_ms)
        high = bisect.bisect_left(self._marker_starts, end_ms, lo=low)
        return self._markers[low:high]

    def next_after(self, ms: int) -> Event | None:
        """The first event (segment or marker) that starts strictly after ``ms``, or None."""
        _check_ms("next_after(ms)", ms)
        index = bisect.bisect_right(self._event_starts, ms)
        return self.events[index] if index < len(self.events) else None

    def chapter_at(self, ms: int) -> Chapter | None:
        """The chapter (stretch) playing at ``ms``, or None in a rest or the opening or closing."""
        _check_ms("chapter_at(ms)", ms)
        for chapter in self.chapters:
            if chapter.start_ms <= ms < chapter.end_ms:
                return chapter
        return None
