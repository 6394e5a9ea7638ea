from django.contrib import admin

from .models import Certification, Employer, EmployerMember, VerificationDecision


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class EmployerMemberInline(admin.TabularInline):
    model = EmployerMember
    extra = 0
    raw_id_fields = ["user"]


class VerificationDecisionInline(admin.TabularInline):
    """Decisions are recorded by ``employers.services``; the admin only shows them."""

    model = VerificationDecision
    extra = 0
    can_delete = False
    fields = ["decided_at", "decision", "reason", "decided_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "brn", "dong", "verification_status", "created_at"]
    list_filter = ["verification_status", "dong"]
    search_fields = ["name", "brn"]
    inlines = [CertificationInline, EmployerMemberInline, VerificationDecisionInline]
    readonly_fields = ["verified_at", "verified_by", "registered_by"]
