"""The audio guide: read back with the standard library (wave, struct), speech that fits."""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from array import array
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstretch import (
    LANGUAGES,
    BackstretchError,
    Cues,
    Event,
    Hold,
    InvalidValueError,
    Kind,
    Level,
    NotInstalledError,
    PerSide,
    Repeat,
    Reps,
    Role,
    Routine,
    SpeechError,
    SpeechFitError,
    Step,
    Stretch,
    Timeline,
    catalog,
    compile_routine,
    strategies,
)
from backstretch.exports import audio, write_to_bytes
from backstretch.speech import Clip, EspeakNg
from tools import hand_made, require, run_cli, seed_timeline

TIMELINE = seed_timeline()


class WordClock:
    """A fake synthesizer: each word takes 60/wpm seconds, every sample at one loud level."""

    sample_rate = 1000  # one frame a millisecond: quick to check sample by sample

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def synthesize(self, text: str, *, words_per_minute: int) -> Clip:
        self.calls.append((text, words_per_minute))
        frames = math.ceil(len(text.split()) * 60 * self.sample_rate / words_per_minute)
        return Clip(self.sample_rate, array("h", [3000]).tobytes() * frames)


def samples_of(wav: bytes) -> tuple[int, array[int]]:
    with wave.open(io.BytesIO(wav), "rb") as read:
        assert (1, 2) == (read.getnchannels(), read.getsampwidth())
        data = array("h", read.readframes(read.getnframes()))
        if sys.byteorder == "big":
            data.byteswap()
        return read.getframerate(), data


def rms(samples: array[int]) -> float:
    return math.sqrt(sum(v * v for v in samples) / max(1, len(samples)))


def chunks(wav: bytes) -> dict[bytes, bytes]:
    """The RIFF chunks of a WAV file, by id (our own reader, standard library only)."""
    assert wav[:4] == b"RIFF"
    assert wav[8:12] == b"WAVE"
    assert len(wav) - 8 == struct.unpack("<I", wav[4:8])[0]
    found, at = {}, 12
    while at < len(wav):
        kind, size = wav[at : at + 4], struct.unpack("<I", wav[at + 4 : at + 8])[0]
        found[kind] = wav[at + 8 : at + 8 + size]
        at += 8 + size + size % 2
    return found


@pytest.fixture(scope="module")
def seed_guide() -> audio.Guide:
    require("espeak-ng")
    return audio.guide(TIMELINE)


def test_seed_guide_is_as_long_as_the_routine(seed_guide: audio.Guide) -> None:
    rate, samples = samples_of(seed_guide.wav)
    assert 22050 == rate
    # The routine, then the end chime after its last words.
    assert (865_000 + audio.CHIME_MS) * 22050 // 1000 == len(samples) == seed_guide.frames
    assert abs(len(samples) * 1000 / rate - TIMELINE.total_ms - audio.CHIME_MS) < 1000 / rate
    assert () == seed_guide.collisions


