"""Typography checks shared by the component rules (size, bold, italic, capitals, alignment)."""

from __future__ import annotations

from collections.abc import Iterable

from kehoach.law.metrics import MM_PER_PT, SINGLE_LINE, wrap_lines
from kehoach.law.profile import Size

from .docmodel import Line, Para, RunPiece
from .findings import ERROR, Collector
from .ooxml import fmt_num, twips_to_mm

_JC_NAMES = {
    "left": "căn trái",
    "right": "căn phải",
    "center": "căn giữa",
    "both": "căn đều hai lề",
    "distribute": "dàn đều",
}


def jc_name(jc: str) -> str:
    return _JC_NAMES.get(jc, jc)


def size_range(lo: float, hi: float, unit: str = "pt") -> str:
    """A closed range of the rule book, for messages: "13 pt", "13–14 pt", "30–35 mm"."""
    return f"{fmt_num(lo)} {unit}" if lo == hi else f"{fmt_num(lo)}–{fmt_num(hi)} {unit}"


def visible(pieces: Iterable[RunPiece]) -> list[RunPiece]:
    return [p for p in pieces if p.text.strip()]


def sizes_of(pieces: Iterable[RunPiece]) -> list[float]:
    return sorted({p.fmt.size_pt for p in visible(pieces)})


def _sizes_text(sizes: list[float]) -> str:
    return " và ".join(f"{fmt_num(s)} pt" for s in sizes)


def dominant_size(pieces: Iterable[RunPiece]) -> float | None:
    counts: dict[float, int] = {}
    for p in visible(pieces):
        counts[p.fmt.size_pt] = counts.get(p.fmt.size_pt, 0) + len(p.text.strip())
    return max(counts, key=lambda k: counts[k]) if counts else None


def is_upper(text: str) -> bool:
    """Written in capitals: it has letters, and none of them is lower case."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch == ch.upper() for ch in letters)


def no_lower(text: str) -> bool:
    """Meets "in hoa": no letter of ``text`` is lower case ("2026 – 2030", "123" do, having
    none to write in capitals)."""
    return all(ch == ch.upper() for ch in text if ch.isalpha())


def check_typo(
    c: Collector,
    rule: str,
    what: str,
    pieces: list[RunPiece],
    where: str,
    *,
    size: Size | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
    underline: bool | None = None,
    severity: str = ERROR,
) -> None:
    """Report each property of ``pieces`` that differs from what the rule asks (``None``:
    not asked), citing the law the collector checks under.

    ``size`` is the rule book's size rule for the component (``profile.sizes.*``): every
    visible run must be within its accepted range.
    """
    vis = visible(pieces)
    if not vis:
        return
    if size is not None:
        found = sizes_of(vis)
        if not all(size.accepts(s) for s in found):
            c.add(
                rule,
                severity,
                f"{what} cỡ chữ {_sizes_text(found)}; {c.law} yêu cầu "
                f"{size_range(size.low, size.high)}.",
                where,
            )
    for wanted, attr, words in (
        (bold, "bold", ("in đậm", "chữ in đậm", "chữ không đậm")),
        (italic, "italic", ("in nghiêng", "chữ in nghiêng", "chữ đứng")),
        (underline, "underline", ("gạch chân", "chữ gạch chân", "chữ không gạch chân")),
    ):
        if wanted is None:
            continue
        states = {getattr(p.fmt, attr) for p in vis}
        if wanted and states != {True}:
            part = f"có phần không {words[0]}" if True in states else f"không {words[0]}"
            c.add(rule, severity, f"{what} {part}; {c.law} yêu cầu {words[1]}.", where)
        elif not wanted and True in states:
            part = f"có phần {words[0]}" if False in states else f"đang {words[0]}"
            c.add(rule, severity, f"{what} {part}; {c.law} yêu cầu {words[2]}.", where)
    if upper is not None:
        shown = "".join(p.display for p in vis)
        if upper and not no_lower(shown):
            c.add(
                rule,
                severity,
                f"{what} chưa viết in hoa toàn bộ; {c.law} yêu cầu chữ in hoa.",
                where,
            )


def check_centered(
    c: Collector, rule: str, what: str, para: Para, where: str, severity: str = ERROR
) -> None:
    if para.fmt.jc != "center":
        c.add(
            rule, severity, f"{what} đang {jc_name(para.fmt.jc)}; {c.law} yêu cầu căn giữa.", where
        )


def check_lines_centered(
    c: Collector, rule: str, what: str, lines: Iterable[Line], severity: str = ERROR
) -> list[Para]:
    """``check_centered`` once for each paragraph the ``lines`` belong to; those paragraphs,
    in order."""
    paras: list[Para] = []
    for ln in lines:
        if not any(p is ln.para for p in paras):
            paras.append(ln.para)
            check_centered(c, rule, what, ln.para, ln.where(), severity)
    return paras


def line_pieces(lines: Iterable[Line]) -> list[RunPiece]:
    return [p for ln in lines for p in ln.pieces]


# -- geometry -------------------------------------------------------------------------------


def line_height_mm(para: Para, size_pt: float) -> float:
    """One line of ``para`` at ``size_pt``, as its line rule makes it (single: §19)."""
    fmt = para.fmt
    single = size_pt * SINGLE_LINE * MM_PER_PT
    if fmt.line_rule == "exact":
        return twips_to_mm(fmt.line)
    if fmt.line_rule == "atLeast":
        return max(single, twips_to_mm(fmt.line))
    return single * fmt.line / 240


def rendered_count(line: Line) -> int:
    """How many lines ``line`` takes once wrapped to its paragraph's width."""
    size = dominant_size(line.pieces) or line.para.fmt.mark_size_pt
    width = twips_to_mm(line.para.inner_width)
    bold = any(p.fmt.bold for p in line.pieces)
    return max(1, len(wrap_lines(line.display, size, width, bold=bold)) if line.stripped else 1)


def y_offset_mm(line: Line) -> float:
    """Approximate distance from the top of the container to the top of ``line``."""
    y = 0.0
    for para in line.para.container.paras:
        y += twips_to_mm(para.fmt.before)
        for ln in para.lines:
            if ln is line or (para is line.para and ln.index == line.index):
                return y
            size = dominant_size(ln.pieces) or para.fmt.mark_size_pt
            y += line_height_mm(para, size) * rendered_count(ln)
        y += twips_to_mm(para.fmt.after)
    return y
