"""Round 12 (banter re-run #7): the person at risk is not the one who ruptured.

"honestly some nights I think I'd be better off dead lol" / "haha dark" / "no I mean it. it's been
like that for weeks.": the model read the confirmation as invalidation, and the episode became
"minor, resolved" with the suicidal person's confirmation as its only rupture. A rupture only the
model gave does not stand on a turn a crisis rule found, nor count in an episode on a turn that
``safety`` reads as going on with a crisis sign (a confirmation, "I don't see the point anymore"
after "not great"). A rule's rupture on such a turn still stands.

The model's probabilities are given here, so the fusion tests run without the shipped weights.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.fusion import MODEL_SOURCE, fuse, without_model_ruptures
from mendkit.analysis.pipeline import analyze_conversation, analyze_turn
from mendkit.analysis.safety import assess
from mendkit.io import load_conversation
from mendkit.model import Evidence, TurnAnalysis
from mendkit.models.classifier import OUTPUT_LABELS

THRESHOLDS = dict.fromkeys(OUTPUT_LABELS, 0.5)
N2 = """Ria: this week is going to kill me I swear 😂
Tom: same lol, deadlines everywhere
Ria: honestly some nights I think I'd be better off dead lol
Tom: haha dark
Ria: no I mean it. it's been like that for weeks.
Tom: hey, I'm really glad you told me. are you safe right now?
Ria: yeah, I'm safe tonight. sorry for dumping that on you
Tom: don't be sorry. I'm here, and I'll sit with you while you call someone tomorrow, ok?
"""


def model_says(**probabilities: float) -> list[float]:
    """Probabilities per output label; keyword names use ``_`` for ``.``."""
    given = {k.replace("_", "."): v for k, v in probabilities.items()}
    return [given.get(label, 0.01) for label in OUTPUT_LABELS]


def by_model(i: int, speaker: str, text: str, *labels: str) -> TurnAnalysis:
    """A turn that only the model labelled, as the fusion marks it."""
    return TurnAnalysis(
        index=i, speaker=speaker, text=text, labels=labels, scores=dict.fromkeys(labels, 0.9),
        evidence=tuple(Evidence(label=label, subtype=None, start=0, end=len(text), text=text,
                                source=f"{MODEL_SOURCE}, no rule matched", score=0.9)
                       for label in labels))


def ruled(i: int, speaker: str, text: str, *model: str) -> TurnAnalysis:
    """The rules' reading of ``text``, with the model's ``model`` labels added as the fusion
    adds them."""
    turn = analyze_turn(i, speaker, text)
    if not model:
        return turn
    extra = by_model(i, speaker, text, *model)
    return TurnAnalysis(index=i, speaker=speaker, text=text,
                        labels=tuple(dict.fromkeys(turn.labels + extra.labels)),
                        scores={**turn.scores, **extra.scores},
                        evidence=turn.evidence + extra.evidence)


# -- the fusion ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "honestly some nights I think I'd be better off dead lol",
    "lol been stockpiling my sleeping pills, just in case",
    "he pushed me down the stairs last night and said it was my fault",
])
def test_the_model_adds_no_rupture_to_a_turn_a_crisis_rule_found(text: str) -> None:
    turn = analyze_turn(0, "Ria", text)
    assert "risk.crisis" in turn.labels and not turn.model_only("risk.crisis")
    out = fuse(turn, model_says(rupture_invalidation=0.95, rupture_confrontation=0.9,
                                rupture_withdrawal=0.9, risk_crisis=0.9), OUTPUT_LABELS, THRESHOLDS)
    assert "risk.crisis" in out.labels
    assert not any(label.startswith("rupture.") for label in out.labels), out.labels


def test_a_rules_rupture_on_a_crisis_turn_still_stands() -> None:
    turn = analyze_turn(0, "A", "you'll be sorry when I'm dead, you never cared")
    assert {"risk.crisis", "rupture.confrontation"} <= set(turn.labels)
    out = fuse(turn, model_says(rupture_confrontation=0.05), OUTPUT_LABELS, THRESHOLDS)
    assert {"risk.crisis", "rupture.confrontation"} <= set(out.labels)


def test_the_model_still_adds_a_rupture_where_no_crisis_rule_fired() -> None:
    turn = analyze_turn(0, "A", "The bins go out on Tuesday.")
    out = fuse(turn, model_says(rupture_invalidation=0.95), OUTPUT_LABELS, THRESHOLDS)
    assert out.labels == ("rupture.invalidation",)


def test_without_model_ruptures_keeps_the_rules_and_the_model_s_other_labels() -> None:
    turn = ruled(0, "A", "you'll be sorry when I'm dead, you never cared",
                 "rupture.invalidation", "repair.feeling")
    out = without_model_ruptures(turn)
    assert "rupture.invalidation" not in out.labels
    assert not any(e.label == "rupture.invalidation" for e in out.evidence)
    assert {"risk.crisis", "rupture.confrontation", "repair.feeling"} <= set(out.labels)
    assert out.scores["rupture.invalidation"] == turn.scores["rupture.invalidation"]
    plain = analyze_turn(0, "A", "The bins go out on Tuesday.")
    assert without_model_ruptures(plain) == plain


# -- the episodes -------------------------------------------------------------------------------

def _n2_as_fused() -> list[TurnAnalysis]:
    """n2 as the full mode read it before this fix: the confirmation (turn 4) carried a
    model-only invalidation, Tom's support a model-only acknowledgement."""
    said = [line.split(": ", 1) for line in N2.splitlines()]
    turns = [ruled(i, who, text) for i, (who, text) in enumerate(said)]
    turns[4] = ruled(4, "Ria", said[4][1], "rupture.invalidation")
    turns[5] = ruled(5, "Tom", said[5][1], "repair.acknowledge")
    return turns


