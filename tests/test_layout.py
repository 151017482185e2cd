"""Every rendered example, read back, against the nd30-spec §18 checklist (by rule ID)."""

from __future__ import annotations

import re
import unicodedata

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx_read import (
    TWIPS_PER_MM,
    all_bold,
    all_italic,
    body_paragraphs,
    cell_inner_width_mm,
    closing_tables,
    fmt,
    header_table,
    rule_length_mm,
    rule_paragraph,
    run_formats,
    signature_table,
    sizes,
)

from kehoach.law.metrics import text_width_mm, wrap_lines

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
DATE = re.compile(
    r"^[A-ZĐÀ-Ỹ][^,]*, ngày (0[1-9]|[12][0-9]|3[01]) tháng (01|02|[3-9]|1[0-2]) năm \d{4}$"
)
DRAFT_DATE = re.compile(r"^[A-ZĐÀ-Ỹ][^,]*, ngày\s+tháng\s+năm \d{4}$")
NUMBER = re.compile(r"^Số: (0[1-9]|[1-9][0-9]+|\s+)/(KH|QĐ)(-[A-ZĐ0-9a-zđ&.]+)+$")


def all_paragraphs(doc):  # type: ignore[no-untyped-def]
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in doc.sections:
        for part in (section.header, section.first_page_header):
            yield from part.paragraphs


# -- page (P-*) -----------------------------------------------------------------------------


def test_P1_P2_a4_portrait(example_doc) -> None:
    """A4 throughout; portrait, except an appendix printed landscape (PL, P-6)."""
    first, *rest = example_doc.sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    for section in (first, *rest):
        if section.orientation == WD_ORIENT.LANDSCAPE:
            assert section is not first
            assert abs(section.page_width.mm - 297) < 0.5
            assert abs(section.page_height.mm - 210) < 0.5
        else:
            assert abs(section.page_width.mm - 210) < 0.5
            assert abs(section.page_height.mm - 297) < 0.5


def test_P3_margins_in_range(example_doc) -> None:
    for s in example_doc.sections:
        assert 20 <= round(s.top_margin.mm, 1) <= 25
        assert 20 <= round(s.bottom_margin.mm, 1) <= 25
        assert 30 <= round(s.left_margin.mm, 1) <= 35
        assert 15 <= round(s.right_margin.mm, 1) <= 20


# -- font (F-*) ------------------------------------------------------------------------------


def test_F1_times_new_roman_in_every_run(example_doc) -> None:
    count = 0
    for paragraph in all_paragraphs(example_doc):
        for run in run_formats(paragraph):
            assert run.font == "Times New Roman", (run.text, run.font)
            count += 1
    assert count > 50
    # F-5: all four font slots, and no theme font that would override them.
    for fonts in example_doc.element.body.iter(qn("w:rFonts")):
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            assert fonts.get(qn(slot)) == "Times New Roman"
        assert fonts.get(qn("w:asciiTheme")) is None


def test_F2_text_is_nfc(example_doc) -> None:
    for paragraph in all_paragraphs(example_doc):
        assert unicodedata.is_normalized("NFC", paragraph.text)


def test_F3_text_is_black(example_doc) -> None:
    for paragraph in all_paragraphs(example_doc):
        for run in run_formats(paragraph):
            assert run.color in (None, "auto", "000000"), run


# -- page numbers (PN-*) ------------------------------------------------------------------------


def test_PN1_PN3_page_field_centred_in_header(example_doc) -> None:
    section = example_doc.sections[0]
    paragraph = section.header.paragraphs[0]
    instr = "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    # PN-1: nothing but the field's digits (no "Trang", no "- 2 -").
    assert re.fullmatch(r"\d*", paragraph.text)


def test_PN2_page_number_size_upright(example_doc) -> None:
    paragraph = example_doc.sections[0].header.paragraphs[0]
    for run in run_formats(paragraph):
        assert run.size is not None and 13 <= run.size <= 14
        assert not run.bold and not run.italic


def test_PN4_first_page_shows_no_number(example_doc) -> None:
    section = example_doc.sections[0]
    assert section.different_first_page_header_footer
    assert section._sectPr.find(qn("w:titlePg")) is not None
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert all(not p.text.strip() for p in first.paragraphs)
    assert not list(first._element.iter(qn("w:instrText")))
    assert not list(first._element.iter(qn("w:fldSimple")))


