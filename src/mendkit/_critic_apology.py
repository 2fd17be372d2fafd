"""Too much apology, in the ways the critic explains each in its own words: putting oneself down
("I'm the worst person ever... I don't deserve you"), a sentence strung from repair phrases with
nothing said between them ("I'm sorry I understand I feel I need I will"), and the same short
sentences said again and again. Each is an ``over_apology`` issue; its components count once.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit._rewrite import Fix, sentence_spans

# Putting oneself down inside an apology ("I'm the worst person ever", "I don't deserve you"):
# two or more of them turn the message towards the writer's shame (too much apology).
_SELF_BLAME_RE: Final = re.compile(
    r"\bi(?:['\u2019]?m| am) (?:(?:just|such|so|really|literally|truly) )*(?:the worst(?: (?:person"
    r"|partner|friend|boyfriend|girlfriend|husband|wife|mum|mom|dad|parent|son|daughter))?"
    r"(?: (?:ever|in the world|alive))?(?=\s*(?:[,.!;\u2026]|$|and\b|i\b|im\b))|an? (?:horrible|terrible"
    r"|awful|useless|pathetic|worthless|disgusting|rubbish) (?:person|partner|friend|boyfriend"
    r"|girlfriend|husband|wife|mum|mom|dad|parent|human(?: being)?)|an? (?:idiot|monster|failure"
    r"|disgrace)|(?:useless|pathetic|worthless|disgusting|garbage|trash))\b"
    r"|\bi (?:always )?(?:(?:ruin|wreck|mess up|screw up|destroy) everything|(?:mess|screw|muck)"
    r" everything up)\b"
    r"|\bi (?:don['\u2019]?t|do not) deserve (?:you|your (?:love|forgiveness|friendship))\b"
    r"|\bi hate myself\b|\byou should (?:just )?leave me\b"
    # "I'm always too much", "I can't do anything right", "everything is my fault"
    r"|\bi(?:['\u2019]?m| am) (?:(?:always|just|so|such|really) )*(?:too much|the problem"
    r"|so stupid|hopeless|(?:so )?bad at everything)\b|\bi can(?:['\u2019]?t|not) do anything right\b"
    r"|\beverything(?:['\u2019]s| is) (?:always )?my fault\b|\bit['\u2019]?s always my fault\b"
    r"|\bi (?:don['\u2019]?t|do not) know (?:why|how) you (?:put up with|stay with|bother with) me\b",
    re.IGNORECASE)
_SELF_BLAME_MIN: Final = 2


def put_downs(text: str) -> list[tuple[int, int]]:
    """Where ``text`` puts its writer down ("I'm the worst", "I ruin everything")."""
    return [m.span() for m in _SELF_BLAME_RE.finditer(text)]
# A sentence strung from repair phrases ("I'm sorry I take responsibility I understand I
# appreciate I feel sad I need I will"): its openers, and the words that could say what happened.
_OPENER_RE: Final = re.compile(
    r"\b(?:i(?:['\u2019]m| am)? (?:(?:so|really|truly) )*(?:sorry|apologi[sz]e)|i (?:feel|felt|need"
    r"|understand|appreciate|take responsibility|will|promise|hear you|see you)|i['\u2019]ll"
    r"|thank you|thanks|can we|could we)\b", re.IGNORECASE)
_EMPTY_WORDS: Final = frozenset({
    "a", "about", "again", "all", "am", "an", "and", "apologies", "apologise", "apologize",
    "appreciate", "appreciated", "are", "at", "bad", "be", "been", "better", "but", "can",
    "care", "could", "did", "do", "does", "everything", "feel", "feeling", "feelings", "felt",
    "for", "forward", "from", "going", "guilty", "hear", "here", "how", "hurt", "i", "i'm", "im",
    "in", "is", "it", "it's", "just", "love", "me", "more", "my", "need", "needs", "now", "of",
    "on", "or", "our", "promise", "really", "responsibility", "sad", "see", "so", "sorry",
    "take", "taking", "talk", "thank", "thanks", "that", "the", "then", "there", "things",
    "this", "to", "truly", "understand", "us", "very", "was", "way", "we", "were", "what",
    "will", "with", "would", "you", "you're", "your",
})
_STUFFED_OPENERS: Final = 4


def too_much(text: str) -> tuple[str, int, int] | None:
    """The first way ``text`` apologises too much, as (the wording's key, start, end), or None."""
    if len(put_downs := list(_SELF_BLAME_RE.finditer(text))) >= _SELF_BLAME_MIN:
        return "self_blame", put_downs[0].start(), put_downs[-1].end()
    if stuffed := stuffed_sentences(text):
        return ("stuffed", *stuffed[0])
    if (repeated := repeated_sentences(text)) is not None:
        return ("repeated", *repeated)
    return None


# The ways of too much apology, each explained in its own words.
KIND: Final = {"self_blame": "over_apology", "stuffed": "over_apology",
                "repeated": "over_apology"}


def stuffed_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` strung from repair phrases with nothing said between them (at
    least four openers, "I'm sorry", "I understand", "I will", and under half as many words that
    could say what happened or to whom): their components are a formula, not a repair."""
    out = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        openers = len(_OPENER_RE.findall(sentence))
        if openers < _STUFFED_OPENERS:
            continue
        words = re.findall(r"[a-z]+(?:['\u2019][a-z]+)?", sentence.lower().replace("\u2019", "'"))
        content = [w for w in words if len(w) > 2 and w not in _EMPTY_WORDS]
        if 2 * len(content) < openers:
            out.append((start, len(text[:end].rstrip())))
    return out


def repeated_sentences(text: str) -> tuple[int, int] | None:
    """Where a message says the same short things again and again ("I'm sorry. I'm sorry. I'm
    sorry. I understand. I understand."): from the first repeat to the last, when three or more
    sentences repeat one said before."""
    seen: set[str] = set()
    repeats: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        key = " ".join(re.findall(r"\w+", text[start:end].lower()))
        if key and key in seen:
            repeats.append((start, len(text[:end].rstrip())))
        seen.add(key)
    return (repeats[0][0], repeats[-1][1]) if len(repeats) >= 3 else None


# An apology with nothing after it in its clause ("..., im so sorry", "I'm sorry."), and what
# leads into it: the apology a rewrite of too much apology can drop once one is said.
_BARE_SORRY_RE: Final = re.compile(
    r"(?P<lead>[,;]\s*|\s+(?:and\s+)?|^)(?P<sorry>(?:i['\u2019]?m |i am )?(?:(?:so|really|very"
    r"|truly) )*(?:sorry|soz|sry))\b(?=\s*(?:[,;:.!?\n\u2026]|\Z))", re.IGNORECASE)
_APOLOGY_WORD_RE: Final = re.compile(r"\b(?:sorry|soz|sry|apologi[sz]e\w*|apologies)\b",
                                     re.IGNORECASE)
# A "sorry" that is a word said, not an apology ("for saying sorry", "I said sorry"): it stays.
_SAID_SORRY_RE: Final = re.compile(
    r"\b(?:say|says|saying|said|feel|felt|feeling|word|words|a|the|of|about|enough)\s+\Z",
    re.IGNORECASE)
# The rest of a put-down's clause ("I hate myself| for this"), up to its stop or the next clause.
_CLAUSE_REST_RE: Final = re.compile(
    r"[^,;:.!?\n\u2026]*?(?=\s*[,;:.!?\n\u2026]|\s+(?:i|im|i['\u2019]m|and|but|please)\b|\s*\Z)",
    re.IGNORECASE)
_CLAUSE_LEAD_RE: Final = re.compile(r"(?:[,;]|\s+(?:and|but|so))?\s*\Z", re.IGNORECASE)


def over_apology_fixes(text: str, piles: list[tuple[int, int]]) -> list[Fix]:
    """The cuts that leave one apology of too much (``piles``, the runs of "sorry"s, are cut to
    one apology elsewhere): each sentence said before again, each put-down's clause, and each
    apology with nothing after it once one has been said."""
    spans = sentence_spans(text)
    fixes = [Fix(start, end, "") for start, end in _repeats(text, spans)
             if not any(a < end and start < b for a, b in piles)]
    for m in _SELF_BLAME_RE.finditer(text):
        s_start, s_end = next((a, b) for a, b in spans if a <= m.start() < b)
        rest = _CLAUSE_REST_RE.match(text, m.end(), s_end)
        end = rest.end() if rest else m.end()
        lead = _CLAUSE_LEAD_RE.search(text, s_start, m.start())
        start = lead.start() if lead else m.start()
        if not text[s_start:start].strip():  # it opens the sentence: the sentence, or up to
            after = re.match(r"[\s,;]*", text[end:s_end])  # the clause after it
            end = end + (after.end() if after else 0)
            start = s_start
            if not text[end:s_end].strip(" \n.!?\u2026"):
                end = s_end
        fixes.append(Fix(start, end, ""))
    first = _APOLOGY_WORD_RE.search(text)
    for m in _BARE_SORRY_RE.finditer(text):
        if first is None or m.start("sorry") <= first.start() \
                or any(a <= m.start("sorry") < b for a, b in piles) \
                or _SAID_SORRY_RE.search(text, max(0, m.start("sorry") - 12), m.start("sorry")):
            continue
        s_start, s_end = next((a, b) for a, b in spans if a <= m.start("sorry") < b)
        whole = not text[s_start:m.start("sorry")].strip() \
            and not text[m.end():s_end].strip(" \n.!?\u2026")
        fixes.append(Fix(s_start, s_end, "") if whole else Fix(m.start(), m.end(), ""))
    return fixes


def leaves_too_much(rewrite: str) -> bool:
    """Whether ``rewrite`` still puts the writer down or says a sentence twice."""
    return bool(_SELF_BLAME_RE.search(rewrite) or _repeats(rewrite, sentence_spans(rewrite)))


def _repeats(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences (of ``spans``) that say one said before."""
    seen: set[str] = set()
    out = []
    for start, end in spans:
        key = " ".join(re.findall(r"\w+", text[start:end].lower()))
        if key and key in seen:
            out.append((start, end))
        seen.add(key)
    return out
