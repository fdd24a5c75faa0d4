"""Printable sheet (``.md``): what a physiotherapist hands a patient, read off the timeline.

Title and total time, what the session was made to fit (the personalization summary), the
safety note, then each stretch: what it is for and what it needs, its
cautions first, the modifications, then what to do in order: holds with their length and breaks,
reps with their count and pace, the switch of sides, and repeats as one block ("3 rounds of:")
rather than every round written out. The second side of a per-side block is written as "the same
on the left side" when it mirrors the first, so the sheet stays short.

Everything is read from the events' fields (role, side, rounds, rep, part, template); no id is
parsed.
"""

from __future__ import annotations

import bisect
import re

import attrs

from .._base.kinds import Kind, Role, Side
from .._base.text import printable
from .._base.time import format_ms
from .._i18n.catalogs import fill_sides
from .._i18n.words import speaking, spoken
from .._timeline.messages import render_message
from .._timeline.timeline import Chapter, Event, Timeline
from ._structure import (
    alternating,
    by_chapter,
    end_of_hold,
    end_of_repeat,
    end_of_reps,
    rounds_of,
)

#: What a list item looks like, whatever its side: two items with one shape are the same step.
Shape = tuple[object, ...]


@attrs.frozen
class _Item:
    side: Side | None
    text: str
    shape: Shape = ()
    children: tuple[_Item, ...] = ()


def _w(key: str, /, **params: object) -> str:
    return spoken()(key, **params)


def render(timeline: Timeline) -> str:
    with speaking(timeline):
        return _render(timeline)


def _render(timeline: Timeline) -> str:
    chapters = timeline.chapters
    first_ms = chapters[0].start_ms if chapters else timeline.total_ms
    last_ms = chapters[-1].end_ms if chapters else timeline.total_ms
    lines = [
        f"# {_md(timeline.title)}",
        "",
        _w("sheet_total", what=spoken().stretches(timeline)),
        "",
    ]
    summary = timeline.personalization
    if summary is not None:
        lines += [f"**{_w('sheet_your_session')}** {_md(summary.text)}", ""]
    for segment in timeline.segments:
        if segment.start_ms >= first_ms:
            break
        if segment.role is Role.SAFETY_NOTE:
            lines += [f"> **{_w('sheet_safety')}** {_md(segment.text)}", ""]
        elif segment.kind is Kind.CAUTION:  # the routine's own
            lines += [f"> **{_w('sheet_caution')}** {_md(segment.text)}", ""]
        elif segment.kind is Kind.CHECK_IN:  # a question to answer on paper
            lines += [_question(segment), ""]
        elif (
            segment.kind in (Kind.ANNOUNCE, Kind.MODIFICATION) and segment.role is not Role.SESSION
        ):
            lines += [_md(segment.text), ""]  # (what a session says is in the summary above)
    for skip in timeline.markers:
        if skip.kind is Kind.SKIP:
            lines += [f"> **{_w('sheet_left_out')}** {_md(skip.text)}", ""]
    for number, (chapter, (inside, markers)) in enumerate(
        zip(chapters, by_chapter(timeline), strict=True), start=1
    ):
        cues = [m for m in markers if m.role is Role.HOLD_CUE]
        heading = f"{number}. {_md(chapter.title)}"
        if chapter.round is not None:  # in a circuit
            round_ = chapter.round
            heading = _w("in_round", where=heading, round=round_.index, rounds=round_.count)
        lines += [f"## {heading} ({format_ms(chapter.duration_ms)})", ""]
        lines += _stretch(timeline, chapter, inside, cues)
    closing = [
        s
        for s in timeline.segments
        if s.start_ms >= last_ms and (s.role is Role.OUTRO or s.kind is Kind.CHECK_IN)
    ]
    if closing:
        lines += [f"## {_w('sheet_afterwards')}", ""]
        for segment in closing:
            question = segment.kind is Kind.CHECK_IN
            lines += [_question(segment) if question else _md(segment.text), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


_INFO = frozenset({Kind.ANNOUNCE, Kind.CAUTION, Kind.MODIFICATION, Kind.TITLE})


def _question(check_in: Event) -> str:
    """A check-in on paper: the question, and room for the answer."""
    return f"**{_w('label_check_in')}:** {_md(check_in.text)} ______"


def _stretch(
    timeline: Timeline, chapter: Chapter, segments: list[Event], cues: list[Event]
) -> list[str]:
    info = timeline.stretch(chapter.stretch_id)
    lines: list[str] = []
    for segment in segments:
        if segment.role is Role.ANNOUNCE:
            lines += [_md(segment.text), ""]
    if info.props:
        lines.append(f"- **{_w('sheet_you_need')}** {_md(', '.join(info.props))}")
    for segment in segments:
        if segment.kind is Kind.CAUTION:
            lines.append(f"- **{_w('sheet_caution_item')}** {_md(segment.text)}")
    for segment in segments:
        if segment.kind is Kind.MODIFICATION:
            lines.append(f"- **{_w('sheet_if_needed')}** {_md(segment.text)}")
    if lines and lines[-1]:
        lines.append("")
    doing = [s for s in segments if s.kind not in _INFO]
    if chapter.round is not None:  # a circuit's round is the chapter's, not a repeat within it
        doing = [attrs.evolve(s, rounds=s.rounds[1:]) for s in doing]
    items = _items(doing, _Cues(cues), depth=0)
    lines += _list(items, indent="")
    return [*lines, ""]


def _list(items: list[_Item], indent: str) -> list[str]:
    lines = []
    for index, item in enumerate(items, start=1):
        side = f"*{_w(f'side_{item.side.value}')}:* " if item.side else ""
        lines.append(f"{indent}{index}. {side}{item.text}")
        lines += _list(list(item.children), indent + " " * (len(str(index)) + 2))
    return lines


class _Cues:
    """A stretch's own cues, sorted, found by time in logarithmic time."""

    def __init__(self, cues: list[Event]) -> None:
        self.cues = cues
        self.starts = [cue.start_ms for cue in cues]

    def within(self, start_ms: int, end_ms: int) -> list[Event]:
        low = bisect.bisect_left(self.starts, start_ms)
        return self.cues[low : bisect.bisect_left(self.starts, end_ms, lo=low)]


def _items(segments: list[Event], cues: _Cues, depth: int) -> list[_Item]:
    """The list items for ``segments``, inside ``depth`` enclosing repeats."""
    items: list[_Item] = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if len(segment.rounds) > depth:
            end = end_of_repeat(segments, index, depth)
            items.append(_repeat(segments[index:end], cues, depth))
            index = end
        elif segment.kind is Kind.HOLD:
            end = end_of_hold(segments, index)
            items.append(_hold(segments[index:end], cues))
            index = end
        elif segment.kind is Kind.REP:
            end = end_of_reps(segments, index)
            items.append(_reps(segments[index:end]))
            index = end
        elif segment.kind is Kind.BREATH:
            end = index + 1  # one breath: its phases, up to the next breath in
            while (
                end < len(segments)
                and segments[end].kind is Kind.BREATH
                and segments[end].role is not Role.INHALE
            ):
                end += 1
            items.append(_breath(segments[index:end]))
            index = end
        else:
            items.append(_single(segment))
            index += 1
    return _compact(items)


def _repeat(segments: list[Event], cues: _Cues, depth: int) -> _Item:
    count = segments[0].rounds[depth].count
    rounds, between = _between_rounds(rounds_of(segments, depth), depth)
    each = [_items(round_, cues, depth + 1) for round_ in rounds]
    shapes = {tuple(item.shape for item in items) for items in each}
    texts = {tuple((item.side, item.text) for item in items) for items in each}
    # Done on one side throughout: the repeat is on that side, so a second side that mirrors it
    # is written as "the same on the other side".
    sides = {segment.side for segment in segments}
    side = sides.pop() if len(sides) == 1 else None
    if count == 1:
        return _Item(side, f"**{_w('sheet_once')}**", ("repeat", 1, *shapes), tuple(each[0]))
    if len(texts) == 1:
        said = _w("sheet_rounds_of", count=count, between=between)
        return _Item(side, said, ("repeat", count, *shapes), tuple(each[0]))
    if len(shapes) == 1:
        said = _w("sheet_rounds_swapping", count=count, between=between)
        return _Item(side, said, ("repeat", count, *shapes), tuple(each[0]))
    children = tuple(
        _Item(None, _w("sheet_round", number=number), (), tuple(items))
        for number, items in enumerate(each, 1)
    )
    said = _w("sheet_rounds", count=count, between=between)
    return _Item(side, said, ("repeat", count, children), children)


def _between_rounds(rounds: list[list[Event]], depth: int) -> tuple[list[list[Event]], str]:
    """The rounds without the rest that opens every round but the first (a Repeat's
    ``between``), and those words for the heading: ", with a rest of 0:30 between rounds"."""
    rests = [
        round_[0]
        for round_ in rounds[1:]
        if round_[0].role is Role.REST_BETWEEN and len(round_[0].rounds) == depth + 1
    ]
    if not rests or len(rests) != len(rounds) - 1:
        return rounds, ""
    rest = rests[0]
    # The library's own "Rest" goes without saying; the author's words are quoted.
    said = "" if rest.message is not None else f" ({_md(_words(rest, rest.text, first_round=2))})"
    words = _w("sheet_rest_between", time=format_ms(rest.duration_ms), said=said)
    return [rounds[0], *(round_[1:] for round_ in rounds[1:])], words


def _author_text(event: Event) -> str:
    """The event's text as the author wrote it, sides unfilled: what both sides share."""
    if event.message is not None and event.message.key == "rep":
        return event.template or str(event.message["text"])
    return event.template or event.text


def _words(event: Event, filled: str, first_round: int = 1) -> str:
    """``filled`` (the event's words), or where they change from round to round (``{round}``),
    the words of every round at once: "set 1-3 of 3", the same in every round of the list."""
    template = event.template
    if template is None or not event.rounds or "{round" not in template:
        return filled
    count = event.rounds[-1].count
    if event.side is not None:
        template = fill_sides(template, event.side, spoken().language)
    span = str(count) if first_round == count else f"{first_round}\u2013{count}"
    return template.replace("{rounds}", str(count)).replace("{round}", span)


def _waits(segment: Event) -> str:
    """For a self-paced part, what the person waits for, as a sentence after its text."""
    waits = segment.until_message
    said = None if waits is None else render_message(waits, spoken().language)
    return "" if said is None else f" *{_sentence(_md(said))}*"


def _single(segment: Event) -> _Item:
    shape = (segment.role, segment.duration_ms, _author_text(segment), segment.until)
    if segment.kind is Kind.SWITCH:
        said = _md(_words(segment, segment.text))
        text = f"**{_w('sheet_switch')}** ({format_ms(segment.duration_ms)}): {said}"
        return _Item(None, text, ("switch", segment.duration_ms))
    if segment.kind is Kind.REST:  # a self-paced rest lasts at least its time, then waits
        length = format_ms(segment.duration_ms)
        if segment.open:
            length = _w("sheet_at_least", time=length)
        said = _md(_words(segment, segment.text)) + _waits(segment)
        text = f"**{_w('sheet_rest')}** {length}: {said}"
    elif segment.kind is Kind.BREAK:
        length = format_ms(segment.duration_ms)
        text = f"**{_w('sheet_break')}** {length}: {_md(_words(segment, segment.text))}"
    else:
        least = (
            _w("sheet_at_least", time=format_ms(segment.duration_ms)) + " " if segment.open else ""
        )
        text = least + _md(_words(segment, segment.text)) + _waits(segment)
    return _Item(segment.side, text, shape)


#: How the sheet names each phase of a breath (``WORDS["sheet_phase_<name>"]``).
_PHASES = {Role.INHALE: "in", Role.HOLD_IN: "hold", Role.EXHALE: "out", Role.HOLD_OUT: "hold"}


def _breath(phases: list[Event]) -> _Item:
    """One breath in its phases: "**Breathe** in 0:04, hold 0:07, out 0:08", a phase with the
    author's own words saying them: "in 0:04 (Pump your arms as you breathe in)"."""
    said = ", ".join(
        _w(f"sheet_phase_{_PHASES[p.role]}", time=format_ms(p.duration_ms))
        + ("" if p.message is not None else f" ({_md(_words(p, p.text))})")
        for p in phases
    )
    shape = ("breath", *((p.role, p.duration_ms, _author_text(p)) for p in phases))
    return _Item(phases[0].side, f"**{_w('sheet_breathe')}** {said}", shape)


def _hold(parts: list[Event], cues: _Cues) -> _Item:
    holds = [p for p in parts if p.kind is Kind.HOLD]
    breaks = [p for p in parts if p.kind is Kind.BREAK]
    held = sum(p.duration_ms for p in holds)
    last = holds[-1]
    least = "_at_least" if last.open else ""
    if last.breaths is not None:  # counted in breaths: the count, and the time it makes
        one = "_breath" if last.breaths == 1 else "_breaths"
        text = f"**{_w(f'sheet_hold{least}{one}', count=last.breaths)}** ({format_ms(held)})"
    else:
        text = f"**{_w(f'sheet_hold{least}', time=format_ms(held))}**"
    if breaks:
        text += _w(
            "sheet_in_parts",
            count=len(holds),
            time=format_ms(breaks[0].duration_ms),
            text=_md(_words(breaks[0], breaks[0].text)),
        )
    if holds[0].message is None or holds[0].message.key == "hold":  # the author's words, or "Hold"
        text += f": {_sentence(_md(_words(holds[0], holds[0].text)))}"
    text += _waits(last)
    during = {cue.text for part in holds for cue in cues.within(part.start_ms, part.end_ms)}
    if during:
        text += "".join(f" *{_w('sheet_cue', text=_sentence(_md(cue)))}*" for cue in sorted(during))
    shape = ("hold", held, len(holds), _author_text(holds[0]), last.until)
    return _Item(holds[0].side, text, shape)


def _reps(reps: list[Event]) -> _Item:
    first = reps[0]
    assert first.rep is not None
    both = alternating(reps, 0)
    pace = format_ms(first.duration_ms)
    count = first.rep.count
    text = _w("sheet_reps_each_side" if both else "sheet_reps", count=count, pace=pace)
    if both:
        assert first.side is not None
        text += _w("sheet_alternating", side=spoken().side(first.side))
    words = str(first.message["text"]) if first.message is not None else first.text
    text += f": {_md(_words(first, words))}{_waits(reps[-1])}"
    shape = ("reps", count, both, first.duration_ms, _author_text(first), reps[-1].until)
    return _Item(None if both else first.side, text, shape)


def _compact(items: list[_Item]) -> list[_Item]:
    """Write a second side that mirrors the first as "The same on the <side> side"."""
    result: list[_Item] = []
    index = 0
    while index < len(items):
        result.append(items[index])
        if items[index].shape[:1] == ("switch",):
            before = _side_block(result, len(result) - 2, step=-1)
            after = _side_block(items, index + 1, step=1, most=len(before))
            if (
                before
                and len(after) == len(before)
                and all(a.shape == b.shape for a, b in zip(after, reversed(before), strict=True))
            ):
                side = after[0].side
                assert side is not None
                same = _w("sheet_same_side", side=spoken().side(side))
                result.append(_Item(None, same, ("same", side)))
                index += 1 + len(after)
                continue
        index += 1
    return result


def _side_block(items: list[_Item], start: int, *, step: int, most: int = -1) -> list[_Item]:
    """The run of items on one side from ``start`` on, forwards or backwards (``step``), at most
    ``most`` long (``-1``: any); nothing is copied but the run itself, so this stays linear."""
    block: list[_Item] = []
    if not 0 <= start < len(items) or items[start].side is None:
        return block
    side = items[start].side
    index = start
    while 0 <= index < len(items) and items[index].side == side and len(block) != most:
        block.append(items[index])
        index += step
    return block


def _md(text: str) -> str:
    """Plain text made safe inside Markdown: whitespace collapsed, markup characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", " ".join(printable(text).split()))


def _sentence(text: str) -> str:
    return text if not text or text[-1] in ".!?" else text + "."
