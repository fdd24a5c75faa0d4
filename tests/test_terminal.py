"""The full-screen player, in-process: keys, screen, bell and speech, on a fake clock."""

from __future__ import annotations

import io
import math

import pytest
from rich.console import Console

from backstretch import (
    Hold,
    Kind,
    Position,
    Repeat,
    Reps,
    Role,
    Routine,
    Side,
    Step,
    Stretch,
    Timeline,
    catalog,
    compile_routine,
    seconds,
)
from backstretch._i18n.words import WORDS, words_for
from backstretch._play.terminal import Outcome, counts, parse_keys, play_fullscreen, render
from backstretch.speech import SpeechQueue
from tools import GOLDEN, assert_golden, seed_timeline

TIMELINE = seed_timeline()


def screen(position_ms: int, **options: object) -> str:
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(TIMELINE, position_ms, **options))  # type: ignore[arg-type]
    return console.export_text()


class ScriptedKeys:
    """Keys typed at given clock times; waiting for keys is what moves the fake clock."""

    def __init__(self, script: list[tuple[int, str]]) -> None:
        self.now = 0
        self.script = sorted(script)

    def clock(self) -> int:
        return self.now

    def read(self, timeout_s: float) -> str:
        until = self.now + max(1, math.ceil(timeout_s * 1000))
        if self.script and self.script[0][0] <= until:
            at, typed = self.script.pop(0)
            self.now = max(self.now, at)
            if typed == "^C":
                raise KeyboardInterrupt
            return typed
        self.now = until
        return ""


class RecordingEngine:
    def __init__(self) -> None:
        self.spoken: list[str] = []
        self.stops = 0

    def speak(self, text: str) -> None:
        self.spoken.append(text)

    def busy(self) -> bool:
        return False

    def stop(self) -> None:
        self.stops += 1


def play(
    script: list[tuple[int, str]], timeline: Timeline = TIMELINE, **options: object
) -> tuple[Outcome, str]:
    keys = ScriptedKeys(script)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, height=40)
    outcome = play_fullscreen(
        timeline,
        console=console,
        keys=keys,
        clock=keys.clock,
        **options,  # type: ignore[arg-type]
    )
    return outcome, out.getvalue()


@pytest.mark.parametrize(
    ("typed", "actions"),
    [
        (" ", ["toggle"]),
        ("n\x1b[Cp\x1b[Dq", ["next", "next", "previous", "previous", "quit"]),
        ("\x1bOC\x1bOD", ["next", "previous"]),
        ("x\x1b[1;5A\x1b[H nQ", ["toggle", "next", "quit"]),
        ("\rc\n", ["continue", "continue", "continue"]),
        ("", []),
    ],
)
def test_parse_keys(typed: str, actions: list[str]) -> None:
    assert actions == parse_keys(typed)


def test_screen_in_the_right_lunge_is_pinned() -> None:
    """Stretch and chapter, instruction, side, countdown, both bars, next up, the latest cue."""
    text = screen(682_000, cue=TIMELINE.events[_index("lunges/0/right/5/halfway")])
    assert_golden(GOLDEN / "screen.lunges-right.txt", text)
    for expected in [
        "Stretch 3 of 3: Lunges",
        "HOLD",
        "RIGHT ▶",
        "Hold the lunge, right foot forward",
        "0:20 left",
        "11:22 / 14:25",
        "» Halfway",
        "Next: Switch sides, left: Switch to the left side",
        "━",
        "Stop if pain increases or spreads, and ask a professional.",
    ]:
        assert expected in text


def _index(event_id: str) -> int:
    return [e.id for e in TIMELINE.events].index(event_id)


def test_screen_shows_where_you_are_outside_stretches_and_at_the_end() -> None:
    assert "Getting started" in screen(0)
    assert "CAUTION" in screen(0)
    assert "Stop if pain increases or spreads" in screen(0)
    rest = TIMELINE.events[_index("rest-before-childs-pose")]
    assert "Between stretches" in screen(rest.start_ms)
    assert "Finished: 14:25. Well done." in screen(TIMELINE.total_ms)


