"""Lay out the document model as an NĐ 30 .docx with python-docx (nd30-spec §18).

Layout only: every text arrives composed. Geometry comes from ``nd30.GEOMETRY`` and the
sizes from ``nd30.SIZES``; text widths from ``metrics`` decide column widths and rule lengths.
The output is byte-stable: the same model always gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import zipfile

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from kehoach import ooxml
from kehoach.document import Block, Document, Role, Span
from kehoach.law import nd30
from kehoach.law.metrics import balanced_lines, text_width_mm

G = nd30.GEOMETRY
S = nd30.SIZES
_BODY_BREAK_AFTER = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


@functools.lru_cache(maxsize=64)
def _run_properties(size: float, bold: bool, italic: bool):  # type: ignore[no-untyped-def]
    """A prototype w:rPr per format; runs get copies (python-docx's setters are slow)."""
    element = OxmlElement("w:rPr")
    ooxml.set_font(element, nd30.FONT)
    for flag, tag in ((bold, "w:b"), (italic, "w:i")):
        if flag:
            element.append(OxmlElement(tag))
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(round(size * 2)))
        element.append(half_points)
    return element


class _Writer:
    def __init__(self, model: Document) -> None:
        self.m = model
        self.doc = docx.Document()
        self.page = model.page
        self.body_size = model.page.body_size

    # -- text primitives -------------------------------------------------------------------

    def run(self, paragraph: Paragraph, span: Span, size: float) -> Run:
        run = paragraph.add_run(span.text)
        self.format_run(run, size, span.bold, span.italic)
        return run

    @staticmethod
    def format_run(run: Run, size: float, bold: bool = False, italic: bool = False) -> None:
        """Times New Roman on all four slots (F-1, F-5), size, bold, italic — on the run
        itself, so text pasted into another document keeps its form."""
        existing = run._r.rPr
        if existing is not None:
            run._r.remove(existing)
        run._r.insert(0, copy.deepcopy(_run_properties(size, bold, italic)))

    @staticmethod
    def tight(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> None:
        """Header, title and signature lines: single spacing, 0 before/after (H-7, NN-6)."""
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.first_line_indent = Mm(0)

    def line(
        self,
        target: _Cell | docx.document.Document,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        first: bool = False,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    ) -> Paragraph:
        """One tight paragraph; ``first`` reuses a cell's initial empty paragraph."""
        if first and isinstance(target, _Cell):
            paragraph = target.paragraphs[0]
        else:
            paragraph = target.add_paragraph()
        self.tight(paragraph, align)
        parts = text.split("\n")
        for i, part in enumerate(parts):
            run = self.run(paragraph, Span(part, bold, italic), size)
            if i < len(parts) - 1:
                run.add_break()
        ooxml.mark_font_size(paragraph, size)
        return paragraph

    def rule(
        self, target: _Cell | docx.document.Document, length_mm: float, width_mm: float
    ) -> Paragraph:
        """A centred solid rule of ``length_mm`` inside a box ``width_mm`` wide (§16 option 1)."""
        paragraph = target.add_paragraph()
        self.tight(paragraph)
        side = max((width_mm - length_mm) / 2, 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.line_spacing = Pt(3)
        ooxml.mark_font_size(paragraph, 2)
        ooxml.bottom_border(paragraph, G.rule_weight_eighths)
        return paragraph

    # -- document setup ----------------------------------------------------------------------

    def setup(self) -> None:
        styles = self.doc.styles
        # docDefaults and Normal both say Times New Roman, so nothing falls back (F-1, F-5).
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if rpr is not None:
                ooxml.set_font(rpr, nd30.FONT)
                ooxml.set_lang(rpr, "vi-VN")
        normal = styles["Normal"]
        ooxml.set_font(normal.element.get_or_add_rPr(), nd30.FONT)
        normal.font.size = Pt(self.body_size)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        for name in ("Header", "Footer"):
            if name in [s.name for s in styles]:
                ooxml.set_font(styles[name].element.get_or_add_rPr(), nd30.FONT)

        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT  # P-2
        section.page_width = Mm(210)  # P-1
        section.page_height = Mm(297)
        section.top_margin = Mm(self.page.top)  # P-3
        section.bottom_margin = Mm(self.page.bottom)
        section.left_margin = Mm(self.page.left)
        section.right_margin = Mm(self.page.right)
        section.header_distance = Mm(G.header_distance)  # P-5
        section.footer_distance = Mm(G.footer_distance)
        section.gutter = Mm(0)

        # PN-3, PN-4: number centred in the header, hidden on page 1 (empty first header).
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        self.tight(first.paragraphs[0])
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        self.tight(paragraph)
        for run in ooxml.add_page_field(paragraph):
            self.format_run(run, S.page_number)  # PN-2: 14 pt, upright, not bold

        props = self.doc.core_properties
        # Core properties hold at most 255 characters (OPC); a long trích yếu is cut there.
        props.title = self.m.title[:255]
        props.author = self.m.author[:255]
        props.last_modified_by = self.m.author[:255]
        props.language = "vi-VN"
        props.revision = 1
        stamp = dt.datetime(self.m.year, 1, 1)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.comments = "Tạo bằng kehoach theo Nghị định 30/2020/NĐ-CP"

    # -- header block (ô 1–4) -----------------------------------------------------------------

    def header(self) -> None:
        h = self.m.header
        cm = G.cell_margin
        total = self.page.text_width + 2 * cm
        quoc_hieu = text_width_mm(nd30.QUOC_HIEU, S.quoc_hieu, bold=True)
        # H-5, H-6: the right column always holds the Quốc hiệu on one line.
        right_min = quoc_hieu + 2 * cm + 2
        right = max(total * G.header_right_share, right_min)
        left = max(total - right, G.header_left_min)
        # A body name a little too long for the left column gets the room the right
        # column can spare rather than a line break (CQ-4 allows breaks; fewer read better).
        widths = [text_width_mm(t, S.agency, bold=False) for t in h.superior]
        widths += [text_width_mm(t, S.agency, bold=True) for t in h.body]
        room = total - right_min
        fitting = [w + 2 * cm + 1 for w in widths if w + 2 * cm + 1 <= room]
        left = max([left, *fitting])
        right = total - left
        table = self.doc.add_table(rows=2, cols=2)
        ooxml.table_geometry(table, [left, right], cm)
        left_inner, right_inner = left - 2 * cm, right - 2 * cm

        agency = table.cell(0, 0)
        first = True
        for text in h.superior:  # CQ-2: regular capitals
            for line in self.fit_agency(text, left_inner, bold=False):
                self.line(agency, line, S.agency, first=first)
                first = False
        body_lines = [ln for text in h.body for ln in self.fit_agency(text, left_inner, bold=True)]
        for line in body_lines:  # CQ-3: bold capitals
            self.line(agency, line, S.agency, bold=True, first=first)
            first = False
        widest = max(text_width_mm(ln, S.agency, bold=True) for ln in body_lines)
        self.rule(agency, widest * G.rule_ratio, left_inner)  # CQ-5

        nation = table.cell(0, 1)
        self.line(nation, nd30.QUOC_HIEU, S.quoc_hieu, bold=True, first=True)  # QH-1..QH-3
        self.line(nation, nd30.TIEU_NGU, S.tieu_ngu, bold=True)  # TN-1, TN-2
        motto = text_width_mm(nd30.TIEU_NGU, S.tieu_ngu, bold=True)
        self.rule(nation, motto, right_inner)  # TN-3: as long as the Tiêu ngữ

        number = self.line(table.cell(1, 0), h.number_line, S.number, first=True)  # SO-1, SO-5
        size = S.place_date
        if text_width_mm(h.place_date, size, italic=True) > right_inner:
            size = S.place_date_min  # DD-8: a long place name drops to 13 pt before wrapping
        date = self.line(table.cell(1, 1), h.place_date, size, italic=True, first=True)
        for paragraph in (number, date):  # H-2: Số and date share row 2
            paragraph.paragraph_format.space_before = Pt(6)

    @staticmethod
    def fit_agency(text: str, width_mm: float, *, bold: bool) -> list[str]:
        """Break a long body name where a clerk would (after ỦY BAN NHÂN DÂN), else wrap."""
        if text_width_mm(text, S.agency, bold=bold) <= width_mm:
            return [text]
        for prefix in _BODY_BREAK_AFTER:
            if text.startswith(prefix + " "):
                rest = text[len(prefix) + 1 :]
                return [prefix, *_Writer.fit_agency(rest, width_mm, bold=bold)]
        return balanced_lines(text, S.agency, width_mm, bold=bold)

    # -- title (ô 5a) -----------------------------------------------------------------------------

    def title(self) -> None:
        width = self.page.text_width
        spacer = self.line(self.doc, "", S.type_name)
        spacer.paragraph_format.space_before = Pt(6)
        self.line(self.doc, self.m.type_name, S.type_name, bold=True)  # TL-1
        # TL-2: a long trích yếu is broken into even centred lines (a 2 % margin keeps a
        # client with slightly wider glyphs from wrapping a line again).
        lines = [
            ln
            for text in self.m.summary
            for ln in balanced_lines(text, S.summary, width * 0.98, bold=True)
        ]
        summary = self.line(self.doc, "\n".join(lines), S.summary, bold=True)
        summary.paragraph_format.keep_with_next = True
        widest = max(text_width_mm(ln, S.summary, bold=True) for ln in lines)
        rule = self.rule(self.doc, widest * G.rule_ratio, width)  # TL-3
        rule.paragraph_format.space_after = Pt(6)

    # -- body (ô 6) -------------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # ND-2
        fmt.first_line_indent = Mm(G.first_line_indent)  # ND-3
        fmt.space_before = Pt(G.paragraph_before_pt)  # ND-4
        fmt.space_after = Pt(0)
        fmt.line_spacing = G.line_spacing  # ND-5
        fmt.widow_control = True
        if block.keep_with_next:
            fmt.keep_with_next = True
        italic = block.role is Role.LEGAL_BASIS  # CC-1
        for span in block.spans:
            self.run(paragraph, Span(span.text, span.bold, span.italic or italic), self.body_size)
        ooxml.mark_font_size(paragraph, self.body_size)

    # -- Nơi nhận and signature (ô 7, 9b) -------------------------------------------------------

    def closing(self) -> None:
        spacer = self.line(self.doc, "", S.recipients_label)
        spacer.paragraph_format.keep_with_next = True
        cm = G.cell_margin
        total = self.page.text_width + 2 * cm
        left = total * G.bottom_left_share
        table = self.doc.add_table(rows=1, cols=2)
        ooxml.table_geometry(table, [left, total - left], cm)
        ooxml.cant_split(table.rows[0])  # never split across pages

        recipients = table.cell(0, 0)
        left_align = WD_ALIGN_PARAGRAPH.LEFT
        self.line(
            recipients,
            self.m.recipients_label,
            S.recipients_label,
            bold=True,
            italic=True,
            first=True,
            align=left_align,
        )  # NN-1
        for text in self.m.recipients:  # NN-2, NN-3
            self.line(recipients, text, S.recipients, align=left_align)

        signer = table.cell(0, 1)
        first = True
        for text in self.m.signature.authority:  # KY-1
            self.line(signer, text, S.authority, bold=True, first=first)
            first = False
        for _ in range(G.signature_space_lines):  # KY-5: room for signature and seal
            self.line(signer, "", S.signer_name)
        self.line(signer, self.m.signature.name, S.signer_name, bold=True)  # KY-2

    def build(self) -> docx.document.Document:
        self.setup()
        self.header()
        self.title()
        for block in self.m.blocks:
            self.block(block)
        self.closing()
        return self.doc


def build_docx(model: Document) -> docx.document.Document:
    """The python-docx document for ``model`` (for callers that want to edit further)."""
    return _Writer(model).build()


def to_bytes(model: Document) -> bytes:
    buffer = io.BytesIO()
    build_docx(model).save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member timestamps so equal input gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
