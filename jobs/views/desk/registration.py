"""Desk pages of walk-in registration (issue 5 items 2 and 3): register a resident with
paper consent (duplicates warned, masked; declared priority groups only with the
sensitive-data consent), edit the record, record further paper consents or withdraw
optional ones (after a confirmation page that says what stops and asks how the resident
asked), download a consent scan or the guardian's consent document (ages 15–17), and move a
record to another centre (district staff).

Access log: the writes log themselves (``accounts.services.residents``: ``edit`` with
``register``/``profile``/``consent``/``consent:withdraw:<channel>``/``transfer``); a page
that shows a resident (the edit, consents, withdrawal and transfer forms, also when shown
again with errors) writes one ``view`` row (``"record"``), a scan download a ``download``
row (``"consent"``), the guardian's document a ``download`` row (``"guardian_document"``),
and a duplicate warning (on registering, detail ``"register"``, or on an edit changing the
phone, name or birth year, detail ``"profile"``) a ``search`` row listing the ids of the
records hinted at (``query`` ``"duplicate_check"``, no typed data)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.choices import OPTIONAL_CONSENTS, ConsentPurpose
from accounts.consent_texts import CONSENT_TEXTS
from accounts.models import AccessAction, Consent
from accounts.services import (
    DuplicateResident,
    client_ip,
    consent_active,
    consents_active,
    paper_consents_record,
    resident_consent_withdraw,
    resident_transfer,
    resident_update,
)
from accounts.services.residents import (
    ONLINE_SIGNUP_EDIT_REFUSAL,
    consent_scan_open,
    guardian_document_open,
    is_centre_record,
)
from accounts.views.profile import code_labels
from accounts.views.resume import file_download
from namdong_jobs.reference.codes import PriorityGroup

from ...forms.desk import ConsentWithdrawForm, PaperConsentForm, RegistrationForm, ResidentForm, TransferForm
from ...services.desk.registration import walk_in_register
from .base import DeskMixin, DistrictDeskMixin


def resident_consents(resident) -> list[Consent]:
    """All of ``resident``'s consent rows, newest first, with the staff who took them."""
    return list(Consent.objects.filter(person=resident).select_related("taken_by").order_by("-given_at", "-id"))


class DuplicateWarningMixin:
    """A form page that shows the masked duplicate warning (``register_duplicates.html``) and
    the acknowledgement checkbox (``register_acknowledge.html``) when the service raises
    :class:`DuplicateResident`: the hints this staff member may open (``same_centre_hints``)
    and the others (``other_centre_hints``), ``files_dropped`` when the request had uploads
    (to be chosen again). Logs one ``search`` row listing the hinted ids."""

    #: The access-log ``detail`` of the warning's ``search`` row.
    duplicate_detail = ""

    def duplicate_warning(self, form, exc: DuplicateResident):
        self.log_access(
            AccessAction.SEARCH,
            detail=self.duplicate_detail,
            query="duplicate_check",
            listed_ids=[h.profile_id for h in exc.hints],
        )
        files = bool(self.request.FILES)
        return self.render_to_response(self.get_context_data(form=form, hints=exc.hints, files_dropped=files))

    def get_context_data(self, **kwargs):
        hints = kwargs.setdefault("hints", [])
        return super().get_context_data(
            same_centre_hints=[h for h in hints if h.same_centre],
            other_centre_hints=[h for h in hints if not h.same_centre],
            **kwargs,
        )


class ResidentRegisterView(DuplicateWarningMixin, DeskMixin, FormView):
    """``/desk/residents/new/``: register a walk-in resident (name, birth year, optional
    mobile, home dong, wanted conditions, licences, the paper consents with form version,
    date and optional scan, a guardian's document at 15–17, a first note). Records that may
    be the same person are shown masked: at this centre with a link to open them, elsewhere
    with a sentence to ask the district staff for a transfer; ticking "동일인이 아님을
    확인했습니다" registers anyway. Success goes to the new record."""

    template_name = "jobs/desk/register.html"
    form_class = RegistrationForm
    duplicate_detail = "register"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "staff": self.request.user}

    def form_valid(self, form):
        try:
            profile = walk_in_register(staff=self.request.user, ip=client_ip(self.request), **form.register_kwargs())
        except DuplicateResident as exc:
            return self.duplicate_warning(form, exc)
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s 님을 등록했습니다. 서면 동의를 기록했습니다.") % {"name": profile.name},
        )
        return redirect("desk:resident_detail", pk=profile.pk)


