""" "We did", traced to the money: the decision, contracts and payments that delivered what the council promised
(an action from a consultation's outcome, a budgeting project that won its round), and, from the other side,
what a payment, a supplier, a contract or a decision delivered.

Other apps add `DeliveredBy` to the model of what they promise, and register it here from their hooks.py
with their visibility rule (`register_delivering`), so that the spending explorer, the supplier and contract
pages and the decisions log show only what the public may see of them, without importing those apps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import F, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from localism.numbers import money
from localism.registry import Registry, installed_model
from transparency.fields import decision_link

# How many payments the page of a promise lists (the rest are on the supplier's page).
PAYMENTS_SHOWN = 50


class DeliveredBy(models.Model):
    """The decision, contracts and payments that delivered something the council promised.

    Spending records and contracts are the portal council's published data, imported from its files:
    any of them may be named. The decision must be the same council's (the admin limits the choice).
    """

    decision = decision_link(help_text="The decision in the decisions log that agreed it (one of your council's).")
    contracts = models.ManyToManyField(
        "transparency.Contract",
        blank=True,
        related_name="+",
        help_text="The contracts that delivered it, by number with commas between (the magnifying glass finds them).",
    )
    payments = models.ManyToManyField(
        "transparency.SpendingRecord",
        blank=True,
        related_name="+",
        help_text="The payments that delivered it, by number with commas between (the magnifying glass finds them).",
    )

    class Meta:
        abstract = True

    # Each model says what it is in words for a spending page: `delivered_title` (its own name) and
    # `delivered_context` ("from the outcome of ..."), and links to its page with get_absolute_url().


@dataclass(frozen=True)
class Delivering:
    model: type[models.Model]
    # What the public may see of them (the model's own visibility QuerySet method, with what its words need).
    public: Callable[[], QuerySet]
    order: int = 100


DELIVERING: Registry[Delivering] = Registry("what the council's decisions, contracts and payments delivered")


def register_delivering(model: type[models.Model] | str, *, public: Callable[[], QuerySet], order: int = 100) -> None:
    model = installed_model(model, registration="register_delivering")
    DELIVERING.add(model._meta.label_lower, Delivering(model, public, order))


@dataclass(frozen=True)
class Delivered:
    """One thing a payment, contract or decision delivered, as a spending page names it."""

    title: str
    context: str
    url: str


def _delivered(obj) -> Delivered:
    return Delivered(obj.delivered_title, obj.delivered_context, obj.get_absolute_url())


def _delivered_through(field: str, **where) -> dict[int, list[Delivered]]:
    found: dict[int, list[Delivered]] = defaultdict(list)
    for kind in DELIVERING.ordered():
        for obj in kind.public().filter(**where).annotate(delivered_via=F(field)).order_by("pk"):
            found[obj.delivered_via].append(_delivered(obj))
    return found


def _any_linked(field: str, linked: Callable[[str], str]) -> RawSQL:
    """Whether anything registered links to what `linked(the link table's column)` names (payments: `field="payments"`,
    contracts: "contracts"), as SQL: an EXISTS per kind's link table. As subqueries of the ORM the test cost a page
    more Python to build than the query takes to run."""
    quote = connection.ops.quote_name
    tests = []
    for kind in DELIVERING.ordered():
        link = kind.model._meta.get_field(field)
        through = link.remote_field.through._meta
        table = quote(through.db_table)
        column = f"{table}.{quote(through.get_field(link.m2m_reverse_field_name()).column)}"
        # The models' own table and column names, quoted: no text from outside.
        tests.append(f"EXISTS(SELECT 1 FROM {table} {linked(column)})")  # noqa: S608
    return RawSQL(" OR ".join(tests) or "false", (), output_field=models.BooleanField())  # noqa: S611 (above)


def with_delivery_flag(records: QuerySet, field: str) -> QuerySet:
    """The records (payments: `field="payments"`, contracts: "contracts") each with `may_have_delivered`: whether
    anything registered links to it, read in the records' own query (an index probe per record shown), so that a
    page none of whose records is linked costs no query more. Visibility is asked after, of the linked ones."""
    meta = records.model._meta
    record_id = f"{connection.ops.quote_name(meta.db_table)}.{connection.ops.quote_name(meta.pk.column)}"
    return records.annotate(may_have_delivered=_any_linked(field, lambda column: f"WHERE {column} = {record_id}"))


def with_supplier_delivery_flag(suppliers: QuerySet) -> QuerySet:
    """The suppliers each with `may_have_delivered`: whether anything registered links to any payment to them, read
    in the suppliers' own query, so that the page of a supplier none of whose payments is linked asks no more
    (delivered_by_supplier asks one query per kind)."""
    from transparency.models import SpendingRecord, Supplier

    quote = connection.ops.quote_name
    payments = quote(SpendingRecord._meta.db_table)
    payment_id = f"{payments}.{quote(SpendingRecord._meta.pk.column)}"
    payment_supplier = f"{payments}.{quote(SpendingRecord._meta.get_field('supplier_slug').column)}"
    supplier = f"{quote(Supplier._meta.db_table)}.{quote(Supplier._meta.get_field('slug').column)}"

    def linked(column: str) -> str:
        return f"JOIN {payments} ON {payment_id} = {column} WHERE {payment_supplier} = {supplier}"

    return suppliers.annotate(may_have_delivered=_any_linked("payments", linked))


def delivered_by(field: str, ids: Iterable[int]) -> dict[int, list[Delivered]]:
    """What each of these payments (`field="payments"`), contracts ("contracts") or decisions ("decision")
    delivered, of what the public may see: one query per kind registered, whatever the number of ids."""
    ids = list(ids)
    return _delivered_through(field, **{f"{field}__in": ids}) if ids else {}


def delivered_by_supplier(slug: str) -> dict[int, list[Delivered]]:
    """What each payment to one supplier delivered, of what the public may see: one query per kind registered
    (few of a supplier's payments are linked, whatever the number it was paid)."""
    return _delivered_through("payments", payments__supplier_slug=slug)


def all_delivered(found: dict[int, list[Delivered]]) -> list[Delivered]:
    """Everything in a mapping of what each record delivered, once each, in order."""
    return list(dict.fromkeys(item for items in found.values() for item in items))


def delivery_prefetches(prefix: str = "") -> list[Prefetch]:
    """Prefetch what delivered each of a list of promises (`prefix` is the path to them, e.g. "delivery__"):
    the decision only while it is published, the contracts, and the payments (three queries in all)."""
    from transparency.models import Contract, Decision, SpendingRecord

    return [
        Prefetch(f"{prefix}decision", queryset=Decision.objects.published().only("title", "slug", "decision_date")),
        Prefetch(f"{prefix}contracts", queryset=Contract.objects.order_by("-start_date", "reference")),
        Prefetch(
            f"{prefix}payments",
            queryset=SpendingRecord.objects.order_by("-payment_date", "-pk").only(
                "payment_date", "beneficiary_name", "supplier_slug", "amount", "purpose"
            ),
        ),
    ]


class DeliveredByAdmin:
    """Mix into the admin, or the inline, of a model with `DeliveredBy`: the decision, contracts and payments are
    named by their numbers (a million payments are never listed in a select; the magnifying glass searches them),
    the decision is one of the staff member's own council's (a forged number is refused), and the linked
    contracts and payments are listed beside the numbers."""

    delivered_by_fields = ["decision", "contracts", "payments"]
    raw_id_fields = delivered_by_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "decision":
            from accounts.permissions import for_council_staff
            from transparency.models import Decision

            kwargs["queryset"] = for_council_staff(Decision.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(*delivery_prefetches()[1:])

    def delivered_by_summary(self, obj) -> str:
        """The linked contracts and payments in words (read from the prefetched rows)."""
        from django.utils.html import format_html_join

        if obj is None or obj.pk is None:
            return "—"
        lines = [(f"Contract {c.pk}: {c.reference}, {c.supplier_name}",) for c in obj.contracts.all()]
        lines += [
            (f"Payment {p.pk}: {p.payment_date:%d/%m/%Y}, {p.beneficiary_name}, {money(p.amount, pence=True)}",)
            for p in obj.payments.all()
        ]
        return format_html_join("", "<div>{}</div>", lines) or "None yet"

    delivered_by_summary.short_description = "linked contracts and payments"
