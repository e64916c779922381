"""The staff admin's home page: the work waiting for the person signed in, for their council, linked to its list."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Listing
from discussions.models import Report
from localism.models import Council
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory
from tests.directory.factories import ListingFactory
from tests.discussions.factories import CommentFactory
from tests.queries import queries_of
from tests.transparency.factories import (
    AssetNominationFactory,
    ChallengeWindowFactory,
    ExpressionOfInterestFactory,
)

pytestmark = pytest.mark.django_db


def home(user) -> str:
    response = signed_in(user).get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def waiting(page: str, label: str) -> tuple[str, int]:
    """The link and the count of one queue on the page."""
    match = re.search(
        r'<th scope="row"><a href="([^"]+)">' + re.escape(label) + r"</a></th>\s*<td>(?:<strong>)?(\d+)", page
    )
    assert match, f"no queue {label!r}"
    return match.group(1).replace("&amp;", "&"), int(match.group(2))


def overdue_nomination(council_slug: str, **extra):
    return AssetNominationFactory(
        council=Council.objects.get(slug=council_slug),
        decision_due=timezone.localdate() - datetime.timedelta(days=3),
        **extra,
    )


def test_a_district_officer_sees_their_own_districts_nominations_overdue_first(district_officer):
    overdue_nomination("north-norfolk-district-council")
    AssetNominationFactory()  # North Norfolk's, due in 8 weeks
    overdue_nomination("breckland-council", postcode="IP24 1AA")

    page = home(district_officer)

    overdue_url, overdue = waiting(page, "Nominations past their decision deadline")
    awaiting_url, awaiting = waiting(page, "Nominations awaiting a decision (earliest deadline first)")
    assert (overdue, awaiting) == (1, 2)
    assert page.index("past their decision deadline") < page.index("awaiting a decision (earliest")
    assert overdue_url == reverse("admin:transparency_assetnomination_changelist") + "?deadline=overdue"
    assert "North Norfolk District Council" in page


def test_each_count_links_to_the_list_it_counts(district_officer):
    overdue_nomination("north-norfolk-district-council", asset_name="The Overdue Arms")
    AssetNominationFactory(asset_name="The Punctual Inn")
    client = signed_in(district_officer)

    url, _ = waiting(home(district_officer), "Nominations past their decision deadline")
    listed = client.get(url).content.decode()

    assert "The Overdue Arms" in listed
    assert "The Punctual Inn" not in listed


def test_expressions_of_interest_are_counted_for_their_council(district_officer):
    north_norfolk = Council.objects.get(slug="north-norfolk-district-council")
    breckland = Council.objects.get(slug="breckland-council")
    ExpressionOfInterestFactory(window=ChallengeWindowFactory(council=north_norfolk), council=north_norfolk)
    ExpressionOfInterestFactory(window=ChallengeWindowFactory(council=breckland), council=breckland)

    _, count = waiting(home(district_officer), "Expressions of interest awaiting a decision")

    assert count == 1


def test_a_parish_clerk_counts_reported_comments_on_their_own_councils_consultations(parish_clerk, resident):
    for slug in ("cromer-town-council", "holt-town-council"):
        comment = CommentFactory(target=ConsultationFactory(council=Council.objects.get(slug=slug)))
        Report.objects.create(comment=comment, reporter=resident, reason=Report.Reason.values[0])

    url, count = waiting(home(parish_clerk), "Reported comments")

    assert count == 1
    assert url == reverse("admin:discussions_comment_changelist") + "?queue=reported"


def test_staff_see_only_the_queues_they_may_work_on(parish_clerk):
    page = home(parish_clerk)

    assert "New listings to review" not in page  # the directory's reviewers are the county's team
    assert "Failed emails" not in page


def test_the_county_team_see_the_directory_and_the_outbox(moderator, organisation):
    ListingFactory(organisation=organisation, status=Listing.Status.PENDING)
    published = ListingFactory(organisation=organisation)
    ListingFactory(organisation=organisation, status=Listing.Status.PENDING, edit_of=published)

    page = home(moderator)

    assert waiting(page, "New listings to review")[1] == 1
    assert waiting(page, "Edits to published listings to review")[1] == 1
    assert waiting(page, "Failed emails")[1] == 0


def test_the_home_page_costs_the_same_queries_whatever_is_waiting(district_officer, resident):
    overdue_nomination("north-norfolk-district-council")
    few = queries_of(signed_in(district_officer), reverse("admin:index"))
    for _ in range(6):
        overdue_nomination("north-norfolk-district-council")
        AssetNominationFactory()
    many = queries_of(signed_in(district_officer), reverse("admin:index"))

    assert few == many
    assert many <= 20
