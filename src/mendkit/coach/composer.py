"""The composer: a repair draft built from the person's answers, in the register of the context.

Pure templates, no generative model. The parts follow the repair research the coach teaches: name
what happened (an observation, not a verdict), own my part, say I can see their side, say my feeling
and need as an I-statement, ask for something specific or commit to something, and appreciate where
true. A message to a manager is not a message to a partner: ``context`` picks the register. The
critic then checks the draft like any other (``mendkit.check``).

Answers come as people type them ("I'm the one who started yelling", "I need to feel like a team",
"We argued about the dishes last night", "Tell me when he needs space"), so each is normalised to
the piece its template expects before it goes in: a small, deterministic set of rules, no parser.

Its parts: ``draft_parts`` (what a draft is built from), ``answer_cleaning`` (shrugs, blame and
hedges taken out of an answer), ``draft_screens`` (what a draft may say, and the notes on what it left
out), ``draft_sentences`` (a sentence for each part), ``draft_address`` (answers said to the reader),
``draft_fit`` (whether an answer fits the frame it goes in: never "I need next Sunday") and
``draft_grammar`` (``tidy``). Their names are importable from here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import Any, Final

from mendkit._critic_hurt import hurtful, named_instead, own_words
from mendkit.coach.answer_cleaning import _I, _answer, _sentence_case
from mendkit.coach.apology_screens import broke_trust
from mendkit.coach.draft_address import KEPT_AS_WRITTEN, _address, _safe, _to_reader, kept_as_written
from mendkit.coach.draft_fit import FEEL, NEED, own_sentence
from mendkit.coach.draft_grammar import tidy
from mendkit.coach.draft_parts import CONTEXTS, DraftParts
from mendkit.coach.draft_screens import (
    _ACCUSATION,
    _LEFT_OUT_LINES,
    _screen_part,
    _screened,
    left_out,
    left_out_notes,
    unsaid,
    withheld_note,
    without_accusations,
    without_their_reaction,
)
from mendkit.coach.draft_sentences import (
    _TIME,
    _commitment,
    _done_to_me,
    _feeling_and_need,
    _regret,
    _request_parts,
    _situation,
    condition,
    feeling_sentences,
    fitted,
    request_sentences,
)
from mendkit.coach.justifying import justifies
from mendkit.coach.memory_care import cares_for, memory_condition, memory_notes, present_draft
from mendkit.coach.my_part import my_action, my_part_sentences
from mendkit.coach.screening import offered_sentences
from mendkit.coach.their_quiet import QUIET_SENTENCE, went_quiet
from mendkit.coach.wording import lower_first, plain_case

# The composer's names, including those its parts now keep (``draft_parts``, ``draft_screens``,
# ``draft_sentences``, ``draft_address``, ``draft_grammar``, ``answer_cleaning``): the driver,
# the goal drafts, the web app and the tests import them from here.
__all__ = ["ADDED_NOTES", "CONTEXTS", "KEPT_AS_WRITTEN", "_LEFT_OUT_LINES", "DraftParts", "_answer",
           "_commitment", "_request_parts", "_screen_part", "_sentence_case", "_to_reader", "added_notes",
           "commitment_sentence", "compose", "draft_notes", "kept_as_written", "later_sentences", "left_out",
           "left_out_notes", "memory_case", "pronoun_notes", "tidy", "unsaid", "withheld_note",
           "without_accusations"]


def pronoun_notes(parts: DraftParts, *, only: Collection[str] = ()) -> tuple[str, ...]:
    """What the coach says of the words the draft of ``parts`` keeps as the person wrote them,
    because it could not tell whether a pronoun in them means the reader: which words, and why,
    so that they can change them. With ``only`` (names of parts, "feeling"), only of those.

    >>> (note,) = pronoun_notes(DraftParts(other="Jo", situation="Jo's boss criticised her",
    ...                                    my_part="I yelled at her"))
    >>> print(note.split(" If ")[0])
    I couldn't tell whether "her" means Jo, so I kept "I yelled at her" as you wrote it.
    """
    sources = [str(getattr(parts, name)).lower() for name in only]
    return kept_as_written(lambda: compose(parts), parts.other, sources=sources,
                           only=bool(only))


def _answered(parts: DraftParts) -> DraftParts:
    """``parts`` as screened (``_screened``), without the answers that say nothing ("nothing
    really", "I don't know"), or only blame the other person ("nothing, Jo started it"; in the
    situation that is what happened, so it stays there)."""
    parts = _screened(parts).parts
    answered: dict[str, Any] = {name: _answer(getattr(parts, name), blame=True) for name in (
        "my_part", "their_side", "feeling", "need", "regret", "request", "commitment",
        "appreciation")}
    return replace(parts, situation=_answer(parts.situation), **answered)


def commitment_sentence(parts: DraftParts) -> str:
    """"Next time, I will ..." from ``parts`` (``""`` without a commitment of mine); after a
    betrayal of theirs (an affair, lies kept up, a broken promise), "From now on, I will ..."."""
    said, _ = _screen_part("commitment", plain_case(parts.commitment, (parts.other,)))
    answer = _answer(said, blame=True)
    # "If I need to end a call I will say goodbye": the condition says when, so no "Next time".
    when, promised = condition(_to_reader(answer, parts))
    commitment = _commitment(promised)
    if not commitment:
        return ""
    # "I won't raise complaints..." keeps its own verb: never "I will won't" (round 19).
    will = "I" if re.match(r"(?:won['\u2019]?t|will not|will never|will)\b", commitment, _I) else "I will"
    if will == "I" and re.match(r"will\b", commitment, _I):
        commitment = re.sub(r"^will\s+", "", commitment, flags=_I)
        will = "I will"
    # After a betrayal "Next time" reads as if there will be a next one: from now on.
    betrayal = broke_trust(parts.situation, parts.my_part, parts.regret)
    if when:
        return (f"From now on, {lower_first(when)}, {will} {commitment}." if betrayal
                else f"{when}, {will} {commitment}.")
    return f"{'From now on' if betrayal else 'Next time'}, {will} {commitment}."


def later_sentences(parts: DraftParts) -> str:
    """What the coach's later steps found (the feeling beneath, the need, what I will do next
    time), as sentences to add to a message the person wrote themselves: ``""`` when there is
    nothing to add. The composer's own draft puts them in its own places.

    >>> later_sentences(DraftParts(feeling="lonely", need="to feel like a team",
    ...                            commitment="I'll stay in the room"))
    'I feel lonely, and I need to feel like a team. Next time, I will stay in the room.'
    """
    # The account is not said here, so who "he" or "she" is follows it as it was told.
    parts = replace(_answered(parts), situation=plain_case(parts.situation, (parts.other,)))
    feeling, need, unframed, after = _fitted_feeling_and_need(parts)
    if after:  # the feeling went on in sentences of its own: the need after them
        said = " ".join((f"I feel {feeling}.", *after, *((f"I need {need}.",) if need else ())))
    else:
        said = (f"I feel {feeling}, and I need {need}." if feeling and need
                else f"I feel {feeling}." if feeling else f"I need {need}." if need else "")
    # Each offered sentence passes the critic's rules: no blame of a third person ("My brother
    # never helps"), no criticism, no sign of crisis (round 18).
    return offered_sentences(tidy(" ".join(
        s for s in (*unframed, said, commitment_sentence(parts)) if s)))


def _fitted_feeling_and_need(parts: DraftParts
                              ) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """The feeling to follow "I feel" and the need to follow "I need" (``_feeling_and_need``,
    said to the reader), with the answers that fit neither as sentences of their own
    (``fitted``: "I'll confirm every handover by text" given for the feeling), and the sentences
    the feeling's answer went on with, to follow "I feel ..." ("shame I think. I made her feel
    small": ``feeling_sentences``)."""
    first, after = feeling_sentences(_to_reader(parts.feeling, parts))
    feeling, need = _feeling_and_need(first, parts.need)
    feeling, own_feeling = fitted(FEEL, feeling)
    need, own_need = fitted(NEED, need)
    if own_need:
        own_need = own_sentence(_address(own_need, parts.other, parts.context,
                                         pronouns=_safe(parts, own_need)))
    need = _address(need, parts.other, parts.context, pronouns=_safe(parts, need))
    if not feeling:
        after = ()  # said with what did not fit, or left out with it
    return feeling, need, tuple(s for s in (own_feeling, own_need) if s), after


