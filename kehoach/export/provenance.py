"""How kehoach marks the files it makes, and recognises them later.

A render replaces an existing output only when kehoach made it (an earlier render of the same
plan); anything else in the folder (a signed scan named like the plan, photos, a hand-made
Word file) is the user's and is never touched without ``--force``. The marks are ordinary
metadata each format has a place for:

* .docx: ``docProps/app.xml`` names kehoach as the application (earlier versions of kehoach
  wrote "kehoach" into the core description instead; both count);
* .pdf: the document information dictionary's ``/Creator``, set by an incremental update
  appended to LibreOffice's output (the bytes LibreOffice wrote stay as they were);
* .png: a ``tEXt`` chunk ``Software``, as image editors write it.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from kehoach.version import APPLICATION, __version__

CREATOR = f"{APPLICATION} {__version__}"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEY = b"Software"
_PDF_TAIL = 4096  # the stamp is the last thing in the file
_PDF_MARK = f"/Creator ({APPLICATION}".encode("ascii")
_DOCX_PART_LIMIT = 1 << 20  # docProps are a few hundred bytes; never inflate more


def made_by_kehoach(path: Path) -> bool:
    """True when ``path`` is a file kehoach wrote (any version), judged by its mark only."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return _docx_marked(path)
        if suffix == ".pdf":
            with path.open("rb") as handle:
                size = handle.seek(0, 2)
                handle.seek(max(0, size - _PDF_TAIL))
                return _PDF_MARK in handle.read()
        if suffix == ".png":
            with path.open("rb") as handle:
                return _png_marked(handle.read(1 << 16))
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return False


def _docx_marked(path: Path) -> bool:
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        for part, pattern in (
            ("docProps/app.xml", rb"<Application>\s*kehoach\b"),
            ("docProps/core.xml", rb"<dc:description>[^<]*kehoach"),
        ):
            small = part in names and package.getinfo(part).file_size <= _DOCX_PART_LIMIT
            if small and re.search(pattern, package.read(part)):
                return True
    return False


# --- PNG ------------------------------------------------------------------------------------


def _png_chunks(data: bytes):  # type: ignore[no-untyped-def]
    """(type, payload) of each complete chunk before the image data."""
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IDAT":
            return
        yield kind, data[offset + 8 : offset + 8 + length]
        offset += 12 + length


def _png_marked(data: bytes) -> bool:
    if not data.startswith(_PNG_SIGNATURE):
        return False
    prefix = _PNG_KEY + b"\0" + APPLICATION.encode("ascii")
    return any(kind == b"tEXt" and body.startswith(prefix) for kind, body in _png_chunks(data))


def stamp_png(data: bytes) -> bytes:
    """``data`` with a ``tEXt Software`` chunk naming kehoach right after the header."""
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    end_of_header = len(_PNG_SIGNATURE) + 12 + struct.unpack(">I", data[8:12])[0]
    body = b"tEXt" + _PNG_KEY + b"\0" + CREATOR.encode("ascii")
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return data[:end_of_header] + chunk + data[end_of_header:]


# --- PDF ------------------------------------------------------------------------------------

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)


def stamp_pdf(data: bytes) -> bytes:
    """``data`` plus an incremental update whose information dictionary names kehoach as
    /Creator (keeping the other entries). A PDF whose structure is not the classic
    cross-reference table LibreOffice writes is returned unchanged."""
    end = _STARTXREF.search(data[-1024:])
    trailers = _TRAILER.findall(data[-_PDF_TAIL * 4 :])
    if end is None or not trailers:
        return data
    trailer = trailers[-1]
    size = re.search(rb"/Size\s+(\d+)", trailer)
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer)
    info = re.search(rb"/Info\s+(\d+)\s+(\d+)\s+R", trailer)
    ids = re.search(rb"/ID\s*(\[[^\]]*\])", trailer)
    if size is None or root is None or info is None:
        return data
    number, generation = int(info.group(1)), int(info.group(2))
    old = re.search(
        rb"(?<!\d)%d\s+%d\s+obj\s*<<(.*?)>>\s*endobj" % (number, generation), data, re.S
    )
    entries = old.group(1) if old else b""
    entries = re.sub(rb"/Creator\s*(\([^)]*\)|<[0-9A-Fa-f\s]*>)", b"", entries)
    creator = b"/Creator (" + CREATOR.encode("ascii") + b")"
    obj = b"%d %d obj\n<<%s%s>>\nendobj\n" % (number, generation, creator, entries)
    base = len(data) + (0 if data.endswith(b"\n") else 1)
    head = data if data.endswith(b"\n") else data + b"\n"
    xref_at = base + len(obj)
    tail = b"xref\n%d 1\n%010d %05d n \ntrailer\n<</Size %s/Root %s/Info %d %d R%s/Prev %s>>\n" % (
        number,
        base,
        generation,
        size.group(1),
        root.group(1),
        number,
        generation,
        b"/ID " + ids.group(1) if ids else b"",
        end.group(1),
    )
    return head + obj + tail + b"startxref\n%d\n%%%%EOF\n" % xref_at
