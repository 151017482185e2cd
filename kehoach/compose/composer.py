"""Compose: a validated spec plus wording becomes the document model.

Everything a clerk used to fix by hand happens here, by construction: numbering by level
(§8.3), `;`/`.` after căn cứ (CC-1) and recipients (NN-2), the `- Lưu: VT` line (NN-3),
`./.` after the last sentence (ND-6), the number and date formats (SO-3, DD-4).
"""

from __future__ import annotations

import re

from kehoach.compose.inline import parse_inline, plain
from kehoach.compose.wording import Wording, WordingContext
from kehoach.document import Block, Document, Header, Page, Role, Signature, Span
from kehoach.law import nd30
from kehoach.spec.model import (
    KeHoach,
    Muc,
    MucDichYeuCau,
    Phan,
    PhanKhac,
    ToChucThucHien,
    upper_vi,
)

_TRAILING_PUNCT = re.compile(r"[\s;,.:]+$")
_LEADING_DASH = re.compile(r"^[\s\-–—•+]+")
_UNIT_WORDS = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "xã",
    "tỉnh",
    "huyện",
    "quận",
)
_BODY_PREFIXES = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
}


_KEEP_WORD = re.compile(r"^[-–\s]*lưu\b\s*(.*)$", re.IGNORECASE)


def is_keep_line(text: str) -> bool:
    """The archive line (NN-3): `Lưu: VT, VP`, `Lưu VT`, `Lưu VP`, `lưu:` — but not a
    recipient that merely starts with the word, like `Lưu trữ lịch sử tỉnh`."""
    match = _KEEP_WORD.match(plain(text))
    if match is None:
        return False
    rest = match.group(1).strip()
    if not rest or rest.startswith(":"):
        return True
    token = re.split(r"[\s,.;]+", rest)[0]
    return token.upper() == "VT" or (token.isupper() and token.isalpha())


def keep_line_units(text: str) -> str:
    """What follows `Lưu: VT` in a user's archive line (`VP`, `NC, TH` …)."""
    rest = _KEEP_WORD.match(plain(text)).group(1)  # type: ignore[union-attr]
    rest = _TRAILING_PUNCT.sub("", re.sub(r"^\s*:\s*", "", rest))
    return re.sub(r"^VT\b\s*,?\s*", "", rest, flags=re.IGNORECASE)


