"""Master plan × units: reading units files, applying a row, placeholders, output names.

Every units file is either a small fixture in tests/fixtures/units or written by the test
itself (XLSX with openpyxl); nothing outside the repository and the test's own tmp_path is read.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import textwrap
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from specs import VALID

from kehoach.spec.diagnostics import Diagnostic, Severity
from kehoach.spec.loader import Loaded, load_file, load_text
from kehoach.spec.validate import validate_loaded
from kehoach.units import (
    DROP,
    Cell,
    UnitRow,
    UnitsProblem,
    apply_row,
    fields,
    output_name,
    read_units,
    unique_names,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "units"
MASTER = FIXTURES / "master.yaml"
EXAMPLE = ROOT / "examples" / "don-vi"

VIETNAMESE = set("ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ")


def vietnamese(d: Diagnostic) -> None:
    """A diagnostic a clerk can read: Vietnamese, NFC, with a file and a position."""
    assert d.file is not None, d
    assert d.position is not None and d.position.line >= 1 and d.position.column >= 1, d
    for text in (d.message, d.hint or "ẽ"):
        assert unicodedata.is_normalized("NFC", text), text
        assert VIETNAMESE & set(text.lower()), text
    d.format()


def at(d: Diagnostic) -> tuple[int, int]:
    assert d.position is not None
    return (d.position.line, d.position.column)


def errors(items: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in items if d.severity is Severity.ERROR]


def master(text: str = VALID) -> Loaded:
    return load_text(textwrap.dedent(text), Path("master.yaml"))


def row(*cells: tuple[str, object], number: int = 1, file: str = "units.csv") -> UnitRow:
    """A CSV-like row: cell i is at (number + 1, i + 1); headers on line 1."""
    line = number + 1
    return UnitRow(
        number,
        Path(file),
        {name: Cell(value, _pos(line, i + 1)) for i, (name, value) in enumerate(cells)},
        {name: _pos(1, i + 1) for i, (name, _) in enumerate(cells)},
        _pos(line, 1),
    )


def _pos(line: int, column: int):  # type: ignore[no-untyped-def]
    from kehoach.spec.diagnostics import Position

    return Position(line, column)


def read(path: Path) -> list[UnitRow]:
    rows, problems = read_units(path)
    assert problems == [], [d.format() for d in problems]
    return rows


def values(unit: UnitRow) -> dict[str, object]:
    return {name: cell.value for name, cell in unit.cells.items()}


def cells_at(unit: UnitRow) -> dict[str, tuple[int, int]]:
    return {name: tuple(cell.position) for name, cell in unit.cells.items()}  # type: ignore[misc]


def problems_of(path: Path) -> list[Diagnostic]:
    _, problems = read_units(path)
    for d in problems:
        vietnamese(d)
    return problems


# --- CSV ------------------------------------------------------------------------------------


def test_csv_comma(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("dia_danh,so\nLạc Dương,07\nĐơn Dương,\n", encoding="utf-8")
    first, second = read(path)
    assert (first.number, second.number) == (1, 2)
    assert values(first) == {"dia_danh": "Lạc Dương", "so": "07"}
    assert values(second) == {"dia_danh": "Đơn Dương"}  # an empty cell is not a cell
    assert cells_at(first) == {"dia_danh": (2, 1), "so": (2, 2)}
    assert first.headers == {"dia_danh": (1, 1), "so": (1, 2)}
    assert first.file == path


def test_csv_semicolon_bom_quoted_line_breaks() -> None:
    first, second = read(FIXTURES / "don-vi.csv")
    assert values(first) == {
        "dia_danh": "Lạc Dương",
        "so": "07",
        "nhiem_vu.muc[+1]": "Việc thứ nhất; có dấu chấm phẩy\nvà xuống dòng",
    }
    assert "#ghi chú" not in first.cells  # a note column
    assert cells_at(first)["nhiem_vu.muc[+1]"] == (2, 3)
    # The second row starts on line 4: the quoted cell above spans lines 2 and 3.
    assert cells_at(second) == {"dia_danh": (4, 1), "so": (4, 2), "nhiem_vu.muc[2]": (4, 4)}
    assert second.position == (4, 1)


def test_csv_cell_after_a_line_break_starts_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(b'so;nhiem_vu.muc[+1];dia_danh\r\n05;"a\r\nb ""c""";X\r\n\r\n;;\r\n10;x;Y')
    first, second = read(path)
    assert values(first) == {"so": "05", "nhiem_vu.muc[+1]": 'a\nb "c"', "dia_danh": "X"}
    assert cells_at(first) == {"so": (2, 1), "nhiem_vu.muc[+1]": (2, 2), "dia_danh": (3, 3)}
    assert second.number == 2 and cells_at(second)["dia_danh"] == (6, 3)  # blank rows skipped


