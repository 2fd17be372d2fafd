"""Round 10, second pass on the crisis rules. A dated commitment ("I'm putting the date in my
calendar") stays a repair, not a finality sign; the rules-mode misses of the safety report are
crises, and the everyday sentences that share their words are not."""

from __future__ import annotations

import pytest

import mendkit


def _crisis(text: str) -> bool:
    return mendkit.check(text, mode="rules").risk.crisis


def test_a_dated_commitment_is_a_repair_request_not_a_crisis_sign() -> None:
    result = mendkit.check(
        "I'm putting the date in my calendar with a reminder so this doesn't happen again.",
        mode="rules")
    assert "repair.request" in result.labels
    assert "risk.crisis" not in result.scores


@pytest.mark.parametrize("text", [
    "im done. with everything. with life.",
    "i'm done... with all of it... with living",
    "I'm not going to be a problem for anyone after tonight",
    "i won't be a burden to anyone after this weekend",
    "I have bruises all over but I can't tell anyone or it'll be worse",
    "i cant tell anybody or he'll make it worse for me",
    "ngl been thinking the bridge looks nice tonight",
    "the tracks have been looking really inviting lately",
    "having those thoughts again. the bad ones. about not being here",
    "been having thoughts about not existing anymore",
    "Don't worry about me, I've made my decision and I'm at peace with it",
    "I've made up my mind and I feel calm about it now.",
    "No one needs me. I've sorted my stuff so it won't be a hassle for anyone.",
    "nobody needs me anymore. sorted my things so no one has to deal with it",
    "I don't think I'll be around for your birthday",
    "dont think ill still be here for mums birthday",
])
def test_the_safety_report_misses_are_crises_in_rules_mode(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize("text", [
    "I'm done with this project",
    "im done. with work. with this week.",
    "I'm done with life admin for today, off to the pub",
    "the bridge looks nice in the snow",
    "I keep thinking the bridge looks nice at night, we should take photos",
    "I've made my decision, I'm taking the job",
    "I've made my decision and I'm at peace with it, I'm moving to Leeds in June.",
    "I won't be around for your birthday, I'm in Spain",
    "I don't think I'll be around for your birthday, I'll be away with work",
    "I can't tell anyone about the surprise party or it'll be ruined",
    "It won't be a problem for anyone after tonight, the plumber fixed the leak.",
    "I've sorted the rota so it won't be a hassle for anyone.",
    "having those thoughts again about quitting my job",
])
def test_everyday_sentences_sharing_their_words_are_not_crises(text: str) -> None:
    assert not _crisis(text)
