"""The start-up check that staff never read a bare action code in the audit trail: every code that is registered,
or written by the project's code, has readable text."""

from django.core.management import call_command

from localism.audit import ACTION_LABELS, action_label
from localism.checks import audit_actions_readable


def _ids_and_codes(errors) -> list[tuple[str, str]]:
    return sorted((e.id, e.obj) for e in errors)


def _labels(**changes: str | None) -> dict[str, str]:
    """The registered labels with some replaced (a code given None is left out)."""
    labels = dict(ACTION_LABELS)
    for code, label in changes.items():
        code = code.replace("__", ".")
        if label is None:
            labels.pop(code)
        else:
            labels[code] = label
    return labels


def test_every_audit_action_of_the_project_has_readable_text():
    assert audit_actions_readable() == []
    call_command("check", "--fail-level", "ERROR")


def test_a_code_registered_with_no_text_fails_the_check():
    errors = audit_actions_readable(labels=_labels(budgeting__project__proposed="  "))
    assert _ids_and_codes(errors) == [
        ("localism.E001", "budgeting.project.proposed"),
        ("localism.E002", "budgeting.project.proposed"),
    ]


def test_a_code_registered_with_itself_as_its_text_fails_the_check():
    errors = audit_actions_readable(labels=_labels(directory__listing__approved="directory.listing.approved"))
    assert ("localism.E001", "directory.listing.approved") in _ids_and_codes(errors)


def test_a_code_written_by_a_service_but_never_registered_fails_the_check_and_says_where():
    errors = audit_actions_readable(labels=_labels(directory__listing__confirmed=None))
    assert _ids_and_codes(errors) == [("localism.E002", "directory.listing.confirmed")]
    assert "directory/services.py:" in errors[0].msg
    assert "register_actions() in the app's hooks.py" in errors[0].hint


def test_a_code_filled_in_at_run_time_needs_text_for_codes_of_its_shape(tmp_path):
    source = tmp_path / "services.py"
    source.write_text(
        "def decide(status, verb):\n"
        '    audit_record(action=f"transparency.challenge.{status}")\n'
        '    audit_record(action=f"budgeting.ballot.{verb}")\n'
        '    audit_record(action="budgeting.round.results_published" if verb else "budgeting.round.reopened")\n'
        '    parser.add_argument("--x", action="store_true")\n'
    )
    errors = audit_actions_readable(sources=[source])
    assert _ids_and_codes(errors) == [
        ("localism.E002", "budgeting.ballot.…"),
        ("localism.E002", "budgeting.round.reopened"),
    ]
    assert "services.py:3" in errors[0].msg


def test_an_edit_in_the_admin_is_described_from_the_models_name():
    # AuditedModelAdmin writes <app>.<model>.added|changed|deleted for every model staff edit in the admin.
    assert action_label("consultations.meeting.changed") == "Meeting changed by staff in the admin"
    assert action_label("directory.listing.changed") == "Listing corrected by staff"  # a registered text wins
    assert action_label("consultations.nothing.changed") == "consultations.nothing.changed"
