"""The seeker's own profile pages (issue 4 item 4): ``/accounts/profile/`` (view),
``/accounts/profile/edit/`` and the career entries; the résumé (``.resume``), consent
(``.consents``) and "make my seeker profile" (``.profile_start``) pages are joined into
:data:`urlpatterns` here.

Only users with a seeker profile (:class:`SeekerRequiredMixin`: anonymous → login, others →
403); career entries are looked up through the profile, so another person's is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import FormView, TemplateView

from namdong_jobs.reference.codes import (
    Education,
    EmploymentType,
    Language,
    Licence,
    PriorityGroup,
    Shift,
    Weekday,
)
from namdong_jobs.reference.models import Dong, Occupation

from .. import documents, services
from ..choices import ConsentPurpose, NotifyChannel, NotifyFrequency
from ..identifiers import format_mobile
from ..mixins import SeekerRequiredMixin
from ..profile_forms import CareerEntryForm, ProfileForm
from ..selectors import MISSING, UNVERIFIED, VERIFIED, identifier_states
from . import consents, profile_start, resume


def code_labels(enum, codes) -> list[str]:
    """Translated labels of ``codes`` of a ``TextChoices`` (unknown codes are skipped)."""
    return [gettext(enum(code).label) for code in codes if code in enum.values]


def profile_display(profile) -> dict:
    """What the profile page shows, as readable labels (codes translated, money per hour)."""
    year = timezone.localdate().year
    occupations = list(Occupation.objects.filter(code__in=profile.wanted_occupations).order_by("code"))
    dongs = list(Dong.objects.filter(code__in=profile.wanted_dongs).order_by("name"))
    return {
        "phone": format_mobile(profile.phone) if profile.phone else "",
        "occupations": occupations,
        "dongs": dongs,
        "employment_types": code_labels(EmploymentType, profile.wanted_employment_types),
        "shifts": code_labels(Shift, profile.wanted_shifts),
        "days": code_labels(Weekday, profile.wanted_days),
        "education": gettext(Education(profile.education).label) if profile.education else "",
        "licences": code_labels(Licence, profile.licences) + list(profile.licences_other),
        "languages": code_labels(Language, profile.languages),
        "derived_groups": code_labels(PriorityGroup, profile.derived_groups(year)),
        "declared_groups": code_labels(PriorityGroup, profile.declared_groups),
        "notify_channels": code_labels(NotifyChannel, profile.notify_channels),
        "notify_frequency": gettext(NotifyFrequency(profile.notify_frequency).label),
        "resume_format": documents.FORMAT_LABELS.get(profile.resume_format, ""),
    }


def channel_notes(user) -> dict[str, str]:
    """``{channel: note}`` for the email and SMS notification channels that cannot reach
    ``user`` because the account's email or mobile number is missing or not verified
    (``accounts.messaging.notify_person`` uses only verified ones); the pages show the note
    next to the channel with a link to ``/accounts/identifiers/``."""
    states = identifier_states(user)
    words = {
        (NotifyChannel.EMAIL, MISSING): gettext("계정에 이메일이 없어 보낼 수 없음"),
        (NotifyChannel.EMAIL, UNVERIFIED): gettext("이메일이 확인되지 않아 보낼 수 없음"),
        (NotifyChannel.SMS, MISSING): gettext("계정에 휴대전화번호가 없어 보낼 수 없음"),
        (NotifyChannel.SMS, UNVERIFIED): gettext("휴대전화번호가 확인되지 않아 보낼 수 없음"),
    }
    pairs = ((NotifyChannel.EMAIL, states["email"]), (NotifyChannel.SMS, states["phone"]))
    return {channel.value: words[channel, state] for channel, state in pairs if state != VERIFIED}


class ProfileDetailView(SeekerRequiredMixin, TemplateView):
    """``/accounts/profile/``: the profile as the seeker sees it, with links to change it."""

    template_name = "accounts/profile/detail.html"

    def get_context_data(self, **kwargs):
        profile = self.profile
        return super().get_context_data(
            profile=profile,
            show=profile_display(profile),
            career_entries=profile.career_entries.all(),
            sensitive_consent=services.consent_active(person=profile, purpose=ConsentPurpose.SENSITIVE) is not None,
            channel_notes=[
                {"label": gettext(NotifyChannel(channel).label), "note": note}
                for channel, note in channel_notes(self.request.user).items()
                if channel in profile.notify_channels
            ],
            **kwargs,
        )


class ProfileEditView(SeekerRequiredMixin, FormView):
    """``/accounts/profile/edit/``: every part of the profile in one form, in fieldsets.
    Declared priority groups are offered only with the sensitive-data consent."""

    template_name = "accounts/profile/edit.html"
    form_class = ProfileForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["profile"] = self.profile
        kwargs["sensitive_consent"] = (
            services.consent_active(person=self.profile, purpose=ConsentPurpose.SENSITIVE) is not None
        )
        kwargs["channel_notes"] = channel_notes(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        year = timezone.localdate().year
        return super().get_context_data(
            profile=self.profile,
            derived_groups=code_labels(PriorityGroup, self.profile.derived_groups(year)),
            channel_notes=channel_notes(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.profile_update(profile=self.profile, **form.service_changes())
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("프로필을 저장했습니다."))
        return redirect("accounts:profile")


class CareerEntryMixin(SeekerRequiredMixin):
    """Looks the entry up among the seeker's own (another person's entry is a 404)."""

    def get_entry(self):
        if not hasattr(self, "_entry"):
            self._entry = get_object_or_404(self.profile.career_entries, pk=self.kwargs["pk"])
        return self._entry


class CareerEntryCreateView(SeekerRequiredMixin, FormView):
    """``/accounts/profile/career/add/``: add a career entry."""

    template_name = "accounts/profile/career_form.html"
    form_class = CareerEntryForm

    def form_valid(self, form):
        try:
            services.career_entry_add(profile=self.profile, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("경력을 추가했습니다."))
        return redirect("accounts:profile")


class CareerEntryUpdateView(CareerEntryMixin, FormView):
    """``/accounts/profile/career/<pk>/edit/``: change one of the seeker's career entries."""

    template_name = "accounts/profile/career_form.html"
    form_class = CareerEntryForm

    def get_initial(self):
        return CareerEntryForm.initial_from(self.get_entry())

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.get_entry(), **kwargs)

    def form_valid(self, form):
        try:
            services.career_entry_update(entry=self.get_entry(), **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("경력을 고쳤습니다."))
        return redirect("accounts:profile")


class CareerEntryDeleteView(CareerEntryMixin, TemplateView):
    """``/accounts/profile/career/<pk>/delete/``: GET asks to confirm, POST deletes."""

    template_name = "accounts/profile/career_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.get_entry(), **kwargs)

    def post(self, request, *args, **kwargs):
        services.career_entry_delete(entry=self.get_entry())
        messages.success(request, gettext("경력을 지웠습니다."))
        return redirect("accounts:profile")


urlpatterns = [
    path("profile/", ProfileDetailView.as_view(), name="profile"),
    path("profile/edit/", ProfileEditView.as_view(), name="profile_edit"),
    path("profile/career/add/", CareerEntryCreateView.as_view(), name="career_add"),
    path("profile/career/<int:pk>/edit/", CareerEntryUpdateView.as_view(), name="career_edit"),
    path("profile/career/<int:pk>/delete/", CareerEntryDeleteView.as_view(), name="career_delete"),
    *profile_start.urlpatterns,
    *resume.urlpatterns,
    *consents.urlpatterns,
]
