"""WebVTT (``.vtt``): captions to show over a follow-along video, or its chapters track."""

from __future__ import annotations

from .._i18n.words import speaking
from .._timeline.timeline import Timeline
from ._captions import captions, one_line, timestamp


def render(timeline: Timeline, *, chapters: bool = False) -> str:
    """The captions (default) or, with ``chapters=True``, one chapter cue per stretch, in the
    timeline's language, which the header names (``Language: de``) for a ``<track srclang>``."""
    with speaking(timeline) as words:
        return _render(timeline, chapters, words.language)


def _render(timeline: Timeline, chapters: bool, language: str) -> str:
    blocks = [f"WEBVTT\nKind: {'chapters' if chapters else 'captions'}\nLanguage: {language}"]
    if chapters:
        for number, chapter in enumerate(timeline.chapters, start=1):
            blocks.append(
                f"chapter-{number}\n{_stamp(chapter.start_ms)} --> {_stamp(chapter.end_ms)}\n"
                f"{_escape(one_line(chapter.title))}"
            )
    else:
        for caption in captions(timeline):
            text = "\n".join(_escape(line) for line in caption.lines)
            cue_id = one_line(caption.id).replace("-->", "->")
            blocks.append(
                f"{cue_id}\n{_stamp(caption.start_ms)} --> {_stamp(caption.end_ms)}\n{text}"
            )
    return "\n\n".join(blocks) + "\n"


def _escape(text: str) -> str:
    """Cue text is a small markup language: escape its three special characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stamp(ms: int) -> str:
    return timestamp(ms, ".")
