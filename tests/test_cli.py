"""The command line: output on stdout, one line per problem on stderr, the right exit status."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from backstretch import Cues, Hold, Routine, Stretch, catalog, compile_routine, loads_timeline
from backstretch._dsl.sayable import overruns
from backstretch.cli import main
from tools import GOLDEN, SEED, assert_golden, run_cli, seed_timeline


def warnings(routine: Routine) -> str:
    """What check and show warn of: each text too long to say in its time, on stderr."""
    return "".join(f"backstretch: warning: {problem}\n" for problem in overruns(routine))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line with nothing on PATH: no espeak-ng, no tmux, only our own output."""
    return run_cli(*args, env={"COLUMNS": "100", "PATH": ""})


def test_list_names_the_built_in_routines(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["list"])
    out = capsys.readouterr().out
    assert [
        "calm-breathing  Calm Breathing (4:14): Belly Breathing, 4-7-8 Breath",
        "chair-mobility  Chair Mobility Circuit (14:20.500): Neck Rotation, Hip Marching, Ankle "
        "Stretch, Arm Raises, Upper Body Twist, Chest Stretch",
        "desk-break  Desk Break (5:00): Shoulder Shrugs, Reach Up, Chest Opener, Torso Turn, "
        "Wrist Stretch",
        "hamstring-release  Hamstring Release (5:56): Lying Hamstring Stretch, Seated Hamstring "
        "Stretch",
        "knee-strength  Knee Strength (11:45): Sitting Leg Raise, Lying Leg Raise, Knee Bend and "
        "Straighten, Step-Ups",
        "neck-release  Neck Release (6:23.500): Seated Chin Retractions, Lying Chin Tucks, "
        "Three-Way Neck Stretch",
        "pilates-for-back-pain  Pilates for Back Pain (14:25): Legs Up A Wall, Child's Pose, "
        "Lunges",
    ] == out.splitlines()


def test_a_routine_that_names_the_affected_side_needs_it(tmp_path: Path) -> None:
    source = tmp_path / "knee.toml"
    source.write_text(
        'version = 1\ntype = "routine"\ntitle = "Knee"\n\n[[body]]\ntype = "stretch"\n'
        'name = "Quad Set"\nbody = [{ type = "one_side", side = "affected", body = [\n'
        '  { type = "hold", duration = "10s", text = "Tighten the {side} thigh" },\n]}]\n',
        encoding="utf-8",
    )
    refused = run("show", str(source))
    assert (1, "") == (refused.returncode, refused.stdout)
    assert (
        "backstretch: error: 'Quad Set' works the affected side: say which side is affected, "
        "e.g. compile_routine(..., affected='right') (on the command line: --affected right)\n"
    ) == refused.stderr
    shown = run("show", str(source), "--affected", "right")
    assert 0 == shown.returncode
    assert "level standard | affected side right | total 0:27 |" in shown.stdout
    assert "Tighten the right thigh" in shown.stdout


