"""Words and a question the journal's commands share: a name shown on one line, a count with its
noun, the note for a Ctrl-C that came too late, and a yes/no question. Part of
:mod:`mendkit.cli.journal`."""

from __future__ import annotations

import unicodedata

from mendkit.errors import InvalidInputError


def _one_line(text: str) -> str:
    """``text`` with control characters (newlines, escape sequences) shown as escapes, so a name
    can neither forge a line of output nor drive the terminal."""
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(ch) == "Cc" else ch for ch in text)


_TOO_LATE = ("note: the Ctrl-C came while the change was being saved, too late to stop it: the "
             "change was finished, as said above")


def _count(n: int, word: str) -> str:
    """``1 turn``, ``2 turns``: a count with its noun."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _confirm(question: str) -> bool:
    """Ask a yes/no question on stdin: y or yes, in any case, is yes. No answer at all (the end
    of stdin) is an error that says how to answer without a terminal."""
    try:
        answer = input(question)
    except EOFError:
        print(flush=True)  # end the prompt's line before the error is written
        raise InvalidInputError("nothing deleted: no answer came on stdin; pass --yes to "
                                "delete without being asked") from None
    return answer.strip().lower() in ("y", "yes")
