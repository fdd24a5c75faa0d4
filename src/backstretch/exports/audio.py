"""Audio guide (``.wav``): the routine as one spoken track, to follow with eyes closed.

Each part's instruction is spoken at its start, cues (halfway, a hold's own cue, switch prompt,
next up) as they come, a short beep for each countdown tick (a higher one on the last, tick 1),
and a chime when the routine ends, after every word; holds are silent. What sounds is chosen by
each event's role. The speech comes from a :class:`~backstretch.speech.Synthesizer` (espeak-ng by
default).

**Speech must fit.** An instruction and the cues that start with it are one utterance, anchored
at its time; a cue alone may slide later, to after the speech before it. When an utterance would
run into the next anchored sound (the next part, a beep, the chime), it is spoken faster, up to
``MAX_SPEEDUP`` times the chosen rate; what still does not fit is a :class:`Collision`, reported
with the events and by how much (``strict=True`` raises :class:`SpeechFitError` instead).

The track is mono 16-bit PCM; its length is the timeline's total and the chime after it, at the
sample rate (``(total_ms + CHIME_MS) * rate // 1000`` frames); the chapters are cue points with
labels in the file.
The same routine and engine give the same bytes.
"""

from __future__ import annotations

import functools
import io
import math
import os
import struct
import sys
from array import array
from typing import BinaryIO, Literal

import attrs

from .._base.files import atomic_file
from .._base.kinds import Kind, Role
from .._base.text import BEEP_MS, WORDS_PER_MINUTE, length_problem, printable
from .._base.time import format_ms, shown
from .._i18n.words import language_of
from .._timeline.messages import render_message
from .._timeline.timeline import Timeline
from ..exceptions import LimitError, SpeechError, SpeechFitError
from ..speech import Clip, EspeakNg, Synthesizer, espeak_voice

__all__ = [
    "MAX_LENGTH_MS",
    "MAX_SPEEDUP",
    "WORDS_PER_MINUTE",
    "Collision",
    "Guide",
    "Sound",
    "guide",
    "render",
    "write_guide",
]

#: How much faster than WORDS_PER_MINUTE speech may go to fit before the next sound.
MAX_SPEEDUP = 1.5
#: Samples quieter than this at either end of a clip are trimmed (espeak-ng pads its speech).
QUIET = 64
#: The longest audio guide: six hours, about 950 MB of WAV (the default Limits.max_total).
MAX_LENGTH_MS = 6 * 3_600_000
#: The end chime, after the routine's end: the track is this much longer than the timeline.
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
    #: The WAV file's bytes (empty from write_guide, which writes them to its file).
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
    """Render ``timeline`` as a spoken track, in memory (about 2.6 MB a minute: for a long
    routine, :func:`write_guide` streams it to a file instead); ``strict`` raises SpeechFitError
    on any collision."""
    stream = io.BytesIO()
    placed = _render(timeline, stream, synthesizer, strict, words_per_minute)
    return attrs.evolve(placed, wav=stream.getvalue())


def write_guide(
    timeline: Timeline,
    path: str | os.PathLike[str],
    *,
    synthesizer: Synthesizer | None = None,
    strict: bool = False,
    words_per_minute: int = WORDS_PER_MINUTE,
) -> Guide:
    """Render ``timeline`` straight into the WAV file ``path``, atomically and in bounded memory
    (one utterance and a few seconds of track at a time, whatever the routine's length). The
    Guide returned says where each sound went; its ``wav`` is empty (the track is in the file).
    On SpeechFitError (``strict``) or any other failure, no file is written."""
    with atomic_file(path) as stream:
        return _render(timeline, stream, synthesizer, strict, words_per_minute)


