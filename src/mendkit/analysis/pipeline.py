"""The analysis pipeline: one engine for analyse, check, the coach, the web app and batch runs.

Crisis and marker rules (one index, so one pass) run over each turn in order, with the turns before it as
context; the per-turn analyses are grouped into episodes, and safety is summarised with resources.
``mode="full"`` fuses in the shipped classifier (``analysis/fusion.py``); ``"rules"`` does not.
Turns that are not in English (``analysis/language.py``) get no say from the model, which cannot
read them, and the safety summary names them and carries the resources.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from math import prod
from typing import TYPE_CHECKING, Final, Literal

from mendkit._once import once
from mendkit._version import __version__
from mendkit.analysis.crisis_referrals import without_referral_signs
from mendkit.analysis.crisis_secret import secret_follows
from mendkit.analysis.crisis_talk import (
    calm_crisis_talk,
    with_crisis_marks,
    without_asked_signs,
)
from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.language import turns_note, unreadable_turns
from mendkit.analysis.rules import Hit, RuleSet, TurnContext, engine_rules
from mendkit.analysis.safety import (
    DEFAULT_REGION,
    assess,
    region_or_default,
    resources_for,
    with_context_signs,
    with_region_note,
)
from mendkit.analysis.text import fold_letters, without_annotations
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS, LABELS, RECONNECT, is_repair, is_rupture
from mendkit.model import Analysis, Conversation, Evidence, Safety, TurnAnalysis

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from mendkit.models.classifier import TurnClassifier
    from mendkit.models.personal import PersonalHeads

Mode = Literal["full", "rules"]
MODES: Final = ("full", "rules")
THRESHOLD: Final = 0.5
# Hints (rules under ``THRESHOLD``, the weak crisis rules) count together only this close: a
# message's few sentences, not a long letter's far ends. The crisis messages of the training
# corpus whose hints together are the sign hold them up to 188 characters (and 3 sentences) apart
# ("Mum, the credit card's paid off and the will is in the top drawer of the desk. ... I'm at
# peace with that"); only the same or the next sentence lost 20 of them (round 14).
HINT_REACH: Final = 250
_ORDER: Final = {label: i for i, label in enumerate(LABELS)}
_OPENING: Final = TurnContext()  # the first turn: nothing before it
# Rules that read praise or thanks as contempt only right after the other's jab (round 17:
# "Thank you for your kind words, Ben. Really appreciate how supportive you are." after "Good to
# know you're so reliable when it suits you."). In full mode a jab only the model read counts
# for them too: the model then read the thanks as reconnection, and an episode looked repaired.
AFTER_THEIR_JAB: Final = frozenset({"confrontation/sarcastic-thanks-after-35"})


def _rupture(turn: TurnAnalysis, *, model: bool) -> bool:
    """Whether ``turn`` carries a rupture; one only the model raised counts if ``model``."""
    return any(is_rupture(label) and (model or not turn.model_only(label))
               for label in turn.labels)


# A complaint made to the other (not one about a teacher, with "you" only inside a quotation).
_ADDRESSED: Final = re.compile(r"\b(?:you|u|your|ur|youre|you'?re|you'?ve|you'?d|you'?ll)\b", re.I)
_QUOTED: Final = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
_ASKS: Final = re.compile(r"\?|\b(?:can|could|would|will) (?:you|u)\b|\bplease\b|\bpls\b", re.I)


def _complaint_passed_over(previous: Sequence[TurnAnalysis], speaker: str, *,
                           model: bool) -> bool:
    """Whether the last turns are the other's reply (one or two turns, no label) to this
    speaker's own turn or two just before, one of them a confrontation."""
    others = 0
    for turn in reversed(previous):
        if turn.speaker == speaker:
            break
        if turn.labels or others == 2 or _ASKS.search(turn.text):
            return False  # a reply that asks something moves the talk on ("can u move ur car")
        others += 1
    if not others or len(previous) == others:
        return False
    own = previous[max(0, len(previous) - others - 2):len(previous) - others]
    return any(t.speaker == speaker and "rupture.confrontation" in t.labels
               and (model or not t.model_only("rupture.confrontation"))
               and _ADDRESSED.search(_QUOTED.sub(" ", t.text)) is not None for t in own)


