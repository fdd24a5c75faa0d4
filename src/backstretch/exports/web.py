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

from .._base.text import printable
from .._i18n.words import WORDS, words_for
from .._timeline.codec import timeline_to_data
from .._timeline.timeline import Timeline

TEMPLATE = "web_player.html"
_PLACEHOLDER = re.compile(r"\{\{(TITLE|TOTAL|SUMMARY|TIMELINE_JSON|WORDS_JSON|LANG|W:\w+)\}\}")


def _script_json(data: object) -> str:
    """JSON inside <script>: ASCII only (every other character as a \\u escape, so nothing in it
    can break the page's encoding), and the characters that could end the element or start
    markup escaped too."""
    return (
        json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )


def render(timeline: Timeline) -> str:
    page = resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")
    # The page speaks the timeline's language: its own words, its lang (the voice speech uses).
    words = words_for(timeline)
    own = {key: words(key) for key in WORDS}
    summary = timeline.personalization
    values = {
        "TITLE": html.escape(printable(timeline.title)),
        "TOTAL": html.escape(words.stretches(timeline)),
        "SUMMARY": "" if summary is None else html.escape(printable(summary.text)),
        "TIMELINE_JSON": _script_json(timeline_to_data(timeline)),
        "WORDS_JSON": _script_json(own),
        "LANG": words.language,
    }

    def value(name: str) -> str:
        return html.escape(own[name[2:]]) if name.startswith("W:") else values[name]

    # One pass: a value that happens to contain a placeholder is never filled in again.
    return _PLACEHOLDER.sub(lambda match: value(match[1]), page)
