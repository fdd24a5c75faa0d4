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

from .._base.kinds import Kind, Role, Side
from .._base.text import BEEP_MS, speaking_ms
from .._timeline.messages import render_message
from .._timeline.timeline import Event, Message, Position
from .choose import message
from .layout import Countdown, HoldCues, NextUp, Place, Site, SwitchPrompt, marker
from .options import Cues

__all__ = ["Heard", "place_cues", "quiet_time"]

_HALFWAY = Message("halfway")
_SWITCH_PROMPT = {side: message("switch_prompt", side=side.value) for side in Side}
_COUNTDOWN: dict[int, Message] = {}

#: The markers whose text players say: cues and the notes of stretches left out.
_SAID_MARKERS = frozenset({Kind.CUE, Kind.SKIP})


def place_cues(stream: Iterable[Event | Site], cues: Cues) -> tuple[list[Event], int]:
    """The events of a layout with the cue markers ``cues`` asks for, each made when its site is
    reached (it has room only where nothing made before it is said); and how many found no quiet
    time and were left out."""
    events = Heard()
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
    """The preview of the stretch about to start, inside the segment before it and said before
    the stretch's own words; none where there is no room to say it (1: left out)."""
    if not cues.next_up:
        return 0
    before = site.before
    preview = message("next_up", name=site.name)
    text = render_message(preview)
    end_ms = before.end_ms
    at_ms = quiet_time(
        events, end_ms - cues.next_up_lead.ms, before.start_ms, end_ms, speaking_ms(text)
    )
    if at_ms is None:
        return 1
    # Said in the segment before: its stretch and rounds (the id has its prefix already).
    place = Place("", before.stretch, before.stretch_id, before.rounds)
    events.append(
        _marker(place, site.id, at_ms, Role.NEXT_UP, text, None, preview, target=site.key)
    )
    return 0


def _switch_prompt(events: Heard, site: SwitchPrompt, cues: Cues) -> int:
    """The prompt to get ready for the switch, within the side before it (1: left out)."""
    if not cues.switch_prompt:
        return 0
    said = _SWITCH_PROMPT[site.to]
    text = render_message(said)
    want_ms = site.at_ms - cues.switch_lead.ms
    at_ms = quiet_time(events, want_ms, site.since_ms, site.at_ms, speaking_ms(text))
    if at_ms is None:
        return 1
    events.append(_marker(site.place, site.id, at_ms, Role.SWITCH_PROMPT, text, site.to, said))
    return 0


def _countdown(events: Heard, site: Countdown, cues: Cues) -> int:
    """Ticks a second apart before a part of a hold long enough for them (rapid holds stay
    quiet), never inside the hold, rep, breath or self-paced part before; a tick whose beep would
    sound over words is left out (counted)."""
    ticks = cues.countdown if site.allowed else 0
    if site.part_ms < cues.countdown_min.ms:
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
        if offset or role is not Role.HOLD_CUE:  # its opening cue is said with the hold
            part_end_ms = site.starts[index] + site.parts[index]
            found = quiet_time(events, at_ms, at_ms, part_end_ms, speaking_ms(text))
            if found is None:
                left_out += 1
                continue
            at_ms = found
        part = Position(index + 1, count) if count > 1 else None
        events.append(
            _marker(
                site.place, id, at_ms, role, text, site.side, said, template=template, part=part
            )
        )
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
    """The events made so far, and for each, the latest time the words (or beeps) of any marker up
    to it reach: a look back for what is said stops at a segment that ends before the time in
    question only when no marker before it is still being said then."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        super().__init__()
        self.reach: list[int] = []
        for event in events:
            self.append(event)

    def append(self, event: Event) -> None:
        super().append(event)
        reach = self.reach[-1] if self.reach else 0
        if not event.duration_ms:
            reach = max(reach, _marker_span(event)[1])
        self.reach.append(reach)


def _marker_span(marker: Event) -> tuple[int, int]:
    """When a marker is heard: a countdown's beep, a cue's or a skip note's words."""
    if marker.role is Role.COUNTDOWN:
        return marker.start_ms, marker.start_ms + BEEP_MS
    if marker.kind in _SAID_MARKERS:
        return marker.start_ms, marker.start_ms + speaking_ms(marker.text)
    return marker.start_ms, marker.start_ms


def _quiet(events: Heard, lo_ms: int, hi_ms: int) -> bool:
    """Whether nothing is said (nor beeped, nor breathed) from ``lo_ms`` to ``hi_ms``."""
    return all(to_ms <= lo_ms or hi_ms <= from_ms for from_ms, to_ms in _said_since(events, lo_ms))


def _said_since(events: Heard, since_ms: int) -> list[tuple[int, int]]:
    """What is not quiet from ``since_ms`` on, as [start, end) spans: the opening words of each
    segment (its text, and what a self-paced part waits for), every skip note's and cue's words,
    every countdown's beep, and the whole of every breath phase and self-paced segment."""
    spans = []
    reach = events.reach
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if event.duration_ms:
            if event.end_ms <= since_ms:
                if index == 0 or reach[index - 1] <= since_ms:
                    break  # nothing before it is heard after since_ms
                continue
            if event.kind is Kind.BREATH or event.until is not None:  # never a cue inside
                spans.append((event.start_ms, event.end_ms))
                continue
            said = speaking_ms(event.text)
            if event.until_message is not None:
                said += speaking_ms(render_message(event.until_message))
            spans.append((event.start_ms, event.start_ms + min(event.duration_ms, said)))
        elif event.role is Role.COUNTDOWN or event.kind in _SAID_MARKERS:
            spans.append(_marker_span(event))
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
