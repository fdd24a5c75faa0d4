"""Limits that turn a hostile or mistaken document or routine into a clear error instead of a hang.

How far a routine can expand is bounded from its tree in ``_dsl.bounds``; this module holds the
limits themselves and the checks that need no routine, so timelines use them too.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..exceptions import InvalidValueError, LimitError
from .rules import is_count
from .time import Duration, format_ms, minutes, to_duration

__all__ = ["Limits", "check_depth", "check_total"]


def _positive_int(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not is_count(value):
        raise InvalidValueError(f"Limits.{attr.name} must be a whole number >= 1, got {value!r}")


def _as_duration(value: Duration | str) -> Duration:
    return to_duration(value, field="Limits.max_total")


@attrs.frozen
class Limits:
    """How big a routine or document may be. The defaults suit any real routine by far; an app
    that serves untrusted documents may lower them, one that plays marathons may raise them.

    - ``max_bytes``: size of a document's text (1 MB).
    - ``max_depth``: nesting of a document's objects and lists (64).
    - ``max_events``: events a routine may expand to, at the top of every range (100 000).
    - ``max_total``: length of a compiled routine (6 hours).
    """

    max_bytes: int = attrs.field(default=1_000_000, kw_only=True, validator=_positive_int)
    max_depth: int = attrs.field(default=64, kw_only=True, validator=_positive_int)
    max_events: int = attrs.field(default=100_000, kw_only=True, validator=_positive_int)
    max_total: Duration = attrs.field(default=minutes(360), kw_only=True, converter=_as_duration)


def check_depth(data: object, limits: Limits) -> None:
    """Refuse a document tree nested deeper than ``limits.max_depth`` (without recursing)."""
    if not isinstance(data, dict | list):
        return
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 1)]
    while stack:  # only containers are ever pushed: a flat document costs one step per object
        value, depth = stack.pop()
        if depth > limits.max_depth:
            raise LimitError(
                f"the document is nested more than {limits.max_depth} levels deep "
                f"(Limits.max_depth)"
            )
        for child in value.values() if isinstance(value, dict) else value:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))


def check_total(total_ms: int, limits: Limits) -> None:
    """Refuse a compiled routine longer than ``limits.max_total``."""
    if total_ms > limits.max_total.ms:
        raise LimitError(
            f"this routine lasts {format_ms(total_ms)}; the limit is "
            f"{format_ms(limits.max_total.ms)} (Limits.max_total)"
        )
