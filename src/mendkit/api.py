"""The public Python API: ``analyze``, ``check`` and ``load_conversation``."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mendkit._unicode import has_lone_surrogate
from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.analysis.safety import DEFAULT_REGION, resources_for
from mendkit.errors import InvalidInputError
from mendkit.model import Analysis, CheckResult, Conversation

if TYPE_CHECKING:
    from mendkit.models.personal import PersonalHeads

MAX_MESSAGE = 20_000
"""The longest message, in characters, that ``mend check``, ``POST /api/check`` and the web
Check page take, and the longest message of its context there: about 3,000 words, checked in
about a second (a 6 MB one took most of a minute and nearly 1 GB)."""
MAX_CONTEXT = 20
"""The most messages of context they take."""


def too_long(what: str, size: int) -> str:
    """What the drivers say of a message over ``MAX_MESSAGE``: the limit and its size.

    >>> too_long("The message", 20_001).split(". ")[0]
    'The message has 20,001 characters; Mend checks up to 20,000 characters at a time'
    """
    return (f"{what} has {size:,} characters; Mend checks up to {MAX_MESSAGE:,} characters at "
            "a time. Shorten it, or check it in parts.")


def load_conversation(
    source: str | Path, *, format: str | None = None, encoding: str | None = None,
    merge: bool = True,
) -> Conversation:
    """Read a conversation from a file, a folder (Slack, ConvoKit) or ``"-"`` (stdin).

    The format comes from the extension, from the content, or from ``format``. In a VTT or SRT
    transcript, consecutive cues by the same speaker are one turn (a captioner cuts one person's
    speech into several cues), which starts when its first cue starts; ``merge=False`` keeps one
    turn per cue. A path that is empty or missing, an empty file, an unknown ``format``, an
    encoding that does not fit or a ``merge`` that is not a bool raises
    ``InvalidInputError``; a line that does not follow the format raises ``FormatError`` (an
    ``InvalidInputError`` too), naming the file and the line. Both are ``MendError``s.
    """
    from mendkit.io import load_conversation as _load

    if isinstance(source, str) and not source.strip():
        raise InvalidInputError('expected the path of a conversation; the path is empty (use "-" '
                                "for stdin)")
    return _load(source, format=format, encoding=encoding, merge=merge)


def analyze(
    conversation: Conversation | str | Path,
    *,
    mode: Mode = "full",
    region: str = DEFAULT_REGION,
    format: str | None = None,
    personal: PersonalHeads | None = None,
) -> Analysis:
    """Analyse a conversation (or the path of one): labels with evidence per turn, episodes, safety.

    ``mode`` is ``"full"`` (the rules and the shipped classifier) or ``"rules"`` (rules only).
    ``region`` picks the crisis resources: ``"default"`` or a country code such as ``"US"`` or
    ``"GB"``. ``personal`` is a person's refitted heads from ``mend train`` (see
    ``mendkit.models.personal``).

    ``safety.kinds`` are the crisis subtypes the rules found (``suicide``, ``abuse_danger``...). A
    crisis only the classifier raised has no subtype, so its ``kinds`` is empty, and the
    resources then cover every kind.

    Raises ``ConfigError`` for a region Mend has no resources for (checked first, whatever the
    conversation holds); ``InvalidInputError`` for an unknown ``mode``, a conversation that is
    not a ``Conversation`` or a path, or one holding half of a character; and, for a path,
    whatever ``load_conversation`` raises (``InvalidInputError``, ``FormatError``). All are
    ``MendError``s.

    >>> from mendkit import Conversation, analyze
    >>> a = analyze(Conversation.from_turns([("Ana", "You never listen."), ("Ben", "Fine.")]))
    >>> a.turns[1].labels
    ('rupture.withdrawal',)
    """
    resources_for(region)  # a wrong region fails on the first call, not on the first crisis
    _check_personal(personal)
    if isinstance(conversation, Conversation):
        for turn in conversation.turns:
            if has_lone_surrogate(turn.speaker) or has_lone_surrogate(turn.text):
                raise InvalidInputError(f"expected turn {turn.index} to be whole characters; "
                                        f"found half of one{_HALF}")
    elif isinstance(conversation, (str, os.PathLike)):
        conversation = load_conversation(conversation, format=format)
    else:
        raise InvalidInputError("expected a Conversation or the path of one, got "
                                f"{type(conversation).__name__}")
    return analyze_conversation(conversation, mode=mode, region=region, personal=personal)


def check(
    text: str,
    *,
    region: str = DEFAULT_REGION,
    context: Sequence[str] = (),
    mode: Mode = "full",
    personal: PersonalHeads | None = None,
) -> CheckResult:
    """Score one message as a repair: labels, ``repair_quality``, issues with rewrites, and risk.

    ``context`` holds the messages before it (the other person's, most recent last), if any; a
    single ``str`` counts as one message. The context is screened for crisis signs too: when it
    shows them, ``risk.crisis`` and ``risk.in_context`` are true, the resources are given, and
    the reply is not coached. ``mode`` is ``"full"`` (the rules and the shipped
    classifier) or ``"rules"`` (rules only); ``region`` picks the crisis resources, as in
    ``analyze``. ``personal`` is a person's refitted heads (``mendkit.models.personal.load(home)``),
    if any. The message (and each message of the context) is checked as ``mend check`` and the
    web app check it: line breaks as ``\\n``, without the whitespace around it. The result's
    ``text`` is the ``text`` given, and every ``start``/``end`` points into it (a ``"\\r\\n"``
    is two characters there, as the caller counts them).

    Like ``mend check``, an empty message, one that is not a ``str``, one holding half of a
    character, context that is not a sequence of ``str`` or an unknown ``mode`` raises
    ``InvalidInputError``; a region Mend has no resources for raises ``ConfigError``, whatever
    the message says. Both are ``MendError``s.

    >>> import mendkit
    >>> mendkit.check("I'm sorry I snapped at you.", mode="rules").components["ownership"]
    True
    """
    from mendkit.critic import critique

    resources_for(region)  # a wrong region fails on the first call, not on the first crisis
    _check_personal(personal)
    if not isinstance(text, str):
        raise InvalidInputError(f"expected the message as a str, got {type(text).__name__}")
    if _blank(text):
        raise InvalidInputError("expected a message to check, got an empty one")
    if isinstance(context, str):
        context = (context,)
    if not isinstance(context, Sequence) or not all(isinstance(c, str) for c in context):
        raise InvalidInputError("expected context as a sequence of messages (str, most recent "
                                f"last), got {_described(context)}")
    for what, value in (("the message", text), *(("context", c) for c in context)):
        if has_lone_surrogate(value):
            raise InvalidInputError(f"expected {what} to be whole characters; found half of "
                                    f"one{_HALF}")
    checked, where = _checked_with_offsets(text)
    result = critique(checked, region=region, context=tuple(_as_checked(c) for c in context),
                      mode=mode, personal=personal)
    return _in_original(result, text, where)


def _as_checked(text: str) -> str:
    """The one form of a message that every surface checks (the API, ``mend check`` and the web
    alike), so that ``text`` and every offset are the same wherever it was typed: line breaks as
    ``\\n`` (as ``analyze`` reads them), and no byte order mark or whitespace around it."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip().lstrip("\ufeff").strip()


def _checked_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``_as_checked(text)``, and where each of its characters came from in ``text``: the
    ``(start, end)`` it replaced there (``"\\r\\n"`` is one ``"\\n"`` two characters long).

    >>> _checked_with_offsets(" a\\r\\nb")
    ('a\\nb', [(1, 2), (2, 4), (4, 5)])
    """
    if "\r" not in text:  # most messages: each character stands for itself
        checked = _as_checked(text)
        first = text.find(checked) if checked else 0
        return checked, [(i, i + 1) for i in range(first, first + len(checked))]
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        size = 2 if text.startswith("\r\n", i) else 1
        chars.append("\n" if text[i] == "\r" else text[i])
        where.append((i, i + size))
        i += size
    checked = _as_checked("".join(chars))
    first = "".join(chars).find(checked) if checked else 0
    return checked, where[first:first + len(checked)]


def _in_original(result: CheckResult, original: str, where: Sequence[tuple[int, int]]) -> CheckResult:
    """``result`` with ``text`` as the caller sent it and every span pointing into it (the
    analysis read the checked form, ``_checked_with_offsets``)."""
    def start(at: int) -> int:
        return where[at][0] if at < len(where) else (where[-1][1] if where else 0)

    def end(at: int) -> int:
        return where[at - 1][1] if at > 0 else start(0)

    evidence = tuple(replace(e, start=start(e.start), end=max(start(e.start), end(e.end)),
                             text=original[start(e.start):max(start(e.start), end(e.end))])
                     for e in result.evidence)
    issues = tuple(replace(i, start=start(i.start), end=max(start(i.start), end(i.end)))
                   for i in result.issues)
    return replace(result, text=original, evidence=evidence, issues=issues)


def _check_personal(personal: object) -> None:
    from mendkit.models.personal import PersonalHeads

    if personal is not None and not isinstance(personal, PersonalHeads):
        raise InvalidInputError("expected personal as PersonalHeads "
                                "(mendkit.models.personal.load(home)), got "
                                f"{type(personal).__name__}")


def _blank(text: str) -> bool:
    """Whether ``text`` shows nothing: whitespace, and the invisible format and control characters
    ``str.strip`` keeps (zero-width space and joiner, byte order mark, direction marks)."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Cc") for c in text)


_HALF = " (a lone surrogate such as \\ud83d, as when an emoji is cut in two)"


def _described(value: object) -> str:
    if isinstance(value, Sequence) and not isinstance(value, str):
        odd = next((c for c in value if not isinstance(c, str)), None)
        return f"a {type(value).__name__} holding a {type(odd).__name__}"
    return type(value).__name__
