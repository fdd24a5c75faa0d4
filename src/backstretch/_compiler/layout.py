"""The second pass: the timed walk. The chosen routine laid out on one clock: every segment at its
time, the chapters, the stretches table, and the places where cues may go (sites), in the order the
walk reached them.

``layout`` lays out for a timeline; ``measure`` walks the same way keeping only the clock, the
fitted holds and counts it met (what fitting searches over). What is scoped to a node (the id
prefix, the stretch, the rounds, the LocalCues in force) is a ``Place`` passed down; what flows from
one node to the next (the clock, the side last worked, the last segment) is a ``Cursor``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

import attrs

from .._base.kinds import Affected, Kind, Role, Side
from .._base.memo import IdentityMemo
from .._base.time import Breaths, CountRange, Duration, DurationRange, Level, split_ms
from .._dsl.check import slug
from .._dsl.nodes import (
    REST_TEXT,
    BodyNode,
    Breath,
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
from .._timeline.messages import LibraryWords, render_message
from .._timeline.timeline import (
    CautionInfo,
    Chapter,
    Event,
    Message,
    ModificationInfo,
    Position,
    StretchInfo,
)
from ..exceptions import InvalidValueError
from .choose import Chosen, ChosenCircuit, Plan, SkipNote, message
from .localize import fill
from .options import Options, estimate_ms

__all__ = [
    "CLOSING_REST_MS",
    "Countdown",
    "HoldCues",
    "Layout",
    "Measured",
    "NextUp",
    "Place",
    "Shape",
    "Site",
    "SwitchPrompt",
    "announcement",
    "describe_modification",
    "layout",
    "marker",
    "measure",
]

#: A fit's remainder shorter than this lengthens the title; a longer one is a closing rest.
CLOSING_REST_MS = 3000
#: How finely fitting moves ranges: a water level from -STEPS (every range at its low end) through
#: 0 (where the level puts it) to STEPS (every range at its high end).
STEPS = 1 << 20


@attrs.frozen
class Shape:
    """Where every fitted range lands: ``water`` from -STEPS (low ends) through 0 (the level's
    values) to STEPS (high ends), each range moving by the same fraction of its way there."""

    water: int

    def value(self, low: int, middle: int, high: int) -> int:
        if self.water >= 0:
            return middle + self.water * (high - middle) // STEPS
        return middle - (-self.water) * (middle - low) // STEPS


class Place(NamedTuple):
    """Where a node is laid: its id prefix (a circuit's round), its stretch, the rounds around it,
    and what the LocalCues around it allow (countdown, halfway, hold cues). A tuple: one is made
    for every round of a Repeat, and a tuple is made fastest."""

    prefix: str = ""
    stretch: str | None = None
    stretch_id: str | None = None
    rounds: tuple[Position, ...] = ()
    local: tuple[bool, bool, bool] = (True, True, True)


@attrs.frozen
class NextUp:
    """Room for a "Next up" preview of stretch ``name`` before it starts, as segment ``before``
    ends: in that segment, or in the previous stretch's from ``since_ms`` (after its last breath
    phase or self-paced part)."""

    id: str
    name: str
    key: str
    before: Event
    since_ms: int


@attrs.frozen
class SwitchPrompt:
    """Room for the prompt to get ready for the switch to ``to``, from ``since_ms`` to ``at_ms``."""

    id: str
    since_ms: int
    at_ms: int
    to: Side
    place: Place


@attrs.frozen
class Countdown:
    """Room for countdown ticks before a part of a hold starting at ``at_ms``: none before
    ``lead_in_ms`` (the end of the last hold, rep or self-paced part). ``longest_ms``: the part
    at the hold's longest (the same at every level); ``allowed``: whether the person gets ready
    here (see ``_gets_ready``) and LocalCues let ticks be."""

    id: str
    at_ms: int
    lead_in_ms: int
    longest_ms: int
    allowed: bool
    side: Side | None
    part: Position | None
    place: Place


@attrs.frozen
class HoldCues:
    """A laid-out hold, for its own cue (``cue``: the text filled and its template; None when it
    has none or LocalCues quiet it) and a "Halfway" (``halfway``: whether one may be given)."""

    path: str
    held_ms: int
    starts: tuple[int, ...]
    parts: tuple[int, ...]
    cue: tuple[str, str | None] | None
    halfway: bool
    side: Side | None
    place: Place


Site = NextUp | SwitchPrompt | Countdown | HoldCues


@attrs.frozen
class Layout:
    """A laid-out routine: segments and skip notes (Events) with the sites for cues between them,
    in the order the walk reached them; the chapters, the stretches table, and the author's texts
    behind filled or joined ones (by event id, for translating them)."""

    total_ms: int
    stream: tuple[Event | Site, ...]
    chapters: tuple[Chapter, ...]
    stretches: tuple[StretchInfo, ...]
    sources: dict[str, tuple[str, ...]]
    last_start_ms: int
    #: Whether skip notes lie at the very end, where no player has time for them (the routine's
    #: last stretches left out): compile moves them to the start of the last segment.
    trailing_notes: bool


@attrs.frozen
class Measured:
    """What a measuring walk found: the total, each fitted hold range (low, the level's value,
    high) with how many times it was laid out, and the fitted count ranges met."""

    total_ms: int
    holds: dict[tuple[int, int, int], int]
    counts: frozenset[tuple[int, int, int]]


class Cursor:
    """What flows from one node to the next in one walk: the clock, where a countdown may start,
    the side last worked and the last segment; and what has been laid out (nothing when
    measuring)."""

    __slots__ = (
        "chapters",
        "counted",
        "counts",
        "holds",
        "language",
        "last_segment",
        "last_side",
        "lead_in_ms",
        "listed",
        "note_ms",
        "now_ms",
        "options",
        "quiet_from_ms",
        "shape",
        "sources",
        "stream",
        "stretch_start_ms",
        "stretches",
        "uses",
    )

    def __init__(self, options: Options, shape: Shape | None, language: str, laying: bool) -> None:
        self.options = options
        self.shape = shape
        self.language = language  # the routine's: its {side} words are filled in it
        self.now_ms = 0
        self.lead_in_ms = 0
        # Where the last stretch started (None before the first), and the end of its last breath
        # phase or self-paced part: a preview of the next stretch goes after both.
        self.stretch_start_ms: int | None = None
        self.quiet_from_ms = 0
        # How often each stretch has been laid where ids have the same prefix.
        self.uses: dict[tuple[str, str], int] = {}
        # The holds (and sides) of the current stretch counted down to already.
        self.counted: set[tuple[int, Side | None]] = set()
        self.last_side: Side | None = None
        self.last_segment: Event | None = None
        self.stream: list[Event | Site] | None = [] if laying else None
        self.chapters: list[Chapter] = []
        self.stretches: list[StretchInfo] = []
        self.listed: set[str] = set()
        self.sources: dict[str, tuple[str, ...]] = {}
        # What fitting needs, kept only when measuring.
        self.holds: Counter[tuple[int, int, int]] | None = None if laying else Counter()
        self.counts: set[tuple[int, int, int]] | None = None if laying else set()
        # Whether a skip note lies where the clock is now (see Layout.trailing_notes).
        self.note_ms = -1


def layout(
    routine: Routine, plan: Plan, options: Options, shape: Shape | None = None, filler_ms: int = 0
) -> Layout:
    """Lay ``plan`` out; ``shape``: where fitted ranges land (None: where the level puts them);
    ``filler_ms``: the remainder of a fit, under 3 s added to the title, else a closing rest."""
    at = Cursor(options, shape, routine.language, laying=True)
    _routine(at, routine, plan, filler_ms)
    assert at.stream is not None
    last_start_ms = at.now_ms if at.last_segment is None else at.last_segment.start_ms
    end = message("end", title=routine.title)
    _marker(at, Place(), "end", at.now_ms, Kind.END, Role.END, render_message(end), None, end)
    return Layout(
        at.now_ms,
        tuple(at.stream),
        tuple(at.chapters),
        tuple(at.stretches),
        at.sources,
        last_start_ms,
        at.note_ms == at.now_ms,
    )


def measure(routine: Routine, plan: Plan, options: Options, shape: Shape) -> Measured:
    """How long ``plan`` takes with its ranges shaped so, laying nothing out."""
    at = Cursor(options, shape, routine.language, laying=False)
    _routine(at, routine, plan, 0)
    assert at.holds is not None
    assert at.counts is not None
    return Measured(at.now_ms, dict(at.holds), frozenset(at.counts))


#: The words of a segment measured, not laid out: nobody reads them.
_UNSAID: tuple[str, None, None] = ("", None, None)
_BREATH_PHASES = {
    name: (Role(name), Message(name), render_message(Message(name)))
    for name in ("inhale", "hold_in", "exhale", "hold_out")
}
_REST = Message("rest")
_CLOSING = Message("closing_rest")
_SWITCH = {side: message("switch", side=side.value) for side in Side}

#: The segments no countdown tick may fall inside: the person is holding, moving or breathing.
_HELD_KINDS = frozenset({Kind.HOLD, Kind.REP, Kind.BREATH})


def _segment(
    at: Cursor,
    place: Place,
    id: str,
    duration_ms: int,
    kind: Kind,
    role: Role,
    text: str,
    side: Side | None,
    *,
    message: Message | None = None,
    template: str | None = None,
    rep: Position | None = None,
    part: Position | None = None,
    until_source: str = "",
    breaths: int | None = None,
) -> None:
    """A segment now; ``until_source`` is what a self-paced part waits for, as the author wrote
    it (filled here, the source kept for translating it)."""
    if at.stream is not None:
        until, until_template = (
            _fill(at, place, until_source, side) if until_source else (None, None)
        )
        if until_template is not None:
            at.sources[place.prefix + id] = (until_template,)
        # Written out, not through a helper with **fields like ``marker``: this runs for every
        # segment of every compile, and a call that spreads a dict costs measurably more.
        event = Event(
            place.prefix + id,
            at.now_ms,
            duration_ms,
            kind,
            text,
            side,
            place.stretch,
            role=role,
            stretch_id=place.stretch_id,
            rounds=place.rounds,
            rep=rep,
            part=part,
            message=message,
            template=template,
            until=until,
            breaths=breaths,
        )
        at.stream.append(event)
        at.last_segment = event
    at.now_ms += duration_ms
    if kind in _HELD_KINDS or until_source or kind is Kind.CHECK_IN:
        at.lead_in_ms = at.now_ms
    if kind is Kind.BREATH or until_source or kind is Kind.CHECK_IN:
        at.quiet_from_ms = at.now_ms


def marker(
    place: Place,
    id: str,
    at_ms: int,
    kind: Kind,
    role: Role,
    text: str,
    side: Side | None,
    message: Message | None,
    **fields: Any,
) -> Event:
    """A marker (a cue, a skip note, the end) at ``at_ms`` in ``place``; ``fields``: the rest of
    the event's (tick, part, target, template)."""
    return Event(
        place.prefix + id,
        at_ms,
        0,
        kind,
        text,
        side,
        place.stretch,
        role=role,
        stretch_id=place.stretch_id,
        rounds=place.rounds,
        message=message,
        **fields,
    )


