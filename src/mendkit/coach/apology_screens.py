"""Words a repair draft leaves out even though no one is insulted or threatened in them.

People answer the coach in the words they would say in the moment: a non-apology ("I'm sorry she
got so upset over nothing really"), an excuse after a "but" ("I'm sorry I forgot, but you did worse
last year"), a need that asks the other person for reassurance after a betrayal ("I need to know
whether there's still a chance"), a need that accuses ("I need her to stop keeping score"), or a
feeling given where a request was asked for ("annoyed"). Said in the person's name, each can undo
the apology around it, so the composer leaves it out and says why. After a betrayal (an affair,
lies, a broken promise) "Next time, I will ..." reads as if there will be a next time: the
commitment is "From now on, I will ...". Pure functions over the person's words, no model.
"""

from __future__ import annotations

import re
from typing import Final

_I: Final = re.IGNORECASE

# Why a part was left out (the composer's reasons), with what the coach says of it.
NON_APOLOGY: Final = "non_apology"
EXCUSE: Final = "excuse"
REASSURANCE: Final = "reassurance"
ACCUSES: Final = "accuses"
NOT_A_REQUEST: Final = "not_a_request"
TOLD_OF_THEM: Final = "told_of_them"
LEFT_OUT_LINES: Final = {
    NON_APOLOGY: ("I left out {names}, because it apologises for their feelings, or makes what "
                  "happened sound small, rather than owning what you did, and that usually lands "
                  "as blame. Your apology for what you did says it better."),
    EXCUSE: ("I left out {names} after the \"but\": a \"but\" after an apology tends to cancel it, "
             "because the excuse is what they hear. If your side matters, it can be its own "
             "conversation later."),
    REASSURANCE: ("I left out {names}, because it asks them for reassurance, and after a hurt this "
                  "deep that can feel like pressure. It is a real need, and a kind one to hold: "
                  "trust comes back on their timeline, not one you can ask for, and steady "
                  "actions over weeks will say more than words. It may help to talk it through "
                  "with someone you trust."),
    ACCUSES: ("I left out {names}, because it asks them to change and could read as blame. If it "
              "matters, say it in your own words, as something you would like them to do."),
    NOT_A_REQUEST: ("I left out {names}, because it reads as a feeling rather than something they "
                    "can do. If you want to ask for something, say what you would like them to "
                    "do."),
    TOLD_OF_THEM: ("I left out {names}, because it tells what they felt or did rather than asking "
                   "for something they can do. If you want to ask for something, say what you "
                   "would like them to do."),
}

# Someone else: "you", "she", "Alex", "my husband".
_THEM: Final = (r"(?:you|u|he|she|they|him|her|them|(?:my|your) [\w']+|(?-i:(?!I\b)[A-Z])[\w'-]*)")
_THEIR_FEELING: Final = (
    r"(?:so |that |really |very |this |a bit |a little |all )*(?:upset|offended|hurt|angry|mad"
    r"|annoyed|sensitive|triggered|bothered|worked up|emotional|uncomfortable|that way|like that"
    r"|this way|the way (?:you|she|he|they) (?:do|does|did))")
# "I'm sorry you got upset", "sorry she feels that way", "sorry if he was offended", "sorry you
# took it the wrong way": sorry for their feelings, or for an "if".
_NON_APOLOGY: Final = re.compile(
    rf"\bsorry (?:that |if )?{_THEM} (?:got|get|gets|getting|are|were|was|is|'re|'s|feel|feels"
    rf"|felt|feeling|became|become|took it|take it|takes it|reacted|react|chose to)\b"
    rf"(?: it)?\s*{_THEIR_FEELING}?"
    r"|\bsorry if\b|\bsorry (?:that )?(?:you|she|he|they) (?:took|take|takes) (?:it|that) "
    r"(?:the wrong way|personally|badly|so hard)"
    r"|\bsorry (?:for )?whatever\b", _I)
