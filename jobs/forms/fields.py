"""Field types of the posting form: whole-won amounts, KECO occupations grouped by middle
group, the dongs of Namdong-gu with "남동구 외", and employers with their verification status."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from namdong_jobs.reference.models import Dong, Occupation

#: The value of the explicit "남동구 외" option of the dong select.
OUTSIDE_NAMDONG = "outside"

#: Largest amount accepted (whole KRW): 10억 원, far above any real wage.
MAX_WAGE_KRW = 1_000_000_000


def enum_choices(enum, values=None) -> list[tuple[str, str]]:
    """``(code, translated label)`` pairs of a ``TextChoices`` (labels are ``gettext_noop``)."""
    return [(value, gettext_lazy(enum(value).label)) for value in (values or enum.values)]


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
