"""Public posting search: a django-filter FilterSet whose state lives in the query string."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namdong_jobs.reference.models import Dong

from .models import JobPosting
from .search import MAX_QUERY_LENGTH, query_terms

CLOSED_TRUE = {"1", "true", "on", "yes"}
CLOSED_FALSE = {"0", "false", "off", "no"}


class JobPostingFilter(django_filters.FilterSet):
    """Filters for ``/jobs/``: ``q`` (keyword, every word must appear), ``dong`` (several
    10-digit codes), ``closed`` (``1`` = include 마감 postings).

    Without ``closed`` only open postings are listed (published, deadline not passed in KST).
    Invalid values are dropped by :meth:`cleaned_or_ignored` rather than failing the page.
    """

    q = django_filters.CharFilter(
        method="filter_keyword",
        label=gettext_lazy("검색어"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("예: 요양보호사, 지게차, 경비")}),
    )
    dong = django_filters.ModelMultipleChoiceFilter(
        field_name="dong",
        queryset=Dong.objects.all(),
        label=gettext_lazy("근무 지역 (행정동)"),
        widget=forms.CheckboxSelectMultiple,
    )
    closed = django_filters.BooleanFilter(
        method="filter_closed",
        label=gettext_lazy("마감 포함"),
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = JobPosting
        fields = ["q", "dong", "closed"]

    def __init__(self, data=None, *args, **kwargs):
        # always bound, so that an empty query string lists open postings
        data = data.copy() if data is not None else QueryDict(mutable=True)
        self.notices: list[str] = []
        q = data.get("q", "")
        if "\x00" in q:  # browsers never send NUL; drop it rather than the whole search
            q = data["q"] = q.replace("\x00", "")
        if len(q) > MAX_QUERY_LENGTH:
            q = data["q"] = q[:MAX_QUERY_LENGTH]
            self.notices.append(_("검색어가 너무 길어 앞의 %(n)d자만 사용했습니다.") % {"n": MAX_QUERY_LENGTH})
        if q.strip() and not query_terms(q):
            self.notices.append(_("검색어에 찾을 수 있는 글자(한글·영문·숫자)가 없어 검색어 없이 보여 드립니다."))
        self._clean_dongs(data)
        self._clean_closed(data)
        super().__init__(data, *args, **kwargs)

    def _clean_dongs(self, data) -> None:
        """Keep the valid dong codes, drop the others with a notice (one bad value must not
        throw away the good ones)."""
        if not hasattr(data, "getlist"):
            return
        values = [v for v in data.getlist("dong") if v.strip()]
        valid = set(
            Dong.objects.filter(code__in=[v for v in values if v.isdigit() and len(v) == 10]).values_list(
                "code", flat=True
            )
        )
        kept = [v for v in values if v in valid]
        if len(kept) != len(values):
            self.notices.append(_("알 수 없는 행정동 코드는 빼고 검색했습니다."))
        data.setlist("dong", kept)

    def _clean_closed(self, data) -> None:
        """``closed``: 1/true/on/yes include closed postings; 0/false/off/no or empty do not;
        anything else is ignored with a notice."""
        raw = (data.get("closed") or "").strip().lower()
        if raw in CLOSED_TRUE:
            data["closed"] = "true"
        else:
            if raw and raw not in CLOSED_FALSE:
                self.notices.append(_("'마감 포함' 값이 올바르지 않아 무시했습니다."))
            data.pop("closed", None)

    def filter_keyword(self, queryset, name, value):
        return queryset.keyword(value)

    def filter_closed(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which needs it first

    def filter_queryset(self, queryset):
        include_closed = bool(self.form.cleaned_data.get("closed"))
        queryset = queryset.public() if include_closed else queryset.open()
        queryset = super().filter_queryset(queryset)
        order = ["-date_posted", "-id"]
        if self.form.cleaned_data.get("q"):
            order = ["-title_rank", *order]
        return queryset.order_by(*order)

    @property
    def qs(self):
        """The filtered postings. A malformed value (unknown dong code, …) is dropped with a
        notice in ``self.notices`` instead of emptying the list or raising."""
        if not hasattr(self, "_qs"):
            form = self.form
            if not form.is_valid():
                for field in list(form.errors):
                    label = form.fields[field].label if field in form.fields else field
                    self.notices.append(_("'%(label)s' 값이 올바르지 않아 무시했습니다.") % {"label": label})
                    form.cleaned_data.pop(field, None)
                form._errors = forms.utils.ErrorDict()
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs
