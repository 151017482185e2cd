"""The Kế hoạch spec: what a user writes in YAML, as a typed model.

Keys are ASCII snake_case Vietnamese (docs/spec.md documents each). Field validators enforce
the NĐ 30 rules that can be decided from one value (SO-3, SO-4, DD-4 dates); cross-field
rules live in model validators; rules that are only *probably* wrong are warnings, raised
later by ``kehoach.spec.validate``. Error messages are Vietnamese and carry the rule ID in the
error context so the validator can show it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kehoach.law.hd05 import HD05
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile
from kehoach.law.text import upper_vi


def law(info: ValidationInfo) -> Profile:
    """The rule book this validation runs under (``validate`` passes it as context)."""
    context = info.context or {}
    return context.get("profile", ND30)


def is_party(profile: Profile) -> bool:
    """Whether ``profile`` is the Party's rule book (HD 05), whose rules carry ``D-`` IDs."""
    return profile.key == HD05.key


def rule_id(profile: Profile, rule: str | None) -> str | None:
    """``rule`` as ``profile`` names it: "SO-3" is "D-SO-3" in a Party plan."""
    if rule is None:
        return rule
    return profile.rule_id(rule)  # the law's own table (kehoach.law.hd05.RULE_IDS)


def rule_error(
    rule: str | None,
    message: str,
    hint: str | None = None,
    *,
    field: str | list[str | int] | None = None,
) -> PydanticCustomError:
    """A validation error that keeps its NĐ 30 rule ID, a fix-it hint and, for errors raised
    by a model validator, the key it is about (so the location points at that key)."""
    return PydanticCustomError("kehoach", message, {"rule": rule, "hint": hint, "field": field})


# SO-1, SO-2 (D-SO-1): a document's number line ("SỐ 12/KH-UBND", "SỐ: 05", "SỐ 27-KH/ĐU")
# typed into a body's name; ``check`` would read it as the number line.
_NUMBER_IN_NAME = re.compile(
    r"(^|\s)SỐ\s*(:|\d*\s*[-/]\s*[A-ZĐ])|(^|\s)\d+\s*[-/]\s*[A-ZĐ]+[-/][A-ZĐ]"
)
# CC-1: a line that opens a legal basis.
_BASIS_START = re.compile(r"^[-–\s]*Căn cứ\b")
_SPEC_KEY = re.compile(r"[a-z_][a-z0-9_]*")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# Characters an XML document cannot hold (Word would refuse the file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MIN_YEAR, MAX_YEAR = 1945, 2100


def _none_yet() -> list[Any]:
    """An empty list for each model that leaves a list out. A plain function: pydantic reads
    a default factory's signature, and reading a built-in's (``list``) costs milliseconds
    at start-up; a mutable default (``= []``) would be deep-copied on every model instead."""
    return []


def colon_text(value: Any) -> Any:
    """Undo YAML's reading of `- Lưu: VT` as a mapping: text with a colon stays text.

    Only when the "key" cannot be a spec key (it has capitals, spaces or diacritics), so a
    misspelt key such as `noi_dug:` is still reported, not swallowed as a paragraph.
    """
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if not _SPEC_KEY.fullmatch(key) and (inner is None or isinstance(inner, str)):
            return f"{key}: {inner or ''}".rstrip()
    return value


def _nfc(value: Any) -> Any:
    # F-2: store text precomposed, whatever the editor produced.
    value = colon_text(value)
    if isinstance(value, str):
        bad = _NOT_XML.search(value)
        if bad:
            raise rule_error(
                None,
                f"văn bản có ký tự điều khiển không in được (U+{ord(bad.group()):04X})",
                "xóa ký tự này (thường do sao chép từ phần mềm khác)",
            )
        # Fold line breaks and runs of spaces, but keep no-break spaces (U+00A0) the user
        # typed inside the text to hold words together; text of spaces only is empty.
        if "  " in value or not value.isprintable():
            value = _SPACES.sub(" ", value)
        return unicodedata.normalize("NFC", value.strip())
    return value


def _lines(value: Any) -> Any:
    """A one-line string or a list of lines; YAML block text splits on its newlines."""
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()] or [value]
    return value


def _paragraphs(value: Any) -> Any:
    """One paragraph or a list of paragraphs."""
    if isinstance(value, str):
        return [value]
    return value


# The constraint before the validator: pydantic then checks it inside the str (list) schema,
# in Rust, after the validator has run; placed after, it is one more Python call per text.
Text = Annotated[str, Field(min_length=1), BeforeValidator(_nfc)]
Lines = Annotated[list[Text], Field(min_length=1), BeforeValidator(_lines)]
Paragraphs = Annotated[list[Text], BeforeValidator(_paragraphs)]


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- header -----------------------------------------------------------------------------


