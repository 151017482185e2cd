"""Property-based tests (issue 10, "Also"): good input gives a good document, and no input
gives a traceback.

1. Random VALID specs, generated from the documented schema (docs/spec.md §3; the model is
   ``kehoach.spec.model.KeHoach``) and written as YAML text the way a clerk may write it —
   plain, quoted, folded ``>-`` and wrapped values, flow lists, comments, any key order,
   Vietnamese with diacritics, both ``the_thuc``, every numbering scheme, tables with merged
   cells, appendices, a Quyết định — validate without an error, render, and pass ``kehoach
   check`` with no error that ``validate`` did not already name under the same rule ID
   (tests/test_agreement.py has the same idea over a fixed corpus). With free text in the
   names, place, signer, trích yếu and căn cứ lines (the issue's 9 %), validate may refuse —
   every error located — or warn; check then refuses nothing validate did not name.
2. Random MUTATIONS of a valid spec text (a line deleted, duplicated, indented; a colon
   dropped; a tab or a control character inserted; a value of the wrong type; a key in the
   wrong place …) are either accepted by ``kehoach validate`` — and then render and pass
   check like (1) — or refused with exit code 2 and every error located (file:line:column),
   with nothing written by ``kehoach render``. Never a traceback, never exit code 1.

Runs are bounded (``max_examples``, ``deadline``) under the settings profile "dev"; with the
``CI`` environment variable set the profile "ci" derandomizes them so CI is reproducible.
``HYPOTHESIS_PROFILE`` picks a profile by name ("explore": 3000 examples per test).

What the properties found that belongs to validate, the loader or the writer is left out of
the generators (a comment names each FINDING) and kept as one regression example in KNOWN.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st
from specs import VALID
from typer.testing import CliRunner

import kehoach
from kehoach.check import check_docx
from kehoach.cli import app
from kehoach.spec.validate import validate_text

# ---------------------------------------------------------------------- settings

# Failing examples are kept between runs in Hypothesis's own .hypothesis folder (which
# ignores itself for git), except in CI, where every run draws the same examples.
_COMMON: dict[str, Any] = {
    # One example renders and checks a plan (~50 ms, 300 ms for the largest; the mutations
    # run two commands): a deadline far above that, so a busy CI machine does not flake.
    "deadline": 5000,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("dev", **_COMMON)
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("explore", max_examples=3000, **_COMMON)
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")


def _settings(max_examples: int) -> settings:
    """The active profile with this test's number of examples (the profile's own number when
    exploring)."""
    base = settings.get_profile(_PROFILE)
    if _PROFILE == "explore":
        return base
    return settings(base, max_examples=max_examples)


# ---------------------------------------------------------------------- YAML text


@dataclass(frozen=True)
class Block:
    """Text written as a literal block ``|``: each line starts a new line of a trích yếu or
    a body name (docs/spec.md §1.2); elsewhere its line breaks read as spaces."""

    lines: tuple[str, ...]


Data = dict[str, Any] | list[Any] | str | Block

# YAML indicators that may not start a plain scalar, and the project's own lints on plain
# values (a continuation line that reads as a new item or basis; "#" after a space; curly
# quotes around the whole value): a value that would meet one is quoted instead.
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_NULLS = {"", "~", "null", "Null", "NULL"}
_CURLY = {"“": "”", "‘": "’", "„": "”", "«": "»"}
_NEW_LINE_STARTS = re.compile(
    r"^([-+•–#]|căn cứ|thực hiện|theo đề nghị|xét đề nghị)", re.IGNORECASE
)
_PRINTABLE_IN_DOUBLE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def _plain_ok(text: str, *, flow: bool = False) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text[0] in _INDICATORS or text in _NULLS or text.endswith(":"):
        return False
    if ": " in text or " #" in text or not text.isprintable():
        return False
    if flow and any(ch in text for ch in ",[]{}?"):  # "?" in a flow list: PyYAML differs
        return False
    if text[0] in _CURLY and text[-1] == _CURLY[text[0]]:
        return False
    return _means(text, flow)


@functools.lru_cache(maxsize=4096)
def _means(text: str, flow: bool) -> bool:
    """Whether YAML reads ``text``, written plain after "k: " (or in "[…]"), as itself."""
    if flow:
        return _base_load(f"k: [{text}]") == {"k": [text]}
    return _base_load(f"k: {text}") == {"k": text}


_BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _base_load(text: str) -> Any:
    """What YAML reads ``text`` as, every scalar a string (as kehoach's loader keeps them)."""
    try:
        return yaml.load(text, Loader=_BASE_LOADER)
    except yaml.YAMLError:
        return None


def _double(text: str) -> str:
    def escape(m: re.Match[str]) -> str:
        ch = m.group()
        return {"\\": "\\\\", '"': '\\"'}.get(ch, f"\\u{ord(ch):04x}")

    return '"' + _PRINTABLE_IN_DOUBLE.sub(escape, text) + '"'


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _wrap_words(text: str, width: int) -> list[str] | None:
    """``text`` cut at ASCII spaces into lines of about ``width`` characters, each of which
    can continue a plain or folded value; None when it cannot be cut that way."""
    words = text.split(" ")
    if any(not w for w in words):
        return None
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) < 2:
        return None
    for line in lines[1:]:
        if _NEW_LINE_STARTS.match(line) or not line[0].isalnum():
            return None
    return lines


@st.composite
def _scalar(draw: st.DrawFn, text: str, column: int, *, flow: bool = False) -> list[str]:
    """``text`` as the lines that follow "key: " (the first line is appended to it), in a
    style a clerk may use; ``column`` is where continuation lines start."""
    pad = " " * column
    if flow:
        return [text if _plain_ok(text, flow=True) and draw(st.booleans()) else _double(text)]
    styles = ["double", "single"]
    if _plain_ok(text):
        styles += ["plain", "plain", "plain", "wrapped"]
    if text and text == text.strip() and text.isprintable() and "  " not in text:
        styles += ["folded", "literal"]
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return [text]
    if style == "double":
        return [_double(text)]
    if style == "single" and text.isprintable():
        return [_single(text)]
    if style in ("wrapped", "folded"):
        lines = _wrap_words(text, draw(st.integers(20, 70)))
        if lines and style == "wrapped" and all(_plain_ok(line) for line in lines):
            return [lines[0], *(pad + line for line in lines[1:])]
        if lines and style == "folded":
            return [">-", *(pad + line for line in lines)]
    if style == "literal" and text.isprintable():
        return ["|-", pad + text]
    return [_double(text)]


def _block_lines(block: Block, column: int) -> list[str]:
    return ["|-", *(" " * column + line for line in block.lines)]


