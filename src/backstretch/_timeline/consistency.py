"""What a compile gives beyond the timeline's shape: texts, messages, cues and options that agree.

``timeline_problems`` checks a timeline's shape (its events tile time, positions count, names
resolve); a document of the right shape could still say "Switch to the right side" with
``params.side`` ``"left"``, give a countdown the ``halfway`` key, or keep ``halfway`` cues with
``options.halfway`` false. A compile never gives such a timeline, and a player that trusts the
data would act on the contradiction. These rules refuse them, each at its ``$.path``:

- **messages**: a message's key belongs to the event's role (``ROLE_MESSAGES``); a compiled
  timeline gives every role of ``ALWAYS_SAID`` its message; the parameters agree with the event's
  fields (a countdown's tick, a rep's position, a switch's side, a preview's stretch, the end's
  title, a hold's breaths, an announcement's stretch entry); the text is the message rendered in
  the timeline's language;
- **templates**: the author's template filled with the event's side and round is its text (a
  rep's ``text`` parameter);
- **the author's texts** in the stretch table: an announcement without a message says the
  stretch's name, a stretch's caution and modification are among its entry's;
- **cues**: a countdown tick falls ``tick`` seconds before a hold, a halfway cue inside a hold
  counted in time, a switch prompt before a switch to its side, a preview before the stretch it
  names; none of these inside a self-paced part, where the moment is unknown;
- **check-ins and sessions**: "another round" asked after a round that is not a Repeat's last, a
  counted set's check-in after its last rep and up to its count, a session event after the
  title;
- **options**: the events follow them (no cue the options turned off, no tick past
  ``countdown``, a safety note exactly where one was asked for, skip notes only for declared
  conditions, a swap note only where a stretch was swapped, the fit's total), and ``conditions``
  and ``swapped`` are sorted, each once;
- **the stretch table**: one entry per stretch played, in play order.

The rules a compiled timeline keeps by construction; a property test proves every compile keeps
them, and another that changing one field of a compiled timeline is refused or still keeps every
invariant. A timeline without options (made by hand) is held to every rule but those that read
the options; its language is English.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from .._base.kinds import ROLES, Kind, Role
from .._i18n.catalogs import LANGUAGES, fill
from ..exceptions import Problem
from .fields import a
from .messages import MESSAGES, Message, render_message

# The timeline module checks its timelines with this one: its Event and Timeline are read here
# by their attributes, not imported.
Event = Any
Timeline = Any

__all__ = ["ALWAYS_SAID", "ROLE_MESSAGES", "consistency_problems"]

_SESSION_KEYS = tuple(key for key in MESSAGES if key.startswith(("session", "progress_")))

#: The message keys an event of each role may carry (none: its text is always the author's).
ROLE_MESSAGES: Mapping[Role, tuple[str, ...]] = MappingProxyType(
    {
        Role.TITLE: (),
        Role.INTRO: (),
        Role.ANNOUNCE: ("announce_targets", "announce_purpose", "announce_targets_purpose"),
        Role.PROPS: ("props",),
        Role.OUTRO: (),
        Role.SESSION: _SESSION_KEYS,
        Role.SAFETY_NOTE: ("safety_note", "safety_note_breathing"),
        Role.CAUTION: (),
        Role.MODIFICATION: ("modification_when", "modification_props", "modification_when_props"),
        Role.STEP: (),
        Role.HOLD: ("hold", "hold_breath", "hold_breaths"),
        Role.INHALE: ("inhale",),
        Role.HOLD_IN: ("hold_in",),
        Role.EXHALE: ("exhale",),
        Role.HOLD_OUT: ("hold_out",),
        Role.SWITCH: ("switch",),
        Role.REP: ("rep",),
        Role.REST: ("rest", "closing_rest"),
        Role.REST_BETWEEN: ("rest",),
        Role.BREAK: (),
        Role.COUNTDOWN: ("countdown",),
        Role.HALFWAY: ("halfway",),
        Role.HOLD_CUE: (),
        Role.SWITCH_PROMPT: ("switch_prompt",),
        Role.NEXT_UP: ("next_up",),
        Role.LEFT_OUT: ("left_out",),
        Role.REPLACED: ("replaced", "swapped"),
        Role.RULED_OUT: ("ruled_out", "swapped_too"),
        Role.PAIN_BEFORE: ("check_in_pain_before",),
        Role.PAIN_AFTER: ("check_in_pain_after",),
        Role.EFFORT: ("check_in_effort",),
        Role.REPS_COUNTED: ("check_in_reps",),
        Role.ANOTHER_ROUND: ("check_in_another_round",),
        Role.END: ("end",),
    }
)

#: The roles whose text is always the library's: a compiled timeline (one with options) gives
#: every event of these roles its message. The other roles with keys carry one where the library
#: wrote the words (a hold's default "Hold") and none where the author did.
ALWAYS_SAID = frozenset(
    {
        Role.PROPS,
        Role.SESSION,
        Role.REP,
        Role.COUNTDOWN,
        Role.HALFWAY,
        Role.SWITCH_PROMPT,
        Role.NEXT_UP,
        Role.LEFT_OUT,
        Role.REPLACED,
        Role.RULED_OUT,
        Role.PAIN_BEFORE,
        Role.PAIN_AFTER,
        Role.EFFORT,
        Role.REPS_COUNTED,
        Role.ANOTHER_ROUND,
        Role.END,
    }
)

#: Cues the compiler places only where it knows the moment: never inside a self-paced part.
_TIMED_CUES = frozenset({Role.COUNTDOWN, Role.HALFWAY, Role.SWITCH_PROMPT, Role.NEXT_UP})
#: Each cue role and the option that turns it off.
_CUE_OPTIONS = {
    Role.HALFWAY: "halfway",
    Role.HOLD_CUE: "hold_cues",
    Role.SWITCH_PROMPT: "switch_prompt",
    Role.NEXT_UP: "next_up",
}
_SKIP_ROLES = frozenset({Role.LEFT_OUT, Role.REPLACED, Role.RULED_OUT})
_ROLE_KEYS = {role: frozenset(keys) for role, keys in ROLE_MESSAGES.items()}
#: Roles whose author's text the stretch table (or the title) has too.
_NAMED_ROLES = frozenset({Role.TITLE, Role.ANNOUNCE, Role.CAUTION, Role.MODIFICATION})
#: Roles whose events need looking at without a message or template: a message they must have,
#: or a text the stretch table has too.
_WORDED = _NAMED_ROLES | ALWAYS_SAID
#: Roles whose place in the timeline says something: cues, skip notes, sessions, the safety note.
_PLACED = frozenset(ROLES[Kind.CUE]) | _SKIP_ROLES | {Role.SESSION, Role.SAFETY_NOTE}
_WORK = frozenset({Kind.STEP, Kind.HOLD, Kind.REP, Kind.BREATH})
_OPENING = frozenset({Kind.CAUTION, Kind.MODIFICATION})
_SIDE_CHANGES = frozenset({Kind.SWITCH, Kind.REP})
_BEFORE_SESSION = (Role.TITLE, Role.SESSION)
_HOLD_KEYS = {None: "hold", 1: "hold_breath"}


class _Check:
    """One pass over a timeline whose shape is right, collecting what disagrees."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.options = timeline.options
        self.language = "en" if self.options is None else self.options.language
        self.found: list[Problem] = []
        # The timeline's own indexes, which its shape pass filled (it runs first).
        self.segments = timeline.segments
        self.starts = timeline._segment_starts
        self.by_id = timeline._by_id
        self.rendered: dict[Message, str] = {}
        self.fills: dict[tuple[str, object, object], str] = {}

    def bad(self, index: int, field: str, message: str) -> None:
        path = f"$.events[{index}]" + (f".{field}" if field else "")
        self.found.append(Problem(path, message))

    def segment_starting(self, ms: int) -> Event | None:
        at = bisect.bisect_left(self.starts, ms)
        return self.segments[at] if at < len(self.starts) and self.starts[at] == ms else None

    def segment_before(self, ms: int) -> Event | None:
        at = bisect.bisect_left(self.starts, ms) - 1
        return self.segments[at] if at >= 0 else None

    # Messages.

    def message(self, index: int, event: Event) -> None:
        message, role = event.message, event.role
        if message is None:
            if self.options is not None and role in ALWAYS_SAID:
                self.bad(
                    index,
                    "message",
                    f"is null, but a compiled timeline gives {a(role.value)} event its message "
                    f"({' or '.join(ROLE_MESSAGES[role])})",
                )
            if event.template is not None or role in _NAMED_ROLES:
                self.authors_text(index, event)
            return
        key = message.key
        if key not in _ROLE_KEYS[role]:
            allowed = ROLE_MESSAGES[role]
            keys = f"its keys are {', '.join(allowed)}" if allowed else "its text is the author's"
            self.bad(
                index, "message.key", f"{key!r} is no message of {a(role.value)} event ({keys})"
            )
            return
        check = _PARAMS.get(key)
        if check is not None:
            check(self, index, event, message)
        if event.template is not None:
            self.template(index, event, message)
        # Messages repeat (every "Halfway", every tick 3): each is rendered once.
        expected = self.rendered.get(message)
        if expected is None:
            expected = self.rendered[message] = render_message(message, self.language)
        if event.text != expected:
            self.bad(
                index,
                "text",
                f"must be its message in {self.language} ({expected!r}), got {event.text!r}",
            )

    def param(self, index: int, message: Message, name: str, expected: object, what: str) -> None:
        value = message[name]
        if value != expected:
            self.bad(
                index, f"message.params.{name}", f"must be {what} ({expected!r}), got {value!r}"
            )

    # The parameters that repeat the event's own fields, or its stretch's entry: one method a
    # key (``_PARAMS``).

    def countdown_words(self, index: int, event: Event, message: Message) -> None:
        self.param(index, message, "tick", event.tick, "the event's tick")

    def rep_words(self, index: int, event: Event, message: Message) -> None:
        rep = event.rep
        self.param(index, message, "index", rep.index, "the index of the event's rep")
        self.param(index, message, "count", rep.count, "the count of the event's rep")

    def side_words(self, index: int, event: Event, message: Message) -> None:
        side = None if event.side is None else event.side.value
        self.param(index, message, "side", side, "the event's side")

    def target_words(self, index: int, event: Event, message: Message) -> None:
        if event.target is None:
            return
        name = "name" if message.key == "next_up" else "alternative"
        named = self.by_id[event.target].name
        self.param(index, message, name, named, f"the name of its target {event.target!r}")

    def end_words(self, index: int, event: Event, message: Message) -> None:
        self.param(index, message, "title", self.timeline.title, "the timeline's title")

    def announce_words(self, index: int, event: Event, message: Message) -> None:
        entry = self.by_id.get(event.stretch_id or "")
        if entry is None:
            return
        self.param(index, message, "name", entry.name, "its stretch's name")
        if "targets" in MESSAGES[message.key].params:
            self.param(index, message, "targets", entry.targets, "its stretch's targets")
        if "purpose" in MESSAGES[message.key].params:
            self.param(index, message, "purpose", entry.purpose, "its stretch's purpose")

    def props_words(self, index: int, event: Event, message: Message) -> None:
        entry = self.by_id.get(event.stretch_id or "")
        if entry is not None:
            self.param(index, message, "props", entry.props, "its stretch's props")

    def modification_words(self, index: int, event: Event, message: Message) -> None:
        entry = self.by_id.get(event.stretch_id or "")
        if entry is None:
            return
        given = message.as_dict()
        if not any(
            given["text"] == m.text
            and given.get("when", m.when) == m.when
            and given.get("props", m.props) == m.props
            for m in entry.modifications
        ):
            self.bad(
                index, "message.params", f"must be one of the modifications of stretch {entry.id!r}"
            )

    def reps_counted_words(self, index: int, event: Event, message: Message) -> None:
        last = self.segment_before(event.start_ms)
        if last is None or last.rep is None:
            self.bad(index, "", "a counted set's check-in follows the set's last rep")
        else:
            self.param(index, message, "most", last.rep.count, "the count of the set before")

    def another_round_words(self, index: int, event: Event, message: Message) -> None:
        rounds = event.rounds
        if not rounds or rounds[-1].index == rounds[-1].count:
            self.bad(
                index,
                "rounds",
                "another round is asked after a round of a Repeat that is not its last, got "
                + (str(rounds[-1]) if rounds else "no round"),
            )
        else:
            self.param(index, message, "rounds", rounds[-1].count, "the count of its rounds")

    def hold_words(self, index: int, event: Event, message: Message) -> None:
        breaths = event.breaths
        expected = _HOLD_KEYS.get(breaths, "hold_breaths")
        if message.key != expected:
            counted = "in time" if breaths is None else f"in {breaths} breaths"
            self.bad(
                index,
                "message.key",
                f"must be {expected!r} for a hold counted {counted}, got {message.key!r}",
            )
        elif expected == "hold_breaths":
            self.param(index, message, "count", breaths, "the event's breaths")

    def template(self, index: int, event: Event, message: Message | None) -> None:
        template = event.template or ""
        filled = self.filled(template, event)
        if filled == template:
            self.bad(
                index,
                "template",
                "has nothing the event's side or round fills in; a template is written only "
                "where one was filled",
            )
        elif message is None:
            if event.text != filled:
                self.bad(
                    index,
                    "text",
                    f"must be its template filled in ({filled!r}), got {event.text!r}",
                )
        elif message.key == "rep":
            self.param(index, message, "text", filled, "its template filled in")
        else:
            self.bad(
                index,
                "template",
                f"{message.key!r} has no author's text to fill: a template goes with the "
                "author's text or a rep's",
            )

    def filled(self, template: str, event: Event) -> str:
        """The template filled with the event's side and round: in the timeline's language, or,
        where that is not its text, in the language of the library's that gives its text (an
        author's text left untranslated keeps the side words of the language it was written in,
        which the timeline does not record)."""
        round_ = event.rounds[-1] if event.rounds else None
        key = (template, event.side, round_)
        filled = self.fills.get(key)
        if filled is None:
            filled = self.fills[key] = fill(template, event.side, round_, self.language)
        message = event.message
        said = event.text if message is None else message["text"] if message.key == "rep" else None
        if filled != said:
            for language in LANGUAGES:
                other = fill(template, event.side, round_, language)
                if other == said:
                    return other
        return filled

    def authors_text(self, index: int, event: Event) -> None:
        """An event without a message: the author's text, which the stretch table has too."""
        if event.template is not None:
            self.template(index, event, None)
        role, text = event.role, event.text
        entry = self.by_id.get(event.stretch_id or "")
        if role is Role.TITLE and text != self.timeline.title:
            self.bad(
                index,
                "text",
                f"must be the timeline's title ({self.timeline.title!r}), got {text!r}",
            )
        elif entry is None:
            return
        elif role is Role.ANNOUNCE and text != entry.name:
            self.bad(index, "text", f"must be its stretch's name ({entry.name!r}), got {text!r}")
        elif role is Role.CAUTION and all(text != c.text for c in entry.cautions):
            self.bad(index, "text", f"must be one of the cautions of stretch {entry.id!r}")
        elif role is Role.MODIFICATION and all(text != m.text for m in entry.modifications):
            self.bad(index, "text", f"must be one of the modifications of stretch {entry.id!r}")

    # Cues, check-ins and sessions: what they say agrees with what comes.

    def cue(self, index: int, event: Event, following: _Following) -> None:
        role, at = event.role, event.start_ms
        options = self.options
        if (
            options is not None
            and role in _CUE_OPTIONS
            and not getattr(options, _CUE_OPTIONS[role])
        ):
            self.bad(index, "", f"{a(role.value)} cue, but options.{_CUE_OPTIONS[role]} is false")
        playing = self.timeline.at(at)
        if self.inside(index, event, playing):
            return
        if role is Role.COUNTDOWN and event.tick is not None:
            self.countdown(index, event)
        elif role is Role.HALFWAY and not (
            playing is not None
            and playing.kind is Kind.HOLD
            and playing.breaths is None
            and playing.start_ms < at
        ):
            self.bad(index, "start_ms", "a halfway cue falls inside a hold counted in time")
        elif role is Role.SWITCH_PROMPT:
            switch = following.switch(index)
            side = None if event.side is None else event.side.value
            if switch is None:
                self.bad(index, "", "no switch follows this prompt")
            elif switch.side != event.side:
                shown = None if switch.side is None else switch.side.value
                self.bad(
                    index,
                    "side",
                    f"must be {shown!r}, the side of the switch that follows (at "
                    f"{switch.start_ms}), got {side!r}",
                )
        elif role is Role.NEXT_UP:
            coming = following.stretch(index)
            if coming != event.target:
                self.bad(
                    index,
                    "target",
                    f"must be {coming!r}, the stretch announced next, got {event.target!r}"
                    if coming is not None
                    else "no stretch is announced after this preview",
                )

    def inside(self, index: int, event: Event, playing: Event | None) -> bool:
        """Whether the marker falls inside a self-paced part (where the moment is unknown; a
        timed cue not even at its start) or a breath phase (said over nothing): refused there."""
        if playing is None:
            return False
        at, start = event.start_ms, playing.start_ms
        if playing.open and (at > start or event.role in _TIMED_CUES):
            what, why = f"a self-paced {playing.kind.value}", "where the moment is unknown"
        elif playing.kind is Kind.BREATH and at > start:
            what, why = "a breath phase", "which nothing interrupts"
        else:
            return False
        self.bad(
            index,
            "start_ms",
            f"falls inside {what} ({start} to {playing.end_ms}), {why}: no {event.role.value} "
            "goes there",
        )
        return True

    def countdown(self, index: int, event: Event) -> None:
        tick, options = event.tick or 0, self.options
        if options is not None and tick > options.countdown:
            self.bad(
                index,
                "tick",
                f"must be at most options.countdown ({options.countdown}), got {tick}",
            )
        hold_at = event.start_ms + 1000 * tick
        hold = self.segment_starting(hold_at)
        if hold is None or hold.kind is not Kind.HOLD:
            self.bad(
                index,
                "start_ms",
                f"tick {tick} is said {tick} s before a hold starts, but no hold starts at "
                f"{hold_at}",
            )

    def skip(self, index: int, event: Event, message: Message) -> None:
        options = self.options
        if options is None:
            return
        if message.key in ("swapped", "swapped_too"):
            if not options.swapped:
                self.bad(index, "message.key", "a swap note, but options.swapped is empty")
            return
        named = message["conditions"]
        undeclared = (
            [c for c in named if c not in options.conditions] if isinstance(named, tuple) else []
        )
        if undeclared:
            self.bad(
                index,
                "message.params.conditions",
                f"names {', '.join(map(repr, undeclared))}, which options.conditions does not "
                "declare",
            )

    # The whole timeline.

    def run(self) -> list[Problem]:
        events = self.timeline.events
        following = _Following(events)
        previous: Role | None = None  # the role of the segment before
        for index, event in enumerate(events):
            role = event.role
            # Most events are the author's words in no stretch table: nothing to compare.
            if event.message is not None or event.template is not None or role in _WORDED:
                self.message(index, event)
            if role in _PLACED:
                self.placed(index, event, following, previous)
            if event.duration_ms:
                previous = role
        self.stretch_order(events)
        if self.options is not None:
            self.options_problems(events)
        self.stretch_table(events)
        return self.found

    def stretch_order(self, events: tuple[Event, ...]) -> None:
        """Within a stretch (from its announcement on): its cautions and modifications come before
        its first step, hold, rep or breath; the side the person works changes only at a switch
        to the new side, or into and between the reps of alternating Reps."""
        started = False
        side = None
        for index, event in enumerate(events):
            kind = event.kind
            if kind is Kind.ANNOUNCE and event.role is Role.ANNOUNCE:
                started, side = False, None
            elif kind in _WORK:
                started = True
            elif kind in _OPENING and event.stretch_id is not None and started:
                self.bad(
                    index,
                    "",
                    f"{a(kind.value)} of a stretch comes before its first step, hold, rep or "
                    "breath",
                )
            if event.side is None or not event.duration_ms:
                continue
            if side is not None and event.side is not side and kind not in _SIDE_CHANGES:
                self.bad(
                    index,
                    "side",
                    f"changes the side from {side.value!r} to {event.side.value!r} without a "
                    "switch (only a switch, or alternating reps, change it within a stretch)",
                )
            side = event.side

    def placed(
        self, index: int, event: Event, following: _Following, previous: Role | None
    ) -> None:
        """A cue, a skip note, a session event or the safety note: where it is agrees with what
        it says and with the options."""
        role, message, options = event.role, event.message, self.options
        if event.kind is Kind.CUE:
            self.cue(index, event, following)
        elif role in _SKIP_ROLES:
            self.inside(index, event, self.timeline.at(event.start_ms))
            if message is not None and message.key in _ROLE_KEYS[role]:
                self.skip(index, event, message)
        elif role is Role.SESSION:
            if previous not in _BEFORE_SESSION:
                self.bad(index, "", "a session event follows the title (or another session event)")
        elif index != 0:
            self.bad(index, "", "the safety note opens the timeline: it is the first event")
        elif options is not None and not options.safety_note:
            self.bad(index, "", "a safety note, but options.safety_note is false")

    def options_problems(self, events: tuple[Event, ...]) -> None:
        options = self.options
        assert options is not None
        if options.safety_note and events[0].role is not Role.SAFETY_NOTE:
            self.bad(
                0, "role", "options.safety_note is true, but no safety note opens the timeline"
            )
        for name in ("conditions", "swapped"):
            value = getattr(options, name)
            if list(value) != sorted(set(value)):
                self.found.append(
                    Problem(
                        f"$.options.{name}",
                        f"must be sorted, each once, as a compile writes it: {sorted(set(value))}",
                    )
                )
        fit, natural, total = options.fit_to_ms, options.unfitted_ms, self.timeline.total_ms
        if (fit is None) != (natural is None):
            self.found.append(
                Problem(
                    "$.options.unfitted_ms",
                    "is null, but fit_to_ms is set: a fitted timeline says what its level gives "
                    "unfitted"
                    if natural is None
                    else "is set, but fit_to_ms is null: only a fitted timeline has it",
                )
            )
        if fit is not None and fit != total:
            self.found.append(
                Problem(
                    "$.total_ms",
                    f"must be options.fit_to_ms ({fit}): a fit lands on its target, got {total}",
                )
            )

    def stretch_table(self, events: tuple[Event, ...]) -> None:
        played = list(dict.fromkeys(e.stretch_id for e in events if e.stretch_id is not None))
        known = set(played)
        listed = [entry.id for entry in self.timeline.stretches]
        for index, id in enumerate(listed):
            if id not in known:
                self.found.append(
                    Problem(
                        f"$.stretches[{index}]",
                        f"no event plays {id!r}: an entry is one stretch played",
                    )
                )
        in_play = [id for id in listed if id in known]
        for id, expected in zip(in_play, played, strict=True):
            if id != expected:
                self.found.append(
                    Problem(
                        f"$.stretches[{listed.index(id)}].id",
                        f"entries are in play order: expected {expected!r} here (played next), "
                        f"got {id!r}",
                    )
                )
                break


