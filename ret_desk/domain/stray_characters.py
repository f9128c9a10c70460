"""Characters that have no place in a field a person types (issue 11 §2): control
characters (NUL, escape, C1), line separators, surrogates, invisible format characters
(the bidi controls that turn text around, zero-width spaces, soft hyphens), private-use
and unassigned code points; tab and line breaks only in a multi-line text.

One rule for every way text comes in: an import row, the referral form, a case edit on
the command line. An escape sequence in a name would otherwise reach a terminal through
`case show`, and "Oost\u200bing" would be another youth than "Oosting".
"""

from __future__ import annotations

import unicodedata

_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp"})


def stray_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character of `value` that has no place in a field, as U+XXXX; or None."""
    for char in value:
        if char in "\t\n\r":
            if not multiline:
                return f"U+{ord(char):04X}"
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            return f"U+{ord(char):04X}"
    return None


def stray_character_message(label: str, found: str) -> str:
    """The Dutch refusal for a field (`label` as the user knows it)."""
    return (
        f"{label} bevat een onzichtbaar teken of stuurteken ({found}); zo'n teken hoort "
        "niet in dit veld. Haal het weg."
    )
