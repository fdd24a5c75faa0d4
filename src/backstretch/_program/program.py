"""Programs: routines over days and weeks, as frozen values.

A Program is stages in order, each a routine with how often it is done (a ``Schedule``) and when
the person moves on; ``Progression`` rules say what grows, by how much, when and up to where; a
``PainRule`` says at what pain progression waits or steps back; ``missed`` says what a missed
session does. Everything is data: the next session is computed from it, a log and a date
(``next_session``).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from .._base.time import Duration, Level, shown, to_duration
from .._dsl.check import slug as _slug
from .._dsl.nodes import ASKS, Routine
from ..exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "Change",
    "Missed",
    "PainRule",
    "Program",
    "Progression",
    "Report",
    "Schedule",
    "Stage",
    "weekday_names",
]


class Change(enum.StrEnum):
    """What a progression rule changes: every hold's time, every set's count of reps, every
    Repeat's and Circuit's rounds, or the level the stage is compiled at."""

    HOLD = "hold"
    REPS = "reps"
    ROUNDS = "rounds"
    LEVEL = "level"

    def __repr__(self) -> str:
        return f"Change.{self.name}"


class Report(enum.StrEnum):
    """What a logged session may report, for a rule or a stage that waits on it: it was easy, all
    the reps were done, the pain eased (less pain after than before, or said so)."""

    EASY = "easy"
    ALL_REPS = "all_reps"
    PAIN_EASED = "pain_eased"

    def __repr__(self) -> str:
        return f"Report.{self.name}"


class Missed(enum.StrEnum):
    """What a missed session does. ``sequence``: it stays next (the program waits for the
    person; a stage's days count its planned sessions). ``calendar``: it is gone; sessions lie on
    the schedule's dates and a stage of so many days ends on its date."""

    SEQUENCE = "sequence"
    CALENDAR = "calendar"

    def __repr__(self) -> str:
        return f"Missed.{self.name}"


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_names() -> tuple[str, ...]:
    """The names days of the week are written with (``"mon"`` ... ``"sun"``)."""
    return _WEEKDAYS


def _enum(kind: type[enum.StrEnum], words: str) -> Any:
    def convert(value: object) -> Any:
        if isinstance(value, kind):
            return value
        if isinstance(value, str) and value in kind._value2member_map_:
            return kind(value)
        raise InvalidValueError(f"{words}, got {shown(value)}")

    return convert


_change = _enum(Change, "Progression.change must be 'hold', 'reps', 'rounds' or 'level'")
_missed = _enum(Missed, "Program.missed must be 'sequence' or 'calendar'")
_report = _enum(Report, "a report must be 'easy', 'all_reps' or 'pain_eased'")


def _as_change(value: object) -> Change:
    return _change(value)  # type: ignore[no-any-return]


def _as_missed(value: object) -> Missed:
    return _missed(value)  # type: ignore[no-any-return]


def _as_report(value: object) -> Report | None:
    return None if value is None else _report(value)


def _as_amount(value: object) -> int | Duration | Level | None:
    """A step, a value or a cap as written: a count, a level's name, or a length of time (read
    against the rule's change in Progression's own check)."""
    if isinstance(value, str):
        level = Level.of(value)
        return level if level is not None else to_duration(value, field="Progression")
    if isinstance(value, datetime.timedelta):
        return to_duration(value, field="Progression")
    return value  # type: ignore[return-value]  # checked against the change


def _whole(name: str, least: int) -> Any:
    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if type(value) is not int:
            raise InvalidTypeError(f"{name}.{attr.name} must be a whole number, got {shown(value)}")
        if value < least:
            raise InvalidValueError(f"{name}.{attr.name} must be {least} or more, got {value}")

    return check


def _as_weekdays(value: object) -> tuple[int, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"Schedule.days must be a list of days like ['mon', 'thu'], got {shown(value)}"
        )
    days = set()
    for day in value:
        if isinstance(day, str) and day.lower()[:3] in _WEEKDAYS:
            days.add(_WEEKDAYS.index(day.lower()[:3]))
        else:
            raise InvalidValueError(
                f"Schedule.days: {shown(day)} is no day of the week; write one of "
                f"{', '.join(_WEEKDAYS)}"
            )
    return tuple(sorted(days))


def _as_times(value: object) -> tuple[datetime.time, ...]:
    if isinstance(value, str | datetime.time) or not isinstance(value, Iterable):
        value = (value,)
    times = []
    for item in value:
        if isinstance(item, datetime.time):
            times.append(item.replace(second=0, microsecond=0, tzinfo=None))
            continue
        try:
            times.append(datetime.time.fromisoformat(str(item)).replace(second=0, microsecond=0))
        except ValueError:
            raise InvalidValueError(
                f"Schedule.at: {shown(item)} is no time of day; write it as 'HH:MM', like '09:00'"
            ) from None
    if not times:
        raise InvalidValueError("Schedule.at must hold at least one time of day, like '09:00'")
    if len(set(times)) != len(times):
        raise InvalidValueError("Schedule.at names the same time twice")
    return tuple(sorted(times))


def _as_gap(value: object) -> Duration:
    return to_duration(value, field="Schedule.gap")


@attrs.frozen
class Schedule:
    """How often a stage is done: on ``days`` of the week (``["mon", "wed", "fri"]``), else
    every ``every`` days (1: daily; 2: every second day), at the times of day in ``at`` (one
    session for each: ``["08:00", "13:00", "18:00"]`` is three times a day), at least ``gap``
    apart within a day."""

    days: tuple[int, ...] = attrs.field(default=(), converter=_as_weekdays)
    every: int = attrs.field(default=1, kw_only=True, validator=_whole("Schedule", 1))
    at: tuple[datetime.time, ...] = attrs.field(
        default=(datetime.time(9, 0),), kw_only=True, converter=_as_times
    )
    gap: Duration = attrs.field(default=Duration(0), kw_only=True, converter=_as_gap)

    def __attrs_post_init__(self) -> None:
        if self.days and self.every != 1:
            raise InvalidValueError("Schedule: give days of the week or every N days, not both")
        for before, after in zip(self.at, self.at[1:], strict=False):
            apart = (after.hour * 60 + after.minute - before.hour * 60 - before.minute) * 60_000
            if apart < self.gap.ms:
                raise InvalidValueError(
                    f"Schedule.at: {before:%H:%M} and {after:%H:%M} are closer than the gap "
                    f"of {self.gap}"
                )

    @property
    def times_a_day(self) -> int:
        """How many sessions a day it holds."""
        return len(self.at)

    def is_day(self, day: datetime.date, start: datetime.date) -> bool:
        """Whether a session is planned on ``day`` of a stage that began on ``start``."""
        if day < start:
            return False
        if self.days:
            return day.weekday() in self.days
        return (day - start).days % self.every == 0

    def day_after(self, day: datetime.date, start: datetime.date) -> datetime.date:
        """The first planned day after ``day`` (or ``start``, if later)."""
        probe = max(day + datetime.timedelta(days=1), start)
        while not self.is_day(probe, start):
            probe += datetime.timedelta(days=1)
        return probe


def _as_routine(value: object) -> Routine:
    if not isinstance(value, Routine):
        raise InvalidTypeError(f"Stage.routine must be a Routine, got {type(value).__name__}")
    return value


def _as_level(value: object) -> Level:
    level = Level.of(value)
    if level is None:
        raise InvalidValueError(
            f"a level must be 'gentle', 'standard' or 'deep', got {shown(value)}"
        )
    return level


def _text(name: str) -> Any:
    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise InvalidTypeError(f"{name}.{attr.name} must be a text, got {shown(value)}")

    return check


@attrs.frozen
class Stage:
    """One stage of a program: its routine, compiled at ``level``, on its ``schedule``; it ends
    after ``sessions`` completed sessions, or after ``days`` (``weeks=2`` is 14 days), or when a
    completed session reports ``move_on`` (pain below the pain rule's line): whichever comes first.
    A stage with none of them goes on until the program ends (only the last may)."""

    routine: Routine = attrs.field(converter=_as_routine)
    schedule: Schedule = attrs.field(factory=Schedule, kw_only=True)
    sessions: int | None = attrs.field(default=None, kw_only=True, validator=_whole("Stage", 1))
    days: int | None = attrs.field(default=None, kw_only=True, validator=_whole("Stage", 1))
    #: The stage's length in weeks: ``weeks=2`` is ``days=14``.
    weeks: int | None = attrs.field(
        default=None, kw_only=True, validator=_whole("Stage", 1), eq=False
    )
    move_on: Report | None = attrs.field(default=None, kw_only=True, converter=_as_report)
    level: Level = attrs.field(default=Level.STANDARD, kw_only=True, converter=_as_level)
    name: str = attrs.field(default="", kw_only=True, validator=_text("Stage"))

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.schedule, Schedule):
            raise InvalidTypeError(f"Stage.schedule must be a Schedule, got {shown(self.schedule)}")
        if self.weeks is not None:
            if self.days is not None and self.days != self.weeks * 7:
                raise InvalidValueError("Stage: give days or weeks, not both")
            object.__setattr__(self, "days", self.weeks * 7)

    @property
    def ends(self) -> bool:
        """Whether the stage ends by itself (a count, a length or a report)."""
        return self.sessions is not None or self.days is not None or self.move_on is not None


