"""Round 18: the rules compiled before a server's first request, and the spoken second reading
skipped where it is shown to read the same."""

from __future__ import annotations

import pytest

from mendkit.analysis import text as tx
from mendkit.analysis.rule_reading import _bigrams, _fold, _reads_the_same_spoken
from mendkit.analysis.rules import engine_rules


def test_compile_all_compiles_every_pattern_of_the_engine() -> None:
    rules = engine_rules()
    count = rules.compile_all()
    patterns = [p for rule in rules.rules
                for p in (*rule.patterns, *rule.exclude, *rule.after, *rule.not_after)]
    assert count == len(patterns) > 1000
    assert all(p._compiled is not None for p in patterns)


# Turns with a word that brings in the spoken reading ("like", "even", "know", "mean"): those
# the fold leaves alone, and those it cuts, by a filler the token test does not name ("uhhm"),
# a phrase of ten tokens said twice, or a filler "like".
SAME = [
    "i like you a lot",
    "i know what you mean",
    "even so, i think we should talk",
    "do you know where my keys are",
    "you're like him",
]
CUT = [
    "i know i want to uhhm die",
    "i mean i'm i've you're we're they're i'm i've you're we're they're done",
    "i've been like cutting again",
    "i don't even want to be alive",
    "like uhh i know",
    "it's hard you know [inaudible] i'm fine",
]


@pytest.mark.parametrize("turn", SAME + CUT)
def test_the_shortcut_holds_only_where_the_spoken_fold_changes_nothing(turn: str) -> None:
    lowered = tx.normalise(turn)
    folded, cuts = _fold(lowered)
    assert cuts is None
    toks = tx.tokens(folded)
    changed = _fold(lowered, spoken=True)[0] != folded
    assert _reads_the_same_spoken(lowered, toks, _bigrams(toks)) is (not changed)
    assert changed is (turn in CUT)


def test_spoken_reading_still_finds_what_the_fillers_hid() -> None:
    # "i know" brings the spoken reading in; "uhhm" is a filler no token test names.
    hits = engine_rules().find("i know, i want to uhhm die")
    assert "risk.crisis" in {h.rule.label for h in hits}
