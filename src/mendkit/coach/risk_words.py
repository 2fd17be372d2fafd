"""Words that can tell of a risk, however indirectly: whether a sign of crisis only the learned
model saw in an answer to the coach is worth the risk question.

The model reads many everyday answers as a crisis ("I regret not setting an alarm", "I don't like
being told to breathe", "until I feel ok", "my husband leaves his socks everywhere"), and asking
someone about self-harm for saying they went quiet at dinner tells them they were misread as a
danger. So such a sign is asked about when the model still reads a crisis in the answer read
after the question it answers, or when the answer has words from this list
(``safety_gate.worth_asking``): death, dying or not waking up, ending it or being gone, despair
("no point", "a burden", "can't go on"), a means (pills, a rope, a bridge, a blade), hurting
oneself or someone else, fear of someone, being locked in, followed or threatened, hiding or
getting away, giving things away or saying goodbye. The words are many and wide on purpose: the
question costs less than a miss. A rule's sign is not read here (it stops, or is asked about, as
before).

Measured on the corpus's crisis messages outside the test split, each read alone as the coach
reads an answer, and after the coach's questions: ``training/coach_risk_words.py``.
"""

from __future__ import annotations

import re
from typing import Final

# Death and dying, and wanting not to live ("take me the life", "no point to live", "kms").
_DEATH: Final = (
    r"di(?:e|es|ed|ing)|dead|deid|death|kill\w*|suicid\w*|kms|kys|unalive\w*|alive"
    r"|(?:my|me|the|own) (?:own )?life|end (?:it|my|me|things|everything)\b|endin\w*"
    r"|ending (?:it|things|everything|my|me)|(?:want|wanna|point|reason|worth|not|feeling like)"
    r" (?:to )?li(?:ve|ving)|li(?:ve|ving) (?:more|anymore|any more|again)|(?:stop|stopped) "
    r"existing|exist anymore|not exist|funeral|grave|in the ground|six feet")
# Being gone or not waking, goodbyes, giving things away, getting affairs in order.
_GONE: Final = (
    r"(?:be|being|been|i'?m|im|already) gone|(?:be|being|stay|staying) (?:here|around)"
    r"|won'?t be (?:here|around|needing|needed|back|at)|(?:not|never|won'?t|don'?t|no|n't) "
    r"(?:to )?wake|wake up|stop(?:s|ped)? in my sleep|sleep forever|disappear\w*|vanish\w*"
    r"|for good|goodbye\w*|good-?bye|farewell|last (?:time|night|thing|message|trip"
    r"|visit)|thank\w* (?:you )?for everything|remember me|from now on|look after|take care of"
    r" (?:him|her|them|my)|if (?:anything|something) happens|if i'?m not|made up my mind"
    r"|who gets|give (?:away|out)|giving (?:away|out)|gave (?:away|out)|handing out"
    r"|letters|(?:a|the|suicide|goodbye) note|password|bank details|my will|stick around"
    r"|(?:was|is|were)(?:n'?t| not) (?:your|their|her|his) fault|none of (?:it|this) (?:was|is)"
    r" (?:your|their|her|his) fault"
    r"|miss me|without me|be with (?:him|her|them)|after tonight|not (?:be )?around")
# Despair: no point, a burden, better off, can't go on, given up, wanting it to stop.
_DESPAIR: Final = (
    r"(?:no|what'?s the|whats the|the) point|pointless|better off|burden\w*|nobody (?:would"
    r"|will|cares?|wants?|needs?)|no ?one (?:would|will|cares?|wants?)|nothing left|no reason"
    r"|hopeless\w*|worthless|no hope|give up|giving up|gave up|given (?:it|up)|can'?t (?:go on"
    r"|do this|take (?:it|this|any)|cope|keep (?:going|doing)|carry on)|cannae|nae mair|tired of"
    r"|sick of (?:living|life|being|it all|everything)|done with (?:life|everything|it all"
    r"|living)|i'?m done|had enough|trapped|way out|make (?:it|the pain|this) stop"
    r"|hurts? too much|want (?:it|this|everything|the pain) to (?:stop|end)|stop feeling"
    r"|hate myself|deserve (?:it|this|to)|broken"
    r"|don'?t (?:want|wanna) to (?:be here|do (?:tomorrow|this anymore))|anymore|any more"
    r"|ever again")
# A means: pills, a rope, a height, a train, a blade, a gun, something put in food or drink.
_MEANS: Final = (
    r"pills?|tablets?|meds|medication|antidepressants?|paracetamol|painkillers?|drugs?"
    r"|overdos\w*|poison\w*|sniper|bleach|rope|noose|hang(?:ing|ed)? myself|hanging|bridge"
    r"|footbridge|trains?|tracks|railway|in front of (?:a|the) (?:train|bus|car)|jump\w*|ledge|roof"
    r"|balcony|multi-?stor(?:e?y|ey)|cliff|railing|drown\w*|guns?|rifle|shotgun|crossbow"
    r"|knife|knives|blade\w*|razor\w*|sharp|hammer|bat|crowbar|weapon\w*|lighter|spik\w*"
    r"|put something|(?:the|my) plan\b"
    r"|in (?:the|his|her|their|someone's) (?:tea|drink|milk|food)")
