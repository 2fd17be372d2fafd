"""The safety gate: every free-text answer passes the safety detector before the coach moves on.

Crisis signs (suicide, self-harm, harm to others) stop the flow; signs of abuse or danger from the
other person stop the *repair* coaching. The driver sends the returned event instead of the answer.

Some answers are no crisis in a message of their own but are signs of danger when they answer the
coach's questions about the person a repair is for: fear of them ("he gets scary when he drinks",
"walking on eggshells around her"), their physical harm or threats ("he grabs my wrist so hard it
leaves bruises", "gf keeps slapping me", "hes gonna hurt me") and blaming myself for their
anger or harm ("it's my fault he gets like that", "I made you hit me", "I deserve it", "it's my
fault he screams at me all the time"). Owning my part never includes owning someone else's anger
or violence, so these stop the repair coaching too (``ABUSE``).

At work the abuse stop, with its safety plan, is for harm to the body: blaming myself for a
manager's temper ("it's my fault she lost her temper") goes on, and the draft leaves that blame
out (``mendkit.coach.self_blame``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.coach.care_withheld import withholds_care
from mendkit.coach.harm_words import PLAIN_HARM
from mendkit.coach.machine import EventType
from mendkit.coach.risk_words import may_tell_of_risk
from mendkit.labels import CRISIS
from mendkit.model import Conversation, TurnAnalysis

# A weak injury word ("bruises", "my arm", "stitches") next to signs of abuse tells of what
# someone else did: it is no self-harm signal of its own.
_WEAK_INJURY: Final = "rule:crisis/weak-injury-"
# Any weak rule: a hint ("bank card", "funeral", "numb") that counts only with others.
_WEAK: Final = "rule:crisis/weak-"
_RULE: Final = "rule:"
# Crisis kinds that tell of harm from the writer or someone else rather than to the writer's self.
_THREAT_KINDS: Final = frozenset({"harm_to_others", "abuse_danger"})
# "You" in any spelling ("your", "yourself", "you'll", texting's "u", "ur", "ya"; not "young"),
# except as the one who acts in a condition: "If you tell anyone he'll kill me" threatens the writer.
_TO_YOU: Final = re.compile(
    r"(?<!\bif )(?<!\bwhen )(?<!\bonce )(?<!\bunless )(?<!\bbefore )(?<!\buntil )(?<!\btill )"
    r"\b(?:you(?!ng)\w*|ya|u|ur|urself)\b", re.IGNORECASE)
# The words right after a sign's span, in the same clause: a rule's span often ends at the verb
# ("said he'll kill") and leaves out who is to be hurt ("you").
_OBJECT: Final = re.compile(r"(?:[ \t]+[\w'’]+){0,4}")


_THEM: Final = (r"(?:him|her|them|you|u|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|"
                r"fianc\w*|ex|other half|spouse))")
_HE: Final = r"(?:he|she|they|you|u|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf))"
_HARM: Final = (r"(?:hit|hits|hitting|push|pushes|pushed|pushing|shove\w*|slap\w*|punch\w*|kick\w*"
                r"|grab\w*|chok\w*|strangl\w*|hurt|hurts|hurting|beat|beats|beating|throw\w*|threw"
                r"|smash\w*|lash\w* out|los(?:e|es|ing) (?:it|(?:his|her|their|your) temper)|lost "
                r"(?:it|(?:his|her|their|your) temper))")
# Fear of the person the repair is for. Not fear for them or of losing them ("scared of him
# leaving", "afraid of her finding out"), of what they will think, or walking on eggshells at work.
_FEAR: Final = re.compile(
    rf"\b(?:scared|afraid|frightened|terrified|fearful|petrified) of {_THEM}\b"
    r"(?!\s+(?:\w+ing|leaving|going)\b)(?!\s+(?:will|would|might|could) )"
    rf"|\b(?:scared|afraid|frightened|terrified) (?:of )?what {_HE}(?:'ll|'d| will| would| might"
    r"| could| may| is going to| is gonna| are going to)? (?:do|does|did)\b"
    rf"|\b{_HE} (?:gets?|got|is|are|was|were|can be|becomes?|became|turns?|turned) (?:so |really "
    r"|very |pretty |kinda |quite |super |a bit |a little )?(?:scary|frightening|terrifying"
    r"|violent|dangerous)\b"
    rf"|\b{_HE} (?:scares?|frightens?|terrifies) me\b"
    r"|\bwalk(?:s|ing|ed)? on eggshells\b(?!.*\b(?:work|office|boss|manager|colleague|job)\b)",
    re.IGNORECASE)
# Blaming myself for their anger or harm. Not owning that I upset them ("it's my fault she got
# upset", "I made her sad"): only anger that recurs ("gets like that") or turns to harm.
_SELF_BLAME: Final = re.compile(
    r"\bmy (?:own )?fault (?:that |when |if )?"
    rf"{_HE} (?:always |just |only )?(?:(?:gets?|got|is|are) (?:so |really )?(?:like that"
    r"|that way|violent|physical|rough|scary|aggressive)|(?:gets?|is|are) (?:so |really )?"
    rf"(?:angry|mad)|{_HARM})"
    rf"|\b(?:made|make|makes|making) {_THEM} (?:so (?:angry|mad)(?: that)?(?: {_HE})?"
    rf"(?: (?:had|have|has) to)? {_HARM}|{_HARM})\b"
    rf"|\bprovok(?:e|ed|es|ing) {_THEM}\b"
    rf"|\bi (?:push|pushed|pushes) {_THEM} too far\b"
    r"|\bi (?:probably |kind of |kinda |really |totally )?deserve (?:it|that|this|what i get"
    r"|to be (?:hit|hurt|treated|punished))\b"
    r"|\bi (?:probably |kind of |kinda |really |totally )?deserved (?:it|that|this|what i got)\b"
    rf"(?=.*\b{_HARM})",
    re.IGNORECASE)

# Calling me something ("calls me stupid", "calling me names"), not calling me back or often.
_CALLS_ME: Final = (r"(?:call|calls|called|calling) me (?!(?:back|every|later|when|at|on|in|to|first"
                    r"|again|after|before|more|less|from|about|up|out|over|so|too|and|or|but|if"
                    r"|once|twice|daily|tonight|today|tomorrow)\b)[\w']+")
_AT_ME: Final = (r"(?:(?:yell|scream|shout|rage|blow up|blows up|explode|lash out|lashes out)\w*"
                 rf"(?: at me)?|(?:swear|snap|go off|goes off)\w* at me|{_CALLS_ME}"
                 r"|(?:insult|belittle|humiliate|mock|ridicule)\w* me|puts? me down"
                 r"|putting me down|los(?:e|es|ing) (?:it|(?:his|her|their|your) (?:temper|cool)))")
_HABIT: Final = (r"(?:all the time|always|constantly|every (?:single )?(?:time|day|night|week)"
                 r"|again and again|over and over|non-?stop|so often|whenever)")
# Their anger at me as a pattern, owned as my fault: "it's my fault he screams at me all the
# time", "my fault she keeps calling me stupid", "its my fault he yells at me" (said in the present,
# it is what they do), "I always make him yell at me". Not once ("I made him yell at me by being
# annoying": the draft leaves it out, see ``mendkit.coach.self_blame``), nor my own yelling.
_PATTERN_BLAME: Final = re.compile(
    rf"\bmy (?:own )?fault (?:that |when |if )?{_HE} (?:always |constantly |still |just |only "
    rf"|keeps? (?:on )?)?(?:(?:yells|screams|shouts|rages|blows up|explodes|lashes out)\b"
    rf"|(?:swears|snaps|goes off) at me\b|{_CALLS_ME}"
    r"|(?:insults|belittles|humiliates|mocks|ridicules) me\b"
    r"|puts me down\b|loses (?:it|(?:his|her|their|your) (?:temper|cool))\b|(?:yelling|screaming"
    rf"|shouting|swearing at me|snapping at me|{_CALLS_ME}|insulting me|putting me down"
    r"|losing (?:it|(?:his|her|their|your) temper))\b)"
    # Once, but said to be a pattern: "it's my fault he yelled at me again and again". (Not
    # my own yelling in the same sentence: "it's my fault he's late, I yell at him all the time".)
    rf"|\bmy (?:own )?fault (?:that |when |if )?{_HE} (?:(?!\bi\b)[^.!?]){{0,40}}?\b{_AT_ME}\b"
    rf"[^.!?]{{0,30}}?\b{_HABIT}\b"
    rf"|\bi (?:always |constantly |just )?make {_THEM} (?:so (?:angry|mad) (?:that )?(?:{_HE} )?)?"
    rf"{_AT_ME}"
    rf"|\b(?:made|make|makes|making) {_THEM} (?:so (?:angry|mad) (?:that )?(?:{_HE} )?)?{_AT_ME}"
    rf"[^.!?]{{0,30}}?\b{_HABIT}\b",
    re.IGNORECASE)
# Harm to the body, or words that say it may come: at work only these make blame for their anger
# a sign of danger ("it's my fault she hit me"); their temper alone does not.
_PHYSICAL: Final = re.compile(
    r"\b(?:hit|hits|hitting|push\w*|shov\w*|slap\w*|punch\w*|kick\w*|chok\w*|strangl\w*"
    r"|beat|beats|beating|smack\w*|smash\w*|grab\w*|throw\w*|threw|hurt\w*|violent|physical"
    r"|rough|scary|aggressive|like that|that way|bruis\w*|injur\w*)\b", re.IGNORECASE)

# The other person physically harms or threatens the writer: "he grabs my wrist", "gf keeps
# slapping me", "hes gonna hurt me". Who: he, she, they, you (u), or a partner by name of role,
# with or without "my". Not the everyday senses of the same verbs: "he hit me up", "hit me back
# with a text", "hit me with a surprise", "she pushed me to apply", "pushed me away", "pushes my
# buttons", "kicked me out of the chat", "beat me at chess", "he grabbed me a coffee", "threw me a
# party", "shook me up", "hurt my feelings", "she hurt me when she said..." (hurt alone is
# often a feeling: only a threat to hurt, or a hurt body part, counts), "is going to kill me for
# forgetting the milk" (kill is left to the crisis rules, which know its idioms).
_ABUSER: Final = (r"(?:(?:he|she|they|you|u)(?:'s|s|'re|re)?|(?:my |her |his )?(?:partner|husband"
                  r"|hubby|wife|boyfriend|girlfriend|bf|gf|fianc\w*|ex|spouse)(?:'s)?)")
_OFTEN: Final = (r"(?:(?:keeps|kept|keep|always|still|sometimes|often|just|has|have|had|been"
                 r"|even|then|would|will|'ll|'d|tried to|tries to|try to|started|starts"
                 r"|used to|literally|actually|physically|really|once|also|again) ?){0,3}")
_BODY: Final = (r"(?:wrists?|arms?|neck|throat|hair|face|head|jaw|chest|shoulders?|legs?|mouth"
                r"|stomach|back|body|ribs|collar|shirt|throat)")
_STRIKE: Final = (r"(?:hit|hits|hitting|slap\w*|punch\w*|kick\w*|chok\w*|strangl\w*|shov\w*"
                  r"|push|pushes|pushed|pushing|smack\w*|beat|beats|beating|pinn(?:ed|ing)|pins"
                  r"|shak(?:e|es|ing)|shook|slam\w*|throttl\w*|headbutt\w*)")
_GIVE: Final = r"(?:grab\w*|throw\w*|threw)"  # also "grabbed me a coffee", "threw me a party"
_NONPHYSICAL: Final = (r"(?:surprise|joke|news|question|request|bill|deadline|idea|story|line"
                       r"|comeback|compliment|offer|proposal|fact|truth|bombshell|text|message"
                       r"|email|reply|guilt|sarcasm|attitude|look|hug|kiss)")
_NOT_PHYSICAL_ME: Final = (
    r"(?! (?:up|back|out|off|over|around|aside|away|at|to|towards?|for|into \w+ing|in the back)\b)"
    r"(?! (?:with|by) (?:a |an |the |that |this |some |his |her |their |my |long |little )*"
    rf"{_NONPHYSICAL})")
_BENEFACTIVE: Final = (r"(?! (?:a|an|some|one|two|lunch|coffee|tea|food|dinner|breakfast|drinks?"
                       r"|the (?:remote|menu|keys|bill|ball))\b)")
_HARMS_ME: Final = re.compile(
    rf"\b{_ABUSER} ?{_OFTEN}(?:{_STRIKE} me\b{_NOT_PHYSICAL_ME}"
    rf"|{_GIVE} me\b{_NOT_PHYSICAL_ME}{_BENEFACTIVE}"
    rf"|(?:{_STRIKE}|{_GIVE}|hurt|hurts|hurting|burn\w*|twist\w*) my {_BODY}\b"
    r"|(?:(?:is |are |was )?(?:gonna|going to|gunna)|will|'ll|would|'d|might|could"
    r"|threaten\w* to|tried to|tries to|try to|wants? to|physically) ?"
    rf"(?:hurt|hit|beat|strangle|choke|stab|punch|slap) me\b{_NOT_PHYSICAL_ME}"
    r"|(?:hurt|hurts|hurting|hit|hits|hitting) me physically\b)",
    re.IGNORECASE)


# Rule signs the coach checks with the person before it stops, as it does a sign only the model
# saw: a report of being told by others to kill oneself ("someone in the gc said i should kys").
# Being told so is a real risk, so it is a sign; but the words are theirs, so Mend asks first.
_ASKED_FIRST: Final = ("rule:crisis/bullied-told-kys-",)
# A laugh or a joke marker: "lol", "lmao", "jk", "haha", "😂", "🤣", "💀" ("im dead").
_LAUGH: Final = re.compile(
    r"\b(?:lo+l+|lmf?ao+|rofl|ha(?:ha)+h?|he(?:he)+|jk|jks|j/k|just (?:kidding|joking)|kidding"
    r"|joking)\b|[\U0001F602\U0001F923\U0001F480\u2620]", re.IGNORECASE)
# Words that say a sign is meant, or tell of a plan, a means or a time: "kms fr", "not joking",
# "i mean it", "tonight", "pills". With any of them a laugh is no hedge and the coach stops.
_EARNEST: Final = re.compile(
    r"\b(?:not (?:even |really |actually )?(?:joking|kidding|a joke|lol|lying|funny)|no joke"
    r"|serious(?:ly)?|srsly|mean it|meant it|fr+|for real|frfr|deadass|no cap|ngl|honestly"
    r"|tonight|tomorrow|plan\w*|pills?|tablets|meds|rope|bridge|goodbye|note|cut(?:s|ting)?"
    r"|bleed\w*|overdos\w*|every (?:day|night)|all the time|for (?:weeks|months))\b",
    re.IGNORECASE)
_SENTENCE: Final = re.compile(r"[^.!?\n]+[.!?\n]*")

# What the person says they said to someone else, reported: "I called him a useless father and
# said they'd be better off if he didn't bother", "I told her the kids would be happier without
# him". A rule's sign of others being better off inside it is a cruel remark owned, not the
# person's own wish to be gone: it is checked with them (the calm question), never a stop at once.
# The last saying verb before the sign, in its sentence, must have "I" for its subject.
_SAYING: Final = re.compile(
    r"\b(?:said|say|saying|told|tell|telling|yelled|shouted|screamed|snapped|texted|messaged"
    r"|wrote|hissed|spat|added|went on)\b", re.IGNORECASE)
_SUBJECT: Final = re.compile(r"\b(?:(?P<me>i|i'?ve|ive)|he|she|they|you|u|we|it)\b", re.IGNORECASE)
# Others being better off: the only signs read as reported ("they'd be better off", "better off").
_BETTER: Final = re.compile(r"\b(?:better off|happier|easier|better|fine|a relief)\b",
                            re.IGNORECASE)
# The writer in the words said ("... without me", "if I wasn't here", "we'd all be better off"),
# death or being gone, a means or a time: then the sign is the person's own, and stops as before.
_NOT_OTHERS: Final = re.compile(
    r"\b(?:i|i'?m|im|i'?d|id|i'?ll|i'?ve|ive|me|my|myself|mine|we|we'?d|we'?re|us|our|dead"
    r"|die|died|dying|gone|kill\w*|suicid\w*|alive|pills?|tablets|rope|bridge|tonight"
    r"|for good|forever)\b", re.IGNORECASE)
# Whom the others would be better off without, or what they would be better off with, after the
# sign: someone else ("if he didn't bother", "without her", "with a dad who turns up"). Without
# it the words may be the person's own ("I told him they'd be better off"): that stops as before.
_SOMEONE_ELSE: Final = re.compile(
    r"\b(?:he|she|him|her|his|hers|he'?s|hes|she'?s|shes|he'?d|she'?d|you|your|u|ur|them"
    r"|their|dad|daddy|mum|mummy|mom|mommy|father|mother|parent)\b", re.IGNORECASE)
_CLAUSE_END: Final = re.compile(r"[.!?;\n]")
_KEY_WORDS: Final = 4  # the fewest words that make "the same words" (``reported_words``)


def reported_words(turn: TurnAnalysis) -> tuple[str, ...]:
    """When every rule sign of crisis in ``turn`` (an answer to the coach) lies in what the
    person says they said to someone else, about others being better off ("I said they'd be
    better off if he didn't bother"), the words of each, lower-cased from the sign's "better
    off" to the end of its clause ("better off if he didn't bother"), to know the same words
    again later in the session; else ``()``. Never for a sign of the person's own (a word of
    "I", "me" or "we" after the saying verb, of death or a means), nor one with no one else
    after it ("I told him they'd be better off"), nor any kind but suicide.

    >>> from mendkit.model import Evidence
    >>> def said(text: str, word: str) -> TurnAnalysis:
    ...     at = text.index(word)
    ...     sign = Evidence(label=CRISIS, subtype="suicide", start=at, end=at + len(word),
    ...                     text=word, source="rule:crisis/suicide-wish-01")
    ...     return TurnAnalysis(index=0, speaker="me", text=text, labels=(CRISIS,),
    ...                         evidence=(sign,))
    >>> reported_words(said("I said they'd be better off if he didn't bother.", "they'd be better off"))
    ("better off if he didn't bother",)
    >>> reported_words(said("I said they'd be better off without me.", "they'd be better off"))
    ()
    """
    signs = [e for e in turn.evidence if e.label == CRISIS and e.source.startswith(_RULE)]
    text = turn.text.replace("\u2019", "'")
    words: list[str] = []
    for sign in signs:
        span = text[sign.start:sign.end]
        better = _BETTER.search(span)
        if sign.subtype != "suicide" or span != sign.text.replace("\u2019", "'") or not better:
            return ()
        start = max(text.rfind(c, 0, sign.start) for c in ".!?\n") + 1
        sayings = list(_SAYING.finditer(text, start, sign.start))
        if not sayings:
            return ()
        subjects = list(_SUBJECT.finditer(text, start, sayings[-1].start()))
        if not subjects or not subjects[-1].group("me"):
            return ()
        end = _CLAUSE_END.search(text, sign.end)
        stop = end.start() if end else len(text)
        if _NOT_OTHERS.search(text, sayings[-1].end(), stop) or not _SOMEONE_ELSE.search(
                text, sign.start + better.end(), stop):
            return ()
        key = text[sign.start + better.start():stop]
        if len(key.split()) < _KEY_WORDS:
            key = text[sign.start:stop]
        words.append(" ".join(key.lower().split()))
    return tuple(words)


@dataclass(frozen=True, slots=True)
class Screened:
    """What the safety gate found in one answer: the stop it calls for (None: carry on), whether
    only the learned model saw the sign (``model_only``), and whether a rule's sign is one the
    coach checks with the person first (``asked_first``: hedged as a joke, or a report of being
    told to kill oneself). Either way the coach asks before it stops; a clear no goes on."""

    stop: EventType | None
    model_only: bool = False
    asked_first: bool = False
    # Every rule sign lies in what the person says they said to someone else about others being
    # better off: the words of each (``reported_words``). Checked with the calm question, as a
    # sign only the model saw is, and not asked again once they said no to the same words.
    reported: tuple[str, ...] = ()

    @property
    def checked(self) -> bool:
        """Whether the coach asks the risk question before it stops."""
        return self.stop is not None and (self.model_only or self.asked_first
                                          or bool(self.reported))


def gate(text: str, *, mode: Mode = "full", context: str = "") -> EventType | None:
    """``CRISIS`` or ``ABUSE`` when ``text`` shows those signs, else None (carry on). ``context``
    is the relationship ("work", "partner"; ``""`` when not known yet): see ``screen``."""
    return screen(text, mode=mode, context=context)[0]


def screen(text: str, *, mode: Mode = "full", context: str = "") -> tuple[EventType | None, bool]:
    """The gate's stop for ``text`` (as ``gate``), and whether only the learned model saw it: a
    crisis label with no crisis evidence from a rule, and no fear of the other person or blame
    for their anger either. Such a stop is checked with the person before the coach stops
    (``CHECK_RISK``); a rule's sign, weak or strong, stops at once. At ``work``, blame for their
    anger alone is no sign (``fears_or_blames_self``).

    >>> screen("I want to kill myself", mode="rules")
    (<EventType.CRISIS: 'crisis'>, False)
    >>> screen("it's my fault she lost her temper", mode="rules", context="work")
    (None, False)
    """
    found = screened(text, mode=mode, context=context)
    return found.stop, found.model_only


def screened(text: str, *, mode: Mode = "full", context: str = "") -> Screened:
    """``screen``'s stop and whether only the model saw it, and whether a rule's sign is one to
    check with the person first (``asks_first``): "kms lol i forgot my pe kit again" is asked
    about; "kms fr not joking" stops at once.

    >>> screened("i wanted to kms lol", mode="rules").asked_first
    True
    >>> screened("kms i mean it lol", mode="rules").asked_first
    False
    """
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode=mode).turns[0]
    danger = fears_or_blames_self(text, anger=context != "work")
    if CRISIS in turn.labels:
        if not danger:
            stop = stop_for(turn)
            reported = reported_words(turn) if stop is EventType.CRISIS else ()
            return Screened(stop, turn.model_only(CRISIS),
                            stop is EventType.CRISIS and asks_first(turn), reported)
        # The model's sign, and words of fear of the other person, harm or threats from them or
        # blame for their anger: danger from them, whatever kind the model gave it.
        return Screened(EventType.ABUSE if turn.model_only(CRISIS) else stop_for(turn))
    if danger:
        return Screened(EventType.ABUSE)
    if mode == "full" and _sentence_alone_reads_crisis(text):
        # The model reads a short answer in one run, and the sentences around a crisis sentence
        # can drown it out ("I regret making her cry. Some days I wish it was all over, I can't
        # keep doing this."): a sign it reads in one sentence alone is checked with the person,
        # as any sign only the model saw is.
        return Screened(EventType.CRISIS, model_only=True)
    return Screened(None)


def _sentence_alone_reads_crisis(text: str) -> bool:
    """Whether the learned model reads a crisis in one of the sentences of ``text`` (of two or
    more) read on its own, a sentence whose words could tell of a risk (``risk_words``): the
    screen then takes the highest of such sentences, as it does of a long letter's windows."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    if len(sentences) < 2:
        return False
    for sentence in sentences:
        if len(sentence.split()) < _FEWEST_WORDS or not may_tell_of_risk(sentence):
            continue  # ("I hate being told to breathe" tells of no risk: read with the rest)
        turn = analyze_conversation(Conversation.from_turns([("me", sentence)]),
                                    mode="full").turns[0]
        if CRISIS in turn.labels:
            return True
    return False


