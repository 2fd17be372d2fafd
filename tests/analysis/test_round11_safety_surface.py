"""Round eleven: the crisis response fits the kind of danger (abuse from someone else is not
answered with words written for suicide), and an abuse line is reachable in every region."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import mendkit
from mendkit.analysis.safety import regions, resources_for

ABUSE = "he hit me again last night and i dont know what to do"
SUICIDE = "I want to kill myself"
BOTH = "he hit me again and I want to kill myself"
ABUSE_LINES = {"US": "1-800-799-7233", "GB": "0808 2000 247", "AU": "1800 737 732"}


def _risk(text: str, region: str = "default") -> mendkit.model.Safety:
    risk = mendkit.check(text, mode="rules", region=region).risk
    assert risk.crisis
    return risk


def test_abuse_is_answered_as_danger_from_someone_else() -> None:
    risk = _risk(ABUSE)
    assert "abuse_danger" in risk.kinds
    assert "hurting yourself" not in risk.message
    assert "not your fault" in risk.message
    assert "emergency" in risk.message


@pytest.mark.parametrize("region", sorted(ABUSE_LINES))
def test_the_abuse_line_comes_right_after_the_emergency_number(region: str) -> None:
    first, second = _risk(ABUSE, region).resources[:2]
    assert first.name == "Emergency services"
    assert ABUSE_LINES[region] in second.contact


def test_the_default_region_gives_a_way_to_reach_an_abuse_line() -> None:
    resources = _risk(ABUSE).resources
    assert resources[0].name == "Local emergency services"
    # the next ones are about abuse, and at least one can be called
    abuse = [r for r in resources[1:] if "abuse" in (r.name + r.note).lower()
             or "violence" in r.name.lower()]
    assert abuse and resources[1] in abuse
    assert any(re.search(r"\d{3}", r.contact) for r in abuse)
    # (round fourteen) a crisis line where they live still comes after the abuse lines
    crisis_line = next(i for i, r in enumerate(resources) if r.name == "A crisis line where you live")
    assert all(resources.index(r) < crisis_line for r in abuse)


def test_suicide_keeps_its_own_words_and_order() -> None:
    risk = _risk(SUICIDE, "US")
    assert "thoughts of hurting yourself" in risk.message
    assert "not your fault" not in risk.message
    names = [r.name for r in risk.resources]
    # (round fourteen) a suicide sign alone gets the crisis line, then the line for young people,
    # and no domestic-abuse lines, which speak to a danger the message does not name
    assert "National Domestic Violence Hotline" not in names
    assert names.index("988 Suicide & Crisis Lifeline") < names.index(
        next(n for n in names if "Childhelp" in n))


def test_both_kinds_get_both_responses() -> None:
    risk = _risk(BOTH, "GB")
    assert {"abuse_danger", "suicide"} <= set(risk.kinds)
    assert "not your fault" in risk.message
    assert "hurting yourself" in risk.message
    contacts = " ".join(r.contact for r in risk.resources)
    assert "116 123" in contacts and "0808 2000 247" in contacts


def test_every_number_in_the_default_list_is_one_a_country_list_has() -> None:
    """No invented numbers: the general list's examples repeat the checked national ones."""
    path = Path(mendkit.__file__).parent / "rules" / "resources.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    national = " ".join(r["contact"] for region in data["region"] if region["code"] != "default"
                        for r in region["resources"])
    for r in resources_for("default"):
        for number in re.findall(r"\d[\d -]{2,}\d", r.contact):
            if number not in ("911", "999", "112", "000"):
                assert number in national, r


def test_with_no_kind_known_every_resource_is_shown() -> None:
    for region in regions():
        shown = resources_for(region)
        assert any("abuse" in (r.name + r.note).lower() or "hurting" in r.note for r in shown)
