"""The exceptions backstretch raises.

Every one subclasses :class:`BackstretchError` *and* the matching builtin, so an app can catch
``BackstretchError`` for everything of ours, or keep its ``except ValueError`` as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "BackstretchError",
    "DocumentError",
    "FitError",
    "InvalidTypeError",
    "InvalidValueError",
    "LimitError",
    "NotInstalledError",
    "Problem",
    "ProgramError",
    "RoutineError",
    "SpeechError",
    "SpeechFitError",
    "TimelineError",
    "UnknownConditionError",
    "UnknownRoutineError",
    "WriteError",
]


class BackstretchError(Exception):
    """The base of every error backstretch raises on purpose."""


class InvalidValueError(BackstretchError, ValueError):
    """A DSL value is of the right type but not allowed (a negative duration, an empty text)."""


class InvalidTypeError(BackstretchError, TypeError):
    """A DSL value has the wrong type (a bare number where a duration belongs)."""


@attrs.frozen
class Problem:
    """One problem found in a routine: where (a ``$.path``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _ProblemsError(BackstretchError, ValueError):
    """Every problem found at once: ``problems``, and the file they are in (``source``) if any."""

    problems: tuple[Problem, ...]
    source: str
    #: What the problems are in when there is no source file to name.
    subject = ""

    def __init__(self, problems: Iterable[Problem], *, source: str = "", subject: str = "") -> None:
        self.problems = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        where = source or subject or self.subject
        head += f" in {where}" if where else ""
        super().__init__(f"{head}:\n" + "\n".join(map(str, self.problems)))


class RoutineError(_ProblemsError):
    """A routine that cannot be compiled; ``problems`` lists every problem found, not just one."""

    subject = "the routine"


class TimelineError(_ProblemsError):
    """A timeline, or one of its events, that breaks the timeline's rules (the invariants that
    every player relies on); ``problems`` lists every one at its ``$.path``."""

    subject = "the timeline"


class DocumentError(_ProblemsError):
    """A document that cannot be loaded; ``problems`` lists every problem found, each at a
    ``$.path``."""


class FitError(BackstretchError, ValueError):
    """A ``fit_to`` target outside the window of totals the routine's ranges allow."""

    def __init__(self, message: str, *, low_ms: int, high_ms: int) -> None:
        super().__init__(message)
        self.low_ms = low_ms
        self.high_ms = high_ms


class LimitError(BackstretchError, ValueError):
    """A routine or document past one of the Limits (size, depth, events, total time)."""


class WriteError(BackstretchError, OSError):
    """A file that could not be written (a missing folder, a full disk, no permission); what was
    there before is untouched and no partial file is left. ``path`` is the file meant."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


class ProgramError(BackstretchError, ValueError):
    """A program that gives no session (every stage is done), or that cannot be read."""


class UnknownRoutineError(BackstretchError, LookupError):
    """A routine name that the catalog does not know."""


class UnknownConditionError(BackstretchError, ValueError):
    """A declared condition that neither the shared vocabulary nor the routine knows (a
    misspelling must never leave a contraindicated stretch in); the message suggests the nearest
    known name. ``names`` are the unknown ones, as given."""

    def __init__(self, message: str, *, names: Iterable[str]) -> None:
        super().__init__(message)
        self.names = tuple(names)


class NotInstalledError(BackstretchError, RuntimeError):
    """An optional package or program that a feature needs is missing; the message says how to
    install it (e.g. ``pip install 'backstretch[play]'`` or ``apt-get install espeak-ng``)."""


class SpeechFitError(BackstretchError, ValueError):
    """Spoken instructions of an audio guide that do not fit before the next sound, even spoken
    faster; ``collisions`` says which and by how much, one per line of the message."""

    def __init__(self, collisions: Iterable[object]) -> None:
        self.collisions = tuple(collisions)
        count = len(self.collisions)
        lines = [f"speech does not fit in {count} place{'s' if count != 1 else ''}:"]
        lines += [str(collision) for collision in self.collisions]
        super().__init__("\n".join(lines))


class SpeechError(BackstretchError, RuntimeError):
    """A text the speech engine could not say (espeak-ng failed on it, has no voice for its
    language, or it is too long to say), named with the events it belongs to."""
