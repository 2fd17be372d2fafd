"""Values built once per process and shared by every thread (the rules index, the classifier).

``functools.lru_cache`` does not hold other callers back while the first one builds: twenty
requests reaching a fresh web server at once would each load the model (about 20 times the memory,
and every one of them slow). ``once`` makes the others wait for the first build and reuse it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import update_wrapper
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """Call ``build`` at the first call, under a lock; later calls return its value."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._done = False
        self._value: T | None = None
        update_wrapper(self, build)

    def __call__(self) -> T:
        if not self._done:  # the lock is taken only until the value exists
            with self._lock:
                if not self._done:
                    self._value = self._build()
                    self._done = True
        return self._value  # type: ignore[return-value]  # set above: T may itself allow None

    def cache_clear(self) -> None:
        """Forget the value: the next call builds it again."""
        with self._lock:
            self._done = False
            self._value = None

    def built(self) -> bool:
        """Whether the value has been built (and not cleared since)."""
        return self._done


def once(build: Callable[[], T]) -> Once[T]:
    """Decorator: ``build`` runs once, however many threads call it at the same time."""
    return Once(build)
