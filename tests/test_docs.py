"""The docs and examples run: every Python block in README.md and docs/, every example script."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_python_blocks_in_the_docs_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each page's blocks run in order in one namespace, like a reader's session."""
    namespace: dict[str, object] = {"__name__": "docs_page"}
    for index, block in enumerate(_blocks(page)):
        exec(compile(block, f"{page.name}#{index}", "exec"), namespace)
    for name, value in list(namespace.items()):
        if name.startswith("test_") and callable(value):
            value()


def test_there_are_blocks_to_run() -> None:
    assert sum(len(_blocks(page)) for page in PAGES) >= 10


def test_desk_break_example_prints_its_schedule() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "desk_break.py"), "gentle"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert "Desk Break: 2:37" == lines[0]
    assert "  0:09  Desk Break" == lines[2]
    assert any("[LEFT] Tilt your left ear towards your left shoulder." in line for line in lines)
    assert any("[RIGHT] Reach your right arm up and over (2 of 8)" in line for line in lines)
