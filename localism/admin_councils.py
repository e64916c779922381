"""A ModelAdmin base for what a council publishes or decides: its own staff see and change only their council's.

The county's portal team (staff with no council) see every council's. The list is limited by
`accounts.permissions.for_council_staff`, and each object is asked of the app's rule (`council_rule =
permission("<app>.<action>")`, built on `accounts.rules.is_staff_for`), so that a change page, an
action or a POST naming another council's object is refused even when someone types its address.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from accounts.permissions import council_limit, for_council_staff
from localism.models import Council


class CouncilContentAdmin:
    """Mix in before `admin.ModelAdmin` (or `AuditedModelAdmin`); set `council_rule` to the app's permission."""

    # The app's registered rule, as `accounts.rules.permission(name)`: a (user, obj) function.
    council_rule = staticmethod(lambda user, obj: False)
    # The foreign keys to other council content whose choices are limited the same way ({"consultation": Model}).
    council_owned_choices: dict = {}

    def get_queryset(self, request):
        return for_council_staff(super().get_queryset(request), request.user)

    def acts_for(self, request, obj) -> bool:
        return obj is None or self.council_rule(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.acts_for(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.acts_for(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.acts_for(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        limit = council_limit(request.user)
        if db_field.name == "council" and db_field.related_model is Council and limit is not None:
            kwargs["queryset"] = Council.objects.filter(pk=limit)
        elif db_field.name in self.council_owned_choices:
            kwargs["queryset"] = for_council_staff(
                self.council_owned_choices[db_field.name]._default_manager.all(), request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("council")
        if field is not None and council_limit(request.user) is not None:
            # A council's own staff always name their council (a row with none would be the county team's).
            field.required = True
            field.empty_label = None
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "council" in {f.name for f in self.model._meta.fields}:
            # A council's staff publish as their council; the county's team as the county, unless they choose.
            limit = council_limit(request.user)
            if limit is None:
                limit = Council.objects.filter(tier=Council.Tier.COUNTY).values_list("pk", flat=True).first()
            if limit is not None:
                initial.setdefault("council", limit)
        return initial

    def save_model(self, request, obj, form, change):
        # The form offers only the person's council; this refuses a forged POST naming another.
        if not self.council_rule(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
