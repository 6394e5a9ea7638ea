"""The checks between the posting form's fields: the wage (its type, range and the minimum
wage in force), the working times, the place, the career, the contacts, the deadline, and the
plausibility limits of ``jobs.rules.plausibility`` (wage per hour, wage range, weekly hours,
deadline within a year)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..choices import ApplyMethod, CareerType
from ..models import today_kst
from ..rules import minimum_wage_shortfall
from ..rules.plausibility import implausible_values
from .fields import OUTSIDE_NAMDONG


class PostingChecksMixin:
    """``clean()`` of the posting form: every check between fields adds its error next to the
    field to fix, so that all of them show at once. The services check the rules again when
    saving (all but the plausibility limits, which only the form applies).

    Expects ``self.posting_employer(cleaned)``: the employer the posting is (or will be) for,
    ``None`` while not chosen."""

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
        self._clean_plausibility(cleaned)
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
        if ApplyMethod.PHONE in methods and not cleaned.get("contact_phone") and "contact_phone" not in self.errors:
            # without 문의 전화 the pages give the employer's representative phone (the service
            # requires one of the two before publishing)
            employer = self.posting_employer(cleaned)
            if employer is not None and not employer.phone:
                self.add_error(
                    "contact_phone",
                    _("전화 접수를 하려면 문의 전화를 적어 주세요. 기업 대표 전화번호도 등록되어 있지 않습니다."),
                )
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

    def _clean_plausibility(self, cleaned) -> None:
        """Figures no real posting has (``jobs.rules.plausibility``), each next to its field;
        a field that already has an error is not checked again."""
        wage_fields = ("wage_type", "wage_min", "wage_max", "daily_hours")
        values = {name: cleaned.get(name) for name in ("hours_per_week", "deadline") if name not in self.errors}
        if not set(wage_fields) & set(self.errors):
            values.update((name, cleaned.get(name)) for name in wage_fields)
        for field, message in implausible_values(values, today=today_kst()).items():
            self.add_error(field, message)
