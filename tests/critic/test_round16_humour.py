"""Round sixteen (testers t4, t1, t5, t6): `mend check` on humour, teasing and playful apologies.

Contempt said as a joke is marked whole and never handed back as the rewrite; sarcasm earns no
validation; affectionate banter is no attack; playful and self-deprecating apologies own what
happened; a rewrite keeps a warm ending; "it was just a joke" in other words is found; a body
boundary is a limit; a regret is no excuse. Each in both modes.
"""

from __future__ import annotations

import pytest

from mendkit.critic import ACCEPT_NOTE, DEED_NOTE, LIMIT_NOTE, critique
from mendkit.model import CheckResult

MODES = ("rules", "full")
RUPTURES = ("rupture.confrontation", "rupture.withdrawal", "rupture.invalidation")


def check(text: str, mode: str, context: tuple[str, ...] = ()) -> CheckResult:
    return critique(text, mode=mode, context=context)  # type: ignore[arg-type]


def ruptures(result: CheckResult) -> set[str]:
    return {label for label in result.labels if label in RUPTURES}


def marked(result: CheckResult, kind: str) -> list[str]:
    return [result.text[i.start:i.end] for i in result.issues if i.kind == kind]


# Problem 1 (t4 P2): the rewrite of contempt was the mockery without its eye-roll.
MOCKERY = [
    ("Oh look, she's crying again. Someone get the tissues for the drama queen \U0001f644",
     "drama queen"),
    ("Here comes the genius. Careful everyone, he might explain it to us again \U0001f644",
     "explain it to us again"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "words"), MOCKERY)
def test_mockery_is_marked_whole_and_not_offered_back(mode: str, text: str, words: str) -> None:
    result = check(text, mode)
    assert any(words in span for span in marked(result, "contempt"))
    assert result.rewrite is None


@pytest.mark.parametrize("mode", MODES)
def test_an_eye_roll_after_an_apology_is_the_contempt_itself(mode: str) -> None:
    result = check("I'm sorry I forgot your birthday \U0001f644", mode)
    assert marked(result, "contempt") == ["\U0001f644"]
    assert result.rewrite == "I'm sorry I forgot your birthday."


# Whatever the draft, a rewrite offered never reads as confrontation in the mode it was made in
# (in full mode the model reads "Classic Priya, late to her own birthday \u2764\ufe0f", after "on
# my way!!", as a dig still).
REWRITTEN = [
    "Classic Priya, late to her own birthday \U0001f644\u2764\ufe0f",
    "Nice parking, Lewis Hamilton \U0001f644\U0001f602 took you four goes",
    "I'm sorry I forgot your birthday \U0001f644",
    "I'm sorry, but you have to admit it was a bit funny \U0001f602 love you",
    *(text for text, _ in MOCKERY),
]
LATE = ("sorry sorry I'm on my way!! 10 mins \U0001f3c3\u200d\u2640\ufe0f",)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("context", [(), LATE])
@pytest.mark.parametrize("text", REWRITTEN)
def test_no_rewrite_still_reads_as_confrontation(mode: str, context: tuple[str, ...],
                                                 text: str) -> None:
    rewrite = check(text, mode, context).rewrite
    if rewrite is not None:
        assert "rupture.confrontation" not in check(rewrite, mode, context).labels, rewrite


# Problem 2 (t4 P4): sarcasm scored as validation and appreciation.
SARCASM = [
    ("Yeah yeah, you're 'stressed'. Must be exhausting watching Netflix all day.",
     ("I'm really stressed at the moment",)),
    ("You're basically a child with a credit card \U0001f602 no wonder we're broke", ()),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "context"), SARCASM)
def test_sarcasm_is_contempt_not_validation(mode: str, text: str,
                                            context: tuple[str, ...]) -> None:
    result = check(text, mode, context)
    assert "rupture.confrontation" in result.labels
    assert marked(result, "contempt")
    assert not result.components["validation"]
    assert not result.components["appreciation"]
    assert result.repair_quality < 0.2


# Problem 3 (t4 P5): affectionate banter flagged as an attack.
BANTER = [
    ("SHUT UP you got the job?!! I'm so proud of you, you absolute legend", ("I GOT THE JOB",)),
    ("How DARE you finish the series without me. I'm never speaking to you again. Anyway what "
     "did you think of the finale", ()),
    ("don't make me come over there and beat you at mario kart again", ()),
    ("ugh you're so annoying. ok fine you were right about the film", ()),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "context"), BANTER)
def test_banter_is_no_rupture(mode: str, text: str, context: tuple[str, ...]) -> None:
    result = check(text, mode, context)
    assert not ruptures(result)
    assert not result.issues


