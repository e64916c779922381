"""An Atom feed of the decisions log."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from transparency.models import Decision


class DecisionFeed(Feed):
    feed_type = Atom1Feed
    title = f"Decisions: {settings.SITE_NAME}"
    subtitle = "What the council has decided, who decided and why."

    def link(self):
        return reverse("transparency:decisions")

    def items(self):
        return Decision.objects.published().order_by("-decision_date", "-pk")[:30]

    def item_title(self, item: Decision) -> str:
        return item.title

    def item_description(self, item: Decision) -> str:
        return f"{item.decision_maker}, {item.decision_date:%d %B %Y}. {item.summary}"[:1000]

    def item_pubdate(self, item: Decision):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.decision_date, time(12, 0)))