def _marker(
    at: Cursor,
    place: Place,
    id: str,
    at_ms: int,
    kind: Kind,
    role: Role,
    text: str,
    side: Side | None,
    message: Message | None,
    *,
    target: str | None = None,
) -> None:
    if at.stream is not None:
        at.stream.append(marker(place, id, at_ms, kind, role, text, side, message, target=target))


def _site(at: Cursor, site: Site) -> None:
    if at.stream is not None:
        at.stream.append(site)


def _fill(at: Cursor, place: Place, text: str, side: Side | None) -> tuple[str, str | None]:
    """The author's text with ``{side}`` and ``{other}`` filled with ``side`` and its other, and
    ``{round}`` and ``{rounds}`` with the innermost round; and the text as written (the template)
    when it had any of them, else None."""
    if "{" not in text or (side is None and not place.rounds):
        return text, None
    filled = fill(text, side, place.rounds[-1] if place.rounds else None, at.language)
    return filled, (text if filled != text else None)


def _count(at: Cursor, value: int | CountRange, *, fitted: bool = True) -> int:
    """Rounds or reps: where the level puts a range, or a fit's shape (not ``fitted``: a
    self-paced part's, which keeps the level's)."""
    if not isinstance(value, CountRange):
        return value
    level_count = value.at(at.options.level)
    if at.shape is None or not fitted:
        return level_count
    if at.counts is not None:
        at.counts.add((value.low, level_count, value.high))
    return at.shape.value(value.low, level_count, value.high)


