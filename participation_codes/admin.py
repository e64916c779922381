"""Staff make a batch of codes from a round's or consultation's admin page (its sheet downloads once, as it is
made: `CodeBatchesMixin`) and revoke batches here."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from accounts.rules import permission, require_visible
from localism.admin_actions import ObjectAction, ObjectActionsMixin, apply_to_each
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import NoAddOrDeleteMixin
from localism.forms import form_status
from participation_codes.forms import BatchForm
from participation_codes.models import CodeBatch
from participation_codes.registry import CODE_TARGETS
from participation_codes.services import batch_create, batch_revoke, batches_of
from participation_codes.sheet import sheet_pdf


@admin.register(CodeBatch)
class CodeBatchAdmin(ObjectActionsMixin, NoAddOrDeleteMixin, CouncilContentAdmin, admin.ModelAdmin):
    council_rule = staticmethod(permission("participation_codes.manage_codebatch"))
    list_display = ["label", "council", "size", "created_at", "revoked_at"]
    list_filter = ["council"]
    list_select_related = ["council"]
    fields = ["label", "target", "council", "size", "created_by", "created_at", "revoked_at", "revoked_by"]
    readonly_fields = fields
    actions = ["revoke"]
    object_actions = [
        ObjectAction("revoke", "Revoke: its unused codes stop working", is_shown=lambda b: not b.is_revoked)
    ]

    @admin.action(description="Revoke the selected batches (their unused codes stop working)", permissions=["change"])
    def revoke(self, request, queryset):
        apply_to_each(request, queryset, lambda batch: batch_revoke(batch=batch, by=request.user), done="Revoked")


class CodeBatchesMixin:
    """For the admin of a model registered with `register_code_target`: its "One-time codes" page, listing its
    batches and making a new one, which answers with the sheet to print."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_codes"
        return [
            path("<int:pk>/codes/", self.admin_site.admin_view(self.code_batches_view), name=name),
            *super().get_urls(),
        ]

    def code_batches_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(self.get_queryset(request), pk=pk)
        registered = next(entry for entry in CODE_TARGETS.values() if entry.model is self.model)
        # Another council's is answered as not found.
        require_visible(request.user, registered.permission, target, "Nothing to make codes for here.")
        form = BatchForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                batch, codes = batch_create(target=target, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                response = HttpResponse(sheet_pdf(batch=batch, target=target, codes=codes), "application/pdf")
                name = f"codes-{registered.key}-{pk}-{timezone.localdate():%Y-%m-%d}-{batch.pk}.pdf"
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": target,
            "title": f"One-time codes for “{target}”",
            "allows": registered.allows,
            "batches": batches_of(target),
            "form": form,
        }
        return TemplateResponse(request, "participation_codes/admin/make.html", context, status=form_status(form))
