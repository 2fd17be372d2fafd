"""The fixes the critic's issues offer: cutting a "but" or a justification, rewording an apology
that takes itself back, the kind of issue each rule's evidence is, and shown issues without repeats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from mendkit._critic_apology import KIND, too_much
from mendkit._critic_signs import (
    _ALREADY_SORRY_RE,
    _ALWAYS_NEVER_RE,
    _APOLOGY_RE,
    _BUT_RE,
    _EXCUSE_RE,
    _NO_EXCUSE_RE,
    _THEIR_FEELINGS_RE,
    _VAGUE_OWNING_RE,
    _VAGUE_RE,
    OVER_APOLOGY,
    YOU_ALWAYS_RE,
    _disowned,
    _unsaid,
)
from mendkit._rewrite import (
    ARRANGEMENT_RE,
    CLAUSE_END_RE,
    GAP,
    Fix,
    cut_criticism,
    owning_apology,
    sentence_stop,
)
from mendkit.analysis.text import Sentences, normalise
from mendkit.model import Evidence, Issue, TurnAnalysis

# A "but" straight after a non-apology's clause, in its sentence or opening the next one, that
# takes it back: turning on them, or on the writer's defence ("but I did nothing wrong"). A need
# ("but I need a minute") is not one, as the rules' own "sorry, but" has it.
_NEXT_BUT_RE: Final = re.compile(
    r"[,;:.!?\u2026]*\s*(?P<but>but)\s+(?:you|u|ur|your|i (?:did|didn'?t|was|wasn'?t|had|"
    r"hadn'?t|am|'m|never|only|just|really|honestly|stand|stick|meant|(?:don'?t|do not) regret|"
    r"still (?:think|believe|stand|say|mean|maintain|don'?t see)|would do it again)|"
    r"i'd do it again|i'm|im|it (?:was|wasn'?t|is|isn'?t)|it'?s|"
    r"that'?s|honestly|to be fair|in my defen[cs]e|come on|seriously|whatever|"
    r"(?:(?:he|she|they|(?:my|his|her|their|our) [a-z]+|[a-z]+) )?(?:started|began) "
    r"(?:it|this|that|the (?:fight|argument|row)))\b",
    re.IGNORECASE)
# An apology for how someone else felt, on an "if" ("I'm sorry if she felt hurt", "Sorry if your
# mum was offended"): a non-apology as "sorry if you felt" is, which the rules leave to the critic
# (theirs name "you", "anyone" and "my ..."). Not "sorry she was hurt", which is sympathy.
_IF_THEY_FELT_RE: Final = re.compile(
    r"\b(?:(?:i['\u2019]?m|i am|im) (?:(?:so|really|very|truly) )*)?(?:sorry|apologi[sz]e)"
    r"\s+(?:if|in case)\s+(?:he|she|they|(?:your|his|her|their|our) [a-z]+|(?-i:[A-Z][a-z]+))"
    r"(?:['\u2019](?:s|re)|\s+(?:feels?|felt|was|were|is|are|got|gets|seemed|seems))\s+"
    r"(?:(?:a bit|a little|so|really|very|at all|kind of)\s+)?(?:hurt|upset|offended|annoyed|sad"
    r"|bothered|put out|embarrassed|uncomfortable|left out|angry|mad|disappointed|insulted)\b"
    r"|\b(?:(?:i['\u2019]?m|i am|im) (?:(?:so|really|very|truly) )*)?(?:sorry|apologi[sz]e)\s+if"
    r"\s+(?:he|she|they|(?:your|his|her|their|our) [a-z]+|(?-i:[A-Z][a-z]+)) took (?:it|that|this)"
    r" (?:the wrong way|personally|badly|wrong)\b", re.IGNORECASE)


# What may follow a spliced apology after its comma and take it back: a "but" (not a need: "but
# I need a minute" stays, as the rules' own "sorry, but" has it) or an excuse ("honestly anyone
# would have", "I was just joking", "it was only a joke").
_TAKEN_BACK_RE: Final = re.compile(
    r"\s*,\s*(?:(?:but|though|although|except)\b(?!\s+(?:i (?:need|would like|want to "
    r"(?:talk|understand|listen|hear|make))|i['\u2019]d (?:like|love)|can we|could we|let['\u2019]?s)\b)"
    r"|(?:honestly|to be fair|in my defen[cs]e|come on|seriously|anyone would|anybody would"
    r"|everyone would|it was (?:only|just)|i was (?:only|just)|i (?:didn['\u2019]?t|did not) mean"
    r"|i (?:had|have) (?:no|a lot)|with everything|because|cause|since)\b)", re.IGNORECASE)


def _takes_it_back(text: str, said: str, end: int) -> bool:
    """Whether what follows a spliced apology (ending at ``end``) in its sentence takes it
    back: the non-apology's own words had a "but" in them ("sorry, but with everything going
    on, ...": the rest of the sentence is that "but"), or a "but" or an excuse follows it."""
    if not text[end:].lstrip().startswith(","):
        return False
    return bool(_BUT_RE.search(said) or _TAKEN_BACK_RE.match(text, end))


