from django import template

from notifications.registry import noun_for, target_token
from notifications.selectors import is_following

register = template.Library()


@register.inclusion_tag("notifications/partials/_follow_button.html", takes_context=True)
def follow_button(context, obj):
    """A one-click Follow / Stop following form for a followable object (one query when signed in)."""
    request = context["request"]
    return {
        "obj": obj,
        "token": target_token(obj),
        "noun": noun_for(type(obj)),
        "following": is_following(request.user, obj),
        "signed_in": request.user.is_authenticated,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