# Words that make the hurt sound small: "over nothing", "making a big deal", "overreacting".
_MINIMISING: Final = re.compile(
    r"\bover nothing\b|\b(?:over|about) (?:such )?(?:a )?(?:little|small|tiny|silly|stupid|petty)"
    r" (?:thing|things)\b|\b(?:make|makes|made|making) (?:such )?(?:a )?(?:big )?(?:deal|fuss|drama|mountain)"
    r"|\boverreact\w*|\btoo sensitive\b|\bout of proportion\b|\b(?:wasn'?t|isn'?t|not) (?:a|that)"
    r" big (?:of )?(?:a )?deal\b|\b(?:just|only) (?:a )?jok(?:e|ing)\b|\bcan'?t take a joke\b"
    r"|\bget over it\b|\bno big deal\b", _I)


def non_apology(text: str) -> bool:
    """Whether ``text`` apologises for their feelings or an "if", or makes the hurt sound small.

    >>> non_apology("I'm sorry she got so upset over nothing really")
    True
    >>> non_apology("I'm sorry you waited an hour in the rain"), non_apology("I forgot her")
    (False, False)
    """
    text = text.replace("\u2019", "'")
    return bool(_NON_APOLOGY.search(text)) or any(
        not (_MINE.search(text[:found.start()]) or _MY_OWN_FUSS.search(text[:found.start()]))
        for found in _MINIMISING.finditer(text))


# Just before "making a big deal": what I will do without ("correct myself when I slip without
# making a big deal of it"): my own fuss, not their hurt made small.
_MY_OWN_FUSS: Final = re.compile(r"\bwithout\s*$", _I)


# Just before a minimising word: I am its subject ("I overreacted", "I made a big deal of it"),
# so it owns what I did.
_MINE: Final = re.compile(r"\bi(?:'m|'ve| am| was| have| had)?(?:\s+(?:just|really|totally"
                          r"|probably|maybe|kinda|was|been|got|made|have|had|so|such|a bit))*\s*$",
                          _I)


# A leading apology on my part ("I'm sorry I forgot", "sorry for shouting", "I apologise for"):
# the draft says the apology itself, so my part is what follows it.
LEADING_SORRY: Final = (r"(?:i'?m|i am|im) (?:so |really |very |truly |deeply )?sorry(?: (?:for|about))?"
                        r"|(?:so |really )?sorry(?: (?:for|about))?|i apologi[sz]e(?: for)?")
# A "but" that opens an excuse in my part ("..., but you did worse", "but I had a crazy day").
# What owns more after it stays ("but that's no excuse", "but I should have called").
_BUT: Final = re.compile(r"(?:\s*,\s*|\s+)(?:but|though|although|except)\b(?!\s*(?:that'?s|it'?s|"
                         r"there'?s|it is|that is) no excuse|i (?:should|shouldn'?t|could have|"
                         r"know|still|take|own|was wrong))\s*", _I)


# What my part starts with when it owns something before its "but" (not "Jo started it, but I
# yelled": there the "but" leads to what I did).
_OWNED: Final = re.compile(rf"^(?:(?:{LEADING_SORRY})\b|i\b|i'|my\b|it'?s my|that'?s on me)", _I)


def without_excuse(text: str) -> tuple[str, bool]:
    """My part without an excuse after a "but", and whether one was left out.

    >>> without_excuse("I'm sorry I forgot, but you did worse last year")
    ("I'm sorry I forgot", True)
    >>> without_excuse("I was stressed but that's no excuse")
    ("I was stressed but that's no excuse", False)
    """
    found = _BUT.search(text)
    if not found or found.start() == 0 or not text[found.end():].strip() or not _OWNED.match(
            text.strip()):
        return text, False
    return text[:found.start()].rstrip(" ,;:-"), True


