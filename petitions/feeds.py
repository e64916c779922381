"""An Atom feed of petitions: new ones as they open, and each as it moves on (closed, answered, debated)."""

from localism.feeds import ListFeed
from localism.numbers import counted
from petitions.models import Petition


class PetitionFeed(ListFeed):
    name = "Petitions"
    subtitle = "Petitions to the councils, as they open and as the councils answer them."
    list_url_name = "petitions:list"

    def latest(self):
        return Petition.objects.public().select_related("council").order_by("-opened_at", "-pk")

    def item_title(self, item: Petition) -> str:
        return f"{item.title} ({item.get_status_display().lower()})"

    def item_description(self, item: Petition) -> str:
        return f"To {item.council.name}: {item.action} ({counted(item.signature_count, 'signature')})"

    def item_pubdate(self, item: Petition):
        return item.opened_at

    def item_updateddate(self, item: Petition):
        return max(
            filter(None, [item.opened_at, item.acknowledged_at, item.closed_at, item.responded_at, item.checked_at])
        )