def test_csv_header_names_are_stripped_and_nfc(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(" dia_danh ; so\nA;05\n", encoding="utf-8")
    (unit,) = read(path)
    assert set(unit.cells) == {"dia_danh", "so"}


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [
        ("so;dia_danh\n05;Ph\xfa\n".encode("latin-1"), (2, 6), "UTF-8"),
        (b"\xff\xfes\x00o\x00", (1, 1), "UTF-16"),
        (b"", (1, 1), "tệp trống"),
        (b"\xef\xbb\xbf \n\n", (1, 1), "tệp trống"),
        (b";;\nA;B\n", (1, 1), "tên cột"),
        (b"so\n", (2, 1), "chưa có đơn vị"),
        (b"so;so\n05;06\n", (1, 2), "trùng"),
        (b"so;;dia_danh\n05;x;A\n", (1, 2), "chưa có tên"),
        ("so;dia_danh\n05;A;thừa\n".encode(), (2, 3), "nhiều ô hơn"),
        (b'so;dia_danh\n05;"A\n', (2, 1), "dấu nháy"),
    ],
)
def test_csv_problems(tmp_path: Path, raw: bytes, where: tuple[int, int], words: str) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(raw)
    problems = problems_of(path)
    assert len(problems) == 1, [d.format() for d in problems]
    assert words in problems[0].message
    assert at(problems[0]) == where
    assert problems[0].file == path


def test_trailing_empty_columns_are_harmless(tmp_path: Path) -> None:
    """Excel writes `a;b;;` when a formatted column is empty: not a problem."""
    path = tmp_path / "units.csv"
    path.write_text("so;dia_danh;;\n05;A;;\n", encoding="utf-8")
    (unit,) = read(path)
    assert values(unit) == {"so": "05", "dia_danh": "A"}