def _held_ms(at: Cursor, hold: Hold) -> int:
    duration = hold.duration
    if isinstance(duration, Breaths):  # counted, never fitted
        count = duration.count
        level: Level = at.options.level
        return (count if isinstance(count, int) else count.at(level)) * at.options.breath_ms
    return _ranged_ms(at, duration, self_paced=bool(hold.until))


def _ranged_ms(at: Cursor, duration: Duration | DurationRange, *, self_paced: bool) -> int:
    """How long a hold or rest lasts: its duration, or its range where the level puts it, moved
    by a fit (never a self-paced one's: it is the least time)."""
    if isinstance(duration, Duration):
        return duration.ms
    level_ms = duration.at(at.options.level)
    if self_paced or at.shape is None:
        return level_ms
    if at.holds is not None:
        at.holds[duration.low_ms, level_ms, duration.high_ms] += 1
    return at.shape.value(duration.low_ms, level_ms, duration.high_ms)


def _routine(at: Cursor, routine: Routine, plan: Plan, filler_ms: int) -> None:
    top = Place()
    note = at.options.safety_note
    if note is not None:
        said = Message(note.key) if isinstance(note, LibraryWords) else None
        _segment(
            at,
            top,
            "safety",
            estimate_ms(note),
            Kind.CAUTION,
            Role.SAFETY_NOTE,
            str(note),  # a plain text in the timeline, the library's words or not
            None,
            message=said,
        )
    # A fit's remainder under 3 s lengthens the title: nobody notices, nothing is copied.
    short = filler_ms if filler_ms < CLOSING_REST_MS else 0
    title = routine.title
    _segment(at, top, "title", estimate_ms(title) + short, Kind.TITLE, Role.TITLE, title, None)
    for i, said in enumerate(at.options.session):
        words = render_message(said)
        _segment(
            at,
            top,
            f"session{i}",
            estimate_ms(words),
            Kind.ANNOUNCE,
            Role.SESSION,
            words,
            None,
            message=said,
        )
    if routine.intro:
        intro = routine.intro
        _segment(at, top, "intro", estimate_ms(intro), Kind.ANNOUNCE, Role.INTRO, intro, None)
    for i, caution in enumerate(routine.cautions):
        text = caution.text
        _segment(at, top, f"caution{i}", estimate_ms(text), Kind.CAUTION, Role.CAUTION, text, None)
    _check_ins(at, routine, ("pain_before",))
    previous: Stretch | Rest | None = None
    for index, entry in enumerate(plan):
        if isinstance(entry, ChosenCircuit):
            previous = _circuit(at, entry, index, routine, previous)
        else:
            previous = _item(at, top, entry, index, routine, previous)
    if filler_ms >= CLOSING_REST_MS:  # a fit's longer remainder: rest at the end
        closing = render_message(_CLOSING)
        _segment(
            at,
            top,
            "closing-rest",
            filler_ms,
            Kind.REST,
            Role.REST,
            closing,
            None,
            message=_CLOSING,
        )
    _check_ins(at, routine, ("pain_after", "effort"))
    if routine.outro:
        outro = routine.outro
        _segment(at, top, "outro", estimate_ms(outro), Kind.ANNOUNCE, Role.OUTRO, outro, None)


