"""Texts too long to say in their time: warnings for authors, each at its ``$.path``.

A step of 3 s cannot carry twenty words: at the reference pace (``WORDS_PER_MINUTE``, the audio
guide's voice) its words would run into what follows, every time. ``overruns`` finds every text
that takes longer to say than the shortest its segment can last (a range at its low end, a hold
split by breaks in its parts); ``check`` and ``show`` print them, and ``compile_routine(...,
strict_speech=True)`` refuses such a routine. Texts whose time is reckoned from their words (a
step without a duration) always fit.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._base.text import WORDS_PER_MINUTE, speaking_ms
from .._base.time import BREATH, Breaths, Duration, DurationRange, shown
from .._timeline.messages import LibraryWords
from ..exceptions import Problem
from .nodes import (
    BodyNode,
    Break,
    Circuit,
    Hold,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
    hold_parts,
)

__all__ = ["overruns"]


def overruns(routine: Routine) -> list[Problem]:
    """Every text of ``routine`` that cannot be said within its segment at the reference pace,
    with by how much, in tree order."""
    found: list[Problem] = []
    for index, item in enumerate(routine.body):
        path = f"$.body[{index}]"
        if isinstance(item, Circuit):
            for number, inner in enumerate(item.body):
                found += _item(inner, f"{path}.body[{number}]")
        else:
            found += _item(item, path)
    return found


def _item(item: Stretch | Rest, path: str) -> list[Problem]:
    if isinstance(item, Rest):
        return list(_said(item.text, item.duration.ms, f"{path}.text", "rest", item.text))
    found = list(_body(item.body, f"{path}.body"))
    if item.alternative is not None:
        found += _item(item.alternative, f"{path}.alternative")
    return found


def _body(body: tuple[BodyNode, ...], path: str) -> Iterator[Problem]:
    for index, node in enumerate(body):
        yield from _node(node, f"{path}[{index}]")


def _node(node: BodyNode, path: str) -> Iterator[Problem]:
    if isinstance(node, Step) and node.duration is not None:
        words = f"{node.text} {node.until}".strip()
        yield from _said(words, node.duration.ms, f"{path}.text", "step", node.text)
    elif isinstance(node, Hold):
        yield from _hold(node, path)
    elif isinstance(node, Reps):
        count = node.count if isinstance(node.count, int) else node.count.high
        words = f"{node.text} ({count} of {count})"  # as each rep says it
        yield from _said(words, node.tempo.ms, f"{path}.text", "rep", node.text)
    elif isinstance(node, Rest):
        yield from _said(node.text, node.duration.ms, f"{path}.text", "rest", node.text)
    elif isinstance(node, PerSide | OneSide):
        words = node.switch_text.replace("{side}", "right").replace("{other}", "left")
        yield from _said(words, node.switch.ms, f"{path}.switch_text", "switch", words)
        yield from _body(node.body, f"{path}.body")
    elif isinstance(node, Repeat):
        if node.between is not None:
            between = node.between
            yield from _said(
                between.text, between.duration.ms, f"{path}.between.text", "rest", between.text
            )
        yield from _body(node.body, f"{path}.body")


def _hold(hold: Hold, path: str) -> Iterator[Problem]:
    duration = hold.duration
    if isinstance(duration, Breaths):
        count = duration.count if isinstance(duration.count, int) else duration.count.low
        shortest = count * BREATH.ms  # at the library's default pace
    elif isinstance(duration, DurationRange):
        shortest = duration.low_ms
    else:
        assert isinstance(duration, Duration)
        shortest = duration.ms
    parts = hold_parts(hold)
    if not isinstance(hold.text, LibraryWords):
        words = f"{hold.text} {hold.until}".strip()
        yield from _said(words, shortest // parts, f"{path}.text", "hold", hold.text)
    if isinstance(hold.breaks, Break) and parts > 1:
        breaks = hold.breaks
        yield from _said(
            breaks.text, breaks.duration.ms, f"{path}.breaks.text", "break", breaks.text
        )


def _said(words: str, lasts_ms: int, path: str, what: str, text: str) -> Iterator[Problem]:
    """A warning when ``words`` take longer to say than ``lasts_ms``."""
    said_ms = speaking_ms(words)
    if said_ms > lasts_ms:
        yield Problem(
            path,
            f"{shown(text)} takes {_seconds(said_ms)} to say at {WORDS_PER_MINUTE} words a "
            f"minute, but the {what} lasts {_seconds(lasts_ms)} ({_seconds(said_ms - lasts_ms)} "
            f"over): shorten it, or give it more time",
        )


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.1f} s"
