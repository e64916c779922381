"""What every app shares: places, topics, postcodes, information pages and the resource library."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property

from accounts.fields import person_link
from localism.fields import position_in
from localism.geo import distance_km_from
from localism.links import path_for
from localism.markdown import RendersMarkdown
from localism.uploads import DescribedFile, validate_document


def place_path(slug: str) -> str:
    """The page of the place with this slug (Place.get_absolute_url), for a place read as a values row too."""
    return path_for("localism:place_detail", slug=slug)


class PlaceQuerySet(models.QuerySet):
    def districts(self) -> PlaceQuerySet:
        return self.filter(kind=Place.Kind.DISTRICT)

    def of_kind(self, kind: str) -> PlaceQuerySet:
        return self.filter(kind=kind)

    def within(self, place: Place) -> PlaceQuerySet:
        """The place and the areas inside it (the hierarchy is at most four deep: county, district,
        town or parish, ward)."""
        return self.filter(
            models.Q(pk=place.pk)
            | models.Q(parent=place)
            | models.Q(parent__parent=place)
            | models.Q(parent__parent__parent=place)
        )

    def showing(self, places, *, covering: bool) -> PlaceQuerySet:
        """The places whose pages and followers see content tied to `places`: the reverse of
        `Place.content_filter`, for the emails that tell followers about new content."""
        places = list(places)
        around = {ancestor.pk for place in places for ancestor in place.ancestors()}
        shown = models.Q(pk__in=[place.pk for place in places]) | models.Q(pk__in=around)
        if covering:
            shown |= (
                models.Q(parent__in=places)
                | models.Q(parent__parent__in=places)
                | models.Q(parent__parent__parent__in=places)
            )
        return self.filter(shown)

    def nearest_to(self, latitude: float, longitude: float) -> PlaceQuerySet:
        """Ordered by distance from a point, nearest first."""
        return (
            self.exclude(latitude=None)
            .alias(distance_km=distance_km_from(latitude, longitude))
            .order_by("distance_km")
        )


class Place(models.Model):
    """An area: the county, a district, a town or parish; or an electoral area (a county electoral division,
    a district ward), which a postcode is linked to."""

    class Kind(models.TextChoices):
        COUNTY = "county", "County"
        DISTRICT = "district", "District"
        TOWN = "town", "Town"
        PARISH = "parish", "Parish"
        WARD = "ward", "District ward"
        DIVISION = "division", "County electoral division"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    ons_code = models.CharField(
        "ONS code", max_length=9, blank=True, help_text="The ONS/GSS code of the area, e.g. E07000148."
    )
    summary = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)])
    is_sample = models.BooleanField(
        "sample data",
        default=False,
        help_text="Made up for the demonstration, not an official boundary: every page that shows it says so.",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"], condition=~models.Q(ons_code=""), name="place_unique_ons_code"
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(kind="county"),
                name="place_county_has_no_parent",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return place_path(self.slug)

    @property
    def is_electoral_area(self) -> bool:
        return self.kind in ELECTORAL_KINDS

    def name_apart_from(self, other: Place) -> str:
        """The name, with the kind when the other place has the same name: on the page of Great Yarmouth the
        town, its district reads 'Great Yarmouth (district)', not as a link to the page itself."""
        if self.pk != other.pk and self.name == other.name:
            return f"{self.name} ({self.get_kind_display().lower()})"
        return self.name

    def content_filter(self, field: str, *, covering: bool) -> models.Q:
        """What belongs to this place, as a filter on content tied to places through `field`: content
        tied to the place or to an area inside it (Cromer's page shows what is in Cromer's wards).

        `covering` is for content that applies to the whole of its area, such as a consultation, a
        budgeting round or a petition to a council: content tied to an area around the place belongs
        to it as well (the county's consultation is every town's). Records of something at one spot
        (a payment, an asset, a decision about a place) are not `covering`.

        The areas are read as a subquery of the small places table, so a large table is still read
        through its index on the place.
        """
        # Django's own SQL for the subquery, with its values as parameters.
        belongs = models.Q(**{f"{field}__in": RawSQL(*self._areas_within_sql)})  # noqa: S611
        if covering:
            belongs |= models.Q(**{f"{field}__in": [ancestor.pk for ancestor in self.ancestors()]})
        return belongs

    @cached_property
    def _areas_within_sql(self) -> tuple[str, tuple]:
        """The SQL of content_filter's subquery (the place and the areas inside it), built and compiled once
        per place object: a place page asks it of some ten sections, and through three joins it took longer
        to build and compile each time than the rest of the section's query."""
        return Place.objects.within(self).values("pk").query.sql_with_params()

    def ancestors(self) -> list[Place]:
        """From the top of the hierarchy down to the parent (use select_related on parent__parent...)."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


# The areas a postcode is linked to (besides its district), in the order "who represents me" shows them.
ELECTORAL_KINDS = (Place.Kind.DIVISION, Place.Kind.WARD, Place.Kind.PARISH)


class Topic(models.Model):
    """A subject people follow and content is tagged with."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """A postcode's position, from the ONS Postcode Directory (Open Government Licence)."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Upper case with one space.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    district_code = models.CharField(max_length=9, blank=True)
    # ONS codes of the electoral areas, where the postcode file carries them (the ONS Postcode Directory's
    # ced, osward and parish columns); blank when it does not.
    division_code = models.CharField("county electoral division code", max_length=9, blank=True)
    ward_code = models.CharField("ward code", max_length=9, blank=True)
    parish_code = models.CharField("parish code", max_length=9, blank=True)

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode

    @property
    def sector(self) -> str:
        """'NR27 9AB' -> 'NR27 9'."""
        return self.postcode[:-2]


