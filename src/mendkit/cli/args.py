"""Command-line arguments that are text: what the person typed, as UTF-8, in any locale."""

from __future__ import annotations

import argparse
import os


def text_argument(value: str) -> str:
    """An argument that is text for Mend to read, as UTF-8; refused when it is not valid UTF-8.

    Python decodes command-line bytes with the locale's encoding, and hands the bytes it cannot
    decode over as lone surrogates (``surrogateescape``): in an ASCII locale (``LC_ALL=C`` without
    UTF-8 mode) every accent arrives so. The bytes are taken back and read as UTF-8; bytes that
    are not UTF-8 would fail deep inside the model's tokenizer, so they stop here as a usage error.
    """
    try:
        raw = os.fsencode(value)  # the bytes as typed (surrogate escapes turned back)
    except UnicodeEncodeError:  # text the locale's encoding cannot hold: given as str, not bytes
        raw = None
    if raw is not None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise argparse.ArgumentTypeError("expected text, found a character that is not "
                                             "valid Unicode") from None
        line, message = not_utf8(raw)
        raise argparse.ArgumentTypeError(message if line == 1 else f"line {line}: {message}"
                                         ) from None
    return value  # decoded by a locale that is not UTF-8 (latin-1, say): what the person typed


def not_utf8(raw: bytes) -> tuple[int, str]:
    """The line (from 1) and the description of the first byte of ``raw`` that is not UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        return (raw.count(b"\n", 0, exc.start) + 1,
                f"byte 0x{raw[exc.start]:02x} at column {column} is not valid UTF-8; Mend reads "
                "messages as UTF-8 text (save or paste the message as UTF-8)")
    raise ValueError("the bytes are valid UTF-8")
