"""Round 12, pronouns and names in the coach's draft. One rule above the others: a sentence of the
draft never changes who did what. Every mention of the reader becomes "you", or the answer stays
as the person wrote it; never half of each ("You shut himself in his room").

The cases come from the round-12 tester's sessions (T1 ... R1) and probes."""

from __future__ import annotations

import re

import pytest

from coach.test_composer import assert_reads_well
from mendkit.coach import content
from mendkit.coach.composer import DraftParts, compose
from mendkit.coach.machine import State
from mendkit.coach.pronouns import reader


def _draft(other: str, situation: str, context: str = "partner", **answers: str) -> str:
    return compose(DraftParts(other=other, context=context, situation=situation, **answers))


def _has_all(draft: str, *sentences: str) -> None:
    for sentence in sentences:
        assert sentence in draft, (sentence, draft)


# Problem 1: a "her" or "him" that is someone else never becomes "you".

def test_my_ex_is_not_the_reader() -> None:
    draft = _draft("Lucy", "Lucy saw me texting my ex", my_part="I kept texting him")
    _has_all(draft, "I'm sorry that I kept texting him.")
    assert "texting you" not in draft, draft


@pytest.mark.parametrize(("other", "situation", "ask", "asked"), [
    ("Ed", "He was rude to my mum", "apologise to her", "Could you apologise to her?"),
    ("Ed", "He was rude to my girlfriend and he has never apologised", "apologise to her",
     "Could you apologise to her?"),
    ("Ana", "She ignored my dad at lunch", "say thank you to him",
     "Could you say thank you to him?"),
    ("Sam", "Sam forgot my birthday", "apologise to her", "Could you apologise to her?"),
])
def test_a_request_never_asks_the_reader_to_do_something_to_themselves(
        other: str, situation: str, ask: str, asked: str) -> None:
    draft = _draft(other, situation, "friend", request=ask)
    _has_all(draft, asked)
    assert not re.search(r"\bto you\?", draft), draft


@pytest.mark.parametrize(("situation", "ask", "line"), [
    ("Sam's mum criticised my cooking", "she stops criticising me",
     "I'd like it if she stops criticising me."),
    ("Sam's dad shouted at me", "tell him to back off", "Could you tell him to back off?"),
    ("Sam's dad shouted at me", "Sam tells his dad to back off",
     "Could you tell your dad to back off?"),
    ("Sam forgot my birthday", "Talk to me before you decide",
     "Could you talk to me before you decide?"),
    ("He forgot to call", "him to stop yelling", "Could you stop yelling?"),
])
def test_a_request_asks_the_reader_only_what_is_theirs(situation: str, ask: str,
                                                       line: str) -> None:
    draft = _draft("Sam", situation, request=ask)
    _has_all(draft, line)


def test_a_second_person_who_could_be_her_keeps_her() -> None:
    draft = _draft("Omar", "Omar got quiet after I talked about my date with Zoe",
                   my_part="I went on about her for too long")
    _has_all(draft, "You got quiet after I talked about my date with Zoe.",
             "I'm sorry that I went on about her for too long.")


def test_pronouns_given_with_the_name_rule_out_the_others() -> None:
    draft = _draft("Omar (he/him)", "Omar went quiet at dinner",
                   my_part="I talked about her all night", request="say when he's uncomfortable")
    _has_all(draft, "You went quiet at dinner.", "I'm sorry that I talked about her all night.",
             "Could you say when you're uncomfortable?")
    assert "Omar" not in draft and "(he/him)" not in draft, draft


# Problem 2: a reader who uses they/them is spoken to as "you" too.

@pytest.mark.parametrize(("other", "answers", "expected"), [
    ("Alex", {"situation": "Alex said they were fine but then they went quiet all evening",
                  "my_part": "I kept checking my phone instead of asking them what was wrong",
                  "request": "tell me when they need space", "commitment": "ask them how they are doing"},
     ["You said you were fine but then you went quiet all evening.",
      "I'm sorry that I kept checking my phone instead of asking you what was wrong.",
      "Next time, I will ask you how you are doing.", "Could you tell me when you need space?"]),
    ("Robin", {"situation": "Robin told me they're non-binary and I kept using the wrong name",
                   "my_part": "I kept using their old name",
                   "commitment": "practise their name every day"},
     ["You told me you're non-binary and I kept using the wrong name.",
      "I'm sorry that I kept using your old name.",
      "Next time, I will practise your name every day."]),
    ("Riley", {"situation": "Riley blamed themselves for the fight and said the car keys were "
                             "theirs to lose", "my_part": "I let them take all the blame",
                   "request": "talk to me before they blame themselves"},
     ["You blamed yourself for the fight and said the car keys were yours to lose.",
      "I'm sorry that I let you take all the blame.",
      "Could you talk to me before you blame yourself?"]),
    ("Casey", {"situation": "Last night they were late and they said they'd been stuck at work",
                   "request": "text me when they're running late"},
     ["Can we talk about last night? You were late and you said you'd been stuck at work.",
      "Could you text me when you're running late?"]),
    ("Jordan (they/them)", {"situation": "Jordan forgot our anniversary",
                                "my_part": "I called them selfish in front of their sister",
                                "request": "put the big dates in their calendar"},
     ["You forgot our anniversary.",
      "I'm sorry that I called you selfish in front of your sister.",
      "Could you put the big dates in your calendar?"]),
])
def test_they_them_is_said_as_you(other: str, answers: dict[str, str],
                                  expected: list[str]) -> None:
    draft = _draft(other, **answers)
    assert_reads_well(draft)
    _has_all(draft, *expected)
    assert not re.search(r"\b(?:they|them|their|theirs|themselves|they're|they'd)\b", draft,
                         re.IGNORECASE), draft


