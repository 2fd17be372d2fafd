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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from mendkit.analysis.pipeline import Mode, analyze_with_probabilities
from mendkit.analysis.safety import DEFAULT_REGION, assess
from mendkit.analysis.text import sentence_bounds
from mendkit.labels import is_rupture
from mendkit.model import CheckResult, Conversation, Issue, TurnAnalysis

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
_BLAMING_WORD: Final = (
    r"(?:really |so |very |completely |totally )?(?:"
    + "|".join(sorted((re.escape(w) for w in BLAMING_FEELINGS), key=len, reverse=True)) + ")")
# "I feel ignored", "I felt so let down", "I feel abandoned and betrayed": the verb, then one or
# more such words (each rewritten, in the draft's own tense).
_BLAMING_RE: Final = re.compile(
    r"\bi (?P<verb>feel|felt|am feeling|was feeling|'ve felt|have felt)\s+"
    rf"(?P<words>{_BLAMING_WORD}(?:(?:,\s*|\s+)(?:and\s+)?{_BLAMING_WORD})*)\b",
    re.IGNORECASE,
)
_PAST_FEELING: Final = frozenset({"felt", "was feeling", "'ve felt", "have felt"})
_ADVERB_RE: Final = re.compile(r"^(?:really|so|very|completely|totally)\s+", re.IGNORECASE)
_LIST_SEPARATOR_RE: Final = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
# Someone else's words, reported or quoted ("She said I feel ignored"): not the writer's feeling.
_REPORTED_RE: Final = re.compile(
    r"\b(?:said|says|say|told (?:me|him|her|them|us)|tells (?:me|him|her|them|us)|wrote|writes"
    r"|claim(?:s|ed)?|think(?:s)?|thought|ask(?:s|ed)?|text(?:s|ed)|repl(?:y|ies|ied)|goes|went"
    r"|shout(?:s|ed)|yell(?:s|ed))\b[\s,:]*(?:that\s+)?[\"\u201c']?\s*$",
    re.IGNORECASE)
# A sentence with "always" or "never" in it (or the like): what the always_never issue says.
_ALWAYS_NEVER_RE: Final = re.compile(r"\b(?:always|never|ever|constantly|forever|keep)\b",
                                     re.IGNORECASE)
# What is left of a sarcastic message once its contempt goes: "Thanks a lot." on its own.
_SARCASTIC_RE: Final = re.compile(
    r"^\s*(?:oh,? )?(?:thanks|thank you|cheers|great|well done|nice one|good job|brilliant|"
    r"perfect|wonderful|lovely|real mature|very mature|wow)(?: (?:a lot|so much|very much|"
    r"again|then))?[\s.!?]*$", re.IGNORECASE)
# A clause that a criticism or an "always/never" can be cut from, with what leads into it.
_CLAUSE_LEAD_RE: Final = re.compile(r",?\s+(?:and|but|because|so)\s+$", re.IGNORECASE)
# Issues a rewrite must leave nothing of: offered only when every one of them is fixed.
_MUST_GO: Final = frozenset({"contempt", "hostility", "criticism", "always_never",
                             "non_apology", "sorry_but", "defensiveness", "minimizing",
                             "dismissing", "condescension", "blaming_feeling"})
_THOUGHT_RE: Final = re.compile(
    r"\bi (?:just |really |kind of |kinda |sort of |honestly |still |sometimes )?(?:feel|felt) "
    r"(?:like|that) (?:you|u|they|he|she)\b", re.IGNORECASE)
