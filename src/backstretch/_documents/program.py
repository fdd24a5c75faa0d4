"""Program documents: a program in JSON, TOML or YAML, versioned and tagged like routine ones.

A stage's routine is a routine's name (looked up in ``routines``, e.g. ``catalog.get``) or a
routine document's body embedded in place (``{"type": "routine", ...}``). Every problem is
reported at once, each at its ``$.path``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from .._base.files import (
    FORMATS,
    describe,
    document_format,
    document_version,
    extra,
    parse,
    read_bytes,
    write_atomically,
)
from .._base.limits import Limits, check_depth
from .._base.time import Duration, Level
from .._dsl.nodes import Routine
from .._program.program import PainRule, Program, Progression, Schedule, Stage, weekday_names
from ..exceptions import BackstretchError, DocumentError, InvalidValueError, Problem, RoutineError
from .routine import (
    ROUTINE_FORMAT_VERSION,
    duration_text,
    routine_from_data,
    routine_to_data,
)

__all__ = [
    "PROGRAM_FORMAT_VERSION",
    "dump_program",
    "dumps_program",
    "load_program",
    "loads_program",
    "program_from_data",
    "program_to_data",
]

#: The program document format version this backstretch writes (and the newest it reads).
PROGRAM_FORMAT_VERSION = 1

Routines = Callable[[str], Routine] | Mapping[str, Routine]

_KEYS = {
    "program": (
        "version", "type", "title", "stages", "progression", "pain", "missed", "source", "ask",
    ),
    "stage": (
        "type", "routine", "schedule", "sessions", "days", "weeks", "move_on", "level", "name",
    ),
    "schedule": ("days", "every", "at", "gap"),
    "progression": (
        "type", "change", "by", "to", "every", "every_days", "on", "cap", "stretch", "beyond_range",
    ),
    "pain": ("hold_at", "back_at"),
}  # fmt: skip
_FIELD = re.compile(r"^(?:Stage|Schedule|Progression|PainRule|Program)\.(\w+)")


class _Reader:
    def __init__(self, routines: Routines | None, source: str) -> None:
        self.routines = routines
        self.source = source
        self.problems: list[Problem] = []

    def bad(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def made(self, path: str, make: Callable[[], Any]) -> Any:
        """``make()``, or None with its error noted at ``path`` (or the field it names)."""
        try:
            return make()
        except (BackstretchError, TypeError, ValueError) as error:
            text = str(error)
            field = _FIELD.match(text)
            self.bad(f"{path}.{field[1]}" if field else path, text)
            return None

    def node(self, data: object, path: str, kind: str, tagged: bool) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            what = "a pain rule" if kind == "pain" else f"a {kind}"
            self.bad(path, f"must be {what} (an object), got {describe(data)}")
            return None
        if tagged and data.get("type") != kind:
            self.bad(f"{path}.type", f'must be "{kind}", got {describe(data.get("type"))}')
        for key in data:
            if key not in _KEYS[kind]:
                self.bad(f"{path}.{key}", f"unknown key; a {kind} has {', '.join(_KEYS[kind])}")
        return {k: v for k, v in data.items() if k != "type" and k in _KEYS[kind]}

    def items(self, data: object, path: str) -> list[Any]:
        if not isinstance(data, list):
            self.bad(path, f"must be a list, got {describe(data)}")
            return []
        return data

    def routine(self, data: object, path: str) -> Routine | None:
        if isinstance(data, str):
            if self.routines is None:
                self.bad(path, f"names the routine {data!r}, but no routines were given to look "
                               "names up in (pass routines=catalog.get)")  # fmt: skip
                return None
            try:
                if callable(self.routines):
                    return self.routines(data)
                return self.routines[data]
            except (KeyError, BackstretchError) as error:
                self.bad(path, str(error).strip("'\""))
                return None
        if not isinstance(data, dict):
            self.bad(
                path, f"must be a routine's name or a routine (an object), got {describe(data)}"
            )
            return None
        try:
            return routine_from_data({"version": ROUTINE_FORMAT_VERSION, **data})
        except (DocumentError, RoutineError) as error:
            for problem in error.problems:
                self.bad(path + problem.path[1:], problem.message)
            return None

    def schedule(self, data: object, path: str) -> Schedule | None:
        fields = self.node(data, path, "schedule", tagged=False)
        return None if fields is None else self.made(path, lambda: Schedule(**fields))

    def stage(self, data: object, path: str) -> Stage | None:
        fields = self.node(data, path, "stage", tagged=True)
        if fields is None:
            return None
        if "routine" not in fields:
            self.bad(f"{path}.routine", "missing: a stage's routine (a name, or a routine)")
            return None
        routine = self.routine(fields.pop("routine"), f"{path}.routine")
        if "schedule" in fields:
            fields["schedule"] = self.schedule(fields["schedule"], f"{path}.schedule")
            if fields["schedule"] is None:
                return None
        if routine is None:
            return None
        stage: Stage | None = self.made(path, lambda: Stage(routine, **fields))
        return stage

    def progression(self, data: object, path: str) -> Progression | None:
        fields = self.node(data, path, "progression", tagged=True)
        if fields is None:
            return None
        if "change" not in fields:
            self.bad(f"{path}.change", "missing: what the rule changes (hold, reps, rounds, level)")
            return None
        change = fields.pop("change")
        rule: Progression | None = self.made(path, lambda: Progression(change, **fields))
        return rule


def program_from_data(
    data: object, *, source: str = "", routines: Routines | None = None
) -> Program:
    """Load a program from a document tree; a DocumentError lists every problem at its path."""
    if not isinstance(data, dict):
        raise DocumentError(
            [Problem("$", f"must be a program (an object), got {describe(data)}")], source=source
        )
    document_version(data, PROGRAM_FORMAT_VERSION, source)
    reader = _Reader(routines, source)
    fields = reader.node(data, "$", "program", tagged=True) or {}
    fields.pop("version", None)
    stages = [
        reader.stage(item, f"$.stages[{index}]")
        for index, item in enumerate(reader.items(fields.pop("stages", None), "$.stages"))
    ]
    rules = [
        reader.progression(item, f"$.progression[{index}]")
        for index, item in enumerate(reader.items(fields.pop("progression", []), "$.progression"))
    ]
    pain = None
    if "pain" in fields:
        pain_fields = reader.node(fields.pop("pain"), "$.pain", "pain", tagged=False)
        if pain_fields is not None:
            pain = reader.made("$.pain", lambda: PainRule(**pain_fields))
    if "title" not in fields:
        reader.bad("$.title", "missing: the program's title")
    if reader.problems or None in stages or None in rules:
        raise DocumentError(reader.problems, source=source)
    program = reader.made(
        "$",
        lambda: Program(
            fields.pop("title"),
            stages,
            progression=rules,
            **({"pain": pain} if pain is not None else {}),
            **fields,
        ),
    )
    if program is None:
        raise DocumentError(reader.problems, source=source)
    return program  # type: ignore[no-any-return]


def _amount(value: int | Duration | Level | None) -> Any:
    if isinstance(value, Duration):
        return duration_text(value.ms)
    if isinstance(value, Level):
        return value.value
    return value


def program_to_data(
    program: Program, *, names: Callable[[Routine], str | None] | None = None
) -> dict[str, Any]:
    """The program as a version-stamped document tree (defaults left out): each stage's routine
    by the name ``names`` gives it, else embedded."""
    stages = []
    for stage in program.stages:
        name = names(stage.routine) if names is not None else None
        routine: Any = name
        if name is None:
            routine = {k: v for k, v in routine_to_data(stage.routine).items() if k != "version"}
        item: dict[str, Any] = {"type": "stage", "routine": routine}
        plan = stage.schedule
        schedule: dict[str, Any] = {}
        if plan.days:
            schedule["days"] = [weekday_names()[d] for d in plan.days]
        if plan.every != 1:
            schedule["every"] = plan.every
        if plan.at != Schedule().at:
            schedule["at"] = [f"{t:%H:%M}" for t in plan.at]
        if plan.gap.ms:
            schedule["gap"] = duration_text(plan.gap.ms)
        if schedule:
            item["schedule"] = schedule
        for key in ("sessions", "days"):
            if getattr(stage, key) is not None:
                item[key] = getattr(stage, key)
        if stage.move_on is not None:
            item["move_on"] = stage.move_on.value
        if stage.level is not Level.STANDARD:
            item["level"] = stage.level.value
        if stage.name:
            item["name"] = stage.name
        stages.append(item)
    data: dict[str, Any] = {"version": PROGRAM_FORMAT_VERSION, "type": "program",
                            "title": program.title, "stages": stages}  # fmt: skip
    rules = []
    for rule in program.progression:
        written: dict[str, Any] = {"type": "progression", "change": rule.change.value}
        for key in ("by", "to", "every", "every_days", "on", "cap", "stretch"):
            value = getattr(rule, key)
            if value is not None:
                written[key] = getattr(value, "value", None) if key == "on" else _amount(value)
        if rule.beyond_range:
            written["beyond_range"] = True
        rules.append(written)
    if rules:
        data["progression"] = rules
    if program.pain != PainRule():
        data["pain"] = {"hold_at": program.pain.hold_at, "back_at": program.pain.back_at}
    if program.missed.value != "sequence":
        data["missed"] = program.missed.value
    if program.source:
        data["source"] = program.source
    if program.ask != Program("x", [program.stages[-1]]).ask:
        data["ask"] = list(program.ask)
    return data


def dumps_program(
    program: Program, *, format: str = "json", names: Callable[[Routine], str | None] | None = None
) -> str:
    """The program as document text in ``format`` (json, toml or yaml)."""
    data = program_to_data(program, names=names)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        return str(extra("tomli_w", "toml").dumps(data))
    if format == "yaml":
        yaml = extra("yaml", "yaml")
        return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    raise InvalidValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")


def loads_program(
    text: str | bytes,
    *,
    format: str = "json",
    source: str = "",
    routines: Routines | None = None,
    limits: Limits | None = None,
) -> Program:
    """Load a program from document text; every problem is reported at once. ``routines`` looks
    up the routines stages name (e.g. ``catalog.get``)."""
    limits = limits or Limits()
    data = parse(text, format, source, limits)
    check_depth(data, limits)
    return program_from_data(data, source=source, routines=routines)


def load_program(
    path: str | os.PathLike[str], *, routines: Routines | None = None, limits: Limits | None = None
) -> Program:
    """Read a program document, in the format its suffix names."""
    source = os.fspath(path)
    limits = limits or Limits()
    text = read_bytes(path, limits.max_bytes)
    return loads_program(
        text, format=document_format(path), source=source, routines=routines, limits=limits
    )


def dump_program(
    program: Program,
    path: str | os.PathLike[str],
    *,
    names: Callable[[Routine], str | None] | None = None,
) -> None:
    """Write the program to ``path`` in the format its suffix names, atomically."""
    write_atomically(path, dumps_program(program, format=document_format(path), names=names))
