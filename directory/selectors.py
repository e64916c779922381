"""The directory's public reads for other apps (they use these, never the directory's internals)."""

from __future__ import annotations

from django.db.models import QuerySet

from directory.models import Organisation


def verified_organisations_of(user) -> QuerySet[Organisation]:
    """The verified organisations this person is a member of (owner or editor)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(status=Organisation.Status.VERIFIED, memberships__user=user).order_by("name")


def members_of(organisation: Organisation) -> QuerySet:
    """The people who act for an organisation (its owners and editors), for other apps' emails to a group."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__organisation=organisation, is_active=True)