def lower_first(text: str) -> str:
    """`Triển khai …` → `triển khai …`, leaving acronyms (`UBND …`) alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def body_name_in_text(names: list[str]) -> str | None:
    """How `ỦY BAN NHÂN DÂN THỊ TRẤN PHÚ PHONG` reads in a sentence (VH-4, VH-9).

    Only the patterns whose capitalisation is certain are derived; otherwise ``None`` and
    the spec must say `co_quan.ten_goi`.
    """
    full = " ".join(names)
    for prefix, in_text in _BODY_PREFIXES.items():
        if not full.startswith(prefix):
            continue
        rest = full[len(prefix) :].strip().lower()
        if not rest:
            return in_text
        for unit in _UNIT_WORDS:
            if rest.startswith(unit + " "):
                name = rest[len(unit) + 1 :]
                if name[:1].isdigit() or (unit == "thành phố" and name == "hồ chí minh"):
                    unit = upper_first(unit)  # VH-5, VH-6: Phường 1, Thành phố Hồ Chí Minh
                return f"{in_text} {unit} {' '.join(w.capitalize() for w in name.split())}"
        return None
    return None


def _ensure_end(text: str, ending: str) -> str:
    """Replace whatever punctuation the user typed at the end with ``ending``."""
    return _TRAILING_PUNCT.sub("", text) + ending


def _close_body(text: str) -> str:
    # ND-6: the last sentence ends with "./." (added when missing, never doubled).
    stripped = text.rstrip()
    if stripped.endswith("./."):
        return stripped
    return _TRAILING_PUNCT.sub("", stripped) + "./."


class _Composer:
    def __init__(self, spec: KeHoach, wording: Wording) -> None:
        self.spec = spec
        self.w = wording
        summary = " ".join(spec.trich_yeu)
        self.context = WordingContext(
            ten_goi=spec.co_quan.ten_goi
            or body_name_in_text(spec.co_quan.ten)
            or upper_first(" ".join(spec.co_quan.ten).lower()),
            trich_yeu=plain(summary),
            trich_yeu_thuong=lower_first(plain(summary)),
            nam=spec.ngay.nam,
        )
        self.blocks: list[Block] = []

    # -- paragraphs --------------------------------------------------------------------

    def para(
        self, role: Role, text: str, *, prefix: str = "", bold: bool = False, keep: bool = False
    ) -> None:
        spans = [Span(prefix, bold=bold)] if prefix else []
        spans += parse_inline(text, bold=bold)
        self.blocks.append(Block(role, spans, keep_with_next=keep))

    def opening(self) -> None:
        spec = self.spec
        lead_in = spec.loi_dan or self.w("loi_dan", self.context)
        # CC-1: one basis a line, `;` after each; the last takes `.` only when the sentence
        # ends there (a lead-in such as "…, như sau:" continues it, as in the seed plan).
        lines = [(Role.LEGAL_BASIS, t) for t in spec.can_cu] + [
            (Role.BODY, t) for t in spec.thuc_hien
        ]
        for i, (role, text) in enumerate(lines):
            last = i == len(lines) - 1
            self.para(role, _ensure_end(text, "." if last and not lead_in else ";"))
        if lead_in:
            self.para(Role.BODY, lead_in)

    def part(self, number: int, title: str, part: Phan) -> None:
        # §8.3: `I. MỤC ĐÍCH, YÊU CẦU`, uppercase and bold.
        self.para(
            Role.PART_HEADING,
            upper_vi(title),
            prefix=f"{nd30.roman(number)}. ",
            bold=True,
            keep=True,
        )
        for text in part.mo_dau:
            self.para(Role.BODY, text)
        counter = self.items(part.muc, level=1)
        if isinstance(part, MucDichYeuCau):
            # "1. Mục đích" / "2. Yêu cầu" with their points as "-" lines, as plans write them.
            for macro, group in (
                ("tieu_de_muc_dich", part.muc_dich),
                ("tieu_de_yeu_cau", part.yeu_cau),
            ):
                if group:
                    counter += 1
                    self.para(
                        Role.ITEM_TITLE, self.w(macro), prefix=f"{counter}. ", bold=True, keep=True
                    )
                    self.items(group, level=3)
        if isinstance(part, ToChucThucHien):
            for assignment in part.phan_cong:
                first, *rest = assignment.nhiem_vu or [""]
                unit = _TRAILING_PUNCT.sub("", assignment.don_vi)
                line = self.w("phan_cong", unit, first)
                self.para(Role.ITEM, line, prefix=f"{counter + 1}. ")
                counter += 1
                for text in rest:
                    self.para(Role.BODY, text)
                self.items(assignment.muc, level=2)
        for text in part.ket:
            self.para(Role.BODY, text)

    def items(self, items: list[Muc], level: int, start: int = 0) -> int:
        """Lay out a list of items at ``level`` (1 = `1.`); return how many were numbered."""
        n = start
        for item in items:
            if item.doan is not None:
                self.para(Role.BODY, item.doan)
                continue
            label = self.label(level, n)
            n += 1
            if item.tieu_de:
                self.para(Role.ITEM_TITLE, item.tieu_de, prefix=label, bold=True, keep=True)
                for text in item.noi_dung:
                    self.para(Role.BODY, text)
            else:
                first, *rest = item.noi_dung
                self.para(Role.ITEM, first, prefix=label)
                for text in rest:
                    self.para(Role.BODY, text)
            self.items(item.muc, level + 1)
        return n

    @staticmethod
    def label(level: int, index: int) -> str:
        # §8.3 scheme (b): khoản `1.`, điểm `a)`, then typed `-` and `+` (never Word bullets).
        if level == 1:
            return f"{index + 1}. "
        if level == 2:
            return f"{nd30.point_letter(index)}) "
        return "- " if level == 3 else "+ "

    def body(self) -> None:
        spec = self.spec
        parts: list[tuple[str, Phan]] = []
        extras: dict[str, list[PhanKhac]] = {}
        for extra in spec.phan_khac:
            extras.setdefault(extra.sau, []).append(extra)
        parts += [(e.tieu_de, e) for e in extras.get("dau", [])]
        mdyc = spec.muc_dich_yeu_cau
        if mdyc is not None:
            parts.append((mdyc.tieu_de or self.w("tieu_de_muc_dich_yeu_cau"), mdyc))
        parts += [(e.tieu_de, e) for e in extras.get("muc_dich_yeu_cau", [])]
        if spec.nhiem_vu is not None:
            parts.append((spec.nhiem_vu.tieu_de or self.w("tieu_de_nhiem_vu"), spec.nhiem_vu))
        parts += [(e.tieu_de, e) for e in extras.get("nhiem_vu", [])]
        if spec.to_chuc_thuc_hien is not None:
            tcth = spec.to_chuc_thuc_hien
            parts.append((tcth.tieu_de or self.w("tieu_de_to_chuc_thuc_hien"), tcth))
        parts += [(e.tieu_de, e) for e in extras.get("to_chuc_thuc_hien", [])]
        for i, (title, part) in enumerate(parts, start=1):
            self.part(i, title, part)
        closing = spec.ket_luan or self.w("ket_luan", self.context)
        self.para(Role.CLOSING, _close_body(closing), keep=True)

    def recipients(self) -> list[str]:
        # NN-2: "- X;" each; NN-3: last "- Lưu: VT, <unit>." (added when absent).
        keep_line = None
        lines = []
        for raw in self.spec.noi_nhan:
            text = _TRAILING_PUNCT.sub("", _LEADING_DASH.sub("", raw))
            if is_keep_line(text):
                keep_line = text
            elif text:
                lines.append(f"- {plain(text)};")
        if keep_line is None:
            unit = plain(self.spec.luu or "")
            unit = re.sub(r"^VT\b\s*,?\s*", "", _TRAILING_PUNCT.sub("", unit), flags=re.IGNORECASE)
            keep_line = self.w("luu", unit)
        else:
            keep_line = self.w("luu", keep_line_units(keep_line))
        lines.append(f"- {_TRAILING_PUNCT.sub('', keep_line)}.")
        return lines

    def document(self) -> Document:
        spec = self.spec
        self.opening()
        self.body()
        page = Page(
            spec.trinh_bay.le_tren,
            spec.trinh_bay.le_duoi,
            spec.trinh_bay.le_trai,
            spec.trinh_bay.le_phai,
            spec.trinh_bay.co_chu,
        )
        header = Header(
            superior=list(spec.co_quan.chu_quan or []),
            body=list(spec.co_quan.ten),
            number_line=nd30.number_line(spec.so, spec.symbol),
            place_date=nd30.place_date_line(
                spec.dia_danh, spec.ngay.nam, spec.ngay.thang, spec.ngay.ngay
            ),
        )
        # TL-2: sentence case, so only the first line starts with a capital.
        # Emphasis markers would print literally in these all-bold/all-plain lines.
        summary = [upper_first(plain(spec.trich_yeu[0])), *map(plain, spec.trich_yeu[1:])]
        return Document(
            header=header,
            type_name=self.w("ten_loai"),
            summary=summary,
            blocks=self.blocks,
            recipients_label=self.w("nhan_noi_nhan"),
            recipients=self.recipients(),
            signature=Signature(
                [plain(line) for line in spec.nguoi_ky.authority_lines()],
                plain(spec.nguoi_ky.ho_ten),
            ),
            page=page,
            title=f"{self.w('ten_loai')} {plain(' '.join(summary))}",
            author=" ".join(spec.co_quan.ten),
            year=spec.ngay.nam,
        )


def compose(spec: KeHoach, wording: Wording | None = None) -> Document:
    return _Composer(spec, wording or Wording()).document()
