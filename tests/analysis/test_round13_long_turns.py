"""Long turns in full mode: the model reads all of a letter, not only its first 500 characters.

The shipped classifier reads at most 128 tokens of a turn and the turn before it. A turn that does
not fit is read in windows of a few sentences (``models/classifier.py``), so a crisis sign that no
rule knows, in the fifth paragraph of a letter, reaches the model's safety net, and a validation in
the fourth paragraph is no longer overruled by a model that never read it. A pair that fits is read
in one run exactly as before. A short turn after a long one is read with the long one's last
sentences, not its first ones.
"""

from __future__ import annotations

import numpy as np
import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_with_probabilities
from mendkit.labels import CRISIS
from mendkit.model import Conversation
from mendkit.models.classifier import available, default_classifier, encode_pair

pytestmark = pytest.mark.skipif(not available(), reason="this build has no model files")

# An ordinary family letter, about 1,500 characters: no crisis rule matches it, and the model does
# not read it as a crisis (it did, at 0.43, when it read only the first 128 tokens: tester t6's
# problem 7).
SAFE = (
    "Dear Priya,\n\n"
    "I wanted to write properly instead of sending another rushed message between meetings. "
    "Thank you for having us over on Sunday. The roast was lovely and the kids have not stopped "
    "talking about the treehouse.\n\n"
    "Work has been busy since the move to the new office. The commute is longer, but the train is "
    "quiet in the mornings and I have started reading again. I finished the novel you lent me and "
    "I will bring it back next time.\n\n"
    "Mum is doing better after the operation. She is walking to the shops on her own now and she "
    "has joined a choir at the church hall, which I never expected. Dad says she sings in the "
    "kitchen all day.\n\n"
    "We are thinking of going to the coast in August if the weather holds. There is a cottage near "
    "the harbour that takes dogs, so Biscuit can come. You would be very welcome to join us for a "
    "few days if you can get the time off.\n\n"
    "The garden is finally taking shape. The tomatoes did well this year, the beans less so, and "
    "the apple tree needs pruning before the winter. I have been meaning to ask Tom to help with "
    "the ladder.\n\n"
    "Ben started at the new school in September. He was nervous for the first week, but he has "
    "made two friends already and he comes home full of stories about the science teacher, who "
    "keeps a tortoise in the classroom. Ella has taken up the violin, so the house is noisy.\n\n"
    "The car failed its inspection again, so we are looking at a smaller one. Tom wants an "
    "estate for the dog; I want something that fits in the street. We will decide by Easter.\n\n"
)
ENDING = "Anyway, I should get the dinner on. Say hello to everyone for me.\n\nLove,\nSam"
# A sign of coercive control that no crisis rule knows (tester t6, round 13): the model reads it
# as a crisis on its own.
SIGN = "He smashed my phone last month and he has my bank cards now. I don't have anywhere else to go."


def _crisis(text: str, previous: str = "") -> float:
    model = default_classifier()
    return float(model.probabilities(text, previous)[model.labels.index(CRISIS)])


def _threshold() -> float:
    return float(default_classifier().thresholds[CRISIS])


def test_the_letter_and_the_sign_are_what_the_tests_need() -> None:
    assert len(SAFE) >= 1_500
    assert not mendkit.check(SAFE + ENDING, mode="rules").risk.crisis
    assert not mendkit.check(SIGN, mode="rules").risk.crisis
    assert _crisis(SAFE + ENDING) < _threshold()
    assert _crisis(SIGN) >= _threshold()


@pytest.mark.parametrize("where", ["end", "middle", "inside a paragraph"])
def test_a_crisis_sign_far_into_a_letter_reaches_the_model(where: str) -> None:
    if where == "end":
        text = SAFE + SIGN + "\n\n" + ENDING
        assert text.index(SIGN) >= 1_500
    elif where == "middle":
        at = SAFE.index("The garden")
        text = SAFE[:at] + SIGN + "\n\n" + SAFE[at:] + ENDING
    else:
        at = SAFE.index("He was nervous")
        text = SAFE[:at] + SIGN + " " + SAFE[at:] + ENDING
    assert text.index(SIGN) > 700  # past what the model read in one run (about 500 characters)
    assert _crisis(SAFE + ENDING) < _threshold()
    assert _crisis(text) >= _threshold()
    result = mendkit.check(text, mode="full")
    assert result.risk.crisis


