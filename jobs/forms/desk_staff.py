"""Forms of the desk's staff account pages (issue 5 item 1, district staff): the list
filter, a new staff account, and a membership's centre and role. The rules live in
``accounts.services.staff_accounts``."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import mobile_number_clean
from accounts.models import StaffMembership
from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.reference.models import CommunityCentre
from namdong_jobs.text import TidyTextFormMixin

#: The list filter's states: value → (label, ``is_active`` filter or None for all).
STAFF_STATES = {
    "active": (_("재직 중"), True),
    "inactive": (_("권한 멈춤"), False),
    "all": (_("전체"), None),
}


def _centres():
    return CommunityCentre.objects.order_by("kind", "name")


class StaffFilterForm(forms.Form):
    """``?centre=<id>&state=active|inactive|all``: anything malformed is ignored (the
    default: every centre, active staff)."""

    centre = forms.ModelChoiceField(label=_("센터"), queryset=CommunityCentre.objects.none(), required=False)
    state = forms.ChoiceField(label=_("상태"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres()
        self.fields["centre"].empty_label = gettext("모든 센터")
        self.fields["state"].choices = [(value, label) for value, (label, _active) in STAFF_STATES.items()]

    def filters(self) -> dict:
        """The valid filters: ``centre`` (a centre or None) and ``state`` (a key of
        :data:`STAFF_STATES`, default ``"active"``)."""
        data = self.cleaned_data if self.is_valid() else {}
        centre = data.get("centre") if "centre" not in self.errors else None
        state = data.get("state") or "active"
        return {"centre": centre, "state": state if state in STAFF_STATES else "active"}


class StaffMembershipForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """A membership's centre and role (both the new account form and the edit form)."""

    centre = forms.ModelChoiceField(
        label=_("소속 센터"),
        queryset=CommunityCentre.objects.none(),
        help_text=_("구청 일자리센터 직원은 모든 센터의 주민을 보고 직원 계정을 관리합니다."),
        error_messages={
            "required": _("소속 센터를 골라 주세요."),
            "invalid_choice": _("목록에 있는 센터를 골라 주세요."),
        },
    )
    role = forms.ChoiceField(
        label=_("직무"),
        choices=StaffMembership.Role.choices,
        error_messages={"required": _("직무를 골라 주세요."), "invalid_choice": _("목록에 있는 직무를 골라 주세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = _centres()
        self.fields["centre"].empty_label = gettext("-- 센터를 골라 주세요 --")


class StaffAccountForm(StaffMembershipForm):
    """A new staff account: name, email (the login), an optional mobile number, centre and
    role."""

    mark_required = True
    field_order = ["name", "email", "phone", "centre", "role"]

    name = forms.CharField(
        label=_("이름"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("이름을 입력해 주세요.")},
    )
    email = forms.EmailField(
        label=_("이메일"),
        max_length=254,
        help_text=_(
            "로그인할 때 쓰는 주소입니다. 이 주소로 비밀번호를 정하는 링크를 보냅니다. 이미 이 주소로 가입한 "
            "계정이 있으면 그 계정에 직원 권한을 더합니다."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("이메일을 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요. 예: hong@example.kr"),
        },
    )
    phone = forms.CharField(
        label=_("휴대전화번호 (선택)"),
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678. 본인이 인증번호로 확인하기 전에는 로그인이나 문자 알림에 쓰지 않습니다."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        return mobile_number_clean(value) if value else ""
