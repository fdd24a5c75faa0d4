"""Each pass of the compiler on its own: choose, layout (and measure), cues, fit.

compile_routine is these passes in a row (see docs/architecture.md); the timeline tests prove
what they give together. Here each one is pinned or proven by itself, on values made for it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backstretch import (
    Caution,
    Circuit,
    Cues,
    Event,
    Hold,
    Kind,
    Level,
    PerSide,
    Reps,
    Role,
    Routine,
    Side,
    Step,
    Stretch,
    between,
    strategies,
)
from backstretch._compiler.choose import Chosen, ChosenCircuit, SkipNote, choose, message
from backstretch._compiler.cues import Heard, place_cues, quiet_time
from backstretch._compiler.fit import _changes, fit
from backstretch._compiler.layout import (
    STEPS,
    Countdown,
    HoldCues,
    NextUp,
    Shape,
    SwitchPrompt,
    layout,
    measure,
)
from backstretch._compiler.localize import Spoken
from backstretch._compiler.options import NO_CUES, Options


def options(
    *, conditions: frozenset[str] = frozenset(), swapped: frozenset[str] = frozenset()
) -> Options:
    return Options(Level.STANDARD, conditions, Cues(), None, None, 6000, swapped)


KNEE = Caution("Not with a sore knee.", conditions=["knee"])
KNEELING = Stretch("Kneeling Lunge", [Hold("30s")], cautions=[KNEE])
STANDING = Stretch("Standing Lunge", [Hold("30s")])
LUNGE = Stretch("Lunge", [Hold("30s")], cautions=[KNEE], alternative=KNEELING)


def test_choose_plays_the_first_alternative_no_condition_rules_out() -> None:
    lunge = Stretch("Lunge", [Hold("30s")], cautions=[KNEE], alternative=STANDING)
    reach = Stretch("Reach", [Hold("20s")])
    routine = Routine("R", [lunge, reach])
    plan = choose(routine, options(conditions=frozenset({"knee"})))
    note = SkipNote(
        "lunge",
        Role.REPLACED,
        message(
            "replaced",
            name="Lunge",
            alternative="Standing Lunge",
            conditions=("knee",),
            reason="Not with a sore knee.",
        ),
        "standing-lunge",
        ("Not with a sore knee.",),
    )
    assert (Chosen(lunge, STANDING, (note,)), Chosen(reach, reach)) == plan


def test_choose_leaves_out_a_stretch_whose_every_alternative_is_ruled_out() -> None:
    routine = Routine("R", [LUNGE, Stretch("Reach", [Hold("20s")])])
    (chosen, _) = choose(routine, options(conditions=frozenset({"knee"})))
    assert chosen.played is None
    assert [("lunge", Role.LEFT_OUT), ("kneeling-lunge", Role.RULED_OUT)] == [
        (note.key, note.role) for note in chosen.notes
    ]


def test_choose_swaps_a_stretch_the_person_swapped_and_says_so() -> None:
    routine = Routine("R", [LUNGE])
    (chosen,) = choose(routine, options(swapped=frozenset({"lunge"})))
    assert KNEELING is chosen.played
    expected = message("swapped", name="Lunge", alternative="Kneeling Lunge")
    assert [(Role.REPLACED, expected, "kneeling-lunge")] == [
        (n.role, n.message, n.target) for n in chosen.notes
    ]


def test_choose_leaves_out_a_circuit_whose_every_stretch_is_left_out() -> None:
    routine = Routine("R", [Circuit(2, [LUNGE]), Stretch("Reach", [Hold("20s")])])
    (circuit, _) = choose(routine, options(conditions=frozenset({"knee"})))
    assert isinstance(circuit, ChosenCircuit)
    assert not circuit.played


SIDED = Routine(
    "Sided",
    [
        Stretch(
            "Reach", [Step("Stand tall.", duration="4s"), PerSide([Hold("20s", cue="Breathe")])]
        ),
        Stretch("Squat", [Reps(3, "Squat down", tempo="2s")]),
    ],
)


def shown(item: object) -> object:
    if isinstance(item, Event):
        return item.id, item.start_ms, item.duration_ms
    if isinstance(item, Countdown):  # where it ends, and where ticks may start
        return "countdown", item.id, item.at_ms, item.lead_in_ms
    return type(item)


def test_layout_lays_segments_and_leaves_sites_in_walk_order() -> None:
    plan = choose(SIDED, options())
    laid = layout(SIDED, plan, options())
    assert [
        ("title", 0, 3000),  # no preview of the first stretch: its announcement names it
        ("reach/announce", 3000, 3000),
        ("reach/0", 6000, 4000),
        ("countdown", "reach/1/left/0/countdown0", 10000, 3000),
        ("reach/1/left/0", 10000, 20000),
        HoldCues,
        SwitchPrompt,
        ("reach/1/switch", 30000, 5000),
        ("countdown", "reach/1/right/0/countdown0", 35000, 30000),
        ("reach/1/right/0", 35000, 20000),
        HoldCues,
        NextUp,
        ("squat/announce", 55000, 3000),
        ("squat/0/rep0", 58000, 2000),
        ("squat/0/rep1", 60000, 2000),
        ("squat/0/rep2", 62000, 2000),
        ("end", 64000, 0),
    ] == [shown(item) for item in laid.stream]
    assert 64000 == laid.total_ms
    assert [("Reach", 3000, 52000), ("Squat", 55000, 9000)] == [
        (c.title, c.start_ms, c.duration_ms) for c in laid.chapters
    ]


def test_layout_places_no_cue_and_cues_place_none_when_asked_for_none() -> None:
    laid = layout(SIDED, choose(SIDED, options()), options())
    events = [item for item in laid.stream if isinstance(item, Event)]
    assert not [e for e in events if e.kind is Kind.CUE]
    assert (events, 0) == place_cues(laid.stream, NO_CUES, Spoken(SIDED, laid.sources))


def test_cues_pass_puts_each_cue_where_it_has_room() -> None:
    laid = layout(SIDED, choose(SIDED, options()), options())
    placed, _ = place_cues(laid.stream, Cues(), Spoken(SIDED, laid.sources))
    cues = [e for e in placed if e.kind is Kind.CUE]
    assert [
        ("reach/1/left/0/countdown0-3", 7000),
        ("reach/1/left/0/countdown0-2", 8000),
        ("reach/1/left/0/countdown0-1", 9000),
        ("reach/1/left/0/cue0", 10000),
        ("reach/1/left/0/halfway", 20000),
        ("reach/1/switch-prompt", 25000),
        ("reach/1/right/0/countdown0-3", 32000),
        ("reach/1/right/0/countdown0-2", 33000),
        ("reach/1/right/0/countdown0-1", 34000),
        ("reach/1/right/0/cue0", 35000),
        ("reach/1/right/0/halfway", 45000),
        ("next-up-squat", 43290),  # 10 s before Squat is "Halfway": just before it
    ] == [(e.id, e.start_ms) for e in cues]


def say(id: str, start_ms: int, duration_ms: int, text: str) -> Event:
    return Event(id, start_ms, duration_ms, Kind.STEP, text, None, None, role=Role.STEP)


def test_quiet_time_finds_the_latest_room_before_the_wanted_time_else_the_first_after() -> None:
    # "Stand tall" is said from 0 to 795 ms; the rest of the 10 s segment is quiet.
    events = Heard(Spoken(SIDED, {}), [say("a", 0, 10_000, "Stand tall")])
    said_ms = 1200  # a cue this long to say
    assert 5000 == quiet_time(events, 5000, 0, 10_000, said_ms)  # room at the wanted time
    assert 8800 == quiet_time(events, 9500, 0, 10_000, said_ms)  # must end by 10 s
    assert 795 == quiet_time(events, 0, 0, 10_000, said_ms)  # not over the words: after them
    assert None is quiet_time(events, 5000, 0, 1500, said_ms)  # no room before 1.5 s


@st.composite
def laid_routines(draw: st.DrawFn) -> tuple[Routine, Options, Shape]:
    routine = draw(strategies.routines())
    level = draw(strategies.levels())
    water = draw(st.one_of(st.sampled_from([-STEPS, 0, STEPS]), st.integers(-STEPS, STEPS)))
    side = draw(st.sampled_from(Side))
    return routine, Options(level, frozenset(), Cues(), None, side, 6000, frozenset()), Shape(water)


@given(laid_routines())
def test_measure_gives_the_total_of_the_layout_at_any_water_level(
    case: tuple[Routine, Options, Shape],
) -> None:
    routine, opts, shape = case
    plan = choose(routine, opts)
    laid = layout(routine, plan, opts, shape)
    segments = [e for e in laid.stream if isinstance(e, Event) and e.duration_ms]
    assert laid.total_ms == measure(routine, plan, opts, shape).total_ms
    assert laid.total_ms == sum(e.duration_ms for e in segments)


def bisected(routine: Routine, opts: Options, target_ms: int) -> tuple[int, int]:
    """The oracle: the highest water level whose measured total does not pass the target, by
    plain bisection over every level, and the remainder."""
    plan = choose(routine, opts)
    low, high = -STEPS, STEPS
    reached = measure(routine, plan, opts, Shape(low)).total_ms
    while low < high:
        middle = (low + high + 1) // 2
        total = measure(routine, plan, opts, Shape(middle)).total_ms
        if total <= target_ms:
            low, reached = middle, total
        else:
            high = middle - 1
    return low, target_ms - reached


@given(laid_routines(), st.floats(0, 1))
def test_fit_finds_the_level_plain_bisection_finds(
    case: tuple[Routine, Options, Shape], where: float
) -> None:
    routine, opts, _ = case
    plan = choose(routine, opts)
    low = measure(routine, plan, opts, Shape(-STEPS))
    high = measure(routine, plan, opts, Shape(STEPS))
    target_ms = low.total_ms + int((high.total_ms - low.total_ms) * where)
    shape, filler_ms = fit(lambda s: measure(routine, plan, opts, s), target_ms, low, high)
    assert bisected(routine, opts, target_ms) == (shape.water, filler_ms)


def test_fit_finds_the_level_in_a_routine_of_counts_and_holds() -> None:
    routine = Routine(
        "R",
        [
            Stretch("A", [Reps(between(2, 9), "Lift", tempo="3s")]),
            Stretch("B", [Hold(between("10s", "50s")), Hold(between("5s", "7s"))]),
        ],
    )
    opts = options()
    plan = choose(routine, opts)
    low = measure(routine, plan, opts, Shape(-STEPS))
    high = measure(routine, plan, opts, Shape(STEPS))
    for target_ms in range(low.total_ms, high.total_ms + 1, 997):
        shape, filler_ms = fit(lambda s: measure(routine, plan, opts, s), target_ms, low, high)
        assert bisected(routine, opts, target_ms) == (shape.water, filler_ms)


@given(st.integers(1, 40), st.integers(0, 40), st.integers(0, 40))
def test_changes_are_every_level_where_a_count_moves(low: int, up: int, down: int) -> None:
    middle, high = low + down, low + down + up
    changes = _changes(low, middle, high)
    assert high - low == len(changes)
    for water in changes:
        before, at = Shape(water - 1), Shape(water)
        assert before.value(low, middle, high) + 1 == at.value(low, middle, high)
