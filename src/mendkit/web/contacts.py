"""Help resources' contacts as links a phone can act on: a number to call becomes a ``tel:`` link,
one to text an ``sms:`` link, so that a person in crisis taps it instead of remembering it.

Only numbers the contact says to call or text are linked ("call 116 123", "call or text 988",
"text HOME to 741741"); numbers given as examples of an emergency number elsewhere ("for example
911, 999, 112 or 000") stay text, since which one works depends on where the person is. The words
read the same as before, on the screen and aloud.
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
    """``contact``, escaped, with its numbers to call or text as links.

    >>> print(contact_links("call 116 123"))
    call <a href="tel:116123">116 123</a>
    >>> print(contact_links("call or text 988"))
    call or <a href="sms:988" aria-label="text 988">text</a> <a href="tel:988">988</a>
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
        verb, numbers = found["verb"], found["numbers"].split(" or ")
        scheme = "sms" if verb == "text" else "tel"
        if verb == "call or text":
            out.append(Markup('call or <a href="sms:{}" aria-label="text {}">text</a> ').format(
                _dial(numbers[0]), numbers[0]))
        else:
            out.append(escape(verb + " "))
        out.append(Markup(" or ").join(
            Markup('<a href="{}:{}">{}</a>').format(scheme, _dial(n), n) for n in numbers))
    out.append(escape(contact[last:]))
    return Markup("").join(out)
