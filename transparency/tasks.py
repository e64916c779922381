from celery import shared_task

from transparency import services


@shared_task
def warn_nomination_deadlines() -> int:
    """Email staff about nominations near their 8-week deadline; safe to run twice (each warned once)."""
    return services.nominations_warn_deadlines()


@shared_task
def warm_spending_summaries() -> int:
    """Cache the spending explorer's most asked-for figures after an import; safe to run twice."""
    from transparency.selectors import spending_summaries_warm

    return spending_summaries_warm()


@shared_task
def tell_followers_of_notices() -> int:
    """Email followers about notices dated to become public today; safe to run twice (each emailed once)."""
    return services.notices_tell_followers_due()
