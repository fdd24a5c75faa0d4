"""The docs hold together: Sybil (the root conftest.py) runs every Python block, and this checks
that it really collects each one, that every page is in the site, and that links resolve."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def test_sybil_collects_every_python_block() -> None:
    fences = sum(
        len(re.findall(r"^```python$", p.read_text(encoding="utf-8"), re.M)) for p in PAGES
    )
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "README.md", "docs"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert fences >= 25
    assert fences == len(re.findall(r"^(README\.md|docs/)\S*::line:\d+", collected, re.M))


def test_every_page_is_in_the_site() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([\w-]+)$", index, re.M))
    assert {p.stem for p in DOCS.glob("*.md")} - {"index"} == listed


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_relative_links_resolve(page: Path) -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
        assert (page.parent / target).exists(), f"{page.name} links to {target}"
