"""Background work for petitions: closing those past their closing time."""

from celery import shared_task


@shared_task
def close_due_petitions() -> int:
    """Close open petitions past their closing time and tell their signers (safe to run twice)."""
    from petitions.services import petitions_close_due

    return petitions_close_due()