@pytest.mark.parametrize("level", ["gentle", "standard", "deep"])
def test_show_prints_the_pinned_table(
    level: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert 0 == main(["show", "pilates-for-back-pain", "--level", level])
    table = (GOLDEN / f"pilates-for-back-pain.{level}.txt").read_text(encoding="utf-8")
    assert table + "\nconditions it knows: knee (Child's Pose)\n" == capsys.readouterr().out


def test_show_personalized_prints_the_pinned_table() -> None:
    """The issue's example: avoid knee, fit to a time inside the window, gentle level."""
    result = run(
        "show", "pilates-for-back-pain", "--avoid", "knee", "--fit", "9m", "--level", "gentle"
    )
    assert (0, warnings(SEED)) == (result.returncode, result.stderr)
    assert_golden(GOLDEN / "pilates-for-back-pain.personalized.txt", result.stdout)
    assert "level gentle | avoiding knee | fitted to 9m | total 9:00 |" in result.stdout
    assert "Child's Pose left out (knee): Leave this pose out if you have knee problems." in (
        " ".join(result.stdout.split())
    )


def test_show_without_cues_has_no_cue_rows() -> None:
    """--no-cues leaves out every cue, a hold's own cue included (docs/cli.md says so)."""
    result = run("show", "pilates-for-back-pain", "--no-cues")
    cue_roles = {"countdown", "halfway", "hold_cue", "switch_prompt", "next_up"}
    rows = [line.split() for line in result.stdout.splitlines()]
    assert 0 == result.returncode
    assert [] == [row for row in rows if cue_roles & set(row)]
    assert 40 < len(rows)


def test_show_opens_with_the_safety_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # the table wraps to the terminal's width
    main(["show", "pilates-for-back-pain"])
    first_row = " ".join(capsys.readouterr().out.splitlines()[4].split())
    assert "0:00 0:09 safety_note Stop if pain increases or spreads, and ask a" == first_row


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["show", "yoga"],
            "backstretch: error: no built-in routine is called 'yoga'; the built-in routines "
            "are: calm-breathing, chair-mobility, desk-break, hamstring-release, knee-strength, "
            "neck-release, pilates-for-back-pain\n",
        ),
        (
            ["show", "pilates-for-back-pain", "--fit", "3m"],
            "backstretch: error: cannot fit this routine into 3:00: at level standard it can "
            "take between 11:09 and 17:49\n",
        ),
        (
            ["show", "pilates-for-back-pain", "--fit", "3"],
            "backstretch: error: --fit: cannot read '3' as a duration; write it like '30s', "
            "'2m', '1m30s' or '250ms'\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_1(args: list[str], message: str) -> None:
    result = run(*args)
    assert (1, "", message) == (result.returncode, result.stdout, result.stderr)


def test_bad_usage_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["show", "pilates-for-back-pain", "--level", "hard"])
    assert 2 == caught.value.code
    assert "argument --level: invalid choice: 'hard'" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert (0, "backstretch 0.1.0\n") == (caught.value.code, capsys.readouterr().out)


def test_dump_check_compile_and_export_a_custom_copy(tmp_path: Path) -> None:
    """The built-in routine dumped as a starting point, checked, compiled and exported."""
    doc = tmp_path / "mine.toml"
    assert 0 == main(["dump", "pilates-for-back-pain", "-o", str(doc)])
    checked = run("check", str(doc))
    assert (
        0,
        f"{doc}: ok: 'Pilates for Back Pain', 3 stretches, 14:25 at the standard level\n"
        "conditions it knows: knee (Child's Pose)\n"
        "translations: de: complete (44 texts)\n"
        "translations: es: complete (44 texts)\n",
    ) == (
        checked.returncode,
        checked.stdout,
    )
    compiled = run("compile", str(doc), "--level", "gentle")
    builtin = run("compile", "pilates-for-back-pain", "--level", "gentle")
    assert (0, builtin.stdout) == (compiled.returncode, compiled.stdout)
    out = tmp_path / "timeline.json"
    assert 0 == main(["export", str(doc), "-o", str(out), "--level", "gentle"])
    assert builtin.stdout == out.read_text(encoding="utf-8")


