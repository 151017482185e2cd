"""Placeholders: after a row is applied, the plan's texts (the master's and the row's alike)
may name the unit's fields: ``{dia_danh}``, ``{co_quan.ten_goi}``, ``{stt}``. Substitution is
plain text replacement, done once, never evaluated (no Jinja, no format specs, no attribute
access); ``{{`` and ``}}`` write literal braces; a field whose own text has placeholders cannot
be used as one, so nothing is expanded twice.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from kehoach.spec.diagnostics import Diagnostic, Severity
from kehoach.spec.loader import KeyPath, Loaded, format_path
from kehoach.units.columns import RowProblem, parse_column, shapes_of
from kehoach.units.rows import FIRST, UNIT_NUMBER, UnitRow

ROW_NUMBER_FIELD = "stt"

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
    number = row.number if row is not None else getattr(loaded, UNIT_NUMBER, None)
    if number is not None:
        found[ROW_NUMBER_FIELD] = str(number)
    return found


class Template:
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


def suggest(name: str, texts: Sequence[str]) -> str:
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
        shapes_of(parse_column(name))
    except RowProblem:
        return False
    return "[+" not in name


def substitute(loaded: Loaded, row: UnitRow) -> list[Diagnostic]:
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
        inner = Template(text)
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
        template = Template(text)
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
                found.append(("chỗ thay thế '{}' trống", suggest(name, names)))
            elif name in every:
                found.append(
                    (
                        f"chỗ thay thế '{{{name}}}' không phải văn bản ({_kind(every[name])})",
                        suggest(name, [t for t in names if t.startswith(name)] or names),
                    )
                )
            elif _is_spec_path(name):
                file, position = loaded.locate(path)
                place = f"{file}:{position.line}:{position.column}" if position else str(file)
                missing.setdefault(name, []).append(place)
            else:
                found.append(
                    (f"chỗ thay thế '{{{name}}}' không có trong kế hoạch", suggest(name, names))
                )
        where = loaded.locate(path)
        for message, hint in found:
            problems.append(
                Diagnostic(
                    Severity.ERROR,
                    message,
                    where[0],
                    where[1] or FIRST,
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
