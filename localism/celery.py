"""The Celery app. With REDIS_URL set, tasks go through Redis to a worker;
without it (a fresh machine) they run in-process as they are queued."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localism.settings")

app = Celery("localism")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
