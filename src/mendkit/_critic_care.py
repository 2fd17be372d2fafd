"""What the critic must handle with care, because a repair's checklist does not fit it: a limit
the person sets ("Please stop texting me", "My answer is no"), taking the blame for what the
other person did ("I'm sorry I made you throw it"), pleading ("please don't leave me"), a letter
that needs no answer or is written to someone who has died, a question that pushes back ("what
more do you want from me?"), one's own past words named to own them ("I'm sorry I said you never
listen"), and a message received that threatens the person ("you'll regret it").

Each is found here by its words; ``mendkit.critic`` decides what follows from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from mendkit._critic_apology import put_downs
from mendkit._rewrite import Fix
from mendkit.analysis.text import Sentences
from mendkit.model import Issue

_APOS: Final = "['\u2019]"
_DONT: Final = rf"(?:don{_APOS}?t|do\s+not|dont|never)"
# A limit the person sets: no contact, a plain no, what they will not be around, what they will
# do if it goes on. What overlaps one is no rupture to coach, and no rewrite may cut it.
_LIMIT_RE: Final = re.compile(
    r"\b(?:(?:please|pls)\s+)?(?:stop|quit)\s+(?:texting|calling|ringing|phoning|messaging|"
    r"contacting|emailing|dm(?:ing|['\u2019]?ing)|writing\s+to|following|visiting|tagging)\s+me\b"
    r"|\b(?:(?:please|pls)\s+)?stop\s+(?:coming|turning\s+up|showing\s+up)\s+(?:round|over|at|to)"
    r"\b[^.!?\n]{0,30}"
    rf"|\b(?:(?:please|pls)\s+)?{_DONT}\s+(?:ever\s+)?(?:contact|text|call|ring|phone|message|"
    r"email|dm|write\s+to|visit|come\s+(?:round|over|to\s+my\s+\w+)|try\s+to\s+(?:find|contact|"
    r"reach)|reach\s+out\s+to|look\s+for)\s+me\b(?:\s+again)?"
    rf"|\bi\s+{_DONT}\s+want\s+you\s+to\s+(?:contact|text|call|message|email|write\s+to|visit|"
    r"come\s+(?:round|over))\s+me\b"
    r"|\b(?:my|the)\s+answer\s+is\s+(?:still\s+)?(?:no|a\s+no|final)\b|\bno\s+means\s+no\b"
    rf"|\bi\s+(?:can{_APOS}?t|cannot|can\s+not|won{_APOS}?t|will\s+not)\s+be\s+around\s+you\s+"
    r"(?:while|when|if|until|whenever|as\s+long\s+as)\b[^.!?\n;]*"
    rf"|\bi(?:{_APOS}ll|\s+will|{_APOS}m\s+going\s+to|\s+am\s+going\s+to)\s+block\s+"
    r"(?:you|your\s+(?:number|account))\b"
    rf"|\bi(?:{_APOS}m|\s+am)\s+blocking\s+(?:you|your\s+(?:number|account))\b"
    rf"|\bi\s+won{_APOS}?t\s+be\s+(?:replying|responding|answering|in\s+touch|in\s+contact)\b"
    # (not a refusal to say where the writer was: "... answering questions about where I was")
    r"(?![^.!?\n]{0,30}\b(?:where|who)\s+i\s+(?:was|went|am|have\s+been|\w+ed\s+with)\b)"
    rf"|\bi(?:{_APOS}m|\s+am)\s+going\s+no[\s-]+contact\b"
    r"|\bplease\s+respect\s+(?:that|this|my\s+(?:decision|choice|boundar(?:y|ies)|wishes|space|"
    r"answer))\b"
    rf"|\bi(?:{_APOS}m|\s+am)\s+not\s+willing\s+to\s+(?:be\s+(?:treated|spoken\s+to|talked\s+to)|"
    r"put\s+up\s+with)\b"
    rf"|\b{_DONT}\s+(?:speak|talk)\s+to\s+me\s+like\s+that\b"
    # a decision that is made: "I'm not going to change my mind", "I don't want you in my life"
    rf"|\bi(?:{_APOS}m|\s+am)\s+not\s+(?:going\s+to\s+)?chang(?:e|ing)\s+my\s+mind\b"
    rf"|\bi\s+won{_APOS}?t\s+change\s+my\s+mind\b|\b(?:my|this|the)\s+decision\s+is\s+final\b"
    rf"|\bi\s+(?:don{_APOS}?t|do\s+not)\s+want\s+you\s+in\s+my\s+life\b"
    # a limit on one's body (round sixteen): "Please stop touching my shoulder", "I don't like
    # being touched", "Don't touch me"
    r"|\b(?:(?:please|pls)\s+)?(?:stop|quit)\s+(?:touching|grabbing|poking|tickling|hugging)\s+"
    r"(?:me\b|my\s+(?:shoulders?|arms?|hair|face|back|legs?|neck|hands?|knees?|head|body|waist"
    r"|belly|stomach|hips?|skin|bum|chest|cheeks?|thighs?)\b)"
    rf"|\b(?:(?:please|pls)\s+)?{_DONT}\s+(?:touch|grab|hug|tickle)\s+me\b"
    rf"|\bi\s+(?:don{_APOS}?t|do\s+not)\s+like\s+(?:being|to\s+be)\s+(?:touched|hugged|grabbed"
    r"|tickled|poked)\b",
    re.IGNORECASE,
)


# A "don't"/"never" with someone before it is a complaint about what they do, not a limit the
# writer sets: "you never call me", "Why do you never visit me?", "he doesn't text me back". A
# limit is what the writer asks or will do ("Please never contact me again", "Don't ever call me").
_NOT_THE_WRITERS_RE: Final = re.compile(
    rf"\b(?:you|u|ya|he|she|they|we|it|people|everyone|nobody|someone|(?:do|does|did)\s+you|"
    rf"why\s+(?:do|does|did|would|can{_APOS}?t)\s+(?:you|u|he|she|they))\s+"
    r"(?:(?:still|just|really|even|literally|also|ever|basically|seriously|honestly|always|"
    r"actually)\s+)*\Z",
    re.IGNORECASE,
)
_LIKE_THAT_RE: Final = re.compile(r"\blike\s+that\Z", re.IGNORECASE)  # "You don't talk to me like that."
_DONT_START_RE: Final = re.compile(rf"(?:(?:please|pls)\s+)?{_DONT}\b", re.IGNORECASE)


def limits(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that set a limit (not "you never call me": see
    ``_NOT_THE_WRITERS_RE``)."""
    return [m.span() for m in _LIMIT_RE.finditer(text)
            if not (_DONT_START_RE.match(m.group()) and not _LIKE_THAT_RE.search(m.group())
                    and _NOT_THE_WRITERS_RE.search(text, max(0, m.start() - 40), m.start()))]


