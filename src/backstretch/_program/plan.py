"""The next session, from a program, a log and a date: a pure fold over the log.

The log's completed sessions are read in order. Each one counts toward the stage's end and the
progression rules unless its pain (after the session, else before) is at or above the pain rule's
line: from ``hold_at`` it counts for nothing, from ``back_at`` the last change is undone. A rule
that is met takes one step, unless the step would change nothing (at its cap, or at the top of
every range it moves). Then the schedule says when the next session lies, by the missed-session
policy.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from typing import Any

import attrs

from .._base.time import CountRange, Duration, DurationRange, Level
from .._compiler.compile import compile_routine
from .._dsl.check import slug
from .._dsl.nodes import Circuit, Hold, OneSide, PerSide, Repeat, Reps, Routine, Stretch
from .._timeline.messages import Message
from .._timeline.timeline import Timeline
from ..exceptions import InvalidTypeError, InvalidValueError, ProgramError
from .log import LogEntry, SessionLog
from .program import Change, Missed, Program, Progression, Stage

__all__ = ["PlannedSession", "next_session", "schedule"]

_LEVELS = (Level.GENTLE, Level.STANDARD, Level.DEEP)
_DAY = datetime.timedelta(days=1)


@attrs.frozen
class PlannedSession:
    """One session the program holds: its day and time, its key (``"2.3"``: stage 2, session 3),
    its stage (counted from 1) and number in the stage (of ``count``, where the stage has a set
    number), the routine as progression changed it and the level, and what is said of it
    (message keys: which session, when, what changed since the stage began, what pain held back)."""

    day: datetime.date
    at: datetime.time
    key: str
    stage: int
    number: int
    count: int | None
    routine: Routine
    level: Level
    messages: tuple[Message, ...]
    #: The day it was due, for a missed session the program kept next (else None).
    due: datetime.date | None = None

    def compile(self, **options: Any) -> Timeline:
        """The session's timeline: its routine at its level, what is said of it after the
        title; ``options`` those of ``compile_routine`` but ``level`` and ``session``."""
        for taken in ("level", "session"):
            if taken in options:
                raise InvalidValueError(
                    f"PlannedSession.compile() takes no {taken}: the session has its own"
                )
        return compile_routine(self.routine, session=self.messages, level=self.level, **options)


@attrs.define
class _State:
    """Where a program stands after the entries fed so far."""

    program: Program
    stage: int
    start: datetime.date
    done: int = 0  # completed sessions in the stage
    counted: int = 0  # ...of them, those with pain below the line
    steps: list[int] = attrs.field(factory=list)
    since: list[int] = attrs.field(factory=list)
    stepped_on: list[datetime.date] = attrs.field(factory=list)
    history: list[int] = attrs.field(factory=list)
    #: What pain last held progression back or stepped it back: the message key, pain, day.
    notice: tuple[str, int, datetime.date] | None = None
    last: LogEntry | None = None  # the last completed session of the stage
    today: int = 0  # completed sessions on the last one's day
    held: bool = False  # the last completed session had pain at or above the line
    made: dict[tuple[int, tuple[int, ...]], _Applied] = attrs.field(factory=dict)
    #: How many sessions the current stage holds, where it says (set with the stage).
    planned: int | None = None

    def __attrs_post_init__(self) -> None:
        self._reset(self.stage, self.start)

    def _reset(self, stage: int, start: datetime.date) -> None:
        rules = len(self.program.progression)
        self.stage, self.start = stage, start
        self.done = self.counted = 0
        self.steps, self.since = [0] * rules, [0] * rules
        self.stepped_on = [start] * rules
        self.history, self.notice, self.last, self.today, self.held = [], None, None, 0, False
        self.planned = None if self.finished else self._planned()

    @property
    def finished(self) -> bool:
        return self.stage >= len(self.program.stages)

    @property
    def current(self) -> Stage:
        return self.program.stages[self.stage]

    def _planned(self) -> int | None:
        """How many sessions the stage holds, where it says (sessions, or days in sequence)."""
        stage = self.current
        counts = []
        if stage.sessions is not None:
            counts.append(stage.sessions)
        if stage.days is not None and self.program.missed is Missed.SEQUENCE:
            days = (self.start + _DAY * i for i in range(stage.days))
            slots = sum(stage.schedule.is_day(day, self.start) for day in days)
            counts.append(max(1, slots * stage.schedule.times_a_day))
        return min(counts) if counts else None

    def roll(self, day: datetime.date) -> None:
        """Calendar stages of so many days end on their date (unless pain holds them)."""
        while (
            not self.finished
            and self.program.missed is Missed.CALENDAR
            and self.current.days is not None
            and day >= self.start + _DAY * self.current.days
            and not self.held
        ):
            self._reset(self.stage + 1, self.start + _DAY * self.current.days)

    def feed(self, entry: LogEntry) -> None:
        day = entry.day
        self.roll(day)
        if self.finished or not entry.completed:
            return
        self.week(day)  # the session was given with the step its day brought
        self.done += 1
        self.today = self.today + 1 if self.last is not None and self.last.day == day else 1
        self.last = entry
        pain, rule = entry.pain, self.program.pain
        self.held = pain is not None and pain >= rule.hold_at
        if pain is not None and pain >= rule.back_at:
            if self.history:
                self.steps[self.history.pop()] -= 1
            self.since = [0] * len(self.since)
            self.notice = ("progress_stepped_back", pain, day)
            return
        if self.held:
            self.notice = ("progress_held", pain or 0, day)
            return
        self.counted += 1
        self.notice = None  # a session without pain at the line: nothing held back now
        for index, progression in enumerate(self.program.progression):
            if progression.every_days is None and _met(progression, index, self, entry):
                self._step(index, day)
            elif progression.every_days is not None:
                self.since[index] += 1
        stage = self.current
        if (
            (self.planned is not None and self.counted >= self.planned)
            or (stage.move_on is not None and stage.move_on in entry.reported)
            or (
                self.program.missed is Missed.CALENDAR
                and stage.days is not None
                and day >= self.start + _DAY * stage.days
            )
        ):
            self._reset(self.stage + 1, day + _DAY)

    def week(self, day: datetime.date) -> None:
        """Take the steps of rules that apply every so many days, where ``day`` is that many days
        past their last step and a session counted since (and the last one held nothing back)."""
        if self.finished or self.held:
            return
        for index, rule in enumerate(self.program.progression):
            days = rule.every_days
            if (
                days is not None
                and self.since[index]
                and day >= self.stepped_on[index] + _DAY * days
            ):
                self._step(index, day)

    def applied(self, steps: list[int]) -> _Applied:
        """The current stage's routine with ``steps`` taken (remembered: a long log asks for the
        same few again and again)."""
        key = (self.stage, tuple(steps))
        found = self.made.get(key)
        if found is None:
            found = _applied(self.current, self.program.progression, steps)
            asked = tuple(dict.fromkeys((*found.routine.ask, *self.program.ask)))
            if asked != found.routine.ask:  # what every session of the program asks, too
                found = attrs.evolve(found, routine=attrs.evolve(found.routine, ask=asked))
            self.made[key] = found
        return found

    def _step(self, index: int, day: datetime.date) -> None:
        self.since[index] = 0
        self.stepped_on[index] = day
        after = list(self.steps)
        after[index] += 1
        if self.applied(after) != self.applied(self.steps):
            self.steps = after
            self.history.append(index)
            self.notice = None


def _met(rule: Progression, index: int, state: _State, entry: LogEntry) -> bool:
    if rule.every is not None:
        state.since[index] += 1
        return state.since[index] >= rule.every
    return rule.on in entry.reported


# Applying steps to a stage's routine -------------------------------------------------------


@attrs.frozen
class _Applied:
    routine: Routine
    level: Level
    messages: tuple[Message, ...]


def _applied(stage: Stage, rules: tuple[Progression, ...], steps: list[int]) -> _Applied:
    level = stage.level
    for rule, count in zip(rules, steps, strict=True):
        if rule.change is Change.LEVEL and count:
            level = _level(rule, level, count)
    routine, messages = stage.routine, []
    for rule, count in zip(rules, steps, strict=True):
        if not count:
            continue
        if rule.change is Change.LEVEL:
            if level is not stage.level:
                messages.append(Message(f"progress_level_{level.value}"))
            continue
        changes: list[int] = []
        routine = _walk_routine(routine, _Changer(rule, count, level, changes))
        if changes:
            messages.append(_change_message(rule, changes))
    return _Applied(routine, level, tuple(dict.fromkeys(messages)))


def _level(rule: Progression, level: Level, count: int) -> Level:
    index = _LEVELS.index(level)
    if isinstance(rule.to, Level):
        return _LEVELS[max(index, _LEVELS.index(rule.to))]
    top = _LEVELS.index(rule.cap) if isinstance(rule.cap, Level) else len(_LEVELS) - 1
    return _LEVELS[max(index, min(index + count, top))]


def _change_message(rule: Progression, changes: list[int]) -> Message:
    name = rule.change.value
    if rule.to is not None:
        value = rule.to.ms // 1000 if isinstance(rule.to, Duration) else rule.to
        return Message(f"progress_{name}_to", {"seconds" if name == "hold" else "count": value})
    most = max(changes)
    amount = most // 1000 if rule.change is Change.HOLD else most
    key = f"progress_{name}" if len(set(changes)) == 1 else f"progress_{name}_up_to"
    return Message(key, {"seconds" if name == "hold" else "count": amount})


@attrs.frozen
class _Changer:
    rule: Progression
    count: int
    level: Level
    changes: list[int]

    def value(self, written: int | CountRange | Duration | DurationRange) -> int | None:
        """The new value for what the author wrote, or None where it stays as written."""
        if isinstance(written, Duration | DurationRange):
            base = written.ms if isinstance(written, Duration) else written.at(self.level)
            step = self.rule.by.ms if isinstance(self.rule.by, Duration) else 0
            to = self.rule.to.ms if isinstance(self.rule.to, Duration) else None
            cap = self.rule.cap.ms if isinstance(self.rule.cap, Duration) else None
            high = written.high_ms if isinstance(written, DurationRange) else None
        else:
            base = written if isinstance(written, int) else written.at(self.level)
            step = self.rule.by if isinstance(self.rule.by, int) else 0
            to = self.rule.to if isinstance(self.rule.to, int) else None
            cap = self.rule.cap if isinstance(self.rule.cap, int) else None
            high = written.high if isinstance(written, CountRange) else None
        new = max(to, base) if to is not None else base + step * self.count
        if high is not None and not self.rule.beyond_range:
            new = min(new, max(high, base))
        if cap is not None:
            new = min(new, max(cap, base))
        if new == base:
            return None
        self.changes.append(new - base)
        return new

    def applies(self, stretch: Stretch | None) -> bool:
        name = self.rule.stretch
        return name is None or (stretch is not None and slug(stretch.name) == slug(name))


def _walk_routine(routine: Routine, change: _Changer) -> Routine:
    body = tuple(_walk_item(item, change) for item in routine.body)
    return routine if body == routine.body else attrs.evolve(routine, body=body)


def _walk_item(item: Any, change: _Changer) -> Any:
    if isinstance(item, Stretch):
        body = _walk_body(item.body, change, item)
        alternative = item.alternative and _walk_item(item.alternative, change)
        if body == item.body and alternative is item.alternative:
            return item
        return attrs.evolve(item, body=body, alternative=alternative)
    if isinstance(item, Circuit):
        body = tuple(_walk_item(part, change) for part in item.body)
        item = attrs.evolve(item, body=body) if body != item.body else item
        if change.rule.change is Change.ROUNDS and change.rule.stretch is None:
            times = change.value(item.times)
            if times is not None:
                item = attrs.evolve(item, times=times)
    return item


def _walk_body(body: tuple[Any, ...], change: _Changer, stretch: Stretch) -> tuple[Any, ...]:
    return tuple(_walk_node(node, change, stretch) for node in body)


def _walk_node(node: Any, change: _Changer, stretch: Stretch) -> Any:
    what = change.rule.change
    if isinstance(node, PerSide | OneSide):
        body = _walk_body(node.body, change, stretch)
        return node if body == node.body else attrs.evolve(node, body=body)
    if isinstance(node, Repeat):
        body = _walk_body(node.body, change, stretch)
        node = node if body == node.body else attrs.evolve(node, body=body)
        if what is Change.ROUNDS and change.applies(stretch):
            times = change.value(node.times)
            if times is not None:
                node = attrs.evolve(node, times=times)
        return node
    if (
        isinstance(node, Hold)
        and what is Change.HOLD
        and change.applies(stretch)
        and isinstance(node.duration, Duration | DurationRange)
    ):
        ms = change.value(node.duration)
        if ms is not None:
            return attrs.evolve(node, duration=Duration(ms))
    # A count per round (a pyramid) stays as written: no one step fits every round.
    if (
        isinstance(node, Reps)
        and not isinstance(node.count, tuple)
        and what is Change.REPS
        and change.applies(stretch)
    ):
        count = change.value(node.count)
        if count is not None:
            return attrs.evolve(node, count=count)
    return node


# The schedule ------------------------------------------------------------------------------


def _fold(program: Program, log: SessionLog, start: datetime.date) -> _State:
    state = _State(program, 0, start)
    for entry in log:
        if entry.day >= start:
            state.feed(entry)
    return state


def _first_day(stage: Stage, on_or_after: datetime.date, start: datetime.date) -> datetime.date:
    probe = max(on_or_after, start)
    return probe if stage.schedule.is_day(probe, start) else stage.schedule.day_after(probe, start)


def _session(
    state: _State, on: datetime.date, first: bool, now: datetime.time | None = None
) -> PlannedSession | None:
    """The next session on or after ``on`` for a program standing at ``state``; ``first``:
    whether it is the next one (said to be on a later day, or overdue); ``now``: the time of
    day on ``on`` (by the calendar, a time already past is gone)."""
    state.roll(on)
    if state.finished:
        return None
    stage = state.current
    plan = stage.schedule
    last = state.last
    due: datetime.date | None = None
    # By the calendar, the times of day still to come: after the last session today, and not
    # before ``now``.
    after = last.when.time() if last is not None and last.day == on else None
    left_today = [t for t in plan.at if (after is None or t > after) and (now is None or t >= now)]
    if program_calendar := state.program.missed is Missed.CALENDAR:
        if plan.is_day(on, state.start) and left_today:
            day = on
        else:
            day = _first_day(stage, on + _DAY, state.start)
    elif last is None:
        due = _first_day(stage, state.start, state.start)
    elif state.today < plan.times_a_day:
        due = last.day
    elif plan.days:
        due = plan.day_after(last.day, state.start)
    else:
        due = last.day + _DAY * plan.every
    if not program_calendar:
        assert due is not None
        day = max(due, on)
    slot = state.today if last is not None and last.day == day else 0
    at = plan.at[min(slot, plan.times_a_day - 1)]
    if program_calendar and day == on and left_today:
        at = left_today[0]
    if last is not None and last.day == day and plan.gap.ms:  # at least the gap after the last
        earliest = last.when + datetime.timedelta(milliseconds=plan.gap.ms)
        if earliest.date() == day and earliest.time() > at:
            at = earliest.time().replace(second=0, microsecond=0)
    steps = state.steps
    if any(rule.every_days for rule in state.program.progression):
        ahead = copy.copy(state)
        ahead.steps, ahead.since = list(steps), list(state.since)
        ahead.stepped_on, ahead.history = list(state.stepped_on), list(state.history)
        ahead.week(day)
        steps = ahead.steps
    applied = state.applied(steps)
    count = state.planned
    number = state.done + 1
    names = {"program": state.program.title, "stage": state.program.stage_name(state.stage)}
    messages = [
        Message("session", {**names, "number": number})
        if count is None
        else Message("session_of", {**names, "number": number, "count": max(count, number)})
    ]
    if day > on and first:
        messages.append(Message("session_not_today", {"date": day.isoformat()}))
    if due is not None and due < on and first:
        messages.append(Message("session_overdue", {"date": due.isoformat()}))
    messages += applied.messages
    if state.notice is not None:
        key, pain, when = state.notice
        messages.append(Message(key, {"pain": pain, "date": when.isoformat()}))
    return PlannedSession(
        day,
        at,
        f"{state.stage + 1}.{number}",
        state.stage + 1,
        number,
        count,
        applied.routine,
        applied.level,
        tuple(messages),
        due if due is not None and due < on else None,
    )


def _read(
    program: object, log: object, on: object, start: object
) -> tuple[datetime.date, datetime.date, datetime.time | None]:
    if not isinstance(program, Program):
        raise InvalidTypeError(f"a program must be a Program, got {type(program).__name__}")
    if not isinstance(log, SessionLog):
        raise InvalidTypeError(f"a log must be a SessionLog, got {type(log).__name__}")
    now = None
    if isinstance(on, datetime.datetime):
        now = on.time().replace(second=0, microsecond=0, tzinfo=None)
        on = on.date()
    if not isinstance(on, datetime.date):
        raise InvalidTypeError(f"on must be a date, got {on!r}")
    if start is None:
        start = log.entries[0].day if log.entries else on
    if isinstance(start, datetime.datetime):
        start = start.date()
    if not isinstance(start, datetime.date):
        raise InvalidTypeError(f"start must be a date, got {start!r}")
    return on, start, now


def schedule(
    program: Program,
    log: SessionLog,
    *,
    on: datetime.date | datetime.datetime,
    count: int = 14,
    start: datetime.date | None = None,
) -> tuple[PlannedSession, ...]:
    """The next ``count`` sessions from ``on``, as data: each as if the ones before it were
    completed without pain (fewer where the program ends). The first is what ``next_session``
    gives. ``start``: the day the program began (by default the first logged day, else ``on``)."""
    day, begun, now = _read(program, log, on, start)
    if type(count) is not int or count < 1:
        raise InvalidValueError(f"count must be a whole number >= 1, got {count!r}")
    return tuple(_sessions(program, log, day, begun, count, now))


def _sessions(
    program: Program,
    log: SessionLog,
    on: datetime.date,
    start: datetime.date,
    count: int,
    now: datetime.time | None = None,
) -> Iterator[PlannedSession]:
    state = _fold(program, log.until(on), start)
    for index in range(count):
        session = _session(state, on, index == 0, now)
        if session is None:
            return
        yield session
        when = datetime.datetime.combine(session.day, session.at)
        state.feed(LogEntry(when, session=session.key))
        on, now = session.day, session.at


def next_session(
    program: Program,
    log: SessionLog,
    *,
    on: datetime.date | datetime.datetime,
    start: datetime.date | None = None,
    **options: Any,
) -> Timeline:
    """The timeline of the next session on or after ``on``: pure and deterministic.

    The stage's routine with every progression step taken, compiled at the stage's level (or the
    level progression moved it to) with ``options`` (those of ``compile_routine`` but ``level``:
    conditions, language, cues, fit_to, affected, swap...). Its ``session`` events (after the
    title, and in ``personalization``) say which session it is, when it lies if not on ``on``,
    what changed since the stage began and what pain held back. A ProgramError says a program is
    finished. ``start``: the day the program began (by default the first logged day, else
    ``on``)."""
    if "level" in options:
        raise InvalidValueError(
            "next_session() takes no level: each stage sets its own, and progression moves it"
        )
    day, begun, now = _read(program, log, on, start)
    found = next(_sessions(program, log, day, begun, 1, now), None)
    if found is None:
        raise ProgramError(f"{program.title!r} is finished: every stage is done")
    return found.compile(**options)
