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
