"""Round 14 (tester t11, P2, P3, P5, P6, P7, P9, P11): whose signs, and which stop, for a young
person in the coach (terminal and web alike).

Signs said *to* the writer ("telling me to kys") are theirs: the stop speaks to them. A friend's
demand for secrecy beside the friend's own signs is no abuse of the writer. Pictures threatened
stop for danger even after a "no". A parent's threat reads young with home words. Resources
follow the crisis kind; image services cover IE and NZ; stated pronouns are used."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from test_round12_draft_screen import Script

from mendkit.analysis.safety import about_images, image_services, resources_for
from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 18, 0)
KYS = ("chidi and the others in my class made a group without me and they keep sending me "
       "messages telling me to kys and that nobody would miss me")
LIAM = ("liam messaged me at 1am saying hes got nothing left and hes going to do it this weekend "
        "when his parents are away. he said if i tell anyone hes never speaking to me again")
FORTNITE = ("this guy i met on fortnite got me to send a pic and now he says send 3 more or he "
            "sends it to my followers. i dont know what to do")
MAM = ("mam found my messages with my girlfriend and said if im gay i can find somewhere else to "
       "live. shes told me to pack my stuff by sunday")
DOCUMENTS = "Keep important documents and some money"


def _stop(tmp_path: Path, who: str, context: str, what: str, *, region: str = "GB",
          mode: str = "rules", more: tuple[str, ...] = ()) -> tuple[Session, str]:
    script = Script(["", "yes", who, context, what, *more])
    session = run(start("r14f"), script, SessionStore(tmp_path), now=lambda: NOW,
                  mode=mode, region=region)  # type: ignore[arg-type]
    return session, "\n".join(script.said)


def test_kys_said_to_the_writer_speaks_to_the_writer(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "chidi", "friend", KYS, region="NG")
    assert session.state is State.STOPPED_CRISIS
    assert "Chidi may not be safe" not in said and "worried about" not in said
    assert "not okay, and it is not your fault" in said
    assert "adult you trust" in said
    assert "Helplines for children and young people" in said


def test_a_friends_secrecy_demand_is_not_abuse_of_the_writer(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "liam (he/him)", "friend", LIAM)
    assert session.state is State.STOPPED_CRISIS
    assert "Liam may not be safe, and you are worried about him" in said
    assert "a secret not to keep" in said
    assert DOCUMENTS not in said
    # Worry for a friend's own signs: no domestic-abuse lines.
    assert "National Domestic Abuse Helpline" not in said
    assert said.index("Samaritans") < said.index("Childline")


def test_image_threats_stop_even_after_no(tmp_path: Path) -> None:
    for mode, more in (("rules", ()), ("full", ("no",))):
        session, said = _stop(tmp_path / mode, "a guy from fortnite (he/him)", "skip", FORTNITE,
                              region="CA", mode=mode, more=more)
        assert session.state is State.STOPPED_UNSAFE, mode
        assert "Cybertip.ca and NeedHelpNow.ca" in said
        assert "Don't send any more pictures or money" in said
        assert "What did you notice" not in said


def test_a_parents_threat_gets_teen_tips_and_the_youth_line_first(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "my mam (she/her)", "family", MAM, region="IE")
    assert session.state is State.STOPPED_UNSAFE
    assert DOCUMENTS not in said
    assert "adult you trust" in said
    assert said.index("Childline (ISPCC)") < said.index("Women's Aid")


def test_own_suicide_lists_crisis_then_youth_lines_and_no_abuse_lines() -> None:
    for region, first, youth in (("US", "988", "Childhelp"), ("GB", "Samaritans", "Childline")):
        names = [r.name for r in resources_for(region, ["suicide"])]
        assert first in names[1] and youth in names[2]
        assert not any("Domestic" in n or "loveisrespect" in n for n in names)
    # Abuse keeps its lines first, and Childhelp stays the US youth line.
    assert "Domestic" in resources_for("US", ["abuse_danger"])[1].name


def test_image_services_for_ireland_and_new_zealand_and_video_words() -> None:
    assert [r.contact for r in image_services("IE")] == ["report at hotline.ie"]
    assert "0508 638 723" in image_services("NZ")[0].contact
    assert about_images("pay up or ur mum sees the video")
    assert about_images("send another one or they go in the year group chat")
    assert not about_images("ur mum is gonna see the state of my room lol")


def test_other_countries_lines_are_labelled_and_local_guidance_follows() -> None:
    # Since round 18 the examples with a number to tap come before the local guidance ("a doctor
    # can tell you the one"): a short screen showed no number at all (web/test_round18_resources_
    # numbers_first.py). They say they are other countries' lines.
    shown = resources_for("NG")
    assert "local emergency number" in shown[0].contact
    names = [r.name for r in shown]
    assert names.index("A crisis line where you live") == 2
    assert "other countries" in shown[1].name and "Only reachable" in shown[1].note
    for r in shown:
        if r.contact in ("call or text 988", "call 116 123"):
            assert r.name.startswith("In another country")
