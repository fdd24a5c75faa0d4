"""Web player (``.html``): one self-contained page that plays the routine anywhere, offline.

The timeline document is embedded as JSON; the CSS and JavaScript are inline; nothing is loaded
from the network (a Content-Security-Policy forbids it). The page's engine follows the same rules
as :class:`backstretch.player.Player`. See ``docs/web-player.md``.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from .._text import printable
from .._time import format_ms
from .._timeline import Timeline
from .._timeline_json import timeline_to_data

TEMPLATE = "web_player.html"
_PLACEHOLDER = re.compile(r"\{\{(TITLE|TOTAL|SUMMARY|TIMELINE_JSON)\}\}")


def render(timeline: Timeline) -> str:
    page = resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")
    # JSON inside <script>: ASCII only (every other character as a \u escape, so nothing the
    # timeline holds can break the page's encoding), and the characters that could end the
    # element or start markup escaped too.
    embedded = (
        json.dumps(timeline_to_data(timeline), ensure_ascii=True, separators=(",", ":"))
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )
    chapters = len(timeline.chapters)
    total = f"{format_ms(timeline.total_ms)} · {chapters} stretch{'es' if chapters != 1 else ''}"
    summary = timeline.personalization
    values = {
        "TITLE": html.escape(printable(timeline.title)),
        "TOTAL": html.escape(total),
        "SUMMARY": "" if summary is None else html.escape(printable(summary.text)),
        "TIMELINE_JSON": embedded.strip(),
    }
    # One pass: a value that happens to contain a placeholder is never filled in again.
    return _PLACEHOLDER.sub(lambda match: values[match[1]], page)
