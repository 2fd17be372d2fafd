"""Small file helpers shared by the stores under ``MEND_HOME``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` so that a crash leaves the old file or the new one,
    never half.

    A temporary file in the same folder is written, flushed and synced, then renamed over ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", dir=path.parent)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def lock_now(fd: int) -> None:
        """Lock the open file ``fd`` for this process, or raise ``OSError`` at once if another
        holds it (the lock goes when the file is closed or the process ends)."""
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def lock_now(fd: int) -> None:
        """Lock the open file ``fd`` for this process, or raise ``OSError`` at once if another
        holds it (the lock goes when the file is closed or the process ends)."""
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
