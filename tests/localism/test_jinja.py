"""The jinja2 engine (localism/jinja.py): a page's many rows or cards, escaped as Django's templates escape,
with the project's own filters, and a missing value an error rather than an empty cell."""

from pathlib import Path

import jinja2
import pytest
from django.conf import settings
from django.template import engines

from localism.templatetags import govuk

JINJA2 = Path(settings.BASE_DIR) / "templates" / "jinja2"


def jinja2_templates() -> list[str]:
    return sorted(str(path.relative_to(JINJA2)) for path in JINJA2.rglob("*.html"))


def test_there_are_jinja2_templates_and_each_compiles():
    names = jinja2_templates()
    assert names, "templates/jinja2/ holds no template"
    for name in names:
        engines["jinja2"].get_template(name)


def test_jinja2_templates_format_with_the_same_filters_as_the_pages():
    env = engines["jinja2"].env
    assert env.filters["long_date"] is govuk.long_date_filter
    assert env.filters["date_and_time"] is govuk.date_and_time_filter


def test_text_is_escaped_and_a_missing_value_is_an_error():
    env = engines["jinja2"].env
    hostile = "<script>alert('x')</script> & \"quoted\""
    # Byte for byte as a Django template writes it.
    django_wrote = engines["django"].from_string("<td>{{ text }}</td>").render({"text": hostile})
    assert env.from_string("<td>{{ text }}</td>").render(text=hostile) == django_wrote
    assert django_wrote == "<td>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;</td>"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("<td>{{ misspelt }}</td>").render(text="a")
