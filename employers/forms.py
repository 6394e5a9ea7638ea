"""Forms of the employers pages: employer-member sign-up, business registration and editing,
and inviting a member. They check input and build the arguments of ``employers.services``;
the services do the writes. Every form stores tidy text (:class:`TidyTextFormMixin`: no
control or zero-width characters, LF line ends)."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import SignupForm
from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.reference.models import Dong
from namdong_jobs.text import TidyTextFormMixin

from .brn import brn_digits, validate_brn
from .models import Certification, Employer, EmployerMember
from .services import IDENTITY_FIELDS, brn_taken_message, certification_number_required
from .services.certifications import (
    EXCLUSIVE_TYPES,
    certification_exclusive_message,
    certification_expired,
    certification_expired_message,
)

#: The value of the explicit "outside Namdong-gu" choice of the dong select (dong = None).
OUTSIDE_NAMDONG = "outside"


class EmployerSignupForm(SignupForm):
    """Sign-up of an employer member: the account fields of
    :class:`accounts.forms.SignupForm` plus the required consent to the collection and use
    of the member's contact data (개인정보 보호법 §15) and the page to open after the email
    is verified (``next``, a local path). Its text is tidy: ``SignupForm``'s first base is
    :class:`TidyTextFormMixin` (naming the mixin again here would break the MRO)."""

    consent = forms.BooleanField(
        label=_("위 내용을 읽었으며, 개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={"required": _("개인정보 수집·이용에 동의해야 가입할 수 있습니다.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


def normalize_kr_phone(value: str) -> str:
    """A Korean phone number (landline, mobile or 1588-style) in its usual national spelling,
    e.g. ``"0324535000"`` → ``"032-453-5000"``. Raises ``ValidationError`` (Korean)."""
    message = gettext("전화번호가 올바르지 않습니다. 지역번호를 넣어 032-453-5000 처럼 입력해 주세요.")
    try:
        number = phonenumbers.parse((value or "").strip(), "KR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(message, code="invalid_phone") from exc
    if number.country_code != 82 or not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class DongSelect(forms.Select):
    """A select whose dong names (Korean data values) carry ``lang="ko"``, while the
    translatable choices ("골라 주세요", "남동구 외") follow the page language."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", OUTSIDE_NAMDONG):
            option["attrs"]["lang"] = "ko"
        return option


def _cert_label(cert_type: str) -> str:
    return gettext(Certification.Type(cert_type).label)


class EmployerForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """Business registration and profile editing.

    ``brn`` accepts dashes and is checked with the National Tax Service check digit; ``dong``
    is a required choice among the 20 Namdong dongs and "남동구 외" (``None``); for each
    :class:`Certification.Type` there is a box ``cert_<type>``, its number
    ``cert_<type>_number`` (required when ticked, except 중소기업 and 남동인더스파크) and an
    optional ``cert_<type>_until`` date, which may not be before today (Korea); 사회적기업 and
    예비사회적기업 may not both be ticked.

    ``employer``: the employer being edited (its own brn does not count as taken);
    ``identity_locked``: show the brn, name and representative read-only and leave them out
    of :meth:`employer_fields` (a VERIFIED employer: ``employer_update`` refuses to change
    them). Use :meth:`employer_fields` and :meth:`certifications` as the service arguments.
    """

    brn = forms.CharField(
        label=_("사업자등록번호"),
        max_length=20,
        help_text=_("10자리 숫자입니다. 123-45-67890 처럼 - 를 넣어도 됩니다."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("사업자등록번호를 입력해 주세요.")},
    )
    name = forms.CharField(
        label=_("기업명 (상호)"),
        max_length=120,
        help_text=_("사업자등록증에 적힌 이름입니다. 예: (주)남동정밀"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("기업명을 입력해 주세요.")},
    )
    representative = forms.CharField(
        label=_("대표자 이름"), max_length=50, error_messages={"required": _("대표자 이름을 입력해 주세요.")}
    )
    address = forms.CharField(
        label=_("사업장 주소"),
        max_length=200,
        help_text=_("일하는 곳의 주소입니다. 예: 인천광역시 남동구 남동대로 100"),
        error_messages={"required": _("사업장 주소를 입력해 주세요.")},
    )
    dong = forms.ChoiceField(
        label=_("사업장 행정동"),
        help_text=_("사업장이 남동구 밖에 있으면 '남동구 외'를 고르세요."),
        widget=DongSelect,
        error_messages={
            "required": _("사업장이 있는 행정동을 골라 주세요. 남동구 밖이면 '남동구 외'를 고르세요."),
            "invalid_choice": _("목록에 있는 행정동을 골라 주세요."),
        },
    )
    industry = forms.CharField(
        label=_("업종"),
        max_length=100,
        help_text=_("예: 자동차 부품 제조, 음식점, 요양 서비스"),
        error_messages={"required": _("업종을 입력해 주세요.")},
    )
    headcount = forms.IntegerField(
        label=_("상시 근로자 수 (명)"),
        min_value=0,
        max_value=1_000_000,
        help_text=_("대표자를 빼고 늘 일하는 사람 수입니다. 없으면 0을 적으세요."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        error_messages={
            "required": _("상시 근로자 수를 입력해 주세요. 없으면 0을 적으세요."),
            "invalid": _("상시 근로자 수는 숫자로 적어 주세요."),
            "min_value": _("상시 근로자 수는 0 이상이어야 합니다."),
        },
    )
    phone = forms.CharField(
        label=_("대표 전화번호"),
        max_length=20,
        help_text=_("예: 032-453-5000"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("대표 전화번호를 입력해 주세요.")},
    )
    website = forms.URLField(
        label=_("홈페이지 (선택)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("예: https://www.example.co.kr"),
        error_messages={"invalid": _("홈페이지 주소가 올바르지 않습니다. 예: https://www.example.co.kr")},
    )

    def __init__(self, *args, employer: Employer | None = None, identity_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer
        self.fields["dong"].choices = [
            ("", gettext("-- 행정동을 골라 주세요 --")),
            (OUTSIDE_NAMDONG, gettext("남동구 외")),
            *[(d.code, d.name) for d in Dong.objects.order_by("name")],
        ]
        if identity_locked:
            for name in IDENTITY_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].required = False  # not sent back; an empty one must not block the save
            self.fields["brn"].help_text = gettext(
                "확인이 끝난 기업의 사업자등록번호는 바꿀 수 없습니다. 잘못되었다면 "
                "남동구 일자리인력은행(032-453-5000)에 문의해 주세요."
            )
            change_hint = gettext(
                "확인이 끝난 기업이어서 바꿀 수 없습니다. 상호·대표자가 바뀌었으면 "
                "남동구 일자리인력은행(032-453-5000)에 변경을 요청해 주세요."
            )
            self.fields["name"].help_text = change_hint
            self.fields["representative"].help_text = change_hint
        for cert_type in Certification.Type.values:
            label = _cert_label(cert_type)
            self.fields[f"cert_{cert_type}"] = forms.BooleanField(label=label, required=False)
            number_label = (
                gettext("%(type)s 인증·지정 번호")
                if certification_number_required(cert_type)
                # Translators: the number of an optional designation (중소기업, 남동인더스파크)
                else gettext("%(type)s 확인서·지정 번호 (선택)")
            )
            self.fields[f"cert_{cert_type}_number"] = forms.CharField(
                label=number_label % {"type": label}, max_length=50, required=False
            )
            self.fields[f"cert_{cert_type}_until"] = forms.DateField(
                label=gettext("%(type)s 유효기간 끝나는 날 (선택)") % {"type": label},
                required=False,
                help_text=gettext("예: 2027-12-31. 기한이 없으면 비워 두세요."),
                widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                error_messages={"invalid": gettext("날짜를 2027-12-31 처럼 입력해 주세요.")},
            )

    @staticmethod
    def initial_from(employer: Employer) -> dict:
        """Initial values showing ``employer`` and its certifications (one per type)."""
        initial = {
            "brn": employer.brn_display,
            "name": employer.name,
            "representative": employer.representative,
            "address": employer.address,
            "dong": employer.dong_id or OUTSIDE_NAMDONG,
            "industry": employer.industry,
            "headcount": employer.headcount,
            "phone": employer.phone,
            "website": employer.website,
        }
        for cert in employer.certifications.order_by("-id"):  # the first row of a type wins
            initial[f"cert_{cert.type}"] = True
            initial[f"cert_{cert.type}_number"] = cert.number
            initial[f"cert_{cert.type}_until"] = cert.valid_until
        return initial

    @property
    def company_type_fields(self) -> list[tuple]:
        """``(box, number, until)`` bound fields per company type, for the template."""
        return [
            (self[f"cert_{t}"], self[f"cert_{t}_number"], self[f"cert_{t}_until"]) for t in Certification.Type.values
        ]

    @property
    def profile_fields(self) -> list:
        """The bound profile fields (everything but the company types), for the template."""
        return [self[name] for name in ("brn", "name", "representative", "address", "dong", "industry", "headcount")]

    @property
    def contact_fields(self) -> list:
        """The bound contact fields (phone, website), for the template."""
        return [self["phone"], self["website"]]

    def clean_brn(self) -> str:
        if self.fields["brn"].disabled:
            return self.cleaned_data["brn"]  # read-only, left out of employer_fields()
        digits = brn_digits(self.cleaned_data["brn"])
        validate_brn(digits)
        taken = Employer.objects.filter(brn=digits)
        if self.employer is not None:
            taken = taken.exclude(pk=self.employer.pk)
        if taken.exists():
            raise ValidationError(brn_taken_message(), code="brn_taken")
        return digits

    def clean_dong(self) -> Dong | None:
        value = self.cleaned_data["dong"]
        if value == OUTSIDE_NAMDONG:
            return None
        return Dong.objects.get(code=value)

    def clean_phone(self) -> str:
        return normalize_kr_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        for cert_type in Certification.Type.values:
            ticked = cleaned.get(f"cert_{cert_type}")
            number = (cleaned.get(f"cert_{cert_type}_number") or "").strip()
            label = _cert_label(cert_type)
            if ticked and not number and certification_number_required(cert_type):
                self.add_error(
                    f"cert_{cert_type}_number",
                    gettext("%(type)s에 표시했다면 인증·지정 번호를 입력해 주세요.") % {"type": label},
                )
            elif not ticked and (number or cleaned.get(f"cert_{cert_type}_until")):
                self.add_error(
                    f"cert_{cert_type}",
                    gettext("%(type)s 번호나 날짜를 적었다면 '%(type)s' 칸에도 표시해 주세요.") % {"type": label},
                )
            if ticked and certification_expired(cleaned.get(f"cert_{cert_type}_until")):
                self.add_error(f"cert_{cert_type}_until", certification_expired_message())
        if all(cleaned.get(f"cert_{cert_type}") for cert_type in EXCLUSIVE_TYPES):
            self.add_error(f"cert_{Certification.Type.PRE_SOCIAL}", certification_exclusive_message())
        return cleaned

    def employer_fields(self) -> dict:
        """The profile keyword arguments of ``employer_register`` / ``employer_update``
        (without the read-only identity fields when they are locked)."""
        names = ["name", "brn", "representative", "address", "dong", "industry", "headcount", "phone", "website"]
        return {name: self.cleaned_data[name] for name in names if not self.fields[name].disabled}

    def certifications(self) -> list[dict]:
        """The ticked company types as ``[{"type", "number", "valid_until"}]``."""
        return [
            {
                "type": cert_type,
                "number": (self.cleaned_data.get(f"cert_{cert_type}_number") or "").strip(),
                "valid_until": self.cleaned_data.get(f"cert_{cert_type}_until"),
            }
            for cert_type in Certification.Type.values
            if self.cleaned_data.get(f"cert_{cert_type}")
        ]


class MemberInviteForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """Invite someone to become a member of an employer by their email address (they accept
    the invitation from the email; the form never tells whether an account has the address)."""

    email = forms.EmailField(
        label=_("초대할 분의 이메일"),
        max_length=254,
        help_text=_("이 주소로 초대 메일이 갑니다. 받는 분이 이 주소로 로그인해 수락하면 담당자가 됩니다."),
        error_messages={
            "required": _("초대할 분의 이메일을 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"),
        },
    )
    role = forms.ChoiceField(
        label=_("권한"),
        choices=[
            (EmployerMember.Role.MEMBER, _("담당자: 공고 작성과 지원자 관리")),
            (EmployerMember.Role.OWNER, _("대표 담당자: 담당자 초대·삭제와 기업 정보 수정까지")),
        ],
        initial=EmployerMember.Role.MEMBER,
        widget=forms.RadioSelect,
    )
