from django.contrib import admin, messages

from localism.admin_audit import AuditedModelAdmin
from localism.admin_readonly import NoAddOrDeleteMixin
from localism.numbers import counted
from notifications.models import Announcement, Notification, NotificationEvent, Subscription
from notifications.services import announcement_send, notifications_retry


@admin.register(Notification)
class NotificationAdmin(NoAddOrDeleteMixin, admin.ModelAdmin):
    """The outbox: what is queued, sent or failed (with the error); failed ones can be retried."""

    list_display = [
        "created_at",
        "recipient",
        "to_email",
        "kind",
        "channel",
        "status",
        "delivery",
        "attempts",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "channel", "delivery", "event__kind"]
    search_fields = ["key", "recipient__email", "to_email"]
    list_select_related = ["recipient", "event"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry_failed"]
    show_full_result_count = False

    @admin.display(description="Kind")
    def kind(self, obj):
        return obj.event.kind

    @admin.display(description="Error")
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description="Retry the selected failed emails and texts")
    def retry_failed(self, request, queryset):
        count = notifications_retry(notification_ids=list(queryset.values_list("id", flat=True)), by=request.user)
        self.message_user(request, f"{counted(count, 'failed message')} put back in the queue.", messages.SUCCESS)


@admin.register(NotificationEvent)
class NotificationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "key", "is_transactional"]
    list_filter = ["kind", "is_transactional"]
    search_fields = ["key"]
    readonly_fields = [f.name for f in NotificationEvent._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "target_type", "target_id", "created_at"]
    list_filter = ["target_type"]
    search_fields = ["user__email"]
    list_select_related = ["user", "target_type"]


@admin.register(Announcement)
class AnnouncementAdmin(AuditedModelAdmin):
    list_display = ["title", "created_at", "sent_at", "recipient_count"]
    filter_horizontal = ["places", "topics"]
    readonly_fields = ["sent_at", "sent_by", "recipient_count"]
    actions = ["send"]

    @admin.action(description="Email the selected announcements to their followers")
    def send(self, request, queryset):
        total = sum(announcement_send(announcement=a, by=request.user) for a in queryset)
        self.message_user(request, f"Queued {counted(total, 'email')}.", messages.SUCCESS)