@st.composite
def yaml_text(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """``data`` (strings, lists, dicts, ``Block``) as YAML text with random but valid
    layout: indentation step, blank lines, comments, flow lists, scalar styles."""
    step = draw(st.sampled_from([2, 2, 4]))
    comments = draw(st.booleans())

    def comment() -> list[str]:
        if comments and draw(st.integers(0, 9)) == 0:
            return ["# " + draw(st.sampled_from(["ghi chú", "sửa lại sau", "xem docs/spec.md"]))]
        return []

    def entry(head: str, value: Any, indent: int) -> list[str]:
        """``head`` is "key:" or "-" at column ``indent``."""
        column = indent + len(head) + 1 if head == "-" else indent + step
        if isinstance(value, Block):
            first, *rest = _block_lines(value, column)
            return [f"{' ' * indent}{head} {first}", *rest]
        if isinstance(value, str):
            lines = draw(_scalar(value, column))
            return [f"{' ' * indent}{head} {lines[0]}", *lines[1:]]
        if isinstance(value, list) and not value:
            return [f"{' ' * indent}{head} []"]
        flat = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if flat and draw(st.integers(0, 4)) == 0:
            items = [draw(_scalar(v, 0, flow=True))[0] for v in value]
            return [f"{' ' * indent}{head} [{', '.join(items)}]"]
        if head == "-":
            # "- key: value" on the dash's line, or a nested list under "- " (table rows).
            if isinstance(value, dict) and value:
                inner = mapping(value, indent + 2, first_comment=False)
                first = inner[0][indent + 2 :]
                return [f"{' ' * indent}- {first}", *inner[1:]]
            if isinstance(value, list) and value:
                inner = sequence(value, indent + 2)
                return [f"{' ' * indent}- {inner[0][indent + 2 :]}", *inner[1:]]
            return [f"{' ' * indent}- []" if isinstance(value, list) else f"{' ' * indent}- {{}}"]
        trailing = "  # ghi chú" if comments and draw(st.integers(0, 9)) == 0 else ""
        if isinstance(value, dict):
            return [f"{' ' * indent}{head}{trailing}", *mapping(value, indent + step)]
        if isinstance(value, list):
            return [f"{' ' * indent}{head}{trailing}", *sequence(value, indent + step)]
        raise TypeError(value)

    def mapping(value: dict[str, Any], indent: int, *, first_comment: bool = True) -> list[str]:
        out: list[str] = []
        for i, (key, inner) in enumerate(value.items()):
            if i or first_comment:
                out += [" " * indent + c for c in comment()]
            out += entry(f"{key}:", inner, indent)
        return out

    def sequence(value: list[Any], indent: int) -> list[str]:
        out: list[str] = []
        for inner in value:
            out += entry("-", inner, indent)
        return out

    lines: list[str] = []
    for key, value in data.items():
        if lines and draw(st.booleans()):
            lines.append("")
        lines += comment()
        lines += entry(f"{key}:", value, 0)
    return "\n".join(lines) + "\n"


def plain_data(value: Any) -> Any:
    """What YAML reads ``value`` as: a ``Block`` is its lines joined by newlines."""
    if isinstance(value, Block):
        return "\n".join(value.lines)
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return value


# ---------------------------------------------------------------------- content

LOWER = [
    "công", "tác", "dân", "vận", "chính", "quyền", "tuyên", "truyền", "thực", "hiện", "kế",
    "hoạch", "năm", "các", "đơn", "vị", "phối", "hợp", "tổ", "chức", "hội", "nghị", "nhân",
    "cán", "bộ", "viên", "đảng", "xã", "phường", "thôn", "ấp", "bản", "khu", "phố", "nâng",
    "cao", "chất", "lượng", "hiệu", "quả", "trách", "nhiệm", "người", "đứng", "đầu", "giải",
    "quyết", "thủ", "tục", "hành", "kịp", "thời", "đúng", "hạn", "báo", "cáo", "kết", "định",
    "kỳ", "hằng", "tháng", "quý", "ưu", "tiên", "đổi", "mới", "phục", "vụ", "quốc", "phòng",
    "an", "ninh", "trật", "tự", "đoàn", "văn", "hóa", "giáo", "dục", "y", "tế", "môi", "trường",
    "chuyển", "số", "kinh", "phí", "ngân", "sách", "tiến", "độ", "rà", "soát", "ứng", "dụng",
    "khen", "thưởng", "sơ", "tổng", "và", "của", "trong", "với", "cho", "về", "để", "được",
    "đã", "sẽ", "theo", "từ", "đến", "trên", "dưới", "mỗi", "mọi",
]  # fmt: skip
PROPER = [
    "An Phú", "Tây Sơn", "Phú Phong", "Lâm Đồng", "Gia Lai", "Hải Phòng", "Hà Nội",
    "Đà Nẵng", "Hội An", "Kim Đồng", "Ủy ban nhân dân", "Mặt trận Tổ quốc Việt Nam",
    "Nhân dân", "Đảng ủy", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Điện Biên",
    "Quảng Ngãi", "Bà Rịa - Vũng Tàu", "Ê Đê", "Thừa Thiên Huế",
]  # fmt: skip
ABBREVIATIONS = ["UBND", "HĐND", "MTTQ", "VP", "CCHC", "THCS", "COVID-19", "VNeID", "KT-XH"]
NUMBERS = [
    "2026", "12", "05", "100%", "15/11/2026", "số 12/KH-UBND", "03", "Quý I", "1.000",
    "8:00", "20,5", "lần thứ 2", "(nếu có)", "tỷ lệ 95%",
]  # fmt: skip
# Characters a clerk's text may carry from elsewhere: any letter, digit, punctuation or
# symbol of Unicode (Vietnamese or not), stored as typed. Not an ellipsis: "…" or "..." on
# its own is a skeleton's blank, which validate rightly refuses (issue 10, placeholders).
_WILD = st.text(
    st.characters(
        codec="utf-8", categories=("Lu", "Ll", "Lo", "Nd", "Po", "Ps", "Pe", "Pd", "Sm", "Sc", "So")
    ),
    min_size=1,
    max_size=6,
).filter(lambda text: "…" not in text and "..." not in text)


@st.composite
def word(draw: st.DrawFn, wild: bool = True) -> str:
    kind = draw(st.integers(0, 99))
    if kind < 70:
        token = draw(st.sampled_from(LOWER))
    elif kind < 82:
        token = draw(st.sampled_from(PROPER))
    elif kind < 87:
        token = draw(st.sampled_from(ABBREVIATIONS))
    elif kind < 94:
        token = draw(st.sampled_from(NUMBERS))
    elif kind < 97 and wild:
        token = draw(_WILD)
    elif kind < 98:
        token = unicodedata.normalize("NFD", draw(st.sampled_from(LOWER)))  # F-2
    else:
        token = draw(st.sampled_from(LOWER)) + draw(st.sampled_from(["\u00a0số", "\u00a02026"]))
    decor = draw(st.integers(0, 49))
    if decor == 0:
        token = f"“{token}”"
    elif decor == 1:
        token = f"({token})"
    elif decor < 5:
        token += ","
    return token


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


@st.composite
def sentence(
    draw: st.DrawFn,
    min_words: int = 1,
    max_words: int = 25,
    *,
    ends: tuple[str, ...] = ("", ".", ";", ","),
    capital: bool | None = None,
    wild: bool = True,
    first: str | None = None,
) -> str:
    """A Vietnamese sentence: words with diacritics, names, numbers, a little punctuation."""
    words = draw(st.lists(word(wild), min_size=min_words, max_size=max_words))
    text = " ".join(words).rstrip(",")
    if first:
        text = f"{first} {text}"
    if capital is None:
        capital = draw(st.booleans())
    if capital:
        text = _capitalise(text)
    return text + draw(st.sampled_from(ends))


def lines_value(draw: st.DrawFn, parts: list[str]) -> Any:
    """A "dòng" key (one text, a list of lines, or a ``|`` block)."""
    if len(parts) == 1:
        return parts[0]
    return draw(st.sampled_from([list, lambda p: Block(tuple(p))]))(parts)


def paragraphs_value(draw: st.DrawFn, parts: list[str]) -> Any:
    """An "đoạn" key: one text when there is one paragraph (or always a list)."""
    if len(parts) == 1 and draw(st.booleans()):
        return parts[0]
    return parts


# ---------------------------------------------------------------------- the plan


STATE_BODIES = [
    ("ỦY BAN NHÂN DÂN XÃ {P}", "UBND"),
    ("ỦY BAN NHÂN DÂN PHƯỜNG {N}", "UBND"),
    ("ỦY BAN NHÂN DÂN TỈNH {P}", "UBND"),
    ("HỘI ĐỒNG NHÂN DÂN TỈNH {P}", "HĐND"),
    ("SỞ Y TẾ", "SYT"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"),
    ("TRƯỜNG TIỂU HỌC {P}", "THKĐ"),
    ("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH", "BCĐ"),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "VP"),
]
STATE_SUPERIORS = ["UBND TỈNH {P}", "UBND HUYỆN {P}", "ỦY BAN NHÂN DÂN TỈNH {P}", "BỘ Y TẾ"]
PARTY_BODIES = [
    ("ĐẢNG ỦY XÃ {P}", "ĐU"),
    ("ĐẢNG ỦY PHƯỜNG {P}", "ĐU"),
    ("CHI BỘ THÔN {P}", "CB"),
    ("TỈNH ỦY {P}", "TU"),
    ("ĐẢNG ỦY CƠ QUAN {P}", "ĐU"),
]
PARTY_SUPERIORS = ["ĐẢNG BỘ TỈNH {P}", "ĐẢNG BỘ XÃ {P}", "ĐẢNG ỦY XÃ {P}"]
# Signature blocks of docs/spec.md §3.15 and §3.21 (every shape validate accepts).
STATE_SIGNERS = [
    {"thay_mat": "ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
    {"thay_mat": "ỦY BAN NHÂN DÂN", "ky_thay": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"},
    {"chuc_vu": "GIÁM ĐỐC"},
    {"ky_thay": "GIÁM ĐỐC", "chuc_vu": "PHÓ GIÁM ĐỐC"},
    {"thua_lenh": "GIÁM ĐỐC", "chuc_vu": "CHÁNH VĂN PHÒNG"},
    {"thua_uy_quyen": "GIÁM ĐỐC", "chuc_vu": "TRƯỞNG PHÒNG KẾ HOẠCH"},
    {"quyen": "GIÁM ĐỐC"},
    {"thay_mat": "BAN CHỈ ĐẠO", "chuc_vu": "TRƯỞNG BAN"},
    {"thay_mat": "HỘI ĐỒNG NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"},
    {"chuc_vu": "HIỆU TRƯỞNG"},
]
PARTY_SIGNERS = [
    {"thay_mat": "BAN THƯỜNG VỤ", "chuc_vu": "PHÓ BÍ THƯ"},
    {"thay_mat": "ĐẢNG ỦY", "chuc_vu": "BÍ THƯ"},
    {"thay_mat": "CHI BỘ", "chuc_vu": "BÍ THƯ"},
    {"thay_mat": "ỦY BAN KIỂM TRA", "chuc_vu": "CHỦ NHIỆM"},
    {"thua_lenh": "BAN THƯỜNG VỤ", "chuc_vu": "CHÁNH VĂN PHÒNG"},
    {"chuc_vu": "TRƯỞNG BAN"},
    {"ky_thay": "TRƯỞNG BAN", "chuc_vu": "PHÓ TRƯỞNG BAN"},
    {"quyen": "TRƯỞNG BAN"},
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Xuân", ""]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Mai", "Nam", "Ánh", "Ý", "Đạt"]
# Place names (dia_danh) and the names of communes in body names; "Cộng Hòa" is a commune
# whose name starts like the Quốc hiệu.
PLACES = [
    "An Phú", "Tây Sơn", "Phú Phong", "Hội An", "Lâm Đồng", "Gia Lai", "Hà Nội", "Cộng Hòa",
    "Thành phố Hồ Chí Minh", "Buôn Ma Thuột", "Ê Đê", "Điện Biên", "Kim Đồng",
]  # fmt: skip


def place_name() -> st.SearchStrategy[str]:
    return st.sampled_from([p for p in PLACES if not p.startswith("Thành phố")])


@st.composite
def person(draw: st.DrawFn, wild: bool = False) -> str:
    parts = [draw(st.sampled_from(SURNAMES)), draw(st.sampled_from(MIDDLE))]
    parts.append(draw(st.sampled_from(GIVEN)))
    name = " ".join(p for p in parts if p)
    if wild:
        kind = draw(st.integers(0, 5))
        if kind == 1:
            name = name.upper()  # KY-2: a name typed in capitals
        elif kind == 2:
            name = draw(st.sampled_from(["TS.", "ThS.", "PGS.TS", "Tiến sĩ"])) + " " + name  # KY-3
        elif kind == 3:
            name = draw(sentence(1, 5, ends=("", "."), capital=draw(st.booleans())))
    return name


def free_upper(min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    """Any words in capitals (a body's name, a position), digits and signs included."""
    return sentence(min_words, max_words, ends=("",), capital=True).map(str.upper)


@st.composite
def body(draw: st.DrawFn, party: bool, wild: bool = False) -> dict[str, Any]:
    names, superiors = (PARTY_BODIES, PARTY_SUPERIORS) if party else (STATE_BODIES, STATE_SUPERIORS)
    template, code = draw(st.sampled_from(names))
    place = draw(place_name()).upper()
    if wild and draw(st.booleans()):
        place = draw(
            st.one_of(
                free_upper(1, 6),
                st.sampled_from(["123", "SỐ 12/KH-UBND", "AN\u200bPHÚ", "\u200b", "Ê", "CỘNG HÒA"]),
            )
        )
    name = template.format(P=place, N=draw(st.integers(1, 12)))
    choice = draw(st.integers(0, 3))
    if choice == 0:
        # The name split by the clerk (docs/spec.md §3.1: a list, or a "|" block).
        # FINDING (validate): a line of digits alone ("ỦY BAN NHÂN DÂN PHƯỜNG" / "11") is
        # refused, CQ-3 «không có chữ cái nào», though the name has letters: not cut there.
        words = name.split()
        cut = draw(st.integers(1, len(words) - 1)) if len(words) > 1 else 1
        if not any(ch.isalpha() for ch in " ".join(words[cut:])):
            cut = max(1, cut - 1)
        ten: Any = lines_value(draw, [" ".join(words[:cut]), " ".join(words[cut:])])
        ten = ten if words[cut:] else name
    elif choice == 1:
        ten = name.lower() if draw(st.booleans()) else name.title()  # kehoach writes capitals
    else:
        ten = name
    out: dict[str, Any] = {"ten": ten}
    if party:
        out["viet_tat"] = draw(st.sampled_from([code, "ĐU", "CB", "TU", "UBKT", "VPĐU", "HU"]))
    else:
        out["viet_tat"] = draw(
            st.one_of(
                st.just(code), st.from_regex(r"[A-ZĐ]{2,6}(-[A-ZĐ0-9]{1,4})?", fullmatch=True)
            )
        )
    if draw(st.booleans()):
        superior = draw(free_upper(1, 8)) if wild and draw(st.booleans()) else place
        out["chu_quan"] = draw(st.sampled_from(superiors)).format(P=superior)
    if draw(st.booleans()):
        out["ten_goi"] = draw(sentence(1, 8, ends=("",), capital=True))
    keys = list(out)
    order = draw(st.permutations(keys))
    return {k: out[k] for k in order}


@st.composite
def issue_date(draw: st.DrawFn) -> str:
    year = draw(st.integers(2020, 2030))
    if draw(st.integers(0, 4)) == 0:
        return str(year)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"{day}/{month}/{year}"
    if form == 1:
        return f"{day:02d}/{month:02d}/{year}"
    if form == 2:
        return f"{day:02d}.{month:02d}.{year}"
    return f"{year}-{month:02d}-{day:02d}"


@st.composite
def signer(draw: st.DrawFn, party: bool, wild: bool = False) -> dict[str, Any]:
    shape = dict(draw(st.sampled_from(PARTY_SIGNERS if party else STATE_SIGNERS)))
    if wild and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(shape)))
        shape[key] = draw(free_upper(1, 6))  # any position or collective, typed freely
    if draw(st.integers(0, 4)) == 0:  # typed in lower case: kehoach writes capitals
        shape = {k: v.lower() for k, v in shape.items()}
    shape["ho_ten"] = draw(person(wild))
    return shape


# ---------------------------------------------------------------------- body


def _text(min_words: int = 1, max_words: int = 25, **kw: Any) -> st.SearchStrategy[str]:
    return sentence(min_words, max_words, **kw)


SUMMARY_STARTS = ["Triển khai", "Tổ chức", "Thực hiện", "Tăng cường", "Đẩy mạnh", "Ứng dụng"]
# Words a paragraph of the body may open with that also open another part of a plan: a
# legal basis, a lead-in, the closing sentence, a Quyết định's article, "Phần", "Mục" …
OPENERS = [
    "Căn cứ", "Thực hiện", "Theo đề nghị của", "Xét đề nghị của", "Trên đây là", "Nơi nhận",
    "Điều 2 của Luật", "Phụ lục", "Kế hoạch", "KẾ HOẠCH", "QUYẾT ĐỊNH", "Phần", "Mục",
    "Chương", "Số:", "Lưu:", "TM.", "Độc lập - Tự do - Hạnh phúc",
]  # fmt: skip


@st.composite
def body_text(draw: st.DrawFn, min_words: int = 1, max_words: int = 30, **kw: Any) -> str:
    """A paragraph of the body: a sentence, now and then opening like another part."""
    first = draw(st.sampled_from(OPENERS)) if draw(st.integers(0, 5)) == 0 else None
    return draw(sentence(min_words, max_words, first=first, capital=True, **kw))


@st.composite
def table(draw: st.DrawFn) -> dict[str, Any]:
    """docs/spec.md §3.17: columns, rows that fill them exactly (merged cells included),
    group rows, an STT column, a size."""
    width = draw(st.integers(1, 5))
    cols: list[Any] = []
    for _ in range(width):
        name = draw(_text(1, 4, ends=("",), capital=True, wild=False))
        if draw(st.integers(0, 3)) == 0:
            col: dict[str, Any] = {"ten": name}
            if draw(st.booleans()):
                col["rong"] = str(draw(st.sampled_from([1, 2, 3, 0.5, 4.5])))
            if draw(st.booleans()):
                col["can"] = draw(st.sampled_from(["trai", "giua", "phai", "deu"]))
            cols.append(col)
        else:
            cols.append(name)
    n_rows = draw(st.integers(1, 5))
    rows: list[Any] = []
    below = [0] * width  # rows still covered by a merged cell from above, per column
    for r in range(n_rows):
        if not any(below) and draw(st.integers(0, 5)) == 0:
            rows.append(draw(_text(1, 6, ends=("",), capital=True)))  # group row
            continue
        cells: list[Any] = []
        covered = [b > 0 for b in below]
        after = [max(0, b - 1) for b in below]
        c = 0
        while c < width:
            if covered[c]:
                c += 1
                continue
            free = 0
            while c + free < width and not covered[c + free]:
                free += 1
            span = draw(st.integers(1, free)) if draw(st.integers(0, 4)) == 0 else 1
            down = draw(st.integers(1, n_rows - r)) if draw(st.integers(0, 5)) == 0 else 1
            kind = draw(st.integers(0, 9))
            # FINDING (validate): an empty cell written '' as docs/spec.md §3.17 says ("Ô
            # trống viết ''") is refused, "không được để trống" (see KNOWN below); empty
            # cells are written [] here until the model accepts ''.
            content: Any = [] if kind == 0 else draw(_text(1, 8, ends=("", "."), capital=True))
            if kind == 1:
                content = [content or "x", "- " + draw(_text(1, 5, ends=("",)))]
            if span > 1 or down > 1 or kind == 2:
                cell: dict[str, Any] = {"noi_dung": content}
                if span > 1:
                    cell["gop_cot"] = str(span)
                if down > 1:
                    cell["gop_dong"] = str(down)
                if kind == 2:
                    cell["dam"] = "true"
                cells.append(cell)
            else:
                cells.append(content)
            for k in range(c, c + span):
                after[k] = down - 1
            c += span
        below = after
        rows.append(cells)
    if any(below):
        assume(False)  # a merged cell past the last row (the model's error): redraw
    out: dict[str, Any] = {"cot": cols, "dong": rows}
    if draw(st.booleans()):
        # FINDING (validate or writer): a table's tieu_de ending with ".", ";" or "," (or of
        # more than 20 words) prints as a centred bold sentence over the table, which check
        # reads as a body paragraph: ND-2, ND-3 errors (see KNOWN). Titles end bare here.
        title = " ".join(draw(_text(1, 10, ends=("",), capital=True)).split()[:20])
        out["tieu_de"] = title.rstrip(".;,") or "Bảng"
    if draw(st.booleans()):
        out["stt"] = draw(st.sampled_from(["true", "false"]))
    if draw(st.integers(0, 3)) == 0:
        out["co_chu"] = str(draw(st.integers(10, 14)))
    return out


@st.composite
def item(draw: st.DrawFn, depth: int) -> Any:
    """One element of a ``muc`` list (docs/spec.md §3.11)."""
    kind = draw(st.integers(0, 9))
    if kind < 5:
        return draw(body_text(1, 30, ends=("", ".", ";", ":")))
    if kind == 5:
        return {"doan": draw(body_text(3, 30, ends=(".", "")))}
    if kind == 6 and depth < 3:
        return {"bang": draw(table())}
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["tieu_de"] = draw(_text(1, 12, ends=("", ".", ":"), capital=True))
    if "tieu_de" not in out or draw(st.booleans()):
        parts = draw(st.lists(body_text(1, 30), min_size=1, max_size=2))
        out["noi_dung"] = paragraphs_value(draw, parts)
    if depth < 5 and draw(st.booleans()):
        out["muc"] = draw(items(depth + 1))
    return out


def items(depth: int = 1, max_size: int = 4) -> st.SearchStrategy[list[Any]]:
    return st.lists(item(depth), min_size=1, max_size=max_size)


def _paras(max_size: int = 2) -> st.SearchStrategy[list[str]]:
    return st.lists(body_text(3, 40, ends=(".", ";", "")), min_size=1, max_size=max_size)


@st.composite
def part(draw: st.DrawFn, extra: Callable[[st.DrawFn], dict[str, Any]] | None = None) -> Any:
    """A part (docs/spec.md §3.10): the common keys and a part's own."""
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["tieu_de"] = draw(_text(1, 8, ends=("",), capital=draw(st.booleans())))
    if draw(st.integers(0, 2)) == 0:
        out["mo_dau"] = paragraphs_value(draw, draw(_paras()))
    if draw(st.integers(0, 3)) > 0:
        out["muc"] = draw(items())
    if extra is not None:
        out.update(extra(draw))
    if draw(st.integers(0, 3)) == 0:
        out["ket"] = paragraphs_value(draw, draw(_paras(1)))
    if draw(st.integers(0, 3)) == 0:
        out["danh_so"] = draw(st.sampled_from(["la-ma", "thap-phan", "gach"]))
    if not out:
        out["muc"] = draw(items())
    return out


def _aims(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["muc_dich"] = draw(items(2, 3))
    if draw(st.booleans()):
        out["yeu_cau"] = draw(items(2, 3))
    return out


def _assignments(draw: st.DrawFn) -> dict[str, Any]:
    if not draw(st.booleans()):
        return {}
    units = []
    for _ in range(draw(st.integers(1, 3))):
        unit: dict[str, Any] = {"don_vi": draw(_text(1, 8, ends=("", ":"), capital=True))}
        if draw(st.booleans()):
            unit["nhiem_vu"] = paragraphs_value(draw, draw(_paras()))
        if draw(st.booleans()):
            unit["muc"] = draw(items(2, 3))
        units.append(unit)
    return {"phan_cong": units}


@st.composite
def big_parts(draw: st.DrawFn) -> list[Any]:
    """``phan`` (docs/spec.md §3.20): PHẦN with their sections I., II. …"""
    out = []
    for _ in range(draw(st.integers(1, 2))):
        big: dict[str, Any] = {"tieu_de": draw(_text(1, 8, ends=("",), capital=True))}
        if draw(st.booleans()):
            big["mo_dau"] = paragraphs_value(draw, draw(_paras(1)))
        sections = []
        for _ in range(draw(st.integers(1, 2))):
            section = draw(part())
            section["tieu_de"] = draw(_text(1, 8, ends=("",), capital=True))
            sections.append(section)
        big["muc"] = sections
        out.append(big)
    return out


@st.composite
def appendix(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["tieu_de"] = draw(_text(1, 10, ends=("",), capital=True))
    if draw(st.booleans()):
        out["mo_dau"] = paragraphs_value(draw, draw(_paras(1)))
    if draw(st.booleans()):
        out["bang"] = draw(table())
    if draw(st.booleans()):
        out["muc"] = draw(items(1, 3))
    # FINDING (validate): a landscape appendix without a table (ngang: true, no bang in it
    # nor in its items) validates silently, but NĐ 30 allows landscape pages only for tables
    # (P-2; HD 05: D-P-1) and check refuses it. Landscape only with a table here.
    if draw(st.booleans()) and ("bang" in out or "bang" in repr(out.get("muc"))):
        out["ngang"] = draw(st.sampled_from(["true", "false"]))
    if draw(st.booleans()) or not ({"mo_dau", "bang", "muc"} & set(out)):
        out["ket"] = paragraphs_value(draw, draw(_paras(1)))
    if draw(st.integers(0, 3)) == 0:
        out["danh_so"] = draw(st.sampled_from(["la-ma", "thap-phan", "gach"]))
    return out


@st.composite
def recipients(draw: st.DrawFn) -> list[str]:
    # A ";" inside a recipient reads as two recipients in one line (NN-2, refused).
    one = _text(1, 8, ends=("",), capital=True).map(lambda t: t.replace(";", ""))
    ends = st.sampled_from(["", ";", ","])
    out = draw(st.lists(st.tuples(one, ends).map("".join), min_size=1, max_size=5))
    if draw(st.integers(0, 3)) == 0:
        out.append(draw(st.sampled_from(["Lưu: VT, VP", "Lưu: VT", "lưu vt, vp", "Lưu VP"])))
    return out


@st.composite
def decision(draw: st.DrawFn, code: str) -> dict[str, Any]:
    """``quyet_dinh`` (docs/spec.md §3.19)."""
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["so"] = draw(st.sampled_from(["", "07", "125"]))
    if draw(st.booleans()):
        out["ky_hieu"] = f"QĐ-{code}"
    if draw(st.booleans()):
        out["ngay"] = draw(issue_date())
    if draw(st.booleans()):
        out["tham_quyen"] = draw(
            st.sampled_from(["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "ỦY BAN NHÂN DÂN XÃ AN PHÚ"])
        )
    if draw(st.booleans()):
        out["can_cu"] = paragraphs_value(
            draw, draw(st.lists(_text(3, 25, first="Căn cứ"), min_size=1, max_size=2))
        )
    if draw(st.booleans()):
        out["de_nghi"] = [draw(_text(3, 15, first="Xét đề nghị của"))]
    if draw(st.booleans()):
        out["dieu"] = draw(_paras(3))
    if draw(st.booleans()):
        out["noi_nhan"] = ["Như Điều 3", *draw(recipients())]
    if draw(st.booleans()):
        out["nguoi_ky"] = draw(signer(False))
    return out or {"so": "07"}


@st.composite
def plan(draw: st.DrawFn, wild: bool = False) -> dict[str, Any]:
    """A whole plan (docs/spec.md §3), as data, keys in a random order: valid, with names
    and signers drawn from realistic lists; with ``wild``, the names, place, signer and
    the lines of căn cứ are free text as well (capitals, digits, signs, invisible
    characters), which validate may refuse or warn about."""
    party = draw(st.booleans())
    out: dict[str, Any] = {}
    if party:
        out["the_thuc"] = "dang"
    elif draw(st.booleans()):
        out["the_thuc"] = "nha-nuoc"
    out["co_quan"] = draw(body(party, wild))
    if draw(st.booleans()):
        out["so"] = draw(st.sampled_from(["", "01", "05", "09", "10", "27", "125"]))
    code = out["co_quan"]["viet_tat"]
    if draw(st.integers(0, 3)) == 0:
        out["ky_hieu"] = f"KH/{code}" if party else f"KH-{code}"
    out["dia_danh"] = draw(st.sampled_from(PLACES))
    if wild and draw(st.integers(0, 3)) == 0:
        # FINDING (validate): a place name with a comma ("Tây Sơn, Gia Lai") validates, but
        # the date line then reads "Tây Sơn, Gia Lai, ngày …" and check refuses it (DD-1,
        # D-DD-1: "<Địa danh>, ngày …", the comma right after the place). No comma here.
        out["dia_danh"] = draw(sentence(1, 8, ends=("",), capital=True)).replace(",", "")
    out["ngay"] = draw(issue_date())
    # A trích yếu starts with a Vietnamese word it can capitalise (TL-2, refused otherwise).
    summary = draw(st.lists(_text(2, 14, ends=("",), capital=True), min_size=1, max_size=2))
    summary[0] = draw(st.sampled_from(SUMMARY_STARTS)) + " " + summary[0]
    if wild and draw(st.integers(0, 4)) == 0:
        summary = [line.upper() for line in summary]  # TL-2: a trích yếu in capitals
    out["trich_yeu"] = lines_value(draw, summary)
    if draw(st.booleans()):
        out["can_cu"] = paragraphs_value(
            draw, draw(st.lists(_text(3, 30, first="Căn cứ"), min_size=1, max_size=3))
        )
    if draw(st.integers(0, 2)) == 0:
        starts = ["Thực hiện", "Căn cứ", "Theo"] if wild else ["Thực hiện"]
        out["thuc_hien"] = paragraphs_value(
            draw,
            draw(
                st.lists(
                    st.sampled_from(starts).flatmap(lambda first: _text(3, 30, first=first)),
                    min_size=1,
                    max_size=2,
                )
            ),
        )
    if draw(st.integers(0, 4)) == 0:
        out["de_nghi"] = [draw(_text(3, 15, first="Theo đề nghị của"))]
    lead = draw(st.integers(0, 5))
    if lead == 1:
        out["loi_dan"] = draw(_text(5, 30, ends=(":",), capital=True))
    elif lead == 2:
        out["loi_dan"] = draw(st.lists(_text(5, 30, capital=True), min_size=2, max_size=3))
    elif lead == 3:
        out["loi_dan"] = draw(st.sampled_from(["", "false", "không"]))
    if draw(st.integers(0, 2)) == 0:
        out["danh_so"] = draw(st.sampled_from(["la-ma", "thap-phan", "chu-cai", "so"]))
    if draw(st.integers(0, 4)) == 0:
        out["phan"] = draw(big_parts())
    else:
        if draw(st.booleans()):
            out["muc_dich_yeu_cau"] = draw(part(_aims))
        if draw(st.integers(0, 4)) > 0:
            out["nhiem_vu"] = draw(part())
        if draw(st.booleans()):
            out["to_chuc_thuc_hien"] = draw(part(_assignments))
        if draw(st.integers(0, 3)) == 0:
            extras = []
            for _ in range(draw(st.integers(1, 2))):
                extra = draw(part())
                extra["tieu_de"] = draw(_text(1, 8, ends=("",), capital=True))
                if draw(st.booleans()):
                    extra["sau"] = draw(
                        st.sampled_from(
                            ["dau", "muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien"]
                        )
                    )
                extras.append(extra)
            out["phan_khac"] = extras
    if draw(st.booleans()):
        out["ket_luan"] = draw(_text(5, 30, capital=True))
    if draw(st.integers(0, 5)) > 0:
        out["noi_nhan"] = draw(recipients())
    if draw(st.integers(0, 3)) == 0:
        out["luu"] = draw(st.sampled_from(["VP", "VT, VP.", "Văn phòng Đảng ủy", "Chi bộ"]))
    out["nguoi_ky"] = draw(signer(party, wild))
    if draw(st.integers(0, 2)) == 0:
        out["phu_luc"] = draw(st.lists(appendix(), min_size=1, max_size=2))
    attached = draw(st.integers(0, 5))
    if attached == 0 and not party:
        out["quyet_dinh"] = draw(decision(code))
    elif attached == 1:
        number = "15-QĐ/ĐU" if party else "15/QĐ-UBND"
        out["kem_theo"] = f"Quyết định số {number} ngày 20/01/2026 của {draw(place_name())}"
    if draw(st.integers(0, 3)) == 0:
        out["trinh_bay"] = draw(layout(party))
    keys = list(out)
    if draw(st.booleans()):
        keys = draw(st.permutations(keys))
    return {k: out[k] for k in keys}


@st.composite
def layout(draw: st.DrawFn, party: bool) -> dict[str, Any]:
    """``trinh_bay`` (docs/spec.md §3.16; HD 05's margins are fixed, §3.21)."""
    out: dict[str, Any] = {}
    ranges = (
        {
            "le_tren": (19.5, 20.5),
            "le_duoi": (19.5, 20.5),
            "le_trai": (29.5, 30.5),
            "le_phai": (14.5, 15.5),
        }
        if party
        else {"le_tren": (20, 25), "le_duoi": (20, 25), "le_trai": (30, 35), "le_phai": (15, 20)}
    )
    for key, (low, high) in ranges.items():
        if draw(st.booleans()):
            value = draw(st.sampled_from([low, high, (low + high) / 2]))
            out[key] = f"{value:g}"
    if draw(st.booleans()):
        out["co_chu"] = draw(st.sampled_from(["14", "15"] if party else ["13", "14"]))
    return out or {"co_chu": "14"}


@st.composite
def spec_text(draw: st.DrawFn, wild: bool = False) -> tuple[str, dict[str, Any]]:
    data = draw(plan(wild))
    return draw(yaml_text(data)), data


# ---------------------------------------------------------------------- judging


@dataclass
class Verdict:
    """What happened to one spec text: validate's diagnostics, then check's findings."""

    errors: list[str]  # validate's errors, formatted
    said: set[str]  # every rule ID validate named (errors and warnings)
    check_errors: list[tuple[str, str, str]]  # (rule, message, where) check refused
    check_warnings: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def unsaid(self) -> list[tuple[str, str, str]]:
        """Check's errors validate did not already name under the same rule ID."""
        return [f for f in self.check_errors if f[0] not in self.said]

    @property
    def unsaid_warnings(self) -> list[tuple[str, str, str]]:
        """Check's warnings validate did not already name under the same rule ID."""
        return [f for f in self.check_warnings if f[0] not in self.said]


def judge(text: str) -> Verdict:
    """Validate ``text``; when valid, render it and check the document."""
    spec, report = validate_text(text, Path("ke-hoach.yaml"))
    said = {d.rule for d in report.items if d.rule}
    if spec is None:
        return Verdict([d.format() for d in report.errors], said, [])
    content = kehoach.to_docx_bytes(spec)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ke-hoach.docx"
        path.write_bytes(content)
        findings = check_docx(path)
    return Verdict(
        [],
        said,
        [(f.rule, f.message, f.where) for f in findings if f.severity == "error"],
        [(f.rule, f.message, f.where) for f in findings if f.severity == "warning"],
    )


def _explain(text: str, verdict: Verdict) -> str:
    return (
        f"--- spec ---\n{text}--- validate ---\n"
        + "\n".join(verdict.errors or [f"(không lỗi; đã nêu: {sorted(verdict.said)})"])
        + "\n--- check: lỗi validate chưa nêu ---\n"
        + "\n".join(f"[{r}] {m} @ {w}" for r, m, w in verdict.unsaid)
    )


# ---------------------------------------------------------------------- property 1


def _events(data: dict[str, Any]) -> None:
    """What the example covers (``--hypothesis-show-statistics``)."""
    shown = repr(data)
    event("the_thuc: dang" if data.get("the_thuc") == "dang" else "NĐ 30")
    event(f"danh_so: {data.get('danh_so', 'la-ma')}")
    for key, what in (("'bang'", "bảng"), ("'phu_luc'", "phụ lục"), ("'phan'", "phan")):
        if key in shown:
            event(what)
    if "quyet_dinh" in data:
        event("quyết định")


@_settings(max_examples=60)
@given(spec_text())
def test_valid_plans_validate_render_and_pass_check(pair: tuple[str, dict[str, Any]]) -> None:
    """Good input gives a good document: a plan written as docs/spec.md says validates
    without an error, renders, and check finds nothing, error or warning, that validate
    did not name under the same rule ID."""
    text, data = pair
    assert _base_load(text) == plain_data(data), "the generator wrote YAML that means else"
    note(text)
    _events(data)
    verdict = judge(text)
    assert not verdict.errors, _explain(text, verdict)
    assert not verdict.unsaid, _explain(text, verdict)
    assert not verdict.unsaid_warnings, (
        _explain(text, verdict)
        + "\n"
        + "\n".join(f"[{r}] {m} @ {w}" for r, m, w in verdict.unsaid_warnings)
    )


_LOCATED = re.compile(r"^ke-hoach\.yaml:\d+:\d+: lỗi")


@_settings(max_examples=60)
@given(spec_text(wild=True))
def test_free_names_are_refused_warned_or_pass_check(pair: tuple[str, dict[str, Any]]) -> None:
    """The issue's 9 %: free text in names, place, signer, trích yếu and căn cứ lines. Either
    validate refuses it, every error located; or check refuses nothing validate did not
    name under the same rule ID (as an error or a warning)."""
    text, data = pair
    assert _base_load(text) == plain_data(data), "the generator wrote YAML that means else"
    note(text)
    verdict = judge(text)
    if verdict.errors:
        event("refused by validate")
        unlocated = [e for e in verdict.errors if not _LOCATED.match(e)]
        assert not unlocated, _explain(text, verdict)
        return
    event("accepted")
    assert not verdict.unsaid, _explain(text, verdict)


# ---------------------------------------------------------------------- property 2

# Valid texts to break (drawn from a list, so a failure shrinks to its edits quickly): the
# shortest valid plan, the documented examples, the shapes of real plans.
CORPUS = [
    VALID,
    *(p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))),
    *(
        p.read_text("utf-8")
        for p in sorted((ROOT / "tests" / "fixtures" / "shapes").glob("*.yaml"))
    ),
]
_CONTROL = [*map(chr, range(0x00, 0x20)), "\x7f", "\x85", "\u2028", "\ufeff", "\u200b", "\ud7ff"]
_SCALARS = ["[a, b]", "{a: b}", "12", "true", "~", "null", "''", '""', "- x", "[]", "{}", "3.5"]


@st.composite
def mutation(draw: st.DrawFn, text: str) -> tuple[str, str]:
    """One edit a clerk (or a copy and paste) makes by mistake; returns (what, new text)."""
    lines = text.split("\n")
    n = len(lines)
    i = draw(st.integers(0, max(0, n - 1)))
    line = lines[i]
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "indent",
                "dedent",
                "drop-colon",
                "tab",
                "control",
                "retype",
                "misplace",
                "swap",
                "join",
                "truncate",
                "quote",
                "garbage",
                "encoding",
            ]
        )
    )
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, line)
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + line
    elif kind == "dedent":
        lines[i] = line[draw(st.integers(1, 4)) :] if line.startswith(" ") else line
    elif kind == "drop-colon":
        lines[i] = line.replace(":", "", 1)
    elif kind in ("tab", "control", "garbage", "quote"):
        pos = draw(st.integers(0, len(line)))
        if kind == "garbage" and 0 <= pos < line.find(":"):
            # FINDING (validate): a key with "[" in it ("nhiem_[vu:", "a[0]:") is dropped from
            # the error's key path, which then crashes ("lỗi không mong đợi … (IndexError)",
            # no line:column, "0 lỗi"; see KNOWN). Garbage goes after the key here.
            pos = line.find(":") + 1
        piece = {
            "tab": "\t",
            "control": draw(st.sampled_from(_CONTROL)),
            "garbage": draw(
                st.sampled_from(
                    [
                        "- ",
                        "# ",
                        ": ",
                        "&a ",
                        "*a",
                        "!!str ",
                        "---",
                        "%",
                        "@",
                        "`",
                        "|",
                        ">",
                        "\\",
                        "{",
                        "[",
                    ]
                )
            ),
            "quote": draw(st.sampled_from(["'", '"', "“", "”"])),
        }[kind]
        lines[i] = line[:pos] + piece + line[pos:]
    elif kind == "retype":
        # A value of the wrong type: a list, a group, a number, nothing.
        if ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(_SCALARS))}"
    elif kind == "misplace":
        # A key at another level or inside another group: moved line, another indentation.
        j = draw(st.integers(0, max(0, n - 1)))
        moved = lines.pop(i)
        indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
        lines.insert(min(j, len(lines)), indent + moved.lstrip())
    elif kind == "swap":
        j = draw(st.integers(0, max(0, n - 1)))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "join" and i + 1 < n:
        lines[i : i + 2] = [line + " " + lines[i + 1].lstrip()]
    elif kind == "truncate":
        cut = draw(st.integers(0, len(text)))
        return kind, text[:cut]
    elif kind == "encoding":
        return kind, text  # written below in another encoding
    return kind, "\n".join(lines)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[list[str], str, str]:
    """(the edits, the encoding to write in, the broken text)."""
    text = draw(st.sampled_from(CORPUS))
    edits = []
    encoding = "utf-8"
    for _ in range(draw(st.integers(1, 3))):
        kind, text = draw(mutation(text))
        edits.append(kind)
        if kind == "encoding":
            # FINDING (loader): a file saved as UTF-16 is refused without a line and column
            # ("ke-hoach.yaml: lỗi: tệp được lưu bằng mã hóa UTF-16 …"; see KNOWN), unlike
            # every other refusal; UTF-16 is left out here until it has a place (1:1).
            encoding = draw(st.sampled_from(["cp1258", "utf-8-sig", "latin-1"]))
    return edits, encoding, text


