"""Forms of the desk's registration pages (issue 5 items 2 and 3): the walk-in registration,
the record edit, paper consents and withdrawal, and the transfer to another centre. They
carry the input; the rules live in ``accounts.services.residents`` (whose ``ValidationError``
the views hand to ``add_service_errors``). Staff read these pages, not the resident: help
texts speak to staff.

The resident's fields are the seeker profile form's (``accounts.profile_forms.ProfileForm``:
name, birth year, phone, home dong, the wanted conditions, licences and, with the
sensitive-data consent, the declared priority groups), narrowed to what a centre keeps, and
the guardian's document field is the sign-up form's."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.choices import ConsentPurpose
from accounts.consent_texts import CONSENT_TEXTS, CONSENT_VERSION
from accounts.models import SeekerProfile, User
from accounts.profile_forms import ProfileForm, checkboxes, code_choices
from accounts.services.paper_consents import PAPER_SIGNED_MAX_YEARS, paper_signed_earliest
from accounts.services.residents import (
    PAPER_FORM_VERSION_MAX,
    RESIDENT_FIELDS,
    WANTED_FIELDS,
    WithdrawChannel,
    resident_register_check,
)
from accounts.services.seekers import ADULT_AGE
from accounts.signup_forms import SeekerProfileFieldsForm
from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.reference.models import CommunityCentre
from namdong_jobs.text import TidyTextFormMixin

from ..services.desk.notes import CONTENT_MAX

_DATE_INVALID = _("날짜를 2026-07-01 처럼 입력해 주세요.")
#: What a file input accepts (checked again by content in the services).
_SCAN_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
#: Form fields of the resident's record (``wanted_min_hourly_krw`` is typed as an amount and a unit).
_KEPT = (*(f for f in RESIDENT_FIELDS if f != "wanted_min_hourly_krw"), "wanted_wage_amount", "wanted_wage_unit")


def consent_choices(purposes=ConsentPurpose.values) -> list[tuple[str, str]]:
    """``(purpose, short title)`` of the consent texts (``accounts.consent_texts``)."""
    return [(purpose, CONSENT_TEXTS[purpose].title) for purpose in purposes]


class ResidentForm(ProfileForm):
    """A resident's record as the desk keeps it: the seeker profile form's basic fields,
    wanted conditions and licences (the rest is the person's own to fill in once they claim
    an account), the declared priority groups (the profile form's ``declared_groups``, only
    when ``sensitive_consent``: on an edit, whether the resident has the sensitive-data
    consent now), the guardian's document for ages 15–17 and, after a duplicate warning,
    ``allow_duplicate``. ``profile`` is the record edited, or none for a new one (then
    ``home_dong`` starts at ``home_dong_initial``). :meth:`service_changes` gives the fields
    as ``profile_update`` takes them (``declared_groups`` only when the field is there)."""

    guardian_document = SeekerProfileFieldsForm.base_fields["guardian_document"]
    allow_duplicate = forms.BooleanField(
        label=_("동일인이 아님을 확인했습니다 (가족이 같은 번호를 쓰는 경우 등)"), required=False
    )

    def __init__(
        self,
        *args,
        profile: SeekerProfile | None = None,
        home_dong_initial: str = "",
        sensitive_consent: bool = False,
        **kwargs,
    ):
        self.creating = profile is None
        super().__init__(*args, profile=profile or SeekerProfile(), sensitive_consent=sensitive_consent, **kwargs)
        for name in list(self.fields):
            if name not in (*_KEPT, "declared_groups", "guardian_document") and name in ProfileForm.base_fields:
                del self.fields[name]
        if "declared_groups" in self.fields:  # the profile form's help text speaks to the person
            self.fields["declared_groups"].help_text = gettext(
                "주민이 해당한다고 말한 것만 고르세요. 민감정보라서 민감정보 처리 동의가 있을 때만 기록하고, "
                "동의를 철회하면 바로 지웁니다."
            )
        if "phone" in self.fields:  # absent for a resident with an online account (the account's number)
            self.fields["phone"].help_text = gettext(
                "휴대전화가 없으면 비워 두세요. 가족과 같은 번호를 써도 됩니다. 나중에 이 번호로 인증번호를 받아 "
                "온라인 계정을 만들 수 있습니다."
            )
        document = self.fields["guardian_document"]  # the sign-up's field speaks to the person
        document.label = gettext("보호자 동의서")
        document.help_text = gettext(
            "친권자나 후견인이 서명한 동의서를 스캔하거나 찍은 PDF, JPG, PNG 파일, 10MB 이하. "
            "화면이 다시 열리면 파일을 다시 골라 주세요."
        )
        if self.creating:
            home = self.fields["home_dong"]
            home.choices = [("", gettext("-- 행정동을 골라 주세요 --")), *home.choices]
            self.initial["home_dong"] = home_dong_initial

    def show_guardian(self) -> bool:
        """Whether the page offers the guardian's document: on registration, on an error
        about it, or when the record's (or the typed) birth year makes the resident 15–17."""
        if self.creating or self["guardian_document"].errors or self["birth_year"].errors:
            return True
        year = timezone.localdate().year
        typed = self.data.get(self.add_prefix("birth_year")) if self.is_bound else None
        for value in (typed, self.profile.birth_year):
            try:
                if year - int(str(value).strip()) < ADULT_AGE:
                    return True
            except (TypeError, ValueError):
                continue
        return False

    def service_changes(self) -> dict:
        """``profile_update``'s keyword arguments, plus ``guardian_document`` when one was
        uploaded for a resident who is 15–17 by the birth year typed (an adult's is not kept)."""
        changes = super().service_changes()
        document = self.cleaned_data.get("guardian_document")
        if document and timezone.localdate().year - changes["birth_year"] < ADULT_AGE:
            changes["guardian_document"] = document
        return changes


