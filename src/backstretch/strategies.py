"""Hypothesis strategies for valid routines and their (format 2) timelines (needs the
``hypothesis`` extra).

App developers use these to property-test their own players::

    from hypothesis import given
    from backstretch import strategies

    @given(strategies.timelines())
    def test_my_player_plays_every_segment(timeline): ...

Every routine drawn passes ``check_routine``; sizes stay small enough to compile in milliseconds.
"""

from __future__ import annotations

import datetime
import functools
import random
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from ._base.kinds import Side
from ._base.time import Breaths, CountRange, Duration, DurationRange, Level
from ._compiler.compile import Cues, compile_routine, estimate_ms
from ._dsl.check import slug
from ._dsl.conditions import Condition
from ._dsl.nodes import (
    ASKS,
    BodyNode,
    Break,
    Breath,
    Caution,
    Circuit,
    Hold,
    LocalCues,
    Modification,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
    hold_parts,
)
from ._program.log import Effort, LogEntry, SessionLog
from ._program.program import (
    Change,
    Missed,
    PainRule,
    Program,
    Progression,
    Report,
    Schedule,
    Stage,
    weekday_names,
)
from ._timeline.timeline import Timeline

__all__ = [
    "conditions",
    "count_ranges",
    "counts",
    "cue_options",
    "duration_ranges",
    "durations",
    "levels",
    "local_cues",
    "nodes",
    "programs",
    "routines",
    "session_logs",
    "stretches",
    "timelines",
]

_WORDS = (
    "breathe", "slowly", "reach", "your", "arm", "knee", "hip", "heel", "forward", "back", "lift",
    "lower", "the", "and", "hold", "relax", "étirez", "Rücken", "shoulder", "gently", "twist",
)  # fmt: skip
_CONDITIONS = ("knee", "wrist", "lower-back", "pregnancy", "neck", "tinnitus")
#: How cautions name conditions: names, aliases (the routine's own "ear-ringing" too) and every
#: spelling the docs allow (case, spaces, stray hyphens, phrases).
_CAUTION_CONDITIONS = (
    *_CONDITIONS, "Knees", "knee-", "lower--back", "Lower back", "neck pain", "ear-ringing",
    "balance",
)  # fmt: skip
#: A condition of the generated routines' own (every one declares it), for cautions to name.
_OWN_CONDITION = Condition(
    "tinnitus", "Ringing in the ears.", aliases=["ear-ringing"], implies=["balance"]
)
#: How people declare conditions: names, aliases, phrases, conditions that imply others
#: ("knee surgery" is a knee condition too, "tinnitus" a balance one), any case and spacing.
_DECLARED = (
    *_CONDITIONS, "ankle", "Knees", "ear ringing", "back", "knee pain", "Sore knees",
    "knee surgery", "KNEE-REPLACEMENT", "lower__back", "Ear-Ringing", "bad back", "wrist injury",
)  # fmt: skip
# Ranges real routines use again and again; equal and commensurate spans make holds grow in step.
_COMMON_RANGES = tuple(
    DurationRange(low * 1000, high * 1000)
    for low, high in ((20, 40), (30, 60), (15, 45), (60, 120), (30, 90), (10, 20))
)


def durations(*, min_ms: int = 1, max_ms: int = 120_000) -> st.SearchStrategy[Duration]:
    """Fixed durations from ``min_ms`` to ``max_ms``."""
    return st.integers(min_ms, max_ms).map(Duration)


def _own_levels() -> st.SearchStrategy[Level | None]:
    """A range's own level: mostly none (it follows the level compiled at), sometimes one."""
    return st.one_of(st.none(), st.none(), levels())


def duration_ranges(*, min_ms: int = 1, max_ms: int = 120_000) -> st.SearchStrategy[DurationRange]:
    """Duration ranges within ``[min_ms, max_ms]`` (a range may be a single point); some have a
    level of their own."""
    pair = st.tuples(st.integers(min_ms, max_ms), st.integers(min_ms, max_ms), _own_levels())
    return pair.map(lambda p: DurationRange(min(p[:2]), max(p[:2]), level=p[2]))