def _write(path: Path, text: str, encoding: str) -> None:
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(text.encode(encoding, errors="replace"))
    except UnicodeError:  # a lone surrogate typed in: what an editor would not save
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))


def try_broken(text: str, encoding: str = "utf-8") -> list[str]:
    """Run ``kehoach validate`` and ``kehoach render`` on ``text``, check what is written;
    the problems found (empty when the commands behaved)."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ke-hoach.yaml"
        _write(source, text, encoding)
        out = Path(tmp) / "out"
        checked = runner.invoke(app, ["validate", str(source)])
        said = checked.stdout + checked.stderr
        if checked.exit_code not in (0, 2) or "Traceback" in said or _crashed(checked):
            return [f"validate: mã thoát {checked.exit_code}, {checked.exception!r}\n{said}"]
        rendered = runner.invoke(app, ["render", str(source), "-o", str(out), "-q"])
        written = sorted(p.name for p in out.rglob("*")) if out.exists() else []
        if rendered.exit_code != checked.exit_code or _crashed(rendered):
            return [
                f"render: mã thoát {rendered.exit_code} (validate {checked.exit_code}),"
                f" {rendered.exception!r}\n{rendered.stdout}{rendered.stderr}"
            ]
        if checked.exit_code == 2:
            errors = [ln for ln in said.splitlines() if ": lỗi" in ln]
            place = re.compile(rf"^{re.escape(str(source))}:\d+:\d+: lỗi")
            problems = [f"lỗi không có dòng:cột: {ln}" for ln in errors if not place.match(ln)]
            if not errors:
                problems.append("mã thoát 2 mà không có dòng lỗi")
            if written:
                problems.append(f"render đã ghi {written} dù có lỗi")
            return [*problems, f"--- validate ---\n{said}"] if problems else []
        if written != ["ke-hoach.docx"]:
            return [f"render ghi {written}"]
        rules = set(re.findall(r"\[([A-Z][A-Z0-9-]*)\]", said))
        unsaid = [
            f"check: [{f.rule}] {f.message} @ {f.where}"
            for f in check_docx(out / "ke-hoach.docx")
            if f.severity == "error" and f.rule not in rules
        ]
        return [*unsaid, f"--- validate ---\n{said}"] if unsaid else []


@_settings(max_examples=80)
@given(mutated())
def test_mutations_are_refused_with_a_place_or_render_a_good_document(
    case: tuple[list[str], str, str],
) -> None:
    """A broken spec never shows a traceback, never exits 1, never leaves a half-written
    file: ``kehoach validate`` either accepts it (and then ``kehoach render`` writes a plan
    that passes check like property 1) or refuses it with exit code 2, every error at
    file:line:column, and ``kehoach render`` writes nothing."""
    edits, encoding, text = case
    for kind in edits:
        event(kind)
    note(f"edits: {edits} ({encoding})\n{text}")
    problems = try_broken(text, encoding)
    assert not problems, "\n".join(problems)


def _crashed(result: Any) -> bool:
    """An exception other than the command's own exit (CliRunner keeps it, no traceback)."""
    return result.exception is not None and not isinstance(result.exception, SystemExit)


