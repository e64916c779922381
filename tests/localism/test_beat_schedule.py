"""One beat schedule, in settings: every periodic task of every app is on it once, and nothing adds to it elsewhere."""

from django.conf import settings

from localism.celery import app

# Tasks that run when something happens, not on a clock, with the reason.
ON_DEMAND = {
    "transparency.tasks.warm_spending_summaries": "queued after each spending import",
}


def _project_tasks() -> set[str]:
    app.loader.import_default_modules()
    apps = {"accounts", "budgeting", "consultations", "directory", "discussions", "localism", "notifications"}
    apps |= {"transparency", "petitions", "events"}
    return {name for name in app.tasks if name.split(".", 1)[0] in apps}


def test_the_schedule_celery_runs_is_the_one_in_settings():
    app.loader.import_default_modules()
    assert dict(app.conf.beat_schedule) == settings.CELERY_BEAT_SCHEDULE


def test_every_periodic_task_of_every_app_is_scheduled_and_every_scheduled_task_exists():
    tasks = _project_tasks()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= tasks, scheduled - tasks
    assert tasks - scheduled - set(ON_DEMAND) == set()
    for name in (
        "consultations.tasks.send_closing_soon_reminders",
        "directory.tasks.check_listing_freshness",
        "transparency.tasks.warn_nomination_deadlines",
        "petitions.tasks.close_due_petitions",
        "events.tasks.send_event_reminders",
    ):
        assert name in scheduled
