"""Round seventeen: speech-to-text transcripts read as people said them.

- A speaker's cues join one turn only across a short pause: after a long silence (here minutes)
  the same speaker starts a new turn, so "whatever" is not swallowed by an apology said later,
  and the repair is timed from the real apology.
- In a transcript written without full stops, merged cues that plainly start a new sentence are
  joined with one, so that the rules read two sentences, while a sentence a captioner cut in two
  ("better off" / "without me") is still read whole.
- WhisperX's diarised SRT (``[SPEAKER_00]: text``) names its speakers; captions without names
  get a hint of what to do.
- Whisper's leading spaces are not kept in the turn's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mendkit
from mendkit.errors import FormatError
from mendkit.io import load_conversation

ZOOM_LONG = """WEBVTT

1
01:59:58.500 --> 02:00:03.000
Alex Morgan: you never listen to me

2
02:00:03.500 --> 02:00:06.000
Chris Park: whatever

3
02:03:10.000 --> 02:03:15.000
Chris Park: okay i'm sorry i i shut down that was on me
"""

# Two cues of one speaker, a sentence each, in a transcript with no punctuation at all.
ZOOM_RUN_ON = """WEBVTT

1
00:02:40.000 --> 00:02:52.500
Sam Rivera: okay um wait i'm sorry i got defensive that was on me i should have said something to your mom

2
00:02:52.900 --> 00:03:00.200
Sam Rivera: you're right that it would feel lonely like that makes sense

3
00:03:00.600 --> 00:03:05.400
Jordan Lee: yeah okay thank you for saying that
"""

# A sentence cut in two by the captioner, as a crisis sentence may be.
ZOOM_CUT = """WEBVTT

1
00:00:21.233 --> 00:00:25.833
Client: like everybody would just be better off

2
00:00:26.333 --> 00:00:29.600
Client: without me you know

3
00:00:30.100 --> 00:00:37.167
Therapist: thank you for telling me that
"""

SRT_LONG = """1
00:00:01,000 --> 00:00:03,000
Ana: fine

2
00:00:40,000 --> 00:00:44,000
Ana: sorry i snapped at you earlier

3
00:00:44,500 --> 00:00:46,000
Ben: thanks
"""

TEAMS_LONG = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Priya Raman>Fine.</v>

00:01:30.000 --> 00:01:34.000
<v Priya Raman>Sorry, I was short with you earlier.</v>

00:01:35.000 --> 00:01:37.000
<v Tom Becker>Thanks for saying that.</v>
"""

WHISPERX_SRT = """1
00:00:01,000 --> 00:00:04,000
[SPEAKER_00]: so you just didn't come to dad's birthday

2
00:00:04,500 --> 00:00:08,000
[SPEAKER_01]: i had work that day

3
00:00:08,300 --> 00:00:10,000
[SPEAKER_01]: i'm sorry
"""

DASH_SRT = """1
00:00:01,000 --> 00:00:04,000
- so um can we talk about the deadline
- sure whatever
"""

