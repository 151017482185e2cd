"""Applying a row: the unit's plan is the master with the row's cells set, appended or
dropped at their key paths, every value keeping the file and position it came from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kehoach.spec.diagnostics import Diagnostic, Position, Severity
from kehoach.spec.loader import KeyPath, Loaded
from kehoach.spec.model import Muc, colon_text
from kehoach.units.columns import (
    ROOT,
    Append,
    RowProblem,
    Segment,
    Shape,
    parse_column,
    shapes_of,
    show,
)
from kehoach.units.placeholders import substitute
from kehoach.units.rows import NOTE_PREFIX, UNIT_NUMBER, Cell, UnitRow, nfc, units_error

DROP = "(bỏ)"
_DROP_WORDS = {"(bỏ)", "(bo)"}


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
    return isinstance(value, str) and nfc(value.strip()).lower() in _DROP_WORDS


class _Editor:
    def __init__(self, data: dict[str, Any]) -> None:
        self.root: dict[str, Any] = dict(data)
        self.owned: set[int] = {id(self.root)}
        self.warnings: list[tuple[str, str | None, Position, str]] = []

    # Reading and writing one slot of a container (dict, or _Box by index or Append).
    @staticmethod
    def get(container: Any, key: Segment) -> Any:
        if isinstance(container, dict):
            return container.get(key, _MISSING)
        if isinstance(key, Append):
            return container.added.get(key.n, _MISSING)
        assert isinstance(key, int)
        return container.items[key] if key < len(container.items) else _MISSING

    @staticmethod
    def put(container: Any, key: Segment, value: Any) -> None:
        if isinstance(container, dict):
            container[key] = value
        elif isinstance(key, Append):
            container.added[key.n] = value
        else:
            container.items[key] = value

    def _check_index(
        self, container: Any, key: Segment, segments: Sequence[Segment], depth: int
    ) -> None:
        if isinstance(key, int) and isinstance(container, _Box):
            size = len(container.items)
            where = show(segments[:depth])
            if key >= size:
                raise RowProblem(
                    f"{where} chỉ có {size} mục, không có mục {key + 1}"
                    if size
                    else f"{where} chưa có mục nào, không có mục {key + 1}",
                    (f"đánh số theo bản kế hoạch chung, từ [1] đến [{size}]; " if size else "")
                    + f"thêm mục mới thì viết {where}[+1]",
                )
            if key in container.dropped:
                raise RowProblem(
                    f"mục {show(segments[: depth + 1])} đã bị bỏ ở cột '{container.dropped[key]}'",
                    "bỏ giá trị ở một trong hai cột",
                )

    def descend(
        self,
        container: Any,
        key: Segment,
        want: str,
        shape: Shape,
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
            raise RowProblem(
                f"{show(segments[: depth + 1])} đã bị bỏ bằng '{DROP}' ở một cột khác",
                "bỏ giá trị ở một trong hai cột",
            )
        holder: _Set | None = node if isinstance(node, _Set) else None
        value = holder.value if holder else node
        where = show(segments[: depth + 1])
        if value is _MISSING or value is None:
            if isinstance(key, int):  # an existing item that is empty in the master
                raise RowProblem(f"mục {where} của bản kế hoạch chung đang để trống")
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
            raise RowProblem(
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
        self, column: str, segments: list[Segment], shapes: list[Shape], cell: Cell, head: Position
    ) -> None:
        drop = _is_drop(cell.value)
        if drop and isinstance(segments[-1], Append):
            raise RowProblem(
                f"'{DROP}' không dùng cho mục thêm mới {show(segments)}",
                "để trống ô này nếu không thêm mục",
            )
        owner = shapes[-2] if len(shapes) > 1 else ROOT
        last = segments[-1]
        if (
            drop
            and isinstance(last, str)
            and owner.model is not None
            and owner.model.model_fields[last].is_required()
        ):
            raise RowProblem(
                f"{show(segments)} là khóa bắt buộc, không bỏ được",
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
                raise RowProblem(
                    f"{show(segments)} đã bị bỏ bằng '{DROP}' ở một cột khác",
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
                        f"bản kế hoạch chung không có {show(segments)} nên '{DROP}' không bỏ gì",
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
    parsed: list[tuple[int, int, str, list[Segment], list[Shape], Cell, Position]] = []
    seen: dict[tuple[Segment, ...], str] = {}
    for order, (column, cell) in enumerate(row.cells.items()):
        if column.startswith(NOTE_PREFIX):
            continue
        head = row.headers.get(column, cell.position)
        try:
            segments = parse_column(column)
            shapes = shapes_of(segments)
        except RowProblem as problem:
            problems.append(units_error(row.file, head, problem.message, problem.hint, key=column))
            continue
        key = tuple(segments)
        if key in seen:
            problems.append(
                units_error(
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
        except RowProblem as problem:
            problems.append(units_error(row.file, head, problem.message, problem.hint, key=column))
    for message, hint, where, column in editor.warnings:
        problems.append(Diagnostic(Severity.WARNING, message, row.file, where, column, hint=hint))
    out = _Out(master, row.file)
    result.data = out.build(editor.root, (), ("m", ()))
    result.value_pos, result.key_pos, result.value_file = out.value_pos, out.key_pos, out.value_file
    result.diagnostics.extend(problems)
    result.diagnostics.extend(substitute(result, row))
    setattr(result, UNIT_NUMBER, row.number)  # for fields(): {stt} in output names
    return result
