"""Pronouns in a draft: the reader's name and the pronouns that mean them, said as "you".

One rule above the others: a sentence of the draft never changes who did what. Every mention of
the reader in an answer becomes "you", or the answer stays as the person wrote it; never half of
it ("You shut himself in his room at Mum's" is what this module exists to prevent).

Who the reader is: the answer to "Who is this about?", which may carry their pronouns ("Robin
(they/them)", "Sam, she", "Alex - he/him": ``reader``). Which pronouns are theirs: the ones they
gave, else the ones the account uses for them (its opening "She", "Robin said they", "Leo shut
himself"), else the ones that no one else in the account could be. A pronoun is the reader's
when the reader is the only one it can mean: another person the account speaks of who could be
called the same (someone's mum for "she", a friend or a name for any) makes it uncertain, and an
answer with an uncertain pronoun is kept as written. Deterministic rules over the person's own
words, no parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

__all__ = ["IRREGULAR_PAST", "Pronouns", "Reader", "address", "base_verb", "object_pronoun", "reader",
           "uncertain"]

_I: Final = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class _Set:
    """One set of pronouns: "she", "her", "her", "hers", "herself"."""

    subject: str
    object: str
    determiner: str
    possessive: str
    reflexives: tuple[str, ...]
    plural: bool = False  # "they are", not "they is"


_SETS: Final = {
    "he": _Set("he", "him", "his", "his", ("himself",)),
    "she": _Set("she", "her", "her", "hers", ("herself",)),
    "they": _Set("they", "them", "their", "theirs", ("themselves", "themself"), plural=True),
    "xe": _Set("xe", "xem", "xyr", "xyrs", ("xemself",)),
    "ze": _Set("ze", "zir", "zir", "zirs", ("zirself",)),
    "ze/hir": _Set("ze", "hir", "hir", "hirs", ("hirself",)),
    "ey": _Set("ey", "em", "eir", "eirs", ("emself",)),
    "fae": _Set("fae", "faer", "faer", "faers", ("faerself",)),
}
# The sets every answer is read for; the others only for a reader who gave them.
_COMMON: Final = frozenset(("he", "she", "they"))
# The word of a declared set to its key ("xem" -> "xe"); "ze" is "ze/hir" beside "hir".
_DECLARED_WORD: Final = {word: key for key, s in _SETS.items() if key != "ze/hir"
                         for word in (s.subject, s.object, s.determiner, s.possessive)}
_DECLARED_WORD["hir"] = "ze/hir"
_PRONOUN_LIST: Final = (r"(?:he|him|his|she|her|hers|they|them|their|theirs|xe|xem|xyr|ze|zir|hir"
                        r"|ey|em|eir|fae|faer)")
# "Robin (they/them)", "Sam, she", "Alex - he/him", "Kim, pronouns she/they", "Jo (xe/xem)".
_DECLARED: Final = re.compile(
    rf"^(?P<name>.*?)[\s,;:(\[\-\u2013\u2014]*(?:(?:my\s+)?pronouns?(?:\s+are)?:?\s*)?"
    rf"(?<![\w'])(?P<sets>{_PRONOUN_LIST}(?:\s*/\s*{_PRONOUN_LIST})*)\s*[)\]]?\s*$", _I)
# A bare word after a name that gives their pronouns ("Sam, she"); other words need a slash.
_BARE_DECLARED: Final = frozenset(("he", "him", "she", "her", "they", "them"))

# After "her" these words mean "her" is the one spoken to ("tell her when", "I ignored her all
# evening", "I hung up on her twice"), not an owner ("her phone"): words that never follow an
# owner, since they are no noun.
_AFTER_OBJECT_HER: Final = frozenset((
    "the", "a", "an", "that", "this", "these", "those", "to", "when", "what", "how", "why", "if",
    "and", "or", "but", "so", "because", "as", "than", "while", "until", "till", "unless",
    "though", "although", "where", "who", "whether", "about", "for", "with", "at", "in", "on",
    "into", "onto", "from", "by", "of", "like", "without", "after", "before", "since", "during",
    "around", "near", "up", "down", "out", "off", "back", "over", "away", "home", "again", "too",
    "all", "every", "each", "both", "some", "any", "no", "none", "nothing", "something",
    "anything", "everything", "enough", "more", "less", "much", "twice", "once", "last", "first",
    "yesterday", "today", "tonight", "tomorrow", "earlier", "later", "now", "then", "there",
    "here", "anymore", "instead", "alone", "even", "ever", "never", "always", "just", "still",
    "very", "really", "right", "i", "you", "he", "she", "we", "they", "me", "him", "us", "them",
    "my", "your", "his", "our", "their", "it", "know", "feel", "go", "do", "be", "see", "think",
    "understand", "names",
    # Texting's short words, none of them a noun: "at her bc she was late", "b/c" (read as "b"),
    # "her tho", "her rn", "her lol", "her n her mum" ("n" for "and").
    "bc", "b", "bcuz", "bcoz", "bcos", "bcs", "cuz", "coz", "cos", "cause", "tho", "thru",
    "til", "rn", "atm", "lol", "lmao", "tbh", "ngl", "smh", "idk", "imo", "btw", "omg", "fr",
    "af", "n", "w", "2day", "2nite", "tonite", "tmrw", "yday", "agen", "agian"))
# "-ly" words that are things, not manners: "her family" is hers.
_LY_NOUNS: Final = frozenset(("family", "reply", "belly", "ally", "bully", "jelly", "rally",
                              "supply", "lily", "holly", "sally", "molly", "emily", "kelly"))
# Before "her", these verbs make her the one spoken to whatever follows ("made her cry").
_CAUSING: Final = frozenset(("make", "makes", "made", "making", "let", "lets", "letting"))
# After "called her", a word like these is what she was called ("called her lazy").
_CALLED: Final = re.compile(r"^(?:call|calls|called|calling)$", _I)
# After "called her", these are hers ("I called her phone"), not what she was called.
_CALLED_HERS: Final = frozenset(("phone", "mobile", "cell", "number", "office", "landline",
                                 "house", "work"))
# Before "her" and a thing, these verbs give it to her ("I bought her flowers", "told her lies").
_GIVING: Final = frozenset((
    "give", "gives", "gave", "given", "giving", "buy", "buys", "bought", "buying", "send",
    "sends", "sent", "sending", "tell", "tells", "told", "telling", "owe", "owes", "owed",
    "owing", "show", "shows", "showed", "shown", "showing", "promise", "promises", "promised",
    "offer", "offers", "offered", "lend", "lends", "lent", "bring", "brings", "brought", "teach",
    "taught", "hand", "handed"))
# After a verb of giving or telling and "her", these are hers, never given to her: "I told her
# secret", "I showed her diary to Sam" ("told her lies", "bought her flowers": given to her).
_TOLD_HERS: Final = frozenset((
    "secret", "secrets", "business", "crush", "password", "passwords", "diary", "private",
    "personal"))
# Before "her" and a word in -ing (or "late", "upset"), these verbs say what she was left doing
# or being ("I kept her waiting", "I left her crying"); "her" is not an owner there.
_KEEPING: Final = frozenset((
    "keep", "keeps", "kept", "keeping", "leave", "leaves", "left", "leaving", "have", "had",
    "find", "found", "see", "saw", "seen", "hear", "heard", "watch", "watched", "catch", "caught",
    "get", "got", "set", "start", "started", "stop", "stopped"))
_KEPT_STATE: Final = frozenset(("late", "early", "upset", "sad", "angry", "hurt", "awake",
                                "busy", "hanging", "outside"))
# Words in -ing that are things, so "her" before them is an owner ("her wedding").
_ING_NOUNS: Final = frozenset((
    "ring", "thing", "king", "spring", "string", "sibling", "wedding", "evening", "morning",
    "building", "painting", "ceiling", "darling", "earring", "clothing", "pudding", "meeting",
    "wing", "swing", "offspring", "stocking", "filling", "setting", "outing"))
# Other people a text can speak of: while one is in it, a "he" or "her" may be them, not the
# reader ("Sam's mum criticised my cooking" and "I snapped at her").
_PERSON_WORD: Final = re.compile(
    r"\b(?:(?:step|half|grand|great)-?)?(mum|mom|mommy|mummy|mother|dad|daddy|father"
    r"|parent|sister|sis|brother|bro|sibling|son|daughter|kid|child|children|baby|grandma|grandpa"
    r"|granny|nan|nana|grandmother|grandfather|aunt|auntie|aunty|uncle|cousin|niece|nephew"
    r"|husband|wife|partner|boyfriend|girlfriend|ex|fianc[ée]e?|spouse|boss|manager|supervisor"
    r"|colleague|coworker|co-worker|teammate|friend|bestie|mate|flatmate|roommate|housemate"
    r"|neighbou?r|teacher|doctor|therapist|family|relative|in-laws?|guy|girl|man|woman|lady"
    r"|client|customer|landlord|landlady|tenant|classmate|student|coach|nanny|babysitter"
    r"|someone|somebody|everyone|everybody|people|stranger)(?:s|es)?(?:-in-law)?\b", _I)
_FEMALE: Final = frozenset((
    "mum", "mom", "mommy", "mummy", "mother", "sister", "sis", "daughter", "grandma", "granny",
    "nan", "nana", "grandmother", "aunt", "auntie", "aunty", "niece", "wife", "girlfriend",
    "fiancée", "fiancee", "girl", "woman", "lady", "landlady"))
_MALE: Final = frozenset((
    "dad", "daddy", "father", "brother", "bro", "son", "grandpa", "grandfather", "uncle",
    "nephew", "husband", "boyfriend", "fiancé", "fiance", "guy", "man", "landlord"))
# Person words that are a group, never one "he" or "she" ("my family", "everyone").
_GROUP: Final = frozenset(("children", "family", "people", "everyone", "everybody", "in-laws"))
# Capitalised words that name no one.
_NOT_NAMES: Final = frozenset((
    "he", "she", "they", "we", "you", "it", "my", "our", "your", "his", "her", "their", "the",
    "a", "an", "this", "that", "when", "after", "before", "last", "yesterday", "today", "on",
    "at", "in", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "christmas", "easter", "day", "eve", "new", "year",
    "years", "thanksgiving", "valentine's", "valentines", "halloween", "diwali", "eid",
    "hanukkah", "ramadan", "boxing", "mother's", "father's", "birthday"))
# Names that are also ordinary words ("Will said he will"): matched only with their capital, and
# at the start of a sentence only where a verb follows ("Will said", not "Will you").
_WORD_NAMES: Final = frozenset("""
will may june april august joy hope faith grace mercy patience prudence charity chance destiny
harmony melody liberty honor honour mark bill rose lily daisy holly ivy iris violet ruby pearl
amber jade dawn sky rain summer autumn winter sunny honey art pat sue rob bob jack frank drew
chase hunter mason carter lane dale glen cliff brook river reed ray max sage storm star penny
sandy robin jay wren lark dove nick don grant lance miles wade eve dot gene guy sonny buck bud
rocky rusty basil heath heather fern hazel olive cherry ginger kit sterling major royal
""".split())  # noqa: SIM905 (a list of words reads best as text)
# Words in -s that are no plural thing ("the car keys were theirs", "sometimes").
_NOT_THINGS: Final = frozenset((
    "his", "hers", "theirs", "yours", "ours", "its", "this", "was", "does", "has", "yes", "plus",
    "always", "perhaps", "sometimes", "towards", "afterwards", "besides", "else", "news",
    "xyrs", "zirs", "hirs", "eirs", "faers"))
# Before a person word, these say what someone is, not who else is there ("he was a bad
# friend", "treated me like a child", "I called him a useless father").
_PREDICATE: Final = re.compile(
    r"\b(?:(?:is|was|were|are|am|be|been|being|seem|seems|seemed|become|became|like|as)\s+"
    # What someone was called: "I called him a useless father" (a name blanked is spaces).
    r"|(?:call|calls|called|calling)\s+(?:(?:him|her|them|me|you|us)\s+|\s{2,}))"
    r"(?:such\s+)?(?:a|an|the)\s+(?:[\w'-]+\s+){0,2}$", _I)
# Before a person word, these make it a role, not someone ("the best mum", "a good dad").
_ROLE: Final = re.compile(
    r"\b(?:the|a|an|such a|such an)\s+(?:(?:very|most|really|so)\s+)?(?:best|greatest|worst"
    r"|only|perfect|good|great|wonderful|amazing|lovely|loving|kind|real|proper|better|\w+est)\s+$",
    _I)
# Between "her" or "his" and a person word they own ("her older sister", "his best friend").
_MODIFIERS: Final = (r"(?:own|older|younger|elder|little|big|baby|new|best|old|late|twin"
                     r"|current)")
# Who the message is for, by context, when the person wrote "my therapist" or "my wife".
_ADDRESSEE: Final = {"therapist": r"my therapist",
                     "partner": r"my (?:partner|husband|wife|boyfriend|girlfriend)",
                     "ex": r"my (?:ex(?:-(?:partner|husband|wife|boyfriend|girlfriend))?"
                           r"|co-?parent)"}
_IRREGULAR: Final = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
                     "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
                     # As texting spells them, said for "you" in the same spelling.
                     "doesnt": "dont", "dosnt": "dont", "dosent": "dont", "doesent": "dont",
                     "dsnt": "dont", "dose": "do", "isnt": "arent", "iznt": "arent",
                     "wasnt": "werent", "wasent": "werent", "wuznt": "werent", "hasnt": "havent",
                     "iz": "r", "wuz": "were", "wus": "were", "haz": "have"}
# A verb after "she" or a name that is said only of one person ("she dosn't care") but that is
# spelt in a way the list above does not know: no "you" can take it, so the words stay as written.
_ONLY_OF_ONE: Final = re.compile(r"^(?:d\w{0,3}s\w{0,2}n'?t|[iw]\w{0,2}[sz]\w{0,2}n'?t"
                                 r"|h\w?[sz]\w{0,2}n'?t)$", _I)
# Between a subject and its verb ("she never listens"): the verb after them agrees.
_ADVERB: Final = (r"(?:never|always|just|really|often|still|also|usually|sometimes|even|only"
                  r"|actually|already|finally|rarely|barely|hardly|constantly|clearly)")
# Where a clause starts: punctuation, or a word that opens one.
_OPENER: Final = (r"and|but|or|so|then|because|cause|cos|when|whenever|while|after|before"
                  r"|since|until|till|if|that|as|though|although|once|unless|where|whether")
_CLAUSE_START: Final = re.compile(rf"[,;:.!?()\u2013\u2014]|\b(?:{_OPENER})\b", _I)
# Before a name, these say a clause about them starts ("I said Sam was", "I think Jo needs").
_THAT_VERBS: Final = frozenset((
    "said", "say", "says", "think", "thinks", "thought", "know", "knew", "knows", "feel", "felt",
    "believe", "believed", "heard", "realised", "realized", "noticed", "guess", "hope", "hoped",
    "worried", "sure", "assumed", "assume", "suppose", "wish", "wished", "found"))
# "I told Tom he was": the "he" after the one told is them.
_TELLING: Final = re.compile(
    r"\b(?:told|tell|tells|telling|asked|ask|asks|reminded|remind|reminds|warned|warn|warns"
    r"|assured|convinced|persuaded)\s+(?:(?:my|our|your|his|her|their|the)\s+)?$", _I)
# Irregular past forms a name or a person word can start an account with ("Paul let me down",
# "Lucy saw me texting"), besides the "-ed" ones.
IRREGULAR_PAST: Final = (
    "said|told|was|were|got|went|left|forgot|did|didn't|made|took|came|had|kept|lost|sent|spent"
    "|broke|gave|bought|brought|caught|threw|wrote|ran|hung|let|cut|quit|set|read|put|saw|shut"
    "|hit|hurt|met|stood|sat|heard|found|knew|began|drove|ate|fell|fought|won|paid|slept|stole"
    "|swore|woke|wore|hid|bit|chose|spoke|meant|sold|shook|rang|sang|drank|flew|forgave|froze"
    "|held|led|rode|stuck|taught|tore|wept|upset|felt|thought|understood|blew|dug|lit|split"
    "|spread|struck|swept|swung|withdrew|bet|burst|cast|cost|shed|slid")
# What follows a name at the start of a sentence when it is one ("Will said", "May's"), not a
# word ("Will you", "Mark the dates").
_NAME_FOLLOWS: Final = re.compile(
    rf"^(?:['\u2019]s\b|\s+(?:and|&)\s|\s+(?:{_ADVERB}\s+)?(?:\w+ed|\w+s|{IRREGULAR_PAST}"
    r"|can't|won't|couldn't|wouldn't|never|always)\b)", _I)
# After "Sam's", these make it "Sam is" or "Sam has", not Sam's own thing.
_IS_AFTER: Final = re.compile(
    r"^\s+(?:not|always|never|so|very|really|just|still|late|upset|angry|sad|mad|right|wrong"
    r"|a|an|the|being|such|too|back|home|away|out|busy|tired|sorry|fine|okay|ok|\w+ing)\b", _I)
_HAS_AFTER: Final = re.compile(r"^\s+(?:been|got|gone|done|had)\b", _I)
# "behind my husband's back": the back is his, whatever ``_IS_AFTER`` reads in "'s back".
_BEHIND: Final = re.compile(r"\bbehind\s+(?:(?:my|our|the|her|his|their)\s+)?$", _I)


def _is_after(text: str, start: int, end: int) -> bool:
    """Whether the "'s" after the name at ``start``-``end`` of ``text`` is "is" ("Sam's late"),
    not whose ("behind Sam's back")."""
    return bool(_IS_AFTER.match(text[end + 2:])) and not _BEHIND.search(text[:start])


def base_verb(word: str) -> str:
    """The verb for "you": "needs" -> "need", "is" -> "are", "tries" -> "try"."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x|z|o)es$", low):
        return word[:-2]
    return word[:-1] if low.endswith("s") and not low.endswith("ss") else word


