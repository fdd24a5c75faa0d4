"""The invariants a timeline keeps by itself, checked by brute force: no routine needed.

``tests/oracle.py`` derives what a timeline must hold from its routine; this module reads one
timeline alone, as a player must trust it, and lists what breaks DESIGN.md's invariants (the ones
a document can break) and the agreements docs/timeline.md promises between its fields ("What a
compile gives"). It is written apart from ``backstretch._timeline`` and slowly (linear scans, a
table of its own), so a rule the loader forgets shows up as a disagreement.
"""

from __future__ import annotations

import itertools

from backstretch import Event, Kind, Role, Timeline, render_message
from backstretch._i18n.catalogs import LANGUAGES, fill

#: The message keys each role may carry, written here from docs/timeline.md.
KEYS: dict[str, set[str | None]] = {
    "title": {None},
    "intro": {None},
    "outro": {None},
    "caution": {None},
    "step": {None},
    "break": {None},
    "hold_cue": {None},
    "announce": {None, "announce_targets", "announce_purpose", "announce_targets_purpose"},
    "props": {"props"},
    "safety_note": {None, "safety_note", "safety_note_breathing"},
    "modification": {None, "modification_when", "modification_props", "modification_when_props"},
    "hold": {None, "hold", "hold_breath", "hold_breaths"},
    "inhale": {None, "inhale"},
    "hold_in": {None, "hold_in"},
    "exhale": {None, "exhale"},
    "hold_out": {None, "hold_out"},
    "switch": {None, "switch"},
    "rep": {"rep"},
    "rest": {None, "rest", "closing_rest"},
    "rest_between": {None, "rest"},
    "countdown": {"countdown"},
    "halfway": {"halfway"},
    "switch_prompt": {"switch_prompt"},
    "next_up": {"next_up"},
    "left_out": {"left_out"},
    "replaced": {"replaced", "swapped"},
    "ruled_out": {"ruled_out", "swapped_too"},
    "pain_before": {"check_in_pain_before"},
    "pain_after": {"check_in_pain_after"},
    "effort": {"check_in_effort"},
    "reps_counted": {"check_in_reps"},
    "another_round": {"check_in_another_round"},
    "end": {"end"},
}
CUE_OPTIONS = {"halfway": "halfway", "hold_cue": "hold_cues", "next_up": "next_up"}
CUE_OPTIONS["switch_prompt"] = "switch_prompt"


def _key(event: Event) -> str | None:
    return None if event.message is None else event.message.key


def _segment_at(timeline: Timeline, ms: int) -> Event | None:
    for segment in timeline.events:
        if segment.duration_ms and segment.start_ms <= ms < segment.start_ms + segment.duration_ms:
            return segment
    return None


