"""The ``backstretch`` command line: parse, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence

from . import __version__, catalog
from ._compile import Cues, compile_routine
from ._model import Routine
from ._time import Level, format_ms
from ._timeline import Timeline
from .exceptions import BackstretchError

__all__ = ["main"]


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
    _compile_options(show)
    show.set_defaults(run=_show)
    return parser


def _compile_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.STANDARD.value,
        help="where ranges land: low end, middle or high end (default: standard)",
    )
    command.add_argument(
        "--avoid",
        action="append",
        default=[],
        metavar="CONDITION",
        help="a condition you have, e.g. knee: stretches it rules out are replaced or left out "
        "(repeat the option, or separate with commas)",
    )
    command.add_argument(
        "--fit",
        metavar="DURATION",
        help="fit the holds so the whole routine takes this long, e.g. 12m or 11m30s",
    )
    command.add_argument(
        "--no-cues",
        action="store_true",
        help="leave out countdown, halfway, breath, next-up and switch cues",
    )


def _compile(routine: Routine, args: argparse.Namespace) -> Timeline:
    conditions = {c.strip() for value in args.avoid for c in value.split(",") if c.strip()}
    return compile_routine(
        routine,
        level=args.level,
        conditions=conditions,
        fit_to=args.fit,
        cues=Cues.off() if args.no_cues else None,
    )


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
    timeline = _compile(_load(args.routine), args)
    width = max(60, shutil.get_terminal_size((100, 24)).columns)
    settings = [f"level {args.level}"]
    if args.avoid:
        settings.append("avoiding " + ", ".join(args.avoid))
    if args.fit:
        settings.append(f"fitted to {args.fit}")
    print(render_table(timeline, settings=settings, width=width))
    return 0


def render_table(timeline: Timeline, *, settings: Sequence[str] = (), width: int = 100) -> str:
    """The timeline as a plain-text table: start, length, side, kind and wrapped text."""
    summary = [
        *settings,
        f"total {format_ms(timeline.total_ms)}",
        f"{len(timeline.chapters)} stretches",
        f"{len(timeline.events)} events",
    ]
    lines = [timeline.title, " | ".join(summary), ""]
    header = f"{'start':>9}  {'length':>9}  {'side':<5}  {'kind':<12}  "
    text_width = max(20, width - len(header))
    lines.append(f"{header}text")
    for event in timeline.events:
        length = "" if event.is_marker else format_ms(event.duration_ms)
        side = event.side.value if event.side else ""
        prefix = f"{format_ms(event.start_ms):>9}  {length:>9}  {side:<5}  {event.kind.value:<12}  "
        wrapped = textwrap.wrap(event.text, text_width) or [""]
        lines.append(prefix + wrapped[0])
        lines.extend(" " * len(header) + more for more in wrapped[1:])
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
