"""``mend``: the one place where errors become exit codes (the parser is in
:mod:`mendkit.cli.parser`, the commands in :mod:`mendkit.cli.commands` and
:mod:`mendkit.cli.service_commands`).

Exit codes: 0 ok, 1 usage or input error (the message names the file, the line and what was
expected), 2 internal error. No traceback is shown unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from mendkit.cli.commands import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK
from mendkit.cli.commands import NOT_THERAPY as NOT_THERAPY  # noqa: PLC0414 (re-export)
from mendkit.cli.entry import EXIT_INTERRUPTED, interrupted, is_interrupt, watching
from mendkit.cli.parser import build_parser as build_parser  # noqa: PLC0414 (re-export)

if TYPE_CHECKING:
    from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """The ``mend`` command: its exit code. A Ctrl-C at any moment is ``mend: interrupted``."""
    # Everything Mend writes (the journal, exports, corrections, batch output) holds private
    # words: while it runs, new files and folders are its user's alone, whatever the umask.
    umask = os.umask(0o077)
    given = sys.stdout
    # A closed stdout (``>&-``) is None: the output goes nowhere, as into a pipe closed early.
    stream = given if given is not None else open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = _Stdout(stream)
    try:
        with watching():
            _tolerate_encoding(sys.stdout)
            _tolerate_encoding(sys.stderr, also="backslashreplace")  # Python's default there
            try:
                code = _main(argv)
            except SystemExit:  # argparse's --help, --version and usage errors
                if not _flushed():
                    raise SystemExit(EXIT_INPUT) from None
                raise
            except OSError as exc:  # --help or --version that could not be written
                if exc.filename != STDOUT:
                    raise
                return _report(exc)
            return code if _flushed() else EXIT_INPUT
    except KeyboardInterrupt as stopped:
        print(interrupted(stopped), file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        os.umask(umask)
        sys.stdout = given
        if given is None:
            stream.close()


STDOUT = "standard output"


class _Stdout:
    """``sys.stdout`` while Mend runs: a write it cannot make (a full disk, ``> /dev/full``) is an
    ``OSError`` naming standard output, which the person can fix, not an internal error. A closed
    pipe stays a ``BrokenPipeError``: the reader has all it wanted."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)  # type: ignore[attr-defined,no-any-return]
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, STDOUT) from None

    def flush(self) -> None:
        try:
            self._stream.flush()  # type: ignore[attr-defined]
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, STDOUT) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _flushed() -> bool:
    """Whether what the command wrote reached standard output (else the error is said)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()  # Python's own flush at exit would complain of the closed pipe
    except OSError as exc:
        _report(exc)
        return False
    return True


def _stdout_to_devnull() -> None:
    """Send what is left for standard output nowhere, so that Python's flush at exit cannot fail
    a second time (and change the exit code)."""
    import contextlib

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _show_or_replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    """The ``mend.replace`` error handler: a character the stream cannot show becomes "?"; a
    command-line byte the locale could not decode (a surrogate escape, as in a file name) goes
    back out as the byte it was, as Python's own ``surrogateescape`` does."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    part = exc.object[exc.start:exc.end]
    if all("\udc80" <= char <= "\udcff" for char in part):
        return bytes(ord(char) - 0xDC00 for char in part), exc.end
    return "?" * len(part), exc.end


def _tolerate_encoding(stream: object, *, also: str = "strict") -> None:
    """A character the stream's encoding (ascii, latin-1) cannot show is written as "?", so the
    report is written whole instead of failing half-way: with Python's usual "strict", and with
    the "surrogateescape" it takes in an ASCII locale (``LC_ALL=C`` without UTF-8 mode). JSON
    output escapes such characters itself (``render.print_json``), so it stays exact. A file
    name the locale could not decode is written back as its own bytes, never as ``\\udcc3``."""
    import codecs

    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") in ("strict",
                                                                          "surrogateescape", also):
        codecs.register_error("mend.replace", _show_or_replace)
        reconfigure(errors="mend.replace")


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_INPUT
    try:
        return handler(args)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the one place errors become exit codes
        if is_interrupt(exc):  # a Ctrl-C inside a C extension's import comes back as ImportError
            raise KeyboardInterrupt from exc
        if args.debug:
            raise
        return _report(exc)


# The optional parts of Mend: the modules each needs, and the extra that installs them.
_EXTRAS = {
    **dict.fromkeys(("sqlalchemy", "alembic", "sqlcipher3", "argon2", "cryptography",
                     "matplotlib"), ("the journal", "journal")),
    **dict.fromkeys(("fastapi", "uvicorn", "jinja2", "multipart", "python_multipart",
                     "httptools", "uvloop", "starlette"), ("the web app", "web")),
    **dict.fromkeys(("dask", "distributed", "pyarrow", "psutil"),
                    ("batch work with Parquet or Dask", "batch")),
    "psycopg": ("PostgreSQL", "postgres"),
}


def _missing_extra(exc: Exception) -> str | None:
    """What to install when ``exc`` says that a module of one of Mend's extras is missing."""
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return None
    found = _EXTRAS.get(exc.name.split(".")[0])
    if found is None:
        return None
    part, extra = found
    return (f"Mend's {extra} extra is not installed (no module named {exc.name!r}), and {part} "
            f"needs it: pip install 'mendkit[{extra}]'")


def exit_code(exc: Exception) -> int:
    """The exit code for ``exc``: 1 when it is the person's to fix, 2 for a bug in Mend."""
    return EXIT_INTERNAL if _describe(exc) is None else EXIT_INPUT


def _report(exc: Exception) -> int:
    message = _describe(exc)
    if message is None:
        print(f"mend: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in Mend. Run again with --debug for the details.", file=sys.stderr)
        return EXIT_INTERNAL
    if isinstance(exc, OSError) and exc.filename == STDOUT:
        _stdout_to_devnull()
    print(f"mend: error: {message}", file=sys.stderr)
    return EXIT_INPUT


def _describe(exc: Exception) -> str | None:
    """What went wrong, in words, when it is the person's to fix; None for a bug in Mend."""
    from mendkit.errors import AccessError, ConfigError, InvalidInputError, JournalError

    if isinstance(exc, (InvalidInputError, ConfigError, JournalError, AccessError)):
        return str(exc)
    missing = _missing_extra(exc)
    if missing is not None:
        return missing
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename}: no such file or folder"
    if isinstance(exc, (IsADirectoryError, PermissionError)):
        return f"{exc.filename}: {exc.strerror}"
    if isinstance(exc, OSError) and exc.filename is not None:
        # A file Mend cannot write there (a read-only file system, a full disk, a file where a
        # folder should be), or a name the system cannot take: the user's to change, not a bug.
        if exc.filename == STDOUT:
            return f"{STDOUT}: {(exc.strerror or str(exc)).lower()}"
        from pathlib import Path

        path = Path(exc.filename)
        found = next((p for p in (path, *path.parents) if _exists(p)), None)
        if (isinstance(exc, (NotADirectoryError, FileExistsError)) and found is not None
                and not found.is_dir()):
            return f"{found}: is a file, not a folder"
        return f"{exc.filename}: {(exc.strerror or str(exc)).lower()}"
    return None


def _exists(path: Path) -> bool:
    """``path.exists()``, false where the system cannot even look (a name too long, a loop of
    links) instead of raising."""
    try:
        return path.exists()
    except OSError:
        return False
