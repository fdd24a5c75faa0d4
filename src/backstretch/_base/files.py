"""Files and text: reading with limits, strict parsing of JSON, TOML and YAML, atomic writes, and
the JSON Schemas the package ships.

Nothing here knows a routine or a timeline: both document layers use it, and so do the exports.
JSON is always available; TOML writing needs the ``toml`` extra (reading uses the standard
library), YAML the ``yaml`` extra.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import importlib
import json
import math
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..exceptions import (
    DocumentError,
    InvalidTypeError,
    InvalidValueError,
    NotInstalledError,
    Problem,
    WriteError,
)
from .limits import Limits

__all__ = [
    "FORMATS",
    "atomic_file",
    "describe",
    "document_format",
    "extra",
    "json_schema",
    "parse",
    "read_bytes",
    "within_size",
    "write_atomically",
]

#: The text formats of documents.
FORMATS = ("json", "toml", "yaml")
_SUFFIXES = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


def document_format(path: str | os.PathLike[str]) -> str:
    """The document format a file's suffix names; a DocumentError lists the known suffixes."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        known = ", ".join(_SUFFIXES)
        raise DocumentError(
            [Problem("$", f"cannot tell the format from the suffix; use one of {known}")],
            source=os.fspath(path),
        )
    return _SUFFIXES[suffix]


def describe(value: object) -> str:
    """A short description of a document value for an error message (never deep, never long)."""
    if isinstance(value, dict):
        return f"an object ({_preview(value)})"
    if isinstance(value, list):
        return f"a list ({_preview(value)})"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, str):
        shown = json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
        return f"text ({shown})"
    if isinstance(value, int):
        return f"a number ({_preview(value)})"
    if isinstance(value, float):
        return f"a number ({value!r})"
    if isinstance(value, datetime.date | datetime.time):  # YAML and TOML read these unquoted
        return f"a date or time ({value.isoformat()}); put it in quotes if you meant text"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, set | frozenset):
        return "a set"
    return type(value).__name__


def _preview(value: object, depth: int = 0) -> str:
    """JSON-like text of a value, cut at 60 characters; only the first few items of the first few
    levels are looked at, so a huge or deeply nested value costs nothing."""
    if isinstance(value, dict):
        if depth >= 3:
            return "{...}"
        items = [
            f"{json.dumps(str(k))}: {_preview(v, depth + 1)}" for k, v in list(value.items())[:4]
        ]
        text = "{" + ", ".join(items) + (", ..." if len(value) > 4 else "") + "}"
    elif isinstance(value, list):
        if depth >= 3:
            return "[...]"
        items = [_preview(v, depth + 1) for v in value[:6]]
        text = "[" + ", ".join(items) + (", ..." if len(value) > 6 else "") + "]"
    elif isinstance(value, str):
        text = json.dumps(value[:60], ensure_ascii=False)
    elif isinstance(value, bool) or value is None:
        text = json.dumps(value)
    elif isinstance(value, int) and abs(value) >= 10**30:
        # str() of a huge int is slow, and refused past 4300 digits: say how big it is instead.
        text = f"<a number of about {int(value.bit_length() * 0.30103) + 1} digits>"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def document_version(data: dict[str, Any], current: int, source: str) -> int:
    """The format version a document says it has (its ``version``), read alike for routines and
    timelines: a DocumentError when it is missing, not a whole number from 1, or newer than the
    ``current`` one this backstretch reads."""
    version = data.get("version")
    if type(version) is not int or version < 1:
        got = "missing" if "version" not in data else f"got {describe(version)}"
        message = f"must be the format version, a whole number like {current}; {got}"
        raise DocumentError([Problem("$.version", message)], source=source)
    if version > current:
        message = (
            f"this document has format version {version}, newer than this backstretch reads "
            f"({current}); upgrade backstretch"
        )
        raise DocumentError([Problem("$.version", message)], source=source)
    return version


def json_schema(kind: str) -> str:
    """The JSON Schema (Draft 2020-12) of the ``"routine"``, ``"timeline"`` or ``"program"``
    document, as text."""
    if kind not in ("routine", "timeline", "program"):
        raise InvalidValueError(
            f"there are schemas for 'routine', 'timeline' and 'program', not {kind!r}"
        )
    from importlib import resources  # only here: importing it costs more than it is used

    return (resources.files("backstretch") / "schemas" / f"{kind}.schema.json").read_text(
        encoding="utf-8"
    )


