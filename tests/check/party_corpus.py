"""Party corpus: a conforming Kế hoạch of a Ban Thường vụ Đảng ủy xã under HD 05-HD/VPTW
(docs/luat/hd05-spec.md §11), made with python-docx, not the kehoach writer.

Written the way a careful office clerk would: A4, fixed margins 20/20/30/15 mm, the header
10 mm from the top edge; a borderless 2×2 header table (superior 14 regular, đảng ủy 14 bold,
a "*" line | "ĐẢNG CỘNG SẢN VIỆT NAM" 15 bold over a rule as long as itself; "Số 27-KH/ĐU" 14
| date 14 italic); "KẾ HOẠCH" 15 bold, a trích yếu 14 bold starting in lower case, "-----";
a body 14 pt, justified, 10 mm indent, 6 pt before, exactly 19 pt line spacing, căn cứ
upright starting "- ", "I-" headings, ending "."; "Nơi nhận:" 14 with the words underlined,
items 12 pt, "- Lưu Văn phòng Đảng ủy."; "T/M BAN THƯỜNG VỤ" 14 bold, "PHÓ BÍ THƯ" 14
regular, the name 14 bold. Every knob of ``PartyOpts`` changes one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from check_corpus import (
    CELL_MARGIN_MM,
    _defaults,
    add_run,
    page_field,
    set_border,
    set_widths,
    text_para,
    tight,
)
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx_build import no_borders

from kehoach.law.metrics import text_width_mm

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass
class PartyOpts:
    margins_mm: dict[str, float] = field(
        default_factory=lambda: {"top": 20, "bottom": 20, "left": 30, "right": 15}
    )
    header_mm: float = 10  # D-PN-2
    superior: list[str] = field(default_factory=lambda: ["ĐẢNG BỘ TỈNH GIA LAI"])
    issuing: list[str] = field(default_factory=lambda: ["ĐẢNG ỦY XÃ TÂY SƠN"])
    agency_mark: str | None = "*"  # D-CQ-5
    agency_rule: bool = False  # a rule under the body name (state layout)
    title_line: str = PARTY_TITLE  # D-TD-1
    title_size: float = 15
    title_rule_mm: float | None = None  # default: the title's own width (D-TD-3)
    motto: str | None = None  # a Tiêu ngữ under the title (state layout)
    so: str = "Số 27-KH/ĐU"
    date: str = "Tây Sơn, ngày 15 tháng 6 năm 2026"
    type_name: str = "KẾ HOẠCH"
    type_size: float = 15
    summary: str = "thực hiện “Năm Dân vận chính quyền” năm 2026"
    summary_mark: str | None = "-----"  # D-TL-3
    summary_rule: bool = False  # a rule under the trích yếu (state layout)
    cancu: list[str] = field(
        default_factory=lambda: [
            "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
            "- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ xã Tây Sơn nhiệm kỳ 2025 - 2030;",
            "- Thực hiện Kế hoạch số 15-KH/TU, ngày 20/02/2026 của Ban Thường vụ Tỉnh ủy Gia Lai "
            "về công tác dân vận năm 2026.",
        ]
    )
    cancu_italic: bool = False  # D-CC-1: upright
    body: list[str] = field(
        default_factory=lambda: [
            "Ban Thường vụ Đảng ủy xã ban hành Kế hoạch thực hiện “Năm Dân vận chính quyền” năm "
            "2026 như sau:",
            "I- MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức xã đối với công tác dân vận.",
            "2. Yêu cầu",
            "a) Tổ chức thực hiện nghiêm túc, thiết thực, gắn với nhiệm vụ chính trị của chi bộ;",
            "b) Mỗi chi bộ đăng ký ít nhất một mô hình “Dân vận khéo” trong năm.",
            "II- TỔ CHỨC THỰC HIỆN",
            "- Văn phòng Đảng ủy theo dõi, tổng hợp kết quả thực hiện.",
            "Các chi bộ trực thuộc báo cáo kết quả về Ban Thường vụ Đảng ủy (qua Văn phòng Đảng "
            "ủy) trước ngày 31/7/2026.",
        ]
    )
    body_size: float = 14
    body_indent_mm: float = 10  # D-ND-3
    body_align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    line_exact_pt: float | None = 19  # D-ND-4; None: single ("multiple") spacing
    recipients_label: str = "Nơi nhận:"
    label_underline: bool = True  # D-NN-2: the words underlined, not the colon
    label_bold: bool = False
    recipients: list[str] = field(
        default_factory=lambda: [
            "- Ban Tuyên giáo và Dân vận Tỉnh ủy (để báo cáo);",
            "- Thường trực Đảng ủy;",
            "- Các chi bộ trực thuộc;",
            "- Lưu Văn phòng Đảng ủy.",
        ]
    )
    recipients_size: float = 12
    signature: list[str] = field(default_factory=lambda: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"])
    position_bold: bool = False  # D-KY-3
    signer: str = "Nguyễn Văn An"
    page_number_size: float = 14
    appendices: list[str] = field(default_factory=list)  # labels: "Phụ lục 1", …


def _page(doc: DocxDocument, o: PartyOpts) -> None:
    sec = doc.sections[0]
    sec.page_width = Mm(210)
    sec.page_height = Mm(297)
    for side in ("top", "bottom", "left", "right"):
        setattr(sec, f"{side}_margin", Mm(o.margins_mm[side]))
    sec.header_distance = Mm(o.header_mm)
    sec.footer_distance = Mm(10)
    sec.different_first_page_header_footer = True
    sec.first_page_header.is_linked_to_previous = False
    tight(sec.first_page_header.paragraphs[0])
    page_field(tight(sec.header.paragraphs[0]), o.page_number_size)


def _rule(cell: _Cell, length_mm: float, inner_mm: float) -> None:
    """A solid rule of ``length_mm`` as a bordered empty paragraph, centred by indents."""
    para = tight(cell.add_paragraph())
    gap = (inner_mm - length_mm) / 2
    para.paragraph_format.left_indent = Mm(gap)
    para.paragraph_format.right_indent = Mm(gap)
    set_border(para)


def _header(doc: DocxDocument, o: PartyOpts) -> None:
    widths = [65, 100]  # D-H-2
    table = doc.add_table(rows=2, cols=2)
    no_borders(table)
    set_widths(table, widths)
    left, right = table.cell(0, 0), table.cell(0, 1)
    lines = [(t, False) for t in o.superior] + [(t, True) for t in o.issuing]
    for i, (text, bold) in enumerate(lines):
        text_para(left, text, 14, bold=bold, first=i == 0)
    if o.agency_mark is not None:
        text_para(left, o.agency_mark, 14)
    if o.agency_rule:
        widest = max(text_width_mm(t, 14, bold=True) for t in o.issuing)
        _rule(left, 0.4 * widest, widths[0] - 2 * CELL_MARGIN_MM)
    text_para(right, o.title_line, o.title_size, bold=True, first=True)
    if o.motto is not None:
        text_para(right, o.motto, 14, bold=True)
    under = o.motto if o.motto is not None else o.title_line
    size = 14 if o.motto is not None else o.title_size
    length = o.title_rule_mm or text_width_mm(under, size, bold=True)
    _rule(right, length, widths[1] - 2 * CELL_MARGIN_MM)
    text_para(table.cell(1, 0), o.so, 14, first=True)
    text_para(table.cell(1, 1), o.date, 14, italic=True, first=True)


def _title(doc: DocxDocument, o: PartyOpts) -> None:
    tight(doc.add_paragraph())
    text_para(doc, o.type_name, o.type_size, bold=True)
    text_para(doc, o.summary, 14, bold=True)
    if o.summary_mark is not None:
        text_para(doc, o.summary_mark, 14)
    if o.summary_rule:
        para = tight(doc.add_paragraph())
        width = 0.4 * text_width_mm(o.summary, 14, bold=True)
        gap = (165 - width) / 2
        para.paragraph_format.left_indent = Mm(gap)
        para.paragraph_format.right_indent = Mm(gap)
        set_border(para)


def _is_heading(text: str) -> bool:
    return text.startswith(("I- ", "II- ", "III- ", "I. ", "II. ")) or (
        text[:2] in ("1.", "2.") and len(text.split()) <= 4
    )


def body_para(doc: DocxDocument, o: PartyOpts, text: str, *, italic: bool = False) -> Paragraph:
    para = doc.add_paragraph()
    pf = para.paragraph_format
    pf.alignment = o.body_align
    pf.first_line_indent = Mm(o.body_indent_mm)
    pf.space_before = Pt(6)
    pf.space_after = Pt(0)
    if o.line_exact_pt is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(o.line_exact_pt)
    add_run(para, text, o.body_size, bold=_is_heading(text), italic=italic)
    return para


def _closing(doc: DocxDocument, o: PartyOpts) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [70, 95])
    left, right = table.cell(0, 0), table.cell(0, 1)
    label = tight(left.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    words, colon = (
        o.recipients_label.rstrip(":"),
        o.recipients_label[len(o.recipients_label.rstrip(":")) :],
    )
    add_run(label, words, 14, bold=o.label_bold).font.underline = o.label_underline
    if colon:
        add_run(label, colon, 14, bold=o.label_bold)
    for item in o.recipients:
        text_para(left, item, o.recipients_size, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(o.signature):
        prefixed = line.startswith(("T/M ", "K/T ", "T/L ", "Q. ", "TM. ", "KT. ", "TL. ", "TUQ. "))
        text_para(right, line, 14, bold=prefixed or o.position_bold, first=i == 0)
    for _ in range(4):
        tight(right.add_paragraph())
    text_para(right, o.signer, 14, bold=True)


def _appendix(doc: DocxDocument, label: str) -> None:
    """A new section "Phụ lục n": numbered from 1 (D-PN-4), first page without a number, the
    label, its title, the reference line and "-----" (D-PL-1..D-PL-3)."""
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:start"), "1")
    sec._sectPr.append(num)
    sec.different_first_page_header_footer = True
    text_para(doc, label, 14, bold=True)
    text_para(doc, "DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2026", 14, bold=True)
    text_para(
        doc,
        "(Kèm theo Kế hoạch số 27-KH/ĐU, ngày 15/6/2026 của Ban Thường vụ Đảng ủy xã Tây Sơn)",
        14,
        italic=True,
    )
    text_para(doc, "-----", 14)
    table = doc.add_table(rows=1, cols=2)
    table.style = doc.styles["Table Grid"]
    for cell in table.rows[0].cells:
        add_run(cell.paragraphs[0], "Nội dung", 13)


def build_party(o: PartyOpts | None = None) -> DocxDocument:
    o = o or PartyOpts()
    doc = Document()
    _defaults(doc)
    _page(doc, o)
    _header(doc, o)
    _title(doc, o)
    for text in o.cancu:
        body_para(doc, o, text, italic=o.cancu_italic)
    for text in o.body:
        body_para(doc, o, text)
    _closing(doc, o)
    for label in o.appendices:
        _appendix(doc, label)
    return doc