#: The check-ins a routine asks (``Routine.ask``): their message and role.
_ASKED = {
    "pain_before": (Message("check_in_pain_before"), Role.PAIN_BEFORE),
    "pain_after": (Message("check_in_pain_after"), Role.PAIN_AFTER),
    "effort": (Message("check_in_effort"), Role.EFFORT),
}


def _check_ins(at: Cursor, routine: Routine, asks: tuple[str, ...]) -> None:
    """The check-ins of ``asks`` that the routine asks, each a segment the player waits on."""
    for ask in asks:
        if ask in routine.ask:
            said, role = _ASKED[ask]
            words = render_message(said)
            _segment(
                at,
                Place(),
                f"ask-{ask.replace('_', '-')}",
                estimate_ms(words),
                Kind.CHECK_IN,
                role,
                words,
                None,
                message=said,
            )


def _item(
    at: Cursor,
    place: Place,
    chosen: Chosen,
    index: int,
    routine: Routine,
    previous: Stretch | Rest | None,
) -> Stretch | Rest | None:
    """A rest, or a stretch (its alternative, or a skip note) with the routine's rest before it;
    what comes last now, for the next one."""
    item, played = chosen.item, chosen.played
    if isinstance(item, Rest):
        _rest(at, place, item, f"rest{index}", None)
        return item
    place, use = _use(at, place, item)
    _skip_notes(at, place, chosen.notes)
    if not isinstance(played, Stretch):
        return previous
    if isinstance(previous, Stretch) and routine.rest_between is not None:
        _segment(
            at,
            place,
            f"rest-before-{slug(played.name)}",
            routine.rest_between.ms,
            Kind.REST,
            Role.REST_BETWEEN,
            str(REST_TEXT),
            None,
            message=_REST,
        )
    _stretch(at, place, played, routine, again=use > 1)
    return played


def _use(at: Cursor, place: Place, stretch: Stretch) -> tuple[Place, int]:
    """Which use of ``stretch`` this is where ids share ``place``'s prefix, and the place for it:
    a stretch laid (or noted) again has ids that say so ("use2/..."). The stretch or any of its
    alternatives may be laid or noted here, and each may be used in its own place too."""
    names = [s.name for s in stretch.chain]
    use = 1 + max(at.uses.get((place.prefix, name), 0) for name in names)
    for name in names:
        at.uses[place.prefix, name] = use
    return (place._replace(prefix=f"{place.prefix}use{use}/") if use > 1 else place), use


def _skip_notes(at: Cursor, place: Place, notes: tuple[SkipNote, ...]) -> None:
    for note in notes:
        at.note_ms = at.now_ms
        id = f"skip-{note.key}"
        at.sources[place.prefix + id] = note.sources
        text = render_message(note.message)
        _marker(
            at,
            place,
            id,
            at.now_ms,
            Kind.SKIP,
            note.role,
            text,
            None,
            note.message,
            target=note.target,
        )


