"""Corpus builder: a conforming Kế hoạch made with python-docx, plus knobs for mutations.

The conforming document is written the way a careful clerk (or our renderer) would:
two-column borderless header table, rules as bordered empty paragraphs with symmetric
indents, Profile B sizes, A4 20/20/30/15 mm, titlePg with an empty first-page header and
a centred 14 pt PAGE field. Every knob of ``Opts`` changes exactly one thing so each test
can break exactly one rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docx_build import no_borders

from kehoach.law.metrics import text_width_mm

TNR = "Times New Roman"
Flow = _Cell | DocxDocument  # anything with paragraphs/add_paragraph
CELL_MARGIN_MM = 108 / 1440 * 25.4  # Word's default left/right cell margin


@dataclass
class Opts:
    page_mm: tuple[float, float] = (210, 297)
    margins_mm: dict[str, float] = field(
        default_factory=lambda: {"top": 20, "bottom": 20, "left": 30, "right": 15}
    )
    left_col_mm: float = 62
    right_col_mm: float = 103
    superior: list[str] = field(default_factory=lambda: ["UBND HUYỆN X"])
    issuing: list[str] = field(default_factory=lambda: ["ỦY BAN NHÂN DÂN", "THỊ TRẤN Y"])
    qh: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tn: str = "Độc lập - Tự do - Hạnh phúc"
    so: str = "Số:      /KH-UBND"
    date: str = "Phú Phong, ngày 05 tháng 3 năm 2024"
    title: str = "KẾ HOẠCH"
    summary: str = "Triển khai công tác dân vận chính quyền năm 2024"
    cancu: list[str] = field(
        default_factory=lambda: [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2024 của Ủy ban nhân dân huyện X.",
        ]
    )
    body: list[str] = field(
        default_factory=lambda: [
            "Thực hiện chương trình công tác năm 2024, Ủy ban nhân dân thị trấn Y ban hành Kế hoạch "
            "triển khai công tác dân vận chính quyền năm 2024 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Nâng cao nhận thức của cán bộ, công chức về vị trí, vai trò của công tác dân vận.",
            "2. Yêu cầu",
            "a) Bám sát chỉ đạo của cấp trên, phù hợp với tình hình thực tế của địa phương;",
            "b) Phân công rõ trách nhiệm của từng cơ quan, đơn vị.",
            "II. TỔ CHỨC THỰC HIỆN",
            "- Văn phòng Ủy ban nhân dân thị trấn theo dõi, tổng hợp kết quả thực hiện.",
            "Trên đây là Kế hoạch triển khai công tác dân vận chính quyền năm 2024 của Ủy ban nhân "
            "dân thị trấn Y./.",
        ]
    )
    body_mode: str = "direct"  # "direct" | "style" (formatting only through a paragraph style)
    body_style: dict[str, object] = field(default_factory=dict)  # overrides for "style"
    body_indent_cm: float = 1.27
    body_align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    body_size: float = 14
    rule_kind: str = "border"  # "border" | "drawing" | "underscore" | "vml"
    tn_rule_mm: float | None = None  # default: the Tiêu ngữ width
    agency_rule_mm: float | None = None  # default: 0.4 × issuing-body line
    summary_rule_mm: float | None = None  # default: 0.4 × trích yếu line
    header_layout: str = "one"  # "one" | "split-rows" | "side-by-side"
    # "ok" | "none" | "no-titlepg" | "first-too" | "dash" | "nobreak-dash" | "footer"
    page_number: str = "ok"
    recipients: list[str] = field(
        default_factory=lambda: [
            "- Thường trực Huyện ủy;",
            "- Các ban, ngành, đoàn thể thị trấn;",
            "- Lưu: VT, VP.",
        ]
    )
    signature: list[str] = field(
        default_factory=lambda: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    )
    signer: str = "Nguyễn Văn An"
    body_table: bool = False  # a bordered table inside the body (must not be taken as header)


# ---------------------------------------------------------------------- low-level helpers


def set_fonts(rpr_owner: CT_R | CT_Style, name: str = TNR) -> None:
    """rFonts ascii/hAnsi/cs/eastAsia = name, theme attributes removed (F-5)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), name)


