"""The two small vocabularies shared by the DSL and the timeline: sides and event kinds."""

from __future__ import annotations

import enum

__all__ = ["Kind", "Side"]


class Side(enum.StrEnum):
    """Which side of the body a per-side instruction is for."""

    LEFT = "left"
    RIGHT = "right"

    def __repr__(self) -> str:
        return f"Side.{self.name}"

    @property
    def other(self) -> Side:
        """The opposite side."""
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class Kind(enum.StrEnum):
    """What an event is. Segments take time; markers (cue, skip, end) take none."""

    TITLE = "title"
    ANNOUNCE = "announce"
    CAUTION = "caution"
    MODIFICATION = "modification"
    STEP = "step"
    HOLD = "hold"
    SWITCH = "switch"
    REP = "rep"
    REST = "rest"
    BREAK = "break"
    CUE = "cue"
    SKIP = "skip"
    END = "end"

    def __repr__(self) -> str:
        return f"Kind.{self.name}"
