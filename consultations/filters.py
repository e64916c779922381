from __future__ import annotations

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q

from consultations.models import Consultation, ConsultationQuerySet
from localism.models import Place, Topic

STATUS_CHOICES = [
    ("open", "Open"),
    ("upcoming", "Opening soon"),
    ("closed", "Closed"),
    ("outcome", "Outcome published"),
]


class ConsultationFilterForm(forms.Form):
    """The list's filters as GET parameters, so every result page has a shareable address. A plain form rather
    than a django-filter FilterSet, which copies its filters and makes a form class on every request."""

    q = forms.CharField(label="Search consultations", max_length=200, required=False)
    status = forms.MultipleChoiceField(
        label="Status", choices=STATUS_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    topic = forms.ModelChoiceField(
        label="Topic", queryset=Topic.objects.all(), to_field_name="slug", empty_label="All topics", required=False
    )
    place = forms.ModelChoiceField(
        label="Area",
        queryset=Place.objects.filter(kind__in=[Place.Kind.COUNTY, Place.Kind.DISTRICT]),
        to_field_name="slug",
        empty_label="All areas",
        required=False,
    )

    def filter(self, consultations: ConsultationQuerySet) -> ConsultationQuerySet:
        """The consultations the filters choose (the form is valid); by default, when nothing is asked for, the
        open ones and those opening soon."""
        if not self.is_bound:
            return consultations.filter(status_code__in=[Consultation.Status.OPEN, Consultation.Status.UPCOMING])
        data = self.cleaned_data
        if data["q"]:
            consultations = _search(consultations, data["q"])
        if data["status"]:
            consultations = consultations.filter(status_code__in=data["status"])
        if data["topic"]:
            consultations = consultations.filter(topics=data["topic"])
        if data["place"]:
            consultations = consultations.in_place(data["place"])
        return consultations


def _search(consultations: ConsultationQuerySet, value: str) -> ConsultationQuerySet:
    value = value.strip()
    if not value:
        return consultations
    vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "summary", "body", weight="B", config="english"
    )
    query = SearchQuery(value, search_type="websearch", config="english")
    matches = Consultation.objects.annotate(search=vector).filter(search=query).values("pk")
    return consultations.filter(Q(pk__in=matches) | Q(title__icontains=value[:100]))
