"""``mend journal ...``: the private journal from the command line.

The commands are in parts: their command lines (:mod:`~mendkit.cli.journal_parser`), each action
(:mod:`~mendkit.cli.journal_actions`), adding entries (:mod:`~mendkit.cli.journal_entries`),
renaming and deleting (:mod:`~mendkit.cli.journal_edits`), exports, backups and imports
(:mod:`~mendkit.cli.journal_files`), ``mend insights`` (:mod:`~mendkit.cli.journal_insights`),
opening the journal (:mod:`~mendkit.cli.journal_access`), the journal as the coach's store
(:mod:`~mendkit.cli.journal_stores`) and the words they share (:mod:`~mendkit.cli.journal_words`).
This module gives their names at the old path.
"""

from __future__ import annotations

from mendkit.cli.journal_access import _passphrase
from mendkit.cli.journal_actions import run
from mendkit.cli.journal_insights import insights
from mendkit.cli.journal_parser import add_parser
from mendkit.cli.journal_stores import linked_sessions, say_where_saved, stores

__all__ = ["_passphrase", "add_parser", "insights", "linked_sessions", "run", "say_where_saved",
           "stores"]
