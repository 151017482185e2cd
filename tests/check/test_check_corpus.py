"""The conforming corpus document and one-mutation variants, each naming the rule it breaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from check_corpus import (
    Opts,
    add_run,
    build,
    cell_of,
    clone,
    paragraphs_with,
    recolor,
    refont,
    restyle,
    save,
    set_border,
)
from conftest import ROOT
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kehoach.check import Finding, check_docx

BASE = Opts()


def run(
    tmp_path: Path, opts: Opts | None = None, mutate: Callable[[DocxDocument], None] | None = None
) -> list[Finding]:
    doc = build(opts or BASE)
    if mutate is not None:
        mutate(doc)
    return check_docx(save(doc, tmp_path / "doc.docx"))


def errors(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def warnings(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "warning"}


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.rule} {f.message} @ {f.where}" for f in findings)


# ---------------------------------------------------------------------- conforming


def test_conforming_document_has_no_finding(tmp_path: Path) -> None:
    findings = run(tmp_path)
    assert findings == [], explain(findings)


@pytest.mark.parametrize("layout", ["split-rows", "side-by-side"])
def test_header_split_into_two_tables_still_passes(tmp_path: Path, layout: str) -> None:
    findings = run(tmp_path, clone(BASE, header_layout=layout))
    assert errors(findings) == set(), explain(findings)


@pytest.mark.parametrize("kind", ["drawing", "underscore", "vml"])
def test_rules_drawn_other_ways_pass(tmp_path: Path, kind: str) -> None:
    findings = run(tmp_path, clone(BASE, rule_kind=kind))
    assert errors(findings) == set(), explain(findings)


def test_body_table_is_not_mistaken_for_header_or_signature(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, body_table=True))
    assert errors(findings) == set(), explain(findings)


def test_style_based_body_that_conforms_has_no_finding(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, body_mode="style"))
    assert findings == [], explain(findings)


def test_blank_number_and_blank_date_are_allowed(tmp_path: Path) -> None:
    opts = clone(BASE, so="Số:      /KH-UBND", date="Phú Phong, ngày      tháng      năm 2024")
    assert errors(run(tmp_path, opts)) == set()


def test_two_digit_number_and_january_date_pass(tmp_path: Path) -> None:
    opts = clone(BASE, so="Số: 15/KH-UBND", date="Phú Phong, ngày 09 tháng 01 năm 2024")
    assert errors(run(tmp_path, opts)) == set()


# ---------------------------------------------------------------------- page setup


def test_P3_left_margin_too_small(tmp_path: Path) -> None:
    findings = run(
        tmp_path, clone(BASE, margins_mm={"top": 20, "bottom": 20, "left": 25, "right": 15})
    )
    assert errors(findings) == {"P-3"}
    (f,) = findings
    assert f.message == "Lề trái 25 mm; NĐ 30 yêu cầu 30–35 mm."
    assert f.where == "thiết lập trang"


def test_P3_top_margin_too_large(tmp_path: Path) -> None:
    findings = run(
        tmp_path, clone(BASE, margins_mm={"top": 30, "bottom": 20, "left": 30, "right": 15})
    )
    assert errors(findings) == {"P-3"}


def test_P1_letter_paper(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_mm=(215.9, 279.4)))
    assert "P-1" in errors(findings)


def test_P2_landscape_first_page(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_mm=(297, 210)))
    assert "P-2" in errors(findings)


# ---------------------------------------------------------------------- page numbers


def test_PN3_no_page_number(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_number="none"))
    assert errors(findings) == {"PN-3"}


def test_PN3_page_number_in_footer(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_number="footer"))
    assert errors(findings) == {"PN-3"}


def test_PN4_number_shown_on_first_page_without_title_pg(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_number="no-titlepg"))
    assert errors(findings) == {"PN-4"}


def test_PN4_first_page_header_has_number(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_number="first-too"))
    assert errors(findings) == {"PN-4"}


def test_PN1_dash_prefix_and_suffix(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, page_number="dash"))
    assert errors(findings) == {"PN-1"}


def test_PN1_dashes_typed_as_no_break_hyphens(tmp_path: Path) -> None:
    """ "‑ 2 ‑" with Word's no-break hyphen (w:noBreakHyphen, no w:t) was read as " 2 "."""
    findings = run(tmp_path, clone(BASE, page_number="nobreak-dash"))
    assert errors(findings) == {"PN-1"}
    (pn1,) = [f for f in findings if f.rule == "PN-1"]
    assert "«-» phía trước" in pn1.message and "«-» phía sau" in pn1.message


