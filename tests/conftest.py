"""Hypothesis profiles (a quick one for laptops, a thorough one in CI: CI=true picks it), and
headless Chromium for the tests that need a real browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile("dev", max_examples=60, deadline=None)
# Three times Hypothesis' default: thorough, and the whole of .ci/run stays within ten minutes on
# a two-core machine (generating a routine costs about 20 ms, and many tests draw one).
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# For a quick look at failures while developing: few examples, no shrinking.
settings.register_profile(
    "quick", max_examples=30, deadline=None, phases=[Phase.explicit, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: Debian's Chromium, started the way this project's machines allow (never `playwright install`).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: Where tests leave files for a person to look at (screenshots, rendered pictures).
ARTIFACTS = Path(os.environ.get("BACKSTRETCH_ARTIFACTS", Path(__file__).parent.parent / "build"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium; skipped without it on a laptop, a failure where CI requires it."""
    from tools import require

    executable = require("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def artifacts() -> Path:
    folder = ARTIFACTS / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
