"""Validate and check agree (issue 6): whatever ``kehoach check`` refuses on a rendered plan,
``kehoach validate`` has already said about its spec, under the same rule ID (as an error or
a warning). A corpus of spec variants — signers, titles, names, bodies — is rendered and
checked; a spec that validate refuses is not rendered, so it cannot disagree.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kehoach.check import check_docx
from kehoach.compose import compose
from kehoach.spec.validate import validate_text
from kehoach.writer import to_bytes

BASE = """\
co_quan:
  ten: {ten}
  viet_tat: {viet_tat}
so: "05"
dia_danh: {dia_danh}
ngay: 05/02/2026
trich_yeu: {trich_yeu}
can_cu:
  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/02/2025
nhiem_vu:
  muc:
    - Tuyên truyền sâu rộng trong cán bộ, công chức và Nhân dân.
noi_nhan:
  - Thường trực Đảng ủy
nguoi_ky:
{nguoi_ky}
"""

BODIES = [
    ("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "UBND"),
    ("SỞ Y TẾ", "SYT"),
    ("TRƯỜNG TIỂU HỌC KIM ĐỒNG", "THKĐ"),
    ("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH", "BCĐ"),
    ("HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG", "HĐND"),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "VP"),
]
SIGNERS = [
    {"chuc_vu": "CHỦ TỊCH"},
    {"chuc_vu": "GIÁM ĐỐC"},
    {"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
    {"thay_mat": "ỦY BAN NHÂN DÂN", "ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
    {"thay_mat": "BAN CHỈ ĐẠO", "chuc_vu": "TRƯỞNG BAN"},
    {"thay_mat": "CHỦ NHIỆM", "chuc_vu": "CHỦ NHIỆM"},
    {"thay_mat": "CHỦ TỊCH", "chuc_vu": "CHỦ TỊCH"},
    {"ky_thay": "GIÁM ĐỐC", "chuc_vu": "PHÓ GIÁM ĐỐC"},
    {"ky_thay": "GIÁM ĐỐC", "chuc_vu": "GIÁM ĐỐC"},
    {"ky_thay": "SỞ Y TẾ", "chuc_vu": "PHÓ GIÁM ĐỐC"},
    {"thua_lenh": "CHỦ TỊCH", "chuc_vu": "CHÁNH VĂN PHÒNG"},
    {"thua_lenh": "GIÁM ĐỐC", "ky_thay": "CHÁNH VĂN PHÒNG", "chuc_vu": "PHÓ CHÁNH VĂN PHÒNG"},
    {"thua_uy_quyen": "GIÁM ĐỐC", "chuc_vu": "TRƯỞNG PHÒNG KẾ HOẠCH"},
    {"thua_uy_quyen": "GIÁM ĐỐC", "ky_thay": "TRƯỞNG PHÒNG", "chuc_vu": "PHÓ TRƯỞNG PHÒNG"},
    {"quyen": "GIÁM ĐỐC"},
    {"thay_mat": "ỦY BAN NHÂN DÂN", "quyen": "CHỦ TỊCH"},
    {"chuc_vu": "HIỆU TRƯỞNG"},
    {"thay_mat": "HỘI ĐỒNG NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
]
NAMES = [
    "Nguyễn Văn An",
    "Tiến sĩ Nguyễn Văn An",
    "TS. Nguyễn Văn An",
    "PGS.TS Trần Thị Bình",
    "ThS Lê Văn Cường",
    "CN. Phạm Thị Dung",
    "NGUYỄN VĂN AN",
    "Nguyễn Thị Hà",
]
SUMMARIES = [
    "Triển khai công tác dân vận năm 2026",
    "TRIỂN KHAI CÔNG TÁC DÂN VẬN NĂM 2026",
    "Tổ chức các hoạt động kỷ niệm, tuyên truyền, vận động Nhân dân tham gia xây dựng "
    "nông thôn mới, đô thị văn minh và chuyển đổi số trên địa bàn năm 2026",
]
PLACES = ["An Phú", "Thành phố Hồ Chí Minh", "Lâm Đồng"]


def _yaml_signer(signer: dict[str, str], name: str) -> str:
    lines = [f"  {key}: {value}" for key, value in signer.items()]
    return "\n".join([*lines, f"  ho_ten: {name}"])


def _variants() -> list[tuple[str, str]]:
    cases = []
    base = {"body": BODIES[0], "signer": SIGNERS[3], "name": NAMES[0]}
    base |= {"summary": SUMMARIES[0], "place": PLACES[0]}
    for body, signer in itertools.product(BODIES, SIGNERS):
        cases.append({**base, "body": body, "signer": signer})
    for key, values in (("name", NAMES), ("summary", SUMMARIES), ("place", PLACES)):
        cases += [{**base, key: value} for value in values]
    out = []
    for i, case in enumerate(cases):
        text = BASE.format(
            ten=case["body"][0],
            viet_tat=case["body"][1],
            dia_danh=case["place"],
            trich_yeu=case["summary"],
            nguoi_ky=_yaml_signer(case["signer"], case["name"]),
        )
        out.append((f"bien-the-{i:03d}", text))
    return out


VARIANTS = _variants()


@pytest.mark.parametrize(("name", "text"), VARIANTS, ids=[n for n, _ in VARIANTS])
def test_check_refuses_nothing_validate_did_not_say(name: str, text: str, tmp_path: Path) -> None:
    spec, report = validate_text(text)
    if spec is None:
        return  # refused with a located error: nothing is rendered
    said = {d.rule for d in report.items}
    path = tmp_path / f"{name}.docx"
    path.write_bytes(to_bytes(compose(spec)))
    refused = {f.rule: f.message for f in check_docx(path) if f.severity == "error"}
    unsaid = {rule: message for rule, message in refused.items() if rule not in said}
    assert not unsaid, f"{text}\ncheck: {unsaid}\nvalidate: {[d.format() for d in report.items]}"


def test_the_corpus_renders_a_real_share_of_variants() -> None:
    """The corpus is not vacuous: most variants validate and reach the checker."""
    valid = sum(validate_text(text)[0] is not None for _, text in VARIANTS)
    assert valid >= len(VARIANTS) // 2
