"""Round 19 (tester t1, problem 3; fixer f14): an analysis's crisis box does not say that a turn
only the model read speaks of the kind another turn's signs name.

In c3 (forced marriage) turn 2 is a threat read by a rule (danger from someone else) and turn 6,
"Sometimes I just want God to take me so none of it matters.", was read by the model alone, with
no kind. The box said all three turns "may speak of danger from someone else". Now the known kind
is said of its turns, and the model's turn may speak of "suicide, self-harm or danger from someone
else". The terminal and the web timeline share the words (``alert_parts``)."""

from __future__ import annotations

from mendkit.analysis.safety import alert_parts, assess, turns_alert
from mendkit.labels import CRISIS
from mendkit.model import Evidence, TurnAnalysis

THREAT = "I did. He took my passport and said if I shame him again I won't see my 18th birthday."
GOD = "Sometimes I just want God to take me so none of it matters."
SPEAKERS = {0: "Zara", 1: "Bilal", 2: "Zara"}


def _turns() -> list[TurnAnalysis]:
    rule = Evidence(label=CRISIS, subtype="abuse_danger", start=8, end=56, text=THREAT[8:56],
                    source="rule:crisis/example")
    model = Evidence(label=CRISIS, subtype=None, start=0, end=len(GOD), text=GOD,
                     source="model:crisis", score=0.97)
    return [TurnAnalysis(index=0, speaker="Zara", text=THREAT, labels=(CRISIS,), evidence=(rule,)),
            TurnAnalysis(index=1, speaker="Bilal", text="I'm so sorry. This is not okay."),
            TurnAnalysis(index=2, speaker="Zara", text=GOD, labels=(CRISIS,), evidence=(model,))]


def test_a_model_only_turn_is_not_said_to_speak_of_another_turns_kind() -> None:
    turns = _turns()
    safety = assess(turns, "GB")
    assert safety.turns == (0, 2) and safety.kinds == ("abuse_danger",)
    said = turns_alert(safety, SPEAKERS, turns)
    known, _, rest = said.partition(" may speak of danger from someone else, and ")
    assert known == "Turn 0 (Zara)", said
    assert rest.startswith("turn 2 (Zara) may speak of suicide, self-harm or danger"), said
    assert "Mend's model read it as a possible sign" in rest


def test_without_the_turns_the_alert_reads_as_before() -> None:
    turns = _turns()
    safety = assess(turns, "GB")
    said = turns_alert(safety, SPEAKERS)
    assert said.startswith("Turn 0 (Zara) and turn 2 (Zara) may speak of danger from someone else.")


def test_only_model_turns_say_the_model_read_them() -> None:
    turns = _turns()[1:]
    safety = assess(turns, "GB")
    said = turns_alert(safety, SPEAKERS, turns)
    assert said.startswith("Turn 2 (Zara) may speak of suicide, self-harm or danger from someone "
                           "else (Mend's model read it as a possible sign")


def test_each_turn_named_is_a_part_of_its_own() -> None:
    turns = _turns()
    parts = alert_parts(assess(turns, "GB"), SPEAKERS, turns)
    assert [(text, i) for text, i in parts if i is not None] == [("Turn 0 (Zara)", 0),
                                                                ("turn 2 (Zara)", 2)]
