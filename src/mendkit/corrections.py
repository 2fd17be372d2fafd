"""User corrections of detections: "this label is wrong here" or "this label is missing here".

Corrections are kept through :class:`CorrectionStorage`: in the encrypted journal when there is one
(``mendkit.journal.stores``; ``mendkit.storage`` chooses), otherwise in
``$MEND_HOME/corrections.jsonl`` (appended, flushed and synced, one JSON object a line). Nothing
leaves the machine; they can be exported as training examples in the corpus format.

A line of that file that is not a correction (say, one cut off by a crash) never costs the others:
reading skips it and says so in :attr:`CorrectionStore.warnings`, the line stays in the file for
the person to fix, and the next correction starts on a line of its own.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, Protocol

from mendkit._files import atomic_write, open_private, private_folder
from mendkit.errors import InvalidInputError
from mendkit.labels import LABELS

Verdict = Literal["wrong", "missing"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    text: str
    label: str
    verdict: Verdict
    previous: str = ""  # the turn before, when the correction is about a conversation
    source: str = ""  # what made the detection (a rule id or the model), when it was wrong
    note: str = ""
    created_at: str = ""

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:  # a hand-edited line may hold a number, null or a list
            value = getattr(self, name)
            if not isinstance(value, str):
                given = json.dumps(value, default=repr)[:40]
                raise InvalidInputError(f"{name} must be a string, got {given}")
        if self.label not in LABELS:
            raise InvalidInputError(f"unknown label {self.label!r}; expected one of {LABELS}")
        if self.verdict not in ("wrong", "missing"):
            raise InvalidInputError(f'verdict must be "wrong" or "missing", got {self.verdict!r}')
        if not self.text.strip():
            raise InvalidInputError("a correction needs the text it is about")

    @classmethod
    def from_dict(cls, fields: object) -> Correction:
        """A correction from its JSON object (a line of the file, a journal entry's body);
        ``InvalidInputError`` says what is wrong with it (an unknown or missing field, a value)."""
        if not isinstance(fields, dict):
            raise InvalidInputError("expected a JSON object")
        unknown = sorted(str(name) for name in fields if name not in _TEXT_FIELDS)
        if unknown:
            raise InvalidInputError(f"unknown field {unknown[0]!r}; expected only "
                                    f"{', '.join(_TEXT_FIELDS)}")
        missing = [name for name in ("text", "label", "verdict") if name not in fields]
        if missing:
            raise InvalidInputError(f"missing field {missing[0]!r}")
        return cls(**fields)


_TEXT_FIELDS: Final = tuple(f.name for f in dataclass_fields(Correction))


def stamped(correction: Correction) -> Correction:
    """The correction with ``created_at`` set (now, when it is not set yet)."""
    return correction if correction.created_at else Correction(
        **{**asdict(correction), "created_at": datetime.now(UTC).isoformat(timespec="seconds")})


def training_examples(corrections: Iterable[Correction]) -> list[dict[str, object]]:
    """Corrections as corpus-style turns: a wrong label is a negative, a missing one a positive
    (``{"text", "previous", "label", "present"}``). One example per occasion (the same label on
    the same text after the same turn), with the latest word on it: a correction saved twice
    would otherwise count twice in training."""
    latest: dict[tuple[str, str, str], bool] = {}
    for c in corrections:
        latest[_occasion(c)] = c.verdict == "missing"
    return [{"text": text, "previous": previous, "label": label, "present": present}
            for (text, previous, label), present in latest.items()]


def already_recorded(corrections: Iterable[Correction], correction: Correction) -> bool:
    """Whether ``correction`` adds nothing to ``corrections``: the latest one on the same
    occasion has the same verdict, and the same note or ``correction`` has none. Saving it again
    (a form sent twice, Back and send) would only store a duplicate."""
    latest = None
    for c in corrections:
        if _occasion(c) == _occasion(correction):
            latest = c
    return (latest is not None and latest.verdict == correction.verdict
            and correction.note in ("", latest.note))


def _occasion(correction: Correction) -> tuple[str, str, str]:
    return correction.text, correction.previous, correction.label


def write_export(target: str | Path, text: str, *, home: Path) -> None:
    """Write an export of the corrections to ``target``, never over one of Mend's own files.

    The journal, its key file and the corrections file live in ``home`` (``MEND_HOME``); writing
    there would destroy what is being exported. So a path in that folder is refused when it
    exists or has a name Mend uses, and a file is replaced whole (a temporary file renamed over
    it), so a failed export leaves the old one as it was.
    """
    path = Path(target)
    real, real_home = path.resolve(), home.resolve()
    ours = [home / name for name in _MEND_FILES]
    if real.is_relative_to(real_home) and real != real_home:
        inner = real.relative_to(real_home)
        if real.exists() or len(inner.parts) > 1 or inner.name.startswith(_MEND_FILES):
            raise InvalidInputError(
                f"that would write into Mend's own folder ({home}), where it keeps your data; "
                "write the export outside it, for example to ~/mend-corrections.jsonl", source=str(path))
    if real.exists() and any(mine.exists() and os.path.samefile(real, mine) for mine in ours):
        raise InvalidInputError("that is one of the files Mend keeps your data in; write the "
                                "export outside that folder", source=str(path))
    # The path as given, not ``real``: the kernel follows /dev/stdout or /dev/fd/N to the pipe or
    # device behind it, where resolve() finds a name such as "pipe:[1234]" that is no file.
    if path.is_dir():
        raise InvalidInputError("is a folder; expected a file to write the corrections to",
                                source=str(path))
    if path.exists() and not path.is_file():  # a device or a pipe: write to it as it is
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
        return
    if not real.parent.is_dir():
        raise InvalidInputError(f"there is no folder {path.parent} to write the export in",
                                source=str(path))
    atomic_write(real, text)


def is_stdout_stream(target: str | Path) -> bool:
    """Whether ``target`` (``/dev/stdout``, ``/dev/fd/1``) is this process's standard output,
    and that a pipe or terminal rather than a file: an export there is all the output, as with
    ``-``. A regular file is left to :func:`write_export`, which guards Mend's own files."""
    try:
        out = os.fstat(sys.stdout.fileno())
        return not stat.S_ISREG(out.st_mode) and os.path.samestat(os.stat(target), out)
    except (OSError, ValueError):  # no such path, or a stdout without a file (tests, IDEs)
        return False


# The names of what Mend keeps directly in MEND_HOME that an export could be mistaken for.
_MEND_FILES: Final = ("journal.db", "corrections.jsonl", "personal", "coach", ".")


class CorrectionStorage(Protocol):
    """Where corrections are kept; ``where`` says so in plain words; ``warnings`` names what the
    last read had to skip (``file:line: why``), for the caller to show."""

    warnings: list[str]

    @property
    def where(self) -> str: ...

    def add(self, correction: Correction) -> Correction: ...

    def __iter__(self) -> Iterator[Correction]: ...

    def training_examples(self) -> list[dict[str, object]]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UnreadableLine:
    """A line of the corrections file that is not a correction: its number and its bytes."""

    number: int
    raw: bytes


class CorrectionStore:
    """Corrections in a plain JSON-lines file (no journal)."""

    def __init__(self, home: Path) -> None:
        self.path = home / "corrections.jsonl"
        self.warnings: list[str] = []  # the lines the last read skipped, as "file:line: why"

    @property
    def where(self) -> str:
        return str(self.path)

    def add(self, correction: Correction) -> Correction:
        stamped_ = stamped(correction)
        line = json.dumps(asdict(stamped_), ensure_ascii=False) + "\n"
        private_folder(self.path.parent)
        # Readable by this user only, whatever the umask: it holds the messages and the notes.
        with os.fdopen(open_private(self.path, os.O_RDWR | os.O_APPEND), "a+b") as handle:
            if handle.seek(0, os.SEEK_END) > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":  # the last line was cut off by a crash
                    line = "\n" + line  # so this one starts on its own, never glued onto it
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        return stamped_

    def __iter__(self) -> Iterator[Correction]:
        return iter(self.read()[0])

    def read(self) -> tuple[list[Correction], list[UnreadableLine]]:
        """The corrections in the file, and the lines that are not one (each also named in
        :attr:`warnings`)."""
        self.warnings = []
        if self.path.is_dir():
            raise InvalidInputError("is a folder, expected the file of your corrections (one "
                                    "JSON object a line); move the folder away", source=str(self.path))
        if not self.path.is_file():
            return [], []
        found: list[Correction] = []
        unreadable: list[UnreadableLine] = []
        for number, raw in enumerate(self.path.read_bytes().split(b"\n"), 1):
            if not raw.strip():
                continue
            why = ""
            try:
                found.append(Correction.from_dict(json.loads(raw.decode("utf-8"))))
                continue
            except UnicodeDecodeError:
                why = ": not UTF-8 text"
            except InvalidInputError as exc:  # a JSON object, but not a correction
                why = f": {exc}"
            except ValueError:  # not JSON (say, cut off by a crash): the line says so itself
                pass
            unreadable.append(UnreadableLine(number=number, raw=raw))
            self.warnings.append(f"{self.path}:{number}: skipped a line that is not a "
                                 f"correction{why} (it is kept in the file; fix or delete it)")
        return found, unreadable

    def training_examples(self) -> list[dict[str, object]]:
        return training_examples(self)
