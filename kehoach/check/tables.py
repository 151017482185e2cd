"""Tables: borders of the layout tables (H-3, NN-5) and the content tables of the body and
appendices (BG-1, BG-2, the checker's own IDs).

A content table (tasks, timetable, assignment table) is ruled on purpose; its cells are not
body paragraphs. What the checker asks of it is what a reader needs on paper: that it stays
inside the text area of its page, and that its header row is printed again on every page it
runs over (``w:tblHeader`` on the first row).
"""

from __future__ import annotations

from kehoach.law.profile import Profile

from .docmodel import DocModel, TableInfo
from .findings import Collector
from .locate import Layout
from .ooxml import fmt_mm, int_attr, on_off, twips_to_mm, w, wattr
from .reader import Border

FIT_TOL_MM = 1.0  # BG-1: Word stores whole twips, and a rule has some width


def cell_borders(model: DocModel, tbl: TableInfo) -> list[str]:
    """Names of visible cell edges ("trên", "dưới", "trái", "phải", "giữa các ô")."""
    table_b = model.sheet.table_borders(tbl.el)
    found: set[str] = set()
    nrows = len(tbl.rows)
    for r, row in enumerate(tbl.rows):
        for cell in row:
            tcb = cell.tc.find(f"{w('tcPr')}/{w('tcBorders')}") if cell.tc is not None else None

            def side(name: str, alt: str | None, fallback: str, tcb=tcb) -> Border | None:
                if tcb is not None:
                    el = tcb.find(w(name))
                    if el is None and alt:
                        el = tcb.find(w(alt))
                    if el is not None:
                        return Border(
                            wattr(el, "val") or "none",
                            int_attr(el, "sz") or 0,
                            wattr(el, "color") or "auto",
                        )
                return table_b.get(fallback)

            checks = {
                "trên": side("top", None, "top" if r == 0 else "insideH"),
                "dưới": side("bottom", None, "bottom" if r == nrows - 1 else "insideH"),
                "trái": side("left", "start", "left" if cell.col == 0 else "insideV"),
                "phải": side("right", "end", "right" if cell.col == cell.ncells - 1 else "insideV"),
            }
            for name, b in checks.items():
                if b is not None and b.visible:
                    inner = (name == "trên" and r > 0) or (name == "dưới" and r < nrows - 1)
                    inner = inner or (name == "trái" and cell.col > 0)
                    inner = inner or (name == "phải" and cell.col < cell.ncells - 1)
                    found.add("giữa các ô" if inner else name)
    order = ["trên", "dưới", "trái", "phải", "giữa các ô"]
    return [n for n in order if n in found]


def table_extent(tbl: TableInfo, text_width: int) -> tuple[int, int]:
    """(left edge, width) of a top-level table in twips, from the left margin."""
    tbl_pr = tbl.el.find(w("tblPr"))
    width = sum(tbl.grid)
    tbl_w = tbl_pr.find(w("tblW")) if tbl_pr is not None else None
    kind = wattr(tbl_w, "type") or "dxa"
    if not width and tbl_w is not None:
        raw = wattr(tbl_w, "w") or "0"
        if kind == "dxa":
            width = int_attr(tbl_w, "w") or 0
        elif kind == "pct":
            pct = float(raw.rstrip("%")) if raw.endswith("%") else float(raw) / 50
            width = round(text_width * pct / 100)
    if not width:
        width = text_width
    ind = tbl_pr.find(w("tblInd")) if tbl_pr is not None else None
    left = (int_attr(ind, "w") or 0) if wattr(ind, "type") in (None, "dxa") else 0
    jc = wattr(tbl_pr.find(w("jc")), "val") if tbl_pr is not None else None
    if jc == "center":
        left = (text_width - width) // 2
    elif jc in ("right", "end"):
        left = text_width - width
    return left, width


def _repeats_header(tbl: TableInfo) -> bool:
    first = next(iter(tbl.el.iter(w("tr"))), None)
    if first is None:
        return False
    return bool(on_off(first.find(f"{w('trPr')}/{w('tblHeader')}")))


def check_tables(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    """BG-1: a content table fits the text width of its section; BG-2: its header row is
    repeated on every page (warnings: neither is worded in NĐ 30)."""
    pad = profile.cell_margin_mm
    for tbl in layout.content_tables:
        sec = model.sections[min(tbl.section, len(model.sections) - 1)]
        text_mm = twips_to_mm(sec.text_width)
        left, width = table_extent(tbl, sec.text_width)
        left_mm, width_mm = twips_to_mm(left), twips_to_mm(width)
        right_mm = left_mm + width_mm
        if (
            width_mm > text_mm + FIT_TOL_MM
            or left_mm < -pad - FIT_TOL_MM
            or (right_mm > text_mm + pad + FIT_TOL_MM)
        ):
            c.warn(
                "BG-1",
                f"Bảng rộng {fmt_mm(width_mm)}, vượt ra ngoài vùng soạn thảo rộng "
                f"{fmt_mm(text_mm)} của trang; bảng nội dung nên nằm trong lề (thu hẹp cột, "
                "giảm cỡ chữ trong bảng hoặc đặt ở phụ lục trang ngang).",
                tbl.label,
            )
        if len(tbl.rows) >= 2 and not _repeats_header(tbl):
            c.warn(
                "BG-2",
                "Hàng tiêu đề của bảng không được lặp lại ở đầu mỗi trang (chưa bật «Repeat "
                "Header Rows» – w:tblHeader); bảng sang trang sau sẽ mất tên cột.",
                tbl.label,
            )
