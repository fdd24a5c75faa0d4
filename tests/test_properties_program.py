"""Programs, proven on generated programs and logs: the session is a function of the program, the
log and the day; progression keeps to caps and ranges; pain at the line never progresses; a missed
session is handled as the policy says; every session's timeline loads back as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from backstretch import (
    Circuit,
    Duration,
    DurationRange,
    Hold,
    Level,
    LogEntry,
    Missed,
    PainRule,
    PlannedSession,
    Program,
    Progression,
    Repeat,
    Reps,
    Routine,
    SessionLog,
    Stage,
    Step,
    Stretch,
    dumps_timeline,
    loads_timeline,
    next_session,
    schedule,
    seconds,
    strategies,
)
from backstretch._program.program import Change

START = dt.date(2026, 6, 1)
LEVELS = (Level.GENTLE, Level.STANDARD, Level.DEEP)


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def pairs(written: Any, made: Any) -> Iterator[tuple[Any, Any]]:
    """Each node of a stage's routine with the node the session has in its place."""
    yield written, made
    for name in ("body", "alternative"):
        one, two = getattr(written, name, None), getattr(made, name, ())
        if isinstance(one, tuple):
            assert len(one) == len(two)
            for a, b in zip(one, two, strict=True):
                yield from pairs(a, b)
        elif one is not None:
            yield from pairs(one, two)


def rule_for(program: Program, change: Change) -> Progression | None:
    return next((r for r in program.progression if r.change is change), None)


def bounds(
    written: int | Duration | DurationRange | Any, rule: Progression | None, level: Level
) -> tuple[int, int | None]:
    """The least and the most a value may become: what the author wrote (at the level), up to the
    cap and the range's top unless the rule goes beyond it; None where nothing caps it."""
    if isinstance(written, Duration | DurationRange):
        base = written.ms if isinstance(written, Duration) else written.at(level)
        top = written.high_ms if isinstance(written, DurationRange) else None
        cap = rule.cap.ms if rule is not None and isinstance(rule.cap, Duration) else None
    else:
        base = written if isinstance(written, int) else written.at(level)
        top = None if isinstance(written, int) else written.high
        cap = rule.cap if rule is not None and isinstance(rule.cap, int) else None
    most = [base] if rule is None else []
    if rule is not None and top is not None and not rule.beyond_range:
        most.append(max(top, base))
    if rule is not None and cap is not None:
        most.append(max(cap, base))
    return base, min(most) if most else None


def written_of(node: Any) -> Any:
    return (
        node.duration
        if isinstance(node, Hold)
        else node.count
        if isinstance(node, Reps)
        else node.times
    )


def settled(node: Any) -> bool:
    """Whether the node's value is one number (not a range, not breaths)."""
    return isinstance(written_of(node), Duration | int)


def value_of(node: Any) -> int:
    found = (
        node.duration
        if isinstance(node, Hold)
        else node.count
        if isinstance(node, Reps)
        else node.times
    )
    assert isinstance(found, Duration | int)
    return found.ms if isinstance(found, Duration) else found


def check_bounds(program: Program, session: PlannedSession) -> None:
    stage = program.stages[session.stage - 1]
    level_rule = rule_for(program, Change.LEVEL)
    if level_rule is None:
        assert stage.level is session.level
    else:
        assert LEVELS.index(session.level) >= LEVELS.index(stage.level)
        if isinstance(level_rule.cap, Level) and session.level is not stage.level:
            assert LEVELS.index(session.level) <= LEVELS.index(level_rule.cap)
    for written, made in pairs(stage.routine, session.routine):
        if written is made:
            continue
        what: Any
        if isinstance(written, Hold):
            if not isinstance(written.duration, Duration | DurationRange):
                assert written.duration == made.duration
                continue
            what, rule = written.duration, rule_for(program, Change.HOLD)
        elif isinstance(written, Reps):
            what, rule = written.count, rule_for(program, Change.REPS)
        elif isinstance(written, Repeat | Circuit):
            what, rule = written.times, rule_for(program, Change.ROUNDS)
        else:
            assert type(written) is type(made)
            continue
        least, most = bounds(what, rule, session.level)
        if what == written_of(made):
            continue
        assert rule is not None, "only a rule changes a value"
        assert least <= value_of(made)
        if most is not None:
            assert value_of(made) <= most


@given(strategies.programs(), strategies.session_logs(), st.integers(0, 40))
def test_progression_keeps_to_its_caps_and_ranges(
    program: Program, log: SessionLog, offset: int
) -> None:
    for session in schedule(program, log, on=day(offset), count=6):
        check_bounds(program, session)


@given(strategies.programs(), strategies.session_logs(), st.integers(0, 40))
def test_the_schedule_is_a_function_of_the_program_the_log_and_the_day(
    program: Program, log: SessionLog, offset: int
) -> None:
    on = day(offset)
    planned = schedule(program, log, on=on, count=5)
    assert planned == schedule(program, log, on=on, count=5)
    # Nothing logged after the day changes it; the first planned is what next_session gives.
    assert planned == schedule(
        program, log.until(on), on=on, count=5, start=log.entries[0].day if log.entries else on
    )
    assert all(s.day >= on for s in planned)
    assert [s.day for s in planned] == sorted(s.day for s in planned)


