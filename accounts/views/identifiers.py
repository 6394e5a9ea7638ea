"""``/accounts/identifiers/`` (로그인 정보): the email address and mobile number of the
signed-in account with their verified state, and the ways to add or change them. Any
signed-in account (a seeker, an employer member, staff); anonymous visitors go to login.

* ``phone/`` — the new number; a 6-digit code goes to it (``services.phone_change_send``)
  and the number waits in the session (:data:`PENDING_PHONE_SESSION_KEY`), not on the
  account; ``phone/code/`` — the right code makes it the account's number
  (``services.phone_change_verify``); a button sends a new code.
* ``email/`` — the new address; a link goes to it (``services.email_change_send``) and the
  address waits in the session (:data:`PENDING_EMAIL_SESSION_KEY`); ``email/<token>/`` — the
  link, opened in the same browser by the same signed-in account
  (``services.email_change_verify``), makes it the account's address.

The pages that send a code or a link count requests per IP address
(:mod:`accounts.ratelimit`) before anything else; the services add the limits per number,
address and account.
"""

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import ratelimit, services
from ..identifier_forms import NewEmailForm, NewPhoneForm
from ..identifiers import format_mobile
from ..selectors import UNVERIFIED, identifier_states, seeker_profile_of
from ..signup_forms import CodeForm
from .auth import too_many_requests
from .signup import _too_many_codes_message

logger = logging.getLogger(__name__)

#: Session key: the E.164 number a code was sent to from ``phone/`` (not yet the account's).
PENDING_PHONE_SESSION_KEY = "accounts:pending_phone"
#: Session key: the address a link was sent to from ``email/`` (not yet the account's).
PENDING_EMAIL_SESSION_KEY = "accounts:pending_email"


def _pending(request, key: str) -> str:
    value = request.session.get(key)
    return value if isinstance(value, str) else ""


class IdentifiersView(LoginRequiredMixin, TemplateView):
    """``/accounts/identifiers/``: the email and the mobile number, each verified or not,
    with the links to add, change or verify them, and what is waiting for a code or link."""

    template_name = "accounts/identifiers/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            account=user,
            phone=format_mobile(user.phone) if user.phone else "",
            states=identifier_states(user),
            pending_phone=format_mobile(_pending(self.request, PENDING_PHONE_SESSION_KEY)),
            pending_email=_pending(self.request, PENDING_EMAIL_SESSION_KEY),
            is_seeker=seeker_profile_of(user) is not None,
            days=services.VERIFY_EMAIL_MAX_AGE.days,
            **kwargs,
        )


class PhoneChangeView(LoginRequiredMixin, FormView):
    """``/accounts/identifiers/phone/``: type the number to add or change to; a code goes to
    it and the next page asks for the code. An unverified number of the account is offered
    as the starting value (to verify it)."""

    template_name = "accounts/identifiers/phone_form.html"
    form_class = NewPhoneForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        user = self.request.user
        if user.phone and identifier_states(user)["phone"] == UNVERIFIED:
            return {"phone": format_mobile(user.phone)}
        return {}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            current=format_mobile(user.phone) if user.phone else "", states=identifier_states(user), **kwargs
        )

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_CODE):
            return too_many_requests(self, form)
        try:
            row = services.phone_change_send(user=self.request.user, phone=form.cleaned_data["phone"])
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        self.request.session[PENDING_PHONE_SESSION_KEY] = row.destination
        messages.info(
            self.request,
            gettext("%(phone)s 번호로 인증번호 6자리를 문자로 보냈습니다. 10분 안에 입력해 주세요.")
            % {"phone": format_mobile(row.destination)},
        )
        return redirect("accounts:identifier_phone_code")


