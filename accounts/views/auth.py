"""Login and logout pages, and the email verification link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_encode
from django.utils.translation import gettext
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import ratelimit, services
from ..forms import EmailVerificationResendForm, LoginForm
from ..selectors import seeker_profile_of

#: Where a verified email leads an account without a seeker profile when its link carries no
#: ``next``: employer members register their business next. A path, not a URL name, so that
#: accounts does not depend on the employers app.
VERIFY_EMAIL_DEFAULT_NEXT = "/employers/register/"
#: Where a job seeker goes once an identifier is verified (and where a seeker's verification
#: link leads without a ``next``): the profile with the wanted conditions.
SEEKER_START_URL = "/accounts/profile/"


def verified_landing(user) -> str:
    """The page an account lands on after verifying an identifier when nothing else was
    asked for: :data:`SEEKER_START_URL` for a job seeker (a seeker profile),
    :data:`VERIFY_EMAIL_DEFAULT_NEXT` otherwise."""
    return SEEKER_START_URL if seeker_profile_of(user) else VERIFY_EMAIL_DEFAULT_NEXT


def too_many_requests(view, form):
    """Show ``form`` again with a non-field error and status 429: this IP address has asked
    too often (:mod:`accounts.ratelimit`). The answer does not depend on what was typed."""
    form.add_error(
        None,
        gettext(
            "이 인터넷 주소에서 요청이 너무 많았습니다. 한 시간쯤 뒤에 다시 해 주세요. "
            "급하면 남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
        ),
    )
    return view.render_to_response(view.get_context_data(form=form), status=429)


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


#: Session key: ids of the accounts created by sign-up in this browser (the person who chose
#: their password). An email link opened elsewhere does not log in with that password.
CREATED_HERE_SESSION_KEY = "accounts:created_here"


def remember_signup(request, user) -> None:
    """Note in the session that ``user`` was just created by sign-up in this browser."""
    ids = [pk for pk in request.session.get(CREATED_HERE_SESSION_KEY, []) if pk != user.pk][-4:]
    request.session[CREATED_HERE_SESSION_KEY] = [*ids, user.pk]


def created_here(request, user) -> bool:
    """True if ``user`` signed up in this browser, or is the one signed in here."""
    if request.user.is_authenticated and request.user.pk == user.pk:
        return True
    return user.pk in request.session.get(CREATED_HERE_SESSION_KEY, [])


class VerifyEmailView(View):
    """``/accounts/verify-email/<token>/``: the link in the sign-up email.

    A valid link marks the email verified, logs the person in and redirects to the ``next``
    saved in the link (or :func:`verified_landing`: a seeker's profile, else
    :data:`VERIFY_EMAIL_DEFAULT_NEXT`). The link is bound to the address it was sent to
    (:func:`accounts.services.email_verify`): once the account has another address, or none,
    it neither verifies nor logs in.

    Opened in another browser than the one that signed up (:func:`created_here`), the link
    verifies the address but does not log in with the password chosen at sign-up: whoever
    signed up may not be the mailbox's owner (someone may have registered another person's
    address first). If the account has no other verified identifier, the mailbox's owner is
    taken to set a new password (Django's reset confirm page), and only finishing that verifies
    the address. If its phone is verified, the
    address is not verified at all (``verify_email_elsewhere.html``, 400): the phone's owner
    verifies it signed in, so one account never joins two people's identifiers.
    A link whose email was already
    verified does not log in again (it may have been forwarded): it sends to the login page.
    A tampered or expired link shows ``accounts/verify_email_invalid.html`` with status 400
    and a way to get a new link.
    """

    # no HEAD: link checkers that only peek must not use up the link or get a session
    http_method_names = ["get", "options"]

    def get(self, request, token: str):
        try:
            result = services.email_verify(token=token, opened_by_owner=lambda user: created_here(request, user))
        except services.EmailVerificationExpired as exc:
            return self._invalid(request, expired=True, next_url=safe_next_url(request, exc.next_url))
        except services.EmailVerificationElsewhere:
            return render(request, "accounts/verify_email_elsewhere.html", status=400)
        except services.EmailVerificationNeedsPassword as exc:
            # not verified yet: setting a new password does it, so whoever signed up with the
            # address cannot log in with the password they chose
            uid = urlsafe_base64_encode(force_bytes(exc.user.pk))
            token = default_token_generator.make_token(exc.user)
            messages.info(
                request,
                gettext(
                    "가입한 브라우저가 아니어서, 안전을 위해 이 계정의 새 비밀번호를 정해야 "
                    "이메일 주소가 확인됩니다. 직접 가입하지 않았다면 이 창을 닫아 주세요."
                ),
            )
            return redirect("accounts:password_reset_confirm", uidb64=uid, token=token)
        except services.EmailVerificationError:
            return self._invalid(request, expired=False, next_url="")
        next_url = safe_next_url(request, result.next_url) or verified_landing(result.user)
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
    verification, so the page does not reveal who is registered. Limited per IP address
    (:data:`accounts.ratelimit.IP_VERIFY_RESEND`) and per address (the service)."""

    template_name = "accounts/verify_email_resend.html"
    form_class = EmailVerificationResendForm

    def get_initial(self):
        return {"next": safe_next_url(self.request, self.request.GET.get("next"))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=services.VERIFY_EMAIL_MAX_AGE.days, **kwargs)

    def form_valid(self, form):
        if not ratelimit.ip_allows(self.request, ratelimit.IP_VERIFY_RESEND):
            return too_many_requests(self, form)
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
