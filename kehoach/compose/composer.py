"""Compose: a validated spec plus wording becomes the document model.

Everything a clerk used to fix by hand happens here, by construction: numbering by level and
scheme (§8.3), `;`/`.` after căn cứ (CC-1) and recipients (NN-2), the `- Lưu: VT` line (NN-3),
`./.` after the last sentence (ND-6), the number and date formats (SO-3, DD-4), appendices
with their reference line (PL-*), and the Quyết định that issues a plan (Mẫu 1.3).
"""

from __future__ import annotations

import re
import string

from kehoach.compose.inline import parse_inline, plain
from kehoach.compose.wording import Wording, WordingContext
from kehoach.document import (
    Appendix,
    Block,
    Document,
    Role,
    Signature,
    Span,
    Table,
    TableCell,
)
from kehoach.law.layout import page_setup
from kehoach.law.nd30 import roman
from kehoach.law.numbering import DASHES, PART_ITEMS, SCHEMES, form_at
from kehoach.law.profile import Profile
from kehoach.law.profiles import profile_for
from kehoach.law.text import (
    archive_units,
    body_name_guess,
    is_archive_line,
    lower_first,
    strip_end_punctuation,
    upper_first,
    upper_vi,
)
from kehoach.spec.headers import decision_header_of, decision_symbol, plan_header_of
from kehoach.spec.model import (
    Bang,
    KeHoach,
    Muc,
    MucDichYeuCau,
    NguoiKy,
    Phan,
    PhanKhac,
    QuyetDinh,
    ToChucThucHien,
)

_LEADING_DASH = re.compile(r"^[\s\-–—•+]+")
_ALIGN = {"trai": "left", "giua": "center", "phai": "right", "deu": "both"}
_STT_WEIGHT = 0.45  # the STT column, against an ordinary column's 1
_NOTE = re.compile(r"^\(?\s*(ban hành\s+)?kèm theo\s+", re.IGNORECASE)
# "ngày 20/01/2026" in a reference the clerk typed: written out as the generated
# references are ("ngày 20 tháng 01 năm 2026", DD-4), so the two never differ in one office.
_SHORT_DATE = re.compile(r"\bngày (\d{1,2})/(\d{1,2})/(\d{4})\b")


def _long_date(match: re.Match[str], law: Profile) -> str:
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    return law.date_words(year, month, day)


def _ensure_end(text: str, ending: str) -> str:
    """Replace whatever punctuation the user typed at the end with ``ending``."""
    return strip_end_punctuation(text) + ending


def _close_body(text: str, mark: str) -> str:
    # ND-6: the last sentence ends with "./." (added when missing, never doubled).
    stripped = text.rstrip()
    if stripped.endswith(mark):
        return stripped
    return strip_end_punctuation(stripped) + mark


