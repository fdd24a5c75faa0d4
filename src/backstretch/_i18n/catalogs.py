"""The library's words in other languages: gettext catalogs, side words, and the players' words.

Every text the library writes has an English source here or in the message table
(``MESSAGES``): a timeline's messages, the side words, the names of the shared conditions, and
the words the players and exports write around a timeline's texts (``WORDS``: "Next:",
"3 reps on each side"). Each has a gettext context (its key) and its English text as the
message id. The translations live in ``locale/<language>/LC_MESSAGES/backstretch.po``, made
and compiled with Babel (see docs/languages.md); the compiled ``.mo`` files ship in the
package and are read with the standard library's ``gettext``, so reading them costs no import.

The author's own words are translated by the routine itself (``Routine.translations``); this
module only fills the sides into them: ``{side}`` and ``{other}`` take the language's plain side
word, and ``{side|LEFT FORM|RIGHT FORM}`` (likewise ``{other|...}``) lets a translation give the
form its noun needs ("den {side|linken|rechten} Fuß").
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from .._base.kinds import Side
from .._base.time import format_ms


class _Language(Protocol):
    @property
    def language(self) -> str: ...


class Timeline(Protocol):
    """What the words need of a timeline (the timeline layer above has the real one): its
    language in its options, its length and its chapters."""

    @property
    def options(self) -> _Language | None: ...

    @property
    def total_ms(self) -> int: ...

    @property
    def chapters(self) -> tuple[object, ...]: ...


__all__ = [
    "LANGUAGES",
    "WORDS",
    "Words",
    "fill_sides",
    "language_of",
    "side_word",
    "speaking",
    "spoken",
    "words",
    "words_for",
]

#: The languages the library writes its own text in: complete catalogs ship for each.
LANGUAGES = ("en", "de", "es")
#: Where the catalogs are: ``<language>/LC_MESSAGES/backstretch.mo`` under it.
LOCALE_DIR = Path(__file__).parent.parent / "locale"
DOMAIN = "backstretch"

#: The gettext context of a side word the author's ``{side}`` and ``{other}`` take; a message
#: with a ``side`` parameter has its own context, ``side:<key>``, for the form its words need.
SIDE_CONTEXT = "side"


@functools.cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (English needs none: its words are the sources; a
    language with no catalog, such as a routine's own "fr", gets the English words)."""
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language])


def translate(context: str, english: str, language: str) -> str:
    """``english`` in ``language``, looked up under ``context``; English where there is none."""
    return english if language == "en" else catalog(language).pgettext(context, english)


def message_side_context(key: str) -> str:
    """The gettext context of the side word in the message ``key`` ("side:switch")."""
    return f"{SIDE_CONTEXT}:{key}"


def side_word(side: Side, language: str, context: str = SIDE_CONTEXT) -> str:
    """The word for ``side`` in ``language`` ("left", "links", "izquierdo")."""
    return translate(context, side.value, language)


#: ``{side}``, ``{other}``, and their forms ``{side|left form|right form}``.
_SIDES = re.compile(r"\{(side|other)(?:\|([^{}|]*)\|([^{}|]*))?\}")


def placeholder_name(inside: str) -> str:
    """The name of a placeholder from what is inside its braces: ``side`` for
    ``side|linken|rechten``, the text itself for anything else."""
    found = _SIDES.fullmatch(f"{{{inside}}}")
    return found[1] if found else inside


def fill_sides(text: str, side: Side, language: str = "en") -> str:
    """``text`` with ``{side}`` and ``{other}`` filled for ``side``: the language's side word, or
    the form the text gives for it (``{side|linken|rechten}``)."""

    def one(match: re.Match[str]) -> str:
        meant = side if match[1] == "side" else side.other
        if match[2] is None:
            return side_word(meant, language)
        return match[2] if meant is Side.LEFT else match[3]

    return _SIDES.sub(one, text) if "{" in text else text


def condition_word(name: str, language: str) -> str:
    """A shared condition's name in ``language`` (a routine's own conditions stay as named)."""
    return translate("condition", name, language)


