"""Desk pages about residents (issue 5 items 1, 4, 7): the staff home, the resident search,
the resident's record and the large-type job sheet to hand over. Every page that shows a
resident writes one access-log row (``DeskMixin.log_access``): the home and the search a
``search`` row with the ids listed, the record a ``view`` row, the sheet a ``print`` row.
Counselling notes are in :mod:`.notes`."""

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import path
from django.utils.http import urlencode
from django.views.generic import TemplateView

from accounts.choices import ConsentPurpose
from accounts.identifiers import mask_mobile
from accounts.models import AccessAction, Consent
from accounts.views.profile import profile_display
from namdong_jobs.text import tidy_text

from ...forms.desk_records import ResidentSearchForm
from ...models import Application, CounsellingNote, today_kst
from ...rules.minors import is_minor
from ...services.desk.fitting import resident_fitting
from ...services.desk.home import staff_home
from ...services.desk.search import resident_search, search_log_query
from ..public import JOB_BANK_PHONE, apply_context, call_phone, get_page, hours_display, page_window, work_days_display
from . import notes
from .base import DeskMixin

#: Search parameters, in the order the access log's ``query`` writes them.
SEARCH_KEYS = ("name", "phone", "dong")


class DeskHomeView(DeskMixin, TemplateView):
    """``/desk/``: the staff home (오늘 할 일): follow-ups due today or earlier, recent
    residents and new matches for residents without email (``jobs.services.desk.home``).
    Shown residents are logged as one ``search`` row (detail ``"home"``)."""

    template_name = "jobs/desk/home.html"

    def get_context_data(self, **kwargs):
        home = staff_home(staff=self.request.user)
        for resident in home.recent:
            resident.masked_phone = mask_mobile(resident.phone) if resident.phone else ""
        for match in home.matches:
            match.masked_phone = mask_mobile(match.profile.phone) if match.profile.phone else ""
        if home.listed_ids:
            self.log_access(AccessAction.SEARCH, detail="home", listed_ids=home.listed_ids)
        return super().get_context_data(home=home, centre=self.staff_centre, **kwargs)


class ResidentSearchView(DeskMixin, TemplateView):
    """``/desk/residents/?name=&phone=&dong=&page=``: residents in scope by part of the name,
    a phone number in any spelling (or its last 4 digits) and home dong, 20 a page, phones
    masked. A bad parameter is shown on the form and left out, never a 500. A search (one
    criterion at least) writes one ``search`` row: the query with the name and phone masked
    (:func:`jobs.services.desk.search.search_log_query`) and the ids of the page shown."""

    template_name = "jobs/desk/search.html"

    def get_context_data(self, **kwargs):
        # as typed, less control characters (a NUL cannot be stored in the log)
        typed = {key: tidy_text(self.request.GET.get(key, ""), multiline=False) for key in SEARCH_KEYS}
        form = ResidentSearchForm(self.request.GET or None)
        if form.is_bound:
            form.is_valid()  # invalid fields are shown on the form and left out
        criteria = form.criteria()
        ctx = super().get_context_data(form=form, searched=bool(criteria), notices=[], **kwargs)
        if not criteria:
            return ctx
        paginator = Paginator(resident_search(staff=self.request.user, **criteria), settings.NJ_PAGE_SIZE)
        page, notice = get_page(paginator, self.request.GET.get("page"))
        residents = list(page.object_list)
        for resident in residents:
            resident.masked_phone = mask_mobile(resident.phone) if resident.phone else ""
        query = search_log_query(**{key: typed[key] for key in SEARCH_KEYS}, page=page.number)
        self.log_access(AccessAction.SEARCH, query=query, listed_ids=[r.pk for r in residents])
        ctx.update(
            page_obj=page,
            residents=residents,
            page_numbers=page_window(page) if paginator.num_pages > 1 else [],
            querystring=urlencode({key: typed[key] for key in SEARCH_KEYS if typed[key]}),
            notices=[notice] if notice else [],
            show_centre=self.request.user.is_district_staff,
        )
        return ctx


class ResidentDetailView(DeskMixin, TemplateView):
    """``/desk/residents/<pk>/``: a resident's record — profile (``profile_display``: the
    full phone number; declared priority groups only with the sensitive-data consent;
    whether a guardian's consent document is on file, with a link to ``desk:guardian_document``,
    shown when there is one or the resident is under 18 (``minor``)),
    consents (``jobs/desk/_resident_consents.html``), counselling notes, applications and
    referrals (``jobs/desk/_resident_referrals.html``), the postings that fit now with why
    and a referral button each (``jobs/desk/_refer_button.html``), and the print button.
    Another centre's resident is a 404. Writes one ``view`` row (``"record"``)."""

    template_name = "jobs/desk/resident_detail.html"

    def get_context_data(self, **kwargs):
        resident = self.get_resident()
        consents = list(Consent.objects.filter(person=resident).select_related("taken_by").order_by("-given_at", "-id"))
        active = {c.purpose for c in consents if c.withdrawn_at is None}
        applications = list(
            Application.objects.filter(seeker=resident)
            .select_related("posting__employer", "referral__centre", "referral__staff")
            .order_by("-created_at", "-id")
        )
        show = profile_display(resident)
        if ConsentPurpose.SENSITIVE not in active:
            show["declared_groups"] = []
        self.log_access(AccessAction.VIEW, resident, detail="record")
        return super().get_context_data(
            resident=resident,
            show=show,
            consents=consents,
            notes=resident_notes(resident),
            applications=applications,
            fitting=resident_fitting(resident),
            has_provision_consent=ConsentPurpose.PROVISION in active,
            minor=is_minor(resident, today_kst().year),
            today=today_kst(),
            **kwargs,
        )


def resident_notes(resident):
    """The resident's counselling notes, newest first, with who wrote them and where."""
    return CounsellingNote.objects.filter(seeker=resident).select_related("staff", "centre")


class ResidentPrintView(DeskMixin, TemplateView):
    """``/desk/residents/<pk>/print/``: one large-type sheet (A4, print CSS) of the postings
    that fit the resident now, to hand over: title, employer, dong, wage, days and hours, how
    to apply and the centre to ask. Writes one ``print`` row."""

    template_name = "jobs/desk/print.html"

    def get_context_data(self, **kwargs):
        resident = self.get_resident()
        postings = resident_fitting(resident)
        for posting in postings:
            posting.days_text = work_days_display(posting)
            posting.hours_text = hours_display(posting)
            posting.apply = apply_context(posting)
            posting.phone_to_call = call_phone(posting)
        self.log_access(AccessAction.PRINT, resident, detail="job_sheet")
        return super().get_context_data(
            resident=resident,
            postings=postings,
            centre=self.staff_centre,
            job_bank_phone=JOB_BANK_PHONE,
            minor=is_minor(resident, today_kst().year),
            today=today_kst(),
            **kwargs,
        )


urlpatterns = [
    path("", DeskHomeView.as_view(), name="home"),
    path("residents/", ResidentSearchView.as_view(), name="resident_search"),
    path("residents/<int:pk>/", ResidentDetailView.as_view(), name="resident_detail"),
    path("residents/<int:pk>/print/", ResidentPrintView.as_view(), name="resident_print"),
    *notes.urlpatterns,
]