def test_limits_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kehoach.units.read as units  # the reader's limits live where they are read

    path = tmp_path / "units.csv"
    path.write_text("so\n" + "".join(f"{i:02d}\n" for i in range(1, 6)), encoding="utf-8")
    monkeypatch.setattr(units, "MAX_ROWS", 3)
    (d,) = problems_of(path)
    assert "quá nhiều đơn vị" in d.message and at(d) == (5, 1)
    monkeypatch.setattr(units, "MAX_ROWS", 100)
    monkeypatch.setattr(units, "MAX_TEXT_BYTES", 10)
    (d,) = problems_of(path)
    assert "quá lớn" in d.message
    monkeypatch.setattr(units, "MAX_TEXT_BYTES", 10_000)
    path.write_text("so;dia_danh\n05;" + "x" * 50 + "\n", encoding="utf-8")
    monkeypatch.setattr(units, "MAX_CELL_CHARS", 20)
    (d,) = problems_of(path)
    assert "ô quá dài" in d.message and at(d) == (2, 2)
    monkeypatch.setattr(units, "MAX_COLUMNS", 1)
    (d,) = problems_of(path)
    assert "quá nhiều cột" in d.message and at(d) == (1, 2)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("units.xls", "không được hỗ trợ"),
        ("units.txt", "không được hỗ trợ"),
        ("units", "không có đuôi"),
    ],
)
def test_unsupported_extensions(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_text("so\n05\n", encoding="utf-8")
    (d,) = problems_of(path)
    assert words in d.message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    (d,) = problems_of(tmp_path / "khong-co.csv")
    assert d.message == "không tìm thấy tệp"
    (tmp_path / "thu-muc.csv").mkdir()
    (d,) = problems_of(tmp_path / "thu-muc.csv")
    assert "thư mục" in d.message
    (d,) = problems_of(tmp_path / "khong-co.yaml")
    assert d.message == "không tìm thấy tệp"
    (d,) = problems_of(tmp_path / "khong-co.xlsx")
    assert d.message == "không tìm thấy tệp"


# --- XLSX -----------------------------------------------------------------------------------


def xlsx(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for values_ in rows:
        sheet.append(values_)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    other = book.create_sheet("Khác")  # only the first worksheet is read
    other.append(["so"])
    other.append(["99"])
    book.save(path)
    return path


def test_xlsx_cells_as_a_clerk_sees_them(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "units.xlsx",
        [
            ["dia_danh", "so", "ngay", "trinh_bay.le_tren", "nhiem_vu.muc[+1]", "ky_hieu"],
            ["Lạc Dương", 5, dt.date(2026, 2, 5), 22.5, "hai\ndòng", None],
            ["Đơn Dương", 7, dt.datetime(2026, 12, 31, 8, 30), 20.0, None, "KH-UBND"],
        ],
        {"B3": "00"},
    )
    first, second = read(path)
    assert values(first) == {
        "dia_danh": "Lạc Dương",
        "so": "5",  # Excel dropped the zero of 05: validation says SO-3 at B2
        "ngay": "05/02/2026",
        "trinh_bay.le_tren": "22.5",
        "nhiem_vu.muc[+1]": "hai\ndòng",
    }
    assert values(second) == {
        "dia_danh": "Đơn Dương",
        "so": "07",  # formatted "00": shown as 07 in Excel, read as 07
        "ngay": "31/12/2026",
        "trinh_bay.le_tren": "20",
        "ky_hieu": "KH-UBND",
    }
    assert cells_at(first)["so"] == (2, 2) and cells_at(second)["ky_hieu"] == (3, 6)
    assert first.headers["ngay"] == (1, 3)


def test_xlsx_number_for_so_is_so3_at_its_cell(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "units.xlsx", [["dia_danh", "so"], ["Lạc Dương", 7], ["Đơn Dương", 5]])
    _, second = read(path)
    (d,) = errors(validate_loaded(apply_row(load_file(MASTER), second))[1].items)
    assert d.format().startswith(f"{path}:3:2: lỗi [SO-3]: so: số văn bản '5' sai định dạng")


def test_xlsx_problems(tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    (d,) = problems_of(broken)
    assert "bị hỏng" in d.message
    locked = tmp_path / "mat-khau.xlsx"  # encrypted workbooks are OLE files, like old .xls
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (d,) = problems_of(locked)
    assert "mật khẩu" in d.message
    good = xlsx(tmp_path / "tot.xlsx", [["so"], ["05"]])
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(good.read_bytes()[:300])
    (d,) = problems_of(truncated)
    assert "bị hỏng" in d.message
    empty = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(empty)
    (d,) = problems_of(empty)
    assert d.message == "tệp trống"
    error_cell = xlsx(tmp_path / "loi.xlsx", [["so", "dia_danh"], ["05", "#N/A"]])
    (d,) = problems_of(error_cell)
    assert "lỗi công thức" in d.message and at(d) == (2, 2)
    wide = xlsx(tmp_path / "rong.xlsx", [["so"], ["05", None, "thừa"]])
    (d,) = problems_of(wide)
    assert "nhiều ô hơn" in d.message and at(d) == (2, 3)


# --- YAML -----------------------------------------------------------------------------------


def test_yaml_units_values_and_positions() -> None:
    first, second = read(FIXTURES / "don-vi.yaml")
    assert values(first)["nhiem_vu.muc[+1]"] == {
        "tieu_de": "Việc riêng của xã",
        "noi_dung": "Làm đúng hạn",
    }
    assert values(second)["noi_nhan"] == ["Thường trực Đảng ủy xã"]
    assert cells_at(first)["so"] == (3, 7)
    assert first.headers["so"] == (3, 3)
    assert second.position == (7, 3)
    item = first.cells["nhiem_vu.muc[+1]"]
    assert item.value_pos[("noi_dung",)] == (6, 15)
    assert item.key_pos[("noi_dung",)] == (6, 5)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("dia_danh: A\n", (1, 1), "danh sách"),
        ("- dia_danh: A\n- B\n", (2, 3), "nhóm khóa"),
        ("- dia_danh: A\n-\n", (2, 2), "để trống"),
        ("- dia_danh: [A\n", (2, 1), "ngoặc vuông chưa đóng"),
        ("# chỉ có ghi chú\n", (1, 1), "tệp trống"),
        ("[]\n", (1, 1), "chưa có đơn vị"),
    ],
)
def test_yaml_problems(tmp_path: Path, text: str, where: tuple[int, int], words: str) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 1, [d.format() for d in problems]
    assert words in problems[0].message and at(problems[0]) == where


# --- applying a row -------------------------------------------------------------------------


def test_set_replaces_and_creates_missing_mappings() -> None:
    unit = row(
        ("dia_danh", "Lạc Dương"),
        ("co_quan.chu_quan", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
        ("muc_dich_yeu_cau.muc_dich[+1]", "Phát huy dân chủ"),
        ("trinh_bay.co_chu", "13"),
    )
    out = apply_row(master(), unit)
    assert out.data["dia_danh"] == "Lạc Dương"
    assert out.data["co_quan"]["chu_quan"] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert out.data["co_quan"]["viet_tat"] == "UBND"  # the rest of co_quan is the master's
    assert out.data["muc_dich_yeu_cau"] == {"muc_dich": ["Phát huy dân chủ"]}
    assert out.data["trinh_bay"] == {"co_chu": "13"}
    spec, report = validate_loaded(out)
    assert spec is not None and errors(report.items) == []
    assert spec.trinh_bay.co_chu == 13
    # Created mappings point at the cell that created them.
    assert out.locate(("muc_dich_yeu_cau",)) == (Path("units.csv"), (2, 3))


def test_appends_come_after_the_master_in_their_order() -> None:
    text = VALID.replace("    - Tuyên truyền\n", "    - Tuyên truyền\n    - Vận động\n")
    unit = row(
        ("nhiem_vu.muc[+3]", "Ba"),
        ("nhiem_vu.muc[+1]", "Một"),
        ("nhiem_vu.muc[+2].tieu_de", "Hai"),
        ("nhiem_vu.muc[+2].noi_dung", "Nội dung hai"),
        ("nhiem_vu.muc[1]", "Tuyên truyền, phổ biến"),
    )
    out = apply_row(master(text), unit)
    assert out.data["nhiem_vu"]["muc"] == [
        "Tuyên truyền, phổ biến",
        "Vận động",
        "Một",
        {"tieu_de": "Hai", "noi_dung": "Nội dung hai"},
        "Ba",
    ]
    # A gap in [+n] is no gap in the plan.
    out = apply_row(master(text), row(("nhiem_vu.muc[+2]", "Hai")))
    assert out.data["nhiem_vu"]["muc"] == ["Tuyên truyền", "Vận động", "Hai"]


def test_drops_keep_the_master_numbering() -> None:
    text = VALID.replace("    - Tuyên truyền\n", "    - Một\n    - Hai\n    - Ba\n    - Bốn\n")
    unit = row(
        ("nhiem_vu.muc[1]", DROP),
        ("nhiem_vu.muc[3]", "Ba (sửa)"),  # the master's third, though the first is dropped
        ("nhiem_vu.muc[4]", " (Bỏ) "),
        ("nhiem_vu.muc[+1]", "Năm"),
        ("nguoi_ky.ky_thay", DROP),
        ("nguoi_ky.chuc_vu", "CHỦ TỊCH"),
    )
    out = apply_row(master(text), unit)
    assert out.data["nhiem_vu"]["muc"] == ["Hai", "Ba (sửa)", "Năm"]
    assert "ky_thay" not in out.data["nguoi_ky"]
    spec, report = validate_loaded(out)
    assert spec is not None and report.items == []
    assert spec.nguoi_ky.chuc_vu == "CHỦ TỊCH"


def test_empty_cells_leave_the_master() -> None:
    loaded = master()
    out = apply_row(loaded, UnitRow(1, Path("units.csv"), {}, {}))
    assert out.data == loaded.data
    assert out.value_pos == loaded.value_pos
    assert out.key_pos == loaded.key_pos
    assert out.value_file == {}


def test_the_master_is_not_mutated() -> None:
    loaded = load_file(MASTER)
    before = copy.deepcopy((loaded.data, loaded.value_pos, loaded.key_pos, loaded.diagnostics))
    for unit in read(FIXTURES / "don-vi.csv") + read(FIXTURES / "don-vi.yaml"):
        out = apply_row(loaded, unit)
        out.data["nhiem_vu"]["muc"].append("x")
        out.data["co_quan"]["ten"] = "x"
    assert (loaded.data, loaded.value_pos, loaded.key_pos, loaded.diagnostics) == before
    # Applying the same row twice gives the same plan (the row is not consumed either).
    unit = read(FIXTURES / "don-vi.yaml")[0]
    assert apply_row(loaded, unit).data == apply_row(loaded, unit).data


def test_text_shorthands_are_expanded_where_a_column_goes_inside() -> None:
    text = VALID + "can_cu: Căn cứ Luật Tổ chức chính quyền địa phương\n"
    unit = row(
        ("can_cu[+1]", "Căn cứ Nghị quyết của Hội đồng nhân dân xã"),
        ("nhiem_vu.muc[1].tieu_de", "Tuyên truyền, vận động"),
        ("nhiem_vu.muc[+1]", "Sơ kết"),
        ("nhiem_vu.muc[+1].tieu_de", "Sơ kết giữa năm"),
    )
    out = apply_row(master(text), unit)
    assert out.data["can_cu"] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Căn cứ Nghị quyết của Hội đồng nhân dân xã",
    ]
    assert out.data["nhiem_vu"]["muc"] == [
        {"noi_dung": "Tuyên truyền", "tieu_de": "Tuyên truyền, vận động"},
        {"noi_dung": "Sơ kết", "tieu_de": "Sơ kết giữa năm"},
    ]
    spec, report = validate_loaded(out)
    assert spec is not None and errors(report.items) == []
    # The master's text keeps its line; the new item points at its cell.
    assert out.locate(("can_cu", 0)) == (Path("master.yaml"), (18, 9))
    assert out.locate(("can_cu", 1)) == (Path("units.csv"), (2, 1))


def test_drop_of_what_the_master_lacks_is_a_warning() -> None:
    out = apply_row(master(), row(("luu", DROP)))
    (d,) = out.diagnostics
    assert d.severity is Severity.WARNING and at(d) == (1, 1) and d.file == Path("units.csv")
    vietnamese(d)
    assert out.data == master().data


def test_a_column_inside_a_dropped_item_is_refused() -> None:
    out = apply_row(
        master(), row(("nhiem_vu.muc[1]", DROP), ("nhiem_vu.muc[1].tieu_de", "Tiêu đề"))
    )
    (d,) = out.diagnostics
    assert "đã bị bỏ" in d.message and at(d) == (1, 2)
    vietnamese(d)


def test_yaml_whole_values_and_their_inner_positions() -> None:
    loaded = load_file(MASTER)
    first, second = read(FIXTURES / "don-vi.yaml")
    out = apply_row(loaded, first)
    assert out.data["nhiem_vu"]["muc"][-1] == {
        "tieu_de": "Việc riêng của xã",
        "noi_dung": "Làm đúng hạn",
    }
    units = FIXTURES / "don-vi.yaml"
    assert out.locate(("nhiem_vu", "muc", 4, "noi_dung")) == (units, (6, 15))
    assert out.locate(("nhiem_vu", "muc", 4, "noi_dung"), key=True) == (units, (6, 5))
    assert out.value_file[("nhiem_vu", "muc", 4, "tieu_de")] == units
    out = apply_row(loaded, second)
    assert out.data["noi_nhan"] == ["Thường trực Đảng ủy xã"]
    assert out.locate(("noi_nhan", 0)) == (units, (10, 7))


def test_a_whole_mapping_replaces_and_missing_keys_point_at_it(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text("- co_quan:\n    ten: ỦY BAN NHÂN DÂN XÃ LẠC DƯƠNG\n", encoding="utf-8")
    (unit,) = read(path)
    (d,) = errors(validate_loaded(apply_row(master(), unit))[1].items)
    assert d.message == "thiếu khóa bắt buộc 'viet_tat'"
    assert d.file == path and at(d) == (2, 5)


# --- the located error, for the three formats -------------------------------------------------


def test_so3_is_located_in_a_csv_units_file(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "dia_danh,nguoi_ky.ho_ten,so\nLạc Dương,Lê Văn Hùng,07\nĐơn Dương,Nguyễn Thị Mai,10\n"
        "Di Linh,Trần Quốc Bảo,5\n",
        encoding="utf-8",
    )
    unit = read(path)[2]
    spec, report = validate_loaded(apply_row(load_file(MASTER), unit))
    assert spec is None
    (d,) = report.items
    assert (
        d.format() == f"{path}:4:3: lỗi [SO-3]: so: số văn bản '5' sai định dạng\n    → viết '05'"
    )


def test_so3_is_located_in_an_xlsx_units_file(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "units.xlsx",
        [
            ["dia_danh", "nguoi_ky.ho_ten", "so"],
            ["Lạc Dương", "Lê Văn Hùng", "07"],
            ["Di Linh", "X", 5],
        ],
    )
    (d,) = validate_loaded(apply_row(load_file(MASTER), read(path)[1]))[1].items
    assert d.format().startswith(f"{path}:3:3: lỗi [SO-3]: so: số văn bản '5' sai định dạng")


def test_so3_is_located_in_a_yaml_units_file() -> None:
    unit = read(FIXTURES / "don-vi.yaml")[1]
    (d,) = validate_loaded(apply_row(load_file(MASTER), unit))[1].items
    path = FIXTURES / "don-vi.yaml"
    assert d.format().startswith(f"{path}:8:7: lỗi [SO-3]: so: số văn bản '5' sai định dạng")


def test_master_errors_keep_their_lines_after_drops_and_appends() -> None:
    loaded = load_file(MASTER)
    unit = row(("nhiem_vu.muc[2]", DROP), ("nhiem_vu.muc[+1]", "Thêm"), ("so", "06"))
    # The master's item 3 has a typed number (S-1): after dropping item 2 it is item 2,
    # and the warning still points at the master's line 16.
    (d,) = validate_loaded(apply_row(loaded, unit))[1].items
    assert (d.rule, d.key_path, d.file, at(d)) == (
        "S-1",
        "nhiem_vu.muc[2].noi_dung",
        MASTER,
        (16, 17),
    )
    # An error in the master (a 'doan' beside a tieu_de) after a drop before it:
    broken = load_text(MASTER.read_text(encoding="utf-8").replace("noi_dung: 1.", "doan:"), MASTER)
    (d,) = validate_loaded(apply_row(broken, unit))[1].items
    assert (d.key_path, d.file, at(d)) == ("nhiem_vu.muc[2].doan", MASTER, (16, 13))
    # An error in an appended item points at its cell.
    (d,) = errors(
        validate_loaded(
            apply_row(
                loaded, row(("nhiem_vu.muc[+1].doan", "A"), ("nhiem_vu.muc[+1].tieu_de", "B"))
            )
        )[1].items
    )
    assert (d.key_path, d.file) == ("nhiem_vu.muc[5].doan", Path("units.csv"))


# --- column names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "words", "hint"),
    [
        ("dia_dnah", "'dia_dnah' không phải khóa của kế hoạch", "'dia_danh'"),
        ("Địa danh", "không phải khóa của kế hoạch", "'dia_danh'"),
        ("co_quan.ten_goj", "không phải khóa của co_quan", "'co_quan.ten_goi'"),
        ("STT", "không phải khóa", "'#STT'"),
        ("nhiem_vu.muc.noi_dung", "là danh sách", "nhiem_vu.muc[1].noi_dung"),
        ("co_quan[1]", "không phải danh sách", "co_quan.chu_quan"),
        ("co_quan[+1]", "không phải danh sách", "co_quan."),
        ("so.chu", "là văn bản", "viết tên cột là so"),
        ("nhiem_vu.muc[0]", "đánh từ 1", "[1]"),
        ("nhiem_vu.muc[a]", "không phải số thứ tự", "[+1]"),
        ("nhiem_vu.muc[2", "không có dấu đóng", "nhiem_vu.muc[2]"),
        ("co_quan..ten", "thiếu tên khóa", "co_quan.ten"),
        ("co_quan. .ten", "thiếu tên khóa", "co_quan.ten"),
        ("co_quan ten", "không phải khóa", "'co_quan'"),
        ("[1]", "thiếu tên khóa trước '['", "nhiem_vu.muc[2]"),
        ("co_quan.", "kết thúc bằng dấu '.'", "co_quan.ten"),
        ("nhiem_vu.muc[5]", "chỉ có 1 mục, không có mục 5", "nhiem_vu.muc[+1]"),
        ("muc_dich_yeu_cau.muc[1]", "chưa có mục nào", "muc_dich_yeu_cau.muc[+1]"),
        ("nhiem_vu.muc[99999999]", "quá lớn", "tên cột"),
    ],
)
def test_bad_column_names_are_reported_at_the_header(column: str, words: str, hint: str) -> None:
    out = apply_row(master(), row(("dia_danh", "Lạc Dương"), (column, "x")))
    (d,) = out.diagnostics
    vietnamese(d)
    assert words in d.message, d.format()
    assert hint in (d.hint or ""), d.format()
    assert (d.file, at(d), d.key_path) == (Path("units.csv"), (1, 2), column)
    assert out.data["dia_danh"] == "Lạc Dương"  # the good columns still apply
    _, report = validate_loaded(out)
    assert d in report.items  # validation stops at the row's problem


def test_same_bad_column_gives_equal_diagnostics_for_every_row() -> None:
    loaded = master()
    found = [apply_row(loaded, row(("dia_dnah", "A"), number=n)).diagnostics for n in (1, 2)]
    assert found[0] == found[1] and len(found[0]) == 1


@pytest.mark.parametrize("column", ["dia_danh", "nguoi_ky.ho_ten", "co_quan.viet_tat"])
def test_a_required_key_cannot_be_dropped(column: str) -> None:
    (d,) = apply_row(master(), row(("so", "07"), (column, DROP))).diagnostics
    assert "khóa bắt buộc" in d.message and (d.file, at(d)) == (Path("units.csv"), (1, 2))
    vietnamese(d)


def test_drop_on_an_append_is_refused() -> None:
    (d,) = apply_row(master(), row(("nhiem_vu.muc[+1]", DROP))).diagnostics
    assert "mục thêm mới" in d.message
    vietnamese(d)


def test_two_columns_for_one_path() -> None:
    unit = row(("nhiem_vu.muc[1]", "A"), ("nhiem_vu.muc[ 1 ]", "B"))
    (d,) = apply_row(master(), unit).diagnostics
    assert "cùng chỗ" in d.message and at(d) == (1, 2)


def test_a_path_through_a_text_of_the_master() -> None:
    # muc[1] is written as a text: it stands for {noi_dung: …}, so a column may go inside.
    out = apply_row(master(), row(("nhiem_vu.muc[1].muc[+1]", "x")))
    assert out.diagnostics == []
    assert out.data["nhiem_vu"]["muc"] == [{"noi_dung": "Tuyên truyền", "muc": ["x"]}]
    # A text where the spec wants a mapping is not gone through.
    text = VALID.replace("nhiem_vu:\n  muc:\n    - Tuyên truyền\n", "nhiem_vu: Tuyên truyền\n")
    (d,) = apply_row(master(text), row(("nhiem_vu.muc[+1]", "x"))).diagnostics
    assert "không phải nhóm khóa" in d.message
    vietnamese(d)


# --- placeholders ---------------------------------------------------------------------------


def test_placeholders_are_substituted_once() -> None:
    unit = row(
        ("dia_danh", "Lạc {{so}} Dương"),
        ("nhiem_vu.muc[+1]", "Hỗ trợ xã {dia_danh}, đơn vị {stt}"),  # filled down in Excel
        number=3,
    )
    text = VALID.replace("- Tuyên truyền", "- Tuyên truyền tại {dia_danh}, đơn vị số {stt}")
    text = text.replace("ho_ten: Nguyễn Văn An", "ho_ten: Nguyễn Văn An {{x}} }} {{")
    out = apply_row(master(text), unit)
    assert out.diagnostics == []
    muc = out.data["nhiem_vu"]["muc"]
    # The inserted text's braces are not expanded again: {so} stays, it is not 05.
    assert muc[0] == "Tuyên truyền tại Lạc {so} Dương, đơn vị số 3"
    assert muc[1] == "Hỗ trợ xã Lạc {so} Dương, đơn vị 3"
    assert out.data["dia_danh"] == "Lạc {so} Dương"
    assert out.data["nguoi_ky"]["ho_ten"] == "Nguyễn Văn An {x} } {"
    assert out.data["so"] == "05"


def test_a_bad_placeholder_in_a_cell_is_located_in_the_units_file() -> None:
    (d,) = apply_row(
        master(), row(("dia_danh", "A"), ("nhiem_vu.muc[+1]", "Tại {dia_dnah}"))
    ).diagnostics
    assert (d.file, at(d), d.key_path) == (Path("units.csv"), (2, 2), "nhiem_vu.muc[2]")
    assert "{dia_danh}" in (d.hint or "")


def test_example_master_placeholders() -> None:
    loaded = load_file(MASTER)
    out = apply_row(loaded, read(FIXTURES / "don-vi.csv")[0])
    assert out.data["co_quan"]["ten"] == "ỦY BAN NHÂN DÂN XÃ Lạc Dương"
    assert out.data["loi_dan"] == "Ủy ban nhân dân xã Lạc Dương ban hành Kế hoạch như sau:{ngoặc}"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("Tại {dia_dnah}", "chỗ thay thế '{dia_dnah}' không có trong kế hoạch", "{dia_danh}"),
        ("Tại {nguoi_ky}", "'{nguoi_ky}' không phải văn bản (là một nhóm khóa)", "{nguoi_ky."),
        ("Tại {noi_nhan}", "không phải văn bản (là một danh sách)", "{noi_nhan[1]}"),
        ("Tại {dia_danh", "dấu '{' đơn lẻ", "'{{'"),
        ("Tại dia_danh}", "dấu '}' đơn lẻ", "'}}'"),
        ("Tại {}", "trống", "{dia_danh}"),
        ("Tại {ten}", "không có trong kế hoạch", "{stt}"),
        ("Tại {so:>10}", "không có trong kế hoạch", "{so}"),
        ("Tại {so.__class__}", "không có trong kế hoạch", "{so}"),
    ],
)
def test_bad_placeholders(text: str, message: str, hint: str) -> None:
    source = VALID.replace("- Tuyên truyền", f"- {text}")
    out = apply_row(master(source), row(("dia_danh", "Lạc Dương")))
    (d,) = out.diagnostics
    vietnamese(d)
    assert d.severity is Severity.ERROR
    assert message in d.message, d.format()
    assert hint in (d.hint or ""), d.format()
    assert (d.file, at(d), d.key_path) == (Path("master.yaml"), (10, 7), "nhiem_vu.muc[1]")
    assert out.data["nhiem_vu"]["muc"] == [text]  # left as it was


