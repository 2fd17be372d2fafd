"""``python -m mendkit`` runs the ``mend`` command."""

from mendkit.cli.main import main

raise SystemExit(main())
