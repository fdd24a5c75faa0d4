"""The hostile corpus: attacks on documents and the command line, one row each.

Each case is run by tests/test_hostile.py as a real `python -m backstretch` process in a fresh
folder, under an address-space limit (``memory_mb``) and a time limit (``seconds``), and states
its exit status and its exact lines on stderr. Files named in ``untouched`` must end as they
began (absent, or holding what ``files`` put there); no temporary file may be left either.
The documents are made here (some are large: a YAML document nested 100,000 deep), so the corpus
stays small on disk and says how each attack is built.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs

PRECIOUS = b"precious: must not change\n"


def _routine(**fields: object) -> bytes:
    """A small, valid routine document as JSON, with ``fields`` changed at the root."""
    base: dict[str, object] = {
        "version": 1,
        "type": "routine",
        "title": "Hostile",
        "body": [
            {
                "type": "stretch",
                "name": "Reach",
                "body": [{"type": "step", "text": "Reach up", "duration": "3s"}],
            }
        ],
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False).encode("utf-8")


def _with_step(text: str) -> bytes:
    return _routine(
        body=[
            {
                "type": "stretch",
                "name": "Reach",
                "body": [{"type": "step", "text": text, "duration": "3s"}],
            }
        ]
    )


def _long_hold(duration: str) -> bytes:
    step = {"type": "step", "text": "Lie down on your back", "duration": "5s"}
    hold = {"type": "hold", "duration": duration}
    return _routine(body=[{"type": "stretch", "name": "Lie", "body": [step, hold]}])


def _templates_times_rounds() -> bytes:
    """10,000 translated {round} templates and a repeat of 10,000: a table of every template for
    every round would be 10^8 strings."""
    body = [{"type": "repeat", "times": 10_000, "body": [
        {"type": "step", "text": "Reach {round}", "duration": "1s"}
    ]}]  # fmt: skip
    translations = {f"Reach {{round}} and hold {i}": f"Streck {{round}} {i}" for i in range(10_000)}
    translations["Reach {round}"] = "Streck dich ({round})"
    return _routine(
        body=[{"type": "stretch", "name": "Reach", "body": body}],
        translations={"de": translations},
    )


@attrs.frozen
class Case:
    name: str
    args: tuple[str, ...]
    status: int
    #: Exact lines on stderr.
    stderr: tuple[str, ...]
    files: dict[str, bytes | Callable[[], bytes]] = attrs.field(factory=dict)
    #: Files that must end as they began (absent, or as ``files`` wrote them).
    untouched: tuple[str, ...] = ()
    seconds: float = 20
    memory_mb: int = 300
    #: How the case is run: "plain", "fifo" (files named here are FIFOs), "full-stdout" (stdout
    #: is /dev/full), "closed-pipe" (stdout is a pipe closed after the first line), "interrupt"
    #: (Ctrl-C ``interrupt_after`` seconds after the output's temporary file appears),
    #: "small-files" (RLIMIT_FSIZE of 20 kB).
    how: str = "plain"
    fifos: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    interrupt_after: float = 1.0
    #: Needs espeak-ng (the audio guide).
    speech: bool = False
    #: Files that must be gone afterwards.
    cleared: tuple[str, ...] = ()


E = "backstretch: error: "
CONTROL = (
    "a text may hold neither control characters (terminal escapes among them) nor lone "
    "surrogates; remove it"
)

CASES = [
    # Tracebacks instead of one clean line.
    Case(
        "yaml-date-as-version",
        ("check", "r.yaml"),
        1,
        (
            f"{E}r.yaml: $.version: must be the format version, a whole number like 1; got a "
            "date or time (2001-12-14); put it in quotes if you meant text",
        ),
        {"r.yaml": b"version: 2001-12-14\ntype: routine\ntitle: t\nbody: []\n"},
    ),
    Case(
        "toml-date-as-type",
        ("check", "r.toml"),
        1,
        (
            f'{E}r.toml: $.type: must be "routine", got a date or time (1979-05-27); put it in '
            "quotes if you meant text",
        ),
        {"r.toml": b'version = 1\ntype = 1979-05-27\ntitle = "t"\nbody = []\n'},
    ),
    Case(
        "yaml-list-as-key",
        ("check", "r.yaml"),
        1,
        (
            f"{E}r.yaml: not a YAML document: a key must be text, not a list or a mapping (line "
            "1, column 3)",
        ),
        {"r.yaml": b"? [a, b]\n: 1\nversion: 1\n"},
    ),
    Case(
        "yaml-mapping-as-key",
        ("check", "r.yaml"),
        1,
        (
            f"{E}r.yaml: not a YAML document: a key must be text, not a list or a mapping (line "
            "2, column 3)",
        ),
        {"r.yaml": b"version: 1\n? {a: 1}\n: 1\n"},
    ),
    Case(
        "lone-surrogate",
        ("show", "r.json"),
        1,
        (f"{E}r.json: $.title: has a lone surrogate (U+D800) at position 1; {CONTROL}",),
        {"r.json": _routine(title="T\\ud800").replace(b"\\\\ud800", b"\\ud800")},
    ),
    Case(
        "fit-of-4400-digits",
        ("show", "pilates-for-back-pain", "--fit", "9" * 4400 + "s"),
        1,
        (
            f"{E}--fit: cannot read '99999999999999999999999999999999999999999999999999999999..."
            " as a duration: it is 4,401 characters long; write it like '30s', '2m', '1m30s' or "
            "'250ms'",
        ),
    ),
    Case(
        "duration-of-30-decimals",
        ("check", "r.json"),
        1,
        (
            f"{E}r.json: $.body[0].body[1].duration: '1.000000000000000000000000000001s' is not a "
            "whole number of milliseconds",
        ),
        {"r.json": _long_hold("1.000000000000000000000000000001s")},
    ),
    Case(
        "routine-file-that-exits",
        ("show", "exits.py:ROUTINE"),
        1,
        (f"{E}exits.py: running it called sys.exit(7) instead of defining a routine",),
        {"exits.py": b"import sys\nsys.exit(7)\n"},
    ),
    Case(
        "speed-nan",
        ("play", "pilates-for-back-pain", "--speed", "nan"),
        2,
        (
            "usage: backstretch play [-h] [--level {gentle,standard,deep}] [--avoid CONDITION] "
            "[--swap STRETCH]",
            "                        [--affected {left,right}] [--breath DURATION] "
            "[--fit DURATION]",
            "                        [--lang {en,de,es}] [--no-cues] [--speed N] [--quiet] "
            "[--say] [--plain]",
            "                        ROUTINE",
            "backstretch play: error: argument --speed: must be a number above 0, got 'nan'",
        ),
    ),
    # Output that cannot be written: one line, status 1, nothing left behind.
    Case(
        "output-in-a-missing-folder",
        ("export", "pilates-for-back-pain", "-o", "missing/out.json"),
        1,
        (f"{E}cannot write missing/out.json: its folder does not exist",),
        untouched=("missing/out.json",),
    ),
    Case(
        "output-onto-a-folder",
        ("export", "pilates-for-back-pain", "-o", "out.json"),
        1,
        (f"{E}cannot write out.json: it is a folder",),
        folders=("out.json",),
    ),
    Case(
        "output-through-a-file",
        ("export", "pilates-for-back-pain", "-o", "file.txt/out.json"),
        1,
        (f"{E}cannot write file.txt/out.json: a part of its path is not a folder",),
        {"file.txt": PRECIOUS},
        untouched=("file.txt",),
    ),
    Case(
        "output-larger-than-the-disk-allows",
        ("export", "pilates-for-back-pain", "-o", "out.html"),
        1,
        (f"{E}cannot write out.html: file too large",),
        {"out.html": PRECIOUS},
        untouched=("out.html",),
        how="small-files",
    ),
    Case(
        "stdout-on-a-full-device",
        ("compile", "pilates-for-back-pain"),
        1,
        (f"{E}cannot write to standard output: the disk is full",),
        how="full-stdout",
    ),
    Case(
        "show-into-a-closed-pipe",
        ("show", "pilates-for-back-pain"),
        0,
        (),
        how="closed-pipe",
    ),
    Case(
        "play-into-a-closed-pipe",
        ("play", "pilates-for-back-pain", "--plain", "--speed", "1000"),
        0,
        (),
        how="closed-pipe",
    ),
    Case(
        "ctrl-c-during-an-export",
        ("export", "pilates-for-back-pain", "-o", "guide.wav"),
        130,
        ("backstretch: stopped: interrupted; no file was written",),
        {"guide.wav": PRECIOUS},
        untouched=("guide.wav",),
        how="interrupt",
        interrupt_after=0.5,
        speech=True,
    ),
    Case(
        "a-killed-writer-s-temporary-file-is-cleared",
        ("export", "pilates-for-back-pain", "-o", "out.json"),
        0,
        (),
        # A temporary file named as atomic writes name theirs, by a process that no longer runs.
        {".out.json.999999999.abc.tmp": b"half a file"},
        cleared=(".out.json.999999999.abc.tmp",),
    ),
    # Hangs and blow-ups.
    Case(
        "yaml-nested-100000-deep",
        ("check", "r.yaml"),
        1,
        (
            f"{E}r.yaml: not a YAML document: it is nested more than 64 levels deep (line 1, "
            "column 1003)",
        ),
        {"r.yaml": lambda: b"a: " + b"[" * 100_000 + b"]" * 100_000},
        seconds=5,
    ),
    Case(
        "yaml-mappings-nested-100000-deep",
        ("check", "r.yaml"),
        1,
        (
            f"{E}r.yaml: not a YAML document: it is nested more than 64 levels deep (line 1, "
            "column 256)",
        ),
        {"r.yaml": lambda: b"a: " + b"{a: " * 100_000},
        seconds=5,
    ),
    Case(
        "yaml-90000-keys",
        ("check", "r.yaml"),
        1,
        (f"{E}r.yaml: $.version: must be the format version, a whole number like 1; missing",),
        {"r.yaml": lambda: "\n".join(f"k{i}: 1" for i in range(90_000)).encode()},
        seconds=10,
    ),
    Case(
        "json-nested-100000-deep",
        ("check", "r.json"),
        1,
        (f"{E}r.json: the document is nested too deeply",),
        {"r.json": lambda: b"[" * 100_000 + b"]" * 100_000},
        seconds=5,
    ),
    Case(
        "toml-nested-deep",
        ("check", "r.toml"),
        1,
        (f"{E}r.toml: the document is nested too deeply",),
        {"r.toml": lambda: b"a = " + b"[" * 50_000 + b"]" * 50_000},
        seconds=5,
    ),
    Case(
        "a-fifo-named-like-a-document",
        ("check", "x.json"),
        1,
        (f"{E}x.json: cannot read it: it is not a regular file",),
        how="fifo",
        fifos=("x.json",),
        seconds=5,
    ),
    Case(
        "a-folder-named-like-a-document",
        ("check", "x.json"),
        1,
        (f"{E}x.json: cannot read it: it is not a regular file",),
        folders=("x.json",),
    ),
    Case(
        "a-count-bomb",
        ("show", "r.json"),
        1,
        (
            f"{E}r.json: this routine can expand to as many as more than 10^15 events (an upper "
            "bound, counted from its tree: every range at its top, every cue marker the cue "
            "options could add); the limit is 100,000 (Limits.max_events); lower the counts of "
            "its Repeat and Reps",
        ),
        {
            "r.json": _routine(
                body=[
                    {
                        "type": "stretch",
                        "name": "Bomb",
                        "body": [
                            {
                                "type": "repeat",
                                "times": 10**12,
                                "body": [{"type": "reps", "count": 10**9, "text": "x"}],
                            }
                        ],
                    }
                ]
            )
        },
        seconds=5,
    ),
    Case(
        "a-three-hour-hold-as-audio-in-bounded-memory",
        ("export", "r.json", "-o", "long.wav"),
        0,
        (),
        {"r.json": _long_hold("3h")},
        seconds=120,
        memory_mb=300,  # the track is 476 MB: held in memory, it could not be made
        speech=True,
    ),
    Case(
        "translation-templates-times-rounds",
        ("compile", "r.json", "--lang", "de"),
        0,
        (),
        {"r.json": _templates_times_rounds},
        seconds=20,
        memory_mb=400,
    ),
    # What is refused says where and what.
    Case(
        "conditions-of-a-hundred-and-fifty-thousand-words",
        ("check", "r.json"),
        1,
        tuple(
            f"{E}r.json: $.body[0].cautions[{i}].conditions[0]: no condition is called "
            f"{repr('z-' * 40)[:57]}...; name a shared one ('backstretch conditions' lists "
            "them), or declare it in the routine's extra_conditions with a description"
            for i in range(3)
        ),
        {
            "r.json": lambda: _routine(
                body=[
                    {
                        "type": "stretch",
                        "name": "Reach",
                        "cautions": [
                            {"type": "caution", "text": f"No {i}.", "conditions": ["z " * 150_000]}
                            for i in range(3)
                        ],
                        "body": [{"type": "step", "text": "Reach up", "duration": "3s"}],
                    }
                ]
            )
        },
        seconds=2.5,  # reading them word by word against every name took 4 s
    ),
    Case(
        "a-text-espeak-ng-aborts-on",
        ("export", "r.json", "-o", "guide.wav"),
        1,
        (
            f"{E}r.json: $.body[0].body[0].text: has a word of 199 characters "
            "('a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a....'); a word holds at most 64: put spaces "
            "between its words",
        ),
        {"r.json": _with_step(".".join(["a"] * 100))},
        untouched=("guide.wav",),
    ),
    Case(
        "an-invisible-safety-note",
        ("check", "r.json"),
        1,
        (
            f"{E}r.json: $.safety_note: must show something: it holds only characters that show "
            "nothing (spaces, or format characters such as U+200B), got '\\u200b'",
        ),
        {"r.json": _routine(safety_note="\u200b")},
    ),
    Case(
        "a-nested-side-form",
        ("check", "r.json"),
        1,
        (
            f"{E}r.json: $.translations['de']['Reach up']: has a brace inside a placeholder at "
            "position 12; placeholders do not nest: write {side} or {side|linken|rechten}",
        ),
        {"r.json": _routine(translations={"de": {"Reach up": "Streck{side|{side}|x}"}})},
    ),
    Case(
        "a-right-to-left-override",
        ("check", "r.json"),
        1,
        (
            f"{E}r.json: $.body[0].body[0].text: has a bidirectional control (U+202E) at "
            "position 5; it would turn the words around it backwards; remove it",
        ),
        {"r.json": _with_step("Reach\u202e up")},
    ),
    Case(
        "a-timeline-given-as-a-routine",
        ("show", "t.json"),
        1,
        (
            f'{E}t.json: $.type: this is a timeline document ("type": "timeline"), not a '
            'routine; give a routine document ("type": "routine"), a built-in routine\'s name '
            "or a file.py:NAME",
        ),
        {"t.json": b'{"version": 2, "type": "timeline", "title": "T", "events": []}'},
    ),
    Case(
        "a-newline-in-a-file-name",
        ("check", "a\nb.json"),
        1,
        (f"{E}a\\nb.json: cannot read it: No such file or directory",),
    ),
    Case(
        "an-empty-breath",
        ("show", "calm-breathing", "--breath", ""),
        1,
        (
            f"{E}--breath: cannot read '' as a duration; write it like '30s', '2m', '1m30s' or "
            "'250ms'",
        ),
    ),
    Case(
        "a-breath-past-2-53-ms",
        ("show", "calm-breathing", "--breath", "9007199254740991ms"),
        1,
        (
            f"{E}--breath must be longer than 0 s and at most 1m (one breath, in and out), got "
            "'9007199254740991ms'; e.g. '6s'",
        ),
    ),
    Case(
        "a-249-character-output-name",
        ("export", "pilates-for-back-pain", "-o", "a" * 244 + ".json"),
        0,
        (),
    ),
    Case(
        "an-export-over-its-own-routine",
        ("export", "r.json", "-o", "r.json"),
        1,
        (
            f"{E}r.json: is the routine's own file ('r.json'); writing there would lose it; "
            "choose another output name",
        ),
        {"r.json": _routine()},
        untouched=("r.json",),
    ),
    Case(
        "a-dump-over-its-own-routine",
        ("dump", "./r.toml", "-o", "r.toml"),
        1,
        (
            f"{E}r.toml: is the routine's own file ('./r.toml'); writing there would lose it; "
            "choose another output name",
        ),
        {"r.toml": b'version = 1\ntype = "routine"\ntitle = "T"  # mine\n'},
        untouched=("r.toml",),
    ),
    # Injection: texts that would drive a terminal are refused, and never echoed raw.
    Case(
        "terminal-escape-in-a-step",
        ("show", "r.json"),
        1,
        (
            f"{E}r.json: $.body[0].body[0].text: has a control character (U+001B) at position 5; "
            f"{CONTROL}",
        ),
        {"r.json": _with_step("Reach\x1b[2J\x1b]0;owned\x07 up")},
    ),
    Case(
        "terminal-escape-in-a-python-routine",
        ("play", "r.py:ROUTINE", "--plain"),
        1,
        (f"{E}$.title: has a control character (U+001B) at position 2; {CONTROL}",),
        {
            "r.py": (
                b"from backstretch import Routine, Step, Stretch\n"
                b"ROUTINE = Routine('Hi\\x1b]0;owned\\x07', [Stretch('s', [Step('Go')])])\n"
            )
        },
    ),
    Case(
        "nel-in-yaml",
        ("check", "r.yaml"),
        1,
        (f"{E}r.yaml: $.title: has a control character (U+0085) at position 1; {CONTROL}",),
        {
            "r.yaml": b'version: 1\ntype: routine\ntitle: "A\\x85B"\nbody:\n- type: stretch\n'
            b"  name: Reach\n  body:\n  - type: step\n    text: Reach up\n"
        },
    ),
]
