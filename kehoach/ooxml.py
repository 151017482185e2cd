"""Small OOXML operations python-docx has no API for (fields, borders, table geometry).

Each function takes a python-docx object and edits its XML; callers never touch lxml.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from kehoach.law.metrics import mm_to_twips

_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")


def _child(parent, tag: str, *, before: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Get or create ``tag`` under ``parent``; new elements go before any of ``before``."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    for name in before:
        anchor = parent.find(qn(name))
        if anchor is not None:
            anchor.addprevious(element)
            return element
    parent.append(element)
    return element


def set_font(rpr, name: str) -> None:  # type: ignore[no-untyped-def]
    """F-1, F-5: the font on all four slots, and no theme font that would override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        fonts.set(qn(attr), name)


def set_lang(rpr, lang: str) -> None:  # type: ignore[no-untyped-def]
    element = _child(rpr, "w:lang")
    element.set(qn("w:val"), lang)


def add_page_field(paragraph: Paragraph) -> list:  # type: ignore[type-arg]
    """PN-1: a real PAGE field (begin / instr / separate / result / end), digits only.

    Returns the runs so the caller can format them like any other text (PN-2).
    """
    runs = []
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("result", "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "result":
            run.text = text or ""
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        runs.append(run)
    return runs


def bottom_border(paragraph: Paragraph, eighths: int) -> None:
    """A solid rule drawn as the paragraph's bottom border (nd30-spec §16, option 1)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = _child(
        ppr, "w:pBdr", before=("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    )
    bottom = _child(borders, "w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")


def mark_font_size(paragraph: Paragraph, size_pt: float) -> None:
    """Size of the paragraph mark, which decides an empty paragraph's height."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = _child(ppr, "w:rPr")
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), str(round(size_pt * 2)))


def table_geometry(table: Table, widths_mm: list[float], cell_margin_mm: float) -> None:
    """Fixed layout, exact column widths, explicit cell margins, no borders (H-3, H-4)."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    total = sum(mm_to_twips(w) for w in widths_mm)
    width = _child(tbl_pr, "w:tblW")
    width.set(qn("w:w"), str(total))
    width.set(qn("w:type"), "dxa")
    borders = _child(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = _child(borders, f"w:{side}")
        edge.set(qn("w:val"), "nil")
    layout = _child(tbl_pr, "w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = _child(tbl_pr, "w:tblCellMar")
    for side, value in (
        ("top", 0),
        ("left", cell_margin_mm),
        ("bottom", 0),
        ("right", cell_margin_mm),
    ):
        edge = _child(margins, f"w:{side}")
        edge.set(qn("w:w"), str(mm_to_twips(value)))
        edge.set(qn("w:type"), "dxa")
    # The document is in Word 2010 compatibility mode (14), where tblInd is measured to the
    # first cell's text: 0 puts the text of the outer cells exactly on the page margins
    # (the cell padding reaches into the margin, as in the Mẫu files). LibreOffice agrees.
    indent = _child(tbl_pr, "w:tblInd")
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    for col, w in zip(table.columns, widths_mm, strict=True):
        col.width = mm_to_twips(w) * 635  # twips → EMU
    grid = tbl.tblGrid
    for grid_col, w in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        grid_col.set(qn("w:w"), str(mm_to_twips(w)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            set_cell_width(cell, w)


def set_cell_width(cell: _Cell, width_mm: float) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_w = _child(tc_pr, "w:tcW")
    tc_w.set(qn("w:w"), str(mm_to_twips(width_mm)))
    tc_w.set(qn("w:type"), "dxa")


def cant_split(row: _Row) -> None:
    """The row never breaks across pages (Nơi nhận + signature stay together, NN-5)."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit")
