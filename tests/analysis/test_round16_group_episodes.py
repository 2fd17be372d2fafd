"""Round 16 (tester t3, group chats of four to eight people): each pair at odds keeps its own
episode. A repair by name or in the rupture's thread reaches back however many others spoke
between; in a pile-on, one person's apology and its thanks resolve only that person's rupture; a
rupture said by name to someone else is that pair's own; an apology to one member is no repair of
another's quarrel; several named in one apology each get it; bystanders' "lol ok", "haha ok" and
"👍" join no episode and open none; and each episode says who it is between.

Shapes from tester t3's chats, in new words.
"""

from __future__ import annotations

import pytest

from mendkit.analysis.addressing import addressed
from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation, Episode, Evidence, Leave, Turn, TurnAnalysis

MODES = ["rules", "full"]


def said(i: int, speaker: str, text: str, *marks: tuple[str, str, str],
         model: tuple[str, ...] = ()) -> TurnAnalysis:
    """A turn whose rules found each (label, subtype, words) in ``marks``, and whose model alone
    gave each label in ``model``."""
    ev = [Evidence(label=label, subtype=sub, start=text.index(words),
                   end=text.index(words) + len(words), text=words, source="rule:test/marker-01")
          for label, sub, words in marks]
    ev += [Evidence(label=label, subtype=None, start=0, end=len(text), text=text,
                    source="model:test-v1, no rule matched") for label in model]
    labels = tuple(dict.fromkeys(e.label for e in ev))
    return TurnAnalysis(index=i, speaker=speaker, text=text, labels=labels,
                        scores=dict.fromkeys(labels, 0.9), evidence=tuple(ev), start=60.0 * i)


CRITICISM = "rupture.confrontation", "criticism"
SHRUG = "rupture.withdrawal", "minimal_response"
DISMISSING = "rupture.invalidation", "dismissing"
APOLOGY = "repair.responsibility", "apology"
ADMISSION = "repair.responsibility", "admission"
THANKS = "reconnect", "appreciation"
ACCEPT = "reconnect", "acceptance"


def _analyse(lines: list[tuple[str, str]], mode: str) -> tuple[Episode, ...]:
    turns = [Turn(index=i, speaker=who, text=text, start=60.0 * i)
             for i, (who, text) in enumerate(lines)]
    return analyze_conversation(Conversation.from_turns(turns), mode=mode).episodes


def _pairs(episodes: tuple[Episode, ...]) -> dict[frozenset[str], Episode]:
    return {frozenset(ep.between): ep for ep in episodes}


# -- P1: a repair by name, or in the rupture's thread, reaches back ------------------------------
CHANNEL_CHATTER = [
    ("Rita", "does anyone know if standup moved to half nine?"),
    ("Sol", "yep, half nine in the small room"),
    ("Rita", "ta"),
    ("Mina", "is the printer on three working again"),
    ("Sol", "nope"),
    ("Mina", "grim"),
    ("Rita", "I'll bring my own paper then"),
    ("Sol", "legend"),
    ("Mina", "lunch at one anyone?"),
]


@pytest.mark.parametrize("mode", MODES)
def test_an_apology_by_name_reaches_back_past_nine_others_turns(mode: str) -> None:
    eps = _analyse([
        ("Dara", "Kwabena, you never test anything before you ship it. Did you even look?"),
        *CHANNEL_CHATTER,
        ("Dara", "Kwabena, I'm sorry. I had a go at you in front of everyone before I knew the "
                 "facts, and that wasn't fair."),
        ("Kwabena", "Thanks Dara, I appreciate that."),
    ], mode)
    (ep,) = [e for e in eps if e.start_turn == 0]
    assert (ep.status, ep.initiator, ep.repair_turns, ep.reconnect_turns) == (
        "resolved", "Dara", (10,), (11,))
    assert ep.between == ("Dara", "Kwabena")


