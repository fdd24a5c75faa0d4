"""One routine, three people: a level, a declared condition and a time to fit.

Run it: ``python examples/personalize.py``.
"""

from __future__ import annotations

from typing import TypedDict

from backstretch import FitError, Kind, catalog, compile_routine, format_ms

ROUTINE = catalog.get("pilates-for-back-pain")


class Options(TypedDict, total=False):
    level: str
    conditions: set[str]
    fit_to: str


PEOPLE: dict[str, Options] = {
    "in a hurry, supple": {"level": "deep", "fit_to": "12m"},
    "bad knee, ten minutes": {"conditions": {"knee"}, "fit_to": "10m", "level": "gentle"},
    "first time": {"level": "gentle"},
}


def describe(name: str, options: Options) -> str:
    try:
        timeline = compile_routine(ROUTINE, **options)
    except FitError as error:  # the window it could reach is in the message
        return f"{name}: {error}"
    stretches = ", ".join(c.title for c in timeline.chapters)
    skipped = [e.text for e in timeline.events if e.kind is Kind.SKIP]
    line = f"{name}: {format_ms(timeline.total_ms)}: {stretches}"
    return line + "".join(f"\n  note: {text}" for text in skipped)


if __name__ == "__main__":
    for person, options in PEOPLE.items():
        print(describe(person, options))
    print(describe("five minutes", {"fit_to": "5m"}))
