"""The development tools (devtools/: demo content, bench, load test, sample files) stay out of the running site.

Production settings do not install devtools, and no module of the portal's own apps imports it, neither at
the top of a file nor inside a function: every module is imported in a fresh process with production
settings, and every file's import statements are read.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# In a fresh process with production settings (no DEBUG, no DEVTOOLS): import every module of every
# installed app that lives in this repository, and name the first whose import brought devtools in.
IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
from pathlib import Path
import django
django.setup()
from django.apps import apps
from django.conf import settings

root = Path(settings.BASE_DIR)
report = {"installed": "devtools" in settings.INSTALLED_APPS, "modules": 0, "culprit": None}
for config in apps.get_app_configs():
    if Path(config.path).parent != root:  # the project's own top-level apps, not a virtualenv inside the checkout
        continue
    package = importlib.import_module(config.name)
    names = [config.name] + [m.name for m in pkgutil.walk_packages(package.__path__, config.name + ".")]
    for name in names:
        importlib.import_module(name)
        report["modules"] += 1
        if report["culprit"] is None and any(m == "devtools" or m.startswith("devtools.") for m in sys.modules):
            report["culprit"] = name
print(json.dumps(report))
"""


def _runtime_app_paths() -> list[Path]:
    return [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).parent == ROOT and config.name != "devtools"
    ]


def test_production_settings_import_no_devtools_module():
    env = {key: value for key, value in os.environ.items() if key not in ("DEVTOOLS", "DJANGO_SETTINGS_MODULE")}
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="localism.settings")
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["installed"] is False
    assert report["modules"] > 100  # every app's models, views, admin, migrations, commands, ...
    assert report["culprit"] is None, f"importing {report['culprit']} imports devtools"


def test_no_runtime_module_names_devtools_in_an_import():
    """Also the imports inside functions, which importing a module does not run."""
    paths = _runtime_app_paths()
    assert {path.name for path in paths} >= {"localism", "accounts", "directory", "transparency", "budgeting"}
    offenders = []
    for app_path in paths:
        for file in app_path.rglob("*.py"):
            for node in ast.walk(ast.parse(file.read_text(), str(file))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                elif (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    names = [str(node.args[0].value)]
                else:
                    continue
                if any(name == "devtools" or name.startswith("devtools.") for name in names):
                    offenders.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
