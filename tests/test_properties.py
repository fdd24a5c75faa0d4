"""The timeline invariants of DESIGN.md, proven on generated routines against tests/oracle.py."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oracle
from backstretch import (
    SAFETY_NOTE,
    Cues,
    Duration,
    DurationRange,
    Event,
    FitError,
    Hold,
    Kind,
    Level,
    PerSide,
    Repeat,
    Reps,
    Routine,
    Side,
    Step,
    Stretch,
    Timeline,
    compile_routine,
    format_ms,
    strategies,
)

LEVELS = [level.value for level in Level]
SIDED_PATH = re.compile(r"^(?P<prefix>.*)/(?P<side>left|right)(?:/|$)")


def _compiled(routine: Routine) -> dict[str, Timeline]:
    return {level: compile_routine(routine, level=level) for level in LEVELS}


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
    for level, timeline in _compiled(routine).items():
        assert oracle.total_ms(routine, level) == timeline.total_ms


def _halves(timeline: Timeline) -> dict[str, dict[Side, list[Event]]]:
    halves: dict[str, dict[Side, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in timeline.segments:
        match = SIDED_PATH.match(event.id)
        if match and event.kind is not Kind.SWITCH:
            halves[match["prefix"]][Side(match["side"])].append(event)
    return halves


@given(strategies.routines(), strategies.levels())
def test_per_side_halves_mirror_each_other(routine: Routine, level: Level) -> None:
    """Invariant 4a: both halves of every PerSide have the same kinds and durations, in order."""
    timeline = compile_routine(routine, level=level)
    switches = {e.id.removesuffix("/switch"): e for e in timeline.segments if e.kind is Kind.SWITCH}
    halves = _halves(timeline)
    assert switches.keys() == halves.keys()
    for prefix, by_side in halves.items():
        node = oracle.node_at(routine, prefix.rsplit("/r", 1)[0] if False else prefix)
        assert isinstance(node, PerSide)
        (first, first_events), (second, second_events) = sorted(
            by_side.items(), key=lambda item: item[1][0].start_ms
        )
        assert first.other is second
        shape = [(e.kind, e.duration_ms) for e in first_events]
        assert shape == [(e.kind, e.duration_ms) for e in second_events]
        assert all(e.side is first for e in first_events)
        assert all(e.side is second for e in second_events)
        expected_side_ms = oracle.side_ms(node, level)
        switch = switches[prefix]
        assert first_events[0].start_ms + expected_side_ms == switch.start_ms
        assert switch.end_ms == second_events[0].start_ms
        assert second_events[-1].end_ms == switch.end_ms + expected_side_ms


def _sided_units(timeline: Timeline) -> dict[str, list[Side]]:
    """Per stretch, the side of each PerSide half and each alternating rep, in timeline order."""
    units: dict[str, list[Side]] = defaultdict(list)
    seen_halves: set[str] = set()
    for event in timeline.segments:
        if event.side is None or event.stretch is None:
            continue
        match = SIDED_PATH.match(event.id)
        if match:
            half = f"{match['prefix']}/{match['side']}"
            if half not in seen_halves:
                seen_halves.add(half)
                units[event.stretch].append(event.side)
        else:
            units[event.stretch].append(event.side)  # an alternating rep
    return units


@given(strategies.routines(), strategies.levels())
def test_sides_follow_the_tree(routine: Routine, level: Level) -> None:
    """Invariant 4b: every sided unit has the side the tree gives it, across Repeat rounds too."""
    timeline = compile_routine(routine, level=level)
    units = _sided_units(timeline)
    for name, expected in oracle.side_blocks(routine, level):
        assert expected == units.get(name, [])


@given(strategies.routines(explicit_sides=False), strategies.levels())
def test_sides_alternate_throughout_a_stretch(routine: Routine, level: Level) -> None:
    """Invariant 4c: with sides left to default, sided units alternate, also across rounds."""
    timeline = compile_routine(routine, level=level)
    for sides in _sided_units(timeline).values():
        assert sides[:1] in ([], [Side.LEFT])
        for before, after in itertools.pairwise(sides):
            assert before.other is after


@given(strategies.routines(), strategies.levels())
def test_alternating_reps_alternate_with_equal_counts(routine: Routine, level: Level) -> None:
    """Invariant 5: each alternating Reps alternates sides rep by rep, equally on each side."""
    timeline = compile_routine(routine, level=level)
    reps: dict[str, list[Event]] = defaultdict(list)
    for event in timeline.segments:
        if event.kind is Kind.REP:
            reps[event.id.rsplit("/rep", 1)[0]].append(event)
    for path, events in reps.items():
        node = oracle.node_at(routine, path)
        assert isinstance(node, Reps)
        count = oracle.pick(node.count, level)
        if node.alternate:
            sides = [e.side for e in events]
            assert sides.count(Side.LEFT) == sides.count(Side.RIGHT) == count
            assert all(a is not None and a.other is b for a, b in itertools.pairwise(sides))
        else:
            assert count == len(events)


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_cautions_come_before_the_stretch_starts(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariant 6: every caution (and modification) of a stretch that is played is shown before
    its first step, hold or rep."""
    timeline = compile_routine(routine, level=level, conditions=conditions)
    for stretch in oracle.included(routine, conditions):
        if not isinstance(stretch, Stretch):
            continue
        events = [e for e in timeline.events if e.stretch == stretch.name]
        cautions = [e for e in events if e.kind is Kind.CAUTION]
        modifications = [e for e in events if e.kind is Kind.MODIFICATION]
        assert [c.text for c in stretch.cautions] == [e.text for e in cautions]
        assert len(stretch.modifications) == len(modifications)
        actions = [e.start_ms for e in events if e.kind in (Kind.STEP, Kind.HOLD, Kind.REP)]
        first_action = min(actions, default=timeline.total_ms)
        assert all(e.end_ms <= first_action for e in cautions + modifications)


