"""Context, negation and quotation: the same words, read by what they do."""

from __future__ import annotations

from mendkit import Conversation, analyze


def labels_of_last(*turns: tuple[str, str]) -> tuple[str, ...]:
    return analyze(Conversation.from_turns(list(turns))).turns[-1].labels


def test_fine_after_a_harsh_remark_is_withdrawal_but_not_after_a_plan() -> None:
    assert "rupture.withdrawal" in labels_of_last(("A", "You're so selfish."), ("B", "Fine."))
    assert labels_of_last(("A", "Dinner at six at Rosa's?"), ("B", "Fine, see you at six.")) == ()


def test_politeness_sorry_is_not_repair() -> None:
    assert labels_of_last(("A", "Sorry, running late!")) == ()


def test_sorry_you_feel_that_way_is_a_non_apology() -> None:
    assert labels_of_last(("A", "I'm sorry you feel that way.")) == ("rupture.invalidation",)


def test_negated_blame_is_not_confrontation() -> None:
    assert "rupture.confrontation" not in labels_of_last(("A", "I'm not saying you never help."))


def test_reported_criticism_is_not_said_to_the_listener() -> None:
    reported = labels_of_last(("A", "My boss told me I'm useless and always late."))
    assert not [x for x in reported if x.startswith("rupture.")]
    assert labels_of_last(("A", 'She said "you never listen" and walked off.')) == ()


def test_reported_words_end_where_the_speaker_comments_on_them() -> None:
    from mendkit.analysis.text import reported_spans

    def reported(text: str) -> list[str]:
        return [text[s:e] for s, e in reported_spans(text)]

    assert reported("you say you're sorry but you never change.") == ["you're sorry"]
    assert reported("she said it was fine, so i left it.") == ["it was fine"]
    assert reported("you say, 'i'll try harder', and then nothing changes.") \
        == ["'i'll try harder'"]
    # ", and that ..." carries on reporting
    assert reported("he told me i'm lazy, and that nobody likes me.") \
        == ["i'm lazy, and that nobody likes me."]
    labels = labels_of_last(("A", "You say you're sorry but you never change."))
    assert "rupture.confrontation" in labels
    assert "rupture.confrontation" not in labels_of_last(
        ("A", "You said you were sorry, and I believe you."))


def test_evidence_spans_point_into_the_original_text() -> None:
    text = "Honestly \u2014 you\u2019re so selfish."
    turn = analyze(Conversation.from_turns([("A", text)])).turns[0]
    assert turn.evidence
    for ev in turn.evidence:
        assert text[ev.start:ev.end] == ev.text


def test_chat_negations_without_apostrophes_still_negate() -> None:
    from mendkit.analysis.text import negated

    for text in ("i didnt say", "u dont", "it wasnt", "i cant", "he wont", "i aint"):
        assert negated(text + " ", len(text) + 1), text
    for text in ("i did say", "i want", "its", "he went"):
        assert not negated(text + " ", len(text) + 1), text


def test_the_speaker_reporting_themselves_in_a_contraction_is_not_reported_speech() -> None:
    from mendkit.analysis.text import reported_spans

    assert reported_spans("i've texted you three times today") == []
    assert reported_spans("she texted me that you never listen") != []


def test_went_and_goes_report_speech_only_before_a_quote_a_colon_or_like() -> None:
    from mendkit.analysis.text import reported_spans

    for said in ('she went, "whatever"', "and he goes: fine", "he went like, whatever"):
        assert reported_spans(said) != [], said
    for done in ("he went home, sorry i snapped", "next time anything goes wrong i'll text you"):
        assert reported_spans(done) == [], done
    # the apology after "went home" is the speaker's own, said now
    labels = labels_of_last(("A", "He went home early, and I'm sorry I snapped at you."))
    assert "repair.responsibility" in labels


def test_a_pattern_can_match_an_emoji_alone() -> None:
    from mendkit.analysis.rules import RuleSet, parse_rules

    _, rules = parse_rules({"version": "1", "rule": [{
        "id": "withdrawal/minimal-emoji-99", "label": "rupture.withdrawal",
        "subtype": "minimal_response", "patterns": ["\U0001f644"],
        "positive": ["\U0001f644"], "negative": ["ok"]}]}, "t.toml")
    hits = RuleSet.build(rules).find("\U0001f644")
    assert [(h.start, h.end) for h in hits] == [(0, 1)]
    assert RuleSet.build(rules).find("ok") == []


def _one_rule(**extra: object) -> object:
    from mendkit.analysis.rules import RuleSet, parse_rules

    _, rules = parse_rules({"version": "1", "rule": [{
        "id": "withdrawal/minimal-test-99", "label": "rupture.withdrawal",
        "subtype": "minimal_response", "patterns": [r"^ok\b"],
        "positive": ["ok"], "negative": ["fine"], **extra}]}, "t.toml")
    return RuleSet.build(rules)


def test_after_patterns_look_at_what_the_other_speaker_just_said() -> None:
    from mendkit.analysis.rules import RuleSet, TurnContext

    rules = _one_rule(after=[r"\bi (?:feel|felt)\b"])
    assert isinstance(rules, RuleSet)
    assert rules.find("ok", TurnContext(previous="Honestly I FELT invisible tonight."))
    assert not rules.find("ok", TurnContext(previous="Dinner at six?"))
    assert not rules.find("ok", TurnContext())  # no previous turn by someone else


def test_after_other_tension_needs_the_rupture_to_come_from_the_other_speaker() -> None:
    from mendkit.analysis.pipeline import context_for
    from mendkit.model import TurnAnalysis

    def turn(i: int, who: str, labels: tuple[str, ...]) -> TurnAnalysis:
        return TurnAnalysis(index=i, speaker=who, text="x", labels=labels, scores={},
                            evidence=(), start=None)

    own = context_for([turn(0, "A", ()), turn(1, "B", ("rupture.withdrawal",))], "B")
    assert own.tension and not own.other_tension and own.previous == ""
    other = context_for([turn(0, "B", ()), turn(1, "A", ("rupture.confrontation",))], "B")
    assert other.tension and other.other_tension and other.previous == "x"


def test_an_exclusion_sees_every_sentence_a_match_runs_into() -> None:
    from mendkit.analysis.rules import RuleSet, parse_rules

    _, rules = parse_rules({"version": "1", "rule": [{
        "id": "crisis/test-span-99", "label": "risk.crisis", "subtype": "suicide",
        "patterns": [r"\bthe bridge\b.{0,40}\bjump\b"], "exclude": [r"\bbungee\b"],
        "positive": ["I went to the bridge. I want to jump."],
        "negative": ["the bridge. bungee jump day!"]}]}, "t.toml")
    engine = RuleSet.build(rules)
    assert engine.find("I went to the bridge. I want to jump.")
    # The exclusion word sits in the second sentence, where the match ends.
    assert not engine.find("We drove to the bridge. Booked a bungee jump for Saturday!")
