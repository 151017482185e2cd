"""The parts of NĐ 30 that are law, not wording: fixed texts, sizes and number/date formats.

Offices adapt wording through the Jinja templates; what is here they may not change.
Rule IDs refer to docs/luat/nd30-spec.md.
"""

from __future__ import annotations

from dataclasses import dataclass

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # QH-1, F-6
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"  # TN-1
FONT = "Times New Roman"  # F-1

# S-4: points follow the Vietnamese alphabet (a, b, c, d, đ, e, g, h, i, k, …).
POINT_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]


@dataclass(frozen=True)
class Sizes:
    """Profile B of nd30-spec §3 (Phụ lục III Mẫu 1.4), body 14 pt unless configured."""

    quoc_hieu: float = 13  # QH-2
    tieu_ngu: float = 14  # TN-2
    agency: float = 13  # CQ-2, CQ-3
    number: float = 13  # SO-2
    place_date: float = 14  # DD-2
    place_date_min: float = 13  # DD-8 fallback
    type_name: float = 14  # TL-1
    summary: float = 14  # TL-2
    recipients_label: float = 12  # NN-1
    recipients: float = 11  # NN-2
    authority: float = 13  # KY-1
    signer_name: float = 14  # KY-2
    page_number: float = 14  # PN-2


@dataclass(frozen=True)
class Geometry:
    """Lengths in millimetres; see nd30-spec §6, §8, §11 and §16."""

    header_distance: float = 10  # P-5
    footer_distance: float = 10
    cell_margin: float = 1.9  # python-docx/Word default cell padding (H-5)
    header_left_min: float = 54
    header_right_share: float = 0.625  # H-4: ≈ 62 / 103 mm of 165 mm
    bottom_left_share: float = 0.39  # NN-5: ≈ 35–42 %
    first_line_indent: float = 12.7  # ND-3: 1.27 cm
    paragraph_before_pt: float = 6  # ND-4
    line_spacing: float = 1.15  # ND-5: between single and 1.5
    rule_ratio: float = 0.42  # CQ-5, TL-3: 1/3 to 1/2 of the text above
    rule_weight_eighths: int = 6  # TN-4: 0.75 pt
    signature_space_lines: int = 4  # KY-5


SIZES = Sizes()
GEOMETRY = Geometry()


def roman(n: int) -> str:
    """Roman numeral for part headings (I., II., … §8.3 scheme b)."""
    values = [
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
    ]
    out = ""
    for value, numeral in values:
        while n >= value:
            out += numeral
            n -= value
    return out


def point_letter(index: int) -> str:
    """0 → a, 4 → đ … (S-4); past y the letters double (aa, bb …)."""
    count = len(POINT_LETTERS)
    return POINT_LETTERS[index % count] * (index // count + 1)


def number_line(number: str | None, symbol: str) -> str:
    """SO-1, SO-6: `Số: 05/KH-UBND`, or blanks before the slash for the records office."""
    return f"Số: {number}/{symbol}" if number else f"Số:{' ' * 6}/{symbol}"


def place_date_line(place: str, year: int, month: int | None = None, day: int | None = None) -> str:
    """DD-1, DD-4: day 01–09, month 01/02 padded, 3–12 plain; DD-5 blanks for a draft."""
    if day is None or month is None:
        blank = " " * 5
        return f"{place}, ngày{blank}tháng{blank}năm {year}"
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"{place}, ngày {day:02d} tháng {month_text} năm {year}"