def _words(**entries: str) -> Mapping[str, str]:
    return MappingProxyType(entries)


#: The words the players, the exports and the command line write around a timeline's texts,
#: by key; ``{name}`` placeholders as in the message table.
WORDS: Mapping[str, str] = _words(
    # Shared by the players and exports.
    stop_on_pain="Stop if pain increases or spreads, and ask a professional.",
    your_session="Your session: {summary}",
    left_out="Left out: {text}",
    next="Next: {what}",
    next_end="Next: the end",
    until="until {until}",
    at_least="at least {time}",
    time_left="{time} left",
    your_own_time="Your own time",
    getting_started="Getting started",
    finishing="Finishing",
    between_stretches="Between stretches",
    stretch_of="Stretch {number} of {count}: {title}",
    in_round="{where}, round {round} of {rounds}",
    stretches_one="{total} · 1 stretch",
    stretches_other="{total} · {count} stretches",
    finished="Finished: {total}. Well done.",
    # The headings of the kinds of part (the terminal's and the web page's label, FIT names).
    label_props="You need",
    label_title="Welcome",
    label_announce="About this stretch",
    label_caution="Caution",
    label_modification="If you need it",
    label_step="Get into position",
    label_hold="Hold",
    label_breath="Breathe",
    label_switch="Switch sides",
    label_rep="Reps",
    label_rest="Rest",
    label_break="Break",
    side_left="Left",
    side_right="Right",
    count_round="Round {position}",
    count_rep="Rep {position}",
    count_part="Part {position}",
    position_of="{index} of {count}",
    # The terminal player.
    key_help="space pause/resume · → or n next · ← or p previous · q quit",
    too_small=(
        "The window is too small ({width}x{height}) for the player; make it at least "
        "{min_width}x{min_height}."
    ),
    continue_help="Enter or c: continue when you are ready",
    paused="Paused",
    speed="speed x{speed}",
    # The plain lines of `backstretch play --plain` and what the command line says at the end.
    plain_session="your session",
    cli_continue="Continue when you are ready: press Enter",
    cli_finished="Finished {title} ({total}). Well done.",
    cli_stopped="Stopped at {at} of {total}.",
    cli_stopped_in="Stopped at {at} of {total}, in {title}.",
    # The web player page.
    web_safety=(
        "Stop if pain increases or spreads, and ask a doctor or physiotherapist about pain that "
        "persists. This guide is not medical advice."
    ),
    web_start="Start",
    web_before="Before this stretch",
    web_continue="Continue when you are ready",
    web_continue_hint="Continue when you are ready (Enter or space)",
    web_time_left="Time left in this part",
    web_whole="Whole routine",
    web_player="Player",
    web_previous="Back",
    web_previous_part="Previous part",
    web_previous_hint="Previous (left arrow)",
    web_pause="Pause",
    web_resume="Resume",
    web_toggle_hint="Pause or resume (space)",
    web_next="Next",
    web_next_part="Next part",
    web_next_hint="Next (right arrow)",
    web_ready="Ready?",
    web_beeps="Beep for the countdown",
    web_restart="Restart",
    web_restart_hint="Restart from the beginning",
    web_well_done="Well done",
    web_you_finished="You finished {title} ({total}).",
    web_again="Start again",
    web_voice="Speak the instructions",
    web_no_voice="(no voice is available on this device)",
    web_chapters="Stretches",
    web_stretch_of="Stretch {number} of {count} · {title}",
    web_in_round="{where} · round {round} of {rounds}",
    web_go_to="Go to {title}, {duration}",
    web_needs="You need: {props}",
    web_said_until="{text}, until {until}",
    # The printed sheet (Markdown: ** marks bold).
    sheet_safety="Safety.",
    sheet_caution="Caution.",
    sheet_left_out="Left out.",
    sheet_your_session="Your session.",
    sheet_total="Total time {what}",
    sheet_afterwards="Afterwards",
    sheet_you_need="You need:",
    sheet_caution_item="Caution:",
    sheet_if_needed="If you need it:",
    sheet_once="Once:",
    sheet_rounds_of="**{count} rounds**{between} of:",
    sheet_rounds_swapping="**{count} rounds**{between}, the sides swapping each round, of:",
    sheet_rounds="**{count} rounds**{between}:",
    sheet_round="Round {number}:",
    sheet_rest_between=", with a rest of {time}{said} between rounds",
    sheet_switch="Switch sides",
    sheet_rest="Rest",
    sheet_break="Break",
    sheet_at_least="(at least {time})",
    sheet_breathe="Breathe",
    sheet_phase_in="in {time}",
    sheet_phase_hold="hold {time}",
    sheet_phase_out="out {time}",
    sheet_hold="Hold {time}",
    sheet_hold_at_least="Hold at least {time}",
    sheet_hold_breath="Hold 1 breath",
    sheet_hold_breaths="Hold {count} breaths",
    sheet_hold_at_least_breath="Hold at least 1 breath",
    sheet_hold_at_least_breaths="Hold at least {count} breaths",
    sheet_in_parts=" in {count} parts, with a {time} break between them ({text})",
    sheet_cue="Cue: {text}",
    sheet_reps="**{count} reps**, {pace} each",
    sheet_reps_each_side="**{count} reps** on each side, {pace} each",
    sheet_alternating=", alternating sides, {side} first",
    sheet_same_side="The same on the {side} side.",
    # The SVG picture.
    svg_whole="Whole routine",
    svg_left="left side",
    svg_right="right side",
    svg_no_side="no side",
    svg_read="read / listen",
    svg_quiet="rest, break, switch",
    svg_key="Tall: hold. Half: step or rep. Ticks: cues. Stop if pain increases or spreads.",
    # Garmin FIT workouts: short step names (a watch shows few characters).
    fit_when_ready="When ready",
    fit_repeat="Repeat x{count}",
    fit_reps="Reps {count}",
    fit_reps_each_side="Reps {count} each side",
    fit_about="About",
    fit_if_needed="If needed",
    fit_step="Step",
    fit_rep="Rep",
)