def _letter(index: int) -> str:
    return string.ascii_uppercase[index % 26] * (index // 26 + 1)


class _Composer:
    def __init__(self, spec: KeHoach, wording: Wording, profile: Profile) -> None:
        self.spec = spec
        self.w = wording
        self.law = profile
        self.scheme = SCHEMES[spec.danh_so]
        summary = " ".join(spec.trich_yeu)
        # VH-9: the name as the spec says it, else derived; a guess keeps proper names'
        # capitals (validate warns VH-9 when it is only a guess).
        self.ten_goi = spec.co_quan.ten_goi or body_name_guess(spec.co_quan.ten)
        self.context = WordingContext(
            ten_goi=self.ten_goi,
            trich_yeu=plain(summary),
            trich_yeu_thuong=lower_first(plain(summary)),
            nam=spec.ngay.nam,
        )
        self.out: list[Block] = []

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
        # A lead-in ending with ":" stays on the page of what it introduces.
        keep = keep or text.rstrip().endswith(":")
        self.out.append(Block(role, spans, keep_with_next=keep, level=level))

    def bases(self, lines: list[tuple[Role, str]], *, continued: bool) -> None:
        """CC-1: one basis a line, `;` after each; the last takes `.` only when the sentence
        ends there (a lead-in such as "…, như sau:" continues it, as in the seed plan).
        D-CC-1: a Party plan writes each line "- Căn cứ …;" and ends the last with "."."""
        dash = "- " if self.law.legal_basis_dash else ""
        for i, (role, text) in enumerate(lines):
            last = i == len(lines) - 1
            ending = "." if last and (not continued or dash) else ";"
            self.para(role, dash + _LEADING_DASH.sub("", _ensure_end(text, ending)))

    def opening(self) -> None:
        spec = self.spec
        if spec.loi_dan is not None:
            lead_in = spec.loi_dan
        elif self.attached:
            lead_in = []  # the Quyết định issues the plan; the plan does not say so again
        else:
            lead_in = [self.w("loi_dan", self.context)]
        lines = [(Role.LEGAL_BASIS, t) for t in spec.can_cu]
        lines += [(Role.BODY, t) for t in spec.thuc_hien]
        lines += [(Role.LEGAL_BASIS, t) for t in spec.de_nghi]
        self.bases(lines, continued=bool(lead_in))
        for text in lead_in:
            self.para(Role.BODY, text)

    @property
    def attached(self) -> bool:
        """A plan issued by a Quyết định (here or in another file) has no number of its own."""
        return self.spec.quyet_dinh is not None or self.spec.kem_theo is not None

    # -- numbering -----------------------------------------------------------------------

    @staticmethod
    def label(form: str, index: int, path: tuple[int, ...], law: Profile) -> str:
        if form == "n":
            return f"{index + 1}. "
        if form == "a":
            return f"{law.point_letter(index)}) "
        if form == "path":
            return ".".join(str(n) for n in (*path, index + 1)) + ". "
        return f"{form} "

    def part_label(self, number: int) -> str:
        kind = self.scheme.part
        if kind == "letter":
            return f"{_letter(number - 1)}. "
        if kind == "number":
            return f"{number}. "
        return self.law.part_label(roman(number))  # §8.3 "I. ", D-DM-2 "I- "

    def items(
        self,
        items: list[Muc],
        forms: tuple[str, ...],
        *,
        depth: int = 0,
        path: tuple[int, ...] = (),
        outline: int = 1,
        start: int = 0,
    ) -> int:
        """Lay out ``items`` at ``depth`` (0 = first level under a part); return how many
        were numbered. ``outline`` is the part's heading level."""
        n = start
        for item in items:
            if item.bang is not None:
                self.out.append(self.table(item.bang))
                continue
            if item.doan is not None:
                self.para(Role.BODY, item.doan)
                continue
            label = self.label(form_at(forms, depth), n, path, self.law)
            n += 1
            if item.tieu_de:
                self.para(
                    Role.ITEM_TITLE,
                    item.tieu_de,
                    prefix=label,
                    bold=True,
                    keep=True,
                    level=outline + depth + 1,
                )
                for text in item.noi_dung:
                    self.para(Role.BODY, text)
            else:
                first, *rest = item.noi_dung
                self.para(Role.ITEM, first, prefix=label)
                for text in rest:
                    self.para(Role.BODY, text)
            self.items(item.muc, forms, depth=depth + 1, path=(*path, n), outline=outline)
        return n

    # -- parts -----------------------------------------------------------------------------

    def part(self, number: int, title: str, part: Phan, outline: int) -> None:
        # §8.3: `I. MỤC ĐÍCH, YÊU CẦU`, uppercase and bold; under a lettered PHẦN (A., B.)
        # the sections are I., II. again.
        label = self.part_label(number)
        if outline > 1 and self.scheme.part == "letter":
            label = self.law.part_label(roman(number))
        self.para(
            Role.PART_HEADING,
            upper_vi(title),
            prefix=label,
            bold=True,
            keep=True,
            level=outline,
        )
        for text in part.mo_dau:
            self.para(Role.BODY, text)
        forms = PART_ITEMS[part.danh_so] if part.danh_so else self.scheme.items
        path = (number,) if self.scheme.path_from_part and not part.danh_so else ()
        counter = self.items(part.muc, forms, path=path, outline=outline)
        if isinstance(part, MucDichYeuCau):
            # "1. Mục đích" / "2. Yêu cầu" with their points as "-" lines, as plans write them.
            for macro, group in (
                ("tieu_de_muc_dich", part.muc_dich),
                ("tieu_de_yeu_cau", part.yeu_cau),
            ):
                if group:
                    self.para(
                        Role.ITEM_TITLE,
                        self.w(macro),
                        prefix=self.label(forms[0], counter, path, self.law),
                        bold=True,
                        keep=True,
                        level=outline + 1,
                    )
                    counter += 1
                    self.items(group, DASHES, outline=outline)
        if isinstance(part, ToChucThucHien):
            for assignment in part.phan_cong:
                first, *rest = assignment.nhiem_vu or [""]
                unit = strip_end_punctuation(assignment.don_vi)
                line = self.w("phan_cong", unit, first)
                self.para(Role.ITEM, line, prefix=self.label(forms[0], counter, path, self.law))
                counter += 1
                for text in rest:
                    self.para(Role.BODY, text)
                self.items(assignment.muc, forms, depth=1, path=(*path, counter), outline=outline)
        for text in part.ket:
            self.para(Role.BODY, text)

    def fixed_parts(self) -> list[tuple[str, Phan]]:
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
        return parts

    def body(self) -> None:
        spec = self.spec
        if spec.phan:
            for i, big in enumerate(spec.phan, start=1):
                self.big_part(i, big)
        else:
            for i, (title, part) in enumerate(self.fixed_parts(), start=1):
                self.part(i, title, part, outline=1)
        closing = spec.ket_luan or self.w("ket_luan", self.context)
        self.para(Role.CLOSING, _close_body(closing, self.law.closing_mark), keep=True)

    def big_part(self, number: int, big) -> None:  # type: ignore[no-untyped-def]
        """A PHẦN: "Phần I" and its title on their own centred lines (§8.3 scheme b), or
        "A. TITLE" in the lettered scheme; its sections are then numbered I., II. …"""
        title = upper_vi(big.tieu_de)
        if self.scheme.part == "letter":
            self.para(
                Role.PART_HEADING,
                title,
                prefix=f"{_letter(number - 1)}. ",
                bold=True,
                keep=True,
                level=1,
            )
        else:
            self.para(
                Role.PART_LABEL,
                f"{self.law.part_word} {roman(number)}",
                bold=True,
                keep=True,
                level=1,
            )
            self.para(Role.PART_LABEL, title, bold=True, keep=True)
        for text in big.mo_dau:
            self.para(Role.BODY, text)
        for i, section in enumerate(big.muc, start=1):
            self.part(i, section.tieu_de, section, outline=2)
        for text in big.ket:
            self.para(Role.BODY, text)

    # -- tables ----------------------------------------------------------------------------

    def cell(self, lines: list[str], *, bold: bool = False, align: str = "left") -> TableCell:
        paragraphs = [parse_inline(text, bold=bold) for text in lines] or [[]]
        return TableCell(paragraphs, bold=bold, align=align)

    def table(self, bang: Bang) -> Block:
        """A content table: header row, rows in grid order (cells a row above spans down
        stand as covered cells), an STT column when asked."""
        columns = list(bang.cot)
        usual = 1.0  # a column without `rong` takes one share
        widths = [c.rong or usual for c in columns]
        aligns = [_ALIGN[c.can] if c.can else "left" for c in columns]
        header = [self.cell([c.ten], bold=True, align="center") for c in columns]
        if bang.stt:
            widths.insert(0, usual * _STT_WEIGHT)
            aligns.insert(0, "center")
            header.insert(0, self.cell(["STT"], bold=True, align="center"))
        width = len(widths)
        below: dict[int, tuple[int, int]] = {}  # grid column → (rows still covered, colspan)
        rows: list[list[TableCell]] = []
        number = 0
        for row in bang.dong:
            if row.nhom is not None:
                group = self.cell([row.nhom], bold=True)
                group.colspan, group.heads_rows = width, True
                rows.append([group])
                continue
            number += 1
            cells: list[TableCell] = []
            column = 0
            if bang.stt:
                cells.append(self.cell([str(number)], align="center"))
                column = 1
            given_cells = iter(row.o)
            while column < width:
                if column in below:
                    remaining, span = below[column]
                    cells.append(TableCell([[]], colspan=span, covered=True))
                    if remaining > 1:
                        below[column] = (remaining - 1, span)
                    else:
                        del below[column]
                    column += span
                    continue
                spec_cell = next(given_cells)
                cell = self.cell(spec_cell.noi_dung, bold=spec_cell.dam, align=aligns[column])
                cell.colspan, cell.rowspan = spec_cell.gop_cot, spec_cell.gop_dong
                if spec_cell.gop_dong > 1:
                    below[column] = (spec_cell.gop_dong - 1, spec_cell.gop_cot)
                cells.append(cell)
                column += spec_cell.gop_cot
            rows.append(cells)
        # A title, not a sentence: no closing punctuation (check reads ". ; ," as a paragraph).
        caption = strip_end_punctuation(bang.tieu_de) if bang.tieu_de else None
        table = Table(widths, header, rows, caption=caption, size=bang.co_chu)
        return Block(Role.TABLE, [], table=table)

    # -- closing ---------------------------------------------------------------------------

    def recipients(self, entries: list[str], luu: str | None) -> list[str]:
        # NN-2: "- X;" each; NN-3: last "- Lưu: VT, <unit>." (added when absent).
        archive = None
        lines = []
        for raw in entries:
            text = strip_end_punctuation(_LEADING_DASH.sub("", plain(raw)))
            if is_archive_line(text, self.law):
                archive = archive_units(text, self.law)
            elif text:
                lines.append(f"- {text};")
        if archive is None:
            units = strip_end_punctuation(plain(luu or ""))
            office = re.escape(self.law.records_office)
            archive = re.sub(rf"^{office}\b\s*,?\s*", "", units, flags=re.IGNORECASE)
        lines.append(self.law.archive_line(archive))
        return lines

    def signature(self, signer: NguoiKy) -> Signature:
        """KY-1, §9.2: the authority lines in the law's order, then the signer's position."""
        lines = [
            self.law.authority_line(key, plain(value))
            for key, _ in self.law.authority_prefixes
            if (value := getattr(signer, key))
        ]
        position = None
        if signer.chuc_vu and signer.chuc_vu != signer.quyen:
            position = plain(signer.chuc_vu)
        return Signature(lines, plain(signer.ho_ten), position)

    # -- appendices --------------------------------------------------------------------------

    def appendices(self, reference: str) -> list[Appendix]:
        """PL-*: "Phụ lục" (numbered I, II … when several), title, "(Kèm theo …)"."""
        spec, law = self.spec, self.law
        out = []
        for i, appendix in enumerate(spec.phu_luc, start=1):
            self.out = []
            for text in appendix.mo_dau:
                self.para(Role.BODY, text)
            if appendix.bang is not None:
                self.out.append(self.table(appendix.bang))
            forms = PART_ITEMS[appendix.danh_so] if appendix.danh_so else self.scheme.items
            self.items(appendix.muc, forms, outline=0)
            for text in appendix.ket:
                self.para(Role.BODY, text)
            last = self.out[-1] if self.out else None
            ended = last is not None and last.text.rstrip().endswith(law.closing_mark)
            if last is not None and last.role is not Role.TABLE and not ended:
                last.spans = [*_trim_end(last.spans), Span(law.closing_mark)]  # PL-5
            several = len(spec.phu_luc) > 1
            out.append(
                Appendix(
                    label=law.appendix_label(i, several),  # PL-2, D-PL-1
                    title=upper_vi(appendix.tieu_de) if appendix.tieu_de else None,
                    note=f"({law.appendix_note} {reference})",
                    blocks=self.out,
                    landscape=appendix.ngang,
                )
            )
        return out

    # -- the Quyết định ------------------------------------------------------------------------

    def issuer(self, authority: str) -> str:
        """Who issues the Quyết định, as it reads in a sentence: "Chủ tịch Ủy ban nhân dân
        tỉnh Lâm Đồng" for "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"."""
        body = upper_vi(" ".join(self.spec.co_quan.ten))
        if authority.endswith(body) and authority != body:
            title = authority[: -len(body)].strip()
            return f"{upper_first(title.lower())} {self.ten_goi}"
        return self.ten_goi

    def decision(self, qd: QuyetDinh) -> tuple[Document, str]:
        """The Quyết định printed before the plan, and the plan's "(Ban hành kèm theo …)"."""
        spec, law = self.spec, self.law
        day = qd.ngay or spec.ngay
        symbol = decision_symbol(spec, law)
        authority = qd.tham_quyen or upper_vi(" ".join(spec.co_quan.ten))
        summary = qd.trich_yeu or f"Về việc ban hành Kế hoạch {self.context.trich_yeu_thuong}"
        self.out = []
        lines = [(Role.LEGAL_BASIS, t) for t in qd.can_cu]
        lines += [(Role.LEGAL_BASIS, t) for t in qd.de_nghi]
        self.bases(lines, continued=False)
        self.para(Role.DECISION_LINE, law.decision_line, bold=True, keep=True)
        articles = [
            f"Ban hành kèm theo {law.decision_in_text} này Kế hoạch"
            f" {self.context.trich_yeu_thuong}",
            *qd.dieu,
        ]
        for n, text in enumerate(articles, start=1):
            last = n == len(articles)
            ending = _close_body(text, law.closing_mark) if last else _ensure_end(text, ".")
            self.para(Role.ARTICLE, ending, prefix=f"{law.article_word} {n}. ")
            self.out[-1].spans[0] = Span(self.out[-1].spans[0].text, bold=True)
        header = decision_header_of(spec, law)
        assert header is not None  # a decision is composed only when the spec has one
        decision = Document(
            header=header,
            type_name=law.decision_type_name,
            summary=[upper_first(plain(summary))],
            blocks=self.out,
            recipients_label=law.recipients_label,
            recipients=self.recipients(qd.noi_nhan, qd.luu),
            signature=self.signature(qd.nguoi_ky or spec.nguoi_ky),
            page=self.page(),
            title=upper_first(plain(summary)),
            author=" ".join(spec.co_quan.ten),
            issued=day.date,
            authority=authority,
        )
        note = law.reference(
            law.decision_in_text,
            qd.so,
            symbol,
            self.issuer(authority),
            day.nam,
            day.thang,
            day.ngay,
        )
        return decision, note

    # -- the whole ------------------------------------------------------------------------------

    def page(self):  # type: ignore[no-untyped-def]
        layout = self.spec.trinh_bay
        return page_setup(
            self.law,
            top=layout.le_tren,
            bottom=layout.le_duoi,
            left=layout.le_trai,
            right=layout.le_phai,
            body_size=layout.co_chu,
        )

    def document(self) -> Document:
        spec, law = self.spec, self.law
        header = plan_header_of(spec, law)
        decision = note = None
        if spec.quyet_dinh is not None:
            decision, reference = self.decision(spec.quyet_dinh)
            note = f"({law.attached_note} {reference})"
        elif spec.kem_theo is not None:
            reference = _NOTE.sub("", plain(spec.kem_theo)).rstrip(")")
            note = (
                f"({law.attached_note} {_SHORT_DATE.sub(lambda m: _long_date(m, law), reference)})"
            )
        if note is not None:  # Mẫu 1.3: attached to a Quyết định (no number or date above)
            reference = note[len(law.attached_note) + 2 : -1]
        else:
            reference = law.reference(
                law.type_name_in_text,
                spec.so,
                spec.ky_hieu or law.symbol(spec.co_quan.viet_tat),
                self.ten_goi,
                spec.ngay.nam,
                spec.ngay.thang,
                spec.ngay.ngay,
            )
        self.out = []
        self.opening()
        self.body()
        blocks = self.out
        appendices = self.appendices(reference)
        # TL-2: sentence case, so only the first line starts with a capital (D-TL-2: a Party
        # trích yếu starts in lower case). Emphasis markers would print literally here.
        first = plain(spec.trich_yeu[0])
        first = lower_first(first) if law.summary_lowercase else upper_first(first)
        summary = [first, *map(plain, spec.trich_yeu[1:])]
        return Document(
            header=header,
            type_name=law.type_name,
            summary=summary,
            blocks=blocks,
            recipients_label=law.recipients_label,
            # An attached plan is sent with its Quyết định: it has no Nơi nhận of its own.
            recipients=[] if note else self.recipients(spec.noi_nhan, spec.luu),
            signature=self.signature(spec.nguoi_ky),
            page=self.page(),
            title=" ".join(summary),
            author=" ".join(spec.co_quan.ten),
            issued=spec.ngay.date,
            note=note,
            appendices=appendices,
            decision=decision,
        )


def _trim_end(spans: list[Span]) -> list[Span]:
    """``spans`` without the spaces and punctuation at the end of the last one."""
    out = list(spans)
    while out:
        last = out[-1]
        text = strip_end_punctuation(last.text)
        if text:
            out[-1] = Span(text, last.bold, last.italic)
            return out
        out.pop()
    return out


def compose(
    spec: KeHoach, wording: Wording | None = None, profile: Profile | None = None
) -> Document:
    """The document model of ``spec`` under the law its ``the_thuc`` names (``profile``
    overrides it, for tests)."""
    law = profile or profile_for(spec.the_thuc)
    document = _Composer(spec, wording or Wording(), law).document()
    document.law = law.key
    if document.decision is not None:
        document.decision.law = law.key
    return document
