"""Party plans in the spec (issue 9): `the_thuc: dang` validated by the D- rules of
docs/luat/hd05-spec.md, each problem at its line:column with a hint; a state spec that reads
like a Party document is told so once (D-NB-9); `kehoach new --dang` scaffolds a Party plan."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pytest
from specs import VALID
from test_scaffold import filled
from typer.testing import CliRunner

from kehoach.check import check_docx
from kehoach.cli import app
from kehoach.compose.composer import compose
from kehoach.law.hd05 import HD05
from kehoach.law.nd30 import ND30
from kehoach.spec.diagnostics import Diagnostic, Severity
from kehoach.spec.validate import validate_text
from kehoach.writer import to_bytes

PARTY = """\
the_thuc: dang
co_quan:
  chu_quan: ĐẢNG BỘ TỈNH GIA LAI
  ten: ĐẢNG ỦY XÃ TÂY SƠN
  viet_tat: ĐU
  ten_goi: Ban Thường vụ Đảng ủy xã Tây Sơn
so: "27"
dia_danh: Tây Sơn
ngay: 15/6/2026
trich_yeu: thực hiện “Năm Dân vận chính quyền” năm 2026
can_cu:
  - Căn cứ Điều lệ Đảng Cộng sản Việt Nam
nhiem_vu:
  muc:
    - Tuyên truyền sâu rộng trong cán bộ, đảng viên và Nhân dân.
noi_nhan:
  - Thường trực Đảng ủy
  - Các chi bộ trực thuộc
