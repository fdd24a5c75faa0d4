"""The library's words published as data (``catalog.messages``, ``backstretch messages``, the
JSON files the JavaScript player module renders from): the three are equal, and a renderer
written from the document's own description alone renders every message of every built-in
routine exactly as the library does, in every language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from backstretch import LANGUAGES, Message, catalog, compile_routine, render_message
from backstretch.catalog.messages import messages_json
from backstretch.cli import main
from tools import assert_golden

FILES = Path(catalog.__file__).parent.parent / "js" / "catalogs"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_package_files_are_the_published_document(language: str) -> None:
    """Regenerate with BACKSTRETCH_REGOLD=1 after review (a catalog changed)."""
    assert_golden(FILES / f"{language}.json", messages_json(language))


def test_the_command_prints_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["messages", "--lang", "de"])
    assert (FILES / "de.json").read_text("utf-8") == capsys.readouterr().out


def test_a_language_without_words_is_refused() -> None:
    with pytest.raises(Exception, match="the library's words are in en, de, es, not 'fr'"):
        catalog.messages("fr")


def _clock(ms: int) -> str:
    seconds = ms // 1000
    hours, minutes, rest = seconds // 3600, seconds % 3600 // 60, seconds % 60
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def render(document: dict[str, Any], key: str, params: dict[str, Any]) -> str:
    """A message rendered as the document's description says, from the document alone."""
    kinds, words = document["params"][key], {}
    joiner = document["list_separator"]
    for name, value in params.items():
        kind = kinds[name]
        if kind == "texts":
            words[name] = joiner.join(value)
        elif kind == "conditions":
            words[name] = joiner.join(document["conditions"].get(c, c) for c in value)
        elif kind == "duration":
            words[name] = _clock(value)
        elif kind == "side":
            words[name] = document["message_sides"].get(key, document["sides"])[value]
        else:
            words[name] = str(value)
    return re.sub(r"\{(\w+)\}", lambda m: words[m[1]], document["messages"][key])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_renders_from_the_document_alone(language: str) -> None:
    document = json.loads((FILES / f"{language}.json").read_text("utf-8"))
    seen = 0
    for name in catalog.names():
        timeline = compile_routine(
            catalog.get(name), language=language, affected="left", conditions={"knee", "wrist"}
        )
        summary = timeline.personalization
        assert summary is not None
        for message in [e.message for e in timeline.events if e.message] + list(summary.messages):
            assert render_message(message, language) == render(
                document, message.key, message.as_dict()
            )
            seen += 1
    samples = [
        Message("summary_longer", {"total": 3_723_000, "change": 60_000, "natural": 3_663_000}),
        Message("summary_nothing_for", {"conditions": ("recent-surgery", "my-own-condition")}),
        Message("summary_affected", {"side": "right"}),
    ]
    for message in samples:
        assert render_message(message, language) == render(document, message.key, message.as_dict())
    assert seen > 250


def catalogs_module() -> str:
    """The JavaScript module that bundles the published documents for the player module."""
    documents = ",\n".join(
        f" {json.dumps(language)}: {json.dumps(catalog.messages(language), ensure_ascii=False)}"
        for language in LANGUAGES
    )
    return (
        "// The library's words in every language it writes, as `backstretch messages --lang`\n"
        "// prints them (catalogs/<language>.json): made from them by the backstretch tests\n"
        "// (BACKSTRETCH_REGOLD=1 rewrites it), never edited by hand.\n"
        f"export const CATALOGS = Object.freeze({{\n{documents}\n}});\n"
    )


def test_the_player_modules_catalogs_are_the_published_documents() -> None:
    assert_golden(FILES.parent / "catalogs.js", catalogs_module())