def test_a_field_the_unit_lacks_is_reported_once_at_its_row() -> None:
    source = VALID.replace("- Tuyên truyền", "- Tuyên truyền, {co_quan.ten_goi}")
    source = source.replace("năm 2026\n", "năm 2026 tại {co_quan.ten_goi}\n", 1)
    out = apply_row(master(source), row(("dia_dnah", "A"), number=4))
    header, missing = out.diagnostics
    assert "'dia_danh'" in (header.hint or "")
    vietnamese(missing)
    assert (missing.file, at(missing), missing.key_path) == (
        Path("units.csv"),
        (5, 1),
        "co_quan.ten_goi",
    )
    assert missing.message == (
        "đơn vị này chưa có co_quan.ten_goi, mà văn bản dùng {co_quan.ten_goi}"
        " (master.yaml:7:12 và 1 chỗ khác)"  # trich_yeu, then nhiem_vu.muc[1]
    )
    assert "điền cột co_quan.ten_goi" in (missing.hint or "")


def test_placeholders_do_not_nest() -> None:
    source = VALID.replace("ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ten: ỦY BAN NHÂN DÂN XÃ {dia_danh}")
    source = source.replace("- Tuyên truyền", "- Tuyên truyền tại {co_quan.ten}")
    out = apply_row(master(source), row(("dia_danh", "Lạc Dương")))
    (d,) = out.diagnostics
    assert "không lồng nhau" in d.message and d.key_path == "nhiem_vu.muc[1]"
    assert out.data["co_quan"]["ten"] == "ỦY BAN NHÂN DÂN XÃ Lạc Dương"
    vietnamese(d)
    # Nor through a cell: dia_danh = "{so}" cannot be inserted.
    (d,) = apply_row(
        master(VALID.replace("- Tuyên truyền", "- Tại {dia_danh}")), row(("dia_danh", "X {so}"))
    ).diagnostics
    assert "không lồng nhau" in d.message
    # A master value with only {{ }} is no placeholder: its text is inserted.
    source = VALID.replace("dia_danh: An Phú", "dia_danh: An {{Phú}}")
    source = source.replace("- Tuyên truyền", "- Tuyên truyền tại {dia_danh}")
    out = apply_row(master(source), row())
    assert out.diagnostics == []
    assert out.data["nhiem_vu"]["muc"] == ["Tuyên truyền tại An {Phú}"]


