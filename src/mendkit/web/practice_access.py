"""Who may use a practice's pages (see :mod:`mendkit.web.accounts`): the practice's accounts for
one app (opened with the server's key), the gate in front of the app's other routers, and the
signed-in person behind a request (their session cookie, the form's token, the typed username).
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from mendkit.models.classifier import read_for
from mendkit.web.app import state

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from mendkit.journal.accounts import Accounts, Clock, User
    from mendkit.web.vault import JournalVault

SESSION_COOKIE = "mend_session"

_NOT_HERE = ("Accounts are not set up on this Mend. A practice turns them on with "
             "`mend accounts init`.")
_NO_KEY = ("This Mend serves a practice, but it was started without the journal's key, so nothing "
           "here can be used yet. Whoever runs it: stop it and start `mend serve` again with "
           "MEND_JOURNAL_KEY (or MEND_PASSPHRASE) set.")
KEY_CHANGED = ("The journal's key was changed (with `mend journal rekey`) while this Mend was "
                "running, so nothing here can be used until it is restarted. Everything saved is "
                "safe. Whoever runs it: stop it and start `mend serve` again with the new key in "
                "MEND_JOURNAL_KEY (or MEND_PASSPHRASE).")


class Practice:
    """A practice's accounts for one app, made on first use and kept."""

    def __init__(self, *, hasher: PasswordHasher | None = None, clock: Clock | None = None
                 ) -> None:
        self.hasher = hasher
        self.clock = clock
        self._accounts: Accounts | None = None
        self._journal: object = None  # the opened journal the accounts work on
        self._refused: object = None  # the key file the server's key did not open
        self._lock = threading.Lock()

    def accounts(self, vault: JournalVault) -> Accounts:
        """The accounts, or 404 when this Mend has no practice journal. They work on the app's
        one opened journal (the vault's), unlocked here with the server's key if need be; in a
        practice only a passphrase changed by another process locks it again (the one-person
        journal pages are off)."""
        from mendkit.journal.accounts import Accounts, is_practice

        with self._lock:
            status = vault.status()  # notices a key changed elsewhere (and then locks)
            if self._accounts is not None and vault.opened() is self._journal:
                return self._accounts
            self._accounts = None
            if status == "missing":
                raise HTTPException(status_code=404, detail=_NOT_HERE)
            unlocked_here = status == "locked"
            if unlocked_here:
                self._unlock(vault)
            with vault.use() as journal:
                if not is_practice(journal):
                    if unlocked_here:  # a one-person journal stays as its owner left it
                        vault.lock()
                    raise HTTPException(status_code=404, detail=_NOT_HERE)
                kwargs: dict[str, Any] = {"hasher": self.hasher}
                if self.clock is not None:
                    kwargs["clock"] = self.clock
                self._accounts, self._journal = Accounts(journal, **kwargs), journal
            return self._accounts

    def _unlock(self, vault: JournalVault) -> None:
        """Open the journal with the server's key. After a change of key elsewhere that key is
        the old one: it is tried once for each new key file (every try is slow on purpose, as
        the key's derivation is), then the answer is 503 until a restart with the new key."""
        from mendkit.errors import JournalError

        if vault.changed_elsewhere and self._refused == vault.key_file():
            raise HTTPException(status_code=503, detail=KEY_CHANGED)
        try:
            vault.unlock(_server_key())
        except JournalError:
            if not vault.changed_elsewhere:
                raise
            self._refused = vault.key_file()
            raise HTTPException(status_code=503, detail=KEY_CHANGED) from None

    def close(self) -> None:
        """Forget the accounts (the app closes the journal itself when it stops)."""
        with self._lock:
            self._accounts = None


def _server_key() -> str:
    value = os.environ.get("MEND_PASSPHRASE") or os.environ.get("MEND_JOURNAL_KEY")
    if not value:  # no person can fix this from the browser: the server is not ready (503)
        raise HTTPException(status_code=503, detail=(
            "Sign-in is not available: the journal is locked, and this Mend was started without "
            "its key. Whoever runs it: stop it and start `mend serve` again with "
            "MEND_JOURNAL_KEY (or MEND_PASSPHRASE) set."))
    return value


_holder_lock = threading.Lock()


