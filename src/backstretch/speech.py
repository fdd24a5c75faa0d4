"""Speaking instructions: small engine interfaces, espeak-ng behind them, and a queue.

Two jobs, two interfaces, both met by :class:`EspeakNg`; an app can plug in its own engine:

- :class:`SpeechEngine` speaks aloud now (the terminal player's ``--say``). A front end hands texts
  to a :class:`SpeechQueue`, which speaks them one after another and drops what is left when the
  person skips ahead.
- :class:`Synthesizer` turns a text into audio samples (the ``.wav`` audio guide).

Nothing here is imported by ``import backstretch``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import wave
from collections import deque
from typing import TYPE_CHECKING, Protocol

import attrs

from ._base.rules import is_language_tag
from ._base.text import MAX_UTTERANCE_CHARS, length_problem
from .exceptions import InvalidValueError, NotInstalledError, SpeechError

if TYPE_CHECKING:
    from ._timeline.timeline import Timeline

__all__ = [
    "ESPEAK_INSTALL_HINT",
    "Clip",
    "EspeakNg",
    "SpeechEngine",
    "SpeechQueue",
    "Synthesizer",
    "espeak_voice",
]

ESPEAK_INSTALL_HINT = (
    "espeak-ng is not installed (it speaks the instructions); install it with "
    "`sudo apt-get install espeak-ng` (Debian, Ubuntu), `sudo dnf install espeak-ng` (Fedora) or "
    "`brew install espeak-ng` (macOS)"
)


class SpeechEngine(Protocol):
    """Speaks one text at a time, without blocking the caller."""

    def speak(self, text: str) -> None:
        """Start speaking ``text`` now."""

    def busy(self) -> bool:
        """True while the last text is still being spoken."""

    def stop(self) -> None:
        """Stop speaking at once."""


@attrs.frozen
class Clip:
    """Speech as audio: mono 16-bit little-endian PCM samples at ``sample_rate``."""

    sample_rate: int
    samples: bytes

    @property
    def frames(self) -> int:
        return len(self.samples) // 2


class Synthesizer(Protocol):
    """Turns a text into a Clip, at a speaking rate; the same input must give the same samples."""

    sample_rate: int

    def synthesize(self, text: str, *, words_per_minute: int) -> Clip:
        """``text`` spoken at ``words_per_minute``, as samples at ``sample_rate``."""


class EspeakNg:
    """The espeak-ng program as a speech engine: offline, deterministic, from the operating
    system's packages. It speaks aloud (``speak``) and renders to samples (``synthesize``)."""

    #: espeak-ng's voices produce 22 050 samples a second.
    sample_rate = 22050

    def __init__(
        self,
        *,
        executable: str | None = None,
        words_per_minute: int = 150,
        voice: str | None = None,
    ) -> None:
        """``voice``: espeak-ng's voice, by language (``"de"``, ``"es"``); None for its default,
        English."""
        if voice is not None and not is_language_tag(voice):
            # Only a language tag reaches espeak-ng's arguments (never "-v", a NUL or an escape).
            raise InvalidValueError(
                f"voice must be a language tag like 'de' or 'pt-BR', got {voice!r}"[:200]
            )
        found = shutil.which(executable or "espeak-ng")
        if found is None:
            raise NotInstalledError(ESPEAK_INSTALL_HINT)
        self.executable = found
        self.words_per_minute = words_per_minute
        self.voice = voice
        self._voice = [] if voice is None else ["-v", voice]
        self._process: subprocess.Popen[bytes] | None = None

    def speak(self, text: str) -> None:
        self.stop()
        # The text goes in on stdin, so no instruction can be mistaken for an option.
        self._process = subprocess.Popen(
            [self.executable, *self._voice, "-s", str(self.words_per_minute), "--stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(text.encode("utf-8"))
            self._process.stdin.close()
        except BrokenPipeError:  # the program died at once (no audio device, say): stay quiet
            pass

    def busy(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def synthesize(self, text: str, *, words_per_minute: int) -> Clip:
        """``text`` as samples; a SpeechError when it is too long to say (``length_problem``)
        or espeak-ng fails on it (no voice for the language, or an abort on a pathological
        text): the text's problem, said as such."""
        problem = length_problem(text, MAX_UTTERANCE_CHARS)
        if problem:
            raise SpeechError(f"cannot say {_quoted(text)}: it {problem}")
        # The WAV comes back on stdout: no temporary file, nothing to clean up after an interrupt.
        result = subprocess.run(
            [self.executable, *self._voice, "-s", str(words_per_minute), "--stdout", "--stdin"],
            input=text.encode("utf-8"),
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            raise SpeechError(_failure(result, text, self.voice))
        try:
            with wave.open(io.BytesIO(_complete_wav(result.stdout)), "rb") as read:
                if (read.getnchannels(), read.getsampwidth()) != (1, 2):
                    raise SpeechError("espeak-ng wrote something other than mono 16-bit audio")
                return Clip(read.getframerate(), read.readframes(read.getnframes()))
        except (wave.Error, EOFError) as error:
            raise SpeechError(
                f"espeak-ng wrote no readable audio for {_quoted(text)}: {error}"
            ) from None

    def stop(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
            self._process.wait()
            self._process = None


def espeak_voice(timeline: Timeline) -> str | None:
    """The espeak-ng voice for a timeline's language: None (espeak-ng's default, English) for
    English, else the language's own (espeak-ng has a voice for every language the library
    writes)."""
    from ._i18n.words import language_of

    language = language_of(timeline)
    return None if language == "en" else language


def _quoted(text: str) -> str:
    """``text`` quoted for an error line: on one line, at most 60 characters."""
    one = " ".join(text.split())
    return repr(one if len(one) <= 60 else one[:57] + "...")


def _failure(result: subprocess.CompletedProcess[bytes], text: str, voice: str | None) -> str:
    """Why espeak-ng could not say ``text``, in a line."""
    said = result.stderr.decode("utf-8", "replace")
    if "voice does not exist" in said:
        return f"espeak-ng has no voice for the language {voice!r}; install its voice data"
    how = (
        f"aborted (signal {-result.returncode})"
        if result.returncode < 0
        else f"failed (status {result.returncode})"
    )
    return f"espeak-ng {how} on {_quoted(text)}; the text is the problem: reword it"


def _complete_wav(data: bytes) -> bytes:
    """espeak-ng writing to a pipe cannot go back to fill in the sizes in its WAV header (it
    leaves them at their largest); set them from the data's real length."""
    if len(data) < 44 or data[:4] != b"RIFF" or data[36:40] != b"data":
        return data  # not the layout espeak-ng writes: let the wave module say what is wrong
    fixed = bytearray(data)
    fixed[4:8] = (len(data) - 8).to_bytes(4, "little")
    fixed[40:44] = (len(data) - 44).to_bytes(4, "little")
    return bytes(fixed)


class SpeechQueue:
    """Texts waiting to be spoken, in order; ``pump()`` starts the next one when the engine is idle.

    Call ``pump()`` as often as the front end redraws; ``clear()`` when the person seeks or skips,
    so stale instructions are not read out after the jump.
    """

    def __init__(self, engine: SpeechEngine) -> None:
        self.engine = engine
        self._waiting: deque[str] = deque()

    def add(self, text: str) -> None:
        if text.strip():
            self._waiting.append(text)
        self.pump()

    def pump(self) -> None:
        if self._waiting and not self.engine.busy():
            self.engine.speak(self._waiting.popleft())

    def drain(self, *, poll_s: float = 0.05) -> None:
        """Wait until every waiting text has been spoken (at the end of a routine)."""
        while self._waiting or self.engine.busy():
            self.pump()
            time.sleep(poll_s)

    def clear(self) -> None:
        self._waiting.clear()
        self.engine.stop()
