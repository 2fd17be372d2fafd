"""Words of speech that carry no meaning for the rules: the filler "like" ("i've been like
cutting again", "i took like a bunch of pills"), "even" after a negation or a modal ("i don't
even want to be alive"), "you know" and "i mean" said in passing ("it to stop you know
permanently", "i mean you're right"), and a transcriber's notes of what was not heard
("[inaudible]", "[crosstalk]").

``filler_spans`` finds them in a turn as the rules read it (lower case); the rules layer reads the
turn once more without them, as it does without "um" and words said twice
(``rule_reading._fold``), so that a phrase the rules know is found with the fillers in it, and its
evidence is still the words as said. Only what that second reading finds of rules the first did not
counts, so a "like" that does carry meaning ("i feel like", "i'd like that", "she was like 'you
never listen'") is never lost: where it is ambiguous, it stays.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.analysis import text as tx

_WORD: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# What ends a clause between two words: "like" after it is no filler of the clause before.
_CLAUSE_END: Final = re.compile(r"[.!?;:()\[\]\"\n]|\s-\s")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "like" after these, before any word but an object ("gonna like stab him", "about like ending
# it", "you know like you never"): no verb "like" and no "similar to" follows them.
_LIKE_AFTER: Final = _words(
    "been gonna wanna gotta tryna about of on for with into from at in and but so or cause "
    "because cos coz um uh honestly basically seriously literally sometimes then okay ok yeah "
    "yea well know mean"
)
# ... and after these adverbs only before a verb ("i just like want", "nobody would even like
# notice"), not "you're just like him", "it's really like a prison".
_LIKE_AFTER_ADVERB: Final = _words("just even really actually kinda totally probably maybe")
# A "like" that has an object or says how ("like me", "like that", "like i care", "like when"):
# not a filler.
_LIKE_KEEPS: Final = _words(
    "me him her us them it that this these those so when what how if to whatever yourself "
    "myself himself herself themselves"
)
# A noun phrase after "like": "just like your dad", "really like a prison".
_NOMINAL: Final = _LIKE_KEEPS | _words(
    "you your yours i my mine he his she hers we our they their a an the one some any all "
    "every no nothing everything something anything always before after"
)
# A past or bare verb of doing before "like" and an amount: "took like a bunch", "wrote like a
# note", "had like three".
_DOING: Final = _words(
    "took take taking wrote write writing bought buy had have got get did do ate drank spent "
    "sent used swallowed cut made make kept found left tried waited called asked texted"
)
_AMOUNT: Final = _words(
    "a an some all half every the my his her their your our a couple few bunch lot two three "
    "four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "thousand million"
)
_NUMBER: Final = _words(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred thousand million half"
)
# "you like never listen": "like" between a subject and the adverb of its verb.
_SUBJECTS: Final = _words("i you u we they he she")
_ADVERBS: Final = _words("never always literally totally actually really just even kinda")
# ... or its verb, which the verb "like" never takes bare: "can we like have a signal".
_BARE_VERBS: Final = _words(
    "have go get do take make say tell talk try want need think see start stop come give put "
    "keep leave hit kill hurt cut die end call text wanna gonna")

# "even" after a negation or a modal ("don't even want", "would even notice"): the verb after it
# reads the same without it. Not before words it changes ("not even if", "not even a little").
_EVEN_AFTER: Final = _words(
    "not never would could should will can might do does did just i'd i'll you'd we'd "
    "nobody no one"
)
_EVEN_KEEPS: Final = _words(
    "if though when more less better worse now then after before as a an one the so that "
    "this once"
)

_BE_NOT: Final = _words("isn't wasn't aren't weren't isnt wasnt arent werent ain't aint")
_DO_NOT: Final = _words("do does did would could should will can might must")

# "you know" said in passing: not "do you know", "you know what", "you know that ...".
_KNOW_NOT_AFTER: Final = _words(
    "do did does don't didn't doesn't dont didnt doesnt if as let ya would could should "
    "will what how who"
)
_KNOW_KEEPS: Final = _words(
    "what that how why where when who whether it this me him her them us you your the a an "
    "about anything nothing everything something better more i i'm im if because he she they"
)
# "i mean" that opens what is said ("i mean you're right"), not "i mean it", "what i mean is".
_MEAN_OPENS: Final = _words(
    "i i'm im i've you you're youre we it's its that's thats he she they like yeah no honestly"
)
_MEAN_AFTER: Final = _words("and but so um uh like yeah no okay ok well oh")


# A note of how the words were said ("(crying)", "(laughs)", "(sighs)") stays: "yeah (crying)
# okay" is no bare "yeah okay", and a laugh can make a phrase a joke. Only notes of what was not
# heard ("[inaudible]", "[crosstalk]", "(phone rings)") are read through.
_FEELING_NOTED: Final = re.compile(
    r"laugh|chuckl|giggl|sigh|cries|cry|crying|sob|sniff|groan|scoff|exhal|inhal|yawn")


def _ends_ing(word: str) -> bool:
    return len(word) > 4 and word.endswith("ing") and word not in {
        "thing", "things", "something", "nothing", "anything", "everything", "morning",
        "evening", "king", "ring", "string", "spring", "during"}


def _like_is_filler(before: str | None, earlier: str | None, after: str | None) -> bool:
    """Whether "like" between ``before`` (``earlier`` the word before that) and ``after`` is a
    filler."""
    if after is None or after in _LIKE_KEEPS:
        return False
    if after in _NUMBER or after.isdigit():
        return before is not None  # "i asked you like three times"; not "Like two?" alone
    if before is None:
        return False  # "like i care", "like you never make mistakes": a turn's opening stays
    if before == "of" and earlier in ("kind", "sort", "kinda", "sorta"):
        return False  # "it's kind of like you don't care"
    if before in ("know", "mean") and earlier not in ("you", "i", "u", "ya"):
        return False  # "i know like three people" is fine, "they mean like" is not ours
    if before in _LIKE_AFTER:
        return True
    if before in _LIKE_AFTER_ADVERB:
        return after not in _NOMINAL
    if before in _SUBJECTS:
        return after in _ADVERBS or after in _BARE_VERBS  # "you like never listen"
    if before in _DOING:
        return after in _AMOUNT
    return False


def filler_spans(norm: str) -> list[tuple[int, int]]:
    """The spans of ``norm`` (a turn in lower case) that hold the fillers of speech this module
    knows, each with the space or comma before it (or, at the opening of a clause, after it):
    cut them and the rest reads as the sentence said without them.

    >>> text = "i've been like cutting again"
    >>> [text[s:e] for s, e in filler_spans(text)]
    [' like']
    """
    spans: list[tuple[int, int]] = []
    if "[" in norm or "(" in norm:
        spans.extend(m.span() for m in tx._ANNOTATION.finditer(norm)
                     if _FEELING_NOTED.search(m.group()) is None)
    words = list(_WORD.finditer(norm))
    if not words:
        return spans
    texts = [m.group() for m in words]
    if SPOKEN_WORDS.isdisjoint(texts):
        return spans  # most turns: none of the words below

    def joined(i: int) -> bool:
        """Whether the words at i - 1 and i are in one clause (nothing ends it between them):
        asked only around the words below, not between every two words of a long turn."""
        return i > 0 and _CLAUSE_END.search(norm, words[i - 1].end(), words[i].start()) is None

    def word(i: int) -> str | None:
        return texts[i] if 0 <= i < len(words) else None

    def before(i: int, back: int = 1) -> str | None:
        for k in range(i - back + 1, i + 1):
            if k <= 0 or not joined(k):
                return None
        return texts[i - back]

    def after(i: int) -> str | None:
        return texts[i + 1] if i + 1 < len(words) and joined(i + 1) else None

    def cut(first: int, last: int) -> None:
        """Cut the words ``first``..``last`` with the space (and comma) before them; at a
        clause's opening, with the space after them."""
        if before(first) is not None:
            start = words[first - 1].end()
            end = words[last].end()
            if norm.startswith(",", end):
                end += 1
        else:
            start = words[first].start()
            following = words[last + 1].start() if last + 1 < len(words) else len(norm)
            end = following if after(last) is not None else words[last].end()
        spans.append((start, end))

    for i, text in enumerate(texts):
        if text == "like":
            if _like_is_filler(before(i), before(i, 2), after(i)):
                cut(i, i)
        elif text == "even":
            prior, following = before(i), after(i)
            # not after "to be" ("i wasn't even mad", "i'm not even upset": what it says of a
            # feeling changes without it)
            if prior in _BE_NOT or (prior == "not" and before(i, 2) not in _DO_NOT):
                continue
            if (prior is not None and following is not None and following not in _EVEN_KEEPS
                    and (prior in _EVEN_AFTER or prior.endswith("n't")
                         or tx._NEGATOR.fullmatch(prior) is not None)):
                cut(i, i)
        elif text == "know" and word(i - 1) == "you" and before(i) == "you":
            prior, following = before(i - 1), after(i)
            # (not "i love you you know": "you you" is a word said twice, cut on its own)
            if (prior is not None and prior not in _KNOW_NOT_AFTER and prior != "you"
                    and following not in _KNOW_KEEPS):
                cut(i - 1, i)
        elif text == "mean" and before(i) == "i" and after(i) in _MEAN_OPENS:
            prior = before(i - 1)
            if prior is None or prior in _MEAN_AFTER:
                cut(i - 1, i)
    return spans


# The words that bring ``filler_spans`` in: a turn holding none of them needs no second reading
# for them.
SPOKEN_WORDS: Final = frozenset({"like", "even", "know", "mean"})
