from django.conf import settings
from django.urls import NoReverseMatch

from localism.links import fixed_reverse

# The header's sections, in order. A section appears once its app provides the URL.
MAIN_NAVIGATION = [
    ("Directory", "directory:search"),
    ("Consultations", "consultations:list"),
    ("Transparency", "transparency:index"),
    ("Get involved", "localism:get_involved"),
    ("About", "localism:about"),
]


def _navigation(path: str) -> list[dict]:
    items = []
    for label, url_name in MAIN_NAVIGATION:
        try:
            url = fixed_reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": path.startswith(url)})
    return items


def site(request):
    """Names and navigation every page shows in its frame."""
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "main_navigation": _navigation(request.path),
        # The one staff check (it asks the database only for staff accounts).
        "is_staff_member": user is not None and user.has_perm("accounts.use_staff_admin"),
    }