@attrs.frozen
class Progression:
    """A progression rule: ``change`` (hold, reps, rounds, level) grows ``by`` a step (a duration
    for holds, a count for reps and rounds, one level for the level) or is raised ``to`` a value,
    each time the rule is met: every ``every`` completed sessions, every ``every_days`` days (7:
    each week), or each completed session that reports ``on``. Only sessions with pain below the
    pain rule's line count. It stops at ``cap`` and, for a range the author wrote, at the range's
    high end unless ``beyond_range``. ``stretch`` names the one stretch it changes (else all)."""

    change: Change = attrs.field(converter=_as_change)
    by: int | Duration | Level | None = attrs.field(
        default=None, kw_only=True, converter=_as_amount
    )
    to: int | Duration | Level | None = attrs.field(
        default=None, kw_only=True, converter=_as_amount
    )
    every: int | None = attrs.field(default=None, kw_only=True, validator=_whole("Progression", 1))
    every_days: int | None = attrs.field(
        default=None, kw_only=True, validator=_whole("Progression", 1)
    )
    on: Report | None = attrs.field(default=None, kw_only=True, converter=_as_report)
    cap: int | Duration | Level | None = attrs.field(
        default=None, kw_only=True, converter=_as_amount
    )
    stretch: str | None = attrs.field(default=None, kw_only=True)
    beyond_range: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        if sum(x is not None for x in (self.every, self.every_days, self.on)) != 1:
            raise InvalidValueError(
                "Progression: say when it applies with exactly one of every (sessions), "
                "every_days or on (a report)"
            )
        if (self.by is None) == (self.to is None) and self.change is not Change.LEVEL:
            raise InvalidValueError("Progression: give a step (by) or a value (to), one of them")
        if self.change is Change.HOLD:
            for name in ("by", "to", "cap"):
                value = getattr(self, name)
                if value is not None:
                    set_(self, name, to_duration(value, field=f"Progression.{name}"))
            for name in ("by", "to", "cap"):
                value = getattr(self, name)
                if isinstance(value, Duration) and (value.ms == 0 or value.ms % 1000):
                    raise InvalidValueError(
                        f"Progression.{name} for holds must be whole seconds, 1 s or more, "
                        f"got {value}"
                    )
        elif self.change is Change.LEVEL:
            if self.by is None and self.to is None:
                set_(self, "by", 1)
            for name in ("to", "cap"):
                value = getattr(self, name)
                if value is not None:
                    set_(self, name, _as_level(value))
            if self.by is not None and self.by != 1:
                raise InvalidValueError("Progression.by for the level is one level (1)")
        else:
            for name in ("by", "to", "cap"):
                value = getattr(self, name)
                if value is not None and (type(value) is not int or value < 1):
                    raise InvalidValueError(
                        f"Progression.{name} for {self.change.value} must be a whole number >= 1, "
                        f"got {shown(value)}"
                    )
        if self.stretch is not None and (type(self.stretch) is not str or not self.stretch.strip()):
            raise InvalidValueError(
                f"Progression.stretch must name a stretch, got {shown(self.stretch)}"
            )
        if type(self.beyond_range) is not bool:
            raise InvalidTypeError("Progression.beyond_range must be True or False")