# Asking them for reassurance about the future: "I need to know whether there's still a chance",
# "I need you to forgive me", "her to tell me we'll be okay", "an answer by Christmas".
_REASSURANCE: Final = re.compile(
    r"\b(?:know|hear|be sure|be told|find out|understand|tell me)\b.{0,40}\b(?:(?:still )?(?:a|any) "
    r"(?:chance|future|hope)|there'?s hope|(?:we|us)(?:'?ll| will| can| could)? (?:be|make it|get"
    r" through|work)|it'?s not over|(?:you|she|he|they)(?:'?ll| will| still| can| could|'re| are)?"
    r" (?:stay|forgive|trust|love|want|not leave|won'?t leave|be here|give me))"
    r"|^(?:i (?:really |just )?(?:need|want|'d like|would like) )?(?:for )?"
    rf"{_THEM} to (?:forgive|trust|promise|reassure|give (?:me|us) (?:another|a second"
    r"|one more) chance|tell me (?:it'?s|we'?re|we'?ll))"
    r"|\breassurance\b|\b(?:an answer|a (?:timeline|deadline|date))\b"
    # As the request: "please promise you won't leave", "swear you'll stay", "don't leave me".
    r"|\b(?:promise|swear|say|tell me|assure me|reassure me)(?: me| to me)?(?: that)?"
    r" (?:you|she|he|they)(?:'?ll| will| would|'d)?(?: still| never| not| always)?"
    r"(?: won'?t| will not| wouldn'?t)? (?:leave|go anywhere|stay|forgive|love me"
    r"|give (?:me|us) (?:another|a second|one more))\b"
    r"|\b(?:don'?t|do not|never) (?:ever )?leave (?:me|us)\b(?!\s+(?:hanging|out|waiting|on read"
    r"|alone with|to))", _I)


def asks_reassurance(text: str) -> bool:
    """Whether a need or a request asks them for reassurance or forgiveness.

    >>> asks_reassurance("I need to know whether there's still a chance")
    True
    >>> asks_reassurance("honesty without me having to dig for it, and time")
    False
    >>> asks_reassurance("please promise you won't leave"), asks_reassurance("leave me a note")
    (True, False)
    """
    return bool(_REASSURANCE.search(text.replace("\u2019", "'").strip()))


# A need that asks them to change ("her to stop keeping score", "him to cut me some slack"):
# said as "I need you to stop ..." it would be an accusation.
_ACCUSES: Final = re.compile(
    rf"^(?:i (?:really |just )?need |i'?d like |i want )?(?:for )?{_THEM} to (?:stop|quit|start"
    r"|not|never|be (?:less|more|nicer|kinder|fairer)|cut me|get over|grow up|back off|lay off"
    r"|leave me|drop it|let (?:it|this|that) go|admit|own up|change|chill|calm down|relax)\b", _I)


def need_accuses(text: str) -> bool:
    """Whether a need asks the other person to change (``_ACCUSES``).

    >>> need_accuses("I need her to stop keeping score"), need_accuses("to feel like a team")
    (True, False)
    """
    return bool(_ACCUSES.match(text.replace("\u2019", "'").strip()))


# Feeling words: a request that is only one of these asks nothing ("annoyed", "so upset").
_FEELING_WORDS: Final = frozenset((
    "angry", "annoyed", "upset", "sad", "hurt", "frustrated", "tired", "mad", "irritated",
    "disappointed", "anxious", "scared", "afraid", "lonely", "ashamed", "embarrassed", "guilty",
    "stressed", "jealous", "furious", "livid", "fine", "okay", "ok", "confused", "exhausted",
    "overwhelmed", "worried", "nervous", "numb", "sorry", "happy", "bad", "awful", "terrible",
    "betrayed", "ignored", "rejected", "humiliated", "resentful", "bitter", "heartbroken"))


def not_a_request(text: str) -> bool:
    """Whether a request is only a feeling ("annoyed", "I'm so upset"): nothing they can do.

    >>> not_a_request("annoyed"), not_a_request("call me when you're late")
    (True, False)
    """
    words = re.findall(r"[\w']+", text.lower().replace("\u2019", "'"))
    words = [w for w in words if w not in ("i", "i'm", "im", "am", "was", "feel", "felt", "so",
                                           "really", "very", "just", "a", "bit", "little", "and",
                                           "kind", "of", "kinda", "pretty", "quite", "too")]
    return bool(words) and all(w in _FEELING_WORDS for w in words)