def test_an_unnamed_apology_after_the_episode_went_quiet_reaches_nothing() -> None:
    eps = find_episodes([
        said(0, "Dara", "Kwabena, you never test anything.", (*CRITICISM, "you never test")),
        *(said(i, who, text) for i, (who, text) in enumerate(CHANNEL_CHATTER, 1)),
        said(10, "Dara", "sorry about that, my fault", (*APOLOGY, "sorry")),
        said(11, "Kwabena", "thanks", (*THANKS, "thanks")),
    ])
    assert [(e.start_turn, e.status) for e in eps] == [(0, "unresolved")]


@pytest.mark.parametrize("mode", MODES)
def test_a_thread_reply_to_the_rupture_reaches_back_even_when_the_rules_missed_it(
        mode: str) -> None:
    # The lead's public jab (which the rules may not read as a rupture) starts a thread; her
    # apology 35 minutes later replies in that thread, and the engineer thanks her there.
    lines = [
        ("Dara", "@Kwabena did you deploy without the checklist again? Twice this month now.",
         None),
        *((who, text, None) for who, text in CHANNEL_CHATTER),
        ("Dara", "@Kwabena I'm sorry. I called you out in front of the whole channel before I "
                 "knew what happened, and that wasn't fair.", "t0"),
        ("Rosa", "haha ok", "t0"),
        ("Kwabena", "Thanks Dara, I appreciate that.", "t0"),
    ]
    turns = [Turn(index=i, speaker=who, text=text, start=240.0 * i, id=f"t{i}", reply_to=parent)
             for i, (who, text, parent) in enumerate(lines)]
    eps = analyze_conversation(Conversation.from_turns(turns), mode=mode).episodes
    (ep,) = [e for e in eps if "Kwabena" in e.between and "Dara" in e.between]
    assert (ep.start_turn, ep.status, ep.initiator, ep.repair_turns, ep.reconnect_turns) == (
        0, "resolved", "Dara", (10,), (12,))
    assert all(11 not in (*e.rupture_turns, *e.repair_turns) for e in eps)  # Rosa's "haha ok"


# -- P2: a pile-on --------------------------------------------------------------------------------
PILE_ON = [
    ("Hana", "Theo you literally never empty the dishwasher. It's exhausting living with you."),
    ("Olly", "Seriously mate, you never wipe the hob either. It's disrespectful."),
    ("Priya", "Theo it's always you. Every single week."),
    ("Theo", "ok"),
    ("Hana", "Theo, I'm sorry. I was harsh and that wasn't fair of me."),
    ("Theo", "Thanks Hana, I appreciate that."),
    ("Priya", "Theo I'm sorry too, I piled on and that wasn't fair."),
]


@pytest.mark.parametrize("mode", MODES)
def test_in_a_pile_on_one_apology_resolves_only_its_own_pair(mode: str) -> None:
    by_pair = _pairs(_analyse(PILE_ON, mode))
    hana = by_pair[frozenset({"Hana", "Theo"})]
    assert (hana.status, hana.initiator, hana.repair_turns, hana.reconnect_turns) == (
        "resolved", "Hana", (4,), (5,))
    olly = by_pair[frozenset({"Olly", "Theo"})]
    assert (olly.status, olly.rupture_turns) == ("unresolved", (1,))
    priya = by_pair[frozenset({"Priya", "Theo"})]
    assert (priya.status, priya.initiator, priya.repair_turns) == ("attempted", "Priya", (6,))
    assert len(by_pair) == 3


def test_a_move_answering_a_move_at_someone_else_by_name_piles_on_them() -> None:
    eps = find_episodes([
        said(0, "Hana", "Theo you never empty the dishwasher.", (*CRITICISM, "you never")),
        said(1, "Olly", "yeah you never wipe the hob either", (*CRITICISM, "you never")),
        said(2, "Hana", "Theo, I'm sorry, that was harsh.", (*APOLOGY, "I'm sorry")),
        said(3, "Theo", "Thanks Hana.", (*THANKS, "Thanks")),
    ])
    assert [(e.between, e.status) for e in eps] == [
        (("Hana", "Theo"), "resolved"), (("Olly", "Theo"), "unresolved")]