def _circuit(
    at: Cursor,
    entry: ChosenCircuit,
    index: int,
    routine: Routine,
    previous: Stretch | Rest | None,
) -> Stretch | Rest | None:
    """The circuit's rounds, each a round of its body, with its rest between them. A circuit
    whose every stretch is left out is left out whole, its skip notes saying why."""
    circuit = entry.circuit
    if not entry.played:
        for chosen in entry.body:
            place = Place(prefix=f"circuit{index}/")
            if isinstance(chosen.item, Stretch):
                place, _ = _use(at, place, chosen.item)
            _skip_notes(at, place, chosen.notes)
        return previous
    times = _count(at, circuit.times)
    for round_ in range(times):
        rounds = (Position(round_ + 1, times),)
        if round_ and circuit.between is not None:
            between = Place(prefix=f"circuit{index}/", rounds=rounds)
            _rest(at, between, circuit.between, f"between{round_}", None, Role.REST_BETWEEN)
            previous = circuit.between
        place = Place(prefix=f"circuit{index}/r{round_}/", rounds=rounds)
        for number, chosen in enumerate(entry.body):
            previous = _item(at, place, chosen, number, routine, previous)
    return previous


def announcement(stretch: Stretch) -> tuple[str, Message | None]:
    """What is said as a stretch begins: its name, what it targets, and why it helps."""
    targets = tuple(stretch.targets)
    if targets and stretch.purpose:
        said = message(
            "announce_targets_purpose", name=stretch.name, targets=targets, purpose=stretch.purpose
        )
    elif targets:
        said = message("announce_targets", name=stretch.name, targets=targets)
    elif stretch.purpose:
        said = message("announce_purpose", name=stretch.name, purpose=stretch.purpose)
    else:
        return stretch.name, None
    return render_message(said), said


def describe_modification(mod: Modification) -> tuple[str, Message | None]:
    """What a person reads for a modification: the variant, when to use it, and what it needs."""
    if mod.when and mod.props:
        said = message(
            "modification_when_props", when=mod.when, text=mod.text, props=tuple(mod.props)
        )
    elif mod.when:
        said = message("modification_when", when=mod.when, text=mod.text)
    elif mod.props:
        said = message("modification_props", text=mod.text, props=tuple(mod.props))
    else:
        return mod.text, None
    return render_message(said), said


def _stretch(
    at: Cursor, outer: Place, stretch: Stretch, routine: Routine, *, again: bool = False
) -> None:
    """A stretch laid out; ``again``: the routine has done it before (at this level)."""
    key = slug(stretch.name)
    before = at.last_segment
    # A preview only after another stretch (the first is named by its announcement alone), and
    # not of a stretch done instead of another: its skip note has just named it.
    previewed = at.stretch_start_ms is not None and at.note_ms != at.now_ms
    if previewed and before is not None and not before.open:
        since_ms = max(at.stretch_start_ms or 0, at.quiet_from_ms)
        _site(at, NextUp(f"{outer.prefix}next-up-{key}", stretch.name, key, before, since_ms))
    start_ms = at.lead_in_ms = at.stretch_start_ms = at.now_ms
    place = Place(outer.prefix, stretch.name, key, outer.rounds, outer.local)
    if at.stream is not None and key not in at.listed:
        at.listed.add(key)
        at.stretches.append(_stretch_info(stretch, key, routine))
    at.last_side = None
    at.counted = set()
    # In a circuit's later rounds, or done again, the person has what the stretch needs and
    # knows its modifications; its cautions come before it every time, but for one the routine
    # itself gives in the very same words (said once, before the first stretch).
    first_round = not again and (not outer.rounds or outer.rounds[0].index == 1)
    routine_cautions = _routine_cautions(routine)
    for suffix, duration_ms, kind, role, text, said, every_round in _opening(stretch):
        if kind is Kind.CAUTION and text in routine_cautions:
            continue
        if every_round or first_round:
            _segment(
                at, place, f"{key}/{suffix}", duration_ms, kind, role, text, None, message=said
            )
    inner = Place(outer.prefix, stretch.name, key, outer.rounds, _under(outer.local, stretch.cues))
    _body(at, inner, stretch.body, key, None)
    if at.stream is not None:
        round_ = outer.rounds[0] if outer.rounds else None
        at.chapters.append(Chapter(stretch.name, key, start_ms, at.now_ms - start_ms, round=round_))


def _routine_cautions(routine: Routine) -> frozenset[str]:
    """The texts of the routine's own cautions."""
    return frozenset(c.text for c in routine.cautions) if routine.cautions else frozenset()


_Said = tuple[str, int, Kind, Role, str, Message | None, bool]
#: What opens each stretch (stretches are immutable: see _base.memo).
_OPENINGS: IdentityMemo[Stretch, tuple[_Said, ...]] = IdentityMemo()


