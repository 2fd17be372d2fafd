"""The commands that read and coach: ``mend analyze``, ``check``, ``coach``, ``correct`` and
``batch``, with the settings, region and personal heads they share and how a message is read
from stdin. Part of :mod:`mendkit.cli.main`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mendkit.cli.args import not_utf8

if TYPE_CHECKING:
    from pathlib import Path

    from mendkit.config import Settings
    from mendkit.corrections import CorrectionStorage
    from mendkit.models.personal import PersonalHeads


NOT_THERAPY = "Mend is a self-help and practice aid. It is not therapy or a diagnosis."

EXIT_OK, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2


def _read_message_from_stdin() -> str:
    """The message on stdin, decoded as UTF-8 (a BOM is skipped); binary data is refused."""
    from mendkit.errors import InvalidInputError

    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (tests, some IDEs)
        text = sys.stdin.read()
        try:
            raw = text.encode("utf-8", "surrogateescape")  # undecodable bytes come back
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")  # then fail to decode below
    else:
        raw = buffer.read()
    wide = _wide_text(raw)
    if wide is not None:
        return wide
    if b"\x00" in raw:
        if _utf16_without_mark(raw):
            raise InvalidInputError(
                "looks like UTF-16 text without a byte-order mark, not UTF-8: save the message "
                "as UTF-8 (or UTF-16 with its byte-order mark) and try again", source="<stdin>")
        raise InvalidInputError("looks like binary data, not a message: expected text such as "
                                "'I'm sorry I snapped at you.'", source="<stdin>")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        line, message = not_utf8(raw.removeprefix(b"\xef\xbb\xbf"))
        raise InvalidInputError(message, source="<stdin>", line=line) from None


def _utf16_without_mark(raw: bytes) -> bool:
    """Whether ``raw`` reads as UTF-16 text with no byte-order mark: an even length, and a zero
    in one of each two bytes for most of the text (ASCII and Latin-1 letters in UTF-16)."""
    if len(raw) < 4 or len(raw) % 2:
        return False
    half = len(raw) // 2
    return max(raw[0::2].count(0), raw[1::2].count(0)) >= 0.9 * half


def _wide_text(raw: bytes) -> str | None:
    """``raw`` decoded when it starts with a UTF-16 or UTF-32 byte-order mark (as Windows tools
    write text), else None; a bad sequence after the mark is refused like any undecodable text."""
    import codecs

    from mendkit.errors import InvalidInputError

    for boms, encoding in (((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
                           ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16")):
        if raw.startswith(boms):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise InvalidInputError(
                    f"not valid {encoding.upper()} text at byte {error.start:,}: expected the "
                    "message as UTF-8 (or UTF-16 with its byte-order mark)",
                    source="<stdin>") from None
    return None


def _region(args: argparse.Namespace) -> str:
    """``--region`` over ``MEND_REGION``, for a command that needs nothing else of the settings
    (so that no ``MEND_HOME`` or journal setting can keep it from showing crisis resources). A
    region Mend cannot read gets the general resources, never none, and a note on stderr."""
    from mendkit.analysis.safety import region_or_default
    from mendkit.config import region_from_env

    region, note = region_or_default(region_from_env(region=args.region))
    if note is not None:
        print(f"mend: note: {note}", file=sys.stderr)
    return region


def _settings(region: str | None) -> Settings:
    """The settings, with ``--region`` over ``MEND_REGION``, read as ``_region`` reads it."""
    from mendkit.config import Settings

    return Settings.from_env(region=_region(argparse.Namespace(region=region)))


def _personal(args: argparse.Namespace) -> PersonalHeads | None:
    """This person's heads, or None. A ``MEND_HOME`` Mend cannot use is a warning here, not an
    error: ``check`` and ``analyze`` only read it, and must still run (and show crisis
    resources) without it."""
    if args.no_personal:
        return None
    from mendkit.config import checked_home
    from mendkit.errors import ConfigError
    from mendkit.models.personal import load

    try:
        home = checked_home()
    except ConfigError as exc:
        _warn([f"{exc}; your personal heads were not used"])
        return None
    notices: list[str] = []
    heads = load(home, notices=notices)
    _warn(notices)
    return heads


def _analyze(args: argparse.Namespace) -> int:
    from mendkit.api import analyze, load_conversation

    conversation = load_conversation(args.path, format=args.format, encoding=args.encoding,
                                     merge=args.merge)
    analysis = analyze(conversation, mode=args.mode, region=_region(args),
                       personal=_personal(args))
    from mendkit.cli import render

    if args.json:
        render.print_analysis_json(analysis)
    else:
        render.analysis(analysis, footer=NOT_THERAPY, turns=conversation.turns)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from mendkit.api import check
    from mendkit.errors import InvalidInputError

    text = _read_message_from_stdin() if args.text == "-" else args.text
    if not text.strip():
        raise InvalidInputError("expected a message to check, got an empty one")
    _within_limits(text, args.context)
    result = check(text, region=_region(args), context=tuple(args.context),
                   mode=args.mode, personal=_personal(args))
    from mendkit.cli import render

    if args.json:
        render.print_json(result.to_dict())
    else:
        render.check(result, footer=NOT_THERAPY)
    return EXIT_OK


def _within_limits(text: str, context: Sequence[str]) -> None:
    """The sizes ``POST /api/check`` takes, so that the two agree (and a huge message is refused
    at once, not after minutes and gigabytes of reading)."""
    from mendkit.api import MAX_CONTEXT, MAX_MESSAGE, too_long
    from mendkit.errors import InvalidInputError

    if len(text) > MAX_MESSAGE:
        raise InvalidInputError(too_long("the message", len(text)))
    for n, message in enumerate(context, 1):
        if len(message) > MAX_MESSAGE:
            raise InvalidInputError(too_long(f"--context message {n}", len(message)))
    if len(context) > MAX_CONTEXT:
        raise InvalidInputError(f"expected at most {MAX_CONTEXT} --context messages, got "
                                f"{len(context)}: give the most recent ones")


def _coach(args: argparse.Namespace) -> int:
    from mendkit.cli.coach import coach, pair, read_answers, show_exchange
    from mendkit.cli.journal import linked_sessions, say_where_saved, stores
    from mendkit.errors import InvalidInputError

    two = [name for name, given in (("--pair", args.pair), ("--join", args.join is not None))
           if given]
    others = [*two, *(["--exchange"] if args.exchange is not None else [])]
    if args.resume and others:
        raise InvalidInputError(f"--resume continues a one-person session and cannot go with "
                                f"{' or '.join(others)}; use one of them at a time")
    if args.exchange is not None and two:
        raise InvalidInputError(f"--exchange shows what both people shared and cannot go with "
                                f"{' or '.join(two)}; answer first, then run --exchange alone")
    if len(two) == 2:
        raise InvalidInputError("--pair starts a two-person session and --join joins one; use "
                                "one of them")
    if args.attachment and two:
        raise InvalidInputError(f"--attachment tailors a one-person session and cannot go with "
                                f"{two[0]}; leave it out")
    if args.rel is not None and others:
        raise InvalidInputError(f"--rel saves a one-person session under a relationship and "
                                f"cannot go with {' or '.join(others)}; leave it out")
    settings = _settings(args.region)
    if args.answers:
        read_answers(args.answers)  # a bad answers file fails before the journal is opened
    with stores(settings.home) as found:
        if args.exchange is not None:
            return show_exchange(found.pairs, args.exchange, region=settings.region)
        if two:
            return pair(found.pairs, code=args.join, answers=args.answers,
                        region=settings.region)
        sessions = linked_sessions(found, args.rel)
        code = coach(sessions, resume=args.resume, answers=args.answers,
                     attachment=args.attachment, region=settings.region)
        say_where_saved(sessions)
        return code


def _correct(args: argparse.Namespace) -> int:
    from mendkit.cli.journal import stores
    from mendkit.config import Settings
    from mendkit.errors import InvalidInputError

    home = Settings.from_env().home
    if args.export and (args.text or args.label):
        raise InvalidInputError("--export writes the corrections already saved and takes no "
                                "message or --label; save the correction first, then export")
    if not args.export and (not args.text or not args.label):
        raise InvalidInputError("expected the message and --label (or --export FILE)")
    if not args.export:
        from mendkit.labels import LABELS

        if args.label not in LABELS:  # in both modes, before the message is analysed
            raise InvalidInputError(f"unknown label {args.label!r}; expected one of "
                                    f"{', '.join(LABELS)}")
        if args.text == "-":  # the message on stdin, as `mend check -`
            args.text = _read_message_from_stdin().strip()
            if not args.text:
                raise InvalidInputError("expected the message to correct on stdin, got an empty "
                                        "one", source="<stdin>")
    with stores(home) as found:
        return _save_correction(args, home, found.corrections)


def _save_correction(args: argparse.Namespace, home: Path, store: CorrectionStorage) -> int:
    import json

    from mendkit.corrections import Correction, Verdict, is_stdout_stream, write_export
    from mendkit.errors import InvalidInputError

    if args.export:
        examples = store.training_examples()
        _warn(store.warnings)
        lines = "".join(json.dumps(example, ensure_ascii=False) + "\n" for example in examples)
        # stdout, as `mend journal export -`; /dev/stdout too, with no summary mixed into it
        if args.export == "-" or is_stdout_stream(args.export):
            sys.stdout.write(lines)
            return EXIT_OK
        write_export(args.export, lines, home=home)  # never over the journal or Mend's files
        print(f"wrote {len(examples)} {'correction' if len(examples) == 1 else 'corrections'} "
              f"to {args.export}")
        return EXIT_OK
    verdict: Verdict = "missing" if args.missing else "wrong"
    same = [c for c in store if (c.text, c.previous, c.label) == (args.text, args.previous,
                                                                  args.label)]
    if same and (same[-1].verdict, same[-1].note) == (verdict, args.note):
        print(f"already saved: {args.label} is {verdict} here ({store.where}); nothing added")
        return EXIT_OK
    source = ""
    if not args.missing:
        from mendkit.api import check
        from mendkit.models.personal import load

        notices: list[str] = []
        found = check(args.text, context=(args.previous,) if args.previous else (),
                      personal=load(home, notices=notices))
        _warn(notices)
        if args.label not in found.labels:
            if args.previous:
                raise InvalidInputError(f"Mend does not find {args.label} in that message after "
                                        "the --previous one; use --missing if it should")
            raise InvalidInputError(
                f"Mend does not find {args.label} in that message on its own; if it was found in "
                "a conversation, pass the message before it with --previous; if it should be "
                "found, use --missing")
        source = ", ".join(sorted({e.source for e in found.evidence if e.label == args.label}))
    saved = store.add(Correction(text=args.text, label=args.label, verdict=verdict,
                                 previous=args.previous, source=source, note=args.note))
    print(f"saved: {saved.label} is {saved.verdict} here ({store.where})")
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mendkit.batch import BatchSettings, run_batch
    from mendkit.errors import InvalidInputError

    out = Path(args.out)
    workers = args.workers if args.workers is not None else os.cpu_count() or 1
    from mendkit.config import home_from_env
    from mendkit.models.personal import personal_dir

    heads = personal_dir(home_from_env()) / "heads.json"
    settings = BatchSettings(mode=args.mode, region=_region(args), workers=workers,
                             scheduler=args.scheduler, dask_local=args.dask_local,
                             chunk=args.chunk, resume=args.resume, encoding=args.encoding,
                             merge=args.merge,
                             out_format=args.to or ("jsonl" if out.suffix == ".jsonl"
                                                    else "parquet"),
                             personal_heads=str(heads) if heads.is_file() else None)
    if settings.personal_heads is not None:
        print(f"note: batch runs Mend's shipped engine, without your personal heads ({heads}), "
              "so that a run is the same for anyone; `mend analyze` uses them", file=sys.stderr)
    if args.workers is not None and (args.dask_local or args.scheduler):
        raise InvalidInputError("--workers is for local processes; with --dask-local N give the "
                                "number of workers as N, and with --scheduler the cluster has "
                                "its own")
    from mendkit.cli import render

    def warn(line: str) -> None:
        _warn([line])

    if args.no_progress:
        report = run_batch(Path(args.input), out, settings, warn=warn)
    else:
        from mendkit.batch.inputs import count_conversations

        total = count_conversations(Path(args.input)) if Path(args.input).exists() else None
        with render.BatchProgress(total) as progress:
            report = run_batch(Path(args.input), out, settings, progress, warn=warn)
    render.batch_report(report, str(out))
    return EXIT_OK


def _warn(warnings: list[str]) -> None:
    """Lines of a file that were skipped, said on stderr (the rest of the file was used)."""
    for warning in warnings:
        print(f"mend: warning: {warning}", file=sys.stderr)
