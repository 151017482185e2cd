"""The layout pass: where the law puts each thing on the page, measured once in plain Python.

Column widths of the header and closing tables, the line breaks of long body names and of the
trích yếu, the lengths of the three rules and whether the place-and-date line fits: the writer
draws exactly this, and ``validate`` warns from the same numbers (DD-8), so what a warning
predicts is what the page shows. Lengths are millimetres.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import accumulate

from kehoach.document import Document, Header, Page, Span, Table
from kehoach.law import breaks
from kehoach.law.metrics import balanced_lines, text_width_mm, whole_word_lines, wrap_lines
from kehoach.law.profile import Profile

# CQ-4: a long body name breaks where a clerk breaks it, after the kind of body.
_BODY_BREAK_AFTER = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
# TL-2: a client with slightly wider glyphs must not wrap a balanced line again.
_TITLE_SLACK = 0.98


@dataclass(frozen=True)
class Rule:
    """A centred solid line ``length`` long inside a box ``box`` wide (§16 option 1)."""

    length: float
    box: float

    @property
    def indent(self) -> float:
        return max((self.box - self.length) / 2, 0.0)


@dataclass(frozen=True)
class HeaderLayout:
    columns: tuple[float, float]  # outer widths, cell padding included (H-4, H-5)
    superior: list[str]  # CQ-2 lines
    body: list[str]  # CQ-3 lines
    agency_rule: Rule  # CQ-5
    motto_rule: Rule  # TN-3
    date_size: float  # DD-2, or DD-8's smaller size
    date_fits: bool  # False: the line wraps even at the smaller size (DD-8)


@dataclass(frozen=True)
class TitleLayout:
    summary: list[str]  # TL-2, balanced lines
    rule: Rule  # TL-3


@dataclass(frozen=True)
class PageLayout:
    header: HeaderLayout
    title: TitleLayout
    closing: tuple[float, float]  # NN-5 column widths
    recipients: list[str]  # NN-2 lines, words kept whole where they wrap
    authority: list[str]  # KY-1 lines, likewise
    position: str | None  # KY-1 (D-KY-3), likewise


def page_setup(
    profile: Profile,
    *,
    top: float | None = None,
    bottom: float | None = None,
    left: float | None = None,
    right: float | None = None,
    body_size: float | None = None,
) -> Page:
    """The page of a plan: what its spec sets, else the profile's values (P-4, ND-1)."""
    margins = profile.margins

    def pick(value: float | None, default: float) -> float:
        return default if value is None else value

    return Page(
        top=pick(top, margins.top.value),
        bottom=pick(bottom, margins.bottom.value),
        left=pick(left, margins.left.value),
        right=pick(right, margins.right.value),
        body_size=pick(body_size, profile.sizes.body.value),
        width=profile.paper_mm[0],
        height=profile.paper_mm[1],
    )


def _agency_lines(text: str, size: float, width: float, *, bold: bool) -> list[str]:
    """Break a long body name where a clerk would (after ỦY BAN NHÂN DÂN), else evenly."""
    if text_width_mm(text, size, bold=bold) <= width:
        return [text]
    for prefix in _BODY_BREAK_AFTER:
        if text.startswith(prefix + " "):
            rest = text[len(prefix) + 1 :]
            return [prefix, *_agency_lines(rest, size, width, bold=bold)]
    lines = balanced_lines(text, size, width, bold=bold)
    if _worst_break(lines) < breaks.SPLIT_WORD:
        return lines
    # CQ-3: a name keeps its words whole ("CHƯƠNG / TRÌNH" is never acceptable), even at the
    # price of one more line than the width strictly needs: set it in a slightly narrower
    # box until no break cuts a word, as long as that costs at most one line.
    for step in range(1, 9):
        narrower = balanced_lines(text, size, width * (1 - step * 0.03), bold=bold)
        if len(narrower) > len(lines) + 1:
            break
        if _worst_break(narrower) < breaks.SPLIT_WORD:
            return narrower
    # No narrower box keeps the words whole in one line more: weigh every setting, up to
    # two lines more than the width needs ("BAN CHỈ ĐẠO CHƯƠNG / TRÌNH MỤC TIÊU QUỐC / GIA
    # …" was set in four lines; whole, it takes six).
    return whole_word_lines(text, size, width, bold=bold, max_lines=len(lines) + 2) or lines


