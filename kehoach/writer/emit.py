"""document.xml: the document model drawn as the layout pass planned it (nd30-spec §18).

Layout only: every text arrives composed, every width and line break arrives measured
(``kehoach.law.layout``); this module turns them into WordprocessingML text. A file may hold
several sections: the Quyết định that issues a plan, the plan, and each appendix, every one
starting on a new page with its own page numbers (PN-4, PN-5), portrait or landscape (PL-7).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kehoach.document import Appendix, Block, Document, Page, Role, Span, Table, TableCell
from kehoach.law.layout import (
    ROW_WHOLE_LINES,
    PageLayout,
    Rule,
    cell_lines,
    lay_out,
    note_lines,
    plan_appendix_rule,
    table_columns,
    whole_word_spans,
)
from kehoach.law.metrics import SINGLE_LINE, TWIPS_PER_MM
from kehoach.law.profile import Profile
from kehoach.writer.styles import RULE_LINE, Style, StyleSheet, style_sheet
from kehoach.writer.xml import (
    XML_HEAD,
    R,
    W,
    esc,
    paragraph,
    props,
    run,
    size,
    spacing,
    toggle,
    twips,
)

HEADER_DEFAULT, HEADER_FIRST = "rIdHeaderDefault", "rIdHeaderFirst"
_ROW_GAP_PT = 6  # H-2: the Số / date row sits 6 pt under the names and the Tiêu ngữ
_TITLE_GAP_PT = 6  # TL-5 (UNCONFIRMED): a line before the type name, 6 pt after the rule
_AFTER_TABLE_PT = 6  # the empty paragraph after a content table
_TABLE_RULE_EIGHTHS = 4  # content tables: 0.5 pt single lines
_JC = {"left": "left", "center": "center", "right": "right", "both": "both"}
# The empty paragraph that ends a section carries its properties and takes no room.
_SECTION_END = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'


def landscape(page: Page) -> Page:
    """The same margins on a turned page (P-6, UNCONFIRMED: the common practice)."""
    return replace(page, width=page.height, height=page.width)


class _Emitter:
    def __init__(self, root: Document, profile: Profile) -> None:
        self.law = profile
        self.sheet: StyleSheet = style_sheet(profile, root.page.body_size)
        self.parts: list[str] = []
        self.section: str | None = None  # properties of the section being written
        self.doc = root
        self.layout: PageLayout | None = None
        self.width = root.page.text_width

    # -- text ----------------------------------------------------------------------------

    @staticmethod
    def runs(text: str, *, size_pt: float | None = None) -> str:
        """One line of a component, or several joined by line breaks ("\\n")."""
        rpr = _run_properties(None, None, size_pt)
        pieces = [run(line, rpr) if line else "" for line in text.split("\n")]
        return f"<w:r>{rpr}<w:br/></w:r>".join(pieces)

    def line(self, style: Style, text: str = "", **extra: str) -> str:
        return paragraph(style.id, self.runs(text), **extra)

    def spans(self, spans: list[Span], style: Style, *, size_pt: float | None = None) -> str:
        """Runs that say only what differs from ``style`` (and a size, when asked)."""
        content = []
        for span in spans:
            italic = span.italic or style.italic  # CC-1: a căn cứ is italic throughout
            rpr = _run_properties(
                span.bold if span.bold != style.bold else None,
                italic if italic != style.italic else None,
                size_pt,
            )
            content.append(run(span.text, rpr))
        return "".join(content)

    def title_rule(self, rule: Rule) -> str:
        """TL-3, PL-5: the rule that closes a title block; D-TL-3, D-PL-2: "-----" instead."""
        if self.law.title_mark is not None:
            return self.line(
                self.sheet.mark, self.law.title_mark, spacing=spacing(0, _TITLE_GAP_PT)
            )
        return self.rule(rule, spacing=spacing(0, _TITLE_GAP_PT, RULE_LINE))

    def rule(self, rule: Rule, **extra: str) -> str:
        """§16 option 1: an empty paragraph whose bottom border is the line."""
        side = twips(rule.indent)
        border = (
            f'<w:pBdr><w:bottom w:val="single" w:sz="{self.law.rule_weight_eighths}"'
            ' w:space="1" w:color="000000"/></w:pBdr>'
        )
        ind = f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/>'
        return paragraph(self.sheet.rule.id, pBdr=border, ind=ind, **extra)

    # -- layout tables -----------------------------------------------------------------------

    def table(self, widths: tuple[float, ...], rows: list[list[str]], *, cant_split: bool) -> str:
        """A borderless fixed-layout table (H-3, NN-5). The outer cells' text sits on the
        page margins: the table reaches into the margin by one cell padding (tblInd is
        measured to the table's edge in Word 2013+ layout, as in the Mẫu files)."""
        pad = twips(self.law.cell_margin_mm)
        cols = [twips(w) for w in widths]
        borders = "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        tbl_pr = props(
            "tblPr",
            {
                "tblW": f'<w:tblW w:w="{sum(cols)}" w:type="dxa"/>',
                "tblInd": f'<w:tblInd w:w="{-pad}" w:type="dxa"/>',
                "tblBorders": f"<w:tblBorders>{borders}</w:tblBorders>",
                "tblLayout": '<w:tblLayout w:type="fixed"/>',
                "tblCellMar": self.cell_margins(pad),
                "tblLook": '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
                ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
            },
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
        tr_pr = props("trPr", {"cantSplit": "<w:cantSplit/>"} if cant_split else {})
        tc_pr = [props("tcPr", {"tcW": f'<w:tcW w:w="{w}" w:type="dxa"/>'}) for w in cols]
        body = []
        for row in rows:
            cells = "".join(
                f"<w:tc>{cell_pr}{content}</w:tc>"
                for cell_pr, content in zip(tc_pr, row, strict=True)
            )
            body.append(f"<w:tr>{tr_pr}{cells}</w:tr>")
        return f"<w:tbl>{tbl_pr}<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"

    @staticmethod
    def cell_margins(pad: int, vertical: int = 0) -> str:
        return (
            f'<w:tblCellMar><w:top w:w="{vertical}" w:type="dxa"/>'
            f'<w:left w:w="{pad}" w:type="dxa"/><w:bottom w:w="{vertical}" w:type="dxa"/>'
            f'<w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
        )

    # -- content tables ------------------------------------------------------------------------

    def content_table(self, table: Table) -> str:
        """A table of the plan: ruled, as wide as the text, the header row repeated on every
        page, merged cells as the assignment table needs them."""
        total = twips(self.width)
        size = table.size or self.sheet.cell.size
        cols = [twips(w) for w in table_columns(self.law, table, self.width, size)]
        cols[-1] = total - sum(cols[:-1])
        edge = f'w:val="single" w:sz="{_TABLE_RULE_EIGHTHS}" w:space="0" w:color="000000"'
        borders = "".join(
            f"<w:{side} {edge}/>"
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        pad = twips(self.law.cell_margin_mm)
        tbl_pr = props(
            "tblPr",
            {
                "tblW": f'<w:tblW w:w="{total}" w:type="dxa"/>',
                "tblInd": '<w:tblInd w:w="0" w:type="dxa"/>',
                "tblBorders": f"<w:tblBorders>{borders}</w:tblBorders>",
                "tblLayout": '<w:tblLayout w:type="fixed"/>',
                "tblCellMar": self.cell_margins(pad, 20),
                "tblLook": '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
                ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
            },
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
        size_pt = table.size if table.size and table.size != self.sheet.cell.size else None
        rows = [self.table_row(table.header, cols, size_pt, header=True)]
        rows += [self.table_row(cells, cols, size_pt) for cells in table.rows]
        caption = ""
        if table.caption:
            caption = paragraph(
                self.sheet.cell_head.id,
                self.spans([Span(table.caption, bold=True)], self.sheet.cell_head),
                keepNext="<w:keepNext/>",
                spacing=spacing(self.law.body.space_before_pt, 2),
            )
        return f"{caption}<w:tbl>{tbl_pr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    def table_row(
        self,
        cells: list[TableCell],
        cols: list[int],
        size_pt: float | None,
        *,
        header: bool = False,
    ) -> str:
        heads_rows = any(cell.heads_rows for cell in cells)
        row_pr = {"tblHeader": "<w:tblHeader/>"} if header else {}
        if heads_rows:  # keepNext in every paragraph keeps the row with the next (Word, LO)
            row_pr = {"cantSplit": "<w:cantSplit/>"}
        out = []
        lines = 0  # the row's height in lines, its tallest cell's (merged ones left out)
        column = 0
        for cell in cells:
            width = sum(cols[column : column + cell.colspan])
            column += cell.colspan
            tc: dict[str, str] = {"tcW": f'<w:tcW w:w="{width}" w:type="dxa"/>'}
            if cell.colspan > 1:
                tc["gridSpan"] = f'<w:gridSpan w:val="{cell.colspan}"/>'
            if cell.covered:
                tc["vMerge"] = "<w:vMerge/>"
            elif cell.rowspan > 1:
                tc["vMerge"] = '<w:vMerge w:val="restart"/>'
            if header or cell.rowspan > 1:
                tc["vAlign"] = '<w:vAlign w:val="center"/>'
            style = self.sheet.cell_head if header else self.sheet.cell
            ppr: dict[str, str] = {}
            if cell.align != style.align:
                ppr["jc"] = f'<w:jc w:val="{_JC[cell.align]}"/>'
            if heads_rows:
                ppr["keepNext"] = "<w:keepNext/>"
            if size_pt:
                ppr["rPr"] = props("rPr", size(size_pt))
            # Words kept whole where the client wraps the cell (as in Nơi nhận lines).
            inside = width / TWIPS_PER_MM - 2 * self.law.cell_margin_mm
            font = size_pt or style.size
            bold = style.bold or cell.bold
            held = [
                whole_word_spans(spans, font, inside, bold=bold)
                for spans in (cell.paragraphs if not cell.covered else [[]])
            ]
            if not cell.covered and cell.rowspan == 1:
                lines = max(lines, cell_lines(held, font, inside, bold=bold))
            paragraphs = [
                paragraph(style.id, self.spans(spans, style, size_pt=size_pt), **ppr)
                for spans in held
            ]
            out.append(f"<w:tc>{props('tcPr', tc)}{''.join(paragraphs)}</w:tc>")
        if not header and lines <= ROW_WHOLE_LINES:
            row_pr["cantSplit"] = "<w:cantSplit/>"
        return f"<w:tr>{props('trPr', row_pr)}{''.join(out)}</w:tr>"

    # -- the page, top to bottom ---------------------------------------------------------------

    def header(self) -> None:
        """Ô 1–4 in a 2 × 2 table (H-1, H-2); a text attached to a Quyết định has only the
        names and the Quốc hiệu (Mẫu 1.3)."""
        plan, head, sheet = self.layout.header, self.doc.header, self.sheet  # type: ignore[union-attr]
        names = [self.line(sheet.superior, t) for t in plan.superior]  # CQ-2
        names += [self.line(sheet.agency, t) for t in plan.body]  # CQ-3
        if self.law.agency_mark is not None:  # D-CQ-5: "*", no rule
            names.append(self.line(sheet.mark, self.law.agency_mark))
        else:
            names.append(self.rule(plan.agency_rule))  # CQ-5
        nation = [self.line(sheet.quoc_hieu, self.law.quoc_hieu)]  # QH-1..QH-3, D-TD-1
        if self.law.tieu_ngu is not None:
            nation.append(self.line(sheet.tieu_ngu, self.law.tieu_ngu))  # TN-1, TN-2
        nation.append(self.rule(plan.motto_rule))  # TN-3, D-TD-3
        rows = [["".join(names), "".join(nation)]]
        if head.number_line is not None and head.place_date is not None:
            gap = {"spacing": spacing(_ROW_GAP_PT, 0)}
            number = self.line(sheet.number, head.number_line, **gap)  # SO-1, SO-5
            date_size = None if plan.date_size == sheet.place_date.size else plan.date_size
            date = paragraph(
                sheet.place_date.id,
                self.runs(head.place_date, size_pt=date_size),  # DD-8
                **gap,
                **({"rPr": props("rPr", size(date_size))} if date_size else {}),
            )
            rows.append([number, date])
        self.parts.append(self.table(plan.columns, rows, cant_split=False))

    def title(self) -> None:
        """Ô 5a: type name, trích yếu in balanced lines, the "(Ban hành kèm theo …)" line of
        an attached text, rule (TL-1..TL-3); a Quyết định's issuing authority under it."""
        sheet, plan, doc = self.sheet, self.layout.title, self.doc  # type: ignore[union-attr]
        self.parts.append(self.line(sheet.type_name, spacing=spacing(_TITLE_GAP_PT, 0)))
        self.parts.append(self.line(sheet.type_name, doc.type_name))
        self.parts.append(self.line(sheet.summary, "\n".join(plan.summary)))
        if doc.note:
            lines = note_lines(self.law, self.width, doc.note)
            self.parts.append(self.line(sheet.note, "\n".join(lines)))
        self.parts.append(self.title_rule(plan.rule))
        if doc.authority:
            self.parts.append(self.line(sheet.issuer, doc.authority))

    def block(self, block: Block) -> None:
        """Ô 6: a body paragraph in the style of its role; runs say only what differs."""
        if block.table is not None:
            self.parts.append(self.content_table(block.table))
            # A small empty paragraph closes the table: LibreOffice drops the keep-with-next
            # chain of a heading that directly follows a table, and leaves it alone at a page
            # foot (NT-1); Word shows a paragraph mark here anyway.
            self.parts.append(
                paragraph(
                    self.sheet.cell.id,
                    spacing=spacing(0, 0),
                    rPr=props("rPr", size(_AFTER_TABLE_PT)),
                )
            )
            return
        sheet = self.sheet
        extra: dict[str, str] = {}
        if block.role is Role.LEGAL_BASIS:
            style = sheet.legal_basis
        elif block.role is Role.DECISION_LINE:
            style = sheet.decision_line
        elif block.level:
            style = sheet.headings[min(block.level, 3) - 1]
            if block.role is Role.PART_LABEL:  # "Phần I" and its title: centred (§8.3)
                extra = {"ind": '<w:ind w:firstLine="0"/>', "jc": '<w:jc w:val="center"/>'}
        elif block.role is Role.PART_LABEL:
            style = sheet.headings[0]
            extra = {"ind": '<w:ind w:firstLine="0"/>', "jc": '<w:jc w:val="center"/>'}
        else:
            style = sheet.body
        if block.keep_with_next and not style.keep_next:
            extra["keepNext"] = "<w:keepNext/>"
        self.parts.append(paragraph(style.id, self.spans(block.spans, style), **extra))

    def closing(self) -> None:
        """Ô 7 and 9b: Nơi nhận left, signature right, in one row that never splits (NN-5).
        A text attached to a Quyết định has the signature only."""
        sheet, doc = self.sheet, self.doc
        layout: PageLayout = self.layout  # type: ignore[assignment]  # laid out by then
        # The blank line between the body and the table is space above each cell's first
        # line, not an empty paragraph: LibreOffice does not carry keep-with-next across two
        # kept paragraphs into a table, and left the table alone on the next page.
        gap = {"spacing": spacing(sheet.recipients_label.size * SINGLE_LINE, 0)}
        left = [paragraph(sheet.recipients.id, **gap)]
        if doc.recipients:
            left = [self.recipients_label(doc.recipients_label, **gap)]  # NN-1, D-NN-2
            # NN-2, NN-3; words kept whole where the client wraps (as below)
            left += [self.line(sheet.recipients, text) for text in layout.recipients]
        signature = [(sheet.authority, text) for text in layout.authority]
        if layout.position:  # KY-1 bold; D-KY-3 regular
            signature.append((sheet.position, layout.position))
        right = [  # the gap above whichever line comes first ("TM. …", or "GIÁM ĐỐC" alone)
            self.line(style, text, **(gap if i == 0 else {}))
            for i, (style, text) in enumerate(signature)
        ]
        right += [self.line(sheet.signer_name)] * self.law.signature_space_lines  # KY-5
        right.append(self.line(sheet.signer_name, doc.signature.name))  # KY-2
        self.parts.append(
            self.table(layout.closing, [["".join(left), "".join(right)]], cant_split=True)
        )

    def recipients_label(self, label: str, **extra: str) -> str:
        """NN-1 "Nơi nhận:"; D-NN-2: the words underlined, not the colon."""
        style = self.sheet.recipients_label
        if not self.law.recipients_label_underline:
            return self.line(style, label, **extra)
        words = label.rstrip(":")
        underlined = run(words, props("rPr", {"u": '<w:u w:val="single"/>'}))
        return paragraph(style.id, underlined + run(label[len(words) :]), **extra)

    def appendix(self, appendix: Appendix) -> None:
        """PL-2..PL-5: "Phụ lục I", its title, "(Kèm theo …)", a short rule, the content."""
        sheet = self.sheet
        self.parts.append(self.line(sheet.appendix_label, appendix.label))
        if appendix.title:
            self.parts.append(self.line(sheet.appendix_title, appendix.title))
        lines = note_lines(self.law, self.width, appendix.note)
        self.parts.append(self.line(sheet.note, "\n".join(lines)))
        rule = plan_appendix_rule(self.law, self.width, appendix.title or appendix.label)
        self.parts.append(self.title_rule(rule))
        for block in appendix.blocks:
            self.block(block)

    # -- sections ----------------------------------------------------------------------------------

    def begin(self, page: Page, *, restart: bool) -> None:
        """Start a section on a new page; the one before ends with a paragraph that holds
        its properties. ``restart``: page numbers start again at 1 (PN-5)."""
        if self.section is not None:
            self.parts.append(f"<w:p><w:pPr>{_SECTION_END}{self.section}</w:pPr></w:p>")
        self.section = self.properties(page, restart=restart)
        self.width = page.text_width

    def properties(self, page: Page, *, restart: bool) -> str:
        """P-1..P-6; PN-3, PN-4, PN-6: the number in the header, none on a section's first
        page."""
        law = self.law
        turned = page.width > page.height
        orient = ' w:orient="landscape"' if turned else ""
        return props(
            "sectPr",
            {
                "headerReference": (
                    f'<w:headerReference w:type="default" r:id="{HEADER_DEFAULT}"/>'
                    f'<w:headerReference w:type="first" r:id="{HEADER_FIRST}"/>'
                ),
                "pgSz": f'<w:pgSz w:w="{twips(page.width)}" w:h="{twips(page.height)}"{orient}/>',
                "pgMar": (
                    f'<w:pgMar w:top="{twips(page.top)}" w:right="{twips(page.right)}"'
                    f' w:bottom="{twips(page.bottom)}" w:left="{twips(page.left)}"'
                    f' w:header="{twips(law.header_distance_mm)}"'
                    f' w:footer="{twips(law.footer_distance_mm)}" w:gutter="0"/>'
                ),
                **({"pgNumType": '<w:pgNumType w:start="1"/>'} if restart else {}),
                "cols": '<w:cols w:space="720"/>',
                "titlePg": "<w:titlePg/>",
                "docGrid": '<w:docGrid w:linePitch="360"/>',
            },
        )

    def document(self, doc: Document, *, restart: bool) -> None:
        self.doc, self.layout = doc, lay_out(doc, self.law)
        self.begin(doc.page, restart=restart)
        self.header()
        self.title()
        for block in doc.blocks:
            self.block(block)
        self.closing()
        for appendix in doc.appendices:
            self.begin(landscape(doc.page) if appendix.landscape else doc.page, restart=True)
            self.appendix(appendix)

    def xml(self, root: Document) -> bytes:
        if root.decision is not None:  # Mẫu 1.3: the Quyết định, then the plan it issues
            self.document(root.decision, restart=False)
        self.document(root, restart=root.decision is not None)
        body = "".join(self.parts) + (self.section or "")
        return (
            f'{XML_HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body>'
            "</w:document>"
        ).encode()


def document_xml(document: Document, profile: Profile) -> bytes:
    return _Emitter(document, profile).xml(document)


def header_xml(profile: Profile, *, page_number: bool) -> bytes:
    """PN-1..PN-4: the default header holds a real PAGE field; the first page's is empty."""
    field = ""
    if page_number:
        field = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t>2</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    style = esc(style_sheet(profile, profile.sizes.body.value).page_number.id)
    return (
        f'{XML_HEAD}<w:hdr xmlns:w="{W}" xmlns:r="{R}">{paragraph(style, field)}</w:hdr>'
    ).encode()


@lru_cache(maxsize=64)
def _run_properties(bold: bool | None, italic: bool | None, size_pt: float | None) -> str:
    """A run's ``w:rPr``: bold or italic set (``None``: as the style says) and a size; made
    once for each of the few combinations a document uses."""
    rpr: dict[str, str] = dict(size(size_pt)) if size_pt is not None else {}
    if bold is not None:
        rpr |= toggle("b", bold)
    if italic is not None:
        rpr |= toggle("i", italic)
    return props("rPr", rpr)
