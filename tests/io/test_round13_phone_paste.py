"""Round thirteen: chats copied from a phone into a text file.

Read receipts ("Read 10:42", "Delivered", "Seen") are not speakers and not part of a message;
a time next to a name in a chat paste is a clock time, so ten past to half past is twenty
minutes, not twenty seconds, and a chat that runs past midnight goes on forward; "Note:" or
"PS:" at the start of a line inside a message is part of that message, not a new speaker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mendkit
from mendkit.io import load_conversation
from mendkit.io.detect import sniff

MINUTE = 60.0
HOUR = 3600.0


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _turns(tmp_path: Path, text: str, name: str = "chat.txt") -> list[tuple[str, str, float | None]]:
    return [(t.speaker, t.text, t.start) for t in load_conversation(_write(tmp_path, name, text)).turns]


# --- receipts and clock times in the "Name 10:31" over the text layout --------------------------

DAD_PASTE = """Dad 18:05
Are you coming on Saturday or not

Me 18:09
probably not, work is mad

Dad 18:10
You said that last month too. Your sister always makes the time.

Read 18:12

Me 18:33
You're right, I'm sorry. I've let this slide and that's on me.

Delivered

Dad 18:40
Thank you. That means a lot.

Seen
"""


def test_receipt_lines_are_neither_speakers_nor_message_text(tmp_path: Path) -> None:
    turns = _turns(tmp_path, DAD_PASTE)
    assert [speaker for speaker, _, _ in turns] == ["Dad", "Me", "Dad", "Me", "Dad"]
    texts = [text for _, text, _ in turns]
    assert texts[3] == "You're right, I'm sorry. I've let this slide and that's on me."
    assert texts[4] == "Thank you. That means a lot."
    assert not any(word in text for text in texts for word in ("Read", "Delivered", "Seen"))


def test_a_time_next_to_a_name_in_a_chat_paste_is_a_clock_time(tmp_path: Path) -> None:
    starts = [start for _, _, start in _turns(tmp_path, DAD_PASTE)]
    assert starts == [0.0, 4 * MINUTE, 5 * MINUTE, 28 * MINUTE, 35 * MINUTE]


def test_episode_time_to_repair_is_counted_in_minutes(tmp_path: Path) -> None:
    analysis = mendkit.analyze(_write(tmp_path, "dad.txt", DAD_PASTE), mode="rules")
    assert [t.speaker for t in analysis.turns] == ["Dad", "Me", "Dad", "Me", "Dad"]
    timed = [e for e in analysis.episodes if e.seconds_to_repair is not None]
    assert timed, analysis.episodes
    # the complaint at 18:10, the apology at 18:33
    assert timed[0].seconds_to_repair == 23 * MINUTE


IPHONE_PASTE = """Yesterday 23:52

Jo 23:52
are you still up? I can't stop thinking about what you said at dinner

Read Yesterday

Today 00:03

Sam 00:03
I'm up. I was harsh at dinner and I'm sorry

Jo 00:09
ok
Seen at 00:10
"""


def test_an_iphone_paste_with_day_lines_runs_on_past_midnight(tmp_path: Path) -> None:
    turns = _turns(tmp_path, IPHONE_PASTE)
    assert [(speaker, text) for speaker, text, _ in turns] == [
        ("Jo", "are you still up? I can't stop thinking about what you said at dinner"),
        ("Sam", "I'm up. I was harsh at dinner and I'm sorry"),
        ("Jo", "ok"),
    ]
    assert [start for _, _, start in turns] == [0.0, 11 * MINUTE, 17 * MINUTE]


def test_a_chat_past_midnight_without_day_lines_goes_forward(tmp_path: Path) -> None:
    text = "Ana 23:58\nwhere are you\n\nBen 00:03\nalmost home, sorry\n\nAna 00:20\nok\n"
    assert [start for _, _, start in _turns(tmp_path, text)] == [0.0, 5 * MINUTE, 22 * MINUTE]


def test_a_day_in_the_header_counts_whole_days(tmp_path: Path) -> None:
    text = (
        "Kim Mon 10:31\nYou forgot my birthday.\n\n"
        "Lee Tue 09:01\nI know. I'm so sorry.\n\n"
        "Kim Tue 09:15\nThanks for saying it\n"
    )
    turns = _turns(tmp_path, text)
    assert [speaker for speaker, _, _ in turns] == ["Kim", "Lee", "Kim"]
    assert [start for _, _, start in turns] == [0.0, 22.5 * HOUR, 22.5 * HOUR + 14 * MINUTE]


ANDROID_PASTE = """Mum • 11:58 AM
Did you book the train?

Me • 11:59 AM
not yet
Sent

Mum • 12:03 PM
Honestly. You never plan anything.
Seen

