"""Moderation pages of district staff (구청 일자리센터, DESIGN.md "Who uses it"): the queue of
postings submitted for review, pending revisions of published postings and employers waiting
for verification; a review page for each with its decisions; and the record of every decision.

Every page is for district staff only (:class:`~accounts.mixins.DistrictStaffRequiredMixin`:
anonymous visitors go to the login page, anyone else gets 403, before any form is read).
Decisions call the services (``jobs.services.lifecycle``, ``employers.services``), which hold
the rules; a refused decision is shown on the review page with the service's Korean message
and changes nothing, a recorded one redirects to the queue with a confirmation.

Imported postings and employers (고용24, JSON-LD) are outside moderation and are 404 here. A
posting, revision or employer that is no longer waiting for a decision still has its review
page, read-only, with a notice saying so (links from the decision record lead there); a
decision posted for it is refused by the service with its message.
"""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, Q, Value
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.identifiers import format_mobile
from accounts.mixins import DistrictStaffRequiredMixin
from employers.models import Employer, VerificationDecision
from employers.services import employer_reject, employer_verify
from namdong_jobs.reference.models import Dong, Occupation

from ..choices import PostingEventKind, PostingStatus, RevisionStatus
from ..forms_moderation import DecisionForm, RejectForm, add_service_errors
from ..models import JobPosting, JobPostingRevision, PostingEvent, today_kst
from ..rules.hiring_law import SCREENED_FIELDS
from ..services.lifecycle import posting_approve, posting_reject, publication_errors, revision_approve, revision_reject
from ..services.revisions import EDITABLE_FIELDS, snapshot
from ..wages import format_krw

#: Posting events that are moderation decisions (the decision record lists these).
DECISION_EVENT_KINDS = (
    PostingEventKind.APPROVED,
    PostingEventKind.REJECTED,
    PostingEventKind.REVISION_APPROVED,
    PostingEventKind.REVISION_REJECTED,
    PostingEventKind.PUBLISHED_DIRECT,
    PostingEventKind.STAFF_EDIT,
)
REVISION_EVENT_KINDS = (PostingEventKind.REVISION_APPROVED, PostingEventKind.REVISION_REJECTED)
HISTORY_PAGE_SIZE = 30

#: Free-text fields shown on several lines.
MULTILINE_FIELDS = ("description", "preferred_qualifications")
#: Fields shown in the posting's header and text blocks rather than in the list of the rest.
POSTING_EXTRA_FIELDS = (
    "priority_groups",
    "benefits",
    "apply_methods",
    "contact_name",
    "contact_phone",
    "contact_email",
)


# ---- display helpers ------------------------------------------------------------------------


def highlight(text: str, phrases: Iterable[str]) -> SafeString:
    """``text`` escaped for HTML, every occurrence of one of ``phrases`` wrapped in ``<mark>``
    (longest phrase first). Line breaks are kept as they are (shown with CSS ``pre-line``)."""
    text = text or ""
    wanted = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(p) for p in wanted))
    pairs, pos = [], 0
    for match in pattern.finditer(text):
        pairs.append((text[pos : match.start()], match.group(0)))
        pos = match.end()
    return format_html_join("", "{}<mark>{}</mark>", pairs) + escape(text[pos:])


def flag_rows(flags: list[dict]) -> list[dict]:
    """Hiring-law flags (``posting.law_flags``, see ``jobs.rules.hiring_law.LawFlag``) with the
    label of the field each phrase is in, for the templates."""
    return [
        {**flag, "field_label": _(SCREENED_FIELDS.get(flag.get("field"), flag.get("field") or ""))}
        for flag in flags or []
    ]


def _phrases(flags: list[dict], field: str) -> list[str]:
    return [f.get("match", "") for f in flags or [] if f.get("field") == field]


def field_label(name: str) -> str:
    """The verbose name of a posting field, in the active language."""
    return _(str(JobPosting._meta.get_field(name).verbose_name))


def _reference_names(values: Iterable[dict]) -> dict[str, dict[str, str]]:
    """Names of the occupations and dongs whose codes appear in snapshots (two queries)."""
    occupations, dongs = set(), set()
    for data in values:
        if data.get("occupation"):
            occupations.add(data["occupation"])
        if data.get("dong"):
            dongs.add(data["dong"])
    return {
        "occupation": {
            code: f"{name} ({code})"
            for code, name in Occupation.objects.filter(code__in=occupations).values_list("code", "name")
        }
        if occupations
        else {},
        "dong": dict(Dong.objects.filter(code__in=dongs).values_list("code", "name")) if dongs else {},
    }


