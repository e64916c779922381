"""The spam trap of a form: no person sees it or reaches it, on whichever page the form is; bots that fill it
are refused."""

import re

import pytest
from django.urls import reverse

from tests.budgeting.factories import ProjectFactory
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db

TRAP = re.compile(r'<div class="localism-honeypot" hidden><label for="id_website">Leave this empty</label>')


def pages_with_a_form(consultation):
    comment = CommentFactory(target=consultation)
    return {
        "consultation": consultation.get_absolute_url(),
        "budgeting project": ProjectFactory().get_absolute_url(),
        "comment report": reverse("discussions:comment_report", kwargs={"pk": comment.pk}),
        "survey": f"{consultation.get_absolute_url()}respond/",
    }


def test_the_spam_trap_is_hidden_from_people_and_assistive_technology_on_every_page(resident_client, consultation):
    for name, url in pages_with_a_form(consultation).items():
        response = resident_client.get(url)
        html = response.content.decode()

        assert response.status_code == 200, name
        assert TRAP.search(html), name
        assert html.count('name="website"') == 1, name
        assert "Leave this empty (optional)" not in html, name


def test_a_comment_with_the_spam_trap_filled_in_is_refused(resident_client, comment_url):
    response = resident_client.post(comment_url, {"text": "Buy now", "website": "https://spam.example"})

    assert response.status_code == 400
