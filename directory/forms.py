"""Forms for groups (organisations, members, listings) and residents (problem reports)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.forms.utils import ErrorDict

from directory.languages import UnknownLanguagesError, language_name, parse_languages, unknown_languages_message
from directory.models import DAY_CODES, DAY_NAMES, Listing, Membership, Organisation, Schedule, TaxonomyTerm
from directory.services import CONTENT_FIELDS, ListingContent
from localism.dates import ClockField, DateField
from localism.forms import error_anchor, name_errors
from localism.models import Place, Postcode
from localism.postcodes import normalise_postcode

CHARITY_NUMBER = re.compile(r"^\d{6,8}$")
COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def ordinal(number: int) -> str:
    """1 -> 'first', ... 10 -> 'tenth', then '11th', '22nd' (how a row is named in messages)."""
    if number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


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
    """The listing's own fields; its venues, sessions, prices and closures are formsets (see ListingEditor)."""

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
        label="Places it serves",
        queryset=Place.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick the whole county, a district, or towns in it.",
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
        max_length=300,
        required=False,
        help_text="For example, English and Polish",
    )
    temporarily_closed = forms.BooleanField(label="It is temporarily closed", required=False)
    closed_note = forms.CharField(label="Note about the closure", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = TaxonomyTerm.objects.all()
        self.fields["service_areas"].queryset = served_places()
        name_errors(self, {"minimum_age": "Youngest age", "maximum_age": "Oldest age"})

    def clean_languages(self) -> list[str]:
        try:
            return parse_languages(self.cleaned_data["languages"])
        except UnknownLanguagesError as error:
            raise forms.ValidationError(unknown_languages_message(error.unknown)) from None

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        if cleaned.get("temporarily_closed") and not cleaned.get("closed_note"):
            self.add_error("closed_note", "Say why it is closed and when it will reopen")
        return cleaned

    def service_area_groups(self) -> list[dict]:
        """The places' tick boxes under headings: the county, then each district with its towns.

        served_places() lists the county, then the districts, then the towns, so each town's
        district is already there; one query whatever the number of places.
        """
        groups: dict[int | None, dict] = {None: {"heading": "", "options": []}}
        for option in self["service_areas"]:
            place = option.data["value"].instance
            if place.kind == Place.Kind.DISTRICT:
                groups[place.pk] = {"heading": place.name, "options": [option]}
            elif place.kind == Place.Kind.TOWN and place.parent_id in groups:
                groups[place.parent_id]["options"].append(option)
            else:
                groups[None]["heading"] = groups[None]["heading"] or place.name
                groups[None]["options"].append(option)
        return [group for group in groups.values() if group["options"]]

    @classmethod
    def initial_for(cls, listing: Listing) -> dict:
        initial = {name: getattr(listing, name) for name in CONTENT_FIELDS}
        initial["languages"] = ", ".join(language_name(code) for code in listing.languages)
        initial["categories"] = list(listing.categories.all())
        initial["service_areas"] = list(listing.service_areas.all())
        return initial


# --- The rows of a listing: one small form each, in formsets --------------------------


class RowForm(forms.Form):
    """One row of a listing (a venue, a session, a price, a closure); its messages say which one it is.

    names: what each field is called in a message, with {ordinal} for "first", "second", ...
    required: the fields a filled-in row cannot leave empty, each with its message (with {ordinal} too).
    """

    names: dict[str, str] = {}
    required: dict[str, str] = {}

    def __init__(self, *args, number: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        self.ordinal = ordinal(number)
        name_errors(self, {field: name.format(ordinal=self.ordinal) for field, name in self.names.items()})

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(field) not in (None, "") for field in self.names)

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        for field, message in self.required.items():
            # A field that already has an error of its own keeps that one.
            if cleaned.get(field) in (None, "") and field not in self.errors:
                self.add_error(field, message.format(ordinal=self.ordinal))
        self.clean_row(cleaned)
        return cleaned

    def clean_row(self, cleaned: dict) -> None:
        """Checks across the fields of a filled-in row (its required fields are checked already)."""


class VenueForm(RowForm):
    name = forms.CharField(label="Name of the venue", max_length=160, required=False)
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

    names = {
        "name": "Name of the {ordinal} venue",
        "address_1": "Building and street of the {ordinal} venue",
        "city": "Town or city of the {ordinal} venue",
        "postcode": "Postcode of the {ordinal} venue",
        "accessibility": "Accessibility of the {ordinal} venue",
    }
    required = {
        "address_1": "Enter the building and street of the {ordinal} venue",
        "city": "Enter the town or city of the {ordinal} venue",
        "postcode": "Enter the postcode of the {ordinal} venue",
    }
    found_postcode: Postcode | None = None  # set by VenueFormSet.clean, which looks them all up at once

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"]
        if not text.strip():
            return ""
        postcode = normalise_postcode(text)
        if postcode is None:
            raise forms.ValidationError(f"Enter a real postcode of the {self.ordinal} venue, like NR1 2DH")
        return postcode

    def location(self) -> dict:
        return {part: self.cleaned_data[part] for part in self.names} | {
            "latitude": self.found_postcode.latitude,
            "longitude": self.found_postcode.longitude,
        }


class SessionForm(RowForm):
    day = forms.ChoiceField(
        label="Day",
        choices=[("", "Choose a day")] + list(zip(DAY_CODES, DAY_NAMES, strict=True)),
        required=False,
    )
    pattern = forms.ChoiceField(label="How often", choices=PATTERNS, required=False)
    opens = ClockField(label="Opens", required=False, help_text="For example, 9:30am, 2pm or 17:00")
    closes = ClockField(label="Closes", required=False)

    names = {
        "day": "Day of the {ordinal} session",
        "pattern": "How often the {ordinal} session happens",
        "opens": "Opening time for the {ordinal} session",
        "closes": "Closing time for the {ordinal} session",
    }
    required = {
        "day": "Choose the day of the {ordinal} session",
        "opens": "Enter the opening time for the {ordinal} session",
        "closes": "Enter the closing time for the {ordinal} session",
    }

    def is_blank(self) -> bool:
        # "Every week" is chosen already in a blank row: it says nothing by itself.
        return not any(self.cleaned_data.get(field) for field in ("day", "opens", "closes"))

    def clean_row(self, cleaned: dict) -> None:
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens is not None and closes is not None and opens >= closes:
            self.add_error("closes", f"Closing time for the {self.ordinal} session must be after its opening time")

    def schedule(self) -> dict:
        pattern = self.cleaned_data.get("pattern") or ""
        return {
            "kind": Schedule.Kind.OPEN,
            "freq": Schedule.Freq.MONTHLY if pattern else Schedule.Freq.WEEKLY,
            "byday": f"{pattern}{self.cleaned_data['day']}",
            "opens_at": self.cleaned_data["opens"],
            "closes_at": self.cleaned_data["closes"],
        }


class PriceForm(RowForm):
    option = forms.CharField(
        label="Who or what the price is for",
        max_length=120,
        required=False,
        help_text="For example, adults, under 16s, or a course of 6 sessions.",
    )
    amount = forms.DecimalField(
        label="Price in pounds",
        min_value=0,
        max_value=Decimal("99999.99"),
        decimal_places=2,
        required=False,
        localize=False,
    )
    amount_description = forms.CharField(
        label="Per", max_length=200, required=False, help_text="For example, per session or per month."
    )

    names = {
        "option": "Who or what the {ordinal} price is for",
        "amount": "Amount of the {ordinal} price",
        "amount_description": "What the {ordinal} price is per",
    }
    required = {
        "option": "Say who or what the {ordinal} price is for",
        "amount": "Enter the {ordinal} price in pounds, or 0 if it is free",
    }

    def cost_option(self) -> dict:
        return {part: self.cleaned_data[part] for part in self.names}


class ClosureForm(RowForm):
    start = DateField(
        label="Closed from", required=False, input_formats=DATE_FORMATS, help_text="For example, 22/12/2026"
    )
    end = DateField(label="Closed until", required=False, input_formats=DATE_FORMATS)
    reason = forms.CharField(
        label="Why it is closed", max_length=300, required=False, help_text="For example, Christmas holidays."
    )

    names = {
        "start": "Start date of the {ordinal} closure",
        "end": "End date of the {ordinal} closure",
        "reason": "Reason for the {ordinal} closure",
    }
    required = {"start": "Enter the date the {ordinal} closure starts"}

    def clean_row(self, cleaned: dict) -> None:
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", f"End date of the {self.ordinal} closure must be on or after its start date")

    def schedule(self) -> dict:
        start = self.cleaned_data["start"]
        return {
            "kind": Schedule.Kind.CLOSED,
            "valid_from": start,
            "valid_to": self.cleaned_data.get("end") or start,
            "description": self.cleaned_data.get("reason") or "",
        }


class RowFormSet(forms.BaseFormSet):
    """The rows of one kind: as many as the listing has plus a blank one, and at least `rows_shown`.

    A row is taken away by ticking "Remove" or by emptying it. A post without the formset's
    management form (a page from before formsets, or a script) counts as giving no rows.
    """

    noun = "row"
    plural = "rows"
    rows_shown = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = max(1, self.rows_shown - len(self.initial or []))
        self.error_messages["too_many_forms"] = f"You can give up to %(num)d {self.plural}"
        self.error_messages["missing_management_form"] = (
            f"The {self.plural} could not be read: reload the page and enter them again"
        )

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"number": index + 1}

    @cached_property
    def management_form(self):
        if self.is_bound and self.add_prefix(TOTAL_FORM_COUNT) not in self.data:
            data = {self.add_prefix(TOTAL_FORM_COUNT): 0, self.add_prefix(INITIAL_FORM_COUNT): 0}
            form = ManagementForm(data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer)
            form.full_clean()
            return form
        return super().management_form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = (
                f"Remove the {ordinal(index + 1)} {self.noun}" if index is not None else "Remove"
            )

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            # A row ticked for removal is not checked (Django's rule): its page shows no message for it either.
            for form in self.forms:
                if self._should_delete_form(form):
                    form._errors = ErrorDict()

    def not_removed(self) -> list[RowForm]:
        return [form for form in self.forms if not self._should_delete_form(form)]

    def kept(self) -> list[RowForm]:
        """The rows to store: not removed, not blank (call once the formset is valid)."""
        return [form for form in self.not_removed() if form.cleaned_data and not form.is_blank()]

    def error_anchor(self) -> str:
        """Where a message about the rows as a whole points: the first field of the first row."""
        first = self.forms[0] if self.forms else self.empty_form
        return first[next(iter(first.fields))].auto_id


