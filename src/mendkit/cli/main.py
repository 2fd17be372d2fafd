"""``mend``: argument parsing, and the one place where errors become exit codes.

Exit codes: 0 ok, 1 usage or input error (the message names the file, the line and what was
expected), 2 internal error. No traceback is shown unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from mendkit._version import __version__
from mendkit.cli.args import not_utf8, text_argument
from mendkit.cli.entry import EXIT_INTERRUPTED, interrupted, is_interrupt, watching

if TYPE_CHECKING:
    from pathlib import Path

    from _typeshed import SupportsWrite

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


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors exit with code 1, like other input errors, suggest
    the nearest command, choice or option, and show the usage of the command they are about."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"mend: error: {message}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message and file is not None and file is sys.stdout:
            file.write(message)  # argparse would hide a failed write (--help > /dev/full)
        else:
            super()._print_message(message, file)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is not None and isinstance(value, str) and value not in choices:
            import difflib

            close = difflib.get_close_matches(value, [str(c) for c in choices], n=1)
            if close:
                raise argparse.ArgumentError(action, f"invalid choice: {value!r}; did you mean "
                                             f"{close[0]!r}?")
        super()._check_value(action, value)

    def parse_known_args(  # type: ignore[override]
            self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        # A command's own parser (one without subcommands) owns the arguments left over, so the
        # error shows its usage line, not the top-level one.
        if extras and self._subparsers is None and self.prog != "mend":
            import difflib

            options = [o for o in self._option_string_actions if o.startswith("--")]
            hints = [f"did you mean {close[0]}?" for extra in extras if extra.startswith("-")
                     for close in [difflib.get_close_matches(extra.split("=")[0], options, n=1)]
                     if close]
            self.error(f"unrecognized arguments: {' '.join(extras)}"
                       + (f" ({'; '.join(hints)})" if hints else ""))
        return parsed, extras


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mend",
        description="Find ruptures and repairs in conversations, with evidence you can check. "
        + NOT_THERAPY,
    )
    parser.add_argument("--version", action="version", version=f"mend {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", aliases=["analyse"],
                       help="analyse a conversation file (or - for stdin)",
                       description="Label every turn with rupture and repair markers and their "
                       "evidence, then group them into episodes.")
    p.add_argument("path", help="a conversation file, a Slack or ConvoKit folder, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the JSON contract object")
    p.add_argument("--format", help="the input format (default: from the extension or content); "
                   "one of text, vtt, srt, json, jsonl, csv, whatsapp, slack, convokit")
    p.add_argument("--encoding", help="the file's text encoding if not UTF-8 (e.g. cp1252)")
    p.add_argument("--merge", action=argparse.BooleanOptionalAction, default=True,
                   help="in a VTT or SRT transcript, read consecutive cues by the same speaker "
                   "as one turn, as captioners cut one person's speech into several cues "
                   "(default); --no-merge keeps one turn per cue")
    p.add_argument("--mode", choices=("full", "rules"), default="full",
                   help="full (default: rules and the shipped model) or rules only")
    p.add_argument("--region", help="crisis resources region, e.g. US, GB, IE (default: "
                   "$MEND_REGION or a general list)")
    p.add_argument("--no-personal", action="store_true",
                   help="ignore the heads `mend train` fitted on your corrections")
    p.set_defaults(handler=_analyze)

    p = sub.add_parser("check", help="score one message as a repair (or - for stdin)",
                       description="Score a draft (or a message you received): labels, "
                       "repair quality, what to change and why, and safety.")
    p.add_argument("text", type=text_argument, help="the message, or - to read it from stdin")
    p.add_argument("--json", action="store_true", help="print the JSON contract object")
    p.add_argument("--context", action="append", default=[], metavar="TEXT", type=text_argument,
                   help="a message that came before (repeatable, oldest first)")
    p.add_argument("--region", help="crisis resources region, e.g. US, GB, IE")
    p.add_argument("--mode", choices=("full", "rules"), default="full",
                   help="full (default: rules and the shipped model) or rules only")
    p.add_argument("--no-personal", action="store_true",
                   help="ignore the heads `mend train` fitted on your corrections")
    p.set_defaults(handler=_check)

    p = sub.add_parser("coach", help="walk through the Healing Cycle for one rupture",
                       description="Recognise, regulate, take responsibility, express "
                       "vulnerability, rebuild trust: one step at a time, saved as you go. "
                       + NOT_THERAPY)
    p.add_argument("--resume", nargs="?", const="latest", metavar="ID",
                   help="continue a saved session (the latest open one without ID)")
    p.add_argument("--answers", metavar="FILE",
                   help="take the answers from a JSON list instead of the keyboard")
    p.add_argument("--attachment", choices=("anxious", "avoidant", "disorganised"),
                   help="tailor the steps to a pattern you recognise in yourself (optional)")
    p.add_argument("--region", help="crisis resources region, e.g. US, GB, IE")
    p.add_argument("--pair", action="store_true",
                   help="two-person mode: answer privately and get a code for the other person")
    p.add_argument("--join", metavar="CODE", help="two-person mode: answer with the other's code")
    p.add_argument("--exchange", metavar="CODE",
                   help="two-person mode: lay out what both of you chose to share")
    p.add_argument("--rel", type=int, metavar="ID",
                   help="save the session in your journal under this relationship (without it, "
                   "under the relationship whose name is your answer to who it is about, if "
                   "there is exactly one)")
    p.set_defaults(handler=_coach)

    p = sub.add_parser("correct", help="mark a detection wrong, or a label missing",
                       description="Save a correction on your machine (nothing leaves it): "
                       "in the journal when there is one, else in $MEND_HOME/corrections.jsonl. "
                       "`mend correct --export FILE` writes them all as training examples.")
    p.add_argument("text", nargs="?", type=text_argument,
                   help="the message the correction is about ('-' reads it from stdin)")
    p.add_argument("--label", type=text_argument, help="the label, e.g. rupture.withdrawal")
    p.add_argument("--missing", action="store_true",
                   help="the label should have been found (default: it was found wrongly)")
    p.add_argument("--previous", default="", type=text_argument,
                   help="the message before it, if any")
    p.add_argument("--note", default="", type=text_argument, help="why, in your words (optional)")
    p.add_argument("--export", metavar="FILE", help="write all corrections as JSON Lines")
    p.set_defaults(handler=_correct)

    p = sub.add_parser("batch", help="analyse a corpus: many conversations, in parallel",
                       description="Analyse every conversation of INPUT (JSON Lines of turns with "
                       "a conversation_id, Parquet, a ConvoKit corpus, a Slack export, or a folder "
                       "of transcripts) into OUTPUT (a Parquet folder, a .jsonl file, or with --to "
                       "convokit a ConvoKit corpus).")
    p.add_argument("input", help="a .jsonl or .parquet file, or a folder")
    p.add_argument("--out", required=True, help="a folder for Parquet, or a .jsonl file")
    p.add_argument("--to", choices=("parquet", "jsonl", "convokit"),
                   help="the output format (default: jsonl for a .jsonl OUTPUT, else parquet)")
    p.add_argument("--mode", choices=("full", "rules"), default="rules",
                   help="rules (default: fast) or full (rules and the shipped model)")
    p.add_argument("--workers", type=int, default=None,
                   help="local worker processes (default: all cores; not with --dask-local "
                   "or --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--dask-local", type=int, default=None, metavar="N",
                   help="start a local Dask cluster of N workers (for testing)")
    p.add_argument("--chunk", type=int, default=None,
                   help="conversations per task (default: about 8,000 turns a "
                   "task in rules mode, 250 in full mode)")
    p.add_argument("--resume", action="store_true",
                   help="continue into an existing OUTPUT, skipping what it already holds")
    p.add_argument("--region", help="crisis resources region for the safety summaries")
    p.add_argument("--encoding", help="the encoding of the transcripts of an INPUT folder, "
                   "e.g. cp1252 (default: UTF-8, or as a byte-order mark says)")
    p.add_argument("--merge", action=argparse.BooleanOptionalAction, default=True,
                   help="in the VTT and SRT transcripts of an INPUT folder, read consecutive cues "
                   "by the same speaker as one turn, as `mend analyze` does (default); "
                   "--no-merge keeps one turn per cue. A --resume must use the same setting")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(handler=_batch)

    p = sub.add_parser("train", help="refit Mend's heads on your own corrections (opt-in)",
                       description="Fit personal heads on the corrections saved with `mend "
                       "correct`; `mend analyze` and `mend check` then use them. Everything stays "
                       "under $MEND_HOME. Crisis detection is never weakened.")
    p.add_argument("--reset", action="store_true", help="remove your personal heads")
    p.set_defaults(handler=_train)

    p = sub.add_parser("serve", help="run the local web app (http://127.0.0.1:8765)",
                       description="Serve Mend's pages and JSON API on this computer. With "
                       "MEND_PASSPHRASE (or, for a practice, MEND_JOURNAL_KEY) set, the journal "
                       "is unlocked at start. " + NOT_THERAPY)
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to bind (default 127.0.0.1; another exposes Mend to others)")
    p.add_argument("--port", type=int, default=8765, help="the port (default 8765)")
    p.add_argument("--region", help="crisis resources region, e.g. US, GB, IE")
    p.add_argument("--forwarded-allow-ips", metavar="IPS",
                   help="behind a reverse proxy: trust X-Forwarded-For and X-Forwarded-Proto "
                   "only from these proxy addresses (comma-separated); off by default")
    p.set_defaults(handler=_serve)

    p = sub.add_parser("eval", help="score Mend on its labelled corpus",
                       description="Per-label precision, recall and F1, episode status "
                       "accuracy, crisis recall and false alarms, and repair-pair accuracy.")
    p.add_argument("--split", choices=("test", "dev"), default="test",
                   help="the corpus split (default: test; the public benchmarks keep their own)")
    p.add_argument("--corpus", help="the corpus folder (default: data/corpus in the current "
                   "folder or one above it, else in the checkout Mend runs from)")
    p.add_argument("--mode", choices=("full", "rules"), default="full",
                   help="full (default: rules and the shipped model) or rules only")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--data", metavar="PATH", help="the public benchmark data (default: "
                   "$MEND_SHARED_DATA, else ../shared/data beside the checkout you run it in or "
                   "the one Mend runs from)")
    p.add_argument("--no-public", action="store_true", help="skip the public benchmarks")
    p.set_defaults(handler=_eval)

    from mendkit.cli.journal import add_parser as add_journal

    add_journal(sub, _Parser)
    from mendkit.cli.accounts import add_parser as add_accounts

    add_accounts(sub, _Parser)
    _debug_after_commands(parser)
    return parser


def _debug_after_commands(parser: argparse.ArgumentParser) -> None:
    """``mend check ... --debug`` means ``mend --debug check ...``: every command (and journal
    or accounts action) takes the option too, unlisted. Its default is to leave the top-level
    value alone, so ``mend --debug check hi`` keeps it."""
    seen: set[int] = set()
    parsers = [parser]
    while parsers:
        current = parsers.pop()
        if id(current) in seen:  # an alias (analyse) shares its command's parser
            continue
        seen.add(id(current))
        if current is not parser and "--debug" not in current._option_string_actions:
            current.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                 help=argparse.SUPPRESS)
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())


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


def _train(args: argparse.Namespace) -> int:
    from mendkit.cli.journal import stores
    from mendkit.config import Settings
    from mendkit.training import reset, train

    home = Settings.from_env().home
    if args.reset:
        print("removed your personal heads" if reset(home) else "no personal heads to remove")
        return EXIT_OK
    with stores(home) as found:
        try:
            # How far a long run got goes to stderr; the report itself goes to stdout.
            report = train(home, found.corrections,
                           progress=lambda line: print(line, file=sys.stderr, flush=True))
        finally:  # the skipped lines are said even when none could be read
            _warn(found.corrections.warnings)
    print(report.summary())
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from mendkit.errors import ConfigError

    settings = _settings(args.region)
    if not 0 < args.port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, got {args.port}")
    import errno
    import socket

    try:  # before anything is said to be served (uvicorn would only exit 3 with its own words)
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind((args.host, args.port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {args.port} on {args.host} is in use; choose another with "
                              "--port") from None
        raise ConfigError(f"cannot serve on {args.host} port {args.port}: "
                          f"{exc.strerror or exc}") from None
    loopback = _is_loopback(args.host)
    if not loopback:
        print(f"mend: warning: serving on {args.host}: anyone who can reach this address can "
              "use Mend and read what you analyse. Use the default 127.0.0.1 unless you mean "
              "this.", file=sys.stderr)
    try:
        import uvicorn

        from mendkit.web import create_app
        from mendkit.web.app import LOOPBACK_HOSTS
    except ImportError as exc:
        raise ConfigError("the web app needs its extra: pip install 'mendkit[web]'") from exc

    # On loopback, only requests for a loopback Host name are served (no DNS rebinding).
    app = create_app(settings, allowed_hosts=_loopback_hosts(args.host, LOOPBACK_HOSTS)
                     if loopback else None)
    source = next((name for name in ("MEND_PASSPHRASE", "MEND_JOURNAL_KEY")
                   if os.environ.get(name)), "")
    vault = app.state.mend.vault
    if source and vault.exists():
        vault.unlock(os.environ[source])  # a wrong one stops here with a clear message (exit 1)
        print(f"The journal is unlocked ({source}).")
    elif not source and vault.status() == "locked":
        from mendkit.journal.accounts import known_practice

        if known_practice(settings.home, settings.database_url):  # else it would run open
            raise ConfigError("this journal serves a practice, and its server needs the "
                              "journal's key to let people sign in: set MEND_JOURNAL_KEY (or "
                              "MEND_PASSPHRASE) and start `mend serve` again")
    from mendkit.analysis.pipeline import warm_up

    warm_up()  # else the first requests, arriving together, would all wait for the model to load
    print(f"Mend is serving on {_url(args.host, args.port)} (Ctrl-C stops it). {NOT_THERAPY}")
    # X-Forwarded-For is trusted only from the proxies named: else every client reaches Mend
    # from loopback and could choose the address that the sign-in limit counts.
    proxies = args.forwarded_allow_ips
    from mendkit.web.app import SERVER_OPTIONS  # h11, with a limit on the size of headers

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                proxy_headers=bool(proxies), forwarded_allow_ips=proxies or None,
                log_config=_serve_logging(debug=args.debug), **SERVER_OPTIONS)
    return EXIT_OK


def _is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer's own address: ``localhost``, 127.0.0.0/8 (also in its
    short forms, such as ``127.1``) or ``::1``. Only this computer can reach a server there."""
    import ipaddress
    import socket

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        return ipaddress.ip_address(socket.inet_aton(host)).is_loopback
    except OSError:
        return False


