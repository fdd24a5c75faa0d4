"""``backstretch program ...`` as a person uses it: list, show, next, play, log, export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar

from backstretch import SessionLog, catalog, schedule
from tools import run_cli


def program(*args: str) -> tuple[int, str, str]:
    result = run_cli("program", *args)
    return result.returncode, result.stdout, result.stderr


def test_list_names_the_built_in_programs() -> None:
    assert (
        0,
        "back-care        Two Weeks of Back Care (1 stage)\n"
        "desk-breaks      Hourly Desk Breaks (1 stage)\n"
        "knee-in-stages   Knee Strength in Stages (3 stages)\n",
        "",
    ) == program("list")


def test_next_says_which_session_when_and_what_changed(tmp_path: Path) -> None:
    log = str(tmp_path / "log.sqlite3")
    assert (
        0,
        "Two Weeks of Back Care: session 1.1, 2026-06-01 at 18:00\n"
        "  Two Weeks of Back Care, Two weeks: session 1 of 14\n"
        "  Pilates for Back Pain, 11:37 at the gentle level\n",
        "",
    ) == program("next", "back-care", "--log", log, "--on", "2026-06-01")
    for day in range(1, 8):
        code, _, _ = program(
            "log", "back-care", "--log", log, "--add", "--when", f"2026-06-0{day}T18:00",
            "--pain-after", "1",
        )  # fmt: skip
        assert 0 == code
    code, out, _ = program("next", "back-care", "--log", log, "--on", "2026-06-08", "--lang", "de")
    assert 0 == code
    assert "  Halten 15 s länger als zu Beginn dieser Phase\n" in out
    assert out.startswith("Two Weeks of Back Care: session 1.8, 2026-06-08 at 18:00\n")


def test_log_shows_adds_exports_and_imports_all_or_nothing(tmp_path: Path) -> None:
    log = str(tmp_path / "log.sqlite3")
    assert (0, "no sessions logged for knee-in-stages yet\n", "") == program(
        "log", "knee-in-stages", "--log", log
    )
    program(
        "log", "knee-in-stages", "--log", log, "--add", "--when", "2026-06-01T09:00",
        "--session", "1.1", "--pain-before", "3", "--pain-after", "1", "--effort", "easy",
        "--note", "stiff at first",
    )  # fmt: skip
    code, out, _ = program("log", "knee-in-stages", "--log", log)
    assert (0, "2026-06-01 09:00  1.1    completed pain 3/1   effort easy  stiff at first\n") == (
        code,
        out,
    )
    exported = tmp_path / "knee.jsonl"
    assert 0 == program("log", "knee-in-stages", "--log", log, "--export", str(exported))[0]
    line = {
        "when": "2026-06-01T09:00:00",
        "session": "1.1",
        "pain_before": 3,
        "pain_after": 1,
        "effort": "easy",
        "note": "stiff at first",
    }
    assert [line] == [json.loads(text) for text in exported.read_text().splitlines()]
    other = str(tmp_path / "other.sqlite3")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(line) + "\n{not json\n" + json.dumps({**line, "pain_after": 12}) + "\n"
    )
    code, out, err = program("log", "knee-in-stages", "--log", other, "--import", str(bad))
    assert 1 == code
    assert (
        f"backstretch: error: {bad}: line 2: not JSON: Expecting property name enclosed in "
        f"double quotes\n"
        f"backstretch: error: {bad}: line 3: LogEntry.pain_after must be a whole number from 0 "
        f"(no pain) to 10, got 12\n"
    ) == err
    assert (
        "no sessions logged for knee-in-stages yet\n"
        == program("log", "knee-in-stages", "--log", other)[1]
    )
    assert (0, f"imported 1 entries into {other}\n", "") == program(
        "log", "knee-in-stages", "--log", other, "--import", str(exported)
    )


def test_the_calendar_parses_back_to_the_schedule(tmp_path: Path) -> None:
    ics = tmp_path / "knee.ics"
    log = str(tmp_path / "log.sqlite3")
    code, _, err = program(
        "export", "knee-in-stages", "--log", log, "-o", str(ics), "--on", "2026-06-01",
        "--count", "9",
    )  # fmt: skip
    assert (0, "") == (code, err)
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    planned = schedule(
        catalog.program("knee-in-stages"), SessionLog(), on=dt.date(2026, 6, 1), count=9
    )
    assert [dt.datetime.combine(s.day, s.at) for s in planned] == [
        e.get("dtstart").dt for e in events
    ]
    assert all(len(e.walk("VALARM")) == 1 for e in events)
    assert ["-PT10M"] * 9 == [e.walk("VALARM")[0].get("trigger").to_ical().decode() for e in events]
    assert 1 == program("export", "knee-in-stages", "--log", log, "-o", str(tmp_path / "k.txt"))[0]
    program("log", "knee-in-stages", "--log", log, "--add", "--when", "2026-06-01T09:00")
    jsonl = tmp_path / "knee.jsonl"
    assert 0 == program("export", "knee-in-stages", "--log", log, "-o", str(jsonl))[0]
    assert '{"when": "2026-06-01T09:00:00"}\n' == jsonl.read_text()
    assert not (tmp_path / "k.txt").exists()


def test_an_unknown_program_is_named_with_the_known_ones(tmp_path: Path) -> None:
    code, _, err = program("next", "back-pain", "--log", str(tmp_path / "l.sqlite3"))
    assert 1 == code
    assert (
        "backstretch: error: no built-in program is called 'back-pain'; the built-in programs "
        "are: back-care, desk-breaks, knee-in-stages\n"
    ) == err


def test_bad_input_is_one_clear_line_and_nothing_written(tmp_path: Path) -> None:
    log = str(tmp_path / "log.sqlite3")
    cases = [
        (
            ("next", "back-care", "--log", log, "--on", "garbage"),
            "--on must be a day like 2026-06-03 or a day and time like 2026-06-03T18:00, got "
            "'garbage'",
        ),
        (("show", "back-care", "--log", log, "--count", "0"), "--count must be 1 or more, got 0"),
        (
            ("log", "back-care", "--log", log, "--add", "--pain-after", "11"),
            "LogEntry.pain_after must be a whole number from 0 (no pain) to 10, got 11",
        ),
        (
            ("log", "back-care", "--log", str(tmp_path)),
            f"cannot write {tmp_path}: not a log backstretch can keep (unable to open database "
            f"file)",
        ),
    ]
    for args, message in cases:
        assert (1, "", f"backstretch: error: {message}\n") == program(*args)
    assert "no sessions logged for back-care yet\n" == program("log", "back-care", "--log", log)[1]