# Hurting oneself: cutting, burning, hitting oneself, not eating, hiding wounds.
_SELF_HARM: Final = (
    r"cut|cuts|cutting|cutt?in|bleed\w*|blood|bled|burn\w*|scratch\w*|scars?|scarred|wounds?"
    r"|stitches|plasters?|bandag\w*|long sleeves|bit(?:e|ing)? (?:my|myself)|bang\w* my"
    r"|(?:hit|hitting|punch\w*|hurt\w*|harm\w*|pull\w*|pick\w*) (?:out )?(?:my|myself)\b"
    r"|hurt(?:s|ing)? (?:themselves|yourself|ourselves|it again)|on purpose|(?:days|weeks|months"
    r"|years) clean|self[- ]harm\w*|harm\w*|relaps\w*|clean for|starv\w*|(?:not|don'?t|won'?t"
    r"|stopped) (?:let myself )?eat\w*|haven'?t (?:had anything|eaten)|punish\w*|purg\w*"
    r"|make myself sick|to myself")
# Hurting someone else, or a threat to: hit, stab, shake, make them pay, wait for them.
_HARM: Final = (
    r"(?<!n't )(?<!not )(?<!never )hurt(?:s|ing)? (?:him|her|them|you|u|someone|somebody"
    r"|anyone|people|the|my|his|her)|hit|hits|hitting|punch\w*|slap\w*|smack\w*|kick\w*|smash\w*"
    r"|stab\w*|shoot\w*|shot|strangl\w*|chok\w*|throttl\w*|shak(?:e|es|ing|en)|shook|beat"
    r"|beats|beating|beaten|batter\w*|attack\w*|violen\w*|rage|lose it|lost it|los(?:e|ing) "
    r"control|fist|teeth|skull|break (?:my|your|his|her) \w+|what (?:my hands|i'?ll|i would"
    r"|i'?d|i) (?:will |might |could )?do|do something|(?:make|making|made) (?:him|her|them|you"
    r"|someone|them all) (?:pay|sorry|suffer|regret)|pay for|payback|revenge|get (?:him|her"
    r"|them) (?:back|first)|get first|sort(?:ing)? (?:him|her|them|out)|deal with|teach\w* "
    r"(?:him|her|them)|lesson|find out what|with (?:his|her|their) "
    r"name on|something (?:for|in|sharp)|bringing something|list of|names of|where (?:he|she"
    r"|they|i'?d) (?:lives?|wait)|wait(?:ing)? (?:for|outside)|outside (?:her|his|their|my ex)"
    r"|(?:parked|sat|sitting|been) outside|address|on (?:his|her|their) own|picturing|flashes"
    r"|urges?|not responsible|can'?t take back|mean it|not joking|not messing|not kidding"
    r"|he means it|means it|won'?t stop|grab\w*|shov\w*|pinn\w*"
    r"|(?:hold|holds|held) (?:me|her|him) down|throw\w* (?:me|her|him|things|stuff)"
    r"|threw (?:me|her|him|things|stuff|a)")
# Danger from someone: fear, threats, being locked in, watched, followed or cut off, shamed by
# family, and getting away (a bag left with a friend, papers, running).
_DANGER: Final = (
    r"scared|scary|afraid|frighten\w*|terrif\w*|fear\w*|danger\w*|unsafe|not safe|threat\w*"
    r"|lock(?:s|ed|ing)?|keys|won'?t let me|doesn'?t let me|not allowed|took my|takes my"
    r"|taken my|black eye|bruis\w*|blocks? the door|blocked the door|follow(?:s|ed|ing)"
    r"|watching me|photos? of me|pic|pics|nudes?|send (?:more|\d+|three|two) more|followers"
    r"|blackmail\w*|sextort\w*|stalk\w*|track(?:s|ed|ing|er)|knows? (?:where|my|when)"
    r"|police|hid(?:e|es|ing|den)? (?:from|in|my|the|under)|in case i need|run away|ran away"
    r"|need to run|leave a bag|birth certificates?|(?:he|she|they)(?:'ll| will)? go(?:es)? mad"
    r"|if (?:he|she|they) finds? out|not a word|finish me|make sure i|shame\w*|disgrace|honou?r"
    r"|marry|forc\w*|touch(?:es|ed|ing)? me|grooming")
_WORDS: Final = re.compile(
    rf"(?<!\w)(?<!\w')(?:{_DEATH}|{_GONE}|{_DESPAIR}|{_MEANS}|{_SELF_HARM}|{_HARM}|{_DANGER})"
    r"(?!\w)(?!'\w)",
    re.IGNORECASE)
# The gravest of them: death or dying, and a means. After a clear no at the risk check, a later
# sign only the model saw is asked about again when its answer names one of these that no answer
# they said no about named (``risk_check.declined``): a new kind of sign, not the same misreading.
_GRAVE: Final = re.compile(rf"(?<!\w)(?<!\w')(?:{_DEATH}|{_MEANS})(?!\w)(?!'\w)", re.IGNORECASE)


def grave_words(text: str) -> frozenset[str]:
    """The words of death or of a means in ``text`` (``_DEATH``, ``_MEANS``), lower-cased.

    >>> sorted(grave_words("I've started counting how many Pills are in the cupboard"))
    ['pills']
    >>> grave_words("I relapsed three weeks ago and hid the bottles")
    frozenset()
    """
    folded = text.replace("\u2019", "'")
    return frozenset(found.group().lower() for found in _GRAVE.finditer(folded))


def risk_words(text: str) -> tuple[str, ...]:
    """The words in ``text`` that could tell of a risk, as written (none: an everyday answer).

    >>> risk_words("I regret not setting an alarm. I always think I'll remember and I never do.")
    ()
    >>> risk_words("I've started counting how many pills are in the cupboard")
    ('pills',)
    """
    folded = text.replace("\u2019", "'")
    return tuple(found.group() for found in _WORDS.finditer(folded))


def may_tell_of_risk(text: str) -> bool:
    """Whether ``text`` has any word that could tell of a risk (``risk_words``)."""
    return bool(risk_words(text))
