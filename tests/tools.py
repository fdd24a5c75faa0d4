"""The tests' scaffolding, said once: programs some tests need (skipped on a laptop without them, a
failure where CI requires them), the seed routine and its timelines, golden files, and timelines
made by hand."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from backstretch import Event, Kind, Routine, Timeline, catalog, compile_routine

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: CI sets this (``.ci/run`` does) so that a missing program fails the run instead of skipping.
REQUIRE = "BACKSTRETCH_REQUIRE_TOOLS"


def require(program: str) -> str:
    """The path of ``program``; without it, skip the test (or fail, where CI requires it)."""
    found = shutil.which(program)
    if found is not None:
        return found
    message = f"{program} is not installed"
    if os.environ.get(REQUIRE):
        pytest.fail(f"{message}, and ${REQUIRE} says the tests need it", pytrace=False)
    pytest.skip(message)


#: The built-in routine the library began with (docs/seed), which most tests play.
SEED: Routine = catalog.get("pilates-for-back-pain")
_SEED_TIMELINES: dict[tuple[tuple[str, object], ...], Timeline] = {}


def seed_timeline(**options: object) -> Timeline:
    """The seed routine compiled with ``options`` (compile_routine's), made once per set of
    options in a test run: timelines are frozen, so the tests share them."""
    key = tuple(
        sorted((name, frozenset(v) if isinstance(v, set) else v) for name, v in options.items())
    )
    found = _SEED_TIMELINES.get(key)
    if found is None:
        found = _SEED_TIMELINES[key] = compile_routine(SEED, **options)  # type: ignore[arg-type]
    return found


def hand_made(title: str, *events: Event) -> Timeline:
    """A timeline built by hand from segments and markers, closed by its end marker at the end
    of the last segment (a Timeline needs one)."""
    total_ms = max((e.end_ms for e in events), default=0)
    return Timeline(title, total_ms, [*events, Event("end", total_ms, 0, Kind.END, "")])


#: Golden files (the exact bytes an output must have) live here.
GOLDEN = Path(__file__).parent / "golden"
#: Set this (``BACKSTRETCH_REGOLD=1``) to rewrite every golden file from what the code makes now,
#: then review the diff before committing it.
REGOLD = "BACKSTRETCH_REGOLD"


def assert_golden(path: Path, made: str | bytes) -> None:
    """``made`` is exactly what ``path`` holds; with ``$BACKSTRETCH_REGOLD`` set, ``path`` is
    rewritten from it first."""
    if os.environ.get(REGOLD):
        if isinstance(made, bytes):
            path.write_bytes(made)
        else:
            path.write_text(made, encoding="utf-8")
    expected = path.read_bytes() if isinstance(made, bytes) else path.read_text(encoding="utf-8")
    assert expected == made


def run_cli(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m backstretch ARGS`` as a real process, its output captured as text; ``env``
    replaces the environment (by default this one, tables 100 columns wide)."""
    return subprocess.run(
        [sys.executable, "-m", "backstretch", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env=dict(env) if env is not None else {**os.environ, "COLUMNS": "100"},
    )


#: A speechSynthesis with one voice that records what it is asked to say.
FAKE_SPEECH = """
window.__spoken = [];
const fakeSpeech = {
  getVoices: () => [{name: "Test voice", lang: "en-US", default: true, localService: true}],
  speak: (utterance) => window.__spoken.push(utterance.text),
  cancel: () => window.__spoken.push("<cancel>"),
  pause: () => {}, resume: () => {}, speaking: false, pending: false, paused: false,
  addEventListener: () => {}, removeEventListener: () => {},
};
Object.defineProperty(window, "speechSynthesis", {value: fakeSpeech, configurable: true});
"""


def opened_page(browser: Browser, timeline: Timeline, html: Path) -> Page:
    """The timeline's web player page written to ``html`` and opened in ``browser`` with a fake
    voice (``FAKE_SPEECH``), its clock installed at 0."""
    from backstretch.exports import write_to_file

    write_to_file(timeline, html)
    page = browser.new_page()
    page.add_init_script(FAKE_SPEECH)
    page.clock.install(time=0)
    page.goto(html.as_uri())
    return page