def test_PN2_and_PN3_page_number_small_and_right_aligned(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        para = doc.sections[0].header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in para.runs:
            r.font.size = Pt(11)

    assert errors(run(tmp_path, mutate=mutate)) == {"PN-2", "PN-3"}


# ---------------------------------------------------------------------- header


def test_H6_quoc_hieu_wraps_in_narrow_column(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, left_col_mm=75, right_col_mm=90))
    assert errors(findings) == {"H-6"}
    assert any("Quốc hiệu rộng" in f.message for f in findings)


def test_QH1_wrong_text(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, qh="CỘNG HÒA XHCN VIỆT NAM"))
    assert "QH-1" in errors(findings)


def test_QH1_accepts_hoa_with_grave_on_a(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, qh="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert errors(findings) == set(), explain(findings)


def test_QH2_quoc_hieu_not_bold(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "CỘNG HÒA"):
            for r in p.runs:
                r.font.bold = False

    assert errors(run(tmp_path, mutate=mutate)) == {"QH-2"}


def test_TN1_en_dash_instead_of_hyphen(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, tn="Độc lập – Tự do – Hạnh phúc"))
    assert "TN-1" in errors(findings)
    assert any("gạch nối" in f.message for f in findings if f.rule == "TN-1")


def test_TN3_border_rule_too_long(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, tn_rule_mm=90))
    assert errors(findings) == {"TN-3"}


@pytest.mark.parametrize("kind", ["drawing", "underscore", "vml"])
def test_TN3_rule_too_long_in_other_techniques(tmp_path: Path, kind: str) -> None:
    findings = run(tmp_path, clone(BASE, rule_kind=kind, tn_rule_mm=85))
    assert "TN-3" in errors(findings), explain(findings)


@pytest.mark.parametrize("kind", ["border", "drawing", "underscore"])
def test_CQ5_agency_rule_too_long(tmp_path: Path, kind: str) -> None:
    findings = run(tmp_path, clone(BASE, rule_kind=kind, agency_rule_mm=40))
    assert "CQ-5" in errors(findings), explain(findings)


def test_CQ5_missing_rule(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        cell = cell_of(doc, "THỊ TRẤN Y")
        rule = cell.paragraphs[-1]
        rule._p.getparent().remove(rule._p)

    assert errors(run(tmp_path, mutate=mutate)) == {"CQ-5"}


def test_CQ3_issuing_body_not_bold(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "THỊ TRẤN Y"):
            for r in p.runs:
                r.font.bold = False

    assert "CQ-3" in errors(run(tmp_path, mutate=mutate))


def test_H3_visible_header_borders(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        doc.tables[0].style = doc.styles["Table Grid"]
        tbl_pr = doc.tables[0]._tbl.tblPr
        tbl_pr.remove(
            tbl_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
        )

    assert errors(run(tmp_path, mutate=mutate)) == {"H-3"}


def test_H2_so_and_date_in_different_rows(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        table = doc.tables[0]
        row = table.add_row()
        date_cell = table.cell(1, 1)
        date_par = date_cell.paragraphs[0]
        row.cells[1]._tc.append(date_par._p)
        date_cell.add_paragraph()

    assert "H-2" in errors(run(tmp_path, mutate=mutate))


# ---------------------------------------------------------------------- Số / date


@pytest.mark.parametrize("number", ["5", "005", "010"])
def test_SO3_number_format(tmp_path: Path, number: str) -> None:
    findings = run(tmp_path, clone(BASE, so=f"Số: {number}/KH-UBND"))
    assert errors(findings) == {"SO-3"}


def test_SO2_uppercase_label(tmp_path: Path) -> None:
    assert "SO-2" in errors(run(tmp_path, clone(BASE, so="SỐ: 05/KH-UBND")))


def test_SO4_space_inside_symbol(tmp_path: Path) -> None:
    assert "SO-4" in errors(run(tmp_path, clone(BASE, so="Số: 05/KH - UBND")))


def test_SO1_wrong_type_code(tmp_path: Path) -> None:
    assert "SO-1" in errors(run(tmp_path, clone(BASE, so="Số: 05/QĐ-UBND")))


def test_DD4_month_with_leading_zero(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, date="Phú Phong, ngày 05 tháng 05 năm 2024"))
    assert errors(findings) == {"DD-4"}
    assert "«tháng 5»" in findings[0].message


def test_DD4_day_without_leading_zero(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, date="Phú Phong, ngày 5 tháng 3 năm 2024"))
    assert errors(findings) == {"DD-4"}


def test_DD4_february_without_zero(tmp_path: Path) -> None:
    assert errors(run(tmp_path, clone(BASE, date="Phú Phong, ngày 15 tháng 2 năm 2024"))) == {
        "DD-4"
    }


def test_DD1_missing_comma(tmp_path: Path) -> None:
    assert "DD-1" in errors(run(tmp_path, clone(BASE, date="Phú Phong ngày 05 tháng 3 năm 2024")))


def test_DD2_date_not_italic(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "Phú Phong, ngày"):
            for r in p.runs:
                r.font.italic = False

    assert errors(run(tmp_path, mutate=mutate)) == {"DD-2"}


# ---------------------------------------------------------------------- title


def test_TL2_summary_starts_with_vv(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, summary="V/v triển khai công tác dân vận năm 2024"))
    assert "TL-2" in errors(findings)


