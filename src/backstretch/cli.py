"""The ``backstretch`` command line: parse, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shutil
import signal
import sys
import textwrap
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import (
    BREATH,
    LANGUAGES,
    TIMELINE_FORMAT_VERSION,
    BackstretchError,
    Cues,
    DocumentError,
    Event,
    Level,
    Problem,
    Routine,
    Side,
    Timeline,
    UnknownConditionError,
    __version__,
    catalog,
    compile_routine,
    dump_routine,
    dumps_timeline,
    exports,
    format_ms,
    load_routine,
    loads_routine,
    loads_timeline,
    translation_report,
)
from ._base.files import (
    INTERRUPTS,
    document_format,
    json_schema,
    parse,
    read_bytes,
    write_reason,
)
from ._base.limits import Limits
from ._base.text import printable
from ._base.time import shown, to_duration

# What the public API does not offer a command line: file handling, a field's name in errors
# ("--fit", "--breath"), the texts a translation covers, the players' words.
from ._cli_program import add_program_commands, play_options
from ._compiler.localize import routine_texts
from ._compiler.options import breath_duration
from ._dsl.conditions import SHARED
from ._dsl.sayable import overruns
from ._i18n.words import words_for
from ._timeline.codec import TIMELINE_SIZE_FACTOR
from .catalog.messages import messages_json
from .exports import FORMATS

if TYPE_CHECKING:
    from ._play.loop import Outcome
    from .speech import SpeechQueue

__all__ = ["main"]


#: The exit statuses, as docs/cli.md lists them.
OK, BAD_INPUT, USAGE, INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status: 0 done (also when the reader of standard
    output closed it, as ``| head`` does), 1 bad input or a failed write, 2 bad usage (argparse),
    130 interrupted (Ctrl-C). Every failure is one line per problem on stderr, never a traceback,
    and never a partial output file."""
    parser = _parser()
    args = parser.parse_args(argv)
    INTERRUPTS.requested = False
    with _noting_interrupts():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a full device or a closed pipe shows here, not at exit
        if INTERRUPTS.requested and status != INTERRUPTED:  # swallowed somewhere: still stop
            raise KeyboardInterrupt
        return status
    except UnknownConditionError as error:  # a misspelled condition is misused usage, like argparse
        _report(error)
        return USAGE
    except BackstretchError as error:
        _report(error)
        return BAD_INPUT
    except BrokenPipeError:
        _silence_stdout()
        return OK  # the reader has all it wanted
    except OSError as error:  # standard output: files are written by write_atomically
        _silence_stdout()
        where = error.filename or "standard output"
        _say(f"cannot write to {where}: {write_reason(error)}")
        return BAD_INPUT
    except KeyboardInterrupt:
        _say("interrupted; no file was written", kind="stopped")
        return INTERRUPTED


@contextlib.contextmanager
def _noting_interrupts() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt as always, and is noted (see _files.INTERRUPTS)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return

    def interrupted(signum: int, frame: object) -> None:
        INTERRUPTS.requested = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _report(error: BackstretchError) -> None:
    problems = getattr(error, "problems", None)
    source = getattr(error, "source", "")
    lines = (
        [p.message if p.path == "$" else str(p) for p in problems]
        if problems
        else str(error).splitlines()
    )
    for line in lines:
        _say(f"{source}: {line}" if source else line)


