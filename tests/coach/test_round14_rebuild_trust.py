"""Round 14, step 5 after a betrayal (the tester's affair sessions): the person who broke trust is
offered concrete actions that can be seen and repeated (tell first, a regular check-in, being open
about where you are, a counsellor together), an empty answer is asked about once more, gently, and
the follow-up offers another follow-up. Each session's follow-up reaches ``mend insights`` for that
relationship as one repair, never twice (not again when the person wrote it in the journal too)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.content import (
    COMMITMENT_AFTER_BETRAYAL,
    COMMITMENT_AGAIN,
    COMMITMENT_AGAIN_PLAIN,
    PROMPTS,
    TRUST_ACTIONS,
)
from mendkit.coach.driver import FOLLOW_UPS, run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.insights import coach_repair_rows

NOW = datetime(2026, 12, 7, 21, 0)
SAM = ["", "yes", "Dana (she/her)", "partner",
       "I had an affair for eight months and Dana found the messages three weeks ago.", "",
       "", "4", "skip", "yes", "I cheated and lied for eight months.", "",
       "", "", "keep", "ashamed", "scared", "time"]
DANA = ["", "yes", "Sam (she/her)", "partner",
        "Three weeks ago I found out Sam had an affair for eight months.", "", "", "4", "skip",
        "yes", "I called her a coward. I am not sorry for being angry about the affair.", "",
        "", "", "keep", "angry", "hurt", "honesty"]
EVERYDAY = ["", "yes", "Alex", "partner", "I forgot to pick Alex up from the station.", "", "",
            "4", "skip", "yes", "I forgot to pick her up.", "", "", "", "keep", "angry",
            "embarrassed", "to be reliable"]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def _walk(store: SessionStore, answers: list[str], clock: Clock,
          session: Session | None = None) -> tuple[Session, str]:
    script = Script(answers)
    after = run(session or start("r14trust"), script, store, now=clock, mode="rules")
    return after, "\n".join(script.said)


def test_the_person_who_broke_trust_is_offered_actions_to_choose(tmp_path: Path) -> None:
    session, said = _walk(SessionStore(tmp_path), [*SAM, "", "2"], Clock())
    assert COMMITMENT_AFTER_BETRAYAL in said
    assert "Tell them first" in said and "counsellor" in said
    assert session.answers["rebuild_commitment"] == TRUST_ACTIONS[1]
    assert session.state is State.REBUILD_FOLLOW_UP
    assert "From now on, I will check in with you once a week" in said


def test_an_empty_commitment_is_asked_about_once_more_then_accepted(tmp_path: Path) -> None:
    session, said = _walk(SessionStore(tmp_path), [*SAM, "", "", ""], Clock())
    assert said.count(COMMITMENT_AGAIN) == 1
    assert session.state is State.REBUILD_FOLLOW_UP
    assert "rebuild_commitment" not in session.answers


def test_a_number_that_is_no_action_offered_is_asked_again(tmp_path: Path) -> None:
    session, said = _walk(SessionStore(tmp_path), [*SAM, "", "0", "4"], Clock())
    assert "Please answer 1 to 4" in said
    assert session.answers["rebuild_commitment"] == TRUST_ACTIONS[3]


def test_own_words_are_kept_as_the_commitment(tmp_path: Path) -> None:
    mine = "I'll tell her straight away if the other person contacts me"
    session, said = _walk(SessionStore(tmp_path), [*SAM, "", mine], Clock())
    assert session.answers["rebuild_commitment"] == mine
    assert COMMITMENT_AGAIN not in said


def test_the_hurt_partner_gets_no_menu_but_a_gentle_second_ask(tmp_path: Path) -> None:
    session, said = _walk(SessionStore(tmp_path), [*DANA, "", "", ""], Clock())
    assert COMMITMENT_AFTER_BETRAYAL not in said and PROMPTS[State.REBUILD_COMMITMENT] in said
    assert said.count(COMMITMENT_AGAIN_PLAIN) == 1
    assert session.state is State.REBUILD_FOLLOW_UP


def test_an_everyday_rupture_takes_an_empty_commitment_at_once(tmp_path: Path) -> None:
    session, said = _walk(SessionStore(tmp_path), [*EVERYDAY, "", ""], Clock())
    assert COMMITMENT_AGAIN_PLAIN not in said and COMMITMENT_AGAIN not in said
    assert COMMITMENT_AFTER_BETRAYAL not in said
    assert session.state is State.REBUILD_FOLLOW_UP


def _to_follow_up(tmp_path: Path, clock: Clock) -> tuple[SessionStore, Session]:
    store = SessionStore(tmp_path)
    session, _ = _walk(store, [*SAM, "", "1", "2"], clock)
    assert session.state is State.AWAITING_FOLLOW_UP
    clock.now = NOW + timedelta(days=3)
    return store, session


def test_after_a_betrayal_the_follow_up_offers_another(tmp_path: Path) -> None:
    clock = Clock()
    store, session = _to_follow_up(tmp_path, clock)
    session, said = _walk(store, ["partly", "5", "yes", "7"], clock, session)
    assert PROMPTS[State.FOLLOW_UP_AGAIN] in said
    assert session.state is State.AWAITING_FOLLOW_UP
    assert session.answers[FOLLOW_UPS] == [
        {"at": (NOW + timedelta(days=3)).astimezone().isoformat(timespec="minutes"),
         "due": "2026-12-09T00:00" + session.answers["rebuild_follow_up"][16:],
         "uptake": "partly", "connection": 5}]
    clock.now = NOW + timedelta(days=11)
    session, said = _walk(store, ["yes", "7", "no"], clock, session)
    assert session.state is State.DONE
    assert [f["uptake"] for f in session.answers[FOLLOW_UPS]] == ["partly", "yes"]


def test_no_to_another_follow_up_ends_kindly(tmp_path: Path) -> None:
    clock = Clock()
    store, session = _to_follow_up(tmp_path, clock)
    session, said = _walk(store, ["yes", "8", "no"], clock, session)
    assert session.state is State.DONE and PROMPTS[State.DONE] in said


def test_an_everyday_follow_up_ends_as_before(tmp_path: Path) -> None:
    clock = Clock()
    store = SessionStore(tmp_path)
    session, _ = _walk(store, [*EVERYDAY, "", "I'll set a reminder", "2"], clock)
    clock.now = NOW + timedelta(days=3)
    session, said = _walk(store, ["yes", "8"], clock, session)
    assert session.state is State.DONE and PROMPTS[State.FOLLOW_UP_AGAIN] not in said


# ---- insights count the follow-up once ---------------------------------------------------

def _session_body(uptakes: list[str], who: str = "Sam (she/her)") -> dict[str, object]:
    return {"id": "abc123abc123", "answers": {
        "recognise_who": who, "rebuild_message": "I'm sorry I lied to you.",
        "rebuild_follow_up": "2026-11-09T00:00+00:00",
        FOLLOW_UPS: [{"at": f"2026-11-{9 + 7 * i:02d}T00:00+00:00", "uptake": u}
                     for i, u in enumerate(uptakes)]}}


def test_a_session_with_two_follow_ups_is_one_repair_with_the_last_answer() -> None:
    rows = coach_repair_rows([_session_body(["partly", "yes"])], "Sam")
    assert [(k, at, b["uptake"]) for k, at, b in rows] == [
        ("repair", "2026-11-09T00:00+00:00", "accepted")]


def test_a_follow_up_about_someone_else_is_not_theirs() -> None:
    assert coach_repair_rows([_session_body(["yes"], who="Tom")], "Sam") == []


@pytest.mark.parametrize("written", [{"message": "I'm sorry I lied to you."},
                                     {"message": "x", "coach_session": "abc123abc123"}])
def test_a_repair_written_in_the_journal_too_is_not_counted_twice(
        written: dict[str, str]) -> None:
    assert coach_repair_rows([_session_body(["yes"])], "Sam", [written]) == []


def test_the_web_api_offers_the_same_actions(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=tmp_path / "home")))
    url = f"/api/coach/{client.post('/api/coach', json={}).json()['id']}"
    for text in [*SAM[1:], ""]:
        reply = client.post(url, json={"answer": text}).json()
    assert reply["state"] == "rebuild_commitment" and "Tell them first" in reply["question"]
    reply = client.post(url, json={"answer": ""}).json()
    assert reply["question"] == COMMITMENT_AGAIN
    reply = client.post(url, json={"answer": "3"}).json()
    assert reply["state"] == "rebuild_follow_up"
    assert any("From now on, I will be open about where I am" in line for line in reply["said"])
    page = client.get(url.replace("/api", "")).text
    assert "In how many days" in page
