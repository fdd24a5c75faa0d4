"""An independent oracle: what a timeline must contain, worked out straight from the routine tree.

Nothing here calls the compiler or shares its helpers: durations, estimates, level choices, sides
and the event-id scheme are re-derived from the documented rules, so a compiler bug shows up as a
disagreement rather than being repeated here.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs

from backstretch import (
    CONDITIONS,
    FILLER_WORDS,
    Affected,
    Breath,
    Breaths,
    Caution,
    Circuit,
    CountRange,
    Duration,
    DurationRange,
    Event,
    Hold,
    Kind,
    OneSide,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Role,
    Routine,
    Side,
    Step,
    Stretch,
)

BodyNode = Step | Hold | Breath | Reps | PerSide | OneSide | Repeat | Rest

#: The documented default length of one breath (compile_routine(breath=...)).
BREATH_MS = 6000


def resolve(side: Side | Affected, affected: Side | None) -> Side:
    """The documented rule: "affected" is the declared side, "unaffected" the other one."""
    if isinstance(side, Side):
        return side
    assert affected is not None, "compile with affected= for a routine that names it"
    if side is Affected.AFFECTED:
        return affected
    return Side.RIGHT if affected is Side.LEFT else Side.LEFT


#: The documented granularity of fitting: a water level of this many steps each way.
FIT_STEPS = 1 << 20
#: A fit's remainder shorter than this lengthens the title; a longer one is a closing rest.
CLOSING_REST_MS = 3000


@attrs.frozen
class Fitted:
    """The documented fit rule's shape: every range ``water / FIT_STEPS`` of its way from where
    ``level`` puts it towards its high end (or, below 0, towards its low end); self-paced parts
    and counts of breaths stay where the level puts them."""

    level: str
    water: int


#: A level's name, or a fit's shape.
LevelLike: TypeAlias = "str | Fitted"


def pick(
    value: Duration | DurationRange | int | CountRange, level: LevelLike, *, fixed: bool = False
) -> int:
    """The documented level rule: gentle = low end, standard = middle rounded down, deep = high;
    a range with a level of its own lands there at every level. Fitted: the water level's share
    of the way on from there (``fixed``: a part fitting never moves)."""
    if isinstance(value, Duration):
        return value.ms
    if isinstance(value, int):
        return value
    low, high = (
        (value.low_ms, value.high_ms)
        if isinstance(value, DurationRange)
        else (value.low, value.high)
    )
    if isinstance(level, Fitted):
        middle = pick(value, level.level)
        water = level.water
        if fixed:
            return middle
        if water >= 0:
            return middle + water * (high - middle) // FIT_STEPS
        return middle - (-water) * (middle - low) // FIT_STEPS
    own = value.level.value if value.level is not None else level
    return {"gentle": low, "standard": (low + high) // 2, "deep": high}[own]


#: The check-ins a routine asks (Routine.ask), with their questions, before and after its items.
ASKED_BEFORE = {
    "pain_before": "Before you start: how much pain do you feel, from 0 (none) to 10 (the worst)?"
}
ASKED_AFTER = {
    "pain_after": "How much pain do you feel now, from 0 (none) to 10 (the worst)?",
    "effort": "How did that feel: easy, about right, or hard?",
}


def reps_question(count: int) -> str:
    """The check-in after a counted set."""
    return f"How many did you do? (up to {count})"


def round_question(rounds: int, until: str) -> str:
    """The check-in after a round of a Repeat that goes on until the person says."""
    return f"Another round? Up to {rounds}, until {until}"


def asked(routine: Routine, questions: dict[str, str]) -> list[tuple[Role, int]]:
    """The check-ins of ``questions`` the routine asks, in order: their roles and lengths."""
    return [(Role(ask), estimate(text)) for ask, text in questions.items() if ask in routine.ask]


def estimate(text: str) -> int:
    """The documented estimate: 1.5 s + 0.4 s a word, up to a whole second, at least 3 s."""
    words = len(text.split())
    tenths = 15 + 4 * words  # in tenths of a second
    whole_seconds = (tenths + 9) // 10
    return max(3, whole_seconds) * 1000


def announcement_text(stretch: Stretch) -> str:
    text = stretch.name
    if stretch.targets:
        text += " (targets: " + ", ".join(stretch.targets) + ")"
    if stretch.purpose:
        text += ". " + stretch.purpose
    return text


def held(hold: Hold, level: LevelLike) -> int:
    """The held time: a duration, a range resolved by the level, or breaths at the default pace."""
    if isinstance(hold.duration, Breaths):
        return pick(hold.duration.count, level, fixed=True) * BREATH_MS
    return pick(hold.duration, level, fixed=bool(hold.until))


def breath_phases(breath: Breath) -> list[tuple[Role, int]]:
    """The documented phases: in, the hold after it if any, out, the hold after that if any."""
    phases = [
        (Role.INHALE, breath.inhale),
        (Role.HOLD_IN, breath.hold),
        (Role.EXHALE, breath.exhale),
        (Role.HOLD_OUT, breath.hold_out),
    ]
    return [(role, length.ms) for role, length in phases if length is not None]


def parts(hold: Hold) -> int:
    """The documented rule: as many parts as the top of the range needs to keep each <= every."""
    if hold.breaks is None or isinstance(hold.duration, Breaths):
        return 1
    high = hold.duration.ms if isinstance(hold.duration, Duration) else hold.duration.high_ms
    count = high // hold.breaks.every.ms
    return count + (1 if count * hold.breaks.every.ms < high else 0)


def rest_ms(rest: Rest, level: LevelLike) -> int:
    """A rest's time: its duration, or its range by the level (a self-paced one never fitted)."""
    return pick(rest.duration, level, fixed=bool(rest.until))


