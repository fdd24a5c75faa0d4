"""SubRip (``.srt``): the same captions as WebVTT, for players that want SRT.

SubRip has no escapes, yet players read HTML-like tags (``<font color=...>``, ``<b>``) and ASS
overrides (``{\\an8}``) in it. So a text's angle brackets are written as their look-alikes
(U+2039 and U+203A, single angle quotation marks), and a brace that opens an override as
``(``: what the author wrote shows as written, and nothing in it can restyle or move the
captions.
"""

from __future__ import annotations

import re

from .._i18n.words import speaking
from .._timeline.timeline import Timeline
from ._captions import captions, timestamp


def render(timeline: Timeline) -> str:
    with speaking(timeline):
        return _render(timeline)


def _render(timeline: Timeline) -> str:
    blocks = [
        f"{number}\n{_stamp(c.start_ms)} --> {_stamp(c.end_ms)}\n" + "\n".join(map(_inert, c.lines))
        for number, c in enumerate(captions(timeline), start=1)
    ]
    return "".join(f"{block}\n\n" for block in blocks)  # every block ends in a blank line


def _stamp(ms: int) -> str:
    return timestamp(ms, ",")


_OVERRIDE = re.compile(r"\{(?=\\)")


def _inert(line: str) -> str:
    """``line`` with nothing a SubRip player would read as markup."""
    return _OVERRIDE.sub("(", line.replace("<", "\u2039").replace(">", "\u203a"))
