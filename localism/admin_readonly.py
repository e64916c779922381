"""What staff may not do in the admin to rows that only the services write."""

from __future__ import annotations

from django.contrib import admin


class NoAddOrDeleteMixin:
    """Rows that people send in (comments, petitions, proposals, nominations) or the portal writes: staff act on
    them through the admin's actions, which call the services, but never add or delete one here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(NoAddOrDeleteMixin):
    """Rows kept as a record (the audit trail, moderation history, imported data, paper counts): read only."""

    def has_change_permission(self, request, obj=None):
        return False


class RecordInline(ReadOnlyMixin, admin.TabularInline):
    """A record's history or papers shown on its page (`fields`, all read only): never added, changed or deleted."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class LockedInlineMixin:
    """An inline whose rows stop changing once what people sent depends on them (a survey's questions once it
    has responses, a budget simulator's steps once it has budgets): set `is_locked(obj)` on the inline."""

    def is_locked(self, obj) -> bool:
        return False

    def _locked(self, obj) -> bool:
        return obj is not None and self.is_locked(obj)

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)
