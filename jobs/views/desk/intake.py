"""Desk pages: bulk intake (issue 5 item 8), for district staff only (centre staff and
others 403, anonymous visitors to the login page).

* ``desk:intake`` ``/desk/intake/`` — upload an .xlsx or .csv file of residents collected
  on paper; the answer is the per-row report (registered, with a link to the record, or
  the row's Korean errors and masked duplicate hints).
* ``desk:intake_template`` ``/desk/intake/template/`` — the .xlsx template to fill in.

The work is :func:`jobs.services.desk.intake.intake_run` (one savepoint per row; every
registered resident logged ``edit``/``"register"``)."""

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from accounts.services import client_ip

from ...forms.desk_intake import IntakeUploadForm
from ...services.desk.intake import COLUMNS, intake_run
from ...services.desk.intake_files import INTAKE_MAX_BYTES, INTAKE_MAX_ROWS, IntakeFileError
from ...services.desk.intake_template import TEMPLATE_FILENAME, XLSX_CONTENT_TYPE, intake_template
from .base import DistrictDeskMixin


class IntakeView(DistrictDeskMixin, FormView):
    """``/desk/intake/``: the upload form, the columns, and after an upload the report
    (context ``report``: :class:`jobs.services.desk.intake.IntakeReport`). A file refused as
    a whole (type, size, rows, columns) is a form error: nothing was registered."""

    template_name = "jobs/desk/intake.html"
    form_class = IntakeUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=COLUMNS, max_rows=f"{INTAKE_MAX_ROWS:,}", max_mb=INTAKE_MAX_BYTES // (1024 * 1024), **kwargs
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > INTAKE_MAX_BYTES:
            form.add_error(
                "file",
                _("파일이 너무 큽니다. %(mb)dMB 이하 파일만 올릴 수 있습니다.") % {"mb": INTAKE_MAX_BYTES // 1048576},
            )
            return self.form_invalid(form)
        try:
            report = intake_run(
                staff=self.request.user, data=upload.read(), filename=upload.name or "", ip=client_ip(self.request)
            )
        except IntakeFileError as exc:
            form.add_error("file", exc)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))


class IntakeTemplateView(DistrictDeskMixin, View):
    """``/desk/intake/template/``: the .xlsx template as a download."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        response = HttpResponse(intake_template(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response


urlpatterns = [
    path("intake/", IntakeView.as_view(), name="intake"),
    path("intake/template/", IntakeTemplateView.as_view(), name="intake_template"),
]
