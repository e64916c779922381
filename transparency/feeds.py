"""An Atom feed of the decisions log."""

from localism.feeds import ListFeed
from transparency.models import Decision


class DecisionFeed(ListFeed):
    name = "Decisions"
    subtitle = "What the council has decided, who decided and why."
    list_url_name = "transparency:decisions"

    def latest(self):
        return Decision.objects.published().order_by("-decision_date", "-pk")

    def item_description(self, item: Decision) -> str:
        return f"{item.decision_maker}, {item.decision_date:%d %B %Y}. {item.summary}"[:1000]

    def item_pubdate(self, item: Decision):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.decision_date, time(12, 0)))