def test_screen_shows_pause_speed_and_drops_old_cues() -> None:
    cue = TIMELINE.events[_index("lunges/0/right/5/halfway")]
    assert "PAUSED" in screen(670_000, paused=True)
    assert "PAUSED" not in screen(670_000)
    assert "» Halfway" not in screen(cue.start_ms + 4000, cue=cue)


def test_left_side_is_shown_as_left() -> None:
    hold = next(e for e in TIMELINE.segments if e.kind is Kind.HOLD and e.side is Side.LEFT)
    text = screen(hold.start_ms)
    assert "◀ LEFT" in text
    assert "RIGHT ▶" not in text


def test_plays_to_the_end_ringing_the_bell_for_every_countdown_tick() -> None:
    outcome, out = play([], speed=50)
    assert Outcome("finished", TIMELINE.total_ms) == outcome
    ticks = [e for e in TIMELINE.events if e.is_countdown]
    assert ticks
    assert [str(e.tick) for e in ticks] == [e.text for e in ticks]
    assert len(ticks) == out.count("\x07")
    assert "\x1b[?1049h" in out  # the alternate screen, left again at the end
    assert out.rstrip().endswith("\x1b[?1049l")


def test_quiet_rings_no_bell() -> None:
    _, out = play([], speed=50, bell=False)
    assert "\x07" not in out


def test_pause_stops_time_and_quit_reports_where() -> None:
    outcome, out = play([(1000, " "), (60_000, "q")], speed=50)
    assert Outcome("quit", 50_000) == outcome
    assert "PAUSED" in out


def test_next_jumps_to_the_next_segment_and_previous_restarts_it() -> None:
    after = next(e for e in TIMELINE.segments if e.start_ms > 50_000)
    assert Outcome("quit", after.start_ms) == play([(1000, "nq")], speed=50)[0]
    assert Outcome("quit", after.start_ms) == play([(1000, "n\x1b[C\x1b[Dq")], speed=50)[0]
    current = TIMELINE.at(50_000)
    assert current is not None
    assert Outcome("quit", current.start_ms) == play([(1000, "pq")], speed=50)[0]


def test_ctrl_c_is_an_outcome_not_a_traceback() -> None:
    assert Outcome("interrupted", 100_000) == play([(2000, "^C")], speed=50)[0]


def test_speech_says_every_instruction_and_cue_in_order() -> None:
    engine = RecordingEngine()
    play([], speed=50, speech=SpeechQueue(engine))
    expected = [e.text for e in TIMELINE.events]
    assert expected == engine.spoken


def test_skipping_ahead_silences_what_was_queued() -> None:
    engine = RecordingEngine()
    play([(1000, "n"), (1001, "q")], speed=50, speech=SpeechQueue(engine))
    assert 2 == engine.stops  # once for the skip, once when the player closes
    after = next(e for e in TIMELINE.segments if e.start_ms > 50_000)
    assert after.text == engine.spoken[-1]


def test_a_stretch_left_out_is_said_on_screen() -> None:
    knees = seed_timeline(conditions={"knee"})
    (skip,) = [e for e in knees.events if e.kind is Kind.SKIP]
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    next_up = next(e for e in knees.markers if e.id == "next-up-lunges")
    console.print(render(knees, skip.start_ms + 1000, cue=next_up, notes=[skip]))
    text = " ".join(console.export_text().replace("│", " ").split())
    assert "» Next up: Lunges" in text
    assert (
        "Left out: Child's Pose left out (knee): Leave this pose out if you have knee problems."
        in (text)
    )
    console.print(render(knees, skip.start_ms + 15_000, cue=next_up, notes=[skip]))
    assert "Left out:" not in console.export_text()  # after fifteen seconds it is gone


