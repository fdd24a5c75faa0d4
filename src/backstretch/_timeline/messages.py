"""The message table: every text the library writes itself, as a key, parameters and a template.

An event whose text the library wrote ("Rest", "Halfway", "Switch to the left side", "(3 of 15)")
carries a :class:`~backstretch.Message`: its key and parameters. A player in any language renders
the key with its own template and its own words for the parameters; ``render_message`` is the
English rendering, which is exactly the event's ``text``. The author's own text (a step, a stretch
name) has no message, except where the library wraps it ("Next up: {name}").

Templates use ``{name}`` placeholders. A parameter has one of these types:

- ``text``: the routine author's text, shown as it is (translate it from the routine, if at all);
- ``texts``: a list of such texts, joined with ", " in English;
- ``side``: ``"left"`` or ``"right"``, to be rendered with the language's own side word;
- ``conditions``: a list of condition names (``"knee"``), joined with ", " in English;
- ``number``: a whole number, written in digits;
- ``duration``: a whole number of milliseconds, written as a clock reading (``"9:00"``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

import attrs

from .._base.kinds import Side
from .._base.rules import is_ms
from .._base.text import FORBIDDEN, text_problem
from .._base.time import format_ms
from ..exceptions import Problem, TimelineError

__all__ = [
    "MESSAGES",
    "LibraryWords",
    "Message",
    "MessageSpec",
    "Param",
    "ParamType",
    "message_problems",
    "render_message",
]

ParamType = Literal["text", "texts", "side", "conditions", "number", "duration"]


def _read_only(params: Mapping[str, ParamType]) -> Mapping[str, ParamType]:
    return MappingProxyType(dict(params))


@attrs.frozen
class MessageSpec:
    """One entry of the message table: the English template and the type of each parameter."""

    template: str
    params: Mapping[str, ParamType] = attrs.field(factory=dict, converter=_read_only)
    #: What the message is, for the documentation.
    doc: str = ""


def _spec(template: str, doc: str, **params: ParamType) -> MessageSpec:
    return MessageSpec(template, params, doc)


#: Every message key, in the order the documentation lists them.
MESSAGES: Mapping[str, MessageSpec] = MappingProxyType(
    {
        "safety_note": _spec(
            "Move gently and only as far as is comfortable. Stop if anything hurts, and ask a "
            "doctor or physiotherapist before going on.",
            "the library's general safety note, which opens a timeline whose routine has none "
            "of its own",
        ),
        "safety_note_breathing": _spec(
            "Breathe gently and never force a breath. Stop if you feel dizzy, faint or short of "
            "breath, or if anything hurts, and ask a doctor before going on.",
            "the library's safety note for a routine of breathing alone (no holds, reps or "
            "sides), which has none of its own",
        ),
        "announce_targets": _spec(
            "{name} (targets: {targets})",
            "a stretch's announcement, with the areas it targets",
            name="text",
            targets="texts",
        ),
        "announce_purpose": _spec(
            "{name}. {purpose}",
            "a stretch's announcement, with its purpose",
            name="text",
            purpose="text",
        ),
        "announce_targets_purpose": _spec(
            "{name} (targets: {targets}). {purpose}",
            "a stretch's announcement, with the areas it targets and its purpose",
            name="text",
            targets="texts",
            purpose="text",
        ),
        "props": _spec(
            "You need: {props}",
            "what a stretch needs (its props), said after its announcement",
            props="texts",
        ),
        "modification_when": _spec(
            "When {when}: {text}",
            "a modification and when to use it",
            when="text",
            text="text",
        ),
        "modification_props": _spec(
            "{text} (you need: {props})",
            "a modification that needs props of its own",
            text="text",
            props="texts",
        ),
        "modification_when_props": _spec(
            "When {when}: {text} (you need: {props})",
            "a modification that needs props of its own, and when to use it",
            when="text",
            text="text",
            props="texts",
        ),
        "hold": _spec("Hold", "a hold's default text"),
        "hold_breath": _spec("Hold for one breath", "the default text of a hold of one breath"),
        "hold_breaths": _spec(
            "Hold for {count} breaths",
            "the default text of a hold counted in breaths (the event's breaths)",
            count="number",
        ),
        "inhale": _spec("Breathe in", "a breath's first phase"),
        "hold_in": _spec("Hold the breath in", "the hold after breathing in"),
        "exhale": _spec("Breathe out", "breathing out"),
        "hold_out": _spec("Hold the breath out", "the hold after breathing out, lungs empty"),
        "rest": _spec("Rest", "a rest's default text"),
        "closing_rest": _spec(
            "Rest and breathe slowly",
            "a rest before the closing words that lands a fitted routine on its target",
        ),
        "switch": _spec(
            "Switch to the {side} side", "a switch of sides (default text)", side="side"
        ),
        "switch_prompt": _spec(
            "Get ready to switch to the {side} side",
            "the prompt shortly before a switch of sides",
            side="side",
        ),
        "rep": _spec(
            "{text} ({index} of {count})",
            "one rep, counted as the author counted it (per side for alternating reps)",
            text="text",
            index="number",
            count="number",
        ),
        "until": _spec(
            "Until {until}, then continue when you are ready",
            "said with a self-paced part: what the person waits for (the event's until)",
            until="text",
        ),
        "countdown": _spec("{tick}", "a get-ready tick before a hold", tick="number"),
        "halfway": _spec("Halfway", "the middle of a long hold"),
        "next_up": _spec("Next up: {name}", "a preview of the next stretch", name="text"),
        "left_out": _spec(
            "{name} left out ({conditions}): {reason}",
            "a stretch left out for a declared condition; the reason is its cautions",
            name="text",
            conditions="conditions",
            reason="text",
        ),
        "replaced": _spec(
            "{name} replaced by {alternative} ({conditions}): {reason}",
            "a stretch replaced by its alternative for a declared condition",
            name="text",
            alternative="text",
            conditions="conditions",
            reason="text",
        ),
        "ruled_out": _spec(
            "Its alternative {name} is ruled out too ({conditions}): {reason}",
            "an alternative that a declared condition rules out as well",
            name="text",
            conditions="conditions",
            reason="text",
        ),
        "swapped": _spec(
            "{name} swapped for {alternative}, as you chose",
            "a stretch the person swapped for its alternative (compile_routine(swap=...))",
            name="text",
            alternative="text",
        ),
        "swapped_too": _spec(
            "Its alternative {name} is swapped too, as you chose",
            "an alternative the person swapped away as well",
            name="text",
        ),
        "end": _spec("End of {title}", "the end of the routine", title="text"),
        # Check-ins: questions a player shows and waits on (kind check_in), answered as their
        # role says (docs/timeline.md).
        "check_in_pain_before": _spec(
            "Before you start: how much pain do you feel, from 0 (none) to 10 (the worst)?",
            "a check-in before the routine: pain from 0 to 10",
        ),
        "check_in_pain_after": _spec(
            "How much pain do you feel now, from 0 (none) to 10 (the worst)?",
            "a check-in after the routine: pain from 0 to 10",
        ),
        "check_in_effort": _spec(
            "How did that feel: easy, about right, or hard?",
            "a check-in after the routine: effort (easy, right or hard)",
        ),
        "check_in_reps": _spec(
            "How many did you do? (up to {most})",
            "a check-in after a self-paced set: the reps the person counted, 0 to most",
            most="number",
        ),
        "check_in_another_round": _spec(
            "Another round? Up to {rounds}, until {until}",
            "a check-in after a round of a Repeat that goes on until the person says (not the "
            "last): another round, or enough",
            rounds="number",
            until="text",
        ),
        # The personalization summary (Timeline.personalization): one sentence each.
        "level_gentle": _spec(
            "Gentle level: every range at its low end", "summary: compiled at the gentle level"
        ),
        "level_standard": _spec(
            "Standard level: every range in its middle", "summary: compiled at the standard level"
        ),
        "level_deep": _spec(
            "Deep level: every range at its high end", "summary: compiled at the deep level"
        ),
        "summary_left_out": _spec(
            "{name} left out for {conditions}",
            "summary: a stretch left out for declared conditions",
            name="text",
            conditions="conditions",
        ),
        "summary_replaced": _spec(
            "{name} replaced by {alternative} for {conditions}",
            "summary: a stretch replaced by its alternative for declared conditions",
            name="text",
            alternative="text",
            conditions="conditions",
        ),
        "summary_swapped": _spec(
            "{name} swapped for {alternative}, as you chose",
            "summary: a stretch the person swapped for its alternative",
            name="text",
            alternative="text",
        ),
        "summary_nothing_for": _spec(
            "Nothing in this routine is ruled out for {conditions}",
            "summary: declared conditions that no stretch of the routine names",
            conditions="conditions",
        ),
        "summary_affected": _spec(
            "Affected side: {side}",
            "summary: the affected side the person gave",
            side="side",
        ),
        "summary_longer": _spec(
            "Fitted to {total}: {change} longer than the level's own {natural}",
            "summary: fitted to a total longer than the level's own",
            total="duration",
            change="duration",
            natural="duration",
        ),
        "summary_shorter": _spec(
            "Fitted to {total}: {change} shorter than the level's own {natural}",
            "summary: fitted to a total shorter than the level's own",
            total="duration",
            change="duration",
            natural="duration",
        ),
        "summary_fitted": _spec(
            "Fitted to {total}, its own length at this level",
            "summary: fitted to exactly the level's own total",
            total="duration",
        ),
        # What a program says of a session (role ``session``, after the title; also in the
        # summary). Dates are ISO 8601 texts (2026-06-03) in every language.
        "session": _spec(
            "{program}, {stage}: session {number}",
            "session: which session of a program's stage this is (a stage without a set count)",
            program="text",
            stage="text",
            number="number",
        ),
        "session_of": _spec(
            "{program}, {stage}: session {number} of {count}",
            "session: which session of a program's stage this is, of how many",
            program="text",
            stage="text",
            number="number",
            count="number",
        ),
        "session_not_today": _spec(
            "No session is due today; this is the next one, on {date}",
            "session: the next session lies on a later day (its date)",
            date="text",
        ),
        "session_overdue": _spec(
            "This session was due on {date} and is still next",
            "session: a missed session stays next (a program that keeps its sequence)",
            date="text",
        ),
        "progress_hold": _spec(
            "Holds {seconds} s longer than at the start of this stage",
            "session: a progression made the holds longer",
            seconds="number",
        ),
        "progress_hold_up_to": _spec(
            "Holds up to {seconds} s longer than at the start of this stage",
            "session: a progression made the holds longer, some less (at the top of their range)",
            seconds="number",
        ),
        "progress_hold_to": _spec(
            "Holds now last {seconds} s",
            "session: a progression set the holds to a length",
            seconds="number",
        ),
        "progress_reps": _spec(
            "{count} more reps in each set than at the start of this stage",
            "session: a progression added reps to each set",
            count="number",
        ),
        "progress_reps_up_to": _spec(
            "Up to {count} more reps in each set than at the start of this stage",
            "session: a progression added reps, to some sets fewer (at the top of their range)",
            count="number",
        ),
        "progress_reps_to": _spec(
            "Each set now has {count} reps",
            "session: a progression set the reps of each set",
            count="number",
        ),
        "progress_rounds": _spec(
            "{count} more rounds than at the start of this stage",
            "session: a progression added rounds",
            count="number",
        ),
        "progress_rounds_up_to": _spec(
            "Up to {count} more rounds than at the start of this stage",
            "session: a progression added rounds, to some fewer (at the top of their range)",
            count="number",
        ),
        "progress_rounds_to": _spec(
            "Now {count} rounds",
            "session: a progression set the number of rounds",
            count="number",
        ),
        "progress_level_gentle": _spec(
            "Progression moved this session to the gentle level",
            "session: a progression changed the level to gentle",
        ),
        "progress_level_standard": _spec(
            "Progression moved this session to the standard level",
            "session: a progression changed the level to standard",
        ),
        "progress_level_deep": _spec(
            "Progression moved this session to the deep level",
            "session: a progression changed the level to deep",
        ),
        "progress_held": _spec(
            "Progression held: pain {pain}/10 reported on {date}",
            "session: the pain rule held progression back",
            pain="number",
            date="text",
        ),
        "progress_stepped_back": _spec(
            "One change undone: pain {pain}/10 reported on {date}. If pain like this stays or "
            "comes back, stop and ask a doctor or physiotherapist",
            "session: the pain rule stepped back one change and advises asking a professional",
            pain="number",
            date="text",
        ),
    }
)


def render_message(message: Message, language: str = "en") -> str:
    """The message in ``language`` (one of ``LANGUAGES``; English by default): its template in
    that language filled with its parameters, sides and condition names in its words. The
    parameters are used as they are: a timeline compiled in a language already carries the
    author's texts in it."""
    from .._i18n.catalogs import condition_word, message_side_context, side_word, translate

    spec = MESSAGES[message.key]
    values: dict[str, str] = {}
    for name, value in message.params:
        kind = spec.params.get(name)
        if isinstance(value, tuple):
            words = value if kind != "conditions" else (condition_word(c, language) for c in value)
            values[name] = ", ".join(words)
        elif kind == "duration":
            values[name] = format_ms(value)  # type: ignore[arg-type]
        elif kind == "side" and language != "en":
            values[name] = side_word(Side(str(value)), language, message_side_context(message.key))
        else:
            values[name] = str(value)
    return translate(message.key, spec.template, language).format_map(values)


