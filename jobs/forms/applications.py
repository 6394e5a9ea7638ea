"""Forms of applying (the seeker) and of changing an application's status (the employer).
They only carry the input; the rules live in ``jobs.services.applications`` and
``jobs.services.application_status``."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from namdong_jobs.text import TidyTextFormMixin

from ..choices import ApplicationStatus
from ..services.application_status import INTERVIEW_PLACE_MAX, NOTE_MAX
from ..services.applications import MESSAGE_MAX


class ApplyForm(TidyTextFormMixin, forms.Form):
    """The apply form: an optional message; the provision-consent checkbox when the seeker
    has no active provision consent (``needs_consent``); the "share my priority groups" box
    when the seeker has the sensitive-data consent and declared groups (``can_share_groups``)."""

    message = forms.CharField(
        label=_("기업에 전할 말 (선택)"),
        help_text=_("하고 싶은 말이나 일을 시작할 수 있는 날짜 등을 1000자 이내로 적을 수 있습니다."),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "ko"}),
        error_messages={"max_length": _("지원 메시지는 %(limit_value)d자 이내로 적어 주세요.")},
    )
    provision_consent = forms.BooleanField(
        label=_("위 내용을 읽었으며, 지원하는 기업에 개인정보를 제공하는 데 동의합니다."),
        required=True,
        error_messages={"required": _("지원하려면 기업에 개인정보를 제공하는 데 동의해 주세요.")},
    )
    share_declared_groups = forms.BooleanField(
        label=_("내가 신고한 우대 대상(취약계층) 정보를 이 기업에 알립니다."),
        help_text=_("선택하지 않으면 기업은 이 정보를 볼 수 없습니다."),
        required=False,
    )

    def __init__(self, *args, needs_consent: bool, can_share_groups: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_consent:
            del self.fields["provision_consent"]
        if not can_share_groups:
            del self.fields["share_declared_groups"]


#: Statuses the form offers, with the wording of the employer's choice.
STATUS_CHOICE_LABELS = {
    ApplicationStatus.VIEWED: _("열람 (확인함)"),
    ApplicationStatus.INTERVIEW: _("면접 (일정 알리기)"),
    ApplicationStatus.HIRED: _("채용"),
    ApplicationStatus.REJECTED: _("불합격"),
}


class ApplicationStatusForm(TidyTextFormMixin, forms.Form):
    """The employer's status change: the next status (only those allowed now), the interview
    date, time and place (for 면접) and a note shown to the seeker. ``cleaned_data`` gets
    ``interview_at``, an aware datetime in KST, when a date and time were given."""

    status = forms.ChoiceField(
        label=_("바꿀 상태"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("바꿀 상태를 골라 주세요."),
            "invalid_choice": _("지금은 그 상태로 바꿀 수 없습니다."),
        },
    )
    interview_date = forms.DateField(
        label=_("면접 날짜"),
        required=False,
        help_text=_("면접을 고를 때만 입력합니다. 예: 2026-07-01"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 2026-07-01 처럼 입력해 주세요.")},
    )
    interview_time = forms.TimeField(
        label=_("면접 시각"),
        required=False,
        help_text=_("예: 14:00"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("시각을 14:00 처럼 입력해 주세요.")},
    )
    interview_place = forms.CharField(
        label=_("면접 장소"),
        required=False,
        max_length=INTERVIEW_PLACE_MAX,
        help_text=_("주소와 찾아오는 방법을 적어 주세요. 전화 면접이면 '전화 면접'이라고 적어 주세요."),
        error_messages={"max_length": _("면접 장소는 %(limit_value)d자 이내로 적어 주세요.")},
    )
    note = forms.CharField(
        label=_("구직자에게 전할 말 (선택)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_(
            "구직자에게 가는 알림(문자·이메일·사이트 알림함)과, 계정이 있는 구직자의 마이페이지에 그대로 보입니다."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "ko"}),
        error_messages={"max_length": _("전할 말은 %(limit_value)d자 이내로 적어 주세요.")},
    )

    def __init__(self, *args, next_statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, STATUS_CHOICE_LABELS.get(s, s)) for s in next_statuses]

    def clean(self):
        data = super().clean()
        day, time = data.get("interview_date"), data.get("interview_time")
        if day and time:
            data["interview_at"] = timezone.make_aware(datetime.datetime.combine(day, time))
        else:
            data["interview_at"] = None
            if data.get("status") == ApplicationStatus.INTERVIEW:
                if not day and "interview_date" not in self.errors:
                    self.add_error("interview_date", _("면접 날짜를 입력해 주세요."))
                if not time and "interview_time" not in self.errors:
                    self.add_error("interview_time", _("면접 시각을 입력해 주세요."))
        return data