def _worst_break(lines: list[str]) -> int:
    """How bad the worst break between ``lines`` is (``breaks.SPLIT_*``; 0 when all are
    allowed)."""
    return max(breaks.break_weights(lines), default=0)


def plan_header(profile: Profile, page: Page, header: Header) -> HeaderLayout:
    """Ô 1–4 (H-*, QH-*, TN-*, CQ-*, DD-8)."""
    sizes, pad = profile.sizes, profile.cell_margin_mm
    total = page.text_width + 2 * pad
    quoc_hieu = text_width_mm(profile.quoc_hieu, sizes.quoc_hieu.value, bold=True)
    # H-5, H-6: the right column always holds the Quốc hiệu on one line.
    right_min = quoc_hieu + 2 * pad + 2
    right = max(total * profile.header_right_share, right_min)
    left = max(total - right, profile.header_left_min_mm)
    # A body name a little too long for the left column gets the room the right column can
    # spare rather than a line break (CQ-4 allows breaks; fewer read better).
    names = [(t, sizes.superior.value, False) for t in header.superior]
    names += [(t, sizes.agency.value, True) for t in header.body]
    room = total - right_min
    needed = [text_width_mm(t, size, bold=bold) + 2 * pad + 1 for t, size, bold in names]
    left = max([left, *(w for w in needed if w <= room)])
    right = total - left

    # DD-8, D-H-2: the date line never wraps if the page can help it. NĐ 30 first drops to
    # the smaller size DD-2 allows; then the right column widens, the left keeping at least
    # its minimum (the body's name may take one more line: CQ-4 allows breaks, a broken date
    # reads worse). HD 05 allows one size only, so it widens straight away.
    date_size, fits = sizes.place_date.value, True
    if header.place_date is not None:  # a text attached to a Quyết định has no date line
        widest_right = total - profile.header_left_min_mm
        for size in dict.fromkeys((sizes.place_date.value, sizes.place_date.low)):
            date_size = size
            wanted = text_width_mm(header.place_date, size, italic=True) + 2 * pad
            if wanted <= right:
                break
            if size == sizes.place_date.low and wanted <= widest_right:
                right = min(wanted + 1, widest_right)  # a millimetre to spare, as for names
                left = total - right
                break
        else:
            fits = False
    left_inner, right_inner = left - 2 * pad, right - 2 * pad

    superior = [
        line
        for text in header.superior
        for line in _agency_lines(text, sizes.superior.value, left_inner, bold=False)
    ]
    body = [
        line
        for text in header.body
        for line in _agency_lines(text, sizes.agency.value, left_inner, bold=True)
    ]
    widest = max(text_width_mm(line, sizes.agency.value, bold=True) for line in body)
    # TN-3: the rule under the Tiêu ngữ is as wide as it; D-TD-3: with no Tiêu ngữ, the rule
    # under "ĐẢNG CỘNG SẢN VIỆT NAM" is as long as that title.
    if profile.tieu_ngu is not None:
        motto = text_width_mm(profile.tieu_ngu, sizes.tieu_ngu.value, bold=True)
    else:
        motto = quoc_hieu

    return HeaderLayout(
        columns=(left, right),
        superior=superior,
        body=body,
        agency_rule=Rule(widest * profile.rule_ratio.value, left_inner),
        motto_rule=Rule(motto, right_inner),  # TN-3: as long as the Tiêu ngữ
        date_size=date_size,
        date_fits=fits,
    )


def plan_title(profile: Profile, page: Page, summary: list[str]) -> TitleLayout:
    """Ô 5a: the trích yếu in even centred lines and the rule under it (TL-2, TL-3)."""
    size = profile.sizes.summary.value
    width = page.text_width
    lines = [
        line
        for text in summary
        for line in balanced_lines(text, size, width * _TITLE_SLACK, bold=True)
    ]
    widest = max(text_width_mm(line, size, bold=True) for line in lines)
    return TitleLayout(lines, Rule(widest * profile.rule_ratio.value, width))


