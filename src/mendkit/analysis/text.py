"""Text helpers the rules need: normalisation, tokens, sentences, reported speech and negation.

Everything keeps character offsets: ``normalise`` maps characters one to one, so a span found in the
normalised text is the same span in the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import Final

# One-to-one replacements only: offsets must stay valid in the original text.
_NORMALISE: Final = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u200e": " ", "\u200f": " ",
    # The one character whose lower case is two ("İ" -> "i" + a combining dot): it would shift
    # every later offset (Turkish names: "İstanbul", "İlkay").
    "\u0130": "i",
    # Space as people type or paste it: a tab, the thin and narrow no-break spaces phones insert,
    # the ideographic space (``_fold`` then makes a run of them one space).
    **dict.fromkeys("\t\x0b\x0c\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                    "\u2009\u200a\u202f\u205f\u3000", " "),
    # Full-width ASCII, as an East Asian keyboard left in full-width mode types it ("Ｉ ｗａｎｔ").
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
    "\uff40": "'",  # the full-width grave accent, as "`" above
    # "Fancy font" letters that apps paste as bold, italic or script text ("𝐈 𝐰𝐚𝐧𝐭", "ℋ𝑒𝓁𝓁𝑜"):
    # the Mathematical Alphanumeric and letterlike symbols that stand for one ASCII letter.
    **{chr(code): folded for code in (*range(0x2100, 0x2150), *range(0x24B6, 0x24EA),
                                        *range(0x1D400, 0x1D800), *range(0x1F130, 0x1F14A))
       if len(folded := unicodedata.normalize("NFKC", chr(code))) == 1
       and folded.isascii() and folded.isalnum()},
    # Letters in filled circles and squares ("🅸 🆆🅰🅽🆃"), which have no compatibility form.
    **{chr(base + n): chr(ord("A") + n) for base in (0x1F150, 0x1F170) for n in range(26)},
})

# Runs of letters and digits, split exactly where a regex ``\b`` falls ("don't" is "don", "t"),
# and each non-ASCII symbol (an emoji) on its own. Rule triggers are derived against this.
TOKEN_RE: Final = re.compile(r"[^\W_]+|[^\x00-\x7f\w\s]")
_SENTENCE_END: Final = re.compile(r"[.!?]+(?=\s|$)|\n+")
_CLAUSE_BREAK: Final = re.compile(r"[,;:.!?()\n]|\b(?:but|and|so|because|though)\b|-\s")
_NEGATOR: Final = re.compile(
    r"\b(?:not|no|never|nobody|hardly|without)\b|n't\b|\bcannot\b"
    # the same without the apostrophe, as people type them in chats ("didnt", "dont")
    r"|\b(?:do|did|does|is|was|are|were|have|has|had|would|could|should|ca|wo|ai)nt\b",
    re.IGNORECASE,
)

# A negated verb of thinking or saying governs its whole clause, however far the words it
# negates are: "I don't think for a second that you're lazy".
_NEGATED_VIEW: Final = re.compile(
    r"(?:\b(?:not|never)|n't|\b(?:do|did|does|would|could)nt)\s+(?:even\s+|really\s+|for\s+one\s+)?"
    r"(?:think|thought|believe|believed|say|saying|said|suggest|suggesting|imply"
    r"|implying|claim|claiming|calling|call"
    # "i didn't mean that you're lazy", "didn't mean to say"; not "i didn't mean to yell at you
    # | that was on me": meaning to do a thing is no view, and governs no sentence after it
    r"|(?:mean|meant)(?!\s+to\s+(?!(?:say|imply|suggest|call|sound|make\s+(?:it|you))\b)))\b",
    re.IGNORECASE,
)

# "I didn't, that's on me" typed without its comma: a negated auxiliary that ends its clause
# ("i didnt | thats on me") does not negate what follows when that starts with its own subject
# and verb.
_ENDS_NEGATED: Final = re.compile(
    r"\b(?:do|did|does|is|was|are|were|have|has|had|would|could|should|ca|wo|must)n'?t\s+$"
)
_OWN_CLAUSE: Final = re.compile(r"(?:that|it|i)'?(?:s|m|ve|ll)\b")
# A match that opens with its own subject and negation ("i don't really want to get into it"):
# a negation before it ("i don't know | i don't ...", said without a full stop) is not of its
# clause, unless a negated view governs it ("i'm not saying i don't care").
_OWN_NEGATION: Final = re.compile(
    r"(?:i|we)\s+(?:(?:do|did|ca|wo|could|would)(?:n'?t|nt)|do not|did not|cannot|can not)\b")
# ... but a negation reaches it through a word that joins it on: "not bc i don't care".
_NEGATION_REACHES: Final = frozenset({
    "because", "bc", "cause", "cuz", "coz", "cos", "that", "if", "since", "whether", "or", "nor",
    "than", "just", "only", "even", "saying", "say", "said", "mean", "meant", "think", "thought",
    "believe", "claim", "claiming", "pretend", "pretending", "acting", "imply", "implying",
})
# Speech transcribed without full stops: a new sentence starts with a subject and its verb ("you
# spent all that and didn't say anything | you're so irresponsible", "i didn't even text you |
# that's on me"). A negation before it does not reach into it, unless a word joins the two (a
# negated "i didn't say | you're lazy", "it's not that | you're lazy", "not because ...").
_SUBJECT_VERB: Final = re.compile(
    r"\b(?:(?:i|you|we|they|he|she|it|that|there|this|what|who)'(?:m|re|s|ve|ll|d)"
    r"|im|ive|youre|youve|theyre|thats|theres|whats"
    r"|(?:i am|you are|we are|they are|(?:he|she|it|that|this) is|i was|you were|it was|that was)"
    # "that was not ok | i shouldn't have said that"
    r"|i (?:should|would|could|must|might)(?:n'?t)?)\b"
)
# "not liking it | is fine" is no new sentence: "it", "that" or "this" after a verb's "-ing" is
# its object.
_OBJECT_OF_ING: Final = re.compile(r"(?:it|that|this)\b")
_JOINS_CLAUSE: Final = frozenset({
    "that", "like", "if", "because", "cause", "cuz", "coz", "bc", "since", "whether", "as",
    "before", "after", "once", "while", "whenever", "than", "or", "nor",
    "when", "where", "why", "how", "what", "who", "which", "until", "till", "unless", "though",
    "although", "even", "just", "only", "really", "sure", "certain", "aware", "afraid", "worried",
    "think", "thinks", "thought", "believe", "believes", "believed", "know", "knows", "knew",
    "say", "says", "said", "saying", "mean", "means", "meant", "feel", "feels", "felt", "guess",
    "realise", "realised", "realize", "realized", "see", "sees", "saw", "notice", "noticed",
    "understand", "understood", "care", "cares", "tell", "tells", "told", "claim", "claimed",
    "claiming", "suggest", "suggested", "suggesting", "imply", "implied", "implying", "hear",
    "heard", "pretend", "pretending", "act", "acting", "matter", "matters", "remember",
    "remembered", "forget", "forgot", "expect", "expected", "wish", "hope", "hoped", "mind",
    "doubt", "admit", "deny", "denied", "bother", "not", "no", "never", "nobody", "hardly",
    "without", "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "cant", "wont",
    "remind", "reminded", "show", "showed", "promise", "promised", "assure", "convince", "warn",
    "warned", "wonder",
})
_OBJECTS: Final = frozenset({"me", "him", "her", "us", "them", "you", "u"})
_OBJECT_THEN: Final = re.compile(
    r"\s*(?:anything|something|nothing|a thing|a word|one word|it|much|a lot|shit|crap)\b")

# Speech reported from someone (or some time) else: what follows is not said now, to the listener.
_REPORTING: Final = re.compile(
    r"\b(?:said|says|say|told\s+(?:me|him|her|us|them|you)|tells\s+(?:me|him|her|us|them)"
    r"|was\s+like|is\s+like|(?:goes|went)(?=\s*[:,\"']|\s+like\b)|wrote|writes|texted|posted|messaged|emailed|mentioned"
    # "he goes you never listen": unpunctuated, when the words turn to "you" (not "it goes", "you
    # know where")
    r"|(?<!\bit\s)(?<!\bthat\s)(?<!\bwhat\s)(?<!\bthis\s)(?<!\bwhich\s)(?<!\bhow\s)(?<!\bwho\s)"
    r"(?<!\bthere\s)(?:goes|went)(?=\s+(?!you\s+know\b)(?:you|you're|youre|ur|u|why|how|omg|oh|stop)\b)"
    r"|suggested|implied|called\s+(?:me|him|her|us|them|you)|yelled|shouted|screamed|snapped"
    r"|keeps\s+saying|kept\s+saying|used\s+to\s+say|would\s+say|accused\s+(?:me|him|her|us|them)"
    r"|made\s+it\s+sound\s+(?:like|as\s+if)|made\s+out"
    r"\s+of|hear\s+(?:him|her|them|you)\s+say|heard\s+(?:him|her|them|you)\s+say"
    # "she's like, you're so selfish": a person's "'s like" before the words (not "it's like")
    r"|(?<![\w'])(?!(?:it|that|what|there|this|here|everything|nothing|life|which|one|who)'s)"
    r"[a-z]+'s\s+like(?=\s*[:,\"']|\s+(?:you'?re|youre|ur|u\s+r|you\s+(?:always|never|are|were)"
    r"|why|what|how|omg|oh|no|stop)\b))"
    r"(?:\s+that)?\s*[:,]?\s*",
    re.IGNORECASE,
)
# One of these words is in every alternative of ``_REPORTING``. On lower-case ASCII text, where
# ``re.IGNORECASE`` can match no other letters, a text holding none of them reports no speech:
# this search skips ``_REPORTING``'s, which tries all its lookbehinds at every position (about
# ten times as long on a chat turn).
_REPORTING_WORDS: Final = re.compile(
    r"said|say|told|tells|like|goes|went|wrote|writes|texted|posted|messaged|emailed|mentioned"
    r"|suggested|implied|called|yelled|shouted|screamed|snapped|made|accused|hear"
)
# "I said" / "I told you" is the speaker reporting themselves: usually still what they mean now.
_SELF_SUBJECT: Final = re.compile(
    r"(?:^|\W)(?:i|we|im|ive)(?:'(?:m|ve|d|ll|re))?\s+(?:\w+\s+)?$", re.IGNORECASE
)
# "I just wanted to say I'm sorry", "I'd like to say ...", "I have to say ...": the speaker saying
# it now, in their own words (round 15), not a report of what was said.
_OWN_SAYING: Final = re.compile(
    r"(?:^|\W)(?:i|we)(?:'d|'ll|\s+would|\s+will)?\s+(?:just\s+|really\s+|only\s+|also\s+"
    r"|simply\s+|honestly\s+)?(?:wanted|want|need|needed|had|have|would\s+like|like|wish|wished"
    r"|meant|mean|must|have\s+got|'ve\s+got)\s+to\s+$", re.IGNORECASE
)
# One's own past words about the other, said in order to take them back (round 16): "sorry i said
# | you never remember anything", "i shouldn't have told you | you were useless", "when i told you
# that | you never listen, i was wrong". They are reported, not said again now. Only words about
# the other: "sorry i said i wanted to die" still speaks for the speaker (the safety summary
# reads reported spans too).
_TAKEN_BACK_BEFORE: Final = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|regret|shouldn'?t have|should not have|should never have"
    r"|wrong (?:of me )?to(?: have)?|take back)\b(?:\s+(?:that|for|about|for what|what))?"
    r"\s+(?:i|we)\s+(?:\w+\s+)?$"
)
_TAKEN_BACK_AFTER: Final = re.compile(
    r"[^.!?\n]{0,120}?[,.;!]\s*(?:and |but )?(?:i was (?:so |really |completely )?wrong"
    r"|that was (?:so |really )?(?:wrong|unfair|cruel|mean|not (?:fair|true|ok|okay|right|kind))"
    r"|that wasn'?t (?:fair|true|ok|okay|right|kind)|it wasn'?t (?:fair|true)|i didn'?t mean (?:it|that)"
    r"|i take (?:it|that) back)\b"
)
_ABOUT_THE_OTHER: Final = re.compile(r"(?:that\s+)?(?:you|u|your|ur)\b")
# A report of no words: "you didn't say anything | you're so irresponsible", "he said nothing".
# ("she said nothing was wrong" still reports.)
_NOTHING_SAID: Final = re.compile(
    r"(?:anything|nothing|a word|a thing|one word)\b"
    r"(?!'|\s+(?:is|was|were|will|would|could|can|has|had|happened|matters|changed)\b)"
)
# Where unquoted reported words give way to the speaker's own comment on them: "you say you're
# sorry | but you never change", "she said it was fine | , and I believed her". (", and that ..."
# still reports.)
_OWN_COMMENT: Final = re.compile(r",?\s+but\s|,\s*(?:and|so)\s+(?!that\b)|\s+and\s+then\s|;|\s-\s")
# A reporting verb in a clause that hangs on another: "when you said ...", "if she says ...".
_SUBORDINATE: Final = re.compile(
    r"\b(?:when|whenever|after|because|since|if|once|every\s+time|as\s+soon\s+as)\s+"
    r"(?:\w+\s+){1,2}$"
)
# Without the comma, the main clause that says how the speaker felt: "when you said X i felt Y".
_MAIN_FEELING: Final = re.compile(r"\s(?=i\s+(?:felt|feel|was\s+feeling|am\s+feeling)\b)")
_NARRATION_END: Final = re.compile(
    r"[,;:.!?\"'()\n]|\s-\s|\b(?:and|but|so|because|though|while|when|which|then|i|im|you|u|we|he"
    r"|she|they|it)\b"
)
_DOUBLE_QUOTED: Final = re.compile(r'"[^"\n]{1,400}"')
_SINGLE_QUOTED: Final = re.compile(r"(?<![A-Za-z0-9])'[^'\n]{2,400}'(?![A-Za-z0-9])")


# Only the letters: full-width and "fancy font" ones as ASCII (what the classifier is given, so
# that it reads "Ｉ'ｍ ｓｏｒｒｙ" as the rules do; it was trained on text with curly quotes).
_LETTERS: Final = str.maketrans({
    key: value for key, value in _NORMALISE.items()
    if (0xFF01 <= key <= 0xFF5E or 0x2100 <= key < 0x2150 or 0x24B6 <= key < 0x24EA
        or 0x1D400 <= key < 0x1D800 or 0x1F130 <= key < 0x1F18A)})


# What a transcriber notes instead of words: "[inaudible]", "[crosstalk]", "(laughs)", "(sighs
# heavily)", "[Inaudible 00:01:23]", Whisper's "[BLANK_AUDIO]" and "(upbeat music)". Words in
# brackets stay ("(I mean it)", "[really]").
_NOTED: Final = (
    r"inaudible|unintelligible|indistinct|crosstalk|cross[- ]talk|overlapping(?: speech| voices)?"
    r"|silence|silent|pause|long pause|no audio|blank[_ ]audio|music|noise|background noise"
    r"|static|applause|laugh|laughs|laughing|laughter|chuckles?|chuckling|giggles?|giggling"
    r"|sighs?|sighing|cries|crying|sobs|sobbing|sniffles?|sniffling|coughs?|coughing"
    r"|clears (?:his |her |their )?throat|groans?|scoffs?|exhales?|inhales?|yawns?|mumbles?"
    r"|mumbling|muffled|unclear|phone rings|phone ringing|door closes|beep|beeps"
)
_NOTED_HOW: Final = (r"(?:soft|loud|upbeat|gentle|dramatic|quiet|nervous|light|heavy|background"
                     r"|distant)\s+")
_ANNOTATION: Final = re.compile(
    rf"\s*(?:\[\s*(?:{_NOTED_HOW})?(?:{_NOTED})(?:[\s:,.-]+[\w:.]+){{0,3}}\s*\]"
    rf"|\(\s*(?:{_NOTED_HOW})?(?:{_NOTED})(?:\s+\w+){{0,2}}\s*\))",
    re.IGNORECASE,
)


def without_annotations(text: str) -> str:
    """``text`` without the transcriber's notes in brackets ("[inaudible]", "(laughs)"): what
    the classifier is given, which was not trained on them. Empty when they were all it held.

    >>> without_annotations("(laughs) it's fine [crosstalk] i'm fine")
    "it's fine i'm fine"
    """
    if "[" not in text and "(" not in text:
        return text
    said, notes = _ANNOTATION.subn("", text)
    return said.strip() if notes else text


def fold_letters(text: str) -> str:
    """``text`` with full-width and "fancy font" letters and digits as ASCII, nothing else
    changed."""
    return text if text.isascii() else text.translate(_LETTERS)


def fold(text: str) -> str:
    """``text`` with quotes straightened, spaces plain and full-width and "fancy font" letters
    ASCII, case kept: one character for one, so offsets stay valid."""
    return text.translate(_NORMALISE)


def normalise(text: str) -> str:
    """Lower-case, straighten quotes, make every space a plain one and full-width letters ASCII,
    keeping every offset."""
    return text.translate(_NORMALISE).lower()


def unwrap(text: str) -> str:
    """``text`` with each line break inside a sentence read as a space, one character for one
    (``"\\r\\n"`` is two spaces), so offsets stay valid: e-mail and letters wrap lines at about 72
    characters, and a phone user may press return mid-thought ("I want to kill\\nmyself").

    A break stays a break where it ends a paragraph (a blank line next to it), opens a list item,
    a quoted line or a line of a pasted chat ("- ", "2. ", "> ", "[10:41]", "Ana: "), follows a
    line that ends a sentence or opens a list (".", "!", "?", ":"), or where a short line is
    followed by one that starts with a capital letter, "I" too (a message typed line by line: "We'd
    be better off\\nDead batteries again", "you never listen to me\\nI feel so alone": a negation
    in the first line must not reach into the second). A line as long as a wrapped one goes on
    into the next whatever its first letter.

    >>> unwrap("everyone would be better off\\nwithout me")
    'everyone would be better off without me'
    >>> unwrap("Setlist:\\n- Better Off\\n- Dead Man's Party")
    "Setlist:\\n- Better Off\\n- Dead Man's Party"
    """
    if "\n" not in text and "\r" not in text:
        return text
    breaks = [m.span() for m in _LINE_BREAK.finditer(text)]
    soft = [
        (start, end) for i, (start, end) in enumerate(breaks)
        if _joins(text[breaks[i - 1][1] if i else 0:start],
                  text[end:breaks[i + 1][0] if i + 1 < len(breaks) else len(text)])
    ]
    if not soft:
        return text
    chars = list(text)
    for start, end in soft:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
# A line that opens an item of its own: a bullet, a number or letter with a dot or bracket, a
# quoted line, a chat line's time or speaker.
_OWN_LINE: Final = re.compile(
    r"(?:[-*+>\u2022\u00b7\u2023\u25e6\u25aa\u25cf\u2013\u2014]|\(?(?:\d{1,3}|(?i:[a-z]))[.)])"
    r"(?:\s|$)|\[\s*\d|\d{1,2}[:.]\d{2}\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}:\s")
# A line that ends a sentence or introduces what follows (closing quotes and brackets after it).
_ENDS_LINE: Final = re.compile(r"[.!?\u2026:]+[\"')\]\u201d\u2019]*$")
# A line this long is one a mail program or editor wrapped; a shorter one was ended by hand.
_WRAPPED: Final = 50


def _joins(before: str, after: str) -> bool:
    """Whether the line break between the lines ``before`` and ``after`` falls inside a
    sentence (see ``unwrap``)."""
    line, rest = before.strip(), after.strip()
    if not line or not rest:
        return False  # a blank line: a paragraph ends
    if _OWN_LINE.match(rest) or _ENDS_LINE.search(line):
        return False
    return not (rest[0].isupper() and len(line) < _WRAPPED)


def tokens(normalised: str) -> list[str]:
    return TOKEN_RE.findall(normalised)


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The (start, end) of the sentence that holds ``position``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, position):
        start = m.end()
    after = _SENTENCE_END.search(text, position)
    end = after.end() if after else len(text)
    return start, end


class Sentences:
    """``sentence_bounds`` for many positions of one text, each in about constant time: the
    sentence ends are found once, and the last forward search is reused (asking for every match
    of a long, unpunctuated message used to rescan it each time: quadratic)."""

    __slots__ = ("_ends", "_next", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None
        self._next = (-1, -1, -1)  # a search from here found a sentence end from here to here

    def bounds(self, position: int) -> tuple[int, int]:
        """Exactly ``sentence_bounds(self.text, position)``."""
        text = self.text
        if position > 0 and text[position - 1] in ".!?\n":
            start = position  # sentence_bounds scans up to ``position``, where it ends a mark
        else:  # else the marks it finds are the text's own marks that end before ``position``
            if self._ends is None:
                self._ends = [m.end() for m in _SENTENCE_END.finditer(text)]
            i = bisect_left(self._ends, position)
            start = self._ends[i - 1] if i else 0
        searched_from, found_at, end = self._next
        if not searched_from <= position <= found_at:  # no mark starts between the two
            after = _SENTENCE_END.search(text, position)
            end = after.end() if after else len(text)
            self._next = (position, after.start() if after else len(text), end)
        return start, end


def reported_spans(normalised: str) -> list[tuple[int, int]]:
    """Spans that report someone else's words (quotes, "she said ...") rather than say them."""
    quoted: list[tuple[int, int]] = []
    if '"' in normalised:
        quoted.extend(m.span() for m in _DOUBLE_QUOTED.finditer(normalised))
    if "'" in normalised:
        quoted.extend(m.span() for m in _SINGLE_QUOTED.finditer(normalised))
    # A message that is one quotation from end to end is the sender's own (a script read out, a
    # message pasted to check it, round 16), not words reported from someone else.
    whole = len(normalised.strip())
    quoted = [q for q in quoted if q[1] - q[0] < whole]
    spans = list(quoted)
    if (normalised.isascii() and normalised.islower()
            and _REPORTING_WORDS.search(normalised) is None):
        return spans
    sentences = Sentences(normalised)
    for m in _REPORTING.finditer(normalised):
        before = normalised[max(0, m.start() - 12):m.start()]
        if (_SELF_SUBJECT.search(before) and not _taken_back(normalised, m.start(), m.end())) or (
                _NOTHING_SAID.match(normalised, m.end())
                or _OWN_SAYING.search(normalised, max(0, m.start() - 30), m.start())):
            continue
        start = m.end()
        _, end = sentences.bounds(start)
        words = next((q for q in quoted if q[0] == start), None)
        if words is not None:  # quoted words: the report ends with the closing quote ...
            # ... and the few words of narration right after it ("Dad goes 'you never finish
            # anything' every single time"), up to where a new clause starts.
            tail = _NARRATION_END.search(normalised, words[1], end)
            end = min(end, tail.start() if tail else end)
        elif (own := _OWN_COMMENT.search(normalised, start, end)) is not None:
            end = own.start()
        if _SUBORDINATE.search(normalised, max(0, m.start() - 30), m.start()):
            # "When you said I was lazy, | I felt small": the words end where the main clause
            # begins, at the comma.
            comma = normalised.find(",", start, end)
            felt = _MAIN_FEELING.search(normalised, start, end) if comma < 0 else None
            end = comma if comma >= 0 else felt.start() if felt else end
        spans.append((start, end))
    return spans


