"""Round 15 (tester t2, co-parenting): after "If you keep me from them you'll regret it. I know
where you live.", "Please stop. You're scaring me" is fear of the other person: danger from abuse.
And when a conversation's crisis is a threat to harm the other person in it ("you"), that person
is in danger from someone else, so the help shown includes the domestic-abuse lines, as it does for
a single message about being hurt."""

from __future__ import annotations

from pathlib import Path

import pytest

import mendkit
from mendkit.model import Conversation

_MODES = ("rules", "full")
_ABUSE_LINE = "call 0808 2000 247"  # the UK's National Domestic Abuse Helpline

_EXPORT = """\
12/05/2025, 19:01 - Jo: He was waiting outside school again today when it isn't his day.
12/05/2025, 19:02 - Mike: I'm allowed to see my own kids.
12/05/2025, 19:05 - Jo: Not outside the school gate when the order says Saturdays at the contact centre.
12/05/2025, 19:06 - Mike: If you keep me from them you'll regret it. I know where you live.
12/05/2025, 19:07 - Jo: Please stop. You're scaring me and the kids saw you shouting last week.
12/05/2025, 19:10 - Mike: Scared? You're the one who wrecked this family.
12/05/2025, 19:30 - Jo: I'm not going to reply to any more messages except about Saturday at the centre.
12/05/2025, 19:31 - Mike: Fine. Saturday.
"""


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chat") / "c8_android.txt"
    path.write_text(_EXPORT, encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", _MODES)
def test_fear_after_a_threat_is_danger_from_abuse(export: Path, mode: str) -> None:
    analysis = mendkit.analyze(export, mode=mode, format="whatsapp", region="GB")
    turn = analysis.turns[4]
    assert turn.text.startswith("Please stop.")
    assert "risk.crisis" in turn.labels
    assert "abuse_danger" in turn.subtypes("risk.crisis")
    assert {3, 4} <= set(analysis.safety.turns)
    assert "abuse_danger" in analysis.safety.kinds
    assert any(r.contact == _ABUSE_LINE for r in analysis.safety.resources)


@pytest.mark.parametrize("text", [
    "Stop it, you're scaring me.",
    "Please stop. You're scaring me.",
])
def test_the_same_words_after_no_threat_are_no_abuse(text: str) -> None:
    turns = [("Ana", "I watched that horror film last night, the one with the doll."), ("Ben", text)]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules")
    assert "abuse_danger" not in analysis.safety.kinds


def test_fear_after_someone_elses_suicidal_words_is_not_abuse() -> None:
    turns = [("Ana", "I don't want to be alive anymore."), ("Ben", "Please stop, you're scaring me.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules")
    assert "abuse_danger" not in analysis.turns[1].subtypes("risk.crisis")


@pytest.mark.parametrize("threat", [
    "If you keep me from them you'll regret it. I know where you live.",
    "I swear I'll kill you if you take them abroad.",
])
def test_a_threat_to_the_other_person_shows_the_abuse_lines(threat: str) -> None:
    turns = [("Jo", "You're not having them this weekend, the order says Saturdays."),
             ("Mike", threat)]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules", region="GB")
    assert analysis.safety.crisis
    assert any(r.contact == _ABUSE_LINE for r in analysis.safety.resources)


def test_a_threat_to_someone_outside_the_conversation_keeps_the_crisis_lines_only() -> None:
    turns = [("Jo", "How was your day?"),
             ("Mike", "If she takes them abroad I swear I'll kill her.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules", region="GB")
    assert analysis.safety.crisis
    assert "harm_to_others" in analysis.safety.kinds
    assert not any(r.contact == _ABUSE_LINE for r in analysis.safety.resources)
