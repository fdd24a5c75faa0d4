"""Garmin FIT workout (``.fit``): a workout a watch can play, written with Garmin's FIT SDK.

Sport ``training``, sub-sport ``flexibility_training``. A workout step per segment, timed in
milliseconds; rests, breaks and side switches have ``rest`` intensity, the rest ``active``. The
reps of one Reps node are one ``repetition_time`` step (``Reps 7 each side``), timed like them. A
Repeat whose rounds are the same steps is written once and followed by a repeat step
(``repeat_until_steps_cmplt``: back to its first step, ``target_value`` the number of rounds in
all), so a watch shows "3 rounds" as FIT says it; rounds that differ (sides that swap each round)
are written out. The step name is a short label a watch can show (``Hold LEFT``); the notes
carry the full instruction. FIT strings hold at most 254 bytes, so a longer instruction is
spread over consecutive steps that share its time (split without losing a millisecond), none of
it cut.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Sequence
from typing import Any

from .._base.kinds import Kind, Role
from .._base.text import printable
from .._base.time import split_ms
from .._i18n.words import speaking, spoken
from .._timeline.messages import render_message
from .._timeline.timeline import Event, Timeline
from ..exceptions import LimitError, NotInstalledError
from ._structure import alternating, end_of_repeat, end_of_reps, rounds_of

#: The most UTF-8 bytes a FIT string field holds (255 with its terminating NUL).
MAX_STRING_BYTES = 254
#: The most steps a FIT workout holds: a step's ``message_index`` is a 16-bit number.
MAX_STEPS = 65_535
#: Step names are kept short enough for a watch face.
MAX_NAME_BYTES = 32

REST_KINDS = frozenset({Kind.REST, Kind.BREAK, Kind.SWITCH})
#: Step names by kind (``WORDS`` keys); a role of its own (what a stretch needs) overrides its
#: kind's. The lap-button step that ends a self-paced part is ``WORDS["fit_when_ready"]``.
LABELS: dict[str, str] = {
    Role.PROPS: "label_props",
    Kind.TITLE: "label_title",
    Kind.ANNOUNCE: "fit_about",
    Kind.CAUTION: "label_caution",
    Kind.MODIFICATION: "fit_if_needed",
    Kind.STEP: "fit_step",
    Kind.HOLD: "label_hold",
    Kind.BREATH: "label_breath",
    Kind.SWITCH: "label_switch",
    Kind.REP: "fit_rep",
    Kind.REST: "label_rest",
    Kind.BREAK: "label_break",
}


def steps(timeline: Timeline) -> list[dict[str, Any]]:
    """The workout steps, as FIT SDK messages (without ``mesg_num``). A skip note (what was left
    out, and why) opens the notes of the step it falls in: a watch has no other place for it."""
    skips: dict[str, list[str]] = {}
    for marker in timeline.markers:
        inside = timeline.at(marker.start_ms) if marker.kind is Kind.SKIP else None
        if inside is not None:
            skips.setdefault(inside.id, []).append(marker.text)
    return _blocks(timeline.segments, 0, skips)


def _blocks(
    segments: Sequence[Event], depth: int, skips: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Steps for ``segments`` inside ``depth`` repeats, numbered from 0 (see ``_shifted``)."""
    result: list[dict[str, Any]] = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if len(segment.rounds) > depth:
            end = end_of_repeat(segments, index, depth)
            made = _repeat(segments[index:end], depth, skips)
        else:
            if segment.kind is Kind.REP:
                end = end_of_reps(segments, index)
                made = _reps(segments[index:end], both=alternating(segments, index))
            else:
                end = index + 1
                made = _timed(segment, skips.get(segment.id, ()))
            waits = segments[end - 1].until_message
            if waits is not None:  # self-paced: the least time, then until the lap button
                said = render_message(waits, spoken().language)
                made += _shifted(_open(said), len(made))
        result += _shifted(made, len(result))
        index = end
    return result


