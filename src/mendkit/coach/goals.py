"""What a coach session is for, when it is not repair: the other person has died, they asked for
no contact, the person is ending the relationship, or setting a limit.

Two readings, both plain patterns (no model): ``suspected`` reads the story the person told
("My dad died in March", "She asked me never to contact her and blocked me", "I want to end the
friendship", "I want to tell her I won't answer after 7pm") for a goal the coach then asks about
(it never assumes one); ``named`` reads an answer to the openness question that names one ("they
died", "no contact", "I'm ending it", "a limit"). The goals are the values of
``machine.GOAL_EVENTS``.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.machine import EventType
from mendkit.coach.pronouns import reader

GRIEF: Final = EventType.GRIEF.value
NO_CONTACT: Final = EventType.NO_CONTACT.value
ENDING: Final = EventType.ENDING.value
BOUNDARY: Final = EventType.BOUNDARY.value
REPAIR: Final = "repair"
# Checked in this order: a death first (a letter, whatever else was said), then a request for no
# contact (respected, whatever the person wanted), an ending, a limit.
GOALS: Final = (GRIEF, NO_CONTACT, ENDING, BOUNDARY)
# The goals with a message the person may send (the others are letters to keep).
SENT: Final = frozenset({ENDING, BOUNDARY})

_I: Final = re.IGNORECASE
_THEM: Final = r"(?:him|her|them)"
# A death: "died", "passed away", "since she passed", "my late dad", "his funeral". Never a
# phone or a party that "died", one that nearly happened ("I nearly died"), or a figure of speech
# ("died laughing", "I could have died").
_DIED: Final = re.compile(
    r"(?<!\bnearly )(?<!\balmost )(?<!\bcould have )(?<!\bcould've )(?<!\bwould have )"
    r"(?<!\bI )(?<!\bI've )(?<!\bI'd have )"
    r"\b(?:died|passed away|passed on|has passed|had passed|(?:he|she|they) passed"
    r"|is dead|was killed|took (?:his|her|their) own life|(?:his|her|their) (?:death|funeral)"
    r"|my late (?:mum|mom|mother|dad|father|husband|wife|partner|brother|sister|son|daughter"
    r"|grandma|grandpa|grandmother|grandfather|granny|nan|nana|friend|uncle|aunt)"
    r"|lost (?:him|her|them) (?:to|in|last|this|\w+ (?:months?|years?|weeks?)"
    r" ago)|(?:since|before|after) (?:he|she|they) (?:died|passed)"
    r"|(?:was|were|got|had to be|has been|had been) put to sleep|had to be put down"
    r"|had (?:him|her|them|\w+) put (?:to sleep|down))\b"
    r"(?! (?:laughing|of (?:embarrassment|shame|boredom)|inside|down))", _I)
# Things that "die" and are no one (a pet that dies is someone: the person may grieve it).
_NOT_SOMEONE: Final = re.compile(
    r"\b(?:phone|battery|laptop|computer|car|engine|conversation|party|plant|plants|chat"
    r"|group|joke|mood|vibe|signal|wifi|idea|plan)\b(?:\s+\w+){0,2}\s*$", _I)
# A request for no contact, by them: "asked me never to contact her", "blocked me", "doesn't want
# a relationship with me", "wants no contact". Never the person's own ("I asked for no contact").
_NO_CONTACT: Final = re.compile(
    rf"\b(?:asked|told|begged) me (?:to )?(?:never|not|to never|to not) (?:to )?(?:contact|call"
    rf"|text|message|speak to|talk to|reach out to|get in touch with|see|visit|come near)\b"
    rf"|\b(?:asked|told) me to (?:stop (?:contacting|calling|texting|messaging)|leave {_THEM} alone"
    rf"|stay away|go away|lose (?:her|his|their) number)"
    rf"|\bblocked me\b|\bhas me blocked\b|(?<!\bI )\bblocked my (?:number|phone|calls|texts|messages"
    rf"|account|profile|emails?)\b"
    rf"|\b(?:doesn't|does not|don't|do not|didn't|did not|no longer|never) wants? (?:any )?"
    rf"(?:contact|a relationship|anything (?:more )?to do|to (?:see|hear from|talk to|speak to"
    rf"|be in touch with|be friends with)) (?:with )?me\b"
    rf"|(?<!\bI )\b(?:wants|asked for|asked me for|requested|insisted on) no[- ]contact\b"
    rf"|\bno[- ]contact (?:order|request)\b|\brestraining order\b"
    rf"|\bstop (?:chasing|contacting|texting|messaging|calling) {_THEM}\b"
    rf"|\bcut (?:me|us) off (?:completely|for good|entirely)\b"
    rf"|\bcut (?:off )?(?:all )?(?:contact|ties) with me\b"
    # Their words, reported: "said please do not contact me again", "said not to call her".
    rf"|(?<!\bI )(?<!\bwe )\b(?:said|says|wrote|texted|messaged|told me)[,:]?\s*[\"'\u2018\u201c]?"
    rf"(?:please\s+)?(?:(?:do not|don't|dont|never|not to|to never|to not)\s+(?:ever\s+)?"
    rf"(?:to\s+)?(?:contact|call|text|message|write to|speak to|talk to|reach out to"
    rf"|get in touch with)\s+(?:me|{_THEM})\b|(?:to\s+)?leave (?:me|{_THEM}) alone\b)"
    rf"|\bwants? nothing (?:more )?to do with (?:me|us)\b"
    # A cut-off, not an interruption ("cut me off mid-sentence", "cut me off in traffic").
    rf"|(?<!\bI )\b(?:has |had |have )?cut (?:me|us) off\b(?!\s*(?:mid\b|in the middle|while"
    rf"|before I could|as I|every time|each time|in traffic|on the (?:road|motorway|highway)"
    rf"|at the (?:lights|junction)|when I (?:was|tried|started)|again\b))", _I)
# An ending the person chooses: "I want to end the friendship", "I'm breaking up with him",
# "I don't want to be in this relationship any more". A bare "end it" or "end things" counts only
# with a word about the relationship nearby (it is also how people speak of ending their life,
# which the safety gate reads first).
_RELATIONSHIP: Final = (r"(?:relationship|friendship|marriage|engagement|partnership|things"
                        r" between us|us|(?:it|things) with (?:him|her|them|(?-i:[A-Z])[\w'-]+"
                        r"|my (?:partner|boyfriend|girlfriend|husband|wife|fianc\w*)))")
_ENDING: Final = re.compile(
    rf"\b(?:end|ending|ended|finish|finishing|call off|calling off)\s+(?:the|our|this|my|things"
    rf" with|it with)?\s*{_RELATIONSHIP}\b"
    rf"|\bbreak(?:ing)? up with\b|\b(?:want|going|decided|ready|need|plan(?:ning)?|have) to"
    rf" (?:break up|split up|leave (?:him|her|them|my (?:husband|wife|partner|boyfriend"
    rf"|girlfriend)|the relationship))\b|\b(?:get|getting|want) (?:a )?divorce\b"
    rf"|\bdon'?t want to be (?:in|with) (?:this|the|our|a) (?:relationship|friendship|marriage)"
    rf"|\bdon'?t want to be (?:with|friends with) {_THEM} any ?more\b", _I)
_BARE_END: Final = re.compile(r"\b(?:end|ending)\s+(?:it|things|this)\b", _I)
_ABOUT_US: Final = re.compile(
    r"\b(?:relationship|friendship|marriage|together|dating|break up|boyfriend|girlfriend"
    r"|husband|wife|partner)\b", _I)
# A limit: "set a boundary", "tell her I won't respond after 7pm", "I want him to stop".
_BOUNDARY: Final = re.compile(
    r"\b(?:boundary|boundaries|set a limit|draw a line|draw the line|put my foot down)\b"
    r"|\b(?:tell|let) (?:him|her|them|my \w+|\w+) (?:know )?(?:that )?i (?:won't|will not"
    r"|'m not going to|am not going to|no longer|don't|do not)\b"
    r"|\b(?:want|need|going|have) to (?:tell|ask) (?:him|her|them|my \w+|\w+) to stop\b"
    r"|\bi (?:won't|will not|'m not going to|am not going to) (?:respond|answer|reply|discuss"
    r"|talk about|tolerate|accept|put up with|be spoken to|be treated|lend|babysit)\b"
    r"|\b(?:want|need) (?:him|her|them|my \w+) to stop\b", _I)
_PATTERNS: Final = ((GRIEF, _DIED), (NO_CONTACT, _NO_CONTACT), (ENDING, _ENDING),
                    (BOUNDARY, _BOUNDARY))


# A block that was a joke, or is already undone ("blocked me as a joke lol", "then unblocked
# me"): no request for no contact.
_NOT_MEANT: Final = re.compile(
    r"\b(?:as a (?:joke|prank|laugh)|for a (?:joke|laugh|prank|bit)|for fun|jokingly|(?:was|were)"
    r" (?:joking|kidding|messing about|messing around)|prank\w*|unblock\w*|lol|lmao|haha\w*"
    r"|jk)\b", _I)
_SENTENCE: Final = re.compile(r"[.!?\n]+\s*")


def suspected(*texts: str, other: str = "") -> str | None:
    """The goal the person's story reads as (``GOALS``, in order), or None for repair.

    ``other`` is who the story is about (the answer to "Who is this about?"): a death is a goal
    only when it is theirs ("My grandad died and since then Leo and I fight" is a repair with
    Leo); without it, any death reads as one. A block that was a joke, or was undone, is none.

    >>> suspected("My dad died two months ago.", "I feel guilty")
    'grief'
    >>> suspected("My grandad died last year and Leo and I fight.", other="Leo") is None
    True
    >>> suspected("She asked me never to contact her again and blocked me.")
    'no_contact'
    >>> suspected("My phone died and I missed her call."), suspected("We argued about money.")
    (None, None)
    """
    text = "\n".join(t for t in texts if t)
    for goal, pattern in _PATTERNS:
        someone_else = False  # a death read before as someone else's
        for found in pattern.finditer(text):
            if goal == GRIEF:
                if _NOT_SOMEONE.search(text[:found.start()]):
                    continue  # "my phone died"
                whose = _whose_death(text, found, other)
                if whose is False or (whose is None and someone_else):
                    someone_else = True  # "my aunt died. Since she died, Ravi and I argue"
                    continue
            if goal == NO_CONTACT and _NOT_MEANT.search(_sentence_of(text, found)):
                continue  # "blocked me as a joke"
            return goal
        if goal == ENDING and _BARE_END.search(text) and _ABOUT_US.search(text):
            return goal
    return None


def _sentence_of(text: str, found: re.Match[str]) -> str:
    """The sentence ``found`` is in, and the one after it ("Kat blocked me. It was a joke")."""
    starts = [m.end() for m in _SENTENCE.finditer(text, 0, found.start())]
    start = starts[-1] if starts else 0
    ends = [m.start() for m in _SENTENCE.finditer(text, found.end())]
    return text[start:ends[1] if len(ends) > 1 else len(text)]


# Words for one person that mean the same one ("my mother" is "Mum").
_SAME: Final = tuple(frozenset(words.split()) for words in (
    "mum mom mother mummy mommy mama ma mam", "dad father daddy papa pa da",
    "grandma granny gran nan nana nanna grandmother", "grandad granddad grandpa grandfather gramps",
    "husband hubby", "wife", "partner", "boyfriend bf", "girlfriend gf", "brother bro",
    "sister sis", "son", "daughter", "friend mate bestie"))
# Words before a name that are no part of whose it is ("my old friend", "our late dad").
_DETERMINERS: Final = frozenset((
    "my", "our", "the", "a", "an", "his", "her", "their", "your", "old", "dear", "late", "beloved",
    "best", "little", "big", "older", "younger", "elder", "baby", "lovely", "poor", "sweet",
    "own", "family", "childhood", "oldest", "closest", "dearest"))
# Words between the one who died and "died" ("my dad has just died", "Sam sadly passed away").
_BETWEEN: Final = re.compile(
    r"(?:\s+(?:has|had|have|was|were|got|just|suddenly|sadly|recently|unexpectedly|finally"
    r"|tragically|peacefully|then|also|actually|literally|eventually|only|both))+\s*$", _I)
_PRONOUN: Final = frozenset(("he", "she", "they", "him", "her", "them", "his", "their"))
# Where the clause of a death starts: punctuation, or a word that opens a clause.
_CLAUSE_OPENS: Final = re.compile(
    r"[,;:.!?\n()\u2013\u2014]|\b(?:and|but|so|since|when|after|before|because|that|until"
    r"|while|then|though|although|if|once|ever since)\b", _I)
# Who someone else can be: a relation, a pet, a name.
_SOMEONE: Final = re.compile(
    r"\b(?:mum|mom|mother|dad|father|parents?|grand\w*|gran|granny|nan|nana|brother|sister"
    r"|son|daughter|uncle|aunt|auntie|cousin|niece|nephew|husband|wife|partner|boyfriend"
    r"|girlfriend|friend|mate|neighbou?r|colleague|boss|teacher|dog|cat|puppy|kitten|pet"
    r"|hamster|rabbit|horse|bird|fish|guinea pig)s?\b|(?-i:\b[A-Z][a-z])", _I)


def _whose_death(text: str, found: re.Match[str], other: str) -> bool | None:
    """Whether the death ``found`` is ``other``'s: True, False (someone else's: "my nan passed
    away" in a story about Ravi), or None where the words cannot tell (a pronoun: "since she
    died", "at his funeral"). With no ``other`` given, every death is theirs."""
    names = _other_words(other)
    if not names:
        return True
    said = found.group(0).lower()
    if late := re.match(r"my late (\w+)", said):
        after = re.match(r"\s+([A-Z][\w'-]+)", text[found.end():])
        late_words = {late.group(1), *([after.group(1).lower()] if after else [])}
        return _same_one(late_words, names) or None
    if re.match(r"(?:his|her|their|lost|since|before|after|he|she|they|had (?:him|her|them)"
                r" put)\b", said):
        return None  # a pronoun: whoever it stands for
    if had := re.match(r"had (\w+) put", said):
        return _same_one({had.group(1)}, names) or (False if _SOMEONE.search(had.group(1))
                                                       else None)
    before = text[:found.start()]
    opens = [m.end() for m in _CLAUSE_OPENS.finditer(before)]
    subject = _BETWEEN.sub("", before[opens[-1] if opens else 0:]).strip()
    words = [w.lower() for w in re.findall(r"[\w'-]+", subject) if w.lower() not in _DETERMINERS]
    if not words or words[-1] in _PRONOUN:
        return None
    # Who died is the last word ("my mum's partner": the partner), with the word before it when
    # that says who they are to me ("my friend Omar", "our dog Biscuit"), not whose they are.
    head = {words[-1], *(words[-2:-1] if len(words) > 1 and not words[-2].endswith("'s") else ())}
    if _same_one(head, names):
        return True
    return False if _SOMEONE.search(subject) else None


