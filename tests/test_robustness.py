"""Odd but plausible input: validation either refuses it with a located message, or the
document renders without an exception and passes `kehoach check` (no error finding)."""

from __future__ import annotations

from pathlib import Path

import pytest
from specs import VALID

import kehoach
from kehoach.check import check_docx
from kehoach.spec.validate import validate_text

BASE = VALID

VARIANTS = {
    "year 0000": ("ngay: 05/02/2026", "ngay: 0000"),
    "year 1/1/0001": ("ngay: 05/02/2026", "ngay: 1/1/0001"),
    "bell character": ("dia_danh: An Phú", 'dia_danh: "An\\aPhú"'),
    "U+FFFE": ("dia_danh: An Phú", 'dia_danh: "An\\uFFFEPhú"'),
    "no-break space only summary": (
        "trich_yeu: Triển khai công tác dân vận năm 2026",
        'trich_yeu: "\\_"',
    ),
    "no-break space only name": ("  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", '  ten: "\\_"'),
    "no-break spaces inside": ("dân vận năm", "dân vận\u00a0năm"),
    "lowercase place": ("dia_danh: An Phú", "dia_danh: an phú"),
    "number as place": ("dia_danh: An Phú", "dia_danh: 123"),
    "decomposed unicode": ("dia_danh: An Phú", "dia_danh: An Phu\u0301"),
    "windows line endings": ("\n", "\r\n"),
    "lowercase keep line": ("  - Thường trực Đảng ủy", "  - Thường trực Đảng ủy\n  - lưu VT, VP"),
    "only keep line": ("  - Thường trực Đảng ủy", "  - Lưu: VT"),
    "list as body name": (
        "  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "  ten:\n    - ỦY BAN NHÂN DÂN\n    - XÃ AN PHÚ",
    ),
    "mapping as summary": ("trich_yeu: Triển khai công tác dân vận năm 2026", "trich_yeu: {a: 1}"),
    "number as summary": ("trich_yeu: Triển khai công tác dân vận năm 2026", "trich_yeu: 2026"),
    "empty part": ("nhiem_vu:\n  muc:\n    - Tuyên truyền", "nhiem_vu: {}"),
    "null part": ("nhiem_vu:\n  muc:\n    - Tuyên truyền", "nhiem_vu:"),
    "item with only sub-items": ("    - Tuyên truyền", "    - muc: [Con]"),
    "deep nesting": (
        "    - Tuyên truyền",
        "    - noi_dung: A\n"
        + "".join(
            f"{'  ' * (3 + 2 * i)}muc:\n{'  ' * (3 + 2 * i)}  - noi_dung: L{i}\n" for i in range(8)
        ),
    ),
    "very long summary": ("năm 2026\n", "năm 2026 " + "và các nhiệm vụ khác " * 12 + "\n"),
    "long unbreakable place": (
        "dia_danh: An Phú",
        "dia_danh: Thànhphốcótênrấtdàikhôngngắtđượcnàonữađâu",
    ),
    "emphasis everywhere": ("Tuyên truyền", "'**Tuyên** *truyền* ***mạnh***'"),
    "emphasis unquoted": ("Tuyên truyền", "*Tuyên* truyền"),
    "literal star": ("Tuyên truyền", "Tuyên truyền \\\\* sao"),
    "unit ending with colon": (
        "noi_nhan:",
        "to_chuc_thuc_hien:\n  phan_cong:\n    - don_vi: 'Văn phòng:'\n      nhiem_vu: Tham mưu\nnoi_nhan:",
    ),
    "tab in text": ("Tuyên truyền", '"Tuyên\\ttruyền"'),
    "bom": ("co_quan:", "\ufeffco_quan:"),
}


REFUSED = {
    "year 0000",
    "year 1/1/0001",
    "bell character",
    "U+FFFE",
    "no-break space only summary",
    "no-break space only name",
    "lowercase place",
    "number as place",
    "mapping as summary",
    "item with only sub-items",
    "emphasis unquoted",
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_odd_input_is_refused_or_renders_in_form(name: str, tmp_path: Path) -> None:
    old, new = VARIANTS[name]
    text = BASE.replace(old, new)
    assert text != BASE, "variant must change the spec"
    spec, report = validate_text(text)
    assert (spec is None) == (name in REFUSED), [d.format() for d in report.items]
    if spec is None:
        assert report.errors
        for error in report.errors:
            assert error.position is not None, error.format()
        return
    out = kehoach.render(spec, tmp_path / "kh.docx")
    errors = [f for f in check_docx(out) if f.severity == "error"]
    assert errors == [], [f"{f.rule}: {f.message} @ {f.where}" for f in errors]