# -- P3, P4, P12: pairs do not mix ----------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_a_rupture_by_name_at_a_third_person_is_that_pairs_own(mode: str) -> None:
    by_pair = _pairs(_analyse([
        ("Aine", "Orla? Any word from the ward?"),
        ("Orla", "Oh now you're interested. You never bother coming in, Aine. I'm not a "
                 "newsletter."),
        ("Aine", "That's not fair. I ring her every night."),
        ("Conor", "Lads. Not now."),
        ("Orla", "Don't 'lads' me Conor. You never visit either, you've been in twice in a month."),
        ("Aine", "Forget it. You'll have it your way like always."),
        ("Orla", "Aine, I'm sorry. I took a fortnight of no sleep out on you and that wasn't fair."),
        ("Aine", "Thanks Orla. I'll book flights for the weekend."),
    ], mode))
    aine = by_pair[frozenset({"Orla", "Aine"})]
    assert (aine.status, aine.initiator) == ("resolved", "Orla")
    conor = by_pair[frozenset({"Orla", "Conor"})]
    assert (conor.start_turn, conor.status, conor.rupture_turns) == (4, "unresolved", (4,))


def test_two_quarrels_at_once_keep_their_own_repairs_and_uptake() -> None:
    # Cal snaps at the seating plan with no name (its other person only a guess), Bea answers
    # him by name, Gus takes the blame by name and Cal turns on him; meanwhile Dee and Eli
    # quarrel. Cal's apology names Bea and Gus: it goes to both of his episodes, and each one's
    # thanks resolves their own. Eli's apology to Dee, thanked only by Fay, stays attempted.
    eps = find_episodes([
        said(0, "Bea", "Seating plan v3 is up, check your tables please"),
        said(1, "Fay", "Looks lovely darling"),
        said(2, "Cal", "Why am I next to the speakers? Is that a joke?",
             ("rupture.confrontation", "contempt", "Is that a joke?")),
        said(3, "Dee", "Eli did you pay the deposit? They emailed again"),
        said(4, "Bea", "Cal it's not a joke, that's the cousins' table",
             model=("rupture.invalidation",)),
        said(5, "Eli", "Not yet, I've been at work all day", model=("rupture.confrontation",)),
        said(6, "Dee", "You said that on Monday Eli. It's on my card now.",
             ("rupture.confrontation", "complaint", "You said that on Monday")),
        said(7, "Gus", "Cal mate, I did the seating, blame me not Bea",
             model=("rupture.invalidation",)),
        said(8, "Cal", "Then you've got weird priorities Gus", model=("rupture.confrontation",)),
        said(9, "Cal", "Bea, Gus, I'm sorry. I was being a brat about a table.",
             (*ADMISSION, "I was being a brat")),
        said(10, "Gus", "No worries mate", (*ACCEPT, "No worries")),
        said(11, "Bea", "Thank you Cal. Love you, you idiot", (*THANKS, "Thank you")),
        said(12, "Eli", "Dee I'm sorry, you're right, I was wrong. Sending it now.",
             (*APOLOGY, "I'm sorry")),
        said(13, "Fay", "Thank you Eli, that means a lot", (*THANKS, "Thank you")),
    ])
    by_pair = _pairs(eps)
    bea = by_pair[frozenset({"Cal", "Bea"})]
    assert (bea.start_turn, bea.status, bea.repair_turns, bea.reconnect_turns) == (
        2, "resolved", (9,), (11,))
    gus = by_pair[frozenset({"Cal", "Gus"})]
    assert (gus.status, gus.repair_turns, gus.reconnect_turns) == ("resolved", (9,), (10,))
    dee = by_pair[frozenset({"Dee", "Eli"})]
    assert (dee.status, dee.initiator, dee.taken_up) == ("attempted", "Eli", False)
    assert len(eps) == 3


