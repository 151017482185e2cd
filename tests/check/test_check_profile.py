"""The checker has no layout law of its own: change a fact in the rule book and the verdict
(and the message) follows.

Each test checks the same hand-built document (python-docx, not the kehoach writer) under
ND30 and under a ``dataclasses.replace`` of it that differs in one fact.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from check_corpus import Opts, build, clone, save
from rich.console import Console

from kehoach.check import Finding, check_docx
from kehoach.check.report import run_check
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Length, Profile, Size


@pytest.fixture(scope="module")
def conforming(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus' conforming plan: A4, 20/20/30/15 mm, Profile B sizes, TM. → KT. signature."""
    return save(build(), tmp_path_factory.mktemp("profile") / "dat.docx")


def errors(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.rule} {f.message} @ {f.where}" for f in findings)


def test_conforming_document_passes_nd30(conforming: Path) -> None:
    findings = check_docx(conforming, ND30)
    assert findings == [], explain(findings)
    assert check_docx(conforming) == findings  # ND30 is the default


# ---------------------------------------------------------------------- (a) a margin


def test_P3_margin_range_comes_from_the_profile(conforming: Path) -> None:
    """Left margin 30 mm passes NĐ 30 (30–35 mm) and fails a profile that asks 32–35 mm."""
    narrow = replace(ND30, margins=replace(ND30.margins, left=Length("P-3", 32, 32, 35)))
    findings = check_docx(conforming, narrow)
    assert errors(findings) == {"P-3"}, explain(findings)
    (finding,) = findings
    assert finding.message == "Lề trái 30 mm; NĐ 30 yêu cầu 32–35 mm."


# ---------------------------------------------------------------------- (b) a size


def test_SO2_size_comes_from_the_profile(conforming: Path) -> None:
    """The "Số:" line is rendered at 13 pt, which NĐ 30 asks for; a 14 pt rule rejects it."""
    larger = replace(ND30, sizes=replace(ND30.sizes, number=Size("SO-2", 14, 14, 14)))
    findings = check_docx(conforming, larger)
    assert errors(findings) == {"SO-2"}, explain(findings)
    (finding,) = findings
    assert finding.message == "Số, ký hiệu cỡ chữ 13 pt; NĐ 30 yêu cầu 14 pt."


# ---------------------------------------------------------------------- (c) a word list


def test_KT2_personal_titles_come_from_the_profile(tmp_path: Path) -> None:
    """«TM. CHỈ HUY TRƯỞNG»: NĐ 30's list does not know the title, a longer list does.

    (The brief's «TRƯỞNG THÔN» already starts with a title NĐ 30 knows, «TRƯỞNG …», so it
    is flagged under ND30 too; «CHỈ HUY TRƯỞNG» is not.)
    """
    doc = save(build(clone(Opts(), signature=["TM. CHỈ HUY TRƯỞNG"])), tmp_path / "tm.docx")
    assert not ND30.is_personal_title("CHỈ HUY TRƯỞNG")
    assert "KT-2" not in errors(check_docx(doc, ND30))

    more = replace(ND30, personal_titles=ND30.personal_titles + r"|CHỈ HUY TRƯỞNG")
    findings = check_docx(doc, more)
    assert errors(findings) == {"KT-2"}, explain(findings)
    assert findings[0].message.startswith("«TM. CHỈ HUY TRƯỞNG»: TM. (thay mặt)")


def test_KY3_academic_titles_come_from_the_profile(tmp_path: Path) -> None:
    """«KTS.» (kiến trúc sư) is not in NĐ 30's list of titles; a longer list rejects it."""
    doc = save(build(clone(Opts(), signer="KTS. Nguyễn Văn An")), tmp_path / "kts.docx")
    assert errors(check_docx(doc, ND30)) == set()
    more = replace(ND30, academic_titles=ND30.academic_titles + r"|KTS\.\s*(?=\S)")
    assert errors(check_docx(doc, more)) == {"KY-3"}


