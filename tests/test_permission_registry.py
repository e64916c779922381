"""Every registered permission is asked somewhere, and every permission the code asks is registered.

The rules live in each app's rules.py (django-rules); views, templates, the admin, the services and
the registries ask them by name. A rule nobody asks is dead code; a name that is not registered is
a rule that silently says no.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from rules.permissions import permissions

# How the code asks a permission by name: user.has_perm("x", ...), {% has_perm "x" user ... %},
# require(user, "x", ...) and require_visible(user, "x", ...) (accounts.rules), permission("x") or permission="x"
# for the registries, and rule="x" for a staff step of the admin (localism.admin_actions.StaffStep, which asks it
# of each object).
ASKED = [
    re.compile(r"""\bpermission=\s*["']([\w.]+)["']"""),
    re.compile(r"""\brule=\s*["']([\w.]+)["']"""),
    re.compile(r"""has_perm\(\s*["']([\w.]+)["']"""),
    re.compile(r"""{%\s*has_perm\s+["']([\w.]+)["']"""),
    re.compile(r"""require(?:_visible)?\(\s*[\w.]+,\s*["']([\w.]+)["']"""),
    re.compile(r"""\bpermission\(\s*["']([\w.]+)["']"""),
]


def project_sources() -> list[Path]:
    root = Path(settings.BASE_DIR)
    apps_of_ours = [config.path for config in apps.get_app_configs() if Path(config.path).is_relative_to(root)]
    files = [path for app in apps_of_ours for path in Path(app).rglob("*.py") if "migrations" not in path.parts]
    files += list((root / "templates").rglob("*.html"))
    files += [path for app in apps_of_ours for path in Path(app).rglob("templates/**/*.html")]
    return sorted(set(files))


def asked_names() -> dict[str, set[str]]:
    """Each permission name the code asks, and where."""
    found: dict[str, set[str]] = {}
    for path in project_sources():
        text = path.read_text(encoding="utf-8")
        for pattern in ASKED:
            for name in pattern.findall(text):
                found.setdefault(name, set()).add(str(path.relative_to(settings.BASE_DIR)))
    return found


def model_permissions() -> set[str]:
    """Django's own model permissions (the admin's), which are not rules."""
    names = set()
    for model in apps.get_models():
        opts = model._meta
        names |= {f"{opts.app_label}.{action}_{opts.model_name}" for action in opts.default_permissions}
        names |= {f"{opts.app_label}.{codename}" for codename, _ in opts.permissions}
    return names


def test_every_registered_permission_is_asked_somewhere():
    asked = asked_names()

    never_asked = sorted(name for name in permissions if name not in asked)

    assert never_asked == []


def test_every_permission_the_code_asks_is_registered():
    known = set(permissions) | model_permissions()

    unknown = {name: sorted(where) for name, where in asked_names().items() if name not in known}

    assert unknown == {}


def test_no_rule_takes_the_name_of_a_model_permission():
    """The admin asks model permissions without an object; a rule of the same name would be asked with none."""
    assert sorted(set(permissions) & model_permissions()) == []


def test_every_app_registers_its_rules():
    labels = {name.split(".")[0] for name in permissions}

    assert labels >= {"accounts", "directory", "consultations", "discussions", "transparency", "budgeting"}
