"""Forms of the desk's resident pages (issue 5): the resident search, the counselling note
and the access-log filter. They only carry the input; the rules live in
``jobs.services.desk.search`` and ``jobs.services.desk.notes``."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from namdong_jobs.reference.models import Dong
from namdong_jobs.text import TidyTextFormMixin

from ..models import NoteChannel, today_kst
from ..services.desk.notes import CONTENT_MAX, NEXT_ACTION_MAX
from ..services.desk.search import phone_lookup

_DATE_INVALID = _("날짜를 2026-07-01 처럼 입력해 주세요.")


class ResidentSearchForm(TidyTextFormMixin, forms.Form):
    """Search criteria (GET): part of a name, a phone number in any spelling (or its last 4
    digits) and a home dong. ``cleaned_data`` keeps only the valid ones; ``dong`` cleans to
    a :class:`Dong` or ``None``."""

    name = forms.CharField(
        label=_("이름"),
        required=False,
        max_length=50,
        help_text=_("이름의 일부만 적어도 찾습니다."),
        error_messages={"max_length": _("이름은 %(limit_value)d자 이내로 적어 주세요.")},
    )
    phone = forms.CharField(
        label=_("휴대전화번호"),
        required=False,
        max_length=30,
        help_text=_("010-1234-5678, 01012345678 또는 끝 4자리(5678)로 찾을 수 있습니다."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        error_messages={"max_length": _("전화번호가 너무 깁니다. 숫자만 다시 입력해 주세요.")},
    )
    dong = forms.ChoiceField(label=_("거주 행정동"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dong"].choices = [
            ("", gettext("모든 동")),
            *Dong.objects.order_by("name").values_list("code", "name"),
        ]
        self.fields["dong"].error_messages["invalid_choice"] = gettext("목록에 있는 행정동을 골라 주세요.")

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone:
            phone_lookup(phone)  # raises a Korean ValidationError when unusable
        return phone

    def clean_dong(self):
        code = self.cleaned_data["dong"]
        return Dong.objects.filter(code=code).first() if code else None

    def criteria(self) -> dict:
        """The valid, non-empty criteria as ``resident_search`` takes them (the form has
        been validated; invalid fields are left out)."""
        data = getattr(self, "cleaned_data", {})
        return {key: data[key] for key in ("name", "phone", "dong") if data.get(key)}


class CounsellingNoteForm(TidyTextFormMixin, forms.Form):
    """A counselling note (상담 기록): date, channel, content, next action, follow-up date.
    Dates are KST dates; the limits are ``note_add``'s."""

    noted_on = forms.DateField(
        label=_("상담 날짜"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("상담 날짜를 입력해 주세요."), "invalid": _DATE_INVALID},
    )
    channel = forms.ChoiceField(
        label=_("상담 방법"),
        choices=[(value, _(label)) for value, label in NoteChannel.choices],
        widget=forms.RadioSelect,
        initial=NoteChannel.VISIT,
        error_messages={"required": _("상담 방법을 골라 주세요."), "invalid_choice": _("상담 방법을 골라 주세요.")},
    )
    content = forms.CharField(
        label=_("상담 내용"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "ko"}),
        error_messages={
            "required": _("상담 내용을 적어 주세요."),
            "max_length": _("상담 내용은 %(limit_value)d자 이내로 적어 주세요."),
        },
    )
    next_action = forms.CharField(
        label=_("다음 할 일 (선택)"),
        required=False,
        max_length=NEXT_ACTION_MAX,
        help_text=_("예: 이력서 들고 다시 방문, 면접 결과 전화로 확인"),
        error_messages={"max_length": _("다음 할 일은 %(limit_value)d자 이내로 적어 주세요.")},
    )
    follow_up_on = forms.DateField(
        label=_("다시 연락할 날짜 (선택)"),
        required=False,
        help_text=_("이 날짜가 되면 '오늘 할 일'의 후속 연락 목록에 나옵니다."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _DATE_INVALID},
    )

    mark_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["noted_on"].initial = today_kst()


#: ``YYYY-MM``.
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(raw: str) -> datetime.date:
    """The first day of the month ``raw`` (``"2026-06"``) names. Raises ``ValidationError``
    (Korean) for anything else, or a year outside 2000–2100."""
    match = _MONTH.fullmatch((raw or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    raise ValidationError(gettext("월은 2026-06 처럼 입력해 주세요."), code="invalid_month")


class AccessLogFilterForm(forms.Form):
    """The access log's filter (GET): a staff member (every account that has or had a staff
    membership, by centre) and a month (``YYYY-MM``, KST). ``cleaned_data``: ``staff`` (a
    :class:`User` or ``None``) and ``month`` (the first day, or ``None``)."""

    staff = forms.ChoiceField(label=_("직원"), required=False)
    month = forms.CharField(
        label=_("월"),
        required=False,
        max_length=7,
        help_text=_("예: 2026-06"),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-06"}),
        error_messages={"max_length": _("월은 2026-06 처럼 입력해 주세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.filter(staff_membership__isnull=False).select_related("staff_membership__centre")
        users = users.order_by("staff_membership__centre__name", "name", "id")
        self.fields["staff"].choices = [
            ("", gettext("모든 직원")),
            *((str(u.pk), f"{u} ({u.staff_membership.centre.name})") for u in users),
        ]
        self.fields["staff"].error_messages["invalid_choice"] = gettext("목록에 있는 직원을 골라 주세요.")

    def clean_staff(self):
        pk = self.cleaned_data["staff"]
        return User.objects.get(pk=pk) if pk else None

    def clean_month(self):
        raw = self.cleaned_data["month"]
        return parse_month(raw) if raw else None
