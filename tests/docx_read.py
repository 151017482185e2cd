"""Reading a rendered .docx back for layout assertions (independent of kehoach.check).

Effective properties are resolved run → paragraph style chain → docDefaults, which is all
the renderer uses; kehoach.check implements the full Word resolution for foreign files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000


@dataclass(frozen=True)
class RunFormat:
    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    color: str | None


def _style_chain(paragraph: Paragraph):  # type: ignore[no-untyped-def]
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _doc_default_rpr(paragraph: Paragraph):  # type: ignore[no-untyped-def]
    styles = paragraph.part.package.main_document_part.styles.element
    return styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))


def run_formats(paragraph: Paragraph) -> list[RunFormat]:
    """Effective format of every text-bearing run of ``paragraph``."""
    out = []
    for run in paragraph.runs:
        if not run.text:
            continue
        font = run.font.name
        size = run.font.size.pt if run.font.size else None
        bold, italic = run.font.bold, run.font.italic
        color = None
        rpr = run._r.rPr
        if rpr is not None and rpr.find(qn("w:color")) is not None:
            color = rpr.find(qn("w:color")).get(qn("w:val"))
        for style in _style_chain(paragraph):
            font = font or style.font.name
            size = size or (style.font.size.pt if style.font.size else None)
            bold = style.font.bold if bold is None else bold
            italic = style.font.italic if italic is None else italic
        default = _doc_default_rpr(paragraph)
        if font is None and default is not None and default.find(qn("w:rFonts")) is not None:
            font = default.find(qn("w:rFonts")).get(qn("w:ascii"))
        out.append(RunFormat(run.text, font, size, bool(bold), bool(italic), color))
    return out


def fmt(paragraph: Paragraph, name: str):  # type: ignore[no-untyped-def]
    """Effective paragraph property ``name`` (python-docx's ParagraphFormat attribute):
    direct formatting first, then the paragraph style chain."""
    value = getattr(paragraph.paragraph_format, name)
    for style in _style_chain(paragraph):
        if value is not None:
            break
        value = getattr(style.paragraph_format, name)
    return value


def sizes(paragraph: Paragraph) -> set[float | None]:
    return {r.size for r in run_formats(paragraph)}


def all_bold(paragraph: Paragraph) -> bool:
    return all(r.bold for r in run_formats(paragraph))


def all_italic(paragraph: Paragraph) -> bool:
    return all(r.italic for r in run_formats(paragraph))


def texts(cell_or_doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell_or_doc.paragraphs]


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def header_table(doc: Document) -> Table:
    """The first document's header (a Quyết định's when one issues the plan)."""
    return doc.tables[0]


def blocks(doc: Document) -> list[Paragraph | Table]:
    """The body's paragraphs and tables, in document order."""
    out: list[Paragraph | Table] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc))
        elif child.tag == qn("w:tbl"):
            out.append(Table(child, doc))
    return out


def _borderless(table: Table) -> bool:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return borders is not None and all(e.get(qn("w:val")) in ("nil", "none") for e in borders)


def closing_tables(doc: Document) -> list[Table]:
    """The Nơi nhận / signature tables (one per document in the file): borderless, one row,
    two columns, and not a header (no Quốc hiệu)."""
    return [
        t
        for t in doc.tables
        if _borderless(t)
        and len(t.rows) == 1
        and len(t.columns) == 2
        and not any(p.text == QUOC_HIEU for p in t.cell(0, 1).paragraphs)
    ]


def signature_table(doc: Document) -> Table:
    """The closing table that has the Nơi nhận (a plan issued by a Quyết định has none of its
    own: the decision's is the one sent out)."""
    tables = closing_tables(doc)
    with_recipients = [t for t in tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:"]
    return (with_recipients or tables)[-1]


def _style_id(paragraph: Paragraph) -> str | None:
    ppr = paragraph._p.pPr
    found = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return None if found is None else found.get(qn("w:val"))


def body_paragraphs(doc: Document) -> list[Paragraph]:
    """The plan's body (ô 6), non-empty: from under the title block's rule to the plan's
    signature table, outside content tables; "Phần I" lines and the part title under each
    (centred by §8.3) and table captions are left out, as are appendices after it."""
    items = blocks(doc)
    start = next(
        i for i, b in enumerate(items) if isinstance(b, Paragraph) and b.text == "KẾ HOẠCH"
    )
    start = next(  # the rule that closes the title block (D-TL-3: the "-----" mark)
        i
        for i in range(start, len(items))
        if isinstance(items[i], Paragraph)
        and (rule_paragraph(items[i]) or items[i].text.strip() == "-----")  # type: ignore[union-attr,arg-type]
    )
    closing = closing_tables(doc)
    body: list[Paragraph] = []
    skip_title = False
    for item in items[start + 1 :]:
        if isinstance(item, Table):
            if any(item._tbl is t._tbl for t in closing):
                break
            continue
        text = item.text.strip()
        if not text:
            continue
        if skip_title:
            skip_title = False
            continue
        if re.fullmatch(r"Phần [IVXLC]+", text):
            skip_title = True
            continue
        if _style_id(item) == "BangDau":  # a table's caption
            continue
        body.append(item)
    return body


def cell_inner_width_mm(table: Table, col: int) -> float:
    """Cell width minus the table's left/right cell margins."""
    cell = table.cell(0, col)
    tc_w = cell._tc.tcPr.find(qn("w:tcW"))
    width = int(tc_w.get(qn("w:w"))) / TWIPS_PER_MM
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    pad = 0.0
    for side in ("left", "right"):
        edge = margins.find(qn(f"w:{side}")) if margins is not None else None
        pad += int(edge.get(qn("w:w"))) / TWIPS_PER_MM if edge is not None else 1.9
    return width - pad


def rule_paragraph(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return (
        ppr is not None
        and ppr.find(qn("w:pBdr") + "/" + qn("w:bottom")) is not None
        and not paragraph.text.strip()
    )


def rule_length_mm(paragraph: Paragraph, box_width_mm: float) -> tuple[float, float, float]:
    """(length, left gap, right gap) of a border rule inside a box ``box_width_mm`` wide."""
    fmt = paragraph.paragraph_format
    left = fmt.left_indent / EMU_PER_MM if fmt.left_indent else 0.0
    right = fmt.right_indent / EMU_PER_MM if fmt.right_indent else 0.0
    return box_width_mm - left - right, left, right
