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
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from mendkit.analysis.pipeline import Mode, analyze_with_probabilities
from mendkit.analysis.safety import DEFAULT_REGION, assess
from mendkit.analysis.text import Sentences, normalise
from mendkit.labels import is_rupture
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
    "excuse": 0.1, "vague_apology": 0.1, "over_apology": 0.1,
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
    "non_apology": (
        "This apologises for their feelings or for an \"if\", not for what you did, so it "
        "usually lands as blame.",
        "Own the action: \"I'm sorry I ...\" or \"I'm sorry my comment came across that way.\"",
    ),
    # The same kind, for the non-apologies that name no feeling and no "if" (see _explained_as).
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
}

# "Feelings" that describe what someone did to us, with the feeling and need they often cover.
# Mend's own list (after the NVC idea that such words need someone else's action to make sense).
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
}


def issue_name(kind: str) -> str:
    """``sorry_but`` -> ``Sorry, but``: what an issue is called (a new kind gets its code name
    in words)."""
    return ISSUE_NAMES.get(kind) or kind.replace("_", " ").capitalize()


def suggestion_line(text: str) -> str:
    """A suggestion after "Try:", unless it already starts with "Try" ("Try: Try the ...")."""
    return text if text.lower().startswith("try ") else f"Try: {text}"


BLAMING_FEELINGS: Final[dict[str, tuple[str, str]]] = {
    "ignored": ("lonely", "to know I matter to you"),
    "disrespected": ("hurt", "to be treated with care"),
    "manipulated": ("uneasy", "to trust that you're being straight with me"),
    "abandoned": ("scared and alone", "to know you'll be there"),
    "attacked": ("shaken", "to feel safe when we disagree"),
    "betrayed": ("deeply hurt", "to be able to trust you"),
    "criticized": ("discouraged", "to hear what's working too"),
    "criticised": ("discouraged", "to hear what's working too"),
    "judged": ("exposed", "to be understood"),
    "neglected": ("sad", "care and attention"),
    "rejected": ("hurt", "to feel wanted"),
    "unappreciated": ("deflated", "to know my effort is seen"),
    "unheard": ("frustrated", "to feel heard"),
    "unseen": ("lonely", "to be seen"),
    "invisible": ("lonely", "to be seen"),
    "belittled": ("small", "respect"),
    "patronised": ("frustrated", "to be treated as an equal"),
    "patronized": ("frustrated", "to be treated as an equal"),
    "controlled": ("boxed in", "some choice of my own"),
    "pressured": ("tense", "room to decide"),
    "used": ("hurt", "things to feel fair between us"),
    "dismissed": ("hurt", "to have my view taken seriously"),
    "invalidated": ("hurt", "to have my feelings taken seriously"),
    "blamed": ("defensive and hurt", "to work this out together"),
    "misunderstood": ("frustrated", "to be understood"),
    "let down": ("disappointed", "to be able to rely on you"),
    "taken for granted": ("unvalued", "to know my effort is seen"),
    "left out": ("sad", "to belong"),
    "interrupted": ("frustrated", "to finish my thought"),
    "humiliated": ("ashamed", "respect, especially in front of others"),
}
# "I feel used to it" is being accustomed, not the blaming "used".
_NOT_THE_FEELING: Final = {"used": r"(?!\s+to\b)"}
_BLAMING_WORD: Final = (
    r"(?:really |so |very |completely |totally )?(?:"
    + "|".join(re.escape(w) + _NOT_THE_FEELING.get(w, "")
               for w in sorted(BLAMING_FEELINGS, key=len, reverse=True)) + ")")
# "I feel ignored", "I felt so let down", "I feel abandoned and betrayed": the verb, then one or
# more such words (each rewritten, in the draft's own tense).
_BLAMING_RE: Final = re.compile(
    r"\bi (?P<verb>feel|felt|am feeling|was feeling|'ve felt|have felt)\s+"
    rf"(?P<words>{_BLAMING_WORD}(?:(?:,\s*|\s+)(?:and\s+)?{_BLAMING_WORD})*)\b",
    re.IGNORECASE,
)
# Who or what did it, after the word: "ignored by you", "left out of your life". It goes with the
# word (the feeling beneath needs no one to do it): a plain "by you (guys)" / "by my sister" alone
# when a new clause or a time or place follows ("at parties" stays), else the whole phrase up to
# the end of its clause ("by you into saying yes"). A longer phrase is not cut safely, and no
# rewrite is offered; nor for "by your mother": the message is to "you", and "I feel lonely" alone
# would put on the reader what someone of theirs did.
_AGENT_RE: Final = re.compile(
    r"\s+(?!by\s+your\b)(?:by\s+(?:you(?:\s+(?:guys|all|both|two|lot|people))?|u|y'?all|him|her"
    r"|them|everyone|everybody|people|(?:my|his|her|their|our|the)\s+[\w']+)"
    r"(?=\s*(?:[,;:.!?\n\u2026]|\Z)|\s+(?:when|whenever|because|if|since|while|but|so|every time"
    r"|each time|and (?:i|it|that|then|now|we|this)|at|in|on|during|around|lately|recently"
    r"|sometimes|often|again|today|tonight|these days|all the time)\b)"
    r"|(?:by|of)\b[^,;:.!?\n\u2026]{0,40}?(?=\s*(?:[,;:.!?\n\u2026]|\Z)|\s+(?:when|whenever"
    r"|because|if|since|while|but|so|every time|each time|and (?:i|it|that|then|now|we|this))\b))",
    re.IGNORECASE)
