"""What happened: a SessionLog of entries, values only (apps store them where they like).

An entry says when a session was done, which one, whether it was completed or stopped where, the
sides done, the reps counted in self-paced sets, pain from 0 to 10 before and after, effort, what
the person reported, and a note.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._base.kinds import Kind, Role, Side
from .._base.rules import is_ms
from .._base.text import text_problem
from .._base.time import shown
from .._timeline.timeline import Timeline
from ..exceptions import InvalidTypeError, InvalidValueError
from .program import Report

__all__ = ["Effort", "LogEntry", "SessionLog", "entry_data", "entry_from_data", "log_entry"]


class Effort(enum.StrEnum):
    """How a session felt: easy, about right, or hard."""

    EASY = "easy"
    RIGHT = "right"
    HARD = "hard"

    def __repr__(self) -> str:
        return f"Effort.{self.name}"


def _as_when(value: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValueError(
        f"LogEntry.when must be a date and time like '2026-06-03T08:30', got {shown(value)}"
    )


def _pain(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int or not 0 <= value <= 10:
        raise InvalidValueError(
            f"LogEntry.{attr.name} must be a whole number from 0 (no pain) to 10, "
            f"got {shown(value)}"
        )


def _as_sides(value: object) -> tuple[Side, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"LogEntry.sides must be a list of sides, got {shown(value)}")
    sides = []
    for item in value:
        side = Side.of(item)
        if side is None:
            raise InvalidValueError(f"LogEntry.sides: {shown(item)} is not 'left' or 'right'")
        sides.append(side)
    return tuple(sides)


def _as_reps(value: object) -> tuple[tuple[str, int], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    if isinstance(pairs, str) or not isinstance(pairs, Iterable):
        raise InvalidTypeError(
            f"LogEntry.reps must map event ids to counted reps, got {shown(value)}"
        )
    found: dict[str, int] = {}
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            raise InvalidTypeError(f"LogEntry.reps: {shown(pair)} is not an event id and a count")
        key, count = pair
        if type(key) is not str or not key or type(count) is not int or count < 0:
            raise InvalidValueError(
                f"LogEntry.reps: {shown(key)}: {shown(count)} is not an event id with a whole "
                "number of reps >= 0"
            )
        found[key] = count
    return tuple(sorted(found.items()))


def _as_reports(value: object) -> tuple[Report, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"LogEntry.reports must be a list of reports, got {shown(value)}")
    reports = set()
    for item in value:
        if isinstance(item, Report) or item in Report._value2member_map_:
            reports.add(Report(item))
        else:
            words = ", ".join(repr(r.value) for r in Report)
            raise InvalidValueError(f"LogEntry.reports: {shown(item)} is none of {words}")
    return tuple(sorted(reports))


def _as_effort(value: object) -> Effort | None:
    if value is None or isinstance(value, Effort):
        return value
    if isinstance(value, str) and value in Effort._value2member_map_:
        return Effort(value)
    raise InvalidValueError(
        f"LogEntry.effort must be 'easy', 'right' or 'hard', got {shown(value)}"
    )


def _note(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        raise InvalidTypeError(f"LogEntry.{attr.name} must be a text, got {shown(value)}")
    if value and text_problem(value):
        raise InvalidValueError(f"LogEntry.{attr.name} {text_problem(value)}")


def _optional_ms(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not is_ms(value):
        raise InvalidValueError(
            f"LogEntry.{attr.name} must be whole milliseconds >= 0, got {shown(value)}"
        )


@attrs.frozen
class LogEntry:
    """One session as it went. ``session`` is the key ``next_session`` gave it (``"1.3"``:
    stage 1, session 3); ``completed`` False with ``stopped_at`` (an event id) and ``stopped_ms``
    for a session stopped early; ``reps`` maps the id of a self-paced set to the reps counted."""

    when: datetime.datetime = attrs.field(converter=_as_when)
    session: str = attrs.field(default="", kw_only=True, validator=_note)
    completed: bool = attrs.field(default=True, kw_only=True)
    stopped_at: str | None = attrs.field(default=None, kw_only=True)
    stopped_ms: int | None = attrs.field(default=None, kw_only=True, validator=_optional_ms)
    sides: tuple[Side, ...] = attrs.field(default=(), kw_only=True, converter=_as_sides)
    reps: tuple[tuple[str, int], ...] = attrs.field(default=(), kw_only=True, converter=_as_reps)
    pain_before: int | None = attrs.field(default=None, kw_only=True, validator=_pain)
    pain_after: int | None = attrs.field(default=None, kw_only=True, validator=_pain)
    effort: Effort | None = attrs.field(default=None, kw_only=True, converter=_as_effort)
    reports: tuple[Report, ...] = attrs.field(default=(), kw_only=True, converter=_as_reports)
    note: str = attrs.field(default="", kw_only=True, validator=_note)

    def __attrs_post_init__(self) -> None:
        if type(self.completed) is not bool:
            raise InvalidTypeError(
                f"LogEntry.completed must be True or False, got {shown(self.completed)}"
            )
        if self.completed and (self.stopped_at is not None or self.stopped_ms is not None):
            raise InvalidValueError("LogEntry: a completed session has no stopped_at or stopped_ms")
        if self.stopped_at is not None and (
            type(self.stopped_at) is not str or not self.stopped_at
        ):
            raise InvalidValueError(
                f"LogEntry.stopped_at must be an event id, got {shown(self.stopped_at)}"
            )

    @property
    def day(self) -> datetime.date:
        """The day it was done on."""
        return self.when.date()

    @property
    def pain(self) -> int | None:
        """The pain the pain rule reads: after the session where it was reported, else before;
        None if neither was."""
        return self.pain_before if self.pain_after is None else self.pain_after

    @property
    def reported(self) -> frozenset[Report]:
        """What the session reports: what the person said, "easy" for an easy effort, and
        "pain eased" where pain after was less than before."""
        found = set(self.reports)
        if self.effort is Effort.EASY:
            found.add(Report.EASY)
        if (
            self.pain_before is not None
            and self.pain_after is not None
            and self.pain_after < self.pain_before
        ):
            found.add(Report.PAIN_EASED)
        return frozenset(found)


def _as_entries(value: object) -> tuple[LogEntry, ...]:
    if not isinstance(value, Iterable):
        raise InvalidTypeError(f"SessionLog takes a list of LogEntry values, got {shown(value)}")
    entries = tuple(value)
    for index, entry in enumerate(entries):
        if not isinstance(entry, LogEntry):
            raise InvalidTypeError(
                f"SessionLog entry {index} must be a LogEntry, got {type(entry).__name__}"
            )
    aware = {entry.when.tzinfo is not None for entry in entries}
    if len(aware) > 1:
        raise InvalidValueError(
            "SessionLog: write every entry's time with a time zone or every one without"
        )
    return tuple(sorted(entries, key=lambda entry: entry.when))


@attrs.frozen
class SessionLog:
    """Every session logged, in the order they were done (sorted by ``when``)."""

    entries: tuple[LogEntry, ...] = attrs.field(default=(), converter=_as_entries)

    def __iter__(self) -> Iterator[LogEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: LogEntry) -> SessionLog:
        """This log with ``entry`` in it."""
        return SessionLog((*self.entries, entry))

    def until(self, day: datetime.date) -> SessionLog:
        """The entries done on or before ``day``."""
        return SessionLog(e for e in self.entries if e.day <= day)


def log_entry(
    timeline: Timeline,
    answers: Mapping[str, int | str],
    *,
    when: datetime.datetime,
    session: str = "",
    stopped_ms: int | None = None,
    note: str = "",
) -> LogEntry:
    """The log entry of a session played from ``timeline``: its check-ins' ``answers`` (by event
    id, as ``Player.answers`` holds them) as pain before and after, effort and counted reps
    ("all reps" reported when every counted set reached its count); the sides worked; and, with
    ``stopped_ms``, where it was stopped (the segment playing then)."""
    entry: dict[str, Any] = {}
    reps: dict[str, int] = {}
    full = True
    for event in timeline.segments:
        if event.kind is not Kind.CHECK_IN or event.id not in answers:
            continue
        value = answers[event.id]
        if event.role is Role.REPS_COUNTED:
            reps[event.id] = int(value)
            full = full and event.message is not None and value == event.message["most"]
        else:
            entry[event.role.value] = value
    played_to = timeline.total_ms if stopped_ms is None else stopped_ms
    sides = tuple(
        dict.fromkeys(
            e.side for e in timeline.segments if e.side is not None and e.start_ms < played_to
        )
    )
    stopped = None if stopped_ms is None else timeline.at(min(stopped_ms, timeline.total_ms - 1))
    return LogEntry(
        when,
        session=session,
        completed=stopped_ms is None,
        stopped_at=None if stopped_ms is None else (stopped.id if stopped else "end"),
        stopped_ms=stopped_ms,
        sides=sides,
        reps=reps,
        reports=(Report.ALL_REPS,) if reps and full else (),
        note=note,
        **entry,
    )


#: The keys of an entry's data, in the order they are written.
_KEYS = (
    "when", "session", "completed", "stopped_at", "stopped_ms", "sides", "reps", "pain_before",
    "pain_after", "effort", "reports", "note",
)  # fmt: skip


def entry_data(entry: LogEntry) -> dict[str, Any]:
    """``entry`` as JSON-ready data: ``when`` in ISO 8601, sides, effort and reports by name,
    reps an object; fields at their default left out (``when`` always there)."""
    data: dict[str, Any] = {"when": entry.when.isoformat()}
    defaults = LogEntry(entry.when)
    for key in _KEYS[1:]:
        value = getattr(entry, key)
        if value == getattr(defaults, key):
            continue
        if key == "reps":
            value = dict(value)
        elif key in ("sides", "reports"):
            value = [item.value for item in value]
        elif key == "effort":
            value = value.value
        data[key] = value
    return data


def entry_from_data(data: object) -> LogEntry:
    """The entry that ``data`` (as ``entry_data`` writes it) holds; an InvalidValueError or
    InvalidTypeError names the key and what is wrong."""
    if not isinstance(data, dict):
        raise InvalidTypeError(f"a log entry is an object, got {shown(data)}")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise InvalidValueError(
            f"a log entry has no key {unknown[0]!r}; its keys: {', '.join(_KEYS)}"
        )
    if "when" not in data:
        raise InvalidValueError("a log entry says when the session was done ('when')")
    if not isinstance(data["when"], str):
        raise InvalidTypeError(f"'when' is a date and time text, got {shown(data['when'])}")
    fields = {key: value for key, value in data.items() if key != "when"}
    if isinstance(fields.get("reps"), dict):
        fields["reps"] = fields["reps"].items()
    return LogEntry(data["when"], **fields)
