"""The list of partnerships, a partnership's page (priorities with what serves them, members, meetings, the
action log) in a fixed number of queries, a meeting's page and papers, and the calendar of meetings."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnerships.models import MeetingPaper, Sector
from tests.budgeting.factories import RoundFactory
from tests.consultations.factories import ConsultationFactory
from tests.directory.factories import OrganisationFactory
from tests.downloads import downloaded_bytes
from tests.partnerships.factories import (
    ActionFactory,
    MeetingFactory,
    MemberFactory,
    PartnershipFactory,
    PriorityFactory,
    PriorityUpdateFactory,
)
from tests.transparency.factories import ContractFactory, SpendingRecordFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% minutes\n"


def detail(partnership) -> str:
    return reverse("partnerships:detail", kwargs={"slug": partnership.slug})


def fill(partnership, size: int) -> None:
    """`size` of everything the page shows: members (with organisations), priorities with progress reports and
    linked consultations, rounds, contracts and payments, meetings with papers, and actions."""
    for n in range(size):
        MemberFactory(partnership=partnership, sector=Sector.VOLUNTARY, organisation=OrganisationFactory())
        MemberFactory(partnership=partnership, sex="female")
        priority = PriorityFactory(partnership=partnership)
        PriorityUpdateFactory(priority=priority, reported_on=timezone.localdate() - datetime.timedelta(days=n))
        PriorityUpdateFactory(priority=priority, reported_on=timezone.localdate() - datetime.timedelta(days=n + 9))
        priority.consultations.add(ConsultationFactory())
        priority.budgeting_rounds.add(RoundFactory())
        priority.contracts.add(ContractFactory())
        priority.payments.add(SpendingRecordFactory(), SpendingRecordFactory())
        meeting = MeetingFactory(partnership=partnership, starts_at=timezone.now() - datetime.timedelta(days=n + 1))
        MeetingPaper.objects.create(
            meeting=meeting, title=f"Paper {n}", file=SimpleUploadedFile("paper.pdf", PDF, "application/pdf")
        )
        MeetingFactory(partnership=partnership, starts_at=timezone.now() + datetime.timedelta(days=n + 1))
        ActionFactory(partnership=partnership, priority=priority, agreed_at=meeting)


def count_queries(django_assert_max_num_queries, url: str, bound: int) -> int:
    with django_assert_max_num_queries(bound) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_partnership_page_reads_a_fixed_number_of_queries_whatever_its_size(django_assert_max_num_queries):
    small, large = PartnershipFactory(), PartnershipFactory()
    fill(small, 1)
    fill(large, 8)

    queries_small = count_queries(django_assert_max_num_queries, detail(small), 14)
    queries_large = count_queries(django_assert_max_num_queries, detail(large), 14)

    assert queries_small == queries_large


def test_the_list_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(2):
        PartnershipFactory()
    first = count_queries(django_assert_max_num_queries, reverse("partnerships:list"), 3)
    for _ in range(10):
        PartnershipFactory()
    assert count_queries(django_assert_max_num_queries, reverse("partnerships:list"), 3) == first


def test_a_partnership_page_shows_each_priority_with_the_spending_and_consultations_that_serve_it():
    partnership = PartnershipFactory()
    priority = PriorityFactory(partnership=partnership, title="Getting to services without a car")
    PriorityUpdateFactory(priority=priority, status="at_risk", note="The bus contract ends in March.")
    priority.consultations.add(ConsultationFactory(title="Community transport"))
    priority.budgeting_rounds.add(RoundFactory(title="Villages fund"))
    priority.contracts.add(ContractFactory(title="Dial-a-ride", supplier_name="Wensum Transport Ltd"))
    priority.payments.add(SpendingRecordFactory(beneficiary_name="Wensum Transport Ltd", purpose="Dial-a-ride trips"))

    page = Client().get(detail(partnership)).content.decode()

    for shown in (
        "Getting to services without a car",
        "At risk",
        "The bus contract ends in March.",
        "Community transport",
        "Villages fund",
        "Dial-a-ride",
        "Dial-a-ride trips",
        "£1,250.00",
        reverse("transparency:supplier_detail", kwargs={"slug": "wensum-transport-ltd"}),
    ):
        assert shown in page


def test_a_draft_consultation_or_an_unpublished_round_linked_to_a_priority_is_not_shown():
    partnership = PartnershipFactory()
    priority = PriorityFactory(partnership=partnership)
    priority.consultations.add(ConsultationFactory(title="Secret draft", draft=True))
    priority.budgeting_rounds.add(RoundFactory(title="Hidden round", is_published=False))

    page = Client().get(detail(partnership)).content.decode()

    assert "Secret draft" not in page
    assert "Hidden round" not in page
    assert "Nothing is linked to this priority yet." in page


def test_an_unpublished_partnership_is_not_found_and_not_listed():
    draft = PartnershipFactory(is_published=False, name="Draft Partnership")
    PartnershipFactory(name="Published Partnership")

    assert Client().get(detail(draft)).status_code == 404
    listed = Client().get(reverse("partnerships:list")).content.decode()
    assert "Published Partnership" in listed
    assert "Draft Partnership" not in listed


def test_an_overdue_action_is_marked_in_the_action_log():
    partnership = PartnershipFactory()
    ActionFactory(
        partnership=partnership,
        description="Map the bus routes",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    ActionFactory(
        partnership=partnership,
        description="Done already",
        status="done",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )

    page = Client().get(detail(partnership)).content.decode()

    assert page.count("Overdue") == 1


def test_a_meetings_page_shows_its_papers_and_minutes_and_a_paper_downloads():
    partnership = PartnershipFactory()
    meeting = MeetingFactory(
        partnership=partnership,
        minutes="The board **agreed** the priorities.",
        starts_at=datetime.datetime(2026, 3, 14, 18, 0, tzinfo=datetime.UTC),
    )
    paper = MeetingPaper.objects.create(
        meeting=meeting, title="Progress report", file=SimpleUploadedFile("report.pdf", PDF, "application/pdf")
    )

    page = Client().get(meeting.get_absolute_url()).content.decode()
    download = Client().get(paper.get_absolute_url())

    assert "<strong>agreed</strong>" in page
    # When, as every page writes a date and time: "6pm", not "6:00pm".
    assert "Saturday 14 March 2026, 6pm" in page
    assert "Progress report" in page and "PDF" in page
    assert download.status_code == 200
    assert downloaded_bytes(download) == PDF


def test_a_meetings_page_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    meeting = MeetingFactory()
    for n in range(6):
        MeetingPaper.objects.create(
            meeting=meeting, title=f"Paper {n}", file=SimpleUploadedFile("report.pdf", PDF, "application/pdf")
        )
        ActionFactory(partnership=meeting.partnership, agreed_at=meeting)

    assert count_queries(django_assert_max_num_queries, meeting.get_absolute_url(), 4) <= 4


def test_a_paper_of_another_partnership_is_not_found_through_this_one():
    meeting = MeetingFactory()
    paper = MeetingPaper.objects.create(
        meeting=meeting, title="Report", file=SimpleUploadedFile("report.pdf", PDF, "application/pdf")
    )
    other = PartnershipFactory()
    url = reverse("partnerships:paper", kwargs={"slug": other.slug, "meeting": meeting.pk, "pk": paper.pk})
    assert Client().get(url).status_code == 404


def test_the_calendar_lists_the_meetings_of_published_partnerships_only():
    MeetingFactory(partnership=PartnershipFactory(name="Open Partnership"), title="Board")
    MeetingFactory(partnership=PartnershipFactory(name="Draft Partnership", is_published=False), title="Board")

    response = Client().get(reverse("partnerships:calendar"))

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Open Partnership: Board" in body
    assert "Draft Partnership" not in body


def post_paper(staff_client, meeting, upload):
    """The meeting's change form in the admin, as saved with one new paper."""
    starts_at = timezone.localtime(meeting.starts_at)
    url = reverse("admin:partnerships_meeting_change", kwargs={"object_id": meeting.pk})
    fields = {"partnership": meeting.partnership_id, "title": meeting.title, "location": meeting.location}
    return staff_client.post(
        url,
        {
            **fields,
            "starts_at_0": starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": starts_at.strftime("%H:%M:%S"),
            "papers-TOTAL_FORMS": "1",
            "papers-INITIAL_FORMS": "0",
            "papers-0-title": "Minutes",
            "papers-0-file": upload,
        },
    )


