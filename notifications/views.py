from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.permissions import has_verified_email
from localism.models import Topic
from notifications.forms import MobileCodeForm, MobileNumberForm
from notifications.models import MobileNumber
from notifications.registry import noun_for, resolve_target
from notifications.selectors import subscriptions_of
from notifications.services import (
    MobileCodeError,
    email_opt_out,
    mobile_code_resend,
    mobile_number_remove,
    mobile_number_set,
    mobile_number_verify,
    subscription_follow,
    subscription_unfollow,
    text_alerts_available,
    topics_follow,
)
from notifications.tokens import read_unsubscribe_token


class TopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label="Topics you follow",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="We email you about new consultations, services and news on these topics.",
    )


KIND_LABELS = {
    "notifications.digest": "digests of what you follow",
}


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
@ratelimit(group="notifications.follow", key="user_or_ip", rate="30/m", method="POST", block=True)
def follow(request: HttpRequest) -> HttpResponse:
    """Follow or stop following one object (a one-click form on its page)."""
    target = resolve_target(request.POST.get("target", ""), request.user)
    if target is None:
        raise Http404("There is nothing to follow there.")
    if not has_verified_email(request.user):
        messages.error(request, "Confirm your email address before following anything.")
        return redirect(_safe_next(request, "notifications:following"))
    if request.POST.get("action") == "unfollow":
        subscription_unfollow(user=request.user, target=target)
        messages.success(request, f"You no longer follow {target}.")
    else:
        subscription_follow(user=request.user, target=target)
        messages.success(request, f"You now follow {target}. We will email you about it.")
    return redirect(_safe_next(request, "notifications:following"))


@login_required
@ratelimit(group="notifications.topics", key="user_or_ip", rate="20/m", method="POST", block=True)
def following(request: HttpRequest) -> HttpResponse:
    """What I follow, with a way to stop each, and the topics to choose from."""
    subscriptions = subscriptions_of(request.user)
    if request.method == "POST":
        form = TopicsForm(request.POST)
        if not has_verified_email(request.user):
            messages.error(request, "Confirm your email address before following anything.")
            return redirect("notifications:following")
        if form.is_valid():
            topics_follow(user=request.user, topics=list(form.cleaned_data["topics"]))
            messages.success(request, "Your topics have been saved.")
            return redirect("notifications:following")
    else:
        followed = [item["object"].pk for item in subscriptions if isinstance(item["object"], Topic)]
        form = TopicsForm(initial={"topics": followed})
    items = [
        {**item, "noun": noun_for(type(item["object"]))}
        for item in subscriptions
        if not isinstance(item["object"], Topic)
    ]
    return render(request, "notifications/following.html", {"items": items, "form": form})


@csrf_exempt  # mail programs post the one-click unsubscribe (RFC 8058) without a form token
@require_http_methods(["GET", "POST"])
@ratelimit(group="notifications.unsubscribe", key="user_or_ip", rate="30/m", method="POST", block=True)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes."""
    found = read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    kind = found[1]
    label = KIND_LABELS.get(kind, kind.replace(".", " ").replace("_", " "))
    if request.method == "POST":
        email_opt_out(user=user, kind=kind)
        return render(request, "notifications/unsubscribed.html", {"label": label})
    return render(request, "notifications/unsubscribe_confirm.html", {"label": label, "token": token})


# --- text alerts -----------------------------------------------------------------------


def _text_alerts_page(request: HttpRequest, number_form=None, code_form=None, status: int = 200) -> HttpResponse:
    mobile = MobileNumber.objects.filter(user=request.user).first()
    return render(
        request,
        "notifications/text_alerts.html",
        {
            "mobile": mobile,
            "available": text_alerts_available(),
            "number_form": number_form or MobileNumberForm(),
            "code_form": code_form or MobileCodeForm(),
        },
        status=status,
    )


def _text_alerts_refusal(request: HttpRequest) -> HttpResponse | None:
    """Why this person cannot change text alerts now, as a redirect with the reason; None when they can."""
    if not text_alerts_available():
        messages.error(request, "Text message alerts are not available at the moment.")
        return redirect("notifications:text_alerts")
    if not has_verified_email(request.user):
        messages.error(request, "Confirm your email address before choosing text alerts.")
        return redirect("notifications:text_alerts")
    return None


@login_required
@ratelimit(group="notifications.text_alerts", key="user_or_ip", rate="10/h", method="POST", block=True)
def text_alerts(request: HttpRequest) -> HttpResponse:
    """Choose text alerts: GET shows where they stand; POST adds or changes the number and texts it a code."""
    if request.method != "POST":
        return _text_alerts_page(request)
    if refusal := _text_alerts_refusal(request):
        return refusal
    form = MobileNumberForm(request.POST)
    if not form.is_valid():
        return _text_alerts_page(request, number_form=form, status=400)
    mobile = mobile_number_set(user=request.user, number=form.cleaned_data["number"])
    if mobile.is_verified:
        messages.success(request, f"Text alerts already go to {mobile.national_number}.")
    else:
        messages.success(request, f"We have sent a code to {mobile.national_number}.")
    return redirect("notifications:text_alerts")


@login_required
@require_POST
@ratelimit(group="notifications.text_alerts_verify", key="user_or_ip", rate="10/m", method="POST", block=True)
def text_alerts_verify(request: HttpRequest) -> HttpResponse:
    """Enter the code texted to the number: only then do alerts go to it."""
    if refusal := _text_alerts_refusal(request):
        return refusal
    form = MobileCodeForm(request.POST)
    if form.is_valid():
        try:
            mobile = mobile_number_verify(user=request.user, code=form.cleaned_data["code"])
        except MobileCodeError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, f"Text alerts are on. We will text {mobile.national_number}.")
            return redirect("notifications:text_alerts")
    return _text_alerts_page(request, code_form=form, status=400)


@login_required
@require_POST
@ratelimit(group="notifications.text_alerts_resend", key="user_or_ip", rate="5/h", method="POST", block=True)
def text_alerts_resend(request: HttpRequest) -> HttpResponse:
    """Text a new code (the earlier one stops working)."""
    if refusal := _text_alerts_refusal(request):
        return refusal
    if mobile_code_resend(user=request.user):
        messages.success(request, "We have sent a new code. The one before no longer works.")
    else:
        messages.error(request, "Wait a minute before asking for another code.")
    return redirect("notifications:text_alerts")


@login_required
@require_POST
@ratelimit(group="notifications.text_alerts_stop", key="user_or_ip", rate="10/m", method="POST", block=True)
def text_alerts_stop(request: HttpRequest) -> HttpResponse:
    """Stop text alerts and forget the number."""
    mobile_number_remove(user=request.user)
    messages.success(request, "Text alerts are off. We have deleted your mobile number.")
    return redirect("notifications:text_alerts")
