"""Printable sheet (``.md``): what a physiotherapist hands a patient, read off the timeline.

Title and total time, the safety note, then each stretch: what it is for, its cautions first, the
modifications, then the steps in order, holds with their length and breaks, reps with their count
and pace, and the switch of sides. The second side of a per-side block is written as "the same on
the left side" when it mirrors the first, so the sheet stays short.
"""

from __future__ import annotations

import re

import attrs

from .._kinds import Kind, Side
from .._time import format_ms
from .._timeline import Event, Timeline

_COUNT = re.compile(r" \(\d+ of \d+\)$")


@attrs.frozen
class _Item:
    side: Side | None
    text: str
    #: The event id with its side folded away: the two sides of one DSL node share it.
    node: str = ""


def _node(event: Event) -> str:
    return "/".join("{side}" if part in ("left", "right") else part for part in event.id.split("/"))


def render(timeline: Timeline) -> str:
    chapters = timeline.chapters
    first_ms = chapters[0].start_ms if chapters else timeline.total_ms
    last_ms = chapters[-1].end_ms if chapters else timeline.total_ms
    lines = [
        f"# {_md(timeline.title)}",
        "",
        f"Total time {format_ms(timeline.total_ms)} · {len(chapters)} "
        f"stretch{'es' if len(chapters) != 1 else ''}",
        "",
    ]
    for segment in timeline.segments:
        if segment.start_ms >= first_ms:
            break
        if segment.kind is Kind.CAUTION:
            lines += [f"> **Safety.** {_md(segment.text)}", ""]
        elif segment.kind in (Kind.ANNOUNCE, Kind.MODIFICATION):
            lines += [_md(segment.text), ""]
    for skip in timeline.markers:
        if skip.kind is Kind.SKIP:
            lines += [f"> **Left out.** {_md(skip.text)}", ""]
    for number, chapter in enumerate(chapters, start=1):
        inside = [s for s in timeline.segments if chapter.start_ms <= s.start_ms < chapter.end_ms]
        cues = [
            m
            for m in timeline.markers
            if chapter.start_ms <= m.start_ms < chapter.end_ms and _is_own_cue(m)
        ]
        lines += [f"## {number}. {_md(chapter.title)} ({format_ms(chapter.duration_ms)})", ""]
        lines += _stretch(inside, cues)
    closing = [s for s in timeline.segments if s.start_ms >= last_ms and s.kind is Kind.ANNOUNCE]
    if closing:
        lines += ["## Afterwards", ""]
        for segment in closing:
            lines += [_md(segment.text), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _stretch(segments: list[Event], cues: list[Event]) -> list[str]:
    lines: list[str] = []
    for segment in segments:
        if segment.kind is Kind.ANNOUNCE:
            lines += [_md(segment.text), ""]
    for segment in segments:
        if segment.kind is Kind.CAUTION:
            lines.append(f"- **Caution:** {_md(segment.text)}")
    for segment in segments:
        if segment.kind is Kind.MODIFICATION:
            lines.append(f"- **If you need it:** {_md(segment.text)}")
    if lines and lines[-1]:
        lines.append("")
    items = _compact(_items([s for s in segments if s.kind not in _INFO], cues))
    for index, item in enumerate(items, start=1):
        side = f"*{item.side.value.capitalize()}:* " if item.side else ""
        lines.append(f"{index}. {side}{item.text}")
    return [*lines, ""]


_INFO = frozenset({Kind.ANNOUNCE, Kind.CAUTION, Kind.MODIFICATION, Kind.TITLE})


def _items(segments: list[Event], cues: list[Event]) -> list[_Item]:
    items: list[_Item] = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if segment.kind is Kind.HOLD:
            parts, breaks, index = _run_of_holds(segments, index)
            items.append(_hold(parts, breaks, cues))
            continue
        if segment.kind is Kind.REP:
            end = index
            parent = segment.id.rpartition("/")[0]  # the Reps node: its reps are .../rep<n>
            while (
                end < len(segments)
                and segments[end].kind is Kind.REP
                and segments[end].id.rpartition("/")[0] == parent
            ):
                end += 1
            items.append(_reps(segments[index:end]))
            index = end
            continue
        if segment.kind is Kind.SWITCH:
            text = f"**Switch sides** ({format_ms(segment.duration_ms)}): {_md(segment.text)}"
        elif segment.kind is Kind.REST:
            text = f"**Rest** {format_ms(segment.duration_ms)}: {_md(segment.text)}"
        elif segment.kind is Kind.BREAK:
            text = f"**Break** {format_ms(segment.duration_ms)}: {_md(segment.text)}"
        else:
            text = _md(segment.text)
        items.append(_Item(segment.side, text, _node(segment)))
        index += 1
    return items


def _run_of_holds(segments: list[Event], index: int) -> tuple[list[Event], list[Event], int]:
    """A hold and its parts: consecutive holds of the same text, with breaks between them."""
    first = segments[index]
    parts, breaks = [first], []
    index += 1
    while (
        index + 1 < len(segments)
        and segments[index].kind is Kind.BREAK
        and segments[index + 1].kind is Kind.HOLD
        and segments[index + 1].text == first.text
        and segments[index + 1].side == first.side
    ):
        breaks.append(segments[index])
        parts.append(segments[index + 1])
        index += 2
    return parts, breaks, index


def _hold(parts: list[Event], breaks: list[Event], cues: list[Event]) -> _Item:
    held = sum(p.duration_ms for p in parts)
    text = f"**Hold {format_ms(held)}**"
    if breaks:
        text += (
            f" in {len(parts)} parts, with a {format_ms(breaks[0].duration_ms)} break between "
            f"them ({_md(breaks[0].text)})"
        )
    text += f": {_sentence(_md(parts[0].text))}"
    during = {c.text for c in cues if any(p.start_ms <= c.start_ms < p.end_ms for p in parts)} - {
        "Halfway"
    }
    if during:
        text += "".join(f" *Cue: {_sentence(_md(cue))}*" for cue in sorted(during))
    return _Item(parts[0].side, text, _node(parts[0]))


def _reps(reps: list[Event]) -> _Item:
    sides = [r.side for r in reps]
    alternating = len(reps) > 1 and sides[0] is not None and sides[1] == sides[0].other
    pace = format_ms(reps[0].duration_ms)
    text = f"**{len(reps)} reps**, {pace} each"
    if alternating:
        assert sides[0] is not None
        text += f", alternating sides, {sides[0].value} first"
    text += f": {_md(_COUNT.sub('', reps[0].text))}"
    return _Item(None if alternating else reps[0].side, text, _node(reps[0]))


def _compact(items: list[_Item]) -> list[_Item]:
    """Write a second side that mirrors the first as "The same on the <side> side"."""
    result: list[_Item] = []
    index = 0
    while index < len(items):
        result.append(items[index])
        if items[index].text.startswith("**Switch sides**"):
            before = _side_block(result[:-1], from_end=True)
            after = _side_block(items[index + 1 :], from_end=False)
            if (
                before
                and len(after) == len(before)
                and all(a.node == b.node for a, b in zip(after, before, strict=True))
            ):
                side = after[0].side
                assert side is not None
                result.append(_Item(None, f"The same on the {side.value} side."))
                index += 1 + len(after)
                continue
        index += 1
    return result


def _side_block(items: list[_Item], *, from_end: bool) -> list[_Item]:
    ordered = list(reversed(items)) if from_end else items
    if not ordered or ordered[0].side is None:
        return []
    side = ordered[0].side
    block = []
    for item in ordered:
        if item.side != side:
            break
        block.append(item)
    return list(reversed(block)) if from_end else block


def _is_own_cue(marker: Event) -> bool:
    """A stretch's own cue (a breath cue), not a countdown, next-up or switch prompt."""
    last = marker.id.rpartition("/")[2]
    return marker.kind is Kind.CUE and (last.startswith("cue") or last == "halfway")


def _md(text: str) -> str:
    """Plain text made safe inside Markdown: whitespace collapsed, markup characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", " ".join(text.split()))


def _sentence(text: str) -> str:
    return text if not text or text[-1] in ".!?" else text + "."