class VenueRows(RowFormSet):
    noun, plural, rows_shown = "venue", "venues", 3

    def clean(self):
        """Find every venue's postcode in one query (and say which venue's postcode we do not know)."""
        forms_with_postcodes = [
            form for form in self.not_removed() if form.cleaned_data.get("postcode") and "postcode" not in form.errors
        ]
        wanted = {form.cleaned_data["postcode"] for form in forms_with_postcodes}
        found = {p.postcode: p for p in Postcode.objects.filter(postcode__in=wanted)} if wanted else {}
        for form in forms_with_postcodes:
            postcode = form.cleaned_data["postcode"]
            if postcode in found:
                form.found_postcode = found[postcode]
            else:
                form.add_error(
                    "postcode", f"We could not find {postcode}. Check the postcode of the {form.ordinal} venue."
                )


class SessionRows(RowFormSet):
    noun, plural, rows_shown = "session", "sessions", 4


class PriceRows(RowFormSet):
    noun, plural, rows_shown = "price", "prices", 3


class ClosureRows(RowFormSet):
    noun, plural, rows_shown = "closure", "closures", 3


MAX_ROWS = 10  # of each kind; more (up to absolute_max, from the admin) are shown, and refused with a message
_ROWS = {"max_num": MAX_ROWS, "absolute_max": 50, "validate_max": True, "can_delete": True, "can_delete_extra": False}
VenueFormSet = forms.formset_factory(VenueForm, formset=VenueRows, **_ROWS)
SessionFormSet = forms.formset_factory(SessionForm, formset=SessionRows, **_ROWS)
PriceFormSet = forms.formset_factory(PriceForm, formset=PriceRows, **_ROWS)
ClosureFormSet = forms.formset_factory(ClosureForm, formset=ClosureRows, **_ROWS)


