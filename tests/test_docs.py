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


def _table_rows(page: Path, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with ``header``, cell by cell."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def test_the_message_table_in_the_docs_is_the_library_s() -> None:
    from backstretch import MESSAGES

    rows = _table_rows(DOCS / "timeline.md", "| key | English template |")
    documented = {}
    for key, template, params, what in rows:
        names = re.findall(r"`(\w+)` \((\w+)\)", params)
        documented[key.strip("`")] = (template.strip("`"), dict(names), what)
    assert {
        key: (spec.template, dict(spec.params), spec.doc) for key, spec in MESSAGES.items()
    } == documented


def test_the_role_table_in_the_docs_is_the_library_s() -> None:
    from backstretch import ROLES

    rows = _table_rows(DOCS / "timeline.md", "| kind | roles |")
    documented = {kind.strip("`"): re.findall(r"`(\w+)`:", roles) for kind, roles in rows}
    assert {kind.value: sorted(r.value for r in roles) for kind, roles in ROLES.items()} == {
        kind: sorted(roles) for kind, roles in documented.items()
    }


def test_the_key_to_role_table_in_the_docs_is_the_library_s() -> None:
    from backstretch import ROLES
    from backstretch._timeline.consistency import ALWAYS_SAID, ROLE_MESSAGES

    rows = _table_rows(
        DOCS / "timeline.md", "| role | message keys | always a message (compiled) |"
    )
    expected = []
    for role in (role for roles in ROLES.values() for role in roles):
        keys = ROLE_MESSAGES[role]
        listed = (
            "none: the author's text"
            if not keys
            else "the `session_*` and `progress_*` keys"
            if role.value == "session"
            else ", ".join(f"`{key}`" for key in keys)
        )
        expected.append((f"`{role.value}`", listed, "yes" if role in ALWAYS_SAID else "no"))
    assert expected == [tuple(row) for row in rows]


def test_the_event_field_table_in_the_docs_is_the_library_s() -> None:
    from backstretch._timeline.fields import EVENT_FIELDS

    rows = _table_rows(DOCS / "timeline.md", "| field | value | what it is |")
    assert [(f"`{f.name}`", f.shape, f.about) for f in EVENT_FIELDS] == [tuple(r) for r in rows]
