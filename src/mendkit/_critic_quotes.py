"""Lines a message quotes from the one it answers: email quoting ("> you never listen"), the
"On Tue, 3 Dec 2026, Sam wrote:" line above a quoted thread, and a forwarded or "Original
Message" block. They are the other person's words, not the writer's: the critic reads the message
with them blanked out (spaces of the same length, so every offset still indexes the message as
given) and reads the quoted words as the message being answered.
"""

from __future__ import annotations

import re
from typing import Final

# A quoted line: ">" (or "> >") at its start. Not a face (">:(", ">.<", ">_<").
_QUOTED_RE: Final = re.compile(r"[ \t]*>(?=[ \t>]|$|[^\W_])")
_MARKS_RE: Final = re.compile(r"[ \t]*(?:>[ \t]?)+")
# "On Tue, 3 Dec 2026 at 09:14, Sam Reyes <sam@example.com> wrote:", on one line or two.
_HEADER_RE: Final = re.compile(r"[ \t]*On\b[^\n]{0,200}\bwrote:[ \t]*\r?$")
_HEADER_START_RE: Final = re.compile(r"[ \t]*On\b[^\n]{0,200}\r?$")
_WROTE_END_RE: Final = re.compile(r"[^\n]{0,200}\bwrote:[ \t]*\r?$")
# Everything after these is the earlier thread.
_THREAD_RE: Final = re.compile(
    r"[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}[ \t]*\r?$"
    r"|[ \t]*From:[ \t]+\S[^\n]*\r?$",
    re.IGNORECASE,
)
_SENT_RE: Final = re.compile(r"[ \t]*(?:Sent|Date|To|Subject):", re.IGNORECASE)


def set_aside(text: str) -> tuple[str, str]:
    """``text`` with the lines it quotes blanked (the same length: every character but line
    breaks a space), and the quoted words (their ">" marks taken off), or ``(text, "")`` when
    nothing is quoted, or nothing but quotes is there.

    >>> own, quoted = set_aside("Sorry.\\n> You never listen")
    >>> own.rstrip(), quoted
    ('Sorry.', 'You never listen')
    """
    if ">" not in text and "wrote:" not in text and "From:" not in text and "--" not in text:
        return text, ""
    lines = text.splitlines(keepends=True)
    quoted = [False] * len(lines)
    words: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _QUOTED_RE.match(line):
            quoted[i] = True
            words.append(_MARKS_RE.sub("", line, count=1).strip())
        elif i > 0 and _thread_starts(lines, i):
            for j in range(i, len(lines)):
                quoted[j] = True
                words.append(lines[j].strip())
            break
        elif (width := _header_width(lines, i)) and i > 0:
            for j in range(i, i + width):
                quoted[j] = True
            rest = lines[i + width :]
            if not any(_QUOTED_RE.match(r) for r in rest):  # a thread with no marks
                for j in range(i + width, len(lines)):
                    quoted[j] = True
                    words.append(lines[j].strip())
                break
            i += width
            continue
        i += 1
    said = "\n".join(w for w in words if w).strip()
    own = "".join(_blank(line) if q else line for line, q in zip(lines, quoted, strict=True))
    if not said or not own.strip():
        return text, ""
    return own, said


def _blank(line: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in line)


def _header_width(lines: list[str], i: int) -> int:
    """How many lines an "On ..., X wrote:" header takes at ``i`` (0: none there)."""
    if _HEADER_RE.match(lines[i]):
        return 1
    if i + 1 < len(lines) and _HEADER_START_RE.match(lines[i]) and _WROTE_END_RE.match(lines[i + 1]):
        return 2
    return 0


def _thread_starts(lines: list[str], i: int) -> bool:
    """Whether an earlier thread starts at line ``i``: an "Original Message" line, or a "From:"
    line with a "Sent:", "Date:", "To:" or "Subject:" line right after it."""
    m = _THREAD_RE.match(lines[i])
    if m is None:
        return False
    if lines[i].lstrip().lower().startswith("from:"):
        return i + 1 < len(lines) and _SENT_RE.match(lines[i + 1]) is not None
    return True


def tidied(rewrite: str) -> str:
    """A rewrite of a message whose quoted lines were blanked, without the blank lines."""
    lines = [line if line.strip() else "" for line in rewrite.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
