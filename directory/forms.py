"""Forms for groups (organisations, members, listings) and residents (problem reports)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from directory.models import DAY_CODES, DAY_NAMES, Listing, Membership, Organisation, Schedule, TaxonomyTerm
from directory.services import ListingContent
from localism import dates
from localism.models import Place, Postcode
from localism.postcodes import normalise_postcode

CHARITY_NUMBER = re.compile(r"^\d{6,8}$")
COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
PERIODS = 4  # opening periods a group can give in the form (several a day allowed)
VENUES = 3  # places where it happens
COSTS = 3  # prices, for example for adults and for children
CLOSURES = 3  # date ranges when it is closed, for example for the holidays

# The first venue and closure keep their original field names, so that links and
# saved forms from before there were several still work.
VENUE_PARTS = ("name", "address_1", "city", "postcode", "accessibility")
FIRST_VENUE = {
    "name": "location_name",
    "address_1": "address_1",
    "city": "city",
    "postcode": "postcode",
    "accessibility": "accessibility",
}
FIRST_CLOSURE = {"from": "closed_from", "to": "closed_to", "reason": "closed_reason"}
ORDINALS = {1: "first", 2: "second", 3: "third"}


def venue_field(n: int, part: str) -> str:
    return FIRST_VENUE[part] if n == 1 else f"venue_{n}_{part}"


def closure_field(n: int, part: str) -> str:
    return FIRST_CLOSURE[part] if n == 1 else f"closure_{n}_{part}"


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


class PlacesWithKindField(forms.ModelMultipleChoiceField):
    """A district and a town can share a name (Great Yarmouth): each option says which it is."""

    def label_from_instance(self, place: Place) -> str:
        return f"{place.name} ({place.get_kind_display().lower()})"


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
    reply_email = forms.EmailField(
        label="Your email address (optional)",
        help_text="Only if you would like a reply. We use it for nothing else and delete it once the problem is "
        "dealt with.",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:  # we reply to the account's own address
            del self.fields["reply_email"]


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
    service_areas = PlacesWithKindField(
        label="Places it serves", queryset=Place.objects.none(), widget=forms.SelectMultiple, required=False
    )
    minimum_age = forms.IntegerField(label="Youngest age (years)", min_value=0, max_value=120, required=False)
    maximum_age = forms.IntegerField(label="Oldest age (years)", min_value=0, max_value=120, required=False)
    eligibility = forms.CharField(
        label="Who can use it", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_free = forms.BooleanField(label="It is free", required=False)
    cost_description = forms.CharField(
        label="About the cost",
        max_length=300,
        required=False,
        help_text="For example, pay what you can, or free for carers.",
    )
    closed_on_bank_holidays = forms.BooleanField(label="Closed on bank holidays", required=False)
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
        for n in range(1, VENUES + 1):
            self.fields[venue_field(n, "name")] = forms.CharField(
                label="Name of the venue", max_length=160, required=False
            )
            self.fields[venue_field(n, "address_1")] = forms.CharField(
                label="Building and street", max_length=160, required=False
            )
            self.fields[venue_field(n, "city")] = forms.CharField(label="Town or city", max_length=80, required=False)
            self.fields[venue_field(n, "postcode")] = forms.CharField(label="Postcode", max_length=16, required=False)
            self.fields[venue_field(n, "accessibility")] = forms.CharField(
                label="Accessibility",
                max_length=1000,
                required=False,
                help_text="Step-free access, accessible toilets, hearing loop, parking.",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for n in range(1, COSTS + 1):
            self.fields[f"cost_{n}_option"] = forms.CharField(
                label="Who or what the price is for",
                max_length=120,
                required=False,
                help_text="For example, adults, under 16s, or a course of 6 sessions.",
            )
            self.fields[f"cost_{n}_amount"] = forms.DecimalField(
                label="Price in pounds",
                min_value=0,
                max_value=Decimal("99999.99"),
                decimal_places=2,
                required=False,
                localize=False,
                error_messages={"invalid": "Enter the price as a number, like 3.50"},
            )
            self.fields[f"cost_{n}_amount_description"] = forms.CharField(
                label="Per", max_length=200, required=False, help_text="For example, per session or per month."
            )
        for n in range(1, CLOSURES + 1):
            self.fields[closure_field(n, "from")] = dates.DateField(
                label="Closed from", required=False, input_formats=DATE_FORMATS, help_text="For example, 22/12/2026"
            )
            self.fields[closure_field(n, "to")] = dates.DateField(
                label="Closed until", required=False, input_formats=DATE_FORMATS
            )
            self.fields[closure_field(n, "reason")] = forms.CharField(
                label="Why it is closed", max_length=300, required=False, help_text="For example, Christmas holidays."
            )

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

    @property
    def venues(self) -> list[dict]:
        return [
            {"number": n, "ordinal": ORDINALS[n], **{part: self[venue_field(n, part)] for part in VENUE_PARTS}}
            for n in range(1, VENUES + 1)
        ]

    @property
    def costs(self) -> list[dict]:
        return [
            {
                "number": n,
                "option": self[f"cost_{n}_option"],
                "amount": self[f"cost_{n}_amount"],
                "amount_description": self[f"cost_{n}_amount_description"],
            }
            for n in range(1, COSTS + 1)
        ]

    @property
    def closures(self) -> list[dict]:
        return [
            {"number": n, **{part: self[closure_field(n, part)] for part in ("from", "to", "reason")}}
            for n in range(1, CLOSURES + 1)
        ]

    def _clean_venue(self, cleaned: dict, n: int) -> None:
        """Check one venue: all of the address or none of it, and a postcode we know."""
        names = {part: venue_field(n, part) for part in VENUE_PARTS}
        of_venue = "" if n == 1 else f" of the {ORDINALS[n]} venue"
        text = cleaned.get(names["postcode"], "")
        if text.strip():
            postcode = normalise_postcode(text)
            if postcode is None:
                self.add_error(names["postcode"], f"Enter a real postcode{of_venue}, like NR1 2DH")
            elif (found := Postcode.objects.filter(postcode=postcode).first()) is None:
                self.add_error(names["postcode"], f"We could not find {postcode}. Check the postcode{of_venue}.")
            else:
                cleaned[names["postcode"]] = postcode
                self._postcodes[n] = found
        given = any(cleaned.get(names[part]) for part in ("name", "address_1", "city", "postcode", "accessibility"))
        if not given:
            return
        for part, message in (
            ("address_1", "Enter the building and street"),
            ("city", "Enter the town or city"),
            ("postcode", "Enter the postcode"),
        ):
            if not cleaned.get(names[part]) and names[part] not in self.errors:
                self.add_error(names[part], message + of_venue)

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
        self._postcodes = {}
        for n in range(1, VENUES + 1):
            self._clean_venue(cleaned, n)
        for n in range(1, PERIODS + 1):
            day, opens, closes = (cleaned.get(f"period_{n}_{part}") for part in ("day", "opens", "closes"))
            if day and (opens is None or closes is None):
                if f"period_{n}_opens" not in self.errors:
                    self.add_error(f"period_{n}_opens", f"Enter the opening and closing times of period {n}")
            elif day and opens >= closes:
                self.add_error(f"period_{n}_closes", f"Period {n} must close after it opens")
            elif not day and (opens or closes):
                self.add_error(f"period_{n}_day", f"Choose the day of period {n}")
        for n in range(1, COSTS + 1):
            option, amount = cleaned.get(f"cost_{n}_option"), cleaned.get(f"cost_{n}_amount")
            if amount is not None and not option:
                self.add_error(f"cost_{n}_option", f"Say who or what price {n} is for")
            elif option and amount is None and f"cost_{n}_amount" not in self.errors:
                self.add_error(f"cost_{n}_amount", f"Enter price {n} in pounds, or 0 if it is free")
            elif cleaned.get(f"cost_{n}_amount_description") and not option:
                self.add_error(f"cost_{n}_option", f"Say who or what price {n} is for")
        for n in range(1, CLOSURES + 1):
            start, end = cleaned.get(closure_field(n, "from")), cleaned.get(closure_field(n, "to"))
            wants_start = (end or cleaned.get(closure_field(n, "reason"))) and not start
            if wants_start and closure_field(n, "from") not in self.errors:
                self.add_error(closure_field(n, "from"), f"Enter the date closure {n} starts")
            if start and end and end < start:
                self.add_error(closure_field(n, "to"), f"Closure {n} must end on or after the day it starts")
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
        for n in range(1, VENUES + 1):
            if data.get(venue_field(n, "postcode")):
                found = self._postcodes[n]
                locations.append(
                    {part: data[venue_field(n, part)] for part in VENUE_PARTS}
                    | {"latitude": found.latitude, "longitude": found.longitude}
                )
        cost_options = [
            {
                "option": data[f"cost_{n}_option"],
                "amount": data[f"cost_{n}_amount"],
                "amount_description": data[f"cost_{n}_amount_description"],
            }
            for n in range(1, COSTS + 1)
            if data.get(f"cost_{n}_option")
        ]
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
        for n in range(1, CLOSURES + 1):
            start = data.get(closure_field(n, "from"))
            if start:
                schedules.append(
                    {
                        "kind": Schedule.Kind.CLOSED,
                        "valid_from": start,
                        "valid_to": data.get(closure_field(n, "to")) or start,
                        "description": data.get(closure_field(n, "reason")) or "",
                    }
                )
        return ListingContent(
            fields=fields,
            categories=list(data.get("categories") or []),
            service_areas=list(data.get("service_areas") or []),
            locations=locations,
            schedules=schedules,
            cost_options=cost_options,
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
        for n, location in enumerate(listing.locations.all()[:VENUES], start=1):
            initial.update({venue_field(n, part): getattr(location, part) for part in VENUE_PARTS})
        for n, cost in enumerate(listing.cost_options.all()[:COSTS], start=1):
            initial.update(
                {
                    f"cost_{n}_option": cost.option,
                    f"cost_{n}_amount": cost.amount,
                    f"cost_{n}_amount_description": cost.amount_description,
                }
            )
        n = 1
        closure = 1
        for schedule in listing.schedules.all():
            if schedule.kind == Schedule.Kind.CLOSED:
                if schedule.closed_on_bank_holidays:
                    initial["closed_on_bank_holidays"] = True
                elif schedule.valid_from and closure <= CLOSURES:
                    initial[closure_field(closure, "from")] = schedule.valid_from
                    initial[closure_field(closure, "to")] = schedule.valid_to
                    initial[closure_field(closure, "reason")] = schedule.description
                    closure += 1
            elif n <= PERIODS and schedule.byday:
                initial[f"period_{n}_day"] = schedule.byday[-2:]
                initial[f"period_{n}_pattern"] = schedule.byday[:-2]
                initial[f"period_{n}_opens"] = schedule.opens_at
                initial[f"period_{n}_closes"] = schedule.closes_at
                n += 1
        return initial
