"""The seeker's "my page" (``/my/``): applications with their status, saved postings and
postings that fit the wanted conditions now; one application with its history; withdrawing."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ...matching import explain, postings_fitting
from ...models import Application, SavedPosting, today_kst
from ...selectors import has_wanted_conditions
from ...services import application_withdraw
from ..application_display import history_rows, snapshot_display, status_label
from ..public import get_page
from .access import SeekerRequiredMixin

#: How many fitting postings my page shows (the search page has the rest).
FITTING_SHOWN = 10


class MyHomeView(SeekerRequiredMixin, TemplateView):
    """``/my/``: the seeker's applications (newest first, 20 a page, ``?page=``) with status
    and interview date; saved postings (20 a page, ``?saved_page=``) saying which have
    closed; and up to 10 open postings that fit the wanted conditions now, best first, each
    with the reasons it fits (``jobs.matching.postings_fitting``), leaving out those the
    seeker already applied to."""

    template_name = "jobs/seeker/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        profile = self.profile
        today = today_kst()
        applications = (
            Application.objects.of_seeker(profile).select_related("posting__employer").order_by("-created_at", "-id")
        )
        app_page, app_notice = get_page(Paginator(applications, settings.NJ_PAGE_SIZE), self.request.GET.get("page"))
        for application in app_page.object_list:
            application.status_text = status_label(application.status)
        saved = SavedPosting.objects.filter(seeker=profile).select_related("posting__employer", "posting__dong")
        saved_page, saved_notice = get_page(Paginator(saved, settings.NJ_PAGE_SIZE), self.request.GET.get("saved_page"))
        for item in saved_page.object_list:
            item.is_open = item.posting.is_open(today)
        fitting = postings_fitting(profile, today=today).exclude(applications__seeker=profile).for_list()
        shown = list(fitting[:FITTING_SHOWN])
        for posting in shown:
            posting.match_explanation = explain(posting.match_reasons)
        ctx.update(
            profile=profile,
            today=today,
            applications_page=app_page,
            saved_page=saved_page,
            notices=[n for n in (app_notice, saved_notice) if n],
            fitting=shown,
            fitting_count=fitting.count(),
            has_wanted=has_wanted_conditions(profile),
        )
        return ctx


class MyApplicationMixin(SeekerRequiredMixin):
    """Views of one of the seeker's applications: someone else's is a 404."""

    def get_application(self) -> Application:
        if not hasattr(self, "_application"):
            self._application = get_object_or_404(
                Application.objects.of_seeker(self.profile).select_related(
                    "posting__employer", "posting__dong", "seeker"
                ),
                pk=self.kwargs["pk"],
            )
        return self._application


class MyApplicationDetailView(MyApplicationMixin, TemplateView):
    """``/my/applications/<pk>/``: the posting, the status with the interview date and place,
    the status history (oldest first), the message and the profile snapshot as sent, and the
    withdraw button while the seeker may still withdraw."""

    template_name = "jobs/seeker/application_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        application = self.get_application()
        ctx.update(
            application=application,
            posting=application.posting,
            status_text=status_label(application.status),
            history=history_rows(application, for_seeker=True),
            snapshot=snapshot_display(application.profile_snapshot),
        )
        return ctx


class MyApplicationWithdrawView(MyApplicationMixin, View):
    """POST ``/my/applications/<pk>/withdraw/``: without ``confirm=yes`` a page asks to
    confirm; with it the application is withdrawn (``application_withdraw``) and the seeker
    goes back to it with a confirmation, or with the reason it was refused."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        """The address opened directly (a bookmark, a reload): back to the application, with
        the reason when it can no longer be withdrawn."""
        application = self.get_application()
        if not application.can_withdraw:
            messages.info(request, _("이 지원은 이미 결과가 나왔거나 취소되어 취소할 수 없습니다."))
        return redirect("seeker:application_detail", pk=application.pk)

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "jobs/seeker/withdraw_confirm.html",
                {"application": application, "posting": application.posting},
            )
        try:
            application_withdraw(application=application, by=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("지원을 취소했습니다. 기업에는 '지원 취소'로 보입니다."))
        return redirect("seeker:application_detail", pk=application.pk)
