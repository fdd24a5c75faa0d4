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

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs

from ._kinds import Side
from ._time import format_ms

if TYPE_CHECKING:
    from ._timeline import Message

__all__ = ["MESSAGES", "MessageSpec", "ParamType", "render_message"]

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
    }
)


def render_message(message: Message, language: str = "en") -> str:
    """The message in ``language`` (one of ``LANGUAGES``; English by default): its template in
    that language filled with its parameters, sides and condition names in its words. The
    parameters are used as they are: a timeline compiled in a language already carries the
    author's texts in it."""
    from ._i18n import condition_word, message_side_context, side_word, translate

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