def context_for(previous: Sequence[TurnAnalysis], speaker: str, *,
                model_ruptures: bool = False) -> TurnContext:
    """What the last two turns say about the moment this turn answers.

    For the rules, a rupture only the model raised is no tension (``model_ruptures=False``): one
    false label (a therapist's reflection read as confrontation) would otherwise make the next
    turn's "Yes." withdrawal as well. The fusion reads the model's own ruptures
    (``model_ruptures=True``): its withdrawal after them is its own reading of the two turns.
    """
    if not previous:
        return _OPENING
    last = previous[-1]
    if not last.labels and (len(previous) < 2 or not previous[-2].labels):
        # The usual case: the last two turns carry no label, so only what was said counts ...
        said = last.text if last.speaker != speaker else ""
        if _complaint_passed_over(previous, speaker, model=model_ruptures):
            # ... unless they were the other's reply, owning nothing, to this speaker's complaint
            # just before (round 19: "a heads up would be nice" / "sorry, comms were down" /
            # "tell him happy bday from me" / "Fine.").
            return TurnContext(tension=True, previous=said)
        return TurnContext(previous=said)
    recent = previous[-2:]
    tension = any(_rupture(t, model=model_ruptures) for t in recent)
    if not tension and previous:
        last = previous[-1]
        tension = last.speaker != speaker and "repair.acknowledge" in last.labels
    after_repair = any(
        is_repair(x) or x == RECONNECT for t in recent if t.speaker != speaker for x in t.labels
    )
    other = next((t for t in reversed(recent) if t.speaker != speaker), None)
    other_tension = other is not None and _rupture(other, model=model_ruptures)
    said_before = (previous[-1].text if previous and previous[-1].speaker != speaker
                   else "")
    return TurnContext(tension=tension, after_repair=after_repair, other_tension=other_tension,
                       previous=said_before)


def _after_their_jab(rules: RuleSet, text: str, hits: list[Hit], context: TurnContext,
                     model_context: TurnContext) -> list[Hit]:
    """``hits`` with the matches of the ``AFTER_THEIR_JAB`` rules when the other's last turn is a
    rupture only the model read (``model_context``), and without the labels those matches
    suppress."""
    if context.other_tension or not model_context.other_tension:
        return hits
    extra = [hit for hit in rules.find(text, model_context) if hit.rule.id in AFTER_THEIR_JAB]
    if not extra:
        return hits
    gone = {label for hit in extra for label in hit.rule.suppress}
    return [*(hit for hit in hits if hit.rule.label not in gone), *extra]


def score_hits(
    index: int, speaker: str, text: str, hits: Sequence[Hit], start: float | None = None
) -> TurnAnalysis:
    """Fuse rule hits into calibrated-looking label scores (noisy-or of rule weights)."""
    if not hits:  # most turns
        return TurnAnalysis(index=index, speaker=speaker, text=text, scores={}, start=start)
    miss: dict[str, float] = {}
    evidence: list[Evidence] = []
    shown: set[tuple[str, str | None, int, int]] = set()
    for hit in sorted(hits, key=lambda h: (h.start, _ORDER[h.rule.label], -h.rule.weight)):
        rule = hit.rule
        miss[rule.label] = miss.get(rule.label, 1.0) * (1.0 - rule.weight)
        # Every rule counts towards the score; a person reads one entry per label, subtype and
        # span (the surest rule's), not the same words once for each rule that matched them.
        if (key := (rule.label, rule.subtype, hit.start, hit.end)) in shown:
            continue
        shown.add(key)
        evidence.append(Evidence(
            label=rule.label, subtype=rule.subtype, start=hit.start, end=hit.end,
            text=text[hit.start:hit.end], source=f"rule:{rule.id}", score=rule.weight,
        ))
    for label, m in miss.items():
        own = [h for h in hits if h.rule.label == label]
        if 1.0 - m >= THRESHOLD and all(h.rule.weight < THRESHOLD for h in own):
            miss[label] = _nearby_miss(own)  # hints alone: only those close together count
    scores = {label: 1.0 - m for label, m in sorted(miss.items(), key=lambda kv: _ORDER[kv[0]])}
    labels = tuple(label for label, s in scores.items() if s >= THRESHOLD)
    # A plea for secrecy takes the kind of the sign it sits beside ("he hits me... please don't
    # tell him" is danger from him, not self-harm).
    return TurnAnalysis(index=index, speaker=speaker, text=text, labels=labels, scores=scores,
                        evidence=secret_follows([e for e in evidence if e.label in labels]),
                        start=start)


