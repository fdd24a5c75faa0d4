"""Babel's extraction method: every text the catalogs translate, read from the library's tables.

It sits above every layer, as a tool does: it reads the message table (the timeline layer), the
shared conditions (the DSL) and the players' words (i18n). ``locale/babel.cfg`` maps it:
``pybabel extract -F locale/babel.cfg ...`` (see docs/languages.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._base.kinds import Side
from ._dsl.conditions import CONDITIONS
from ._i18n.catalogs import SIDE_CONTEXT, message_side_context
from ._i18n.words import WORDS
from ._timeline.messages import MESSAGES

__all__ = ["entries", "extract"]


def entries() -> Iterator[tuple[str, str, str]]:
    """Every text the catalogs translate: (context, English, what it is for translators)."""

    for key, spec in MESSAGES.items():
        yield key, spec.template, spec.doc
        if "side" in spec.params.values():
            for side in Side:
                yield message_side_context(key), side.value, f"the side word in the message {key!r}"
    for side in Side:
        yield SIDE_CONTEXT, side.value, "the side word an author's {side} and {other} take"
    for condition in CONDITIONS:
        yield "condition", condition.name, f"a condition a person declares: {condition.description}"
    for key, english in WORDS.items():
        yield f"player:{key}", english, "a player's or export's own words"


def extract(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel's extraction method for the tables above (``locale/babel.cfg`` maps it)."""
    for lineno, (context, english, doc) in enumerate(entries(), start=1):
        yield lineno, "pgettext", (context, english), [doc]
