"""Whole-routine checks: every problem in the tree at once, each at a ``$.path``.

Field validators in ``_model`` catch a bad value the moment a node is built. What they cannot see
(an empty PerSide, two stretches with one name, ``{side}`` where no side is in play) is found here,
before compiling, and reported together so an author fixes everything in one pass.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator

from .._base.memo import IdentityMemo
from .._base.text import INVISIBLE, length_problem, note_problem, text_problem, visible
from .._base.time import Breaths, Duration, format_ms, shown
from .._i18n.catalogs import placeholder_name
from ..exceptions import Problem, RoutineError
from .conditions import SHARED
from .nodes import (
    BodyNode,
    Breath,
    Caution,
    Circuit,
    Hold,
    OneSide,
    PerSide,
    Reps,
    Rest,
    Routine,
    Step,
    Stretch,
    hold_parts,
)

__all__ = ["body_problems", "check_routine", "problems", "slug"]

PLACEHOLDERS = ("side", "other", "round", "rounds")
_NOWHERE: frozenset[str] = frozenset()
_SIDES = frozenset({"side", "other"})
_ROUNDS = frozenset({"round", "rounds"})
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


@functools.lru_cache(maxsize=1024)
def slug(name: str) -> str:
    """The id form of a stretch name: ``"Child's Pose"`` -> ``"childs-pose"`` (letters kept)."""
    plain = re.sub(r"['\u2019]", "", name.lower())
    return re.sub(r"[\W_]+", "-", plain).strip("-")


#: Routines found sound (see _memo: a routine that passed once passes for good).
_SOUND: IdentityMemo[Routine, bool] = IdentityMemo()


def check_routine(routine: Routine) -> None:
    """Raise RoutineError listing every problem in ``routine``; return quietly if it has none."""
    if _SOUND.get(routine):
        return
    found = list(problems(routine))
    if found:
        raise RoutineError(found)
    _SOUND.put(routine, True)


def problems(routine: Routine) -> Iterator[Problem]:
    """Every problem in ``routine``, in tree order."""
    if not routine.stretches:
        yield Problem(
            "$.body",
            "a routine needs at least one Stretch; add one, e.g. Stretch('Neck roll', [...])",
        )
    yield from _in(
        _NOWHERE,
        "$",
        title=routine.title,
        intro=routine.intro,
        outro=routine.outro,
        safety_note=routine.safety_note,
    )
    for i, caution in enumerate(routine.cautions):
        yield from _in(_NOWHERE, f"$.cautions[{i}]", text=caution.text)
    yield from _translation_problems(routine)
    seen: dict[str, tuple[str, Stretch]] = {}
    for index, item in enumerate(routine.body):
        path = f"$.body[{index}]"
        if isinstance(item, Circuit):
            yield from _circuit(item, path, seen)
        else:
            yield from _item(item, path, seen, _NOWHERE)
    yield from _conditions(routine)


def body_problems(items: Iterable[tuple[int, Stretch | Rest | Circuit]]) -> Iterator[Problem]:
    """The problems of some items of a routine's body, by their index: what a document whose
    other parts could not be read still shows, so that every problem is listed at once."""
    seen: dict[str, tuple[str, Stretch]] = {}
    for index, item in items:
        path = f"$.body[{index}]"
        if isinstance(item, Circuit):
            yield from _circuit(item, path, seen)
        else:
            yield from _item(item, path, seen, _NOWHERE)


def _conditions(routine: Routine) -> Iterator[Problem]:
    """Extra conditions that clash with shared ones, and cautions naming unknown conditions."""
    own: set[str] = set()
    for index, extra in enumerate(routine.extra_conditions):
        path = f"$.extra_conditions[{index}]"
        yield from _in(_NOWHERE, path, description=extra.description)
        for name in (extra.name, *extra.aliases):
            shared = SHARED.get(name)
            if shared is not None or name in own:
                what = f"the shared condition {shared!r}" if shared else "an earlier extra one"
                yield Problem(
                    f"{path}.name" if name == extra.name else f"{path}.aliases",
                    f"{name!r} already names {what}; use that, or give yours another name",
                )
            own.add(name)
    vocabulary = routine.vocabulary
    for index, extra in enumerate(routine.extra_conditions):
        for j, name in enumerate(extra.implies):
            if vocabulary.get(name) is None:
                yield Problem(
                    f"$.extra_conditions[{index}].implies[{j}]", vocabulary.unknown(name, where="")
                )
    for path, caution in _cautions(routine):
        for index, name in enumerate(caution.conditions):
            if vocabulary.get(name) is None:
                near = vocabulary.suggest(name)
                hint = (
                    f"did you mean {near!r}?"
                    if near
                    else "name a shared one ('backstretch conditions' lists them), or declare "
                    "it in the routine's extra_conditions with a description"
                )
                yield Problem(
                    f"{path}.conditions[{index}]", f"no condition is called {shown(name)}; {hint}"
                )


def _cautions(routine: Routine) -> Iterator[tuple[str, Caution]]:
    """Every caution of the routine, its stretches and their alternatives, with its path."""
    for index, caution in enumerate(routine.cautions):
        yield f"$.cautions[{index}]", caution
    for index, item in enumerate(routine.body):
        items = (
            [(f"$.body[{index}].body[{j}]", each) for j, each in enumerate(item.body)]
            if isinstance(item, Circuit)
            else [(f"$.body[{index}]", item)]
        )
        for path, each in items:
            stretch = each if isinstance(each, Stretch) else None
            while stretch is not None:
                for i, caution in enumerate(stretch.cautions):
                    yield f"{path}.cautions[{i}]", caution
                stretch, path = stretch.alternative, f"{path}.alternative"


def _circuit(
    circuit: Circuit, path: str, seen: dict[str, tuple[str, Stretch]]
) -> Iterator[Problem]:
    if not circuit.stretches:
        yield Problem(
            f"{path}.body",
            "a Circuit needs at least one Stretch to do in rounds; add one, or write its "
            "stretches in the routine's body",
        )
    if circuit.between is not None:
        yield from _in(_ROUNDS, f"{path}.between", text=circuit.between.text)
    for index, item in enumerate(circuit.body):
        yield from _item(item, f"{path}.body[{index}]", seen, _ROUNDS)


def _item(
    item: Stretch | Rest, path: str, seen: dict[str, tuple[str, Stretch]], context: frozenset[str]
) -> Iterator[Problem]:
    """Problems in a stretch (and its alternatives) or a rest of the routine or of a circuit."""
    if isinstance(item, Rest):
        yield from _in(context, path, text=item.text)
        return
    stretch: Stretch | None = item
    while stretch is not None:  # the stretch, then its alternative, and so on
        yield from _stretch(stretch, path, seen, context)
        stretch, path = stretch.alternative, f"{path}.alternative"


def _stretch(
    stretch: Stretch, path: str, seen: dict[str, tuple[str, Stretch]], context: frozenset[str]
) -> Iterator[Problem]:
    key = slug(stretch.name)
    if not key:
        yield Problem(
            f"{path}.name",
            f"{stretch.name!r} has no letter or digit; a stretch name needs one (it names the "
            f"stretch's events)",
        )
    elif key in seen:
        other_path, other = seen[key]
        if other == stretch:  # the very same stretch again: checked where it first is
            return
        same = "the same name" if other.name == stretch.name else f"a name like {other.name!r}"
        yield Problem(
            f"{path}.name",
            f"{stretch.name!r} has {same} as the stretch at {other_path}, but is not the same "
            f"stretch; give each stretch its own name, or use the very same stretch again "
            f"(names are compared ignoring case and punctuation)",
        )
    else:
        seen[key] = (path, stretch)
    yield from _in(_NOWHERE, path, name=stretch.name, purpose=stretch.purpose)
    yield from _listed(f"{path}.targets", stretch.targets)
    yield from _listed(f"{path}.props", stretch.props)
    for i, caution in enumerate(stretch.cautions):
        yield from _in(_NOWHERE, f"{path}.cautions[{i}]", text=caution.text)
    for i, mod in enumerate(stretch.modifications):
        yield from _in(_NOWHERE, f"{path}.modifications[{i}]", text=mod.text, when=mod.when)
        yield from _listed(f"{path}.modifications[{i}].props", mod.props)
    if not stretch.body:
        yield Problem(
            f"{path}.body",
            "a stretch needs at least one Step, Hold or Reps; add what the person does",
        )
    yield from _body(stretch.body, f"{path}.body", context)


def _body(body: tuple[BodyNode, ...], path: str, context: frozenset[str]) -> Iterator[Problem]:
    """Problems in ``body``; ``context`` holds the placeholders that can be filled there."""
    for index, node in enumerate(body):
        yield from _node(node, f"{path}[{index}]", context)


def _node(node: BodyNode, path: str, context: frozenset[str]) -> Iterator[Problem]:
    in_per_side = "side" in context
    if isinstance(node, Step):
        yield from _in(context, path, text=node.text, until=node.until)
    elif isinstance(node, Rest):
        yield from _in(context, path, text=node.text)
    elif isinstance(node, Hold):
        yield from _in(context, path, text=node.text, cue=node.cue, until=node.until)
        if node.breaks is not None and not isinstance(node.duration, Breaths):
            yield from _in(context, f"{path}.breaks", text=node.breaks.text)
            parts = hold_parts(node)
            low_ms = (
                node.duration.ms if isinstance(node.duration, Duration) else node.duration.low_ms
            )
            if low_ms < parts:
                yield Problem(
                    f"{path}.duration",
                    f"its breaks (every {format_ms(node.breaks.every.ms)}) split this hold into "
                    f"{parts} parts, but at its shortest it lasts {low_ms} ms, too short to give "
                    f"each part a millisecond; make the hold longer or the breaks rarer",
                )
    elif isinstance(node, Breath):
        return  # times only, each checked as the Breath was built
    elif isinstance(node, Reps):
        if node.alternate and in_per_side:
            yield Problem(
                f"{path}.alternate",
                "alternating Reps inside a PerSide or OneSide would fight over the side; use "
                "alternate=False there, or move the Reps out of it",
            )
        sided = context | _SIDES if node.alternate else context
        yield from _in(sided, path, text=node.text, until=node.until)
        if isinstance(node.count, tuple):
            yield from _per_round(node.count, f"{path}.count", context)
    elif isinstance(node, PerSide | OneSide):
        name = type(node).__name__
        if in_per_side:
            yield Problem(
                path,
                f"a {name} inside a PerSide or OneSide has no side of its own; remove the inner "
                f"one",
            )
        if not node.body:
            what = "on each side" if isinstance(node, PerSide) else "on that side"
            yield Problem(
                f"{path}.body", f"a {name} needs at least one Step, Hold or Reps to do {what}"
            )
        yield from _in(context | _SIDES, path, switch_text=node.switch_text)
        yield from _body(node.body, f"{path}.body", context | _SIDES)
    else:
        if not node.body:
            yield Problem(f"{path}.body", "a Repeat needs at least one node to repeat")
        if node.between is not None:
            yield from _in(context | _ROUNDS, f"{path}.between", text=node.between.text)
        if node.until:  # said in the library's words around it: no placeholders
            yield from _in(_NOWHERE, path, until=node.until)
        # The rounds of the innermost Repeat, for a count per round inside it.
        times = f"{_TIMES}{node.times if isinstance(node.times, int) else 'range'}"
        inner = frozenset(c for c in context if not c.startswith(_TIMES)) | _ROUNDS | {times}
        yield from _body(node.body, f"{path}.body", inner)


#: How the context marks the rounds of the innermost Repeat ("times:3", "times:range").
_TIMES = "times:"


def _per_round(counts: tuple[int, ...], path: str, context: frozenset[str]) -> Iterator[Problem]:
    """A count per round needs a Repeat around it with exactly that many rounds."""
    times = next((c[len(_TIMES) :] for c in context if c.startswith(_TIMES)), None)
    if times is None:
        yield Problem(
            path, "a count per round needs a Repeat around it, one count for each of its rounds"
        )
    elif times == "range":
        yield Problem(
            path, "a count per round needs a Repeat of a set number of rounds, not a range"
        )
    elif int(times) != len(counts):
        yield Problem(
            path, f"gives {len(counts)} counts, one per round, for a Repeat of {times} rounds"
        )


def _listed(path: str, texts: tuple[str, ...]) -> Iterator[Problem]:
    for index, text in enumerate(texts):
        problem = text_problem(text)
        if problem:
            yield Problem(f"{path}[{index}]", problem)


def _controls(path: str, texts: dict[str, str]) -> Iterator[Problem]:
    for field, text in texts.items():
        problem = text_problem(text) or length_problem(text) or _form_problem(text)
        if problem:
            yield Problem(_join(path, field), problem)


def _form_problem(text: str) -> str | None:
    """What is wrong with the braces of ``text``, or None: placeholders do not nest, every brace
    is closed, and a side form (``{side|linken|rechten}``) names a side and writes both forms."""
    if "{" not in text and "}" not in text:
        return None
    opened: int | None = None
    for index, char in enumerate(text):
        if char == "{":
            if opened is not None:
                return (
                    f"has a brace inside a placeholder at position {index}; placeholders do not "
                    f"nest: write {{side}} or {{side|linken|rechten}}"
                )
            opened = index
        elif char == "}":
            if opened is None:
                return f"has a closing brace with no opening one at position {index}"
            inside, opened = text[opened + 1 : index], None
            name, *forms = inside.split("|")
            if forms and (
                name not in ("side", "other")
                or len(forms) != 2
                or not all(visible(form) for form in forms)
            ):
                return (
                    f"has {shown('{' + inside + '}')}; a side form names the side and writes "
                    f"both its forms, like {{side|linken|rechten}}"
                )
    if opened is not None:
        return f"has a brace that is never closed at position {opened}"
    return None


def _placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, each once, in order (a text may repeat one often); a
    side with its forms (``{side|linken|rechten}``) is ``side``."""
    names = (placeholder_name(inside) for inside in _PLACEHOLDER_RE.findall(text))
    return list(dict.fromkeys(names))