def test_a_paper_that_is_not_a_real_document_is_refused_in_the_admin(staff_client):
    response = post_paper(staff_client, MeetingFactory(), SimpleUploadedFile("minutes.pdf", b"MZ", "application/pdf"))

    assert response.status_code == 200
    assert "The file is not a real PDF file." in response.content.decode()
    assert not MeetingPaper.objects.exists()


def test_a_paper_published_in_the_admin_names_who_published_it_and_is_audited(staff_client, moderator):
    from localism.models import AuditEntry

    response = post_paper(staff_client, MeetingFactory(), SimpleUploadedFile("minutes.pdf", PDF, "application/pdf"))

    assert response.status_code == 302
    assert MeetingPaper.objects.get().uploaded_by == moderator
    assert AuditEntry.objects.filter(action="partnerships.meetingpaper.added", actor=moderator).exists()


def test_a_consultation_and_a_budgeting_round_name_the_partnership_priority_they_serve():
    partnership = PartnershipFactory(name="Coastal Partnership")
    priority = PriorityFactory(partnership=partnership, title="Getting to services without a car")
    consultation, budget_round = ConsultationFactory(), RoundFactory()
    priority.consultations.add(consultation)
    priority.budgeting_rounds.add(budget_round)

    for url in (consultation.get_absolute_url(), budget_round.get_absolute_url()):
        page = Client().get(url).content.decode()
        assert "The partnership priority it serves" in page, url
        assert f'{detail(partnership)}#priority-{priority.pk}"' in page, url
        assert "Getting to services without a car</a>, a priority of Coastal Partnership" in page, url


def test_a_priority_of_an_unpublished_partnership_is_not_named_on_the_consultation():
    priority = PriorityFactory(partnership=PartnershipFactory(is_published=False), title="A draft priority")
    consultation = ConsultationFactory()
    priority.consultations.add(consultation)

    page = Client().get(consultation.get_absolute_url()).content.decode()

    assert "A draft priority" not in page
    assert "The partnership priority it serves" not in page
