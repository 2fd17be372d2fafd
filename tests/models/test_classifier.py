"""The shipped classifier loads offline, reads context, and is deterministic per turn."""

from __future__ import annotations

import numpy as np

from mendkit.labels import CRISIS
from mendkit.models.classifier import OUTPUT_LABELS, available, default_classifier


def test_it_ships_with_thresholds_for_every_label() -> None:
    assert available()
    clf = default_classifier()
    assert clf.labels == OUTPUT_LABELS
    assert set(clf.thresholds) == set(OUTPUT_LABELS)
    assert all(0.0 < t < 1.0 for t in clf.thresholds.values())


def test_scores_are_probabilities_and_do_not_depend_on_other_calls() -> None:
    clf = default_classifier()
    first = clf.probabilities("Fine.", "You never listen to me.")
    clf.probabilities("Something entirely different, and much longer than the first one.")
    clf.cache.clear()  # a second run, not the first one's reading kept in the cache
    again = clf.probabilities("Fine.", "You never listen to me.")
    assert first.shape == (len(OUTPUT_LABELS),)
    assert np.all((first >= 0) & (first <= 1))
    assert np.array_equal(first, again)


def test_context_changes_the_reading_of_a_short_reply() -> None:
    clf = default_classifier()
    j = OUTPUT_LABELS.index("rupture.withdrawal")
    after_harsh = clf.probabilities("Fine.", "You're useless, you never get anything right.")[j]
    after_plan = clf.probabilities("Fine.", "Shall we meet at six by the station?")[j]
    assert after_harsh > after_plan


def test_a_plain_suicidal_statement_scores_higher_than_an_idiom() -> None:
    clf = default_classifier()
    j = OUTPUT_LABELS.index(CRISIS)
    assert clf.probabilities("I don't want to be alive anymore.")[j] > \
        clf.probabilities("This commute is killing me.")[j]



def test_one_model_run_uses_one_thread() -> None:
    # Callers run turns side by side, one core each (see the pipeline test below).
    options = default_classifier().session.get_session_options()
    assert options.intra_op_num_threads == 1


def test_previous_first_truncation_cuts_the_previous_turn_before_the_turn() -> None:
    from mendkit.models.classifier import encode_pair

    tokenizer = default_classifier().tokenizer
    turn = "I hear you, and I'm sorry I snapped at you this morning."
    before = "You always do this. " * 20
    ids, types = encode_pair(tokenizer, turn, before, 32, "previous_first")
    alone, _ = encode_pair(tokenizer, turn, "", 32, "previous_first")
    assert len(ids) == len(types) == 32
    assert ids[:len(alone) - 1] == alone[:-1]  # [CLS] turn [SEP] kept whole
    assert types.count(0) == len(alone) - 1 and ids[-1] == alone[-1]
    cut, _ = encode_pair(tokenizer, "word " * 100, before, 32, "previous_first")
    assert len(cut) == 32 and cut.count(alone[-1]) == 2  # the turn alone too long: no previous