def hold_ms(hold: Hold, level: LevelLike) -> int:
    """Held time plus one break between each two parts."""
    breaks = 0 if hold.breaks is None else (parts(hold) - 1) * hold.breaks.duration.ms
    return held(hold, level) + breaks


def reps_count(node: Reps, level: LevelLike, round_: int | None) -> int:
    """How many reps a set has: its count per round (in round ``round_`` of the Repeat around
    it), or where the level puts it (a self-paced set's stays where the level puts it)."""
    if isinstance(node.count, tuple):
        assert round_ is not None, "a count per round is inside a Repeat"
        return node.count[round_ - 1]
    return pick(node.count, level, fixed=bool(node.until))


def node_ms(node: BodyNode, level: LevelLike, round_: int | None = None) -> int:
    """How long a node lasts; ``round_``: the round of the innermost Repeat around it."""
    if isinstance(node, Step):
        return node.duration.ms if node.duration is not None else estimate(node.text)
    if isinstance(node, Hold):
        return hold_ms(node, level)
    if isinstance(node, Breath):
        return sum(ms for _, ms in breath_phases(node))
    if isinstance(node, Reps):
        per = reps_count(node, level, round_)
        asked = estimate(reps_question(per)) if node.counted else 0
        return per * (2 if node.alternate else 1) * node.tempo.ms + asked
    if isinstance(node, PerSide):
        return 2 * side_ms(node, level, round_) + node.switch.ms
    if isinstance(node, OneSide):  # its switch, when it has one, is counted by the stretch
        return sum(node_ms(n, level, round_) for n in node.body)
    if isinstance(node, Repeat):
        times = pick(node.times, level, fixed=bool(node.until))
        between = 0 if node.between is None else (times - 1) * rest_ms(node.between, level)
        rounds = range(1, times + 1)
        asked = (times - 1) * estimate(round_question(times, node.until)) if node.until else 0
        return sum(node_ms(n, level, r) for r in rounds for n in node.body) + between + asked
    return rest_ms(node, level)


def side_ms(per_side: PerSide | OneSide, level: LevelLike, round_: int | None = None) -> int:
    """How long one side of a PerSide lasts."""
    return sum(node_ms(n, level, round_) for n in per_side.body)


