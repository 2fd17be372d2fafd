"""Round 14 (conversations with three or more people): an episode stays between the two people
of its rupture. Another member's apology does not close it, a therapist's or mediator's
reflection is facilitation (the initiator is the first of the two who repairs), thanks that also
name a pattern still take up the repair they answer, and a bystander's "ok" or "haha" is neither
a rupture of the episode nor its uptake.

Shapes from tester t1's group conversations, in new words.
"""

from __future__ import annotations

import pytest

from mendkit.analysis.addressing import addressed
from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation, Evidence, TurnAnalysis


def said(i: int, speaker: str, text: str, *marks: tuple[str, str | None, str],
         start: float | None = None, model: tuple[str, ...] = ()) -> TurnAnalysis:
    """A turn whose rules found each (label, subtype, words) in ``marks``, and whose model alone
    gave each label in ``model``."""
    ev = [Evidence(label=label, subtype=sub, start=text.index(words),
                   end=text.index(words) + len(words), text=words, source="rule:test/marker-01")
          for label, sub, words in marks]
    ev += [Evidence(label=label, subtype=None, start=0, end=len(text), text=text,
                    source="model:test-v1, no rule matched") for label in model]
    labels = tuple(dict.fromkeys(e.label for e in ev))
    return TurnAnalysis(index=i, speaker=speaker, text=text, labels=labels,
                        scores=dict.fromkeys(labels, 0.9), evidence=tuple(ev), start=start)


CRITICISM = "rupture.confrontation", "criticism"
DISMISSING = "rupture.invalidation", "dismissing"
SHRUG = "rupture.withdrawal", "minimal_response"
APOLOGY = "repair.responsibility", "apology"
THANKS = "reconnect", "appreciation"
NOTICE = "repair.acknowledge", "notice"
VALIDATE = "repair.validate", "validation"


def test_an_apology_to_one_member_does_not_resolve_another_members_rupture() -> None:
    # The lead criticises Priya's plan by name, then brushes off Omar by name; he apologises
    # to Priya only, and she accepts. Omar's "Sure." and later "No." stay his own, unresolved.
    eps = find_episodes([
        said(0, "Hugh", "Priya, this plan is careless, the dates are all wrong.",
             (*CRITICISM, "this plan is careless"), start=0.0),
        said(1, "Priya", "Okay.", (*SHRUG, "Okay"), start=8.0),
        said(2, "Hugh", "Omar, how's the migration?", start=15.0),
        said(3, "Omar", "Finished, but I gave up my Saturday for it again.", start=20.0),
        said(4, "Hugh", "We all give things up, Omar. That's the work right now.",
             (*DISMISSING, "We all give things up"), start=30.0),
        said(5, "Omar", "Sure.", (*SHRUG, "Sure"), start=36.0),
        said(6, "Hugh", "Priya, I was unfair about the plan and I'm sorry.",
             (*APOLOGY, "I'm sorry"), start=50.0),
        said(7, "Priya", "Thank you, Hugh. I'll fix the dates.", (*THANKS, "Thank you"),
             start=60.0),
        said(8, "Hugh", "Anything else?", start=70.0),
        said(9, "Omar", "No.", (*SHRUG, "No"), start=75.0),
    ])
    assert [(e.start_turn, e.status, e.initiator) for e in eps] == [
        (0, "resolved", "Hugh"), (4, "unresolved", None)]
    assert eps[0].rupture_turns == (0, 1)
    assert eps[0].seconds_to_repair == 50.0
    assert eps[1].rupture_turns == (4, 5, 9)
    assert not eps[1].taken_up


def test_the_therapists_reflection_is_facilitation_and_the_partner_initiates() -> None:
    # The therapist's question, a complaint about the partner, his rupture back, her
    # reflection naming them both, his apology, the client's thanks.
    eps = find_episodes([
        said(0, "Dr Lane", "Where would you like to begin this week?", start=0.0),
        said(1, "Tess", "With him booking the whole summer at his brother's. Without asking.",
             ("rupture.confrontation", "complaint", "Without asking"), start=10.0),
        said(2, "Ravi", "You always twist it.", (*CRITICISM, "You always twist it"),
             start=20.0),
        said(3, "Dr Lane", "Tess, I hear how left out that felt. Ravi, what happens for you?",
             (*VALIDATE, "I hear how left out that felt"), (*NOTICE, "what happens for you"),
             start=30.0),
        said(4, "Tess", "Yes. Exactly.", (*THANKS, "Yes. Exactly"), start=40.0),
        said(5, "Ravi", "I panic. I'm sorry I booked it without you, Tess.",
             (*APOLOGY, "I'm sorry"), start=55.0),
        said(6, "Tess", "Thank you for saying that.", (*THANKS, "Thank you"), start=65.0),
    ])
    assert len(eps) == 1
    ep = eps[0]
    assert (ep.status, ep.initiator, ep.taken_up) == ("resolved", "Ravi", True)
    assert ep.repair_turns == (5,)
    assert (ep.turns_to_repair, ep.seconds_to_repair) == (4, 45.0)
    assert ep.reconnect_turns == (6,)  # "Yes. Exactly." agreed with the therapist: no uptake


