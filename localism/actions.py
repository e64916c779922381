"""Something promised, who will do it, by when and how it stands: the shape every tracked action shares (an
outcome's "we did" actions, a partnership's action log)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"
    DELAYED = "delayed", "Delayed"
    NOT_GOING_AHEAD = "not-going-ahead", "Not going ahead"


class TrackedAction(models.Model):
    """An abstract action: each model adds what it belongs to."""

    Status = ActionStatus

    description = models.CharField(max_length=300)
    owner = models.CharField(max_length=200, help_text="The team or role responsible.")
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    status_note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def is_overdue(self) -> bool:
        """Still to be done, and past its due date."""
        still_to_do = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DELAYED)
        return self.status in still_to_do and self.due_on < timezone.localdate()
