"""The employer's applicant pages (issue 4 item 6): the applicants of one posting, one
application with the profile snapshot the seeker sent, the status change (with the interview
date and place) and the applicant's résumé.

Only members of the posting's employer see them: centre and district staff are not the
employer here, so they get 404 like any other employer's member; anonymous visitors go to
the login page and people who cannot use the manage pages at all (seekers) get 403
(:class:`.access.ManageAccessMixin`). What the seeker sent is shown only while the
application stands: a withdrawn application shows "지원 취소" and an erased seeker "탈퇴한
구직자", without personal data; without the provision consent nothing personal was sent.
These rules live in :mod:`jobs.selectors`; the résumé is the copy kept with the application
(:mod:`jobs.services.application_resume`), never the seeker's current file. An application
made by a community centre's referral (취업알선, issue 5) is marked with the centre, the
method and the interview date."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.services import ResumeNotFound
from accounts.views.resume import file_download
from employers.models import Employer

from ...choices import ApplicationStatus
from ...forms.applications import ApplicationStatusForm
from ...forms.moderation import add_service_errors
from ...models import Application, JobPosting
from ...selectors import (
    applicant_label,
    resume_downloadable,
    resume_missing_reason,
    seeker_notice_channels,
    shows_personal_data,
)
from ...services import application_mark_viewed, application_set_status, employer_next_statuses
from ...services.application_resume import application_resume_open
from ...services.desk.referrals import openings_reached, posting_hires
from ..application_display import history_rows, snapshot_display, status_label
from ..public import get_page
from .access import ManageAccessMixin


class EmployerApplicationsMixin(ManageAccessMixin):
    """Postings and applications of the employers the user is a member of (staff see none)."""

    def member_postings(self):
        return JobPosting.objects.filter(employer__in=Employer.objects.with_member(self.request.user))

    def member_applications(self):
        return Application.objects.filter(posting__in=self.member_postings()).select_related(
            "posting__employer", "seeker", "referral__centre"
        )

    def get_application(self) -> Application:
        if not hasattr(self, "_application"):
            self._application = get_object_or_404(self.member_applications(), pk=self.kwargs["pk"])
        return self._application


class ApplicantListView(EmployerApplicationsMixin, TemplateView):
    """``/manage/postings/<pk>/applicants/``: the posting's applications, newest first, 20 a
    page, with the applicant as :func:`applicant_label`, age, masked phone, status and time;
    a referral is marked with its centre, method and interview date (one query for the whole
    page: ``referral__centre`` is joined); ``?status=<code>`` shows one status. When the
    posting's hires reach its openings (``jobs.services.desk.referrals.openings_reached``) the
    page offers to mark it filled."""

    template_name = "jobs/manage/applicants/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        posting = get_object_or_404(self.member_postings().select_related("employer"), pk=kwargs["pk"])
        applications = posting.applications.select_related("seeker", "referral__centre").order_by("-created_at", "-id")
        status = self.request.GET.get("status", "")
        if status in ApplicationStatus.values:
            applications = applications.filter(status=status)
        else:
            status = ""
        page, notice = get_page(Paginator(applications, settings.NJ_PAGE_SIZE), self.request.GET.get("page"))
        for application in page.object_list:
            application.label = applicant_label(application)
            application.status_text = status_label(application.status)
            application.shown = (
                snapshot_display(application.profile_snapshot, mask_phone=True)
                if shows_personal_data(application)
                else {"provided": False}
            )
        ctx.update(
            posting=posting,
            page_obj=page,
            applications=page.object_list,
            notice=notice,
            status_key=status,
            status_options=[(s.value, _(s.label)) for s in ApplicationStatus],
            counting=posting.applications.counting_as_applicants().count(),
            hires=posting_hires(posting),
            openings_reached=openings_reached(posting),
        )
        return ctx


class ApplicantDetailView(EmployerApplicationsMixin, TemplateView):
    """``/manage/applications/<pk>/``: one application. The first time a member opens a
    submitted application it becomes "열람" (``application_mark_viewed``; the seeker is told).
    Shows the snapshot as sent (see :func:`shows_personal_data`), the message, the interview,
    the status history and the status change form with the statuses allowed now."""

    template_name = "jobs/manage/applicants/detail.html"

    def get(self, request, *args, **kwargs):
        application = self.get_application()
        if application.status == ApplicationStatus.SUBMITTED:
            application_mark_viewed(application=application, by=request.user)
            application.refresh_from_db()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        application = self.get_application()
        shown = shows_personal_data(application)
        next_statuses = employer_next_statuses(application)
        form = kwargs.get("form") or ApplicationStatusForm(next_statuses=next_statuses)
        ctx.update(
            application=application,
            posting=application.posting,
            label=applicant_label(application),
            status_text=status_label(application.status),
            shown=shown,
            snapshot=snapshot_display(application.profile_snapshot) if shown else {"provided": False},
            history=history_rows(application, for_seeker=False),
            form=form if next_statuses else None,
            notify_channels=seeker_notice_channels(application),
            can_download_resume=resume_downloadable(application),
            resume_missing=resume_missing_reason(application),
        )
        return ctx


class ApplicantStatusView(ApplicantDetailView):
    """POST ``/manage/applications/<pk>/status/``: change the status
    (``application_set_status``). A refused change shows the application again with the
    reasons on the form; a recorded one goes back to it with a confirmation."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        form = ApplicationStatusForm(request.POST, next_statuses=employer_next_statuses(application))
        if form.is_valid():
            data = form.cleaned_data
            try:
                application_set_status(
                    application=application,
                    status=data["status"],
                    by=request.user,
                    interview_at=data["interview_at"],
                    interview_place=data["interview_place"],
                    note=data["note"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "interview_at" in exc.error_dict:
                    exc.error_dict["interview_date"] = exc.error_dict.pop("interview_at")
                add_service_errors(form, exc)
                application.refresh_from_db()
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(
                    request,
                    _("상태를 '%(status)s'(으)로 바꿨습니다. 구직자에게 알렸습니다.")
                    % {"status": status_label(data["status"])},
                )
                return redirect("manage:application_detail", pk=application.pk)
        if not employer_next_statuses(application):
            messages.error(request, _("이 지원서는 더 이상 상태를 바꿀 수 없습니다."))
            return redirect("manage:application_detail", pk=application.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ApplicantResumeView(EmployerApplicationsMixin, View):
    """GET ``/manage/applications/<pk>/resume/``: the résumé file sent with the application
    (the copy kept when it was made, :func:`jobs.services.application_resume.application_resume_open`)
    as a private, uncached attachment (``accounts.views.resume.file_download``), while
    :func:`jobs.selectors.resume_downloadable` holds; 404 otherwise."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        application = self.get_application()
        if not resume_downloadable(application):
            raise Http404(_("내려받을 이력서가 없습니다."))
        try:
            return file_download(application_resume_open(application))
        except ResumeNotFound:
            raise Http404(_("내려받을 이력서가 없습니다.")) from None
