"""Manage pages (``/manage/``): the employer dashboard, the posting form and the posting
lifecycle actions, for employer members and community-centre staff.

Every posting is looked up through ``JobPosting.objects.manageable_by(request.user)``, so
another employer's or another centre's posting is a 404; anonymous visitors are sent to the
login page. The rules of each transition live in ``jobs.services.lifecycle``: these views call
the services, show their Korean messages, and turn ``PermissionDenied`` into 403.
"""

import itertools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from employers.models import Employer

from ..choices import (
    ApplicationStatus,
    ApplyMethod,
    Benefit,
    CareerType,
    Education,
    EmploymentType,
    EntryChannel,
    PostingEventKind,
    PostingStatus,
    PriorityGroup,
    RevisionStatus,
    Shift,
    WageType,
    Weekday,
)
from ..forms import FIELD_LABELS, JobPostingForm
from ..models import CLOSED_STATUSES, JobPosting, JobPostingRevision, today_kst
from ..services import (
    posting_close,
    posting_duplicate,
    posting_mark_filled,
    posting_publish_direct,
    posting_submit,
    posting_withdraw,
)
from ..services.lifecycle import EDITABLE_STATUSES, STAFF_ENTRY_CHANNELS
from ..services.revisions import apply_snapshot, changed_fields, snapshot

# ---- dashboard groups ------------------------------------------------------------------------

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


def status_label(posting: JobPosting, today=None) -> str:
    """The status in plain Korean; a published posting past its deadline is
    "마감 (기한 만료)" even before the expiry task has run."""
    if posting.status == PostingStatus.PUBLISHED and not posting.is_open(today):
        return _("마감 (기한 만료)")
    return _(PostingStatus(posting.status).label)


def next_step(posting: JobPosting, user, today=None) -> str:
    """What happens next for a posting in its state, in plain Korean."""
    status = posting.status
    staff_entry = posting.entry_channel in STAFF_ENTRY_CHANNELS
    if status == PostingStatus.DRAFT:
        text = _(
            "아직 공개되지 않았습니다. 내용을 모두 채운 뒤 '검토 요청'을 누르면 구청 일자리센터가 확인하고 게시합니다."
        )
        if staff_entry and user.is_centre_staff:
            text += " " + _("전화·서면으로 받은 공고는 센터 직원이 '바로 게시'할 수도 있습니다.")
        return text
    if status == PostingStatus.SUBMITTED:
        return _(
            "구청 일자리센터가 검토하고 있습니다. 승인되면 바로 게시되고, 고칠 점이 있으면 사유와 함께 "
            "반려됩니다. 지금 고치려면 '검토 요청 취소'를 누르세요."
        )
    if status == PostingStatus.REJECTED:
        return _("반려되었습니다. 아래 사유를 확인하고 공고를 고친 뒤 다시 검토를 요청해 주세요.")
    if status == PostingStatus.PUBLISHED and posting.is_open(today):
        return _(
            "게시 중입니다. 구직자가 보고 지원할 수 있습니다. 내용을 고치면 검토를 거쳐 반영되고, "
            "그동안에는 지금 게시된 내용이 그대로 보입니다."
        )
    if status == PostingStatus.FILLED:
        return _(
            "채용 완료로 표시했습니다. 더는 지원을 받지 않습니다. 같은 일자리를 다시 뽑으려면 복사해서 새로 올리세요."
        )
    return _("마감되어 더는 지원을 받지 않습니다. 같은 일자리를 다시 뽑으려면 복사해서 새로 올리세요.")


def can_use_manage(user) -> bool:
    """Employer members and community-centre staff may use the manage pages."""
    return user.is_authenticated and (user.is_centre_staff or Employer.objects.with_member(user).exists())


# ---- value display (revision differences) ----------------------------------------------------

_CHOICE_ENUMS = {
    "employment_type": EmploymentType,
    "wage_type": WageType,
    "education_min": Education,
    "career_type": CareerType,
}
_ARRAY_ENUMS = {
    "work_days": Weekday,
    "shifts": Shift,
    "priority_groups": PriorityGroup,
    "benefits": Benefit,
    "apply_methods": ApplyMethod,
}


