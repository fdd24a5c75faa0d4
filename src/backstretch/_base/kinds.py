"""The small vocabularies shared by the DSL and the timeline: sides, event kinds and event roles.

A kind says what an event is (a hold, a cue); a role says what it is for, from a closed table
per kind (a cue is a ``countdown``, ``halfway``, ``hold_cue``, ``switch_prompt`` or
``next_up``). Players in any language switch on these values; nobody parses an id or a text to
learn them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ANSWERS",
    "EFFORTS",
    "MARKER_KINDS",
    "ROLES",
    "ROUND_ANSWERS",
    "SEGMENT_KINDS",
    "Affected",
    "Kind",
    "Role",
    "Side",
]


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

    @classmethod
    def of(cls, value: object) -> Side | None:
        """The side ``value`` names (a Side, or its name exactly: ``"left"``), else None: the
        one reading of a side's name, for every reader."""
        if isinstance(value, Side):
            return value
        return _SIDE_NAMES.get(value) if isinstance(value, str) else None


_SIDE_NAMES = {side.value: side for side in Side}


class Affected(enum.StrEnum):
    """A side named by how it is, not where: the side the person says is affected (injured,
    tight, weaker), or the other one. Chosen when compiling (``affected="right"``)."""

    AFFECTED = "affected"
    UNAFFECTED = "unaffected"

    def __repr__(self) -> str:
        return f"Affected.{self.name}"

    def resolve(self, affected: Side) -> Side:
        """The side this names when ``affected`` is the affected side."""
        return affected if self is Affected.AFFECTED else affected.other


class Kind(enum.StrEnum):
    """What an event is. Segments take time; markers (cue, skip, end) take none."""

    TITLE = "title"
    ANNOUNCE = "announce"
    CAUTION = "caution"
    MODIFICATION = "modification"
    STEP = "step"
    HOLD = "hold"
    BREATH = "breath"
    SWITCH = "switch"
    REP = "rep"
    REST = "rest"
    BREAK = "break"
    CHECK_IN = "check_in"
    CUE = "cue"
    SKIP = "skip"
    END = "end"

    def __repr__(self) -> str:
        return f"Kind.{self.name}"


class Role(enum.StrEnum):
    """What an event is for, beyond its kind. ``ROLES`` says which roles each kind may have."""

    TITLE = "title"
    INTRO = "intro"
    ANNOUNCE = "announce"
    PROPS = "props"
    OUTRO = "outro"
    SESSION = "session"
    SAFETY_NOTE = "safety_note"
    CAUTION = "caution"
    MODIFICATION = "modification"
    STEP = "step"
    HOLD = "hold"
    INHALE = "inhale"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"
    SWITCH = "switch"
    REP = "rep"
    REST = "rest"
    REST_BETWEEN = "rest_between"
    BREAK = "break"
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"
    HOLD_CUE = "hold_cue"
    SWITCH_PROMPT = "switch_prompt"
    NEXT_UP = "next_up"
    LEFT_OUT = "left_out"
    REPLACED = "replaced"
    RULED_OUT = "ruled_out"
    PAIN_BEFORE = "pain_before"
    PAIN_AFTER = "pain_after"
    EFFORT = "effort"
    REPS_COUNTED = "reps_counted"
    ANOTHER_ROUND = "another_round"
    END = "end"

    def __repr__(self) -> str:
        return f"Role.{self.name}"


#: The roles each kind may have; the first is the one an Event gets when none is given.
ROLES: Mapping[Kind, tuple[Role, ...]] = MappingProxyType(
    {
        Kind.TITLE: (Role.TITLE,),
        Kind.ANNOUNCE: (Role.ANNOUNCE, Role.PROPS, Role.INTRO, Role.OUTRO, Role.SESSION),
        Kind.CAUTION: (Role.CAUTION, Role.SAFETY_NOTE),
        Kind.MODIFICATION: (Role.MODIFICATION,),
        Kind.STEP: (Role.STEP,),
        Kind.HOLD: (Role.HOLD,),
        Kind.BREATH: (Role.INHALE, Role.HOLD_IN, Role.EXHALE, Role.HOLD_OUT),
        Kind.SWITCH: (Role.SWITCH,),
        Kind.REP: (Role.REP,),
        Kind.REST: (Role.REST, Role.REST_BETWEEN),
        Kind.BREAK: (Role.BREAK,),
        Kind.CHECK_IN: (
            Role.PAIN_BEFORE,
            Role.PAIN_AFTER,
            Role.EFFORT,
            Role.REPS_COUNTED,
            Role.ANOTHER_ROUND,
        ),
        Kind.CUE: (
            Role.COUNTDOWN,
            Role.HALFWAY,
            Role.HOLD_CUE,
            Role.SWITCH_PROMPT,
            Role.NEXT_UP,
        ),
        Kind.SKIP: (Role.LEFT_OUT, Role.REPLACED, Role.RULED_OUT),
        Kind.END: (Role.END,),
    }
)

#: Kinds that take no time (``duration_ms == 0``); every other kind takes at least 1 ms.
MARKER_KINDS = frozenset({Kind.CUE, Kind.SKIP, Kind.END})
SEGMENT_KINDS = frozenset(Kind) - MARKER_KINDS

#: What a check-in's answer is, by its role: a whole number from 0 to 10 (pain), one of three
#: words (effort), a whole number from 0 to the set's count (reps counted, its message's
#: ``most``), or "more" or "enough" (another round). Players offer exactly these;
#: ``Player.answer`` takes them.
ANSWERS: Mapping[Role, str] = MappingProxyType(
    {
        Role.PAIN_BEFORE: "pain",
        Role.PAIN_AFTER: "pain",
        Role.EFFORT: "effort",
        Role.REPS_COUNTED: "count",
        Role.ANOTHER_ROUND: "round",
    }
)
#: The answers to an effort check-in, in the order players offer them.
EFFORTS = ("easy", "right", "hard")
#: The answers to another-round check-in: go on with the next round, or end the Repeat there.
ROUND_ANSWERS = ("more", "enough")