def _translation_problems(routine: Routine) -> Iterator[Problem]:
    """Translations into the routine's own language, empty or unreadable ones, ones with control
    characters or side forms that are not simple, and ones with other placeholders than their
    text."""
    for language, table in routine.translations.items():
        if language == routine.language:
            yield Problem(
                f"$.translations[{language!r}]",
                f"the routine is written in {language!r} already; translations are for other "
                f"languages",
            )
        for source, translated in table.items():
            where = f"$.translations[{language!r}][{shown(source)}]"
            problem = (
                text_problem(translated) or length_problem(translated) or _form_problem(translated)
            )
            if not translated.strip():
                problem = "is empty; leave the text out to fall back to the routine's own"
            elif not visible(translated):
                problem = f"{INVISIBLE}, got {translated!r}"
            elif source == routine.safety_note:
                problem = note_problem(translated)
            if problem:
                yield Problem(where, problem)
                continue
            want, have = (_braced(sorted(set(_placeholders(t)))) for t in (source, translated))
            if want != have:
                yield Problem(
                    where,
                    f"the translation {shown(translated)} has placeholders {have}; its text has "
                    f"{want}, and a translation keeps them (a side may take its forms: "
                    f"{{side|left|right}})",
                )


def _braced(names: list[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in names) or "none"


#: What fills each placeholder, and where it works.
_FILLED_BY = {
    "side": ("side", "inside a PerSide, a OneSide or alternating Reps"),
    "other": ("side", "inside a PerSide, a OneSide or alternating Reps"),
    "round": ("round", "inside a Repeat or a Circuit"),
    "rounds": ("round", "inside a Repeat or a Circuit"),
}


def _in(context: frozenset[str], path: str, **texts: str) -> Iterator[Problem]:
    """Problems in ``texts``: control characters, and placeholders the ``context`` (the names
    that can be filled there) cannot fill."""
    yield from _controls(path, texts)
    allowed = [name for name in PLACEHOLDERS if name in context]
    for field, text in texts.items():
        for name in _placeholders(text):
            if name in context:
                continue
            where = _join(path, field)
            if name in _FILLED_BY:
                what, works = _FILLED_BY[name]
                yield Problem(
                    where,
                    f"{{{name}}} in {shown(text)} has no {what} to fill it; it works only {works}",
                )
                continue
            meant = difflib.get_close_matches(name, PLACEHOLDERS, n=1, cutoff=0.6)
            if meant and meant[0] not in context:
                works = _FILLED_BY[meant[0]][1]
                hint = f"{{{meant[0]}}} works only {works}; elsewhere, remove the braces"
            elif allowed:
                names = [f"{{{n}}}" for n in allowed]
                hint = "write " + (", ".join(names[:-1]) + " or " + names[-1])
            else:
                hint = "remove the braces"
            unknown = _short(name, braces=True)
            yield Problem(where, f"unknown placeholder {unknown} in {shown(text)}; {hint}")


def _short(name: str, *, braces: bool = False) -> str:
    text = name if len(name) <= 30 else name[:27] + "..."
    return f"{{{text}}}" if braces else text


def _join(path: str, field: str) -> str:
    return f"{path}.{field}" if field else path