def count_ranges(*, max_count: int = 4) -> st.SearchStrategy[CountRange]:
    """Count ranges within ``[1, max_count]``; some have a level of their own."""
    pair = st.tuples(st.integers(1, max_count), st.integers(1, max_count), _own_levels())
    return pair.map(lambda p: CountRange(min(p[:2]), max(p[:2]), level=p[2]))


def counts(*, max_count: int = 4) -> st.SearchStrategy[int | CountRange]:
    """A fixed count or a count range."""
    return st.one_of(st.integers(1, max_count), count_ranges(max_count=max_count))


def levels() -> st.SearchStrategy[Level]:
    """Any level."""
    return st.sampled_from(Level)


@functools.cache
def _texts(*, sided: bool = False, rounds: bool = False) -> st.SearchStrategy[str]:
    """Texts of one to eight words, from a fixed pool of phrases: one draw a text instead of one
    a word keeps generating a routine cheap (a routine holds dozens of texts)."""
    words = (*_WORDS, "{side}", "{other}") if sided else _WORDS
    words = (*words, "{round}", "{rounds}") if rounds else words
    pick = random.Random(f"backstretch {sided} {rounds}")  # the same pool on every run
    phrases = [*words, *(" ".join(pick.choices(words, k=pick.randint(2, 8))) for _ in range(400))]
    return st.sampled_from(phrases)


def _optional_text() -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), _texts())


def _sides(explicit: bool) -> st.SearchStrategy[Side | None]:
    return st.sampled_from((None, Side.LEFT, Side.RIGHT)) if explicit else st.none()


def _untils(sided: bool, rounds: bool) -> st.SearchStrategy[str]:
    """What a self-paced part waits for, or "" for a part of fixed length."""
    return st.one_of(st.just(""), _texts(sided=sided, rounds=rounds))


def local_cues() -> st.SearchStrategy[LocalCues | None]:
    """No LocalCues (most often), or one that sets, unsets or keeps each of its cues."""
    flag = st.sampled_from((None, True, False))
    return st.one_of(st.none(), st.builds(LocalCues, countdown=flag, halfway=flag, hold_cues=flag))


def _steps(sided: bool, rounds: bool) -> st.SearchStrategy[Step]:
    return st.builds(
        Step,
        _texts(sided=sided, rounds=rounds),
        duration=st.one_of(st.none(), durations(max_ms=20_000)),
        until=_untils(sided, rounds),
    )


def _holds(sided: bool, rounds: bool) -> st.SearchStrategy[Hold]:
    breaks = st.builds(
        Break,
        _texts(sided=sided, rounds=rounds),
        every=durations(min_ms=5_000, max_ms=60_000),
        duration=durations(max_ms=10_000),
    )
    timed = st.builds(
        Hold,
        st.one_of(durations(), duration_ranges(), st.sampled_from(_COMMON_RANGES)),
        text=_texts(sided=sided, rounds=rounds),
        cue=st.one_of(st.just(""), _texts(sided=sided, rounds=rounds)),
        breaks=st.one_of(st.none(), breaks),
        until=_untils(sided, rounds),
        cues=local_cues(),
    ).filter(_parts_fit)
    counted = st.builds(  # in breaths: never with breaks
        Hold,
        st.builds(Breaths, counts(max_count=5)),
        text=st.one_of(st.just("Hold"), _texts(sided=sided, rounds=rounds)),
        cue=st.one_of(st.just(""), _texts(sided=sided, rounds=rounds)),
        until=_untils(sided, rounds),
        cues=local_cues(),
    )
    return st.one_of(timed, counted)


def _breaths(*, sided: bool = False, rounds: bool = False) -> st.SearchStrategy[Breath]:
    """Breaths in phases, each phase from a fraction of a second to ten seconds, some with the
    author's words for breathing in or out."""
    phase = durations(min_ms=500, max_ms=10_000)
    said = st.one_of(st.just(""), _texts(sided=sided, rounds=rounds))
    return st.builds(
        Breath,
        phase,
        phase,
        hold=st.one_of(st.none(), phase),
        hold_out=st.one_of(st.none(), phase),
        inhale_text=said,
        exhale_text=said,
    )