_AGENT_START_RE: Final = re.compile(r"\s+(?:by|of)\b", re.IGNORECASE)
_PAST_FEELING: Final = frozenset({"felt", "was feeling", "'ve felt", "have felt"})
_ADVERB_RE: Final = re.compile(r"^(?:really|so|very|completely|totally)\s+", re.IGNORECASE)
_LIST_SEPARATOR_RE: Final = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
# Someone else's words, reported or quoted ("She said I feel ignored"): not the writer's feeling.
_REPORTED_RE: Final = re.compile(
    r"\b(?:said|says|say|told (?:me|him|her|them|us)|tells (?:me|him|her|them|us)|wrote|writes"
    r"|claim(?:s|ed)?|think(?:s)?|thought|ask(?:s|ed)?|text(?:s|ed)|repl(?:y|ies|ied)|goes|went"
    r"|shout(?:s|ed)|yell(?:s|ed))\b[\s,:]*(?:that\s+)?[\"\u201c']?\s*$",
    re.IGNORECASE)
_REPORTED_REACH: Final = 80  # how far back "she said" can lead into the words it reports
# A sentence with "always" or "never" in it (or the like): what the always_never issue says.
_ALWAYS_NEVER_RE: Final = re.compile(r"\b(?:always|never|ever|constantly|forever|keep)\b",
                                     re.IGNORECASE)
# What is left of a sarcastic message once its contempt goes: "Thanks a lot." on its own.
_SARCASTIC_RE: Final = re.compile(
    r"^\s*(?:oh,? )?(?:thanks|thank you|cheers|great|well done|nice one|good job|brilliant|"
    r"perfect|wonderful|lovely|real mature|very mature|wow)(?: (?:a lot|so much|very much|"
    r"again|then))?[\s.!?]*$", re.IGNORECASE)
# A clause that a criticism or an "always/never" can be cut from, with what leads into it.
_CLAUSE_LEAD_RE: Final = re.compile(r",?\s+(?:and|but|because|so)\s+\Z", re.IGNORECASE)
# Issues a rewrite must leave nothing of: offered only when every one of them is fixed.
_MUST_GO: Final = frozenset({"contempt", "hostility", "criticism", "always_never",
                             "non_apology", "sorry_but", "defensiveness", "minimizing",
                             "dismissing", "condescension", "blaming_feeling", "withdrawal"})
# A complaint that is also one of these is explained once, as the harsher.
_HARSHER_THAN_COMPLAINT: Final = frozenset({"criticism", "always_never", "contempt",
                                           "hostility"})
# "You always interrupt me": a complaint the rules name, with the "always" that makes it a verdict.
_YOU_ALWAYS_RE: Final = re.compile(
    r"\b(?:you|u)\b(?:'re| are| were|'ve| have| just)? (?:always|never|constantly|forever)\b",
    re.IGNORECASE)
# Non-apologies that point back to an earlier one ("I said sorry", "how many times do I have to
# apologise"), and those with a feeling or an "if" in them ("sorry you feel", "sorry if").
_ALREADY_SORRY_RE: Final = re.compile(
    r"\b(?:said sorry|apologi[sz]ed|how many times)\b", re.IGNORECASE)
_THEIR_FEELINGS_RE: Final = re.compile(
    r"\b(?:if|feel|felt|feelings?|took|take|heard|read|saw|see|think|offended|upset|"
    r"inconvenience|confusion|misunderstanding|offen[cs]e|hurt|distress|frustration)\b",
    re.IGNORECASE)
_THOUGHT_RE: Final = re.compile(
    r"\bi (?:just |really |kind of |kinda |sort of |honestly |still |sometimes )?(?:feel|felt) "
    r"(?:like|that) (?:you|u|they|he|she)\b", re.IGNORECASE)
_BUT_RE: Final = re.compile(r",?\s*\bbut\b", re.IGNORECASE)
# An eye-roll (or its like) that ends contempt's evidence: the face is the contempt, so the fix
# takes the face out and leaves the words ("I'm sorry I forgot your birthday \U0001f644").
_FACE_AT_END_RE: Final = re.compile(
    "\\s*(?P<face>[\U0001f644\U0001f612\U0001f921\U0001f643][\ufe0f\U0001f3fb-\U0001f3ff]*)$")
