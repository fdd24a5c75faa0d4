"""The library's own words as data, one document per language, for players written in any language.

A timeline carries every text the library wrote as a message: a key and parameters
(docs/timeline.md). A player that renders them itself, in the timeline's language or its own,
needs the templates, the side words, the condition words and the players' own words: this
document has them all. It is published three ways, all equal: ``messages(language)`` here,
``backstretch messages --lang de`` on the command line, and the files
``backstretch/js/catalogs/<language>.json`` in the package (the JavaScript player module renders
from them).

>>> from backstretch import catalog
>>> german = catalog.messages("de")
>>> german["messages"]["switch"], german["message_sides"]["switch"]["left"]
('Wechsel zur {side} Seite', 'linken')
>>> german["conditions"]["knee"]
'Knie'
"""

from __future__ import annotations

import json
from typing import Any

from .._base.kinds import Side
from .._dsl.conditions import CONDITIONS
from .._i18n.catalogs import LANGUAGES, condition_word, message_side_context, side_word, translate
from .._i18n.words import WORDS, words
from .._timeline.messages import MESSAGES
from ..exceptions import InvalidValueError

__all__ = ["FORMAT", "messages", "messages_json"]

#: What the document says it is, and the version of its shape.
FORMAT = {"type": "backstretch-messages", "version": 1}


def messages(language: str = "en") -> dict[str, Any]:
    """The library's words in ``language`` (one of ``LANGUAGES``) as a document:

    - ``messages``: each message key's template in the language, ``{name}`` placeholders;
    - ``params``: each key's parameters and their types (``text``, ``texts``, ``side``,
      ``conditions``, ``number``, ``duration``), the same in every language;
    - ``sides``: the words for ``left`` and ``right``; ``message_sides``: the form a message's
      own words need where it differs by key ("zur linken Seite");
    - ``conditions``: the word for each shared condition name (a routine's own conditions are
      shown as named);
    - ``words``: the players' own words around a timeline ("Next: {what}", button labels);
    - ``list_separator``: what joins a list of texts or conditions.

    Render a message: each ``texts`` or ``conditions`` parameter joined with the separator (a
    condition by its word, or its name where there is none), a ``duration`` as a clock reading
    (``m:ss``, ``h:mm:ss`` from an hour), a ``side`` by ``message_sides[key]`` or else
    ``sides``, a number in digits, a text as it is; then each ``{name}`` of the template."""
    if language not in LANGUAGES:
        raise InvalidValueError(
            f"the library's words are in {', '.join(LANGUAGES)}, not {language!r}"
        )
    said = words(language)
    message_sides = {
        key: {side.value: side_word(side, language, message_side_context(key)) for side in Side}
        for key, spec in MESSAGES.items()
        if "side" in spec.params.values()
    }
    return {
        **FORMAT,
        "language": language,
        "messages": {
            key: translate(key, spec.template, language) for key, spec in MESSAGES.items()
        },
        "params": {key: dict(spec.params) for key, spec in MESSAGES.items()},
        "sides": {side.value: side_word(side, language) for side in Side},
        "message_sides": message_sides,
        "conditions": {c.name: condition_word(c.name, language) for c in CONDITIONS},
        "words": {key: said(key) for key in WORDS},
        "list_separator": ", ",
    }


def messages_json(language: str = "en") -> str:
    """``messages(language)`` as JSON text: UTF-8, one key a line where it is short, stable."""
    return json.dumps(messages(language), ensure_ascii=False, indent=1) + "\n"
