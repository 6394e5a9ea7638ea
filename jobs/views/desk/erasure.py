"""Desk page: erasing a walk-in resident's personal data at their request (개인정보 보호법
§36; ``desk:resident_erase``, ``/desk/residents/<pk>/erase/``), for the resident's centre
staff and district staff (another centre's resident is a 404, anyone but centre staff 403,
anonymous visitors to the login page).

GET shows what goes and what stays and asks how the resident asked (방문, 전화, 서면) and for
a confirmation tick; it writes a ``view`` row (``"record"``), as it does when shown again
with errors. POST erases through :func:`jobs.services.desk.erasure.resident_erase` (an
``edit`` row ``"erase:<channel>"`` written before the erasure) and goes to the desk home
with a message that names the record by number only. A record with an online account is
not erased here (see :mod:`jobs.services.desk.erasure`): the page says so and how the person
deletes it, with no form; a POST changes nothing and shows the same."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.models import Consent
from accounts.services import client_ip

from ...forms.desk_erasure import ResidentEraseForm
from ...models import Application, CounsellingNote
from ...services.desk.erasure import online_account_message, resident_erase
from .registration import ResidentPageMixin


class ResidentEraseView(ResidentPageMixin, FormView):
    """``/desk/residents/<pk>/erase/``: the confirmation page of the erasure (see the module
    text). Context: ``resident``, ``form`` (:class:`ResidentEraseForm`; ``None`` for a record
    with an online account), ``online_account`` (the refusal text, or ""), and what the
    record holds now: ``note_count``, ``scan_count``, ``application_count``,
    ``referral_count``."""

    template_name = "jobs/desk/erase_confirm.html"
    form_class = ResidentEraseForm

    def get(self, request, *args, **kwargs):
        self.log_view()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.get_resident().user_id is not None:  # nothing to confirm: show the refusal again
            self.log_view()
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        resident = self.get_resident()
        online = online_account_message() if resident.user_id is not None else ""
        if online:
            kwargs["form"] = None
        applications = Application.objects.filter(seeker=resident)
        return super().get_context_data(
            online_account=online,
            note_count=CounsellingNote.objects.filter(seeker=resident).count(),
            scan_count=Consent.objects.filter(person=resident).exclude(paper_scan="").count(),
            application_count=applications.count(),
            referral_count=applications.filter(referral__isnull=False).count(),
            **kwargs,
        )

    def form_valid(self, form):
        resident = self.get_resident()
        try:
            resident_erase(
                profile=resident,
                staff=self.request.user,
                channel=form.cleaned_data["channel"],
                ip=client_ip(self.request),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("주민 기록 %(number)d번의 개인정보를 지웠습니다. 기록 번호와 통계용 정보만 남습니다.")
            % {"number": resident.pk},
        )
        return redirect("desk:home")

    def form_invalid(self, form):
        self.log_view()
        return super().form_invalid(form)


urlpatterns = [
    path("residents/<int:pk>/erase/", ResidentEraseView.as_view(), name="resident_erase"),
]
