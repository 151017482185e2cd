"""Output names: the file name of each unit's plan from a ``--ten`` pattern, made safe for
every file system, and the check that no two units write the same file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from kehoach.units.placeholders import Template, suggest
from kehoach.units.rows import UnitRow, UnitsProblem

NAME_MAX_CHARS = 120
NAME_MAX_BYTES = 240  # UTF-8 bytes of the stem: with ".docx" below the 255 most file systems allow
EXTENSION = ".docx"

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
    template = Template(pattern)
    if template.errors:
        message, hint = template.errors[0]
        raise UnitsProblem(f"mẫu tên tệp '{pattern}': {message}", hint)
    for name in template.names:
        if name not in fields:
            raise UnitsProblem(
                f"mẫu tên tệp '{pattern}': chỗ thay thế '{{{name}}}' không có (hoặc không phải"
                " văn bản) trong kế hoạch của đơn vị",
                suggest(name, sorted(fields)),
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