def test_the_screen_counts_reps_parts_and_rounds_from_the_fields() -> None:
    """Where a segment is counted comes from its positions: the alternating lunges count 1..7 on
    each side, the long hold says which part it is, a repeat which round."""
    lunges = [e for e in TIMELINE.segments if e.kind is Kind.REP]
    third_left = lunges[5]
    assert (Side.LEFT, 3, 7) == (third_left.side, third_left.rep.index, third_left.rep.count)  # type: ignore[union-attr]
    assert "REPS  REP 3 OF 7" in screen(third_left.start_ms + 100)
    second_part = next(e for e in TIMELINE.segments if e.part is not None and e.part.index == 2)
    assert "HOLD  PART 2 OF 3" in screen(second_part.start_ms + 100)
    routine = Routine("r", [Stretch("s", [Repeat(2, [Step("Reach", duration="5s")])])])
    repeated = compile_routine(routine)
    second = [e for e in repeated.segments if e.kind is Kind.STEP][1]
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(repeated, second.start_ms + 100))
    assert "STEP  ROUND 2 OF 2" in console.export_text()


def test_the_header_says_which_time_a_stretch_done_again_is() -> None:
    """A stretch the routine does twice: the header names the time ("time 2 of 2"), from the
    chapters (Timeline.time_of)."""
    reach = Stretch("Reach", [Step("Reach up", duration="5s")])
    timeline = compile_routine(
        Routine("r", [reach, Stretch("Squat", [Step("Squat", duration="5s")]), reach])
    )
    first, _, again = timeline.chapters
    assert (None, Position(2, 2)) == (
        timeline.time_of(timeline.chapters[1]),
        timeline.time_of(again),
    )
    assert Position(1, 2) == timeline.time_of(first)
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(timeline, again.start_ms + 100))
    assert "Stretch 3 of 3: Reach, time 2 of 2" in console.export_text()


SELF_PACED = compile_routine(
    Routine(
        "Hamstrings",
        [
            Stretch(
                "Seated Reach",
                [Hold("30s", text="Lean forward", until="the stretch fades"), Step("Sit up")],
            )
        ],
    )
)


def test_a_self_paced_hold_says_what_to_wait_for_and_waits() -> None:
    (hold,) = [e for e in SELF_PACED.segments if e.open]
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(SELF_PACED, hold.start_ms + 1000))
    during = console.export_text()
    assert "until the stretch fades" in during
    assert "at least 0:29" in during
    assert WORDS["continue_help"] not in during
    console.print(render(SELF_PACED, hold.end_ms, waiting=hold))
    waiting = console.export_text()
    assert "Lean forward" in waiting
    assert "Your own time" in waiting
    assert WORDS["continue_help"] in waiting


@pytest.mark.parametrize("key", ["\r", "c", " "])
def test_the_player_waits_until_the_person_continues(key: str) -> None:
    (hold,) = [e for e in SELF_PACED.segments if e.open]
    # A minute after the hold's nominal end: the player has waited there all along.
    outcome, out = play([(hold.end_ms + 60_000, key)], SELF_PACED, speed=1)
    assert Outcome("finished", SELF_PACED.total_ms) == outcome
    assert WORDS["continue_help"] in out
    waited, _ = play([(hold.end_ms + 60_000, "q")], SELF_PACED, speed=1)
    assert Outcome("quit", hold.end_ms) == waited


