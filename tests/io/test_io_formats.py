"""Every supported format and shape reads into the right speakers, texts and times."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit.io import iter_conversations, load_conversation
from mendkit.model.conversation import Conversation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conversations"


def pairs(conversation: Conversation) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in conversation.turns]


def test_plain_text_joins_continuation_lines_and_skips_blank_lines() -> None:
    conversation = load_conversation(FIXTURES / "couple.txt")
    assert conversation.format == "text"
    assert conversation.id == "couple"
    assert [s.id for s in conversation.speakers] == ["Alex", "Jordan"]
    assert len(conversation.turns) == 6
    assert conversation.turns[2].text == (
        "It is to me. I sat up until two\nwondering if something had happened."
    )
    assert conversation.turns[3].text == "Whatever. You always make everything a crisis."
    assert [t.index for t in conversation.turns] == list(range(6))
    assert all(t.start is None for t in conversation.turns)


def test_plain_text_time_prefixes_become_start_seconds() -> None:
    conversation = load_conversation(FIXTURES / "timed.txt")
    assert [t.start for t in conversation.turns] == [4.0, 11.0, 62.0, 90.0]
    assert pairs(conversation)[2] == ("Coach", "Let's take a slow breath before we go back to it.")


def test_zoom_vtt_cues_are_turns_with_cue_times_without_merging() -> None:
    conversation = load_conversation(FIXTURES / "zoom.vtt", merge=False)
    assert conversation.format == "vtt"
    assert [t.speaker for t in conversation.turns] == [
        "Dana Whitfield", "Sam Okafor", "Dana Whitfield",
        "Sam Okafor", "Sam Okafor", "Dana Whitfield",
    ]
    second = conversation.turns[1]
    assert second.text == (
        "You sent it at eleven at night. Nobody could review it before the client call."
    )
    assert (second.start, second.end) == (6.1, 10.4)
    assert conversation.turns[2].text == "Fine."


def test_vtt_consecutive_cues_by_one_speaker_are_one_turn_by_default() -> None:
    conversation = load_conversation(FIXTURES / "zoom.vtt")
    assert len(conversation.turns) == 5
    merged = conversation.turns[3]
    assert merged.speaker == "Sam Okafor"
    assert merged.text == (
        "Hang on. That came out harsher than I meant. "
        "I was panicking about the call, and I took it out on you."
    )
    assert (merged.start, merged.end) == (15.0, 24.5)


def test_teams_vtt_voice_tags_with_and_without_closing_tags() -> None:
    conversation = load_conversation(FIXTURES / "teams.vtt")
    assert pairs(conversation) == [
        ("Priya Raman", "Can we talk about what happened in the standup?"),
        ("Tom Becker", "Nothing happened. I just don't think the estimate is realistic."),
        ("Priya Raman", "You rolled your eyes when I gave it, in front of everyone."),
        ("Tom Becker", "Okay. That wasn't fair to you. "
                       "I'm sorry. I should have raised it with you first."),
    ]
    assert (conversation.turns[0].start, conversation.turns[0].end) == (2.08, 6.32)
    assert (conversation.turns[3].start, conversation.turns[3].end) == (16.6, 23.48)
    assert len(load_conversation(FIXTURES / "teams.vtt", merge=False).turns) == 5


def test_vtt_without_cue_ids_and_with_two_voices_in_one_cue(tmp_path: Path) -> None:
    path = tmp_path / "meeting.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ana>You're late.</v> <v Ben>I know.</v>\n\n"
        "00:03.500 --> 00:05.000\nand I'm sorry\n",
        encoding="utf-8",
    )
    conversation = load_conversation(path)
    assert pairs(conversation) == [("Ana", "You're late."), ("Ben", "I know. and I'm sorry")]
    assert conversation.turns[1].end == 5.0


def test_srt_cue_without_a_name_continues_the_previous_speaker() -> None:
    conversation = load_conversation(FIXTURES / "session.srt")
    assert conversation.format == "srt"
    assert pairs(conversation) == [
        ("Therapist", "Last week you said you felt unheard at home. Has that shifted?"),
        ("Client", "Not really. He says I'm overreacting every time I bring it up. "
                   "And then I just stop talking."),
        ("Therapist", "It sounds like stopping feels safer than arguing."),
        ("Client", "Yes. Safer, but lonelier."),
    ]
    assert (conversation.turns[1].start, conversation.turns[1].end) == (8.2, 15.4)


def test_whatsapp_ios_skips_system_and_media_lines() -> None:
    conversation = load_conversation(FIXTURES / "chat_ios.txt")
    assert conversation.format == "whatsapp"
    assert [t.speaker for t in conversation.turns] == ["Maya", "Jonah", "Maya", "Jonah", "Maya"]
    assert conversation.turns[2].text == (
        "You told me nothing. I cooked and waited.\nI kept checking my phone like an idiot."
    )
    assert conversation.turns[0].timestamp == "2026-11-27T19:02:11"
    assert conversation.turns[0].start == 0.0
    assert conversation.turns[1].start == 38 * 60 - 6
    assert conversation.turns[4].timestamp == "2026-11-28T08:15:00"
    assert all("omitted" not in t.text and "encrypted" not in t.text for t in conversation.turns)


def test_whatsapp_android_month_first_12_hour() -> None:
    conversation = load_conversation(FIXTURES / "chat_android.txt")
    assert pairs(conversation) == [
        ("Lena", "Why did you tell Aunt Rosa about my job before I could?"),
        ("Dad", "I was proud of you. Is that a crime now?"),
        ("Lena", "It was mine to share.\nYou always do this."),
        ("Dad", "You're right. It was your news, and I took it from you. I'm sorry, love."),
    ]
    assert conversation.turns[0].timestamp == "2026-11-27T22:01:00"
    assert conversation.turns[3].timestamp == "2026-11-28T07:30:00"
    assert conversation.turns[3].start == (9 * 60 + 29) * 60


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # no field above 12: day-first by default
        (["[03/04/2026, 09:00:00] A: one", "[05/04/2026, 09:00:00] B: two"],
         "2026-04-03T09:00:00"),
        # a second field above 12 anywhere in the file: month-first
        (["03/04/2026, 09:00 - A: one", "03/25/2026, 09:00 - B: two"],
         "2026-03-04T09:00:00"),
        # a first field above 12: day-first
        (["03/04/26, 9:00 am - A: one", "25/04/26, 9:00 pm - B: two"], "2026-04-03T09:00:00"),
        # narrow no-break space and marks of newer iOS exports; one date only, with 12-hour
        # times and a two-digit year as a US phone writes them: month-first (round 16)
        (["\u200e[3/4/26, 9:00:00\u202fPM] A: one", "[3/4/26, 9:01:00\u202fPM] B: two"],
         "2026-03-04T21:00:00"),
    ],
)
def test_whatsapp_date_order_is_inferred_from_the_file(
    tmp_path: Path, lines: list[str], expected: str
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    conversation = load_conversation(path)
    assert conversation.turns[0].timestamp == expected
    assert pairs(conversation) == [("A", "one"), ("B", "two")]


def test_json_document_and_top_level_list(tmp_path: Path) -> None:
    conversation = load_conversation(FIXTURES / "turns.json")
    assert conversation.id == "kitchen-argument"
    assert [t.start for t in conversation.turns] == [0.0, 3.5, 7.25, 12.0]
    assert pairs(conversation)[1] == ("Eli", "I had a twelve-hour shift. Can it wait?")
    listed = tmp_path / "list.json"
    listed.write_text('[{"speaker": "A", "text": "Fine."}, {"speaker": "B", "text": "Fine?"}]')
    assert pairs(load_conversation(listed)) == [("A", "Fine."), ("B", "Fine?")]


def test_jsonl_single_conversation() -> None:
    conversation = load_conversation(FIXTURES / "turns.jsonl")
    assert conversation.format == "jsonl"
    assert pairs(conversation)[0] == ("Ines", "You cancelled on me for the third time.")
    assert [t.start for t in conversation.turns] == [0.0, 4.5, 9.0, 14.25]


def test_jsonl_with_conversation_ids_yields_each_conversation() -> None:
    conversations = list(iter_conversations(FIXTURES / "corpus.jsonl"))
    assert [c.id for c in conversations] == ["c1", "c2"]
    assert pairs(conversations[1]) == [
        ("Bo", "Why did you read my messages?"),
        ("Kai", "I was worried. It wasn't okay, and I'm sorry."),
    ]


def test_csv_with_aliased_case_insensitive_headers_and_timecodes() -> None:
    conversation = load_conversation(FIXTURES / "turns.csv")
    assert conversation.format == "csv"
    assert [t.speaker for t in conversation.turns] == ["Hana", "Theo", "Hana", "Theo"]
    assert conversation.turns[1].text == "I know. Something came up at work, again."
    assert [t.start for t in conversation.turns] == [5.0, 11.0, 19.0, 31.5]


def test_csv_semicolons_quoted_newlines_and_author_utterance(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('AUTHOR;Utterance\nAna;"Two\nlines"\nBen;Sorry; truly\n', encoding="utf-8")
    assert pairs(load_conversation(path)) == [("Ana", "Two\nlines"), ("Ben", "Sorry; truly")]


def test_slack_export_one_conversation_per_channel_with_threads() -> None:
    conversations = list(iter_conversations(FIXTURES / "slack_export"))
    assert [c.id for c in conversations] == ["general", "design-review"]
    general = conversations[0]
    assert general.format == "slack"
    # In the order they were posted: the second thread reply comes after Chloe's message.
    assert [t.speaker for t in general.turns] == [
        "Ana Kovac", "Ben Torres", "Chloe", "Ana Kovac", "Ben Torres",
    ]
    parent, reply, second_reply = general.turns[0], general.turns[1], general.turns[3]
    assert parent.text == (
        "Who pushed the release without waiting for QA? <3 hours of work> just got rolled back."
    )
    assert reply.reply_to == parent.id == second_reply.reply_to
    assert reply.text.endswith("nobody answered in #design-review.")
    assert general.turns[2].reply_to is None
    assert general.turns[4].text.startswith("@Ana Kovac I'm sorry about yesterday.")
    assert parent.start == 0.0
    assert parent.timestamp == "2026-11-26T16:00:05.000100+00:00"
    assert reply.start == 155.0
    assert all("joined" not in t.text and "Rollback" not in t.text for t in general.turns)
    assert pairs(conversations[1])[0] == (
        "Chloe", "The mockups were due Monday. I had to present without them.",
    )


def test_slack_channel_folder_reads_alone_with_the_export_users() -> None:
    conversation = load_conversation(FIXTURES / "slack_export" / "design-review")
    assert [t.speaker for t in conversation.turns] == ["Chloe", "Ana Kovac"]


def test_convokit_corpus_folder_and_utterances_file() -> None:
    conversations = list(iter_conversations(FIXTURES / "convokit_corpus"))
    assert [c.id for c in conversations] == ["u1", "v1"]
    first = conversations[0]
    assert first.format == "convokit"
    assert [t.id for t in first.turns] == ["u1", "u2", "u3"]
    assert [t.reply_to for t in first.turns] == [None, "u1", "u2"]
    assert [t.start for t in first.turns] == [0.0, 300.0, 900.0]
    assert first.turns[0].timestamp == "2025-11-27T14:00:00+00:00"
    from_file = list(iter_conversations(FIXTURES / "convokit_corpus" / "utterances.jsonl"))
    assert [pairs(c) for c in from_file] == [pairs(c) for c in conversations]


def test_convokit_orders_a_conversation_by_timestamp(tmp_path: Path) -> None:
    path = tmp_path / "utterances.jsonl"
    path.write_text(
        '{"id": "b", "conversation_id": "a", "speaker": "y", "reply_to": "a", "timestamp": 20,'
        ' "text": "later"}\n'
        '{"id": "a", "conversation_id": "a", "speaker": "x", "reply_to": null, "timestamp": 10,'
        ' "text": "first"}\n',
        encoding="utf-8",
    )
    conversation = load_conversation(path)
    assert pairs(conversation) == [("x", "first"), ("y", "later")]
    assert [t.start for t in conversation.turns] == [0.0, 10.0]


def test_utf8_bom_and_crlf_just_work() -> None:
    conversation = load_conversation(FIXTURES / "bom_crlf.txt")
    assert pairs(conversation) == [
        ("Mira", "Why didn\u2019t you tell me?"),
        ("Owen", "I didn\u2019t want to worry you."),
        ("Mira", "Not knowing worried me more."),
    ]


def test_utf16_with_bom_works() -> None:
    conversation = load_conversation(FIXTURES / "utf16.txt")
    assert pairs(conversation) == [
        ("Mira", "You changed the plan again."), ("Owen", "I should have asked you first."),
    ]


def test_explicit_encoding_decodes_cp1252() -> None:
    conversation = load_conversation(FIXTURES / "cp1252.txt", encoding="cp1252")
    assert pairs(conversation) == [
        ("Mira", "I waited at the caf\u00e9 for an hour."),
        ("Owen", "I\u2019m sorry, I lost track of time."),
    ]


def test_old_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Ana: You forgot.\rBen: I did. I'm sorry.\r")
    assert pairs(load_conversation(path)) == [("Ana", "You forgot."), ("Ben", "I did. I'm sorry.")]


def test_single_conversation_inputs_iterate_as_one() -> None:
    conversations = list(iter_conversations(FIXTURES / "zoom.vtt"))
    assert len(conversations) == 1
    assert conversations[0] == load_conversation(FIXTURES / "zoom.vtt")


def test_vtt_without_a_blank_line_after_the_header(tmp_path: Path) -> None:
    path = tmp_path / "tight.vtt"
    path.write_text("WEBVTT\n00:00:01.000 --> 00:00:02.000\nAna: Where were you?\n")
    assert pairs(load_conversation(path)) == [("Ana", "Where were you?")]


def test_whatsapp_multi_line_system_message_is_skipped_whole(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "12/01/2026, 09:00 - Ana changed the group description\nBe kind.\nNo yelling.\n"
        "12/01/2026, 09:05 - Ben: You changed it without asking anyone.\n",
        encoding="utf-8",
    )
    assert pairs(load_conversation(path)) == [("Ben", "You changed it without asking anyone.")]
