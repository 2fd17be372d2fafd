"""Mend inside a ConvoKit pipeline: ``MendTransformer``, shaped like a ConvoKit ``Transformer``.

ConvoKit is not imported (a plain ``pip install convokit`` brings torch and CUDA libraries with
it), so the class does not inherit from ``convokit.Transformer``: it has the same methods
(``fit``, ``transform``, ``fit_transform``) and uses only the corpus interface that ConvoKit
documents, so it fits anywhere a Transformer does::

    from convokit import Corpus
    from mendkit.batch.convokit_adapter import MendTransformer

    corpus = MendTransformer(mode="rules").transform(Corpus(filename="my-corpus"))
    corpus.get_utterance("u42").meta["mend_labels"]   # e.g. ["rupture.withdrawal"]

As every ConvoKit Transformer does, ``transform`` writes its results into the corpus it is given
(and returns it): each utterance gets ``mend_labels``, ``mend_scores`` and ``mend_evidence`` in its
meta, the same keys as ``mend batch --to convokit`` writes, and each conversation gets
``mend_episodes``, ``mend_safety`` and ``mend_build`` (Mend's version, the mode, the rules and
the classifier that analysed it), or ``mend_error`` when it could not be analysed. Utterances
are taken in the order Mend's own ConvoKit reader uses: by numeric timestamp when every utterance
of the conversation has one, else in the corpus's order. This runs in the calling process; for a
corpus too big for that, save it and run ``mend batch CORPUS_FOLDER --to convokit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from mendkit.analysis.pipeline import MODES, Mode, analyze_conversation
from mendkit.analysis.safety import DEFAULT_REGION
from mendkit.batch.builds import provenance
from mendkit.batch.parts import build_meta
from mendkit.errors import InvalidInputError, MendError
from mendkit.io._common import Names
from mendkit.io.convokit import _conversation, _utterance
from mendkit.model import Conversation

__all__ = ["MendTransformer"]


class _Meta(Protocol):
    def __setitem__(self, key: str, value: Any) -> None: ...


class _Speaker(Protocol):
    id: Any


class _Utterance(Protocol):
    id: Any
    speaker: _Speaker
    text: Any
    timestamp: Any
    reply_to: Any
    meta: _Meta


class _Conversation(Protocol):
    id: Any
    meta: _Meta

    def iter_utterances(self) -> Iterable[_Utterance]: ...


class _Corpus(Protocol):
    def iter_conversations(self) -> Iterable[_Conversation]: ...


class MendTransformer:
    """Label a ConvoKit corpus's utterances with Mend's ruptures and repairs (see the module)."""

    def __init__(self, mode: Mode = "rules", region: str = DEFAULT_REGION) -> None:
        if mode not in MODES:
            raise InvalidInputError(f"mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        self.region = region

    def fit(self, corpus: Any, y: Any = None) -> MendTransformer:
        """Nothing to learn: Mend's rules and model ship with it."""
        return self

    def transform(self, corpus: Any,
                  selector: Callable[[Any], bool] = lambda conversation: True) -> Any:
        """Analyse every conversation ``selector`` accepts; write the results into ``corpus``."""
        typed: _Corpus = corpus
        for conversation in typed.iter_conversations():
            if selector(conversation):
                self._label(conversation)
        return corpus

    def fit_transform(self, corpus: Any, y: Any = None) -> Any:
        return self.fit(corpus, y).transform(corpus)

    def _label(self, convo: _Conversation) -> None:
        try:
            utterances, conversation = _to_mend(convo)
            analysis = analyze_conversation(conversation, mode=self.mode,
                                            region=self.region).to_dict()
        except MendError as exc:
            convo.meta["mend_error"] = str(exc)
            return
        for utterance, turn in zip(utterances, analysis["turns"], strict=True):
            utterance.meta["mend_labels"] = turn["labels"]
            utterance.meta["mend_scores"] = turn["scores"]
            utterance.meta["mend_evidence"] = turn["evidence"]
        convo.meta["mend_episodes"] = analysis["episodes"]
        convo.meta["mend_safety"] = analysis["safety"]
        convo.meta["mend_build"] = build_meta({**analysis, "build": provenance(self.mode)})


def _to_mend(convo: _Conversation) -> tuple[list[_Utterance], Conversation]:
    """The conversation as Mend reads it from ``utterances.jsonl``, and its utterances in the
    turns' order."""
    source = f"<convokit conversation {convo.id}>"
    names = Names()
    found = list(convo.iter_utterances())
    read = [_utterance({"id": u.id, "speaker": getattr(u.speaker, "id", u.speaker),
                        "conversation_id": convo.id, "text": u.text, "timestamp": u.timestamp,
                        "reply_to": u.reply_to}, n, source, names)[0]
            for n, u in enumerate(found, start=1)]
    conversation = _conversation(str(convo.id), read, source)
    by_id = {str(u.id): u for u in found}
    return [by_id[str(turn.id)] for turn in conversation.turns], conversation