# ---------------------------------------------------------------------- known findings

_TABLE = (
    "    - bang:\n        tieu_de: {title}\n        cot: [Nội dung, Đơn vị]\n        dong:\n{rows}"
)


def _with(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


# What the properties found that belonged to validate, the loader or the writer (issue 10),
# each kept as one regression example: validate now refuses or warns with check's rule ID
# (A: an empty cell '' is accepted; B: P-2 for a landscape appendix without a table; C: DD-1
# for a place with a comma; D: a caption loses its final '.'; past 20 words it is refused;
# E: a body code or symbol not in capitals, "viet_tat: true", passed validate and failed
# check's SO-4: it is refused, see the test below).
KNOWN = [
    pytest.param(
        _with(
            "    - Tuyên truyền\n",
            "    - Tuyên truyền.\n"
            + _TABLE.format(title="Kết quả", rows="          - ['', Văn phòng]\n"),
        ),
        id="o-trong-viet-nhay-don",
    ),
    pytest.param(
        _with("nguoi_ky:", "phu_luc:\n  - ngang: true\n    ket: Nội dung phụ lục.\nnguoi_ky:"),
        id="phu-luc-ngang-khong-co-bang",
    ),
    pytest.param(
        _with("dia_danh: An Phú", "dia_danh: An Phú, Gia Lai"),
        id="dia-danh-co-dau-phay",
    ),
    pytest.param(
        _with(
            "    - Tuyên truyền\n",
            "    - Tuyên truyền.\n"
            + _TABLE.format(title="Kết quả thực hiện.", rows="          - [Hội nghị, Văn phòng]\n"),
        ),
        id="ten-bang-la-mot-cau",
    ),
]


@pytest.mark.parametrize("text", KNOWN)
def test_known_findings(text: str) -> None:
    verdict = judge(text)
    assert not verdict.errors, _explain(text, verdict)
    assert not verdict.unsaid, _explain(text, verdict)


def test_known_finding_a_caption_past_twenty_words_is_refused_at_its_place() -> None:
    """D: check read a long table title as a body paragraph (ND-2, ND-3); validate refuses."""
    title = "Kết quả thực hiện các nhiệm vụ trọng tâm về công tác dân vận chính quyền của các cơ"
    title += " quan, đơn vị trên địa bàn xã năm 2026"
    text = _with(
        "    - Tuyên truyền\n",
        "    - Tuyên truyền.\n"
        + _TABLE.format(title=title, rows="          - [Hội nghị, Văn phòng]\n"),
    )
    verdict = judge(text)
    (error,) = verdict.errors
    assert "tên bảng dài 28 từ" in error and error.startswith("ke-hoach.yaml:12:18: lỗi:")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("viet_tat: UBND", "viet_tat: true", 3),  # YAML's boolean word, read as text
        ("viet_tat: UBND", "viet_tat: ubnd", 3),
        ("viet_tat: UBND", "viet_tat: UBND\nky_hieu: KH-ubnd", 4),
    ],
)
def test_known_finding_a_code_not_in_capitals_is_refused_at_its_place(
    old: str, new: str, line: int
) -> None:
    """E: check refuses "KH-true" (SO-4: the symbol in capitals); validate now does first."""
    verdict = judge(_with(old, new))
    (error,) = verdict.errors
    assert error.startswith(f"ke-hoach.yaml:{line}:") and "[SO-4]" in error, error
    assert "phải viết chữ in hoa" in error


def test_known_finding_utf16_has_a_place() -> None:
    assert try_broken(VALID, "utf-16") == []


def test_known_finding_key_with_a_bracket() -> None:
    assert try_broken(VALID + "a[0]: x\n") == []
