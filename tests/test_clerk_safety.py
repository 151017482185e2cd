"""Clerk safety (issue 10): what YAML would change silently is reported with its position
before anything is rendered — items joined to the one above, text cut off as a comment,
quotes pasted from Word, files that are not UTF-8 YAML at all."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from specs import VALID
from typer.testing import CliRunner

from kehoach.cli import app
from kehoach.spec.validate import validate_file, validate_text


def errors(text: str) -> list:  # type: ignore[type-arg]
    _, report = validate_text(text, Path("kh.yaml"))
    return report.errors


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


# -- item 2: silent merges ----------------------------------------------------------------------


def test_a_recipient_indented_deeper_is_not_joined_to_the_one_above() -> None:
    spec = VALID.replace(
        "noi_nhan:\n  - Thường trực Đảng ủy\n",
        "noi_nhan:\n  - UBND huyện\n    - Thường trực Đảng ủy\n",
    )
    (error,) = errors(spec)
    assert (error.position.line, error.position.column) == (line_of(spec, "    - Thường"), 5)
    assert "nối vào văn bản của dòng trên" in error.message
    assert error.key_path == "noi_nhan[1]" and "thẳng cột" in (error.hint or "")


def test_a_basis_without_its_dash_is_not_joined_to_the_one_above() -> None:
    spec = VALID.replace(
        "trich_yeu:",
        "can_cu:\n  - Căn cứ Luật Tổ chức chính quyền địa phương;\n"
        "    Căn cứ Kế hoạch số 12/KH-UBND của Ủy ban nhân dân huyện\ntrich_yeu:",
    )
    (error,) = errors(spec)
    assert error.position.line == line_of(spec, "    Căn cứ Kế hoạch")
    assert "mục mới" in error.message and error.key_path == "can_cu[1]"


def test_a_wrapped_sentence_is_still_a_sentence() -> None:
    """docs/spec.md §1.2: long text may continue on the next, deeper line."""
    spec = VALID.replace(
        "    - Tuyên truyền\n",
        "    - Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở đến cán bộ,\n"
        "      công chức và Nhân dân trên địa bàn xã\n",
    )
    assert errors(spec) == []


def test_a_hash_after_a_space_is_not_cut_off_silently() -> None:
    spec = VALID.replace("    - Tuyên truyền\n", "    - Trạm Y tế xã #2\n")
    (error,) = errors(spec)
    assert error.position.line == line_of(spec, "#2")
    assert error.position.column == spec.splitlines()[error.position.line - 1].index("#") + 1
    assert "«#2»" in error.message and '"Trạm Y tế xã #2"' in (error.hint or "")


def test_a_real_comment_stays_a_comment() -> None:
    spec = VALID.replace('so: "05"\n', 'so: "05"  # số do văn thư cấp\n')
    assert errors(spec) == []


# -- item 4: pasted text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ten: “ỦY BAN NHÂN DÂN XÃ AN PHÚ”"),
        ("ho_ten: Nguyễn Văn An", "ho_ten: ‘Nguyễn Văn An’"),
        ('so: "05"', "so: “05”"),
    ],
)
def test_curly_quotes_around_a_whole_value_are_refused(before: str, after: str) -> None:
    spec = VALID.replace(before, after)
    found = [e for e in errors(spec) if "dấu nháy cong" in e.message]
    assert len(found) == 1 and found[0].position.line == line_of(spec, after)
    assert "xóa hai dấu nháy cong" in (found[0].hint or "")


def test_quotes_inside_a_value_are_text() -> None:
    spec = VALID.replace(
        "trich_yeu: Triển khai công tác dân vận năm 2026",
        "trich_yeu: “Dân vận khéo” và “Dân vận chính quyền” năm 2026",
    )
    assert errors(spec) == []
    spec = VALID.replace(
        "trich_yeu: Triển khai công tác dân vận năm 2026",
        "trich_yeu: '“Năm Dân vận chính quyền”'",  # single quotes: printed as typed
    )
    assert errors(spec) == []


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (codecs.BOM_UTF16_LE + VALID.encode("utf-16-le"), "UTF-16"),
        (VALID.encode("utf-16-be"), "UTF-16"),
        (b"PK\x03\x04" + b"\0" * 40, "tệp Word (.docx)"),
        (b"%PDF-1.7\n", "tệp PDF"),
    ],
)
def test_files_that_are_not_yaml_are_named_for_what_they_are(
    tmp_path: Path, raw: bytes, words: str
) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(raw)
    _, report = validate_file(path)
    (error,) = report.errors
    assert words in error.message and "TCVN3" not in error.message


def test_render_of_a_docx_says_to_use_check(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "kehoach check" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# -- item 8: small things users notice -------------------------------------------------------------


def test_no_doubled_words_in_what_users_read() -> None:
    """ "để để" crept into a hint and both skeletons."""
    import re

    from conftest import ROOT

    sources = [*ROOT.glob("templates/*.j2"), *ROOT.glob("kehoach/**/*.py"), ROOT / "docs/spec.md"]
    doubled = re.compile(r"\b(để|và|của|các|được|theo) \1\b")
    found = [
        f"{p.name}: {m.group(0)}" for p in sources for m in doubled.finditer(p.read_text("utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("body", "ten_goi", "chuc_vu"),
    [
        ("SỞ Y TẾ TỈNH LÂM ĐỒNG", "Sở Y tế tỉnh Lâm Đồng", "GIÁM ĐỐC"),
        ("TRƯỜNG TIỂU HỌC KIM ĐỒNG", "Trường Tiểu học Kim Đồng", "HIỆU TRƯỞNG"),
        ("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "Ủy ban nhân dân xã An Phú", "CHỦ TỊCH"),
    ],
)
def test_new_names_and_signs_a_body_as_it_is_run(
    tmp_path: Path, body: str, ten_goi: str, chuc_vu: str
) -> None:
    """Item 5: "Sở y tế" lower-cased, and a Sở or a school given the commune's CHỦ TỊCH under
    TM., which then warned KT-6."""
    import yaml

    target = tmp_path / "kh.yaml"
    result = CliRunner().invoke(
        app, ["new", str(target), "--khong-hoi", "--co-quan", body, "--dia-danh", "Lâm Đồng"]
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text("utf-8"))
    assert data["co_quan"]["ten_goi"] == ten_goi
    assert data["nguoi_ky"]["chuc_vu"] == chuc_vu
    _, report = validate_file(target)
    assert not [w for w in report.warnings if w.rule == "KT-6"]


def test_a_body_name_line_of_digits_is_part_of_the_name() -> None:
    """'ỦY BAN NHÂN DÂN PHƯỜNG' / '11' was refused: the letters are in the whole name."""
    spec = VALID.replace(
        "  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", '  ten: [ỦY BAN NHÂN DÂN PHƯỜNG, "11"]'
    )
    assert errors(spec) == []
    assert [
        e.rule for e in errors(VALID.replace("  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", '  ten: ["11"]'))
    ] == ["CQ-3"]


def test_an_empty_cell_a_landscape_page_without_a_table_and_a_place_with_a_comma() -> None:
    """Property-test findings A–C: '' is an empty cell (docs/spec.md §3.17); P-2 and DD-1
    are said by validate, with check's rule IDs."""
    table = "phu_luc:\n  - bang:\n      cot: [A, B]\n      dong:\n        - ['', Văn phòng]\n"
    assert errors(VALID + table) == []
    _, report = validate_text(VALID + "phu_luc:\n  - ngang: true\n    ket: Nội dung.\n")
    assert [w.rule for w in report.warnings] == ["P-2"]
    _, report = validate_text(VALID.replace("dia_danh: An Phú", "dia_danh: An Phú, Gia Lai"))
    assert [(w.rule, w.position.line) for w in report.warnings] == [("DD-1", 5)]
