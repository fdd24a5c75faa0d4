"""The personalization invariants of DESIGN.md (conditions, fitting, cues, the safety note, the
affected side), proven on generated routines against tests/oracle.py, as in test_properties.py."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oracle
from backstretch import (
    LANGUAGES,
    MESSAGES,
    ROLES,
    Affected,
    Breaths,
    Circuit,
    Cues,
    Duration,
    DurationRange,
    Event,
    FitError,
    Hold,
    InvalidValueError,
    Kind,
    Level,
    Message,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Role,
    Routine,
    Side,
    Stretch,
    Timeline,
    compile_routine,
    format_ms,
    render_message,
    strategies,
)
from backstretch._base.text import BEEP_MS, speaking_ms
from backstretch._compiler.localize import fill
from labels import labelled, ranged, resolved

#: The roles whose text the author wrote: these events never carry a message.
AUTHOR_ROLES = frozenset({Role.TITLE, Role.INTRO, Role.OUTRO, Role.CAUTION, Role.STEP, Role.BREAK})

# Personalization: conditions, fitting and cues.


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_contraindicated_stretches_never_appear(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariant 7: with a declared condition, no segment of a stretch it rules out appears
    (conditions are drawn as people write them: aliases, capitals and spaces included)."""
    timeline = compile_routine(routine, level=level, conditions=conditions)
    conditions = oracle.canonical(conditions, routine)
    played = {e.stretch for e in timeline.segments}
    barred = oracle.barred(routine, conditions)  # the routine's own cautions bar all of it
    for stretch in oracle.all_stretches(routine):
        if oracle.named(stretch.cautions, routine) & conditions or barred:
            assert stretch.name not in played
    included = oracle.included(routine, conditions, level)
    expected = [s.name for s in included if isinstance(s, Stretch)]
    assert expected == [c.title for c in timeline.chapters]
    considered = oracle.considered(routine, conditions, level)
    left = [s for s in considered if oracle.chosen(s, conditions, routine) is not s]
    skips = [e for e in timeline.events if e.role in (Role.LEFT_OUT, Role.REPLACED)]
    assert [s.name for s in left] == [e.message["name"] for e in skips if e.message is not None]
    for stretch, skip in zip(left, skips, strict=True):
        chosen = oracle.chosen(stretch, conditions, routine)
        assert (Role.LEFT_OUT if chosen is None else Role.REPLACED) == skip.role
        assert (None if chosen is None else oracle._slug(chosen.name)) == skip.target
        assert skip.message is not None
        named = oracle.named((*stretch.cautions, *routine.cautions), routine)
        assert tuple(sorted(named & conditions)) == skip.message["conditions"]
    assert oracle.total_ms(routine, level, conditions=conditions) == timeline.total_ms


@settings(max_examples=150)
@given(strategies.routines(), strategies.levels(), strategies.conditions(), st.data())
def test_no_spelling_lets_a_ruled_out_stretch_through(
    routine: Routine, level: Level, conditions: frozenset[str], data: st.DataObject
) -> None:
    """Invariant 7 in every spelling the docs allow, on both sides: declared conditions drawn as
    people type them (case, spaces, hyphens, phrases, aliases shared and the routine's own,
    conditions implying others) and cautions naming them as authors write them. Fitted or not,
    with swaps, circuits and alternatives, no segment of a ruled-out stretch is played."""
    declared = oracle.canonical(conditions, routine)
    swappable = [s.name for s in oracle.all_stretches(routine) if s.alternative is not None]
    swap = data.draw(
        st.lists(st.sampled_from(swappable), unique=True) if swappable else st.just([])
    )
    fit = None
    if data.draw(st.booleans()):
        swapped = frozenset(oracle._slug(name) for name in swap)
        low, high = oracle.fit_window(routine, level.value, declared, swapped)
        fit = Duration(data.draw(st.integers(low, high)))
    timeline = compile_routine(routine, level=level, conditions=conditions, swap=swap, fit_to=fit)
    played = {e.stretch for e in timeline.segments if e.stretch is not None}
    barred = oracle.barred(routine, conditions)
    ruled_out = {
        s.name
        for s in oracle.all_stretches(routine)
        if barred or oracle.named(s.cautions, routine) & declared
    }
    assert set() == played & ruled_out
    assert timeline.options is not None
    assert tuple(sorted(declared)) == timeline.options.conditions
    for skip in (e for e in timeline.markers if e.kind is Kind.SKIP):
        # every note lies where a segment plays, so every player has time to show and say it
        assert skip.start_ms < timeline.total_ms


