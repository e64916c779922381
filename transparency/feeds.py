"""An Atom feed of the decisions log."""

from localism.dates import long_date, midday
from localism.feeds import ListFeed
from transparency.models import Decision, Notice


class DecisionFeed(ListFeed):
    name = "Decisions"
    subtitle = "What the council has decided, who decided and why."
    list_url_name = "transparency:decisions"

    def latest(self):
        return Decision.objects.published().order_by("-decision_date", "-pk")

    def item_description(self, item: Decision) -> str:
        return f"{item.decision_maker}, {long_date(item.decision_date)}. {item.summary}"[:1000]

    def item_pubdate(self, item: Decision):
        return midday(item.decision_date)


class NoticeFeed(ListFeed):
    name = "Public notices"
    subtitle = "Notices the councils give: meetings, the accounts, vacancies, roads and more."
    list_url_name = "transparency:notices"

    def latest(self):
        return Notice.objects.published().select_related("council").order_by("-published_on", "-pk")

    def item_description(self, item: Notice) -> str:
        return f"{item.council.name}, {item.get_kind_display()}. {item.body}"[:1000]

    def item_pubdate(self, item: Notice):
        return midday(item.published_on)
