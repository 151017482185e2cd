"""Clerk safety, spec side (issue 10 items 2, 3, 5, 6, 7 and "good input must give a good
document"): what a clerk writes is either printed as meant or refused, at its line and
column, with the rule ID `kehoach check` would use and a hint that fixes it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from specs import VALID

from kehoach.check import check_docx
from kehoach.compose.composer import compose
from kehoach.compose.wording import Wording
from kehoach.law.hd05 import HD05
from kehoach.law.layout import lay_out
from kehoach.law.metrics import text_width_mm
from kehoach.law.text import body_name_guess, body_name_in_text, collective_name
from kehoach.spec.diagnostics import Diagnostic, Severity
from kehoach.spec.validate import validate_file, validate_text
from kehoach.writer import to_bytes

SIGNER = "  thay_mat: ỦY BAN NHÂN DÂN\n  ky_thay: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n"


def report(text: str) -> list[Diagnostic]:
    _, found = validate_text(text, Path("kh.yaml"))
    return found.sorted()


def errors(text: str) -> list[Diagnostic]:
    return [d for d in report(text) if d.severity is Severity.ERROR]


def warnings(text: str) -> list[Diagnostic]:
    return [d for d in report(text) if d.severity is Severity.WARNING]


def at(d: Diagnostic) -> tuple[int, int]:
    assert d.position is not None
    return (d.position.line, d.position.column)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def column_of(text: str, needle: str) -> tuple[int, int]:
    number = line_of(text, needle)
    return number, text.splitlines()[number - 1].index(needle) + 1


# -- item 2: several entries typed as one text -------------------------------------------------


def test_recipients_in_one_text_with_commas_are_said_at_their_place() -> None:
    spec = VALID.replace(
        "noi_nhan:\n  - Thường trực Đảng ủy\n", "noi_nhan: UBND huyện, Thường trực Đảng ủy\n"
    )
    (d,) = report(spec)
    assert (d.severity, d.rule, d.key_path) == (Severity.WARNING, "NN-2", "noi_nhan")
    assert at(d) == column_of(spec, "UBND huyện")
    assert "MỘT nơi nhận" in d.message and "'  - UBND huyện'" in (d.hint or "")
    # One recipient with a comma in it, written as a list: nothing to say.
    listed = VALID.replace("  - Thường trực Đảng ủy", "  - Các cơ quan, đơn vị liên quan")
    assert report(listed) == []


def test_recipients_in_one_text_with_semicolons_are_refused() -> None:
    spec = VALID.replace(
        "noi_nhan:\n  - Thường trực Đảng ủy\n", "noi_nhan: UBND huyện; Thường trực Đảng ủy;\n"
    )
    (d,) = errors(spec)
    assert (d.rule, d.key_path, at(d)) == ("NN-2", "noi_nhan", column_of(spec, "UBND huyện"))
    assert "2 nơi nhận" in d.message
    in_a_list = VALID.replace("  - Thường trực Đảng ủy", "  - UBND huyện; Thường trực Đảng ủy")
    (d,) = errors(in_a_list)
    assert (d.rule, d.key_path) == ("NN-2", "noi_nhan[1]")


def test_two_bases_in_one_text_are_refused_but_one_basis_as_text_is_fine() -> None:
    two = VALID.replace(
        "trich_yeu:",
        "can_cu: Căn cứ Luật Tổ chức chính quyền địa phương; Căn cứ Nghị định số 30/2020/NĐ-CP\n"
        "trich_yeu:",
    )
    (d,) = errors(two)
    assert (d.rule, d.key_path, at(d)) == ("CC-1", "can_cu", (7, 9))
    assert "mỗi căn cứ một dòng" in (d.hint or "")
    one = VALID.replace(
        "trich_yeu:",
        "can_cu: Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015\ntrich_yeu:",
    )
    assert report(one) == []


# -- item 3: signatures (nd30-spec §9) ---------------------------------------------------------

UBND = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "UBND")
SO = ("SỞ Y TẾ", "SYT")
BCD = ("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH", "BCĐ")
HDND = ("HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG", "HĐND")


def plan(body: tuple[str, str], signer: dict[str, str]) -> str:
    lines = "".join(f"  {key}: {value}\n" for key, value in signer.items())
    in_text = body_name_guess([body[0]])  # no VH-9 for a Ban Chỉ đạo
    return (
        VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", body[0])
        .replace("viet_tat: UBND", f"viet_tat: {body[1]}\n  ten_goi: {in_text}")
        .replace(SIGNER, lines)
    )


# Every shape of §9.2 the law describes, printed exactly (KY-1: the lines above the space).
PRODUCED = [
    ("head signs alone (head-run body)", SO, {"chuc_vu": "GIÁM ĐỐC"}, ["GIÁM ĐỐC"]),
    (
        "TM.",
        UBND,
        {"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ),
    (
        "TM. + KT.",
        UBND,
        {"thay_mat": "ỦY BAN NHÂN DÂN", "ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ),
    (
        "TM. (Ban Chỉ đạo)",
        BCD,
        {"thay_mat": "BAN CHỈ ĐẠO", "chuc_vu": "TRƯỞNG BAN"},
        ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"],
    ),
    (
        "TM. (Hội đồng nhân dân)",
        HDND,
        {"thay_mat": "HỘI ĐỒNG NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
        ["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"],
    ),
    (
        "KT.",
        SO,
        {"ky_thay": "GIÁM ĐỐC", "chuc_vu": "PHÓ GIÁM ĐỐC"},
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    ),
    (
        "TL.",
        SO,
        {"thua_lenh": "GIÁM ĐỐC", "chuc_vu": "CHÁNH VĂN PHÒNG"},
        ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
    ),
    (
        "TL. + KT.",
        SO,
        {"thua_lenh": "GIÁM ĐỐC", "ky_thay": "CHÁNH VĂN PHÒNG", "chuc_vu": "PHÓ CHÁNH VĂN PHÒNG"},
        ["TL. GIÁM ĐỐC", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    ),
    (
        "TUQ.",
        SO,
        {"thua_uy_quyen": "GIÁM ĐỐC", "chuc_vu": "TRƯỞNG PHÒNG KẾ HOẠCH"},
        ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG KẾ HOẠCH"],
    ),
    (
        "TUQ. for a collective body (no KT-6 leading into KT-5)",
        UBND,
        {"thua_uy_quyen": "CHỦ TỊCH", "chuc_vu": "CHÁNH VĂN PHÒNG"},
        ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
    ),
    ("Q.", SO, {"quyen": "GIÁM ĐỐC"}, ["Q. GIÁM ĐỐC"]),
    ("Q. (position repeated)", SO, {"quyen": "GIÁM ĐỐC", "chuc_vu": "GIÁM ĐỐC"}, ["Q. GIÁM ĐỐC"]),
    (
        "typed prefixes of the keys' own",
        UBND,
        {"thay_mat": "TM. ỦY BAN NHÂN DÂN", "ky_thay": "kt. chủ tịch", "chuc_vu": "PHÓ CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ),
]


@pytest.mark.parametrize(
    ("body", "signer", "lines"), [case[1:] for case in PRODUCED], ids=[c[0] for c in PRODUCED]
)
def test_every_shape_of_section_9_2_is_printed_exactly(
    body: tuple[str, str], signer: dict[str, str], lines: list[str]
) -> None:
    spec, found = validate_text(plan(body, signer))
    assert spec is not None and found.items == [], [d.format() for d in found.items]
    assert compose(spec).signature.lines == lines


# Every other shape: refused (or, for a probable fault, warned about) with the rule ID and a
# hint; the fix the hint names gives a clean plan and the shape the law describes.
# (body, signer, severity, rule, fix: keys to set, None = delete; printed after the fix)
REFUSED: list[tuple[str, tuple[str, str], dict[str, str], Severity, str, dict, list[str]]] = [
    (
        "KT. typed in chuc_vu",
        UBND,
        {"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "KT. CHỦ TỊCH"},
        Severity.ERROR,
        "KT-1",
        {"ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ),
    (
        "TM. typed in chuc_vu",
        UBND,
        {"chuc_vu": "TM. ỦY BAN NHÂN DÂN"},
        Severity.ERROR,
        "KT-2",
        {"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ),
    (
        "Q. typed in chuc_vu",
        SO,
        {"chuc_vu": "Q. GIÁM ĐỐC"},
        Severity.ERROR,
        "KT-3",
        {"quyen": "GIÁM ĐỐC", "chuc_vu": None},
        ["Q. GIÁM ĐỐC"],
    ),
    (
        "a deputy under TM. without KT.",
        UBND,
        {"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "PHÓ CHỦ TỊCH"},
        Severity.ERROR,
        "KT-1",
        {"ky_thay": "CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ),
    (
        "a deputy under TL. without KT.",
        SO,
        {"thua_lenh": "GIÁM ĐỐC", "chuc_vu": "PHÓ CHÁNH VĂN PHÒNG"},
        Severity.ERROR,
        "KT-1",
        {"ky_thay": "CHÁNH VĂN PHÒNG"},
        ["TL. GIÁM ĐỐC", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    ),
    (
        "a deputy alone",
        SO,
        {"chuc_vu": "PHÓ GIÁM ĐỐC"},
        Severity.ERROR,
        "KT-1",
        {"ky_thay": "GIÁM ĐỐC"},
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    ),
    (
        "KT. with the head's own title",
        SO,
        {"ky_thay": "GIÁM ĐỐC", "chuc_vu": "GIÁM ĐỐC"},
        Severity.ERROR,
        "KT-1",
        {"chuc_vu": "PHÓ GIÁM ĐỐC"},
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    ),
    (
        "TM. before a person's title",
        UBND,
        {"thay_mat": "CHỦ TỊCH", "chuc_vu": "CHỦ TỊCH"},
        Severity.ERROR,
        "KT-2",
        {"thay_mat": "ỦY BAN NHÂN DÂN"},
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ),
    (
        "KT. before a body's name",
        SO,
        {"ky_thay": "SỞ Y TẾ", "chuc_vu": "PHÓ GIÁM ĐỐC"},
        Severity.ERROR,
        "KT-3",
        {"ky_thay": "GIÁM ĐỐC"},
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    ),
    (
        "Q. with another position",
        SO,
        {"quyen": "GIÁM ĐỐC", "chuc_vu": "PHÓ GIÁM ĐỐC"},
        Severity.ERROR,
        "KY-1",
        {"chuc_vu": None},
        ["Q. GIÁM ĐỐC"],
    ),
    (
        "no position",
        UBND,
        {"thay_mat": "ỦY BAN NHÂN DÂN"},
        Severity.ERROR,
        "KY-1",
        {"chuc_vu": "CHỦ TỊCH"},
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ),
    (
        "TM. and TL. together",
        SO,
        {"thay_mat": "SỞ Y TẾ", "thua_lenh": "GIÁM ĐỐC", "chuc_vu": "CHÁNH VĂN PHÒNG"},
        Severity.ERROR,
        "KT-5",
        {"thay_mat": None},
        ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
    ),
    (
        "a collective body, its head alone",
        UBND,
        {"chuc_vu": "CHỦ TỊCH"},
        Severity.WARNING,
        "KT-6",
        {"thay_mat": "ỦY BAN NHÂN DÂN"},
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ),
    (
        "a collective body, KT. without TM.",
        UBND,
        {"ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
        Severity.WARNING,
        "KT-6",
        {"thay_mat": "ỦY BAN NHÂN DÂN"},
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ),
    (
        "a head-run body signing TM.",
        SO,
        {"thay_mat": "SỞ Y TẾ", "chuc_vu": "GIÁM ĐỐC"},
        Severity.WARNING,
        "KT-6",
        {"thay_mat": None},
        ["GIÁM ĐỐC"],
    ),
    (
        "TUQ. then KT.",
        SO,
        {"thua_uy_quyen": "GIÁM ĐỐC", "ky_thay": "TRƯỞNG PHÒNG", "chuc_vu": "PHÓ TRƯỞNG PHÒNG"},
        Severity.WARNING,
        "KT-4",
        {"ky_thay": None, "chuc_vu": "TRƯỞNG PHÒNG"},
        ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"],
    ),
]


@pytest.mark.parametrize(
    ("body", "signer", "severity", "rule", "fix", "lines"),
    [case[1:] for case in REFUSED],
    ids=[c[0] for c in REFUSED],
)
def test_every_other_shape_is_refused_with_the_fix(
    body: tuple[str, str],
    signer: dict[str, str],
    severity: Severity,
    rule: str,
    fix: dict[str, str | None],
    lines: list[str],
) -> None:
    text = plan(body, signer)
    found = report(text)
    said = [d for d in found if d.rule == rule and d.severity is severity]
    assert said, [d.format() for d in found]
    d = said[0]
    assert d.key_path.startswith("nguoi_ky") and d.position is not None
    assert d.position.line >= line_of(text, "nguoi_ky:")
    # The hint names what to write or delete.
    hint = d.hint or ""
    for key, value in fix.items():
        assert (f"{key}: {value}" if value else key) in hint, (key, hint)
    fixed = {k: v for k, v in {**signer, **fix}.items() if v is not None}
    spec, after = validate_text(plan(body, fixed))
    assert spec is not None and after.items == [], [x.format() for x in after.items]
    assert compose(spec).signature.lines == lines


def test_TM_with_Q_is_printed_and_called_rare() -> None:
    """KT-5 [PRACTICE]: combinations §9.2 does not describe are warned about, not refused."""
    text = plan(UBND, {"thay_mat": "ỦY BAN NHÂN DÂN", "quyen": "CHỦ TỊCH"})
    spec, found = validate_text(text)
    assert spec is not None and [d.rule for d in found.items] == ["KT-5"]
    assert compose(spec).signature.lines == ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]


@pytest.mark.parametrize(
    "typed", ["T/M ỦY BAN NHÂN DÂN", "t/m ủy ban nhân dân", "T/M. ỦY BAN NHÂN DÂN"]
)
def test_a_Party_prefix_in_a_state_spec_is_not_printed_twice(typed: str) -> None:
    spec, _ = validate_text(VALID.replace("thay_mat: ỦY BAN NHÂN DÂN", f"thay_mat: {typed}"))
    assert spec is not None
    assert compose(spec).signature.lines[0] == "TM. ỦY BAN NHÂN DÂN"  # not "TM. T/M …"


def test_KT6_advice_uses_the_collective_as_docs_write_it() -> None:
    (d,) = warnings(plan(UBND, {"ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"}))
    assert d.rule == "KT-6" and "thêm thay_mat: ỦY BAN NHÂN DÂN " in (d.hint or "") + " "
    assert "XÃ AN PHÚ" not in (d.hint or "")
    assert collective_name("ỦY BAN NHÂN DÂN XÃ TÂY PHÚ") == "ỦY BAN NHÂN DÂN"
    assert collective_name("UBND XÃ TÂY PHÚ") == "ỦY BAN NHÂN DÂN"
    assert collective_name("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH") == "BAN CHỈ ĐẠO"


def test_Party_signer_prefixes_in_chuc_vu_are_refused_too() -> None:
    party = "the_thuc: dang\n" + VALID.replace(
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ĐẢNG ỦY XÃ AN PHÚ"
    ).replace("viet_tat: UBND", "viet_tat: ĐU").replace("05/02/2026", "05/7/2026").replace(
        SIGNER, "  thay_mat: BAN THƯỜNG VỤ\n  chuc_vu: K/T BÍ THƯ\n"
    )
    (d,) = errors(party)
    assert (d.rule, d.key_path) == ("D-KT-1", "nguoi_ky.chuc_vu") and "K/T" in d.message
    assert at(d) == column_of(party, "K/T BÍ THƯ")


# -- item 5: placeholders and names in running text --------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "key"),
    [
        ("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ten: ỦY BAN NHÂN DÂN XÃ ...", "co_quan.ten"),
        ("dia_danh: An Phú", "dia_danh: Địa danh", "dia_danh"),
        ("năm 2026", "năm …", "trich_yeu"),
        ("  - Tuyên truyền", "  - Tuyên truyền ...", "nhiem_vu.muc[1]"),
        ("ho_ten: Nguyễn Văn An", "ho_ten: Họ và tên người ký ...", "nguoi_ky.ho_ten"),
    ],
)
def test_a_placeholder_fails_by_name(before: str, after: str, key: str) -> None:
    text = VALID.replace(before, after)
    (d,) = errors(text)
    assert d.placeholder and d.key_path == key and "chữ mẫu" in d.message
    number = line_of(text, after)
    line = text.splitlines()[number - 1]
    value = line.split(": ", 1)[1] if ": " in line else line.split("- ", 1)[1]
    assert at(d) == (number, line.index(value) + 1)  # where the value starts


def test_the_unfinished_date_of_a_basis_no_longer_disappears() -> None:
    text = VALID.replace(
        "trich_yeu:",
        "can_cu:\n  - Căn cứ Luật Tổ chức chính quyền địa phương ngày ... ;\ntrich_yeu:",
    )
    (d,) = errors(text)
    assert d.placeholder and d.key_path == "can_cu[1]" and "'...'" in d.message


@pytest.mark.parametrize(
    "text",
    [
        "Tuyên truyền, vận động, v.v...",
        "Các xã An Phú, Tây Sơn, …",
        "Đọc “…” trong tài liệu",
        "Kết quả năm 2025…",
    ],
)
def test_an_ellipsis_that_is_text_is_not_a_placeholder(text: str) -> None:
    assert errors(VALID.replace("    - Tuyên truyền", f'    - "{text}"')) == []


@pytest.mark.parametrize(
    ("name", "in_text"),
    [
        ("TRƯỜNG TIỂU HỌC KIM ĐỒNG", "Trường Tiểu học Kim Đồng"),
        ("SỞ Y TẾ", "Sở Y tế"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ Y TẾ TỈNH LÂM ĐỒNG", "Sở Y tế tỉnh Lâm Đồng"),
        ("PHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội"),
        ("TRƯỜNG THCS NGUYỄN DU", "Trường THCS Nguyễn Du"),
        ("TRƯỜNG TRUNG HỌC PHỔ THÔNG CHU VĂN AN", "Trường Trung học phổ thông Chu Văn An"),
        ("TRƯỜNG TIỂU HỌC SỐ 1 AN PHÚ", "Trường Tiểu học số 1 An Phú"),
        ("BỘ NỘI VỤ", "Bộ Nội vụ"),
    ],
)
def test_a_body_name_in_running_text_keeps_its_capitals(name: str, in_text: str) -> None:
    assert body_name_in_text([name]) == in_text


@pytest.mark.parametrize(
    ("name", "guess"),
    [
        ("TRUNG TÂM Y TẾ XÃ AN PHÚ", "Trung tâm Y tế xã An Phú"),
        ("ĐẢNG ỦY XÃ AN PHÚ", "Đảng ủy xã An Phú"),
        ("CHI BỘ THÔN AN LẠC", "Chi bộ thôn An Lạc"),
        ("VĂN PHÒNG UBND TỈNH LÂM ĐỒNG", "Văn phòng UBND tỉnh Lâm Đồng"),
    ],
)
def test_a_name_that_is_only_guessed_keeps_proper_names_and_is_warned(
    name: str, guess: str
) -> None:
    """The composer's fallback lowered the whole name ("Trường tiểu học kim đồng")."""
    assert body_name_in_text([name]) is None and body_name_guess([name]) == guess
    text = VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", name).replace(SIGNER, "  chuc_vu: GIÁM ĐỐC\n")
    spec, found = validate_text(text)
    assert spec is not None and "VH-9" in [d.rule for d in found.items]
    assert compose(spec).blocks[0].text.startswith(guess)  # the default lead-in