class PostcodeAssignment(models.Model):
    """Staff's own link from a postcode unit ('NR27 9AB') or sector ('NR27 9') to an electoral area or parish,
    for areas the postcode file does not carry. A unit beats a sector, and both beat the file."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="postcode_assignments")
    prefix = models.CharField(
        "postcode unit or sector",
        max_length=8,
        db_index=True,
        help_text="A whole postcode (NR27 9AB) or a sector, the postcode without its last two letters (NR27 9).",
    )

    class Meta:
        ordering = ["prefix"]
        constraints = [models.UniqueConstraint(fields=["place", "prefix"], name="postcode_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.prefix} → {self.place}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from localism.postcodes import normalise_postcode_or_sector

        prefix = normalise_postcode_or_sector(self.prefix or "")
        if prefix is None:
            raise ValidationError({"prefix": "Enter a postcode like NR27 9AB or a sector like NR27 9"})
        self.prefix = prefix
        if self.place_id and self.place.kind not in ELECTORAL_KINDS:
            message = "Postcodes can be assigned only to a county electoral division, a district ward or a parish"
            raise ValidationError({"prefix": message})


class InformationPageQuerySet(models.QuerySet):
    def published(self) -> InformationPageQuerySet:
        return self.filter(is_published=True)


class InformationPage(RendersMarkdown, models.Model):
    """A page of guidance that staff write in Markdown (About localism, Community rights, ...)."""

    class Section(models.TextChoices):
        GET_INVOLVED = "get-involved", "Get involved"
        ABOUT = "about", "About"
        SITE = "site", "About this site"

    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=160, unique=True)
    section = models.CharField(max_length=20, choices=Section.choices, default=Section.GET_INVOLVED)
    summary = models.CharField(max_length=300)
    body = models.TextField(help_text="Markdown: ## headings, lists, links. HTML is removed.")
    body_html = models.TextField(editable=False, default="")
    MARKDOWN = {"body": "body_html"}
    is_published = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InformationPageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        indexes = [
            GinIndex(SearchVector("title", "summary", "body", config="english"), name="infopage_search"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("localism:page_detail", slug=self.slug)


class ResourceQuerySet(models.QuerySet):
    def published(self) -> ResourceQuerySet:
        return self.filter(is_published=True, published_at__lte=timezone.now())


def resource_upload_to(instance: Resource, filename: str) -> str:
    return f"resources/{timezone.now():%Y/%m}/{filename}"


class Resource(DescribedFile):
    """A downloadable document in the resource library."""

    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(max_length=1000)
    file = models.FileField(upload_to=resource_upload_to, validators=[validate_document])
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources")
    is_published = models.BooleanField(default=True)
    published_at = models.DateTimeField(default=timezone.now)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        indexes = [models.Index(Lower("title"), name="resource_title_lower")]

    def get_absolute_url(self) -> str:
        return path_for("localism:resource_download", slug=self.slug)


class AuditEntry(models.Model):
    """One staff or state-changing action: who did what to which object, and when.

    `action` is a dotted code (`directory.listing.approved`); apps register the
    readable text for their codes with `localism.audit.register_actions` in their hooks.py.
    """

    action = models.CharField(max_length=100, db_index=True)
    actor = person_link()
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    @property
    def description(self) -> str:
        from localism.audit import action_label

        return action_label(self.action)


class PlaceContact(models.Model):
    """Someone to contact about a place: a councillor or an officer, kept by staff."""

    class Role(models.TextChoices):
        COUNTY_COUNCILLOR = "county-councillor", "County councillor"
        DISTRICT_COUNCILLOR = "district-councillor", "District or city councillor"
        PARISH_COUNCIL = "parish-council", "Town or parish council"
        OFFICER = "officer", "Council officer"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=24, choices=Role.choices)
    responsibility = models.CharField(
        max_length=200, blank=True, help_text="e.g. the division they represent, or what the officer looks after."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Responsibility(models.Model):
    """Something a council does: libraries, planning, assets of community value, allotments."""

    class Tier(models.TextChoices):
        COUNTY = "county", "County council"
        DISTRICT = "district", "District, borough or city council"
        PARISH = "parish", "Town or parish council"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    usual_tier = models.CharField(
        max_length=10, choices=Tier.choices, help_text="The tier that usually holds it in a two-tier county."
    )
    description = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "responsibilities"

    def __str__(self) -> str:
        return self.name


class CouncilQuerySet(models.QuerySet):
    def covering(self, place: Place) -> CouncilQuerySet:
        """The councils whose area holds the place: its own council and those of the areas around it."""
        return self.filter(places__in=[place.pk, *(p.pk for p in place.ancestors())]).distinct()

    def district_council_of(self, district: Place) -> CouncilQuerySet:
        """The district, borough or city council whose area is the district (the one that keeps its register
        of assets of community value, Localism Act 2011 s.87)."""
        return self.filter(tier=Council.Tier.DISTRICT, places=district)

    def by_tier(self) -> CouncilQuerySet:
        return self.order_by(position_in(Council.Tier.values, "tier"), "name")


class Council(models.Model):
    """A council at one tier of local government, the places it covers, and what it is responsible for."""

    Tier = Responsibility.Tier

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    tier = models.CharField(max_length=10, choices=Tier.choices)
    places = models.ManyToManyField(Place, related_name="councils", help_text="The areas the council covers.")
    responsibilities = models.ManyToManyField(Responsibility, related_name="councils", blank=True)
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("localism:council_detail", slug=self.slug)

    def covers(self, place: Place) -> bool:
        """Whether the place is in the council's area (see `CouncilQuerySet.covering`)."""
        return Council.objects.covering(place).filter(pk=self.pk).exists()