def test_a_group_that_could_be_them_keeps_the_answer_as_written() -> None:
    draft = _draft("Sam", "Sam told me they felt ignored at the party",
                   my_part="I spent the whole party with my friends and left them on their own")
    _has_all(draft, "You told me you felt ignored at the party.",
             "I'm sorry that I spent the whole party with my friends and left them on their own.")


@pytest.mark.parametrize(("answer", "name", "pronouns"), [
    ("Robin (they/them)", "Robin", {"they"}), ("Sam, she", "Sam", {"she"}),
    ("Alex - he/him", "Alex", {"he"}), ("Kim, she/they", "Kim", {"she", "they"}),
    ("Jo (xe/xem)", "Jo", {"xe"}), ("Noor (ze/hir)", "Noor", {"ze/hir"}),
    ("Priya, pronouns: she/her", "Priya", {"she"}), ("my mum", "my mum", {"she"}),
    ("Sam", "Sam", set()), ("Esther", "Esther", set()), ("my brother", "my brother", {"he"}),
])
def test_the_name_answer_can_carry_pronouns(answer: str, name: str,
                                            pronouns: set[str]) -> None:
    who = reader(answer)
    assert (who.name, set(who.pronouns)) == (name, pronouns)


def test_the_coach_says_pronouns_can_be_given() -> None:
    assert "they/them" in content.PROMPTS[State.RECOGNISE_WHO]


@pytest.mark.parametrize(("other", "answers", "expected"), [
    ("Aisha (she/her)",
     {"situation": "Aisha took over my call with the client because he asked for her",
          "my_part": "I told her she had no right to take my client",
          "request": "check with me before she takes over my calls"},
     ["You took over my call with the client because he asked for you.",
      "I realise that I told you that you had no right to take my client",
      "if you could check with me before you take over my calls."]),
    ("Jo (xe/xem)", {"situation": "Jo said xe was tired", "my_part": "I ignored xem"},
     ["You said you were tired.", "I realise that I ignored you,"]),
])
def test_given_pronouns_are_said_as_you(other: str, answers: dict[str, str],
                                        expected: list[str]) -> None:
    draft = _draft(other, context="work", **answers)
    _has_all(draft, *expected)


# Problem 3: never a half-converted sentence: the reader's name as "you" with their pronoun left.

@pytest.mark.parametrize(("other", "answers", "expected"), [
    ("Leo", {"situation": "Leo shut himself in his room at Mum's and wouldn't talk",
                 "my_part": "I banged on his door and shouted",
                 "request": "tell me when he needs time alone"},
     ["You shut yourself in your room at Mum's and wouldn't talk.",
      "I'm sorry that I banged on your door and shouted.",
      "Could you tell me when you need time alone?"]),
    ("Tom", {"situation": "Tom's dad made a joke about us and Tom said nothing",
                 "my_part": "I told Tom he was a coward",
                 "request": "say something when his dad makes those jokes"},
     ["Your dad made a joke about us and you said nothing.",
      "I'm sorry that I told you that you were a coward.",
      "Could you say something when your dad makes those jokes?"]),
    ("Kate", {"situation": "Kate told our son that I forgot his school play",
                  "my_part": "I said she was turning him against me"},
     ["You told our son that I forgot his school play.",
      "I'm sorry that I said you were turning him against me."]),
    ("Luke", {"situation": "Luke said I undermined him in front of his son",
                  "my_part": "I told his son he could stay up late"},
     ["You said I undermined you in front of your son.",
      "I'm sorry that I told your son he could stay up late."]),
    ("Emma", {"situation": "My boss yelled at me all day and he made me stay late, then I "
                            "snapped at Emma when she asked about my day"},
     ["My boss yelled at me all day and he made me stay late, then I snapped at you when you "
      "asked about my day."]),
    ("Nina", {"situation": "Nina brought her boyfriend to our girls' night and he made fun of "
                            "my job", "my_part": "I told her he was rude",
                  "request": "ask before she brings someone new"},
     ["You brought your boyfriend to our girls' night and he made fun of my job.",
      "I'm sorry that I told you he was rude.", "Could you ask before you bring someone new?"]),
    ("Greg", {"situation": "Greg told our son he was lazy and I laughed"},
     ["You told our son he was lazy and I laughed."]),
    ("Jo", {"situation": "Jo's boss kept her late"}, ["Your boss kept you late."]),
])
def test_every_mention_of_the_reader_becomes_you(other: str, answers: dict[str, str],
                                                 expected: list[str]) -> None:
    draft = _draft(other, context="family", **answers)
    _has_all(draft, *expected)