#: One parameter value of a message: a text, a number, or a list of texts.
Param: TypeAlias = str | int | tuple[str, ...]


_forbidden = FORBIDDEN.search


def _text_or(value: object, message: str) -> str:
    """The text's own problem (a control character...) when it is text; ``message`` otherwise."""
    if type(value) is str:
        return text_problem(value) or message
    if type(value) is tuple:
        for item in value:
            if type(item) is str and text_problem(item):
                return f"holds a text that {text_problem(item)}"
    return message


def _problems_error(found: list[tuple[str, str]], subject: str) -> TimelineError:
    return TimelineError(
        [Problem(f"$.{field}" if field else "$", message) for field, message in found],
        subject=subject,
    )


def _as_params(value: Any) -> Any:
    if type(value) is tuple:  # the usual case: (name, value) pairs already
        for pair in value:
            if type(pair) is not tuple or len(pair) != 2 or type(pair[1]) is list:
                break
        else:
            return value
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if isinstance(value, list | tuple):
        return tuple(
            (pair[0], tuple(pair[1]) if isinstance(pair[1], list) else pair[1])
            if isinstance(pair, list | tuple) and len(pair) == 2
            else pair
            for pair in value
        )
    return value


class LibraryWords(str):
    """Words the library writes itself where an author wrote none: a hold's "Hold", a rest's
    "Rest", a switch's "Switch to the {side} side", the general safety note. The value is the
    English template of message ``key``, so it reads like any text; the compiler knows it by its
    key (and gives its event that message, which players and translations use), never by
    comparing English. An author's own text is never one, but an author who writes those very
    words means the library's: ``LibraryWords.of`` reads them so (the DSL's defaults and
    converters do), as markupsafe's ``Markup`` marks a text's provenance by its type."""

    key: str

    def __new__(cls, key: str) -> LibraryWords:
        words = super().__new__(cls, MESSAGES[key].template)
        words.key = key
        return words

    def __getnewargs__(self) -> tuple[str]:
        return (self.key,)

    @staticmethod
    def of(text: object, key: str) -> object:
        """``text``, or the library's words of ``key`` when it is those very words."""
        words = _LIBRARY_WORDS[key]
        return words if text == words else text


