"""The hostile corpus (tests/hostile.py), each case a real process under resource limits; and
the library's own entry points given hostile values."""

from __future__ import annotations

import math
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile
from backstretch import (
    BackstretchError,
    Hold,
    Reps,
    Timeline,
    compile_routine,
    loads_routine,
    loads_timeline,
    seconds,
)
from backstretch.player import Player
from tools import SEED, require


def _limits(case: hostile.Case) -> None:
    """In the child: its address space bounded, and for "small-files" its file size too (with
    SIGXFSZ ignored, so an oversized write fails with EFBIG as a full disk would)."""
    size = case.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    if case.how == "small-files":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def _run(case: hostile.Case, folder: Path) -> tuple[int, str]:
    command = [sys.executable, "-m", "backstretch", *case.args]
    env = {**os.environ, "COLUMNS": "100", "PYTHONWARNINGS": "ignore"}
    started = time.monotonic()
    if case.how == "closed-pipe":
        with subprocess.Popen(
            command,
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=lambda: _limits(case),
        ) as child:
            assert child.stdout is not None
            assert child.stderr is not None
            child.stdout.readline()
            child.stdout.close()  # the reader has all it wanted, as `| head -1` would
            status = child.wait(timeout=case.seconds)
            stderr = child.stderr.read().decode()
    elif case.how == "interrupt":
        with subprocess.Popen(
            command,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=lambda: _limits(case),
        ) as child:
            # Ctrl-C once the export is under way (its temporary file exists), then a moment on.
            deadline = time.monotonic() + case.seconds / 2
            while not any(folder.glob(".*.tmp")) and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(case.interrupt_after)
            child.send_signal(signal.SIGINT)
            status = child.wait(timeout=case.seconds)
            assert child.stderr is not None
            stderr = child.stderr.read().decode()
    else:
        stdout = open(os.devnull if case.how != "full-stdout" else "/dev/full", "wb")  # noqa: SIM115
        with stdout:
            result = subprocess.run(
                command,
                cwd=folder,
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=env,
                preexec_fn=lambda: _limits(case),
                timeout=case.seconds,
                check=False,
            )
        status, stderr = result.returncode, result.stderr.decode()
    assert time.monotonic() - started < case.seconds
    return status, stderr


@pytest.mark.parametrize("case", hostile.CASES, ids=[c.name for c in hostile.CASES])
def test_hostile_case(case: hostile.Case, tmp_path: Path) -> None:
    if case.speech:
        require("espeak-ng")
    for name, content in case.files.items():
        (tmp_path / name).write_bytes(content() if callable(content) else content)
    for name in case.folders:
        (tmp_path / name).mkdir()
    for name in case.fifos:
        os.mkfifo(tmp_path / name)
    before = {name: _state(tmp_path / name) for name in case.untouched}
    status, stderr = _run(case, tmp_path)
    assert (case.status, list(case.stderr)) == (status, stderr.splitlines())
    assert "\x1b" not in stderr
    assert "Traceback" not in stderr
    assert before == {name: _state(tmp_path / name) for name in case.untouched}
    for name in case.cleared:
        assert not (tmp_path / name).exists()
    leftovers = [p.name for p in tmp_path.rglob("*.tmp") if p.name not in case.files]
    assert [] == leftovers


def _state(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def test_the_corpus_covers_every_class() -> None:
    assert len(hostile.CASES) >= 25
    assert {c.how for c in hostile.CASES} >= {
        "plain",
        "fifo",
        "full-stdout",
        "closed-pipe",
        "interrupt",
        "small-files",
    }


# The library's entry points: our own error, in our own words, for each hostile value.


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: Reps(2, "x", alternate="yes"),  # type: ignore[arg-type]
            "Reps.alternate must be True or False, got 'yes'",
        ),
        (
            lambda: Hold("5s", breaks="1m"),  # type: ignore[arg-type]
            "Hold.breaks must be a Break or None, got str: '1m'; write e.g. breaks=Break('Bend "
            "your knees', every='2m', duration='20s')",
        ),
        (
            lambda: loads_routine(None),  # type: ignore[arg-type]
            "a document is its text (str, or bytes in UTF-8), got None",
        ),
        (
            lambda: Player(compile_routine(SEED)).set_speed(math.nan),
            "speed must be a finite number above 0, got nan",
        ),
        (
            lambda: seconds(10**5000),
            "seconds(a number of about 5001 digits) is longer than any routine can be; the most "
            "is 9,007,199,254,740,991 ms",
        ),
        (
            lambda: loads_routine("{}", format="xml"),
            "format must be one of json, toml, yaml, got 'xml'",
        ),
        (
            lambda: Hold(math.inf),  # type: ignore[arg-type]
            "Hold.duration got inf, which is no length of time; write a duration such as "
            "seconds(30), minutes(2) or '1m30s'",
        ),
    ],
)
def test_library_entry_points_answer_in_our_words(call: object, message: str) -> None:
    with pytest.raises(BackstretchError) as caught:
        call()  # type: ignore[operator]
    assert message == str(caught.value)


def test_a_timeline_past_2_53_ms_is_refused_before_any_export() -> None:
    text = Path(hostile.__file__).parent.parent / "conformance" / "timeline" / "invalid"
    with pytest.raises(BackstretchError, match=r"\$\.total_ms"):
        loads_timeline((text / "time-past-2-53.json").read_text("utf-8"))
    with pytest.raises(BackstretchError, match="at most 9,007,199,254,740,991"):
        Timeline("T", 10**400, [])


def test_the_page_template_is_filled_in_one_pass() -> None:
    """A title made of the page's own placeholders stays text: the page grows with the title,
    not with the timeline times the title."""
    from backstretch import Event, Kind
    from backstretch.exports import write_to_string
    from tools import hand_made

    title = "{{TIMELINE_JSON}}{{TITLE}}" * 200  # a timeline made by hand: routines refuse braces
    timeline = hand_made(title, Event("go", 0, 3000, Kind.STEP, "Go"))
    plain = hand_made("T", Event("go", 0, 3000, Kind.STEP, "Go"))
    page, small = write_to_string(timeline, ".html"), write_to_string(plain, ".html")
    assert len(page) - len(small) < 4 * 3 * len(title)  # the title and its JSON, a few times
    assert page.count("{{TIMELINE_JSON}}") == 200 * 3  # in <title>, <h1> and the data, as written


def test_a_fit_workout_past_its_step_limit_is_refused() -> None:
    from backstretch import Cues, LimitError, Limits, Routine, Step, Stretch
    from backstretch.exports import write_to_bytes

    many = Routine(
        "Many",
        [
            Stretch(f"S{i}", [Step("Go", duration="1s"), Step("On", duration="1s")])
            for i in range(22_000)
        ],
    )
    big = Limits(max_events=10**6, max_total="100h")
    timeline = compile_routine(many, cues=Cues.off(), safety_note=None, limits=big)
    with pytest.raises(LimitError) as caught:
        write_to_bytes(timeline, ".fit")
    assert (
        "this workout needs 66,001 FIT steps; a FIT workout holds at most 65,535 (and many "
        "watches far fewer): shorten the routine, or export it to another format"
    ) == str(caught.value)
