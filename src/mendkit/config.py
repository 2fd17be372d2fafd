"""Settings: an explicit object built at the edge (the CLI, the web app) and passed down.

``MEND_HOME`` redirects the user data directory; ``MEND_REGION`` picks the crisis resources;
``MEND_DATABASE_URL`` puts the journal on PostgreSQL; ``MEND_JOURNAL_KDF`` (``time,memory_kib,
parallelism``) sets the argon2id cost for a new journal or a new passphrase.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mendkit.analysis.safety import DEFAULT_REGION, resources_for
from mendkit.errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    home: Path
    region: str = DEFAULT_REGION
    database_url: str | None = None
    journal_kdf: tuple[int, int, int] | None = None

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, region: str | None = None
    ) -> Settings:
        """Settings from the environment, with explicit values taking precedence.

        Raises ``ConfigError`` for a region Mend has no resources for, or a malformed
        ``MEND_JOURNAL_KDF``.
        """
        env = os.environ if env is None else env
        home = home_from_env(env)
        chosen = region or env.get("MEND_REGION") or DEFAULT_REGION
        resources_for(chosen)  # validates
        return cls(home=home, region=chosen, database_url=env.get("MEND_DATABASE_URL") or None,
                   journal_kdf=parse_kdf(env.get("MEND_JOURNAL_KDF", "")))


def home_from_env(env: Mapping[str, str] | None = None) -> Path:
    """``MEND_HOME``, else ``~/.local/share/mend``."""
    env = os.environ if env is None else env
    return Path(env.get("MEND_HOME") or Path.home() / ".local" / "share" / "mend")


def parse_kdf(raw: str) -> tuple[int, int, int] | None:
    """``"time_cost,memory_kib,parallelism"`` (e.g. ``"3,65536,2"``) as three numbers; ``""`` is None."""
    if not raw.strip():
        return None
    try:
        t, m, p = (int(x) for x in raw.split(","))
    except ValueError:
        raise ConfigError(f"MEND_JOURNAL_KDF: expected time,memory_kib,parallelism, got {raw!r}"
                          ) from None
    if min(t, m, p) < 1:
        raise ConfigError(f"MEND_JOURNAL_KDF: every number must be 1 or more, got {raw!r}")
    return t, m, p
