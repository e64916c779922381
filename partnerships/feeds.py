"""An Atom feed of one partnership's updates: progress reported on its priorities, its meetings, and its action log
as entries are agreed and change. Only what the partnership's public page shows."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from localism.feeds import ListFeed
from partnerships import selectors
from partnerships.models import Partnership


class PartnershipUpdatesFeed(ListFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Partnership:
        # A feed reader is nobody in particular: published partnerships only (staff preview drafts on the page).
        return get_object_or_404(Partnership.objects.published(), slug=slug)

    def title(self, partnership: Partnership) -> str:
        return f"{partnership.name}: {settings.SITE_NAME}"

    def subtitle(self, partnership: Partnership) -> str:
        return f"Progress on the priorities of {partnership.name}, its meetings and its action log."

    def link(self, partnership: Partnership) -> str:
        return partnership.get_absolute_url()

    def items(self, partnership: Partnership) -> list[selectors.PartnershipUpdate]:
        return selectors.partnership_updates(partnership, limit=self.length)

    def item_title(self, item: selectors.PartnershipUpdate) -> str:
        return item.title

    def item_description(self, item: selectors.PartnershipUpdate) -> str:
        return item.description

    def item_link(self, item: selectors.PartnershipUpdate) -> str:
        return item.link

    def item_guid(self, item: selectors.PartnershipUpdate) -> str:
        return item.key

    def item_pubdate(self, item: selectors.PartnershipUpdate):
        return item.at

    def item_updateddate(self, item: selectors.PartnershipUpdate):
        return item.at