def test_TL1_title_not_bold(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "KẾ HOẠCH"):
            if p.text == "KẾ HOẠCH":
                for r in p.runs:
                    r.font.bold = False

    assert errors(run(tmp_path, mutate=mutate)) == {"TL-1"}


def test_TL3_summary_rule_too_short(tmp_path: Path) -> None:
    assert errors(run(tmp_path, clone(BASE, summary_rule_mm=15))) == {"TL-3"}


# ---------------------------------------------------------------------- body


def test_ND2_body_not_justified(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, body_align=WD_ALIGN_PARAGRAPH.LEFT))
    assert errors(findings) == {"ND-2"}


def test_ND3_wrong_indent(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, body_indent_cm=0.5))
    assert errors(findings) == {"ND-3"}
    assert any("0,5 cm" in f.message for f in findings)


def test_ND1_body_size_12(tmp_path: Path) -> None:
    assert errors(run(tmp_path, clone(BASE, body_size=12))) == {"ND-1"}


def test_ND1_body_sizes_not_uniform(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "Nâng cao nhận thức"):
            for r in p.runs:
                r.font.size = Pt(13)

    assert errors(run(tmp_path, mutate=mutate)) == {"ND-1"}


def test_ND4_no_space_between_paragraphs(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "Nâng cao nhận thức"):
            p.paragraph_format.space_before = Pt(0)

    assert errors(run(tmp_path, mutate=mutate)) == {"ND-4"}


def test_ND5_double_line_spacing(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "Nâng cao nhận thức"):
            p.paragraph_format.line_spacing = 2.0

    assert errors(run(tmp_path, mutate=mutate)) == {"ND-5"}


def test_ND6_missing_end_mark(tmp_path: Path) -> None:
    body = [*BASE.body[:-1], BASE.body[-1].replace("./.", ".")]
    assert errors(run(tmp_path, clone(BASE, body=body))) == {"ND-6"}


def test_CC1_legal_basis_not_italic(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "Căn cứ Luật"):
            for r in p.runs:
                r.font.italic = False

    assert errors(run(tmp_path, mutate=mutate)) == {"CC-1"}


def test_CC1_last_basis_must_end_with_full_stop(tmp_path: Path) -> None:
    cancu = [BASE.cancu[0], BASE.cancu[1].rstrip(".") + ";"]
    body = ["I. MỤC ĐÍCH, YÊU CẦU", *BASE.body[2:]]
    assert errors(run(tmp_path, clone(BASE, cancu=cancu, body=body))) == {"CC-1"}


def test_style_based_body_that_breaks_rules_is_reported(tmp_path: Path) -> None:
    opts = clone(
        BASE,
        body_mode="style",
        body_style={
            "alignment": WD_ALIGN_PARAGRAPH.LEFT,
            "first_line_indent": Cm(0),
            "space_before": Pt(0),
            "font": "Arial",
        },
    )
    found = errors(run(tmp_path, opts))
    assert {"ND-2", "ND-3", "ND-4", "F-1"} <= found


def test_S4_point_letters_out_of_order(tmp_path: Path) -> None:
    body = [t.replace("b) Phân", "c) Phân") for t in BASE.body]
    findings = run(tmp_path, clone(BASE, body=body))
    assert errors(findings) == set()
    assert "S-4" in warnings(findings)


def test_DM1_roman_heading_not_bold_is_a_warning(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "I. MỤC ĐÍCH"):
            for r in p.runs:
                r.font.bold = False

    findings = run(tmp_path, mutate=mutate)
    assert errors(findings) == set()
    assert "DM-1" in warnings(findings)


