"""Private file storage: résumés, guardian consent documents and consent scans are kept
outside the public media path (``settings.PRIVATE_MEDIA_ROOT``), under random names, and are
served only through views that check who is asking (never by URL). Files are written
readable by the server's user only (mode ``0600``, folders ``0700``), whatever the umask."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class PrivateStorage(FileSystemStorage):
    """File storage under ``settings.PRIVATE_MEDIA_ROOT``, read at each use (so tests can
    point the setting at a temporary folder). It has no URL: files are served only by views
    that check who asks. Files are created with mode ``0600`` and folders with ``0700``."""

    #: Owner read/write only: other accounts on the host cannot read personal files.
    FILE_MODE = 0o600
    DIRECTORY_MODE = 0o700

    def __init__(self):
        super().__init__(
            base_url=None, file_permissions_mode=self.FILE_MODE, directory_permissions_mode=self.DIRECTORY_MODE
        )

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("개인 파일에는 공개 주소가 없습니다.")


def private_storage() -> PrivateStorage:
    """The storage of personal files (résumés, guardian documents, consent scans)."""
    return PrivateStorage()


def private_file_label(file, display_name: str = "") -> str:
    """What a page without a download (the Django admin) shows of a private file
    (``FieldFile``): ``display_name`` (or "파일 있음") and the size, e.g. ``"내 이력서.pdf
    (15.2 KB)"``; "파일 없음" when there is none, and "(파일이 저장소에 없습니다)" instead of
    the size when it is missing. Never a link or the stored path: private files have no URL
    (:meth:`PrivateStorage.url` raises)."""
    if not file:
        return _("파일 없음")
    label = display_name or _("파일 있음")
    try:
        size = file.storage.size(file.name)
    except OSError:
        return f"{label} ({_('파일이 저장소에 없습니다')})"
    return f"{label} ({filesizeformat(size)})"


def _random_name(folder: str, filename: str) -> str:
    """``<folder>/<32 hex chars>.<ext>``, where ``ext`` is the one the caller set on the file
    (judged from its content, never taken from the uploaded name)."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{secrets.token_hex(16)}.{ext}"


def resume_upload_to(instance, filename: str) -> str:
    """``upload_to`` of résumé files: ``resumes/<random>.<ext>``."""
    return _random_name("resumes", filename)


def guardian_document_upload_to(instance, filename: str) -> str:
    """``upload_to`` of guardian consent documents (ages 15–17): ``guardian/<random>.<ext>``."""
    return _random_name("guardian", filename)


def application_resume_upload_to(instance, filename: str) -> str:
    """``upload_to`` of the résumé copies kept with applications (the file as it was sent,
    ``jobs.Application.resume``): ``applications/<random>.<ext>``."""
    return _random_name("applications", filename)


def consent_scan_upload_to(instance, filename: str) -> str:
    """``upload_to`` of scanned paper consent forms: ``consents/<random>.<ext>``."""
    return _random_name("consents", filename)
