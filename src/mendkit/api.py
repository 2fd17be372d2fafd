"""The public Python API: ``analyze``, ``check`` and ``load_conversation``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.analysis.safety import DEFAULT_REGION
from mendkit.model import Analysis, CheckResult, Conversation

if TYPE_CHECKING:
    from mendkit.models.personal import PersonalHeads


def load_conversation(
    source: str | Path, *, format: str | None = None, encoding: str | None = None
) -> Conversation:
    """Read a conversation from a file, a folder (Slack, ConvoKit) or ``"-"`` (stdin).

    The format comes from the extension, from the content, or from ``format``.
    """
    from mendkit.io import load_conversation as _load

    return _load(source, format=format, encoding=encoding)


def analyze(
    conversation: Conversation | str | Path,
    *,
    mode: Mode = "full",
    region: str = DEFAULT_REGION,
    format: str | None = None,
    personal: PersonalHeads | None = None,
) -> Analysis:
    """Analyse a conversation (or the path of one): labels with evidence per turn, episodes, safety.

    ``personal`` is a person's refitted heads from ``mend train`` (see ``mendkit.models.personal``).

    >>> from mendkit import Conversation, analyze
    >>> a = analyze(Conversation.from_turns([("Ana", "You never listen."), ("Ben", "Fine.")]))
    >>> a.turns[1].labels
    ('rupture.withdrawal',)
    """
    if not isinstance(conversation, Conversation):
        conversation = load_conversation(conversation, format=format)
    return analyze_conversation(conversation, mode=mode, region=region, personal=personal)


def check(
    text: str,
    *,
    region: str = DEFAULT_REGION,
    context: tuple[str, ...] = (),
    mode: Mode = "full",
    personal: PersonalHeads | None = None,
) -> CheckResult:
    """Score one message as a repair: labels, ``repair_quality``, issues with rewrites, and risk.

    ``context`` holds the messages before it (the other person's, most recent last), if any.
    ``personal`` is a person's refitted heads (``mendkit.models.personal.load(home)``), if any.
    """
    from mendkit.critic import critique

    return critique(text, region=region, context=context, mode=mode, personal=personal)
