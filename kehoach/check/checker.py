"""Entry point: open a .docx, model it, recognise its layout law, locate components, run
every rule family."""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from kehoach.export.pdflayout import Page
from kehoach.law.profile import Profile
from kehoach.law.profiles import DEFAULT, PROFILES

from .docmodel import DocModel
from .findings import Collector, Finding, Findings
from .locate import locate_all
from .pagebreaks import at_page_foot, page_break_findings, pdf_pages
from .recognise import Recognition, check_mixed, recognise
from .rules_appendix import check_appendices
from .rules_body import check_body
from .rules_closing import check_closing
from .rules_header import check_header
from .rules_page import check_page_numbers, check_page_setup
from .rules_text import check_text
from .tables import check_tables


class UnreadableDocx(ValueError):
    """The file cannot be opened as a Word document; the message is Vietnamese."""


# A Word document of a plan is tens of kilobytes; these bounds refuse a zip bomb before
# anything is inflated (hostile input, issue 11).
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024  # one part, inflated
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts, inflated
MAX_RATIO = 200  # inflated / compressed, for a part over 1 MB


def _bounded(path: Path) -> None:
    """Refuse what is not a regular file of sane size, or a package that inflates far
    beyond its size (each part's declared size is read from the zip's directory, and zipfile
    stops at the declared size when inflating)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableDocx(
            f"«{path}» không phải một tệp thường (đường ống, thiết bị…), không đọc được."
        )
    if info.st_size > MAX_DOCX_BYTES:
        raise UnreadableDocx(
            f"«{path.name}» quá lớn ({info.st_size // (1024 * 1024)} MB; tối đa"
            f" {MAX_DOCX_BYTES // (1024 * 1024)} MB) cho một văn bản kế hoạch."
        )
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # is_zipfile/docx below word the refusal
    total = sum(p.file_size for p in parts)
    for part in parts:
        big = part.file_size > 1024 * 1024
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_PART_BYTES or (big and ratio > MAX_RATIO):
            raise UnreadableDocx(
                f"«{path.name}» có phần «{part.filename}» giải nén ra"
                f" {part.file_size // (1024 * 1024)} MB, bất thường với một văn bản Word (tệp"
                " bị hỏng hoặc cố ý làm tràn bộ nhớ); không kiểm tra."
            )
    if total > MAX_TOTAL_BYTES:
        raise UnreadableDocx(
            f"«{path.name}» giải nén ra {total // (1024 * 1024)} MB, bất thường với một văn"
            " bản Word; không kiểm tra."
        )


def _open(path: Path) -> docx.document.Document:
    if not path.exists():
        raise UnreadableDocx(f"Không tìm thấy tệp «{path}».")
    if path.is_dir():
        raise UnreadableDocx(f"«{path}» là thư mục, không phải tệp .docx.")
    _bounded(path)
    if not zipfile.is_zipfile(path):
        hint = ""
        if path.suffix.lower() == ".doc":
            hint = " Tệp .doc (Word 97–2003) cần lưu lại thành .docx trước khi kiểm tra."
        raise UnreadableDocx(f"«{path.name}» không phải tệp .docx hợp lệ.{hint}")
    try:
        return docx.Document(str(path))
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocx(
            f"«{path.name}» có phần nội dung XML bị hỏng (dòng {exc.lineno}); mở tệp bằng Word"
            " rồi lưu lại dạng .docx."
        ) from exc
    except (zlib.error, EOFError, OSError, MemoryError) as exc:
        raise UnreadableDocx(
            f"Không giải nén được «{path.name}»: tệp bị hỏng hoặc bị cắt cụt; lấy lại bản gốc"
            " hoặc mở bằng Word rồi lưu lại dạng .docx."
        ) from exc
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


@dataclass(frozen=True)
class CheckResult:
    """What ``check_document`` found: the findings, the law they were judged under, and the
    law the document was recognised as following (hd05-spec §12)."""

    findings: Findings
    profile: Profile
    recognition: Recognition


def _profile(model: DocModel, profile: Profile | None) -> tuple[Profile, Recognition]:
    recognition = recognise(model)
    if profile is not None:
        return profile, recognition
    return recognition.profile or PROFILES[DEFAULT], recognition


def check_document(
    path: str | Path,
    profile: Profile | None = None,
    *,
    pdf: bool = False,
    pages: Sequence[Page] | None = None,
) -> CheckResult:
    """Every violation, in the document at ``path``, of the layout law it follows: the one its
    header shows (``recognise``: a Party document under HD 05, a state one under NĐ 30, an
    unknown one under the default NĐ 30), or ``profile`` when given. Every layout fact a
    rule judges by comes from that profile; findings carry its rule IDs (``vocab``), and
    elements of the other law are listed in one warning (D-NB-8).

    With ``pdf=True`` the document is also rendered through LibreOffice and a heading or
    lead-in left alone at the foot of a page is reported (NT-1); ``pages`` (from
    ``kehoach.export.pdflayout.read_pdf_layout``) gives an already rendered PDF instead.

    Raises ``UnreadableDocx`` (a ValueError with a Vietnamese message) when the file is
    not a readable .docx, and ``kehoach.export.pdf.ConversionError`` when ``pdf=True`` and
    LibreOffice is missing or fails.
    """
    model = _read(Path(path))
    used, recognition = _profile(model, profile)
    layouts = locate_all(model, used)
    c = Collector(used)
    check_page_setup(model, c, used)
    check_page_numbers(model, layouts, c, used)
    check_text(model, c, used)
    for layout in layouts:  # a Quyết định and the plan it issues are judged each by its type
        check_header(model, layout, c, used)
        check_body(layout, c, used)
        check_closing(model, layout, c, used)
        check_tables(model, layout, c, used)
        check_appendices(model, layout, c, used)
    check_mixed(layouts, c, used)
    if pages is None and pdf:
        pages = pdf_pages([Path(path)])[0]
    if pages is not None:
        c.findings.extend(page_break_findings(model, layouts, pages, used))
    return CheckResult(c.finish(), used, recognition)


def check_docx(
    path: str | Path,
    profile: Profile | None = None,
    *,
    pdf: bool = False,
    pages: Sequence[Page] | None = None,
) -> Findings:
    """The findings of ``check_document``: every violation of the layout law the document
    follows (recognised from its header, or ``profile`` when given). A ``list[Finding]``;
    ``.errors`` and ``.warnings`` split it by severity."""
    return check_document(path, profile, pdf=pdf, pages=pages).findings


def check_page_breaks(
    path: str | Path,
    profile: Profile | None = None,
    *,
    pages: Sequence[Page] | None = None,
    soffice: str | None = None,
) -> list[Finding]:
    """Only NT-1: headings and lead-ins alone at the foot of a page of the document at
    ``path``, as LibreOffice paginates it (or as ``pages`` show). Raises
    ``UnreadableDocx`` or ``ConversionError`` like ``check_docx``."""
    model = _read(Path(path))
    used, _recognition = _profile(model, profile)
    layouts = locate_all(model, used)
    if pages is None:
        pages = pdf_pages([Path(path)], soffice=soffice)[0]
    return page_break_findings(model, layouts, pages, used)


def break_before_kept_at_foot(path: Path, pages: Sequence[Page]) -> bool:
    """For a PDF only: LibreOffice 7.4 leaves a heading kept with the next paragraph at the
    foot of a page in some positions (Word keeps it). Where ``pages`` (LibreOffice's PDF of
    the .docx at ``path``) show one, give it a page break before and save the file. ``path``
    must be a private copy made for the PDF, never the user's document. True when changed."""
    from docx.text.parfmt import ParagraphFormat

    model = _read(path)
    used, _recognition = _profile(model, None)
    kept = [
        item.para
        for item, _page in at_page_foot(model, locate_all(model, used), pages, used)
        if item.para.fmt.keep_next
    ]
    for para in kept:
        ParagraphFormat(para.el).page_break_before = True
    if kept:
        model.document.save(str(path))
    return bool(kept)
