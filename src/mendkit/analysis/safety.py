"""The safety layer: crisis signals (always checked first) and the resources to show.

Built for recall: a missed crisis is the worst error Mend can make, so the crisis rules are broad and
are not silenced by quotation marks ("he said he'd hurt me" is danger reported, not a quote to
discount). Idioms ("this project is killing me") are excluded rule by rule.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Final

from mendkit.analysis.text import inside, normalise, reported_spans
from mendkit.errors import ConfigError
from mendkit.labels import CRISIS
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
    topic: str  # emergency, self or abuse
    only_on_topic: bool  # shown only when the crisis is of its topic, or of no known kind


@dataclass(frozen=True, slots=True)
class _Table:
    message: str
    abuse_message: str
    also_self_message: str
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
                  str(data["also_self_message"]), regions)


def _topics(kinds: Iterable[str]) -> frozenset[str]:
    """The topics of crisis ``kinds``: none known means every topic."""
    found = {"abuse" for k in kinds if k in ABUSE_KINDS} | {"self" for k in kinds
                                                              if k in SELF_KINDS}
    return frozenset(found) or frozenset({"self", "abuse"})


def _shown(entries: Sequence[_Entry], kinds: Iterable[str]) -> tuple[Resource, ...]:
    """The resources to show for ``kinds``: the emergency number first, then, when someone else
    is the danger, the abuse lines; nothing is left out but examples of another topic."""
    kinds = tuple(kinds)
    topics = _topics(kinds)
    order = (("emergency", "abuse", "self") if any(k in ABUSE_KINDS for k in kinds)
             else ("emergency", "self", "abuse"))
    kept = [e for e in entries if not e.only_on_topic or e.topic in topics]
    return tuple(e.resource for e in sorted(kept, key=lambda e: order.index(e.topic)))


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


def resources_for(region: str = DEFAULT_REGION, kinds: Iterable[str] = ()) -> tuple[Resource, ...]:
    """The resources for ``region`` (an ISO country code such as ``US`` or ``GB``, or ``default``).

    A country Mend has no list for gets the general (``default``) list, which says to contact
    local emergency services. A locale is read as its country (``en_US`` is ``US``, ``de-DE`` is
    ``DE``). A region that is no country code (``Germany``, ``XX``), or one that is not a ``str``,
    raises ``ConfigError``.

    ``kinds`` are the crisis kinds found (``suicide``, ``abuse_danger``...): when someone else is
    the danger, the abuse lines come right after the emergency number. With none known, every
    resource is shown.

    >>> resources_for("GB")[1].contact
    'call 116 123'
    >>> resources_for("GB", ["abuse_danger"])[1].contact
    'call 0808 2000 247'
    >>> resources_for("DE") == resources_for("default")
    True
    """
    return _shown(_table().regions[_region_code(region)], tuple(kinds))


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


def crisis_message(kinds: Iterable[str] = ()) -> str:
    """What Mend says to a person when it sees signs of crisis of ``kinds``: words for danger
    from someone else when that is what it sees, with those for suicide or self-harm when both
    are there; the general message when no kind is known or the kind is the person's own.

    >>> "not your fault" in crisis_message(["abuse_danger"])
    True
    >>> "not your fault" in crisis_message(["suicide"])
    False
    """
    table = _table()
    kinds = tuple(kinds)
    if not any(k in ABUSE_KINDS for k in kinds):
        return table.message
    if any(k in SELF_KINDS for k in kinds):
        return f"{table.abuse_message} {table.also_self_message}"
    return table.abuse_message


# Weak crisis rules: hints ("please don't tell him", "took my bank card") that count only with
# others, and can read as more than one kind.
_WEAK: Final = "rule:crisis/weak-"


# Rules that read a threat written to "you" ("I swear I'll slap you", "you know what happens if you
# tell anyone", "good. maybe now you'll learn"): danger from the writer to the one who reads it.
# In the writer's own draft (``mend check``) the same words are harm the writer may do.
_THREATS_TO_YOU: Final = frozenset({"rule:crisis/threat-to-you-01",
                                    "rule:crisis/abuse-veiled-threat-01",
                                    "rule:crisis/abuse-punish-after-01"})


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
    r"|\bi (?:have|'ve got|ve got|'ve made|made) a plan\b|\bi know how i'?d do it\b")
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
    r"|of it all))?(?= *(?:[.!,…]|$|tbh|honestly|to be honest|really|at all))")
_NOT_ABOUT_LIFE: Final = re.compile(
    r"\b(?:job|work|notice|quit\w*|resign\w*|course|degree|diet|gym|club|team|band"
    r"|subscription|revis\w*|voting|arguing|the app|the game|season|league|meetings?|class"
    r"|lessons?|homework|uni|college|school)\b")


def _rule_sign(turn: TurnAnalysis) -> bool:
    """Whether a rule (not the model alone) found a crisis sign in ``turn``."""
    return CRISIS in turn.labels and not turn.model_only(CRISIS)


def _about_a_thing(text: str) -> bool:
    """Whether ``text`` is about a job, a club, a course... ("the team lost again"): low about a
    thing, not about life."""
    return _NOT_ABOUT_LIFE.search(normalise(text)) is not None


# How far back the same person's words still go on with a turn: their last few turns among the
# three before it (a line of their own, or a short "oh no" / "what's up?" from someone else, may
# come between; chat messages come in pieces).
_REACH: Final = 3


def _carried(turns: Sequence[TurnAnalysis]) -> dict[int, tuple[str, ...]]:
    """The turns (by index, with their crisis kinds) that no rule reads as a crisis alone but that
    go on with one: a turn that confirms a crisis sign by the same person among the three turns
    before it ("I'm serious", "I've been thinking about it a lot"), or says there is no point
    anymore after such a sign or a word of distress ("Honestly, not good.") that is not about a
    thing ("not great, the team lost again")."""
    carried: dict[int, tuple[str, ...]] = {}
    for position, turn in enumerate(turns):
        if CRISIS in turn.labels or position == 0:
            continue
        own = [b for b in turns[max(0, position - _REACH):position] if b.speaker == turn.speaker]
        if not own:
            continue
        signs = [b for b in own if _rule_sign(b) or b.index in carried]
        text = normalise(turn.text)
        if signs and _CONFIRMS.search(text):
            last = signs[-1]
            carried[turn.index] = carried.get(last.index) or turn_kinds(last)
        elif (_NO_POINT.search(text) and not _NOT_ABOUT_LIFE.search(text)
              and (signs or any(_DISTRESS.search(normalise(b.text)) and not _about_a_thing(b.text)
                                for b in own))):
            carried[turn.index] = ("suicide",)
    return carried


def assess(turns: Sequence[TurnAnalysis], region: str = DEFAULT_REGION, *,
           writer: bool = False) -> Safety:
    """Summarise the crisis signals of analysed turns into a ``Safety`` with resources.

    Its turns are those with a crisis label, and those that go on with a sign just before them by
    the same person (``_carried``): a confirmation, or "I don't see the point anymore" after
    "not good". ``writer``: the turns are the words of the person Mend is talking to (a draft
    they check), so a threat they write to "you" is harm they may do (see ``turn_kinds``)."""
    carried = _carried(turns)
    flagged = tuple(t.index for t in turns if CRISIS in t.labels or t.index in carried)
    if not flagged:
        return Safety(crisis=False)
    kinds: dict[str, None] = {}
    for t in turns:
        for subtype in (carried[t.index] if t.index in carried
                        else turn_kinds(t, writer=writer)):
            kinds.setdefault(subtype, None)
    return Safety(crisis=True, turns=flagged, kinds=tuple(kinds), message=crisis_message(kinds),
                  resources=resources_for(region, kinds))


def _words_for(kinds: Sequence[str]) -> str:
    words = list(dict.fromkeys(KIND_WORDS[k] for k in kinds if k in KIND_WORDS))
    if not words:
        return "danger or harm"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def turns_alert(safety: Safety, speakers: Mapping[int, str]) -> str:
    """What an analysis says about its crisis signs: the turns and who spoke them, and what they
    may speak of. The reader may be a therapist reading a client's words, not the person at
    risk, so it names the turns rather than saying "you"; the resources still follow it.

    >>> turns_alert(Safety(crisis=True, turns=(7, 9), kinds=("suicide",)),
    ...             {7: "Client", 9: "Client"})[:59]
    'Turn 7 (Client) and turn 9 (Client) may speak of suicide. R'
    """
    if not safety.crisis or not safety.turns:
        return ""
    named = [f"turn {i} ({speakers[i]})" if i in speakers else f"turn {i}" for i in safety.turns]
    which = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    them = "it" if len(named) == 1 else "them"
    return (f"{which[0].upper()}{which[1:]} may speak of {_words_for(safety.kinds)}. Read {them} "
            "with care. If anyone in this conversation, you included, may not be safe, these can "
            "help:")


def added_note(safety: Safety) -> str:
    """What ``safety.message`` says beyond the words for a crisis (such as turns Mend cannot
    read), or ""."""
    if not safety.crisis:
        return safety.message
    return safety.message.removeprefix(crisis_message(safety.kinds)).strip()