_APOLOGY_RE: Final = re.compile(r"\b(?:sorry|soz|sry|apologi[sz]e\w*|apologies)\b", re.IGNORECASE)
# Excuses inside an apology: being busy, tired or swamped; a phone that "was weird". Not when the
# writer says it is no excuse.
_EXCUSE_RE: Final = re.compile(
    r"\b(?:i'?ve been|i was|i'?m|im|i am|i had been|been|i've just been) (?:so |really |just |super "
    r"|literally |completely |totally |absolutely |very |crazy |insanely )*(?:busy|swamped|slammed|"
    r"stressed(?: out)?|exhausted|wrecked|knackered|shattered|tired|run off my feet|on nights|"
    r"overwhelmed|snowed under|flat out|under (?:a lot of|so much|loads of) pressure)\b"
    r"|\b(?:work|things|life|the week|this week|this term|it|the job|my schedule)(?:'s| has| have) "
    r"been (?:a )?(?:so |really |very |just |absolutely |completely |totally |crazy |mad )*"
    r"(?:non-?stop|crazy|mad|hectic|manic|insane|a lot|full on|busy|chaotic|mental)\b"
    r"|\bmy phone (?:has been|was|is|'s been) (?:\w+ )?(?:weird|broken|dead|playing up|acting up|"
    r"glitching)\b",
    re.IGNORECASE,
)
_NO_EXCUSE_RE: Final = re.compile(r"\b(?:no|not an|isn'?t an|is not an|not any) excuse\b",
                                  re.IGNORECASE)
# An apology for something unnamed ("sorry for everything", "sorry about yesterday", "sorry for how
# things went at the meeting"), counted only when nothing in the message owns a specific act.
_VAGUE_RE: Final = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)(?: again)? (?:for|about) (?:everything|it all|all (?:of )?"
    r"(?:this|that)|all that|what happened|how (?:things|it|everything) (?:went|turned out|ended up)|"
    r"(?:the other day|yesterday|earlier|last night|today|this morning|before|lately|recently|"
    r"the other night|that|this|the situation|the mess|the confusion|any (?:confusion|upset|"
    r"inconvenience)))(?: lately| recently)?"
    r"(?:\s+(?:at|in|on|during|from) (?:(?!when\b|i\b|that\b)[\w']+ ){0,3}(?!when\b|i\b)[\w']+)?"
    r"(?=\s*(?:[.!,;:)]|$|\s+(?:and|i|it|babe|love|mate|hun|x+)\b))",
    re.IGNORECASE,
)
# Owning nothing in particular: "I should have handled it better".
_VAGUE_OWNING_RE: Final = re.compile(
    r"\bshould(?: have|'ve) handled (?:it|that|this|things|everything|the situation) "
    r"(?:better|differently)\b", re.IGNORECASE)
OVER_APOLOGY: Final = 4  # this many "sorry"s or more in one message
MISSING_NOTE: Final = "Not there yet: "  # how the note on missing core components begins
# Issues that say a phrase is no feeling at all: the model's sense of one does not stand.
_NOT_A_FEELING: Final = frozenset({"thought_as_feeling", "blaming_feeling"})


@dataclass(frozen=True, slots=True)
class _Fix:
    start: int
    end: int
    replacement: str
    complaint: bool = False  # the cut takes out a whole sentence of complaint


def critique(
    text: str,
    *,
    region: str = DEFAULT_REGION,
    context: Sequence[str] = (),
    mode: Mode = "full",
    personal: PersonalHeads | None = None,
) -> CheckResult:
    """Score ``text`` as a repair message (see the module docstring)."""
    n = len(context)
    speakers = ["them" if (n - i) % 2 else "me" for i in range(n)]
    conversation = Conversation.from_turns([*zip(speakers, context, strict=True), ("me", text)],
                                           id="check")
    analysis, probabilities = analyze_with_probabilities(conversation, mode=mode,
                                                         personal=personal)
    turn = analysis.turns[-1]
    risk = assess([turn], region)
    issues, fixes = _issues(turn)
    # A component counts when a rule shows it with a span the person can see; the model's
    # whole-turn guesses inform the labels and risk, not the score a draft is ranked by.
    evidenced = {e.label for e in turn.evidence if e.source.startswith("rule:")}
    components = {name: label in evidenced for name, (label, _) in COMPONENT_WEIGHTS.items()}
    quality = BASE + sum(w for name, (_, w) in COMPONENT_WEIGHTS.items() if components[name])
    quality -= sum(PENALTIES.get(kind, 0.1) for kind in {i.kind for i in issues})
    if probabilities:
        quality += _model_term(probabilities[-1])
    notes: list[str] = []
    sensed = _sensed(components, turn.labels, {i.kind for i in issues})
    missing = [name for name, present in components.items()
               if not present and name not in sensed
               and name not in ("acknowledgement", "appreciation")]
    if missing:
        notes.append(MISSING_NOTE + ", ".join(missing) + ".")
    rewrite, fixed = _rewrite(text, fixes)
    if rewrite is not None and _keeps_what_was_flagged(text, rewrite, issues, fixed):
        rewrite = None  # a "better" message that keeps what was flagged is no better
    if rewrite is not None and _bare(rewrite) and _drops_a_sentence(text, fixes, fixed):
        rewrite = None  # the cuts left nothing of what the message is about
    if rewrite is not None and _drops_the_complaint(turn, fixes, fixed):
        rewrite = None  # "Hey" alone, with what they wanted to say cut out
    if risk.crisis:
        # Safety first: repair coaching stops when someone may be unsafe.
        issues, rewrite = [], None
        notes = ["This message mentions something that sounds unsafe. Repair can wait; "
                 "please reach out to someone now."]
    result = CheckResult(
        text=text,
        labels=turn.labels,
        scores=turn.scores,
        evidence=turn.evidence,
        repair_quality=min(1.0, max(0.0, quality)),
        components=components,
        issues=tuple(sorted(issues, key=lambda i: (i.start, i.kind))),
        risk=risk,
        rewrite=rewrite,
        notes=tuple(notes),
    )
    # The messages being answered were analysed with the draft: their crisis signs count too.
    return _with_context_risk(result, assess(analysis.turns[:-1], region))


