"""Time as integer milliseconds: durations, ranges, and arithmetic that never loses a millisecond.

Floats, timedeltas and strings enter only here (``seconds()``, ``minutes()``, ``"1m30s"``); past
this module every time is an ``int`` of milliseconds whose name ends in ``_ms``.
"""

from __future__ import annotations

import datetime
import enum
import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import overload

import attrs

from ..exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "BREATH",
    "Breaths",
    "CountRange",
    "Duration",
    "DurationRange",
    "Level",
    "between",
    "breaths",
    "format_ms",
    "minutes",
    "parse_duration",
    "seconds",
    "split_ms",
]


#: The longest time backstretch handles, in milliseconds: 2**53 - 1, the largest whole number a
#: JavaScript number (and so every JSON reader in a browser) holds exactly. About 285,000 years.
MAX_MS = 2**53 - 1


def shown(value: object) -> str:
    """``repr(value)`` for an error message, short even for a number of a million digits (whose
    repr Python refuses past 4,300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _whole_ms(field: str, value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(f"{field} must be an int of milliseconds, got {shown(value)}")
    if value < 0:
        raise InvalidValueError(f"{field} must be 0 or more milliseconds, got {value!r}")
    if value > MAX_MS:
        raise InvalidValueError(
            f"{field} is {shown(value)} ms, longer than any routine can be; the most is "
            f"{MAX_MS:,} ms"
        )


class Level(enum.StrEnum):
    """How deep to go: where every range lands (low end, middle, high end)."""

    GENTLE = "gentle"
    STANDARD = "standard"
    DEEP = "deep"

    def __repr__(self) -> str:
        return f"Level.{self.name}"

    @classmethod
    def of(cls, value: object) -> Level | None:
        """The level ``value`` names (a Level, or its name exactly: ``"gentle"``), else None:
        the one reading of a level's name, for every reader."""
        if isinstance(value, Level):
            return value
        return _LEVEL_NAMES.get(value) if isinstance(value, str) else None

    def pick(self, low: int, high: int) -> int:
        """The value of the range ``[low, high]`` at this level (the middle rounds down)."""
        if self is Level.GENTLE:
            return low
        if self is Level.DEEP:
            return high
        return (low + high) // 2


_LEVEL_NAMES = {level.value: level for level in Level}


def _pinned(value: object) -> Level | None:
    """A range's own level: None (the one it is compiled at), or a Level or its name."""
    if value is None:
        return None
    level = Level.of(value)
    if level is not None:
        return level
    raise InvalidValueError(
        f"a range's level must be 'gentle', 'standard', 'deep' or None, got {shown(value)}"
    )


@attrs.frozen(order=True)
class Duration:
    """A fixed length of time in whole milliseconds; made by ``seconds()`` or ``minutes()``."""

    ms: int

    def __attrs_post_init__(self) -> None:
        _whole_ms("Duration.ms", self.ms)

    def __str__(self) -> str:
        return format_ms(self.ms)


@attrs.frozen
class DurationRange:
    """A length of time that may land anywhere from ``low_ms`` to ``high_ms``; see ``between()``.

    ``level``, when set, is where this range lands whatever level it is compiled at."""

    low_ms: int
    high_ms: int
    level: Level | None = attrs.field(default=None, kw_only=True, converter=_pinned)

    def __attrs_post_init__(self) -> None:
        _whole_ms("DurationRange.low_ms", self.low_ms)
        _whole_ms("DurationRange.high_ms", self.high_ms)
        if self.low_ms > self.high_ms:
            raise InvalidValueError(
                f"a range must run from low to high, got {format_ms(self.low_ms)} to "
                f"{format_ms(self.high_ms)}; swap them"
            )

    def __str__(self) -> str:
        return f"{format_ms(self.low_ms)} to {format_ms(self.high_ms)}"

    def at(self, level: Level) -> int:
        """Where the range lands at ``level``, or at its own level if it has one."""
        return (self.level or level).pick(self.low_ms, self.high_ms)


@attrs.frozen
class CountRange:
    """A count that may land anywhere from ``low`` to ``high`` ("5 to 10 reps"); see between().

    ``level``, when set, is where this range lands whatever level it is compiled at."""

    low: int
    high: int
    level: Level | None = attrs.field(default=None, kw_only=True, converter=_pinned)

    def __attrs_post_init__(self) -> None:
        for name in ("low", "high"):
            value = getattr(self, name)
            if type(value) is not int:
                raise InvalidTypeError(f"CountRange.{name} must be an int, got {value!r}")
            if value < 1:
                raise InvalidValueError(f"CountRange.{name} must be 1 or more, got {value!r}")
        if self.low > self.high:
            raise InvalidValueError(
                f"a range must run from low to high, got {self.low} to {self.high}; swap them"
            )

    def __str__(self) -> str:
        return f"{self.low} to {self.high}"

    def at(self, level: Level) -> int:
        """Where the range lands at ``level``, or at its own level if it has one."""
        return (self.level or level).pick(self.low, self.high)


