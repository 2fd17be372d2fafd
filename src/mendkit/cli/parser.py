"""``mend``'s argument parser: every command and option, its help, and ``--debug`` after a
command. Part of :mod:`mendkit.cli.main`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mendkit._version import __version__
from mendkit.cli.args import text_argument
from mendkit.cli.commands import EXIT_INPUT, NOT_THERAPY, _analyze, _batch, _check, _coach, _correct
from mendkit.cli.service_commands import _eval, _serve, _train

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


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
    p.add_argument("--encoding", help="the encoding of the transcripts of an INPUT folder "
                   "that are not UTF-8, e.g. cp1252 (UTF-8 files, and files with a byte-order "
                   "mark, are still read as they are)")
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
