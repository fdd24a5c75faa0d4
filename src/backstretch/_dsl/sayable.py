"""Texts too long to say in their time: warnings for authors, each at its ``$.path``.

A step of 3 s cannot carry twenty words: at the reference pace (``speaking_ms``, the audio
guide's voice) its words would run into what follows, every time; nor can its German translation,
often longer. ``overruns`` finds every text, and every translation of one, that takes longer to say
than the shortest its segment can last (a range at its low end, a hold split by breaks in its
parts); ``check`` and ``show`` print them, and ``compile_routine(..., strict_speech=True)``
refuses such a routine. Texts whose time is reckoned from their words (a step without a duration)
always fit.
"""

from __future__ import annotations

from .._base.kinds import Side
from .._base.text import speaking_ms
from .._base.time import BREATH, Breaths, Duration, DurationRange, shown
from .._i18n.catalogs import fill_sides
from .._timeline.messages import LibraryWords
from ..exceptions import Problem
from .nodes import (
    BodyNode,
    Break,
    Breath,
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
    """Every text of ``routine`` (and of its translations) that cannot be said within its segment
    at the reference pace, with by how much, in tree order."""
    said = _Said(routine)
    for index, item in enumerate(routine.body):
        path = f"$.body[{index}]"
        if isinstance(item, Circuit):
            for number, inner in enumerate(item.body):
                said.item(inner, f"{path}.body[{number}]")
        else:
            said.item(item, path)
    return said.found


class _Said:
    """The walk: each text said in a segment, measured in the routine's language and in each
    language it is translated into (a text without a translation is said as written)."""

    def __init__(self, routine: Routine) -> None:
        self.language = routine.language
        self.translations = routine.translations
        self.found: list[Problem] = []

    def item(self, item: Stretch | Rest, path: str) -> None:
        if isinstance(item, Rest):
            self.said(_with_until(item.text, item.until), item.shortest_ms, f"{path}.text", "rest")
            return
        self.body(item.body, f"{path}.body")
        if item.alternative is not None:
            self.item(item.alternative, f"{path}.alternative")

    def body(self, body: tuple[BodyNode, ...], path: str) -> None:
        for index, node in enumerate(body):
            self.node(node, f"{path}[{index}]")

    def node(self, node: BodyNode, path: str) -> None:
        if isinstance(node, Step) and node.duration is not None:
            self.said(_with_until(node.text, node.until), node.duration.ms, f"{path}.text", "step")
        elif isinstance(node, Hold):
            self.hold(node, path)
        elif isinstance(node, Breath):
            for name, length, own in node.said_phases:
                if own:
                    field = "hold" if name == "hold_in" else name
                    self.said((own,), length.ms, f"{path}.{field}_text", "breath phase")
        elif isinstance(node, Reps):
            written = node.count
            count = (
                written
                if isinstance(written, int)
                else max(written)
                if isinstance(written, tuple)
                else written.high
            )
            # As each rep says it: "... (5 of 5)".
            self.said((node.text,), node.tempo.ms, f"{path}.text", "rep", f" ({count} of {count})")
        elif isinstance(node, Rest):
            self.said(_with_until(node.text, node.until), node.shortest_ms, f"{path}.text", "rest")
        elif isinstance(node, PerSide | OneSide):
            self.said((node.switch_text,), node.switch.ms, f"{path}.switch_text", "switch")
            self.body(node.body, f"{path}.body")
        elif isinstance(node, Repeat):
            if node.between is not None:
                between = node.between
                said = _with_until(between.text, between.until)
                self.said(said, between.shortest_ms, f"{path}.between.text", "rest")
            self.body(node.body, f"{path}.body")

    def hold(self, hold: Hold, path: str) -> None:
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
            self.said(_with_until(hold.text, hold.until), shortest // parts, f"{path}.text", "hold")
        if isinstance(hold.breaks, Break) and parts > 1:
            breaks = hold.breaks
            self.said((breaks.text,), breaks.duration.ms, f"{path}.breaks.text", "break")

    def said(
        self, texts: tuple[str, ...], lasts_ms: int, path: str, what: str, tail: str = ""
    ) -> None:
        """A warning when ``texts`` (and ``tail``) take longer to say than ``lasts_ms``, in the
        routine's language or in a translation (at the translated text's path)."""
        if isinstance(texts[0], LibraryWords):  # the library's own words, in every language
            return
        where = [(texts, path, self.language, "")]
        for language, table in self.translations.items():
            if any(text in table for text in texts):
                translated = tuple(table.get(text, text) for text in texts)
                at = f"$.translations[{language!r}][{shown(texts[0])}]"
                where.append((translated, at, language, f" (in {language})"))
        for words, at, language, said_in in where:
            said_ms = speaking_ms(_filled(" ".join(words) + tail, language))
            if said_ms > lasts_ms:
                self.found.append(
                    Problem(
                        at,
                        f"{shown(words[0])} takes {_seconds(said_ms)} to say{said_in} at the "
                        f"audio guide's pace, "
                        f"but the {what} lasts {_seconds(lasts_ms)} "
                        f"({_seconds(said_ms - lasts_ms)} over): shorten it, or give it more time",
                    )
                )


def _with_until(text: str, until: str | None) -> tuple[str, ...]:
    return (text,) if not until else (text, until)


def _filled(words: str, language: str) -> str:
    """The words as said: a side in place of each ``{side}`` and ``{other}`` (and their forms),
    a number in place of ``{round}`` and ``{rounds}``."""
    words = fill_sides(words, Side.RIGHT, language)
    return words.replace("{rounds}", "2").replace("{round}", "1")


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.1f} s"
