"""A master plan × a units file through the command line (issue 7): CSV, YAML and XLSX, a bad
row, keep-going, and name patterns that try to leave the folder or collide."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from test_cli import assert_conforms, invoke

MASTER = ROOT / "examples" / "don-vi" / "ke-hoach-tinh.yaml"
UNITS = ROOT / "examples" / "don-vi" / "cac-xa.csv"
HEADER = ["dia_danh", "co_quan.ten_goi", "nguoi_ky.ho_ten", "so"]
ROWS = [
    ["Lạc Dương", "Ủy ban nhân dân xã Lạc Dương", "Lê Văn Hùng", "05"],
    ["Đơn Dương", "Ủy ban nhân dân xã Đơn Dương", "Nguyễn Thị Mai", "5"],  # SO-3
    ["Di Linh", "Ủy ban nhân dân xã Di Linh", "Trần Quốc Bảo", "12"],
]


def units_file(tmp_path: Path, kind: str, rows: list[list[str]] = ROWS) -> Path:
    path = tmp_path / f"don-vi.{kind}"
    if kind == "csv":
        lines = [";".join(HEADER), *(";".join(r) for r in rows)]
        path.write_text("\n".join(lines) + "\n", "utf-8")
    elif kind == "yaml":
        items = [dict(zip(HEADER, r, strict=True)) for r in rows]
        path.write_text(json.dumps(items, ensure_ascii=False), "utf-8")  # JSON is YAML
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER)
        for r in rows:
            sheet.append(r)
        book.save(path)
    return path


def test_the_example_renders_one_plan_per_commune(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("render", str(MASTER), "--don-vi", str(UNITS), "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "1-Lạc Dương.docx",
        "2-Đơn Dương.docx",
        "3-Di Linh.docx",
        "4-Đạ Tẻh.docx",
        "5-Tà Đùng.docx",
    ]
    for path in out.iterdir():
        assert_conforms(path)


@pytest.mark.parametrize("kind", ["csv", "yaml", "xlsx"])
def test_a_bad_row_is_located_in_the_units_file_and_stops_the_batch(
    tmp_path: Path, kind: str
) -> None:
    units = units_file(tmp_path, kind)
    out = tmp_path / "out"
    result = invoke("render", str(MASTER), "--don-vi", str(units), "-o", str(out), "-q")
    assert result.exit_code == 2
    where = {"csv": "3:4", "xlsx": "3:4", "yaml": "1:"}[kind]
    assert f"{units}:{where}" in result.output and "[SO-3]: so:" in result.output
    assert not out.exists()

    result = invoke(
        "render",
        str(MASTER),
        "--don-vi",
        str(units),
        "-o",
        str(out),
        "--tiep-tuc",
        "--bao-cao",
        "-",
    )
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f["trang_thai"] for f in report["tep"]] == ["da_ghi", "loi", "da_ghi"]
    assert sorted(p.name for p in out.iterdir()) == ["1-Lạc Dương.docx", "3-Di Linh.docx"]
    bad = report["tep"][1]["chan_doan"][0]
    assert bad["tep"] == str(units) and bad["quy_tac"] == "SO-3"


def test_validate_takes_units_too(tmp_path: Path) -> None:
    units = units_file(tmp_path, "csv")
    result = invoke("validate", str(MASTER), "--don-vi", str(units), "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 2 and report["tong"]["dau_vao"] == 3 and report["tong"]["loi"] == 1


def test_a_name_pattern_cannot_leave_the_output_folder(tmp_path: Path) -> None:
    rows = [[*r[:3], "05"] for r in ROWS]
    units = units_file(tmp_path, "csv", rows)
    out = tmp_path / "a" / "out"
    result = invoke(
        "render", str(MASTER), "--don-vi", str(units), "-o", str(out), "--ten", "../../{dia_danh}"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "Di Linh.docx",
        "Lạc Dương.docx",
        "Đơn Dương.docx",
    ]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["out"]


def test_two_rows_may_not_write_the_same_file(tmp_path: Path) -> None:
    rows = [[*r[:3], "05"] for r in ROWS]
    units = units_file(tmp_path, "csv", rows)
    out = tmp_path / "out"
    result = invoke(
        "render", str(MASTER), "--don-vi", str(units), "-o", str(out), "--ten", "{so}.docx"
    )
    assert result.exit_code == 2
    assert "cùng ra tên tệp '05.docx'" in result.output and not out.exists()


def test_a_misspelt_column_is_said_once_at_its_header(tmp_path: Path) -> None:
    units = tmp_path / "don-vi.csv"
    shutil.copy(UNITS, units)
    text = units.read_text("utf-8").replace(";dia_danh;", ";dia_dnah;", 1)
    units.write_text(text, "utf-8")
    result = invoke(
        "render", str(MASTER), "--don-vi", str(units), "-o", str(tmp_path / "out"), "-q"
    )
    assert result.exit_code == 2
    assert result.output.count("có phải ý bạn là 'dia_danh'") == 1
    assert f"{units}:1:" in result.output
