"""Programs some tests need: skipped on a laptop without them, a failure where CI requires them."""

from __future__ import annotations

import os
import shutil

import pytest

from backstretch import Event, Kind, Timeline

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


def hand_made(title: str, *events: Event) -> Timeline:
    """A timeline built by hand from segments and markers, closed by its end marker at the end
    of the last segment (a Timeline needs one)."""
    total_ms = max((e.end_ms for e in events), default=0)
    return Timeline(title, total_ms, [*events, Event("end", total_ms, 0, Kind.END, "")])
