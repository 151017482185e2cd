"""Validate and check agree (issue 6): whatever ``kehoach check`` refuses on a rendered plan,
``kehoach validate`` has already said about its spec, under the same rule ID (as an error or
a warning). A corpus of spec variants — signers, titles, names, bodies — is rendered and
checked; a spec that validate refuses is not rendered, so it cannot disagree.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from specs import said_and_found

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


DECISION = """\
quyet_dinh:
  so: "12"
  tham_quyen: {tham_quyen}
  dieu:
    - Quyết định này có hiệu lực kể từ ngày ký.
  noi_nhan: [Như Điều 3]
"""
AUTHORITIES = ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ỦY BAN NHÂN DÂN XÃ AN PHÚ"]
DECISION_SIGNERS = [
    None,  # the decision takes the plan's signer
    {"ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
    {"thay_mat": "ỦY BAN NHÂN DÂN", "ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
]
PLAN_SIGNERS = [DECISION_SIGNERS[1], DECISION_SIGNERS[2], {"chuc_vu": "CHỦ TỊCH"}]


def _decision_variants() -> list[tuple[str, str, bool]]:
    """(name, spec, whether KT-6 is due): under the Chủ tịch's authority a block with TM. is
    wrong, under the Ủy ban's a block without it."""
    out = []
    cases = itertools.product(AUTHORITIES, DECISION_SIGNERS, PLAN_SIGNERS)
    for i, (authority, own, signer) in enumerate(cases):
        text = (
            BASE.replace('so: "05"\n', "")
            .format(
                ten=BODIES[0][0],
                viet_tat=BODIES[0][1],
                dia_danh=PLACES[0],
                trich_yeu=SUMMARIES[0],
                nguoi_ky=_yaml_signer(signer, NAMES[0]),
            )
            .replace("noi_nhan:\n  - Thường trực Đảng ủy\n", "")
        )
        text += DECISION.format(tham_quyen=authority)
        if own is not None:
            text += "  nguoi_ky:\n" + "\n".join(
                "  " + line for line in _yaml_signer(own, NAMES[0]).splitlines()
            )
        personal = authority.startswith("CHỦ TỊCH")
        blocks = [own or signer, signer]
        due = any(("thay_mat" in block) == personal for block in blocks)
        out.append((f"quyet-dinh-{i:02d}", text, due))
    return out


def _attached_variants() -> list[tuple[str, str, bool]]:
    """The same for a plan whose Quyết định is issued apart (``kem_theo``): the issuer is the
    one its note names."""
    out = []
    for i, (authority, signer) in enumerate(itertools.product(AUTHORITIES, PLAN_SIGNERS)):
        personal = authority.startswith("CHỦ TỊCH")
        issuer = ("Chủ tịch " if personal else "") + "Ủy ban nhân dân xã An Phú"
        text = BASE.replace('so: "05"\n', "").format(
            ten=BODIES[0][0],
            viet_tat=BODIES[0][1],
            dia_danh=PLACES[0],
            trich_yeu=SUMMARIES[0],
            nguoi_ky=_yaml_signer(signer, NAMES[0]),
        )
        text = text.replace("noi_nhan:\n  - Thường trực Đảng ủy\n", "")
        text += f"kem_theo: Quyết định số 12/QĐ-UBND ngày 01/02/2026 của {issuer}\n"
        due = ("thay_mat" in signer) == personal
        out.append((f"kem-theo-{i:02d}", text, due))
    return out


DECISION_VARIANTS = _decision_variants() + _attached_variants()


@pytest.mark.parametrize(
    ("name", "text", "due"), DECISION_VARIANTS, ids=[n for n, _, _ in DECISION_VARIANTS]
)
def test_a_decision_and_the_plan_it_issues_are_signed_for_the_same_authority(
    name: str, text: str, due: bool, tmp_path: Path
) -> None:
    """KT-6 (Mẫu 1.2, 1.3): a Quyết định of the Chủ tịch, and the plan attached to it, are not
    signed "TM."; one of the Ủy ban is. Validate and check judge both signature blocks by the
    decision's authority, so they warn together, and only when a block is signed wrongly."""
    said, found = said_and_found(text, "KT-6", tmp_path)
    assert bool(said) == bool(found) == due, f"{text}\ncheck: {found}\nvalidate: {said}"


@pytest.mark.parametrize(
    ("signer", "due"),
    [
        ({"chuc_vu": "CHỦ TỊCH"}, True),
        ({"ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"}, True),
        ({"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"}, False),
        ({"thua_lenh": "CHỦ TỊCH", "chuc_vu": "CHÁNH VĂN PHÒNG"}, False),
        ({"thua_uy_quyen": "CHỦ TỊCH", "chuc_vu": "CHÁNH VĂN PHÒNG"}, False),
        ({"quyen": "CHỦ TỊCH"}, False),
    ],
)
def test_kt6_for_a_collective_body_is_one_rule(
    signer: dict[str, str], due: bool, tmp_path: Path
) -> None:
    """KT-6: an Ủy ban's plan signed without TM. is warned, unless TL., TUQ. or Q. stands
    (TM. with these is the KT-5 warning). validate let "Q. CHỦ TỊCH" and "TUQ. CHỦ TỊCH"
    pass and check warned them; both now read profile.collective_authorities."""
    text = BASE.format(
        ten=BODIES[0][0],
        viet_tat=BODIES[0][1],
        dia_danh=PLACES[0],
        trich_yeu=SUMMARIES[0],
        nguoi_ky=_yaml_signer(signer, NAMES[0]),
    )
    said, found = said_and_found(text, "KT-6", tmp_path)
    assert bool(said) == bool(found) == due, (said, found)