@pytest.mark.parametrize("name", catalog.names())
def test_every_catalog_routine_plays_to_the_end(name: str) -> None:
    """Each built-in routine plays full screen to its end (Enter pressed every two seconds goes
    on from each self-paced part); breaths read as breathing, a circuit's rounds are named."""
    timeline = compile_routine(catalog.get(name), affected="left")
    presses = [(at, "\r") for at in range(2000, 2 * timeline.total_ms, 2000)]
    outcome, _ = play(presses, timeline, speed=1, bell=False)
    assert Outcome("finished", timeline.total_ms) == outcome
    for segment in timeline.segments:
        console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
        console.print(render(timeline, segment.start_ms))
        text = console.export_text()
        if segment.kind is Kind.BREATH:
            assert "BREATHE" in text, segment.id
        chapter = timeline.chapter_at(segment.start_ms)
        if chapter is not None and chapter.round is not None:
            assert f"{chapter.title}, round {chapter.round}" in text, segment.id


def test_the_screen_says_what_the_session_was_made_to_fit() -> None:
    """The personalization summary shows until the first stretch starts."""
    timeline = compile_routine(catalog.get("desk-break"), conditions={"wrists"})
    summary = timeline.personalization
    assert summary is not None
    assert "Wrist Stretch left out for wrist" in summary.text

    def screen(at_ms: int) -> str:
        console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
        console.print(render(timeline, at_ms))
        return " ".join(console.export_text().split())

    assert "Your session: Standard level" in screen(0)
    assert "Your session" not in screen(timeline.chapters[0].start_ms)


# The note to stop on pain keeps the foot of the screen at every size (issue 25).

LONG_EN = " ".join(
    ["Slowly reach forward and breathe, keeping your back long and your shoulders soft."] * 11
    + ["Come back up slowly and rest before the next part begins."] * 1
)
LONG_DE = " ".join(
    ["Lehn dich langsam nach vorn und atme, den Rücken lang und die Schultern locker."] * 11
    + ["Komm langsam wieder hoch und ruh dich aus, bevor der nächste Teil beginnt."] * 1
)
LONG = Routine(
    "Long Words",
    [Stretch("Reach", [Step(LONG_EN, duration=seconds(60))])],
    translations={"de": {LONG_EN: LONG_DE, "Reach": "Strecken", "Long Words": "Lange Worte"}},
)


def fitted_screen(timeline: Timeline, at_ms: int, size: tuple[int, int], **options: object) -> str:
    console = Console(
        width=size[0], height=size[1], record=True, file=io.StringIO(), color_system=None
    )
    console.print(render(timeline, at_ms, size=size, **options))  # type: ignore[arg-type]
    return console.export_text()


def assert_note_at_the_foot(text: str, size: tuple[int, int], note: str) -> None:
    """The screen fills the window exactly, and its last rows (above the bottom border) end
    with the whole note."""
    rows = text.splitlines()
    assert size[1] == len(rows), text
    foot = " ".join(" ".join(row.strip("│ ") for row in rows[-4:-1]).split())
    assert foot.endswith(note), text


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
@pytest.mark.parametrize("language", ["en", "de"])
def test_a_long_instruction_gives_way_to_the_note(size: tuple[int, int], language: str) -> None:
    timeline = compile_routine(LONG, language=language)
    note = words_for(timeline)("stop_on_pain")
    step = next(e for e in timeline.events if e.kind is Kind.STEP)
    assert len(step.text.split()) >= 140  # about 150 words, in either language
    text = fitted_screen(timeline, step.start_ms + 1000, size)
    assert_note_at_the_foot(text, size, note)
    assert "…" in text  # the instruction was shortened, visibly
    assert ("0:59 left" if language == "en" else "noch 0:59") in text  # the clock stays


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (40, 12)])
def test_the_seed_keeps_the_note_in_every_frame(size: tuple[int, int]) -> None:
    """Sampled across the whole run (each segment's start, middle and last second, with its cue
    and the skip notes of a declared condition on screen), every frame ends with the note."""
    timeline = seed_timeline(conditions={"knee"})
    note = WORDS["stop_on_pain"]
    notes = [e for e in timeline.events if e.kind is Kind.SKIP]
    for segment in timeline.segments:
        for at_ms in {segment.start_ms, segment.start_ms + segment.duration_ms // 2,
                      max(segment.start_ms, segment.end_ms - 1000)}:  # fmt: skip
            cue = next(iter(timeline.cues_between(max(0, at_ms - 4000), at_ms + 1)), None)
            text = fitted_screen(timeline, at_ms, size, cue=cue, notes=notes, paused=True)
            assert_note_at_the_foot(text, size, note)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (40, 12)])
