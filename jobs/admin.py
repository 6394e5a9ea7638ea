from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import AccessLoggedAdminMixin
from accounts.storage import private_file_label

from .models import Application, JobPosting, JobPostingRevision, PostingEvent


class ReadOnlyInline(admin.TabularInline):
    """History rows are written by the lifecycle services only; the admin shows them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RevisionInline(ReadOnlyInline):
    model = JobPostingRevision
    fields = ["number", "status", "created_by", "created_at", "decided_by", "decided_at", "reason"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = PostingEvent
    fields = ["at", "kind", "from_status", "to_status", "actor", "revision", "reason"]
    readonly_fields = fields


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "employer", "status", "deadline", "source", "date_posted"]
    list_filter = ["status", "source", "entry_channel", "employment_type", "dong"]
    search_fields = ["title", "employer__name", "external_id"]
    raw_id_fields = ["employer", "created_by", "published_by", "current_revision"]
    readonly_fields = ["law_flags", "wage_hourly", "submitted_at"]
    list_select_related = ["employer"]
    date_hierarchy = "date_posted"
    inlines = [RevisionInline, EventInline]


@admin.register(Application)
class ApplicationAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    """Applications (each holds the profile as sent: views are access-logged for the
    seeker). The résumé copy sent with one is a private file (no URL): shown as name and
    size only, never as a file widget or link."""

    def person_of(self, obj: Application):
        return obj.seeker

    list_display = ["id", "posting", "seeker", "channel", "status", "created_at"]
    list_filter = ["status", "channel"]
    raw_id_fields = ["posting", "revision", "seeker"]
    list_select_related = ["posting", "seeker"]
    exclude = ["resume"]
    readonly_fields = ["resume_file", "resume_name", "resume_format"]

    @admin.display(description=_("보낸 이력서 파일"))
    def resume_file(self, obj: Application) -> str:
        return private_file_label(obj.resume, obj.resume_name)
