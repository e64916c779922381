"""Forms for groups (organisations, members, listings) and residents (problem reports)."""

from __future__ import annotations

import re

from django import forms

from directory.models import DAY_CODES, DAY_NAMES, Listing, Membership, Organisation, Schedule, TaxonomyTerm
from directory.services import ListingContent
from localism.models import Place, Postcode
from localism.postcodes import normalise_postcode

CHARITY_NUMBER = re.compile(r"^\d{6,8}$")
COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
PERIODS = 4  # opening periods a group can give in the form (several a day allowed)

PATTERNS = [
    ("", "Every week"),
    ("1", "First in the month"),
    ("2", "Second in the month"),
    ("3", "Third in the month"),
    ("4", "Fourth in the month"),
    ("-1", "Last in the month"),
]
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y"]


def served_places():
    return Place.objects.filter(kind__in=[Place.Kind.COUNTY, Place.Kind.DISTRICT, Place.Kind.TOWN]).order_by(
        "kind", "name"
    )


class OrganisationForm(forms.ModelForm):
    places = forms.ModelMultipleChoiceField(
        label="Places you serve",
        queryset=Place.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label="Website", max_length=300, required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "charity_number", "company_number", "description", "website", "email", "phone"]
        labels = {
            "name": "Name of the organisation",
            "kind": "What kind of organisation is it?",
            "charity_number": "Registered charity number (if it has one)",
            "company_number": "Company number (if it has one)",
            "description": "What does the organisation do?",
            "email": "Contact email address",
            "phone": "Contact telephone number",
        }
        help_texts = {
            "charity_number": "6 to 8 digits, for example 1012345",
            "company_number": "8 characters, for example 01234567 or SC123456",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the name of the organisation"},
            "kind": {"required": "Select what kind of organisation it is"},
            "description": {"required": "Describe what the organisation does"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = Place.objects.filter(kind__in=[Place.Kind.COUNTY, Place.Kind.DISTRICT])
        self.fields["kind"].choices = Organisation.Kind.choices  # no blank "---------" radio
        if self.instance.pk:
            self.fields["places"].initial = list(self.instance.places.all())

    def clean_charity_number(self) -> str:
        value = self.cleaned_data["charity_number"].replace(" ", "")
        if value and not CHARITY_NUMBER.match(value):
            raise forms.ValidationError("Enter a charity number of 6 to 8 digits, like 1012345")
        return value

    def clean_company_number(self) -> str:
        value = self.cleaned_data["company_number"].replace(" ", "").upper()
        if value and not COMPANY_NUMBER.match(value):
            raise forms.ValidationError("Enter a company number of 8 characters, like 01234567 or SC123456")
        return value

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Organisation.Kind.CHARITY and not cleaned.get("charity_number") and "charity_number" in cleaned:
            self.add_error("charity_number", "Enter the charity number of a registered charity")
        if kind == Organisation.Kind.CIC and not cleaned.get("company_number") and "company_number" in cleaned:
            self.add_error("company_number", "Enter the company number of a community interest company")
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the person to invite",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Their role",
        choices=Membership.Role.choices,
        initial=Membership.Role.EDITOR,
        widget=forms.RadioSelect,
        help_text="Owners can also invite and remove members.",
    )


class ProblemReportForm(forms.Form):
    what_is_wrong = forms.CharField(
        label="What is wrong with this listing?",
        help_text="For example, the times have changed or it has closed. Do not include personal details.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Tell us what is wrong with the listing",
            "max_length": "What is wrong must be 2,000 characters or fewer",
        },
    )