def _opening(stretch: Stretch) -> tuple[_Said, ...]:
    """What is said as a stretch begins, in order: its announcement, what it needs, its cautions
    and its modifications; each with its id suffix, its time, kind, role, text and message, and
    whether it is said in every round of a circuit (the cautions) or only in the first."""
    found = _OPENINGS.get(stretch)
    if found is not None:
        return found
    said: list[tuple[str, Kind, Role, str, Message | None, bool]] = []
    said.append(("announce", Kind.ANNOUNCE, Role.ANNOUNCE, *announcement(stretch), True))
    if stretch.props:
        needs = message("props", props=tuple(stretch.props))
        said.append(("props", Kind.ANNOUNCE, Role.PROPS, render_message(needs), needs, False))
    for i, caution in enumerate(stretch.cautions):
        said.append((f"caution{i}", Kind.CAUTION, Role.CAUTION, caution.text, None, True))
    for i, mod in enumerate(stretch.modifications):
        words = describe_modification(mod)
        said.append((f"modification{i}", Kind.MODIFICATION, Role.MODIFICATION, *words, False))
    found = tuple(
        (suffix, estimate_ms(text), kind, role, text, message_, every)
        for suffix, kind, role, text, message_, every in said
    )
    _OPENINGS.put(stretch, found)
    return found


#: Each stretch's entry in the timeline's table (stretches are immutable: see _base.memo).
_INFOS: IdentityMemo[Stretch, StretchInfo] = IdentityMemo()


def _stretch_info(stretch: Stretch, key: str, routine: Routine) -> StretchInfo:
    """The stretch as a timeline's table has it, made once per stretch object (and routine
    vocabulary: its cautions' conditions are read by it)."""
    known = routine.extra_conditions
    info = _INFOS.get(stretch, known)
    if info is None:
        info = StretchInfo(
            key,
            stretch.name,
            stretch.purpose,
            stretch.targets,
            stretch.props,
            tuple(CautionInfo(c.text, tuple(sorted(routine.named([c])))) for c in stretch.cautions),
            tuple(ModificationInfo(m.text, m.when, m.props) for m in stretch.modifications),
        )
        _INFOS.put(stretch, info, known)
    return info


def _body(
    at: Cursor, place: Place, nodes: tuple[BodyNode, ...], path: str, side: Side | None
) -> None:
    for index, node in enumerate(nodes):
        _node(at, place, node, f"{path}/{index}", side)


def _node(at: Cursor, place: Place, node: BodyNode, path: str, side: Side | None) -> None:
    if isinstance(node, Step):
        text = node.text
        duration_ms = node.duration.ms if node.duration else estimate_ms(text)
        text, template = _fill(at, place, text, side) if "{" in text else (text, None)
        _segment(
            at,
            place,
            path,
            duration_ms,
            Kind.STEP,
            Role.STEP,
            text,
            side,
            template=template,
            until_source=node.until,
        )
    elif isinstance(node, Hold):
        _hold(at, place, node, path, side)
    elif isinstance(node, Breath):
        for name, length, own in node.said_phases:
            role, phase_said, text = _BREATH_PHASES[name]
            said: Message | None = phase_said
            template = None
            if own:  # the author's words for the phase, filled
                (text, template), said = _fill(at, place, own, side), None
            _segment(
                at,
                place,
                f"{path}/{name}",
                length.ms,
                Kind.BREATH,
                role,
                text,
                side,
                message=said,
                template=template,
            )
    elif isinstance(node, Reps):
        _reps(at, place, node, path, side)
    elif isinstance(node, PerSide):
        _per_side(at, place, node, path)
    elif isinstance(node, OneSide):
        _one_side(at, place, node, path)
    elif isinstance(node, Repeat):
        _repeat(at, place, node, path, side)
    else:
        _rest(at, place, node, path, side)


def _repeat(at: Cursor, place: Place, node: Repeat, path: str, side: Side | None) -> None:
    times = _count(at, node.times, fitted=not node.until)  # the person ends it: not fitted
    prefix, stretch, stretch_id, outer, local = place
    local = _under(local, node.cues)
    body, between = node.body, node.between
    for round_ in range(times):
        inner = Place(prefix, stretch, stretch_id, (*outer, Position(round_ + 1, times)), local)
        if round_ and between is not None:
            _rest(at, inner, between, f"{path}/between{round_}", side, Role.REST_BETWEEN)
        _body(at, inner, body, f"{path}/r{round_}", side)
        if node.until and round_ < times - 1:  # another round, or enough?
            said = Message("check_in_another_round", (("rounds", times), ("until", node.until)))
            words = render_message(said)
            _segment(
                at,
                inner,
                f"{path}/r{round_}/more",
                estimate_ms(words),
                Kind.CHECK_IN,
                Role.ANOTHER_ROUND,
                words,
                side,  # on the side the rounds are done on
                message=said,
            )


