"""Text widths in Times New Roman, from shipped Liberation Serif advance widths.

Used wherever a layout rule depends on how long a line of text is: the Quốc hiệu must never
wrap (H-5, H-6), and the rules under Tiêu ngữ, issuing body and trích yếu are sized from the
text above them (TN-3, CQ-5, TL-3). Kerning is ignored, as in nd30-spec §19.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import accumulate, pairwise, repeat

from kehoach.law import breaks

MM_PER_PT = 25.4 / 72
# A "single" line of Times New Roman (and Liberation Serif), as a multiple of its size (§19).
SINGLE_LINE = 1.15
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
    if "\t" in text or "\n" in text or "\r" in text:
        return [w for w in re.split(r"[ \t\r\n]+", text) if w]
    return [w for w in text.split(" ") if w]


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# How much evenness is worth against a better break (see balanced_lines): a line ``w`` wide
# in a box ``W`` wide costs EVENNESS · (w / W)². Two lines that differ by about a quarter of
# the box cost 1 more than two equal ones, the price of an ordinary break over a preferred
# one (EVENNESS / 2 · 0.24² ≈ 1).
EVENNESS = 35.0


def balanced_lines(
    text: str, size_pt: float, width_mm: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """As few lines as greedy wrapping needs, broken where a clerk breaks, and even.

    Centred titles and names read better as "SỞ GIÁO DỤC / VÀ ĐÀO TẠO" than as
    "SỞ GIÁO DỤC VÀ ĐÀO / TẠO". Among the ways to set the words in ``width_mm``, the
    breaker takes, in this order of importance:

    1. the line count of greedy wrapping (``wrap_lines``), never more; no line wider than
       ``width_mm`` unless it is one word that is wider by itself (as greedy does);
    2. no forbidden break (``kehoach.law.breaks``: inside a listed compound word, between
       a number and its "số" / "ngày" / "năm", inside a date or a name) whenever some
       setting in that many lines has none; else the least bad ones (their weights summed:
       a break inside a word weighs more than one between a number and its word, which
       weighs more than one between the words of a long compound: "nông thôn / mới");
    3. the least total of break costs plus evenness: each break costs 0 (after ``,;:)``,
       before "và", "của", "về", "trên địa bàn") to 4 (``breaks``), each line
       ``EVENNESS · (w / width)²``, so a preferred break wins over an ordinary one while the
       lines stay within about a quarter of the width of each other, and among equally good
       breaks the most even lines win.

    Joined by single spaces, the lines give back the words of ``text``. Dynamic
    programming over (line, last word), each line's last word confined to the window
    between the greedy break and the greedy-from-the-end break: linear in the words for a
    given width, and no recursion (a trích yếu of thousands of words is safe).
    """
    return list(_balanced(text, size_pt, width_mm, bold, italic))


@lru_cache(maxsize=2048)
def _balanced(
    text: str, size_pt: float, width_mm: float, bold: bool, italic: bool
) -> tuple[str, ...]:
    words = _words(text)
    if not words:
        return ()
    style = _style(bold, italic)
    units = [_word_units(word, style) for word in words]
    space = _word_units(" ", style)
    cap = _cap_units(size_pt, width_mm)
    if len(words) == 1 or sum(units) + space * (len(words) - 1) <= cap:
        return (" ".join(words),)  # one line: nothing to choose
    gaps = breaks.gaps(tuple(words))
    cuts, _ = best_cuts(units, space, cap, gaps.forbidden, gaps.cost)
    return tuple(" ".join(words[a:b]) for a, b in pairwise(cuts))


def whole_word_lines(
    text: str, size_pt: float, width_mm: float, *, bold: bool = False, max_lines: int
) -> list[str] | None:
    """The fewest lines, ``max_lines`` at most, that set ``text`` in ``width_mm`` with no
    break inside a word of several syllables (``breaks.SPLIT_WORD``); among those, the least
    bad other breaks, then ``balanced_lines``'s costs and evenness. None when there is none.

    For a name too long for its column (CQ-3, CQ-4), where ``balanced_lines``, held to the
    line count of greedy wrapping, must cut a word: "CHƯƠNG / TRÌNH" is worse than a line
    more. Names are short, so every setting is weighed (O(words × words a line holds))."""
    words = _words(text)
    if not words:
        return None
    style = _style(bold, False)
    units = [_word_units(word, style) for word in words]
    space = _word_units(" ", style)
    cap = _cap_units(size_pt, width_mm)
    gaps = breaks.gaps(tuple(words))
    prefix = [0, *accumulate(units)]
    weight = EVENNESS / (cap * cap) if cap else EVENNESS
    n = len(words)
    # best[j]: (lines, forbidden weight, cost) of the best setting of words[:j], and where
    # its last line starts.
    best: list[tuple[int, float, float, int] | None] = [(0, 0, 0.0, -1)] + [None] * n
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            width = prefix[j] - prefix[i] + space * (j - i - 1)
            if width > cap and i < j - 1:
                break
            before = best[i]
            if before is None or (i and gaps.forbidden[i] >= breaks.SPLIT_WORD):
                continue
            bad = before[1] + (gaps.forbidden[i] if i else 0)
            total = before[2] + weight * width * width + (gaps.cost[i] if i else 0.0)
            candidate = (before[0] + 1, bad, total, i)
            current = best[j]
            if current is None or candidate[:3] < current[:3]:
                best[j] = candidate
    end = best[n]
    if end is None or end[0] > max_lines:
        return None
    cuts = [n]
    while cuts[-1] > 0:
        found = best[cuts[-1]]
        assert found is not None
        cuts.append(found[3])
    cuts.reverse()
    return [" ".join(words[a:b]) for a, b in pairwise(cuts)]


@lru_cache(maxsize=16384)
def _word_units(word: str, style: str) -> int:
    widths = _table()[1][style]
    return sum(map(widths.get, unicodedata.normalize("NFC", word), repeat(widths["n"])))


@lru_cache(maxsize=256)
def _cap_units(size_pt: float, width_mm: float) -> int:
    """The most font units a line may hold: ``text_width_mm`` of it is within ``width_mm``
    (the same float expression, so the breaker and greedy wrapping agree to the unit)."""
    upem, _ = _table()

    def mm(units: int) -> float:
        return units / upem * size_pt * MM_PER_PT

    cap = max(int(width_mm / (size_pt * MM_PER_PT) * upem), 0)
    while cap > 0 and mm(cap) > width_mm:
        cap -= 1
    while mm(cap + 1) <= width_mm:
        cap += 1
    return cap


def best_cuts(
    units: Sequence[int],
    space: int,
    cap: int,
    forbidden: Sequence[int],
    cost: Sequence[float],
) -> tuple[list[int], int]:
    """The word indexes where lines start, ``[0, …, len(units)]``, and the number of
    candidate lines weighed (the work done: each line's last word lies in a window between
    the greedy break and the greedy-from-the-end break, and each line holds at most as many
    words as fit, so the work is O(words × words a line holds)). ``units`` are word widths,
    ``space`` the width of a space and ``cap`` the widest line, in font units;
    ``forbidden[i]`` (0: allowed, else how bad) and ``cost[i]`` describe a break before
    word ``i``. The objective is ``balanced_lines``'s."""
    n = len(units)
    prefix = [0, *accumulate(units)]

    def fits(i: int, j: int) -> bool:
        return j - i == 1 or prefix[j] - prefix[i] + (j - i - 1) * space <= cap

    ends: list[int] = []  # greedy: where each line ends, as far as it can
    i = 0
    while i < n:
        j = i + 1
        while j < n and fits(i, j + 1):
            j += 1
        ends.append(j)
        i = j
    count = len(ends)
    if count <= 1:
        return [0, n], 0
    starts: list[int] = []  # greedy from the end: the earliest start of the last m lines
    j = n
    while j > 0:
        i = j - 1
        while i > 0 and fits(i - 1, j):
            i -= 1
        starts.append(i)
        j = i
    # After k lines the text is cut somewhere in [low[k], high[k]].
    low = [0, *(starts[count - k - 1] for k in range(1, count)), n]
    high = [0, *ends]

    inf = float("inf")
    weight = EVENNESS / (cap * cap) if cap else EVENNESS
    # For k lines ending at low[k] + x: bads[k][x] forbidden weight, totals[k][x] cost,
    # froms[k][x] where the last line starts.
    bads: list[list[float]] = [[0]]
    totals: list[list[float]] = [[0.0]]
    froms: list[list[int]] = [[-1]]
    steps = 0
    for line in range(1, count + 1):
        lo_prev, hi_prev = low[line - 1], high[line - 1]
        bad_prev, total_prev = bads[line - 1], totals[line - 1]
        bad_row: list[float] = []
        total_row: list[float] = []
        from_row: list[int] = []
        for j in range(low[line], high[line] + 1):
            end = prefix[j] + space * (j - 1)  # width(i, j) = end - prefix[i] - space * i
            best_bad, best_total, best_from = inf, inf, -1
            for i in range(min(hi_prev, j - 1), lo_prev - 1, -1):
                width = end - prefix[i] - space * i
                if width > cap and i < j - 1:
                    break
                steps += 1
                bad = bad_prev[i - lo_prev]
                total = total_prev[i - lo_prev] + weight * width * width
                if i:
                    bad += forbidden[i]
                    total += cost[i]
                if bad < best_bad or (bad == best_bad and total < best_total):
                    best_bad, best_total, best_from = bad, total, i
            bad_row.append(best_bad)
            total_row.append(best_total)
            from_row.append(best_from)
        bads.append(bad_row)
        totals.append(total_row)
        froms.append(from_row)
    cuts = [n]
    for line in range(count, 0, -1):
        cuts.append(froms[line][cuts[-1] - low[line]])
    return cuts[::-1], steps
