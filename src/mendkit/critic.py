"""The message critic: scores one message as a repair and says what to change, and why.

``repair_quality`` (0-1) rises with the parts of a repair the research points to (owning one's part,
validating the other, a feeling said as an I-statement, a concrete request or commitment, naming
what happened, appreciation) and falls with what undoes one (contempt, hostility, character
criticism and "always/never", non-apologies, "sorry, but", defensiveness, minimising, pressure,
and, inside an apology, excuses, an apology that never says for what, and a pile of "sorry"s).
Length earns nothing. Components count only with rule evidence (a span to point at); in full mode
the model's reading of the whole message moves the score a little (up for repair, down for a
rupture), which ranks drafts the rules cannot read. Issues carry spans and a suggestion;
``rewrite`` applies the safe fixes.

The issues are found in ``mendkit._critic_issues`` and the rewrite is built in
``mendkit._rewrite``; what a repair's checklist does not fit (a limit the person sets, taking on
what the other person did, pleading, a letter that needs no answer, a threat received) is found
in ``mendkit._critic_care`` (an ending, and a chase for a reply, in ``mendkit._critic_endings``),
and lines quoted from the message answered are set aside by
``mendkit._critic_quotes``. The components are counted in ``mendkit._critic_components``, the
issues worded in ``mendkit._critic_messages``, the notes written in ``mendkit._critic_notes``,
teasing told from scorn in ``mendkit._critic_teasing`` and a rewrite checked afresh in
``mendkit._critic_recheck``. This module scores the draft and decides what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from mendkit._critic_apology import leaves_too_much as leaves_too_much  # noqa: PLC0414 (re-export)
from mendkit._critic_care import (
    TheirAct,
    beside_limits,
    beside_pleading,
    care_issues,
    drops_a_limit,
    limits,
    sentences_of,
    their_acts,
)
from mendkit._critic_components import COMPONENT_WEIGHTS as COMPONENT_WEIGHTS  # noqa: PLC0414 (re-export)
from mendkit._critic_components import _components
from mendkit._critic_endings import CHASE_COMPLAINT, ENDING_FITS, calmer, chases, ends_things
from mendkit._critic_endings import CHASING_NOTE as CHASING_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_endings import ENDING_NOTE as ENDING_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_hurt import hurt_issues
from mendkit._critic_issues import BLAMING_FEELINGS as BLAMING_FEELINGS  # noqa: PLC0414 (re-export)
from mendkit._critic_issues import OVER_APOLOGY as OVER_APOLOGY  # noqa: PLC0414 (re-export)
from mendkit._critic_issues import VALIDATING_NEVER_RE as VALIDATING_NEVER_RE  # noqa: PLC0414 (re-export)
from mendkit._critic_issues import YOU_ALWAYS_RE as YOU_ALWAYS_RE  # noqa: PLC0414 (re-export)
from mendkit._critic_issues import find_issues as find_issues  # noqa: PLC0414 (re-export)
from mendkit._critic_messages import _MESSAGES as _MESSAGES  # noqa: PLC0414 (re-export)
from mendkit._critic_messages import ISSUE_NAMES as ISSUE_NAMES  # noqa: PLC0414 (re-export)
from mendkit._critic_messages import _explained
from mendkit._critic_messages import issue_name as issue_name  # noqa: PLC0414 (re-export)
from mendkit._critic_messages import suggestion_line as suggestion_line  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import ACCEPT_NOTE as ACCEPT_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import DEED_NOTE as DEED_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import (
    GAP_REWRITE_NOTE,
    LETTER_NOTE,
    QUOTED_NOTE,
    _model_rupture_note,
    _notes,
    _owned_before_the_but,
    _threatens,
    _unread_note,
    _with_context_risk,
    unsafe_note,
)
from mendkit._critic_notes import LIMIT_NOTE as LIMIT_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import MISSING_NOTE as MISSING_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import THREAT_NOTE as THREAT_NOTE  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import _context_note as _context_note  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import is_unread as is_unread  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import missing_components as missing_components  # noqa: PLC0414 (re-export)
from mendkit._critic_notes import sensed_components as sensed_components  # noqa: PLC0414 (re-export)
from mendkit._critic_quotes import set_aside, tidied
from mendkit._critic_recheck import _BRUSH_OFF_RE as _BRUSH_OFF_RE  # noqa: PLC0414 (re-export)
from mendkit._critic_recheck import _CONFRONTING, _model_confronts
from mendkit._critic_recheck import _MUST_NOT_RETURN as _MUST_NOT_RETURN  # noqa: PLC0414 (re-export)
from mendkit._critic_recheck import _PASSIVE_SORRY_RE as _PASSIVE_SORRY_RE  # noqa: PLC0414 (re-export)
from mendkit._critic_recheck import _still_flagged as _still_flagged  # noqa: PLC0414 (re-export)
from mendkit._critic_teasing import _as_teasing as _as_teasing  # noqa: PLC0414 (re-export)
from mendkit._rewrite import gaps, suggested_rewrite
from mendkit.analysis.language import CHECK_NOTE
from mendkit.analysis.pipeline import Mode, analyze_turn, analyze_with_probabilities
from mendkit.analysis.safety import (
    DEFAULT_REGION,
    assess,
    assess_last,
    region_or_default,
    resources_for,
    with_region_note,
)
from mendkit.labels import CRISIS, is_rupture
from mendkit.model import CheckResult, Conversation, TurnAnalysis

if TYPE_CHECKING:
    from mendkit.models.personal import PersonalHeads


BASE: Final = 0.22
# Full mode adds the model's reading (``_model_term``), chosen on the tuning pairs with v5 from a
# plateau (0.1-0.3 for each gave the same accuracy): data/corpus/DATASHEET.md, "the critic's rule".
MODEL_REPAIR_WEIGHT: Final = 0.2
MODEL_RUPTURE_WEIGHT: Final = 0.2
PENALTIES: Final = {
    "contempt": 0.4, "hostility": 0.4, "non_apology": 0.3, "sorry_but": 0.25, "criticism": 0.25,
    "always_never": 0.25, "defensiveness": 0.2, "minimizing": 0.2, "dismissing": 0.2,
    "condescension": 0.2, "pressure": 0.15, "complaint": 0.05, "blaming_feeling": 0.12,
    "thought_as_feeling": 0.06, "rejection": 0.15, "withdrawal": 0.1,
    "excuse": 0.1, "vague_apology": 0.1, "over_apology": 0.1, "self_blame": 0.08,
    "pleading": 0.08, "quoted_hurt": 0.2,
}


def critique(
    text: str,
    *,
    region: str = DEFAULT_REGION,
    context: Sequence[str] = (),
    mode: Mode = "full",
    personal: PersonalHeads | None = None,
) -> CheckResult:
    """Score ``text`` as a repair message (see the module docstring)."""
    # Lines it quotes from the message it answers ("> you never ...") are not the writer's: they
    # are blanked (every offset still indexes ``text``) and read as that message.
    own, quoted = set_aside(text)
    if quoted:
        context = [*context, quoted]
    n = len(context)
    speakers = ["them" if (n - i) % 2 else "me" for i in range(n)]
    conversation = Conversation.from_turns([*zip(speakers, context, strict=True), ("me", own)],
                                           id="check")
    ruled: list[TurnAnalysis] = []
    analysis, probabilities = analyze_with_probabilities(conversation, mode=mode,
                                                         personal=personal, rules_readings=ruled)
    turn = analysis.turns[-1]
    risk = assess_last(analysis.turns, region)  # an answer to "are you safe?" counts too
    issues, fixes, held = find_issues(turn, _MESSAGES,
                                      personal.muted_rules if personal else frozenset())
    issues = _as_teasing(own, issues, turn)
    limit_spans = limits(own)
    issues, fixes, held = beside_limits(issues, fixes, held, limit_spans)
    acts = their_acts(own)
    cared, unearned = care_issues(own, acts, issues, _MESSAGES)
    issues, fixes, held = beside_pleading(issues, fixes, held, unearned)
    # One's own hurtful words quoted back (round 19), where no issue names those words already.
    hurt = [h for h in hurt_issues(own, *_MESSAGES["quoted_hurt"])
            if not any(i.start < h.end and h.start < i.end for i in [*issues, *cared])]
    issues = [*issues, *cared, *hurt]
    # An ending owns no fault and asks for nothing: closing the door is what it does, so it is
    # not flagged for it (contempt in one still is). A chase is advised as one (round seventeen).
    ending = ends_things(own)
    chasing = not ending and chases(own)
    if ending:
        issues = [i for i in issues if i.kind not in ENDING_FITS]
    # A component counts when a rule shows it with a span the person can see; the model's
    # whole-turn guesses inform the labels and risk, not the score a draft is ranked by.
    # The rewrite's gap, taken as it is ("I'm sorry I ..."), names no act: it owns nothing.
    gapped = gaps(own)
    components = _components(turn, [*unearned, *gapped], sentences_of(own, acts))
    if limit_spans:
        components["request"] = True  # a limit is the request a message that sets one makes
    quality = BASE + sum(w for name, (_, w) in COMPONENT_WEIGHTS.items() if components[name])
    quality -= sum(PENALTIES.get(kind, 0.1) for kind in {i.kind for i in issues})
    if chasing:  # not a demand added to a chase: the need said once, calmly
        message, suggestion = CHASE_COMPLAINT
        issues = [replace(i, message=message, suggestion=suggestion) if i.kind == "complaint"
                  else i for i in issues]
    elif components["request"]:  # not "add what you would like" to a message that says it
        issues = [_explained(i, "complaint_with_request") if i.kind == "complaint" else i
                  for i in issues]
    if probabilities:
        quality += _model_term(probabilities[-1])
    # Alone, the rules read a message with nothing before it as the pipeline's rules did (no
    # context, nor a person's muted rules, to tell them apart): that reading, not a second one.
    alone = ruled[-1] if not context and not (personal and personal.muted_rules) else None
    overruled = (_overruled(turn, analysis.turns[:-1], [*unearned, *gapped], acts, alone)
                 if mode != "rules" else set[str]())
    if _owned_before_the_but(own, issues):
        overruled.add("ownership")  # the "but" undoes it; the issue's example keeps it
    notes = _notes(own, turn, components, issues, acts=acts, limit_spans=limit_spans,
                   overruled=overruled, gapped=bool(gapped))
    if ending or chasing:  # a repair's checklist does not fit it: the note says what does
        notes = [ENDING_NOTE if ending else CHASING_NOTE,
                 *(n for n in notes if not n.startswith(MISSING_NOTE) and n != LETTER_NOTE)]
    elif not issues and (unexplained := [label for label in turn.labels
                                         if is_rupture(label) and turn.model_only(label)]):
        notes.append(_model_rupture_note(unexplained))
    if quoted:
        notes.append(QUOTED_NOTE)
    rewrite = suggested_rewrite(own, turn, fixes, issues, held)
    if ending and (not issues or (rewrite is not None and not ends_things(rewrite))):
        rewrite = None  # nothing to change in a kind ending; a rewrite must keep the decision
    if chasing and not quoted and not components["ownership"]:
        rewrite = calmer(own)  # the need kept, with no chasing and no guess at their silence
    if rewrite is not None and (_still_flagged(rewrite, {i.kind for i in held})
                                or drops_a_limit(own, rewrite, limit_spans)
                                or their_acts(rewrite)):
        rewrite = None  # a rewrite that a fresh check flags, or that drops a limit, is no better
    if rewrite is not None and mode == "full" and {i.kind for i in held} & _CONFRONTING \
            and _model_confronts(rewrite, context, personal):
        rewrite = None  # the model still reads what is left as moving against them
    if rewrite is not None and quoted:
        rewrite = tidied(rewrite)
    if _threatens(turn):
        # What a cut leaves of a threat still threatens ("You'll regret this. Watch your back."
        # cut to "Watch your back."): no rewrite, and the note says why.
        rewrite = None
        notes.append(THREAT_NOTE)
    if rewrite is not None and gaps(rewrite):
        notes.append(GAP_REWRITE_NOTE)
    if risk.crisis:
        # Safety first: repair coaching stops when someone may be unsafe.
        issues, rewrite = [], None
        notes = [unsafe_note(own, risk.kinds, model_only=turn.model_only(CRISIS))]
    unread = _unread_note(own, context)
    if unread is not None:
        # Mend cannot read it (the model had no say: see the pipeline), so its silence means
        # nothing: it says so, and shows the resources gently, with no crisis claimed.
        if unread == CHECK_NOTE:  # what is "missing" from a message Mend cannot read is unknown
            notes = [n for n in notes if not n.startswith(MISSING_NOTE)]
        notes = [*notes, unread]
        if not risk.crisis:
            risk = replace(risk, message=with_region_note(unread, region),
                           resources=resources_for(region_or_default(region)[0]))
    evidence = turn.evidence
    if quoted:  # a span that runs into a blanked line says what the message as given says there
        evidence = tuple(e if text[e.start:e.end] == e.text else replace(e, text=text[e.start:e.end])
                         for e in evidence)
    result = CheckResult(
        text=text,
        labels=turn.labels,
        scores=turn.scores,
        evidence=evidence,
        repair_quality=min(1.0, max(0.0, quality)),
        components=components,
        issues=tuple(sorted(issues, key=lambda i: (i.start, i.kind))),
        risk=risk,
        rewrite=rewrite,
        notes=tuple(notes),
    )
    # The messages being answered were analysed with the draft: their crisis signs count too.
    return _with_context_risk(result, assess(analysis.turns[:-1], region), analysis.turns[:-1],
                              region)


def _overruled(turn: TurnAnalysis, before: Sequence[TurnAnalysis],
               unearned: Sequence[tuple[int, int]], acts: Sequence[TheirAct],
               alone: TurnAnalysis | None = None) -> set[str]:
    """The components the rules alone find in ``turn`` that the model's reading overruled (in
    full mode a long letter's late sentences lie past what the model reads): not "missing".
    ``alone``: the rules' reading of ``turn`` if known (else they read it again here)."""
    if alone is None:
        alone = analyze_turn(turn.index, turn.speaker, turn.text, before, start=turn.start)
    found = _components(alone, unearned, sentences_of(turn.text, acts))
    return {name for name, present in found.items() if present}


def _model_term(probabilities: Mapping[str, float]) -> float:
    """Full mode's soft part of the score: the model's reading of the whole message, a little up
    for the parts of a repair (weighted as the components) and down for its strongest rupture."""
    repair = sum(weight * probabilities.get(label, 0.0)
                 for label, weight in COMPONENT_WEIGHTS.values())
    rupture = max((p for label, p in probabilities.items() if is_rupture(label)), default=0.0)
    return MODEL_REPAIR_WEIGHT * repair - MODEL_RUPTURE_WEIGHT * rupture
