"""Languages a listing is offered in: read from what groups type ("English and Polish", "en, pl"),
stored as ISO 639 codes (what the model and the ORUK API carry), shown by name."""

from __future__ import annotations

import re

from django.conf.locale import LANG_INFO

# Django's list of languages (English names, ISO 639-1 codes, or 639-3 where there is none),
# without regional variants, plus languages spoken in the county that Django has no translation for.
NAMES: dict[str, str] = {
    code: info["name"] for code, info in LANG_INFO.items() if "-" not in code and "name" in info
} | {
    "am": "Amharic",
    "bfi": "British Sign Language",
    "gu": "Gujarati",
    "ku": "Kurdish",
    "prs": "Dari",
    "ps": "Pashto",
    "rom": "Romani",
    "so": "Somali",
    "ti": "Tigrinya",
    "tl": "Tagalog",
    "yue": "Cantonese",
    "zh": "Chinese",
}
# Other names people give.
ALIASES = {
    "bsl": "bfi",
    "sign language": "bfi",
    "farsi": "fa",
    "mandarin": "zh",
    "gaelic": "gd",
    "filipino": "tl",
    "sorani": "ckb",
    "kurmanji": "ku",
    "brazilian portuguese": "pt",
    "norwegian bokmål": "nb",
}
_BY_NAME = {name.casefold(): code for code, name in NAMES.items()} | ALIASES
_SEPARATORS = re.compile(r",|;|/|&|\+|\n|\band\b", re.IGNORECASE)


class UnknownLanguagesError(ValueError):
    def __init__(self, unknown: list[str]):
        super().__init__(f"Unknown languages: {unknown}")
        self.unknown = unknown


def language_name(code: str) -> str:
    """'pl' -> 'Polish'; a code we have no name for is shown as it is."""
    return NAMES.get(code, code)


def parse_languages(text: str) -> list[str]:
    """'English and Polish', 'English, Polish, Portuguese', 'en; pl' -> ['en', 'pl', ...], in order, once each.

    Raises UnknownLanguagesError naming every part it does not know.
    """
    codes, unknown = [], []
    for part in _SEPARATORS.split(text or ""):
        words = " ".join(part.split())
        if not words:
            continue
        key = words.casefold()
        code = key if key in NAMES else _BY_NAME.get(key)
        if code is None:
            unknown.append(words)
        elif code not in codes:
            codes.append(code)
    if unknown:
        raise UnknownLanguagesError(unknown)
    return codes


def unknown_languages_message(unknown: list[str], field: str = "Languages spoken") -> str:
    """'Languages spoken: we do not know the language “Klingon”. ...' (naming each one), and what to try."""
    quoted = [f"“{name}”" for name in unknown]
    names = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    which = "the language" if len(quoted) == 1 else "the languages"
    return f"{field}: we do not know {which} {names}. Check the spelling, or give the code, like pl for Polish"
