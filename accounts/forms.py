"""Forms of the accounts app."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
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


class AdminLoginForm(AdminAuthenticationForm):
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
