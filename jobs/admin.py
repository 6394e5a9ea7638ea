from django.contrib import admin

from .models import JobPosting


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "employer", "status", "deadline", "source", "date_posted"]
    list_filter = ["status", "source", "employment_type", "dong"]
    search_fields = ["title", "employer__name", "external_id"]
    raw_id_fields = ["employer", "created_by"]
    list_select_related = ["employer"]
    date_hierarchy = "date_posted"