def test_the_ordinary_letter_is_no_crisis_in_full_mode() -> None:
    result = mendkit.check(SAFE + ENDING, mode="full")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


def test_the_sign_reaches_the_model_in_an_analysed_conversation_too() -> None:
    conversation = Conversation.from_turns([("Sam", SAFE + SIGN + "\n\n" + ENDING)])
    analysis, raw = analyze_with_probabilities(conversation, mode="full", workers=1)
    assert raw[0][CRISIS] >= _threshold()
    assert analysis.safety.crisis


def test_a_short_sign_after_a_long_letter_is_not_drowned_out() -> None:
    """The turn before is cut to its last sentences: 105 tokens of someone else's news read as
    the context of a two-sentence disclosure talked the model out of it (0.14 against 0.9998)."""
    conversation = Conversation.from_turns([("Priya", SAFE + ENDING), ("Sam", SIGN)])
    analysis, raw = analyze_with_probabilities(conversation, mode="full", workers=1)
    assert raw[1][CRISIS] >= _threshold()
    assert analysis.safety.crisis
    assert 1 in analysis.safety.turns


# A letter whose validation sits in its fourth paragraph (tester t6's L01, shortened), past what
# the model read in one run: the model used to overrule the rules' validation there, and the
# critic asked for a validation the letter already makes.
LETTER = (
    "Dear Sam,\n\n"
    "I've started this letter four times, so I'm just going to write it and send it before I lose "
    "my nerve.\n\n"
    "I'm sorry about Saturday. When you told me at the party that you'd been offered the job in "
    "Leeds, I made a joke about you finally getting away from me, and then I spent the rest of the "
    "night on my phone. It was me being scared and hiding it badly, and it left you alone with "
    "news that should have been a celebration.\n\n"
    "I've been thinking about why I reacted that way. Part of it is that I'm afraid of what the "
    "move means for us. I feel anxious when I imagine you in a different city, and instead of "
    "saying so, I went quiet and sarcastic. That's an old habit of mine and it isn't fair to you.\n\n"
    "It makes complete sense that you were hurt and that you left early.\n\n"
    "What I'd like is to take you out this Friday, just the two of us, and actually hear about "
    "the job. I'll leave my phone in the car.\n\n"
    "Love,\nAlex"
)
VALIDATE = "repair.validate"


def test_a_late_validation_is_kept_in_full_mode() -> None:
    assert LETTER.index("It makes complete sense") > 700
    assert VALIDATE in mendkit.check(LETTER, mode="rules").labels
    model = default_classifier()
    assert model.probabilities(LETTER)[model.labels.index(VALIDATE)] >= model.thresholds[VALIDATE]
    result = mendkit.check(LETTER, mode="full")
    assert VALIDATE in result.labels
    assert result.components["validation"]
    assert not any("validation" in note for note in result.notes)


SHORT_PAIRS = [
    ("Fine.", "You never listen to me."),
    ("I'm sorry I snapped at you this morning. That wasn't fair.", ""),
    ("", "Where did you go?"),
    ("ok", ""),
    ("He smashed my phone last month.", "Are you coming on Saturday?"),
    # a turn and a turn before it of 125 tokens together: still one reading
    ("Thank you for saying that. " * 5, "We went to the market on Saturday morning. " * 9),
]


def _one_run(text: str, previous: str) -> np.ndarray:
    """The reading Mend always made: the pair cut by ``encode_pair``, in one run."""
    model = default_classifier()
    ids, types = encode_pair(
        model.tokenizer,
        text,
        previous,
        int(model.meta["max_tokens"]),
        str(model.meta.get("truncation", "longest_first")),
    )
    array = np.array([ids], dtype=np.int64)
    out: np.ndarray = model.session.run(
        None,
        {
            "input_ids": array,
            "attention_mask": np.ones_like(array),
            "token_type_ids": np.array([types], np.int64),
        },
    )[0][0]
    return out