def compose(parts: DraftParts) -> str:
    """A repair draft from ``parts``.

    >>> compose(DraftParts(context="partner", situation="last night", my_part="snapped at you",
    ...                    feeling="hurt", need="us to be kind when we're tired",
    ...                    request="take a break when it gets heated"))[:46]
    "Can we talk about last night? I'm sorry that I"

    For someone with a memory condition (``memory_care``), a short, warm message for now,
    with no retelling and no request.
    """
    if memory_case(parts):
        return present_draft(parts.other, parts.context)
    told = plain_case(parts.situation, (parts.other,))
    # What they said about me, left out, is no hostility of mine to hide.
    screened_situation = "situation" in _screened(parts).why
    hostile_situation = _screened(parts).why.get("situation", _ACCUSATION) != _ACCUSATION
    parts = _answered(parts)
    topic, account = _situation(parts.situation) if parts.situation else ("", "")
    if screened_situation:  # not said, but who "he" or "she" is still follows it as told
        parts = replace(parts, situation=told)
    work = parts.context in ("work", "therapist")
    feeling, need, unframed, after = _fitted_feeling_and_need(parts)
    grievance = False
    if account:
        account = _sentence_case(_address(account, parts.other, parts.context,
                                          pronouns=_safe(parts)))
        account = without_their_reaction(account, parts)  # "and now you won't talk to me"
        grievance = _done_to_me(account)
        if parts.my_part:
            account = _said_to_them(account)
    elif topic != "what happened" and not re.fullmatch(_TIME, topic, _I):
        topic = _address(topic, parts.other, parts.context, pronouns=_safe(parts))
    sentences: list[str] = []
    if topic:
        sentences.append(f"I'd like to come back to {topic}." if work
                         else f"Can we talk about {topic}?")
    if account:
        sentences.append(f"{account}.")
    own = _to_reader(parts.my_part, parts)
    my_part = my_action(own)
    if account and my_part and (told := _without_repeat(account, my_part)) != account:
        sentences[-1] = f"{told}."  # the apology says it: the account need not say it first
    # One's own hurtful words are named, never quoted back (round 19): "what I said about money".
    regret = _regret(_to_reader(parts.regret, parts), my_part)
    if account:
        sentences[-1] = unquoted(sentences[-1], (regret, own))
    sentences.extend(my_part_sentences(own, work=work))
    if regret := unquoted(regret, (parts.situation, account, own)):
        sentences.append(regret)
    done_to_me = hostile_situation or "what happened" in parts.withheld or grievance
    quiet = went_quiet(told, parts.noticed, other=parts.other)
    if parts.their_side:
        sentences.append(f"I can see why {lower_first(_to_reader(parts.their_side, parts))}.")
    elif parts.context == "work":
        # What they did to me, or their silence: no concerns of theirs were voiced, so none
        # are heard.
        sentences.append("I'd like to hear how you see it." if done_to_me or quiet
                         else "I hear your concerns and I understand your position.")
    elif parts.context == "therapist":
        sentences.append("I can see why you said it, and I know you want to help.")
    elif done_to_me or justifies(parts.my_part, parts.regret, parts.request, parts.feeling,
                                 parts.need):
        # What they did to me: nothing says they were upset, so no claim that they were. After a
        # justification or a denial ("but I was just protecting us"), a claim to understand them
        # would make the message sound validating when its words are not.
        sentences.append("I'd like to hear your side too.")
    elif quiet:
        # They went quiet and nothing says they were upset: the quiet is named, not guessed at.
        sentences.append(QUIET_SENTENCE)
    else:
        sentences.append("I understand why you were upset.")
    sentences.extend(unframed)  # what was given for the feeling or the need, fitting neither
    if feeling:
        about = f" about {topic}" if topic and len(topic.split()) <= 8 else (
            " about what happened" if topic else "")
        if re.search(r"\b(?:because|since|when|that|about|after|as|at|by|of|with|if|like)\b"
                     r"|\b(?:you|he|she|they|we|i|it)(?:'ll|'re|'s|'m|'ve|'d)?\s+\w", feeling,
                     _I):  # "angry because you lied", "terrified he'll leave": says what about
            about = ""
        if after:  # the feeling went on in sentences of its own: the need after them
            sentences.extend((f"I feel {feeling}{about}.", *after))
            sentences.extend((f"I need {need}.",) if need else ())
        else:
            tail = f", and I need {need}" if need else ""
            sentences.append(f"I feel {feeling}{about}{tail}.")
    elif need:  # the feeling was left out or skipped: the need still stands
        sentences.append(f"I need {need}.")
    if commitment := commitment_sentence(parts):
        sentences.append(commitment)
    if parts.request:
        sentences.extend(request_sentences(parts.request, parts.other,
                                           pronouns=_safe(parts, parts.request), work=work))
    if parts.appreciation:
        sentences.append(f"I appreciate {lower_first(parts.appreciation)}.")
    return tidy(" ".join(sentences))


