"""Pieces the readers share: telling a ``Name:`` prefix from prose, grouping, finishing."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from mendkit.errors import FormatError
from mendkit.model.conversation import Conversation, Leave, Turn

# The colon may be the full-width one CJK input methods type ("小明：你好"), with or without a space.
_PREFIX = re.compile(
    r"^\s*([^\s:\uff1a<>\[\]{}\"][^:\uff1a<>\[\]{}\"]{0,59}?)\s*(?::(?:\s+|$)|\uff1a\s*)")
# Sentence punctuation, ASCII or as CJK input methods type it ("，？！；、。"): not in a name.
_NOT_IN_NAMES = re.compile(r"[,;!?*=/\\|\uff0c\uff1b\uff01\uff1f\uff0a\uff1d\uff0f\uff5c\u3001\u3002]")
# A cue's text starting with "Name: " names its speaker by convention, so a cue's speaker may be
# "Whitfield, Dana", "Dana (she/her)" or "Dana | Acme Corp"; only sentence punctuation is refused.
_NOT_IN_CUE_NAMES = re.compile(r"[;!?*=\\\uff0c\uff1b\uff01\uff1f\uff0a\uff1d\u3001\u3002]")
# WhisperX's diarised SRT: "[SPEAKER_00]: text".
_BRACKETED = re.compile(r"^\s*\[([^\[\]:\uff1a]{1,60})\]\s*:(?:\s+|$)")
_SLASH_IN_A_WORD = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")  # "Mom/Dad", "(she/her)"
# Prose also puts a comma before a colon ("Well, honestly: I did send it."), so a cue name with a
# comma, or of more than four words, must also read as a name (see _reads_as_prose).
_NAME_WORDS = 4
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "(she/her)", "[host]"
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
# Words that open or fill a sentence and are (almost) never part of someone's display name.
_PROSE_TEXT = """
    a about actually ah all also although am an and anyway are as at basically be because been
    but can could did does don't first for had has have he her here hey hi his honestly how
    however i i'm if in is it it's just know let let's like listen look me mean my no nope not now
    of oh ok okay on or our please point really right said say see seriously she should so sorry
    sure than thanks that that's the their then there they thing think this to too uh um was
    wait we well were what when where which who why with would yeah yep yes you your
"""
_PROSE_WORDS = frozenset(_PROSE_TEXT.split())
_NAME_PARTICLES_TEXT = "al bin da das de del della der di do dos du el la le van von y ten ter"
_NAME_PARTICLES = frozenset(_NAME_PARTICLES_TEXT.split())
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character
_DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def split_speaker(
    line: str, *, max_words: int = 4, cue: bool = False
) -> tuple[str, str] | None:
    """Split ``"Name: text"`` into ``("Name", "text")``, or return ``None`` if it has no name.

    A name is at most ``max_words`` words and 60 characters without sentence punctuation, and
    the colon is followed by a space or the end of the line (so ``https://`` and ``10:30`` are
    not names). A slash between letters (``Mom/Dad``, ``(she/her)``) is allowed; with
    ``cue=True`` (the text of a VTT or SRT cue) commas and ``|`` are too (``Whitfield, Dana``),
    unless the name reads as the start of a sentence (``Well, honestly: I did send it.``), and
    the name may be in square brackets, as WhisperX writes it (``[SPEAKER_00]: text``).

    >>> split_speaker("Dr. Ruiz: Where did you just go?")
    ('Dr. Ruiz', 'Where did you just go?')
    >>> split_speaker("and then she said, honestly: whatever") is None
    True
    """
    match = (_BRACKETED.match(line) if cue else None) or _PREFIX.match(line)
    if match is None:
        return None
    name = clean_name(match.group(1))  # a right-to-left chat copied out starts lines with U+200F
    refused = _NOT_IN_CUE_NAMES if cue else _NOT_IN_NAMES
    if not name or len(name.split()) > max_words or refused.search(_SLASH_IN_A_WORD.sub("", name)):
        return None
    if cue and _reads_as_prose(name):
        return None
    return name, line[match.end() :].strip()


def _reads_as_prose(name: str) -> bool:
    """Whether a cue's ``Name:`` prefix is more likely the start of a sentence than a name.

    Only a name with a comma or of more than four words is questioned: those are where names
    and prose overlap. ``"Whitfield, Dana"``, ``"de la Cruz, María (she/her)"`` and
    ``"whitfield, dana"`` read as names; ``"Well, honestly"``, ``"Look, Sam"`` and
    ``"So here is the thing"`` read as prose: they hold a word that opens or fills a sentence,
    mix capitalised words with lower-case ones, or are too long for a name.

    >>> _reads_as_prose("Whitfield, Dana"), _reads_as_prose("Well, honestly")
    (False, True)
    """
    person = _ASIDE.sub(" ", name.split("|", 1)[0])  # "| Acme Corp" is a company tag
    words = [  # pronouns ("she/her") and pairs ("Mom/Dad") are not counted
        word for token in person.replace(",", " ").split() if "/" not in token
        for word in _WORD.findall(token)
    ]
    if "," not in name and len(words) <= _NAME_WORDS:
        return False
    if any(word.lower().replace("\u2019", "'").rstrip(".") in _PROSE_WORDS for word in words):
        return True
    if "," not in name:
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _NAME_PARTICLES]
    capitalised = [w for w in words if w[0].isupper()]
    return len(words) > _NAME_WORDS or bool(lower and capitalised)


def clean_name(name: str) -> str:
    """A speaker name without direction marks and surrounding space."""
    return name.strip().strip(_DIRECTION_MARKS).strip()


class Names:
    """Interns speaker names so that thousands of turns share one string per speaker."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        return self._names.setdefault(name, name)


