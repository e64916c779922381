import math

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from localism.dates import CLOCK_EXAMPLE, ClockField, DatePartsWidget
from localism.exports import FormFilter
from localism.maps import MAX_ZOOM, MIN_ZOOM, Bounds
from localism.postcodes import typed_postcode


def form_status(form: forms.BaseForm) -> int:
    """The status of a page that shows a form: 400 when what was sent is refused, 200 otherwise."""
    return 400 if form.errors else 200


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A page that shows `context["form"]`, with its status (form_status)."""
    return render(request, template, context, status=form_status(context["form"]))


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: each field's message at its field (the rest above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label="Enter your postcode",
        max_length=16,
        help_text="For example, NR1 2DH",
        error_messages={"required": "Enter a postcode", "max_length": "Enter a real postcode, like NR1 2DH"},
    )

    def clean_postcode(self) -> str:
        return typed_postcode(self.cleaned_data["postcode"])


class HoneypotForm(forms.Form):
    """A field people never see (components/honeypot.html hides it from everyone); bots that fill it
    in are refused. Forms that take text from the public extend it."""

    website = forms.CharField(required=False, label="Leave this empty", max_length=200)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Leave the last field empty.")
        return ""


def asks_for(value) -> bool:
    """Whether a list filter's cleaned value asks for something: anything but None, empty or an unticked box
    (0 does: an age of 0)."""
    return value is not None and value is not False and value != ""


class ListFilterForm(forms.Form):
    """A list's filters as GET parameters, so every filtered view has a shareable address: a plain form rather
    than a django-filter FilterSet, which copies its filters and makes a form class on every request.

    `filter(rows)` keeps the rows that each filter asks for, by its `filter_<name>(rows, value)` method or else
    its `lookups` entry; a filter left empty (or a tick box left clear) asks for nothing, and a wrong one is
    left out while the others still apply (the page says why). `range_pairs` are (from, to, message): a
    "from" after its "to" is a mistake worth saying so, not an empty page, and is the "to" field's error."""

    lookups: dict[str, str] = {}
    range_pairs: tuple[tuple[str, str, str], ...] = ()

    def clean(self):
        cleaned = super().clean()
        for low, high, message in self.range_pairs:
            if cleaned.get(low) is not None and cleaned.get(high) is not None and cleaned[low] > cleaned[high]:
                self.add_error(high, message)
        return cleaned

    def applied_to(self, rows: QuerySet) -> FormFilter:
        """The form and the rows it keeps, as a list page and its downloads read them."""
        return FormFilter(self, self.filter(rows))

    def filter(self, rows: QuerySet) -> QuerySet:
        """The rows the filters that are right keep (all of them when the form has no data)."""
        if not self.is_bound:
            return rows
        self.is_valid()
        for name, value in self.cleaned_data.items():
            if not asks_for(value):
                continue
            method = getattr(self, f"filter_{name}", None)
            rows = method(rows, value) if method else rows.filter(**{self.lookups[name]: value})
        return rows


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the portal", max_length=200, required=False)


# The messages Django would show by itself ("Ensure this value has at most 160 characters") do not say
# which field they are about; these do. %(...)s are filled in by Django from the validator.
_INVALID = {
    forms.DateField: "enter a date like 22/12/2026",
    forms.EmailField: "enter an email address like name@example.org",
    forms.URLField: "enter a web address like https://example.org",
    forms.DecimalField: "enter a number, like 3.50",  # before IntegerField, its parent
    forms.IntegerField: "enter a whole number, like 8",
    ClockField: CLOCK_EXAMPLE[0].lower() + CLOCK_EXAMPLE[1:],
}


