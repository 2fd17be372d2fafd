"""What the coach's composer may not say to the other person, whoever first said it.

People answer the coach in the heat of the moment: they swear ("fucking furious"), insult ("him
to stop being a dick"), threaten ("next time I'll throw his phone out the window", "I could kill
him lol"), vent instead of owning ("regret ever dating him", "I want to tell him he's pathetic")
or tell of danger from the other person ("he blocks the door and I freeze"). None of it belongs
in a repair written in the person's name: these screens find it, so the composer can leave it out
or say it in plain words, and say that it did. Pure functions over the rules (no model).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.analysis.safety import ABUSE_KINDS
from mendkit.coach.harm_words import OTHER, THREAT, WHOSE
from mendkit.coach.safety_gate import fears_or_blames_self
from mendkit.coach.self_blame import LEFT_OUT_LINES as _SELF_BLAME_LINES
from mendkit.coach.self_blame import without_self_blame
from mendkit.labels import CRISIS
from mendkit.model import Conversation, Evidence

_I: Final = re.IGNORECASE
# Swearing and slurs: said of anyone, they are never Mend's words.
_PROFANE: Final = (r"(?:retard\w*|bitch\w*|bastard\w*|asshole\w*|arsehole\w*|dick|dickhead\w*"
                   r"|prick\w*|cunt\w*|twat\w*|shit\w*|bullshit|fuck\w*|slut\w*|whore\w*"
                   r"|piss\w*|wanker\w*|piece of \w+)")
# Words that insult or swear: Mend never writes them into a draft of its own, whoever said them
# (an insult I own is said plainly: see ``owned_plainly``).
HOSTILE: Final = re.compile(
    rf"\b(?:{_PROFANE}|stupid|idiot\w*|moron\w*|dumbass|ass|arse|crap\w*|jerk\w*|loser\w*"
    r"|worthless|psycho\w*|screw you|(?:dumb|silly|stupid|fat|old|lazy|ugly) (?:cow|pig|cunt"
    r"|bitch|idiot|git|sod)|go to hell|drop dead|get lost"
    r"|shut (?:up|(?:[\w']+ ){0,2}(?:mouth|face|trap)))\b", _I)
_HURTFUL_KINDS: Final = frozenset(("hostility", "contempt"))
# Insults, in Mend's own list: names for a person ("slob", "psycho", "crybaby"), which insult
# wherever they stand, and words that judge who someone is ("pathetic", "useless"), which insult
# when said of someone ("you're pathetic", "stop being so useless", "a useless cow"): "I feel
# useless" stays a feeling. Said of myself ("I was such a coward") neither is an insult to them.
# Mild words for what someone does ("lazy", "selfish", "rude") are not here.
# Of them, the scorn (words that put someone beneath me, or name them as mad: "pathetic",
# "psycho", "loser") is never repeated, even where I own it ("calling her names"); plainer
# words ("stupid", "a cow", "a coward") are named when owned: saying what I said is owning it.
_SCORN_NAMES: Final = (
    r"(?:slobs?|hags?|morons?|moronic|imbeciles?|cretins?|halfwits?|dimwits?|nitwits?"
    r"|numpt(?:y|ies)|muppets?|plonkers?|tossers?|knobheads?|bellends?|douche\w*|scumbags?"
    r"|lowlifes?|dirtbags?|sleazebags?|weirdos?|nutcases?|nutjobs?|nutters?|jackass\w*"
    r"|dumbass\w*|airheads?|bimbos?|slappers?|trollops?|harp(?:y|ies)|skanks?|skanky|slags?"
    r"|crybab(?:y|ies)|snowflakes?|wuss(?:es|y)?|wimps?|siss(?:y|ies)|buffoons?|deadbeats?"
    r"|psychos?|psychopaths?|sociopaths?|narcissists?|perverts?|pervs?|junkies?|leech(?:es)?"
    r"|parasites?|losers?|idiots?|creeps?(?! (?:\w+ )?out)|freaks?(?! out)|spastics?|maniacs?"
    r"|lunatics?|waste of (?:space|oxygen|skin)|drama queens?|control freaks?"
    r"|(?:mummy|mommy|mama|momma)'?s boys?|piece of work"
    r"|excuse for a (?:man|woman|human|person|husband|wife|partner))")
_INSULT_NAMES: Final = (rf"(?:{_SCORN_NAMES}|(?<!guinea )pigs?(?! out)|(?<!holy )cows?|jerks?"
                        r"|brats?|clowns?|cowards?)")
_SCORN_JUDGING: Final = (r"(?:pathetic|worthless|spineless|gutless|disgusting|vile|revolting"
                         r"|brainless|retarded|psychotic|deranged|unhinged|good[- ]for[- ]nothing)")
_JUDGING: Final = (
    rf"(?:{_SCORN_JUDGING}|useless|ugly|fat|dumb|stupid|thick|clueless|incompetent"
    r"|crazy(?! (?:about|for|busy))|mental(?! health)|insane|hysterical|evil|two[- ]faced)")
_INTENSE: Final = (r"(?:\s+(?:are|is|was|were|r|been|being|acting|act|acts|behaving|looks?|sounds?"
                   r"|seems?|such|so|a|an|really|totally|completely|utterly|absolutely|fucking"
                   r"|bloody|just|pretty|too|the most|bit of|little|big|fat|old|like|complete"
                   r"|total|real|right|such a|always|never not)\b)*\s+")
_INSULT: Final = re.compile(
    rf"\b{_INSULT_NAMES}\b"
    # "you're pathetic", "he's so useless", "hes a pathetic drunk", "you useless lump".
    rf"|\b(?:you|u|ya|ur|he|she|they)(?:'re|re|'s|s)?\b{_INTENSE}{_JUDGING}\b"
    # "stop being so pathetic", "don't be so dumb".
    rf"|(?<!\bfor )(?<!\bof )(?<!\bme )\b(?:being|be|acting|behaving)\s+(?:(?:so|such|a|an|total"
    rf"|complete|right|real|really|like)\s+)*{_JUDGING}\b"
    # "a useless cow", "pathetic excuse for a man", "stupid bitch".
    rf"|\b{_JUDGING}\s+(?:(?:little|old|lazy|fat|drunk)\s+)?(?:man|woman|person|human|drunk"
    r"|husband|wife|boyfriend|girlfriend|partner|father|mother|dad|mum|mom|son|daughter|brother"
    r"|sister|lump)\b"
    # "stop acting like a baby", "he's such a baby".
    r"|\b(?:being|acting|act|acts|behaving|you(?:'re|re)?|he(?:'s|s)?|she(?:'s|s)?"
    r"|they(?:'re|re)?|such)\s+(?:like\s+)?(?:a |an |such a |such )?(?:big |total |complete "
    r"|whiny |spoilt |spoiled )?bab(?:y|ies)\b", _I)
# Just before an insult: it is said of myself ("I'm such an idiot", "I feel like a coward").
_OF_MYSELF: Final = re.compile(
    r"(?:\bi(?:'m|m| am| was| feel| felt|'ve been| have been| must be| must have been| looked"
    r"| look| sounded| sound| acted| act)?|\bfeel(?:s|ing)?|\bfelt|\bme|\bmyself)"
    r"(?:\s+(?:such|so|a|an|like|really|total|complete|bit of|little|right|real|the|being|been"
    r"|acting|such a|an absolute|a total|a complete|a right|a real))*\s*$", _I)


def _insults(text: str) -> bool:
    """Whether ``text`` insults someone in words of Mend's own list (``_INSULT``): never an
    insult said of myself ("I was such a coward")."""
    return any(not _OF_MYSELF.search(text[:found.start()]) for found in _INSULT.finditer(text))


# Digs: put-downs that need no swear word ("grow a spine", "apologise for once", "man up").
_DIG: Final = re.compile(
    r"\bfor once\b(?! (?:in a while|we)\b)|\bgrow (?:a (?:spine|pair)|some balls)\b"
    r"|(?:^|[.!?,]\s*|\b(?:just|to|should|please) )grow up\b"
    r"|\bman up\b|\bget a grip\b|\bget over (?:it|yourself)\b|\bact your age\b", _I)


@lru_cache(maxsize=512)
def _rule_evidence(text: str) -> tuple[Evidence, ...]:
    """What the rules (no model) find in ``text``, as one turn: the screens ask several times."""
    turn = analyze_conversation(Conversation.from_turns([("you", text)]), mode="rules").turns[0]
    return turn.evidence


def hurtful(text: str) -> bool:
    """Whether an answer insults or swears: a word of ``HOSTILE``, a dig ("grow a spine for
    once"), an insult of Mend's list said of someone ("stop being a lazy slob", "he's
    pathetic"), or hostility or contempt the rules find in it ("stop being a dumb cow").

    >>> hurtful("stop being a lazy slob"), hurtful("I feel useless")
    (True, False)
    """
    if not text.strip():
        return False
    text = text.replace("\u2019", "'")
    return bool(HOSTILE.search(text) or _DIG.search(text) or _insults(text)) or any(
        e.label == "rupture.confrontation" and e.subtype in _HURTFUL_KINDS
        for e in _rule_evidence(text))


# Who: the other person ("him", "you", "my husband"), and their things (``harm_words``).
_WHOM: Final = OTHER
_WHOSE: Final = WHOSE
# Threats and violence: one source with the safety gate (``harm_words``).
_THREAT: Final = THREAT

# Danger from the other person that no rule names a crisis: blocking the way out, cornering,
# pinning, shoving past, throwing things at me, punching walls.
_INTIMIDATION: Final = re.compile(
    r"\b(?:block(?:s|ed|ing)?|stand(?:s|ing)? in|stood in) (?:the |my )?(?:door(?:way)?"
    r"|way out|exit|hall(?:way)?)\b"
    r"|\b(?:won'?t|wouldn'?t|doesn'?t|didn'?t|does not|did not) let me (?:leave|go|out|get out"
    r"|get past)\b"
    r"|\bcorner(?:s|ed|ing)? me\b|\block(?:s|ed)? me (?:in|out)\b|\bpin(?:s|ned)? me\b"
    r"|\bshov\w* (?:past|into|against) me\b|\bg[eo]ts? (?:up )?in my face\b"
    r"|\bthr(?:ow|ows|ew|owing) (?:[\w']+ ){0,2}at me\b|\braise[sd]? (?:his|her|their) (?:hand"
    r"|fist)\b|\b(?:punch|kick|hit|smash)\w* (?:the |a |holes? in the )?(?:wall|door)s?\b",
    _I)


def threatens(text: str) -> bool:
    """Whether an answer threatens the other person or their things, or tells of violence
    ("next time I'll hit him back", "I could kill him lol", "I'm gonna key his car", "I
    slapped her"): words no repair can carry, however they were meant.

    >>> threatens("next time I'll throw his phone out the window"), threatens(
    ...     "I'll never hurt you again")
    (True, False)
    """
    text = text.replace("\u2019", "'")
    return bool(_THREAT.search(text)) or any(
        e.label == CRISIS and e.subtype == "harm_to_others" for e in _rule_evidence(text))


def endangered(text: str) -> bool:
    """Whether an answer tells of danger from the other person: fear of them, their harm or
    threats, blame for their harm (``fears_or_blames_self``), being blocked in or cornered, or
    any other sign of crisis a rule (not a weak hint) finds. Quoting it to them could put the
    person at risk. (Blame for their temper alone, "it's my fault she lost her temper", is left
    out by ``lowered_self`` with words of its own.)"""
    text = text.replace("\u2019", "'")
    return bool(fears_or_blames_self(text, anger=False) or _INTIMIDATION.search(text)
                or own_crisis(text)) or bool(_crisis_signs(text))


# Words of the person's own crisis, said of themselves: what no draft quotes, whether or not a
# rule or the model saw a sign (after a "no" at the risk check too: the no was about whether
# they are safe, not about what the other person should read).
_OWN_CRISIS: Final = re.compile(
    r"\b(?:kill(?:ed|ing)? myself|end(?:ed|ing)? (?:it all|my (?:own )?life|myself)"
    r"|t(?:ake|ook|aking) my (?:own )?life|suicid\w*|(?:hurt|cut|harm)(?:ing)? myself"
    r"|self[- ]harm\w*|overdos\w*"
    r"|(?:want|wanted|wanna|wish|wishing) (?:to )?(?:just )?(?:die|be dead|not be (?:here|alive)"
    r"|disappear(?: forever)?)"
    r"|better off (?:dead|without me)|(?:don'?t|do not) want to (?:be here|live|exist) any ?more"
    r"|can'?t go on(?: any ?more| like this)?\s*(?:[.!?,]|$)"
    # "Some days I wish it was all over": a wish for it all to end, not for the row to.
    r"|wish\w* (?:that )?(?:it|this|everything|it all|all this) (?:was|were|would|could|'d)?"
    r" ?(?:just )?(?:all )?(?:be )?(?:all )?over\b(?<=all over)(?! between| with)"
    r"|wish\w* (?:that )?(?:it|this) (?:would |could )?all (?:be )?over\b(?! between| with)"
    r"|nothing matters(?: any ?more)?\s*(?:[.!?,]|$)"
    r"|no (?:point|reason) (?:in )?(?:living|going on|being here|to live))", re.IGNORECASE)


def own_crisis(text: str) -> bool:
    """Whether ``text`` says, in words of the person's own crisis, that they think of dying or
    of hurting themselves ("everyone would be better off if I killed myself", "nothing matters
    anymore"): never quoted in a draft, whatever the risk check's answer was.

    >>> own_crisis("some nights I think everyone would be better off if I killed myself")
    True
    >>> own_crisis("nothing matters more to me than us")
    False
    """
    return bool(_OWN_CRISIS.search(text.replace("\u2019", "'")))


def _crisis_signs(text: str) -> list[Evidence]:
    """The signs of crisis the rules (not a weak hint) find in ``text``."""
    return [e for e in _rule_evidence(text) if e.label == CRISIS and e.source.startswith("rule:")
            and not e.source.startswith("rule:crisis/weak-")]


def danger_kind(text: str) -> str:
    """Why an answer that is ``endangered`` is never said: ``"danger"`` when it tells of danger
    from the other person, ``"crisis"`` when all it shows is a sign of the person's own crisis
    ("I'm sorry for everything" can read as a farewell): that is no danger from them.

    >>> danger_kind("I'm sorry for everything"), danger_kind("he blocks the door")
    ('crisis', 'danger')
    """
    text = text.replace("\u2019", "'")
    if fears_or_blames_self(text, anger=False) or _INTIMIDATION.search(text):
        return "danger"
    signs = _crisis_signs(text)
    if own_crisis(text) and not any(e.subtype in ABUSE_KINDS for e in signs):
        return "crisis"
    return "crisis" if signs and not any(e.subtype in ABUSE_KINDS for e in signs) else "danger"


def lowered_self(text: str, *, feeling: bool = False) -> tuple[str, str]:
    """An answer without the clauses that take the blame for how they treated me or run me
    down (``mendkit.coach.self_blame``), and why (``"theirs"``, ``"self"`` or ``""``). A clause
    that threatens or tells of danger is kept for those screens, which say so in their words.
    Of a ``feeling``, the feeling before the words that run me down is kept.

    >>> lowered_self("I made the typo, and it's my fault she lost her temper")
    ('I made the typo', 'theirs')
    """
    return without_self_blame(text, keep=lambda clause: threatens(clause) or endangered(clause),
                              feeling=feeling)


# What the coach says of answers left out for a sign of the person's own crisis, for blame for
# how they treated them, and for running themselves down (the composer's notes: "I left out
# {names}"), besides the composer's own.
LEFT_OUT_LINES: Final = {
    "crisis": ("I left out {names}: some of the words can sound like a goodbye, or like you are "
               "being very hard on yourself, and a repair doesn't need them. If things feel very "
               "hard right now, type help to see who you can talk to."),
    **_SELF_BLAME_LINES,
}


def fails_screens(text: str) -> bool:
    """Whether an answer fails any screen: a threat or violence, danger from the other person,
    an insult or swearing. An answer kept through the coach's risk check is quoted only when
    it passes them all."""
    return threatens(text) or endangered(text) or hurtful(text)


_SENTENCE_BREAK: Final = re.compile(r"(?<=[.!?])\s+")


def passing_sentences(text: str, *, owned: bool = False) -> tuple[str, bool]:
    """The sentences of an answer kept through the coach's risk check that pass every screen
    (``fails_screens``), and whether any was left out: one sentence that insults ("I told him
    to go to hell and left.") does not take the rest of the account with it. With ``owned`` (my
    part, my regret) an insult I own stays, for the composer to say plainly ("I'm sorry that I
    told you to go to hell"); a threat or danger never does.

    >>> passing_sentences("Sean told me I'm lazy. I told him to go to hell and left.")
    ("Sean told me I'm lazy.", True)
    >>> passing_sentences("I told him to go to hell.", owned=True)
    ('I told him to go to hell.', False)
    """
    def fails(part: str) -> bool:
        return threatens(part) or endangered(part) or (not owned and hurtful(part))

    if not fails(text):
        return text, False
    sentences = [part for part in _SENTENCE_BREAK.split(text.strip()) if part]
    kept = [part for part in sentences if not fails(part)]
    if len(kept) == len(sentences):  # the whole fails, no one sentence does: none is kept
        return "", True
    return " ".join(kept), True


# Shutting them out, or an ultimatum, as what I will do: "never speak to him again", "I'm done
# talking to her", "leave and not come back", "give him the silent treatment", "block his
# number", "if he does that again I'm leaving him", "we're done". A pause with a way back ("walk
# away and cool off", "leave the room and come back when I'm calm") and a promise to speak
# better ("never speak to him like that again") are not.
_CUT_OFF: Final = (r"(?:speak|speaking|talk|talking|text|texting|call|calling|see|seeing|answer"
                   r"|answering|reply|replying|respond|responding|bother(?:ing)? with|deal(?:ing)?"
                   r" with|listen(?:ing)? to|look(?:ing)? at)")
_SHUT_OUT: Final = re.compile(
    r"\b(?:never|not|won'?t|wont|will not|stop|quit|done|finished|through)"
    r"(?: (?:ever|even|going to|gonna|be|again))*"
    rf" {_CUT_OFF}(?: (?:to|with|at))? {_WHOM}\b"
    r"(?=\s*(?:$|[,.!?;]|again\b|ever\b|anymore\b|any more\b|for good\b|until\b|till\b"
    r"|unless\b|for (?:a )?(?:week|month|year|days|weeks|months)))"
    rf"|\b(?:give|giving|gives|gave)\s+{_WHOM}\s+(?:the\s+)?(?:silent treatment|cold shoulder)\b"
    r"|^(?:(?:i'?ll|i will|just|then|and)\s+)*(?:the\s+)?(?:silent treatment|cold shoulder)\b"
    rf"|(?<!\bnot )(?<!n't )(?<!never )\b(?:ignore|ignoring|ghost|ghosting|unfriend|unfollow"
    rf"|block|blocking)\s+(?:{_WHOM}|{_WHOSE}\s+(?:number|calls|texts|messages|account|socials"
    r"|instagram|insta|snap|whatsapp))\b(?!\s+(?:out|in)\b)"
    rf"|\bcut\w*\s+{_WHOM}\s+(?:off|out)\b|\bcut\w* (?:off )?(?:all )?contact\b"
    r"|\b(?:not|never|won'?t|wont) (?:ever )?(?:come|coming) back\b"
    r"|\b(?:leave|leaving|move out|moving out|walk out|walking out|storm out|walk away|go|gone)\b"
    r"[^.!?]*\bfor good\b"
    rf"|\b(?:leave|leaving|dump|dumping|divorce|divorcing|break(?:ing)? up with|end(?:ing)? it"
    rf" with|finish(?:ing)? with|kick(?:ing)? {_WHOM} out|throw(?:ing)? {_WHOM} out)\s+{_WHOM}\b"
    r"(?!\s+(?:alone|be|to|space|some space|a (?:note|message))\b)"
    r"|\b(?:kick|kicking|throw|throwing)\s+(?:him|her|them)\s+out\b"
    r"|\b(?:i'?m|im|i am|i'?ll be)\s+(?:so\s+)?(?:leaving|out(?: of here)?|gone|done|moving out"
    r"|walking out)(?=\s*(?:$|[,.!?;]|for good|with (?:him|her|them|you|this|us|it)\b))"
    r"|\b(?:we'?re|we are|we'?ll be|it'?s|its|it is|that'?s|thats)\s+(?:so\s+)?(?:done|over"
    r"|finished|through)\b(?!\s+(?:with (?:the|dinner|it)|now\b))"
    r"|\bthat'?s it\s*(?:$|[,.!?;]|between us|for us)", _I)


def shuts_out(text: str) -> bool:
    """Whether an answer vows to shut them out or sets an ultimatum ("I will never speak to him
    again", "next time I'll just leave and not come back", "if he does that again I'm
    leaving him"): no commitment or request a repair can carry.

    >>> shuts_out("never speak to him again"), shuts_out("never speak to him like that again")
    (True, False)
    """
    return bool(_SHUT_OUT.search(text.replace("\u2019", "'").strip()))


# Name-calling with swearing, slurs or scorn: owned as "called him names", the words not
# repeated ("calling her a psycho" -> "calling her names"; "called him lazy" is named).
_CALLED: Final = rf"(?:{_PROFANE}|{_SCORN_NAMES}|{_SCORN_JUDGING})"
_SCORN: Final = re.compile(rf"\b{_CALLED}\b", _I)
# The words an insult may trail before its clause ends ("a pathetic drunk like his dad").
_TRAIL: Final = (r"(?:\s+(?!(?:and|but|then|in|at|on|because|when|so|after|before|while|for|to"
                 r"|which|though|although|cause|cos)\b)[\w']+){0,%d}")
_NAME_CALLING: Final = re.compile(
    r"\b(call(?:ed|ing|s)?|callin) ([\w']+) (?:(?:a|an|the|such a|all sorts of)\s+)?"
    rf"(?:[\w'-]+\s+){{0,4}}?{_CALLED}\b{_TRAIL % 2}", _I)
_SWORE_AT: Final = re.compile(rf"\b(?:told|tell|telling) ([\w']+) to (?:[\w']+ ){{0,2}}?"
                              rf"(?:{_PROFANE}|screw)\w*(?: (?:off|up|yourself|himself|herself))?",
                              _I)
# Telling them what they are, in scorn or swearing: "told him he's pathetic", "said she was a
# psycho", "telling him to stop being a slob": owned as "said hurtful things to him".
_SAID_INSULT: Final = re.compile(
    r"\b(told|tell|tells|telling|said|say|says|saying)(?:(?: to)? (him|her|them|you|u"
    r"|my [\w']+|(?-i:[A-Z])[\w'-]*))?,?\s+(?!(?:i|i'm|im|i was|me|myself)\b)"
    rf"(?:[\w'-]+\s+){{0,6}}?{_CALLED}\b{_TRAIL % 4}", _I)
_SAID: Final = {"told": "said", "tell": "say", "tells": "says", "telling": "saying"}
# Owning that I was unkind, with a swear word for it: "i was a bitch to him", "I've been such a
# dick", "being a prick": said as "I was unkind to him".
_WAS_UNKIND: Final = re.compile(
    r"\b(was|were|been|being)\s+(?:(?:such|a|an|total|complete|real|right|so|bit of|bit|little"
    r"|fucking|bloody|massive|huge|absolute)\s+)*(?:bitch(?:y|es)?|dick(?:ish)?|dickhead|prick"
    r"|asshole|arsehole|twat|cunt|wanker)\b", _I)
_OWNED_CLAUSE: Final = re.compile(r"\s*(?:[,;:.!?]+|\s-+\s)\s*|\s+(?=(?:and|but|then) i\b)", _I)


def _said_plainly(found: re.Match[str]) -> str:
    """"told him he's pathetic" -> "said hurtful things to him"; an insult said of myself
    ("told him I was an idiot") is kept as it is."""
    if not _swears_or_scorns(found.group()):
        return found.group()
    verb, who = found.group(1), found.group(2)
    said = _SAID.get(verb.lower(), verb.lower())
    return f"{said} hurtful things" + (f" to {who}" if who else "")


def _swears_or_scorns(text: str) -> bool:
    """Whether ``text`` swears, or scorns someone other than me (``_CALLED``)."""
    return any(not _OF_MYSELF.search(text[:found.start()]) or re.fullmatch(
        _PROFANE, found.group(), _I) for found in _SCORN.finditer(text))


def owned_plainly(text: str) -> str:
    """My part or regret with an insult I own said plainly: "I called him a useless piece of
    shit" -> "I called him names", "told her to fuck off" -> "swore at her", "I told him he's
    pathetic" -> "I said hurtful things to him", "I was a bitch to him" -> "I was unkind to
    him"; a clause that still swears or scorns them is left out ("" when all do). Plainer words
    are named ("I called him stupid").

    >>> owned_plainly("I screamed at him and called him a useless piece of shit")
    'I screamed at him and called him names'
    >>> owned_plainly("I regret telling her she's pathetic")
    'I regret saying hurtful things to her'
    """
    text = _NAME_CALLING.sub(lambda m: f"{m.group(1)} {m.group(2)} names", text)
    text = _SWORE_AT.sub(lambda m: f"swore at {m.group(1)}", text)
    text = _SAID_INSULT.sub(_said_plainly, text)
    text = _WAS_UNKIND.sub(lambda m: f"{m.group(1)} unkind", text)
    if not _swears_or_scorns(text):
        return text
    clauses = [c for c in _OWNED_CLAUSE.split(text) if c and c.strip()]
    return ", ".join(c.strip() for c in clauses if not _swears_or_scorns(c))


# A regret that rejects them or the relationship ("regret ever dating him", "I regret meeting
# you", "regret not leaving him sooner", "I regret nothing"): no regret to send.
_REJECTS: Final = re.compile(
    r"\bregret (?:ever |the day i )?(?:dating|meeting|met|marrying|married|being with|getting"
    r" (?:together )?with|moving in with|trusting|knowing|loving|choosing|having kids with"
    r"|wasting \w+ (?:years|time) on) "
    rf"{_WHOM}\b|\bregret {_WHOM}\b|\bregret not (?:leaving|dumping|ditching|breaking up with)\b"
    rf"|\bwish i(?:'d| had)? never (?:met|dated|married|trusted|known) {_WHOM}\b"
    r"|^(?:i )?regret (?:nothing|none of it)\b", _I)


def rejects(regret: str) -> bool:
    """Whether a "regret" rejects them or the relationship rather than owning something."""
    return bool(_REJECTS.search(regret.replace("\u2019", "'")))


# Swearing that only makes a feeling stronger ("fucking furious"): left out, the feeling kept.
_SWEAR_INTENSIFIER: Final = re.compile(
    r"\b(?:so |really )?(?:fucking|fuckin'?|fkn|effing|f\*+ing|freaking|frickin'?|bloody|damn"
    r"|damned|goddamn)\s+(?=\w)", _I)
_PISSED: Final = re.compile(r"\bpissed(?: off)?\b", _I)
# Feelings that are contempt for them: no softer feeling can be guessed from them.
_CONTEMPT: Final = re.compile(
    r"\b(?:disgust\w*(?! (?:with|at|by) myself)|repuls\w*|revolt\w*|sickened|contempt|despis\w*|loath\w*"
    r"|hate (?:him|her|them|you|u))\b", _I)


def plain_feeling(feeling: str) -> str:
    """A feeling without the swearing that only makes it stronger ("fucking furious" ->
    "furious", "pissed off" -> "angry"); ``""`` when what is left still swears, insults or is
    contempt ("disgusted with you")."""
    text = _PISSED.sub("angry", _SWEAR_INTENSIFIER.sub("", feeling))
    return "" if hurtful(text) or _CONTEMPT.search(text) or threatens(text) else text


# Someone else's fault, said with "never" or "always": "my brother never helps", "Dad always
# leaves it to me". In a message to the other person it is blame of a third person, and the
# critic reads it as criticism: it is not offered for the message.
_THIRD_PERSON_BLAME: Final = re.compile(
    r"\b(?:(?:my|his|her|their|our) (?:brother|sister|dad|mum|mom|father|mother|husband|wife"
    r"|partner|son|daughter|family|siblings?|boss|manager|ex)|he|she|they|nobody|no one|no-one"
    r"|everyone else)\b(?:\s+(?:just|really|still|even))?\s+(?:never|always|doesn'?t ever"
    r"|won'?t ever|does nothing|do nothing|did nothing)\b", _I)


def offered_sentences(text: str) -> str:
    """``text`` (sentences the coach offers to add to a message the person wrote) without the
    sentences the critic's rules read as a rupture (criticism, contempt, withdrawal, a sign of
    crisis) or that blame a third person with "never" or "always" ("My brother never helps.").

    >>> offered_sentences("I need some help and a proper night's sleep. My brother never helps.")
    "I need some help and a proper night's sleep."
    """
    kept = [s for s in _SENTENCE_BREAK.split(text.strip()) if s and not _unfit_to_offer(s)]
    return " ".join(kept)


def _unfit_to_offer(sentence: str) -> bool:
    said = sentence.replace("\u2019", "'")
    if _THIRD_PERSON_BLAME.search(said) or own_crisis(said):
        return True
    return any(e.label == CRISIS or e.label.startswith("rupture.") for e in _rule_evidence(said))


def without_third_person_blame(text: str) -> str:
    """``text`` without its sentences that blame a third person with "never" or "always".

    >>> without_third_person_blame("some help and sleep. my brother never helps")
    'some help and sleep'
    """
    sentences = [s for s in _SENTENCE_BREAK.split(text.strip()) if s]
    kept = [s for s in sentences if not _THIRD_PERSON_BLAME.search(s.replace("\u2019", "'"))]
    return text if len(kept) == len(sentences) else " ".join(kept).rstrip(" .!?")
