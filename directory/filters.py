"""Resident search: keywords, filters and "near a postcode", all as GET parameters (shareable URLs)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django import forms
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, Min, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from directory.models import DAY_CODES, DAY_NAMES, NAME_ORDER, Listing, TaxonomyTerm
from localism.forms import asks_for
from localism.geo import MILES_TO_KM, bounding_box, distance_km_from
from localism.maps import Bounds, extent
from localism.models import Place, Postcode
from localism.postcodes import typed_postcode

MILES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles"), ("25", "25 miles")]
SORTS = [("relevance", "Best match"), ("distance", "Nearest first"), ("name", "Name (A to Z)")]


def box_around(latitude: float, longitude: float, km: float) -> Bounds:
    """The view of the bounding box around a point (see bounding_box)."""
    box = bounding_box(latitude, longitude, km)
    return Bounds(box["longitude__gte"], box["latitude__gte"], box["longitude__lte"], box["latitude__lte"])


def venues_near(locations, latitude: float, longitude: float, km: float):
    """Venues within km of the point, each with its distance_km (the bounding box picks them by the index)."""
    return (
        locations.filter(**bounding_box(latitude, longitude, km))
        .annotate(distance_km=distance_km_from(latitude, longitude))
        .filter(distance_km__lte=km)
    )


def near(queryset, latitude: float, longitude: float, km: float):
    """Listings with a location within km of the point, annotated with the nearest location's distance
    and the towns of their venues in reach, nearest first.

    One join: the bounding box picks candidate locations by the lat/lng index, and the
    aggregate (over the same filtered join) keeps each listing's nearest location.
    """
    venue_km = distance_km_from(latitude, longitude, prefix="locations__")
    return (
        queryset.filter(**bounding_box(latitude, longitude, km, prefix="locations__"))
        .annotate(distance_km=Min(venue_km), venue_towns=ArrayAgg("locations__city", order_by=venue_km))
        .filter(distance_km__lte=km)
    )


def keyword_query(text: str) -> SearchQuery:
    """What a resident typed as a full-text query: websearch_to_tsquery accepts any text (quotes, "or",
    "-word", punctuation)."""
    return SearchQuery(text, search_type="websearch", config="english")


# Best match first: a listing whose name has the words, then one whose categories have them (with its
# name), then one whose summary or description does; each group in name order.
MATCH_GROUPS = ("name_words", "heading_words", None)


def best_match_first(query: SearchQuery) -> Case:
    """A listing's group of matches (0 first), through its search entry: what the results are ordered by."""
    return Case(
        *(
            When(Q(**{f"search_entry__{field}": query}), then=Value(n))
            for n, field in enumerate(MATCH_GROUPS)
            if field is not None
        ),
        default=Value(len(MATCH_GROUPS) - 1),
    )


# A one-word search's total is its SearchWord row; any other query counts its matching entries.
_COUNT_SQL = r"""
SELECT CASE WHEN numnode(q) = 1 AND querytree(q) ~ '^''[^''\\]+''$'
  THEN coalesce((SELECT listings FROM directory_searchword WHERE word = btrim(querytree(q), '''')), 0)
  ELSE (SELECT count(*) FROM directory_listingsearchentry WHERE words @@ q) END
FROM websearch_to_tsquery('english', %s) AS q
"""


# The page's listings, best match first: each group read in NAME_ORDER (the search_entry_by_name index),
# up to the page's end. A listing whose name (or heading) matches matches in all its words too, unless the
# query excludes a word ("-word") that the rest of the listing has: only then is the whole listing tested
# in those groups as well (testing it always would make the index read every listing with the words).
_RANKED_SQL = """
SELECT listing_id FROM (
  (SELECT listing_id, 0 AS match_group, sort_name FROM directory_listingsearchentry
   WHERE name_words @@ {q} {all_words}
   ORDER BY sort_name, listing_id LIMIT {stop:d})
  UNION ALL
  (SELECT listing_id, 1, sort_name FROM directory_listingsearchentry
   WHERE heading_words @@ {q}
     AND NOT name_words @@ {q} {all_words}
   ORDER BY sort_name, listing_id LIMIT {stop:d})
  UNION ALL
  (SELECT listing_id, 2, sort_name FROM directory_listingsearchentry
   WHERE words @@ {q}
     AND NOT heading_words @@ {q}
     AND NOT name_words @@ {q}
   ORDER BY sort_name, listing_id LIMIT {stop:d})
) AS ranked ORDER BY match_group, sort_name, listing_id LIMIT {size:d} OFFSET {start:d}
"""


