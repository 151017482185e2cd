"""Read a YAML spec into plain Python data plus a map of where every value came from.

PyYAML's composer gives nodes with marks; we build the data ourselves from those nodes so
that (1) every key path knows its line and column for diagnostics, (2) scalars stay the
text the user typed (no YAML 1.1 surprises: `so: 010` is not octal 8, `no` is not False;
pydantic converts where a field really wants a number or date), (3) duplicate keys are
errors instead of silent overwrites, and (4) alias expansion is bounded.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from kehoach.spec.diagnostics import Diagnostic, Position, Severity, os_error_text

KeyPath = tuple[str | int, ...]

_C_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_C_LOADER):  # type: ignore[misc,valid-type]
    """libyaml's loader, without YAML 1.1's implicit typing: kehoach keeps every plain
    scalar as the text the user typed (see above), so the resolver's regexes need not run."""

    _TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]


_FAST_LOADER = _FastLoader
# Input limits (docs/spec.md §1.1, "Giới hạn của một tệp"): every accepted file renders in
# seconds.
MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64  # nested lists and groups; a plan needs a dozen at most
NULLS = {"", "~", "null", "Null", "NULL"}


def _translate(problem: str | None, context: str | None = None) -> str:
    if not problem:
        return "cú pháp YAML không hợp lệ"
    if context in ("while scanning an anchor", "while scanning a tag"):
        return (
            "văn bản bắt đầu bằng '&' hoặc '!' bị YAML hiểu là neo hoặc thẻ;"
            " đặt cả văn bản trong dấu nháy kép"
        )
    if context == "while scanning an alias" or problem.startswith("found undefined alias"):
        return (
            "văn bản bắt đầu bằng '*' bị YAML hiểu là tham chiếu;"
            " đặt cả văn bản trong dấu nháy kép, hoặc viết sau '>-' ở dòng riêng"
        )
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return (
            "sau phần trong dấu nháy hoặc ngoặc vuông còn chữ (văn bản bắt đầu bằng dấu nháy"
            " hoặc '['?); đặt cả văn bản trong dấu nháy đơn '…', hoặc viết sau '>-' ở dòng riêng"
        )
    found = _found(problem)
    for english, vietnamese in _YAML_PROBLEMS:
        if problem.startswith(english):
            return vietnamese.format(found=found)
    if "that cannot start any token" in problem:
        return (
            f"ký tự {problem.split('character ')[1].split(' that')[0]} không được đứng đầu văn bản;"
            " đặt cả văn bản trong dấu nháy kép"
        )
    if problem.startswith("expected <block end>") or problem.startswith("expected <block"):
        return "thụt lề không khớp với các dòng phía trên (kiểm tra số dấu cách đầu dòng)"
    if problem.startswith("did not find expected"):
        return "thụt lề hoặc dấu '-' không đúng chỗ"
    # A complaint no table names (a PyYAML newer than this one): said without its English.
    return "cú pháp YAML không hợp lệ ở vị trí này"


def _found(problem: str) -> str:
    """What PyYAML found instead ("..., but found '<scalar>'"), named in Vietnamese."""
    for mark in (", but found ", ", but got "):
        if mark in problem:
            token = problem.rsplit(mark, 1)[1].strip()
            return _TOKENS.get(token.strip("'\""), token)
    return "ký tự khác"


# PyYAML's token names, as a clerk would say what stands there.
_TOKENS = {
    "<stream end>": "cuối tệp",
    "<scalar>": "một đoạn văn bản",
    "<block mapping start>": "một nhóm khóa",
    "<block sequence start>": "một danh sách",
    "<block end>": "chỗ hết thụt lề",
    "<block entry>": "dấu '-'",
    "<document start>": "dấu '---'",
    "<document end>": "dấu '...'",
    "<flow sequence start>": "dấu '['",
    "<flow sequence end>": "dấu ']'",
    "<flow mapping start>": "dấu '{'",
    "<flow mapping end>": "dấu '}'",
    "<flow entry>": "dấu ','",
    "<key>": "một tên khóa",
    "<value>": "dấu ':'",
    "<alias>": "tham chiếu '*'",
    "<anchor>": "neo '&'",
    "<tag>": "thẻ '!'",
    "<directive>": "chỉ thị '%'",
}

