"""The playback engine, against a fake clock and an independent simulation of what is due."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstretch import (
    Cues,
    Event,
    Hold,
    InvalidValueError,
    Kind,
    Routine,
    Step,
    Stretch,
    Timeline,
    compile_routine,
    strategies,
)
from backstretch.player import Player
from tools import seed_timeline

SEED = seed_timeline()


def _expected_pass(timeline: Timeline, target: int, position: int) -> list[Event]:
    """What a pass from ``target`` has fired once the position reached ``position``."""
    playing = [s for s in timeline.segments if s.start_ms < target < s.end_ms]
    return playing + [e for e in timeline.events if target <= e.start_ms <= position]


def _next_target(timeline: Timeline, position: int) -> int:
    later = [s.start_ms for s in timeline.segments if s.start_ms > position]
    return later[0] if later else timeline.total_ms


def _previous_target(timeline: Timeline, position: int) -> int:
    started = [s.start_ms for s in timeline.segments if s.start_ms <= position]
    if not started:
        return 0
    if position - started[-1] > 2000 or len(started) == 1:
        return started[-1]
    return started[-2]


OPS = st.one_of(
    st.tuples(st.just("tick"), st.integers(0, 200_000)),
    st.tuples(st.just("tick"), st.integers(0, 3000)),
    st.tuples(st.just("due"), st.none()),
    st.tuples(st.just("pause"), st.none()),
    st.tuples(st.just("resume"), st.none()),
    st.tuples(
        st.just("speed"),
        st.sampled_from([Fraction(1, 2), Fraction(1), Fraction(2), Fraction(7, 3), Fraction(20)]),
    ),
    st.tuples(st.just("seek"), st.integers(-100, 2_000_000)),
    st.tuples(st.just("next"), st.none()),
    st.tuples(st.just("previous"), st.none()),
    st.tuples(st.just("continue"), st.none()),
)


def _open_end_after(timeline: Timeline, ms: int) -> int | None:
    ends = [s.end_ms for s in timeline.segments if s.open and s.end_ms > ms]
    return ends[0] if ends else None


@given(strategies.timelines(max_stretches=2, max_depth=2), st.lists(OPS, max_size=40))
def test_every_event_fires_exactly_once_in_order(
    timeline: Timeline, ops: list[tuple[str, object]]
) -> None:
    """Under any interleaving of ticks, pauses, seeks, skips and speed changes: each pass fires
    exactly the events from its start to the position, once each, in order; paused time never
    moves the position; the end fires once; the position never drifts from the clock; the
    position stops at the end of each self-paced segment until the person continues."""
    now = [1_000_000]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    exact, speed, paused = Fraction(0), Fraction(1), False
    target, fired = 0, list[Event]()
    wall = _open_end_after(timeline, 0)

    def position() -> int:
        return int(held())

    def held() -> Fraction:  # exact, no further than the end or the wall (kept to the fraction)
        return min(exact, Fraction(timeline.total_ms if wall is None else wall))

    def waiting() -> bool:
        return wall is not None and position() == wall

    def here() -> int:  # inside the waited segment: the next one has not begun
        return position() - 1 if waiting() else position()

    for op, arg in ops:
        if op == "tick":
            assert isinstance(arg, int)
            before = player.position_ms
            now[0] += arg
            if paused:
                assert before == player.position_ms
            else:
                exact += arg * speed
        elif op == "pause":
            player.pause()
            exact, paused = held(), True
        elif op == "resume":
            player.resume()
            paused = False
        elif op == "speed":
            assert isinstance(arg, Fraction)
            player.set_speed(arg)
            exact, speed = held(), arg
        elif op == "continue":
            fired += player.due()
            player.continue_()
            if waiting():
                assert wall is not None
                exact, wall = Fraction(wall), _open_end_after(timeline, wall)
        elif op in ("seek", "next", "previous"):
            if op == "seek":
                assert isinstance(arg, int)
                player.seek(arg)
                target = max(0, min(arg, timeline.total_ms))
            elif op == "next":
                target = _next_target(timeline, here())
                player.next()
            else:
                target = _previous_target(timeline, here())
                player.previous()
            exact, fired, wall = Fraction(target), [], _open_end_after(timeline, target)
        else:
            fired += player.due()
        assert position() == player.position_ms
        assert paused == player.paused
        assert waiting() == (player.waiting is not None)
    fired += player.due()
    assert _expected_pass(timeline, target, here()) == fired
    assert [e for e in fired if e.kind is Kind.END] == (
        [timeline.events[-1]] if here() == timeline.total_ms else []
    )


@given(
    strategies.timelines(max_stretches=2, max_depth=2), st.lists(st.integers(1, 5000), max_size=60)
)
def test_late_or_irregular_ticks_never_drift(timeline: Timeline, gaps: list[int]) -> None:
    """Many small ticks and one big tick reach the same position and fire the same events."""
    now = [0]
    small = Player(timeline, clock=lambda: now[0])
    small.start()
    fired_small: list[Event] = []
    for gap in gaps:
        now[0] += gap
        fired_small += small.due()
    fired_small += small.due()
    later = [0]
    big = Player(timeline, clock=lambda: later[0])
    big.start()
    later[0] = sum(gaps)
    assert (big.position_ms, list(big.due())) == (small.position_ms, fired_small)


def test_the_seed_plays_to_the_end() -> None:
    now = [0]
    player = Player(SEED, clock=lambda: now[0])
    assert () == player.due()
    player.start()
    seen: list[Event] = []
    for _ in range(SEED.total_ms // 250 + 10):  # bounded: a broken engine fails, never hangs
        now[0] += 250
        seen += player.due()
        if player.finished:
            break
    assert list(SEED.events) == seen
    assert Kind.END is seen[-1].kind
    assert () == player.due()


def test_controls_in_detail() -> None:
    now = [0]
    player = Player(SEED, clock=lambda: now[0])
    player.start()
    player.set_speed(4)
    now[0] = 1000
    assert 4000 == player.position_ms
    player.pause()
    now[0] = 60_000
    assert (4000, False) == (player.position_ms, player.playing)
    player.toggle()
    now[0] = 60_500
    assert 6000 == player.position_ms
    player.next()
    assert 9000 == player.position_ms  # the title starts after the 9 s safety note
    assert ["title"] == [e.id for e in player.due()]
    now[0] += 500  # 2 s into the title at speed 4
    player.previous()  # exactly 2 s in (as within): back to the safety note
    assert (0, ["safety"]) == (player.position_ms, [e.id for e in player.due()])
    player.seek(20_000)  # into the middle of the intro
    assert ["intro"] == [e.id for e in player.due()]
    assert "intro" == getattr(player.current, "id", None)


@pytest.mark.parametrize("speed", [0, -1])
def test_speed_must_be_positive(speed: int) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Player(SEED, clock=lambda: 0).set_speed(speed)
    assert f"speed must be above 0, got {speed}" == str(caught.value)


def test_a_self_paced_part_waits_for_the_person() -> None:
    routine = Routine(
        "Hamstrings",
        [
            Stretch(
                "Seated Reach",
                [Hold("30s", until="the stretch eases"), Step("Sit up slowly", duration="4s")],
            )
        ],
    )
    timeline = compile_routine(routine, safety_note=None, cues=Cues.off())
    hold, sit_up = [s for s in timeline.segments if s.stretch_id == "seated-reach"][1:]
    assert (True, "the stretch eases", False) == (hold.open, hold.until, sit_up.open)
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    now[0] = hold.end_ms + 60_000  # a minute past the nominal end: still at the hold's end
    fired = player.due()
    assert (hold, hold.end_ms, hold) == (fired[-1], player.position_ms, player.waiting)
    assert (hold, False) == (player.current, player.finished)
    assert () == player.due()  # the next step waits too
    player.pause()
    player.resume()
    assert hold == player.waiting
    player.continue_()
    assert [sit_up] == list(player.due())
    assert not player.waiting
    now[0] += 4000
    assert sit_up.end_ms == player.position_ms
    player.continue_()  # not waiting: nothing happens
    assert sit_up.end_ms == player.position_ms


def test_next_and_previous_while_waiting() -> None:
    routine = Routine(
        "Reach",
        [Stretch("Reach", [Hold("20s", until="you are ready"), Step("Stand", duration="4s")])],
    )
    timeline = compile_routine(routine, safety_note=None, cues=Cues.off())
    hold, stand = [s for s in timeline.segments if s.stretch_id == "reach"][1:]
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    now[0] = 10**6
    player.due()
    player.previous()  # restarts the segment waited at
    assert (hold.start_ms, None) == (player.position_ms, player.waiting)
    now[0] += 10**6
    assert hold == player.waiting
    player.next()  # goes on to the step after it, not past it
    assert (stand.start_ms, [stand]) == (player.position_ms, list(player.due()))


def test_an_open_last_part_finishes_only_when_continued() -> None:
    routine = Routine("Rest", [Stretch("Lie Still", [Hold("10s", until="you feel rested")])])
    timeline = compile_routine(routine, safety_note=None, cues=Cues.off())
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    now[0] = 10**7
    player.due()
    assert (timeline.total_ms, False) == (player.position_ms, player.finished)
    player.continue_()
    assert [Kind.END] == [e.kind for e in player.due()]
    assert player.finished


def test_next_and_previous_by_chapter() -> None:
    """By stretch: on to the next chapter's start; back to the current one's, or within its
    first two seconds to the one before, and from the first to the very start."""
    timeline = seed_timeline()
    starts = [chapter.start_ms for chapter in timeline.chapters]
    now = [0]
    player = Player(timeline, clock=lambda: now[0])
    player.start()
    player.next_chapter()
    assert starts[0] == player.position_ms
    player.next_chapter()
    assert starts[1] == player.position_ms
    now[0] = 2001
    player.previous_chapter()
    assert starts[1] == player.position_ms
    player.previous_chapter()
    assert starts[0] == player.position_ms
    player.previous_chapter()
    assert 0 == player.position_ms
    player.seek(starts[-1] + 5000)
    player.next_chapter()
    assert timeline.total_ms == player.position_ms
