"""Demo content: each app's module here (devtools/demo/<app>.py) registers a seeder; seed_demo runs them in order.

A seeder is `seed(stdout, scale)`: with scale None it makes realistic demo content;
with "full" (or "small", a tenth) it also makes the large data set `make bench` measures.
"large" grows the directory alone (see scale_for).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEMO_PASSWORD = "community-demo-2026"  # noqa: S105 (demo accounts only; seed_demo refuses with DEBUG off)
STAFF_EMAIL = "staff@example.org"
RESIDENT_EMAIL = "resident@example.org"
GROUP_EMAIL = "group@example.org"
# Staff of one council each (devtools/demo/councils.py): they see and act on their council's content alone.
PARISH_CLERK_EMAIL = "clerk@example.org"
DISTRICT_OFFICER_EMAIL = "district.officer@example.org"
# A (sample) Cromer town councillor whose account is linked to their record: they answer officially.
COUNCILLOR_EMAIL = "councillor@example.org"
# A community co-chair who leads the transport co-production team: organises its workshops' sign-ups.
TEAM_LEAD_EMAIL = "team.lead@example.org"
# The demo staff account's authenticator secret, so a developer can add it to an app.
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (demo only)


@dataclass(frozen=True)
class Seeder:
    name: str
    seed: Callable
    order: int


_SEEDERS: dict[str, Seeder] = {}

# The demo's documents: small text-only PDFs made once and kept as files.
FILES = Path(__file__).resolve().parent / "files"


def demo_file(name: str):
    """One of the demo's documents (devtools/demo/files/), ready for a FileField's save()."""
    from django.core.files.base import ContentFile

    return ContentFile((FILES / name).read_bytes())


def comment(target, author, text: str, **options):
    """A comment through the discussions service, as `author` may write it on `target` (parent, as_official)."""
    from discussions import services
    from discussions.registry import policy_for

    return services.comment_create(
        target=target, author=author, text=text, policy=policy_for(target, author), **options
    )


def nominate(by, *, name: str, body: str, kind: str, area: str, members: int = 35, **fields):
    """A nomination of an asset of community value through the service, as a community body of `area` sends it
    (with `members` local members when it is unincorporated); fields: where and what the asset is, and its value."""
    from transparency import services

    return services.nomination_submit(
        by=by,
        asset_name=name,
        body_name=body,
        body_kind=kind,
        body_registration_number="" if kind in ("parish_council", "unincorporated") else "1234567",
        local_member_count=members if kind == "unincorporated" else None,
        local_connection=f"{body} works only in {area}.",
        eligibility_evidence="Constitution and list of members sent to the council.",
        **fields,
    )


def register(name: str, order: int = 100):
    def decorator(function: Callable) -> Callable:
        _SEEDERS[name] = Seeder(name, function, order)
        return function

    return decorator


SCALES = ["small", "full", "large"]
# What grows at the large scale: the directory, to four times its full size (200,000 listings), to see how its
# search's cost grows; every other app is seeded as at the full scale, which keeps seeding to minutes.
GROWS_AT_LARGE = {"directory"}


def scale_for(seeder: Seeder, scale: str | None) -> str | None:
    """The scale a seeder makes its bench data at, for the scale asked for."""
    if scale == "large" and seeder.name not in GROWS_AT_LARGE:
        return "full"
    return scale


def seeders() -> list[Seeder]:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted(_SEEDERS.values(), key=lambda s: s.order)


def is_seeded() -> bool:
    from accounts.models import User

    return User.objects.filter(email=STAFF_EMAIL).exists()


def print_logins(stdout) -> None:
    stdout.write(
        f"\nDemo logins (password for each: {DEMO_PASSWORD})\n"
        f"  staff admin:  {STAFF_EMAIL}\n"
        f"                (two-factor code: add the secret {STAFF_TOTP_SECRET} to an authenticator app)\n"
        f"  parish clerk: {PARISH_CLERK_EMAIL} (Cromer Town Council's staff only; same two-factor secret)\n"
        f"  district officer: {DISTRICT_OFFICER_EMAIL} (North Norfolk District Council's; same secret)\n"
        f"  town councillor: {COUNCILLOR_EMAIL} (answers officially on Cromer Town Council's consultations)\n"
        f"  resident:     {RESIDENT_EMAIL}\n"
        f"  team lead:    {TEAM_LEAD_EMAIL} (organises the sign-ups to the transport team's workshops)\n"
        f"  group member: {GROUP_EMAIL}\n"
    )
