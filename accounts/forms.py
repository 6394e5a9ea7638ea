"""Forms of the accounts app. Every form stores tidy text (:class:`TidyTextFormMixin`: no
control or zero-width characters); passwords are left exactly as typed."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.text import TidyTextFormMixin

from .identifiers import mobile_number_clean
from .models import User


class LoginForm(TidyTextFormMixin, AuthenticationForm):
    """Login with an email address or a mobile number (any usual spelling)."""

    username = forms.CharField(
        label=_("이메일 또는 휴대전화번호"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
        error_messages={"required": _("이메일 또는 휴대전화번호를 입력해 주세요.")},
    )
    password = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("비밀번호를 입력해 주세요.")},
    )

    error_messages = {
        "invalid_login": _(
            "이메일(또는 휴대전화번호)이나 비밀번호가 맞지 않습니다. "
            "확인되지 않은 이메일·번호로는 로그인할 수 없습니다."
        ),
        "inactive": _("사용이 중지된 계정입니다. 일자리인력은행에 문의해 주세요."),
    }


class AdminLoginForm(TidyTextFormMixin, AdminAuthenticationForm):
    """Login form of the Django admin (district staff): same identifiers and wording as the
    portal's login, and a clear message for accounts that are not allowed in the admin."""

    username = LoginForm.base_fields["username"]
    password = LoginForm.base_fields["password"]

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _(
            "이메일(또는 휴대전화번호)과 비밀번호를 확인해 주세요. 관리 화면에는 관리 권한이 있는 "
            "직원 계정만 들어올 수 있습니다."
        ),
    }


#: Help text of every new-password field.
PASSWORD_HELP = _("10자 이상으로, 숫자만 쓰거나 흔한 비밀번호는 쓸 수 없습니다.")


class NewPasswordFields(forms.Form):
    """``password1`` and ``password2`` of a sign-up form, and :meth:`check_new_password`,
    which the form's ``clean`` calls: the two must match, and the first must pass Django's
    password validators (Korean messages) for the account about to be made."""

    password1 = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("비밀번호를 입력해 주세요.")},
    )
    password2 = forms.CharField(
        label=_("비밀번호 확인"),
        strip=False,
        help_text=_("같은 비밀번호를 한 번 더 입력해 주세요."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("비밀번호를 한 번 더 입력해 주세요.")},
    )

    def check_new_password(self, cleaned: dict, candidate: User) -> None:
        """Add the errors of the two password fields; ``candidate`` is the unsaved account
        (its email, phone and name feed the similarity validator)."""
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("두 비밀번호가 서로 다릅니다. 같은 비밀번호를 입력해 주세요."))
        elif password1:
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)


class SignupForm(TidyTextFormMixin, ServiceErrorsMixin, NewPasswordFields):
    """Online sign-up: email, password twice, name and an optional mobile number.

    Checks the format and that the two passwords match, and runs Django's password
    validators (Korean messages); uniqueness is checked by ``accounts.services.account_create``,
    whose ``ValidationError`` the view hands to :meth:`add_service_errors`.
    """

    email = forms.EmailField(
        label=_("이메일"),
        max_length=254,
        help_text=_("로그인할 때 쓰는 주소입니다. 이 주소로 확인 메일을 보냅니다."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("이메일을 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"),
        },
    )
    name = forms.CharField(
        label=_("이름"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("이름을 입력해 주세요.")},
    )
    phone = forms.CharField(
        label=_("휴대전화번호 (선택)"),
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    field_order = ["email", "password1", "password2", "name", "phone"]
    #: service error keys → form fields
    service_field_map = {"password": "password1"}

    def clean_phone(self) -> str | None:
        value = self.cleaned_data.get("phone", "").strip()
        return mobile_number_clean(value) if value else None

    def clean(self):
        cleaned = super().clean()
        self.check_new_password(cleaned, User(email=cleaned.get("email"), name=cleaned.get("name", "")))
        return cleaned


class EmailVerificationResendForm(TidyTextFormMixin, forms.Form):
    """Ask for a new email verification link."""

    email = forms.EmailField(
        label=_("가입할 때 쓴 이메일"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("이메일을 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"),
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
