"""Small wording helpers the coach's composer and its reading of "my part" share."""

from __future__ import annotations

import re


def lower_first(text: str) -> str:
    """``text`` with a lower-case first letter, unless it starts with "I" ("I'm") or an acronym."""
    if not text or text[:2].isupper() or re.match(r"^I(?:'\w+)?\b", text):
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def strip_lead(pattern: str, text: str) -> str:
    """``text`` without a leading ``pattern`` (and the space after it), case-insensitively."""
    return re.sub(rf"^(?:{pattern})\s+", "", text, flags=re.IGNORECASE)
