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
from notifications.registry import noun_for, resolve_target
from notifications.selectors import subscriptions_of
from notifications.services import email_opt_out, subscription_follow, subscription_unfollow, topics_follow
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
