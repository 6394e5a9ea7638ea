"""A seeker's data rights (issue 4 item 8; 개인정보 보호법 §35 열람, §36 삭제):
``/accounts/my-data/`` explains what is held and offers the JSON download
(``/accounts/my-data/download/``, ``my-data.json``); ``/accounts/delete/`` erases the account
after the current password and a confirmation tick, logs out and leads to
``/accounts/deleted/``, a confirmation page.

Authorization: anonymous visitors are sent to login; a signed-in user without a seeker
profile (an employer member or staff account) gets 403 with an explanation of where to ask
instead (their data is not a seeker record, and erasing an employer or staff login is the
district's job). The rules live in ``accounts.services.privacy``."""

import json

from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import services
from ..mixins import SeekerRequiredMixin
from ..privacy_forms import AccountDeleteForm
from ..services.privacy import erasure_ends_employer_login
from ..services.privacy_export import CORE_SECTIONS

#: Korean labels of the export sections other apps add (``accounts.signals.collect_personal_data``;
#: ``jobs.signals``' receivers give these keys). A section without one is listed by its key, so
#: a new section needs its label here (tests/accounts/test_my_data_labels.py checks every key).
SECTION_LABELS = {
    "applications": _("지원 내역"),
    "saved_postings": _("관심 공고"),
    "matches": _("맞춤 일자리 추천"),
    "counselling_notes": _("센터 상담 기록"),
    "referrals": _("센터 취업 알선"),
}
#: Session key that lets the confirmation page show once after an erasure.
DELETED_SESSION_KEY = "accounts.deleted"


class PrivacySeekerMixin(SeekerRequiredMixin):
    """:class:`accounts.mixins.SeekerRequiredMixin` whose 403 page explains where employer and
    staff accounts ask for their data instead."""

    no_profile_template = "accounts/privacy/no_profile.html"


class MyDataView(PrivacySeekerMixin, TemplateView):
    """``/accounts/my-data/``: what the portal holds about me, with counts, and the
    download button."""

    template_name = "accounts/privacy/my_data.html"

    def get_context_data(self, **kwargs):
        export = services.personal_data_export(profile=self.profile)
        profile = export["profile"]
        other = [
            {"label": SECTION_LABELS.get(name, name), "count": len(data) if isinstance(data, list | dict) else 1}
            for name, data in export.items()
            if name not in CORE_SECTIONS
        ]
        return super().get_context_data(
            export=export,
            account=export["account"],
            profile=profile,
            career_count=len(profile["career_entries"]),
            consent_count=len(export["consents"]),
            message_count=len(export["messages"]),
            access_count=len(export["staff_access"]),
            other_sections=other,
            **kwargs,
        )


class MyDataDownloadView(PrivacySeekerMixin, View):
    """``/accounts/my-data/download/``: the export as ``my-data.json`` (UTF-8, indented,
    Korean unescaped), an attachment that no cache keeps."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        export = services.personal_data_export(profile=self.profile)
        body = json.dumps(export, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response


class AccountDeleteView(PrivacySeekerMixin, FormView):
    """``/accounts/delete/``: explains what is erased and what stays without a name; with
    the right password and the tick, erases the person (``services.person_erase``, reason
    ``request``), logs out and redirects to the confirmation page. A wrong password erases
    nothing and shows the error by the field. When the login is also an employer member's
    (``erasure_ends_employer_login``), the page warns that the employer login goes too and
    asks for a second tick."""

    template_name = "accounts/privacy/delete.html"
    form_class = AccountDeleteForm

    def ends_employer_login(self) -> bool:
        if not hasattr(self, "_ends_employer_login"):
            self._ends_employer_login = erasure_ends_employer_login(profile=self.profile)
        return self._ends_employer_login

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "ends_employer_login": self.ends_employer_login(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(ends_employer_login=self.ends_employer_login(), **kwargs)

    def form_valid(self, form):
        try:
            services.person_erase(
                profile=self.profile,
                reason=services.ErasureReason.REQUEST,
                employer_login_confirmed=form.cleaned_data.get("confirm_employer", False),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        self.request.user.refresh_from_db()  # logout's signal receivers see the tombstone
        logout(self.request)
        self.request.session[DELETED_SESSION_KEY] = True
        return redirect("accounts:deleted")


class AccountDeletedView(TemplateView):
    """``/accounts/deleted/``: the confirmation after an erasure, shown once to the browser
    that did it; anyone else (or a reload) is sent to the home page."""

    template_name = "accounts/privacy/deleted.html"

    def get(self, request, *args, **kwargs):
        if not request.session.pop(DELETED_SESSION_KEY, False):
            return redirect("home")
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("my-data/", MyDataView.as_view(), name="my_data"),
    path("my-data/download/", MyDataDownloadView.as_view(), name="my_data_download"),
    path("delete/", AccountDeleteView.as_view(), name="delete"),
    path("deleted/", AccountDeletedView.as_view(), name="deleted"),
]
