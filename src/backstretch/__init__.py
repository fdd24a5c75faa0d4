"""backstretch: guided stretching routines as a small declarative DSL, compiled to exact timelines.

Write a routine from Stretch, Step, Hold, Breath, PerSide, OneSide, Reps, Repeat, Rest, Circuit,
Caution and Modification nodes, compile it with ``compile_routine``, and hand the resulting
Timeline to any player.
Built-in routines live in ``backstretch.catalog``.
"""

from typing import TYPE_CHECKING, Any

from ._files import json_schema
from ._kinds import ROLES, Affected, Kind, Role, Side
from ._limits import Limits
from ._messages import MESSAGES, render_message
from ._time import (
    Breaths,
    CountRange,
    Duration,
    DurationRange,
    Level,
    between,
    breaths,
    format_ms,
    minutes,
    parse_duration,
    seconds,
    split_ms,
)
from ._timeline import (
    CautionInfo,
    Chapter,
    CompileOptions,
    Event,
    Message,
    ModificationInfo,
    Personalization,
    Position,
    StretchInfo,
    Timeline,
)
from ._timeline_json import (
    TIMELINE_FORMAT_VERSION,
    dump_timeline,
    dumps_timeline,
    load_timeline,
    loads_timeline,
)
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
    SpeechError,
    SpeechFitError,
    TimelineError,
    UnknownConditionError,
    UnknownRoutineError,
    WriteError,
)

__all__ = [
    "BREATH",
    "CONDITIONS",
    "FILLER_WORDS",
    "LANGUAGES",
    "MESSAGES",
    "ROLES",
    "ROUTINE_FORMAT_VERSION",
    "SAFETY_NOTE",
    "TIMELINE_FORMAT_VERSION",
    "WORDS",
    "Affected",
    "BackstretchError",
    "Break",
    "Breath",
    "Breaths",
    "Caution",
    "CautionInfo",
    "Chapter",
    "Circuit",
    "CompileOptions",
    "Condition",
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
    "LocalCues",
    "Message",
    "Modification",
    "ModificationInfo",
    "NotInstalledError",
    "OneSide",
    "PerSide",
    "Personalization",
    "Position",
    "Problem",
    "Repeat",
    "Reps",
    "Rest",
    "Role",
    "Routine",
    "RoutineError",
    "Side",
    "SpeechError",
    "SpeechFitError",
    "Step",
    "Stretch",
    "StretchInfo",
    "Timeline",
    "TimelineError",
    "TranslationReport",
    "UnknownConditionError",
    "UnknownRoutineError",
    "WriteError",
    "between",
    "breaths",
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
    "render_message",
    "seconds",
    "split_ms",
    "translation_report",
]

__version__ = "0.1.0"

# The timeline layer above loads at once: players and exports need nothing else. The DSL, the
# compiler and routine documents (with cattrs, which reads them) load on first use (PEP 562), so
# `import backstretch.exports.svg` or a player loads neither the compiler nor cattrs.
_LAZY = {
    "CONDITIONS": "_conditions",
    "FILLER_WORDS": "_conditions",
    "Condition": "_conditions",
    "Break": "_model",
    "Breath": "_model",
    "Caution": "_model",
    "Circuit": "_model",
    "Hold": "_model",
    "LocalCues": "_model",
    "Modification": "_model",
    "OneSide": "_model",
    "PerSide": "_model",
    "Repeat": "_model",
    "Reps": "_model",
    "Rest": "_model",
    "Routine": "_model",
    "Step": "_model",
    "Stretch": "_model",
    "check_routine": "_check",
    "BREATH": "_compile",
    "LANGUAGES": "_i18n",
    "WORDS": "_i18n",
    "TranslationReport": "_translate",
    "translation_report": "_translate",
    "SAFETY_NOTE": "_compile",
    "Cues": "_compile",
    "compile_routine": "_compile",
    "estimate_ms": "_compile",
    "ROUTINE_FORMAT_VERSION": "_documents",
    "dump_routine": "_documents",
    "dumps_routine": "_documents",
    "load_routine": "_documents",
    "loads_routine": "_documents",
}

if TYPE_CHECKING:
    from ._check import check_routine
    from ._compile import BREATH, SAFETY_NOTE, Cues, compile_routine, estimate_ms
    from ._conditions import CONDITIONS, FILLER_WORDS, Condition
    from ._documents import (
        ROUTINE_FORMAT_VERSION,
        dump_routine,
        dumps_routine,
        load_routine,
        loads_routine,
    )
    from ._i18n import LANGUAGES, WORDS
    from ._model import (
        Break,
        Breath,
        Caution,
        Circuit,
        Hold,
        LocalCues,
        Modification,
        OneSide,
        PerSide,
        Repeat,
        Reps,
        Rest,
        Routine,
        Step,
        Stretch,
    )
    from ._translate import TranslationReport, translation_report


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'backstretch' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