class ResidentPageMixin(DeskMixin):
    """A page about one resident in scope (404 otherwise) that logs each showing as one
    ``view`` row (``"record"``)."""

    def log_view(self):
        self.log_access(AccessAction.VIEW, self.get_resident(), detail="record")

    def get_context_data(self, **kwargs):
        return super().get_context_data(resident=self.get_resident(), **kwargs)


class ResidentEditView(DuplicateWarningMixin, ResidentPageMixin, FormView):
    """``/desk/residents/<pk>/edit/``: the same fields as registration (and a guardian's
    document when the birth year makes the resident 15–17). The declared priority groups
    are offered only while the resident has an active sensitive-data consent; without it
    the page says the consent is needed and links to the consents page. A change of phone,
    name or birth year that matches other records shows the registration's masked warning (a
    ``view`` row for the page and a ``search`` row for the hints); ticking "동일인이 아님을
    확인했습니다" saves anyway.

    An online sign-up's record (no centre, :func:`accounts.services.residents.is_centre_record`)
    is the person's own: GET and POST show the page with the reason
    (:data:`~accounts.services.residents.ONLINE_SIGNUP_EDIT_REFUSAL`) instead of the form, and
    nothing is saved (one ``view`` row)."""

    template_name = "jobs/desk/resident_edit.html"
    form_class = ResidentForm
    duplicate_detail = "profile"

    def get_form_kwargs(self):
        resident = self.get_resident()
        sensitive = consent_active(person=resident, purpose=ConsentPurpose.SENSITIVE) is not None
        return {**super().get_form_kwargs(), "profile": resident, "sensitive_consent": sensitive}

    def refused(self):
        """The page with the reason instead of the form, for an online sign-up; else ``None``."""
        if is_centre_record(self.get_resident()):
            return None
        return self.render_to_response(self.get_context_data(form=None, refusal=ONLINE_SIGNUP_EDIT_REFUSAL))

    def get(self, request, *args, **kwargs):
        self.log_view()
        return self.refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refused = self.refused()
        if refused is not None:
            self.log_view()
            return refused
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        resident = self.get_resident()
        try:
            resident_update(
                profile=resident,
                staff=self.request.user,
                allow_duplicate=form.cleaned_data["allow_duplicate"],
                ip=client_ip(self.request),
                **form.service_changes(),
            )
        except DuplicateResident as exc:
            self.log_view()
            return self.duplicate_warning(form, exc)
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s 님의 기록을 고쳤습니다.") % {"name": resident.name})
        return redirect("desk:resident_detail", pk=resident.pk)

    def form_invalid(self, form):
        self.log_view()
        return super().form_invalid(form)


