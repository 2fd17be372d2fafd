"""Round 14: marker rules that misread what the words do.

Self-criticism inside an apology ("sorry, that was a stupid thing to say") is ownership, not an
attack; a parent's "Leo, that was unkind" is about someone else's act; "nothing about this is your
fault" clears the other; a correction that admits the fault, "I'm listening" and a stance about
one's own anger are not defensiveness; "if you just tell me" (only tell me) is no demand. Brief
apologies that name the act are ownership; forced and leverage "sorry"s are not. A gift or a treat
is no commitment; plain and literal requests, an announced break, and coming back after one are
repair and reconnection; an appeasing "Makes sense. Never mind." is not validation.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

MODES = ("rules", "full")


def labels(text: str, *context: str, mode: str = "rules") -> set[str]:
    return set(mendkit.check(text, mode=mode, context=list(context)).labels)


def rule_ids(text: str, *context: str, mode: str = "rules") -> set[str]:
    result = mendkit.check(text, mode=mode, context=list(context))
    return {e.source.removeprefix("rule:") for e in result.evidence}


def conversation(*turns: tuple[str, str], mode: str = "rules") -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns(list(turns), id="t"), mode=mode)


# 1. Judging one's own words inside an apology is ownership.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "sorry Jess, that was a stupid thing to say. I didn't read it properly",
    "That was a cheap shot. I'm sorry.",
    "I'm sorry, that was a stupid thing to say.",
])
def test_self_criticism_in_an_apology_is_ownership(text: str, mode: str) -> None:
    found = labels(text, mode=mode)
    assert "repair.responsibility" in found
    assert "rupture.confrontation" not in found


def test_self_criticism_after_a_crisis_message_is_an_apology_in_the_thread() -> None:
    analysis = conversation(
        ("Jess", "honestly I don't see the point of anything anymore. everyone would probably "
                 "be better off without me"),
        ("Ollie", "lol same, exams are killing me"),
        ("Tom", "Ollie mate not now. Jess, are you okay?"),
        ("Ollie", "sorry Jess, that was a stupid thing to say. I didn't read it properly"),
    )
    assert "repair.responsibility" in analysis.turns[-1].labels
    assert "rupture.confrontation" not in analysis.turns[-1].labels


@pytest.mark.parametrize("text", [
    "That was a stupid thing to say.",
    "That was a cheap shot.",
    "Honestly, that was a selfish thing to do.",
])
def test_the_same_verdict_on_the_other_stays_criticism(text: str) -> None:
    found = labels(text, "You're not exactly a genius yourself.")
    assert "rupture.confrontation" in found
    assert "repair.responsibility" not in found


# 2. A verdict on someone else's act is not the speaker's admission.

@pytest.mark.parametrize("mode", MODES)
def test_a_parent_naming_a_childs_unkindness_is_no_admission(mode: str) -> None:
    text = ("Hey. Both of you, stop for a sec. Leo, that was unkind. Isla, you said you don't "
            "care but your face says you do.")
    assert "responsibility/admission-01" not in rule_ids(text, mode=mode)


@pytest.mark.parametrize("text", [
    "That was unkind of me.",
    "Sorry Leo, that was unkind.",
    "Honestly, what I said was unkind.",
])
def test_owning_ones_own_unkindness_still_counts(text: str) -> None:
    assert "repair.responsibility" in labels(text)


# 3. Negation and ownership are not blame or defensiveness.

@pytest.mark.parametrize("mode", MODES)
def test_nothing_about_this_is_your_fault_is_not_blame(mode: str) -> None:
    text = "No. Nothing about this is your fault. I made the choices. All of them."
    assert "rupture.confrontation" not in labels(
        text, "Great. So it's my fault for making you feel like a failure.", mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_owning_what_one_said_is_not_defensiveness(mode: str) -> None:
    text = ("I did say that, and it was cruel. You weren't paranoid, you were right, and I made "
            "you doubt yourself to protect me.")
    before = ("Do you have any idea how stupid I feel? I asked you in March if something was "
              "wrong and you told me I was being paranoid.")
    assert "rupture.invalidation" not in labels(text, before, mode=mode)


def test_im_listening_as_an_opening_is_not_defensiveness() -> None:
    assert "invalidation/defensiveness-04" not in rule_ids(
        "I'm listening. I'm not promising anything.", "Can I tell you everything? All of it?")


@pytest.mark.parametrize("text", ["I AM listening!", "I am listening, okay?",
                                  "I'm listening! God."])
def test_an_insisting_i_am_listening_stays_defensiveness(text: str) -> None:
    assert "rupture.invalidation" in labels(text, "You never listen to a word I say.")


def test_a_correction_that_admits_the_fault_is_not_defensiveness() -> None:
    text = "That's not accurate. I forgot the vet. I didn't forget your birthday or the rent."
    assert "rupture.invalidation" not in labels(
        text, "You always forget the things that matter to me.")


def test_a_bare_thats_not_fair_stays_defensiveness() -> None:
    assert "rupture.invalidation" in labels("That's not fair, I've driven her to every lesson.",
                                            "You never help with the kids.")


def test_not_apologising_for_ones_anger_is_not_defensiveness() -> None:
    assert "rupture.invalidation" not in labels(
        "I'm not going to apologise for being angry.", "You're allowed to be angry about that.")


def test_refusing_to_apologise_for_what_one_did_stays_defensiveness() -> None:
    assert "rupture.invalidation" in labels("I'm not going to apologise for being honest.")


# 4. "if you just tell me" (only tell me) is no demand.

@pytest.mark.parametrize("mode", MODES)
def test_if_you_just_tell_me_is_not_pressure(mode: str) -> None:
    text = "Can you send me the list in writing? I'll lose it if you just tell me."
    found = labels(text, mode=mode)
    assert "rupture.confrontation" not in found
    assert "repair.request" in found


def test_just_tell_me_as_a_demand_stays_pressure() -> None:
    assert "rupture.confrontation" in labels("Just tell me.", "I don't want to talk about it.")


# 5. Brief apologies that name the act; forced and leverage "sorry"s.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Sorry I broke your mug.",
    "Sorry I ruined dinner.",
    "Sorry I hit your car.",
    "Sorry I deleted your file.",
    "Sorry I smashed your castle, Isla. I'll help you build it again.",
])
def test_a_brief_apology_naming_the_act_is_ownership(text: str, mode: str) -> None:
    assert "repair.responsibility" in labels(text, mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_an_offer_to_help_rebuild_is_a_commitment(mode: str) -> None:
    found = labels("Sorry I smashed your castle, Isla. I'll help you build it again.", mode=mode)
    assert "repair.request" in found


@pytest.mark.parametrize("text", [
    "Mum says I have to say sorry. Sorry.",
    "sorry. can I have my switch back now",
    "Fine. Sorry. Happy now?",
])
def test_a_forced_or_leverage_sorry_is_not_ownership(text: str) -> None:
    assert "repair.responsibility" not in labels(text)


@pytest.mark.parametrize("mode", MODES)
def test_an_apology_with_an_ultimatum_is_pressure_not_ownership(mode: str) -> None:
    found = labels("Sorry I read them. Forgive me now or we're finished.",
                   "You went through my emails while I was at work.", mode=mode)
    assert "rupture.confrontation" in found
    assert "repair.responsibility" not in found


def test_the_real_apology_after_a_forced_one_resolves_the_episode() -> None:
    analysis = conversation(
        ("Mum", "Ollie, what do you say to your sister?"),
        ("Ollie", "Mum says I have to say sorry. Sorry."),
        ("Isla", "He broke my Lego castle on purpose."),
        ("Ollie", "It was an accident. Sort of."),
        ("Mum", "Ollie."),
        ("Ollie", "Sorry I guess. Whatever. Can I have my Switch back now?"),
        ("Isla", "He doesn't even mean it."),
        ("Mum", "Ollie, try again, properly."),
        ("Ollie", "Sorry I smashed your castle, Isla. I was mad you wouldn't let me play. "
                  "I'll help you build it again."),
        ("Isla", "Okay. You can do the tower."),
    )
    assert "repair.responsibility" not in analysis.turns[1].labels
    assert "repair.responsibility" in analysis.turns[8].labels


# 6. A gift or a treat is no commitment to change.

@pytest.mark.parametrize("mode", MODES)
def test_love_bombing_gift_is_no_commitment(mode: str) -> None:
    found = labels("Baby I'm so so sorry, you're my whole world, I'll buy you a new phone "
                   "today, the best one.", "You threw my phone against the wall last night.",
                   mode=mode)
    assert "repair.request" not in found


def test_a_trip_is_no_commitment() -> None:
    assert "repair.request" not in labels("Don't say that. I'm the worst, I know. I'll take you "
                                          "to Paris, anything you want.", "I was scared of you.")


def test_replacing_what_one_broke_is_still_a_commitment_and_names_the_thing() -> None:
    result = mendkit.check("I'm sorry I dropped it. I'll buy you a new phone on Saturday.",
                           mode="rules")
    spans = [e.text for e in result.evidence if e.label == "repair.request"]
    assert spans and any(span.endswith("new phone") for span in spans)


def test_taking_someone_to_an_appointment_is_still_an_offer() -> None:
    assert "repair.request" in labels("I'll take you to the appointment on Tuesday.")


# 7. Direct and literal requests, and an announced break.

# (In full mode the model may overrule a request or reconnect rule it reads under its floor:
# fusion's design, RULE_FLOOR; these check what the rules feed it.)
@pytest.mark.parametrize("text", [
    "I need you to tell me exactly what you want.",
    "Please say it plainly. I can't read hints.",
    "I need changes in writing, a day ahead if possible.",
])
def test_a_direct_request_is_a_request(text: str) -> None:
    assert "repair.request" in labels(text)


@pytest.mark.parametrize("mode", MODES)
def test_an_announced_break_with_a_return_is_a_boundary(mode: str) -> None:
    result = mendkit.check("I'm getting flooded. I need 20 minutes, then I want to finish this.",
                           mode=mode)
    assert "repair.request" in result.labels
    assert any(e.label == "repair.request" and e.subtype == "boundary" for e in result.evidence)


def test_a_demand_to_just_tell_stays_out_of_requests() -> None:
    assert "repair.request" not in labels("I need you to just tell me.")


def test_a_meeting_opener_is_not_a_request() -> None:
    assert "repair.request" not in labels("Today I'd like us to work on the handover schedule")


# 8. Coming back after a break; not reconnect, not validation.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Thanks for giving me time. I'm ready to talk now.",
    "Thank you for waiting while I was overloaded. That helped.",
])
def test_thanks_for_the_time_a_break_took_is_reconnect(text: str, mode: str) -> None:
    assert "reconnect" in labels(text, mode=mode)


@pytest.mark.parametrize("text", ["I'm back. I'm calmer. Can we try again?", "I'm ready to talk now."])
def test_coming_back_after_a_break_is_reconnect(text: str) -> None:
    assert "reconnect" in labels(text)


def test_not_ready_to_talk_is_not_reconnect() -> None:
    assert "reconnect" not in labels("I'm not ready to talk.", "Can we talk now?")


def test_calmer_too_after_a_return_is_not_withdrawal() -> None:
    analysis = conversation(
        ("Alex", "You always forget the things that matter to me."),
        ("Sam", "That's not accurate. I forgot the vet. I didn't forget your birthday or the rent."),
        ("Alex", "Oh, so now you're keeping score."),
        ("Sam", "I'm getting flooded. I need 20 minutes, then I want to finish this."),
        ("Alex", "Fine. Go."),
        ("Sam", "I'm back. I walked around the block. I'm calmer now."),
        ("Alex", "Ok. I'm calmer too."),
    )
    assert "rupture.withdrawal" in analysis.turns[4].labels  # the tension it answers
    assert "rupture.withdrawal" not in analysis.turns[-1].labels


def test_moving_to_the_agenda_after_someone_shuts_down_is_not_reconnect() -> None:
    analysis = conversation(
        ("Rosa", "Before we move on. Sam, I'm sorry I cut you off earlier. That wasn't fair."),
        ("Sam", "Thanks, Rosa. I appreciate that."),
        ("Rosa", "That makes sense. From now on there'll always be two people on release nights."),
        ("Sam", "That would help a lot."),
        ("Lee", "lol we're getting deep today"),
        ("Rosa", "Aisha, I'd like to come back to what you said about the cache too."),
        ("Aisha", "It's fine, honestly. Forget it."),
        ("Rosa", "Okay. Let's vote on action items."),
    )
    assert "reconnect" not in analysis.turns[-1].labels


def test_an_appeasing_makes_sense_is_not_validation() -> None:
    assert "repair.validate" not in labels(
        "Right. Makes sense. Never mind.",
        "Zara it's not that deep, it was super last minute and we didn't think you'd want to come")


def test_makes_sense_that_agrees_stays_validation() -> None:
    assert "repair.validate" in labels("Makes sense. I'd have been upset too.",
                                       "I was hurt that nobody asked me.")
