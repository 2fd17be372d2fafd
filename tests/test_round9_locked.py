"""Round 9: what a person typed when the journal is locked is never thrown away without a word
(the unlock page says it was not saved, shows it, and unlocking leads back to the page), and the
same correction marked twice is kept once (and exported once)."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient
from httpx import Response

from mendkit.cli.main import main
from mendkit.corrections import Correction, CorrectionStore, training_examples
from mendkit.journal.repository import Journal
from web_kit import PASS, token

CONVERSATION = ("Sam: You never listen to me.\nAlex: Fine.\nSam: Where did you just go?\n"
                "Alex: I'm sorry, I shut down. You're right that I wasn't listening.\n")


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field in the page"
    return html_lib.unescape(found.group(1))


def lock(client: TestClient) -> None:
    client.post("/journal/lock", data={"csrf_token": token(client)})
    assert "Unlock your journal" in client.get("/journal").text


def unlock(client: TestClient, page: str, passphrase: str = PASS) -> Response:
    """Send the unlock form of ``page`` as a browser does: its hidden fields as they are."""
    form = page.split('action="/journal/unlock"', 1)[1].split("</form>", 1)[0]
    fields: dict[str, list[str]] = {"passphrase": [passphrase]}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        fields.setdefault(name, []).append(html_lib.unescape(value))
    return client.post("/journal/unlock", data=fields, follow_redirects=False)


def test_an_entry_sent_while_locked_is_shown_as_not_saved_and_unlocking_leads_back(
        opened: TestClient, home: Path) -> None:
    r = opened.post("/journal/relationships", data={"csrf_token": token(opened), "name": "Sam",
                                                    "kind": "partner"})
    rel_page = r.url.path
    typed = "She said I never listen, & I walked out <slamming> the door."
    lock(opened)
    r = opened.post(f"{rel_page}/entries", data={"csrf_token": token(opened), "kind": "rupture",
                                                 "what": typed, "severity": "3"})
    assert r.status_code == 423 and "Unlock your journal" in r.text
    assert "was not saved" in r.text
    assert html_lib.escape(typed) in r.text  # shown, escaped, so it can be copied
    assert hidden(r.text, "next") == rel_page
    back = unlock(opened, r.text)
    assert back.status_code == 303 and back.headers["location"] == rel_page
    with Journal.open(home, PASS) as journal:
        assert journal.entries(kind="rupture") == []  # it really was not saved: the page is true


def test_a_wrong_passphrase_keeps_the_way_back_and_the_typed_text(opened: TestClient) -> None:
    lock(opened)
    r = opened.post("/journal/relationships", data={"csrf_token": token(opened), "name": "Sam",
                                                    "notes": "met at the climbing wall"})
    assert r.status_code == 423 and "met at the climbing wall" in r.text
    wrong = unlock(opened, r.text, "not the passphrase")
    assert wrong.status_code == 400 and "did not open the journal" in wrong.text
    assert "met at the climbing wall" in wrong.text and "was not saved" in wrong.text
    assert hidden(wrong.text, "next") == "/journal"
    assert unlock(opened, wrong.text).headers["location"] == "/journal"


def test_a_coach_answer_sent_while_locked_is_shown_and_unlocking_returns_to_the_session(
        opened: TestClient) -> None:
    start = opened.post("/coach", data={"csrf_token": token(opened, "/coach")},
                        follow_redirects=False)
    session = start.headers["location"]
    page = opened.get(session).text
    lock(opened)
    answer = "I told Sam he was useless in front of his parents at dinner on Sunday."
    r = opened.post(session, data={"csrf_token": hidden(page, "csrf_token"),
                                   "position": hidden(page, "position"), "answer": answer})
    assert r.status_code == 423 and "was not saved" in r.text and answer in r.text
    assert "position" not in r.text.split("<main", 1)[1].split("<form", 1)[0]  # only what was typed
    assert unlock(opened, r.text).headers["location"] == session


def test_a_page_opened_while_locked_returns_there_after_unlocking(opened: TestClient) -> None:
    start = opened.post("/coach", data={"csrf_token": token(opened, "/coach")},
                        follow_redirects=False)
    session = start.headers["location"]
    lock(opened)
    r = opened.get(session, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/journal?next=")
    door = opened.get(r.headers["location"]).text
    assert "was not saved" not in door  # nothing was sent
    assert hidden(door, "next") == session
    assert unlock(opened, door).headers["location"] == session


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)", "journal", "/ok\r\nSet-Cookie: x=1"])
def test_unlocking_never_leads_off_this_app(opened: TestClient, target: str) -> None:
    lock(opened)
    door = opened.get("/journal", params={"next": target}).text
    assert 'name="next" value="/journal"' in door
    r = opened.post("/journal/unlock", data={"csrf_token": token(opened), "passphrase": PASS,
                                             "next": target}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/journal"


def _analyse(client: TestClient) -> str:
    r = client.post("/analyse", data={"csrf_token": token(client, "/analyse"),
                                      "text": CONVERSATION, "mode": "rules"})
    assert r.status_code == 200
    return r.url.path.rsplit("/", 1)[1]


def _withdrawal(client: TestClient, key: str) -> dict[str, object]:
    page = client.get(f"/analyse/{key}").text
    assert 'name="turn" value="1">\n        <input type="hidden" name="label" value="rupture.withdrawal"' \
        in page
    return {"csrf_token": token(client), "key": key, "turn": 1, "label": "rupture.withdrawal"}


def test_the_same_correction_twice_is_kept_once_in_plain_files(client: TestClient,
                                                                home: Path) -> None:
    key = _analyse(client)
    form = _withdrawal(client, key)
    for _ in range(2):
        r = client.post("/corrections", data=form)
        assert r.status_code == 200 and "correction is saved" in r.text
    assert [c.text for c in CorrectionStore(home)] == ["Fine."]


def test_the_same_correction_twice_is_kept_once_in_the_journal(opened: TestClient,
                                                               home: Path) -> None:
    key = _analyse(opened)
    form = _withdrawal(opened, key)
    for _ in range(2):
        assert opened.post("/corrections", data=form).status_code == 200
    with Journal.open(home, PASS) as journal:
        assert len(journal.entries(kind="correction")) == 1


def test_an_export_never_writes_the_same_correction_twice(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = CorrectionStore(home)  # as an earlier Mend left them: the same one twice, and a flip
    for verdict in ("wrong", "wrong"):
        store.add(Correction(text="Fine.", previous="You never listen to me.",
                             label="rupture.withdrawal", verdict=verdict))
    store.add(Correction(text="Sorry.", label="repair.responsibility", verdict="wrong"))
    store.add(Correction(text="Sorry.", label="repair.responsibility", verdict="missing"))
    monkeypatch.setenv("MEND_HOME", str(home))
    target = tmp_path / "corr.jsonl"
    assert main(["correct", "--export", str(target)]) == 0
    assert "wrote 2 corrections" in capsys.readouterr().out
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"text": "Fine.", "previous": "You never listen to me.",
                      "label": "rupture.withdrawal", "present": False},
                     {"text": "Sorry.", "previous": "", "label": "repair.responsibility",
                      "present": True}]  # the latest word on it
    assert len(training_examples(store)) == 2


def test_saving_one_analysis_twice_keeps_one_entry(opened: TestClient, home: Path) -> None:
    r = opened.post("/analyse", data={"csrf_token": token(opened, "/analyse"), "mode": "rules",
                                      "text": CONVERSATION}, follow_redirects=False)
    result = r.headers["location"]
    locations = []
    for _ in range(2):  # a second press, or Back and save again
        r = opened.post(f"{result}/save", data={"csrf_token": token(opened, result),
                                                "client": "Sam"}, follow_redirects=False)
        locations.append(r.headers["location"])
    stored = [re.search(r"stored=(\d+)", where) for where in locations]
    assert stored[0] and stored[1] and stored[0].group(1) == stored[1].group(1)
    assert "already=1" in locations[1]
    assert "already in your journal" in opened.get(locations[1]).text
    page = opened.get(result).text  # reached again without ?stored=
    assert "Saved to your journal" in page and f'action="{result}/save"' not in page
    lock(opened)
    with Journal.open(home, PASS) as journal:
        assert len(journal.entries(kind="analysis")) == 1


def test_a_note_sent_about_a_forgotten_result_is_shown_back(opened: TestClient) -> None:
    r = opened.post("/analyse", data={"csrf_token": token(opened, "/analyse"), "mode": "rules",
                                      "text": CONVERSATION}, follow_redirects=False)
    result = r.headers["location"]
    page = opened.get(result).text
    lock(opened)  # the results go with the key
    r = opened.post("/corrections", data={"csrf_token": token(opened, "/analyse"),
                                          "key": result.rsplit("/", 1)[1], "turn": "1",
                                          "label": "rupture.withdrawal", "present": "false",
                                          "note": "It was a joke between us"})
    assert r.status_code == 404 and "no longer here" in r.text
    assert "What you sent was not saved" in r.text and "It was a joke between us" in r.text
    assert 'action="/corrections"' in page  # the form the note came from