def _repeat(
    segments: Sequence[Event], depth: int, skips: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """A Repeat whose rounds are the same steps is written once, then a repeat step; rounds that
    differ (sides that swap from round to round) are written out."""
    rounds = [_blocks(round_, depth + 1, skips) for round_ in rounds_of(segments, depth)]
    count = len(rounds)
    if count == 1 or any(round_ != rounds[0] for round_ in rounds[1:]):
        written: list[dict[str, Any]] = []
        for round_ in rounds:
            written += _shifted(round_, len(written))
        return written
    repeat = {
        "message_index": len(rounds[0]),
        "wkt_step_name": chunks(spoken()("fit_repeat", count=count), MAX_NAME_BYTES)[0],
        "duration_type": "repeat_until_steps_cmplt",
        "duration_value": 0,  # the first step of the block: shifted with it
        "target_type": "open",
        "target_value": count,  # the block is done this many times in all
    }
    return [*rounds[0], repeat]


def _shifted(steps: list[dict[str, Any]], base: int) -> list[dict[str, Any]]:
    """Steps renumbered to start at ``base``; a repeat step's target step moves with them."""
    if not base:
        return steps
    moved = []
    for step in steps:
        step = {**step, "message_index": step["message_index"] + base}
        if step["duration_type"] == "repeat_until_steps_cmplt":
            step["duration_value"] += base
        moved.append(step)
    return moved


def _reps(reps: Sequence[Event], *, both: bool) -> list[dict[str, Any]]:
    """One Reps node as one timed step of repetitions: the count in its name, the movement in
    its notes."""
    first = reps[0]
    assert first.rep is not None
    words = str(first.message["text"]) if first.message is not None else first.text
    said = spoken()
    if both:
        label = said("fit_reps_each_side", count=first.rep.count)
    else:
        side = f" {said.side(first.side).upper()}" if first.side else ""
        label = said("fit_reps", count=first.rep.count) + side
    duration_ms = sum(r.duration_ms for r in reps)
    return _step_texts(label, words, duration_ms, "repetition_time", "active")


def _open(text: str) -> list[dict[str, Any]]:
    """A step that lasts until the person presses the lap button: the end of a self-paced part."""
    return [
        {
            "message_index": 0,
            "wkt_step_name": chunks(spoken()("fit_when_ready"), MAX_NAME_BYTES)[0],
            "duration_type": "open",
            "target_type": "open",
            "intensity": "active",
            "notes": chunks(" ".join(printable(text).split()), MAX_STRING_BYTES)[0],
        }
    ]


def _timed(segment: Event, skips: Sequence[str]) -> list[dict[str, Any]]:
    intensity = "rest" if segment.kind in REST_KINDS else "active"
    text = " ".join((*skips, segment.text))
    return _step_texts(_name(segment), text, segment.duration_ms, "time", intensity)


def _step_texts(
    label: str, text: str, duration_ms: int, duration_type: str, intensity: str
) -> list[dict[str, Any]]:
    """Steps for one timed thing; a text too long for one FIT string spreads over several steps
    that share its time."""
    notes = chunks(" ".join(printable(text).split()), MAX_STRING_BYTES)
    result = []
    for part, (note, part_ms) in enumerate(
        zip(notes, split_ms(duration_ms, len(notes)), strict=True)
    ):
        name = chunks(label, MAX_NAME_BYTES)[0]
        if len(notes) > 1:
            name = chunks(f"{label} {part + 1}/{len(notes)}", MAX_NAME_BYTES)[0]
        result.append(
            {
                "message_index": part,
                "wkt_step_name": name,
                "duration_type": duration_type,
                "duration_value": part_ms,  # the SDK's duration_time, in milliseconds
                "target_type": "open",
                "intensity": intensity,
                "notes": note,
            }
        )
    return result


def render(timeline: Timeline) -> bytes:
    sdk = _sdk()
    encoder = sdk.Encoder()
    encoder.write_mesg(
        {
            "mesg_num": sdk.Profile["mesg_num"]["FILE_ID"],
            "type": "workout",
            "manufacturer": "development",
            "product": 0,
            # Stable for the same timeline, so the same routine gives the same bytes.
            "serial_number": zlib.crc32(repr(timeline).encode("utf-8")) or 1,
        }
    )
    with speaking(timeline):
        workout_steps = steps(timeline)
    if len(workout_steps) > MAX_STEPS:
        raise LimitError(
            f"this workout needs {len(workout_steps):,} FIT steps; a FIT workout holds at most "
            f"{MAX_STEPS:,} (and many watches far fewer): shorten the routine, or export it to "
            f"another format"
        )
    encoder.write_mesg(
        {
            "mesg_num": sdk.Profile["mesg_num"]["WORKOUT"],
            "sport": "training",
            "sub_sport": "flexibility_training",
            "num_valid_steps": len(workout_steps),
            "wkt_name": chunks(" ".join(printable(timeline.title).split()), MAX_STRING_BYTES)[0],
        }
    )
    for step in workout_steps:
        encoder.write_mesg({"mesg_num": sdk.Profile["mesg_num"]["WORKOUT_STEP"], **step})
    data: bytes = encoder.close()
    return data


def chunks(text: str, max_bytes: int) -> list[str]:
    """``text`` cut at spaces into pieces of at most ``max_bytes`` UTF-8 bytes (a word longer than
    that is cut between characters); ``[""]`` for no text."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate.encode("utf-8")) <= max_bytes:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(word.encode("utf-8")) > max_bytes:
            cut = max_bytes
            while len(word[:cut].encode("utf-8")) > max_bytes:
                cut -= 1
            pieces.append(word[:cut])
            word = word[cut:]
        current = word
    pieces.append(current)
    return pieces


def _name(segment: Event) -> str:
    said = spoken()
    key = LABELS.get(segment.role) or LABELS.get(segment.kind)
    label = said(key) if key else segment.kind.value.capitalize()
    side = f" {said.side(segment.side).upper()}" if segment.side else ""
    return f"{label}{side}"


def _sdk() -> Any:
    try:
        return importlib.import_module("garmin_fit_sdk")
    except ImportError:
        raise NotInstalledError(
            "FIT workouts need Garmin's FIT SDK: pip install 'backstretch[fit]'"
        ) from None
