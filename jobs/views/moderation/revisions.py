"""Review of a pending revision of a published posting, and the decisions on it."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.mixins import DistrictStaffRequiredMixin

from ...choices import RevisionStatus
from ...forms.moderation import RejectForm
from ...models import JobPostingRevision
from ...services.lifecycle import revision_approve, revision_reject
from ...services.revisions import EDITABLE_FIELDS, snapshot
from .decisions import DecisionMixin, decision_forms
from .display import field_label, flag_rows, format_value, reference_names, status_notice


class RevisionReviewView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/revisions/<pk>/``: a pending revision of a published posting as a table of
    the changed fields, live value → proposed value in plain Korean, with its hiring-law flags
    and the forms to approve or reject it. A decided revision is shown read-only against the
    approved version before it."""

    template_name = "jobs/moderation/revision_review.html"

    def get_revision(self) -> JobPostingRevision:
        """The revision with its posting, employer and people joined."""
        return get_object_or_404(
            JobPostingRevision.objects.select_related("posting__employer", "created_by", "decided_by"),
            pk=self.kwargs["pk"],
        )

    def _baseline(self, revision: JobPostingRevision) -> tuple[dict, str]:
        """What the revision is compared with: the live posting while it is pending, else the
        approved revision before it (empty for the first)."""
        if revision.status == RevisionStatus.PENDING:
            return snapshot(revision.posting), _("게시 중인 내용")
        previous = (
            revision.posting.revisions.filter(status=RevisionStatus.APPROVED, number__lt=revision.number)
            .order_by("-number")
            .first()
        )
        if previous is None:
            return {}, _("이전 판")
        return previous.data, _("이전 판 (%(number)d판)") % {"number": previous.number}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        revision = self.get_revision()
        posting = revision.posting
        baseline, baseline_label = self._baseline(revision)
        data = revision.data or {}
        changed = [name for name in EDITABLE_FIELDS if name in data and data[name] != baseline.get(name)]
        names = reference_names([baseline, data])
        flags = revision.law_flags or []
        rows = [
            {
                "name": name,
                "label": field_label(name),
                "old": format_value(name, baseline.get(name), names),
                "new": format_value(name, data.get(name), names, flags),
            }
            for name in changed
        ]
        reviewable = revision.status == RevisionStatus.PENDING
        posting_open = posting.is_open()
        ctx.update(
            revision=revision,
            posting=posting,
            rows=rows,
            baseline_label=baseline_label,
            flags=flag_rows(flags),
            reviewable=reviewable,
            status_notice="" if reviewable else status_notice(_(revision.get_status_display())),
            posting_open=posting_open,
            can_approve=reviewable and posting_open,
            events=revision.events.select_related("actor").order_by("at", "id"),
            **decision_forms(kwargs),
        )
        return ctx


class RevisionApproveView(DecisionMixin, RevisionReviewView):
    """POST ``/moderation/revisions/<pk>/approve/``: :func:`revision_approve` (the proposed
    values replace the live posting's)."""

    def decide(self, form) -> str:
        revision = self.get_revision()
        posting = revision_approve(
            revision=revision, by=self.request.user, flags_checked=form.cleaned_data["flags_checked"]
        )
        return _("‘%(title)s’ 공고의 수정본을 승인했습니다. 바뀐 내용이 바로 게시됩니다. 처리 기록에 남았습니다.") % {
            "title": posting.title  # the title now live
        }


class RevisionRejectView(DecisionMixin, RevisionReviewView):
    """POST ``/moderation/revisions/<pk>/reject/``: :func:`revision_reject` with the reason
    (required); the live posting stays as it was."""

    form_class = RejectForm
    form_name = "reject_form"

    def decide(self, form) -> str:
        revision = self.get_revision()
        revision_reject(revision=revision, by=self.request.user, reason=form.cleaned_data["reason"])
        return _("‘%(title)s’ 공고의 수정본을 반려했습니다. 게시 중인 내용은 그대로입니다. 처리 기록에 남았습니다.") % {
            "title": revision.posting.title
        }