class CoQuan(Base):
    """Issuing body (ô 2, CQ-*) and what it is called in running text."""

    chu_quan: Lines | None = None
    ten: Lines
    viet_tat: Text
    ten_goi: Text | None = None

    @field_validator("chu_quan", "ten")
    @classmethod
    def _upper(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        # CQ-2, CQ-3: both names are written in capitals.
        if not value:
            return value
        lines = [upper_vi(line) for line in value]
        rule = "CQ-2" if info.field_name == "chu_quan" else "CQ-3"
        # A name set on several lines may have a line of digits ("PHƯỜNG" / "11"): the letters
        # are looked for in the whole name.
        whole = any(c.isalpha() for line in lines for c in line)
        for i, line in enumerate(lines):
            where = [i] if len(lines) > 1 else None
            if not whole:
                raise rule_error(
                    rule,
                    f"tên cơ quan '{line}' không có chữ cái nào: tên cơ quan viết bằng chữ in"
                    " hoa (số, ký hiệu không thành tên)",
                    "ghi tên chính thức đầy đủ của cơ quan, ví dụ: ỦY BAN NHÂN DÂN XÃ AN PHÚ",
                    field=where,
                )
            number = _NUMBER_IN_NAME.search(line)
            if number:
                tail = re.match(r"\s*\S*", line[number.end() :])
                shown = line[number.start() : number.end()] + (tail.group(0) if tail else "")
                raise rule_error(
                    "SO-2",
                    f"tên cơ quan có '{shown.strip()}', giống dòng số, ký hiệu của văn"
                    " bản: kehoach tự viết dòng 'Số: …' dưới tên cơ quan, nên văn bản sẽ có hai"
                    " dòng số",
                    "bỏ phần này khỏi tên cơ quan; số văn bản ghi ở khóa so, ký hiệu ở ky_hieu",
                    field=where,
                )
        return lines

    @field_validator("viet_tat")
    @classmethod
    def _abbreviation(cls, value: str, info: ValidationInfo) -> str:
        profile = law(info)
        if is_party(profile) and not profile.body_code_re.fullmatch(value):
            raise rule_error(
                "D-SO-4",
                f"chữ viết tắt '{value}' không hợp lệ: chỉ gồm chữ cái, bắt đầu bằng chữ in hoa,"
                " không có chữ số, nối bằng '-', không có dấu cách",
                "ví dụ: ĐU (đảng ủy), CB (chi bộ), TU (tỉnh ủy, thành ủy)",
            )
        if not profile.body_code_re.fullmatch(value):
            raise rule_error(
                "SO-4",
                f"chữ viết tắt '{value}' không hợp lệ: chỉ gồm chữ cái, chữ số,"
                " nối bằng '-', không có dấu cách",
                "ví dụ: UBND, SGDĐT, BCĐ",
            )
        _capitals(profile, value, f"chữ viết tắt '{value}'")
        return value


def _capitals(profile: Profile, symbol: str, what: str) -> None:
    """SO-4 (D-SO-4): a symbol's groups are capitals, as check reads them."""
    low = profile.uncapitalised_codes(symbol)
    if low:
        raise rule_error(
            "SO-4",
            f"{what} phải viết chữ in hoa" + (f" (nhóm '{low[0]}')" if low[0] != symbol else ""),
            f"viết: {upper_vi(symbol)}",
        )


# --- dates --------------------------------------------------------------------------------

_VN_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class NgayBanHanh(Base):
    """Date of issue: a full date, or only a year for a draft (DD-5, SO-6)."""

    nam: int
    thang: int | None = None
    ngay: int | None = None

    @property
    def is_full(self) -> bool:
        return self.ngay is not None

    @property
    def date(self) -> dt.date | None:
        if self.ngay is None or self.thang is None:
            return None
        return dt.date(self.nam, self.thang, self.ngay)


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise rule_error(
            "DD-4",
            f"năm {year} không hợp lệ",
            f"năm ban hành viết đủ 4 chữ số, từ {MIN_YEAR} đến {MAX_YEAR}",
        )
    return year


def _parse_date(value: Any) -> Any:
    if isinstance(value, NgayBanHanh):
        return value
    if isinstance(value, dt.date):
        return {"nam": value.year, "thang": value.month, "ngay": value.day}
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise rule_error(
            "DD-4", "ngày ban hành phải là một ngày hoặc một năm", "ví dụ: 15/3/2024 hoặc 2024"
        )
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        return {"nam": _year(int(text))}
    day = month = year = None
    if m := _VN_DATE.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    if year is None or month is None or day is None:
        raise rule_error(
            "DD-4",
            f"không hiểu ngày '{text}'",
            "viết ngày/tháng/năm (15/3/2024), năm-tháng-ngày (2024-03-15),"
            " hoặc chỉ năm (2024) thì ngày tháng để trống cho văn thư",
        )
    _year(year)
    if not 1 <= month <= 12:
        raise rule_error("DD-4", f"tháng {month} không tồn tại", "tháng phải từ 1 đến 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise rule_error(
            "DD-4",
            f"ngày {day:02d}/{month:02d}/{year} không tồn tại (tháng {month} năm {year} có {last} ngày)",
            "sửa lại ngày ban hành",
        )
    return {"nam": year, "thang": month, "ngay": day}


NgayInput = Annotated[NgayBanHanh, BeforeValidator(_parse_date)]


# --- body ---------------------------------------------------------------------------------


# Numbering schemes (§8.3, S-2): what the levels of a plan are labelled.
DanhSo = Literal["la-ma", "thap-phan", "chu-cai", "so"]
# Which layout law the plan follows (kehoach.law.profiles): NĐ 30, or HD 05 for Party plans.
TheThuc = Literal["nha-nuoc", "dang"]
# A part may number its own items another way ("-" bullets directly under the part …).
DanhSoPhan = Literal["la-ma", "thap-phan", "gach"]
Align = Literal["trai", "giua", "phai", "deu"]


class Cot(Base):
    """A table column: its heading, a relative width, and how its cells align."""

    ten: Text
    rong: float | None = Field(None, gt=0, le=1000)
    can: Align | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"ten": value} if isinstance(value, (str, int, float)) else value


def _cell_text(value: Any) -> Any:
    # A number typed in a cell (an STT, a count) is text like any other; '' is an empty cell
    # (docs/spec.md §3.17: «Ô trống viết ''»).
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and not value.strip():
        return []
    return value


class OBang(Base):
    """A table cell written as a mapping: its lines, and how many columns/rows it spans."""

    noi_dung: Annotated[Paragraphs, BeforeValidator(_cell_text)] = Field(default_factory=_none_yet)
    gop_cot: int = Field(1, ge=1, le=50)
    gop_dong: int = Field(1, ge=1, le=500)
    dam: bool = False


def _cell(value: Any) -> Any:
    value = _cell_text(value)
    if value is None:
        return {"noi_dung": []}
    if isinstance(value, (str, list)):
        return {"noi_dung": value}
    return value


Cell = Annotated[OBang, BeforeValidator(_cell)]


def _row(value: Any) -> Any:
    # A row given as one text is a group row across the whole table ("I. TUYÊN TRUYỀN").
    return {"nhom": value} if isinstance(value, str) else {"o": value}


class Dong(Base):
    o: list[Cell] = Field(default_factory=_none_yet)
    nhom: Text | None = None


Row = Annotated[Dong, BeforeValidator(_row)]


