"""A practice in the web app: sign in and out, a client's page (their entries, sharing, who read
what) and a therapist's page (what clients share with them now; every read is audited).

Offered only when the journal is in practice mode (``mend accounts init``); elsewhere these pages
answer 404. The server opens the journal with ``MEND_PASSPHRASE`` or ``MEND_JOURNAL_KEY`` (it
cannot prompt); people sign in with their own passwords. A session is a random 32-byte token in an
HttpOnly, SameSite=Strict cookie (Secure over HTTPS); the journal keeps only its hash. The domain
rules live in :mod:`mendkit.journal.accounts`; this module adapts forms to them. Errors (401, 403,
429) become responses in :mod:`mendkit.web.app`.

This module gathers the practice's pages into one router, in this order: signing in and out
(:mod:`~mendkit.web.practice_sign_in`), one's own password (:mod:`~mendkit.web.practice_password`),
a client's page (:mod:`~mendkit.web.practice_client`) and a therapist's pages
(:mod:`~mendkit.web.practice_therapist`). Who may use them is :mod:`mendkit.web.practice_access`;
the words for entries are :mod:`mendkit.web.practice_words`.
"""

from __future__ import annotations

from fastapi import APIRouter

from mendkit.web import practice_client, practice_password, practice_sign_in, practice_therapist
from mendkit.web.practice_access import (
    KEY_CHANGED,
    SESSION_COOKIE,
    Practice,
    _csrf,
    _lifespan,
    _signed_in,
    practice_gate,
    practice_of,
    practice_on,
)
from mendkit.web.practice_client import add_entry, client_page, share, withdraw
from mendkit.web.practice_password import change_password, password_form
from mendkit.web.practice_sign_in import login, login_form, logout, logout_form, practice_home
from mendkit.web.practice_therapist import shared_entry, therapist_page
from mendkit.web.practice_words import _facts, _title

router = APIRouter(include_in_schema=False, lifespan=_lifespan)

router.include_router(practice_sign_in.router)
router.include_router(practice_password.router)
router.include_router(practice_client.router)
router.include_router(practice_therapist.router)

__all__ = [
    "KEY_CHANGED", "SESSION_COOKIE", "Practice", "_csrf", "_facts", "_signed_in", "_title",
    "add_entry", "change_password", "client_page", "login", "login_form", "logout", "logout_form",
    "password_form", "practice_gate", "practice_home", "practice_of", "practice_on", "router",
    "share", "shared_entry", "therapist_page", "withdraw",
]
