"""The library's words in other languages: gettext catalogs, side words and condition names.

Every text the library writes has an English source in one of its tables: the message table
(``MESSAGES``: a timeline's messages), the side words and the names of the shared conditions,
and the players' words (``words.WORDS``: "Next:", "3 reps on each side"). Each has a gettext
context (its key) and its English text as the message id. The translations live in
``locale/<language>/LC_MESSAGES/backstretch.po``, made and compiled with Babel (see
docs/languages.md); the compiled ``.mo`` files ship in the package and are read with the
standard library's ``gettext``, so reading them costs no import.

The author's own words are translated by the routine itself (``Routine.translations``); this
module only fills the sides into them: ``{side}`` and ``{other}`` take the language's plain side
word, and ``{side|LEFT FORM|RIGHT FORM}`` (likewise ``{other|...}``) lets a translation give the
form its noun needs ("den {side|linken|rechten} Fuß").
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path
from typing import Any

from .._base.kinds import Side

__all__ = [
    "LANGUAGES",
    "fill",
    "fill_sides",
    "side_word",
]

#: The languages the library writes its own text in: complete catalogs ship for each.
LANGUAGES = ("en", "de", "es")
#: Where the catalogs are: ``<language>/LC_MESSAGES/backstretch.mo`` under it.
LOCALE_DIR = Path(__file__).parent.parent / "locale"
DOMAIN = "backstretch"

#: The gettext context of a side word the author's ``{side}`` and ``{other}`` take; a message
#: with a ``side`` parameter has its own context, ``side:<key>``, for the form its words need.
SIDE_CONTEXT = "side"


@functools.cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (English needs none: its words are the sources; a
    language with no catalog, such as a routine's own "fr", gets the English words)."""
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language])


def translate(context: str, english: str, language: str) -> str:
    """``english`` in ``language``, looked up under ``context``; English where there is none."""
    return english if language == "en" else catalog(language).pgettext(context, english)


def message_side_context(key: str) -> str:
    """The gettext context of the side word in the message ``key`` ("side:switch")."""
    return f"{SIDE_CONTEXT}:{key}"


def side_word(side: Side, language: str, context: str = SIDE_CONTEXT) -> str:
    """The word for ``side`` in ``language`` ("left", "links", "izquierdo")."""
    return translate(context, side.value, language)


#: ``{side}``, ``{other}``, and their forms ``{side|left form|right form}``.
_SIDES = re.compile(r"\{(side|other)(?:\|([^{}|]*)\|([^{}|]*))?\}")


def placeholder_name(inside: str) -> str:
    """The name of a placeholder from what is inside its braces: ``side`` for
    ``side|linken|rechten``, the text itself for anything else."""
    found = _SIDES.fullmatch(f"{{{inside}}}")
    return found[1] if found else inside


def fill_sides(text: str, side: Side, language: str = "en") -> str:
    """``text`` with ``{side}`` and ``{other}`` filled for ``side``: the language's side word, or
    the form the text gives for it (``{side|linken|rechten}``)."""

    def one(match: re.Match[str]) -> str:
        meant = side if match[1] == "side" else side.other
        if match[2] is None:
            return side_word(meant, language)
        return match[2] if meant is Side.LEFT else match[3]

    return _SIDES.sub(one, text) if "{" in text else text


def fill(text: str, side: Side | None, round_: Any, language: str) -> str:
    """The author's ``text`` with its sides (``{side}``, ``{other}`` and their forms) filled for
    ``side`` and its round (``{round}``, ``{rounds}``) for ``round_`` (a Position, or None)."""
    if "{" not in text:
        return text
    if side is not None:
        text = fill_sides(text, side, language)
    if round_ is not None:
        text = text.replace("{rounds}", str(round_.count)).replace("{round}", str(round_.index))
    return text


def condition_word(name: str, language: str) -> str:
    """A shared condition's name in ``language`` (a routine's own conditions stay as named)."""
    return translate("condition", name, language)
