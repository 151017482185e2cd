"""document.xml: the document model drawn as the layout pass planned it (nd30-spec §18).

Layout only: every text arrives composed, every width and line break arrives measured
(``kehoach.law.layout``); this module turns them into WordprocessingML text.
"""

from __future__ import annotations

from kehoach.document import Block, Document, Role
from kehoach.law.layout import PageLayout, Rule
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


class _Emitter:
    def __init__(self, document: Document, layout: PageLayout, profile: Profile) -> None:
        self.doc = document
        self.layout = layout
        self.law = profile
        self.sheet: StyleSheet = style_sheet(profile, document.page.body_size)
        self.parts: list[str] = []

    # -- text ----------------------------------------------------------------------------

    @staticmethod
    def runs(text: str, style: Style, *, size_pt: float | None = None) -> str:
        """One line of a component, or several joined by line breaks ("\\n")."""
        rpr = props("rPr", size(size_pt)) if size_pt is not None else ""
        pieces = [run(line, rpr) if line else "" for line in text.split("\n")]
        return f"<w:r>{rpr}<w:br/></w:r>".join(pieces)

    def line(self, style: Style, text: str = "", **extra: str) -> str:
        return paragraph(style.id, self.runs(text, style), **extra)

    def rule(self, rule: Rule, **extra: str) -> str:
        """§16 option 1: an empty paragraph whose bottom border is the line."""
        side = twips(rule.indent)
        border = (
            f'<w:pBdr><w:bottom w:val="single" w:sz="{self.law.rule_weight_eighths}"'
            ' w:space="1" w:color="000000"/></w:pBdr>'
        )
        ind = f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/>'
        return paragraph(self.sheet.rule.id, pBdr=border, ind=ind, **extra)

    # -- tables ----------------------------------------------------------------------------

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
                "tblCellMar": (
                    f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
                    f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/>'
                    "</w:tblCellMar>"
                ),
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

    # -- the page, top to bottom -------------------------------------------------------------

    def header(self) -> None:
        """Ô 1–4 in a 2 × 2 table (H-1, H-2)."""
        plan, head, sheet = self.layout.header, self.doc.header, self.sheet
        names = [self.line(sheet.superior, t) for t in plan.superior]  # CQ-2
        names += [self.line(sheet.agency, t) for t in plan.body]  # CQ-3
        names.append(self.rule(plan.agency_rule))  # CQ-5
        nation = [
            self.line(sheet.quoc_hieu, self.law.quoc_hieu),  # QH-1..QH-3
            self.line(sheet.tieu_ngu, self.law.tieu_ngu),  # TN-1, TN-2
            self.rule(plan.motto_rule),  # TN-3
        ]
        gap = {"spacing": spacing(_ROW_GAP_PT, 0)}
        number = self.line(sheet.number, head.number_line, **gap)  # SO-1, SO-5
        date_size = None if plan.date_size == sheet.place_date.size else plan.date_size
        date = paragraph(
            sheet.place_date.id,
            self.runs(head.place_date, sheet.place_date, size_pt=date_size),  # DD-8
            **gap,
            **({"rPr": props("rPr", size(date_size))} if date_size else {}),
        )
        rows = [["".join(names), "".join(nation)], [number, date]]
        self.parts.append(self.table(plan.columns, rows, cant_split=False))

    def title(self) -> None:
        """Ô 5a: type name, trích yếu in balanced lines, rule (TL-1..TL-3)."""
        sheet, plan = self.sheet, self.layout.title
        self.parts.append(self.line(sheet.type_name, spacing=spacing(_TITLE_GAP_PT, 0)))
        self.parts.append(self.line(sheet.type_name, self.doc.type_name))
        self.parts.append(self.line(sheet.summary, "\n".join(plan.summary)))
        self.parts.append(self.rule(plan.rule, spacing=spacing(0, _TITLE_GAP_PT, RULE_LINE)))

    def block(self, block: Block) -> None:
        """Ô 6: a body paragraph in the style of its role; runs say only what differs."""
        sheet = self.sheet
        if block.role is Role.LEGAL_BASIS:
            style = sheet.legal_basis
        elif block.level:
            style = sheet.headings[min(block.level, 3) - 1]
        else:
            style = sheet.body
        content = []
        for span in block.spans:
            rpr: dict[str, str] = {}
            italic = span.italic or style.italic  # CC-1: a căn cứ is italic throughout
            if span.bold != style.bold:
                rpr |= toggle("b", span.bold)
            if italic != style.italic:
                rpr |= toggle("i", italic)
            content.append(run(span.text, props("rPr", rpr)))
        extra = (
            {"keepNext": "<w:keepNext/>"} if block.keep_with_next and not style.keep_next else {}
        )
        self.parts.append(paragraph(style.id, "".join(content), **extra))

    def closing(self) -> None:
        """Ô 7 and 9b: Nơi nhận left, signature right, in one row that never splits (NN-5)."""
        sheet, doc = self.sheet, self.doc
        self.parts.append(self.line(sheet.recipients_label, keepNext="<w:keepNext/>"))
        left = [self.line(sheet.recipients_label, doc.recipients_label)]  # NN-1
        left += [self.line(sheet.recipients, text) for text in doc.recipients]  # NN-2, NN-3
        right = [self.line(sheet.authority, text) for text in doc.signature.authority]  # KY-1
        right += [self.line(sheet.signer_name)] * self.law.signature_space_lines  # KY-5
        right.append(self.line(sheet.signer_name, doc.signature.name))  # KY-2
        self.parts.append(
            self.table(self.layout.closing, [["".join(left), "".join(right)]], cant_split=True)
        )

    def section(self) -> str:
        """P-1..P-5; PN-3, PN-4: the number in the header, none on page 1."""
        page, law = self.doc.page, self.law
        return props(
            "sectPr",
            {
                "headerReference": (
                    f'<w:headerReference w:type="default" r:id="{HEADER_DEFAULT}"/>'
                    f'<w:headerReference w:type="first" r:id="{HEADER_FIRST}"/>'
                ),
                "pgSz": f'<w:pgSz w:w="{twips(page.width)}" w:h="{twips(page.height)}"/>',
                "pgMar": (
                    f'<w:pgMar w:top="{twips(page.top)}" w:right="{twips(page.right)}"'
                    f' w:bottom="{twips(page.bottom)}" w:left="{twips(page.left)}"'
                    f' w:header="{twips(law.header_distance_mm)}"'
                    f' w:footer="{twips(law.footer_distance_mm)}" w:gutter="0"/>'
                ),
                "cols": '<w:cols w:space="720"/>',
                "titlePg": "<w:titlePg/>",
                "docGrid": '<w:docGrid w:linePitch="360"/>',
            },
        )

    def xml(self) -> bytes:
        self.header()
        self.title()
        for block in self.doc.blocks:
            self.block(block)
        self.closing()
        body = "".join(self.parts) + self.section()
        return (
            f'{XML_HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body>'
            "</w:document>"
        ).encode()


def document_xml(document: Document, layout: PageLayout, profile: Profile) -> bytes:
    return _Emitter(document, layout, profile).xml()


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