@attrs.frozen
class PainRule:
    """What pain (0-10: after a session where the person reported it, else before) does: below
    ``hold_at`` progression goes on; from ``hold_at`` it waits (the session does not count toward
    progression or moving on); from ``back_at`` the last change is undone and the person is
    advised to stop and ask a professional."""

    hold_at: int = attrs.field(default=4, validator=_whole("PainRule", 1))
    back_at: int = attrs.field(default=6, validator=_whole("PainRule", 1))

    def __attrs_post_init__(self) -> None:
        if not self.hold_at <= self.back_at <= 10:
            raise InvalidValueError(
                f"PainRule: hold_at ({self.hold_at}) must be at most back_at ({self.back_at}), "
                "and back_at at most 10"
            )


def _as_stages(value: object) -> tuple[Stage, ...]:
    if isinstance(value, Stage | Routine):
        value = (value,)
    if not isinstance(value, Iterable):
        raise InvalidTypeError(f"Program.stages must be a list of Stage values, got {shown(value)}")
    stages = tuple(Stage(item) if isinstance(item, Routine) else item for item in value)
    for index, stage in enumerate(stages):
        if not isinstance(stage, Stage):
            raise InvalidTypeError(
                f"Program.stages[{index}] must be a Stage (or a Routine), got "
                f"{type(stage).__name__}"
            )
    return stages


