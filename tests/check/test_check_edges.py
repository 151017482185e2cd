"""What the property tests (tests/test_properties.py) found check wrong about: valid plans,
rendered by kehoach and made by hand, that check misread — a commune named Cộng Hòa taken
for the Quốc hiệu, a Party trích yếu that starts with an abbreviation, a part title without
letters, a table title ending with ":", a signature without Nơi nhận whose name is typed in
capitals."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_corpus import Opts, build, clone, save

import kehoach
from kehoach.check import Finding, check_document, check_docx
from kehoach.law.hd05 import HD05
from kehoach.law.nd30 import ND30
from kehoach.spec.validate import validate_text

STATE = """\
co_quan:
  ten: {ten}
  viet_tat: UBND
so: "05"
dia_danh: {place}
ngay: 05/02/2026
trich_yeu: {summary}
{body}noi_nhan:
  - Thường trực Đảng ủy
nguoi_ky:
  thay_mat: ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: {name}
"""

PARTY = """\
the_thuc: dang
co_quan:
  chu_quan: ĐẢNG BỘ TỈNH HẢI PHÒNG
  ten: {ten}
  viet_tat: ĐU
  ten_goi: Ban Thường vụ Đảng ủy xã
so: "27"
dia_danh: {place}
ngay: 15/6/2026
trich_yeu: {summary}
{body}noi_nhan:
  - Ban Thường vụ Thành ủy
nguoi_ky:
  thay_mat: BAN THƯỜNG VỤ
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: {name}
"""

BODY = "nhiem_vu:\n  muc:\n    - Tuyên truyền sâu rộng trong Nhân dân.\n"


def spec(template: str, **values: str) -> str:
    defaults = {
        "ten": "ỦY BAN NHÂN DÂN XÃ AN PHÚ" if template is STATE else "ĐẢNG ỦY XÃ AN PHÚ",
        "place": "An Phú",
        "summary": "Triển khai công tác dân vận năm 2026",
        "body": BODY,
        "name": "Nguyễn Văn An",
    }
    return template.format(**(defaults | values))


def rendered(text: str, tmp_path: Path) -> Path:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(kehoach.to_docx_bytes(kehoach.loads(text)))
    return path


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.rule} {f.message} @ {f.where}" for f in findings)


# ---------------------------------------------------------------------- a commune "Cộng Hòa"


@pytest.mark.parametrize(
    ("template", "ten"),
    [
        (STATE, "ỦY BAN NHÂN DÂN XÃ CỘNG HÒA"),
        (STATE, "[ỦY BAN NHÂN DÂN XÃ, CỘNG HÒA]"),
        (PARTY, "ĐẢNG ỦY XÃ CỘNG HÒA"),
        (PARTY, "[ĐẢNG ỦY XÃ, CỘNG HÒA]"),
    ],
    ids=["nd30", "nd30-ten-hai-dong", "hd05", "hd05-ten-hai-dong"],
)
def test_commune_named_cong_hoa_is_not_the_quoc_hieu(
    template: str, ten: str, tmp_path: Path
) -> None:
    """«Cộng Hòa, ngày …» and a body line «CỘNG HÒA» start like the Quốc hiệu (D-NB-1, QH-1):
    the exact title line is the Quốc hiệu, the date line never is, and a Party plan stays a
    Party plan."""
    path = rendered(spec(template, ten=ten, place="Cộng Hòa"), tmp_path)
    result = check_document(path)
    assert result.profile is (ND30 if template is STATE else HD05)
    assert list(result.findings) == [], explain(result.findings)


def test_hand_made_commune_named_cong_hoa(tmp_path: Path) -> None:
    opts = clone(
        Opts(),
        issuing=["ỦY BAN NHÂN DÂN XÃ", "CỘNG HÒA"],
        date="Cộng Hòa, ngày 05 tháng 3 năm 2024",
    )
    findings = check_docx(save(build(opts), tmp_path / "cong-hoa.docx"))
    assert findings == [], explain(findings)


# ---------------------------------------------------------------------- body


def test_party_summary_may_start_with_an_abbreviation(tmp_path: Path) -> None:
    """D-TL-2: a Party trích yếu starts in lower case, but an abbreviation keeps its
    capitals — as kehoach writes it («MTTQ …», not «mTTQ …»)."""
    text = spec(PARTY, summary="MTTQ và các đoàn thể tham gia công tác dân vận năm 2026")
    findings = check_docx(rendered(text, tmp_path))
    assert findings == [], explain(findings)


def test_party_summary_in_sentence_case_is_still_refused(tmp_path: Path) -> None:
    opts = clone(Opts(), summary="Triển khai công tác dân vận chính quyền năm 2024")
    findings = check_docx(save(build(opts), tmp_path / "nd30.docx"), HD05)
    assert "D-TL-2" in {f.rule for f in findings if f.severity == "error"}


def test_part_title_without_letters(tmp_path: Path) -> None:
    """«Phần I» / «2026 - 2030»: a title with no letter has none to write in capitals; it
    is the part's title, not a centred body paragraph (ND-2, ND-3)."""
    body = (
        "phan:\n  - tieu_de: 2026 - 2030\n    muc:\n      - tieu_de: Mục tiêu\n"
        "        muc:\n          - Giảm hồ sơ trễ hạn.\n"
    )
    findings = check_docx(rendered(spec(STATE, body=body), tmp_path))
    assert findings == [], explain(findings)


