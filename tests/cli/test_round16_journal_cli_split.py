"""``mend journal`` split into parts: each part imports on its own and never ``cli.journal`` (no
import cycle); the names other code imports from ``cli.journal`` are the very same objects; and
``mend journal`` and ``mend insights`` keep every action and option, run by the same functions."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

import pytest

import mendkit.cli.journal
from mendkit.cli.main import build_parser
from module_imports import imported

PARTS = ("journal_parser", "journal_actions", "journal_entries", "journal_edits", "journal_files",
         "journal_insights", "journal_access", "journal_stores", "journal_words")
CLI = Path(mendkit.cli.journal.__file__).parent
LEFT_OUT = {"-h", "--help", "--debug"}  # every command has these
ACTIONS = {
    "init": (["--no-encryption"], []),
    "add": (["--by", "--client", "--date", "--file", "--format", "--kind", "--label", "--mode",
             "--name", "--notes", "--rel", "--score", "--severity", "--text", "--type", "--uptake",
             "--when"], []),
    "list": (["--json", "--kind", "--rel"], []),
    "show": (["--json"], ["id"]),
    "export": (["--format"], ["file"]),
    "import": ([], ["file"]),
    "delete": (["--all", "--entry", "--rel", "--yes"], []),
    "rename": (["--name", "--rel"], []),
    "backup": ([], ["file"]),
    "rekey": ([], []),
}


def _imported(module: str) -> set[str]:
    return imported(CLI / f"{module}.py")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(found.choices)


def _options(parser: argparse.ArgumentParser) -> tuple[list[str], list[str]]:
    return (sorted({o for a in parser._actions for o in a.option_strings} - LEFT_OUT),
            [a.dest for a in parser._actions if not a.option_strings])


@pytest.mark.parametrize("module", PARTS)
def test_each_part_imports_on_its_own_and_never_the_journal_module(module: str) -> None:
    assert importlib.import_module(f"mendkit.cli.{module}").__doc__
    assert "mendkit.cli.journal" not in _imported(module)


def test_the_old_path_gives_the_very_same_objects() -> None:
    from mendkit.cli import (
        journal,
        journal_access,
        journal_actions,
        journal_insights,
        journal_parser,
        journal_stores,
    )

    assert all(hasattr(journal, name) for name in journal.__all__)
    assert journal.add_parser is journal_parser.add_parser
    assert journal.run is journal_actions.run
    assert journal.insights is journal_insights.insights
    assert journal.stores is journal_stores.stores
    assert journal.linked_sessions is journal_stores.linked_sessions
    assert journal.say_where_saved is journal_stores.say_where_saved
    assert journal._passphrase is journal_access._passphrase  # `mend accounts` asks with it


def test_every_action_keeps_its_options_and_its_handler() -> None:
    from mendkit.cli import journal_actions, journal_insights

    commands = _subcommands(build_parser())
    actions = _subcommands(commands["journal"])
    assert list(actions) == list(ACTIONS)
    assert {name: _options(parser) for name, parser in actions.items()} == {
        name: (sorted(options), positional) for name, (options, positional) in ACTIONS.items()}
    assert commands["journal"].get_default("handler") is journal_actions.run
    assert commands["insights"].get_default("handler") is journal_insights.insights
    assert _options(commands["insights"]) == (["--charts", "--client", "--json", "--rel"], [])
    args = build_parser().parse_args(["journal", "delete", "--entry", "3", "--yes"])
    assert (args.journal_command, args.entry, args.yes, args.handler) == (
        "delete", 3, True, journal_actions.run)