def within_size(text: str | bytes, max_bytes: int, source: str) -> str | bytes:
    """``text`` itself, or a DocumentError when it is longer than ``max_bytes``."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        message = f"the document is more than {max_bytes:,} bytes (Limits.max_bytes)"
        raise DocumentError([Problem("$", message)], source=source)
    return text


def read_bytes(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file; one larger than ``max_bytes`` is refused without reading it
    all, and anything but a regular file (a folder, a FIFO, a device) is refused without waiting."""
    source = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(
            [Problem("$", f"cannot read it: {error.strerror}")], source=source
        ) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # a folder, a FIFO, a device
        os.close(descriptor)
        raise DocumentError(
            [Problem("$", "cannot read it: it is not a regular file")], source=source
        )
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise DocumentError(
                [Problem("$", f"cannot read it: {error.strerror}")], source=source
            ) from None
    return within_size(data, max_bytes, source)  # type: ignore[return-value]


#: What a write failed of, in words a person can act on, by errno.
_WRITE_REASONS = {
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "a part of its path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "its name is too long",
}


class _Interrupts:
    """Whether the person pressed Ctrl-C during this command. A front end's SIGINT handler
    notes it (and raises KeyboardInterrupt as usual); atomic writes check it before renaming
    their file into place, so no file appears even where Python swallowed the interrupt (it
    ignores exceptions raised inside finalizers)."""

    requested = False


INTERRUPTS = _Interrupts()


def write_reason(error: OSError) -> str:
    """Why a write failed, in plain words."""
    return _WRITE_REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()


