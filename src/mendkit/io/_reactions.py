"""Tapbacks and reactions that phones write into a chat as a message of their own.

An iPhone sends a reaction to a phone that cannot show it as text quoting the message
(``Liked “see you at 8”``, ``Laughed at “…”``, ``Reacted 😢 to “…”``, ``Loved an image``), and
Android phones write ``Sam reacted ❤️ to "…"`` or ``reacted 👍 to your message``. The quoted words
are the other person's, so a reaction is read as a short turn of its own: the reaction's emoji
alone (``Loved`` is ❤️, ``Liked`` 👍, ``Disliked`` 👎, ``Laughed at`` 😂, ``Emphasized`` ‼️,
``Questioned`` ❓). A reaction taken back (``Removed a heart from “…”``) becomes no text, and the
chat readers drop it.
"""

from __future__ import annotations

import re

_TAPBACKS = {
    "loved": "\u2764\ufe0f", "liked": "\U0001f44d", "disliked": "\U0001f44e",
    "laughed at": "\U0001f602", "emphasized": "\u203c\ufe0f", "emphasised": "\u203c\ufe0f",
    "questioned": "\u2753",
}
_QUOTED = "[\"\u201c\u201e\u00ab].*[\"\u201d\u00bb]"  # the whole quoted message, to the end
_THING = (r"(?:an? (?:image|photo|picture|video|movie|message|sticker|gif|attachment|link|"
          r"audio message|voice message|location|contact|file|document))")
_TAPBACK = re.compile(
    rf"^({'|'.join(sorted(_TAPBACKS, key=len, reverse=True))})\s+(?:{_QUOTED}|{_THING})$",
    re.IGNORECASE | re.DOTALL,
)
# "Reacted 😂 to “…”", "Sam reacted ❤️ to "…"", "reacted 👍 to your message": the reaction is
# symbols only (an emoji, with its joiners, skin tones and variation selectors), never a word.
_REACTED = re.compile(
    rf"^(?:[^\W\d_][\w'.-]*\s+){{0,3}}reacted\s+([^\w\s]{{1,16}})\s+to\s+"
    rf"(?:{_QUOTED}|{_THING}|(?:your|a|my|their|his|her) message)$",
    re.IGNORECASE | re.DOTALL,
)
_REMOVED = re.compile(
    rf"^removed (?:an? |the )?(?:like|heart|dislike|laugh|exclamation|question mark|"
    rf"emphasis|reaction|[^\w\s]{{1,16}})(?: reaction)? from\s+(?:{_QUOTED}|{_THING})$",
    re.IGNORECASE | re.DOTALL,
)


def reaction_text(text: str) -> str:
    """The text a turn is read with: a reaction's emoji alone, ``""`` for a reaction taken back,
    and any other text unchanged.

    >>> reaction_text("Loved “im sorry i said that”")
    '❤️'
    >>> reaction_text("Reacted 😢 to “ok”")
    '😢'
    >>> reaction_text("I loved “Dune” but the ending")
    'I loved “Dune” but the ending'
    """
    stripped = text.strip()
    match = _TAPBACK.match(stripped)
    if match is not None:
        return _TAPBACKS[match.group(1).lower()]
    match = _REACTED.match(stripped)
    if match is not None:
        return match.group(1)
    if _REMOVED.match(stripped):
        return ""
    return text