def _apology_issues(turn: TurnAnalysis, messages: Mapping[str, tuple[str, str]]
                    ) -> list[Issue]:
    """Excuses, an apology that names nothing, and too many apologies (inside an apology only)."""
    text = turn.text
    apologies = list(_APOLOGY_RE.finditer(text))
    if not apologies:
        return []
    found: list[tuple[str, int, int]] = []
    if not _NO_EXCUSE_RE.search(text):
        found += [("excuse", m.start(), m.end()) for m in _EXCUSE_RE.finditer(text)
                  if not _disowned(text, m.end()) and not _unsaid(text, m.start())][:1]
    vague = list(_VAGUE_RE.finditer(text))
    unowned = [(m.start(), m.end()) for m in [*vague, *_VAGUE_OWNING_RE.finditer(text)]]
    owned = any(e.label == "repair.responsibility" and e.source.startswith("rule:")
                and not any(e.start < end and start < e.end for start, end in unowned)
                for e in turn.evidence)
    if vague and not owned:
        found.append(("vague_apology", vague[0].start(), vague[0].end()))
    if len(apologies) >= OVER_APOLOGY:
        found.append(("over_apology", apologies[OVER_APOLOGY - 1].start(),
                      apologies[OVER_APOLOGY - 1].end()))
    elif (piled := too_much(text)) is not None:
        found.append(piled)
    return [Issue(kind=KIND.get(kind, kind), start=start, end=end, message=messages[kind][0],
                  suggestion=messages[kind][1]) for kind, start, end in found]


def _non_apology_fix(turn: TurnAnalysis, sentences: Sentences, start: int, end: int,
                     unbutted: list[tuple[int, int]]) -> Fix | None:
    """The fix for a non-apology on ``start:end``: an apology that owns a part in its place,
    taking with it a "but" that takes it back (whose span is added to ``unbutted``), or the cut
    of a sentence that points back to an earlier apology; None when no fix is safe."""
    text = sentences.text
    fix = _cut_if_owned(turn, sentences, start, end) or owning_apology(text, start, end)
    clause_end = CLAUSE_END_RE.search(text, end)
    but = _NEXT_BUT_RE.match(text, clause_end.start()) if clause_end else None
    if but is not None:  # "..., but I did nothing wrong": the "but" takes it back too
        b_end = len(text[:sentences.bounds(but.start("but"))[1]].rstrip())
        unbutted.append((but.start("but"), b_end))
        if fix is not None and ARRANGEMENT_RE.search(text, but.end("but"), b_end):
            # "..., but you're dropping them at 6pm on Friday": the arrangement stays, as written;
            # only the "but" that turned it against the apology goes.
            fix = Fix(fix.start, but.end("but"), fix.replacement)
        elif fix is not None:
            fix = Fix(fix.start, sentence_stop(text, b_end), _unstopped(fix.replacement))
    elif fix is not None and fix.replacement and (
            taken := _TAKEN_BACK_RE.match(text, fix.end)) is not None and taken.group().strip(
            " ,").lower() in _CONTRASTS and ARRANGEMENT_RE.search(
            text, taken.end(), sentences.bounds(fix.end)[1]):
        # "Sorry you feel that way, but I'll be collecting them at 10am on Saturday 14 June":
        # an arrangement is no blame. The apology is owned in its place, the "but" goes, and
        # what follows it stays exactly as written.
        fix = Fix(fix.start, taken.end(), fix.replacement)
    elif fix is not None and fix.replacement and _takes_it_back(text, text[start:end], fix.end):
        # "I'm sorry I ..., honestly anyone would have forgotten": the rest of a
        # "sorry, but" clause, a "but" or an excuse after the spliced apology would take it
        # back; it goes to the sentence's end.
        s_end = sentences.bounds(fix.end)[1]
        fix = Fix(fix.start, sentence_stop(text, s_end), _unstopped(fix.replacement))
    return fix


_CONTRASTS: Final = frozenset({"but", "though", "although", "except"})


def _cut_but(turn: TurnAnalysis, text: str, but: re.Match[str], s_start: int, s_end: int) -> Fix:
    """The fix for a "sorry, but": the "but" to its sentence's end goes, unless what follows it
    names a time, date or amount ("..., but pick-up is at 6pm on Friday"): an arrangement is no
    excuse, and stays as written; only the "but" goes (the non-apology's own fix, when there is
    one, takes the apology before it)."""
    if not ARRANGEMENT_RE.search(text, but.end(), s_end):
        return Fix(but.start(), sentence_stop(text, s_end), ".")
    if any(e.label == "rupture.invalidation" and e.subtype == "non_apology"
           and "-but-" not in e.source and s_start <= e.start < but.start() for e in turn.evidence):
        return Fix(but.start(), but.end(), "")
    rest = text[but.end():s_end]
    word = but.end() + len(rest) - len(rest.lstrip())
    return Fix(but.start(), word + 1, ". " + text[word].upper())