def _resolved(routine: Routine, timeline: Timeline) -> dict[str, int]:
    """Per hold, reps and repeat instance in the timeline: the value its range resolved to."""
    values: dict[str, int] = defaultdict(int)
    rounds: dict[str, int] = defaultdict(int)
    for event in timeline.segments:
        if event.kind is Kind.HOLD:
            values[re.sub(r"/part\d+$", "", event.id)] += event.duration_ms
        elif event.kind is Kind.REP:
            values[event.id.rsplit("/rep", 1)[0]] += 1
        for match in re.finditer(r"/r(\d+)(?=/)", event.id):
            path = event.id[: match.start()]
            rounds[path] = max(rounds[path], int(match[1]) + 1)
    for path, count in list(values.items()):
        node = oracle.node_at(routine, path)
        if isinstance(node, Reps) and node.alternate:
            values[path] = count // 2
    return {**values, **rounds}


@given(strategies.routines())
def test_levels_are_monotonic_and_fixed_values_never_move(routine: Routine) -> None:
    """Invariant 8: gentle <= standard <= deep for every range; fixed values never move."""
    compiled = _compiled(routine)
    resolved = {level: _resolved(routine, timeline) for level, timeline in compiled.items()}
    for level, values in resolved.items():
        for path, value in values.items():
            assert oracle.pick(oracle.ranged_value(oracle.node_at(routine, path)), level) == value
    gentle, standard, deep = (resolved[level] for level in LEVELS)
    for path in gentle.keys() & standard.keys() & deep.keys():
        assert gentle[path] <= standard[path] <= deep[path]
        if isinstance(oracle.ranged_value(oracle.node_at(routine, path)), int | Duration):
            assert gentle[path] == standard[path] == deep[path]
    steps = [
        {e.id: e.duration_ms for e in t.events if e.kind is Kind.STEP} for t in compiled.values()
    ]
    for step_id in steps[0].keys() & steps[1].keys() & steps[2].keys():
        assert steps[0][step_id] == steps[1][step_id] == steps[2][step_id]


