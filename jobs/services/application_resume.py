"""The résumé file sent with an application: a copy of the seeker's résumé as it was when the
application was made (issue 4 item 5, "a snapshot of the profile as it was sent"; review of
issue 4: the employer used to download the seeker's *current* file, so a résumé uploaded
later for other employers reached this one too).

* :func:`application_resume_attach` copies the file into the private storage
  (``accounts.storage.private_storage``, ``applications/<32 hex>.<ext>``) when the
  application is made with the provision consent (``application_submit``);
* :func:`application_resume_open` opens that copy for the employer's download;
* :func:`application_resume_files` lists the copies of a seeker's applications, which
  erasure deletes (``jobs.signals``).

A later replacement or deletion of the profile's résumé leaves the copies alone."""

import logging

from django.core.files import File
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts import documents
from accounts.models import SeekerProfile
from accounts.services import ResumeNotFound, resume_open

from ..models import Application

logger = logging.getLogger(__name__)


def application_resume_attach(*, application: Application, seeker: SeekerProfile) -> bool:
    """Copy ``seeker``'s current résumé file for ``application`` (a saved row): sets
    ``resume`` (the copy's name in the private storage), ``resume_name`` (the display name)
    and ``resume_format`` on the row and on ``application``. Returns True when a copy was
    made; False when the seeker has no résumé, or its file is missing from storage (logged;
    the employer then sees that no file came with the application).

    The copy is written at once; if saving the row fails it is deleted and the error
    raised. Call it only when the seeker consented to provide their data to the employer."""
    try:
        handle, filename, _content_type = resume_open(seeker)
    except ResumeNotFound:
        if seeker.resume:
            logger.warning("résumé file of seeker %s is missing; application %s has none", seeker.pk, application.pk)
        return False
    field = application._meta.get_field("resume")
    file_format = seeker.resume_format or seeker.resume.name.rsplit(".", 1)[-1]
    with handle:
        name = field.storage.save(field.generate_filename(application, f"resume.{file_format}"), File(handle))
    try:
        Application.objects.filter(pk=application.pk).update(
            resume=name, resume_name=filename, resume_format=file_format
        )
    except Exception:
        field.storage.delete(name)
        raise
    application.resume.name = name
    application.resume_name, application.resume_format = filename, file_format
    return True


def application_resume_open(application: Application):
    """Open the résumé copy sent with ``application``. Returns ``(file, filename,
    content_type)`` like ``accounts.services.resume_open`` (the caller closes the file;
    ``FileResponse`` does). Checks nothing about who asks. Raises ``ResumeNotFound`` when no
    copy was sent or its file is missing."""
    if not application.resume:
        raise ResumeNotFound(application.pk)
    try:
        handle = application.resume.storage.open(application.resume.name, "rb")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise ResumeNotFound(application.pk) from exc
    file_format = application.resume_format or application.resume.name.rsplit(".", 1)[-1]
    filename = application.resume_name or f"{_('이력서')}.{file_format}"
    return handle, filename, documents.CONTENT_TYPES.get(file_format, "application/octet-stream")


def application_resume_files(applications: QuerySet) -> list[tuple]:
    """``(storage, name)`` of the résumé copies kept with ``applications`` (for deletion)."""
    storage = Application._meta.get_field("resume").storage
    return [(storage, name) for name in applications.exclude(resume="").values_list("resume", flat=True)]
