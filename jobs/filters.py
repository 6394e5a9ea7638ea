"""Public posting search: a django-filter FilterSet whose state lives in the query string."""

import django_filters
from django import forms

from namdong_jobs.reference.models import Dong

from .models import JobPosting
from .search import MAX_QUERY_LENGTH


class JobPostingFilter(django_filters.FilterSet):
    """Filters for ``/jobs/``: ``q`` (keyword, every word must appear), ``dong`` (several
    10-digit codes), ``closed`` (``1`` = include 마감 postings).

    Without ``closed`` only open postings are listed (published, deadline not passed in KST).
    Invalid values are dropped by :meth:`cleaned_or_ignored` rather than failing the page.
    """

    q = django_filters.CharFilter(
        method="filter_keyword",
        label="검색어",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "예: 요양보호사, 지게차, 경비"}),
    )
    dong = django_filters.ModelMultipleChoiceFilter(
        field_name="dong",
        queryset=Dong.objects.all(),
        label="근무 지역 (행정동)",
        widget=forms.CheckboxSelectMultiple,
    )
    closed = django_filters.BooleanFilter(
        method="filter_closed",
        label="마감 포함",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = JobPosting
        fields = ["q", "dong", "closed"]

    def __init__(self, data=None, *args, **kwargs):
        # always bound, so that an empty query string lists open postings
        data = data.copy() if data is not None else {}
        self.notices: list[str] = []
        q = data.get("q", "")
        if len(q) > MAX_QUERY_LENGTH:
            data["q"] = q[:MAX_QUERY_LENGTH]
            self.notices.append(f"검색어가 너무 길어 앞의 {MAX_QUERY_LENGTH}자만 사용했습니다.")
        super().__init__(data, *args, **kwargs)

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
                    self.notices.append(f"'{label}' 값이 올바르지 않아 무시했습니다.")
                    form.cleaned_data.pop(field, None)
                form._errors = forms.utils.ErrorDict()
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs
