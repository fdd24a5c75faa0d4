"""The structure of a stretch, read back from its segments' positions: the rounds of a Repeat
(``rounds``), the parts of a hold split by breaks (``part``) and the reps of one Reps (``rep``).

Exports that summarise (the printable sheet, FIT workouts) group segments with these; none of
them parses an id.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._base.kinds import Kind
from .._timeline.timeline import Event, Timeline


def end_of_repeat(segments: Sequence[Event], start: int, depth: int) -> int:
    """Where the Repeat that ``segments[start]`` opens at ``depth`` ends: its rounds count up, and
    a following Repeat at the same depth starts again from a lower round. Two adjacent repeats of
    one round each read as one, which means the same."""
    index = start + 1
    while index < len(segments):
        rounds = segments[index].rounds
        if len(rounds) <= depth or rounds[depth].index < segments[index - 1].rounds[depth].index:
            break
        index += 1
    return index


def rounds_of(segments: Sequence[Event], depth: int) -> list[list[Event]]:
    """The segments of one Repeat, round by round."""
    rounds: list[list[Event]] = []
    for segment in segments:
        if not rounds or segment.rounds[depth].index != rounds[-1][0].rounds[depth].index:
            rounds.append([])
        rounds[-1].append(segment)
    return rounds


def end_of_hold(segments: Sequence[Event], start: int) -> int:
    """A hold split by breaks: its parts count up to their count, with a break between two."""
    part = segments[start].part
    if part is None:
        return start + 1
    index = start + 1
    while index + 1 < len(segments) and segments[index].kind is Kind.BREAK:
        following = segments[index + 1].part
        if following is None or following.index != part.index + 1:
            break
        part = following
        index += 2
    return index


def alternating(segments: Sequence[Event], start: int) -> bool:
    """True when the rep at ``start`` opens alternating reps (left, right, left, right...)."""
    first = segments[start]
    following = segments[start + 1] if start + 1 < len(segments) else None
    return (
        following is not None
        and following.kind is Kind.REP
        and first.side is not None
        and following.side is first.side.other
        and following.rep == first.rep
    )


def end_of_reps(segments: Sequence[Event], start: int) -> int:
    """The reps of one Reps node: counted 1..n, on one side, or on each side in turn."""
    first = segments[start]
    assert first.rep is not None
    per_rep = 2 if alternating(segments, start) else 1
    return min(len(segments), start + first.rep.count * per_rep)


def by_chapter(timeline: Timeline) -> list[tuple[list[Event], list[Event]]]:
    """For each chapter, in order: the segments and the markers that start within it. One sweep
    over the events (chapters are sorted and do not overlap), so it is linear in their number."""
    result: list[tuple[list[Event], list[Event]]] = [([], []) for _ in timeline.chapters]
    chapters = timeline.chapters
    index = 0
    for event in timeline.events:
        while index < len(chapters) and event.start_ms >= chapters[index].end_ms:
            index += 1
        if index == len(chapters):
            break
        if event.start_ms >= chapters[index].start_ms:
            result[index][1 if event.duration_ms == 0 else 0].append(event)
    return result