def unquoted(text: str, elsewhere: tuple[str, ...]) -> str:
    """``text`` with one's own hurtful words (``_critic_hurt.hurtful``: said again in
    ``elsewhere``, or contempt) named rather than quoted.

    >>> unquoted("I regret saying money is all you think love is.",
    ...          ("I told him money is all he thinks love is",))
    'I regret what I said about money.'
    >>> unquoted("I'm sorry I said you never listen.", ())
    "I'm sorry I said you never listen."
    """
    for said in reversed(own_words(text)):
        if not hurtful(said.said, [e for e in elsewhere if e],
                       name=said.lead.lower().startswith("call")):
            continue
        lead = said.lead.lower()
        named = ("calling you names" if lead.startswith("calling") else "I called you names"
                 if lead.startswith("i called") else named_instead(said.said)
                 if lead.startswith("saying") else "I said hurtful things to you"
                 if re.search(r"\b(?:told|to)\s+you\b", lead) else "I said hurtful things")
        text = f"{text[:said.start]}{named}{text[said.end:]}"
    return text


def _said_texts(parts: DraftParts) -> tuple[str, ...]:
    """Everything the person told of what happened and of them, read (never quoted) for a
    memory condition of theirs."""
    return (parts.situation, parts.noticed, parts.their_side, parts.my_part, parts.regret,
            parts.request, parts.need, parts.feeling)


