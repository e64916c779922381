"""A small writer of text-only PDF documents (for the demo resource library)."""

from __future__ import annotations

import textwrap

_PAGE_WIDTH, _PAGE_HEIGHT = 595, 842  # A4 in points
_LINES_PER_PAGE = 60
_WRAP = 90


def _escape(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_to_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A4 pages of Helvetica text: the title, then the paragraphs wrapped to the page width."""
    lines: list[tuple[str, int]] = [(title, 16), ("", 11)]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, _WRAP) or [""]:
            lines.append((line, 11))
        lines.append(("", 11))
    pages = [lines[i : i + _LINES_PER_PAGE] for i in range(0, len(lines), _LINES_PER_PAGE)]

    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    next_id = 4
    for page_lines in pages:
        stream_parts = ["BT", "/F1 11 Tf", "14 TL", f"50 {_PAGE_HEIGHT - 60} Td"]
        for text, size in page_lines:
            stream_parts.append(f"/F1 {size} Tf ({_escape(text)}) Tj T*")
        stream_parts.append("ET")
        stream = "\n".join(stream_parts).encode("latin-1")
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        objects.append(
            f"{content_id} 0 obj << /Length {len(stream)} >> stream\n".encode() + stream + b"\nendstream endobj\n"
        )
        objects.append(
            f"{page_id} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_WIDTH} {_PAGE_HEIGHT}] "
            f"/Contents {content_id} 0 R /Resources << /Font << /F1 {font_id} 0 R >> >> >> endobj\n".encode()
        )
        page_ids.append(page_id)
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    head = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        f"2 0 obj << /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >> endobj\n".encode(),
        f"{font_id} 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        f"/Encoding /WinAnsiEncoding >> endobj\n".encode(),
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in head + objects:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body