def note_lines(profile: Profile, width: float, note: str) -> list[str]:
    """PL-4, Mẫu 1.3: the "(Kèm theo …)" line in even centred lines, broken where the
    trích yếu would be (never "… Đảng ủy / xã)" or inside a number or a date)."""
    size = profile.sizes.note.value
    return balanced_lines(note, size, width * _TITLE_SLACK, italic=True)


def plan_closing(profile: Profile, page: Page) -> tuple[float, float]:
    """Ô 7, 9b: Nơi nhận left, signature right (NN-5), cell padding included."""
    total = page.text_width + 2 * profile.cell_margin_mm
    left = total * profile.bottom_left_share
    return left, total - left


NO_BREAK_SPACE = "\u00a0"
# A run of words held together may fill at most this much of a line, so the client never
# has to cut it inside a word.
_HELD_SHARE = 0.9
# A last word narrower than this share of the line is not left alone on it (a runt).
_RUNT_SHARE = 0.2


# A content-table row of at most this many lines stays on one page (w:cantSplit): a short
# row cut by a page break ("Văn phòng Đăng" / "ký đất đai" on the next page) reads badly. A
# taller row may break: Word cuts off a row taller than the page rather than break it.
ROW_WHOLE_LINES = 12


def cell_lines(paragraphs: list[list[Span]], size_pt: float, width_mm: float, *, bold: bool) -> int:
    """Lines a table cell's paragraphs take when the client wraps them at ``width_mm`` (a
    paragraph with bold words measured bold, as ``whole_word_spans`` does)."""
    return sum(
        len(
            wrap_lines(
                "".join(span.text for span in spans),
                size_pt,
                width_mm,
                bold=bold or any(span.bold for span in spans),
            )
        )
        or 1
        for spans in paragraphs
    )


def whole_words(
    text: str, size_pt: float, width_mm: float, *, bold: bool = False, same_lines: bool = False
) -> str:
    """A line the word processor wraps itself (a Nơi nhận entry), with a no-break space
    inside each word or name its wrap would cut ("thị / trấn", "Phú / Phong"), so that it
    breaks before them. The gaps beside each predicted break are held too: a client's
    glyphs may be a little wider or narrower than these metrics; and a short last word is
    not left alone on the last line. ``same_lines``: only if that costs no extra line (a
    table cell, where a line more makes the whole row taller)."""
    words = text.split(" ")
    if len(words) < 2 or "" in words or text_width_mm(text, size_pt, bold=bold) <= width_mm:
        return text  # fits, or is not text the model folded (a space at an end, two in a row)
    forbidden = breaks.gaps(tuple(words)).forbidden
    held: set[int] = set()  # gap i lies before words[i]
    last = len(words) - 1
    while True:
        starts = _wraps(words, held, size_pt, width_mm, bold)
        wanted = {
            gap
            for start in starts
            for gap in (start - 1, start, start + 1)
            if 0 < gap < len(words) and gap not in held and forbidden[gap] >= breaks.SPLIT_UNIT
        }
        if (  # a short last word alone on its line ("… trực thuộc / Sở;") takes one along
            starts
            and starts[-1] == last
            and last not in held
            and text_width_mm(words[last], size_pt, bold=bold) <= width_mm * _RUNT_SHARE
        ):
            wanted.add(last)
        wanted = {
            gap
            for gap in wanted
            if _run_width(words, held | {gap}, gap, size_pt, bold) <= width_mm * _HELD_SHARE
        }
        if not wanted:
            break
        held |= wanted
    if same_lines and len(_wraps(words, held, size_pt, width_mm, bold)) > len(
        _wraps(words, set(), size_pt, width_mm, bold)
    ):
        return text
    return _joined(words, held)


def whole_word_spans(
    spans: list[Span], size_pt: float, width_mm: float, *, bold: bool = False
) -> list[Span]:
    """``whole_words`` for a paragraph of runs (a table cell), at no extra line: each space it
    holds becomes a no-break space in whichever run it falls."""
    text = "".join(span.text for span in spans)
    bold = bold or any(span.bold for span in spans)
    held = whole_words(text, size_pt, width_mm, bold=bold, same_lines=True)
    if held == text:
        return spans
    out, start = [], 0
    for span in spans:
        end = start + len(span.text)
        out.append(replace(span, text=held[start:end]))
        start = end
    return out