@pytest.mark.parametrize(("text", "previous"), SHORT_PAIRS)
def test_a_pair_that_fits_is_read_exactly_as_before(text: str, previous: str) -> None:
    model = default_classifier()
    ids, _ = encode_pair(model.tokenizer, text, previous, int(model.meta["max_tokens"]))
    assert len(ids) <= int(model.meta["max_tokens"])
    model.cache.clear()
    assert np.array_equal(model.probabilities(text, previous), _one_run(text, previous))


def test_the_turns_of_a_conversation_that_fit_are_read_as_before() -> None:
    turns = [
        ("A", "Did you get the tickets?"),
        ("B", "No. I forgot again, sorry."),
        ("A", "You always do this. I asked you three times."),
        ("B", "I know. I'm sorry. I'll book them tonight and send you the receipt."),
        ("A", "Thanks. That would help."),
    ]
    default_classifier().cache.clear()
    _, raw = analyze_with_probabilities(Conversation.from_turns(turns), mode="full", workers=1)
    model = default_classifier()
    for k, (_, text) in enumerate(turns):
        expected = _one_run(text, turns[k - 1][1] if k else "")
        assert [raw[k][label] for label in model.labels] == [float(p) for p in expected]


def _ids(text: str) -> list[int]:
    ids: list[int] = default_classifier().tokenizer.encode(text, add_special_tokens=False).ids
    return ids


def test_a_long_turn_is_read_in_windows_of_whole_sentences() -> None:
    from mendkit.models.classifier import MAX_WINDOWS, WINDOW_TOKENS, windows

    tokenizer = default_classifier().tokenizer
    text = SAFE + ENDING
    parts = windows(tokenizer, text)
    assert 1 < len(parts) <= MAX_WINDOWS
    assert all(0 < len(part) <= WINDOW_TOKENS for part in parts)
    assert [token for part in parts for token in part] == _ids(text)  # all of it, in order
    # each window ends where a sentence ends (these sentences are all shorter than a window)
    for part in parts:
        assert tokenizer.decode(part).rstrip().endswith((".", "sam"))


def test_a_hard_wrapped_sentence_stays_in_one_window() -> None:
    from mendkit.models.classifier import windows

    tokenizer = default_classifier().tokenizer
    wrapped = (
        "Last week I stood on\nthe platform at Clapham Junction and thought seriously "
        "about stepping in\nfront of the train, and I've thought about it every day since."
    )
    sentence = _ids(wrapped)
    parts = windows(tokenizer, SAFE + wrapped + "\n\n" + ENDING)
    assert any(_contains(part, sentence) for part in parts)


def _contains(part: list[int], run: list[int]) -> bool:
    return any(part[i : i + len(run)] == run for i in range(len(part) - len(run) + 1))


def test_past_the_cap_the_first_windows_and_the_last_are_read() -> None:
    from mendkit.models.classifier import MAX_WINDOWS, WINDOW_TOKENS, windows

    tokenizer = default_classifier().tokenizer
    text = SAFE * 4 + SIGN
    parts = windows(tokenizer, text)
    assert len(parts) == MAX_WINDOWS
    assert all(0 < len(part) <= WINDOW_TOKENS for part in parts)
    head = [token for part in parts[:-1] for token in part]
    assert head == _ids(text)[: len(head)]
    sign = _ids(SIGN)
    assert parts[-1][-len(sign) :] == sign  # the last window: the last sentences that fit
    assert tokenizer.decode(parts[-1]).startswith("tom wants an estate")  # a sentence's start
    assert _crisis(text) >= _threshold()


def test_a_long_turn_before_is_cut_to_its_last_sentences() -> None:
    from mendkit.models.classifier import CONTEXT_TOKENS, last_sentences

    tokenizer = default_classifier().tokenizer
    end = last_sentences(tokenizer, SAFE + ENDING)
    assert 0 < len(end) <= CONTEXT_TOKENS
    whole = _ids(SAFE + ENDING)
    assert whole[-len(end) :] == end
    assert tokenizer.decode(end).startswith("the car failed")  # a sentence's start
