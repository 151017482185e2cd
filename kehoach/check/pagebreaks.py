"""Headings and lead-ins left alone at the foot of a page (NT-1, the checker's own ID).

A .docx does not say where its pages end: the word processor decides when it lays the text
out. So this check renders the document through LibreOffice (``kehoach.export.pdf``, in a
private temporary folder), reads the PDF's text lines with their position
(``kehoach.export.pdflayout``) and looks at the last text line of every page, above the
bottom margin. When that line ends a heading ("Phần I", "I. …", "1. <bold title>",
"Điều n. <bold title>", "QUYẾT ĐỊNH:", a table's caption) or a lead-in ending with ":",
the heading is printed on one page and what it introduces on the next: a NT-1 warning
(a warning, as Word may break a page a line earlier or later than LibreOffice does).

Which paragraphs are headings comes from the checker's reading of the .docx (§8.3 roles,
bold), not from the PDF, which has no formatting; the PDF only tells where lines fall.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kehoach.export.pdf import (
    ConversionError,
    convert_to_pdf,
    find_poppler_tool,
    find_soffice,
    missing_libreoffice_error,
    missing_poppler_error,
)
from kehoach.export.pdflayout import Line as PdfLine
from kehoach.export.pdflayout import Page, read_pdf_layout
from kehoach.law.profile import Profile

from .docmodel import DocModel, Para
from .findings import WARNING, Finding
from .locate import Layout
from .ooxml import collapse_ws, snippet, twips_to_mm
from .rules_body import classify

RULE = "NT-1"
FOOTER_TOL_MM = 2.0  # a line whose box dips this far into the bottom margin still counts
SAME_LINE_MM = 1.0  # lines of two cells side by side share their baseline
MIN_MATCH_CHARS = 8  # a partial line shorter than this proves nothing
HEADING_MAX_WORDS = 15  # a bold line longer than this is a sentence, not a title

_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": None})


def _norm(text: str) -> str:
    return collapse_ws(unicodedata.normalize("NFC", text).translate(_HYPHENS)).strip()


@dataclass(frozen=True)
class KeepItem:
    """A paragraph that must stay on the page of what follows it."""

    para: Para
    text: str  # normalised
    what: str  # "Đề mục", "Lời dẫn", "Tên bảng"


def _all_bold(para: Para) -> bool:
    pieces = [p for p in para.pieces() if p.text.strip()]
    return bool(pieces) and all(p.fmt.bold for p in pieces)


def _is_heading(para: Para, kind: str, text: str) -> bool:
    if kind in ("part", "part-title", "muc", "letter"):
        return True
    short = len(text.split()) <= HEADING_MAX_WORDS and not text.endswith((".", ";", ","))
    # "1. Mục đích", "a) Title", "Điều 5. Title" are titles only when bold (§8.3): an
    # untitled item or an article that is a sentence is content, complete on its page.
    return kind in ("khoan", "diem", "article", "plain", "numbered") and short and _all_bold(para)


def keep_items(layouts: Sequence[Layout], profile: Profile) -> list[KeepItem]:
    """Every heading, lead-in and table caption of the bodies, except a body's last
    paragraph (nothing follows it)."""
    items: list[KeepItem] = []
    for layout in layouts:
        paras = layout.body_paras
        kinds = classify(paras, profile)
        for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
            text = _norm(para.text)
            if not text or i == len(paras) - 1:
                continue
            if kind == "decision-line" or _is_heading(para, kind, text):
                items.append(KeepItem(para, text, "Đề mục"))
            elif text.endswith(":"):
                items.append(KeepItem(para, text, "Lời dẫn"))
        items.extend(KeepItem(p, _norm(p.text), "Tên bảng") for p in layout.captions)
    return items


def _matches(item: str, line: str) -> bool:
    """``line`` (a printed line) is the whole of ``item``, its last line or its first."""
    if line == item:
        return True
    if len(line) < MIN_MATCH_CHARS or len(line) >= len(item):
        return False
    if item.endswith(line) and item[-len(line) - 1] == " ":
        return True
    return item.startswith(line) and item[len(line)] == " "


def _last_lines(page: Page, bottom_mm: float) -> list[PdfLine]:
    """The bottom-most text lines above the footer area (several when cells share it)."""
    limit = page.height_mm - bottom_mm + FOOTER_TOL_MM
    body = [ln for ln in page.lines if ln.y1 <= limit]
    if not body:
        return []
    lowest = max(ln.y1 for ln in body)
    return [ln for ln in body if lowest - ln.y1 <= SAME_LINE_MM]


def at_page_foot(
    model: DocModel, layouts: Sequence[Layout], pages: Sequence[Page], profile: Profile
) -> list[tuple[KeepItem, int]]:
    """The headings, lead-ins and captions printed as the last line of a page of ``pages``
    (as read by ``read_pdf_layout``), each once, with that page's number."""
    items = keep_items(layouts, profile)
    if not items:
        return []
    bottom_mm = min(twips_to_mm(sec.bottom) for sec in model.sections)
    found: list[tuple[KeepItem, int]] = []
    seen: set[int] = set()
    for page in pages[:-1]:  # the last page has no next page to be separated from
        for line in _last_lines(page, bottom_mm):
            text = _norm(line.text)
            item = next((it for it in items if _matches(it.text, text)), None)
            if item is None or id(item.para) in seen:
                continue
            seen.add(id(item.para))
            found.append((item, page.number))
    return found


