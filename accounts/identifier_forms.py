"""Forms of the "로그인 정보" pages (``/accounts/identifiers/…``): a new mobile number, a new
email address. The code form is :class:`accounts.signup_forms.CodeForm`. The rules (one
account per identifier, rate limits) are ``accounts.services.identifier_change``'s; its
``ValidationError`` goes next to the field with :meth:`add_service_errors`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.text import TidyTextFormMixin

from .identifiers import mobile_number_clean, normalize_email


class _CurrentPasswordForm(forms.Form):
    """Asks for the account's current password, so that a session left open (a shared PC
    at a community centre) cannot change the login identifiers (final review). ``user`` is
    the signed-in account."""

    current_password = forms.CharField(
        label=_("지금 비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("지금 쓰는 비밀번호를 입력해 주세요.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise ValidationError(_("비밀번호가 맞지 않습니다."), code="wrong_password")
        return password


class NewPhoneForm(TidyTextFormMixin, ServiceErrorsMixin, _CurrentPasswordForm):
    """The mobile number to add to the account, or to change to."""

    phone = forms.CharField(
        label=_("새 휴대전화번호"),
        max_length=20,
        help_text=_("예: 010-1234-5678. 이 번호로 인증번호 6자리를 문자로 보냅니다. 확인을 마쳐야 계정에 저장됩니다."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("휴대전화번호를 입력해 주세요.")},
    )

    def clean_phone(self) -> str:
        return mobile_number_clean(self.cleaned_data["phone"])


class NewEmailForm(TidyTextFormMixin, ServiceErrorsMixin, _CurrentPasswordForm):
    """The email address to add to the account, or to change to."""

    email = forms.EmailField(
        label=_("새 이메일 주소"),
        max_length=254,
        help_text=_("이 주소로 확인 메일을 보냅니다. 메일의 링크를 누르면 계정에 저장됩니다."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("이메일 주소를 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"),
        },
    )

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])
