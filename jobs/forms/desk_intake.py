"""The bulk intake upload form (issue 5 item 8, district staff). The file is judged by its
content in ``jobs.services.desk.intake``; this form only asks for one."""

from django import forms
from django.utils.translation import gettext_lazy as _


class IntakeUploadForm(forms.Form):
    """One .xlsx or .csv file made from the template."""

    file = forms.FileField(
        label=_("올릴 파일 (.xlsx 또는 .csv)"),
        help_text=_("내려받은 서식에 적은 파일. 2MB, 1,000명까지. CSV는 UTF-8이나 엑셀 기본 형식(CP949) 모두 됩니다."),
        widget=forms.FileInput(
            attrs={"accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"}
        ),
        error_messages={
            "required": _("올릴 파일을 골라 주세요."),
            "invalid": _("파일을 올리지 못했습니다. 파일을 다시 골라 주세요."),
            "missing": _("파일을 올리지 못했습니다. 파일을 다시 골라 주세요."),
            "empty": _("빈 파일입니다. 내용을 채운 파일을 골라 주세요."),
        },
    )