# A sentence this short ("Thanks.", "I'm sorry.") is read with the others only.
_FEWEST_WORDS: Final = 4


# An answer about an offer (a break, a breathing exercise): breath, an exercise, a break, a
# length or a time; a short answer is one too ("until I feel ok", "not now").
_ABOUT_THE_OFFER: Final = re.compile(
    r"\b(?:breath\w*|exercis\w*|sigh\w*|paced|pacing|break|pause|timer|minutes?|mins?|hours?"
    r"|hrs?|until|till|til)\b", re.IGNORECASE)
# An answer about the level question: a number from 0 to 10, what the body feels, numb or far
# away, or not knowing ("7, maybe 8", "my chest is tight", "I don't know").
_ABOUT_THE_LEVEL: Final = re.compile(
    r"(?<![\w.:])(?:10|[0-9])(?![\w.:])|\b(?:calm\w*|tense|stirred|flooded|numb|far away|chest"
    r"|heart|jaw|stomach|tight|buzz\w*|shak\w*|racing|(?:don'?t|dont|do not) know|not sure|idk"
    r"|number|scale|body)\b", re.IGNORECASE)
_SHORT_ANSWER: Final = 6  # words


def worth_asking(text: str, question: str, *, mode: Mode = "full", offer: bool = False,
                 level: bool = False) -> bool:
    """Whether a crisis sign only the learned model saw in ``text``, an answer to ``question``, is
    worth the risk question: the answer has words that could tell of a risk (``risk_words``);
    or, read after the question it answers, as the model reads any turn after the one before
    it, the model still reads a crisis in it ("I regret not setting an alarm" is no crisis as
    an answer to "Is there something you regret?"). At an ``offer`` (a break, a breathing
    exercise), whose long question drowns out the answer, and at the ``level`` question, an
    answer that is about something else than the question is asked about, as before; at an
    offer one about it ("I don't like being told to breathe", "until I feel ok") is not.

    >>> worth_asking("until I feel ok", "How long a break would you like?", offer=True)
    False
    """
    if may_tell_of_risk(text):
        return True
    words = len(text.split())
    if offer:
        return not (_ABOUT_THE_OFFER.search(text) or words <= _SHORT_ANSWER)
    if level and not (_ABOUT_THE_LEVEL.search(text.replace("\u2019", "'"))
                      or words <= _SHORT_ANSWER):
        return True
    read = analyze_conversation(Conversation.from_turns([("Mend", question), ("me", text)]),
                                mode=mode).turns[-1]
    return CRISIS in read.labels


