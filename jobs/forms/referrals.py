"""Forms of the desk's referral pages (issue 5 item 6): referring a resident to a posting,
recording the outcome, and finding a posting by its number. They only carry the input; the
rules live in :mod:`jobs.services.desk.referrals`."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from namdong_jobs.text import TidyTextFormMixin

from ..models import ReferralMethod
from ..services.applications import MESSAGE_MAX
from ..services.desk.referrals import REFERRAL_OUTCOMES, sensitive_words
from .fields import enum_choices


class ReferralForm(TidyTextFormMixin, forms.Form):
    """How the resident is referred (required, marked "(필수)"; 소개장 preselected), the
    interview date and time when one is set, and a message to the employer.
    ``cleaned_data["interview_at"]`` is an aware datetime (KST) or ``None``; a date without a
    time (or a time without a date) is an error.

    ``openings_reached=True`` (the posting's hires already reach its openings,
    :func:`jobs.services.desk.referrals.openings_reached`, asked by the view at each request)
    adds the required checkbox ``confirm_openings``: staff confirm that they refer all the same
    (the employer may hire more). The service does not refuse such a referral.

    The message must not carry health, disability or other sensitive details (개인정보 보호법
    §23). When the submitted message contains words of
    :data:`jobs.services.desk.referrals.SENSITIVE_MESSAGE_WORDS`, ``sensitive_words`` lists
    them (the page warns) and the required checkbox ``confirm_sensitive`` is added: staff
    re-read the message and confirm it holds no sensitive details before it is sent."""

    method = forms.ChoiceField(
        label=_("알선 방법"),
        choices=enum_choices(ReferralMethod),
        initial=ReferralMethod.LETTER,
        widget=forms.RadioSelect,
        error_messages={"required": _("알선 방법을 골라 주세요."), "invalid_choice": _("알선 방법을 골라 주세요.")},
    )
    interview_date = forms.DateField(
        label=_("면접 날짜 (선택)"),
        required=False,
        help_text=_("기업과 면접 날짜를 정했으면 입력합니다. 예: 2026-07-01"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 2026-07-01 처럼 입력해 주세요.")},
    )
    interview_time = forms.TimeField(
        label=_("면접 시각 (선택)"),
        required=False,
        help_text=_("예: 14:00"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("시각을 14:00 처럼 입력해 주세요.")},
    )
    message = forms.CharField(
        label=_("기업에 전할 말 (선택)"),
        required=False,
        max_length=MESSAGE_MAX,
        help_text=_(
            "기업의 지원서 화면에 '센터 직원의 알선 메모'로 보입니다. 연락 방법, 면접 일정 등을 "
            "1000자 이내로 적을 수 있습니다. 건강, 장애, 병력 같은 민감정보는 적지 마세요(개인정보 보호법 제23조)."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ko"}),
        error_messages={"max_length": _("기업에 전할 말은 %(limit_value)d자 이내로 적어 주세요.")},
    )

    mark_required = True

    def __init__(self, *args, openings_reached: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        message = self.data.get(self.add_prefix("message"), "") if self.is_bound else ""
        #: Words of SENSITIVE_MESSAGE_WORDS found in the submitted message (empty when unbound).
        self.sensitive_words = sensitive_words(message if isinstance(message, str) else "")
        if self.sensitive_words:
            self.fields["confirm_sensitive"] = forms.BooleanField(
                label=_("다시 읽어 보았고, 건강·장애 등 민감정보는 들어 있지 않습니다"),
                help_text=_("민감정보가 있으면 전할 말에서 지운 뒤 알선해 주세요."),
                error_messages={
                    "required": _(
                        "기업에 전할 말에 민감정보로 보이는 말이 있습니다. "
                        "지우거나, 민감정보가 아님을 확인했으면 확인란에 표시해 주세요."
                    )
                },
            )
        if openings_reached:
            self.fields["confirm_openings"] = forms.BooleanField(
                label=_("모집인원이 찬 것을 알고, 그래도 알선합니다"),
                help_text=_("기업이 더 뽑는지 전화 등으로 먼저 확인해 주세요."),
                error_messages={
                    "required": _(
                        "이 공고는 이미 모집인원만큼 채용했습니다. 기업이 더 뽑는지 확인했으면 확인란에 표시해 주세요."
                    )
                },
            )

    def clean(self):
        data = super().clean()
        day, time = data.get("interview_date"), data.get("interview_time")
        data["interview_at"] = None
        if day and time:
            data["interview_at"] = timezone.make_aware(datetime.datetime.combine(day, time))
        elif day and "interview_time" not in self.errors:
            self.add_error("interview_time", _("면접 시각도 입력해 주세요."))
        elif time and "interview_date" not in self.errors:
            self.add_error("interview_date", _("면접 날짜도 입력해 주세요."))
        return data


class OutcomeForm(forms.Form):
    """The outcome of a referral and the date it happened (KST, default today)."""

    outcome = forms.ChoiceField(
        label=_("알선 결과"),
        choices=list(REFERRAL_OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("알선 결과를 골라 주세요."), "invalid_choice": _("알선 결과를 골라 주세요.")},
    )
    outcome_on = forms.DateField(
        label=_("결과 날짜"),
        help_text=_("채용이 정해진 날, 면접에 오지 않은 날 등. 예: 2026-07-01"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("결과 날짜를 입력해 주세요."),
            "invalid": _("날짜를 2026-07-01 처럼 입력해 주세요."),
        },
    )


class PostingNumberForm(forms.Form):
    """A posting's number (공고 번호), to refer a resident to a posting found elsewhere."""

    posting = forms.IntegerField(
        label=_("공고 번호"),
        min_value=1,
        max_value=2_147_483_647,
        help_text=_("공고 화면의 '공고 N번'의 숫자입니다."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8}),
        error_messages={
            "required": _("공고 번호를 입력해 주세요."),
            "invalid": _("공고 번호는 숫자로 입력해 주세요."),
            "min_value": _("공고 번호를 확인해 주세요."),
            "max_value": _("공고 번호를 확인해 주세요."),
        },
    )
