"""Round 16 (tester t2): the same meaning in world Englishes gets the same reading.

Scots first person ("ah", "ma", "wis"), African American English grammar ("ain't", habitual
"be", "real", "you was"), Singaporean, Indian, Irish and learners' English: an apology, a
feeling, a complaint, a minimising reply, validation or an offer written in them is read as
its matched standard-English version is (each pair below: the standard one is found, so a miss
is the dialect's). The dialect's words are read so only beside the words that make them the
dialect's: "ah well", Irish "ah would you stop", "ma said", "will you be there" stay as typed.
Friendly banter in dialect is no confrontation, a complaint about being brushed off is no
apology, and compliance after a dressing-down is appeasing, not a repair.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.spelling import respell
from mendkit.model import Conversation

_MODES = ("rules", "full")
_RUPTURES = {"rupture.withdrawal", "rupture.confrontation", "rupture.invalidation"}
_HURT = ["It really hurt when you laughed at me in front of your friends."]


def _labels(text: str, context: list[str] | None = None, mode: str = "rules") -> set[str]:
    return set(mendkit.check(text, context=context or [], mode=mode).labels)


def _rule_labels(text: str, context: list[str] | None = None, mode: str = "rules") -> set[str]:
    """The labels a rule found, whatever the model adds."""
    result = mendkit.check(text, context=context or [], mode=mode)
    return {e.label for e in result.evidence if e.source.startswith("rule:")}


# (dialect, its standard version, context, the label both must carry)
_SAME_READING = [
    # Scots first person (P5)
    ("Ah'm pure sorry ah forgot yer birthday. That wis ma fault, nae excuses.",
     "I'm really sorry I forgot your birthday. That was my fault, no excuses.", [],
     "repair.responsibility"),
    ("Ah'm sorry, it wis ma fault.", "I'm sorry, it was my fault.", [], "repair.responsibility"),
    ("Ah'm sorry, pal, ah wis oot ae order shoutin at ye last night.",
     "I'm sorry, mate, I was out of order shouting at you last night.", [],
     "repair.responsibility"),
    ("Can we sit doon an talk aboot whit happened? Ah want tae understaun how ye felt.",
     "Can we sit down and talk about what happened? I want to understand how you felt.", [],
     "repair.acknowledge"),
    ("Ah feel hurt an a wee bit lonely.", "I feel hurt and a wee bit lonely.", [],
     "repair.feeling"),
    ("Aye, fine. Whitever. Ah'm no talkin aboot this the noo.",
     "Yes, fine. Whatever. I'm not talking about this right now.",
     ["You always leave the dishes for me. Honestly it's like living with a child."],
     "rupture.withdrawal"),
    # African American English (P8)
    ("I ain't mean to go off on you like that last night. That was foul of me and you ain't "
     "deserve it. I'm sorry, for real.",
     "I didn't mean to go off on you like that last night. That was wrong of me and you didn't "
     "deserve it. I'm sorry, really.", [], "repair.responsibility"),
    ("I was out of pocket for that, I apologize.", "I was out of line for that, I apologize.", [],
     "repair.responsibility"),
    ("You ain't text me back all day. I was worried sick, for real.",
     "You didn't text me back all day. I was worried sick, really.", [],
     "rupture.confrontation"),
    ("I be feeling real anxious when I don't hear from you.",
     "I am feeling really anxious when I don't hear from you.", [], "repair.feeling"),
    ("I really wanna know how you was feeling.", "I really want to know how you felt.", [],
     "repair.acknowledge"),
    # Singaporean, Indian and learners' English minimising, non-apology, validation (P15)
    ("Why you so drama one? Small thing only lah, let it go.",
     "Why are you being so dramatic? It's only a small thing, let it go.", _HURT,
     "rupture.invalidation"),
    ("Why you are making such a big issue? It is a small matter only, leave it.",
     "Why are you being so dramatic? It's only a small thing, let it go.", _HURT,
     "rupture.invalidation"),
    ("Aiyah, just curry only lah. Why so calculative?",
     "Oh come on, it's just curry. Why are you being so petty?",
     ["Did you eat my leftover curry? It's the fourth time now."], "rupture.invalidation"),
    ("I am sorry when you feel like this, but I have made nothing wrong.",
     "I am sorry if you feel like this, but I have done nothing wrong.", _HURT,
     "rupture.invalidation"),
    ("I understand you. Is normal that you are angry, I will be angry also in your place.",
     "I understand you. It's normal that you are angry, I would be angry too in your place.",
     ["I'm still angry that my sister read my messages without asking."], "repair.validate"),
    # offers in Irish, Singaporean and learners' syntax (P16)
    ("Will I bring you out for dinner Saturday to make it up to you?",
     "Let me take you out for dinner Saturday to make it up to you.", [], "repair.request"),
    ("Sorry lah, my fault one. Saturday I belanja you dinner ok?",
     "Sorry, my fault. Let me buy you dinner on Saturday, ok?", [], "repair.request"),
    ("I am sorry, it was my fault. I invite you on Saturday to dinner, is this okay for you?",
     "I am sorry, it was my fault. Let me take you for dinner on Saturday, is this okay?", [],
     "repair.request"),
]


@pytest.mark.parametrize(("typed", "standard", "context", "label"), _SAME_READING)
def test_a_dialect_message_is_read_as_its_standard_version(
        typed: str, standard: str, context: list[str], label: str) -> None:
    assert label in _labels(standard, context)
    assert label in _labels(typed, context)


@pytest.mark.parametrize("mode", _MODES)
def test_a_scots_apology_is_no_demand_and_scores_as_the_standard_one(mode: str) -> None:
    scots = mendkit.check("Ah'm pure sorry ah forgot yer birthday. That wis ma fault, nae "
                          "excuses. Let me take ye oot fur yer tea on Saturday, eh?", mode=mode)
    standard = mendkit.check("I'm really sorry I forgot your birthday. That was my fault, no "
                             "excuses. Let me take you out for dinner on Saturday, eh?", mode=mode)
    assert "rupture.confrontation" not in scots.labels
    assert not [issue for issue in scots.issues if issue.kind == "pressure"]
    assert scots.components["ownership"]
    assert abs(scots.repair_quality - standard.repair_quality) <= 0.15
    # the evidence is what the person typed
    assert any(e.text == "That wis ma fault" for e in scots.evidence)


@pytest.mark.parametrize(("typed", "read"), [
    ("ah forgot yer birthday", "i forgot your birthday"),
    ("that wis ma fault", "that was my fault"),
    ("it'll no happen again", "it'll not happen again"),
    ("i ain't mean to", "i didn't mean to"),
    ("i be feeling real anxious", "i am feeling really anxious"),
    ("you be going out", "you are going out"),
    ("how you was feeling", "how you were feeling"),
    ("ah'm no talkin aboot this the noo", "im not talking about this right now"),
])
def test_dialect_grammar_words_are_read_as_the_rules_spell_them(typed: str, read: str) -> None:
    respelt = respell(typed)
    assert respelt is not None
    assert respelt.text == read


@pytest.mark.parametrize("typed", [
    "ah would you stop",  # Irish exasperation, not "I would"
    "ah go way",
    "ah well",
    "ma said i'll be late",  # "ma" is also "mum"
    "will you be there",  # "be" after a question word stays
    "should i be worried",
    "it ain't that deep",
    "keep it real",
    "it's no bother",
    "an apple",
])
def test_look_alikes_stay_as_typed(typed: str) -> None:
    assert respell(typed) is None


def test_ma_for_mum_still_reads_as_danger() -> None:
    assert "risk.crisis" in _labels("Ma hit me again last night.")


@pytest.mark.parametrize(("text", "label"), [
    ("I was out of pocket after the trip, it cost me £200.", "repair.responsibility"),
    ("Should I be worried about the test?", "repair.feeling"),
    ("Why so sensitive to light? Maybe see a doctor.", "rupture.invalidation"),
    ("I want just one only, thanks.", "rupture.invalidation"),
])
def test_dialect_readings_do_not_reach_everyday_talk(text: str, label: str) -> None:
    assert label not in _labels(text)


# P11: friendly banter in dialect, as its standard version, is no rupture; the same verdict
# without laughter or affection is criticism.
_BANTER = [
    "Haha ye're aff yer heid, pal. See ye the morra.",
    "Wah you damn siao leh 😂 ok see you tmr.",
    "Haha you're mal, bru. Cool, see you tomorrow.",
    "Ha, you're off your head. See you tomorrow then.",
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _BANTER)
def test_friendly_banter_in_dialect_is_no_rupture(text: str, mode: str) -> None:
    assert not _labels(text, mode=mode) & _RUPTURES


def test_the_same_verdict_without_banter_is_criticism() -> None:
    assert "rupture.confrontation" in _labels("You're off your head if you think I'm paying that.")


def _conversation(lines: list[tuple[str, str]]) -> Conversation:
    return Conversation.from_turns(lines)


_FLATMATES = [
    ("Liam", "Jia Hui, did you eat my leftover curry? It was for my lunch today."),
    ("Jia Hui", "Aiyah, just curry only lah. Why so calculative? Buy another one can already what."),
    ("Liam", "It's not about the curry. It's the fourth time now and you just laugh it off."),
    ("Jia Hui", "Wah, so sensitive. Chill lah."),
    ("Liam", "Ah would you stop. I'm not being sensitive, I'm annoyed, and you're brushing me off."),
    ("Jia Hui", "Ok ok sorry lor. My fault, I shouldn't have eaten it without asking you."),
    ("Liam", "Thanks, that means a lot."),
]


@pytest.mark.parametrize("mode", _MODES)
def test_irish_ah_would_you_stop_is_a_complaint_not_an_apology(mode: str) -> None:
    """P10: the model read "Ah would you stop ..." as acknowledgement, ownership and
    validation, and the episode took Liam for the one repairing."""
    analysis = mendkit.analyze(_conversation(_FLATMATES), mode=mode)
    turn = analysis.turns[4]
    assert "rupture.confrontation" in turn.labels
    assert not {"repair.acknowledge", "repair.responsibility", "repair.validate"} & set(turn.labels)
    assert "rupture.invalidation" in analysis.turns[1].labels
    episode = analysis.episodes[0]
    assert 4 not in episode.repair_turns
    assert episode.initiator == "Jia Hui"


_REMOTE = [
    ("Mark", "The deck is still not updated. I asked for this on Monday. This is getting ridiculous."),
    ("Priya", "Mark, the data only came yesterday evening. Kindly check the mail thread."),
    ("Mark", "I don't care whose fault it is. Every single sprint it's the same excuse from you two."),
    ("Tunde", "Ah, Mark, abeg, that's not fair. We've been working late every night this week."),
    ("Mark", "Working late doesn't count if nothing ships."),
    ("Priya", "Okay. I will do the needful by EOD."),
]


@pytest.mark.parametrize("mode", _MODES)
def test_compliance_after_a_dressing_down_is_appeasing_not_a_repair(mode: str) -> None:
    """P14: "Okay. I will do the needful by EOD." after being berated closes the exchange, as
    the standard "Okay. I'll get it done by end of day." does; it is no commitment."""
    analysis = mendkit.analyze(_conversation(_REMOTE), mode=mode)
    turn = analysis.turns[5]
    assert "rupture.withdrawal" in turn.labels
    assert "repair.request" not in turn.labels


def test_a_plain_promise_of_the_task_stays_out_of_appeasing() -> None:
    labels = _labels("Okay. I will do the needful by EOD.",
                     ["Could you update the slides when you get a chance?"])
    assert "rupture.withdrawal" not in labels


@pytest.mark.parametrize("mode", _MODES)
def test_a_singlish_tag_after_an_offer_is_no_check_in(mode: str) -> None:
    labels = _rule_labels("I know. Next time I ask first. Tonight I tapau chicken rice for you ok?",
                          ["Thanks, that means a lot."], mode)
    assert "repair.request" in labels
    assert "repair.acknowledge" not in labels


# P17: a softened start-up ("I feel hurt when you ...") is a feeling told, not a complaint, in
# every variety; the grievance alone still is one.
@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", [
    "I feel hurt and a bit lonely when you go out without telling me.",
    "I am feeling very hurt and lonely when you go out without telling me.",
    "Ah feel hurt an a wee bit lonely when ye go oot wi'oot tellin me.",
    "It hurt me when you be going out without telling me. I be feeling lonely.",
])
def test_a_softened_start_up_is_a_feeling_not_a_complaint(text: str, mode: str) -> None:
    labels = _labels(text, mode=mode)
    assert "repair.feeling" in labels
    assert "rupture.confrontation" not in labels


def test_the_grievance_alone_is_still_a_complaint() -> None:
    assert "rupture.confrontation" in _labels("You went out without telling me again.")


def test_please_dont_be_upset_beside_an_offer_is_no_minimising() -> None:
    text = ("Sorry yaar, I totally forgot your birthday. It is my mistake only, I am feeling very "
            "bad. I will take you for dinner on Saturday, please don't be upset.")
    assert "rupture.invalidation" not in _labels(text)
    assert "rupture.invalidation" in _labels("Don't be upset, it was just a joke.")
