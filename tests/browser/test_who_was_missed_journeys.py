"""Who was missed, in a real browser: a resident on a phone keeps their equality answers in their profile and
reuses them after responding to a consultation; staff read the equality report comparing respondents with the
area's population, with the groups missed and who could help reach them. Every page passes an axe scan."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultations import services
from consultations.models import DistrictPopulation, EqualityMonitoring, Question, SavedEqualityAnswers
from localism.models import Place
from tests.browser.conftest import expect_heading, expect_success, fits_the_screen, press_button
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.directory.factories import ListingFactory, TaxonomyTermFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def consultation(reference_data):
    consultation = ConsultationFactory(title="Coastal paths in North Norfolk")
    consultation.places.set([Place.objects.get(slug="north-norfolk")])
    QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT, text="Which path do you walk?")
    return consultation


def test_a_resident_keeps_their_answers_and_reuses_them_on_a_phone(
    page, sign_in, resident, consultation, assert_accessible
):
    sign_in(page, resident)
    page.set_viewport_size(PHONE)
    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name="Your equality answers (optional)").click()
    expect_heading(page, "Your equality answers", assert_accessible)
    fits_the_screen(page)
    page.get_by_role("button", name="Give your answers").click()
    page.get_by_label("What is your age?").select_option("45-54")
    assert_accessible(page)
    press_button(page, "Continue")
    page.get_by_role("group", name="What is your sex?").get_by_label("Female", exact=True).check()
    page.get_by_role("group", name="Do you have any physical").get_by_label("No", exact=True).check()
    fits_the_screen(page)
    assert_accessible(page)
    press_button(page, "Save your answers")
    expect_success(page, "Your equality answers are saved in your profile")
    expect(page.get_by_text("45 to 54")).to_be_visible()
    assert_accessible(page)

    page.goto(reverse("consultations:respond", kwargs={"slug": consultation.slug}))
    page.get_by_label("Which path do you walk?").fill("Cromer to Overstrand")
    press_button(page, "Send your response")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response received")
    expect(page.get_by_role("button", name="Use my saved answers")).to_be_visible()
    fits_the_screen(page)
    assert_accessible(page)
    press_button(page, "Use my saved answers")
    expect_success(page, "your saved equality answers were used")
    assert_accessible(page)

    record = EqualityMonitoring.objects.get()
    assert (record.consultation_id, record.age_band, record.sex, record.disability) == (
        consultation.pk,
        "45-54",
        "female",
        "no",
    )
    assert SavedEqualityAnswers.objects.filter(person=resident).exists()


def test_staff_read_who_was_missed_and_who_could_help(page, sign_in, moderator, consultation, assert_accessible):
    services.district_population_save(
        population=DistrictPopulation(
            district=Place.objects.get(slug="north-norfolk"), residents=103_000, source="Census 2021 (ONS)"
        ),
        shares={
            ("sex", "female"): Decimal("51.5"),
            ("sex", "male"): Decimal("48.5"),
            ("age_band", "75-plus"): Decimal("15.5"),
            ("age_band", "16-24"): Decimal("8.0"),
        },
        by=None,
    )
    EqualityMonitoring.objects.bulk_create(
        [EqualityMonitoring(consultation=consultation, sex="female", age_band="75-plus") for _ in range(30)]
        + [EqualityMonitoring(consultation=consultation, sex="male", age_band="45-54") for _ in range(8)]
        + [EqualityMonitoring(consultation=consultation, sex="male", age_band="16-24") for _ in range(2)]
    )
    term = TaxonomyTermFactory(name="Men's groups", slug="mens-groups")
    shed = ListingFactory(name="Holt Men's Shed", categories=[term])
    shed.service_areas.set([Place.objects.get(slug="north-norfolk")])

    sign_in(page, moderator)
    page.goto(reverse("consultations:equality_report", kwargs={"slug": consultation.slug}))
    expect_heading(page, "Equality monitoring", assert_accessible)
    expect(page.get_by_text("is less than 80% of its share of the area")).to_be_visible()
    male = page.locator("tr", has=page.get_by_role("rowheader", name="Male", exact=True))
    expect(male).to_contain_text("25.0%")
    expect(male).to_contain_text("48.5%")
    expect(male).to_contain_text("Under-represented")
    young = page.locator("tr", has=page.get_by_role("rowheader", name="16 to 24", exact=True))
    expect(young).to_contain_text("Fewer than 5")
    expect(young).to_contain_text("Too few to say")
    page.get_by_role("link", name="Holt Men's Shed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Holt Men's Shed")