# Every problem PyYAML's scanner, parser and composer can state (tests/test_yaml_words reads
# them from PyYAML's source), in Vietnamese, by how it starts; {found} is what stood there
# instead.
_YAML_PROBLEMS = (
    (
        "mapping values are not allowed here",
        "dấu ':' không được phép ở đây (thiếu dấu cách sau ':' ở dòng trước, hoặc văn bản có ':' cần đặt trong dấu nháy)",
    ),
    ("could not find expected ':'", "thiếu dấu ':' sau tên khóa"),
    (
        "found character '\\t' that cannot start any token",
        "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề",
    ),
    ("found unexpected end of stream", "tệp kết thúc khi chuỗi trong dấu nháy chưa đóng"),
    ("found unknown escape character", "ký tự thoát (\\) không hợp lệ trong chuỗi dấu nháy kép"),
    (
        "expected a single document in the stream",
        "tệp chỉ được chứa một tài liệu YAML (bỏ dấu '---' thừa)",
    ),
    ("found duplicate anchor", "trùng tên neo (&anchor)"),
    (
        "found invalid Unicode character escape code",
        "mã thoát \\u… không phải một ký tự hợp lệ (như \\ud800, nửa cặp thay thế)",
    ),
    (
        "expected ',' or ']'",
        "danh sách trong ngoặc vuông chưa đóng: thiếu ',' hoặc ']' (gặp {found}); văn bản bắt"
        " đầu bằng '[' cần đặt trong dấu nháy kép",
    ),
    (
        "expected ',' or '}'",
        "nhóm trong ngoặc nhọn chưa đóng: thiếu ',' hoặc '}}' (gặp {found}); văn bản bắt đầu"
        " bằng '{{' cần đặt trong dấu nháy kép",
    ),
    ("expected the node content", "thiếu giá trị ở đây (gặp {found})"),
    (
        "expected '<document start>'",
        "sau chỉ thị '%…' phải có dòng '---' (gặp {found}); một kế hoạch không cần chỉ thị,"
        " hãy xóa dòng bắt đầu bằng '%'",
    ),
    ("but found another document", "tệp chỉ được chứa một tài liệu YAML (bỏ dấu '---' thừa)"),
    (
        "found unexpected document separator",
        "dấu '---' hoặc '...' nằm giữa một chuỗi trong dấu nháy chưa đóng",
    ),
    (
        "expected escape sequence of",
        "mã thoát \\x, \\u hoặc \\U thiếu chữ số hệ 16 (gặp {found}); viết thẳng chữ tiếng Việt"
        " thay cho mã",
    ),
    (
        "expected chomping or indentation indicators",
        "sau '|' hoặc '>' chỉ được viết '-', '+' hoặc một chữ số (gặp {found})",
    ),
    ("expected indentation indicator", "chữ số thụt lề sau '|' hoặc '>' phải từ 1 đến 9"),
    (
        "expected a comment or a line break",
        "sau ký hiệu này chỉ được xuống dòng hoặc viết ghi chú '# …' (gặp {found})",
    ),
    ("expected ' '", "thiếu dấu cách sau ký hiệu này (gặp {found})"),
    (
        "expected alphabetic or numeric character",
        "tên neo '&…' hoặc tham chiếu '*…' chỉ gồm chữ và số (gặp {found}); văn bản bắt đầu"
        " bằng '&' hoặc '*' cần đặt trong dấu nháy kép",
    ),
    ("expected a digit", "chỉ thị %YAML phải viết dạng '%YAML 1.1' (gặp {found})"),
    ("found duplicate YAML directive", "chỉ thị %YAML xuất hiện hai lần"),
    ("found incompatible YAML document", "tệp ghi phiên bản YAML không dùng được (chỉ YAML 1.x)"),
    ("duplicate tag handle", "chỉ thị %TAG khai báo một thẻ hai lần"),
    (
        "found undefined tag handle",
        "thẻ '!…' chưa khai báo; kế hoạch không dùng thẻ: văn bản bắt đầu bằng '!' cần đặt"
        " trong dấu nháy kép",
    ),
    (
        "expected '!'",
        "thẻ '!…' viết sai; kế hoạch không dùng thẻ: văn bản bắt đầu bằng '!' cần đặt trong"
        " dấu nháy kép",
    ),
    (
        "expected '>'",
        "thẻ '!<…>' thiếu dấu '>'; kế hoạch không dùng thẻ: văn bản bắt đầu bằng '!' cần đặt"
        " trong dấu nháy kép",
    ),
    (
        "expected URI",
        "thẻ '!…' viết sai; kế hoạch không dùng thẻ: văn bản bắt đầu bằng '!' cần đặt trong"
        " dấu nháy kép",
    ),
    (
        "mapping keys are not allowed here",
        "dấu '?' không được phép ở đây; văn bản bắt đầu bằng '?' cần đặt trong dấu nháy kép",
    ),
    (
        "sequence entries are not allowed here",
        "dấu '-' của một mục danh sách không được phép ở đây (thụt lề sai, hoặc '- ' viết sau"
        " văn bản trên cùng dòng)",
    ),
    (
        "invalid indentation or unclosed",
        "thụt lề sai, hoặc ngoặc '[' / '{{' chưa đóng",
    ),
    ("special characters are not allowed", "tệp có ký tự điều khiển không được phép"),
    # The composer's duplicate anchor: said at its second use, the first being the context.
    ("second occurrence", "trùng tên neo '&…': tên này đã đặt ở một chỗ phía trên"),
)


