"""Telephone numbers as people type them, and the tel: address a phone can dial."""

from __future__ import annotations

import re

# What people put between digits: spaces, dashes, dots, brackets and slashes.
_SEPARATORS = re.compile(r"[\s\-./()]")
# UK numbers start 01, 02, 03, 05, 07, 08 or 09 and have 10 or 11 digits with the leading 0.
_UK_NATIONAL = re.compile(r"0[1-9]\d{8,9}")
# E.164: a country code and number, at most 15 digits.
_INTERNATIONAL = re.compile(r"\+[1-9]\d{7,14}")


def tel_uri(text: str) -> str | None:
    """'01603 123456' -> 'tel:+441603123456'; None when the text is not a number a phone could dial."""
    compact = _SEPARATORS.sub("", text or "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+440"):  # '+44 (0)1603 ...': the 0 is dialled only from inside the UK
        compact = "+44" + compact[4:]
    if _UK_NATIONAL.fullmatch(compact):
        return f"tel:+44{compact[1:]}"
    if _INTERNATIONAL.fullmatch(compact):
        return f"tel:{compact}"
    return None