def _rest(
    at: Cursor, place: Place, rest: Rest, path: str, side: Side | None, role: Role = Role.REST
) -> None:
    text: str
    if isinstance(rest.text, LibraryWords):
        text, template, said = str(rest.text), None, Message(rest.text.key)
    else:
        (text, template), said = _fill(at, place, rest.text, side), None
    _segment(
        at,
        place,
        path,
        _ranged_ms(at, rest.duration, self_paced=bool(rest.until)),
        Kind.REST,
        role,
        text,
        side,
        message=said,
        template=template,
        until_source=rest.until,
    )


def _side_of(at: Cursor, place: Place, side: Side | Affected) -> Side:
    """A side named by where it is, or by how it is (the affected side, or the other)."""
    if isinstance(side, Side):
        return side
    if at.options.affected is None:
        raise InvalidValueError(
            f"{place.stretch!r} works the {side.value} side: say which side is affected, "
            f"e.g. compile_routine(..., affected='right') (on the command line: "
            f"--affected right)"
        )
    return side.resolve(at.options.affected)


def _next_side(at: Cursor) -> Side:
    return Side.LEFT if at.last_side is None else at.last_side.other


def _one_side(at: Cursor, place: Place, node: OneSide, path: str) -> None:
    side = _side_of(at, place, node.side)
    _switch_over(at, place, node, path, side, "switch")
    _body(at, place, node.body, f"{path}/{side.value}", side)
    at.last_side = side


def _per_side(at: Cursor, place: Place, node: PerSide, path: str) -> None:
    first = _side_of(at, place, node.first) if node.first else _next_side(at)
    second = first.other
    # Coming from the other side (the round before, a OneSide): a switch first, as a OneSide has.
    _switch_over(at, place, node, path, first, "switch-in")
    half_start_ms = at.now_ms
    _body(at, place, node.body, f"{path}/{first.value}", first)
    _switch(at, place, node, path, half_start_ms, second, "switch")
    _body(at, place, node.body, f"{path}/{second.value}", second)
    at.last_side = second


def _switch_over(
    at: Cursor, place: Place, node: PerSide | OneSide, path: str, side: Side, name: str
) -> None:
    """A switch to ``side`` when the stretch was last on the other side, its prompt said during
    the segment before (alternating Reps switch as a PerSide does by default)."""
    if at.last_side is not None and at.last_side is not side:
        since_ms = at.now_ms if at.last_segment is None else at.last_segment.start_ms
        _switch(at, place, node, path, since_ms, side, name)


def _switch(
    at: Cursor,
    place: Place,
    node: PerSide | OneSide,
    path: str,
    since_ms: int,
    to: Side,
    name: str,
) -> None:
    """The switch to side ``to`` (id ``path/name``), and room for the prompt before it (from
    ``since_ms`` on; none after a self-paced part)."""
    before = at.last_segment
    if before is not None and not before.open:
        _site(at, SwitchPrompt(f"{path}/{name}-prompt", since_ms, at.now_ms, to, place))
    said: Message | None
    duration_ms, words = node.switch.ms, node.switch_text
    if isinstance(words, LibraryWords):  # the library's: its message, to this side
        said = _SWITCH[to]
        text, template = render_message(said), None
    else:
        (text, template), said = _fill(at, place, words, to), None
    _segment(
        at,
        place,
        f"{path}/{name}",
        duration_ms,
        Kind.SWITCH,
        Role.SWITCH,
        text,
        to,
        message=said,
        template=template,
    )


def _hold(at: Cursor, place: Place, hold: Hold, path: str, side: Side | None) -> None:
    countdown_on, halfway_on, hold_cues_on = _under(place.local, hold.cues)
    held_ms = _held_ms(at, hold)
    parts = split_ms(held_ms, hold_parts(hold))
    count = len(parts)
    breaths = held_ms // at.options.breath_ms if isinstance(hold.duration, Breaths) else None
    laying = at.stream is not None
    text, template, said = _hold_words(at, place, hold, side, breaths) if laying else _UNSAID
    starts: list[int] = []
    longest = max(split_ms(_longest_ms(at, hold), count))
    first_ready = False
    for index, part_ms in enumerate(parts):
        part = Position(index + 1, count) if count > 1 else None
        if hold.breaks is not None and index:
            break_text, break_template = _fill(at, place, hold.breaks.text, side)
            _segment(
                at,
                place,
                f"{path}/break{index}",
                hold.breaks.duration.ms,
                Kind.BREAK,
                Role.BREAK,
                break_text,
                side,
                template=break_template,
            )
        ready = _gets_ready(at, hold, side)
        if not index:
            first_ready = ready
        _site(
            at,
            Countdown(
                f"{path}/countdown{index}",
                at.now_ms,
                at.lead_in_ms,
                longest,
                countdown_on and ready,
                side,
                part,
                place,
            ),
        )
        starts.append(at.now_ms)
        _segment(
            at,
            place,
            f"{path}/part{index}" if count > 1 else path,
            part_ms,
            Kind.HOLD,
            Role.HOLD,
            text,
            side,
            message=said,
            template=template,
            part=part,
            until_source=hold.until if index == count - 1 else "",
            breaths=breaths,
        )
    if at.stream is not None:
        cue = _fill(at, place, hold.cue, side) if hold.cue and hold_cues_on else None
        # A self-paced hold has no known middle; in a hold counted in breaths, the person counts;
        # in later rounds that flow into the hold the person knows its length already.
        halfway = halfway_on and not hold.until and breaths is None and first_ready
        _site(at, HoldCues(path, held_ms, tuple(starts), parts, cue, halfway, side, place))


