"""The Django admin of accounts. Personal files (résumé, guardian document, scanned paper
consent) live in the private storage, which has no URL: the admin never shows a file widget
or link for them (their widgets call ``storage.url`` and would fail), only the name and size
(:func:`accounts.storage.private_file_label`). Staff download them from the centre pages,
which check who asks and write the access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Consent, SeekerProfile, StaffMembership, User
from .storage import private_file_label


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


class ConsentInline(admin.TabularInline):
    """A person's consents, read-only (they are proof: given and withdrawn through
    ``accounts.services``); the paper scan shows as name and size only."""

    model = Consent
    extra = 0
    can_delete = False
    fields = [
        "purpose",
        "version",
        "method",
        "given_at",
        "taken_by",
        "paper_form_version",
        "paper_signed_on",
        "paper_scan_file",
        "withdrawn_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("동의서 스캔"))
    def paper_scan_file(self, obj: Consent) -> str:
        return private_file_label(obj.paper_scan, _("서면 동의서 스캔"))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SeekerProfile)
class SeekerProfileAdmin(admin.ModelAdmin):
    """Seeker records. The résumé and guardian document are not editable here (no file
    widgets for private files): their names and sizes are shown read-only."""

    list_display = ["id", "name", "birth_year", "home_dong", "registered_centre", "erased_at"]
    list_filter = ["registered_centre"]
    search_fields = ["name"]
    raw_id_fields = ["user", "registered_by"]
    exclude = ["resume", "guardian_document"]
    readonly_fields = [
        "resume_file",
        "resume_name",
        "resume_format",
        "resume_size",
        "resume_uploaded_at",
        "guardian_document_file",
    ]
    inlines = [ConsentInline]

    @admin.display(description=_("이력서 파일"))
    def resume_file(self, obj: SeekerProfile) -> str:
        return private_file_label(obj.resume, obj.resume_name)

    @admin.display(description=_("보호자 동의서"))
    def guardian_document_file(self, obj: SeekerProfile) -> str:
        return private_file_label(obj.guardian_document, _("보호자 동의서"))
