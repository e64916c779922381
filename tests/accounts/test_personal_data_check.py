"""The start-up check that no field holding a person's data escapes the data download and account deletion."""

import dataclasses

import pytest
from django.core.management import call_command

from accounts.checks import personal_data_covered
from accounts.privacy import personal_data_registry


def _ids_and_objects(errors) -> list[tuple[str, str]]:
    return sorted((e.id, e.msg.split(" ", 1)[0]) for e in errors)


def _without(registry: dict, name: str, *, covers: str | None = None, not_personal: str | None = None) -> dict:
    """The registry with one registration left out, or with one model (or allow-list entry) taken from it."""
    registry = dict(registry)
    item = registry.pop(name)
    if covers or not_personal:
        registry[name] = dataclasses.replace(
            item,
            covers={label: fields for label, fields in item.covers.items() if label != covers},
            not_personal={key: why for key, why in item.not_personal.items() if key != not_personal},
        )
    return registry


def test_every_field_that_links_to_a_person_or_holds_an_email_is_covered_in_the_project():
    assert personal_data_covered() == []
    call_command("check", "--fail-level", "ERROR")


def test_a_model_left_out_of_its_apps_registration_fails_the_check():
    registry = _without(personal_data_registry(), "directory", covers="directory.ProblemReport")
    assert _ids_and_objects(personal_data_covered(registry=registry)) == [
        ("accounts.E001", "directory.ProblemReport.reply_email"),
        ("accounts.E001", "directory.ProblemReport.reporter"),
    ]


def test_an_app_that_registers_nothing_fails_for_each_field_holding_a_persons_data():
    errors = personal_data_covered(registry=_without(personal_data_registry(), "budgeting"))
    assert _ids_and_objects(errors) == [
        ("accounts.E001", "budgeting.PaperTally.entered_by"),
        ("accounts.E001", "budgeting.Project.checked_by"),
        ("accounts.E001", "budgeting.Project.proposer"),
    ]
    assert "register_personal_data" in errors[0].hint


def test_an_email_field_needs_an_exporter_or_a_reason_on_the_allow_list():
    registry = _without(personal_data_registry(), "account", not_personal="localism.PlaceContact.email")
    assert _ids_and_objects(personal_data_covered(registry=registry)) == [
        ("accounts.E001", "localism.PlaceContact.email")
    ]


def test_a_registration_naming_a_field_that_does_not_exist_fails_the_check():
    registry = dict(personal_data_registry())
    item = registry["directory"]
    registry["directory"] = dataclasses.replace(
        item, covers={**item.covers, "directory.Listing": item.covers["directory.Listing"] | {"author"}}
    )
    [error] = personal_data_covered(registry=registry)
    assert error.id == "accounts.E002" and "directory.Listing.author" in error.msg


@pytest.mark.parametrize("app_label", ["directory", "transparency", "budgeting"])
def test_the_check_asked_for_one_app_looks_only_at_that_apps_models(app_label):
    from django.apps import apps

    registry = _without(personal_data_registry(), app_label)
    errors = personal_data_covered(app_configs=[apps.get_app_config(app_label)], registry=registry)
    assert errors and all(e.msg.startswith(f"{app_label}.") for e in errors)
