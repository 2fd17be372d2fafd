"""The words the critic reads for itself: feelings that blame, "you always/never" verdicts,
excuses, vague and piled-up apologies, and the patterns that tell them from the words around them.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit._rewrite import sentence_stop
from mendkit.analysis.pipeline import analyze_turn
from mendkit.labels import is_rupture

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
    # Inside words that press past a no ("come on, ... you said you'd think about it"), the
    # "you said you'd" is the push, not a fair complaint (round eighteen).
    "complaint": frozenset({"criticism", "always_never", "contempt", "hostility",
                            "thought_as_feeling", "pressure"}),
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
