"""Desk pages: referrals (취업알선, issue 5 item 6).

* ``residents/<pk>/refer/?posting=<number>`` (``desk:referral_start``): find a posting by its
  number and go on to the referral page (an online sign-up is not referred: the page says so);
* ``residents/<pk>/refer/<posting_pk>/`` (``desk:referral_create``): the confirmation page
  (posting, resident, method, interview date, message to the employer); without the
  resident's provision consent it explains and links to the consent page instead of the form,
  and when the referral is refused (an online sign-up, a closed or imported posting, a
  resident aged 15–17 and a posting beyond the minors' working time: ``referral_refusal``)
  it gives the reason instead of the form; when the posting's hires already reach its
  openings it warns and staff tick a box to refer all the same; a message that looks like it
  carries sensitive details (health, disability…) is sent only after a confirmation box;
* ``referrals/<pk>/`` (``desk:referral_detail``): the referral, the application's status
  history (an employer's changes shown as the employer, not its member) and the outcome
  form; the outcome date with who recorded it (센터 직원 or 기업); once hires reach the
  posting's openings, the offer to mark it filled;
* ``referrals/<pk>/outcome/`` (``desk:referral_outcome``, POST): record the outcome.

Residents and referrals are reached only within the staff member's scope
(:class:`.base.DeskMixin`): another centre's is a 404. Every page shown writes a ``view``
access-log row for the resident; the services write the ``edit`` rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.choices import ConsentPurpose
from accounts.identifiers import mask_mobile
from accounts.models import AccessAction
from accounts.services import client_ip, consent_active
from accounts.services.residents import is_centre_record

from ...choices import PostingStatus
from ...forms.moderation import add_service_errors
from ...forms.referrals import OutcomeForm, PostingNumberForm, ReferralForm
from ...models import FINAL_STATUSES, JobPosting, Referral, today_kst
from ...rules.minors import is_minor
from ...services.desk.referrals import (
    ONLINE_SIGNUP_REFERRAL_REFUSAL,
    REFERRAL_OUTCOMES,
    openings_reached,
    outcome_label,
    posting_hires,
    referral_create,
    referral_outcome_record,
    referral_refusal,
)
from ..application_display import history_rows, is_staff_account, status_label
from .base import DeskMixin

#: Posting statuses that may still be marked filled (``posting_mark_filled``).
FILLABLE_STATUSES = (PostingStatus.PUBLISHED, PostingStatus.CLOSED, PostingStatus.EXPIRED)


def _masked_phone(phone: str) -> str:
    try:
        return mask_mobile(phone) if phone else ""
    except Exception:  # a malformed stored value is not shown, never a 500
        return ""


def outcome_recorder(referral: Referral) -> str:
    """Who recorded ``referral``'s outcome: ``"centre"`` when centre staff did (also one who has
    since left; the page names them), ``"employer"`` when an employer member did
    (``application_set_status``; the page names the employer, never the member), ``""`` when
    nobody is recorded."""
    user = referral.outcome_by
    if user is None:
        return ""
    return "centre" if is_staff_account(user) else "employer"


def referable_postings():
    """Postings a resident may be referred to, as far as looking them up goes: those the
    public may see (open or closed); the service refuses closed and imported ones."""
    return JobPosting.objects.public().select_related("employer", "dong", "occupation")


class ReferralStartView(DeskMixin, TemplateView):
    """GET ``residents/<pk>/refer/?posting=<number>``: a posting number from the resident
    page's small form. A number of a posting the public may see goes on to
    ``desk:referral_create``; anything else shows the form again with the reason. An online
    sign-up (:func:`accounts.services.residents.is_centre_record`) is not referred: the page
    says so instead of the form."""

    template_name = "jobs/desk/referral_start.html"

    def get(self, request, *args, **kwargs):
        resident = self.get_resident()
        if not is_centre_record(resident):
            self.log_access(AccessAction.VIEW, resident, detail="record")
            context = self.get_context_data(resident=resident, form=None, refusal=ONLINE_SIGNUP_REFERRAL_REFUSAL)
            return self.render_to_response(context)
        form = PostingNumberForm(request.GET) if "posting" in request.GET else PostingNumberForm()
        if form.is_bound and form.is_valid():
            number = form.cleaned_data["posting"]
            if referable_postings().filter(pk=number).exists():
                return redirect("desk:referral_create", pk=resident.pk, posting_pk=number)
            form.add_error("posting", _("%(n)d번 공고를 찾을 수 없습니다. 번호를 확인해 주세요.") % {"n": number})
        self.log_access(AccessAction.VIEW, resident, detail="record")
        return self.render_to_response(self.get_context_data(resident=resident, form=form))


class ReferralCreateView(DeskMixin, FormView):
    """``residents/<pk>/refer/<posting_pk>/``: GET shows the posting and the resident and,
    when the referral can be made, the form (method 소개장/동행면접/전화 연결, optional
    interview date and time, message to the employer). Without the resident's provision
    consent the page explains it and links to ``desk:resident_consents`` instead; when the
    referral is refused (:func:`referral_refusal`: an online sign-up, a closed or imported
    posting, an application already made, a resident aged 15–17 and a posting beyond the
    minors' working time, 근로기준법 제69조·제70조) it says why instead of the form. For a
    resident aged 15–17 otherwise it reminds staff to check hours the posting does not state.
    A message containing one of the words of
    :data:`~jobs.services.desk.referrals.SENSITIVE_MESSAGE_WORDS` shows a warning and requires
    the ``confirm_sensitive`` box (``ReferralForm``).
    When the posting's hires already reach its openings (:func:`openings_reached`, asked at
    each request) the page warns "이 공고는 이미 모집인원만큼 채용했습니다" and the form
    requires the ``confirm_openings`` box: the referral is still allowed (the employer may
    hire more) but staff confirm it. POST calls :func:`referral_create` and goes to the
    referral with a confirmation."""

    template_name = "jobs/desk/referral_create.html"
    form_class = ReferralForm

    def get_posting(self) -> JobPosting:
        if not hasattr(self, "_posting"):
            self._posting = get_object_or_404(referable_postings(), pk=self.kwargs["posting_pk"])
        return self._posting

    def get_openings_reached(self) -> bool:
        """:func:`openings_reached` for the posting, asked once per request."""
        if not hasattr(self, "_openings_reached"):
            self._openings_reached = openings_reached(self.get_posting())
        return self._openings_reached

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "openings_reached": self.get_openings_reached()}

    def get(self, request, *args, **kwargs):
        self.get_posting()
        self.log_access(AccessAction.VIEW, self.get_resident(), detail="record")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_resident()
        self.get_posting()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            referral = referral_create(
                staff=self.request.user,
                seeker=self.get_resident(),
                posting=self.get_posting(),
                method=data["method"],
                interview_at=data["interview_at"],
                message=data["message"],
                ip=client_ip(self.request),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "interview_at" in exc.error_dict:
                exc.error_dict["interview_date"] = exc.error_dict.pop("interview_at")
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s 님을 '%(title)s' 공고에 알선했습니다. 기업에 지원서가 전달되었습니다.")
            % {"name": referral.application.seeker.name, "title": referral.application.posting.title},
        )
        return redirect("desk:referral_detail", pk=referral.pk)

    def form_invalid(self, form):
        self.log_access(AccessAction.VIEW, self.get_resident(), detail="record")
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        resident, posting = self.get_resident(), self.get_posting()
        refusal = referral_refusal(seeker=resident, posting=posting)
        existing = resident.applications.filter(posting=posting).select_related("referral").first()
        ctx.update(
            resident=resident,
            posting=posting,
            masked_phone=_masked_phone(resident.phone),
            has_provision_consent=consent_active(person=resident, purpose=ConsentPurpose.PROVISION) is not None,
            refusal=" ".join(refusal.messages) if refusal is not None else "",
            existing=existing,
            existing_referral=getattr(existing, "referral", None) if existing is not None else None,
            openings_reached=self.get_openings_reached(),
            hires=posting_hires(posting) if self.get_openings_reached() else None,
            minor=is_minor(resident, today_kst().year),
        )
        return ctx


class ReferralDetailMixin(DeskMixin):
    """One referral, looked up among those of residents in the staff member's scope (404
    otherwise), and the page that shows it."""

    template_name = "jobs/desk/referral_detail.html"

    def get_referral(self) -> Referral:
        if not hasattr(self, "_referral"):
            self._referral = get_object_or_404(
                Referral.objects.filter(application__seeker__in=self.residents()).select_related(
                    "application__posting__employer",
                    "application__seeker",
                    "centre",
                    "staff",
                    "outcome_by__staff_membership",
                ),
                pk=self.kwargs["pk"],
            )
        return self._referral

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        referral = self.get_referral()
        application = referral.application
        posting = application.posting
        decided = application.status in FINAL_STATUSES or application.seeker.erased_at is not None
        form = kwargs.get("form") or OutcomeForm(initial={"outcome_on": today_kst()})
        history = history_rows(application, for_seeker=False, employer_name=posting.employer.name)
        rejected = status_label("rejected")
        for row in history:  # the desk says "채용 안 됨" where the employer's pages say 불합격
            if row["status"] == rejected:
                row["status"] = outcome_label("rejected")
        fill_offer = openings_reached(posting) and posting.status in FILLABLE_STATUSES
        ctx.update(
            referral=referral,
            application=application,
            posting=posting,
            resident=application.seeker,
            status_text=outcome_label(application.status),
            outcome_recorder=outcome_recorder(referral),
            is_outcome=application.status in REFERRAL_OUTCOMES,
            history=history,
            form=None if decided else form,
            hires=posting_hires(posting),
            fill_offer=fill_offer,
            can_fill=fill_offer and JobPosting.objects.manageable_by(self.request.user).filter(pk=posting.pk).exists(),
        )
        return ctx


class ReferralDetailView(ReferralDetailMixin, TemplateView):
    """``referrals/<pk>/``: the referral (posting, resident, who referred from which centre,
    method, interview date, the outcome date and who recorded it: :func:`outcome_recorder`),
    the application's status history (an employer's changes shown as the employer), and the
    outcome form while no outcome is recorded. When the posting's hires reach its openings
    and it can still be marked filled, a button to ``manage:posting_fill`` for staff who
    manage the posting, else a sentence that the employer will be offered it."""

    def get(self, request, *args, **kwargs):
        self.log_access(AccessAction.VIEW, self.get_referral().application.seeker, detail="record")
        return super().get(request, *args, **kwargs)


class ReferralOutcomeView(ReferralDetailMixin, TemplateView):
    """POST ``referrals/<pk>/outcome/``: record the outcome (:func:`referral_outcome_record`).
    A refused input shows the referral again with the reasons on the form; an outcome
    already recorded (by staff or the employer) goes back to the referral with a message."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        referral = self.get_referral()
        form = OutcomeForm(request.POST)
        if form.is_valid():
            try:
                referral_outcome_record(
                    referral=referral,
                    outcome=form.cleaned_data["outcome"],
                    outcome_on=form.cleaned_data["outcome_on"],
                    staff=request.user,
                    ip=client_ip(request),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                referral.application.refresh_from_db()
            else:
                messages.success(
                    request,
                    _("알선 결과를 '%(outcome)s'(으)로 기록했습니다.")
                    % {"outcome": outcome_label(form.cleaned_data["outcome"])},
                )
                return redirect("desk:referral_detail", pk=referral.pk)
        if referral.application.status in FINAL_STATUSES:
            messages.error(request, _("이 알선은 결과가 이미 정해져 바꿀 수 없습니다."))
            return redirect("desk:referral_detail", pk=referral.pk)
        self.log_access(AccessAction.VIEW, referral.application.seeker, detail="record")
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("residents/<int:pk>/refer/", ReferralStartView.as_view(), name="referral_start"),
    path("residents/<int:pk>/refer/<int:posting_pk>/", ReferralCreateView.as_view(), name="referral_create"),
    path("referrals/<int:pk>/", ReferralDetailView.as_view(), name="referral_detail"),
    path("referrals/<int:pk>/outcome/", ReferralOutcomeView.as_view(), name="referral_outcome"),
]
