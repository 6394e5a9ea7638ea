"""The Django admin of accounts. Seeker records are read-only here: residents are registered
and edited at the desk (``/desk/``), which checks the staff member's centre and the rules
(duplicates, consents, age). Every admin page that shows a person's record writes the
access log like the desk does (:class:`AccessLoggedAdminMixin`). Personal files (résumé,
guardian document, scanned paper consent) live in the private storage, which has no URL:
the admin never shows a file widget or link for them (their widgets call ``storage.url``
and would fail), only the name and size (:func:`accounts.storage.private_file_label`).
Staff download them from the centre pages, which check who asks and write the access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AccessAction, Consent, SeekerProfile, StaffMembership, User
from .services.access_log import access_log_write, client_ip, mask_logged_name
from .storage import private_file_label


class AccessLoggedAdminMixin:
    """For admin pages of models that hold a person's data: the change list writes one
    ``search`` row (detail ``admin``, the search term masked, the ids of the people listed)
    and a change or view page one ``view`` row (detail ``admin``), as the desk's pages do
    (DESIGN.md "Privacy"). ``person_of(obj)`` gives the ``SeekerProfile`` of a row."""

    def person_of(self, obj) -> SeekerProfile | None:
        return obj

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            people = [self.person_of(obj) for obj in changelist.result_list]
            term = request.GET.get("q", "")
            access_log_write(
                staff=request.user,
                action=AccessAction.SEARCH,
                ip=client_ip(request),
                detail="admin",
                query=f"q={mask_logged_name(term)}" if term.strip() else "",
                listed_ids=list(dict.fromkeys(p.pk for p in people if p is not None)),
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original")
        person = self.person_of(obj) if obj is not None else None
        if person is not None:
            access_log_write(
                staff=request.user, action=AccessAction.VIEW, person=person, ip=client_ip(request), detail="admin"
            )
        return response


@admin.register(User)
class UserAdmin(AccessLoggedAdminMixin, DjangoUserAdmin):
    """Accounts are found by email or phone; there is no username. Pages showing a job
    seeker's account are access-logged for their seeker profile."""

    list_select_related = ["seeker_profile"]

    def person_of(self, obj: User) -> SeekerProfile | None:
        return getattr(obj, "seeker_profile", None)

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
class SeekerProfileAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    """Seeker records, read-only (the desk and the seeker's own pages change them, with
    their rules), each view access-logged. The résumé and guardian document are never file
    widgets (private files): their names and sizes are shown."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
