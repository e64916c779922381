"""UK postcodes: normalising what people type, and finding their place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

from localism.geo import distance_km
from localism.models import Place, Postcode

# The shape of a UK postcode (outward code, then inward code), spaces optional.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")

_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])$")

# Beyond this distance from a town's centre, a postcode belongs to the district.
TOWN_RADIUS_KM = 6.0


def normalise_postcode(text: str) -> str | None:
    """'nr2 1ab ' -> 'NR2 1AB'; None when the text cannot be a UK postcode."""
    match = _POSTCODE.match(text.strip().upper()) if len(text) <= 16 else None
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def typed_postcode(text: str, message: str = "Enter a real postcode, like NR1 2DH") -> str:
    """What a form took as a postcode, as 'NR2 1AB'; the error that says so when it cannot be one."""
    postcode = normalise_postcode(text)
    if postcode is None:
        raise ValidationError(message)
    return postcode


def normalise_postcode_or_sector(text: str) -> str | None:
    """'nr27 9ab' -> 'NR27 9AB', 'nr279' -> 'NR27 9'; None when it is neither."""
    postcode = normalise_postcode(text)
    if postcode is not None:
        return postcode
    match = _SECTOR.match(text.strip().upper()) if len(text) <= 16 else None
    return f"{match.group(1)} {match.group(2)}" if match else None


def place_for_postcode(postcode: Postcode) -> Place | None:
    """The town the postcode is in (within TOWN_RADIUS_KM of its centre), else its district."""
    district = Place.objects.districts().filter(ons_code=postcode.district_code).first()
    if district is None:
        return None
    town = (
        Place.objects.filter(parent=district, kind=Place.Kind.TOWN)
        .nearest_to(postcode.latitude, postcode.longitude)
        .first()
    )
    if (
        town is not None
        and distance_km(postcode.latitude, postcode.longitude, town.latitude, town.longitude) <= TOWN_RADIUS_KM
    ):
        return town
    return district


# ONS pseudo-codes: E99999999 where an area has no county electoral divisions, E43 for the unparished part
# of a district (the ONS Postcode Directory's user guide).
NO_AREA_CODE = "E99999999"
UNPARISHED_PREFIX = "E43"


@dataclass(frozen=True)
class ElectoralAreas:
    """The division, ward and parish of one postcode, each None where nothing links them."""

    division: Place | None = None
    ward: Place | None = None
    parish: Place | None = None
    is_unparished: bool = False

    @property
    def places(self) -> list[Place]:
        return [area for area in (self.division, self.ward, self.parish) if area is not None]

    @property
    def has_sample_data(self) -> bool:
        return any(area.is_sample for area in self.places)


def electoral_areas_for(postcode: Postcode) -> ElectoralAreas:
    """The postcode's electoral areas, in two queries: staff's assignments (a unit beats a sector), else the
    ONS codes the postcode file carried, matched to places by their ONS code."""
    from localism.models import ELECTORAL_KINDS, PostcodeAssignment

    found: dict[str, Place] = {}
    assignments = PostcodeAssignment.objects.filter(
        prefix__in=[postcode.postcode, postcode.sector], place__kind__in=ELECTORAL_KINDS
    ).select_related("place")
    # Sectors first, so that a unit assigned to another area of the same kind overrides its sector.
    for assignment in sorted(assignments, key=lambda a: (len(a.prefix), a.place.name)):
        found[assignment.place.kind] = assignment.place
    codes = {
        kind: code
        for kind, code in (
            (Place.Kind.DIVISION, postcode.division_code),
            (Place.Kind.WARD, postcode.ward_code),
            (Place.Kind.PARISH, postcode.parish_code),
        )
        if code and code != NO_AREA_CODE and kind not in found
    }
    if codes:
        for place in Place.objects.filter(ons_code__in=codes.values(), kind__in=list(codes)):
            if codes.get(place.kind) == place.ons_code:
                found[place.kind] = place
    return ElectoralAreas(
        division=found.get(Place.Kind.DIVISION),
        ward=found.get(Place.Kind.WARD),
        parish=found.get(Place.Kind.PARISH),
        is_unparished=Place.Kind.PARISH not in found and postcode.parish_code.startswith(UNPARISHED_PREFIX),
    )


class PostcodeNotFoundError(Exception):
    """A postcode the portal cannot place, with the message to show beside what was typed."""


def find_postcode(postcode: str) -> tuple[Postcode, Place]:
    """The postcode and its town or district, or PostcodeNotFoundError saying whether the postcode is unknown or
    outside the county (a postcode not held, in a postcode district none of whose postcodes are held, is taken
    to be outside: the shipped file holds every postcode in the county)."""
    from django.conf import settings

    found = Postcode.objects.filter(postcode=postcode).first()
    place = place_for_postcode(found) if found else None
    if place is not None:
        return found, place
    outward = postcode.split(" ")[0]
    if found is None and Postcode.objects.filter(postcode__startswith=f"{outward} ").exists():
        raise PostcodeNotFoundError(
            f"We cannot find {postcode}. Check it is typed correctly: it may be a new postcode."
        )
    raise PostcodeNotFoundError(
        f"{postcode} is outside {settings.COUNCIL_NAME}'s area. Enter a postcode in the county, "
        "or see which council does what."
    )


@dataclass(frozen=True)
class CouncilFound:
    council: object
    is_exact: bool
    councillors: list = field(default_factory=list)  # for the postcode's division or ward


@dataclass(frozen=True)
class Representation:
    """Who represents one postcode: its areas, its councils from the county down, and what is not known."""

    postcode: Postcode
    place: Place
    areas: ElectoralAreas
    councils: list[CouncilFound]
    councillors: list = field(default_factory=list)

    @property
    def district(self) -> Place:
        return self.place if self.place.kind == Place.Kind.DISTRICT else self.place.parent

    @property
    def parish_council_is_approximate(self) -> bool:
        return any(not item.is_exact for item in self.councils)

    @property
    def has_parish_council(self) -> bool:
        return any(item.council.tier == "parish" for item in self.councils)

    @property
    def area_rows(self) -> list[tuple[str, Place | None]]:
        return [
            ("County electoral division", self.areas.division),
            ("District ward", self.areas.ward),
            ("Parish", self.areas.parish),
        ]

    @property
    def missing(self) -> list[str]:
        """Plain statements of what the portal does not know for this postcode."""
        code = self.postcode.postcode
        notes = []
        if self.areas.division is None:
            notes.append(
                f"We do not know which county electoral division {code} is in, so we cannot name its county "
                "councillor: the county council's website lists the councillor for each division."
            )
        elif not any(c.area_id == self.areas.division.pk for c in self.councillors):
            notes.append(
                f"We have no county councillor on record for {self.areas.division.name}: the county council's "
                "website lists the councillor for each division."
            )
        if self.areas.ward is None:
            notes.append(
                f"We do not know which district ward {code} is in, so we cannot name its district councillors: "
                f"the district council's website lists them."
            )
        elif not any(c.area_id == self.areas.ward.pk for c in self.councillors):
            notes.append(
                f"We have no district councillors on record for {self.areas.ward.name}: the district council's "
                "website lists them."
            )
        return notes


def representation_for(postcode: Postcode, place: Place) -> Representation:
    """Who represents a postcode, in a fixed number of queries.

    A town or parish council is exact when the postcode is linked to its parish (by the postcode file or by
    staff); otherwise it is found through the nearest town centre (place_for_postcode), which is not an official
    parish boundary, and is marked is_exact False so that pages can say so.
    """
    from localism.models import Council, Councillor, Surgery

    areas = electoral_areas_for(postcode)
    district = place if place.kind == Place.Kind.DISTRICT else place.parent
    around = [place.pk, district.pk, district.parent_id]
    if areas.parish is not None:
        around.append(areas.parish.pk)
    councils = list(
        Council.objects.filter(places__in=around)
        .distinct()
        .by_tier()
        .prefetch_related("responsibilities", models.Prefetch("places", Place.objects.only("pk")))
    )
    councillors = []
    electoral = [area.pk for area in (areas.division, areas.ward) if area is not None]
    if electoral:
        councillors = list(
            Councillor.objects.filter(area__in=electoral)
            .select_related("council", "area")
            .prefetch_related(models.Prefetch("surgeries", Surgery.objects.upcoming()))
            .order_by("name")
        )
    found = []
    for council in councils:
        if council.tier != Council.Tier.PARISH:
            found.append(CouncilFound(council, True, [c for c in councillors if c.council_id == council.pk]))
        elif areas.parish is not None:
            if any(p.pk == areas.parish.pk for p in council.places.all()):
                found.append(CouncilFound(council, True))
        elif not areas.is_unparished:
            found.append(CouncilFound(council, False))
    return Representation(postcode, place, areas, found, councillors)
