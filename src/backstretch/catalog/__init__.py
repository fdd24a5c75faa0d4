"""The built-in routines, and their stretches for reuse in your own routines.

>>> from backstretch import catalog
>>> catalog.names()  # doctest: +NORMALIZE_WHITESPACE
('calm-breathing', 'chair-mobility', 'desk-break', 'hamstring-release', 'knee-strength',
 'neck-release', 'pilates-for-back-pain')
>>> catalog.get("pilates-for-back-pain").title
'Pilates for Back Pain'
"""

from __future__ import annotations

from .._dsl.nodes import Routine
from .._program.program import Program
from ..exceptions import UnknownRoutineError
from . import (
    calm_breathing,
    chair_mobility,
    desk_break,
    hamstring_release,
    knee_strength,
    neck_release,
    pilates_for_back_pain,
)
from .messages import messages
from .pilates_for_back_pain import childs_pose, legs_up_a_wall, lunges

__all__ = [
    "childs_pose",
    "get",
    "legs_up_a_wall",
    "lunges",
    "messages",
    "names",
    "program",
    "program_names",
]

_ROUTINES: dict[str, Routine] = {
    module.NAME: module.routine
    for module in (
        pilates_for_back_pain,
        neck_release,
        calm_breathing,
        chair_mobility,
        knee_strength,
        hamstring_release,
        desk_break,
    )
}


def names() -> tuple[str, ...]:
    """The names of the built-in routines, sorted."""
    return tuple(sorted(_ROUTINES))


def get(name: str) -> Routine:
    """The built-in routine called ``name``; an UnknownRoutineError names the known ones."""
    try:
        return _ROUTINES[name]
    except (KeyError, TypeError):
        known = ", ".join(names())
        raise UnknownRoutineError(
            f"no built-in routine is called {name!r}; the built-in routines are: {known}"
        ) from None


def program_names() -> tuple[str, ...]:
    """The names of the built-in programs, sorted."""
    from .programs import PROGRAMS

    return tuple(sorted(PROGRAMS))


def program(name: str) -> Program:
    """The built-in program called ``name``; an UnknownRoutineError names the known ones."""
    from .programs import PROGRAMS

    try:
        return PROGRAMS[name]
    except (KeyError, TypeError):
        known = ", ".join(program_names())
        raise UnknownRoutineError(
            f"no built-in program is called {name!r}; the built-in programs are: {known}"
        ) from None