class KeywordMatches:
    """The listings the public sees that match keywords, best match first, as a Paginator reads them:
    count() is one query, a page (a slice) another, with the display columns asked for.

    It reads the search entries alone (ListingSearchEntry holds only what the public sees), then the
    listing rows of the page.
    """

    def __init__(self, text: str, columns: dict):
        self.text = text
        self.columns = columns

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(_COUNT_SQL, [self.text])
            return cursor.fetchone()[0]

    def __getitem__(self, window: slice) -> list[dict]:
        start, stop = window.start or 0, window.stop
        if stop <= start:
            return []
        query = keyword_query(self.text)
        may_exclude = "-" in self.text  # websearch_to_tsquery's "not": a hyphen before a word
        ranked = _RANKED_SQL.format(
            all_words="AND words @@ {q}" if may_exclude else "", q="{q}", stop=stop, size=stop - start, start=start
        ).format(q="websearch_to_tsquery('english', %s)")
        params = [self.text] * ranked.count("%s")
        rows = (
            Listing.objects.filter(pk__in=RawSQL(ranked, params))  # noqa: S611 (built above, text as parameters)
            .annotate(match_group=best_match_first(query))
            .order_by("match_group", *NAME_ORDER)
            .values(**self.columns)
        )
        return list(rows)