def asks_first(turn: TurnAnalysis) -> bool:
    """Whether the rule signs of crisis in ``turn`` (an answer to the coach) are ones to check
    with the person before stopping, as a sign only the model saw is: every sign lies inside a
    report of being told to kill oneself ("someone said i should kys"), or every sign is of
    suicide, explicit (no weak hint of a plan or a means), in a sentence with a laugh ("i wanted
    to kms lol", "kms 💀 forgot my pe kit"), and nothing says it is meant ("fr", "not joking",
    "tonight"). Self-harm, harm to others and danger from someone else are never hedged away.

    >>> from mendkit.model import Evidence
    >>> def said(text: str, word: str) -> TurnAnalysis:
    ...     at = text.index(word)
    ...     sign = Evidence(label=CRISIS, subtype="suicide", start=at, end=at + len(word),
    ...                     text=word, source="rule:crisis/suicide-explicit-01")
    ...     return TurnAnalysis(index=0, speaker="me", text=text, labels=(CRISIS,),
    ...                         evidence=(sign,))
    >>> asks_first(said("kms lol forgot my pe kit", "kms"))
    True
    >>> asks_first(said("kms lol. not joking", "kms")), asks_first(said("kms", "kms"))
    (False, False)
    """
    signs = [e for e in turn.evidence if e.label == CRISIS and e.source.startswith(_RULE)]
    if not signs:
        return False
    told = [(e.start, e.end) for e in signs if e.source.startswith(_ASKED_FIRST)]
    if told and all(any(s <= e.start and e.end <= t for s, t in told) for e in signs):
        return True
    text = turn.text.replace("\u2019", "'")
    if _EARNEST.search(text) or any(e.subtype != "suicide" or e.source.startswith(_WEAK)
                                    for e in signs):
        return False
    laughing = [m.span() for m in _SENTENCE.finditer(text) if _LAUGH.search(m.group())]
    return all(any(s <= e.start < t for s, t in laughing) for e in signs)


