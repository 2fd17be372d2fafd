"""Round 17 (testers t1, co-parenting, and t2, transcripts): polite-sounding sarcasm is contempt,
not warmth, in both modes; custody threats and defiance are confrontations, not commitments; a
step-parent's repair is not defensiveness; a therapist's hedged criticism and the client's going
quiet make a rupture in rules mode; asks not to be the go-between, owning a cold spell and thanks
that say what a favour did are repair."""

from __future__ import annotations

from pathlib import Path

import pytest

import mendkit

RUPTURES = {"rupture.confrontation", "rupture.invalidation", "rupture.withdrawal"}


def labels(text: str, context: list[str] | None = None, mode: str = "rules") -> set[str]:
    return set(mendkit.check(text, context=context or [], mode=mode).to_dict()["labels"])


@pytest.mark.parametrize("text", [
    "I'm sure your girlfriend is a wonderful influence on them.",
    "The kids told me what you said about me. Classy.",
    "Lovely of you to finally show an interest in his education.",
    "Wow, you actually remembered her shoes this time. Impressive.",
    "Thanks so much for letting me know about the holiday three days before. Really considerate "
    "as always.",
    "Wow, suddenly so concerned about them. That's new.",
    "Just checking whether the maintenance will arrive this month, or whether your girlfriend's "
    "holiday comes first again?",
    "I'm sure she's wonderful. The kids clearly think so.",
    "I hear your girlfriend is doing the school run now. Nice of you to ask me first.",
])
def test_polite_sounding_sarcasm_is_contempt_in_rules_mode(text: str) -> None:
    assert "rupture.confrontation" in labels(text)


@pytest.mark.parametrize("text", [
    "You actually finished the marathon! I'm so proud of you.",
    "I'm sure she's lovely, I can't wait to meet her.",
    "Thanks for the flowers, so thoughtful as always xx",
    "Nice of you to ask, I'm fine thanks.",
    "Thank you for covering Tuesday. It really helped.",
    "Her dress was lovely. Classy.",
])
def test_real_thanks_and_praise_are_no_rupture(text: str) -> None:
    assert not labels(text) & RUPTURES


JAB = "Good to know you're so reliable when it suits you."
FALSE_THANKS = "Thank you for your kind words, Ben. Really appreciate how supportive you are."


MEDAL = "Do you want a medal? " + JAB


@pytest.mark.parametrize(("mode", "jab"), [
    ("rules", MEDAL), ("full", MEDAL),
    ("full", JAB),  # a jab only the model reads counts in full mode
])
def test_sarcastic_thanks_after_a_jab_is_contempt_not_reconnect(mode: str, jab: str) -> None:
    found = labels(FALSE_THANKS, [jab], mode)
    assert "rupture.confrontation" in found
    assert "reconnect" not in found


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_same_thanks_after_an_apology_is_no_rupture(mode: str) -> None:
    found = labels(FALSE_THANKS, ["I'm sorry I snapped. You're a good mum to them."], mode)
    assert not found & RUPTURES


def test_episode_with_sarcastic_thanks_is_not_repaired(tmp_path: Path) -> None:
    chat = tmp_path / "c8.txt"
    chat.write_text(
        "Ben: Well done you. Do you want a medal?\n"
        "Alex: The kids told me what you said about Kate. Please leave her out of it.\n"
        "Ben: I'll say what I like in my own home.\n"
        "Alex: Ok. I'm not going to argue. Money will be in on the 1st.\n"
        f"Ben: {JAB}\n"
        f"Alex: {FALSE_THANKS}\n", encoding="utf-8")
    for mode in ("rules", "full"):
        result = mendkit.analyze(chat, mode=mode).to_dict()
        turns = result["turns"]
        assert "repair.request" not in turns[2]["labels"], mode  # the hostile speaker's "I'll say"
        assert "rupture.confrontation" in turns[2]["labels"], mode
        assert "reconnect" not in turns[5]["labels"], mode
        assert all(e["status"] != "resolved" for e in result["episodes"]), mode


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_threat_about_contact_with_the_children_is_confrontation(mode: str) -> None:
    text = "If you keep them past 6 again I'll make sure you never see them."
    assert "rupture.confrontation" in labels(text, mode=mode)


def test_defiance_is_no_commitment() -> None:
    found = labels("I'll say what I like in my own home.",
                   ["The kids told me what you said about Kate. Please leave her out of it."])
    assert "repair.request" not in found
    assert "rupture.confrontation" in found


