"""What the adversarial tests send, and how they judge what comes back.

PAYLOADS try to inject script or template syntax into every public text field; ODD_TEXT is
input that has broken sites before (NUL bytes, lone surrogates, huge values, invisible or
direction-changing characters). Encoding helpers send text the test client itself would refuse
to encode (lone surrogates, invalid UTF-8) as the raw bytes a browser or a bot could send.
"""

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote

from django.core.cache import cache
from django.utils.html import escape

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% now 'Y' %}",
    '<a href="javascript:alert(1)">click</a>',
    "\u202e<b>reversed</b>",
    "https://example.org/\"><script>alert('link')</script>",
    # Breaks out of a double- or a single-quoted attribute alike.
    "'\" autofocus onfocus=alert(1)",
]

# A few that differ the most, for second views of text already tried with every payload elsewhere.
CORE_PAYLOADS = [PAYLOADS[0], PAYLOADS[1], PAYLOADS[5], PAYLOADS[-1]]

# Markup that must never reach a page as markup when a payload carries it.
_MARKUP = (
    "<script>alert",
    "<img src=x",
    "<svg/onload",
    "</textarea><script>",
    "<b>reversed",
    '<a href="javascript',
)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _ScriptFinder(HTMLParser):
    """Reads the page as a browser would and notes every place script could run from."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # A browser runs a script element unless its type says it holds data (json_script's JSON, which
        # escapes "<" so nothing inside can close the element).
        kind = (dict(attrs).get("type") or "").lower()
        self._in_script = tag == "script" and kind not in ("application/json", "application/ld+json")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in _URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


def script_entry_points(html: str) -> list[str]:
    finder = _ScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def assert_inert(html: str, payload: str) -> None:
    """The payload shows as text: none of its markup reached the page unescaped."""
    for dangerous in _MARKUP:
        if dangerous in payload:
            assert dangerous not in html, f"{payload!r} was rendered as markup"
    if "<" in payload:
        assert payload not in html, f"{payload!r} reached the page unescaped"
    found = script_entry_points(html)
    assert not found, f"script can run from the page: {found}"


def _without_invisible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def shown_as_text(html: str, text: str) -> bool:
    """The text is on the page as escaped text (invisible formatting characters may have been removed)."""
    return escape(text) in html or escape(_without_invisible(text)) in html


def assert_shown_inert(html: str, payload: str) -> None:
    """The payload is on the page, as text, and nothing in it became markup or was evaluated."""
    assert_inert(html, payload)
    # The literal text being there is also the proof that "{{ 7*7 }}" was not evaluated to 49.
    assert shown_as_text(html, payload), f"{payload!r} is not shown on the page as text"


def marked(field: str, payload: str) -> str:
    """What a form's field is filled in with: its name before the payload, so that a page's text tells which
    field it shows."""
    return f"{field} {payload}"


def assert_page_shows(html: str, payload: str, fields) -> None:
    """Nothing in the payload became markup, and each of the fields (filled in with `marked`) is shown as text."""
    assert_inert(html, payload)
    for field in fields:
        assert shown_as_text(html, marked(field, payload)), f"{field} is not shown as text"


# --- Odd input -------------------------------------------------------------------------------

LONG = "x" * 100_000
ODD_TEXT = {
    "nul": "before\x00after",
    "lone_surrogate": "\ud800 and \udfff",
    "rtl_override": "\u202eevil.exe\u202c",
    "emoji": "\U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f3f3\ufe0f\u200d\U0001f308",
    "combining": "Z\u0334\u0321\u032aa\u0338l\u0337g\u0335o\u0336",
    "zero_width": "a\u200db\u200bc\ufeffd\u2060",
    "long": LONG,
    "long_emoji": "\U0001f600" * 25_000,
    # Sent as the raw bytes 0xFF 0xFE: not UTF-8 at all (see _raw_bytes).
    "invalid_utf8": "\udcff\udcfe",
}


# The same kinds of oddity, fewer requests: for the loops that try every parameter of every page.
ODD_TEXT_COMBINED = {
    "nul": ODD_TEXT["nul"],
    "broken_encoding": ODD_TEXT["lone_surrogate"] + ODD_TEXT["invalid_utf8"],
    "invisible_combining_emoji": ODD_TEXT["rtl_override"]
    + ODD_TEXT["zero_width"]
    + ODD_TEXT["combining"]
    + ODD_TEXT["emoji"],
    "long": LONG,
}
# Longer than any field takes, yet short enough to send to every parameter of a page at once (LONG goes to one).
LONGER_THAN_ANY_FIELD = "x" * 20_000
# Numbers and dates no field takes: more digits than any column holds, a negative count, a day no month has.
ODD_NUMBERS_AND_DATES = {"huge_number": "9" * 40, "negative": "-1", "impossible_date": "31/02/99999"}


def _raw_bytes(value: str) -> bytes:
    """UTF-8, except that U+DC80..U+DCFF stand for single raw bytes and other lone surrogates are encoded as is."""
    out = bytearray()
    for ch in value:
        if "\udc80" <= ch <= "\udcff":
            out.append(ord(ch) - 0xDC00)
        else:
            out += ch.encode("utf-8", "surrogatepass")
    return bytes(out)


def encode_value(value: str) -> str:
    """Percent-encode the bytes a misbehaving client could send (lone surrogates, invalid UTF-8)."""
    return quote(_raw_bytes(value), safe="")


def query_string(params: dict) -> str:
    return "&".join(f"{quote(str(k))}={encode_value(str(v))}" for k, v in params.items())


def form_body(data: dict) -> bytes:
    """An application/x-www-form-urlencoded body (lists become repeated keys)."""
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append(f"{quote(str(key))}={encode_value(str(item))}")
    return "&".join(pairs).encode("ascii")


FORM = "application/x-www-form-urlencoded"


def no_500(client, url: str) -> str | None:
    """What is wrong when a GET of url answers with a server error (None when it does not). Rate limits start
    afresh for each, so every request reaches its view."""
    cache.clear()
    response = client.get(url)
    if response.status_code >= 500:
        return f"{response.status_code} for {url[:160]}"
    return None


def with_odd_text(data: dict, value: str) -> dict:
    """The sample with every text value (and each text in a list) replaced by `value`; files are kept."""
    return {
        key: [value if isinstance(item, str) else item for item in sample]
        if isinstance(sample, list | tuple)
        else value
        if isinstance(sample, str | int)
        else sample
        for key, sample in data.items()
    }


def has_file(data: dict) -> bool:
    """Whether the data holds an uploaded file (and so goes as multipart, which carries only text)."""
    return any(hasattr(sample, "read") for sample in data.values())


def server_errors(posts) -> tuple[int, list[str]]:
    """Send each (label, client, url, data) as a browser or a bot sends it: urlencoded, so that any bytes go, or
    multipart when it holds a file (skipped when its text does not encode, as multipart carries only text). Rate
    limits start afresh for each, so every request reaches its view. How many were sent, and which gave a 500."""
    sent, problems = 0, []
    for label, client, url, data in posts:
        cache.clear()
        if not has_file(data):
            response = client.post(url, form_body(data), content_type=FORM)
        elif any(isinstance(value, str) and _has_lone_surrogate(value) for value in data.values()):
            continue
        else:
            response = client.post(url, data)
        sent += 1
        if response.status_code >= 500:
            problems.append(f"{label} {url}: {response.status_code}")
    return sent, problems


def _has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= character <= "\udfff" for character in text)
