"""SubRip (``.srt``) subtitles with the speaker's name inside the cue text.

Cues are numbered, timed ``00:00:01,000 --> 00:00:04,000`` and hold ``Name: text``. A cue without
a name continues the previous speaker's turn; the first cue must name its speaker. WhisperX's
diarised ``[SPEAKER_00]: text`` names ``SPEAKER_00``. Dialogue dashes (``- Ana: ...``) and simple
tags (``<i>``) are removed.
"""

from __future__ import annotations

import html
import re

from mendkit.io._common import finish, split_speaker
from mendkit.io._cues import NAMES_HINT, CueTurns, iter_cues
from mendkit.io._source import TextSource
from mendkit.model.conversation import Conversation

EXPECTED = "numbered cues whose text starts with 'Name: ', for example 'Ana: I waited an hour.'"
EXAMPLE = "00:00:01,000 --> 00:00:04,000"

_DIALOGUE_DASH = re.compile(r"^-\s+")
_DASH_HINT = (
    ". A dash at the start of a cue's line marks a new speaker without naming them: put each "
    "speaker's name after the dash ('- Ana: I waited an hour.')"
)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")


def read_srt(source: TextSource, *, merge: bool = False) -> Conversation:
    """Read an SRT file whose cues name their speakers."""
    builder = CueTurns(source=source.name, merge=merge, expected=EXPECTED, hint=NAMES_HINT)
    for cue in iter_cues(source.lines(), source=source.name, example=EXAMPLE, skip_block=_never):
        for line in cue.payload:
            text = html.unescape(_TAG.sub("", line.text)).strip()
            dashed = _DIALOGUE_DASH.match(text) is not None
            text = _DIALOGUE_DASH.sub("", text)
            named = split_speaker(text, max_words=6, cue=True)
            speaker, said = named if named is not None else (None, text)
            builder.add(speaker, said, cue, line.number, hint=_DASH_HINT if dashed else "")
    return finish(builder.finish(), source=source.name, format="srt", expected=EXPECTED)


def _never(_first_line: str) -> bool:
    return False
