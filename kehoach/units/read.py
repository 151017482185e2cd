"""Reading a units file (CSV, XLSX, YAML) into ``UnitRow``s: every problem a Vietnamese
diagnostic at its cell, never an exception; the file-size and table limits live here."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from kehoach.spec.diagnostics import Diagnostic, Position, os_error_text
from kehoach.spec.loader import KeyPath, load_file
from kehoach.units.rows import FIRST, NOTE_PREFIX, Cell, UnitRow, nfc, num, units_error

MAX_TEXT_BYTES = 10 * 1024 * 1024  # CSV (YAML units go through the spec loader: 2 MB)
MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # a zip bomb stops here, before openpyxl opens it
MAX_ROWS = 10_000
MAX_SHEET_ROWS = 5 * MAX_ROWS  # rows of a sheet, blank ones included
MAX_COLUMNS = 256
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell

_SUPPORTED = ".csv, .xlsx, .yaml"


def read_units(path: Path) -> tuple[list[UnitRow], list[Diagnostic]]:
    """Read the units file at ``path`` (.csv, .xlsx, .yaml/.yml).

    Never raises for a bad file: every problem is a Vietnamese diagnostic with the file, a
    position and a hint. When any diagnostic is an error, the caller must not render (the rows
    returned are those that could be read, without the faulty columns).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path)
    if suffix in (".xls", ".ods", ".numbers"):
        return [], [
            units_error(
                path,
                FIRST,
                f"định dạng '{suffix}' không được hỗ trợ cho tệp đơn vị",
                "mở tệp rồi lưu lại với kiểu 'Excel Workbook (*.xlsx)'"
                " hoặc 'CSV UTF-8 (Comma delimited) (*.csv)'",
            )
        ]
    shown = suffix or "không có đuôi"
    return [], [
        units_error(
            path,
            FIRST,
            f"định dạng tệp đơn vị không được hỗ trợ ({shown})",
            f"dùng tệp {_SUPPORTED} (một dòng cho mỗi đơn vị)",
        )
    ]


def _read_bytes(path: Path, limit: int) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [
                units_error(
                    path,
                    FIRST,
                    f"tệp quá lớn ({num(size)} byte; tối đa {num(limit)})",
                    "chia thành nhiều tệp đơn vị nhỏ hơn",
                )
            ]
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        return None, [units_error(path, FIRST, "không tìm thấy tệp", "kiểm tra lại đường dẫn")]
    except IsADirectoryError:
        return None, [
            units_error(
                path, FIRST, "đây là thư mục, không phải tệp đơn vị", f"chọn một tệp {_SUPPORTED}"
            )
        ]
    except OSError as exc:
        return None, [units_error(path, FIRST, f"không đọc được tệp ({os_error_text(exc)})")]
    if len(raw) > limit:
        return None, [
            units_error(
                path,
                FIRST,
                f"tệp quá lớn (trên {num(limit)} byte)",
                "chia thành nhiều tệp đơn vị nhỏ hơn",
            )
        ]
    return raw, []