def _say(line: str, *, kind: str = "error") -> None:
    """One line on stderr, with no control character in it (it may quote a document) and no
    line break either (a file's name may hold one): shown as ``\\n``."""
    text = printable(f"backstretch: {kind}: {line}").replace("\n", "\\n")
    with contextlib.suppress(OSError):
        print(text, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backstretch",
        description="Guided stretching routines, compiled to exact timelines.",
    )
    parser.add_argument("--version", action="version", version=f"backstretch {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    list_ = commands.add_parser("list", help="list the built-in routines")
    list_.set_defaults(run=_list)

    conditions = commands.add_parser(
        "conditions", help="list the conditions you can declare with --avoid, and their aliases"
    )
    conditions.add_argument(
        "routine",
        metavar="ROUTINE",
        nargs="?",
        help="also the conditions of this routine's own, and which stretches each one leaves out",
    )
    conditions.set_defaults(run=_conditions)

    show = commands.add_parser("show", help="print a routine's timeline as a table")
    _routine_argument(show)
    _compile_options(show)
    show.set_defaults(run=_show)

    play = commands.add_parser(
        "play",
        help="play a routine in real time: full screen on a terminal, plain lines when piped",
        description="Play a routine in real time. On a terminal: a full-screen player (keys: "
        "space pause/resume, right or n next, left or p previous, q quit). Piped, or with "
        "--plain: one timestamped line per event. Ctrl-C stops with a one-line summary "
        "(status 130).",
    )
    _routine_argument(play)
    _compile_options(play)
    play_options(play)
    play.set_defaults(run=_play)

    compile_ = commands.add_parser("compile", help="print a routine's timeline as JSON")
    _routine_argument(compile_)
    _compile_options(compile_)
    compile_.set_defaults(run=_compile_command)

    export = commands.add_parser(
        "export",
        help="write a routine for a player: JSON, captions, a watch workout, a picture, a sheet, "
        "a web page or an audio guide",
        description="Write a routine's timeline to FILE in the format its suffix names: "
        + "; ".join(f"{f.suffix} {f.description}" for f in FORMATS.values())
        + ".",
    )
    _routine_argument(export)
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=f"FILE{'|'.join(FORMATS)}"
    )
    export.add_argument(
        "--strict",
        action="store_true",
        help="for .wav: fail when speech cannot fit before the next sound, instead of warning",
    )
    export.add_argument(
        "--chapters",
        action="store_true",
        help="for .vtt: write the chapters track (one cue per stretch) instead of the captions",
    )
    _compile_options(export)
    export.set_defaults(run=_export)

    dump = commands.add_parser(
        "dump", help="write a routine as a document, to start a custom one from"
    )
    _routine_argument(dump)
    dump.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="FILE.json, FILE.toml or FILE.yaml"
    )
    dump.set_defaults(run=_dump)

    schema = commands.add_parser("schema", help="print the JSON Schema of a document")
    schema.add_argument("kind", choices=["routine", "timeline", "program"], help="which document")
    schema.set_defaults(run=_schema)

    words = commands.add_parser(
        "messages",
        help="print the library's words in a language as JSON, for players that render messages",
    )
    words.add_argument(
        "--lang",
        default="en",
        choices=LANGUAGES,
        help="the language (default: en)",
    )
    words.set_defaults(run=_messages)

    check = commands.add_parser(
        "check", help="check a routine or timeline document; every problem at once"
    )
    check.add_argument(
        "file",
        metavar="FILE",
        help="a routine document (.json, .toml, .yaml) or a timeline (.json)",
    )
    check.set_defaults(run=_check)
    add_program_commands(commands, play_timeline)
    return parser


def _routine_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "routine",
        metavar="ROUTINE",
        help="a built-in routine name (see `list`), a routine document (.json, .toml, .yaml), or "
        "path/to/file.py:NAME",
    )


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
        "--swap",
        action="append",
        default=[],
        metavar="STRETCH",
        help="do this stretch's alternative instead, as you prefer (repeat the option for more)",
    )
    command.add_argument(
        "--affected",
        choices=[side.value for side in Side],
        help="your affected (injured, tight or weaker) side, for a routine that works one side "
        "more",
    )
    command.add_argument(
        "--breath",
        metavar="DURATION",
        help="how long one of your breaths takes, in and out, for holds counted in breaths "
        "(default: 6s)",
    )
    command.add_argument(
        "--fit",
        metavar="DURATION",
        help="fit the holds, rounds and reps so the whole routine takes exactly this long, e.g. "
        "12m or 11m30s",
    )
    command.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of every text, the library's and the routine's own where it has "
        "them (default: the routine's own language)",
    )
    command.add_argument(
        "--no-cues",
        action="store_true",
        help="leave out every cue: countdown, halfway, a hold's own cue, next-up and switch "
        "prompts",
    )


def _compile(routine: Routine, args: argparse.Namespace) -> Timeline:
    named = {c.strip() for value in args.avoid for c in value.split(",") if c.strip()}
    conditions = routine.vocabulary.resolve(named, where="--avoid")
    return compile_routine(
        routine,
        level=args.level,
        conditions=conditions,
        fit_to=None if args.fit is None else to_duration(args.fit, field="--fit"),
        cues=Cues.off() if args.no_cues else None,
        affected=args.affected,
        breath=BREATH if args.breath is None else breath_duration(args.breath, field="--breath"),
        swap=args.swap,
        language=args.lang,
    )


def _load(name: str) -> Routine:
    """A routine named on the command line: built in, a document, or ``file.py:NAME``."""
    if name in catalog.names():
        return catalog.get(name)
    file, colon, attribute = name.rpartition(":")
    if colon and file.endswith(".py"):
        return _from_python(Path(file), attribute)
    if Path(name).suffix.lower() in (".json", ".toml", ".yaml", ".yml"):
        return load_routine(name)
    return catalog.get(name)  # raises UnknownRoutineError naming the built-in ones


