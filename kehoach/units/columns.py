"""Column names are key paths of the spec: ``parse_column`` splits one into segments and
``shapes_of`` checks them against the model, saying what to write instead when they are wrong."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union

from pydantic import BaseModel, BeforeValidator

from kehoach.spec.model import KeHoach, Muc

MAX_PATH_PARTS = 24
MAX_INDEX_DIGITS = 6


@dataclass(frozen=True)
class Append:
    """`[+n]`: the n-th new item appended to a list, after the master's items."""

    n: int


Segment = str | int | Append


class RowProblem(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def show(segments: Sequence[Segment]) -> str:
    out = ""
    for part in segments:
        if isinstance(part, Append):
            out += f"[+{part.n}]"
        elif isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


_TOKEN = re.compile(r"\.|\[[^\[\]]*\]|[^.\[\]]+|[\[\]]")


def parse_column(name: str) -> list[Segment]:
    """`nhiem_vu.muc[2].noi_dung` → ['nhiem_vu', 'muc', 1, 'noi_dung'] (0-based indexes)."""
    segments: list[Segment] = []
    expect_key = True  # at the start and after a dot
    for match in _TOKEN.finditer(name):
        token = match.group()
        if token == ".":
            if expect_key:
                raise RowProblem(
                    "thiếu tên khóa " + ("ở đầu tên cột" if not segments else "sau dấu '.'"),
                    "viết các khóa nối bằng dấu chấm, ví dụ co_quan.ten",
                )
            expect_key = True
        elif token in ("[", "]"):
            raise RowProblem(
                f"dấu '{token}' không có dấu đóng/mở tương ứng",
                "số thứ tự viết trong ngoặc vuông, ví dụ nhiem_vu.muc[2]",
            )
        elif token.startswith("["):
            if expect_key:
                raise RowProblem(
                    "thiếu tên khóa trước '['", "ví dụ nhiem_vu.muc[2] hoặc nhiem_vu.muc[+1]"
                )
            inner = token[1:-1].strip()
            append = inner.startswith("+")
            digits = inner[1:].strip() if append else inner
            if not digits.isascii() or not digits.isdigit():
                raise RowProblem(
                    f"'{token}' không phải số thứ tự",
                    "viết [1], [2] … để chọn mục của bản kế hoạch chung (đánh số từ 1),"
                    " hoặc [+1], [+2] … để thêm mục mới",
                )
            if len(digits) > MAX_INDEX_DIGITS:
                raise RowProblem(f"số thứ tự '{token}' quá lớn", "kiểm tra lại tên cột")
            number = int(digits)
            if number == 0:
                raise RowProblem(
                    f"'{token}': số thứ tự đánh từ 1",
                    "mục đầu tiên là [1]; thêm mục mới thì viết [+1]",
                )
            segments.append(Append(number) if append else number - 1)
        elif token.strip():
            if not expect_key:
                raise RowProblem("thiếu dấu '.' giữa hai khóa", "ví dụ co_quan.ten")
            segments.append(token.strip())
            expect_key = False
    if expect_key:
        raise RowProblem(
            "tên cột kết thúc bằng dấu '.'" if segments else "tên cột trống",
            "ví dụ co_quan.ten",
        )
    if len(segments) > MAX_PATH_PARTS:
        raise RowProblem("tên cột có quá nhiều cấp", "kiểm tra lại tên cột")
    return segments


@dataclass(frozen=True)
class Shape:
    """What the spec expects at a key path: a model (mapping), a list, or a leaf (text)."""

    kind: str
    model: type[BaseModel] | None = None
    item: Shape | None = None
    from_text: Callable[[str], Any] | None = None  # how a text written there stands for it


def _muc_from_text(text: str) -> dict[str, Any]:
    return {"noi_dung": text}  # as Muc._from_text reads `- Tuyên truyền`


def _shape(annotation: Any, metadata: Sequence[Any] = ()) -> Shape:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *extra = typing.get_args(annotation)
        return _shape(base, (*metadata, *extra))
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _shape(options[0], metadata) if len(options) == 1 else Shape("leaf")
    before = [m.func for m in metadata if isinstance(m, BeforeValidator)]
    if origin is list:
        (item,) = typing.get_args(annotation)
        return Shape("list", item=_shape(item), from_text=before[-1] if before else None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if before:  # a model written as text (ngay: 15/3/2026)
            return Shape("leaf")
        return Shape(
            "model", model=annotation, from_text=_muc_from_text if annotation is Muc else None
        )
    return Shape("leaf")


@cache
def _fields_of(model: type[BaseModel]) -> dict[str, Shape]:
    return {name: _shape(f.annotation, f.metadata) for name, f in model.model_fields.items()}


ROOT = Shape("model", model=KeHoach)


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


def shapes_of(segments: Sequence[Segment]) -> list[Shape]:
    """The shape of what each segment names, or a RowProblem saying what to write instead."""
    shape = ROOT
    out = []
    for depth, part in enumerate(segments):
        where = show(segments[:depth])
        if shape.kind == "model":
            assert shape.model is not None
            known = _fields_of(shape.model)
            if not isinstance(part, str):
                example = next(iter(known))
                raise RowProblem(
                    f"{where} là nhóm khóa, không phải danh sách, nên không dùng"
                    f" '{show(segments[depth : depth + 1])}'",
                    f"viết {where}.<khóa>, ví dụ {where}.{example}",
                )
            if part not in known:
                close = _closest(part, list(known))
                owner = f"của {where}" if where else "của kế hoạch"
                if close:
                    hint = f"có phải ý bạn là '{show([*segments[:depth], close])}'?"
                else:
                    hint = "các khóa hợp lệ ở đây: " + ", ".join(known)
                if not where and not close:
                    hint += "; cột chỉ để ghi chú thì đặt tên bắt đầu bằng '#', ví dụ '#STT'"
                raise RowProblem(f"'{part}' không phải khóa {owner}", hint)
            shape = known[part]
        elif shape.kind == "list":
            assert shape.item is not None
            if isinstance(part, str):
                raise RowProblem(
                    f"{where} là danh sách: chọn một mục bằng số thứ tự",
                    f"ví dụ {where}[1].{part} (mục 1 của bản kế hoạch chung),"
                    f" hoặc {where}[+1].{part} (mục thêm mới)",
                )
            shape = shape.item
        else:
            raise RowProblem(
                f"{where} là văn bản, không có phần con '{show(segments[depth:])}'",
                f"viết tên cột là {where}",
            )
        out.append(shape)
    return out