# What they felt or did, told about them ("She probably felt accused and guilty", "he was just
# tired", "you must have felt awful"): an answer to "what would you like them to do?" that asks
# nothing of them. Never "Could you probably felt accused ...?" (round seventeen).
_TELLS_OF_THEM: Final = re.compile(
    r"^\s*(?:(?:i think|i guess|i suppose|maybe|probably|perhaps)\s*,?\s+)?"
    r"(?:he|she|they|you|u|(?-i:(?!I\b)[A-Z])[\w'-]+)(?:['\u2019](?:d|s))?\s+"
    r"(?:(?:probably|maybe|must|might|may|likely|clearly|obviously|definitely|really|just"
    r"|prob|would|could|should)\s+)*(?:have\s+)?(?:felt|feel|feels|was|were|thought|seemed"
    r"|got|had|been|did(?:n['\u2019]?t)?|didn['\u2019]?t|wasn['\u2019]?t|weren['\u2019]?t)\b", _I)


def tells_of_them(text: str) -> bool:
    """Whether a request answer only tells what they felt or did: nothing to ask of them.

    >>> tells_of_them("She probably felt accused"), tells_of_them("text me when you're late")
    (True, False)
    """
    return _TELLS_OF_THEM.match(text) is not None


# A betrayal of trust, a major rupture: an affair, cheating, lies kept up for a long time, hidden
# debt, a secret shared, a broken promise (an everyday "he lied again" is not one).
_BETRAYAL_WORDS: Final = (
    r"(?:affair|cheat(?:ed|ing)? on|cheated|unfaithful|infidelity|betray\w*|slept with|hooked up"
    r" with|behind (?:your|her|his|their|my) back|(?:broke|broken|breaking) (?:my|the|our|a|his"
    r"|her|their) promise|relapsed|(?:started |was |been )?drinking again|gambling again"
    r"|(?:hidden|hid|secret|secretly|concealed) (?:\w+ )?(?:debt|debts|money|loans?|account"
    r"|accounts|phone|relationship|messages|spending)|(?:lied|lying|deceived|deceiving)(?: to"
    r" (?:\w+))?(?: about \w+(?: \w+)?)? for (?:\w+ )?(?:weeks|months|years)|been lying"
    r"|(?:shared|told|spread) (?:\w+ )?(?:secret|miscarriage|diagnosis))")
_BETRAYAL: Final = re.compile(rf"\b{_BETRAYAL_WORDS}\b", _I)
# The person's own betrayal, in an account: "I had an affair", "I cheated and lied".
_MY_BETRAYAL: Final = re.compile(
    r"\bi\b(?:\s+(?!(?:about|found|find|discovered|learned|learnt|know|knew|heard|saw|read|angry"
    r"|hate|hated|upset|hurt|over|of|at|with|by)\b)[\w']+){0,4}?\s+" + _BETRAYAL_WORDS + r"\b", _I)


def betrayal(*texts: str) -> bool:
    """Whether any of ``texts`` tells of a betrayal of trust, whoever did it.

    >>> betrayal("I found out Sam had an affair"), betrayal("he lied AGAIN, I wanted to scream")
    (True, False)
    """
    return any(_BETRAYAL.search(t.replace("\u2019", "'")) for t in texts if t)


def broke_trust(account: str, *mine: str) -> bool:
    """Whether the person is the one who broke trust: their part or regret (``mine``) tells of a
    betrayal, or their ``account`` does with them as its subject ("I had an affair").

    >>> broke_trust("I had an affair for eight months"), broke_trust("Sam had an affair")
    (True, False)
    >>> broke_trust("", "I called her a coward. I am not sorry for being angry about the affair")
    False
    """
    return any(_MY_BETRAYAL.search(text) or _BETRAYAL.match(text.strip())
               for text in (t.replace("\u2019", "'") for t in (account, *mine) if t))