def test_step_parent_repair_is_not_defensiveness_or_a_complaint() -> None:
    before = ["k"]
    found = labels("Jordan, I came on too strong earlier. I'm sorry. I know I'm not your mum and "
                   "I'm not trying to replace her.", before)
    assert {"repair.responsibility", "repair.validate"} <= found
    assert "rupture.invalidation" not in found
    found = labels("Could we agree plates go to the kitchen by Sunday night, and I'll stop "
                   "nagging in between?", before)
    assert "repair.request" in found
    assert "rupture.confrontation" not in found
    # telling the other to stop nagging is still a complaint
    assert "rupture.confrontation" in labels("Stop nagging me about the plates.")


T, C = "Dr. Anita Shah", "Client"
CUES = [
    ("00:00:03.000", "00:00:09.000", T,
     "so how how has the week been since we last met"),
    ("00:00:09.500", "00:00:20.000", C,
     "um it's been okay i guess i tried the the breathing thing but honestly it "
     "didn't really do anything"),
    ("00:00:20.500", "00:00:31.000", T,
     "mm and i wonder if maybe you didn't give it enough of a chance you know these "
     "things take practice"),
    ("00:00:31.500", "00:00:44.000", C,
     "yeah i mean i did practice like every night so i don't know it's kind of like "
     "you're saying i did it wrong"),
    ("00:00:44.500", "00:00:52.000", T,
     "well i think you might be a bit quick to give up on things that's something "
     "we've seen before"),
    ("00:00:52.500", "00:00:55.000", C,
     "okay"),
    ("00:00:55.500", "00:01:03.000", T,
     "so let's let's move on to the the work situation how's your manager"),
    ("00:01:03.500", "00:01:06.000", C,
     "fine i guess"),
    ("00:01:06.500", "00:01:09.000", T,
     "just fine"),
    ("00:01:09.500", "00:01:14.000", C,
     "yeah i don't really have anything to say about it today"),
    ("00:01:20.000", "00:01:33.000", T,
     "i i want to pause for a second um i noticed you went kind of quiet after i "
     "said that about giving up can we talk about that"),
    ("00:01:33.500", "00:01:47.000", C,
     "i mean yeah it kind of stung like i'm really trying and it felt like you were "
     "saying i'm lazy"),
    ("00:01:47.500", "00:02:02.000", T,
     "that makes a lot of sense and i'm sorry that was that was unfair of me you did "
     "practice every night and i brushed that aside"),
    ("00:02:02.500", "00:02:10.000", C,
     "(pause) okay yeah thank you i appreciate you saying that"),
]
THERAPY = "WEBVTT\n\n" + "".join(f"{start} --> {end}\n<v {who}>{text}</v>\n\n"
                                  for start, end, who, text in CUES)


def test_therapy_alliance_rupture_is_found_in_rules_mode(tmp_path: Path) -> None:
    vtt = tmp_path / "therapy.vtt"
    vtt.write_text(THERAPY, encoding="utf-8")
    result = mendkit.analyze(vtt, mode="rules").to_dict()
    turns = result["turns"]
    assert "rupture.confrontation" in turns[2]["labels"]
    assert "rupture.confrontation" in turns[4]["labels"]
    for i in (5, 7, 9):
        assert "rupture.withdrawal" in turns[i]["labels"], i
    assert not set(turns[0]["labels"]) | set(turns[8]["labels"])
    episodes = result["episodes"]
    assert episodes and episodes[0]["start_turn"] <= 4
    assert episodes[0]["status"] == "resolved"


@pytest.mark.parametrize("text", [
    "I don't really have anything to say about it today.",
    "yeah i don't really have anything to say about it today",
])
def test_nothing_to_say_needs_tension(text: str) -> None:
    assert "rupture.withdrawal" not in labels(text, ["How was the weekend?"])
    assert "rupture.withdrawal" in labels(text, ["You're too quick to give up.", "okay"])


@pytest.mark.parametrize("text", [
    "Gran, please stop telling dad what I say at your house.",
    "Could you just not pass things on, either way? That would really help.",
    "Mum, I don't want to be in the middle of you and dad anymore.",
])
def test_asking_not_to_be_the_go_between_is_a_request(text: str) -> None:
    assert "repair.request" in labels(text)


def test_owning_a_cold_spell_and_asking_to_talk() -> None:
    found = labels("I know I've been cold with you lately. Can we talk about how handovers have "
                   "been going?")
    assert {"repair.responsibility", "repair.acknowledge"} <= found


def test_thanks_that_say_what_a_favour_did_reconnect_after_a_rupture() -> None:
    text = "Thank you for covering Tuesday. It really helped."
    assert "reconnect" in labels(text, ["You never notice anything I do for the kids."])
    assert "reconnect" not in labels(text, ["Can you cover Tuesday?"])
