"""Every rendered Party example (the_thuc: dang), read back, against the HD 05 checklist
(docs/luat/hd05-spec.md §13), by D- rule ID; then through LibreOffice's PDF."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import PARTY_EXAMPLES
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx_read import (
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

import kehoach
from kehoach.law.hd05 import HD05
from kehoach.law.metrics import text_width_mm

TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
NUMBER = re.compile(
    r"^Số (0[1-9]|[1-9][0-9]+|\s+)-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-ZĐa-z]*(-[A-ZĐ][A-ZĐa-z]*)*$"
)
DATE = re.compile(
    r"^[A-ZĐÀ-Ỹ][^,]*, ngày (0[1-9]|[12][0-9]|3[01]) tháng (01|02|[3-9]|1[0-2]) năm \d{4}$"
)

pytestmark = pytest.mark.skipif(not PARTY_EXAMPLES, reason="no Party example")


@pytest.fixture(params=[p.stem for p in PARTY_EXAMPLES])
def party_doc(request: pytest.FixtureRequest, rendered: dict[str, Path]):  # type: ignore[no-untyped-def]
    return docx.Document(str(rendered[request.param]))


def _spec(doc) -> kehoach.KeHoach:  # type: ignore[no-untyped-def]
    title = doc.core_properties.title
    return next(s for p in PARTY_EXAMPLES if (s := kehoach.load(p)) and title in s.trich_yeu[0])


def _title_block(doc):  # type: ignore[no-untyped-def]
    paragraphs = list(doc.paragraphs)
    i = next(i for i, p in enumerate(paragraphs) if p.text == "KẾ HOẠCH")
    return paragraphs[i], paragraphs[i + 1], paragraphs[i + 2]


# -- page, font, page numbers (D-P-*, D-F-*, D-PN-*) --------------------------------------------


def test_D_P1_D_P2_a4_fixed_margins(party_doc) -> None:
    for section in party_doc.sections:
        if section.orientation == WD_ORIENT.PORTRAIT:
            assert (
                abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
            )
        assert abs(section.top_margin.mm - 20) <= 0.5  # D-P-2: fixed, not a range
        assert abs(section.bottom_margin.mm - 20) <= 0.5
        assert abs(section.left_margin.mm - 30) <= 0.5
        assert abs(section.right_margin.mm - 15) <= 0.5


def test_D_F1_times_new_roman(party_doc) -> None:
    for fonts in party_doc.element.body.iter(qn("w:rFonts")):
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
    for paragraph in party_doc.paragraphs:
        for run in run_formats(paragraph):
            assert run.font == "Times New Roman" and run.color in (None, "auto", "000000")


def test_D_PN1_to_D_PN4_page_numbers(party_doc) -> None:
    for section in party_doc.sections:
        paragraph = section.header.paragraphs[0]
        instr = "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER  # D-PN-2
        assert {r.size for r in run_formats(paragraph)} <= {14}  # D-PN-1
        assert abs(section.header_distance.mm - 10) <= 0.5  # D-PN-2: 10 mm from the top
        assert section.different_first_page_header_footer  # D-PN-3, D-PN-4
    for section in party_doc.sections[1:]:  # D-PN-4: each appendix numbered from 1
        number = section._sectPr.find(qn("w:pgNumType"))
        assert number is not None and number.get(qn("w:start")) == "1"


# -- header (D-H-*, D-TD-*, D-CQ-*, D-SO-*, D-DD-*) ----------------------------------------------


def test_D_H1_header_is_a_borderless_two_by_two_table(party_doc) -> None:
    table = header_table(party_doc)
    assert len(table.rows) == 2 and len(table.columns) == 2
    for edge in table._tbl.tblPr.find(qn("w:tblBorders")):
        assert edge.get(qn("w:val")) in ("nil", "none")


def test_D_TD1_to_D_TD3_party_title_and_its_rule(party_doc) -> None:
    table = header_table(party_doc)
    cell = table.cell(0, 1)
    title, rule = cell.paragraphs[0], cell.paragraphs[1]
    assert title.text == TITLE  # D-TD-1
    assert all_bold(title) and not all_italic(title) and sizes(title) == {15}  # D-TD-2
    assert text_width_mm(TITLE, 15, bold=True) <= cell_inner_width_mm(table, 1)  # one line
    assert rule_paragraph(rule) and len(cell.paragraphs) == 2  # D-TD-3; no Tiêu ngữ
    length, left, right = rule_length_mm(rule, cell_inner_width_mm(table, 1))
    width = text_width_mm(TITLE, 15, bold=True)
    assert abs(length - width) <= 0.1 * width and abs(left - right) <= 1
    everything = "\n".join(p.text for p in party_doc.paragraphs)
    everything += "\n".join(
        p.text for t in party_doc.tables for c in t._cells for p in c.paragraphs
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in everything
    assert "Độc lập - Tự do - Hạnh phúc" not in everything


def test_D_CQ3_to_D_CQ5_bodies_and_star(party_doc) -> None:
    cell = header_table(party_doc).cell(0, 0)
    lines = [p for p in cell.paragraphs if p.text.strip()]
    *names, star = lines
    superior = [p for p in names if not all_bold(p)]
    issuing = [p for p in names if all_bold(p)]
    assert names[: len(superior)] == superior and issuing  # superior first, then the body
    for p in names:
        assert p.text == p.text.upper() and sizes(p) == {14}  # D-CQ-3, D-CQ-4
        assert fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert star.text == "*" and not all_bold(star)  # D-CQ-5
    assert fmt(star, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert not any(rule_paragraph(p) for p in cell.paragraphs)  # D-CQ-5: no rule


def test_D_SO1_to_D_SO4_number(party_doc) -> None:
    number = header_table(party_doc).cell(1, 0).paragraphs[0]
    assert NUMBER.match(number.text), number.text  # no colon; "-" then "/"
    assert ":" not in number.text
    assert sizes(number) == {14} and not all_bold(number) and not all_italic(number)  # D-SO-2
    assert fmt(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_D_DD1_to_D_DD3_date(party_doc) -> None:
    date = header_table(party_doc).cell(1, 1).paragraphs[0]
    assert DATE.match(date.text), date.text
    assert all_italic(date) and not all_bold(date) and sizes(date) == {14}  # D-DD-2
    assert fmt(date, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


# -- title (D-TL-*) -----------------------------------------------------------------------------


def test_D_TL1_to_D_TL3_type_name_summary_and_dashes(party_doc) -> None:
    name, summary, mark = _title_block(party_doc)
    assert all_bold(name) and sizes(name) <= {15, 16}  # D-TL-1
    assert all_bold(summary) and sizes(summary) <= {14, 15}  # D-TL-2
    assert summary.text[0].islower() and not summary.text.startswith("V/v")
    assert mark.text == "-----" and not rule_paragraph(mark)  # D-TL-3
    assert fmt(mark, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    for p in (name, summary):
        assert fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


# -- body (D-ND-*, D-CC-1, D-DM-2) ---------------------------------------------------------------


def test_D_ND1_to_D_ND4_body_paragraphs(party_doc) -> None:
    body = body_paragraphs(party_doc)
    assert len(body) >= 10
    all_sizes = set()
    for p in body:
        assert fmt(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text  # D-ND-2
        assert abs(fmt(p, "first_line_indent").mm - 10) <= 0.5  # D-ND-3
        assert (fmt(p, "space_before") or 0) >= 6 * 12700 - 1  # D-ND-4: ≥ 6 pt
        assert fmt(p, "line_spacing_rule") == WD_LINE_SPACING.EXACTLY  # D-ND-4
        assert 18 <= fmt(p, "line_spacing").pt <= 22
        all_sizes |= sizes(p)
    assert len(all_sizes) == 1 and all_sizes <= {14, 15}  # D-ND-1


def test_D_ND5_body_ends_with_a_full_stop(party_doc) -> None:
    last = body_paragraphs(party_doc)[-1].text
    assert last.endswith(".") and not last.endswith("./.")


def test_D_CC1_bases_upright_dashed(party_doc) -> None:
    body = body_paragraphs(party_doc)
    opening = []
    for p in body:
        if not p.text.startswith("- "):
            break
        opening.append(p)
    assert opening, "the spec has căn cứ"
    for p in opening:
        assert not all_italic(p)  # upright
        assert re.match(r"^- (Căn cứ|Thực hiện) ", p.text), p.text
    for p in opening[:-1]:
        assert p.text.endswith(";")
    assert opening[-1].text.endswith(".")


def test_D_DM2_roman_headings_with_hyphen(party_doc) -> None:
    headings = [p for p in body_paragraphs(party_doc) if re.match(r"^[IVX]+[-.] ", p.text)]
    assert [h.text.split("-")[0] for h in headings] == ["I", "II", "III"][: len(headings)]
    for p in headings:
        assert re.match(r"^[IVX]+- ", p.text) and p.text == p.text.upper() and all_bold(p)
        assert fmt(p, "keep_with_next")


# -- signature and recipients (D-KY-*, D-KT-*, D-NN-*) --------------------------------------------


def test_D_KY2_to_D_KY4_D_KT1_signature(party_doc) -> None:
    cell = signature_table(party_doc).cell(0, 1)
    lines = [p for p in cell.paragraphs if p.text]
    *above, name = lines
    authority, position = above[:-1], above[-1]
    assert authority and all(p.text.startswith(("T/M ", "K/T ", "T/L ", "Q. ")) for p in authority)
    for p in authority:  # D-KY-2
        assert all_bold(p) and sizes(p) == {14} and p.text == p.text.upper()
    assert not all_bold(position) and sizes(position) == {14}  # D-KY-3
    assert position.text in HD05.collective_positions  # D-KY-5: no body name after it
    assert all_bold(name) and sizes(name) == {14} and name.text.istitle()  # D-KY-4
    assert not any(p.text.startswith(("TM.", "KT.", "TL.", "TUQ.")) for p in lines)  # D-KT-1
    assert not any(p.text.startswith("K/T") for p in authority[1:])  # D-KT-3: no K/T under T/M
    blanks = cell.paragraphs[len(above) : -1]
    assert len(blanks) >= 4 and not any(p.text for p in blanks)  # D-KY-6


def test_D_NN2_label_underlined_regular(party_doc) -> None:
    label = signature_table(party_doc).cell(0, 0).paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert not all_bold(label) and not all_italic(label) and sizes(label) == {14}
    underlined = {run.text: bool(run.underline) for run in label.runs}
    assert underlined == {"Nơi nhận": True, ":": False}  # the words, not the colon


def test_D_NN3_D_NN5_recipient_lines(party_doc) -> None:
    lines = [p for p in signature_table(party_doc).cell(0, 0).paragraphs[1:] if p.text]
    assert len(lines) >= 3
    for p in lines[:-1]:
        assert p.text.startswith("- ") and p.text.endswith(";") and sizes(p) == {12}
    assert re.fullmatch(r"- Lưu [^:]+\.", lines[-1].text) and "VT" not in lines[-1].text
    assert lines[-1].text == "- Lưu Văn phòng Đảng ủy."  # the default office (D-NN-5)


def test_D_NN1_bottom_table(party_doc) -> None:
    for table in closing_tables(party_doc):
        assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
        assert table.cell(0, 0).paragraphs[0].text == "Nơi nhận:"


# -- appendices (D-PL-*) ---------------------------------------------------------------------------


def test_D_PL1_D_PL2_appendices_numbered_in_arabic(party_doc) -> None:
    paragraphs = [p.text for p in party_doc.paragraphs]
    labels = [t for t in paragraphs if t.startswith("Phụ lục")]
    spec = kehoach.load(PARTY_EXAMPLES[0])
    if len(spec.phu_luc) < 2:
        pytest.skip("one appendix: not numbered")
    assert labels == [f"Phụ lục {i}" for i in range(1, len(spec.phu_luc) + 1)]
    for label in labels:
        i = paragraphs.index(label)
        note = paragraphs[i + 2].replace("\n", " ")
        assert re.fullmatch(
            r"\(Kèm theo Kế hoạch số \d+-KH/[A-ZĐ]+, ngày \d{2}/\d{1,2}/\d{4} của .+\)", note
        ), note
        assert paragraphs[i + 3] == "-----"  # D-PL-2: no rule


# -- the pages (LibreOffice) -------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("path", PARTY_EXAMPLES, ids=[p.stem for p in PARTY_EXAMPLES])
def test_pdf_pages(path: Path, rendered: dict[str, Path], tmp_path: Path) -> None:
    from pdf_support import (
        assert_a4,
        assert_no_number_on_first_page,
        assert_one_line,
        assert_page_numbers_top_centre,
        assert_signature_not_alone,
        require_libreoffice,
    )

    from kehoach.export.pdf import docx_to_pdf
    from kehoach.export.pdflayout import read_pdf_layout

    require_libreoffice()
    spec = kehoach.load(path)
    (pdf,) = docx_to_pdf([rendered[path.stem]], tmp_path)
    pages = read_pdf_layout(pdf)
    assert_a4(pages, allow_landscape=any(a.ngang for a in spec.phu_luc))  # D-P-1
    assert_one_line(pages, TITLE, rule="D-TD-2")
    starts = [0]
    for i, page in enumerate(pages[1:], start=1):  # an appendix's label heads its first page
        first = next((ln.text for ln in page.lines if not ln.text.isdigit()), "")
        if re.fullmatch(r"Phụ lục( \d+)?", first):
            starts.append(i)
    assert len(starts) == 1 + len(spec.phu_luc)
    number = 0
    for i, page in enumerate(pages):  # D-PN-1..D-PN-4
        if i in starts:
            number = 1
            assert_no_number_on_first_page([page])
        else:
            number += 1
            assert_page_numbers_top_centre([page], 30, page.width_mm - 15, expected=[number])
    assert_signature_not_alone(pages, spec.nguoi_ky.ho_ten)


# -- with everything else: a batch over units, and PDF/PNG ------------------------------------------


def test_party_master_times_units_keeps_the_party_layout(tmp_path: Path) -> None:
    """A đảng bộ's plan handed to each commune đảng ủy (--don-vi): every output is a Party
    document with its own number, and passes check as one."""
    from test_cli import invoke

    from kehoach.check import check_docx

    units = tmp_path / "dang-uy.csv"
    units.write_text(
        "co_quan.ten;dia_danh;so\nĐẢNG ỦY XÃ TÂY SƠN;Tây Sơn;27\nĐẢNG ỦY XÃ BÌNH KHÊ;Bình Khê;09\n",
        "utf-8",
    )
    out = tmp_path / "out"
    result = invoke(
        "render",
        str(PARTY_EXAMPLES[0]),
        "--don-vi",
        str(units),
        "--ten",
        "{dia_danh}",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    made = sorted(out.glob("*.docx"))
    assert [p.stem for p in made] == ["Bình Khê", "Tây Sơn"]
    for path, number in zip(made, ("Số 09-KH/ĐU", "Số 27-KH/ĐU"), strict=True):
        doc = docx.Document(str(path))
        assert header_table(doc).cell(0, 1).paragraphs[0].text == TITLE
        assert header_table(doc).cell(1, 0).paragraphs[0].text == number
        report = check_docx(path)
        assert not report.errors, [f.message for f in report.errors]
