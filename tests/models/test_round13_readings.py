"""The classifier's cache of recent readings, and the pipeline that runs the model beside the rules.

A person re-checks a draft with the same context, and the coach screens a draft before the critic
reads it: the same turn with the same turn before it is read again. The cache answers those from
the reading it already made. It must give exactly what a fresh run gives, stay within its size,
and never answer for a different text or context.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import numpy as np
import pytest

from mendkit.errors import InvalidInputError
from mendkit.models.classifier import ReadingCache, TurnClassifier, default_classifier


class CountingSession:
    """onnxruntime's session, counting its runs."""

    def __init__(self, session: Any) -> None:
        self._session = session
        self.runs = 0
        self._lock = threading.Lock()

    def run(self, outputs: Any, feeds: Any) -> Any:
        with self._lock:
            self.runs += 1
        return self._session.run(outputs, feeds)


def counted(size: int) -> tuple[TurnClassifier, CountingSession]:
    shipped = default_classifier()
    session = CountingSession(shipped.session)
    return dataclasses.replace(shipped, session=session, cache=ReadingCache(size)), session


PAIRS = [
    ("Fine.", "You never listen to me."),
    ("Fine.", "Shall we meet at six by the station?"),
    ("I'm sorry I snapped at you.", ""),
    ("ok", "Fine."),
    ("whatever.", "ok"),
]


def test_a_cached_reading_is_exactly_a_fresh_one() -> None:
    cached, _ = counted(16)
    fresh, _ = counted(0)
    for text, previous in PAIRS * 2:  # the second time round, from the cache
        assert np.array_equal(cached.probabilities(text, previous), fresh.probabilities(text, previous))


def test_the_same_turn_and_context_is_read_once() -> None:
    clf, session = counted(16)
    first = clf.probabilities("Fine.", "You never listen to me.")
    again = clf.probabilities("Fine.", "You never listen to me.")
    assert session.runs == 1
    assert np.array_equal(first, again)


def test_another_context_or_a_split_elsewhere_is_another_reading() -> None:
    clf, session = counted(16)
    clf.probabilities("Fine.", "You never listen to me.")
    clf.probabilities("Fine.", "Shall we meet at six by the station?")
    clf.probabilities("Fine.")
    # The same characters in all, cut in a different place: not the same turn and context.
    clf.probabilities("ok then", "fine")
    clf.probabilities("ok the", "nfine")
    assert session.runs == 5
    assert len(clf.cache) == 5


def test_the_cache_keeps_at_most_its_size_and_forgets_the_least_recently_used() -> None:
    clf, session = counted(3)
    for text, previous in PAIRS[:3]:
        clf.probabilities(text, previous)
    clf.probabilities(*PAIRS[0])  # used again: now the most recent
    clf.probabilities(*PAIRS[3])  # a fourth: the least recently used (PAIRS[1]) goes
    assert len(clf.cache) == 3
    runs = session.runs
    clf.probabilities(*PAIRS[0])
    clf.probabilities(*PAIRS[3])
    assert session.runs == runs  # both still there
    clf.probabilities(*PAIRS[1])
    assert session.runs == runs + 1  # forgotten, read again
    assert len(clf.cache) == 3


def test_a_size_of_zero_caches_nothing() -> None:
    clf, session = counted(0)
    for _ in range(3):
        clf.probabilities("Fine.", "You never listen to me.")
    assert session.runs == 3
    assert len(clf.cache) == 0


def test_changing_a_reading_one_was_given_does_not_change_the_next() -> None:
    clf, _ = counted(4)
    first = clf.probabilities("Fine.", "You never listen to me.")
    kept = first.copy()
    first[:] = 0.0
    assert np.array_equal(clf.probabilities("Fine.", "You never listen to me."), kept)


def test_clear_forgets_every_reading() -> None:
    clf, session = counted(8)
    clf.probabilities("Fine.", "You never listen to me.")
    clf.cache.clear()
    assert len(clf.cache) == 0
    clf.probabilities("Fine.", "You never listen to me.")
    assert session.runs == 2


def test_a_negative_size_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="cache size"):
        ReadingCache(-1)


def test_the_shipped_classifier_caches_and_its_size_is_a_load_option() -> None:
    assert default_classifier().cache.size > 0
    small = TurnClassifier.load(cache_size=2, threads=2)
    assert small.cache.size == 2
    assert small.session.get_session_options().intra_op_num_threads == 2
    assert np.array_equal(
        small.probabilities("Fine.", "You never listen to me."),
        counted(0)[0].probabilities("Fine.", "You never listen to me."),
    )
