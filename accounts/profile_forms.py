"""Forms of the seeker's own pages: the profile, career entries, the résumé upload.

The forms parse what people type and lay the page out; the rules (known codes, wage bounds,
consent for declared groups, file formats) live in ``accounts.services.profiles`` and
``accounts.services.resumes``, whose ``ValidationError`` the views hand to
``add_service_errors``.
"""

import datetime
import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from namdong_jobs.forms import ServiceErrorsMixin
from namdong_jobs.reference.codes import (
    DECLARED_PRIORITY_GROUPS,
    Education,
    EmploymentType,
    Language,
    Licence,
    PriorityGroup,
    Shift,
    Weekday,
)
from namdong_jobs.reference.models import Dong, Occupation
from namdong_jobs.text import TidyTextFormMixin

from . import services
from .choices import NotifyChannel, NotifyFrequency
from .identifiers import format_mobile
from .models import CareerEntry, SeekerProfile

#: The value of the "남동구 외" option of the home dong select.
OUTSIDE_NAMDONG = "outside"


def code_choices(enum, values=None) -> list[tuple[str, str]]:
    """``(code, translated label)`` of a ``TextChoices`` whose labels are ``gettext_noop``."""
    return [(value, _(enum(value).label)) for value in (values or enum.values)]


def checkboxes(label, choices, help_text="", **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("목록에 없는 값이 있습니다. 다시 골라 주세요.")},
        **kwargs,
    )


class AmountField(forms.Field):
    """A whole-won amount, 0 included: ``10320``, ``10,320``, ``10,320원``; empty = none."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("금액은 원 단위 숫자로 적어 주세요. 예: 10,320")}

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off", "maxlength": "20"}

    def to_python(self, value):
        text = re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", str(value or ""))).removesuffix("원")
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)

    def prepare_value(self, value):
        return f"{value:,}" if isinstance(value, int) else value


class MonthField(forms.Field):
    """A year and month: ``2019-03`` (what ``<input type="month">`` sends), ``2019.3``,
    ``2019/03``, ``201903`` or ``2019년 3월``; cleans to the 1st of that month."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("연·월을 2019-03 처럼 적어 주세요.")}
    _pattern = re.compile(r"^(\d{4})\s*(?:[-./]|년)?\s*(\d{1,2})\s*월?$")

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "type": "month", "placeholder": "2019-03", "maxlength": "10"}

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        match = self._pattern.match(text)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match.group(1)), int(match.group(2))
        if not (1900 <= year <= 2100 and 1 <= month <= 12):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.date(year, month, 1)

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else value


class ProfileForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """The whole profile on one page, in fieldsets (see ``templates/accounts/profile/edit.html``).

    ``declared_groups`` exists only when the person has the sensitive-data consent
    (``sensitive_consent=True``). ``channel_notes`` (``{channel: note}``) adds a note to the
    notification channels the account cannot be reached by yet (no verified email or
    number). :meth:`service_changes` gives the keyword arguments of
    ``services.profile_update``.
    """

    mark_required = True
    service_field_map = {"wanted_min_hourly_krw": "wanted_wage_amount"}

    name = forms.CharField(label=_("이름"), max_length=50, error_messages={"required": _("이름을 입력해 주세요.")})
    birth_year = forms.CharField(
        label=_("출생 연도"),
        help_text=_("4자리로 적어 주세요. 예: 1968. 청년·고령자 우대는 출생 연도로 정해집니다."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "bday-year", "class": "input-short", "maxlength": "4"}
        ),
        error_messages={"required": _("출생 연도를 입력해 주세요.")},
    )
    phone = forms.CharField(
        label=_("휴대전화번호"),
        required=False,
        max_length=20,
        help_text=_("예: 010-1234-5678. 지원한 기업과 센터가 연락할 때 씁니다."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("이메일 (선택)"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    home_dong = forms.ChoiceField(
        label=_("사는 곳 (행정동)"),
        choices=(),
        error_messages={
            "required": _("사는 행정동을 골라 주세요."),
            "invalid_choice": _("남동구의 행정동이 아닙니다. 목록에서 골라 주세요."),
        },
    )

    wanted_occupations = checkboxes(_("희망 직종"), (), _("여러 개를 고를 수 있습니다. 분야를 펼쳐 직종을 고르세요."))
    wanted_dongs = checkboxes(
        _("희망 근무 지역 (행정동)"),
        (),
        _("여러 개를 고를 수 있습니다. 하나도 고르지 않으면 남동구 어디든 좋다는 뜻입니다."),
    )
    wanted_employment_types = checkboxes(_("희망 고용형태"), code_choices(EmploymentType))
    wanted_wage_amount = AmountField(
        label=_("희망 최저 임금"),
        required=False,
        help_text=_("비워 두면 임금 조건 없이 찾습니다. 일급은 8시간, 월급은 209시간으로 나누어 시급으로 저장합니다."),
    )
    wanted_wage_unit = forms.ChoiceField(
        label=_("임금 단위"),
        choices=[
            (services.WageUnit.HOUR, pgettext_lazy("wage unit", "시급")),
            (services.WageUnit.DAY, pgettext_lazy("wage unit", "일급")),
            (services.WageUnit.MONTH, pgettext_lazy("wage unit", "월급")),
        ],
        initial=services.WageUnit.HOUR,
        widget=forms.RadioSelect,
        error_messages={"required": _("임금 단위를 골라 주세요.")},
    )
    wanted_shifts = checkboxes(_("희망 근무 시간대"), code_choices(Shift))
    wanted_days = checkboxes(_("일할 수 있는 요일"), code_choices(Weekday))

    education = forms.ChoiceField(
        label=_("최종 학력"), required=False, choices=[("", _("선택하지 않음")), *code_choices(Education)]
    )
    licences = checkboxes(_("자격·면허"), code_choices(Licence))
    licences_other = forms.CharField(
        label=_("그 밖의 자격·면허"),
        required=False,
        help_text=_("쉼표(,)로 나누거나 한 줄에 하나씩, 10개까지 적어 주세요. 예: 바리스타 2급, 제과기능사"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages = checkboxes(_("일할 때 쓸 수 있는 언어"), code_choices(Language))
    self_introduction = forms.CharField(
        label=_("자기소개"),
        required=False,
        help_text=_("1000자 이내로 적어 주세요. 지원한 기업이 봅니다."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    is_searchable = forms.BooleanField(
        label=_("기업이 내 프로필을 찾을 수 있음"),
        required=False,
        help_text=_("켜면 구인 기업이 인재를 찾을 때 내 프로필이 보일 수 있습니다."),
    )
    declared_groups = checkboxes(
        _("우대 대상 (본인 신고)"),
        code_choices(PriorityGroup, [g.value for g in DECLARED_PRIORITY_GROUPS]),
        _("해당하는 것을 고르면 우대 공고를 추천받을 수 있습니다. 민감정보 처리 동의를 철회하면 바로 지웁니다."),
    )
    notify_channels = checkboxes(
        _("알림 받을 방법"),
        code_choices(NotifyChannel),
        _("이메일과 문자는 확인된 주소·번호로만 보냅니다. 사이트 알림함에는 언제나 남습니다."),
    )
    notify_frequency = forms.ChoiceField(
        label=_("알림 빈도"),
        choices=code_choices(NotifyFrequency),
        widget=forms.RadioSelect,
        error_messages={"required": _("알림 빈도를 골라 주세요.")},
    )

    BASIC = ("name", "birth_year", "phone", "email", "home_dong")

    def __init__(
        self, *args, profile: SeekerProfile, sensitive_consent: bool, channel_notes: dict | None = None, **kwargs
    ):
        kwargs["initial"] = {**self.initial_from(profile), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.sensitive_consent = sensitive_consent
        if profile.user_id:
            # An online seeker's contact details are the account's verified phone and email
            # (what employers receive); they change on /accounts/identifiers/ with a code or a
            # link, never as unverified text here (second review).
            del self.fields["phone"], self.fields["email"]
        if not sensitive_consent:
            del self.fields["declared_groups"]
        if channel_notes:  # {"sms": "…"}: a channel the account cannot be reached by yet
            field = self.fields["notify_channels"]
            field.choices = [
                (value, f"{label} ({channel_notes[value]})" if value in channel_notes else label)
                for value, label in field.choices
            ]
        dongs = list(Dong.objects.order_by("name").values_list("code", "name"))
        self.fields["home_dong"].choices = [(OUTSIDE_NAMDONG, _("남동구 외")), *dongs]
        self.fields["wanted_dongs"].choices = dongs
        minors = Occupation.objects.filter(level=Occupation.Level.MINOR).select_related("parent").order_by("code")
        self._occupation_parent = {occ.code: occ.parent for occ in minors}
        self.fields["wanted_occupations"].choices = [(occ.code, occ.name) for occ in minors]

    @staticmethod
    def initial_from(profile: SeekerProfile) -> dict:
        initial = {field: getattr(profile, field) for field in services.PROFILE_FIELDS if field != "home_dong"}
        initial["home_dong"] = profile.home_dong_id or OUTSIDE_NAMDONG
        initial["phone"] = format_mobile(profile.phone) if profile.phone else ""
        initial["licences_other"] = "\n".join(profile.licences_other)
        initial["wanted_wage_amount"] = profile.wanted_min_hourly_krw
        initial["wanted_wage_unit"] = services.WageUnit.HOUR
        initial.pop("wanted_min_hourly_krw")
        return initial

    def basic_fields(self) -> list:
        """The bound fields of the "기본 정보" fieldset."""
        return [self[name] for name in self.BASIC if name in self.fields]

    def occupation_groups(self) -> list[dict]:
        """The occupation checkboxes by KECO middle group: ``[{"code", "name", "options",
        "selected"}]`` (``options`` are bound checkbox widgets), for fieldsets in the page."""
        groups: dict[str, dict] = {}
        for option in self["wanted_occupations"]:
            parent = self._occupation_parent[option.data["value"]]
            group = groups.setdefault(parent.code, {"code": parent.code, "name": parent.name, "options": []})
            group["options"].append(option)
        for group in groups.values():
            group["selected"] = sum(1 for option in group["options"] if option.data["selected"])
        return list(groups.values())

    def clean_birth_year(self):
        text = unicodedata.normalize("NFKC", self.cleaned_data["birth_year"]).strip()  # "１９６８" → "1968"
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            raise ValidationError(_("출생 연도를 4자리 숫자로 입력해 주세요. 예: 1968"), code="invalid")
        return int(text)

    def clean(self):
        cleaned = super().clean()
        amount, unit = cleaned.get("wanted_wage_amount"), cleaned.get("wanted_wage_unit")
        if amount is not None and unit:
            try:
                cleaned["wanted_min_hourly_krw"] = services.wage_per_hour(amount=amount, unit=unit)
            except ValidationError as exc:
                self.add_error("wanted_wage_amount", exc)
        elif amount is None and "wanted_wage_amount" not in self.errors:
            cleaned["wanted_min_hourly_krw"] = None
        return cleaned

    def service_changes(self) -> dict:
        """Keyword arguments of ``services.profile_update`` from the cleaned form."""
        data = self.cleaned_data
        fields = [f for f in services.PROFILE_FIELDS if f in self.fields or f == "wanted_min_hourly_krw"]
        changes = {field: data.get(field) for field in fields}
        changes["home_dong"] = None if data["home_dong"] == OUTSIDE_NAMDONG else data["home_dong"]
        return changes


class CareerEntryForm(TidyTextFormMixin, ServiceErrorsMixin, forms.Form):
    """One career entry (the rules are ``services.career_entry_add``'s)."""

    mark_required = True

    company = forms.CharField(
        label=_("회사·기관 이름"), max_length=100, error_messages={"required": _("회사·기관 이름을 입력해 주세요.")}
    )
    role = forms.CharField(
        label=_("맡은 일"),
        max_length=100,
        help_text=_("예: 생산직 조립, 요양보호사, 사무 보조"),
        error_messages={"required": _("맡은 일을 입력해 주세요.")},
    )
    started_on = MonthField(label=_("시작한 연·월"), error_messages={"required": _("시작한 연·월을 입력해 주세요.")})
    ended_on = MonthField(label=_("끝난 연·월"), required=False, help_text=_("지금 일하고 있으면 비워 두세요."))
    duties = forms.CharField(
        label=_("업무 내용"),
        required=False,
        help_text=_("500자 이내"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @staticmethod
    def initial_from(entry: CareerEntry) -> dict:
        return {field: getattr(entry, field) for field in services.CAREER_FIELDS}


class ResumeUploadForm(forms.Form):
    """The résumé file (format and size are checked by ``services.resume_set``, whose
    ``ValidationError`` :meth:`add_service_errors` shows next to the field)."""

    resume = forms.FileField(
        label=_("이력서 파일"),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.hwp,.hwpx"}),
        error_messages={
            "required": _("올릴 파일을 골라 주세요."),
            "empty": _("빈 파일입니다. 이력서 파일을 다시 골라 주세요."),
            "invalid": _("파일을 받지 못했습니다. 다시 골라 주세요."),
            "missing": _("파일을 받지 못했습니다. 다시 골라 주세요."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].help_text = _(
            "PDF, 워드(DOCX), 한글(HWP, HWPX) 파일을 %(mb)dMB까지 올릴 수 있습니다. "
            "파일 이름이 아니라 내용으로 형식을 확인합니다."
        ) % {"mb": settings.NJ_MAX_UPLOAD_BYTES // (1024 * 1024)}

    def add_service_errors(self, error: ValidationError) -> None:
        self.add_error("resume", error)
