"""What the critic flags in a draft: issues with spans, and the fixes they offer.

Each piece of rule evidence that undoes a repair becomes an issue of a kind (``_issue_kind``),
explained in the critic's words and pointed at the words that carry it; the critic also finds
what the rules name once or not at all (more "you always/never" verdicts, feelings that blame,
thoughts put as feelings, excuses and vague or piled-up apologies). A phrase is shown once, with
the reading that fits it best (``_one_reading``), and each issue brings the fix a rewrite applies
where one is safe (see ``mendkit._rewrite``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from mendkit._critic_apology import KIND, over_apology_fixes, too_much
from mendkit._critic_care import own_past_words, pressing_questions
from mendkit._rewrite import (
    ARRANGEMENT_RE,
    CLAUSE_END_RE,
    GAP,
    Fix,
    cut_criticism,
    cut_withdrawal,
    owning_apology,
    sentence_stop,
)
from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.rules import engine_rules
from mendkit.analysis.text import Sentences, normalise
from mendkit.labels import is_rupture
from mendkit.model import Evidence, Issue, TurnAnalysis

# "Feelings" that describe what someone did to us, with the feeling and need they often cover.
# Mend's own list (after the NVC idea that such words need someone else's action to make sense).
# What each offers instead is a feeling too, never another evaluation: not "unvalued" (how others
# judge us), "small" (what we think we are) or "boxed in" (what someone does to us).
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
    "belittled": ("embarrassed and hurt", "respect"),
    "patronised": ("frustrated", "to be treated as an equal"),
    "patronized": ("frustrated", "to be treated as an equal"),
    "controlled": ("tense and frustrated", "some choice of my own"),
    "pressured": ("tense", "room to decide"),
    "used": ("hurt", "things to feel fair between us"),
    "dismissed": ("hurt", "to have my view taken seriously"),
    "invalidated": ("hurt", "to have my feelings taken seriously"),
    "blamed": ("defensive and hurt", "to work this out together"),
    "misunderstood": ("frustrated", "to be understood"),
    "let down": ("disappointed", "to be able to rely on you"),
    "taken for granted": ("sad and discouraged", "to know my effort is seen"),
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
    r"\bi(?:\s+|(?=['\u2019]|m\b|ve\b))(?P<verb>feel|felt|am feeling|['\u2019]?m feeling"
    r"|was feeling|(?:['\u2019]?ve|have) (?:been feeling|felt))\s+"
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
# A phrase read as one kind and also as one of these is explained once, as the other: a complaint
# as the harsher reading, or as the thought put as a feeling ("I felt like you don't ..."); "like
# you never" as the "always/never" it is, not the writer's defence; "You never apologise" as the
# "always/never" that makes it a verdict, named on its own words;
# "I've been so busy" inside an apology as the excuse.
_READ_BETTER_AS: Final[dict[str, frozenset[str]]] = {
    "complaint": frozenset({"criticism", "always_never", "contempt", "hostility",
                            "thought_as_feeling"}),
    "criticism": frozenset({"always_never"}),
    "defensiveness": frozenset({"always_never", "excuse", "sorry_but"}),
}
_BETTER_READINGS: Final = frozenset().union(*_READ_BETTER_AS.values())
# "You always interrupt me": a complaint the rules name, with the "always" that makes it a verdict.
YOU_ALWAYS_RE: Final = re.compile(
    r"\b(?:you|u)\b(?:'re| are| were|'ve| have| just)? (?:always|never|constantly|forever)\b",
    re.IGNORECASE)
# "You never deserved that", "you never asked for this": a "never" that takes their side. As
# narrow as the rule's own look-ahead ("You never deserved me" is a verdict), with the few it lets
# through that still take their side ("you always deserved better", "you never did anything
# wrong"); the "never" is then looked past, not the sentence (see ``_more_verdicts``).
VALIDATING_NEVER_RE: Final = re.compile(
    r"\s+(?:(?:ever|once|really) )?(?:deserved? (?:that|this|it|any of|to be|what|how|better"
    r"|more)|asked for (?:that|this|it|any of)|should have had to|had to (?:go through|deal with"
    r"|put up with|feel|hear|see)|did anything (?:to deserve|wrong))\b", re.IGNORECASE)
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
# Apologies said again and again ("I'm sorry, I'm sorry, I'm sorry", "Sorry sorry sorry sorry"),
# with the first of them named.
_ONE_SORRY: Final = (r"(?:i['\u2019]?m |im |i am )?(?:(?:so|really|very|truly) )*"
                     r"(?:sorry|soz|sry)\b")
_SORRY_PILE_RE: Final = re.compile(
    rf"(?P<first>{_ONE_SORRY})(?:[\s,.!]+{_ONE_SORRY}){{2,}}", re.IGNORECASE)
_BUT_RE: Final = re.compile(r",?\s*\bbut\b", re.IGNORECASE)
# An eye-roll (or its like) that ends contempt's evidence: the face is the contempt, so the fix
# takes the face out and leaves the words ("I'm sorry I forgot your birthday \U0001f644").
_FACE_AT_END_RE: Final = re.compile(
    "\\s*(?P<face>[\U0001f644\U0001f612\U0001f921\U0001f643][\ufe0f\U0001f3fb-\U0001f3ff]*)$")
# Sarcasm in the words before the eye-roll ("Thanks for the 'help', really appreciated \U0001f644"):
# then the words are the contempt too, and taking the face out would leave the same dig.
_SARCASM_BEFORE_FACE_RE: Final = re.compile(
    "['\u2018\"\u201c][a-z]+['\u2019\"\u201d]|\\b(?:really|much|so|very) appreciated\\b"
    "|\\bthanks? (?:so much|a lot|a bunch|loads) for (?:nothing|that)\\b", re.IGNORECASE)
# The rules whose contempt is a whole dig, cut with its sentence or clause (round fifteen).
_CUT_DIG_RULES_RE: Final = re.compile(r"/(?:sarcasm-quoted-praise|coparent-dig)-32\b")
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
# An excuse the writer takes back straight after it: "..., but that's on me, not you", "but that
# doesn't excuse it", "that's my fault, not yours". ("That's on you" keeps it an excuse.)
_DISOWNED_RE: Final = re.compile(
    r"\b(?:that|this|it)(?:['\u2019]s| is| was) (?:(?:all|totally|completely|still|entirely) )?"
    r"(?:on me|my (?:fault|problem|responsibility|bad|doing)|not (?:on )?(?:you|your (?:fault|problem"
    r"|doing)))\b|\b(?:that|this|it) (?:doesn['\u2019]?t|does not|didn['\u2019]?t|did not)"
    r" (?:excuse|justify|make it (?:ok|okay|right|better|fair))\b|\bnot that (?:it|that|this)"
    r" (?:excuses|justifies)\b|\b(?:that|it)(?:['\u2019]s| is) no (?:reason|justification)\b",
    re.IGNORECASE)
_DISOWN_REACH: Final = 60  # how far after the excuse its taking back is looked for


def _repair_alone(words: str) -> bool:
    """Whether the rules alone read ``words`` as a repair (an apology, an admission, a request)
    with no rupture in them."""
    if not words.strip():
        return False
    read = analyze_turn(0, "me", words)
    return not any(is_rupture(label) for label in read.labels) and any(
        not is_rupture(e.label) and not e.label.startswith("risk.") for e in read.evidence)


def _disowned(text: str, end: int) -> bool:
    """Whether the writer takes back the excuse ending at ``end``, in the next few words."""
    return bool(_DISOWNED_RE.search(text, end, end + _DISOWN_REACH))


# What the writer regrets not saying ("I wish I had just told you I was stressed", "instead of
# telling you I was tired", "I never said I was overwhelmed"): the state is what they kept back,
# owned, not a reason the apology should not count (round sixteen, answering the coach's own "Is
# there something you regret?").
_UNSAID_RE: Final = re.compile(
    r"\b(?:(?:i\s+)?(?:wish|wished)\s+i(?:['\u2019]d|\s+had|d)?|i\s+should(?:['\u2019]ve|\s+have|ve)"
    r"|i\s+could(?:['\u2019]ve|\s+have)|if\s+only\s+i(?:['\u2019]d|\s+had)|instead\s+of"
    r"|rather\s+than|i\s+(?:didn['\u2019]?t|did\s+not|never))\s+(?:just\s+|only\s+|simply\s+)?"
    r"(?:told|tell|telling|said|say|saying|let\s+(?:you|u|her|him|them)\s+know|letting\s+(?:you|u"
    r"|her|him|them)\s+know|admitted|admit|admitting|explained|explain|explaining|mentioned"
    r"|mention|mentioning|owned\s+up)\b(?:\s+(?:to\s+)?(?:you|u|her|him|them))?(?:\s+that)?\s*\Z",
    re.IGNORECASE)
_UNSAID_REACH: Final = 60  # how far before the state its "I wish I had told you" is looked for


def _unsaid(text: str, start: int) -> bool:
    """Whether the state at ``start`` ("I was stressed") is what the writer regrets not saying."""
    return bool(_UNSAID_RE.search(text[max(0, start - _UNSAID_REACH):start]))


# A warm ending after a "sorry, but" ("... funny \U0001f602 love you", "..., but still. Love you x"):
# what a cut of the "but" keeps. The faces and laughs before it go with the "but".
_WARM_ENDING_RE: Final = re.compile(
    r"[\s,.!;:\u2013\u2014-]*(?P<warm>(?:i\s+)?(?:love|luv)\s+(?:you|u|ya)(?:\s+(?:too|2|so\s+much|loads"
    r"|lots|always|x+))*|ily\w*|x{2,}|xoxo)\W*\Z", re.IGNORECASE)


def _warm_ending(text: str, start: int, end: int) -> int | None:
    """Where a warm ending of ``text[start:end]`` (after a "but") starts, or None."""
    warm = _WARM_ENDING_RE.search(text[start:sentence_stop(text, end)])
    return start + warm.start("warm") if warm is not None else None


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
# Asking for forgiveness on a clock ("so you have to forgive me now", "Can you please just forgive
# me?", "Can you forgive me now?"): pressure. Not the plain question ("Can you forgive me?", "I hope
# you can forgive me", "... forgive me now that you know"), and not "you don't have to forgive me".
# "Now" that opens the sentence goes with it (cut whole).
_FORGIVE_DEMAND_RE: Final = re.compile(
    r"(?:\bnow,?\s+)?(?:\byou(?:['\u2019]ve)?\s+(?:need|have|got|ought)\s+to|\byou\s+(?:must|should"
    r"|better)|\b(?:can|could|will|would)(?:n['\u2019]?t)?\s+you\s+(?:please\s+)?just|\bplease\s+just"
    r"|\bjust)\s+forgive\s+me\b|\bforgive\s+me\s+already\b"
    r"|\b(?:can|could|will|would)(?:n['\u2019]?t)?\s+you\s+(?:please\s+)?forgive\s+me\s+"
    r"(?:right\s+)?(?:now|yet)\b(?!\s+(?:that|or|and)\b)", re.IGNORECASE)
# "You make me feel stupid": a feeling said as what they did to the writer. No fix is safe.
_YOU_MAKE_ME_FEEL_RE: Final = re.compile(
    r"\b(?:you|u)\s+(?:always\s+|just\s+|really\s+)?(?:make|made|makes)\s+me\s+feel\s+"
    r"(?!(?:so\s+|really\s+)?(?:loved|safe|special|happy|better|good|seen|heard|welcome|at home"
    r"|cared for|understood|valued|appreciated|calm|lucky)\b)[\w']+", re.IGNORECASE)


def find_issues(turn: TurnAnalysis, messages: Mapping[str, tuple[str, str]],
                muted: frozenset[str] = frozenset()
                ) -> tuple[list[Issue], list[Fix], list[Issue]]:
    """The issues to show, the fixes, and every reading found (a phrase is shown once, with the
    reading that fits it best, but a rewrite must still fix what any reading of it flags).
    ``messages`` explain each kind (the critic's ``_MESSAGES``); ``muted`` are rules the person
    turned off."""
    text = turn.text
    # Sentence bounds and quotation marks found once: asking for them afresh at every match made
    # a long message with many matches quadratic.
    sentences = Sentences(text)
    quotes = [i for i, c in enumerate(text) if c in "\"\u201c"]
    issues: list[Issue] = []
    fixes: list[Fix] = []
    unbutted: list[tuple[int, int]] = []  # the "but ..." after a non-apology
    sided: list[tuple[int, int]] = []  # a "you never" that takes their side: looked past
    for ev in turn.evidence:
        kind = _issue_kind(ev.label, ev.subtype, ev.source, ev.text)
        if kind is None:
            continue
        if kind in _OWNABLE and own_past_words(text, ev.start):
            sided.append((ev.start, ev.end))
            continue  # "I'm sorry I said you never ...": their own words, named to own them
        if kind == "non_apology" and _UNKNOWN_ACT_RE.search(
                text, ev.start, _clause_end(text, ev.end)):
            # "I'm sorry if I did something": not blame, an apology that cannot say for what;
            # no rewrite admits a wrong they do not know of.
            message, suggestion = messages["unsure_apology"]
            issues.append(Issue(kind="vague_apology", start=ev.start, end=ev.end,
                                message=message, suggestion=suggestion))
            continue
        message, suggestion = messages[_explained_as(kind, ev.text, ev.source)]
        start, end = ev.start, ev.end
        if kind == "always_never":
            if VALIDATING_NEVER_RE.match(text, ev.end):
                sided.append((ev.start, ev.end))
                continue  # "You never deserved that" takes their side: no verdict on them
            # The words that make the verdict ("you never"), not the "I feel like" before them.
            if (always := YOU_ALWAYS_RE.search(text, ev.start, ev.end)) is not None:
                start, end = always.span()
        if kind == "sorry_but":
            but = _SORRY_BUT_RE.search(text, ev.start, ev.end + 1)
            s_start, s_end = sentences.bounds(ev.start)
            warm = _warm_ending(text, but.end() if but else ev.end, s_end)
            if but and but.start("but") >= s_end:
                # "I'm sorry I hurt you. But let's be honest, ...": the "But" opens the next
                # sentence, which goes whole; the apology keeps its own stop.
                b_start, b_end = sentences.bounds(but.start("but"))
                start, end = but.start("but"), b_end
                kept = _kept_apology(turn, text, s_start, ev.start, sentence_stop(text, s_end))
                example = _example_before_but(turn, kept, s_start, s_end)
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(Fix(b_start, b_end, ""))
            elif but and warm is not None:
                # "I'm sorry, but you have to admit it was funny \U0001f602 love you": the "but" goes
                # and the warm ending stays, as its own sentence ("I'm sorry. Love you.").
                start, end = but.start("but"), sentence_stop(text, warm)
                kept = _kept_apology(turn, text, s_start, ev.start, but.start())
                example = _example_before_but(turn, kept, s_start, but.start())
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(Fix(but.start(), warm + 1, ". " + text[warm].upper()))
            elif but:  # the issue is the "but" on (the fix also takes the comma before it)
                start, end = but.start("but"), s_end
                kept = _kept_apology(turn, text, s_start, ev.start, but.start())
                example = _example_before_but(turn, kept, s_start, but.start())
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(_cut_but(turn, text, but, s_start, s_end))
        elif kind == "defensiveness" and _CUT_WHOLE_RULES_RE.search(ev.source):
            # A justification or blame turned back, beside an apology: it goes (its sentence or
            # clause); where it cannot go cleanly, there is no rewrite.
            fixes.extend(cut_justification(sentences, ev.start))
        elif kind == "contempt" and _CUT_DIG_RULES_RE.search(ev.source):
            # A dig a rule matches whole ("Great job as always, 'Dad'.", "; try not to forget this
            # one"): it goes with its sentence or clause, and what else the message says stays
            # (an appointment, a time). Where it cannot go cleanly there is no rewrite.
            fixes.extend(replace(f, complaint=False) for f in cut_justification(sentences, ev.start))
        elif kind == "contempt" and not _SARCASM_BEFORE_FACE_RE.search(ev.text) and (
                face := _FACE_AT_END_RE.search(ev.text)):
            # The issue is the clause the face is made at, not the face alone (round sixteen:
            # "Someone get the tissues for the drama queen \U0001f644" is the dig, said whole),
            # unless those words alone are a repair ("I'm sorry I forgot your birthday
            # \U0001f644": the face is what mocks it). The fix takes the face out, and a fresh
            # check of what is left decides whether the words were the dig too (see the
            # critic's ``_still_flagged``).
            s_start = sentences.bounds(ev.start + face.start("face"))[0]
            start = max(ev.start, s_start)
            start += len(text[start:end]) - len(text[start:end].lstrip())
            if _repair_alone(text[start:ev.start + face.start()]):
                start = ev.start + face.start("face")
            # What follows the face straight after ("birthday \U0001f644\u2764\ufe0f") keeps its space.
            glued = ev.end < len(text) and not (text[ev.end].isspace()
                                                or text[ev.end] in ".!?\u2026")
            fixes.append(Fix(ev.start + (face.start("face") if glued else face.start()), ev.end,
                             ""))
        elif kind in ("contempt", "hostility"):
            # The sentence its marker ends in: an eye-roll after "... tonight? \U0001f644" is
            # its own, and the apology that the rule's reach ran back over stays.
            s_start, s_end = sentences.bounds(max(ev.start, ev.end - 1))
            if s_start > start:
                start = s_start + len(text[s_start:end]) - len(text[s_start:end].lstrip())
            # Sarcasm and scorn are a tone: cutting the words a rule points at ("Really.")
            # leaves the rest of the message saying it ("Oh great, thanks SO much."), so a
            # contempt has no fix and the draft no rewrite. (An eye-roll at the end is the
            # contempt itself, and goes: above.)
            if kind == "hostility":
                # A threat in a clause of its own after an arrangement ("The handover is 5:30pm
                # Friday; if you're late again you can forget about half-term"): the clause
                # goes, from its semicolon or dash, and the arrangement stays.
                clause = _CLAUSE_BREAK_END_RE.search(text, s_start, max(s_start, ev.start))
                if clause is not None and text[s_start:clause.start()].strip():
                    fixes.append(Fix(clause.start(), sentence_stop(text, s_end), ""))
                else:
                    fixes.append(Fix(s_start, s_end, ""))
        elif kind in ("criticism", "always_never"):
            fixes.extend(cut_criticism(sentences, ev.start))
        elif kind == "pressure" and "-dropit-" in ev.source:
            # "Can we drop it now?": the push to end the talk goes (its sentence or clause); where
            # it cannot go cleanly there is no rewrite (pressure must go).
            fixes.extend(replace(f, complaint=False) for f in cut_justification(sentences, ev.start))
        elif kind == "non_apology":
            fix = _non_apology_fix(turn, sentences, ev.start, ev.end, unbutted)
            if fix is not None:  # else not fixed: a must-go issue, so no rewrite
                fixes.append(fix)
        elif kind == "withdrawal" and (pile := _SORRY_PILE_RE.match(text, ev.start)):
            # "I'm sorry, I'm sorry, I'm sorry" appeases: too much apology, not a closed door.
            # One apology stays ("I'm sorry. Please don't be mad.").
            kind, (start, end) = "over_apology", pile.span()
            message, suggestion = messages[kind]
        elif kind == "withdrawal" and _owned_elsewhere(turn, ev):
            continue  # "You're right, I'm sorry. I kept teasing you ...": not to end the talk
        elif kind == "withdrawal":
            fixes.extend(cut_withdrawal(sentences, ev.start, ev.end))
        issues.append(Issue(kind=kind, start=start, end=end, message=message,
                            suggestion=suggestion))
    for m in _IF_THEY_FELT_RE.finditer(text):
        # "I'm sorry if she felt hurt": the rules name the "if" for "you" and "anyone" only.
        if _reported(sentences, quotes, m.start()) or any(
                i.kind in ("non_apology", "sorry_but") and i.start < m.end() and m.start() < i.end
                for i in issues):
            continue
        message, suggestion = messages["non_apology"]
        issues.append(Issue(kind="non_apology", start=m.start(), end=m.end(), message=message,
                            suggestion=suggestion))
        if (fix := _non_apology_fix(turn, sentences, m.start(), m.end(), unbutted)) is not None:
            fixes.append(fix)
    if sided or any(i.kind in ("always_never", "criticism") for i in issues):
        for start, end in _more_verdicts(sentences, issues, muted, sided):
            message, suggestion = messages["always_never"]
            issues.append(Issue(kind="always_never", start=start, end=end, message=message,
                                suggestion=suggestion))
            fixes.extend(cut_criticism(sentences, start))
    if not any(i.kind == "sorry_but" for i in issues):
        for b_start, b_end in unbutted:
            message, suggestion = messages["sorry_but"]
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
        verb = "felt" if m.group("verb").lower().replace("\u2019", "'") in _PAST_FEELING \
            else "feel"
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
        said = m.group("words")  # "I FEEL IGNORED" is "I FEEL LONELY", in the draft's case
        fixes.append(Fix(m.start("words") + (adverb.end() if adverb else 0), end,
                         feelings.upper() if said.isupper() else feelings))
    for m in _THOUGHT_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        message, suggestion = messages["thought_as_feeling"]
        issues.append(Issue(kind="thought_as_feeling", start=m.start(), end=m.end(),
                            message=message, suggestion=suggestion))
    for m in _YOU_MAKE_ME_FEEL_RE.finditer(text):
        if not _reported(sentences, quotes, m.start()):  # no fix: no rewrite keeps it
            message, suggestion = messages["you_make_me_feel"]
            issues.append(Issue(kind="blaming_feeling", start=m.start(), end=m.end(),
                                message=message, suggestion=suggestion))
    for m in _FORGIVE_DEMAND_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        message, suggestion = messages["forgiveness_pressure"]
        issues.append(Issue(kind="pressure", start=m.start(), end=m.end(), message=message,
                            suggestion=suggestion))
        # The demand goes (its clause, or its sentence): the apology before it stays.
        fixes.extend(replace(f, complaint=False) for f in cut_criticism(sentences, m.start()))
    for m in _PUSHING_ON_RE.finditer(text):
        # "so you have to drop it now", "Accept it by tonight or don't bother coming home",
        # "I need you to forgive me by Christmas": an end date on their hurt.
        if _reported(sentences, quotes, m.start()) or any(
                i.kind == "pressure" and i.start < m.end() and m.start() < i.end for i in issues):
            continue
        said = next(name for name, value in m.groupdict().items() if value)
        message, suggestion = messages[said]
        issues.append(Issue(kind="pressure", start=m.start(), end=m.end(), message=message,
                            suggestion=suggestion))
        fixes.extend(replace(f, complaint=False) for f in cut_justification(sentences, m.start()))
    for q_start, q_end, fix in pressing_questions(text):
        # "What more do you want from me?": pushing back, which the rules may not name.
        if _reported(sentences, quotes, q_start) or any(
                i.start < q_end and q_start < i.end for i in issues):
            continue
        message, suggestion = messages["pressing"]
        issues.append(Issue(kind="defensiveness", start=q_start, end=q_end, message=message,
                            suggestion=suggestion))
        if fix is not None:
            fixes.append(fix)
    # A pile of "sorry"s is one issue, however the rules and the count each found it.
    piled = any(i.kind == "over_apology" for i in issues)
    issues.extend(i for i in _apology_issues(turn, messages) if not (piled and i.kind == "over_apology"))
    issues = [_on_the_pile(text, i, fixes) if i.kind == "over_apology" else i for i in issues]
    if any(i.kind == "over_apology" for i in issues):  # one apology stays, said once
        fixes.extend(over_apology_fixes(text, [m.span() for m in _SORRY_PILE_RE.finditer(text)]))
    held = _dedupe(issues)
    return _one_reading(held), fixes, held


# Kinds that the writer's own past words, named to own them, do not carry now.
_OWNABLE: Final = frozenset({"always_never", "criticism", "contempt", "hostility"})
# "sorry if I did something", "if I've said anything", "if I upset you somehow": an act the
# writer does not know of.
_UNKNOWN_ACT_RE: Final = re.compile(
    r"\bif\s+i(?:['\u2019]ve|\s+have)?\s+(?:did|done|said|do|say)\s+(?:something|anything)\b"
    r"|\bif\s+i\s+\w+(?:\s+\w+)?\s+somehow\b", re.IGNORECASE)


def _clause_end(text: str, end: int) -> int:
    stop = CLAUSE_END_RE.search(text, end)
    return stop.start() if stop else len(text)


_MORE_VERDICTS: Final = 20  # sentences looked at again, at most: a long paste stays quick


def _more_verdicts(sentences: Sentences, issues: list[Issue], muted: frozenset[str],
                   sided: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The "you always/never" verdicts not yet flagged: a rule names its first hit only ("You
    always interrupt. You never help.", "You always interrupt and you never help."). Each
    sentence is read by the rules alone, with the verdicts already found in it (and the
    "never"s that take their side, ``sided``) blanked out, so the rules name the next one; "you
    always make me laugh" is no verdict. ``muted`` are rules the person turned off."""
    text = sentences.text
    rules = engine_rules()
    known = [*sided, *((i.start, i.end) for i in issues
                       if i.kind in ("always_never", "criticism"))]
    found: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for m in YOU_ALWAYS_RE.finditer(text):
        bounds = sentences.bounds(m.start())
        if bounds in seen:
            continue
        if len(seen) >= _MORE_VERDICTS:
            break
        seen.add(bounds)
        s_start, s_end = bounds
        blanked = [span for span in known if span[0] < s_end and s_start < span[1]]
        pending: list[tuple[int, int]] = []
        for c in YOU_ALWAYS_RE.finditer(text, s_start, s_end):
            if any(a < c.end() and c.start() < b for a, b in blanked):
                continue
            if VALIDATING_NEVER_RE.match(text, c.end()) or own_past_words(text, c.start()):
                blanked.append(c.span())  # its "never" takes their side: the next may not
            else:
                pending.append(c.span())
        while pending:
            sentence = _blanked(text, s_start, s_end, blanked)
            hits = [(s_start + h.start, s_start + h.end) for h in rules.find(sentence)
                    if h.rule.id not in muted and _issue_kind(
                        h.rule.label, h.rule.subtype, f"rule:{h.rule.id}",
                        sentence[h.start:h.end]) == "always_never"]
            named = [p for p in pending if any(a < p[1] and p[0] < b for a, b in hits)]
            if not named:
                break
            found.extend(named)
            blanked.extend(named)
            pending = [p for p in pending if p not in named]
    return sorted(found)


def _blanked(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the letters of each of ``spans`` (inside it) as "x"s: the same
    length, so the rules' offsets still hold, and no longer words a rule looks for."""
    chars = list(text[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            if chars[i - start].isalnum():
                chars[i - start] = "x"
    return "".join(chars)


def _on_the_pile(text: str, issue: Issue, fixes: list[Fix]) -> Issue:
    """Too much apology, on its pile of "sorry"s ("I'm sorry, I'm sorry, I'm sorry") when there
    is one, with the fix that keeps one apology (appended to ``fixes``): the first, or, when
    another fix starts on the last of the pile ("..., I'm sorry if you were hurt"), that one."""
    pile = next((m for m in _SORRY_PILE_RE.finditer(text)
                 if m.start() <= issue.start < m.end()), None) \
        or _SORRY_PILE_RE.search(text)
    if pile is None:
        return issue
    inside = [f.start for f in fixes if pile.start() < f.start < pile.end()]
    fixes.append(Fix(pile.start(), inside[0], "") if inside
                 else Fix(pile.start(), pile.end(), pile.group("first")))
    return replace(issue, start=pile.start(), end=pile.end())


def _one_reading(issues: list[Issue]) -> list[Issue]:
    """One explanation per phrase (see ``_READ_BETTER_AS``): a complaint called "fair" is not
    also a criticism or an "always/never"; and of two of a kind on the same words ("I felt hurt
    when you" and "when you left"), the one on fewer of them."""
    better = [o for o in issues if o.kind in _BETTER_READINGS]  # few: no pairwise scan of all
    read = [i for i in issues
            if i.kind not in _READ_BETTER_AS
            or not any(o.kind in _READ_BETTER_AS[i.kind] and o.start < i.end and i.start < o.end
                       for o in better)]
    kept: set[int] = set()
    cluster: list[Issue] = []  # issues of one kind whose spans run into each other
    for issue in [*sorted(read, key=lambda i: (i.kind, i.start)), None]:
        if cluster and (issue is None or issue.kind != cluster[0].kind
                        or issue.start >= max(c.end for c in cluster)):
            chosen: list[Issue] = []
            for c in sorted(cluster, key=lambda i: (i.end - i.start, i.start)):
                if not any(k.start < c.end and c.start < k.end for k in chosen):
                    chosen.append(c)
            kept.update(map(id, chosen))
            cluster = []
        if issue is not None:
            cluster.append(issue)
    return [i for i in read if id(i) in kept]


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


def _kept_apology(turn: TurnAnalysis, text: str, start: int, apology: int, but: int) -> str:
    """What the "sorry, but" example keeps of the sentence before its "but": all of it, or from
    the apology (at ``apology``) on when a clause before it is flagged itself ("You never listen,
    and I'm sorry" would recommend the "You never" another issue flags)."""
    flagged = any(ev.label.startswith("rupture.") and ev.source.startswith("rule:")
                  and start <= ev.start < apology for ev in turn.evidence)
    if flagged and start < apology < but:
        kept = text[apology:but].strip().rstrip(" ,")
        return kept[:1].upper() + kept[1:]
    return text[start:but].strip().rstrip(" ,")


def _example_before_but(turn: TurnAnalysis, kept: str, start: int, end: int) -> str:
    """The "sorry, but" suggestion's example: the apology before the "but", unless that part is
    itself a non-apology ("Sorry you feel that way"), which is no fix at all."""
    if any(ev.label == "rupture.invalidation" and ev.subtype == "non_apology"
           and "-but-" not in ev.source and start <= ev.start and ev.end <= end
           for ev in turn.evidence):
        return (f"What comes before it, \"{kept}\", is a non-apology too: it does not say "
                "what you did. Own your part instead, for example: \"I'm sorry I ...\".")
    return f"For example: \"{kept}.\"" if kept else ""


# A "but" straight after a non-apology's clause, in its sentence or opening the next one, that
# takes it back: turning on them, or on the writer's defence ("but I did nothing wrong"). A need
# ("but I need a minute") is not one, as the rules' own "sorry, but" has it.
_NEXT_BUT_RE: Final = re.compile(
    r"[,;:.!?\u2026]*\s*(?P<but>but)\s+(?:you|u|ur|your|i (?:did|didn'?t|was|wasn'?t|had|"
    r"hadn'?t|am|'m|never|only|just|really|honestly|stand|stick|meant|(?:don'?t|do not) regret|"
    r"still (?:think|believe|stand|say|mean|maintain|don'?t see)|would do it again)|"
    r"i'd do it again|i'm|im|it (?:was|wasn'?t|is|isn'?t)|it'?s|"
    r"that'?s|honestly|to be fair|in my defen[cs]e|come on|seriously|whatever|"
    r"(?:(?:he|she|they|(?:my|his|her|their|our) [a-z]+|[a-z]+) )?(?:started|began) "
    r"(?:it|this|that|the (?:fight|argument|row)))\b",
    re.IGNORECASE)
# An apology for how someone else felt, on an "if" ("I'm sorry if she felt hurt", "Sorry if your
# mum was offended"): a non-apology as "sorry if you felt" is, which the rules leave to the critic
# (theirs name "you", "anyone" and "my ..."). Not "sorry she was hurt", which is sympathy.
_IF_THEY_FELT_RE: Final = re.compile(
    r"\b(?:(?:i['\u2019]?m|i am|im) (?:(?:so|really|very|truly) )*)?(?:sorry|apologi[sz]e)"
    r"\s+(?:if|in case)\s+(?:he|she|they|(?:your|his|her|their|our) [a-z]+|(?-i:[A-Z][a-z]+))"
    r"(?:['\u2019](?:s|re)|\s+(?:feels?|felt|was|were|is|are|got|gets|seemed|seems))\s+"
    r"(?:(?:a bit|a little|so|really|very|at all|kind of)\s+)?(?:hurt|upset|offended|annoyed|sad"
    r"|bothered|put out|embarrassed|uncomfortable|left out|angry|mad|disappointed|insulted)\b"
    r"|\b(?:(?:i['\u2019]?m|i am|im) (?:(?:so|really|very|truly) )*)?(?:sorry|apologi[sz]e)\s+if"
    r"\s+(?:he|she|they|(?:your|his|her|their|our) [a-z]+|(?-i:[A-Z][a-z]+)) took (?:it|that|this)"
    r" (?:the wrong way|personally|badly|wrong)\b", re.IGNORECASE)


# What may follow a spliced apology after its comma and take it back: a "but" (not a need: "but
# I need a minute" stays, as the rules' own "sorry, but" has it) or an excuse ("honestly anyone
# would have", "I was just joking", "it was only a joke").
_TAKEN_BACK_RE: Final = re.compile(
    r"\s*,\s*(?:(?:but|though|although|except)\b(?!\s+(?:i (?:need|would like|want to "
    r"(?:talk|understand|listen|hear|make))|i['\u2019]d (?:like|love)|can we|could we|let['\u2019]?s)\b)"
    r"|(?:honestly|to be fair|in my defen[cs]e|come on|seriously|anyone would|anybody would"
    r"|everyone would|it was (?:only|just)|i was (?:only|just)|i (?:didn['\u2019]?t|did not) mean"
    r"|i (?:had|have) (?:no|a lot)|with everything|because|cause|since)\b)", re.IGNORECASE)


def _takes_it_back(text: str, said: str, end: int) -> bool:
    """Whether what follows a spliced apology (ending at ``end``) in its sentence takes it
    back: the non-apology's own words had a "but" in them ("sorry, but with everything going
    on, ...": the rest of the sentence is that "but"), or a "but" or an excuse follows it."""
    if not text[end:].lstrip().startswith(","):
        return False
    return bool(_BUT_RE.search(said) or _TAKEN_BACK_RE.match(text, end))


def _apology_issues(turn: TurnAnalysis, messages: Mapping[str, tuple[str, str]]
                    ) -> list[Issue]:
    """Excuses, an apology that names nothing, and too many apologies (inside an apology only)."""
    text = turn.text
    apologies = list(_APOLOGY_RE.finditer(text))
    if not apologies:
        return []
    found: list[tuple[str, int, int]] = []
    if not _NO_EXCUSE_RE.search(text):
        found += [("excuse", m.start(), m.end()) for m in _EXCUSE_RE.finditer(text)
                  if not _disowned(text, m.end()) and not _unsaid(text, m.start())][:1]
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
    elif (piled := too_much(text)) is not None:
        found.append(piled)
    return [Issue(kind=KIND.get(kind, kind), start=start, end=end, message=messages[kind][0],
                  suggestion=messages[kind][1]) for kind, start, end in found]


def _non_apology_fix(turn: TurnAnalysis, sentences: Sentences, start: int, end: int,
                     unbutted: list[tuple[int, int]]) -> Fix | None:
    """The fix for a non-apology on ``start:end``: an apology that owns a part in its place,
    taking with it a "but" that takes it back (whose span is added to ``unbutted``), or the cut
    of a sentence that points back to an earlier apology; None when no fix is safe."""
    text = sentences.text
    fix = _cut_if_owned(turn, sentences, start, end) or owning_apology(text, start, end)
    clause_end = CLAUSE_END_RE.search(text, end)
    but = _NEXT_BUT_RE.match(text, clause_end.start()) if clause_end else None
    if but is not None:  # "..., but I did nothing wrong": the "but" takes it back too
        b_end = len(text[:sentences.bounds(but.start("but"))[1]].rstrip())
        unbutted.append((but.start("but"), b_end))
        if fix is not None and ARRANGEMENT_RE.search(text, but.end("but"), b_end):
            # "..., but you're dropping them at 6pm on Friday": the arrangement stays, as written;
            # only the "but" that turned it against the apology goes.
            fix = Fix(fix.start, but.end("but"), fix.replacement)
        elif fix is not None:
            fix = Fix(fix.start, sentence_stop(text, b_end), _unstopped(fix.replacement))
    elif fix is not None and fix.replacement and (
            taken := _TAKEN_BACK_RE.match(text, fix.end)) is not None and taken.group().strip(
            " ,").lower() in _CONTRASTS and ARRANGEMENT_RE.search(
            text, taken.end(), sentences.bounds(fix.end)[1]):
        # "Sorry you feel that way, but I'll be collecting them at 10am on Saturday 14 June":
        # an arrangement is no blame. The apology is owned in its place, the "but" goes, and
        # what follows it stays exactly as written.
        fix = Fix(fix.start, taken.end(), fix.replacement)
    elif fix is not None and fix.replacement and _takes_it_back(text, text[start:end], fix.end):
        # "I'm sorry I ..., honestly anyone would have forgotten": the rest of a
        # "sorry, but" clause, a "but" or an excuse after the spliced apology would take it
        # back; it goes to the sentence's end.
        s_end = sentences.bounds(fix.end)[1]
        fix = Fix(fix.start, sentence_stop(text, s_end), _unstopped(fix.replacement))
    return fix


_CONTRASTS: Final = frozenset({"but", "though", "although", "except"})


def _cut_but(turn: TurnAnalysis, text: str, but: re.Match[str], s_start: int, s_end: int) -> Fix:
    """The fix for a "sorry, but": the "but" to its sentence's end goes, unless what follows it
    names a time, date or amount ("..., but pick-up is at 6pm on Friday"): an arrangement is no
    excuse, and stays as written; only the "but" goes (the non-apology's own fix, when there is
    one, takes the apology before it)."""
    if not ARRANGEMENT_RE.search(text, but.end(), s_end):
        return Fix(but.start(), sentence_stop(text, s_end), ".")
    if any(e.label == "rupture.invalidation" and e.subtype == "non_apology"
           and "-but-" not in e.source and s_start <= e.start < but.start() for e in turn.evidence):
        return Fix(but.start(), but.end(), "")
    rest = text[but.end():s_end]
    word = but.end() + len(rest) - len(rest.lstrip())
    return Fix(but.start(), word + 1, ". " + text[word].upper())


def _unstopped(replacement: str) -> str:
    """``replacement`` without its closing stop (the draft's own follows), but never the dots of
    the gap the person fills in ("I'm sorry I ...")."""
    return replacement if replacement.endswith(GAP) else replacement.rstrip(".")


def _owned_elsewhere(turn: TurnAnalysis, withdrawal: Evidence) -> bool:
    """Whether an appeasing "You're right, I'm sorry" apologises in a message that owns what
    the writer did elsewhere, with a rule to show it ("I kept teasing you ... That was
    unkind."): an apology that goes on to own something is not said to close the talk."""
    return (withdrawal.subtype == "appeasing"
            and _APOLOGY_RE.search(withdrawal.text) is not None
            and any(e.label == "repair.responsibility" and e.source.startswith("rule:")
                    and not (e.start < withdrawal.end and withdrawal.start < e.end)
                    for e in turn.evidence))


def _cut_if_owned(turn: TurnAnalysis, sentences: Sentences, start: int, end: int) -> Fix | None:
    """Cut a sentence that only points back to an earlier apology ("I've apologised three times
    already.") when the message owns its part elsewhere: a second, stock apology adds nothing."""
    s_start, s_end = sentences.bounds(start)
    text = sentences.text
    if not _ALREADY_SORRY_RE.search(text, start, end) or text[s_start:start].strip():
        return None
    owned = any(e.label == "repair.responsibility" and e.source.startswith("rule:")
                and not (s_start <= e.start < s_end) for e in turn.evidence)
    return Fix(s_start, s_end, "") if owned and text[:s_start].strip() else None


def _explained_as(kind: str, span: str, source: str = "") -> str:
    """Which explanation fits the words: a non-apology is not always about "their feelings"."""
    for marker, explanation in _EXPLAINED_BY_RULE.items():
        if marker in source:
            if explanation == "admission_but" and _APOLOGY_RE.search(span):
                return kind
            return explanation
    if kind != "non_apology" or _THEIR_FEELINGS_RE.search(span):
        return kind
    return "already_sorry" if _ALREADY_SORRY_RE.search(span) else "hollow_apology"


# The explanation that fits what a rule names, by a part of its id (the kind stays the rule's).
_EXPLAINED_BY_RULE: Final = {
    # "non-apology-blame-", not "-blame-": a complaint's blame ("complaint-blame-04") says no sorry.
    "non-apology-blame-": "blame_apology",
    "-grudging-": "grudging_apology",
    "-justify-": "justifying",
    "-turnback-": "turning_back",
    "non-apology-but-06": "admission_but",
    # Round fifteen: control called a boundary or care, a diagnosis that sets their words aside,
    # a feeling granted and taken back, their hurt turned round, and a push to drop the talk.
    "-control-": "control",
    "-diagnosis-": "diagnosis",
    "-unreal-": "taken_back",
    "-reversal-": "reversal",
    "-dropit-": "drop_it_pressure",
    "-past-limit-": "past_limit",
    # Guilt in polite words ("It's fine. I'm used to it by now."): a hurt not said (round fifteen).
    "pressure-guilt-": "unsaid_hurt",
    "-denied-harm-": "denied_harm",
}
# Defensiveness whose words a rewrite cuts: a justification or blame turned back, said beside
# an apology (the older defensiveness rules are left with no rewrite).
_CUT_WHOLE_RULES_RE: Final = re.compile(r"-(?:justify|turnback)-")
# A semicolon, colon or dash that ends the words before a hostile clause (see find_issues).
_CLAUSE_BREAK_END_RE: Final = re.compile(r"\s*(?:[;:\u2013\u2014]|\s-)\s*\Z")
# The "but" (or "though") that takes an apology back: in its sentence or opening the next.
_SORRY_BUT_RE: Final = re.compile(
    r"(?:,?\s*\b(?P<but>but|though|although|tho|even though)\b)", re.IGNORECASE)
# Pushing them to be over it: an end to the talk ("so you have to drop it now", "That means we're
# done talking about it"), an ultimatum ("Accept it by tonight or don't bother coming home",
# "Forgive me now or we're finished") and forgiveness or trust on a clock ("I need you to forgive
# me by Christmas", "When are you going to trust me again?"). Not the open question ("Can you
# forgive me?", "I hope one day you can trust me again") or "you don't have to forgive me".
_WHEN: Final = (r"(?:tonight|tomorrow|today|christmas|the weekend|the end of (?:the )?\w+|"
                r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next \w+|now|then)")
_PUSHING_ON_RE: Final = re.compile(
    r"(?P<ultimatum>\b(?:forgive me|accept (?:it|this|that|my apology)|get over it|drop it|let it"
    r" go|move on|trust me)\b[^.?!\n]{0,40}?\bor (?:else\b|don['\u2019]?t (?:bother|come|expect)"
    r"|we['\u2019]?re (?:done|finished|over|through)|i['\u2019]?m (?:leaving|gone|done|out)|it['\u2019]?s"
    r" over|i['\u2019]?ll (?:leave|go))[^.?!\n]*"
    rf"|\b(?:accept|forgive|trust)\b[^.?!\n]{{0,20}}?\bby {_WHEN}\b[^.?!\n]*)"
    r"|(?P<drop_it_pressure>\b(?:you|u)\s+(?:have|need|got|ought)\s+to\s+(?:just\s+)?(?:drop it"
    r"|let (?:it|this|that) go|move on|get over it|stop bringing (?:it|this|that) up|forget (?:about )?"
    r"(?:it|this|that))\b[^.?!\n]*"
    r"|\b(?:that|which|this) means (?:we['\u2019]?re|we are) (?:done|finished|through) (?:talking"
    r"|discussing|with (?:it|this|that))\b[^.?!\n]*"
    r"|\bend of (?:discussion|story|conversation)\b"
    r"|\bwhy (?:are|r) (?:you|u) still (?:so )?(?:upset|mad|angry|annoyed|sulking|hurt|going on about"
    r" (?:it|this|that))\b[^.?!\n]*"
    r"|\b(?:you(?:['\u2019]re| are)|ur|u r) (?:just |only |now )?punishing me\b[^.?!\n]*)"
    r"|(?P<forgiveness_pressure>\bi (?:need|want) (?:you|u) to (?:forgive|trust) me\b[^.?!\n]*"
    r"|\bwhen (?:are|will) (?:you|u) (?:going to |gonna )?(?:trust|forgive) me(?: again)?\b"
    r"|\bhow long (?:are|will) (?:you|u) (?:going to |gonna )?(?:punish|hold (?:this|it) against)"
    r" me\b)", re.IGNORECASE)
_SENTENCE_LEAD_RE: Final = re.compile(
    r"\s*(?:(?:and|so|honestly|frankly|actually|look|listen|well|seriously|let['\u2019]?s be"
    r" honest|to be honest|if anything)[,]?\s+)*\Z", re.IGNORECASE)


def cut_justification(sentences: Sentences, start: int) -> list[Fix]:
    """Cut what starts at ``start`` to the end of its sentence: the sentence, when only a lead
    word or two ("Honestly", "So") comes before it, or the clause, from the comma or the "and",
    "but", "so" that leads into it. Nothing when neither can go cleanly."""
    text = sentences.text
    s_start, s_end = sentences.bounds(start)
    before = text[s_start:start]
    if _SENTENCE_LEAD_RE.fullmatch(before):
        if not (text[:s_start].strip() or text[s_end:].strip()):
            return []
        return [Fix(s_start, s_end, "")]
    fixes = cut_criticism(sentences, start)
    if fixes:
        return [replace(f, complaint=False) for f in fixes]
    comma = re.search(r"\s*[,;:\u2013\u2014-]\s*\Z", before)
    if comma is None:
        return []
    return [Fix(s_start + comma.start(), sentence_stop(text, s_end), "")]


def _issue_kind(label: str, subtype: str | None, source: str, text: str) -> str | None:
    # As the rules read it: full-width letters and odd spaces folded, invisible marks dropped.
    text = "".join(c for c in normalise(text) if unicodedata.category(c) != "Cf")
    if label == "rupture.confrontation":
        if subtype == "criticism" and "always-never" in source and _ALWAYS_NEVER_RE.search(text):
            return "always_never"  # "you don't care" is a criticism, with no "always" to name
        if subtype == "complaint" and YOU_ALWAYS_RE.search(text):
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