class Bang(Base):
    """A table in the body or an appendix: columns, rows of cells, an optional STT column."""

    tieu_de: Text | None = None
    cot: list[Cot] = Field(min_length=1, max_length=20)
    dong: list[Row] = Field(min_length=1)
    stt: bool = False
    co_chu: int | None = Field(None, ge=10, le=14)

    @field_validator("tieu_de")
    @classmethod
    def _caption(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A table's title is a title (check reads a longer one as a body paragraph)."""
        most = law(info).caption_max_words
        if value is not None and len(value.split()) > most:
            raise rule_error(
                None,
                f"tên bảng dài {len(value.split())} từ; tên bảng là một tiêu đề ngắn (tối đa"
                f" {most} từ)",
                "rút gọn tên bảng; phần giải thích viết thành một đoạn (doan) trước bảng",
            )
        return value

    @model_validator(mode="after")
    def _grid(self) -> Bang:
        """Every row fills the columns exactly, counting cells that span rows from above."""
        width = len(self.cot)
        below = [0] * width  # for each column: further rows a cell from above still covers
        for i, row in enumerate(self.dong):
            where = ["dong", i]
            if row.nhom is not None:
                if any(below):
                    raise rule_error(
                        None,
                        f"dòng nhóm '{row.nhom}' chen vào giữa một ô gộp nhiều dòng phía trên",
                        "đặt dòng nhóm trước hoặc sau các dòng được gộp",
                        field=where,
                    )
                continue
            filled = [b > 0 for b in below]
            after = [max(0, b - 1) for b in below]
            column = 0
            for cell in row.o:
                while column < width and filled[column]:
                    column += 1
                if column + cell.gop_cot > width:
                    raise rule_error(
                        None,
                        f"dòng {i + 1} của bảng có {len(row.o)} ô, nhiều hơn {width} cột"
                        + (" (kể cả các ô gộp từ dòng trên)" if any(below) else ""),
                        "bớt ô, hoặc giảm gop_cot. Trong dòng viết [ô 1, ô 2, …], mỗi dấu"
                        " phẩy tách một ô: ô có dấu phẩy phải đặt trong dấu nháy, ví dụ"
                        ' "Các cơ quan, đơn vị"',
                        field=where,
                    )
                for c in range(column, column + cell.gop_cot):
                    filled[c] = True
                    after[c] = cell.gop_dong - 1
                column += cell.gop_cot
            if not all(filled):
                raise rule_error(
                    None,
                    f"dòng {i + 1} của bảng thiếu ô: bảng có {width} cột",
                    "thêm ô cho đủ số cột; ô để trống viết ''",
                    field=where,
                )
            below = after
        if any(below):
            raise rule_error(
                None,
                "có ô gộp nhiều dòng (gop_dong) vượt quá dòng cuối của bảng",
                "giảm gop_dong cho vừa số dòng còn lại",
                field="dong",
            )
        return self


class Muc(Base):
    """One numbered item (khoản, điểm, gạch đầu dòng…), an unnumbered paragraph (`doan`),
    or a table (`bang`).

    Numbering is never typed by the user: the level decides it (§8.3: 1. / a) / - / +).
    """

    tieu_de: Text | None = None
    noi_dung: Paragraphs = Field(default_factory=_none_yet)
    muc: list[Muc] = Field(default_factory=_none_yet)
    doan: Text | None = None
    bang: Bang | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if value is None:
            raise rule_error(None, "mục trống", "viết nội dung sau dấu '-', hoặc xóa dòng '-' thừa")
        value = colon_text(value)
        if isinstance(value, str):
            return {"noi_dung": value}
        return value

    @model_validator(mode="after")
    def _shape(self) -> Muc:
        if self.bang is not None and (self.tieu_de or self.noi_dung or self.muc or self.doan):
            raise rule_error(
                None,
                "'bang' là một bảng, không dùng chung với tieu_de/noi_dung/muc/doan",
                "bảng thuộc mục này thì đặt vào danh sách muc của nó, ngay dưới tieu_de"
                " (muc:, rồi '- bang:' thụt vào trong); nếu không, tách thành hai mục riêng"
                " trong danh sách",
                field="bang",
            )
        if self.bang is not None:
            return self
        if self.doan is not None and (self.tieu_de or self.noi_dung or self.muc):
            raise rule_error(
                None,
                "'doan' là một đoạn không đánh số, không dùng chung với tieu_de/noi_dung/muc",
                "tách thành hai mục riêng trong danh sách",
                field="doan",
            )
        if self.doan is None and not (self.tieu_de or self.noi_dung):
            raise rule_error(
                None,
                "mục chưa có tieu_de hoặc noi_dung"
                + (" (các mục con 'muc' cần một mục cha có chữ)" if self.muc else ""),
                "thêm tieu_de (tiêu đề đậm) hoặc noi_dung cho mục này",
            )
        return self


class Phan(Base):
    """A part of the plan (mục La Mã: I., II. …) with opening text, items and closing text;
    ``danh_so`` numbers its own items another way than the plan's scheme."""

    tieu_de: Text | None = None
    mo_dau: Paragraphs = Field(default_factory=_none_yet)
    muc: list[Muc] = Field(default_factory=_none_yet)
    ket: Paragraphs = Field(default_factory=_none_yet)
    danh_so: DanhSoPhan | None = None


class MucDichYeuCau(Phan):
    """I. MỤC ĐÍCH, YÊU CẦU: either plain items, or `muc_dich` and `yeu_cau` sub-lists."""

    muc_dich: list[Muc] = Field(default_factory=_none_yet)
    yeu_cau: list[Muc] = Field(default_factory=_none_yet)


class PhanCong(Base):
    """One assignment: a unit and its duties ("1. Phòng Nội vụ: Chủ trì …")."""

    don_vi: Text
    nhiem_vu: Paragraphs = Field(default_factory=_none_yet)
    muc: list[Muc] = Field(default_factory=_none_yet)


class ToChucThucHien(Phan):
    phan_cong: list[PhanCong] = Field(default_factory=_none_yet)


PartKey = Literal["dau", "muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien"]


class PhanKhac(Phan):
    """An extra part (kinh phí, tiến độ, chế độ báo cáo …) placed after `sau`."""

    tieu_de: Text
    sau: PartKey = "nhiem_vu"


class MucLon(Phan):
    """A section (I., II. …) inside a PHẦN."""

    tieu_de: Text


class PhanLon(Base):
    """A PHẦN (§8.3 scheme b): "Phần I" and its title, then its sections I., II. …"""

    tieu_de: Text
    mo_dau: Paragraphs = Field(default_factory=_none_yet)
    muc: list[MucLon] = Field(default_factory=_none_yet)
    ket: Paragraphs = Field(default_factory=_none_yet)


class PhuLuc(Base):
    """An appendix after the signature (PL-*): a new page, its own page numbers, often a
    table; ``ngang`` puts it on landscape pages (PL-7)."""

    tieu_de: Text | None = None
    ngang: bool = False
    mo_dau: Paragraphs = Field(default_factory=_none_yet)
    bang: Bang | None = None
    muc: list[Muc] = Field(default_factory=_none_yet)
    ket: Paragraphs = Field(default_factory=_none_yet)
    danh_so: DanhSoPhan | None = None

    @model_validator(mode="after")
    def _content(self) -> PhuLuc:
        if not (self.mo_dau or self.bang or self.muc or self.ket):
            raise rule_error(
                "PL-1",
                "phụ lục chưa có nội dung",
                "thêm bang, muc, mo_dau hoặc ket; hoặc xóa phụ lục này",
            )
        return self


def _lead_in(value: Any) -> Any:
    """``loi_dan``: a text, several paragraphs, or off (``""``, ``false``, ``không``)."""
    if isinstance(value, bool) and not value:
        return []
    if isinstance(value, str) and value.strip().lower() in ("", "false", "không", "khong"):
        return []
    if isinstance(value, str):
        return [value]
    return value


# --- closing ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _typed_prefixes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(spec key, pattern) of every signing authority's prefix as a clerk may type it in
    front of a value, in both laws' forms (§9.2 "TM.", "tm/", "KT ."; D-KT-1 "T/M", "K/T",
    "T/L", "Q."): whichever law the plan follows, a typed prefix is read, never printed twice
    ("TM. T/M …")."""
    found: dict[tuple[str, str], re.Pattern[str]] = {}
    for profile in (ND30, HD05):
        for key, printed in profile.authority_prefixes:
            mark = printed.rstrip(".")
            if "/" in mark:
                parts = r"\s*/\s*".join(map(re.escape, mark.split("/")))
                pattern = rf"^{parts}(\s*[./]\s*|\s+|$)"
            else:
                pattern = rf"^{re.escape(mark)}\s*[./]\s*"
            found[(key, mark)] = re.compile(pattern, re.IGNORECASE)
    longest_first = sorted(found.items(), key=lambda item: -len(item[0][1]))
    return tuple((key, pattern) for (key, _), pattern in longest_first)


# KY-1: what the signer's own position line holds instead of a typed prefix, by its key.
_POSITION_EXAMPLE = {
    "thay_mat": "CHỦ TỊCH",
    "thua_lenh": "CHÁNH VĂN PHÒNG",
    "thua_uy_quyen": "TRƯỞNG PHÒNG …",
}


def _authority(value: Any, info: ValidationInfo) -> Any:
    """A signing authority's value (§9.2), upper case. The prefix its own key prints, typed
    too ("thay_mat: TM. ỦY BAN NHÂN DÂN", "T/M …"), is dropped; another key's prefix is an
    error naming that key: "chuc_vu: KT. CHỦ TỊCH" would print the chairman himself."""
    if not isinstance(value, str):
        return value
    text = _nfc(value)
    key = info.field_name
    for typed_key, pattern in _typed_prefixes():
        match = pattern.match(text)
        if match is None:
            continue
        rest = upper_vi(text[match.end() :].strip())
        if typed_key != key:
            raise _prefix_elsewhere(str(key), typed_key, upper_vi(text), rest, law(info))
        return rest
    return upper_vi(text)


def _prefix_elsewhere(
    key: str, typed_key: str, typed: str, rest: str, profile: Profile
) -> PydanticCustomError:
    """KT-1..KT-3, KY-1 (D-KT-1): the prefix of ``typed_key`` typed in ``key``."""
    prefix = dict(profile.authority_prefixes).get(typed_key, typed.split()[0])
    if is_party(profile):
        rule = "D-KT-1"
    else:
        rule = {"ky_thay": "KT-1", "thay_mat": "KT-2"}.get(typed_key, "KT-3")
    if key != "chuc_vu":
        return rule_error(
            rule,
            f"'{typed}': chữ '{prefix}' đứng trước giá trị của khóa {typed_key}, không phải {key}",
            f"viết {typed_key}: {rest or '…'} (bỏ '{prefix}', kehoach tự in)",
        )
    if typed_key == "ky_thay":
        hint = (
            f"viết ky_thay: {rest or 'CHỦ TỊCH'} và chuc_vu: PHÓ {rest or 'CHỦ TỊCH'}"
            " (chức vụ cấp phó của chính người ký)"
        )
    elif typed_key == "quyen":
        hint = f"viết quyen: {rest or 'GIÁM ĐỐC'} và bỏ chuc_vu (dòng '{prefix} …' là chức vụ)"
    else:
        hint = (
            f"viết {typed_key}: {rest or '…'} và chuc_vu là chức vụ của người ký, ví dụ"
            f" chuc_vu: {_POSITION_EXAMPLE.get(typed_key, 'CHỦ TỊCH')}"
        )
    printed = "như người đứng đầu tự ký" if typed_key == "ky_thay" else "thành chức vụ"
    return rule_error(
        rule,
        f"chức vụ '{typed}' có chữ '{prefix}': chuc_vu chỉ ghi chức vụ của chính người ký"
        f" (bỏ chữ '{prefix}' thì khối chữ ký in '{rest}' {printed})",
        hint,
    )


Authority = Annotated[Text, BeforeValidator(_authority)]


class NguoiKy(Base):
    """Signature block (§9): authority words, the signer's position and full name."""

    thay_mat: Authority | None = None
    thua_lenh: Authority | None = None
    thua_uy_quyen: Authority | None = None
    ky_thay: Authority | None = None
    quyen: Authority | None = None
    chuc_vu: Authority | None = None
    ho_ten: Text

    @model_validator(mode="after")
    def _authority_rules(self, info: ValidationInfo) -> NguoiKy:
        # Every problem of the signature block at once, not just the first (§9.2).
        profile = law(info)
        if is_party(profile):
            problems = _party_signer_problems(self, profile)
        else:
            problems = self._state_problems(profile)
        if problems:
            rule, message, hint, field = problems[0]
            more = [{"rule": r, "message": m, "hint": h, "field": f} for r, m, h, f in problems[1:]]
            raise PydanticCustomError(
                "kehoach", message, {"rule": rule, "hint": hint, "field": field, "more": more}
            )
        return self

    def _state_problems(self, profile: Profile) -> list[tuple[str, str, str, str]]:
        """§9.2 (NĐ 30): (rule, message, hint, key) of each problem of the block."""
        problems: list[tuple[str, str, str, str]] = []
        if self.thay_mat and profile.is_personal_title(self.thay_mat):
            problems.append(
                (
                    "KT-2",
                    f"'TM. {self.thay_mat}': TM. (thay mặt) đứng trước tên tập thể hoặc cơ quan,"
                    " không đứng trước chức danh cá nhân",
                    f"viết thay_mat: ỦY BAN NHÂN DÂN (tên tập thể) và chuc_vu: {self.thay_mat}",
                    "thay_mat",
                )
            )
        if self.ky_thay and (self.chuc_vu is None or self.chuc_vu == self.ky_thay):
            problems.append(
                (
                    "KT-1",
                    f"'KT. {self.ky_thay}' phải đi kèm chức vụ cấp phó của người ký"
                    + (f", không phải '{self.chuc_vu}'" if self.chuc_vu else ""),
                    f"ví dụ: ky_thay: {self.ky_thay} và chuc_vu: PHÓ {self.ky_thay}",
                    "chuc_vu",
                )
            )
        elif self.chuc_vu is None and not self.quyen:
            problems.append(
                (
                    "KY-1",
                    "thiếu chức vụ của người ký",
                    "thêm chuc_vu (chức vụ của người ký), ví dụ chuc_vu: CHỦ TỊCH",
                    "chuc_vu",
                )
            )
        head = _deputy_head(self.chuc_vu)
        if head and not (self.ky_thay or self.quyen or self.thua_uy_quyen):
            if self.thay_mat:
                who = "cấp phó ký thay mặt tập thể thì ký thay người đứng đầu"
                shape = f"TM. {self.thay_mat} / KT. {head} / {self.chuc_vu}"
            elif self.thua_lenh:
                who = "cấp phó của người được ký thừa lệnh thì ký thay người đó"
                shape = f"TL. {self.thua_lenh} / KT. {head} / {self.chuc_vu}"
            else:
                who = "cấp phó ký thay người đứng đầu (kể cả khi được giao điều hành)"
                shape = f"KT. {head} / {self.chuc_vu}"
            problems.append(
                (
                    "KT-1",
                    f"'{self.chuc_vu}' là cấp phó: {who}, khối chữ ký là '{shape}'",
                    f"thêm ky_thay: {head}",
                    "chuc_vu",
                )
            )
        if self.quyen and self.chuc_vu and self.chuc_vu != self.quyen:
            problems.append(
                (
                    "KY-1",
                    f"ký 'Q. {self.quyen}' thì dòng này là chức vụ của người ký; không in thêm"
                    f" chức vụ '{self.chuc_vu}'",
                    f"bỏ chuc_vu; nếu là cấp phó ký thay thì bỏ quyen, viết ky_thay:"
                    f" {self.quyen} và chuc_vu: {self.chuc_vu}",
                    "chuc_vu",
                )
            )
        for key, prefix in profile.authority_prefixes:
            value = getattr(self, key)
            if key != "thay_mat" and value and profile.is_body_name(value):
                problems.append(
                    (
                        "KT-3",
                        f"'{prefix} {value}': sau {prefix} là chức danh người đứng đầu,"
                        " không phải tên cơ quan",
                        f"ví dụ: {key}: CHỦ TỊCH hoặc {key}: GIÁM ĐỐC",
                        key,
                    )
                )
        tops = [k for k in ("thay_mat", "thua_lenh", "thua_uy_quyen") if getattr(self, k)]
        if len(tops) > 1:
            problems.append(
                (
                    "KT-5",
                    "chỉ dùng một trong thay_mat (TM.), thua_lenh (TL.), thua_uy_quyen (TUQ.)",
                    f"giữ lại một khóa đúng với thẩm quyền ký, xóa {', '.join(tops[1:])}"
                    f" (hoặc xóa {tops[0]} và giữ khóa kia)",
                    tops[1],
                )
            )
        if self.ky_thay and self.quyen:
            problems.append(
                (
                    "KT-5",
                    "không dùng cùng lúc ky_thay (KT.) và quyen (Q.)",
                    "người được giao quyền ký 'Q. <chức danh>'; cấp phó ký 'KT. <chức danh>'",
                    "quyen",
                )
            )
        return problems


