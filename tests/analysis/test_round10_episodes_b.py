"""Round 10 re-run: which rupture labels stop a turn from being a repair attempt or uptake.

Only a rupture the rules found, with a span a person can check, can take a repair or an uptake
away from a turn. A label the model alone added (no rule matched) cannot: "sorry i was such a jerk
earlier" is an apology even if the model also reads it as invalidation. Explicit acceptance
("I forgive you", "thank you for saying that") is uptake even beside a minimal response or a
denial the rules found on the same turn; a confrontation or invalidation the rules found still
cancels it, and so does a plain "thanks" beside a rule-found withdrawal.
"""

from __future__ import annotations

from dataclasses import replace

from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.fusion import MODEL_SOURCE, fuse
from mendkit.analysis.rules import TurnContext
from mendkit.labels import LABELS
from mendkit.model import Evidence, TurnAnalysis

# (label, subtype, phrase, rule id): what one rule found in the turn's text.
Hit = tuple[str, str | None, str, str]


def said(i: int, speaker: str, text: str, *hits: Hit,
         model: dict[str, float] | None = None) -> TurnAnalysis:
    """The turn as the pipeline gives it: rule evidence with spans, then the model's labels."""
    evidence = []
    for label, subtype, phrase, rule in hits:
        at = text.index(phrase)
        evidence.append(Evidence(label=label, subtype=subtype, start=at, end=at + len(phrase),
                                 text=phrase, source=f"rule:{rule}", score=0.8))
    labels = tuple(sorted({h[0] for h in hits}, key=LABELS.index))
    by_rules = TurnAnalysis(index=i, speaker=speaker, text=text, labels=labels,
                            scores=dict.fromkeys(labels, 0.8), evidence=tuple(evidence))
    if model is None:
        return by_rules
    probabilities = [model.get(label, 0.0) for label in LABELS]
    # A floor of 0 keeps every rule match: these turns are about labels the model adds.
    # These turns all answer a complaint or an apology, so every label may apply.
    fused = fuse(by_rules, probabilities, LABELS, dict.fromkeys(LABELS, 0.5), floor=0.0,
                 context=TurnContext(tension=True, after_repair=True, other_tension=True))
    # Since round 11 fusion adds no withdrawal beside a clear repair a rule found; the episodes
    # must still cope with a model-only label there, so it is added as fusion would word it.
    held_back = [label for label in model if label not in fused.labels]
    assert set(held_back) <= {"rupture.withdrawal"}
    extra = tuple(Evidence(label=label, subtype=None, start=0, end=len(text), text=text,
                           source=f"{MODEL_SOURCE}, no rule matched", score=model[label])
                  for label in held_back)
    labels = tuple(sorted({*fused.labels, *held_back}, key=LABELS.index))
    return replace(fused, labels=labels, evidence=fused.evidence + extra,
                   scores={**fused.scores, **{label: model[label] for label in held_back}})


KIM_COMPLAINS = said(0, "Kim", "You never listen to me. You just talked over me all night.",
                     ("rupture.confrontation", "criticism", "You never",
                      "confrontation/criticism-always-never-01"))
LEE_APOLOGISES = said(1, "Lee", "I'm sorry I talked over you. That was rude of me.",
                      ("repair.responsibility", "apology", "I'm sorry I talked over you",
                       "responsibility/apology-01"),
                      ("repair.responsibility", "admission", "That was rude of me",
                       "responsibility/admission-01"))


def _only_model(turn: TurnAnalysis, label: str) -> bool:
    return all(e.source.startswith(MODEL_SOURCE) for e in turn.evidence if e.label == label)


def test_a_model_only_rupture_label_does_not_veto_an_apology_the_rules_found() -> None:
    # N2: full mode adds rupture.invalidation (0.71, model only) to Lee's apology. The apology,
    # found by rules with spans, still starts the repair, and Kim's thanks takes it up.
    apology = said(1, "Lee", "sorry i was such a jerk earlier, u didnt deserve that",
                   ("repair.responsibility", "apology", "sorry i was such a jerk",
                    "responsibility/apology-01"),
                   ("repair.responsibility", "admission", "i was such a jerk",
                    "responsibility/admission-01"),
                   model={"rupture.invalidation": 0.71})
    assert _only_model(apology, "rupture.invalidation")
    thanks = said(2, "Kim", "Thank you. I appreciate you saying that.",
                  ("reconnect", "appreciation", "Thank you", "reconnect/appreciation-03"),
                  ("reconnect", "appreciation", "I appreciate you", "reconnect/appreciation-01"))
    eps = find_episodes([KIM_COMPLAINS, apology, thanks])
    assert len(eps) == 1
    ep = eps[0]
    assert (ep.start_turn, ep.end_turn) == (0, 2)
    assert ep.status == "resolved"
    assert ep.initiator == "Lee"
    assert ep.repair_turns == (1,)
    assert ep.reconnect_turns == (2,)
    assert ep.turns_to_repair == 1
    # The model's reading stays on the turn and in the episode: it is shown, not hidden.
    assert "rupture.invalidation" in ep.labels


def test_a_model_only_rupture_beside_an_admission_still_counts_as_a_repair() -> None:
    # N2: "I'm sorry that it happened, it was my fault." with model-only invalidation.
    admission = said(1, "Lee", "I'm sorry that it happened, it was my fault.",
                     ("repair.responsibility", "admission", "it was my fault",
                      "responsibility/admission-01"),
                     model={"rupture.invalidation": 0.66})
    thanks = said(2, "Kim", "Okay. Thank you for saying that.",
                  ("reconnect", "acceptance", "Thank you for saying",
                   "reconnect/acceptance-01"))
    eps = find_episodes([KIM_COMPLAINS, admission, thanks])
    assert eps[0].status == "resolved"
    assert eps[0].initiator == "Lee"