@dataclass(frozen=True, slots=True)
class Reader:
    """Who a message is for: their name as the person gave it, and their pronouns, as the keys
    of the sets ("she", "they"), when the person gave them or the name says them ("my mum")."""

    name: str
    pronouns: frozenset[str] = frozenset()
    declared: bool = False  # the person gave them
    group: bool = False  # "my parents": "yourselves"


# "my wife Laura", "our friend Kit": who they are to me, then their name (one capitalised word).
_TITLED: Final = re.compile(
    rf"(?:my|our)\s+(?:{_MODIFIERS}\s+)?{_PERSON_WORD.pattern}\s+(?P<name>[A-Z][\w'-]+)")


_ASIDE: Final = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


def reader(other: str) -> Reader:
    """The reader from the answer to "Who is this about?", with any pronouns it gives.

    >>> reader("Robin (they/them)")
    Reader(name='Robin', pronouns=frozenset({'they'}), declared=True, group=False)
    >>> reader("Sam, she").pronouns, reader("my brother").pronouns, reader("Sam").pronouns
    (frozenset({'she'}), frozenset({'he'}), frozenset())
    >>> reader("my wife Laura")
    Reader(name='Laura', pronouns=frozenset({'she'}), declared=False, group=False)
    """
    text = other.strip().rstrip(".!")
    given = _DECLARED.match(text)
    if given:
        words = [w.lower() for w in re.split(r"\s*/\s*", given.group("sets"))]
        name = given.group("name").strip(" ,;:-(\u2013\u2014")
        bare = len(words) == 1 and words[0] in _BARE_DECLARED
        between = text[len(given.group("name")):given.start("sets")]
        if len(words) > 1 or (bare and (not name or re.search(r"[,;:(\[\-\u2013\u2014]",
                                                                  between))):
            keys = {"ze/hir" if w == "ze" and "hir" in words else _DECLARED_WORD[w]
                    for w in words}
            if not name and keys == {"they"} and len(words) == 1:
                keys = set()  # "them" alone says who, not which pronouns
            return Reader(name, frozenset(keys), declared=bool(keys))
    # A note in brackets that gives no pronouns ("My mother-in-law (she lives with us)") is
    # about them, not part of their name (round 19).
    text = _ASIDE.sub("", text).strip() or text
    person = re.fullmatch(rf"(?:(?:my|our|the)\s+)?{_PERSON_WORD.pattern}", text, _I)
    titled = _TITLED.fullmatch(text)
    if not person and titled and titled.group("name").lower() not in _NOT_NAMES:
        # "my wife Laura": Laura, whom the account calls by name; "wife" says her pronouns
        word = titled.group(1).lower()
        keys = {"she"} if word in _FEMALE else {"he"} if word in _MALE else set()
        return Reader(titled.group("name"), frozenset(keys))
    if not person:
        return Reader(text)
    word = person.group(1).lower()
    plural = bool(re.search(r"(?:s|es)$", person.group()[person.end(1) - person.start():])
                  ) or word in _GROUP
    return Reader(text, frozenset({"they"} if plural else {"she"} if word in _FEMALE
                                  else {"he"} if word in _MALE else ()), group=plural)