def test_fields() -> None:
    unit = row(("dia_danh", "Lạc Dương"), number=4)
    out = apply_row(master(), unit)
    found = fields(out, unit)
    assert found["dia_danh"] == "Lạc Dương"
    assert found["co_quan.ten"] == "ỦY BAN NHÂN DÂN XÃ AN PHÚ"
    assert found["nhiem_vu.muc[1]"] == "Tuyên truyền"
    assert found["stt"] == "4"
    assert fields(out) == found  # apply_row remembers the unit's number
    assert "nguoi_ky" not in found and "stt" not in fields(master())


# --- output names ---------------------------------------------------------------------------

FIELDS = {"dia_danh": "Lạc Dương", "so": "05", "stt": "3", "ten": "ỦY BAN NHÂN DÂN\nXÃ LẠC DƯƠNG"}


@pytest.mark.parametrize(
    ("pattern", "name"),
    [
        ("{dia_danh}-{so}.docx", "Lạc Dương-05.docx"),
        ("{stt}-{dia_danh}", "3-Lạc Dương.docx"),
        ("KH {dia_danh}.DOCX", "KH Lạc Dương.docx"),
        ("{ten}.docx", "ỦY BAN NHÂN DÂN XÃ LẠC DƯƠNG.docx"),
        ("{{x}}-{so}", "{x}-05.docx"),
        ("../../etc/passwd", "etc-passwd.docx"),
        ("a/b", "a-b.docx"),
        ("a\\b", "a-b.docx"),
        ("CON", "_CON.docx"),
        ("nul.docx", "_nul.docx"),
        ("com1.tar", "_com1.tar.docx"),
        ("LPT9", "_LPT9.docx"),
        ("CONSOLE", "CONSOLE.docx"),
        ('a:b*c?d<e>f|g"h', "a-b-c-d-e-f-g-h.docx"),
        ("tên. . .", "tên.docx"),
        ("  .ẩn", "ẩn.docx"),
        ("a\x00b\x1fc\u202ed", "a b cd.docx"),
        ("Le\u0301 Lợi", "Lé Lợi.docx"),
        ("..", None),
    ],
)
def test_output_name_sanitises(pattern: str, name: str | None) -> None:
    if name is None:
        with pytest.raises(UnitsProblem):
            output_name(pattern, FIELDS)
        return
    result = output_name(pattern, FIELDS)
    assert result == name
    assert "/" not in result and "\\" not in result and unicodedata.is_normalized("NFC", result)