@given(strategies.programs(), strategies.session_logs(), st.integers(0, 30), st.data())
def test_pain_at_the_line_never_progresses(
    program: Program, log: SessionLog, offset: int, data: st.DataObject
) -> None:
    on = max([day(offset), *(e.day for e in log)])
    start = log.entries[0].day if log.entries else on
    before = schedule(program, log, on=on, count=1, start=start)
    if not before:
        return
    (planned,) = before
    pain = data.draw(st.integers(program.pain.hold_at, 10))
    when = dt.datetime.combine(on, dt.time(22, 0))
    after = schedule(
        program,
        log.add(LogEntry(when, pain_after=pain)),
        on=on + dt.timedelta(days=1),
        count=1,
        start=start,
    )
    assert after, "a session with pain never finishes a program"
    (then,) = after
    assert planned.stage == then.stage
    assert LEVELS.index(then.level) <= LEVELS.index(planned.level)
    for was, now in pairs(planned.routine, then.routine):
        if isinstance(was, Hold | Reps | Repeat | Circuit) and settled(was) and settled(now):
            assert value_of(now) <= value_of(was)
    key = "progress_stepped_back" if pain >= program.pain.back_at else "progress_held"
    assert key in [m.key for m in then.messages]


@given(strategies.programs(), strategies.session_logs(), st.integers(0, 20), st.integers(1, 10))
def test_a_missed_session_is_handled_as_the_policy_says(
    program: Program, log: SessionLog, offset: int, missed: int
) -> None:
    on = max([day(offset), *(e.day for e in log)])
    start = log.entries[0].day if log.entries else on
    planned = schedule(program, log, on=on, count=1, start=start)
    if not planned:
        return
    later = planned[0].day + dt.timedelta(days=missed)
    then = schedule(program, log, on=later, count=1, start=start)
    if program.missed is Missed.SEQUENCE:
        # Nobody did it: it stays next, offered on the day asked about.
        (same,) = then
        assert (planned[0].key, later) == (same.key, same.day)
        if not any(rule.every_days for rule in program.progression):  # weeks go on meanwhile
            assert (planned[0].routine, planned[0].level) == (same.routine, same.level)
        assert same.due == planned[0].day if planned[0].due is None else same.due == planned[0].due
    for session in then:
        stage = program.stages[session.stage - 1]
        assert session.day >= later
        if stage.schedule.days:
            assert session.day.weekday() in stage.schedule.days or session.due is not None


@given(strategies.programs(max_stages=2), strategies.session_logs(), st.integers(0, 30))
def test_every_session_is_a_timeline_that_loads_back_as_it_was(
    program: Program, log: SessionLog, offset: int
) -> None:
    on = day(offset)
    if not schedule(program, log, on=on, count=1):
        return
    timeline = next_session(program, log, on=on, affected="left")
    assert timeline == loads_timeline(dumps_timeline(timeline))
    assert timeline.personalization is not None
    session = [e.message for e in timeline.segments if e.role.value == "session"]
    assert tuple(session) == timeline.personalization.messages[: len(session)]


def oracle_hold_ms(
    first_ms: int, by_ms: int, every: int, cap_ms: int, pain: PainRule, log: SessionLog
) -> int:
    """An independent count of a single hold rule: steps every ``every`` sessions below the pain
    line, one undone at the top line, none past the cap."""
    steps = counter = 0
    top = max(cap_ms, first_ms)
    for entry in log:
        if not entry.completed:
            continue
        said = entry.pain_after if entry.pain_after is not None else entry.pain_before
        if said is not None and said >= pain.back_at:
            steps, counter = max(0, steps - 1), 0
            continue
        if said is not None and said >= pain.hold_at:
            continue
        counter += 1
        if counter == every:
            counter = 0
            if first_ms + steps * by_ms < top:
                steps += 1
    return min(first_ms + steps * by_ms, top)


@given(
    st.integers(5, 60),
    st.integers(1, 10),
    st.integers(1, 3),
    st.integers(5, 120),
    st.integers(1, 10).flatmap(lambda hold: st.tuples(st.just(hold), st.integers(hold, 10))),
    strategies.session_logs(days=60),
)
def test_a_hold_rule_grows_as_an_independent_count_says(
    first: int, by: int, every: int, cap: int, lines: tuple[int, int], log: SessionLog
) -> None:
    routine = Routine("Hold", [Stretch("Reach", [Step("Reach up"), Hold(seconds(first))])])
    pain = PainRule(*lines)
    program = Program(
        "P",
        [Stage(routine)],
        progression=[Progression("hold", by=seconds(by), every=every, cap=seconds(cap))],
        pain=pain,
    )
    (session,) = schedule(program, log, on=day(60), count=1, start=START)
    (stretch,) = session.routine.body
    assert isinstance(stretch, Stretch)
    (hold,) = [n for n in stretch.body if isinstance(n, Hold)]
    expected = oracle_hold_ms(first * 1000, by * 1000, every, cap * 1000, pain, log)
    assert Duration(expected) == hold.duration


@given(strategies.programs(max_stages=2), strategies.session_logs(), st.integers(0, 30))
def test_the_calendar_parses_back_to_the_schedule(
    program: Program, log: SessionLog, offset: int
) -> None:
    import icalendar

    from backstretch._program.calendar import calendar_bytes

    planned = schedule(program, log, on=day(offset), count=3)
    calendar = icalendar.Calendar.from_ical(calendar_bytes(program, planned, alarm_minutes=5))
    events = list(calendar.walk("VEVENT"))
    assert [dt.datetime.combine(s.day, s.at) for s in planned] == [
        e.get("dtstart").dt for e in events
    ]
    assert len({e.get("uid") for e in events}) == len(events)
    assert all(e.get("duration").dt > dt.timedelta(0) for e in events)
    assert all(
        [a.get("trigger").dt for a in e.walk("VALARM")] == [-dt.timedelta(minutes=5)]
        for e in events
    )