def _with_context_risk(result: CheckResult, answered: Safety) -> CheckResult:
    """``result``, when the messages it answers show crisis signs (``answered``): a reply to
    someone who may be unsafe, or who threatens harm, is not coached."""
    if not answered.crisis:
        return result
    kinds = dict.fromkeys((*result.risk.kinds, *answered.kinds))
    note = (_THREAT_IN_CONTEXT if kinds.keys() & {"harm_to_others", "abuse_danger"}
            else _UNSAFE_IN_CONTEXT)
    risk = replace(answered, turns=(*answered.turns, *result.risk.turns), kinds=tuple(kinds),
                   in_context=True)
    notes = result.notes if result.risk.crisis else ()
    return replace(result, risk=risk, issues=(), rewrite=None, notes=(note, *notes))


_UNSAFE_IN_CONTEXT: Final = (
    "The message you are answering suggests they may not be safe. Repair can wait. If they "
    "might be in danger right now, call your local emergency number; a crisis line can talk "
    "with you about how to help, and they can call one too.")
_THREAT_IN_CONTEXT: Final = (
    "The message you are answering speaks of harming someone. Your safety comes first, so Mend "
    "won't coach a reply to someone who may harm or control you. If anyone is in danger now, "
    "call your local emergency number.")


def sensed_components(result: CheckResult) -> list[str]:
    """The components with no phrase to point at whose label was still found (by the model, or
    by the person's own corrections): not present, and not missing either."""
    return _sensed(result.components, result.labels, {i.kind for i in result.issues})


def _sensed(components: Mapping[str, bool], labels: Sequence[str], kinds: set[str]
            ) -> list[str]:
    return [name for name, present in components.items()
            if not present and COMPONENT_WEIGHTS[name][0] in labels
            and not (name == "feeling" and kinds & _NOT_A_FEELING)]


def _model_term(probabilities: Mapping[str, float]) -> float:
    """Full mode's soft part of the score: the model's reading of the whole message, a little up
    for the parts of a repair (weighted as the components) and down for its strongest rupture."""
    repair = sum(weight * probabilities.get(label, 0.0)
                 for label, weight in COMPONENT_WEIGHTS.values())
    rupture = max((p for label, p in probabilities.items() if is_rupture(label)), default=0.0)
    return MODEL_REPAIR_WEIGHT * repair - MODEL_RUPTURE_WEIGHT * rupture