class Councillor(models.Model):
    """An elected member of a council: a county councillor for a division, a district councillor for a ward,
    or a town or parish councillor."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="councillors")
    area = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="councillors",
        help_text="The division (county councillors) or ward (district councillors) they represent.",
    )
    party = models.CharField(max_length=100, blank=True, help_text="Blank for an independent.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="councillor",
        verbose_name="account on the portal",
        help_text="With it the councillor answers officially in discussions of their own council's consultations "
        "and projects, marked with their name and council.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField("postal address", blank=True)
    website = models.URLField("page on the council's website", blank=True)
    interests_url = models.URLField(
        "register of interests",
        blank=True,
        help_text="The council's published register of the councillor's interests.",
    )
    is_sample = models.BooleanField(
        "sample data", default=False, help_text="Made up for the demonstration, not a real person."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("localism:councillor_detail", slug=self.slug)

    @property
    def party_label(self) -> str:
        return self.party or "Independent"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.council_id is None:
            return
        wanted = {Council.Tier.COUNTY: Place.Kind.DIVISION, Council.Tier.DISTRICT: Place.Kind.WARD}.get(
            self.council.tier
        )
        if self.area_id and wanted and self.area.kind != wanted:
            label = Place.Kind(wanted).label.lower()
            raise ValidationError({"area": f"A councillor of {self.council.name} represents a {label}"})
        if self.area_id and not wanted and self.area.kind not in (Place.Kind.PARISH, Place.Kind.WARD):
            raise ValidationError({"area": "A town or parish councillor represents a parish or a parish ward"})


class SurgeryQuerySet(models.QuerySet):
    def upcoming(self) -> SurgeryQuerySet:
        return self.filter(ends_at__gte=timezone.now())


class Surgery(models.Model):
    """A time and place where residents can talk to a councillor in person."""

    council_path = "councillor__council"

    councillor = models.ForeignKey(Councillor, on_delete=models.CASCADE, related_name="surgeries")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, help_text="For example, Cromer Library, Prince of Wales Road.")
    notes = models.CharField(max_length=300, blank=True, help_text="For example, no appointment needed.")

    objects = SurgeryQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name_plural = "surgeries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="surgery_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.councillor} at {self.venue}, {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return self.councillor.get_absolute_url()


class ImportBatch(models.Model):
    """One file staff imported (or tried to), through any importer of localism.imports: what it was, who,
    when, and what happened to each line or record."""

    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Failed: nothing imported"

    dataset = models.CharField(max_length=40, help_text="The importer that read the file (localism.imports).")
    status = models.CharField(max_length=10, choices=Status.choices)
    file_name = models.CharField(max_length=255)
    checksum = models.CharField("SHA-256 checksum", max_length=64)
    is_repeatable = models.BooleanField(
        default=False, help_text="The same file may be imported again (a feed that is read again to update)."
    )
    row_count = models.PositiveIntegerField("rows in the file", default=0)
    created_count = models.PositiveIntegerField("new rows", default=0)
    duplicate_count = models.PositiveIntegerField("rows already published", default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="[{line, message}] or [{record, message}] for a failed file."
    )
    error_count = models.PositiveIntegerField(default=0)
    details = models.JSONField(default=dict, blank=True, help_text="What the importer adds (a feed's counts by kind).")
    imported_by = person_link()
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name_plural = "import batches"
        constraints = [
            # The same file imports once; trying again points at the first batch.
            models.UniqueConstraint(
                fields=["dataset", "checksum"],
                condition=models.Q(status="imported", is_repeatable=False),
                name="importbatch_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_label}: {self.file_name} ({timezone.localtime(self.imported_at):%d/%m/%Y %H:%M})"

    @property
    def dataset_label(self) -> str:
        from localism.imports import importer_label

        return importer_label(self.dataset)

    def error_lines(self) -> list[str]:
        """Each problem as staff read it: "Line 4: …" for a line of a file, "service abc: …" for a record."""
        return [describe_import_error(error) for error in self.errors]


def describe_import_error(error: dict) -> str:
    if error.get("line"):
        return f"Line {error['line']}: {error['message']}"
    if error.get("record"):
        return f"{error['record']}: {error['message']}"
    return error["message"]