def opening(
    stretch: Stretch, first: bool = True, routine: Routine | None = None
) -> list[tuple[Kind, Role, str]]:
    """What opens a stretch, in order: its announcement, what it needs, its cautions (but those
    the routine gives in the same words, said before the first stretch), and its modifications
    (with what each of them needs); in a circuit's later rounds (not ``first``), its
    announcement and cautions only."""
    said = [(Kind.ANNOUNCE, Role.ANNOUNCE, announcement_text(stretch))]
    if stretch.props and first:
        said.append((Kind.ANNOUNCE, Role.PROPS, "You need: " + ", ".join(stretch.props)))
    given = {c.text for c in routine.cautions} if routine is not None else set()
    said += [(Kind.CAUTION, Role.CAUTION, c.text) for c in stretch.cautions if c.text not in given]
    for mod in stretch.modifications if first else ():
        text = f"When {mod.when}: {mod.text}" if mod.when else mod.text
        if mod.props:
            text += f" (you need: {', '.join(mod.props)})"
        said.append((Kind.MODIFICATION, Role.MODIFICATION, text))
    return said


def stretch_ms(
    stretch: Stretch,
    level: LevelLike,
    affected: Side | None = None,
    first: bool = True,
    routine: Routine | None = None,
) -> int:
    total = sum(estimate(text) for *_, text in opening(stretch, first, routine))
    switches: list[int] = []  # a OneSide or PerSide after the other side opens with a switch
    _walk_sides(stretch.body, level, [], affected, switches)
    return total + sum(node_ms(n, level) for n in stretch.body) + sum(switches)


SAFETY = (
    "Move gently and only as far as is comfortable. Stop if anything hurts, and ask a doctor or "
    "physiotherapist before going on."
)


BREATHING = (
    "Breathe gently and never force a breath. Stop if you feel dizzy, faint or short of breath, "
    "or if anything hurts, and ask a doctor before going on."
)


def safety_note(routine: Routine) -> str:
    """The documented rule: the routine's own note, else the library's for breathing when the
    routine is breathing alone (only steps, breaths, rests and repeats, a breath among them),
    else its general one."""
    if routine.safety_note:
        return routine.safety_note
    seen: set[type] = set()
    stack = [node for first in routine.stretches for s in first.chain for node in s.body]
    while stack:
        node = stack.pop()
        seen.add(type(node))
        if isinstance(node, Repeat):
            stack.extend(node.body)
    return BREATHING if Breath in seen and seen <= {Breath, Step, Rest, Repeat} else SAFETY


def _spelled(name: str, routine: Routine | None) -> str:
    """The documented spelling rule: lower case, any run of spaces, underscores and hyphens read
    as one hyphen (none at the ends); an alias (shared or the routine's own) means its condition;
    else a phrase means the condition left when its filler words ("knee pain") are set aside."""
    extra = routine.extra_conditions if routine is not None else ()
    table = {name: c.name for c in (*CONDITIONS, *extra) for name in (c.name, *c.aliases)}
    words = [w for w in re.split(r"[\s_-]+", name.lower()) if w]
    spelled = "-".join(words)
    if spelled in table:
        return table[spelled]
    kept = "-".join(w for w in words if w not in FILLER_WORDS)
    return table.get(kept, spelled)


def canonical(conditions: frozenset[str], routine: Routine | None) -> frozenset[str]:
    """The conditions a person declares with ``conditions`` (any documented spelling), and every
    condition those imply, however indirectly."""
    extra = routine.extra_conditions if routine is not None else ()
    implies = {c.name: c.implies for c in (*CONDITIONS, *extra)}
    found = {_spelled(name, routine) for name in conditions}
    grown = True
    while grown:
        more = {_spelled(i, routine) for name in found for i in implies.get(name, ())}
        grown = not more <= found
        found |= more
    return frozenset(found)


def named(cautions: tuple[Caution, ...], routine: Routine | None) -> set[str]:
    """The conditions ``cautions`` name, each read by the spelling rule (no implications: a
    caution names what it rules out)."""
    return {_spelled(name, routine) for c in cautions for name in c.conditions}


