"""Exports: one Timeline, many players. Each format reads only the Timeline, never the DSL tree.

>>> from backstretch import catalog, compile_routine
>>> timeline = compile_routine(catalog.get("pilates-for-back-pain"))
>>> write_to_string(timeline, ".srt").splitlines()[:2]
['1', '00:00:00,000 --> 00:00:09,000']

``write_to_file(timeline, "guide.vtt")`` picks the format by the suffix and writes atomically: a
reader never sees a partial file, and a failure leaves what was there untouched.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import attrs

from .._base.files import write_atomically
from .._timeline.codec import dumps_timeline
from .._timeline.timeline import Timeline
from ..exceptions import InvalidValueError

__all__ = ["FORMATS", "Format", "format_for", "write_to_bytes", "write_to_file", "write_to_string"]


@attrs.frozen
class Format:
    """One export format: its suffix, what it is for, and whether it is bytes rather than text."""

    suffix: str
    name: str
    description: str
    module: str
    binary: bool = False
    options: frozenset[str] = frozenset()


FORMATS: dict[str, Format] = {
    f.suffix: f
    for f in [
        Format(".json", "JSON", "the timeline document, for any player", "timeline_json"),
        Format(
            ".vtt",
            "WebVTT",
            "captions for a follow-along video (chapters=True: its chapters track)",
            "vtt",
            options=frozenset({"chapters"}),
        ),
        Format(".srt", "SRT", "the same captions for players that want SubRip", "subrip"),
        Format(".fit", "Garmin FIT", "a workout a watch can play", "fit", binary=True),
        Format(".svg", "SVG", "the routine at a glance, as a picture", "svg"),
        Format(".md", "Markdown", "a printable sheet with every step, hold and caution", "sheet"),
        Format(".html", "HTML", "a web player page that plays offline, anywhere", "web"),
        Format(
            ".wav",
            "WAV",
            "a spoken audio guide to follow with eyes closed (needs espeak-ng)",
            "audio",
            binary=True,
            options=frozenset({"synthesizer", "strict", "words_per_minute"}),
        ),
    ]
}


def format_for(path_or_suffix: str | os.PathLike[str]) -> Format:
    """The format of a file name or a suffix (``"guide.vtt"``, ``".vtt"``, ``"vtt"``)."""
    text = os.fspath(path_or_suffix)
    if text.lower() in FORMATS or f".{text.lower()}" in FORMATS:
        suffix = "." + text.lstrip(".")
    elif text.startswith(".") and "." not in text[1:] and "/" not in text:
        suffix = text
    else:
        suffix = Path(text).suffix
    found = FORMATS.get(suffix.lower())
    if found is None:
        known = ", ".join(FORMATS)
        what = f"the suffix {suffix!r}" if suffix else f"{text!r}, which has no suffix"
        raise InvalidValueError(f"cannot tell the export format from {what}; use one of {known}")
    return found


def write_to_bytes(timeline: Timeline, format: str | os.PathLike[str], **options: Any) -> bytes:
    """The export as bytes (text formats in UTF-8)."""
    chosen = format_for(format)
    _check_options(chosen, options)
    if chosen.module == "timeline_json":
        return dumps_timeline(timeline).encode("utf-8")
    rendered = importlib.import_module(f"{__name__}.{chosen.module}").render(timeline, **options)
    return rendered if isinstance(rendered, bytes) else str(rendered).encode("utf-8")


def _check_options(chosen: Format, options: dict[str, Any]) -> None:
    unknown = set(options) - chosen.options
    if unknown:
        allowed = ", ".join(sorted(chosen.options)) or "none"
        raise InvalidValueError(
            f"{chosen.name} exports take no option {', '.join(sorted(unknown))}; options: {allowed}"
        )


def write_to_string(timeline: Timeline, format: str | os.PathLike[str], **options: Any) -> str:
    """The export as text; a binary format (FIT) raises, pointing at write_to_bytes."""
    chosen = format_for(format)
    if chosen.binary:
        raise InvalidValueError(f"{chosen.name} is a binary format: use write_to_bytes")
    return write_to_bytes(timeline, chosen.suffix, **options).decode("utf-8")


def write_to_file(timeline: Timeline, path: str | os.PathLike[str], **options: Any) -> Format:
    """Write the export that ``path``'s suffix names, atomically; return the format used. The
    audio guide is streamed to the file in bounded memory (``audio.write_guide``)."""
    chosen = format_for(Path(path).name)
    if chosen.module == "audio":
        _check_options(chosen, options)
        from . import audio

        audio.write_guide(timeline, path, **options)
        return chosen
    write_atomically(path, write_to_bytes(timeline, chosen.suffix, **options))
    return chosen