# §9.2: a deputy ("PHÓ …") signs "KT. <head>" above his own position, under TM. and TL. too;
# a deputy bí thư signs "T/M" directly (D-KT-3, and the Youth Union's own usage).
_SIGNS_DIRECTLY = ("BÍ THƯ",)


def _deputy_head(position: str | None) -> str | None:
    """ "PHÓ CHỦ TỊCH" → "CHỦ TỊCH": the head a deputy signs "KT." for (§9.2, KT-1)."""
    if not position or not position.startswith("PHÓ "):
        return None
    head = re.sub(r"\s+THƯỜNG TRỰC$", "", position[4:].strip())
    return None if not head or head in _SIGNS_DIRECTLY else head


# D-KT-2, D-KY-5 (HD 05 II.I.7.1.2b, 7.1.4b): the collectives a Party signer signs for
# ("T/M …") and the head of each, whose position (or its deputy's) is the only one that signs
# under it: a cấp ủy (its ban thường vụ, a chi bộ) its bí thư, an ủy ban kiểm tra its chủ
# nhiệm, a hội đồng its chủ tịch. Other collectives (đoàn chủ tịch, ban kiểm phiếu) are free.
_PARTY_COLLECTIVES = (
    (r"ĐẢNG (ỦY|UỶ)|TỈNH (ỦY|UỶ)|THÀNH (ỦY|UỶ)|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|CHI BỘ", "BÍ THƯ"),
    (r"(ỦY|UỶ) BAN KIỂM TRA", "CHỦ NHIỆM"),
    (r"HỘI ĐỒNG", "CHỦ TỊCH"),
)