@given(strategies.routines(), strategies.levels(), strategies.conditions(), st.data())
def test_a_swapped_stretch_gives_way_to_its_alternative(
    routine: Routine, level: Level, conditions: frozenset[str], data: st.DataObject
) -> None:
    """Swapping stretches (by any spelling of their names) plays what the documented rule says:
    the first of each chain neither barred by a condition nor swapped away; each swap not forced
    by a condition is said as the person's choice, in the skip notes and the summary."""
    swappable = [s.name for s in oracle.all_stretches(routine) if s.alternative is not None]
    names = data.draw(
        st.lists(st.sampled_from(swappable), unique=True) if swappable else st.just([])
    )
    spelled = [name.upper() for name in names]  # names are matched as ids: case aside
    swapped = frozenset(oracle._slug(name) for name in names)
    timeline = compile_routine(routine, level=level, conditions=conditions, swap=spelled)
    declared = oracle.canonical(conditions, routine)
    expected = oracle.included(routine, declared, level.value, swapped)
    assert [s.name for s in expected if isinstance(s, Stretch)] == [
        c.title for c in timeline.chapters
    ]
    assert (
        oracle.total_ms(routine, level.value, conditions=declared, swapped=swapped)
        == timeline.total_ms
    )
    assert timeline.options is not None
    assert tuple(sorted(swapped)) == timeline.options.swapped
    by_choice = {
        str(e.message["name"])
        for e in timeline.markers
        if e.message is not None and e.message.key == "swapped"
    }
    for name in by_choice:
        assert oracle._slug(name) in swapped
    summary = timeline.personalization
    assert summary is not None
    assert by_choice == {name for name, _ in summary.swapped}


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_conditions_never_add_to_a_stretch_that_stays(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Declaring conditions leaves each stretch that stays exactly as it was, segment by segment
    (where it is done as many times: one done in another's place as well is done again, and says
    so in its ids)."""
    plain = compile_routine(routine, level=level)
    personal = compile_routine(routine, level=level, conditions=conditions)

    def uses(timeline: Timeline) -> Counter[str]:
        return Counter(c.stretch_id for c in timeline.chapters)

    def shape(timeline: Timeline) -> dict[str | None, list[tuple[str, Kind, int, str]]]:
        by_stretch: dict[str | None, list[tuple[str, Kind, int, str]]] = defaultdict(list)
        for e in timeline.segments:
            by_stretch[e.stretch].append((e.id, e.kind, e.duration_ms, e.text))
        return by_stretch

    before, after = shape(plain), shape(personal)
    used_before, used_after = uses(plain), uses(personal)
    for name in before.keys() & after.keys() - {None}:
        key = next(e.stretch_id for e in plain.segments if e.stretch == name)
        if used_before[key] == used_after[key]:  # type: ignore[index]
            assert before[name] == after[name]


@settings(max_examples=100)  # compiles each routine twice
@given(strategies.routines(), strategies.levels(), st.data())
def test_the_summary_says_what_was_fitted_and_by_how_much(
    routine: Routine, level: Level, data: st.DataObject
) -> None:
    """A fitted timeline records the total its level gives unfitted (the oracle's), and its
    personalization summary says the fit and the change from it."""
    natural = oracle.total_ms(routine, level.value)
    low, high = oracle.fit_window(routine, level.value)
    target = data.draw(st.integers(low, high))
    timeline = compile_routine(routine, level=level, fit_to=Duration(target))
    assert timeline.options is not None
    assert (target, natural) == (timeline.options.fit_to_ms, timeline.options.unfitted_ms)
    summary = timeline.personalization
    assert summary is not None
    last = summary.messages[-1]
    if target == natural:
        assert ("summary_fitted", target) == (last.key, last["total"])
    else:
        key = "summary_longer" if target > natural else "summary_shorter"
        assert (key, abs(target - natural), natural) == (last.key, last["change"], last["natural"])
    assert compile_routine(routine, level=level).options.unfitted_ms is None  # type: ignore[union-attr]


@given(strategies.routines(), strategies.levels(), st.data())
def test_fit_lands_on_the_target_within_ranges(
    routine: Routine, level: Level, data: st.DataObject
) -> None:
    """Invariant 9: fit_to lands on the target exactly, anywhere from every range at its low end
    to every one at its high end; holds, rounds and reps stay inside their ranges, self-paced
    parts and counts of breaths keep their level's value; every segment is the oracle's for the
    documented fit rule (labelled checks it), the remainder included."""
    low, high = oracle.fit_window(routine, level.value)
    target = data.draw(st.one_of(st.integers(low, high), st.sampled_from((low, high))))
    timeline = compile_routine(routine, level=level, fit_to=Duration(target))
    assert target == timeline.total_ms
    for node, value in resolved(routine, level.value, fit_to=Duration(target)).values():
        own = ranged(node)
        fixed = (isinstance(node, Hold) and isinstance(node.duration, Breaths)) or bool(
            getattr(node, "until", "")
        )
        if isinstance(own, int | Duration) or fixed:
            assert oracle.pick(own, level.value) == value
        elif isinstance(own, DurationRange):
            assert own.low_ms <= value <= own.high_ms
        else:
            assert own.low <= value <= own.high


@given(strategies.routines(), strategies.levels(), st.data())
def test_fit_is_monotonic(routine: Routine, level: Level, data: st.DataObject) -> None:
    """A longer fit_to target never shortens a hold nor takes away a round or a rep: every
    value the shorter target resolves is there at the longer one, at least as large."""
    low, high = oracle.fit_window(routine, level.value)
    shorter = data.draw(st.integers(low, high))
    # Neighbouring targets half the time: that is where rounding could give a millisecond back.
    longer = data.draw(
        st.one_of(st.integers(shorter, min(high, shorter + 4)), st.integers(shorter, high))
    )
    first = _by_node(resolved(routine, level.value, fit_to=Duration(shorter)))
    second = _by_node(resolved(routine, level.value, fit_to=Duration(longer)))
    assert first.keys() <= second.keys()
    assert all(first[node] <= second[node] for node in first)


def _by_node(values: dict[object, tuple[object, int]]) -> dict[object, int]:
    """Each hold, reps or repeat node's value; every use of a node has the same one (copies
    stay equal)."""
    by_node: dict[object, int] = {}
    for node, value in values.values():
        assert by_node.setdefault(node, value) == value
    return by_node


@given(strategies.routines(), strategies.levels(), st.data())
def test_fit_outside_the_window_states_the_window(
    routine: Routine, level: Level, data: st.DataObject
) -> None:
    """A target outside the window raises FitError (a ValueError) naming the exact window."""
    low, high = oracle.fit_window(routine, level.value)
    target = data.draw(st.one_of(st.integers(0, low - 1), st.integers(high + 1, high + 10**7)))
    with pytest.raises(FitError) as caught:
        compile_routine(routine, level=level, fit_to=Duration(target))
    assert isinstance(caught.value, ValueError)
    assert (low, high) == (caught.value.low_ms, caught.value.high_ms)
    said = (
        f"always takes {format_ms(low)}"
        if low == high
        else f"between {format_ms(low)} and {format_ms(high)}"
    )
    assert said in str(caught.value)


@given(strategies.timelines())
def test_every_cue_lies_inside_a_segment_of_its_own_stretch(timeline: Timeline) -> None:
    """Cue markers fall inside a segment (half-open) that belongs to the same stretch."""
    for marker in timeline.markers:
        if marker.kind is Kind.CUE:
            segment = timeline.at(marker.start_ms)
            assert segment is not None
            assert marker.stretch == segment.stretch


def _clock(offset_ms: int, parts: list[Event]) -> int:
    """The clock time ``offset_ms`` of held time into a hold made of ``parts``."""
    for part in parts:
        if offset_ms < part.duration_ms:
            return part.start_ms + offset_ms
        offset_ms -= part.duration_ms
    return parts[-1].end_ms


def _words(event: Event, said_ms: dict[str, int], after: dict[str, int]) -> tuple[int, int]:
    """When ``event`` is not quiet: a cue's or a skip note's words (a hold's opening cue after
    the hold's, ``after``), a countdown's beep, a segment's opening words (its text, and what a
    self-paced part waits for) cut at its end, and the whole of a breath phase or a self-paced
    segment (no cue goes inside one). ``said_ms``: how long each event's words take, in the
    longest language."""
    if event.role is Role.COUNTDOWN:
        return (event.start_ms, event.start_ms + BEEP_MS)
    if event.kind is Kind.BREATH or event.open:
        return (event.start_ms, event.end_ms)
    said = said_ms[event.id]
    if not event.duration_ms:
        start = after.get(event.id, event.start_ms)
        return (start, start + said)
    return (event.start_ms, event.start_ms + min(event.duration_ms, said))


def _longest(node: Hold) -> int:
    """How long a hold lasts at most, at any level (at the default breath)."""
    duration = node.duration
    if isinstance(duration, Duration):
        return duration.ms
    if isinstance(duration, Breaths):
        count = duration.count
        return (count if isinstance(count, int) else count.high) * 6000
    assert isinstance(duration, DurationRange)
    return duration.high_ms


def _longest_said(texts: Iterable[str]) -> int:
    return max(speaking_ms(text) for text in texts)


def _in_every_language(message: Message) -> int:
    """How long ``message`` takes to say in the longest of the library's languages."""
    return _longest_said(render_message(message, language) for language in LANGUAGES)


def _quiet(spans: list[tuple[int, int]], want: int, lo: int, hi: int, length: int) -> int | None:
    """Brute force over every time a best answer can be: the latest start in [lo, hi - length]
    not after ``want`` whose words overlap no span, else the earliest after it."""
    candidates = {want, lo, hi - length, *(e for _, e in spans), *(s - length for s, _ in spans)}
    free = sorted(
        t
        for t in candidates
        if lo <= t <= hi - length and all(e <= t or t + length <= s for s, e in spans)
    )
    before = [t for t in free if t <= want]
    return before[-1] if before else (free[0] if free else None)


def _allowed(routine: Routine, segment: oracle.Segment) -> tuple[bool, bool, bool]:
    """What the LocalCues around a hold allow: the innermost setting of each cue wins."""
    stretch = next(s for item in routine.stretches for s in item.chain if s.name == segment.stretch)
    allowed = [True, True, True]
    assert isinstance(segment.node, Hold)
    for local in [stretch.cues, *(r.cues for r, _ in segment.repeats), segment.node.cues]:  # type: ignore[attr-defined]
        for i, value in enumerate(
            (local.countdown, local.halfway, local.hold_cues) if local else ()
        ):
            if value is not None:
                allowed[i] = value
    return allowed[0], allowed[1], allowed[2]


@given(strategies.routines(), strategies.levels(), strategies.cue_options())
def test_cues_follow_their_rules(routine: Routine, level: Level, cues: Cues) -> None:
    """Every cue sits where the docs say, with its role and fields, and is said over nothing:
    countdown ticks a second apart before each hold part at least countdown_min long, never
    inside the hold, rep or self-paced part before, nor before the stretch; halfway at half the
    held time of long enough holds; a hold's own cue at its start and every breath_every; switch
    prompts within the side before the switch, naming the side to come; next-up in the segment
    before the stretch, naming it. Every cue but a hold's opening cue is said (a tick beeped)
    where its words overlap no other words, at the wanted time or the nearest that has room
    (halfway and repeated hold cues only later, in their part), and left out when there is none.
    LocalCues quiet what they say; Cues.off() adds no cue at all."""
    timeline = compile_routine(routine, level=level, cues=cues)
    cue_markers = [m for m in timeline.markers if m.kind is Kind.CUE]
    by_role: dict[Role, list[Event]] = defaultdict(list)
    for marker in cue_markers:
        by_role[marker.role].append(marker)
    opening = {
        m.id
        for m in by_role[Role.HOLD_CUE]
        if any(
            h.kind is Kind.HOLD
            and h.start_ms == m.start_ms
            and (h.part is None or h.part.index == 1)
            for h in timeline.segments
        )
    }

    # Words take as long as in the longest language: the same timeline in each, said.
    said_ms: dict[str, int] = {}
    for language in LANGUAGES:
        spoken = compile_routine(routine, level=level, cues=cues, language=language)
        for event in spoken.events:
            words = speaking_ms(event.text)
            if event.until_message is not None:
                words += speaking_ms(render_message(event.until_message, language))
            said_ms[event.id] = max(said_ms.get(event.id, 0), words)
    hold_at = {h.start_ms: h for h in timeline.segments if h.kind is Kind.HOLD}
    after = {  # an opening cue is said after the hold's words
        m.id: m.start_ms + min(hold_at[m.start_ms].duration_ms, said_ms[hold_at[m.start_ms].id])
        for m in by_role[Role.HOLD_CUE]
        if m.id in opening
    }
    said = [e for e in timeline.events if e.duration_ms or e.kind in (Kind.CUE, Kind.SKIP)]
    left_out = 0  # what the rules asked for that found no quiet time

    def spans_but(*left_out: Event | None) -> list[tuple[int, int]]:
        """The words said, but those of ``left_out`` (the cue whose place is being checked)."""
        return [_words(e, said_ms, after) for e in said if all(e is not out for out in left_out)]

    for cue in cue_markers:  # said (or beeped) over nothing
        start, end = _words(cue, said_ms, after)
        assert all(e <= start or end <= s for s, e in spans_but(cue)), cue.id

    holds: dict[object, list[Event]] = defaultdict(list)
    nodes: dict[object, tuple[Hold, tuple[bool, bool, bool]]] = {}
    expected_ticks: Counter[tuple[object, ...]] = Counter()
    first_halves: dict[object, Event] = {}
    switches: list[tuple[oracle.Segment, Event]] = []
    ticked: set[tuple[int, Side | None]] = set()  # holds counted down to in this stretch
    ready_at: dict[object, bool] = {}  # each hold: whether the person gets ready for it
    chapter_now: object = None
    previous: Event | None = None
    for label, event in labelled(routine, level.value, cues=cues):
        before, previous = previous, event
        if timeline.chapter_at(event.start_ms) is not chapter_now:
            chapter_now, ticked = timeline.chapter_at(event.start_ms), set()
        if label.half is not None and label.half[1] == 0:
            first_halves.setdefault(label.half[0], event)
        if event.kind is Kind.SWITCH:
            switches.append((label, event))
        if event.kind is not Kind.HOLD:
            continue
        assert isinstance(label.node, Hold)
        allowed = _allowed(routine, label)
        holds[label.instance].append(event)
        nodes[label.instance] = (label.node, allowed)
        chapter = timeline.chapter_at(event.start_ms)
        assert chapter is not None
        lead_in_ms = max(
            [chapter.start_ms]
            + [
                s.end_ms
                for s in timeline.segments
                if chapter.start_ms <= s.start_ms
                and s.end_ms <= event.start_ms
                and (s.kind in (Kind.HOLD, Kind.REP, Kind.BREATH) or s.open)
            ]
        )
        # Where the person gets ready: the first time the stretch holds it on this side, or
        # after a rest, a break or a switch. Ticks there, for a hold that can last countdown_min
        # (a part of it), at every level; "Halfway" only in a hold whose first part is such.
        key = (id(label.node), event.side)
        first = key not in ticked
        ticked.add(key)
        after_rest = before is not None and before.kind in (Kind.REST, Kind.BREAK, Kind.SWITCH)
        if event.part is None or event.part.index == 1:
            ready_at[label.instance] = first or after_rest
        if not allowed[0]:
            continue
        count = 1 if event.part is None else event.part.count
        if not (first or after_rest) or -(-_longest(label.node) // count) < cues.countdown_min.ms:
            continue
        for tick in range(1, cues.countdown + 1):
            due_ms = event.start_ms - tick * 1000
            if due_ms < lead_in_ms:
                continue
            beep = (due_ms, due_ms + BEEP_MS)
            tick_at = [m for m in by_role[Role.COUNTDOWN] if m.start_ms == due_ms]
            if all(e <= beep[0] or beep[1] <= s for s, e in spans_but(*tick_at)):
                expected_ticks[(due_ms, tick, event.side, event.part, event.rounds)] += 1
            else:  # its beep would sound over words: left out
                left_out += 1
    ticks = by_role[Role.COUNTDOWN]
    assert expected_ticks == Counter((m.start_ms, m.tick, m.side, m.part, m.rounds) for m in ticks)
    assert all(m.text == str(m.tick) for m in ticks)

    expected_halfways = 0
    hold_cue_times: list[int] = []
    for instance, parts in holds.items():
        node, allowed = nodes[instance]
        held = sum(p.duration_ms for p in parts)
        counted = isinstance(node.duration, Breaths)  # the person counts the breaths
        if (
            allowed[1]
            and ready_at[instance]
            and cues.halfway
            and held >= cues.halfway_min.ms
            and not node.until
            and not counted
        ):
            want = _clock(held // 2, parts)
            in_hold = [
                m
                for m in by_role[Role.HALFWAY]
                if parts[0].start_ms <= m.start_ms < parts[-1].end_ms
            ]
            halfway = in_hold[0] if in_hold else None
            part = next(p for p in parts if p.start_ms <= want < p.end_ms)
            length = _in_every_language(Message("halfway"))
            best = _quiet(spans_but(halfway), want, want, part.end_ms, length)
            assert (None if halfway is None else halfway.start_ms) == best, want
            left_out += best is None
            expected_halfways += len(in_hold)
        if node.cue and cues.hold_cues and allowed[2]:
            every = cues.breath_every.ms if cues.breath_every else held
            # Placed in turn, each after the ones before it: this hold's own cues are simulated,
            # everything else said is taken from the timeline.
            others = spans_but(
                *(
                    m
                    for m in by_role[Role.HOLD_CUE]
                    if parts[0].start_ms <= m.start_ms < parts[-1].end_ms
                )
            )
            first_part = parts[0]
            round_ = first_part.rounds[-1] if first_part.rounds else None
            # The author's cue, untranslated (a generated routine has no translations): its
            # sides in the routine's own language, whatever the timeline's.
            length = speaking_ms(fill(node.cue, first_part.side, round_, routine.language))
            # The opening cue is said with the hold, after its words, if they both fit.
            start = parts[0].start_ms
            found = _quiet(others, start, start, parts[0].end_ms, length)
            placed = [start] if found is not None else []
            heard = [(found, found + length)] if found is not None else []
            left_out += found is None
            for offset in range(every, held, every):
                want = _clock(offset, parts)
                part = next(p for p in parts if p.start_ms <= want < p.end_ms)
                mine = heard + [(t, t + length) for t in placed if t != start]
                found = _quiet(others + mine, want, want, part.end_ms, length)
                if found is not None:
                    placed.append(found)
                left_out += found is None
            hold_cue_times += placed
    assert expected_halfways == len(by_role[Role.HALFWAY])
    assert sorted(hold_cue_times) == sorted(m.start_ms for m in by_role[Role.HOLD_CUE])

    expected_prompts = []
    prompts = by_role[Role.SWITCH_PROMPT]
    if cues.switch_prompt:
        for switch_label, switch in switches:
            before = timeline.at(switch.start_ms - 1)
            if before is not None and before.open:  # never inside a self-paced part
                continue
            # Within the first side of a PerSide; before a OneSide's switch, or the switch a
            # PerSide opens with (coming from the other side), within the segment before it.
            assert before is not None
            half = first_halves.get(switch_label.instance)
            leads_in = half is None or switch.end_ms <= half.start_ms
            since = (
                before.start_ms
                if isinstance(switch_label.node, OneSide) or leads_in
                else half.start_ms  # type: ignore[union-attr]
            )
            prompt = next(
                (
                    m
                    for m in prompts
                    if m.side is switch.side and since <= m.start_ms < switch.start_ms
                ),
                None,
            )
            spans = spans_but(prompt)
            assert switch.side is not None
            length = _in_every_language(Message("switch_prompt", (("side", switch.side.value),)))
            found = _quiet(
                spans, switch.start_ms - cues.switch_lead.ms, since, switch.start_ms, length
            )
            if found is not None:
                expected_prompts.append((found, switch.side))
            left_out += found is None
    assert expected_prompts == [(m.start_ms, m.side) for m in prompts]

    expected_next_up = []
    next_ups = by_role[Role.NEXT_UP]
    notes_at = {m.start_ms for m in timeline.markers if m.kind is Kind.SKIP}
    chapters = timeline.chapters if cues.next_up else ()
    for previous_chapter, chapter in itertools.pairwise(chapters):
        # Not before the first stretch, nor before one a skip note has just named.
        before = timeline.at(chapter.start_ms - 1)
        if chapter.start_ms in notes_at:
            continue
        if before is not None and not before.open:  # never inside a self-paced part
            lead = cues.next_up_lead.ms
            waits = [  # no preview before the end of a breath phase or self-paced part
                s.end_ms
                for s in timeline.segments
                if (s.kind is Kind.BREATH or s.open) and s.end_ms <= chapter.start_ms
            ]
            since = max([previous_chapter.start_ms, *waits])
            since = max(since, min(before.start_ms, chapter.start_ms - 2 * lead))
            preview = next(
                (
                    m
                    for m in next_ups
                    if m.target == chapter.stretch_id and since <= m.start_ms <= chapter.start_ms
                ),
                None,
            )
            spans = spans_but(preview)
            length = _in_every_language(Message("next_up", (("name", chapter.title),)))
            want = max(since, chapter.start_ms - lead)
            until = chapter.start_ms - min(2000, lead)  # not right before the stretch's name
            found = _quiet(spans, want, since, until, length)
            if found is not None:
                expected_next_up.append((found, chapter.stretch_id))
            left_out += found is None
    assert expected_next_up == [(m.start_ms, m.target) for m in next_ups]
    for marker in next_ups:  # it sits in the segment before, and belongs where that one does
        segment = timeline.at(marker.start_ms)
        assert segment is not None
        assert (segment.stretch_id, segment.rounds) == (marker.stretch_id, marker.rounds)

    assert timeline.options is not None
    assert left_out == timeline.options.cues_left_out

    quiet = compile_routine(routine, level=level, cues=Cues.off())
    assert [] == [m for m in quiet.markers if m.kind is Kind.CUE]


@given(strategies.timelines())
def test_every_event_carries_its_meaning_as_data(timeline: Timeline) -> None:
    """Invariant 12 and the message table: ids are unique; each role belongs to its kind; ticks
    only on countdowns; every text the library wrote has a message that renders to it exactly,
    and the author's own texts have none; a template fills to the text (or to a rep's text)."""
    assert len({e.id for e in timeline.events}) == len(timeline.events)
    for event in timeline.events:
        assert event.role in ROLES[event.kind]
        assert (event.tick is not None) == (event.role is Role.COUNTDOWN)
        if event.message is not None:
            assert event.message.key in MESSAGES
            assert event.text == render_message(event.message)
        if event.role in AUTHOR_ROLES:
            assert event.message is None
        if event.role in (Role.COUNTDOWN, Role.HALFWAY, Role.NEXT_UP, Role.REP, Role.END):
            assert event.message is not None
        for position in (*event.rounds, event.rep, event.part):
            assert position is None or 1 <= position.index <= position.count
        if event.template is not None:
            assert event.side is not None or event.rounds
            filled = event.template
            if event.side is not None:
                filled = filled.replace("{side}", event.side.value)
                filled = filled.replace("{other}", event.side.other.value)
            if event.rounds:
                filled = filled.replace("{rounds}", str(event.rounds[-1].count))
                filled = filled.replace("{round}", str(event.rounds[-1].index))
            words = (
                event.message["text"] if event.role is Role.REP and event.message else event.text
            )
            assert filled == words


@given(strategies.routines(), strategies.levels(), strategies.conditions())
def test_chapters_and_stretches_refer_to_each_other(
    routine: Routine, level: Level, conditions: frozenset[str]
) -> None:
    """Invariant 13: one entry of stretches per stretch played, in order, with its data; each
    chapter, stretch_id and target names an entry; chapters are ordered and do not overlap."""
    timeline = compile_routine(routine, level=level, conditions=conditions)
    conditions = oracle.canonical(conditions, routine)
    played = list(
        {
            s.name: s for s in oracle.included(routine, conditions, level) if isinstance(s, Stretch)
        }.values()
    )  # a circuit's stretch is listed once, however many rounds it plays
    assert [s.name for s in played] == [info.name for info in timeline.stretches]
    for stretch, info in zip(played, timeline.stretches, strict=True):
        assert (oracle._slug(stretch.name), stretch.purpose) == (info.id, info.purpose)
        assert (stretch.targets, stretch.props) == (info.targets, info.props)
        assert [(c.text, tuple(sorted(oracle.named((c,), routine)))) for c in stretch.cautions] == [
            (c.text, c.conditions) for c in info.cautions
        ]
        assert [(m.text, m.when, m.props) for m in stretch.modifications] == [
            (m.text, m.when, m.props) for m in info.modifications
        ]
    ids = {info.id for info in timeline.stretches}
    chaptered = list(dict.fromkeys(c.stretch_id for c in timeline.chapters))
    assert [info.id for info in timeline.stretches] == chaptered
    for event in timeline.events:
        assert event.stretch_id is None or event.stretch_id in ids
        assert event.target is None or event.target in ids
    for before, after in itertools.pairwise(timeline.chapters):
        assert before.end_ms <= after.start_ms
    assert timeline.options is not None
    assert (level, tuple(sorted(conditions))) == (
        timeline.options.level,
        timeline.options.conditions,
    )


@given(strategies.routines(), strategies.levels())
def test_safety_note_opens_the_timeline_unless_turned_off(routine: Routine, level: Level) -> None:
    """The timeline opens with the safety note (the routine's own, else the library's: for
    breathing alone, or general); safety_note=None leaves it out, and only it."""
    with_note = compile_routine(routine, level=level)
    without = compile_routine(routine, level=level, safety_note=None)
    first = with_note.events[0]
    assert (first.message is None) == bool(routine.safety_note)
    assert (Kind.CAUTION, Role.SAFETY_NOTE, oracle.safety_note(routine), 0) == (
        first.kind,
        first.role,
        first.text,
        first.start_ms,
    )
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
    shrinks, and each total lands on its target."""
    repeated = Repeat(rounds, [Hold(DurationRange(low_a, low_a + span_ms), text="a")])
    single = Hold(DurationRange(low_b, low_b + span_ms), text="b")
    body = [repeated, single] if repeated_first else [single, repeated]
    routine = Routine("r", [Stretch("s", body)])
    low, high = oracle.fit_window(routine, "standard")
    start = data.draw(st.integers(low, high))
    previous: dict[str, int] = {}
    for target in range(start, min(high, start + 3 * (rounds + 1)) + 1):
        timeline = compile_routine(routine, fit_to=Duration(target), cues=Cues.off())
        assert target == timeline.total_ms
        values = {e.text: e.duration_ms for e in timeline.segments if e.kind is Kind.HOLD}
        assert all(previous.get(text, 0) <= value for text, value in values.items())
        previous = values


def _naming(node: object, side: Side, name: Affected) -> object:
    """``node`` with every side ``side`` it names (a OneSide's side, a PerSide's or alternating
    Reps' first) named ``name`` instead."""
    if isinstance(node, OneSide) and node.side is side:
        return attrs.evolve(node, side=name)
    if isinstance(node, PerSide | Reps) and node.first is side:
        return attrs.evolve(node, first=name)
    if isinstance(node, Repeat):
        return attrs.evolve(node, body=[_naming(n, side, name) for n in node.body])
    return node


@settings(max_examples=100)  # compiles each routine three times
@given(strategies.routines(), strategies.levels(), st.sampled_from(Side), st.sampled_from(Affected))
def test_the_affected_side_is_the_one_declared(
    routine: Routine, level: Level, side: Side, name: Affected
) -> None:
    """Naming a side by how it is gives exactly the timeline of naming it by where it is: the
    affected side is the one declared, the unaffected side the other. Without a declared side, a
    routine that names one is refused."""
    renamed: dict[int, Stretch] = {}  # one stretch used twice stays one stretch

    def naming(stretch: Stretch) -> Stretch:
        if id(stretch) not in renamed:
            alternative = stretch.alternative
            renamed[id(stretch)] = attrs.evolve(
                stretch,
                body=[_naming(n, side, name) for n in stretch.body],
                alternative=None if alternative is None else naming(alternative),
            )
        return renamed[id(stretch)]

    def item_of(item: object) -> object:
        if isinstance(item, Stretch):
            return naming(item)
        if isinstance(item, Circuit):
            return attrs.evolve(item, body=[item_of(inner) for inner in item.body])
        return item

    named = attrs.evolve(routine, body=[item_of(item) for item in routine.body])
    declared = side if name is Affected.AFFECTED else side.other
    expected = compile_routine(routine, level=level)
    got = compile_routine(named, level=level, affected=declared)
    assert attrs.evolve(expected, options=got.options) == got
    assert got.options is not None
    assert got.options.affected is declared
    assert oracle.total_ms(named, level.value, affected=declared) == got.total_ms
    if named != routine and any(_names_affected(s) for s in named.stretches):
        with pytest.raises(InvalidValueError, match="say which side is affected"):
            compile_routine(named, level=level)


def _names_affected(stretch: Stretch) -> bool:
    def walk(nodes: tuple[object, ...]) -> bool:
        for node in nodes:
            if isinstance(node, OneSide) and isinstance(node.side, Affected):
                return True
            if isinstance(node, PerSide | Reps) and isinstance(node.first, Affected):
                return True
            if isinstance(node, Repeat) and walk(node.body):
                return True
        return False

    return walk(stretch.body)
