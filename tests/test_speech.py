"""The speech queue and the espeak-ng engine."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from backstretch import NotInstalledError
from backstretch.speech import ESPEAK_INSTALL_HINT, EspeakNg, SpeechQueue
from tools import require


class SlowEngine:
    """Busy until told otherwise."""

    def __init__(self) -> None:
        self.spoken: list[str] = []
        self.talking = False
        self.stops = 0

    def speak(self, text: str) -> None:
        self.spoken.append(text)
        self.talking = True

    def busy(self) -> bool:
        return self.talking

    def stop(self) -> None:
        self.stops += 1
        self.talking = False


def test_queue_speaks_one_text_at_a_time_in_order() -> None:
    engine = SlowEngine()
    queue = SpeechQueue(engine)
    queue.add("one")
    queue.add("two")
    queue.add("  ")  # nothing to say
    queue.pump()
    assert ["one"] == engine.spoken
    engine.talking = False
    queue.pump()
    queue.pump()
    assert ["one", "two"] == engine.spoken


def test_clear_drops_the_waiting_texts_and_stops_the_voice() -> None:
    engine = SlowEngine()
    queue = SpeechQueue(engine)
    for text in ["one", "two", "three"]:
        queue.add(text)
    queue.clear()
    queue.pump()
    assert (["one"], 1) == (engine.spoken, engine.stops)


def test_missing_espeak_ng_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(NotInstalledError) as caught:
        EspeakNg()
    assert ESPEAK_INSTALL_HINT == str(caught.value)
    assert "sudo apt-get install espeak-ng" in str(caught.value)


def fake_espeak(directory: Path) -> Path:
    """A stand-in espeak-ng that logs its arguments and the text it was given."""
    program = directory / "espeak-ng"
    log = directory / "spoken.log"
    program.write_text(f'#!/bin/sh\nread -r text\necho "$* | $text" >> "{log}"\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return log


def test_espeak_ng_gets_the_text_on_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = fake_espeak(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = EspeakNg(words_per_minute=170)
    for text in ["-v is not an option here", "Breathe out"]:
        engine.speak(text)
        while engine.busy():
            pass
    assert [
        "-s 170 --stdin | -v is not an option here",
        "-s 170 --stdin | Breathe out",
    ] == log.read_text(encoding="utf-8").splitlines()


def test_the_real_espeak_ng_accepts_our_command_line() -> None:
    require("espeak-ng")
    engine = EspeakNg()
    engine.speak("Hold the lunge")
    while engine.busy():
        pass
    assert engine._process is not None
    assert 0 == engine._process.returncode


def test_drain_waits_until_everything_is_said() -> None:
    class OnePollPerText(SlowEngine):
        def busy(self) -> bool:
            talking, self.talking = self.talking, False  # busy once, then done
            return talking

    engine = OnePollPerText()
    queue = SpeechQueue(engine)
    for text in ["one", "two", "three", "four"]:
        queue.add(text)
    assert ["one", "two"] == engine.spoken  # the rest still waits
    queue.drain(poll_s=0)
    assert ["one", "two", "three", "four"] == engine.spoken
