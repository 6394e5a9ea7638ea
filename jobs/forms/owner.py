"""The owner fields of a new posting: which employer it is for and how it came in."""

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from employers.models import Employer

from ..choices import EntryChannel
from .fields import EmployerChoiceField, enum_choices


class OwnerFieldsMixin:
    """Adds to a new posting's form the owner fields the user may choose: ``employer`` (their
    own employers; for centre staff any employer registered here) and ``entry_channel`` (centre
    staff: 전화 접수 / 서면 접수, and 기업 직접 등록 when they are also an employer member).

    Expects ``self.user`` and ``self.member_employers`` (the user's employers, imported ones
    left out); sets ``self.fixed_employer`` when the user has one employer and no choice."""

    def _add_owner_fields(self, initial_employer) -> None:
        staff = self.user.is_centre_staff
        channels = []
        if self.member_employers:
            channels.append(EntryChannel.EMPLOYER)
        if staff:
            channels += [EntryChannel.PHONE, EntryChannel.PAPER]
        if staff:
            queryset = Employer.objects.exclude(verification_status=Employer.Verification.EXTERNAL).order_by("name")
        else:
            queryset = Employer.objects.filter(pk__in=[e.pk for e in self.member_employers]).order_by("name")
        if not staff and len(self.member_employers) == 1:
            self.fixed_employer = self.member_employers[0]
        else:
            self.fields["employer"] = EmployerChoiceField(
                label=_("기업"),
                queryset=queryset,
                empty_label=gettext_lazy("기업을 고르세요"),
                help_text=(
                    _("전화나 서면으로 받은 공고라면 그 기업을, 직접 등록이라면 담당하는 기업을 고르세요.")
                    if staff and self.member_employers
                    else _("공고를 내는 기업을 고르세요. 목록에 없는 기업은 먼저 기업 등록을 해야 합니다.")
                    if staff
                    else _("공고를 내는 기업을 고르세요.")
                ),
                error_messages={
                    "required": _("기업을 골라 주세요."),
                    "invalid_choice": _("고를 수 없는 기업입니다. 목록에서 골라 주세요."),
                },
            )
            if initial_employer is not None and str(initial_employer).isdigit():
                if queryset.filter(pk=int(initial_employer)).exists():
                    self.initial["employer"] = int(initial_employer)
            elif len(self.member_employers) == 1:
                self.initial["employer"] = self.member_employers[0].pk
        if staff:
            self.fields["entry_channel"] = forms.ChoiceField(
                label=_("접수 경로"),
                choices=enum_choices(EntryChannel, channels),
                widget=forms.RadioSelect,
                initial=None if self.member_employers else EntryChannel.PHONE,
                help_text=(
                    _("기업 담당자로서 직접 쓰는 공고라면 '기업 직접 등록'을 고르세요.")
                    if self.member_employers
                    else ""
                ),
                error_messages={"required": _("접수 경로를 골라 주세요.")},
            )

    @property
    def owner_fields(self) -> list:
        """The bound owner fields shown on the create page (employer, entry channel)."""
        return [self[name] for name in ("employer", "entry_channel") if name in self.fields]
