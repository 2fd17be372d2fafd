"""What the critic flags in a draft: issues with spans, and the fixes they offer.

Each piece of rule evidence that undoes a repair becomes an issue of a kind (``_issue_kind``),
explained in the critic's words and pointed at the words that carry it; the critic also finds
what the rules name once or not at all (more "you always/never" verdicts, feelings that blame,
thoughts put as feelings, excuses and vague or piled-up apologies). A phrase is shown once, with
the reading that fits it best (``_one_reading``), and each issue brings the fix a rewrite applies
where one is safe (see ``mendkit._rewrite``). The words it reads for itself are in
``mendkit._critic_signs``, how one phrase is read in ``mendkit._critic_readings``, and the fixes
and issue kinds in ``mendkit._critic_cuts``; this module finds the issues.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from mendkit._critic_apology import over_apology_fixes
from mendkit._critic_care import own_past_words, pressing_questions
from mendkit._critic_cuts import (
    _CLAUSE_BREAK_END_RE,
    _CUT_WHOLE_RULES_RE,
    _IF_THEY_FELT_RE,
    _PUSHING_ON_RE,
    _SORRY_BUT_RE,
    _apology_issues,
    _cut_but,
    _dedupe,
    _explained_as,
    _issue_kind,
    _non_apology_fix,
    _owned_elsewhere,
    cut_justification,
)
from mendkit._critic_readings import (
    _OWNABLE,
    _UNKNOWN_ACT_RE,
    _clause_end,
    _example_before_but,
    _kept_apology,
    _listed,
    _more_verdicts,
    _on_the_pile,
    _one_reading,
    _reported,
)
from mendkit._critic_signs import (
    _ADVERB_RE,
    _AGENT_RE,
    _AGENT_START_RE,
    _BLAMING_RE,
    _CUT_DIG_RULES_RE,
    _FACE_AT_END_RE,
    _FORGIVE_DEMAND_RE,
    _LIST_SEPARATOR_RE,
    _PAST_FEELING,
    _SARCASM_BEFORE_FACE_RE,
    _SORRY_PILE_RE,
    _THOUGHT_RE,
    _YOU_MAKE_ME_FEEL_RE,
    _repair_alone,
    _warm_ending,
)
from mendkit._critic_signs import BLAMING_FEELINGS as BLAMING_FEELINGS  # noqa: PLC0414 (re-export)
from mendkit._critic_signs import OVER_APOLOGY as OVER_APOLOGY  # noqa: PLC0414 (re-export)
from mendkit._critic_signs import VALIDATING_NEVER_RE as VALIDATING_NEVER_RE  # noqa: PLC0414 (re-export)
from mendkit._critic_signs import YOU_ALWAYS_RE as YOU_ALWAYS_RE  # noqa: PLC0414 (re-export)
from mendkit._rewrite import Fix, cut_criticism, cut_withdrawal, sentence_stop
from mendkit.analysis.text import Sentences
from mendkit.model import Issue, TurnAnalysis


def find_issues(turn: TurnAnalysis, messages: Mapping[str, tuple[str, str]],
                muted: frozenset[str] = frozenset()
                ) -> tuple[list[Issue], list[Fix], list[Issue]]:
    """The issues to show, the fixes, and every reading found (a phrase is shown once, with the
    reading that fits it best, but a rewrite must still fix what any reading of it flags).
    ``messages`` explain each kind (the critic's ``_MESSAGES``); ``muted`` are rules the person
    turned off."""
    text = turn.text
    # Sentence bounds and quotation marks found once: asking for them afresh at every match made
    # a long message with many matches quadratic.
    sentences = Sentences(text)
    quotes = [i for i, c in enumerate(text) if c in "\"\u201c"]
    issues: list[Issue] = []
    fixes: list[Fix] = []
    unbutted: list[tuple[int, int]] = []  # the "but ..." after a non-apology
    sided: list[tuple[int, int]] = []  # a "you never" that takes their side: looked past
    for ev in turn.evidence:
        kind = _issue_kind(ev.label, ev.subtype, ev.source, ev.text)
        if kind is None:
            continue
        if kind in _OWNABLE and own_past_words(text, ev.start):
            sided.append((ev.start, ev.end))
            continue  # "I'm sorry I said you never ...": their own words, named to own them
        if kind == "non_apology" and _UNKNOWN_ACT_RE.search(
                text, ev.start, _clause_end(text, ev.end)):
            # "I'm sorry if I did something": not blame, an apology that cannot say for what;
            # no rewrite admits a wrong they do not know of.
            message, suggestion = messages["unsure_apology"]
            issues.append(Issue(kind="vague_apology", start=ev.start, end=ev.end,
                                message=message, suggestion=suggestion))
            continue
        message, suggestion = messages[_explained_as(kind, ev.text, ev.source)]
        start, end = ev.start, ev.end
        if kind == "always_never":
            if VALIDATING_NEVER_RE.match(text, ev.end):
                sided.append((ev.start, ev.end))
                continue  # "You never deserved that" takes their side: no verdict on them
            # The words that make the verdict ("you never"), not the "I feel like" before them.
            if (always := YOU_ALWAYS_RE.search(text, ev.start, ev.end)) is not None:
                start, end = always.span()
        if kind == "sorry_but":
            but = _SORRY_BUT_RE.search(text, ev.start, ev.end + 1)
            s_start, s_end = sentences.bounds(ev.start)
            warm = _warm_ending(text, but.end() if but else ev.end, s_end)
            if but and but.start("but") >= s_end:
                # "I'm sorry I hurt you. But let's be honest, ...": the "But" opens the next
                # sentence, which goes whole; the apology keeps its own stop.
                b_start, b_end = sentences.bounds(but.start("but"))
                start, end = but.start("but"), b_end
                kept = _kept_apology(turn, text, s_start, ev.start, sentence_stop(text, s_end))
                example = _example_before_but(turn, kept, s_start, s_end)
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(Fix(b_start, b_end, ""))
            elif but and warm is not None:
                # "I'm sorry, but you have to admit it was funny \U0001f602 love you": the "but" goes
                # and the warm ending stays, as its own sentence ("I'm sorry. Love you.").
                start, end = but.start("but"), sentence_stop(text, warm)
                kept = _kept_apology(turn, text, s_start, ev.start, but.start())
                example = _example_before_but(turn, kept, s_start, but.start())
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(Fix(but.start(), warm + 1, ". " + text[warm].upper()))
            elif but:  # the issue is the "but" on (the fix also takes the comma before it)
                start, end = but.start("but"), s_end
                kept = _kept_apology(turn, text, s_start, ev.start, but.start())
                example = _example_before_but(turn, kept, s_start, but.start())
                suggestion = f"{suggestion} {example}".rstrip()
                fixes.append(_cut_but(turn, text, but, s_start, s_end))
        elif kind == "defensiveness" and _CUT_WHOLE_RULES_RE.search(ev.source):
            # A justification or blame turned back, beside an apology: it goes (its sentence or
            # clause); where it cannot go cleanly, there is no rewrite.
            fixes.extend(cut_justification(sentences, ev.start))
        elif kind == "contempt" and _CUT_DIG_RULES_RE.search(ev.source):
            # A dig a rule matches whole ("Great job as always, 'Dad'.", "; try not to forget this
            # one"): it goes with its sentence or clause, and what else the message says stays
            # (an appointment, a time). Where it cannot go cleanly there is no rewrite.
            fixes.extend(replace(f, complaint=False) for f in cut_justification(sentences, ev.start))
        elif kind == "contempt" and not _SARCASM_BEFORE_FACE_RE.search(ev.text) and (
                face := _FACE_AT_END_RE.search(ev.text)):
            # The issue is the clause the face is made at, not the face alone (round sixteen:
            # "Someone get the tissues for the drama queen \U0001f644" is the dig, said whole),
            # unless those words alone are a repair ("I'm sorry I forgot your birthday
            # \U0001f644": the face is what mocks it). The fix takes the face out, and a fresh
            # check of what is left decides whether the words were the dig too (see the
            # critic's ``_still_flagged``).
            s_start = sentences.bounds(ev.start + face.start("face"))[0]
            start = max(ev.start, s_start)
            start += len(text[start:end]) - len(text[start:end].lstrip())
            if _repair_alone(text[start:ev.start + face.start()]):
                start = ev.start + face.start("face")
            # What follows the face straight after ("birthday \U0001f644\u2764\ufe0f") keeps its space.
            glued = ev.end < len(text) and not (text[ev.end].isspace()
                                                or text[ev.end] in ".!?\u2026")
            fixes.append(Fix(ev.start + (face.start("face") if glued else face.start()), ev.end,
                             ""))
        elif kind in ("contempt", "hostility"):
            # The sentence its marker ends in: an eye-roll after "... tonight? \U0001f644" is
            # its own, and the apology that the rule's reach ran back over stays.
            s_start, s_end = sentences.bounds(max(ev.start, ev.end - 1))
            if s_start > start:
                start = s_start + len(text[s_start:end]) - len(text[s_start:end].lstrip())
            # Sarcasm and scorn are a tone: cutting the words a rule points at ("Really.")
            # leaves the rest of the message saying it ("Oh great, thanks SO much."), so a
            # contempt has no fix and the draft no rewrite. (An eye-roll at the end is the
            # contempt itself, and goes: above.)
            if kind == "hostility":
                # A threat in a clause of its own after an arrangement ("The handover is 5:30pm
                # Friday; if you're late again you can forget about half-term"): the clause
                # goes, from its semicolon or dash, and the arrangement stays.
                clause = _CLAUSE_BREAK_END_RE.search(text, s_start, max(s_start, ev.start))
                if clause is not None and text[s_start:clause.start()].strip():
                    fixes.append(Fix(clause.start(), sentence_stop(text, s_end), ""))
                else:
                    fixes.append(Fix(s_start, s_end, ""))
        elif kind in ("criticism", "always_never"):
            fixes.extend(cut_criticism(sentences, ev.start))
        elif kind == "pressure" and "-dropit-" in ev.source:
            # "Can we drop it now?": the push to end the talk goes (its sentence or clause); where
            # it cannot go cleanly there is no rewrite (pressure must go).
            fixes.extend(replace(f, complaint=False) for f in cut_justification(sentences, ev.start))
        elif kind == "non_apology":
            fix = _non_apology_fix(turn, sentences, ev.start, ev.end, unbutted)
            if fix is not None:  # else not fixed: a must-go issue, so no rewrite
                fixes.append(fix)
        elif kind == "withdrawal" and (pile := _SORRY_PILE_RE.match(text, ev.start)):
            # "I'm sorry, I'm sorry, I'm sorry" appeases: too much apology, not a closed door.
            # One apology stays ("I'm sorry. Please don't be mad.").
            kind, (start, end) = "over_apology", pile.span()
            message, suggestion = messages[kind]
        elif kind == "withdrawal" and _owned_elsewhere(turn, ev):
            continue  # "You're right, I'm sorry. I kept teasing you ...": not to end the talk
        elif kind == "withdrawal":
            fixes.extend(cut_withdrawal(sentences, ev.start, ev.end))
        issues.append(Issue(kind=kind, start=start, end=end, message=message,
                            suggestion=suggestion))
    for m in _IF_THEY_FELT_RE.finditer(text):
        # "I'm sorry if she felt hurt": the rules name the "if" for "you" and "anyone" only.
        if _reported(sentences, quotes, m.start()) or any(
                i.kind in ("non_apology", "sorry_but") and i.start < m.end() and m.start() < i.end
                for i in issues):
            continue
        message, suggestion = messages["non_apology"]
        issues.append(Issue(kind="non_apology", start=m.start(), end=m.end(), message=message,
                            suggestion=suggestion))
        if (fix := _non_apology_fix(turn, sentences, m.start(), m.end(), unbutted)) is not None:
            fixes.append(fix)
    if sided or any(i.kind in ("always_never", "criticism") for i in issues):
        for start, end in _more_verdicts(sentences, issues, muted, sided):
            message, suggestion = messages["always_never"]
            issues.append(Issue(kind="always_never", start=start, end=end, message=message,
                                suggestion=suggestion))
            fixes.extend(cut_criticism(sentences, start))
    if not any(i.kind == "sorry_but" for i in issues):
        for b_start, b_end in unbutted:
            message, suggestion = messages["sorry_but"]
            issues.append(Issue(kind="sorry_but", start=b_start, end=b_end, message=message,
                                suggestion=suggestion))
    for m in _BLAMING_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        words = list(dict.fromkeys(_ADVERB_RE.sub("", w).lower()
                                   for w in _LIST_SEPARATOR_RE.split(m.group("words"))))
        # "scared and alone" and "hurt" list as "hurt, scared and alone", not "hurt and scared and
        # alone": each feeling word once.
        feelings = _listed(list(dict.fromkeys(
            part for w in words for part in BLAMING_FEELINGS[w][0].split(" and "))))
        needs = _listed(list(dict.fromkeys(BLAMING_FEELINGS[w][1] for w in words)))
        verb = "felt" if m.group("verb").lower().replace("\u2019", "'") in _PAST_FEELING \
            else "feel"
        quoted = _listed([f"\"{w}\"" for w in words])
        # The renderers put "Try:" before a suggestion: it must not start with "Try" itself.
        says, it, beneath = ("says", "it", "the feeling and need beneath it") if len(words) == 1 \
            else ("say", "they", "the feelings and needs beneath them")
        issues.append(Issue(
            kind="blaming_feeling", start=m.start(), end=m.end(),
            message=f"{quoted} {says} what they did more than what you feel, so {it} can land as "
                    "an accusation.",
            suggestion=f"Name {beneath}: \"I {verb} {feelings}, and I need {needs}.\"",
        ))
        # The draft's own words up to the feeling stay ("I feel so ..."): its tense too. Who did
        # it goes with the word ("ignored by you"); too long a phrase to cut leaves no fix.
        adverb = _ADVERB_RE.match(m.group("words"))
        end = m.end()
        if (agent := _AGENT_RE.match(text, end)) is not None:
            end = agent.end()
        elif _AGENT_START_RE.match(text, end):
            continue
        said = m.group("words")  # "I FEEL IGNORED" is "I FEEL LONELY", in the draft's case
        fixes.append(Fix(m.start("words") + (adverb.end() if adverb else 0), end,
                         feelings.upper() if said.isupper() else feelings))
    for m in _THOUGHT_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        message, suggestion = messages["thought_as_feeling"]
        issues.append(Issue(kind="thought_as_feeling", start=m.start(), end=m.end(),
                            message=message, suggestion=suggestion))
    for m in _YOU_MAKE_ME_FEEL_RE.finditer(text):
        if not _reported(sentences, quotes, m.start()):  # no fix: no rewrite keeps it
            message, suggestion = messages["you_make_me_feel"]
            issues.append(Issue(kind="blaming_feeling", start=m.start(), end=m.end(),
                                message=message, suggestion=suggestion))
    for m in _FORGIVE_DEMAND_RE.finditer(text):
        if _reported(sentences, quotes, m.start()):
            continue
        message, suggestion = messages["forgiveness_pressure"]
        issues.append(Issue(kind="pressure", start=m.start(), end=m.end(), message=message,
                            suggestion=suggestion))
        # The demand goes (its clause, or its sentence): the apology before it stays.
        fixes.extend(replace(f, complaint=False) for f in cut_criticism(sentences, m.start()))
    for m in _PUSHING_ON_RE.finditer(text):
        # "so you have to drop it now", "Accept it by tonight or don't bother coming home",
        # "I need you to forgive me by Christmas": an end date on their hurt.
        if _reported(sentences, quotes, m.start()) or any(
                i.kind == "pressure" and i.start < m.end() and m.start() < i.end for i in issues):
            continue
        said = next(name for name, value in m.groupdict().items() if value)
        message, suggestion = messages[said]
        issues.append(Issue(kind="pressure", start=m.start(), end=m.end(), message=message,
                            suggestion=suggestion))
        fixes.extend(replace(f, complaint=False) for f in cut_justification(sentences, m.start()))
    for q_start, q_end, fix in pressing_questions(text):
        # "What more do you want from me?": pushing back, which the rules may not name.
        if _reported(sentences, quotes, q_start) or any(
                i.start < q_end and q_start < i.end for i in issues):
            continue
        message, suggestion = messages["pressing"]
        issues.append(Issue(kind="defensiveness", start=q_start, end=q_end, message=message,
                            suggestion=suggestion))
        if fix is not None:
            fixes.append(fix)
    # A pile of "sorry"s is one issue, however the rules and the count each found it.
    piled = any(i.kind == "over_apology" for i in issues)
    issues.extend(i for i in _apology_issues(turn, messages) if not (piled and i.kind == "over_apology"))
    issues = [_on_the_pile(text, i, fixes) if i.kind == "over_apology" else i for i in issues]
    if any(i.kind == "over_apology" for i in issues):  # one apology stays, said once
        fixes.extend(over_apology_fixes(text, [m.span() for m in _SORRY_PILE_RE.finditer(text)]))
    held = _dedupe(issues)
    return _one_reading(held), fixes, held
