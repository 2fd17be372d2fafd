"""Where someone grieving can turn, at the end of a letter to someone who has died.

A grief letter with no sign of crisis ends with a short note on bereavement support (a doctor, a
local bereavement service, and a national line where Mend knows one for the region), not the
crisis list with its domestic-abuse lines. A letter where a sign of crisis was checked with the
person still ends with the full crisis resources (``needs_crisis_help``).
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.goals import GRIEF, suspected
from mendkit.coach.machine import EventType, State
from mendkit.coach.session import Session

NOTE: Final = ("Mend is not grief counselling. If you would like someone to talk to, your doctor "
               "(a GP) or a local bereavement service can listen and help: a GP surgery, a "
               "hospice or a funeral director can tell you about one near you.")
# Said with the note: grief and thoughts of not going on can come together.
SAFETY: Final = ("If grief ever brings thoughts of not wanting to go on, contact your local "
                 "emergency number or a crisis line straight away, or type help when you next "
                 "use Mend.")
# Said before the crisis resources, where a sign of crisis was checked in the session.
CRISIS_LEAD: Final = "Mend is not therapy: if you need someone now, these can help."
# A crisis stop on the path for someone who has died: the letter had "nothing to fix", so the
# stop speaks to grief, not to repair (round 19), and the crisis line comes first.
# The same words open ``mend check``'s note on a message that speaks of a death and shows a sign
# of crisis (round 19): grief, not "repair can wait".
GRIEF_THOUGHTS: Final = ("Grief can bring thoughts of wanting to be with the person who died, or "
                         "of not wanting to go on. If that is where you are, it matters, and it "
                         "is something to talk about with someone now.")
STOP_WHY: Final = f"{GRIEF_THOUGHTS} Your letter is saved and can wait."
STOP_HELP: Final = ("You deserve support from a person, not an app. If you might act on these "
                    "thoughts, contact your local emergency number now. A crisis line can "
                    "listen, even if you are not sure what to say. Later, when you are ready, a "
                    "bereavement service can help with the grief itself: your doctor, a hospice "
                    "or a funeral director can tell you about one near you.")
# National bereavement lines Mend is sure of, by region code.
_LINES: Final = {"GB": "In the UK, Cruse Bereavement Support: call 0808 808 1677."}


def lines(region: str = "default") -> tuple[str, ...]:
    """The bereavement note for ``region`` (a country code such as ``GB``, a locale, or
    ``default``).

    >>> lines("GB")[1]
    'In the UK, Cruse Bereavement Support: call 0808 808 1677.'
    >>> len(lines("default"))
    2
    """
    code = re.split(r"[-_]", region.strip())[-1].upper() if region else ""
    code = "GB" if code == "UK" else code
    return (NOTE, *((_LINES[code],) if code in _LINES else ()), SAFETY)


def needs_crisis_help(session: Session) -> bool:
    """Whether ``session`` had a sign of crisis checked with the person (the risk check was
    asked): its end shows the crisis resources in full."""
    return any(event == EventType.CHECK_RISK.value for _, event in session.path) or any(
        at == State.CONFIRM_RISK.value for at, _ in session.path)


# A loss named in a story about someone else ("At Mum's funeral I told him...", "Mum died last
# month. At the wake my sister..."): a word for it before the note on the relationship, and
# before the offer of a break (round 19). Only the loss is named: who died is not assumed.
LOSS_NOTE: Final = ("I'm sorry for your loss. Grief leaves everyone raw, and fights around a "
                    "death or a funeral are common, even in close families; they can still mend.")
LOSS_FLOODED: Final = ("It makes sense to feel this much after a death: tears and a tight chest "
                       "are part of grief, not something you are doing wrong.")
_FUNERAL: Final = re.compile(
    r"\b(?:funeral|burial|cremation|graveside|memorial service|(?:his|her|their) ashes)\b"
    r"|(?:\b(?:the|his|her|their)|'s) wake\b(?! up)"
    # round 19: "at Mum's grave", "by her grave"; not "a grave mistake" or "my own grave"
    r"|(?:\b(?:his|her|their)|'s) grave\b(?!\s+(?:concern|danger|mistake|error|doubts?|risk))",
    re.IGNORECASE)


def tells_of_a_death(text: str) -> bool:
    """Whether ``text`` speaks of someone who died: a death ("since she died", "passed away"),
    a funeral or a grave (``goals.suspected`` reads a death; a phone that "died" is none).

    >>> tells_of_a_death("Since she died I just want to be with her."), tells_of_a_death(
    ...     "My phone died and I missed her call.")
    (True, False)
    >>> tells_of_a_death("I sat by Mum's grave all night."), tells_of_a_death("a grave mistake")
    (True, False)
    """
    return suspected(text) == GRIEF or bool(_FUNERAL.search(text))


def speaks_of_loss(session: Session) -> bool:
    """Whether the story told in ``session`` (what happened, what they noticed) names a death or
    a funeral, on a path that is not the one for someone who has died.

    >>> from mendkit.coach.session import Session
    >>> s = Session(id="x", answers={"recognise_what": "At Mum's funeral I shouted at him."})
    >>> speaks_of_loss(s)
    True
    """
    if session.goal() == GRIEF:
        return False
    text = "\n".join(str(session.answers.get(step.value) or "") for step in (
        State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED))
    return bool(text.strip()) and tells_of_a_death(text)