def test_a_python_file_can_name_a_routine(tmp_path: Path) -> None:
    source = tmp_path / "mine.py"
    source.write_text(
        "from backstretch import Routine, Step, Stretch\n"
        'desk = Routine("Desk", [Stretch("Nod", [Step("Nod slowly", duration="3s")])])\n',
        encoding="utf-8",
    )
    result = run("show", f"{source}:desk")
    assert 0 == result.returncode
    assert result.stdout.startswith("Desk\nlevel standard | total 0:20 |")


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (
            None,
            ["check", "{dir}/nope.json"],
            "{dir}/nope.json: cannot read it: No such file or directory",
        ),
        (
            '{"version": 1, "type": "routine", "title": 3, "body": []}',
            ["check", "{dir}/bad.json"],
            "{dir}/bad.json: $.title: must be text, got a number (3)",
        ),
        (
            None,
            ["dump", "pilates-for-back-pain", "-o", "{dir}/out.txt"],
            "{dir}/out.txt: cannot tell the format from the suffix; use one of .json, .toml, "
            ".yaml, .yml",
        ),
        (
            None,
            ["export", "pilates-for-back-pain", "-o", "{dir}/out.txt"],
            "{dir}/out.txt: cannot tell the export format from the suffix '.txt'; use one of "
            ".json, .vtt, .srt, .fit, .svg, .md, .html, .wav",
        ),
        (
            None,
            ["export", "pilates-for-back-pain", "-o", "{dir}/out", "--level", "gentle"],
            "{dir}/out: cannot tell the export format from 'out', which has no suffix; use one of "
            ".json, .vtt, .srt, .fit, .svg, .md, .html, .wav",
        ),
        (
            None,
            ["export", "pilates-for-back-pain", "-o", "{dir}/out.srt", "--chapters"],
            "{dir}/out.srt: --chapters is for .vtt exports only",
        ),
        (
            "raise RuntimeError('oops')\n",
            ["show", "{dir}/bad.py:x"],
            "{dir}/bad.py: running it failed: RuntimeError: oops",
        ),
        ("x = 3\n", ["show", "{dir}/bad.py:x"], "{dir}/bad.py:x must name a Routine, found int"),
    ],
)
def test_bad_files_are_one_line_each_and_write_nothing(
    tmp_path: Path, make: str | None, args: list[str], message: str
) -> None:
    if make is not None:
        name = "bad.py" if args[1].endswith(":x") else "bad.json"
        (tmp_path / name).write_text(make, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(*(arg.format(dir=tmp_path) for arg in args))
    expected = f"backstretch: error: {message.format(dir=tmp_path)}\n"
    assert (1, "", expected) == (result.returncode, result.stdout, result.stderr)
    assert before == sorted(p.name for p in tmp_path.iterdir())


def test_export_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """A failure while compiling (a fit outside the window) leaves the old file as it was."""
    out = tmp_path / "timeline.json"
    out.write_text("old", encoding="utf-8")
    result = run("export", "pilates-for-back-pain", "-o", str(out), "--fit", "1m")
    assert 1 == result.returncode
    assert "old" == out.read_text(encoding="utf-8")


def test_play_piped_prints_every_event_in_order_without_escapes() -> None:
    from backstretch._play.plain import play_line

    timeline = seed_timeline(level="gentle")
    result = run("play", "pilates-for-back-pain", "--level", "gentle", "--speed", "5000")
    assert (0, "") == (result.returncode, result.stderr)
    summary = timeline.personalization
    assert summary is not None
    first = f"{'':>8}  {'your session':<13}  {'':<5}  {summary.text}"
    assert [first, *(play_line(e) for e in timeline.events)] == result.stdout.splitlines()
    assert "\x1b" not in result.stdout


def test_play_stops_cleanly_on_ctrl_c() -> None:
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "backstretch", "play", "pilates-for-back-pain", "--speed", "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert 130 == process.returncode
    assert re.fullmatch(r"Stopped at \d+:\d\d of 14:25(, in [^.]+)?\.\n", err), err
    assert "your session" in out.splitlines()[0]
    assert "Stop if pain increases or spreads" in out.splitlines()[1]


def test_play_speed_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["play", "pilates-for-back-pain", "--speed", "-3"])
    assert 2 == caught.value.code
    assert "argument --speed: must be a number above 0, got '-3'" in capsys.readouterr().err


SAY_FAST = ["--say", "--no-cues", "--speed", "5000"]