def _render(
    timeline: Timeline,
    stream: BinaryIO,
    synthesizer: Synthesizer | None,
    strict: bool,
    words_per_minute: int,
) -> Guide:
    if timeline.total_ms > MAX_LENGTH_MS:
        raise LimitError(
            f"an audio guide lasts at most {format_ms(MAX_LENGTH_MS)} (audio.MAX_LENGTH_MS); "
            f"this routine lasts {format_ms(timeline.total_ms)}"
        )
    # The timeline's language speaks with espeak-ng's voice for it.
    engine = synthesizer if synthesizer is not None else EspeakNg(voice=espeak_voice(timeline))
    rate = engine.sample_rate
    frames = (timeline.total_ms + CHIME_MS) * rate // 1000
    chapters = [(c.start_ms * rate // 1000, printable(c.title)) for c in timeline.chapters]
    track = _Track(stream, rate, frames, chapters)
    items = _items(timeline)
    limits = _limits(items, rate, frames)
    sounds: list[Sound] = []
    free = 0
    for index, item in enumerate(items):
        # No sound after this one can start before this item is due: the track up to here is
        # final, and goes to the file now.
        track.flush_before(item.due_ms * rate // 1000)
        sound, samples = _place(item, engine, timeline, free, limits[index], words_per_minute)
        track.add(sound.start, samples)
        sounds.append(sound)
        free = max(free, sound.end)
    collisions = _collisions(sounds, limits, rate)
    if strict and collisions:
        raise SpeechFitError(collisions)
    track.close()
    return Guide(rate, frames, tuple(sounds), collisions, b"")


def _limits(items: list[_Item], rate: int, frames: int) -> list[int]:
    """Where each item's next anchored sound starts: the frame its speech must end by."""
    limits = [frames] * len(items)
    next_anchored = frames
    for index in range(len(items) - 1, -1, -1):
        limits[index] = next_anchored
        if items[index].anchored:
            next_anchored = items[index].due_ms * rate // 1000
    return limits


def _collisions(sounds: list[Sound], limits: list[int], rate: int) -> tuple[Collision, ...]:
    """Each sound that runs past its limit, and the sound it runs into: the first anchored sound
    after it that starts at the limit. One pass from the end, so linear."""
    later: dict[int, Sound] = {}  # the first anchored sound after the current one, by start
    collisions = []
    for sound, limit in zip(reversed(sounds), reversed(limits), strict=True):
        if sound.end > limit:
            overlap_ms = math.ceil((sound.end - limit) * 1000 / rate)
            collisions.append(Collision(sound, later.get(limit), overlap_ms))
        if sound.anchored:
            later[sound.start] = sound
    return tuple(reversed(collisions))


class _Track:
    """A mono 16-bit WAV written as it is made: the header first (every size is known from the
    start), then the samples, kept in memory only from the first frame still open to the last
    one placed, then the chapters as cue points."""

    #: Silence is written in pieces of this many frames.
    SILENCE = 22050

    def __init__(
        self, stream: BinaryIO, rate: int, frames: int, chapters: list[tuple[int, str]]
    ) -> None:
        self.stream = stream
        self.frames = frames
        self.written = 0  # frames already in the file
        self.pending = array("h")  # frames from ``written`` on
        self.tail = _cue_chunks(chapters)
        data_bytes = 2 * frames
        riff_bytes = 4 + (8 + 16) + (8 + data_bytes) + len(self.tail)
        header = b"RIFF" + struct.pack("<I", riff_bytes) + b"WAVE"
        header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
        header += b"data" + struct.pack("<I", data_bytes)
        stream.write(header)

    def add(self, start: int, samples: array[int]) -> None:
        """Mix ``samples`` into the track from frame ``start`` (cut at its end)."""
        end = min(start + len(samples), self.frames)
        if start >= end:
            return
        offset, need = start - self.written, end - self.written
        pending = self.pending
        if offset >= len(pending):  # after everything placed so far: no mixing
            pending.extend(array("h", bytes(2 * (offset - len(pending)))))
            pending.extend(samples[: end - start])
            return
        overlap = min(len(pending), need) - offset  # an overlap, reported as a collision
        for index in range(overlap):
            mixed = pending[offset + index] + samples[index]
            pending[offset + index] = max(-32768, min(32767, mixed))
        pending.extend(samples[overlap : end - start])

    def flush_before(self, frame: int) -> None:
        """Write every frame before ``frame``: nothing will be placed there any more."""
        frame = min(frame, self.frames)
        if frame <= self.written:
            return
        count = frame - self.written
        ready, self.pending = self.pending[:count], self.pending[count:]
        self._write(ready)
        self._silence(count - len(ready))
        self.written = frame

    def close(self) -> None:
        self.flush_before(self.frames)
        self.stream.write(self.tail)

    def _write(self, samples: array[int]) -> None:
        if sys.byteorder == "big":  # pragma: no cover - WAV samples are little-endian
            samples = array("h", samples)
            samples.byteswap()
        self.stream.write(samples.tobytes())

    def _silence(self, count: int) -> None:
        while count > 0:
            piece = min(count, self.SILENCE)
            self.stream.write(bytes(2 * piece))
            count -= piece


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
        # A self-paced part says what to wait for: the listener pauses the guide until then.
        waits = event.until_message
        said = (
            (event.text,)
            if waits is None
            else (event.text, render_message(waits, language_of(timeline)))
        )
        last = items[-1] if items else None
        if last is not None and last.kind == "speech" and last.due_ms == event.start_ms:
            items[-1] = attrs.evolve(
                last,
                texts=(*last.texts, *said),
                event_ids=(*last.event_ids, event.id),
                anchored=last.anchored or anchored,
            )
        else:
            items.append(_Item("speech", said, (event.id,), event.start_ms, anchored))
    # The chime sounds when the routine ends, after the last words (which must end by then).
    end_ids = tuple(e.id for e in timeline.markers if e.kind is Kind.END)
    items.append(_Item("chime", ("end chime",), end_ids, timeline.total_ms, True))
    items.sort(key=lambda item: item.due_ms)  # stable: the chime after what is due with it
    return [item for item in items if any(text.strip() for text in item.texts)]


def _place(
    item: _Item,
    engine: Synthesizer,
    timeline: Timeline,
    free: int,
    limit: int,
    words_per_minute: int,
) -> tuple[Sound, array[int]]:
    """Where ``item`` sounds and its samples: at its time if anchored, else after the sound
    before it (``free``); speech sped up (up to MAX_SPEEDUP) to end by ``limit`` if it can."""
    rate = engine.sample_rate
    due = item.due_ms * rate // 1000
    start = due if item.anchored else max(due, free)
    wpm: int | None = None
    if item.kind == "beep":
        samples = _beep(rate, high=item.high)
    elif item.kind == "chime":
        samples = _chime(rate, CHIME_MS)
    else:
        for said in item.texts:
            problem = length_problem(said)
            if problem:  # a timeline made or loaded some other way: still no hang
                where = ", ".join(item.event_ids)
                raise SpeechError(f"{where}: cannot say {shown(said[:100])}: it {problem}")
        text = " ".join(_sentence(t) for t in item.texts)
        wpm = words_per_minute
        samples = _speech(engine, text, wpm, item.event_ids)
        room = limit - start
        fastest = math.floor(words_per_minute * MAX_SPEEDUP)
        while len(samples) > room and wpm < fastest:
            wanted = math.ceil(wpm * len(samples) / max(1, room) * 1.04)
            wpm = min(fastest, max(wpm + 1, wanted))
            samples = _speech(engine, text, wpm, item.event_ids)
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
    return sound, samples


def _speech(
    engine: Synthesizer, text: str, words_per_minute: int, event_ids: tuple[str, ...]
) -> array[int]:
    """``text`` spoken, trimmed; whatever goes wrong is a SpeechError naming the events."""
    where = ", ".join(event_ids)
    try:
        clip: Clip = engine.synthesize(text, words_per_minute=words_per_minute)
    except SpeechError as error:
        raise SpeechError(f"{where}: {error}") from None
    except Exception as error:  # an app's own synthesizer: still one of our errors
        raise SpeechError(f"{where}: the synthesizer failed: {error!r}"[:300]) from error
    if clip.sample_rate != engine.sample_rate:
        raise SpeechError(
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


@functools.lru_cache(maxsize=8)
def _beep(rate: int, *, high: bool) -> array[int]:
    """A countdown beep (made once per rate and pitch: a routine has hundreds)."""
    return _tone(rate, BEEP_MS, [(1320.0 if high else 880.0, 9000.0)], 0.0)


@functools.lru_cache(maxsize=8)
def _chime(rate: int, ms: int) -> array[int]:
    return _tone(rate, ms, [(659.25, 7000.0), (987.77, 5000.0), (1318.5, 2500.0)], 3.0)


def _cue_chunks(chapters: list[tuple[int, str]]) -> bytes:
    """Each chapter as a cue point with a label (RIFF ``cue `` and ``adtl`` chunks)."""
    if not chapters:
        return b""
    points = b"".join(
        struct.pack("<II4sIII", number, frame, b"data", 0, 0, frame)
        for number, (frame, _) in enumerate(chapters, start=1)
    )
    data = b"cue " + struct.pack("<II", 4 + len(points), len(chapters)) + points
    labels = b""
    for number, (_, title) in enumerate(chapters, start=1):
        text = title.encode("utf-8") + b"\0"
        labels += b"labl" + struct.pack("<II", 4 + len(text), number) + text
        labels += b"\0" * (len(text) % 2)
    return data + b"LIST" + struct.pack("<I", 4 + len(labels)) + b"adtl" + labels


def _sentence(text: str) -> str:
    text = " ".join(printable(text).split())
    return text if not text or text[-1] in ".!?:;" else text + "."


def _quote(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
