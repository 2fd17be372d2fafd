"""Settings: an explicit object built at the edge (the CLI, the web app) and passed down.

``MEND_HOME`` redirects the user data directory; ``MEND_REGION`` picks the crisis resources;
``MEND_DATABASE_URL`` puts the journal on PostgreSQL; ``MEND_JOURNAL_KDF`` (``time,memory_kib,
parallelism``) sets the argon2id cost for a new journal or a new passphrase.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mendkit.analysis.safety import DEFAULT_REGION, resources_for
from mendkit.errors import ConfigError, JournalError


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
        home = checked_home(env)
        chosen = region_from_env(env, region=region)
        resources_for(chosen)  # validates (a country with no list of its own gets the default)
        return cls(home=home, region=chosen,
                   database_url=database_url(env.get("MEND_DATABASE_URL") or None),
                   journal_kdf=parse_kdf(env.get("MEND_JOURNAL_KDF", "")))


def region_from_env(env: Mapping[str, str] | None = None, *, region: str | None = None) -> str:
    """The region asked for: ``region`` (``--region``), else ``MEND_REGION``, else ``default``;
    as given, not checked (``resources_for`` checks it)."""
    env = os.environ if env is None else env
    return region or env.get("MEND_REGION") or DEFAULT_REGION


def home_from_env(env: Mapping[str, str] | None = None) -> Path:
    """``MEND_HOME``, else ``~/.local/share/mend``, as a full path: a ``~`` at its start is the
    home folder (a service file or a quoted line passes it on unexpanded), and a relative one is
    taken from the current folder, so that the path Mend names is the one it uses.

    Raises ``ConfigError`` for a ``~user`` that is no user on this system, or a ``~`` when the
    home folder cannot be found."""
    env = os.environ if env is None else env
    raw = env.get("MEND_HOME") or "~/.local/share/mend"
    try:
        return Path(raw).expanduser().absolute()
    except RuntimeError:  # pathlib's word for "no such user" and "no home folder"
        own = raw == "~" or raw.startswith(("~/", "~" + os.sep))
        why = "the home folder is not known; set HOME" if own else "no such user"
        name = "MEND_HOME" if env.get("MEND_HOME") else "the default MEND_HOME"
        raise ConfigError(f"{name}: cannot expand {raw!r} ({why})") from None


def checked_home(env: Mapping[str, str] | None = None) -> Path:
    """``home_from_env``, with a ``MEND_HOME`` that is a link to nothing, or a loop of links,
    named as such (else the first file Mend opens there would be the one said to be missing).

    Raises ``ConfigError``. Commands that only read from ``MEND_HOME`` can go on without it."""
    home = home_from_env(env)
    if home.is_symlink():
        try:
            home.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ConfigError(f"MEND_HOME ({home}) is a loop of symbolic links") from None
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
                return home  # not ours to read: the first file opened there says so
            try:
                target = os.readlink(home)
            except OSError:
                return home
            raise ConfigError(f"MEND_HOME ({home}) is a link to {target}, which does not exist"
                              ) from None
    return home


def database_url(url: str | None) -> str | None:
    """``MEND_DATABASE_URL`` as given; a SQLite one is refused (the journal on SQLite is
    ``$MEND_HOME/journal.db``, encrypted with SQLCipher, and takes no URL)."""
    if url is None:
        return None
    driver = url.split("://", 1)[0].strip().lower() if "://" in url else ""
    if driver.split("+", 1)[0] == "sqlite":
        raise JournalError("MEND_DATABASE_URL is not a database URL (expected "
                           "postgresql+psycopg://user:password@host:port/db); only "
                           f"postgresql+psycopg is supported, not {driver}")
    return url


# Bounds that keep a new journal's key quick enough to derive on an ordinary computer: the
# defaults are 3, 65536 (64 MiB) and 2. argon2id itself takes far more, and would run for hours
# or ask for terabytes.
KDF_LIMITS = {"time_cost": 50, "memory_kib": 4 * 1024 * 1024, "parallelism": 64}


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
    for name, value in zip(KDF_LIMITS, (t, m, p), strict=True):
        limit = KDF_LIMITS[name]
        if value > limit:
            size = f" ({limit // (1024 * 1024)} GiB)" if name == "memory_kib" else ""
            raise ConfigError(f"MEND_JOURNAL_KDF: {name} must be at most {limit}{size}, got "
                              f"{value}")
    if m < 8 * p:  # argon2id's own floor
        raise ConfigError(f"MEND_JOURNAL_KDF: memory_kib must be at least 8 x parallelism "
                          f"({8 * p}), got {m}")
    return t, m, p
