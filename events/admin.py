"""Staff create events with sign-up in the admin, on a meeting, a surgery or a consultation, and see who is
coming (with their access needs) and the waiting list."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from accounts.rules import permission
from events.models import Event, Registration
from events.registry import HOSTS
from events.services import event_places_changed
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import ReadOnlyMixin


def _host_value(kind: str, pk) -> str:
    return f"{kind}:{pk}"


class EventForm(forms.ModelForm):
    """The event, and what it is part of chosen by name: the meetings, surgeries and consultations of the staff
    member's council (every council's for the county's team) that are still to come, and the event's own."""

    host_choice = forms.ChoiceField(
        label="What it is part of",
        help_text="The co-production meeting, councillor surgery or consultation (for a drop-in session) that the "
        "event belongs to. Only those of your council still to come are listed.",
        error_messages={
            "required": "Choose the meeting, surgery or consultation the event is part of",
            "invalid_choice": "Choose one of the meetings, surgeries or consultations listed",
        },
    )

    class Meta:
        model = Event
        fields = ["title", "starts_at", "ends_at", "venue", "description", "capacity", "is_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.host if self.instance.pk else None
        groups = []
        for kind, host in ((k, HOSTS[k]) for k in Event.Kind.values if k in HOSTS):
            hosts = list(host.choices(self.user))
            if current is not None and self.instance.kind == kind and current not in hosts:
                hosts.insert(0, current)
            if hosts:
                groups.append((Event.Kind(kind).label, [(_host_value(kind, h.pk), host.label(h)) for h in hosts]))
        self.fields["host_choice"].choices = [("", "Choose what the event is part of"), *groups]
        if current is not None:
            self.initial["host_choice"] = _host_value(self.instance.kind, self.instance.object_id)

    def clean_host_choice(self):
        kind, _, pk = self.cleaned_data["host_choice"].partition(":")
        host = HOSTS[kind]
        found = host.model._default_manager.filter(pk=pk).first()
        if found is None:
            raise forms.ValidationError("Choose one of the meetings, surgeries or consultations listed")
        self.instance.kind = kind
        self.instance.content_type = ContentType.objects.get_for_model(host.model)
        self.instance.object_id = found.pk
        self.instance.council = host.council(found)
        name = host.model._meta.verbose_name
        if self.instance.council is None:
            raise forms.ValidationError(f"That {name} names no council: set its council first")
        if not self.user.has_perm("events.organise_event", self.instance):
            raise forms.ValidationError(f"That {name} is another council's")
        return found

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The event must end after it starts")
        return data


class RegistrationInline(ReadOnlyMixin, admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "status", "access_needs", "created_at", "confirmed_at", "cancelled_at", "reminded_at"]
    readonly_fields = fields
    ordering = ["status", "created_at"]


@admin.register(Event)
class EventAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("events.organise_event"))
    form = EventForm
    fields = ["host_choice", *EventForm.Meta.fields]
    list_display = ["title", "kind", "starts_at", "council", "capacity", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # More places (or a published event) take people from the waiting list at once.
        event_places_changed(event=obj)
