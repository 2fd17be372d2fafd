"""Round 10: what an episode counts as a repair attempt, and how the terminal quotes evidence.

A turn that carries a rupture label (a complaint dressed as a feeling, an appeasing "I'll fix it"
after harsh criticism, contempt the model also scored as validation) is a rupture turn: it does not
start the repair, time it, or take a repair up. The readable view quotes each phrase once.
"""

from __future__ import annotations

import pytest

from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.fusion import MODEL_SOURCE, fuse
from mendkit.cli import render
from mendkit.labels import LABELS
from mendkit.model import Analysis, Evidence, Safety, TurnAnalysis


def turn(i: int, speaker: str, *labels: str, start: float | None = None,
         source: str = "rule:test/marker-01", text: str = "x") -> TurnAnalysis:
    ev = tuple(Evidence(label=x, subtype=None, start=0, end=len(text), text=text, source=source)
               for x in labels)
    return TurnAnalysis(index=i, speaker=speaker, text=text, labels=labels,
                        scores=dict.fromkeys(labels, 0.9), evidence=ev, start=start)


def test_a_complaint_that_also_reads_as_a_feeling_does_not_start_the_repair() -> None:
    # long_distance.vtt: Nora's "You could have texted. It feels like I'm always the one making
    # the effort." is a complaint; Kai's apology at 00:00:45 starts the repair, 36 s in.
    eps = find_episodes([
        turn(2, "Nora", "rupture.confrontation", start=9.0),
        turn(3, "Kai", "rupture.invalidation", start=14.0),
        turn(4, "Nora", "rupture.confrontation", "repair.feeling", start=18.0),
        turn(6, "Nora", "rupture.withdrawal", start=40.0),
        turn(7, "Kai", "repair.responsibility", start=45.0),
        turn(9, "Nora", "reconnect", start=60.0),
    ])
    assert len(eps) == 1
    ep = eps[0]
    assert ep.initiator == "Kai"
    assert ep.repair_turns == (7,)
    assert ep.turns_to_repair == 5
    assert ep.seconds_to_repair == 36.0
    assert ep.status == "resolved"
    assert 4 in ep.rupture_turns


def test_an_appeasing_promise_after_criticism_is_not_a_repair_attempt() -> None:
    # manager_junior: "Sorry to bother you, I'll fix it." is withdrawal (appeasing) even though
    # "I'll fix" reads as a commitment; with no other repair the episode is unresolved.
    eps = find_episodes([
        turn(0, "Dana", "rupture.confrontation"),
        turn(1, "Leo", "rupture.withdrawal", "repair.request"),
    ])
    assert eps[0].status == "unresolved"
    assert eps[0].initiator is None
    assert eps[0].repair_turns == ()
    assert eps[0].turns_to_repair is None


def test_an_apology_that_owns_something_counts_even_if_it_also_reads_as_appeasing() -> None:
    # "I'm sorry, you're right, I hurt you.": a rule finds the ownership, so the withdrawal
    # (appeasing) reading does not take the repair away. A model-only "ownership" does not do it.
    owning = turn(1, "Ben", "rupture.withdrawal", "repair.responsibility")
    eps = find_episodes([turn(0, "Ana", "rupture.confrontation"), owning,
                         turn(2, "Ana", "reconnect")])
    assert eps[0].initiator == "Ben"
    assert eps[0].status == "resolved"
    model_only = TurnAnalysis(
        index=1, speaker="Ben", text="x", labels=owning.labels, scores=owning.scores,
        evidence=(owning.evidence[0], Evidence(
            label="repair.responsibility", subtype=None, start=0, end=1, text="x",
            source=f"{MODEL_SOURCE}, no rule matched")))
    eps = find_episodes([turn(0, "Ana", "rupture.confrontation"), model_only])
    assert eps[0].status == "unresolved"


def test_a_reconnect_label_on_a_rupture_turn_is_not_uptake() -> None:
    eps = find_episodes([
        turn(0, "A", "rupture.confrontation"),
        turn(1, "B", "repair.responsibility"),
        turn(2, "A", "rupture.withdrawal", "reconnect"),  # "Thanks. Whatever."
    ])
    assert eps[0].status == "attempted"
    assert eps[0].reconnect_turns == ()