def field_display(posting: JobPosting, name: str) -> str:
    """The value of editable field ``name`` of ``posting`` as shown to a person."""
    value = getattr(posting, name)
    if name in _CHOICE_ENUMS:
        enum = _CHOICE_ENUMS[name]
        return _(enum(value).label) if value in enum.values else (value or "-")
    if name in _ARRAY_ENUMS:
        enum = _ARRAY_ENUMS[name]
        return ", ".join(_(enum(v).label) for v in enum.values if v in value) or "-"
    if name == "occupation":
        return value.name if value else "-"
    if name == "dong":
        return value.name if value else _("남동구 외 또는 고르지 않음")
    if name == "deadline":
        return date_format(value, _("Y년 n월 j일")) if value else _("채용 시까지")
    if name in ("start_time", "end_time"):
        return value.strftime("%H:%M") if value else "-"
    if name in ("wage_min", "wage_max"):
        return _("%(amount)s원") % {"amount": f"{value:,}"} if value is not None else "-"
    if value is None or value == "":
        return "-"
    return str(value)


def _labels(enum, codes) -> list[tuple[str, str]]:
    return [(v, _(enum(v).label)) for v in enum.values if v in (codes or [])]


def revision_changes(posting: JobPosting, revision: JobPostingRevision) -> list[dict]:
    """The fields a pending revision changes: ``{"label", "old", "new"}`` each."""
    names = changed_fields(posting, revision.data)
    if not names:
        return []
    candidate = JobPosting(employer=posting.employer)
    apply_snapshot(candidate, snapshot(posting))
    apply_snapshot(candidate, revision.data)
    return [
        {
            "name": n,
            "label": FIELD_LABELS.get(n, n),
            "old": field_display(posting, n),
            "new": field_display(candidate, n),
        }
        for n in names
    ]


def error_messages(exc: ValidationError) -> list[str]:
    """A service's ``ValidationError`` as lines for the messages framework, each keyed
    message prefixed with its field's label ("모집인원: 모집인원을 적어 주세요.")."""
    if hasattr(exc, "error_dict"):
        lines = []
        for field, errors in exc.error_dict.items():
            label = FIELD_LABELS.get(field)
            for error in errors:
                for text in error.messages:
                    lines.append(f"{label}: {text}" if label else text)
        return lines
    return list(exc.messages)


def law_flag_message(flags: list[dict]) -> str:
    """The warning shown after saving text with hiring-law flags."""
    return ngettext(
        "채용 관련 법령에 어긋날 수 있는 표현이 %(count)d곳 있습니다. 구청 일자리센터가 검토합니다. "
        "아래 '법령 검토가 필요한 표현'을 확인해 주세요.",
        "채용 관련 법령에 어긋날 수 있는 표현이 %(count)d곳 있습니다. 구청 일자리센터가 검토합니다. "
        "아래 '법령 검토가 필요한 표현'을 확인해 주세요.",
        len(flags),
    ) % {"count": len(flags)}


# ---- mixins ------------------------------------------------------------------------------------


class ManageAccessMixin(UserPassesTestMixin):
    """Signed-in employer members and centre staff; anonymous visitors go to the login page,
    anyone else (e.g. a seeker) gets 403."""

    def test_func(self) -> bool:
        return can_use_manage(self.request.user)


class ManagedPostingMixin(LoginRequiredMixin):
    """Views of one posting: looked up among the postings the user may manage, so anyone
    else's posting is a 404."""

    def get_queryset(self):
        return JobPosting.objects.manageable_by(self.request.user).select_related(
            "employer", "occupation__parent", "dong", "centre", "current_revision"
        )

    def get_posting(self) -> JobPosting:
        if not hasattr(self, "_posting"):
            self._posting = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._posting


# ---- pages ------------------------------------------------------------------------------------


