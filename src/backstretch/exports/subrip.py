"""SubRip (``.srt``): the same captions as WebVTT, for players that want SRT."""

from __future__ import annotations

from .._i18n import speaking
from .._timeline import Timeline
from ._captions import captions, timestamp


def render(timeline: Timeline) -> str:
    with speaking(timeline):
        return _render(timeline)


def _render(timeline: Timeline) -> str:
    blocks = [
        f"{number}\n{_stamp(c.start_ms)} --> {_stamp(c.end_ms)}\n" + "\n".join(c.lines)
        for number, c in enumerate(captions(timeline), start=1)
    ]
    return "".join(f"{block}\n\n" for block in blocks)  # every block ends in a blank line


def _stamp(ms: int) -> str:
    return timestamp(ms, ",")