@given(strategies.routines(), strategies.levels())
def test_compiling_is_deterministic(routine: Routine, level: Level) -> None:
    """Invariant 10: equal inputs, even rebuilt from their repr, give equal timelines and ids."""
    rebuilt = eval(repr(routine), vars(__import__("backstretch")))
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
    """One chapter per stretch, from its announcement to its last segment."""
    timeline = compile_routine(routine, level=level)
    assert [s.name for s in routine.stretches] == [c.title for c in timeline.chapters]
    for chapter, stretch in zip(timeline.chapters, routine.stretches, strict=True):
        segments = [e for e in timeline.segments if e.stretch == stretch.name]
        assert segments[0].kind is Kind.ANNOUNCE
        assert (segments[0].start_ms, segments[-1].end_ms) == (chapter.start_ms, chapter.end_ms)
        assert oracle.stretch_ms(stretch, level) == chapter.duration_ms


def test_oracle_node_at_reads_nested_paths() -> None:
    """The oracle's path reader finds nodes inside rounds and sides (guards the tests above)."""
    inner = Step("x {side}")
    routine = Routine(
        "t", [__import__("backstretch").Stretch("A b", [Repeat(2, [PerSide([inner])])])]
    )
    assert inner == oracle.node_at(routine, "a-b/0/r1/0/right/0")


