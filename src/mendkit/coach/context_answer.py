"""The answer to "What is this relationship?": a word or two, never a story taken for one.

A relationship is named in a few words ("family", "my boss", "co-parent (my ex)"). A longer
answer is no relationship, even when a word in it names one ("My dad and I argued about money
and I walked out"): the question is asked again. When the answer is plainly the story, it is
kept for the next question, "What happened?", where Enter takes it, and the person is told so.
"""

from __future__ import annotations

import re
from typing import Final

# A session setting: the story typed at the relationship question, kept for "What happened?".
STORY_KEPT: Final = "story_kept"

# The most words an answer naming a relationship has ("she is my ex and co-parent").
_MOST_WORDS: Final = 6
# The fewest words of an answer that is plainly the story.
_STORY_WORDS: Final = 8

# Said when the story is kept; the relationship question is asked again after it.
KEPT_NOTE: Final = (
    "That sounds like what happened, so I've kept it for the next question, where you can use "
    "it as it is. First, in a word or two, what is this relationship to you?")


def words(text: str) -> int:
    return len(re.findall(r"[\w'-]+", text))


def too_long(text: str) -> bool:
    """Whether ``text`` is too long to be the name of a relationship.

    >>> too_long("co-parent (my ex)"), too_long("My dad and I argued about money last night")
    (False, True)
    """
    return words(text) > _MOST_WORDS


def is_story(text: str) -> bool:
    """Whether ``text`` is plainly the story rather than a relationship: long enough to tell
    what happened."""
    return words(text) >= _STORY_WORDS


def with_kept_story(prompt: str, story: str) -> str:
    """The "What happened?" question, with the story kept from the relationship question."""
    return f"{prompt} You wrote this earlier: \"{story}\" Press Enter to use it, or write it again."


def kept_with(kept: str, more: str) -> str:
    """The story kept so far with ``more`` (a further line typed at the relationship question)
    added on a line of its own: the earlier lines are never lost.

    >>> kept_with("", "Riley told me they're nonbinary.")
    "Riley told me they're nonbinary."
    >>> kept_with("Riley told me.", "Me: It's just a phase, love.")
    "Riley told me.\nMe: It's just a phase, love."
    """
    return f"{kept}\n{more}" if kept else more