def test_seed_guide_speaks_where_each_instruction_starts(seed_guide: audio.Guide) -> None:
    rate, samples = samples_of(seed_guide.wav)
    for segment in TIMELINE.segments:
        start = segment.start_ms * rate // 1000
        assert rms(samples[start : start + rate // 4]) > 500, segment.id  # a quarter second in
    for tick in (e for e in TIMELINE.events if e.is_countdown):
        start = tick.start_ms * rate // 1000
        assert rms(samples[start : start + rate // 10]) > 2000, tick.id  # the beep
    assert rms(samples[-rate // 2 :]) > 300  # the end chime


def test_seed_guide_is_silent_where_nothing_is_due(seed_guide: audio.Guide) -> None:
    """Between a part's start and the next event, once its words are surely said (even at the
    slowest rate, 165 words a minute, plus a second), the track is digital silence."""
    rate, samples = samples_of(seed_guide.wav)
    checked = 0
    for event, following in zip(TIMELINE.events, TIMELINE.events[1:], strict=False):
        if event.is_marker or following.start_ms == event.start_ms:
            continue
        words = len(event.text.split())
        quiet_from = event.start_ms + words * 60_000 // 165 + 1000
        quiet_to = following.start_ms
        if quiet_to - quiet_from >= 1000:
            window = samples[quiet_from * rate // 1000 : quiet_to * rate // 1000]
            assert not any(window), event.id
            checked += 1
    assert checked >= 20


def test_seed_guide_marks_the_chapters(seed_guide: audio.Guide) -> None:
    found = chunks(seed_guide.wav)
    (count,) = struct.unpack("<I", found[b"cue "][:4])
    points = [
        struct.unpack("<II4sIII", found[b"cue "][4 + 24 * i : 28 + 24 * i]) for i in range(count)
    ]
    assert [(n, c.start_ms * 22050 // 1000) for n, c in enumerate(TIMELINE.chapters, 1)] == [
        (p[0], p[5]) for p in points
    ]
    assert b"adtl" == found[b"LIST"][:4]
    assert ["Legs Up A Wall", "Child's Pose", "Lunges"] == _labels(seed_guide.wav)


def _labels(wav: bytes) -> list[str]:
    """The chapter labels of a guide (its LIST adtl chunk), in order."""
    adtl, labels, at = chunks(wav)[b"LIST"], [], 4
    while at < len(adtl):
        size = struct.unpack("<I", adtl[at + 4 : at + 8])[0]
        labels.append(adtl[at + 12 : at + 8 + size].rstrip(b"\0").decode())
        at += 8 + size + size % 2
    return labels


def test_a_german_guide_speaks_german_at_the_same_times(seed_guide: audio.Guide) -> None:
    """The German timeline's guide: espeak-ng's German voice, the same length, speech where each
    part starts, German chapter names; other samples than the English guide's."""
    german = seed_timeline(language="de")
    guide = audio.guide(german)
    rate, samples = samples_of(guide.wav)
    assert len(samples_of(seed_guide.wav)[1]) == len(samples)
    for segment in german.segments:
        start = segment.start_ms * rate // 1000
        assert rms(samples[start : start + rate // 4]) > 500, segment.id
    assert ["Beine an die Wand", "Kindhaltung", "Ausfallschritte"] == _labels(guide.wav)
    assert guide.wav != seed_guide.wav


def test_seed_guide_is_deterministic(seed_guide: audio.Guide) -> None:
    assert seed_guide.wav == audio.render(TIMELINE)


def timeline_of(*events: Event) -> Timeline:
    """A timeline made by hand from ``events``, closed by its end marker."""
    total_ms = max(e.end_ms for e in events)
    return Timeline("T", total_ms, [*events, Event("end", total_ms, 0, Kind.END, "")])


def test_speech_is_sped_up_to_fit() -> None:
    # Eight words take 8 * 60 / 165 = 2.9 s; the step gives it 2.5 s: spoken at about 200 wpm.
    timeline = timeline_of(
        Event("a", 0, 2500, Kind.STEP, "one two three four five six seven eight"),
        Event("b", 2500, 5000, Kind.HOLD, "hold"),
    )
    synth = WordClock()
    result = audio.guide(timeline, synthesizer=synth)
    assert () == result.collisions
    first = result.sounds[0]
    assert first.words_per_minute is not None
    assert 165 < first.words_per_minute <= 247
    assert first.end <= result.sounds[1].start == 2500
    assert ("one two three four five six seven eight.", 165) == synth.calls[0]


def test_what_cannot_fit_is_reported_exactly_and_strict_refuses_it() -> None:
    timeline = timeline_of(
        Event("a", 0, 1000, Kind.STEP, "one two three four five six seven eight"),
        Event("b", 1000, 9000, Kind.HOLD, "hold still"),
    )
    result = audio.guide(timeline, synthesizer=WordClock())
    (collision,) = result.collisions
    # At the fastest rate, 247 words a minute, eight words take 1944 ms: 944 ms too long.
    assert 247 == collision.sound.words_per_minute
    assert 944 == collision.overlap_ms
    assert (
        "0:00 speech 'one two three four five six seven eight' (a) runs 944 ms into speech "
        "'hold still' at 0:01" == str(collision)
    )
    with pytest.raises(SpeechFitError) as caught:
        audio.guide(timeline, synthesizer=WordClock(), strict=True)
    assert (
        "speech does not fit in 1 place:\n0:00 speech 'one two three four five six seven "
        "eight' (a) runs 944 ms into speech 'hold still' at 0:01" == str(caught.value)
    )


def test_a_cue_slides_after_the_speech_before_it() -> None:
    timeline = timeline_of(
        Event("a", 0, 10_000, Kind.HOLD, "one two three four five six seven eight"),
        Event("c", 1000, 0, Kind.CUE, "Halfway", role=Role.HALFWAY),
    )
    sounds = audio.guide(timeline, synthesizer=WordClock()).sounds
    assert ("a", "c") == (sounds[0].event_ids[0], sounds[1].event_ids[0])
    assert sounds[1].start == sounds[0].end
    assert not sounds[1].anchored


@settings(max_examples=60)
@given(strategies.timelines(), st.integers(100, 300))
def test_speech_fits_or_is_reported(timeline: Timeline, words_per_minute: int) -> None:
    synth = WordClock()
    result = audio.guide(timeline, synthesizer=synth, words_per_minute=words_per_minute)
    rate = synth.sample_rate
    assert (timeline.total_ms + audio.CHIME_MS) * rate // 1000 == result.frames
    sounds = result.sounds
    # Anchored sounds start exactly on their events; the others no earlier than due.
    for sound in sounds:
        due = sound.due_ms * rate // 1000
        assert sound.start == due if sound.anchored else sound.start >= due
    # Every overrun of the next anchored sound (or of the end) is reported, by the right amount.
    expected = []
    for index, sound in enumerate(sounds):
        limit = next((s.start for s in sounds[index + 1 :] if s.anchored), result.frames)
        if sound.end > limit:
            expected.append((sound.event_ids, math.ceil((sound.end - limit) * 1000 / rate)))
    assert expected == [(c.sound.event_ids, c.overlap_ms) for c in result.collisions]
    # Every spoken event is in exactly one sound; countdown ticks are beeps.
    spoken = [i for s in sounds if s.kind == "speech" for i in s.event_ids]
    assert len(spoken) == len(set(spoken))
    for event in timeline.events:
        if event.kind is Kind.END or not event.text.strip():
            continue
        kind = "beep" if event.is_countdown else "speech"
        assert any(s.kind == kind and event.id in s.event_ids for s in sounds), event.id
    # Sound only where a sound was placed.
    _, samples = samples_of(result.wav)
    assert len(samples) == result.frames
    inside = bytearray(len(samples))
    for sound in sounds:
        inside[sound.start : min(sound.end, len(samples))] = b"\1" * (
            max(0, min(sound.end, len(samples)) - sound.start)
        )
    assert all(inside[i] for i, v in enumerate(samples) if v)
    if result.collisions:
        with pytest.raises(SpeechFitError):
            audio.guide(
                timeline, synthesizer=WordClock(), strict=True, words_per_minute=words_per_minute
            )


def test_without_espeak_ng_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(NotInstalledError, match="sudo apt-get install espeak-ng"):
        write_to_bytes(TIMELINE, "wav")


def test_espeak_ng_gives_the_same_samples_twice() -> None:
    require("espeak-ng")
    engine = EspeakNg()
    first = engine.synthesize("Hold the lunge, right foot forward.", words_per_minute=165)
    assert first == engine.synthesize("Hold the lunge, right foot forward.", words_per_minute=165)
    assert 22050 == first.sample_rate
    assert 1.0 < first.frames / 22050 < 4.0


run = run_cli


TIGHT = """
from backstretch import Hold, Routine, Step, Stretch, seconds

routine = Routine("Tight", [Stretch("Squeeze", [
    Step("Lie back on the floor and let your legs rest up the wall", duration=seconds(1)),
    Hold(seconds(5), text="Stay"),
])])
"""


def test_cli_warns_about_speech_that_does_not_fit_and_strict_fails(tmp_path: Path) -> None:
    require("espeak-ng")
    (tmp_path / "tight.py").write_text(TIGHT, encoding="utf-8")
    out = tmp_path / "guide.wav"
    loose = run("export", f"{tmp_path}/tight.py:routine", "-o", str(out), "--no-cues")
    assert 0 == loose.returncode
    warning = f"backstretch: warning: {out}: 0:"
    assert loose.stderr.startswith(warning), loose.stderr
    assert "runs" in loose.stderr
    assert "ms into speech 'Stay'" in loose.stderr
    assert out.exists()
    out.unlink()
    strict = run("export", f"{tmp_path}/tight.py:routine", "-o", str(out), "--no-cues", "--strict")
    assert 1 == strict.returncode
    lines = strict.stderr.splitlines()
    assert "backstretch: error: speech does not fit in 1 place:" == lines[0]
    assert "ms into speech 'Stay'" in lines[1]
    assert not out.exists()


def test_cli_strict_is_for_wav_only(tmp_path: Path) -> None:
    result = run("export", "pilates-for-back-pain", "-o", str(tmp_path / "a.json"), "--strict")
    assert 1 == result.returncode
    assert (
        f"backstretch: error: {tmp_path}/a.json: --strict is for .wav exports only\n"
        == result.stderr
    )


def test_a_self_paced_part_says_what_to_wait_for() -> None:
    timeline = timeline_of(
        Event("a", 0, 20_000, Kind.HOLD, "Lean forward", until="the stretch fades"),
        Event("b", 20_000, 3000, Kind.STEP, "Sit up"),
    )
    synth = WordClock()
    audio.guide(timeline, synthesizer=synth)
    assert [
        "Lean forward. Until the stretch fades, then continue when you are ready.",
        "Sit up.",
    ] == [text for text, _ in synth.calls]


def test_a_bird_dog_pattern_has_no_collision_with_the_default_cues() -> None:
    """Step, 5 s hold, step, per side, three rounds, spoken by espeak-ng with the default cues:
    every cue fits where it is said (it used to run into the next step five times)."""
    require("espeak-ng")
    bird_dog = Stretch(
        "Bird Dog",
        [
            Repeat(
                3,
                [
                    PerSide(
                        [
                            Step("Reach your {side} arm forward and your {other} leg back"),
                            Hold("5s"),
                            Step("Return to all fours"),
                        ]
                    )
                ],
            )
        ],
    )
    timeline = compile_routine(Routine("Core", [bird_dog]))
    assert () == audio.guide(timeline).collisions


# Every error out of the audio guide is one of ours, naming what could not be said (issue 25).


def _one_step(text: str) -> Timeline:
    return compile_routine(
        Routine("T", [Stretch("Reach", [Step(text, duration="5s")])]), safety_note=None
    )


def test_an_espeak_ng_abort_is_the_texts_problem_named_where(tmp_path: Path) -> None:
    """espeak-ng aborts on some texts (SIGABRT): the guide says which part, and what to do."""
    aborting = tmp_path / "espeak-ng"
    aborting.write_text("#!/bin/sh\ncat > /dev/null\nkill -ABRT $$\n", encoding="utf-8")
    aborting.chmod(0o755)
    with pytest.raises(SpeechError) as caught:
        audio.guide(_one_step("Reach up"), synthesizer=EspeakNg(executable=str(aborting)))
    assert isinstance(caught.value, BackstretchError)
    assert "title: espeak-ng aborted (signal 6) on 'T.'; the text is the problem: reword it" == str(
        caught.value
    )


def test_a_language_espeak_ng_has_no_voice_for_is_said_so() -> None:
    require("espeak-ng")
    timeline = _one_step("Reach up")
    assert timeline.options is not None
    other = Timeline(
        timeline.title,
        timeline.total_ms,
        timeline.events,
        timeline.chapters,
        timeline.stretches,
        attrs.evolve(timeline.options, language="xx"),
    )
    with pytest.raises(SpeechError) as caught:
        audio.guide(other)
    assert "title: espeak-ng has no voice for the language 'xx'; install its voice data" == str(
        caught.value
    )


@pytest.mark.parametrize("voice", ["-v", "de\x00", " de", "\x1b[2J", 'de"><script>'])
def test_only_a_language_tag_reaches_espeak_ngs_arguments(voice: str) -> None:
    with pytest.raises(InvalidValueError, match="voice must be a language tag"):
        EspeakNg(voice=voice)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a" * 900_000, "is 900,000 characters long; a text holds at most 4,000: split it over "
         "several steps"),
        (".".join(["a"] * 100), "has a word of 199 characters ('a.a.a.a.a.a.a.a.a.a.a.a.a.a.a."
         "a.a.a.a.a....'); a word holds at most 64: put spaces between its words"),
    ],
)  # fmt: skip
def test_a_text_too_long_to_say_is_refused_before_any_speech(text: str, problem: str) -> None:
    """A 900 KB word in a timeline made by hand would be one 72-minute utterance; a long run
    of "a." makes espeak-ng abort: both refused at once, naming the event."""
    timeline = hand_made("T", Event("huge", 0, 3000, Kind.STEP, text))
    engine = WordClock()
    with pytest.raises(SpeechError) as caught:
        audio.guide(timeline, synthesizer=engine)
    quoted = repr(text[:100])[:57] + "..."
    assert f"huge: cannot say {quoted}: it {problem}" == str(caught.value)
    assert [] == engine.calls


def test_a_failing_synthesizer_of_an_apps_own_is_one_of_our_errors() -> None:
    class Broken:
        sample_rate = 1000

        def synthesize(self, text: str, *, words_per_minute: int) -> Clip:
            raise OSError("the sound card caught fire")

    with pytest.raises(SpeechError, match=r"^title: the synthesizer failed: OSError"):
        audio.guide(_one_step("Reach up"), synthesizer=Broken())


def test_the_end_chime_follows_the_last_words() -> None:
    """A routine that ends on a short rep: the chime sounds after the rep's words, when the
    routine ends, not over them."""
    lifts = Routine("Lifts", [Stretch("Lift", [Reps(2, "Lift your arms", tempo="3s")])])
    timeline = compile_routine(lifts, safety_note=None, cues=Cues.off())
    result = audio.guide(timeline, synthesizer=WordClock())
    *words, chime = result.sounds
    assert "chime" == chime.kind
    assert timeline.total_ms * WordClock.sample_rate // 1000 == chime.start
    assert chime.end == result.frames
    assert max(sound.end for sound in words) <= chime.start
    assert () == result.collisions


class _Remembered:
    """espeak-ng in one voice, each text said once: the same text gives the same samples (the
    engine is deterministic), and the levels of a routine share most of their words."""

    sample_rate = EspeakNg.sample_rate

    def __init__(self, voice: str | None) -> None:
        self.engine = EspeakNg(voice=voice)
        self.said: dict[tuple[str, int], Clip] = {}

    def synthesize(self, text: str, *, words_per_minute: int) -> Clip:
        key = (text, words_per_minute)
        if key not in self.said:
            self.said[key] = self.engine.synthesize(text, words_per_minute=words_per_minute)
        return self.said[key]


@pytest.mark.parametrize("name", catalog.names())
def test_every_built_in_guide_fits_at_every_level_in_every_language(name: str) -> None:
    """What `export NAME -o guide.wav --strict` checks, for every built-in routine at every level
    in English, German and Spanish, with real espeak-ng: no speech runs into the next sound."""
    require("espeak-ng")
    routine = catalog.get(name)
    affected = {"affected": "left"} if "knee" in name else {}
    for language in LANGUAGES:
        engine = _Remembered(None if language == "en" else language)
        for level in Level:
            timeline = compile_routine(routine, level=level, language=language, **affected)  # type: ignore[arg-type]
            try:
                audio.guide(timeline, synthesizer=engine, strict=True)
            except SpeechFitError as error:
                pytest.fail(f"{name}, {level.value}, {language}: {error}", pytrace=False)
