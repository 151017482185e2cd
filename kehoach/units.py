"""Master plan × units: one plan per row of a units file (CSV, XLSX or YAML).

A province writes one master plan; each commune, Sở or school makes its own from it. The
units file has one row per unit; its column names are key paths of the spec
(``dia_danh``, ``co_quan.ten``, ``nhiem_vu.muc[2].noi_dung``, ``nhiem_vu.muc[+1]``) and each
non-empty cell sets, appends or drops (``(bỏ)``) what is at that path in the master.

Every value keeps where it came from: ``apply_row`` returns a ``Loaded`` whose positions point
at the units file's cells for what a row set and at the master's lines for everything else,
so ``validate_loaded`` reports e.g. ``units.csv:4:3: lỗi [SO-3]: so: …``.

After a row is applied, the plan's texts (the master's and the row's alike) may name the
unit's fields: ``{dia_danh}``, ``{co_quan.ten_goi}``, ``{stt}``. Substitution is plain text
replacement, done once, never evaluated (no Jinja, no format specs, no attribute access);
``{{`` and ``}}`` write literal braces; a field whose own text has placeholders cannot be
used as one, so nothing is expanded twice.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import difflib
import io
import re
import types
import typing
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel, BeforeValidator

from kehoach.spec.diagnostics import Diagnostic, Position, Severity, os_error_text
from kehoach.spec.loader import KeyPath, Loaded, format_path, load_file
from kehoach.spec.model import KeHoach, Muc, colon_text

__all__ = [
    "DROP",
    "Cell",
    "UnitRow",
    "UnitsProblem",
    "apply_row",
    "fields",
    "output_name",
    "read_units",
    "unique_names",
]

# --- limits ---------------------------------------------------------------------------------

MAX_TEXT_BYTES = 10 * 1024 * 1024  # CSV (YAML units go through the spec loader: 2 MB)
MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # a zip bomb stops here, before openpyxl opens it
MAX_ROWS = 10_000
MAX_SHEET_ROWS = 5 * MAX_ROWS  # rows of a sheet, blank ones included
MAX_COLUMNS = 256
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_PATH_PARTS = 24
MAX_INDEX_DIGITS = 6

DROP = "(bỏ)"
_DROP_WORDS = {"(bỏ)", "(bo)"}
NOTE_PREFIX = "#"
ROW_NUMBER_FIELD = "stt"
NAME_MAX_CHARS = 120
NAME_MAX_BYTES = 240  # UTF-8 bytes of the stem: with ".docx" below the 255 most file systems allow
EXTENSION = ".docx"

_FIRST = Position(1, 1)
_UNIT_NUMBER = "_kehoach_unit_number"  # set by apply_row on the Loaded it returns
_SUPPORTED = ".csv, .xlsx, .yaml"


class UnitsProblem(Exception):
    """A units problem that has no place in a file (an output name pattern, a name collision).

    ``str(exc)`` is the Vietnamese message; ``hint`` says how to fix it; ``rows`` names the
    1-based units rows concerned, when there are any.
    """

    def __init__(self, message: str, hint: str | None = None, rows: Sequence[int] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.rows = tuple(rows)


@dataclass(frozen=True)
class Cell:
    """One non-empty cell of a units row.

    ``value`` is text for CSV and XLSX; for YAML it may also be a list or a mapping (a whole
    item). ``position`` is where the cell is: CSV (physical line where the cell starts,
    1-based column index), XLSX (sheet row, column number), YAML (the value's line, column).
    ``value_pos``/``key_pos`` give, for a YAML value, the positions inside it, by key paths
    relative to the value.
    """

    value: Any
    position: Position
    value_pos: Mapping[KeyPath, Position] = field(default_factory=dict)
    key_pos: Mapping[KeyPath, Position] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitRow:
    """One unit: its 1-based row number among the data rows, the file, and its cells.

    ``cells`` maps a column name (stripped, NFC) to its non-empty cell; ``headers`` maps the
    same names to where the name is written (the header cell; in YAML the key). Columns whose
    name starts with ``#`` are notes and are left out of both.
    """

    number: int
    file: Path
    cells: Mapping[str, Cell]
    headers: Mapping[str, Position] = field(default_factory=dict)  # default: at the cell
    position: Position = _FIRST


def _problem(
    file: Path, position: Position | None, message: str, hint: str | None = None, key: str = ""
) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, file, position or _FIRST, key_path=key, hint=hint)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _num(number: int) -> str:
    """12.345: the Vietnamese thousands separator."""
    return f"{number:,}".replace(",", ".")


# --- reading a units file -------------------------------------------------------------------


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
            _problem(
                path,
                _FIRST,
                f"định dạng '{suffix}' không được hỗ trợ cho tệp đơn vị",
                "mở tệp rồi lưu lại với kiểu 'Excel Workbook (*.xlsx)'"
                " hoặc 'CSV UTF-8 (Comma delimited) (*.csv)'",
            )
        ]
    shown = suffix or "không có đuôi"
    return [], [
        _problem(
            path,
            _FIRST,
            f"định dạng tệp đơn vị không được hỗ trợ ({shown})",
            f"dùng tệp {_SUPPORTED} (một dòng cho mỗi đơn vị)",
        )
    ]


def _read_bytes(path: Path, limit: int) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [
                _problem(
                    path,
                    _FIRST,
                    f"tệp quá lớn ({_num(size)} byte; tối đa {_num(limit)})",
                    "chia thành nhiều tệp đơn vị nhỏ hơn",
                )
            ]
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        return None, [_problem(path, _FIRST, "không tìm thấy tệp", "kiểm tra lại đường dẫn")]
    except IsADirectoryError:
        return None, [
            _problem(
                path, _FIRST, "đây là thư mục, không phải tệp đơn vị", f"chọn một tệp {_SUPPORTED}"
            )
        ]
    except OSError as exc:
        return None, [_problem(path, _FIRST, f"không đọc được tệp ({os_error_text(exc)})")]
    if len(raw) > limit:
        return None, [
            _problem(
                path,
                _FIRST,
                f"tệp quá lớn (trên {_num(limit)} byte)",
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
                _problem(
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
                    _problem(
                        self.path,
                        position,
                        f"ô quá dài ({_num(len(value))} ký tự; tối đa {_num(MAX_CELL_CHARS)})",
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
                _problem(
                    self.path,
                    start,
                    f"quá nhiều đơn vị (tối đa {_num(MAX_ROWS)} dòng)",
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
        header = [(_nfc(value.replace("\ufeff", "").strip()), pos) for value, pos in cells]
        if not any(name for name, _ in header):
            self.problems.append(
                _problem(
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
                    _problem(
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
                _problem(
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
                _problem(
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
                _problem(
                    self.path,
                    _FIRST,
                    "tệp trống",
                    "dòng 1 ghi tên cột (dia_danh, co_quan.ten …), mỗi dòng sau là một đơn vị",
                )
            )
        elif not self.rows and not self.problems:
            self.problems.append(
                _problem(
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
            _problem(
                path,
                _FIRST,
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
            _problem(
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
            table.problems.append(_problem(path, start, *problem))
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
            _problem(
                path,
                _FIRST,
                "tệp Excel được đặt mật khẩu hoặc là định dạng .xls cũ, không đọc được",
                "bỏ mật khẩu, rồi lưu lại với kiểu 'Excel Workbook (*.xlsx)'",
            )
        ]
    broken = _problem(
        path,
        _FIRST,
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
            _problem(
                path,
                _FIRST,
                f"tệp Excel giải nén ra quá lớn ({_num(unpacked)} byte)",
                "chỉ giữ trang tính danh sách đơn vị, lưu lại rồi chạy lại",
            )
        ]
    try:
        import openpyxl  # noqa: F401  (only here: reading CSV or YAML needs no openpyxl)
    except ImportError:
        return [], [
            _problem(
                path,
                _FIRST,
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
                        _problem(
                            path,
                            Position(number, 1),
                            f"trang tính có quá nhiều dòng (trên {_num(MAX_SHEET_ROWS)})",
                            "xóa các dòng thừa ở cuối trang tính",
                        )
                    )
                    break
                cells = []
                for column, (value, data_type, number_format) in enumerate(record, start=1):
                    where = Position(number, column)
                    if data_type == "e":
                        table.problems.append(
                            _problem(
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
            return [], [_problem(path, _FIRST, "tệp Excel không có trang tính nào")]
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
    problems = [d if d.position else replace(d, position=_FIRST) for d in loaded.diagnostics]
    if problems:
        return [], problems
    data = loaded.data
    if not isinstance(data, list):
        return [], [
            _problem(
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
        where = loaded.position((index,)) or _FIRST
        if not isinstance(item, dict):
            problems.append(
                _problem(
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
            name = _nfc(key.strip())
            head = loaded.key_pos.get((index, key), where)
            empty = value is None or (isinstance(value, str) and not value.strip())
            blank = blank and empty
            if not name:
                problems.append(
                    _problem(path, head, "tên cột trống", "viết tên khóa, ví dụ dia_danh")
                )
                continue
            if name.startswith(NOTE_PREFIX):
                continue
            if name in seen:
                problems.append(
                    _problem(
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
                _problem(
                    path,
                    where,
                    f"quá nhiều đơn vị (tối đa {_num(MAX_ROWS)})",
                    "chia thành nhiều tệp đơn vị nhỏ hơn",
                )
            )
            break
        rows.append(UnitRow(len(rows) + 1, path, cells, headers, where))
    if not rows and not problems:
        problems.append(
            _problem(
                path, loaded.position(()), "tệp đơn vị chưa có đơn vị nào", "thêm '- dia_danh: …'"
            )
        )
    return rows, problems


# --- column names: key paths of the spec ----------------------------------------------------


@dataclass(frozen=True)
class _Append:
    """`[+n]`: the n-th new item appended to a list, after the master's items."""

    n: int


Segment = str | int | _Append


class _RowProblem(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _show(segments: Sequence[Segment]) -> str:
    out = ""
    for part in segments:
        if isinstance(part, _Append):
            out += f"[+{part.n}]"
        elif isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


_TOKEN = re.compile(r"\.|\[[^\[\]]*\]|[^.\[\]]+|[\[\]]")


def _parse_column(name: str) -> list[Segment]:
    """`nhiem_vu.muc[2].noi_dung` → ['nhiem_vu', 'muc', 1, 'noi_dung'] (0-based indexes)."""
    segments: list[Segment] = []
    expect_key = True  # at the start and after a dot
    for match in _TOKEN.finditer(name):
        token = match.group()
        if token == ".":
            if expect_key:
                raise _RowProblem(
                    "thiếu tên khóa " + ("ở đầu tên cột" if not segments else "sau dấu '.'"),
                    "viết các khóa nối bằng dấu chấm, ví dụ co_quan.ten",
                )
            expect_key = True
        elif token in ("[", "]"):
            raise _RowProblem(
                f"dấu '{token}' không có dấu đóng/mở tương ứng",
                "số thứ tự viết trong ngoặc vuông, ví dụ nhiem_vu.muc[2]",
            )
        elif token.startswith("["):
            if expect_key:
                raise _RowProblem(
                    "thiếu tên khóa trước '['", "ví dụ nhiem_vu.muc[2] hoặc nhiem_vu.muc[+1]"
                )
            inner = token[1:-1].strip()
            append = inner.startswith("+")
            digits = inner[1:].strip() if append else inner
            if not digits.isascii() or not digits.isdigit():
                raise _RowProblem(
                    f"'{token}' không phải số thứ tự",
                    "viết [1], [2] … để chọn mục của bản kế hoạch chung (đánh số từ 1),"
                    " hoặc [+1], [+2] … để thêm mục mới",
                )
            if len(digits) > MAX_INDEX_DIGITS:
                raise _RowProblem(f"số thứ tự '{token}' quá lớn", "kiểm tra lại tên cột")
            number = int(digits)
            if number == 0:
                raise _RowProblem(
                    f"'{token}': số thứ tự đánh từ 1",
                    "mục đầu tiên là [1]; thêm mục mới thì viết [+1]",
                )
            segments.append(_Append(number) if append else number - 1)
        elif token.strip():
            if not expect_key:
                raise _RowProblem("thiếu dấu '.' giữa hai khóa", "ví dụ co_quan.ten")
            segments.append(token.strip())
            expect_key = False
    if expect_key:
        raise _RowProblem(
            "tên cột kết thúc bằng dấu '.'" if segments else "tên cột trống",
            "ví dụ co_quan.ten",
        )
    if len(segments) > MAX_PATH_PARTS:
        raise _RowProblem("tên cột có quá nhiều cấp", "kiểm tra lại tên cột")
    return segments


@dataclass(frozen=True)
class _Shape:
    """What the spec expects at a key path: a model (mapping), a list, or a leaf (text)."""

    kind: str
    model: type[BaseModel] | None = None
    item: _Shape | None = None
    from_text: Callable[[str], Any] | None = None  # how a text written there stands for it


def _muc_from_text(text: str) -> dict[str, Any]:
    return {"noi_dung": text}  # as Muc._from_text reads `- Tuyên truyền`


def _shape(annotation: Any, metadata: Sequence[Any] = ()) -> _Shape:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *extra = typing.get_args(annotation)
        return _shape(base, (*metadata, *extra))
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _shape(options[0], metadata) if len(options) == 1 else _Shape("leaf")
    before = [m.func for m in metadata if isinstance(m, BeforeValidator)]
    if origin is list:
        (item,) = typing.get_args(annotation)
        return _Shape("list", item=_shape(item), from_text=before[-1] if before else None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if before:  # a model written as text (ngay: 15/3/2026)
            return _Shape("leaf")
        return _Shape(
            "model", model=annotation, from_text=_muc_from_text if annotation is Muc else None
        )
    return _Shape("leaf")


@cache
def _fields_of(model: type[BaseModel]) -> dict[str, _Shape]:
    return {name: _shape(f.annotation, f.metadata) for name, f in model.model_fields.items()}


_ROOT = _Shape("model", model=KeHoach)


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[\s-]+", "_", text.lower())


def _closest(word: str, known: Sequence[str]) -> str | None:
    for candidate in (word, _fold(word)):
        if candidate in known:
            return candidate
        close = difflib.get_close_matches(candidate, known, n=1, cutoff=0.6)
        if close:
            return close[0]
    return None


def _shapes(segments: Sequence[Segment]) -> list[_Shape]:
    """The shape of what each segment names, or a _RowProblem saying what to write instead."""
    shape = _ROOT
    out = []
    for depth, part in enumerate(segments):
        where = _show(segments[:depth])
        if shape.kind == "model":
            assert shape.model is not None
            known = _fields_of(shape.model)
            if not isinstance(part, str):
                example = next(iter(known))
                raise _RowProblem(
                    f"{where} là nhóm khóa, không phải danh sách, nên không dùng"
                    f" '{_show(segments[depth : depth + 1])}'",
                    f"viết {where}.<khóa>, ví dụ {where}.{example}",
                )
            if part not in known:
                close = _closest(part, list(known))
                owner = f"của {where}" if where else "của kế hoạch"
                if close:
                    hint = f"có phải ý bạn là '{_show([*segments[:depth], close])}'?"
                else:
                    hint = "các khóa hợp lệ ở đây: " + ", ".join(known)
                if not where and not close:
                    hint += "; cột chỉ để ghi chú thì đặt tên bắt đầu bằng '#', ví dụ '#STT'"
                raise _RowProblem(f"'{part}' không phải khóa {owner}", hint)
            shape = known[part]
        elif shape.kind == "list":
            assert shape.item is not None
            if isinstance(part, str):
                raise _RowProblem(
                    f"{where} là danh sách: chọn một mục bằng số thứ tự",
                    f"ví dụ {where}[1].{part} (mục 1 của bản kế hoạch chung),"
                    f" hoặc {where}[+1].{part} (mục thêm mới)",
                )
            shape = shape.item
        else:
            raise _RowProblem(
                f"{where} là văn bản, không có phần con '{_show(segments[depth:])}'",
                f"viết tên cột là {where}",
            )
        out.append(shape)
    return out


# --- applying a row -------------------------------------------------------------------------


class _Missing:
    pass


_MISSING = _Missing()


class _Set:
    """A value a cell put there (or a mapping/list created on the way to it)."""

    __slots__ = ("cell", "value")

    def __init__(self, value: Any, cell: Cell) -> None:
        self.value = value
        self.cell = cell


class _Drop:
    """A key a cell dropped with `(bỏ)`."""

    __slots__ = ("cell",)

    def __init__(self, cell: Cell) -> None:
        self.cell = cell


class _Box:
    """A list under edit: items keep the master's numbering until the row is done."""

    __slots__ = ("added", "dropped", "items")

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.dropped: dict[int, str] = {}  # index -> the column that dropped it
        self.added: dict[int, Any] = {}  # n of [+n] -> value


def _is_drop(value: Any) -> bool:
    return isinstance(value, str) and _nfc(value.strip()).lower() in _DROP_WORDS


class _Editor:
    def __init__(self, data: dict[str, Any]) -> None:
        self.root: dict[str, Any] = dict(data)
        self.owned: set[int] = {id(self.root)}
        self.warnings: list[tuple[str, str | None, Position, str]] = []

    # Reading and writing one slot of a container (dict, or _Box by index or _Append).
    @staticmethod
    def get(container: Any, key: Segment) -> Any:
        if isinstance(container, dict):
            return container.get(key, _MISSING)
        if isinstance(key, _Append):
            return container.added.get(key.n, _MISSING)
        assert isinstance(key, int)
        return container.items[key] if key < len(container.items) else _MISSING

    @staticmethod
    def put(container: Any, key: Segment, value: Any) -> None:
        if isinstance(container, dict):
            container[key] = value
        elif isinstance(key, _Append):
            container.added[key.n] = value
        else:
            container.items[key] = value

    def _check_index(
        self, container: Any, key: Segment, segments: Sequence[Segment], depth: int
    ) -> None:
        if isinstance(key, int) and isinstance(container, _Box):
            size = len(container.items)
            where = _show(segments[:depth])
            if key >= size:
                raise _RowProblem(
                    f"{where} chỉ có {size} mục, không có mục {key + 1}"
                    if size
                    else f"{where} chưa có mục nào, không có mục {key + 1}",
                    (f"đánh số theo bản kế hoạch chung, từ [1] đến [{size}]; " if size else "")
                    + f"thêm mục mới thì viết {where}[+1]",
                )
            if key in container.dropped:
                raise _RowProblem(
                    f"mục {_show(segments[: depth + 1])} đã bị bỏ ở cột '{container.dropped[key]}'",
                    "bỏ giá trị ở một trong hai cột",
                )

    def descend(
        self,
        container: Any,
        key: Segment,
        want: str,
        shape: _Shape,
        cell: Cell,
        segments: Sequence[Segment],
        depth: int,
        mutate: bool,
    ) -> Any:
        """The container (dict or _Box) at ``container[key]``, made ready to go into: text
        forms expanded, lists boxed, missing mappings created, master containers copied."""
        self._check_index(container, key, segments, depth)
        node = self.get(container, key)
        if isinstance(node, _Drop):
            raise _RowProblem(
                f"{_show(segments[: depth + 1])} đã bị bỏ bằng '{DROP}' ở một cột khác",
                "bỏ giá trị ở một trong hai cột",
            )
        holder: _Set | None = node if isinstance(node, _Set) else None
        value = holder.value if holder else node
        where = _show(segments[: depth + 1])
        if value is _MISSING or value is None:
            if isinstance(key, int):  # an existing item that is empty in the master
                raise _RowProblem(f"mục {where} của bản kế hoạch chung đang để trống")
            fresh: Any = {} if want == "dict" else _Box([])
            if mutate:
                self.owned.add(id(fresh))
                self.put(container, key, _Set(fresh, cell))
            return fresh
        if want == "dict" and shape.model is Muc and isinstance(value, dict):
            value = colon_text(value)  # `- Lưu: VT` read as a mapping is a text
        if isinstance(value, str) and shape.from_text is not None:
            value = shape.from_text(value)
            if want == "list":
                value = _Box(list(value))
        elif want == "dict" and isinstance(value, dict):
            if id(value) not in self.owned:
                value = dict(value)
        elif want == "list" and isinstance(value, list):
            value = _Box(list(value))
        elif want == "list" and isinstance(value, _Box):
            return value
        else:
            kind = "danh sách" if want == "list" else "nhóm khóa"
            raise _RowProblem(
                f"{where} trong bản kế hoạch chung không phải {kind} nên không đi vào bên trong được",
                f"đặt cả {where} trong một cột, hoặc sửa bản kế hoạch chung",
            )
        if mutate and id(value) not in self.owned:
            self.owned.add(id(value))
            if holder:
                holder.value = value
            else:
                self.put(container, key, value)
        return value

    def apply(
        self, column: str, segments: list[Segment], shapes: list[_Shape], cell: Cell, head: Position
    ) -> None:
        drop = _is_drop(cell.value)
        if drop and isinstance(segments[-1], _Append):
            raise _RowProblem(
                f"'{DROP}' không dùng cho mục thêm mới {_show(segments)}",
                "để trống ô này nếu không thêm mục",
            )
        owner = shapes[-2] if len(shapes) > 1 else _ROOT
        last = segments[-1]
        if (
            drop
            and isinstance(last, str)
            and owner.model is not None
            and owner.model.model_fields[last].is_required()
        ):
            raise _RowProblem(
                f"{_show(segments)} là khóa bắt buộc, không bỏ được",
                "để trống ô để giữ như bản kế hoạch chung, hoặc ghi giá trị mới",
            )
        for mutate in (False, True):  # check the whole way first: a bad cell changes nothing
            container: Any = self.root
            for depth, part in enumerate(segments[:-1]):
                want = "dict" if isinstance(segments[depth + 1], str) else "list"
                container = self.descend(
                    container, part, want, shapes[depth], cell, segments, depth, mutate
                )
            last = segments[-1]
            self._check_index(container, last, segments, len(segments) - 1)
            if isinstance(self.get(container, last), _Drop):
                raise _RowProblem(
                    f"{_show(segments)} đã bị bỏ bằng '{DROP}' ở một cột khác",
                    "bỏ giá trị ở một trong hai cột",
                )
            if not mutate:
                continue
            if not drop:
                self.put(container, last, _Set(_copy(cell.value), cell))
            elif isinstance(container, _Box):
                assert isinstance(last, int)
                container.dropped[last] = column
            elif self.get(container, last) is _MISSING or self.get(container, last) is None:
                self.warnings.append(
                    (
                        f"bản kế hoạch chung không có {_show(segments)} nên '{DROP}' không bỏ gì",
                        "kiểm tra lại tên cột",
                        head,
                        column,
                    )
                )
            else:
                container[last] = _Drop(cell)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class _Out:
    """Builds the plain data of the unit's plan and where every value came from."""

    def __init__(self, master: Loaded, units_file: Path) -> None:
        self.master = master
        self.units_file = units_file
        self.value_pos: dict[KeyPath, Position] = {}
        self.key_pos: dict[KeyPath, Position] = {}
        self.value_file: dict[KeyPath, Path] = {}

    def build(self, node: Any, path: KeyPath, source: tuple[Any, ...]) -> Any:
        """``source`` is ("m", master path) or ("c", cell, path inside its value, fallback)."""
        if isinstance(node, _Set):
            source = ("c", node.cell, (), node.cell.position)
            self.value_pos[path] = node.cell.position
            self.key_pos[path] = node.cell.position
            self.value_file[path] = self.units_file
            node = node.value
        elif source[0] == "m":
            mpath = source[1]
            if mpath in self.master.value_pos:
                self.value_pos[path] = self.master.value_pos[mpath]
            if mpath in self.master.key_pos:
                self.key_pos[path] = self.master.key_pos[mpath]
            if mpath in self.master.value_file:
                self.value_file[path] = self.master.value_file[mpath]
        else:
            _, cell, rel, fallback = source
            here = cell.value_pos.get(rel, fallback)
            self.value_pos[path] = here
            self.key_pos[path] = cell.key_pos.get(rel, here)
            self.value_file[path] = self.units_file
            source = ("c", cell, rel, here)
        if isinstance(node, dict):
            return {
                k: self.build(v, (*path, k), _child(source, k))
                for k, v in node.items()
                if not isinstance(v, _Drop)
            }
        if isinstance(node, _Box):
            kept = [i for i in range(len(node.items)) if i not in node.dropped]
            out = [
                self.build(node.items[i], (*path, j), _child(source, i)) for j, i in enumerate(kept)
            ]
            for n in sorted(node.added):
                out.append(self.build(node.added[n], (*path, len(out)), source))
            return out
        if isinstance(node, list):
            return [self.build(v, (*path, i), _child(source, i)) for i, v in enumerate(node)]
        return node


def _child(source: tuple[Any, ...], key: str | int) -> tuple[Any, ...]:
    if source[0] == "m":
        return ("m", (*source[1], key))
    return ("c", source[1], (*source[2], key), source[3])


def apply_row(master: Loaded, row: UnitRow) -> Loaded:
    """The unit's plan: ``master`` (not mutated) with ``row``'s cells applied, then the
    placeholders of its texts substituted.

    Positions: what the row set points at its cell in the units file (``value_file``); the
    rest keeps the master's positions, moved along with their items when a drop shifts a
    list. Problems of the row (bad column name, index beyond a list, bad placeholder) are
    diagnostics of the returned ``Loaded``; the same bad column gives the same (equal)
    diagnostic for every row that has a value in it, so a caller may deduplicate.
    """
    result = Loaded(
        data=None,
        file=master.file,
        value_pos=dict(master.value_pos),
        key_pos=dict(master.key_pos),
        diagnostics=list(master.diagnostics),
        value_file=dict(master.value_file),
    )
    if not isinstance(master.data, dict):  # the master's own problems say why
        result.data = _copy(master.data)
        return result
    editor = _Editor(master.data)
    problems: list[Diagnostic] = []
    parsed: list[tuple[int, int, str, list[Segment], list[_Shape], Cell, Position]] = []
    seen: dict[tuple[Segment, ...], str] = {}
    for order, (column, cell) in enumerate(row.cells.items()):
        if column.startswith(NOTE_PREFIX):
            continue
        head = row.headers.get(column, cell.position)
        try:
            segments = _parse_column(column)
            shapes = _shapes(segments)
        except _RowProblem as problem:
            problems.append(_problem(row.file, head, problem.message, problem.hint, key=column))
            continue
        key = tuple(segments)
        if key in seen:
            problems.append(
                _problem(
                    row.file,
                    head,
                    f"cột '{column}' chỉ cùng chỗ với cột '{seen[key]}'",
                    "giữ một trong hai cột",
                    key=column,
                )
            )
            continue
        seen[key] = column
        parsed.append((len(segments), order, column, segments, shapes, cell, head))
    # Shorter paths first: a whole item, then what a longer column changes inside it.
    for _, _, column, segments, shapes, cell, head in sorted(parsed, key=lambda p: p[:2]):
        try:
            editor.apply(column, segments, shapes, cell, head)
        except _RowProblem as problem:
            problems.append(_problem(row.file, head, problem.message, problem.hint, key=column))
    for message, hint, where, column in editor.warnings:
        problems.append(Diagnostic(Severity.WARNING, message, row.file, where, column, hint=hint))
    out = _Out(master, row.file)
    result.data = out.build(editor.root, (), ("m", ()))
    result.value_pos, result.key_pos, result.value_file = out.value_pos, out.key_pos, out.value_file
    result.diagnostics.extend(problems)
    result.diagnostics.extend(_substitute(result, row))
    setattr(result, _UNIT_NUMBER, row.number)  # for fields(): {stt} in output names
    return result


# --- placeholders ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_PREFERRED = (
    ROW_NUMBER_FIELD,
    "dia_danh",
    "co_quan.ten_goi",
    "co_quan.ten",
    "so",
    "ngay",
    "nguoi_ky.ho_ten",
)


def _walk(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def fields(loaded: Loaded, row: UnitRow | None = None) -> dict[str, str]:
    """Key path (as ``format_path`` writes it) → text, for every text value of ``loaded``,
    and ``stt`` = the unit's number when ``loaded`` comes from ``apply_row`` (or ``row`` is
    given). For ``output_name`` patterns."""
    found = {format_path(p): v for p, v in _walk(loaded.data) if p and isinstance(v, str)}
    number = row.number if row is not None else getattr(loaded, _UNIT_NUMBER, None)
    if number is not None:
        found[ROW_NUMBER_FIELD] = str(number)
    return found


class _Template:
    """A text split into literal parts and placeholder names."""

    def __init__(self, text: str) -> None:
        self.parts: list[tuple[bool, str]] = []  # (is_placeholder, literal text or name)
        self.errors: list[tuple[str, str]] = []
        last = 0
        for match in _PLACEHOLDER.finditer(text):
            self.parts.append((False, text[last : match.start()]))
            last = match.end()
            token = match.group()
            if token in ("{{", "}}"):
                self.parts.append((False, token[0]))
            elif match.group(1) is not None:
                self.parts.append((True, re.sub(r"\s+", "", match.group(1))))
            else:
                self.errors.append(
                    (
                        f"dấu '{token}' đơn lẻ",
                        f"viết '{token * 2}' để in dấu '{token}', hoặc viết chỗ thay thế"
                        " đủ hai dấu, ví dụ {dia_danh}",
                    )
                )
        self.parts.append((False, text[last:]))

    @property
    def names(self) -> list[str]:
        return [text for is_name, text in self.parts if is_name]

    def render(self, values: Mapping[str, str]) -> str:
        return "".join(values[text] if is_name else text for is_name, text in self.parts)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "là một nhóm khóa"
    if isinstance(value, list):
        return "là một danh sách"
    return "đang để trống"


def _suggest(name: str, texts: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, texts, n=3, cutoff=0.6)
    shown = list(dict.fromkeys([*close, *(t for t in _PREFERRED if t in texts)]))[:6]
    hint = f"có phải ý bạn là '{{{close[0]}}}'? " if close else ""
    return (
        hint
        + "các tên dùng được: "
        + ", ".join("{" + t + "}" for t in shown)
        + "; viết '{{' và '}}' để in dấu ngoặc nhọn"
    )


def _is_spec_path(name: str) -> bool:
    try:
        _shapes(_parse_column(name))
    except _RowProblem:
        return False
    return "[+" not in name


def _substitute(loaded: Loaded, row: UnitRow) -> list[Diagnostic]:
    """Replace the placeholders of every text of the plan, once; report the bad ones.

    A placeholder is replaced by the final text of its field. A field whose own text has
    placeholders cannot be used as one (no nesting), so the final texts are known without
    expanding anything twice: only ``{{``/``}}`` in a field's text are resolved.
    """
    every: dict[str, Any] = {}
    texts: dict[str, str] = {ROW_NUMBER_FIELD: str(row.number)}
    templates: list[KeyPath] = []
    for path, value in _walk(loaded.data):
        if not path:
            continue
        name = format_path(path)
        every[name] = value
        if isinstance(value, str):
            texts.setdefault(name, value)
            if "{" in value or "}" in value:
                templates.append(path)
    if not templates:
        return []
    names = sorted(texts)
    values: dict[str, str | None] = {}  # name -> text to insert; None when it cannot be used

    def value_of(name: str) -> tuple[str | None, tuple[str, str] | None]:
        text = texts[name]
        if "{" not in text and "}" not in text:
            return text, None
        inner = _Template(text)
        if inner.names or inner.errors:
            return None, (
                f"chỗ thay thế '{{{name}}}' có giá trị '{_short(text)}' cũng chứa chỗ thay thế;"
                " chỗ thay thế không lồng nhau",
                f"viết thẳng nội dung vào đây thay cho {{{name}}}, hoặc ghi {name} không có"
                " chỗ thay thế (trong tệp đơn vị hay bản kế hoạch chung)",
            )
        return inner.render({}), None

    problems: list[Diagnostic] = []
    missing: dict[str, list[str]] = {}  # a key the unit lacks -> where its placeholder is used
    for path in templates:
        container: Any = loaded.data
        for part in path[:-1]:
            container = container[part]
        text = container[path[-1]]
        template = _Template(text)
        found: list[tuple[str, str | None]] = list(template.errors)
        reported: set[str] = set()
        for name in template.names:
            if name in reported:
                continue
            if name in texts:
                if name not in values:
                    insert, problem = value_of(name)
                    values[name] = insert
                    if problem:
                        found.append(problem)
                        reported.add(name)
                continue
            reported.add(name)
            if not name:
                found.append(("chỗ thay thế '{}' trống", _suggest(name, names)))
            elif name in every:
                found.append(
                    (
                        f"chỗ thay thế '{{{name}}}' không phải văn bản ({_kind(every[name])})",
                        _suggest(name, [t for t in names if t.startswith(name)] or names),
                    )
                )
            elif _is_spec_path(name):
                file, position = loaded.locate(path)
                place = f"{file}:{position.line}:{position.column}" if position else str(file)
                missing.setdefault(name, []).append(place)
            else:
                found.append(
                    (f"chỗ thay thế '{{{name}}}' không có trong kế hoạch", _suggest(name, names))
                )
        where = loaded.locate(path)
        for message, hint in found:
            problems.append(
                Diagnostic(
                    Severity.ERROR,
                    message,
                    where[0],
                    where[1] or _FIRST,
                    format_path(path),
                    hint=hint,
                )
            )
        if not found and all(values.get(n) is not None for n in template.names):
            container[path[-1]] = template.render(values)  # type: ignore[arg-type]
    # One problem per key the unit lacks, at the unit's row: that is where it is fixed.
    for name, places in missing.items():
        more = f" và {len(places) - 1} chỗ khác" if len(places) > 1 else ""
        problems.append(
            Diagnostic(
                Severity.ERROR,
                f"đơn vị này chưa có {name}, mà văn bản dùng {{{name}}} ({places[0]}{more})",
                row.file,
                row.position,
                name,
                hint=f"điền cột {name} cho đơn vị này, hoặc ghi {name} trong bản kế hoạch chung",
            )
        )
    return problems


# --- output names ---------------------------------------------------------------------------

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{p}{i}" for p in ("COM", "LPT") for i in (*"123456789", "¹", "²", "³")),
}


def _clean(text: str) -> str:
    out = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp", "Zs"):
            out.append(" ")
        elif category in ("Cf", "Cs") or char in "\ufffe\uffff":
            continue
        else:
            out.append(char)
    text = _FORBIDDEN.sub("-", "".join(out))
    text = re.sub(r" +", " ", text)
    return re.sub(r"\.{2,}", ".", text)


def _cut(stem: str) -> str:
    stem = stem[:NAME_MAX_CHARS]
    while len(stem.encode("utf-8")) > NAME_MAX_BYTES:
        stem = stem[:-1]
    while stem and unicodedata.combining(stem[-1]):
        stem = stem[:-1]
    return stem


def output_name(pattern: str, fields: Mapping[str, str]) -> str:
    """The file name of one unit's plan from a ``--ten`` pattern such as
    ``"{dia_danh}-{so}.docx"``: the placeholders of the master (``{{``/``}}`` for braces),
    then sanitised into one safe file name ending in ``.docx``.

    Raises ``UnitsProblem`` (Vietnamese) when the pattern names an unknown field, has a lone
    brace, or gives an empty name. Two rows giving the same name are the caller's to refuse
    (see ``unique_names``).
    """
    template = _Template(pattern)
    if template.errors:
        message, hint = template.errors[0]
        raise UnitsProblem(f"mẫu tên tệp '{pattern}': {message}", hint)
    for name in template.names:
        if name not in fields:
            raise UnitsProblem(
                f"mẫu tên tệp '{pattern}': chỗ thay thế '{{{name}}}' không có (hoặc không phải"
                " văn bản) trong kế hoạch của đơn vị",
                _suggest(name, sorted(fields)),
            )
    name = _clean(template.render(fields)).rstrip(" .")
    stem = name[: -len(EXTENSION)] if name.lower().endswith(EXTENSION) else name
    stem = _cut(stem.strip(" .-")).rstrip(" .")
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    if not stem:
        raise UnitsProblem(
            f"mẫu tên tệp '{pattern}' cho ra tên tệp rỗng",
            "dùng các chỗ thay thế có nội dung, ví dụ '{stt}-{dia_danh}.docx'",
        )
    return unicodedata.normalize("NFC", stem + EXTENSION)


def unique_names(names: Sequence[str], units: Sequence[UnitRow] | None = None) -> list[str]:
    """``names`` unchanged when no two are the same file on Windows or macOS (compared
    case-insensitively, NFC); otherwise ``UnitsProblem`` naming every clash.

    ``units[i]`` is the row that gives ``names[i]``: the message then names the rows by their
    line in the units file (as the clerk sees them) and ``UnitsProblem.rows`` holds their
    numbers (``UnitRow.number``); without ``units`` the i-th name is unit i + 1.
    """

    def label(index: int) -> str:
        if units is None:
            return f"đơn vị thứ {index + 1}"
        return f"dòng {units[index].position.line} của {units[index].file.name}"

    first: dict[str, int] = {}
    clashes: list[str] = []
    involved: list[int] = []
    for index, name in enumerate(names):
        key = unicodedata.normalize("NFC", name).casefold()
        if key in first:
            other = first[key]
            clashes.append(f"{label(index)} và {label(other)} cùng ra tên tệp '{name}'")
            for i in (other, index):
                involved.append(units[i].number if units is not None else i + 1)
        else:
            first[key] = index
    if clashes:
        raise UnitsProblem(
            "hai đơn vị không được ghi ra cùng một tệp: "
            + "; ".join(clashes)
            + " (không phân biệt chữ hoa, chữ thường)",
            "thêm vào mẫu tên một chỗ thay thế khác nhau giữa các đơn vị, ví dụ {stt} hoặc {dia_danh}",
            rows=list(dict.fromkeys(involved)),
        )
    return list(names)
