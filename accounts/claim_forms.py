"""Forms of the claim pages (``/accounts/claim/``, issue 5 item 2): who the resident is, then
the SMS code and a new password (and, when the number is already another account's login,
an email address to log in with instead). The fields are the sign-up form's (name, birth
year, the code and the two password fields with their checks); the services decide
(:mod:`accounts.services.claim`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.text import TidyTextFormMixin

from .forms import NewPasswordFields
from .identifiers import mobile_number_clean
from .models import User
from .signup_forms import CodeForm, SeekerProfileFieldsForm, SeekerSignupForm


class ClaimStartForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """Name, birth year and the mobile number the centre registered."""

    name = SeekerSignupForm.base_fields["name"]
    birth_year = SeekerProfileFieldsForm.base_fields["birth_year"]
    phone = forms.CharField(
        label=_("센터에 알려 준 휴대전화번호"),
        max_length=20,
        help_text=_("예: 010-1234-5678. 센터에 등록된 정보와 맞으면 이 번호로 인증번호 6자리를 문자로 보냅니다."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("휴대전화번호를 입력해 주세요.")},
    )

    def clean_phone(self) -> str:
        return mobile_number_clean(self.cleaned_data["phone"])


class ClaimVerifyForm(ServiceErrorsMixin, CodeForm, NewPasswordFields):
    """The SMS code, the new account's password twice (Django's validators, checked against
    the resident's name and number: ``candidate``) and ``email``, optional here: the service
    asks for it when the number is already another account's login, and the page shows the
    field only then."""

    field_order = ["code", "email", "password1", "password2"]
    service_field_map = {"password": "password1"}

    email = forms.EmailField(
        label=_("로그인에 쓸 이메일"),
        max_length=254,
        required=False,
        help_text=_("본인이 쓰는 이메일 주소. 이 주소로 확인 메일을 보내고, 링크를 누르면 이 주소로 로그인합니다."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr")},
    )

    def __init__(self, *args, candidate: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email"):
            self.candidate.email = cleaned["email"]  # the similarity validator sees it too
        self.check_new_password(cleaned, self.candidate)
        return cleaned