def _choice_label(choices, code) -> str:
    labels = dict(choices or [])
    return _(str(labels[code])) if code in labels else str(code)


def _decimal_text(value) -> str:
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return str(value)


def format_value(name: str, value, names: dict[str, dict[str, str]], flags: list[dict] | None = None) -> dict:
    """One value of a posting snapshot (``jobs.services.revisions.snapshot``: JSON values) in
    plain Korean for a page: codes as their labels, occupation and dong by name, money in won,
    dates as ``2026년 12월 31일``. Returns ``{"text", "empty", "ko", "multiline"}``; ``ko`` is
    true for text entered by people (shown with ``lang="ko"``), and phrases of ``flags`` in
    that field are marked."""
    field = JobPosting._meta.get_field(name)
    result = {"text": "", "empty": False, "ko": False, "multiline": name in MULTILINE_FIELDS}
    if value is None or value == "" or value == []:
        result["empty"] = True
        return result
    if name in ("occupation", "dong"):
        result.update(text=names.get(name, {}).get(value, str(value)), ko=True)
    elif isinstance(field, ArrayField):
        result["text"] = ", ".join(_choice_label(field.base_field.choices, code) for code in value)
    elif field.choices:
        result["text"] = _choice_label(field.choices, value)
    elif name in ("wage_min", "wage_max"):
        result["text"] = format_krw(int(value))
    elif name == "openings":
        result["text"] = _("%(n)d명") % {"n": int(value)}
    elif name == "hours_per_week":
        result["text"] = _("%(n)d시간") % {"n": int(value)}
    elif name == "daily_hours":
        result["text"] = _("%(n)s시간") % {"n": _decimal_text(value)}
    elif name == "career_min_years":
        result["text"] = _("%(n)d년") % {"n": int(value)}
    elif name == "deadline":
        result["text"] = dateformat.format(datetime.date.fromisoformat(value), _("Y년 n월 j일 (D)"))
    elif name in ("start_time", "end_time"):
        result["text"] = datetime.time.fromisoformat(value).strftime("%H:%M")
    else:
        ko = name not in ("contact_phone", "contact_email")
        result.update(text=highlight(str(value), _phrases(flags, name)), ko=ko)
    return result


def _status_notice(current_label: str) -> str:
    return _("지금 상태는 ‘%(status)s’입니다. 결정할 것이 없습니다.") % {"status": current_label}


# ---- queue ----------------------------------------------------------------------------------


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


# ---- postings -------------------------------------------------------------------------------


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
        approve_form = kwargs.get("approve_form") or DecisionForm()
        reject_form = kwargs.get("reject_form") or RejectForm()
        ctx.update(
            posting=posting,
            employer=employer,
            today=today,
            reviewable=reviewable,
            status_notice="" if reviewable else _status_notice(_(posting.get_status_display())),
            employer_verified=employer_verified,
            can_approve=reviewable and employer_verified and not missing,
            missing=missing,
            flags=flag_rows(flags),
            title_html=highlight(posting.title, _phrases(flags, "title")),
            description_html=highlight(posting.description, _phrases(flags, "description")),
            preferred_html=highlight(posting.preferred_qualifications, _phrases(flags, "preferred_qualifications")),
            extra_rows=[
                {"label": field_label(name), "value": format_value(name, data[name], names)}
                for name in POSTING_EXTRA_FIELDS
            ],
            certifications=employer.certifications_valid_on(today),
            events=posting.events.select_related("actor", "revision").order_by("at", "id"),
            pending_revision=posting.revisions.filter(status=RevisionStatus.PENDING).first(),
            approve_form=approve_form,
            reject_form=reject_form,
            error_form=next((f for f in (approve_form, reject_form) if f.is_bound and f.errors), None),
        )
        return ctx