def _parts_fit(hold: Hold) -> bool:
    """A hold split by breaks must last at least a millisecond a part (check_routine says so)."""
    if isinstance(hold.duration, Breaths):
        return True
    low_ms = hold.duration.ms if isinstance(hold.duration, Duration) else hold.duration.low_ms
    return low_ms >= hold_parts(hold)


def _seldom() -> st.SearchStrategy[bool]:
    """True now and then (one draw in four)."""
    return st.integers(0, 3).map(lambda n: n == 0)


def _reps(sided: bool, rounds: bool, explicit_sides: bool) -> st.SearchStrategy[Reps]:
    plain = st.builds(
        Reps,
        counts(),
        _texts(sided=sided, rounds=rounds),
        tempo=durations(max_ms=10_000),
        alternate=st.just(False),
        until=_untils(sided, rounds),
        counted=_seldom(),
    )
    if sided:
        return plain
    alternating = st.builds(
        Reps,
        counts(),
        _texts(sided=True, rounds=rounds),
        tempo=durations(max_ms=10_000),
        alternate=st.just(True),
        first=_sides(explicit_sides),
        until=_untils(True, rounds),
        counted=_seldom(),
    )
    return st.one_of(plain, alternating)


def _rests(sided: bool, rounds: bool = False) -> st.SearchStrategy[Rest]:
    """Rests of a time or a range of times, some self-paced."""
    return st.builds(
        Rest,
        st.one_of(durations(max_ms=30_000), duration_ranges(min_ms=1000, max_ms=30_000)),
        text=_texts(sided=sided, rounds=rounds),
        until=_untils(sided, rounds),
    )


@functools.cache
def nodes(
    *,
    sided: bool = False,
    max_depth: int = 3,
    explicit_sides: bool = True,
    in_repeat: bool = False,
) -> st.SearchStrategy[BodyNode]:
    """Body nodes of a stretch. ``sided`` draws nodes for inside a PerSide, ``in_repeat`` for
    inside a Repeat (texts may then use ``{round}`` and ``{rounds}``).

    With ``explicit_sides=False`` every PerSide and alternating Reps leaves ``first`` unset, so
    sides alternate through the whole stretch.
    """
    leaves: list[st.SearchStrategy[Any]] = [
        _steps(sided, in_repeat),
        _holds(sided, in_repeat),
        _reps(sided, in_repeat, explicit_sides),
        _rests(sided, in_repeat),
        _breaths(sided=sided, rounds=in_repeat),
    ]
    if max_depth <= 1:
        return st.one_of(*leaves)
    inner = nodes(
        sided=sided, max_depth=max_depth - 1, explicit_sides=explicit_sides, in_repeat=True
    )
    branches: list[st.SearchStrategy[Any]] = [
        st.builds(
            Repeat,
            counts(max_count=3),
            st.lists(inner, min_size=1, max_size=3),
            between=st.one_of(st.none(), _rests(sided, rounds=True)),
            cues=local_cues(),
            until=st.one_of(st.just(""), st.just(""), st.just(""), _texts()),
        )
    ]
    if not sided:
        sided_inner = nodes(
            sided=True, max_depth=max_depth - 1, explicit_sides=explicit_sides, in_repeat=in_repeat
        )
        if explicit_sides:  # a OneSide always names its side
            branches.append(
                st.builds(
                    OneSide,
                    st.lists(sided_inner, min_size=1, max_size=3),
                    side=st.sampled_from(Side),
                    switch=durations(max_ms=10_000),
                )
            )
        branches.append(
            st.builds(
                PerSide,
                st.lists(sided_inner, min_size=1, max_size=3),
                first=_sides(explicit_sides),
                switch=durations(max_ms=10_000),
            )
        )
    return st.one_of(*leaves, *branches)


def stretches(*, max_depth: int = 3, explicit_sides: bool = True) -> st.SearchStrategy[Stretch]:
    """Valid stretches with cautions, modifications and a body of up to four nodes."""
    return _stretches(max_depth, explicit_sides)