def test_the_default_lead_in_names_a_school_with_its_capitals() -> None:
    text = (
        VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "TRƯỜNG TIỂU HỌC KIM ĐỒNG")
        .replace("viet_tat: UBND", "viet_tat: THKĐ")
        .replace(SIGNER, "  chuc_vu: HIỆU TRƯỞNG\n")
    )
    spec, found = validate_text(text)
    assert spec is not None and found.items == []
    assert "Trường Tiểu học Kim Đồng ban hành" in " ".join(b.text for b in compose(spec).blocks)


# -- item 6: warnings that were wrong ----------------------------------------------------------


@pytest.mark.parametrize(
    "summary",
    [
        "Phát triển kinh tế - xã hội năm 2026, định hướng đến năm 2030",
        "Quy hoạch xã An Phú năm 2026, tầm nhìn đến năm 2045",
        "Chuyển đổi số năm 2026 và định hướng năm 2030",
    ],
)
def test_a_future_horizon_is_not_a_stale_year(summary: str) -> None:
    text = VALID.replace("Triển khai công tác dân vận năm 2026", summary)
    assert report(text) == []
    # A year before the plan's is still said.
    stale = text.replace("năm 2026", "năm 2024", 1)
    assert [d.message for d in warnings(stale)] == [
        "trích yếu nói năm 2024 nhưng ngày ban hành là năm 2026"
    ]


