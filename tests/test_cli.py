"""The command line: output on stdout, one line per problem on stderr, the right exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backstretch.cli import main

GOLDEN = Path(__file__).parent / "golden"


def test_list_names_the_built_in_routines(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["list"])
    out = capsys.readouterr().out
    assert (
        "pilates-for-back-pain  Pilates for Back Pain (14:04): Legs Up A Wall, Child's Pose, "
        "Lunges\n" == out
    )


@pytest.mark.parametrize("level", ["gentle", "standard", "deep"])
def test_show_prints_the_pinned_table(
    level: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert 0 == main(["show", "pilates-for-back-pain", "--level", level])
    expected = (GOLDEN / f"pilates-for-back-pain.{level}.txt").read_text(encoding="utf-8")
    assert expected == capsys.readouterr().out


def test_show_ends_with_the_safety_note(capsys: pytest.CaptureFixture[str]) -> None:
    main(["show", "pilates-for-back-pain"])
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith(
            "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back "
            "pain that persists."
        )
    )


def test_unknown_routine_is_one_line_and_status_1() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backstretch", "show", "yoga"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (1, "") == (result.returncode, result.stdout)
    assert (
        "backstretch: error: no built-in routine is called 'yoga'; the built-in routines are: "
        "pilates-for-back-pain\n" == result.stderr
    )


def test_bad_usage_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["show", "pilates-for-back-pain", "--level", "hard"])
    assert 2 == caught.value.code
    assert "argument --level: invalid choice: 'hard'" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert (0, "backstretch 0.1.0\n") == (caught.value.code, capsys.readouterr().out)