nguoi_ky:
  thay_mat: BAN THƯỜNG VỤ
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Nguyễn Văn Hùng
"""
SIGNER = "  thay_mat: BAN THƯỜNG VỤ\n  chuc_vu: PHÓ BÍ THƯ\n"
STATE = PARTY.replace("the_thuc: dang\n", "")  # the same plan, without saying it is a Party's


def found(text: str, severity: Severity = Severity.ERROR) -> list[Diagnostic]:
    _, report = validate_text(textwrap.dedent(text), Path("kh.yaml"))
    return [d for d in report.sorted() if d.severity is severity]


def one(text: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    items = found(text, severity)
    assert len(items) == 1, [d.format() for d in items]
    return items[0]


def at(d: Diagnostic) -> tuple[int, int]:
    assert d.position is not None
    return (d.position.line, d.position.column)


def signer(lines: str) -> str:
    """PARTY with its authority and position lines replaced (line 20 onwards)."""
    return PARTY.replace(SIGNER, textwrap.indent(textwrap.dedent(lines), "  "))


def test_a_party_spec_has_no_problem() -> None:
    spec, report = validate_text(PARTY, Path("kh.yaml"))
    assert spec is not None and report.items == []
    assert spec.the_thuc == "dang"


def test_the_party_example_has_no_problem() -> None:
    example = Path(__file__).parent.parent / "examples" / "dang-uy-xa-dan-van-2026.yaml"
    if not example.exists():
        pytest.skip("no Party example in this checkout")
    spec, report = validate_text(example.read_text("utf-8"), example)
    assert spec is not None and report.items == [], [d.format() for d in report.items]


# --- typed authority prefixes (D-KT-1) ----------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["T/M BAN THƯỜNG VỤ", "T/M. BAN THƯỜNG VỤ", "t/m ban thường vụ", "TM. BAN THƯỜNG VỤ"]
)
def test_a_typed_prefix_is_stripped_under_HD05(typed: str) -> None:
    spec, report = validate_text(PARTY.replace("thay_mat: BAN THƯỜNG VỤ", f"thay_mat: {typed}"))
    assert spec is not None and report.items == []
    assert spec.nguoi_ky.thay_mat == "BAN THƯỜNG VỤ"
    # What the signature block prints: the prefix once (not "TM. T/M BAN THƯỜNG VỤ").
    assert HD05.authority_line("thay_mat", spec.nguoi_ky.thay_mat) == "T/M BAN THƯỜNG VỤ"


def test_typed_slash_prefixes_of_every_authority_are_stripped() -> None:
    text = PARTY.replace(SIGNER, "  ky_thay: K/T TRƯỞNG BAN\n  chuc_vu: PHÓ TRƯỞNG BAN\n")
    spec, _ = validate_text(text)
    assert spec is not None and spec.nguoi_ky.ky_thay == "TRƯỞNG BAN"
    spec, _ = validate_text(PARTY.replace(SIGNER, "  quyen: Q. TRƯỞNG BAN\n"))
    assert spec is not None and spec.nguoi_ky.quyen == "TRƯỞNG BAN"


def test_NĐ30_prefix_handling() -> None:
    spec, _ = validate_text(VALID.replace("thay_mat: ỦY", "thay_mat: TM. ỦY"))
    assert spec is not None and spec.nguoi_ky.thay_mat == "ỦY BAN NHÂN DÂN"
    # A Party prefix in a state body's spec is the other law's form (D-NB-8), and it is read,
    # not printed: issue 10 item 3, the old code kept it and printed "TM. T/M ỦY BAN".
    spec, report = validate_text(VALID.replace("thay_mat: ỦY BAN NHÂN DÂN", "thay_mat: T/M ỦY BAN"))
    assert spec is not None and spec.nguoi_ky.thay_mat == "ỦY BAN"
    assert ND30.authority_line("thay_mat", spec.nguoi_ky.thay_mat) == "TM. ỦY BAN"
    assert [d.rule for d in report.warnings] == ["D-NB-8"]


# --- number and symbol (D-SO-*) ---------------------------------------------------------------


def test_DSO3_number_format() -> None:
    d = one(PARTY.replace('so: "27"', 'so: "5"'))
    assert (d.rule, at(d), d.hint) == ("D-SO-3", (7, 5), "viết '05'")


def test_a_Party_symbol_is_accepted() -> None:
    spec, report = validate_text(PARTY + "ky_hieu: KH/ĐU\n")
    assert spec is not None and report.items == [] and spec.ky_hieu == "KH/ĐU"
    spec, report = validate_text(PARTY + "ky_hieu: KH/ĐU-UBKT\n")  # joint bodies (D-SO-1)
    assert spec is not None and report.errors == []


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("Số 27-KH/ĐU", 'viết ky_hieu: KH/ĐU và so: "27"'),
        ("'Số: 27/KH-ĐU'", 'viết ky_hieu: KH/ĐU và so: "27"'),
        ("27-KH/ĐU", 'viết ky_hieu: KH/ĐU và so: "27"'),
    ],
)
def test_DSO1_number_line_typed_as_symbol(typed: str, hint: str) -> None:
    d = one(PARTY + f"ky_hieu: {typed}\n")
    assert (d.rule, at(d), d.hint) == ("D-SO-1", (23, 10), hint)
    assert "Số 27-KH/ĐU" in d.message


def test_DSO4_state_symbol_refused_with_the_Party_form() -> None:
    d = one(PARTY + "ky_hieu: KH-ĐU\n")
    assert (d.rule, at(d)) == ("D-SO-4", (23, 10))
    assert "NĐ 30" in d.message and (d.hint or "").startswith("viết ky_hieu: KH/ĐU")


def test_DSO4_malformed_symbol() -> None:
    d = one(PARTY + "ky_hieu: KH / ĐU\n")
    assert (d.rule, at(d)) == ("D-SO-4", (23, 10)) and "dấu cách" in d.message
    assert "KH/ĐU" in (d.hint or "")
    d = one(PARTY + "ky_hieu: KH/ĐU/X\n")
    assert d.rule == "D-SO-4" and "dấu cách" not in d.message


def test_DSO7_type_code() -> None:
    d = one(PARTY + "ky_hieu: QĐ/ĐU\n")
    assert (d.rule, at(d)) == ("D-SO-7", (23, 10)) and "'KH'" in d.message
    assert (d.hint or "").startswith("viết ky_hieu: KH/ĐU")


def test_DSO4_body_code_form() -> None:
    d = one(PARTY.replace("viet_tat: ĐU", "viet_tat: Đ U"))
    assert (d.rule, at(d)) == ("D-SO-4", (5, 13)) and "ĐU" in (d.hint or "")


def test_DSO8_unlisted_body_code_warns() -> None:
    d = one(PARTY.replace("viet_tat: ĐU", "viet_tat: VPĐU"), Severity.WARNING)
    assert (d.rule, at(d)) == ("D-SO-8", (5, 13)) and "'VPĐU'" in d.message
    assert "D-SO-9" in (d.hint or "")  # commune codes are UNCONFIRMED: never an error
    assert found(PARTY.replace("viet_tat: ĐU", "viet_tat: VPĐU")) == []


def test_DSO8_the_printed_code_is_checked() -> None:
    d = one(PARTY + "ky_hieu: KH/ĐU-BTCTU\n", Severity.WARNING)
    assert (d.rule, at(d)) == ("D-SO-8", (23, 10)) and "'BTCTU'" in d.message


@pytest.mark.parametrize("code", ["HU", "ThU", "BTG"])
def test_DSO10_legacy_body_code_warns(code: str) -> None:
    d = one(PARTY.replace("viet_tat: ĐU", f"viet_tat: {code}"), Severity.WARNING)
    assert (d.rule, at(d)) == ("D-SO-10", (5, 13))
    assert "Hướng dẫn 36-HD/VPTW" in d.message and "ĐU" in (d.hint or "")


# --- signature (D-KT-*, D-KY-*) -------------------------------------------------------------


def test_DKT1_no_TUQ_in_Party_documents() -> None:
    d = one(signer("thua_uy_quyen: BÍ THƯ\nchuc_vu: CHÁNH VĂN PHÒNG\n"))
    assert (d.rule, at(d), d.key_path) == ("D-KT-1", (20, 18), "nguoi_ky.thua_uy_quyen")
    assert "TUQ." in d.message and "thua_lenh" in (d.hint or "")


def test_DKT1_one_top_authority() -> None:
    d = one(signer("thay_mat: BAN THƯỜNG VỤ\nthua_lenh: BAN THƯỜNG VỤ\nchuc_vu: BÍ THƯ\n"))
    assert (d.rule, at(d)) == ("D-KT-1", (21, 14)) and "T/M" in d.message


def test_DKT2_TM_before_a_position() -> None:
    d = one(signer("thay_mat: BÍ THƯ\nchuc_vu: BÍ THƯ\n"))
    assert (d.rule, at(d)) == ("D-KT-2", (20, 13)) and "'T/M BÍ THƯ'" in d.message
    assert "thay_mat: BAN THƯỜNG VỤ" in (d.hint or "")


def test_DKT3_a_deputy_signs_TM_directly() -> None:
    d = one(signer("thay_mat: BAN THƯỜNG VỤ\nky_thay: BÍ THƯ\nchuc_vu: PHÓ BÍ THƯ\n"))
    assert (d.rule, at(d), d.key_path) == ("D-KT-3", (21, 12), "nguoi_ky.ky_thay")
    assert "T/M" in d.message and "K/T" in d.message
    assert d.hint == "bỏ ky_thay; giữ thay_mat: BAN THƯỜNG VỤ và chuc_vu: PHÓ BÍ THƯ"


def test_DKT3_KT_for_the_head_of_a_collective() -> None:
    d = one(signer("ky_thay: BÍ THƯ\nchuc_vu: PHÓ BÍ THƯ\n"))
    assert (d.rule, at(d)) == ("D-KT-3", (20, 12)) and "'K/T BÍ THƯ'" in d.message
    assert "thay_mat: BAN THƯỜNG VỤ" in (d.hint or "")


def test_DKT5_TL_is_signed_directly() -> None:
    d = one(
        signer("thua_lenh: BAN THƯỜNG VỤ\nky_thay: CHÁNH VĂN PHÒNG\nchuc_vu: PHÓ CHÁNH VĂN PHÒNG\n")
    )
    assert (d.rule, at(d)) == ("D-KT-5", (21, 12)) and "T/L" in d.message
    assert d.hint == ("bỏ ky_thay; giữ thua_lenh: BAN THƯỜNG VỤ và chuc_vu: PHÓ CHÁNH VĂN PHÒNG")


def test_TL_with_a_collective_is_valid() -> None:
    text = signer("thua_lenh: BAN THƯỜNG VỤ\nchuc_vu: PHÓ CHÁNH VĂN PHÒNG\n")
    assert found(text) == [] and found(text, Severity.WARNING) == []


@pytest.mark.parametrize(
    ("lines", "where", "fragment"),
    [
        ("ky_thay: TRƯỞNG BAN\nchuc_vu: TRƯỞNG BAN\n", (21, 12), "chức vụ cấp phó"),
        ("ky_thay: BAN TỔ CHỨC\nchuc_vu: PHÓ TRƯỞNG BAN\n", (20, 12), "không phải tên cơ quan"),
        ("ky_thay: TRƯỞNG BAN\nquyen: TRƯỞNG BAN\nchuc_vu: PHÓ TRƯỞNG BAN\n", (21, 10), "Q."),
    ],
)
def test_DKT4_head_based_bodies(lines: str, where: tuple[int, int], fragment: str) -> None:
    text = signer(lines).replace("ĐẢNG ỦY XÃ TÂY SƠN", "BAN TỔ CHỨC").replace("ĐU", "BTCTU")
    errors = found(text)
    assert [(d.rule, at(d)) for d in errors] == [("D-KT-4", where)], [d.format() for d in errors]
    assert fragment in errors[0].message


def test_DKY3_position_required() -> None:
    d = one(signer("thay_mat: BAN THƯỜNG VỤ\n"))
    # Issue 10 item 7: at the signer block that lacks the key (the `nguoi_ky:` line), not at
    # its first key (thay_mat, line 20) as before.
    assert (d.rule, d.key_path) == ("D-KY-3", "nguoi_ky.chuc_vu") and at(d) == (19, 1)
    assert "PHÓ BÍ THƯ" in (d.hint or "")


def test_DKY5_no_body_name_after_the_position() -> None:
    d = one(PARTY.replace("chuc_vu: PHÓ BÍ THƯ", "chuc_vu: PHÓ BÍ THƯ ĐẢNG ỦY XÃ"))
    assert (d.rule, at(d), d.hint) == ("D-KY-5", (21, 12), "viết chuc_vu: PHÓ BÍ THƯ")


def test_DKY5_only_the_collectives_positions_sign_TM() -> None:
    d = one(PARTY.replace("chuc_vu: PHÓ BÍ THƯ", "chuc_vu: ỦY VIÊN BAN THƯỜNG VỤ"))
    assert (d.rule, at(d)) == ("D-KY-5", (21, 12))
    assert "BÍ THƯ hoặc PHÓ BÍ THƯ" in d.message
    # An ủy ban kiểm tra signs through its chủ nhiệm (D-KT-2).
    ubkt = signer("thay_mat: ỦY BAN KIỂM TRA\nchuc_vu: PHÓ BÍ THƯ\n")
    d = one(ubkt.replace("viet_tat: ĐU", "viet_tat: UBKT"))
    assert d.rule == "D-KY-5" and "CHỦ NHIỆM hoặc PHÓ CHỦ NHIỆM" in d.message


def test_DKY5_without_TM_warns() -> None:
    text = signer("thua_lenh: BAN THƯỜNG VỤ\nchuc_vu: CHÁNH VĂN PHÒNG ĐẢNG ỦY\n")
    d = one(text, Severity.WARNING)
    assert (d.rule, at(d), d.hint) == ("D-KY-5", (21, 12), "viết chuc_vu: CHÁNH VĂN PHÒNG")


def test_signature_warnings() -> None:
    d = one(signer("chuc_vu: BÍ THƯ\n"), Severity.WARNING)
    assert (d.rule, at(d)) == ("D-KT-2", (20, 3)) and "'T/M'" in d.message
    d = one(signer("thay_mat: BAN THƯỜNG VỤ\nquyen: BÍ THƯ\n"), Severity.WARNING)
    assert (d.rule, at(d)) == ("D-KT-1", (20, 3)) and "T/M → Q." in d.message
    head_based = signer("ky_thay: TRƯỞNG BAN\nchuc_vu: ỦY VIÊN\n")
    d = one(head_based.replace("ĐẢNG ỦY XÃ TÂY SƠN", "BAN TỔ CHỨC"), Severity.WARNING)
    assert (d.rule, at(d)) == ("D-KT-4", (21, 12)) and "K/T TRƯỞNG BAN" in d.message


# --- recipients (D-NN-5) ----------------------------------------------------------------------


def test_DNN5_state_archive_line_warns() -> None:
    text = PARTY.replace(
        "  - Các chi bộ trực thuộc\n", "  - Các chi bộ trực thuộc\n  - Lưu: VT, VP\n"
    )
    d = one(text, Severity.WARNING)
    assert (d.rule, at(d)) == ("D-NN-5", (19, 5)) and "không có 'VT'" in d.message
    assert "'- Lưu Văn phòng Đảng ủy.'" in (d.hint or "")


def test_DNN5_luu_with_VT_warns() -> None:
    d = one(PARTY + "luu: VT, VP\n", Severity.WARNING)
    assert (d.rule, at(d)) == ("D-NN-5", (23, 6)) and "luu: Văn phòng Đảng ủy" in (d.hint or "")
    assert found(PARTY + "luu: Văn phòng Đảng ủy\n", Severity.WARNING) == []


def test_DNN5_Party_archive_lines() -> None:
    # The records office's line is the archive line, as in the composer (D-NN-5).
    text = PARTY.replace("  - Các chi bộ trực thuộc\n", "  - Các chi bộ trực thuộc\n  - Lưu VPĐU\n")
    assert found(text, Severity.WARNING) == []
    text = PARTY.replace(
        "  - Các chi bộ trực thuộc\n", "  - Các chi bộ trực thuộc\n  - Lưu Văn phòng Đảng ủy.\n"
    )
    assert found(text, Severity.WARNING) == []
    # Another office named in words is the archive line too, printed as typed (D-NN-5).
    text = PARTY.replace(
        "  - Các chi bộ trực thuộc\n", "  - Các chi bộ trực thuộc\n  - Lưu Chi bộ\n"
    )
    assert found(text, Severity.WARNING) == []
    spec, _ = validate_text(text)
    assert spec is not None and compose(spec).recipients[-1] == "- Lưu Chi bộ."


def test_NN3_is_D_NN5_in_a_Party_plan() -> None:
    text = PARTY.replace(
        "  - Các chi bộ trực thuộc\n", "  - Lưu VPĐU\n  - Các chi bộ trực thuộc\n  - Lưu VPĐU\n"
    )
    d = one(text, Severity.WARNING)
    assert (d.rule, at(d)) == ("D-NN-5", (18, 5))
    assert d.hint == "gộp thành một dòng, ví dụ 'Lưu Văn phòng Đảng ủy'"


# --- the issuer, the date, shapes --------------------------------------------------------------


def test_DNB9_state_issuer_in_a_Party_spec() -> None:
    text = PARTY.replace("ĐẢNG ỦY XÃ TÂY SƠN", "ỦY BAN NHÂN DÂN XÃ TÂY SƠN")
    d = one(text, Severity.WARNING)
    assert (d.rule, at(d)) == ("D-NB-9", (4, 8))
    assert "the_thuc: dang" in (d.hint or "") and "Nghị định 30" in (d.hint or "")
    text = PARTY.replace("ĐẢNG ỦY XÃ TÂY SƠN", "SỞ NỘI VỤ")
    assert "D-NB-9" in [d.rule for d in found(text, Severity.WARNING)]


@pytest.mark.parametrize(
    ("date", "note"), [("26/5/2026", True), ("27/5/2026", False), ("2025", True), ("2026", False)]
)
def test_DL3_dated_before_HD05(date: str, note: bool) -> None:
    text = PARTY.replace("ngay: 15/6/2026", f"ngay: {date}").replace(" năm 2026", "")
    rules = [d.rule for d in found(text, Severity.WARNING)]
    assert rules == (["D-L-3"] if note else [])
    if note:
        d = one(text, Severity.WARNING)
        assert at(d) == (9, 7) and "Hướng dẫn 36-HD/VPTW" in d.message
        assert "27/5/2026" in d.message
    # check says the same of the rendered plan (one law: Profile.applies_on).
    spec, _ = validate_text(text)
    assert spec is not None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "kh.docx"
        out.write_bytes(to_bytes(compose(spec)))
        said = [f for f in check_docx(out) if f.rule == "D-L-3"]
    assert [f.severity for f in said] == (["warning"] if note else [])
    if note:
        assert "Hướng dẫn 36-HD/VPTW" in said[0].message and "27/5/2026" in said[0].message


def test_a_Quyet_dinh_is_not_laid_out_for_a_Party_plan() -> None:
    d = one(PARTY + "quyet_dinh:\n  so: ''\n")
    assert d.key_path == "quyet_dinh" and at(d) == (24, 3)
    assert "the_thuc: dang" in d.message and "kem_theo" in (d.hint or "")
    spec, report = validate_text(PARTY + "kem_theo: Quyết định số 12-QĐ/ĐU, ngày 10/6/2026\n")
    assert spec is not None and report.errors == []


def test_shared_checks_read_their_D_IDs() -> None:
    shouting = PARTY.replace(
        "thực hiện “Năm Dân vận chính quyền” năm", "THỰC HIỆN “NĂM DÂN VẬN CHÍNH QUYỀN” NĂM"
    )
    d = one(shouting, Severity.WARNING)
    assert (d.rule, at(d)) == ("D-TL-2", (10, 12))
    assert (d.hint or "").endswith("thực hiện “năm dân vận chính quyền” năm 2026")
    d = one(PARTY.replace("trich_yeu: thực hiện", "trich_yeu: V/v thực hiện"))
    assert (d.rule, at(d)) == ("D-TL-2", (10, 12))
    # D-CC-1: kehoach writes "- " before each căn cứ; a typed one is no typed-number fault.
    text = PARTY.replace("  - Căn cứ Điều lệ", "  - '- Căn cứ Điều lệ").replace(
        "Việt Nam\n", "Việt Nam'\n", 1
    )
    assert found(text, Severity.WARNING) == []


# --- recognising a Party plan in a state spec (D-NB-9) ----------------------------------------


def test_DNB9_a_Party_plan_without_the_thuc_is_told_once() -> None:
    d = one(STATE, Severity.WARNING)
    assert (d.rule, at(d), d.key_path) == ("D-NB-9", (3, 8), "co_quan.ten")
    assert "Hướng dẫn 05-HD/VPTW" in (d.hint or "") and "the_thuc: dang" in (d.hint or "")
    assert "ĐẢNG ỦY XÃ TÂY SƠN" in d.message and "NĐ 30" in d.message
    assert found(STATE) == []


@pytest.mark.parametrize(
    ("change", "where", "key"),
    [
        (("viet_tat: UBND", "viet_tat: ĐU"), (3, 13), "co_quan.viet_tat"),
        (("chuc_vu: PHÓ CHỦ TỊCH", "chuc_vu: PHÓ BÍ THƯ"), (16, 12), "nguoi_ky.chuc_vu"),
        (
            ("  ten: ỦY BAN", "  chu_quan: ĐẢNG BỘ TỈNH GIA LAI\n  ten: ỦY BAN"),
            (2, 13),
            "co_quan.chu_quan",
        ),
    ],
)
def test_DNB9_each_sign_alone(change: tuple[str, str], where: tuple[int, int], key: str) -> None:
    d = one(VALID.replace(*change), Severity.WARNING)
    assert (d.rule, at(d), d.key_path) == ("D-NB-9", where, key)


def test_DNB8_a_Party_prefix_on_a_state_body_is_the_slip_not_the_layout() -> None:
    """Issue 10: 'T/M' typed for an Ủy ban nhân dân was answered with 'the_thuc: dang'."""
    d = one(
        VALID.replace("thay_mat: ỦY BAN NHÂN DÂN", "thay_mat: T/M ỦY BAN NHÂN DÂN"),
        Severity.WARNING,
    )
    assert (d.rule, at(d), d.key_path) == ("D-NB-8", (14, 13), "nguoi_ky.thay_mat")
    assert "the_thuc" not in (d.hint or "") and "'TM.'" in (d.hint or "")
    # A Party body's name with it is still a Party plan without its the_thuc.
    party = VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ĐẢNG ỦY XÃ AN PHÚ").replace(
        "thay_mat: ỦY BAN NHÂN DÂN", "thay_mat: T/M BAN THƯỜNG VỤ"
    )
    assert "D-NB-9" in [w.rule for w in found(party, Severity.WARNING)]


def test_DNB9_a_Party_symbol_in_a_state_spec() -> None:
    # The symbol is an error under NĐ 30 that names the fix; the warning is said with it.
    spec, report = validate_text(VALID + "ky_hieu: KH/ĐU\n", Path("kh.yaml"))
    assert spec is None
    (error,) = report.errors
    assert error.rule == "SO-4" and "the_thuc: dang" in (error.hint or "")
    assert "dấu cách" not in error.message  # there is none to blame
    (warning,) = report.warnings
    assert (warning.rule, at(warning)) == ("D-NB-9", (18, 10))


def test_DNB9_an_explicit_state_layout_is_told_how_to_change() -> None:
    d = one("the_thuc: nha-nuoc\n" + STATE, Severity.WARNING)
    assert d.rule == "D-NB-9" and "đổi thành 'the_thuc: dang'" in (d.hint or "")


def test_DNB9_no_warning_for_state_plans_or_the_Youth_Union() -> None:
    assert found(VALID, Severity.WARNING) == []
    youth = (
        VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "BAN CHẤP HÀNH ĐOÀN XÃ AN PHÚ")
        .replace("viet_tat: UBND", "viet_tat: ĐTN")
        .replace(
            "  thay_mat: ỦY BAN NHÂN DÂN\n  ky_thay: CHỦ TỊCH\n", "  thay_mat: T/M BAN THƯỜNG VỤ\n"
        )
        .replace("PHÓ CHỦ TỊCH", "PHÓ BÍ THƯ")
    )
    assert "D-NB-9" not in [d.rule for d in found(youth, Severity.WARNING)]
    # A Ban Chỉ đạo's code (BCĐ) is shared with state bodies: no sign on its own.
    bcd = VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "BAN CHỈ ĐẠO XÃ AN PHÚ").replace("UBND", "BCĐ")
    assert "D-NB-9" not in [d.rule for d in found(bcd, Severity.WARNING)]


# --- kehoach new --dang -------------------------------------------------------------------------

runner = CliRunner()


def assert_only_placeholders(text: str, file: Path, answered: tuple[str, ...]) -> None:
    """The skeleton's errors are its placeholders only, none about what was answered."""
    _, report = validate_text(text, file)
    assert report.errors and all(d.placeholder for d in report.errors), [
        d.format() for d in report.errors if not d.placeholder
    ]
    about = [d.key_path for d in report.errors if d.key_path.startswith(answered)]
    assert about == [], about


