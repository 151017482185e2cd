"""The NĐ 30 profile (Nghị định 30/2020/NĐ-CP), the default rule book of every plan.

The facts live in ``kehoach.law.profile``; this module names the state-document instance and
the numbering formats of §8.3 that every profile shares.
"""

from __future__ import annotations

from kehoach.law.profile import Profile

ND30 = Profile()

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


# --- legacy names, until the writer, compose and validate read the profile ---------------
QUOC_HIEU = ND30.quoc_hieu
TIEU_NGU = ND30.tieu_ngu
FONT = ND30.font
point_letter = ND30.point_letter
number_line = ND30.number_line
place_date_line = ND30.place_date_line


class _LegacySizes:
    def __getattr__(self, name: str) -> float:
        if name == "place_date_min":
            return ND30.sizes.place_date.low
        return getattr(ND30.sizes, name).value


class _LegacyGeometry:
    header_distance = ND30.header_distance_mm
    footer_distance = ND30.footer_distance_mm
    cell_margin = ND30.cell_margin_mm
    header_left_min = ND30.header_left_min_mm
    header_right_share = ND30.header_right_share
    bottom_left_share = ND30.bottom_left_share
    first_line_indent = ND30.body.first_line_indent_mm
    paragraph_before_pt = ND30.body.space_before_pt
    line_spacing = ND30.body.line_spacing.value
    rule_ratio = ND30.rule_ratio.value
    rule_weight_eighths = ND30.rule_weight_eighths
    signature_space_lines = ND30.signature_space_lines


SIZES = _LegacySizes()
GEOMETRY = _LegacyGeometry()