def whole_name(name: str) -> str:
    """A file name with each byte that is not UTF-8 shown as U+FFFD, as a conversation's
    ``source`` and ``id`` hold it: Python reads such a byte into half of a character (a lone
    surrogate), which JSON could only write as an escape that strict parsers refuse. Error
    messages keep the name as given, so that the terminal shows the file the user named.

    >>> whole_name("na\\udcffme.txt") == "na\\ufffdme.txt"
    True
    """
    return _LONE_SURROGATE.sub("\ufffd", name)


def default_id(name: str) -> str:
    """A conversation id from a source name: the file stem, or ``stdin``."""
    if name.startswith("<"):
        return name.strip("<>")
    path = Path(whole_name(name))
    return path.stem or path.name or "conversation"


def finish(
    turns: Sequence[Turn], *, source: str, format: str, id: str | None = None, expected: str,
    left: Sequence[Leave] = (),
) -> Conversation:
    """Wrap the turns in a ``Conversation``; refuse a source that held no turns at all."""
    if not turns:
        raise FormatError(f"no turns found: expected {expected}", source=source)
    return Conversation(
        id=id or default_id(source), turns=tuple(turns), source=whole_name(source), format=format,
        left=tuple(left),
    )


def quote(line: str, limit: int = 60) -> str:
    """A line as shown in an error message: stripped, shortened, quoted."""
    text = line.strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def single(conversations: Iterator[Conversation], *, source: str) -> Conversation:
    """The one conversation a source holds; refuse a source that holds several."""
    try:
        first = next(conversations, None)
        if first is None:
            raise FormatError("no conversations found", source=source)
        second = next(conversations, None)
    finally:
        close = getattr(conversations, "close", None)
        if close is not None:
            close()  # a generator holding a file closes it now
    if second is not None:
        raise FormatError(
            f"expected one conversation, found several ({first.id!r}, {second.id!r}, ...); "
            "pass a file holding a single conversation, or analyse them all with "
            "`mend batch FILE --out RESULTS.jsonl` (in Python: mendkit.io.iter_conversations())",
            source=source,
        )
    return first


Group = tuple[str | None, list[Turn]]
"""A conversation id (``None`` when the source gives none) and its turns."""


class Grouper:
    """Splits a stream of turns tagged with conversation ids into conversations.

    Each conversation's turns must be together: an id that comes back after another
    conversation is an error, so a huge file never needs to be held in memory to be grouped.
    """

    def __init__(self, source: str) -> None:
        self._source = source
        self._seen: set[str | None] = set()
        self._current: str | None = None
        self.turns: list[Turn] = []

    def switch(self, conversation_id: str | None, line: int) -> Group | None:
        """Announce the conversation of the next turn; returns the one just finished, if any."""
        if self.turns and conversation_id == self._current:
            return None
        if conversation_id in self._seen:
            raise FormatError(
                f"conversation {conversation_id!r} continues here after other conversations; "
                "expected the turns of each conversation to be together (sort the file by "
                "conversation id)",
                source=self._source, line=line,
            )
        self._seen.add(conversation_id)
        finished = self.close()
        self._current = conversation_id
        return finished

    def close(self) -> Group | None:
        """The conversation being collected, if it has turns; starts a new one."""
        if not self.turns:
            return None
        finished = (self._current, self.turns)
        self.turns = []
        return finished