def test_DD8_is_said_with_a_fix_that_keeps_the_DD7_name() -> None:
    place = VALID.replace("dia_danh: An Phú", "dia_danh: Thành phố Hồ Chí Minh")
    assert report(place) == []  # 13 pt fits: no warning (DD-8 drops a size before wrapping)
    # The widest margins NĐ 30 allows (35 + 20 mm): the right column widens, the left keeping
    # its 54 mm, and the line still fits.
    assert report(place + "trinh_bay:\n  le_trai: 35\n  le_phai: 20\n") == []
    # A longer name (103 mm at 13 pt) fits only within the default margins.
    longer = VALID.replace("dia_danh: An Phú", "dia_danh: Thành phố Buôn Ma Thuột")
    assert report(longer) == []
    narrow = longer + "trinh_bay:\n  le_trai: 35\n  le_phai: 20\n"
    (d,) = warnings(narrow)
    assert d.rule == "DD-8" and "le_trai: 30, le_phai: 15" in (d.hint or "")
    assert "địa danh giữ nguyên" in (d.hint or "")


def _party_in(place: str, date: str) -> str:
    return "the_thuc: dang\n" + VALID.replace(
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ĐẢNG ỦY PHƯỜNG SÀI GÒN"
    ).replace(
        "viet_tat: UBND", "viet_tat: ĐU\n  ten_goi: Ban Thường vụ Đảng ủy phường Sài Gòn"
    ).replace("05/02/2026", date).replace("dia_danh: An Phú", f"dia_danh: {place}").replace(
        SIGNER, "  thay_mat: BAN THƯỜNG VỤ\n  chuc_vu: PHÓ BÍ THƯ\n"
    )


