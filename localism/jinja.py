"""A page's many rows or cards compiled by Jinja2, written into the page's Django template.

Why: a page of 20 cards or 50 table rows costs the Django template engine a variable look-up, a filter
call and an escape per figure, which made such pages several times slower than their own SQL. Jinja2
compiles a template to Python once, so the same markup renders several times faster.

The markup stays in template files (templates/jinja2/), and every value is escaped by Django's own
escape, as in Django's templates. A page's Django template writes the rows with
`{% jinja "directory/_results.html" results=page.object_list %}` (localism/templatetags/jinja.py); every page
is still a Django template, so this engine serves only that tag.

The filters are the project's own Django template filters (`long_date`, `miles`, `pounds_pence`, ...), the
same functions, so a value is formatted by one definition whichever engine writes it. A name the context
lacks is an error (StrictUndefined), not an empty cell.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from django.apps import apps
from django.conf import settings
from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from markupsafe import Markup

from localism.links import fixed_reverse, path_for
from localism.widgets import escaped

ENGINE = "jinja2"


def _project_filters() -> dict:
    """Every filter of the project's own Django template libraries (not Django's or a package's), by name."""
    engine = engines["django"].engine
    ours = {config.name for config in apps.get_app_configs() if Path(config.path).is_relative_to(settings.BASE_DIR)}
    filters: dict = {}
    for library, module in engine.libraries.items():
        if module.split(".")[0] not in ours:
            continue
        for name, function in engine.template_libraries[library].filters.items():
            if name in filters and filters[name] is not function:
                raise ValueError(f"Two template filters are named {name!r}; Jinja2 templates cannot tell them apart")
            filters[name] = function
    return filters


def _escaped_as_django_escapes(value) -> Markup:
    """Each value a template writes, escaped as a Django template escapes it, so that a text reads the same,
    byte for byte, whichever engine wrote it."""
    return Markup(escaped(value))  # noqa: S704 (escaped here)


def environment(**options) -> jinja2.Environment:
    """The environment of the `jinja2` engine (settings.TEMPLATES)."""
    options.update(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_escaped_as_django_escapes,
        keep_trailing_newline=True,  # as Django keeps it
    )
    env = jinja2.Environment(**options)  # noqa: S701 (autoescape is on, one line above)
    for name, function in _project_filters().items():
        if name in env.filters:
            raise ValueError(f"The template filter {name!r} would hide Jinja2's own filter of that name")
        env.filters[name] = function
    env.globals["fixed_url"] = fixed_reverse
    env.globals["path_for"] = path_for
    return env


def render(name: str, **context) -> SafeString:
    """The Jinja2 template `name` (under templates/jinja2/) rendered with these values alone, escaped."""
    return mark_safe(engines[ENGINE].get_template(name).template.render(context))  # noqa: S308
