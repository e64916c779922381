from __future__ import annotations

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q

from consultations.models import Consultation
from localism.models import Place, Topic

STATUS_CHOICES = [
    ("open", "Open"),
    ("upcoming", "Opening soon"),
    ("closed", "Closed"),
    ("outcome", "Outcome published"),
]


class ConsultationFilter(django_filters.FilterSet):
    """The list's filters as GET parameters, so every result page has a shareable address."""

    q = django_filters.CharFilter(label="Search consultations", method="search", max_length=200)
    status = django_filters.MultipleChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="by_status", widget=forms.CheckboxSelectMultiple
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="All topics",
    )
    place = django_filters.ModelChoiceFilter(
        label="Area",
        queryset=Place.objects.filter(kind__in=[Place.Kind.COUNTY, Place.Kind.DISTRICT]),
        to_field_name="slug",
        method="by_place",
        empty_label="All areas",
    )

    class Meta:
        model = Consultation
        fields = ["q", "status", "topic", "place"]

    @property
    def qs(self):
        if not self.is_bound:
            # By default the open ones come first, then upcoming, then the rest (most recently closed first).
            return self.queryset.filter(status_code__in=[Consultation.Status.OPEN, Consultation.Status.UPCOMING])
        return super().qs

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        vector = SearchVector("title", weight="A", config="english") + SearchVector(
            "summary", "body", weight="B", config="english"
        )
        query = SearchQuery(value, search_type="websearch", config="english")
        matches = Consultation.objects.annotate(search=vector).filter(search=query).values("pk")
        return queryset.filter(Q(pk__in=matches) | Q(title__icontains=value[:100]))

    def by_status(self, queryset, name, values):
        if not values:
            return queryset
        return queryset.filter(status_code__in=values)

    def by_place(self, queryset, name, place):
        return queryset.in_place(place) if place else queryset
