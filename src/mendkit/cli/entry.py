"""The ``mend`` console script's target, and what counts as a Ctrl-C.

A Ctrl-C at any moment ends Mend with ``mend: interrupted`` and exit code 130, never a traceback:
also while the command's modules load (before ``main`` can catch anything), and inside a C
extension's import, which prints the interrupt itself and raises a new ``ImportError`` in its
place (onnxruntime does, when the Ctrl-C lands in its import of numpy). This module imports
nothing but the standard library, so that it is loaded before the first Ctrl-C can land.
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any

EXIT_INTERRUPTED = 130

_Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class _Watch:
    """Whether a Ctrl-C has arrived while :func:`watching` was on."""

    seen = False
    depth = 0


def is_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is the work of a Ctrl-C: a KeyboardInterrupt, an error whose cause or
    context holds one, or any error raised after a Ctrl-C arrived (an extension that prints the
    interrupt and raises its own error leaves no chain to follow)."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        if isinstance(link, KeyboardInterrupt):
            return True
        seen.add(id(link))
        link = link.__cause__ or link.__context__
    return _Watch.seen


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _Watch.seen = True
    raise KeyboardInterrupt


def _unraisable_hook(previous: Callable[[Any], object]) -> Callable[[Any], object]:
    """``sys.unraisablehook`` for a Ctrl-C raised where Python cannot pass it on (our handler
    ran inside an import lock's or a weak reference's callback): nothing printed, and the
    interrupt sent again a moment later, once the callback is over, so that Mend still stops.
    (Sent from this hook at once, it would be raised inside the hook, and printed there.)"""
    def hook(unraisable: Any) -> object:
        value = getattr(unraisable, "exc_value", None)
        if value is not None and is_interrupt(value):
            threading.Thread(target=_interrupt_soon, name="mend-interrupt-again",
                             daemon=True).start()
            return None
        return previous(unraisable)

    return hook


def _interrupt_soon() -> None:
    time.sleep(0.01)
    _thread.interrupt_main()


class Held:
    """What :func:`holding` saw: ``arrived`` is whether a Ctrl-C came while it held them back."""

    arrived = False


HOLDING_NOTE = ("mend: a change is being saved and will finish in a moment; press Ctrl-C again "
                "to stop at once")


def _hold(held: Held) -> Callable[[int, FrameType | None], None]:
    def note(signum: int, frame: FrameType | None) -> None:
        if held.arrived:  # a second Ctrl-C: the person wants out now (a wait for a lock, say)
            raise KeyboardInterrupt
        held.arrived = True
        _Watch.seen = True
        print(HOLDING_NOTE, file=sys.stderr, flush=True)

    return note


@contextmanager
def holding() -> Iterator[Held]:
    """Hold a Ctrl-C back while the block runs: a change that is being saved (a new passphrase,
    a delete) finishes, and the caller says what was done, instead of a bare ``interrupted``
    that leaves the person to guess. A Ctrl-C that arrives is noted in ``Held.arrived`` and
    said on stderr; a second one stops at once (the block may be waiting for another process's
    lock, for as long as that process holds it). The usual handler is back after the block.
    Only the main thread can hold one: elsewhere the block runs as it is."""
    held = Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous = signal.signal(signal.SIGINT, _hold(held))
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)


def _quiet_hook(previous: _Hook) -> _Hook:
    """``sys.excepthook`` less the tracebacks of a Ctrl-C that C code prints (``PyErr_Print``)
    before raising its own error: Mend says ``mend: interrupted`` instead."""
    def hook(kind: type[BaseException], value: BaseException,
             traceback: TracebackType | None) -> object:
        if is_interrupt(value):
            return None
        return previous(kind, value, traceback)

    return hook


@contextmanager
def watching() -> Iterator[None]:
    """Notice a Ctrl-C (see :func:`is_interrupt`) while the block runs; nested blocks share the
    outermost one's watch. Only the main thread can set a signal handler: elsewhere, and where
    the program chose its own handler for SIGINT, only the exception chain is followed."""
    if _Watch.depth:
        _Watch.depth += 1
        try:
            yield
        finally:
            _Watch.depth -= 1
        return
    ours = (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler)
    previous_hook, previous_unraisable = sys.excepthook, sys.unraisablehook
    if ours:
        signal.signal(signal.SIGINT, _on_sigint)
    sys.excepthook = _quiet_hook(previous_hook)
    sys.unraisablehook = _unraisable_hook(previous_unraisable)
    _Watch.seen, _Watch.depth = False, 1
    try:
        yield
    finally:
        if ours:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.excepthook, sys.unraisablehook = previous_hook, previous_unraisable
        _Watch.seen, _Watch.depth = False, 0


def run() -> int:
    """The ``mend`` command (``mendkit.cli.main.main``), with its own import guarded too. With
    ``--debug`` an error's traceback is shown, and the exit code stays the one the error has
    without it (1 for the person's input, 2 for a bug in Mend)."""
    try:
        with watching():
            try:
                from mendkit.cli.main import main  # noqa: PLC0415 (the import is what is guarded)
            except ImportError as exc:
                if not is_interrupt(exc):
                    raise
                raise KeyboardInterrupt from exc
            try:
                return main()
            except Exception as exc:  # with --debug only: the traceback, and the usual exit code
                if is_interrupt(exc):
                    raise KeyboardInterrupt from exc
                import traceback  # noqa: PLC0415 (only on this path)

                from mendkit.cli.main import exit_code  # noqa: PLC0415 (loaded above already)

                traceback.print_exception(exc)
                return exit_code(exc)
    except KeyboardInterrupt as stopped:
        _ignore_sigint()  # a second Ctrl-C cannot cut this short with a traceback
        print(interrupted(stopped), file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        # The command has finished (or been stopped): a Ctrl-C that lands while Python shuts
        # down would kill the process without a word and turn its exit code into 130.
        _ignore_sigint()


def interrupted(stopped: KeyboardInterrupt) -> str:
    """What Mend says when a Ctrl-C stopped it: ``mend: interrupted``, and what the command
    stopped left behind, when it told (``mend batch``: how to go on with the output)."""
    said = stopped.args[0] if stopped.args and isinstance(stopped.args[0], str) else ""
    return f"mend: interrupted; {said}" if said else "mend: interrupted"


def _ignore_sigint() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