def _issues(turn: TurnAnalysis) -> tuple[list[Issue], list[_Fix]]:
    text = turn.text
    # Sentence bounds and quotation marks found once: asking for them afresh at every match made
    # a long message with many matches quadratic.
    sentences = Sentences(text)
    quotes = [i for i, c in enumerate(text) if c in "\"\u201c"]
    issues: list[Issue] = []
    fixes: list[_Fix] = []
    unbutted: list[tuple[int, int]] = []  # the "but ..." after a non-apology
    for ev in turn.evidence:
        kind = _issue_kind(ev.label, ev.subtype, ev.source, ev.text)
        if kind is None:
            continue
        message, suggestion = _MESSAGES[_explained_as(kind, ev.text)]
        start, end = ev.start, ev.end
        if kind == "sorry_but":
            but = _BUT_RE.search(text, ev.start, ev.end + 1)
            s_start, s_end = sentences.bounds(ev.start)
            if but:  # the issue is the "but" on (the fix also takes the comma before it)
                start, end = but.end() - len("but"), s_end
                kept = text[s_start:but.start()].strip().rstrip(" ,")
                example = _example_before_but(turn, kept, s_start, but.start())
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(_Fix(but.start(), _sentence_stop(text, s_end), "."))
        elif kind == "contempt" and (face := _FACE_AT_END_RE.search(ev.text)):
            start = ev.start + face.start("face")
            fixes.append(_Fix(ev.start + face.start(), ev.end, ""))
        elif kind in ("contempt", "hostility"):
            # The sentence its marker ends in: an eye-roll after "... tonight? \U0001f644" is
            # its own, and the apology that the rule's reach ran back over stays.
            s_start, s_end = sentences.bounds(max(ev.start, ev.end - 1))
            if s_start > start:
                start = s_start + len(text[s_start:end]) - len(text[s_start:end].lstrip())
            fixes.append(_Fix(s_start, s_end, ""))
            if kind == "contempt":  # "Thanks a lot." alone is the sarcasm still
                fixes.extend(_Fix(a, b, "") for a, b in _sentences(text)
                             if _SARCASTIC_RE.match(text[a:b]))
        elif kind in ("criticism", "always_never"):
            fixes.extend(_cut_criticism(sentences, ev.start))
        elif kind == "non_apology":
            fix = _owning_apology(text, ev.start, ev.end)
            clause_end = _CLAUSE_END_RE.search(text, ev.end)
            but = _NEXT_BUT_RE.match(text, clause_end.start()) if clause_end else None
            if but is not None:  # "..., but I did nothing wrong": the "but" takes it back too
                b_end = len(text[:sentences.bounds(but.start("but"))[1]].rstrip())
                unbutted.append((but.start("but"), b_end))
                fix = _Fix(fix.start, _sentence_stop(text, b_end), _OWNING_APOLOGY)
            fixes.append(fix)
        elif kind == "withdrawal":
            fixes.extend(_cut_withdrawal(sentences, ev.start, ev.end))
        issues.append(Issue(kind=kind, start=start, end=end, message=message,
                            suggestion=suggestion))
    if not any(i.kind == "sorry_but" for i in issues):
        for b_start, b_end in unbutted:
            message, suggestion = _MESSAGES["sorry_but"]
            issues.append(Issue(kind="sorry_but", start=b_start, end=b_end, message=message,
                                suggestion=suggestion))
    for m in _BLAMING_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        words = list(dict.fromkeys(_ADVERB_RE.sub("", w).lower()
                                   for w in _LIST_SEPARATOR_RE.split(m.group("words"))))
        # "scared and alone" and "hurt" list as "hurt, scared and alone", not "hurt and scared and
        # alone": each feeling word once.
        feelings = _listed(list(dict.fromkeys(
            part for w in words for part in BLAMING_FEELINGS[w][0].split(" and "))))
        needs = _listed(list(dict.fromkeys(BLAMING_FEELINGS[w][1] for w in words)))
        verb = "felt" if m.group("verb").lower() in _PAST_FEELING else "feel"
        quoted = _listed([f"\"{w}\"" for w in words])
        # The renderers put "Try:" before a suggestion: it must not start with "Try" itself.
        says, it, beneath = ("says", "it", "the feeling and need beneath it") if len(words) == 1 \
            else ("say", "they", "the feelings and needs beneath them")
        issues.append(Issue(
            kind="blaming_feeling", start=m.start(), end=m.end(),
            message=f"{quoted} {says} what they did more than what you feel, so {it} can land as "
                    "an accusation.",
            suggestion=f"Name {beneath}: \"I {verb} {feelings}, and I need {needs}.\"",
        ))
        # The draft's own words up to the feeling stay ("I feel so ..."): its tense too. Who did
        # it goes with the word ("ignored by you"); too long a phrase to cut leaves no fix.
        adverb = _ADVERB_RE.match(m.group("words"))
        end = m.end()
        if (agent := _AGENT_RE.match(text, end)) is not None:
            end = agent.end()
        elif _AGENT_START_RE.match(text, end):
            continue
        fixes.append(_Fix(m.start("words") + (adverb.end() if adverb else 0), end, feelings))
    for m in _THOUGHT_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        message, suggestion = _MESSAGES["thought_as_feeling"]
        issues.append(Issue(kind="thought_as_feeling", start=m.start(), end=m.end(),
                            message=message, suggestion=suggestion))
    issues.extend(_apology_issues(turn))
    return _one_reading(_dedupe(issues)), fixes


def _one_reading(issues: list[Issue]) -> list[Issue]:
    """One explanation per phrase: a complaint called "fair" is not also a criticism or an
    "always/never" (the harsher reading stands)."""
    harsher = [(i.start, i.end) for i in issues if i.kind in _HARSHER_THAN_COMPLAINT]
    return [i for i in issues if i.kind != "complaint"
            or not any(s < i.end and i.start < e for s, e in harsher)]


def _reported(sentences: Sentences, quotes: list[int], start: int) -> bool:
    """Whether the words at ``start`` are someone else's, reported or in quotation marks (an odd
    number of them opened earlier in the sentence); ``quotes`` holds their offsets, in order."""
    s_start = sentences.bounds(start)[0]
    before = sentences.text[max(s_start, start - _REPORTED_REACH):start]
    opened = bisect_left(quotes, start) - bisect_left(quotes, s_start)
    return bool(_REPORTED_RE.search(before)) or opened % 2 == 1


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _sentences(text: str) -> list[tuple[int, int]]:
    sentences = Sentences(text)
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = sentences.bounds(start)[1]
        out.append((start, end))
        start = max(end, start + 1)
    return out


