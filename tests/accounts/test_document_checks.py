"""Stricter file checks (review of issue 4): a PDF must be at least 64 bytes and end with
``%%EOF`` in its last 1 KB; a ZIP declaring more than 10,000 entries is refused from its
end-of-central-directory record, before anything is listed; private files are written
readable by the server's user only (0600, folders 0700)."""

import io
import os
import stat
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import documents, services
from accounts.storage import private_storage
from tests.accounts import document_files as files
from tests.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db


def detect(data: bytes) -> str | None:
    return documents.detect_document_format(io.BytesIO(data))


# --- PDF ---------------------------------------------------------------------------------------


def test_a_complete_pdf_is_a_pdf():
    assert detect(files.PDF) == "pdf"
    assert detect(files.PDF + b"\r\n  \n") == "pdf"  # whitespace after the marker
    assert detect(files.PDF + b"x" * 1000) == "pdf"  # the marker within the last 1 KB


def test_a_pdf_without_the_end_marker_is_refused():
    truncated = files.PDF[: files.PDF.index(b"%%EOF")] + b"0" * 200
    assert detect(truncated) is None
    assert detect(files.PDF + b"x" * 1100) is None  # the marker before the last 1 KB


def test_a_tiny_pdf_is_refused():
    tiny = b"%PDF-1.4\n%%EOF\n"
    assert len(tiny) < documents.MIN_PDF_BYTES
    assert detect(tiny) is None


def test_the_upload_says_the_format_is_wrong():
    seeker = SeekerProfileFactory()
    with pytest.raises(ValidationError) as exc:
        services.resume_set(profile=seeker, upload=SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n" + b"1" * 100))
    assert exc.value.code == "format"


# --- ZIP ---------------------------------------------------------------------------------------


def many_entries_docx(entries: int) -> bytes:
    """A DOCX-looking ZIP with ``entries`` entries in all (tiny stored fillers)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        for n in range(entries - 2):
            archive.writestr(f"f/{n}", b"")
    return buffer.getvalue()


def test_zip_entry_count_reads_the_end_record():
    assert documents.zip_entry_count(io.BytesIO(files.docx())) == 3
    assert documents.zip_entry_count(io.BytesIO(b"PK\x03\x04 not really")) is None


def test_a_zip_with_more_than_10000_entries_is_refused_before_listing(monkeypatch):
    data = many_entries_docx(documents.MAX_ZIP_ENTRIES + 1)
    at_the_limit = many_entries_docx(documents.MAX_ZIP_ENTRIES)
    opened = []
    real = zipfile.ZipFile

    def spy(*args, **kwargs):
        opened.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(documents.zipfile, "ZipFile", spy)
    assert detect(data) is None
    assert opened == []  # refused from the end record alone
    assert detect(at_the_limit) == "docx"
    assert len(opened) == 1


def test_a_zip64_end_record_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", allowZip64=True) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
    data = buffer.getvalue()
    end = data.rindex(b"PK\x05\x06")
    # a ZIP64 end record and locator claiming 70,000 entries, and 0xFFFF in the classic record
    offset = end
    zip64_end = (
        b"PK\x06\x06"
        + (44).to_bytes(8, "little")
        + b"\x2d\x00\x2d\x00"
        + b"\x00" * 8
        + (70_000).to_bytes(8, "little") * 2
        + b"\x00" * 16
    )
    locator = b"PK\x06\x07" + b"\x00" * 4 + offset.to_bytes(8, "little") + (1).to_bytes(4, "little")
    classic = bytearray(data[end:])
    classic[8:12] = b"\xff\xff\xff\xff"
    forged = data[:end] + zip64_end + locator + bytes(classic)
    assert documents.zip_entry_count(io.BytesIO(forged)) == 70_000
    assert detect(forged) is None


# --- file modes --------------------------------------------------------------------------------


def test_private_files_are_readable_by_the_owner_only():
    seeker = SeekerProfileFactory()
    services.resume_set(profile=seeker, upload=SimpleUploadedFile("cv.pdf", files.PDF))
    path = private_storage().path(seeker.resume.name)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