def add_run(
    para: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False
) -> Run:
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    set_fonts(run._r)
    return run


def tight(para: Paragraph, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    pf = para.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return para


def text_para(
    container: Flow,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    para = container.paragraphs[0] if first else container.add_paragraph()
    tight(para, align if align is not None else WD_ALIGN_PARAGRAPH.CENTER)
    add_run(para, text, size, bold=bold, italic=italic)
    return para


def set_border(para: Paragraph, side: str = "bottom", sz: int = 6) -> None:
    ppr = para._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        # pBdr must come before spacing/ind/jc in CT_PPr order; insert early.
        ppr.insert(0, bdr)
        if ppr.find(qn("w:pStyle")) is not None:
            ppr.remove(bdr)
            ppr.insert(1, bdr)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(sz))
    el.set(qn("w:space"), "1")
    el.set(qn("w:color"), "auto")
    bdr.append(el)


def set_widths(table: Table, widths_mm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(round(width * 1440 / 25.4)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def float_table(table: Table, x_mm: float) -> None:
    tblp = OxmlElement("w:tblpPr")
    tblp.set(qn("w:leftFromText"), "0")
    tblp.set(qn("w:rightFromText"), "0")
    tblp.set(qn("w:vertAnchor"), "text")
    tblp.set(qn("w:horzAnchor"), "margin")
    tblp.set(qn("w:tblpX"), str(round(x_mm * 1440 / 25.4)))
    tblp.set(qn("w:tblpY"), "1")
    table._tbl.tblPr.insert(1, tblp)


_DRAWING = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
    'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="Line {id}"/><wp:cNvGraphicFramePr/>'
    "<a:graphic><a:graphicData "
    'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="{cx}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
    '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'
    "</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
    '<v:line id="Line {id}" style="position:absolute;z-index:1" from="0,0" to="{pt}pt,0" '
    'strokeweight=".75pt"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
)

_VML = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:line id="VLine {id}" style="mso-position-horizontal:center" from="0,0" to="{pt}pt,0" '
    'strokeweight=".75pt"/></w:pict></w:r>'
)

_ids = iter(range(100, 10_000))


def rule_para(cell: Flow, kind: str, length_mm: float, inner_mm: float, size: float) -> None:
    """Append a rule of ``length_mm`` drawn in the given technique."""
    para = tight(cell.add_paragraph())
    if kind == "border":
        gap = (inner_mm - length_mm) / 2
        para.paragraph_format.left_indent = Mm(gap)
        para.paragraph_format.right_indent = Mm(gap)
        set_border(para)
    elif kind == "underscore":
        unit = text_width_mm("_", size)
        add_run(para, "_" * max(1, round(length_mm / unit)), size)
    elif kind == "drawing":
        n = next(_ids)
        cx = round(length_mm * 36000)
        para._p.append(parse_xml(_DRAWING.format(cx=cx, id=n, pt=round(length_mm / 25.4 * 72, 2))))
    elif kind == "vml":
        n = next(_ids)
        para._p.append(parse_xml(_VML.format(id=n, pt=round(length_mm / 25.4 * 72, 2))))
    else:  # pragma: no cover - test misuse
        raise ValueError(kind)


# ---------------------------------------------------------------------- document parts


def _defaults(doc: DocxDocument) -> None:
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), TNR)
    rpr_default.find(qn("w:sz")).set(qn("w:val"), "28")
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)
    set_fonts(normal.element)


def _page(doc: DocxDocument, o: Opts) -> None:
    sec = doc.sections[0]
    sec.page_width = Mm(o.page_mm[0])
    sec.page_height = Mm(o.page_mm[1])
    sec.top_margin = Mm(o.margins_mm["top"])
    sec.bottom_margin = Mm(o.margins_mm["bottom"])
    sec.left_margin = Mm(o.margins_mm["left"])
    sec.right_margin = Mm(o.margins_mm["right"])
    sec.header_distance = Mm(10)
    sec.footer_distance = Mm(10)


