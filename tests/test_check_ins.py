"""Check-ins: questions a player shows and waits on, answered as their role allows, by the
engine, the terminal's keys, plain lines and the web page."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from rich.console import Console

from backstretch import (
    Event,
    InvalidValueError,
    Kind,
    Repeat,
    Reps,
    Role,
    Routine,
    Stretch,
    Timeline,
    catalog,
    compile_routine,
    render_message,
)
from backstretch._play.loop import Outcome, drive
from backstretch._play.plain import PlainLines
from backstretch._play.terminal import parse_keys, play_fullscreen, render
from backstretch.player import Player
from tools import opened_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ASKING = attrs.evolve(catalog.get("desk-break"), ask=["pain_before", "pain_after", "effort"])
SQUATS = Routine(
    "Squats",
    [Stretch("Squat", [Reps(10, "Squat down and up", tempo="3s", until="you tire", counted=True)])],
    ask=["effort"],
)
#: The same set at a fixed count: the player waits at its check-ins alone.
TIMED = Routine(
    "Squats",
    [Stretch("Squat", [Reps(10, "Squat down and up", tempo="3s", counted=True)])],
    ask=["effort"],
)


def check_ins(timeline: Timeline) -> list[Event]:
    return [e for e in timeline.segments if e.kind is Kind.CHECK_IN]


def test_a_routine_asks_pain_before_and_pain_and_effort_after() -> None:
    timeline = compile_routine(ASKING)
    before, after, effort = check_ins(timeline)
    assert [Role.PAIN_BEFORE, Role.PAIN_AFTER, Role.EFFORT] == [
        e.role for e in (before, after, effort)
    ]
    assert ("ask-pain-before", "ask-pain-after", "ask-effort") == (before.id, after.id, effort.id)
    assert before.end_ms <= timeline.chapters[0].start_ms
    assert timeline.chapters[-1].end_ms <= after.start_ms
    assert all(e.open and e.until is None for e in (before, after, effort))
    assert (
        "Before you start: how much pain do you feel, from 0 (none) to 10 (the worst)?"
        == before.text
    )
    assert before.text == render_message(before.message)  # type: ignore[arg-type]
    german = compile_routine(ASKING, language="de")
    assert (
        "Wie hat sich das angefühlt: leicht, genau richtig oder schwer?"
        == check_ins(german)[2].text
    )
    assert [e.start_ms for e in check_ins(german)] == [e.start_ms for e in check_ins(timeline)]


def test_a_counted_set_asks_how_many_after_its_last_rep() -> None:
    timeline = compile_routine(SQUATS)
    (counted, effort) = check_ins(timeline)
    last_rep = [e for e in timeline.segments if e.kind is Kind.REP][-1]
    assert (Role.REPS_COUNTED, last_rep.end_ms) == (counted.role, counted.start_ms)
    assert "How many did you do? (up to 10)" == counted.text
    assert (Role.EFFORT, counted.end_ms) == (effort.role, effort.start_ms)


def test_the_engine_takes_an_answer_its_role_allows_and_goes_on() -> None:
    timeline = compile_routine(SQUATS)
    counted, effort = check_ins(timeline)
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    with pytest.raises(InvalidValueError, match=r"^there is nothing to answer"):
        player.answer(3)
    now[0] = counted.start_ms + 1000  # the set's last rep is self-paced: go on from it
    assert Kind.REP is player.waiting.kind  # type: ignore[union-attr]
    player.continue_()
    now[0] += counted.duration_ms + 5000
    assert counted == player.waiting
    with pytest.raises(InvalidValueError) as wrong:
        player.answer(11)
    assert f"{counted.id}: the answer is a whole number from 0 to 10, got 11" == str(wrong.value)
    player.answer(8)
    assert player.waiting is None
    now[0] += effort.duration_ms
    with pytest.raises(
        InvalidValueError, match="the answer is one of easy, right, hard, got 'meh'"
    ):
        player.answer("meh")
    player.answer("hard")
    assert {counted.id: 8, effort.id: "hard"} == player.answers


def test_the_terminal_takes_answers_from_the_keys() -> None:
    timeline = compile_routine(TIMED)
    counted, effort = check_ins(timeline)
    now = [0]
    typed = {counted.id: "1\x7f12\r\r", effort.id: "2\r"}

    class AtCheckIns:
        def clock(self) -> int:
            return now[0]

        def read(self, timeout_s: float) -> str:
            now[0] += max(1, int(timeout_s * 1000))
            for event in (counted, effort):
                if now[0] >= event.end_ms and event.id in typed:
                    return typed.pop(event.id)
            return ""

    keys = AtCheckIns()
    console = Console(file=io.StringIO(), force_terminal=True, width=100, height=40)
    outcome = play_fullscreen(timeline, console=console, keys=keys, clock=keys.clock)
    # "12" is past the set's 10: refused, asked again; Enter alone then goes on unanswered.
    assert "finished" == outcome.how
    assert {effort.id: "right"} == outcome.answers


def test_the_terminal_says_how_to_answer_and_what_was_typed() -> None:
    timeline = compile_routine(TIMED)
    counted, _ = check_ins(timeline)
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(timeline, counted.end_ms, waiting=counted, typed="7"))
    shown = console.export_text()
    assert "Type how many, 0 to 10, then Enter (Enter alone: no answer)" in shown
    assert "Your answer: 7" in shown
    assert ["digit:7", "erase", "digit:0", "continue"] == parse_keys("7\x7f0\r")


def plain(
    timeline: Timeline, typed: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Outcome, str]:
    """``timeline`` played as plain lines, fast, a person typing ``typed`` at its waits."""
    lines = iter(typed)
    now = [0]
    out = io.StringIO()
    front = PlainLines("en", out=out, keyboard=True)
    monkeypatch.setattr(front, "typed", lambda timeout_s: next(lines, None))

    def clock() -> int:
        now[0] += 1000
        return now[0]

    return drive(timeline, front, clock=clock, speed=1000.0), out.getvalue()


def test_plain_lines_take_a_typed_line_as_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = compile_routine(TIMED)
    counted, effort = check_ins(timeline)
    outcome, printed = plain(timeline, ["4", "hard"], monkeypatch)
    assert {counted.id: 4, effort.id: "hard"} == outcome.answers
    assert "Type how many, 0 to 10, then Enter (Enter alone: no answer)" in printed


def test_the_web_page_asks_with_buttons_and_offers_the_log_entry(
    browser: Browser, tmp_path: Path
) -> None:
    timeline = compile_routine(TIMED)
    counted, effort = check_ins(timeline)
    page = opened_page(browser, timeline, tmp_path / "squats.html")
    page.clock.pause_at(10_000)
    page.evaluate(
        "window.__answers = []; window.addEventListener('backstretch:answer', "
        "(e) => window.__answers.push(e.detail))"
    )
    page.click("#start")
    page.clock.run_for(counted.end_ms + 1000)
    buttons = page.eval_on_selector_all("#answers button", "bs => bs.map((b) => b.textContent)")
    assert [str(n) for n in range(11)] == buttons
    page.click("#answers button[data-answer='7']")
    page.clock.run_for(effort.end_ms - counted.end_ms + 1000)
    assert ["Easy", "About right", "Hard"] == page.eval_on_selector_all(
        "#answers button", "bs => bs.map((b) => b.textContent)"
    )
    assert {counted.id: 7} == page.evaluate("window.backstretchPlayer.answers()")
    page.evaluate("window.backstretchPlayer.answer('easy')")  # from script, as an app would
    page.clock.run_for(timeline.total_ms)
    assert page.is_visible("#end-screen")
    assert [
        {"id": counted.id, "role": "reps_counted", "value": 7},
        {"id": effort.id, "role": "effort", "value": "easy"},
    ] == page.evaluate("window.__answers")
    href = page.get_attribute("#save-log", "href")
    assert href is not None
    from urllib.parse import unquote

    entry = json.loads(unquote(href.split(",", 1)[1]))
    assert {"completed": True, "effort": "easy", "reps": {counted.id: 7}} == {
        k: v for k, v in entry.items() if k != "when"
    }
    page.close()


UNTIL_TIRED = Routine(
    "Rounds",
    [
        Stretch(
            "Squat",
            [Repeat(4, [Reps(5, "Squat", tempo="2s")], between="10s", until="you feel tired")],
        ),
        Stretch("Stand", [Reps(2, "Stand tall", tempo="3s")]),
    ],
)


def test_a_repeat_the_person_ends_asks_after_each_round_but_the_last() -> None:
    timeline = compile_routine(UNTIL_TIRED)
    asked = check_ins(timeline)
    assert [1, 2, 3] == [e.rounds[-1].index for e in asked]
    assert {Role.ANOTHER_ROUND} == {e.role for e in asked}
    assert "Another round? Up to 4, until you feel tired" == asked[0].text
    stand = timeline.chapters[1].start_ms
    assert [stand] * 3 == [timeline.repeat_end_ms(e) for e in asked]
    german = compile_routine(UNTIL_TIRED, language="de")
    assert "Noch eine Runde? Bis zu 4, bis you feel tired" == check_ins(german)[0].text


def test_enough_goes_on_after_the_repeat_and_more_to_the_next_round() -> None:
    timeline = compile_routine(UNTIL_TIRED)
    first, second, _ = check_ins(timeline)
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    now[0] = first.end_ms + 1000
    player.due()
    player.answer("more")
    assert first.end_ms == player.position_ms
    now[0] += second.end_ms - first.end_ms + 500
    player.due()
    assert second == player.waiting
    with pytest.raises(InvalidValueError, match="the answer is one of more, enough, got 'stop'"):
        player.answer("stop")
    player.answer("enough")
    stand = timeline.chapters[1].start_ms
    assert stand == player.position_ms
    assert ["stand/announce"] == [e.id for e in player.due()][:1]
    assert {first.id: "more", second.id: "enough"} == player.answers


def test_the_web_page_ends_the_rounds_on_enough(browser: Browser, tmp_path: Path) -> None:
    timeline = compile_routine(UNTIL_TIRED)
    first = check_ins(timeline)[0]
    page = opened_page(browser, timeline, tmp_path / "rounds.html")
    page.clock.pause_at(10_000)
    page.click("#start")
    page.clock.run_for(first.end_ms + 1000)
    assert ["Another round", "That is enough"] == page.eval_on_selector_all(
        "#answers button", "bs => bs.map((b) => b.textContent)"
    )
    page.click("#answers button[data-answer='enough']")
    page.clock.run_for(200)
    stand = timeline.chapters[1].start_ms
    assert stand <= page.evaluate("window.backstretchPlayer.position()") < stand + 1000
    page.close()


def test_plain_lines_end_the_rounds_when_the_person_types_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    timeline = compile_routine(UNTIL_TIRED)
    first = check_ins(timeline)[0]
    outcome, printed = plain(timeline, ["2"], monkeypatch)
    assert ("finished", {first.id: "enough"}) == (outcome.how, outcome.answers)
    assert "1 another round, 2 that is enough, then Enter (Enter alone: go on)" in printed
    assert 1 == printed.count("Squat (1 of 5)")  # round 1 only: the rest was skipped