def _taken_back(normalised: str, start: int, end: int) -> bool:
    """Whether the speaker's own saying at ``start:end`` ("i said") reports words about the other
    that the speaker takes back, before ("sorry i said ...") or after ("..., that wasn't fair")."""
    if not _ABOUT_THE_OTHER.match(normalised, end):
        return False
    return bool(_TAKEN_BACK_BEFORE.search(normalised, max(0, start - 40), start)
                or _TAKEN_BACK_AFTER.match(normalised, end))


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def negated(normalised: str, start: int, window: int = 4) -> bool:
    """True when one of the few words before ``start`` in the same clause negates it."""
    prefix = normalised[max(0, start - 60):start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    if breaks:
        prefix = prefix[breaks[-1].end():]
    if _NEGATOR.search(prefix) is None:
        return False  # most matches: nothing negates them
    if _ENDS_NEGATED.search(prefix) and _OWN_CLAUSE.match(normalised, start):
        return False
    last = prefix.split()[-1:]
    if (_OWN_NEGATION.match(normalised, start) and _NEGATED_VIEW.search(prefix) is None
            and last and last[0] not in _NEGATION_REACHES):
        return False  # "i don't know | i don't really want to get into it": no double negation
    prefix = _since_new_sentence(normalised, start, prefix)
    words = prefix.split()[-window:]
    if bool(words) and _NEGATOR.search(" ".join(words)) is not None:
        return True
    return _NEGATED_VIEW.search(prefix) is not None


def _since_new_sentence(normalised: str, start: int, prefix: str) -> str:
    """``prefix`` (the clause before ``start``) from the last unpunctuated new sentence in it,
    or at ``start`` (``_SUBJECT_VERB``), that no word joins to what comes before it."""
    at = len(prefix) if _SUBJECT_VERB.match(normalised, start) else -1
    if at < 0:
        found = [m.start() for m in _SUBJECT_VERB.finditer(prefix)]
        if not found:
            return prefix
        at = found[-1]
    before = [word.replace("'", "") for word in prefix[:at].split()[-2:]]
    if not before or before[-1] in _JOINS_CLAUSE or (
            before[-1] in _OBJECTS and before[0] in _JOINS_CLAUSE):
        return prefix  # "i'm not saying | you're lazy", "don't tell me | you're fine"
    if before[-1].endswith("ing") and _OBJECT_OF_ING.match(normalised, start - len(prefix) + at):
        return prefix
    view = _NEGATED_VIEW.search(prefix, 0, at)
    if view is not None and _OBJECT_THEN.match(prefix, view.end()) is None:
        return prefix  # "i don't think for a second | you're lazy": the view governs it
    return prefix[at:]
