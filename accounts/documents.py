"""What kind of document a file really is, judged by its content, never by its name
(issue 4: résumés are PDF, DOCX, HWP or HWPX only; a real PDF named ``.exe`` is a PDF, an
``.exe`` named ``.pdf`` is not).

* PDF: starts with ``%PDF-`` (ISO 32000-1 §7.5.2). Readers tolerate junk before it, we do
  not: a file that starts as something else (an ``MZ`` program) is not a PDF.
* HWP 5: an OLE2 compound file (signature ``D0 CF 11 E0 A1 B1 1A E1``) with a ``FileHeader``
  stream that starts with ``HWP Document File`` (한글 문서 파일 구조 5.0 §3.2), read with
  ``olefile``.
* DOCX: a ZIP holding ``[Content_Types].xml`` and ``word/document.xml`` (ECMA-376 Part 2).
* HWPX: a ZIP whose ``mimetype`` entry reads ``application/hwp+zip`` (KS X 6101 / OWPML).

Nothing is extracted: ZIP entries are listed from the central directory and only the small
``mimetype`` entry is read, with a bound. Malformed files are "not a document", never an
exception.
"""

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
            return PDF
        return None
    finally:
        file.seek(0)


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
    """``"hwpx"`` or ``"docx"`` for a ZIP that is one of them, else ``None``."""
    file.seek(0)
    try:
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
        # NotImplementedError: an unsupported compression method; others: truncated or corrupt
        return None
    return None
