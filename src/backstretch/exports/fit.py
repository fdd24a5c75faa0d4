"""Garmin FIT workout (``.fit``): a workout a watch can play, written with Garmin's FIT SDK.

One workout step per segment, timed in milliseconds: sport ``training``, sub-sport
``flexibility_training``; rests, breaks and side switches have ``rest`` intensity, the rest
``active``. The step name is a short label a watch can show (``Hold LEFT``); the notes carry the
full instruction. FIT strings hold at most 254 bytes, so a longer instruction is spread over
consecutive steps that share its time (split without losing a millisecond), none of it cut.
"""

from __future__ import annotations

import importlib
import zlib
from typing import Any

from .._kinds import Kind
from .._time import split_ms
from .._timeline import Event, Timeline
from ..exceptions import NotInstalledError

#: The most UTF-8 bytes a FIT string field holds (255 with its terminating NUL).
MAX_STRING_BYTES = 254
#: Step names are kept short enough for a watch face.
MAX_NAME_BYTES = 32

REST_KINDS = frozenset({Kind.REST, Kind.BREAK, Kind.SWITCH})
LABELS = {
    Kind.TITLE: "Welcome",
    Kind.ANNOUNCE: "About",
    Kind.CAUTION: "Caution",
    Kind.MODIFICATION: "If needed",
    Kind.STEP: "Step",
    Kind.HOLD: "Hold",
    Kind.SWITCH: "Switch sides",
    Kind.REP: "Rep",
    Kind.REST: "Rest",
    Kind.BREAK: "Break",
}


def steps(timeline: Timeline) -> list[dict[str, Any]]:
    """The workout steps, as FIT SDK messages (without ``mesg_num``)."""
    result: list[dict[str, Any]] = []
    for segment in timeline.segments:
        notes = chunks(" ".join(segment.text.split()), MAX_STRING_BYTES)
        for part, (text, duration_ms) in enumerate(
            zip(notes, split_ms(segment.duration_ms, len(notes)), strict=True)
        ):
            name = _name(segment) + (f" {part + 1}/{len(notes)}" if len(notes) > 1 else "")
            result.append(
                {
                    "message_index": len(result),
                    "wkt_step_name": name,
                    "duration_type": "time",
                    "duration_value": duration_ms,  # the SDK's duration_time, in milliseconds
                    "target_type": "open",
                    "intensity": "rest" if segment.kind in REST_KINDS else "active",
                    "notes": text,
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
    workout_steps = steps(timeline)
    encoder.write_mesg(
        {
            "mesg_num": sdk.Profile["mesg_num"]["WORKOUT"],
            "sport": "training",
            "sub_sport": "flexibility_training",
            "num_valid_steps": len(workout_steps),
            "wkt_name": chunks(" ".join(timeline.title.split()), MAX_STRING_BYTES)[0],
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
    label = LABELS.get(segment.kind, segment.kind.value.capitalize())
    side = f" {segment.side.value.upper()}" if segment.side else ""
    return chunks(f"{label}{side}", MAX_NAME_BYTES)[0]


def _sdk() -> Any:
    try:
        return importlib.import_module("garmin_fit_sdk")
    except ImportError:
        raise NotInstalledError(
            "FIT workouts need Garmin's FIT SDK: pip install 'backstretch[fit]'"
        ) from None
