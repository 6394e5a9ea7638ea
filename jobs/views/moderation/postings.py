"""Review of a posting submitted for review, and the decisions on it."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.mixins import DistrictStaffRequiredMixin
from employers.models import Employer

from ...choices import PostingStatus, RevisionStatus
from ...forms.moderation import RejectForm
from ...models import JobPosting, today_kst
from ...services.lifecycle import posting_approve, posting_reject, publication_errors
from ...services.revisions import content_fingerprint, snapshot
from .decisions import DecisionMixin, decision_forms
from .display import (
    POSTING_EXTRA_FIELDS,
    field_label,
    flag_rows,
    flagged_phrases,
    format_value,
    highlight,
    status_notice,
)


class PostingReviewView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/postings/<pk>/``: a posting submitted for review as the public would see
    it, with its hiring-law flags (phrase, topic, article), what it still lacks before it can
    be published, the employer's verification status, its event history, and the forms to
    approve or reject it. Other postings entered here are shown read-only with a notice."""

    template_name = "jobs/moderation/posting_review.html"

    def get_posting(self) -> JobPosting:
        """The posting (entered here, not imported), with what the page shows joined."""
        return get_object_or_404(
            JobPosting.objects.direct()
            .select_related(
                "employer__dong",
                "employer__registered_by",
                "dong",
                "occupation",
                "created_by",
                "centre",
                "published_by",
            )
            .prefetch_related("employer__certifications"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        posting = self.get_posting()
        today = today_kst()
        employer = posting.employer
        reviewable = posting.status == PostingStatus.SUBMITTED
        employer_verified = employer.verification_status == Employer.Verification.VERIFIED
        missing = [{"label": field_label(name), "messages": msgs} for name, msgs in publication_errors(posting).items()]
        flags = posting.law_flags or []
        data = snapshot(posting)
        names = {
            "occupation": {posting.occupation_id: str(posting.occupation)} if posting.occupation else {},
            "dong": {posting.dong_id: posting.dong.name} if posting.dong else {},
        }
        ctx.update(
            posting=posting,
            employer=employer,
            today=today,
            reviewable=reviewable,
            status_notice="" if reviewable else status_notice(_(posting.get_status_display())),
            employer_verified=employer_verified,
            can_approve=reviewable and employer_verified and not missing,
            missing=missing,
            flags=flag_rows(flags),
            title_html=highlight(posting.title, flagged_phrases(flags, "title")),
            description_html=highlight(posting.description, flagged_phrases(flags, "description")),
            preferred_html=highlight(
                posting.preferred_qualifications, flagged_phrases(flags, "preferred_qualifications")
            ),
            extra_rows=[
                {"label": field_label(name), "value": format_value(name, data[name], names)}
                for name in POSTING_EXTRA_FIELDS
            ],
            certifications=employer.certifications_valid_on(today),
            events=posting.events.select_related("actor", "revision").order_by("at", "id"),
            pending_revision=posting.revisions.filter(status=RevisionStatus.PENDING).first(),
            **decision_forms(kwargs),
            seen=content_fingerprint(posting),
        )
        return ctx


class PostingApproveView(DecisionMixin, PostingReviewView):
    """POST ``/moderation/postings/<pk>/approve/``: :func:`posting_approve`. Refused (unverified
    employer, missing fields, not under review…): the review page again with the reason."""

    def decide(self, form) -> str:
        posting = self.get_posting()
        posting_approve(
            posting=posting,
            by=self.request.user,
            seen=form.cleaned_data["seen"] or "-",  # a form without it is stale by definition
            flags_checked=form.cleaned_data["flags_checked"],
        )
        return _("‘%(title)s’ 공고를 승인했습니다. 지금부터 일자리 찾기에 보입니다. 처리 기록에 남았습니다.") % {
            "title": posting.title
        }


class PostingRejectView(DecisionMixin, PostingReviewView):
    """POST ``/moderation/postings/<pk>/reject/``: :func:`posting_reject` with the reason
    (required); the employer can then edit the posting and ask again."""

    form_class = RejectForm
    form_name = "reject_form"

    def decide(self, form) -> str:
        posting = self.get_posting()
        posting_reject(posting=posting, by=self.request.user, reason=form.cleaned_data["reason"])
        return _(
            "‘%(title)s’ 공고를 반려했습니다. 기업 담당자가 사유를 보고 고쳐서 다시 요청할 수 있습니다. "
            "처리 기록에 남았습니다."
        ) % {"title": posting.title}
