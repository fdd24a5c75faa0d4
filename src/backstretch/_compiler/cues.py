"""The third pass: cue markers placed over a laid-out routine.

The layout leaves a site wherever a cue may go (before a stretch, before a switch, before and in
each hold); ``place_cues`` goes through them in the order the walk reached them and puts each cue
the ``Cues`` options ask for only in quiet time: no word of a cue is said over the words of a
segment, a skip note, an earlier cue or a countdown's beep, and no cue falls inside a breath phase
or a self-paced part. A countdown tick keeps its second: it is left out where its beep would
sound over words. Whatever finds no quiet time is left out, and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .._base.kinds import Kind, Role, Side
from .._base.text import BEEP_MS
from .._timeline.messages import render_message
from .._timeline.timeline import Event, Message, Position
from .choose import message
from .layout import Countdown, HoldCues, NextUp, Place, Site, SwitchPrompt, marker
from .localize import Spoken
from .options import Cues

__all__ = ["Heard", "place_cues", "quiet_time"]

_HALFWAY = Message("halfway")
_SWITCH_PROMPT = {side: message("switch_prompt", side=side.value) for side in Side}
_COUNTDOWN: dict[int, Message] = {}
#: How long before a stretch begins its preview's words end (at most its lead): a preview heard
#: right before the stretch's own name is said again is no preview.
PREVIEW_GAP_MS = 2000

#: The markers whose text players say: cues and the notes of stretches left out.
_SAID_MARKERS = frozenset({Kind.CUE, Kind.SKIP})


def place_cues(
    stream: Iterable[Event | Site], cues: Cues, spoken: Spoken
) -> tuple[list[Event], int]:
    """The events of a layout with the cue markers ``cues`` asks for, each made when its site is
    reached (it has room only where nothing made before it is said, its words and theirs reckoned
    by ``spoken`` in the longest language); and how many found no quiet time and were left out."""
    events = Heard(spoken)
    left_out = 0
    for item in stream:
        if isinstance(item, Event):
            events.append(item)
        elif isinstance(item, Countdown):
            left_out += _countdown(events, item, cues)
        elif isinstance(item, HoldCues):
            left_out += _hold_cues(events, item, cues)
        elif isinstance(item, NextUp):
            left_out += _next_up(events, item, cues)
        else:
            left_out += _switch_prompt(events, item, cues)
    return events, left_out


def _marker(
    place: Place,
    id: str,
    at_ms: int,
    role: Role,
    text: str,
    side: Side | None,
    message: Message | None,
    **fields: Any,
) -> Event:
    return marker(place, id, at_ms, Kind.CUE, role, text, side, message, **fields)


def _next_up(events: Heard, site: NextUp, cues: Cues) -> int:
    """The preview of the stretch about to start, said before the stretch's own words with time
    to spare (not right before its name is said again); none where there is no room to say it
    (1: left out)."""
    if not cues.next_up:
        return 0
    before = site.before
    preview = message("next_up", name=site.name)
    end_ms = before.end_ms
    lead_ms = cues.next_up_lead.ms
    # In the segment before, or up to twice the lead back in the stretch before; its words end
    # PREVIEW_GAP_MS (or the lead, if shorter) before the stretch begins.
    since_ms = max(site.since_ms, min(before.start_ms, end_ms - 2 * lead_ms))
    until_ms = end_ms - min(PREVIEW_GAP_MS, lead_ms)
    want_ms = max(since_ms, end_ms - lead_ms)
    text = render_message(preview)
    cue = _marker(Place(), site.id, want_ms, Role.NEXT_UP, text, None, preview, target=site.key)
    at_ms = quiet_time(events, want_ms, since_ms, until_ms, events.spoken.said_ms(cue))
    if at_ms is None:
        return 1
    # Said in the segment it falls in: its stretch and rounds (the id has its prefix already).
    within = events.segment_at(at_ms)
    cue = attrs.evolve(
        cue,
        start_ms=at_ms,
        stretch=within.stretch,
        stretch_id=within.stretch_id,
        rounds=within.rounds,
    )
    events.append(cue)
    return 0


def _switch_prompt(events: Heard, site: SwitchPrompt, cues: Cues) -> int:
    """The prompt to get ready for the switch, within the side before it (1: left out)."""
    if not cues.switch_prompt:
        return 0
    said = _SWITCH_PROMPT[site.to]
    text = render_message(said)
    want_ms = max(site.since_ms, site.at_ms - cues.switch_lead.ms)
    cue = _marker(site.place, site.id, want_ms, Role.SWITCH_PROMPT, text, site.to, said)
    return _said_in_quiet(events, cue, site.since_ms, site.at_ms)


def _said_in_quiet(events: Heard, cue: Event, lo_ms: int, hi_ms: int) -> int:
    """``cue`` (made at the time it wants) said at the quiet time nearest it between ``lo_ms``
    and ``hi_ms``; left out where there is none (1)."""
    length_ms = events.spoken.said_ms(cue)
    at_ms = quiet_time(events, cue.start_ms, lo_ms, hi_ms, length_ms)
    if at_ms is None:
        return 1
    events.append(cue if at_ms == cue.start_ms else attrs.evolve(cue, start_ms=at_ms))
    return 0


def _countdown(events: Heard, site: Countdown, cues: Cues) -> int:
    """Ticks a second apart before a part of a hold long enough for them (rapid holds stay
    quiet), never inside the hold, rep, breath or self-paced part before; a tick whose beep would
    sound over words is left out (counted)."""
    ticks = cues.countdown if site.allowed else 0
    if site.longest_ms < cues.countdown_min.ms:
        ticks = 0
    left_out = 0
    for tick in range(ticks, 0, -1):
        at_ms = site.at_ms - tick * 1000
        if at_ms >= site.lead_in_ms and not _quiet(events, at_ms, at_ms + BEEP_MS):
            left_out += 1
        elif at_ms >= site.lead_in_ms:
            said = _COUNTDOWN.get(tick) or _COUNTDOWN.setdefault(
                tick, message("countdown", tick=tick)
            )
            events.append(
                _marker(
                    site.place,
                    f"{site.id}-{tick}",
                    at_ms,
                    Role.COUNTDOWN,
                    str(tick),
                    site.side,
                    said,
                    tick=tick,
                    part=site.part,
                )
            )
    return left_out


def _hold_cues(events: Heard, site: HoldCues, cues: Cues) -> int:
    """A hold's own cue at its start (said with the hold) and again every ``breath_every``, and
    "Halfway" at its middle, each where it has room in its part."""
    held_ms, path = site.held_ms, site.path
    wanted: list[tuple[int, str, Role, str, str | None, Message | None]] = []
    if site.cue is not None and cues.hold_cues:
        every_ms = cues.breath_every.ms if cues.breath_every else held_ms or 1
        text, template = site.cue
        for n, offset in enumerate(range(0, held_ms, every_ms)):
            wanted.append((offset, f"{path}/cue{n}", Role.HOLD_CUE, text, template, None))
    if site.halfway and cues.halfway and held_ms >= cues.halfway_min.ms:
        wanted.append((held_ms // 2, f"{path}/halfway", Role.HALFWAY, "Halfway", None, _HALFWAY))
    count = len(site.parts)
    left_out = 0
    for offset, id, role, text, template, said in sorted(wanted, key=lambda cue: cue[0]):
        at_ms, index = _held_to_clock(offset, site.starts, site.parts)
        part = Position(index + 1, count) if count > 1 else None
        cue = _marker(
            site.place, id, at_ms, role, text, site.side, said, template=template, part=part
        )
        part_end_ms = site.starts[index] + site.parts[index]
        if offset or role is not Role.HOLD_CUE:
            left_out += _said_in_quiet(events, cue, at_ms, part_end_ms)
        else:  # the opening cue: said with the hold, after its words, where they both fit
            found = quiet_time(events, at_ms, at_ms, part_end_ms, events.spoken.said_ms(cue))
            if found is None:
                left_out += 1
            else:
                events.append(cue, heard_from=found)
    return left_out


def quiet_time(events: Heard, want_ms: int, lo_ms: int, hi_ms: int, length_ms: int) -> int | None:
    """When a cue that takes ``length_ms`` to say may be said, between ``lo_ms`` and ``hi_ms``
    (its words ending by then) without talking over anything said there: the latest such time
    not after ``want_ms``, else the earliest after it; None if there is no room."""
    gaps, free_from = [], lo_ms
    for said_from, said_to in sorted(_said_since(events, lo_ms)):
        if said_from > free_from:
            gaps.append((free_from, min(said_from, hi_ms)))
        free_from = max(free_from, said_to)
        if free_from >= hi_ms:
            break
    gaps.append((free_from, hi_ms))
    best: int | None = None
    for gap_from, gap_to in gaps:
        if gap_to - gap_from < length_ms:
            continue
        if gap_from > want_ms:  # the first room after want_ms, unless there was some before
            return gap_from if best is None else best
        best = min(gap_to - length_ms, want_ms)
    return best


class Heard(list[Event]):
    """The events made so far; for each, when it is heard (``span``), and the latest time the
    words (or beeps) of any marker up to it reach: a look back for what is said stops at a
    segment that ends before the time in question only when no marker before it is still being
    said then. ``spoken`` reckons how long words take."""

    def __init__(self, spoken: Spoken, events: Iterable[Event] = ()) -> None:
        super().__init__()
        self.spoken = spoken
        self.reach: list[int] = []
        self._spans: list[tuple[int, int] | None] = []  # a segment's reckoned when first asked
        for event in events:
            self.append(event)

    def append(self, event: Event, heard_from: int | None = None) -> None:
        """Add ``event``; a marker said after other words at its time (a hold's opening cue,
        after the hold's) is heard from ``heard_from``."""
        super().append(event)
        reach = self.reach[-1] if self.reach else 0
        span = None
        if not event.duration_ms:
            span = self._marker_span(event, event.start_ms if heard_from is None else heard_from)
            reach = max(reach, span[1])
        self._spans.append(span)
        self.reach.append(reach)

    def segment_at(self, at_ms: int) -> Event:
        """The segment made so far that is going on at ``at_ms``."""
        for index in range(len(self) - 1, -1, -1):
            event = self[index]
            if event.duration_ms and event.start_ms <= at_ms < event.end_ms:
                return event
        raise LookupError(at_ms)  # pragma: no cover - only asked for times inside segments

    def span(self, index: int) -> tuple[int, int]:
        """When ``self[index]`` is not quiet: a segment's opening words (its text, and what a
        self-paced part waits for) cut at its end, or the whole of a breath phase or self-paced
        segment (no cue goes inside one); a marker's words or beep."""
        span = self._spans[index]
        if span is None:
            event = self[index]
            if event.kind is Kind.BREATH or event.open:
                span = event.start_ms, event.end_ms
            else:
                said = self.spoken.said_ms(event)
                span = event.start_ms, event.start_ms + min(event.duration_ms, said)
            self._spans[index] = span
        return span

    def _marker_span(self, marker: Event, from_ms: int) -> tuple[int, int]:
        """A countdown's beep; a cue's or a skip note's words; nothing for the rest."""
        if marker.role is Role.COUNTDOWN:
            return marker.start_ms, marker.start_ms + BEEP_MS
        if marker.kind not in _SAID_MARKERS:
            return marker.start_ms, marker.start_ms
        return from_ms, from_ms + self.spoken.said_ms(marker)


def _quiet(events: Heard, lo_ms: int, hi_ms: int) -> bool:
    """Whether nothing is said (nor beeped, nor breathed) from ``lo_ms`` to ``hi_ms``."""
    return all(to_ms <= lo_ms or hi_ms <= from_ms for from_ms, to_ms in _said_since(events, lo_ms))


def _said_since(events: Heard, since_ms: int) -> list[tuple[int, int]]:
    """What is not quiet from ``since_ms`` on, as [start, end) spans (``Heard.span``)."""
    spans = []
    reach = events.reach
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if event.duration_ms:
            if event.end_ms <= since_ms:
                if index == 0 or reach[index - 1] <= since_ms:
                    break  # nothing before it is heard after since_ms
                continue
            spans.append(events.span(index))
        elif event.role is Role.COUNTDOWN or event.kind in _SAID_MARKERS:
            spans.append(events.span(index))
    return spans


def _held_to_clock(
    offset_ms: int, starts: tuple[int, ...], parts: tuple[int, ...]
) -> tuple[int, int]:
    """The clock time at ``offset_ms`` of held time into a hold split into ``parts``, and the
    index of the part it falls in."""
    for index, (start_ms, part_ms) in enumerate(zip(starts, parts, strict=True)):
        if offset_ms < part_ms:
            return start_ms + offset_ms, index
        offset_ms -= part_ms
    return starts[-1] + parts[-1], len(parts) - 1  # pragma: no cover - below the held time