@pytest.mark.parametrize(
    ("language", "arguments"), [("en", "-s 150 --stdin"), ("de", "-v de -s 150 --stdin")]
)
def test_play_say_speaks_every_instruction_through_espeak_ng(
    tmp_path: Path, language: str, arguments: str
) -> None:
    """Every instruction, in the timeline's language, with espeak-ng's voice for it."""
    from backstretch import Cues, compile_routine
    from test_speech import fake_espeak

    log = fake_espeak(tmp_path)
    command = [sys.executable, "-m", "backstretch", "play", "pilates-for-back-pain", *SAY_FAST]
    result = subprocess.run(
        [*command, "--lang", language],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(tmp_path)},
    )
    assert (0, "") == (result.returncode, result.stderr)
    routine = SEED
    timeline = compile_routine(routine, cues=Cues.off(), language=language)
    said = [line.partition(" | ") for line in log.read_text(encoding="utf-8").splitlines()]
    assert {arguments} == {given for given, _, _ in said}
    # At 5000x, texts queue up faster than they are spoken; every one is still said, in order.
    assert [e.text for e in timeline.events] == [text for _, _, text in said]


def test_play_say_without_espeak_ng_says_how_to_install_it() -> None:
    result = run("play", "pilates-for-back-pain", "--say")
    assert 1 == result.returncode
    assert "" == result.stdout
    assert result.stderr.startswith("backstretch: error: espeak-ng is not installed")
    assert "sudo apt-get install espeak-ng" in result.stderr
    assert 1 == len(result.stderr.splitlines())


