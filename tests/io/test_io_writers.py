"""Writers: JSON, JSON Lines, CSV and ConvoKit read back into the same conversation."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mendkit.io import (
    iter_conversations,
    load_conversation,
    write_convokit,
    write_csv,
    write_json,
    write_jsonl,
)
from mendkit.model.conversation import Conversation, Turn

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conversations"
SOURCES = [
    "couple.txt", "timed.txt", "zoom.vtt", "teams.vtt", "session.srt", "chat_ios.txt",
    "chat_android.txt", "turns.json", "turns.jsonl", "turns.csv", "slack_export/general",
    "convokit_corpus/utterances.jsonl",
]


def load_fixture(name: str) -> Conversation:
    if name.startswith("convokit"):
        return next(iter(iter_conversations(FIXTURES / name)))
    return load_conversation(FIXTURES / name)


def tricky() -> Conversation:
    turns = [
        Turn(index=0, speaker="Ana, R.", text='She said "fine", then\nnothing; at all', start=0.1),
        Turn(index=1, speaker="Ben", text="  leading and trailing space  ", end=2.0),
        Turn(index=2, speaker="Ćiro", text="", timestamp="2026-11-27T10:00:00", id="x1"),
        Turn(index=3, speaker="Ben", text="🙂 okay", reply_to="x1", start=1e-7),
    ]
    return Conversation(id="tricky", turns=tuple(turns))


Writer = Callable[[Conversation, Path], Conversation]


def via_json(conversation: Conversation, folder: Path) -> Conversation:
    write_json(conversation, folder / "out.json")
    return load_conversation(folder / "out.json")


def via_jsonl(conversation: Conversation, folder: Path) -> Conversation:
    write_jsonl(conversation, folder / "out.jsonl")
    return load_conversation(folder / "out.jsonl")


def via_csv(conversation: Conversation, folder: Path) -> Conversation:
    write_csv(conversation, folder / "out.csv")
    return load_conversation(folder / "out.csv")


def via_convokit(conversation: Conversation, folder: Path) -> Conversation:
    write_convokit(conversation, folder / "corpus")
    return load_conversation(folder / "corpus")


WRITERS = {"json": via_json, "jsonl": via_jsonl, "csv": via_csv, "convokit": via_convokit}


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("name", SOURCES)
def test_round_trip_keeps_every_turn(tmp_path: Path, writer: str, name: str) -> None:
    original = load_fixture(name)
    back = WRITERS[writer](original, tmp_path)
    assert back.turns == original.turns
    assert back.speakers == original.speakers
    assert back.format == writer
    if writer != "csv":  # a CSV table has no conversation id: it comes from the file name
        assert back.id == original.id


@pytest.mark.parametrize("writer", list(WRITERS))
def test_round_trip_of_awkward_values(tmp_path: Path, writer: str) -> None:
    original = tricky()
    back = WRITERS[writer](original, tmp_path).turns
    if writer == "convokit":
        assert back == original.turns
    else:  # the JSON, JSON Lines and CSV readers trim the space around a turn (Whisper's)
        assert back == tuple(replace(t, text=t.text.strip()) for t in original.turns)
        assert back[1].text == "leading and trailing space"


def test_write_jsonl_and_convokit_hold_several_conversations(tmp_path: Path) -> None:
    conversations = list(iter_conversations(FIXTURES / "slack_export"))
    write_jsonl(conversations, tmp_path / "all.jsonl")
    write_convokit(conversations, tmp_path / "corpus")
    for path in (tmp_path / "all.jsonl", tmp_path / "corpus"):
        back = list(iter_conversations(path))
        assert [c.id for c in back] == ["general", "design-review"]
        assert [c.turns for c in back] == [c.turns for c in conversations]


def test_convokit_corpus_files_and_turn_meta(tmp_path: Path) -> None:
    original = load_conversation(FIXTURES / "couple.txt")
    labels = {3: {"labels": ["rupture.confrontation"], "scores": {"rupture.confrontation": 0.91}}}
    folder = write_convokit(original, tmp_path / "corpus", turn_meta=labels)
    assert sorted(p.name for p in folder.iterdir()) == [
        "conversations.json", "corpus.json", "index.json", "speakers.json", "utterances.jsonl",
    ]
    lines = (folder / "utterances.jsonl").read_text(encoding="utf-8").splitlines()
    utterances = [json.loads(line) for line in lines]
    assert [u["id"] for u in utterances] == [f"couple-{i}" for i in range(6)]
    assert {u["conversation_id"] for u in utterances} == {"couple"}
    assert utterances[3]["meta"]["labels"] == ["rupture.confrontation"]
    assert "labels" not in utterances[2]["meta"]
    assert set(json.loads((folder / "speakers.json").read_text())) == {"Alex", "Jordan"}
    assert list(json.loads((folder / "conversations.json").read_text())) == ["couple"]
    index = json.loads((folder / "index.json").read_text())
    assert index["utterances-index"]["labels"] == ["<class 'list'>"]
    assert load_conversation(folder).turns == original.turns


def test_convokit_turn_meta_function_for_several_conversations(tmp_path: Path) -> None:
    conversations = list(iter_conversations(FIXTURES / "corpus.jsonl"))
    folder = write_convokit(
        conversations, tmp_path / "c", turn_meta=lambda c, t: {"who": f"{c.id}/{t.speaker}"}
    )
    lines = (folder / "utterances.jsonl").read_text(encoding="utf-8").splitlines()
    metas = [json.loads(line)["meta"]["who"] for line in lines]
    assert metas == ["c1/Ines", "c1/Marco", "c2/Bo", "c2/Kai"]
    with pytest.raises(TypeError, match="single conversation"):
        write_convokit(conversations, tmp_path / "d", turn_meta={0: {"x": 1}})


def test_writers_accept_a_text_stream() -> None:
    original = load_conversation(FIXTURES / "turns.json")
    out = io.StringIO()
    write_json(original, out)
    assert json.loads(out.getvalue())["turns"][1]["speaker"] == "Eli"
    out = io.StringIO()
    write_csv(original, out)
    assert out.getvalue().splitlines()[0] == "speaker,text,start,end,timestamp,id,reply_to"


NAMES = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True)
TEXTS = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80
).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(turns=st.lists(st.tuples(NAMES, TEXTS), min_size=1, max_size=12))
def test_text_reader_round_trip(
    tmp_path_factory: pytest.TempPathFactory, turns: list[tuple[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("text") / "chat.txt"
    path.write_text("".join(f"{s}: {t}\n" for s, t in turns), encoding="utf-8")
    conversation = load_conversation(path, format="text")
    assert [(t.speaker, t.text) for t in conversation.turns] == turns