@dataclass
class Loaded:
    """The data of a spec and where each key path sits in the file.

    A value may come from another file than the spec (a cell of a units file overriding a
    master plan): ``value_file`` names that file for the key paths it provided, and
    ``locate`` gives file and position together.
    """

    data: Any
    file: Path | None
    value_pos: dict[KeyPath, Position] = field(default_factory=dict)
    key_pos: dict[KeyPath, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    value_file: dict[KeyPath, Path] = field(default_factory=dict)

    def position(self, path: KeyPath, *, key: bool = False) -> Position | None:
        """Closest known position for ``path``, walking up to a parent when needed."""
        return self.locate(path, key=key)[1]

    def locate(self, path: KeyPath, *, key: bool = False) -> tuple[Path | None, Position | None]:
        """The file and position closest to ``path``, walking up to a parent when needed."""
        table = self.key_pos if key else self.value_pos
        p = tuple(path)
        while p:
            for found in (table, self.value_pos):
                if p in found:
                    return self.value_file.get(p, self.file), found[p]
            p = p[:-1]
        return self.file, self.value_pos.get((), None)


def _pos(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# A continuation line of a plain value that reads as the start of a new item: YAML joins it
# to the line above ("- UBND huyện" + "    - Thường trực Đảng ủy" → one recipient).
_NEW_ITEM = re.compile(r"^[-+•–]\s")
_NEW_BASIS = {
    "can_cu": re.compile(r"^Căn cứ\s", re.IGNORECASE),
    "thuc_hien": re.compile(r"^Thực hiện\s", re.IGNORECASE),
    "de_nghi": re.compile(r"^(Theo|Xét) đề nghị\s", re.IGNORECASE),
}
# A "#" right after a space ends a plain value and starts a YAML comment; a comment that
# starts "#2", "#A" (no space after the mark) is almost always text the clerk meant.
_SWALLOWED = re.compile(r"^\s+(#\S.*)$")
_CURLY = {"“": "”", "‘": "’", "„": "”", "«": "»"}
# Invisible format characters (Unicode Cf: bidi controls, zero-width spaces, soft hyphen …):
# no Vietnamese text needs one, and they reverse dates or make an empty name look filled.
_FORMAT = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Either of the two above: one search clears the common case, a text with neither.
_SUSPECT = re.compile(f"{_FORMAT.pattern}|{_SURROGATE.pattern}")
# "-Treo băng rôn": a dash without its space is text to YAML, not a list item.
NO_SPACE_DASH = re.compile(r"^[-–+•][^\s\d-]")


class _Builder:
    def __init__(self, loaded: Loaded, lines: list[str]) -> None:
        self.loaded = loaded
        self.lines = lines
        self.count = 0

    def diagnostic(
        self,
        severity: Severity,
        message: str,
        where: Position,
        path: KeyPath,
        hint: str | None = None,
    ) -> None:
        self.loaded.diagnostics.append(
            Diagnostic(
                severity, message, self.loaded.file, where, key_path=format_path(path), hint=hint
            )
        )

    def clean(self, node: yaml.ScalarNode, path: KeyPath) -> str:
        """The scalar's text without invisible format characters (warned about, at their
        place); a lone surrogate from an escape such as "\\ud800" is an error."""
        value = node.value
        if value.isascii() or not _SUSPECT.search(value):  # ASCII holds neither
            return value
        if _SURROGATE.search(value):
            self.error(
                "văn bản có mã ký tự không hợp lệ (nửa cặp thay thế, như \\ud800)",
                node,
                path,
                hint="xóa mã thoát \\u… này; gõ thẳng chữ tiếng Việt thay cho mã",
            )
            return _SURROGATE.sub("", value)
        found = _FORMAT.findall(value)
        if found:
            names = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
            self.diagnostic(
                Severity.WARNING,
                f"văn bản có ký tự định dạng vô hình ({names}: đảo chiều chữ, khoảng trắng rộng"
                " 0 …), thường do sao chép; kehoach đã bỏ các ký tự này",
                _pos(node.start_mark),
                path,
                "đọc lại giá trị này; xóa ký tự vô hình trong tệp để cảnh báo không còn",
            )
            return _FORMAT.sub("", value)
        return value

    def lint_plain(self, node: yaml.ScalarNode, path: KeyPath) -> None:
        """What YAML does silently to a plain value that a clerk would not expect: a
        continuation line that starts a new item is joined to the one above; a "#2" is cut
        off as a comment; quotes pasted from Word stay in the text."""
        first, last = node.start_mark.line, node.end_mark.line
        basis = _NEW_BASIS.get(path[0]) if path and isinstance(path[0], str) else None
        for number in range(first + 1, min(last, len(self.lines) - 1) + 1):
            text = self.lines[number].strip()
            starts_basis = basis is not None and basis.match(text)
            if _NEW_ITEM.match(text) or starts_basis:
                column = len(self.lines[number]) - len(self.lines[number].lstrip()) + 1
                what = (
                    "trông như một mục mới (thiếu '- ' ở đầu dòng)"
                    if starts_basis and not _NEW_ITEM.match(text)
                    else "thụt lề sâu hơn dấu '-' của mục trên"
                )
                self.diagnostic(
                    Severity.ERROR,
                    f"dòng «{text[:40]}» {what} nên bị YAML nối vào văn bản của dòng trên",
                    Position(number + 1, column),
                    path,
                    "nếu đây là mục mới: viết '- ' thẳng cột với dấu '-' của mục trên;"
                    " nếu đúng là câu viết tiếp: đặt cả văn bản trong dấu nháy,"
                    " hoặc viết sau '>-' ở dòng riêng",
                )
                break
        if last < len(self.lines):
            rest = self.lines[last][node.end_mark.column :]
            swallowed = _SWALLOWED.match(rest) if "#" in rest else None
            if swallowed:
                comment = swallowed.group(1).strip()
                self.diagnostic(
                    Severity.ERROR,
                    f"phần «{comment[:30]}» sau dấu cách và '#' bị YAML hiểu là ghi chú và bị bỏ"
                    " khỏi văn bản",
                    Position(last + 1, node.end_mark.column + len(rest) - len(rest.lstrip()) + 1),
                    path,
                    f"nếu «{comment[:30]}» là nội dung: đặt cả giá trị trong dấu nháy kép,"
                    f' ví dụ "{node.value} {comment[:30]}"; nếu là ghi chú: viết "# " có dấu cách',
                )
        value = node.value
        opening = value[:1]
        if (
            len(value) > 1
            and opening in _CURLY
            and value[-1] == _CURLY[opening]
            and _CURLY[opening] not in value[1:-1]  # not “A” và “B”
        ):
            self.diagnostic(
                Severity.ERROR,
                f"giá trị nằm trong dấu nháy cong {value[0]}…{value[-1]} (thường do dán từ Word);"
                " YAML giữ nguyên dấu nháy này và chúng sẽ được in ra văn bản",
                _pos(node.start_mark),
                path,
                "xóa hai dấu nháy cong ở đầu và cuối; nếu thật sự muốn in dấu nháy quanh cả"
                f" giá trị, đặt trong dấu nháy đơn: '{value}'",
            )

    def error(self, message: str, node: yaml.Node, path: KeyPath, hint: str | None = None) -> None:
        self.loaded.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                message,
                self.loaded.file,
                _pos(node.start_mark),
                key_path=format_path(path),
                hint=hint,
            )
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(node)
        positions = self.loaded.value_pos
        if path not in positions:
            mark = node.start_mark
            positions[path] = Position(mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.style:  # plain; libyaml marks it "", PyYAML None
                if node.value in NULLS:
                    return None
                self.lint_plain(node, path)
            return self.clean(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            key_positions = self.loaded.key_pos
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.error(
                        "tên khóa phải là một từ, không phải danh sách hay nhóm", key_node, path
                    )
                    continue
                key = self.clean(key_node, path)
                if key == "<<":
                    self.error("không hỗ trợ gộp khóa '<<'", key_node, path)
                    continue
                if key in result:
                    self.error(
                        f"khóa '{key}' xuất hiện hai lần",
                        key_node,
                        (*path, key),
                        hint="xóa một trong hai dòng; YAML không cho phép khóa trùng",
                    )
                    continue
                key_path = (*path, key)
                key_positions[key_path] = _pos(key_node.start_mark)
                result[key] = self.build(value_node, key_path)
            return result
        raise TypeError(f"unexpected YAML node {node!r}")


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def format_path(path: KeyPath) -> str:
    """`nhiem_vu.muc[2].noi_dung` style, as users write keys in YAML."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) only; anything else is reported, never guessed silently."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    return raw.decode("utf-8")


def _not_yaml(raw: bytes) -> tuple[str, str] | None:
    """(message, hint) for bytes that are plainly not a UTF-8 YAML file: UTF-16 (Notepad's
    "Unicode"), a Word document or another zip, a PDF."""
    # UTF-16 without a BOM: ASCII text has a NUL beside every other byte.
    nuls = len(raw) >= 4 and (raw[1:4:2] == b"\0\0" or raw[0:3:2] == b"\0\0")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or nuls:
        return (
            "tệp được lưu bằng mã hóa UTF-16 (trong Notepad gọi là «Unicode»), không phải UTF-8",
            "mở tệp, chọn Lưu thành (Save As) và chọn mã hóa UTF-8",
        )
    if raw.startswith(b"PK\x03\x04"):
        return (
            "đây là tệp Word (.docx) hoặc tệp nén, không phải tệp kế hoạch YAML",
            "kehoach render đọc tệp .yaml; để kiểm tra thể thức một tệp Word, dùng"
            " kehoach check <tệp.docx>",
        )
    if raw.startswith(b"%PDF"):
        return ("đây là tệp PDF, không phải tệp kế hoạch YAML", "chọn tệp .yaml của kế hoạch")
    return None


def load_text(text: str, file: Path | None = None) -> Loaded:
    """Parse ``text``; a YAML error said one line late is moved to the line at fault."""
    loaded = _load_text(text, file)
    if loaded.diagnostics:
        _at_the_cause(loaded, text)
    return loaded


def _load_text(text: str, file: Path | None = None) -> Loaded:
    loaded = Loaded(data=None, file=file)
    lines = text.splitlines()
    if _may_be_deep(text, lines):  # before the composers, which recurse once per level
        deep = _too_deep(text, file)
        if deep is not None:
            loaded.diagnostics.append(deep)
            return loaded
    try:
        try:
            # libyaml is ten times faster; the pure-Python parser words the errors we translate.
            node = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        # A character YAML refuses (control characters, U+FFFE …): say which and where.
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        character = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        loaded.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                f"tệp có ký tự điều khiển không hợp lệ (U+{character:04X})",
                file,
                Position(line, column),
                hint="xóa ký tự này (thường do sao chép từ phần mềm khác)",
            )
        )
        return loaded
    except yaml.MarkedYAMLError as exc:
        loaded.diagnostics.append(_syntax_error(exc, file))
        return loaded
    except yaml.YAMLError as exc:  # unmarked errors: no position to give
        loaded.diagnostics.append(Diagnostic(Severity.ERROR, _translate(str(exc)), file))
        return loaded
    if ("&" in text or "!" in text) and _ANCHOR_OR_TAG.search(text):
        loaded.diagnostics.extend(_events_check(text, file))
        if loaded.diagnostics:
            return loaded
    if node is None:
        loaded.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                "tệp trống",
                file,
                Position(1, 1),
                hint="chạy 'kehoach new' để tạo tệp mẫu",
            )
        )
        return loaded
    builder = _Builder(loaded, lines)
    try:
        loaded.data = builder.build(node, ())
        if loaded.data is None and not loaded.diagnostics:  # "---", "null", "~"
            loaded.diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    "tệp không có nội dung kế hoạch (chỉ có '---', 'null' hoặc '~')",
                    file,
                    _pos(node.start_mark),
                    hint="chạy 'kehoach new' để tạo tệp mẫu",
                )
            )
    except _TooLarge as exc:
        loaded.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                f"tệp có quá nhiều phần tử (trên {MAX_NODES:,}), có thể do tham chiếu (*alias) lồng nhau",
                file,
                _pos(exc.node.start_mark),
                hint="bỏ các tham chiếu lồng nhau; một kế hoạch không cần nhiều phần tử như vậy",
            )
        )
        loaded.data = None
    return loaded


def _may_be_deep(text: str, lines: list[str]) -> bool:
    """Cheap: could ``text`` nest deeper than MAX_DEPTH (deep indentation, many brackets)?"""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        return True
    return any(
        len(line) - len(line.lstrip(" -")) > MAX_DEPTH for line in lines if len(line) > MAX_DEPTH
    )


def _too_deep(text: str, file: Path | None) -> Diagnostic | None:
    """Nesting deeper than MAX_DEPTH, found from the parser's events (which do not recurse)
    where it passes the limit; a syntax error is left for the composer to word."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Diagnostic(
                        Severity.ERROR,
                        f"các danh sách, nhóm khóa lồng nhau quá sâu (trên {MAX_DEPTH} cấp)",
                        file,
                        _pos(event.start_mark),
                        hint="một kế hoạch chỉ cần vài cấp; kiểm tra thụt lề và dấu [ {",
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


# Where YAML can read an anchor or a tag: "&" or "!" right before a name, at the start of a
# value (after a space, a line start or flow punctuation). "Tài chính & Kế hoạch" is not one,
# and is spared the second parse below.
_ANCHOR_OR_TAG = re.compile(r"(?:^|[\s\[\]{},:?-])[&!][^\s]", re.MULTILINE)


def _events_check(text: str, file: Path | None) -> list[Diagnostic]:
    """`&` and `!` at the start of a value, which YAML takes as an anchor or a tag, are
    refused at the word (a clerk means text; this also means aliases can never be defined,
    so no alias expansion can blow up)."""
    found = []
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent):
                continue
            anchor = getattr(event, "anchor", None)
            tag = getattr(event, "tag", None)
            if anchor is not None:
                what = f"'&{anchor}' bị YAML hiểu là tên neo (anchor) và bị bỏ khỏi văn bản"
            elif tag is not None:  # only an explicit tag is reported by the parser
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                what = f"'{shown}' bị YAML hiểu là thẻ (tag) và bị bỏ khỏi văn bản"
            else:
                continue
            found.append(
                Diagnostic(
                    Severity.ERROR,
                    what,
                    file,
                    _pos(event.start_mark),
                    hint="đặt cả văn bản trong dấu nháy kép",
                )
            )
    except yaml.MarkedYAMLError as exc:  # the composer accepted what libyaml refuses
        found.append(_syntax_error(exc, file))
    return found


def _syntax_error(exc: yaml.MarkedYAMLError, file: Path | None) -> Diagnostic:
    """PyYAML's complaint, in Vietnamese, where it points."""
    mark = exc.problem_mark or exc.context_mark
    return Diagnostic(
        Severity.ERROR,
        _translate(exc.problem, exc.context),
        file,
        _pos(mark) if mark else None,
        hint="sửa cú pháp YAML ở vị trí này rồi chạy lại",
    )


# --- a YAML error at its cause ---------------------------------------------------------------


def _at_the_cause(loaded: Loaded, source: str) -> None:
    """Two YAML errors are said one line late, at an innocent line: "could not find expected
    ':'" (the line that lacks it is the one above: a wrapped text not indented deeper than
    its key, docs/spec.md §1.2, or "-Treo băng rôn" without its space), and a value joined to
    the line above that starts "-Treo". Both are moved to the line at fault, with its fix."""
    items = loaded.diagnostics
    located = [
        d
        for d in items
        if d.severity is Severity.ERROR and d.position is not None and d.file == loaded.file
    ]
    if not located:
        return
    lines = source.splitlines()
    cause = _scanner_cause(source)
    out = []
    for d in items:
        moved = None
        if d in located:
            moved = _missing_colon(d, cause, lines) or _joined_dash(d, loaded, lines)
        out.append(moved or d)
    loaded.diagnostics = out


def _scanner_cause(source: str) -> yaml.MarkedYAMLError | None:
    """PyYAML's "could not find expected ':'" for ``source``, whose context mark is the line
    at fault (the scanner's events do not recurse, whatever the nesting)."""
    try:
        for _ in yaml.parse(source, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        if (exc.problem or "").startswith("could not find expected ':'") and exc.context_mark:
            return exc
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return None


def _missing_colon(
    d: Diagnostic, exc: yaml.MarkedYAMLError | None, lines: list[str]
) -> Diagnostic | None:
    if exc is None or exc.context_mark is None or exc.problem_mark is None:
        return None
    cause, said = exc.context_mark, exc.problem_mark
    if (said.line + 1, said.column + 1) != tuple(d.position or ()) or cause.line >= len(lines):
        return None
    text = lines[cause.line].strip()
    where = Position(cause.line + 1, cause.column + 1)
    if NO_SPACE_DASH.match(text):
        return _dash_without_space(d, where, text)
    above = _line_above(lines, cause.line)
    if above is None:
        return dataclasses.replace(d, position=where)
    number, owner, column = above
    message = (
        f"dòng «{text[:40]}» không có dấu ':' nên không phải một khóa; nếu đây là phần viết"
        f" tiếp của văn bản ở dòng {number}, dòng này phải thụt lề sâu hơn {owner}"
        f" (từ cột {column + 2} trở đi)"
    )
    hint = (
        f"thêm dấu cách ở đầu dòng cho chữ bắt đầu từ cột {column + 2} trở đi, hoặc viết cả"
        " văn bản sau '>-' ở dòng riêng (docs/spec.md mục 1.2)"
    )
    return dataclasses.replace(d, message=message, position=where, hint=hint)


_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([a-z_][a-z0-9_]*):\s+\S")
_DASH_LINE = re.compile(r"^(\s*)-\s+\S")


def _line_above(lines: list[str], index: int) -> tuple[int, str, int] | None:
    """For a line of text at ``index`` that YAML took as a key: the line of the text it
    continues (1-based), what it must be indented deeper than, and that thing's column."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    for j in range(index - 1, -1, -1):
        above = lines[j]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        key = _KEY_LINE.match(above)
        if key:
            return j + 1, f"tên khóa '{key.group(2)}'", len(key.group(1))
        dash = _DASH_LINE.match(above)
        if dash:
            return j + 1, "dấu '-' của mục", len(dash.group(1))
        if len(above) - len(above.lstrip()) <= indent:
            return None
        # an earlier continuation line of the same text, indented as it should be
    return None


def _joined_dash(d: Diagnostic, loaded: Loaded, lines: list[str]) -> Diagnostic | None:
    """The loader's "joined to the line above" error on a value that starts "-Treo": the
    fault is the missing space on the value's first line, not the next item's indentation."""
    if "nối vào văn bản của dòng trên" not in d.message:
        return None
    for path, where in loaded.value_pos.items():
        if format_path(path) != d.key_path or where.line > len(lines):
            continue
        text = lines[where.line - 1][where.column - 1 :].strip()
        if NO_SPACE_DASH.match(text):
            return _dash_without_space(d, where, text)
    return None


def _dash_without_space(d: Diagnostic, where: Position, text: str) -> Diagnostic:
    return dataclasses.replace(
        d,
        message=f"dòng «{text[:40]}» thiếu dấu cách sau dấu '-': YAML không đọc dòng này là một"
        " mục của danh sách",
        position=where,
        hint=f"viết '- {text[1:].strip()[:40]}' (dấu '-', một dấu cách, rồi nội dung)",
    )


def load_file(path: Path) -> Loaded:
    """Read and parse a spec file; I/O and encoding problems become diagnostics. Only a
    regular file is read (a FIFO or a device would block or never end), and never more
    than MAX_BYTES of it."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return _fail(path, "đây là thư mục, không phải tệp YAML", None)
        if not stat.S_ISREG(info.st_mode):
            return _fail(
                path,
                "đây không phải một tệp thường (đường ống, thiết bị…), không đọc được",
                "chọn tệp .yaml của kế hoạch",
            )
        if info.st_size > MAX_BYTES:
            return _fail(path, _too_large(info.st_size), None)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return _fail(path, "không tìm thấy tệp", "kiểm tra lại đường dẫn")
    except IsADirectoryError:
        return _fail(path, "đây là thư mục, không phải tệp YAML", None)
    except OSError as exc:
        return _fail(path, f"không đọc được tệp ({os_error_text(exc)})", None)
    if len(raw) > MAX_BYTES:  # grew while being read
        return _fail(path, _too_large(len(raw)), None)
    wrong = _not_yaml(raw)
    if wrong is not None:
        return _fail(path, *wrong, where=Position(1, 1))
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        loaded = Loaded(data=None, file=path)
        loaded.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                "tệp không được mã hóa UTF-8 (có thể là TCVN3/VNI hoặc Windows-1258)",
                path,
                Position(line, column),
                hint="mở tệp trong trình soạn thảo và lưu lại với mã hóa UTF-8 (Unicode)",
            )
        )
        return loaded
    return load_text(text, path)


def _too_large(size: int) -> str:
    shown = f"{size:,}".replace(",", ".")
    return f"tệp quá lớn ({shown} byte; tối đa {MAX_BYTES:,} byte)".replace(",", ".")


def _fail(path: Path, message: str, hint: str | None, where: Position | None = None) -> Loaded:
    loaded = Loaded(data=None, file=path)
    loaded.diagnostics.append(Diagnostic(Severity.ERROR, message, path, where, hint=hint))
    return loaded
