"""Applying online (``/jobs/<pk>/apply/``) and saving a posting (``/jobs/<pk>/save/``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from accounts.choices import ConsentPurpose
from accounts.consent_texts import CONSENT_TEXTS
from accounts.services import consent_active

from ...forms.applications import ApplyForm
from ...forms.moderation import add_service_errors
from ...models import Application, JobPosting, SavedPosting
from ...services import application_apply, profile_snapshot, saved_posting_toggle
from ...services.applications import online_application_refusal
from ..application_display import snapshot_display
from ..public import public_posting
from .access import SeekerRequiredMixin


class ApplyView(SeekerRequiredMixin, FormView):
    """``/jobs/<pk>/apply/``: the apply form of an open posting that takes online applications
    (404 for postings the public may not see). It shows what will be sent (the profile
    snapshot as it would be made now), an optional message, the provision-consent text and
    checkbox when the seeker has no active provision consent, and the "share my priority
    groups" box when the seeker has the sensitive-data consent and declared groups.

    A posting that cannot be applied to (closed, external, not online) sends the seeker back
    to its page with the reason; one already applied to, to the application. A refused POST
    (e.g. closed in the meantime) shows the form again with the service's message."""

    template_name = "jobs/seeker/apply.html"
    form_class = ApplyForm

    def dispatch(self, request, *args, **kwargs):
        self.posting = public_posting(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        early = self.refused_response()
        return early or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        early = self.refused_response()
        return early or super().post(request, *args, **kwargs)

    def refused_response(self):
        existing = Application.objects.filter(seeker=self.profile, posting=self.posting).first()
        if existing is not None:
            messages.info(self.request, _("이미 지원한 공고입니다. 지원 내역을 보여 드립니다."))
            return redirect("seeker:application_detail", pk=existing.pk)
        refusal = online_application_refusal(seeker=self.profile, posting=self.posting)
        if refusal is not None:
            for text in refusal.messages:
                messages.error(self.request, text)
            return redirect(self.posting.get_absolute_url())
        return None

    @property
    def needs_consent(self) -> bool:
        return consent_active(person=self.profile, purpose=ConsentPurpose.PROVISION) is None

    @property
    def can_share_groups(self) -> bool:
        return bool(self.profile.declared_groups) and (
            consent_active(person=self.profile, purpose=ConsentPurpose.SENSITIVE) is not None
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(needs_consent=self.needs_consent, can_share_groups=self.can_share_groups)
        return kwargs

    def form_valid(self, form):
        try:
            application = application_apply(
                seeker=self.profile,
                posting=self.posting,
                by=self.request.user,
                message=form.cleaned_data.get("message", ""),
                share_declared_groups=form.cleaned_data.get("share_declared_groups", False),
                give_provision_consent=form.cleaned_data.get("provision_consent", False),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "지원했습니다. 기업이 지원서를 열어 보거나 상태를 바꾸면 알려 드립니다. "
                "진행 상황은 마이페이지에서 볼 수 있습니다."
            ),
        )
        return redirect("seeker:application_detail", pk=application.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        preview = profile_snapshot(self.profile)
        ctx.update(
            posting=self.posting,
            consent_text=CONSENT_TEXTS[ConsentPurpose.PROVISION] if self.needs_consent else None,
            preview=snapshot_display(preview),
            missing_contact=not (preview["phone"] or preview["email"]),
        )
        return ctx


class SavePostingView(SeekerRequiredMixin, View):
    """POST ``/jobs/<pk>/save/``: save the posting to the seeker's 관심 공고, or remove it
    when saved (``saved_posting_toggle``), then go back to ``next`` (a local address) or the
    posting. Postings the public may not see are 404 unless the seeker saved them earlier
    (they can still be removed)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        saved_ids = SavedPosting.objects.filter(seeker=self.profile).values("posting_id")
        posting = get_object_or_404(
            JobPosting.objects.filter(Q(pk__in=JobPosting.objects.public().values("pk")) | Q(pk__in=saved_ids)),
            pk=kwargs["pk"],
        )
        try:
            saved = saved_posting_toggle(seeker=self.profile, posting=posting)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            if saved:
                messages.success(request, _("관심 공고에 저장했습니다. 마이페이지에서 모아 볼 수 있습니다."))
            else:
                messages.success(request, _("관심 공고에서 뺐습니다."))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
            target = posting.get_absolute_url()
        return redirect(target)
