"""Where someone grieving can turn, at the end of a letter to someone who has died.

A grief letter with no sign of crisis ends with a short note on bereavement support (a doctor, a
local bereavement service, and a national line where Mend knows one for the region), not the
crisis list with its domestic-abuse lines. A letter where a sign of crisis was checked with the
person still ends with the full crisis resources (``needs_crisis_help``).
"""

from __future__ import annotations

import re
from typing import Final

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