def test_new_dang_writes_a_valid_Party_skeleton(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = runner.invoke(
        app,
        ["new", str(target), "--dang", "--khong-hoi", "--co-quan", "Đảng ủy xã Tây Sơn",
         "--dia-danh", "Tây Sơn", "--nam", "2026"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert "the_thuc: dang" in text and 'ten: "ĐẢNG ỦY XÃ TÂY SƠN"' in text
    assert 'ten_goi: "Ban Thường vụ Đảng ủy xã Tây Sơn"' in text
    assert 'thay_mat: "BAN THƯỜNG VỤ"' in text and 'chuc_vu: "PHÓ BÍ THƯ"' in text
    # Issue 10 item 5: what was not answered stays a placeholder, refused by name; the
    # answers themselves are valid, and once the placeholders are filled so is the plan.
    assert_only_placeholders(text, target, answered=("co_quan.ten", "dia_danh", "ngay"))
    spec, report = validate_text(filled(text), target)
    assert spec is not None and report.items == [] and spec.the_thuc == "dang"


def test_new_dang_for_a_chi_bo(tmp_path: Path) -> None:
    target = tmp_path / "cb.yaml"
    result = runner.invoke(
        app,
        ["new", str(target), "--dang", "--khong-hoi", "--co-quan", "Chi bộ thôn An Lạc",
         "--chu-quan", "Đảng bộ xã Tây Sơn", "--chuc-vu", "Bí thư"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert_only_placeholders(text, target, answered=("co_quan", "nguoi_ky.chuc_vu"))
    spec, report = validate_text(filled(text), target)
    assert spec is not None and report.items == []
    assert spec.co_quan.viet_tat == "CB" and spec.nguoi_ky.thay_mat == "CHI BỘ"
    assert spec.co_quan.ten_goi == "Chi bộ thôn An Lạc"


def test_new_dang_asks_with_Party_defaults(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    answers = "Đảng ủy phường Ba Đình\nĐảng bộ thành phố Hà Nội\n\nBa Đình\n2026\n\nTrần Thị B\n\n"
    result = runner.invoke(app, ["new", str(target), "--dang", "--hoi"], input=answers)
    assert result.exit_code == 0, result.output
    assert "[ĐU]" in result.output and "[PHÓ BÍ THƯ]" in result.output
    text = target.read_text("utf-8")
    assert_only_placeholders(text, target, answered=("co_quan", "dia_danh", "nguoi_ky"))
    spec, report = validate_text(filled(text), target)
    assert spec is not None and report.items == []
    assert spec.co_quan.chu_quan == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"]
    assert (spec.co_quan.viet_tat, spec.nguoi_ky.chuc_vu) == ("ĐU", "PHÓ BÍ THƯ")


def test_new_dang_refuses_answers_that_would_not_validate(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = runner.invoke(
        app, ["new", str(target), "--dang", "--khong-hoi", "--chuc-vu", "Phó Bí thư Đảng ủy"]
    )
    assert result.exit_code == 2 and "nguoi_ky.chuc_vu" in result.output
    assert not target.exists()


def test_new_dang_reads_the_office_Party_template(tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "moi.yaml.j2").write_text("co_quan: {}\n", "utf-8")
    result = runner.invoke(app, ["new", str(tmp_path / "kh.yaml"), "--dang", "--mau", str(mau)])
    assert result.exit_code == 2 and "moi-dang.yaml.j2" in result.output
    builtin = Path(__file__).parent.parent / "templates" / "moi-dang.yaml.j2"
    (mau / "moi-dang.yaml.j2").write_text(
        builtin.read_text("utf-8").replace("Mục đích thứ nhất", "Mục đích riêng"), "utf-8"
    )
    target = tmp_path / "kh.yaml"
    result = runner.invoke(app, ["new", str(target), "--dang", "--khong-hoi", "--mau", str(mau)])
    assert result.exit_code == 0, result.output
    assert "Mục đích riêng" in target.read_text("utf-8")


def test_DD7_a_place_that_is_a_number_is_refused_with_its_unit_word() -> None:
    spec, report = validate_text(VALID.replace("dia_danh: An Phú", 'dia_danh: "1"'))
    assert spec is None
    (d,) = report.errors
    assert d.rule == "DD-7" and d.hint == "ví dụ: Phường 1"


@pytest.mark.parametrize(
    ("law", "place", "said"),
    [
        ("nha-nuoc", "Hồ Chí Minh", "DD-7"),  # a person's name: "Thành phố Hồ Chí Minh"
        ("nha-nuoc", "Thành phố Hồ Chí Minh", None),
        ("nha-nuoc", "Phường 1", None),
        ("nha-nuoc", "Huế", None),  # NĐ 30 says nothing of one-syllable names
        ("dang", "Huế", "D-DD-5"),  # HD 05 does: "Thành phố Huế"
        ("dang", "Thành phố Huế", None),
        ("dang", "TP. Hồ Chí Minh", None),  # D-DD-5 lets the unit word shrink
        ("dang", "Hồ Chí Minh", "D-DD-5"),
        ("dang", "Tây Sơn", None),
    ],
)
def test_DD7_DDD5_the_place_carries_its_unit_word_in_validate_and_check(
    law: str, place: str, said: str | None
) -> None:
    text = (
        PARTY.replace("dia_danh: Tây Sơn", f'dia_danh: "{place}"')
        if law == "dang"
        else VALID.replace("dia_danh: An Phú", f'dia_danh: "{place}"')
    )
    spec, report = validate_text(text)
    assert spec is not None
    warned = [d for d in report.items if d.rule in ("DD-7", "D-DD-5")]
    assert [d.rule for d in warned] == ([said] if said else [])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "kh.docx"
        out.write_bytes(to_bytes(compose(spec)))
        found = [f.rule for f in check_docx(out) if f.rule in ("DD-7", "D-DD-5")]
    assert found == ([said] if said else [])


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("Thực hiện “Năm Dân vận chính quyền” năm 2026", "thực hiện “Năm Dân vận"),
        ("Về Đại hội Đảng bộ xã năm 2026", "về Đại hội Đảng bộ xã"),
        ("Hội An đón khách du lịch năm 2026", "Hội An đón khách"),  # a name keeps its capital
        ("UBND xã phối hợp tuyên truyền năm 2026", "UBND xã phối hợp"),
    ],
)
def test_DTL2_the_trich_yeu_starts_lower_except_a_name(written: str, printed: str) -> None:
    text = PARTY.replace(
        "trich_yeu: thực hiện “Năm Dân vận chính quyền” năm 2026", f"trich_yeu: {written}"
    )
    spec, _ = validate_text(text)
    assert spec is not None
    document = compose(spec)
    assert document.summary[0].startswith(printed)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "kh.docx"
        out.write_bytes(to_bytes(document))
        assert "D-TL-2" not in [f.rule for f in check_docx(out)]