class PhoneCodeView(LoginRequiredMixin, FormView):
    """``/accounts/identifiers/phone/code/``: the code sent to the number typed on the
    previous page (without one it sends there). The right code makes the number the
    account's, verified; a button sends a new code."""

    template_name = "accounts/identifiers/phone_code.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.phone = _pending(request, PENDING_PHONE_SESSION_KEY)
        if not self.phone:
            return redirect("accounts:identifier_phone")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(phone=format_mobile(self.phone), **kwargs)

    def post(self, request, *args, **kwargs):
        if "resend" in request.POST:
            if not ratelimit.ip_allows(request, ratelimit.IP_CODE):
                messages.warning(request, _too_many_codes_message())
                return redirect("accounts:identifier_phone_code")
            try:
                services.phone_change_send(user=request.user, phone=self.phone)
            except ValidationError as exc:
                messages.warning(request, " ".join(exc.messages))
            else:
                messages.info(
                    request, gettext("인증번호를 새로 보냈습니다. 가장 최근에 받은 인증번호를 입력해 주세요.")
                )
            return redirect("accounts:identifier_phone_code")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.phone_change_verify(user=self.request.user, phone=self.phone, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error(None if hasattr(exc, "error_dict") else "code", exc.messages)
            return self.form_invalid(form)
        self.request.session.pop(PENDING_PHONE_SESSION_KEY, None)
        messages.success(
            self.request,
            gettext("휴대전화번호를 확인하고 저장했습니다. 이제 이 번호로 로그인하고 문자 알림을 받을 수 있습니다."),
        )
        return redirect("accounts:identifiers")


class EmailChangeView(LoginRequiredMixin, FormView):
    """``/accounts/identifiers/email/``: type the address to add or change to; a link goes
    to it. An unverified address of the account is offered as the starting value."""

    template_name = "accounts/identifiers/email_form.html"
    form_class = NewEmailForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        user = self.request.user
        if user.email and identifier_states(user)["email"] == UNVERIFIED:
            return {"email": user.email}
        return {}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            current=user.email or "",
            states=identifier_states(user),
            days=services.VERIFY_EMAIL_MAX_AGE.days,
            **kwargs,
        )

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_VERIFY_RESEND):
            return too_many_requests(self, form)
        try:
            email = services.email_change_send(
                user=self.request.user, email=form.cleaned_data["email"], base_url=self.request.build_absolute_uri("/")
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        except (smtplib.SMTPException, OSError):
            logger.exception("new-address link for account %s not sent", self.request.user.pk)
            form.add_error(None, gettext("확인 메일을 보내지 못했습니다. 잠시 뒤에 다시 해 주세요."))
            return self.form_invalid(form)
        self.request.session[PENDING_EMAIL_SESSION_KEY] = email
        messages.info(
            self.request,
            gettext(
                "%(email)s 주소로 확인 메일을 보냈습니다. 이 브라우저에서 로그인한 채로 메일의 링크를 눌러 주세요. "
                "링크를 누르기 전에는 계정의 이메일이 바뀌지 않습니다."
            )
            % {"email": email},
        )
        return redirect("accounts:identifiers")


class EmailLinkView(LoginRequiredMixin, View):
    """``/accounts/identifiers/email/<token>/``: the link of the new-address mail. Opened
    by the account that asked, in the browser that asked (the address waits in its
    session), it makes the address the account's, verified. Otherwise, or tampered with or
    older than three days, it changes nothing and shows
    ``accounts/identifiers/email_link_invalid.html`` with status 400."""

    # no HEAD: a link checker must not use the link up
    http_method_names = ["get", "options"]

    def get(self, request, token: str):
        try:
            services.email_change_verify(
                user=request.user, token=token, email=_pending(request, PENDING_EMAIL_SESSION_KEY) or None
            )
        except services.EmailVerificationError as exc:
            expired = isinstance(exc, services.EmailVerificationExpired)
            context = {"expired": expired, "days": services.VERIFY_EMAIL_MAX_AGE.days}
            return render(request, "accounts/identifiers/email_link_invalid.html", context, status=400)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts:identifiers")
        request.session.pop(PENDING_EMAIL_SESSION_KEY, None)
        messages.success(
            request,
            gettext("이메일 주소를 확인하고 저장했습니다. 이제 이 주소로 로그인하고 이메일 알림을 받을 수 있습니다."),
        )
        return redirect("accounts:identifiers")


urlpatterns = [
    path("identifiers/", IdentifiersView.as_view(), name="identifiers"),
    path("identifiers/phone/", PhoneChangeView.as_view(), name="identifier_phone"),
    path("identifiers/phone/code/", PhoneCodeView.as_view(), name="identifier_phone_code"),
    path("identifiers/email/", EmailChangeView.as_view(), name="identifier_email"),
    path("identifiers/email/<str:token>/", EmailLinkView.as_view(), name="identifier_email_verify"),
]
