"""Start-up checks of the plug-in points: every audit action code that is registered or written has readable text,
so that the audit trail never shows staff a bare code, and every page section's template exists."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from localism.audit import ACTION_LABELS, admin_edit_label
from localism.sections import HOME_SECTIONS, PLACE_SECTIONS

# A dotted action code: "directory.listing.approved".
_CODE = re.compile(r"[a-z_]+(\.[a-z0-9_]+){2,}")
# What stands for the part of an f-string code that is filled in at run time.
_FILLED_IN = "…"


def _project_sources() -> list[Path]:
    """The Python files of the project's own apps (the top-level packages of the repository), without migrations."""
    base = Path(settings.BASE_DIR).resolve()
    files = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.parent == base:  # not a library's app, even from a virtualenv inside the repository
            files.extend(p for p in sorted(path.rglob("*.py")) if "migrations" not in p.relative_to(path).parts)
    return files


def _codes_in(node: ast.AST) -> list[str]:
    """The codes an `action=` argument can take: its strings; in an f-string, each filled-in part is `…`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes_in(node.body) + _codes_in(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return ["".join(p.value if isinstance(p, ast.Constant) else _FILLED_IN for p in node.values)]
    return []


def action_codes_used(sources: list[Path] | None = None) -> dict[str, str]:
    """Each audit action code written as an `action=` argument in the project's code, with where it is written."""
    labels = {config.label for config in apps.get_app_configs()}
    found: dict[str, str] = {}
    base = Path(settings.BASE_DIR).resolve()
    for path in _project_sources() if sources is None else sources:
        text = path.read_text()
        if "action=" not in text:
            continue  # most files: not worth parsing
        where = path.resolve().relative_to(base) if path.resolve().is_relative_to(base) else path
        for node in ast.walk(ast.parse(text, filename=str(path))):
            for keyword in getattr(node, "keywords", []) if isinstance(node, ast.Call) else []:
                if keyword.arg == "action":
                    for code in _codes_in(keyword.value):
                        if _CODE.fullmatch(code.replace(_FILLED_IN, "x")) and code.split(".", 1)[0] in labels:
                            found.setdefault(code, f"{where}:{node.lineno}")
    return found


def _is_readable(code: str, text: str | None) -> bool:
    return bool(text and text.strip() and text.strip() != code)


def _has_text(code: str, labels: Mapping[str, str]) -> bool:
    if _FILLED_IN not in code:
        return _is_readable(code, labels.get(code) or admin_edit_label(code))
    # Filled in at run time: at least one code of that shape has text.
    pattern = re.compile("[a-z0-9_]+".join(re.escape(part) for part in code.split(_FILLED_IN)))
    return any(pattern.fullmatch(known) and _is_readable(known, text) for known, text in labels.items())


@register(Tags.models)
def audit_actions_readable(
    app_configs=None, labels: Mapping[str, str] | None = None, sources: list[Path] | None = None, **kwargs
) -> list:
    labels = ACTION_LABELS if labels is None else labels
    errors = [
        Error(
            f"The audit action {code!r} is registered without readable text.",
            hint="Give it the words staff read in the audit trail, in register_actions() in the app's hooks.py.",
            obj=code,
            id="localism.E001",
        )
        for code, text in labels.items()
        if not _is_readable(code, text)
    ]
    errors.extend(
        Error(
            f"The audit action {code!r} written at {where} has no readable text.",
            hint="Register the words staff read for it with register_actions() in the app's hooks.py.",
            obj=code,
            id="localism.E002",
        )
        for code, where in action_codes_used(sources).items()
        if not _has_text(code, labels)
    )
    return errors


@register(Tags.templates)
def section_templates_exist(app_configs=None, **kwargs) -> list:
    errors = []
    for registry in (HOME_SECTIONS, PLACE_SECTIONS):
        for key, section in registry.items():
            try:
                get_template(section.template)
            except TemplateDoesNotExist:
                errors.append(
                    Error(
                        f"The {registry.name} entry {key!r} names the template {section.template!r}, "
                        "which does not exist: every page that shows the section would fail.",
                        hint=f"Correct the template name in {registry.origins[key]}.",
                        obj=key,
                        id="localism.E003",
                    )
                )
    return errors
