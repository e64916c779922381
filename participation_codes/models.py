"""One-time participation codes: printed on cards, posted to households or handed out at events, each lets
someone take part once (one budgeting ballot, one survey response) without an account.

Only a keyed hash of each code is kept (see participation_codes.services.code_digest): the printed sheet is
the one place a code is ever readable, so a leaked database lists no code that could be used.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from accounts.fields import person_link
from localism.models import Council
from localism.numbers import counted


class CodeBatch(models.Model):
    """Codes made at once for one budgeting round or consultation (what they are for is registered by its app)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The target's council, copied when the batch is made: whose staff may see and revoke it.
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    label = models.CharField(
        max_length=200, help_text="Where the codes go, as staff will recognise it: 'Posted to Cromer households'."
    )
    size = models.PositiveIntegerField()
    created_by = person_link()
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = person_link()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="codebatch_target")]
        ordering = ["-id"]
        verbose_name_plural = "code batches"

    def __str__(self) -> str:
        return f"{self.label} ({counted(self.size, 'code')})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ParticipationCode(models.Model):
    """One code, as its keyed hash; used once, then never again."""

    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["batch", "used_at"], name="code_batch_used")]

    def __str__(self) -> str:
        return f"Code {self.pk} of batch {self.batch_id}"
