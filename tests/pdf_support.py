"""Helpers for layout tests through a real LibreOffice render.

* :func:`require_libreoffice` - the skip/fail policy (skip locally, FAIL when ``CI=true``).
* :func:`make_sample_docx` - a hand-built Kế hoạch and broken variants, so the assertions
  are proved to fail on bad layout independently of the renderer.
* ``assert_*`` - reusable layout assertions on a rendered PDF. Each accepts either a PDF
  path or the pages returned by :func:`kehoach.pdflayout.read_pdf_layout`, and cites the
  nd30-spec rule it checks. Coordinates are mm from the top-left corner of the page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx_build import no_borders

from kehoach.export.pdf import ConversionError, docx_to_pdf, find_poppler_tool, find_soffice
from kehoach.export.pdflayout import Line, Page, read_pdf_layout

# --------------------------------------------------------------------------- policy

APT_PACKAGES = "libreoffice-writer-nogui poppler-utils fonts-liberation fonts-liberation2"
INSTALL_HINT = f"sudo apt-get install -y --no-install-recommends {APT_PACKAGES}"


def _missing_reason() -> str | None:
    if find_soffice() is None:
        return (
            f"LibreOffice chưa được cài (cần để xuất PDF kiểm tra bố cục). Cài đặt: {INSTALL_HINT}"
        )
    missing = [t for t in ("pdftotext", "pdftoppm") if find_poppler_tool(t) is None]
    if missing:
        return f"Chưa cài {', '.join(missing)} (gói poppler-utils). Cài đặt: {INSTALL_HINT}"
    fc_match = shutil.which("fc-match")
    if fc_match:
        # Which font LibreOffice will get for Times New Roman with Vietnamese letters (Ộ).
        # fonts-liberation 1.x has no Vietnamese glyphs; fonts-liberation2 has.
        family = subprocess.run(
            [fc_match, "-f", "%{family}", "Times New Roman:charset=1ed8"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if not re.search(r"Times New Roman|Liberation Serif|Tinos", family):
            return (
                "Chưa có phông Times New Roman hoặc Liberation Serif có dấu tiếng Việt "
                f"(fontconfig chọn '{family}'). Cài đặt: {INSTALL_HINT}"
            )
    return None


def require_libreoffice() -> None:
    """Skip the calling test when LibreOffice/poppler/fonts are missing; FAIL under CI=true."""
    reason = _missing_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------- sample docx

FONT = "Times New Roman"
#: Margins of the sample (P-4 tool default): top, bottom, left, right in mm.
MARGINS = (20.0, 20.0, 30.0, 15.0)
TEXT_LEFT_MM = MARGINS[2]
TEXT_RIGHT_MM = 210.0 - MARGINS[3]
TOP_MARGIN_MM = MARGINS[0]
SIGNER = "Nguyễn Văn A"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

_SENTENCES = (
    "Triển khai đồng bộ các giải pháp phòng, chống thiên tai trên địa bàn tỉnh",
    "nâng cao năng lực ứng phó của chính quyền các cấp và của người dân",
    "bảo đảm an toàn tính mạng, tài sản của Nhân dân và của Nhà nước",
    "phân công rõ trách nhiệm của từng cơ quan, đơn vị, địa phương",
    "kiểm tra, đôn đốc việc thực hiện và báo cáo kết quả định kỳ hằng quý",
)


def _fonts(rpr_parent, size_pt: float, *, bold: bool = False, italic: bool = False) -> None:
    """Set TNR on all four rFonts slots (F-5) plus size/style on a run or style."""
    font = rpr_parent.font
    font.name = FONT
    font.size = Pt(size_pt)
    font.bold = bold
    font.italic = italic
    rpr = rpr_parent.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), FONT)


def _para(container, text: str, size: float, *, bold=False, italic=False, align=None):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if align is not None:
        p.alignment = align
    if text:
        _fonts(p.add_run(text), size, bold=bold, italic=italic)
    return p


def _two_col_table(doc, rows: int, left_mm: float, right_mm: float):
    table = doc.add_table(rows=rows, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    # LibreOffice sizes columns from w:tblGrid (columns[].width); Word from w:tcW (cell.width).
    for col, width in zip(table.columns, (left_mm, right_mm), strict=True):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)
            # Drop the empty paragraph python-docx puts in every cell.
            cell._tc.remove(cell.paragraphs[0]._p)
    return table


def _page_field(paragraph, style: str) -> None:
    """Append a PAGE field: ``fldchar`` (begin/instr/separate/end) or ``simple`` (fldSimple)."""
    if style == "simple":
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), " PAGE ")
        run = paragraph.add_run("1")
        _fonts(run, 14)
        paragraph._p.remove(run._r)
        fld.append(run._r)
        paragraph._p.append(fld)
        return
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("value", "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        _fonts(run, 14)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "value":
            run.text = text
        else:
            fld_char = OxmlElement("w:fldChar")
            fld_char.set(qn("w:fldCharType"), kind)
            run._r.append(fld_char)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def make_sample_docx(
    tmp_path: Path,
    body_paragraphs: int = 60,
    *,
    name: str = "sample",
    page_numbers: bool = True,
    number_on_first_page: bool = False,
    number_align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    field: str = "fldchar",
    header_right_mm: float = 103.0,
    keep_with_next: bool = True,
    cant_split: bool = True,
    break_before_signature: bool = False,
    page_mm: tuple[float, float] = (210.0, 297.0),
) -> Path:
    """Write ``tmp_path/<name>.docx``: an A4 Kế hoạch-like document (2+ pages by default).

    Margins 20/20/30/15 mm; borderless header table (right column ``header_right_mm``,
    Quốc hiệu 13 pt bold); titlePg with an empty first-page header and a 14 pt PAGE field in
    the default header; ``body_paragraphs`` justified 14 pt paragraphs; a final borderless
    table "Nơi nhận:" | "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / 4 empty lines / SIGNER.
    The keyword switches build the deliberately broken variants used by the tests.
    """
    doc = Document()
    normal = doc.styles["Normal"]
    _fonts(normal, 14)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(page_mm[0]), Mm(page_mm[1])
    top, bottom, left, right = MARGINS
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    # Page numbers (PN-1..PN-4).
    section.different_first_page_header_footer = not number_on_first_page
    header = section.header
    header.is_linked_to_previous = False
    hp = header.paragraphs[0]
    hp.alignment = number_align
    if page_numbers:
        _page_field(hp, field)
    if not number_on_first_page:
        first = section.first_page_header
        first.is_linked_to_previous = False  # explicit, empty first-page header

    text_width = page_mm[0] - left - right

    # Header block (H-1, H-2): row 1 bodies | Quốc hiệu + Tiêu ngữ; row 2 Số | place/date.
    table = _two_col_table(doc, 2, text_width - header_right_mm, header_right_mm)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    cell = table.cell(0, 0)
    _para(cell, "ỦY BAN NHÂN DÂN", 13, bold=True, align=centre)
    _para(cell, "TỈNH LÂM ĐỒNG", 13, bold=True, align=centre)
    cell = table.cell(0, 1)
    _para(cell, QUOC_HIEU, 13, bold=True, align=centre)
    _para(cell, TIEU_NGU, 14, bold=True, align=centre)
    _para(table.cell(1, 0), "Số: 05/KH-UBND", 13, align=centre)
    _para(table.cell(1, 1), "Lâm Đồng, ngày 05 tháng 02 năm 2026", 14, italic=True, align=centre)

    p = _para(doc, "KẾ HOẠCH", 14, bold=True, align=centre)
    p.paragraph_format.space_before = Pt(12)
    _para(doc, "Về công tác phòng, chống thiên tai năm 2026", 14, bold=True, align=centre)

    body = []
    for i in range(body_paragraphs):
        words = ", ".join(_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(2 + i % 3))
        p = _para(doc, f"{i + 1}. {words[0].upper()}{words[1:]}.", 14)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Mm(10)
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.line_spacing = 1.15
        body.append(p)
    if body:
        body[-1].add_run("/.")  # ND-6: the body ends with "./."
        _fonts(body[-1].runs[-1], 14)
        body[-1].paragraph_format.keep_with_next = keep_with_next
    if break_before_signature:
        body[-1].add_run().add_break(WD_BREAK.PAGE)

    # Bottom table (NN-5): Nơi nhận | signature block, row kept on one page.
    table = _two_col_table(doc, 1, 62.0, text_width - 62.0)
    if cant_split:
        _cant_split(table.rows[0])
    left_cell, right_cell = table.cell(0, 0), table.cell(0, 1)
    _para(left_cell, "Nơi nhận:", 12, bold=True, italic=True)
    for item in ("- Thường trực Tỉnh ủy;", "- Các sở, ban, ngành;", "- Lưu: VT, VX."):
        _para(left_cell, item, 11)
    _para(right_cell, "TM. ỦY BAN NHÂN DÂN", 14, bold=True, align=centre)
    _para(right_cell, "CHỦ TỊCH", 14, bold=True, align=centre)
    for _ in range(4):  # KY-5 signature space
        _para(right_cell, "", 14)
    _para(right_cell, SIGNER, 14, bold=True, align=centre)

    path = Path(tmp_path) / f"{name}.docx"
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- assertions

PagesOrPdf = Sequence[Page] | Path | str
#: A line that is (only) a page number, in the allowed form ("2") or a wrong one ("- 2 -",
#: "Trang 2"): used to detect numbers where none may be.
_NUMBER_LIKE = re.compile(r"^\W*(?:trang\s*)?\d+\W*$", re.IGNORECASE)
_WS = re.compile(r"\s+")


def _pages(pages: PagesOrPdf) -> list[Page]:
    if isinstance(pages, (str, Path)):
        return read_pdf_layout(pages)
    return list(pages)


def _norm(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _dump(page: Page, limit: int = 12) -> str:
    shown = [
        f"  y={ln.y0:6.1f}-{ln.y1:5.1f} x={ln.x0:6.1f}-{ln.x1:6.1f} {ln.text!r}"
        for ln in page.lines[:limit]
    ]
    return "\n".join(shown)


def assert_a4(pages: PagesOrPdf, *, allow_landscape: bool = False, tol_mm: float = 0.5) -> None:
    """P-1/P-2: every page is A4 (210 x 297 mm ± tol), portrait unless ``allow_landscape``."""
    pages = _pages(pages)
    assert pages, "PDF has no pages"
    for page in pages:
        w, h = page.width_mm, page.height_mm
        if allow_landscape and w > h:
            w, h = h, w
        assert abs(w - 210) <= tol_mm and abs(h - 297) <= tol_mm, (
            f"P-1/P-2: page {page.number} is {page.width_mm:.1f} x {page.height_mm:.1f} mm, "
            f"expected A4 portrait 210 x 297 mm"
        )


def header_lines(page: Page, top_margin_mm: float = TOP_MARGIN_MM) -> list[Line]:
    """Lines printed inside the top margin (the page header area)."""
    return page.lines_above(top_margin_mm)


def assert_no_number_on_first_page(
    pages: PagesOrPdf, *, top_margin_mm: float = TOP_MARGIN_MM
) -> None:
    """PN-4: page 1 shows no page number in its top margin."""
    pages = _pages(pages)
    assert pages, "PDF has no pages"
    numbers = [ln for ln in header_lines(pages[0], top_margin_mm) if _NUMBER_LIKE.match(ln.text)]
    assert not numbers, (
        f"PN-4: page 1 must not show a page number, found {[ln.text for ln in numbers]} "
        f"in the top margin (y < {top_margin_mm} mm)"
    )


def assert_page_numbers_top_centre(
    pages: PagesOrPdf,
    text_left_mm: float = TEXT_LEFT_MM,
    text_right_mm: float = TEXT_RIGHT_MM,
    *,
    top_margin_mm: float = TOP_MARGIN_MM,
    expected: Sequence[int | None] | None = None,
    tol_mm: float = 3.0,
) -> None:
    """PN-1/PN-3: every page from 2 on shows exactly its number, alone, centred in the top margin.

    The header area must hold exactly one line whose text is the number (no "- 2 -", no
    "Trang 2"), horizontally centred on the text area (``text_left_mm``..``text_right_mm``)
    within ``tol_mm``. ``expected`` overrides the number per physical page (None = no
    number expected on that page, e.g. an appendix's first page after a PN-5 restart);
    by default page n expects n, page 1 is not checked (see
    :func:`assert_no_number_on_first_page`).
    """
    pages = _pages(pages)
    if expected is None:
        expected = [None] + [page.number for page in pages[1:]]
    assert len(expected) == len(pages), f"expected {len(expected)} numbers for {len(pages)} pages"
    centre = (text_left_mm + text_right_mm) / 2
    for page, want in zip(pages, expected, strict=True):
        if want is None:
            continue
        lines = header_lines(page, top_margin_mm)
        assert len(lines) == 1 and lines[0].text == str(want), (
            f"PN-1/PN-3: page {page.number} must show exactly '{want}' in its top margin "
            f"(y < {top_margin_mm} mm), found {[ln.text for ln in lines]}\n{_dump(page)}"
        )
        line = lines[0]
        assert abs(line.cx - centre) <= tol_mm, (
            f"PN-3: page number '{want}' on page {page.number} is centred at x={line.cx:.1f} mm, "
            f"the text area centre is {centre:.1f} mm (± {tol_mm} mm)"
        )


def find_one_line(page: Page, text: str) -> list[Line]:
    """Lines of ``page`` that contain ``text`` as consecutive words on one baseline."""
    target = _norm(text).split(" ")
    hits = []
    for line in page.lines:
        words = line.words
        for i in range(len(words) - len(target) + 1):
            run = words[i : i + len(target)]
            if [w.text for w in run] == target and (
                max(w.y1 for w in run) - min(w.y1 for w in run) < 1.0
            ):
                hits.append(line)
                break
    return hits


def assert_one_line(pages: PagesOrPdf, text: str, *, page: int = 1, rule: str = "H-6") -> None:
    """``text`` appears on page ``page`` as one unbroken line."""
    pages = _pages(pages)
    assert len(pages) >= page, f"PDF has {len(pages)} pages, no page {page}"
    hits = find_one_line(pages[page - 1], text)
    assert hits, (
        f"{rule}: '{text}' does not appear as one line on page {page} (wrapped or missing)\n"
        f"{_dump(pages[page - 1])}"
    )


def assert_quoc_hieu_one_line(pages: PagesOrPdf) -> None:
    """H-6/QH-1: the Quốc hiệu is one line on page 1 (either tone-mark spelling, F-6)."""
    pages = _pages(pages)
    assert pages, "PDF has no pages"
    first = pages[0]
    if find_one_line(first, QUOC_HIEU) or find_one_line(first, QUOC_HIEU.replace("HÒA", "HOÀ")):
        return
    assert_one_line(pages, QUOC_HIEU, rule="H-6/QH-1")


def assert_tieu_ngu_one_line(pages: PagesOrPdf) -> None:
    """H-6/TN-1: the Tiêu ngữ is one line on page 1."""
    assert_one_line(pages, TIEU_NGU, rule="H-6/TN-1")


def assert_signature_not_alone(
    pages: PagesOrPdf,
    signer_name: str = SIGNER,
    *,
    recipients_label: str = "Nơi nhận:",
    top_margin_mm: float = TOP_MARGIN_MM,
) -> None:
    """The signature block never stands alone on a page (§9, §11, NN-5).

    On the page holding the signer's name (its last occurrence as a whole line):
    1. the "Nơi nhận:" label is there too (the bottom table was not split away from the name);
    2. at least one line of body text lies above that table (outside the header area), i.e.
       the last body paragraph travelled with the signature (keep-with-next), unless the
       whole document is a single page.
    """
    pages = _pages(pages)
    name = _norm(signer_name)
    holder: Page | None = None
    for page in pages:
        if any(_norm(ln.text) == name for ln in page.lines):
            holder = page
    assert holder is not None, f"signer name '{signer_name}' not found as a line in the PDF"
    labels = [ln for ln in holder.lines if _norm(ln.text).startswith(_norm(recipients_label))]
    assert labels, (
        f"signature block split: page {holder.number} holds '{signer_name}' but not "
        f"'{recipients_label}' (the bottom table row must not split, NN-5)\n{_dump(holder)}"
    )
    if len(pages) == 1:
        return
    table_top = min(ln.y0 for ln in labels)
    body = [ln for ln in holder.lines if ln.cy >= top_margin_mm and ln.y1 <= table_top + 0.5]
    assert body, (
        f"signature alone: page {holder.number} holds only the Nơi nhận/signature table, "
        f"no body text above it (keep the last body paragraph with the table)\n{_dump(holder)}"
    )


def assert_nd30_pdf_layout(
    pages: PagesOrPdf,
    *,
    signer_name: str,
    text_left_mm: float = TEXT_LEFT_MM,
    text_right_mm: float = TEXT_RIGHT_MM,
    top_margin_mm: float = TOP_MARGIN_MM,
    allow_landscape: bool = False,
) -> None:
    """All checks above, for one rendered Kế hoạch (no appendices with restarted numbers)."""
    pages = _pages(pages)
    assert_a4(pages, allow_landscape=allow_landscape)
    assert_no_number_on_first_page(pages, top_margin_mm=top_margin_mm)
    assert_page_numbers_top_centre(pages, text_left_mm, text_right_mm, top_margin_mm=top_margin_mm)
    assert_quoc_hieu_one_line(pages)
    assert_tieu_ngu_one_line(pages)
    assert_signature_not_alone(pages, signer_name, top_margin_mm=top_margin_mm)


# --------------------------------------------------------------------------- rendered set


@dataclass(frozen=True)
class RenderedSet:
    """Sample documents converted in ONE soffice run, shared by the whole test session."""

    docx: dict[str, Path]
    pdf: dict[str, Path]
    out_dir: Path
    returned: tuple[Path, ...]  # docx_to_pdf's return value, in input order

    def pages(self, name: str) -> list[Page]:
        return _layout_cached(self.pdf[name])


_LAYOUT_CACHE: dict[Path, list[Page]] = {}
_RENDERED: RenderedSet | None = None
_RENDER_ERROR: ConversionError | None = None
RENDER_TIMEOUT_S = 300.0

KWN_RANGE = range(7, 15)
#: name -> make_sample_docx keyword arguments
SAMPLE_VARIANTS: dict[str, dict] = {
    "good": {},
    "good_fldsimple": {"field": "simple"},
    "one_page": {"body_paragraphs": 3},
    "long": {"body_paragraphs": 160},
    "broken_number_on_first_page": {"number_on_first_page": True},
    "broken_no_numbers": {"page_numbers": False},
    "broken_number_left": {"number_align": WD_ALIGN_PARAGRAPH.LEFT},
    "broken_narrow_header": {"header_right_mm": 80.0},
    "broken_signature_alone": {"break_before_signature": True},
    "broken_letter": {"page_mm": (215.9, 279.4)},
    "Kế hoạch số 05 (dự thảo)": {"body_paragraphs": 3},
    # Body lengths around the point where the bottom table no longer fits on the page:
    # without keep-with-next some of these leave the table alone on the last page.
    **{
        f"kwn{n:02d}_{'on' if on else 'off'}": {"body_paragraphs": n, "keep_with_next": on}
        for n in KWN_RANGE
        for on in (True, False)
    },
}


def _layout_cached(pdf: Path) -> list[Page]:
    if pdf not in _LAYOUT_CACHE:
        _LAYOUT_CACHE[pdf] = read_pdf_layout(pdf)
    return _LAYOUT_CACHE[pdf]


def rendered_samples(tmp_path_factory: pytest.TempPathFactory) -> RenderedSet:
    """Build every SAMPLE_VARIANTS docx and convert them all in one soffice run (cached)."""
    global _RENDERED, _RENDER_ERROR
    require_libreoffice()
    if _RENDER_ERROR is not None:
        # Do not pay for another soffice start (or timeout) in every test.
        raise _RENDER_ERROR
    if _RENDERED is None:
        src = tmp_path_factory.mktemp("pdf_samples_docx")
        docx = {
            name: make_sample_docx(src, name=name, **kwargs)
            for name, kwargs in SAMPLE_VARIANTS.items()
        }
        out = tmp_path_factory.mktemp("pdf_samples_pdf")
        try:
            returned = docx_to_pdf(list(docx.values()), out, timeout=RENDER_TIMEOUT_S)
        except ConversionError as exc:
            _RENDER_ERROR = exc
            raise
        pdf = {name: out / f"{name}.pdf" for name in docx}
        _RENDERED = RenderedSet(docx, pdf, out, tuple(returned))
    return _RENDERED
