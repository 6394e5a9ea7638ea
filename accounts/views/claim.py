"""Claiming an online account for a record made at a community centre (issue 5 item 2).

* ``/accounts/claim/`` (``accounts:claim``) — name, birth year and the mobile number the
  centre registered; a code is sent by SMS when a walk-in record matches, and the next page
  is the same either way (:func:`accounts.services.claim.claim_start`).
* ``/accounts/claim/verify/`` (``accounts:claim_verify``) — the code and a new password
  make the account, link the record and log the resident in
  (:func:`accounts.services.claim.claim_complete`); a button sends a new code. When the
  number is already another account's login (a family member's), a right code brings up an
  email field on this page: the account is then made with that address as its login, the
  sign-up verification link is sent to it, and the resident lands on
* ``/accounts/claim/email-sent/`` (``accounts:claim_email_sent``) — "open the link in the
  email" (the account logs in once the address is verified; opened in this browser, the
  link logs the resident in at once, as after sign-up).

Requests that may send an SMS count per IP address (:data:`accounts.ratelimit.IP_CODE`)
like the other code pages. What step 1 was given waits in the session
(:data:`CLAIM_SESSION_KEY`); step 2 without it goes back to step 1.
"""

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext
from django.views.generic import FormView, TemplateView

from .. import ratelimit
from ..claim_forms import ClaimStartForm, ClaimVerifyForm
from ..identifiers import format_mobile
from ..models import User
from ..services.claim import ClaimTicket, claim_complete, claim_start
from ..services.signup import VERIFY_EMAIL_MAX_AGE, email_verification_send
from .auth import remember_signup, too_many_requests
from .signup import LOGIN_BACKEND, SIGNUP_USER_SESSION_KEY, _too_many_codes_message

logger = logging.getLogger(__name__)

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
    "my page". ``resend`` in the POST asks for a new code (same answer either way).

    When the number is another account's login (known only after a right code), the page
    shows the email field (context ``ask_email``); with an address the account is made with
    it, the verification link is sent (:func:`_send_verification`) and the resident goes to
    ``accounts:claim_email_sent``, not logged in."""

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
        return super().get_context_data(
            phone=format_mobile(self.ticket.phone), ask_email=self.ticket.phone_taken, **kwargs
        )

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
            profile = claim_complete(
                ticket=self.ticket, code=data["code"], password=data["password1"], email=data.get("email") or ""
            )
        except ValidationError as exc:
            self.request.session[CLAIM_SESSION_KEY] = self.ticket.as_session()  # tries counted, phone_taken
            form.add_service_errors(exc)
            return self.form_invalid(form)
        self.request.session.pop(CLAIM_SESSION_KEY, None)
        if profile.user.phone is None:  # an email login: it works once the address is verified
            self._send_verification(profile.user)
            return redirect("accounts:claim_email_sent")
        login(self.request, profile.user, backend=LOGIN_BACKEND)
        messages.success(
            self.request,
            gettext(
                "온라인 계정을 만들었습니다. 이제 휴대전화번호와 새 비밀번호로 로그인할 수 있고, "
                "센터에서 등록한 정보와 지원 현황을 여기서 볼 수 있습니다."
            ),
        )
        return redirect(SEEKER_HOME_URL)

    def _send_verification(self, user: User) -> None:
        """As after an email sign-up (``accounts.views.signup.SeekerSignupView``): the link,
        this browser remembered as where the account was made (the link opened here logs
        in), and the account noted for the "email sent" page. A mail failure is told: the
        resend page sends a new link."""
        self.request.session[SIGNUP_USER_SESSION_KEY] = user.pk
        remember_signup(self.request, user)
        try:
            email_verification_send(user=user, base_url=self.request.build_absolute_uri("/"), next_url=SEEKER_HOME_URL)
        except (smtplib.SMTPException, OSError):
            logger.exception("verification email for claimed account %s not sent", user.pk)
            messages.warning(
                self.request,
                gettext("확인 메일을 보내지 못했습니다. 잠시 뒤 '확인 메일 다시 받기'에서 다시 받아 주세요."),
            )


class ClaimEmailSentView(TemplateView):
    """``/accounts/claim/email-sent/``: after a claim with an email login, says that the
    record is linked and the account works once the link in the email is opened. Context:
    ``email`` (the account made in this browser, "" otherwise) and ``days`` (the link's
    lifetime)."""

    template_name = "accounts/claim/email_sent.html"

    def get_context_data(self, **kwargs):
        pk = self.request.session.get(SIGNUP_USER_SESSION_KEY)
        user = User.objects.filter(pk=pk).first() if isinstance(pk, int) else None
        return super().get_context_data(
            email=(user.email or "") if user else "", days=VERIFY_EMAIL_MAX_AGE.days, **kwargs
        )


urlpatterns = [
    path("claim/", ClaimStartView.as_view(), name="claim"),
    path("claim/verify/", ClaimVerifyView.as_view(), name="claim_verify"),
    path("claim/email-sent/", ClaimEmailSentView.as_view(), name="claim_email_sent"),
]
