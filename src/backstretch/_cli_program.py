"""``backstretch program ...``: programs on the command line, with the log kept in SQLite.

``list`` the built-in programs, ``show`` one (its stages, rules and the next sessions), ``next``
(today's session and why it changed), ``play`` it (and log it, check-ins included), ``log``
(show, add, import and export entries as JSON Lines) and ``export`` the schedule as an iCalendar
file. The parsing and printing live here; every decision is the library's.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import LANGUAGES, Side, catalog
from ._base.files import read_bytes, write_atomically
from ._base.time import format_ms
from ._documents.program import load_program
from ._play.store import LogStore, default_log_path
from ._program.calendar import calendar_bytes
from ._program.log import LogEntry, SessionLog, entry_data, entry_from_data, log_entry
from ._program.plan import PlannedSession, schedule
from ._program.program import Program, Report
from ._timeline.messages import render_message
from .exceptions import BackstretchError, DocumentError, InvalidValueError, Problem

if TYPE_CHECKING:
    from ._play.loop import Outcome
    from ._timeline.timeline import Timeline

__all__ = ["add_program_commands", "play_options"]

Play = Callable[["Timeline", argparse.Namespace], "tuple[int, Outcome]"]

#: The most bytes a log file to import may hold.
MAX_IMPORT_BYTES = 20_000_000


def add_program_commands(commands: Any, play: Play) -> None:
    """The ``program`` command and its subcommands; ``play``: how the command line plays a
    timeline (full screen or plain lines), returning the exit status and the outcome."""
    program = commands.add_parser(
        "program",
        help="programs: sessions over days and weeks, with progression and a log",
        description="Programs: a built-in routine (or several, in stages) over days and weeks. "
        "The log of what you did is kept in your data folder (or --log PATH).",
    )
    sub = program.add_subparsers(title="program commands", required=True, metavar="COMMAND")

    list_ = sub.add_parser("list", help="list the built-in programs")
    list_.set_defaults(run=_list)

    show = sub.add_parser("show", help="a program's stages, rules and next sessions")
    _name_and_log(show)
    show.add_argument("--count", type=int, default=7, metavar="N", help="sessions to list")
    show.set_defaults(run=_show)

    next_ = sub.add_parser("next", help="today's session, and what changed since its stage began")
    _name_and_log(next_)
    _session_options(next_)
    next_.set_defaults(run=_next)

    play_ = sub.add_parser(
        "play", help="play the next session and log it, with your answers to its check-ins"
    )
    _name_and_log(play_)
    _session_options(play_)
    play_options(play_)
    play_.set_defaults(run=_play, play=play)

    log = sub.add_parser(
        "log",
        help="show the log, add an entry by hand, or import and export it as JSON Lines",
    )
    _name_and_log(log)
    log.add_argument("--add", action="store_true", help="add an entry (a session done)")
    log.add_argument("--when", help="when it was done, e.g. 2026-06-03T18:00 (default: now)")
    log.add_argument("--session", default="", help="which session, e.g. 1.3")
    log.add_argument("--pain-before", type=int, metavar="N", help="pain before, 0 to 10")
    log.add_argument("--pain-after", type=int, metavar="N", help="pain after, 0 to 10")
    log.add_argument("--effort", choices=["easy", "right", "hard"], help="how it felt")
    log.add_argument(
        "--report", action="append", default=[], choices=[r.value for r in Report],
        help="what the session showed (repeat the option)",
    )  # fmt: skip
    log.add_argument("--stopped", action="store_true", help="it was stopped before the end")
    log.add_argument("--note", default="", help="a note")
    log.add_argument("--import", dest="import_", metavar="FILE", help="add the entries of a "
                     ".jsonl file (all or none)")  # fmt: skip
    log.add_argument("--export", metavar="FILE", help="write the entries to a .jsonl file")
    log.set_defaults(run=_log)

    export = sub.add_parser(
        "export",
        help="write the next sessions as an iCalendar file (.ics) with alarms, or the log as "
        "JSON Lines (.jsonl)",
    )
    _name_and_log(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE.ics|FILE.jsonl")
    export.add_argument("--on", help="from this day (default: today)")
    export.add_argument("--count", type=int, default=14, metavar="N", help="how many sessions")
    export.add_argument(
        "--alarm", type=int, default=10, metavar="MINUTES", help="alarm before each (default 10)"
    )
    export.set_defaults(run=_export)

    check = sub.add_parser("check", help="check a program document; every problem at once")
    check.add_argument("file", metavar="FILE", help="a .json, .toml or .yaml program document")
    check.set_defaults(run=_check)


def play_options(command: argparse.ArgumentParser) -> None:
    """The options of playing in real time, for ``play`` and ``program play``."""
    command.add_argument(
        "--speed",
        type=_positive_number,
        default=1.0,
        metavar="N",
        help="play N times faster, e.g. 10 for a quick run-through (default: 1)",
    )
    command.add_argument(
        "--quiet", action="store_true", help="no terminal bell for the get-ready countdown"
    )
    command.add_argument(
        "--say", action="store_true", help="speak each instruction aloud (needs espeak-ng)"
    )
    command.add_argument(
        "--plain", action="store_true", help="plain timestamped lines even on a terminal"
    )


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (value > 0 and value < float("inf")):
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {text!r}")
    return value


def _name_and_log(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "program", metavar="PROGRAM", help="a built-in program's name, or a program document"
    )
    command.add_argument(
        "--log", metavar="PATH", help="the log file (SQLite; default: in your data folder)"
    )


def _session_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--on", help="the day (and time), e.g. 2026-06-03 (default: now)")
    command.add_argument("--lang", choices=LANGUAGES, help="the language of every text")
    command.add_argument(
        "--affected", choices=[s.value for s in Side], help="your affected side, where it matters"
    )
    command.add_argument(
        "--avoid", action="append", default=[], metavar="CONDITION", help="a condition you have"
    )


def _program(name: str) -> Program:
    """A program named on the command line: built in, or a program document."""
    if Path(name).suffix.lower() in (".json", ".toml", ".yaml", ".yml"):
        return load_program(name, routines=catalog.get)
    return catalog.program(name)


def _store(args: argparse.Namespace) -> LogStore:
    return LogStore(Path(args.log) if args.log else default_log_path())


def _read_log(args: argparse.Namespace) -> SessionLog:
    with _store(args) as store:
        rows = store.entries(args.program)
    return SessionLog(entry_from_data(row) for row in rows)


def _when(text: str | None, field: str) -> datetime.datetime:
    if text is None:
        return datetime.datetime.now().replace(microsecond=0)
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValueError(
            f"{field} must be a day like 2026-06-03 or a day and time like 2026-06-03T18:00, "
            f"got {text!r}"
        ) from None
    return when


def _list(args: argparse.Namespace) -> int:
    for name in catalog.program_names():
        program = catalog.program(name)
        stages = len(program.stages)
        print(f"{name:<16} {program.title} ({stages} stage{'s' if stages > 1 else ''})")
    return 0


def _show(args: argparse.Namespace) -> int:
    if args.count < 1:
        raise InvalidValueError(f"--count must be 1 or more, got {args.count}")
    program = _program(args.program)
    print(program.title)
    print(f"  missed sessions: {program.missed.value}; pain rule: progression waits from "
          f"{program.pain.hold_at}/10, steps back from {program.pain.back_at}/10")  # fmt: skip
    for index, stage in enumerate(program.stages):
        ends = [
            f"{stage.sessions} sessions" if stage.sessions else "",
            f"{stage.days} days" if stage.days else "",
            f"when a session reports {stage.move_on.value}" if stage.move_on else "",
        ]
        plan = stage.schedule
        when = (
            ", ".join(("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d] for d in plan.days)
            if plan.days
            else ("every day" if plan.every == 1 else f"every {plan.every} days")
        )
        times = ", ".join(f"{t:%H:%M}" for t in plan.at)
        until = " or ".join(e for e in ends if e)
        until = f"ends after {until}" if until else "goes on"
        print(f"  {program.stage_name(index)}: {stage.routine.title} at the {stage.level.value} "
              f"level, {when} at {times}; {until}")  # fmt: skip
    for rule in program.progression:
        step = f"by {rule.by}" if rule.by is not None else f"to {rule.to}"
        when = (
            f"every {rule.every} sessions" if rule.every
            else f"every {rule.every_days} days" if rule.every_days
            else f"when a session reports {rule.on.value if rule.on else ''}"
        )  # fmt: skip
        cap = f", up to {rule.cap}" if rule.cap is not None else ""
        print(f"  progression: {rule.change.value} {step} {when}{cap}")
    if program.source:
        print(f"  source: {program.source}")
    log = _read_log(args)
    print("next sessions:")
    for session in schedule(program, log, on=_when(None, "--on"), count=args.count):
        print(f"  {session.day.isoformat()} {session.at:%H:%M}  {session.key:<6} "
              f"{session.routine.title} ({session.level.value})")  # fmt: skip
    return 0


def _planned(args: argparse.Namespace) -> tuple[Program, SessionLog, PlannedSession, Timeline]:
    program = _program(args.program)
    log = _read_log(args)
    on = _when(args.on, "--on")
    found = schedule(program, log, on=on, count=1)
    if not found:
        raise InvalidValueError(f"{program.title!r} is finished: every stage is done")
    (session,) = found
    named = {c.strip() for value in args.avoid for c in value.split(",") if c.strip()}
    timeline = session.compile(
        conditions=session.routine.vocabulary.resolve(named, where="--avoid"),
        language=args.lang,
        affected=args.affected,
    )
    return program, log, session, timeline


def _next(args: argparse.Namespace) -> int:
    program, _, session, timeline = _planned(args)
    print(
        f"{program.title}: session {session.key}, {session.day.isoformat()} at {session.at:%H:%M}"
    )
    language = timeline.options.language if timeline.options else "en"
    for message in session.messages:
        print(f"  {render_message(message, language)}")
    print(f"  {session.routine.title}, {format_ms(timeline.total_ms)} at the "
          f"{session.level.value} level")  # fmt: skip
    return 0


def _play(args: argparse.Namespace) -> int:
    _, _, session, timeline = _planned(args)
    if session.day > _when(args.on, "--on").date():
        print(f"backstretch: note: no session is due today; this is the next one, for "
              f"{session.day.isoformat()}")  # fmt: skip
    # Done now; or, for a day given with --on, at the session's time that day.
    started = datetime.datetime.now().replace(microsecond=0)
    if args.on:
        started = _when(args.on, "--on")
        if "T" not in args.on and " " not in args.on:
            started = datetime.datetime.combine(session.day, session.at)
    play: Play = args.play
    status, outcome = play(timeline, args)
    stopped = None if outcome.how == "finished" else outcome.position_ms
    entry = log_entry(
        timeline, outcome.answers, when=started, session=session.key, stopped_ms=stopped
    )
    with _store(args) as store:
        store.add(args.program, [entry_data(entry)])
    done = "completed" if entry.completed else f"stopped at {format_ms(stopped or 0)}"
    print(f"logged: session {session.key}, {done}, to {store.path}")
    return status


def _log(args: argparse.Namespace) -> int:
    _program(args.program)  # an unknown name fails first
    if args.import_:
        entries = _read_jsonl(args.import_)
        with _store(args) as store:
            count = store.add(args.program, [entry_data(e) for e in entries])
        print(f"imported {count} entries into {store.path}")
        return 0
    if args.add:
        entry = LogEntry(
            _when(args.when, "--when"),
            session=args.session,
            completed=not args.stopped,
            stopped_at="unknown" if args.stopped else None,
            pain_before=args.pain_before,
            pain_after=args.pain_after,
            effort=args.effort,
            reports=args.report,
            note=args.note,
        )
        with _store(args) as store:
            store.add(args.program, [entry_data(entry)])
        print(f"logged: {entry.when.isoformat()} to {store.path}")
        return 0
    log = _read_log(args)
    if args.export:
        write_atomically(args.export, _jsonl(log))
        return 0
    if not log.entries:
        print(f"no sessions logged for {args.program} yet")
    for entry in log:
        pain = "/".join("-" if p is None else str(p) for p in (entry.pain_before, entry.pain_after))
        how = "completed" if entry.completed else "stopped"
        effort = entry.effort.value if entry.effort else "-"
        print(f"{entry.when.isoformat(sep=' ', timespec='minutes')}  {entry.session or '-':<6} "
              f"{how:<9} pain {pain:<5} effort {effort:<5} {entry.note}".rstrip())  # fmt: skip
    return 0


def _jsonl(log: SessionLog) -> str:
    """The log as JSON Lines: one entry an object."""
    return "".join(json.dumps(entry_data(e), ensure_ascii=False) + "\n" for e in log)


def _read_jsonl(path: str) -> list[LogEntry]:
    text = read_bytes(path, MAX_IMPORT_BYTES).decode("utf-8", errors="replace")
    entries, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entries.append(entry_from_data(json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(Problem(f"line {number}", f"not JSON: {error.msg}"))
        except BackstretchError as error:
            problems.append(Problem(f"line {number}", str(error)))
    if problems:
        raise DocumentError(problems, source=path)
    return entries


def _export(args: argparse.Namespace) -> int:
    program = _program(args.program)
    suffix = Path(args.output).suffix.lower()
    if suffix == ".jsonl":
        write_atomically(args.output, _jsonl(_read_log(args)))
        return 0
    if suffix != ".ics":
        raise InvalidValueError(f"{args.output}: write the calendar as .ics or the log as .jsonl")
    if args.count < 1:
        raise InvalidValueError(f"--count must be 1 or more, got {args.count}")
    sessions = schedule(program, _read_log(args), on=_when(args.on, "--on"), count=args.count)
    write_atomically(args.output, calendar_bytes(program, sessions, alarm_minutes=args.alarm))
    return 0


def _check(args: argparse.Namespace) -> int:
    program = load_program(args.file, routines=catalog.get)
    stages = ", ".join(
        f"{program.stage_name(i)} ({stage.routine.title})" for i, stage in enumerate(program.stages)
    )
    print(f"{args.file}: ok: {program.title!r}, {len(program.stages)} stage(s): {stages}")
    return 0
