"""The timeline conformance suite (conformance/timeline): the files are what tests/conformance.py
makes, our loader refuses every invalid document at its path with its message, the shipped schema
refuses exactly those marked for it (in Python's jsonschema and in Node's ajv)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import conformance
from backstretch import json_schema, loads_timeline
from tools import require

SCHEMA = Draft202012Validator(json.loads(json_schema("timeline")))
EXPECTED = json.loads((conformance.FOLDER / "invalid" / "EXPECTED.json").read_text("utf-8"))
ROOT = Path(__file__).parent.parent


def test_the_files_are_what_the_suite_makes() -> None:
    """Regenerate with BACKSTRETCH_REGOLD=1 (or `python tests/conformance.py`) after review."""
    if os.environ.get("BACKSTRETCH_REGOLD"):
        conformance.write()
    made = conformance.files()
    on_disk = {
        str(path.relative_to(conformance.FOLDER)): path.read_text("utf-8")
        for path in conformance.FOLDER.rglob("*.json")
    }
    assert sorted(made) == sorted(on_disk)
    for name, text in made.items():
        assert text == on_disk[name], name


def test_the_suite_is_large_enough_and_says_what_only_a_loader_can_check() -> None:
    assert len(EXPECTED) >= 30
    only_a_loader = [name for name, case in EXPECTED.items() if not case["schema"]]
    assert len(only_a_loader) >= 15
    readme = (ROOT / "conformance" / "README.md").read_text("utf-8")
    for name in only_a_loader:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(p.name for p in (conformance.FOLDER / "valid").iterdir()))
def test_valid_documents_load_and_validate(name: str) -> None:
    text = (conformance.FOLDER / "valid" / name).read_text("utf-8")
    loads_timeline(text)
    SCHEMA.validate(json.loads(text))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_documents_are_refused_at_their_path(name: str) -> None:
    case = EXPECTED[name]
    text = (conformance.FOLDER / "invalid" / name).read_text("utf-8")
    assert f"{case['path']}: {case['message']}" in conformance.problems_of(text)
    assert case["schema"] == (not SCHEMA.is_valid(json.loads(text)))


def test_ajv_agrees(tmp_path: Path) -> None:
    """The Node check CI runs: both schemas compile in ajv's strict mode and ajv classifies every
    conformance document as EXPECTED.json says. Needs node, and ajv from npm (.ci/run installs it
    into build/node)."""
    node = require("node")
    modules = ROOT / "build" / "node" / "node_modules"
    if not (modules / "ajv").is_dir():
        require("ajv (npm install --prefix build/node ajv@8)")
    result = subprocess.run(
        [node, str(ROOT / "conformance" / "check-ajv.js")],
        env={**os.environ, "NODE_PATH": str(modules)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert 0 == result.returncode, result.stderr
    assert "both schemas compile in strict mode" in result.stdout
