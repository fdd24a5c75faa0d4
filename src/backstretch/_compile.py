"""compile_routine: a pure function from a routine tree to a flat, timed Timeline."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from ._check import check_routine, slug
from ._kinds import Kind, Side
from ._limits import Limits, check_expansion, check_total
from ._model import (
    BodyNode,
    Hold,
    PerSide,
    Repeat,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
    hold_parts,
)
from ._time import (
    CountRange,
    Duration,
    DurationRange,
    Level,
    format_ms,
    seconds,
    split_ms,
    to_duration,
)
from ._timeline import Chapter, Event, Timeline
from .exceptions import BackstretchError, FitError, InvalidTypeError, InvalidValueError

__all__ = ["SAFETY_NOTE", "Cues", "compile_routine", "estimate_ms"]

#: Speaking pace used to estimate how long a text takes: 150 words a minute.
MS_PER_WORD = 400
#: Time added to every estimate to settle into the instruction.
SETTLE_MS = 1500
#: No estimated segment is shorter than this.
MIN_ESTIMATE_MS = 3000

SAFETY_NOTE = (
    "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain that "
    "persists."
)


def estimate_ms(text: str) -> int:
    """How long a text takes to hear and follow: 1.5 s plus 0.4 s a word, rounded up to a whole
    second, and at least 3 s.

    Words are runs of non-space characters, counted in the text as written, so ``{side}`` is one
    word and both sides of a PerSide get the same time.
    """
    raw_ms = SETTLE_MS + MS_PER_WORD * len(text.split())
    return max(MIN_ESTIMATE_MS, -(-raw_ms // 1000) * 1000)


def _non_negative_int(inst: object, attr: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError(f"Cues.{attr.name} must be a whole number >= 0, got {value!r}")


def _flag(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"Cues.{attr.name} must be True or False, got {value!r}")


def _as_duration(value: Duration | str) -> Duration:
    try:
        return to_duration(value, field="")
    except BackstretchError:
        return value  # type: ignore[return-value]  # the validator names the field


def _as_optional_duration(value: Duration | str | None) -> Duration | None:
    return None if value is None else _as_duration(value)


def _duration(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Duration):
        to_duration(value, field=f"Cues.{attr.name}")  # raises the teaching error


@attrs.frozen
class Cues:
    """Which cue markers the compiler adds, and when. ``Cues.off()`` adds none of them.

    - ``countdown``: ticks ("3", "2", "1"), one a second, before each part of a hold; 0 for none.
    - ``halfway``: a "Halfway" cue in holds at least ``halfway_min`` long.
    - ``breath_every``: repeat a hold's own cue this often through the hold (it is always given at
      the start of the hold); None to give it only at the start.
    - ``next_up``: a "Next up: ..." preview ``next_up_lead`` before each stretch.
    - ``switch_prompt``: a "get ready to switch" prompt ``switch_lead`` before each switch of sides.
    """

    countdown: int = attrs.field(default=3, kw_only=True, validator=_non_negative_int)
    halfway: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    halfway_min: Duration = attrs.field(
        default=seconds(20), kw_only=True, converter=_as_duration, validator=_duration
    )
    breath_every: Duration | None = attrs.field(
        default=seconds(30), kw_only=True, converter=_as_optional_duration, validator=_duration
    )
    next_up: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    next_up_lead: Duration = attrs.field(
        default=seconds(10), kw_only=True, converter=_as_duration, validator=_duration
    )
    switch_prompt: bool = attrs.field(default=True, kw_only=True, validator=_flag)
    switch_lead: Duration = attrs.field(
        default=seconds(5), kw_only=True, converter=_as_duration, validator=_duration
    )

    def __attrs_post_init__(self) -> None:
        if self.breath_every is not None and self.breath_every.ms == 0:
            raise InvalidValueError("Cues.breath_every must be longer than 0 s, or None")

    @classmethod
    def off(cls) -> Cues:
        """No countdown, halfway, repeated breath, next-up or switch cues."""
        return cls(
            countdown=0, halfway=False, breath_every=None, next_up=False, switch_prompt=False
        )


def compile_routine(
    routine: Routine,
    *,
    level: Level | str = Level.STANDARD,
    conditions: Iterable[str] = (),
    fit_to: Duration | datetime.timedelta | str | None = None,
    cues: Cues | None = None,
    safety_note: str | None = SAFETY_NOTE,
    limits: Limits | None = None,
) -> Timeline:
    """Compile ``routine`` to its Timeline.

    - ``level`` (``"gentle"``, ``"standard"``, ``"deep"``): where every range lands: its low end,
      its middle (rounded down) or its high end.
    - ``conditions`` (e.g. ``{"knee"}``): a stretch with a caution naming one of them is replaced
      by its ``alternative`` (if that one is safe) or left out; a ``skip`` marker says so.
    - ``fit_to``: a total length; every ranged hold is then chosen inside its range so the total
      lands on it (counts still follow ``level``). A FitError states the window when it cannot.
    - ``cues``: which cue markers to add (default ``Cues()``; ``Cues.off()`` for none).
    - ``safety_note``: the note that opens the timeline; None leaves it out.
    - ``limits``: how many events and how long a routine may be (default ``Limits()``); a
      LimitError says which was passed, before any work is done for an oversized routine.

    The routine is checked first; a RoutineError lists every problem at its ``$.path``. Equal
    inputs give equal timelines.
    """
    if not isinstance(routine, Routine):
        raise InvalidTypeError(f"compile_routine() takes a Routine, got {type(routine).__name__}")
    options = _Options(
        level=_level(level),
        conditions=_conditions(conditions),
        cues=_cues(cues),
        safety_note=_safety_note(safety_note),
    )
    target_ms = None if fit_to is None else to_duration(fit_to, field="fit_to").ms
    if limits is not None and not isinstance(limits, Limits):
        raise InvalidTypeError(f"limits must be a Limits(...) value or None, got {limits!r}")
    limits = limits or _DEFAULT_LIMITS
    check_routine(routine)
    breath_ms = options.cues.breath_every.ms if options.cues.breath_every else None
    check_expansion(routine, limits, ticks=options.cues.countdown, breath_every_ms=breath_ms)
    if target_ms is None:
        timeline = _Compiler(options, held=None).routine(routine)
    else:
        check_total(target_ms, limits)
        lowest = _Compiler(attrs.evolve(options, cues=Cues.off()), held="low")
        low_total_ms = lowest.routine(routine).total_ms
        held = _fit(lowest.hold_uses, low_total_ms, target_ms, options.level)
        timeline = _Compiler(options, held=held).routine(routine)
    check_total(timeline.total_ms, limits)
    return timeline


# Frozen values, so one shared default serves every call.
_DEFAULT_CUES = Cues()
_DEFAULT_LIMITS = Limits()


@attrs.frozen
class _Options:
    level: Level
    conditions: frozenset[str]
    cues: Cues
    safety_note: str | None


_LEVELS = {level.value: level for level in Level}


def _level(level: object) -> Level:
    if isinstance(level, str) and level in _LEVELS:
        return _LEVELS[level]
    raise InvalidValueError(f"level must be 'gentle', 'standard' or 'deep', got {level!r}")


_NO_CONDITIONS: frozenset[str] = frozenset()


def _conditions(conditions: object) -> frozenset[str]:
    if type(conditions) is tuple and not conditions:  # the default
        return _NO_CONDITIONS
    if isinstance(conditions, str) or not isinstance(conditions, Iterable):
        raise InvalidTypeError(
            f"conditions must be a collection of condition names like {{'knee'}}, got "
            f"{conditions!r}"
        )
    names = list(conditions)
    for name in names:
        if not isinstance(name, str):
            raise InvalidTypeError(f"conditions must hold names (str), got {name!r}")
    return frozenset(name.strip().lower() for name in names)


def _cues(cues: object) -> Cues:
    if cues is None:
        return _DEFAULT_CUES
    if not isinstance(cues, Cues):
        raise InvalidTypeError(f"cues must be a Cues(...) value or None, got {cues!r}")
    return cues


def _safety_note(note: object) -> str | None:
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise InvalidValueError(f"safety_note must be a non-empty text or None, got {note!r}")
    return note


def _fit(uses: dict[Hold, int], low_total_ms: int, target_ms: int, level: Level) -> dict[Hold, int]:
    """Choose each ranged hold's time so the total lands on ``target_ms``.

    All ranged holds rise together, each to the same fraction of its range (a shared "water level"
    ``s / scale``), so the change is spread in proportion to each hold's range. Raising the level
    never shortens a hold, so a longer target never shortens one either. The level found is the
    highest whose total does not pass the target; then the holds due to grow next take their
    millisecond in tree order while it still fits, so the total lands on the target, or at most
    (copies - 1) ms short where a hold has several copies that must stay equal.
    """
    ranged = [
        (hold, count, hold.duration.low_ms, hold.duration.high_ms - hold.duration.low_ms)
        for hold, count in uses.items()
        if isinstance(hold.duration, DurationRange)
    ]
    high_total_ms = low_total_ms + sum(count * span for _, count, _, span in ranged)
    if not low_total_ms <= target_ms <= high_total_ms:
        raise FitError(
            f"cannot fit this routine into {format_ms(target_ms)}: at level {level.value} it can "
            f"take between {format_ms(low_total_ms)} and {format_ms(high_total_ms)}",
            low_ms=low_total_ms,
            high_ms=high_total_ms,
        )
    scale = 1 << max(32, max((span for *_, span in ranged), default=0).bit_length() + 1)

    def total_at(step: int) -> int:
        return low_total_ms + sum(count * (span * step // scale) for _, count, _, span in ranged)

    low, high = 0, scale  # the highest step whose total does not pass the target
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if total_at(middle) <= target_ms else (low, middle - 1)
    held = {hold: start + span * low // scale for hold, _, start, span in ranged}
    total_ms = total_at(low)
    for hold, count, start, span in ranged if low < scale else ():
        grown = start + span * (low + 1) // scale - held[hold]
        if grown and total_ms + count * grown > target_ms:
            break
        held[hold] += grown
        total_ms += count * grown
    return held


def _fill(text: str, side: Side | None) -> str:
    if side is None:
        return text
    return text.replace("{side}", side.value).replace("{other}", side.other.value)


def announcement(stretch: Stretch) -> str:
    """What is said as a stretch begins: its name, what it targets, and why it helps."""
    text = stretch.name
    if stretch.targets:
        text += f" (targets: {', '.join(stretch.targets)})"
    if stretch.purpose:
        text += f". {stretch.purpose}"
    return text


def _choose(stretch: Stretch, conditions: frozenset[str]) -> Stretch | None:
    """The stretch, else the first of its alternatives that no declared condition rules out."""
    return next((s for s in stretch.chain if not conditions.intersection(s.conditions)), None)


def _skip_text(original: Stretch, chosen: Stretch | None, conditions: frozenset[str]) -> str:
    """Why a stretch is not done: its conditions and cautions, and those of each alternative
    that was ruled out too."""

    def reason(stretch: Stretch) -> str:
        hit = ", ".join(sorted(conditions.intersection(stretch.conditions)))
        why = " ".join(c.text for c in stretch.cautions if conditions.intersection(c.conditions))
        return f"({hit}): {why}"

    done = "left out" if chosen is None else f"replaced by {chosen.name}"
    text = f"{original.name} {done} {reason(original)}"
    for alternative in original.chain[1:]:
        if alternative is chosen:
            break
        text += f" Its alternative {alternative.name} is ruled out too {reason(alternative)}"
    return text


class _Compiler:
    """Walks the tree once, appending events at a running clock."""

    def __init__(
        self, options: _Options, *, held: Mapping[Hold, int] | Literal["low"] | None
    ) -> None:
        """``held``: the fitted time of each ranged hold, "low" for the low ends, None: by level."""
        self.options = options
        self.cues = options.cues
        self.held = held
        self.events: list[Event] = []
        self.chapters: list[Chapter] = []
        self.hold_uses: dict[Hold, int] = {}
        self.now_ms = 0
        self.last_segment: Event | None = None
        self.stretch: str | None = None
        self.stretch_start_ms = 0
        self.last_side: Side | None = None

    def segment(self, id: str, duration_ms: int, kind: Kind, text: str, side: Side | None) -> None:
        event = Event(id, self.now_ms, duration_ms, kind, text, side, self.stretch)
        self.events.append(event)
        self.last_segment = event
        self.now_ms += duration_ms

    def marker(self, id: str, at_ms: int, kind: Kind, text: str, side: Side | None) -> None:
        self.events.append(Event(id, at_ms, 0, kind, text, side, self.stretch))

    def pick(self, value: Duration | DurationRange | int | CountRange) -> int:
        if isinstance(value, Duration):
            return value.ms
        if isinstance(value, DurationRange):
            return self.options.level.pick(value.low_ms, value.high_ms)
        if isinstance(value, CountRange):
            return self.options.level.pick(value.low, value.high)
        return value

    def held_ms(self, hold: Hold) -> int:
        self.hold_uses[hold] = self.hold_uses.get(hold, 0) + 1
        duration = hold.duration
        if isinstance(duration, Duration):
            return duration.ms
        if self.held == "low":
            return duration.low_ms
        if self.held is not None:
            return self.held[hold]
        return self.pick(duration)

    def routine(self, routine: Routine) -> Timeline:
        if self.options.safety_note is not None:
            note = self.options.safety_note
            self.segment("safety", estimate_ms(note), Kind.CAUTION, note, None)
        self.segment("title", estimate_ms(routine.title), Kind.TITLE, routine.title, None)
        if routine.intro:
            self.segment("intro", estimate_ms(routine.intro), Kind.ANNOUNCE, routine.intro, None)
        previous: Stretch | Rest | None = None
        for index, item in enumerate(routine.body):
            if isinstance(item, Rest):
                self.segment(f"rest{index}", item.duration.ms, Kind.REST, item.text, None)
                previous = item
                continue
            chosen = _choose(item, self.options.conditions)
            if chosen is not item:
                text = _skip_text(item, chosen, self.options.conditions)
                self.marker(f"skip-{slug(item.name)}", self.now_ms, Kind.SKIP, text, None)
            if chosen is None:
                continue
            if isinstance(previous, Stretch) and routine.rest_between is not None:
                rest_id = f"rest-before-{slug(chosen.name)}"
                self.segment(rest_id, routine.rest_between.ms, Kind.REST, "Rest", None)
            self.stretch_(chosen)
            previous = chosen
        if routine.outro:
            self.segment("outro", estimate_ms(routine.outro), Kind.ANNOUNCE, routine.outro, None)
        self.marker("end", self.now_ms, Kind.END, f"End of {routine.title}", None)
        # Markers were made when their segment was; put each after the segment starting with it.
        events = sorted(self.events, key=lambda e: (e.start_ms, e.duration_ms == 0))
        return Timeline(routine.title, self.now_ms, tuple(events), tuple(self.chapters))

    def stretch_(self, stretch: Stretch) -> None:
        key = slug(stretch.name)
        if self.cues.next_up and self.last_segment is not None:
            before = self.last_segment
            # Inside the segment before the stretch: not before it starts, and before it ends.
            at_ms = min(
                self.now_ms - 1, max(before.start_ms, self.now_ms - self.cues.next_up_lead.ms)
            )
            next_up = Event(
                f"next-up-{key}",
                at_ms,
                0,
                Kind.CUE,
                f"Next up: {stretch.name}",
                None,
                before.stretch,
            )
            self.events.append(next_up)
        self.stretch_start_ms = self.now_ms
        self.stretch = stretch.name
        self.last_side = None
        text = announcement(stretch)
        self.segment(f"{key}/announce", estimate_ms(text), Kind.ANNOUNCE, text, None)
        for i, caution in enumerate(stretch.cautions):
            self.segment(
                f"{key}/caution{i}", estimate_ms(caution.text), Kind.CAUTION, caution.text, None
            )
        for i, mod in enumerate(stretch.modifications):
            text = mod.describe()
            self.segment(f"{key}/modification{i}", estimate_ms(text), Kind.MODIFICATION, text, None)
        self.body(stretch.body, key, None)
        self.chapters.append(
            Chapter(stretch.name, self.stretch_start_ms, self.now_ms - self.stretch_start_ms)
        )
        self.stretch = None

    def body(self, nodes: tuple[BodyNode, ...], path: str, side: Side | None) -> None:
        for index, node in enumerate(nodes):
            self.node(node, f"{path}/{index}", side)

    def node(self, node: BodyNode, path: str, side: Side | None) -> None:
        if isinstance(node, Step):
            duration_ms = node.duration.ms if node.duration else estimate_ms(node.text)
            self.segment(path, duration_ms, Kind.STEP, _fill(node.text, side), side)
        elif isinstance(node, Hold):
            self.hold(node, path, side)
        elif isinstance(node, Reps):
            self.reps(node, path, side)
        elif isinstance(node, PerSide):
            self.per_side(node, path)
        elif isinstance(node, Repeat):
            for round_ in range(self.pick(node.times)):
                self.body(node.body, f"{path}/r{round_}", side)
        else:
            self.segment(path, node.duration.ms, Kind.REST, _fill(node.text, side), side)

    def next_side(self) -> Side:
        return Side.LEFT if self.last_side is None else self.last_side.other

    def per_side(self, node: PerSide, path: str) -> None:
        first = node.first or self.next_side()
        half_start_ms = self.now_ms
        self.body(node.body, f"{path}/{first.value}", first)
        if self.cues.switch_prompt:
            at_ms = min(self.now_ms - 1, max(half_start_ms, self.now_ms - self.cues.switch_lead.ms))
            text = f"Get ready to switch to the {first.other.value} side"
            self.marker(f"{path}/switch-prompt", at_ms, Kind.CUE, text, first)
        text = _fill(node.switch_text, first.other)
        self.segment(f"{path}/switch", node.switch.ms, Kind.SWITCH, text, None)
        self.body(node.body, f"{path}/{first.other.value}", first.other)
        self.last_side = first.other

    def hold(self, hold: Hold, path: str, side: Side | None) -> None:
        held_ms = self.held_ms(hold)
        parts = split_ms(held_ms, hold_parts(hold))
        text = _fill(hold.text, side)
        starts: list[int] = []
        for index, part_ms in enumerate(parts):
            if hold.breaks is not None and index:
                break_text = _fill(hold.breaks.text, side)
                self.segment(
                    f"{path}/break{index}", hold.breaks.duration.ms, Kind.BREAK, break_text, side
                )
            for tick in range(self.cues.countdown, 0, -1):
                at_ms = self.now_ms - tick * 1000
                if at_ms >= self.stretch_start_ms:
                    self.marker(f"{path}/countdown{index}-{tick}", at_ms, Kind.CUE, str(tick), side)
            starts.append(self.now_ms)
            part_id = f"{path}/part{index}" if len(parts) > 1 else path
            self.segment(part_id, part_ms, Kind.HOLD, text, side)
        cue_offsets: list[tuple[int, str, str]] = []
        if hold.cue:
            every_ms = self.cues.breath_every.ms if self.cues.breath_every else held_ms or 1
            for n, offset in enumerate(range(0, held_ms, every_ms)):
                cue_offsets.append((offset, f"{path}/cue{n}", _fill(hold.cue, side)))
        if self.cues.halfway and held_ms >= self.cues.halfway_min.ms:
            cue_offsets.append((held_ms // 2, f"{path}/halfway", "Halfway"))
        for offset, cue_id, cue_text in sorted(cue_offsets, key=lambda item: item[0]):
            self.marker(cue_id, _held_to_clock(offset, starts, parts), Kind.CUE, cue_text, side)

    def reps(self, reps: Reps, path: str, side: Side | None) -> None:
        count = self.pick(reps.count)
        if reps.alternate:
            first = reps.first or self.next_side()
            sides: list[Side | None] = [first, first.other] * count
            self.last_side = first.other
        else:
            sides = [side] * count
        total = len(sides)
        for index, rep_side in enumerate(sides):
            text = f"{_fill(reps.text, rep_side)} ({index + 1} of {total})"
            self.segment(f"{path}/rep{index}", reps.tempo.ms, Kind.REP, text, rep_side)


def _held_to_clock(offset_ms: int, starts: list[int], parts: tuple[int, ...]) -> int:
    """The clock time at ``offset_ms`` of held time into a hold split into ``parts``."""
    for start_ms, part_ms in zip(starts, parts, strict=True):
        if offset_ms < part_ms:
            return start_ms + offset_ms
        offset_ms -= part_ms
    return starts[-1] + parts[-1]  # pragma: no cover - offsets are below the held time
