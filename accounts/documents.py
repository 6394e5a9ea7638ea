"""What kind of document a file really is, judged by its content, never by its name
(issue 4: résumés are PDF, DOCX, HWP or HWPX only; a real PDF named ``.exe`` is a PDF, an
``.exe`` named ``.pdf`` is not).

* PDF: starts with ``%PDF-`` (ISO 32000-1 §7.5.2), is at least 64 bytes long and has the
  end-of-file marker ``%%EOF`` in its last 1 KB (§7.5.5). Readers tolerate junk before the
  header, we do not: a file that starts as something else (an ``MZ`` program) is not a PDF;
  nor is a header alone, or a truncated upload.
* HWP 5: an OLE2 compound file (signature ``D0 CF 11 E0 A1 B1 1A E1``) with a ``FileHeader``
  stream that starts with ``HWP Document File`` (한글 문서 파일 구조 5.0 §3.2), read with
  ``olefile``.
* DOCX: a ZIP holding ``[Content_Types].xml`` and ``word/document.xml`` (ECMA-376 Part 2).
* HWPX: a ZIP whose ``mimetype`` entry reads ``application/hwp+zip`` (KS X 6101 / OWPML).

Nothing is extracted: the entry count in the ZIP's end-of-central-directory record is
checked first (at most :data:`MAX_ZIP_ENTRIES`; a ZIP claiming more is refused without
listing anything), then the entries are listed from the central directory and only the small
``mimetype`` entry is read, with a bound. Malformed files are "not a document", never an
exception.
"""

import struct
import zipfile

import olefile

PDF = "pdf"
DOCX = "docx"
HWP = "hwp"
HWPX = "hwpx"

#: Formats accepted for résumés, and the content type each is served with.
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    HWP: "application/x-hwp",
    HWPX: "application/hwp+zip",
}
#: Names shown to people.
FORMAT_LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", HWP: "한글 (HWP)", HWPX: "한글 (HWPX)"}

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
HWP_SIGNATURE = b"HWP Document File"
HWPX_MIMETYPE = b"application/hwp+zip"
PDF_SIGNATURE = b"%PDF-"
PDF_EOF = b"%%EOF"
#: The smallest file taken for a PDF, and how much of its end must hold ``%%EOF``.
MIN_PDF_BYTES = 64
PDF_EOF_WINDOW = 1024
ZIP_END_SIGNATURE = b"PK\x05\x06"
ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
ZIP64_END_SIGNATURE = b"PK\x06\x06"
#: The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
ZIP_END_MIN, ZIP_COMMENT_MAX = 22, 65_535
#: Bounds on what is read from a ZIP: its entry count and the ``mimetype`` entry's size.
MAX_ZIP_ENTRIES = 10_000
MAX_MIMETYPE_BYTES = 100


def detect_document_format(file) -> str | None:
    """The format of ``file`` (a binary file object with ``read``/``seek``/``tell``, e.g. an
    ``UploadedFile``): ``"pdf"``, ``"docx"``, ``"hwp"``, ``"hwpx"``, or ``None`` for anything
    else (including empty, truncated or malformed files). Leaves the position at 0."""
    try:
        file.seek(0)
        head = file.read(16)
        if not head:
            return None
        if head.startswith(OLE_SIGNATURE):
            return HWP if _is_hwp(file) else None
        if head.startswith(ZIP_SIGNATURE):
            return _zip_format(file)
        if head.startswith(PDF_SIGNATURE):
            return PDF if _is_complete_pdf(file) else None
        return None
    finally:
        file.seek(0)


def _size(file) -> int:
    file.seek(0, 2)
    return file.tell()


def _is_complete_pdf(file) -> bool:
    """At least :data:`MIN_PDF_BYTES` long with ``%%EOF`` in the last :data:`PDF_EOF_WINDOW`
    bytes (the header was checked by the caller)."""
    size = _size(file)
    if size < MIN_PDF_BYTES:
        return False
    file.seek(max(0, size - PDF_EOF_WINDOW))
    return PDF_EOF in file.read(PDF_EOF_WINDOW)


def zip_entry_count(file) -> int | None:
    """The number of entries a ZIP's end-of-central-directory record declares (the ZIP64
    record's when the classic one says 0xFFFF and a ZIP64 locator precedes it), read from
    the end of ``file`` without listing anything; ``None`` when there is no such record."""
    size = _size(file)
    tail_length = min(size, ZIP_END_MIN + ZIP_COMMENT_MAX)
    file.seek(size - tail_length)
    tail = file.read(tail_length)
    at = tail.rfind(ZIP_END_SIGNATURE)
    if at < 0 or at + ZIP_END_MIN > len(tail):
        return None
    (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == ZIP64_LOCATOR_SIGNATURE:
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        file.seek(offset)
        record = file.read(56)
        if len(record) == 56 and record[:4] == ZIP64_END_SIGNATURE:
            (count,) = struct.unpack("<Q", record[32:40])
    return count


def _is_hwp(file) -> bool:
    """An OLE2 compound file with a ``FileHeader`` stream starting ``HWP Document File``."""
    file.seek(0)
    try:
        ole = olefile.OleFileIO(file)
    except Exception:  # olefile raises OSError, struct.error, IndexError… on malformed files
        return False
    try:
        if not ole.exists("FileHeader") or ole.get_type("FileHeader") != olefile.STGTY_STREAM:
            return False
        with ole.openstream("FileHeader") as stream:
            return stream.read(len(HWP_SIGNATURE)) == HWP_SIGNATURE
    except Exception:
        return False
    finally:
        ole.close()


def _zip_format(file) -> str | None:
    """``"hwpx"`` or ``"docx"`` for a ZIP that is one of them, else ``None``. A ZIP that
    declares more than :data:`MAX_ZIP_ENTRIES` entries is refused before anything is listed."""
    try:
        count = zip_entry_count(file)
        if count is None or count > MAX_ZIP_ENTRIES:
            return None
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
            mimetype = next((info for info in infos if info.filename == "mimetype"), None)
            if mimetype is not None and mimetype.file_size <= MAX_MIMETYPE_BYTES:
                with archive.open(mimetype) as entry:
                    if entry.read(MAX_MIMETYPE_BYTES).strip() == HWPX_MIMETYPE:
                        return HWPX
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError, struct.error):
        # NotImplementedError: an unsupported compression method; others: truncated or corrupt
        return None
    return None
