"""Whole characters: JSON can escape half of one (``"\\ud83d"``, a lone surrogate, as when an
emoji is cut in two); Python reads it into a string that can then be neither stored nor encoded."""

from __future__ import annotations


def has_lone_surrogate(value: object) -> bool:
    """Whether a parsed JSON value (strings, lists, objects) holds half of a character."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(map(has_lone_surrogate, value))
    return False
