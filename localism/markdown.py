"""Staff-written Markdown, rendered and sanitised with nh3."""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}

# GOV.UK classes for the elements Markdown produces, so staff text looks like the rest of the site.
_CLASSES = {
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<table>": '<table class="govuk-table">',
    "<a ": '<a class="govuk-link" ',
}


def render_markdown(text: str) -> str:
    """Markdown to safe HTML: raw HTML in the source is removed, links keep only safe schemes."""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    for plain, styled in _CLASSES.items():
        clean = clean.replace(plain, styled)
    return clean


class RendersMarkdown:
    """A model that keeps the HTML of its staff-written Markdown, made again on each save. MARKDOWN names each
    Markdown field and the field that keeps its HTML."""

    MARKDOWN: dict[str, str] = {}

    def save(self, *args, **kwargs):
        for source, html in self.MARKDOWN.items():
            setattr(self, html, render_markdown(getattr(self, source)))
        super().save(*args, **kwargs)
