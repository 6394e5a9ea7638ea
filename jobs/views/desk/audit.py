"""Desk pages of the personal-data access log (issue 5 item 7), for district staff only:
the log of one month (KST), optionally of one staff member, as a page and as CSV. The log
holds ids, never copies of personal data; listing or exporting it is not an access to a
resident's record, so these pages write no access-log row."""

import csv
import datetime

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views import View
from django.views.generic import TemplateView

from accounts.models import AccessAction, AccessLogEntry

from ...forms.desk_records import AccessLogFilterForm
from ..public import get_page, page_window
from .base import DistrictDeskMixin

ACCESS_LOG_PAGE_SIZE = 50
#: Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def month_bounds(first: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware datetimes (KST) where the month beginning ``first`` starts and the next one
    starts."""
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    return start, timezone.make_aware(datetime.datetime.combine(following, datetime.time()))


class AccessLogFilterMixin(DistrictDeskMixin):
    """Reads the filter (``staff``, ``month``) of the request: a bad value gets a Korean
    notice and is left out (the month falls back to this month, KST)."""

    def log_filter(self) -> dict:
        """``{"form", "staff", "month", "notices", "entries"}``: the entries (newest first)
        of ``month`` (first day) and ``staff`` (a user or ``None``)."""
        form = AccessLogFilterForm(self.request.GET or None)
        data, notices = {}, []
        if form.is_bound:
            form.is_valid()
            data = form.cleaned_data
            if form.errors:
                notices.append(_("검색 조건 중 올바르지 않은 값은 빼고 보여 드립니다."))
        month = data.get("month") or timezone.localdate().replace(day=1)
        staff = data.get("staff")
        start, end = month_bounds(month)
        entries = AccessLogEntry.objects.filter(at__gte=start, at__lt=end)
        if staff is not None:
            entries = entries.filter(staff=staff)
        entries = entries.select_related("staff", "centre").order_by("-at", "-id")
        return {"form": form, "staff": staff, "month": month, "notices": notices, "entries": entries}


def labelled(entry: AccessLogEntry) -> AccessLogEntry:
    """``entry`` with ``detail_text`` and ``query_text`` set (:func:`detail_label`,
    :func:`query_label`)."""
    entry.detail_text = detail_label(entry.detail)
    entry.query_text = query_label(entry.query)
    return entry


class AccessLogView(AccessLogFilterMixin, TemplateView):
    """``/desk/access-log/?staff=<user id>&month=YYYY-MM&page=``: the access log, 50 a page:
    time (KST), staff member and centre, IP, action, resident id, detail, search query and
    how many residents a search listed. Centre staff get 403."""

    template_name = "jobs/desk/access_log.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        found = self.log_filter()
        page, notice = get_page(Paginator(found.pop("entries"), ACCESS_LOG_PAGE_SIZE), self.request.GET.get("page"))
        params = {"month": found["month"].strftime("%Y-%m")}
        if found["staff"] is not None:
            params["staff"] = found["staff"].pk
        ctx.update(
            found,
            page_obj=page,
            entries=[labelled(entry) for entry in page.object_list],
            page_numbers=page_window(page) if page.paginator.num_pages > 1 else [],
            querystring=urlencode(params),
        )
        if notice:
            ctx["notices"].append(notice)
        return ctx


#: What the access log's ``detail`` codes mean (each ``:``-separated part), for the page and
#: the CSV. Unknown parts are shown as they are.
DETAIL_LABELS = {
    "record": gettext_noop("주민 기록"),
    "home": gettext_noop("오늘 할 일 화면"),
    "note": gettext_noop("상담 기록"),
    "note_form": gettext_noop("상담 기록 쓰기 화면"),
    "register": gettext_noop("방문 주민 등록"),
    "profile": gettext_noop("주민 정보"),
    "consent": gettext_noop("동의"),
    "withdraw": gettext_noop("철회"),
    "referral": gettext_noop("취업알선"),
    "outcome": gettext_noop("알선 결과"),
    "transfer": gettext_noop("센터 이관"),
    "job_sheet": gettext_noop("일자리 안내문"),
    "resume": gettext_noop("이력서"),
    "guardian_document": gettext_noop("보호자 동의서"),
    "erase": gettext_noop("개인정보 삭제"),
    "admin": gettext_noop("관리 화면"),
    "visit": gettext_noop("방문 요청"),
    "phone": gettext_noop("전화 요청"),
    "paper": gettext_noop("서면 요청"),
}
#: What a search ``query``'s keys and special values mean.
QUERY_LABELS = {
    "name": gettext_noop("이름"),
    "phone": gettext_noop("전화"),
    "dong": gettext_noop("행정동"),
    "page": gettext_noop("쪽 번호"),
    "q": gettext_noop("검색어"),
    "duplicate_check": gettext_noop("중복 확인"),
}


def detail_label(detail: str) -> str:
    """``detail`` in words: ``"consent:withdraw:phone"`` → ``"동의 · 철회 · 전화 요청"``."""
    return " · ".join(_(DETAIL_LABELS[part]) if part in DETAIL_LABELS else part for part in detail.split(":") if part)


def query_label(query: str) -> str:
    """A logged search ``query`` in words: ``"name=김○○&dong=2820051000"`` → ``"이름 김○○, 행정동
    2820051000"``; ``"duplicate_check"`` → ``"중복 확인"``."""
    parts = []
    for pair in query.split("&"):
        key, sep, value = pair.partition("=")
        if key in QUERY_LABELS:
            parts.append(f"{_(QUERY_LABELS[key])} {value}" if sep else _(QUERY_LABELS[key]))
        else:
            parts.append(pair)  # not ours: shown as written (the CSV neutralises formulas)
    return ", ".join(p for p in parts if p)


def csv_cell(value) -> str:
    """``value`` as a CSV cell that a spreadsheet shows as text (a leading ``'`` before
    ``=``, ``+``, ``-``, ``@``)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class AccessLogCsvView(AccessLogFilterMixin, View):
    """``/desk/access-log.csv?staff=&month=``: the same rows as :class:`AccessLogView`, all of
    them, as CSV in UTF-8 with a BOM (Excel opens it in Korean). Columns: 시각 (KST),
    직원 id, 직원, 센터, IP, 행위, 구직자 id, 대상, 검색어, 표시된 구직자 수, 표시된 구직자 id."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        found = self.log_filter()
        filename = f"access-log-{found['month']:%Y-%m}"
        if found["staff"] is not None:
            filename += f"-staff{found['staff'].pk}"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response["Cache-Control"] = "no-store"
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                _("시각 (KST)"),
                _("직원 id"),
                _("직원"),
                _("센터"),
                "IP",
                _("행위"),
                _("구직자 id"),
                _("대상"),
                _("검색어"),
                _("표시된 구직자 수"),
                _("표시된 구직자 id"),
            ]
        )
        labels = {value: _(label) for value, label in AccessAction.choices}
        for entry in found["entries"].iterator(chunk_size=2000):
            writer.writerow(
                [
                    timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.staff_id,
                    csv_cell(str(entry.staff)),
                    csv_cell(entry.centre.name if entry.centre else ""),
                    entry.ip or "",
                    labels.get(entry.action, entry.action),
                    entry.person_id or "",
                    csv_cell(detail_label(entry.detail)),
                    csv_cell(query_label(entry.query)),
                    len(entry.listed_ids),
                    " ".join(str(i) for i in entry.listed_ids),
                ]
            )
        return response


urlpatterns = [
    path("access-log/", AccessLogView.as_view(), name="access_log"),
    path("access-log.csv", AccessLogCsvView.as_view(), name="access_log_csv"),
]