@pytest.mark.parametrize("mode", MODES)
def test_pride_in_them_is_appreciation(mode: str) -> None:
    result = check(BANTER[0][0], mode, BANTER[0][1])
    assert result.components["appreciation"]
    assert not check("I'm so proud of you for finally turning up.", mode) \
        .components["appreciation"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", REWRITTEN[:2])
def test_an_eye_roll_with_a_laugh_or_heart_is_explained_as_teasing(mode: str, text: str) -> None:
    (issue,) = [i for i in check(text, mode).issues if i.kind == "contempt"]
    assert "teasing" in issue.message


def test_an_emoji_rewrite_keeps_its_space() -> None:
    assert check(REWRITTEN[0], "rules").rewrite == "Classic Priya, late to her own birthday " \
        "\u2764\ufe0f"
    for mode in MODES:
        assert check(REWRITTEN[1], mode).rewrite == ("Nice parking, Lewis Hamilton \U0001f602 "
                                                     "took you four goes")


# Problem 4 (t4 P9, P10; t1 P10, P15): playful apologies own what happened, and putting oneself
# down in one is no attack on the other.
OWNED = [
    "I was a grumpy goblin yesterday, sorry. You didn't deserve that.",
    "Sorry babe, I was being a total idiot. Dinner's on me tonight, and I'll stop with the jokes "
    "about your mum \U0001f605",
    "I was being petty, sorry",
    "my bad i was being petty",
    "I was an absolute muppet \U0001f926 sorry for laughing at your haircut",
    "Formal apology from your ridiculous sister: I shouldn't have laughed at you in front of "
    "everyone. That was mean of me. Forgive me? \U0001f97a",
    "Sorry I was such a grump \U0001f644 I know, I know. Let me make it up to you?",
    "Ok I'm a terrible human and you should never speak to me again \U0001f602 but seriously, "
    "I'm sorry I made that joke",
    "yeah that's on me \U0001f926\u200d\u2640\ufe0f i should've told u about the party. sorry",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", OWNED)
def test_playful_apologies_own_it(mode: str, text: str) -> None:
    result = check(text, mode)
    assert result.components["ownership"]
    assert not ruptures(result)
    assert not {i.kind for i in result.issues} & {"contempt", "hostility", "criticism",
                                                  "minimizing"}


@pytest.mark.parametrize("mode", MODES)
def test_a_facepalm_at_oneself_is_no_contempt(mode: str) -> None:
    assert not ruptures(check("i forgot my keys again \U0001f926", mode))
    assert not ruptures(check("my teacher said we have a test tmrw \U0001f644", mode))
    assert "rupture.confrontation" in check("you forgot the keys again \U0001f926", mode).labels


@pytest.mark.parametrize("mode", MODES)
def test_a_truce_is_a_bid_to_make_up(mode: str) -> None:
    result = check("Truce? I'll bring the good biscuits \U0001f36a",
                   mode, ("you bit my head off about the washing up yesterday",))
    assert "reconnect" in result.labels
    assert DEED_NOTE in result.notes


@pytest.mark.parametrize("mode", MODES)
def test_accepting_an_apology_is_not_called_a_deed(mode: str) -> None:
    result = check("Apology accepted, but you're buying the biscuits for a month "
                   "\U0001f602\u2764\ufe0f",
                   mode, ("I'm really sorry about what I said at the party, it was a nasty joke",))
    assert DEED_NOTE not in result.notes
    assert ACCEPT_NOTE in result.notes


# Problem 5 (t4 P14): a rewrite dropped the warm ending with the excuse.
@pytest.mark.parametrize("mode", MODES)
def test_a_rewrite_keeps_the_warm_ending(mode: str) -> None:
    result = check("I'm sorry, but you have to admit it was a bit funny \U0001f602 love you", mode)
    assert [span for span in marked(result, "sorry_but") if "love you" in span] == []
    assert result.rewrite is not None
    assert "love you" in result.rewrite.lower()
    assert "funny" not in result.rewrite


# Problem 6 (t4 P15): "just a joke" dismissals in other words.
DISMISSALS = [
    ("Can't say anything around you anymore without you getting offended.", ()),
    ("Chill, nobody meant anything by it. Why do you always make everything so serious?", ()),
    ("ok sorry for having a personality i guess",
     ("your jokes about my accent in front of your friends really upset me",)),
    ("Jesus, it's called a sense of humour, get one.", ()),
    ("Oh here we go, the fun police have arrived.", ()),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "context"), DISMISSALS)
def test_joke_dismissals_are_invalidation(mode: str, text: str,
                                          context: tuple[str, ...]) -> None:
    result = check(text, mode, context)
    assert "rupture.invalidation" in result.labels
    assert result.issues


# Problem 7 (t5, problem 4): a bodily boundary is a limit, not character criticism.
@pytest.mark.parametrize("mode", MODES)
def test_a_body_boundary_is_a_limit(mode: str) -> None:
    result = check("Please stop touching my shoulder when you talk to me. I don't like being "
                   "touched.", mode)
    assert not ruptures(result)
    assert not result.issues
    assert LIMIT_NOTE in result.notes


# Problem 8 (t6 P4): the answer to the coach's own "Is there something you regret?" was called an
# excuse.
@pytest.mark.parametrize("mode", MODES)
def test_a_regret_is_no_excuse(mode: str) -> None:
    result = check("I'm sorry that I snapped instead of answering, and then I shut you out. I "
                   "wish I had just told you I was stressed.", mode)
    assert "excuse" not in {i.kind for i in result.issues}
    assert "excuse" in {i.kind for i in check(
        "I'm sorry that I snapped instead of answering. I was stressed.", mode).issues}


def test_a_regret_owns_it() -> None:
    assert check("I wish I had just told her I was stressed.", "rules").components["ownership"]