def fears_or_blames_self(text: str, *, anger: bool = True) -> bool:
    """Whether an answer about the other person shows fear of them, says they physically harm or
    threaten the writer ("he grabs my wrist", "gf keeps slapping me") or keep from them their
    medication, a mobility aid or food ("she hides my walker"), or blames the writer for
    their anger or harm: no part of a repair to own, but a sign of danger from them. Without
    ``anger``, blame for their anger counts only with words of harm to the body ("it's my fault
    she lost her temper" is none; "it's my fault she lost her temper and hit me" is).

    >>> fears_or_blames_self("it's my fault he gets like that"), fears_or_blames_self(
    ...     "it's my fault she got upset, I forgot")
    (True, False)
    """
    text = text.replace("\u2019", "'")
    if _FEAR.search(text) or _HARMS_ME.search(text) or withholds_care(text):
        return True  # (or keeps from me what I need: ``care_withheld``, round 19)
    blames = _SELF_BLAME.search(text) or _PATTERN_BLAME.search(text)
    return bool(blames) and (anger or bool(_PHYSICAL.search(text)))


def stop_for(turn: TurnAnalysis) -> EventType:
    """The stop for a turn with crisis signs: ``ABUSE`` when they are signs of abuse or danger
    from someone else, with no explicit sign of suicide, self-harm or harm to others (an injury
    word alone is none, nor one weak hint next to an explicit sign of abuse), else ``CRISIS``."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.subtype]
    abuse = [e for e in signs if e.subtype == "abuse_danger"]
    if not abuse:
        return EventType.CRISIS
    others = [e for e in signs if e.subtype != "abuse_danger"]
    if all(e.source.startswith(_WEAK_INJURY) for e in others):
        return EventType.ABUSE
    # One weak hint of another kind ("takes my bank card" also reads as settling affairs) does
    # not outweigh an explicit sign of abuse; two weak rules of another kind make a crisis of
    # their own.
    explicit_abuse = any(not e.source.startswith(_WEAK) for e in abuse)
    hints = {e.source for e in others if not e.source.startswith(_WEAK_INJURY)}
    if explicit_abuse and len(hints) <= 1 and all(h.startswith(_WEAK) for h in hints):
        return EventType.ABUSE
    return EventType.CRISIS


def threatens_you(turn: TurnAnalysis) -> bool:
    """Whether ``turn``, someone else's message, threatens the person reading it: a sign of harm
    to others or of abuse whose words are aimed at "you" ("I'll break your arm", "You'll be
    sorry"). Their own danger ("My dad hits me", "I want to die") or a threat to someone else
    ("I'm going to kill him") is none.

    >>> from mendkit.model import Evidence
    >>> def said(text: str, kind: str) -> TurnAnalysis:
    ...     sign = Evidence(label=CRISIS, subtype=kind, start=0, end=len(text), text=text,
    ...                     source="rule:test")
    ...     return TurnAnalysis(index=0, speaker="Sam", text=text, labels=(CRISIS,),
    ...                         evidence=(sign,))
    >>> threatens_you(said("I'll hurt you", "abuse_danger"))
    True
    >>> threatens_you(said("My dad hits me", "abuse_danger"))
    False
    """
    return any(e.label == CRISIS and e.subtype in _THREAT_KINDS and _TO_YOU.search(_with_object(
        turn.text, e.start, e.end, e.text)) for e in turn.evidence)


def _with_object(text: str, start: int, end: int, span: str) -> str:
    """``span`` and the few words after it in ``text`` (the span alone if its offsets are off)."""
    if text[start:end] != span:
        return span
    rest = _OBJECT.match(text, end)
    return span + (rest.group() if rest else "")


# The writer says they might hurt someone else, in plain words: "i swear im going to punch him",
# "I could kill him", "next time I'll hit him back", "I'll smash his phone", or, answering the
# risk check, "yes, hurting him". Not when someone else is the one who acts ("I told him he'd hit
# her"), nor the everyday senses ("hit him up", "hurt her feelings"). The words are the
# composer's too (``harm_words``). This finds nothing on its own (the crisis rules and the model
# do): it only chooses what a crisis stop says.
_HURT_OTHER: Final = PLAIN_HARM


def harm_to_others(text: str) -> bool:
    """Whether ``text`` says, in plain words, that the writer might hurt someone else ("i swear im
    going to punch him", "yes, hurting him"). Used only for the words a crisis stop says (how to
    step away first), never to find a crisis: without such words the stop's general words stand.

    >>> harm_to_others("i swear im going to punch him"), harm_to_others("I want to hurt myself")
    (True, False)
    >>> harm_to_others("I told him he'd hit her")
    False
    """
    return bool(_HURT_OTHER.search(text.replace("\u2019", "'")))