def collective_positions(collective: str, profile: Profile) -> tuple[str, ...]:
    """D-KY-5: the positions that sign "T/M <collective>" ("BÍ THƯ", "PHÓ BÍ THƯ" for a cấp
    ủy); empty when the law does not restrict them for this collective."""
    for pattern, head in _PARTY_COLLECTIVES:
        if re.match(rf"({pattern})(\s|$)", collective):
            return tuple(p for p in profile.collective_positions if p.endswith(head))
    return ()


def bare_position(position: str, positions: tuple[str, ...]) -> str | None:
    """D-KY-5: "PHÓ BÍ THƯ" for "PHÓ BÍ THƯ ĐẢNG ỦY XÃ": the position without the body
    name typed after it."""
    longest_first = sorted(positions, key=len, reverse=True)
    return next((p for p in longest_first if position.startswith(p + " ")), None)


def _party_signer_problems(signer: NguoiKy, profile: Profile) -> list[tuple[str, str, str, str]]:
    """HD 05 II.I.7.1 (D-KT-1..5, D-KY-3, D-KY-5): (rule, message, hint, key) of each problem
    of a Party plan's signature block."""
    mark = dict(profile.authority_prefixes)
    tm, tl, kt, q = (mark.get(k, k) for k in ("thay_mat", "thua_lenh", "ky_thay", "quyen"))
    allowed = ", ".join(mark.values())
    problems: list[tuple[str, str, str, str]] = []
    for key in ("thay_mat", "thua_lenh", "thua_uy_quyen", "ky_thay", "quyen"):
        if getattr(signer, key) and key not in mark:
            problems.append(
                (
                    "D-KT-1",
                    f"văn bản của Đảng không ký thừa ủy quyền (TUQ.): {profile.law_short} chỉ có"
                    f" {allowed}",
                    f"bỏ {key}; người được giao ký thay cấp ủy ký thừa lệnh, ví dụ:"
                    f" thua_lenh: BAN THƯỜNG VỤ và chuc_vu: CHÁNH VĂN PHÒNG ({tl} BAN THƯỜNG VỤ)",
                    key,
                )
            )
    if signer.thay_mat and profile.is_personal_title(signer.thay_mat):
        problems.append(
            (
                "D-KT-2",
                f"'{tm} {signer.thay_mat}': {tm} (thay mặt) đứng trước tên tập thể (ĐẢNG ỦY,"
                " BAN THƯỜNG VỤ, CHI BỘ, ỦY BAN KIỂM TRA), không đứng trước chức vụ",
                f"viết thay_mat: BAN THƯỜNG VỤ (hoặc ĐẢNG ỦY, CHI BỘ) và chuc_vu: {signer.thay_mat}",
                "thay_mat",
            )
        )
    deputy = signer.chuc_vu or "PHÓ BÍ THƯ"
    if signer.thay_mat and signer.ky_thay:
        problems.append(
            (
                "D-KT-3",
                f"'{tm} {signer.thay_mat}' rồi '{kt} {signer.ky_thay}': cấp phó ký thay mặt tập"
                f" thể thì ký {tm} trực tiếp, văn bản của Đảng không có {tm} kèm {kt}",
                f"bỏ ky_thay; giữ thay_mat: {signer.thay_mat} và chuc_vu: {deputy}",
                "ky_thay",
            )
        )
    elif signer.ky_thay and signer.ky_thay in profile.collective_positions and not signer.thua_lenh:
        problems.append(
            (
                "D-KT-3",
                f"'{kt} {signer.ky_thay}': cấp phó của cấp ủy, ủy ban kiểm tra, hội đồng ký"
                f" {tm} tập thể, không ký thay {signer.ky_thay.lower()}",
                f"bỏ ky_thay; viết thay_mat: BAN THƯỜNG VỤ (hoặc ĐẢNG ỦY, CHI BỘ) và chuc_vu:"
                f" {signer.chuc_vu or 'PHÓ ' + signer.ky_thay}",
                "ky_thay",
            )
        )
    if signer.thua_lenh and signer.ky_thay:
        problems.append(
            (
                "D-KT-5",
                f"'{tl} {signer.thua_lenh}' rồi '{kt} {signer.ky_thay}': người được giao ký thừa"
                f" lệnh ký {tl} trực tiếp, không có {kt}",
                f"bỏ ky_thay; giữ thua_lenh: {signer.thua_lenh} và chuc_vu:"
                f" {signer.chuc_vu or 'PHÓ CHÁNH VĂN PHÒNG'}",
                "ky_thay",
            )
        )
    if signer.ky_thay and signer.chuc_vu == signer.ky_thay:
        problems.append(
            (
                "D-KT-4",
                f"'{kt} {signer.ky_thay}' phải đi kèm chức vụ cấp phó của người ký, không phải"
                f" '{signer.chuc_vu}'",
                f"ví dụ: ky_thay: {signer.ky_thay} và chuc_vu: PHÓ {signer.ky_thay}",
                "chuc_vu",
            )
        )
    if signer.chuc_vu is None and not signer.quyen:
        example = f"PHÓ {signer.ky_thay}" if signer.ky_thay else "PHÓ BÍ THƯ"
        problems.append(
            (
                "D-KY-3",
                "thiếu chức vụ của người ký",
                f"thêm chuc_vu (chức vụ của người ký), ví dụ chuc_vu: {example}",
                "chuc_vu",
            )
        )
    for key, prefix in (("ky_thay", kt), ("quyen", q)):
        value = getattr(signer, key)
        if value and profile.is_body_name(value):
            problems.append(
                (
                    "D-KT-4",
                    f"'{prefix} {value}': sau {prefix} là chức vụ người đứng đầu, không phải tên"
                    " cơ quan",
                    f"ví dụ: {key}: TRƯỞNG BAN hoặc {key}: CHÁNH VĂN PHÒNG",
                    key,
                )
            )
    if signer.thay_mat and signer.thua_lenh:
        problems.append(
            (
                "D-KT-1",
                f"chỉ dùng một trong thay_mat ({tm}), thua_lenh ({tl})",
                "giữ lại thẩm quyền đúng và xóa khóa còn lại",
                "thua_lenh",
            )
        )
    if signer.ky_thay and signer.quyen:
        problems.append(
            (
                "D-KT-4",
                f"không dùng cùng lúc ky_thay ({kt}) và quyen ({q})",
                f"người được giao quyền cấp trưởng ký '{q} TRƯỞNG BAN'; cấp phó ký"
                f" '{kt} TRƯỞNG BAN'",
                "quyen",
            )
        )
    positions = collective_positions(signer.thay_mat or "", profile)
    if signer.chuc_vu and positions and signer.chuc_vu not in positions:
        bare = bare_position(signer.chuc_vu, positions)
        if bare:
            message = (
                f"'{signer.chuc_vu}': ký {tm} {signer.thay_mat} chỉ ghi chức vụ, không ghi kèm"
                " tên cấp ủy, tổ chức"
            )
            hint = f"viết chuc_vu: {bare}"
        else:
            message = (
                f"'{signer.chuc_vu}': chỉ {' hoặc '.join(positions)} ký {tm} {signer.thay_mat}"
            )
            hint = (
                f"viết chuc_vu: {' hoặc '.join(positions)}; người khác ký thừa lệnh"
                f" ({tl}), ví dụ: thua_lenh: BAN THƯỜNG VỤ và chuc_vu: CHÁNH VĂN PHÒNG"
            )
        problems.append(("D-KY-5", message, hint, "chuc_vu"))
    return problems