def _cautions() -> st.SearchStrategy[Caution]:
    return st.builds(
        Caution,
        _texts(),
        conditions=st.lists(st.sampled_from(_CAUTION_CONDITIONS), max_size=2),
    )


@functools.cache
def _stretches(max_depth: int, explicit_sides: bool) -> st.SearchStrategy[Stretch]:
    cautions = _cautions()
    modifications = st.builds(
        Modification,
        _texts(),
        when=_optional_text(),
        props=st.lists(_texts(), max_size=2),
    )
    return st.builds(
        Stretch,
        _texts(),
        st.lists(nodes(max_depth=max_depth, explicit_sides=explicit_sides), min_size=1, max_size=4),
        purpose=_optional_text(),
        targets=st.lists(_texts(), max_size=2),
        props=st.lists(_texts(), max_size=2),
        cautions=st.lists(cautions, max_size=2),
        modifications=st.lists(modifications, max_size=2),
        cues=local_cues(),
    )


@st.composite
def routines(
    draw: st.DrawFn,
    *,
    max_stretches: int = 3,
    max_depth: int = 3,
    explicit_sides: bool = True,
) -> Routine:
    """Valid routines: one to ``max_stretches`` stretches with distinct names, and some rests.

    Some stretches have an alternative, and some alternatives one of their own; some runs of
    stretches are a circuit.
    """
    count = draw(st.integers(1, max_stretches))
    names = iter(draw(st.lists(_texts(), min_size=3 * count, max_size=3 * count, unique_by=slug)))
    body: list[Stretch | Rest | Circuit] = []
    for _ in range(count):
        if draw(st.booleans()) and draw(st.booleans()):
            body.append(draw(_rests(False)))
        chain = [next(names)]
        while len(chain) < 3 and draw(st.integers(0, 2)) == 0:
            chain.append(next(names))
        stretch: Stretch | None = None
        for name in reversed(chain):  # build the last alternative first
            drawn = draw(stretches(max_depth=max_depth, explicit_sides=explicit_sides))
            stretch = attrs.evolve(drawn, name=name, alternative=stretch)
        assert stretch is not None
        body.append(stretch)
    # The very same stretch (or alternative) again, now and then: a stretch, sets, the stretch.
    if draw(st.integers(0, 3)) == 0:
        known = [s for item in body if isinstance(item, Stretch) for s in item.chain]
        body.insert(draw(st.integers(0, len(body))), draw(st.sampled_from(known)))
    # A run of the stretches (and the rests among them) done in rounds, now and then.
    if draw(st.integers(0, 3)) == 0:
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, len(body)))
        run = body[start:end]
        if any(isinstance(item, Stretch) for item in run):
            circuit = Circuit(
                draw(counts(max_count=3)),
                run,
                between=draw(st.one_of(st.none(), _rests(False, rounds=True))),
            )
            body[start:end] = [circuit]
    routine = Routine(
        draw(_texts()),
        body,
        intro=draw(_optional_text()),
        outro=draw(_optional_text()),
        rest_between=draw(st.one_of(st.none(), durations(max_ms=30_000))),
        # Routine cautions with conditions rule out a whole routine: seldom, so most stay played.
        cautions=draw(
            st.lists(st.one_of(st.builds(Caution, _texts()), _cautions()), max_size=2).filter(
                lambda cautions: sum(bool(c.conditions) for c in cautions) < 2
            )
        ),
        safety_note=draw(_optional_text()),
        extra_conditions=[_OWN_CONDITION],
        ask=draw(st.lists(st.sampled_from(ASKS), max_size=3, unique=True).map(sorted)),
    )
    # Repeats of repeats of holds with breaks multiply: keep every draw well inside the limit of
    # a compiled routine's length (Limits.max_total, 6 hours) at any level, fit and breath pace.
    assume(_longest_ms(routine) <= _LONGEST_MS)
    return routine


