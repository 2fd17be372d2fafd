"""Who reads as young in the words of a crisis sign (round 16, tester t1).

A 16-year-old threatened by a step-parent was shown an adults' domestic abuse line first and told
to "tell a parent". ``safety`` puts the line for children and young people right after the
emergency number when the signs read as a young person's (``reads_young``), and no crisis message
says "tell a parent". The reading is conservative and simple, as the coach's is
(``coach.youth``, which reads the coach's answers): an age under 18 said of oneself ("im 16",
"I'm only fourteen"), school said of one's own days, or a parent or step-parent, a carer or
guardian as the one who hurts or threatens ("my step dad said he'll kill me if i tell anyone"),
and never when the words speak of one's own children, pupils or job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from mendkit.analysis.text import normalise, unwrap
from mendkit.labels import CRISIS
from mendkit.model import TurnAnalysis

_OWN_YOUNG_AGE: Final = re.compile(
    r"\b(?:i'?m|im|i am|i just turned|i turned)\s+(?:only\s+|just\s+|literally\s+)?"
    r"(?:1[0-7]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b"
    r"(?!\s*(?:%|mins?\b|minutes|hours?|days?|weeks?|months?|times|x\b|pounds|kg|miles|km))")
_OWN_SCHOOL: Final = re.compile(
    r"\b(?:at|to|after|before|from|skip\w*) school\b|\bschool (?:tomorrow|today|tmrw)\b"
    r"|\bin my (?:year|class|form)\b|\bmy (?:form )?tutor\b|\bmy head of year\b|\bhomeroom\b"
    r"|\b(?:in|i'?m in|im in) (?:year (?:[7-9]|1[0-3])|(?:[6-9]|1[0-2])(?:th)? grade)\b")
_NOT_YOUNG: Final = re.compile(
    r"\bmy (?:son|daughter|kids?|child|children|students?|pupils?|husband|wife|boss|job)\b"
    r"|\bi teach\b")
_PARENT: Final = re.compile(
    r"\bmy\s+(?:step\s*-?\s*)?(?:dad|father|mum|mom|mam|mother|parents?|da)\b|\bmy\s+step\w*"
    r"|\bmy\s+(?:mum|mom|mam|dad)'?s\s+(?:boyfriend|girlfriend|partner|husband|wife|fella)\b"
    r"|\bmy\s+(?:foster\s+\w+|carer|guardian)\b"
    # round 19: one parent named bare, hurting the other ("Dad hits Mum when he's home")
    r"|(?<![\w'])(?:dad|daddy|mum|mom|mam|mummy|mommy|stepdad|step dad)\s+(?:\w+\s+)?"
    r"(?:hits|hit|beats|beat|punches|punched|slaps|slapped|kicks|kicked|chokes|choked|hurts)"
    r"\s+(?:my\s+)?(?:mum|mom|mam|mummy|mommy|dad|daddy)\b")


def reads_young(turns: Iterable[TurnAnalysis]) -> bool:
    """Whether the crisis signs in ``turns`` read as a young person's: an age under 18 or school
    said of their own days, or a parent, step-parent or carer as the danger (an ``abuse_danger``
    sign in a turn that names one), and no words of a parent's or a teacher's own life.

    >>> reads_young([TurnAnalysis(index=0, speaker="me", text="im 15 and i want to die",
    ...                           labels=("risk.crisis",), scores={})])
    True
    """
    for turn in turns:
        if CRISIS not in turn.labels:
            continue
        said = normalise(unwrap(turn.text))
        if _NOT_YOUNG.search(said):
            continue
        if _OWN_YOUNG_AGE.search(said) or _OWN_SCHOOL.search(said):
            return True
        if "abuse_danger" in turn.subtypes(CRISIS) and _PARENT.search(said):
            return True
    return False