# Personalization: conditions, fitting and cues.


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_contraindicated_stretches_never_appear(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariant 7: with a declared condition, no segment of a stretch it rules out appears."""
    timeline = compile_routine(routine, level=level, conditions=conditions)
    played = {e.stretch for e in timeline.segments}
    for stretch in oracle.all_stretches(routine):
        if set(stretch.conditions) & conditions:
            assert stretch.name not in played
    expected = [s.name for s in oracle.included(routine, conditions) if isinstance(s, Stretch)]
    assert expected == [c.title for c in timeline.chapters]
    skipped = [s.name for s in routine.stretches if oracle.chosen(s, conditions) is not s]
    skips = [e for e in timeline.events if e.kind is Kind.SKIP]
    assert skipped == [e.text.split(" left out ")[0].split(" replaced by ")[0] for e in skips]
    assert oracle.total_ms(routine, level, conditions=conditions) == timeline.total_ms


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_conditions_never_add_to_a_stretch_that_stays(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Declaring conditions leaves each stretch that stays exactly as it was, segment by segment."""
    plain = compile_routine(routine, level=level)
    personal = compile_routine(routine, level=level, conditions=conditions)

    def shape(timeline: Timeline) -> dict[str | None, list[tuple[str, Kind, int, str]]]:
        by_stretch: dict[str | None, list[tuple[str, Kind, int, str]]] = defaultdict(list)
        for e in timeline.segments:
            by_stretch[e.stretch].append((e.id, e.kind, e.duration_ms, e.text))
        return by_stretch

    before, after = shape(plain), shape(personal)
    for name in before.keys() & after.keys() - {None}:
        assert before[name] == after[name]


@given(strategies.routines(), strategies.levels(), st.data())
def test_fit_lands_on_the_target_within_ranges(
    routine: Routine, level: Level, data: st.DataObject
) -> None:
    """Invariant 9: fit_to lands on the target (or just short, to keep copies equal), every
    hold stays inside its range, and the change is spread in proportion to each range."""
    low, high = oracle.fit_window(routine, level)
    target = data.draw(st.integers(low, high))
    timeline = compile_routine(routine, level=level, fit_to=Duration(target))
    copies: dict[Hold, int] = defaultdict(int)
    for hold, _, count in oracle.hold_copies(routine, level):
        copies[hold] += count
    assert 0 <= target - timeline.total_ms < max(copies.values(), default=1)
    fractions = []
    for path, value in _resolved(routine, timeline).items():
        node = oracle.node_at(routine, path)
        if isinstance(node, Hold):
            span = node.duration
            if isinstance(span, Duration):
                assert span.ms == value
            else:
                assert span.low_ms <= value <= span.high_ms
                if span.high_ms > span.low_ms:
                    width = span.high_ms - span.low_ms
                    fractions.append(
                        ((value - span.low_ms - 1) / width, (value - span.low_ms + 1) / width)
                    )
    if fractions:  # one shared fraction of each range, give or take a millisecond
        assert max(f[0] for f in fractions) <= min(f[1] for f in fractions) + 1e-9


@given(strategies.routines(), strategies.levels(), st.data())
def test_fit_is_monotonic(routine: Routine, level: Level, data: st.DataObject) -> None:
    """A longer fit_to target never shortens any hold."""
    low, high = oracle.fit_window(routine, level)
    shorter = data.draw(st.integers(low, high))
    # Neighbouring targets half the time: that is where rounding could give a millisecond back.
    longer = data.draw(
        st.one_of(st.integers(shorter, min(high, shorter + 4)), st.integers(shorter, high))
    )
    first = _resolved(routine, compile_routine(routine, level=level, fit_to=Duration(shorter)))
    second = _resolved(routine, compile_routine(routine, level=level, fit_to=Duration(longer)))
    assert first.keys() == second.keys()
    assert all(first[path] <= second[path] for path in first)


@given(strategies.routines(), strategies.levels(), st.data())
def test_fit_outside_the_window_states_the_window(
    routine: Routine, level: Level, data: st.DataObject
) -> None:
    """A target outside the window raises FitError (a ValueError) naming the exact window."""
    low, high = oracle.fit_window(routine, level)
    target = data.draw(st.one_of(st.integers(0, low - 1), st.integers(high + 1, high + 10**7)))
    with pytest.raises(FitError) as caught:
        compile_routine(routine, level=level, fit_to=Duration(target))
    assert isinstance(caught.value, ValueError)
    assert (low, high) == (caught.value.low_ms, caught.value.high_ms)
    assert f"between {format_ms(low)} and {format_ms(high)}" in str(caught.value)


@given(strategies.timelines())
def test_every_cue_lies_inside_a_segment_of_its_own_stretch(timeline: Timeline) -> None:
    """Cue markers fall inside a segment (half-open) that belongs to the same stretch."""
    for marker in timeline.markers:
        if marker.kind is Kind.CUE:
            segment = timeline.at(marker.start_ms)
            assert segment is not None
            assert marker.stretch == segment.stretch


@given(strategies.routines(), strategies.levels(), strategies.cue_options())
def test_cues_follow_their_rules(routine: Routine, level: Level, cues: Cues) -> None:
    """Every cue sits where the docs say: countdown ticks a second apart before each hold part
    (not before its stretch), halfway at half the held time of long enough holds, switch prompts
    within the side before the switch, next-up in the segment before the stretch; Cues.off()
    keeps only each hold's own cue, at its start."""
    timeline = compile_routine(routine, level=level, cues=cues)
    by_id = {e.id: e for e in timeline.events}
    held: dict[str, list[Event]] = defaultdict(list)
    for event in timeline.segments:
        if event.kind is Kind.HOLD:
            held[re.sub(r"/part\d+$", "", event.id)].append(event)
    for key, parts in held.items():
        chapter = timeline.chapter_at(parts[0].start_ms)
        assert chapter is not None
        for index, part in enumerate(parts):
            for tick in range(1, 13):
                tick_event = by_id.get(f"{key}/countdown{index}-{tick}")
                due_ms = part.start_ms - tick * 1000
                if tick <= cues.countdown and due_ms >= chapter.start_ms:
                    assert tick_event is not None
                    assert (due_ms, str(tick)) == (tick_event.start_ms, tick_event.text)
                else:
                    assert tick_event is None
        total = sum(p.duration_ms for p in parts)
        halfway = by_id.get(f"{key}/halfway")
        if cues.halfway and total >= cues.halfway_min.ms:
            assert halfway is not None
            into = halfway.start_ms - next(p.start_ms for p in parts if p.end_ms > halfway.start_ms)
            done = sum(p.duration_ms for p in parts if p.end_ms <= halfway.start_ms)
            assert total // 2 == done + into
        else:
            assert halfway is None
    for event in timeline.segments:
        if event.kind is Kind.SWITCH:
            prefix = event.id.removesuffix("/switch")
            prompt = by_id.get(f"{prefix}/switch-prompt")
            if not cues.switch_prompt:
                assert prompt is None
                continue
            assert prompt is not None
            half = [
                e
                for e in timeline.segments
                if e.id.startswith(f"{prefix}/")
                and e.end_ms <= event.start_ms
                and e.side is not None
            ]
            expected = max(half[0].start_ms, event.start_ms - cues.switch_lead.ms)
            assert min(event.start_ms - 1, expected) == prompt.start_ms
    for chapter in timeline.chapters:
        key = next(e.id.split("/")[0] for e in timeline.segments if e.start_ms == chapter.start_ms)
        next_up = by_id.get(f"next-up-{key}")
        if not cues.next_up:
            assert next_up is None
            continue
        before = timeline.at(chapter.start_ms - 1)
        assert before is not None
        assert next_up is not None
        expected = max(before.start_ms, chapter.start_ms - cues.next_up_lead.ms)
        assert min(chapter.start_ms - 1, expected) == next_up.start_ms
    quiet = compile_routine(routine, level=level, cues=Cues.off())
    for marker in quiet.markers:
        if marker.kind is Kind.CUE:
            assert marker.id.endswith("/cue0")
            hold = quiet.at(marker.start_ms)
            assert hold is not None
            assert (Kind.HOLD, marker.start_ms) == (hold.kind, hold.start_ms)


@given(strategies.routines(), strategies.levels())
def test_safety_note_opens_the_timeline_unless_turned_off(routine: Routine, level: Level) -> None:
    """The timeline opens with the safety note; safety_note=None leaves it out, and only it."""
    with_note = compile_routine(routine, level=level)
    without = compile_routine(routine, level=level, safety_note=None)
    first = with_note.events[0]
    assert (Kind.CAUTION, SAFETY_NOTE, 0) == (first.kind, first.text, first.start_ms)
    assert oracle.total_ms(routine, level, safety=False) == without.total_ms
    assert with_note.total_ms - first.duration_ms == without.total_ms


@given(
    st.integers(1, 5_000),
    st.integers(1, 60_000),
    st.integers(1, 60_000),
    st.integers(2, 4),
    st.booleans(),
    st.data(),
)
def test_fit_is_monotonic_when_holds_grow_in_step(
    span_ms: int, low_a: int, low_b: int, rounds: int, repeated_first: bool, data: st.DataObject
) -> None:
    """Holds with equal ranges grow at the same moment; across consecutive targets none ever
    shrinks, and each total lands within (copies - 1) ms of its target."""
    repeated = Repeat(rounds, [Hold(DurationRange(low_a, low_a + span_ms), text="a")])
    single = Hold(DurationRange(low_b, low_b + span_ms), text="b")
    body = [repeated, single] if repeated_first else [single, repeated]
    routine = Routine("r", [Stretch("s", body)])
    low, high = oracle.fit_window(routine, "standard")
    start = data.draw(st.integers(low, high))
    previous: dict[str, int] = {}
    for target in range(start, min(high, start + 3 * (rounds + 1)) + 1):
        timeline = compile_routine(routine, fit_to=Duration(target), cues=Cues.off())
        assert 0 <= target - timeline.total_ms < rounds
        values = {e.text: e.duration_ms for e in timeline.segments if e.kind is Kind.HOLD}
        assert all(previous.get(text, 0) <= value for text, value in values.items())
        previous = values