@pytest.mark.parametrize(("other", "answers", "kept"), [
    # "her" may be Dan's, "him" may be the son, "she" may be the boss: the person's own words.
    ("Jess", {"situation": "Jess was upset that I brought Dan to her birthday",
                  "my_part": "I didn't ask her first"},
     ["Jess was upset that I brought Dan to her birthday.",
      "I'm sorry that I didn't ask her first."]),
    ("Mark", {"situation": "Mark dropped our son off two hours late and didn't answer his phone",
                  "my_part": "I yelled at him in front of our son"},
     ["Mark dropped our son off two hours late and didn't answer his phone.",
      "I'm sorry that I yelled at him in front of our son."]),
    ("Ana", {"situation": "Ana worked late again because her boss asked her to",
                 "my_part": "I said she cares more about him than about me"},
     ["You worked late again because your boss asked you to.",
      "I'm sorry that I said she cares more about him than about me."]),
    ("Sam", {"situation": "Sam's mum said she was hurt"}, ["Sam's mum said she was hurt."]),
])
def test_an_answer_with_an_uncertain_pronoun_stays_as_written(
        other: str, answers: dict[str, str], kept: list[str]) -> None:
    draft = _draft(other, **answers)
    _has_all(draft, *kept)


# Problem 4: a name that is also a word replaces only the name.

@pytest.mark.parametrize(("other", "answers", "expected"), [
    ("Will", {"situation": "Will said he will move out if we keep fighting",
                  "request": "Will tells me when he is overwhelmed"},
     ["You said you will move out if we keep fighting.",
      "Could you tell me when you are overwhelmed?"]),
    ("May", {"situation": "May said she may be late again"}, ["You said you may be late again."]),
    ("Joy", {"situation": "Joy left the party early",
                 "my_part": "I took the joy out of the evening with my sulking"},
     ["You left the party early.",
      "I'm sorry that I took the joy out of the evening with my sulking."]),
    ("Hope", {"situation": "Hope said I never hope for anything"},
     ["You said I never hope for anything."]),
    ("Mark", {"situation": "Mark forgot the appointment",
                  "request": "mark the dates on the calendar"},
     ["You forgot the appointment.", "Could you mark the dates on the calendar?"]),
    ("Bill", {"situation": "Bill broke my guitar", "my_part": "I said I would bill him for the damage"},
     ["You broke my guitar.", "I'm sorry that I said I would bill you for the damage."]),
    ("Will", {"situation": "Will forgot my birthday", "request": "Will you call me first"},
     ["Could you call me first?"]),
    ("sam", {"situation": "sam didn't call when he said he would",
                 "my_part": "I ignored sam's calls the next day"},
     ["You didn't call when you said you would.", "I'm sorry that I ignored your calls"]),
])
def test_a_name_that_is_a_word_replaces_only_the_name(other: str, answers: dict[str, str],
                                                      expected: list[str]) -> None:
    draft = _draft(other, **answers)
    assert_reads_well(draft)
    _has_all(draft, *expected)


# Problem 5: an account that starts with a name and an irregular past verb is told as it is.

@pytest.mark.parametrize(("other", "situation", "account"), [
    ("Paul", "Paul let me down again", "You let me down again."),
    ("Lucy", "Lucy saw me texting my ex", "You saw me texting my ex."),
    ("Kim", "Kim cut me off mid-sentence", "You cut me off mid-sentence."),
    ("Ravi", "Ravi quit the band without telling me", "You quit the band without telling me."),
    ("Jo", "Jo set the date without asking me", "You set the date without asking me."),
    ("Sam", "Sam read my messages", "You read my messages."),
    ("Lee", "Lee put my things in the bin", "You put my things in the bin."),
    ("Max", "Max shut the door in my face", "You shut the door in my face."),
])
def test_an_irregular_past_after_a_name_makes_an_account(other: str, situation: str,
                                                         account: str) -> None:
    draft = _draft(other, situation)
    assert draft.startswith(f"Can we talk about what happened? {account}"), draft
    assert "talk about you" not in draft, draft


def test_a_noun_that_looks_like_a_past_verb_stays_a_topic() -> None:
    assert _draft("Sam", "the pay cut").startswith("Can we talk about the pay cut?")
