"""The seeker's résumé file (issue 4 item 4; DESIGN.md "Privacy").

A résumé is PDF, DOCX, HWP or HWPX, judged by content (``accounts.documents``), at most
``settings.NJ_MAX_UPLOAD_BYTES`` (10 MB). It is stored in ``accounts.storage.private_storage``
(outside MEDIA_ROOT, no URL) under a random name with the extension of the detected format;
the uploaded name is kept only as a tidy display name whose extension is that format's.
Replacing or deleting removes the old file once the database change has committed; both
count as activity (``last_activity_at``, the retention period). An application keeps its own
copy of the file as it was sent (``jobs``), so a later replacement never reaches an employer
the seeker applied to before.

It is served only by views that check who asks: the seeker, and staff of the seeker's
registered centre or the district job centre (each staff download writes an access-log row).
Employers get the application's copy (``jobs``), never this file.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.text import tidy_text

from .. import documents
from ..models import AccessAction, SeekerProfile, User
from ..storage import private_storage
from .access_log import access_log_write

#: Longest display name kept (the model's ``resume_name``).
MAX_DISPLAY_NAME = 120


class ResumeNotFound(LookupError):
    """The profile has no résumé, or its file is missing from the private storage."""


def resume_display_name(original: str, file_format: str) -> str:
    """The name shown and offered on download for an uploaded ``original`` name: the last
    path part only, NFC, without control or zero-width characters or the characters that are
    unsafe in file names (``<>:"/\\|?*``), and with the extension of the detected
    ``file_format`` (``"내 이력서.exe"`` judged PDF → ``"내 이력서.pdf"``). ``"이력서.<ext>"``
    when nothing is left."""
    name = unicodedata.normalize("NFC", original or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r'[<>:"|?*]', "_", tidy_text(name, multiline=False))
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .") or _("이력서")
    return f"{stem[: MAX_DISPLAY_NAME - len(file_format) - 1]}.{file_format}"


def _size_mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}MB"


def resume_check(*, upload) -> str:
    """Check an uploaded file (``UploadedFile`` or any binary file object with ``name``,
    ``size``, ``read``, ``seek``) and return its format (``"pdf"``, ``"docx"``, ``"hwp"``,
    ``"hwpx"``). Raises ``ValidationError`` with a Korean message: code ``empty``,
    ``too_large`` (over ``settings.NJ_MAX_UPLOAD_BYTES``) or ``format`` (anything else, whatever
    its name says)."""
    limit = settings.NJ_MAX_UPLOAD_BYTES
    size = upload.size
    if not size:
        raise ValidationError(_("빈 파일입니다. 이력서 파일을 다시 골라 주세요."), code="empty")
    if size > limit:
        raise ValidationError(
            _("파일이 너무 큽니다 (%(size)s). %(limit)s 이하의 파일만 올릴 수 있습니다.")
            % {"size": _size_mb(size), "limit": _size_mb(limit)},
            code="too_large",
        )
    file_format = documents.detect_document_format(upload)
    if file_format is None:
        raise ValidationError(
            _(
                "이력서는 PDF, 워드(DOCX), 한글(HWP, HWPX) 파일만 올릴 수 있습니다. 파일 이름이 아니라 "
                "내용으로 확인하므로, 다른 형식의 파일은 이름을 바꾸어도 올릴 수 없습니다. 한글이나 워드에서 "
                "'다른 이름으로 저장'으로 PDF를 만들어 올려 주세요."
            ),
            code="format",
        )
    return file_format


def _delete_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: private_storage().delete(name))


def resume_set(*, profile: SeekerProfile, upload) -> None:
    """Store ``upload`` as ``profile``'s résumé (checked by :func:`resume_check`), replacing
    any previous one, whose file is deleted after commit. Sets ``resume`` (``resumes/<32 hex>.<fmt>``
    in the private storage), ``resume_name`` (:func:`resume_display_name`), ``resume_format``,
    ``resume_size`` (bytes) and ``resume_uploaded_at``, on the row and on ``profile``.

    Raises ``ValidationError`` (Korean message; codes ``empty``, ``too_large``, ``format``,
    ``erased``); nothing is stored then.
    """
    file_format = resume_check(upload=upload)
    storage = private_storage()
    with transaction.atomic():
        locked = SeekerProfile.objects.select_for_update().get(pk=profile.pk)
        if locked.erased_at is not None:
            raise ValidationError(_("삭제된 구직자 정보입니다."), code="erased")
        old_name = locked.resume.name
        upload.seek(0)
        content = upload if isinstance(upload, File) else File(upload)
        new_name = storage.save(locked.resume.field.generate_filename(locked, f"resume.{file_format}"), content)
        try:
            now = timezone.now()
            values = {
                "resume": new_name,
                "resume_name": resume_display_name(getattr(upload, "name", ""), file_format),
                "resume_format": file_format,
                "resume_size": upload.size,
                "resume_uploaded_at": now,
                "last_activity_at": now,
            }
            SeekerProfile.objects.filter(pk=profile.pk).update(updated_at=now, **values)
        except Exception:
            storage.delete(new_name)
            raise
        if old_name and old_name != new_name:
            _delete_file_on_commit(old_name)
    for field, value in values.items():
        setattr(profile, field, value)


def resume_delete(*, profile: SeekerProfile) -> bool:
    """Remove ``profile``'s résumé: blanks the résumé fields (row and ``profile``) and deletes
    the file after commit; a deletion counts as activity (``last_activity_at``). Copies
    already sent with applications (``jobs.Application.resume``) stay with those
    applications. Returns True if there was one."""
    with transaction.atomic():
        locked = SeekerProfile.objects.select_for_update().get(pk=profile.pk)
        old_name = locked.resume.name
        values = {"resume": "", "resume_name": "", "resume_format": "", "resume_size": None, "resume_uploaded_at": None}
        if old_name:
            values["last_activity_at"] = timezone.now()
        SeekerProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now(), **values)
        _delete_file_on_commit(old_name)
    for field, value in values.items():
        setattr(profile, field, value)
    return bool(old_name)


def resume_open(profile: SeekerProfile):
    """Open ``profile``'s résumé for sending. Returns ``(file, filename, content_type)``: an
    open binary file (the caller closes it; ``FileResponse`` does), the display name to offer
    (e.g. ``"홍길동 이력서.pdf"``) and the content type of the detected format.

    Checks nothing about who asks: call it only after that check (the owner, ``jobs`` making
    an application's copy, or :func:`resume_open_as_staff`). Raises :class:`ResumeNotFound` when
    there is no résumé (or the profile is erased) or its file is missing.
    """
    name = profile.resume.name if profile.resume else ""
    if not name or profile.erased_at is not None:
        raise ResumeNotFound(profile.pk)
    try:
        handle = private_storage().open(name, "rb")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise ResumeNotFound(profile.pk) from exc
    file_format = profile.resume_format or name.rsplit(".", 1)[-1]
    filename = profile.resume_name or f"{_('이력서')}.{file_format}"
    content_type = documents.CONTENT_TYPES.get(file_format, "application/octet-stream")
    return handle, filename, content_type


def profiles_visible_to_staff(staff: User) -> QuerySet:
    """Seeker profiles (not erased) whose records ``staff`` may open: every one for district
    staff, those registered by their own centre for centre staff, none for anyone else
    (DESIGN.md "People and roles": a resident belongs to the centre that registered them)."""
    profiles = SeekerProfile.objects.filter(erased_at__isnull=True)
    centre = getattr(staff, "staff_centre", None) if getattr(staff, "is_authenticated", False) else None
    if centre is None:
        return profiles.none()
    if centre.is_district:
        return profiles
    return profiles.filter(registered_centre=centre)


def resume_open_as_staff(*, profile: SeekerProfile, staff: User, ip: str | None = None):
    """:func:`resume_open` for a staff member, writing an access-log row (action
    ``download``, detail ``"resume"``, the client ``ip``) when the file is opened. The
    caller has checked ``profile`` is in :func:`profiles_visible_to_staff`. Returns and
    raises like :func:`resume_open`."""
    opened = resume_open(profile)
    access_log_write(staff=staff, action=AccessAction.DOWNLOAD, person=profile, ip=ip, detail="resume")
    return opened