def test_output_name_is_bounded() -> None:
    long = output_name("{dia_danh}" * 100, FIELDS)
    stem = long.removesuffix(".docx")
    assert len(stem) <= 120 and len(stem.encode("utf-8")) <= 240 and long.endswith(".docx")
    dotted = output_name("a" * 119 + ". b", FIELDS)
    assert dotted == "a" * 119 + ".docx"  # no trailing dot after the cut


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("{dia_dnah}.docx", "'{dia_dnah}' không có"),
        ("{dia_danh.docx", "dấu '{' đơn lẻ"),
        ("", "tên tệp rỗng"),
        ("  ...  ", "tên tệp rỗng"),
        ("{khong_co}", "không có"),
        ("/", "tên tệp rỗng"),
    ],
)
def test_output_name_problems(pattern: str, words: str) -> None:
    with pytest.raises(UnitsProblem) as caught:
        output_name(pattern, {**FIELDS, "trong": ""})
    assert words in str(caught.value)
    assert unicodedata.is_normalized("NFC", str(caught.value))
    assert VIETNAMESE & set(str(caught.value))


def test_output_name_suggests_the_field() -> None:
    with pytest.raises(UnitsProblem) as caught:
        output_name("{dia_dnah}", FIELDS)
    assert "{dia_danh}" in (caught.value.hint or "")