def test_table_title_may_lead_in_with_a_colon(tmp_path: Path) -> None:
    body = (
        "nhiem_vu:\n  muc:\n    - Tổ chức các hội nghị.\n    - bang:\n"
        "        tieu_de: 'Kết quả thực hiện:'\n        cot: [Nội dung, Đơn vị]\n"
        "        dong:\n          - [Hội nghị, Văn phòng]\n"
    )
    findings = check_docx(rendered(spec(STATE, body=body), tmp_path))
    assert findings == [], explain(findings)


# ---------------------------------------------------------------------- signature


ATTACHED = """\
co_quan:
  ten: SỞ Y TẾ
  viet_tat: SYT
dia_danh: Lâm Đồng
ngay: 05/02/2026
trich_yeu: Triển khai công tác dân vận năm 2026
kem_theo: Quyết định số 15/QĐ-SYT ngày 20/01/2026 của Sở Y tế
nhiem_vu:
  muc:
    - Tuyên truyền sâu rộng trong Nhân dân.
nguoi_ky:
  chuc_vu: GIÁM ĐỐC
  ho_ten: {name}
"""


def test_signature_without_recipients_and_a_name_in_capitals(tmp_path: Path) -> None:
    """A plan attached to a Quyết định has only its signature after the body: a name typed
    in capitals is still the signature, judged by KY-2 — the rule validate warns by — not
    a missing signature (KY-1) and a body without «./.» (ND-6)."""
    text = ATTACHED.format(name="NGUYỄN VĂN AN")
    _spec, report = validate_text(text)
    assert "KY-2" in {d.rule for d in report.warnings}
    findings = check_docx(rendered(text, tmp_path))
    assert [(f.rule, f.severity) for f in findings] == [("KY-2", "error")], explain(findings)
    assert "bảng chữ ký" in findings[0].where


def test_signature_without_recipients(tmp_path: Path) -> None:
    findings = check_docx(rendered(ATTACHED.format(name="Nguyễn Văn An"), tmp_path))
    assert findings == [], explain(findings)


def test_body_sentence_opening_with_noi_nhan_is_not_the_recipients_label(
    tmp_path: Path,
) -> None:
    """Without a Nơi nhận table (a plan attached to a Quyết định), a paragraph of the body
    that opens like the label («Nơi nhận hồ sơ:») is body text, not the start of Nơi nhận."""
    text = ATTACHED.format(name="Nguyễn Văn An").replace(
        "nguoi_ky:", "  ket:\n    - 'Nơi nhận hồ sơ:'\n    - Văn phòng Sở.\nnguoi_ky:"
    )
    findings = check_docx(rendered(text, tmp_path))
    assert findings == [], explain(findings)


@pytest.mark.parametrize(
    "recipient",
    ["Công Hoàng Long và các đơn vị", "Công hoạch viên các xã"],
    ids=["cong-hoang", "cong-hoach"],
)
def test_words_that_start_like_the_quoc_hieu_are_not_it(recipient: str, tmp_path: Path) -> None:
    """The Quốc hiệu is found by its first words, word by word: «Công Hoàng», «Công hoạch»
    (letters «CONGHOA…» once accents are set aside) in the Quyết định's Nơi nhận do not open
    another document, and the plan it issues is found whole."""
    text = spec(STATE, ten="SỞ Y TẾ").replace(
        "  thay_mat: ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n", "  chuc_vu: GIÁM ĐỐC\n"
    ) + ("quyet_dinh:\n  noi_nhan:\n    - " + recipient + "\n")
    findings = check_docx(rendered(text, tmp_path))
    assert [f for f in findings if f.severity == "error"] == [], explain(findings)