def _nearby_miss(weak: Sequence[Hit]) -> float:
    """The noisy-or miss of ``weak`` hits (rules too weak to carry a label alone: hints such as
    "pills" or "I've made up my mind") when only hints close together count together (within
    ``HINT_REACH`` characters): two hints far apart in a long letter ("the pills are in the cabinet
    if your mum needs them" and, paragraphs later, "I've made up my mind about the car") are no
    sign."""
    return min(  # the closest group: each hint with those that start soon after it ends
        prod(1.0 - h.rule.weight for h in weak
             if h.start >= first.start and h.start - first.end <= HINT_REACH)
        for first in weak
    )


def _outermost(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """``evidence`` (in its order) less the entries whose span lies inside, or around, the span
    of another of the same label and subtype: a person, or a study counting evidence rows, reads
    the same words once ("Whatever" and "Whatever."). The entry kept is the surest rule's (the
    widest span of equally sure ones). Labels and scores do not change: they were decided from
    every match."""
    entries = list(evidence)
    kept: list[Evidence] = []
    for entry in sorted(entries, key=lambda e: (-e.score, e.start - e.end, e.start)):
        if not any(k.label == entry.label and k.subtype == entry.subtype
                   and ((k.start <= entry.start and entry.end <= k.end)
                        or (entry.start <= k.start and k.end <= entry.end)) for k in kept):
            kept.append(entry)
    chosen = {id(e) for e in kept}
    return tuple(e for e in entries if id(e) in chosen)


def analyze_turn(
    index: int,
    speaker: str,
    text: str,
    previous: Sequence[TurnAnalysis] = (),
    *,
    start: float | None = None,
    rules: RuleSet | None = None,
) -> TurnAnalysis:
    """Analyse one turn given the analyses of the turns before it (crisis rules included)."""
    rules = rules or engine_rules()
    hits = rules.find(text, context_for(previous, speaker))
    return score_hits(index, speaker, text, hits, start)


def analyze_conversation(
    conversation: Conversation,
    *,
    mode: Mode = "full",
    region: str = DEFAULT_REGION,
    personal: PersonalHeads | None = None,
    workers: int | None = None,
) -> Analysis:
    """Analyse every turn in order, then find episodes and summarise safety.

    ``mode="full"`` fuses the shipped classifier with the rules; ``"rules"`` uses rules only.
    ``personal`` (from ``mend train``) mutes the rules a person marked wrong and applies their
    refitted heads to the classifier's probabilities. ``workers``: threads running the model on
    turns side by side (default: one per core; a batch worker that is one of many passes 1).
    """
    analysis = analyze_with_probabilities(conversation, mode=mode, region=region,
                                          personal=personal, workers=workers)[0]
    return replace(analysis, turns=tuple(replace(turn, evidence=_outermost(turn.evidence))
                                         for turn in analysis.turns))


def analyze_with_probabilities(
    conversation: Conversation,
    *,
    mode: Mode = "full",
    region: str = DEFAULT_REGION,
    personal: PersonalHeads | None = None,
    workers: int | None = None,
    rules_readings: list[TurnAnalysis] | None = None,
) -> tuple[Analysis, list[dict[str, float]]]:
    """``analyze_conversation``, and the classifier's own probabilities for each turn (label ->
    probability, after ``personal``'s heads; an empty list in rules mode or without a model; an
    empty dict for a turn the model cannot read, as it is not in English). Its turns keep every
    rule's evidence, spans inside each other's too (the critic reads each rule's span, as the
    episodes and the safety summary do); ``analyze_conversation`` shows them once
    (``_outermost``). ``rules_readings``, if given, receives the rules' own reading of each
    turn, before the model's (a first turn's is what ``analyze_turn`` gives it, unless
    ``personal`` mutes rules)."""
    if mode not in MODES:
        raise InvalidInputError(f"mode must be one of {MODES}, got {mode!r}")
    rules = engine_rules()
    model = _classifier() if mode == "full" else None
    unread = frozenset(unreadable_turns([turn.text for turn in conversation.turns]))
    # What the model reads of each turn: full-width and "fancy font" letters as ASCII, as the
    # rules read them ("Ｉ'ｍ ｓｏｒｒｙ"), without a transcriber's notes ("[inaudible]",
    # "(laughs)"). A turn that was only notes says nothing the model could read.
    said = ([without_annotations(fold_letters(turn.text)) for turn in conversation.turns]
            if model is not None else [])
    unsaid = frozenset(i for i, text in enumerate(said) if not text)
    model_out = (_model_probabilities(model, said, workers, unread | unsaid)
                 if model is not None else {})
    analysed: list[TurnAnalysis] = []
    ruled: list[TurnAnalysis] = []  # the rules' own reading of each turn
    raw: list[dict[str, float]] = []
    for position, turn in enumerate(conversation.turns):
        context = context_for(analysed, turn.speaker)
        blocked: set[str] = set()
        hits = rules.find(turn.text, context, blocked=blocked)
        if model is not None:
            hits = _after_their_jab(rules, turn.text, hits, context,
                                    context_for(analysed, turn.speaker, model_ruptures=True))
        if personal is not None and personal.muted_rules:
            # A person's corrections never silence a crisis rule (the heads refuse to hold one;
            # this keeps it so whatever a heads file says).
            hits = [hit for hit in hits
                    if hit.rule.id not in personal.muted_rules or hit.rule.label == CRISIS]
        result = score_hits(turn.index, turn.speaker, turn.text, hits, turn.start)
        ruled.append(result)
        if model is not None and (position in unread or position in unsaid):
            # The model cannot read this turn: its labels would be guesses (a German apology
            # read as a crisis, "[crosstalk]" as withdrawal). The rules' matches stand; for a
            # turn not in English, the safety summary says why.
            raw.append({})
        elif model is not None:
            from mendkit.analysis.episodes import awaiting_uptake
            from mendkit.analysis.fusion import fuse, owns_apology, standing_labels

            # Evidence against a label vetoes the model on it: a rule that says what a phrase is
            # not ("sorry you feel that way" is no apology), or a marker the rules set aside as
            # negated, reported or excluded ("I'm not saying you never help"). Not for crisis: a
            # crisis match set aside (an idiom, a laugh) only says those words were not crisis
            # talk, and a disclosure laughed off ("lol anyway i probably wont be around for the
            # wedding") must still reach the model, which reads the whole message. A rule that
            # suppresses crisis outright still vetoes it.
            vetoed = (blocked - {CRISIS}) | {label for hit in hits for label in hit.rule.suppress}
            probabilities: Iterable[float] = model_out[position]
            if personal is not None:
                probabilities = personal.adjust(probabilities, model.labels)
            probabilities = [float(p) for p in probabilities]
            raw.append(dict(zip(model.labels, probabilities, strict=True)))
            # Thanks right after the other's owned apology takes it up (round 18, fusion).
            owned_before = (bool(analysed) and analysed[-1].speaker != turn.speaker
                            and owns_apology(analysed[-1]))
            result = fuse(result, probabilities, model.labels, model.thresholds,
                          vetoed=vetoed,
                          context=context_for(analysed, turn.speaker, model_ruptures=True),
                          standing=standing_labels((hit.rule for hit in hits), text=turn.text,
                                                   owned_before=owned_before),
                          awaiting=lambda: awaiting_uptake(analysed))
        if personal is not None:
            previous = conversation.turns[position - 1].text if position else ""
            result = personal.override(result, previous)
        analysed.append(result)
    if rules_readings is not None:
        rules_readings.extend(ruled)
    # Crisis talk (round 16): a helper's question about the other's words is not the helper's
    # crisis, and support and the person's own words around a sign are no rupture or repair.
    strain = TurnContext(tension=True, after_repair=True, other_tension=True)

    def after_strain(position: int) -> TurnAnalysis:
        """The rules' reading of the turn at ``position`` as an answer to a strain (a crisis
        sign is one, though no rupture: "I'm here. I'm not going anywhere.")."""
        turn = conversation.turns[position]
        before = conversation.turns[position - 1] if position else None
        said = before.text if before is not None and before.speaker != turn.speaker else ""
        return score_hits(turn.index, turn.speaker, turn.text,
                          rules.find(turn.text, replace(strain, previous=said)), turn.start)

    # A helper's pointer to help ("you can call a domestic abuse line") is theirs no more than
    # a question is (round 18).
    analysed = calm_crisis_talk(without_referral_signs(without_asked_signs(analysed)), ruled,
                                after_strain)
    safety = assess(analysed, region)
    if model is not None:
        # A turn that goes on with a crisis sign ("no I mean it", known only from the turns
        # around it) gets no rupture only the model gave it, as a crisis-rule turn gets none.
        going_on = set(safety.turns) - {t.index for t in analysed if CRISIS in t.labels}
        if going_on:
            from mendkit.analysis.fusion import without_model_ruptures
            analysed = [without_model_ruptures(t) if t.index in going_on else t
                        for t in analysed]
            safety = assess(analysed, region)
    # A turn the summary counts as a crisis sign from the turns around it carries the label too.
    analysed = with_context_signs(analysed)
    analysis = Analysis(
        mend_version=__version__,
        mode=mode,
        conversation_id=conversation.id,
        speakers=tuple(s.id for s in conversation.speakers),
        turns=tuple(analysed),
        episodes=with_crisis_marks(
            find_episodes(analysed, replies=_replies(conversation), left=conversation.left),
            analysed,
        ),
        safety=_with_unread(safety, sorted(unread), region),
        source=conversation.source,
    )
    return analysis, raw


def _replies(conversation: Conversation) -> dict[int, int]:
    """Each turn that replies to an earlier one (``reply_to``: a Slack thread reply), mapped to
    that turn's index."""
    ids = {turn.id: turn.index for turn in conversation.turns if turn.id is not None}
    return {turn.index: ids[turn.reply_to] for turn in conversation.turns
            if turn.reply_to is not None and ids.get(turn.reply_to, turn.index) < turn.index}


def _with_unread(safety: Safety, unread: Sequence[int], region: str) -> Safety:
    """``safety``, saying which turns Mend cannot read, with the resources: its silence on
    them means nothing, and missing a crisis is the worst error it can make."""
    if not unread:
        return safety
    note = turns_note(unread)
    if safety.crisis:
        return replace(safety, message=f"{safety.message} {note}")
    return replace(safety, message=with_region_note(note, region),
                   resources=resources_for(region_or_default(region)[0]))


def _model_probabilities(
    model: TurnClassifier, said: Sequence[str], workers: int | None,
    unread: AbstractSet[int] = frozenset(),
) -> dict[int, npt.NDArray[np.float32]]:
    """The classifier's output for every turn (read with the turn before it), by position, given
    what it reads of each turn (``said``); the turns in ``unread`` are left out (not run: the
    model cannot read them).

    A turn's input is its text and the previous turn's text, never an earlier result, so turns
    run side by side; each run is one turn on its own, so the scores do not depend on the order.
    A turn longer than the model's window is read in windows, one run each, within its own
    reading (``TurnClassifier.probabilities``): a crisis sign or a repair in the fifth paragraph
    of a letter reaches the model too.
    """
    pairs = [(text, said[i - 1] if i else "") for i, text in enumerate(said)]
    read = [i for i in range(len(pairs)) if i not in unread]
    workers = min(workers or _cores(), len(read), 8)
    if workers <= 1:
        return {i: model.probabilities(*pairs[i]) for i in read}
    from mendkit.models.classifier import current_reader, readings_for

    reader = current_reader()  # whom the readings are for: the pool's threads do not know it

    def reading(i: int) -> npt.NDArray[np.float32]:
        with readings_for(reader):
            return model.probabilities(*pairs[i])

    with ThreadPoolExecutor(workers) as pool:  # onnxruntime releases the GIL while it runs
        return dict(zip(read, pool.map(reading, read), strict=True))


@once
def _cores() -> int:
    """The machine's cores (asked once: ``os.cpu_count`` reads the system each time)."""
    return os.cpu_count() or 1


def warm_up() -> None:
    """Load the rules, with every pattern compiled, and the classifier now (a server does this
    before its first request), and the language identifier in the background (the first text
    that needs it would wait for it)."""
    import threading

    from mendkit.analysis.language import warm_up as warm_up_language
    from mendkit.analysis.spelling import respell

    engine_rules().compile_all()
    respell("i cut myslef")  # the spelling tables, built when first needed
    _classifier()
    threading.Thread(target=warm_up_language, name="mend-language", daemon=True).start()


@once
def _classifier() -> TurnClassifier | None:
    """The shipped classifier, loaded once (None if this build has no model files)."""
    from mendkit.models.classifier import available, default_classifier

    return default_classifier() if available() else None