def test_a_model_only_withdrawal_does_not_need_rule_ownership_to_repair() -> None:
    # Only a withdrawal the rules found asks the apology to own something; the model's own
    # "appeasing" reading of an "I'll fix it, I'm sorry" does not take the repair away.
    sorry = said(1, "Lee", "I'm sorry, I'll fix it tonight.",
                 ("repair.request", "commitment", "I'll fix it", "request/commitment-01"),
                 model={"rupture.withdrawal": 0.8})
    eps = find_episodes([KIM_COMPLAINS, sorry])
    assert eps[0].status == "attempted"
    assert eps[0].initiator == "Lee"


def test_rule_found_contempt_still_vetoes_a_repair_label() -> None:
    # Bug 6 stays fixed: contempt with a rule span is not a repair attempt, even when the
    # same turn's repair label also came from a rule.
    contempt = said(1, "Lee", "Of course you did. I hear you, as always.",
                    ("rupture.confrontation", "contempt", "Of course you did",
                     "confrontation/contempt-01"),
                    ("repair.validate", "hear", "I hear you", "validate/hear-01"))
    eps = find_episodes([KIM_COMPLAINS, contempt])
    assert eps[0].status == "unresolved"
    assert eps[0].initiator is None
    assert eps[0].repair_turns == ()


def test_forgiveness_beside_a_rule_found_minimal_response_is_uptake() -> None:
    # N3: "Okay. I forgive you." (minimal_response on "Okay.") after an apology resolves it.
    forgive = said(2, "Kim", "Okay. I forgive you.",
                   ("rupture.withdrawal", "minimal_response", "Okay. I",
                    "withdrawal/minimal-response-04"),
                   ("reconnect", "acceptance", "I forgive you", "reconnect/acceptance-01"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, forgive])
    assert len(eps) == 1
    assert eps[0].status == "resolved"
    assert eps[0].taken_up
    assert eps[0].reconnect_turns == (2,)
    assert eps[0].initiator == "Lee"


def test_thanks_for_saying_it_beside_a_rule_found_denial_is_uptake() -> None:
    thanks = said(2, "Kim", "Thank you for saying that. I don't care about the money.",
                  ("reconnect", "acceptance", "Thank you for saying", "reconnect/acceptance-01"),
                  ("rupture.withdrawal", "denial", "I don't care", "withdrawal/denial-01"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, thanks])
    assert eps[0].status == "resolved"
    assert eps[0].reconnect_turns == (2,)


def test_warmth_beside_a_rule_found_whatever_is_uptake() -> None:
    # N3: "Whatever, it's okay. Love you."
    love = said(2, "Kim", "Whatever, it's okay. Love you.",
                ("rupture.withdrawal", "minimal_response", "Whatever",
                 "withdrawal/minimal-response-02"),
                ("reconnect", "warmth", "Love you", "reconnect/warmth-01"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, love])
    assert eps[0].status == "resolved"


def test_explicit_acceptance_beside_a_model_only_rupture_is_uptake() -> None:
    forgive = said(2, "Kim", "Okay. I forgive you.",
                   ("reconnect", "acceptance", "I forgive you", "reconnect/acceptance-01"),
                   model={"rupture.withdrawal": 0.7})
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, forgive])
    assert eps[0].status == "resolved"


def test_plain_thanks_beside_a_rule_found_whatever_is_not_uptake() -> None:
    # "Thanks. Whatever.": a bare thanks is no explicit acceptance; the brush-off stands.
    brush_off = said(2, "Kim", "Thanks. Whatever.",
                     ("reconnect", "appreciation", "Thanks", "reconnect/appreciation-03"),
                     ("rupture.withdrawal", "minimal_response", "Whatever",
                      "withdrawal/minimal-response-02"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, brush_off])
    assert eps[0].status == "attempted"
    assert eps[0].reconnect_turns == ()


def test_forgiveness_beside_a_rule_found_confrontation_is_not_uptake() -> None:
    barbed = said(2, "Kim", "I forgive you, but you always do this.",
                  ("reconnect", "acceptance", "I forgive you", "reconnect/acceptance-01"),
                  ("rupture.confrontation", "criticism", "you always",
                   "confrontation/criticism-always-never-01"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, barbed])
    assert eps[0].status == "attempted"
    assert eps[0].reconnect_turns == ()
    assert 2 in eps[0].rupture_turns


def test_forgiveness_beside_rule_found_stonewalling_is_not_uptake() -> None:
    # Shutting the talk down is not taking the repair up, whatever words of forgiveness come first.
    done = said(2, "Kim", "Fine, I forgive you. I'm not talking about this any more.",
                ("reconnect", "acceptance", "I forgive you", "reconnect/acceptance-01"),
                ("rupture.withdrawal", "stonewalling", "I'm not talking about this",
                 "withdrawal/stonewalling-01"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, done])
    assert eps[0].status == "attempted"


def test_explicit_acceptance_after_resolution_does_not_open_a_new_episode() -> None:
    # A second "Okay. I forgive you." keeps taking the repair up; its "Okay." opens nothing.
    thanks = said(2, "Kim", "Thank you for saying that.",
                  ("reconnect", "acceptance", "Thank you for saying", "reconnect/acceptance-01"))
    again = said(3, "Kim", "Okay. I forgive you.",
                 ("rupture.withdrawal", "minimal_response", "Okay. I",
                  "withdrawal/minimal-response-04"),
                 ("reconnect", "acceptance", "I forgive you", "reconnect/acceptance-01"))
    eps = find_episodes([KIM_COMPLAINS, LEE_APOLOGISES, thanks, again])
    assert [e.status for e in eps] == ["resolved"]
    assert eps[0].reconnect_turns == (2, 3)
