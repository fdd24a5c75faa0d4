"""Programs by example: the session a program gives for a log and a date, pinned exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from backstretch import (
    InvalidValueError,
    Kind,
    LogEntry,
    PainRule,
    Program,
    ProgramError,
    Progression,
    Schedule,
    SessionLog,
    Stage,
    Timeline,
    catalog,
    dumps_timeline,
    loads_timeline,
    log_entry,
    next_session,
    schedule,
)
from backstretch.catalog import get

SEED = get("pilates-for-back-pain")
KNEE = get("knee-strength")


def day(n: int) -> dt.date:
    return dt.date(2026, 6, n)


def done(n: int, hour: int = 9, **fields: object) -> LogEntry:
    return LogEntry(dt.datetime(2026, 6, n, hour), **fields)  # type: ignore[arg-type]


def lunge_holds(timeline: Timeline) -> list[int]:
    return [
        e.duration_ms for e in timeline.segments if e.kind is Kind.HOLD and e.stretch == "Lunges"
    ]


def said(timeline: Timeline) -> list[str]:
    assert timeline.personalization is not None
    return [e.text for e in timeline.segments if e.role.value == "session"]


TWO_WEEKS = Program(
    "Back care",
    [Stage(SEED, weeks=2, name="Two weeks")],
    progression=[Progression("hold", by="10s", every_days=7, stretch="Lunges", cap="60s")],
)


def test_the_first_session_is_the_stage_s_routine_and_says_which_it_is() -> None:
    timeline = next_session(TWO_WEEKS, SessionLog(), on=day(1))
    assert [45_000, 45_000] == lunge_holds(timeline)
    assert ["Back care, Two weeks: session 1 of 14"] == said(timeline)
    assert timeline.personalization is not None
    assert (
        "Back care, Two weeks: session 1 of 14. Standard level: every range in its middle."
        == timeline.personalization.text
    )
    assert timeline.segments[1].id == "title"
    assert timeline.segments[2].id == "session0"


def test_holds_grow_a_step_each_week_and_say_so() -> None:
    log = SessionLog([done(n, pain_after=1) for n in range(1, 8)])
    timeline = next_session(TWO_WEEKS, log, on=day(8))
    assert [55_000, 55_000] == lunge_holds(timeline)
    assert [
        "Back care, Two weeks: session 8 of 14",
        "Holds 10 s longer than at the start of this stage",
    ] == said(timeline)


def test_a_step_never_passes_the_range_or_the_cap() -> None:
    # Lunges hold 30 to 60 s (45 s at the standard level); three weeks of steps stop at 60 s.
    program = Program(
        "Back care",
        [Stage(SEED, weeks=4)],
        progression=[Progression("hold", by="10s", every_days=7, stretch="Lunges")],
    )
    log = SessionLog([done(n) for n in range(1, 22)])
    timeline = next_session(program, log, on=day(22))
    assert [60_000, 60_000] == lunge_holds(timeline)
    assert "Holds 15 s longer than at the start of this stage" in said(timeline)
    beyond = Program(
        "Back care",
        [Stage(SEED, weeks=4)],
        progression=[
            Progression(
                "hold", by="10s", every_days=7, stretch="Lunges", beyond_range=True, cap="70s"
            )
        ],
    )
    assert [70_000, 70_000] == lunge_holds(next_session(beyond, log, on=day(22)))


def test_pain_in_the_middle_band_holds_progression_back() -> None:
    log = SessionLog([*(done(n) for n in range(1, 7)), done(7, pain_before=2, pain_after=5)])
    timeline = next_session(TWO_WEEKS, log, on=day(8))
    assert [45_000, 45_000] == lunge_holds(timeline)
    assert [
        "Back care, Two weeks: session 8 of 14",
        "Progression held: pain 5/10 reported on 2026-06-07",
    ] == said(timeline)


def test_pain_at_the_top_steps_back_one_change_and_advises_a_professional() -> None:
    log = SessionLog([*(done(n) for n in range(1, 9)), done(9, pain_after=7)])
    timeline = next_session(TWO_WEEKS, log, on=day(10))
    assert [45_000, 45_000] == lunge_holds(timeline)
    assert [
        "Back care, Two weeks: session 10 of 14",
        "One change undone: pain 7/10 reported on 2026-06-09. If pain like this stays or comes "
        "back, stop and ask a doctor or physiotherapist",
    ] == said(timeline)


def test_the_pain_rule_s_lines_are_the_program_s() -> None:
    strict = Program(
        "Back care",
        [Stage(SEED, weeks=2)],
        progression=[Progression("hold", by="10s", every_days=7, stretch="Lunges")],
        pain=PainRule(hold_at=2, back_at=3),
    )
    log = SessionLog([*(done(n) for n in range(1, 7)), done(7, pain_after=2)])
    assert [45_000, 45_000] == lunge_holds(next_session(strict, log, on=day(8)))
    assert [55_000, 55_000] == lunge_holds(next_session(TWO_WEEKS, log, on=day(8)))


def test_in_sequence_a_missed_session_stays_next() -> None:
    log = SessionLog([done(1), done(2)])
    (first, second) = schedule(TWO_WEEKS, log, on=day(6), count=2)
    assert (day(6), "1.3", day(3)) == (first.day, first.key, first.due)
    assert (day(7), "1.4", None) == (second.day, second.key, second.due)
    timeline = next_session(TWO_WEEKS, log, on=day(6))
    assert [
        "Back care, Two weeks: session 3 of 14",
        "This session was due on 2026-06-03 and is still next",
    ] == said(timeline)


def test_by_the_calendar_a_missed_session_is_gone() -> None:
    program = Program(
        "Every second day", [Stage(SEED, days=14, schedule=Schedule(every=2))], missed="calendar"
    )
    log = SessionLog([done(1)])
    planned = schedule(program, log, on=day(4), count=3)
    assert [day(5), day(7), day(9)] == [s.day for s in planned]
    assert ["1.2", "1.3", "1.4"] == [s.key for s in planned]
    assert [
        "Every second day, Stage 1: session 2",
        "No session is due today; this is the next one, on 2026-06-05",
    ] == said(next_session(program, log, on=day(4)))
    # The stage of 14 days ends on its date, sessions missed or not.
    with pytest.raises(
        ProgramError, match=r"^'Every second day' is finished: every stage is done$"
    ):
        next_session(program, log, on=day(15))


def test_days_of_the_week_and_times_of_day() -> None:
    program = Program(
        "Desk",
        [Stage(SEED, schedule=Schedule(["mon", "wed", "fri"], at=["08:00", "13:00"]))],
    )
    # 1 June 2026 is a Monday.
    planned = schedule(program, SessionLog([done(1, hour=8)]), on=day(1), count=4)
    assert [(day(1), "13:00"), (day(3), "08:00"), (day(3), "13:00"), (day(5), "08:00")] == [
        (s.day, f"{s.at:%H:%M}") for s in planned
    ]


def test_a_stage_moves_on_after_its_sessions_or_a_report() -> None:
    program = Program(
        "Knee",
        [
            Stage(SEED, sessions=3, move_on="pain_eased", name="Settle"),
            Stage(KNEE, name="Strengthen"),
        ],
    )
    assert ["1.2"] == [s.key for s in schedule(program, SessionLog([done(1)]), on=day(2), count=1)]
    eased = SessionLog([done(1, pain_before=3, pain_after=1)])
    (session,) = schedule(program, eased, on=day(2), count=1)
    assert ("2.1", 2, "Knee Strength") == (session.key, session.stage, session.routine.title)
    three = SessionLog([done(1), done(2), done(3)])
    assert "2.1" == schedule(program, three, on=day(4), count=1)[0].key
    # A session with pain at the line does not count toward moving on.
    held = SessionLog([done(1), done(2), done(3, pain_after=4)])
    assert "1.4" == schedule(program, held, on=day(4), count=1)[0].key


def test_reps_grow_on_a_report_up_to_their_range_and_the_level_every_n_sessions() -> None:
    program = Program(
        "Knee",
        [Stage(KNEE, level="gentle")],
        progression=[
            Progression("reps", by=2, on="easy", cap=12),
            Progression("level", every=3),
        ],
    )
    log = SessionLog([done(1, effort="easy"), done(2), done(3, effort="easy")])
    (session,) = schedule(program, log, on=day(4), count=1)
    assert "standard" == session.level.value
    assert [
        "Knee, Stage 1: session 4",
        "3 more reps in each set than at the start of this stage",
        "Progression moved this session to the standard level",
    ] == said(next_session(program, log, on=day(4), affected="left"))


def test_a_session_stopped_early_is_still_next() -> None:
    log = SessionLog(
        [done(1), done(2, completed=False, stopped_at="childs-pose/4", stopped_ms=400_000)]
    )
    assert "1.2" == schedule(TWO_WEEKS, log, on=day(2), count=1)[0].key


def test_a_session_is_said_in_the_language_asked_for() -> None:
    log = SessionLog([done(n) for n in range(1, 8)])
    timeline = next_session(TWO_WEEKS, log, on=day(8), language="de")
    assert [
        "Back care, Two weeks: Einheit 8 von 14",
        "Halten 10 s länger als zu Beginn dieser Phase",
    ] == said(timeline)


def test_the_same_program_log_and_day_give_the_same_timeline_and_it_loads_back() -> None:
    log = SessionLog([done(n) for n in range(1, 8)])
    one, two = next_session(TWO_WEEKS, log, on=day(8)), next_session(TWO_WEEKS, log, on=day(8))
    assert one == two
    assert one == loads_timeline(dumps_timeline(one))


def test_a_planned_session_compiles_to_what_next_session_gives() -> None:
    log = SessionLog([done(n) for n in range(1, 8)])
    (planned,) = schedule(TWO_WEEKS, log, on=day(8), count=1)
    assert next_session(TWO_WEEKS, log, on=day(8), language="de") == planned.compile(language="de")
    with pytest.raises(InvalidValueError, match=r"^PlannedSession.compile\(\) takes no level"):
        planned.compile(level="deep")


def test_entries_after_the_day_asked_about_are_not_read() -> None:
    log = SessionLog([done(n) for n in range(1, 10)])
    assert next_session(TWO_WEEKS, log, on=day(5)) == next_session(
        TWO_WEEKS, log.until(day(5)), on=day(5)
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Progression("hold", by="5s"),
            "Progression: say when it applies with exactly one of every (sessions), every_days or "
            "on (a report)",
        ),
        (
            lambda: Progression("hold", every=2),
            "Progression: give a step (by) or a value (to), one of them",
        ),
        (
            lambda: Progression("reps", by=0, every=2),
            "Progression.by for reps must be a whole number >= 1, got 0",
        ),
        (
            lambda: Program("P", [Stage(SEED), Stage(KNEE)]),
            "Program.stages[0] never ends (no sessions, days or move_on), so the stages after it "
            "would never come; only the last stage may go on",
        ),
        (
            lambda: PainRule(hold_at=7, back_at=5),
            "PainRule: hold_at (7) must be at most back_at (5), and back_at at most 10",
        ),
        (
            lambda: Schedule(["monday", "someday"]),
            "Schedule.days: 'someday' is no day of the week; write one of mon, tue, wed, thu, fri, "
            "sat, sun",
        ),
        (
            lambda: LogEntry(dt.datetime(2026, 6, 1), pain_after=11),
            "LogEntry.pain_after must be a whole number from 0 (no pain) to 10, got 11",
        ),
        (
            lambda: next_session(TWO_WEEKS, SessionLog(), on=day(1), level="deep"),
            "next_session() takes no level: each stage sets its own, and progression moves it",
        ),
    ],
)
def test_bad_programs_and_entries_say_what_is_wrong(make: object, message: str) -> None:
    with pytest.raises(InvalidValueError) as raised:
        make()  # type: ignore[operator]
    assert message == str(raised.value)


def test_by_the_calendar_a_time_of_day_already_past_is_gone() -> None:
    desk = catalog.program("desk-breaks")
    log = SessionLog([done(1, hour=9)])
    assert [(day(1), "12:00"), (day(1), "14:00")] == [
        (s.day, f"{s.at:%H:%M}")
        for s in schedule(desk, log, on=dt.datetime(2026, 6, 1, 11, 30), count=2)
    ]
    assert [(day(2), "09:00")] == [
        (s.day, f"{s.at:%H:%M}")
        for s in schedule(desk, log, on=dt.datetime(2026, 6, 1, 17, 30), count=1)
    ]


def test_every_built_in_program_gives_sessions_that_ask_for_the_log() -> None:
    assert ("back-care", "desk-breaks", "knee-in-stages") == catalog.program_names()
    for name in catalog.program_names():
        program = catalog.program(name)
        assert program.source
        timeline = next_session(program, SessionLog(), on=day(1), affected="right")
        roles = [e.role.value for e in timeline.segments if e.kind is Kind.CHECK_IN]
        assert roles[0] == "pain_before"
        assert roles[-2:] == ["pain_after", "effort"]


def test_a_log_entry_from_a_played_session() -> None:
    timeline = next_session(TWO_WEEKS, SessionLog(), on=day(1))
    asked = {e.role.value: e.id for e in timeline.segments if e.kind is Kind.CHECK_IN}
    answers: dict[str, int | str] = {
        asked["pain_before"]: 3,
        asked["pain_after"]: 1,
        asked["effort"]: "easy",
    }
    entry = log_entry(timeline, answers, when=dt.datetime(2026, 6, 1, 18), session="1.1")
    assert (3, 1, "easy", True) == (
        entry.pain_before,
        entry.pain_after,
        entry.effort,
        entry.completed,
    )
    assert {"easy", "pain_eased"} == {r.value for r in entry.reported}
    stopped = log_entry(timeline, {}, when=dt.datetime(2026, 6, 1, 18), stopped_ms=300_000)
    assert (False, timeline.at(300_000).id) == (stopped.completed, stopped.stopped_at)  # type: ignore[union-attr]


def test_the_printed_sheet_of_a_session_asks_its_questions_on_paper() -> None:
    from backstretch.exports import write_to_string

    sheet = write_to_string(next_session(TWO_WEEKS, SessionLog(), on=day(1)), "md")
    assert sheet.count("Back care, Two weeks: session 1 of 14") == 1  # in the summary only
    assert (
        "**Question:** Before you start: how much pain do you feel, from 0 (none) to 10 (the "
        "worst)? ______"
    ) in sheet
    afterwards = sheet.split("## Afterwards")[1]
    assert "**Question:** How did that feel: easy, about right, or hard? ______" in afterwards
