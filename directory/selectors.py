"""The directory's public reads for other apps (they use these, never the directory's internals)."""

from __future__ import annotations

from django.db.models import QuerySet

from directory.models import NAME_ORDER, Organisation


def verified_organisations_of(user) -> QuerySet[Organisation]:
    """The verified organisations this person is a member of (owner or editor)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    mine = Organisation.objects.filter(status=Organisation.Status.VERIFIED, memberships__user=user)
    return mine.order_by(*NAME_ORDER)


def members_of(organisation: Organisation) -> QuerySet:
    """The people who act for an organisation (its owners and editors), for other apps' emails to a group."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__organisation=organisation, is_active=True)


def public_listings_in_categories(category_slugs, places, *, per_category: int = 5) -> dict[str, list[dict]]:
    """Listings the public sees (`Listing.objects.published()`) in each category (by its slug; a listing in one of
    its subcategories counts) that serve one of the places, an area inside it or one around it (a county-wide
    service serves every district): up to `per_category` each, by name, with their organisation. Two queries."""
    from django.db.models import Q, Value

    from directory.filters import CategoryTree
    from directory.models import Listing

    slugs = sorted(set(category_slugs))
    places = list(places)
    if not slugs or not places:
        return {}
    # A category and every one under it, as the directory search reads them.
    tree = CategoryTree()
    under = {slug: set(tree.subtree(tree.pk_by_slug[slug])) if slug in tree.pk_by_slug else set() for slug in slugs}
    in_area = Q()
    for place in places:
        in_area |= place.content_filter("service_areas", covering=True)
    fields = ("id", "name", "organisation__name", "organisation__slug")
    queries = [
        Listing.objects.published()
        .filter(in_area, categories__in=ids)
        .annotate(category=Value(slug))
        .values(*fields, "category")
        .distinct()
        .order_by("name", "id")[:per_category]
        for slug, ids in under.items()
        if ids
    ]
    found: dict[str, list[dict]] = {slug: [] for slug in slugs}
    if not queries:
        return found
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    for row in rows:
        found[row["category"]].append(row)
    return found