def memory_case(parts: DraftParts) -> str:
    """The memory condition the person named of the one the message is for ("dementia"), or
    ``""``: then the draft is ``memory_care.present_draft``."""
    return memory_condition(_said_texts(parts), parts.other)


def draft_notes(parts: DraftParts) -> tuple[str, ...]:
    """What the coach says after the draft of ``parts``: for someone with a memory condition,
    why the message is short and about now (and support for a carer: ``memory_care``); else
    what it left out and why, the words it kept as written, and the sentences it added."""
    if condition := memory_case(parts):
        return memory_notes(condition, carer=cares_for(_said_texts(parts)))
    return (*left_out_notes(parts), *pronoun_notes(parts), *added_notes(parts))


# The sentences the composer writes that no answer gave: each says the person sees their side,
# or wants to hear it. A literal reader must know the draft says them on their behalf.
_OFFERED: Final = ("I understand why you were upset.", QUIET_SENTENCE,
                   "I hear your concerns and I understand your position.",
                   "I can see why you said it, and I know you want to help.",
                   "I'd like to hear your side too.", "I'd like to hear how you see it.")
# How the note on such a sentence begins (a page shows these lines as notes).
ADDED_NOTES: Final = ('I added "',)


def added_notes(parts: DraftParts) -> tuple[str, ...]:
    """What the coach says of the sentences in the draft of ``parts`` that the person did not
    write (``_OFFERED``): that Mend added them, why, and that they can take them out.

    >>> added_notes(DraftParts(situation="the dishes", my_part="yelled"))[0][:45]
    'I added "I understand why you were upset." Yo'
    """
    draft = compose(parts)
    # An invitation to tell their side claims no understanding (the critic counts none): it is
    # said to be what it is, so the coach never sells a sentence its own check then finds missing.
    return tuple(f'I added "{sentence}" You did not write this: it '
                 f"{'asks for their side' if sentence in _INVITATIONS else 'shows you see their side'}"
                 ", which helps a repair. Keep it only if it is true for you. You can change it "
                 "or delete it when you edit the draft." for sentence in _OFFERED
                 if sentence in draft)


