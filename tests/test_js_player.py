"""The JavaScript player module (src/backstretch/js), tested with Node's own test runner: over the
whole conformance suite, against the Python Player on every built-in routine in every language
(traces written here by tests/player_traces.py), and on its own (tests/js/*.test.mjs)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import player_traces
from tools import require

ROOT = Path(__file__).parent.parent
MODULE = ROOT / "src" / "backstretch" / "js"


def test_node_runs_every_javascript_test(tmp_path: Path) -> None:
    node = require("node")
    names = player_traces.write(tmp_path)
    assert len(names) >= 30
    files = sorted(str(path) for path in (ROOT / "tests" / "js").glob("*.test.mjs"))
    result = subprocess.run(
        [node, "--test", *files],
        env={**os.environ, "BACKSTRETCH_TRACES": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert 0 == result.returncode, result.stdout[-4000:] + result.stderr[-2000:]
    counts = dict(re.findall(r"^# (pass|fail|skipped|todo) (\d+)$", result.stdout, re.MULTILINE))
    assert ("0", "0", "0") == (counts["fail"], counts["skipped"], counts["todo"]), counts
    # Every conformance document, every trace, and the module's own tests ran.
    assert int(counts["pass"]) >= 110 + len(names) + 10


def test_the_package_is_ready_to_publish() -> None:
    package = json.loads((MODULE / "package.json").read_text("utf-8"))
    assert "backstretch-player" == package["name"]
    assert "module" == package["type"]
    assert {} == package.get("dependencies", {})
    for path in [package["main"], package["types"], *package["files"]]:
        assert (MODULE / path).exists(), path
    assert (MODULE / "README.md").read_text("utf-8").startswith("# backstretch-player")


def test_the_module_keeps_the_librarys_tables() -> None:
    """The roles of each kind, the key-to-role table and the roles always said, as the module
    exports them, are the library's."""
    node = require("node")
    from backstretch import ROLES
    from backstretch._timeline.consistency import ALWAYS_SAID, ROLE_MESSAGES

    script = (
        f"import('{(MODULE / 'backstretch-player.js').as_uri()}').then((m) => console.log("
        "JSON.stringify([m.ROLES, m.ROLE_MESSAGES, m.ALWAYS_SAID])))"
    )
    result = subprocess.run(
        [node, "-e", script], capture_output=True, text=True, timeout=60, check=True
    )
    roles, role_messages, always = json.loads(result.stdout)
    assert {k.value: [r.value for r in v] for k, v in ROLES.items()} == roles
    assert {r.value: list(keys) for r, keys in ROLE_MESSAGES.items()} == role_messages
    assert sorted(r.value for r in ALWAYS_SAID) == sorted(always)


def test_the_types_check_an_app_written_in_typescript() -> None:
    """tests/js/usage.ts uses the module as an app would; tsc --strict checks it against
    backstretch-player.d.ts (.ci/run installs TypeScript into build/node)."""
    tsc = ROOT / "build" / "node" / "node_modules" / ".bin" / "tsc"
    if not tsc.exists():
        require("tsc (npm install --prefix build/node typescript@5)")
    options = ["--strict", "--target", "es2022", "--module", "nodenext"]
    result = subprocess.run(
        [str(tsc), "--noEmit", *options, "--moduleResolution", "nodenext", "tests/js/usage.ts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (0, "") == (result.returncode, result.stdout)
