"""Seeker sign-up, phone verification by SMS code and password reset (issue 4).

* ``/accounts/signup/`` — a job seeker signs up with an email, a mobile number or both; an
  email gets the verification link, a number a 6-digit code (``/accounts/verify-phone/``).
* ``/accounts/password-reset/`` — by email (Django's views, Korean templates) or by SMS code
  (``phone/`` then ``phone/code/``). Neither reveals whether an address or number is
  registered: the answer is the same either way.

Every page here that sends an email or an SMS counts requests per IP address
(:mod:`accounts.ratelimit`; django-axes covers only the login) before looking at what was
typed, and answers "too many" the same way for any address or number (a form page with
status 429; a "send a new code" button with a warning).
"""

import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse_lazy
from django.utils.translation import gettext
from django.views.generic import FormView, TemplateView

from .. import ratelimit, services
from ..identifiers import format_mobile, mask_mobile
from ..models import User
from ..selectors import seeker_profile_of
from ..services.passwords import RESET_VIA_EMAIL
from ..signup_forms import CodeForm, EmailResetForm, NewPasswordForm, PhoneForm, ResetWithCodeForm, SeekerSignupForm
from .auth import SEEKER_START_URL, remember_signup, too_many_requests

logger = logging.getLogger(__name__)

#: Session key: id of the account that signed up in this browser and has yet to verify.
SIGNUP_USER_SESSION_KEY = "accounts:signup_user"
#: Session key: the E.164 number a password reset code was asked for.
RESET_PHONE_SESSION_KEY = "accounts:reset_phone"
LOGIN_BACKEND = "accounts.backends.EmailOrPhoneBackend"


class SeekerSignupView(FormView):
    """``/accounts/signup/``: create a seeker's account, profile and consents
    (:func:`accounts.services.seeker_signup`), then send the email link and/or the SMS code.
    With a number the next page is the code page, otherwise a page that says to open the
    email. Signed-in users are sent on (they already have an account). Sign-ups per IP
    address are limited (:data:`accounts.ratelimit.IP_SIGNUP`)."""

    template_name = "accounts/signup/form.html"
    form_class = SeekerSignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            messages.info(request, gettext("이미 로그인되어 있습니다."))
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_SIGNUP):
            return too_many_requests(self, form)
        data = form.cleaned_data
        try:
            profile = services.seeker_signup(
                name=data["name"],
                birth_year=data["birth_year"],
                password=data["password1"],
                email=data.get("email"),
                phone=data.get("phone"),
                home_dong=data.get("home_dong"),
                consents=data["consents"],
                guardian_document=data.get("guardian_document") if data.get("needs_guardian") else None,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        user = profile.user
        self.request.session[SIGNUP_USER_SESSION_KEY] = user.pk
        remember_signup(self.request, user)
        if user.email:
            try:
                services.email_verification_send(
                    user=user, base_url=self.request.build_absolute_uri("/"), next_url=SEEKER_START_URL
                )
            except (smtplib.SMTPException, OSError):
                logger.exception("verification email for account %s not sent", user.pk)
                messages.warning(
                    self.request,
                    gettext("확인 메일을 보내지 못했습니다. 잠시 뒤 '확인 메일 다시 받기'에서 다시 받아 주세요."),
                )
        if not user.phone:
            return redirect("accounts:signup_done")
        try:
            services.phone_verification_send(user=user)
        except ValidationError as exc:
            messages.warning(self.request, " ".join(exc.messages))
        return redirect("accounts:verify_phone")


class SignupDoneView(TemplateView):
    """``/accounts/signup/done/``: after an email-only sign-up, says to open the link."""

    template_name = "accounts/signup/done.html"

    def get_context_data(self, **kwargs):
        pk = self.request.session.get(SIGNUP_USER_SESSION_KEY)
        user = User.objects.filter(pk=pk).first() if pk else None
        return super().get_context_data(
            email=user.email if user else "", days=services.VERIFY_EMAIL_MAX_AGE.days, **kwargs
        )


class VerifyPhoneView(FormView):
    """``/accounts/verify-phone/``: enter the 6-digit SMS code that verifies the account's
    mobile number. The account is the signed-in user's, or the one that signed up in this
    browser; the right code logs that person in. A button sends a new code (60 s between
    codes, 5 an hour). Anonymous visitors without a pending sign-up go to the login page."""

    template_name = "accounts/signup/verify_phone.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        self.account = self._account()
        if self.account is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            messages.info(request, gettext("이 계정에는 확인할 휴대전화번호가 없습니다."))
            return redirect("home")
        if self.account.phone_verified_at is not None:
            request.session.pop(SIGNUP_USER_SESSION_KEY, None)
            messages.info(request, gettext("이미 확인된 휴대전화번호입니다."))
            return redirect("home" if request.user.is_authenticated else "accounts:login")
        return super().dispatch(request, *args, **kwargs)

    def _account(self) -> User | None:
        if self.request.user.is_authenticated:
            user = self.request.user
        else:
            pk = self.request.session.get(SIGNUP_USER_SESSION_KEY)
            user = User.objects.filter(pk=pk).first() if isinstance(pk, int) else None
        if user is None or not user.phone or user.erased_at is not None or not user.is_active:
            return None
        return user

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            masked_phone=mask_mobile(self.account.phone),
            email=self.account.email if self.account.email_verified_at is None else "",
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "resend" in request.POST:
            if not ratelimit.ip_allows(request, ratelimit.IP_CODE):
                messages.warning(request, _too_many_codes_message())
                return redirect("accounts:verify_phone")
            try:
                services.phone_verification_send(user=self.account)
            except ValidationError as exc:
                messages.warning(request, " ".join(exc.messages))
            else:
                messages.info(
                    request, gettext("인증번호를 새로 보냈습니다. 가장 최근에 받은 인증번호를 입력해 주세요.")
                )
            return redirect("accounts:verify_phone")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            user = services.phone_verify(user=self.account, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
            return self.form_invalid(form)
        self.request.session.pop(SIGNUP_USER_SESSION_KEY, None)
        if not self.request.user.is_authenticated:
            login(self.request, user, backend=LOGIN_BACKEND)
            messages.success(self.request, gettext("휴대전화번호를 확인했습니다. 로그인되었습니다."))
        else:
            messages.success(self.request, gettext("휴대전화번호를 확인했습니다."))
        return redirect(SEEKER_START_URL if seeker_profile_of(user) else "home")


# ---------------------------------------------------------------------------------------------
# Password reset by email (Django's views with Korean templates)
# ---------------------------------------------------------------------------------------------


class PasswordResetEmailView(auth_views.PasswordResetView):
    """``/accounts/password-reset/``: enter the email address; a one-time link is emailed if
    an account may reset through it (same answer either way). Limited per IP address
    (:data:`accounts.ratelimit.IP_EMAIL_RESET`) and per address
    (:func:`accounts.services.password_reset_email_recipients`)."""

    template_name = "accounts/password_reset/email_form.html"
    email_template_name = "accounts/password_reset/email_body.txt"
    subject_template_name = "accounts/password_reset/email_subject.txt"
    form_class = EmailResetForm
    success_url = reverse_lazy("accounts:password_reset_email_sent")

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_EMAIL_RESET):
            return too_many_requests(self, form)
        return super().form_valid(form)

    @property
    def extra_email_context(self):
        return {"days": _reset_link_days()}


class PasswordResetEmailSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset/email_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=_reset_link_days(), **kwargs)


