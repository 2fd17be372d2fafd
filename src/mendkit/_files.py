"""Small file helpers shared by the stores under ``MEND_HOME``."""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600  # what Mend keeps for one person: readable by its owner only
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and any missing folders above it), each readable by this user only
    (0700, whatever the umask). Folders that exist already are left as they are."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:  # made meanwhile by another process
            continue
        os.chmod(made, PRIVATE_FOLDER)  # mkdir's mode is narrowed by the umask, never widened


def open_private(path: Path, flags: int) -> int:
    """``os.open`` of ``path`` (``O_CREAT`` added), created readable by this user only (0600,
    whatever the umask); a regular file that was readable by others is made private too."""
    fd = os.open(path, flags | os.O_CREAT, PRIVATE_FILE)
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
            os.fchmod(fd, stat.S_IMODE(info.st_mode) & ~0o077)
    except BaseException:
        os.close(fd)
        raise
    return fd


def make_private(path: Path) -> None:
    """Take away the group's and others' access to ``path``, when it is there (and ours to
    change)."""
    try:
        info = path.stat()
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError:  # gone meanwhile, or not ours to change: nothing to tighten
        pass


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` so that a crash leaves the old file or the new one,
    never half.

    A temporary file in the same folder is written, flushed and synced, then renamed over ``path``.
    The file is readable by this user only (``mkstemp`` makes it 0600), and so is any folder made
    for it.
    """
    private_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX,
                                   dir=path.parent)
    except OSError as exc:
        raise naming(exc, path) from None
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise naming(exc, path) from None
        raise


TEMP_SUFFIX = ".tmp"


def temp_beside(path: Path) -> Path:
    """A name for a temporary file beside ``path``, not taken yet, in the pattern of
    :func:`atomic_write`'s own (``.NAME.PID-XXXXXXXX.tmp``), so that
    :func:`remove_stale_temps` knows it for Mend's once its process is gone."""
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")
        if not os.path.lexists(tmp):
            return tmp


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the temporary files that a Mend process, killed before it could clean up, left
    beside ``path`` (an export or a backup there holds every entry, in plain text for an export),
    and say which were removed. Only names in Mend's exact pattern for ``path`` are touched
    (``.NAME.PID-XXXXXXXX.tmp``, with ``-journal`` or ``.kdf.json`` after it for a backup's), and
    only those of a process that is no longer running."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)-[a-z0-9_]{{8}}"
                         rf"{re.escape(TEMP_SUFFIX)}(-journal|\.kdf\.json)?")
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in sorted(names):
        found = pattern.fullmatch(name)
        if found is None or _running(int(found.group(1))):
            continue
        stale = path.with_name(name)
        try:
            if stat.S_ISREG(stale.lstat().st_mode):
                stale.unlink()
                removed.append(stale)
        except OSError:  # gone meanwhile, or not ours to remove
            continue
    return removed


def _running(pid: int) -> bool:
    """Whether process ``pid`` is running (this one, or one that may be using its files)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows: no cheap check; keep its files
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or a number no process has): left alone
    return True


def naming(exc: OSError, path: Path) -> OSError:
    """``exc`` as the error of writing ``path`` (a full disk says no file name, and a temporary
    file's name means nothing to the person), so that it can be reported as theirs to fix."""
    if exc.filename == str(path) or exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(path))


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