def _cut_criticism(sentences: Sentences, start: int) -> list[_Fix]:
    """Cut a criticism out: its sentence when it opens one and other sentences remain, or its
    clause when an "and"/"but" leads into it at the end of a sentence ("..., and you never
    care."). Otherwise nothing can go safely, and no rewrite is offered."""
    text = sentences.text
    s_start, s_end = sentences.bounds(start)
    before = text[s_start:start]
    if not before.strip():
        return [_Fix(s_start, s_end, "", complaint=True)] \
            if text[:s_start].strip() or text[s_end:].strip() else []
    lead_from = max(s_start, start - 40)  # the lead is a few words: no rescan of a long sentence
    lead = _CLAUSE_LEAD_RE.search(text, lead_from, start)
    if lead is None:
        return []
    return [_Fix(lead.start(), _sentence_stop(text, s_end), "")]


def _cut_withdrawal(sentences: Sentences, start: int, end: int) -> list[_Fix]:
    """Cut a withdrawal ("Fine, whatever.") when it is a whole sentence and other sentences
    remain. Inside a sentence it cannot go cleanly, and as a must-go issue it then leaves no
    rewrite: a "better" message that still says "whatever" is no better."""
    text = sentences.text
    s_start, s_end = sentences.bounds(start)
    # An emoji that opens the sentence is not the "whatever": the cut starts at the words.
    words = s_start + len(text[s_start:end]) - len(_leading_symbols(text[s_start:end]))
    if (words < start and text[words:start].strip()) or text[end:s_end].strip(" \n\t" + _STOPS):
        return []
    return [_Fix(words, s_end, "")] if text[:words].strip() or text[s_end:].strip() else []


def _leading_symbols(text: str) -> str:
    """``text`` from its first character that is not an emoji or a space."""
    i = 0
    while i < len(text) and (text[i].isspace() or unicodedata.category(text[i]) in _SYMBOLS):
        i += 1
    return text[i:]


def _example_before_but(turn: TurnAnalysis, kept: str, start: int, end: int) -> str:
    """The "sorry, but" suggestion's example: the apology before the "but", unless that part is
    itself a non-apology ("Sorry you feel that way"), which is no fix at all."""
    if any(ev.label == "rupture.invalidation" and ev.subtype == "non_apology"
           and "-but-" not in ev.source and start <= ev.start and ev.end <= end
           for ev in turn.evidence):
        return (f"What comes before it, \"{kept}\", is a non-apology too: it does not say "
                "what you did. Own your part instead, for example: \"I'm sorry I ...\".")
    return f"For example: \"{kept}.\"" if kept else ""


_OWNING_APOLOGY: Final = "I'm sorry for my part in this"
# What may lead into a non-apology the rule's span leaves out ("I'm really sorry if ...").
# Not after a letter of the same word ("Tim"); after another script's letters it still counts.
_APOLOGY_LEAD_RE: Final = re.compile(
    r"(?<![a-z'\u2019])(?:i['\u2019]?m |i am |i )?(?:(?:so|really|truly|very|just|genuinely|deeply"
    r"|properly|sincerely|super|terribly|awfully|honestly|extremely|incredibly) )*\Z",
    re.IGNORECASE)
# Where the rest of a non-apology's clause ends ("... you feel that way", "... was offended").
_CLAUSE_END_RE: Final = re.compile(r"[,;:.!?\n\u2026]|(?<!\s)\s+but\b|$", re.IGNORECASE)
# A "but" straight after a non-apology's clause, in its sentence or opening the next one, that
# takes it back: turning on them, or on the writer's defence ("but I did nothing wrong"). A need
# ("but I need a minute") is not one, as the rules' own "sorry, but" has it.
_NEXT_BUT_RE: Final = re.compile(
    r"[,;:.!?\u2026]*\s*(?P<but>but)\s+(?:you|u|ur|your|i (?:did|didn'?t|was|wasn'?t|had|"
    r"hadn'?t|am|'m|never|only|just|really|honestly)|i'm|im|it (?:was|wasn'?t|is|isn'?t)|it'?s|"
    r"that'?s|honestly|to be fair|in my defen[cs]e|come on|seriously|whatever)\b",
    re.IGNORECASE)


def _owning_apology(text: str, start: int, end: int) -> _Fix:
    """Replace a whole non-apology, from any "I'm" before it to the end of its clause ("I'm sorry
    you feel that way"), with an apology that owns a part; a sentence keeps its own stop."""
    lead = _APOLOGY_LEAD_RE.search(text, max(0, start - 60), start)
    if lead and lead.start() < start:
        start = lead.start()
    stop = _CLAUSE_END_RE.search(text, end)
    clause_end = stop.start() if stop else len(text)
    replacement = _OWNING_APOLOGY
    if stop and stop.group() in ("!", "?"):  # "Okay, sorry, happy now?" is not a question now
        clause_end, replacement = stop.end(), f"{_OWNING_APOLOGY}."
    return _Fix(start, clause_end, replacement)


