"""Round fourteen of the critic: apologies that are not repair. A rewrite never keeps the
accusation, the demand to drop it or to forgive, the ultimatum or the excuse it came with, and
a fresh check of such words flags them; an apology that puts the cause on the other person ("I'm
sorry you made me so angry") is a non-apology, explained and rewritten; a "but", "though" or
excuse that takes an apology back, and an admission undone by a "but", score clearly below a
sincere apology; a rewrite owns the act the writer named, or leaves a gap for it, never a vague
"my part"; and no label is shown with nothing to explain it."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.critic import MISSING_NOTE
from mendkit.labels import is_rupture

MODES = ("rules", "full")


def check(text: str, mode: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode=mode)  # type: ignore[arg-type]


def kinds(result: mendkit.CheckResult) -> set[str]:
    return {i.kind for i in result.issues}


def missing(result: mendkit.CheckResult) -> list[str]:
    return [name for note in result.notes if note.startswith(MISSING_NOTE)
            for name in note.removeprefix(MISSING_NOTE).rstrip(".").split(", ")]


# 1. The rewrite keeps none of the manipulation, and a check of the manipulation flags it.

# (draft, words no rewrite may keep)
MANIPULATION = [
    ("I already said sorry three times. Honestly you're the one being abusive here, going on "
     "and on.", "the one being abusive"),
    ("I said sorry, so you have to drop it now.", "drop it"),
    ("I've apologised. That means we're done talking about it, okay?", "done talking"),
    ("Sorry, but I was just being honest. Someone had to tell you the presentation was weak.",
     "had to tell you"),
    ("Sorry if it came out harsh, I'm just a direct person, that's how I was raised.",
     "direct person"),
    ("I've said sorry. Accept it by tonight or don't bother coming home.", "don't bother"),
    ("I said I was sorry! What more do you want from me? Blood?", "Blood"),
    ("You're twisting it again. I never said that, and even if I did I apologised, so stop "
     "playing the victim.", "twisting"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("draft", "kept"), MANIPULATION)
def test_a_rewrite_keeps_no_manipulation(draft: str, kept: str, mode: str) -> None:
    result = check(draft, mode)
    if result.risk.crisis:
        pytest.skip("a crisis reading stops the critique (tester t2, problem 5)")
    assert result.issues
    if result.rewrite is not None:
        assert kept.lower() not in result.rewrite.lower()
        assert "my part in this" not in result.rewrite
        again = check(result.rewrite, mode)
        assert not {i.kind for i in again.issues} & {"pressure", "defensiveness", "non_apology",
                                                      "sorry_but", "hostility", "criticism"}


# (words sent alone, the issue a check must raise on them)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "kind"), [
    ("I'm sorry. Honestly you're the one being abusive here, going on and on.", "defensiveness"),
    ("I'm sorry I shouted. You're twisting it again.", "defensiveness"),
    ("I'm sorry I shouted, so you have to drop it now.", "pressure"),
    ("I'm sorry I shouted. That means we're done talking about it, okay?", "pressure"),
    ("I'm sorry I shouted. Accept it by tonight or don't bother coming home.", "pressure"),
    ("I'm sorry I read them. Forgive me now or we're finished.", "pressure"),
    ("I'm sorry I was blunt, I'm just a direct person, that's how I was raised.",
     "defensiveness"),
    ("Sorry. Someone had to tell you the presentation was weak.", "defensiveness"),
])
def test_the_manipulation_left_in_a_rewrite_is_flagged(text: str, kind: str, mode: str) -> None:
    result = check(text, mode)
    assert not result.risk.crisis
    assert kind in kinds(result)
    assert result.rewrite is None or "sorry" in result.rewrite.lower()


@pytest.mark.parametrize("mode", MODES)
def test_a_rewrite_never_drops_the_apology_and_keeps_only_the_accusation(mode: str) -> None:
    result = check("You're twisting it again. I never said that, and even if I did I apologised, "
                   "so stop playing the victim.", mode)
    assert result.rewrite != "You're twisting it again."
    assert result.rewrite is None or "twisting" not in result.rewrite


# 2. A rewrite owns the writer's act when the message names it, and else leaves a gap for it.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("draft", "owned"), [
    ("I shouted at you. I'm sorry you feel that way.", "I'm sorry I shouted at you"),
    ("I'm sorry you drove me to raise my voice in front of the kids.",
     "I'm sorry I raised my voice in front of the kids"),
])
def test_a_rewrite_owns_the_act_the_writer_named(draft: str, owned: str, mode: str) -> None:
    result = check(draft, mode)
    assert result.rewrite is not None
    assert owned in result.rewrite


@pytest.mark.parametrize("mode", MODES)
def test_with_no_act_named_the_rewrite_leaves_a_gap_to_fill(mode: str) -> None:
    result = check("I'm sorry you feel that way.", mode)
    assert result.rewrite is not None
    assert "my part" not in result.rewrite
    assert "I'm sorry I ..." in result.rewrite


# 3. An apology that puts the cause on them is a non-apology, explained, with a rewrite.

BLAME_SHIFTS = [
    "I'm sorry you made me so angry.",
    "I'm sorry you drove me to raise my voice in front of the kids.",
    "If I hurt your feelings then I guess I'm sorry.",
    "I'm sorry that you chose to take it personally.",
    "I'm sorry you can't just let things go.",
    "Sorry you had to hear it that way, I suppose.",
    "I'm sorry for whatever it is I supposedly did this time.",
    "Sorry you pushed me into saying it.",
    "I'm sorry you forced me to lose my temper.",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("draft", BLAME_SHIFTS)
def test_a_blame_shifting_apology_is_a_non_apology(draft: str, mode: str) -> None:
    result = check(draft, mode)
    if mode == "rules":
        assert "rupture.invalidation" in result.labels
        assert "repair.responsibility" not in result.labels
    assert "non_apology" in kinds(result)
    assert all(i.message and i.suggestion for i in result.issues)
    assert result.rewrite is not None
    assert not kinds(check(result.rewrite, "rules")) & {"non_apology", "sorry_but"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("draft", [
    "I'm sorry I made you feel small in front of your friends.",
    "I'm sorry you had to wait so long for me.",
    "I'm sorry you had to hear that from someone else and not from me.",
    "I'm sorry that I hurt your feelings.",
])
def test_owning_apologies_near_those_are_not_flagged(draft: str, mode: str) -> None:
    result = check(draft, mode)
    assert not kinds(result) & {"non_apology", "sorry_but", "defensiveness"}


@pytest.mark.parametrize("draft", ["I'm sorry you made me so angry.",
                                   "Whatever you say. Sure, it's all my fault, as always."])
def test_full_mode_never_shows_a_rupture_with_nothing_said_of_it(draft: str) -> None:
    result = check(draft, "full")
    if any(is_rupture(label) for label in result.labels):
        assert result.issues or any("model" in note.lower() for note in result.notes)


# 4. Re-explaining, scorekeeping and "but" variants: an issue, and a score below any sincere one.

NON_APOLOGIES = [
    "I'm sorry that I care so much that it comes out as shouting.",
    "I'm sorry I hurt you. But let's be honest, you've hurt me way more.",
    "I'm sorry, I was only saying what everyone thinks.",
    "I apologise, I was only joking, you know I have a dark sense of humour.",
    "I'm sorry I missed the recital, but somebody in this house has to actually work.",
    "I apologise for being late, though you're late to literally everything so.",
    "I wouldn't have said it if you hadn't provoked me, but fine, sorry.",
    "I'm sorry I forgot the dry cleaning. But you forgot the bins twice last week.",
    "Sorry I snapped, though you were being pretty annoying.",
    "I'm sorry I was rude, but someone in this family has to say it.",
    "I'm sorry, I was just telling it like it is.",
    "Sorry I yelled, I only did it because you wouldn't listen.",
    "I wouldn't have shouted if you hadn't kept pushing me. Sorry.",
    "I apologise for the comment, I was only teasing, you know how I am.",
    "I'm sorry I worry so much that it makes me check your phone.",
    "I'm sorry I lied. But honestly, who wouldn't have?",
    "I know I cheated, but it's been three months.",
    "I admit I lied about the money, but you'd have done the same.",
    "Sorry I was late again, but fine, I'm the bad guy.",
    "I'm sorry you made me so angry.",
    "I'm sorry you can't just let things go.",
    "If I hurt your feelings then I guess I'm sorry.",
]
SINCERE = [
    "I'm sorry I snapped at you about the dishes. That wasn't fair to you.",
    "I'm sorry I forgot to pick you up. You waited an hour in the rain.",
    "I'm sorry I shouted in front of the kids. I'll talk to you calmly next time.",
    "I'm sorry I read your messages. That was a breach of your privacy.",
    "I'm sorry I missed the recital. I know how much it meant to you.",
    "I apologise for being late again. I know it keeps happening and it isn't fair.",
    "I'm sorry I called you that. It was cruel and you didn't deserve it.",
    "I'm sorry I made you feel small in front of your friends.",
    "I was stressed about money, but that's no excuse. I'm sorry I yelled.",
    "Sorry I lost it earlier. You were right to be upset.",
    "I lied about the money and I'm sorry. You deserved the truth.",
]


@pytest.mark.parametrize("mode", MODES)
def test_non_apologies_score_below_every_sincere_apology(mode: str) -> None:
    lowest = min(check(text, mode).repair_quality for text in SINCERE)
    above = [(text, check(text, mode).repair_quality) for text in NON_APOLOGIES
             if check(text, mode).repair_quality >= lowest - 0.1]
    assert not above, (lowest, above)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("draft", NON_APOLOGIES)
def test_each_non_apology_has_an_issue(draft: str, mode: str) -> None:
    result = check(draft, mode)
    assert not result.risk.crisis
    assert kinds(result) & {"non_apology", "sorry_but", "defensiveness", "pressure", "excuse"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("draft", SINCERE)
def test_sincere_apologies_have_no_such_issue(draft: str, mode: str) -> None:
    result = check(draft, mode)
    assert not kinds(result) & {"non_apology", "sorry_but", "defensiveness", "pressure"}


@pytest.mark.parametrize("mode", MODES)
def test_a_but_opening_the_next_sentence_is_cut_with_its_sentence(mode: str) -> None:
    result = check("I'm sorry I hurt you. But let's be honest, you've hurt me way more.", mode)
    assert "sorry_but" in kinds(result)
    assert result.rewrite == "I'm sorry I hurt you."


# 5. Pressure to forgive, and an admission undone by a "but" (tester t4, P2).

@pytest.mark.parametrize("mode", MODES)
def test_pressure_to_forgive_on_a_deadline(mode: str) -> None:
    text = ("I know I cheated, but it's been three months. When are you going to trust me "
            "again? I need you to forgive me by Christmas.")
    result = check(text, mode)
    found = {(i.kind, text[i.start:i.end]) for i in result.issues}
    assert any(k == "sorry_but" and w.startswith("but") for k, w in found)
    pressed = " ".join(w for k, w in found if k == "pressure")
    assert "forgive me by Christmas" in pressed
    assert "trust me again" in pressed
    assert result.repair_quality < 0.2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I know I cheated, and I know trust takes time. I'll be here while you decide.",
    "Can you forgive me? Take all the time you need.",
    "I hope one day you can trust me again.",
])
def test_asking_gently_is_no_pressure(text: str, mode: str) -> None:
    assert "pressure" not in kinds(check(text, mode))


# 6. A "Not there yet" that agrees with the critic's own example.

@pytest.mark.parametrize("mode", MODES)
def test_ownership_is_not_asked_for_beside_the_example_that_keeps_it(mode: str) -> None:
    result = check("I'm sorry I forgot to pick you up, but you forget things all the time too.",
                   mode)
    but = next(i for i in result.issues if i.kind == "sorry_but")
    assert "I'm sorry I forgot to pick you up" in but.suggestion
    assert "ownership" not in missing(result)
    assert result.repair_quality < 0.2  # the "but" still costs what the ownership earned
