"""Round 14 (tester t6, P3): crisis resources a young person can use. Each region Mend knows
lists a line for children and young people; a crisis that speaks of pictures shared, threatened
or demanded adds the service that helps get them taken down; every crisis message says a young
person can tell an adult they trust. Terminal, JSON and web links alike; websites stay text."""

from __future__ import annotations

import json

import pytest

import mendkit
from mendkit.analysis.safety import about_images, crisis_message, resources_for
from mendkit.cli.main import main
from mendkit.model import Conversation

SEXTORTION = ("he said if i dont send more pics hes gonna send the ones he has to everyone in "
              "my year")
# Round 16: no "tell a parent" (the parent may be the one hurting them), a trusted adult instead.
# Round 19 (f14): no "a relative" either: in honour-based abuse the family may be the danger.
TRUSTED_ADULT = "tell an adult you trust, like a teacher, a school counsellor or a doctor"

# The line for children and young people each region lists, by its number.
YOUTH_LINES = {"GB": ("Childline", "0800 1111"), "IE": ("Childline", "1800 66 66 66"),
               "US": ("Childhelp", "1-800-422-4453"), "CA": ("Kids Help Phone", "686868"),
               "AU": ("Kids Helpline", "1800 55 1800"), "NZ": ("Youthline", "0800 376 633")}
IMAGE_SERVICES = {"GB": "Report Remove", "US": "Take It Down", "CA": "Cybertip.ca",
                  "AU": "eSafety"}


@pytest.mark.parametrize("region", sorted(YOUTH_LINES))
@pytest.mark.parametrize("kinds", [(), ("suicide",), ("abuse_danger",)])
def test_every_region_lists_a_youth_line(region: str, kinds: tuple[str, ...]) -> None:
    name, number = YOUTH_LINES[region]
    assert any(name in r.name and number in r.contact for r in resources_for(region, kinds))


@pytest.mark.parametrize("region", sorted(IMAGE_SERVICES))
def test_image_services_only_when_pictures_are_spoken_of(region: str) -> None:
    service = IMAGE_SERVICES[region]
    assert not any(service in r.name for r in resources_for(region, ("abuse_danger",)))
    assert any(service in r.name
               for r in resources_for(region, ("abuse_danger",), images=True))


def test_adult_lines_stay_and_emergency_comes_first() -> None:
    shown = resources_for("CA", ("abuse_danger",), images=True)
    assert shown[0].contact == "call 911"
    assert any("ShelterSafe" in r.name for r in shown)
    assert any("988" in r.contact for r in shown)


@pytest.mark.parametrize("kinds", [(), ("suicide",), ("abuse_danger",),
                                   ("abuse_danger", "suicide")])
def test_every_crisis_message_says_a_young_person_can_tell_an_adult(
        kinds: tuple[str, ...]) -> None:
    assert TRUSTED_ADULT in crisis_message(kinds)


@pytest.mark.parametrize("text", [
    SEXTORTION, "send more pics or i post the ones i have",
    "he keeps asking for nudes and gets mad when i say no",
    "she said she'll leak my photos if i break up with her",
    "threatening to share my nudes"])
def test_pictures_shared_or_demanded(text: str) -> None:
    assert about_images(text)


@pytest.mark.parametrize("text", [
    "he threw my phone at the wall", "i want to die",
    "we took photos at the party and it was fun", "my dad hits me"])
def test_no_pictures_spoken_of(text: str) -> None:
    assert not about_images(text)


@pytest.mark.parametrize("region", ["CA", "GB", "AU", "US"])
def test_check_json_for_sextortion_lists_youth_line_and_image_service(
        region: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", SEXTORTION, "--json", "--mode", "rules", "--region", region]) == 0
    risk = json.loads(capsys.readouterr().out)["risk"]
    assert risk["crisis"]
    names = " ".join(r["name"] for r in risk["resources"])
    contacts = " ".join(r["contact"] for r in risk["resources"])
    assert YOUTH_LINES[region][1] in contacts
    assert IMAGE_SERVICES[region] in names
    assert TRUSTED_ADULT in risk["message"]


def test_check_in_the_terminal_shows_them(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", SEXTORTION, "--mode", "rules", "--region", "GB"])
    out = " ".join(capsys.readouterr().out.replace("\u2502", " ").split())  # box sides aside
    assert "Childline" in out and "Report Remove" in out
    assert "school counsellor" in out


def test_analyze_flags_pictures_in_the_crisis_turns_only() -> None:
    with_pics = mendkit.analyze(Conversation.from_turns(
        [("anon", "i have the pics from ur old account"), ("Jess", "please stop"),
         ("Jess", SEXTORTION)]), mode="rules", region="AU")
    assert with_pics.safety.crisis
    assert any("eSafety" in r.name for r in with_pics.safety.resources)
    no_pics = mendkit.analyze(Conversation.from_turns(
        [("Jess", "we took photos at the party"), ("Jess", "i want to kill myself")]),
        mode="rules", region="AU")
    assert no_pics.safety.crisis
    assert not any("eSafety" in r.name for r in no_pics.safety.resources)
    assert any("Kids Helpline" in r.name for r in no_pics.safety.resources)


def test_web_links_call_and_text_youth_lines_but_never_websites() -> None:
    pytest.importorskip("markupsafe")
    from mendkit.web.contacts import contact_links

    kids = str(contact_links(next(r.contact for r in resources_for("CA")
                                  if "Kids Help Phone" in r.name)))
    assert 'href="tel:18006686868"' in kids and 'href="sms:686868"' in kids
    love = str(contact_links(next(r.contact for r in resources_for("US")
                                  if r.name == "loveisrespect")))
    assert 'href="sms:22522?body=LOVEIS"' in love
    for region in ("US", "AU", "CA"):
        for r in resources_for(region, ("abuse_danger",), images=True):
            assert "http" not in str(contact_links(r.contact))