def document_kind(text: bytes, path: str) -> str | None:
    """The ``type`` the root of a document's ``text`` says it is (``"routine"``, ``"timeline"``,
    ``"program"``), or None where it says none or cannot be read (its loader then says what is
    wrong). A timeline may be as large as a timeline may be."""
    big = Limits(max_bytes=Limits().max_bytes * TIMELINE_SIZE_FACTOR)
    try:
        data = parse(text, document_format(path), path, big)
    except BackstretchError:
        return None
    kind = data.get("type") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def _from_python(path: Path, attribute: str) -> Routine:
    """Run a Python file the user named (as ``python file.py`` would); take one routine from it."""
    if not path.is_file():
        raise DocumentError([Problem("$", "no such file")], source=str(path))
    spec = importlib.util.spec_from_file_location(f"_backstretch_user_{path.stem}", path)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a spec
        raise DocumentError([Problem("$", f"cannot import {str(path)!r}")])
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__
    try:
        spec.loader.exec_module(module)
    except SystemExit as error:  # the file ends the program itself: say so, exit 1
        raise DocumentError(
            [
                Problem(
                    "$", f"running it called sys.exit({error.code!r}) instead of defining a routine"
                )
            ],
            source=str(path),
        ) from None
    except Exception as error:  # the user's own code: report it in one line, no traceback
        raise DocumentError(
            [Problem("$", f"running it failed: {type(error).__name__}: {error}")],
            source=str(path),
        ) from None
    finally:
        sys.dont_write_bytecode = writes_bytecode
    routine = getattr(module, attribute, None)
    if not isinstance(routine, Routine):
        found = "nothing" if routine is None else type(routine).__name__
        raise DocumentError(
            [Problem("$", f"{path}:{attribute} must name a Routine, found {found}")]
        )
    return routine


def _play(args: argparse.Namespace) -> int:
    """Full screen on a terminal, plain timestamped lines otherwise (or with --plain)."""
    return play_timeline(_compile(_load(args.routine), args), args)[0]


def play_timeline(timeline: Timeline, args: argparse.Namespace) -> tuple[int, Outcome]:
    """Play ``timeline`` as ``args`` say (``say``, ``plain``, ``speed``, ``quiet``): the exit
    status and how the run ended (where, and the answers to its check-ins)."""
    speech = None
    if args.say:
        from .speech import (  # raises NotInstalledError before playing
            EspeakNg,
            SpeechQueue,
            espeak_voice,
        )

        speech = SpeechQueue(EspeakNg(voice=espeak_voice(timeline)))
    if not args.plain and sys.stdout.isatty() and sys.stdin.isatty():
        try:
            import rich  # noqa: F401 - only to learn whether the play extra is installed
        except ImportError:
            print(
                "backstretch: note: the full-screen player needs rich: "
                "pip install 'backstretch[play]'; playing as plain lines",
                file=sys.stderr,
            )
        else:
            return _play_fullscreen(timeline, args, speech)
    return _play_plain(timeline, args, speech)


def _play_fullscreen(
    timeline: Timeline, args: argparse.Namespace, speech: SpeechQueue | None
) -> tuple[int, Outcome]:
    from rich.console import Console

    from ._play.terminal import TerminalKeys, play_fullscreen

    with TerminalKeys.of_stdin() as keys:
        outcome = play_fullscreen(
            timeline,
            console=Console(),
            keys=keys,
            speed=args.speed,
            bell=not args.quiet,
            speech=speech,
        )
    if outcome.how == "finished":
        said = words_for(timeline)(
            "cli_finished", title=timeline.title, total=format_ms(timeline.total_ms)
        )
        print(printable(said))
        return 0, outcome
    print(_stopped(timeline, outcome.position_ms), file=sys.stderr)
    return (130 if outcome.how == "interrupted" else 0), outcome


def _play_plain(
    timeline: Timeline, args: argparse.Namespace, speech: SpeechQueue | None
) -> tuple[int, Outcome]:
    """Each event printed as it fires, against the real clock (Ctrl-C stops)."""
    from ._play.loop import drive
    from ._play.plain import PlainLines

    summary = timeline.personalization
    words = words_for(timeline)
    if summary is not None:  # what the session was made to fit, before anything plays
        line = f"{'':>8}  {words('plain_session'):<13}  {'':<5}  {summary.text}"
        print(printable(line), flush=True)
    front = PlainLines(words.language, out=sys.stdout, keyboard=sys.stdin.isatty())
    outcome = drive(timeline, front, speed=args.speed, speech=speech)
    if outcome.how == "interrupted":
        print(_stopped(timeline, outcome.position_ms), file=sys.stderr)
        return 130, outcome
    return 0, outcome


