from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import SeekerProfile, StaffMembership, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are found by email or phone; there is no username."""

    ordering = ["-date_joined"]
    list_display = ["id", "email", "phone", "name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "phone", "name"]
    fieldsets = [
        (None, {"fields": ["email", "phone", "name", "password"]}),
        ("확인", {"fields": ["email_verified_at", "phone_verified_at"]}),
        ("권한", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("기록", {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "phone", "name", "password1", "password2"]})]


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "centre", "role", "is_active"]
    list_filter = ["centre__kind", "role", "is_active"]
    autocomplete_fields = ["user"]


@admin.register(SeekerProfile)
class SeekerProfileAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "birth_year", "home_dong", "registered_centre", "erased_at"]
    list_filter = ["registered_centre"]
    search_fields = ["name"]
    raw_id_fields = ["user", "registered_by"]