def barred(routine: Routine, conditions: frozenset[str]) -> bool:
    """Whether the routine's own cautions rule out all of it for someone with ``conditions``."""
    conditions = canonical(conditions, routine)
    return bool(named(routine.cautions, routine) & conditions)


def chosen(
    stretch: Stretch,
    conditions: frozenset[str],
    routine: Routine | None = None,
    swapped: frozenset[str] = frozenset(),
) -> Stretch | None:
    """The documented rule: the stretch, else its first alternative no declared condition bars
    and the person did not swap away (a stretch with no alternative cannot be swapped); none at
    all when the routine's own cautions bar it."""
    if routine is not None and barred(routine, conditions):
        return None
    conditions = canonical(conditions, routine)
    while stretch is not None:
        away = _slug(stretch.name) in swapped and stretch.alternative is not None
        if not away and not named(stretch.cautions, routine) & conditions:
            return stretch
        stretch = stretch.alternative  # type: ignore[assignment]
    return None


@attrs.frozen
class Played:
    """One stretch (as chosen) or rest of the routine as played, with the circuit round it is in
    (empty outside a circuit)."""

    item: Stretch | Rest
    rounds: tuple[tuple[int, int], ...] = ()
    #: A circuit's rest between two rounds (in the round it leads into).
    between: bool = False
    #: The stretch was laid (or noted) before in the same place: the routine's body, or the same
    #: round of the same circuit.
    again: bool = False

    @property
    def first(self) -> bool:
        """Whether this is a first round and a first use: a stretch's props and modifications
        are said then."""
        return not self.again and (not self.rounds or self.rounds[0][0] == 1)


def name_of(item: Stretch | Rest) -> str:
    """A stretch's name (a rest has none)."""
    assert isinstance(item, Stretch), item
    return item.name


def played(
    routine: Routine,
    conditions: frozenset[str] = frozenset(),
    level: LevelLike = "standard",
    swapped: frozenset[str] = frozenset(),
) -> list[Played]:
    """The documented rules: a circuit plays its body once a round, with its rest between rounds;
    a circuit whose every stretch is left out is left out whole."""
    out: list[Played] = []
    uses: dict[tuple[object, str], int] = {}  # (the circuit and round or None, a name): its uses

    def items(
        body: tuple[Stretch | Rest, ...], rounds: tuple[tuple[int, int], ...], where: object
    ) -> None:
        for item in body:
            if isinstance(item, Rest):
                out.append(Played(item, rounds))
                continue
            picked = chosen(item, conditions, routine, swapped)
            names = [stretch.name for stretch in item.chain]  # each may be laid or noted
            use = 1 + max(uses.get((where, name), 0) for name in names)
            uses.update(((where, name), use) for name in names)
            if picked is not None:
                out.append(Played(picked, rounds, again=use > 1))

    for index, item in enumerate(routine.body):
        if not isinstance(item, Circuit):
            items((item,), (), None)
            continue
        stretches = [s for s in item.body if isinstance(s, Stretch)]
        if all(chosen(s, conditions, routine, swapped) is None for s in stretches):
            continue
        times = pick(item.times, level)
        for number in range(1, times + 1):
            if number > 1 and item.between is not None:
                out.append(Played(item.between, ((number, times),), between=True))
            items(item.body, ((number, times),), (index, number))
    return out


def considered(
    routine: Routine,
    conditions: frozenset[str] = frozenset(),
    level: LevelLike = "standard",
    swapped: frozenset[str] = frozenset(),
) -> list[Stretch]:
    """Each stretch of the body as the compiler comes to it, before choosing: a circuit's once a
    round, or once when the circuit is left out whole."""
    out: list[Stretch] = []
    for item in routine.body:
        if isinstance(item, Stretch):
            out.append(item)
        elif isinstance(item, Circuit):
            stretches = [s for s in item.body if isinstance(s, Stretch)]
            whole = any(chosen(s, conditions, routine, swapped) is not None for s in stretches)
            out += stretches * (pick(item.times, level) if whole else 1)
    return out


