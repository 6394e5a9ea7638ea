"""``/moderation/``: what waits for district staff."""

from django.db.models import Count, F, Q
from django.views.generic import TemplateView

from accounts.mixins import DistrictStaffRequiredMixin
from employers.models import Employer

from ...choices import PostingStatus, RevisionStatus
from ...models import JobPosting, JobPostingRevision, today_kst
from ...services.revisions import EDITABLE_FIELDS, snapshot


class ModerationQueueView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/``: what waits for district staff, oldest first: postings submitted for
    review (with the employer's verification status and the number of hiring-law flags),
    pending revisions of published postings, and employers waiting for verification."""

    template_name = "jobs/moderation/queue.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = today_kst()
        postings = list(
            JobPosting.objects.direct()
            .filter(status=PostingStatus.SUBMITTED)
            .select_related("employer")
            .order_by(F("submitted_at").asc(nulls_first=True), "id")
        )
        revisions = list(
            JobPostingRevision.objects.filter(status=RevisionStatus.PENDING)
            .select_related("posting__employer", "created_by")
            .order_by("created_at", "id")
        )
        for revision in revisions:
            live = snapshot(revision.posting)
            revision.changed_count = sum(
                1 for name in EDITABLE_FIELDS if name in revision.data and revision.data[name] != live[name]
            )
            revision.posting_open = revision.posting.is_open(today)
        employers = list(
            Employer.objects.awaiting_verification()
            .select_related("dong", "registered_by")
            .annotate(waiting_count=Count("postings", filter=Q(postings__status=PostingStatus.SUBMITTED)))
            .order_by("created_at", "id")
        )
        ctx.update(postings=postings, revisions=revisions, employers=employers, today=today)
        return ctx
