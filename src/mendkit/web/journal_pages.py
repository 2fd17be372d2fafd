"""The journal's pages: create or unlock it, relationships and their entries, insights with charts,
export, delete everything, a new passphrase, and "save to journal" from an analysis.

A form with a mistake comes back with a clear message beside it and what was typed kept (400);
every form carries a CSRF token. The services are shared with the API (``journal_services``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mendkit.errors import InvalidInputError, JournalError
from mendkit.journal.kinds import REL_KINDS, UPTAKES
from mendkit.web import journal_services as svc
from mendkit.web.app import render, state
from mendkit.web.pages import require_csrf
from mendkit.web.security import whole_number

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal

router = APIRouter(include_in_schema=False)
DELETE_WORD = "DELETE"


def _see(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


# -- create, unlock, lock --------------------------------------------------------------------------
def _door(request: Request, *, error: str = "", status: int = 200, field: str = "",
          next_path: str | None = None, kept: Sequence[tuple[str, str]] = ()) -> Response:
    """The create or unlock form; ``field`` is the id of the input the error is about.
    Unlocking leads to ``next_path`` (by default the query's ``next``), if it is a page of this
    app (:func:`local_path`). ``kept`` is what a form sent while the journal was locked held, as
    (what it is, the text): it was not saved, and the page says so and shows it to copy."""
    vault = state(request).vault
    now = vault.status()
    if now == "unavailable":
        error, status = f"The journal cannot be opened right now: {vault.problem}", 503
    if next_path is None:
        next_path = request.query_params.get("next", "")
    return render(request, "journal_door.html", {
        "title": "Your journal", "page": "journal", "error": error,
        "error_field": field, "next": local_path(next_path), "kept": list(kept),
        "mode": {"missing": "create", "unavailable": "unavailable"}.get(now, "unlock"),
        "on_postgres": vault.on_postgres, "min_length": 8}, status=status)


def locked_door(request: Request, *, next_path: str, kept: Sequence[tuple[str, str]]) -> Response:
    """The answer to a form sent while the journal is locked (423): nothing of it was saved, so
    the unlock form says so, shows what was typed (``kept``) and leads back to ``next_path``."""
    return _door(request, status=423, next_path=next_path, kept=kept)


def local_path(value: str) -> str:
    """``value`` when it is a path of this app (``/coach/ab12?x=1``), else ``/journal``: never
    another site's address (``https://...``, ``//host`` or ``/\\host``, which browsers read as a
    host too), so a link cannot make unlocking lead somewhere else."""
    from urllib.parse import urlsplit

    if (value.startswith("/") and not value.startswith("//") and "\\" not in value
            and value.isprintable() and len(value) <= 2000):
        parts = urlsplit(value)
        if not parts.scheme and not parts.netloc:
            return value
    return "/journal"


@router.get("/journal", response_class=HTMLResponse)
def journal_home(request: Request) -> Response:
    vault = state(request).vault
    if vault.status() != "open":
        return _door(request)
    return _relationships_page(request)


@router.post("/journal/create")
def journal_create(request: Request, csrf_token: Annotated[str, Form()] = "",
                   passphrase: Annotated[str, Form()] = "", repeat: Annotated[str, Form()] = "",
                   no_encryption: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    vault = state(request).vault
    try:
        vault.create(None if no_encryption == "yes" else passphrase, repeat)
    except JournalError as exc:
        if vault.status() == "open":  # an unencrypted journal that still holds entries
            return _relationships_page(request, page_error=str(exc), status=400)
        return _door(request, error=str(exc), status=400, field=_passphrase_field(str(exc)))
    return _see("/journal?created=1")


def _passphrase_field(message: str, new: str = "passphrase") -> str:
    """Which field of a new passphrase (``check_new_passphrase``) an error is about: ``new`` (the
    id of the first field), "repeat", or "" when it is about neither."""
    if "passphrases are not the same" in message:
        return "repeat"
    return new if message.startswith(("choose a passphrase", "choose a new passphrase")) else ""


@router.post("/journal/unlock")
def journal_unlock(  # noqa: PLR0917 (one parameter per form field)
    request: Request, csrf_token: Annotated[str, Form()] = "",
    passphrase: Annotated[str, Form()] = "", next_path: Annotated[str, Form(alias="next")] = "",
    kept_label: Annotated[list[str] | None, Form()] = None,
    kept_text: Annotated[list[str] | None, Form()] = None,
) -> Response:
    require_csrf(request, csrf_token)
    try:
        state(request).vault.unlock(passphrase)
    except JournalError as exc:  # what was not saved is still shown, and the way back kept
        return _door(request, error=_unlock_message(str(exc)), status=400, next_path=next_path,
                     kept=list(zip(kept_label or [], kept_text or [], strict=False)))
    return _see(local_path(next_path))


def _wrong_passphrase(message: str) -> bool:
    """The journal's words for a wrong passphrase: SQLCipher's, and PostgreSQL's key check."""
    return message.startswith("wrong passphrase") or "key does not match" in message


