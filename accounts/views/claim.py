"""Claiming an online account for a record made at a community centre (issue 5 item 2).

* ``/accounts/claim/`` (``accounts:claim``) — name, birth year and the mobile number the
  centre registered; a code is sent by SMS when a walk-in record matches, and the next page
  is the same either way (:func:`accounts.services.claim.claim_start`).
* ``/accounts/claim/verify/`` (``accounts:claim_verify``) — the code and a new password
  make the account, link the record and log the resident in
  (:func:`accounts.services.claim.claim_complete`); a button sends a new code.

Requests that may send an SMS count per IP address (:data:`accounts.ratelimit.IP_CODE`)
like the other code pages. What step 1 was given waits in the session
(:data:`CLAIM_SESSION_KEY`); step 2 without it goes back to step 1.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext
from django.views.generic import FormView

from .. import ratelimit
from ..claim_forms import ClaimStartForm, ClaimVerifyForm
from ..identifiers import format_mobile
from ..models import User
from ..services.claim import ClaimTicket, claim_complete, claim_start
from .auth import too_many_requests
from .signup import LOGIN_BACKEND, _too_many_codes_message

#: Session key: the :class:`ClaimTicket` of the claim in progress (as a dict).
CLAIM_SESSION_KEY = "accounts:claim"
#: The seeker's "my page" (``seeker:home`` of the jobs app; a path, so that accounts does not
#: depend on jobs), where a claimed record's new account lands.
SEEKER_HOME_URL = "/my/"


def _code_sent_message() -> str:
    return gettext(
        "입력한 정보가 센터에 등록된 정보와 맞으면 그 번호로 인증번호 6자리를 문자로 보냈습니다. "
        "문자가 오지 않으면 이름·출생 연도·번호를 센터에 알려 준 그대로 입력했는지 확인하거나, "
        "등록한 행정복지센터에 문의해 주세요."
    )


class _NotSignedInMixin:
    """Signed-in people already have an account: they are sent to the home page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, gettext("이미 로그인되어 있습니다."))
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)


class ClaimStartView(_NotSignedInMixin, FormView):
    """``/accounts/claim/``: who the resident is. The next page and its message are the same
    whether or not a record matched."""

    template_name = "accounts/claim/start.html"
    form_class = ClaimStartForm

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_CODE):
            return too_many_requests(self, form)
        data = form.cleaned_data
        try:
            ticket = claim_start(name=data["name"], birth_year=data["birth_year"], phone=data["phone"])
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        self.request.session[CLAIM_SESSION_KEY] = ticket.as_session()
        messages.info(self.request, _code_sent_message())
        return redirect("accounts:claim_verify")


class ClaimVerifyView(_NotSignedInMixin, FormView):
    """``/accounts/claim/verify/``: the SMS code and a new password twice. A right code
    makes the account, links the record, logs the resident in and sends them to their
    "my page". ``resend`` in the POST asks for a new code (same answer either way)."""

    template_name = "accounts/claim/verify.html"
    form_class = ClaimVerifyForm

    def dispatch(self, request, *args, **kwargs):
        self.ticket = ClaimTicket.from_session(request.session.get(CLAIM_SESSION_KEY))
        if self.ticket is None and not request.user.is_authenticated:
            messages.info(request, gettext("먼저 이름, 출생 연도, 휴대전화번호를 입력해 주세요."))
            return redirect("accounts:claim")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["candidate"] = User(phone=self.ticket.phone, name=self.ticket.name)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(phone=format_mobile(self.ticket.phone), **kwargs)

    def post(self, request, *args, **kwargs):
        if "resend" in request.POST:
            if not ratelimit.ip_allows(request, ratelimit.IP_CODE):
                messages.warning(request, _too_many_codes_message())
                return redirect("accounts:claim_verify")
            ticket = claim_start(name=self.ticket.name, birth_year=self.ticket.birth_year, phone=self.ticket.phone)
            request.session[CLAIM_SESSION_KEY] = ticket.as_session()
            messages.info(request, _code_sent_message())
            return redirect("accounts:claim_verify")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            profile = claim_complete(ticket=self.ticket, code=data["code"], password=data["password1"])
        except ValidationError as exc:
            self.request.session[CLAIM_SESSION_KEY] = self.ticket.as_session()  # tries counted
            form.add_service_errors(exc)
            return self.form_invalid(form)
        self.request.session.pop(CLAIM_SESSION_KEY, None)
        login(self.request, profile.user, backend=LOGIN_BACKEND)
        messages.success(
            self.request,
            gettext(
                "온라인 계정을 만들었습니다. 이제 휴대전화번호와 새 비밀번호로 로그인할 수 있고, "
                "센터에서 등록한 정보와 지원 현황을 여기서 볼 수 있습니다."
            ),
        )
        return redirect(SEEKER_HOME_URL)


urlpatterns = [
    path("claim/", ClaimStartView.as_view(), name="claim"),
    path("claim/verify/", ClaimVerifyView.as_view(), name="claim_verify"),
]