@attrs.frozen
class Breaths:
    """A length counted in breaths ("three long breaths"): a count, or a range of counts. How long
    a breath takes is chosen when compiling (``compile_routine(breath=...)``), so a hold counted in
    breaths keeps pace with the person's breathing. See ``breaths()``."""

    count: int | CountRange

    def __attrs_post_init__(self) -> None:
        count = self.count
        if isinstance(count, CountRange):
            return
        if type(count) is not int:
            raise InvalidTypeError(
                f"Breaths.count must be a whole number or between(low, high), got {shown(count)}"
            )
        if count < 1:
            raise InvalidValueError(f"Breaths.count must be 1 or more, got {count!r}")

    @property
    def high(self) -> int:
        """The most breaths it may take."""
        return self.count.high if isinstance(self.count, CountRange) else self.count

    def __str__(self) -> str:
        count = self.count
        if isinstance(count, CountRange):
            return f"{count.low} to {count.high} breaths"
        return "1 breath" if count == 1 else f"{count} breaths"


def breaths(count: int, high: int | None = None) -> Breaths:
    """A length of ``count`` breaths (``breaths(3)``), or from ``count`` to ``high`` breaths
    (``breaths(3, 5)``), where the level chooses (fitting never moves a count of breaths). A
    breath's length is set when compiling (``compile_routine(breath="6s")``)."""
    return Breaths(count if high is None else CountRange(count, high))


_BREATHS_RE = re.compile(r"\s*(\d{1,6})\s*breaths?\s*")


def parse_breaths(text: str) -> Breaths | None:
    """Read ``"3 breaths"`` or ``"1 breath"`` as Breaths; None when the text counts no breaths
    (it may be a duration). A range of breaths is ``breaths(3, 5)``, in a document
    ``{"low": "3 breaths", "high": "5 breaths"}``."""
    match = _BREATHS_RE.fullmatch(text) if len(text) <= 64 else None
    return None if match is None else breaths(int(match[1]))


