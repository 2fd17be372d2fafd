"""Mend's safety reading of a client's Practice entry, and what the pages say about it.

A client's entry (a rupture, a repair attempt, a check-in's note) is read for crisis signs when it
is saved, by the same engine and safety summary as Analyse and Check (``mendkit.analyze``,
``mendkit.analysis.safety``), in the mode the web app runs them by default (full: the rules and
the shipped model). What it found is kept with the entry (``CrisisSigns``), so that the client's
and the therapist's lists show it without reading again. An entry saved before this was kept is
read the first time a list shows it, and its signs are kept then. A kept analysis has its own
safety reading, made when the conversation was analysed: its signs are that reading's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from mendkit.analysis.pipeline import Mode
    from mendkit.journal.accounts import CrisisSigns
    from mendkit.model.analysis import Resource

SERVER_MODE: Final[Mode] = "full"  # the web app's own default, as on Analyse, Check and Coach
_TEXT_FIELDS: Final = ("what", "message", "note")  # the words a client writes (not "with")


def entry_text(body: Mapping[str, Any]) -> str:
    """The words a client wrote in an entry."""
    return "\n".join(str(body[k]).strip() for k in _TEXT_FIELDS
                     if isinstance(body.get(k), str) and str(body[k]).strip())


def read_signs(kind: str, body: Mapping[str, Any], *, mode: Mode = SERVER_MODE) -> CrisisSigns:
    """What Mend's safety reading finds in the entry. A repair attempt is the client's own
    message to someone, so a threat written to "you" there is harm they may do, as in Check; a
    rupture or a note tells what happened, as a turn of a conversation does in Analyse.

    >>> read_signs("checkin", {"score": 2, "note": "I've been saving up my pills, just in case."},
    ...            mode="rules").kinds
    ('suicide',)
    """
    from mendkit.analysis.safety import assess
    from mendkit.api import analyze
    from mendkit.journal.accounts import CrisisSigns
    from mendkit.model import Conversation

    if kind == "analysis":  # a kept analysis: what its own safety reading found, turn by turn
        return analysis_signs(body)
    text = entry_text(body)
    if not text:
        return CrisisSigns(crisis=False)
    analysis = analyze(Conversation.from_turns([("you", text)], id="practice-entry"), mode=mode)
    safety = assess(analysis.turns, writer=kind == "repair")
    return CrisisSigns(crisis=safety.crisis, kinds=safety.kinds)


def analysis_signs(body: Mapping[str, Any]) -> CrisisSigns:
    """The signs of a kept analysis (``{"client", "analysis"}``): its safety summary's.

    >>> analysis_signs({"analysis": {"safety": {"crisis": True, "kinds": ["suicide"]}}})
    CrisisSigns(crisis=True, kinds=('suicide',))
    """
    from mendkit.journal.accounts import CrisisSigns

    safety = body.get("analysis", {}).get("safety", {})  # the shape check_analysis keeps
    kinds = safety.get("kinds")
    return CrisisSigns(crisis=bool(safety.get("crisis")),
                       kinds=tuple(str(k) for k in kinds) if isinstance(kinds, list) else ())


def help_for(signs: CrisisSigns, region: str) -> dict[str, Any]:
    """The calm message and the resources for the person who wrote it (as Check shows them)."""
    from mendkit.analysis.safety import crisis_message, resources_for, with_region_note

    resources: tuple[Resource, ...] = resources_for(region, signs.kinds)
    return {"message": with_region_note(crisis_message(signs.kinds), region),
            "resources": resources}


def reader_alert(signs: CrisisSigns) -> str:
    """What a therapist is told about an entry with a possible crisis sign, in the words the
    Analyse timeline uses for a turn.

    >>> from mendkit.journal.accounts import CrisisSigns
    >>> reader_alert(CrisisSigns(crisis=True, kinds=("suicide",)))
    'This entry may speak of suicide. Read it with care.'
    """
    from mendkit.analysis.safety import KIND_WORDS

    words = list(dict.fromkeys(KIND_WORDS[k] for k in signs.kinds if k in KIND_WORDS))
    said = ("danger or harm" if not words else words[0] if len(words) == 1
            else f"{', '.join(words[:-1])} or {words[-1]}")
    return f"This entry may speak of {said}. Read it with care."