def _apology_issues(turn: TurnAnalysis) -> list[Issue]:
    """Excuses, an apology that names nothing, and too many apologies (inside an apology only)."""
    text = turn.text
    apologies = list(_APOLOGY_RE.finditer(text))
    if not apologies:
        return []
    found: list[tuple[str, int, int]] = []
    if not _NO_EXCUSE_RE.search(text):
        found += [("excuse", m.start(), m.end()) for m in _EXCUSE_RE.finditer(text)][:1]
    vague = list(_VAGUE_RE.finditer(text))
    unowned = [(m.start(), m.end()) for m in [*vague, *_VAGUE_OWNING_RE.finditer(text)]]
    owned = any(e.label == "repair.responsibility" and e.source.startswith("rule:")
                and not any(e.start < end and start < e.end for start, end in unowned)
                for e in turn.evidence)
    if vague and not owned:
        found.append(("vague_apology", vague[0].start(), vague[0].end()))
    if len(apologies) >= OVER_APOLOGY:
        found.append(("over_apology", apologies[OVER_APOLOGY - 1].start(),
                      apologies[OVER_APOLOGY - 1].end()))
    return [Issue(kind=kind, start=start, end=end, message=_MESSAGES[kind][0],
                  suggestion=_MESSAGES[kind][1]) for kind, start, end in found]


def _explained_as(kind: str, span: str) -> str:
    """Which explanation fits the words: a non-apology is not always about "their feelings"."""
    if kind != "non_apology" or _THEIR_FEELINGS_RE.search(span):
        return kind
    return "already_sorry" if _ALREADY_SORRY_RE.search(span) else "hollow_apology"


def _issue_kind(label: str, subtype: str | None, source: str, text: str) -> str | None:
    # As the rules read it: full-width letters and odd spaces folded, invisible marks dropped.
    text = "".join(c for c in normalise(text) if unicodedata.category(c) != "Cf")
    if label == "rupture.confrontation":
        if subtype == "criticism" and "always-never" in source and _ALWAYS_NEVER_RE.search(text):
            return "always_never"  # "you don't care" is a criticism, with no "always" to name
        if subtype == "complaint" and _YOU_ALWAYS_RE.search(text):
            return "always_never"  # not "fair" and "one event" with an "always" in it
        return subtype
    if label == "rupture.invalidation":
        if subtype == "non_apology" and "-but-" in source:
            return "sorry_but"
        return subtype
    if label == "rupture.withdrawal":
        return "withdrawal"
    return None


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[str, int]] = set()
    out = []
    for issue in issues:
        key = (issue.kind, issue.start)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def _sentence_stop(text: str, end: int) -> int:
    """The end of a sentence's words, before its closing punctuation and spaces."""
    stop = end
    while stop > 0 and text[stop - 1] in " \n.!?":
        stop -= 1
    return stop


def _keeps_what_was_flagged(text: str, rewrite: str, issues: list[Issue],
                            fixed: list[tuple[int, int]]) -> bool:
    """Whether a must-go issue was left unfixed, or its words are still in the rewrite (the
    rules name one hit each: "You always do this. You always do this!" flags the first only).
    ``fixed`` is sorted and its spans do not overlap."""
    starts = [s for s, _ in fixed]
    for issue in issues:
        if issue.kind not in _MUST_GO:
            continue
        i = bisect_right(starts, issue.start) - 1  # the fixes that could overlap it are the one
        near = fixed[max(0, i):i + 2]              # starting before it and the one after
        if not any(s < issue.end and issue.start < e for s, e in near):
            return True
    # The critic finds every blaming feeling itself; the rules' issues are few (one per rule).
    flagged = {text[i.start:i.end].strip().lower() for i in issues
               if i.kind in _MUST_GO and i.kind != "blaming_feeling"}
    lowered = rewrite.lower()
    return any(words and words in lowered for words in flagged)


# Words that say nothing of what a message is about: a bare apology ("Sorry.", "I'm so sorry!")
# and the small words around one.
_BARE_WORDS: Final = frozenset({
    "i", "i'm", "im", "am", "so", "really", "truly", "very", "just", "again", "sorry", "soz",
    "sry", "apologies", "ok", "okay", "well", "oh", "look", "listen", "yeah", "babe", "love",
    "hun", "mate"})


def _bare(rewrite: str) -> bool:
    """Whether ``rewrite`` says nothing but a bare apology: no rewrite at all ("Sorry." is the
    apology that owns nothing, and drops what the person was talking about)."""
    words = re.findall(r"[a-z]+(?:['\u2019][a-z]+)?", rewrite.lower().replace("\u2019", "'"))
    return all(w in _BARE_WORDS or re.fullmatch(r"x+", w) for w in words)


def _drops_a_sentence(text: str, fixes: list[_Fix], fixed: list[tuple[int, int]]) -> bool:
    """Whether a fix that was applied cut a whole sentence out: what the message was about may
    have gone with it. (Trimming "sorry, but ..." to "I'm sorry." keeps the writer's own
    sentence: the critic's usual fix for a "but" that takes the apology back.)"""
    sentences = Sentences(text)
    taken = set(fixed)
    return any((fix.start, fix.end) in taken and not fix.replacement
               and sentences.bounds(fix.start) == (fix.start, fix.end) for fix in fixes)


