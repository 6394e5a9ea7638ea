"""Login and logout pages, and the email verification link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import services
from ..forms import EmailVerificationResendForm, LoginForm

#: Where a verified email leads when its link carries no ``next``. Only employer members sign
#: up online so far, and they register their business next. A path, not a URL name, so that
#: accounts does not depend on the employers app.
VERIFY_EMAIL_DEFAULT_NEXT = "/employers/register/"


def safe_next_url(request, url: str | None) -> str:
    """``url`` if it is a local path on this site (no other host or scheme), else ``""``."""
    if (
        url
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
        and url.startswith("/")
        and not url.startswith(("//", "/\\"))
    ):
        return url
    return ""


class LoginView(auth_views.LoginView):
    """Login by email or mobile number (see ``accounts.backends``); rate-limited by
    django-axes (5 failures per account and IP, then 15 minutes)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext("로그인했습니다."))
        return response


class LogoutView(auth_views.LogoutView):
    """POST logs out with a confirmation message; GET shows a page with a logout button
    (Django logs out only on POST, so a typed or bookmarked /accounts/logout/ still works)."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return TemplateView.as_view(template_name="accounts/logout_confirm.html")(request)

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.success(request, gettext("로그아웃했습니다."))
        return response


class VerifyEmailView(View):
    """``/accounts/verify-email/<token>/``: the link in the sign-up email.

    A valid link marks the email verified, logs the person in and redirects to the ``next``
    saved in the link (or :data:`VERIFY_EMAIL_DEFAULT_NEXT`). A link whose email was already
    verified does not log in again (it may have been forwarded): it sends to the login page.
    A tampered or expired link shows ``accounts/verify_email_invalid.html`` with status 400
    and a way to get a new link.
    """

    # no HEAD: link checkers that only peek must not use up the link or get a session
    http_method_names = ["get", "options"]

    def get(self, request, token: str):
        try:
            result = services.email_verify(token=token)
        except services.EmailVerificationExpired as exc:
            return self._invalid(request, expired=True, next_url=safe_next_url(request, exc.next_url))
        except services.EmailVerificationError:
            return self._invalid(request, expired=False, next_url="")
        next_url = safe_next_url(request, result.next_url) or VERIFY_EMAIL_DEFAULT_NEXT
        if result.was_already_verified:
            if request.user.is_authenticated and request.user.pk == result.user.pk:
                return redirect(next_url)
            messages.info(request, gettext("이미 확인된 이메일입니다. 이메일과 비밀번호로 로그인해 주세요."))
            return redirect(reverse("accounts:login") + "?" + urlencode({"next": next_url}))
        login(request, result.user, backend="accounts.backends.EmailOrPhoneBackend")
        messages.success(request, gettext("이메일 주소를 확인했습니다. 로그인되었습니다."))
        return redirect(next_url)

    def _invalid(self, request, *, expired: bool, next_url: str):
        resend_url = reverse("accounts:verify_email_resend")
        if next_url:
            resend_url += "?" + urlencode({"next": next_url})
        context = {"expired": expired, "resend_url": resend_url, "days": services.VERIFY_EMAIL_MAX_AGE.days}
        return render(request, "accounts/verify_email_invalid.html", context, status=400)


class VerifyEmailResendView(FormView):
    """``/accounts/verify-email/resend/``: enter an email address to get a new verification
    link. The answer is the same whether or not the address belongs to an account waiting for
    verification, so the page does not reveal who is registered."""

    template_name = "accounts/verify_email_resend.html"
    form_class = EmailVerificationResendForm

    def get_initial(self):
        return {"next": safe_next_url(self.request, self.request.GET.get("next"))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=services.VERIFY_EMAIL_MAX_AGE.days, **kwargs)

    def form_valid(self, form):
        services.email_verification_resend(
            email=form.cleaned_data["email"],
            base_url=self.request.build_absolute_uri("/"),
            next_url=safe_next_url(self.request, form.cleaned_data.get("next")),
        )
        messages.info(
            self.request,
            gettext(
                "입력한 주소가 확인을 기다리는 계정의 주소라면 새 확인 메일을 보냈습니다. "
                "메일이 오지 않으면 스팸함을 확인하거나 남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
            ),
        )
        return redirect("accounts:verify_email_resend")