def _unlock_message(message: str) -> str:
    if _wrong_passphrase(message):
        return ("That passphrase did not open the journal. Nothing was changed; check it "
                "(and Caps Lock) and try again. If the passphrase was changed in another window "
                "or terminal since you last typed it, use the new one.")
    return message


@router.post("/journal/lock")
def journal_lock(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    state(request).vault.lock()  # which forgets the analyses too (their addresses stay in the
    # browser's history: locked means none of them can be read; ``create_app``)
    return _see("/journal?locked=1")


# -- relationships -------------------------------------------------------------------------------
def _relationships_page(request: Request, *, error: str = "", values: dict[str, str] | None = None,
                        status: int = 200, page_error: str = "") -> Response:
    """``error`` is about the new relationship's form; ``page_error`` about the journal."""
    vault = state(request).vault
    with vault.use() as journal:
        rels = journal.relationships()
        counts = journal.entry_counts()  # counted by the database: no entry is decrypted
    return render(request, "journal.html", {
        "title": "Your journal", "page": "journal", "relationships": rels, "counts": counts,
        "kinds": REL_KINDS, "error": error, "values": values or {}, "page_error": page_error,
        "encrypted": vault.encrypted(), "created": request.query_params.get("created") == "1",
        "deleted": _deleted_note(request.query_params.get("deleted", ""))}, status=status)


def _deleted_note(value: str) -> str:
    """What ``?deleted=`` may say after a delete: ``entry``, or how many entries went with a
    relationship (anything else says nothing)."""
    return value if value == "entry" or (value.isdigit() and len(value) < 10) else ""


@router.post("/journal/relationships")
def relationship_add(request: Request, csrf_token: Annotated[str, Form()] = "",
                     name: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "other",
                     notes: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    try:
        with state(request).vault.use() as journal:
            rel = svc.add_relationship(journal, name, kind, notes)
    except JournalError as exc:
        if not _is_form_mistake(exc):
            raise
        return _relationships_page(request, error=str(exc), status=400,
                                   values={"name": name, "kind": kind, "notes": notes})
    return _see(f"/journal/relationships/{rel.id}")


def _is_form_mistake(exc: JournalError) -> bool:
    from mendkit.errors import JournalLockedError, NotInJournalError

    return not isinstance(exc, JournalLockedError | NotInJournalError)


def _relationship_page(request: Request, rel_id: int, *, errors: dict[str, str] | None = None,
                       values: dict[str, Any] | None = None, status: int = 200) -> Response:
    with state(request).vault.use() as journal:
        rel = svc.find_relationship(journal, rel_id)
        entries = list(reversed(journal.entries(relationship_id=rel.id)))  # newest first
        sessions = svc.coach_sessions(journal, rel.id)
    return render(request, "relationship.html", {
        # The window's title goes into the browser's history, unencrypted: no name in it.
        "title": f"Relationship {rel.id}", "heading": rel.name, "page": "journal", "rel": rel,
        "entries": entries, "sessions": sessions, "shown": svc.shown_time,
        "summary": svc.entry_summary, "uptakes": [(u, svc.UPTAKE_WORDS[u]) for u in UPTAKES],
        "patterns": list(svc.PATTERN_LABELS), "errors": errors or {}, "values": values or {},
        "added": whole_number(request.query_params.get("added")),
        "deleted": request.query_params.get("deleted") == "1",
        "renamed": request.query_params.get("renamed") == "1"}, status=status)


@router.get("/journal/relationships/{rel_id}", response_class=HTMLResponse)
def relationship_show(request: Request, rel_id: int) -> Response:
    return _relationship_page(request, rel_id)


@router.post("/journal/relationships/{rel_id}/entries")
def entry_add(  # noqa: PLR0917 (one parameter per form field)
    request: Request, rel_id: int, csrf_token: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "", when: Annotated[str, Form()] = "",
    what: Annotated[str, Form()] = "", severity: Annotated[str, Form()] = "",
    labels: Annotated[list[str] | None, Form()] = None,
    message: Annotated[str, Form()] = "", uptake: Annotated[str, Form()] = "",
    by: Annotated[str, Form()] = "me", score: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, csrf_token)
    fields = {"what": what, "severity": severity, "message": message, "uptake": uptake, "by": by,
              "score": score, "when": when}
    try:
        with state(request).vault.use() as journal:
            entry = svc.add_entry(journal, kind, svc.form_body(kind, fields, labels or []),
                                  occurred_at=when, relationship_id=rel_id)
    except JournalError as exc:
        if not _is_form_mistake(exc):
            raise
        form = kind if kind in ("rupture", "repair", "checkin") else "other"
        return _relationship_page(request, rel_id, errors={form: str(exc)}, status=400,
                                  values={form: {**fields, "labels": labels or []}})
    return _see(f"/journal/relationships/{rel_id}?added={entry.id}#entries")


@router.get("/journal/entries/{entry_id}", response_class=HTMLResponse)
def entry_show(request: Request, entry_id: int) -> Response:
    import json

    from mendkit.journal.export import shown_body

    with state(request).vault.use() as journal:
        entry = svc.find_entry(journal, entry_id)
        rel = (svc.find_relationship(journal, entry.relationship_id)
               if entry.relationship_id is not None else None)
    # A two-person answer kept private is its person's alone: "kept private" here.
    entry = replace(entry, body=shown_body(entry.kind, entry.body))
    return render(request, "entry.html", {
        "title": f"Entry {entry.id}", "page": "journal", "entry": entry, "rel": rel,
        "when": svc.shown_time(entry.occurred_at),
        "summary": svc.entry_summary(entry), "uptake_words": svc.UPTAKE_WORDS,
        "pretty": json.dumps(dict(entry.body), ensure_ascii=False, indent=2, sort_keys=True)})


# -- correcting: delete an entry, rename or delete a relationship ---------------------------------
def _confirm_page(request: Request, *, title: str, heading: str, lines: Sequence[str],
                  action: str, button: str, back: str, status: int = 200,
                  when: svc.ShownTime | None = None) -> Response:
    """The step before a delete: what goes, for good, and a button (with the CSRF token and a
    ``confirm`` field, without which the delete is refused) or the way back. ``when``, the time
    of what goes, is shown after the first line."""
    return render(request, "journal_confirm.html", {
        "title": title, "heading": heading, "page": "journal", "lines": list(lines), "when": when,
        "action": action, "button": button, "back": back,
        "error": "Nothing was deleted yet: press the button to confirm." if status == 400 else ""},
        status=status)


_FOR_GOOD = ("It is deleted for good, and the space it used in the journal is overwritten: it "
             "cannot be brought back. Backups and exports made earlier are not touched.")


def _entry_confirm(request: Request, entry_id: int, status: int = 200) -> Response:
    with state(request).vault.use() as journal:
        entry = svc.find_entry(journal, entry_id)
    back = f"/journal/entries/{entry.id}"
    return _confirm_page(
        request, title=f"Delete entry {entry.id}?", heading="Delete this entry?",
        lines=[svc.entry_summary(entry), _FOR_GOOD + " Insights leave it out from now on."],
        action=f"{back}/delete", button="Delete the entry for good", back=back, status=status,
        when=svc.shown_time(entry.occurred_at))


@router.get("/journal/entries/{entry_id}/delete", response_class=HTMLResponse)
def entry_delete_form(request: Request, entry_id: int) -> Response:
    return _entry_confirm(request, entry_id)


@router.post("/journal/entries/{entry_id}/delete")
def entry_delete(request: Request, entry_id: int, csrf_token: Annotated[str, Form()] = "",
                 confirm: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    if confirm != "yes":
        return _entry_confirm(request, entry_id, status=400)
    with state(request).vault.use() as journal:
        gone, kept = svc.delete_entry(journal, entry_id)  # an unknown id: 404, naming it
    _done_but_kept(kept)
    if gone.relationship_id is not None:
        return _see(f"/journal/relationships/{gone.relationship_id}?deleted=1#entries")
    return _see("/journal?deleted=entry")


def _relationship_confirm(request: Request, rel_id: int, status: int = 200) -> Response:
    with state(request).vault.use() as journal:
        rel, n = svc.relationship_size(journal, rel_id)
    back = f"/journal/relationships/{rel.id}"
    what = "no entries" if n == 0 else "its 1 entry" if n == 1 else f"all {n} of its entries"
    return _confirm_page(
        request, title=f"Delete relationship {rel.id}?", heading=f"Delete {rel.name}?",
        lines=[f"This deletes {rel.name} ({rel.kind}) with {what}, coach sessions about them "
               "included. Your other relationships and their entries stay as they are.",
               _FOR_GOOD.replace("It is", "Everything here is")],
        action=f"{back}/delete", button=f"Delete {rel.name} and {n} entr"
        f"{'y' if n == 1 else 'ies'} for good", back=back, status=status)


def _done_but_kept(warning: str) -> None:
    """A change made while another program kept an older copy of it: said on an error page, as
    the journal says it (``DeletedButKept``)."""
    if warning:
        from mendkit.journal.repository import DeletedButKept

        raise DeletedButKept(warning)


@router.get("/journal/relationships/{rel_id}/delete", response_class=HTMLResponse)
def relationship_delete_form(request: Request, rel_id: int) -> Response:
    return _relationship_confirm(request, rel_id)


@router.post("/journal/relationships/{rel_id}/delete")
def relationship_delete(request: Request, rel_id: int, csrf_token: Annotated[str, Form()] = "",
                        confirm: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    if confirm != "yes":
        return _relationship_confirm(request, rel_id, status=400)
    with state(request).vault.use() as journal:
        _, n, kept = svc.delete_relationship(journal, rel_id)  # an unknown id: 404, naming it
    _done_but_kept(kept)
    return _see(f"/journal?deleted={n}")


@router.post("/journal/relationships/{rel_id}/rename")
def relationship_rename(request: Request, rel_id: int, csrf_token: Annotated[str, Form()] = "",
                        name: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    try:
        with state(request).vault.use() as journal:
            kept = svc.rename_relationship(journal, rel_id, name)[2]
    except JournalError as exc:
        if not _is_form_mistake(exc):
            raise
        return _relationship_page(request, rel_id, errors={"rename": str(exc)}, status=400,
                                  values={"rename": {"name": name}})
    _done_but_kept(kept)
    return _see(f"/journal/relationships/{rel_id}?renamed=1")


# -- insights ------------------------------------------------------------------------------------
@router.get("/journal/relationships/{rel_id}/insights", response_class=HTMLResponse)
def insights_show(request: Request, rel_id: int) -> Response:
    from mendkit.insights import recent_weeks
    from mendkit.web.charts import bar_chart, for_screens, line_chart

    with state(request).vault.use() as journal:
        figures = svc.insights(journal, rel_id)
        series = svc.checkin_series(journal, rel_id)
    weeks, earlier = recent_weeks(figures["ruptures_per_week"])
    uptake = [(svc.UPTAKE_WORDS[k], figures["uptake"][k]) for k in UPTAKES]
    charts: list[dict[str, Any]] = []
    if weeks:
        bars = ("A bar for the one week with a rupture" if len(weeks) == 1 else
                f"A bar for each of the last {len(weeks)} weeks up to the last rupture, quiet "
                "weeks included")
        chart = {"id": "chart-weeks", "heading": "Ruptures per week", "columns": ("Week",
                 "Ruptures"), "rows": weeks, "svg": for_screens(
            bar_chart, "chart-weeks", "Ruptures per week", f"{bars}: "
            + ", ".join(f"{w}: {n}" for w, n in weeks) + ".", weeks)}
        if earlier:
            chart["note"] = (f"The chart and table show the last {len(weeks)} weeks; "
                             + ("1 earlier rupture is" if earlier == 1
                                else f"{earlier} earlier ruptures are") + " not in them.")
        charts.append(chart)
    if figures["repair_attempts"]:
        charts.append({"id": "chart-uptake", "heading": "How repair attempts were received",
                       "columns": ("Received", "Attempts"), "rows": uptake, "svg": for_screens(
            bar_chart, "chart-uptake", "How repair attempts were received", "Repair attempts by how they "
            "were received: " + ", ".join(f"{w}: {n}" for w, n in uptake) + ".", uptake,
            classes=[f"uptake-{k}" for k in UPTAKES])})
    if series:
        charts.append({"id": "chart-checkins", "heading": "Check-ins over time",
                       "columns": ("Date", "Connection (0-10)"), "rows": series, "svg": for_screens(
            line_chart, "chart-checkins", "Check-ins over time", "Connection scores from 0 to 10, oldest "
            "first: " + ", ".join(f"{d}: {s:g}" for d, s in series) + ".", series, y_max=10)})
    return render(request, "insights.html", {
        "title": f"Insights for relationship {rel_id}", "page": "journal",
        "heading": f"Insights: {figures['relationship']['name']}",
        "rel": figures["relationship"], "sentences": svc.describe(figures), "charts": charts})


# -- export, delete, passphrase (shown on the settings page) ---------------------------------------
@router.get("/journal/export.{fmt}")
def journal_export(request: Request, fmt: str) -> Response:
    if fmt not in ("json", "csv"):
        raise JournalError(f"export as json or csv, not {fmt!r}")
    with state(request).vault.use() as journal:
        body, media, name = svc.export(journal, fmt)
    return Response(body, media_type=media, headers={
        "content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"})


def settings_page(request: Request, *, error: str = "", status: int = 200, field: str = ""
                  ) -> Response:
    """The settings page; ``field`` is the id of the input ``error`` is about (it gets the
    focus and the error as its description)."""
    from mendkit.analysis.safety import regions, resources_for
    from mendkit.web.app import region_of

    vault = state(request).vault
    q = request.query_params
    return render(request, "about.html", {
        "title": "Settings and about", "page": "about", "regions": regions(),
        "resources": resources_for(region_of(request)), "saved": q.get("saved") == "1",
        "deleted": q.get("deleted") in ("1", "heads"),
        "deleted_heads": q.get("deleted") == "heads", "rekeyed": q.get("rekeyed") == "1",
        "journal_error": error, "journal_field": field if error else "",
        "on_postgres": vault.on_postgres,
        "encrypted": vault.status() in ("open", "locked") and vault.encrypted(),
        "delete_word": DELETE_WORD},
        status=status)


@router.post("/journal/delete")
def journal_delete(request: Request, csrf_token: Annotated[str, Form()] = "",
                   confirm: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    if confirm.strip() != DELETE_WORD:
        return settings_page(request, status=400, field="confirm", error=f"Nothing was "
                             f"deleted. To delete everything, type {DELETE_WORD} in capitals in "
                             "the box.")
    from mendkit.journal.repository import DeletedButKept
    from mendkit.models.personal import remove

    kept: DeletedButKept | None = None
    with state(request).vault.use() as journal:
        try:
            journal.delete_all()
        except DeletedButKept as exc:  # deleted, but old copies wait for another program
            kept = exc
        state(request).results.clear()  # the analyses saved to it, readable at their address
        # The heads `mend train` fitted on the deleted corrections hold their fingerprints.
        heads = remove(state(request).settings.home)
    if kept is not None:
        return settings_page(request, status=409, error=str(kept))
    return _see(f"/about?deleted={'heads' if heads else '1'}#journal")


@router.post("/journal/passphrase")
def journal_passphrase(request: Request, csrf_token: Annotated[str, Form()] = "",
                       current: Annotated[str, Form()] = "", new: Annotated[str, Form()] = "",
                       repeat: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    try:
        state(request).vault.change_passphrase(current, new, repeat)
    except JournalError as exc:
        if not _is_form_mistake(exc):
            raise
        message = str(exc)
        field = _passphrase_field(message, "new")
        if _wrong_passphrase(message):
            message, field = "The current passphrase is not right. Nothing was changed.", "current"
        return settings_page(request, status=400, error=message, field=field)
    return _see("/about?rekeyed=1#journal")


# -- save an analysis ------------------------------------------------------------------------------
def relationships_if_open(request: Request) -> list[Any] | None:
    """The relationships for the "save to journal" form, or None while the journal is locked."""
    vault = state(request).vault
    if vault.status() != "open":
        return None
    with vault.use() as journal:
        return list(journal.relationships())


@router.post("/analyse/{key}/save")
def analysis_save(request: Request, key: str, csrf_token: Annotated[str, Form()] = "",
                  client: Annotated[str, Form()] = "",
                  relationship: Annotated[str, Form()] = "") -> Response:
    from mendkit.web.pages import analysis_result

    require_csrf(request, csrf_token)
    analysis = analysis_result(request, key)
    rel_id = whole_number(relationship.strip()) if relationship.strip() else None
    if relationship.strip() and rel_id is None:  # the form offers the journal's relationships
        raise InvalidInputError("Choose a relationship from the list, or none.")
    results = state(request).results
    try:
        with state(request).vault.use() as journal:
            # Saved once already (a second press, or Back and save): that entry, not a copy,
            # unless it has been deleted since.
            if (earlier := results.saved_as(key)) is not None and _has_entry(journal, earlier):
                return _see(f"/analyse/{key}?stored={earlier}&already=1#save")
            entry = svc.save_analysis(journal, analysis, client, rel_id)
    except JournalError as exc:
        if not _is_form_mistake(exc):
            raise
        return _see(f"/analyse/{key}?save_error=1#client")  # the field to fill
    results.mark_saved(key, entry.id)
    return _see(f"/analyse/{key}?stored={entry.id}#save")


def _has_entry(journal: Journal, entry_id: int) -> bool:
    try:
        journal.entry(entry_id)
    except JournalError:  # deleted since
        return False
    return True
