"""Résumé pages: the seeker uploads, replaces, deletes and downloads their own résumé; staff of
the seeker's registered centre and district staff download it with an access-log row.

Downloads are attachments with the detected format's content type, ``nosniff`` and
``no-store`` (a personal file is not kept in shared caches).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import services
from ..mixins import SeekerRequiredMixin
from ..profile_forms import ResumeUploadForm


def file_download(opened) -> FileResponse:
    """An attachment response for ``(file, filename, content_type)`` from ``resume_open``."""
    handle, filename, content_type = opened
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


class ResumeDownloadView(SeekerRequiredMixin, View):
    """``/accounts/profile/resume/``: the seeker's own résumé (404 when there is none)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        try:
            return file_download(services.resume_open(self.profile))
        except services.ResumeNotFound:
            raise Http404(gettext("올린 이력서가 없습니다.")) from None


class ResumeUploadView(SeekerRequiredMixin, FormView):
    """``/accounts/profile/resume/upload/``: upload a résumé, or replace the one there is."""

    template_name = "accounts/profile/resume_upload.html"
    form_class = ResumeUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)

    def form_valid(self, form):
        replacing = bool(self.profile.resume)
        try:
            services.resume_set(profile=self.profile, upload=form.cleaned_data["resume"])
        except ValidationError as exc:
            form.add_service_errors(exc)
            return self.form_invalid(form)
        if replacing:
            messages.success(self.request, gettext("이력서를 새 파일로 바꾸었습니다. 이전 파일은 지웠습니다."))
        else:
            messages.success(self.request, gettext("이력서를 올렸습니다."))
        return redirect("accounts:profile")


class ResumeDeleteView(SeekerRequiredMixin, TemplateView):
    """``/accounts/profile/resume/delete/``: GET asks to confirm, POST deletes the file."""

    template_name = "accounts/profile/resume_confirm_delete.html"

    def get(self, request, *args, **kwargs):
        if not self.profile.resume:
            messages.info(request, gettext("올린 이력서가 없습니다."))
            return redirect("accounts:profile")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)

    def post(self, request, *args, **kwargs):
        if services.resume_delete(profile=self.profile):
            messages.success(request, gettext("이력서 파일을 지웠습니다."))
        else:
            messages.info(request, gettext("올린 이력서가 없습니다."))
        return redirect("accounts:profile")


class StaffResumeDownloadView(LoginRequiredMixin, View):
    """``/accounts/people/<profile_id>/resume/``: a resident's résumé for staff of the centre
    that registered them and for district staff; writes an access-log row (download,
    "resume"). Anonymous → login. The URL names a person, so anyone else (another seeker, an
    employer member, staff of another centre) gets 404, as does a person without a résumé
    (issue 4: "seeker A cannot see seeker B's résumé: 404")."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, profile_id: int):
        profile = get_object_or_404(services.profiles_visible_to_staff(request.user), pk=profile_id)
        try:
            opened = services.resume_open_as_staff(profile=profile, staff=request.user, ip=services.client_ip(request))
        except services.ResumeNotFound:
            raise Http404(gettext("올린 이력서가 없습니다.")) from None
        return file_download(opened)


urlpatterns = [
    path("profile/resume/", ResumeDownloadView.as_view(), name="resume"),
    path("profile/resume/upload/", ResumeUploadView.as_view(), name="resume_upload"),
    path("profile/resume/delete/", ResumeDeleteView.as_view(), name="resume_delete"),
    path("people/<int:profile_id>/resume/", StaffResumeDownloadView.as_view(), name="staff_resume"),
]
