"""``kehoach check`` learns Party documents (issue 9): a plan of a đảng ủy, ban thường vụ or
chi bộ is recognised from its header (hd05-spec §12) and checked under HD 05-HD/VPTW, its
findings carrying the D- rule IDs; a state plan is checked under NĐ 30 as before; a document
that mixes the two gets one D-NB-8 warning listing what belongs to the other law.

The Party documents are built by hand with python-docx (``party_corpus``), not by the
kehoach writer; a last test renders every example with ``the_thuc: dang``.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from check_corpus import Opts, build, clone, paragraphs_with, save
from conftest import EXAMPLES, ROOT
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from party_corpus import PartyOpts, build_party
from rich.console import Console

from kehoach.check import Finding, check_document, check_docx
from kehoach.check.report import run_check
from kehoach.check.vocab import PARTY_IDS, PARTY_SOFT
from kehoach.law.hd05 import HD05
from kehoach.law.nd30 import ND30

BASE = PartyOpts()
PARTY = HD05.layout_name  # "thể thức văn bản của Đảng (HD 05-HD/VPTW)"


def run(
    tmp_path: Path,
    opts: PartyOpts | None = None,
    mutate: Callable[[DocxDocument], None] | None = None,
    name: str = "dang.docx",
) -> list[Finding]:
    doc = build_party(opts or BASE)
    if mutate is not None:
        mutate(doc)
    return check_docx(save(doc, tmp_path / name))


def errors(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def warnings(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "warning"}


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.rule} {f.message} @ {f.where}" for f in findings)


def restyle_runs(text: str, **fmt: object) -> Callable[[DocxDocument], None]:
    """A mutation: every run of the paragraphs that read exactly ``text`` gets ``fmt``."""

    def mutate(doc: DocxDocument) -> None:
        paras = [p for p in paragraphs_with(doc, text) if p.text == text]
        assert paras, text
        for para in paras:
            for run in para.runs:
                for key, value in fmt.items():
                    setattr(run.font, key, Pt(value) if key == "size" else value)

    return mutate


def assert_party_messages(findings: list[Finding]) -> None:
    """Under HD 05 a finding cites HD 05, never NĐ 30 (D-NB-8 names the other layout)."""
    for f in findings:
        assert f.rule.startswith("D-"), explain(findings)
        if f.rule != "D-NB-8":
            assert "NĐ 30" not in f.message, explain([f])


# ---------------------------------------------------------------------- a conforming plan


def test_conforming_party_plan_passes(tmp_path: Path) -> None:
    path = save(build_party(), tmp_path / "dat.docx")
    result = check_document(path)
    assert result.findings == [], explain(result.findings)
    assert result.profile.key == "hd05"
    assert result.recognition.profile is HD05


def test_conforming_party_plan_with_appendices_passes(tmp_path: Path) -> None:
    """D-PL-1, D-PL-2, D-PN-4: "Phụ lục 1", "Phụ lục 2", each numbered from 1."""
    findings = run(tmp_path, clone(BASE, appendices=["Phụ lục 1", "Phụ lục 2"]))
    assert findings == [], explain(findings)


def test_state_plan_still_checked_under_nd30(tmp_path: Path) -> None:
    path = save(build(), tmp_path / "nha-nuoc.docx")
    result = check_document(path)
    assert result.findings == [], explain(result.findings)
    assert result.profile is ND30 and result.recognition.profile is ND30


# ---------------------------------------------------------------------- recognition (§12)


def test_D_NB_1_title_line_is_decisive(tmp_path: Path) -> None:
    path = save(build_party(), tmp_path / "dang.docx")
    recognition = check_document(path).recognition
    decisive = recognition.of(HD05, "decisive")
    assert [s.rule for s in decisive] == ["D-NB-1"]
    assert decisive[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    strong = {s.text for s in recognition.of(HD05, "strong")}
    assert strong == {"Số 27-KH/ĐU", "T/M BAN THƯỜNG VỤ", "*", "-----"}  # D-NB-2..D-NB-4
    supporting = {s.rule for s in recognition.of(HD05, "supporting")}
    assert supporting == {"D-NB-5", "D-NB-6"}


def test_D_NB_7_two_strong_signals_without_any_title_line(tmp_path: Path) -> None:
    """No title line at all, but "Số 27-KH/ĐU", "T/M", "*", "-----": a Party document, and
    what is missing is its title line (D-TD-1), not a Quốc hiệu."""
    path = save(build_party(clone(BASE, title_line="")), tmp_path / "khong-tieu-de.docx")
    result = check_document(path)
    assert result.recognition.profile is HD05
    assert errors(result.findings) == {"D-TD-1"}, explain(result.findings)
    assert "«ĐẢNG CỘNG SẢN VIỆT NAM»" in result.findings[0].message


def test_D_NB_7_one_strong_signal_is_unknown_and_checked_under_nd30(tmp_path: Path) -> None:
    opts = clone(BASE, title_line="", agency_mark=None, summary_mark=None, signature=["BÍ THƯ"])
    path = save(build_party(opts), tmp_path / "khong-ro.docx")
    result = check_document(path)
    assert result.recognition.profile is None
    assert result.recognition.label == "không rõ thể thức"
    assert result.profile is ND30
    assert "QH-1" in errors(result.findings)


def test_D_NB_7_quoc_hieu_is_decisive_for_a_state_document(tmp_path: Path) -> None:
    """A Quốc hiệu over a Party layout: a state document (D-NB-7), with D-NB-8."""
    opts = clone(BASE, title_line="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", title_size=13)
    result = check_document(save(build_party(opts), tmp_path / "qh.docx"))
    assert result.profile is ND30
    assert "D-NB-8" in warnings(result.findings)


def test_a_given_profile_overrides_recognition(tmp_path: Path) -> None:
    path = save(build_party(), tmp_path / "dang.docx")
    findings = check_docx(path, ND30)
    assert {"QH-1", "SO-2", "ND-6", "NN-3", "KY-1"} <= errors(findings), explain(findings)


# ---------------------------------------------------------------------- broken variants

# (id, options or mutation, the errors expected, a phrase of the message)
VARIANTS: list[tuple[str, PartyOpts | Callable[[DocxDocument], None], set[str], str]] = [
    # header: title line, body name, date (§4)
    ("title-text", clone(BASE, title_line="ĐẢNG CỘNG SẢN VIỆT NAM!"), {"D-TD-1"}, "yêu cầu đúng"),
    ("title-size", clone(BASE, title_size=14), {"D-TD-2"}, "HD 05 yêu cầu 15 pt"),
    ("title-rule", clone(BASE, title_rule_mm=30), {"D-TD-3"}, "dài bằng dòng «ĐẢNG CỘNG SẢN"),
    (
        "superior-size",
        restyle_runs("ĐẢNG BỘ TỈNH GIA LAI", size=13),
        {"D-CQ-3"},
        "HD 05 yêu cầu 14 pt",
    ),
    ("issuing-regular", restyle_runs("ĐẢNG ỦY XÃ TÂY SƠN", bold=False), {"D-CQ-4"}, "không in đậm"),
    ("no-star", clone(BASE, agency_mark=None), {"D-CQ-5"}, "Không có dấu «*»"),
    ("three-stars", clone(BASE, agency_mark="***"), {"D-CQ-5"}, "yêu cầu đúng «*»"),
    ("date-day", clone(BASE, date="Tây Sơn, ngày 5 tháng 6 năm 2026"), {"D-DD-3"}, "«ngày 05»"),
    ("date-upright", restyle_runs(BASE.date, italic=False), {"D-DD-2"}, "in nghiêng"),
    # number (D-SO-*)
    ("number-colon", clone(BASE, so="Số: 27-KH/ĐU"), {"D-SO-1"}, "không có dấu hai chấm"),
    ("number-state-order", clone(BASE, so="Số 27/KH-ĐU"), {"D-SO-4"}, "«Số 05-KH/ĐU»"),
    ("number-padding", clone(BASE, so="Số 5-KH/ĐU"), {"D-SO-3"}, "«05»"),
    ("number-type", clone(BASE, so="Số 27-KHH/ĐU"), {"D-SO-7"}, "mã loại «KH»"),
    ("number-size", restyle_runs(BASE.so, size=13), {"D-SO-2"}, "HD 05 yêu cầu 14 pt"),
    # type name and trích yếu (§5)
    ("type-size", clone(BASE, type_size=14), {"D-TL-1"}, "15–16 pt"),
    (
        "summary-capital",
        clone(BASE, summary="Thực hiện “Năm Dân vận chính quyền” năm 2026"),
        {"D-TL-2"},
        "bắt đầu bằng chữ thường",
    ),
    ("summary-size", restyle_runs(BASE.summary, size=13), {"D-TL-2"}, "14–15 pt"),
    ("no-dashes", clone(BASE, summary_mark=None), {"D-TL-3"}, "Không có dấu «-----»"),
    ("rule-not-dashes", clone(BASE, summary_mark=None, summary_rule=True), {"D-TL-3"}, "kẻ đường"),
    # body (§6)
    ("body-13pt", clone(BASE, body_size=13), {"D-ND-1"}, "14–15 pt"),
    ("body-left", clone(BASE, body_align=WD_ALIGN_PARAGRAPH.LEFT), {"D-ND-2"}, "căn đều hai lề"),
    ("single-spacing", clone(BASE, line_exact_pt=None), {"D-ND-4"}, "Exactly"),
    ("exact-24pt", clone(BASE, line_exact_pt=24), {"D-ND-4"}, "18–22 pt"),
    (
        "closing-slash",
        clone(BASE, body=[*BASE.body[:-1], BASE.body[-1][:-1] + "./."]),
        {"D-ND-5"},
        "không dùng «./.»",
    ),
    # căn cứ (D-CC-1)
    ("cancu-italic", clone(BASE, cancu_italic=True), {"D-CC-1"}, "yêu cầu chữ đứng"),
    ("cancu-no-dash", clone(BASE, cancu=[t[2:] for t in BASE.cancu]), {"D-CC-1"}, "«- »"),
    (
        "cancu-last-semicolon-mid",
        clone(BASE, cancu=[BASE.cancu[0][:-1] + ".", *BASE.cancu[1:]]),
        {"D-CC-1"},
        "dấu chấm phẩy",
    ),
    # signature (D-KY-*, D-KT-*)
    (
        "dotted-prefix",
        clone(BASE, signature=["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]),
        {"D-KT-1"},
        "dùng «T/M»",
    ),
    (
        "tuq",
        clone(BASE, signature=["TUQ. BÍ THƯ", "CHÁNH VĂN PHÒNG"]),
        {"D-KT-1"},
        "không có hình thức ký này",
    ),
    ("position-bold", clone(BASE, position_bold=True), {"D-KY-3"}, "chữ không đậm"),
    ("name-regular", restyle_runs("Nguyễn Văn An", bold=False), {"D-KY-4"}, "in đậm"),
    (
        "tm-then-kt",
        clone(BASE, signature=["T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "PHÓ BÍ THƯ"]),
        {"D-KT-3"},
        "không ký thay dưới «T/M»",
    ),
    (
        "tl-then-kt",
        clone(BASE, signature=["T/L BAN THƯỜNG VỤ", "K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
        {"D-KT-5"},
        "không ký thay dưới «T/L»",
    ),
    ("tm-person", clone(BASE, signature=["T/M BÍ THƯ", "PHÓ BÍ THƯ"]), {"D-KT-2"}, "thay mặt"),
    (
        "kt-body",
        clone(BASE, signature=["K/T BAN TỔ CHỨC", "PHÓ TRƯỞNG BAN"]),
        {"D-KT-4"},
        "không phải tên cơ quan",
    ),
    (
        "position-with-body",
        clone(BASE, signature=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ ĐẢNG ỦY XÃ"]),
        {"D-KY-5"},
        "không ghi thêm tên cơ quan",
    ),
    # Nơi nhận (D-NN-*)
    ("label-not-underlined", clone(BASE, label_underline=False), {"D-NN-2"}, "gạch chân"),
    ("label-bold", clone(BASE, label_bold=True), {"D-NN-2"}, "chữ không đậm"),
    ("items-11pt", clone(BASE, recipients_size=11), {"D-NN-3"}, "HD 05 yêu cầu 12 pt"),
    (
        "archive-colon",
        clone(BASE, recipients=[*BASE.recipients[:-1], "- Lưu: VT, VP."]),
        {"D-NN-5"},
        "không có dấu hai chấm",
    ),
    (
        "archive-vt",
        clone(BASE, recipients=[*BASE.recipients[:-1], "- Lưu VT."]),
        {"D-NN-5"},
        "không ghi «VT»",
    ),
    # page (D-P-*, D-PN-*, D-F-1, D-PL-*)
    (
        "margin",
        clone(BASE, margins_mm={"top": 25, "bottom": 20, "left": 30, "right": 15}),
        {"D-P-2"},
        "Lề trên 25 mm; HD 05 yêu cầu 20 mm.",
    ),
    ("header-distance", clone(BASE, header_mm=15), {"D-PN-2"}, "cách mép trên trang 10 mm"),
    ("page-number-13pt", clone(BASE, page_number_size=13), {"D-PN-1"}, "HD 05 yêu cầu 14 pt"),
    ("font", restyle_runs(BASE.body[3], name="Arial"), {"D-F-1"}, "Times New Roman"),
    (
        "roman-appendices",
        clone(BASE, appendices=["Phụ lục I", "Phụ lục II"]),
        {"D-PL-1"},
        "«Phụ lục 1»",
    ),
]


def _findings(tmp_path: Path, variant: PartyOpts | Callable[[DocxDocument], None]) -> list:
    if isinstance(variant, PartyOpts):
        return run(tmp_path, variant)
    return run(tmp_path, mutate=variant)


@pytest.mark.parametrize(
    ("variant", "expected", "quote"), [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS]
)
def test_broken_party_plan_fails_its_D_rule(
    tmp_path: Path,
    variant: PartyOpts | Callable[[DocxDocument], None],
    expected: set[str],
    quote: str,
) -> None:
    findings = _findings(tmp_path, variant)
    assert errors(findings) == expected, explain(findings)
    assert any(quote in f.message for f in findings if f.rule in expected), explain(findings)
    assert_party_messages(findings)


# (id, options, the warnings expected; no error)
SOFT: list[tuple[str, PartyOpts, set[str]]] = [
    # D-ND-3: "khoảng 10 mm"; 12.7 mm only warns.
    ("indent-12.7mm", clone(BASE, body_indent_mm=12.7), {"D-ND-3"}),
    # D-DM-2: "I." is accepted as well as "I-".
    ("roman-dot-headings", clone(BASE, body=[t.replace("I- ", "I. ") for t in BASE.body]), set()),
    # D-CC-1, D-CC-2: a last căn cứ with ";" or "," running into the sentence only warns.
    ("cancu-last-semicolon", clone(BASE, cancu=[*BASE.cancu[:-1], BASE.cancu[-1][:-1] + ";"]), {"D-CC-1"}),
    ("cancu-last-comma", clone(BASE, cancu=[*BASE.cancu[:-1], BASE.cancu[-1][:-1] + ","]), {"D-CC-2"}),
    # D-NN-4: items ending "," as the HD 36 digests show.
    ("items-comma", clone(BASE, recipients=[r.replace(";", ",") for r in BASE.recipients]), {"D-NN-4"}),
    # D-SO-8, D-SO-9 (UNCONFIRMED), D-SO-10: codes outside the list, or legacy.
    ("code-unlisted", clone(BASE, so="Số 27-KH/VPĐU"), {"D-SO-8"}),
    ("code-legacy", clone(BASE, so="Số 27-KH/HU"), {"D-SO-10"}),
    # D-KT-5: "T/L BAN THƯỜNG VỤ" / "CHÁNH VĂN PHÒNG" is right.
    ("tl-signature", clone(BASE, signature=["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]), set()),
    # D-KT-4: K/T in a body run by its head (the office), the deputy's position under it.
    (
        "kt-head-based",
        clone(BASE, issuing=["VĂN PHÒNG ĐẢNG ỦY"], so="Số 27-KH/VPTU",
              signature=["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
        set(),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("opts", "expected"), [v[1:] for v in SOFT], ids=[v[0] for v in SOFT])
def test_unconfirmed_and_practice_rules_only_warn(
    tmp_path: Path, opts: PartyOpts, expected: set[str]
) -> None:
    findings = run(tmp_path, opts)
    assert errors(findings) == set(), explain(findings)
    assert warnings(findings) == expected, explain(findings)
    assert_party_messages(findings)


def test_D_PN_3_first_page_number_hidden(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        doc.sections[0].different_first_page_header_footer = False

    assert errors(run(tmp_path, mutate=mutate)) == {"D-PN-3"}


def test_D_PN_4_appendix_numbered_from_one(tmp_path: Path) -> None:
    def mutate(doc: DocxDocument) -> None:
        for sect in doc.element.body.iter(qn("w:sectPr")):
            for num in sect.findall(qn("w:pgNumType")):
                sect.remove(num)

    findings = run(tmp_path, clone(BASE, appendices=["Phụ lục 1", "Phụ lục 2"]), mutate)
    assert errors(findings) == {"D-PN-4"}, explain(findings)


def test_finding_folds_keep_the_D_rule(tmp_path: Path) -> None:
    """A wrong body size breaks every paragraph: one folded D-ND-1 finding."""
    findings = run(tmp_path, clone(BASE, body_size=13))
    (finding,) = findings
    assert finding.rule == "D-ND-1" and "vị trí)" in finding.message


# ---------------------------------------------------------------------- mixed layouts (D-NB-8)


def _mixed(findings: list[Finding]) -> Finding:
    mixed = [f for f in findings if f.rule == "D-NB-8"]
    assert len(mixed) == 1, explain(findings)
    assert mixed[0].severity == "warning"
    return mixed[0]


def test_D_NB_8_party_number_under_a_quoc_hieu(tmp_path: Path) -> None:
    findings = check_docx(save(build(clone(Opts(), so="Số 12-KH/ĐU")), tmp_path / "so.docx"))
    mixed = _mixed(findings)
    assert f"được kiểm tra theo {ND30.layout_name}" in mixed.message
    assert f"theo {PARTY}" in mixed.message
    assert "«Số 12-KH/ĐU»" in mixed.message and "«05-KH/…»" in mixed.message
    assert {"SO-2", "SO-4"} <= errors(findings)  # … and judged under NĐ 30


def test_D_NB_8_slash_authority_under_a_quoc_hieu(tmp_path: Path) -> None:
    opts = clone(Opts(), signature=["T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
    findings = check_docx(save(build(opts), tmp_path / "tm.docx"))
    assert "«T/M»" in _mixed(findings).message
    assert "KY-1" in errors(findings)


def test_D_NB_8_dotted_authority_under_the_party_title(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, signature=["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]))
    mixed = _mixed(findings)
    assert "«TM.»" in mixed.message and f"theo {ND30.layout_name}" in mixed.message


def test_D_NB_8_lists_every_foreign_element_in_one_warning(tmp_path: Path) -> None:
    opts = clone(
        BASE,
        so="Số: 27/KH-ĐU",
        motto="Độc lập - Tự do - Hạnh phúc",
        agency_mark=None,
        agency_rule=True,
        signature=["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],
        recipients=[*BASE.recipients[:-1], "- Lưu: VT, VP."],
        body=[*BASE.body[:-1], BASE.body[-1][:-1] + "./."],
    )
    mixed = _mixed(run(tmp_path, opts))
    for part in (
        "Tiêu ngữ",
        "«Số:»",
        "«05/KH-…»",
        "đường kẻ dưới tên cơ quan",
        "«TM.»",
        "dòng lưu «- Lưu: VT, VP.»",
        "dấu «./.»",
    ):
        assert part in mixed.message, mixed.message
    assert "có 6 thành phần" in mixed.message


def test_D_NB_8_party_marks_in_a_state_document(tmp_path: Path) -> None:
    """ "*" under the body name and "-----" under the trích yếu of a state plan whose rules
    are drawn as well: no error, one D-NB-8 warning naming both marks."""
    doc = build()
    agency_rule = paragraphs_with(doc, "THỊ TRẤN Y")[0]._p.getnext()
    Paragraph(agency_rule, None).insert_paragraph_before("*")
    summary = next(p for p in doc.paragraphs if p.text == Opts().summary)
    Paragraph(summary._p.getnext(), None).insert_paragraph_before("-----")
    findings = check_docx(save(doc, tmp_path / "dau.docx"))
    assert errors(findings) == set(), explain(findings)
    mixed = _mixed(findings)
    assert "dấu «*» dưới tên cơ quan" in mixed.message
    assert "dấu «-----» dưới trích yếu" in mixed.message


def test_no_mixed_warning_for_clean_documents(tmp_path: Path) -> None:
    assert "D-NB-8" not in warnings(run(tmp_path))
    assert "D-NB-8" not in warnings(check_docx(save(build(), tmp_path / "nn.docx")))


# ---------------------------------------------------------------------- report


def _console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=240, color_system=None), buf


def test_report_names_the_party_layout(tmp_path: Path) -> None:
    ok = save(build_party(), tmp_path / "dat.docx")
    bad = save(build_party(clone(BASE, recipients_size=11)), tmp_path / "sai.docx")
    con, buf = _console()
    assert run_check([ok], as_json=False, console=con) == 0
    assert f"Đạt {PARTY}, không có lỗi hay cảnh báo" in buf.getvalue()
    con, buf = _console()
    assert run_check([ok, bad], as_json=False, console=con) == 1
    assert f"KHÔNG ĐẠT {PARTY}: 4 lỗi" in buf.getvalue()
    assert "[D-NN-3] Danh sách nơi nhận cỡ chữ 11 pt; HD 05 yêu cầu 12 pt." in buf.getvalue()


def test_report_json_carries_D_rule_ids(tmp_path: Path) -> None:
    bad = save(build_party(clone(BASE, so="Số 5-KH/ĐU")), tmp_path / "sai.docx")
    con, buf = _console()
    assert run_check([bad], as_json=True, console=con) == 1
    (entry,) = json.loads(buf.getvalue())
    assert entry["ok"] is False
    assert [f["rule"] for f in entry["findings"]] == ["D-SO-3"]


def test_report_says_when_the_layout_is_unknown(tmp_path: Path) -> None:
    path = save(build(clone(Opts(), qh="", tn="")), tmp_path / "khong-ro.docx")
    con, buf = _console()
    assert run_check([path], as_json=False, console=con) == 1
    assert "Phần đầu văn bản không cho biết thể thức" in buf.getvalue()


# ---------------------------------------------------------------------- the rule book


def test_every_D_id_the_checker_reports_is_in_hd05_spec() -> None:
    spec = (ROOT / "docs" / "luat" / "hd05-spec.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\| (D-[A-Z]+-\d+) \|", spec, re.M))
    used = set(PARTY_IDS.values()) | PARTY_SOFT | {"D-NB-8"}
    assert used <= defined, used - defined


def test_findings_split_by_severity(tmp_path: Path) -> None:
    findings = run(tmp_path, clone(BASE, body_indent_mm=12.7, recipients_size=11))
    assert {f.rule for f in findings.errors} == {"D-NN-3"}
    assert {f.rule for f in findings.warnings} == {"D-ND-3"}


# ---------------------------------------------------------------------- rendered examples


def _party_examples() -> list[Path]:
    return [p for p in EXAMPLES if re.search(r"^the_thuc:\s*dang\s*$", p.read_text("utf-8"), re.M)]


@pytest.mark.parametrize("name", [p.stem for p in _party_examples()] or ["none"])
def test_rendered_party_example_passes_as_a_party_document(
    name: str, rendered: dict[str, Path]
) -> None:
    if name == "none":
        pytest.skip("no example with the_thuc: dang yet")
    result = check_document(rendered[name])
    assert result.recognition.profile is HD05
    assert result.profile is HD05
    assert result.findings == [], explain(result.findings)


def test_DCC1_a_dashed_line_after_the_bases_belongs_to_the_block(tmp_path: Path) -> None:
    """D-CC-1: "- Theo Kế hoạch số …" after the căn cứ (a spec's thuc_hien) was not taken
    into the block, so the "- Căn cứ …;" before it was warned as a last basis ending in
    ";". Under HD 05 every line of the block starts "- ": the block now runs to the last
    of them, whose "." is what the rule asks."""
    import docx

    import kehoach

    example = (ROOT / "examples" / "dang-uy-xa-dan-van-2026.yaml").read_text("utf-8")
    text = re.sub(
        r"thuc_hien:\n(  - .*\n(    .*\n)*)",
        "thuc_hien:\n  - Theo Kế hoạch số 12-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy\n",
        example,
    )
    assert "Theo Kế hoạch số 12-KH/TU" in text
    path = tmp_path / "kh.docx"
    path.write_bytes(kehoach.to_docx_bytes(kehoach.loads(text)))
    assert [f.rule for f in check_docx(path)] == []
    doc = docx.Document(str(path))
    last = next(p for p in doc.paragraphs if p.text.startswith("- Theo Kế hoạch"))
    last.runs[-1].text = last.runs[-1].text.rstrip(".") + ";"  # the block's end now wrong
    doc.save(str(path))
    assert "D-CC-1" in {f.rule for f in check_docx(path)}