def _wraps(
    words: list[str], held: set[int], size_pt: float, width_mm: float, bold: bool
) -> list[int]:
    """The words a greedy word processor starts a line with (``wrap_lines``, which never
    breaks at a no-break space, so a run of held-together words moves down whole)."""
    lines = wrap_lines(_joined(words, held), size_pt, width_mm, bold=bold)
    return list(accumulate(len(line.split()) for line in lines[:-1]))


def _joined(words: list[str], held: set[int]) -> str:
    return words[0] + "".join(
        (NO_BREAK_SPACE if i in held else " ") + word for i, word in enumerate(words) if i
    )


def _run_width(words: list[str], held: set[int], gap: int, size_pt: float, bold: bool) -> float:
    """Width of the run of held-together words that holds ``gap``."""
    first, last = gap - 1, gap
    while first > 0 and first in held:
        first -= 1
    while last + 1 < len(words) and last + 1 in held:
        last += 1
    return text_width_mm(" ".join(words[first : last + 1]), size_pt, bold=bold)


def lay_out(document: Document, profile: Profile) -> PageLayout:
    page = document.page
    closing = plan_closing(profile, page)
    left, right = (width - 2 * profile.cell_margin_mm for width in closing)
    size = profile.sizes.recipients.value
    signer, sign_size = document.signature, profile.sizes.authority.value
    position = signer.position
    return PageLayout(
        header=plan_header(profile, page, document.header),
        title=plan_title(profile, page, document.summary),
        closing=closing,
        recipients=[whole_words(text, size, left) for text in document.recipients],
        authority=[whole_words(t, sign_size, right, bold=True) for t in signer.authority],
        position=position and whole_words(position, sign_size, right, bold=profile.position_bold),
    )


def plan_appendix_rule(profile: Profile, width: float, title: str) -> Rule:
    """PL-5: the short centred rule under an appendix's heading lines, sized from the title
    (or the "Phụ lục" label) as the rules under a trích yếu are (TL-3)."""
    size = profile.sizes.summary.value
    lines = [line for line in title.split("\n") if line]
    widest = max(text_width_mm(line, size, bold=True) for line in lines)
    return Rule(min(widest, width) * profile.rule_ratio.value, width)


# A word set in a cell keeps this much room besides the cell's two paddings, so a client with
# slightly wider glyphs does not break it again.
_CELL_WORD_SLACK_MM = 0.6


def table_columns(profile: Profile, table: Table, width_mm: float, size_pt: float) -> list[float]:
    """The widths (mm) of a content table's columns: the shares the spec gives (``rong``),
    except that no column is narrower than the longest word it must hold in one piece, so
    "STT" or a date such as "15/11/2024" never breaks letter by letter. Columns raised to
    their minimum give their width up from the others, in proportion to those shares."""
    minimum = [0.0] * len(table.widths)
    for row in [table.header, *table.rows]:
        column = 0
        for cell in row:
            if cell.colspan == 1 and not cell.covered:
                for paragraph in cell.paragraphs:
                    for span in paragraph:
                        for word in span.text.split():
                            need = text_width_mm(word, size_pt, bold=span.bold or cell.bold)
                            minimum[column] = max(minimum[column], need)
            column += cell.colspan
    pad = 2 * profile.cell_margin_mm + _CELL_WORD_SLACK_MM
    minimum = [m + pad for m in minimum]
    if sum(minimum) >= width_mm:  # the words alone overfill the line: share by need
        return [width_mm * m / sum(minimum) for m in minimum]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(minimum)) if i not in fixed]
        room = width_mm - sum(fixed.values())
        share = sum(table.widths[i] for i in free)
        widths = {i: room * table.widths[i] / share for i in free}
        short = {i: minimum[i] for i, w in widths.items() if w < minimum[i]}
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(minimum))]
        fixed.update(short)
