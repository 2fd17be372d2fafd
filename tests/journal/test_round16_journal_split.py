"""The journal's repository and a practice's accounts split into parts: each part imports on its
own and never ``journal.repository`` or ``journal.accounts`` (no import cycle), the names other
code imports from those two modules are the very same objects, and ``Journal`` and ``Accounts``
keep every method, each defined once among their parts."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import mendkit.journal
from module_imports import imported

REPOSITORY_PARTS = ("records", "journal_files", "engines", "journal_core", "entry_store",
                    "journal_edits", "import_checks", "whole_journal", "rekeying", "opening")
ACCOUNTS_PARTS = ("account_records", "login_limiter", "practice_mode", "account_core",
                  "account_users", "account_sessions", "entry_sharing", "audit_trail",
                  "practice_accounts")
OLD = ("mendkit.journal.repository", "mendkit.journal.accounts")
JOURNAL = Path(mendkit.journal.__file__).parent

# Where each name of the old modules is defined now.
REPOSITORY_NAMES = {
    "Journal": "opening", "Entry": "records", "Relationship": "records",
    "db_path": "journal_files", "sidecar_path": "journal_files",
    "practice_marker_path": "journal_files", "postgres_engine": "engines",
    "WRONG_PASSPHRASE": "engines", "DatabaseUnreachableError": "engines",
    "PASSPHRASE_CHANGED": "journal_core", "PassphraseChangedError": "journal_core",
    "_write_error": "journal_core", "DeletedButKept": "journal_edits",
    "key_change_under_way": "rekeying", "_rekey_lock": "rekeying",
}
ACCOUNTS_NAMES = {
    "Accounts": "practice_accounts", "User": "account_records", "SignedIn": "account_records",
    "CrisisSigns": "account_records", "SignsReader": "account_records",
    "ClientEntry": "account_records", "SharedEntry": "account_records",
    "AuditLine": "account_records", "LoginLimiter": "login_limiter", "Clock": "login_limiter",
    "MAX_FAILURES": "login_limiter", "MAX_ADDRESS_FAILURES": "login_limiter",
    "FAILURE_WINDOW": "login_limiter", "BUSY_RETRY_AFTER": "login_limiter",
    "is_practice": "practice_mode", "known_practice": "practice_mode", "ROLES": "account_users",
    "MIN_PASSWORD": "account_users", "MAX_PASSWORD": "account_users",
    "SESSION_IDLE": "account_sessions", "SESSION_MAX": "account_sessions",
    "PAUSED": "account_sessions", "CLIENT_KINDS": "entry_sharing",
}
# Every method the two classes had before the split.
JOURNAL_METHODS = (
    "__init__", "create", "open", "close", "cipher", "__enter__", "__exit__", "_tx", "transaction",
    "_still_current", "key_is_current", "add_relationship", "add_entry", "add_entries", "put",
    "put_many", "keyed", "refs", "relationships", "entries", "entry_counts", "insight_rows",
    "entry", "_read", "relationship", "relationship_entry_ids", "delete_entry",
    "delete_relationship", "rename_relationship", "link_entry", "_fits", "_relationship_row",
    "_belonging", "_overwrite_freed", "export", "import_", "delete_all", "backup", "rekey",
    "_rekey_locked", "_rekey_columns",
)
ACCOUNTS_METHODS = (
    "__init__", "enable", "require_practice", "add_user", "users", "user", "disable", "enable_user",
    "_password_set_at", "set_password", "delete_user", "_user_row", "authenticate", "_verify",
    "_dummy_hash", "sign_in", "session_user", "sign_out", "add_entry", "fill_signs",
    "client_entries", "share", "withdraw", "own_entry", "delete_entry", "export_of", "_own_entry",
    "_active_share", "shared_with", "read_shared", "may_read", "refuse_read", "_audit", "record",
    "audit", "_audited_ids", "views_of", "end_idle_sessions",
)


@pytest.mark.parametrize("module", REPOSITORY_PARTS + ACCOUNTS_PARTS)
def test_each_part_imports_on_its_own_and_never_the_old_modules(module: str) -> None:
    assert importlib.import_module(f"mendkit.journal.{module}").__doc__
    found = imported(JOURNAL / f"{module}.py")
    assert not {name for name in found for old in OLD
                if name == old or name.startswith(old + ".")}


def test_no_part_loads_the_old_modules_even_through_another_module() -> None:
    parts = ", ".join(f"mendkit.journal.{m}" for m in REPOSITORY_PARTS + ACCOUNTS_PARTS)
    script = (f"import sys, {parts}\n"
              f"print(sorted(m for m in {OLD!r} if m in sys.modules))")
    src = str(JOURNAL.parent.parent)  # the mendkit these tests import, not an installed one
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=src)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(("old", "names"), [("repository", REPOSITORY_NAMES),
                                            ("accounts", ACCOUNTS_NAMES)])
def test_the_old_paths_give_the_very_same_objects(old: str, names: dict[str, str]) -> None:
    module = importlib.import_module(f"mendkit.journal.{old}")
    assert set(module.__all__) == set(names)
    for name, part in names.items():
        defined = getattr(importlib.import_module(f"mendkit.journal.{part}"), name)
        assert getattr(module, name) is defined, name
        if inspect.isclass(defined) or inspect.isfunction(defined):
            assert defined.__module__ == f"mendkit.journal.{part}", name


def test_what_tests_used_to_patch_on_the_old_modules_is_gone_from_them() -> None:
    """A patch of the old module's name would change nothing the code uses now: it must fail
    loudly (the tests patch ``entry_store.validate_entry`` and ``whole_journal._CHECKPOINT_WAIT_MS``
    instead, and ``account_core.LoginLimiter``, which ``Accounts()`` makes)."""
    from mendkit.journal import account_core, accounts, repository

    assert not hasattr(repository, "validate_entry")
    assert not hasattr(repository, "_CHECKPOINT_WAIT_MS")
    assert account_core.LoginLimiter is accounts.LoginLimiter


@pytest.mark.parametrize(("old", "cls", "methods"), [("repository", "Journal", JOURNAL_METHODS),
                                                     ("accounts", "Accounts", ACCOUNTS_METHODS)])
def test_each_method_is_still_there_and_defined_once(old: str, cls: str,
                                                     methods: tuple[str, ...]) -> None:
    klass = getattr(importlib.import_module(f"mendkit.journal.{old}"), cls)
    for name in methods:
        owners = [c for c in klass.__mro__[:-1] if name in vars(c)]
        assert len(owners) == 1, (name, owners)
    static = inspect.getattr_static
    if cls == "Journal":
        assert isinstance(static(klass, "create"), classmethod)
        assert isinstance(static(klass, "open"), classmethod)
        assert isinstance(static(klass, "cipher"), property)
    else:
        assert isinstance(static(klass, "_user_row"), staticmethod)
        assert isinstance(static(klass, "_audited_ids"), classmethod)