class ListingSearchForm(forms.Form):
    """The directory search's filters as GET parameters (the search page, its map and its downloads), so every
    result page has a shareable address. A plain form rather than a django-filter FilterSet, which copies its
    filters and makes a form class on every request."""

    q = forms.CharField(label="Keywords", max_length=200, required=False)
    postcode = forms.CharField(label="Postcode", max_length=16, required=False)
    miles = forms.ChoiceField(label="Within", choices=MILES, required=False)
    category = forms.ChoiceField(
        label="Category", required=False, error_messages={"invalid_choice": "Choose a category from the list"}
    )
    place = forms.ChoiceField(
        label="Place", required=False, error_messages={"invalid_choice": "Choose a place from the list"}
    )
    kind = forms.ChoiceField(label="Type", choices=[("", "Any type"), *Listing.Kind.choices], required=False)
    age = forms.IntegerField(
        label="Suitable for age",
        min_value=0,
        max_value=120,
        required=False,
        error_messages={
            "invalid": "Enter an age in whole years, like 8",
            "min_value": "Enter an age from 0 to 120",
            "max_value": "Enter an age from 0 to 120",
        },
    )
    age.widget.attrs["inputmode"] = "numeric"  # after the min, max and step the field gives its number box
    day = forms.ChoiceField(
        label="Open on", choices=[("", "Any day"), *zip(DAY_CODES, DAY_NAMES, strict=True)], required=False
    )
    free = forms.BooleanField(label="Free only", required=False, widget=forms.CheckboxInput(attrs={"value": "on"}))
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)

    def __init__(self, data=None, *, trees: tuple[CategoryTree, PlaceTree] | None = None, known_postcode=None):
        if data is not None and not data.get("miles"):
            data = data.copy()
            data["miles"] = "5"  # the default distance, also when a postcode comes from the home page
        super().__init__(data)
        self.categories, self.places = trees or (CategoryTree(), PlaceTree())
        self.fields["category"].choices = [("", "Any category"), *self.categories.choices]
        self.fields["place"].choices = [("", "Anywhere"), *self.places.choices]
        self.known_postcode = known_postcode  # found already by the search this one relaxes
        self.postcode = None

    def clean_postcode(self) -> str:
        text = self.cleaned_data.get("postcode") or ""
        self.postcode = None
        if not text.strip():
            return ""
        postcode = typed_postcode(text)
        known = self.known_postcode
        if known is not None and known.postcode == postcode:
            self.postcode = known
            return postcode
        self.postcode = Postcode.objects.filter(postcode=postcode).first()
        if self.postcode is None:
            raise forms.ValidationError(f"We could not find {postcode} in Norfolk. Check the postcode.")
        return postcode

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == "distance" and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode to sort by distance")
        return cleaned

    def filter(self, listings: QuerySet) -> QuerySet:
        """The listings the search finds among `listings`, by every filter that is right (the page says what
        is wrong with the others): best match first, nearest first or by name."""
        self.is_valid()
        data = self.cleaned_data
        listings = listings.all()
        if data.get("q"):
            query = keyword_query(data["q"])
            # A listing has a search entry only while the public sees it.
            listings = listings.filter(search_entry__words=query).annotate(match_group=best_match_first(query))
        if data.get("category"):
            ids = self.categories.subtree(self.categories.pk_by_slug[data["category"]])
            through = Listing.categories.through.objects.filter(taxonomyterm_id__in=ids)
            listings = listings.filter(pk__in=through.values("listing_id"))
        if data.get("place"):
            # Served in the place itself or in an area containing it (a county-wide service serves every town).
            served = self.places.with_ancestors(self.places.pk_by_slug[data["place"]])
            through = Listing.service_areas.through.objects.filter(place_id__in=served)
            listings = listings.filter(pk__in=through.values("listing_id"))
        if data.get("kind"):
            listings = listings.filter(kind=data["kind"])
        if data.get("age") is not None:
            age = data["age"]
            listings = listings.filter(
                Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
                Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
            )
        if data.get("day"):
            listings = listings.filter(open_days__contains=[DAY_CODES.index(data["day"])])
        if data.get("free"):
            listings = listings.filter(is_free=True)
        if self.postcode is not None:
            miles = float(data.get("miles") or 5)
            listings = near(listings, self.postcode.latitude, self.postcode.longitude, miles * MILES_TO_KM)
        sort = data.get("sort") or ("relevance" if data.get("q") else ("distance" if self.postcode else "name"))
        if sort == "distance" and self.postcode is not None:
            return listings.order_by("distance_km", *NAME_ORDER)
        if sort == "relevance" and data.get("q"):
            return listings.order_by("match_group", *NAME_ORDER)
        return listings.order_by(*NAME_ORDER)

    def keywords_alone(self) -> str:
        """The keywords of a valid search by keywords alone, best match first, else "" (see KeywordMatches)."""
        data = self.cleaned_data
        others = [name for name in self.fields if name not in ("q", "miles", "sort") and asks_for(data.get(name))]
        if others or data.get("sort") not in (None, "", "relevance"):
            return ""
        return data.get("q") or ""

    def map_bounds(self) -> Bounds | None:
        """What the results map first shows: the distance searched around the postcode, else every place."""
        if self.postcode is not None:
            km = float(self.cleaned_data.get("miles") or 5) * MILES_TO_KM
            return box_around(self.postcode.latitude, self.postcode.longitude, km)
        return self.places.extent

    def without(self, *names: str) -> ListingSearchForm:
        """The same search without some of its filters (the category and place trees are not read again)."""
        data = self.data.copy()
        for name in names:
            data.pop(name, None)
        return ListingSearchForm(data, trees=(self.categories, self.places), known_postcode=self.postcode)


# From anywhere in the county to anywhere else in it: how far "the nearest" looks.
NEAREST_WITHIN_MILES = 60


@dataclass
class NearMisses:
    """What to suggest when nothing matches: the nearest match beyond the distance asked for (a row of the
    columns asked for, with its distance_km and venue_towns) and the search that would reach it; the
    number of matches on any day and the search that finds them."""

    nearest: dict | None = None
    wider_query: str = ""
    wider_miles: str = ""
    day_name: str = ""
    any_day_count: int = 0
    any_day_query: str = ""


