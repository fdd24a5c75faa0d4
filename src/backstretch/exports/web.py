"""Web player (``.html``): one self-contained page that plays the routine anywhere, offline.

The timeline document is embedded as JSON; the CSS and JavaScript are inline; nothing is loaded
from the network (a Content-Security-Policy forbids it). The page's engine follows the same rules
as :class:`backstretch.player.Player`. See ``docs/web-player.md``.
"""

from __future__ import annotations

import html
import re
from importlib import resources

from .._time import format_ms
from .._timeline import Timeline
from .._timeline_json import dumps_timeline

TEMPLATE = "web_player.html"
_PLACEHOLDER = re.compile(r"\{\{(TITLE|TOTAL|TIMELINE_JSON)\}\}")


def render(timeline: Timeline) -> str:
    page = resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")
    # JSON inside <script>: escape the characters that could end the element or start markup.
    embedded = (
        dumps_timeline(timeline)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )
    chapters = len(timeline.chapters)
    total = f"{format_ms(timeline.total_ms)} · {chapters} stretch{'es' if chapters != 1 else ''}"
    values = {
        "TITLE": html.escape(timeline.title),
        "TOTAL": html.escape(total),
        "TIMELINE_JSON": embedded.strip(),
    }
    # One pass: a value that happens to contain a placeholder is never filled in again.
    return _PLACEHOLDER.sub(lambda match: values[match[1]], page)
