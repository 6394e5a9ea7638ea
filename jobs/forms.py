"""Forms of the jobs app: the posting form employers and centre staff fill in.

:class:`JobPostingForm` edits the fields of ``jobs.services.revisions.EDITABLE_FIELDS`` and
saves through the lifecycle services (``posting_create`` / ``posting_update``), so every rule
(minimum wage, hiring-law screening, revisions of published postings) lives in one place. A
``ValidationError`` raised by a service is put back on the form, next to its field, so
nothing the user typed is lost.

The form deliberately offers no age, sex, appearance, birthplace, marital status, property or
family fields (DESIGN.md "Hiring law"); priority groups are worded as welcome, never a limit.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from namdong_jobs.reference.models import Dong, MinimumWage, Occupation

from .choices import (
    ApplyMethod,
    Benefit,
    CareerType,
    Education,
    EmploymentType,
    EntryChannel,
    PriorityGroup,
    Shift,
    WageType,
    Weekday,
)
from .models import JobPosting, JobPostingRevision, today_kst
from .rules import minimum_wage_shortfall
from .services import posting_create, posting_update
from .services.revisions import EDITABLE_FIELDS

#: Wage types the form offers (주급 exists only for imported amounts).
FORM_WAGE_TYPES = (WageType.HOUR, WageType.DAY, WageType.MONTH, WageType.YEAR)

#: The value of the explicit "남동구 외" option of the dong select.
OUTSIDE_NAMDONG = "outside"

#: Largest amount accepted (whole KRW): 10억 원, far above any real wage.
MAX_WAGE_KRW = 1_000_000_000


def _choices(enum, values=None) -> list[tuple[str, str]]:
    """``(code, translated label)`` pairs of a ``TextChoices`` (labels are ``gettext_noop``)."""
    return [(value, gettext_lazy(enum(value).label)) for value in (values or enum.values)]


def _minimum_wage_help() -> str:
    """The wage help text with the minimum wage in force today, e.g. 2026: 10,320원."""
    try:
        row = MinimumWage.objects.for_date(today_kst())
    except MinimumWage.DoesNotExist:
        figure = ""
    else:
        figure = gettext("%(year)d년 최저임금은 시급 %(amount)s원입니다. ") % {
            "year": row.year,
            "amount": f"{row.hourly_krw:,}",
        }
    return figure + gettext(
        "적은 임금은 시간당으로 바꿔 최저임금과 비교합니다: 시급은 그대로, 일급은 1일 근로시간"
        "(적지 않으면 8시간)으로 나누고, 월급은 209시간으로, 연봉은 12개월과 209시간으로 나눕니다. "
        "최저임금보다 적으면 저장할 수 없습니다."
    )


class KRWField(forms.Field):
    """A whole-won amount: accepts ``2500000``, ``2,500,000``, ``2,500,000원`` and spaces;
    refuses fractions, negative numbers and words."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("금액은 원 단위 숫자로 적어 주세요. 예: 2,500,000"),
        "min_value": _("금액은 0원보다 커야 합니다."),
        "max_value": _("금액이 너무 큽니다. 원 단위로 적었는지 확인해 주세요."),
    }

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off", "maxlength": "20"}

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, int):
            return value
        text = re.sub(r"[\s,]", "", str(value)).removesuffix("원")
        if not text.isascii() or not text.isdigit() or len(text) > 15:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        amount = int(text)
        if amount <= 0:
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        if amount > MAX_WAGE_KRW:
            raise ValidationError(self.error_messages["max_value"], code="max_value")
        return amount

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}"
        return value


class GroupedOccupationField(forms.ChoiceField):
    """KECO 2018 minor groups in a select with one ``<optgroup>`` per middle group; cleans to
    an :class:`~namdong_jobs.reference.models.Occupation` (or ``None``)."""

    def __init__(self, **kwargs):
        super().__init__(choices=self._grouped_choices, **kwargs)

    @staticmethod
    def _grouped_choices():
        groups: dict[str, list[tuple[str, str]]] = {}
        minors = Occupation.objects.filter(level=Occupation.Level.MINOR).select_related("parent").order_by("code")
        for occ in minors:
            groups.setdefault(occ.parent.name, []).append((occ.code, f"{occ.name}"))
        return [("", gettext("직종을 고르세요")), *groups.items()]

    def prepare_value(self, value):
        return value.pk if isinstance(value, Occupation) else value

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        try:
            return Occupation.objects.get(code=code, level=Occupation.Level.MINOR)
        except Occupation.DoesNotExist:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
            ) from None


