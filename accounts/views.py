from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.forms import AccountDeleteForm, ProfileForm, VerificationResendForm
from accounts.privacy import account_delete, personal_data_export, readable
from accounts.services import profile_update, verification_resend
from localism.exports import json_response


@login_required
@ratelimit(group="accounts.profile", key="user_or_ip", rate="20/m", method="POST", block=True)
def profile(request: HttpRequest) -> HttpResponse:
    """The person's own profile: only ever their own, so no object to check beyond login."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            profile_update(
                user=user,
                display_name=form.cleaned_data["display_name"],
                home_postcode=form.cleaned_data["home_postcode"],
                home_place=form.cleaned_data["home_place"],
                interests=list(form.cleaned_data["interests"]),
                email_frequency=form.cleaned_data["email_frequency"],
            )
            messages.success(request, "Your profile has been saved.")
            return redirect("accounts:profile")
        # Keep what was typed; the instance must not carry the rejected values.
        user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
def data_page(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as a page to read, with the JSON beside it."""
    export = personal_data_export(request.user)
    sections = [
        {"key": key, "title": _SECTION_TITLES.get(key, key.title()), "tree": readable(value)}
        for key, value in export.items()
    ]
    return render(request, "accounts/data.html", {"sections": sections})


_SECTION_TITLES = {
    "account": "Your account",
    "budgeting": "Participatory budgeting",
    "consultations": "Consultations and co-production",
    "directory": "Community groups and listings",
    "discussions": "Comments",
    "notifications": "Following and emails",
    "transparency": "Assets of community value and Right to Challenge",
}


@login_required
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as JSON."""
    return json_response("my-data.json", personal_data_export(request.user))


@login_required
@ratelimit(group="accounts.delete", key="user_or_ip", rate="5/m", method="POST", block=True)
def account_delete_view(request: HttpRequest) -> HttpResponse:
    """Delete my account, after confirming the password; contributions stay, anonymised."""
    form = AccountDeleteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(
            request, "Your account has been deleted. Anything you wrote now shows as a former participant."
        )
        return redirect("localism:home")
    return render(request, "accounts/delete.html", {"form": form})


@require_POST
@ratelimit(group="accounts.verification_resend", key="user_or_ip", rate="5/m", method="POST", block=True)
def verification_resend_view(request: HttpRequest) -> HttpResponse:
    """'Send the email again' on the check-your-email page; says the same whether or not the address is known."""
    form = VerificationResendForm(request.POST)
    if not form.is_valid():
        return render(request, "account/verification_sent.html", {"resend_form": form}, status=400)
    verification_resend(request=request, email=form.cleaned_data["email"])
    messages.success(
        request,
        "If an account is waiting for that address to be confirmed, we have sent the email again. "
        "It can take a few minutes to arrive.",
    )
    return redirect("account_email_verification_sent")
