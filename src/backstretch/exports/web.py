"""Web player (``.html``): one self-contained page that plays the routine anywhere, offline.

The timeline document is embedded as JSON; the CSS and JavaScript are inline; nothing is loaded
from the network (a Content-Security-Policy forbids it). The page's engine follows the same rules
as :class:`backstretch.player.Player`. See ``docs/web-player.md``.
"""

from __future__ import annotations

import html
from importlib import resources

from .._serialize import dumps_timeline
from .._time import format_ms
from .._timeline import Timeline

TEMPLATE = "web_player.html"


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
    return (
        page.replace("{{TITLE}}", html.escape(timeline.title))
        .replace("{{TOTAL}}", html.escape(total))
        .replace("{{TIMELINE_JSON}}", embedded.strip())
    )