def test_D_H_2_a_Party_plan_widens_the_date_column_instead_of_wrapping() -> None:
    # 14 pt only (D-DD-2), 104 mm of date: the right column grows past its 100 mm, the left
    # keeping 55 mm; the name "Thành phố Hồ Chí Minh" stays whole (DD-7).
    party = _party_in("Thành phố Hồ Chí Minh", "28/12/2026")
    assert report(party) == []
    spec, _ = validate_text(party)
    assert spec is not None
    document = compose(spec, Wording())
    header = lay_out(document, HD05).header
    assert header.date_fits and header.date_size == 14
    assert header.columns[0] >= HD05.header_left_min_mm
    assert header.columns[1] - 2 * HD05.cell_margin_mm >= text_width_mm(
        document.header.place_date, 14, italic=True
    )


def test_a_Party_plan_may_shorten_Thanh_pho_and_is_told_so() -> None:
    # 111 mm of date: more than the widest right column (165 − 55 mm) holds.
    party = _party_in("Thành phố Buôn Ma Thuột", "28/12/2026")
    (d,) = warnings(party)
    assert d.rule == "D-H-2" and "dia_danh: TP. Buôn Ma Thuột" in (d.hint or "")
    assert report(party.replace("Thành phố Buôn Ma Thuột", "TP. Buôn Ma Thuột")) == []