class DashboardView(ManageAccessMixin, TemplateView):
    """``/manage/``: the user's postings grouped by status, 20 a page, each with its
    applicant count (withdrawn applications excluded; one query for the page), deadline, a
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
        for posting in rows:
            posting.status_text = status_label(posting, today)
            posting.can_edit = posting.status in EDITABLE_STATUSES or (
                posting.status == PostingStatus.PUBLISHED and posting.is_open(today)
            )
            posting.can_submit = posting.status in EDITABLE_STATUSES
            posting.can_close = posting.status == PostingStatus.PUBLISHED
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


class PostingCreateView(ManageAccessMixin, FormView):
    """``/manage/postings/new/``: write a new posting, saved as a draft (작성 중).

    An employer member picks which of their employers (``?employer=<pk>`` preselects; a
    foreign pk is ignored); centre staff pick an employer registered here and the entry
    channel (전화 접수 / 서면 접수)."""

    template_name = "jobs/manage/posting_form.html"
    form_class = JobPostingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, initial_employer=self.request.GET.get("employer"))
        return kwargs

    def form_valid(self, form):
        posting = form.save()
        if posting is None:
            return self.form_invalid(form)
        messages.success(self.request, _("작성 중으로 저장했습니다. 내용을 확인한 뒤 '검토 요청'을 눌러 주세요."))
        if posting.law_flags:
            messages.warning(self.request, law_flag_message(posting.law_flags))
        return redirect("manage:posting_detail", pk=posting.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(creating=True, mode="create")
        return ctx


class PostingDetailView(ManagedPostingMixin, TemplateView):
    """``/manage/postings/<pk>/``: status in plain Korean with what happens next, the live
    content, the pending revision (changed fields, old → new), hiring-law flags, the
    rejection reason, the applicant count, the event history and the allowed actions."""

    template_name = "jobs/manage/posting_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        posting = self.get_posting()
        today = today_kst()
        pending = posting.revisions.filter(status=RevisionStatus.PENDING).first()
        last_rejected_revision = (
            posting.revisions.filter(status=RevisionStatus.REJECTED).order_by("-decided_at", "-number").first()
        )
        events = list(posting.events.select_related("actor__staff_membership__centre").order_by("at", "id"))
        for event in events:
            event.kind_text = _(PostingEventKind(event.kind).label)
            event.actor_text = self._actor_text(event.actor, user)
        is_open = posting.is_open(today)
        status = posting.status
        staff_entry = posting.entry_channel in STAFF_ENTRY_CHANNELS
        ctx.update(
            posting=posting,
            today=today,
            is_open=is_open,
            status_text=status_label(posting, today),
            next_step=next_step(posting, user, today),
            pending_revision=pending,
            pending_changes=revision_changes(posting, pending) if pending else [],
            last_rejected_revision=last_rejected_revision,
            law_flags=posting.law_flags,
            applicant_count=posting.applications.counting_as_applicants().count(),
            events=events,
            is_public=status == PostingStatus.PUBLISHED or status in CLOSED_STATUSES,
            employer_unverified=(
                posting.employer.verification_status != Employer.Verification.VERIFIED
                and status in (*EDITABLE_STATUSES, PostingStatus.SUBMITTED)
            ),
            priority_labels=_labels(PriorityGroup, posting.priority_groups),
            benefit_labels=_labels(Benefit, posting.benefits),
            apply_method_labels=_labels(ApplyMethod, posting.apply_methods),
            can_edit=status in EDITABLE_STATUSES or (status == PostingStatus.PUBLISHED and is_open),
            can_submit=status in EDITABLE_STATUSES,
            can_withdraw=status == PostingStatus.SUBMITTED,
            can_publish=status in EDITABLE_STATUSES and staff_entry and user.is_centre_staff,
            can_close=status == PostingStatus.PUBLISHED,
            can_fill=status in (PostingStatus.PUBLISHED, *CLOSED_STATUSES) and status != PostingStatus.FILLED,
            staff_entry=staff_entry,
            entry_channel_text=_(EntryChannel(posting.entry_channel).label),
        )
        return ctx

    @staticmethod
    def _actor_text(actor, viewer) -> str:
        if actor is None:
            return _("자동 처리")
        membership = getattr(actor, "staff_membership", None)
        if membership is not None and membership.is_active:
            centre = membership.centre.name
            return f"{actor} ({centre})" if viewer.is_centre_staff else centre
        return str(actor)


class PostingEditView(ManagedPostingMixin, FormView):
    """``/manage/postings/<pk>/edit/``: drafts and rejected postings change in place; a
    published open posting's edit becomes a pending revision reviewed by district staff
    while the live posting stays as it is (district staff's own edits go live at once). A
    posting under review or closed cannot be edited: the page says why and sends the user
    to the posting, where the right action is offered."""

    template_name = "jobs/manage/posting_form.html"
    form_class = JobPostingForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        posting = self.get_posting()
        if posting.status == PostingStatus.SUBMITTED:
            messages.info(
                request,
                _("검토 중인 공고는 고칠 수 없습니다. 고치려면 먼저 '검토 요청 취소'를 눌러 주세요."),
            )
            return redirect("manage:posting_detail", pk=posting.pk)
        if posting.status not in EDITABLE_STATUSES and not (
            posting.status == PostingStatus.PUBLISHED and posting.is_open()
        ):
            messages.info(
                request,
                _("마감된 공고는 고칠 수 없습니다. 같은 일자리를 다시 뽑으려면 '복사해서 새 공고 쓰기'를 눌러 주세요."),
            )
            return redirect("manage:posting_detail", pk=posting.pk)
        return super().dispatch(request, *args, **kwargs)

    @property
    def is_live_edit(self) -> bool:
        return self.get_posting().status == PostingStatus.PUBLISHED

    def pending_revision(self):
        if not hasattr(self, "_pending"):
            self._pending = self.get_posting().revisions.filter(status=RevisionStatus.PENDING).first()
        return self._pending

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        posting = self.get_posting()
        pending = self.pending_revision() if self.is_live_edit else None
        if pending is not None:
            # start from the revision waiting for review, not the live text
            shown = JobPosting.objects.select_related("employer").get(pk=posting.pk)
            apply_snapshot(shown, pending.data)
            posting = shown
        kwargs.update(user=self.request.user, instance=posting)
        return kwargs

    def form_valid(self, form):
        posting = self.get_posting()
        if self.is_live_edit and not form.has_changed():
            messages.info(self.request, _("바뀐 내용이 없어 저장하지 않았습니다."))
            return redirect("manage:posting_detail", pk=posting.pk)
        result = form.save()
        if result is None:
            return self.form_invalid(form)
        if isinstance(result, JobPostingRevision):
            messages.success(
                self.request,
                _("고친 내용을 검토 요청했습니다. 구청 일자리센터가 승인할 때까지 지금 게시된 내용이 그대로 보입니다."),
            )
        elif self.is_live_edit:
            messages.success(self.request, _("고친 내용을 바로 게시했습니다."))
        else:
            messages.success(self.request, _("저장했습니다."))
        if result.law_flags:
            messages.warning(self.request, law_flag_message(result.law_flags))
        return redirect("manage:posting_detail", pk=posting.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        posting = self.get_posting()
        ctx.update(
            posting=posting,
            creating=False,
            mode="live" if self.is_live_edit else "draft",
            pending_revision=self.pending_revision() if self.is_live_edit else None,
            is_district_staff=self.request.user.is_district_staff,
            law_flags=posting.law_flags,
        )
        return ctx


# ---- actions (POST only) ---------------------------------------------------------------------


class PostingActionView(ManagedPostingMixin, View):
    """Base of the POST-only posting actions: look the posting up (404 when not the user's),
    call ``service``, show its success message or the messages of its ``ValidationError``
    (error level) and go back to the posting. ``PermissionDenied`` becomes 403.

    With ``confirm_template`` set, a POST without ``confirm=yes`` only shows a page asking
    to confirm (for actions that cannot be undone)."""

    http_method_names = ["post"]
    service = None
    success_message = ""
    confirm_template = None

    def call_service(self, posting):
        return type(self).service(posting=posting, by=self.request.user)

    def success_url(self, posting, result) -> str:
        return reverse("manage:posting_detail", args=[posting.pk])

    def confirm_context(self, posting) -> dict:
        return {}

    def post(self, request, *args, **kwargs):
        posting = self.get_posting()
        if self.confirm_template and request.POST.get("confirm") != "yes":
            ctx = {"posting": posting, "action_url": request.path, **self.confirm_context(posting)}
            return render(request, self.confirm_template, ctx)
        try:
            result = self.call_service(posting)
        except ValidationError as exc:
            for line in error_messages(exc):
                messages.error(request, line)
            return redirect("manage:posting_detail", pk=posting.pk)
        messages.success(request, self.success_message)
        self.after_success(result)
        return redirect(self.success_url(posting, result))

    def after_success(self, result) -> None:
        """Hook for extra messages after the service succeeded."""


class PostingSubmitView(PostingActionView):
    """POST: ask district staff to review a draft or rejected posting (``posting_submit``);
    every missing field is listed when it is not ready."""

    service = staticmethod(posting_submit)
    success_message = gettext_lazy("검토를 요청했습니다. 구청 일자리센터가 확인한 뒤 게시됩니다.")

    def after_success(self, result) -> None:
        if result.law_flags:
            messages.warning(self.request, law_flag_message(result.law_flags))


class PostingWithdrawView(PostingActionView):
    """POST: take back a review request so the posting can be edited (``posting_withdraw``)."""

    service = staticmethod(posting_withdraw)
    success_message = gettext_lazy("검토 요청을 취소했습니다. 공고가 작성 중으로 돌아왔습니다.")


class PostingPublishView(PostingActionView):
    """POST: centre staff publish a posting they took by phone or on paper without review
    (``posting_publish_direct``); refused for employer-entered postings and unverified
    employers."""

    service = staticmethod(posting_publish_direct)
    success_message = gettext_lazy("공고를 바로 게시했습니다. 지금부터 구직자가 볼 수 있습니다.")


class PostingCloseView(PostingActionView):
    """POST: close a published posting early (``posting_close``), after confirmation."""

    service = staticmethod(posting_close)
    success_message = gettext_lazy("공고를 마감했습니다.")
    confirm_template = "jobs/manage/posting_confirm.html"

    def confirm_context(self, posting):
        return {
            "heading": _("이 공고를 마감할까요?"),
            "explanation": [
                _("마감하면 목록과 검색에서 바로 빠지고 더는 지원을 받지 않습니다."),
                _("마감은 되돌릴 수 없습니다. 다시 뽑으려면 복사해서 새 공고로 올리고 검토를 받아야 합니다."),
                _("이미 받은 지원서는 그대로 남습니다."),
            ],
            "button": _("네, 지금 마감합니다"),
        }


class PostingFillView(PostingActionView):
    """POST: record that the vacancies are filled (``posting_mark_filled``), after
    confirmation."""

    service = staticmethod(posting_mark_filled)
    success_message = gettext_lazy("채용 완료로 표시했습니다. 채용을 축하드립니다.")
    confirm_template = "jobs/manage/posting_confirm.html"

    def confirm_context(self, posting):
        return {
            "heading": _("채용 완료로 표시할까요?"),
            "explanation": [
                _("채용 완료로 표시하면 공고가 마감되고 더는 지원을 받지 않습니다."),
                _("채용 완료는 되돌릴 수 없습니다."),
            ],
            "button": _("네, 채용 완료로 표시합니다"),
        }


class PostingDuplicateView(PostingActionView):
    """POST: copy a posting into a new draft (``posting_duplicate``) and open it for
    editing."""

    service = staticmethod(posting_duplicate)
    success_message = gettext_lazy(
        "복사한 새 공고를 작성 중으로 만들었습니다. 마감일 등을 확인하고 고친 뒤 검토를 요청해 주세요."
    )

    def success_url(self, posting, result):
        return reverse("manage:posting_edit", args=[result.pk])