class _Table:
    """Rows of text cells with positions, shared by CSV and XLSX: header checks, limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.header: list[tuple[str, Position]] | None = None
        self.names: dict[int, str] = {}  # 0-based column index -> column name
        self.used: set[int] = set()  # columns already reported as unnamed/outside
        self.rows: list[UnitRow] = []
        self.stopped = False
        self.header_line = 1
        self._header_cells: list[tuple[str, Position]] = []

    def add(self, cells: list[tuple[str, Position]], start: Position) -> None:
        """One record of the file, header first; blank records are skipped."""
        if self.stopped:
            return
        if len(cells) > MAX_COLUMNS and any(v for v, _ in cells[MAX_COLUMNS:]):
            self.problems.append(
                units_error(
                    self.path,
                    cells[MAX_COLUMNS][1],
                    f"quá nhiều cột (tối đa {MAX_COLUMNS})",
                    "bỏ các cột không dùng đến",
                )
            )
            self.stopped = True
            return
        for value, position in cells:
            if len(value) > MAX_CELL_CHARS:
                self.problems.append(
                    units_error(
                        self.path,
                        position,
                        f"ô quá dài ({num(len(value))} ký tự; tối đa {num(MAX_CELL_CHARS)})",
                        "rút gọn nội dung ô này",
                    )
                )
                self.stopped = True
                return
        if self.header is None:
            self._set_header(cells, start)
            return
        if not any(value for value, _ in cells):
            return
        if len(self.rows) >= MAX_ROWS:
            self.problems.append(
                units_error(
                    self.path,
                    start,
                    f"quá nhiều đơn vị (tối đa {num(MAX_ROWS)} dòng)",
                    "chia thành nhiều tệp đơn vị nhỏ hơn",
                )
            )
            self.stopped = True
            return
        row: dict[str, Cell] = {}
        for index, (value, position) in enumerate(cells):
            if not value:
                continue
            name = self.names.get(index)
            if name is None:
                self._unnamed(index, position)
                continue
            if not name.startswith(NOTE_PREFIX):
                row[name] = Cell(value, position)
        headers = {n: p for n, p in self.header if n in row}
        self.rows.append(UnitRow(len(self.rows) + 1, self.path, row, headers, start))

    def _set_header(self, cells: list[tuple[str, Position]], start: Position) -> None:
        self.header_line = start.line
        header = [(nfc(value.replace("\ufeff", "").strip()), pos) for value, pos in cells]
        if not any(name for name, _ in header):
            self.problems.append(
                units_error(
                    self.path,
                    start,
                    "dòng đầu tiên phải là dòng tên cột nhưng đang để trống",
                    "ghi tên cột ở dòng 1, ví dụ: dia_danh, co_quan.ten, so",
                )
            )
            self.stopped = True
            return
        seen: dict[str, Position] = {}
        for index, (name, pos) in enumerate(header):
            if not name:
                continue
            if name in seen and not name.startswith(NOTE_PREFIX):
                first = seen[name]
                self.problems.append(
                    units_error(
                        self.path,
                        pos,
                        f"tên cột '{name}' trùng với cột {first.column}",
                        "mỗi khóa chỉ có một cột; xóa hoặc đổi tên một trong hai cột",
                        key=name,
                    )
                )
                continue
            seen[name] = pos
            self.names[index] = name
        self.header = [(n, p) for n, p in header if n and self.names.get(p.column - 1) == n]
        self._header_cells = header

    def _unnamed(self, index: int, position: Position) -> None:
        if index in self.used:
            return
        self.used.add(index)
        header = self._header_cells
        if index < len(header):
            name, head = header[index]
            if name:  # a duplicate name, already reported at the header
                return
            self.problems.append(
                units_error(
                    self.path,
                    head,
                    f"cột {index + 1} có dữ liệu (ô ở dòng {position.line}) nhưng chưa có tên"
                    " ở dòng tiêu đề",
                    "ghi tên khóa vào ô tiêu đề của cột, hoặc đặt tên bắt đầu bằng '#'"
                    " nếu cột chỉ để ghi chú",
                )
            )
        else:
            self.problems.append(
                units_error(
                    self.path,
                    position,
                    f"dòng có nhiều ô hơn dòng tiêu đề (ô thứ {index + 1}, dòng tiêu đề chỉ có"
                    f" {len(header)} cột)",
                    "thêm tên cột ở dòng tiêu đề, hoặc kiểm tra dấu phân cách"
                    " (ô có dấu ',' hoặc ';' phải đặt trong dấu nháy kép)",
                )
            )

    def finish(self) -> tuple[list[UnitRow], list[Diagnostic]]:
        if self.header is None and not self.problems:
            self.problems.append(
                units_error(
                    self.path,
                    FIRST,
                    "tệp trống",
                    "dòng 1 ghi tên cột (dia_danh, co_quan.ten …), mỗi dòng sau là một đơn vị",
                )
            )
        elif not self.rows and not self.problems:
            self.problems.append(
                units_error(
                    self.path,
                    Position(self.header_line + 1, 1),
                    "tệp đơn vị chưa có đơn vị nào (chỉ có dòng tên cột)",
                    "mỗi dòng sau dòng tên cột là một đơn vị",
                )
            )
        return self.rows, self.problems


# CSV --------------------------------------------------------------------------------------


def _read_csv(path: Path) -> tuple[list[UnitRow], list[Diagnostic]]:
    raw, problems = _read_bytes(path, MAX_TEXT_BYTES)
    if raw is None:
        return [], problems
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return [], [
            units_error(
                path,
                FIRST,
                "tệp được lưu bằng mã hóa UTF-16 (kiểu 'Unicode Text'), không phải UTF-8",
                "trong Excel chọn Lưu thành (Save As), kiểu tệp"
                " 'CSV UTF-8 (Comma delimited) (*.csv)'",
            )
        ]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return [], [
            units_error(
                path,
                Position(line, column),
                "tệp không được mã hóa UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI)",
                "trong Excel chọn Lưu thành (Save As), kiểu tệp"
                " 'CSV UTF-8 (Comma delimited) (*.csv)'",
            )
        ]
    table = _Table(path)
    if not text.strip():
        return table.finish()
    delimiter = _delimiter(text)
    for cells, start, problem in _csv_records(text, delimiter):
        if problem:
            table.problems.append(units_error(path, start, *problem))
            break
        table.add(cells, start)
        if table.stopped:
            break
    return table.finish()


def _delimiter(text: str) -> str:
    """`,` or `;` (Excel in a Vietnamese locale) or a tab: the one the header line uses most."""
    header = text.split("\n", 1)[0]
    best = max((",", ";", "\t"), key=header.count)
    return best if header.count(best) else ","


def _newlines(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _csv_records(
    text: str, delimiter: str
) -> Iterator[tuple[list[tuple[str, Position]], Position, tuple[str, str] | None]]:
    """The records of the standard library's CSV reader, with the physical line where each
    cell starts (a quoted cell may hold line breaks): (cells, record start, problem)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for record in reader:
            line, cells = start, []
            for column, value in enumerate(record, start=1):
                cells.append(
                    (
                        value.replace("\r\n", "\n").replace("\r", "\n").strip(),
                        Position(line, column),
                    )
                )
                line += _newlines(value)
            yield cells, Position(start, 1), None
            start = reader.line_num + 1
    except csv.Error:
        yield (
            [],
            Position(start, 1),
            (
                "dòng này sai cú pháp CSV: dấu nháy kép chưa đóng, hoặc có chữ ngay sau dấu nháy đóng",
                'đặt cả nội dung ô trong dấu nháy kép; dấu " trong nội dung viết thành ""',
            ),
        )


