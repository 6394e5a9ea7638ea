"""Public pages: home, posting list/search, posting detail and its printable sheet. No login
needed. Lists show only open postings (``JobPosting.objects.open()``) unless the visitor asks
for 마감 postings too."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import cached, page_cache
from ..choices import ApplyMethod, Benefit, PostingStatus, PriorityGroup, WageType, Weekday
from ..filters import SORT_CHOICES, JobPostingFilter
from ..filters.pages import ResultPage, result_page
from ..jsonld import jsonld_script, posting_jsonld
from ..models import JobPosting, today_kst
from ..page_cache import VisitorPageCacheMixin
from ..wages import DEFAULT_DAILY_HOURS
from .seeker.context import posting_seeker_context

#: Parameters whose inputs sit in the folded "더 고르기" part of the search form.
MORE_FILTERS = (
    "occupation",
    "employment_type",
    "wage",
    "shift",
    "priority",
    "company_type",
    "posted_within",
    "closing_within",
)
#: The job bank's own number, for postings that give no phone.
JOB_BANK_PHONE = "032-453-5000"


_PAGE_NUMBER = re.compile(r"-?[0-9]{1,12}")


def page_below_one(raw_page: str) -> bool:
    """True when ``raw_page`` is an ASCII whole number below 1 (``"0"``, ``"-3"``), which
    ``Paginator.get_page`` would turn into the *last* page. Anything else (``"--1"``, ``"²"``,
    ``"abc"``) is not a number here, and ``get_page`` gives the first page for it."""
    return bool(_PAGE_NUMBER.fullmatch(raw_page)) and int(raw_page) < 1


def get_page(paginator: Paginator, raw_page: str | None) -> tuple[Page, str | None]:
    """The page asked for by the ``page`` parameter ``raw_page`` and a notice when it was not
    a valid page number: non-numbers give the first page, 0 or a negative number the first,
    a number past the end the last."""
    raw_page = (raw_page or "").replace("\x00", "").strip()
    # get_page shows the last page for 0 or less; the first is nearer
    page = paginator.get_page(1 if page_below_one(raw_page) else (raw_page or 1))
    notice = None
    if raw_page and str(page.number) != raw_page:
        notice = _("요청한 쪽 번호가 올바르지 않아 가까운 쪽을 보여 드립니다.")
    return page, notice


def page_window(page: Page, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and ``around`` on each side of the current
    one, with ``None`` where numbers are left out, e.g. ``[1, None, 4, 5, 6, 7, 8, None, 20]``."""
    last = page.paginator.num_pages
    shown = sorted({1, last, *range(max(1, page.number - around), min(last, page.number + around) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def result_page_links(page: ResultPage, around: int = 2) -> list[int | None]:
    """Page numbers to link on a search result page: the first, ``around`` on each side of
    the current one and the last — but not the last when the count was capped (those pages
    are reached by "다음 쪽"), nor any number past the counted pages; ``None`` where numbers
    are left out (and at the end when there are more pages than numbered). ``[]`` for a
    single page."""
    last = page.num_pages
    if last <= 1 and not page.has_other_pages:
        return []
    if page.number > last:  # a deep page reached by "다음 쪽"
        return [1, None]
    shown = {1, *range(max(1, page.number - around), min(last, page.number + around) + 1)}
    if not page.count_capped:
        shown.add(last)
    numbers: list[int | None] = []
    for n in sorted(shown):
        if numbers and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    if page.count_capped:
        numbers.append(None)  # more pages than counted, reached by "다음 쪽"
    return numbers


def tel_href(phone: str) -> str:
    """A ``tel:`` URL for a Korean phone number as written: ``"032-453-5000"`` →
    ``"tel:032-453-5000"`` (digits, ``+`` and dashes kept, anything else dropped)."""
    return "tel:" + "".join(ch for ch in phone if ch.isascii() and (ch.isdigit() or ch in "+-"))


def public_posting(pk: int) -> JobPosting:
    """A posting the public may see (open, or published once and since closed) with what its
    pages show joined; 404 for drafts, postings under review and rejected ones."""
    return get_object_or_404(
        JobPosting.objects.public()
        .select_related("employer", "dong", "occupation__parent__parent")
        .prefetch_related("employer__certifications"),
        pk=pk,
    )


def closed_notice(posting: JobPosting) -> str:
    """What the public pages say about a posting that is no longer open: "채용이 완료된
    공고입니다." once the employer marked it filled, else (closed, expired, past its
    deadline) "마감된 공고입니다."."""
    if posting.status == PostingStatus.FILLED:
        return _("채용이 완료된 공고입니다.")
    return _("마감된 공고입니다.")


def call_phone(posting: JobPosting) -> str:
    """The number to call about ``posting``: its contact phone, else the employer's, else the
    job bank's (``JOB_BANK_PHONE``)."""
    return posting.contact_phone or posting.employer.phone or JOB_BANK_PHONE


class HomeView(VisitorPageCacheMixin, TemplateView):
    """Home: search box, latest open postings and a few counts (kept a minute,
    :func:`jobs.cached.home_counts`)."""

    template_name = "jobs/home.html"
    latest_count = 8

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = today_kst()
        open_qs = JobPosting.objects.open(today)
        ctx["latest"] = list(open_qs.for_search().order_by("-date_posted", "-id")[: self.latest_count])
        ctx["counts"] = cached.home_counts(today)
        ctx["today"] = today
        return ctx


class JobPostingListView(VisitorPageCacheMixin, TemplateView):
    """``/jobs/``: search and list postings, ``NJ_PAGE_SIZE`` (20) a page. Query string: the
    parameters of :class:`jobs.filters.JobPostingFilter` (``q``, ``dong``, ``occupation``,
    ``employment_type``, ``wage``, ``shift``, ``priority``, ``company_type``,
    ``posted_within``, ``closing_within``, ``closed``, ``sort``), ``page`` and the keyset
    cursors ``after``/``before`` of the "다음 쪽"/"이전 쪽" links (:mod:`jobs.filters.pages`:
    counts capped at 1,000, a deep page costs what the second does). Bad values are ignored
    with a notice; the page always answers 200."""

    template_name = "jobs/posting_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filterset = JobPostingFilter(self.request.GET, queryset=JobPosting.objects.for_search())
        page, page_notice = result_page(
            filterset.queryset_without_keyword(),
            filterset.segments(),
            terms=filterset.terms,
            page_size=settings.NJ_PAGE_SIZE,
            raw_page=self.request.GET.get("page"),
            raw_after=self.request.GET.get("after"),
            raw_before=self.request.GET.get("before"),
            counts_key=page_cache.counts_key(filterset.querystring()),
        )
        notices = [*filterset.notices, *([page_notice] if page_notice else [])]
        ctx.update(
            filter=filterset,
            page_obj=page,
            page_numbers=result_page_links(page),
            postings=page.object_list,
            notices=notices,
            querystring=filterset.querystring(),
            active_filters=filterset.active_filters(),
            sort_label=dict(SORT_CHOICES)[filterset.effective_sort],
            occupation_options=filterset.occupation_options_html(),
            form_options=filterset.form_options(),
            more_filters_open=any(key in filterset.data for key in MORE_FILTERS),
            today=filterset.today,
        )
        return ctx


class JobPostingDetailView(VisitorPageCacheMixin, TemplateView):
    """``/jobs/<pk>/``: a public posting, open or closed (closed ones say 마감, or 채용 완료
    when filled — :func:`closed_notice` — and offer no way to apply). Drafts, postings under
    review and rejected ones are 404. Company-type badges only for employers the public may
    trust with them (:meth:`Employer.public_certifications`). Open postings carry schema.org
    ``JobPosting`` JSON-LD (:func:`jobs.jsonld.posting_jsonld`). A signed-in seeker sees
    whether they applied and saved it (:func:`jobs.views.seeker.context.posting_seeker_context`)."""

    template_name = "jobs/posting_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        posting = public_posting(kwargs["pk"])
        today = today_kst()
        is_open = posting.is_open(today)
        ctx.update(
            posting=posting,
            today=today,
            is_open=is_open,
            days_left=posting.days_left(today),
            closed_notice="" if is_open else closed_notice(posting),
            certifications=posting.employer.public_certifications(today),
            work_days_display=work_days_display(posting),
            hours_display=hours_display(posting),
            hourly_note=hourly_note(posting),
            priority_labels=[_(PriorityGroup(g).label) for g in posting.priority_groups if g in PriorityGroup.values],
            benefit_labels=[_(Benefit(b).label) for b in Benefit.values if b in posting.benefits],
            apply=apply_context(posting) if is_open else None,
            job_bank_phone=JOB_BANK_PHONE,
            job_bank_phone_href=tel_href(JOB_BANK_PHONE),
            jsonld=jsonld_script(posting_jsonld(posting, request=self.request)) if is_open else "",
            **posting_seeker_context(self.request, posting),
        )
        return ctx


class JobPostingPrintView(VisitorPageCacheMixin, TemplateView):
    """``/jobs/<pk>/print/``: one A4 sheet in large type for community-centre notice boards:
    posting number, title, employer, key conditions, how to apply, the phone number to call
    (:func:`call_phone`), deadline and the page's address. Same visibility as the detail page."""

    template_name = "jobs/posting_print.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        posting = public_posting(kwargs["pk"])
        today = today_kst()
        is_open = posting.is_open(today)
        phone = call_phone(posting)
        ctx.update(
            posting=posting,
            today=today,
            is_open=is_open,
            days_left=posting.days_left(today),
            closed_notice="" if is_open else closed_notice(posting),
            work_days_display=work_days_display(posting),
            hours_display=hours_display(posting),
            apply=apply_context(posting) if is_open else None,
            call_phone=phone,
            call_phone_href=tel_href(phone),
            page_url=self.request.build_absolute_uri(posting.get_absolute_url()),
        )
        return ctx


def work_days_display(posting: JobPosting) -> str:
    """Working days in week order, e.g. ``"월·화·수·목·금"``; ``"주5일"`` when only a count is
    known; ``""`` when nothing is."""
    if posting.work_days:
        return "·".join(_(Weekday(d).label) for d in Weekday.values if d in posting.work_days)
    if posting.days_per_week:
        return _("주%(days)d일") % {"days": posting.days_per_week}
    return ""


def hours_display(posting: JobPosting) -> str:
    """Working hours, e.g. ``"09:00 ~ 18:00 · 하루 8시간 · 주 40시간"``; ``""`` when unknown."""
    parts = []
    if posting.start_time and posting.end_time:
        parts.append(f"{posting.start_time:%H:%M} ~ {posting.end_time:%H:%M}")
    if posting.daily_hours:
        parts.append(_("하루 %(hours)s시간") % {"hours": f"{posting.daily_hours.normalize():f}"})
    if posting.hours_per_week:
        parts.append(_("주 %(hours)d시간") % {"hours": posting.hours_per_week})
    return " · ".join(parts)


def hourly_note(posting: JobPosting) -> str:
    """For a wage not stated per hour, its hourly equivalent in KRW and the rule used, e.g.
    ``"시간당 약 11,961원 (월 209시간 기준)"``; ``""`` for hourly wages or without a wage."""
    if not posting.wage_hourly or posting.wage_type in ("", WageType.HOUR):
        return ""
    basis = {
        WageType.DAY: _("하루 %(hours)s시간 기준")
        % {"hours": f"{(posting.daily_hours or DEFAULT_DAILY_HOURS).normalize():f}"},
        WageType.WEEK: _("주급 × 4.345주 ÷ 월 209시간 기준"),
        WageType.MONTH: _("월 209시간 기준"),
        WageType.YEAR: _("12개월 × 월 209시간 기준"),
    }.get(posting.wage_type, "")
    return _("시간당 약 %(amount)s원 (%(basis)s)") % {"amount": f"{posting.wage_hourly:,}", "basis": basis}


def apply_context(posting: JobPosting) -> dict:
    """How to apply to an open posting, for the detail and print pages:
    ``{"online": bool, "phone": str, "phone_href": str, "visit": str, "email": str,
    "contact_name": str, "none": bool}``. Online applying is offered only for postings entered
    here; ``phone``/``visit``/``email`` are set only when that method is offered (the phone is
    :func:`call_phone`, the visit address the workplace's, else the employer's). ``none`` is true when
    no method is recorded."""
    methods = set(posting.apply_methods)
    phone = call_phone(posting) if ApplyMethod.PHONE in methods else ""
    visit = ""
    if ApplyMethod.VISIT in methods:
        visit = posting.address or posting.employer.address or posting.location_text or "-"
    email = posting.contact_email if ApplyMethod.EMAIL in methods else ""
    online = ApplyMethod.ONLINE in methods and not posting.is_external
    return {
        "online": online,
        "phone": phone,
        "phone_href": tel_href(phone) if phone else "",
        "visit": visit,
        "email": email,
        "contact_name": posting.contact_name,
        "contact_phone": posting.contact_phone,
        "contact_phone_href": tel_href(posting.contact_phone) if posting.contact_phone else "",
        "contact_email": posting.contact_email,
        "none": not (online or phone or visit or email),
    }
