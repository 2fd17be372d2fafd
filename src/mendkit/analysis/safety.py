"""The safety layer: crisis signals (always checked first) and the resources to show.

Built for recall: a missed crisis is the worst error Mend can make, so the crisis rules are broad and
are not silenced by quotation marks ("he said he'd hurt me" is danger reported, not a quote to
discount). Idioms ("this project is killing me") are excluded rule by rule.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Final, NamedTuple

from mendkit.analysis.crisis_replies import (
    clarifies,
    echoes,
    hedged_not_acting,
    invites,
    picked,
    sets_a_deadline,
)
from mendkit.analysis.crisis_youth import reads_young
from mendkit.analysis.text import inside, normalise, reported_spans, unwrap
from mendkit.errors import ConfigError
from mendkit.labels import CRISIS, LABELS
from mendkit.model import Evidence, Resource, Safety, TurnAnalysis

DEFAULT_REGION = "default"


ABUSE_KINDS = frozenset({"abuse_danger"})  # danger from someone else
SELF_KINDS = frozenset({"suicide", "self_harm", "harm_to_others"})  # the person's own thoughts

# What each crisis kind is, in words a reader of an analysis can take in ("may speak of ...").
KIND_WORDS = {"suicide": "suicide", "self_harm": "self-harm",
              "harm_to_others": "harming someone", "abuse_danger": "danger from someone else"}


@dataclass(frozen=True, slots=True)
class _Entry:
    resource: Resource
    topic: str  # emergency, self, abuse, youth or images
    only_on_topic: bool  # shown only when the crisis is of its topic, or of no known kind


@dataclass(frozen=True, slots=True)
class _Table:
    message: str
    abuse_message: str
    also_self_message: str
    young_message: str
    supporter_message: str
    regions: dict[str, tuple[_Entry, ...]]


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw = (importlib_resources.files("mendkit") / "rules" / "resources.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    regions = {
        str(region["code"]).upper(): tuple(
            _Entry(Resource(name=r["name"], contact=r["contact"], region=str(region["code"]),
                            note=r.get("note", "")),
                   topic=str(r["topic"]), only_on_topic=bool(r.get("only_on_topic", False)))
            for r in region["resources"]
        )
        for region in data["region"]
    }
    return _Table(str(data["message"]), str(data["abuse_message"]),
                  str(data["also_self_message"]), str(data["young_message"]),
                  str(data["supporter_message"]), regions)


def _topics(kinds: Iterable[str]) -> frozenset[str]:
    """The topics of crisis ``kinds``: none known means every topic."""
    found = {"abuse" for k in kinds if k in ABUSE_KINDS} | {"self" for k in kinds
                                                              if k in SELF_KINDS}
    return frozenset(found) or frozenset({"self", "abuse"})


# A number the contact says to call or text ("call 116 123", "call or text 988", "text HOME to
# 741741"): what mendkit.web.contacts makes a link of. Examples of an emergency number elsewhere
# ("for example 911, 999, 112 or 000") and guidance ("a doctor can tell you the one") are not.
_TO_CALL = re.compile(r"\b(?:call|text)(?: or text)? \+?\d|\btext [A-Z0-9]+ to \+?\d")


def _shown(entries: Sequence[_Entry], kinds: Iterable[str], *,
           images: bool = False, young: bool = False,
           adult: bool = False) -> tuple[Resource, ...]:
    """The resources to show for ``kinds``: the emergency number first, then, when someone else
    is the danger, the abuse lines; the line for children and young people after them, and with
    ``images`` the services that help get images taken down; with ``young`` (a young person) their
    line right after the emergency number when someone else is the danger (a child's line before
    an adult's domestic abuse line), and before the others' examples otherwise. Nothing is left
    out but abuse lines for the person's own thoughts, examples of another topic, image
    services when no images are spoken of, and the young people's line for a plain ``adult``.
    Within a topic, an entry with a number to call or text
    comes before one without (the general list's guidance, "a doctor can tell you the one"), so
    that a short screen shows a number to tap right after the emergency entry (round 18); a
    country's own list, whose entries all have one, keeps its order."""
    kinds = tuple(kinds)
    topics = _topics(kinds)
    abuse = any(k in ABUSE_KINDS for k in kinds)
    order = (("emergency", "youth", "abuse", "self", "images") if abuse and young
             else ("emergency", "abuse", "self", "youth", "images") if abuse
             else ("emergency", "self", "youth", "abuse", "images") if young
             else ("emergency", "self", "abuse", "youth", "images"))
    # The person's own thoughts (suicide, self-harm): no abuse lines, which are for danger from
    # someone else; with no kind known, every line.
    kept = [e for e in entries if (not e.only_on_topic or e.topic in topics)
            and (images or e.topic != "images")
            and (e.topic != "abuse" or "abuse" in topics)
            and not (adult and e.topic == "youth")]
    # A young person's line comes before any list of other countries' lines, which are only
    # examples (the general list: "I'm fifteen and ..." saw the children's line last, round 17).
    youth = order.index("youth")
    return tuple(e.resource for e in sorted(kept, key=lambda e: (
        youth + 0.5 if young and e.only_on_topic and order.index(e.topic) < youth
        else order.index(e.topic), not _TO_CALL.search(e.resource.contact))))


def regions() -> tuple[str, ...]:
    """The region codes Mend has resources for (``default`` first)."""
    return tuple(code.lower() if code == "DEFAULT" else code for code in _table().regions)


# ISO 3166-1 keeps these two-letter codes for private use: never a country, so never a place
# someone lives in (``XX`` and ``ZZ`` are the usual placeholders).
_NOT_COUNTRIES = frozenset({"AA", "ZZ", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
                            *(f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")})


# A locale as people copy it from LANG: en_US, de-DE, en_GB.UTF-8, de_DE@euro.
_LOCALE = re.compile(r"[A-Z]{2,3}[_-]([A-Z]{2})(?:\.[-\w]+)?(?:@\w+)?")


def _country(code: str) -> str:
    """The country part of a locale (``EN_US`` is ``US``); any other ``code`` as it is."""
    found = _LOCALE.fullmatch(code)
    return found.group(1) if found else code


def _region_code(region: object) -> str:
    """``region`` as a key of the resource table (``UK`` is ``GB``); a country Mend has no list
    for is ``DEFAULT``. Anything that is no country code raises ``ConfigError``."""
    if not isinstance(region, str):
        raise ConfigError(f"expected the region as a str such as 'US' or 'default', got "
                          f"{type(region).__name__}")
    code = _country(region.strip().upper())
    if code == "UK":
        code = "GB"
    if code in _table().regions:
        return code
    if len(code) == 2 and code.isascii() and code.isalpha() and code not in _NOT_COUNTRIES:
        return DEFAULT_REGION.upper()  # crisis resources are never withheld for want of a list
    known = ", ".join(regions())
    raise ConfigError(f"no crisis resources for region {region!r}; use one of: {known}")


def resources_for(region: str = DEFAULT_REGION, kinds: Iterable[str] = (), *,
                  images: bool = False, young: bool = False,
                  adult: bool = False) -> tuple[Resource, ...]:
    """The resources for ``region`` (an ISO country code such as ``US`` or ``GB``, or ``default``).

    A country Mend has no list for gets the general (``default``) list, which says to contact
    local emergency services. A locale is read as its country (``en_US`` is ``US``, ``de-DE`` is
    ``DE``). A region that is no country code (``Germany``, ``XX``), or one that is not a ``str``,
    raises ``ConfigError``.

    ``kinds`` are the crisis kinds found (``suicide``, ``abuse_danger``...): when someone else is
    the danger, the abuse lines come right after the emergency number (after the line for young
    people first, with ``young``); for the person's own thoughts only, the crisis lines and no
    abuse lines. With none known, every resource is shown. A line for children and young
    people is always in the list (after the
    others) unless the person plainly reads as an ``adult`` (``youth.reads_adult``: a carer who
    speaks of their husband, say), and is never left out for a ``young`` one; ``images`` (the
    words in crisis speak of pictures shared, threatened or demanded:
    ``about_images``) adds the services that help get them taken down, where Mend knows one.

    >>> resources_for("GB")[1].contact
    'call 116 123'
    >>> resources_for("GB", ["abuse_danger"])[1].contact
    'call 0808 2000 247'
    >>> resources_for("DE") == resources_for("default")
    True
    """
    return _shown(_table().regions[_region_code(region)], tuple(kinds), images=images,
                  young=young, adult=adult and not young)


def image_services(region: str = DEFAULT_REGION) -> tuple[Resource, ...]:
    """The services for ``region`` that help get nude or intimate images taken down (none
    where Mend knows of none).

    >>> [r.name for r in image_services("AU")]
    ['eSafety Commissioner']
    """
    return tuple(e.resource for e in _table().regions[_region_code(region)]
                 if e.topic == "images")


# Pictures, nudes, videos: the things a sextortion or image-abuse threat is about.
_PICTURES: Final = (r"(?:pics?|pix|pictures?|photos?|fotos?|images?|nudes?|nude (?:pics?|photos?)"
                    r"|videos?|vids?|selfies?|snaps?|intimate (?:images?|photos?|pictures?)"
                    r"|another one)")
_SHARED: Final = (r"(?:send\w*|sent|shar\w*|post\w*|leak\w*|upload\w*|spread\w*|show\w*"
                  r"|put (?:them |it )?(?:online|up)|publish\w*|expos\w*|forward\w*|screenshot\w*"
                  r"|ask\w* (?:me )?for|demand\w*|want\w* (?:more|me to send)|more|sees?|seen)")
_ABOUT_IMAGES: Final = re.compile(
    rf"\bnudes?\b|\bnude (?:pics?|photos?|pictures?|images?|videos?)\b|\bsextort\w*"
    rf"|\bintimate (?:images?|photos?|pictures?|videos?)\b"
    rf"|\b{_SHARED}\b[^.?!]{{0,50}}\b{_PICTURES}\b|\b{_PICTURES}\b[^.?!]{{0,50}}\b{_SHARED}\b")


def about_images(text: str) -> bool:
    """Whether ``text`` speaks of pictures (nudes, photos, videos) being shared, threatened or
    demanded: then the resources add the services that help get them taken down.

    >>> about_images("send more pics or i post the ones i have")
    True
    >>> about_images("he threw my phone at the wall")
    False
    """
    return _ABOUT_IMAGES.search(normalise(text)) is not None


# A threat or a demand with pictures: "or he sends it", "unless", "pay", "if i block her".
_THREAT: Final = re.compile(
    r"\bor (?:else|he|she|they|theyll|they'll|hell|he'll|shell|she'll|ill|i'll|i|it|them|ur|your"
    r"|everyone|every1)\b|\bunless\b|\bif (?:i|u|you) (?:don'?t|dont|do not|block|tell|stop)\b"
    r"|\bpay\b|\bpay up\b|[£$€]\s?\d|\b\d+\s?(?:quid|dollars|bucks|euros?)\b|\bmoney\b"
    r"|\bthreat\w*|\bblackmail\w*|\bsextort\w*|\bnudes?\b|\bintimate\b")


def image_threat(text: str) -> bool:
    """Whether ``text`` tells of pictures threatened, demanded with a threat, or nudes shared
    (``about_images`` with words of a threat, money or nudes): sextortion or image abuse, which
    no repair is coached for.

    >>> image_threat("now he says send 3 more or he sends it to my followers")
    True
    >>> image_threat("send me the pics from the party")
    False
    """
    said = normalise(text)
    return about_images(said) and _THREAT.search(said) is not None


def region_note(region: str) -> str | None:
    """What to tell the person when ``region`` is a country Mend has no list for; else None.

    >>> region_note("de")
    'Mend has no list for DE; showing general resources'
    """
    code = _region_code(region)
    if code == DEFAULT_REGION.upper() and region.strip().upper() != code:
        return f"Mend has no list for {_country(region.strip().upper())}; showing general resources"
    return None


def region_or_default(region: str) -> tuple[str, str | None]:
    """``region`` when Mend can read it, else ``default``; with what to tell the person (see
    ``region_note``), or None. For the places that show crisis resources to a person, where a
    region Mend cannot read must never keep them from showing.

    >>> region_or_default("germany")[0]
    'default'
    """
    try:
        note = region_note(region)
    except ConfigError:
        return DEFAULT_REGION, (f"Mend has no crisis resources for region {region!r}; showing "
                                f"general resources (the regions Mend knows: "
                                f"{', '.join(regions())})")
    return region, note


def with_region_note(message: str, region: str) -> str:
    """``message``, saying that the resources with it are the general ones when ``region`` is a
    country Mend has no list for: the JSON and the API say so where the terminal's note on
    stderr cannot be seen. A region Mend cannot read at all leaves ``message`` as it is (the
    places that show resources read it with ``region_or_default`` first).

    >>> with_region_note("", "NG")
    'Mend has no list of lines for NG yet, so these are general resources.'
    >>> with_region_note("Hello.", "GB")
    'Hello.'
    """
    try:
        if region_note(region) is None:
            return message
    except ConfigError:
        return message
    note = (f"Mend has no list of lines for {_country(region.strip().upper())} yet, so these are "
            f"general resources.")
    return f"{message} {note}" if message else note


def crisis_message(kinds: Iterable[str] = ()) -> str:
    """What Mend says to a person when it sees signs of crisis of ``kinds``: words for danger
    from someone else when that is what it sees, with those for suicide or self-harm when both
    are there; the general message when no kind is known or the kind is the person's own. Each
    ends with a sentence for a young person: they can tell an adult they trust.

    >>> "not your fault" in crisis_message(["abuse_danger"])
    True
    >>> "not your fault" in crisis_message(["suicide"])
    False
    """
    table = _table()
    kinds = tuple(kinds)
    if not any(k in ABUSE_KINDS for k in kinds):
        said = table.message
    elif any(k in SELF_KINDS for k in kinds):
        said = f"{table.abuse_message} {table.also_self_message}"
    else:
        said = table.abuse_message
    return f"{said} {table.young_message}"


def young_message() -> str:
    """The sentence every crisis message ends with, for a young person (no "tell a parent").

    >>> "an adult you trust" in young_message()
    True
    """
    return _table().young_message


def supporter_message() -> str:
    """What Mend says to someone answering a person who may not be safe (``mend check`` with the
    signs only in the message answered): how to help, and that they can talk to someone too.

    >>> "keep it a secret" in supporter_message()
    True
    """
    return _table().supporter_message


# Weak crisis rules: hints ("please don't tell him", "took my bank card") that count only with
# others, and can read as more than one kind.
_WEAK: Final = "rule:crisis/weak-"


# Rules that read a threat written to "you" ("I swear I'll slap you", "you know what happens if you
# tell anyone", "good. maybe now you'll learn"): danger from the writer to the one who reads it.
# In the writer's own draft (``mend check``) the same words are harm the writer may do.
_THREATS_TO_YOU: Final = frozenset({"rule:crisis/threat-to-you-01",
                                    "rule:crisis/abuse-veiled-threat-01",
                                    "rule:crisis/abuse-punish-after-01",
                                    "rule:crisis/threat-ex-01",
                                    "rule:crisis/abuse-threat-silence-01",
                                    "rule:crisis/abuse-escalation-01",
                                    # round 19: "if you ever take the kids... you'll regret it"
                                    "rule:crisis/abuse-kids-threat-01"})


def _own_threat(turn: TurnAnalysis, sign: Evidence) -> bool:
    """Whether ``sign`` is the writer of ``turn`` threatening "you" in their own words: a threat
    rule's sign outside reported speech ("My partner said 'I'll kill you if you leave'" is
    danger the writer reports, not theirs)."""
    if sign.source not in _THREATS_TO_YOU or sign.subtype not in ABUSE_KINDS:
        return False
    if turn.text[sign.start:sign.end] != sign.text:
        return False  # offsets that are not the turn's: no telling, so the kind stands
    return not inside(reported_spans(normalise(turn.text)), sign.start, sign.end)


def turn_kinds(turn: TurnAnalysis, *, writer: bool = False) -> tuple[str, ...]:
    """The crisis kinds of ``turn``, which decide the words and the order of the resources. Next
    to an explicit sign, one weak hint of another kind says nothing of its own ("he put his hands
    around my neck... please don't tell him" is danger from him, not self-harm); two weak rules of
    one kind are a sign of it, as they are when nothing else is there (``coach.safety_gate``
    weighs them the same way).

    ``writer``: ``turn`` is the words of the person Mend is talking to (a draft in ``mend
    check``), not a turn that someone in a conversation said to another. A threat they write to
    "you" ("I swear I'll slap you if you talk back to me") is then harm they may do
    (``harm_to_others``), not danger to them (``abuse_danger``)."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.subtype]
    if not any(not e.source.startswith(_WEAK) for e in signs):
        return turn.subtypes(CRISIS)

    def kind(e: Evidence) -> str:
        return "harm_to_others" if writer and _own_threat(turn, e) else e.subtype or ""

    hints: dict[str, set[str]] = {}
    for e in signs:
        if e.source.startswith(_WEAK):
            hints.setdefault(kind(e), set()).add(e.source)
    kinds: dict[str, None] = {}
    for e in signs:
        if not e.source.startswith(_WEAK) or len(hints[kind(e)]) >= 2:
            kinds.setdefault(kind(e), None)
    return tuple(kinds)


# The same person's next words right after a crisis sign (round 12). "honestly lately I'd be
# better off dead lol" / "haha same" / "no like actually. I've been thinking about it a lot.": the
# confirmation is part of the sign, though no rule reads it alone. Kept narrow: only the person's
# next turn, with at most one turn by someone else between, and only words that confirm or go on
# with what they said.
_CONFIRMS: Final = re.compile(
    r"\b(?:no|nah|nope)\W+(?:like\W+)?(?:actually|seriously|for real|fr|deadass)(?= *(?:[.!…]|$))"
    r"|\b(?:i'?m|im|i am) (?:being )?(?:dead |deadly |so |actually |really )?serious\b"
    r"(?! about (?!it\b|this\b|that\b))"
    r"|\b(?:i'?m |im |i am )?not (?:even )?(?:joking|kidding)\b|\bi (?:wasn'?t|was not) joking\b"
    r"|\bit'?s not (?:a |just a )?joke\b|\bno joke\b"
    r"|(?<!than )\bi (?:really |actually )?mean(?:t)? it(?= *(?:[.!,…]|$))"
    r"|\b(?:i'?ve|i have|ive|been|i keep|keep|i can'?t stop|can'?t stop) (?:been )?thinking about "
    r"(?:it|this|that|doing it) (?:a lot|loads|so much|for (?:a while|ages|weeks|months|a long time"
    r"|years)|every (?:day|night)|all the time|constantly|more and more|lately|recently|properly)\b"
    r"|\bi (?:have|'ve got|ve got|'ve made|made) a plan\b|\bi know how i'?d do it\b"
    # round 16: "like i dont want to be here anymore" / "not in a dramatic way lol i just. idk"
    r"|\bnot (?:in )?(?:a |an )?(?:dramatic|attention|edgy)(?: way| thing)?\b"
    r"|\b(?:i'?m|im|i am) not (?:being )?(?:dramatic|attention seeking)\b")
# "Honestly, not good." then, on the next line, "I don't really see the point anymore.": no point
# in anything, after a word of how low the person is (in one message the rule
# crisis/suicide-hopeless-02 reads it). Alone it may be about a job or a club: no sign.
_DISTRESS: Final = re.compile(
    r"\b(?:not (?:good|great|okay|ok|doing (?:well|good|great|okay|ok))|struggling"
    r"|(?:really|so|very|pretty|feeling) (?:low|down)|low lately|down lately|rough|awful|terrible"
    r"|exhausted|so tired|tired of (?:everything|it all|all of it)|numb|empty|hopeless"
    r"|can'?t cope|falling apart|depressed|so alone|lonely)\b")
_NO_POINT: Final = re.compile(
    r"\b(?:don'?t|do not|dont|can'?t|cant|cannot) (?:really |even |honestly )?see (?:the|any) point"
    r"(?: (?:anymore|any more|in anything|of anything|in any of it|of any of it|in it all"
    r"|of it all))?(?= *(?:[.!,…]|$|tbh|honestly|to be honest|really|at all))"
    # round 15: "There's no point to any of it." after "I'm just really struggling"
    r"|\b(?:there'?s |there is |theres )?no point (?:to|in|of) (?:any of (?:it|this)|it all|anything"
    r"|living|going on|carrying on)(?: (?:anymore|any more))?"
    r"(?= *(?:[.!,…]|$|tbh|honestly|to be honest|really|at all))"
    r"|\bwhat'?s the point (?:of|in|to) (?:any of (?:it|this)|it all|anything|living|going on)"
    r"(?= *(?:[.!?,…]|$))")
_NOT_ABOUT_LIFE: Final = re.compile(
    r"\b(?:job|work|notice|quit\w*|resign\w*|course|degree|diet|gym|club|team|band"
    r"|subscription|revis\w*|voting|arguing|the app|the game|season|league|meetings?|class"
    r"|lessons?|homework|uni|college|school|exams?|essays?|assignments?|wifi)\b")


# A direct question about safety (round 14): "Are you thinking about hurting yourself?" / "I don't
# know. Sometimes." The answer is the disclosure, though no rule reads "Sometimes." alone. Asking
# directly is what a worried person, a friend or a clinician should do; a yes, a hedge or an "I
# don't know" keeps the question open (the clinical reference, 7.3: a denial should not close a
# risk check, and less than a clear no is no denial). Two kinds of question: one where a yes is
# the danger (thoughts of suicide or self-harm, someone hurting them), and one where a yes is
# safety ("are you safe right now?", "do you feel safe at home?": a no or a hedge is the danger).
_YOU_HARM: Final = (
    r"(?:hurt\w*|harm\w*|cut\w*|kill\w*|end\w*|burn\w*|injur\w*|do something to|overdos\w*|"
    r"tak\w* (?:your own|your) life)")
_HARM_QUESTION: Final = re.compile(
    r"\b(?:are|were|have|do|did|had|r)\s+(?:you|u|ya)\s+(?:ever\s+|still\s+|been\s+|really\s+"
    r"|actually\s+|now\s+|again\s+|at all\s+)*(?:"
    rf"(?:thinking|thought|think|considering|considered|planning|planned|going|gonna|wanting|want"
    rf"|feel(?:ing)? like|had (?:any )?thoughts|having (?:any )?thoughts|urges?)\s+(?:about\s+|of\s+"
    rf"|to\s+|on\s+)?{_YOU_HARM}\s+(?:yourself|urself|your ?self|your (?:own )?life|it all)"
    r"|(?:thinking|thought|think|thoughts)\s+(?:about|of)\s+(?:suicide|dying|death|not being "
    r"(?:here|around|alive)|self[- ]?harm\w*|ending (?:it|things|everything))"
    r"|(?:hurting|harming|cutting|burning|injuring|starving)\s+(?:yourself|urself|your ?self)"
    r"|(?:hurt|harm|cut|burn)\w*\s+(?:yourself|urself|your ?self)\s+again"
    r"|(?:feeling\s+|felt\s+)?suicidal|self[- ]?harm\w*"
    r"|(?:want|wanting|wish|wished)\s+(?:to\s+)?(?:die|be dead|not (?:be )?(?:here|alive|around))"
    r"|(?:had|having|get|getting)\s+(?:any\s+)?(?:thoughts|urges)\s+(?:of|about|to))"
    r"|\b(?:thoughts|urges)\s+(?:of|about)\s+(?:suicide|killing yourself|ending your life"
    r"|hurting yourself|harming yourself|self[- ]?harm\w*|dying)\b[^.!]*\?"
    r"|\b(?:do|does)\s+(?:you|u)\s+(?:ever\s+|still\s+|sometimes\s+)*(?:hurt|harm|cut|burn)\s+"
    r"(?:yourself|urself|your ?self)"
    r"|\byou'?re\s+not\s+(?:thinking|planning|going)\s+(?:about|of|to|on)\s+[^.!?]{0,40}"
    r"(?:yourself|your life|suicide)[^.!?]*,\s*are you")
_ABUSE_QUESTION: Final = re.compile(
    r"\b(?:is|does|did|has|was|have)\s+(?:he|she|they|anyone|anybody|someone|somebody|your \w+"
    r"|(?!(?:i|it|that|this|what|we|you|the|work|school|there)\b)\w+)"
    r"\s+(?:ever\s+|still\s+|been\s+|really\s+)*(?:hurt\w*|hit\w*|beat\w*|push\w*|shov\w*|chok\w*"
    r"|strangl\w*|slap\w*|kick\w*|threat\w*|scar(?:e|es|ed|ing) you|frighten\w* you|forc\w*"
    r"|touch\w* you|laid a (?:hand|finger) on you|put (?:his|her|their) hands on you)\b"
    r"\s+you\b(?! (?:up|to|into|out|forward|on|with (?:the|a|his|her|that|this))\b)"
    r"|\bare\s+you\s+(?:ever\s+)?(?:scared|afraid|frightened|terrified)\s+(?:of|to go home|at home"
    r"|to be (?:at home|alone with)|when)\b")
_SAFE_QUESTION: Final = re.compile(
    r"\b(?:are|r)\s+(?:you|u)\s+(?:feeling\s+)?(?:safe|in (?:any )?danger)\b"
    r"|\b(?:do|does|did)\s+(?:you|u)\s+(?:feel|fell)\s+safe\b"
    r"|\b(?:will|would|are)\s+(?:you|u)\s+(?:going to\s+|gonna\s+)?be\s+safe\b"
    r"|\bis\s+it\s+safe\s+(?:for\s+you\s+)?(?:to\s+go\s+home|at\s+home|there|at\s+(?:his|hers|theirs))"
    r"|\bcan\s+you\s+(?:keep|stay)\s+(?:yourself\s+)?safe\b")
_IN_DANGER: Final = re.compile(r"\bin (?:any )?danger\b")
_ABUSE_WORDS: Final = re.compile(r"\b(?:at home|with (?:him|her|them)|go(?:ing)? home|around "
                                 r"(?:him|her|them))\b")
_SUICIDE_WORDS: Final = re.compile(r"\b(?:kill\w*|suicid\w*|end\w* (?:your|it|things|everything)"
                                   r"|die|dying|dead|death|life|not (?:be )?(?:here|alive|around)"
                                   r"|overdos\w*)\b")

# How an answer starts: a word or two of no, of yes, or of doubt (folded, fillers left out).
_ANSWER_FILLERS: Final = re.compile(
    r"^(?:(?:um+|uh+|hm+|er+|erm|well|oh|ah|honestly|tbh|ngl|i mean|like|so|ok|okay|lol|god"
    r"|dad|mum|mom|mate|babe|love)\b[\s,.!?…-]*)*")
_ANSWER_NO: Final = re.compile(
    r"(?:no+|nope|nah+|naw|never|not at all|of course not|definitely not|absolutely not|god no"
    r"|hell no|not me|no way|(?:i'?m|im|i am) not\b(?! (?:sure|certain|really|always|safe|ok|okay"
    r"|fine|good|alright)\b)|(?:i'?m|im|i am) (?:fine|ok|okay|good|alright|safe))\b")
_ANSWER_YES: Final = re.compile(
    r"(?:y+e+s+|y+e+a+h*|yep|yup|ya+|yh|ye+|aye|i do|i am|i have|i did|i was|i think so"
    r"|i'?ve been|i have been|i guess|i suppose|every (?:day|night)|all the time|a lot|lots|often"
    r"|most (?:days|nights)|at night|lately|recently|more than|too much|constantly|always"
    r"|he does|she does|they do|he is|she is|he has|she has|he did|she did)\b")
# Doubt anywhere in the answer: less than a clear no, and a yes of a kind.
_ANSWER_DOUBT: Final = re.compile(
    r"\b(?:sometimes|somtimes|some times|maybe|perhaps|possibly|probably|kind of|kinda|sort of"
    r"|sorta|a (?:bit|little|lil)|a little bit|not (?:really|rly|always|sure|certain|anymore"
    r"|any more|exactly|totally|completely|when|at home|with him|with her|tonight)|unsure"
    r"|(?:don'?t|dont|do not) know(?! (?:why|what you|where you|how you))|dunno|idk|no idea"
    r"|i don'?t think so|hard to say|depends|now and (?:then|again)|on and off|once or twice"
    r"|at times|occasionally|used to|mostly|more than i'?d like|i guess|i suppose|i think so"
    r"|i can'?t (?:say|promise)|not as much|less than (?:before|i did))\b")
_FOLLOW_UP_OFFER: Final = re.compile(
    r"\b(?:do you want (?:me|us)|want me to|should i|shall i|can i|could i|would you like"
    r"|do you need (?:me|anything)|are you hungry)\b")


def _question_kind(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The safety question ``text`` asks, if any: ``("harm", kinds)`` where a yes is the danger,
    ``("safe", kinds)`` where a yes is safety; the kinds are those the question is about (none
    for a plain "are you safe?")."""
    low = normalise(unwrap(text))
    if (found := _HARM_QUESTION.search(low)) is not None:
        words = low[found.start():found.end() + 30]
        kind = "suicide" if _SUICIDE_WORDS.search(words) else "self_harm"
        return "harm", (kind,)
    if _ABUSE_QUESTION.search(low) is not None:
        return "harm", ("abuse_danger",)
    if (found := _SAFE_QUESTION.search(low)) is not None:
        rest = low[found.start():found.end() + 40]
        return "safe", (("abuse_danger",) if _ABUSE_WORDS.search(rest) else ())
    return None


def _answer(text: str, *, safe_question: bool = False) -> str | None:
    """How ``text`` answers a yes-or-no question: ``"no"`` (a clear no: "no, not at all", "no,
    I'm okay, just tired"), ``"doubt"`` ("I don't know. Sometimes.", "kind of", "no, but
    sometimes"), ``"yes"`` ("yeah. at night mostly", "more than I'd like"), or None (no answer
    to it: "why do you ask?"). ``safe_question``: the question asks whether the person is safe,
    so "I'm safe" or "I'm okay" is a yes, and "I'm not safe" a no."""
    low = _ANSWER_FILLERS.sub("", normalise(unwrap(text)).strip())
    if _ANSWER_DOUBT.search(low):
        return "doubt"
    if safe_question and (found := _ANSWER_SAFE.match(low)) is not None:
        return "no" if found.group(1) else "yes"
    if _ANSWER_NO.match(low):
        return "no"
    if _ANSWER_YES.match(low):
        return "yes"
    return None


# To "are you safe?": "I'm safe", "we're okay", "i am fine now", and with a "not" a no.
_ANSWER_SAFE: Final = re.compile(
    r"(?:i'?m|im|i am|i feel|we'?re|were|we are|i'?ll be|ill be)\s+(not\s+|n't\s+)?"
    r"(?:really\s+|totally\s+|completely\s+)?(?:safe|fine|ok|okay|alright|all right|good)\b")


def _answered(turns: Sequence[TurnAnalysis], position: int,
              carried: Mapping[int, tuple[str, ...]],
              asked: dict[int, str]) -> tuple[str, ...] | None:
    """The crisis kinds of turns[``position``] as the answer to a safety question put to its
    speaker since their last turn ("Are you thinking about hurting yourself?" / "I don't know.
    Sometimes."), or to a follow-up question after such an answer or a crisis sign of theirs
    ("Sometimes?" / "Yeah. At night mostly.", "like dont want to be here as in school or as in
    here here" / "the second one"); None where it is no such answer, or a clear no. ``asked``
    records how each answer was read (the question's kind), for the follow-ups.

    To "are you safe?" a plain "I'm safe" or "I'm okay" is a yes, not a no (round 16: "I'm safe.
    I don't mean I'd do anything." answering "Are you safe right now?" was read as danger). A
    follow-up that offers two readings ("as in school or as in here here") is answered by the one
    the answer picks ("the second one"): one about a thing (school, a job) is no sign."""
    turn = turns[position]
    others: list[TurnAnalysis] = []
    for before in reversed(turns[max(0, position - _REACH):position]):
        if before.speaker == turn.speaker:
            break
        others.append(before)
    if not others:
        return None
    for question in others:  # the latest safety question first
        if (found := _question_kind(question.text)) is not None:
            polarity, kinds = found
            reply = _answer(turn.text, safe_question=polarity == "safe")
            if reply is None:
                return None
            danger = reply != "no" if polarity == "harm" else reply != "yes"
            if danger:
                asked[turn.index] = polarity
            return kinds if danger else None
    follow_up = others[0]
    low = normalise(unwrap(follow_up.text))
    if (("?" not in low and not clarifies(low)) or _FOLLOW_UP_OFFER.search(low)
            or invites(low)):
        return None
    own = [b for b in turns[max(0, position - 2 * _REACH):position]
           if b.speaker == turn.speaker]
    if not own:
        return None
    last = own[-1]  # the follow-up asks about the person's last words: a sign, or none
    if last.index in carried:
        polarity = asked.get(last.index, "harm")
        kinds = carried[last.index]
    elif _rule_sign(last):
        polarity, kinds = "harm", turn_kinds(last)
    else:
        return None
    reading = picked(follow_up.text, turn.text)
    if reading is not None:
        if _about_a_thing(reading):
            return None
        asked[turn.index] = polarity
        return kinds
    reply = _answer(turn.text)
    if reply is None:
        return None
    danger = reply != "no" if polarity == "harm" else reply != "yes"
    if danger:
        asked[turn.index] = polarity
        return kinds
    return None


def _rule_sign(turn: TurnAnalysis) -> bool:
    """Whether a rule (not the model alone, nor the turns around it) found a crisis sign in
    ``turn``."""
    return CRISIS in turn.labels and any(e.label == CRISIS and e.source.startswith("rule:")
                                         for e in turn.evidence)


def from_context(turn: TurnAnalysis) -> bool:
    """Whether ``turn``'s crisis label was read from the turns around it (``with_context_signs``)
    and no rule found it in the turn's own words (the model may have read it too)."""
    sources = [e.source for e in turn.evidence if e.label == CRISIS]
    return (any(s.startswith(CONTEXT_SOURCE) for s in sources)
            and not any(s.startswith("rule:") for s in sources))


def _about_a_thing(text: str) -> bool:
    """Whether ``text`` is about a job, a club, a course... ("the team lost again"): low about a
    thing, not about life."""
    return _NOT_ABOUT_LIFE.search(normalise(text)) is not None


# How far back the same person's words still go on with a turn: their last few turns among the
# three before it (a line of their own, or a short "oh no" / "what's up?" from someone else, may
# come between; chat messages come in pieces).
_REACH: Final = 3


# The source of a crisis sign read from the turns around a turn (``_carried``): an answer to a
# safety question, a confirmation of a sign just before it. Neither a rule's (``rule:``) nor the
# model's (``model:``).
CONTEXT_SOURCE: Final = "context:"
CONTEXT_SIGN: Final = f"{CONTEXT_SOURCE}goes on with a crisis sign or answers a safety question"
CONTEXT_SCORE: Final = 0.9  # as sure as a crisis rule (their default weight)


class _Carried(NamedTuple):
    """A turn read as a crisis sign from the turns around it: its kinds, and why (the source its
    evidence names)."""

    kinds: tuple[str, ...]
    source: str


# Crisis kinds a deadline goes on with ("You have until Sunday." after the same person's threat).
_THREAT_KINDS: Final = frozenset({"abuse_danger", "harm_to_others"})

# Crisis kinds another person's "same" or "me too" can agree with: their own suicidal thoughts,
# self-harm, or someone hurting them (not a threat to harm someone).
_ECHOED_KINDS: Final = frozenset({"suicide", "self_harm", "abuse_danger"})


def _carried(turns: Sequence[TurnAnalysis]) -> dict[int, tuple[str, ...]]:
    """The turns (by index, with their crisis kinds) that no rule reads as a crisis alone but that
    go on with one (``_carried_signs``)."""
    return {index: carried.kinds for index, carried in _carried_signs(turns).items()}


def _carried_signs(turns: Sequence[TurnAnalysis]) -> dict[int, _Carried]:
    """The turns that no rule reads as a crisis alone but that go on with one (a crisis only the
    model read counts as none: the turns around it give its kinds): a turn that confirms a crisis
    sign by the same person among the three turns before it ("I'm serious", "I've been thinking
    about it a lot", "not in a dramatic way"), or says it would not act with a hedge ("i wouldnt do
    anything. probably"), or says there is no point anymore after such a sign or a word of
    distress ("Honestly, not good.") that is not about a thing ("not great, the team lost
    again"); an answer that is less than a clear no to a safety question put to the person ("Are
    you thinking about hurting yourself?" / "I don't know. Sometimes."), or a yes to a follow-up
    after it or after a sign of theirs ("Sometimes?" / "Yeah.", ``_answered``); and a second
    person's "same" or "me too" right after another's sign of suicide, self-harm or danger that
    is not about a thing (round 16: "i dont want to be here anymore" / "same lol": how young
    people disclose to each other), whose evidence says whom it agrees with; and a deadline
    after the same person's threat ("pack your things. Not under my roof." / "You have until
    Sunday.", round 18). A yes to an invitation ("brunch sunday? my treat") answers no question
    about an earlier sign."""
    carried: dict[int, _Carried] = {}
    kinds_of: dict[int, tuple[str, ...]] = {}  # the same, for ``_answered``
    asked: dict[int, str] = {}

    def carry(turn: TurnAnalysis, kinds: tuple[str, ...], source: str = CONTEXT_SIGN) -> None:
        carried[turn.index] = _Carried(kinds, source)
        kinds_of[turn.index] = kinds

    for position, turn in enumerate(turns):
        if _rule_sign(turn) or position == 0:
            continue
        if (answer := _answered(turns, position, kinds_of, asked)) is not None:
            carry(turn, answer)
            continue
        recent = turns[max(0, position - _REACH):position]
        own = [b for b in recent if b.speaker == turn.speaker]
        signs = [b for b in own if _rule_sign(b) or b.index in carried]
        text = normalise(unwrap(turn.text))
        if signs and (_CONFIRMS.search(text) or hedged_not_acting(text)):
            last = signs[-1]
            carry(turn, kinds_of.get(last.index) or turn_kinds(last))
        elif signs and sets_a_deadline(text) and (
                threats := tuple(k for k in (kinds_of.get(signs[-1].index)
                                             or turn_kinds(signs[-1]))
                                 if k in _THREAT_KINDS)):
            carry(turn, threats)  # "pack your things" / "You have until Sunday." (round 18)
        elif (_NO_POINT.search(text) and not _NOT_ABOUT_LIFE.search(text)
              and (signs or any(_DISTRESS.search(normalise(unwrap(b.text)))
                                and not _about_a_thing(b.text) for b in own))):
            carry(turn, ("suicide",))
        elif not signs and echoes(text):
            theirs = [b for b in recent if b.speaker != turn.speaker
                      and (_rule_sign(b) or b.index in carried)]
            if not theirs:
                continue
            sign = theirs[-1]
            kinds = tuple(k for k in (kinds_of.get(sign.index) or turn_kinds(sign))
                          if k in _ECHOED_KINDS)
            if kinds and not _about_a_thing(sign.text):
                carry(turn, kinds, f"{CONTEXT_SOURCE}agrees with another person's crisis sign "
                                   f"just before it (turn {sign.index}, {sign.speaker})")
    return carried


def with_context_signs(turns: Sequence[TurnAnalysis]) -> list[TurnAnalysis]:
    """``turns``, each one that ``assess`` counts as a crisis sign from the turns around it
    (``_carried_signs``: "I'm serious", "Sometimes." to "are you thinking about hurting
    yourself?", "same lol" after another's sign) labelled ``risk.crisis`` with the kinds read,
    its evidence the whole turn, from ``CONTEXT_SIGN`` (or, for agreeing with another person's
    sign, a source that names whose): a turn in ``Safety.turns`` carries the label, so a reader
    who filters turns by label misses none. A crisis only the model read gets the same evidence
    when the turns around it read it too (it is then a sign the episodes count). ``assess`` reads
    the labelled turns as it read them before."""
    carried = _carried_signs(turns)
    out: list[TurnAnalysis] = []
    for turn in turns:
        found = carried.get(turn.index)
        text = turn.text
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        if (found is None or start >= end or _rule_sign(turn)
                or any(e.label == CRISIS and e.source.startswith(CONTEXT_SOURCE)
                       for e in turn.evidence)):
            out.append(turn)
            continue
        signs = tuple(Evidence(label=CRISIS, subtype=kind, start=start, end=end,
                               text=text[start:end], source=found.source, score=CONTEXT_SCORE)
                      for kind in (found.kinds or (None,)))
        labels = tuple(label for label in LABELS if label in turn.labels or label == CRISIS)
        scores = {label: (max(turn.scores.get(label, 0.0), CONTEXT_SCORE) if label == CRISIS
                          else turn.scores[label])
                  for label in LABELS if label in turn.scores or label == CRISIS}
        out.append(replace(turn, labels=labels, scores=scores,
                           evidence=(*turn.evidence, *signs)))
    return out


# "you" in or just after a sign of harm to others: the threat is aimed at the one who reads it.
_AT_YOU: Final = re.compile(r"\b(?:you|u|ya|yourself|your|ur|yours)\b")
_AT_YOU_AFTER: Final = 12  # characters after the sign's span ("i'll kill" / " you")


def _threatens_the_other(turn: TurnAnalysis, turns: Sequence[TurnAnalysis]) -> bool:
    """Whether ``turn`` holds a sign of harm to others aimed at "you" ("If you keep me from them
    you'll regret it. I know where you live.") in its writer's own words, in a conversation
    where someone else speaks: that someone is in danger from the writer."""
    if not any(t.speaker != turn.speaker for t in turns):
        return False
    norm = normalise(turn.text)
    for sign in turn.evidence:
        if (sign.label != CRISIS or sign.subtype != "harm_to_others"
                or sign.source.startswith(_WEAK) or turn.text[sign.start:sign.end] != sign.text):
            continue
        if (_AT_YOU.search(norm, sign.start, min(len(norm), sign.end + _AT_YOU_AFTER))
                and not inside(reported_spans(norm), sign.start, sign.end)):
            return True
    return False


def assess(turns: Sequence[TurnAnalysis], region: str = DEFAULT_REGION, *,
           writer: bool = False) -> Safety:
    """Summarise the crisis signals of analysed turns into a ``Safety`` with resources.

    Its turns are those with a crisis label, and those that go on with a sign just before them by
    the same person (``_carried``): a confirmation, or "I don't see the point anymore" after
    "not good"; and answers to a safety question that are no clear no ("Sometimes.").
    ``writer``: the turns are the words of the person Mend is talking to (a draft they check), so
    a threat they write to "you" is harm they may do (see ``turn_kinds``). Else a threat in a
    conversation to harm "you", the other person in it, also shows the lines for danger from
    someone else (``_threatens_the_other``); the kinds stay as the rules found them."""
    carried = _carried(turns)
    flagged = tuple(t.index for t in turns if CRISIS in t.labels or t.index in carried)
    if not flagged:
        return Safety(crisis=False)
    kinds: dict[str, None] = {}
    for t in turns:
        for subtype in (carried[t.index] if t.index in carried
                        else turn_kinds(t, writer=writer)):
            kinds.setdefault(subtype, None)
    images = any(about_images(t.text) for t in turns if t.index in flagged)
    # A threat to harm "you" in a conversation puts the one it is written to in danger from its
    # writer: the help shown includes the lines for danger from someone else (round 15).
    shown = ((*kinds, "abuse_danger") if not writer and "abuse_danger" not in kinds
             and any(_threatens_the_other(t, turns) for t in turns if t.index in flagged)
             else tuple(kinds))
    young = reads_young(t for t in turns if t.index in flagged)
    return Safety(crisis=True, turns=flagged, kinds=tuple(kinds),
                  message=with_region_note(crisis_message(kinds), region),
                  resources=resources_for(region, shown, images=images, young=young))


def assess_last(turns: Sequence[TurnAnalysis], region: str = DEFAULT_REGION) -> Safety:
    """The crisis signals of the last of ``turns`` (a draft in ``mend check``, after the messages
    it answers): its own, or, with none, its going on with a sign of its writer's or answering a
    safety question put to them ("Are you thinking about hurting yourself?" / "Sometimes.")."""
    last = turns[-1]
    own = assess([last], region)
    kinds = None if own.crisis else _carried(turns).get(last.index)
    if kinds is None:
        return own
    return Safety(crisis=True, turns=(last.index,), kinds=kinds, message=crisis_message(kinds),
                  resources=resources_for(region, kinds, young=reads_young(turns)))


# What a turn flagged by the model alone may speak of: no words in it say which kind.
_MODEL_READ: Final = "suicide, self-harm or danger from someone else"


def _words_for(kinds: Sequence[str], *, several: bool = False) -> str:
    words = list(dict.fromkeys(KIND_WORDS[k] for k in kinds if k in KIND_WORDS))
    if not words:
        # Only the model read it, and it names no kind (round 16: a Scots suicide message was
        # said to speak of "danger or harm", with the abuse lines first).
        them, signs = ("them", "possible signs") if several else ("it", "a possible sign")
        return f"{_MODEL_READ} (Mend's model read {them} as {signs}; no words in {them} say which)"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _kindless(safety: Safety, turns: Sequence[TurnAnalysis]) -> tuple[int, ...]:
    """The turns of ``safety`` that no sign names a kind for (only the model read them), as
    ``assess`` reads the kinds of each: its own signs, or those of the turns it goes on with."""
    carried = _carried(turns)
    by_index = {t.index: t for t in turns}
    return tuple(i for i in safety.turns if i in by_index
                 and not (carried[i] if i in carried else turn_kinds(by_index[i])))


def alert_parts(safety: Safety, speakers: Mapping[int, str],
                turns: Sequence[TurnAnalysis] = ()) -> tuple[tuple[str, int | None], ...]:
    """``turns_alert``'s words in parts, each with the turn it names (None for the words
    between): the terminal joins them, the web timeline makes each turn a link to it. With the
    analysed ``turns``, a turn only the model read (no kind) is not said to speak of the kinds
    the other turns' signs name (round 19: "I just want God to take me" was said to speak of
    danger from someone else, beside a threat in another turn): the known kinds are said of
    their turns, and "suicide, self-harm or danger from someone else" of that one.

    >>> parts = alert_parts(Safety(crisis=True, turns=(2,), kinds=("suicide",)), {2: "Sam"})
    >>> "".join(text for text, _ in parts)[:34], [i for _, i in parts if i is not None]
    ('Turn 2 (Sam) may speak of suicide.', [2])
    """
    if not safety.crisis or not safety.turns:
        return ()
    unknown = _kindless(safety, turns) if turns else ()
    known = tuple(i for i in safety.turns if i not in unknown)
    groups = ([(known, _words_for(safety.kinds)),
               (unknown, _words_for((), several=len(unknown) > 1))] if known and unknown
              and safety.kinds else
              [(safety.turns, _words_for(safety.kinds, several=len(safety.turns) > 1))])
    parts: list[tuple[str, int | None]] = []
    for number, (which, words) in enumerate(groups):
        if number:
            parts.append((", and ", None))
        for at, i in enumerate(which):
            if at:
                parts.append((" and " if at == len(which) - 1 else ", ", None))
            turn = "Turn" if not parts else "turn"
            parts.append((f"{turn} {i} ({speakers[i]})" if i in speakers else f"{turn} {i}", i))
        parts.append((f" may speak of {words}", None))
    them = "it" if len(safety.turns) == 1 else "them"
    parts.append((f". Read {them} with care. If anyone in this conversation, you included, may "
                  "not be safe, these can help:", None))
    return tuple(parts)


def turns_alert(safety: Safety, speakers: Mapping[int, str],
                turns: Sequence[TurnAnalysis] = ()) -> str:
    """What an analysis says about its crisis signs: the turns and who spoke them, and what they
    may speak of (``alert_parts``, which the web timeline shows too). The reader may be a
    therapist reading a client's words, not the person at risk, so it names the turns rather
    than saying "you"; the resources still follow it.

    >>> turns_alert(Safety(crisis=True, turns=(7, 9), kinds=("suicide",)),
    ...             {7: "Client", 9: "Client"})[:59]
    'Turn 7 (Client) and turn 9 (Client) may speak of suicide. R'
    """
    return "".join(text for text, _ in alert_parts(safety, speakers, turns))


def added_note(safety: Safety) -> str:
    """What ``safety.message`` says beyond the words for a crisis (such as turns Mend cannot
    read), or ""."""
    if not safety.crisis:
        return safety.message
    return safety.message.removeprefix(crisis_message(safety.kinds)).strip()
