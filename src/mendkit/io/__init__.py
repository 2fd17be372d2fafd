"""Conversation input and output: readers for every supported format, and writers.

Read with :func:`load_conversation` (one conversation) or :func:`iter_conversations` (corpora
and exports that hold many); the format is chosen by :func:`detect_format` unless ``format=``
names one of :data:`FORMATS`. Every problem with the input is raised as
:class:`~mendkit.errors.InvalidInputError` (often its subclass ``FormatError``) whose ``source``
and ``line`` say where, and whose message says what was expected and what was found.

>>> from mendkit.io import load_conversation  # doctest: +SKIP
>>> load_conversation("session.vtt").speakers  # doctest: +SKIP
"""

from mendkit.io.convokit import write_convokit
from mendkit.io.detect import FORMATS, detect_format
from mendkit.io.loading import iter_conversations, load_conversation
from mendkit.io.writers import write_csv, write_json, write_jsonl

__all__ = [
    "FORMATS",
    "detect_format",
    "iter_conversations",
    "load_conversation",
    "write_convokit",
    "write_csv",
    "write_json",
    "write_jsonl",
]
