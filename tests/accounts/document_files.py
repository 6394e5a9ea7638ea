"""Small documents built in the tests (no binary fixtures): a PDF, a Windows program, a DOCX,
an HWPX, an HWP 5 (a minimal OLE2 compound file written byte by byte) and look-alikes."""

import io
import struct
import zipfile

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
#: The start of a Windows program (MZ header, "This program cannot be run in DOS mode").
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)


def zip_bytes(entries: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>이력서</w:t></w:r></w:p>'
            "</w:body></w:document>".encode(),
        }
    )


def hwpx() -> bytes:
    return zip_bytes(
        {
            "mimetype": b"application/hwp+zip",
            "META-INF/container.xml": b'<?xml version="1.0"?><container/>',
            "Contents/section0.xml": '<?xml version="1.0"?><hs:sec>이력서</hs:sec>'.encode(),
        },
        stored_first="mimetype",
    )


def plain_zip() -> bytes:
    return zip_bytes({"readme.txt": "압축 파일".encode(), "photo.jpg": b"\xff\xd8\xff\xe0"})


_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1 if kind else 0)
        + struct.pack("<III", _NOSTREAM, _NOSTREAM, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def ole(stream_name: str, data: bytes) -> bytes:
    """A version-3 OLE2 compound file (512-byte sectors) with one stream under 4096 bytes,
    kept in the mini stream: header, FAT sector, directory sector, MiniFAT sector, then the
    mini stream (the root entry's data)."""
    assert len(data) < 4096
    mini_sectors = max(1, -(-len(data) // 64))
    mini_stream = data.ljust(mini_sectors * 64, b"\0")
    container_sectors = -(-len(mini_stream) // 512)
    fat = [_FATSECT, _END, _END] + [*range(4, 3 + container_sectors), _END]
    fat += [_FREE] * (128 - len(fat))
    minifat = [*range(1, mini_sectors), _END] + [_FREE] * (128 - mini_sectors)
    directory = (
        _dir_entry("Root Entry", 5, 1, 3, len(mini_stream))
        + _dir_entry(stream_name, 2, _NOSTREAM, 0, len(data))
        + _dir_entry("", 0, _NOSTREAM, 0, 0) * 2
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 2, 1, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    body = (
        struct.pack("<128I", *fat)
        + directory
        + struct.pack("<128I", *minifat)
        + mini_stream.ljust(container_sectors * 512, b"\0")
    )
    return header + body


def hwp() -> bytes:
    """An HWP 5 document: an OLE2 file whose ``FileHeader`` stream (256 bytes) starts with
    the signature "HWP Document File" and a version (5.1.0.1)."""
    file_header = b"HWP Document File".ljust(32, b"\0") + struct.pack("<I", 0x05010001) + b"\0" * 220
    return ole("FileHeader", file_header)


def ole_not_hwp() -> bytes:
    """An OLE2 file that is not HWP (an old Word document's stream name)."""
    return ole("WordDocument", b"\xec\xa5" + b"\0" * 510)
