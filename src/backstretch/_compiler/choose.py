"""The first pass: which stretch plays in each place of the routine, and why any other does not.

A declared condition rules a stretch out when a caution of its own (or of the routine) names it;
the person may swap a stretch for its alternative. ``choose`` decides this once per compile, before
any time is reckoned: fitting lays the same choice out at many lengths.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._base.kinds import Role
from .._base.memo import IdentityMemo
from .._dsl.check import slug
from .._dsl.nodes import Circuit, Rest, Routine, Stretch
from .._timeline.messages import MESSAGES
from .._timeline.timeline import Message
from .options import Options

__all__ = ["Chosen", "ChosenCircuit", "Plan", "SkipNote", "choose", "message"]


def message(key: str, **params: Any) -> Message:
    """The message ``key`` with its parameters in the table's order."""
    return Message(key, tuple((name, params[name]) for name in MESSAGES[key].params))


@attrs.frozen
class SkipNote:
    """The note that a stretch was left out, replaced or ruled out, said where its place is
    reached. ``key`` is the stretch's id form; ``sources`` the texts of the cautions its reason
    joins (translated one by one, never split back apart)."""

    key: str
    role: Role
    message: Message
    target: str | None
    sources: tuple[str, ...]


@attrs.frozen
class Chosen:
    """One place of the routine's body: a rest, or a stretch (``played``: it, its alternative, or
    None when none is left), with the notes of what was not played."""

    item: Stretch | Rest
    played: Stretch | Rest | None
    notes: tuple[SkipNote, ...] = ()


@attrs.frozen
class ChosenCircuit:
    """A circuit, its body chosen; ``played`` is False when every stretch in it is left out."""

    circuit: Circuit
    body: tuple[Chosen, ...]
    played: bool


Plan = tuple[Chosen | ChosenCircuit, ...]


#: Plans made (routines are frozen, see _base.memo): a service compiles the same routine, for the
#: same few conditions, again and again.
_PLANS: IdentityMemo[Routine, Plan] = IdentityMemo()


def choose(routine: Routine, options: Options) -> Plan:
    """The routine's body as it will be played with ``options`` (its conditions and swaps)."""
    key = (options.conditions, options.swapped)
    plan = _PLANS.get(routine, key)
    if plan is None:
        plan = _choose(routine, options)
        _PLANS.put(routine, plan, key)
    return plan


def _choose(routine: Routine, options: Options) -> Plan:
    plan: list[Chosen | ChosenCircuit] = []
    for item in routine.body:
        if isinstance(item, Circuit):
            body = tuple(_chosen(each, options, routine) for each in item.body)
            played = any(c.played is not None for c in body if isinstance(c.item, Stretch))
            plan.append(ChosenCircuit(item, body, played))
        else:
            plan.append(_chosen(item, options, routine))
    return tuple(plan)


def _chosen(item: Stretch | Rest, options: Options, routine: Routine) -> Chosen:
    if isinstance(item, Rest):
        return Chosen(item, item)
    played = _pick(item, options, routine)
    if played is item:
        return Chosen(item, item)
    return Chosen(item, played, _notes(item, played, options.conditions, routine))


def _pick(stretch: Stretch, options: Options, routine: Routine) -> Stretch | None:
    """The stretch, else the first of its alternatives that no declared condition rules out and
    the person did not swap away; None when none is left, or when the routine's own cautions
    rule out all of it."""
    conditions = options.conditions
    if conditions.intersection(routine.conditions):
        return None
    return next(
        (
            s
            for s in stretch.chain
            if not conditions.intersection(routine.named(s.cautions))
            and not (slug(s.name) in options.swapped and s.alternative is not None)
        ),
        None,
    )


def _notes(
    original: Stretch, played: Stretch | None, conditions: frozenset[str], routine: Routine
) -> tuple[SkipNote, ...]:
    """The notes for a stretch left out or replaced, and for each alternative ruled out too."""
    hit, texts = _reason(original, conditions, routine)
    why = " ".join(texts)
    if played is None:
        said = message("left_out", name=original.name, conditions=hit, reason=why)
        role, target = Role.LEFT_OUT, None
    elif not hit:  # no condition rules it out: the person swapped it
        said = message("swapped", name=original.name, alternative=played.name)
        role, target = Role.REPLACED, slug(played.name)
    else:
        said = message(
            "replaced", name=original.name, alternative=played.name, conditions=hit, reason=why
        )
        role, target = Role.REPLACED, slug(played.name)
    notes = [SkipNote(slug(original.name), role, said, target, texts)]
    for alternative in original.chain[1:]:
        if alternative is played:
            break
        hit, texts = _reason(alternative, conditions, routine)
        if hit:
            said = message(
                "ruled_out", name=alternative.name, conditions=hit, reason=" ".join(texts)
            )
        else:  # swapped away too
            said = message("swapped_too", name=alternative.name)
        notes.append(SkipNote(slug(alternative.name), Role.RULED_OUT, said, None, texts))
    return tuple(notes)


def _reason(
    stretch: Stretch, conditions: frozenset[str], routine: Routine
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The declared conditions that rule ``stretch`` out, and the texts of the cautions (the
    routine's, then its own) that name them, each once."""
    cautions = [
        c for c in (*routine.cautions, *stretch.cautions) if conditions & routine.named([c])
    ]
    hit = tuple(sorted(routine.named(cautions) & conditions))
    return hit, tuple(dict.fromkeys(c.text for c in cautions))
