"""Compose: a validated spec plus wording becomes the document model.

Everything a clerk used to fix by hand happens here, by construction: numbering by level
(§8.3), `;`/`.` after căn cứ (CC-1) and recipients (NN-2), the `- Lưu: VT` line (NN-3),
`./.` after the last sentence (ND-6), the number and date formats (SO-3, DD-4).
"""

from __future__ import annotations

import re

from kehoach.compose.inline import parse_inline, plain
from kehoach.compose.wording import Wording, WordingContext
from kehoach.document import Block, Document, Header, Role, Signature, Span
from kehoach.law.layout import page_setup
from kehoach.law.nd30 import ND30, roman
from kehoach.law.profile import Profile
from kehoach.law.text import (
    archive_units,
    body_name_in_text,
    is_archive_line,
    lower_first,
    strip_end_punctuation,
    upper_first,
    upper_vi,
)
from kehoach.spec.model import (
    KeHoach,
    Muc,
    MucDichYeuCau,
    Phan,
    PhanKhac,
    ToChucThucHien,
)

_LEADING_DASH = re.compile(r"^[\s\-–—•+]+")


def _ensure_end(text: str, ending: str) -> str:
    """Replace whatever punctuation the user typed at the end with ``ending``."""
    return strip_end_punctuation(text) + ending


def _close_body(text: str, mark: str) -> str:
    # ND-6: the last sentence ends with "./." (added when missing, never doubled).
    stripped = text.rstrip()
    if stripped.endswith(mark):
        return stripped
    return strip_end_punctuation(stripped) + mark


class _Composer:
    def __init__(self, spec: KeHoach, wording: Wording, profile: Profile) -> None:
        self.spec = spec
        self.w = wording
        self.law = profile
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
        self,
        role: Role,
        text: str,
        *,
        prefix: str = "",
        bold: bool = False,
        keep: bool = False,
        level: int = 0,
    ) -> None:
        spans = [Span(prefix, bold=bold)] if prefix else []
        spans += parse_inline(text, bold=bold)
        self.blocks.append(Block(role, spans, keep_with_next=keep, level=level))

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
            prefix=f"{roman(number)}. ",
            bold=True,
            keep=True,
            level=1,
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
                        Role.ITEM_TITLE,
                        self.w(macro),
                        prefix=f"{counter}. ",
                        bold=True,
                        keep=True,
                        level=2,
                    )
                    self.items(group, level=3)
        if isinstance(part, ToChucThucHien):
            for assignment in part.phan_cong:
                first, *rest = assignment.nhiem_vu or [""]
                unit = strip_end_punctuation(assignment.don_vi)
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
                self.para(
                    Role.ITEM_TITLE,
                    item.tieu_de,
                    prefix=label,
                    bold=True,
                    keep=True,
                    level=level + 1,
                )
                for text in item.noi_dung:
                    self.para(Role.BODY, text)
            else:
                first, *rest = item.noi_dung
                self.para(Role.ITEM, first, prefix=label)
                for text in rest:
                    self.para(Role.BODY, text)
            self.items(item.muc, level + 1)
        return n

    def label(self, level: int, index: int) -> str:
        # §8.3 scheme (b): khoản `1.`, điểm `a)`, then typed `-` and `+` (never Word bullets).
        if level == 1:
            return f"{index + 1}. "
        if level == 2:
            return f"{self.law.point_letter(index)}) "
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
        self.para(Role.CLOSING, _close_body(closing, self.law.closing_mark), keep=True)

    def recipients(self) -> list[str]:
        # NN-2: "- X;" each; NN-3: last "- Lưu: VT, <unit>." (added when absent).
        archive = None
        lines = []
        for raw in self.spec.noi_nhan:
            text = strip_end_punctuation(_LEADING_DASH.sub("", plain(raw)))
            if is_archive_line(text, self.law):
                archive = archive_units(text, self.law)
            elif text:
                lines.append(f"- {text};")
        if archive is None:
            units = strip_end_punctuation(plain(self.spec.luu or ""))
            office = re.escape(self.law.records_office)
            archive = re.sub(rf"^{office}\b\s*,?\s*", "", units, flags=re.IGNORECASE)
        lines.append(self.law.archive_line(archive))
        return lines

    def signature(self) -> Signature:
        """KY-1, §9.2: the authority lines in the law's order, then the signer's position."""
        signer = self.spec.nguoi_ky
        lines = [
            self.law.authority_line(key, plain(value))
            for key, _ in self.law.authority_prefixes
            if (value := getattr(signer, key))
        ]
        if signer.chuc_vu and signer.chuc_vu != signer.quyen:
            lines.append(plain(signer.chuc_vu))
        return Signature(lines, plain(signer.ho_ten))

    def document(self) -> Document:
        spec, law = self.spec, self.law
        self.opening()
        self.body()
        header = Header(
            superior=list(spec.co_quan.chu_quan or []),
            body=list(spec.co_quan.ten),
            number_line=law.number_line(spec.so, spec.ky_hieu or law.symbol(spec.co_quan.viet_tat)),
            place_date=law.place_date_line(
                spec.dia_danh, spec.ngay.nam, spec.ngay.thang, spec.ngay.ngay
            ),
        )
        # TL-2: sentence case, so only the first line starts with a capital.
        # Emphasis markers would print literally in these all-bold/all-plain lines.
        summary = [upper_first(plain(spec.trich_yeu[0])), *map(plain, spec.trich_yeu[1:])]
        return Document(
            header=header,
            type_name=law.type_name,
            summary=summary,
            blocks=self.blocks,
            recipients_label=law.recipients_label,
            recipients=self.recipients(),
            signature=self.signature(),
            page=page_setup(
                law,
                top=spec.trinh_bay.le_tren,
                bottom=spec.trinh_bay.le_duoi,
                left=spec.trinh_bay.le_trai,
                right=spec.trinh_bay.le_phai,
                body_size=spec.trinh_bay.co_chu,
            ),
            title=" ".join(summary),
            author=" ".join(spec.co_quan.ten),
            issued=spec.ngay.date,
        )


def compose(spec: KeHoach, wording: Wording | None = None, profile: Profile = ND30) -> Document:
    return _Composer(spec, wording or Wording(), profile).document()
