"""Help resources' contacts as links a phone can act on: a number to call becomes a ``tel:`` link,
one to text an ``sms:`` link, so that a person in crisis taps it instead of remembering it.

Only numbers the contact says to call or text are linked ("call 116 123", "call or text 988",
"text HOME to 741741"); numbers given as examples of an emergency number elsewhere ("for example
911, 999, 112 or 000") stay text, since which one works depends on where the person is.

Each link says what it does and with which number ("call 988", "text 988"), on the screen and in a
screen reader's list of links: "call or text 988" is written "call 988 or text 988", and "call 112
or 999" is "call 112 or call 999", never a bare "text" or "999" whose meaning is outside the link.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_NUMBER = r"\+?\d(?:[\d -]*\d)?"
_CONTACT = re.compile(
    rf"\btext (?P<keyword>[A-Z0-9]+) to (?P<short>{_NUMBER})"
    rf"|\b(?P<verb>call or text|call|text) (?P<numbers>{_NUMBER}(?: or {_NUMBER})*)")


def _dial(number: str) -> str:
    """What a ``tel:`` or ``sms:`` address holds: the digits (and a leading +)."""
    return re.sub(r"[^\d+]", "", number)


def contact_links(contact: str) -> Markup:
    """``contact``, escaped, with its numbers to call or text as links that name what they do.

    >>> print(contact_links("call 116 123"))
    <a href="tel:116123">call 116 123</a>
    >>> print(contact_links("call or text 988"))
    <a href="tel:988">call 988</a> or <a href="sms:988">text 988</a>
    """
    out: list[Markup] = []
    last = 0
    for found in _CONTACT.finditer(contact):
        out.append(escape(contact[last:found.start()]))
        last = found.end()
        if found["keyword"]:
            out.append(Markup('<a href="sms:{}?body={}">{}</a>').format(
                _dial(found["short"]), found["keyword"], found.group(0)))
            continue
        verbs = ("call", "text") if found["verb"] == "call or text" else (found["verb"],)
        out.append(Markup(" or ").join(
            Markup('<a href="{}:{}">{} {}</a>').format(
                "sms" if verb == "text" else "tel", _dial(number), verb, number)
            for number in found["numbers"].split(" or ") for verb in verbs))
    out.append(escape(contact[last:]))
    return Markup("").join(out)
