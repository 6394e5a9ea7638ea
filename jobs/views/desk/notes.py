"""Desk pages of counselling notes (상담 기록, issue 5 item 5): writing a note about a
resident and marking a follow-up done. The writes go through ``jobs.services.desk.notes``,
which checks the scope and writes the ``edit`` access-log row (detail ``"note"``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.models import AccessAction
from accounts.services import client_ip

from ...forms.desk_records import CounsellingNoteForm
from ...forms.moderation import add_service_errors
from ...models import CounsellingNote
from ...services.desk.notes import note_add, note_follow_up_done
from .base import DeskMixin


class NoteCreateView(DeskMixin, TemplateView):
    """``/desk/residents/<pk>/notes/new/``: the note form (GET) and writing it (POST,
    ``note_add``), then back to the record with a confirmation. The form page shows the
    resident's name, so GET and a refused POST write a ``view`` row (``"note_form"``); a
    written note writes the service's ``edit`` row. Another centre's resident is a 404."""

    template_name = "jobs/desk/note_form.html"

    def get(self, request, *args, **kwargs):
        return self.show(CounsellingNoteForm())

    def post(self, request, *args, **kwargs):
        resident = self.get_resident()
        form = CounsellingNoteForm(request.POST)
        if form.is_valid():
            try:
                note_add(seeker=resident, staff=request.user, ip=client_ip(request), **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("상담 기록을 저장했습니다."))
                return redirect("desk:resident_detail", pk=resident.pk)
        return self.show(form)

    def show(self, form):
        resident = self.get_resident()
        self.log_access(AccessAction.VIEW, resident, detail="note_form")
        return self.render_to_response(self.get_context_data(resident=resident, form=form))


class NoteDoneView(DeskMixin, View):
    """POST ``/desk/notes/<pk>/done/``: the note's follow-up is done (``note_follow_up_done``);
    it leaves the home's follow-up list. Goes back to the home when ``next=home``, else to
    the resident's record. A note of a resident out of scope is a 404."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        note = get_object_or_404(
            CounsellingNote.objects.select_related("seeker").filter(seeker__in=self.residents()), pk=kwargs["pk"]
        )
        try:
            done = note_follow_up_done(note=note, staff=request.user, ip=client_ip(request))
        except PermissionDenied:
            raise Http404 from None
        if done:
            messages.success(request, _("후속 연락을 마쳤다고 표시했습니다."))
        else:
            messages.info(request, _("이미 마친 후속 연락입니다."))
        if request.POST.get("next") == "home":
            return redirect("desk:home")
        return redirect("desk:resident_detail", pk=note.seeker_id)


urlpatterns = [
    path("residents/<int:pk>/notes/new/", NoteCreateView.as_view(), name="note_create"),
    path("notes/<int:pk>/done/", NoteDoneView.as_view(), name="note_done"),
]
