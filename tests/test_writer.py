"""Header geometry decisions of the writer: columns, line breaks, date size (H-4..H-6, DD-8)."""

from __future__ import annotations

import io

import docx
from docx_read import all_bold, cell_inner_width_mm, header_table, sizes

import kehoach
from kehoach.law.metrics import text_width_mm, wrap_lines
from kehoach.spec.validate import validate_text

SPEC = """\
co_quan:
  chu_quan: ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
  ten: SỞ GIÁO DỤC VÀ ĐÀO TẠO
  viet_tat: SGDĐT
  ten_goi: Sở Giáo dục và Đào tạo
so: "10"
dia_danh: Thành phố Hồ Chí Minh
ngay: 29/6/2026
trich_yeu: Tổ chức các hoạt động hè, giáo dục kỹ năng sống, phòng, chống đuối nước và bảo đảm an toàn cho học sinh trên địa bàn Thành phố năm 2026
noi_nhan: [Bộ Giáo dục và Đào tạo]
nguoi_ky:
  ky_thay: GIÁM ĐỐC
  chuc_vu: PHÓ GIÁM ĐỐC
  ho_ten: Lê Thị Cúc
"""


def render(text: str):  # type: ignore[no-untyped-def]
    spec, report = validate_text(text)
    assert spec is not None, [d.format() for d in report.items]
    return docx.Document(io.BytesIO(kehoach.to_docx_bytes(spec)))


def test_CQ4_H5_long_body_name_takes_spare_room_instead_of_wrapping() -> None:
    table = header_table(render(SPEC))
    bold = [p.text for p in table.cell(0, 0).paragraphs if p.text and all_bold(p)]
    assert bold == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]
    qh = table.cell(0, 1).paragraphs[0]
    assert text_width_mm(qh.text, 13, bold=True) <= cell_inner_width_mm(table, 1)  # H-6


def test_CQ4_very_long_superior_breaks_after_the_body_type() -> None:
    lines = [p.text for p in header_table(render(SPEC)).cell(0, 0).paragraphs if p.text]
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]


def test_CQ4_unbreakable_name_is_balanced() -> None:
    text = SPEC.replace(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BAN QUẢN LÝ CÁC KHU CHẾ XUẤT VÀ CÔNG NGHIỆP THÀNH PHỐ"
    )
    table = header_table(render(text))
    lines = [p.text for p in table.cell(0, 0).paragraphs if p.text][2:]
    name = "BAN QUẢN LÝ CÁC KHU CHẾ XUẤT VÀ CÔNG NGHIỆP THÀNH PHỐ"
    greedy = len(wrap_lines(name, 13, cell_inner_width_mm(table, 0), bold=True))
    # One line more than greedy rather than "CÔNG / NGHIỆP" (a word split: never in a name).
    assert greedy <= len(lines) <= greedy + 1 and " ".join(lines) == name
    assert any("CÔNG NGHIỆP" in line for line in lines)
    widths = [text_width_mm(line, 13, bold=True) for line in lines]
    assert max(widths) - min(widths) < 25  # even, not one long line and a stub


def test_DD8_long_place_name_drops_to_13_pt_instead_of_wrapping() -> None:
    table = header_table(render(SPEC))
    date = table.cell(1, 1).paragraphs[0]
    assert sizes(date) == {13}
    assert text_width_mm(date.text, 13, italic=True) <= cell_inner_width_mm(table, 1)
    short = header_table(render(SPEC.replace("Thành phố Hồ Chí Minh", "Hà Nội", 1)))
    assert sizes(short.cell(1, 1).paragraphs[0]) == {14}


def test_TL2_long_summary_broken_into_even_lines() -> None:
    doc = render(SPEC)
    summary = next(p for p in doc.paragraphs if p.text.startswith("Tổ chức các hoạt động"))
    lines = summary.text.split("\n")
    assert len(lines) == 2
    widths = [text_width_mm(line, 14, bold=True) for line in lines]
    assert max(widths) < 165 and max(widths) - min(widths) < 20