# What the other person did, as the writer takes it on: each verb's forms after "made you ..."
# (base) or "you ..." (past and present), what it is called in the kind word, and whether it is
# violence (which no one makes another person do).
@dataclass(frozen=True, slots=True)
class _Act:
    base: str
    done: str
    noun: str  # what it is called: "their yelling", "what they threw"
    violent: bool = False


# Throwing and breaking as violence, not "throw it away" or "break the news"; hitting and the
# like when it was done to the writer ("hit me", "hit the wall").
_THROW: Final = r"(?:{})(?!\s+(?:\w+\s+)?(?:away|out|up|off|together|a\s+party)\b)"
_BREAK: Final = (
    r"(?:{})(?!\s+(?:up|down|even|free|off|out|in|through|the\s+news|it\s+to|a\s+"
    r"promise|your\s+promise|the\s+rules|the\s+ice|a\s+record)\b)"
)
_AT_ME: Final = r"(?:{})\s+(?:me|the\s+(?:wall|door))\b"
_ACTS: Final = (
    _Act("yell", "yelled|yells", "their yelling"),
    _Act("shout", "shouted|shouts", "their shouting"),
    _Act("scream", "screamed|screams", "their screaming"),
    _Act("snap", "snapped|snaps", "their snapping"),
    _Act("swear", "swore|swears", "their swearing"),
    _Act("slam", "slammed|slams", "their temper"),
    _Act(
        "blow up|go off|lash out", "blew up|blows up|went off|goes off|lashed out|lashes out", "their anger"
    ),
    _Act(
        r"lose (?:your|his|her|their) (?:temper|cool|shit)",
        r"lost (?:your|his|her|their) (?:temper|cool|shit)"
        r"|loses (?:your|his|her|their) (?:temper|cool|shit)",
        "their anger",
    ),
    _Act(
        r"(?:get|be) (?:so |that |really |too )?(?:angry|mad|furious)",
        r"(?:got|gets|was|were|is|are) (?:so |that |really |too )?(?:angry|mad|furious)",
        "their anger",
    ),
    _Act(
        r"call me (?:names|stupid|an? \w+|that)",
        r"called me (?:names|stupid|an? \w+|that)|calls me (?:names|stupid|an? \w+)",
        "their name-calling",
    ),
    _Act(_THROW.format("throw"), _THROW.format("threw|throws|thrown"), "what they threw", True),
    _Act(
        _AT_ME.format("hit|slap|punch|kick|push|shove|grab|choke|hurt|beat"),
        _AT_ME.format(
            "hit|hits|slapped|slaps|punched|punches|kicked|kicks|pushed|pushes|shoved"
            "|shoves|grabbed|grabs|choked|chokes|hurt|hurts|beat|beats"
        ),
        "what they did to you",
        True,
    ),
    _Act(
        _BREAK.format("break|smash"), _BREAK.format("broke|breaks|smashed|smashes"), "what they broke", True
    ),
    _Act(
        r"get (?:violent|physical)",
        r"got (?:violent|physical)|gets (?:violent|physical)",
        "their violence",
        True,
    ),
)
_THEM: Final = r"(?:you|u|him|her|them)"
_THEY: Final = r"(?:you|u|he|she|they)"


