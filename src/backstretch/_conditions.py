"""The vocabulary of conditions a person may declare: names, aliases and what each means.

A condition is a safety feature, so it never fails quietly: a name that neither this vocabulary
nor the routine knows is refused with the nearest known name, and an alias ("knees", "asthma")
means its condition wherever it is written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ._time import shown
from .exceptions import InvalidTypeError, InvalidValueError, UnknownConditionError

__all__ = ["CONDITIONS", "Condition", "Vocabulary", "condition_name"]

_NAME_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def condition_name(text: str) -> str:
    """``text`` written the way condition names are: lower case, words joined by hyphens
    ("Lower back" and "lower_back" are "lower-back")."""
    return "-".join(re.split(r"[\s_\-]+", text.strip().lower())).strip("-")


def _name(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _NAME_RE.fullmatch(value):
        raise InvalidValueError(
            f"Condition.{attr.name} must be a lowercase word like 'knee' or 'lower-back', got "
            f"{value!r}"
        )


def _description(inst: object, attr: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"Condition.description must say in plain words what the condition is, got {value!r}"
        )


def _aliases(inst: object, attr: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidTypeError(f"Condition.aliases must be a list of names, got {value!r}")
    for alias in value:
        _name(inst, attr, alias)


def _as_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)  # type: ignore[return-value]


@attrs.frozen
class Condition:
    """A condition a person may declare: its ``name`` (what cautions say), a plain-language
    ``description``, and ``aliases`` that mean the same ("knees" for "knee")."""

    name: str = attrs.field(validator=_name)
    description: str = attrs.field(validator=_description)
    aliases: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple, validator=_aliases
    )


def _c(name: str, description: str, *aliases: str) -> Condition:
    return Condition(name, description, aliases=aliases)


#: The shared vocabulary, in alphabetical order. Cautions name these (or a routine's own).
CONDITIONS: tuple[Condition, ...] = (
    _c("ankle", "Pain, injury or weakness in an ankle or a foot.", "ankles", "foot", "feet"),
    _c(
        "balance",
        "Unsteady balance, dizziness or a risk of falling.",
        "dizziness",
        "vertigo",
        "falls",
        "unsteady",
    ),
    _c("elbow", "Pain or injury in an elbow, tennis elbow included.", "elbows", "tennis-elbow"),
    _c("glaucoma", "Glaucoma or raised pressure in the eyes: no head-down positions."),
    _c("heart", "A heart condition.", "heart-condition", "heart-disease", "cardiac"),
    _c("hernia", "A hernia, in the belly or the groin."),
    _c(
        "high-blood-pressure",
        "High blood pressure: no long head-down positions and no holding the breath.",
        "hypertension",
        "blood-pressure",
    ),
    _c("hip", "Pain, injury or a replacement of a hip.", "hips", "hip-replacement"),
    _c(
        "hypermobility",
        "Joints that bend further than most: never push to the end of a stretch.",
        "hypermobile",
    ),
    _c(
        "knee",
        "Pain, injury or weakness in a knee: kneeling and deep knee bends.",
        "knees",
        "bad-knee",
        "bad-knees",
    ),
    _c(
        "lower-back",
        "Pain or injury in the lower back, a disc problem included.",
        "back",
        "low-back",
        "lumbar",
        "back-pain",
        "disc",
    ),
    _c("lung", "A lung or breathing condition, such as asthma or COPD.", "asthma", "copd"),
    _c("neck", "Pain or injury in the neck, whiplash included.", "whiplash", "cervical"),
    _c(
        "osteoporosis",
        "Osteoporosis or fragile bones: no deep forward bends or forced twists.",
        "osteopenia",
    ),
    _c("pregnancy", "Pregnancy, or a birth in the last months.", "pregnant", "postnatal"),
    _c(
        "recent-surgery",
        "An operation in the last months, anywhere in the body.",
        "surgery",
        "operation",
        "knee-surgery",
    ),
    _c("sciatica", "Pain, tingling or numbness running down a leg.", "nerve-pain"),
    _c(
        "shoulder",
        "Pain or injury in a shoulder, a frozen shoulder included.",
        "shoulders",
        "rotator-cuff",
        "frozen-shoulder",
    ),
    _c(
        "wrist",
        "Pain or injury in a wrist or a hand, carpal tunnel included.",
        "wrists",
        "hand",
        "hands",
        "carpal-tunnel",
    ),
)


@attrs.frozen
class Vocabulary:
    """The conditions one routine knows: the shared ones and the routine's own."""

    conditions: tuple[Condition, ...]
    _by_name: dict[str, str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_name: dict[str, str] = {}
        for condition in self.conditions:
            for name in (condition.name, *condition.aliases):
                by_name.setdefault(name, condition.name)
        object.__setattr__(self, "_by_name", by_name)

    def get(self, text: str) -> str | None:
        """The condition ``text`` names (by its name or an alias, in any case), or None."""
        return self._by_name.get(condition_name(text))

    def suggest(self, text: str) -> str | None:
        """The known name nearest to ``text``, if one is near enough to be a misspelling."""
        near = difflib.get_close_matches(condition_name(text), self._by_name, n=1, cutoff=0.6)
        return self._by_name[near[0]] if near else None

    def resolve(self, names: Iterable[str], *, where: str = "conditions") -> frozenset[str]:
        """The conditions ``names`` declare; every unknown one refused, with a suggestion."""
        known: set[str] = set()
        unknown: list[str] = []
        for text in names:
            name = self.get(text)
            if name is None:
                unknown.append(text)
            else:
                known.add(name)
        if unknown:
            unknown.sort()
            raise UnknownConditionError(
                "\n".join(self.unknown(text, where=where) for text in unknown), names=unknown
            )
        return frozenset(known)

    def unknown(self, text: str, *, where: str = "conditions") -> str:
        """What to say of a name no condition has (after ``where: `` when ``where`` is given)."""
        near = self.suggest(text)
        hint = f"did you mean {near!r}?" if near else "'backstretch conditions' lists them"
        return f"{where + ': ' if where else ''}no condition is called {shown(text)}; {hint}"


#: The shared vocabulary alone.
SHARED = Vocabulary(CONDITIONS)

#: Each alias of the shared vocabulary, and the name it stands for.
ALIASES: dict[str, str] = {alias: c.name for c in CONDITIONS for alias in c.aliases}