def near_misses(search: ListingSearchForm, listings: QuerySet, columns: dict) -> NearMisses:
    """Near misses of a valid search of `listings` that matched nothing: at most two more queries."""
    misses = NearMisses()
    data = search.cleaned_data
    postcode = search.postcode
    if postcode is not None:
        anywhere = search.without("postcode", "miles", "sort")
        if anywhere.is_valid():
            reach = NEAREST_WITHIN_MILES * MILES_TO_KM
            found = anywhere.filter(listings)
            rows = near(found, postcode.latitude, postcode.longitude, reach).order_by("distance_km", "pk")
            misses.nearest = rows.values("distance_km", "venue_towns", **columns).first()
        if misses.nearest is not None:
            reaching = [value for value, _ in MILES if float(value) * MILES_TO_KM >= misses.nearest["distance_km"]]
            if reaching:
                query = search.data.copy()
                query.pop("page", None)
                query["miles"] = reaching[0]
                misses.wider_query = query.urlencode()
                misses.wider_miles = dict(MILES)[reaching[0]]
    if data.get("day"):
        misses.day_name = DAY_NAMES[DAY_CODES.index(data["day"])]
        any_day = search.without("day", "page")
        if any_day.is_valid():
            misses.any_day_count = any_day.filter(listings).count()
            misses.any_day_query = any_day.data.urlencode()
    return misses


class CategoryTree:
    """Every category (taxonomy term) in one query: the choices of the search form and each one's subtree."""

    def __init__(self, taxonomy_id=None):
        terms = TaxonomyTerm.objects.order_by("name", "pk")
        if taxonomy_id is not None:
            terms = terms.filter(taxonomy_id=taxonomy_id)
        self.choices: list[tuple[str, str]] = []
        self.pk_by_slug: dict = {}
        self.children: dict = {}
        for pk, slug, name, parent_id in terms.values_list("pk", "slug", "name", "parent_id"):
            self.choices.append((slug, name))
            self.pk_by_slug[slug] = pk
            self.children.setdefault(parent_id, []).append(pk)

    def subtree(self, pk) -> list:
        """The term and every term under it."""
        ids, stack = [], [pk]
        while stack:
            current = stack.pop()
            ids.append(current)
            stack.extend(self.children.get(current, []))
        return ids


class PlaceTree:
    """Every place in one query: the districts and towns to choose from, the areas containing each, and
    the view that holds them all.

    A name that a district and a town share (Great Yarmouth) says which is which.
    """

    def __init__(self):
        self.pk_by_slug: dict = {}
        self.parent: dict = {}
        places = Place.objects.order_by("name", "kind", "pk").values_list(
            "pk", "slug", "name", "kind", "parent_id", "latitude", "longitude"
        )
        offered, positions = [], []
        for pk, slug, name, kind, parent_id, latitude, longitude in places:
            self.parent[pk] = parent_id
            if latitude is not None and longitude is not None:
                positions.append((latitude, longitude))
            if kind in (Place.Kind.DISTRICT, Place.Kind.TOWN):
                offered.append((slug, name, kind))
                self.pk_by_slug[slug] = pk
        shared = {name for name, n in Counter(name for _, name, _ in offered).items() if n > 1}
        kinds = dict(Place.Kind.choices)
        self.choices: list[tuple[str, str]] = [
            (slug, f"{name} ({kinds[kind].lower()})" if name in shared else name) for slug, name, kind in offered
        ]
        # Where the places are: what the results map first shows of a search not near a postcode.
        self.extent = extent(positions)

    def with_ancestors(self, pk) -> list:
        """The place and every area containing it."""
        ids = []
        while pk is not None and pk not in ids:
            ids.append(pk)
            pk = self.parent.get(pk)
        return ids


def descendant_ids(term: TaxonomyTerm) -> list:
    """The term and every term under it (the tree is small: one query)."""
    return CategoryTree(term.taxonomy_id).subtree(term.pk)