class TrinhBay(Base):
    """Page setup and body size; what is left out takes the profile's value (P-4, ND-1)."""

    le_tren: float | None = Field(None, description="mm")
    le_duoi: float | None = Field(None, description="mm")
    le_trai: float | None = Field(None, description="mm")
    le_phai: float | None = Field(None, description="mm")
    co_chu: int | None = None

    @field_validator("co_chu")
    @classmethod
    def _body_size(cls, value: int | None, info: ValidationInfo) -> int | None:
        size = law(info).sizes.body
        if value is not None and not size.accepts(value):
            choices = ", ".join(f"{v:g}" for v in size.choices)
            raise rule_error(
                size.rule, f"cỡ chữ nội dung {value} không hợp lệ", f"chọn một trong: {choices}"
            )
        return value

    @model_validator(mode="after")
    def _margins(self, info: ValidationInfo) -> TrinhBay:
        # P-3: each margin inside its closed range.
        margins = law(info).margins
        for key, rule, name in (
            ("le_tren", margins.top, "Lề trên"),
            ("le_duoi", margins.bottom, "Lề dưới"),
            ("le_trai", margins.left, "Lề trái"),
            ("le_phai", margins.right, "Lề phải"),
        ):
            value = getattr(self, key)
            if value is not None and not rule.accepts(value):
                raise rule_error(
                    rule.rule,
                    f"{name} {value:g} mm nằm ngoài khoảng {rule.low:g}–{rule.high:g} mm",
                    f"đặt {key} từ {rule.low:g} đến {rule.high:g}",
                    field=key,
                )
        return self


# --- the plan -------------------------------------------------------------------------------