class PostingApproveView(PostingReviewView):
    """POST ``/moderation/postings/<pk>/approve/``: :func:`posting_approve`. Refused (unverified
    employer, missing fields, not under review…): the review page again with the reason."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        posting = self.get_posting()
        form = DecisionForm(request.POST)
        try:
            posting_approve(posting=posting, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc, model=JobPosting)
            return self.render_to_response(self.get_context_data(approve_form=form))
        messages.success(
            request,
            _("‘%(title)s’ 공고를 승인했습니다. 지금부터 일자리 찾기에 보입니다. 처리 기록에 남았습니다.")
            % {"title": posting.title},
        )
        return redirect("moderation:queue")


class PostingRejectView(PostingReviewView):
    """POST ``/moderation/postings/<pk>/reject/``: :func:`posting_reject` with the reason
    (required); the employer can then edit the posting and ask again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        posting = self.get_posting()
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                posting_reject(posting=posting, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc, model=JobPosting)
            else:
                messages.success(
                    request,
                    _(
                        "‘%(title)s’ 공고를 반려했습니다. 기업 담당자가 사유를 보고 고쳐서 다시 요청할 수 있습니다. "
                        "처리 기록에 남았습니다."
                    )
                    % {"title": posting.title},
                )
                return redirect("moderation:queue")
        return self.render_to_response(self.get_context_data(reject_form=form))


# ---- revisions ------------------------------------------------------------------------------


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
        names = _reference_names([baseline, data])
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
        approve_form = kwargs.get("approve_form") or DecisionForm()
        reject_form = kwargs.get("reject_form") or RejectForm()
        ctx.update(
            revision=revision,
            posting=posting,
            rows=rows,
            baseline_label=baseline_label,
            flags=flag_rows(flags),
            reviewable=reviewable,
            status_notice="" if reviewable else _status_notice(_(revision.get_status_display())),
            posting_open=posting_open,
            can_approve=reviewable and posting_open,
            events=revision.events.select_related("actor").order_by("at", "id"),
            approve_form=approve_form,
            reject_form=reject_form,
            error_form=next((f for f in (approve_form, reject_form) if f.is_bound and f.errors), None),
        )
        return ctx


class RevisionApproveView(RevisionReviewView):
    """POST ``/moderation/revisions/<pk>/approve/``: :func:`revision_approve` (the proposed
    values replace the live posting's)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        revision = self.get_revision()
        form = DecisionForm(request.POST)
        try:
            revision_approve(revision=revision, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc, model=JobPosting)
            return self.render_to_response(self.get_context_data(approve_form=form))
        messages.success(
            request,
            _("‘%(title)s’ 공고의 수정본을 승인했습니다. 바뀐 내용이 바로 게시됩니다. 처리 기록에 남았습니다.")
            % {"title": revision.posting.title},
        )
        return redirect("moderation:queue")


class RevisionRejectView(RevisionReviewView):
    """POST ``/moderation/revisions/<pk>/reject/``: :func:`revision_reject` with the reason
    (required); the live posting stays as it was."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        revision = self.get_revision()
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                revision_reject(revision=revision, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc, model=JobPosting)
            else:
                messages.success(
                    request,
                    _(
                        "‘%(title)s’ 공고의 수정본을 반려했습니다. 게시 중인 내용은 그대로입니다. "
                        "처리 기록에 남았습니다."
                    )
                    % {"title": revision.posting.title},
                )
                return redirect("moderation:queue")
        return self.render_to_response(self.get_context_data(reject_form=form))


# ---- employers ------------------------------------------------------------------------------


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
        verify_form = kwargs.get("verify_form") or DecisionForm()
        reject_form = kwargs.get("reject_form") or RejectForm()
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
            verify_form=verify_form,
            reject_form=reject_form,
            error_form=next((f for f in (verify_form, reject_form) if f.is_bound and f.errors), None),
        )
        return ctx


class EmployerVerifyView(EmployerReviewView):
    """POST ``/moderation/employers/<pk>/verify/``: :func:`employers.services.employer_verify`;
    the employer's postings waiting for review can then be approved."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        employer = self.get_employer()
        form = DecisionForm(request.POST)
        try:
            employer_verify(employer=employer, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc, model=Employer)
            return self.render_to_response(self.get_context_data(verify_form=form))
        waiting = employer.postings.filter(status=PostingStatus.SUBMITTED).count()
        message = _("‘%(name)s’ 기업을 확인했습니다. 처리 기록에 남았습니다.") % {"name": employer.name}
        if waiting:
            message += " " + _("검토를 기다리는 이 기업의 공고 %(n)d건을 이제 승인할 수 있습니다.") % {"n": waiting}
        messages.success(request, message)
        return redirect("moderation:queue")


class EmployerRejectView(EmployerReviewView):
    """POST ``/moderation/employers/<pk>/reject/``: :func:`employers.services.employer_reject`
    with the reason (required)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        employer = self.get_employer()
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                employer_reject(employer=employer, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc, model=Employer)
            else:
                messages.success(
                    request,
                    _(
                        "‘%(name)s’ 기업을 반려했습니다. 기업 담당자가 사유를 보고 고쳐서 다시 신청할 수 있습니다. "
                        "처리 기록에 남았습니다."
                    )
                    % {"name": employer.name},
                )
                return redirect("moderation:queue")
        return self.render_to_response(self.get_context_data(reject_form=form))