# ---------------------------------------------------------------------- fonts, colour


def test_F1_arial_run(tmp_path: Path) -> None:
    findings = run(tmp_path, mutate=lambda d: refont(d, "Nâng cao nhận thức"))
    assert errors(findings) == {"F-1"}
    assert "«Arial»" in findings[0].message


def test_F1_theme_font_from_doc_defaults(tmp_path: Path) -> None:
    """A run with no font of its own inherits docDefaults' theme font (minorHAnsi)."""

    def mutate(doc: DocxDocument) -> None:
        para = paragraphs_with(doc, "Nâng cao nhận thức")[0]
        run_ = para.runs[0]
        rpr = run_._r.rPr
        rpr.remove(rpr.rFonts)
        defaults = doc.styles.element.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
        )
        fonts = defaults.find(
            ".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts"
        )
        fonts.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}asciiTheme", "minorHAnsi"
        )
        fonts.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hAnsiTheme", "minorHAnsi"
        )
        doc.styles["Normal"].element.rPr.remove(doc.styles["Normal"].element.rPr.rFonts)

    findings = run(tmp_path, mutate=mutate)
    assert errors(findings) == {"F-1"}
    assert "Cambria" in findings[0].message  # the theme's minor (body) font


def test_F3_coloured_text(tmp_path: Path) -> None:
    findings = run(tmp_path, mutate=lambda d: recolor(d, "Nâng cao nhận thức"))
    assert errors(findings) == {"F-3"}


def test_F2_decomposed_text_is_a_warning(tmp_path: Path) -> None:
    import unicodedata

    def mutate(doc: DocxDocument) -> None:
        para = paragraphs_with(doc, "Nâng cao nhận thức")[0]
        para.runs[0].text = unicodedata.normalize("NFD", para.runs[0].text)

    findings = run(tmp_path, mutate=mutate)
    assert "F-2" in warnings(findings)
    assert "F-2" not in errors(findings)


# ---------------------------------------------------------------------- recipients, signature


def test_NN3_missing_luu_vt(tmp_path: Path) -> None:
    recipients = ["- Thường trực Huyện ủy;", "- Các ban, ngành, đoàn thể thị trấn."]
    assert errors(run(tmp_path, clone(BASE, recipients=recipients))) == {"NN-3"}


def test_NN2_item_without_semicolon(tmp_path: Path) -> None:
    recipients = ["- Thường trực Huyện ủy", "- Lưu: VT, VP."]
    assert errors(run(tmp_path, clone(BASE, recipients=recipients))) == {"NN-2"}


def test_NN1_label_not_bold_italic(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "Nơi nhận:"):
            for r in p.runs:
                r.font.italic = False

    assert errors(run(tmp_path, mutate=mutate)) == {"NN-1"}


def test_KT1_kt_without_deputy_position(tmp_path: Path) -> None:
    sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH"]
    assert errors(run(tmp_path, clone(BASE, signature=sig))) == {"KT-1"}


def test_KT1_kt_as_last_authority_line(tmp_path: Path) -> None:
    sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert errors(run(tmp_path, clone(BASE, signature=sig))) == {"KT-1"}