def _unstopped(replacement: str) -> str:
    """``replacement`` without its closing stop (the draft's own follows), but never the dots of
    the gap the person fills in ("I'm sorry I ...")."""
    return replacement if replacement.endswith(GAP) else replacement.rstrip(".")


def _owned_elsewhere(turn: TurnAnalysis, withdrawal: Evidence) -> bool:
    """Whether an appeasing "You're right, I'm sorry" apologises in a message that owns what
    the writer did elsewhere, with a rule to show it ("I kept teasing you ... That was
    unkind."): an apology that goes on to own something is not said to close the talk."""
    return (withdrawal.subtype == "appeasing"
            and _APOLOGY_RE.search(withdrawal.text) is not None
            and any(e.label == "repair.responsibility" and e.source.startswith("rule:")
                    and not (e.start < withdrawal.end and withdrawal.start < e.end)
                    for e in turn.evidence))


def _cut_if_owned(turn: TurnAnalysis, sentences: Sentences, start: int, end: int) -> Fix | None:
    """Cut a sentence that only points back to an earlier apology ("I've apologised three times
    already.") when the message owns its part elsewhere: a second, stock apology adds nothing."""
    s_start, s_end = sentences.bounds(start)
    text = sentences.text
    if not _ALREADY_SORRY_RE.search(text, start, end) or text[s_start:start].strip():
        return None
    owned = any(e.label == "repair.responsibility" and e.source.startswith("rule:")
                and not (s_start <= e.start < s_end) for e in turn.evidence)
    return Fix(s_start, s_end, "") if owned and text[:s_start].strip() else None


def _explained_as(kind: str, span: str, source: str = "") -> str:
    """Which explanation fits the words: a non-apology is not always about "their feelings"."""
    for marker, explanation in _EXPLAINED_BY_RULE.items():
        if marker in source:
            if explanation == "admission_but" and _APOLOGY_RE.search(span):
                return kind
            return explanation
    if kind != "non_apology" or _THEIR_FEELINGS_RE.search(span):
        return kind
    return "already_sorry" if _ALREADY_SORRY_RE.search(span) else "hollow_apology"


# The explanation that fits what a rule names, by a part of its id (the kind stays the rule's).
_EXPLAINED_BY_RULE: Final = {
    # "non-apology-blame-", not "-blame-": a complaint's blame ("complaint-blame-04") says no sorry.
    "non-apology-blame-": "blame_apology",
    "-grudging-": "grudging_apology",
    "-justify-": "justifying",
    "-turnback-": "turning_back",
    "non-apology-but-06": "admission_but",
    # Round fifteen: control called a boundary or care, a diagnosis that sets their words aside,
    # a feeling granted and taken back, their hurt turned round, and a push to drop the talk.
    "-control-": "control",
    "-diagnosis-": "diagnosis",
    "-unreal-": "taken_back",
    "-reversal-": "reversal",
    "-dropit-": "drop_it_pressure",
    # Round eighteen: pushing past a "no" to coming over, a drink or sex ("come on, don't be like
    # that"), said as that, not as a limit of space or no contact (these go before "-past-limit-").
    "-past-limit-no-": "past_no",
    "-past-limit-like-that-": "past_no",
    "-past-limit-come-over-": "past_no",
    "-past-limit-sex-": "past_no",
    "-past-limit-": "past_limit",
    # Guilt in polite words ("It's fine. I'm used to it by now."): a hurt not said (round fifteen).
    "pressure-guilt-": "unsaid_hurt",
    "-denied-harm-": "denied_harm",
}
# Defensiveness whose words a rewrite cuts: a justification or blame turned back, said beside
# an apology (the older defensiveness rules are left with no rewrite).
_CUT_WHOLE_RULES_RE: Final = re.compile(r"-(?:justify|turnback)-")
# A semicolon, colon or dash that ends the words before a hostile clause (see find_issues).
_CLAUSE_BREAK_END_RE: Final = re.compile(r"\s*(?:[;:\u2013\u2014]|\s-)\s*\Z")
# The "but" (or "though") that takes an apology back: in its sentence or opening the next.
_SORRY_BUT_RE: Final = re.compile(
    r"(?:,?\s*\b(?P<but>but|though|although|tho|even though)\b)", re.IGNORECASE)
