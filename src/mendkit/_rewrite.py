"""The critic's suggested rewrite: the fixes its issues offer, applied to the draft.

A fix cuts a sentence, a clause or a list item (with its number), or rewords a non-apology into
one that owns the act the writer named, or leaves a gap ("I'm sorry I ...") for them to name it
(``owning_apology``). ``suggested_rewrite`` applies the fixes, tidying only
their seams, keeps a numbered list in order, and offers nothing when the result would be no
better: it keeps what was flagged, says nothing but a bare apology, closes the door as curtly, or
has lost the person's point.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Final

from mendkit.analysis.text import Sentences
from mendkit.labels import is_rupture
from mendkit.model import Evidence, Issue, TurnAnalysis

# A clause that a criticism or an "always/never" can be cut from, with what leads into it.
_CLAUSE_LEAD_RE: Final = re.compile(r",?\s+(?:and|but|because|so)\s+\Z", re.IGNORECASE)
# Issues a rewrite must leave nothing of: offered only when every one of them is fixed.
_MUST_GO: Final = frozenset({"contempt", "hostility", "criticism", "always_never",
                             "non_apology", "sorry_but", "defensiveness", "minimizing",
                             "dismissing", "condescension", "blaming_feeling", "withdrawal",
                             "pressure"})
# An arrangement: a time ("10am", "18:00", "6.30pm"), a date ("Saturday 14 June", "the 20th",
# "23/12") or an amount ("\u00a3125", "40 quid"). Arrangements are not blame: a rewrite keeps each
# of them exactly, or is not offered.
ARRANGEMENT_RE: Final = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\d)|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)\b"
    r"|\b(?:noon|midday|midnight)\b"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)\b"
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|[\u00a3$\u20ac]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:pounds|quid|dollars|euros|bucks)\b",
    re.IGNORECASE)


def arrangements(text: str) -> list[str]:
    """The times, dates and amounts ``text`` names, as written."""
    return [m.group() for m in ARRANGEMENT_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``start:end`` of the draft with ``replacement`` ("" cuts it)."""

    start: int
    end: int
    replacement: str
    complaint: bool = False  # the cut takes out a whole sentence or clause of complaint


def suggested_rewrite(text: str, turn: TurnAnalysis, fixes: list[Fix], issues: list[Issue],
                      held: list[Issue]) -> str | None:
    """``text`` (the draft ``turn`` was read from) with ``fixes`` applied, or None when nothing
    changed or the result is no better. ``issues`` are those shown, ``held`` every reading found
    (a rewrite must fix what any of them flags)."""
    fixes = _with_item_numbers(text, fixes)  # a cut list item takes its number with it
    rewrite, fixed = _rewrite(text, fixes)
    if rewrite is not None and (tidy := _hanging_contrasts(text, fixes, fixed)):
        rewrite, _ = _rewrite(text, [*fixes, *tidy])  # "fixed" stays: what the fixes took
    rewrite = _renumbered(text, rewrite)
    if rewrite is not None and _keeps_what_was_flagged(text, rewrite, held, fixed):
        rewrite = None  # a "better" message that keeps what was flagged is no better
    if rewrite is not None and _bare(rewrite) and (
            _drops_a_sentence(text, fixes, fixed) or any(i.kind == "over_apology" for i in issues)):
        rewrite = None  # the cuts left nothing of what the message is about: "sorry" alone
    if rewrite is not None and any(i.kind == "withdrawal" for i in issues) and (
            _curt(rewrite) or _DENIAL_RE.search(rewrite) or _BRUSH_OFF_RE.search(rewrite)):
        rewrite = None  # "Whatever. Fine." cut to "Fine.", to "I'm not even bothered", or to
        # "Aight. Whatever." (round seventeen) is the same closed door
    if rewrite is not None and _drops_the_complaint(turn, fixes, fixed):
        rewrite = None  # "Hey" alone, with what they wanted to say cut out
    if rewrite is not None and gaps(rewrite):
        rewrite = _around_the_gap(text, turn, fixes, fixed)
        if rewrite is not None and not gaps(rewrite):
            rewrite = None
    if rewrite is not None and _LONE_SORRY_RE.fullmatch(rewrite):
        rewrite = GAP  # never a bare "sorry" (round seventeen): the gap asks what they did
    if rewrite is not None and _loses_an_arrangement(text, rewrite):
        rewrite = None  # a handover time or an amount the person must send is not to be lost
    if rewrite is not None and any(i.kind in ("non_apology", "sorry_but") for i in issues):
        # "I'll still pick the kids up" after an apology that blamed: the "still" is grudging
        # (round fifteen). The rewrite keeps the offer without it.
        rewrite = _GRUDGING_STILL_RE.sub(r"\1", rewrite)
    return rewrite


# A rewrite that is a bare "sorry" and nothing more ("sorry but you never text back" cut to
# "sorry"): it owns nothing, not even an "I'm" (which the writer's own "I'm sorry." keeps).
_LONE_SORRY_RE: Final = re.compile(r"\W*(?:(?:so|really|very|truly) )*(?:sorry|soz|sry)\W*",
                                   re.IGNORECASE)
_GRUDGING_STILL_RE: Final = re.compile(
    r"\b(i(?:['\u2019]ll| will| can| am|['\u2019]m)(?: happy to)?) still\b(?! (?:love|care|want|"
    r"think|feel|miss|mean|need)\b)", re.IGNORECASE)


def _loses_an_arrangement(text: str, rewrite: str) -> bool:
    """Whether a time, date or amount ``text`` names is missing from ``rewrite``."""
    said = arrangements(text)
    if not said:
        return False
    kept = arrangements(rewrite)
    return any(said.count(a) > kept.count(a) for a in set(said))


