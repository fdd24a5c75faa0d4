"""What a text that reaches a person may hold: no control characters, no lone surrogates.

A control character in an instruction is never meant: an escape sequence (``ESC[2J``) clears a
terminal, sets its title or hides the note to stop on pain; a NUL or a form feed breaks XML,
captions and Markdown; a lone surrogate cannot be written as UTF-8 at all. Checking a routine or a
timeline refuses them, each at its ``$.path`` (``text_problem``). As a second wall, every place
that shows a text (terminal, picture, captions, sheet, web page) passes it through ``printable``,
so a timeline made some other way cannot do harm either.

Allowed: every character but the C0 controls other than tab and newline, DEL, the C1 controls
(U+0080 to U+009F, among them NEL, U+0085), lone surrogates, the noncharacters U+FFFE and U+FFFF,
and the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
which turn the library's own words around them backwards ("tfel" for "left") in captions and on
screen.

A text that must say something must show something (``visible``): a text of a zero-width space
(U+200B), a word joiner (U+2060), a byte order mark (U+FEFF) or a soft hyphen (U+00AD), format
characters that show nothing, is refused like an empty one; a safety note must have letters
(``note_problem``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "BEEP_MS",
    "LANGUAGE_TAG",
    "MAX_TEXT_CHARS",
    "MAX_UTTERANCE_CHARS",
    "MAX_WORD_CHARS",
    "WORDS_PER_MINUTE",
    "length_problem",
    "note_problem",
    "printable",
    "speaking_ms",
    "text_problem",
    "visible",
]

#: A language tag: a language, and a region or script after a hyphen (BCP 47, simplified). Only
#: a tag of this shape names a language anywhere, an engine's voice included.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
#: The longest word a text may hold, in characters (German compounds run to about 40), and the
#: longest text: a speech engine is handed one text at a time, and some abort on a long
#: unbroken run ("a.a.a..." of 199 characters) or take minutes and gigabytes on a huge one.
MAX_WORD_CHARS = 64
MAX_TEXT_CHARS = 4000
#: The longest utterance a speech engine is handed: the texts said at one moment, together.
MAX_UTTERANCE_CHARS = 4 * MAX_TEXT_CHARS


def length_problem(text: str, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    """What makes ``text`` too long to show or say, or None: more than ``max_chars``
    characters, or a word of more than ``MAX_WORD_CHARS``."""
    if len(text) > max_chars:
        return (
            f"is {len(text):,} characters long; a text holds at most {max_chars:,}: split it "
            f"over several steps"
        )
    if len(text) > MAX_WORD_CHARS:
        longest = max(text.split(), key=len, default="")
        if len(longest) > MAX_WORD_CHARS:
            shown_word = repr(longest[:40] + "...")
            return (
                f"has a word of {len(longest):,} characters ({shown_word}); a word holds at most "
                f"{MAX_WORD_CHARS}: put spaces between its words"
            )
    return None


#: The pace the library reckons speech at: the audio guide's voice, and the compiler when it keeps
#: cues from talking over what is said at the start of a segment.
WORDS_PER_MINUTE = 165
#: How long a countdown tick's beep lasts: nothing is said over it.
BEEP_MS = 150


#: How speech takes time, calibrated on espeak-ng at ``WORDS_PER_MINUTE`` in English, German and
#: Spanish (the built-in routines' texts, about 1,000 of them): every letter, every word, every
#: word of a number said aloud, every pause at punctuation, and once to start. Letters carry most
#: of it, so a language of long words ("Oberschenkeldehnung") is reckoned as long as it sounds; no
#: text of those took more than 1.13 times its reckoning, and the audio guide may speak up to 1.5
#: times faster to fit.
LETTER_MS = 65
WORD_MS = 30
NUMBER_WORD_MS = 380
PAUSE_MS = 300
START_MS = 150

_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
#: A pause: punctuation that ends a clause, before more words.
_PAUSE = re.compile(r"[,:;.!?\u2026\u3002]+(?=\s+\w)")


@functools.lru_cache(maxsize=4096)  # the same texts are reckoned again and again in a compile
def speaking_ms(text: str) -> int:
    """How long saying ``text`` takes at the reference pace (``WORDS_PER_MINUTE``, the audio
    guide's voice), in any language: its letters, its words, its numbers as said aloud (``"45"``
    is "forty five"), its pauses at punctuation (``LETTER_MS`` and the rest)."""
    letters = len(_LETTERS.findall(text))
    words = len(_WORDS.findall(text))
    numbers = _number_words_in(text) if _DIGIT.search(text) else 0
    pauses = len(_PAUSE.findall(text))
    return (
        START_MS
        + letters * LETTER_MS
        + words * WORD_MS
        + numbers * NUMBER_WORD_MS
        + pauses * PAUSE_MS
    )


_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"(?<=\d),(?=\d{3})")


def _number_words_in(text: str) -> int:
    """The words of the numbers in ``text``, said aloud: "4-7-8" is three numbers, "90/90" two,
    "0:45" two, digits grouped by commas one ("1,000")."""
    return sum(_number_words(int(n)) for n in _NUMBER.findall(_GROUPED.sub("", text)))


def _number_words(number: int) -> int:
    """The words of a number said in English ("twenty one", "three hundred and five")."""
    if number < 20:
        return 1
    if number < 100:
        return 1 if number % 10 == 0 else 2
    if number < 1000:
        rest = number % 100
        return 2 + (1 + _number_words(rest) if rest else 0)
    if number < 1_000_000:
        rest = number % 1000
        return _number_words(number // 1000) + 1 + (_number_words(rest) if rest else 0)
    return len(str(number))  # read digit by digit, at least


#: The characters no text may hold.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
#: What ``printable`` shows in place of a forbidden character.
REPLACEMENT = "\ufffd"


def text_problem(text: str) -> str | None:
    """What is wrong with ``text`` (the first forbidden character, named), or None."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    code = ord(char)
    what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    if code in (0xFFFE, 0xFFFF):
        what = "a noncharacter"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return (
            f"has a bidirectional control (U+{code:04X}) at position {found.start()}; it would "
            f"turn the words around it backwards; remove it"
        )
    return (
        f"has {what} (U+{code:04X}) at position {found.start()}; a text may hold neither control "
        f"characters (terminal escapes among them) nor lone surrogates; remove it"
    )


#: What is wrong with a text of spaces, format characters or marks alone.
INVISIBLE = (
    "must show something: it holds only characters that show nothing (spaces, or format "
    "characters such as U+200B)"
)


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: a letter, digit, punctuation mark or symbol (Unicode
    categories L, N, P, S). Spaces, format characters (U+200B, U+2060, U+FEFF, U+00AD) and
    combining marks alone show nothing."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


def note_problem(text: str) -> str | None:
    """What is wrong with a safety note (or a translation of one), or None: it must say in
    words, with letters a person can read, when to stop."""
    if any(unicodedata.category(char)[0] == "L" for char in text):
        return None
    return f"must say in words when to stop and whom to ask, got {text!r}: it has no letters"


def printable(text: str) -> str:
    """``text`` with every forbidden character replaced by U+FFFD, safe to show anywhere."""
    return FORBIDDEN.sub(REPLACEMENT, text)
