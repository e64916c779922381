"""Plug-in points: every app registers what it adds to the shared pages from its hooks.py, found at start-up,
and from nowhere else; a new app's hooks.py is picked up without any other wiring."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from localism.checks import section_templates_exist
from localism.sections import PLACE_SECTIONS, Section, register_place_section
from notifications.registry import everyone, register_followable

ROOT = Path(__file__).resolve().parents[2]

# Every registry that apps fill from their hooks.py, as "module:NAME".
REGISTRIES = [
    "localism.sections:HOME_SECTIONS",
    "localism.sections:PLACE_SECTIONS",
    "localism.search:SEARCHES",
    "localism.sitemaps:SITEMAPS",
    "localism.audit:ACTION_LABELS",
    "accounts.privacy:PERSONAL_DATA",
    "notifications.registry:FOLLOWABLES",
    "discussions.registry:DISCUSSABLES",
    "localism.work_queues:WORK_QUEUES",
]

# Run in a fresh interpreter: start the site, then print each registry's keys and where each was registered.
# With WITHOUT_HOOKS, the hooks.py modules are not imported, and every other module of the project's apps is.
_START = """
import importlib, json, os, pkgutil
from pathlib import Path
import django
import localism.registry
from django.apps import apps
from django.conf import settings

if os.environ.get("WITHOUT_HOOKS"):
    localism.registry.autodiscover = lambda: None
django.setup()
if os.environ.get("WITHOUT_HOOKS"):
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != Path(settings.BASE_DIR).resolve():
            continue  # a library's app, even from a virtualenv inside the repository
        for module in pkgutil.walk_packages([config.path], prefix=config.name + "."):
            if not any(part in ("hooks", "migrations", "tests") for part in module.name.split(".")):
                importlib.import_module(module.name)
found = {}
for where in json.loads(os.environ["REGISTRIES"]):
    module, name = where.split(":")
    registry = getattr(importlib.import_module(module), name)
    found[where] = dict(registry.origins)
print(json.dumps(found))
"""


def _start(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _START],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.localism.hooks_apps.settings",
            "REGISTRIES": json.dumps(REGISTRIES),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def _registries():
    import importlib

    for where in REGISTRIES:
        module, name = where.split(":")
        yield where, getattr(importlib.import_module(module), name)


def test_every_registration_comes_from_a_hooks_module_and_every_apps_hooks_module_registers():
    origins = {origin for _, registry in _registries() for origin in registry.origins.values()}
    with_hooks = {
        f"{config.name}.hooks"
        for config in apps.get_app_configs()
        if (Path(config.path) / "hooks.py").exists() and Path(config.path).resolve().parent == ROOT
    }
    assert origins == with_hooks
    assert with_hooks >= {f"{app}.hooks" for app in ("localism", "accounts", "directory", "consultations")}


def test_no_registry_is_filled_by_importing_the_apps_modules_other_than_hooks():
    started = _start(WITHOUT_HOOKS="1")
    assert started.returncode == 0, started.stderr[-3000:]
    assert json.loads(started.stdout.splitlines()[-1]) == {where: {} for where in REGISTRIES}


def test_a_new_apps_hooks_module_is_found_and_fills_each_registry():
    started = _start(HOOKS_TEST_APPS="tests.localism.hooks_apps.extra")
    assert started.returncode == 0, started.stderr[-3000:]
    found = json.loads(started.stdout.splitlines()[-1])
    from_extra = {
        where: sorted(k for k, o in origins.items() if o.startswith("tests.")) for where, origins in found.items()
    }
    assert from_extra == {
        "localism.sections:HOME_SECTIONS": ["extra"],
        "localism.sections:PLACE_SECTIONS": ["extra"],
        "localism.search:SEARCHES": ["extra"],
        "localism.sitemaps:SITEMAPS": ["extra"],
        "localism.audit:ACTION_LABELS": ["extra.thing.done"],
        "accounts.privacy:PERSONAL_DATA": ["extra"],
        "notifications.registry:FOLLOWABLES": ["localism.resource"],
        "discussions.registry:DISCUSSABLES": ["extra-document"],
        "localism.work_queues:WORK_QUEUES": ["extra"],
    }
    assert {o for origins in found.values() for o in origins.values() if o.startswith("tests.")} == {
        "tests.localism.hooks_apps.extra.hooks"
    }
    # The project's own registrations are all still there beside the new app's.
    for where, registry in _registries():
        assert set(registry) <= set(found[where])


def test_a_hooks_module_that_names_a_missing_model_stops_start_up_and_says_which():
    started = _start(HOOKS_TEST_APPS="tests.localism.hooks_apps.broken")
    assert started.returncode != 0
    assert (
        "ImproperlyConfigured: register_followable('leaflet') names the model 'localism.Leaflet', "
        "which is not installed" in started.stderr
    )


def test_a_registration_that_names_a_missing_model_is_refused():
    with pytest.raises(ImproperlyConfigured, match="'directory.Leaflet', which is not installed"):
        register_followable("directory.Leaflet", "leaflet", can_see=everyone)


def test_every_page_section_names_a_template_that_exists():
    assert section_templates_exist() == []


def test_a_section_whose_template_does_not_exist_fails_the_check_and_says_where():
    register_place_section(Section("leaflets", "leaflets/partials/_place_section.html", lambda request, place: {}))
    try:
        [error] = section_templates_exist()
    finally:
        PLACE_SECTIONS.remove("leaflets")
    assert error.id == "localism.E003"
    assert "'leaflets' names the template 'leaflets/partials/_place_section.html', which does not exist" in error.msg
    assert error.hint == f"Correct the template name in {__name__}."