class DongField(forms.ChoiceField):
    """The 20 administrative dongs of Namdong-gu plus an explicit "남동구 외" option; cleans
    to a :class:`~namdong_jobs.reference.models.Dong`, or ``None`` for outside Namdong-gu or
    no choice (``self.outside`` tells them apart)."""

    def __init__(self, **kwargs):
        super().__init__(choices=self._dong_choices, **kwargs)

    @staticmethod
    def _dong_choices():
        return [
            ("", gettext("행정동을 고르세요")),
            (OUTSIDE_NAMDONG, gettext("남동구 외 (주소에 적어 주세요)")),
            *((d.code, d.name) for d in Dong.objects.order_by("name")),
        ]

    def prepare_value(self, value):
        return value.pk if isinstance(value, Dong) else value

    def clean(self, value):
        code = super().clean(value)
        if not code or code == OUTSIDE_NAMDONG:
            return None
        try:
            return Dong.objects.get(code=code)
        except Dong.DoesNotExist:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
            ) from None


class EmployerChoiceField(forms.ModelChoiceField):
    """Employers by name, with the registration number and a note when not yet verified."""

    def label_from_instance(self, obj: Employer) -> str:
        label = obj.name
        if obj.brn:
            label += f" ({obj.brn_display})"
        if obj.verification_status == Employer.Verification.PENDING:
            label += " - " + gettext("확인 대기")
        elif obj.verification_status == Employer.Verification.REJECTED:
            label += " - " + gettext("확인 반려")
        return label