def test_a_confirmation_with_a_model_only_rupture_opens_no_episode() -> None:
    turns = _n2_as_fused()
    assert "risk.crisis" in turns[2].labels and "risk.crisis" not in turns[4].labels
    assert assess(turns).turns == (2, 4)  # safety reads turn 4 as going on with turn 2
    assert find_episodes(turns) == ()  # was one "minor, resolved" episode with Ria's rupture


def test_a_model_only_rupture_on_a_crisis_rule_turn_opens_no_episode() -> None:
    crisis = ruled(1, "Ria", "honestly some nights I think I'd be better off dead lol",
                   "rupture.confrontation")
    eps = find_episodes([analyze_turn(0, "Tom", "how was your week?"), crisis,
                         ruled(2, "Tom", "sorry, I didn't know", "repair.responsibility")])
    assert eps == ()


def test_a_confirmation_inside_an_open_episode_makes_it_major() -> None:
    turns = [
        analyze_turn(0, "Ria", "honestly some nights I think I'd be better off dead"),
        by_model(1, "Tom", "ugh you're being so dramatic", "rupture.invalidation"),
        analyze_turn(2, "Ria", "no I mean it. it's been like that for weeks."),
    ]
    assert not turns[2].labels
    (ep,) = find_episodes(turns)
    assert ep.rupture_turns == (1, 2)
    assert "risk.crisis" in ep.labels
    assert ep.severity == "major"  # a crisis sign is in it, though no rule read turn 2 alone


def test_a_rule_rupture_on_a_confirmation_still_counts() -> None:
    turns = [
        analyze_turn(0, "Ria", "honestly some nights I think I'd be better off dead"),
        analyze_turn(1, "Tom", "ok"),
        ruled(2, "Ria", "no I mean it. and you never listen to me anyway."),
    ]
    assert "rupture.confrontation" in turns[2].labels
    assert assess(turns).turns == (0, 2)
    (ep,) = find_episodes(turns)
    assert ep.rupture_turns == (2,)
    assert ep.severity == "major"


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_n2_gives_no_episode_with_the_person_at_risk_as_its_rupture(
        mode: Literal["rules", "full"], tmp_path: Path) -> None:
    path = tmp_path / "n2.txt"
    path.write_text(N2, encoding="utf-8")
    result = analyze_conversation(load_conversation(path), mode=mode)
    assert result.safety.turns == (2, 4)
    assert result.episodes == ()  # full mode gave a "minor, resolved" one, Ria's turn 4 its rupture
    assert not any(label.startswith("rupture.") for label in result.turns[2].labels)
    # The confirmation itself carries no rupture only the model gave it (the pipeline drops it
    # once the turns around it show it goes on with the crisis sign).
    assert not any(label.startswith("rupture.") for label in result.turns[4].labels)
