"""The message critic: scores one message as a repair and says what to change, and why.

``repair_quality`` (0-1) rises with the parts of a repair the research points to (owning one's part,
validating the other, a feeling said as an I-statement, a concrete request or commitment, naming
what happened, appreciation) and falls with what undoes one (contempt, hostility, character
criticism and "always/never", non-apologies, "sorry, but", defensiveness, minimising, pressure,
and, inside an apology, excuses, an apology that never says for what, and a pile of "sorry"s).
Length earns nothing. Components count only with rule evidence (a span to point at); in full mode
the model's reading of the whole message moves the score a little (up for repair, down for a
rupture), which ranks drafts the rules cannot read. Issues carry spans and a suggestion;
``rewrite`` applies the safe fixes.

The issues are found in ``mendkit._critic_issues`` and the rewrite is built in
``mendkit._rewrite``; what a repair's checklist does not fit (a limit the person sets, taking on
what the other person did, pleading, a letter that needs no answer, a threat received) is found
in ``mendkit._critic_care``, and lines quoted from the message answered are set aside by
``mendkit._critic_quotes``. This module scores the draft, words what it finds and decides what
is shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from mendkit._critic_apology import leaves_too_much, stuffed_sentences
from mendkit._critic_care import (
    TheirAct,
    beside_limits,
    beside_pleading,
    care_issues,
    drops_a_limit,
    limits,
    needs_no_answer,
    overlaps,
    own_past_words,
    sentences_of,
    their_acts,
    threatens_you,
)
from mendkit._critic_issues import BLAMING_FEELINGS as BLAMING_FEELINGS  # noqa: PLC0414 (re-export)
from mendkit._critic_issues import OVER_APOLOGY as OVER_APOLOGY  # noqa: PLC0414 (re-export)
from mendkit._critic_issues import VALIDATING_NEVER_RE, YOU_ALWAYS_RE, find_issues
from mendkit._critic_quotes import set_aside, tidied
from mendkit._rewrite import gaps, suggested_rewrite
from mendkit.analysis.language import CHECK_CONTEXT_NOTE, CHECK_NOTE, looks_unreadable
from mendkit.analysis.pipeline import Mode, analyze_turn, analyze_with_probabilities
from mendkit.analysis.safety import (
    DEFAULT_REGION,
    about_images,
    assess,
    assess_last,
    crisis_message,
    region_or_default,
    resources_for,
    supporter_message,
    with_region_note,
)
from mendkit.labels import CRISIS, is_rupture
from mendkit.model import CheckResult, Conversation, Issue, Safety, TurnAnalysis

if TYPE_CHECKING:
    from mendkit.models.personal import PersonalHeads

COMPONENT_WEIGHTS: Final = {
    "ownership": ("repair.responsibility", 0.22),
    "validation": ("repair.validate", 0.16),
    "feeling": ("repair.feeling", 0.14),
    "request": ("repair.request", 0.14),
    "acknowledgement": ("repair.acknowledge", 0.06),
    "appreciation": ("reconnect", 0.06),
}
BASE: Final = 0.22
# Full mode adds the model's reading (``_model_term``), chosen on the tuning pairs with v5 from a
# plateau (0.1-0.3 for each gave the same accuracy): data/corpus/DATASHEET.md, "the critic's rule".
MODEL_REPAIR_WEIGHT: Final = 0.2
MODEL_RUPTURE_WEIGHT: Final = 0.2
PENALTIES: Final = {
    "contempt": 0.4, "hostility": 0.4, "non_apology": 0.3, "sorry_but": 0.25, "criticism": 0.25,
    "always_never": 0.25, "defensiveness": 0.2, "minimizing": 0.2, "dismissing": 0.2,
    "condescension": 0.2, "pressure": 0.15, "complaint": 0.05, "blaming_feeling": 0.12,
    "thought_as_feeling": 0.06, "rejection": 0.15, "withdrawal": 0.1,
    "excuse": 0.1, "vague_apology": 0.1, "over_apology": 0.1, "self_blame": 0.08,
    "pleading": 0.08,
}

_MESSAGES: Final = {
    "contempt": (
        "Sarcasm, mockery and insults land as contempt, which makes it very hard for them to "
        "hear anything else.",
        "Leave this out. If something still needs saying, say it plainly about what happened.",
    ),
    "hostility": (
        "This is likely to be heard as an attack and end the conversation.",
        "Leave this out for now; if you are this angry, a break may help before you send anything.",
    ),
    "criticism": (
        "This describes who they are, not what happened, so it invites defence instead of "
        "listening.",
        "Describe one specific moment and its effect on you: \"When ... happened, I felt ...\".",
    ),
    "always_never": (
        "\"Always\" and \"never\" turn one event into a verdict, and the other person will "
        "argue with the exception.",
        "Name one specific moment instead: \"Last night, when ..., I felt ...\".",
    ),
    "complaint": (
        "A specific complaint is fair; make sure it is about one event and paired with what "
        "you need.",
        "Add what you would like next time.",
    ),
    # The same kind, when the message already says what the person would like (a request).
    "complaint_with_request": (
        "A specific complaint is fair; make sure it is about one event, as your request is.",
        "Keep to this one moment and how it felt for you.",
    ),
    "non_apology": (
        "This apologises for their feelings or for an \"if\", not for what you did, so it "
        "usually lands as blame.",
        "Own the action: \"I'm sorry I ...\" or \"I'm sorry my comment came across that way.\"",
    ),
    # The same kind, for the non-apologies that name no feeling and no "if" (see _explained_as in
    # mendkit._critic_issues).
    "already_sorry": (
        "Pointing back to an apology you already made does not apologise now; it can sound as "
        "if they should be over it.",
        "Apologise now, for what you did: \"I'm sorry I ...\".",
    ),
    "hollow_apology": (
        "This sounds like an apology but does not own anything you did, so it usually lands as "
        "blame.",
        "Own the action: \"I'm sorry I ...\".",
    ),
    "sorry_but": (
        "A \"but\" after \"sorry\" tends to cancel the apology: the excuse is what they hear.",
        "End the apology before the \"but\". Give your side later, as its own conversation.",
    ),
    "defensiveness": (
        "Defending yourself here can sound like their concern does not count.",
        "Find the part you can own, even a small one: \"You're right that I ...\".",
    ),
    "minimizing": (
        "This shrinks how it felt for them, which usually makes the hurt bigger.",
        "Let their feeling stand: \"I can see this really mattered to you.\"",
    ),
    "dismissing": (
        "This waves away their concern or effort.",
        "Acknowledge it first: \"I can see how much you put into this.\"",
    ),
    "condescension": (
        "This talks down to them.",
        "Speak as an equal: say what you think and ask what they think.",
    ),
    "pressure": (
        "This reads as a demand, which invites resistance.",
        "Turn it into a request they can answer: \"Would you be willing to ...?\"",
    ),
    "rejection": (
        "This rejects what they offered, which may leave them feeling their effort is wasted.",
        "Say what did not work for you and what might help instead.",
    ),
    "withdrawal": (
        "This may read as closing the conversation.",
        "If you need a pause, say so and say when you will come back to it.",
    ),
    "thought_as_feeling": (
        "\"I feel like/that ...\" states a thought about them, not a feeling.",
        "Name the feeling itself: hurt, worried, lonely, embarrassed, sad.",
    ),
    "excuse": (
        "Inside an apology, how busy or tired you were reads as a reason it should not count.",
        "Keep the apology about what happened to them. The context can come later, if they ask.",
    ),
    "vague_apology": (
        "This apology does not say what it is for, so they are left to guess whether you know.",
        "Name what you did: \"I'm sorry I ...\".",
    ),
    "over_apology": (
        "So many apologies turn the message towards your guilt and away from their hurt.",
        "One clear apology is enough: what you did, how it affected them, what you will do.",
    ),
    # The same kind, for putting oneself down, a string of stock phrases and words said again.
    "self_blame": (
        "Putting yourself down this hard turns the message towards your shame, and can leave "
        "them comforting you instead of being heard.",
        "Own what you did, not who you are: \"I'm sorry I ...\", and what you will do.",
    ),
    "stuffed": (
        "This strings repair phrases together without saying what happened, so it can read as "
        "a formula rather than something you mean.",
        "Say what you did and how it affected them, then one thing you will do.",
    ),
    "repeated": (
        "Saying the same few words again and again can sound more anxious than sorry.",
        "Say each thing once: what you did, how it affected them, what you will do.",
    ),
    # An apology on an "if" for an act the writer does not know of ("sorry if I did something").
    "unsure_apology": (
        "This apologises for something you're not sure happened, so it can't say what it is "
        "for. If you don't know what upset them, asking can do more than guessing.",
        "Ask instead: \"Are you upset with me? I'd like to understand.\"",
    ),
    # A question that pushes back ("what more do you want from me?").
    "pressing": (
        "A question like this pushes back rather than asks: it tells them they want too much.",
        "Leave it out. If you want to know what would help, ask it openly: \"What would help?\"",
    ),
    "pleading": (
        "Pleading puts the weight on their answer to you, and can leave them feeling they must "
        "reassure you before they've had their say.",
        "Say what you did and what you'll do, then give them room: \"Take the time you need.\"",
    ),
    # Pressure of a kind, and a feeling that blames, that Mend finds itself.
    "forgiveness_pressure": (
        "Asking them to forgive you now puts your relief ahead of their hurt. Forgiveness "
        "can't be hurried, and pushing for it can undo the apology.",
        "Leave the timing to them: \"Take the time you need.\"",
    ),
    # Non-apologies, "sorry, but"s and defensiveness of the kinds round fourteen's rules name.
    "blame_apology": (
        "This says sorry but puts the cause on them (what they made you do, or how they took "
        "it), so it lands as blame rather than an apology.",
        "Own what you did, without what they did: \"I'm sorry I ...\".",
    ),
    "grudging_apology": (
        "A \"sorry\" said grudgingly, or for caring too much, does not own what happened, so it "
        "tends to land as one more thing to be upset about.",
        "Own the act itself, plainly: \"I'm sorry I ...\".",
    ),
    "admission_but": (
        "A \"but\" after owning what you did tends to take it back: what follows is what they "
        "hear.",
        "Let the admission stand on its own, and leave the \"but\" out.",
    ),
    "justifying": (
        "Explaining why it was fine to say or do it (who you are, what everyone thinks, that it "
        "was a joke) reads as a reason the apology should not count.",
        "Leave the reason out. Say what you did and how it landed for them.",
    ),
    "turning_back": (
        "This turns the blame back on them. In an apology it tells them their hurt is the "
        "problem, which usually ends the repair.",
        "Leave it out. If something they did hurt you too, it deserves its own calm "
        "conversation later.",
    ),
    "ultimatum": (
        "An ultimatum turns the apology into a threat: accept it, or else. That leaves them no "
        "room to be heard, and forgiveness can't be demanded.",
        "Leave it out. Say what you did and what you will do, and let them answer in their own "
        "time.",
    ),
    "drop_it_pressure": (
        "Telling them to drop it puts an end date on their hurt. An apology opens the talk; it "
        "doesn't close it.",
        "Leave the timing to them: \"I'm here when you want to talk about it.\"",
    ),
    # Pressure after they asked for space or no contact, or after a block (round fifteen).
    "past_limit": (
        "This goes past a limit they set (space, no contact, or not answering). Being pressed "
        "after a clear no can feel frightening, and it tends to close the door rather than "
        "open it.",
        "Leave it out and keep to what they asked. If there is something you need to say, you "
        "could write it down without sending it, and let them choose when to reach out.",
    ),
    "you_make_me_feel": (
        "\"You make me feel ...\" puts your feeling down to them, so it lands as blame.",
        "Say the feeling as yours and when it came: \"When ..., I felt ...\".",
    ),
    # Round fifteen: what therapy words can hide (see the rules named "-control-", "-diagnosis-",
    # "-unreal-" and "-reversal-").
    "control": (
        "This sets a rule for what they may do: whom they see, how fast they answer, or where "
        "they are. However caring the reason, a rule for another adult's life lands as control, "
        "not as a boundary.",
        "A boundary says what you will do. If something worries you, say the feeling and ask to "
        "talk it through, and leave the choice with them.",
    ),
    "diagnosis": (
        "Naming their state or a diagnosis (\"dysregulated\", \"projecting\", \"a narcissist\") "
        "puts what they feel down to something wrong with them, so what they said goes unheard.",
        "Leave the label out and answer what they said: \"Tell me what hurt.\"",
    ),
    "taken_back": (
        "This grants their feeling and then takes it away, so it lands as not being believed.",
        "Let the feeling stand, even where you see things differently: \"I can see this hurt "
        "you.\"",
    ),
    # Guilt in polite words ("It's fine. I'm used to it by now.", "Don't trouble yourself on my
    # account."): a pressure rule's reading, in words that fit it (round fifteen).
    "unsaid_hurt": (
        "This says you're hurt without saying so. Polite words with a sting in them are hard to "
        "answer: they tend to leave the other person guilty or guessing, not closer.",
        "Say the hurt plainly: \"I was looking forward to it, and I'm disappointed.\"",
    ),
    "reversal": (
        "This turns their hurt round onto you: what they said hurt them is answered with how hurt "
        "you are, so they are left defending themselves instead of being heard.",
        "Hear their side first: \"Tell me what happened for you.\" If you are hurt too, that "
        "deserves its own calm conversation later.",
    ),
    # Round fifteen: denying harm they say was done and telling them to stop saying so (the rules
    # named "-denied-harm-").
    "denied_harm": (
        "This denies what they say happened, puts it on them, and asks them to stop telling "
        "others. Being told to keep quiet about being hurt can feel frightening, and it leaves "
        "them unheard.",
        "Leave this out. Listen to what they say happened before you give your side. If things "
        "between you have become physical, talking to someone you trust or a support line can "
        "help.",
    ),
}
# Another wording of hostility, criticism or (with affection) contempt, in a message that also
# carries warmth or a laugh ("you absolute idiot, I love you"): likely teasing, so no anger is
# assumed; but written words lose the voice that made it a joke, and it is still flagged.
_TEASING: Final = (
    "Between the two of you this may be teasing, and they may hear it that way. Written down, "
    "without your voice, it can still land as an insult.",
    "If things are tense between you, or you're not sure how they'll take it, leave this part "
    "out and keep the warm part.",
)

# What each kind of issue is called where people read it (the kinds are code names): the
# terminal and the web pages alike.
ISSUE_NAMES: Final = {
    "contempt": "Contempt",
    "hostility": "Hostility",
    "criticism": "Criticism of who they are",
    "always_never": "Always/never",
    "complaint": "A complaint",
    "non_apology": "An apology that is not one",
    "sorry_but": "Sorry, but",
    "already_sorry": "An apology pointed back to",
    "hollow_apology": "A hollow apology",
    "defensiveness": "Defensiveness",
    "minimizing": "Making it small",
    "dismissing": "Dismissing their feelings",
    "condescension": "Talking down",
    "pressure": "Pressure",
    "rejection": "Turning them away",
    "withdrawal": "Pulling away",
    "thought_as_feeling": "A thought put as a feeling",
    "excuse": "An excuse",
    "vague_apology": "A vague apology",
    "over_apology": "Too much apology",
    "blaming_feeling": "A feeling that blames",
    "self_blame": "Blaming yourself",
    "pleading": "Pleading",
    # Wordings of other kinds (vague_apology, defensiveness), named as they read.
    "unsure_apology": "An apology for you don't know what",
    "pressing": "A question that pushes back",
    # Wordings of non_apology, defensiveness and pressure (round fourteen), named as they read.
    "blame_apology": "An apology that blames them",
    "grudging_apology": "A grudging apology",
    "admission_but": "An admission taken back",
    "justifying": "Justifying it",
    "turning_back": "Turning the blame back",
    "ultimatum": "An ultimatum",
    "drop_it_pressure": "Pushing them to drop it",
    # Wordings of pressure, condescension, dismissing and defensiveness (round fifteen).
    "control": "Control",
    "diagnosis": "A diagnosis that sets their words aside",
    "taken_back": "A feeling granted and taken back",
    "reversal": "Turning their hurt round",
    "past_limit": "Going past a limit they set",
    "unsaid_hurt": "Hurt said without saying it",
    "denied_harm": "Denying the harm",
}


def issue_name(kind: str) -> str:
    """``sorry_but`` -> ``Sorry, but``: what an issue is called (a new kind gets its code name
    in words)."""
    return ISSUE_NAMES.get(kind) or kind.replace("_", " ").capitalize()


def suggestion_line(text: str) -> str:
    """A suggestion after "Try:", unless it already starts with "Try" ("Try: Try the ...")."""
    return text if text.lower().startswith("try ") else f"Try: {text}"


MISSING_NOTE: Final = "Not there yet: "  # how the note on missing core components begins
# Issues that say a phrase is no feeling at all: the model's sense of one does not stand.
_NOT_A_FEELING: Final = frozenset({"thought_as_feeling", "blaming_feeling"})


def critique(
    text: str,
    *,
    region: str = DEFAULT_REGION,
    context: Sequence[str] = (),
    mode: Mode = "full",
    personal: PersonalHeads | None = None,
) -> CheckResult:
    """Score ``text`` as a repair message (see the module docstring)."""
    # Lines it quotes from the message it answers ("> you never ...") are not the writer's: they
    # are blanked (every offset still indexes ``text``) and read as that message.
    own, quoted = set_aside(text)
    if quoted:
        context = [*context, quoted]
    n = len(context)
    speakers = ["them" if (n - i) % 2 else "me" for i in range(n)]
    conversation = Conversation.from_turns([*zip(speakers, context, strict=True), ("me", own)],
                                           id="check")
    analysis, probabilities = analyze_with_probabilities(conversation, mode=mode,
                                                         personal=personal)
    turn = analysis.turns[-1]
    risk = assess_last(analysis.turns, region)  # an answer to "are you safe?" counts too
    issues, fixes, held = find_issues(turn, _MESSAGES,
                                      personal.muted_rules if personal else frozenset())
    issues = _as_teasing(own, issues, turn)
    limit_spans = limits(own)
    issues, fixes, held = beside_limits(issues, fixes, held, limit_spans)
    acts = their_acts(own)
    cared, unearned = care_issues(own, acts, issues, _MESSAGES)
    issues, fixes, held = beside_pleading(issues, fixes, held, unearned)
    issues = [*issues, *cared]
    # A component counts when a rule shows it with a span the person can see; the model's
    # whole-turn guesses inform the labels and risk, not the score a draft is ranked by.
    # The rewrite's gap, taken as it is ("I'm sorry I ..."), names no act: it owns nothing.
    gapped = gaps(own)
    components = _components(turn, [*unearned, *gapped], sentences_of(own, acts))
    if limit_spans:
        components["request"] = True  # a limit is the request a message that sets one makes
    quality = BASE + sum(w for name, (_, w) in COMPONENT_WEIGHTS.items() if components[name])
    quality -= sum(PENALTIES.get(kind, 0.1) for kind in {i.kind for i in issues})
    if components["request"]:  # not "add what you would like" to a message that says it
        issues = [_explained(i, "complaint_with_request") if i.kind == "complaint" else i
                  for i in issues]
    if probabilities:
        quality += _model_term(probabilities[-1])
    overruled = (_overruled(turn, analysis.turns[:-1], [*unearned, *gapped], acts)
                 if mode != "rules" else set[str]())
    if _owned_before_the_but(own, issues):
        overruled.add("ownership")  # the "but" undoes it; the issue's example keeps it
    notes = _notes(own, turn, components, issues, acts=acts, limit_spans=limit_spans,
                   overruled=overruled, gapped=bool(gapped))
    if not issues and (unexplained := [label for label in turn.labels
                                       if is_rupture(label) and turn.model_only(label)]):
        notes.append(_model_rupture_note(unexplained))
    if quoted:
        notes.append(QUOTED_NOTE)
    rewrite = suggested_rewrite(own, turn, fixes, issues, held)
    if rewrite is not None and (_still_flagged(rewrite, {i.kind for i in held})
                                or drops_a_limit(own, rewrite, limit_spans)
                                or their_acts(rewrite)):
        rewrite = None  # a rewrite that a fresh check flags, or that drops a limit, is no better
    if rewrite is not None and mode == "full" and {i.kind for i in held} & _CONFRONTING \
            and _model_confronts(rewrite, context, personal):
        rewrite = None  # the model still reads what is left as moving against them
    if rewrite is not None and quoted:
        rewrite = tidied(rewrite)
    if _threatens(turn):
        # What a cut leaves of a threat still threatens ("You'll regret this. Watch your back."
        # cut to "Watch your back."): no rewrite, and the note says why.
        rewrite = None
        notes.append(THREAT_NOTE)
    if rewrite is not None and gaps(rewrite):
        notes.append(GAP_REWRITE_NOTE)
    if risk.crisis:
        # Safety first: repair coaching stops when someone may be unsafe.
        issues, rewrite = [], None
        notes = [_UNSAFE_GUESS if turn.model_only(CRISIS) else _UNSAFE]
    unread = _unread_note(own, context)
    if unread is not None:
        # Mend cannot read it (the model had no say: see the pipeline), so its silence means
        # nothing: it says so, and shows the resources gently, with no crisis claimed.
        if unread == CHECK_NOTE:  # what is "missing" from a message Mend cannot read is unknown
            notes = [n for n in notes if not n.startswith(MISSING_NOTE)]
        notes = [*notes, unread]
        if not risk.crisis:
            risk = replace(risk, message=with_region_note(unread, region),
                           resources=resources_for(region_or_default(region)[0]))
    evidence = turn.evidence
    if quoted:  # a span that runs into a blanked line says what the message as given says there
        evidence = tuple(e if text[e.start:e.end] == e.text else replace(e, text=text[e.start:e.end])
                         for e in evidence)
    result = CheckResult(
        text=text,
        labels=turn.labels,
        scores=turn.scores,
        evidence=evidence,
        repair_quality=min(1.0, max(0.0, quality)),
        components=components,
        issues=tuple(sorted(issues, key=lambda i: (i.start, i.kind))),
        risk=risk,
        rewrite=rewrite,
        notes=tuple(notes),
    )
    # The messages being answered were analysed with the draft: their crisis signs count too.
    return _with_context_risk(result, assess(analysis.turns[:-1], region), analysis.turns[:-1],
                              region)


# A rupture the model read with no words to point at: said, so no label goes unexplained.
_RUPTURE_IN_WORDS: Final = {
    "rupture.invalidation": "brushing aside their feelings or putting the blame on them",
    "rupture.confrontation": "moving against them (blame, criticism or pressure)",
    "rupture.withdrawal": "pulling away from the talk",
}


def _model_rupture_note(labels: Sequence[str]) -> str:
    """What to say of ruptures (``labels``) only the model read: a reading, not a finding."""
    read = " and ".join(_RUPTURE_IN_WORDS.get(label, label) for label in labels)
    return (f"Mend's model reads this message as {read}, though no words in it match a "
            "pattern Mend can point to. Read it once as they might: if any part puts the cause "
            "on them, say what you did instead.")


def _owned_before_the_but(text: str, issues: Sequence[Issue]) -> bool:
    """Whether a "sorry, but" in ``text`` takes back an apology that owns an act ("I'm sorry I
    forgot to pick you up, but ..."): the critic's example keeps it, so ownership is not what
    is missing; the "but" is."""
    for issue in issues:
        if issue.kind != "sorry_but":
            continue
        before = text[:issue.start].rstrip(" ,;")
        if not before:
            continue
        turn = analyze_turn(0, "me", before)
        if any(e.label == _OWNERSHIP and e.source.startswith("rule:") for e in turn.evidence) \
                and not any(is_rupture(label) for label in turn.labels):
            return True
    return False


LIMIT_NOTE: Final = (
    "This sets a limit. Mend won't suggest softening it or reopening the talk, and a limit "
    "needs none of a repair's other parts: said once, plainly and calmly, it is enough.")
GAP_NOTE: Final = (
    "\"I'm sorry I ...\" still has a gap: say there what you did, in your own words. As it "
    "stands it owns nothing, so Mend doesn't count it as ownership.")
# Said of a rewrite that leaves the gap, for the person to fill in before they send it.
GAP_REWRITE_NOTE: Final = (
    "The suggested rewrite leaves a gap (\"I'm sorry I ...\") for what you did: fill it in, in "
    "your own words, before you send it. Mend left out the rest, which read as more blame than "
    "apology.")
DEED_NOTE: Final = (
    "This reads as a repair by deed (an offer, a lift, a meal, turning up) or thanks for one. "
    "Repair by deed counts, and it needs none of a spoken apology's parts. If you want words to go with "
    "it, a few are enough: what you will do and when, or \"I'd like us to be all right.\"")
# Said of taking up their apology or offer ("Apology accepted, but you're buying the biscuits for
# a month"): not a deed of the writer's (round sixteen).
ACCEPT_NOTE: Final = (
    "This reads as accepting their apology or their offer to make up. Taking it up is a repair "
    "of its own, and it needs none of an apology's parts.")
# The parts of a spoken repair: a message with none of them that offers or does something kind
# is a repair by deed (``DEED_NOTE``).
_SPOKEN: Final = ("ownership", "validation", "feeling")


def _accepts(turn: TurnAnalysis) -> bool:
    """Whether a rule reads ``turn`` as accepting an apology or an offer."""
    return any(e.label == "reconnect" and e.subtype == "acceptance" and e.source.startswith("rule:")
               for e in turn.evidence)


def _a_deed(turn: TurnAnalysis, components: Mapping[str, bool]) -> bool:
    """Whether ``turn`` repairs by deed: read as reconnecting (an offer, a kind act, thanks for
    one), with no rupture and none of a spoken repair's parts."""
    return ("reconnect" in turn.labels and not any(is_rupture(label) for label in turn.labels)
            and not any(components.get(name) for name in _SPOKEN))


LETTER_NOTE: Final = (
    "This reads as a letter that needs no answer, or one to someone who has died, so Mend "
    "doesn't ask it for a request.")
QUOTED_NOTE: Final = (
    "Mend set aside the quoted lines (those starting with \">\", and a \"... wrote:\" line "
    "above them): they are the words you are answering, not yours.")


def _notes(text: str, turn: TurnAnalysis, components: Mapping[str, bool], issues: list[Issue], *,
           acts: Sequence[TheirAct], limit_spans: Sequence[tuple[int, int]],
           overruled: set[str], gapped: bool = False) -> list[str]:
    """What is "not there yet" (not the parts the model alone sensed or a rule found where the
    model's reading overruled it; not ownership where the writer took on what the other person
    did; no request of a letter that needs no answer), or, for a limit set in a message that
    owns nothing, that nothing more is asked of it (a repair with a limit in it is a repair).
    A gap left unfilled (``gapped``: "I'm sorry I ...") is ownership missing, whatever read it."""
    if limit_spans and not components["ownership"]:
        return [LIMIT_NOTE]
    if _a_deed(turn, components):
        return [ACCEPT_NOTE if _accepts(turn) else DEED_NOTE]
    sensed = _sensed(components, turn.labels, {i.kind for i in issues})
    missing = [name for name, present in components.items()
               if not present and ((name not in sensed and name not in overruled)
                                   or (name == "ownership" and gapped))
               and name not in ("acknowledgement", "appreciation")
               and not (name == "ownership" and acts)]
    notes: list[str] = [GAP_NOTE] if gapped else []
    if needs_no_answer(text):
        notes.append(LETTER_NOTE)
        missing = [name for name in missing if name != "request"]
    return [MISSING_NOTE + ", ".join(missing) + ".", *notes] if missing else notes


def _overruled(turn: TurnAnalysis, before: Sequence[TurnAnalysis],
               unearned: Sequence[tuple[int, int]], acts: Sequence[TheirAct]) -> set[str]:
    """The components the rules alone find in ``turn`` that the model's reading overruled (in
    full mode a long letter's late sentences lie past what the model reads): not "missing"."""
    alone = analyze_turn(turn.index, turn.speaker, turn.text, before, start=turn.start)
    found = _components(alone, unearned, sentences_of(turn.text, acts))
    return {name for name, present in found.items() if present}


# Said of a draft that threatens the one who reads it: Mend offers no rewording of it.
THREAT_NOTE: Final = (
    "This reads as a threat, so Mend won't suggest a rewording of it: no wording makes a threat "
    "part of a repair. If you are this angry, step away for now and come back to it when you "
    "feel calmer.")
# The rules whose matches are threats (intimidation), not only hostility: "you'll regret it",
# "keep pushing me and see what happens", "don't push me", "or else".
_THREAT_RULES: Final = frozenset({"rule:confrontation/hostility-intimidation-29",
                                  "rule:confrontation/hostility-intimidation-30"})
_THREAT_WORDS_RULE: Final = "rule:confrontation/hostility-threat-23"
_THREAT_WORDS_RE: Final = re.compile(
    r"\bsee what happens\b|\bdon['\u2019]?t (?:push|test|try) (?:me|my patience)\b|\bor else\b",
    re.IGNORECASE)


def _threatens(turn: TurnAnalysis) -> bool:
    """Whether a rule reads a threat in ``turn``: a crisis sign of danger or harm to someone,
    or intimidation ("you'll regret this", "keep pushing me and see what happens")."""
    for e in turn.evidence:
        if not e.source.startswith("rule:"):
            continue
        if e.label == CRISIS and e.subtype in {"abuse_danger", "harm_to_others"}:
            return True
        if e.source in _THREAT_RULES or (e.source == _THREAT_WORDS_RULE
                                         and _THREAT_WORDS_RE.search(e.text)):
            return True
    return False


_UNSAFE: Final = ("This message mentions something that sounds unsafe. Repair can wait; "
                  "please reach out to someone now.")
# The model's guess with no sign to point at: said as a guess, so a person can tell a misreading
# ("My plan is to apologise tonight") from a warning, and still find help if it is right.
_UNSAFE_GUESS: Final = (
    "Mend's model read this message as a possible sign that someone may not be safe: it may be "
    "about suicide or self-harm, or about someone hurting you. No words in it match a sign Mend "
    "knows, so Mend cannot say which, and this may be a misreading on Mend's part. If you or "
    "someone else is not safe, please reach out to someone now; repair can wait.")


def _unread_note(text: str, context: Sequence[str]) -> str | None:
    """What to say when ``text``, or the message it answers, is not in English; else None."""
    if looks_unreadable(text):
        return CHECK_NOTE
    if context and looks_unreadable(context[-1]):
        return CHECK_CONTEXT_NOTE
    return None


def is_unread(result: CheckResult) -> bool:
    """Whether ``result`` is for a message Mend could not read (not in English): its score and
    checklist say little, and no issue found means nothing."""
    return CHECK_NOTE in result.notes


def _with_context_risk(result: CheckResult, answered: Safety,
                       context: Sequence[TurnAnalysis] = (), region: str = DEFAULT_REGION
                       ) -> CheckResult:
    """``result``, when the messages it answers (``context``) show crisis signs (``answered``):
    a reply to someone who may be unsafe, or who threatens harm, is not coached. A message
    received that threatens the person is named as a threat to them, with the lines for danger
    from someone else first."""
    if not answered.crisis:
        return result
    kinds = dict.fromkeys((*result.risk.kinds, *answered.kinds))
    received = [t.text for t in context if t.index in answered.turns and t.speaker == "them"]
    note = _context_note(tuple(kinds), received)
    risk = replace(answered, turns=(*answered.turns, *result.risk.turns), kinds=tuple(kinds),
                   in_context=True)
    if note == _UNSAFE_IN_CONTEXT and not result.risk.crisis:
        # Only the message answered shows the signs: Mend speaks to the writer as the one who
        # wants to help, not as the one at risk (round 16).
        risk = replace(risk, message=with_region_note(supporter_message(), region))
    if note == _THREAT_TO_YOU_IN_CONTEXT:
        help_for = ("abuse_danger", *answered.kinds) if answered.kinds else ("abuse_danger",
                                                                           "suicide")
        message = with_region_note(crisis_message(("abuse_danger", *answered.kinds)), region)
        risk = replace(risk, message=message,
                       resources=resources_for(region_or_default(region)[0], help_for,
                                               images=any(about_images(t) for t in received)))
    notes = result.notes if result.risk.crisis else tuple(n for n in result.notes
                                                          if n in (CHECK_NOTE, CHECK_CONTEXT_NOTE))
    return replace(result, risk=risk, issues=(), rewrite=None, notes=(note, *notes))


def _context_note(kinds: Sequence[str], received: Sequence[str]) -> str:
    """What to say of crisis signs of ``kinds`` in the messages answered (``received``, those
    from the other person that show them): a threat to the person, harm spoken of, or someone
    who may not be safe."""
    if not set(kinds) & {"suicide", "self_harm"} and threatens_you(received):
        return _THREAT_TO_YOU_IN_CONTEXT
    if set(kinds) & {"harm_to_others", "abuse_danger"}:
        return _THREAT_IN_CONTEXT
    return _UNSAFE_IN_CONTEXT


_UNSAFE_IN_CONTEXT: Final = (
    "The message you are answering suggests they may not be safe. Repair can wait. If they "
    "might be in danger right now, call your local emergency number; a crisis line can talk "
    "with you about how to help, and they can call one too.")
_THREAT_IN_CONTEXT: Final = (
    "The message you are answering speaks of harming someone. Your safety comes first, so Mend "
    "won't coach a reply to someone who may harm or control you. If anyone is in danger now, "
    "call your local emergency number.")
_THREAT_TO_YOU_IN_CONTEXT: Final = (
    "The message you are answering sounds like a threat to you. That is not your fault, and "
    "you don't owe it an apology or an answer. Your safety comes first, so Mend won't coach a "
    "reply to someone who may harm or control you. If you are in danger now, call your local "
    "emergency number.")


def sensed_components(result: CheckResult) -> list[str]:
    """The components with no phrase to point at whose label was still found (by the model, or
    by the person's own corrections): not present, and not missing either."""
    return _sensed(result.components, result.labels, {i.kind for i in result.issues})


def missing_components(result: CheckResult) -> list[str]:
    """What the terminal and the Check page list as missing: the core components the result's
    "Not there yet" note asks for (none of a limit or of what the model sensed, no request of a
    letter that needs no answer, no ownership of what the other person did), and the optional
    ones (acknowledgement, appreciation) not found, except in a limit."""
    if LIMIT_NOTE in result.notes or DEED_NOTE in result.notes or ACCEPT_NOTE in result.notes:
        return []  # a limit, a repair by deed or an apology taken up needs none of its parts
    asked: list[str] = []
    for note in result.notes:
        if note.startswith(MISSING_NOTE):
            asked = [name.strip() for name in note[len(MISSING_NOTE):].rstrip(".").split(",")]
    sensed = sensed_components(result)
    return [name for name, present in result.components.items()
            if name in asked or (name in ("acknowledgement", "appreciation")
                                 and not present and name not in sensed)]


def _sensed(components: Mapping[str, bool], labels: Sequence[str], kinds: set[str]
            ) -> list[str]:
    return [name for name, present in components.items()
            if not present and COMPONENT_WEIGHTS[name][0] in labels
            and not (name == "feeling" and kinds & _NOT_A_FEELING)]


def _components(turn: TurnAnalysis, unearned: Sequence[tuple[int, int]] = (),
                theirs: Sequence[tuple[int, int]] = ()) -> dict[str, bool]:
    """Which components a rule shows with a span. In a sentence strung from stock repair phrases
    with nothing said between them ("I'm sorry I understand I feel sad I need I will"), only the
    heaviest of its components counts: it is a formula, and must not out-rank a real apology.
    A plain "Could you ...?" ask counts as the request in a message that repairs around it
    (``_asks_in_a_repair``). Nothing counts on words that plead (``unearned``: "I'll change
    anything"), and no ownership in a sentence that takes on what the other person did
    (``theirs``: "I'm sorry I made you throw it")."""
    stuffed = stuffed_sentences(turn.text)
    rules = [e for e in turn.evidence if e.source.startswith("rule:")
             and not overlaps(e.start, e.end, unearned)
             and not (e.label == _OWNERSHIP and theirs and (
                 any(a <= e.start < b for a, b in theirs) or _BARE_SORRY_RE.fullmatch(e.text)))]
    said = {e.label for e in rules if not any(a <= e.start < b for a, b in stuffed)}
    formula = {e.label for e in rules} - said
    heaviest = [label for label, _ in sorted(COMPONENT_WEIGHTS.values(), key=lambda lw: -lw[1])
                if label in formula][:1]
    if any(label in said for label, _ in COMPONENT_WEIGHTS.values()):
        heaviest = []  # the message says something elsewhere: the formula adds nothing
    counted = said | set(heaviest)
    if _REQUEST not in counted and counted & _REPAIRS and _asks_in_a_repair(turn, stuffed):
        counted.add(_REQUEST)
    if _APPRECIATION not in counted and _praises(turn):
        counted.add(_APPRECIATION)
    return {name: label in counted for name, (label, _) in COMPONENT_WEIGHTS.items()}


_REQUEST: Final = COMPONENT_WEIGHTS["request"][0]
_OWNERSHIP: Final = COMPONENT_WEIGHTS["ownership"][0]
_APPRECIATION: Final = COMPONENT_WEIGHTS["appreciation"][0]
# "I'm so proud of you", "So proud of you!!": appreciation said to them (round sixteen). The rules
# leave pride with no rupture or repair before it unlabelled, as the corpus does (praise is not
# re-engagement), but in a message it is what the critic counts as appreciation. Not a pride that
# stings ("proud of you for finally turning up").
_PRAISE_RE: Final = re.compile(
    r"(?:\b(?:i['\u2019]?m|im|i am|i(?:['\u2019]m| am) just)\s+|(?:^|[.!?,]\s*))(?:(?:so|really|very"
    r"|super|incredibly|genuinely|honestly|sooo+)\s+)*proud of (?:you|u|ya)\b"
    r"(?![^.!?\n]*\b(?:finally|for once|at last|for a change)\b)", re.IGNORECASE)


def _praises(turn: TurnAnalysis) -> bool:
    """Whether ``turn`` tells them the writer is proud of them, outside any rupture a rule
    found."""
    ruptures = [(e.start, e.end) for e in turn.evidence if is_rupture(e.label)]
    return any(not overlaps(m.start(), m.end(), ruptures) for m in _PRAISE_RE.finditer(turn.text))


# "I'm sorry." and nothing more: in a message that takes on what the other person did, it is an
# apology for that, and owns nothing of the writer's own.
_BARE_SORRY_RE: Final = re.compile(
    r"\s*(?:i['\u2019]?m |im |i am )?(?:(?:so|really|truly|very) )*(?:sorry|soz|sry)[.!\s]*",
    re.IGNORECASE)
# What makes a message a repair that an ask can answer (as the request rules' context does for
# the turns before: an everyday "can you ..." is repair when it answers a rupture or a repair).
_REPAIRS: Final = frozenset(COMPONENT_WEIGHTS[name][0] for name in
                            ("ownership", "validation", "feeling", "acknowledgement"))
# "Could you help more with the dishes?", "Can you put your phone away at dinner?": a question
# that asks them to do something. Not "how could you ...", "can you believe ...", "could you
# not ...", "for once", task talk ("could you pass the file?") or asking what happened ("can you
# tell me what ...", the acknowledgement's invitation).
_ASK_RE: Final = re.compile(
    r"(?<!\w)(?:could|can|would|will) (?:you|u) (?:please |pls |maybe |possibly |just |also "
    r"|try to |at least )?(?!(?:believe|imagine|even|ever|not|seriously|honestly|really|be any"
    r"|pass|send|forward|grab|pick (?:up|me up)|open|close|print|hand|hear|see|tell me (?:what"
    r"|why|how|where|when|who|which|if|whether|more|about)|explain|say that|repeat)\b)"
    r"[a-z]+\b[^.?!\n]*\?", re.IGNORECASE)
_NOT_AN_ASK_RE: Final = re.compile(
    r"(?:\b(?:what|how|why|where|who|when|which|if|whether|wonder)\s+)\Z", re.IGNORECASE)
_DEMAND_RE: Final = re.compile(
    r"\b(?:for once|how many times|or else|for (?:god|fuck|christ)['\u2019]?s sake|ffs"
    r"|leave me alone|shut up|get over|grow up|calm down|stop being)\b", re.IGNORECASE)


def _asks_in_a_repair(turn: TurnAnalysis, stuffed: Sequence[tuple[int, int]]) -> bool:
    """Whether ``turn`` asks them to do something, in a "could you ...?" question that no rule
    reads as anything (a rupture, or another part of a repair) and that is no demand, no
    rhetorical question and no formula (``stuffed``)."""
    text = turn.text
    for m in _ASK_RE.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        if _NOT_AN_ASK_RE.search(before) or _DEMAND_RE.search(m.group()):
            continue
        if any(a <= m.start() < b for a, b in stuffed):
            continue
        if any(e.start < m.end() and m.start() < e.end for e in turn.evidence
               if e.source.startswith("rule:")):
            continue
        return True
    return False


# Warmth and laughter in a message ("I love you", "xx", a heart, "lol", a laughing face): what
# makes hostility or a character jab more likely teasing. Not a love that is denied or past ("I
# don't love you"), and not with a face that rolls its eyes (that is contempt's own).
_AFFECTION_RE: Final = re.compile(
    r"(?<!n't )(?<!not )(?<!never )(?<!used to )(?<!nt )\b(?:love (?:you|u|ya)|luv (?:you|u|ya)"
    r"|ily|ilysm|xo+xo+|that['\u2019]?s why i (?:married|love|chose|picked) (?:you|u))\b"
    r"|(?<![a-z])x{2,}(?![a-z])|\b(?:have|give me|give you|want|need) a (?:big )?hug\b|\bhugs\b"
    "|[\u2764\u2665\U0001f495\U0001f496\U0001f497\U0001f493\U0001f49e\U0001f498\U0001f618"
    "\U0001f970\U0001f60d\U0001f917\U0001f49c\U0001f499\U0001f49a\U0001f9e1\U0001f49b"
    "\U0001f90d]", re.IGNORECASE)
_LAUGHTER_RE: Final = re.compile(
    r"\b(?:lo+l|lmf?ao+|rofl|ha(?:ha)+h?|he(?:he)+|jk|just kidding|only kidding)\b"
    "|[\U0001f602\U0001f923\U0001f61c\U0001f61d\U0001f61b\U0001f609\U0001f606]",
    re.IGNORECASE)
_SCORN_FACE_RE: Final = re.compile("[\U0001f644\U0001f612\U0001f643\U0001f921]")
# An eye-roll with a laugh or a heart straight after it ("late to her own birthday \U0001f644\u2764\ufe0f",
# "Nice parking, Lewis Hamilton \U0001f644\U0001f602"): mock exasperation, the face itself a tease.
_PLAYFUL_FACE_RE: Final = re.compile(
    "[\U0001f644\U0001f612\U0001f643][\ufe0f\U0001f3fb-\U0001f3ff]*\\s*"
    "[\U0001f602\U0001f923\U0001f606\U0001f61c\U0001f61d\U0001f61b\u2764\u2665\U0001f495\U0001f496"
    "\U0001f497\U0001f49e\U0001f618\U0001f970\U0001f60d\U0001f917\U0001f49c\U0001f499\U0001f49a"
    "\U0001f9e1\U0001f49b\U0001f90d]")
# Words that keep a jab cruel whatever face comes with it (as the rules' own banter list has them).
_CRUEL_RE: Final = re.compile(
    r"\b(?:pathetic|loser|disgusting|worthless|useless|waste of (?:space|oxygen|skin)|disgrace"
    r"|embarrassment|fuck\w*|bitch\w*|selfish|lazy|liar|ugly|fat|stupid|hate (?:you|u)"
    r"|(?:nobody|no one) (?:likes|loves|wants|cares))\b", re.IGNORECASE)
# Rules whose finding is never called teasing, whatever laugh or heart comes with it: telling
# someone to kill themselves or die ("kys lol", "kys bestie \u2764\ufe0f") gets the firm words.
_NEVER_TEASING_RULES: Final = frozenset({"rule:confrontation/hostility-kys-26"})


def _as_teasing(text: str, issues: list[Issue], turn: TurnAnalysis | None = None
                ) -> list[Issue]:
    """``issues`` with hostility and character criticism explained as possible teasing when
    ``text`` carries warmth or a laugh (and contempt, when it carries warmth: a laugh alone is
    how mockery often sounds). Still flagged, and still costing the score. An eye-roll is
    teasing only with a laugh or a heart straight after it (``_playful_faces``). Not when
    ``turn`` tells someone to kill themselves (``_NEVER_TEASING_RULES``): no part of it is
    teasing."""
    playful = _playful_faces(text)
    if _SCORN_FACE_RE.search(text) and not playful:
        return issues
    if turn is not None and any(e.source in _NEVER_TEASING_RULES for e in turn.evidence):
        return issues
    warm = _AFFECTION_RE.search(text) is not None or playful
    if not (warm or _LAUGHTER_RE.search(text)):
        return issues
    if not warm and any(i.kind == "contempt" for i in issues):
        return issues  # "lol you're pathetic": laughing at them is the contempt, said plainly
    softened = {"hostility", "criticism", *(("contempt",) if warm else ())}
    message, suggestion = _TEASING
    return [replace(i, message=message, suggestion=suggestion) if i.kind in softened else i
            for i in issues]


def _playful_faces(text: str) -> bool:
    """Whether every eye-roll in ``text`` comes with a laugh or a heart straight after it, with
    no cruel word beside it (round sixteen): the eye-roll of a tease, not of scorn."""
    faces = len(_SCORN_FACE_RE.findall(text))
    return bool(faces) and len(_PLAYFUL_FACE_RE.findall(text)) == faces \
        and _CRUEL_RE.search(text) is None


# A fresh check of a rewrite: the kinds that must not come back, whatever the draft had. A fair
# complaint ("when you left the party") may stay.
_MUST_NOT_RETURN: Final = frozenset({
    "contempt", "hostility", "criticism", "always_never", "non_apology", "sorry_but",
    "defensiveness", "minimizing", "dismissing", "condescension", "pressure", "blaming_feeling",
    "withdrawal", "rejection"})
# What a rewrite must not say though the rules may not flag it: the passive "sorry you were
# embarrassed" (clinical reference, section 5) and a brush-off ("Do what you want").
_PASSIVE_SORRY_RE: Final = re.compile(
    r"\b(?:sorry|apologi[sz]e)\s+(?:that\s+)?(?:you|u)(?:['\u2019]re|\s+(?:were|are|got|feel|felt"
    r"|took|take|thought|think))\b", re.IGNORECASE)
_BRUSH_OFF_RE: Final = re.compile(
    r"\b(?:do|say|think) (?:what|whatever) you (?:want|like)\b|\bsuit yourself\b"
    r"|\bi (?:don['\u2019]?t|do not) care\b|\bwho cares\b", re.IGNORECASE)


def _still_flagged(rewrite: str, kinds: set[str]) -> bool:
    """Whether a fresh check of ``rewrite`` (rules alone) still finds an issue of one of the
    draft's ``kinds`` other than a fair complaint, one that must go from any rewrite, words
    that blame or brush off that the rules may miss ("you never", "sorry you were"), or, for too
    much apology, a put-down or a sentence said twice."""
    if _PASSIVE_SORRY_RE.search(rewrite) or _BRUSH_OFF_RE.search(rewrite):
        return True
    if "over_apology" in kinds and leaves_too_much(rewrite):
        return True  # one put-down or repeat is not flagged afresh, but is still too much
    if any(not VALIDATING_NEVER_RE.match(rewrite, m.end())
           and not own_past_words(rewrite, m.start()) for m in YOU_ALWAYS_RE.finditer(rewrite)):
        return True
    # The rules alone on the rewrite as a message of its own: the turn that
    # ``analyze_with_probabilities(..., mode="rules")`` gives, without the language check,
    # episodes and safety summary of a whole analysis that this reads nothing of.
    turn = Conversation.from_turns([("me", rewrite)], id="check").turns[-1]
    _, _, held = find_issues(analyze_turn(turn.index, turn.speaker, turn.text, start=turn.start),
                             _MESSAGES)
    _, _, held = beside_limits([], [], held, limits(rewrite))
    again = {i.kind for i in held}
    return bool(again & _MUST_NOT_RETURN or (again & kinds) - {"complaint"})


# The kinds of a draft whose rewrite full mode also reads with the model: what is left of a dig
# may still be one, in words no rule names ("Here comes the genius. Careful everyone, he might
# explain it to us again."), round sixteen.
_CONFRONTING: Final = frozenset({"contempt", "hostility", "criticism", "always_never"})


def _model_confronts(rewrite: str, context: Sequence[str],
                     personal: PersonalHeads | None) -> bool:
    """Whether full mode reads ``rewrite``, as an answer to ``context``, as confrontation."""
    n = len(context)
    speakers = ["them" if (n - i) % 2 else "me" for i in range(n)]
    conversation = Conversation.from_turns(
        [*zip(speakers, context, strict=True), ("me", rewrite)], id="check")
    analysis, _ = analyze_with_probabilities(conversation, mode="full", personal=personal)
    return "rupture.confrontation" in analysis.turns[-1].labels


def _model_term(probabilities: Mapping[str, float]) -> float:
    """Full mode's soft part of the score: the model's reading of the whole message, a little up
    for the parts of a repair (weighted as the components) and down for its strongest rupture."""
    repair = sum(weight * probabilities.get(label, 0.0)
                 for label, weight in COMPONENT_WEIGHTS.values())
    rupture = max((p for label, p in probabilities.items() if is_rupture(label)), default=0.0)
    return MODEL_REPAIR_WEIGHT * repair - MODEL_RUPTURE_WEIGHT * rupture


def _explained(issue: Issue, explanation: str) -> Issue:
    """``issue`` with the message and suggestion of ``explanation`` (a key of ``_MESSAGES``)."""
    message, suggestion = _MESSAGES[explanation]
    return replace(issue, message=message, suggestion=suggestion)
