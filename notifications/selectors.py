"""Reads: who follows what."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from notifications.models import Subscription
from notifications.registry import can_follow


def _target_q(objs) -> Q:
    condition = Q(pk__in=[])
    for obj in objs:
        if obj is None:
            continue
        ct = ContentType.objects.get_for_model(obj)
        condition |= Q(target_type=ct, target_id=str(obj.pk))
    return condition


def followers_of(*objs: models.Model) -> QuerySet:
    """Active people following any of the objects (a place, topic, consultation, organisation, ...)."""
    subscriptions = Subscription.objects.filter(_target_q(objs)).values("user_id")
    return get_user_model().objects.filter(is_active=True, pk__in=subscriptions)


def is_following(user, obj: models.Model) -> bool:
    if not user.is_authenticated:
        return False
    return Subscription.objects.filter(_target_q([obj]), user=user).exists()


def subscriptions_of(user) -> list[dict]:
    """What a person follows and may still see, each with the object (one query per kind of object)."""
    rows = list(Subscription.objects.filter(user=user).select_related("target_type"))
    by_type: dict[int, list[Subscription]] = {}
    for row in rows:
        by_type.setdefault(row.target_type_id, []).append(row)
    found = {}
    for type_id, subs in by_type.items():
        model = subs[0].target_type.model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=[s.target_id for s in subs]):
            found[(type_id, str(obj.pk))] = obj
    return [
        {"subscription": row, "object": found[(row.target_type_id, row.target_id)]}
        for row in rows
        if (row.target_type_id, row.target_id) in found
        and can_follow(user, found[(row.target_type_id, row.target_id)])
    ]