_ParamCheck = Callable[[_Check, int, Event, Message], None]
#: Each key whose parameters repeat what the timeline says elsewhere, and its check.
_PARAMS: dict[str, _ParamCheck] = {
    "countdown": _Check.countdown_words,
    "rep": _Check.rep_words,
    "switch": _Check.side_words,
    "switch_prompt": _Check.side_words,
    "next_up": _Check.target_words,
    "replaced": _Check.target_words,
    "swapped": _Check.target_words,
    "end": _Check.end_words,
    "hold": _Check.hold_words,
    "hold_breath": _Check.hold_words,
    "hold_breaths": _Check.hold_words,
    "props": _Check.props_words,
    "check_in_reps": _Check.reps_counted_words,
    "check_in_another_round": _Check.another_round_words,
    **dict.fromkeys(ROLE_MESSAGES[Role.ANNOUNCE], _Check.announce_words),
    **dict.fromkeys(ROLE_MESSAGES[Role.MODIFICATION], _Check.modification_words),
}


class _Following:
    """What comes after each event: the next switch, and the stretch announced next (each list
    made by one backward pass, the first time it is asked for)."""

    def __init__(self, events: tuple[Event, ...]) -> None:
        self.events = events
        self._next: dict[str, list[Any]] = {}

    def _after(self, what: str, index: int, pick: Callable[[Event], Any]) -> Any:
        found = self._next.get(what)
        if found is None:
            found = self._next[what] = [None] * len(self.events)
            last = None
            for at in range(len(self.events) - 1, -1, -1):
                last = pick(self.events[at]) or last
                found[at] = last
        return found[index]

    def switch(self, index: int) -> Event | None:
        return self._after("switch", index, lambda e: e if e.kind is Kind.SWITCH else None)

    def stretch(self, index: int) -> str | None:
        found: str | None = self._after(
            "stretch", index, lambda e: e.stretch_id if e.role is Role.ANNOUNCE else None
        )
        return found


def consistency_problems(timeline: Timeline) -> list[Problem]:
    """Everything in a timeline of the right shape that no compile would give (empty if none)."""
    return _Check(timeline).run()