#: The library's own words, one value per key that a node's default text uses.
_LIBRARY_WORDS = {
    key: LibraryWords(key)
    for key in ("hold", "rest", "switch", "safety_note", "safety_note_breathing")
}


@attrs.frozen
class Message:
    """A text the library wrote, as data: a key of the message table and its parameters.

    ``params`` are (name, value) pairs in the table's order (a dict is accepted);
    ``message["index"]`` reads one. ``render_message(message)`` gives the English text.
    """

    key: str
    params: tuple[tuple[str, Param], ...] = attrs.field(default=(), converter=_as_params)

    def __attrs_post_init__(self) -> None:
        expected = _EXPECTED_PARAMS.get(self.key) if type(self.key) is str else None
        params = self.params
        if expected is not None and type(params) is tuple and len(params) == len(expected):
            for pair, (name, check) in zip(params, expected, strict=True):
                if type(pair) is not tuple or len(pair) != 2 or pair[0] != name:
                    break
                if not check(pair[1]):
                    break
            else:
                return  # the usual case: the table's parameters, in its order
        found = message_problems(self.key, self.params)
        if found:
            raise _problems_error(found, "the message")

    def __getitem__(self, name: str) -> Param:
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(name)

    def as_dict(self) -> dict[str, Param]:
        """The parameters as a dict, in order."""
        return dict(self.params)