def test_an_apology_to_another_member_is_no_repair_of_the_pairs_quarrel() -> None:
    # Dad shames Jai in the family group; Gran's gentle words to Jai (which the rules misread as
    # a denial) and Jai's apology to Gran are theirs. Dad's episode is repaired by Jai's apology
    # to Dad, eight turns after it opened, not by the one to Gran.
    eps = find_episodes([
        said(0, "Dad", "Jai, you skipped your gran's birthday for a football match.",
             ("rupture.confrontation", "complaint", "you skipped")),
        said(1, "Jai", "Wow ok. Classy Dad.", ("rupture.confrontation", "contempt", "Wow ok.")),
        said(2, "Mum", "Raj. Enough."),
        said(3, "Jai", "Whatever.", (*SHRUG, "Whatever")),
        said(4, "Dad", "👍", (*SHRUG, "👍")),
        said(5, "Gran", "Jai beta, I am not angry. I only wanted to see you.",
             ("rupture.withdrawal", "denial", "I am not angry")),
        said(6, "Jai", "Gran I'm so sorry. I should have been there.", (*APOLOGY, "I'm so sorry")),
        said(7, "Priya", "Gran 1 Jai 0"),
        said(8, "Jai", "Dad, I'm sorry too. I was rude to you.", (*ADMISSION, "I was rude")),
        said(9, "Dad", "Thank you for saying that.", (*ACCEPT, "Thank you for saying")),
    ])
    dad = _pairs(eps)[frozenset({"Dad", "Jai"})]
    assert (dad.status, dad.repair_turns, dad.reconnect_turns, dad.turns_to_repair) == (
        "resolved", (8,), (9,), 8)
    assert 5 not in dad.rupture_turns and 6 not in dad.repair_turns


@pytest.mark.parametrize(("text", "to"), [
    ("You said that on Monday Eli. It's on my card now.", {"Eli"}),
    ("Don't 'lads' me Conor. You never visit either", {"Conor"}),
    ("Gran beta, I am not angry", {"Gran"}),
    ("Tom it's yours. Again.", {"Tom"}),
    ("But thanks Lou for noticing", {"Lou"}),
    ("haha Eli stop it", {"Eli"}),
    ("Of course you can help, would you do 3-4 with Lou?", set()),
    ("I did the seating, blame me not Gran", set()),
    ("I gave the keys to Tom.", set()),
])
def test_a_name_closing_a_sentence_is_said_to_them_unless_it_is_an_object(
        text: str, to: set[str]) -> None:
    speakers = ["Conor", "Eli", "Gran", "Lou", "Tom", "Zed"]
    assert addressed(TurnAnalysis(index=0, speaker="Zed", text=text), speakers) == to


# -- P5: bystanders' reactions --------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_bystanders_lol_ok_and_thumbs_up_join_no_episode_and_open_none(mode: str) -> None:
    eps = _analyse([
        ("Gail", "Obi, you never pull your weight on these things. Honestly it's embarrassing."),
        ("Obi", "Right. I'll just send the cake in then."),
        ("Gail", "Obi I'm sorry, that was out of order and I shouldn't have said it in the group."),
        ("Rae", "lol ok"),
        ("Fola", "Thanks Gail!"),
        ("Kim", "👍"),
        ("Rae", "haha ok"),
    ], mode)
    assert [(e.start_turn, e.status, e.initiator, e.between) for e in eps] == [
        (0, "attempted", "Gail", ("Gail", "Obi"))]
    assert not {3, 4, 5, 6} & {*eps[0].rupture_turns, *eps[0].reconnect_turns}