def _stopped(timeline: Timeline, position_ms: int) -> str:
    """The one-line summary of how far the person got."""
    chapter = timeline.chapter_at(position_ms)
    at, total = format_ms(position_ms // 1000 * 1000), format_ms(timeline.total_ms)
    words = words_for(timeline)
    if chapter is None:
        return printable(words("cli_stopped", at=at, total=total))
    return printable(words("cli_stopped_in", at=at, total=total, title=chapter.title))


def positions(event: Event) -> str:
    """Where an event sits in the counted parts of its stretch, compactly: ``r2/3`` for round 2
    of 3 of a Repeat (one per enclosing Repeat), ``p1/3`` for part 1 of 3 of a hold."""
    found = [f"r{p.index}/{p.count}" for p in event.rounds]
    if event.part is not None:
        found.append(f"p{event.part.index}/{event.part.count}")
    return " ".join(found)


def _compile_command(args: argparse.Namespace) -> int:
    sys.stdout.write(dumps_timeline(_compile(_load(args.routine), args)))
    return 0


def _not_over_the_input(args: argparse.Namespace) -> None:
    """Refuse an output that is the routine's own file: writing it would lose the author's
    document (``export r.json -o r.json``)."""
    file = args.routine.rpartition(":")[0] if ".py:" in args.routine else args.routine
    source, output = Path(file), Path(args.output)
    with contextlib.suppress(OSError):
        if source.is_file() and output.exists() and source.samefile(output):
            raise DocumentError(
                [
                    Problem(
                        "$",
                        f"is the routine's own file ({shown(file)}); writing there would lose "
                        f"it; choose another output name",
                    )
                ],
                source=args.output,
            )


def _export(args: argparse.Namespace) -> int:
    _not_over_the_input(args)
    try:
        chosen = exports.format_for(Path(args.output).name)
    except BackstretchError as error:
        raise DocumentError([Problem("$", str(error))], source=args.output) from None
    for flag, option, suffix in [
        ("--chapters", "chapters", ".vtt"),
        ("--strict", "strict", ".wav"),
    ]:
        if getattr(args, option) and option not in chosen.options:
            raise DocumentError(
                [Problem("$", f"{flag} is for {suffix} exports only")], source=args.output
            )
    timeline = _compile(_load(args.routine), args)
    if chosen.suffix == ".wav":
        from .exports import audio

        rendered = audio.write_guide(timeline, args.output, strict=args.strict)
        for collision in rendered.collisions:
            _say(f"{args.output}: {collision}", kind="warning")
        return 0
    exports.write_to_file(timeline, args.output, **({"chapters": True} if args.chapters else {}))
    return 0


def _dump(args: argparse.Namespace) -> int:
    _not_over_the_input(args)
    routine = _load(args.routine)
    document_format(args.output)  # a bad suffix fails before anything is written
    dump_routine(routine, args.output)
    return 0


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema(args.kind))
    return 0


def _messages(args: argparse.Namespace) -> int:
    sys.stdout.write(messages_json(args.lang))
    return 0


def _check(args: argparse.Namespace) -> int:
    text = read_bytes(args.file, Limits().max_bytes * TIMELINE_SIZE_FACTOR)  # read once
    kind = document_kind(text, args.file)
    if kind == "timeline":
        timeline = loads_timeline(text, source=args.file)
        language = timeline.options.language if timeline.options else "en"
        print(
            f"{args.file}: ok: a timeline (format {TIMELINE_FORMAT_VERSION}): "
            f"{timeline.title!r}, {len(timeline.events)} events, {len(timeline.chapters)} "
            f"stretches, {format_ms(timeline.total_ms)}, in {language}"
        )
        return 0
    if kind == "program":
        raise DocumentError(
            [
                Problem(
                    "$.type",
                    "this is a program document; check it with backstretch program check FILE",
                )
            ],
            source=args.file,
        )
    routine = loads_routine(text, format=document_format(args.file), source=args.file)
    timeline = compile_routine(routine, affected="left")  # as long whichever side is affected
    print(
        f"{args.file}: ok: {routine.title!r}, {len(routine.stretches)} stretches, "
        f"{format_ms(timeline.total_ms)} at the standard level"
    )
    print(known_conditions(routine))
    for line in translation_lines(routine):
        print(printable(line))
    for problem in overruns(routine):
        _say(str(problem), kind="warning")
    return 0


