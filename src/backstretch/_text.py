"""What a text that reaches a person may hold: no control characters, no lone surrogates.

A control character in an instruction is never meant: an escape sequence (``ESC[2J``) clears a
terminal, sets its title or hides the note to stop on pain; a NUL or a form feed breaks XML,
captions and Markdown; a lone surrogate cannot be written as UTF-8 at all. Checking a routine or a
timeline refuses them, each at its ``$.path`` (``text_problem``). As a second wall, every place
that shows a text (terminal, picture, captions, sheet, web page) passes it through ``printable``,
so a timeline made some other way cannot do harm either.

Allowed: every character but the C0 controls other than tab and newline, DEL, the C1 controls
(U+0080 to U+009F, among them NEL, U+0085), lone surrogates, and the noncharacters U+FFFE and
U+FFFF.
"""

from __future__ import annotations

import re

__all__ = ["WORDS_PER_MINUTE", "printable", "speaking_ms", "text_problem"]

#: The pace the library reckons speech at: the audio guide's voice, and the compiler when it keeps
#: cues from talking over what is said at the start of a segment.
WORDS_PER_MINUTE = 165


def speaking_ms(text: str) -> int:
    """How long saying ``text`` takes at ``WORDS_PER_MINUTE`` (a word at least), rounded up."""
    words = max(1, len(text.split()))
    return -(-words * 60_000 // WORDS_PER_MINUTE)


#: The characters no text may hold.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
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
    return (
        f"has {what} (U+{code:04X}) at position {found.start()}; a text may hold neither control "
        f"characters (terminal escapes among them) nor lone surrogates; remove it"
    )


def printable(text: str) -> str:
    """``text`` with every forbidden character replaced by U+FFFD, safe to show anywhere."""
    return FORBIDDEN.sub(REPLACEMENT, text)
