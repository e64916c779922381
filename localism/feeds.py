"""The portal's Atom feeds: each follows one public list."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed


class ListFeed(Feed):
    """An Atom feed of a public list's latest entries: titled "<name>: <site name>", linking to the list's page.

    A feed names the list (`name`, `list_url_name`), gives its entries newest first (`latest`), and says how
    to describe and date each one (`item_description`, `item_pubdate`); an entry's title is its own name.
    """

    feed_type = Atom1Feed
    length = 30
    name: str = ""
    list_url_name: str = ""

    def title(self) -> str:
        return f"{self.name}: {settings.SITE_NAME}"

    def author_name(self) -> str:
        # Atom asks every feed for an author (RFC 4287, 4.1.1): the council publishing the portal.
        return settings.COUNCIL_NAME

    def link(self) -> str:
        return reverse(self.list_url_name)

    def latest(self) -> QuerySet:
        raise NotImplementedError

    def items(self):
        return self.latest()[: self.length]

    def item_title(self, item) -> str:
        return str(item)
