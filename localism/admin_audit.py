"""A ModelAdmin base whose saves and deletions write the audit trail."""

from django.contrib import admin

from localism.audit import audit_record


class AuditedModelAdmin(admin.ModelAdmin):
    """Staff edits in the admin are audited as `<app>.<model>.added|changed|deleted`."""

    def _code(self, obj, verb: str) -> str:
        return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            action=self._code(obj, "changed" if change else "added"),
            actor=request.user,
            target=obj,
            data={"fields": sorted(form.changed_data)} if change else {},
        )

    def delete_model(self, request, obj):
        audit_record(action=self._code(obj, "deleted"), actor=request.user, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(action=self._code(obj, "deleted"), actor=request.user, target=obj)
        super().delete_queryset(request, queryset)
