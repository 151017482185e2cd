"""Horizontal rules (đường kẻ) under Tiêu ngữ, issuing body and trích yếu, however drawn.

NĐ 30 fixes the length of three rules (TN-3, CQ-5, TL-3) but not how they are drawn
(§16, §20.1), and real documents use all of: a paragraph bottom border (length = the
paragraph's width minus its indents), a top border on the next paragraph, a DrawingML or
VML line shape (length from its extent), or a run of underscores (length from font
metrics). Every kind is reduced to one ``HRule`` with a length and, where it can be
known, the horizontal position of its centre relative to the centre of the container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.law.metrics import text_width_mm

from .docmodel import Line, Para
from .ooxml import (
    A_NS,
    EMU_PER_MM,
    EMU_PER_PT,
    O_NS,
    V_NS,
    WP_NS,
    WPS_NS,
    Element,
    local,
    ns_of,
    twips_to_mm,
)
from .reader import RunFormat

SCRIPT_SCALE = 2 / 3  # Word draws super/subscript at about two thirds of the size
_LINE_GEOMS = {"line", "straightConnector1"}


@dataclass
class HRule:
    kind: str  # Vietnamese description, used in messages
    length_mm: float
    center_mm: float | None  # rule centre minus container centre; None when unknown
    exact: bool  # position computed exactly (borders, underscores in a known alignment)
    thickness_pt: float | None
    solid: bool
    para: Para

    def where(self) -> str:
        return self.para.where(with_snippet=False)


def piece_width_mm(text: str, fmt: RunFormat) -> float:
    size = fmt.size_pt * (SCRIPT_SCALE if fmt.vert_align in ("superscript", "subscript") else 1)
    shown = text.upper() if fmt.caps else text
    return text_width_mm(shown.replace("\t", ""), size, bold=fmt.bold, italic=fmt.italic)


def line_width_mm(line: Line) -> float:
    """Width of a typed line, run by run, trailing spaces ignored (Word hangs them)."""
    trimmed = [(p.text, p.fmt) for p in line.pieces]
    while trimmed and not trimmed[-1][0].strip():
        trimmed.pop()
    if trimmed:
        trimmed[-1] = (trimmed[-1][0].rstrip(), trimmed[-1][1])
    return sum(piece_width_mm(text, fmt) for text, fmt in trimmed)


def leading_space_mm(line: Line) -> float:
    total = 0.0
    for p in line.pieces:
        stripped = p.text.lstrip(" ")
        total += piece_width_mm(p.text[: len(p.text) - len(stripped)], p.fmt)
        if stripped:
            break
    return total


def text_center_mm(line: Line, width_mm: float | None = None) -> float:
    """Centre of a typed line relative to its container's centre (single-line layout)."""
    para = line.para
    fmt = para.fmt
    avail = twips_to_mm(para.avail_width)
    left = twips_to_mm(fmt.ind_left)
    right = twips_to_mm(fmt.ind_right)
    first = twips_to_mm(fmt.first_line) if line.index == 0 else 0.0
    tw = line_width_mm(line) if width_mm is None else width_mm
    if fmt.jc == "center":
        return (left + first - right) / 2
    if fmt.jc == "right":
        return avail / 2 - right - tw / 2
    return -avail / 2 + left + first + tw / 2


# ---------------------------------------------------------------------- kinds


def _border_rule(para: Para, side: str) -> HRule | None:
    b = para.fmt.border_bottom if side == "bottom" else para.fmt.border_top
    if b is None or not b.visible:
        return None
    left = twips_to_mm(para.fmt.ind_left)
    right = twips_to_mm(para.fmt.ind_right)
    return HRule(
        kind="viền dưới đoạn" if side == "bottom" else "viền trên đoạn",
        length_mm=twips_to_mm(para.inner_width),
        center_mm=(left - right) / 2,
        exact=True,
        thickness_pt=b.thickness_pt,
        solid=b.solid,
        para=para,
    )