def _drops_the_complaint(turn: TurnAnalysis, fixes: list[_Fix],
                        fixed: list[tuple[int, int]]) -> bool:
    """Whether a whole sentence of complaint was cut and nothing of a repair is left: the rewrite
    would then say nothing of the person's point ("Hey", "José is tired."). Cutting the jab from
    "I'm sorry I was late. You never listen." still leaves the apology, and is offered."""
    taken = set(fixed)
    applied = [fix for fix in fixes if (fix.start, fix.end) in taken]
    if not any(fix.complaint for fix in applied) or any(fix.replacement for fix in applied):
        return False  # what was put in its place ("I'm sorry for my part in this") is the point
    return not any(e.source.startswith("rule:") and not is_rupture(e.label)
                   and not any(s < e.end and e.start < t for s, t in fixed)
                   for e in turn.evidence)


def _rewrite(text: str, fixes: list[_Fix]) -> tuple[str | None, list[tuple[int, int]]]:
    """The text with the fixes applied (``None`` if nothing changed or nothing is left), and the
    spans they applied to, in order. Only the seams of the fixes are tidied: the draft's own line
    breaks, spaces and ellipses elsewhere stay as they were."""
    if not fixes:
        return None, []
    chosen: list[_Fix] = []
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        if fix.end < fix.start:
            continue
        # Those chosen start at or after this one: a fix that covers them makes them moot (the
        # non-apology replaced with its "but ..." takes the "but"'s own cut with it).
        while chosen and chosen[-1].start < fix.end and chosen[-1].end <= fix.end:
            chosen.pop()
        if chosen and chosen[-1].start < fix.end:
            continue
        chosen.append(fix)
    if not chosen:
        return None, []
    chosen.reverse()
    out = text[:chosen[0].start]
    for i, fix in enumerate(chosen):
        out = _seam(out, fix.replacement)
        out = _seam(out, text[fix.end:chosen[i + 1].start if i + 1 < len(chosen) else len(text)])
    taken = [(fix.start, fix.end) for fix in chosen]
    out = out.strip()  # a cut at either end leaves no line break or space behind ("Hey\n")
    if out and chosen[-1].end >= len(text.rstrip()) and _closed(text) and not _closed(out):
        out += "."  # a cut that took the message's end (its eye-roll) leaves the sentence closed
    return (out if out and out != text.strip() else None), taken


_STOPS: Final = ".!?\u2026"


def _closed(text: str) -> bool:
    """Whether a message ends its last sentence: a stop, a closing quote or bracket, an emoji."""
    last = text.rstrip()[-1:]
    return bool(last) and (last in _STOPS + "\"')" or unicodedata.category(last) in _SYMBOLS)
# What an emoji is made of: the pictures, skin tones, variation selectors and joiners.
_SYMBOLS: Final = frozenset({"So", "Sk", "Mn", "Me", "Cf"})


def _seam(left: str, right: str) -> str:
    """``left + right`` where a fix meets the draft: one run of whitespace (the one with more line
    breaks), one stop ("I'm sorry..." + "." is "I'm sorry."), no comma before a stop, and nothing
    left over at the start of the message."""
    if not right:
        return left
    kept_left = left.rstrip()
    kept_right = right.lstrip()
    if not kept_left:
        return kept_right.lstrip(",;:" + _STOPS).lstrip() if kept_right else ""
    if not kept_right:
        return kept_left + _between(left[len(kept_left):], right)
    left_stop = len(kept_left) - len(kept_left.rstrip(_STOPS))
    right_stop = len(kept_right) - len(kept_right.lstrip(_STOPS))
    body, symbols = _trailing_symbols(kept_left)
    if right_stop and symbols and body[-1:] in (",", ";", ":"):
        # "sorry, \U0001f44d" + "." is "sorry \U0001f44d.": no comma before the stop, the emoji kept
        return _seam(body[:-1] + symbols, right)
    if right_stop and (left_stop or kept_left[-1] in ",;:"):
        ends = kept_left[len(kept_left) - left_stop:] if left_stop else ""
        stop = "." if not ends or set(ends) <= {".", "\u2026"} else ends
        return _seam(kept_left.rstrip(",;:" + _STOPS) + stop, kept_right[right_stop:])
    if kept_right[0] in ",;:" and left_stop:
        return _seam(left, kept_right[1:])
    return kept_left + _between(left[len(kept_left):], right[:len(right) - len(kept_right)]) \
        + kept_right


def _trailing_symbols(text: str) -> tuple[str, str]:
    """``text`` split before the emoji (and the spaces between them) it ends with."""
    i = len(text)
    while i > 0 and (text[i - 1].isspace()
                     or unicodedata.category(text[i - 1]) in _SYMBOLS):
        i -= 1
    return text[:i], text[i:]


def _between(left: str, right: str) -> str:
    """The whitespace to keep where two runs meet at a seam."""
    if not left or not right:
        return left or right
    return right if right.count("\n") > left.count("\n") else left
