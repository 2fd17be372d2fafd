"""Where a conversation's text comes from: a file or stdin, decoded lazily into numbered lines.

A :class:`TextSource` owns decoding and reads its input once: a pipe given as a path (a FIFO, or a
shell's ``<(...)``) is read as stdin is, its head kept for detection and the rest read after it.
It sniffs a byte-order mark (UTF-8, UTF-16, UTF-32), refuses
binary files, decodes UTF-8 strictly (a bad byte is reported with its line and a hint to pass
``--encoding``) and yields lines one at a time, so a large export is never held in memory whole.
CRLF, LF and lone CR line endings all work.

An encoding given (``--encoding``) never overrides what the bytes say for certain: a byte-order
mark always decides, and with a legacy encoding that keeps ASCII as it is (cp1252, latin-1,
Shift JIS...) each line that is valid UTF-8 is read as UTF-8, the others in the encoding given.
Text in such an encoding is almost never valid UTF-8 once it holds a byte above 127, and a line
of ASCII reads the same either way; so one ``--encoding cp1252`` for a folder that mixes
encodings reads its UTF-8 files as they are instead of turning them into mojibake ("Iâ€™m").
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO

from mendkit.errors import InvalidInputError

STDIN_NAME = "<stdin>"
HEAD_BYTES = 8192

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\x1b")
# Undecodable input in a UTF-16/32 file: the decoder reads ahead of the lines it yields, so an
# error is marked in the text (a lone surrogate, which strict decoding never yields) and reported
# at the line that holds the mark.
_MARK_ERRORS = "mendkit.mark"
_HALF, _CUT, _NOT_A_CHARACTER = chr(0xDFFF), chr(0xDFFE), chr(0xDFFD)
_MARKS = {_HALF: "half of a surrogate pair", _CUT: "a character cut short at the end",
          _NOT_A_CHARACTER: "a value that is not a character"}


def _mark(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if "surrogate" in exc.reason or exc.reason == "illegal encoding":
        return _HALF, exc.end
    if "truncated" in exc.reason or "end of data" in exc.reason:
        return _CUT, exc.end
    return _NOT_A_CHARACTER, exc.end


codecs.register_error(_MARK_ERRORS, _mark)


class Line(NamedTuple):
    """One decoded line, without its line ending. ``number`` is 1-based."""

    number: int
    text: str


class TextSource:
    """A file path or stdin (``"-"``), readable once as lines or as one string.

    ``name`` is what error messages show: the path as given, or ``<stdin>``.
    """

    def __init__(self, source: str | Path, *, encoding: str | None = None) -> None:
        self.is_stdin = str(source) == "-"
        self.path = None if self.is_stdin else Path(source)
        self.name = STDIN_NAME if self.is_stdin else str(source)
        self.requested_encoding = encoding
        self._kept_head: bytes | str | None = None  # stdin's or a pipe's head, read only once
        self._stream: BinaryIO | None = None  # a pipe given as a path, open since its head was read
        self._consumed = False
        self._head_text: str | None = None
        self._encoding = "utf-8"
        # The legacy encoding given for lines that are not valid UTF-8 (see the module docstring).
        self._legacy: str | None = None
        self._from_bom = False

    # -- sniffing ---------------------------------------------------------------------------
    def head(self) -> str:
        """The first few KiB decoded leniently (for format detection). Refuses binary data."""
        if self._head_text is None:
            raw = self._read_head()
            if isinstance(raw, str):
                text = raw
            else:
                self._encoding = self._encoding_for(raw)
                decoder = codecs.getincrementaldecoder(self._encoding)(errors="replace")
                try:
                    if self._legacy is not None:
                        text = _lenient_lines(raw, self._legacy)
                    else:
                        text = decoder.decode(raw, final=False).removeprefix("\ufeff")
                except UnicodeError as exc:  # a codec that cannot read text leniently
                    self.close()
                    raise InvalidInputError(
                        f"the text cannot be decoded as {self._encoding} ({exc}); pass the right "
                        "encoding with --encoding", source=self.name,
                    ) from None
            with _closed_on_error(self._stream):
                _refuse_binary(text, self.name)
            self._head_text = text
        return self._head_text

    def _read_head(self) -> bytes | str:
        if self.is_stdin:
            if self._kept_head is None:
                self._kept_head = _stdin().read(HEAD_BYTES)
            return self._kept_head
        assert self.path is not None
        try:
            fh = self.path.open("rb")
            if fh.seekable():
                with fh:
                    return fh.read(HEAD_BYTES)
            # A pipe cannot be opened again and read from the start: keep it open for lines().
            with _closed_on_error(fh):
                head = fh.read(HEAD_BYTES)
            if len(head) < HEAD_BYTES:
                fh.close()  # all of it is in the head
                self._stream = io.BytesIO()
            else:
                self._stream = fh
            self._kept_head = head
            return head
        except FileNotFoundError:
            raise InvalidInputError("no such file", source=self.name) from None
        except IsADirectoryError:
            raise InvalidInputError("expected a file, found a folder", source=self.name) from None
        except OSError as exc:
            raise InvalidInputError(
                f"cannot read the file: {exc.strerror}", source=self.name
            ) from None

    def close(self) -> None:
        """Close a pipe kept open since its head was read (when it will not be read after all)."""
        if self._stream is not None:
            self._stream.close()

    def _encoding_for(self, head: bytes) -> str:
        for bom, encoding in _BOMS:  # a byte-order mark wins over any encoding given
            if head.startswith(bom):
                self._from_bom = True
                return encoding
        if self.requested_encoding:
            name = codecs.lookup(self.requested_encoding).name
            if name in ("utf-16", "utf-32") and head:  # (a mark would have been found above)
                self.close()  # the plain name reads the byte order from the byte-order mark
                what = "input" if self.is_stdin else "file"
                raise InvalidInputError(
                    f"the {what} does not start with a {name.upper()} byte-order mark; pass "
                    f"--encoding {name}-le or {name}-be",
                    source=self.name,
                )
            if name in ("utf-8", "utf-8-sig"):
                return "utf-8-sig"
            if _ascii_compatible(name):  # UTF-8 where a line is valid UTF-8, else this
                self._legacy = name
                return "utf-8"
            return name  # UTF-16 or UTF-32 in a named byte order, say: as given
        return "utf-8"

    # -- reading ----------------------------------------------------------------------------
    def lines(self) -> Iterator[Line]:
        """Yield the decoded lines, numbered from 1, without line endings."""
        self.head()  # refuses binary input before anything is parsed
        if self._consumed:
            raise RuntimeError(f"{self.name} has already been read")
        self._consumed = True
        if self._stream is not None:
            with self._stream as pipe:
                yield from self._after_head(self._kept_head, pipe)
            return
        if not self.is_stdin:
            assert self.path is not None
            with self.path.open("rb") as fh:
                yield from _numbered(self._decoded(fh))
            return
        yield from self._after_head(self._kept_head, _stdin())

    def _after_head(self, head: bytes | str | None, stream: BinaryIO | TextIO) -> Iterator[Line]:
        """The lines of a stream read once (stdin, a pipe): the head already read, then the rest."""
        if isinstance(head, str):  # a text stream without a binary buffer (tests, IDEs)
            text_stream: TextIO = stream  # type: ignore[assignment]
            first = io.StringIO(head + text_stream.readline(), newline="")
            yield from _numbered(itertools.chain(first, text_stream))
            return
        assert head is not None
        binary: BinaryIO = stream  # type: ignore[assignment]
        if _ascii_compatible(self._encoding):
            chained = itertools.chain(io.BytesIO(head + binary.readline()), binary)
            yield from _numbered(self._decode_by_line(chained))
        else:  # UTF-16/32 on stdin is rare: buffer it rather than re-implement line splitting
            yield from _numbered(self._decoded(io.BytesIO(head + binary.read())))

    def read_text(self) -> str:
        """The whole text at once (for single-document formats such as JSON)."""
        return "\n".join(line.text for line in self.lines())

    def _decoded(self, fh: BinaryIO) -> Iterator[str]:
        if _ascii_compatible(self._encoding):
            yield from self._decode_by_line(fh)
            return
        wrapper = io.TextIOWrapper(fh, encoding=self._encoding, errors=_MARK_ERRORS, newline="")
        count = 0
        try:
            for text in wrapper:
                count += _line_count(text)
                found = next((mark for mark in _MARKS if mark in text), None)
                if found is not None:
                    raise self._damaged(text, found, count)
                yield text
        except UnicodeError as exc:  # a codec without error handlers (rare)
            raise InvalidInputError(
                f"the text cannot be decoded as {self._encoding} ({exc}); "
                "pass the right encoding with --encoding",
                source=self.name, line=count + 1,
            ) from None
        finally:
            wrapper.detach()

    def _damaged(self, text: str, mark: str, count: int) -> InvalidInputError:
        """The error for a line of a UTF-16/32 (or other wide) text that holds a bad sequence."""
        before = text[: text.index(mark)]
        line = count - _line_count(text) + 1 + before.count("\r")
        what = f"an invalid {self._encoding.upper()} sequence ({_MARKS[mark]})"
        if self._from_bom or self.requested_encoding is None:  # the file is damaged
            advice = "so the file looks damaged: save it again from the program that made it"
        else:
            advice = "so it may be in another encoding: pass the right one with --encoding"
        return InvalidInputError(f"the text holds {what}, {advice}", source=self.name, line=line)

    def _decode_by_line(self, fh: Iterable[bytes]) -> Iterator[str]:
        encoding = "utf-8" if self._encoding == "utf-8-sig" else self._encoding
        for number, raw in enumerate(fh, start=1):
            data = raw
            if number == 1 and data.startswith(codecs.BOM_UTF8) and encoding == "utf-8":
                data = data[len(codecs.BOM_UTF8) :]
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                if self._legacy is None:
                    raise _decode_error(exc, data, encoding, self.name, number) from None
                try:
                    text = data.decode(self._legacy)
                except UnicodeDecodeError as again:
                    raise _decode_error(again, data, self._legacy, self.name, number) from None
            yield text


@contextlib.contextmanager
def _closed_on_error(stream: BinaryIO | None) -> Iterator[None]:
    """Close ``stream`` (a pipe kept open for reading) if the block fails."""
    try:
        yield
    except BaseException:
        if stream is not None:
            stream.close()
        raise


def _numbered(raw_lines: Iterable[str]) -> Iterator[Line]:
    number = 0
    for raw in raw_lines:
        stripped = raw.rstrip("\n").removesuffix("\r")
        if "\r" in stripped:  # classic Mac line endings, or a stray CR inside a line
            for part in stripped.split("\r"):
                number += 1
                yield Line(number, part)
        else:
            number += 1
            yield Line(number, stripped)


def _line_count(raw: str) -> int:
    """How many lines :func:`_numbered` makes of one raw line (a lone CR also ends a line)."""
    return raw.rstrip("\n").removesuffix("\r").count("\r") + 1


def _stdin() -> BinaryIO | TextIO:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else sys.stdin


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "\n:a".encode(encoding) == b"\n:a"
    except (UnicodeError, LookupError):
        return False


def _lenient_lines(raw: bytes, legacy: str) -> str:
    """The head of a file read with a legacy encoding, decoded leniently as its lines will be:
    each line as UTF-8 where it is valid UTF-8 (the last may end in a character cut short at the
    head's end), else in ``legacy``."""
    parts = raw.splitlines(keepends=True)
    text: list[str] = []
    for number, part in enumerate(parts, start=1):
        try:
            if number == len(parts):
                text.append(codecs.getincrementaldecoder("utf-8")().decode(part, final=False))
            else:
                text.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            text.append(part.decode(legacy, errors="replace"))
    return "".join(text)


def _refuse_binary(head: str, name: str) -> None:
    if not head:
        return
    # Undecodable bytes alone (U+FFFD) are more likely text in another encoding, which the line
    # decoder reports with an --encoding hint; control characters are what text never has.
    controls = sum(1 for ch in head if ch < " " and ch not in _TEXT_CONTROLS)
    if "\x00" in head or controls > len(head) * 0.05:
        hint = ""
        if head.count("\x00") * 3 > len(head):
            hint = " (if it is UTF-16 text without a byte-order mark, pass --encoding utf-16-le)"
        raise InvalidInputError(
            "looks like a binary file, not a conversation: expected text such as "
            f"'Ana: I waited an hour.'{hint}",
            source=name,
        )


def _decode_error(
    exc: UnicodeDecodeError, raw: bytes, encoding: str, name: str, number: int
) -> InvalidInputError:
    column = len(raw[: exc.start].decode(encoding, errors="replace")) + 1
    byte = raw[exc.start : exc.start + 1].hex()
    if encoding == "utf-8":
        message = (
            f"byte 0x{byte} at column {column} is not valid UTF-8; if the file was saved in "
            "another encoding, pass it with --encoding (for example --encoding cp1252)"
        )
    else:
        message = (
            f"byte 0x{byte} at column {column} cannot be decoded as {encoding}; "
            "pass the right encoding with --encoding"
        )
    return InvalidInputError(message, source=name, line=number)


def check_encoding(encoding: str | None) -> None:
    """Refuse an unknown encoding name early, with the name in the message."""
    if encoding is None:
        return
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InvalidInputError(
            f"unknown encoding {encoding!r}: expected a name such as utf-8, cp1252 or utf-16"
        ) from None
    if not _reads_text(info):  # rot13, base64, zlib, idna: codecs, but not for a file's text
        raise InvalidInputError(
            f"{encoding!r} is not a text encoding: expected a name such as utf-8, cp1252 or "
            "utf-16"
        )


def _reads_text(info: codecs.CodecInfo) -> bool:
    """Whether a codec decodes bytes into text, leniently and with marked errors, as needed."""
    if not getattr(info, "_is_text_encoding", True):
        return False
    try:
        sample = "Ana: hi\n".encode(info.name)
        for errors in ("replace", _MARK_ERRORS):
            codecs.getincrementaldecoder(info.name)(errors=errors).decode(sample, final=True)
    except (UnicodeError, LookupError, TypeError, ValueError):
        return False
    return True