def test_KT2_tm_chu_tich(tmp_path: Path) -> None:
    sig = ["TM. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "KT-2" in errors(run(tmp_path, clone(BASE, signature=sig)))


def test_KT3_kt_followed_by_body_name(tmp_path: Path) -> None:
    sig = ["KT. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"]
    assert "KT-3" in errors(run(tmp_path, clone(BASE, signature=sig)))


def test_KT4_tuq_followed_by_kt_is_flagged(tmp_path: Path) -> None:
    sig = ["TUQ. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    findings = run(tmp_path, clone(BASE, signature=sig))
    assert "KT-4" in warnings(findings)


def test_KT5_unusual_combination_is_a_warning(tmp_path: Path) -> None:
    sig = ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]
    findings = run(tmp_path, clone(BASE, signature=sig))
    assert errors(findings) == set()
    assert "KT-5" in warnings(findings)


def test_KT6_head_based_body_signing_tm_is_a_warning(tmp_path: Path) -> None:
    opts = clone(
        BASE,
        superior=["UBND TỈNH LÂM ĐỒNG"],
        issuing=["SỞ TÀI CHÍNH"],
        signature=["TM. SỞ TÀI CHÍNH", "GIÁM ĐỐC"],
    )
    findings = run(tmp_path, opts)
    assert "KT-6" in warnings(findings)


def test_KY3_academic_title_before_name(tmp_path: Path) -> None:
    assert errors(run(tmp_path, clone(BASE, signer="TS. Nguyễn Văn An"))) == {"KY-3"}


def test_KY2_name_in_capitals(tmp_path: Path) -> None:
    assert errors(run(tmp_path, clone(BASE, signer="NGUYỄN VĂN AN"))) == {"KY-2"}


def test_KY1_authority_not_bold(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "PHÓ CHỦ TỊCH"):
            for r in p.runs:
                r.font.bold = False

    assert errors(run(tmp_path, mutate=mutate)) == {"KY-1"}


def test_party_style_prefix_is_rejected(tmp_path: Path) -> None:
    sig = ["T/M ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "KY-1" in errors(run(tmp_path, clone(BASE, signature=sig)))


# ---------------------------------------------------------------------- rules drawn by hand


def test_top_border_on_next_paragraph_counts_as_rule(tmp_path: Path) -> None:
    """Remove the TN rule paragraph and draw the rule as the date cell's... no: as a top
    border of an extra, correctly indented paragraph under the Tiêu ngữ."""

    def mutate(doc: DocxDocument) -> None:
        cell = cell_of(doc, "Độc lập")
        rule = cell.paragraphs[-1]
        bdr = rule._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
        bdr.remove(bdr[0])
        set_border(rule, "top")

    assert errors(run(tmp_path, mutate=mutate)) == set()


def test_rule_in_same_paragraph_after_line_break(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        cell = cell_of(doc, "Độc lập")
        rule = cell.paragraphs[-1]
        rule._p.getparent().remove(rule._p)
        tn = cell.paragraphs[-1]
        tn.runs[-1].add_break()
        add_run(tn, "_" * 24, 14)

    assert errors(run(tmp_path, mutate=mutate)) == set()


def test_superior_body_in_bold_is_reported(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for p in paragraphs_with(doc, "UBND HUYỆN X"):
            for r in p.runs:
                r.font.bold = True

    # All three lines bold: the whole name is then the issuing body (CQ-6) and the rule is
    # measured against its longest line ("UBND HUYỆN X" is wider than "ỦY BAN NHÂN DÂN").
    findings = run(tmp_path, mutate=mutate)
    assert errors(findings) <= {"CQ-5"}


def test_cell_margins_are_subtracted_for_fit(tmp_path: Path) -> None:
    """A right column of exactly 97 mm fits 95.7 mm only without cell margins."""
    findings = run(tmp_path, clone(BASE, left_col_mm=68, right_col_mm=97))
    assert "H-6" in errors(findings)


def test_header_widths_of_official_sample_pass(tmp_path: Path) -> None:
    findings = run(
        tmp_path,
        clone(
            BASE,
            left_col_mm=67.5,
            right_col_mm=100,
            margins_mm={"top": 25, "bottom": 20, "left": 35, "right": 20},
        ),
    )
    assert errors(findings) == set(), explain(findings)


# ---------------------------------------------------------------------- styles only


def test_document_styled_only_through_styles_has_no_finding(tmp_path: Path) -> None:
    findings = check_docx(save(restyle(build()), tmp_path / "styled.docx"))
    assert findings == [], explain(findings)


def test_styles_only_document_without_base_font_falls_back_to_theme(tmp_path: Path) -> None:
    doc = restyle(build())
    base_rpr = doc.styles["KHBase"].element.rPr
    base_rpr.remove(base_rpr.rFonts)
    findings = check_docx(save(doc, tmp_path / "styled.docx"))
    assert errors(findings) == {"F-1"}
    assert all("Cambria" in f.message for f in findings)


def test_QH2_bold_character_style_on_bold_paragraph_style_toggles_off(tmp_path: Path) -> None:
    """OOXML toggle semantics: bold para style + bold char style = regular text."""
    from docx.enum.style import WD_STYLE_TYPE

    doc = restyle(build())
    strong = doc.styles.add_style("DamKH", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    for para in paragraphs_with(doc, "CỘNG HÒA"):
        for r in para.runs:
            r.style = strong
    findings = check_docx(save(doc, tmp_path / "toggle.docx"))
    assert errors(findings) == {"QH-2"}
    assert "không in đậm" in findings[0].message


# ---------------------------------------------------------------------- appendices


def _appendix(
    doc: DocxDocument, *, restart: bool, landscape: bool = False, table: bool = True
) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    if restart:
        num = OxmlElement("w:pgNumType")
        num.set(qn("w:start"), "1")
        sec._sectPr.append(num)
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(para, "Phụ lục I", 14, bold=True)
    if table:
        tbl = doc.add_table(rows=1, cols=2)
        tbl.style = doc.styles["Table Grid"]
        for cell in tbl.rows[0].cells:
            add_run(cell.paragraphs[0], "Nội dung", 13)


def test_PN5_appendix_without_restarted_numbering(tmp_path: Path) -> None:
    findings = run(tmp_path, mutate=lambda d: _appendix(d, restart=False))
    assert errors(findings) == {"PN-5"}


def test_appendix_with_restarted_numbering_passes(tmp_path: Path) -> None:
    findings = run(tmp_path, mutate=lambda d: _appendix(d, restart=True))
    assert errors(findings) == set(), explain(findings)


def test_P2_landscape_appendix_with_table_is_allowed(tmp_path: Path) -> None:
    findings = run(tmp_path, mutate=lambda d: _appendix(d, restart=True, landscape=True))
    assert "P-2" not in errors(findings)
    assert "P-3" not in errors(findings)  # landscape margins are P-6 warnings at most


def test_P2_landscape_section_without_table(tmp_path: Path) -> None:
    findings = run(
        tmp_path, mutate=lambda d: _appendix(d, restart=True, landscape=True, table=False)
    )
    assert "P-2" in errors(findings)


def test_line_anchored_to_an_earlier_agency_paragraph_is_found(tmp_path: Path) -> None:
    """Word anchors a drawn line to the paragraph nearest the click, often the first line."""

    def mutate(doc: DocxDocument) -> None:
        cell = cell_of(doc, "THỊ TRẤN Y")
        rule = cell.paragraphs[-1]
        run_el = rule._p.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")[
            -1
        ]
        cell.paragraphs[0]._p.append(run_el)
        rule._p.getparent().remove(rule._p)

    opts = clone(BASE, rule_kind="drawing")
    assert errors(run(tmp_path, opts, mutate)) == set()
    too_long = clone(BASE, rule_kind="drawing", agency_rule_mm=40)
    assert "CQ-5" in errors(run(tmp_path, too_long, mutate))


def test_CQ_4_TL_2_a_line_break_inside_a_word(tmp_path: Path) -> None:
    """A name or trích yếu broken by hand inside a word ("ỦY" / "BAN NHÂN DÂN", "công" /
    "tác"), as a clerk's Word file may be: a warning at the line the word continues on."""
    cut = Opts(issuing=["ỦY", "BAN NHÂN DÂN THỊ TRẤN Y"], summary="Triển khai công\ntác dân vận")
    findings = [f for f in run(tmp_path, cut) if "giữa một từ" in f.message]
    assert [(f.rule, f.severity) for f in findings] == [("CQ-4", "warning"), ("TL-2", "warning")]
    assert "«ỦY / BAN»" in findings[0].message and "«công / tác»" in findings[1].message
    assert findings[0].where.endswith("cột trái, dòng 3")  # under the superior body's line
    assert not [f for f in run(tmp_path) if "giữa một từ" in f.message]  # the base breaks well


def test_NN_1_space_above_one_first_line_only_puts_the_two_out_of_level(tmp_path: Path) -> None:
    """The blank line above the closing table written as space above the first line of one
    cell and not the other (as kehoach wrote it for a head signing without TM./KT.): the
    "Nơi nhận:" line and the signature's first line no longer stand level."""

    def space_above_label(doc: DocxDocument) -> None:
        (label,) = paragraphs_with(doc, "Nơi nhận")
        label.paragraph_format.space_before = Pt(14)

    findings = [f for f in run(tmp_path, mutate=space_above_label) if f.rule == "NN-1"]
    assert len(findings) == 1 and "lệch nhau" in findings[0].message
    assert "Khoảng cách phía trên" in findings[0].message
    assert not [f for f in run(tmp_path) if f.rule == "NN-1"]


def test_NN_1_a_head_signing_alone_stands_level_with_the_recipients(tmp_path: Path) -> None:
    """kehoach's own closing when the signature has no TM./KT. line ("GIÁM ĐỐC" first)."""
    import kehoach

    spec = kehoach.load(ROOT / "examples" / "ha-noi-snv-phan-cong.yaml")
    assert spec.nguoi_ky.thay_mat is None and spec.nguoi_ky.ky_thay is None
    path = tmp_path / "kh.docx"
    path.write_bytes(kehoach.to_docx_bytes(spec))
    assert not [f for f in check_docx(path) if f.rule == "NN-1"]