COMMANDS = [
    "list",
    "conditions",
    "show",
    "play",
    "compile",
    "export",
    "dump",
    "schema",
    "messages",
    "check",
    "program",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert (0, "") == (result.returncode, result.stderr)
    assert result.stdout.startswith(f"usage: backstretch {command}")


def test_top_level_help_lists_every_command() -> None:
    result = run("--help")
    assert 0 == result.returncode
    listed = re.findall(r"^    (\w+)\s", result.stdout, flags=re.MULTILINE)
    assert COMMANDS == listed


def test_play_help_names_its_keys_and_options() -> None:
    text = " ".join(run("play", "--help").stdout.split())
    for expected in ["--speed N", "--quiet", "--say", "--plain", "--level", "--avoid", "--fit"]:
        assert expected in text
    assert "space pause/resume, right or n next, left or p previous, q quit" in text


@pytest.mark.parametrize(
    ("file", "golden", "extra"),
    [
        ("out.json", "pilates-for-back-pain.timeline.json", []),
        ("out.vtt", "pilates-for-back-pain.captions.vtt", []),
        ("out.vtt", "pilates-for-back-pain.chapters.vtt", ["--chapters"]),
        ("out.srt", "pilates-for-back-pain.captions.srt", []),
        ("out.fit", "pilates-for-back-pain.workout.fit", []),
        ("out.svg", "pilates-for-back-pain.svg", []),
        ("out.md", "pilates-for-back-pain.sheet.md", []),
        ("out.html", "pilates-for-back-pain.html", []),
    ],
)
def test_export_writes_the_format_its_suffix_names(
    tmp_path: Path, file: str, golden: str, extra: list[str]
) -> None:
    result = run("export", "pilates-for-back-pain", "-o", str(tmp_path / file), *extra)
    assert (0, "", "") == (result.returncode, result.stdout, result.stderr)
    assert (GOLDEN / golden).read_bytes() == (tmp_path / file).read_bytes()
    assert [file] == [p.name for p in tmp_path.iterdir()]  # no temporary file left behind


def test_the_cli_page_documents_every_command_and_option() -> None:
    import argparse

    from backstretch.cli import _parser

    page = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = _parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        assert f"`backstretch {name}" in page, name
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in page, f"{name} {option}"


def test_fit_lands_on_every_whole_second_target_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """From the seed's shortest version (11:09) to its longest (17:49), any whole-second --fit
    compiles to exactly that total; one second either side is refused with the span."""
    for seconds_ in [*range(669, 1070, 37), 1069]:
        assert 0 == main(["compile", "pilates-for-back-pain", "--fit", f"{seconds_}s"])
        assert seconds_ * 1000 == loads_timeline(capsys.readouterr().out).total_ms
    for outside in ("668s", "1070s"):
        assert 1 == main(["compile", "pilates-for-back-pain", "--fit", outside])
        assert "it can take between 11:09 and 17:49" in capsys.readouterr().err


def test_swap_does_the_alternative_the_person_prefers(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["show", "knee-strength", "--affected", "left", "--swap", "step-ups"])
    out = capsys.readouterr().out
    assert "swapping step-ups" in out.splitlines()[1]
    assert "Step-Ups swapped for Supported Step-Ups, as you chose" in " ".join(out.split())
    assert 1 == main(["show", "knee-strength", "--affected", "left", "--swap", "step up"])
    assert (
        "backstretch: error: swap: no stretch of this routine is called 'step up'; did you mean "
        "'Step-Ups'?\n" == capsys.readouterr().err
    )
    assert 1 == main(["show", "pilates-for-back-pain", "--swap", "Lunges"])
    assert (
        "backstretch: error: swap: 'Lunges' has no alternative to swap it for; no stretch has "
        "one\n" == capsys.readouterr().err
    )


def test_check_takes_a_routine_that_works_the_affected_side(tmp_path: Path) -> None:
    """A document naming the affected side checks without one: its length is the same either way."""
    doc = tmp_path / "knee.toml"
    assert 0 == main(["dump", "knee-strength", "-o", str(doc)])
    checked = run("check", str(doc))
    assert (
        0,
        f"{doc}: ok: 'Knee Strength', 4 stretches, 11:45 at the standard level\n"
        "conditions it knows: balance (Step-Ups); recent-surgery (the whole routine)\n"
        "translations: de: complete (45 texts)\n"
        "translations: es: complete (45 texts)\n",
        warnings(catalog.get("knee-strength")),  # its step-ups' words outlast a 4 s rep
    ) == (checked.returncode, checked.stdout, checked.stderr)


def test_show_marks_self_paced_parts_and_breaths() -> None:
    from backstretch.cli import render_table

    routine = Routine(
        "Marks",
        [Stretch("S", [Hold("2 breaths"), Hold("30s", text="Lean", until="it eases")])],
    )
    table = render_table(compile_routine(routine, cues=Cues.off(), safety_note=None))
    assert "Hold for 2 breaths (2 breaths)" in table
    assert ">=0:30" in table
    assert "Lean (until it eases)" in table


def test_check_reads_a_timeline_and_says_which_kind_it_read(tmp_path: Path) -> None:
    timeline = tmp_path / "desk.json"
    timeline.write_text(run("compile", "desk-break").stdout)
    result = run("check", str(timeline))
    assert (
        0,
        f"{timeline}: ok: a timeline (format 2): 'Desk Break', 61 events, 5 stretches, 5:00, "
        "in en\n",
        "",
    ) == (
        result.returncode,
        result.stdout,
        result.stderr,
    )
    broken = tmp_path / "broken.json"
    broken.write_text(timeline.read_text().replace('"total_ms": 300000', '"total_ms": 299000', 1))
    result = run("check", str(broken))
    assert 1 == result.returncode
    assert f"backstretch: error: {broken}: $.total_ms:" in result.stderr
    result = run("show", str(timeline))
    assert (1, "") == (result.returncode, result.stdout)
    assert (
        f'backstretch: error: {timeline}: $.type: this is a timeline document ("type": '
        '"timeline"), not a routine; give a routine document ("type": "routine"), a built-in '
        "routine's name or a file.py:NAME\n"
    ) == result.stderr


def test_check_takes_a_timeline_past_a_routine_document_s_size(tmp_path: Path) -> None:
    """A timeline may be as large as a timeline may be (Limits.max_bytes x 100), not cut off at
    a routine document's 1 MB."""
    from backstretch import Repeat, Step, dumps_timeline

    long = Routine("Long", [Stretch("S", [Repeat(3000, [Step("Breathe", duration="1s")])])])
    path = tmp_path / "long.json"
    path.write_text(dumps_timeline(compile_routine(long, cues=Cues.off())))
    assert path.stat().st_size > 1_000_000
    result = run("check", str(path))
    assert (0, "") == (result.returncode, result.stderr)
    assert result.stdout.startswith(f"{path}: ok: a timeline (format 2): 'Long', 3004 events")