def _exact_ms(value: object, unit_ms: int, name: str) -> int:
    """``value`` units of ``unit_ms``, exactly, as whole milliseconds (Fraction: no rounding)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise InvalidTypeError(f"{name}() takes a number, got {shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValueError(f"{name}() takes a finite number, got {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidValueError(f"{name}() takes a finite number, got {value!r}")
    # A float is read as written (1.1 means 1.1, not the binary fraction nearest to it).
    exact = (Fraction(repr(value)) if isinstance(value, float) else Fraction(value)) * unit_ms
    if exact < 0:
        raise InvalidValueError(f"{name}() takes 0 or more, got {shown(value)}")
    if exact > MAX_MS:
        raise InvalidValueError(
            f"{name}({shown(value)}) is longer than any routine can be; the most is {MAX_MS:,} ms"
        )
    if exact.denominator != 1:
        raise InvalidValueError(
            f"{name}({shown(value)}) is not a whole number of milliseconds; round it to 0.001 s"
        )
    return int(exact)


def seconds(n: float) -> Duration:
    """A duration of ``n`` seconds (``seconds(1.5)`` is 1500 ms)."""
    return Duration(_exact_ms(n, 1000, "seconds"))


#: How long one breath takes, in and out, unless ``compile_routine(breath=...)`` says otherwise:
#: a slow, calm breath, ten a minute. A hold counted in breaths lasts that many of these.
BREATH = Duration(6000)


def minutes(n: float) -> Duration:
    """A duration of ``n`` minutes (``minutes(2)`` is 120000 ms)."""
    return Duration(_exact_ms(n, 60_000, "minutes"))


_DURATION_RE = re.compile(
    r"(?:(?P<h>\d+(?:\.\d+)?)h)?(?:(?P<m>\d+(?:\.\d+)?)m(?!s))?"
    r"(?:(?P<s>\d+(?:\.\d+)?)s)?(?:(?P<ms>\d+)ms)?"
)
_UNIT_MS = {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}


def parse_duration(text: str) -> Duration:
    """Read ``"30s"``, ``"2m"``, ``"1m30s"``, ``"1.5s"``, ``"1h"`` or ``"250ms"`` as a Duration."""
    compact = text.replace(" ", "").lower()
    if len(compact) > 64:  # no duration needs more; and reading a longer one could be slow
        raise InvalidValueError(
            f"cannot read {shown(text)} as a duration: it is {len(compact):,} characters long; "
            f"write it like '30s', '2m', '1m30s' or '250ms'"
        )
    match = _DURATION_RE.fullmatch(compact)
    if not compact or match is None or not any(match.groupdict().values()):
        raise InvalidValueError(
            f"cannot read {shown(text)} as a duration; write it like '30s', '2m', '1m30s' or "
            f"'250ms'"
        )
    total = Fraction(0)  # exact: "1.0000000000000000000000000001s" is not rounded to 1 s
    for unit, amount in match.groupdict().items():
        if amount is not None:
            total += Fraction(amount) * _UNIT_MS[unit]
    if total.denominator != 1:
        raise InvalidValueError(f"{shown(text)} is not a whole number of milliseconds")
    if total > MAX_MS:
        raise InvalidValueError(f"{shown(text)} is longer than any routine can be")
    return Duration(int(total))


def to_duration(value: object, *, field: str) -> Duration:
    """Read one fixed duration given as a Duration, a ``timedelta`` or a string like ``"30s"``."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except InvalidValueError as error:
            raise InvalidValueError(f"{field}: {error}") from None
    if isinstance(value, datetime.timedelta):
        if value < datetime.timedelta(0):
            raise InvalidValueError(f"{field} must not be negative, got {value!r}")
        if value.microseconds % 1000:
            raise InvalidValueError(f"{field} must be whole milliseconds, got {value!r}")
        ms = value // datetime.timedelta(milliseconds=1)
        if ms > MAX_MS:
            raise InvalidValueError(f"{field} is longer than any routine can be, got {value!r}")
        return Duration(ms)
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidTypeError(
            f"{field} got {value!r}, which is no length of time; write a duration such as "
            f"seconds(30), minutes(2) or '1m30s'"
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = shown(value)
        raise InvalidTypeError(
            f"{field} got the bare number {number}, which could mean seconds or milliseconds; "
            f"write seconds({number}), minutes(...) or a string like '{number}s'"
        )
    if isinstance(value, CountRange):
        raise InvalidTypeError(
            f"{field} got between({value.low}, {value.high}), a range of counts; for a range of "
            f"time write between('{value.low}s', '{value.high}s')"
        )
    raise InvalidTypeError(
        f"{field} must be a duration such as seconds(30), minutes(2) or '1m30s', got {value!r}"
    )


def to_duration_or_range(value: object, *, field: str) -> Duration | DurationRange:
    """Read a duration that may also be a range made by ``between()``."""
    if isinstance(value, DurationRange):
        return value
    return to_duration(value, field=field)


def to_held(value: object, *, field: str) -> Duration | DurationRange | Breaths:
    """Read how long a hold lasts: a duration, a range of them, or breaths (``breaths(3)``,
    ``"3 breaths"``)."""
    if isinstance(value, Breaths):
        return value
    if isinstance(value, str):
        counted = parse_breaths(value)
        if counted is not None:
            return counted
    return to_duration_or_range(value, field=field)


@overload
def between(low: int, high: int, *, level: Level | str | None = None) -> CountRange: ...
@overload
def between(
    low: Duration | datetime.timedelta | str,
    high: Duration | datetime.timedelta | str,
    *,
    level: Level | str | None = None,
) -> DurationRange: ...
def between(
    low: int | Duration | datetime.timedelta | str,
    high: int | Duration | datetime.timedelta | str,
    *,
    level: Level | str | None = None,
) -> CountRange | DurationRange:
    """A range: of counts (``between(5, 10)``) or of time (``between(seconds(30), seconds(60))``).

    Where a range lands is chosen at compile time by the level (or by fitting to a total time).
    With ``level`` ("gentle", "standard" or "deep") the range lands there whatever level the
    routine is compiled at: "3 sets" that stay 3 sets while the hold times move with the level.
    """
    if type(low) is int and type(high) is int:
        return CountRange(low, high, level=level)
    if isinstance(low, int) != isinstance(high, int):
        raise InvalidTypeError(
            f"between() takes two counts or two durations, got {low!r} and {high!r}; write "
            f"between(5, 10) for counts or between(seconds(30), seconds(60)) for time"
        )
    low_d = to_duration(low, field="between() low end")
    high_d = to_duration(high, field="between() high end")
    return DurationRange(low_d.ms, high_d.ms, level=level)


def split_ms(total_ms: int, parts: int) -> tuple[int, ...]:
    """Split ``total_ms`` into ``parts`` integers that add up to it exactly, larger ones first."""
    if parts < 1:
        raise InvalidValueError(f"split_ms() needs at least 1 part, got {parts}")
    base, extra = divmod(total_ms, parts)
    return (base + 1,) * extra + (base,) * (parts - extra)


def format_ms(ms: int) -> str:
    """A clock reading for people: ``0:45``, ``12:05``, ``1:02:03``, with ms only if any."""
    sign = "-" if ms < 0 else ""
    whole_s, rest_ms = divmod(abs(ms), 1000)
    hours, rem = divmod(whole_s, 3600)
    mins, secs = divmod(rem, 60)
    clock = f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"
    return f"{sign}{clock}.{rest_ms:03d}" if rest_ms else f"{sign}{clock}"
