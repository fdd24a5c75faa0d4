"""The words the players, the exports and the command line write around a timeline (``WORDS``),
by language, and the language a timeline is in.

Apart from the catalogs (``catalogs``), whose gettext look-up they use: a new word is a row of
``WORDS`` and an entry in each ``.po`` file.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Protocol

from .._base.kinds import Side
from .._base.time import format_ms
from .catalogs import LANGUAGES, side_word, translate

__all__ = ["WORDS", "Words", "language_of", "speaking", "spoken", "words", "words_for"]


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
    time_of="{where}, time {time} of {times}",
    stretches_one="{total} · 1 stretch",
    stretches_other="{total} · {count} stretches",
    finished="Finished: {total}. Well done.",
    # The headings of the kinds of part (the terminal's and the web page's label, FIT names).
    label_props="You need",
    label_title="Welcome",
    label_announce="About this stretch",
    label_caution="Caution",
    label_modification="If you need it",
    label_step="Step",
    label_hold="Hold",
    label_breath="Breathe",
    label_switch="Switch sides",
    label_rep="Reps",
    label_rest="Rest",
    label_break="Break",
    label_check_in="Question",
    side_left="Left",
    side_right="Right",
    count_set="Set {position}",
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
    # A check-in the player waits at: how to answer (Enter alone goes on without an answer).
    answer_pain="Type 0 to 10, then Enter (Enter alone: no answer)",
    answer_effort="1 easy, 2 about right, 3 hard, then Enter (Enter alone: no answer)",
    answer_count="Type how many, 0 to {most}, then Enter (Enter alone: no answer)",
    answer_round="1 another round, 2 that is enough, then Enter (Enter alone: go on)",
    answer_typed="Your answer: {typed}",
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
    web_your_answer="Your answer",
    web_answer_easy="Easy",
    web_answer_right="About right",
    web_answer_hard="Hard",
    web_answer_more="Another round",
    web_answer_enough="That is enough",
    web_save_answers="Save your answers for your log (one line of JSON)",
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
    web_time_of="{where} · time {time} of {times}",
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
