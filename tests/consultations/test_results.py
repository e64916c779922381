"""Results: counts per question and channel, SVG charts beside tables, CSV export for staff."""

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Response
from consultations.services import AnswerValue
from tests.downloads import downloaded_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _respond(consultation, survey, single, ranking, text="", channel=None, staff=None):
    answers = {
        survey["single"].pk: AnswerValue(choices=(single,)),
        survey["scale"].pk: AnswerValue(choices=(4,)),
        survey["ranking"].pk: AnswerValue(choices=ranking),
        survey["text"].pk: AnswerValue(text=text),
    }
    if channel:
        return services.offline_response_enter(
            consultation=consultation, entered_by=staff, channel=channel, answers=answers
        )
    return services.response_submit(consultation=consultation, respondent=UserFactory(), answers=answers)[0]


@pytest.fixture
def answered(consultation, survey, moderator):
    _respond(consultation, survey, 0, (1, 0, 2), text='=HYPERLINK("http://evil")')
    _respond(consultation, survey, 0, (1, 2))
    _respond(consultation, survey, 1, (0,), channel=Response.Channel.PAPER, staff=moderator)
    return consultation


def test_results_count_answers_per_option_and_channel(client, moderator, answered, survey):
    client.force_login(moderator)
    page = client.get(reverse("consultations:results", kwargs={"slug": answered.slug})).content.decode()
    assert "3 responses" in page
    assert "Paper form" in page and "Online" in page
    assert "2 (66.7%)" in page  # "Yes" in the chart
    assert '<svg class="localism-chart"' in page and 'role="img"' in page
    assert "<table" in page
    assert 'aria-labelledby="chart-1-title"' in page and 'id="chart-1-title"' in page


def test_ranking_results_use_a_borda_score(client, moderator, answered, survey):
    from consultations.selectors import results

    ranking = next(r for r in results(answered).questions if r.question.pk == survey["ranking"].pk)
    scores = {o.label: (o.first_place, o.score) for o in ranking.options}
    # Longer hours: first twice (3+3); Lower fares: second once (2) + first once (3); More villages: 1 + 2
    assert scores == {"Longer hours": (2, 6), "Lower fares": (1, 5), "More villages": (0, 3)}
    assert ranking.options[0].label == "Longer hours"


def test_residents_see_results_only_after_closing(resident_client, answered):
    page = resident_client.get(reverse("consultations:results", kwargs={"slug": answered.slug})).content.decode()
    assert "We publish the results when the consultation closes" in page


def test_the_results_page_runs_a_fixed_number_of_queries(
    client, moderator, answered, survey, django_assert_max_num_queries
):
    for n in range(20):
        _respond(answered, survey, n % 3, (n % 3,))
    client.force_login(moderator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("consultations:results", kwargs={"slug": answered.slug})).content.decode()
    # the page counted every response: the three of the fixture and the twenty added here
    assert "23 responses" in page
    assert "Paper form" in page and "Online" in page


def test_staff_export_responses_as_csv_safe_from_formulas(client, moderator, answered):
    client.force_login(moderator)
    response = client.get(reverse("consultations:responses_csv", kwargs={"slug": answered.slug}))
    body = downloaded_text(response)
    assert "'=HYPERLINK" in body
    assert "Longer hours | Lower fares | More villages" in body
    assert len(body.strip().splitlines()) == 4


def test_residents_cannot_export_responses(resident_client, answered):
    assert (
        resident_client.get(reverse("consultations:responses_csv", kwargs={"slug": answered.slug})).status_code == 403
    )