class PaperConsentFields(forms.Form):
    """What a signed paper consent form gives: the purposes ticked on it, its version (the
    current one first), the signing date (today, KST, first) and an optional scan."""

    consents = checkboxes(
        _("서면 동의서에서 동의한 항목"),
        (),
        _("주민이 서명한 동의서에서 체크한 항목만 고르세요. 개인정보 수집·이용(필수)이 없으면 등록할 수 없습니다."),
    )
    paper_form_version = forms.CharField(
        label=_("동의서 판"),
        max_length=PAPER_FORM_VERSION_MAX,
        help_text=_("종이 동의서 아래쪽에 적힌 판(버전)입니다."),
        widget=forms.TextInput(attrs={"class": "input-short"}),
        error_messages={
            "required": _("서면 동의서의 판(버전)을 적어 주세요. 예: 2026-11-v1"),
            "max_length": _("동의서 판은 %(limit_value)d자 이내로 적어 주세요."),
        },
    )
    paper_signed_on = forms.DateField(
        label=_("서명한 날짜"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("동의서에 서명한 날짜를 입력해 주세요."), "invalid": _DATE_INVALID},
    )
    paper_scan = forms.FileField(
        label=_("동의서 스캔 (선택)"),
        required=False,
        help_text=_(
            "서명한 동의서를 스캔하거나 찍은 PDF, JPG, PNG 파일, 10MB 이하. 화면이 다시 열리면 파일을 다시 골라 주세요."
        ),
        widget=forms.FileInput(attrs={"accept": _SCAN_ACCEPT}),
        error_messages={
            "invalid": _("파일을 올리지 못했습니다. 파일을 다시 골라 주세요."),
            "missing": _("파일을 올리지 못했습니다. 파일을 다시 골라 주세요."),
            "empty": _("빈 파일입니다. 동의서 스캔 파일을 다시 골라 주세요."),
        },
    )

    def __init__(self, *args, purposes=ConsentPurpose.values, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consents"].choices = consent_choices(purposes)
        self.fields["paper_form_version"].initial = CONSENT_VERSION
        today = timezone.localdate()
        signed_on = self.fields["paper_signed_on"]
        signed_on.initial = today
        signed_on.help_text = gettext("동의서에 적힌 서명 날짜입니다. 최근 %(years)d년 안의 날짜만 받습니다.") % {
            "years": PAPER_SIGNED_MAX_YEARS
        }
        signed_on.widget.attrs.update(min=paper_signed_earliest(today).isoformat(), max=today.isoformat())

    def paper_fields(self) -> list:
        return [self[name] for name in ("paper_form_version", "paper_signed_on", "paper_scan")]


class RegistrationForm(ResidentForm, PaperConsentFields):
    """Walk-in registration: the resident's record, the declared priority groups (always
    offered; stored only when the sensitive-data consent is ticked among ``consents``, else
    refused with a Korean error), the paper consents, a first counselling note and, after a
    duplicate warning, ``allow_duplicate``. District staff also choose the centre the
    resident belongs to (``centre``; default their own).

    When a field fails here (so the service is not called), :meth:`clean` adds the service's
    consent, paper-form, age and declared-group errors (``resident_register_check``) on the
    fields without an error yet, so staff see every problem at once rather than in rounds."""

    note = forms.CharField(
        label=_("상담 메모 (선택)"),
        required=False,
        max_length=CONTENT_MAX,
        help_text=_("적으면 오늘 방문 상담 기록으로 남습니다."),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ko"}),
        error_messages={"max_length": _("상담 메모는 %(limit_value)d자 이내로 적어 주세요.")},
    )
    centre = forms.ModelChoiceField(
        label=_("등록 센터"),
        queryset=CommunityCentre.objects.none(),
        required=False,
        help_text=_("비워 두면 구청 일자리센터 소속으로 등록합니다."),
        error_messages={"invalid_choice": _("목록에 있는 센터를 골라 주세요.")},
    )

    def __init__(self, *args, staff: User, **kwargs):
        centre = staff.staff_centre
        dong = centre.dong.code if centre is not None and centre.dong_id else ""
        super().__init__(*args, home_dong_initial=dong, sensitive_consent=True, **kwargs)
        self.fields["declared_groups"].help_text = gettext(
            "주민이 해당한다고 말한 것만 고르세요. 민감정보라서 아래 '서면 동의'에서 민감정보 처리 동의를 "
            "체크한 경우에만 기록합니다."
        )
        if centre is not None and centre.is_district:
            self.fields["centre"].queryset = CommunityCentre.objects.order_by("kind", "name")
            self.fields["centre"].empty_label = gettext("구청 일자리센터 (내 센터)")
        else:
            del self.fields["centre"]

    def clean(self):
        cleaned = super().clean()
        if not self._errors:
            return cleaned  # the service checks everything (and the record's fields) itself
        problems = resident_register_check(
            birth_year=cleaned.get("birth_year"),
            consents=cleaned.get("consents") or (),
            paper_form_version=cleaned.get("paper_form_version") or "",
            paper_signed_on=cleaned.get("paper_signed_on"),
            paper_scan=cleaned.get("paper_scan") or None,
            guardian_document=cleaned.get("guardian_document") or None,
            declared_groups=cleaned.get("declared_groups") or (),
        )
        for key, messages in problems.items():
            if key in self.fields and not self.has_error(key):
                for message in messages:
                    self.add_error(key, message)
        return cleaned

    def register_kwargs(self) -> dict:
        """Keyword arguments of ``walk_in_register`` (without ``staff`` and ``ip``)."""
        data = self.cleaned_data
        changes = self.service_changes()
        return {
            "name": changes["name"],
            "birth_year": changes["birth_year"],
            "phone": changes.get("phone", ""),
            "home_dong": changes["home_dong"],
            "wanted": {name: changes[name] for name in WANTED_FIELDS},
            "licences": changes["licences"],
            "licences_other": changes["licences_other"],
            "guardian_document": changes.get("guardian_document"),
            "declared_groups": changes["declared_groups"],
            "consents": data["consents"],
            "paper_form_version": data["paper_form_version"],
            "paper_signed_on": data["paper_signed_on"],
            "paper_scan": data.get("paper_scan") or None,
            "centre": data.get("centre"),
            "allow_duplicate": data["allow_duplicate"],
            "note": data["note"],
        }


class PaperConsentForm(TidyTextFormMixin, ServiceErrorsMixin, PaperConsentFields):
    """Further consents given on a signed paper form (``purposes``: those not active yet)."""

    mark_required = True
    service_field_map = {"purposes": "consents"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consents"].help_text = gettext(
            "주민이 새로 서명한 동의서에서 체크한 항목만 고르세요. 이미 동의한 항목은 목록에 없습니다."
        )


class ConsentWithdrawForm(ServiceErrorsMixin, forms.Form):
    """The confirmation of a consent withdrawal: how the resident asked (``channel``, a
    ``WithdrawChannel`` value: 방문, 전화, 서면), required; ``resident_consent_withdraw``
    records it in the access-log row. The purpose is the page's (its URL)."""

    mark_required = True

    channel = forms.ChoiceField(
        label=_("주민이 철회를 요청한 방법"),
        choices=code_choices(WithdrawChannel),
        widget=forms.RadioSelect,
        help_text=_("개인정보 접근 기록에 함께 남습니다."),
        error_messages={
            "required": _("주민이 철회를 어떻게 요청했는지 골라 주세요."),
            "invalid_choice": _("주민이 철회를 어떻게 요청했는지 목록에서 골라 주세요."),
        },
    )


class TransferForm(forms.Form):
    """The centre a resident's record moves to (any centre but the present one)."""

    centre = forms.ModelChoiceField(
        label=_("옮길 센터"),
        queryset=CommunityCentre.objects.none(),
        empty_label=_("-- 센터를 골라 주세요 --"),
        error_messages={
            "required": _("옮길 센터를 골라 주세요."),
            "invalid_choice": _("목록에 있는 센터를 골라 주세요."),
        },
    )

    def __init__(self, *args, resident: SeekerProfile, **kwargs):
        super().__init__(*args, **kwargs)
        centres = CommunityCentre.objects.order_by("kind", "name")
        if resident.registered_centre_id:
            centres = centres.exclude(pk=resident.registered_centre_id)
        self.fields["centre"].queryset = centres
