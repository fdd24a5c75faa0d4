"""Files and text: reading with limits, strict parsing of JSON, TOML and YAML, atomic writes, and
the JSON Schemas the package ships.

Nothing here knows a routine or a timeline: both document layers use it, and so do the exports.
JSON is always available; TOML writing needs the ``toml`` extra (reading uses the standard
library), YAML the ``yaml`` extra.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._limits import Limits
from .exceptions import DocumentError, InvalidValueError, NotInstalledError, Problem

__all__ = [
    "FORMATS",
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


def json_schema(kind: str) -> str:
    """The JSON Schema (Draft 2020-12) of the ``"routine"`` or ``"timeline"`` document, as text."""
    if kind not in ("routine", "timeline"):
        raise InvalidValueError(f"there are schemas for 'routine' and 'timeline', not {kind!r}")
    from importlib import resources  # only here: importing it costs more than it is used

    return (resources.files(__package__) / "schemas" / f"{kind}.schema.json").read_text(
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
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise DocumentError(
                [Problem("$", "cannot read it: it is not a regular file")], source=source
            )
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise DocumentError(
                [Problem("$", f"cannot read it: {error.strerror}")], source=source
            ) from None
    return within_size(data, max_bytes, source)  # type: ignore[return-value]


def write_atomically(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to a temporary file beside ``path``, then rename it into
    place, so a reader never sees a partial file and a failure leaves what was there untouched."""
    import tempfile  # only here: importing it costs more than it is used

    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600): give it the mode the file had, or a new file's.
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
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

            return tomllib.loads(decoded)
        if format == "yaml":
            return _load_yaml(decoded)
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


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


def _load_yaml(text: str) -> Any:
    yaml = extra("yaml", "yaml")

    class StrictLoader(yaml.SafeLoader):  # type: ignore[misc, name-defined]
        """Safe loading (no tags that build objects) that refuses a key given twice."""

    def mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
        keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"the key {key!r} appears twice in one mapping")
        return dict(loader.construct_pairs(node, deep=deep))

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        # Aliases let a few lines stand for a tree of billions of nodes ("billion laughs");
        # a routine never needs one, so they are refused before anything is built.
        for event in yaml.parse(text, Loader=StrictLoader):
            if isinstance(event, yaml.AliasEvent):
                raise ValueError(f"aliases (*{event.anchor}) are not allowed; write the value out")
        return yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ValueError(f"{error.problem}{where}") from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its errors
        raise ValueError(str(error).replace("\n", " ")) from None