def _reset_link_days() -> int:
    """How many days a reset link works (``settings.PASSWORD_RESET_TIMEOUT``, 3 days)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link's page: choose a new password. Saving marks the email verified (the link
    proved it) and lifts the account's login lock
    (:func:`accounts.services.password_reset_complete`)."""

    template_name = "accounts/password_reset/confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        services.password_reset_complete(
            user=self.user, password=form.cleaned_data["new_password1"], via=RESET_VIA_EMAIL
        )
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset/complete.html"


# ---------------------------------------------------------------------------------------------
# Password reset by SMS code
# ---------------------------------------------------------------------------------------------


def _too_many_codes_message() -> str:
    return gettext(
        "이 인터넷 주소에서 인증번호를 너무 많이 요청했습니다. 한 시간쯤 뒤에 다시 받아 주세요. "
        "급하면 남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
    )


def _code_sent_message() -> str:
    return gettext(
        "입력한 번호로 가입한 계정이 있으면 인증번호 6자리를 문자로 보냈습니다. "
        "문자가 오지 않으면 번호를 확인하거나 1분 뒤에 다시 받아 주세요 (한 시간에 5번, 하루에 10번까지)."
    )


class PasswordResetPhoneView(FormView):
    """``/accounts/password-reset/phone/``: enter the mobile number; a code is sent by SMS if
    an account may reset through it. The next page is the same either way."""

    template_name = "accounts/password_reset/phone_form.html"
    form_class = PhoneForm

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_CODE):
            return too_many_requests(self, form)
        phone = form.cleaned_data["phone"]
        services.password_reset_code_send(phone=phone)
        self.request.session[RESET_PHONE_SESSION_KEY] = phone
        messages.info(self.request, _code_sent_message())
        return redirect("accounts:password_reset_phone_code")


class PasswordResetPhoneCodeView(FormView):
    """``/accounts/password-reset/phone/code/``: enter the SMS code and a new password. A
    button asks for a new code. Without a number from the previous page it sends there."""

    template_name = "accounts/password_reset/phone_code.html"
    form_class = ResetWithCodeForm

    def dispatch(self, request, *args, **kwargs):
        self.phone = request.session.get(RESET_PHONE_SESSION_KEY)
        if not isinstance(self.phone, str) or not self.phone:
            return redirect("accounts:password_reset_phone")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(phone=format_mobile(self.phone), **kwargs)

    def post(self, request, *args, **kwargs):
        if "resend" in request.POST:
            if not ratelimit.ip_allows(request, ratelimit.IP_CODE):
                messages.warning(request, _too_many_codes_message())
                return redirect("accounts:password_reset_phone_code")
            services.password_reset_code_send(phone=self.phone)
            messages.info(request, _code_sent_message())
            return redirect("accounts:password_reset_phone_code")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.password_reset_with_code(phone=self.phone, code=data["code"], password=data["new_password1"])
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        self.request.session.pop(RESET_PHONE_SESSION_KEY, None)
        return redirect("accounts:password_reset_complete")


urlpatterns = [
    path("signup/", SeekerSignupView.as_view(), name="signup"),
    path("signup/done/", SignupDoneView.as_view(), name="signup_done"),
    path("verify-phone/", VerifyPhoneView.as_view(), name="verify_phone"),
    path("password-reset/", PasswordResetEmailView.as_view(), name="password_reset"),
    path("password-reset/sent/", PasswordResetEmailSentView.as_view(), name="password_reset_email_sent"),
    path("password-reset/done/", PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("password-reset/phone/", PasswordResetPhoneView.as_view(), name="password_reset_phone"),
    path("password-reset/phone/code/", PasswordResetPhoneCodeView.as_view(), name="password_reset_phone_code"),
    path(
        "password-reset/email/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
