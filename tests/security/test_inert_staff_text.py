"""Staff write Markdown; whatever they paste, the sanitiser leaves nothing that runs on the public pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localism.markdown import render_markdown
from tests.consultations.factories import ConsultationFactory, MeetingFactory, OutcomeFactory, TeamFactory
from tests.factories import InformationPageFactory
from tests.security.payloads import CORE_PAYLOADS, PAYLOADS, assert_inert
from tests.transparency.factories import DecisionFactory

pytestmark = pytest.mark.django_db

MARKDOWN_PAYLOADS = [
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<iframe src=https://evil.example/></iframe>",
    '<a href="javascript:alert(1)" onclick="alert(1)">click</a>',
    "[click](vbscript:msgbox(1))",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<form action=javascript:alert(1)><button>go</button></form>",
]
RUNNABLE_TAGS = ("<script", "<iframe", "<img", "<svg", "<form", "<button", "<style")


@pytest.mark.parametrize("text", PAYLOADS + MARKDOWN_PAYLOADS)
def test_the_markdown_sanitiser_leaves_nothing_that_runs(text):
    html = render_markdown(text)
    for tag in RUNNABLE_TAGS:
        assert tag not in html.lower(), f"{tag} survived in {html!r}"
    assert not re.search(r"<[a-z][^<>]*\s(?:on[a-z]+|style)\s*=", html, re.I), f"an attribute that runs: {html!r}"
    assert_inert(html, text)


@pytest.mark.parametrize("text", CORE_PAYLOADS + MARKDOWN_PAYLOADS)
def test_staff_markdown_is_inert_on_every_public_page_that_renders_it(text):
    consultation = ConsultationFactory(
        body=text, commissioning=text, closes_at=timezone.now() - timezone.timedelta(days=1)
    )
    consultation.opens_at = consultation.closes_at - timezone.timedelta(days=30)
    consultation.save()
    meeting = MeetingFactory(team=TeamFactory(consultation=consultation), agenda=text, minutes=text)
    OutcomeFactory(
        consultation=consultation,
        what_we_asked=text,
        what_you_said=text,
        decision=text,
        published_at=timezone.now(),
    )
    decision = DecisionFactory(summary=text)
    page = InformationPageFactory(body=text)
    public = Client()
    for url in (
        consultation.get_absolute_url(),
        reverse("consultations:outcome", kwargs={"slug": consultation.slug}),
        reverse("consultations:meeting", kwargs={"slug": consultation.slug, "pk": meeting.pk}),
        decision.get_absolute_url(),
        page.get_absolute_url(),
    ):
        response = public.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), text)
