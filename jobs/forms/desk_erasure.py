"""The confirmation of erasing a walk-in resident's personal data at their request (issue 5
review; ``jobs.services.desk.erasure.resident_erase`` does the work and checks the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.profile_forms import code_choices
from accounts.services.residents import WithdrawChannel
from namdong_jobs.forms import ServiceErrorsMixin


class ResidentEraseForm(ServiceErrorsMixin, forms.Form):
    """How the resident asked (``channel``, a ``WithdrawChannel`` value: 방문, 전화, 서면; it
    goes to the access-log row ``"erase:<channel>"``) and a required tick (``confirm``) that
    the request is the resident's own and that the erasure cannot be undone."""

    mark_required = True

    channel = forms.ChoiceField(
        label=_("주민이 삭제를 요청한 방법"),
        choices=code_choices(WithdrawChannel),
        widget=forms.RadioSelect,
        help_text=_("개인정보 접근 기록에 함께 남습니다. 서면 요청서는 센터의 문서 보관 절차에 따라 보관해 주세요."),
        error_messages={
            "required": _("주민이 삭제를 어떻게 요청했는지 골라 주세요."),
            "invalid_choice": _("주민이 삭제를 어떻게 요청했는지 목록에서 골라 주세요."),
        },
    )
    confirm = forms.BooleanField(
        label=_("주민 본인의 요청임을 확인했고, 위 정보가 바로 지워져 되돌릴 수 없다는 것을 알고 있습니다"),
        error_messages={"required": _("지우려면 본인 요청이고 되돌릴 수 없다는 것을 확인했다는 칸에 표시해 주세요.")},
    )
