"""Pronouns in a draft: "he", "she", "him", "her", "his" and the reader's name, said as "you" and
"your" to the person the draft is addressed to.

Only where they can mean no one else: a pronoun that someone else in the account could be called
stays, and so does a "her" that could be hers or her ("I told her secrets to my friends").
Deterministic rules over the person's own words, no parser.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["BOTH", "address", "base_verb", "safe_pronouns", "to_reader", "to_you"]

_I: Final = re.IGNORECASE
# The pronouns a draft may say as "you" when they can only mean the reader.
BOTH: Final = frozenset(("he", "she"))
# Who a message is for, by context, when the person wrote "my therapist" or "my wife".
_ADDRESSEE: Final = {"therapist": r"my therapist",
                     "partner": r"my (?:partner|husband|wife|boyfriend|girlfriend)"}
_THIRD_TO_YOU: Final = {"he's": "you're", "she's": "you're", "him": "you", "his": "your",
                        "himself": "yourself", "hers": "yours", "herself": "yourself",
                        "he'll": "you'll", "she'll": "you'll", "he'd": "you'd", "she'd": "you'd"}
_IRREGULAR: Final = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
                     "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't"}
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
    "understand", "names"))
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
    r"|someone|somebody|everyone|everybody|people|stranger)(?:s|es)?(?:-in-law)?\b", _I)
_FEMALE: Final = frozenset((
    "mum", "mom", "mommy", "mummy", "mother", "sister", "sis", "daughter", "grandma", "granny",
    "nan", "nana", "grandmother", "aunt", "auntie", "aunty", "niece", "wife", "girlfriend",
    "fiancée", "fiancee", "girl", "woman", "lady"))
_MALE: Final = frozenset((
    "dad", "daddy", "father", "brother", "bro", "son", "grandpa", "grandfather", "uncle",
    "nephew", "husband", "boyfriend", "fiancé", "fiance", "guy", "man"))
# Capitalised words that name no one.
_NOT_NAMES: Final = frozenset((
    "he", "she", "they", "we", "you", "it", "my", "our", "your", "his", "her", "their", "the",
    "a", "an", "this", "that", "when", "after", "before", "last", "yesterday", "today", "on",
    "at", "in", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "christmas", "easter", "day", "eve", "new", "year",
    "years", "thanksgiving", "valentine's", "valentines", "halloween", "diwali", "eid",
    "hanukkah", "ramadan", "boxing", "mother's", "father's", "birthday"))

# Person words that are a group, never one "he" or "she" ("my family", "everyone").
_GROUP: Final = frozenset(("children", "family", "people", "everyone", "everybody", "in-laws"))
# Before a person word, these say what someone is, not who else is there ("he was a bad
# friend", "treated me like a child").
_PREDICATE: Final = re.compile(
    r"\b(?:is|was|were|are|am|be|been|being|seem|seems|seemed|become|became|like|as)\s+"
    r"(?:such\s+)?(?:a|an)\s+(?:[\w'-]+\s+){0,2}$", _I)
# Between "her" or "his" and a person word they own ("her older sister", "his best friend").
_MODIFIERS: Final = (r"(?:own|older|younger|elder|little|big|baby|new|best|old|late|twin"
                     r"|current)")
_PRONOUN: Final = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)(?:'(?:s|ll|d))?\b",
                             _I)
_SUBJECTS: Final = frozenset(("he", "she", "he's", "she's", "he'll", "she'll", "he'd", "she'd"))
_HE: Final = frozenset(("he", "he's", "he'll", "he'd", "him", "his", "himself"))
_SHE: Final = frozenset(("she", "she's", "she'll", "she'd", "her", "hers", "herself"))


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


def to_you(text: str, genders: frozenset[str] = frozenset(("he", "she"))) -> str:
    """A request about them as one to them: "when he needs space" -> "when you need space". Only
    the pronouns of ``genders`` are turned (the others may be someone else's). Left alone when
    both "he" and "she" words could be turned (then someone else is in it too); a "her" that could
    be hers or her ("I told her secrets to my friends") stays, and so do the others: the person's
    own words are safest then."""
    present = _genders(text)
    turned = present & genders
    if len(turned) > 1:
        return text
    if "she" in turned and any(_you_or_your(her) is None for her in re.finditer(_HER, text, _I)):
        return text
    if not turned:
        return text
    she = "she" in turned
    subject = "she" if she else "he"
    text = re.sub(rf"\b{subject}\s+(?:(never|always|just|really|often|still|also) )?([\w']+)",
                  lambda m: f"you {m.group(1) + ' ' if m.group(1) else ''}"
                            f"{base_verb(m.group(2))}", text, flags=_I)
    text = re.sub(rf"\b{subject}'s\s+(?=(?:been|got|gone|done|had)\b)", "you've ", text,
                  flags=_I)
    if she:
        text = re.sub(_HER, lambda m: _you_or_your(m) or m.group(), text, flags=_I)
    else:  # "the car was his, not mine": "his" on its own is "yours".
        text = re.sub(r"\bhis\b(?=\s*([\w']*))", lambda m: "yours" if not m.group(1) or (
            m.group(1).lower() in _AFTER_OBJECT_HER) else m.group(), text, flags=_I)
    words = (r"she's|she'll|she'd|hers|herself" if she
             else r"he's|he'll|he'd|him|his|himself")
    text = re.sub(rf"\b(?:{words})\b", lambda m: _THIRD_TO_YOU[m.group().lower()], text,
                  flags=_I)
    return re.sub(r"\b(you) (?=you\b)", r"\1 that ", text, flags=_I)  # "told you that you were"


_HER: Final = r"\bher\b(?=\s*([\w']*))"


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
    if verb in _GIVING:  # "told her secrets to my friends": hers, told to someone else
        return None if re.search(r"\bto (?:the|my|our|his|their|everyone|everybody|people|him"
                                 r"|them|me|us|[A-Z])", rest) else "you"
    return "your"  # "her cooking", "her parenting": hers


def _reader_names(other: str, context: str) -> list[str]:
    """Patterns for the names the reader goes by: their name, "my therapist" to a therapist."""
    names = [re.escape(other)] if len(other) > 1 and other.lower() not in (
        "i", "me", "we", "us", "you", "he", "she", "they", "them", "him", "her") else []
    if context in _ADDRESSEE:
        names.append(_ADDRESSEE[context])
    return names


def address(text: str, other: str, context: str, *,
            pronouns: frozenset[str] = BOTH) -> str:
    """``text`` as said to the one it is about: their name (or "my therapist" to a therapist)
    becomes "you": "Sam said I never listen" -> "you said I never listen"; so do "he" and "she"
    where they are in ``pronouns``. The others stay: they may be someone else ("Sam's mum said
    she was hurt" -> "your mum said she was hurt")."""
    saved: list[str] = []

    def keep(match: re.Match[str]) -> str:  # out of the way while the name becomes "you"
        saved.append(match.group())
        return f"\ue000{len(saved) - 1}\ue001"

    held = re.sub(r"\b(?:he|she|him|her|his|hers|himself|herself)(?:'[a-z]+)?\b", keep, text,
                  flags=_I)
    for reader in _reader_names(other, context):
        name = rf"(?:\bmy\s+)?\b{reader}"  # "My dad forgot" to Dad: "you forgot", not "my you"
        held = re.sub(rf"{name}'s\b", "his", held, flags=_I)
        held = re.sub(rf"{name}\b(?=\s+(?:never |always |just |really |often |still |also )?"
                      r"[\w'])", "he", held, flags=_I)
        held = re.sub(rf"{name}\b", "him", held, flags=_I)
    text = re.sub(r"\ue000(\d+)\ue001", lambda m: saved[int(m.group(1))], to_you(held))
    return to_you(text, pronouns)


def _names_reader(text: str, other: str, context: str) -> bool:
    return any(re.search(rf"\b{name}\b", text, _I) for name in _reader_names(other, context))


def _unnamed(text: str, other: str, context: str) -> str:
    """``text`` with the reader's names blanked out, every other word where it was."""
    for name in _reader_names(other, context):
        text = re.sub(rf"\b{name}(?:'s)?\b", lambda m: " " * len(m.group()), text, flags=_I)
    return text


def _people(text: str) -> list[tuple[int, str, frozenset[str]]]:
    """The people ``text`` speaks of besides the reader (whose names are blanked out), each as
    where it starts, its word and the pronouns it could be called: someone's mum, a brother, a
    friend, a name ("Sam's mum criticised my cooking" -> mum, {"she"}; "Jo and Priya argued" to
    Jo -> Priya, both). A group is never "he" or "she" ("the kids", "my parents", "everyone"), and
    a word that says what someone is ("he was a bad friend") is no one else."""
    found: list[tuple[int, str, frozenset[str]]] = []
    for person in _PERSON_WORD.finditer(text):
        word = person.group(1).lower()
        plural = re.match(r"e?s", text[person.end(1):person.end()])
        if plural or word in _GROUP or _PREDICATE.search(text[:person.start()]):
            continue
        found.append((person.start(), word, frozenset(
            {"she"} if word in _FEMALE else {"he"} if word in _MALE else BOTH)))
    for name in re.finditer(r"\b(?-i:[A-Z][a-z])[\w']*", text):
        word = re.sub(r"'s$", "", name.group().lower())
        if word in _NOT_NAMES or name.group().lower() in _NOT_NAMES:
            continue
        opening = not text[:name.start()].strip() or text[:name.start()].rstrip()[-1] in ".!?"
        # A capital that opens a sentence names someone only before "and" or "'s" ("Jo and I").
        if not opening or re.match(r"(?:'s\b|\s+(?:and|&)\s)", text[name.end():]):
            found.append((name.start(), word, BOTH))
    return found


def _opening_subject(situation: str) -> int:
    """Where the account's opening "he" or "she" is, the reader it is written about ("He forgot
    to pick up the kids", "Last night she was late"), or -1: only before anyone else is named and
    before any other pronoun ("Sam's mum said she was hurt" has none)."""
    pronoun = _PRONOUN.search(situation)
    if not pronoun or pronoun.group().lower() not in _SUBJECTS or any(
            start < pronoun.start() for start, _, _ in _people(situation)):
        return -1
    return pronoun.start()


def _paired_with(pronoun: re.Match[str]) -> str:
    """The person word a "her" or "his" owns, or a "her" or "him" stands beside, so cannot be
    ("her mum", "his older brother", "her and her mum"): ``""`` when there is none."""
    paired = re.match(rf"\s+(?:(?:and|&)\s+(?:her|his)\s+)?(?:{_MODIFIERS}\s+)?([\w'-]+)",
                      pronoun.string[pronoun.end():], _I)
    person = _PERSON_WORD.fullmatch(paired.group(1)) if paired else None
    if not paired or not person:
        return ""
    owns = pronoun.group().lower() in ("her", "his")
    beside = pronoun.group().lower() in ("her", "him") and paired.group(0).lstrip()[:1] in "a&"
    return person.group(1).lower() if owns or beside else ""


def _alone(situation: str, opening: int, other: str, context: str) -> bool:
    """Whether the account opens with the reader alone as its subject, by their opening pronoun
    (at ``opening``) or their name: "She was rude to my mum", not "Sam's mum was rude" or "Tom
    and his brother argued"."""
    if opening >= 0:
        subject = _PRONOUN.match(situation, opening)
    else:
        subject = next((lead for name in _reader_names(other, context) if (lead := re.match(
            rf"\s*(?:my\s+)?{name}\b", situation, _I))), None)
    return bool(subject) and not re.match(r"(?:'s\b|\s+(?:and|&)\s)",
                                          situation[subject.end():] if subject else "", _I)


def safe_pronouns(situation: str, *texts: str, other: str, context: str) -> frozenset[str]:
    """The pronouns that can only mean the reader (``other``), so can become "you": those that no
    one else in the account of what happened (``situation``), or in ``texts``, could be. A
    pronoun that owns someone, or stands beside them, is not them ("her mum", "him and his
    brother"), and the account's opening "he" or "she" is the reader ("He and his brother
    fought"): "Sam's mum criticised my cooking" and "I snapped at her" -> {"he"}."""
    unnamed = [_unnamed(text, other, context) for text in (situation, *texts)]
    opening = _opening_subject(unnamed[0])
    pronouns = [(index, pronoun) for index, text in enumerate(unnamed)
                for pronoun in _PRONOUN.finditer(text)
                if not (index == 0 and pronoun.start() == opening)]
    # When the account is about the reader alone ("She was rude to my mum", "Dana criticised my
    # report"), the others in it are only what the reader did something to: a "her" in my answers
    # is the reader ("I yelled at her"), unless the account itself calls someone else that.
    alone = _alone(situation, opening, other, context)
    in_account = {word for _, word, _ in _people(unnamed[0])}
    others: set[str] = set()
    for index, text in enumerate(unnamed):
        for _, word, could_be in _people(text):
            only_account = alone and (index == 0 or word in in_account)
            others |= {"she" if pronoun.group().lower() in _SHE else "he"
                       for where, pronoun in pronouns if _paired_with(pronoun) != word
                       and not (only_account and where != 0)} & could_be
    return BOTH - others


def _genders(text: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"[\w']+", text)}
    return {g for g, pronouns in (("he", _HE), ("she", _SHE)) if words & pronouns}


def to_reader(text: str, *, situation: str, other: str, context: str) -> str:
    """My own answer (my part, a regret, a feeling, a commitment) said to the reader: their name,
    and "him" or "her" when the account of what happened speaks of them the same way ("He forgot
    my birthday" and "I ignored him" -> "I ignored you"), or names them and no one else by a
    pronoun ("Jay forgot my birthday" and "I told him" -> "I told you"): once the draft says "you"
    to them, every sentence does. A "her" when the account says "he", or says nothing of them,
    may be someone else, and stays; so does any pronoun that someone else in the account or the
    answer could be called ("Sam's mum criticised my cooking" and "I snapped at her")."""
    theirs = _genders(situation)
    if len(theirs) == 1:
        spoken_of = frozenset(theirs)
    elif not theirs and _names_reader(situation, other, context):
        spoken_of = BOTH
    else:
        spoken_of = frozenset()
    return address(text, other, context, pronouns=spoken_of & safe_pronouns(
        situation, text, other=other, context=context))