def _class_messages(field: forms.Field) -> dict:
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def name_errors(form: forms.BaseForm, names: dict[str, str] | None = None) -> None:
    """Make every message a field can give name the field ("Opening time for the second session: ...").

    names: what each field is called in a message (default: its label). Messages a field declares
    itself are kept.
    """
    for field_name, field in form.fields.items():
        name = (names or {}).get(field_name) or str(field.label or field_name)
        defaults = _class_messages(field)
        own = {code: message for code, message in field.error_messages.items() if message != defaults.get(code)}
        invalid = next(
            (message for cls, message in _INVALID.items() if isinstance(field, cls)), "check what you entered"
        )
        field.error_messages.update(
            {
                "invalid": f"{name}: {invalid}",
                "explained": f"{name}: %(lowercase_problem)s",  # localism.dates.DateField's own explanation
                "max_length": f"{name} must be %(limit_value)d characters or fewer",
                "min_value": f"{name} must be %(limit_value)s or more",
                "max_value": f"{name} must be %(limit_value)s or less",
                "max_digits": f"{name} is too big",
                "max_whole_digits": f"{name} is too big",
                "max_decimal_places": f"{name} can have at most %(max)s decimal places",
                "invalid_choice": f"{name}: choose one of the options",
                "invalid_list": f"{name}: choose from the options",
                "invalid_pk_value": f"{name}: choose from the options",
                "null_characters_not_allowed": f"{name} must not contain a null character",
            }
            | own
        )


def error_anchor(bound_field) -> str:
    """The id an error-summary link points at: the field, or its first option."""
    if isinstance(bound_field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"{bound_field.auto_id}_0"
    if isinstance(bound_field.field.widget, DatePartsWidget):  # the first of the day, month and year to correct
        return f"{bound_field.auto_id}_{DatePartsWidget.parts_in_error(bound_field.value())[0]}"
    return bound_field.auto_id


def file_size(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


class ImportForm(forms.Form):
    """A file for one of the importers staff may use (localism.imports), chosen when there is more than one."""

    dataset = forms.ChoiceField(
        label="What the file contains",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the file contains",
            "invalid_choice": "Choose what the file contains",
        },
    )
    file = forms.FileField(
        label="CSV file",
        help_text="The CSV export. Column names may vary; £ signs and thousands separators are fine.",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def __init__(self, *args, importers, **kwargs):
        super().__init__(*args, **kwargs)
        self.importers = {importer.dataset: importer for importer in importers}
        self.fields["dataset"].choices = [(importer.dataset, importer.label) for importer in importers]
        if len(importers) == 1:
            self.fields["dataset"].initial = importers[0].dataset
            self.fields["dataset"].required = False
            self.fields["dataset"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if len(self.importers) == 1:
            cleaned["dataset"] = next(iter(self.importers))
        importer = self.importers.get(cleaned.get("dataset"))
        upload = cleaned.get("file")
        if importer is None or upload is None:
            return cleaned
        if importer.spec is not None and not upload.name.lower().endswith((".csv", ".txt")):
            self.add_error("file", "The file must be a CSV file")
        elif upload.size > importer.max_bytes:
            # Refused before it is read into memory.
            self.add_error(
                "file", f"The file is bigger than {file_size(importer.max_bytes)}: split it into smaller files."
            )
        cleaned["importer"] = importer
        return cleaned


class MapViewForm(forms.Form):
    """The view a map asks points for: `bbox=west,south,east,north` in degrees and a Leaflet zoom level."""

    bbox = forms.CharField(
        max_length=200,
        error_messages={"required": "Give the map's bounds as bbox=west,south,east,north"},
    )
    zoom = forms.IntegerField(
        min_value=MIN_ZOOM,
        max_value=MAX_ZOOM,
        error_messages={
            "required": "Give the map's zoom level as zoom=N",
            "invalid": f"The zoom level must be a whole number from {MIN_ZOOM} to {MAX_ZOOM}",
            "min_value": f"The zoom level must be a whole number from {MIN_ZOOM} to {MAX_ZOOM}",
            "max_value": f"The zoom level must be a whole number from {MIN_ZOOM} to {MAX_ZOOM}",
        },
    )

    def clean_bbox(self) -> Bounds:
        parts = self.cleaned_data["bbox"].split(",")
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise forms.ValidationError("The bounds must be four numbers: bbox=west,south,east,north") from None
        if not all(math.isfinite(value) for value in (west, south, east, north)):
            raise forms.ValidationError("The bounds must be four numbers: bbox=west,south,east,north")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise forms.ValidationError("Longitudes (west and east) must be between -180 and 180")
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise forms.ValidationError("Latitudes (south and north) must be between -90 and 90")
        if west >= east or south >= north:
            raise forms.ValidationError("West must be less than east, and south less than north")
        return Bounds(west, south, east, north)

    def error_message(self) -> str:
        """Every error in one sentence, for a JSON answer."""
        return " ".join(str(error) for errors in self.errors.values() for error in errors)