def included(
    routine: Routine,
    conditions: frozenset[str] = frozenset(),
    level: LevelLike = "standard",
    swapped: frozenset[str] = frozenset(),
) -> list[Stretch | Rest]:
    """The routine's body as compiled for someone with ``conditions``: a circuit's stretches once
    a round."""
    return [p.item for p in played(routine, conditions, level, swapped)]


def total_ms(
    routine: Routine,
    level: LevelLike,
    *,
    conditions: frozenset[str] = frozenset(),
    safety: bool = True,
    affected: Side | None = None,
    swapped: frozenset[str] = frozenset(),
) -> int:
    """The routine's length in milliseconds, summed from the tree without building any event."""
    total = estimate(safety_note(routine)) if safety else 0
    total += estimate(routine.title)
    total += estimate(routine.intro) if routine.intro else 0
    total += sum(estimate(c.text) for c in routine.cautions)
    total += estimate(routine.outro) if routine.outro else 0
    total += sum(ms for _, ms in asked(routine, ASKED_BEFORE) + asked(routine, ASKED_AFTER))
    previous: object = None
    for entry in played(routine, conditions, level, swapped):
        item = entry.item
        if isinstance(item, Rest):
            total += rest_ms(item, level)
        else:
            if isinstance(previous, Stretch) and routine.rest_between is not None:
                total += routine.rest_between.ms
            total += stretch_ms(item, level, affected, entry.first, routine)
        previous = item
    return total