# What the writer draws (law/layout.py) and the PDF show agree with DD-8's prediction.
DATE_CASES = [
    ("Thành phố Hồ Chí Minh", "28/12/2026", ""),
    ("Thành phố Hồ Chí Minh", "2026", "trinh_bay:\n  le_trai: 35\n  le_phai: 20\n"),
    ("Thành phố Hồ Chí Minh", "28/12/2026", "trinh_bay:\n  le_trai: 30\n  le_phai: 19\n"),
    ("Thành phố Hồ Chí Minh", "28/12/2026", "trinh_bay:\n  le_trai: 30\n  le_phai: 20\n"),
    ("Thành phố Hồ Chí Minh", "28/12/2026", "trinh_bay:\n  le_trai: 35\n  le_phai: 20\n"),
    # Too long for the widest right column: these wrap, and DD-8 says so.
    ("Thành phố Buôn Ma Thuột", "28/12/2026", "trinh_bay:\n  le_trai: 35\n  le_phai: 20\n"),
    ("Thành phố Phan Rang - Tháp Chàm", "28/12/2026", ""),
]


def test_DD8_says_a_wrap_exactly_when_the_PDF_wraps() -> None:
    from pdf_support import require_libreoffice

    from kehoach.export.pdf import docx_to_pdf
    from kehoach.export.pdflayout import read_pdf_layout

    require_libreoffice()
    out = Path(tempfile.mkdtemp(prefix="kehoach-dd8-"))
    said, docs = [], []
    for i, (place, date, layout) in enumerate(DATE_CASES):
        text = (
            VALID.replace("dia_danh: An Phú", f"dia_danh: {place}").replace(
                "ngay: 05/02/2026", f"ngay: {date}"
            )
            + layout
        )
        spec, found = validate_text(text)
        assert spec is not None
        said.append("DD-8" in [d.rule for d in found.items])
        docs.append(out / f"kh{i}.docx")
        docs[-1].write_bytes(to_bytes(compose(spec)))
    assert said == [False] * 5 + [True] * 2  # the cases above cover both answers
    for wraps, pdf in zip(said, docx_to_pdf(docs, out / "pdf"), strict=True):
        page = read_pdf_layout(pdf)[0]
        top = [line for line in page.lines if line.y0 < 60 and line.x0 > 80]
        date_line = next(line for line in top if "Thành phố" in line.text)
        below = [line for line in top if 0 < line.y0 - date_line.y0 < 8]
        assert bool(below) == wraps, (wraps, [line.text for line in top])