# -- header block (H-*, QH-*, TN-*, CQ-*, SO-*, DD-*) ----------------------------------------------


def test_H1_H3_header_is_borderless_two_column_table(example_doc) -> None:
    table = header_table(example_doc)
    assert len(table.columns) == 2 and len(table.rows) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for edge in borders:
        assert edge.get(qn("w:val")) in ("nil", "none")
    assert not list(table._tbl.iter(qn("w:tcBorders")))


def test_QH1_QH2_TN1_TN2_national_title(example_doc) -> None:
    cell = header_table(example_doc).cell(0, 1)
    qh, tn = cell.paragraphs[0], cell.paragraphs[1]
    assert qh.text == QUOC_HIEU
    assert all_bold(qh) and not all_italic(qh) and sizes(qh) <= {12, 13}
    assert tn.text == TIEU_NGU
    assert all_bold(tn) and sizes(tn) <= {13, 14}
    assert fmt(qh, "alignment") == fmt(tn, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_H5_H6_quoc_hieu_fits_on_one_line(example_doc) -> None:
    table = header_table(example_doc)
    qh = table.cell(0, 1).paragraphs[0]
    (size,) = sizes(qh)
    assert text_width_mm(QUOC_HIEU, size, bold=True) <= cell_inner_width_mm(table, 1)


def test_TN3_rule_under_motto_as_wide_as_the_motto(example_doc) -> None:
    table = header_table(example_doc)
    cell = table.cell(0, 1)
    rule = cell.paragraphs[2]
    assert rule_paragraph(rule)
    length, left, right = rule_length_mm(rule, cell_inner_width_mm(table, 1))
    (size,) = sizes(cell.paragraphs[1])
    motto = text_width_mm(TIEU_NGU, size, bold=True)
    assert abs(length - motto) <= 0.1 * motto
    assert abs(left - right) <= 1


def test_CQ2_CQ3_CQ5_issuing_body_and_rule(example_doc) -> None:
    table = header_table(example_doc)
    cell = table.cell(0, 0)
    lines = [p for p in cell.paragraphs if p.text.strip()]
    bold = [p for p in lines if all_bold(p)]
    regular = [p for p in lines if not all_bold(p)]
    assert bold, "CQ-3: issuing body is bold"
    assert lines[: len(regular)] == regular, "CQ-2: superior body comes first, not bold"
    for p in lines:
        assert p.text == p.text.upper()
        assert sizes(p) <= {12, 13}
        assert fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER  # CQ-7
    rule = cell.paragraphs[-1]
    assert rule_paragraph(rule)
    inner = cell_inner_width_mm(table, 0)
    widest = max(text_width_mm(p.text, 13, bold=True) for p in bold)
    assert widest <= inner, "CQ-4: each line fits the column"
    length, left, right = rule_length_mm(rule, inner)
    assert widest / 3 <= length <= widest / 2
    assert abs(left - right) <= 1


def test_H2_SO1_DD1_number_and_date_share_a_row(example_doc) -> None:
    table = header_table(example_doc)
    number = table.cell(1, 0).paragraphs[0]
    date = table.cell(1, 1).paragraphs[0]
    assert number.text.startswith("Số:")
    assert ", ngày" in date.text


def test_SO2_SO3_SO4_number_format(example_doc) -> None:
    number = header_table(example_doc).cell(1, 0).paragraphs[0]
    assert NUMBER.match(number.text), number.text
    # The type code is the first document's: QĐ only when a Quyết định comes first.
    first_title = next(p.text for p in example_doc.paragraphs if p.text.isupper())
    assert ("/QĐ-" in number.text) == (first_title == "QUYẾT ĐỊNH")
    assert sizes(number) == {13}
    assert not all_bold(number) and not all_italic(number)


def test_DD2_DD4_date_format(example_doc) -> None:
    date = header_table(example_doc).cell(1, 1).paragraphs[0]
    assert DATE.match(date.text) or DRAFT_DATE.match(date.text), date.text
    assert "tháng 0" not in date.text.replace("tháng 01", "").replace("tháng 02", "")
    assert all_italic(date) and not all_bold(date)
    assert sizes(date) <= {13, 14}
    assert fmt(date, "alignment") == WD_ALIGN_PARAGRAPH.CENTER  # DD-3


# -- title (TL-*) ------------------------------------------------------------------------------


def _title_paragraphs(doc):  # type: ignore[no-untyped-def]
    """ "KẾ HOẠCH", the trích yếu, and the rule that closes the title block (under the
    "(Ban hành kèm theo Quyết định …)" line when there is one)."""
    paragraphs = list(doc.paragraphs)
    i = next(i for i, p in enumerate(paragraphs) if p.text == "KẾ HOẠCH")
    rule = next(p for p in paragraphs[i + 2 :] if rule_paragraph(p))
    return paragraphs[i], paragraphs[i + 1], rule


def test_TL1_type_name(example_doc) -> None:
    name, _, _ = _title_paragraphs(example_doc)
    assert all_bold(name) and sizes(name) <= {13, 14}
    assert fmt(name, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_TL2_summary_bold_centred_sentence_case(example_doc) -> None:
    _, summary, _ = _title_paragraphs(example_doc)
    assert all_bold(summary) and sizes(summary) <= {13, 14}
    assert fmt(summary, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.text[0].isupper() and not summary.text.startswith("V/v")


def test_TL3_rule_under_summary(example_doc) -> None:
    _, summary, rule = _title_paragraphs(example_doc)
    assert rule_paragraph(rule)
    section = example_doc.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 36000
    lines = [
        ln for part in summary.text.split("\n") for ln in wrap_lines(part, 14, width, bold=True)
    ]
    widest = max(text_width_mm(ln, 14, bold=True) for ln in lines)
    length, left, right = rule_length_mm(rule, width)
    assert widest / 3 <= length <= widest / 2
    assert abs(left - right) <= 1


# -- body (ND-*, CC-*, §8.3) ------------------------------------------------------------------------


def test_ND1_to_ND5_body_paragraphs(example_doc) -> None:
    body = body_paragraphs(example_doc)
    assert len(body) >= 5
    all_sizes = set()
    for p in body:
        assert fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text  # ND-2
        indent_cm = fmt(p, "first_line_indent").cm
        assert min(abs(indent_cm - 1.0), abs(indent_cm - 1.27)) <= 0.02  # ND-3
        gap = (fmt(p, "space_before") or 0) + (fmt(p, "space_after") or 0)
        assert gap >= 6 * 12700 - 1  # ND-4: ≥ 6 pt
        rule = fmt(p, "line_spacing_rule")
        assert rule in (WD_LINE_SPACING.MULTIPLE, WD_LINE_SPACING.SINGLE, None)
        assert 1.0 <= (fmt(p, "line_spacing") or 1.0) <= 1.5  # ND-5
        all_sizes |= sizes(p)
    assert len(all_sizes) == 1 and all_sizes <= {13, 14}  # ND-1: one size throughout


def test_ND6_body_ends_with_slash(example_doc) -> None:
    assert body_paragraphs(example_doc)[-1].text.endswith("./.")


OPENING = ("Căn cứ", "Thực hiện", "Theo đề nghị", "Xét đề nghị")


def test_CC1_legal_bases_italic_and_punctuated(example_doc) -> None:
    body = body_paragraphs(example_doc)
    # The opening (căn cứ, "Thực hiện …", "Theo đề nghị …" lines): every line but the last
    # ends with ";"; the last ends with "." when the sections follow directly, else ";" or
    # "." before the lời dẫn.
    opening = []
    for p in body:
        if not p.text.startswith(OPENING):
            break
        opening.append(p)
    for p in opening:  # a later sentence may start "Căn cứ Kế hoạch này, …": not a căn cứ
        if p.text.startswith("Căn cứ"):
            assert all_italic(p) and p.text.endswith((";", "."))
    for p in opening[:-1]:
        assert p.text.endswith(";"), p.text
    if opening:
        after = body[len(opening)]
        ends = (".",) if re.match(r"^([IVX]+|\d+)\. ", after.text) else (";", ".")
        assert opening[-1].text.endswith(ends), opening[-1].text


def test_S83_part_headings_roman_upper_bold(example_doc) -> None:
    """I., II. … in order; under PHẦN (§8.3 a) they restart in each part."""
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    runs: list[list[str]] = [[]]
    headings = []
    body_list = body_paragraphs(example_doc)  # kept alive: lxml proxies are reused by id
    body = {id(p._p) for p in body_list}
    for p in example_doc.paragraphs:
        if re.fullmatch(r"Phần [IVX]+", p.text):
            runs.append([])
        elif re.match(r"^[IVX]+\. ", p.text) and id(p._p) in body:
            runs[-1].append(p.text.split(".")[0])
            headings.append(p)
    assert headings
    for numerals in runs:
        assert numerals == roman[: len(numerals)]
    for p in headings:
        assert p.text == p.text.upper() and all_bold(p)
        assert fmt(p, "keep_with_next")


def test_S83_numbering_levels(example_doc) -> None:
    """Items after a heading restart at 1.; points run a), b), c), d), đ) … (S-4)."""
    counter = 0
    for p in body_paragraphs(example_doc):
        if re.match(r"^[IVX]+\. ", p.text):
            counter = 0
        elif m := re.match(r"^(\d+)\. ", p.text):
            n = int(m.group(1))
            assert n in (counter + 1, 1), p.text
            counter = n


# -- Nơi nhận and signature (NN-*, KY-*, KT-*) ------------------------------------------------------


def test_NN5_bottom_table_borderless_and_unsplittable(example_doc) -> None:
    for table in closing_tables(example_doc):  # one per document in the file
        assert len(table.columns) == 2 and len(table.rows) == 1
        assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
        for edge in table._tbl.tblPr.find(qn("w:tblBorders")):
            assert edge.get(qn("w:val")) in ("nil", "none")
        left = table.cell(0, 0)._tc.tcPr.find(qn("w:tcW"))
        width = int(left.get(qn("w:w"))) / TWIPS_PER_MM
        assert 52 <= width <= 69


def test_NN1_recipients_label(example_doc) -> None:
    label = signature_table(example_doc).cell(0, 0).paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert all_bold(label) and all_italic(label) and sizes(label) == {12}


def test_NN2_NN3_recipients_lines(example_doc) -> None:
    lines = [p for p in signature_table(example_doc).cell(0, 0).paragraphs[1:] if p.text]
    assert len(lines) >= 2
    for p in lines[:-1]:
        assert p.text.startswith("- ") and p.text.endswith(";"), p.text
        assert sizes(p) == {11} and not all_bold(p)
    assert re.fullmatch(r"- Lưu: VT(, .+)?\.", lines[-1].text), lines[-1].text


def test_KY1_KY2_KY5_signature_block(example_doc) -> None:
    cell = signature_table(example_doc).cell(0, 1)
    paragraphs = cell.paragraphs
    name = paragraphs[-1]
    authority = []
    for p in paragraphs:
        if not p.text:
            break
        authority.append(p)
    assert authority, "KY-1: authority/position lines first"
    for p in authority:
        assert p.text == p.text.upper() and all_bold(p) and sizes(p) <= {13, 14}
        assert fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    blanks = paragraphs[len(authority) : -1]
    assert len(blanks) >= 4 and not any(p.text for p in blanks)  # KY-5
    assert all_bold(name) and sizes(name) <= {13, 14} and name.text.istitle()
    assert not re.match(r"^(GS|PGS|TS|ThS)\b", name.text)  # KY-3
    # NN-1: "Nơi nhận:" and the first authority line open the same row.
    assert signature_table(example_doc).cell(0, 0).paragraphs[0].text == "Nơi nhận:"


def test_KT1_KT2_authority_combinations(example_doc) -> None:
    cell = signature_table(example_doc).cell(0, 1)
    lines = [p.text for p in cell.paragraphs if p.text][:-1]
    for i, line in enumerate(lines):
        if line.startswith("KT. "):
            assert i + 1 < len(lines) and lines[i + 1] != line[4:]  # KT-1
        if line.startswith("TM. "):
            assert not line[4:].startswith(("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG"))  # KT-2


def test_keep_closing_with_signature(example_doc) -> None:
    """The closing paragraph and the spacer keep with the signature table (not alone)."""
    body = body_paragraphs(example_doc)
    assert fmt(body[-1], "keep_with_next")