# Words for a parent or grandparent that are also what they are called ("Mum asked again"):
# the reader named "my mum" is named by "Mum" alone (round 18).
_KIN_NAMES: Final = frozenset(("mum", "mom", "mam", "mummy", "mommy", "dad", "daddy", "gran",
                               "granny", "grandma", "grandad", "granddad", "grandpa", "nan",
                               "nana", "nanna"))


def _name_patterns(who: Reader, context: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """The reader's names as patterns, each with whether a match needs checking: their name
    (only with its capital where it is also a word: "Will", not "will"), "Dad" and "my dad" for
    Dad, "my therapist" to a therapist."""
    found: list[tuple[re.Pattern[str], bool]] = []
    if context in _ADDRESSEE:
        found.append((re.compile(rf"\b{_ADDRESSEE[context]}\b", _I), False))
    name = who.name
    low = name.lower()
    if len(name) < 2 or low in ("me", "we", "us", "you", "it") or (
            re.fullmatch(_PRONOUN_LIST, low, _I)):
        return tuple(found)
    bare = re.sub(r"^(?:my|our|the)\s+", "", low)
    if _PERSON_WORD.fullmatch(bare):  # "Dad", "my brother": no capital needed
        # "my mum" is "Mum" in the account too: a parent's or grandparent's word is their name.
        lead = (r"\b(?:my|our|the)\s+" if bare != low and bare not in _KIN_NAMES
                else r"(?:\b(?:my|our)\s+)?\b")
        found.append((re.compile(rf"{lead}{re.escape(bare)}\b", _I), True))
    elif low.split()[0] not in _WORD_NAMES:  # "Sam", or "sam" as some type it
        found.append((re.compile(rf"\b{re.escape(name)}\b", _I), False))
    else:
        capital = " ".join(w[:1].upper() + w[1:] for w in name.split())
        found.append((re.compile(rf"\b(?:{re.escape(name)}|{re.escape(capital)})\b"), True))
    return tuple(found)


def _name_spans(text: str, who: Reader, context: str) -> list[tuple[int, int]]:
    """Where ``text`` names the reader (without a possessive "'s"), with the words before a name
    that say who they are to me ("my sister Hannah", "our friend Kit": all of it is them). A
    reader named as "my ex, Sam" is named by either ("Sam and our son waited")."""
    pieces = [p for p in re.split(r"\s*,\s*", who.name) if p]
    if len(pieces) < 2:
        return _spans_of_name(text, who, context)
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        for begin, finish in _spans_of_name(text, replace(who, name=piece), context):
            if not any(s < finish and begin < e for s, e in spans):
                spans.append((begin, finish))
    return sorted(spans)


def _spans_of_name(text: str, who: Reader, context: str) -> list[tuple[int, int]]:
    """``_name_spans`` for a reader with one name."""
    spans: list[tuple[int, int]] = []
    bare = re.sub(r"^(?:my|our|the)\s+", "", who.name.lower())
    titled = bool(who.name) and not _PERSON_WORD.fullmatch(bare)
    for pattern, check in _name_patterns(who, context):
        for match in pattern.finditer(text):
            begin, finish = match.start(), match.end()
            before = text[:begin]
            if check and re.search(r"\b(?:his|her|their|your|its|a|an)\s+$|['\u2019]s\s+$",
                                   before, _I):
                continue  # "his dad" is someone else's
            if check and (_PREDICATE.search(before) or _ROLE.search(before)):
                continue  # "you were the best mum": what they were, not who
            opening = not before.strip() or before.rstrip()[-1] in ".!?"
            if check and opening and (who.name.lower().split()[0] in _WORD_NAMES) and not (
                    _NAME_FOLLOWS.match(text[finish:])):
                continue  # "Will you ...", "Mark the dates"
            if titled and (title := _APPOSITIVE.search(before)):
                begin = title.start()  # "my sister Hannah": all of it is her
            if not any(s < finish and begin < e for s, e in spans):
                spans.append((begin, finish))
    return sorted(spans)


# The words before a name that say who they are to me: "my sister" Hannah, "our old friend" Kit.
_APPOSITIVE: Final = re.compile(
    rf"\b(?:my|our)\s+(?:{_MODIFIERS}\s+)?(?:{_PERSON_WORD.pattern})\s+$", _I)


@dataclass(slots=True)
class _Mention:
    """Someone a text speaks of, or a pronoun in it."""

    start: int
    end: int
    kind: str  # "reader" (their name), "person", "thing", "speaker", "pronoun"
    entity: str = ""  # "reader", "person:<word>", "speaker"; a pronoun's once it is known
    sets: frozenset[str] = frozenset()  # what a person may be called
    key: str = ""  # a pronoun's set
    form: str = ""  # a pronoun's: subject, object, determiner, possessive, reflexive, unsure
    possessor: bool = False  # "Sam's", "her" before a noun: not the clause's subject
    status: str = ""  # a pronoun's: "reader", "other" or "unsure"


def _people(text: str) -> list[_Mention]:
    """The people (and things) ``text`` speaks of besides the reader, whose names are blanked:
    someone's mum, a friend, a name, the kids; each with what it could be called. A word that
    says what someone is ("he was a bad friend") is no one else."""
    found: list[_Mention] = []
    for person in _PERSON_WORD.finditer(text):
        word = person.group(1).lower()
        if _PREDICATE.search(text[:person.start()]):
            continue
        group = bool(re.match(r"e?s", text[person.end(1):person.end()])) or word in _GROUP
        sets = (frozenset({"they"}) if group else frozenset({"she"}) if word in _FEMALE
                else frozenset({"he"}) if word in _MALE else _COMMON)
        found.append(_Mention(person.start(), person.end(), "person", f"person:{word}", sets))
    for name in re.finditer(r"\b(?-i:[A-Z][a-z])[\w']*", text):
        word = re.sub(r"['\u2019]s$", "", name.group().lower())
        if word in _NOT_NAMES or name.group().lower() in _NOT_NAMES or (
                _PERSON_WORD.fullmatch(word)):
            continue
        before = text[:name.start()]
        opening = not before.strip() or before.rstrip()[-1] in ".!?"
        # A capital that opens a sentence names someone only before "and" or "'s" ("Jo and I").
        if not opening or re.match(r"(?:['\u2019]s\b|\s+(?:and|&)\s)", text[name.end():]):
            found.append(_Mention(name.start(), name.end(), "person", f"person:{word}",
                                  _COMMON))
    for thing in re.finditer(rf"\b(?:the|my|our|your|his|her|their|these|those|some|all|both"
                             rf"|with|about|for|of|from|\w+ed|{IRREGULAR_PAST})"
                             r"\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*[^\Wsu]s)\b", text):
        if not _PERSON_WORD.fullmatch(thing.group(1)) and thing.group(1) not in _NOT_THINGS:
            found.append(_Mention(thing.start(1), thing.end(1), "thing",
                                  f"thing:{thing.group(1)}", frozenset({"they"})))
    for me in re.finditer(r"\b(?:I|me|we|us|you)\b", text, _I):
        found.append(_Mention(me.start(), me.end(), "speaker",
                              "reader" if me.group().lower() == "you" else "speaker"))
    return sorted(found, key=lambda m: m.start)


def _pronoun_words(keys: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Each pronoun word of the sets ``keys`` with its set and form ("him" -> he, object)."""
    words: dict[str, tuple[str, str]] = {}
    for key in sorted(keys):
        s = _SETS[key]
        for word, form in ((s.possessive, "possessive"), (s.determiner, "determiner"),
                           (s.object, "object"), (s.subject, "subject"),
                           *((r, "reflexive") for r in s.reflexives)):
            words.setdefault(word, (key, form))
        for end in ("'s", "'re", "'ve", "'ll", "'d"):
            words[s.subject + end] = (key, "subject")
    words["her"], words["his"] = ("she", "her"), ("he", "his")
    return words


_HER: Final = re.compile(r"\bher\b(?=\s*([\w']*))", _I)


def _you_or_your(her: re.Match[str]) -> str | None:
    """"her" said to her: "you" where she is the one spoken of ("I ignored her all evening",
    "I made her cry", "I called her lazy", "I kept her waiting", "I bought her flowers"), "your"
    where she owns what follows ("her phone", "her mum", "I criticised her cooking"), ``None``
    where it cannot tell ("I told her secrets to my friends")."""
    after = her.group(1).lower()
    before = re.findall(r"[\w']+", her.string[:her.start()])
    verb = before[-1].lower() if before else ""
    rest = her.string[her.end():]
    if after and _PERSON_WORD.fullmatch(after):
        return "your"  # "her mum", "I called her mum"
    if (not after or after in _AFTER_OBJECT_HER or verb in _CAUSING
            or (after.endswith("ly") and after not in _LY_NOUNS)
            or (_CALLED.match(verb) and after not in _CALLED_HERS)):
        return "you"
    ing = len(after) > 4 and after.endswith("ing") and after not in _ING_NOUNS
    if verb in _KEEPING and (ing or after in _KEPT_STATE):
        return "you"
    if verb in _GIVING and after in _TOLD_HERS:  # "I told her secret": hers, told on
        return "your"
    if verb in _GIVING:  # "told her secrets to my friends": hers, told to someone else
        return None if re.search(r"\bto (?:the|my|our|his|their|everyone|everybody|people|him"
                                 r"|them|me|us|[A-Z])", rest) else "you"
    return "your"  # "her cooking", "her parenting": hers


# Pronouns named as words, a set with a slash ("they/them", "she/her", "he/him/his"): what to
# call someone, not a mention of them (round 18: "I will use their name and they/them").
_NAMED_PRONOUNS: Final = re.compile(rf"\b{_PRONOUN_LIST}(?:\s*/\s*{_PRONOUN_LIST})+\b", _I)


def _pronouns_in(text: str, keys: frozenset[str]) -> list[_Mention]:
    words = _pronoun_words(keys)
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                         + r")(?![\w'\u2019])", _I)
    found = []
    named = [m.span() for m in _NAMED_PRONOUNS.finditer(text)]
    for match in pattern.finditer(text.replace("\u2019", "'")):
        if any(start <= match.start() < end for start, end in named):
            continue  # "use they/them": the pronouns named as words, no mention of anyone
        key, form = words[match.group().lower()]
        after = re.match(r"\s*([\w']*)", text[match.end():])
        following = after.group(1).lower() if after else ""
        if form == "her" and (her := _HER.match(match.string, match.start())):
            said = _you_or_your(her)
            form = {"you": "object", "your": "determiner"}.get(said or "", "unsure")
        elif form == "his":
            form = "possessive" if not following or following in _AFTER_OBJECT_HER else (
                "determiner")
        found.append(_Mention(match.start(), match.end(), "pronoun", key=key, form=form,
                              possessor=form == "determiner"))
    return found


def _paired(text: str, pronoun: _Mention) -> str:
    """The person word a "her" or "his" owns, or a "her" or "him" stands beside, so cannot be
    ("her mum", "his older brother", "her and her mum"): ``""`` when there is none."""
    paired = re.match(rf"\s+(?:(?:and|&)\s+(?:her|his|their)\s+)?(?:{_MODIFIERS}\s+)?([\w'-]+)",
                      text[pronoun.end:], _I)
    person = _PERSON_WORD.fullmatch(paired.group(1)) if paired else None
    if not paired or not person:
        return ""
    owns = pronoun.form in ("determiner", "unsure")
    beside = pronoun.form == "object" and paired.group(0).lstrip()[:1] in "a&"
    return f"person:{person.group(1).lower()}" if owns or beside else ""


@dataclass(slots=True)
class _Text:
    """One answer, read: where it names the reader, the others it speaks of, its pronouns."""

    text: str
    names: list[tuple[int, int]]
    mentions: list[_Mention]  # in order: the reader's names, others, speakers and pronouns


def _read(text: str, who: Reader, context: str, keys: frozenset[str]) -> _Text:
    names = _name_spans(text, who, context)
    blank = list(text)
    for start, end in names:
        stop = end + 2 if re.match(r"['\u2019]s\b", text[end:]) else end
        blank[start:stop] = " " * (stop - start)
    blanked = "".join(blank)
    mentions = [_Mention(start, end, "reader", "reader",
                         possessor=bool(re.match(r"['\u2019]s\b", text[end:]))
                         and not _is_after(text, start, end))
                for start, end in names]
    mentions += _people(blanked)
    mentions += [p for p in _pronouns_in(blanked, keys)
                 if not any(s <= p.start < e for s, e in names)]
    return _Text(text, names, sorted(mentions, key=lambda m: m.start))


def _clause(text: str, pronoun: _Mention) -> tuple[int, int]:
    """Where the clause of ``pronoun`` starts and ends."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text[:pronoun.start])]
    after = _CLAUSE_START.search(text, pronoun.end)
    return (starts[-1] if starts else 0), (after.start() if after else len(text))


def _clause_subject(read: _Text, pronoun: _Mention, *, asked: bool) -> str:
    """Who ``pronoun``'s clause says did it, as far as the words show: the last one named before
    it in the clause ("Jo's boss kept her late": the boss; "Luke said I undermined him": me),
    the reader in a request that names no one first ("apologise to her"), or ``""``."""
    starts = [m.end() for m in _CLAUSE_START.finditer(read.text[:pronoun.start])]
    start = starts[-1] if starts else 0
    last = ""
    for mention in read.mentions:
        if mention.start >= pronoun.start:
            break
        if mention.start >= start and not mention.possessor:
            last = mention.entity
    # "apologise to her" asks the reader to act; "him to stop yelling" names who is to.
    imperative = asked and not starts and not re.match(r"\s*(?:(?:for|that)\s+)?$",
                                                       read.text[:pronoun.start], _I)
    return last or ("reader" if imperative else "")


def _sentence_entities(read: _Text, pronoun: _Mention, fits: dict[str, bool]) -> set[str] | None:
    """The ones before ``pronoun`` in its sentence that it could be, or None where a pronoun like
    it before it is uncertain ("he asked for her because he ...")."""
    sentence = max((m.end() for m in re.finditer(r"[.!?]\s", read.text[:pronoun.start])),
                   default=0)
    found: set[str] = set()
    for mention in read.mentions:
        if mention.start < sentence or mention.kind == "speaker" or (
                mention.kind == "thing" and pronoun.key != "they"):
            continue
        if mention.start >= pronoun.start:
            break
        if mention.kind == "pronoun":
            if mention.key != pronoun.key:
                continue
            if mention.status == "unsure":
                return None
            if mention.entity:
                found.add(mention.entity)
        elif fits.get(mention.entity, mention.kind == "thing"):
            found.add(mention.entity)  # "Alex bought flowers but they died": maybe the flowers
    return found


# "I called him a useless father in front of Ellie and Sam and told him not to bother": an object
# pronoun right after "and" and a verb is the one the same verb chain spoke to before it.
_AND_VERB: Final = re.compile(r"\band\s+(?:then\s+|also\s+|just\s+)?[a-z]+\s+$", _I)


def _parallel(read: _Text, pronoun: _Mention) -> str:
    """Who an object pronoun after "and" and its verb is, when an object pronoun like it before
    it in its sentence, with no other subject between them, was told ("I called him ... and told
    him ..."): the same one; ``""`` otherwise."""
    before = read.text[:pronoun.start]
    if not _AND_VERB.search(before):
        return ""
    sentence = max((m.end() for m in re.finditer(r"[.!?]\s", before)), default=0)
    earlier = [m for m in read.mentions if sentence <= m.start < pronoun.start]
    like = [m for m in earlier if m.kind == "pronoun" and m.key == pronoun.key]
    if not like or like[-1].form != "object" or not like[-1].entity or like[-1].status == "unsure":
        return ""
    if any(m.kind == "pronoun" and m.form == "subject" and m.start > like[-1].start
           for m in earlier):
        return ""  # "I called him and she told him": someone else spoke between
    return like[-1].entity


def _judge(reads: list[_Text], index: int, pronoun: _Mention, pronouns: frozenset[str] | None,
           sets: dict[str, frozenset[str]], *, asked: bool, spoken: bool,
           declared: bool) -> tuple[str, str, bool]:
    """Who ``pronoun`` (in the answer ``index``; 0 is the account) is: its entity ("reader",
    "person:mum", "" when not known), its status ("reader", "other", "unsure") and whether the
    words say so outright (an opening "She", "Robin said they", "Leo shut himself").
    ``spoken``: whether the account speaks of the reader; ``declared``: whether the person gave
    the reader's pronouns."""
    read, key = reads[index], pronoun.key
    reader_fits = key in pronouns if pronouns else key in _COMMON
    fits = {entity: key in can for entity, can in sets.items()} | {"reader": reader_fits}
    before = [m for m in read.mentions if m.start < pronoun.start and m.kind != "speaker"]
    bound = ""
    if pronoun.form == "subject":
        opening = index == 0 and not before and reader_fits
        first_of_request = asked and not read.text[:pronoun.start].strip(" ,") and bool(
            pronouns) and reader_fits
        told = before[-1] if before and re.fullmatch(
            r"\s+(?:that\s+|if\s+|whether\s+)?", read.text[before[-1].end:pronoun.start]) and (
            _TELLING.search(read.text[:before[-1].start])) else None
        if opening or first_of_request:
            bound = "reader"
        elif told and told.entity and fits.get(told.entity, False) and (
                told.kind != "pronoun" or told.key == key):
            bound = told.entity
        elif (near := _sentence_entities(read, pronoun, fits)) and len(near) == 1:
            bound = near.pop()
    elif pronoun.form == "reflexive":
        subject = _clause_subject(read, pronoun, asked=asked)
        bound = subject if subject and fits.get(subject, False) else ""
    elif pronoun.form == "object":
        bound = _parallel(read, pronoun)
    if bound:
        return bound, "reader" if bound == "reader" else "other", True
    # Who else it could be: the others of the account and those before it in its own answer,
    # but not one it (or a pronoun like it in its clause) owns: "she always picks her sister".
    start, end = _clause(read.text, pronoun)
    paired = {_paired(read.text, m) for m in read.mentions
              if m.kind == "pronoun" and m.key == key and m.form in ("determiner", "unsure")
              and start <= m.start < end} | {_paired(read.text, pronoun)}
    excluded = paired - {""}
    if pronoun.form == "object":
        excluded.add(_clause_subject(read, pronoun, asked=asked))
    # Things ("the flowers") may be "they" or "them" too, in the answer that speaks of them.
    thing = pronoun.form in ("subject", "object")
    others = [m for m in reads[0].mentions if index and m.kind == "person"] + [
        m for m in before if m.kind == "person" or (m.kind == "thing" and thing)]
    could_be = {m.entity for m in others if key in sets.get(m.entity, m.sets)} - excluded
    if reader_fits and "reader" not in excluded:
        could_be.add("reader")
    if pronoun.form == "unsure" and "reader" in could_be:
        return "", "unsure", False
    if could_be == {"reader"}:
        # In my answers, only once the account (or the answer, before it) speaks of the reader
        # ("the argument about Christmas" and "I was sarcastic about her cooking" say nothing of
        # who "her" is), and not where the account has a pronoun like it that it cannot tell
        # ("Alex bought flowers but they died" and "I laughed at them").
        named = any(m.entity == "reader" and m.kind != "speaker" for m in before)
        unsure = any(m.kind == "pronoun" and m.key == key and m.status == "unsure"
                     for m in reads[0].mentions)
        if index and (unsure or not (spoken or named or declared or asked)):
            return "", "unsure", False
        return "reader", "reader", False
    if not could_be and reader_fits:  # no one but the reader, whom a guess ruled out
        return "", "unsure", False
    if "reader" not in could_be:
        return (could_be.pop() if len(could_be) == 1 else ""), "other", False
    return "", "unsure", False


@lru_cache(maxsize=64)
def _resolve(texts: tuple[str, ...], other: str, context: str, asked: int) -> tuple[_Text, ...]:
    """Every answer of ``texts`` (the account first) read, its pronouns judged: first to learn
    the reader's pronouns where the person did not give them, then with them."""
    who = reader(other)
    keys = _COMMON | who.pronouns
    reads = [_read(text, who, context, keys) for text in texts]
    sets = {m.entity: m.sets for read in reads for m in read.mentions if m.kind == "person"}
    pronouns: frozenset[str] | None = who.pronouns or None
    said: set[str] = set()  # the reader's pronouns, as the words say them
    only: set[str] = set()  # pronouns only the reader could be
    for final in (False, True):
        for index, read in enumerate(reads):
            spoken = any(m.entity == "reader" and m.kind != "speaker" for m in reads[0].mentions)
            for pronoun in (m for m in read.mentions if m.kind == "pronoun"):
                entity, pronoun.status, outright = _judge(
                    reads, index, pronoun, pronouns if final else (pronouns or (
                        frozenset(said) or None)), sets, asked=index == asked, spoken=spoken,
                    declared=who.declared)
                pronoun.entity = entity
                if final:
                    continue
                if entity == "reader":
                    (said if outright else only).add(pronoun.key)
                elif entity.startswith("person:") and outright and len(sets[entity]) > 1:
                    sets[entity] = frozenset({pronoun.key})  # "My boss ... and he"
        if not who.pronouns:
            pronouns = frozenset(said) or (frozenset(only) if len(only) == 1 else None)
    return tuple(reads)


def _agree(text: str, end: int, *, always: bool) -> tuple[int, str | None]:
    """The verb after a subject said as "you" ("needs" -> "need", "never listens" -> "never
    listen"): where it ends and what it becomes, or ``(end, "")`` when there is none to change,
    or ``(end, None)`` when it is one it cannot say for "you" ("she dosn't care").
    Without ``always``, only "is", "was", "has" and the like (the word after a name in the
    middle of a clause may be no verb: "I gave Sam lessons")."""
    verb = re.match(rf"(\s+(?:{_ADVERB}\s+)?)([\w']+)", text[end:], _I)
    if not verb or verb.group(2)[:1].isupper():
        return end, ""
    word = verb.group(2)
    if word.lower() not in _IRREGULAR and _ONLY_OF_ONE.match(word.replace("\u2019", "'")):
        return end, None
    if not always and word.lower() not in _IRREGULAR:
        return end, ""
    new = base_verb(word)
    return (end + verb.end(), verb.group(1) + new) if new != word else (end, "")


def _subject_place(text: str, start: int) -> bool:
    """Whether a name at ``start`` opens a clause, so is its subject ("Sam said", "I think Jo
    needs", "when Mia is upset"), not its object ("I told Sam")."""
    before = text[:start].rstrip()
    words = re.findall(r"[\w']+", before.lower())
    return not before or before[-1] in ",;:.!?(" or (bool(words) and (
        re.fullmatch(_OPENER, words[-1]) is not None or words[-1] in _THAT_VERBS))


def _cased(new: str, shown: str, at: int) -> str:
    """``new`` with a capital where the word it replaces at ``at`` in ``shown`` opens a
    sentence with one ("Sam said" -> "You said"; "I told Sam" -> "I told you")."""
    before = shown[:at].rstrip()
    opens = not before or before[-1] in ".!?"
    return new[:1].upper() + new[1:] if opens and shown[at:at + 1].isupper() else new


def _said_to(read: _Text, start: int, shown: str, who: Reader) -> str:
    """``shown``, the words of ``read`` from ``start`` (as the caller has them), with every
    mention of the reader as "you" (``read``'s pronouns judged), or as they are when any
    pronoun in them may be someone else."""
    end = start + len(shown)
    inside = [m for m in read.mentions if start <= m.start and m.end <= end]
    pronouns = [m for m in inside if m.kind == "pronoun"]
    if any(p.status == "unsure" for p in pronouns):
        return shown
    text = read.text
    edits: list[tuple[int, int, str]] = []
    for s, e in read.names:
        if not (start <= s and e <= end):
            continue
        after = text[e:]
        if re.match(r"['\u2019]s\b", after):
            rest = after[2:]
            new = ("you've" if _HAS_AFTER.match(rest) else "you're" if _is_after(text, s, e)
                   else "your")
            edits.append((s, e + 2, _cased(new, shown, s - start)))
            continue
        place = _subject_place(text, s)
        stop, verb = _agree(text, e, always=place)
        if verb is None:
            return shown
        edits.append((s, stop, _cased("you", shown, s - start) + verb))
    for p in pronouns:
        if p.status != "reader":
            continue
        word = shown[p.start - start:p.end - start]
        low = word.lower().replace("\u2019", "'")
        if p.form == "subject":
            if "'" in low:
                ending = low.split("'")[1]
                new = {"s": "you've" if _HAS_AFTER.match(text[p.end:]) else "you're",
                       "re": "you're", "ve": "you've", "ll": "you'll", "d": "you'd"}[ending]
                edits.append((p.start, p.end, _cased(new, shown, p.start - start)))
            else:
                stop, verb = _agree(text, p.end, always=not _SETS[p.key].plural)
                if verb is None:
                    return shown
                edits.append((p.start, stop, _cased("you", shown, p.start - start) + verb))
        else:
            new = {"object": "you", "determiner": "your", "possessive": "yours",
                   "reflexive": "yourselves" if who.group else "yourself"}[p.form]
            edits.append((p.start, p.end, _cased(new, shown, p.start - start)))
    out, after_edit = shown, end
    for s, e, new in sorted(edits, reverse=True):
        if e <= after_edit:  # one word, one edit ("she never listens" takes "listens")
            out, after_edit = out[:s - start] + new + out[e - start:], s
    if out == shown:
        return shown
    return re.sub(r"\b(you) (?=you\b)", r"\1 that ", out, flags=_I)  # "told you that you were"


@dataclass(frozen=True, slots=True)
class Pronouns:
    """The person's answers, read together so that each pronoun in them can be told to be the
    reader's or not: the account of what happened (``situation``), their other answers, which
    of them is the request (a "her" that the reader is asked to do something to is someone
    else: "apologise to her"), and whether the text to say comes from the account."""

    situation: str = ""
    answers: tuple[str, ...] = ()
    request: str = ""
    account: bool = True
    context: str = ""  # the relationship ("partner", "work"), for a request


def address(text: str, other: str, context: str, *, pronouns: Pronouns | None = None) -> str:
    """``text`` as said to ``other``, the one it is about: their name (or "my therapist" to a
    therapist), and the pronouns that can only mean them, become "you" ("Sam said I never
    listen" -> "you said I never listen"); where a pronoun in it may be someone else, all of it
    stays as it is ("Sam's mum said she was hurt"), so that it never changes who did what.

    >>> address("Robin told me they're non-binary", "Robin (they/them)", "family")
    "You told me you're non-binary"
    >>> address("Tom's dad said he was proud", "Tom", "family")
    "Tom's dad said he was proud"
    """
    read, start = _located(text, other, context, pronouns)
    return _said_to(read, start, text, reader(other))


def uncertain(text: str, other: str, context: str, *, pronouns: Pronouns | None = None
              ) -> tuple[str, ...]:
    """The pronouns in ``text`` (read as ``address`` reads it) that may mean ``other`` or someone
    else, as written and once each: where there is one, ``address`` keeps ``text`` as it is, so
    the person may want to change it themselves.

    >>> uncertain("I yelled at her", "Jo", "partner", pronouns=Pronouns(
    ...     situation="Jo's boss criticised her", answers=("I yelled at her",), account=False))
    ('her',)
    >>> uncertain("Sam said she was hurt", "Sam", "partner")
    ()
    """
    read, start = _located(text, other, context, pronouns)
    end = start + len(text)
    words: list[str] = []
    for mention in read.mentions:
        word = read.text[mention.start:mention.end].lower()
        if (mention.kind == "pronoun" and mention.status == "unsure" and start <= mention.start
                and mention.end <= end and word not in words):
            words.append(word)
    return tuple(words)


def _located(text: str, other: str, context: str, pronouns: Pronouns | None
             ) -> tuple[_Text, int]:
    """The answer ``text`` comes from, read with the others (``pronouns``; ``text`` is read
    alone without them), and where ``text`` starts in it."""
    given = pronouns or Pronouns(situation=text)
    texts = [given.situation, *given.answers]
    if given.request and given.request not in texts:
        texts.append(given.request)
    low = text.lower()
    order = [0, *range(1, len(texts))] if given.account else [*range(1, len(texts)), 0]
    index = next((i for i in order if texts[i] and low in texts[i].lower()
                  and len(texts[i].lower()) == len(texts[i])), -1)
    if index < 0:
        texts.append(text)
        index = len(texts) - 1
    asked = texts.index(given.request) if given.request else -1
    reads = _resolve(tuple(texts), other, context, asked)
    return reads[index], texts[index].lower().find(low)


def object_pronoun(who: Reader) -> str:
    """How to speak of ``who`` as an object: by the one set of pronouns they have ("her" for
    "Maya (she/her)", "him" for "my brother"), else "them" (none given, or more than one set).

    >>> object_pronoun(reader("Maya (she/her)")), object_pronoun(reader("Sam"))
    ('her', 'them')
    """
    return _SETS[next(iter(who.pronouns))].object if len(who.pronouns) == 1 else "them"
