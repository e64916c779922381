"""`{% jinja "directory/_results.html" results=page.object_list %}`: a page's many rows or cards, compiled
by Jinja2 (localism.jinja), written into a Django template."""

from django import template

from localism import jinja

register = template.Library()


@register.simple_tag(name="jinja")
def jinja_tag(name: str, **values):
    """The template `name` under templates/jinja2/, rendered with the values given and only those."""
    return jinja.render(name, **values)
