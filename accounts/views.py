"""Login and logout pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext
from django.views.generic import TemplateView

from .forms import LoginForm


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
