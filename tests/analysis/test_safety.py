"""The crisis detector: recall on indirect phrasings, idioms excluded, calm configurable resources."""

from __future__ import annotations

import pytest

import mendkit
from mendkit import ConfigError, Conversation
from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.safety import regions, resources_for
from mendkit.config import Settings


def is_crisis(text: str) -> bool:
    return "risk.crisis" in analyze_turn(0, "me", text).labels


@pytest.mark.parametrize("text", [
    "I just want to go to sleep and never wake up",
    "everyone would honestly be happier without me around",
    "thinking about kms",
    "I've been cutting again and hiding it",
    "He said if I leave he'll hurt the kids.",
    "she locked me in the bedroom again last night",
    "I'm going to make him pay, I know where he parks",
    "I gave my guitar away and wrote letters for my sisters.",
])
def test_crisis_signals_are_found(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize("text", [
    "This project is killing me.",
    "I could die of embarrassment.",
    "My feet are killing me after that hike.",
    "We watched Suicide Squad last night.",
    "I'd kill for a coffee right now.",
])
def test_idioms_are_not_crises(text: str) -> None:
    assert not is_crisis(text)


@pytest.mark.parametrize("text", [
    "ask me calmly when I'm late",
    "please knock before coming in",
    "ask me first next time",
    "I need you to tell me when plans change",
    "don't shout at me",
])
def test_plain_requests_read_alone_are_not_crises(text: str) -> None:
    # The coach reads each answer alone; a request there is not crisis talk. A candidate model
    # flagged the first three (model card, "v13").
    assert not mendkit.check(text).risk.crisis


def test_reported_danger_still_counts() -> None:
    assert is_crisis('My sister said "he told me he would kill me if I left".')


def test_safety_comes_first_in_an_analysis_with_resources() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Ana", "You never listen."), ("Ben", "I can't do this anymore, I want to end it all."),
    ]), region="US")
    assert analysis.safety.crisis
    assert analysis.safety.turns == (1,)
    assert "suicide" in analysis.safety.kinds
    assert any(r.contact.startswith("call or text 988") for r in analysis.safety.resources)
    assert "emergency" in analysis.safety.message


def test_default_resources_name_local_emergency_services_and_examples() -> None:
    contacts = " ".join(f"{r.name} {r.contact}" for r in resources_for("default"))
    assert "emergency" in contacts.lower()
    assert "988" in contacts
    assert "116 123" in contacts


def test_uk_is_an_alias_for_gb_and_unknown_regions_fail_clearly() -> None:
    assert resources_for("uk") == resources_for("GB")
    with pytest.raises(ConfigError, match="XX"):
        resources_for("XX")
    assert "US" in regions()


def test_region_comes_from_the_environment() -> None:
    assert Settings.from_env({"MEND_REGION": "IE"}).region == "IE"
    assert Settings.from_env({"MEND_REGION": "IE"}, region="US").region == "US"


def test_every_region_lists_help_for_someone_who_is_being_hurt() -> None:
    """The abuse stop shows these resources: each region needs more than suicide lines (the
    safety tester found only US and GB had a line for someone a partner hurts)."""
    from mendkit.analysis.safety import regions, resources_for

    for region in regions():
        notes = [f"{r.name} {r.note}".lower() for r in resources_for(region)]
        assert any("hurting" in n or "threatening" in n for n in notes), region
