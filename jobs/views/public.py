"""Public pages: home, posting list/search and posting detail. No login needed."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from employers.models import Employer

from ..filters import JobPostingFilter
from ..models import JobPosting, today_kst


class HomeView(TemplateView):
    """Home: search box, latest open postings and a few counts."""

    template_name = "jobs/home.html"
    latest_count = 8

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = today_kst()
        open_qs = JobPosting.objects.open(today)
        ctx["latest"] = list(open_qs.for_list().order_by("-date_posted", "-id")[: self.latest_count])
        ctx["counts"] = {
            "open": open_qs.count(),
            "closing_soon": open_qs.filter(deadline__lte=today + datetime.timedelta(days=7)).count(),
            "employers": Employer.objects.verified().count(),
        }
        ctx["today"] = today
        return ctx


class JobPostingListView(TemplateView):
    """``/jobs/``: search and list postings, 20 a page. Query string: ``q``, ``dong``
    (repeatable), ``closed=1`` (마감 포함), ``page``. Bad values are ignored with a notice."""

    template_name = "jobs/posting_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filterset = JobPostingFilter(self.request.GET, queryset=JobPosting.objects.for_list())
        paginator = Paginator(filterset.qs, settings.NJ_PAGE_SIZE)
        raw_page = self.request.GET.get("page", "1")
        # get_page shows the last page for 0 or a negative number; the first is nearer
        page = paginator.get_page(1 if raw_page.lstrip("-").isdigit() and int(raw_page) < 1 else raw_page)
        notices = list(filterset.notices)
        if raw_page and str(page.number) != raw_page:
            notices.append(_("요청한 쪽 번호가 올바르지 않아 가까운 쪽을 보여 드립니다."))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            filter=filterset,
            page_obj=page,
            postings=page.object_list,
            notices=notices,
            querystring=query.urlencode(),
            today=today_kst(),
        )
        return ctx


class JobPostingDetailView(TemplateView):
    """``/jobs/<pk>/``: a public posting, open or closed (closed ones say 마감 and offer no
    way to apply). Drafts, postings under review and rejected ones are 404."""

    template_name = "jobs/posting_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        posting = get_object_or_404(
            JobPosting.objects.public()
            .select_related("employer", "dong", "occupation__parent__parent")
            .prefetch_related("employer__certifications"),
            pk=kwargs["pk"],
        )
        today = today_kst()
        ctx.update(
            posting=posting,
            today=today,
            is_open=posting.is_open(today),
            days_left=posting.days_left(today),
            certifications=posting.employer.certifications_valid_on(today),
        )
        return ctx