def page_break_findings(
    model: DocModel, layouts: Sequence[Layout], pages: Sequence[Page], profile: Profile
) -> list[Finding]:
    """NT-1 on the PDF ``pages`` of the document ``model``."""
    findings: list[Finding] = []
    for item, number in at_page_foot(model, layouts, pages, profile):
        if item.what == "Lời dẫn":
            problem = (
                f"Lời dẫn «{snippet(item.text)}» (kết thúc bằng «:») là dòng cuối của trang "
                f"{number}, còn phần nó dẫn vào nằm ở trang sau"
            )
        else:
            problem = (
                f"{item.what} «{snippet(item.text)}» nằm ở dòng cuối trang {number}, "
                "tách khỏi nội dung của nó ở trang sau"
            )
        findings.append(
            Finding(
                RULE,
                WARNING,
                f"{problem}; {_remedy(item.para)}",
                f"{item.para.where(False)}, cuối trang {number}",
            )
        )
    return findings


def _remedy(para: Para) -> str:
    """What the clerk can do. A paragraph already kept with the next one (kehoach's headings
    are, by their style) was left at the foot by LibreOffice's own layout, which in some
    page positions does not honour the setting; Word does, so only a printout or PDF made
    with LibreOffice needs the manual break."""
    if para.fmt.keep_next:
        return (
            "đoạn này đã bật «Giữ với đoạn sau» (Keep with next) nhưng LibreOffice vẫn để nó ở "
            "cuối trang (Word giữ đúng); nếu in hoặc xuất PDF bằng LibreOffice, chèn ngắt trang "
            "(Ctrl+Enter) ngay trước đoạn này. (Theo bản PDF xuất bằng LibreOffice.)"
        )
    return (
        "nên bật «Giữ với đoạn sau» (Keep with next) cho đoạn này hoặc ngắt trang trước nó. "
        "(Theo bản PDF xuất bằng LibreOffice; Word có thể ngắt trang lệch đi một vài dòng.)"
    )


# ---------------------------------------------------------------------- rendering


def require_pdf_tools() -> None:
    """Raise ConversionError (Vietnamese) when LibreOffice or pdftotext is missing."""
    if find_soffice() is None:
        raise missing_libreoffice_error()
    if find_poppler_tool("pdftotext") is None:
        raise missing_poppler_error("pdftotext")


def pdf_pages(
    paths: Sequence[Path | str], *, soffice: str | None = None, timeout: float | None = None
) -> list[list[Page]]:
    """The PDF pages of each .docx in ``paths``, converted in ONE LibreOffice run inside a
    private temporary folder that is removed afterwards. Raises ConversionError."""
    inputs = [Path(p) for p in paths]
    if not inputs:
        return []
    require_pdf_tools()
    with tempfile.TemporaryDirectory(prefix="kehoach-check-") as work:
        pdfs = convert_to_pdf(inputs, Path(work), timeout=timeout, soffice=soffice)
        return [read_pdf_layout(pdf) for pdf in pdfs]


__all__ = [
    "RULE",
    "ConversionError",
    "KeepItem",
    "at_page_foot",
    "keep_items",
    "page_break_findings",
    "pdf_pages",
    "require_pdf_tools",
]