_INVITATIONS: Final = frozenset(("I'd like to hear your side too.",
                                 "I'd like to hear how you see it."))


# An account this long that still speaks of someone as "she" or "they" is the person's story
# told to Mend ("She took like five hours to answer my text on Saturday and when she finally did
# I snapped ... She said she was at her grandma's birthday. Now she's gone a bit quiet."), not
# the line that opens an apology: pasted in, it retells the case against them, about them
# rather than to them (round seventeen). One said to them ("you and our son waited ...") stays.
_STORY_SENTENCES: Final = 3
_STORY_WORDS: Final = 40
_THIRD_PERSON: Final = re.compile(
    r"\b(?:he|she|they|him|her|them|his|hers|their|theirs)(?:['\u2019](?:s|d|re|ll|ve))?\b", _I)


def _said_to_them(account: str) -> str:
    """``account`` (what happened, said to the reader) as an apology may open with it: all of
    it, or nothing when it is a whole story (``_STORY_SENTENCES`` sentences or more, or over
    ``_STORY_WORDS`` words) told about someone in the third person; the apology after it names
    what I did, and "Can we talk about what happened?" the rest.

    >>> _said_to_them("We argued about money. She said I never listen. She left and slammed "
    ...               "the door")
    ''
    >>> _said_to_them("We argued about money. You said I never listen. I left")
    'We argued about money. You said I never listen. I left'
    """
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", account.strip()) if s.strip()]
    long = len(sentences) >= _STORY_SENTENCES or len(account.split()) > _STORY_WORDS
    return "" if long and _THIRD_PERSON.search(account) else account


def _without_repeat(account: str, my_part: str) -> str:
    """``account`` without its sentences that say what the apology after it says ("Last night I
    told you that you never care" before "I'm sorry that I told you that you never care"), when
    another sentence of it is left to tell what happened.

    >>> _without_repeat("We argued about Christmas. Then I told you to leave", "told you to leave")
    'We argued about Christmas'
    """
    said = [s for s in re.split(r"(?<=[.!?])\s+", account.strip().rstrip(".")) if s]
    done = re.sub(r"[.!?]+$", "", my_part.strip()).lower()
    kept = [s for s in said if not (len(done.split()) >= 3 and (
        f"i {done}" in s.lower() or _same_fact(s, done)))]
    return " ".join(kept).rstrip(".") if kept and len(kept) < len(said) else account


# Words that tell no fact of their own: two sentences that share most of the rest say the same.
_LITTLE_WORDS: Final = frozenset((
    "i", "me", "my", "you", "your", "he", "she", "they", "him", "her", "them", "his", "their",
    "it", "a", "an", "the", "and", "but", "or", "to", "of", "about", "for", "with", "at", "in",
    "on", "that", "this", "was", "were", "is", "did", "do", "not", "instead", "new", "just"))


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {re.sub(r"(?:ing|ed|s)$", "", w) or w for w in words if w not in _LITTLE_WORDS}


def _same_fact(sentence: str, my_part: str) -> bool:
    """Whether a sentence of the account says the same thing as my part in other words ("I
    talked about my new keyboard and did not ask about her dad" and "talked about my keyboard
    instead of asking about her dad"): most of my part's own words are in it, and it starts
    with me."""
    mine = _stems(my_part)
    return (sentence.lower().startswith("i ") and len(mine) >= 3
            and len(mine & _stems(sentence)) >= 0.75 * len(mine))