def _either(forms: str) -> str:
    return f"(?:{forms})"


_BASES: Final = "|".join(f"(?P<b{i}>{_either(a.base)})" for i, a in enumerate(_ACTS))
_DONES: Final = "|".join(f"(?P<d{i}>{_either(a.done)})" for i, a in enumerate(_ACTS))
# "I made you throw it", "I got you so angry that you broke the mug", "you had to scream at me",
# "it's my fault you lost your temper", "for making him yell".
_THEIR_ACT_RE: Final = re.compile(
    rf"\bi\s+(?:made|make|forced|pushed|drove|provoked|caused|got)\s+{_THEM}\s+(?:to\s+)?"
    rf"(?:(?:so|that|really|too)\s+(?:angry|mad|furious)\s+(?:that\s+)?{_THEY}\s+"
    rf"(?:had\s+to\s+)?)?(?:{_BASES}|{_DONES})\b"
    rf"|\b{_THEY}\s+(?:had|needed|felt\s+{_THEY}\s+had)\s+to\s+(?:{_BASES.replace('?P<b', '?P<h')})\b"
    rf"|\b(?:it|that)(?:{_APOS}s|\s+is|\s+was)\s+(?:all\s+|totally\s+|completely\s+)?my\s+fault\s+"
    rf"(?:that\s+)?{_THEY}\s+(?:{_DONES.replace('?P<d', '?P<f')})\b"
    rf"|\b(?:for|about)\s+making\s+{_THEM}\s+(?:{_BASES.replace('?P<b', '?P<m')})\b",
    re.IGNORECASE,
)
_APOLOGY_RE: Final = re.compile(r"\b(?:sorry|apologi[sz]e\w*|apologies|my fault|forgive me)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TheirAct:
    """Where the writer takes on what the other person did, and what that was."""

    start: int
    end: int
    noun: str
    violent: bool


def their_acts(text: str) -> list[TheirAct]:
    """The places ``text`` takes the blame for the other person's act: "made you" and "my fault
    you" anywhere, "you had to" in a sentence that apologises."""
    sentences = Sentences(text)
    out = []
    for m in _THEIR_ACT_RE.finditer(text):
        group = next(name for name, value in m.groupdict().items() if value is not None)
        if group.startswith("h"):
            s_start, s_end = sentences.bounds(m.start())
            if not _APOLOGY_RE.search(text, s_start, s_end):
                continue
        act = _ACTS[int(group[1:])]
        out.append(TheirAct(m.start(), m.end(), act.noun, act.violent))
    return out


# Pleading: begging them to stay, promising anything. ("Please don't be mad" alone is left be:
# too everyday to name.)
_PLEADING_RE: Final = re.compile(
    rf"\b(?:(?:please|pls|plz)\s+)?(?:just\s+)?{_DONT}\s+(?:ever\s+)?leave\s+me\b"
    rf"|\b(?:please|pls|plz)\s+(?:just\s+)?don{_APOS}?t\s+go\b"
    rf"|\b(?:(?:please|pls|plz)\s+)?(?:don{_APOS}?t|do\s+not)\s+hate\s+me\b"
    rf"|\bi(?:{_APOS}ll|\s+will|ll)\s+(?:do|change|give\s+up|be|say)\s+(?:anything|everything|"
    r"whatever)(?:\s+you\s+(?:want|need|say|like|ask))?\b"
    r"|\b(?:please|pls|plz)\s+(?:just\s+)?tell\s+me\s+what\s+i\s+did(?:\s+wrong)?(?:\s+so\s+i\s+"
    r"can\s+\w+(?:\s+(?:it|things))?(?:\s+right)?)?"
    rf"|\bi\s+can{_APOS}?t\s+lose\s+you\b",
    re.IGNORECASE,
)


def pleading(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that plead."""
    return [m.span() for m in _PLEADING_RE.finditer(text)]


# A letter that needs no answer, or is written to someone who has died: no request is asked of it.
_NO_ANSWER_RE: Final = re.compile(
    rf"\b(?:you\s+)?(?:don{_APOS}?t|do\s+not|dont)\s+(?:need|have)\s+to\s+(?:reply|respond|"
    r"answer|write\s+back|get\s+back\s+to\s+me)\b"
    r"|\bno\s+need\s+to\s+(?:reply|respond|answer|write\s+back)\b"
    rf"|\bi\s+(?:don{_APOS}?t|do\s+not)\s+(?:expect|need|want)\s+(?:an?\s+(?:answer|reply|"
    r"response)|you\s+to\s+(?:reply|respond|answer|write\s+back|forgive\s+me))\b"
    rf"|\bi\s+(?:won{_APOS}?t|will\s+not|am\s+not\s+going\s+to|{_APOS}?m\s+not\s+going\s+to)\s+"
    r"send\s+(?:this|it)\b|\bunsent\s+letter\b"
    r"|\byou\s+asked\s+me\s+(?:not\s+to|never\s+to|to\s+not)\s+(?:contact|text|call|message|"
    r"write\s+to|reach\s+out\s+to)\s+you\b"
    # to someone who has died
    r"|\b(?:since|before|after|when|the\s+day)\s+you\s+(?:died|passed(?:\s+(?:away|on))?"
    r"(?=\s*(?:[,.;:!?\u2026]|$|and\b))|left\s+us)"
    rf"|\byou(?:{_APOS}ve|\s+have)?\s+(?:died|passed\s+away|passed\s+on)\b"
    r"|\byour\s+(?:funeral|grave|graveside|passing|memorial|headstone)\b|\brest\s+in\s+peace\b"
    rf"|\bi\s+(?:wasn{_APOS}?t|was\s+not)\s+there\s+(?:at|for)\s+the\s+end\b|\bi\s+hope\s+you\s+knew\b"
    r"|\bwherever\s+you\s+are\s+now\b|\b(?:live|living)\s+without\s+you\b"
    rf"|\b(?:i(?:{_APOS}d|\s+would)\s+give\s+anything|i\s+wish\s+i\s+could)\s+(?:to\s+)?(?:hear\s+"
    r"your\s+voice|see\s+you|hug\s+you|hold\s+you|talk\s+to\s+you)\s+(?:again|one\s+more\s+time"
    r"|once\s+more)\b",
    re.IGNORECASE,
)


def needs_no_answer(text: str) -> bool:
    """Whether ``text`` says it needs no answer, or is written to someone who has died."""
    return _NO_ANSWER_RE.search(text) is not None


# A question that pushes back rather than asks ("what more do you want from me?", "happy now?").
_PRESSING_RE: Final = re.compile(
    r"\bwhat\s+(?:more|else)\s+(?:do|did|could|can|would)\s+(?:you|u)\s+(?:possibly\s+)?"
    r"(?:want|expect)(?:\s+(?:from\s+me|me\s+to\s+(?:say|do)))?(?=\s*(?:[?!.\u2026]|$))"
    r"|\bwhat\s+do\s+(?:you|u)\s+want\s+(?:from\s+me|me\s+to\s+(?:say|do))(?=\s*(?:[?!.\u2026]|$))"
    r"|\b(?:are\s+(?:you|u)\s+)?(?:happy|satisfied)\s+now\s*\?",
    re.IGNORECASE,
)
_STOPS: Final = ".!?\u2026"
_JAB_RE: Final = re.compile(r"[ \t]*[A-Za-z']+(?:[ \t]+[A-Za-z']+)?[ \t]*[?!]+[ \t]*")


def pressing_questions(text: str) -> list[tuple[int, int, Fix | None]]:
    """Each pushing question of ``text``, with the cut that takes it out (its sentence, when
    other sentences remain; or from the comma that leads into it), or None."""
    sentences = Sentences(text)
    out: list[tuple[int, int, Fix | None]] = []
    for m in _PRESSING_RE.finditer(text):
        s_start, s_end = sentences.bounds(m.start())
        end = len(text[:s_end].rstrip())
        before = text[s_start : m.start()]
        fix: Fix | None = None
        if not before.strip():
            # A one- or two-word jab after it ("Blood?", "Seriously?") goes with it.
            if (jab := _JAB_RE.match(text, s_end)) is not None:
                s_end = jab.end()
            if text[:s_start].strip() or text[s_end:].strip():
                fix = Fix(s_start, s_end, "")
        elif (lead := re.search(r"[,;]\s*\Z", before)) is not None and not text[m.end() : end].strip(
            " " + _STOPS
        ):
            fix = Fix(s_start + lead.start(), end, ".")
        out.append((m.start(), m.end(), fix))
    return out


# The writer's own past words, reported in order to own them ("I'm sorry I said you never ...",
# "When I told you that you always ...").
_OWN_WORDS_LEAD_RE: Final = re.compile(
    r"\b(?:i\s+(?:said|told\s+(?:you|u)|called\s+(?:you|u)|wrote|texted|yelled|shouted|snapped)|"
    r"(?:for|about)\s+(?:saying|telling\s+(?:you|u)|calling\s+(?:you|u)))(?:\s+that)?[\s,:]*"
    r"[\"\u201c']?\s*\Z",
    re.IGNORECASE,
)
_OWNS_IT_RE: Final = re.compile(
    rf"\b(?:sorry|apologi[sz]e\w*|apologies|wrong\s+(?:of\s+me|to\s+say)|(?:wasn{_APOS}?t|was\s+not|"
    rf"not)\s+(?:fair|true|ok|okay|kind)|unfair|shouldn{_APOS}?t\s+have|out\s+of\s+line|regret|"
    r"my\s+fault|on\s+me)\b",
    re.IGNORECASE,
)
_LEAD_REACH: Final = 40


def own_past_words(text: str, start: int) -> bool:
    """Whether the words at ``start`` are the writer's own past words, reported in a message
    that owns them (an apology or "that wasn't fair" somewhere in it)."""
    lead = text[max(0, start - _LEAD_REACH) : start]
    return bool(_OWN_WORDS_LEAD_RE.search(lead)) and _OWNS_IT_RE.search(text) is not None


# A message received that threatens the one who reads it.
_THREAT_TO_YOU_RE: Final = re.compile(
    rf"\byou(?:{_APOS}ll|\s+will|{_APOS}re\s+going\s+to|\s+are\s+going\s+to|{_APOS}re\s+gonna)\s+"
    r"(?:regret|be\s+sorry|pay\b)"
    rf"|\byou(?:{_APOS}re|\s+are)\s+dead\b"
    rf"|\bi(?:{_APOS}ll|\s+will|{_APOS}m\s+going\s+to|\s+am\s+going\s+to|{_APOS}m\s+gonna|\s+swear"
    r"\s+i(?:['\u2019]ll|\s+will))\s+(?:\w+\s+)?(?:hurt|kill|hit|slap|punch|beat|end|destroy|strangle"
    r"|smack|batter)\s+(?:you|u)\b"
    rf"|\bi(?:{_APOS}ll|\s+will)\s+(?:make\s+(?:you|u)\s+(?:pay|regret|sorry|suffer)|break\s+your|"
    r"smash\s+your|ruin\s+your\s+life|get\s+(?:you|u)(?=\s*(?:[.!?,]|$|for\b))|find\s+(?:you|u)"
    r"(?=\s*(?:[.!?,]|$)))"
    r"|\bor\s+else\b|\bwatch\s+your\s+back\b|\bi\s+know\s+where\s+you\s+live\b"
    r"|\bgive\s+(?:you|u)\s+something\s+to\s+cry\s+about\b",
    re.IGNORECASE,
)


def threatens_you(texts: Sequence[str]) -> bool:
    """Whether any of ``texts`` (messages the person received) threatens them."""
    return any(_THREAT_TO_YOU_RE.search(t) for t in texts)


# Readings that a limit is not: a closed door, a rejection or the fair complaint that explains
# it, anywhere in a message that sets one ("Please stop texting me. I've asked twice. I have
# nothing more to say."), and a criticism or a demand on the limit's own words ("I can't be
# around you when you're drinking").
_NOT_A_LIMIT_ANYWHERE: Final = frozenset({"withdrawal", "rejection", "complaint"})
_NOT_A_LIMIT_ON_IT: Final = frozenset(
    {
        "criticism",
        "always_never",
        "pressure",
        "condescension",
        "dismissing",
        "defensiveness",
        "minimizing",
        "non_apology",
        "sorry_but",
    }
)


def beside_limits(
    issues: list[Issue], fixes: list[Fix], held: list[Issue], spans: Sequence[tuple[int, int]]
) -> tuple[list[Issue], list[Fix], list[Issue]]:
    """``issues``, ``fixes`` and ``held`` without what reads a limit (``spans``) as a rupture,
    and without any fix that would cut into a limit or was offered for what is set aside."""
    if not spans:
        return issues, fixes, held

    def aside(issue: Issue) -> bool:
        return issue.kind in _NOT_A_LIMIT_ANYWHERE or (
            issue.kind in _NOT_A_LIMIT_ON_IT and overlaps(issue.start, issue.end, spans)
        )

    gone = [(i.start, i.end) for i in held if aside(i)]
    fixes = [f for f in fixes if not overlaps(f.start, f.end, [*spans, *gone])]
    return ([i for i in issues if not aside(i)], fixes, [i for i in held if not aside(i)])


def beside_pleading(
    issues: list[Issue], fixes: list[Fix], held: list[Issue], spans: Sequence[tuple[int, int]]
) -> tuple[list[Issue], list[Fix], list[Issue]]:
    """Without a closed-door reading of words that plead ("I'll do whatever you want"): their
    own issue says what they do, and "say when you will come back to it" does not fit."""

    def aside(issue: Issue) -> bool:
        return issue.kind == "withdrawal" and overlaps(issue.start, issue.end, spans)

    gone = [(i.start, i.end) for i in held if aside(i)]
    fixes = [f for f in fixes if not overlaps(f.start, f.end, gone)]
    return ([i for i in issues if not aside(i)], fixes, [i for i in held if not aside(i)])


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def drops_a_limit(text: str, rewrite: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``rewrite`` no longer says one of the limits of ``text`` (``spans``)."""
    said = _squeezed(rewrite)
    return any(_squeezed(text[a:b]) not in said for a, b in spans)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("\u2019", "'"))


def care_issues(
    text: str, acts: Sequence[TheirAct], found: list[Issue], messages: Mapping[str, tuple[str, str]]
) -> tuple[list[Issue], list[tuple[int, int]]]:
    """The issues for taking on what they did, pleading and a put-down (one the apology's own
    "too much" reading has not named), and the spans whose repair phrases earn nothing (a
    "I'll change anything" promise and a "tell me what I did" ask are pleading)."""
    out = []
    for act in acts:
        message = (
            "This takes the blame for what they did. Owning your part means owning your "
            "own actions, not theirs."
        )
        if act.violent:
            message += (
                " No one makes another person do that: it was their choice, and it is "
                "not your fault. If you are afraid of them, your safety matters more "
                "than any message."
            )
        out.append(
            Issue(
                kind="self_blame",
                start=act.start,
                end=act.end,
                message=message,
                suggestion=f"You don't need to own {act.noun}; name what you did, if "
                'there is something: "I\'m sorry I ...".',
            )
        )
    pleas = pleading(text)
    for start, end in pleas:
        message, suggestion = messages["pleading"]
        out.append(Issue(kind="pleading", start=start, end=end, message=message, suggestion=suggestion))
    named = [(i.start, i.end) for i in found if i.kind == "over_apology"]
    for start, end in put_downs(text):
        if _SARCASTIC_TAIL_RE.match(text, end):
            continue  # "Sorry I'm such a monster, right?" is scorn, not shame
        if not overlaps(start, end, [*named, *((i.start, i.end) for i in out)]):
            message, suggestion = messages["self_blame"]
            out.append(Issue(kind="self_blame", start=start, end=end, message=message, suggestion=suggestion))
    return out, pleas


_SARCASTIC_TAIL_RE: Final = re.compile(
    r"\s*,?\s*(?:right\s*\?|huh\s*\?|apparently|i\s+guess|obviously|lol|lmao|\U0001f644)", re.IGNORECASE
)


def sentences_of(text: str, acts: Sequence[TheirAct]) -> list[tuple[int, int]]:
    """The sentences of ``text`` that take on what the other person did (``acts``)."""
    if not acts:
        return []
    sentences = Sentences(text)
    return [sentences.bounds(act.start) for act in acts]
