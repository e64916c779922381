import smtplib

from celery import shared_task

from notifications.services import digests_build, outbox_deliver


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=10,
    acks_late=True,
)
def deliver_outbox() -> int:
    """Send every due outbox row; safe to run twice or in parallel (rows are claimed with SKIP LOCKED)."""
    return outbox_deliver()


@shared_task(acks_late=True)
def send_digests(frequency: str) -> int:
    """Build the daily or weekly digests; safe to run twice (one digest per person and period)."""
    return digests_build(frequency=frequency)