def _is_text(value: object) -> bool:
    return type(value) is str and _forbidden(value) is None


def _is_waited_for(value: object) -> bool:
    return type(value) is str and _forbidden(value) is None and value.strip() != ""


def _is_texts(value: object) -> bool:
    return type(value) is tuple and all(_is_text(item) for item in value)


def _is_side(value: object) -> bool:
    return type(value) is str and Side.of(value) is not None


def _is_number(value: object) -> bool:
    return type(value) is int


_PARAM_CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "text": (_is_text, "a text"),
    "texts": (_is_texts, "a list of texts"),
    "side": (_is_side, '"left" or "right"'),
    "conditions": (_is_texts, "a list of condition names"),
    "number": (_is_number, "a whole number"),
    "duration": (is_ms, "whole milliseconds >= 0"),
}


#: Each key's parameters in the table's order, with the check of each one's type.
_EXPECTED_PARAMS = {
    key: tuple((name, _PARAM_CHECKS[kind][0]) for name, kind in spec.params.items())
    for key, spec in MESSAGES.items()
}


def message_problems(key: object, params: object) -> list[tuple[str, str]]:
    """What is wrong with a message's key and parameters (empty when nothing is)."""
    if type(key) is not str or key not in MESSAGES:
        return [("key", f"must be a key of the message table, got {key!r}")]
    spec = MESSAGES[key]
    if type(params) is not tuple or not all(
        type(pair) is tuple and len(pair) == 2 and type(pair[0]) is str for pair in params
    ):
        return [("params", f"must be named values, got {params!r}")]
    found = []
    given = dict(params)
    if len(given) != len(params):
        found.append(("params", "names a parameter twice"))
    for name in spec.params.keys() - given.keys():
        found.append(("params", f"misses {name!r}, which {key!r} needs"))
    for name in sorted(given.keys() - spec.params.keys()):
        found.append((f"params.{name}", f"is not a parameter of {key!r}"))
    for name, value in given.items():
        if name in spec.params:
            check, words = _PARAM_CHECKS[spec.params[name]]
            if not check(value):
                found.append((f"params.{name}", _text_or(value, f"must be {words}, got {value!r}")))
    return found