@dataclass(frozen=True)
class Section:
    """A part of the listing form under its own heading, with its own error summary."""

    slug: str
    title: str
    parts: tuple[str, ...]  # field names of ListingForm, or "venues", "sessions", "prices", "closures"


SECTIONS = (
    Section("what", "What it is", ("name", "kind", "summary", "description", "categories")),
    Section("who", "Who it is for", ("minimum_age", "maximum_age", "eligibility")),
    Section("where", "Where", ("service_areas", "venues")),
    Section(
        "when",
        "When",
        ("sessions", "closed_on_bank_holidays", "closures", "temporarily_closed", "closed_note"),
    ),
    Section("cost", "Cost", ("is_free", "prices", "cost_description")),
    Section("contact", "How to get in touch", ("contact_name", "phone", "email", "url", "languages")),
)
FORMSETS = {"venues": VenueFormSet, "sessions": SessionFormSet, "prices": PriceFormSet, "closures": ClosureFormSet}


class ListingEditor:
    """The whole listing form page: the listing's own fields and its rows, in sections.

    Bound to a post, it keeps everything that was typed, rows included; `content()` gives what
    the services store.
    """

    def __init__(self, data=None, *, listing: Listing | None = None):
        initial = self._initial(listing) if listing else {}
        self.form = ListingForm(data, initial=initial.get("form"))
        self.formsets = {
            prefix: formset_class(data, prefix=prefix, initial=initial.get(prefix))
            for prefix, formset_class in FORMSETS.items()
        }

    venues = property(lambda self: self.formsets["venues"])
    sessions = property(lambda self: self.formsets["sessions"])
    prices = property(lambda self: self.formsets["prices"])
    closures = property(lambda self: self.formsets["closures"])

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [formset.is_valid() for formset in self.formsets.values()]
        return all(results)

    @cached_property
    def section_errors(self) -> dict[str, list[dict]]:
        """For each section, its messages as the GOV.UK error summary lists them (text and link)."""
        if not self.is_bound:
            return {section.slug: [] for section in SECTIONS}
        self.is_valid()
        found = {}
        for section in SECTIONS:
            items = []
            for part in section.parts:
                if part in self.formsets:
                    formset = self.formsets[part]
                    items += [{"href": f"#{formset.error_anchor()}", "text": e} for e in formset.non_form_errors()]
                    for form in formset.forms:
                        for field in form:
                            items += [{"href": f"#{error_anchor(field)}", "text": e} for e in field.errors]
                else:
                    field = self.form[part]
                    items += [{"href": f"#{error_anchor(field)}", "text": e} for e in field.errors]
            found[section.slug] = items
        return found

    @property
    def error_items(self) -> list[dict]:
        return [item for items in self.section_errors.values() for item in items]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_items)

    def content(self) -> ListingContent:
        data = self.form.cleaned_data
        schedules = [form.schedule() for form in self.sessions.kept()]
        if data.get("closed_on_bank_holidays"):
            schedules.append({"kind": Schedule.Kind.CLOSED, "closed_on_bank_holidays": True})
        schedules += [form.schedule() for form in self.closures.kept()]
        return ListingContent(
            fields={name: data[name] for name in CONTENT_FIELDS},
            categories=list(data.get("categories") or []),
            service_areas=list(data.get("service_areas") or []),
            locations=[form.location() for form in self.venues.kept()],
            schedules=schedules,
            cost_options=[form.cost_option() for form in self.prices.kept()],
        )

    @staticmethod
    def _initial(listing: Listing) -> dict:
        schedules = list(listing.schedules.all())
        return {
            "form": ListingForm.initial_for(listing)
            | {"closed_on_bank_holidays": any(s.closed_on_bank_holidays for s in schedules)},
            "venues": [{part: getattr(loc, part) for part in VenueForm.names} for loc in listing.locations.all()],
            "sessions": [
                {"day": s.byday[-2:], "pattern": s.byday[:-2], "opens": s.opens_at, "closes": s.closes_at}
                for s in schedules
                if s.kind == Schedule.Kind.OPEN and s.byday
            ],
            "prices": [{part: getattr(c, part) for part in PriceForm.names} for c in listing.cost_options.all()],
            "closures": [
                {"start": s.valid_from, "end": s.valid_to, "reason": s.description}
                for s in schedules
                if s.kind == Schedule.Kind.CLOSED and s.valid_from
            ],
        }
