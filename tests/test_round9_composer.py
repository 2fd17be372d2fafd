"""Round 9, the coach's composer: a draft that speaks to its reader as "you" in every sentence once
it has started to, turns "her" into "you" or "your" as English needs, asks the other person for
what the person asked of them, and keeps the person's words where it cannot turn them safely."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from coach.test_composer import assert_reads_well
from coach.test_driver import Script
from mendkit.coach.composer import DraftParts, compose
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 28, 18, 0)
THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers|he'll|she'll|he'd|she'd|he's|she's)\b",
                          re.IGNORECASE)


# Bug 1: "her" before a word that is not a noun is the person spoken to, not an owner.

@pytest.mark.parametrize(("my_part", "expected"), [
    ("I ignored her all evening", "I'm sorry that I ignored you all evening."),
    ("I was cold to her all night", "I'm sorry that I was cold to you all night."),
    ("I hung up on her twice", "I'm sorry that I hung up on you twice."),
    ("I spoke to her so harshly", "I'm sorry that I spoke to you so harshly."),
    ("I made her cry", "I'm sorry that I made you cry."),
    ("I forgot her birthday", "I'm sorry that I forgot your birthday."),
])
def test_her_becomes_you_or_your_as_english_needs(my_part: str, expected: str) -> None:
    draft = compose(DraftParts(other="her", situation="she forgot to pick me up",
                               my_part=my_part))
    assert_reads_well(draft)
    assert expected in draft, draft
    assert not THIRD_PERSON.search(draft), draft


def test_the_coach_draft_for_mia_says_you_all_through(tmp_path: Path) -> None:
    answers = ["", "yes", "Mia", "partner", "She forgot to pick me up from the station", "", "",
               "3", "skip", "yes", "I ignored her all evening", "", "call me if she's running late",
               "", "accept", "angry", "scared", "to know she'll be there", "", "", "0"]
    session = run(start("r9", attachment=None), Script(answers), SessionStore(tmp_path),
                  now=lambda: NOW)
    draft = str(session.answers["responsibility_draft"])
    assert "I'm sorry that I ignored you all evening." in draft, draft
    assert "Could you call me if you're running late?" in draft, draft
    assert not THIRD_PERSON.search(draft), draft


# Bug 2: once the draft says "you" to the person, every sentence does.

@pytest.mark.parametrize(("parts", "expected"), [
    (DraftParts(context="family", other="Jess", situation="Jess came home two hours after curfew",
                my_part="I yelled at her and took her phone", feeling="scared",
                need="to know she's safe",
                request="text me if she's going to be late"),
     ["You came home two hours after curfew.",
      "I'm sorry that I yelled at you and took your phone.", "I need to know you're safe.",
      "Could you text me if you're going to be late?"]),
    (DraftParts(context="partner", other="Ben", situation="Ben lied to me about the money",
                my_part="I told him he was useless", feeling="angry because he lied",
                need="him to be honest with me", request="stop yelling at me"),
     ["You lied to me about the money.", "I'm sorry that I told you that you were useless.",
      "I feel angry because you lied, and I need you to be honest with me."]),
    (DraftParts(context="family", other="Dad",
                situation="Dad and I fought about uni on Christmas Day",
                my_part="I said he never supported me",
                regret="saying he never supported me", request="listen before he decides",
                feeling="frustrated", need="to be heard"),
     ["You and I fought about uni on Christmas Day.",
      "I'm sorry that I said you never supported me.",
      "Could you listen before you decide?"]),
    (DraftParts(context="friend", other="Jay", situation="Jay forgot my birthday",
                my_part="I told him it didn't matter", commitment="I'll tell him when I'm hurt"),
     ["You forgot my birthday.", "I'm sorry that I told you it didn't matter.",
      "Next time, I will tell you when I'm hurt."]),
])
def test_every_sentence_speaks_to_the_reader_once_the_draft_does(
        parts: DraftParts, expected: list[str]) -> None:
    draft = compose(parts)
    assert_reads_well(draft)
    for sentence in expected:
        assert sentence in draft, (sentence, draft)
    assert not THIRD_PERSON.search(draft), draft


def test_she_will_and_he_would_are_said_to_the_reader() -> None:
    draft = compose(DraftParts(other="Mia", situation="She forgot to pick me up",
                               feeling="scared", need="to know she'll be there"))
    assert "and I need to know you'll be there." in draft, draft
    draft = compose(DraftParts(other="Tom", situation="He forgot to pick me up",
                               feeling="scared", need="to know he'd call"))
    assert "and I need to know you'd call." in draft, draft


# Bug 11: a bare verb phrase answers "What would you like them to do differently next time?".

@pytest.mark.parametrize(("ask", "expected"), [
    ("help with the dishes on weeknights", "Could you help with the dishes on weeknights?"),
    ("put the phone away at dinner", "Could you put the phone away at dinner?"),
    ("take a break when it gets heated", "Could we take a break when it gets heated?"),
    ("spend more time together", "Could we spend more time together?"),
])
def test_a_bare_request_is_asked_of_the_other_person(ask: str, expected: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="We argued about the dishes last night",
                               request=ask))
    assert_reads_well(draft)
    assert expected in draft, draft


def test_the_coach_draft_for_sam_asks_sam_to_help(tmp_path: Path) -> None:
    answers = ["", "yes", "Sam", "partner", "We argued about the dishes last night",
               "I felt hot, Sam went quiet", "", "3", "skip", "yes",
               "I called Sam lazy and walked out", "calling Sam lazy",
               "help with the dishes on weeknights", "", "accept", "angry", "hurt",
               "to feel like a team", "", "stay in the room when we argue", "0"]
    session = run(start("r9b", attachment=None), Script(answers), SessionStore(tmp_path),
                  now=lambda: NOW)
    draft = str(session.answers["responsibility_draft"])
    assert "Could you help with the dishes on weeknights?" in draft, draft


# A request without a verb is kept in the person's words, not forced after "Could we".

@pytest.mark.parametrize(("ask", "expected"), [
    ("more time together", "I'd like more time together."),
    ("some space after work", "I'd like some space after work."),
])
def test_a_request_without_a_verb_keeps_the_persons_words(ask: str, expected: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="We argued about the dishes last night",
                               request=ask))
    assert_reads_well(draft)
    assert expected in draft, draft
    assert "Could we more" not in draft and "Could we some" not in draft, draft


# Round 9, second pass. A: someone else in the account (their mum, my sister) keeps their
# pronoun: "I snapped at her" may be about the mum, never turned into "you".

@pytest.mark.parametrize(("other", "situation", "my_part", "kept"), [
    ("Sam", "Sam's mum criticised my cooking", "I snapped at her", "I snapped at her."),
    ("Sam", "Sam's dad yelled at me at dinner", "I hung up on him", "I hung up on him."),
    ("Jo", "My sister and Jo argued", "I took her side", "I took her side."),
    ("Jo", "Jo and Priya argued at work", "I took her side", "I took her side."),
    ("Tom", "He and his brother fought", "I yelled at him", "I yelled at him."),
])
def test_someone_else_in_the_account_keeps_their_pronoun(
        other: str, situation: str, my_part: str, kept: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation, my_part=my_part))
    assert_reads_well(draft)
    assert f"I'm sorry that {kept}" in draft, draft
    assert "at you." not in draft and "your side" not in draft and "on you." not in draft, draft


def test_the_reader_is_still_you_when_someone_else_is_in_the_account() -> None:
    draft = compose(DraftParts(other="Sam", situation="Sam's mum criticised my cooking",
                               my_part="I snapped at her", request="tell me when she visits"))
    assert "Your mum criticised my cooking." in draft, draft
    assert "Could you tell me when she visits?" in draft, draft


def test_the_coach_keeps_the_sisters_side(tmp_path: Path) -> None:
    answers = ["", "yes", "Jo", "partner", "My sister and Jo argued at dinner", "", "", "3",
               "skip", "yes", "I took her side", "", "talk to me before leaving", "", "accept",
               "angry", "sad", "to feel supported", "", "", "0"]
    session = run(start("r9c", attachment=None), Script(answers), SessionStore(tmp_path),
                  now=lambda: NOW)
    draft = str(session.answers["responsibility_draft"])
    assert "I'm sorry that I took her side." in draft, draft
    assert "your side" not in draft, draft


# B: the reader's name becomes "you", never "he" or "his".

@pytest.mark.parametrize(("other", "situation", "expected"), [
    ("Mia", "Mia forgot to pick me up and her phone was off",
     "You forgot to pick me up and your phone was off."),
    ("Sam", "Sam cancelled our plans to see her sister",
     "You cancelled our plans to see your sister."),
    ("Jo", "Jo's boss kept her late", "Your boss kept you late."),
])
def test_the_readers_name_becomes_you(other: str, situation: str, expected: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation, my_part="I yelled at her"))
    assert_reads_well(draft)
    assert expected in draft, draft
    assert not re.search(r"\b(?:He|His|his boss)\b", draft), draft


# C: "her" before a noun, a participle or an adjective: "you" where she is the one spoken of,
# "your" where she owns it, her own words where it cannot tell.

@pytest.mark.parametrize(("my_part", "expected"), [
    ("I kept her waiting for an hour", "I kept you waiting for an hour."),
    ("I called her stupid", "I called you stupid."),
    ("I called her fat in front of her friends", "I called you fat in front of your friends."),
    ("I bought her flowers to make up for it", "I bought you flowers to make up for it."),
    ("I owed her money", "I owed you money."),
    ("I told her lies", "I told you lies."),
    ("I sent her mean texts", "I sent you mean texts."),
    ("I left her crying", "I left you crying."),
    ("I missed her wedding", "I missed your wedding."),
    ("I criticised her cooking", "I criticised your cooking."),
    # "her secrets ... to my friends" is hers: "your secrets" (round fourteen: "told your secret")
    ("I told her secrets to my friends", "I told your secrets to my friends."),
])
def test_her_before_a_noun_participle_or_adjective(my_part: str, expected: str) -> None:
    draft = compose(DraftParts(other="Mia", situation="She forgot to pick me up",
                               my_part=my_part))
    assert f"I'm sorry that {expected}" in draft, draft
    assert not re.search(r"\byour (?:waiting|stupid|fat|flowers|money|lies|mean|crying)\b",
                         draft), draft


# D: no "he" left in a draft that says "you", and "his" on its own is "yours".

def test_a_we_request_speaks_to_the_reader() -> None:
    draft = compose(DraftParts(other="Tom", situation="He was late again",
                               request="talk it through before he decides"))
    assert "Could we talk it through before you decide?" in draft, draft


def test_his_on_its_own_is_yours() -> None:
    draft = compose(DraftParts(other="Tom", situation="He forgot my birthday",
                               my_part="I told him the car was his, not mine"))
    assert "I'm sorry that I told you the car was yours, not mine." in draft, draft


def test_someone_else_in_my_answers_is_named_the_same_way_each_time() -> None:
    draft = compose(DraftParts(other="Mia", situation="She forgot to pick me up",
                               my_part="I complained to her brother about him",
                               feeling="angry because her brother laughed"))
    assert "You forgot to pick me up." in draft, draft
    assert "I'm sorry that I complained to your brother about him." in draft, draft
    assert "I feel angry because your brother laughed." in draft, draft


# Round 9, third pass. N1: a group of people (the kids, my parents, her friends, everyone) can
# never be "he" or "she", so it is no reason to keep them for the reader; "her mum" and "his
# brother" cannot be the mum or the brother themselves; the account's opening "He" or "She" is
# the reader.

@pytest.mark.parametrize(("other", "situation", "my_part", "expected"), [
    ("Tom", "He forgot to pick up the kids", "I shouted at him",
     ["You forgot to pick up the kids.", "I'm sorry that I shouted at you."]),
    ("Mia", "She was late to dinner with my parents", "I ignored her",
     ["You were late to dinner with my parents.", "I'm sorry that I ignored you."]),
    ("Mia", "She was late to dinner with my family", "I snapped at her",
     ["You were late to dinner with my family.", "I'm sorry that I snapped at you."]),
    ("Mia", "She forgot to pick me up", "I complained about her to my friends",
     ["I'm sorry that I complained about you to my friends."]),
    ("Mia", "She forgot to pick me up", "I yelled at her in front of everyone",
     ["I'm sorry that I yelled at you in front of everyone."]),
    ("Sam", "He forgot my birthday", "I told everyone he was a bad friend",
     ["I'm sorry that I told everyone you were a bad friend."]),
    ("Mia", "Her mum criticised my cooking", "I snapped at her mum",
     ["Your mum criticised my cooking.", "I'm sorry that I snapped at your mum."]),
    ("Mia", "She forgot to pick me up", "I blamed her and her mum",
     ["I'm sorry that I blamed you and your mum."]),
    ("Dana", "Dana criticised my report in front of my colleagues", "I talked back to her",
     ["You criticised my report in front of my colleagues.",
      "I'm sorry that I talked back to you."]),
    ("Mia", "She forgot to pick me up", "I called her fat in front of her friends",
     ["I'm sorry that I called you fat in front of your friends."]),
    ("Mia", "She cancelled on me for her sister", "I said she always picks her sister",
     ["You cancelled on me for your sister.",
      "I'm sorry that I said you always pick your sister."]),
])
def test_a_group_of_people_is_no_reason_to_call_the_reader_he_or_she(
        other: str, situation: str, my_part: str, expected: list[str]) -> None:
    draft = compose(DraftParts(other=other, situation=situation, my_part=my_part))
    assert_reads_well(draft)
    for sentence in expected:
        assert sentence in draft, (sentence, draft)
    assert not THIRD_PERSON.search(draft), draft


@pytest.mark.parametrize(("situation", "my_part"), [
    ("She told my friend Ana a secret", "I shouted at her"),
    ("She was rude to my mum", "I yelled at her"),
])
def test_a_her_that_may_be_someone_else_is_never_turned_into_you(
        situation: str, my_part: str) -> None:
    # Round twelve: "her" may be Ana or the mum, so the apology keeps the person's own words
    # rather than saying they shouted at the reader (who did what must never change).
    draft = compose(DraftParts(other="Mia", situation=situation, my_part=my_part))
    assert_reads_well(draft)
    assert f"I'm sorry that {my_part}." in draft, draft
    assert "at you" not in draft, draft


@pytest.mark.parametrize(("other", "situation", "expected"), [
    ("Tom", "Tom and his brother argued", "You and your brother argued."),
    ("Tom", "He and his brother fought", "You and your brother fought."),
    ("Sam", "Sam cancelled our plans to see her sister",
     "You cancelled our plans to see your sister."),
])
def test_the_readers_own_relative_is_yours(other: str, situation: str, expected: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation))
    assert_reads_well(draft)
    assert expected in draft, draft
    assert not THIRD_PERSON.search(draft), draft


@pytest.mark.parametrize(("other", "situation", "my_part", "kept"), [
    ("Mia", "My sister and her boyfriend came over", "I yelled at her", "I yelled at her."),
    ("Tom", "Tom and his brother argued", "I took his side", "I took his side."),
    ("Tom", "His brother insulted me", "I yelled at him", "I yelled at him."),
])
def test_another_person_who_could_be_the_pronoun_still_keeps_it(
        other: str, situation: str, my_part: str, kept: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation, my_part=my_part))
    assert f"I'm sorry that {kept}" in draft, draft
    assert "your boyfriend" not in draft, draft


def test_the_coach_draft_to_tom_about_the_kids_says_you_all_through(tmp_path: Path) -> None:
    answers = ["", "yes", "Tom", "partner", "He forgot to pick up the kids from school", "", "",
               "3", "skip", "yes", "I shouted at him", "", "set a reminder on his phone", "",
               "accept", "angry", "scared", "to know he'll be there", "", "", "0"]
    session = run(start("r9d", attachment=None), Script(answers), SessionStore(tmp_path),
                  now=lambda: NOW)
    draft = str(session.answers["responsibility_draft"])
    assert "You forgot to pick up the kids from school." in draft, draft
    assert "I'm sorry that I shouted at you." in draft, draft
    assert "Could you set a reminder on your phone?" in draft, draft
    assert not THIRD_PERSON.search(draft), draft


# N5: a reader entered as "Dad" or "Mum" is "you" in "My dad forgot my birthday", not "My you".

@pytest.mark.parametrize(("other", "context", "situation", "my_part", "expected"), [
    ("Dad", "family", "My dad forgot my birthday", "I ignored him",
     ["You forgot my birthday.", "I'm sorry that I ignored you."]),
    ("Mum", "partner", "My mum criticised my cooking", "I snapped at her",
     ["You criticised my cooking.", "I'm sorry that I snapped at you."]),
    ("Mum", "family", "my mum's friend criticised my cooking", "I snapped at her",
     ["Your friend criticised my cooking.", "I'm sorry that I snapped at her."]),
])
def test_my_and_the_readers_name_become_you(other: str, context: str, situation: str,
                                            my_part: str, expected: list[str]) -> None:
    draft = compose(DraftParts(other=other, context=context, situation=situation,
                               my_part=my_part))
    assert_reads_well(draft)
    for sentence in expected:
        assert sentence in draft, (sentence, draft)
    assert not re.search(r"\bmy (?:you|your)\b", draft, re.IGNORECASE), draft


# R1: "her" before an -ing word is hers ("her parenting") when the account names only the
# reader, so it is "your"; after "kept", "saw" and the like it is still "you".

@pytest.mark.parametrize(("situation", "my_part", "expected"), [
    ("She was late", "I criticised her cooking", "I'm sorry that I criticised your cooking."),
    ("She was late", "I mocked her singing", "I'm sorry that I mocked your singing."),
    ("She was late", "I laughed at her crying", "I'm sorry that I laughed at your crying."),
    ("She forgot to pick me up", "I criticised her parenting",
     "I'm sorry that I criticised your parenting."),
    ("She left the kids with her parents", "I criticised her parenting",
     "I'm sorry that I criticised your parenting."),
    ("She was late", "I saw her leaving", "I'm sorry that I saw you leaving."),
])
def test_her_before_an_ing_word_is_your(situation: str, my_part: str, expected: str) -> None:
    draft = compose(DraftParts(other="Mia", situation=situation, my_part=my_part))
    assert_reads_well(draft)
    assert expected in draft, draft
    assert not THIRD_PERSON.search(draft), draft