class Words:
    """The players' words (``WORDS``) in one language: ``words("next", what="Rest")``."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, /, **params: object) -> str:
        text = translate(f"player:{key}", WORDS[key], self.language)
        return text.format(**params) if params else text

    def side(self, side: Side) -> str:
        """The plain side word ("left", "links")."""
        return side_word(side, self.language)

    def label(self, key: str) -> str:
        """The heading of a kind or role, by its value ("hold", "props")."""
        return self(f"label_{key}")

    def stretches(self, timeline: Timeline) -> str:
        """The length and the number of stretches: "13:58 · 3 stretches"."""
        total, count = format_ms(timeline.total_ms), len(timeline.chapters)
        if count == 1:
            return self("stretches_one", total=total)
        return self("stretches_other", total=total, count=count)


@functools.cache
def words(language: str) -> Words:
    """The players' words in ``language`` (English for a language without a catalog)."""
    return Words(language if language in LANGUAGES else "en")


#: The words of the export being written (``speaking``), for code deep inside it.
_SPEAKING: contextvars.ContextVar[Words] = contextvars.ContextVar("words")


@contextlib.contextmanager
def speaking(timeline: Timeline) -> Iterator[Words]:
    """While an export of ``timeline`` is written: ``spoken()`` gives its words."""
    token = _SPEAKING.set(words_for(timeline))
    try:
        yield _SPEAKING.get()
    finally:
        _SPEAKING.reset(token)


def spoken() -> Words:
    """The words of the export being written (English outside ``speaking``)."""
    return _SPEAKING.get(words("en"))


def language_of(timeline: Timeline) -> str:
    """The language a timeline's texts are in (English for one made by hand)."""
    return timeline.options.language if timeline.options is not None else "en"


def words_for(timeline: Timeline) -> Words:
    """The players' words in the language of ``timeline``."""
    return words(language_of(timeline))
