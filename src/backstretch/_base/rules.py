"""The field rules every layer shares, said once: whole milliseconds, counts and language tags.

Levels and sides have one reader each too (``Level.of`` in ``time``, ``Side.of`` in ``kinds``), and
a condition's spelling one (the DSL's ``Vocabulary.get``). The DSL, compile options, documents, the
timeline's own rules, its loader, the player and the command line all ask these, so a value one
of them takes, every other takes too.
"""

from __future__ import annotations

from .text import LANGUAGE_TAG
from .time import MAX_MS, shown

__all__ = [
    "LANGUAGE_TAG_WORDS",
    "is_count",
    "is_language_tag",
    "is_ms",
    "ms_problem",
]

#: How a message says what a language tag is.
LANGUAGE_TAG_WORDS = "a language tag like 'en' or 'pt-BR'"


def is_ms(value: object) -> bool:
    """A whole number of milliseconds from 0 to MAX_MS (the most a JavaScript number holds)."""
    return type(value) is int and 0 <= value <= MAX_MS


def ms_problem(value: object) -> str | None:
    """What keeps ``value`` from being a time in whole milliseconds, or None."""
    if type(value) is not int:
        return f"must be a whole number of milliseconds, got {shown(value)}"
    if value < 0:
        return f"must be 0 or more, got {shown(value)}"
    if value > MAX_MS:
        return (
            f"must be at most {MAX_MS:,} (2**53 - 1, the most a JavaScript number holds "
            f"exactly), got {shown(value)}"
        )
    return None


def is_count(value: object) -> bool:
    """A whole number from 1: rounds, reps, breaths, parts, limits (True and False are not)."""
    return type(value) is int and value >= 1


def is_language_tag(value: object) -> bool:
    """A language, and a region or script after a hyphen (``"en"``, ``"pt-BR"``; BCP 47,
    simplified): all that ever reaches a catalog's file name or espeak-ng's arguments."""
    return type(value) is str and LANGUAGE_TAG.fullmatch(value) is not None
