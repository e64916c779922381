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


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "object_id", "title", "starts_at", "ends_at", "venue", "description", "capacity"]
        fields += ["is_published"]

    def clean(self):
        data = super().clean()
        kind, object_id = data.get("kind"), data.get("object_id")
        if kind and object_id:
            host = HOSTS[kind]
            found = host.model._default_manager.filter(pk=object_id).first()
            label = Event.Kind(kind).label.lower()
            if found is None:
                self.add_error("object_id", f"There is no {host.model._meta.verbose_name} {object_id} for a {label}")
                return data
            self.instance.content_type = ContentType.objects.get_for_model(host.model)
            self.instance.council = host.council(found)
            if self.instance.council is None:
                self.add_error("object_id", f"That {host.model._meta.verbose_name} names no council: set its council")
            elif not self.user.has_perm("events.organise_event", self.instance):
                self.add_error("object_id", f"That {host.model._meta.verbose_name} is another council's")
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
