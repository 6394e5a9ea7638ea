"""Private file storage: résumés, guardian consent documents and consent scans are kept
outside the public media path (``settings.PRIVATE_MEDIA_ROOT``), under random names, and are
served only through views that check who is asking (never by URL)."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """File storage under ``settings.PRIVATE_MEDIA_ROOT``, read at each use (so tests can
    point the setting at a temporary folder). It has no URL: files are served only by views
    that check who asks."""

    def __init__(self):
        super().__init__(base_url=None)

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


def consent_scan_upload_to(instance, filename: str) -> str:
    """``upload_to`` of scanned paper consent forms: ``consents/<random>.<ext>``."""
    return _random_name("consents", filename)
