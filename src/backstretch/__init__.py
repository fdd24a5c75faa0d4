"""backstretch: guided stretching routines as a small declarative DSL, compiled to exact timelines.

Write a routine from Stretch, Step, Hold, Breath, PerSide, OneSide, Reps, Repeat, Rest, Circuit,
Caution and Modification nodes, compile it with ``compile_routine``, and hand the resulting
Timeline to any player.
Built-in routines live in ``backstretch.catalog``.
"""

from typing import TYPE_CHECKING, Any

from ._base.files import json_schema
from ._base.kinds import ROLES, Affected, Kind, Role, Side
from ._base.limits import Limits
from ._base.time import (
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
from ._timeline.codec import (
    TIMELINE_FORMAT_VERSION,
    dump_timeline,
    dumps_timeline,
    load_timeline,
    loads_timeline,
)
from ._timeline.messages import MESSAGES, render_message
from ._timeline.timeline import (
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
from .exceptions import (
    BackstretchError,
    DocumentError,
    FitError,
    InvalidTypeError,
    InvalidValueError,
    LimitError,
    NotInstalledError,
    Problem,
    ProgramError,
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
    "PROGRAM_FORMAT_VERSION",
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
    "Change",
    "Chapter",
    "Circuit",
    "CompileOptions",
    "Condition",
    "CountRange",
    "Cues",
    "DocumentError",
    "Duration",
    "DurationRange",
    "Effort",
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
    "LogEntry",
    "Message",
    "Missed",
    "Modification",
    "ModificationInfo",
    "NotInstalledError",
    "OneSide",
    "PainRule",
    "PerSide",
    "Personalization",
    "PlannedSession",
    "Position",
    "Problem",
    "Program",
    "ProgramError",
    "Progression",
    "Repeat",
    "Report",
    "Reps",
    "Rest",
    "Role",
    "Routine",
    "RoutineError",
    "Schedule",
    "SessionLog",
    "Side",
    "SpeechError",
    "SpeechFitError",
    "Stage",
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
    "dump_program",
    "dump_routine",
    "dump_timeline",
    "dumps_program",
    "dumps_routine",
    "dumps_timeline",
    "estimate_ms",
    "format_ms",
    "json_schema",
    "load_program",
    "load_routine",
    "load_timeline",
    "loads_program",
    "loads_routine",
    "loads_timeline",
    "log_entry",
    "minutes",
    "next_session",
    "parse_duration",
    "render_message",
    "schedule",
    "seconds",
    "split_ms",
    "translation_report",
]

__version__ = "0.1.0"

# The timeline layer above loads at once: players and exports need nothing else. The DSL, the
# compiler and routine documents (with cattrs, which reads them) load on first use (PEP 562), so
# `import backstretch.exports.svg` or a player loads neither the compiler nor cattrs.
_LAZY = {
    "CONDITIONS": "_dsl.conditions",
    "FILLER_WORDS": "_dsl.conditions",
    "Condition": "_dsl.conditions",
    "Break": "_dsl.nodes",
    "Breath": "_dsl.nodes",
    "Caution": "_dsl.nodes",
    "Circuit": "_dsl.nodes",
    "Hold": "_dsl.nodes",
    "LocalCues": "_dsl.nodes",
    "Modification": "_dsl.nodes",
    "OneSide": "_dsl.nodes",
    "PerSide": "_dsl.nodes",
    "Repeat": "_dsl.nodes",
    "Reps": "_dsl.nodes",
    "Rest": "_dsl.nodes",
    "Routine": "_dsl.nodes",
    "Step": "_dsl.nodes",
    "Stretch": "_dsl.nodes",
    "check_routine": "_dsl.check",
    "BREATH": "_compiler.compile",
    "LANGUAGES": "_i18n.catalogs",
    "WORDS": "_i18n.words",
    "TranslationReport": "_compiler.localize",
    "translation_report": "_compiler.localize",
    "SAFETY_NOTE": "_compiler.compile",
    "Cues": "_compiler.compile",
    "compile_routine": "_compiler.compile",
    "estimate_ms": "_compiler.compile",
    "ROUTINE_FORMAT_VERSION": "_documents.routine",
    "dump_routine": "_documents.routine",
    "dumps_routine": "_documents.routine",
    "load_routine": "_documents.routine",
    "loads_routine": "_documents.routine",
    "PROGRAM_FORMAT_VERSION": "_documents.program",
    "dump_program": "_documents.program",
    "dumps_program": "_documents.program",
    "load_program": "_documents.program",
    "loads_program": "_documents.program",
    "Change": "_program.program",
    "Missed": "_program.program",
    "PainRule": "_program.program",
    "Program": "_program.program",
    "Progression": "_program.program",
    "Report": "_program.program",
    "Schedule": "_program.program",
    "Stage": "_program.program",
    "Effort": "_program.log",
    "LogEntry": "_program.log",
    "SessionLog": "_program.log",
    "log_entry": "_program.log",
    "PlannedSession": "_program.plan",
    "next_session": "_program.plan",
    "schedule": "_program.plan",
}

if TYPE_CHECKING:
    from ._compiler.compile import BREATH, SAFETY_NOTE, Cues, compile_routine, estimate_ms
    from ._compiler.localize import TranslationReport, translation_report
    from ._documents.program import (
        PROGRAM_FORMAT_VERSION,
        dump_program,
        dumps_program,
        load_program,
        loads_program,
    )
    from ._documents.routine import (
        ROUTINE_FORMAT_VERSION,
        dump_routine,
        dumps_routine,
        load_routine,
        loads_routine,
    )
    from ._dsl.check import check_routine
    from ._dsl.conditions import CONDITIONS, FILLER_WORDS, Condition
    from ._dsl.nodes import (
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
    from ._i18n.catalogs import LANGUAGES
    from ._i18n.words import WORDS
    from ._program.log import Effort, LogEntry, SessionLog, log_entry
    from ._program.plan import PlannedSession, next_session, schedule
    from ._program.program import (
        Change,
        Missed,
        PainRule,
        Program,
        Progression,
        Report,
        Schedule,
        Stage,
    )


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