# -- item 7: positions -------------------------------------------------------------------------


def test_a_wrapped_title_is_said_at_its_own_line_with_the_column_to_reach() -> None:
    text = VALID.replace(
        "    - Tuyên truyền\n",
        "    - tieu_de: Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở đến cán bộ,\n"
        "      công chức và Nhân dân\n      muc:\n        - Treo băng rôn\n",
    )
    (d,) = errors(text)
    assert at(d) == (line_of(text, "      công chức"), 7)  # not the innocent "muc:" below
    assert "'tieu_de'" in d.message and "cột 8" in d.message and ">-" in (d.hint or "")
    deeper = text.replace("      công chức", "        công chức")
    spec, found = validate_text(deeper)
    assert spec is not None and found.errors == []
    assert spec.nhiem_vu is not None
    assert spec.nhiem_vu.muc[0].tieu_de.endswith("đến cán bộ, công chức và Nhân dân")


@pytest.mark.parametrize(
    ("old", "new", "cause"),
    [
        ("  muc:\n", "  mo_dau: Đoạn mở đầu của phần\n  tiếp tục đoạn\n  muc:\n", "  tiếp tục"),
        (
            "    - Tuyên truyền\n",
            "    - Tuyên truyền, phổ biến\n    đến cán bộ\n    - Vận động\n",
            "    đến cán bộ",
        ),
        (
            "noi_nhan:",
            "ket_luan: Trên đây là Kế hoạch\ncác cơ quan thực hiện.\nnoi_nhan:",
            "các cơ",
        ),
    ],
)
def test_a_wrapped_line_not_indented_enough_is_said_at_itself(
    old: str, new: str, cause: str
) -> None:
    text = VALID.replace(old, new)
    (d,) = errors(text)
    assert d.position is not None and d.position.line == line_of(text, cause)
    assert "thụt lề sâu hơn" in d.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    - Tuyên truyền\n", "    -Treo băng rôn\n    - Tuyên truyền\n"),
        ("    - Tuyên truyền\n", "    - Tuyên truyền\n    -Treo băng rôn\n"),
        ("    - Tuyên truyền\n", "    -Treo băng rôn\n"),
        ("  - Thường trực Đảng ủy\n", "  - Thường trực Đảng ủy\n  -Treo băng rôn\n  - UBND xã\n"),
        ("  - Thường trực Đảng ủy\n", "  -Treo băng rôn\n  - Thường trực Đảng ủy\n"),
    ],
)
def test_a_dash_without_its_space_is_said_at_its_own_line(old: str, new: str) -> None:
    text = VALID.replace(old, new)
    (d,) = errors(text)
    assert at(d) == column_of(text, "-Treo")
    assert "thiếu dấu cách sau dấu '-'" in d.message and "'- Treo băng rôn'" in (d.hint or "")


