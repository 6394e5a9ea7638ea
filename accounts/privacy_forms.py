"""Forms of the data-rights pages (``accounts.views.privacy``): the confirmation before an
account is deleted. Tidy text (:class:`TidyTextFormMixin`); the password is left as typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from namdong_jobs.text import TidyTextFormMixin


class AccountDeleteForm(TidyTextFormMixin, forms.Form):
    """The current password and a confirmation tick before an erasure; with
    ``ends_employer_login`` (the login is also an employer member's), a second tick that
    says the employer login ends too (``confirm_employer``)."""

    mark_required = True

    password = forms.CharField(
        label=_("현재 비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("본인인지 확인하려고 한 번 더 묻습니다."),
        error_messages={"required": _("현재 비밀번호를 입력해 주세요.")},
    )
    confirm = forms.BooleanField(
        label=_("탈퇴하면 위 정보가 바로 지워지고 되돌릴 수 없다는 것을 확인했습니다"),
        error_messages={"required": _("탈퇴하려면 내용을 확인했다는 칸에 표시해 주세요.")},
    )

    def __init__(self, *args, user, ends_employer_login: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if ends_employer_login:
            self.fields["confirm_employer"] = forms.BooleanField(
                label=_("기업 회원 로그인도 함께 사라져 기업 회원으로도 로그인할 수 없다는 것을 확인했습니다"),
                error_messages={
                    "required": _("기업 회원 로그인도 함께 사라진다는 것을 확인했다는 칸에 표시해 주세요.")
                },
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("비밀번호가 맞지 않습니다. 다시 입력해 주세요."), code="wrong_password")
        return password
