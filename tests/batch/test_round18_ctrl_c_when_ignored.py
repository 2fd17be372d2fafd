"""Round eighteen: the Ctrl-C test of ``mend batch`` failed now and then (``assert 0 == 130``).
Not the load: its test process ignored SIGINT, as one started in the background of a shell does
(``pytest ... &``), and as one does after a test ran ``mend`` in-process (``mend`` ignores a
Ctrl-C once its command is over). The child inherited that, Mend rightly let the Ctrl-C pass,
and the run finished. The test now gives its child SIGINT as a terminal's Ctrl-C finds it."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_round14_batch_research as round14


@pytest.fixture
def sigint_ignored() -> Iterator[None]:
    """This process ignores SIGINT while the test runs, as a background job does."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("sigint_ignored")
def test_a_child_gets_sigint_as_from_a_terminal() -> None:
    with round14._children_take_ctrl_c():
        child = subprocess.Popen(
            [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT).__name__)"],
            stdout=subprocess.PIPE, text=True)
    said, _ = child.communicate(timeout=120)
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # this process's own, put back
    assert said.strip() == "default_int_handler"


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_ignored")
def test_the_ctrl_c_test_holds_when_its_process_ignores_sigint(tmp_path: Path) -> None:
    round14.test_a_ctrl_c_says_how_to_go_on(tmp_path)
