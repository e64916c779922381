"""Writes to what every app shares: postcodes, importing a file through any importer, and the steps every
app takes on one row."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from localism.audit import audit_record
from localism.dates import date_and_time
from localism.imports import IMPORTERS, MAX_ERRORS_KEPT, FileRefusedError, Importer, Parsed
from localism.models import ImportBatch
from localism.numbers import counted, number

M = TypeVar("M", bound=models.Model)


class PostcodeImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} bad line(s)")
        self.errors = errors


_AREA_KINDS = {"division_code": "division", "ward_code": "ward", "parish_code": "parish"}


def _read_area_names(lines: Iterable[str]) -> dict[str, str]:
    """An ONS names and codes file (CED25CD,CED25NM / WD25CD,WD25NM / PARNCP25CD,PARNCP25NM): code -> name."""
    reader = csv.reader(lines)
    try:
        header = [name.strip().lower().lstrip("\ufeff") for name in next(reader)]
    except StopIteration:
        raise PostcodeImportError(["The names file is empty."]) from None
    code_column = next((n for n, name in enumerate(header) if name.endswith("cd")), None)
    name_column = next((n for n, name in enumerate(header) if name.endswith("nm")), None)
    if code_column is None or name_column is None:
        raise PostcodeImportError(["Line 1: a names file needs a code column (…CD) and a name column (…NM)."])
    names = {}
    for record in reader:
        if len(record) > max(code_column, name_column) and record[code_column].strip():
            names[record[code_column].strip()] = record[name_column].strip()[:120]
    return names


@transaction.atomic
def electoral_areas_from_names(*, lines: Iterable[str]) -> int:
    """Make (or rename) the divisions, wards and parishes that the county's postcodes are linked to, from an ONS
    names and codes file; each goes under the district most of its postcodes are in. Returns how many."""
    from django.db.models import Avg, Count
    from django.utils.text import slugify

    from localism.models import Place, Postcode

    names = _read_area_names(lines)
    districts = {place.ons_code: place for place in Place.objects.districts().exclude(ons_code="")}
    made = 0
    for column, kind in _AREA_KINDS.items():
        rows = (
            Postcode.objects.filter(district_code__in=districts, **{f"{column}__in": names})
            .values(column, "district_code")
            .annotate(count=Count("postcode"), latitude=Avg("latitude"), longitude=Avg("longitude"))
            .order_by(column, "-count")
        )
        seen = set()
        for row in rows:
            code = row[column]
            if code in seen:  # the district with fewer of this area's postcodes
                continue
            seen.add(code)
            name = names[code]
            place = Place.objects.filter(ons_code=code).first()
            if place is None:
                slug = slugify(f"{name} {kind}")[:130]
                if Place.objects.filter(slug=slug).exists():
                    slug = f"{slug[:120]}-{code.lower()}"
                place = Place(ons_code=code, slug=slug, kind=kind)
            place.name, place.parent = name, districts[row["district_code"]]
            place.latitude, place.longitude = round(row["latitude"], 6), round(row["longitude"], 6)
            place.save()
            made += 1
    return made


# --- Importing a file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    batch: ImportBatch
    already_imported: bool = False

    @property
    def succeeded(self) -> bool:
        return self.batch.status == ImportBatch.Status.IMPORTED

    def report(self) -> list[str]:
        """What staff are told, in the admin and by the management command alike."""
        batch = self.batch
        if self.already_imported:
            return [
                f"{batch.file_name} was already imported on {date_and_time(batch.imported_at, joiner=' at ')} "
                f"(batch {batch.pk}): nothing was added."
            ]
        if self.succeeded:
            importer = IMPORTERS.get(batch.dataset)
            noun, existing = (importer.noun, importer.existing) if importer else ("row", "already published")
            return [
                f"Imported {batch.file_name}: {counted(batch.created_count, f'new {noun}')}, "
                f"{number(batch.duplicate_count)} {existing}.",
                *(
                    f"{name.replace('_', ' ').capitalize()}: {_counts(value)}."
                    for name, value in batch.details.items()
                ),
            ]
        shown = "" if batch.error_count <= len(batch.errors) else f" (the first {len(batch.errors)} are shown)"
        return [
            f"Nothing was imported. {batch.file_name} has {counted(batch.error_count, 'problem')} to correct{shown}:",
            *batch.error_lines(),
        ]


def _counts(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{number(n)} {kind.replace('_', ' ')}" for kind, n in sorted(value.items())) or "none"
    return number(value)


def dataset_import(*, dataset: str, file_name: str, data: bytes, by=None) -> ImportResult:
    """Read, check and import one file with the dataset's importer, all or nothing; the same file twice is
    imported once (unless the importer reads a feed again to update)."""
    importer = IMPORTERS[dataset]
    checksum = hashlib.sha256(data).hexdigest()
    source, file_name = file_name, file_name[-255:]
    if not importer.is_repeatable:
        earlier = _imported_before(importer, checksum)
        if earlier is not None:
            return ImportResult(earlier, already_imported=True)
    actor = by if by is not None and by.is_authenticated else None
    if len(data) > importer.max_bytes:
        megabytes = importer.max_bytes // (1024 * 1024)
        parsed = Parsed([], [{"message": f"The file is bigger than {megabytes} MB: split it into smaller files."}], 0)
    else:
        try:
            parsed = importer.read(data, source, actor) if importer.reads_as_person else importer.read(data, source)
        except FileRefusedError as refused:
            parsed = Parsed([], refused.errors, 0)
    if parsed.errors:
        return ImportResult(
            import_refuse(importer=importer, file_name=file_name, checksum=checksum, parsed=parsed, by=actor)
        )
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                dataset=importer.dataset,
                status=ImportBatch.Status.IMPORTED,
                file_name=file_name,
                checksum=checksum,
                is_repeatable=importer.is_repeatable,
                row_count=parsed.row_count,
                imported_by=actor,
            )
            loaded = importer.load(parsed, batch)
            batch.created_count = loaded.created
            batch.duplicate_count = loaded.existing
            batch.details = loaded.details
            batch.save(update_fields=["created_count", "duplicate_count", "details"])
            audit_record(
                action=importer.audit_completed,
                actor=actor,
                target=batch,
                data={"rows": parsed.row_count, "created": loaded.created, "file": file_name, **loaded.details},
            )
    except IntegrityError:
        # Two people importing the same file at the same moment: the other import won.
        earlier = _imported_before(importer, checksum)
        if earlier is None or importer.is_repeatable:
            raise
        return ImportResult(earlier, already_imported=True)
    return ImportResult(batch)


def _imported_before(importer: Importer, checksum: str) -> ImportBatch | None:
    return ImportBatch.objects.filter(
        dataset=importer.dataset, checksum=checksum, status=ImportBatch.Status.IMPORTED, is_repeatable=False
    ).first()


@transaction.atomic
def import_refuse(*, importer: Importer, file_name: str, checksum: str, parsed: Parsed, by=None) -> ImportBatch:
    """Record a file that could not be imported (nothing of it was), with each problem, for staff and the audit."""
    batch = ImportBatch.objects.create(
        dataset=importer.dataset,
        status=ImportBatch.Status.FAILED,
        file_name=file_name[-255:],
        checksum=checksum,
        is_repeatable=importer.is_repeatable,
        row_count=parsed.row_count,
        errors=parsed.errors[:MAX_ERRORS_KEPT],
        error_count=len(parsed.errors),
        imported_by=by,
    )
    audit_record(
        action=importer.audit_failed,
        actor=by,
        target=batch,
        data={"errors": len(parsed.errors), "file": batch.file_name},
    )
    return batch


# --- steps on one row ------------------------------------------------------------------------


def row_for_step(
    row: M,
    *,
    statuses,
    refusal: str,
    error: type[Exception] = ValidationError,
    field: str = "status",
    related: tuple[str, ...] = (),
) -> M:
    """The row read again and locked until the transaction ends, if its status (or the `field` that holds its
    state, such as a stage) is one this step starts from, so that two people acting at once cannot both take it;
    otherwise the step is refused with `refusal`. `related`: rows to read with it (not locked)."""
    rows = type(row).objects.select_for_update(**({"of": ("self",)} if related else {}))
    row = rows.select_related(*related).get(pk=row.pk) if related else rows.get(pk=row.pk)
    if getattr(row, field) not in (statuses if isinstance(statuses, (tuple, list, set, frozenset)) else (statuses,)):
        raise error(refusal)
    return row


def row_update(row: models.Model, **fields) -> None:
    """Set these fields of one row and save only them."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=list(fields))


def row_decide(row: models.Model, status: str, *, by, **fields) -> None:
    """Record a decision on one row: its new status, who took it and when, and `fields` (such as the reason)."""
    row_update(row, status=status, decided_by=by, decided_at=timezone.now(), **fields)