def _other_words(other: str) -> frozenset[str]:
    """The words that name ``other`` ("my mum" -> mum; "Omar (he/him)" -> omar)."""
    name = reader(other).name.lower() if other.strip() else ""
    if name in ("", "them", "they", "him", "her"):
        return frozenset()
    return frozenset(w for w in re.findall(r"[\w'-]+", name) if w not in _DETERMINERS)


def _same_one(words: set[str], names: frozenset[str]) -> bool:
    """Whether ``words`` (who died) name the one ``names`` name, a word for them or its like."""
    return any(w in names or any(w in same and names & same for same in _SAME) for w in words)


def ends_relationship(text: str) -> bool:
    """Whether ``text`` speaks of ending the relationship in words that name it ("I've decided
    to end our friendship", "I'm breaking up with him"), not a bare "end it".

    >>> ends_relationship("I've decided to end our relationship."), ends_relationship("end it")
    (True, False)
    """
    return bool(_ENDING.search(text))


# What an answer to the openness question says when it names a goal rather than yes or no: the
# page's buttons send the first word of each ("died", "no contact", "ending", "limit").
_NAMED: Final = (
    (GRIEF, re.compile(r"\b(?:died|dead|passed(?: away| on)?|deceased|death|grief|grieving"
                       r"|bereaved|not alive|no longer alive|no longer with us)\b", _I)),
    (NO_CONTACT, re.compile(r"\bno[- ]?contact\b|\bblocked\b|\bnot to contact\b|\bnever to"
                            r" contact\b|\bdon'?t contact\b|\bleave (?:him|her|them|me) alone\b"
                            r"|\bcut (?:me )?off\b", _I)),
    (ENDING, re.compile(r"\b(?:ending|end it|end things|end (?:the|our|this|my) \w+"
                        r"|break(?:ing)? up|split(?:ting)? up|divorc\w*|leaving (?:him|her"
                        r"|them))\b", _I)),
    (BOUNDARY, re.compile(r"\b(?:limit|limits|boundary|boundaries)\b", _I)),
)


def named(reply: str) -> str | None:
    """The goal an answer to the openness question names, or None (an answer of yes, no...).

    >>> named("they died"), named("No contact"), named("I'm ending it"), named("a limit")
    ('grief', 'no_contact', 'ending', 'boundary')
    >>> named("not now") is None
    True
    """
    for goal, pattern in _NAMED:
        if pattern.search(reply):
            return goal
    return None


def naming(goal: str) -> re.Pattern[str]:
    """The words that name ``goal`` in an answer to the openness question (as ``named`` reads).

    >>> bool(naming("no_contact").search("yes, no contact"))
    True
    """
    return dict(_NAMED)[goal]