def test_the_same_positions_when_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "kh.yaml"
    text = VALID.replace("    - Tuyên truyền\n", "    - Tuyên truyền\n    -Treo băng rôn\n")
    path.write_text(text, "utf-8")
    _, found = validate_file(path)
    (d,) = found.errors
    assert at(d) == column_of(text, "-Treo")


def test_a_missing_position_is_said_at_the_signer_block() -> None:
    text = VALID.replace("  ky_thay: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n", "")
    (d,) = errors(text)
    assert (d.rule, d.key_path) == ("KY-1", "nguoi_ky.chuc_vu")
    assert at(d) == (line_of(text, "nguoi_ky:"), 1)  # not at thay_mat, the line below
    assert "thêm chuc_vu" in (d.hint or "")


# -- good input gives a good document: validate names what check would refuse -----------------


def _checked(text: str) -> tuple[set[str | None], set[str]]:
    """(rule IDs validate said, rule IDs of check's errors on the rendered plan)."""
    spec, found = validate_text(text)
    said = {d.rule for d in found.items}
    if spec is None:
        return said, set()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kh.docx"
        path.write_bytes(to_bytes(compose(spec)))
        return said, {f.rule for f in check_docx(path).errors}


@pytest.mark.parametrize(
    ("before", "after", "rule", "severity"),
    [
        ("Nguyễn Văn An", "NGUYỄN VĂN AN", "KY-2", Severity.WARNING),
        ("Triển khai công tác dân vận năm 2026", "TRIỂN KHAI CÔNG TÁC DÂN VẬN NĂM 2026", "TL-2",
         Severity.WARNING),
        ("Triển khai công tác dân vận năm 2026", "ٮ công tác dân vận năm 2026", "TL-2",
         Severity.ERROR),
        ("trich_yeu:", "thuc_hien:\n  - Căn cứ Luật Tổ chức chính quyền địa phương\ntrich_yeu:",
         "CC-1", Severity.ERROR),
        ("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ten: '12345'", "CQ-3", Severity.ERROR),
        ("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ SỐ 12/KH-UBND", "SO-2",
         Severity.ERROR),
        ("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ten:\n    - ỦY BAN NHÂN DÂN XÃ AN PHÚ\n    - SỐ 12/KH-UBND",
         "SO-2", Severity.ERROR),
        ("  ten: ỦY BAN", "  chu_quan: '2024'\n  ten: ỦY BAN", "CQ-2", Severity.ERROR),
    ],
)  # fmt: skip
def test_validate_names_what_check_would_refuse(
    before: str, after: str, rule: str, severity: Severity
) -> None:
    text = VALID.replace(before, after)
    found = [d for d in report(text) if d.rule == rule]
    assert found and found[0].severity is severity and found[0].position is not None
    said, refused = _checked(text)
    assert refused <= said, (refused, said)


