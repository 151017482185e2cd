"""The styles of a kehoach document, from the rule book: one named style per NĐ 30 component.

Word users see "Body Text", "Heading 1–3" (real outline levels, so the navigation pane, a
table of contents and pandoc find the plan's structure) and Vietnamese names for the rest
("Quốc hiệu", "Trích yếu", "Nơi nhận" …). Runs then carry only what differs from their
paragraph's style. Numbering stays literal text: the law prints "I.", "1.", "a)".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kehoach.law.profile import Profile
from kehoach.writer.xml import XML_HEAD, W, esc, fonts, props, size, spacing, twips

# Line spacing attribute of "single": one line, measured by the font.
SINGLE = 'w:line="240" w:lineRule="auto"'
RULE_LINE = 'w:line="60" w:lineRule="exact"'  # a drawn rule's paragraph is 3 pt high
RULE_MARK_PT = 2


@dataclass(frozen=True)
class Style:
    """A paragraph style: what the emitter needs to know (bold/italic) and what Word shows."""

    id: str
    name: str
    size: float
    bold: bool = False
    italic: bool = False
    align: str = "center"  # jc value
    builtin: bool = False  # Word localises a built-in name itself
    based_on: str = "Normal"
    next: str | None = None
    keep_next: bool = False
    outline: int | None = None  # 0 = Heading 1
    body: bool = False  # justified body paragraph with first-line indent (ND-2..ND-5)
    line: str = SINGLE
    before_pt: float = 0


@dataclass(frozen=True)
class StyleSheet:
    """All styles of one (profile, body size), by role in the layout."""

    normal: Style
    body: Style
    legal_basis: Style
    headings: tuple[Style, Style, Style]
    quoc_hieu: Style
    tieu_ngu: Style
    superior: Style
    agency: Style
    number: Style
    place_date: Style
    type_name: Style
    summary: Style
    rule: Style
    recipients_label: Style
    recipients: Style
    authority: Style
    position: Style  # the signer's own position: KY-1 bold, D-KY-3 regular
    signer_name: Style
    page_number: Style
    note: Style  # "(Ban hành kèm theo …)", "(Kèm theo …)": PL-4, Mẫu 1.3
    issuer: Style  # a Quyết định's issuing authority under its title
    decision_line: Style  # "QUYẾT ĐỊNH:"
    appendix_label: Style  # PL-2: "Phụ lục I"
    appendix_title: Style  # PL-3
    cell: Style  # table cells
    cell_head: Style  # table header cells
    mark: Style  # D-CQ-5, D-TL-3: "*" and "-----" where NĐ 30 draws a rule

    def all(self) -> list[Style]:
        return [
            self.normal,
            self.body,
            self.legal_basis,
            *self.headings,
            self.quoc_hieu,
            self.tieu_ngu,
            self.superior,
            self.agency,
            self.number,
            self.place_date,
            self.type_name,
            self.summary,
            self.rule,
            self.recipients_label,
            self.recipients,
            self.authority,
            self.position,
            self.signer_name,
            self.page_number,
            self.note,
            self.issuer,
            self.decision_line,
            self.appendix_label,
            self.appendix_title,
            self.cell,
            self.cell_head,
            self.mark,
        ]


# Word's outline level "Body Text": a paragraph that is no heading (headings are 0–8).
BODY_TEXT_LEVEL = 9


@lru_cache(maxsize=16)
def style_sheet(profile: Profile, body_size: float) -> StyleSheet:
    s = profile.sizes
    exact = profile.body.line_exact_pt  # D-ND-4: "Exactly" so many points
    if exact is not None:
        body_line = f'w:line="{round(20 * exact.value)}" w:lineRule="exact"'
    else:  # ND-5: a multiple of single spacing
        body_line = f'w:line="{round(240 * profile.body.line_spacing.value)}" w:lineRule="auto"'
    body = Style(
        "BodyText",
        "Body Text",
        body_size,
        align="both",
        builtin=True,
        body=True,
        line=body_line,
        before_pt=profile.body.space_before_pt,
        outline=BODY_TEXT_LEVEL,  # said, not left to the default: an item is not a heading
    )

    def heading(level: int) -> Style:
        return Style(
            f"Heading{level}",
            f"heading {level}",
            body_size,
            bold=True,
            align="both",
            builtin=True,
            based_on=body.id,
            next=body.id,
            keep_next=True,
            outline=level - 1,
            body=True,
            line=body_line,
            before_pt=profile.body.space_before_pt,
        )

    return StyleSheet(
        normal=Style("Normal", "Normal", body_size, align="left", builtin=True, based_on=""),
        body=body,
        legal_basis=Style(
            "CanCu",
            "Căn cứ",
            body_size,
            italic=profile.legal_basis_italic,  # CC-1; D-CC-1: upright
            align="both",
            based_on=body.id,
            body=True,
            line=body_line,
            before_pt=profile.body.space_before_pt,
        ),
        headings=(heading(1), heading(2), heading(3)),
        quoc_hieu=Style("QuocHieu", "Quốc hiệu", s.quoc_hieu.value, bold=True),
        tieu_ngu=Style("TieuNgu", "Tiêu ngữ", s.tieu_ngu.value, bold=True),
        superior=Style("CoQuanChuQuan", "Tên cơ quan chủ quản", s.superior.value),
        agency=Style("CoQuan", "Tên cơ quan ban hành", s.agency.value, bold=True),
        number=Style("SoKyHieu", "Số, ký hiệu", s.number.value),
        place_date=Style("DiaDanh", "Địa danh, ngày tháng", s.place_date.value, italic=True),
        type_name=Style(
            "TenLoai", "Tên loại văn bản", s.type_name.value, bold=True, keep_next=True
        ),
        summary=Style("TrichYeu", "Trích yếu", s.summary.value, bold=True, keep_next=True),
        rule=Style("DuongKe", "Đường kẻ", RULE_MARK_PT, line=RULE_LINE),
        recipients_label=Style(  # NN-1; D-NN-2: regular, the words underlined (by the run)
            "NoiNhan",
            "Nơi nhận",
            s.recipients_label.value,
            bold=profile.recipients_label_bold,
            italic=profile.recipients_label_italic,
            align="left",
        ),
        recipients=Style("DanhSachNoiNhan", "Danh sách nơi nhận", s.recipients.value, align="left"),
        authority=Style(
            "ThamQuyenKy", "Thẩm quyền, chức vụ người ký", s.authority.value, bold=True
        ),
        position=Style(
            "ChucVuNguoiKy",
            "Chức vụ người ký",
            s.authority.value,
            bold=profile.position_bold,
        ),
        signer_name=Style("HoTenNguoiKy", "Họ tên người ký", s.signer_name.value, bold=True),
        page_number=Style("Header", "header", s.page_number.value, builtin=True),
        note=Style("KemTheo", "Kèm theo", s.note.value, italic=True, keep_next=True),  # PL-4
        issuer=Style(
            "ThamQuyen",
            "Thẩm quyền ban hành",
            s.summary.value,
            bold=True,
            keep_next=True,
            before_pt=profile.body.space_before_pt,
        ),
        decision_line=Style(
            "QuyetDinhDong",
            "Quyết định (dòng)",
            body_size,
            bold=True,
            keep_next=True,
            before_pt=profile.body.space_before_pt,
        ),
        appendix_label=Style("PhuLuc", "Phụ lục", s.appendix.value, bold=True, keep_next=True),
        appendix_title=Style(
            "TieuDePhuLuc", "Tên phụ lục", s.summary.value, bold=True, keep_next=True
        ),
        cell=Style("Bang", "Nội dung bảng", body_size, align="left", before_pt=2),
        cell_head=Style("BangDau", "Tiêu đề cột", body_size, bold=True, before_pt=2),
        mark=Style("DauNgan", "Dấu ngăn", s.mark.value),
    )


def _style_xml(style: Style, profile: Profile) -> str:
    ppr: dict[str, str] = {}
    if style.keep_next:
        ppr["keepNext"] = "<w:keepNext/>"
    if style.body:
        ppr["widowControl"] = "<w:widowControl/>"
        indent = twips(profile.body.first_line_indent_mm)
        ppr["ind"] = f'<w:ind w:left="0" w:right="0" w:firstLine="{indent}"/>'
    ppr["spacing"] = spacing(style.before_pt, 0, style.line)
    ppr["jc"] = f'<w:jc w:val="{style.align}"/>'
    if style.outline is not None:
        ppr["outlineLvl"] = f'<w:outlineLvl w:val="{style.outline}"/>'
    rpr: dict[str, str] = dict(size(style.size))
    if style.bold:
        rpr |= {"b": "<w:b/>", "bCs": "<w:bCs/>"}
    if style.italic:
        rpr |= {"i": "<w:i/>", "iCs": "<w:iCs/>"}
    default = ' w:default="1"' if style.id == "Normal" else ""
    head = f'<w:style w:type="paragraph"{default} w:styleId="{style.id}">'
    head += f'<w:name w:val="{esc(style.name)}"/>'
    if style.based_on:
        head += f'<w:basedOn w:val="{style.based_on}"/>'
    if style.next:
        head += f'<w:next w:val="{style.next}"/>'
    if style.outline is not None:
        head += '<w:uiPriority w:val="9"/>'
    head += "<w:qFormat/>"
    return f"{head}{props('pPr', ppr)}{props('rPr', rpr)}</w:style>"


@lru_cache(maxsize=16)
def styles_xml(profile: Profile, body_size: float) -> bytes:
    sheet = style_sheet(profile, body_size)
    lang = esc(profile.language)
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"{fonts(profile.font)}"
        f'<w:sz w:val="{round(body_size * 2)}"/><w:szCs w:val="{round(body_size * 2)}"/>'
        f'<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="{lang}"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f"{spacing(0, 0, SINGLE)}"
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    character = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
    )
    pad = twips(profile.cell_margin_mm)
    table = (
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
    )
    body = "".join(_style_xml(style, profile) for style in sheet.all())
    return (
        f'{XML_HEAD}<w:styles xmlns:w="{W}">{defaults}{body}{character}{table}</w:styles>'
    ).encode()
