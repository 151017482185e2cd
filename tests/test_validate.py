"""Validation: every error the issue names, each located at its exact line:column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from specs import VALID

from kehoach.spec.diagnostics import Severity
from kehoach.spec.validate import validate_file, validate_text


def problems(text: str, severity: Severity = Severity.ERROR):  # type: ignore[no-untyped-def]
    spec, report = validate_text(textwrap.dedent(text), Path("kh.yaml"))
    found = [d for d in report.items if d.severity is severity]
    return spec, found


def only(text: str):  # type: ignore[no-untyped-def]
    _, found = problems(text)
    assert len(found) == 1, [d.format() for d in found]
    return found[0]


def at(d) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return (d.position.line, d.position.column)


def test_valid_spec_has_no_problem() -> None:
    spec, found = problems(VALID)
    assert spec is not None and found == []
    _, warnings = problems(VALID, Severity.WARNING)
    assert warnings == []


def test_yaml_syntax_error_located() -> None:
    d = only(VALID.replace("dia_danh: An Phú", "dia_danh: [An Phú"))
    assert d.message.startswith("danh sách trong ngoặc vuông chưa đóng")
    assert at(d) == (6, 5)
    assert d.format().startswith("kh.yaml:")


def test_yaml_colon_in_text_is_explained() -> None:
    d = only(VALID.replace("dia_danh: An Phú", "dia_danh: An Phú: xã"))
    assert at(d) == (5, 17)
    assert "dấu nháy" in d.message


def test_tab_indentation_is_explained() -> None:
    d = only(VALID.replace("  viet_tat: UBND", "\tviet_tat: UBND"))
    assert "Tab" in d.message
    assert at(d) == (3, 1)


def test_wrong_type_located() -> None:
    d = only(VALID.replace("noi_nhan:\n  - Thường trực Đảng ủy", "noi_nhan:\n  a: 1"))
    assert d.key_path == "noi_nhan"
    assert "danh sách" in d.message
    assert at(d) == (12, 3)


def test_missing_required_key_located_at_parent() -> None:
    d = only(VALID.replace("  ho_ten: Nguyễn Văn An\n", ""))
    assert d.key_path == "nguoi_ky.ho_ten"
    assert "thiếu khóa bắt buộc 'ho_ten'" in d.message
    assert at(d) == (13, 1)


def test_missing_top_level_key() -> None:
    d = only(VALID.replace("dia_danh: An Phú\n", ""))
    assert d.key_path == "dia_danh"
    assert at(d) == (1, 1)


def test_unknown_key_with_suggestion() -> None:
    d = only(VALID.replace("noi_nhan:", "noi_nhanh:"))
    assert d.key_path == "noi_nhanh"
    assert at(d) == (11, 1)
    assert d.hint == "có phải ý bạn là 'noi_nhan'?"


def test_unknown_nested_key_with_suggestion() -> None:
    d = only(VALID.replace("  ho_ten:", "  ho_tem:"))
    assert d.key_path == "nguoi_ky.ho_tem"
    assert at(d) == (17, 3)
    assert "ho_ten" in (d.hint or "")


def test_unknown_key_written_with_diacritics_is_suggested() -> None:
    d = only(VALID.replace("dia_danh:", "địa_danh:"))
    assert "dia_danh" in (d.hint or "")


def test_duplicate_key_is_an_error() -> None:
    d = only(VALID + "dia_danh: Khác\n")
    assert "hai lần" in d.message
    assert at(d) == (18, 1)


@pytest.mark.parametrize(
    ("number", "hint"), [("5", "'05'"), ("005", "'05'"), ("010", "'10'"), ("5a", "để trống")]
)
def test_SO3_number_format(number: str, hint: str) -> None:
    d = only(VALID.replace('so: "05"', f'so: "{number}"'))
    assert d.rule == "SO-3" and at(d) == (4, 5)
    assert hint in (d.hint or "")


def test_SO3_unquoted_number_keeps_what_was_typed() -> None:
    # YAML 1.1 would read 010 as octal 8 and 05 as 5; the spec keeps the typed text.
    spec, found = problems(VALID.replace('so: "05"', "so: 05"))
    assert found == [] and spec is not None and spec.so == "05"
    d = only(VALID.replace('so: "05"', "so: 010"))
    assert d.rule == "SO-3"


def test_SO6_blank_number_allowed() -> None:
    spec, found = problems(VALID.replace('so: "05"', 'so: ""'))
    assert found == [] and spec is not None and spec.so is None


def test_SO4_malformed_symbol() -> None:
    d = only(VALID + "ky_hieu: KH UBND\n")
    assert d.rule == "SO-4" and at(d) == (18, 10)
    d = only(VALID + "ky_hieu: QĐ-UBND\n")
    assert d.rule == "SO-4" and "KH" in d.message


def test_SO4_abbreviation_without_spaces() -> None:
    d = only(VALID.replace("viet_tat: UBND", "viet_tat: UB ND"))
    assert d.rule == "SO-4" and at(d) == (3, 13)


@pytest.mark.parametrize(
    ("date", "fragment"),
    [
        ("31/02/2026", "28 ngày"),
        ("29/02/2025", "28 ngày"),
        ("31/4/2026", "30 ngày"),
        ("2026-13-01", "tháng 13"),
    ],
)
def test_DD4_impossible_dates(date: str, fragment: str) -> None:
    d = only(VALID.replace("ngay: 05/02/2026", f"ngay: {date}"))
    assert d.rule == "DD-4" and at(d) == (6, 7)
    assert fragment in d.message


def test_DD4_leap_day_and_formats_accepted() -> None:
    for date in ("29/02/2024", "2024-02-29", "2026", "5/2/2026"):
        _, found = problems(VALID.replace("ngay: 05/02/2026", f"ngay: {date}"))
        assert found == [], date


def test_KT1_deputy_signing_needs_a_deputy_position() -> None:
    d = only(VALID.replace("chuc_vu: PHÓ CHỦ TỊCH", "chuc_vu: CHỦ TỊCH"))
    assert d.rule == "KT-1" and at(d) == (16, 12)
    d = only(VALID.replace("  chuc_vu: PHÓ CHỦ TỊCH\n", ""))
    assert d.rule == "KT-1"


def test_KT2_on_behalf_of_a_person_is_wrong() -> None:
    d = only(VALID.replace("thay_mat: ỦY BAN NHÂN DÂN", "thay_mat: TM. CHỦ TỊCH"))
    assert d.rule == "KT-2" and at(d) == (14, 13)


def test_all_problems_reported_at_once() -> None:
    text = (
        VALID.replace('so: "05"', 'so: "5"')
        .replace("ngay: 05/02/2026", "ngay: 31/02/2026")
        .replace("thay_mat: ỦY BAN NHÂN DÂN", "thay_mat: CHỦ TỊCH")
        .replace("chuc_vu: PHÓ CHỦ TỊCH", "chuc_vu: CHỦ TỊCH")
        .replace("noi_nhan:", "noi_nhanh:")
    )
    _, found = problems(text)
    rules = sorted(d.rule or "-" for d in found)
    assert rules == ["-", "DD-4", "KT-1", "KT-2", "SO-3"]


def test_P3_margin_out_of_range() -> None:
    d = only(VALID + "trinh_bay:\n  le_trai: 25\n")
    assert d.rule == "P-3" and at(d) == (19, 12)


def test_ND1_font_size_choice_is_validated() -> None:
    d = only(VALID + "trinh_bay:\n  co_chu: 12\n")
    assert d.key_path == "trinh_bay.co_chu" and d.rule == "ND-1" and "13, 14" in (d.hint or "")


def test_recipient_with_colon_stays_text() -> None:
    spec, found = problems(
        VALID.replace("  - Thường trực Đảng ủy", "  - Thường trực Đảng ủy\n  - Lưu: VT, VP")
    )
    assert found == [] and spec is not None
    assert spec.noi_nhan[-1] == "Lưu: VT, VP"


# -- warnings ---------------------------------------------------------------------------------


def warning_rules(text: str) -> list[str | None]:
    _, found = problems(text, Severity.WARNING)
    return [d.rule for d in found]


def test_warns_on_last_years_summary() -> None:
    _, found = problems(VALID.replace("năm 2026", "năm 2024"), Severity.WARNING)
    assert len(found) == 1 and "năm trước" in (found[0].hint or "")
    assert at(found[0]) == (7, 12)


def test_warns_on_typed_numbering() -> None:
    assert "S-1" in warning_rules(VALID.replace("- Tuyên truyền", "- 1. Tuyên truyền"))


def test_L7_district_level_after_2025() -> None:
    text = VALID.replace("  ten: ỦY BAN", "  chu_quan: UBND HUYỆN X\n  ten: ỦY BAN")
    assert "L-7" in warning_rules(text)
    assert "L-7" not in warning_rules(
        text.replace("05/02/2026", "05/02/2024").replace("năm 2026", "năm 2024")
    )


def test_KY3_academic_title_warned() -> None:
    assert "KY-3" in warning_rules(VALID.replace("Nguyễn Văn An", "TS. Nguyễn Văn An"))


def test_KT6_collective_body_without_TM() -> None:
    assert "KT-6" in warning_rules(VALID.replace("  thay_mat: ỦY BAN NHÂN DÂN\n", ""))


def test_NN3_several_keep_lines_warned() -> None:
    text = VALID.replace(
        "  - Thường trực Đảng ủy", "  - Thường trực Đảng ủy\n  - 'Lưu: VP'\n  - Lưu VT"
    )
    assert warning_rules(text).count("NN-3") == 1


def test_archive_recipient_is_not_the_keep_line() -> None:
    text = VALID.replace("  - Thường trực Đảng ủy", "  - Lưu trữ lịch sử tỉnh")
    assert warning_rules(text) == []


def test_item_with_only_subitems_is_an_error() -> None:
    d = only(VALID.replace("    - Tuyên truyền", "    - muc: [Con]"))
    assert d.key_path == "nhiem_vu.muc[1]" and at(d) == (10, 7)


def test_TL2_summary_without_vv() -> None:
    d = only(VALID.replace("trich_yeu: Triển khai", "trich_yeu: V/v triển khai"))
    assert d.rule == "TL-2" and at(d) == (7, 12)


def test_DD4_date_cannot_bypass_checks_as_a_mapping() -> None:
    d = only(VALID.replace("ngay: 05/02/2026", "ngay:\n  nam: 2026\n  thang: 2\n  ngay: 31"))
    assert d.rule == "DD-4"


def test_VH9_body_name_needed_for_default_wording() -> None:
    # Issue 10 item 5: a Sở's name is derived now ("Sở Giáo dục và Đào tạo", VH-9), so the
    # body that needs ten_goi is one whose capitals cannot be derived for sure.
    text = (
        VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "TRUNG TÂM Y TẾ XÃ AN PHÚ")
        .replace("  thay_mat: ỦY BAN NHÂN DÂN\n  ky_thay", "  ky_thay")
        .replace("CHỦ TỊCH", "GIÁM ĐỐC")
    )
    _, found = problems(text, Severity.WARNING)
    assert [d.rule for d in found] == ["VH-9"]
    assert "'Trung tâm Y tế xã An Phú'" in (found[0].hint or "")  # the guess, to confirm
    with_name = text.replace(
        "  viet_tat: UBND", "  viet_tat: TTYT\n  ten_goi: Trung tâm Y tế xã An Phú"
    )
    assert warning_rules(with_name) == []
    derived = text.replace("TRUNG TÂM Y TẾ XÃ AN PHÚ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    assert warning_rules(derived) == []


def test_file_problems(tmp_path: Path) -> None:
    _, report = validate_file(tmp_path / "missing.yaml")
    assert "không tìm thấy" in report.errors[0].message
    legacy = tmp_path / "legacy.yaml"
    legacy.write_bytes("dia_danh: Hà Nam\n".encode("cp1258"))
    _, report = validate_file(legacy)
    assert "UTF-8" in report.errors[0].message and report.errors[0].position is not None
    empty = tmp_path / "empty.yaml"
    empty.write_text("# chỉ có ghi chú\n", "utf-8")
    _, report = validate_file(empty)
    assert "trống" in report.errors[0].message


def test_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    _, found = problems(bomb)
    assert found and all("neo" in d.message for d in found)
    assert at(found[0]) == (1, 4)


def test_node_count_is_bounded() -> None:
    _, found = problems("a:\n" + "  - x\n" * 200_001)
    assert len(found) == 1 and "quá nhiều" in found[0].message


@pytest.mark.parametrize(
    ("value", "column"),
    [("&abc thanh niên", 11), ("!abc thanh niên", 11), ("&Đoàn thanh niên", 12)],
)
def test_text_starting_with_anchor_or_tag_is_not_swallowed(value: str, column: int) -> None:
    d = only(VALID.replace("dia_danh: An Phú", f"dia_danh: {value}"))
    assert at(d) == (5, column) and "dấu nháy kép" in (d.hint or "") + d.message


def test_empty_list_item() -> None:
    d = only(VALID.replace("    - Tuyên truyền", "    -"))
    assert d.message == "mục trống" and at(d) == (10, 6)


# ---------------------------------------------------------------------- breaks the clerk chose


def _cut_warnings(text: str) -> list:  # type: ignore[type-arg]
    spec, report = validate_text(text)
    assert spec is not None, [d.format() for d in report.items]
    return [d for d in report.warnings if "xuống dòng giữa một từ" in d.message]


def test_CQ_4_a_name_broken_inside_a_word_is_warned_at_its_line() -> None:
    text = VALID.replace(
        "  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ\n", "  ten:\n    - ỦY\n    - BAN NHÂN DÂN XÃ AN PHÚ\n"
    )
    (warning,) = _cut_warnings(text)
    assert warning.rule == "CQ-4" and "«ỦY / BAN»" in warning.message
    assert warning.position is not None
    assert (warning.position.line, warning.position.column) == (4, 7)  # the line the word goes on
    assert warning.key_path == "co_quan.ten[2]"


def test_TL_2_a_trich_yeu_broken_inside_a_word_is_warned() -> None:
    text = VALID.replace(
        "trich_yeu: Triển khai công tác dân vận năm 2026\n",
        "trich_yeu:\n  - Triển khai công\n  - tác dân vận năm 2026\n",
    )
    (warning,) = _cut_warnings(text)
    assert warning.rule == "TL-2" and "«công / tác»" in warning.message


@pytest.mark.parametrize(
    "lines",
    [
        ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ"],  # after the kind of body: how clerks break it
        ["ỦY BAN NHÂN DÂN XÃ AN PHÚ"],  # one line: kehoach breaks it
    ],
)
def test_CQ_4_breaks_between_words_are_not_warned(lines: list[str]) -> None:
    block = "".join(f"    - {line}\n" for line in lines)
    text = VALID.replace("  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ\n", f"  ten:\n{block}")
    assert _cut_warnings(text) == []


def test_D_CQ_4_a_party_name_broken_inside_a_word() -> None:
    from test_party_spec import PARTY

    assert "  ten: ĐẢNG ỦY XÃ TÂY SƠN\n" in PARTY
    text = PARTY.replace("  ten: ĐẢNG ỦY XÃ TÂY SƠN\n", "  ten: [ĐẢNG, ỦY XÃ TÂY SƠN]\n")
    (warning,) = _cut_warnings(text)
    assert warning.rule == "D-CQ-4" and "«ĐẢNG / ỦY»" in warning.message


def test_CQ_4_validate_says_what_check_finds_in_the_rendered_header(tmp_path: Path) -> None:
    from specs import said_and_found

    text = VALID.replace(
        "  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ\n", "  ten: [ỦY, BAN NHÂN DÂN XÃ AN PHÚ]\n"
    )
    said, found = said_and_found(text, "CQ-4", tmp_path)
    assert len(said) == len(found) == 1
    assert "«ỦY / BAN»" in said[0].message and "«ỦY / BAN»" in found[0].message


def test_CQ_4_a_name_kehoach_itself_must_cut_is_said_before_check_finds_it(tmp_path: Path) -> None:
    """A name so long that even two more lines do not keep its words whole: the writer cuts
    one, and validate says so at the name (not at a line the clerk chose)."""
    from specs import said_and_found

    name = (
        "CHUYÊN TRÁCH BAN CHẤP HÀNH TRUNG ƯƠNG NÔNG THÔN CHƯƠNG TRÌNH HÀNH ĐỘNG"
        " BAN CHẤP HÀNH TRUNG ƯƠNG BAN CHẤP HÀNH TRUNG ƯƠNG"
    )
    text = VALID.replace("  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ\n", f"  ten: {name}\n")
    said, found = said_and_found(text, "CQ-4", tmp_path)
    assert said and len(found) == len(said)
    assert all("quá dài" in d.message and d.key_path == "co_quan.ten" for d in said)