def test_the_end_keeps_the_note_too(size: tuple[int, int]) -> None:
    text = fitted_screen(TIMELINE, TIMELINE.total_ms, size)
    assert "Finished: 14:25. Well done." in " ".join(text.split())
    assert_note_at_the_foot(text, size, WORDS["stop_on_pain"])


def test_a_window_too_small_says_so_and_keeps_the_note() -> None:
    text = fitted_screen(TIMELINE, 682_000, (30, 10))
    flat = " ".join(text.split())
    assert flat == (
        "The window is too small (30x10) for the player; make it at least 40x12. Stop if pain "
        "increases or spreads, and ask a professional."
    )


def test_players_show_where_the_person_is() -> None:
    """During a self-paced wait at the end of one stretch, the header names that stretch, not the
    next; what a stretch needs is not headed twice; the routine's own introduction is no
    stretch's (issue 27)."""
    two = compile_routine(
        Routine(
            "Hamstrings",
            [
                Stretch("Seated Reach", [Hold("30s", text="Lean forward", until="it eases")]),
                Stretch("Wall Lean", [Hold("20s")], props=["a wall"]),
            ],
            intro="Two stretches for the backs of the legs.",
        )
    )
    (hold,) = [e for e in two.segments if e.open]
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(two, hold.end_ms, waiting=hold))
    waiting = console.export_text()
    assert "Stretch 1 of 2: Seated Reach" in waiting
    assert "Wall Lean" not in waiting.splitlines()[1]  # the header line
    announce = next(e for e in two.segments if e.text.startswith("Wall Lean"))
    console.print(render(two, announce.start_ms))
    assert "Next: You need: a wall" in console.export_text()
    intro = next(e for e in two.segments if e.role is Role.INTRO)
    console.print(render(two, intro.start_ms))
    shown = console.export_text()
    assert "GETTING STARTED" in shown
    assert "ABOUT THIS STRETCH" not in shown


def test_plain_lines_say_the_round_and_the_rep() -> None:
    from backstretch._play.plain import play_line

    routine = Routine("Sets", [Stretch("Squats", [Repeat(2, [Reps(3, "Squat", tempo="2s")])])])
    reps = [e for e in compile_routine(routine).segments if e.kind is Kind.REP]
    assert play_line(reps[4]).endswith("Squat (2 of 3)  [Round 2 of 2 · Rep 2 of 3]")


def test_a_hold_counted_in_breaths_shows_its_breaths() -> None:
    routine = Routine("Calm", [Stretch("Rest", [Hold("3 breaths")])])
    timeline = compile_routine(routine)
    (hold,) = [e for e in timeline.segments if e.kind is Kind.HOLD]
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(render(timeline, hold.start_ms + 1000))
    shown = console.export_text()
    assert "Hold 3 breaths" in shown
    assert "left" not in shown.split("Hold 3 breaths")[1].splitlines()[0]


def test_a_set_of_rounds_is_named_a_set() -> None:
    """Repeats inside repeats: the outermost counts sets, so set 2 reads unlike set 1."""
    from backstretch._play.plain import play_line

    routine = Routine("Sets", [Stretch("Bridge", [Repeat(2, [Repeat(3, [Hold("5s")])])])])
    holds = [e for e in compile_routine(routine).segments if e.kind is Kind.HOLD]
    assert play_line(holds[4]).endswith("Hold  [Set 2 of 2 · Round 2 of 3]")
    assert "SET 2 OF 2 · ROUND 2 OF 3" == counts(holds[4])
