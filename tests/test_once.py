"""Values built once per process, shared by threads (``mendkit._once``)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from mendkit._once import once


def _together(fn, n=12):
    """Call ``fn`` from ``n`` threads released at the same moment; their results."""
    gate = threading.Barrier(n)

    def call(_: int):
        gate.wait()
        return fn()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(call, range(n)))


def test_concurrent_first_calls_build_once_and_share_the_value():
    builds = []

    @once
    def slow():
        builds.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive while the first builds
        return object()

    results = _together(slow)
    assert len(builds) == 1
    assert all(r is results[0] for r in results)


def test_a_failed_build_is_tried_again_and_clear_forgets():
    calls = []

    @once
    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk hiccup")
        return len(calls)

    with pytest.raises(OSError, match="hiccup"):
        flaky()
    assert not flaky.built()
    assert flaky() == 2 and flaky() == 2
    flaky.cache_clear()
    assert flaky() == 3


def test_a_none_value_is_kept():
    calls = []

    @once
    def nothing():
        calls.append(1)

    assert nothing() is None and nothing() is None
    assert calls == [1]


def test_the_shipped_classifier_loads_once_for_threads_arriving_together():
    from mendkit.models.classifier import available, default_classifier

    if not available():
        pytest.skip("this build has no classifier files")
    default_classifier.cache_clear()
    results = _together(default_classifier, n=6)
    assert all(r is results[0] for r in results)
