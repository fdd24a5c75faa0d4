"""The vocabulary of conditions a person may declare: names, aliases, implications, phrases.

A condition is a safety feature, so it never fails quietly. One function, ``Vocabulary.get``, reads
a condition's spelling for every reader (compile options, cautions at routine and stretch level,
alternatives, a routine's own conditions, the check and the command line), so what the check
accepts is exactly what the compiler matches:

- case, spaces, underscores and repeated or trailing hyphens are ignored ("Lower  back",
  "lower_back", "lower--back" and "knee-" are "lower-back" and "knee");
- an alias means its condition ("knees", "asthma", a routine's own "ear-ringing");
- a phrase people type means the condition it names once words like "pain", "sore", "bad" or
  "injury" (``FILLER_WORDS``) are set aside: "knee pain", "sore knees", "bad back";
- a condition may imply others (``Condition.implies``): declaring "knee-surgery" declares "knee"
  and "recent-surgery" too (``Vocabulary.resolve`` returns them all).

A name that neither this vocabulary nor the routine knows is refused with the nearest known name,
preferring one that shares a word with what was typed over a near spelling.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import attrs

from .._base.time import shown
from ..exceptions import InvalidTypeError, InvalidValueError, UnknownConditionError

__all__ = ["CONDITIONS", "FILLER_WORDS", "Condition", "Vocabulary", "condition_name"]

_NAME_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_SEPARATORS = re.compile(r"[\s_\-]+")

#: Words a phrase may wrap a condition in: "knee pain", "sore knees", "my bad back".
FILLER_WORDS = frozenset(
    {
        "a", "an", "my", "the", "in", "of", "with",
        "bad", "sore", "stiff", "weak", "painful", "injured", "aching", "achy", "tight",
        "pain", "pains", "ache", "aches", "injury", "injuries", "problem", "problems",
        "issue", "issues", "trouble", "troubles",
    }
)  # fmt: skip


def condition_name(text: str) -> str:
    """``text`` written the way condition names are: lower case, words joined by one hyphen
    ("Lower back", "lower_back" and "lower--back" are "lower-back")."""
    return "-".join(word for word in _SEPARATORS.split(text.strip().lower()) if word)


def _name(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _NAME_RE.fullmatch(value):
        raise InvalidValueError(
            f"Condition.{attr.name} must be a lowercase word like 'knee' or 'lower-back', got "
            f"{shown(value)}"
        )


def _description(inst: object, attr: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"Condition.description must say in plain words what the condition is, got "
            f"{shown(value)}"
        )


def _names(inst: object, attr: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidTypeError(
            f"Condition.{attr.name} must be a list of names like ['knees'], got {shown(value)}"
        )
    for name in value:
        _name(inst, attr, name)


def _as_names(value: object) -> object:
    """A list of names as a tuple; anything else is left for the validator to explain."""
    return tuple(value) if isinstance(value, list | tuple) else value


@attrs.frozen
class Condition:
    """A condition a person may declare: its ``name`` (what cautions say), a plain-language
    ``description``, ``aliases`` that mean the same ("knees" for "knee"), and the conditions it
    ``implies`` (a knee operation is a knee condition and a recent operation too)."""

    name: str = attrs.field(validator=_name)
    description: str = attrs.field(validator=_description)
    aliases: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_names, validator=_names
    )
    implies: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_names, validator=_names
    )


def _c(name: str, description: str, *aliases: str, implies: tuple[str, ...] = ()) -> Condition:
    return Condition(name, description, aliases=aliases, implies=implies)


#: The shared vocabulary, in alphabetical order. Cautions name these (or a routine's own).
CONDITIONS: tuple[Condition, ...] = (
    _c("ankle", "Pain, injury or weakness in an ankle or a foot.", "ankles", "foot", "feet"),
    _c(
        "back-surgery",
        "An operation on the back or the spine in the last months.",
        "spine-surgery",
        "spinal-surgery",
        "back-operation",
        implies=("lower-back", "recent-surgery"),
    ),
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
    _c("hip", "Pain, injury or a replacement of a hip.", "hips"),
    _c(
        "hip-replacement",
        "A replaced hip, partly or wholly: no deep hip bends or crossing the legs.",
        "replaced-hip",
        "new-hip",
        implies=("hip",),
    ),
    _c(
        "hip-surgery",
        "An operation on a hip in the last months.",
        "hip-operation",
        implies=("hip", "recent-surgery"),
    ),
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
        "knee-replacement",
        "A replaced knee, partly or wholly: kneeling and deep knee bends.",
        "replaced-knee",
        "new-knee",
        implies=("knee",),
    ),
    _c(
        "knee-surgery",
        "An operation on a knee in the last months, keyhole surgery included.",
        "knee-operation",
        "knee-arthroscopy",
        implies=("knee", "recent-surgery"),
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
        "shoulder-surgery",
        "An operation on a shoulder in the last months.",
        "shoulder-operation",
        implies=("shoulder", "recent-surgery"),
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
    _implies: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_name: dict[str, str] = {}
        for condition in self.conditions:
            for name in (condition.name, *condition.aliases):
                by_name.setdefault(name, condition.name)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_implies", {c.name: c.implies for c in self.conditions})

    def get(self, text: str) -> str | None:
        """The condition ``text`` names, or None: by its name or an alias in any spelling, or
        as a phrase around one ("knee pain", "sore knees"). The one reader of every spelling."""
        name = condition_name(text)
        found = self._by_name.get(name)
        if found is not None or not name:
            return found
        kept = [word for word in name.split("-") if word not in FILLER_WORDS]
        return self._by_name.get("-".join(kept)) if kept else None

    def names(self, written: Iterable[str]) -> frozenset[str]:
        """The conditions ``written`` names (a caution's list); a name this vocabulary does not
        know stays as written, for the check to refuse."""
        return frozenset(self.get(text) or condition_name(text) for text in written)

    def implied(self, names: Iterable[str]) -> frozenset[str]:
        """``names`` (known conditions) and every condition they imply, however indirectly."""
        found: set[str] = set()
        waiting = list(names)
        while waiting:
            name = waiting.pop()
            if name not in found:
                found.add(name)
                waiting += (self.get(n) or n for n in self._implies.get(name, ()))
        return frozenset(found)

    def suggest(self, text: str) -> str | None:
        """The known condition nearest to ``text``: one sharing a word with it ("knee twinge":
        'knee'), else one spelled nearly alike. Only the first words and characters of a long
        text are read: a suggestion is for a name a person typed."""
        name = condition_name(text[:_SUGGEST_CHARS])
        words = [w for w in name.split("-") if w and w not in FILLER_WORDS]
        for word in words:
            if word in self._by_name:
                return self._by_name[word]
        for word in words:
            for spelling in sorted(self._by_name):
                if word in spelling.split("-"):
                    return self._by_name[spelling]
        spelled = "-".join(words) or name
        near = difflib.get_close_matches(spelled, self._by_name, n=1, cutoff=0.6)
        return self._by_name[near[0]] if near else None

    def resolve(self, names: Iterable[str], *, where: str = "conditions") -> frozenset[str]:
        """The conditions ``names`` declare, with every condition they imply; each unknown name
        refused, with a suggestion."""
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
        return self.implied(known)

    def unknown(self, text: str, *, where: str = "conditions") -> str:
        """What to say of a name no condition has (after ``where: `` when ``where`` is given)."""
        near = self.suggest(text)
        hint = f"did you mean {near!r}?" if near else "'backstretch conditions' lists them"
        return f"{where + ': ' if where else ''}no condition is called {shown(text)}; {hint}"


#: How much of a text ``suggest`` reads: more than any condition's name, however it is typed.
_SUGGEST_CHARS = 200

#: The shared vocabulary alone.
SHARED = Vocabulary(CONDITIONS)
