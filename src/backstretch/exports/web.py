"""Web player (``.html``): one self-contained page that plays the routine anywhere, offline.

The timeline document is embedded as JSON; the CSS and JavaScript are inline; nothing is loaded
from the network (a Content-Security-Policy forbids it). The page's engine follows the same rules
as :class:`backstretch.player.Player`. See ``docs/web-player.md``.
"""

from __future__ import annotations

import functools
import html
import json
import re
from importlib import resources

from .._base.text import printable
from .._i18n.words import WORDS, words_for
from .._timeline.codec import timeline_to_data
from .._timeline.timeline import Timeline

TEMPLATE = "web_player.html"
_PLACEHOLDER = re.compile(
    r"\{\{(TITLE|TOTAL|SUMMARY|TIMELINE_JSON|WORDS_JSON|LANG|PLAYER_MODULE|W:\w+)\}\}"
)
#: The JavaScript player module's files, in the package (``backstretch/js``).
_MODULE_FILES = ("catalogs.js", "backstretch-player.js")
_EXPORT = re.compile(r"^export (?:const|function|class) (\w+)", re.MULTILINE)


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


@functools.cache
def player_module() -> str:
    """The JavaScript player module (with its catalogs) as the body of a function that returns
    its exports: the page runs it inline, where ES module imports cannot reach a file."""
    folder = resources.files("backstretch").joinpath("js")
    code = "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in _MODULE_FILES)
    names = _EXPORT.findall(code)
    code = re.sub(r'^import \{[^}]*\} from "[^"]*";$', "", code, flags=re.MULTILINE)
    code = re.sub(r"^export ", "", code, flags=re.MULTILINE)
    # Inside <script>, nothing may end the element.
    return code.replace("</", "<\\/") + f"\nreturn {{ {', '.join(names)} }};"


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
        "PLAYER_MODULE": player_module(),
    }

    def value(name: str) -> str:
        return html.escape(own[name[2:]]) if name.startswith("W:") else values[name]

    # One pass: a value that happens to contain a placeholder is never filled in again.
    return _PLACEHOLDER.sub(lambda match: value(match[1]), page)
