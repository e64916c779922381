"""People: residents, community group members and staff, who sign in with their email."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from localism.fields import council_link
from localism.models import Place, Topic


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    class EmailFrequency(models.TextChoices):
        INSTANT = "instant", "As it happens"
        DAILY = "daily", "Once a day (daily digest)"
        WEEKLY = "weekly", "Once a week (weekly digest)"
        OFF = "off", "Never (only emails about my own contributions)"

    email = models.EmailField("email address", max_length=254, unique=True)
    display_name = models.CharField(
        max_length=60, blank=True, help_text="Shown beside your comments. You can use a nickname."
    )
    home_postcode = models.CharField(max_length=8, blank=True)
    home_place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="residents")
    interests = models.ManyToManyField(Topic, blank=True, related_name="interested_users")
    email_frequency = models.CharField(max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.DAILY)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can use the staff admin (with two-factor authentication)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    council = council_link(
        "staff",
        verbose_name="staff of council",
        help_text="Staff of one council (a district officer, a parish clerk) act only on that council's "
        "consultations, budgeting rounds, decisions, nominations and comments. Leave blank for the "
        "county's portal team, who act for every council.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_unique_email_ci")]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """What other people see: the display name, never the email address."""
        return self.display_name or "Resident"

    def clear_staff_roles(self) -> None:
        """No staff or superuser role any more (saved by the caller)."""
        self.is_staff = False
        self.is_superuser = False
        self.council = None

    def has_perm(self, perm: str, obj=None) -> bool:
        """A rule registered with django-rules is its predicates' answer alone.

        Django lets an active superuser through every permission before asking any rule; the
        project's rules give staff their powers through `is_staff_member`, which also asks for
        two-factor authentication, so a superuser's password alone opens nothing on the site.
        """
        if rules.perm_exists(perm):
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email
