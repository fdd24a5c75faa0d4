"""Text that reaches a person is safe everywhere: control characters and lone surrogates are
refused when a routine or timeline is checked, each at its $.path, and every sink shows a text
through printable() as a second wall, so even a timeline tampered with cannot reach a terminal,
an XML parser or a caption file with an escape sequence."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from backstretch import (
    Caution,
    DocumentError,
    Event,
    InvalidValueError,
    Kind,
    Modification,
    Routine,
    RoutineError,
    Step,
    Stretch,
    TimelineError,
    compile_routine,
    loads_routine,
    loads_timeline,
)
from backstretch._base.text import FORBIDDEN, printable, text_problem
from backstretch._play.plain import play_line
from backstretch._play.terminal import render
from backstretch.cli import render_table
from backstretch.exports import write_to_bytes
from tools import SEED, seed_timeline

ESCAPES = ["\x1b[2J", "\x1b]0;owned\x07", "\x00", "\x85", "\ud800", "\r", "\x7f", "\x9b"]
CONTROL = "has a control character"


def test_routines_refuse_control_characters_at_their_paths() -> None:
    routine = Routine(
        "Desk\x1b]0;owned\x07",
        [
            Stretch(
                "Reach\ud800",
                [Step("Reach \x1b[2Jup")],
                targets=["shoulders\x85"],
                props=["a chair\x00"],
                cautions=[Caution("Slowly\r")],
                modifications=[Modification("Sit", props=["a stool\x7f"])],
            )
        ],
    )
    with pytest.raises(RoutineError) as caught:
        compile_routine(routine)
    assert [
        ("$.title", "U+001B"),
        ("$.body[0].name", "U+D800"),
        ("$.body[0].targets[0]", "U+0085"),
        ("$.body[0].props[0]", "U+0000"),
        ("$.body[0].cautions[0].text", "U+000D"),
        ("$.body[0].modifications[0].props[0]", "U+007F"),
        ("$.body[0].body[0].text", "U+001B"),
    ] == [(p.path, p.message.split("(")[1].split(")")[0]) for p in caught.value.problems]
    assert "lone surrogate (U+D800)" in caught.value.problems[1].message


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_documents_refuse_them_in_every_format_alike(format: str) -> None:
    """NEL (U+0085, what a mis-decoded ellipsis becomes) is refused in JSON, TOML and YAML
    alike, where YAML used to fold it into a space silently."""
    text = {
        "json": '{"version": 1, "type": "routine", "title": "A\\u0085B", "body": []}',
        "toml": 'version = 1\ntype = "routine"\ntitle = "A\\u0085B"\nbody = []\n',
        "yaml": 'version: 1\ntype: routine\ntitle: "A\\x85B"\nbody: []\n',
    }[format]
    with pytest.raises((RoutineError, DocumentError)) as caught:
        loads_routine(text, format=format)
    assert any(p.path == "$.title" and "(U+0085)" in p.message for p in caught.value.problems)


def test_timelines_refuse_them_too() -> None:
    with pytest.raises(TimelineError) as caught:
        Event("a", 0, 1, Kind.STEP, "Reach\x1b[2J")
    assert "$.text" == caught.value.problems[0].path
    timeline = seed_timeline()
    from backstretch import dumps_timeline

    tampered = dumps_timeline(timeline).replace("Pilates for Back Pain", "Pilates\\u001b[2J", 1)
    with pytest.raises(DocumentError) as refused:
        loads_timeline(tampered)
    assert ["$.title"] == [p.path for p in refused.value.problems]


def test_a_custom_safety_note_is_checked() -> None:
    with pytest.raises(InvalidValueError, match=r"safety_note has a control character \(U\+001B\)"):
        seed_timeline(safety_note="Stop\x1b[2J")


def _tampered() -> object:
    """The seed timeline with control characters forced into its texts after it was checked:
    what a timeline made some other way might hold."""
    timeline = compile_routine(SEED)  # its own: this test breaks it in place
    for event in timeline.events:
        object.__setattr__(event, "text", event.text + "".join(ESCAPES))
    object.__setattr__(timeline, "title", "Title" + "".join(ESCAPES))
    for chapter in timeline.chapters:
        object.__setattr__(chapter, "title", chapter.title + "\x1b[2J")
    return timeline


@pytest.mark.parametrize("suffix", [".vtt", ".srt", ".md", ".svg", ".html", ".fit"])
def test_every_export_is_a_second_wall(suffix: str) -> None:
    data = write_to_bytes(_tampered(), suffix)  # type: ignore[arg-type]
    if suffix == ".fit":
        from test_exports import decode

        steps = decode(data)["workout_step_mesgs"]
        text = "".join(s["wkt_step_name"] + s["notes"] for s in steps if "notes" in s)
    else:
        text = data.decode("utf-8")
    assert [] == [c for c in text if FORBIDDEN.match(c) and c not in "\n\t"]
    if suffix == ".svg":
        ET.fromstring(text)  # well-formed XML


def test_the_terminal_shows_no_escape_sequence() -> None:
    timeline = _tampered()
    console = Console(width=100, record=True, file=io.StringIO(), force_terminal=True)
    for ms in range(0, timeline.total_ms, 20_000):  # type: ignore[attr-defined]
        console.print(render(timeline, ms))  # type: ignore[arg-type]
    shown = console.export_text(styles=False)
    assert "\x1b" not in shown
    lines = [play_line(e) for e in timeline.events]  # type: ignore[attr-defined]
    lines.append(render_table(timeline))  # type: ignore[arg-type]
    assert not any(FORBIDDEN.search(line.replace("\n", "")) for line in lines)


@given(st.text())
def test_printable_leaves_nothing_forbidden_and_only_replaces(text: str) -> None:
    shown = printable(text)
    assert FORBIDDEN.search(shown) is None
    assert len(shown) == len(text)
    assert (text_problem(text) is None) == (shown == text)


def test_text_problem_names_the_character_and_where() -> None:
    assert (
        "has a control character (U+001B) at position 3; a text may hold neither control "
        "characters (terminal escapes among them) nor lone surrogates; remove it"
        == text_problem("abc\x1b[2J")
    )
    assert text_problem("Détente\tcalme\nRücken: ½ … 🙂") is None


@pytest.mark.parametrize(
    ("text", "letters", "words", "numbers", "pauses"),
    [
        ("Stand tall", 9, 2, 0, 0),
        ("4-7-8 breathing", 9, 1, 3, 0),  # four seven eight breathing
        ("90/90 hip switch", 9, 2, 2, 0),  # ninety ninety
        ("Hold for 45 seconds", 14, 3, 2, 0),  # forty five
        ("120 reps", 4, 1, 4, 0),  # one hundred and twenty
        ("1,000 steps", 5, 1, 2, 0),  # one thousand
        ("0:45 left", 4, 1, 3, 0),  # zero, forty five
        ("well-being", 9, 2, 0, 0),
        ("Kräftig ausatmen", 15, 2, 0, 0),
        ("Next up: Child's Pose", 16, 5, 0, 1),  # a pause after the colon
        ("Breathe in. Breathe out.", 19, 4, 0, 1),  # none at the end
    ],
)
def test_speaking_time_counts_what_a_speech_engine_says(
    text: str, letters: int, words: int, numbers: int, pauses: int
) -> None:
    from backstretch._base import text as model

    assert (
        model.START_MS
        + letters * model.LETTER_MS
        + words * model.WORD_MS
        + numbers * model.NUMBER_WORD_MS
        + pauses * model.PAUSE_MS
        == model.speaking_ms(text)
    )


def test_a_long_word_takes_as_long_as_its_letters() -> None:
    """German says in one word what English says in three: the time is in the letters."""
    from backstretch._base.text import speaking_ms

    assert speaking_ms("Oberschenkeldehnung") > speaking_ms("Thigh stretch")
