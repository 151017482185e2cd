"""Diagnostics: what is wrong with a spec, where, and which NĐ 30 rule is behind it.

Every stage (load, validate) reports through the same type so the CLI can print all problems
of a file at once, in the `file:line:column` form editors and terminals understand.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


class Position(NamedTuple):
    """1-based line and column in the source file (a tuple: the loader makes one per node)."""

    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    file: Path | None = None
    position: Position | None = None
    key_path: str = ""
    rule: str | None = None
    hint: str | None = None
    # A value still holding the skeleton's placeholder ("XÃ ...", "Địa danh"): an error in
    # a plan, expected in the file `kehoach new` has just written.
    placeholder: bool = False

    def location(self) -> str:
        name = str(self.file) if self.file else "<spec>"
        if self.position:
            return f"{name}:{self.position.line}:{self.position.column}"
        return name

    def format(self) -> str:
        """One line (plus an optional hint line) in the classic compiler style, safe to
        print: control characters from a value or a file name are shown, not sent."""
        parts = [f"{self.location()}: {self.severity.label}"]
        if self.rule:
            parts[0] += f" [{self.rule}]"
        head = f"{parts[0]}: "
        if self.key_path:
            head += f"{self.key_path}: "
        text = printable(head + self.message)
        if self.hint:
            text += f"\n    → {printable(self.hint)}"
        return text


@dataclass
class Report:
    """All diagnostics of one file."""

    file: Path | None
    items: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        """By file, line and column (a plan from a units file has two files); without
        positions (a plan given as a dict), by key path."""

        def key(d: Diagnostic) -> tuple[str, int, int, str]:
            line, column = (d.position.line, d.position.column) if d.position else (0, 0)
            return (str(d.file or ""), line, column, d.key_path)

        return sorted(self.items, key=key)


class SpecError(Exception):
    """Raised by the public API when a spec has errors; carries the full report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [d.format() for d in report.sorted() if d.severity is Severity.ERROR]
        super().__init__("\n".join(lines) or "kế hoạch không hợp lệ")


_ERRNO_TEXT = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENOENT: "không tồn tại",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "đã có một tệp trùng tên",
    errno.ENOSPC: "hết dung lượng đĩa",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EFBIG: "tệp vượt quá kích thước hệ thống cho phép",
    errno.ELOOP: "đường dẫn đi qua liên kết tượng trưng (symlink) vòng quanh",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.EDQUOT: "vượt hạn mức dung lượng được cấp",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.ETXTBSY: "tệp đang được chương trình khác dùng",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
}


# What must never reach a terminal raw from user data: C0/C1 controls (an ESC starts a
# sequence that can clear the screen or set the title) and bidi overrides.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), so echoing
    a value or a file name cannot drive the terminal."""
    return _UNPRINTABLE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def os_error_text(exc: OSError) -> str:
    """The operating system's reason, in Vietnamese; an unknown one by its number, never in
    the system's English."""
    if exc.errno in _ERRNO_TEXT:
        return _ERRNO_TEXT[exc.errno]
    name = errno.errorcode.get(exc.errno or -1)
    return f"lỗi hệ điều hành {name}" if name else "lỗi hệ điều hành không rõ"
