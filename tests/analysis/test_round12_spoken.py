"""Speech-to-text transcripts read as what the person said: fillers ("um", "uh") and words said
twice ("i i", "to to") do not hide a phrase from the rules, evidence stays the characters of the
transcript, a negation does not run on into the next unpunctuated sentence, and a turn that is
only a transcriber's note ("[inaudible]", "(laughs)") gets no label from the model."""

from __future__ import annotations

from typing import Literal

import pytest

import mendkit
from mendkit.model import Conversation, Speaker, Turn
from mendkit.models.classifier import available


def labels(text: str, mode: Literal["full", "rules"] = "rules") -> set[str]:
    return set(mendkit.check(text, mode=mode).labels)


def assert_evidence_is_the_transcript(text: str, label: str) -> list[str]:
    result = mendkit.check(text, mode="rules")
    spans = [e for e in result.evidence if e.label == label]
    assert spans, result.evidence
    for e in spans:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
    return [e.text for e in spans]


# ------------------------------------------------------------------ fillers and repeated words


@pytest.mark.parametrize(("spoken", "clean"), [
    ("um i i've been thinking about um ending it", "I've been thinking about ending it."),
    ("i don't see the point in uh living anymore", "i don't see the point in living anymore"),
    ("i i don't see the point in in living anymore", "i don't see the point in living anymore"),
    ("i want to to die", "i want to die"),
    ("i just want it all it all to end", "i just want it all to end"),
    ("i want to uh die", "i want to die"),
    ("i want to, um, die", "i want to die"),
    ("i want to umm die", "i want to die"),
])
def test_a_crisis_phrase_said_with_fillers_or_repeats_is_still_crisis(
    spoken: str, clean: str,
) -> None:
    assert "risk.crisis" in labels(clean)
    assert "risk.crisis" in labels(spoken)
    assert mendkit.check(spoken, mode="rules").risk.crisis


def test_a_repeated_word_does_not_break_a_rupture_rule() -> None:
    assert "rupture.confrontation" in labels("don't tell me to calm down")
    assert "rupture.confrontation" in labels("don't don't tell me to calm down")


def test_a_repeated_phrase_is_read_once() -> None:
    assert "risk.crisis" in labels("i just want it all to end")
    text = "i just want it all um it all to end"
    assert "risk.crisis" in labels(text)
    spans = assert_evidence_is_the_transcript(text, "risk.crisis")
    assert any("it all um it all to end" in s for s in spans), spans


def test_evidence_across_a_filler_or_repeat_covers_what_was_said() -> None:
    spans = assert_evidence_is_the_transcript("i want to to die", "risk.crisis")
    assert any("to to die" in s for s in spans), spans
    spans = assert_evidence_is_the_transcript("so um i i've been thinking about um ending it",
                                              "risk.crisis")
    assert any(s.endswith("ending it") and "um" in s for s in spans), spans
    text = "okay so don't don't tell me to calm down"
    spans = assert_evidence_is_the_transcript(text, "rupture.confrontation")
    assert any("calm down" in s for s in spans), spans


def test_evidence_offsets_survive_a_filler_before_a_stretched_word() -> None:
    assert_evidence_is_the_transcript("um i want to uh dieeee", "risk.crisis")


@pytest.mark.parametrize("text", [
    "uh huh",  # a "yes", not a filler before "huh"
    "hmm",
    "um",
    "i had had enough of that",  # grammatical: "had had", "that that"
    "i know that that hurt you",
    "sorry, sorry, you're completely right",  # stacked to placate: the rules read the stacking
    "no you're right, you're right",
    "okay okay fine",
])
def test_what_is_not_a_disfluency_reads_as_before(text: str) -> None:
    from mendkit.analysis.rules import _fold

    assert _fold(text, spoken=True)[0] == text


@pytest.mark.parametrize(("text", "read"), [
    ("i want to to die", "i want to die"),
    ("um i i've been thinking about um ending it", "i've been thinking about ending it"),
    ("i've been i've been looking", "i've been looking"),
    ("no no no you're right", "no you're right"),
    ("i want to, uh, die", "i want to die"),
    ("i feel like you know you don't care", "i feel like you know you don't care"),
    ("user", "user"),  # not "u"+"ser"
    ("i was in the er all night", "i was in the er all night"),  # the emergency room
])
def test_the_spoken_reading_drops_fillers_and_repeats_only(text: str, read: str) -> None:
    from mendkit.analysis.rules import _fold

    assert _fold(text, spoken=True)[0] == read


