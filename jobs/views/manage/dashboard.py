"""``/manage/``: the user's postings grouped by status."""

import itertools

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from employers.models import Employer

from ...choices import ApplicationStatus, PostingStatus, RevisionStatus
from ...models import JobPosting, JobPostingRevision, today_kst
from ...services.lifecycle import allowed_actions
from .access import ManageAccessMixin
from .display import status_label

GROUP_DRAFT, GROUP_SUBMITTED, GROUP_REJECTED, GROUP_OPEN, GROUP_CLOSED = 1, 2, 3, 4, 5

#: Dashboard groups in display order: (number, query-string key, heading).
GROUPS = (
    (GROUP_DRAFT, "draft", gettext_lazy("작성 중")),
    (GROUP_SUBMITTED, "submitted", gettext_lazy("검토 중")),
    (GROUP_REJECTED, "rejected", gettext_lazy("반려")),
    (GROUP_OPEN, "published", gettext_lazy("게시 중")),
    (GROUP_CLOSED, "closed", gettext_lazy("마감 · 채용 완료 · 기한 만료")),
)
GROUP_BY_KEY = {key: number for number, key, _label in GROUPS}


def status_group(today):
    """A ``Case`` giving each posting its dashboard group; a published posting past its
    deadline counts as closed even before the expiry task has run."""
    return Case(
        When(status=PostingStatus.DRAFT, then=Value(GROUP_DRAFT)),
        When(status=PostingStatus.SUBMITTED, then=Value(GROUP_SUBMITTED)),
        When(status=PostingStatus.REJECTED, then=Value(GROUP_REJECTED)),
        When(
            Q(status=PostingStatus.PUBLISHED) & (Q(deadline__isnull=True) | Q(deadline__gte=today)),
            then=Value(GROUP_OPEN),
        ),
        default=Value(GROUP_CLOSED),
        output_field=IntegerField(),
    )


class DashboardView(ManageAccessMixin, TemplateView):
    """``/manage/``: the user's postings grouped by status, 20 a page, each with its
    applicant count (withdrawn applications excluded; one query for the page; a link to the
    applicants for the user's own employers' postings), deadline, a
    pending-revision marker, the rejection reason and its actions.

    Employer members see their employers' postings (``?employer=<pk>`` narrows to one when
    they belong to several); centre staff those their centre entered; district staff every
    direct posting. ``?status=draft|submitted|rejected|published|closed`` filters a group.
    """

    template_name = "jobs/manage/dashboard.html"

    def get_queryset(self, today):
        user = self.request.user
        pending = JobPostingRevision.objects.filter(posting=OuterRef("pk"), status=RevisionStatus.PENDING)
        return (
            JobPosting.objects.manageable_by(user)
            .select_related("employer", "centre")
            .annotate(
                group=status_group(today),
                applicant_count=Count("applications", filter=~Q(applications__status=ApplicationStatus.WITHDRAWN)),
                has_pending_revision=Exists(pending),
            )
            .order_by("group", "-updated_at", "-id")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = today_kst()
        member_employers = list(Employer.objects.with_member(user).exclude(verification_status="external"))
        qs = self.get_queryset(today)

        employer = None
        raw_employer = self.request.GET.get("employer", "")
        if raw_employer.isdigit():
            employer = next((e for e in member_employers if e.pk == int(raw_employer)), None)
        if employer is not None:
            qs = qs.filter(employer=employer)
        status_key = self.request.GET.get("status", "")
        if status_key in GROUP_BY_KEY:
            qs = qs.filter(group=GROUP_BY_KEY[status_key])
        else:
            status_key = ""

        paginator = Paginator(qs, settings.NJ_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        labels = {number: label for number, _key, label in GROUPS}
        rows = list(page.object_list)
        member_ids = {e.pk for e in member_employers}
        for posting in rows:
            posting.status_text = status_label(posting, today)
            posting.shows_applicants = posting.employer_id in member_ids  # the employer's pages only
            actions = allowed_actions(posting, self.request.user, today=today)
            posting.can_edit, posting.can_submit, posting.can_close = (
                a in actions for a in ("edit", "submit", "close")
            )
        groups = [
            {"label": labels[number], "postings": list(items)}
            for number, items in itertools.groupby(rows, key=lambda p: p.group)
        ]
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            today=today,
            page_obj=page,
            groups=groups,
            member_employers=member_employers,
            unverified_employers=[
                e for e in member_employers if e.verification_status != Employer.Verification.VERIFIED
            ],
            selected_employer=employer,
            status_key=status_key,
            status_options=[(key, label) for _number, key, label in GROUPS],
            querystring=query.urlencode(),
            filtered=bool(employer or status_key),
            is_centre_staff=user.is_centre_staff,
            is_district_staff=user.is_district_staff,
        )
        return ctx
