"""Checks on uploaded documents: the type by content as well as by name, and the size."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat

# extension -> (label shown to people, how the file must start)
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("PDF", (b"%PDF-",)),
    ".docx": ("DOCX", (b"PK\x03\x04",)),
    ".xlsx": ("XLSX", (b"PK\x03\x04",)),
    ".pptx": ("PPTX", (b"PK\x03\x04",)),
    ".odt": ("ODT", (b"PK\x03\x04",)),
    ".ods": ("ODS", (b"PK\x03\x04",)),
    ".csv": ("CSV", None),
    ".txt": ("TXT", None),
}


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def validate_document(file) -> None:
    """Refuse anything that is not one of DOCUMENT_TYPES, or is too large."""
    extension = _extension(file.name)
    if extension not in DOCUMENT_TYPES:
        allowed = ", ".join(label for label, _ in DOCUMENT_TYPES.values())
        raise ValidationError(f"The file must be one of: {allowed}.", code="file_type")
    if file.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(settings.DOCUMENT_MAX_BYTES)}.", code="file_size"
        )
    label, signatures = DOCUMENT_TYPES[extension]
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at 2048 bytes is not an error.
            if exc.start < len(head) - 4:
                raise ValidationError(f"The {label} file must be plain UTF-8 text.", code="file_content") from exc
        return
    if not head.startswith(signatures):
        raise ValidationError(f"The file is not a real {label} file.", code="file_content")


def describe_document(file) -> tuple[str, int]:
    """The type label and the size in bytes shown beside a download link."""
    label = DOCUMENT_TYPES.get(_extension(file.name), (_extension(file.name).lstrip(".").upper(), None))[0]
    return label, file.size


def _opened(file, missing: str):
    try:
        return file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(missing) from exc


def file_download(file, missing: str = "The file is missing.") -> FileResponse:
    """A stored file as a download under its own name; 404 when the file has gone from storage."""
    return FileResponse(_opened(file, missing), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])


def inline_image(file, missing: str = "The picture is missing.") -> FileResponse:
    """A stored picture shown in the page (an uploaded image, checked by content when it came), which may run
    nothing and fetch nothing if opened on its own; 404 when the file has gone from storage."""
    response = FileResponse(_opened(file, missing))
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


class DescribedFile(models.Model):
    """A titled document whose type and size are filled in on save; each model adds its own `file`
    field (with its own upload_to) and whatever links the document to its owner."""

    title = models.CharField(max_length=200)
    file_type = models.CharField(max_length=10, editable=False)
    file_size = models.PositiveBigIntegerField(editable=False, default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.file_type, self.file_size = describe_document(self.file)
        super().save(*args, **kwargs)