#: The longest a drawn routine may last at the top of every range (an upper bound, see below).
_LONGEST_MS = 3 * 3_600_000
#: What a stretch or a routine adds around its body at most (announcement, props, cautions,
#: modifications, next-up, rests and closing words of up to eight words each), generously.
_AROUND_MS = 120_000
#: The slowest breath the tests compile with.
_SLOWEST_BREATH_MS = 20_000


def _longest_ms(routine: Routine) -> int:
    """An upper bound of how long ``routine`` lasts: every range at its top, every stretch of an
    alternatives chain played."""
    total = _AROUND_MS
    for item in routine.body:
        if isinstance(item, Circuit):
            total += _top(item.times) * (_AROUND_MS + _items_ms(item.body))
        else:
            total += _items_ms((item,))
    return total


def _items_ms(items: tuple[Stretch | Rest, ...]) -> int:
    total = 0
    for item in items:
        if isinstance(item, Rest):
            total += item.longest_ms
        else:
            total += sum(_AROUND_MS + _body_ms(s.body) for s in item.chain)
    return total


def _body_ms(body: tuple[BodyNode, ...]) -> int:
    total = 0
    for node in body:
        if isinstance(node, Step):
            total += node.duration.ms if node.duration else estimate_ms(node.text)
        elif isinstance(node, Hold):
            duration = node.duration
            if isinstance(duration, Breaths):
                total += _top(duration.count) * _SLOWEST_BREATH_MS
            else:
                total += duration.ms if isinstance(duration, Duration) else duration.high_ms
                if node.breaks is not None:
                    total += (hold_parts(node) - 1) * node.breaks.duration.ms
        elif isinstance(node, Breath):
            total += sum(length.ms for _, length in node.phases)
        elif isinstance(node, Reps):
            most = max(node.count) if isinstance(node.count, tuple) else _top(node.count)
            total += most * node.tempo.ms * (2 if node.alternate else 1)
        elif isinstance(node, Rest):
            total += node.longest_ms
        elif isinstance(node, Repeat):
            between = node.between.longest_ms if node.between else 0
            total += _top(node.times) * (_body_ms(node.body) + between)
        else:  # PerSide or OneSide: both sides, and a switch
            total += 2 * (_body_ms(node.body) + node.switch.ms)
    return total


def _top(value: int | CountRange) -> int:
    return value.high if isinstance(value, CountRange) else value


def cue_options() -> st.SearchStrategy[Cues]:
    """Any cue options: counts and leads from none to longer than most segments."""
    return st.builds(
        Cues,
        countdown=st.integers(0, 12),
        countdown_min=durations(min_ms=0, max_ms=30_000),
        halfway=st.booleans(),
        halfway_min=durations(min_ms=0, max_ms=60_000),
        hold_cues=st.booleans(),
        breath_every=st.one_of(st.none(), durations(min_ms=1_000, max_ms=60_000)),
        next_up=st.booleans(),
        next_up_lead=durations(min_ms=0, max_ms=60_000),
        switch_prompt=st.booleans(),
        switch_lead=durations(min_ms=0, max_ms=60_000),
    )


def conditions() -> st.SearchStrategy[frozenset[str]]:
    """Sets of declared conditions for generated routines: the ones their cautions name (the
    routines' own "tinnitus" among them), one they never name, aliases and phrases as people
    write them ("Knees", "ear ringing", "sore knees"), and conditions that imply others ("knee
    surgery")."""
    return st.frozensets(st.sampled_from(_DECLARED), max_size=4)


def timelines(
    *, level: Level | None = None, max_stretches: int = 3, max_depth: int = 3
) -> st.SearchStrategy[Timeline]:
    """Timelines compiled from generated routines, at ``level`` or any level, for any conditions
    and cue options."""
    pick = st.just(level) if level is not None else levels()
    return st.tuples(
        routines(max_stretches=max_stretches, max_depth=max_depth),
        pick,
        conditions(),
        st.one_of(st.just(Cues()), cue_options()),
    ).map(lambda args: compile_routine(args[0], level=args[1], conditions=args[2], cues=args[3]))


