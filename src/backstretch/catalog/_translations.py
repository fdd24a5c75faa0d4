"""The catalog routines' translations: ``translations/<name>.json``, by language, then by text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources


def translations(name: str) -> Mapping[str, Mapping[str, str]]:
    """The translations of the catalog routine ``name`` (see ``Routine.translations``)."""
    text = resources.files(__package__).joinpath(f"translations/{name}.json").read_text("utf-8")
    loaded: dict[str, dict[str, str]] = json.loads(text)
    return loaded