# ---- decision record ------------------------------------------------------------------------

_POSTING_EVENT, _EMPLOYER_DECISION = 1, 2


class ModerationHistoryView(DistrictStaffRequiredMixin, TemplateView):
    """``/moderation/history/``: every moderation decision, newest first, 30 a page: posting
    approvals, rejections, direct publications and staff edits, revision decisions
    (``PostingEvent``) and employer decisions (``VerificationDecision``), with who, when, what
    and the reason. A page costs the same few queries however many rows it shows: one union
    query for the page's keys (and one to count them), then one per source with its joins."""

    template_name = "jobs/moderation/history.html"
    paginate_by = HISTORY_PAGE_SIZE

    @staticmethod
    def decision_keys():
        """``(at, id, source)`` of every decision, newest first (one SQL ``UNION ALL``)."""
        events = (
            PostingEvent.objects.filter(kind__in=DECISION_EVENT_KINDS)
            .annotate(source=Value(_POSTING_EVENT, output_field=IntegerField()))
            .order_by()
            .values_list("at", "id", "source")
        )
        decisions = (
            VerificationDecision.objects.annotate(
                at=F("decided_at"), source=Value(_EMPLOYER_DECISION, output_field=IntegerField())
            )
            .order_by()
            .values_list("at", "id", "source")
        )
        return events.union(decisions, all=True).order_by("-at", "-source", "-id")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        paginator = Paginator(self.decision_keys(), self.paginate_by)
        raw_page = self.request.GET.get("page", "1")
        page = paginator.get_page(1 if raw_page.lstrip("-").isdigit() and int(raw_page) < 1 else raw_page)
        keys = list(page.object_list)
        event_ids = [pk for _at, pk, source in keys if source == _POSTING_EVENT]
        decision_ids = [pk for _at, pk, source in keys if source == _EMPLOYER_DECISION]
        events = PostingEvent.objects.select_related("posting", "revision", "actor").in_bulk(event_ids)
        decisions = VerificationDecision.objects.select_related("employer", "decided_by").in_bulk(decision_ids)
        entries = []
        for _at, pk, source in keys:
            if source == _POSTING_EVENT and pk in events:
                entries.append(self._event_entry(events[pk]))
            elif source == _EMPLOYER_DECISION and pk in decisions:
                entries.append(self._decision_entry(decisions[pk]))
        ctx.update(page_obj=page, paginator=paginator, entries=entries)
        return ctx

    @staticmethod
    def _event_entry(event: PostingEvent) -> dict:
        posting = event.posting
        if event.kind in REVISION_EVENT_KINDS and event.revision_id:
            url = reverse("moderation:revision_review", args=[event.revision_id])
            what = _("공고 %(number)d번 수정본 %(revision)d판") % {
                "number": posting.pk,
                "revision": event.revision.number,
            }
        else:
            url = reverse("moderation:posting_review", args=[posting.pk])
            what = _("공고 %(number)d번") % {"number": posting.pk}
        return {
            "at": event.at,
            "kind": _(event.get_kind_display()),
            "rejected": event.kind in (PostingEventKind.REJECTED, PostingEventKind.REVISION_REJECTED),
            "actor": event.actor,
            "what": what,
            "name": posting.title,
            "url": url,
            "reason": event.reason,
        }

    @staticmethod
    def _decision_entry(decision: VerificationDecision) -> dict:
        verified = decision.decision == VerificationDecision.Decision.VERIFIED
        return {
            "at": decision.decided_at,
            "kind": _("기업 확인 완료") if verified else _("기업 반려"),
            "rejected": not verified,
            "actor": decision.decided_by,
            "what": _("기업"),
            "name": decision.employer.name,
            "url": reverse("moderation:employer_review", args=[decision.employer_id]),
            "reason": decision.reason,
        }