def translation_lines(routine: Routine) -> list[str]:
    """How complete each translation of the routine is: one line for each language, then the
    texts it misses and the ones it has that the routine no longer does."""
    reports = translation_report(routine)
    if not reports:
        return [f"translations: none (written in {routine.language})"]
    lines = []
    count = len(routine_texts(routine))
    for report in reports:
        language, missing = report.language, report.missing
        if not missing and not report.unused:
            lines.append(f"translations: {language}: complete ({count} texts)")
            continue
        if missing:
            lines.append(
                f"translations: {language}: {len(missing)} of {count} texts missing (shown as "
                f"written in {language}):"
            )
            lines += [f"  - {shown(text)}" for text in missing]
        if report.unused:
            lines.append(
                f"translations: {language}: {len(report.unused)} translated text(s) the routine "
                f"does not have (written for a text since changed?):"
            )
            lines += [f"  - {shown(text)}" for text in report.unused]
    return lines


def known_conditions(routine: Routine) -> str:
    """One line: the conditions the routine's cautions name, and what each one leaves out."""
    named = routine.named_conditions
    if not named:
        return "conditions it knows: none (no caution names a condition)"
    parts = [
        f"{name} ({'the whole routine' if places == (routine.title,) else ', '.join(places)})"
        for name, places in named.items()
    ]
    return "conditions it knows: " + "; ".join(parts)


def _conditions(args: argparse.Namespace) -> int:
    routine = _load(args.routine) if args.routine else None
    vocabulary = routine.vocabulary if routine else SHARED
    width = max(len(c.name) for c in vocabulary.conditions)
    for condition in vocabulary.conditions:
        also = f" (also: {', '.join(condition.aliases)})" if condition.aliases else ""
        if condition.implies:
            also += f" (counts as: {', '.join(condition.implies)})"
        print(printable(f"{condition.name:<{width}}  {condition.description}{also}"))
    if routine is not None:
        print()
        print(printable(f"{routine.title}: {known_conditions(routine)}"))
    return 0


def _list(args: argparse.Namespace) -> int:
    for name in catalog.names():
        routine = catalog.get(name)
        # Its length: the same whichever side is affected.
        timeline = compile_routine(routine, affected="left")
        stretches = ", ".join(s.name for s in routine.stretches)
        print(f"{name}  {routine.title} ({format_ms(timeline.total_ms)}): {stretches}")
    return 0


def _show(args: argparse.Namespace) -> int:
    routine = _load(args.routine)
    timeline = _compile(routine, args)
    width = max(60, shutil.get_terminal_size((100, 24)).columns)
    settings = [f"level {args.level}"]
    if args.avoid:
        settings.append("avoiding " + ", ".join(args.avoid))
    if args.swap:
        settings.append("swapping " + ", ".join(args.swap))
    if args.affected:
        settings.append(f"affected side {args.affected}")
    if args.breath:
        settings.append(f"a breath {args.breath}")
    if args.fit:
        settings.append(f"fitted to {args.fit}")
    print(render_table(timeline, settings=settings, width=width))
    print()
    print(printable(known_conditions(routine)))
    for problem in overruns(routine):
        _say(str(problem), kind="warning")
    return 0


def render_table(timeline: Timeline, *, settings: Sequence[str] = (), width: int = 100) -> str:
    """The timeline as a plain-text table: start, length (">=" for a self-paced part: at least),
    side, role, position and wrapped text (with a hold's count of breaths and what a self-paced
    part waits for)."""
    summary = [
        *settings,
        f"total {format_ms(timeline.total_ms)}",
        f"{len(timeline.chapters)} stretches",
        f"{len(timeline.events)} events",
    ]
    lines = [printable(timeline.title), " | ".join(summary), ""]
    at_width = max([len("at"), *(len(positions(e)) for e in timeline.events)])
    header = f"{'start':>9}  {'length':>9}  {'side':<5}  {'role':<13}  {'at':<{at_width}}  "
    text_width = max(20, width - len(header))
    lines.append(f"{header}text")
    for event in timeline.events:
        length = "" if event.is_marker else format_ms(event.duration_ms)
        if event.open:  # self-paced: at least this long
            length = f">={length}"
        side = event.side.value if event.side else ""
        prefix = (
            f"{format_ms(event.start_ms):>9}  {length:>9}  {side:<5}  {event.role.value:<13}  "
            f"{positions(event):<{at_width}}  "
        )
        text = event.text
        if event.breaths is not None:
            text += f" ({event.breaths} breath{'' if event.breaths == 1 else 's'})"
        if event.until is not None:
            text += f" (until {event.until})"
        wrapped = textwrap.wrap(printable(text), text_width) or [""]
        lines.append(prefix + wrapped[0])
        lines.extend(" " * len(header) + more for more in wrapped[1:])
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
