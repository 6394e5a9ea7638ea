"""``/accounts/profile/start/`` (구직자 프로필 만들기): a signed-in account without a seeker
profile — an employer member or centre staff who also looks for work (DESIGN.md "People and
roles": one person may hold several roles) — makes one without a second sign-up (which would
refuse their email or number as taken): birth year, home dong, a guardian's document at
15–17 and the four consents, as at sign-up (``services.seeker_profile_start``).

Anonymous visitors go to login; an account that already has a profile goes to it (or to
``?next=``); an account that cannot make one (an erased seeker record) gets 403 with the
reason. ``?next=`` (a local path) is where to go after making it, e.g. the posting the person
wanted to apply to."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext
from django.views.generic import FormView

from .. import services
from ..identifiers import format_mobile
from ..selectors import seeker_profile_of
from ..signup_forms import SeekerProfileStartForm
from .auth import safe_next_url


class ProfileStartView(LoginRequiredMixin, FormView):
    template_name = "accounts/profile/start.html"
    form_class = SeekerProfileStartForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.next_url = safe_next_url(request, request.GET.get("next"))
        if seeker_profile_of(request.user) is not None:
            messages.info(request, gettext("이미 구직자 프로필이 있습니다."))
            return redirect(self.next_url or "accounts:profile")
        refusal = services.seeker_profile_start_refusal(user=request.user)
        if refusal is not None:
            context = {"can_start_profile": False, "start_refusal": " ".join(refusal.messages)}
            return render(request, "accounts/profile/no_profile.html", context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            account=user,
            account_phone=format_mobile(user.phone) if user.phone else "",
            next_url=self.next_url,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.seeker_profile_start(
                user=self.request.user,
                birth_year=data["birth_year"],
                home_dong=data.get("home_dong"),
                consents=data["consents"],
                guardian_document=data.get("guardian_document") if data.get("needs_guardian") else None,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "구직자 프로필을 만들었습니다. 희망 근무 조건을 적어 두면 맞는 일자리를 찾고 알림을 받을 수 있습니다."
            ),
        )
        return redirect(self.next_url or "accounts:profile")


urlpatterns = [
    path("profile/start/", ProfileStartView.as_view(), name="profile_start"),
]