def page_field(para: Paragraph, size: float = 14) -> None:
    def fld(kind: str) -> None:
        run = add_run(para, "", size)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = add_run(para, "", size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    add_run(para, "2", size)
    fld("end")


def _no_break_hyphen(run, *, before: bool = False) -> None:  # type: ignore[no-untyped-def]
    hyphen = OxmlElement("w:noBreakHyphen")
    text = run._r.find(qn("w:t"))
    if before:
        text.addprevious(hyphen)
    else:
        text.addnext(hyphen)


def _page_numbers(doc: DocxDocument, o: Opts) -> None:
    sec = doc.sections[0]
    sec.different_first_page_header_footer = o.page_number != "no-titlepg"
    first = sec.first_page_header
    first.is_linked_to_previous = False
    tight(first.paragraphs[0])
    if o.page_number == "none":
        return
    if o.page_number == "footer":
        para = tight(sec.footer.paragraphs[0])
        page_field(para)
        return
    para = tight(sec.header.paragraphs[0])
    if o.page_number == "dash":
        add_run(para, "- ", 14)
    if o.page_number == "nobreak-dash":  # Word's Ctrl+Shift+-: a w:noBreakHyphen, no w:t
        _no_break_hyphen(add_run(para, " ", 14))
    page_field(para)
    if o.page_number == "dash":
        add_run(para, " -", 14)
    if o.page_number == "nobreak-dash":
        _no_break_hyphen(add_run(para, " ", 14), before=True)
    if o.page_number == "first-too":
        page_field(tight(first.paragraphs[0]))


def _agency_block(cell: _Cell, o: Opts, inner_mm: float, first: bool = True) -> None:
    lines = [(t, False) for t in o.superior] + [(t, True) for t in o.issuing]
    for i, (text, bold) in enumerate(lines):
        text_para(cell, text, 13, bold=bold, first=first and i == 0)
    widest = max(text_width_mm(t, 13, bold=True) for t in o.issuing)
    length = o.agency_rule_mm if o.agency_rule_mm is not None else 0.4 * widest
    rule_para(cell, o.rule_kind, length, inner_mm, 13)


def _qh_block(cell: _Cell, o: Opts, inner_mm: float, first: bool = True) -> None:
    text_para(cell, o.qh, 13, bold=True, first=first)
    text_para(cell, o.tn, 14, bold=True)
    length = o.tn_rule_mm if o.tn_rule_mm is not None else text_width_mm(o.tn, 14, bold=True)
    rule_para(cell, o.rule_kind, length, inner_mm, 14)


def _header(doc: DocxDocument, o: Opts) -> None:
    left_inner = o.left_col_mm - 2 * CELL_MARGIN_MM
    right_inner = o.right_col_mm - 2 * CELL_MARGIN_MM
    widths = [o.left_col_mm, o.right_col_mm]
    if o.header_layout == "one":
        table = doc.add_table(rows=2, cols=2)
        no_borders(table)
        set_widths(table, widths)
        _agency_block(table.cell(0, 0), o, left_inner)
        _qh_block(table.cell(0, 1), o, right_inner)
        text_para(table.cell(1, 0), o.so, 13, first=True)
        text_para(table.cell(1, 1), o.date, 14, italic=True, first=True)
    elif o.header_layout == "split-rows":
        top = doc.add_table(rows=1, cols=2)
        no_borders(top)
        set_widths(top, widths)
        _agency_block(top.cell(0, 0), o, left_inner)
        _qh_block(top.cell(0, 1), o, right_inner)
        bottom = doc.add_table(rows=1, cols=2)
        no_borders(bottom)
        set_widths(bottom, widths)
        text_para(bottom.cell(0, 0), o.so, 13, first=True)
        text_para(bottom.cell(0, 1), o.date, 14, italic=True, first=True)
    elif o.header_layout == "side-by-side":
        left = doc.add_table(rows=1, cols=1)
        no_borders(left)
        set_widths(left, [o.left_col_mm])
        float_table(left, 0)
        _agency_block(left.cell(0, 0), o, left_inner)
        text_para(left.cell(0, 0), o.so, 13)
        right = doc.add_table(rows=1, cols=1)
        no_borders(right)
        set_widths(right, [o.right_col_mm])
        float_table(right, o.left_col_mm)
        _qh_block(right.cell(0, 0), o, right_inner)
        tight(right.cell(0, 0).add_paragraph())  # spacer so the date lines up with "Số:"
        text_para(right.cell(0, 0), o.date, 14, italic=True)
    else:  # pragma: no cover - test misuse
        raise ValueError(o.header_layout)


def _title(doc: DocxDocument, o: Opts) -> None:
    tight(doc.add_paragraph())
    tight(doc.add_paragraph())
    text_para(doc, o.title, 14, bold=True)
    text_para(doc, o.summary, 14, bold=True)
    text_width = o.page_mm[0] - o.margins_mm["left"] - o.margins_mm["right"]
    length = (
        o.summary_rule_mm
        if o.summary_rule_mm is not None
        else 0.4 * text_width_mm(o.summary, 14, bold=True)
    )
    rule_para(doc, o.rule_kind, length, text_width, 14)
    tight(doc.add_paragraph())


def _body_style(doc: DocxDocument, o: Opts) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style("NoiDungKH", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    pf = style.paragraph_format
    pf.alignment = o.body_style.get("alignment", WD_ALIGN_PARAGRAPH.JUSTIFY)
    pf.first_line_indent = o.body_style.get("first_line_indent", Cm(1.27))
    pf.space_before = o.body_style.get("space_before", Pt(6))
    pf.space_after = Pt(0)
    pf.line_spacing = o.body_style.get("line_spacing", 1.0)
    style.font.size = o.body_style.get("size", Pt(14))
    set_fonts(style.element, o.body_style.get("font", TNR))
    return style


def _body_para(
    doc: DocxDocument,
    o: Opts,
    text: str,
    *,
    italic: bool = False,
    style: ParagraphStyle | None = None,
) -> Paragraph:
    heading = text.startswith(("I. ", "II. ", "III. ", "IV. ")) or (
        text[:2] in ("1.", "2.") and len(text.split()) <= 4
    )
    if style is not None:
        para = doc.add_paragraph(style=style)
        run = para.add_run(text)
        if heading:
            run.font.bold = True
        if italic:
            run.font.italic = True
        return para
    para = doc.add_paragraph()
    pf = para.paragraph_format
    pf.alignment = o.body_align
    pf.first_line_indent = Cm(o.body_indent_cm)
    pf.space_before = Pt(6)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    add_run(para, text, o.body_size, bold=heading, italic=italic)
    return para


def _body(doc: DocxDocument, o: Opts) -> None:
    style = _body_style(doc, o) if o.body_mode == "style" else None
    for text in o.cancu:
        _body_para(doc, o, text, italic=True, style=style)
    body = list(o.body)
    for i, text in enumerate(body):
        if o.body_table and i == len(body) - 1:
            _body_table(doc)
        _body_para(doc, o, text, style=style)


def _body_table(doc: DocxDocument) -> None:
    """A task table with header-like words, to prove body tables are not misread."""
    table = doc.add_table(rows=2, cols=3)
    table.style = doc.styles["Table Grid"]
    cells = [["Nơi nhận", "Số:", "CỘNG HÒA"], ["Văn phòng", "01/KH", "ngày 05 tháng 3 năm 2024"]]
    for r, row in enumerate(cells):
        for col, text in enumerate(row):
            para = tight(table.cell(r, col).paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
            add_run(para, text, 13)


def _closing(doc: DocxDocument, o: Opts) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [65, 100])
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    left, right = table.cell(0, 0), table.cell(0, 1)
    text_para(
        left, "Nơi nhận:", 12, bold=True, italic=True, first=True, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    for item in o.recipients:
        text_para(left, item, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(o.signature):
        text_para(right, line, 13, bold=True, first=i == 0)
    for _ in range(4):
        tight(right.add_paragraph())
    text_para(right, o.signer, 14, bold=True)


def build(o: Opts | None = None) -> DocxDocument:
    o = o or Opts()
    doc = Document()
    _defaults(doc)
    _page(doc, o)
    _page_numbers(doc, o)
    _header(doc, o)
    _title(doc, o)
    _body(doc, o)
    _closing(doc, o)
    return doc


def save(doc: DocxDocument, path: Path) -> Path:
    doc.save(str(path))
    return path


# ---------------------------------------------------------------------- mutations


def paragraphs_with(doc: DocxDocument, text: str) -> list[Paragraph]:
    """Every paragraph (body, tables) whose text contains ``text``."""
    out = [p for p in doc.paragraphs if text in p.text]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p for p in cell.paragraphs if text in p.text)
    return out


def recolor(doc: DocxDocument, text: str, rgb: str = "FF0000") -> None:
    for para in paragraphs_with(doc, text):
        for run in para.runs:
            run.font.color.rgb = RGBColor.from_string(rgb)


def refont(doc: DocxDocument, text: str, font: str = "Arial") -> None:
    for para in paragraphs_with(doc, text):
        for run in para.runs:
            set_fonts(run._r, font)


def cell_of(doc: DocxDocument, text: str) -> _Cell:
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if any(text in p.text for p in cell.paragraphs):
                    return cell
    raise LookupError(text)


def clone(o: Opts, **changes: object) -> Opts:
    new = copy.deepcopy(o)
    for key, value in changes.items():
        setattr(new, key, value)
    return new


# ---------------------------------------------------------------------- styles-only variant


def _all_paragraph_elements(doc: DocxDocument) -> list[CT_P]:
    roots = [doc.element.body]
    for sec in doc.sections:
        for part in (sec.header, sec.first_page_header, sec.footer):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    return [p for root in roots for p in root.iter(qn("w:p"))]


def restyle(doc: DocxDocument) -> DocxDocument:
    """Move every paragraph's direct formatting into paragraph styles.

    The result prints exactly like the input, but runs and paragraphs carry no direct
    formatting: fonts come from a shared base style through ``basedOn``, the document
    defaults are put back to the theme fonts, so only a checker that resolves the style
    hierarchy judges it correctly.
    """
    from docx.enum.style import WD_STYLE_TYPE
    from lxml import etree

    base = doc.styles.add_style("KHBase", WD_STYLE_TYPE.PARAGRAPH)
    base.base_style = doc.styles["Normal"]
    base.font.size = Pt(14)
    set_fonts(base.element)
    cache: dict[bytes, ParagraphStyle] = {}
    for p in _all_paragraph_elements(doc):
        runs = p.findall(qn("w:r"))
        rprs = [r.find(qn("w:rPr")) for r in runs]
        if len({etree.tostring(x) if x is not None else b"" for x in rprs}) > 1:
            continue
        ppr = p.find(qn("w:pPr"))
        ppr_copy = copy.deepcopy(ppr) if ppr is not None else OxmlElement("w:pPr")
        for tag in ("w:pStyle", "w:sectPr", "w:rPr"):
            for el in ppr_copy.findall(qn(tag)):
                ppr_copy.remove(el)
        rpr_copy = copy.deepcopy(rprs[0]) if runs and rprs[0] is not None else OxmlElement("w:rPr")
        for el in rpr_copy.findall(qn("w:rFonts")):
            rpr_copy.remove(el)
        key = etree.tostring(ppr_copy) + b"|" + etree.tostring(rpr_copy)
        style = cache.get(key)
        if style is None:
            style = doc.styles.add_style(f"KH{len(cache) + 1}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = base
            style.element.append(ppr_copy)
            style.element.append(rpr_copy)
            cache[key] = style
        if ppr is not None:
            for child in list(ppr):
                if child.tag != qn("w:sectPr"):
                    ppr.remove(child)
        ppr = p.get_or_add_pPr()
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), style.style_id)
        ppr.insert(0, pstyle)
        for r, rpr in zip(runs, rprs, strict=True):
            if rpr is not None:
                r.remove(rpr)
    # Document defaults and Normal back to theme fonts: TNR now only comes via KHBase.
    styles = doc.styles.element
    fonts = styles.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme"):
        fonts.set(qn(f"w:{slot}"), "minorHAnsi" if slot != "eastAsiaTheme" else "minorEastAsia")
    normal_rpr = doc.styles["Normal"].element.rPr
    if normal_rpr is not None and normal_rpr.rFonts is not None:
        normal_rpr.remove(normal_rpr.rFonts)
    return doc
