"""Writing, showing and editing one posting (``/manage/postings/…``)."""

import logging
import uuid

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from redis.exceptions import RedisError

from employers.models import Employer

from ...choices import (
    ApplyMethod,
    Benefit,
    EntryChannel,
    PostingEventKind,
    PostingStatus,
    PriorityGroup,
    RevisionStatus,
)
from ...forms import JobPostingForm
from ...matching.summary import match_summary
from ...models import CLOSED_STATUSES, JobPosting, JobPostingRevision, today_kst
from ...services.desk.referrals import openings_reached, posting_hires
from ...services.lifecycle import EDITABLE_STATUSES, STAFF_ENTRY_CHANNELS, allowed_actions
from ...services.revisions import apply_snapshot
from .access import ManageAccessMixin, ManagedPostingMixin
from .display import law_flag_message, next_step, revision_changes, status_label

logger = logging.getLogger(__name__)

#: How long the one-time token of a create form is remembered (seconds): a POST replayed
#: within a day (back button, reload, a second click) finds the draft the first one made.
FORM_TOKEN_TTL = 60 * 60 * 24
#: The cache value while the first POST with a token is still saving.
_SAVING = "saving"


def _labels(enum, codes) -> list[tuple[str, str]]:
    return [(v, _(enum(v).label)) for v in enum.values if v in (codes or [])]


class PostingCreateView(ManageAccessMixin, FormView):
    """``/manage/postings/new/``: write a new posting, saved as a draft (작성 중).

    An employer member picks which of their employers (``?employer=<pk>`` preselects; a
    foreign pk is ignored); centre staff pick an employer registered here and the entry
    channel (전화 접수 / 서면 접수).

    The form carries a one-time token (``form_token``, a random UUID; kept when the form is
    shown again with errors). The first POST with it claims it in the cache (``cache.add``,
    atomic, so two clicks at once cannot both save) and records the draft it made; a second
    POST with the same token makes nothing and goes to that draft saying "이미 저장한
    공고입니다". A POST without a valid token is saved as before; when the cache is down the
    guard is skipped (logged) rather than refusing to save."""

    template_name = "jobs/manage/posting_form.html"
    form_class = JobPostingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, initial_employer=self.request.GET.get("employer"))
        return kwargs

    # ---- the one-time token ----------------------------------------------------------

    def posted_token(self) -> str | None:
        """The posted ``form_token`` as 32 hex digits, ``None`` when absent or not a UUID."""
        if self.request.method != "POST":
            return None
        try:
            return uuid.UUID(self.request.POST.get("form_token", "")).hex
        except ValueError:
            return None

    def token_key(self, token: str) -> str:
        return f"manage:posting-create:{self.request.user.pk}:{token}"

    def post(self, request, *args, **kwargs):
        token = self.posted_token()
        self.claimed_key = None
        self.created_pk = None
        if token is not None:
            key = self.token_key(token)
            try:
                claimed = cache.add(key, _SAVING, FORM_TOKEN_TTL)
                earlier = None if claimed else cache.get(key)
            except RedisError:
                logger.warning("posting create: cache unavailable, the one-time token is not checked", exc_info=True)
                claimed, earlier = False, None
            if earlier is not None:
                replayed = self.replayed_response(earlier)
                if replayed is not None:
                    return replayed
            if claimed:
                self.claimed_key = key
        try:
            return super().post(request, *args, **kwargs)
        finally:
            self.release_token()

    def replayed_response(self, earlier):
        """The response to a POST whose token was already used: the draft made with it, or,
        while the first POST is still saving, the dashboard. ``None`` (save as usual) when the
        draft is no longer there."""
        if earlier == _SAVING:
            messages.info(self.request, _("이미 저장하고 있습니다. 잠시 뒤 내 공고 목록에서 확인해 주세요."))
            return redirect("manage:dashboard")
        if JobPosting.objects.manageable_by(self.request.user).filter(pk=earlier).exists():
            messages.info(
                self.request,
                _(
                    "이미 저장한 공고입니다. 같은 내용을 한 번 더 보내 새로 만들지 않았습니다. "
                    "저장한 공고를 보여 드립니다."
                ),
            )
            return redirect("manage:posting_detail", pk=earlier)
        return None

    def release_token(self) -> None:
        """Remember the draft made with the claimed token, or free the token when nothing was
        saved (the form is shown again with the same token)."""
        if self.claimed_key is None:
            return
        try:
            if self.created_pk is not None:
                cache.set(self.claimed_key, self.created_pk, FORM_TOKEN_TTL)
            else:
                cache.delete(self.claimed_key)
        except RedisError:
            logger.warning("posting create: cache unavailable, the one-time token is not recorded", exc_info=True)

    # ---- saving ----------------------------------------------------------------------

    def form_valid(self, form):
        posting = form.save()
        if posting is None:
            return self.form_invalid(form)
        self.created_pk = posting.pk
        messages.success(self.request, _("작성 중으로 저장했습니다. 내용을 확인한 뒤 '검토 요청'을 눌러 주세요."))
        if posting.law_flags:
            messages.warning(self.request, law_flag_message(posting.law_flags))
        return redirect("manage:posting_detail", pk=posting.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(creating=True, mode="create", form_token=self.posted_token() or uuid.uuid4().hex)
        return ctx


class PostingDetailView(ManagedPostingMixin, TemplateView):
    """``/manage/postings/<pk>/``: status in plain Korean with what happens next, the live
    content, the pending revision (changed fields, old → new), hiring-law flags, the
    rejection reason, the applicant count (linked to the applicants for members of the
    posting's employer), the event history and the allowed actions; for centre and district
    staff, what matching did (``jobs.matching.summary``: counts and reasons, no names)."""

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
            shows_applicants=Employer.objects.with_member(user).filter(pk=posting.employer_id).exists(),
            events=events,
            is_public=status == PostingStatus.PUBLISHED or status in CLOSED_STATUSES,
            employer_unverified=(
                posting.employer.verification_status != Employer.Verification.VERIFIED
                and status in (*EDITABLE_STATUSES, PostingStatus.SUBMITTED)
            ),
            priority_labels=_labels(PriorityGroup, posting.priority_groups),
            benefit_labels=_labels(Benefit, posting.benefits),
            apply_method_labels=_labels(ApplyMethod, posting.apply_methods),
            **{f"can_{action}": True for action in allowed_actions(posting, user, today=today)},
            staff_entry=staff_entry,
            entry_channel_text=_(EntryChannel(posting.entry_channel).label),
            # staff only: employers never see who, or how many, their posting was sent to
            match_summary=match_summary(posting) if user.is_centre_staff and posting.published_at else None,
            # issue 5: hires (online and referred, once each) reaching the openings → offer "filled"
            hires=posting_hires(posting),
            openings_reached=openings_reached(posting),
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
