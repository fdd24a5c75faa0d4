"""backstretch: guided stretching routines as a small declarative DSL, compiled to exact timelines.

Write a routine from Stretch, Step, Hold, PerSide, Reps, Repeat, Rest, Caution and Modification
nodes, compile it with ``compile_routine``, and hand the resulting Timeline to any player.
Built-in routines live in ``backstretch.catalog``.
"""

from typing import TYPE_CHECKING, Any

from ._check import check_routine
from ._compile import SAFETY_NOTE, Cues, compile_routine, estimate_ms
from ._kinds import Kind, Side
from ._limits import Limits
from ._model import (
    Break,
    Caution,
    Hold,
    Modification,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
)
from ._time import (
    CountRange,
    Duration,
    DurationRange,
    Level,
    between,
    format_ms,
    minutes,
    parse_duration,
    seconds,
    split_ms,
)
from ._timeline import Chapter, Event, Timeline
from .exceptions import (
    BackstretchError,
    DocumentError,
    FitError,
    InvalidTypeError,
    InvalidValueError,
    LimitError,
    NotInstalledError,
    Problem,
    RoutineError,
    SpeechFitError,
    UnknownRoutineError,
)

__all__ = [
    "FORMAT_VERSION",
    "SAFETY_NOTE",
    "BackstretchError",
    "Break",
    "Caution",
    "Chapter",
    "CountRange",
    "Cues",
    "DocumentError",
    "Duration",
    "DurationRange",
    "Event",
    "FitError",
    "Hold",
    "InvalidTypeError",
    "InvalidValueError",
    "Kind",
    "Level",
    "LimitError",
    "Limits",
    "Modification",
    "NotInstalledError",
    "PerSide",
    "Problem",
    "Repeat",
    "Reps",
    "Rest",
    "Routine",
    "RoutineError",
    "Side",
    "SpeechFitError",
    "Step",
    "Stretch",
    "Timeline",
    "UnknownRoutineError",
    "between",
    "check_routine",
    "compile_routine",
    "dump_routine",
    "dump_timeline",
    "dumps_routine",
    "dumps_timeline",
    "estimate_ms",
    "format_ms",
    "json_schema",
    "load_routine",
    "load_timeline",
    "loads_routine",
    "loads_timeline",
    "minutes",
    "parse_duration",
    "seconds",
    "split_ms",
]

__version__ = "0.1.0"

# Documents (and cattrs, which reads them) load on first use: `import backstretch` stays quick for
# the apps that only build and compile routines (PEP 562).
_DOCUMENTS = frozenset(
    {
        "FORMAT_VERSION",
        "dump_routine",
        "dump_timeline",
        "dumps_routine",
        "dumps_timeline",
        "json_schema",
        "load_routine",
        "load_timeline",
        "loads_routine",
        "loads_timeline",
    }
)

if TYPE_CHECKING:
    from ._serialize import (
        FORMAT_VERSION,
        dump_routine,
        dump_timeline,
        dumps_routine,
        dumps_timeline,
        json_schema,
        load_routine,
        load_timeline,
        loads_routine,
        loads_timeline,
    )


def __getattr__(name: str) -> Any:
    if name in _DOCUMENTS:
        from . import _serialize

        value = getattr(_serialize, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'backstretch' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_DOCUMENTS})
