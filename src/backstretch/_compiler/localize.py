"""A compiled timeline in another language: the same events at the same times, other words.

The compiler works in the routine's own language and the library's English, so every time it
reckons from words (how long a step takes to say, where a cue has room) is the same whatever the
language asked for. Then ``localize`` gives each event its words in that language: a message is
rendered from the language's catalog, with the author's texts among its parameters translated by
the routine (``Routine.translations``); the author's own texts are translated the same way, with
the sides and rounds filled in again. A text with no translation stays as written.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .._base.memo import IdentityMemo
from .._base.text import speaking_ms
from .._dsl.nodes import Routine
from .._i18n.catalogs import LANGUAGES, fill
from .._timeline.messages import MESSAGES, LibraryWords, render_message
from .._timeline.timeline import (
    CautionInfo,
    Chapter,
    CompileOptions,
    Event,
    Message,
    ModificationInfo,
    Param,
    Position,
    StretchInfo,
    Timeline,
    compiled_timeline,
)

__all__ = [
    "Draft",
    "Spoken",
    "TranslationReport",
    "fill",  # from _i18n, where the timeline checks its texts with it too
    "localize",
    "routine_texts",
    "translation_report",
]

#: Fields that hold names, not words a person reads: never translated.
_NOT_WORDS = frozenset({"conditions", "extra_conditions", "translations", "language", "aliases"})


def _texts(node: Any) -> Iterator[str]:
    for field in attrs.fields(type(node)):
        if field.name in _NOT_WORDS:
            continue
        value = getattr(node, field.name)
        if isinstance(value, enum.Enum):  # a side, a level: a name
            continue
        if isinstance(value, str):
            if value.strip() and not isinstance(value, LibraryWords):  # the library's: a message
                yield value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    yield item
                elif attrs.has(type(item)):
                    yield from _texts(item)
        elif attrs.has(type(value)):
            yield from _texts(value)


def routine_texts(routine: Routine) -> tuple[str, ...]:
    """Every text of the routine's own, once each, in the order they are written: what a
    translation of the routine gives."""
    return tuple(dict.fromkeys(_texts(routine)))


@attrs.frozen
class TranslationReport:
    """How complete a routine's translation into ``language`` is: the texts it lacks
    (``missing``, shown as written where compiled in that language) and the translated texts
    the routine no longer has (``unused``: written for a text since changed)."""

    language: str
    missing: tuple[str, ...]
    unused: tuple[str, ...]


def translation_report(
    routine: Routine, languages: tuple[str, ...] = ()
) -> list[TranslationReport]:
    """For each language the routine is translated into (and each of ``languages``), what is
    missing and what is left over."""
    texts = routine_texts(routine)
    wanted = dict.fromkeys((*routine.translations, *languages))
    wanted.pop(routine.language, None)
    reports = []
    for language in wanted:
        table = routine.translations.get(language, {})
        known = set(texts)
        reports.append(
            TranslationReport(
                language,
                tuple(t for t in texts if t not in table),
                tuple(t for t in table if t not in known),
            )
        )
    return reports


class _Translator:
    """The routine's texts in one language. A filled text is translated through the text it was
    filled from (an event's ``template``, or its source kept by the compiler), never found by
    filling every template for every side and round: the work is one look-up and one fill per
    text, whatever the routine holds."""

    def __init__(self, routine: Routine, language: str) -> None:
        self.source = routine.language
        self.language = language
        self.table: Mapping[str, str] = (
            {} if language == routine.language else routine.translations.get(language, {})
        )

    def text(
        self,
        text: str,
        side: Any = None,
        round_: Position | None = None,
        template: str | None = None,
    ) -> str:
        """``text`` (as the compiler filled it from ``template``, where it had one) in the
        language; as it is where untranslated."""
        if template is not None and template in self.table:
            return fill(self.table[template], side, round_, self.language)
        translated = self.table.get(text)
        if translated is not None:
            return fill(translated, side, round_, self.language)
        return text

    def joined(self, texts: tuple[str, ...], text: str) -> str:
        """The texts the compiler joined with spaces into ``text`` (the cautions that give a
        skip's reason), each translated; ``text`` as it is unless every one has a translation."""
        if not texts or any(t not in self.table for t in texts):
            return text
        return " ".join(self.table[t] for t in texts)

    def template(self, template: str | None) -> str | None:
        return None if template is None else self.table.get(template, template)


def _message(
    message: Message,
    tr: _Translator,
    side: Any,
    round_: Position | None,
    template: str | None,
    sources: tuple[str, ...],
) -> Message:
    """``message`` in the language: its author's texts translated (the one filled from
    ``template`` through it), the rest as it is."""
    filled = None if template is None else fill(template, side, round_, tr.source)
    kinds = MESSAGES[message.key].params

    def one(name: str, value: Param) -> Param:
        if name == "reason":
            return tr.joined(sources, str(value))
        if kinds[name] == "text":
            own = template if value == filled else None
            return tr.text(str(value), side, round_, own)
        if kinds[name] == "texts" and isinstance(value, tuple):
            return tuple(tr.text(item) for item in value)
        return value

    return Message(message.key, tuple((name, one(name, value)) for name, value in message.params))


def _words(
    event: Event, tr: _Translator, own: tuple[str, ...]
) -> tuple[str, Message | None, str | None]:
    """The event's text, message and ``until`` in the language."""
    side, round_ = event.side, event.rounds[-1] if event.rounds else None
    message = event.message
    if message is not None:
        message = _message(message, tr, side, round_, event.template, own)
        text = render_message(message, tr.language)
    else:
        text = tr.text(event.text, side, round_, event.template)
    until = event.until
    if until is not None:
        until = tr.text(until, side, round_, own[0] if own else None)
    return text, message, until


def _event(event: Event, tr: _Translator, sources: Mapping[str, tuple[str, ...]]) -> Event:
    text, message, until = _words(event, tr, sources.get(event.id, ()))
    return attrs.evolve(
        event,
        text=text,
        message=message,
        stretch=None if event.stretch is None else tr.text(event.stretch),
        template=tr.template(event.template),
        until=until,
    )


def _info(info: StretchInfo, tr: _Translator) -> StretchInfo:
    return StretchInfo(
        info.id,
        tr.text(info.name),
        tr.text(info.purpose),
        tuple(tr.text(t) for t in info.targets),
        tuple(tr.text(p) for p in info.props),
        tuple(CautionInfo(tr.text(c.text), c.conditions) for c in info.cautions),
        tuple(
            ModificationInfo(
                tr.text(m.text),
                tr.text(m.when),
                tuple(tr.text(p) for p in m.props),
            )
            for m in info.modifications
        ),
    )


@attrs.frozen
class Draft:
    """A compiled timeline's parts before their words are in its language: the author's texts in
    the routine's language, the library's in English. Not yet a Timeline, whose texts agree with
    its language (``localize`` makes that one)."""

    title: str
    total_ms: int
    events: list[Event]
    chapters: tuple[Chapter, ...]
    stretches: tuple[StretchInfo, ...]
    options: CompileOptions


def localize(
    timeline: Draft | Timeline,
    routine: Routine,
    language: str,
    sources: Mapping[str, tuple[str, ...]] | None = None,
) -> Timeline:
    """``timeline``, compiled from ``routine``, with every text in ``language``: the same events,
    ids, kinds, roles, positions and times. ``sources``: the author's texts behind an event's
    filled ``until`` or joined skip reason, by event id, as the compiler kept them."""
    tr = _Translator(routine, language)
    sources = sources or {}
    options = timeline.options
    if options is not None:
        options = attrs.evolve(options, language=language)
    return compiled_timeline(
        tr.text(timeline.title),
        timeline.total_ms,
        tuple(_event(event, tr, sources) for event in timeline.events),
        tuple(attrs.evolve(c, title=tr.text(c.title)) for c in timeline.chapters),
        tuple(_info(info, tr) for info in timeline.stretches),
        options,
    )


class Spoken:
    """How long an event's words take to say (``speaking_ms``) in the longest of the languages the
    library writes, the routine's own words translated where it has them: the time the cue pass
    keeps quiet for, so cues have room in every language and lie at the same times in all."""

    def __init__(self, routine: Routine, sources: Mapping[str, tuple[str, ...]]) -> None:
        self._translators = tuple(_Translator(routine, language) for language in LANGUAGES)
        self._translated = any(routine.translations.values())
        self._sources = sources
        # What a routine's words take to say is remembered with the routine (an app compiles the
        # same routine again and again): each key holds everything the time depends on.
        known = _SPOKEN.get(routine)
        if known is None:
            known = {}
            _SPOKEN.put(routine, known)
        self._known: dict[object, int] = known

    def said_ms(self, event: Event) -> int:
        """How long the event's words take to say: its text, and for a self-paced part what it
        waits for."""
        message = event.message
        if not self._translated and event.until is None:
            # Untranslated words are said as written in every language: only the library's
            # messages differ. The usual case, and the cheap one.
            if message is None:
                return speaking_ms(event.text)
            known = self._known.get(message)
            if known is None:
                known = max(
                    speaking_ms(render_message(message, tr.language)) for tr in self._translators
                )
                if len(self._known) < _KNOWN:
                    self._known[message] = known
            return known
        own = self._sources.get(event.id, ())
        round_ = event.rounds[-1] if event.rounds else None
        key = (event.text, message, event.template, event.side, round_, event.until, own)
        known = self._known.get(key)
        if known is None:
            known = max(self._in(event, tr, own) for tr in self._translators)
            if len(self._known) < _KNOWN:
                self._known[key] = known
        return known

    @staticmethod
    def _in(event: Event, tr: _Translator, own: tuple[str, ...]) -> int:
        text, _, until = _words(event, tr, own)
        said = speaking_ms(text)
        if until is not None:
            said += speaking_ms(render_message(Message("until", (("until", until),)), tr.language))
        return said


#: How many texts a Spoken remembers: a routine's distinct words, and a bound on a huge one's.
_KNOWN = 65_536
_SPOKEN: IdentityMemo[Routine, dict[object, int]] = IdentityMemo()
