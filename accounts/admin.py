from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import User


class StaffUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class StaffUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = StaffUserCreationForm
    form = StaffUserChangeForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "council", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "council", "is_active", "email_frequency"]
    list_select_related = ["council"]
    search_fields = ["email", "display_name"]
    autocomplete_fields = ["home_place"]
    filter_horizontal = ["groups", "user_permissions", "interests"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name", "home_postcode", "home_place", "interests", "email_frequency"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "council", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]})]

    # Staff roles and the council a member of staff acts for are the county team's to give: staff of one
    # council could otherwise widen their own powers.
    staff_role_fields = ["is_staff", "council", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("accounts.assign_staff_council"):
            fields += self.staff_role_fields
        return fields
