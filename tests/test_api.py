"""The front door: what `import backstretch` offers, documents, and loads."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

import backstretch
from tools import seed_timeline

DOCS = Path(__file__).parents[1] / "docs"


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's order for __all__ (RUF022): CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    assert sorted(backstretch.__all__, key=_isort_key) == backstretch.__all__
    assert len(set(backstretch.__all__)) == len(backstretch.__all__)
    assert all(hasattr(backstretch, name) for name in backstretch.__all__)


def test_documented_api_matches_all() -> None:
    """docs/api.md lists exactly the public names, each as a "- `Name`" item."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = re.findall(r"^- `([A-Za-z_]\w*)(?:\(\))?`", text, flags=re.MULTILINE)
    assert sorted(backstretch.__all__) == sorted(documented)


def test_import_loads_only_the_standard_library_and_attrs() -> None:
    """`import backstretch` stays light: attrs and cattrs (with what cattrs itself needs) only."""
    code = (
        "import sys; before = set(sys.modules); import backstretch; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    # cattrs's own requirements (typing_extensions) come with it.
    cattrs_needs = {
        re.split(r"[ ;<>=!~\[]", requirement)[0].replace("-", "_").lower()
        for requirement in importlib.metadata.requires("cattrs") or ()
        if "extra ==" not in requirement
    }
    allowed = (
        set(sys.stdlib_module_names) | {"attr", "attrs", "cattrs", "backstretch"} | cattrs_needs
    )
    foreign = sorted({name.split(".")[0] for name in loaded} - allowed)
    assert "backstretch._timeline.timeline" in loaded
    assert [] == foreign
    assert "backstretch.cli" not in loaded
    assert "backstretch.catalog" not in loaded


HEAVY = (
    "cattrs",
    "backstretch._compiler.compile",
    "backstretch._dsl.check",
    "backstretch._documents.routine",
)


@pytest.mark.parametrize(
    "module",
    [
        "backstretch",
        "backstretch.player",
        "backstretch.speech",
        "backstretch.exports",
        *(
            f"backstretch.exports.{name}"
            for name in ("vtt", "subrip", "fit", "svg", "sheet", "web")
        ),
        "backstretch.exports.audio",
        "backstretch._play.terminal",
    ],
)
def test_players_and_exports_stand_on_the_timeline_layer_alone(module: str) -> None:
    """Importing an export, a player or speech loads neither cattrs nor the compiler nor the
    checker: they read the Timeline and nothing else (DESIGN.md, shape of the code)."""
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [] == [name for name in loaded if name in HEAVY or name.startswith("cattrs.")]


def test_a_player_of_timeline_files_needs_neither_cattrs_nor_the_compiler(tmp_path: Path) -> None:
    """Load a timeline document and export it, as a player back end would: no cattrs loaded."""
    from backstretch import dump_timeline

    path = tmp_path / "t.json"
    dump_timeline(seed_timeline(), path)
    code = (
        "import sys; from backstretch import load_timeline; "
        "from backstretch.exports import write_to_string; "
        f"write_to_string(load_timeline({str(path)!r}), '.md'); "
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [] == [name for name in loaded if name in HEAVY or name.startswith("cattrs.")]


def test_strategies_module_is_public_and_separate() -> None:
    from backstretch import strategies

    assert sorted(strategies.__all__, key=_isort_key) == strategies.__all__
    assert all(callable(getattr(strategies, name)) for name in strategies.__all__)