def test_unique_names_compares_like_windows() -> None:
    assert unique_names(["a.docx", "b.docx"]) == ["a.docx", "b.docx"]
    units = read(FIXTURES / "don-vi.csv")  # the second unit is on line 4 (a cell spans 2 lines)
    with pytest.raises(UnitsProblem) as caught:
        unique_names(["Lạc Dương.docx", "LẠC DƯƠNG.docx"], units)
    assert caught.value.rows == (1, 2)
    assert "dòng 4 của don-vi.csv và dòng 2 của don-vi.csv cùng ra tên tệp" in str(caught.value)
    assert "{stt}" in (caught.value.hint or "")
    with pytest.raises(UnitsProblem) as caught:
        unique_names(["Le\u0301.docx", "x.docx", "Lé.docx"])
    assert caught.value.rows == (1, 3)
    assert "đơn vị thứ 3 và đơn vị thứ 1" in str(caught.value)


# --- the example ----------------------------------------------------------------------------


def test_every_example_commune_validates() -> None:
    loaded = load_file(EXAMPLE / "ke-hoach-tinh.yaml")
    units = read(EXAMPLE / "cac-xa.csv")
    assert len(units) == 5
    names = []
    counts = []
    for unit in units:
        out = apply_row(loaded, unit)
        spec, report = validate_loaded(out)
        assert spec is not None and report.items == [], [d.format() for d in report.items]
        texts = [v for v in fields(out).values()]
        assert not [t for t in texts if "{" in t or "}" in t]
        counts.append(len(spec.nhiem_vu.muc))  # type: ignore[union-attr]
        names.append(output_name("{stt}-{dia_danh}.docx", fields(out, unit)))
    assert counts == [6, 5, 5, 5, 4]  # one commune appends an item, one drops one
    assert unique_names(names)[0] == "1-Lạc Dương.docx"


