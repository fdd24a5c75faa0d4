"""Reminders: a program's schedule as an iCalendar file (RFC 5545), one event per session.

Each event starts at the session's day and time of day (floating local time: the time on the
person's clock wherever they are), lasts as long as the session's timeline, says which session it
is and what changed, and carries a display alarm. Some calendar apps drop the alarms of an
imported file: apps should remind from the schedule as data (``schedule()``) and use the file as
a convenience.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from .._compiler.compile import compile_routine
from .._dsl.check import slug
from .._timeline.messages import render_message
from ..exceptions import InvalidValueError, NotInstalledError
from .plan import PlannedSession
from .program import Program

__all__ = ["calendar_bytes"]


def calendar_bytes(
    program: Program,
    sessions: Sequence[PlannedSession],
    *,
    alarm_minutes: int = 10,
    stamp: datetime.datetime | None = None,
    language: str = "en",
) -> bytes:
    """The iCalendar file of ``sessions`` (from ``schedule()``): one VEVENT each, with a display
    alarm ``alarm_minutes`` before it. ``stamp``: when the file was made (its DTSTAMP; by
    default the first session's start, so equal inputs give equal bytes)."""
    try:
        import icalendar
    except ImportError:
        raise NotInstalledError(
            "writing a calendar needs icalendar: pip install 'backstretch[program]'"
        ) from None
    if type(alarm_minutes) is not int or alarm_minutes < 0:
        raise InvalidValueError(f"alarm_minutes must be a whole number >= 0, got {alarm_minutes!r}")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//backstretch//programs//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", program.title)
    name = slug(program.title)
    for session in sessions:
        start = datetime.datetime.combine(session.day, session.at)
        timeline = compile_routine(
            session.routine,
            session=session.messages,
            level=session.level,
            language=language,
            affected="left",  # as long whichever side is affected
        )
        event = icalendar.Event()
        event.add("uid", f"{name}-{session.key}-{session.day.isoformat()}@backstretch")
        event.add("dtstamp", stamp or start.replace(tzinfo=datetime.UTC))
        event.add("dtstart", start)
        event.add("duration", datetime.timedelta(milliseconds=timeline.total_ms))
        event.add("summary", f"{program.title}: {session.routine.title}")
        said = [render_message(m, language) for m in session.messages]
        event.add("description", ". ".join(said) + ".")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{program.title}: {session.routine.title}")
        alarm.add("trigger", datetime.timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
