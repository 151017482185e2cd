"""Text widths in Times New Roman, from shipped Liberation Serif advance widths.

Used wherever a layout rule depends on how long a line of text is: the Quốc hiệu must never
wrap (H-5, H-6), and the rules under Tiêu ngữ, issuing body and trích yếu are sized from the
text above them (TN-3, CQ-5, TL-3). Kerning is ignored, as in nd30-spec §19.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise, repeat

MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4


@lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, dict[str, int]]]:
    raw = resources.files("kehoach").joinpath("data/metrics.json").read_text("utf-8")
    data = json.loads(raw)
    return int(data["units_per_em"]), data["styles"]


def _style(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"


@lru_cache(maxsize=4096)
def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Rendered width of one line of ``text`` in millimetres (cached: layout measures the
    same names and lines several times while it chooses widths and breaks)."""
    upem, styles = _table()
    widths = styles[_style(bold, italic)]
    fallback = widths["n"]
    units = sum(map(widths.get, unicodedata.normalize("NFC", text), repeat(fallback)))
    return units / upem * size_pt * MM_PER_PT


def wrap_lines(
    text: str, size_pt: float, width_mm: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Greedy word wrap as a word processor does it, for predicting line breaks."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if current and text_width_mm(candidate, size_pt, bold=bold, italic=italic) > width_mm:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _words(text: str) -> list[str]:
    """Split where a line may break: ASCII white space, never a no-break space."""
    return [w for w in re.split(r"[ \t\r\n]+", text) if w]


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def balanced_lines(
    text: str, size_pt: float, width_mm: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """As few lines as greedy wrapping needs, but as even as possible.

    Centred titles and names read better as "SỞ GIÁO DỤC / VÀ ĐÀO TẠO" than as
    "SỞ GIÁO DỤC VÀ ĐÀO / TẠO"; the line count never grows.
    """
    greedy = wrap_lines(text, size_pt, width_mm, bold=bold, italic=italic)
    words = _words(text)
    count = len(greedy)
    if count <= 1:
        return greedy

    def width(i: int, j: int) -> float:
        return text_width_mm(" ".join(words[i:j]), size_pt, bold=bold, italic=italic)

    @cache
    def best(start: int, lines: int) -> tuple[float, tuple[int, ...]]:
        if lines == 1:
            return width(start, len(words)), ()
        result: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for cut in range(start + 1, len(words) - lines + 2):
            first = width(start, cut)
            if first > width_mm:
                break
            rest, cuts = best(cut, lines - 1)
            result = min(result, (max(first, rest), (cut, *cuts)))
        return result

    widest, cuts = best(0, count)
    if widest > width_mm:
        return greedy
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in pairwise(bounds)]
