"""Staff decisions (approve, reject, hide, keep, publish) as buttons on an object's admin page.

A button runs the very admin action the list offers, on that one object: the same service, the
same permission (the action's `allowed_permissions`), through a CSRF-protected POST. Actions that
need a reason ask for it with `ask_then_apply`, on a small form that keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from localism.forms import form_status


def _always(obj: Any) -> bool:
    return True


@dataclass(frozen=True)
class ObjectAction:
    """A button on the change page that runs the list action named `action` on this object."""

    action: str
    label: str
    is_shown: Callable[[Any], bool] = _always


class ReasonForm(forms.Form):
    """The reason people read when staff reject, suspend or send something back."""

    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        error_messages={"required": "Give a reason: the group will read it."},
    )


def _refusal(error: Exception) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def apply_to_each(
    request: HttpRequest,
    objects,
    apply: Callable[[Any], Any],
    *,
    done: str,
    refusals: tuple[type[Exception], ...] = (ValidationError,),
    on_refusal: Callable[[Any, Exception], None] | None = None,
) -> int:
    """Run a staff decision on each selected object; each refusal is told, the successes counted once."""
    count = 0
    for obj in objects:
        try:
            apply(obj)
            count += 1
        except refusals as error:
            if on_refusal is not None:
                on_refusal(obj, error)
            else:
                messages.error(request, f"{obj}: {_refusal(error)[0]}")
    if count:
        messages.success(request, f"{done}: {count:,}.")
    return count


def ask_then_apply(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    title: str,
    apply: Callable[[Any, dict], Any],
    done: str,
    intro: str = "The group will read your reason in an email and on their dashboard.",
    form_class: type[forms.Form] = ReasonForm,
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> HttpResponse | None:
    """An admin action that asks for a reason first, then applies it to each selected object.

    When the form or the service refuses, the form is shown again with the error and what was typed.
    """
    form = form_class(request.POST, request.FILES) if "apply" in request.POST else form_class()
    objects = list(queryset)
    if form.is_valid():
        count = apply_to_each(
            request,
            objects,
            lambda obj: apply(obj, form.cleaned_data),
            done=done,
            refusals=refusals,
            # One object: its refusal is shown on the form, with what was typed.
            on_refusal=(lambda obj, error: form.add_error(None, _refusal(error))) if len(objects) == 1 else None,
        )
        if count or len(objects) != 1:
            return None
    return TemplateResponse(
        request,
        "admin/ask_then_apply.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "objects": objects,
            "form": form,
            "action": request.POST.get("action", ""),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "opts": modeladmin.model._meta,
        },
        status=form_status(form),
    )


@dataclass(frozen=True)
class StaffStep:
    """A staff decision declared once: the list action, its button, what it asks and the service that does it.

    `apply(user, obj, data)` calls the service; `rule`, when given, is the permission asked for each
    object in its present state (refused with the admin's `step_refusal`); with `form_class` None the
    step applies at once, without asking. `permissions` are the admin's, as for any admin action.
    """

    name: str
    description: str
    title: str
    apply: Callable[[Any, Any, dict], Any]
    done: str
    intro: str = "The group will read your reason in an email and on their dashboard."
    form_class: type[forms.Form] | None = ReasonForm
    rule: str | None = None
    is_shown: Callable[[Any], bool] = _always
    button: str = ""
    permissions: tuple[str, ...] = ("change",)

    def as_action(self) -> Callable:
        step = self

        def action(modeladmin, request, queryset):
            def apply(obj, data):
                if step.rule and not request.user.has_perm(step.rule, obj):
                    raise ValidationError(modeladmin.step_refusal)
                return step.apply(request.user, obj, data)

            if step.form_class is None:
                apply_to_each(request, queryset, lambda obj: apply(obj, {}), done=step.done)
                return None
            return ask_then_apply(
                modeladmin,
                request,
                queryset,
                title=step.title,
                intro=step.intro,
                form_class=step.form_class,
                apply=apply,
                done=step.done,
            )

        action.__name__ = self.name
        return admin.action(description=self.description, permissions=list(self.permissions))(action)

    def as_button(self) -> ObjectAction:
        return ObjectAction(self.name, self.button or self.title, is_shown=self.is_shown)


class ObjectActionsMixin:
    """Put `object_actions` on the change page as buttons; each one POSTs to `<pk>/actions/`."""

    object_actions: list[ObjectAction] = []
    change_form_template = "admin/change_form_object_actions.html"

    def get_object_actions(self, request: HttpRequest, obj) -> list[ObjectAction]:
        """The buttons this person may press for this object in its present state."""
        allowed = self.get_actions(request)
        return [button for button in self.object_actions if button.action in allowed and button.is_shown(obj)]

    def _actions_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_actions"

    def get_urls(self):
        view = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.object_actions_view))
        return [path("<path:object_id>/actions/", view, name=self._actions_url_name()), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["object_actions"] = self.get_object_actions(request, obj)
            context["object_actions_url"] = reverse(
                f"admin:{self._actions_url_name()}", args=[quote(obj.pk)], current_app=self.admin_site.name
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def object_actions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """GET: the decisions open for this object. POST: run one of them, as the list action would."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        buttons = self.get_object_actions(request, obj)
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        if request.method == "POST":
            # Whether the object is still in a state for this decision is the service's to say (a
            # reason typed meanwhile is kept on the form); the permission is the list action's.
            allowed = self.get_actions(request)
            name = request.POST.get("action", "")
            if name not in allowed or name not in {button.action for button in self.object_actions}:
                messages.error(request, f"You cannot make that decision on this {self.opts.verbose_name}.")
                return HttpResponseRedirect(change_url)
            func = allowed[name][0]
            response = func(self, request, self.get_queryset(request).filter(pk=obj.pk))
            if response is not None:
                return response
            if not self.get_queryset(request).filter(pk=obj.pk).exists():
                # An approved edit is merged into the published listing and no longer exists on its own.
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
                        current_app=self.admin_site.name,
                    )
                )
            return HttpResponseRedirect(change_url)
        return TemplateResponse(
            request,
            "admin/object_actions.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Decide: {obj}",
                "opts": self.opts,
                "original": obj,
                "change_url": change_url,
                "object_actions": buttons,
                "object_actions_url": request.path,
            },
        )


class StaffStepsMixin(ObjectActionsMixin):
    """Admin actions and their buttons made from `staff_steps` (a list of StaffStep), in that order, before
    the admin's other `actions` and `object_actions`."""

    staff_steps: list[StaffStep] = []
    step_refusal = "This is not at the stage for that step."

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        steps = cls.__dict__.get("staff_steps", [])
        for step in steps:
            setattr(cls, step.name, step.as_action())
        if steps:
            cls.actions = [*(step.name for step in steps), *cls.__dict__.get("actions", [])]
            cls.object_actions = [*(step.as_button() for step in steps), *cls.__dict__.get("object_actions", [])]