class ResidentConsentsView(ResidentPageMixin, TemplateView):
    """``/desk/residents/<pk>/consents/``: the resident's consents (who took each, form
    version and date, scan), a form for further consents given on a signed paper form (the
    purposes not active yet; recording the sensitive-data consent adds a note that the
    declared priority groups can now be recorded on the edit page) and, for each active
    optional consent, a link to its withdrawal page (:class:`ConsentWithdrawView`)."""

    template_name = "jobs/desk/resident_consents.html"

    def missing_purposes(self) -> list[str]:
        active = consents_active(person=self.get_resident())
        return [p for p in ConsentPurpose.values if p not in active]

    def get(self, request, *args, **kwargs):
        self.log_view()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        missing = self.missing_purposes()
        if "form" not in kwargs and missing:
            kwargs["form"] = PaperConsentForm(purposes=missing)
        return super().get_context_data(consents=resident_consents(self.get_resident()), **kwargs)

    def post(self, request, *args, **kwargs):
        resident = self.get_resident()
        missing = self.missing_purposes()
        if not missing:
            messages.info(request, _("모든 항목에 동의한 상태입니다."))
            return redirect("desk:resident_consents", pk=resident.pk)
        form = PaperConsentForm(request.POST, request.FILES, purposes=missing)
        if form.is_valid():
            data = form.cleaned_data
            try:
                given = paper_consents_record(
                    profile=resident,
                    staff=request.user,
                    purposes=data["consents"],
                    paper_form_version=data["paper_form_version"],
                    paper_signed_on=data["paper_signed_on"],
                    paper_scan=data.get("paper_scan") or None,
                    ip=client_ip(request),
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                if given:
                    messages.success(request, _("서면 동의 %(n)d건을 기록했습니다.") % {"n": len(given)})
                    if any(consent.purpose == ConsentPurpose.SENSITIVE for consent in given):
                        note = _("이제 '정보 고치기'에서 주민이 신고한 우대 대상을 기록할 수 있습니다.")
                        messages.info(request, note)
                else:
                    messages.info(request, _("고른 항목은 모두 이미 동의한 상태입니다."))
                return redirect("desk:resident_consents", pk=resident.pk)
        self.log_view()
        return self.render_to_response(self.get_context_data(form=form))


class ConsentWithdrawView(ResidentPageMixin, FormView):
    """``/desk/residents/<pk>/consents/<purpose>/withdraw/``: the confirmation of withdrawing
    one of a resident's active optional consents (``purpose``: provision, sensitive,
    notifications; any other is a 404). GET says what stops (referrals; match messages; the
    declared priority groups, listed, are deleted) and asks how the resident asked
    (``ConsentWithdrawForm.channel``: 방문, 전화, 서면; a ``view`` row); POST withdraws
    through ``resident_consent_withdraw`` (an ``edit`` row with detail
    ``"consent:withdraw:<channel>"``) and goes back to the consents page. Without a channel
    the page is shown again with the error (a ``view`` row). A consent that is not active
    (any more) goes back to the consents page with a note and nothing is written."""

    template_name = "jobs/desk/consent_withdraw.html"
    form_class = ConsentWithdrawForm

    def purpose(self) -> str:
        purpose = self.kwargs["purpose"]
        if purpose not in OPTIONAL_CONSENTS:
            raise Http404(_("따로 철회할 수 없는 동의 항목입니다."))
        return purpose

    def not_active(self):
        """A redirect to the consents page when the consent is not active, else ``None``."""
        resident, purpose = self.get_resident(), self.purpose()
        if consent_active(person=resident, purpose=purpose) is not None:
            return None
        return self.already_withdrawn(resident, purpose)

    def already_withdrawn(self, resident, purpose):
        """Back to the consents page, saying the consent is not active."""
        title = CONSENT_TEXTS[purpose].title
        messages.info(self.request, _("'%(title)s'은(는) 이미 동의하지 않은 상태입니다.") % {"title": title})
        return redirect("desk:resident_consents", pk=resident.pk)

    def get(self, request, *args, **kwargs):
        if (gone := self.not_active()) is not None:
            return gone
        self.log_view()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if (gone := self.not_active()) is not None:
            return gone
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        resident, purpose = self.get_resident(), self.purpose()
        return super().get_context_data(
            purpose=purpose,
            title=CONSENT_TEXTS[purpose].title,
            consent=consent_active(person=resident, purpose=purpose),
            declared_groups=code_labels(PriorityGroup, resident.declared_groups),
            **kwargs,
        )

    def form_valid(self, form):
        resident, purpose = self.get_resident(), self.purpose()
        had_groups = bool(resident.declared_groups)
        try:
            withdrawn = resident_consent_withdraw(
                profile=resident,
                staff=self.request.user,
                purpose=purpose,
                channel=form.cleaned_data["channel"],
                ip=client_ip(self.request),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        if not withdrawn:
            return self.already_withdrawn(resident, purpose)
        title = CONSENT_TEXTS[purpose].title
        if purpose == ConsentPurpose.SENSITIVE and had_groups:
            messages.success(
                self.request,
                _("'%(title)s'을(를) 철회했습니다. 기록한 우대 대상을 지웠습니다.") % {"title": title},
            )
        else:
            messages.success(self.request, _("'%(title)s'을(를) 철회했습니다.") % {"title": title})
        return redirect("desk:resident_consents", pk=resident.pk)

    def form_invalid(self, form):
        self.log_view()
        return super().form_invalid(form)


class ConsentScanView(DeskMixin, View):
    """``/desk/consents/<pk>/scan/``: the scan of a signed paper consent form, for staff
    whose scope holds the resident (404 otherwise, or without a scan); an attachment
    (``nosniff``, ``no-store``). Writes one ``download`` row (``"consent"``)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, pk):
        consents = Consent.objects.filter(person__in=self.residents()).exclude(paper_scan="")
        consent = get_object_or_404(consents.select_related("person"), pk=pk)
        try:
            opened = consent_scan_open(consent)
        except FileNotFoundError:
            raise Http404(_("동의서 스캔 파일이 없습니다.")) from None
        self.log_access(AccessAction.DOWNLOAD, consent.person, detail="consent")
        return file_download(opened)


class GuardianDocumentView(DeskMixin, View):
    """``/desk/residents/<pk>/guardian-document/``: the guardian's consent document of a
    resident aged 15–17 (``SeekerProfile.guardian_document``, private storage), for staff
    whose scope holds the resident (404 otherwise, or without a document or its file); an
    attachment (``nosniff``, ``no-store``) as a consent scan is sent. Writes one
    ``download`` row (``"guardian_document"``)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, pk):
        resident = self.get_resident()
        try:
            opened = guardian_document_open(resident)
        except FileNotFoundError:
            raise Http404(_("보호자 동의서 파일이 없습니다.")) from None
        self.log_access(AccessAction.DOWNLOAD, resident, detail="guardian_document")
        return file_download(opened)


class ResidentTransferView(DistrictDeskMixin, ResidentPageMixin, FormView):
    """``/desk/residents/<pk>/transfer/``: district staff move a record to another centre
    (other centres see only a masked hint and ask them). Centre staff get 403."""

    template_name = "jobs/desk/transfer.html"
    form_class = TransferForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resident": self.get_resident()}

    def get(self, request, *args, **kwargs):
        self.log_view()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        resident = self.get_resident()
        centre = form.cleaned_data["centre"]
        try:
            resident_transfer(profile=resident, centre=centre, staff=self.request.user, ip=client_ip(self.request))
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s 님의 기록을 %(centre)s(으)로 옮겼습니다.") % {"name": resident.name, "centre": centre},
        )
        return redirect("desk:resident_detail", pk=resident.pk)

    def form_invalid(self, form):
        self.log_view()
        return super().form_invalid(form)


urlpatterns = [
    path("residents/new/", ResidentRegisterView.as_view(), name="resident_register"),
    path("residents/<int:pk>/edit/", ResidentEditView.as_view(), name="resident_edit"),
    path("residents/<int:pk>/consents/", ResidentConsentsView.as_view(), name="resident_consents"),
    path(
        "residents/<int:pk>/consents/<str:purpose>/withdraw/",
        ConsentWithdrawView.as_view(),
        name="resident_consent_withdraw",
    ),
    path("residents/<int:pk>/guardian-document/", GuardianDocumentView.as_view(), name="guardian_document"),
    path("residents/<int:pk>/transfer/", ResidentTransferView.as_view(), name="resident_transfer"),
    path("consents/<int:pk>/scan/", ConsentScanView.as_view(), name="consent_scan"),
]