class JobPostingForm(forms.ModelForm):
    """The posting form (구인공고 작성·수정).

    ``user`` is who is saving. Without an ``instance`` the form creates a posting and adds
    the owner fields the user may choose: ``employer`` (their own employers; for centre staff
    any employer registered here) and ``entry_channel`` (centre staff: 전화 접수 / 서면 접수;
    a user who is both an employer member and centre staff also gets 기업 직접 등록).
    ``initial_employer`` (a pk, e.g. from ``?employer=``) preselects one when allowed.

    :meth:`save` calls the lifecycle services and returns the posting (or, for a published
    posting edited by anyone but district staff, the pending revision); it returns ``None``
    when the service refused the values, having added its errors to the form.
    """

    title = forms.CharField(
        label=_("공고 제목"),
        max_length=200,
        help_text=_("하는 일과 근무 형태가 드러나게 적어 주세요. 예: 남동인더스파크 부품 조립 생산직 (주간)"),
        error_messages={"required": _("공고 제목을 적어 주세요.")},
    )
    occupation = GroupedOccupationField(
        label=_("직종 (한국고용직업분류)"),
        required=False,
        help_text=_("가장 가까운 직종을 고르세요. 같은 직종을 찾는 구직자에게 알림이 갑니다."),
    )
    description = forms.CharField(
        label=_("하는 일"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("맡게 될 일을 구체적으로 적어 주세요. 나이·성별·용모·출신지역·혼인 여부 같은 조건은 적지 마세요."),
    )
    openings = forms.IntegerField(
        label=_("모집인원 (명)"),
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("모집인원은 숫자로 적어 주세요."),
            "min_value": _("모집인원은 1명 이상이어야 합니다."),
            "max_value": _("모집인원은 999명까지 적을 수 있습니다."),
        },
    )
    employment_type = forms.ChoiceField(
        label=_("고용형태"), required=False, choices=_choices(EmploymentType), widget=forms.RadioSelect
    )
    wage_type = forms.ChoiceField(
        label=_("임금형태"),
        required=False,
        choices=_choices(WageType, FORM_WAGE_TYPES),
        widget=forms.RadioSelect,
        help_text=_("적은 임금은 시간당으로 바꿔 최저임금과 비교합니다."),
    )
    wage_min = KRWField(
        label=_("임금 (원)"),
        required=False,
        help_text=_("원 단위로 적어 주세요. 쉼표는 있어도 됩니다. 예: 월급이면 2,500,000"),
    )
    wage_max = KRWField(
        label=_("최대 임금 (원, 선택)"),
        required=False,
        help_text=_("범위로 줄 때만 적어 주세요. 예: 3,000,000"),
    )
    work_days = forms.MultipleChoiceField(
        label=_("근무 요일"), required=False, choices=_choices(Weekday), widget=forms.CheckboxSelectMultiple
    )
    daily_hours = forms.DecimalField(
        label=_("1일 근로시간 (시간)"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal(24),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        help_text=_("예: 8 또는 7.5. 일급을 시간당으로 바꿀 때 이 시간으로 나눕니다."),
        error_messages={
            "invalid": _("1일 근로시간은 숫자로 적어 주세요. 예: 8"),
            "min_value": _("1일 근로시간은 0.5시간 이상이어야 합니다."),
            "max_value": _("1일 근로시간은 24시간을 넘을 수 없습니다."),
            "max_decimal_places": _("1일 근로시간은 소수점 둘째 자리까지 적을 수 있습니다."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("주 근로시간 (시간)"),
        required=False,
        min_value=1,
        max_value=168,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("예: 40"),
        error_messages={
            "invalid": _("주 근로시간은 숫자로 적어 주세요."),
            "min_value": _("주 근로시간은 1시간 이상이어야 합니다."),
            "max_value": _("주 근로시간은 168시간을 넘을 수 없습니다."),
        },
    )
    start_time = forms.TimeField(
        label=_("출근 시각"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("예: 09:00"),
        error_messages={"invalid": _("시각은 09:00처럼 적어 주세요.")},
    )
    end_time = forms.TimeField(
        label=_("퇴근 시각"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("예: 18:00 (밤을 넘기는 근무는 다음 날 시각)"),
        error_messages={"invalid": _("시각은 18:00처럼 적어 주세요.")},
    )
    shifts = forms.MultipleChoiceField(
        label=_("근무 형태"), required=False, choices=_choices(Shift), widget=forms.CheckboxSelectMultiple
    )
    address = forms.CharField(
        label=_("근무지 주소"),
        required=False,
        max_length=200,
        help_text=_("예: 인천광역시 남동구 남동대로 100"),
    )
    dong = DongField(
        label=_("근무지 행정동"),
        required=False,
        help_text=_("근무지가 남동구 밖이면 '남동구 외'를 고르고 주소를 적어 주세요."),
    )
    education_min = forms.ChoiceField(
        label=_("학력"),
        required=False,
        choices=[("", _("고르지 않음")), *_choices(Education)],
        help_text=_("꼭 필요한 최소 학력만 고르세요. 상관없으면 '학력무관'."),
    )
    career_type = forms.ChoiceField(
        label=_("경력"), required=False, choices=_choices(CareerType), widget=forms.RadioSelect
    )
    career_min_years = forms.IntegerField(
        label=_("최소 경력 (년)"),
        required=False,
        min_value=1,
        max_value=50,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("'경력' 또는 '신입/경력'일 때만 적어 주세요."),
        error_messages={
            "invalid": _("경력 연수는 숫자로 적어 주세요."),
            "min_value": _("경력 연수는 1년 이상으로 적어 주세요."),
            "max_value": _("경력 연수는 50년까지 적을 수 있습니다."),
        },
    )
    preferred_qualifications = forms.CharField(
        label=_("우대조건"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "예: 지게차 운전기능사, 관련 업무 경험. 나이·성별·용모·출신지역·혼인 여부·재산·가족 사항은 "
            "법으로 묻거나 제한할 수 없습니다."
        ),
    )
    priority_groups = forms.MultipleChoiceField(
        label=_("우대(환영)하는 분"),
        required=False,
        choices=_choices(PriorityGroup),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("표시한 분들의 지원을 특히 환영한다는 뜻입니다. 다른 분의 지원을 막는 조건이 아닙니다."),
    )
    benefits = forms.MultipleChoiceField(
        label=_("복리후생"), required=False, choices=_choices(Benefit), widget=forms.CheckboxSelectMultiple
    )
    apply_methods = forms.MultipleChoiceField(
        label=_("접수 방법"),
        required=False,
        choices=_choices(ApplyMethod),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("하나 이상 고르세요. 전화·이메일 접수는 아래 연락처가 필요합니다."),
    )
    contact_name = forms.CharField(label=_("담당자 이름"), required=False, max_length=50)
    contact_phone = forms.CharField(
        label=_("문의 전화"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("예: 032-123-4567"),
    )
    contact_email = forms.EmailField(
        label=_("문의 이메일"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("올바른 이메일 주소를 적어 주세요. 예: hr@example.kr")},
    )
    deadline = forms.DateField(
        label=_("마감일"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("마감일 밤 12시까지 지원을 받습니다. 예: 2026-12-31"),
        error_messages={"invalid": _("마감일은 2026-12-31처럼 적어 주세요.")},
    )
    until_filled = forms.BooleanField(
        label=_("채용 시까지 (마감일 없음)"),
        required=False,
        help_text=_("사람을 뽑을 때까지 계속 받으려면 표시하고 마감일은 비워 두세요."),
    )

    class Meta:
        model = JobPosting
        fields = list(EDITABLE_FIELDS)

    #: Fields a posting needs before it can be submitted for review or published.
    REQUIRED_TO_PUBLISH = (
        "title",
        "occupation",
        "description",
        "openings",
        "employment_type",
        "wage_type",
        "wage_min",
        "apply_methods",
    )

    def __init__(self, *args, user, initial_employer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.creating = self.instance.pk is None
        self.result: JobPosting | JobPostingRevision | None = None
        self.member_employers = list(Employer.objects.with_member(user).exclude(verification_status="external"))
        self.fixed_employer: Employer | None = None
        self.fields["wage_type"].help_text = _minimum_wage_help()
        for name in self.REQUIRED_TO_PUBLISH:
            self.fields[name].publish_required = True
        if not self.creating:
            if self.instance.deadline is None and "until_filled" not in self.initial:
                self.initial["until_filled"] = True
            if self.instance.dong_id is None and self.instance.address and not self.initial.get("dong"):
                self.initial["dong"] = OUTSIDE_NAMDONG
        else:
            self._add_owner_fields(initial_employer)

    # ---- owner (create only) ---------------------------------------------------------

    def _add_owner_fields(self, initial_employer) -> None:
        staff = self.user.is_centre_staff
        channels = []
        if self.member_employers:
            channels.append(EntryChannel.EMPLOYER)
        if staff:
            channels += [EntryChannel.PHONE, EntryChannel.PAPER]
        if staff:
            queryset = Employer.objects.exclude(verification_status=Employer.Verification.EXTERNAL).order_by("name")
        else:
            queryset = Employer.objects.filter(pk__in=[e.pk for e in self.member_employers]).order_by("name")
        if not staff and len(self.member_employers) == 1:
            self.fixed_employer = self.member_employers[0]
        else:
            self.fields["employer"] = EmployerChoiceField(
                label=_("기업"),
                queryset=queryset,
                empty_label=gettext_lazy("기업을 고르세요"),
                help_text=(
                    _("전화나 서면으로 받은 공고라면 그 기업을, 직접 등록이라면 담당하는 기업을 고르세요.")
                    if staff and self.member_employers
                    else _("공고를 내는 기업을 고르세요. 목록에 없는 기업은 먼저 기업 등록을 해야 합니다.")
                    if staff
                    else _("공고를 내는 기업을 고르세요.")
                ),
                error_messages={
                    "required": _("기업을 골라 주세요."),
                    "invalid_choice": _("고를 수 없는 기업입니다. 목록에서 골라 주세요."),
                },
            )
            if initial_employer is not None and str(initial_employer).isdigit():
                if queryset.filter(pk=int(initial_employer)).exists():
                    self.initial["employer"] = int(initial_employer)
            elif len(self.member_employers) == 1:
                self.initial["employer"] = self.member_employers[0].pk
        if staff:
            self.fields["entry_channel"] = forms.ChoiceField(
                label=_("접수 경로"),
                choices=_choices(EntryChannel, channels),
                widget=forms.RadioSelect,
                initial=None if self.member_employers else EntryChannel.PHONE,
                help_text=(
                    _("기업 담당자로서 직접 쓰는 공고라면 '기업 직접 등록'을 고르세요.")
                    if self.member_employers
                    else ""
                ),
                error_messages={"required": _("접수 경로를 골라 주세요.")},
            )

    @property
    def owner_fields(self) -> list:
        """The bound owner fields shown on the create page (employer, entry channel)."""
        return [self[name] for name in ("employer", "entry_channel") if name in self.fields]

    # ---- cleaning --------------------------------------------------------------------

    def clean_contact_phone(self) -> str:
        value = self.cleaned_data.get("contact_phone", "").strip()
        if value and (not re.fullmatch(r"[0-9+\-\s().]+", value) or not 8 <= len(re.sub(r"\D", "", value)) <= 12):
            raise ValidationError(_("전화번호는 032-123-4567처럼 숫자와 - 로 적어 주세요."), code="invalid")
        return value

    def clean(self):
        cleaned = super().clean()
        self._clean_wage(cleaned)
        self._clean_times(cleaned)
        self._clean_place(cleaned)
        self._clean_career(cleaned)
        self._clean_contacts(cleaned)
        self._clean_deadline(cleaned)
        return cleaned

    def _clean_wage(self, cleaned) -> None:
        lo, hi = cleaned.get("wage_min"), cleaned.get("wage_max")
        if (lo is not None or hi is not None) and not cleaned.get("wage_type") and "wage_type" not in self.errors:
            self.add_error("wage_type", _("임금을 적으려면 임금형태(시급·일급·월급·연봉)를 골라 주세요."))
        if lo is not None and hi is not None and lo > hi:
            self.add_error("wage_max", _("최대 임금이 임금(최소)보다 적습니다. 금액을 확인해 주세요."))
        elif cleaned.get("wage_type") and not ({"wage_min", "wage_max", "daily_hours"} & set(self.errors)):
            # the shared rule (jobs.rules), so this error shows with the others; the service
            # checks again when saving
            shortfall = minimum_wage_shortfall(
                wage_type=cleaned["wage_type"],
                wage_min=lo,
                wage_max=hi,
                daily_hours=cleaned.get("daily_hours"),
                on=today_kst(),
            )
            if shortfall is not None:
                self.add_error("wage_min" if lo is not None else "wage_max", shortfall.message)

    def _clean_times(self, cleaned) -> None:
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if (start is None) != (end is None) and not ({"start_time", "end_time"} & set(self.errors)):
            missing = "end_time" if end is None else "start_time"
            self.add_error(missing, _("출근 시각과 퇴근 시각을 함께 적어 주세요."))
        elif start is not None and start == end:
            self.add_error("end_time", _("퇴근 시각이 출근 시각과 같습니다."))

    def _clean_place(self, cleaned) -> None:
        if self.data.get(self.add_prefix("dong")) == OUTSIDE_NAMDONG and not cleaned.get("address"):
            self.add_error("address", _("남동구 밖의 근무지는 주소를 적어 주세요."))

    def _clean_career(self, cleaned) -> None:
        years, kind = cleaned.get("career_min_years"), cleaned.get("career_type")
        if years and kind in (CareerType.NEW, CareerType.ANY, ""):
            self.add_error("career_min_years", _("최소 경력은 '경력' 또는 '신입/경력'을 골랐을 때만 적을 수 있습니다."))

    def _clean_contacts(self, cleaned) -> None:
        methods = cleaned.get("apply_methods") or []
        if ApplyMethod.EMAIL in methods and not cleaned.get("contact_email") and "contact_email" not in self.errors:
            self.add_error("contact_email", _("이메일 접수를 하려면 문의 이메일을 적어 주세요."))

    def _clean_deadline(self, cleaned) -> None:
        if "deadline" in self.errors:
            return
        deadline, until_filled = cleaned.get("deadline"), cleaned.get("until_filled")
        if deadline is None and not until_filled:
            self.add_error("deadline", _("마감일을 고르거나 '채용 시까지'에 표시해 주세요."))
        elif deadline is not None and until_filled:
            self.add_error("deadline", _("마감일과 '채용 시까지'를 함께 고를 수 없습니다. 둘 중 하나만 골라 주세요."))
        elif deadline is not None and deadline < today_kst():
            self.add_error(
                "deadline", _("마감일이 이미 지났습니다. 오늘 이후 날짜를 고르거나 '채용 시까지'에 표시해 주세요.")
            )

    # ---- saving ----------------------------------------------------------------------

    def service_fields(self) -> dict:
        """The cleaned values as the services take them: editable field name → value."""
        return {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}

    def add_service_error(self, exc: ValidationError) -> None:
        """Put a service's ``ValidationError`` on the form: each keyed message next to its
        field (unknown keys at the top)."""
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, exc)

    def save(self, commit=True):
        """Create (``posting_create``) or edit (``posting_update``) through the services.

        Returns the posting, or the pending revision when a published posting's edit waits
        for review; ``None`` when a service refused the values (its errors are then on the
        form). ``PermissionDenied`` for a posting ``user`` may not manage propagates (403),
        except on create, where it is shown on the employer field."""
        if self.errors:
            raise ValueError("The form has errors; call is_valid() first.")
        try:
            if self.creating:
                employer = self.fixed_employer or self.cleaned_data.get("employer")
                channel = self.cleaned_data.get("entry_channel") or EntryChannel.EMPLOYER
                try:
                    self.result = posting_create(
                        employer=employer, by=self.user, fields=self.service_fields(), entry_channel=channel
                    )
                except PermissionDenied as exc:
                    self.add_error("employer" if "employer" in self.fields else None, str(exc))
                    return None
            else:
                self.result = posting_update(posting=self.instance, by=self.user, fields=self.service_fields())
        except ValidationError as exc:
            self.add_service_error(exc)
            return None
        return self.result


#: Korean labels of the posting fields (for error messages and revision differences).
FIELD_LABELS = {name: field.label for name, field in JobPostingForm.base_fields.items()}
