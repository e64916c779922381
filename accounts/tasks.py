from celery import shared_task

from accounts.services import unverified_accounts_purge


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def purge_unverified_accounts() -> int:
    """Remove accounts never verified within 30 days; safe to run twice (the second finds none)."""
    return unverified_accounts_purge()
