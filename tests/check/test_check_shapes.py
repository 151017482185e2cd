"""The shapes of real plans (tests/fixtures/shapes) as kehoach renders them pass `kehoach check`
with no finding at all; each broken variant, made with python-docx from the rendered file,
is caught by the rule it breaks.

Shapes: a body table with a caption, a group row and merged cells, appendices "Phụ lục I/II"
in their own sections (one landscape); decimal items; "Phần I" parts; a Quyết định followed
in the same file by the plan it issues (Mẫu 1.3); a plan attached to a Quyết định in another
file ("(Ban hành kèm theo …)", no Số/date row, no Nơi nhận).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from check_corpus import Opts, build, save
from conftest import ROOT
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import kehoach
from kehoach.check import Finding, check_docx

SHAPES = ROOT / "tests" / "fixtures" / "shapes"
NAMES = sorted(p.stem for p in SHAPES.glob("*.yaml"))


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {name: kehoach.to_docx_bytes(kehoach.load(SHAPES / f"{name}.yaml")) for name in NAMES}


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.rule} {f.message} @ {f.where}" for f in findings)


def errors(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def warnings(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "warning"}


def variant(
    rendered: dict[str, bytes],
    name: str,
    tmp_path: Path,
    mutate: Callable[[DocxDocument], None],
) -> list[Finding]:
    doc = docx.Document(io.BytesIO(rendered[name]))
    mutate(doc)
    return check_docx(save(doc, tmp_path / f"{name}-variant.docx"))


def all_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    out = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
    return out


def para(doc: DocxDocument, start: str, nth: int = 0) -> Paragraph:
    found = [p for p in all_paragraphs(doc) if p.text.strip().startswith(start)]
    return found[nth]


def retype(paragraph: Paragraph, text: str) -> None:
    """Replace the paragraph's text, keeping the first run's formatting."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


# ---------------------------------------------------------------------- conforming


@pytest.mark.parametrize("name", NAMES)
def test_rendered_shape_has_no_finding(name: str, rendered: dict[str, bytes], tmp_path: Path):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(rendered[name])
    findings = check_docx(path)
    assert findings == [], explain(findings)