@pytest.mark.parametrize("signer", ["CN. Nguyễn Văn An", "Th.S Nguyễn Văn An", "cử nhân Nguyễn An"])
def test_KY3_uses_the_rule_books_list_of_degrees(tmp_path: Path, signer: str) -> None:
    """Degrees the checker's own list lacked and the rule book has (one list now)."""
    doc = save(build(clone(Opts(), signer=signer)), tmp_path / "ky3.docx")
    assert errors(check_docx(doc)) == {"KY-3"}


# ---------------------------------------------------------------------- more facts, one each


VARIANTS: list[tuple[str, Profile, set[str], str]] = [
    ("font", replace(ND30, font="Arial"), {"F-1"}, "NĐ 30 yêu cầu Arial."),
    (
        "paper",
        replace(ND30, paper_mm=(148.0, 210.0)),
        {"P-1"},
        "NĐ 30 yêu cầu khổ A5 (148 × 210 mm).",
    ),
    (
        "quoc_hieu",
        replace(ND30, quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM!", quoc_hieu_variants=()),
        {"QH-1"},
        "yêu cầu đúng «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM!».",
    ),
    (
        "body size",
        replace(ND30, sizes=replace(ND30.sizes, body=Size("ND-1", 13, 12, 13))),
        {"ND-1"},
        "NĐ 30 yêu cầu 12–13 pt.",
    ),
    (
        "rule ratio",
        replace(ND30, rule_ratio=Length("CQ-5", 0.8, 3 / 4, 1)),
        {"CQ-5", "TL-3"},
        "dài 3/4–1 dòng",
    ),
    (
        "indents",
        replace(ND30, body=replace(ND30.body, first_line_indents_mm=(10.0,))),
        {"ND-3"},
        "yêu cầu lùi đầu dòng 1 cm.",
    ),
    (
        "min gap",
        replace(ND30, body=replace(ND30.body, min_gap_pt=8)),
        {"ND-4"},
        "yêu cầu tối thiểu 8 pt.",
    ),
    (
        "records office",
        replace(ND30, records_office="VTLT"),
        {"NN-3"},
        "«- Lưu: VTLT, <đơn vị soạn thảo>.»",
    ),
    (
        "type code",
        replace(ND30, type_code="KHH"),
        {"SO-1"},
        "kế hoạch phải có mã loại «KHH» (Số: …/KHH-…).",
    ),
]


@pytest.mark.parametrize(
    ("variant", "expected", "quote"), [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS]
)
def test_one_fact_changed_changes_the_verdict(
    conforming: Path, variant: Profile, expected: set[str], quote: str
) -> None:
    findings = check_docx(conforming, variant)
    assert errors(findings) == expected, explain(findings)
    assert any(quote in f.message for f in findings), explain(findings)


def test_closing_mark_comes_from_the_profile(conforming: Path) -> None:
    """ND-6: a mark the plan does not end with fails, and the message quotes it."""
    findings = check_docx(conforming, replace(ND30, closing_mark="././/"))
    assert errors(findings) == {"ND-6"}, explain(findings)
    assert "«././/»" in findings[0].message


def test_point_letters_come_from_the_profile(conforming: Path) -> None:
    """The plan's points run a), b); a profile lettering a, c, … expects c) second (S-4)."""
    findings = check_docx(conforming, replace(ND30, point_letters=("a", "c", "d")))
    assert {f.rule for f in findings} == {"S-4"}, explain(findings)
    assert "đang chờ «c)»" in findings[0].message


def test_run_check_passes_the_profile_on(conforming: Path) -> None:
    narrow = replace(ND30, margins=replace(ND30.margins, left=Length("P-3", 32, 32, 35)))
    buf = io.StringIO()
    console = Console(file=buf, width=200, color_system=None)
    assert run_check([conforming], as_json=False, console=console) == 0
    assert run_check([conforming], as_json=False, console=console, profile=narrow) == 1
    assert "[P-3] Lề trái 30 mm; NĐ 30 yêu cầu 32–35 mm." in buf.getvalue()
