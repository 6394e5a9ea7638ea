"""Forms of the seeker sign-up, phone verification and password reset pages (issue 4).

They check the format of what was typed and run the same rule checks as the services
(``accounts.services.signup_age_check``, ``guardian_document_check``, Django's password
validators) so that every problem shows at once, next to its field; the services decide
and write. Every form stores tidy text (:class:`TidyTextFormMixin`); passwords are left
exactly as typed."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.reference.models import Dong
from namdong_jobs.text import TidyTextFormMixin

from . import services
from .choices import ConsentPurpose
from .consent_texts import CONSENT_TEXTS
from .forms import PASSWORD_HELP, NewPasswordFields
from .identifiers import mobile_number_clean, normalize_email
from .models import User

#: The value of the "outside Namdong-gu" choice of the home dong select (dong = None).
OUTSIDE_NAMDONG = "outside"
#: Form field of each consent purpose.
CONSENT_FIELDS = {purpose: f"consent_{purpose}" for purpose in ConsentPurpose.values}


class DongSelect(forms.Select):
    """A select whose dong names (Korean data values) carry ``lang="ko"``, while the
    translatable choices follow the page language."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", OUTSIDE_NAMDONG):
            option["attrs"]["lang"] = "ko"
        return option


class SeekerProfileFieldsForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """What a job seeker's record asks of every seeker, at sign-up
    (:class:`SeekerSignupForm`) and when a signed-in account makes its seeker profile
    (:class:`SeekerProfileStartForm`): birth year, home dong, the four consents (collection
    required) and, at ages 15–17, a guardian's consent document. ``cleaned_data`` gains
    ``consents`` (the purposes ticked) and ``needs_guardian``."""

    mark_required = True

    birth_year = forms.IntegerField(
        label=_("출생 연도"),
        help_text=_("네 자리로 입력해 주세요. 예: 1965. 주민등록번호는 받지 않습니다."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
        error_messages={
            "required": _("출생 연도를 입력해 주세요."),
            "invalid": _("출생 연도를 네 자리 숫자로 입력해 주세요. 예: 1965"),
        },
    )
    home_dong = forms.ChoiceField(
        label=_("사는 곳 (행정동)"),
        help_text=_("남동구 밖에 살면 '남동구 외'를 고르세요."),
        widget=DongSelect,
        error_messages={
            "required": _("사는 행정동을 골라 주세요. 남동구 밖이면 '남동구 외'를 고르세요."),
            "invalid_choice": _("목록에 있는 행정동을 골라 주세요."),
        },
    )
    guardian_document = forms.FileField(
        label=_("보호자 동의서 (올해 만 18세가 되지 않는 분만)"),
        required=False,
        help_text=_(
            "출생 연도 기준으로 올해 만 15~17세가 되는 분은 친권자나 후견인의 동의서를 올려 주세요 "
            "(근로기준법 제66조). "
            "PDF, JPG, PNG 파일, 10MB 이하. 다른 칸을 고치느라 이 화면이 다시 열리면 파일을 다시 골라 주세요."
        ),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        error_messages={
            "invalid": _("파일을 올리지 못했습니다. 파일을 다시 골라 주세요."),
            "missing": _("파일을 올리지 못했습니다. 파일을 다시 골라 주세요."),
            "empty": _("빈 파일입니다. 보호자 동의서 파일을 다시 골라 주세요."),
        },
    )
    consent_collection = forms.BooleanField(
        label=_("개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={"required": _("개인정보 수집·이용에 동의해야 가입할 수 있습니다.")},
    )
    consent_provision = forms.BooleanField(
        label=_("지원·알선 기업에 개인정보를 제공하는 데 동의합니다. (선택)"), required=False
    )
    consent_sensitive = forms.BooleanField(label=_("민감정보 처리에 동의합니다. (선택)"), required=False)
    consent_notifications = forms.BooleanField(label=_("일자리 알림을 받는 데 동의합니다. (선택)"), required=False)

    #: service error keys → form fields
    service_field_map = {"consents": "consent_collection"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_dong"].choices = [
            ("", gettext("-- 행정동을 골라 주세요 --")),
            *[(d.code, d.name) for d in Dong.objects.order_by("name")],
            (OUTSIDE_NAMDONG, gettext("남동구 외")),
        ]

    def consent_blocks(self) -> list[tuple]:
        """``(ConsentText, bound checkbox)`` for each purpose, the required one first."""
        return [(CONSENT_TEXTS[purpose], self[field]) for purpose, field in CONSENT_FIELDS.items()]

    def clean_home_dong(self) -> Dong | None:
        value = self.cleaned_data["home_dong"]
        if value == OUTSIDE_NAMDONG:
            return None
        return Dong.objects.get(code=value)

    def clean(self):
        cleaned = super().clean()
        cleaned["needs_guardian"] = False
        if cleaned.get("birth_year") is not None:
            try:
                age = services.signup_age_check(birth_year=cleaned["birth_year"])
            except ValidationError as exc:
                self.add_error("birth_year", exc)
            else:
                cleaned["needs_guardian"] = age.needs_guardian
                self._clean_guardian_document(cleaned, needed=age.needs_guardian)
        cleaned["consents"] = [p for p, field in CONSENT_FIELDS.items() if cleaned.get(field)]
        return cleaned

    def _clean_guardian_document(self, cleaned: dict, *, needed: bool) -> None:
        document = cleaned.get("guardian_document")
        if not needed:
            cleaned["guardian_document"] = None  # an adult's upload is not kept
            return
        if "guardian_document" in self.errors:
            return
        if not document:
            self.add_error("guardian_document", services.guardian_needed_message())
            return
        try:
            services.guardian_document_check(file=document)
        except ValidationError as exc:
            self.add_error("guardian_document", exc)


class SeekerSignupForm(SeekerProfileFieldsForm, NewPasswordFields):
    """Sign-up of a job seeker: name, email and/or mobile number, password twice, and the
    seeker's record (:class:`SeekerProfileFieldsForm`)."""

    field_order = [
        "name",
        "birth_year",
        "email",
        "phone",
        "password1",
        "password2",
        "home_dong",
        "guardian_document",
        *CONSENT_FIELDS.values(),
    ]

    name = forms.CharField(
        label=_("이름"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("이름을 입력해 주세요.")},
    )
    email = forms.EmailField(
        label=_("이메일"),
        max_length=254,
        required=False,
        help_text=_("이메일로 가입하면 확인 메일을 보냅니다."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")},
    )
    phone = forms.CharField(
        label=_("휴대전화번호"),
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678. 휴대전화번호로 가입하면 인증번호 6자리를 문자로 보냅니다."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    service_field_map = {"password": "password1", "consents": "consent_collection"}

    def clean_email(self) -> str | None:
        value = self.cleaned_data.get("email", "")
        return normalize_email(value) if value else None

    def clean_phone(self) -> str | None:
        value = self.cleaned_data.get("phone", "").strip()
        return mobile_number_clean(value) if value else None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not {"email", "phone"} & set(self.errors):
            self.add_error("email", gettext("이메일이나 휴대전화번호 중 하나는 꼭 입력해 주세요."))
        candidate = User(email=cleaned.get("email"), phone=cleaned.get("phone"), name=cleaned.get("name", ""))
        self.check_new_password(cleaned, candidate)
        return cleaned


class SeekerProfileStartForm(SeekerProfileFieldsForm):
    """``/accounts/profile/start/``: a signed-in account without a seeker profile (an
    employer member or centre staff who also looks for work) gives what a seeker's record
    needs beyond the account (:class:`SeekerProfileFieldsForm`); name, email and mobile
    number come from the account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_collection"].error_messages["required"] = gettext(
            "개인정보 수집·이용에 동의해야 구직자 프로필을 만들 수 있습니다."
        )


class CodeForm(TidyTextFormMixin, forms.Form):
    """A 6-digit one-time code (spaces allowed)."""

    code = forms.CharField(
        label=_("인증번호 6자리"),
        max_length=12,
        help_text=_("문자로 받은 숫자 6자리를 입력해 주세요. 인증번호는 10분 동안 쓸 수 있습니다."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("문자로 받은 인증번호 6자리를 입력해 주세요.")},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise ValidationError(gettext("인증번호는 숫자 6자리입니다. 예: 123456"), code="invalid")
        return code


class PhoneForm(TidyTextFormMixin, forms.Form):
    """The mobile number of an account (password reset by SMS)."""

    phone = forms.CharField(
        label=_("가입할 때 쓴 휴대전화번호"),
        max_length=20,
        help_text=_("예: 010-1234-5678"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("휴대전화번호를 입력해 주세요.")},
    )

    def clean_phone(self) -> str:
        return mobile_number_clean(self.cleaned_data["phone"])


class ResetWithCodeForm(ServiceErrorsMixin, CodeForm):
    """The SMS code and a new password twice (password reset by SMS)."""

    new_password1 = forms.CharField(
        label=_("새 비밀번호"),
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("새 비밀번호를 입력해 주세요.")},
    )
    new_password2 = forms.CharField(
        label=_("새 비밀번호 확인"),
        strip=False,
        help_text=_("같은 비밀번호를 한 번 더 입력해 주세요."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("새 비밀번호를 한 번 더 입력해 주세요.")},
    )

    service_field_map = {"password": "new_password1", "phone": None}

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if password1 and password2 and password1 != password2:
            self.add_error("new_password2", gettext("두 비밀번호가 서로 다릅니다. 같은 비밀번호를 입력해 주세요."))
        return cleaned


class EmailResetForm(TidyTextFormMixin, PasswordResetForm):
    """Django's password reset by email, in Korean; the accounts that get a link are chosen
    by :func:`accounts.services.password_reset_email_recipients` (at most a few links a day
    to one address)."""

    email = forms.EmailField(
        label=_("가입할 때 쓴 이메일"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("이메일을 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"),
        },
    )

    def get_users(self, email):
        return services.password_reset_email_recipients(email=email)


class NewPasswordForm(TidyTextFormMixin, SetPasswordForm):
    """Django's "set a new password" form (the email link's page), in Korean."""

    error_messages = {"password_mismatch": _("두 비밀번호가 서로 다릅니다. 같은 비밀번호를 입력해 주세요.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("새 비밀번호")
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password1"].error_messages["required"] = _("새 비밀번호를 입력해 주세요.")
        self.fields["new_password2"].label = _("새 비밀번호 확인")
        self.fields["new_password2"].help_text = _("같은 비밀번호를 한 번 더 입력해 주세요.")
        self.fields["new_password2"].error_messages["required"] = _("새 비밀번호를 한 번 더 입력해 주세요.")
