"""Verification of an employer's registration, and the decisions on it."""

from django.db.models import Count, F
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.identifiers import format_mobile
from accounts.mixins import DistrictStaffRequiredMixin
from employers.models import Employer
from employers.services import employer_verify
from employers.services.verification import employer_fingerprint

from ...choices import PostingStatus
from ...forms.moderation import RejectForm
from ...models import today_kst
from ...services.lifecycle import employer_reject_closing_postings
from .decisions import DecisionMixin, decision_forms


class EmployerReviewView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/employers/<pk>/``: an employer's registration (brn, name, representative,
    address, industry, headcount, certifications, members, who registered it and when), its
    postings waiting for review, earlier decisions, and the forms to verify or reject it."""

    template_name = "jobs/moderation/employer_review.html"

    def get_employer(self) -> Employer:
        """The employer (imported ones are 404), with what the page shows joined."""
        return get_object_or_404(
            Employer.objects.exclude(verification_status=Employer.Verification.EXTERNAL).select_related(
                "dong", "registered_by", "verified_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        employer = self.get_employer()
        today = today_kst()
        status = employer.verification_status
        can_verify = status in (Employer.Verification.PENDING, Employer.Verification.REJECTED) and bool(employer.brn)
        can_reject = status in (Employer.Verification.PENDING, Employer.Verification.VERIFIED)
        # owners ("owner") before other members ("member")
        members = list(employer.memberships.select_related("user").order_by("-role", "created_at"))
        for member in members:
            member.phone_display = format_mobile(member.user.phone) if member.user.phone else ""
        certifications = list(employer.certifications.order_by("type", "id"))
        for cert in certifications:
            cert.valid_today = cert.is_valid_on(today)
        ctx.update(
            employer=employer,
            today=today,
            pending=status == Employer.Verification.PENDING,
            can_verify=can_verify,
            can_reject=can_reject,
            certifications=certifications,
            members=members,
            waiting=list(
                employer.postings.filter(status=PostingStatus.SUBMITTED).order_by(
                    F("submitted_at").asc(nulls_first=True), "id"
                )
            ),
            posting_counts=[
                (_(PostingStatus(status).label), n)
                for status, n in employer.postings.order_by("status").values_list("status").annotate(n=Count("id"))
            ],
            decisions=employer.decisions.select_related("decided_by").order_by("decided_at", "id"),
            **decision_forms(kwargs, "verify_form"),
            seen=employer_fingerprint(employer),
        )
        return ctx


class EmployerVerifyView(DecisionMixin, EmployerReviewView):
    """POST ``/moderation/employers/<pk>/verify/``: :func:`employers.services.employer_verify`;
    the employer's postings waiting for review can then be approved."""

    form_name = "verify_form"
    error_model = Employer

    def decide(self, form) -> str:
        employer = self.get_employer()
        employer_verify(employer=employer, by=self.request.user, seen=form.cleaned_data["seen"] or "-")
        waiting = employer.postings.filter(status=PostingStatus.SUBMITTED).count()
        message = _("‘%(name)s’ 기업을 확인했습니다. 처리 기록에 남았습니다.") % {"name": employer.name}
        if waiting:
            message += " " + _("검토를 기다리는 이 기업의 공고 %(n)d건을 이제 승인할 수 있습니다.") % {"n": waiting}
        return message


class EmployerRejectView(DecisionMixin, EmployerReviewView):
    """POST ``/moderation/employers/<pk>/reject/``: :func:`employers.services.employer_reject`
    with the reason (required)."""

    form_class = RejectForm
    form_name = "reject_form"
    error_model = Employer

    def decide(self, form) -> str:
        employer = self.get_employer()
        closed = employer_reject_closing_postings(
            employer=employer, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        message = _(
            "‘%(name)s’ 기업을 반려했습니다. 기업 담당자가 사유를 보고 고쳐서 다시 신청할 수 있습니다. "
            "처리 기록에 남았습니다."
        ) % {"name": employer.name}
        if closed:
            message += " " + _("게시 중이던 이 기업의 공고 %(n)d건을 마감했습니다.") % {"n": closed}
        return message