def _underscore_rule(line: Line) -> HRule:
    length = sum(piece_width_mm(p.text.strip(), p.fmt) for p in line.pieces if p.text.strip())
    lead = leading_space_mm(line)
    center = text_center_mm(line, length)
    if line.para.fmt.jc == "center":
        center += lead / 2
    elif line.para.fmt.jc != "right":
        center += lead
    return HRule(
        kind="dòng gạch dưới «_»",
        length_mm=length,
        center_mm=center,
        exact=True,
        thickness_pt=None,
        solid=True,
        para=line.para,
    )


def _drawing_rules(para: Para) -> list[HRule]:
    out: list[HRule] = []
    for el in para.drawings:
        rule = _drawingml_line(el, para) if local(el) == "drawing" else _vml_line(el, para)
        if rule is not None:
            out.append(rule)
    return out


def _drawingml_line(drawing: Element, para: Para) -> HRule | None:
    wp = f"{{{WP_NS}}}"
    a = f"{{{A_NS}}}"
    holder = next((c for c in drawing if ns_of(c) == WP_NS), None)
    if holder is None:
        return None
    ext = holder.find(f"{wp}extent")
    if ext is None:
        return None
    cx = int(ext.get("cx", "0") or 0)
    cy = int(ext.get("cy", "0") or 0)
    geom = None
    for g in holder.iter(f"{a}prstGeom"):
        geom = g.get("prst")
        break
    is_shape = any(True for _ in holder.iter(f"{{{WPS_NS}}}wsp"))
    if not is_shape and geom not in _LINE_GEOMS:
        return None
    if geom not in _LINE_GEOMS and cy > 1 * EMU_PER_MM:
        return None  # a real shape (box, picture frame), not a thin bar
    for xfrm in holder.iter(f"{a}xfrm"):
        rot = int(xfrm.get("rot", "0") or 0) % 10800000
        if abs(rot - 5400000) < 900000:
            return None  # turned into a vertical line
        break
    if cx <= 0 or cy > 0.25 * cx:
        return None
    length = cx / EMU_PER_MM
    thickness = None
    solid = True
    for ln in holder.iter(f"{a}ln"):
        if ln.get("w"):
            thickness = int(ln.get("w")) / EMU_PER_PT
        dash = ln.find(f"{a}prstDash")
        if dash is not None and dash.get("val") not in (None, "solid"):
            solid = False
        break
    center: float | None
    exact = False
    avail = twips_to_mm(para.avail_width)
    if local(holder) == "inline":
        first = next((ln for ln in para.lines), None)
        center = text_center_mm(first, length) if first is not None else 0.0
        exact = True
    else:
        center = None
        pos_h = holder.find(f"{wp}positionH")
        if pos_h is not None:
            rel = pos_h.get("relativeFrom", "column")
            align = pos_h.find(f"{wp}align")
            offset = pos_h.find(f"{wp}posOffset")
            in_cell = para.container.kind == "cell"
            if align is not None and (align.text or "").strip() == "center":
                if rel in ("column", "margin") or (in_cell and rel != "page"):
                    center = 0.0
            elif offset is not None and rel in ("column", "margin", "character"):
                left = int((offset.text or "0").strip() or 0) / EMU_PER_MM
                if rel == "character":
                    left += twips_to_mm(para.fmt.ind_left)
                center = -avail / 2 + left + length / 2
    return HRule(
        kind="đường vẽ DrawingML",
        length_mm=length,
        center_mm=center,
        exact=exact,
        thickness_pt=thickness,
        solid=solid,
        para=para,
    )


_VML_LEN = re.compile(r"^\s*(-?[\d.]+)\s*([a-z%]*)\s*$")
_VML_UNITS_MM = {
    "pt": 25.4 / 72,
    "in": 25.4,
    "cm": 10.0,
    "mm": 1.0,
    "px": 25.4 / 96,
    "pc": 25.4 / 6,
    "emu": 1 / EMU_PER_MM,
    "": 25.4 / 96,
}