_BUT_RE: Final = re.compile(r",?\s*\bbut\b", re.IGNORECASE)
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
    if any(i.kind in _MUST_GO and not any(s < i.end and i.start < e for s, e in fixed)
           for i in issues):
        rewrite = None  # a "better" message that keeps what was flagged is no better
    if risk.crisis:
        # Safety first: repair coaching stops when someone may be unsafe.
        issues, rewrite = [], None
        notes = ["This message mentions something that sounds unsafe. Repair can wait; "
                 "please reach out to someone now."]
    return CheckResult(
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
    issues: list[Issue] = []
    fixes: list[_Fix] = []
    for ev in turn.evidence:
        kind = _issue_kind(ev.label, ev.subtype, ev.source, ev.text)
        if kind is None:
            continue
        message, suggestion = _MESSAGES[kind]
        start, end = ev.start, ev.end
        if kind == "sorry_but":
            but = _BUT_RE.search(text, ev.start, ev.end + 1)
            s_start, s_end = sentence_bounds(text, ev.start)
            if but:
                start, end = but.start(), s_end
                kept = text[s_start:but.start()].strip().rstrip(" ,")
                example = _example_before_but(turn, kept, s_start, but.start())
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(_Fix(but.start(), _sentence_stop(text, s_end), "."))
        elif kind in ("contempt", "hostility"):
            s_start, s_end = sentence_bounds(text, ev.start)
            fixes.append(_Fix(s_start, s_end, ""))
            if kind == "contempt":  # "Thanks a lot." alone is the sarcasm still
                fixes.extend(_Fix(a, b, "") for a, b in _sentences(text)
                             if _SARCASTIC_RE.match(text[a:b]))
        elif kind in ("criticism", "always_never"):
            fixes.extend(_cut_criticism(text, ev.start))
        elif kind == "non_apology":
            fixes.append(_owning_apology(text, ev.start, ev.end))
        issues.append(Issue(kind=kind, start=start, end=end, message=message,
                            suggestion=suggestion))
    for m in _BLAMING_RE.finditer(text):
        if _reported(text, m.start()):
            continue
        words = list(dict.fromkeys(_ADVERB_RE.sub("", w).lower()
                                   for w in _LIST_SEPARATOR_RE.split(m.group("words"))))
        feelings = _listed(list(dict.fromkeys(BLAMING_FEELINGS[w][0] for w in words)))
        needs = _listed(list(dict.fromkeys(BLAMING_FEELINGS[w][1] for w in words)))
        verb = "felt" if m.group("verb").lower() in _PAST_FEELING else "feel"
        quoted = _listed([f"\"{w}\"" for w in words])
        says, beneath = ("says", "the feeling and need beneath it") if len(words) == 1 else (
            "say", "the feelings and needs beneath them")
        issues.append(Issue(
            kind="blaming_feeling", start=m.start(), end=m.end(),
            message=f"{quoted} {says} what they did more than what you feel, so it can land as "
                    "an accusation.",
            suggestion=f"Try {beneath}: \"I {verb} {feelings}, and I need {needs}.\"",
        ))
        # The draft's own words up to the feeling stay ("I feel so ..."): its tense too.
        adverb = _ADVERB_RE.match(m.group("words"))
        fixes.append(_Fix(m.start("words") + (adverb.end() if adverb else 0), m.end(), feelings))
    for m in _THOUGHT_RE.finditer(text):
        if _reported(text, m.start()):
            continue
        message, suggestion = _MESSAGES["thought_as_feeling"]
        issues.append(Issue(kind="thought_as_feeling", start=m.start(), end=m.end(),
                            message=message, suggestion=suggestion))
    issues.extend(_apology_issues(turn))
    return _dedupe(issues), fixes


def _reported(text: str, start: int) -> bool:
    """Whether the words at ``start`` are someone else's, reported or in quotation marks."""
    before = text[sentence_bounds(text, start)[0]:start]
    return bool(_REPORTED_RE.search(before)) or sum(before.count(q) for q in "\"\u201c") % 2 == 1


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = sentence_bounds(text, start)[1]
        out.append((start, end))
        start = max(end, start + 1)
    return out


def _cut_criticism(text: str, start: int) -> list[_Fix]:
    """Cut a criticism out: its sentence when it opens one and other sentences remain, or its
    clause when an "and"/"but" leads into it at the end of a sentence ("..., and you never
    care."). Otherwise nothing can go safely, and no rewrite is offered."""
    s_start, s_end = sentence_bounds(text, start)
    before = text[s_start:start]
    if not before.strip():
        return [_Fix(s_start, s_end, "")] if text[:s_start].strip() or text[s_end:].strip() else []
    lead = _CLAUSE_LEAD_RE.search(before)
    if lead is None:
        return []
    return [_Fix(s_start + lead.start(), _sentence_stop(text, s_end), "")]


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
_APOLOGY_LEAD_RE: Final = re.compile(r"\b(?:i'?m |i am |i )?(?:so |really |truly )*$",
                                     re.IGNORECASE)
# Where the rest of a non-apology's clause ends ("... you feel that way", "... was offended").
_CLAUSE_END_RE: Final = re.compile(r"[,;:.!?\n]|\s+but\b|$", re.IGNORECASE)


def _owning_apology(text: str, start: int, end: int) -> _Fix:
    """Replace a whole non-apology, from any "I'm" before it to the end of its clause ("I'm sorry
    you feel that way"), with an apology that owns a part; a sentence keeps its own stop."""
    lead = _APOLOGY_LEAD_RE.search(text, max(0, start - 30), start)
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


def _issue_kind(label: str, subtype: str | None, source: str, text: str) -> str | None:
    if label == "rupture.confrontation":
        if subtype == "criticism" and "always-never" in source and _ALWAYS_NEVER_RE.search(text):
            return "always_never"  # "you don't care" is a criticism, with no "always" to name
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


def _rewrite(text: str, fixes: list[_Fix]) -> tuple[str | None, list[tuple[int, int]]]:
    """The text with the fixes applied (``None`` if nothing changed or nothing is left), and the
    spans they applied to."""
    if not fixes:
        return None, []
    out = text
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        if any(fix.start < e and s < fix.end for s, e in taken):
            continue
        taken.append((fix.start, fix.end))
        out = out[:fix.start] + fix.replacement + out[fix.end:]
    out = re.sub(r"\s{2,}", " ", out).strip()
    out = re.sub(r"\.\s*\.", ".", out)
    return (out if out and out != text else None), taken
