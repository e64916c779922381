"""Comments are plain text: escaped, line breaks kept, web addresses made into links people can trust."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# After escaping, so that "&amp;" inside an address stays part of it; a trailing full stop,
# comma or bracket is punctuation, not part of the address.
_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'"
_LONGEST_LINK_TEXT = 60


def _link(match: re.Match) -> str:
    url = match.group(0)
    trailing = ""
    while url and url[-1] in _TRAILING:
        trailing = url[-1] + trailing
        url = url[:-1]
    shown = url if len(url) <= _LONGEST_LINK_TEXT else url[: _LONGEST_LINK_TEXT - 1] + "…"
    return f'<a class="govuk-link" href="{url}" rel="nofollow ugc noopener">{shown}</a>{trailing}'


def normalise_comment_text(text: str) -> str:
    """What is stored: Windows/Mac line endings unified, no invisible control characters, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable() or ch in "\u200d")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def render_comment_text(text: str) -> SafeString:
    """Escaped HTML with paragraphs, line breaks and nofollow links."""
    html = _URL.sub(_link, escape(text))
    paragraphs = [p.replace("\n", "<br>") for p in html.split("\n\n") if p.strip()]
    return mark_safe("".join(f'<p class="govuk-body">{p}</p>' for p in paragraphs))  # noqa: S308 (escaped above)
