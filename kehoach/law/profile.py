"""The rule book: every layout fact a document type's law sets, once, by rule ID.

A ``Profile`` holds the facts (fixed texts, sizes with the value kehoach writes and the range
the law accepts, margins, formats, patterns, word lists); ``validate``, ``compose``, the
layout pass, the writer and ``check`` all read the same profile, so they cannot drift apart.
A second layout law (the Party's HD 05) is a ``dataclasses.replace`` of the NĐ 30 profile,
or a subclass where a format differs, never edits across the code.

Rule IDs refer to docs/luat/nd30-spec.md (and docs/luat/hd05-spec.md for Party overrides).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType

# Blanks in running text for what the records office writes in by hand (a number, a day, a
# month) are no-break spaces: breaking the line neither squeezes them to one space, as it
# does ordinary ones, nor parts them from "số" or "ngày". They are as wide as the header's.
NO_BREAK = "\u00a0"
NUMBER_BLANK = 6  # spaces left for the number, in the header and in running text
DATE_BLANK = 5  # spaces left for the day and for the month
RUNNING_BLANK = NO_BREAK * NUMBER_BLANK


@dataclass(frozen=True)
class Size:
    """A font size rule (points): what kehoach writes and the closed range the law accepts."""

    rule: str
    value: float
    low: float
    high: float

    def accepts(self, points: float, tolerance: float = 0.01) -> bool:
        return self.low - tolerance <= points <= self.high + tolerance

    @property
    def choices(self) -> tuple[float, ...]:
        """Whole sizes in the range, for messages ("13 hoặc 14")."""
        return tuple(float(v) for v in range(int(self.low), int(self.high) + 1))


@dataclass(frozen=True)
class Length:
    """A length rule (millimetres, or a plain ratio): value written and accepted range."""

    rule: str
    value: float
    low: float
    high: float

    def accepts(self, value: float, tolerance: float = 0.0) -> bool:
        return self.low - tolerance <= value <= self.high + tolerance


@dataclass(frozen=True)
class Sizes:
    """Font sizes per component (nd30-spec §3 profile B, Phụ lục III Mẫu 1.4)."""

    quoc_hieu: Size = Size("QH-2", 13, 12, 13)
    tieu_ngu: Size = Size("TN-2", 14, 13, 14)
    superior: Size = Size("CQ-2", 13, 12, 13)
    agency: Size = Size("CQ-3", 13, 12, 13)
    number: Size = Size("SO-2", 13, 13, 13)
    place_date: Size = Size("DD-2", 14, 13, 14)  # DD-8: drops to ``low`` before wrapping
    type_name: Size = Size("TL-1", 14, 13, 14)
    summary: Size = Size("TL-2", 14, 13, 14)
    body: Size = Size("ND-1", 14, 13, 14)
    recipients_label: Size = Size("NN-1", 12, 12, 12)
    recipients: Size = Size("NN-2", 11, 11, 11)
    authority: Size = Size("KY-1", 13, 13, 14)
    signer_name: Size = Size("KY-2", 14, 13, 14)
    page_number: Size = Size("PN-2", 14, 13, 14)
    appendix: Size = Size("PL-2", 14, 14, 14)  # "Phụ lục I"
    note: Size = Size("PL-4", 14, 13, 14)  # "(Kèm theo …)", "(Ban hành kèm theo …)"
    mark: Size = Size("D-CQ-5", 14, 14, 14)  # a typed mark ("*", "-----") in place of a rule


@dataclass(frozen=True)
class Margins:
    """P-3 ranges; ``value`` is the default (P-4: the common 20/20/30/15 profile)."""

    top: Length = Length("P-3", 20, 20, 25)
    bottom: Length = Length("P-3", 20, 20, 25)
    left: Length = Length("P-3", 30, 30, 35)
    right: Length = Length("P-3", 15, 15, 20)


@dataclass(frozen=True)
class Body:
    """Body paragraphs (nd30-spec §8.1)."""

    first_line_indents_mm: tuple[float, ...] = (10.0, 12.7)  # ND-3: two values, not a range
    first_line_indent_mm: float = 12.7  # what kehoach writes
    indent_tolerance_mm: float = 0.2  # ±0.02 cm
    space_before_pt: float = 6  # ND-4, Mẫu 1.4: 6 pt before, 0 after
    min_gap_pt: float = 6  # ND-4: before + after ≥ 6 pt
    line_spacing: Length = Length("ND-5", 1.15, 1.0, 1.5)  # multiples of single
    # D-ND-4: a law that sets the line pitch in points ("Exactly"); None: ``line_spacing``.
    line_exact_pt: Length | None = None


_NO_IDS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, eq=False, repr=False)
class Profile:
    """The layout law of one family of documents. Instances are immutable; a variant is
    made with ``dataclasses.replace`` (tests do this to prove there is one source). Each
    instance is its own law: equality is identity, so caches keyed by a profile cost a
    pointer, not 72 fields hashed."""

    key: str = "nd30"
    law: str = "Nghị định 30/2020/NĐ-CP"
    law_short: str = "NĐ 30"
    spec_value: str = "nha-nuoc"  # the spec's ``the_thuc`` that selects this profile
    # How messages name the layout: "Đạt thể thức NĐ 30", "thể thức văn bản của Đảng (…)".
    layout_name: str = "thể thức NĐ 30"
    # D-L-2, D-L-3: the day the law took effect, and the law before it (for older dates).
    effective_from: date | None = None
    predecessor: str | None = None

    # --- page (§2, §4) ---------------------------------------------------------------------
    paper_mm: tuple[float, float] = (210.0, 297.0)  # P-1, P-2 portrait
    margins: Margins = field(default_factory=Margins)
    header_distance_mm: float = 10.0  # P-5
    footer_distance_mm: float = 10.0

    # --- font (§3) -------------------------------------------------------------------------
    font: str = "Times New Roman"  # F-1, F-5
    language: str = "vi-VN"
    sizes: Sizes = field(default_factory=Sizes)

    # --- header block (§6) -----------------------------------------------------------------
    # QH-1 (D-TD-1): the first line of the right header cell, the one that tells which
    # law a document follows; TN-1: the motto under it (None: none, D-TD-1). The rule under
    # the last of them is as long as that line (TN-3, D-TD-3).
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # QH-1
    quoc_hieu_variants: tuple[str, ...] = ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",)  # F-6
    tieu_ngu: str | None = "Độc lập - Tự do - Hạnh phúc"  # TN-1
    # D-CQ-5, D-TL-3: a typed mark in place of the rule under the body name / trích yếu.
    agency_mark: str | None = None
    title_mark: str | None = None
    cell_margin_mm: float = 1.9  # H-5: Word's default cell padding
    header_left_min_mm: float = 54.0  # H-4
    header_right_share: float = 0.625  # H-4: ≈ 62 / 103 mm of 165 mm
    bottom_left_share: float = 0.39  # NN-5: ≈ 35–42 %
    # CQ-5, TL-3: the rule under the body name and the trích yếu, as a share of the text.
    rule_ratio: Length = Length("CQ-5", 0.42, 1 / 3, 1 / 2)
    rule_ratio_tolerance: float = 0.10  # nd30-spec §0: ratios ±10 %
    rule_weight_eighths: int = 6  # TN-4: 0.75 pt (UNCONFIRMED, a default)
    rule_weight_range_pt: tuple[float, float] = (0.5, 0.75)  # TN-4: usual weights (UNCONFIRMED)

    # --- number and symbol (§6.5) ----------------------------------------------------------
    number_pattern: str = r"0[1-9]|[1-9][0-9]+"  # SO-3
    symbol_pattern: str = r"[A-ZĐa-zđ]+(-[A-ZĐ0-9a-zđ&.]+)+"  # SO-4
    body_code_pattern: str = r"[A-ZĐa-zđ0-9&.]+(-[A-ZĐa-zđ0-9&.]+)*"  # SO-4, SO-7
    mixed_case_codes: tuple[str, ...] = ("CTr", "TTr", "QyĐ", "TrS")  # SO-4, §14
    type_code: str = "KH"  # §14: Kế hoạch

    # --- type name (§7) --------------------------------------------------------------------
    type_name: str = "KẾ HOẠCH"  # TL-1
    type_name_in_text: str = "Kế hoạch"  # VH-16: as the type word reads in a sentence
    summary_lowercase: bool = False  # D-TL-2: the trích yếu starts in lower case

    # --- a Quyết định that issues the plan, and appendices (§12.3, §15 Mẫu 1.3, 2.1) ------
    decision_type_name: str = "QUYẾT ĐỊNH"  # TL-1 of the Quyết định
    decision_code: str = "QĐ"  # §14
    decision_in_text: str = "Quyết định"
    decision_line: str = "QUYẾT ĐỊNH:"  # before its articles
    article_word: str = "Điều"  # §8.3 scheme (a): "Điều 1."
    attached_note: str = "Ban hành kèm theo"  # Mẫu 1.3: "(Ban hành kèm theo Quyết định số …)"
    appendix_word: str = "Phụ lục"  # PL-1, PL-2
    appendix_numerals: str = "roman"  # PL-2: "Phụ lục I"; D-PL-1: "Phụ lục 1" (arabic)
    appendix_note: str = "Kèm theo"  # PL-4: "(Kèm theo Kế hoạch số …)"
    part_word: str = "Phần"  # §8.3 scheme (b): "Phần I"
    # A table's title is a title, not a sentence: at most this many words (longer, check
    # reads it as a body paragraph; validate refuses it).
    caption_max_words: int = 20

    # --- body (§8) -------------------------------------------------------------------------
    body: Body = field(default_factory=Body)
    # S-4: points follow the Vietnamese alphabet (no f, j, w, z; no ă, â, ê, ô, ơ, ư).
    point_letters: tuple[str, ...] = (*"abcd", "đ", *"eghiklmnopqrstuvxy")
    closing_mark: str = "./."  # ND-6
    part_separator: str = "."  # §8.3: "I. MỤC ĐÍCH, YÊU CẦU"; D-DM-2: "I- …"
    legal_basis_italic: bool = True  # CC-1; D-CC-1: upright
    legal_basis_dash: bool = False  # D-CC-1: each căn cứ starts "- "

    # --- signature (§9) --------------------------------------------------------------------
    # The spec key of each signing authority and the prefix it prints, in §9.2 order.
    authority_prefixes: tuple[tuple[str, str], ...] = (
        ("thay_mat", "TM."),
        ("thua_lenh", "TL."),
        ("thua_uy_quyen", "TUQ."),
        ("ky_thay", "KT."),
        ("quyen", "Q."),
    )
    # KT-5: the prefix chains §9.2 describes (others warn).
    authority_chains: tuple[tuple[str, ...], ...] = (
        (),
        ("TM",),
        ("TM", "KT"),
        ("KT",),
        ("TL",),
        ("TL", "KT"),
        ("TUQ",),
        ("Q",),
    )
    # KT-2, KT-3: titles held by a person (never after TM.), as the start of the line.
    personal_titles: str = (
        r"PHÓ\s|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|THỦ TƯỚNG|BÍ THƯ|CHỦ NHIỆM|CHÁNH\s|"
        r"TRƯỞNG(\s|$)|HIỆU TRƯỞNG|THỦ TRƯỞNG|KẾ TOÁN TRƯỞNG|TỔNG CỤC TRƯỞNG|\S+ TRƯỞNG\b"
    )
    # KT-6: bodies that work as a collective (sign "TM.") and bodies run by their head.
    collective_bodies: str = (
        r"ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|HĐND|BAN\s|THƯỜNG TRỰC|ĐOÀN\s|TỔ\s|CHÍNH PHỦ|CHI BỘ|"
        r"ĐẢNG ỦY|ĐẢNG UỶ"
    )
    head_based_bodies: str = (
        r"(SỞ|BỘ|CỤC|VỤ|VIỆN|PHÒNG|TRƯỜNG|TỔNG CỤC|CHI CỤC|VĂN PHÒNG|TRUNG TÂM)\s"
    )
    # KY-3: academic titles and degrees never stand before the signer's name.
    academic_titles: str = (
        r"((GS|PGS|TSKH|TS|ThS|Ths|THS|Th\.S|KS|BS|BSCKI|BSCKII|DS|LS|CN|NGND|NGƯT)(\.|\s)"
        r"[\s.]*)+(?=\S)|(tiến sĩ|thạc sĩ|giáo sư|phó giáo sư|kỹ sư|bác sĩ|cử nhân)(?=\s)"
    )
    signature_space_lines: int = 4  # KY-5 (UNCONFIRMED, a default)
    position_bold: bool = True  # KY-1: the signer's position bold; D-KY-3: regular
    # D-KY-5: the only positions that sign for a collective (T/M …); empty: not restricted.
    collective_positions: tuple[str, ...] = ()

    # --- recipients (§11) ------------------------------------------------------------------
    recipients_label: str = "Nơi nhận:"  # NN-1
    recipients_label_bold: bool = True  # NN-1: bold italic; D-NN-2: regular, underlined
    recipients_label_italic: bool = True
    recipients_label_underline: bool = False  # D-NN-2: the words, not the colon
    archive_word: str = "Lưu"  # NN-3
    records_office: str = "VT"  # NN-3
    # D-NN-5: the last line names the keeping office in words ("- Lưu Chi bộ."), so any
    # "Lưu" followed by a capitalised name is the archive line, not a recipient.
    archive_names_office: bool = False

    # --- codes (§14; D-SO-7, D-SO-8, D-SO-10) ----------------------------------------------
    body_codes: tuple[str, ...] = ()  # a closed list of body codes; empty: free (SO-7)
    legacy_body_codes: tuple[str, ...] = ()  # codes an older law used: warn

    # --- recognition (D-NB-*), used by check ----------------------------------------------
    # D-NB-5: how the names of the bodies that issue under this law start; empty: any name.
    body_name_starts: tuple[str, ...] = ()
    # KT-2, KT-3 (D-KT-5, D-NB-9): the authorities (spec keys) a collective's name follows
    # ("TM. ỦY BAN NHÂN DÂN"); after the others comes a position ("KT. CHỦ TỊCH").
    body_authorities: tuple[str, ...] = ("thay_mat",)
    # KT-6: the authorities under which a collective body's document needs no "TM.": TM.
    # itself, TL. (by order of its chairman), and TUQ. and Q., which stand on their own
    # (TM. with them is the KT-5 warning).
    collective_authorities: tuple[str, ...] = ("thay_mat", "thua_lenh", "thua_uy_quyen", "quyen")

    # --- place name (§3.4) ------------------------------------------------------------------
    # DD-7: a unit named after a person or a number is written with its unit word; D-DD-5
    # adds one-syllable names and lets "Thành phố"/"Đặc khu" shrink to "TP."/"ĐK.".
    place_abbreviations: tuple[str, ...] = ()
    one_syllable_place_needs_unit: bool = False
    # DD-4: days 1–9 always take a leading 0; months up to this one do too ("tháng 01",
    # "tháng 02": so that "tháng 1" cannot be read as the start of "tháng 10").
    padded_months: int = 2

    # --- rule IDs (hd05-spec §0, §10) ----------------------------------------------------------
    # The IDs this law gives the rules it shares with NĐ 30 ("SO-3" is "D-SO-3" under HD 05);
    # a rule not listed keeps its own. Soft rules (UNCONFIRMED, PRACTICE) never fail.
    rule_ids: Mapping[str, str] = field(default_factory=lambda: _NO_IDS)
    soft_rules: frozenset[str] = frozenset()

    def rule_id(self, key: str) -> str:
        """The ID of rule ``key`` under this law; a check's sub-key ("SO-1:type") may have an
        ID of its own, else it is its rule's."""
        base = key.split(":", 1)[0]
        return self.rule_ids.get(key) or self.rule_ids.get(base) or base

    # --- derived facts (never set) -----------------------------------------------------------

    def day_month(self, day: int, month: int) -> tuple[str, str]:
        """DD-4: day and month as written ("05", "02", "3"); every date kehoach writes, and
        every date check reads, is held to this."""
        return f"{day:02d}", (f"{month:02d}" if month <= self.padded_months else str(month))

    def short_date(self, year: int, month: int | None = None, day: int | None = None) -> str:
        """A date in running text, "05/02/2026" (DD-4 padding; D-ND-6), blanks for a draft."""
        if day is None or month is None:
            return f"{NO_BREAK * 4}/{NO_BREAK * 4}/{year}"
        day_text, month_text = self.day_month(day, month)
        return f"{day_text}/{month_text}/{year}"

    def applies_on(self, year: int, month: int | None = None, day: int | None = None) -> bool:
        """D-L-2: a document dated so falls under this law; a date without its day or month
        (a draft) is judged by its year. validate and check both ask here (D-L-3)."""
        start = self.effective_from
        if start is None:
            return True
        if month is not None and day is not None:
            return date(year, month, day) >= start
        return year >= start.year

    def uncapitalised_codes(self, symbol: str) -> list[str]:
        """SO-4 (D-SO-4): the groups of a symbol or body code ("KH-ubnd", "ubnd") not written
        in capitals; the mixed-case type codes the law lists ("TTr") and legacy codes (said
        apart, D-SO-10) aside. validate and check both ask here."""
        return [
            group
            for group in re.split(r"[-/]", symbol)
            if group
            and group != group.upper()
            and group not in self.mixed_case_codes
            and group not in self.legacy_body_codes
        ]

    # --- compiled patterns (derived, never set) -------------------------------------------

    @cached_property
    def number_re(self) -> re.Pattern[str]:
        return re.compile(self.number_pattern)

    @cached_property
    def symbol_re(self) -> re.Pattern[str]:
        return re.compile(self.symbol_pattern)

    @cached_property
    def body_code_re(self) -> re.Pattern[str]:
        return re.compile(self.body_code_pattern)

    @cached_property
    def _personal_re(self) -> re.Pattern[str]:
        return re.compile(rf"^({self.personal_titles})")

    @cached_property
    def _collective_re(self) -> re.Pattern[str]:
        return re.compile(rf"^({self.collective_bodies})")

    @cached_property
    def _head_based_re(self) -> re.Pattern[str]:
        return re.compile(rf"^({self.head_based_bodies})")

    @cached_property
    def _academic_re(self) -> re.Pattern[str]:
        return re.compile(rf"^({self.academic_titles})", re.IGNORECASE)

    # --- word lists as questions ------------------------------------------------------------

    def is_personal_title(self, text: str) -> bool:
        """KT-2: "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "BỘ TRƯỞNG" … (uppercase text)."""
        return bool(self._personal_re.match(text))

    def is_collective_body(self, text: str) -> bool:
        """KT-6: a body that decides as a collective ("ỦY BAN NHÂN DÂN …", "BAN CHỈ ĐẠO")."""
        return not self.is_personal_title(text) and bool(self._collective_re.match(text))

    def is_head_based_body(self, text: str) -> bool:
        """KT-6: a body run by its head ("SỞ Y TẾ", "TRƯỜNG …"): never signs "TM."."""
        return not self.is_personal_title(text) and bool(self._head_based_re.match(text))

    def is_body_name(self, text: str) -> bool:
        """KT-3: a body's name, which never follows KT./TL./TUQ./Q."""
        return self.is_collective_body(text) or self.is_head_based_body(text)

    def academic_title(self, name: str) -> str | None:
        """KY-3: the academic title or degree a name starts with, if any."""
        match = self._academic_re.match(name)
        return match.group(0).strip() if match else None

    # --- formats ----------------------------------------------------------------------------

    def point_letter(self, index: int) -> str:
        """0 → a, 4 → đ … (S-4); past the last letter they double (aa, bb …)."""
        count = len(self.point_letters)
        return self.point_letters[index % count] * (index // count + 1)

    def symbol(self, body_code: str) -> str:
        """SO-1: the symbol of a plan of ``body_code`` ("KH-UBND")."""
        return f"{self.type_code}-{body_code}"

    def decision_symbol(self, body_code: str) -> str:
        """SO-1, §14: the symbol of the Quyết định that issues a plan ("QĐ-UBND")."""
        return f"{self.decision_code}-{body_code}"

    def number_line(self, number: str | None, symbol: str) -> str:
        """SO-1, SO-6: ``Số: 05/KH-UBND``, or blanks before the slash for the records office."""
        return f"Số: {number}/{symbol}" if number else f"Số:{' ' * NUMBER_BLANK}/{symbol}"

    def place_date_line(
        self, place: str, year: int, month: int | None = None, day: int | None = None
    ) -> str:
        """DD-1, DD-4: day 01–09, month 01/02 padded, 3–12 plain; DD-5 blanks for a draft."""
        if day is None or month is None:
            blank = " " * DATE_BLANK
            return f"{place}, ngày{blank}tháng{blank}năm {year}"
        day_text, month_text = self.day_month(day, month)
        return f"{place}, ngày {day_text} tháng {month_text} năm {year}"

    def reference(
        self,
        kind: str,
        number: str | None,
        symbol: str,
        by: str,
        year: int,
        month: int | None = None,
        day: int | None = None,
    ) -> str:
        """PL-4, Mẫu 1.3: "<kind> số 05/KH-UBND ngày 05 tháng 02 năm 2026 của <by>", with
        blanks for a number or date the records office will fill in (``RUNNING_BLANK``)."""
        shown = f"số {number}/{symbol}" if number else f"số{RUNNING_BLANK}/{symbol}"
        return f"{kind} {shown} {self.date_words(year, month, day)} của {by}"

    def appendix_label(self, index: int, several: bool) -> str:
        """PL-2: "Phụ lục", or "Phụ lục I", "Phụ lục II" … when there are several."""
        if not several:
            return self.appendix_word
        numeral = roman(index) if self.appendix_numerals == "roman" else str(index)
        return f"{self.appendix_word} {numeral}"

    def part_label(self, numeral: str) -> str:
        """§8.3: "I. " before a part's title (D-DM-2: "I- ")."""
        return f"{numeral}{self.part_separator} "

    def date_words(self, year: int, month: int | None = None, day: int | None = None) -> str:
        """DD-4 in running text: "ngày 05 tháng 02 năm 2026", blanks for a draft
        (``RUNNING_BLANK``, the date then held on one line)."""
        if day is None or month is None:
            blank = NO_BREAK * DATE_BLANK
            return f"ngày{blank}tháng{blank}năm{NO_BREAK}{year}"
        return self.place_date_line("", year, month, day)[2:]

    def archive_line(self, units: str = "") -> str:
        """NN-3: the last recipient line, ``- Lưu: VT, <units>.``."""
        tail = f", {units}" if units else ""
        return f"- {self.archive_word}: {self.records_office}{tail}."

    def authority_line(self, key: str, value: str) -> str:
        """KY-1, §9.2: ``TM. ỦY BAN NHÂN DÂN`` for ``thay_mat: ỦY BAN NHÂN DÂN``."""
        return f"{dict(self.authority_prefixes)[key]} {value}"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Roman numeral for part headings (I., II., … §8.3 scheme b)."""
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)