# --- nothing raises -----------------------------------------------------------------------


def test_hostile_files_never_raise(tmp_path: Path) -> None:
    randomness = random.Random(30)
    header = "dia_danh;so;nhiem_vu.muc[+1];nhiem_vu.muc[1];co_quan;(bỏ);[;];{;\n"
    loaded = load_file(MASTER)
    for index in range(60):
        junk = bytes(randomness.randrange(256) for _ in range(randomness.randrange(200)))
        pieces = ['"', ";", "\n", "\r", "(bỏ)", "{", "}", "[+1]", "ệ", "\x00", "a"]
        text = header + "".join(randomness.choice(pieces) for _ in range(80))
        for suffix, raw in (
            (".csv", junk),
            (".csv", text.encode("utf-8", "surrogatepass")),
            (".xlsx", b"PK\x03\x04" + junk),
            (".yaml", junk),
            (".yaml", text.replace(";", ": ").encode()),
        ):
            path = tmp_path / f"u{index}{suffix}"
            path.write_bytes(raw)
            units, problems = read_units(path)
            for d in problems:
                vietnamese(d)
            for unit in units:
                out = apply_row(loaded, unit)
                for d in out.diagnostics:
                    vietnamese(d)
                validate_loaded(out)


def test_random_column_names_never_raise() -> None:
    randomness = random.Random(7)
    parts = ["nhiem_vu", "muc", ".", "[", "]", "+", "1", "0", "co_quan", "ten", " ", "{", "x"]
    loaded = master()
    for _ in range(300):
        column = "".join(randomness.choice(parts) for _ in range(randomness.randrange(1, 9)))
        out = apply_row(loaded, row((column, randomness.choice(["x", DROP, "{dia_danh}"]))))
        for d in out.diagnostics:
            vietnamese(d)
        validate_loaded(out)