class ListingForm(forms.Form):
    """One sectioned form: what it is, who it is for, where, when, cost, contact."""

    name = forms.CharField(label="Name", max_length=160, error_messages={"required": "Enter the name of the listing"})
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Listing.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what it is"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        help_text="One sentence, shown in search results.",
        error_messages={"required": "Enter a one-sentence summary"},
    )
    description = forms.CharField(
        label="Description",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe what happens and who it is for"},
    )
    categories = forms.ModelMultipleChoiceField(
        label="Categories", queryset=TaxonomyTerm.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    service_areas = forms.ModelMultipleChoiceField(
        label="Places it serves", queryset=Place.objects.none(), widget=forms.SelectMultiple, required=False
    )
    minimum_age = forms.IntegerField(label="Youngest age (years)", min_value=0, max_value=120, required=False)
    maximum_age = forms.IntegerField(label="Oldest age (years)", min_value=0, max_value=120, required=False)
    eligibility = forms.CharField(
        label="Who can use it", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_free = forms.BooleanField(label="It is free", required=False)
    cost_description = forms.CharField(label="What it costs", max_length=300, required=False)
    location_name = forms.CharField(label="Name of the venue", max_length=160, required=False)
    address_1 = forms.CharField(label="Building and street", max_length=160, required=False)
    city = forms.CharField(label="Town or city", max_length=80, required=False)
    postcode = forms.CharField(label="Postcode", max_length=16, required=False)
    accessibility = forms.CharField(
        label="Accessibility",
        max_length=1000,
        required=False,
        help_text="Step-free access, accessible toilets, hearing loop, parking.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    closed_on_bank_holidays = forms.BooleanField(label="Closed on bank holidays", required=False)
    closed_from = forms.DateField(
        label="Closed from", required=False, input_formats=DATE_FORMATS, help_text="For example, 22/12/2026"
    )
    closed_to = forms.DateField(label="Closed until", required=False, input_formats=DATE_FORMATS)
    url = forms.URLField(label="Website", max_length=300, required=False, assume_scheme="https")
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Telephone", max_length=30, required=False)
    contact_name = forms.CharField(label="Contact name", max_length=120, required=False)
    languages = forms.CharField(
        label="Languages spoken",
        max_length=100,
        required=False,
        help_text="Language codes separated by commas, for example en, pl, pt",
    )
    temporarily_closed = forms.BooleanField(label="It is temporarily closed", required=False)
    closed_note = forms.CharField(label="Note about the closure", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = TaxonomyTerm.objects.all()
        self.fields["service_areas"].queryset = served_places()
        day_choices = [("", "No day")] + [(code, name) for code, name in zip(DAY_CODES, DAY_NAMES, strict=True)]
        for n in range(1, PERIODS + 1):
            self.fields[f"period_{n}_day"] = forms.ChoiceField(label="Day", choices=day_choices, required=False)
            self.fields[f"period_{n}_pattern"] = forms.ChoiceField(label="How often", choices=PATTERNS, required=False)
            self.fields[f"period_{n}_opens"] = forms.TimeField(
                label="Opens", required=False, help_text="For example, 09:30"
            )
            self.fields[f"period_{n}_closes"] = forms.TimeField(label="Closes", required=False)

    @property
    def periods(self) -> list[dict]:
        return [
            {
                "number": n,
                "day": self[f"period_{n}_day"],
                "pattern": self[f"period_{n}_pattern"],
                "opens": self[f"period_{n}_opens"],
                "closes": self[f"period_{n}_closes"],
            }
            for n in range(1, PERIODS + 1)
        ]

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"]
        if not text.strip():
            return ""
        postcode = normalise_postcode(text)
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like NR1 2DH")
        self._postcode = Postcode.objects.filter(postcode=postcode).first()
        if self._postcode is None:
            raise forms.ValidationError(f"We could not find {postcode}. Check the postcode.")
        return postcode

    def clean_languages(self) -> list[str]:
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        for code in codes:
            if not LANGUAGE_CODE.match(code):
                raise forms.ValidationError("Enter language codes of 2 or 3 letters, like en, pl, pt")
        return list(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        address_given = any(cleaned.get(name) for name in ("address_1", "city", "postcode"))
        if address_given:
            for name, message in (
                ("address_1", "Enter the building and street"),
                ("city", "Enter the town or city"),
                ("postcode", "Enter the postcode"),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        for n in range(1, PERIODS + 1):
            day, opens, closes = (cleaned.get(f"period_{n}_{part}") for part in ("day", "opens", "closes"))
            if day and (opens is None or closes is None):
                if f"period_{n}_opens" not in self.errors:
                    self.add_error(f"period_{n}_opens", f"Enter the opening and closing times of period {n}")
            elif day and opens >= closes:
                self.add_error(f"period_{n}_closes", f"Period {n} must close after it opens")
            elif not day and (opens or closes):
                self.add_error(f"period_{n}_day", f"Choose the day of period {n}")
        start, end = cleaned.get("closed_from"), cleaned.get("closed_to")
        if end and not start:
            self.add_error("closed_from", "Enter the date the closure starts")
        if start and end and end < start:
            self.add_error("closed_to", "The closure must end on or after the day it starts")
        if cleaned.get("temporarily_closed") and not cleaned.get("closed_note"):
            self.add_error("closed_note", "Say why it is closed and when it will reopen")
        return cleaned

    def content(self) -> ListingContent:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "name",
                "kind",
                "summary",
                "description",
                "minimum_age",
                "maximum_age",
                "eligibility",
                "is_free",
                "cost_description",
                "url",
                "email",
                "phone",
                "contact_name",
                "languages",
                "temporarily_closed",
                "closed_note",
            )
        }
        locations = []
        if data.get("postcode"):
            locations.append(
                {
                    "name": data["location_name"],
                    "address_1": data["address_1"],
                    "city": data["city"],
                    "postcode": data["postcode"],
                    "latitude": self._postcode.latitude,
                    "longitude": self._postcode.longitude,
                    "accessibility": data["accessibility"],
                }
            )
        schedules = []
        for n in range(1, PERIODS + 1):
            if data.get(f"period_{n}_day"):
                pattern = data.get(f"period_{n}_pattern") or ""
                schedules.append(
                    {
                        "kind": Schedule.Kind.OPEN,
                        "freq": Schedule.Freq.MONTHLY if pattern else Schedule.Freq.WEEKLY,
                        "byday": f"{pattern}{data[f'period_{n}_day']}",
                        "opens_at": data[f"period_{n}_opens"],
                        "closes_at": data[f"period_{n}_closes"],
                    }
                )
        if data.get("closed_on_bank_holidays"):
            schedules.append({"kind": Schedule.Kind.CLOSED, "closed_on_bank_holidays": True})
        if data.get("closed_from"):
            schedules.append(
                {
                    "kind": Schedule.Kind.CLOSED,
                    "valid_from": data["closed_from"],
                    "valid_to": data.get("closed_to") or data["closed_from"],
                }
            )
        return ListingContent(
            fields=fields,
            categories=list(data.get("categories") or []),
            service_areas=list(data.get("service_areas") or []),
            locations=locations,
            schedules=schedules,
        )

    @classmethod
    def initial_for(cls, listing: Listing) -> dict:
        initial = {
            name: getattr(listing, name)
            for name in (
                "name",
                "kind",
                "summary",
                "description",
                "minimum_age",
                "maximum_age",
                "eligibility",
                "is_free",
                "cost_description",
                "url",
                "email",
                "phone",
                "contact_name",
                "temporarily_closed",
                "closed_note",
            )
        }
        initial["languages"] = ", ".join(listing.languages)
        initial["categories"] = list(listing.categories.all())
        initial["service_areas"] = list(listing.service_areas.all())
        location = listing.locations.order_by("pk").first()
        if location:
            initial.update(
                location_name=location.name,
                address_1=location.address_1,
                city=location.city,
                postcode=location.postcode,
                accessibility=location.accessibility,
            )
        n = 1
        for schedule in listing.schedules.all():
            if schedule.kind == Schedule.Kind.CLOSED:
                if schedule.closed_on_bank_holidays:
                    initial["closed_on_bank_holidays"] = True
                elif schedule.valid_from:
                    initial["closed_from"], initial["closed_to"] = schedule.valid_from, schedule.valid_to
            elif n <= PERIODS and schedule.byday:
                initial[f"period_{n}_day"] = schedule.byday[-2:]
                initial[f"period_{n}_pattern"] = schedule.byday[:-2]
                initial[f"period_{n}_opens"] = schedule.opens_at
                initial[f"period_{n}_closes"] = schedule.closes_at
                n += 1
        return initial
