"""Captions shared by WebVTT and SRT: pieces that tile the timeline, each with what to show.

Each segment becomes one caption (side first, then the instruction); a cue marker inside it splits
it, and the cue's text shows on a line of its own for ``CUE_SHOWN_MS`` or until the next cue or the
end of the segment. Markers at the same time stack, one line each, and a skip note (what was left
out, and why) stays for its whole ``CUE_SHOWN_MS`` even when a cue follows it: no marker's words are
ever dropped. Adjacent pieces that show the same lines merge. So the captions are sorted, never
overlap, leave no gap, and the last one ends at ``total_ms``.
"""

from __future__ import annotations

import itertools

import attrs

from .._base.kinds import Kind
from .._base.text import printable
from .._i18n.words import spoken
from .._timeline.messages import render_message
from .._timeline.timeline import Event, Timeline

#: How long a cue's text stays on screen, at most.
CUE_SHOWN_MS = 3000


@attrs.frozen
class Caption:
    id: str
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]


def one_line(text: str) -> str:
    """Whitespace (newlines included) collapsed, so a caption line never breaks a caption block,
    and no control character left (see _text)."""
    return " ".join(printable(text).split())


def main_line(segment: Event) -> str:
    """Side first, then the instruction, then for a self-paced part what to wait for (captions
    run on the nominal time; the viewer pauses the video)."""
    said = spoken()
    side = f"{said.side(segment.side).upper()} · " if segment.side else ""
    waits = segment.until_message
    until = f" · {render_message(waits, said.language)}" if waits is not None else ""
    return one_line(f"{side}{segment.text}{until}")


def captions(timeline: Timeline) -> list[Caption]:
    """The timeline's captions, tiling ``[0, total_ms)``."""
    markers = [m for m in timeline.markers if m.kind in (Kind.CUE, Kind.SKIP)]
    result: list[Caption] = []
    next_marker = 0
    for segment in timeline.segments:
        inside: list[Event] = []
        while next_marker < len(markers) and markers[next_marker].start_ms < segment.end_ms:
            if markers[next_marker].start_ms >= segment.start_ms:
                inside.append(markers[next_marker])
            next_marker += 1
        cuts = {segment.start_ms, segment.end_ms}
        for marker in inside:
            cuts.add(marker.start_ms)
            cuts.add(min(marker.start_ms + CUE_SHOWN_MS, segment.end_ms))
        edges = sorted(cuts)
        pieces: list[Caption] = []
        for start_ms, end_ms in itertools.pairwise(edges):
            lines = (main_line(segment), *(one_line(m.text) for m in _shown(inside, start_ms)))
            if pieces and pieces[-1].lines == lines:
                pieces[-1] = attrs.evolve(pieces[-1], end_ms=end_ms)
            else:
                piece_id = segment.id if not pieces else f"{segment.id}#{len(pieces) + 1}"
                pieces.append(Caption(piece_id, start_ms, end_ms, lines))
        result.extend(pieces)
    return result


def _shown(inside: list[Event], at_ms: int) -> list[Event]:
    """The markers whose words show at ``at_ms``: every skip note of the last ``CUE_SHOWN_MS``,
    then the cues that started last (all of them, when several start together)."""
    recent = [m for m in inside if m.start_ms <= at_ms < m.start_ms + CUE_SHOWN_MS]
    cues = [m for m in recent if m.kind is Kind.CUE]
    latest = max((m.start_ms for m in cues), default=None)
    return [m for m in recent if m.kind is Kind.SKIP or m.start_ms == latest]


def timestamp(ms: int, decimal_mark: str) -> str:
    """``HH:MM:SS.mmm`` (WebVTT, with ``"."``) or ``HH:MM:SS,mmm`` (SRT, with ``","``)."""
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{decimal_mark}{ms:03d}"