def broken(timeline: Timeline) -> list[str]:
    """What in ``timeline`` breaks an invariant or a promised agreement (empty: nothing)."""
    found: list[str] = []
    events = list(timeline.events)
    options = timeline.options
    language = options.language if options is not None else "en"
    names = {entry.id: entry.name for entry in timeline.stretches}
    # 1, 2: sorted, segments tile, one end marker, last.
    position = 0
    for before, after in itertools.pairwise(events):
        if (before.start_ms, before.duration_ms == 0) > (after.start_ms, after.duration_ms == 0):
            found.append(f"{after.id}: out of order")
    for event in events:
        if event.duration_ms:
            if event.start_ms != position:
                found.append(f"{event.id}: does not start where the one before ends")
            position = event.start_ms + event.duration_ms
        elif not 0 <= event.start_ms <= timeline.total_ms:
            found.append(f"{event.id}: a marker outside the timeline")
    if position != timeline.total_ms:
        found.append("the segments do not end at total_ms")
    ends = [e for e in events if e.kind is Kind.END]
    if len(ends) != 1 or events[-1] is not ends[0] or ends[0].start_ms != timeline.total_ms:
        found.append("not one end marker, last, at total_ms")
    # 12: unique ids.
    if len({e.id for e in events}) != len(events):
        found.append("ids repeat")
    for index, event in enumerate(events):
        role = event.role.value
        if _key(event) is not None and _key(event) not in KEYS[role]:
            found.append(f"{event.id}: a {role} with message {_key(event)}")
        if event.message is not None:
            if event.text != render_message(event.message, language):
                found.append(f"{event.id}: the text is not its message")
            params = event.message.as_dict()
            if role == "countdown" and params["tick"] != event.tick:
                found.append(f"{event.id}: the message says another tick")
            rep = event.rep
            if (
                role == "rep"
                and rep is not None
                and (params["index"], params["count"])
                != (
                    rep.index,
                    rep.count,
                )
            ):
                found.append(f"{event.id}: the message counts another rep")
            side = None if event.side is None else event.side.value
            if role in ("switch", "switch_prompt") and params["side"] != side:
                found.append(f"{event.id}: the message says another side")
            if role == "next_up" and params["name"] != names.get(event.target or ""):
                found.append(f"{event.id}: the preview names another stretch")
            if role == "end" and params["title"] != timeline.title:
                found.append(f"{event.id}: the end names another title")
            if _key(event) == "hold_breaths" and params["count"] != event.breaths:
                found.append(f"{event.id}: the message counts other breaths")
        elif options is not None and None not in KEYS[role]:
            found.append(f"{event.id}: a compiled {role} without its message")
        # The author's template, filled with the event's side and round (in the timeline's
        # language, or the one an untranslated text was written in), gives its text.
        if event.template is not None:
            message = event.message
            said = message["text"] if message is not None and message.key == "rep" else event.text
            round_ = event.rounds[-1] if event.rounds else None
            fills = {fill(event.template, event.side, round_, x) for x in (language, *LANGUAGES)}
            if said not in fills - {event.template}:
                found.append(f"{event.id}: the text is not its template filled in")
        # Cues against what follows them.
        later = events[index + 1 :]
        if role == "next_up":
            coming = next((e.stretch_id for e in later if e.role is Role.ANNOUNCE), None)
            if coming != event.target:
                found.append(f"{event.id}: previews {event.target}, but {coming} comes")
        if role == "switch_prompt":
            switch = next((e for e in later if e.kind is Kind.SWITCH), None)
            if switch is None or switch.side is not event.side:
                found.append(f"{event.id}: prompts a side no switch then takes")
        if role == "countdown" and event.tick is not None:
            hold = [
                e
                for e in events
                if e.kind is Kind.HOLD and e.start_ms == event.start_ms + 1000 * event.tick
            ]
            if not hold:
                found.append(f"{event.id}: no hold {event.tick} s after the tick")
            if options is not None and event.tick > options.countdown:
                found.append(f"{event.id}: a tick past options.countdown")
        if role in CUE_OPTIONS and options is not None and not getattr(options, CUE_OPTIONS[role]):
            found.append(f"{event.id}: a cue the options turned off")
        # 15: no marker inside a self-paced segment or a breath phase.
        if not event.duration_ms:
            playing = _segment_at(timeline, event.start_ms)
            waits = playing is not None and (
                playing.until is not None or playing.kind in (Kind.BREATH, Kind.CHECK_IN)
            )
            if waits and playing is not None and playing.start_ms < event.start_ms:
                found.append(f"{event.id}: inside {playing.id}")
            if (
                playing is not None
                and playing.until is not None
                and role in ("halfway", "countdown", "switch_prompt", "next_up")
            ):
                found.append(f"{event.id}: a timed cue in self-paced {playing.id}")
            if role == "halfway" and (playing is None or playing.kind is not Kind.HOLD):
                found.append(f"{event.id}: a halfway cue outside a hold")
    # 4, 6: within a stretch, sides change at a switch (or between alternating reps), and its
    # cautions come before its work.
    side, started = None, False
    for event in events:
        if event.role is Role.ANNOUNCE:
            side, started = None, False
        if event.kind in (Kind.STEP, Kind.HOLD, Kind.REP, Kind.BREATH):
            started = True
        if event.kind in (Kind.CAUTION, Kind.MODIFICATION) and event.stretch_id and started:
            found.append(f"{event.id}: a caution after its stretch's work began")
        if event.duration_ms and event.side is not None:
            changed = side is not None and event.side is not side
            if changed and event.kind not in (Kind.SWITCH, Kind.REP):
                found.append(f"{event.id}: the side changes without a switch")
            side = event.side
    # 9, options: a fit lands on its target; what the options say matches.
    if options is not None:
        if (options.fit_to_ms is None) != (options.unfitted_ms is None):
            found.append("fit_to_ms and unfitted_ms are not set together")
        if options.fit_to_ms is not None and options.fit_to_ms != timeline.total_ms:
            found.append("the fit does not land on its target")
        if list(options.conditions) != sorted(set(options.conditions)):
            found.append("conditions unsorted")
        notes = [e for e in events if e.role is Role.SAFETY_NOTE]
        if options.safety_note != bool(notes) or (notes and events[0] is not notes[0]):
            found.append("the safety note is not where the options say")
        for event in events:
            if event.role in (Role.LEFT_OUT, Role.REPLACED, Role.RULED_OUT) and event.message:
                named = event.message.as_dict().get("conditions", ())
                if not set(named if isinstance(named, tuple) else ()) <= set(options.conditions):
                    found.append(f"{event.id}: a skip note for an undeclared condition")
    # 13: one entry per stretch played, in play order.
    played: list[str] = []
    for event in events:
        if event.stretch_id is not None and event.stretch_id not in played:
            played.append(event.stretch_id)
    if played != [entry.id for entry in timeline.stretches]:
        found.append("the stretch table is not the stretches played, in order")
    return found
