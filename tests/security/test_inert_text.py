"""Text the public or a group can enter is rendered inert on every page that shows it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Project
from tests.budgeting.factories import ProjectFactory, RoundFactory, proposal_form
from tests.directory.factories import MembershipFactory
from tests.factories import PlaceFactory
from tests.security.payloads import PAYLOADS, assert_inert, assert_shown_inert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_budgeting_proposal_is_inert_on_every_page_that_shows_it(client, resident_client, resident, payload):
    budget_round = RoundFactory(taking_proposals=True)
    response = resident_client.post(
        reverse("budgeting:project_propose", kwargs={"slug": budget_round.slug}),
        proposal_form(
            MembershipFactory(user=resident).organisation, PlaceFactory(), title=payload[:120], description=payload
        ),
    )
    project = Project.objects.get()
    assert response.status_code == 302
    Project.objects.filter(pk=project.pk).update(status="accepted")
    for url in (budget_round.get_absolute_url(), project.get_absolute_url()):
        assert_inert(resident_client.get(url).content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_display_name_is_inert_where_it_is_shown(resident_client, resident, payload):
    resident_client.post(
        reverse("accounts:profile"), {"display_name": payload[:60], "home_postcode": "", "email_frequency": "daily"}
    )
    assert_inert(resident_client.get(reverse("accounts:profile")).content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_and_postcode_text_is_inert(client, payload):
    assert_shown_inert(client.get(reverse("localism:search"), {"q": payload}).content.decode(), payload)
    assert_shown_inert(
        client.get(reverse("localism:find_by_postcode"), {"postcode": payload}).content.decode(), payload
    )
    assert_shown_inert(client.get(reverse("directory:search"), {"q": payload}).content.decode(), payload)
    assert_shown_inert(client.get(reverse("consultations:list"), {"q": payload}).content.decode(), payload)
    assert_shown_inert(client.get(reverse("transparency:spending"), {"q": payload}).content.decode(), payload)


def test_published_results_show_project_titles_inert(client, moderator):
    now = timezone.now()
    closed = RoundFactory(voting_opens=now - timedelta(days=2), voting_closes=now - timedelta(hours=1))
    ProjectFactory(round=closed, title=PAYLOADS[0])
    client.force_login(moderator)
    client.post(
        reverse("admin:budgeting_round_changelist"), {"action": "publish_results", "_selected_action": [closed.pk]}
    )
    assert_inert(client.get(reverse("budgeting:results", kwargs={"slug": closed.slug})).content.decode(), PAYLOADS[0])


@pytest.mark.parametrize(
    ("html", "payload"),
    [
        ("<main id=\"main-content\"><script>alert('x')</script>", PAYLOADS[0]),
        ('<input value="\'" autofocus onfocus=alert(1)">', PAYLOADS[-1]),
        ("<input value=''\" autofocus onfocus=alert(1)'>", PAYLOADS[-1]),
        ('<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
        ('<a href=" java&#x09;script:alert(1)">x</a>', "javascript:alert(1)"),
        ("<p>\u202e<b>reversed</b></p>", "\u202e<b>reversed</b>"),
    ],
)
def test_the_inertness_check_catches_markup_that_got_through(html, payload):
    with pytest.raises(AssertionError):
        assert_inert(html, payload)


def test_the_inertness_check_passes_escaped_text_and_finds_missing_text():
    escaped = '<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p><input value="&quot; onfocus=&quot;alert(1)">'
    assert_inert(escaped, PAYLOADS[0])
    assert_shown_inert(escaped, PAYLOADS[0])
    with pytest.raises(AssertionError):
        assert_shown_inert("<p>Nothing here</p>", PAYLOADS[0])
    with pytest.raises(AssertionError):
        assert_shown_inert("<p>49</p>", "{{ 7*7 }}")