def test_a_zero_width_body_name_is_refused() -> None:
    """CQ-3/CQ-5: a name of only a zero-width space printed an empty header cell."""
    text = VALID.replace("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", 'ten: "\u200b"')
    assert [d.key_path.split("[")[0] for d in errors(text)] == ["co_quan.ten"]


def test_a_school_number_is_not_a_document_number() -> None:
    text = (
        VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "TRƯỜNG TIỂU HỌC SỐ 1 AN PHÚ")
        .replace("viet_tat: UBND", "viet_tat: TH1")
        .replace(SIGNER, "  chuc_vu: HIỆU TRƯỞNG\n")
    )
    spec, found = validate_text(text)
    assert spec is not None and found.items == []


def test_a_basis_in_thuc_hien_is_fine_in_a_Party_plan() -> None:
    """D-CC-1: a Party plan prints both upright with "- ", so nothing is out of form."""
    party = yaml.safe_load(
        VALID.replace("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ĐẢNG ỦY XÃ AN PHÚ")
        .replace("viet_tat: UBND", "viet_tat: ĐU")
        .replace("05/02/2026", "05/7/2026")
        .replace(SIGNER, "  thay_mat: BAN THƯỜNG VỤ\n  chuc_vu: PHÓ BÍ THƯ\n")
    )
    data: dict[str, Any] = {"the_thuc": "dang", **party, "thuc_hien": ["Căn cứ Điều lệ Đảng"]}
    data["co_quan"]["ten_goi"] = "Ban Thường vụ Đảng ủy xã An Phú"
    spec, found = validate_text(yaml.safe_dump(data, allow_unicode=True))
    assert spec is not None and found.errors == []
