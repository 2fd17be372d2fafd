"""``MendTransformer`` on an object of ConvoKit's corpus shape (ConvoKit itself pulls in torch).

The fakes carry only what ConvoKit documents and the adapter uses: ``Corpus.iter_conversations``,
``Conversation.id/meta/iter_utterances``, ``Utterance.id/speaker.id/text/timestamp/reply_to/meta``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

import mendkit
from mendkit.batch.convokit_adapter import MendTransformer
from mendkit.model import Conversation, Turn


@dataclass
class Speaker:
    id: str


@dataclass
class Utterance:
    id: str
    speaker: Speaker
    text: str
    timestamp: float | None = None
    reply_to: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Convo:
    id: str
    utterances: list[Utterance]
    meta: dict[str, Any] = field(default_factory=dict)

    def iter_utterances(self) -> list[Utterance]:
        return list(self.utterances)


@dataclass
class Corpus:
    conversations: list[Convo]

    def iter_conversations(self) -> list[Convo]:
        return list(self.conversations)


TEXTS = [("A", "You never listen to me."), ("B", "Fine."), ("A", "Where did you just go?"),
         ("B", "I'm sorry, that was unfair of me."), ("A", "Thanks for saying that.")]


def _corpus() -> Corpus:
    # Stored out of order, with timestamps that give the real order.
    shuffled = [4, 0, 3, 1, 2]
    timed = Convo("c1", [Utterance(f"u{i}", Speaker(TEXTS[i][0]), TEXTS[i][1],
                                   timestamp=1_700_000_000.0 + 10 * i) for i in shuffled])
    untimed = Convo("c2", [Utterance(f"v{i}", Speaker(s), t) for i, (s, t) in enumerate(TEXTS)])
    return Corpus([timed, untimed])


def test_labels_match_the_engine_in_timestamp_order() -> None:
    corpus = _corpus()
    assert MendTransformer().fit_transform(corpus) is corpus
    expected = mendkit.analyze(Conversation(id="x", turns=tuple(
        Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(TEXTS))), mode="rules")
    for convo, prefix in zip(corpus.conversations, ("u", "v"), strict=True):
        by_id = {u.id: u for u in convo.utterances}
        got = [by_id[f"{prefix}{i}"].meta["mend_labels"] for i in range(len(TEXTS))]
        assert got == [list(t.labels) for t in expected.turns]
        assert [e["status"] for e in convo.meta["mend_episodes"]] == [
            e.status for e in expected.episodes]
        assert "mend_safety" in convo.meta
    first = corpus.conversations[0].utterances[1]  # u0: "You never listen to me."
    assert first.meta["mend_scores"]["rupture.confrontation"] > 0.5
    assert first.meta["mend_evidence"][0]["label"] == "rupture.confrontation"


def test_selector_and_errors() -> None:
    corpus = _corpus()
    corpus.conversations.append(Convo("bad", [Utterance("w0", Speaker("A"), None)]))  # type: ignore[arg-type]
    MendTransformer().transform(corpus, selector=lambda convo: convo.id != "c2")
    assert "mend_labels" not in corpus.conversations[1].utterances[0].meta
    assert "text" in corpus.conversations[2].meta["mend_error"]
    with pytest.raises(mendkit.InvalidInputError, match="mode"):
        MendTransformer(mode="fast")  # type: ignore[arg-type]