def test_like_and_you_know_keep_their_meaning() -> None:
    # "like" and "you know" are words with meaning ("I feel like", "you know I love you"):
    # the engine keeps them, so what it found in them before it still finds.
    assert labels("you know i love you") == labels("you know, i love you")


def test_placating_repeats_stay_placating() -> None:
    # "sorry sorry" said to make it stop is not read as one plain apology
    before = ["you never listen to a word i say"]
    plain = mendkit.check("sorry sorry sorry", context=before, mode="rules")
    assert "rupture.withdrawal" in plain.labels


# ------------------------------------------------------------------------- negation scope


@pytest.mark.parametrize(("spoken", "label"), [
    ("you spent eight hundred dollars and didn't say anything you're so irresponsible with "
     "money", "rupture.confrontation"),
    ("i didn't even text you that's on me", "repair.responsibility"),
    ("you didnt even call me youre so selfish", "rupture.confrontation"),
])
def test_a_negation_stops_where_a_new_unpunctuated_sentence_starts(
    spoken: str, label: str,
) -> None:
    assert label in labels(spoken)


@pytest.mark.parametrize(("text", "label"), [
    ("i'm not saying you're lazy", "rupture.confrontation"),
    ("i don't think you're lazy", "rupture.confrontation"),
    ("it's not like you're selfish", "rupture.confrontation"),
    ("i didn't say you're selfish", "rupture.confrontation"),
    ("i don't think for a second that you're lazy", "rupture.confrontation"),
    ("i don't think for a second you're lazy", "rupture.confrontation"),
])
def test_a_negation_that_governs_the_next_clause_still_reaches_it(text: str, label: str) -> None:
    assert label not in labels(text)


def test_negated_reaches_a_clause_only_through_a_word_that_joins_it() -> None:
    from mendkit.analysis.text import negated

    def at(text: str, word: str) -> bool:
        return negated(text, text.index(word))

    assert not at("i didn't even text you that's on me", "that's")
    assert not at("you didn't say anything you're so lazy", "you're so")
    assert at("i'm not saying you're lazy", "you're")
    assert at("it's not that you're lazy", "you're")
    assert at("i didn't know you're allergic", "you're")
    assert at("don't tell me you're fine", "you're")
    assert at("not liking it is fine", "it is")  # "it" is what is not liked, no new sentence
    assert at("no wonder you've been so quiet", "you've")
    assert at("no you're right", "you're")  # a "no" right before the clause: as before


# ------------------------------------------------------------------ transcriber annotations


@pytest.mark.parametrize(("text", "said"), [
    ("[inaudible]", ""),
    ("[crosstalk]", ""),
    ("(laughs)", ""),
    ("[silence]", ""),
    ("(sighs)", ""),
    ("[Inaudible 00:01:23]", ""),
    ("(upbeat music)", ""),
    ("(laughs) okay", "okay"),
    ("this job is killing me too (laughs) but that's just work",
     "this job is killing me too but that's just work"),
    ("(I mean it)", "(I mean it)"),  # words in brackets are still words
    ("i [really] mean it", "i [really] mean it"),
])
def test_annotations_are_taken_out_of_what_the_model_reads(text: str, said: str) -> None:
    from mendkit.analysis.text import without_annotations

    assert without_annotations(text) == said


def _noise_conversation() -> Conversation:
    lines = [("A", "you never call you just don't care"), ("B", "it's not a big deal"),
             ("A", "[inaudible]"), ("B", "[crosstalk]"), ("A", "(laughs)"), ("B", "(sighs)"),
             ("A", "[silence]")]
    return Conversation(
        id="noise", speakers=(Speaker(id="A"), Speaker(id="B")),
        turns=tuple(Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(lines)),
    )


@pytest.mark.skipif(not available(), reason="this build has no model")
def test_a_turn_that_is_only_a_transcriber_note_gets_no_model_label() -> None:
    analysis = mendkit.analyze(_noise_conversation(), mode="full")
    for turn in analysis.turns[2:]:
        from_model = [e for e in turn.evidence if e.source.startswith("model:")]
        assert not from_model, (turn.text, turn.labels, turn.evidence)
    for turn in analysis.turns[2:6]:
        assert not turn.labels, (turn.text, turn.labels)