# XLSX -------------------------------------------------------------------------------------


def _read_xlsx(path: Path) -> tuple[list[UnitRow], list[Diagnostic]]:
    raw, problems = _read_bytes(path, MAX_XLSX_BYTES)
    if raw is None:
        return [], problems
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return [], [
            units_error(
                path,
                FIRST,
                "tệp Excel được đặt mật khẩu hoặc là định dạng .xls cũ, không đọc được",
                "bỏ mật khẩu, rồi lưu lại với kiểu 'Excel Workbook (*.xlsx)'",
            )
        ]
    broken = units_error(
        path,
        FIRST,
        "tệp Excel bị hỏng hoặc không phải tệp .xlsx",
        "mở tệp bằng Excel rồi lưu lại với kiểu 'Excel Workbook (*.xlsx)',"
        " hoặc lưu thành 'CSV UTF-8 (Comma delimited) (*.csv)'",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [], [broken]
    if unpacked > MAX_XLSX_UNPACKED:
        return [], [
            units_error(
                path,
                FIRST,
                f"tệp Excel giải nén ra quá lớn ({num(unpacked)} byte)",
                "chỉ giữ trang tính danh sách đơn vị, lưu lại rồi chạy lại",
            )
        ]
    try:
        import openpyxl  # noqa: F401  (only here: reading CSV or YAML needs no openpyxl)
    except ImportError:
        return [], [
            units_error(
                path,
                FIRST,
                "chưa cài gói openpyxl nên không đọc được tệp Excel",
                "cài lại kehoach (pip install kehoach), hoặc lưu bảng tính thành"
                " 'CSV UTF-8 (Comma delimited) (*.csv)'",
            )
        ]
    table = _Table(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about what it does not read
        try:
            for number, record in _xlsx_records(raw):
                if number > MAX_SHEET_ROWS:
                    table.problems.append(
                        units_error(
                            path,
                            Position(number, 1),
                            f"trang tính có quá nhiều dòng (trên {num(MAX_SHEET_ROWS)})",
                            "xóa các dòng thừa ở cuối trang tính",
                        )
                    )
                    break
                cells = []
                for column, (value, data_type, number_format) in enumerate(record, start=1):
                    where = Position(number, column)
                    if data_type == "e":
                        table.problems.append(
                            units_error(
                                path,
                                where,
                                f"ô có lỗi công thức ({value})",
                                "sửa công thức, hoặc gõ thẳng giá trị vào ô",
                            )
                        )
                        value = None
                    cells.append((_xlsx_text(value, number_format), where))
                table.add(cells, Position(number, 1))
                if table.stopped:
                    break
        except _Broken:
            return [], [broken]
        except _NoSheet:
            return [], [units_error(path, FIRST, "tệp Excel không có trang tính nào")]
    return table.finish()


class _Broken(Exception):
    """openpyxl failed on the file (it raises many kinds of errors on damaged files)."""


class _NoSheet(Exception):
    pass


def _xlsx_records(raw: bytes) -> Iterator[tuple[int, list[tuple[Any, str | None, str]]]]:
    """(sheet row number, [(value, data type, number format) per column]) of the first
    worksheet; every failure of openpyxl becomes _Broken, and only openpyxl runs here."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(raw), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:
        raise _Broken from exc
    try:
        try:
            sheets = book.worksheets
            if not sheets:
                raise _NoSheet
            sheet = sheets[0]
            sheet.reset_dimensions()  # some writers declare a wrong size; read what is there
            rows = iter(sheet.iter_rows(min_row=1, min_col=1))
        except _NoSheet:
            raise
        except Exception as exc:
            raise _Broken from exc
        number = 0
        while True:
            try:
                cells = next(rows, None)
                if cells is None:
                    return
                record = [
                    (
                        getattr(cell, "value", None),
                        getattr(cell, "data_type", None),
                        getattr(cell, "number_format", None) or "",
                    )
                    for cell in cells[: MAX_COLUMNS + 1]
                ]
            except Exception as exc:
                raise _Broken from exc
            number += 1
            yield number, record
    finally:
        with contextlib.suppress(Exception):
            book.close()


_ZERO_PADDED = re.compile(r"0+")


def _xlsx_text(value: Any, number_format: str) -> str:
    """A cell as the text a clerk sees: whole numbers as digits, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return f"{value:.15g}"
        digits = str(int(value))
        # A number formatted "00" shows as 05 in Excel: keep what the clerk sees.
        if value >= 0 and _ZERO_PADDED.fullmatch(number_format):
            digits = digits.zfill(len(number_format))
        return digits
    return str(value).replace("\r\n", "\n").strip()


# YAML -------------------------------------------------------------------------------------


def _read_yaml(path: Path) -> tuple[list[UnitRow], list[Diagnostic]]:
    loaded = load_file(path)
    problems = [d if d.position else replace(d, position=FIRST) for d in loaded.diagnostics]
    if problems:
        return [], problems
    data = loaded.data
    if not isinstance(data, list):
        return [], [
            units_error(
                path,
                loaded.position(()),
                "tệp đơn vị YAML phải là một danh sách, mỗi đơn vị bắt đầu bằng '- '",
                "ví dụ:\n      - dia_danh: Lạc Dương\n        co_quan.ten: ỦY BAN NHÂN DÂN XÃ LẠC DƯƠNG",
            )
        ]
    inner_values: dict[tuple[int, str], dict[KeyPath, Position]] = {}
    inner_keys: dict[tuple[int, str], dict[KeyPath, Position]] = {}
    for table, inner in ((loaded.value_pos, inner_values), (loaded.key_pos, inner_keys)):
        for key_path, position in table.items():
            if len(key_path) > 2 and isinstance(key_path[0], int):
                inner.setdefault((key_path[0], str(key_path[1])), {})[key_path[2:]] = position
    rows: list[UnitRow] = []
    for index, item in enumerate(data):
        where = loaded.position((index,)) or FIRST
        if not isinstance(item, dict):
            problems.append(
                units_error(
                    path,
                    where,
                    "mỗi đơn vị phải là một nhóm khóa (tên cột: giá trị)"
                    + (" nhưng phần tử này để trống" if item is None else ""),
                    "viết ví dụ '- dia_danh: Lạc Dương', các khóa của cùng đơn vị thẳng cột",
                )
            )
            continue
        cells: dict[str, Cell] = {}
        headers: dict[str, Position] = {}
        seen: set[str] = set()
        blank = True
        for key, value in item.items():
            name = nfc(key.strip())
            head = loaded.key_pos.get((index, key), where)
            empty = value is None or (isinstance(value, str) and not value.strip())
            blank = blank and empty
            if not name:
                problems.append(
                    units_error(path, head, "tên cột trống", "viết tên khóa, ví dụ dia_danh")
                )
                continue
            if name.startswith(NOTE_PREFIX):
                continue
            if name in seen:
                problems.append(
                    units_error(
                        path,
                        head,
                        f"tên cột '{name}' xuất hiện hai lần trong cùng đơn vị",
                        "xóa một trong hai dòng",
                        key=name,
                    )
                )
                continue
            seen.add(name)
            if empty:
                continue
            cells[name] = Cell(
                value.strip() if isinstance(value, str) else value,
                loaded.value_pos.get((index, key), head),
                inner_values.get((index, key), {}),
                inner_keys.get((index, key), {}),
            )
            headers[name] = head
        if blank:  # like an empty line of a sheet
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(
                units_error(
                    path,
                    where,
                    f"quá nhiều đơn vị (tối đa {num(MAX_ROWS)})",
                    "chia thành nhiều tệp đơn vị nhỏ hơn",
                )
            )
            break
        rows.append(UnitRow(len(rows) + 1, path, cells, headers, where))
    if not rows and not problems:
        problems.append(
            units_error(
                path, loaded.position(()), "tệp đơn vị chưa có đơn vị nào", "thêm '- dia_danh: …'"
            )
        )
    return rows, problems