def _around_the_gap(text: str, turn: TurnAnalysis, fixes: list[Fix],
                    fixed: list[tuple[int, int]]) -> str | None:
    """The rewrite of a message whose apology names no act (the gap, "I'm sorry I ..."): the
    gap, and of the rest only the parts a rule reads as repair with no rupture in them ("Can we
    talk tonight?") and the greeting, sign-off or lead word around it ("Hi Sam,", "Love, Jo",
    "Look,"). Whatever the rules did not flag around an apology that owns nothing ("so don't act
    like I'm the monster", "That should be the end of it", "I'm just honest") is too likely what
    made it one: it goes, and the person says the rest in their own words."""
    taken = set(fixed)
    applied = sorted((f for f in fixes if (f.start, f.end) in taken), key=lambda f: f.start)
    rule_evidence = [e for e in turn.evidence if e.source.startswith("rule:")]
    sentences = Sentences(text)
    drops: list[Fix] = []
    pos = 0
    for fix in [*applied, None]:
        stop = fix.start if fix is not None else len(text)
        for a, b in _pieces(sentences, pos, stop):
            # (Rupture evidence that starts inside a fix applied, "Sorry you feel that way, but
            # you're", was fixed with it: it does not flag what follows.)
            unflagged = not any(e.start < b and a < e.end for e in rule_evidence
                                if is_rupture(e.label)
                                and not any(f.start <= e.start < f.end for f in applied))
            if not (_repair_only(rule_evidence, a, b) or _FRAME_RE.fullmatch(text, a, b)
                    or (_OWN_ASK_RE.match(text, a, b) and not _AT_THEM_RE.search(text, a, b)
                        and unflagged)
                    or (unflagged and ARRANGEMENT_RE.search(text, a, b))):
                # (An arrangement no rule flags, "Pick-up is 3.15pm on Friday", is no blame.)
                if drops and drops[-1].end == a:
                    drops[-1] = replace(drops[-1], end=b)
                else:
                    drops.append(Fix(a, b, ""))
        if fix is not None:
            pos = fix.end
    rewrite, _ = _rewrite(text, [*applied, *drops])
    return rewrite


# What the writer asks for or will do, said of themselves ("but I need a minute", "I'll ring
# you" is not: no "you" may be in it, as in "so you have to drop it").
_OWN_ASK_RE: Final = re.compile(
    r"[\s,;:\u2013\u2014-]*(?:(?:and|but|so)\s+)?(?:i\s+need|i['\u2019]?d\s+like|i\s+would\s+like"
    r"|i\s+want\s+to|can\s+we|could\s+we|let['\u2019]?s|i['\u2019]ll|i\s+will)\b", re.IGNORECASE)
_AT_THEM_RE: Final = re.compile(r"\b(?:you|your|yours|u|ur|yourself)\b", re.IGNORECASE)
# What frames a message rather than says it: a greeting, a sign-off, a lead word, a name.
_FRAME_RE: Final = re.compile(
    r"[\s\W]*(?:(?:hi|hey|hello|dear|love|lots\s+of\s+love|all\s+my\s+love|thanks|cheers|best"
    r"|regards|okay|ok|look|listen|well|right|yeah|babe|hun|mate|x+)\b[\s\W]*)*"
    r"(?:(?-i:[A-Z][a-z]+)[\s\W]*)?", re.IGNORECASE)


def _pieces(sentences: Sentences, start: int, end: int) -> list[tuple[int, int]]:
    """``start:end`` cut at the sentence bounds inside it."""
    out = []
    while start < end:
        _, s_end = sentences.bounds(start)
        stop = min(max(s_end, start + 1), end)
        out.append((start, stop))
        start = stop
    return out


def _repair_only(evidence: list[Evidence], start: int, end: int) -> bool:
    """Whether the rules read repair in ``start:end`` (one that starts there) and no rupture."""
    inside = [e for e in evidence if e.start < end and start < e.end]
    return (any(start <= e.start < end and not is_rupture(e.label)
                and not e.label.startswith("risk.") for e in inside)
            and not any(is_rupture(e.label) for e in inside))


# What points back at the sentence before: a "But"/"Still," opening the next one, or a "though" that
# ends it ("You always take his side. I'm sorry I yelled at him though."). Once that sentence is
# cut, they point at nothing. ("Though I was tired, ..." opens a clause of its own, and stays.)
_LEADING_CONTRAST_RE: Final = re.compile(
    r"(?:but|however|still|even so|that said|anyway|anyhow)\b[,;:]?\s+(?=\w)", re.IGNORECASE)
_TRAILING_CONTRAST_RE: Final = re.compile(
    r",?\s+(?:though|tho)(?=[\s.!?\u2026]*\Z)", re.IGNORECASE)


