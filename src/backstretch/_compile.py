"""compile_routine: a pure function from a routine tree to a flat, timed Timeline."""

from __future__ import annotations

from ._check import check_routine, slug
from ._kinds import Kind, Side
from ._model import BodyNode, Hold, PerSide, Repeat, Reps, Rest, Routine, Step, Stretch
from ._time import CountRange, Duration, DurationRange, Level, split_ms
from ._timeline import Chapter, Event, Timeline
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = ["compile_routine", "estimate_ms"]

#: Speaking pace used to estimate how long a text takes: 150 words a minute.
MS_PER_WORD = 400
#: Time added to every estimate to settle into the instruction.
SETTLE_MS = 1500
#: No estimated segment is shorter than this.
MIN_ESTIMATE_MS = 3000


def estimate_ms(text: str) -> int:
    """How long a text takes to hear and follow: 1.5 s plus 0.4 s a word, rounded up to a whole
    second, and at least 3 s.

    Words are runs of non-space characters, counted in the text as written, so ``{side}`` is one
    word and both sides of a PerSide get the same time.
    """
    raw_ms = SETTLE_MS + MS_PER_WORD * len(text.split())
    return max(MIN_ESTIMATE_MS, -(-raw_ms // 1000) * 1000)


def part_count(hold: Hold) -> int:
    """How many equal parts a hold with breaks is split into: enough that even at the top of its
    range no part is longer than ``breaks.every``. Fixed per hold, so the total grows smoothly with
    the held time and both levels and fitting keep the same shape."""
    if hold.breaks is None:
        return 1
    high_ms = hold.duration.ms if isinstance(hold.duration, Duration) else hold.duration.high_ms
    return max(1, -(-high_ms // hold.breaks.every.ms))


def compile_routine(routine: Routine, *, level: Level | str = Level.STANDARD) -> Timeline:
    """Compile ``routine`` to its Timeline.

    ``level`` (``"gentle"``, ``"standard"`` or ``"deep"``) sets where every range lands: its low
    end, its middle (rounded down) or its high end. The routine is checked first; a RoutineError
    lists every problem at its ``$.path``. Equal inputs give equal timelines.
    """
    if not isinstance(routine, Routine):
        raise InvalidTypeError(f"compile_routine() takes a Routine, got {type(routine).__name__}")
    check_routine(routine)
    return _Compiler(_level(level)).routine(routine)


def _level(level: object) -> Level:
    if isinstance(level, str) and level in Level.__members__.values():
        return Level(level)
    raise InvalidValueError(f"level must be 'gentle', 'standard' or 'deep', got {level!r}")


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


class _Compiler:
    """Walks the tree once, appending events at a running clock."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.events: list[Event] = []
        self.chapters: list[Chapter] = []
        self.now_ms = 0
        self.stretch: str | None = None
        self.last_side: Side | None = None

    def segment(self, id: str, duration_ms: int, kind: Kind, text: str, side: Side | None) -> None:
        self.events.append(Event(id, self.now_ms, duration_ms, kind, text, side, self.stretch))
        self.now_ms += duration_ms

    def marker(self, id: str, at_ms: int, kind: Kind, text: str, side: Side | None) -> None:
        self.events.append(Event(id, at_ms, 0, kind, text, side, self.stretch))

    def pick(self, value: Duration | DurationRange | int | CountRange) -> int:
        if isinstance(value, Duration):
            return value.ms
        if isinstance(value, DurationRange):
            return self.level.pick(value.low_ms, value.high_ms)
        if isinstance(value, CountRange):
            return self.level.pick(value.low, value.high)
        return value

    def routine(self, routine: Routine) -> Timeline:
        self.segment("title", estimate_ms(routine.title), Kind.TITLE, routine.title, None)
        if routine.intro:
            self.segment("intro", estimate_ms(routine.intro), Kind.ANNOUNCE, routine.intro, None)
        previous: Stretch | Rest | None = None
        for index, item in enumerate(routine.body):
            if isinstance(item, Rest):
                self.segment(f"rest{index}", item.duration.ms, Kind.REST, item.text, None)
            else:
                if isinstance(previous, Stretch) and routine.rest_between is not None:
                    rest_id = f"rest-before-{slug(item.name)}"
                    self.segment(rest_id, routine.rest_between.ms, Kind.REST, "Rest", None)
                self.stretch_(item)
            previous = item
        if routine.outro:
            self.segment("outro", estimate_ms(routine.outro), Kind.ANNOUNCE, routine.outro, None)
        self.marker("end", self.now_ms, Kind.END, f"End of {routine.title}", None)
        return Timeline(routine.title, self.now_ms, tuple(self.events), tuple(self.chapters))

    def stretch_(self, stretch: Stretch) -> None:
        key = slug(stretch.name)
        start_ms = self.now_ms
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
        self.chapters.append(Chapter(stretch.name, start_ms, self.now_ms - start_ms))
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
            first = node.first or self.next_side()
            for half, this in enumerate((first, first.other)):
                if half:
                    text = _fill(node.switch_text, this)
                    self.segment(f"{path}/switch", node.switch.ms, Kind.SWITCH, text, None)
                self.body(node.body, f"{path}/{this.value}", this)
            self.last_side = first.other
        elif isinstance(node, Repeat):
            for round_ in range(self.pick(node.times)):
                self.body(node.body, f"{path}/r{round_}", side)
        else:
            self.segment(path, node.duration.ms, Kind.REST, _fill(node.text, side), side)

    def next_side(self) -> Side:
        return Side.LEFT if self.last_side is None else self.last_side.other

    def hold(self, hold: Hold, path: str, side: Side | None) -> None:
        held_ms = self.pick(hold.duration)
        breaks = hold.breaks
        parts = split_ms(held_ms, part_count(hold)) if breaks else (held_ms,)
        text = _fill(hold.text, side)
        for index, part_ms in enumerate(parts):
            if breaks is not None and index:
                break_text = _fill(breaks.text, side)
                self.segment(
                    f"{path}/break{index}", breaks.duration.ms, Kind.BREAK, break_text, side
                )
            part_id = f"{path}/part{index}" if len(parts) > 1 else path
            start_ms = self.now_ms
            self.segment(part_id, part_ms, Kind.HOLD, text, side)
            if index == 0 and hold.cue:
                self.marker(f"{path}/cue", start_ms, Kind.CUE, _fill(hold.cue, side), side)

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
