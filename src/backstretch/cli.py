"""The ``backstretch`` command line: parse, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence

from . import __version__, catalog
from ._compile import compile_routine
from ._model import Routine
from ._time import Level, format_ms
from ._timeline import Timeline
from .exceptions import BackstretchError

__all__ = ["main"]

SAFETY_NOTE = (
    "Stop if pain increases or spreads, and ask a doctor or physiotherapist about back pain that "
    "persists."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BackstretchError as error:
        for line in str(error).splitlines():
            print(f"backstretch: error: {line}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backstretch",
        description="Guided stretching routines, compiled to exact timelines.",
    )
    parser.add_argument("--version", action="version", version=f"backstretch {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    list_ = commands.add_parser("list", help="list the built-in routines")
    list_.set_defaults(run=_list)

    show = commands.add_parser("show", help="print a routine's timeline as a table")
    show.add_argument("routine", metavar="ROUTINE", help="a built-in routine name (see `list`)")
    show.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.STANDARD.value,
        help="where ranges land: low end, middle or high end (default: standard)",
    )
    show.set_defaults(run=_show)
    return parser


def _load(name: str) -> Routine:
    return catalog.get(name)


def _list(args: argparse.Namespace) -> int:
    for name in catalog.names():
        routine = catalog.get(name)
        timeline = compile_routine(routine)
        stretches = ", ".join(s.name for s in routine.stretches)
        print(f"{name}  {routine.title} ({format_ms(timeline.total_ms)}): {stretches}")
    return 0


def _show(args: argparse.Namespace) -> int:
    timeline = compile_routine(_load(args.routine), level=args.level)
    width = max(60, shutil.get_terminal_size((100, 24)).columns)
    print(render_table(timeline, level=args.level, width=width))
    return 0


def render_table(timeline: Timeline, *, level: str, width: int) -> str:
    """The timeline as a plain-text table: start, length, side, kind and wrapped text."""
    lines = [
        timeline.title,
        f"level {level} | total {format_ms(timeline.total_ms)} | "
        f"{len(timeline.chapters)} stretches | {len(timeline.events)} events",
        "",
    ]
    header = f"{'start':>9}  {'length':>7}  {'side':<5}  {'kind':<12}  "
    text_width = max(20, width - len(header))
    lines.append(f"{header}text")
    for event in timeline.events:
        length = "" if event.is_marker else format_ms(event.duration_ms)
        side = event.side.value if event.side else ""
        prefix = f"{format_ms(event.start_ms):>9}  {length:>7}  {side:<5}  {event.kind.value:<12}  "
        wrapped = textwrap.wrap(event.text, text_width) or [""]
        lines.append(prefix + wrapped[0])
        lines.extend(" " * len(header) + more for more in wrapped[1:])
    lines += ["", SAFETY_NOTE]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