@st.composite
def _schedules(draw: st.DrawFn) -> Schedule:
    times = draw(
        st.lists(
            st.sampled_from(("07:30", "09:00", "13:00", "18:00")),
            min_size=1,
            max_size=2,
            unique=True,
        )
    )
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(weekday_names()), min_size=1, max_size=4, unique=True))
        return Schedule(days, at=times)
    return Schedule(every=draw(st.integers(1, 3)), at=times)


@st.composite
def _stages(draw: st.DrawFn, routine: Routine, *, last: bool) -> Stage:
    ends = draw(
        st.sampled_from(
            ("sessions", "days", "move_on", "open") if last else ("sessions", "days", "move_on")
        )
    )
    return Stage(
        routine,
        schedule=draw(_schedules()),
        sessions=draw(st.integers(1, 6)) if ends == "sessions" else None,
        days=draw(st.integers(1, 12)) if ends == "days" else None,
        move_on=draw(st.sampled_from(Report)) if ends == "move_on" else None,
        level=draw(levels()),
    )


@st.composite
def _rules(draw: st.DrawFn, change: Change) -> Progression:
    when = draw(st.sampled_from(("every", "every_days", "on")))
    timing: dict[str, Any] = {
        "every": {"every": draw(st.integers(1, 3))},
        "every_days": {"every_days": draw(st.integers(1, 7))},
        "on": {"on": draw(st.sampled_from(Report))},
    }[when]
    if change is Change.LEVEL:
        return Progression(change, cap=draw(st.one_of(st.none(), levels())), **timing)
    amount: int | Duration
    cap: int | Duration | None
    if change is Change.HOLD:
        amount = Duration(draw(st.integers(1, 20)) * 1000)
        cap = draw(st.one_of(st.none(), st.integers(1, 150).map(lambda s: Duration(s * 1000))))
    else:
        amount, cap = draw(st.integers(1, 3)), draw(st.one_of(st.none(), st.integers(1, 8)))
    raised = draw(st.integers(0, 3)) == 0
    return Progression(
        change,
        by=None if raised else amount,
        to=amount if raised else None,
        cap=cap,
        beyond_range=draw(st.booleans()),
        **timing,
    )


@st.composite
def programs(draw: st.DrawFn, *, max_stages: int = 3) -> Program:
    """Valid programs: one to ``max_stages`` stages of drawn routines (small ones), schedules of
    days of the week or every few days at one or two times a day, stages that end by count, by
    days or on a report (the last may go on), up to one progression rule per change, a pain rule
    and either missed-session policy."""
    count = draw(st.integers(1, max_stages))
    stages = [
        draw(_stages(draw(routines(max_stretches=2, max_depth=2)), last=i == count - 1))
        for i in range(count)
    ]
    changes = draw(st.lists(st.sampled_from(Change), max_size=3, unique=True))
    rules = [draw(_rules(change)) for change in changes]
    hold_at = draw(st.integers(1, 10))
    return Program(
        draw(_texts()),
        stages,
        progression=rules,
        pain=PainRule(hold_at, draw(st.integers(hold_at, 10))),
        missed=draw(st.sampled_from(Missed)),
    )


@st.composite
def session_logs(
    draw: st.DrawFn, *, start: datetime.date = datetime.date(2026, 6, 1), days: int = 30
) -> SessionLog:
    """Logs of sessions from ``start`` over ``days`` days: completed or stopped, with or without
    pain before and after, effort and reports."""
    entries = []
    for _ in range(draw(st.integers(0, 12))):
        when = datetime.datetime.combine(
            start + datetime.timedelta(days=draw(st.integers(0, days - 1))),
            datetime.time(draw(st.integers(6, 21)), draw(st.sampled_from((0, 15, 30, 45)))),
        )
        completed = draw(st.integers(0, 4)) > 0
        pain = st.one_of(st.none(), st.integers(0, 10))
        entries.append(
            LogEntry(
                when,
                completed=completed,
                stopped_at=None if completed else "title",
                pain_before=draw(pain),
                pain_after=draw(pain),
                effort=draw(st.one_of(st.none(), st.sampled_from(Effort))),
                reports=draw(st.lists(st.sampled_from(Report), max_size=2, unique=True)),
            )
        )
    return SessionLog(entries)