def test_a_bystanders_lol_ok_read_as_dismissing_is_still_an_aside() -> None:
    eps = find_episodes([
        said(0, "Ben", "Kofi you never clean the bathroom", (*CRITICISM, "you never clean")),
        said(1, "Kofi", "fine.", (*SHRUG, "fine")),
        said(2, "Jess", "lol ok", (*SHRUG, "lol ok"), (*DISMISSING, "lol ok")),
        said(3, "Ben", "Kofi, sorry, that was harsh of me.", (*APOLOGY, "sorry")),
        said(4, "Zara", "👍", (*SHRUG, "👍")),
    ])
    assert [(e.status, e.rupture_turns) for e in eps] == [("attempted", (0, 1))]


# -- P13: who an episode is between ---------------------------------------------------------------
def test_an_episode_says_who_it_is_between_in_its_json() -> None:
    eps = find_episodes([
        said(0, "Ana", "You never listen.", (*CRITICISM, "You never")),
        said(1, "Ben", "I'm sorry, I was on my phone.", (*APOLOGY, "I'm sorry")),
        said(2, "Ana", "Thank you.", (*THANKS, "Thank you")),
    ])
    data = eps[0].to_dict()
    assert data["between"] == ["Ana", "Ben"]
    assert Episode.from_dict(data) == eps[0]
    older = {key: value for key, value in data.items() if key != "between"}
    assert Episode.from_dict(older).between == ()
    assert Episode.from_dict(older).to_dict() == older  # an older analysis reads back as it was


def test_a_two_person_episode_opened_at_the_start_names_both() -> None:
    eps = find_episodes([said(0, "Ana", "You never listen.", (*CRITICISM, "You never")),
                         said(1, "Ben", "ok", (*SHRUG, "ok"))])
    assert eps[0].between == ("Ana", "Ben")


# -- P7: leaving the group right after a fight ----------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_a_leave_right_after_a_fight_is_kept_on_its_episode(mode: str) -> None:
    turns = [Turn(index=i, speaker=who, text=text, start=60.0 * i) for i, (who, text) in
             enumerate([
                 ("Nell", "Looks fun. Wish I'd known."),
                 ("Tam", "You should've said you wanted to come lol"),
                 ("Nell", "I did. Twice. And you picked that weekend anyway."),
                 ("Gwen", "omg don't make it a thing Nell 🙄 it wasn't a big planned trip"),
                 ("Nell", "ok"),
                 ("Lou", "did Nell just leave??"),
             ])]
    conversation = Conversation(id="dorm", turns=tuple(turns),
                                left=(Leave(speaker="Nell", after_turn=4),))
    eps = analyze_conversation(conversation, mode=mode).episodes
    with_nell = [e for e in eps if "Nell" in e.between]
    assert with_nell and all(e.status == "unresolved" for e in with_nell)
    assert any(e.left == (Leave(speaker="Nell", after_turn=4),) for e in with_nell)
    assert all(not e.left for e in eps if "Nell" not in e.between)
    gone = next(e for e in with_nell if e.left).to_dict()
    assert gone["left"] == [{"speaker": "Nell", "after_turn": 4}]
    assert Episode.from_dict(gone) == next(e for e in with_nell if e.left)


def test_a_leave_long_after_an_episode_is_not_its_own() -> None:
    turns = [said(0, "Ana", "You never listen.", (*CRITICISM, "You never")),
             said(1, "Ben", "ok", (*SHRUG, "ok")),
             *(said(i, "Cy", f"note {i}") for i in range(2, 14))]
    (ep,) = find_episodes(turns, left=[Leave(speaker="Ben", after_turn=13)])
    assert ep.left == ()


def test_the_reach_part_imports_on_its_own_and_never_the_finder() -> None:
    from pathlib import Path

    import mendkit.analysis.episode_reach as reach
    from module_imports import imported

    assert reach.__doc__
    assert "mendkit.analysis.episodes" not in imported(Path(reach.__file__))