def _as_rules(value: object) -> tuple[Progression, ...]:
    if isinstance(value, Progression):
        value = (value,)
    if not isinstance(value, Iterable):
        raise InvalidTypeError(f"Program.progression must be a list of rules, got {shown(value)}")
    rules = tuple(value)
    for index, rule in enumerate(rules):
        if not isinstance(rule, Progression):
            raise InvalidTypeError(
                f"Program.progression[{index}] must be a Progression, got {type(rule).__name__}"
            )
    return rules


@attrs.frozen
class Program:
    """A program: ``stages`` in order, ``progression`` rules (applied within each stage, from
    the stage's own routine), a ``pain`` rule and what a ``missed`` session does. ``source``
    says where the prescription comes from."""

    title: str = attrs.field(validator=_text("Program"))
    stages: tuple[Stage, ...] = attrs.field(converter=_as_stages)
    progression: tuple[Progression, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_rules
    )
    pain: PainRule = attrs.field(factory=PainRule, kw_only=True)
    missed: Missed = attrs.field(default=Missed.SEQUENCE, kw_only=True, converter=_as_missed)
    source: str = attrs.field(default="", kw_only=True, validator=_text("Program"))
    #: The check-ins every session asks (besides its routine's own): by default pain before and
    #: after, and effort, which the pain rule and reports read.
    ask: tuple[str, ...] = attrs.field(default=ASKS, kw_only=True, converter=tuple)

    def __attrs_post_init__(self) -> None:
        unknown = [a for a in self.ask if a not in ASKS]
        if unknown:
            raise InvalidValueError(
                f"Program.ask: {unknown[0]!r} is no check-in; ask any of {', '.join(ASKS)}"
            )
        if not self.title.strip():
            raise InvalidValueError("Program.title must not be empty")
        if not self.stages:
            raise InvalidValueError("Program.stages must hold at least one stage")
        for index, stage in enumerate(self.stages[:-1]):
            if not stage.ends:
                raise InvalidValueError(
                    f"Program.stages[{index}] never ends (no sessions, days or move_on), so the "
                    "stages after it would never come; only the last stage may go on"
                )
        seen: dict[Change, list[str | None]] = {}
        for index, rule in enumerate(self.progression):
            named = seen.setdefault(rule.change, [])
            mine = None if rule.stretch is None else _slug(rule.stretch)
            if (mine is None and named) or None in named or mine in named:
                raise InvalidValueError(
                    f"Program.progression[{index}] changes the {rule.change.value} of stretches "
                    "an earlier rule changes; give each stretch one rule per change"
                )
            named.append(mine)
            known = {
                _slug(s.name)
                for stage in self.stages
                for f in stage.routine.stretches
                for s in f.chain
            }
            if mine is not None and mine not in known:
                raise InvalidValueError(
                    f"Program.progression[{index}].stretch: no stage has a stretch named "
                    f"{rule.stretch!r}"
                )
        if not isinstance(self.pain, PainRule):
            raise InvalidTypeError(f"Program.pain must be a PainRule, got {shown(self.pain)}")

    def stage_name(self, index: int) -> str:
        """The stage's name, or "Stage N" (counted from 1)."""
        return self.stages[index].name or f"Stage {index + 1}"
