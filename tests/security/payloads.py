"""Script-injection payloads every public text field is tried with."""

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% now 'Y' %}",
    '<a href="javascript:alert(1)">click</a>',
    "\u202e<b>reversed</b>",
]


def assert_inert(html: str, payload: str) -> None:
    """The payload shows as text: none of its markup reached the page unescaped."""
    main = html.split('id="main-content"', 1)[-1]
    for dangerous in ("<script>alert", "<img src=x", "<svg/onload", 'href="javascript:', "</textarea><script>"):
        if dangerous in payload:
            assert dangerous not in main, f"{payload!r} was rendered as markup"
    assert "49" not in main or "7*7" not in payload, "template syntax was evaluated"