CONTEMPT = "Of course you did. You never remember anything that matters to me."


def test_contempt_the_model_also_scores_as_validation_is_not_a_repair_attempt() -> None:
    # couple_anniversary turn 4 in full mode: the rules find contempt with a span, the model adds
    # repair.validate at 0.94 with none. The label stays in the JSON (the model's own reading,
    # shown as such), but the turn is not one of the episode's repair attempts.
    rules_found = TurnAnalysis(
        index=4, speaker="Maya", text=CONTEMPT, labels=("rupture.confrontation",),
        scores={"rupture.confrontation": 0.99},
        evidence=(Evidence(label="rupture.confrontation", subtype="contempt", start=0, end=17,
                           text="Of course you did", source="rule:confrontation/contempt-01"),),
    )
    probabilities = [0.94 if label == "repair.validate" else 0.0 for label in LABELS]
    fused = fuse(rules_found, probabilities, LABELS, dict.fromkeys(LABELS, 0.5))
    assert "repair.validate" in fused.labels
    assert any(e.source.startswith(MODEL_SOURCE) for e in fused.evidence
               if e.label == "repair.validate")
    eps = find_episodes([
        turn(2, "Maya", "rupture.confrontation"),
        turn(3, "Tom", "rupture.withdrawal"),
        fused,
        turn(9, "Tom", "repair.responsibility"),
        turn(14, "Maya", "reconnect"),
    ])
    assert len(eps) == 1
    assert 4 not in eps[0].repair_turns
    assert eps[0].repair_turns == (9,)
    assert eps[0].initiator == "Tom"
    assert eps[0].turns_to_repair == 7
    assert eps[0].status == "resolved"


def _analysis(one: TurnAnalysis) -> Analysis:
    return Analysis(mend_version="0", mode="rules", conversation_id="c", speakers=(one.speaker,),
                    turns=(one,), episodes=(), safety=Safety(crisis=False))


def _rule(label: str, text: str, start: int, end: int, rule: str) -> Evidence:
    return Evidence(label=label, subtype="minimal_response", start=start, end=end,
                    text=text[start:end], source=f"rule:{rule}")


@pytest.mark.parametrize(("text", "spans", "quoted"), [
    # Two rules, one with the full stop and one without: one quote.
    ("Forget it.", [(0, 9), (0, 10)], '"Forget it."'),
    ("Whatever.", [(0, 8), (0, 9), (0, 8)], '"Whatever."'),
    # Overlapping matches read as one phrase, in the turn's own words.
    ("Fine, whatever you say.", [(0, 14), (6, 22)], '"Fine, whatever you say"'),
])
def test_the_readable_view_quotes_each_phrase_once(
        capsys: pytest.CaptureFixture[str], text: str, spans: list[tuple[int, int]],
        quoted: str) -> None:
    evidence = tuple(_rule("rupture.withdrawal", text, s, e, f"withdrawal/minimal-response-0{n}")
                     for n, (s, e) in enumerate(spans, 1))
    one = TurnAnalysis(index=6, speaker="Nora", text=text, labels=("rupture.withdrawal",),
                       scores={"rupture.withdrawal": 0.98}, evidence=evidence)
    render.analysis(_analysis(one), footer="")
    tags = capsys.readouterr().out.splitlines()[2]
    assert tags.strip() == f"[rupture.withdrawal/minimal_response 0.98] {quoted}"


def test_distinct_phrases_of_one_label_are_each_quoted(
        capsys: pytest.CaptureFixture[str]) -> None:
    text = "I'm sorry I snapped. I got defensive."
    evidence = (
        Evidence(label="repair.responsibility", subtype="apology", start=0, end=19,
                 text=text[0:19], source="rule:responsibility/apology-01"),
        Evidence(label="repair.responsibility", subtype="admission", start=21, end=36,
                 text=text[21:36], source="rule:responsibility/admission-01"),
    )
    one = TurnAnalysis(index=7, speaker="Kai", text=text, labels=("repair.responsibility",),
                       scores={"repair.responsibility": 0.98}, evidence=evidence)
    render.analysis(_analysis(one), footer="")
    out = capsys.readouterr().out
    assert '"I\'m sorry I snapped" "I got defensive"' in out