Me • 1:15 PM
Sorry Mum, you're right. I'll book it now.
Delivered
"""


def test_an_android_paste_with_twelve_hour_times(tmp_path: Path) -> None:
    turns = _turns(tmp_path, ANDROID_PASTE)
    assert [(speaker, text) for speaker, text, _ in turns] == [
        ("Mum", "Did you book the train?"),
        ("Me", "not yet"),
        ("Mum", "Honestly. You never plan anything."),
        ("Me", "Sorry Mum, you're right. I'll book it now."),
    ]
    assert [start for _, _, start in turns] == [0.0, MINUTE, 5 * MINUTE, 77 * MINUTE]


def test_a_deleted_message_keeps_its_turn_but_not_the_marker(tmp_path: Path) -> None:
    text = (
        "Ana 21:10\nWhy didn't you call\n\nBen 21:12\nThis message was deleted\n\n"
        "Ben 21:13\nsorry, I fell asleep\nEdited\n"
    )
    turns = _turns(tmp_path, text)
    assert [(speaker, text) for speaker, text, _ in turns] == [
        ("Ana", "Why didn't you call"),
        ("Ben", ""),
        ("Ben", "sorry, I fell asleep"),
    ]


def test_a_one_word_message_that_looks_like_a_receipt_is_kept(tmp_path: Path) -> None:
    # "Sent" alone as the whole message is what the person wrote; after text it is a receipt.
    text = "Ana 09:00\nDid you send the form?\n\nBen 09:02\nSent\nDelivered\n"
    assert [(s, t) for s, t, _ in _turns(tmp_path, text)] == [
        ("Ana", "Did you send the form?"),
        ("Ben", "Sent"),
    ]


def test_a_day_word_as_a_message_is_text(tmp_path: Path) -> None:
    text = "Ana 09:00\nWhen did you tell her?\n\nBen 09:02\nYesterday\n\nAna 09:03\nok\n"
    assert [(s, t) for s, t, _ in _turns(tmp_path, text)] == [
        ("Ana", "When did you tell her?"),
        ("Ben", "Yesterday"),
        ("Ana", "ok"),
    ]


def test_a_phone_paste_on_stdin_is_sniffed_as_text() -> None:
    assert sniff(IPHONE_PASTE) == "text"
    assert sniff(ANDROID_PASTE) == "text"


# --- receipts and "Note:" lines in a 'Name: text' paste ---------------------------------------

COMPLAINT = "Alex: You promised you would call my mum and you did not.\nSam: ok\n"


def test_a_receipt_under_a_message_is_dropped(tmp_path: Path) -> None:
    turns = _turns(tmp_path, COMPLAINT + "Read 10:42\nAlex: Fine.\n")
    assert [(s, t) for s, t, _ in turns] == [
        ("Alex", "You promised you would call my mum and you did not."),
        ("Sam", "ok"),
        ("Alex", "Fine."),
    ]


def test_a_receipt_does_not_change_what_a_reply_is_read_as(tmp_path: Path) -> None:
    with_receipt = mendkit.analyze(
        _write(tmp_path, "a.txt", COMPLAINT + "Read 10:42\nAlex: Fine.\n"), mode="rules"
    )
    without = mendkit.analyze(_write(tmp_path, "b.txt", COMPLAINT + "Alex: Fine.\n"), mode="rules")
    assert with_receipt.turns[1].text == "ok"
    assert with_receipt.turns[1].labels == without.turns[1].labels
    assert "rupture.withdrawal" in with_receipt.turns[1].labels


NOTE_PASTE = """Priya: I need to say something about Sunday.
You left me to explain to everyone why you weren't there.
Note: I'm not upset that you were tired, I'm upset that you said it was my idea.
Tom: ok
Priya: That's all?
"""


def test_a_note_line_inside_a_message_is_not_a_speaker(tmp_path: Path) -> None:
    turns = _turns(tmp_path, NOTE_PASTE)
    assert [s for s, _, _ in turns] == ["Priya", "Tom", "Priya"]
    assert turns[0][1] == (
        "I need to say something about Sunday.\n"
        "You left me to explain to everyone why you weren't there.\n"
        "Note: I'm not upset that you were tired, I'm upset that you said it was my idea."
    )


@pytest.mark.parametrize("word", ["PS", "P.S.", "Ps", "Edit", "Update", "Also", "Btw", "NB", "note"])
def test_an_aside_word_with_a_colon_continues_the_message(tmp_path: Path, word: str) -> None:
    text = (
        f"Ana: Thanks for last night.\n{word}: you left your scarf here\nmore on that later\n"
        "Ben: Oh no, I'll pick it up\n"
    )
    turns = _turns(tmp_path, text)
    assert [(s, t) for s, t, _ in turns] == [
        ("Ana", f"Thanks for last night.\n{word}: you left your scarf here\nmore on that later"),
        ("Ben", "Oh no, I'll pick it up"),
    ]


def test_an_aside_word_used_as_a_speaker_throughout_stays_a_speaker(tmp_path: Path) -> None:
    # A bot called "Update" posting between different people is a speaker of its own.
    text = (
        "Ana: Is the build fixed?\nUpdate: deploy 41 finished\nBen: Looks good\n"
        "Update: deploy 42 failed\nAna: Ugh, again?\n"
    )
    assert [s for s, _, _ in _turns(tmp_path, text)] == ["Ana", "Update", "Ben", "Update", "Ana"]


def test_an_aside_word_speaker_in_a_two_person_dialogue_stays_a_speaker(tmp_path: Path) -> None:
    text = "Ana: hi\nNote: hello Ana\nAna: how are you\nNote: fine thanks\nAna: good\n"
    assert [s for s, _, _ in _turns(tmp_path, text)] == ["Ana", "Note", "Ana", "Note", "Ana"]


def test_a_deleted_message_in_a_plain_paste_keeps_an_empty_turn(tmp_path: Path) -> None:
    text = "Ana: Where were you?\nBen: This message was deleted\nBen: Sorry, at work\n"
    assert [(s, t) for s, t, _ in _turns(tmp_path, text)] == [
        ("Ana", "Where were you?"),
        ("Ben", ""),
        ("Ben", "Sorry, at work"),
    ]


def test_clock_times_before_the_name_in_a_plain_paste(tmp_path: Path) -> None:
    text = "[10:31 PM] Ana: you never listen\n[11:04 PM] Ben: I'm sorry, you're right\n"
    assert [start for _, _, start in _turns(tmp_path, text)] == [0.0, 33 * MINUTE]


# --- other formats read as before ---------------------------------------------------------------


def test_otter_minutes_and_seconds_stay_offsets(tmp_path: Path) -> None:
    text = "Speaker 1  0:05\nso um we need to talk\nRead the report\n\nSpeaker 2  0:09\nokay\n"
    assert _turns(tmp_path, text) == [
        ("Speaker 1", "so um we need to talk\nRead the report", 5.0),
        ("Speaker 2", "okay", 9.0),
    ]


def test_bracketed_media_offsets_stay_offsets(tmp_path: Path) -> None:
    text = "[00:00:04] Ana: hi\n[00:10:31] Ben: hello\n"
    assert [start for _, _, start in _turns(tmp_path, text)] == [4.0, 631.0]


def test_subtitle_cue_times_are_media_offsets(tmp_path: Path) -> None:
    srt = "1\n00:10:31,000 --> 00:10:33,000\nAna: Note: hi\n\n2\n00:10:58,000 --> 00:11:00,000\nBen: ok\n"
    vtt = "WEBVTT\n\n00:10:31.000 --> 00:10:33.000\nAna: hi\n\n00:10:58.000 --> 00:11:00.000\nBen: ok\n"
    for name, text in (("s.srt", srt), ("v.vtt", vtt)):
        turns = load_conversation(_write(tmp_path, name, text)).turns
        assert [(t.speaker, t.start) for t in turns] == [("Ana", 631.0), ("Ben", 658.0)]


def test_a_whatsapp_export_is_read_as_before(tmp_path: Path) -> None:
    text = (
        "[27/11/2026, 23:58:00] Ana: where are you\nNote: the door is locked\n"
        "[28/11/2026, 00:03:00] Ben: almost home\n"
    )
    conversation = load_conversation(_write(tmp_path, "wa.txt", text))
    assert conversation.format == "whatsapp"
    assert [(t.speaker, t.text, t.start) for t in conversation.turns] == [
        ("Ana", "where are you\nNote: the door is locked", 0.0),
        ("Ben", "almost home", 300.0),
    ]


def test_twelve_hour_times_without_am_pm_go_on_past_noon(tmp_path: Path) -> None:
    text = (
        "Ana 11:50\nyou never call\n\nBen 12:10\nI'm sorry\n\nAna 1:05\nok\nRead 1:06\n\nBen 1:04\nthanks\n"
    )
    assert [start for _, _, start in _turns(tmp_path, text)] == [
        0.0,
        20 * MINUTE,
        75 * MINUTE,
        75 * MINUTE,
    ]  # a step back of a minute counts as no time


def test_lines_that_only_look_like_receipts_stay_in_the_message(tmp_path: Path) -> None:
    body = "Here's the contract\nRead by Friday\nsent at 10:30\nI think he unsent a message"
    text = f"Ana: {body}\nBen: ok\n"
    assert [(s, t) for s, t, _ in _turns(tmp_path, text)] == [("Ana", body), ("Ben", "ok")]


def test_a_readers_name_and_a_day_in_a_receipt_are_dropped_with_it(tmp_path: Path) -> None:
    text = "Ana: Are you coming?\nSeen by Ben Yesterday 21:04\nBen: Yes, sorry\nRead Today\n"
    assert [(s, t) for s, t, _ in _turns(tmp_path, text)] == [
        ("Ana", "Are you coming?"),
        ("Ben", "Yes, sorry"),
    ]


def test_a_note_under_the_first_name_and_time_is_part_of_the_message(tmp_path: Path) -> None:
    text = "Mum 10:31\u202fAM\r\nPS: bring the cake\r\n\r\nMe 10:40\u202fAM\r\nok\r\n"
    assert _turns(tmp_path, text) == [("Mum", "PS: bring the cake", 0.0), ("Me", "ok", 9 * MINUTE)]