NO_SPEAKER_SRT = """1
00:00:01,000 --> 00:00:04,000
so um i think we should talk about the deadline

2
00:00:04,500 --> 00:00:08,000
sure whatever
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pairs(conversation: mendkit.Conversation) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in conversation.turns]


def test_cues_minutes_apart_are_separate_turns(tmp_path: Path) -> None:
    conversation = load_conversation(_write(tmp_path, "long.vtt", ZOOM_LONG))
    assert _pairs(conversation) == [
        ("Alex Morgan", "you never listen to me"),
        ("Chris Park", "whatever"),
        ("Chris Park", "okay i'm sorry i i shut down that was on me"),
    ]
    assert conversation.turns[2].start == pytest.approx(7390.0)


def test_withdrawal_kept_and_repair_timed_from_the_real_apology(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.vtt", ZOOM_LONG)
    for merge in (True, False):
        result = mendkit.analyze(load_conversation(path, merge=merge), mode="rules").to_dict()
        turns = result["turns"]
        assert "rupture.withdrawal" in turns[1]["labels"]
        assert "repair.responsibility" in turns[2]["labels"]
        [episode] = result["episodes"]
        assert episode["seconds_to_repair"] is not None
        assert episode["seconds_to_repair"] > 180


def test_srt_and_teams_split_at_a_long_silence_too(tmp_path: Path) -> None:
    srt = load_conversation(_write(tmp_path, "long.srt", SRT_LONG))
    assert _pairs(srt) == [("Ana", "fine"), ("Ana", "sorry i snapped at you earlier"),
                           ("Ben", "thanks")]
    teams = load_conversation(_write(tmp_path, "long.vtt", TEAMS_LONG))
    assert [t.speaker for t in teams.turns] == ["Priya Raman", "Priya Raman", "Tom Becker"]


def test_a_new_spoken_sentence_in_a_merged_turn_is_read_as_one(tmp_path: Path) -> None:
    conversation = load_conversation(_write(tmp_path, "runon.vtt", ZOOM_RUN_ON))
    sam = conversation.turns[0]
    assert sam.text == (
        "okay um wait i'm sorry i got defensive that was on me i should have said something to "
        "your mom. you're right that it would feel lonely like that makes sense"
    )
    labels = mendkit.analyze(conversation, mode="rules").turns[0].labels
    assert {"repair.responsibility", "repair.validate"} <= set(labels)


def test_a_sentence_cut_by_the_captioner_is_still_read_whole(tmp_path: Path) -> None:
    conversation = load_conversation(_write(tmp_path, "cut.vtt", ZOOM_CUT))
    assert conversation.turns[0].text == "like everybody would just be better off without me you know"
    assert mendkit.analyze(conversation, mode="rules").to_dict()["safety"]["crisis"] is True


def test_punctuated_cues_join_with_a_plain_space(tmp_path: Path) -> None:
    text = """WEBVTT

00:00:01.000 --> 00:00:03.000
Sam: I think what happened last night was

00:00:03.100 --> 00:00:05.000
Sam: really unfair to you. I'm sorry.

00:00:05.100 --> 00:00:07.000
Ana: Thank you.
"""
    conversation = load_conversation(_write(tmp_path, "p.vtt", text))
    assert conversation.turns[0].text == (
        "I think what happened last night was really unfair to you. I'm sorry.")


def test_whisperx_bracketed_speakers_are_names(tmp_path: Path) -> None:
    conversation = load_conversation(_write(tmp_path, "w.srt", WHISPERX_SRT))
    assert _pairs(conversation) == [
        ("SPEAKER_00", "so you just didn't come to dad's birthday"),
        ("SPEAKER_01", "i had work that day. i'm sorry"),
    ]


@pytest.mark.parametrize(("text", "hint"), [
    (DASH_SRT, "after the dash"),
    (NO_SPEAKER_SRT, "--diarize"),
], ids=["dashes", "no-names"])
def test_captions_without_names_get_a_hint(tmp_path: Path, text: str, hint: str) -> None:
    path = _write(tmp_path, "c.srt", text)
    with pytest.raises(FormatError) as caught:
        load_conversation(path)
    message = str(caught.value)
    assert "c.srt" in message and ":3:" in message
    assert hint in message


def test_whisper_leading_spaces_are_not_kept(tmp_path: Path) -> None:
    document = {"turns": [
        {"speaker": "SPEAKER_00", "start": 0.0, "text": " I miss you. I feel like I'm not a priority."},
        {"speaker": "SPEAKER_01", "start": 3.0, "text": " I'm sorry. You're right, that's on me."},
    ]}
    path = _write(tmp_path, "w.json", json.dumps(document))
    conversation = load_conversation(path)
    assert [t.text for t in conversation.turns] == [
        "I miss you. I feel like I'm not a priority.", "I'm sorry. You're right, that's on me."]
    result = mendkit.analyze(conversation, mode="rules").to_dict()
    for turn in result["turns"]:
        for evidence in turn["evidence"]:
            assert turn["text"][evidence["start"]:evidence["end"]] == evidence["text"]
            assert not evidence["text"].startswith(" ")
    jsonl = _write(tmp_path, "w.jsonl", "\n".join(json.dumps(t) for t in document["turns"]))
    assert load_conversation(jsonl).turns[0].text.startswith("I miss")
