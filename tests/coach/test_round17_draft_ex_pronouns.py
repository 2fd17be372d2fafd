"""Round 17 (tester t1, co-parenting, problem 12): a draft to the ex says "you" throughout.

The draft turned "if he's running late" into "if you're running late" but kept "I called him a
useless father ... and told him not to bother coming", and joined "That was cruel and it upset the
kids" on as one more act ("... and was cruel and it upset the kids"). A pronoun that repeats
what the same verb chain did ("I called him ... and told him ...") is the one spoken of before it;
what someone was called ("a useless father") is no one else in the story; and what the person
says of their act is a sentence of its own.
"""

from __future__ import annotations

from coach.test_composer import assert_reads_well
from mendkit.coach.composer import DraftParts, compose, pronoun_notes
from mendkit.coach.my_part import my_part_sentences

SITUATION = ("I snapped at Mark at the handover on Sunday in front of the kids. He was 40 minutes "
             "late again and I said he was a useless father and the kids would be better off if "
             "he didn't bother. Ellie started crying")
MY_PART = ("I called him a useless father in front of Ellie and Sam and told him not to bother "
           "coming. That was cruel and it upset the kids.")
REQUEST = "keep handovers short and calm, and if he's running late just text me a time"


def _parts(other: str = "Mark (he/him)") -> DraftParts:
    return DraftParts(other=other, context="ex", situation=SITUATION, my_part=MY_PART,
                      regret="I regret saying it in front of the kids", request=REQUEST)


def test_the_apology_and_the_request_both_say_you() -> None:
    for other in ("Mark (he/him)", "Mark"):
        draft = compose(_parts(other))
        assert ("I'm sorry that I called you a useless father in front of Ellie and Sam and "
                "told you not to bother coming.") in draft, draft
        assert "if you're running late" in draft, draft
        assert "called him" not in draft and "told him" not in draft, draft
        assert not pronoun_notes(_parts(other)), pronoun_notes(_parts(other))
        assert_reads_well(draft)


def test_what_i_say_of_my_act_is_its_own_sentence() -> None:
    draft = compose(_parts())
    assert "That was cruel and it upset the kids." in draft, draft
    assert "and was cruel" not in draft, draft
    assert my_part_sentences("I was late. That was the third time this month.", work=False) == [
        "I'm sorry that I was late.", "That was the third time this month."]


def test_a_him_after_someone_else_named_is_not_the_reader() -> None:
    # No pronoun before it to repeat: "him" may be the son, so it is never made "you".
    draft = compose(DraftParts(other="Mark (he/him)", context="ex", situation=SITUATION,
                               my_part="I called my son a liar and told him to go to his room"))
    assert "told you to go" not in draft, draft
