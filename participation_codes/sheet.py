"""The printable sheet of a batch's cards, as an accessible PDF (PDF/UA-1: tagged, real text in reading
order, the document's language and title set), drawn by WeasyPrint from an HTML template."""

from __future__ import annotations

from django.template.loader import render_to_string

from localism.links import absolute_url
from participation_codes.models import CodeBatch
from participation_codes.registry import code_target_of
from participation_codes.services import printed


def sheet_pdf(*, batch: CodeBatch, target, codes: list[str]) -> bytes:
    from weasyprint import HTML  # only when a sheet is printed: it is large, and logs as it loads

    registered = code_target_of(target)
    html = render_to_string(
        "participation_codes/sheet.html",
        {
            "batch": batch,
            "target": target,
            "council": getattr(target, "council", None),
            "allows": registered.allows,
            "use_url": absolute_url(registered.use_url(target)),
            "codes": [printed(code) for code in codes],
        },
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
