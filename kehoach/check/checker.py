"""Entry point: open a .docx, model it, locate components, run every rule family."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from kehoach.export.pdflayout import Page
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile

from .docmodel import DocModel
from .findings import Collector, Finding
from .locate import locate_all
from .pagebreaks import page_break_findings, pdf_pages
from .rules_body import check_body
from .rules_closing import check_closing
from .rules_header import check_header
from .rules_page import check_page_numbers, check_page_setup
from .rules_text import check_text
from .tables import check_tables


class UnreadableDocx(ValueError):
    """The file cannot be opened as a Word document; the message is Vietnamese."""


def _open(path: Path) -> docx.document.Document:
    if not path.exists():
        raise UnreadableDocx(f"Không tìm thấy tệp «{path}».")
    if path.is_dir():
        raise UnreadableDocx(f"«{path}» là thư mục, không phải tệp .docx.")
    if not zipfile.is_zipfile(path):
        hint = ""
        if path.suffix.lower() == ".doc":
            hint = " Tệp .doc (Word 97–2003) cần lưu lại thành .docx trước khi kiểm tra."
        raise UnreadableDocx(f"«{path.name}» không phải tệp .docx hợp lệ.{hint}")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        # The library's reason is English and technical; the clerk needs what to do.
        raise UnreadableDocx(
            f"Không đọc được «{path.name}» như một văn bản Word (.docx): tệp bị hỏng hoặc"
            " không phải do Word/LibreOffice lưu. Mở tệp bằng Word rồi lưu lại dạng .docx."
        ) from exc


def _read(path: Path) -> DocModel:
    document = _open(path)
    try:
        return DocModel(document)
    except Exception as exc:  # malformed XML inside an otherwise valid package
        raise UnreadableDocx(
            f"Cấu trúc tệp «{path.name}» bị lỗi; mở bằng Word rồi lưu lại dạng .docx."
        ) from exc


def check_docx(
    path: str | Path,
    profile: Profile = ND30,
    *,
    pdf: bool = False,
    pages: Sequence[Page] | None = None,
) -> list[Finding]:
    """Every violation of ``profile`` (the NĐ 30 rule book unless told) in the document at
    ``path``. Every layout fact a rule judges by comes from ``profile``.

    With ``pdf=True`` the document is also rendered through LibreOffice and a heading or
    lead-in left alone at the foot of a page is reported (NT-1); ``pages`` (from
    ``kehoach.export.pdflayout.read_pdf_layout``) gives an already rendered PDF instead.

    Raises ``UnreadableDocx`` (a ValueError with a Vietnamese message) when the file is
    not a readable .docx, and ``kehoach.export.pdf.ConversionError`` when ``pdf=True`` and
    LibreOffice is missing or fails.
    """
    model = _read(Path(path))
    layouts = locate_all(model, profile)
    c = Collector()
    check_page_setup(model, c, profile)
    check_page_numbers(model, layouts, c, profile)
    check_text(model, c, profile)
    for layout in layouts:  # a Quyết định and the plan it issues are judged each by its type
        check_header(model, layout, c, profile)
        check_body(layout, c, profile)
        check_closing(model, layout, c, profile)
        check_tables(model, layout, c, profile)
    if pages is None and pdf:
        pages = pdf_pages([Path(path)])[0]
    if pages is not None:
        c.findings.extend(page_break_findings(model, layouts, pages, profile))
    return c.finish()


def check_page_breaks(
    path: str | Path,
    profile: Profile = ND30,
    *,
    pages: Sequence[Page] | None = None,
    soffice: str | None = None,
) -> list[Finding]:
    """Only NT-1: headings and lead-ins alone at the foot of a page of the document at
    ``path``, as LibreOffice paginates it (or as ``pages`` show). Raises
    ``UnreadableDocx`` or ``ConversionError`` like ``check_docx``."""
    model = _read(Path(path))
    layouts = locate_all(model, profile)
    if pages is None:
        pages = pdf_pages([Path(path)], soffice=soffice)[0]
    return page_break_findings(model, layouts, pages, profile)
