"""Composing: what kehoach fixes by construction (numbering, punctuation, defaults)."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kehoach.compose import compose
from kehoach.compose.inline import parse_inline
from kehoach.document import Role
from kehoach.law.nd30 import ND30
from kehoach.law.text import body_name_in_text
from kehoach.spec.validate import validate_text

BASE = """\
co_quan:
  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ
  viet_tat: UBND
dia_danh: An Phú
ngay: 2026
trich_yeu: Triển khai công tác dân vận năm 2026
nguoi_ky:
  thay_mat: ủy ban nhân dân
  chuc_vu: chủ tịch
  ho_ten: Nguyễn Văn An
"""


def doc(extra: str = ""):  # type: ignore[no-untyped-def]
    spec, report = validate_text(BASE + textwrap.dedent(extra))
    assert spec is not None, [d.format() for d in report.items]
    return compose(spec)


def test_numbering_four_levels_deep() -> None:
    d = doc("""
        nhiem_vu:
          muc:
            - tieu_de: Nhóm một
              muc:
                - Điểm a
                - noi_dung: Điểm b
                  muc:
                    - Gạch một
                    - noi_dung: Gạch hai
                      muc: [Cộng một]
            - Mục hai
        """)
    texts = [b.text for b in d.blocks if b.role in (Role.ITEM, Role.ITEM_TITLE, Role.PART_HEADING)]
    assert texts == [
        "I. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nhóm một",
        "a) Điểm a",
        "b) Điểm b",
        "- Gạch một",
        "- Gạch hai",
        "+ Cộng một",
        "2. Mục hai",
    ]


def test_S4_point_letters_follow_vietnamese_alphabet() -> None:
    assert [ND30.point_letter(i) for i in range(10)] == [*"abcd", "đ", *"eghik"]


def test_unnumbered_paragraph_between_items_keeps_numbering() -> None:
    d = doc("""
        nhiem_vu:
          muc:
            - Một
            - doan: Đoạn chen giữa
            - Hai
        """)
    texts = [b.text for b in d.blocks][2:-1]  # after the lead-in and heading
    assert texts == ["1. Một", "Đoạn chen giữa", "2. Hai"]


def test_inline_emphasis_in_items() -> None:
    d = doc("""
        nhiem_vu:
          muc:
            - Từ “*nền hành chính quản lý*” sang **phục vụ**
        """)
    spans = d.blocks[2].spans  # after the lead-in and heading
    assert [(s.text, s.bold, s.italic) for s in spans] == [
        ("1. ", False, False),
        ("Từ “", False, False),
        ("nền hành chính quản lý", False, True),
        ("” sang ", False, False),
        ("phục vụ", True, False),
    ]


def test_CC1_bases_end_with_semicolons_then_lead_in() -> None:
    d = doc("""
        can_cu:
          - Căn cứ Luật A.
          - Căn cứ Luật B
        """)
    bases = [b.text for b in d.blocks if b.role is Role.LEGAL_BASIS]
    assert bases == ["Căn cứ Luật A;", "Căn cứ Luật B;"]
    lead_in = d.blocks[2].text
    assert (
        lead_in
        == "Ủy ban nhân dân xã An Phú ban hành Kế hoạch triển khai công tác dân vận năm 2026, như sau:"
    )


def test_ND6_closing_gets_slash_once() -> None:
    assert doc("ket_luan: Đề nghị thực hiện.\n").blocks[-1].text == "Đề nghị thực hiện./."
    assert doc("ket_luan: Đề nghị thực hiện./.\n").blocks[-1].text == "Đề nghị thực hiện./."
    assert doc().blocks[-1].text.endswith("nghiêm túc triển khai thực hiện./.")


def test_NN2_NN3_recipients_normalised_and_keep_line_added() -> None:
    d = doc("""
        noi_nhan:
          - "- Sở Nội vụ."
          - Thường trực Đảng ủy;
        luu: VP
        """)
    assert d.recipients == ["- Sở Nội vụ;", "- Thường trực Đảng ủy;", "- Lưu: VT, VP."]
    d = doc("""
        noi_nhan:
          - Lưu VT
          - Sở Nội vụ
        """)
    assert d.recipients == ["- Sở Nội vụ;", "- Lưu: VT."]


def test_extra_parts_placed_by_sau() -> None:
    d = doc("""
        muc_dich_yeu_cau:
          muc_dich: [Một]
          yeu_cau: [Hai]
        nhiem_vu:
          muc: [Ba]
        to_chuc_thuc_hien:
          phan_cong:
            - don_vi: Văn phòng
              nhiem_vu: Tham mưu
        phan_khac:
          - tieu_de: Kinh phí
            mo_dau: Ngân sách xã
          - tieu_de: Chế độ báo cáo
            sau: to_chuc_thuc_hien
            mo_dau: Hằng quý
          - tieu_de: Bối cảnh
            sau: dau
            mo_dau: Năm 2025
        """)
    headings = [b.text for b in d.blocks if b.role is Role.PART_HEADING]
    assert headings == [
        "I. BỐI CẢNH",
        "II. MỤC ĐÍCH, YÊU CẦU",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "IV. KINH PHÍ",
        "V. TỔ CHỨC THỰC HIỆN",
        "VI. CHẾ ĐỘ BÁO CÁO",
    ]
    texts = [b.text for b in d.blocks]
    assert "1. Mục đích" in texts and "- Một" in texts and "2. Yêu cầu" in texts
    assert "1. Văn phòng: Tham mưu" in texts


def test_signature_authority_lines_uppercase_with_prefixes() -> None:
    d = doc()
    assert d.signature.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_SO6_DD5_blank_number_and_date() -> None:
    d = doc()
    assert d.header.number_line == "Số:      /KH-UBND"
    assert d.header.place_date == "An Phú, ngày     tháng     năm 2026"


def test_DD4_date_padding() -> None:
    assert ND30.place_date_line("Hà Nội", 2026, 2, 5) == "Hà Nội, ngày 05 tháng 02 năm 2026"
    assert ND30.place_date_line("Hà Nội", 2019, 6, 29) == "Hà Nội, ngày 29 tháng 6 năm 2019"
    assert ND30.place_date_line("Hà Nội", 2026, 12, 1) == "Hà Nội, ngày 01 tháng 12 năm 2026"


def test_body_name_in_running_text() -> None:
    assert (
        body_name_in_text(["ỦY BAN NHÂN DÂN", "THỊ TRẤN PHÚ PHONG"])
        == "Ủy ban nhân dân thị trấn Phú Phong"
    )
    assert body_name_in_text(["ỦY BAN NHÂN DÂN PHƯỜNG 1"]) == "Ủy ban nhân dân Phường 1"
    assert (
        body_name_in_text(["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"])
        == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    )
    # Issue 10 item 5: derived with the capitals of VH-9 (the old code left it to a
    # fallback that lowered the whole name, "Sở giáo dục và đào tạo").
    assert body_name_in_text(["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]) == "Sở Giáo dục và Đào tạo"
    assert body_name_in_text(["BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH"]) is None


def test_signature_shapes_of_section_9_2() -> None:
    shapes = {
        "thua_lenh: GIÁM ĐỐC\n  chuc_vu: CHÁNH VĂN PHÒNG": ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
        "thua_lenh: BỘ TRƯỞNG\n  ky_thay: VỤ TRƯỞNG\n  chuc_vu: PHÓ VỤ TRƯỞNG": [
            "TL. BỘ TRƯỞNG",
            "KT. VỤ TRƯỞNG",
            "PHÓ VỤ TRƯỞNG",
        ],
        "thua_uy_quyen: giám đốc\n  chuc_vu: trưởng phòng nội vụ": [
            "TUQ. GIÁM ĐỐC",
            "TRƯỞNG PHÒNG NỘI VỤ",
        ],
        "quyen: Q. GIÁM ĐỐC": ["Q. GIÁM ĐỐC"],
        "chuc_vu: GIÁM ĐỐC": ["GIÁM ĐỐC"],
    }
    for signer, lines in shapes.items():
        text = BASE.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "SỞ NỘI VỤ").split("nguoi_ky:")[0]
        spec, report = validate_text(text + "nguoi_ky:\n  " + signer + "\n  ho_ten: Trần Văn B\n")
        assert spec is not None, [d.format() for d in report.items]
        assert compose(spec).signature.lines == lines


def test_keep_line_and_unit_punctuation_by_construction() -> None:
    d = doc("""
        noi_nhan:
          - Lưu trữ lịch sử tỉnh
          - "Lưu: VP"
        to_chuc_thuc_hien:
          phan_cong:
            - don_vi: "Phòng Văn hóa - Xã hội:"
              nhiem_vu: Chủ trì
        """)
    assert d.recipients == ["- Lưu trữ lịch sử tỉnh;", "- Lưu: VT, VP."]
    assert "1. Phòng Văn hóa - Xã hội: Chủ trì" in [b.text for b in d.blocks]


def test_emphasis_markers_never_print_in_plain_lines() -> None:
    spec, _ = validate_text(BASE.replace("Triển khai công tác", "Triển khai *công tác*"))
    assert spec is not None
    assert compose(spec).summary == ["Triển khai công tác dân vận năm 2026"]


def test_NN3_archive_line_variants() -> None:
    cases = {
        "Lưu:": "- Lưu: VT.",
        "lưu vt, vp": "- Lưu: VT, vp.",
        "Lưu VP": "- Lưu: VT, VP.",
        "Lưu: **VT**, TH": "- Lưu: VT, TH.",
    }
    for line, expected in cases.items():
        d = doc(f'noi_nhan:\n  - Sở Nội vụ\n  - "{line}"\n')
        assert d.recipients == ["- Sở Nội vụ;", expected], line
    d = doc("noi_nhan: [Sở Nội vụ]\nluu: 'vt, *VP*'\n")
    assert d.recipients[-1] == "- Lưu: VT, VP."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*_\\ \r\n\0aáB.,“”-", max_size=24))
def test_inline_parse_reads_emphasis_as_markdown_its_parseInline(text: str) -> None:
    """parse_inline calls markdown-it's inline parser directly (without the core chain):
    the spans are those parseInline gives, on any mix of markers, escapes and line ends."""
    from kehoach.compose.inline import _parser

    assume(any(marker in text for marker in "*_\\"))  # without one, no parser runs
    expected: list[tuple[str, bool, bool]] = []
    bold = italic = 0
    for token in _parser().parseInline(text)[0].children or []:
        bold += {"strong_open": 1, "strong_close": -1}.get(token.type, 0)
        italic += {"em_open": 1, "em_close": -1}.get(token.type, 0)
        piece = token.content if token.type in ("text", "text_special") else ""
        piece = " " if token.type in ("softbreak", "hardbreak") else piece
        if expected and expected[-1][1:] == (bold > 0, italic > 0):
            expected[-1] = (expected[-1][0] + piece, bold > 0, italic > 0)
        elif piece:
            expected.append((piece, bold > 0, italic > 0))
    got = [(s.text, s.bold, s.italic) for s in parse_inline(text)]
    assert got == [e for e in expected if e[0]]
