"""``/accounts/consents/``: the seeker's consents (issue 4 item 3; 개인정보 보호법 §37 the right
to withdraw). Each purpose with its text (``CONSENT_TEXTS``), the version and time given and
the history; optional consents can be withdrawn (confirmation page, POST) and given again.
Withdrawing the sensitive-data consent drops the declared priority groups
(``services.consent_withdraw``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.generic import TemplateView

from .. import services
from ..choices import OPTIONAL_CONSENTS, ConsentMethod, ConsentPurpose
from ..consent_texts import CONSENT_TEXTS, CONSENT_VERSION
from ..mixins import SeekerRequiredMixin
from ..models import Consent


class ConsentListView(SeekerRequiredMixin, TemplateView):
    """Every purpose with its text, the active consent (version, time, how) and past rows."""

    template_name = "accounts/profile/consents.html"

    def get_context_data(self, **kwargs):
        rows = list(Consent.objects.filter(person=self.profile).select_related("taken_by"))
        items = []
        for purpose in ConsentPurpose.values:
            history = [row for row in rows if row.purpose == purpose]
            active = next((row for row in history if row.withdrawn_at is None), None)
            items.append(
                {
                    "purpose": purpose,
                    "text": CONSENT_TEXTS[purpose],
                    "active": active,
                    "optional": purpose in OPTIONAL_CONSENTS,
                    "history": history,
                }
            )
        return super().get_context_data(items=items, current_version=CONSENT_VERSION, **kwargs)


class ConsentChangeView(SeekerRequiredMixin, TemplateView):
    """Base of the give and withdraw pages: GET shows the consent's text and asks to confirm,
    POST acts. Only optional consents (the required one ends only with the account)."""

    template_name = "accounts/profile/consent_confirm.html"
    withdraw = False

    def get(self, request, *args, **kwargs):
        self.check_purpose()
        return super().get(request, *args, **kwargs)

    def check_purpose(self) -> None:
        """404 for a purpose that is not an optional consent (called after the access check)."""
        if self.kwargs["purpose"] not in OPTIONAL_CONSENTS:
            raise Http404(gettext("따로 바꿀 수 없는 동의 항목입니다."))

    def get_context_data(self, **kwargs):
        purpose = self.kwargs["purpose"]
        kwargs["purpose"] = purpose
        return super().get_context_data(
            text=CONSENT_TEXTS[purpose],
            withdraw=self.withdraw,
            active=services.consent_active(person=self.profile, purpose=purpose),
            declared_groups=self.profile.declared_groups,
            **kwargs,
        )


class ConsentWithdrawView(ConsentChangeView):
    """``/accounts/consents/<purpose>/withdraw/``."""

    withdraw = True

    def post(self, request, purpose: str):
        self.check_purpose()
        had_groups = bool(self.profile.declared_groups)
        try:
            withdrawn = services.consent_withdraw(person=self.profile, purpose=purpose)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts:consents")
        if not withdrawn:
            messages.info(request, gettext("이미 동의하지 않은 항목입니다."))
        elif purpose == ConsentPurpose.SENSITIVE and had_groups:
            messages.success(
                request, gettext("민감정보 처리 동의를 철회했습니다. 신고한 우대 대상 정보(장애인 등)를 지웠습니다.")
            )
        else:
            messages.success(
                request, gettext("동의를 철회했습니다: %(title)s") % {"title": CONSENT_TEXTS[purpose].title}
            )
        return redirect("accounts:consents")


class ConsentGiveView(ConsentChangeView):
    """``/accounts/consents/<purpose>/give/``."""

    def post(self, request, purpose: str):
        self.check_purpose()
        if services.consent_active(person=self.profile, purpose=purpose) is not None:
            messages.info(request, gettext("이미 동의한 항목입니다."))
            return redirect("accounts:consents")
        try:
            services.consent_give(person=self.profile, purpose=purpose, method=ConsentMethod.ONLINE)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts:consents")
        messages.success(request, gettext("동의했습니다: %(title)s") % {"title": CONSENT_TEXTS[purpose].title})
        if purpose == ConsentPurpose.SENSITIVE:
            messages.info(request, gettext("이제 프로필의 '우대 대상'에서 해당하는 것을 고를 수 있습니다."))
            return redirect(reverse("accounts:profile_edit") + "#priority-groups")
        return redirect("accounts:consents")


urlpatterns = [
    path("consents/", ConsentListView.as_view(), name="consents"),
    path("consents/<str:purpose>/withdraw/", ConsentWithdrawView.as_view(), name="consent_withdraw"),
    path("consents/<str:purpose>/give/", ConsentGiveView.as_view(), name="consent_give"),
]