def test_quyet_dinh_file_holds_two_documents_each_judged_by_its_type(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    from kehoach.check.docmodel import DocModel
    from kehoach.check.locate import locate_all
    from kehoach.law.nd30 import ND30

    layouts = locate_all(DocModel(docx.Document(io.BytesIO(rendered["quyet-dinh"]))), ND30)
    decision, plan = layouts
    assert decision.type_name == "QUYẾT ĐỊNH" and plan.type_name == "KẾ HOẠCH"
    assert decision.so is not None and "125/QĐ-UBND" in decision.so.text.replace("\u2011", "-")
    assert [ln.stripped for ln in decision.authority] == ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"]
    assert decision.recipients is not None and decision.signature is not None
    assert plan.so is None and plan.date is None and plan.attached
    assert plan.note[0].stripped.startswith("(Ban hành kèm theo Quyết định số 125/QĐ")
    assert [ln.stripped for ln in plan.summary] == ["Triển khai công tác chuyển đổi số năm 2026"]
    assert plan.recipients is None and plan.signature is not None
    assert plan.first_section == 1


# ---------------------------------------------------------------------- Quyết định


def test_SO1_decision_with_plan_code(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        retype(para(doc, "Số:"), "Số: 125/KH-UBND")

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert errors(findings) == {"SO-1"}, explain(findings)
    (so1,) = [f for f in findings if f.rule == "SO-1"]
    assert "«QĐ»" in so1.message and "quyết định" in so1.message
    assert "của Quyết định" in so1.where


def test_QD3_articles_out_of_order(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        article = para(doc, "Điều 2.")
        article.runs[0].text = "Điều 4. "

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert errors(findings) == {"QD-3"}, explain(findings)
    messages = [f.message for f in findings if f.rule == "QD-3"]
    assert any("«Điều 4.» sai thứ tự (đang chờ «Điều 2.»)" in m for m in messages)


def test_QD3_article_label_not_bold_and_last_article_without_end_mark(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        para(doc, "Điều 1.").runs[0].font.bold = False
        last = para(doc, "Điều 3.")
        last.runs[-1].text = last.runs[-1].text.replace("./.", ".")

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert errors(findings) == {"ND-6"}, explain(findings)
    assert warnings(findings) == {"QD-3"}, explain(findings)


def test_QD2_missing_decision_line(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        line = para(doc, "QUYẾT ĐỊNH:")
        line._p.getparent().remove(line._p)

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert errors(findings) == set(), explain(findings)
    assert warnings(findings) == {"QD-2"}, explain(findings)


def test_QD1_authority_line_not_bold(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for run in para(doc, "CHỦ TỊCH ỦY BAN").runs:
            run.font.bold = False

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert warnings(findings) == {"QD-1"}, explain(findings)
    assert errors(findings) == set(), explain(findings)
    assert "không in đậm" in findings[0].message


def test_QD1_authority_line_flush_left(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        para(doc, "CHỦ TỊCH ỦY BAN").alignment = WD_ALIGN_PARAGRAPH.LEFT

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert [(f.rule, f.severity) for f in findings] == [("QD-1", "warning")], explain(findings)
    assert "căn giữa" in findings[0].message


def test_QD1_missing_authority_line(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        line = para(doc, "CHỦ TỊCH ỦY BAN")
        line._p.getparent().remove(line._p)

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    # Without the Chủ tịch's line the decision reads as the collective's: KT-6 asks for TM.
    assert errors(findings) == set() and warnings(findings) == {"QD-1", "KT-6"}, explain(findings)
    assert findings[0].message.startswith("Không thấy dòng thẩm quyền ban hành")


def test_KT6_decision_of_the_head_signed_on_behalf_of_the_collective(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        retype(para(doc, "KT. CHỦ TỊCH"), "TM. ỦY BAN NHÂN DÂN")
        retype(para(doc, "PHÓ CHỦ TỊCH"), "CHỦ TỊCH")

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert warnings(findings) == {"KT-6"}, explain(findings)


# ---------------------------------------------------------------------- page numbers


def _split_section(doc: DocxDocument, before: Paragraph, *, restart: bool) -> None:
    """End a section right before ``before``; the new one restarts its numbers if asked."""
    body_sect = doc.element.body.find(qn("w:sectPr"))
    ended = copy.deepcopy(body_sect)
    holder = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(ended)
    holder.append(ppr)
    before._p.addprevious(holder)
    if restart:
        for old in body_sect.findall(qn("w:pgNumType")):
            body_sect.remove(old)
        num = OxmlElement("w:pgNumType")
        num.set(qn("w:start"), "1")
        body_sect.find(qn("w:pgMar")).addnext(num)


def test_PN1_restart_in_the_middle_of_a_document(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    findings = variant(
        rendered,
        "phan-thap-phan",
        tmp_path,
        lambda d: _split_section(d, para(d, "Phần II"), restart=True),
    )
    assert errors(findings) == {"PN-1"}, explain(findings)
    (pn1,) = [f for f in findings if f.rule == "PN-1"]
    assert "đánh lại số trang từ 1" in pn1.message and pn1.where == "thiết lập trang, mục 2"


def test_PN1_a_section_break_that_continues_numbering_is_fine(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    findings = variant(
        rendered,
        "phan-thap-phan",
        tmp_path,
        lambda d: _split_section(d, para(d, "Phần II"), restart=False),
    )
    assert findings == [], explain(findings)


def test_PN1_restart_inside_the_attached_plan_is_still_flagged(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    findings = variant(
        rendered,
        "quyet-dinh",
        tmp_path,
        lambda d: _split_section(d, para(d, "II. NHIỆM VỤ"), restart=True),
    )
    assert errors(findings) == {"PN-1"}, explain(findings)
    assert [f.where for f in findings if f.rule == "PN-1"] == ["thiết lập trang, mục 3"]


def test_PN1_attached_plan_continuing_the_decisions_numbers_is_a_warning(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        sect = doc.element.body.find(qn("w:sectPr"))
        for num in sect.findall(qn("w:pgNumType")):
            sect.remove(num)

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert errors(findings) == set(), explain(findings)
    assert warnings(findings) == {"PN-1"}, explain(findings)


def test_PN4_attached_plan_showing_a_number_on_its_first_page(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        sect = doc.element.body.find(qn("w:sectPr"))
        sect.remove(sect.find(qn("w:titlePg")))

    findings = variant(rendered, "quyet-dinh", tmp_path, mutate)
    assert errors(findings) == {"PN-4"}, explain(findings)


# ---------------------------------------------------------------------- attached texts


def test_PL4_bold_note_line(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for run in para(doc, "(Ban hành kèm theo").runs:
            run.font.bold = True

    for name in ("kem-theo", "quyet-dinh"):
        findings = variant(rendered, name, tmp_path, mutate)
        assert errors(findings) == {"PL-4"}, explain(findings)
        assert "in đậm" in next(f.message for f in findings if f.rule == "PL-4")


def test_PL4_upright_note_line(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for run in para(doc, "(Ban hành kèm theo").runs:
            run.font.italic = False

    findings = variant(rendered, "kem-theo", tmp_path, mutate)
    assert errors(findings) == {"PL-4"}, explain(findings)


def test_TL3_is_measured_against_the_trich_yeu_not_the_note(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    """The rule under a short trích yếu is far shorter than 1/3 of the long note line."""

    def mutate(doc: DocxDocument) -> None:
        note = para(doc, "(Ban hành kèm theo")
        text = note.runs[0].text.rstrip().rstrip(")")
        note.runs[0].text = text + " và các văn bản có liên quan khác)"

    findings = variant(rendered, "kem-theo", tmp_path, mutate)
    assert findings == [], explain(findings)


def test_KY1_attached_plan_still_needs_its_signature(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        signature = doc.tables[-1]._tbl
        signature.getparent().remove(signature)

    findings = variant(rendered, "kem-theo", tmp_path, mutate)
    assert errors(findings) == {"KY-1"}, explain(findings)
    assert "NN-1" not in errors(findings)


def test_plan_without_note_still_needs_recipients(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        note = para(doc, "(Ban hành kèm theo")
        note._p.getparent().remove(note._p)

    findings = variant(rendered, "kem-theo", tmp_path, mutate)
    assert "NN-1" in errors(findings), explain(findings)
    assert "SO-1" in errors(findings) and "DD-1" in errors(findings), explain(findings)


def test_attached_plan_with_its_own_number_row_is_only_a_warning(tmp_path: Path) -> None:
    """A hand-made attached plan that kept its "Số:" / date row (Mẫu 1.3 has none)."""
    doc = build(Opts())
    summary = para(doc, "Triển khai công tác dân vận")
    note = OxmlElement("w:p")
    summary._p.addnext(note)
    line = Paragraph(note, summary._parent)
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    from check_corpus import add_run, tight

    tight(line)
    add_run(
        line,
        "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2024 của Ủy ban nhân "
        "dân thị trấn Y)",
        14,
        italic=True,
    )
    findings = check_docx(save(doc, tmp_path / "attached.docx"))
    assert errors(findings) == set(), explain(findings)
    assert warnings(findings) == {"SO-1"}, explain(findings)


# ---------------------------------------------------------------------- content tables


def test_BG2_body_table_without_header_repetition(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    def mutate(doc: DocxDocument) -> None:
        header = doc.tables[1].rows[0]._tr
        for mark in header.iter(qn("w:tblHeader")):
            mark.getparent().remove(mark)

    findings = variant(rendered, "bang-phu-luc", tmp_path, mutate)
    assert findings and {f.rule for f in findings} == {"BG-2"}, explain(findings)
    assert findings[0].severity == "warning" and findings[0].where == "bảng 2"


def test_BG1_body_table_wider_than_the_text(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        tbl = doc.tables[1]._tbl
        for col in tbl.tblGrid.findall(qn("w:gridCol")):
            col.set(qn("w:w"), str(int(col.get(qn("w:w"))) * 13 // 10))

    findings = variant(rendered, "bang-phu-luc", tmp_path, mutate)
    assert {f.rule for f in findings} == {"BG-1"}, explain(findings)
    assert findings[0].severity == "warning"


def test_table_caption_and_cells_are_not_body_paragraphs(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    """The caption is centred with no indent and the cells are left-aligned: none of it is
    judged by ND-2/ND-3; a caption that is a sentence (ends with ".") is a paragraph."""

    def mutate(doc: DocxDocument) -> None:
        caption = para(doc, "Tiến độ thực hiện")
        caption.runs[-1].text = caption.runs[-1].text + " của các đơn vị."

    findings = variant(rendered, "bang-phu-luc", tmp_path, mutate)
    assert errors(findings) == {"ND-2", "ND-3"}, explain(findings)
    assert all("Tiến độ thực hiện" in f.where for f in findings), explain(findings)


# ---------------------------------------------------------------------- numbering schemes


def test_DM2_titled_decimal_item_not_bold(rendered: dict[str, bytes], tmp_path: Path) -> None:
    """ "1.2. Đối với cán bộ" has items under it: a titled item, bold (§8.3). The untitled
    "1.2.1. Học tập" beside it is not flagged."""

    def mutate(doc: DocxDocument) -> None:
        for run in para(doc, "1.2. Đối với").runs:
            run.font.bold = False

    findings = variant(rendered, "bang-phu-luc", tmp_path, mutate)
    assert [(f.rule, f.severity) for f in findings] == [("DM-2", "warning")], explain(findings)
    assert "1.2. Đối với" in findings[0].where


def test_lettered_parts_and_uppercase_phan(tmp_path: Path) -> None:
    spec = kehoach.loads(
        (SHAPES / "phan-thap-phan.yaml")
        .read_text(encoding="utf-8")
        .replace("danh_so: thap-phan", "danh_so: chu-cai")
    )
    path = tmp_path / "chu-cai.docx"
    path.write_bytes(kehoach.to_docx_bytes(spec))
    assert check_docx(path) == []

    def upper_part(doc: DocxDocument) -> None:
        retype(para(doc, "A. KẾT QUẢ"), "PHẦN I")
        label = para(doc, "PHẦN I")
        title = OxmlElement("w:p")
        label._p.addnext(title)
        copy_title = Paragraph(title, label._parent)
        copy_title.style = label.style
        copy_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        copy_title.add_run("KẾT QUẢ THỰC HIỆN NĂM 2025").bold = True
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        label.paragraph_format.first_line_indent = 0

    doc = docx.Document(str(path))
    upper_part(doc)
    findings = check_docx(save(doc, tmp_path / "phan.docx"))
    assert findings == [], explain(findings)


def test_part_heading_not_upper_is_still_dm1(rendered: dict[str, bytes], tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        retype(para(doc, "I. CÔNG TÁC"), "I. Công tác tuyên truyền")

    findings = variant(rendered, "phan-thap-phan", tmp_path, mutate)
    assert [f.rule for f in findings] == ["DM-1"], explain(findings)


def test_note_typed_in_the_trich_yeu_paragraph_after_a_line_break(tmp_path: Path) -> None:
    from check_corpus import add_run

    doc = build(Opts())
    summary = para(doc, "Triển khai công tác dân vận")
    summary.runs[-1].add_break()
    add_run(summary, "(Kèm theo Quyết định số 15/QĐ-UBND của Ủy ban nhân dân thị trấn Y)", 14)
    findings = check_docx(save(doc, tmp_path / "note-in-summary.docx"))
    # Typed upright: PL-4; the rule is still measured against the trích yếu line alone (no
    # TL-3), and the note is not part of the bold trích yếu (no TL-2).
    assert errors(findings) == {"PL-4"}, explain(findings)
    assert {f.message.split(";")[0] for f in findings if f.rule == "PL-4"} == {
        "Dòng «(Kèm theo Quyết định …)» không in nghiêng"
    }
    assert warnings(findings) == {"SO-1"}, explain(findings)


def test_two_documents_without_a_section_break(tmp_path: Path) -> None:
    """A hand-made file: a second complete plan pasted after a page break, same section."""
    from docx.enum.text import WD_BREAK

    first, second = build(Opts()), build(Opts(so="Số: 16/KH-UBND"))
    body = first.element.body
    final = body.find(qn("w:sectPr"))
    breaker = first.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    for element in list(second.element.body):
        if element.tag != qn("w:sectPr"):
            final.addprevious(copy.deepcopy(element))
    path = save(first, tmp_path / "two.docx")
    from kehoach.check.docmodel import DocModel
    from kehoach.check.locate import locate_all
    from kehoach.law.nd30 import ND30

    layouts = locate_all(DocModel(docx.Document(str(path))), ND30)
    assert [lay.so.stripped for lay in layouts if lay.so] == ["Số:      /KH-UBND", "Số: 16/KH-UBND"]
    findings = check_docx(path)
    assert findings == [], explain(findings)


def _blank_line_on_top(cell) -> None:  # type: ignore[no-untyped-def]
    """An empty paragraph of the cell's first paragraph's size before it (python-docx leaves
    one in every new cell; a clerk presses Enter)."""
    first = cell.paragraphs[0]._p
    first.addprevious(copy.deepcopy(first))
    blank = first.getprevious()
    for child in [*blank.findall(qn("w:r")), *blank.findall(f"{qn('w:pPr')}/{qn('w:spacing')}")]:
        child.getparent().remove(child)


def test_NN1_a_blank_line_atop_both_closing_cells_keeps_them_level(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    """python-docx's empty first paragraph in both cells moved «Nơi nhận:» and the first
    signature line down alike; check warned twice that they were not level."""

    def closing(doc: DocxDocument):  # type: ignore[no-untyped-def]
        return next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))

    def both(doc: DocxDocument) -> None:
        for cell in closing(doc).rows[0].cells:
            _blank_line_on_top(cell)

    def recipients_only(doc: DocxDocument) -> None:
        _blank_line_on_top(closing(doc).rows[0].cells[0])

    def level(findings: list[Finding]) -> list[str]:
        return [f.where for f in findings if f.rule == "NN-1" and "lệch nhau" in f.message]

    assert level(variant(rendered, "quyet-dinh", tmp_path, both)) == []
    findings = variant(rendered, "quyet-dinh", tmp_path, recipients_only)
    assert level(findings) == ["bảng nơi nhận – chữ ký của Quyết định, cột trái"], explain(findings)


def test_DM2_a_numbered_line_the_document_calls_body_text_is_not_a_heading(
    tmp_path: Path,
) -> None:
    """The filled `kehoach new` skeleton: "2. Nội dung nhiệm vụ" (an item, no end mark)
    before an unnumbered paragraph was warned as a heading left unbolded, on kehoach's own
    output. A line whose style says it is body text (outline level "Body Text", as kehoach
    writes items) is an item. A document that does not say is still judged by the line's
    shape."""
    spec = kehoach.loads(
        """\
co_quan: {ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ, viet_tat: UBND}
dia_danh: An Phú
ngay: 2026
trich_yeu: Triển khai công tác chuyển đổi số năm 2026
nhiem_vu:
  muc:
    - tieu_de: Tên nhóm nhiệm vụ
      muc: [Nội dung nhiệm vụ thứ nhất]
    - Nội dung nhiệm vụ
    - doan: Đoạn văn không đánh số
noi_nhan: [Thường trực Đảng ủy]
nguoi_ky: {thay_mat: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn An}
"""
    )
    path = tmp_path / "kh.docx"
    path.write_bytes(kehoach.to_docx_bytes(spec))
    assert check_docx(path) == []
    doc = docx.Document(str(path))
    for p in all_paragraphs(doc):  # the same page in Normal, with direct formatting only
        for style in p._p.findall(f"{qn('w:pPr')}/{qn('w:pStyle')}"):
            if style.get(qn("w:val")).startswith(("Heading", "BodyText")):
                if style.get(qn("w:val")).startswith("Heading"):
                    for run in p.runs:
                        run.font.bold = True
                style.set(qn("w:val"), "Normal")
    findings = check_docx(save(doc, tmp_path / "kh-direct.docx"))
    assert [(f.rule, f.where) for f in findings if f.rule == "DM-2"] == [
        ("DM-2", "đoạn 9 («2. Nội dung nhiệm vụ»)")
    ], explain(findings)