def _vml_len(value: str | None) -> float | None:
    if not value:
        return None
    m = _VML_LEN.match(value)
    if not m:
        return None
    unit = m.group(2)
    if unit not in _VML_UNITS_MM:
        return None
    return float(m.group(1)) * _VML_UNITS_MM[unit]


def _vml_style(el: Element) -> dict[str, str]:
    out = {}
    for part in (el.get("style") or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _vml_line(pict: Element, para: Para) -> HRule | None:
    v = f"{{{V_NS}}}"
    for shape in pict.iter(f"{v}line", f"{v}shape", f"{v}rect"):
        style = _vml_style(shape)
        kind = local(shape)
        length = None
        height = _vml_len(style.get("height")) or 0.0
        if kind == "line":
            pts = []
            for attr in ("from", "to"):
                raw = shape.get(attr) or "0,0"
                xy = [_vml_len(x) for x in raw.split(",")]
                pts.append([*xy, 0.0, 0.0][:2])
            if any(c is None for pt in pts for c in pt):
                continue
            dx = abs((pts[1][0] or 0) - (pts[0][0] or 0))
            dy = abs((pts[1][1] or 0) - (pts[0][1] or 0))
            if dx <= 0 or dy > 0.25 * dx:
                continue
            length = dx
        else:
            if shape.get(f"{{{O_NS}}}hr") in ("t", "true"):
                pct = shape.get(f"{{{O_NS}}}hrpct")
                fraction = (float(pct) / 1000) if pct else 1.0
                length = twips_to_mm(para.inner_width) * (fraction or 1.0)
            else:
                width = _vml_len(style.get("width"))
                connector = (shape.get("type") or "").endswith("_x0000_t32")
                if width is None or width <= 0 or (height > 1.0 and not connector):
                    continue
                length = width
        weight = _vml_len(shape.get("strokeweight"))
        solid = True
        for stroke in shape.iter(f"{v}stroke"):
            if stroke.get("dashstyle") not in (None, "solid"):
                solid = False
        center = None
        exact = False
        if style.get("position") != "absolute" and para.lines:
            center = text_center_mm(para.lines[0], length)
            exact = True
        elif style.get("mso-position-horizontal") == "center":
            center = 0.0
        return HRule(
            kind="đường vẽ VML",
            length_mm=length,
            center_mm=center,
            exact=exact,
            thickness_pt=(weight / (25.4 / 72)) if weight else 0.75,
            solid=solid,
            para=para,
        )
    return None


# ---------------------------------------------------------------------- search


def find_rule_after(line: Line, max_paras: int = 3) -> HRule | None:
    """The rule drawn under ``line``, looking where people actually put one.

    Order: an underscore line or a line shape in the same paragraph, the paragraph's own
    bottom border, then following paragraphs of the same container up to the next text
    (their top border, shapes, underscores or bottom border), skipping blank spacers.
    """
    para = line.para
    for later in para.lines[line.index + 1 :]:
        if later.is_underscore_rule:
            return _underscore_rule(later)
        if later.stripped:
            break
    drawn = _drawing_rules(para)
    if drawn:
        return drawn[0]
    own = _border_rule(para, "bottom")
    if own is not None:
        return own
    cont = para.container
    for nxt in cont.paras[para.index + 1 : para.index + 1 + max_paras]:
        top = _border_rule(nxt, "top")
        if top is not None:
            return top
        if nxt.has_text and not nxt.is_rule_only:
            break
        for ln in nxt.lines:
            if ln.is_underscore_rule:
                return _underscore_rule(ln)
        drawn = _drawing_rules(nxt)
        if drawn:
            return drawn[0]
        bottom = _border_rule(nxt, "bottom")
        if bottom is not None:
            return bottom
    # Last resort: a floating line anchored to one of the few paragraphs just above (Word
    # anchors a drawn line to whichever paragraph was nearest where it was drawn).
    for earlier in reversed(cont.paras[max(0, para.index - 3) : para.index]):
        for rule in _drawing_rules(earlier):
            if rule.kind.startswith("đường vẽ") and not rule.exact:
                return rule
    return None
