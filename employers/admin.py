from django.contrib import admin

from .models import Certification, Employer, EmployerMember


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class EmployerMemberInline(admin.TabularInline):
    model = EmployerMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "brn", "dong", "verification_status", "created_at"]
    list_filter = ["verification_status", "dong"]
    search_fields = ["name", "brn"]
    inlines = [CertificationInline, EmployerMemberInline]
    readonly_fields = ["verified_at", "verified_by"]
