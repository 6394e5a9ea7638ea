"""The FilterSet of the public posting search (``/jobs/`` and ``/jobs/api/postings.json``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.postgres.lookups import Overlap
from django.db.models import F, Func, Q
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from employers.models import Certification
from namdong_jobs.reference.models import Occupation

from .. import cached
from ..choices import EmploymentType, PriorityGroup, Shift
from ..models import JobPosting, today_kst
from ..search import MAX_QUERY_LENGTH, query_terms
from .order import Segment
from .params import (
    CLOSING_WITHIN_OPTIONS,
    MAX_HOURLY_WAGE,
    PARAMS,
    POSTED_WITHIN_OPTIONS,
    SORT_CHOICES,
    SORT_DEADLINE,
    SORT_NEWEST,
    SORT_RELEVANCE,
    SORT_WAGE,
    QueryStringCleaner,
    as_querydict,
    closing_within_label,
    posted_within_label,
)

#: An array filter whose values are on more than this share of postings (pg_stats) is only
#: checked on the rows found otherwise, never read from its GIN index: a bitmap of the 157,000
#: day-shift postings costs 12 ms, more than checking the rows a keyword or a dong found.
COMMON_ELEMENT_SHARE = 0.25


def overlap_condition(field: str, values: list[str]) -> Q | Overlap:
    """``field && values`` (at least one of ``values`` in the array ``field``): through the
    GIN index when the values are rare, as a plain check on each row when together they are on
    more than :data:`COMMON_ELEMENT_SHARE` of postings (:func:`jobs.cached.element_frequencies`;
    the sum of their shares bounds the share of postings with any of them)."""
    frequencies = cached.element_frequencies(field)
    if sum(frequencies.get(value, 0.0) for value in values) <= COMMON_ELEMENT_SHARE:
        return Q(**{f"{field}__overlap": values})
    # array_cat(field, '{}') is the same array, but not the expression the GIN index holds
    unindexed = Func(
        F(field), template="array_cat(%(expressions)s, '{}')", output_field=JobPosting._meta.get_field(field)
    )
    return Overlap(unindexed, values)


@dataclass(frozen=True)
class FormOption:
    """One checkbox or ``<option>`` of the search form."""

    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class ActiveFilter:
    """One applied condition as the page shows it: ``label`` (e.g. ``"근무 지역"``),
    ``value`` (e.g. ``"구월1동"``) and ``remove_query`` (the query string without just this
    condition, no leading ``?``)."""

    label: str
    value: str
    remove_query: str


class JobPostingFilter(django_filters.FilterSet):
    """Filters for ``/jobs/`` and ``/jobs/api/postings.json``. Query string parameters:

    - ``q``: keyword; every word must appear in the title, employer name or description
      (:meth:`JobPostingQuerySet.keyword`); at most ``MAX_QUERY_LENGTH`` characters are used.
    - ``dong`` (repeatable): 10-digit 행정동 codes.
    - ``occupation`` (repeatable): KECO codes at any level; ``"8"``, ``"89"`` or ``"890"``
      match every posting whose occupation code starts with it.
    - ``employment_type`` (repeatable): ``EmploymentType`` codes.
    - ``wage``: lowest acceptable wage in KRW per hour (0 – ``MAX_HOURLY_WAGE``), compared
      with the posting's ``wage_hourly`` (its lower wage converted to an hour); postings
      without a wage are left out while it is set.
    - ``shift``, ``priority`` (repeatable): ``Shift`` / ``PriorityGroup`` codes; a posting
      matches when it has at least one of them.
    - ``company_type`` (repeatable): ``Certification.Type`` codes; the employer must hold one
      of them valid today (KST) and be VERIFIED (or an EXTERNAL import): a type an employer
      ticked itself counts once district staff have checked it.
    - ``posted_within``: N (1–365) = registered in the last N days counting today as the
      first, i.e. ``date_posted >= today - (N - 1)``; ``1`` = today only.
    - ``closing_within``: N (0–365) = deadline from today through today + N (KST dates);
      ``0`` = closing today; until-filled postings are left out.
    - ``closed``: ``1``/``true``/``on``/``yes`` also lists 마감 postings.
    - ``sort``: ``relevance`` (title matches first, then newest; the default with a keyword),
      ``newest`` (the default without one), ``deadline`` (soonest first, until-filled last),
      ``wage`` (highest hourly wage first, no wage last). ``-id`` breaks every tie.

    Without ``closed`` only open postings are listed (published, deadline not passed in KST).
    Bad values are dropped with a sentence in ``notices`` rather than failing the page.
    """

    q = django_filters.CharFilter(
        method="filter_keyword",
        label=gettext_lazy("검색어"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "placeholder": gettext_lazy("예: 요양보호사, 지게차, 경비"),
            }
        ),
    )
    dong = django_filters.MultipleChoiceFilter(
        distinct=False,  # one row per posting anyway; DISTINCT would sort every match
        field_name="dong",
        choices=[],
        label=gettext_lazy("근무 지역 (행정동)"),
        widget=forms.CheckboxSelectMultiple,
    )
    occupation = django_filters.MultipleChoiceFilter(
        distinct=False,  # one row per posting anyway; DISTINCT would sort every match
        method="filter_occupation",
        choices=[],
        label=gettext_lazy("직종"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    employment_type = django_filters.MultipleChoiceFilter(
        distinct=False,  # one row per posting anyway; DISTINCT would sort every match
        field_name="employment_type",
        choices=EmploymentType.choices,
        label=gettext_lazy("고용형태"),
        widget=forms.CheckboxSelectMultiple,
    )
    wage = django_filters.NumberFilter(
        method="filter_wage",
        label=gettext_lazy("최소 시급 (원, 시간당 환산)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_HOURLY_WAGE, "step": 1, "inputmode": "numeric"}),
    )
    shift = django_filters.MultipleChoiceFilter(
        distinct=False,  # one row per posting anyway; DISTINCT would sort every match
        method="filter_shift",
        choices=Shift.choices,
        label=gettext_lazy("근무 형태"),
        widget=forms.CheckboxSelectMultiple,
    )
    priority = django_filters.MultipleChoiceFilter(
        distinct=False,  # one row per posting anyway; DISTINCT would sort every match
        method="filter_priority",
        choices=PriorityGroup.choices,
        label=gettext_lazy("우대 취약계층 (환영)"),
        widget=forms.CheckboxSelectMultiple,
    )
    company_type = django_filters.MultipleChoiceFilter(
        distinct=False,  # one row per posting anyway; DISTINCT would sort every match
        method="filter_company_type",
        choices=Certification.Type.choices,
        label=gettext_lazy("기업 유형"),
        widget=forms.CheckboxSelectMultiple,
    )
    posted_within = django_filters.ChoiceFilter(
        method="filter_posted_within",
        choices=[],
        empty_label=gettext_lazy("전체 기간"),
        label=gettext_lazy("등록일"),
    )
    closing_within = django_filters.ChoiceFilter(
        method="filter_closing_within",
        choices=[],
        empty_label=gettext_lazy("전체"),
        label=gettext_lazy("마감일"),
    )
    closed = django_filters.BooleanFilter(
        method="filter_closed",
        label=gettext_lazy("마감 포함"),
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=SORT_CHOICES,
        empty_label=gettext_lazy("기본 (검색어가 있으면 관련도순, 없으면 최신순)"),
        label=pgettext_lazy("search order", "정렬"),
    )

    class Meta:
        model = JobPosting
        fields = list(PARAMS)

    def __init__(self, data=None, *args, **kwargs):
        # always bound, so that an empty query string lists open postings
        data = as_querydict(data)
        self.today = today_kst()
        self.dong_names: dict[str, str] = dict(cached.dong_names())
        self.occupations: list[tuple[str, str, str]] = list(cached.occupations())
        self.occupation_names = {code: name for code, _level, name in self.occupations}
        cleaner = QueryStringCleaner(dong_codes=set(self.dong_names), occupation_codes=set(self.occupation_names))
        self.notices: list[str] = cleaner.clean(data)
        super().__init__(data, *args, **kwargs)
        self.filters["dong"].extra["choices"] = list(self.dong_names.items())
        self.filters["occupation"].extra["choices"] = self.occupation_choices()
        self.filters["posted_within"].extra["choices"] = self._day_choices(
            "posted_within", POSTED_WITHIN_OPTIONS, posted_within_label
        )
        self.filters["closing_within"].extra["choices"] = self._day_choices(
            "closing_within", CLOSING_WITHIN_OPTIONS, closing_within_label
        )

    def _day_choices(self, key: str, options, label) -> list[tuple[str, str]]:
        """The offered day counts, plus the one in the query string when it is another."""
        days = list(options)
        current = self.data.get(key)
        if current and int(current) not in days:
            days = sorted([*days, int(current)])
        return [(str(d), label(d)) for d in days]

    # ---- choices and labels for the page ----------------------------------------------

    #: Checkbox groups and selects of the search form drawn by the template from
    #: :meth:`form_options` (not by Django's widgets: one template render per option made
    #: the form a fifth of the page's time).
    CHECKBOX_FIELDS = ("dong", "employment_type", "shift", "priority", "company_type")
    SELECT_FIELDS = ("posted_within", "closing_within", "sort")

    def form_options(self) -> dict[str, list[FormOption]]:
        """Field name → its options as the page shows them (label in the active language,
        ``checked`` for the values in the query string), for the checkbox groups and selects
        of the search form; ids as Django's widgets give them (``id_dong_0``, …)."""
        options: dict[str, list[FormOption]] = {}
        for name in self.CHECKBOX_FIELDS:
            chosen = set(self.data.getlist(name))
            choices = self.filters[name].extra["choices"]
            options[name] = [
                FormOption(f"id_{name}_{i}", str(value), label if name == "dong" else _(label), str(value) in chosen)
                for i, (value, label) in enumerate(choices)
            ]
        for name in self.SELECT_FIELDS:
            current = self.data.get(name) or ""
            field = self.filters[name]
            choices = [("", field.extra.get("empty_label")), *field.extra["choices"]]
            options[name] = [
                FormOption(f"id_{name}", str(value), str(label), str(value) == current) for value, label in choices
            ]
        return options

    def occupation_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Grouped choices for a ``<select multiple>``: one ``<optgroup>`` per major group
        holding the major group itself, each middle group and, indented under it, its minor
        groups: ``[("설치·정비·생산직", [("8", "설치·정비·생산직 전체"), ("89", "… 전체"),
        ("890", "   기타 …"), …]), …]``."""
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for code, level, name in self.occupations:
            if level == Occupation.Level.MAJOR:
                groups.append((name, [(code, _("%(name)s 전체") % {"name": name})]))
            elif not groups:
                continue
            elif level == Occupation.Level.MIDDLE:
                groups[-1][1].append((code, "\u00a0\u00a0" + _("%(name)s 전체") % {"name": name}))
            else:
                groups[-1][1].append((code, "\u00a0\u00a0\u00a0\u00a0" + name))
        return groups

    def occupation_options_html(self) -> SafeString:
        """The ``<optgroup>``s and ``<option>``s of :meth:`occupation_choices` as HTML, the
        occupations in the query string selected. The HTML is built once per language and
        kept with the reference data (:func:`jobs.cached.occupation_options_html`)."""
        html = cached.occupation_options_html(get_language() or "", self.occupation_choices)
        for code in self.data.getlist("occupation"):
            html = html.replace(f'<option value="{escape(code)}">', f'<option value="{escape(code)}" selected>', 1)
        return mark_safe(html)  # noqa: S308 - built with format_html, codes escaped

    def _value_label(self, key: str, value: str) -> str:
        if key == "q":
            return value
        if key == "dong":
            return self.dong_names.get(value, value)
        if key == "occupation":
            return self.occupation_names.get(value, value)
        if key == "wage":
            return _("시간당 %(amount)s원 이상") % {"amount": f"{int(value):,}"}
        if key == "posted_within":
            return posted_within_label(int(value))
        if key == "closing_within":
            return closing_within_label(int(value))
        if key == "closed":
            return _("마감된 공고도 보기")
        choices = {
            "employment_type": EmploymentType,
            "shift": Shift,
            "priority": PriorityGroup,
            "company_type": Certification.Type,
        }[key]
        return _(choices(value).label)

    def querystring(self, *, without: tuple[str, str] | None = None) -> str:
        """The cleaned query string (no ``page``, no leading ``?``), e.g.
        ``"q=%EA%B2%BD%EB%B9%84&dong=2820051000"``; ``without=(key, value)`` leaves out that
        one value."""
        query = QueryDict(mutable=True)
        for key in PARAMS:
            values = [v for v in self.data.getlist(key) if v != ""]
            if without and without[0] == key:
                values = [v for v in values if v != without[1]]
            if values:
                query.setlist(key, values)
        return query.urlencode()

    def active_filters(self) -> list[ActiveFilter]:
        """Each applied condition (each value of a multi-valued one), with the query string
        that removes just it; the sort order is not a condition and is kept."""
        labels = {
            "q": _("검색어"),
            "dong": _("근무 지역"),
            "occupation": _("직종"),
            "employment_type": _("고용형태"),
            "shift": _("근무 형태"),
            "priority": _("우대 취약계층"),
            "company_type": _("기업 유형"),
            "wage": _("최소 시급"),
            "posted_within": _("등록일"),
            "closing_within": _("마감일"),
            "closed": _("마감 포함"),
        }
        active = []
        for key in PARAMS:
            if key == "sort":
                continue
            for value in self.data.getlist(key):
                if key == "q" and not query_terms(value):
                    continue
                if value != "":
                    active.append(
                        ActiveFilter(
                            label=labels[key],
                            value=self._value_label(key, value),
                            remove_query=self.querystring(without=(key, value)),
                        )
                    )
        return active

    @property
    def effective_sort(self) -> str:
        """The order in use: the ``sort`` asked for, else ``relevance`` with a keyword and
        ``newest`` without; ``relevance`` without a keyword is ``newest``."""
        has_terms = bool(query_terms(self.data.get("q", "")))
        sort = self.data.get("sort") or (SORT_RELEVANCE if has_terms else SORT_NEWEST)
        if sort == SORT_RELEVANCE and not has_terms:
            return SORT_NEWEST
        return sort

    # ---- filtering ------------------------------------------------------------------

    def filter_keyword(self, queryset, name, value):
        """Every word of ``value`` in title, employer name or description; annotates
        ``title_rank`` (see :meth:`JobPostingQuerySet.keyword`)."""
        if getattr(self, "_keyword_deferred", False):
            return queryset
        return queryset.keyword(value)

    def filter_occupation(self, queryset, name, values):
        """Prefix match on the KECO code: ``"8"`` finds 810, 890, …; ``"89"`` finds 890."""
        if not values:
            return queryset
        condition = Q()
        for code in values:
            condition |= Q(occupation__code__startswith=code)
        return queryset.filter(condition)

    def filter_wage(self, queryset, name, value):
        """``wage_hourly >= value`` (KRW per hour); postings without a wage are left out."""
        if value is None:
            return queryset
        return queryset.filter(wage_hourly__gte=int(value))

    def filter_shift(self, queryset, name, values):
        """Postings with at least one of the ``Shift`` codes ``values``."""
        return queryset.filter(overlap_condition("shifts", list(values))) if values else queryset

    def filter_priority(self, queryset, name, values):
        """Postings welcoming at least one of the ``PriorityGroup`` codes ``values``."""
        return queryset.filter(overlap_condition("priority_groups", list(values))) if values else queryset

    def filter_company_type(self, queryset, name, values):
        """Employers holding a certification of one of ``values`` valid today (KST) that the
        public may see: the employer is VERIFIED (or an EXTERNAL import), as on the badges
        (:meth:`employers.models.CertificationQuerySet.public`). The employers are listed
        first (:func:`jobs.cached.certified_employers`, a few hundred ids), so that PostgreSQL
        checks a posting against a list instead of probing the certifications of every
        posting a keyword found (20 ms for 지게차 among 4,300 postings)."""
        if not values:
            return queryset
        employers = cached.certified_employers(tuple(sorted(values)), self.today)
        return queryset.filter(employer_id__in=employers) if employers else queryset.none()

    def filter_posted_within(self, queryset, name, value):
        """Registered in the last ``value`` days, today being the first (KST dates)."""
        if not value:
            return queryset
        return queryset.filter(date_posted__gte=self.today - datetime.timedelta(days=int(value) - 1))

    def filter_closing_within(self, queryset, name, value):
        """Deadline from today through today + ``value`` days (KST); until-filled left out."""
        if value in (None, ""):
            return queryset
        return queryset.filter(deadline__gte=self.today, deadline__lte=self.today + datetime.timedelta(days=int(value)))

    def filter_closed(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which needs it first

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after every filter

    def filter_queryset(self, queryset):
        include_closed = bool(self.form.cleaned_data.get("closed"))
        queryset = queryset.public() if include_closed else queryset.open(self.today)
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*self.ordering(queryset))

    def segments(self) -> list[Segment]:
        """The order of :meth:`ordering` as index-friendly segments for keyset pages
        (:mod:`jobs.filters.pages`): relevance is the title matches by date then the other
        matches by date; the deadline and wage orders end with the postings without a deadline
        or a wage, newest id first."""
        if not hasattr(self.form, "cleaned_data"):  # called before .qs
            self.form.is_valid()
        sort = self.effective_sort
        if sort == SORT_DEADLINE:
            # open postings only: deadlines from today (the index range starts there)
            floor = None if self.form.cleaned_data.get("closed") else Q(deadline__gte=self.today)
            return [Segment("deadline", descending=False, is_date=True, extra=floor), Segment(None, null="deadline")]
        if sort == SORT_WAGE:
            return [Segment("wage_hourly"), Segment(None, null="wage_hourly")]
        if sort == SORT_RELEVANCE and self.terms:
            return [
                Segment("date_posted", is_date=True, in_title=True),
                Segment("date_posted", is_date=True, in_title=False),
            ]
        return [Segment("date_posted", is_date=True)]

    @property
    def terms(self) -> list[str]:
        """The keyword's terms (:func:`jobs.search.query_terms`)."""
        return query_terms(self.data.get("q", ""))

    def queryset_without_keyword(self):
        """Every filter but the keyword, unordered: the keyword is added by the result pages
        (:func:`jobs.filters.pages.result_page`), in the form that suits each query."""
        self.qs  # noqa: B018 - cleans the form first (notices)
        self._keyword_deferred = True
        try:
            return self.filter_queryset(self.queryset.all()).order_by()
        finally:
            self._keyword_deferred = False

    def ordering(self, queryset) -> list:
        """``order_by`` arguments for :attr:`effective_sort`, always ending with ``-id``."""
        sort = self.effective_sort
        if sort == SORT_DEADLINE:
            return [F("deadline").asc(nulls_last=True), "-id"]
        if sort == SORT_WAGE:
            return [F("wage_hourly").desc(nulls_last=True), "-id"]
        order = ["-date_posted", "-id"]
        if sort == SORT_RELEVANCE and "title_rank" in queryset.query.annotations:
            order = ["-title_rank", *order]
        return order

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
