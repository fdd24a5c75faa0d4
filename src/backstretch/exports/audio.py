"""Audio guide (``.wav``): the routine as one spoken track, to follow with eyes closed.

Each part's instruction is spoken at its start, cues (halfway, a hold's own cue, switch prompt,
next up) as they come, a short beep for each countdown tick (a higher one on the last, tick 1),
and a chime to end; holds are silent. What sounds is chosen by each event's role. The speech
comes from a :class:`~backstretch.speech.Synthesizer` (espeak-ng by default).

**Speech must fit.** An instruction and the cues that start with it are one utterance, anchored
at its time; a cue alone may slide later, to after the speech before it. When an utterance would
run into the next anchored sound (the next part, a beep, the chime), it is spoken faster, up to
``MAX_SPEEDUP`` times the chosen rate; what still does not fit is a :class:`Collision`, reported
with the events and by how much (``strict=True`` raises :class:`SpeechFitError` instead).

The track is mono 16-bit PCM; its length is the timeline's total at the sample rate
(``total_ms * rate // 1000`` frames); the chapters are cue points with labels in the file.
The same routine and engine give the same bytes.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from array import array
from typing import Literal

import attrs

from .._kinds import Kind, Role
from .._text import printable
from .._time import format_ms
from .._timeline import Timeline
from ..exceptions import SpeechFitError
from ..speech import Clip, EspeakNg, Synthesizer

__all__ = ["MAX_SPEEDUP", "WORDS_PER_MINUTE", "Collision", "Guide", "Sound", "guide", "render"]

#: The speaking rate, and how much faster speech may go to fit before the next sound.
WORDS_PER_MINUTE = 165
MAX_SPEEDUP = 1.5
#: Samples quieter than this at either end of a clip are trimmed (espeak-ng pads its speech).
QUIET = 64
BEEP_MS = 150
CHIME_MS = 900


@attrs.frozen
class Sound:
    """One sound placed on the track: what, for which events, and where (in frames)."""

    kind: Literal["speech", "beep", "chime"]
    text: str
    event_ids: tuple[str, ...]
    due_ms: int
    anchored: bool
    start: int
    frames: int
    words_per_minute: int | None = None

    @property
    def end(self) -> int:
        return self.start + self.frames


@attrs.frozen
class Collision:
    """A sound that runs into the next anchored one (or past the end of the track)."""

    sound: Sound
    into: Sound | None  # None: the end of the track
    overlap_ms: int

    def __str__(self) -> str:
        what = f"{self.sound.kind} {_quote(self.sound.text)}"
        if self.into is None:
            target = "the end of the track"
        else:
            target = f"{self.into.kind} {_quote(self.into.text)} at {format_ms(self.into.due_ms)}"
        return (
            f"{format_ms(self.sound.due_ms)} {what} ({', '.join(self.sound.event_ids)}) runs "
            f"{self.overlap_ms} ms into {target}"
        )


@attrs.frozen
class Guide:
    """A rendered audio guide: the WAV bytes and how its sounds were placed."""

    sample_rate: int
    frames: int
    sounds: tuple[Sound, ...]
    collisions: tuple[Collision, ...]
    wav: bytes


@attrs.frozen
class _Item:
    kind: Literal["speech", "beep", "chime"]
    texts: tuple[str, ...]
    event_ids: tuple[str, ...]
    due_ms: int
    anchored: bool
    high: bool = False


def render(
    timeline: Timeline,
    *,
    synthesizer: Synthesizer | None = None,
    strict: bool = False,
    words_per_minute: int = WORDS_PER_MINUTE,
) -> bytes:
    """The WAV bytes of the guide (see :func:`guide`)."""
    return guide(
        timeline, synthesizer=synthesizer, strict=strict, words_per_minute=words_per_minute
    ).wav


def guide(
    timeline: Timeline,
    *,
    synthesizer: Synthesizer | None = None,
    strict: bool = False,
    words_per_minute: int = WORDS_PER_MINUTE,
) -> Guide:
    """Render ``timeline`` as a spoken track; ``strict`` raises SpeechFitError on any collision."""
    engine = synthesizer if synthesizer is not None else EspeakNg()
    rate = engine.sample_rate
    frames = timeline.total_ms * rate // 1000
    sounds, clips, collisions = _place(timeline, engine, frames, words_per_minute)
    if strict and collisions:
        raise SpeechFitError(collisions)
    track = array("h", bytes(2 * frames))
    placed_end = 0
    for sound, samples in zip(sounds, clips, strict=True):
        end = min(sound.end, frames)
        if sound.start >= end:
            continue
        if sound.start >= placed_end:
            track[sound.start : end] = samples[: end - sound.start]
        else:  # an overlap, already reported as a collision: mix, clipped to 16 bits
            for offset in range(end - sound.start):
                mixed = track[sound.start + offset] + samples[offset]
                track[sound.start + offset] = max(-32768, min(32767, mixed))
        placed_end = max(placed_end, end)
    if sys.byteorder == "big":  # pragma: no cover - WAV samples are little-endian
        track.byteswap()
    chapters = [(c.start_ms * rate // 1000, printable(c.title)) for c in timeline.chapters]
    return Guide(rate, frames, sounds, tuple(collisions), _wav(track.tobytes(), rate, chapters))


def _items(timeline: Timeline) -> list[_Item]:
    """What to sound, in time order; speech due at the same time is one utterance."""
    items: list[_Item] = []
    for event in timeline.events:
        if event.kind is Kind.END:
            continue
        if event.role is Role.COUNTDOWN:  # a beep, higher on the last tick
            high = event.tick == 1
            items.append(_Item("beep", (event.text,), (event.id,), event.start_ms, True, high))
            continue
        anchored = not event.is_marker
        last = items[-1] if items else None
        if last is not None and last.kind == "speech" and last.due_ms == event.start_ms:
            items[-1] = attrs.evolve(
                last,
                texts=(*last.texts, event.text),
                event_ids=(*last.event_ids, event.id),
                anchored=last.anchored or anchored,
            )
        else:
            items.append(_Item("speech", (event.text,), (event.id,), event.start_ms, anchored))
    chime_ms = max(0, timeline.total_ms - CHIME_MS)
    end_ids = tuple(e.id for e in timeline.markers if e.kind is Kind.END)
    items.append(_Item("chime", ("end chime",), end_ids, chime_ms, True))
    items.sort(key=lambda item: item.due_ms)  # stable: the chime after what is due with it
    return [item for item in items if any(text.strip() for text in item.texts)]


def _place(
    timeline: Timeline, engine: Synthesizer, frames: int, words_per_minute: int
) -> tuple[tuple[Sound, ...], list[array[int]], list[Collision]]:
    rate = engine.sample_rate
    items = _items(timeline)
    # Where each item's next anchored sound starts: the limit speech must end by.
    limits = [frames] * len(items)
    next_anchored = frames
    for index in range(len(items) - 1, -1, -1):
        limits[index] = next_anchored
        if items[index].anchored:
            next_anchored = items[index].due_ms * rate // 1000
    sounds: list[Sound] = []
    clips: list[array[int]] = []
    free = 0
    for index, item in enumerate(items):
        due = item.due_ms * rate // 1000
        start = due if item.anchored else max(due, free)
        wpm: int | None = None
        if item.kind == "beep":
            samples = _beep(rate, high=item.high)
        elif item.kind == "chime":
            samples = _chime(rate, min(CHIME_MS, timeline.total_ms))
        else:
            text = " ".join(_sentence(t) for t in item.texts)
            wpm = words_per_minute
            samples = _speech(engine, text, wpm)
            room = limits[index] - start
            fastest = math.floor(words_per_minute * MAX_SPEEDUP)
            while len(samples) > room and wpm < fastest:
                wanted = math.ceil(wpm * len(samples) / max(1, room) * 1.04)
                wpm = min(fastest, max(wpm + 1, wanted))
                samples = _speech(engine, text, wpm)
        sound = Sound(
            item.kind,
            " ".join(item.texts),
            item.event_ids,
            item.due_ms,
            item.anchored,
            start,
            len(samples),
            wpm,
        )
        sounds.append(sound)
        clips.append(samples)
        free = max(free, sound.end)
    collisions = []
    for index, sound in enumerate(sounds):
        limit = limits[index]
        if sound.end > limit:
            into = next((s for s in sounds[index + 1 :] if s.anchored and s.start == limit), None)
            overlap_ms = math.ceil((sound.end - limit) * 1000 / rate)
            collisions.append(Collision(sound, into, overlap_ms))
    return tuple(sounds), clips, collisions


def _speech(engine: Synthesizer, text: str, words_per_minute: int) -> array[int]:
    clip: Clip = engine.synthesize(text, words_per_minute=words_per_minute)
    if clip.sample_rate != engine.sample_rate:
        raise ValueError(
            f"the synthesizer said its rate is {engine.sample_rate} Hz but gave "
            f"{clip.sample_rate} Hz"
        )
    samples = array("h", clip.samples)
    if sys.byteorder == "big":  # pragma: no cover
        samples.byteswap()
    first = next((i for i, v in enumerate(samples) if abs(v) >= QUIET), len(samples))
    last = next((i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) >= QUIET), -1)
    return samples[first : last + 1]


def _tone(rate: int, ms: int, parts: list[tuple[float, float]], decay: float) -> array[int]:
    """A sum of sines (frequency, amplitude), faded in and out over 5 ms, decaying."""
    count = rate * ms // 1000
    fade = max(1, rate * 5 // 1000)
    samples = array("h")
    for n in range(count):
        t = n / rate
        value = sum(a * math.sin(2 * math.pi * f * t) for f, a in parts) * math.exp(-decay * t)
        edge = min(1.0, n / fade, (count - 1 - n) / fade)
        samples.append(round(value * edge))
    return samples


def _beep(rate: int, *, high: bool) -> array[int]:
    return _tone(rate, BEEP_MS, [(1320.0 if high else 880.0, 9000.0)], 0.0)


def _chime(rate: int, ms: int) -> array[int]:
    return _tone(rate, ms, [(659.25, 7000.0), (987.77, 5000.0), (1318.5, 2500.0)], 3.0)


def _wav(pcm: bytes, rate: int, chapters: list[tuple[int, str]]) -> bytes:
    """Mono 16-bit WAV, each chapter a cue point with a label (RIFF ``cue `` and ``adtl``)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as write:
        write.setnchannels(1)
        write.setsampwidth(2)
        write.setframerate(rate)
        write.writeframes(pcm)
    data = bytearray(out.getvalue())
    if chapters:
        points = b"".join(
            struct.pack("<II4sIII", number, frame, b"data", 0, 0, frame)
            for number, (frame, _) in enumerate(chapters, start=1)
        )
        data += b"cue " + struct.pack("<II", 4 + len(points), len(chapters)) + points
        labels = b""
        for number, (_, title) in enumerate(chapters, start=1):
            text = title.encode("utf-8") + b"\0"
            labels += b"labl" + struct.pack("<II", 4 + len(text), number) + text
            labels += b"\0" * (len(text) % 2)
        data += b"LIST" + struct.pack("<I", 4 + len(labels)) + b"adtl" + labels
        data[4:8] = struct.pack("<I", len(data) - 8)
    return bytes(data)


def _sentence(text: str) -> str:
    text = " ".join(printable(text).split())
    return text if not text or text[-1] in ".!?:;" else text + "."


def _quote(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