def write_atomically(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to a temporary file beside ``path``, then rename it into
    place, so a reader never sees a partial file and a failure leaves what was there untouched.
    A failure raises WriteError naming ``path``; an interrupt (Ctrl-C) leaves no trace either."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with atomic_file(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` when the block ends without an error (for
    writing a large file in pieces); on any error or interrupt, the temporary file is removed and
    ``path`` is untouched. Temporary files that a killed writer left beside ``path`` are removed
    first (their names carry the writer's process id)."""
    import tempfile  # only here: importing it costs more than it is used

    target = Path(path)
    _remove_stale(target)
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{_stem(target)}.{os.getpid()}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteError(os.fspath(path), write_reason(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        # mkstemp makes the file private (0600): give it the mode the file had, or a new file's.
        os.chmod(temporary, _mode_for(target))
        if INTERRUPTS.requested:
            raise KeyboardInterrupt
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(os.fspath(path), write_reason(error)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


#: The longest file name most file systems take, in bytes.
_NAME_MAX = 255
#: What a temporary name adds to the output's: dots, a process id, mkstemp's letters, ".tmp".
_TEMPORARY_EXTRA = 1 + 1 + 7 + 1 + 8 + 4


def _stem(target: Path) -> str:
    """The output's name as its temporary file's name holds it: whole, or cut short so that the
    temporary name fits where the output's own name fits."""
    name = target.name
    room = _NAME_MAX - _TEMPORARY_EXTRA
    while len(name.encode("utf-8", "surrogateescape")) > room:
        name = name[:-1]
    return name


def _remove_stale(target: Path) -> None:
    """Remove ``.NAME.PID.*.tmp`` files beside ``target`` whose writer no longer runs."""
    prefix = f".{_stem(target)}."
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for candidate in candidates:
        pid_text = candidate.name[len(prefix) :].partition(".")[0]
        if candidate.name.endswith(".tmp") and pid_text.isdigit() and not _running(int(pid_text)):
            with contextlib.suppress(OSError):
                candidate.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True


def extra(module: str, name: str) -> Any:
    """Import ``module``, which the ``name`` extra installs; NotInstalledError says how."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise NotInstalledError(
            f"{name.upper()} documents need an extra: pip install 'backstretch[{name}]'"
        ) from None


class _Unreadable(ValueError):
    """Bytes that are no text document at all (empty, not UTF-8)."""


def _decode(text: str | bytes) -> str:
    if isinstance(text, bytes):
        if text.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _Unreadable("the file is UTF-16; save it as UTF-8")
        if text.startswith(b"\xef\xbb\xbf"):
            raise _Unreadable(
                "the file starts with a byte-order mark (BOM); save it as UTF-8 without one"
            )
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Unreadable(f"the file is not valid UTF-8 (byte {error.start})") from None
    if not text.strip():
        raise _Unreadable("the document is empty")
    return text


def parse(
    text: str | bytes,
    format: str,
    source: str,
    limits: Limits,
    *,
    objects: Callable[[list[tuple[str, Any]]], Any] | None = None,
) -> Any:
    """The document tree of ``text`` in ``format``; a DocumentError says what is wrong with it.

    For JSON, ``objects`` may build each object from its (key, value) pairs instead of a dict;
    it must refuse a key given twice as the default does (``no_duplicate_keys``)."""
    if not isinstance(text, str | bytes):
        got = "None" if text is None else type(text).__name__
        raise InvalidTypeError(f"a document is its text (str, or bytes in UTF-8), got {got}")
    if format not in FORMATS:
        raise InvalidValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    within_size(text, limits.max_bytes, source)
    try:
        decoded = _decode(text)
        if format == "json":
            return json.loads(
                decoded,
                object_pairs_hook=objects or no_duplicate_keys,
                parse_constant=_no_constant,
                parse_float=_finite_float,
            )
        if format == "toml":
            import tomllib

            return tomllib.loads(decoded, parse_float=_finite_float)
        if format == "yaml":
            return _whole_floats(_load_yaml(decoded, limits.max_depth))
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    except NotInstalledError as error:
        raise DocumentError([Problem("$", str(error))], source=source) from None
    except _Unreadable as error:
        raise DocumentError([Problem("$", str(error))], source=source) from None
    except RecursionError:
        raise DocumentError(
            [Problem("$", "the document is nested too deeply")], source=source
        ) from None
    except ValueError as error:  # TOMLDecodeError is a ValueError
        raise DocumentError(
            [Problem("$", f"not a {format.upper()} document: {error}")], source=source
        ) from None


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a ValueError names a key given twice."""
    result = dict(pairs)
    if len(result) != len(pairs):  # rare: find the key that came twice, to name it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a document may hold")


def _finite_float(text: str) -> float | int:
    """A number written with a fraction or an exponent: a whole number where its fraction is zero
    (``4000.0`` is ``4000``, as JSON Schema's integer and JavaScript's JSON.parse read it), else
    the float it is (which no whole-number field takes)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return int(value) if value.is_integer() else value


def _whole_floats(data: Any) -> Any:
    """``data`` with every float of zero fraction made the whole number it is (see
    ``_finite_float``), for the formats whose parsers make the floats themselves (YAML)."""
    if isinstance(data, float):
        return int(data) if data.is_integer() else data
    if isinstance(data, dict):
        return {key: _whole_floats(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_whole_floats(value) for value in data]
    return data


def _load_yaml(text: str, max_depth: int) -> Any:
    """YAML read safely and in bounded time: one pass over the parser's events first refuses
    aliases, keys that are not text, keys given twice, and nesting deeper than ``max_depth``, as
    soon as they appear (before anything is built, so a 100,000-deep document costs
    milliseconds); then the document is built with the safe loader (no tag builds an object).
    libyaml's parser is used where PyYAML has it."""
    yaml = extra("yaml", "yaml")
    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    try:
        _check_yaml_events(yaml, yaml.parse(text, Loader=loader), max_depth)
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = " ".join(str(error.problem).split())
        if "nesting depth" in problem:  # libyaml's own limit, past ours
            raise ValueError(f"it is nested more than {max_depth} levels deep{where}") from None
        raise ValueError(f"{problem}{where}") from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its errors
        raise ValueError(" ".join(str(error).split())) from None


def _check_yaml_events(yaml: Any, events: Iterator[Any], max_depth: int) -> None:
    """Walk a YAML event stream, refusing what a routine document never holds."""
    # One entry per open collection: for a mapping, the keys seen and whether a key comes next.
    stack: list[tuple[set[str], list[bool]] | None] = []
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            # Aliases let a few lines stand for billions of nodes ("billion laughs").
            raise ValueError(f"aliases (*{event.anchor}) are not allowed; write the value out")
        mapping = stack[-1] if stack else None
        at_key = mapping is not None and mapping[1][0]
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if at_key:
                raise _at(event, "a key must be text, not a list or a mapping")
            if mapping is not None:
                mapping[1][0] = True  # this collection is the value; a key comes after it
            if len(stack) >= max_depth:
                raise _at(event, f"it is nested more than {max_depth} levels deep")
            is_map = isinstance(event, yaml.MappingStartEvent)
            stack.append((set(), [True]) if is_map else None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
        elif isinstance(event, yaml.ScalarEvent) and mapping is not None:
            if at_key:
                if event.value in mapping[0]:
                    raise _at(event, f"the key {event.value!r} appears twice in one mapping")
                mapping[0].add(event.value)
            mapping[1][0] = not at_key


def _at(event: Any, message: str) -> ValueError:
    mark = event.start_mark
    return ValueError(
        f"{message} (line {mark.line + 1}, column {mark.column + 1})" if mark else message
    )