def _loopback_hosts(host: str, names: Sequence[str]) -> list[str]:
    """The Host names a loopback server answers: the usual ``names``, and the address it is
    bound to, as typed and in full (``127.1`` is 127.0.0.1; IPv6 in brackets, as in a URL)."""
    import contextlib
    import ipaddress
    import socket

    found = [*names, host.lower()]
    try:
        found.append(str(ipaddress.ip_address(host)))
    except ValueError:
        with contextlib.suppress(OSError):
            found.append(socket.inet_ntoa(socket.inet_aton(host)))
    bracketed = (f"[{name}]" if ":" in name and not name.startswith("[") else name
                 for name in found)
    return list(dict.fromkeys(bracketed))


def _url(host: str, port: int) -> str:
    """The address to open: an IPv6 address goes in brackets (RFC 3986)."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _serve_logging(*, debug: bool) -> dict[str, object]:
    """uvicorn's own logging settings, less the traceback it logs when a second Ctrl-C cancels
    the app while it stops (unless ``--debug``): the person asked it to stop at once, which is
    no error."""
    import copy
    import logging

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    if not debug:
        def quiet_forced_stop(record: logging.LogRecord) -> bool:
            return not record.getMessage().rstrip().endswith("CancelledError")

        config.setdefault("filters", {})["mend_quiet_stop"] = {"()": lambda: quiet_forced_stop}
        error_log = config.setdefault("loggers", {}).setdefault("uvicorn.error", {})
        error_log["filters"] = [*error_log.get("filters", []), "mend_quiet_stop"]
    return config


def _eval(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from pathlib import Path

    from mendkit.errors import InvalidInputError
    from mendkit.evaluation import evaluate, load_corpus
    from mendkit.evaluation.public import find_shared_data, run_public, skipped_because

    # The public data is found first, so that a wrong path fails before the slow corpus run.
    data: Path | None = None
    if not args.no_public:
        data = Path(args.data) if args.data else find_shared_data()
    if data is not None and not data.is_dir():
        raise InvalidInputError(("is a file, not a folder" if data.exists() else "no such folder")
                                + " (--data expects the public data folder)", source=str(data))
    corpus = load_corpus(Path(args.corpus) if args.corpus else None)
    report = evaluate(corpus, split=args.split, mode=args.mode)
    public = run_public(data, mode=args.mode) if data is not None else None
    if public is not None and args.split != "test":
        report = replace(report, notes=(*report.notes, (
            f"--split {args.split} chooses the corpus split only: the public benchmarks keep their "
            "own splits, named in each row (test; validation for CGA; EPITOME has no split).")))
    skipped = skipped_because()
    from mendkit.cli import render

    if args.json:
        extra = {} if args.no_public else {"public": public} if public is not None else {
            "public": None, "public_skipped": skipped}
        render.print_json(report.to_dict() | extra)
    else:
        render.evaluation(report)
        if public is not None:
            render.public_benchmarks(public, data=str(data), mode=args.mode)
        elif not args.no_public:
            render.note(f"Public benchmarks skipped: {skipped}.")
    return EXIT_OK


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