def practice_of(app: FastAPI) -> Practice:
    with _holder_lock:
        found: Practice | None = getattr(app.state, "mend_practice", None)
        if found is None:
            found = Practice()
            app.state.mend_practice = found
        return found


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Shows the Practice link in the navigation when the journal is a practice's."""
    import anyio

    holder = practice_of(app)
    templates = app.state.mend.templates

    def probe() -> None:
        vault = app.state.mend.vault
        try:
            holder.accounts(vault)
        except Exception:  # not a practice, or the journal is locked: no link
            # A practice's journal that the server cannot open (no key) still gates every page:
            # it must never run as an open one-person Mend.
            from mendkit.journal.accounts import known_practice

            if vault.opened() is None and known_practice(vault.home, vault.url):
                app.state.mend.practice = True
            return
        templates.env.globals["practice_nav"] = True
        app.state.mend.practice = True

    await anyio.to_thread.run_sync(probe)
    try:
        yield
    finally:
        holder.close()


_SINGLE_USER_OFF = ("This Mend serves a practice, so the one-person journal is off here. Sign in "
                    "and keep entries on your Practice page, where you choose who sees them.")

_OPEN_PAGES = frozenset({"/", "/about"})  # the notice, the resources and the region: always


def practice_on(request: Request) -> bool:
    """Whether this app serves a practice: found at start, or once the journal is unlocked (each
    opened journal is asked once). Cheap on every other request: no file or database access."""
    web = state(request)
    journal = web.vault.opened()
    if web.practice or journal is None or journal is web.practice_checked:
        return web.practice
    from sqlalchemy.exc import SQLAlchemyError

    from mendkit.journal.accounts import is_practice

    try:
        web.practice, web.practice_checked = is_practice(journal), journal
    except SQLAlchemyError:  # locked at this very moment: the next request asks again
        return web.practice
    if web.practice:
        web.templates.env.globals["practice_nav"] = True
    return web.practice


async def practice_gate(request: Request) -> None:
    """In a practice, everything but the notice and the sign-in pages needs a signed-in person,
    and the one-person journal (its pages, its API, "save to journal") is off: it would be the
    server's, not any one person's. A dependency of the app's other routers; async, so that a
    request outside a practice costs no trip through the thread pool."""
    from mendkit.errors import NotAllowedError

    if not practice_on(request):
        return
    path = request.url.path
    if path in _OPEN_PAGES:
        return
    vault = state(request).vault
    if vault.opened() is None and not vault.changed_elsewhere:  # no key at start (_lifespan)
        raise HTTPException(status_code=503, detail=_NO_KEY)
    if path.startswith(("/journal", "/api/journal")) or (
            path.startswith("/analyse/") and path.endswith("/save")):
        raise NotAllowedError(_SINGLE_USER_OFF)
    _, user = await run_in_threadpool(_signed_in, request)
    request.state.practice_person = user.id
    request.state.practice_role = user.role  # what a result page offers (keep it, or export it)
    # The classifier keeps this request's readings for this account alone: a reading made for
    # someone else never answers it, so how fast an answer comes tells no one what another
    # person checked. (Set in the request's own context, which ends with it.)
    read_for(f"account:{user.id}")


def _accounts(request: Request) -> Accounts:
    return practice_of(request.app).accounts(state(request).vault)


def _signed_in(request: Request, role: str | None = None) -> tuple[Accounts, User]:
    from mendkit.errors import NotAllowedError

    accounts = _accounts(request)
    user = accounts.session_user(request.cookies.get(SESSION_COOKIE))
    if role is not None and user.role != role:
        raise NotAllowedError(f"This page is for {role}s. You are signed in as a {user.role}.")
    return accounts, user


def _csrf(request: Request, token: str) -> None:
    from mendkit.web.pages import require_csrf

    require_csrf(request, token)


# -- what the forms and paths carry -------------------------------------------------------
def _typed_name(value: str) -> str:
    """A username as typed, ready to look up: at most 64 characters, and a NUL (which no
    account's name has, and which PostgreSQL cannot even compare) as U+FFFD, so that it simply
    matches no one, as on SQLite."""
    return value[:64].replace("\x00", "\ufffd")