# Pushing them to be over it: an end to the talk ("so you have to drop it now", "That means we're
# done talking about it"), an ultimatum ("Accept it by tonight or don't bother coming home",
# "Forgive me now or we're finished") and forgiveness or trust on a clock ("I need you to forgive
# me by Christmas", "When are you going to trust me again?"). Not the open question ("Can you
# forgive me?", "I hope one day you can trust me again") or "you don't have to forgive me".
_WHEN: Final = (r"(?:tonight|tomorrow|today|christmas|the weekend|the end of (?:the )?\w+|"
                r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next \w+|now|then)")
_PUSHING_ON_RE: Final = re.compile(
    r"(?P<ultimatum>\b(?:forgive me|accept (?:it|this|that|my apology)|get over it|drop it|let it"
    r" go|move on|trust me)\b[^.?!\n]{0,40}?\bor (?:else\b|don['\u2019]?t (?:bother|come|expect)"
    r"|we['\u2019]?re (?:done|finished|over|through)|i['\u2019]?m (?:leaving|gone|done|out)|it['\u2019]?s"
    r" over|i['\u2019]?ll (?:leave|go))[^.?!\n]*"
    rf"|\b(?:accept|forgive|trust)\b[^.?!\n]{{0,20}}?\bby {_WHEN}\b[^.?!\n]*)"
    r"|(?P<drop_it_pressure>\b(?:you|u)\s+(?:have|need|got|ought)\s+to\s+(?:just\s+)?(?:drop it"
    r"|let (?:it|this|that) go|move on|get over it|stop bringing (?:it|this|that) up|forget (?:about )?"
    r"(?:it|this|that))\b[^.?!\n]*"
    r"|\b(?:that|which|this) means (?:we['\u2019]?re|we are) (?:done|finished|through) (?:talking"
    r"|discussing|with (?:it|this|that))\b[^.?!\n]*"
    r"|\bend of (?:discussion|story|conversation)\b"
    r"|\bwhy (?:are|r) (?:you|u) still (?:so )?(?:upset|mad|angry|annoyed|sulking|hurt|going on about"
    r" (?:it|this|that))\b[^.?!\n]*"
    r"|\b(?:you(?:['\u2019]re| are)|ur|u r) (?:just |only |now )?punishing me\b[^.?!\n]*)"
    r"|(?P<forgiveness_pressure>\bi (?:need|want) (?:you|u) to (?:forgive|trust) me\b[^.?!\n]*"
    r"|\bwhen (?:are|will) (?:you|u) (?:going to |gonna )?(?:trust|forgive) me(?: again)?\b"
    r"|\bhow long (?:are|will) (?:you|u) (?:going to |gonna )?(?:punish|hold (?:this|it) against)"
    r" me\b)", re.IGNORECASE)
_SENTENCE_LEAD_RE: Final = re.compile(
    r"\s*(?:(?:and|so|honestly|frankly|actually|look|listen|well|seriously|let['\u2019]?s be"
    r" honest|to be honest|if anything)[,]?\s+)*\Z", re.IGNORECASE)


def cut_justification(sentences: Sentences, start: int) -> list[Fix]:
    """Cut what starts at ``start`` to the end of its sentence: the sentence, when only a lead
    word or two ("Honestly", "So") comes before it, or the clause, from the comma or the "and",
    "but", "so" that leads into it. Nothing when neither can go cleanly."""
    text = sentences.text
    s_start, s_end = sentences.bounds(start)
    before = text[s_start:start]
    if _SENTENCE_LEAD_RE.fullmatch(before):
        if not (text[:s_start].strip() or text[s_end:].strip()):
            return []
        return [Fix(s_start, s_end, "")]
    fixes = cut_criticism(sentences, start)
    if fixes:
        return [replace(f, complaint=False) for f in fixes]
    comma = re.search(r"\s*[,;:\u2013\u2014-]\s*\Z", before)
    if comma is None:
        return []
    return [Fix(s_start + comma.start(), sentence_stop(text, s_end), "")]


def _issue_kind(label: str, subtype: str | None, source: str, text: str) -> str | None:
    # As the rules read it: full-width letters and odd spaces folded, invisible marks dropped.
    text = "".join(c for c in normalise(text) if unicodedata.category(c) != "Cf")
    if label == "rupture.confrontation":
        if subtype == "criticism" and "always-never" in source and _ALWAYS_NEVER_RE.search(text):
            return "always_never"  # "you don't care" is a criticism, with no "always" to name
        if subtype == "complaint" and YOU_ALWAYS_RE.search(text):
            return "always_never"  # not "fair" and "one event" with an "always" in it
        return subtype
    if label == "rupture.invalidation":
        if subtype == "non_apology" and "-but-" in source:
            return "sorry_but"
        return subtype
    if label == "rupture.withdrawal":
        return "withdrawal"
    return None


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[str, int]] = set()
    out = []
    for issue in issues:
        key = (issue.kind, issue.start)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out