def test_agreeing_with_the_facilitators_description_resolves_nothing() -> None:
    eps = find_episodes([
        said(0, "Jo", "How has the week been?"),
        said(1, "Sam", "Fine for you, maybe.", (*CRITICISM, "Fine for you, maybe")),
        said(2, "Kit", "You make everything a drama.", (*CRITICISM, "make everything a drama")),
        said(3, "Jo", "I notice a pattern: Sam raises a hurt, Kit explains, Sam gets louder.",
             (*NOTICE, "I notice a pattern")),
        said(4, "Sam", "Yes. Exactly that.", ("reconnect", "acceptance", "Yes. Exactly that")),
    ])
    assert [(e.status, e.initiator, e.repair_turns) for e in eps] == [("unresolved", None, ())]


@pytest.mark.parametrize("thanks", [
    "Thank you. Yeah. It has been the fourth time in two weeks.",
    "Thanks. It's the second time this year though.",
])
def test_thanks_that_name_a_pattern_take_up_the_repair_they_answer(thanks: str) -> None:
    eps = find_episodes([
        said(0, "Mia", "You cancelled on me again.",
             ("rupture.confrontation", "complaint", "cancelled on me again")),
        said(1, "Lou", "You're right, I'm sorry. That wasn't fair on you.",
             (*APOLOGY, "I'm sorry")),
        said(2, "Mia", thanks, (*THANKS, thanks.split(".", maxsplit=1)[0]),
             ("rupture.confrontation", "complaint", thanks.split(". ", 1)[1][:12])),
    ])
    assert [(e.status, e.taken_up, e.reconnect_turns) for e in eps] == [("resolved", True, (2,))]


def test_thanks_with_a_complaint_that_answer_something_else_take_nothing_up() -> None:
    eps = find_episodes([
        said(0, "Mia", "You cancelled on me again.",
             ("rupture.confrontation", "complaint", "cancelled on me again")),
        said(1, "Lou", "You're right, I'm sorry.", (*APOLOGY, "I'm sorry")),
        said(2, "Lou", "Want the last slice?"),
        said(3, "Mia", "Thanks. Third time this month though.", (*THANKS, "Thanks"),
             ("rupture.confrontation", "complaint", "Third time")),
    ])
    assert [(e.status, e.taken_up) for e in eps] == [("attempted", False)]


def test_a_bystanders_haha_is_no_uptake_of_an_apology_to_someone_else() -> None:
    # The model read the bystander's earlier quip as a rupture; she is still no party to the
    # apology, which names Ana, and her "haha" takes nothing up.
    eps = find_episodes([
        said(0, "Cat", "ok I need two songs from each of you by tonight"),
        said(1, "Ana", "can't tonight, I'm on a double shift"),
        said(2, "Bea", "you're always working, it's kind of sad",
             (*CRITICISM, "you're always working")),
        said(3, "Ana", "wow. ok.", (*SHRUG, "wow. ok")),
        said(4, "Cat", "someone pick something from this decade pls",
             model=("rupture.confrontation",)),
        said(5, "Bea", "Ana I'm sorry, that was a cheap shot about your job.",
             (*APOLOGY, "I'm sorry")),
        said(6, "Cat", "haha nice ok so songs", ("reconnect", "warmth", "haha")),
    ])
    assert [(e.status, e.initiator, e.taken_up) for e in eps] == [("attempted", "Bea", False)]


def test_a_bystanders_ok_beside_two_others_quarrel_is_no_rupture_of_it() -> None:
    eps = find_episodes([
        said(0, "Ben", "tbh you never clean the bathroom Kofi", (*CRITICISM, "you never clean")),
        said(1, "Kofi", "fine.", (*SHRUG, "fine")),
        said(2, "Jess", "lol", model=("rupture.withdrawal",)),
        said(3, "Jess", "ok", (*SHRUG, "ok")),
        said(4, "Ben", "Kofi, sorry, that was harsh of me.", (*APOLOGY, "sorry")),
        said(5, "Kofi", "Thanks Ben.", (*THANKS, "Thanks")),
    ])
    assert [(e.status, e.rupture_turns) for e in eps] == [("resolved", (0, 1))]


def test_its_fine_forget_it_in_answer_to_an_apology_is_no_uptake_in_rules_mode() -> None:
    analysis = analyze_conversation(Conversation.from_turns([
        ("Lena", "Honestly that idea was mine, not the team's. It'd be nice to get credit."),
        ("Marco", "Oh come on, it's a team effort, nobody's keeping score."),
        ("Lena", "Whatever."),
        ("Marco", "Sorry, Lena. You're right, it was your idea and I should have said so."),
        ("Lena", "It's fine, honestly. Forget it."),
    ]), mode="rules")
    assert analysis.episodes, "the dismissal opens an episode"
    assert not analysis.episodes[-1].taken_up
    assert analysis.episodes[-1].status != "resolved"


@pytest.mark.parametrize(("text", "to"), [
    ("Nadia, I was harsh about the deck.", {"Nadia"}),
    ("Everyone's stretched, Jamal. That's the job.", {"Jamal"}),
    ("Thanks Dev.", {"Dev"}),
    ("sorry lily i forgot the notes", {"Lily"}),
    ("haha nice. Ana you in for the 80s?", {"Ana"}),
    ("It sounds like you felt less looked after than Dan, and that matters.", set()),
    ("Can you tell Maya what you feel?", set()),
    ("Take Friday. Kofi'll do garnish.", set()),
])
def test_a_name_said_to_its_person_is_told_from_a_mention(text: str, to: set[str]) -> None:
    speakers = ["Ana", "Dan", "Dev", "Jamal", "Kofi", "Lily", "Maya", "Nadia", "Zed"]
    assert addressed(TurnAnalysis(index=0, speaker="Zed", text=text), speakers) == to