def _hanging_contrasts(text: str, fixes: list[Fix], fixed: list[tuple[int, int]]) -> list[Fix]:
    """The fixes that take out a contrast with a sentence the rewrite cut whole (``fixed``
    are the spans applied): a "But" opening the sentence after it (its next word capitalised),
    and a "though" ending that sentence. None that would touch another fix."""
    sentences = Sentences(text)
    taken = set(fixed)
    out: list[Fix] = []
    for fix in fixes:
        if fix.replacement or (fix.start, fix.end) not in taken:
            continue
        s_start, s_end = sentences.bounds(fix.start)
        if s_start != fix.start or fix.end < len(text[:s_end].rstrip()):
            continue  # a clause was cut, not the sentence before
        n_start = fix.end + len(text[fix.end:]) - len(text[fix.end:].lstrip())
        if n_start >= len(text):
            continue
        n_end = sentences.bounds(n_start)[1]
        if (lead := _LEADING_CONTRAST_RE.match(text, n_start, n_end)) is not None:
            out.append(Fix(n_start, lead.end() + 1, text[lead.end()].upper()))
        words = text[n_start:n_end].rstrip()
        if (tail := _TRAILING_CONTRAST_RE.search(words)) is not None:
            out.append(Fix(n_start + tail.start(), n_start + tail.end(), ""))
    return [t for t in out if not any(f.start < t.end and t.start < f.end for f in fixes)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of ``text``, in order."""
    sentences = Sentences(text)
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = sentences.bounds(start)[1]
        out.append((start, end))
        start = max(end, start + 1)
    return out


def cut_criticism(sentences: Sentences, start: int) -> list[Fix]:
    """Cut a criticism out: its sentence when it opens one and other sentences remain, or its
    clause when an "and"/"but" leads into it at the end of a sentence ("..., and you never
    care."). Otherwise nothing can go safely, and no rewrite is offered."""
    text = sentences.text
    s_start, s_end = sentences.bounds(start)
    before = text[s_start:start]
    # A list item's own mark may open the sentence ("b) You never ..."): the item goes whole.
    if not before.strip() or ("." not in before and any(
            not text[s_start:m.start()].strip() and not text[m.end():start].strip()
            for m in _item_numbers(text))):
        s_end = _echoes(sentences, s_end)
        return [Fix(s_start, s_end, "", complaint=True)] \
            if text[:s_start].strip() or text[s_end:].strip() else []
    lead_from = max(s_start, start - 40)  # the lead is a few words: no rescan of a long sentence
    lead = _CLAUSE_LEAD_RE.search(text, lead_from, start)
    if lead is None:
        return []
    # What follows the "but" is often the person's point itself ("I love you, but you never make
    # time for me"): with nothing of a repair left, there is no rewrite (_drops_the_complaint).
    return [Fix(lead.start(), sentence_stop(text, s_end), "", complaint=True)]


# A fragment that repeats a verdict's "always/never" after it ("Never.", "Not once since June.",
# "Every single time."): it goes with the sentence it echoes.
_ECHO_RE: Final = re.compile(
    r"[ \t]*(?:never|always|not\s+(?:once|one\s+time|even\s+once|ever)|every\s+(?:single\s+)?time"
    r"|constantly|ever)\b[^.!?\n\u2026]{0,40}[.!?\u2026]+[ \t]*", re.IGNORECASE)
_ECHO_SUBJECT_RE: Final = re.compile(r"\b(?:i|you|u|we|he|she|they|it)\b", re.IGNORECASE)


def _echoes(sentences: Sentences, end: int) -> int:
    """Where the fragments that echo a cut verdict (ending at ``end``) end: ``end`` itself
    when none follows on its line."""
    text = sentences.text
    while (m := _ECHO_RE.match(text, end)) is not None and not _ECHO_SUBJECT_RE.search(
            text, m.start(), m.end()):
        end = m.end()
    return end


def cut_withdrawal(sentences: Sentences, start: int, end: int) -> list[Fix]:
    """Cut a withdrawal ("Fine, whatever.") when it is a whole sentence and other sentences
    remain. Inside a sentence it cannot go cleanly, and as a must-go issue it then leaves no
    rewrite: a "better" message that still says "whatever" is no better."""
    text = sentences.text
    # The span may run over more than one sentence ("OK. Whatever."): all of them go.
    s_start, s_end = sentences.bounds(start)[0], sentences.bounds(max(start, end - 1))[1]
    # An emoji that opens the sentence is not the "whatever": the cut starts at the words.
    words = s_start + len(text[s_start:end]) - len(_leading_symbols(text[s_start:end]))
    if (words < start and text[words:start].strip()) or text[end:s_end].strip(" \n\t" + _STOPS):
        return []
    if _APOLOGY_WORD_RE.search(text, words, s_end):
        return []  # "You're right, I'm sorry." is no closed door to cut: the apology stays
    return [Fix(words, s_end, "")] if text[:words].strip() or text[s_end:].strip() else []


_APOLOGY_WORD_RE: Final = re.compile(r"\b(?:sorry|soz|sry|apologi[sz]e\w*|apologies)\b",
                                     re.IGNORECASE)


def _leading_symbols(text: str) -> str:
    """``text`` from its first character that is not an emoji or a space."""
    i = 0
    while i < len(text) and (text[i].isspace() or unicodedata.category(text[i]) in _SYMBOLS):
        i += 1
    return text[i:]


_OUR_OWNING_APOLOGY: Final = "We're sorry for our part in this"
# "Our apologies", "Please accept our sincere apologies": an apology from more than the writer.
_OUR_APOLOGIES_LEAD_RE: Final = re.compile(
    r"\s*(?P<lead>(?:(?:please )?accept )?our (?:(?:sincere|sincerest|deepest|humble|heartfelt"
    r"|many) )?)\s*", re.IGNORECASE)
# What may lead into a non-apology the rule's span leaves out ("I'm really sorry if ...").
# Not after a letter of the same word ("Tim"); after another script's letters it still counts.
_APOLOGY_LEAD_RE: Final = re.compile(
    r"(?<![a-z'\u2019])(?:(?:lol|lmao|haha|hah|jk)[,.!]*\s+)?(?:i['\u2019]?m |i am |i )?"
    r"(?:(?:so|really|truly|very|just|genuinely|deeply|properly|sincerely|super|terribly|awfully"
    r"|honestly|extremely|incredibly) )*\Z",
    re.IGNORECASE)
_ADVERBS = (r"(?:(?:so|really|truly|very|just|genuinely|deeply|properly|sincerely|super|terribly"
            r"|awfully|honestly|extremely|incredibly) )*")
_WE_ARE_RE: Final = re.compile(rf"(?<![a-z'\u2019])we(?:['\u2019]re| are) {_ADVERBS}\Z", re.IGNORECASE)
_THEY_ARE_RE: Final = re.compile(
    rf"(?<![a-z'\u2019])(?:they(?:['\u2019]re| are)|(?:he|she|it)(?:['\u2019]s| is)) {_ADVERBS}\Z",
    re.IGNORECASE)
# Where the rest of a non-apology's clause ends ("... you feel that way", "... was offended").
CLAUSE_END_RE: Final = re.compile(r"[,;:.!?\n\u2026]|(?<!\s)\s+but\b|$", re.IGNORECASE)

# "sorry if I ...", "apologies if my ...": an "if" before the writer's own act, which can be owned.
_IF_I_RE: Final = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)\s+(?P<if>if)\s+(?P<act>(?:i|my)\b(?!['\u2019]?(?:d|ll)\b))",
    re.IGNORECASE)
# "sorry you were upset that I forgot", "sorry you got hurt when I left": the feeling was about an
# act the writer names, and the owning apology keeps it ("I'm sorry I forgot ..."). Not after their
# view ("sorry you feel that I was rude" admits nothing), nor an excuse ("that I was only joking",
# "that I didn't mean it"), nor what the writer is or will be ("that I'm leaving", "that I'd ..."),
# nor what they stand by ("when I said no", "that I was honest"), which is no act to regret.
_FEELING_ABOUT_MY_ACT_RE: Final = re.compile(
    r"\b(?:upset|hurt|offended|annoyed|angry|mad|sad|disappointed|embarrassed|worried|frustrated"
    r"|let down|left out)(?:\s+(?:and|or)\s+[a-z]+)?\s+(?:that|when)\s+(?P<act>i\b"
    r"(?!['\u2019]?(?:d|ll|m|ve)\b)(?!\s+am\b)(?!\s+(?:was|were)\s+(?:only|just|trying|being)\b)"
    r"(?!\s+(?:didn['\u2019]?t|did not|never) mean\b)(?!\s+(?:said|say) no\b)"
    r"(?!\s+was\s+(?:(?:only|just|being)\s+)?(?:honest|right|telling the truth)\b)"
    r"(?!\s+told (?:you |u )?the truth\b))", re.IGNORECASE)
# What may lead into "apologies"/"apologise" and go with it: "My apologies", "I do apologise",
# "I'd like to apologise" ("Our apologies" is not the writer's alone, and stays).
_APOLOGISE_LEAD_RE: Final = re.compile(
    r"\s*(?P<lead>(?:(?:please )?accept )?(?:my |many |(?:my )?(?:sincere|sincerest|deepest|humble"
    r"|heartfelt) )|i(?:['\u2019]d| would| do| must| just| really| want| wanted)*(?: like)?"
    r"(?: to)? |)\s*", re.IGNORECASE)


def owning_apology(text: str, start: int, end: int) -> Fix | None:
    """Replace a whole non-apology, from any "I'm" before it to the end of its clause ("I'm sorry
    you feel that way"), with an apology that owns a part; a sentence keeps its own stop. None
    when the words that lead into it cannot go with it cleanly."""
    lead = _APOLOGY_LEAD_RE.search(text, max(0, start - 60), start)
    if lead and lead.start() < start:
        start = lead.start()
    # "We're sorry if ..." is the writers' together; "They're sorry if ..." is not the writer's
    # to own, so no rewrite.
    ours = _WE_ARE_RE.search(text, max(0, start - 60), start)
    if _THEY_ARE_RE.search(text, max(0, start - 60), start):
        return None
    stop = CLAUSE_END_RE.search(text, end)
    clause_end = stop.start() if stop else len(text)
    if (act := _IF_I_RE.search(text, start, clause_end)) is not None:
        if ours is not None:  # "We're sorry if I ...": whose act it is is not clear
            return None
        # "Apologies if my tone was off": the act the person named stays, without its "if".
        # The words that lead into "apologies" or "apologise" go with it ("My apologies",
        # "I want to apologise"), or, when they cannot, only the "if" changes ("Our apologies
        # that ..."). An owned apology is no question: "?" is a stop now.
        owned = "I'm sorry "
        if act.group().lower().startswith("apolog"):
            s_start = max(text.rfind(c, 0, act.start()) for c in ",;:.!?\n\u2026") + 1
            lead_in = _APOLOGISE_LEAD_RE.fullmatch(text, s_start, act.start())
            if lead_in is not None:
                start = lead_in.start("lead")
            else:
                owned = text[start:act.start("if")] + "that "
        fix = Fix(start, clause_end, owned + text[act.start("act"):clause_end])
        if stop and stop.group() == "?":
            fix = replace(fix, end=stop.end(), replacement=f"{fix.replacement}.")
        return _in_case(text, fix)
    act = _FEELING_ABOUT_MY_ACT_RE.search(text, start, clause_end)
    if act is not None and ours is None and text[start:start + 6].lower() != "apolog":
        # "I'm sorry you were upset that I forgot their birthday": the act stays, owned.
        fix = Fix(start, clause_end, "I'm sorry " + text[act.start("act"):clause_end])
        if stop and stop.group() == "?":
            fix = replace(fix, end=stop.end(), replacement=f"{fix.replacement}.")
        return _in_case(text, fix)
    if ours is not None:
        start, replacement = ours.start(), _OUR_OWNING_APOLOGY
    else:
        # The act the writer named ("you drove me to raise my voice", "I shouted at you."),
        # owned; else a gap for them to fill, never a vague "my part" they did not say.
        named = named_act(text, start, clause_end)
        replacement = f"I'm sorry I {named}" if named else GAP
    if text[start:start + 6].lower() == "apolog":
        # "My apologies if anyone was offended": the words that lead into "apologies" go too,
        # and "Our apologies" is the writers' together ("We're sorry for our part in this").
        s_start = max(text.rfind(c, 0, start) for c in ",;:.!?\n\u2026") + 1
        if (ours := _OUR_APOLOGIES_LEAD_RE.fullmatch(text, s_start, start)) is not None:
            start, replacement = ours.start("lead"), _OUR_OWNING_APOLOGY
        elif (lead_in := _APOLOGISE_LEAD_RE.fullmatch(text, s_start, start)) is not None:
            start = lead_in.start("lead")
        else:
            return None  # "With apologies if ...": no lead-in it can take; better no rewrite
    if replacement == GAP:
        if stop and stop.group() in ("!", "?", ".", "\u2026"):
            clause_end = stop.end()  # the gap's own dots end it
    elif stop and stop.group() in ("!", "?"):  # "Okay, sorry, happy now?" is not a question now
        clause_end, replacement = stop.end(), f"{replacement}."
    elif not text[clause_end:].strip():  # the message's last words: the apology ends it
        replacement = f"{replacement}."
    return _in_case(text, Fix(start, clause_end, replacement))


# What a rewrite leaves for the person to fill in when the message names no act of theirs: the
# critic's own example of an owned apology ("I'm sorry I ...").
GAP: Final = "I'm sorry I ..."
# The gap as a draft may hold it, once the person takes the rewrite as it is ("I'm sorry I ...",
# "I'm sorry I …"): it names no act, so it owns none (``gaps``).
_GAP_RE: Final = re.compile(r"\bI['\u2019]?m\s+sorry\s+I\s*(?:\.\s?\.\s?\.|\u2026)", re.IGNORECASE)


def gaps(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that are the rewrite's gap, still unfilled ("I'm sorry I ...")."""
    return [m.span() for m in _GAP_RE.finditer(text)]


# "you made me raise my voice", "you drove me to shout", "you pushed me into saying it": the act
# the writer owns once the cause they put on the other person is taken out. Only verbs whose past
# form is known: any other leaves the gap.
_PAST: Final = {
    "raise": "raised", "raising": "raised", "shout": "shouted", "shouting": "shouted",
    "yell": "yelled", "yelling": "yelled", "scream": "screamed", "screaming": "screamed",
    "snap": "snapped", "snapping": "snapped", "lose": "lost", "losing": "lost", "say": "said",
    "saying": "said", "swear": "swore", "swearing": "swore", "throw": "threw",
    "throwing": "threw", "slam": "slammed", "slamming": "slammed", "storm": "stormed",
    "storming": "stormed", "walk": "walked", "walking": "walked", "call": "called",
    "calling": "called", "hit": "hit", "hitting": "hit", "lie": "lied", "lying": "lied",
    "leave": "left", "leaving": "left", "react": "reacted", "reacting": "reacted",
}
_MADE_ME_RE: Final = re.compile(
    r"\b(?:you|u)\s+(?:made|drove|pushed|forced|provoked|got)\s+me\s+(?:to\s+|into\s+)?"
    r"(?P<verb>[a-z]+)\b(?P<rest>[^,;:.!?\n\u2026]*)", re.IGNORECASE)
# "I shouted at you", "I forgot to pick you up": the writer's own act, said plainly elsewhere in
# the message (not "I said sorry", "I was only joking", "if I did", "I never said that").
_OWN_ACT_RE: Final = re.compile(
    r"(?<![a-z'\u2019])(?<!if )(?<!even if )(?<!that )\b(?-i:I)\s+(?P<act>(?:shouted|yelled|snapped|screamed"
    r"|swore|lied|forgot|missed|broke|hit|threw|cheated|ignored|cancelled|canceled|read|left"
    r"|called you|raised my voice|lost my temper|lost it|slammed|stormed|hung up|blew up"
    r"|embarrassed you|hurt you|upset you|interrupted|mocked|teased|laughed at)\b"
    r"[^,;:.!?\n\u2026]*)", re.IGNORECASE)


def named_act(text: str, start: int, end: int) -> str | None:
    """The act to own in place of the non-apology on ``start:end`` of ``text``: the one it
    blames on them ("you drove me to raise my voice" is "raised my voice"), or one the writer
    names elsewhere in the message ("I shouted at you."); None when there is none."""
    if (made := _MADE_ME_RE.search(text, start, end)) is not None:
        verb = _PAST.get(made.group("verb").lower())
        return f"{verb}{made.group('rest').rstrip()}" if verb else None
    for m in _OWN_ACT_RE.finditer(text):
        if not (start <= m.start() < end):
            return m.group("act").rstrip()
    return None


def _in_case(text: str, fix: Fix) -> Fix:
    """``fix`` in capitals when the words it replaces are ("SORRY YOU FEEL THAT WAY" is "I'M
    SORRY FOR MY PART IN THIS."), as every rewrite of an ALL-CAPS draft is."""
    said = text[fix.start:fix.end]
    return replace(fix, replacement=fix.replacement.upper()) if said.isupper() else fix


def sentence_stop(text: str, end: int) -> int:
    """The end of a sentence's words, before its closing punctuation and spaces."""
    stop = end
    while stop > 0 and text[stop - 1] in " \n.!?":
        stop -= 1
    return stop


def _keeps_what_was_flagged(text: str, rewrite: str, issues: list[Issue],
                            fixed: list[tuple[int, int]]) -> bool:
    """Whether a must-go issue was left unfixed, or its words are still in the rewrite (the
    rules name one hit each: "You always do this. You always do this!" flags the first only).
    ``fixed`` is sorted and its spans do not overlap."""
    starts = [s for s, _ in fixed]
    for issue in issues:
        if issue.kind not in _MUST_GO:
            continue
        i = bisect_right(starts, issue.start) - 1  # the fixes that could overlap it are the one
        near = fixed[max(0, i):i + 2]              # starting before it and the one after
        if not any(s < issue.end and issue.start < e for s, e in near):
            return True
        if _left_standing(text, issue, near):
            return True  # a fix cut only part of it: "It's fine." went, "I'm used to it" stayed
    # The critic finds every blaming feeling itself; the rules' issues are few (one per rule).
    flagged = {text[i.start:i.end].strip().lower() for i in issues
               if i.kind in _MUST_GO and i.kind != "blaming_feeling"}
    lowered = rewrite.lower()
    return any(words and words in lowered for words in flagged)


def _left_standing(text: str, issue: Issue, near: list[tuple[int, int]]) -> bool:
    """Whether a whole sentence of ``issue``'s words is left outside the fixes ``near`` it: its
    last sentence untouched by any of them (round fifteen: "It's fine. I'm used to it", flagged
    as one, lost only "It's fine.")."""
    if not _SENTENCE_STOP_RE.search(text, issue.start, issue.end):
        return False  # one sentence, touched by a fix: that fix answers for it
    last = max(m.end() for m in _SENTENCE_STOP_RE.finditer(text, issue.start, issue.end))
    return bool(re.search(r"\w", text[last:issue.end])) and not any(
        s < issue.end and last < e for s, e in near)


_SENTENCE_STOP_RE: Final = re.compile(r"[.!?]+\s+")


# Words that say nothing of what a message is about: a bare apology ("Sorry.", "I'm so sorry!")
# and the small words around one.
_BARE_WORDS: Final = frozenset({
    "i", "i'm", "im", "am", "so", "really", "truly", "very", "just", "again", "sorry", "soz",
    "sry", "apologies", "ok", "okay", "well", "oh", "look", "listen", "yeah", "babe", "love",
    "hun", "mate"})


def _bare(rewrite: str) -> bool:
    """Whether ``rewrite`` says nothing but a bare apology: no rewrite at all ("Sorry." is the
    apology that owns nothing, and drops what the person was talking about)."""
    if GAP in rewrite:
        return False  # the gap asks them to name what they did: no bare apology
    words = re.findall(r"[a-z]+(?:['\u2019][a-z]+)?", rewrite.lower().replace("\u2019", "'"))
    return all(w in _BARE_WORDS or re.fullmatch(r"x+", w) for w in words)


# A reply that closes a topic by itself ("Fine.", "OK, sure."): what a cut withdrawal must not leave.
_CURT_WORDS: Final = frozenset({
    "fine", "ok", "okay", "k", "kk", "sure", "whatever", "yeah", "yep", "yup", "right", "cool",
    "alright", "noted", "nothing", "forget", "it", "never", "mind", "mhm", "hmm", "no", "then",
    "if", "you", "say", "so",
    # Round seventeen: the same reply in other Englishes and in texting ("Aight.", "Grand so.",
    # "Bet.", "Sound.", "Fine by me.", "Whatevs.").
    "aight", "ight", "aite", "alr", "grand", "bet", "sound", "fair", "enough", "meh", "nvm",
    "whatevs", "whatevz", "wtv", "wtvr", "mkay", "mk", "kay", "okie", "oke", "ya", "yea", "yeh",
    "yh", "by", "me", "gotcha", "done"})
# A brush-off that may stay once a withdrawal's clause is cut (round seventeen: "Okay fine,
# whatever. I don't want to discuss anything now." left of "... Leave it."): whatever it is
# said beside, the door is still closed. Not "whatever it takes" nor "whatever you need", which
# move towards the other.
_BRUSH_OFF_RE: Final = re.compile(
    r"\b(?:what\s?ever|wateva|whatevs|whatevz|wtv|wtvr)\b(?!\s+(?:it\s+takes|(?:you|u)\s+need))"
    r"|\b(?:do|say|think|believe|have)\s+(?:what|whatever)\s+(?:you|u)\s+(?:want|like|wish|please)\b"
    r"|\bif\s+(?:you|u)\s+say\s+so\b|\bsuit\s+(?:yourself|urself)\b|\bas\s+(?:you|u)\s+wish\b"
    r"|\bhave\s+it\s+(?:your|ur)\s+(?:own\s+)?way\b|\bfine\s+by\s+me\b"
    r"|\b(?:leave|drop|forget)\s+it\b(?!\s+(?:to|with|for|at|on|in|by|here)\b)"
    r"|\bi(?:['\u2019]?m|\s+am)\s+(?:so\s+|just\s+)?done(?=\s*(?:[.!,\u2026]|\Z)|\s+(?:talking"
    r"|discussing|arguing|with\s+(?:this|it|that|you|u)\b))"
    r"|\b(?:not|n['\u2019]?t)\s+(?:getting|going)\s+into\s+(?:it|this|that)\b"
    r"|\b(?:not|n['\u2019]?t)\s+(?:doing|having)\s+this\b"
    r"|\b(?:don['\u2019]?t|do\s+not|dont)\s+(?:want\s+to|wanna)\s+(?:talk|discuss|get\s+into|go\s+into"
    r"|hear|deal)\b|\bi\s+give\s+up\b|\bno\s+point\s+(?:talking|discussing|in\s+talking)\b"
    r"|(?:^|[.!?]\s+)kk?\s*(?:[.!?\u2026]|\Z)", re.IGNORECASE)


# Saying a feeling is not there ("I'm not even bothered", "I ain't even trippin", "it's no big
# deal"): what a cut withdrawal must not leave as the message.
_DENIAL_RE: Final = re.compile(
    r"\bi(?:['\u2019]?m|\s+am)\s+(?:not|n['\u2019]?t)\s+(?:even\s+|really\s+|that\s+)?(?:bothered"
    r"|mad|upset|angry|annoyed|hurt|fussed|stressed|pressed|trippin[g'\u2019]?|worried)\b"
    r"|\bi\s+(?:ain['\u2019]?t|aint)\s+(?:even\s+|really\s+)?(?:trippin[g'\u2019]?|bothered|mad|upset"
    r"|stressed|pressed|worried|fussed)\b"
    r"|\b(?:it['\u2019]?s|its|that['\u2019]?s)\s+(?:fine|nothing|whatever|all\s+good|no\s+big\s+deal"
    r"|not\s+a\s+big\s+deal)\b|\bno\s+big\s+deal\b|\bi(?:['\u2019]?m|\s+am)\s+over\s+it\b"
    r"|\b(?:doesn['\u2019]?t|does\s+not)\s+matter\b"
    r"|\bi(?:['\u2019]?m|\s+am)\s+(?:good|fine)(?=\s*(?:[.!,\u2026]|\Z))", re.IGNORECASE)


def _curt(rewrite: str) -> bool:
    """Whether ``rewrite`` is no more than a curt reply ("Fine.", "OK then.", "If you say so.")."""
    words = re.findall(r"[a-z]+", rewrite.lower())
    return all(w in _CURT_WORDS for w in words)


def _drops_a_sentence(text: str, fixes: list[Fix], fixed: list[tuple[int, int]]) -> bool:
    """Whether a fix that was applied cut a whole sentence out: what the message was about may
    have gone with it. (Trimming "sorry, but ..." to "I'm sorry." keeps the writer's own
    sentence: the critic's usual fix for a "but" that takes the apology back.)"""
    sentences = Sentences(text)
    taken = set(fixed)
    return any((fix.start, fix.end) in taken and not fix.replacement
               and sentences.bounds(fix.start) == (fix.start, fix.end) for fix in fixes)


# What may stay once a complaint is cut: the writer's own part, or what they ask for. A softener
# ("I appreciate you", "I know you try") or a feeling alone says nothing of what the point was.
_KEEPS_THE_POINT: Final = frozenset({"repair.responsibility", "repair.request"})


def _drops_the_complaint(turn: TurnAnalysis, fixes: list[Fix],
                        fixed: list[tuple[int, int]]) -> bool:
    """Whether a sentence or clause of complaint was cut and the rewrite no longer carries the
    person's point: the cut took a part of a repair with it ("..., but you always interrupt me
    and I'd like you to stop"), or what is left neither owns a part nor asks for anything ("I
    appreciate you.", "Hey"). Cutting the jab from "I'm sorry I was late. You never listen."
    still leaves the apology, and is offered."""
    taken = set(fixed)
    applied = [fix for fix in fixes if (fix.start, fix.end) in taken]
    cuts = [(fix.start, fix.end) for fix in applied if fix.complaint]
    if not cuts or any(fix.replacement for fix in applied):
        return False  # what was put in its place ("I'm sorry I ...") is the point
    repairs = [e for e in turn.evidence if e.source.startswith("rule:") and not is_rupture(e.label)]
    if any(s < e.end and e.start < t for e in repairs for s, t in cuts):
        return True
    return not any(e.label in _KEEPS_THE_POINT
                   and not any(s < e.end and e.start < t for s, t in fixed) for e in repairs)


def _rewrite(text: str, fixes: list[Fix]) -> tuple[str | None, list[tuple[int, int]]]:
    """The text with the fixes applied (``None`` if nothing changed or nothing is left), and the
    spans they applied to, in order. Only the seams of the fixes are tidied: the draft's own line
    breaks, spaces and ellipses elsewhere stay as they were."""
    if not fixes:
        return None, []
    chosen: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        if fix.end < fix.start:
            continue
        # Those chosen start at or after this one: a fix that covers them makes them moot (the
        # non-apology replaced with its "but ..." takes the "but"'s own cut with it).
        while chosen and chosen[-1].start < fix.end and chosen[-1].end <= fix.end:
            chosen.pop()
        if chosen and chosen[-1].start < fix.end:
            continue
        chosen.append(fix)
    if not chosen:
        return None, []
    chosen.reverse()
    out = text[:chosen[0].start]
    for i, fix in enumerate(chosen):
        out = _seam(out, fix.replacement)
        out = _seam(out, text[fix.end:chosen[i + 1].start if i + 1 < len(chosen) else len(text)])
    taken = [(fix.start, fix.end) for fix in chosen]
    out = out.strip()  # a cut at either end leaves no line break or space behind ("Hey\n")
    if out and chosen[-1].end >= len(text.rstrip()) and _closed(text) and not _closed(out):
        out += "."  # a cut that took the message's end (its eye-roll) leaves the sentence closed
    return (out if out and out != text.strip() else None), taken


# A list item's number ("1.", "2)", "Step 2.") or letter ("a.", "B)"): where it starts a sentence
# (see ``_item_numbers``), not a time or an amount at a sentence's end ("at 6.").
_ITEM_NUMBER_RE: Final = re.compile(
    r"(?:(?<=\s)|^)(?P<lead>(?:step|item|point|part) )?(?P<n>\d{1,2}|[a-z])(?P<mark>[.)])(?=\s|$)",
    re.IGNORECASE)
_LETTERS: Final = ("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _item_numbers(text: str, letters: str | None = None) -> list[re.Match[str]]:
    """The list numbers of ``text``: those at its start, a line's start or after a stop. Letters
    count only as ``letters`` (by default those of a list that starts at "a." or "A." and has
    another item: "J. K. Rowling" is no list)."""
    found = [m for m in _ITEM_NUMBER_RE.finditer(text)
             if text[:m.start()].rstrip(" \t")[-1:] in ("", "\n", *_STOPS, ")")]
    if letters is None:
        letters = _list_letters(found)
    return [m for m in found if m.group("n").isdigit() or m.group("n") in letters]


def _list_letters(found: list[re.Match[str]]) -> str:
    """The letters (a case of them) that mark a lettered list among ``found``, or none."""
    for case in _LETTERS:
        marks = [m.group("n") for m in found if m.group("n") in case]
        if len(marks) >= 2 and marks[0] == case[0]:
            return case
    return ""


def _item_value(n: str) -> int:
    return int(n) if n.isdigit() else ord(n)


def _item_mark(first: str, i: int) -> str:
    """The ``i``-th mark after ``first`` ("1" and 2 is "3"; "a" and 1 is "b")."""
    return str(int(first) + i) if first.isdigit() else chr(ord(first) + i)


def _with_item_numbers(text: str, fixes: list[Fix]) -> list[Fix]:
    """``fixes`` with each cut of a whole list item taking the item's number ("2. You never
    listen." goes whole): a number left before the next one ("2. 3.") is no list item."""
    numbers = _item_numbers(text)
    if not numbers:
        return fixes
    out = []
    for fix in fixes:
        number = next((m for m in numbers if not fix.replacement and m.end() <= fix.start
                       and not text[m.end():fix.start].strip()), None)
        after = text[fix.end:].lstrip().lstrip(_STOPS).lstrip()
        whole = number is not None and (not after or any(
            m.start() == len(text) - len(after) for m in numbers))
        out.append(replace(fix, start=number.start()) if number is not None and whole else fix)
    return out


def _renumbered(text: str, rewrite: str | None) -> str | None:
    """``rewrite`` with a numbered list of ``text`` ("1. ... 2. ... 3. ...") still in order: the
    numbers after a cut item move up, from the list's own first number. A number left with no
    item ("2. 3.") means the list could not be kept right: no rewrite then."""
    if rewrite is None:
        return None
    letters = _list_letters(_item_numbers(text, _LETTERS[0] + _LETTERS[1]))
    kept = _item_numbers(rewrite, letters)
    for m in kept:
        rest = rewrite[m.end():]
        if not rest.strip() or any(n.start() == len(rewrite) - len(rest.lstrip()) for n in kept):
            return None
    marks = [m.group("n") for m in _item_numbers(text, letters)]
    numbers = [_item_value(n) for n in marks]
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return rewrite  # not one list in order: its numbers are the draft's own
    for i in range(len(kept) - 1, -1, -1):  # from the end: the offsets before each stay right
        m = kept[i]
        rewrite = f"{rewrite[:m.start('n')]}{_item_mark(marks[0], i)}{rewrite[m.end('n'):]}"
    return rewrite if rewrite != text.strip() else None


_STOPS: Final = ".!?\u2026"


def _closed(text: str) -> bool:
    """Whether a message ends its last sentence: a stop, a closing quote or bracket, an emoji."""
    last = text.rstrip()[-1:]
    return bool(last) and (last in _STOPS + "\"')" or unicodedata.category(last) in _SYMBOLS)
# What an emoji is made of: the pictures, skin tones, variation selectors and joiners.
_SYMBOLS: Final = frozenset({"So", "Sk", "Mn", "Me", "Cf"})


def _seam(left: str, right: str) -> str:
    """``left + right`` where a fix meets the draft: one run of whitespace (the one with more line
    breaks), one stop ("I'm sorry..." + "." is "I'm sorry."), no comma before a stop, and nothing
    left over at the start of the message."""
    if not right:
        return left
    kept_left = left.rstrip()
    kept_right = right.lstrip()
    if not kept_left:
        return kept_right.lstrip(",;:" + _STOPS).lstrip() if kept_right else ""
    if not kept_right:
        return kept_left + _between(left[len(kept_left):], right)
    left_stop = len(kept_left) - len(kept_left.rstrip(_STOPS))
    right_stop = len(kept_right) - len(kept_right.lstrip(_STOPS))
    body, symbols = _trailing_symbols(kept_left)
    if right_stop and symbols and body[-1:] in (",", ";", ":"):
        # "sorry, \U0001f44d" + "." is "sorry \U0001f44d.": no comma before the stop, the emoji kept
        return _seam(body[:-1] + symbols, right)
    if right_stop and kept_left.endswith(" ..."):  # the gap's dots end its sentence already
        return _seam(kept_left, kept_right[right_stop:])
    if right_stop and (left_stop or kept_left[-1] in ",;:"):
        ends = kept_left[len(kept_left) - left_stop:] if left_stop else ""
        stop = "." if not ends or set(ends) <= {".", "\u2026"} else ends
        return _seam(kept_left.rstrip(",;:" + _STOPS) + stop, kept_right[right_stop:])
    if kept_right[0] in ",;:" and left_stop:
        return _seam(left, kept_right[1:])
    return kept_left + _between(left[len(kept_left):], right[:len(right) - len(kept_right)]) \
        + kept_right


def _trailing_symbols(text: str) -> tuple[str, str]:
    """``text`` split before the emoji (and the spaces between them) it ends with."""
    i = len(text)
    while i > 0 and (text[i - 1].isspace()
                     or unicodedata.category(text[i - 1]) in _SYMBOLS):
        i -= 1
    return text[:i], text[i:]


def _between(left: str, right: str) -> str:
    """The whitespace to keep where two runs meet at a seam."""
    if not left or not right:
        return left or right
    return right if right.count("\n") > left.count("\n") else left
