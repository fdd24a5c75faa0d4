"""The timeline invariants of DESIGN.md, proven on generated routines against tests/oracle.py.

The oracle derives every segment from the tree by the documented rules, with the tree node each
one comes from; the tests compare the compiled timeline with it field by field and group events
by the oracle's labels. No test reads meaning out of an id.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

import backstretch
import oracle
from backstretch import (
    Duration,
    Event,
    Kind,
    Level,
    PerSide,
    Reps,
    Role,
    Routine,
    Side,
    Stretch,
    Timeline,
    compile_routine,
    strategies,
)
from labels import LEVELS, compiled, labelled, ranged, resolved


@given(strategies.timelines())
def test_events_are_sorted_with_documented_ties(timeline: Timeline) -> None:
    """Invariant 1: events are sorted by start_ms, and at equal times segments precede markers."""
    for before, after in itertools.pairwise(timeline.events):
        assert before.start_ms <= after.start_ms
        if before.start_ms == after.start_ms:
            assert not (before.is_marker and not after.is_marker), (before, after)


@given(strategies.timelines())
def test_segments_tile_the_timeline(timeline: Timeline) -> None:
    """Invariant 2: segments tile [0, total_ms) without gap or overlap; markers lie inside it."""
    position = 0
    for segment in timeline.segments:
        assert position == segment.start_ms
        assert segment.duration_ms > 0
        position = segment.end_ms
    assert timeline.total_ms == position
    assert all(0 <= m.start_ms <= timeline.total_ms for m in timeline.markers)
    assert [timeline.total_ms] == [e.start_ms for e in timeline.events if e.kind is Kind.END]


@given(strategies.routines())
def test_total_matches_the_tree_at_every_level(routine: Routine) -> None:
    """Invariant 3: total_ms equals the oracle's sum over the tree, at every level."""
    for level, timeline in compiled(routine).items():
        assert oracle.total_ms(routine, level) == timeline.total_ms


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_segments_follow_the_tree(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariants 3, 4, 5 and 12 at once: every segment's stretch, kind, role, duration, side,
    rounds, rep and part are what the oracle derives from the tree, in order."""
    labelled(routine, level.value, conditions)


@given(strategies.routines(), strategies.levels())
def test_per_side_halves_mirror_each_other(routine: Routine, level: Level) -> None:
    """Invariant 4a: both halves of every PerSide have the same kinds and durations, in order,
    each on its own side, with a switch to the second side between them."""
    halves: dict[object, dict[object, list[Event]]] = defaultdict(lambda: defaultdict(list))
    switches: dict[object, Event] = {}
    for label, event in labelled(routine, level.value):
        if label.half is not None:
            instance, which = label.half
            halves[instance][which].append(event)
        if event.kind is Kind.SWITCH and isinstance(label.node, PerSide):
            switches[label.instance] = event
    assert switches.keys() == halves.keys()
    for instance, (first, second) in ((i, (h[0], h[1])) for i, h in halves.items()):
        assert [(e.kind, e.role, e.duration_ms) for e in first] == [
            (e.kind, e.role, e.duration_ms) for e in second
        ]
        assert len({e.side for e in first}) == len({e.side for e in second}) == 1
        assert first[0].side is not None
        assert first[0].side.other is second[0].side
        switch = switches[instance]
        assert (first[-1].end_ms, switch.end_ms) == (switch.start_ms, second[0].start_ms)
        assert second[0].side is switch.side


def _sided_units(routine: Routine, level: str) -> dict[int, list[Side]]:
    """Per chapter (a stretch as played, by its start), the side of each PerSide half, each
    alternating rep and each OneSide, in timeline order."""
    timeline = compile_routine(routine, level=level)
    units: dict[int, list[Side]] = defaultdict(list)
    seen: set[object] = set()
    for label, event in labelled(routine, level):
        if event.side is None or event.stretch is None or event.kind is Kind.SWITCH:
            continue
        chapter = timeline.chapter_at(event.start_ms)
        assert chapter is not None
        unit = label.half or label.one
        if unit is not None:
            if unit not in seen:
                seen.add(unit)
                units[chapter.start_ms].append(event.side)
        else:
            units[chapter.start_ms].append(event.side)  # an alternating rep
    return units


@given(strategies.routines(), strategies.levels())
def test_sides_follow_the_tree(routine: Routine, level: Level) -> None:
    """Invariant 4b: every sided unit has the side the tree gives it, across Repeat rounds and
    circuit rounds too."""
    units = _sided_units(routine, level.value)
    chapters = compile_routine(routine, level=level).chapters
    expected = oracle.side_blocks(routine, level.value)
    assert [name for name, _ in expected] == [c.title for c in chapters]
    for (_, sides), chapter in zip(expected, chapters, strict=True):
        assert sides == units.get(chapter.start_ms, [])


@given(strategies.routines(explicit_sides=False), strategies.levels())
def test_sides_alternate_throughout_a_stretch(routine: Routine, level: Level) -> None:
    """Invariant 4c: with sides left to default, sided units alternate, also across rounds."""
    for sides in _sided_units(routine, level.value).values():
        assert sides[:1] in ([], [Side.LEFT])
        for before, after in itertools.pairwise(sides):
            assert before.other is after


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_a_switch_separates_every_change_of_side(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariant 4d: within a stretch, the side the person works changes only at a switch to the
    new side, except into and between the reps of alternating Reps (they alternate by nature)."""
    timeline = compile_routine(routine, level=level, conditions=conditions)
    last: Event | None = None
    for segment in timeline.segments:
        if segment.role is Role.ANNOUNCE:  # a stretch starts: no side yet
            last = None
        if segment.side is None:
            continue
        if last is not None and last.side is not segment.side:
            assert segment.kind in (Kind.SWITCH, Kind.REP), (last.id, segment.id)
        last = segment


@given(strategies.routines(), strategies.levels())
def test_alternating_reps_alternate_with_equal_counts(routine: Routine, level: Level) -> None:
    """Invariant 5: each alternating Reps alternates sides rep by rep, equally on each side, and
    counts 1..n on each side (as the author counted: "5 each side")."""
    reps: dict[object, list[Event]] = defaultdict(list)
    nodes: dict[object, Reps] = {}
    for label, event in labelled(routine, level.value):
        if event.kind is Kind.REP:
            assert isinstance(label.node, Reps)
            reps[label.instance].append(event)
            nodes[label.instance] = label.node
    for instance, events in reps.items():
        node = nodes[instance]
        count = oracle.reps_count(node, level.value, None)  # generated: no count per round
        positions = [(e.rep.index, e.rep.count) for e in events if e.rep is not None]
        if node.alternate:
            sides = [e.side for e in events]
            assert sides.count(Side.LEFT) == sides.count(Side.RIGHT) == count
            assert all(a is not None and a.other is b for a, b in itertools.pairwise(sides))
            assert [(k, count) for k in range(1, count + 1) for _ in "lr"] == positions
        else:
            assert [(k, count) for k in range(1, count + 1)] == positions


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_cautions_come_before_the_stretch_starts(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariant 6: every caution (and modification) of a stretch that is played is shown before
    its first step, hold or rep: in its opening, or, given by the routine itself in the very same
    words, once before the first stretch."""
    timeline = compile_routine(routine, level=level, conditions=conditions)
    played = [p for p in oracle.played(routine, conditions, level) if isinstance(p.item, Stretch)]
    for entry, chapter in zip(played, timeline.chapters, strict=True):
        stretch = entry.item
        assert isinstance(stretch, Stretch)
        events = [
            e
            for e in timeline.events
            if e.stretch == stretch.name and chapter.start_ms <= e.start_ms < chapter.end_ms
        ]
        cautions = [e for e in events if e.kind is Kind.CAUTION]
        modifications = [e for e in events if e.kind is Kind.MODIFICATION]
        given = {c.text for c in routine.cautions}
        before = [  # the routine's own cautions, said before the first stretch
            e.text for e in timeline.segments if e.kind is Kind.CAUTION and e.stretch is None
        ]
        assert given <= set(before)
        own = [c.text for c in stretch.cautions if c.text not in given]
        assert own == [e.text for e in cautions]  # every round
        assert len(stretch.modifications) * entry.first == len(modifications)
        actions = [
            e.start_ms for e in events if e.kind in (Kind.STEP, Kind.HOLD, Kind.BREATH, Kind.REP)
        ]
        first_action = min(actions, default=timeline.total_ms)
        assert all(e.end_ms <= first_action for e in cautions + modifications)


@given(strategies.routines())
def test_levels_are_monotonic_and_fixed_values_never_move(routine: Routine) -> None:
    """Invariant 8: gentle <= standard <= deep for every range; fixed values and ranges with a
    level of their own never move."""
    by_level = {level: resolved(routine, level) for level in LEVELS}
    for level, values in by_level.items():
        for node, value in values.values():
            assert oracle.pick(ranged(node), level) == value
    gentle, standard, deep = (by_level[level] for level in LEVELS)
    for use in gentle.keys() & standard.keys() & deep.keys():
        node = gentle[use][0]
        assert gentle[use][1] <= standard[use][1] <= deep[use][1]
        own = ranged(node)
        if isinstance(own, int | Duration) or own.level is not None:  # fixed, or pinned
            assert gentle[use][1] == standard[use][1] == deep[use][1]
    steps = [
        {
            e.id: e.duration_ms
            for e in compile_routine(routine, level=level).segments
            if e.kind is Kind.STEP
        }
        for level in LEVELS
    ]
    for step_id in steps[0].keys() & steps[1].keys() & steps[2].keys():
        assert steps[0][step_id] == steps[1][step_id] == steps[2][step_id]


@given(strategies.routines(), strategies.levels())
def test_compiling_is_deterministic(routine: Routine, level: Level) -> None:
    """Invariant 10: equal inputs, even rebuilt from their repr, give equal timelines and ids."""
    namespace = {name: getattr(backstretch, name) for name in backstretch.__all__}
    rebuilt = eval(repr(routine), namespace)
    assert routine == rebuilt
    first = compile_routine(routine, level=level)
    second = compile_routine(rebuilt, level=level)
    assert first == second
    assert repr(first) == repr(second)
    assert len({e.id for e in first.events}) == len(first.events)


@given(strategies.timelines(), st.data())
def test_queries_agree_with_a_linear_scan(timeline: Timeline, data: st.DataObject) -> None:
    """at(), cues_between() and next_after() agree with scanning every event."""
    ms = data.draw(st.integers(0, timeline.total_ms + 10))
    until = data.draw(st.integers(ms, timeline.total_ms + 10))
    playing = [s for s in timeline.segments if s.start_ms <= ms < s.end_ms]
    assert (playing[0] if playing else None) == timeline.at(ms)
    assert tuple(m for m in timeline.markers if ms <= m.start_ms < until) == timeline.cues_between(
        ms, until
    )
    later = [e for e in timeline.events if e.start_ms > ms]
    assert (later[0] if later else None) == timeline.next_after(ms)


@given(strategies.routines(), strategies.levels())
def test_chapters_cover_each_stretch(routine: Routine, level: Level) -> None:
    """One chapter per stretch played (a circuit's once a round, with its round), from its
    announcement to its last segment."""
    timeline = compile_routine(routine, level=level)
    played = [p for p in oracle.played(routine, frozenset(), level) if isinstance(p.item, Stretch)]
    assert [oracle.name_of(p.item) for p in played] == [c.title for c in timeline.chapters]
    for chapter, entry in zip(timeline.chapters, played, strict=True):
        stretch = entry.item
        assert isinstance(stretch, Stretch)
        segments = [
            e
            for e in timeline.segments
            if e.stretch == stretch.name and chapter.start_ms <= e.start_ms < chapter.end_ms
        ]
        assert segments[0].kind is Kind.ANNOUNCE
        assert (segments[0].start_ms, segments[-1].end_ms) == (chapter.start_ms, chapter.end_ms)
        expected_ms = oracle.stretch_ms(stretch, level, first=entry.first, routine=routine)
        assert expected_ms == chapter.duration_ms
        expected_round = entry.rounds[0] if entry.rounds else None
        got_round = chapter.round and (chapter.round.index, chapter.round.count)
        assert expected_round == got_round


@settings(max_examples=100)  # compiles each routine twice
@given(strategies.routines(), strategies.levels(), st.integers(1, 20_000))
def test_a_breath_pace_moves_only_what_is_counted_in_breaths(
    routine: Routine, level: Level, breath_ms: int
) -> None:
    """A hold counted in breaths lasts its count times the pace; nothing else moves with the
    pace, so the total differs from the default pace's by exactly those holds."""
    paced = compile_routine(routine, level=level, breath=Duration(breath_ms))
    counted = [(e, e.breaths) for e in paced.segments if e.breaths is not None]
    assert all(e.kind is Kind.HOLD and e.duration_ms == n * breath_ms for e, n in counted)
    assert breath_ms == paced.options.breath_ms  # type: ignore[union-attr]
    moved = sum(n * (breath_ms - oracle.BREATH_MS) for _, n in counted)
    assert oracle.total_ms(routine, level) + moved == paced.total_ms
