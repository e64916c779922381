""" "We did", traced to the money: the recycling consultation's actions and the funded Norwich project link to the
decision, contracts and payments that delivered them, so that a resident can follow an outcome to its payment
and a payment back to what it delivered."""

from __future__ import annotations

from devtools.demo import STAFF_EMAIL, register


@register("delivery", order=66)
def seed(stdout, scale=None) -> None:
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from accounts.models import User
    from budgeting import services as budgeting_services
    from budgeting.models import Delivery, DeliveryUpdate
    from consultations.models import OutcomeAction
    from localism.actions import ActionStatus
    from localism.models import Council
    from transparency.models import Contract, Decision, SpendingRecord

    staff = User.objects.get(email=STAFF_EMAIL)
    today = timezone.localdate()
    county = Council.objects.filter(tier=Council.Tier.COUNTY).first()

    # The recycling centres' outcome: closing on Tuesdays was agreed by a decision and paid through the contract.
    recycling = Decision.objects.create(
        title="Recycling centre opening days",
        slug="recycling-centre-opening-days",
        decision_date=today - datetime.timedelta(days=60),
        decision_maker="Cabinet Member for Environment",
        summary="All recycling centres close on Tuesdays and open until 6pm in summer, as most people who "
        "responded to the consultation preferred.",
        consultation_slug="recycling-centre-opening-days",
        consultation_url="/consultations/recycling-centre-opening-days/",
        consultation_title="Recycling centre opening days",
        council=county,
    )
    waste = SpendingRecord.objects.filter(service_area="Waste Management").order_by("-payment_date", "pk")
    tuesdays = OutcomeAction.objects.get(description="Close all centres on Tuesdays")
    tuesdays.decision = recycling
    tuesdays.save(update_fields=["decision"])
    tuesdays.contracts.set(Contract.objects.order_by("start_date", "pk")[:1])
    tuesdays.payments.set(waste[:2])
    summer = OutcomeAction.objects.get(description="Summer opening until 6pm")
    summer.decision = recycling
    summer.save(update_fields=["decision"])
    summer.payments.set(waste[2:3])

    # The funded Norwich project: delivered, with its progress, a photo and the payments behind it.
    delivery = Delivery.objects.select_related("project").get(project__title="Benches on Riverside Walk")
    grants = SpendingRecord.objects.filter(service_area="Community Grants").order_by("-payment_date", "pk")
    delivery.payments.set(grants[:1])
    DeliveryUpdate.objects.create(
        delivery=delivery,
        reported_on=today - datetime.timedelta(days=30),
        note="The group chose three oak benches with arm rests, after asking the lunch club what suits them.",
    )
    photo = ContentFile(_png(), name="benches.png")
    DeliveryUpdate.objects.create(
        delivery=delivery,
        reported_on=today - datetime.timedelta(days=3),
        note="The benches are in, facing the river, with a plaque thanking everyone who voted.",
        photo=photo,
        photo_description="Three oak benches on the Riverside Walk, facing the river",
    )
    budgeting_services.delivery_update(
        delivery=delivery, by=staff, status=ActionStatus.DONE, note="Three benches installed along the river."
    )
    stdout.write("We did: outcome actions and a funded project linked to their decision, contracts and payments.")


def _png() -> bytes:
    """A small plain green picture standing in for the group's photo."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width, height = 32, 24
    rows = b"".join(b"\x00" + b"\x4c\x8c\x4a" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
