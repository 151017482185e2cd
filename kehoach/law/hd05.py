"""The Party profile: Hướng dẫn 05-HD/VPTW (27/5/2026), as overrides of the NĐ 30 rule book.

Kế hoạch of đảng ủy, ban thường vụ and chi bộ follow HD 05, not NĐ 30 (docs/luat/hd05-spec.md).
Only what differs is written here, each fact with its ``D-`` rule ID; everything else is
inherited from ``Profile``. The formats that differ in shape (``Số 05-KH/ĐU``, ``- Lưu Văn
phòng Đảng ủy.``, "(Kèm theo Kế hoạch số 05-KH/ĐU, ngày 05/02/2026 của …)") are methods of
``PartyProfile``; the writer, ``validate`` and ``check`` call them without knowing which law
they read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from kehoach.law.profile import (
    NO_BREAK,
    NUMBER_BLANK,
    RUNNING_BLANK,
    Body,
    Length,
    Margins,
    Profile,
    Size,
    Sizes,
)

# D-P-2: margins are fixed (±0.5 mm), not ranges.
_FIXED = 0.5


def _fixed(rule: str, mm: float) -> Length:
    return Length(rule, mm, mm - _FIXED, mm + _FIXED)


PARTY_SIZES = Sizes(
    quoc_hieu=Size("D-TD-2", 15, 15, 15),  # "ĐẢNG CỘNG SẢN VIỆT NAM"
    tieu_ngu=Size("D-TD-1", 14, 14, 14),  # none is printed (D-TD-1); kept for the type
    superior=Size("D-CQ-3", 14, 14, 14),
    agency=Size("D-CQ-4", 14, 14, 14),
    number=Size("D-SO-2", 14, 14, 14),
    place_date=Size("D-DD-2", 14, 14, 14),
    type_name=Size("D-TL-1", 15, 15, 16),
    summary=Size("D-TL-2", 14, 14, 15),
    body=Size("D-ND-1", 14, 14, 15),
    recipients_label=Size("D-NN-2", 14, 14, 14),
    recipients=Size("D-NN-3", 12, 12, 12),
    authority=Size("D-KY-2", 14, 14, 14),
    signer_name=Size("D-KY-4", 14, 14, 14),
    page_number=Size("D-PN-1", 14, 14, 14),
    appendix=Size("D-PL-3", 14, 14, 14),  # UNCONFIRMED
    note=Size("D-PL-3", 14, 14, 14),  # UNCONFIRMED
    mark=Size("D-CQ-5", 14, 14, 14),  # "*" and "-----" (size UNCONFIRMED)
)

PARTY_MARGINS = Margins(
    top=_fixed("D-P-2", 20),
    bottom=_fixed("D-P-2", 20),
    left=_fixed("D-P-2", 30),
    right=_fixed("D-P-2", 15),
)

PARTY_BODY = Body(
    first_line_indents_mm=(10.0,),  # D-ND-3: "khoảng 10 mm"
    first_line_indent_mm=10.0,
    indent_tolerance_mm=1.0,  # D-ND-3: 9.5–11 mm pass (a symmetric ±1 mm here)
    space_before_pt=6,  # D-ND-4
    min_gap_pt=6,
    line_exact_pt=Length("D-ND-4", 19, 18, 22),  # "Exactly" 18–22 pt
)

# D-SO-8: the body codes HD 05 lists; D-SO-10: HD 36-era codes it dropped.
PARTY_BODY_CODES = (
    "ĐU", "CB", "QUTW", "ĐUQS", "ĐUCA", "ĐUBP", "UBKT", "CQUBKT", "BTGDV", "BXDĐ", "BCĐ",
    "TB", "HĐ", "ĐH", "TW", "TU", "UBKTTW", "BTGDVTU", "VPTU", "VPTW",
)  # fmt: skip
LEGACY_BODY_CODES = ("HU", "QU", "ThU", "BTG", "BDV", "ĐUK", "BCSĐ", "ĐĐ", "QĐi")


# hd05-spec §10: the D- rule that governs, in a Party document, what the NĐ 30 rule checks
# (validate's and check's keys; a check's sub-key such as "SO-1:type" is its own entry).
RULE_IDS: Mapping[str, str] = MappingProxyType(
    {
        # what validate says of the spec under the same IDs
        "CC-2": "D-CC-1",
        "CC-4": "D-CC-1",
        # page, font (§2, §3)
        "P-1": "D-P-1",
        "P-2": "D-P-1",
        "P-3": "D-P-2",
        "P-6": "D-P-4",
        "F-1": "D-F-1",
        "F-2": "D-F-1",
        "F-3": "D-F-1",
        "PN-1": "D-PN-1",
        "PN-2": "D-PN-1",
        "PN-3": "D-PN-2",
        "PN-4": "D-PN-3",
        "PN-5": "D-PN-4",
        "PN-6": "D-PN-4",
        # header (§4)
        "H-1": "D-H-1",
        "H-2": "D-H-1",
        "H-3": "D-H-1",
        "H-6": "D-TD-2",
        "H-7": "D-H-3",
        "QH-1": "D-TD-1",
        "QH-2": "D-TD-2",
        "QH-3": "D-TD-2",
        "TN-3": "D-TD-3",
        "TN-4": "D-TD-3",
        "CQ-1": "D-CQ-1",
        "CQ-2": "D-CQ-3",
        "CQ-3": "D-CQ-4",
        "CQ-4": "D-CQ-4",  # names may wrap
        "CQ-5": "D-CQ-5",
        "CQ-5:size": "D-CQ-5",
        "CQ-7": "D-CQ-4",
        "SO-1": "D-SO-1",
        "SO-1:type": "D-SO-7",
        "SO-1:code": "D-SO-8",
        "SO-1:legacy": "D-SO-10",
        "SO-2": "D-SO-2",
        "SO-3": "D-SO-3",
        "SO-4": "D-SO-4",
        "SO-5": "D-SO-2",
        "DD-1": "D-DD-1",
        "DD-2": "D-DD-2",
        "DD-3": "D-DD-2",
        "DD-4": "D-DD-3",
        "DD-7": "D-DD-5",
        "DD-8": "D-H-2",
        # type name, trích yếu, body (§5, §6)
        "TL-1": "D-TL-1",
        "TL-2": "D-TL-2",
        "TL-3": "D-TL-3",
        "TL-3:size": "D-TL-3",
        "ND-1": "D-ND-1",
        "ND-2": "D-ND-2",
        "ND-3": "D-ND-3",
        "ND-4": "D-ND-4",
        "ND-5": "D-ND-4",
        "ND-6": "D-ND-5",
        "CC-1": "D-CC-1",
        "CC-1:legacy": "D-CC-2",
        "DM-1": "D-DM-2",
        "DM-2": "D-DM-2",
        "DM-3": "D-DM-2",
        # signature and recipients (§7, §8)
        "KY-1": "D-KY-2",
        "KY-1:missing": "D-KY-1",
        "KY-1:centre": "D-KY-1",
        "KY-1:position": "D-KY-3",
        "KY-1:prefix": "D-KT-1",
        "KY-2": "D-KY-4",
        "KY-3": "D-KY-4",
        "KY-5": "D-KY-6",
        "KT-1": "D-KT-4",
        "KT-2": "D-KT-2",
        "KT-2:position": "D-KY-5",
        "KT-3": "D-KT-4",
        "KT-3:deputy": "D-KT-3",
        "KT-5": "D-KT-1",
        "KT-5:tm": "D-KT-3",
        "KT-5:tl": "D-KT-5",
        "KT-6": "D-KT-2",
        "NN-1": "D-NN-2",
        "NN-1:place": "D-NN-1",
        "NN-2": "D-NN-3",
        "NN-2:legacy": "D-NN-4",
        "NN-3": "D-NN-5",
        "NN-5": "D-NN-1",
        # appendices (§9)
        "PL-2": "D-PL-1",
        "PL-4": "D-PL-2",
        "PL-5": "D-PL-2",
        "PL-3": "D-PL-3",
    }
)

# hd05-spec §0, §14: rules tagged UNCONFIRMED or only [PRACTICE] never fail.
SOFT_RULES = frozenset(
    {
        "D-H-2",  # right column widths [PRACTICE]
        "D-H-3",  # single spacing in the header [PRACTICE]
        "D-ND-3",  # "khoảng 10 mm": outside 9.5–11 mm warn
        "D-CC-2",  # HD 36 digests: last căn cứ with ","
        "D-DM-2",  # "I-" headings: UNCONFIRMED as a rule
        "D-KY-6",  # signature space [PRACTICE]
        "D-NN-4",  # HD 36 digests: items with ","
        "D-SO-8",  # body codes: staff codes are open-ended (D-SO-9 UNCONFIRMED)
        "D-SO-10",  # legacy codes: warn
        "D-PL-2",  # appendix wording and "-----" [HD05-own]
        "D-PL-3",  # appendix sizes UNCONFIRMED
        "D-NB-8",  # mixed layouts [PRACTICE]
    }
)


@dataclass(frozen=True, eq=False, repr=False)
class PartyProfile(Profile):
    """The facts of HD 05 where they differ from NĐ 30 (docs/luat/hd05-spec.md §10)."""

    key: str = "hd05"
    law: str = "Hướng dẫn 05-HD/VPTW"
    law_short: str = "HD 05"
    spec_value: str = "dang"
    layout_name: str = "thể thức văn bản của Đảng (HD 05-HD/VPTW)"
    effective_from: date | None = date(2026, 5, 27)  # D-L-2
    predecessor: str | None = "Hướng dẫn 36-HD/VPTW"  # D-L-3

    margins: Margins = field(default_factory=lambda: PARTY_MARGINS)
    sizes: Sizes = field(default_factory=lambda: PARTY_SIZES)
    body: Body = field(default_factory=lambda: PARTY_BODY)

    quoc_hieu: str = "ĐẢNG CỘNG SẢN VIỆT NAM"  # D-TD-1
    quoc_hieu_variants: tuple[str, ...] = ()
    tieu_ngu: str | None = None  # D-TD-1: no Tiêu ngữ
    agency_mark: str | None = "*"  # D-CQ-5
    title_mark: str | None = "-----"  # D-TL-3
    header_left_min_mm: float = 55.0  # D-H-2
    header_right_share: float = 100 / 165  # D-H-2: 65 | 100 mm

    summary_lowercase: bool = True  # D-TL-2
    appendix_numerals: str = "arabic"  # D-PL-1
    closing_mark: str = "."  # D-ND-5
    part_separator: str = "-"  # D-DM-2: "I- MỤC ĐÍCH, YÊU CẦU" (UNCONFIRMED as a rule)
    legal_basis_italic: bool = False  # D-CC-1
    legal_basis_dash: bool = True  # D-CC-1

    # D-KT-1: slash prefixes; no TUQ.
    authority_prefixes: tuple[tuple[str, str], ...] = (
        ("thay_mat", "T/M"),
        ("thua_lenh", "T/L"),
        ("ky_thay", "K/T"),
        ("quyen", "Q."),
    )
    # D-KT-3, D-KT-5: a deputy signs T/M or T/L directly; K/T only in head-based bodies.
    authority_chains: tuple[tuple[str, ...], ...] = ((), ("T/M",), ("K/T",), ("T/L",), ("Q",))
    position_bold: bool = False  # D-KY-3
    collective_positions: tuple[str, ...] = (  # D-KY-5
        "BÍ THƯ",
        "PHÓ BÍ THƯ",
        "CHỦ NHIỆM",
        "PHÓ CHỦ NHIỆM",
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )

    recipients_label_bold: bool = False  # D-NN-2
    recipients_label_italic: bool = False
    recipients_label_underline: bool = True
    place_abbreviations: tuple[str, ...] = ("TP. ", "TP ", "ĐK. ", "ĐK ")  # D-DD-5
    one_syllable_place_needs_unit: bool = True  # D-DD-5: "Thành phố Huế,"
    rule_ids: Mapping[str, str] = field(default_factory=lambda: RULE_IDS)
    soft_rules: frozenset[str] = SOFT_RULES
    records_office: str = "Văn phòng Đảng ủy"  # D-NN-5 (commune wording: PRACTICE)
    archive_names_office: bool = True  # D-NN-5: "- Lưu Chi bộ.", "- Lưu Đảng ủy."

    number_pattern: str = r"0[1-9]|[1-9][0-9]+"  # D-SO-3
    # D-SO-4: "KH/ĐU", "QĐ/TW", "QC/BTCTU-BNCTU".
    symbol_pattern: str = r"[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-ZĐa-z]*(-[A-ZĐ][A-ZĐa-z]*)*"
    body_code_pattern: str = r"[A-ZĐ][A-ZĐa-z]*(-[A-ZĐ][A-ZĐa-z]*)*"
    body_codes: tuple[str, ...] = PARTY_BODY_CODES
    legacy_body_codes: tuple[str, ...] = LEGACY_BODY_CODES

    # --- recognition (D-NB-*), used by check ----------------------------------------------
    body_name_starts: tuple[str, ...] = (  # D-NB-5
        "ĐẢNG BỘ", "ĐẢNG ỦY", "ĐẢNG UỶ", "CHI BỘ", "TỈNH ỦY", "TỈNH UỶ", "THÀNH ỦY", "THÀNH UỶ",
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẠI HỘI",
    )  # fmt: skip
    # D-KT-5: "T/L BAN THƯỜNG VỤ" names the collective too, then "CHÁNH VĂN PHÒNG".
    body_authorities: tuple[str, ...] = ("thay_mat", "thua_lenh")
    # D-KT-2: a collective's document is signed T/M, or T/L by its office.
    collective_authorities: tuple[str, ...] = ("thay_mat", "thua_lenh")

    # --- formats that differ in shape -----------------------------------------------------

    def symbol(self, body_code: str) -> str:
        """D-SO-1: ``KH/ĐU`` (type code, "/", body code)."""
        return f"{self.type_code}/{body_code}"

    def number_line(self, number: str | None, symbol: str) -> str:
        """D-SO-1, D-SO-6: ``Số 05-KH/ĐU``, no colon; blanks before the "-" for a draft."""
        return f"Số {number}-{symbol}" if number else f"Số{' ' * NUMBER_BLANK}-{symbol}"

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
        """D-PL-2, D-ND-6: "Kế hoạch số 27-KH/ĐU, ngày 08/6/2026 của <by>"."""
        shown = f"số {number}-{symbol}" if number else f"số{RUNNING_BLANK}-{symbol}"
        on = "ngày " if day is not None and month is not None else f"ngày{NO_BREAK}"
        return f"{kind} {shown}, {on}{self.short_date(year, month, day)} của {by}"

    def archive_line(self, units: str = "") -> str:
        """D-NN-5: ``- Lưu Văn phòng Đảng ủy.``: no colon, no "VT"."""
        return f"- {self.archive_word} {units or self.records_office}."


HD05 = PartyProfile()