def fit_window(
    routine: Routine,
    level: str,
    conditions: frozenset[str] = frozenset(),
    swapped: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """The shortest and longest totals fit_to can reach: every fitted range at its low or its
    high end."""
    return (
        total_ms(routine, Fitted(level, -FIT_STEPS), conditions=conditions, swapped=swapped),
        total_ms(routine, Fitted(level, FIT_STEPS), conditions=conditions, swapped=swapped),
    )


def fitted(
    routine: Routine, level: str, target_ms: int, conditions: frozenset[str] = frozenset()
) -> tuple[Fitted, int]:
    """The documented fit rule: the highest water level whose total does not pass the target,
    and the remainder that lands it there."""
    low, high = -FIT_STEPS, FIT_STEPS
    while low < high:
        middle = (low + high + 1) // 2
        if total_ms(routine, Fitted(level, middle), conditions=conditions) <= target_ms:
            low = middle
        else:
            high = middle - 1
    shape = Fitted(level, low)
    return shape, target_ms - total_ms(routine, shape, conditions=conditions)


def _slug(name: str) -> str:
    out: list[str] = []
    for ch in name.lower():
        if ch in "'\u2019":
            continue
        out.append(ch if ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def all_stretches(routine: Routine) -> list[Stretch]:
    """Every stretch of the routine and every alternative, in tree order."""
    found: list[Stretch] = []
    for stretch in routine.stretches:
        current: Stretch | None = stretch
        while current is not None:
            found.append(current)
            current = current.alternative
    return found


def ranged_value(node: BodyNode) -> Duration | DurationRange | int | CountRange:
    """The value a level resolves for a hold (its duration, or its count of breaths), reps
    (count) or repeat (times). (Generated routines have no count per round.)"""
    if isinstance(node, Hold):
        return node.duration.count if isinstance(node.duration, Breaths) else node.duration
    if isinstance(node, Reps):
        assert not isinstance(node.count, tuple), "a count per round is no range"
        return node.count
    assert isinstance(node, Repeat), node
    return node.times


def side_blocks(
    routine: Routine, level: LevelLike, affected: Side | None = None
) -> list[tuple[str, list[Side]]]:
    """Per stretch played (a circuit's once a round), the side of every sided unit in order:
    each PerSide half, each alternating rep, each OneSide.

    Follows the documented rule: an unset ``first`` starts opposite to the side used last in the
    stretch (left at its start).
    """
    result: list[tuple[str, list[Side]]] = []
    for stretch in included(routine, frozenset(), level):
        if not isinstance(stretch, Stretch):
            continue
        sides: list[Side] = []
        _walk_sides(stretch.body, level, sides, affected, [])
        result.append((stretch.name, sides))
    return result


def _walk_sides(
    body: tuple[BodyNode, ...],
    level: LevelLike,
    sides: list[Side],
    affected: Side | None,
    switches: list[int],
    round_: int | None = None,
) -> None:
    """Append the side of every sided unit in ``body`` to ``sides``, and the length of each
    switch a OneSide opens with to ``switches``; ``round_``: the innermost Repeat's round."""
    for node in body:
        if isinstance(node, OneSide):
            side = resolve(node.side, affected)
            if sides and sides[-1] is not side:
                switches.append(node.switch.ms)
            sides.append(side)
        elif isinstance(node, PerSide) or (isinstance(node, Reps) and node.alternate):
            if node.first is not None:
                first = resolve(node.first, affected)
            elif sides:
                first = Side.LEFT if sides[-1] is Side.RIGHT else Side.RIGHT
            else:
                first = Side.LEFT
            if isinstance(node, PerSide) and sides and sides[-1] is not first:
                switches.append(node.switch.ms)  # from the other side: a switch first
            second = Side.RIGHT if first is Side.LEFT else Side.LEFT
            units = 1 if isinstance(node, PerSide) else reps_count(node, level, round_)
            sides.extend([first, second] * units)
        elif isinstance(node, Repeat):
            for number in range(1, pick(node.times, level, fixed=bool(node.until)) + 1):
                _walk_sides(node.body, level, sides, affected, switches, number)


@attrs.frozen
class Segment:
    """One segment the timeline must have, derived from the tree by the documented rules: its
    fields, and where in the tree it comes from (``node``, and ``instance``: which use of that
    node, by its place, its rounds and its side of a PerSide)."""

    stretch: str | None
    kind: Kind
    role: Role
    duration_ms: int
    side: Side | None
    rounds: tuple[tuple[int, int], ...]
    rep: tuple[int, int] | None
    part: tuple[int, int] | None
    #: The last segment of a self-paced part (a step, hold or reps with ``until``).
    open: bool = False
    node: object = attrs.field(eq=False, default=None)
    instance: tuple[object, ...] = attrs.field(eq=False, default=())
    #: For a segment inside a PerSide: that PerSide's instance and 0 (first side) or 1 (second).
    half: tuple[object, ...] | None = attrs.field(eq=False, default=None)
    #: Every Repeat around it, outer to inner: (the Repeat node, which use of it).
    repeats: tuple[tuple[object, object], ...] = attrs.field(eq=False, default=())
    #: For a segment inside a OneSide: that OneSide's instance.
    one: tuple[object, ...] | None = attrs.field(eq=False, default=None)

    def fields(self) -> tuple[object, ...]:
        return (
            self.stretch,
            self.kind,
            self.role,
            self.duration_ms,
            self.side,
            self.rounds,
            self.rep,
            self.part,
            self.open,
        )


def fields_of(event: Event) -> tuple[object, ...]:
    """A compiled segment's fields, in the order of ``Segment.fields``."""
    return (
        event.stretch,
        event.kind,
        event.role,
        event.duration_ms,
        event.side,
        tuple((p.index, p.count) for p in event.rounds),
        None if event.rep is None else (event.rep.index, event.rep.count),
        None if event.part is None else (event.part.index, event.part.count),
        event.open,
    )


def split(total: int, parts: int) -> list[int]:
    """The documented split: equal parts adding up exactly, the larger ones first."""
    base = total // parts
    extra = total - base * parts
    return [base + 1 if i < extra else base for i in range(parts)]


class _Walk:
    def __init__(self, level: LevelLike, stretch: str, affected: Side | None = None) -> None:
        self.level = level
        self.affected = affected
        self.stretch = stretch
        self.out: list[Segment] = []
        self.last_side: Side | None = None

    def add(self, kind: Kind, role: Role, ms: int, side: Side | None, **more: object) -> None:
        self.out.append(Segment(self.stretch, kind, role, ms, side, **more))  # type: ignore[arg-type]

    def next_side(self) -> Side:
        return Side.LEFT if self.last_side is not Side.LEFT else Side.RIGHT

    def body(
        self,
        body: tuple[BodyNode, ...],
        path: tuple[object, ...],
        rounds: tuple[tuple[int, int], ...],
        side: Side | None,
        half: tuple[object, ...] | None,
        repeats: tuple[tuple[object, object], ...] = (),
    ) -> None:
        for index, node in enumerate(body):
            where = (*path, index)
            instance = (where, rounds, half)
            common = {
                "rounds": rounds,
                "node": node,
                "instance": instance,
                "half": half,
                "repeats": repeats,
            }
            if isinstance(node, Step):
                ms = node.duration.ms if node.duration is not None else estimate(node.text)
                self.add(
                    Kind.STEP,
                    Role.STEP,
                    ms,
                    side,
                    rep=None,
                    part=None,
                    open=bool(node.until),
                    **common,
                )
            elif isinstance(node, Rest):
                ms = rest_ms(node, self.level)
                waits = bool(node.until)
                self.add(Kind.REST, Role.REST, ms, side, rep=None, part=None, open=waits, **common)
            elif isinstance(node, Hold):
                count = parts(node)
                for number, ms in enumerate(split(held(node, self.level), count), 1):
                    if number > 1 and node.breaks is not None:
                        ms_break = node.breaks.duration.ms
                        self.add(
                            Kind.BREAK, Role.BREAK, ms_break, side, rep=None, part=None, **common
                        )
                    part = (number, count) if count > 1 else None
                    waits = bool(node.until) and number == count
                    self.add(
                        Kind.HOLD, Role.HOLD, ms, side, rep=None, part=part, open=waits, **common
                    )
            elif isinstance(node, Breath):
                for role, ms in breath_phases(node):
                    self.add(Kind.BREATH, role, ms, side, rep=None, part=None, **common)
            elif isinstance(node, Reps):
                count = reps_count(node, self.level, rounds[-1][0] if rounds else None)
                if node.alternate:
                    first = resolve(node.first, self.affected) if node.first else self.next_side()
                    second = Side.RIGHT if first is Side.LEFT else Side.LEFT
                    sides = [(s, k) for k in range(1, count + 1) for s in (first, second)]
                    self.last_side = second
                else:
                    sides = [(side, k) for k in range(1, count + 1)]  # type: ignore[misc]
                for number, (rep_side, k) in enumerate(sides, 1):
                    self.add(
                        Kind.REP,
                        Role.REP,
                        node.tempo.ms,
                        rep_side,
                        rep=(k, count),
                        part=None,
                        open=bool(node.until) and number == len(sides),
                        **common,
                    )
                if node.counted:
                    ms = estimate(reps_question(count))
                    self.add(
                        Kind.CHECK_IN,
                        Role.REPS_COUNTED,
                        ms,
                        None if node.alternate else side,
                        rep=None,
                        part=None,
                        open=True,
                        **common,
                    )
            elif isinstance(node, OneSide):
                only = resolve(node.side, self.affected)
                if self.last_side is not None and self.last_side is not only:
                    self.add(
                        Kind.SWITCH,
                        Role.SWITCH,
                        node.switch.ms,
                        only,
                        rep=None,
                        part=None,
                        **common,
                    )
                inner = _Walk(self.level, self.stretch, self.affected)
                inner.body(node.body, (*where, "one"), rounds, only, None, repeats)
                self.out += [attrs.evolve(s, one=instance) for s in inner.out]
                self.last_side = only
            elif isinstance(node, PerSide):
                first = resolve(node.first, self.affected) if node.first else self.next_side()
                second = Side.RIGHT if first is Side.LEFT else Side.LEFT
                if self.last_side is not None and self.last_side is not first:
                    self.add(
                        Kind.SWITCH,
                        Role.SWITCH,
                        node.switch.ms,
                        first,
                        rep=None,
                        part=None,
                        **common,
                    )
                self.body(node.body, (*where, "first"), rounds, first, (instance, 0), repeats)
                self.add(
                    Kind.SWITCH, Role.SWITCH, node.switch.ms, second, rep=None, part=None, **common
                )
                self.body(node.body, (*where, "second"), rounds, second, (instance, 1), repeats)
                self.last_side = second
            else:
                times = pick(node.times, self.level, fixed=bool(node.until))
                inside = (*repeats, (node, instance))
                for number in range(1, times + 1):
                    # A rest between two rounds belongs to the round it leads into.
                    if number > 1 and node.between is not None:
                        self.add(
                            Kind.REST,
                            Role.REST_BETWEEN,
                            rest_ms(node.between, self.level),
                            side,
                            rep=None,
                            part=None,
                            open=bool(node.between.until),
                            **{
                                **common,
                                "node": node.between,
                                "rounds": (*rounds, (number, times)),
                                "repeats": inside,
                            },
                        )
                    self.body(node.body, where, (*rounds, (number, times)), side, half, inside)
                    if node.until and number < times:  # another round, or enough?
                        self.add(
                            Kind.CHECK_IN,
                            Role.ANOTHER_ROUND,
                            estimate(round_question(times, node.until)),
                            side,
                            rep=None,
                            part=None,
                            open=True,
                            **{**common, "rounds": (*rounds, (number, times)), "repeats": inside},
                        )


def segments(
    routine: Routine,
    level: LevelLike,
    conditions: frozenset[str] = frozenset(),
    *,
    safety: bool = True,
    affected: Side | None = None,
    filler_ms: int = 0,
    swapped: frozenset[str] = frozenset(),
) -> list[Segment]:
    """Every segment of the compiled routine, in order, from the tree and the documented rules
    (``filler_ms``: a fit's remainder, on the title or as a closing rest)."""
    out: list[Segment] = []

    def routine_part(kind: Kind, role: Role, ms: int) -> None:
        out.append(Segment(None, kind, role, ms, None, (), None, None))

    if safety:
        routine_part(Kind.CAUTION, Role.SAFETY_NOTE, estimate(safety_note(routine)))
    short = filler_ms if filler_ms < CLOSING_REST_MS else 0
    routine_part(Kind.TITLE, Role.TITLE, estimate(routine.title) + short)
    if routine.intro:
        routine_part(Kind.ANNOUNCE, Role.INTRO, estimate(routine.intro))
    for caution in routine.cautions:
        routine_part(Kind.CAUTION, Role.CAUTION, estimate(caution.text))
    for role, ms in asked(routine, ASKED_BEFORE):
        out.append(Segment(None, Kind.CHECK_IN, role, ms, None, (), None, None, open=True))
    previous: object = None
    for use, entry in enumerate(played(routine, conditions, level, swapped)):
        item, rounds = entry.item, entry.rounds
        if isinstance(item, Rest):
            role = Role.REST_BETWEEN if entry.between else Role.REST
            ms, waits = rest_ms(item, level), bool(item.until)
            out.append(Segment(None, Kind.REST, role, ms, None, rounds, None, None, open=waits))
        else:
            if isinstance(previous, Stretch) and routine.rest_between is not None:
                ms = routine.rest_between.ms
                out.append(
                    Segment(None, Kind.REST, Role.REST_BETWEEN, ms, None, rounds, None, None)
                )
            walk = _Walk(level, item.name, affected)
            for kind, role, text in opening(item, entry.first, routine):
                walk.add(kind, role, estimate(text), None, rounds=rounds, rep=None, part=None)
            # Its place in the walk: the stretch, its round, and which played item it is (one
            # stretch may be played more than once).
            walk.body(item.body, (item.name, rounds, use), rounds, None, None)
            out.extend(walk.out)
        previous = item
    if filler_ms >= CLOSING_REST_MS:
        routine_part(Kind.REST, Role.REST, filler_ms)
    for role, ms in asked(routine, ASKED_AFTER):
        out.append(Segment(None, Kind.CHECK_IN, role, ms, None, (), None, None, open=True))
    if routine.outro:
        routine_part(Kind.ANNOUNCE, Role.OUTRO, estimate(routine.outro))
    return out
