"""``python -m mendkit`` runs the ``mend`` command."""

from mendkit.cli.entry import run

raise SystemExit(run())