#: What a person gets ready again after: a countdown may follow these.
_READY_AFTER = frozenset({Kind.REST, Kind.BREAK, Kind.SWITCH})


def _gets_ready(at: Cursor, hold: Hold, side: Side | None) -> bool:
    """Whether the person gets ready for this part of ``hold``, so a countdown may come before
    it (and, for its first part, a "Halfway" in it): the first time the stretch holds it (on this
    side), or after a rest, a break or a switch; not in every round of a Repeat that flows from
    one move into the next."""
    first = (id(hold), side) not in at.counted
    at.counted.add((id(hold), side))
    before = at.last_segment
    return first or (before is not None and before.kind in _READY_AFTER)


def _longest_ms(at: Cursor, hold: Hold) -> int:
    """How long ``hold`` lasts at most, whatever the level or fit."""
    duration = hold.duration
    if isinstance(duration, Duration):
        return duration.ms
    if isinstance(duration, Breaths):
        count = duration.count
        return (count if isinstance(count, int) else count.high) * at.options.breath_ms
    return duration.high_ms


def _hold_words(
    at: Cursor, place: Place, hold: Hold, side: Side | None, breaths: int | None
) -> tuple[str, str | None, Message | None]:
    """A hold's text, its template and its message: the library's words unless the author wrote
    their own."""
    if not isinstance(hold.text, LibraryWords):
        return (*_fill(at, place, hold.text, side), None)
    if breaths is None:
        return str(hold.text), None, Message(hold.text.key)
    said = Message("hold_breath") if breaths == 1 else message("hold_breaths", count=breaths)
    return render_message(said), None, said


def _reps(at: Cursor, place: Place, reps: Reps, path: str, side: Side | None) -> None:
    written = reps.count
    if isinstance(written, tuple):  # a count per round of the Repeat around it
        count = written[place.rounds[-1].index - 1]
    else:
        count = _count(at, written, fitted=not reps.until)
    sides: list[Side | None]
    if reps.alternate:
        first = _side_of(at, place, reps.first) if reps.first else _next_side(at)
        sides, per_side = [first, first.other] * count, 2
        at.last_side = first.other
    else:
        sides, per_side = [side] * count, 1
    if at.stream is None:  # measuring: each rep is held (see _segment), nothing to say
        at.now_ms += reps.tempo.ms * len(sides)
        at.lead_in_ms = at.now_ms
        if reps.counted:
            _counted(at, place, path, count, None if reps.alternate else side)
        return
    last = len(sides) - 1
    for index, rep_side in enumerate(sides):
        position = Position(index // per_side + 1, count)
        filled, template = _fill(at, place, reps.text, rep_side)
        said = Message("rep", (("text", filled), ("index", position.index), ("count", count)))
        _segment(
            at,
            place,
            f"{path}/rep{index}",
            reps.tempo.ms,
            Kind.REP,
            Role.REP,
            f"{filled} ({position.index} of {count})",
            rep_side,
            message=said,
            template=template,
            rep=position,
            until_source=reps.until if index == last else "",
        )
    if reps.counted:
        _counted(at, place, path, count, None if reps.alternate else side)


def _counted(at: Cursor, place: Place, path: str, count: int, side: Side | None) -> None:
    """How many the person did: a check-in after a counted set (up to its count per side; on
    the side the set was done on, unless it alternated)."""
    said = Message("check_in_reps", (("most", count),))
    words = render_message(said)
    _segment(
        at,
        place,
        f"{path}/count",
        estimate_ms(words),
        Kind.CHECK_IN,
        Role.REPS_COUNTED,
        words,
        side,
        message=said,
    )


def _under(allowed: tuple[bool, bool, bool], local: LocalCues | None) -> tuple[bool, bool, bool]:
    """What ``local`` allows inside a node where ``allowed`` applies: each field it sets (not
    None) replaces the one around it. The routine-wide Cues still decide whether a cue is given at
    all: a LocalCues can quiet cues, and give back what an outer one quieted, never more."""
    if local is None:
        return allowed
    countdown, halfway, hold_cues = allowed
    return (
        countdown if local.countdown is None else local.countdown,
        halfway if local.halfway is None else local.halfway,
        hold_cues if local.hold_cues is None else local.hold_cues,
    )