def _check_number(value: str | None, info: ValidationInfo) -> str | None:
    # SO-3: 01–09 with a leading zero, 10 and above plainly; blank for the records office.
    if value is None:
        return None
    value = value.strip()
    if not law(info).number_re.fullmatch(value):
        hint = "để trống (so: '') nếu văn thư cấp số sau khi ký"
        if value.isdigit() and int(value) > 0:
            hint = f"viết '{int(value):02d}'" + (
                "" if int(value) < 10 else " (không thêm số 0 ở đầu)"
            )
        raise rule_error(rule_id(law(info), "SO-3"), f"số văn bản '{value}' sai định dạng", hint)
    return value


def _blank_number(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


# D-SO-1: the whole number line typed into ky_hieu ("Số 05-KH/ĐU", "05-KH/ĐU", "Số: 05/KH-ĐU").
_NUMBER_LINE = re.compile(r"^(?:Số\b\s*:?\s*(\d*)|(\d+))\s*[-/]?\s*(.*)$", re.IGNORECASE)


def _party_form(symbol: str) -> str:
    """ "KH-ĐU" (NĐ 30's order, SO-1) as a Party symbol "KH/ĐU" (D-SO-1)."""
    return symbol if "/" in symbol else symbol.replace("-", "/", 1)


def _party_symbol(value: str, profile: Profile) -> str:
    """D-SO-1, D-SO-4, D-SO-7: a Party plan's ky_hieu is "KH/ĐU": the type code, "/", the body
    code (joint bodies' codes joined by "-"); "Số" and the number come from ``so``."""
    auto = f"hoặc bỏ khóa ky_hieu để tự tạo {profile.symbol('<viet_tat>')}"
    typed = _NUMBER_LINE.match(value)
    if typed:
        number = typed.group(1) or typed.group(2) or ""
        symbol = _party_form(typed.group(3)) or profile.symbol("ĐU")
        raise rule_error(
            "D-SO-1",
            f"ky_hieu '{value}' có cả chữ 'Số' hoặc số văn bản: ky_hieu chỉ ghi ký hiệu"
            f" ({symbol}); kehoach tự viết '{profile.number_line(number or '05', symbol)}'",
            f"viết ky_hieu: {symbol}" + (f' và so: "{number}"' if number else ""),
        )
    if profile.symbol_re.fullmatch(value):
        first, body = value.split("/", 1)
        if first != profile.type_code:
            raise rule_error(
                "D-SO-7",
                f"ký hiệu '{value}' phải bắt đầu bằng '{profile.type_code}' (chữ viết tắt của"
                f" {profile.type_name_in_text})",
                f"viết ky_hieu: {profile.symbol(body)}; {auto}",
            )
        _capitals(profile, value, f"ký hiệu '{value}'")
        return value
    if ND30.symbol_re.fullmatch(value):
        party = _party_form(value)
        raise rule_error(
            "D-SO-4",
            f"ký hiệu '{value}' viết theo thể thức văn bản nhà nước ({ND30.law_short});"
            f" văn bản của Đảng viết '{party}': dấu '/' trước chữ viết tắt của cơ quan",
            f"viết ky_hieu: {party}; {auto}",
        )
    message = (
        f"ký hiệu '{value}' sai định dạng: chữ viết tắt tên loại, dấu '/', chữ viết tắt cơ quan"
    )
    if re.search(r"\s", value):
        message += ", không có dấu cách"
    raise rule_error("D-SO-4", message, f"ví dụ: {profile.symbol('ĐU')}; {auto}")


# --- the Quyết định that issues a plan ------------------------------------------------------


class QuyetDinh(Base):
    """A Quyết định issuing the plan (Mẫu 1.3): printed first, the plan attached after it
    "(Ban hành kèm theo Quyết định số …)". Left-out keys take the plan's values."""

    so: Annotated[str | None, BeforeValidator(_blank_number)] = None
    ky_hieu: Text | None = None
    ngay: NgayInput | None = None
    trich_yeu: Text | None = None
    tham_quyen: Text | None = None
    can_cu: Paragraphs = Field(default_factory=_none_yet)
    de_nghi: Paragraphs = Field(default_factory=_none_yet)
    dieu: Paragraphs = Field(default_factory=_none_yet)
    noi_nhan: Paragraphs = Field(default_factory=_none_yet)
    luu: Text | None = None
    nguoi_ky: NguoiKy | None = None

    @field_validator("tham_quyen")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        # The issuing authority's line is written in capitals (Mẫu 1.3).
        return upper_vi(value) if value else value

    @field_validator("so")
    @classmethod
    def _number(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _check_number(value, info)

    @field_validator("ky_hieu")
    @classmethod
    def _symbol(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        profile = law(info)
        code = profile.decision_code
        if not profile.symbol_re.fullmatch(value) or value.split("-", 1)[0] != code:
            raise rule_error(
                "SO-4",
                f"ký hiệu quyết định '{value}' sai: bắt đầu bằng '{code}-', các nhóm chữ"
                " nối bằng '-', không có dấu cách",
                f"ví dụ: {code}-UBND; hoặc bỏ khóa để tự tạo {code}-<viet_tat>",
            )
        _capitals(profile, value, f"ký hiệu quyết định '{value}'")
        return value


class KeHoach(Base):
    """A whole Kế hoạch. Only the header, trích yếu, signer and recipients are required."""

    the_thuc: TheThuc = "nha-nuoc"
    co_quan: CoQuan
    so: Annotated[str | None, BeforeValidator(_blank_number)] = None
    ky_hieu: Text | None = None
    dia_danh: Text
    ngay: NgayInput
    trich_yeu: Lines
    kem_theo: Text | None = None
    can_cu: Paragraphs = Field(default_factory=_none_yet)
    thuc_hien: Paragraphs = Field(default_factory=_none_yet)
    de_nghi: Paragraphs = Field(default_factory=_none_yet)
    loi_dan: Annotated[list[Text] | None, BeforeValidator(_lead_in)] = None
    danh_so: DanhSo = "la-ma"
    muc_dich_yeu_cau: MucDichYeuCau | None = None
    nhiem_vu: Phan | None = None
    to_chuc_thuc_hien: ToChucThucHien | None = None
    phan_khac: list[PhanKhac] = Field(default_factory=_none_yet)
    phan: list[PhanLon] = Field(default_factory=_none_yet)
    ket_luan: Text | None = None
    noi_nhan: Paragraphs = Field(default_factory=_none_yet)
    luu: Text | None = None
    nguoi_ky: NguoiKy
    phu_luc: list[PhuLuc] = Field(default_factory=_none_yet)
    quyet_dinh: QuyetDinh | None = None
    trinh_bay: TrinhBay = Field(default_factory=TrinhBay)

    # Set by validation: what it warned about, and the file the spec was read from.
    _warnings: list[Any] = PrivateAttr(default_factory=_none_yet)
    _source: Path | None = PrivateAttr(default=None)

    @property
    def warnings(self) -> list[Any]:
        """The warnings validation gave (``kehoach.Diagnostic``), sorted by position."""
        return list(self._warnings)

    @property
    def source(self) -> Path | None:
        """The spec file this plan was read from, if any."""
        return self._source

    @field_validator("dia_danh")
    @classmethod
    def _place(cls, value: str) -> str:
        # DD-2: the place name keeps its capitals (Phú Phong, Thành phố Hồ Chí Minh).
        if value[0].isdigit():  # DD-7: a unit named by a number keeps its unit word
            raise rule_error(
                "DD-7",
                f"địa danh '{value}' là số: phải ghi kèm loại đơn vị hành chính",
                f"ví dụ: Phường {value}",
            )
        if not value[0].isupper():
            raise rule_error(
                "DD-2",
                f"địa danh '{value}' phải viết hoa chữ cái đầu của tên riêng",
                "ví dụ: "
                + (
                    " ".join(w.capitalize() for w in value.split())
                    if value[0].isalpha()
                    else "Phú Phong"
                ),
            )
        return value

    @field_validator("thuc_hien")
    @classmethod
    def _carrying_out(cls, value: list[str], info: ValidationInfo) -> list[str]:
        # CC-1: a legal basis is set in italics with the others; a "Thực hiện …" line is body
        # text, so a "Căn cứ …" among them would print upright, out of form. (D-CC-1: a
        # Party plan sets both upright with "- ", so there it prints as a basis anyway.)
        if is_party(law(info)):
            return value
        for i, line in enumerate(value):
            if _BASIS_START.match(line):
                raise rule_error(
                    "CC-1",
                    f"dòng '{line[:60]}' là căn cứ pháp lý nhưng nằm trong thuc_hien: căn cứ in"
                    " nghiêng cùng các căn cứ khác, còn dòng 'Thực hiện …' in đứng",
                    "chuyển dòng này sang khóa can_cu",
                    field=[i],
                )
        return value

    @field_validator("trich_yeu")
    @classmethod
    def _summary(cls, value: list[str], info: ValidationInfo) -> list[str]:
        # TL-2: "V/v" belongs to công văn only; a Kế hoạch names its type instead.
        if re.match(r"^\s*V/v\b", value[0], re.IGNORECASE):
            raise rule_error(
                "TL-2",
                "trích yếu của Kế hoạch không bắt đầu bằng 'V/v' (chỉ công văn mới dùng)",
                "bỏ 'V/v', ví dụ: 'Triển khai công tác … năm 2026'",
            )
        # TL-2: the printed trích yếu starts with a capital (kehoach writes it); a letter with
        # no capital (not Vietnamese) cannot. (D-TL-2: a Party one starts in lower case.)
        first = value[0].lstrip("*")[:1]
        if not law(info).summary_lowercase and first.isalpha() and first.upper() == first.lower():
            raise rule_error(
                "TL-2",
                f"trích yếu bắt đầu bằng chữ '{first}' không viết hoa được: trích yếu viết hoa"
                " chữ cái đầu",
                "bắt đầu trích yếu bằng chữ tiếng Việt, ví dụ: 'Triển khai công tác … năm 2026'",
            )
        return value

    @field_validator("so")
    @classmethod
    def _number(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _check_number(value, info)

    @field_validator("ky_hieu")
    @classmethod
    def _symbol(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        profile = law(info)
        if is_party(profile):
            return _party_symbol(value, profile)
        if not profile.symbol_re.fullmatch(value):
            if HD05.symbol_re.fullmatch(value):
                # D-NB-9: "KH/ĐU" is the Party's form, not a typing slip.
                state = value.replace("/", "-", 1)
                raise rule_error(
                    "SO-4",
                    f"ký hiệu '{value}' viết theo thể thức văn bản của Đảng (dấu '/' trước chữ"
                    f" viết tắt của cơ quan); văn bản nhà nước ({profile.law_short}) viết '{state}'",
                    f"kế hoạch của cấp ủy, tổ chức đảng: thêm dòng 'the_thuc: dang' ({HD05.law});"
                    f" văn bản nhà nước: viết ky_hieu: {state}",
                )
            message = f"ký hiệu '{value}' sai định dạng: các nhóm chữ viết hoa nối bằng '-'"
            if re.search(r"\s", value):
                message += ", không có dấu cách"
            raise rule_error(
                "SO-4", message, "ví dụ: KH-UBND; hoặc bỏ khóa ky_hieu để tự tạo KH-<viet_tat>"
            )
        code = profile.type_code
        first = value.split("-", 1)[0]
        if first != code:
            hint = f"ví dụ: {profile.symbol('UBND')}"
            if first in ("QĐ", "QD"):
                hint = (
                    "kế hoạch được ban hành kèm một quyết định: ghi số, ký hiệu của quyết định"
                    " trong khóa quyet_dinh (so, ky_hieu); kế hoạch kèm theo không có số riêng"
                )
            raise rule_error(
                "SO-4",
                f"ký hiệu '{value}' phải bắt đầu bằng '{code}' (chữ viết tắt của"
                f" {profile.type_name_in_text}, Phụ lục III)",
                hint,
            )
        _capitals(profile, value, f"ký hiệu '{value}'")
        return value

    @model_validator(mode="after")
    def _shapes(self, info: ValidationInfo) -> KeHoach:
        profile = law(info)
        if self.quyet_dinh is not None and is_party(profile):
            # HD 05 lays out a Party plan, not a Quyết định that issues one (its own number
            # series, "Điều" text and signer); kehoach does not guess that layout.
            raise rule_error(
                None,
                f"quyet_dinh chưa dùng được với the_thuc: dang: kehoach chưa trình bày quyết"
                f" định ban hành kế hoạch theo {profile.law}",
                "soạn quyết định thành văn bản riêng; trong tệp này bỏ quyet_dinh và ghi"
                " kem_theo: Quyết định số …-QĐ/ĐU, ngày … của …",
                field="quyet_dinh",
            )
        fixed = [
            k
            for k in ("muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien", "phan_khac")
            if getattr(self, k)
        ]
        if self.phan and fixed:
            raise rule_error(
                None,
                f"kế hoạch chia PHẦN (khóa phan) thì các mục đặt trong từng phần, không dùng"
                f" {fixed[0]} ở ngoài",
                "chuyển nội dung vào muc của một phần, mỗi mục một tieu_de",
                field=fixed[0],
            )
        if self.quyet_dinh is not None and self.kem_theo:
            raise rule_error(
                None,
                "đã có quyet_dinh nên dòng '(Ban hành kèm theo Quyết định …)' được tạo tự động",
                "bỏ khóa kem_theo",
                field="kem_theo",
            )
        return self
