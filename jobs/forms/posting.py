"""The posting form employers and centre staff fill in.

:class:`JobPostingForm` edits the fields of ``jobs.services.revisions.EDITABLE_FIELDS`` and
saves through the lifecycle services (``posting_create`` / ``posting_update``), so every rule
(minimum wage, hiring-law screening, revisions of published postings) lives in one place. A
``ValidationError`` raised by a service is put back on the form, next to its field, so
nothing the user typed is lost. Every string it cleans is tidied first
(``namdong_jobs.text.TidyTextFormMixin``: CRLF → LF, control and zero-width characters
removed, line breaks only in the textareas), so an unchanged textarea never counts as a change
in a revision and the feeds never receive characters XML cannot hold.

The form deliberately offers no age, sex, appearance, birthplace, marital status, property or
family fields (DESIGN.md "Hiring law"); priority groups are worded as welcome, never a limit.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from namdong_jobs.reference.models import MinimumWage
from namdong_jobs.text import TidyTextFormMixin, tidy_text

from ..choices import (
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
from ..models import JobPosting, JobPostingRevision, today_kst
from ..rules.plausibility import HOURS_PER_WEEK_MESSAGE, MAX_HOURS_PER_WEEK
from ..services import posting_create, posting_update
from ..services.revisions import EDITABLE_FIELDS
from .cleaning import PostingChecksMixin
from .fields import OUTSIDE_NAMDONG, DongField, GroupedOccupationField, KRWField, enum_choices
from .owner import OwnerFieldsMixin

#: Wage types the form offers (주급 exists only for imported amounts).
FORM_WAGE_TYPES = (WageType.HOUR, WageType.DAY, WageType.MONTH, WageType.YEAR)


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


class JobPostingForm(TidyTextFormMixin, OwnerFieldsMixin, PostingChecksMixin, forms.ModelForm):
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
        max_length=10_000,
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
        label=_("고용형태"), required=False, choices=enum_choices(EmploymentType), widget=forms.RadioSelect
    )
    wage_type = forms.ChoiceField(
        label=_("임금형태"),
        required=False,
        choices=enum_choices(WageType, FORM_WAGE_TYPES),
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
        label=_("근무 요일"), required=False, choices=enum_choices(Weekday), widget=forms.CheckboxSelectMultiple
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
        max_value=MAX_HOURS_PER_WEEK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("예: 40"),
        error_messages={
            "invalid": _("주 근로시간은 숫자로 적어 주세요."),
            "min_value": _("주 근로시간은 1시간 이상이어야 합니다."),
            "max_value": HOURS_PER_WEEK_MESSAGE,
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
        label=_("근무 형태"), required=False, choices=enum_choices(Shift), widget=forms.CheckboxSelectMultiple
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
        choices=[("", _("고르지 않음")), *enum_choices(Education)],
        help_text=_("꼭 필요한 최소 학력만 고르세요. 상관없으면 '학력무관'."),
    )
    career_type = forms.ChoiceField(
        label=_("경력"), required=False, choices=enum_choices(CareerType), widget=forms.RadioSelect
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
        max_length=3_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "예: 지게차 운전기능사, 관련 업무 경험. 나이·성별·용모·출신지역·혼인 여부·재산·가족 사항은 "
            "법으로 묻거나 제한할 수 없습니다."
        ),
    )
    priority_groups = forms.MultipleChoiceField(
        label=_("우대(환영)하는 분"),
        required=False,
        choices=enum_choices(PriorityGroup),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("표시한 분들의 지원을 특히 환영한다는 뜻입니다. 다른 분의 지원을 막는 조건이 아닙니다."),
    )
    benefits = forms.MultipleChoiceField(
        label=_("복리후생"), required=False, choices=enum_choices(Benefit), widget=forms.CheckboxSelectMultiple
    )
    apply_methods = forms.MultipleChoiceField(
        label=_("접수 방법"),
        required=False,
        choices=enum_choices(ApplyMethod),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "하나 이상 고르세요. 전화 접수는 아래 '문의 전화'로 받고, 비워 두면 기업 대표 전화번호를 안내합니다. "
            "이메일 접수는 '문의 이메일'이 필요합니다."
        ),
    )
    contact_name = forms.CharField(label=_("담당자 이름"), required=False, max_length=50)
    contact_phone = forms.CharField(
        label=_("문의 전화"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("예: 032-123-4567. 비워 두면 기업 정보에 등록한 대표 전화번호를 안내합니다."),
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

    #: Most fields may stay empty in a draft, so the few required ones are marked "(필수)"
    #: (templates/forms/_field.html).
    mark_required = True

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
        self._set_contact_phone_help()

    def _set_contact_phone_help(self) -> None:
        """Say which number is given when 문의 전화 is left empty, when the employer is known."""
        employer = self.instance.employer if not self.creating else self.fixed_employer
        if employer is None:
            return
        if employer.phone:
            self.fields["contact_phone"].help_text = gettext(
                "예: 032-123-4567. 비워 두면 구직자에게 기업 대표 전화 %(phone)s 번호를 안내합니다."
            ) % {"phone": employer.phone}
        else:
            self.fields["contact_phone"].help_text = gettext(
                "예: 032-123-4567. 기업 대표 전화번호가 등록되어 있지 않아, 전화 접수를 하려면 꼭 적어야 합니다."
            )

    def posting_employer(self, cleaned) -> Employer | None:
        """The employer the posting is (or will be) for: the edited posting's, the user's only
        employer, or the one chosen (``None`` while not chosen)."""
        if not self.creating:
            return self.instance.employer
        return self.fixed_employer or cleaned.get("employer")

    @property
    def changed_data(self) -> list[str]:
        """The fields whose value changed, text compared once tidied: browsers send a
        textarea's line breaks as CRLF, which is no change from the LF stored."""
        return [
            name
            for name, field in self.fields.items()
            if field.has_changed(self[name].initial, self[name].data) and not self._same_once_tidied(name)
        ]

    def _same_once_tidied(self, name: str) -> bool:
        field = self.fields[name]
        data, initial = self[name].data, self[name].initial
        if initial is None:
            initial = ""
        if not isinstance(field, forms.CharField) or not isinstance(data, str) or not isinstance(initial, str):
            return False
        multiline = isinstance(field.widget, forms.Textarea)
        return tidy_text(data, multiline=multiline) == tidy_text(initial, multiline=multiline)

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
