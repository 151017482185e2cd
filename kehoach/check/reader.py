"""Effective formatting, resolved the way Word resolves it.

Hand-made documents carry their formatting anywhere: directly on runs, in character or
paragraph styles (through ``basedOn`` chains), in the table style or in ``docDefaults``.
A checker that only reads direct formatting would accept a document whose Normal style is
Arial and reject one styled correctly through styles, so every property is looked up
through the full hierarchy (ECMA-376 §17.7.2):

    direct → (numbering level, paragraphs only) → character style chain →
    paragraph style chain → table style chain → docDefaults

Toggle properties (bold, italic, caps, hidden) follow §17.7.3: direct formatting is
absolute; inside the style hierarchy a ``true`` flips the state inherited from the level
below, so a bold character style on a bold paragraph style gives regular text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ooxml import A_NS, Element, int_attr, on_off, w, wattr


def _first_in(levels: list[Element], tag: str) -> Element | None:
    """The nearest level (direct formatting first, document defaults last) that sets ``tag``."""
    for level in levels:
        found = level.find(w(tag))
        if found is not None:
            return found
    return None


DEFAULT_SIZE_PT = 10.0  # ECMA-376: text with no size anywhere is 10 pt
DEFAULT_CELL_MARGIN = 108  # twips; Word's built-in left/right cell margin
AUTOSPACING_TWIPS = 280  # Word renders before/afterAutospacing as 14 pt

_THEME_COLOR_SLOTS = {
    "text1": "dk1",
    "dark1": "dk1",
    "background1": "lt1",
    "light1": "lt1",
    "text2": "dk2",
    "dark2": "dk2",
    "background2": "lt2",
    "light2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}


@dataclass(frozen=True)
class Border:
    """One side of a paragraph or table border."""

    val: str
    size_eighths: int
    color: str

    @property
    def visible(self) -> bool:
        return self.val not in ("nil", "none") and self.color.upper() != "FFFFFF"

    @property
    def solid(self) -> bool:
        return self.val in ("single", "thick")

    @property
    def thickness_pt(self) -> float:
        return self.size_eighths / 8


@dataclass(frozen=True)
class RunFormat:
    """Effective character formatting of one run."""

    font_ascii: str | None
    font_hansi: str | None
    size_pt: float
    bold: bool
    italic: bool
    caps: bool
    hidden: bool
    color: str  # "auto" or RRGGBB after theme resolution
    vert_align: str | None
    underline: bool = False  # w:u other than "none" (D-NN-2)


@dataclass(frozen=True)
class ParaFormat:
    """Effective paragraph formatting (lengths in twips)."""

    style_id: str | None
    jc: str
    ind_left: int
    ind_right: int
    first_line: int  # negative for a hanging indent
    before: int
    after: int
    line: int
    line_rule: str  # "auto" (240ths of a line), "exact" or "atLeast" (twips)
    contextual: bool
    border_top: Border | None
    border_bottom: Border | None
    tabs: tuple[tuple[str, int], ...]
    frame_xalign: str | None
    mark_size_pt: float
    has_numbering: bool = False
    # w:outlineLvl: 0–8 a heading in the navigation pane, 9 declared body text, None unsaid.
    outline_level: int | None = None
    keep_next: bool = False  # w:keepNext, from the paragraph or its style chain
    extra: dict[str, str] = field(default_factory=dict, compare=False)


# Word's outline level "Body Text" (headings are 0–8).
BODY_TEXT_LEVEL = 9


def _outline_level(el: Element | None) -> int | None:
    """``w:outlineLvl``: 0–8 a heading level, 9 declared body text ("Body Text"); None when
    the document does not say."""
    level = int_attr(el, "val") if el is not None else None
    return level if level is not None and 0 <= level <= BODY_TEXT_LEVEL else None


def _underlined(el: Element | None) -> bool:
    """``w:u``: underlined unless absent or ``none`` (a ``w:u`` without a value is single)."""
    return el is not None and (wattr(el, "val") or "single") != "none"


def _border(el: Element | None) -> Border | None:
    if el is None:
        return None
    return Border(
        val=wattr(el, "val") or "none",
        size_eighths=int_attr(el, "sz") or 0,
        color=wattr(el, "color") or "auto",
    )


class StyleSheet:
    """styles.xml + theme + numbering, with the lookups Word performs."""

    def __init__(
        self,
        styles: Element | None,
        theme: Element | None = None,
        numbering: Element | None = None,
    ) -> None:
        self._styles: dict[str, Element] = {}
        self._default: dict[str, str] = {}
        self._rpr_default: Element | None = None
        self._ppr_default: Element | None = None
        self._chains: dict[str | None, list[Element]] = {}
        if styles is not None:
            for st in styles.iter(w("style")):
                sid = wattr(st, "styleId")
                if sid is None:
                    continue
                self._styles.setdefault(sid, st)
                kind = wattr(st, "type") or "paragraph"
                if (wattr(st, "default") or "").lower() in ("1", "true", "on"):
                    self._default.setdefault(kind, sid)
            defaults = styles.find(w("docDefaults"))
            if defaults is not None:
                self._rpr_default = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
                self._ppr_default = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        self._theme_fonts: dict[str, str] = {}
        self._theme_colors: dict[str, str] = {}
        if theme is not None:
            self._read_theme(theme)
        self._numbering = numbering
        self._numbering_index: dict[tuple[str, str], Element | None] | None = None

    # ------------------------------------------------------------------ theme

    def _read_theme(self, theme: Element) -> None:
        a = f"{{{A_NS}}}"
        for kind in ("major", "minor"):
            font = theme.find(f".//{a}{kind}Font")
            if font is None:
                continue
            for slot, names in (
                ("latin", ("Ascii", "HAnsi")),
                ("ea", ("EastAsia",)),
                ("cs", ("Bidi",)),
            ):
                el = font.find(f"{a}{slot}")
                face = el.get("typeface") if el is not None else None
                for name in names:
                    if face:
                        self._theme_fonts[f"{kind}{name}"] = face
        scheme = theme.find(f".//{a}clrScheme")
        if scheme is not None:
            for child in scheme:
                key = child.tag.rsplit("}", 1)[-1]
                colour = None
                for sub in child:
                    colour = sub.get("lastClr") or sub.get("val")
                if colour:
                    self._theme_colors[key] = colour.upper()

    def theme_font(self, name: str) -> str | None:
        return self._theme_fonts.get(name)

    # ------------------------------------------------------------------ styles

    def default_style(self, kind: str) -> str | None:
        return self._default.get(kind)

    def style(self, sid: str | None) -> Element | None:
        return self._styles.get(sid) if sid else None

    def chain(self, sid: str | None) -> list[Element]:
        """The style and its ``basedOn`` ancestors, nearest first (cycle-safe)."""
        if sid in self._chains:
            return self._chains[sid]
        out: list[Element] = []
        seen: set[str] = set()
        cur = sid
        while cur and cur not in seen:
            seen.add(cur)
            st = self._styles.get(cur)
            if st is None:
                break
            out.append(st)
            cur = wattr(st.find(w("basedOn")), "val")
        self._chains[sid] = out
        return out

    def style_name(self, sid: str | None) -> str | None:
        st = self.style(sid)
        if st is None:
            return None
        return wattr(st.find(w("name")), "val") or sid

    def para_style_id(self, p: Element) -> str | None:
        sid = wattr(p.find(f"{w('pPr')}/{w('pStyle')}"), "val")
        if sid and sid in self._styles:
            return sid
        return self.default_style("paragraph")

    def table_style_id(self, tbl: Element | None) -> str | None:
        if tbl is None:
            return None
        sid = wattr(tbl.find(f"{w('tblPr')}/{w('tblStyle')}"), "val")
        if sid and sid in self._styles:
            return sid
        return self.default_style("table")

    def _sub(self, chain: list[Element], tag: str) -> list[Element]:
        return [el for el in (st.find(w(tag)) for st in chain) if el is not None]

    # ------------------------------------------------------------------ runs

    def run_format(self, r: Element, p: Element | None, tbl: Element | None) -> RunFormat:
        direct = r.find(w("rPr"))
        char_sid = wattr(direct.find(w("rStyle")) if direct is not None else None, "val")
        if not char_sid or char_sid not in self._styles:
            char_sid = self.default_style("character")
        char_chain = self._sub(self.chain(char_sid), "rPr")
        para_chain = self._sub(self.chain(self.para_style_id(p)), "rPr") if p is not None else []
        table_chain = self._sub(self.chain(self.table_style_id(tbl)), "rPr")
        levels = [direct, *char_chain, *para_chain, *table_chain, self._rpr_default]
        levels = [lv for lv in levels if lv is not None]

        def first(tag: str) -> Element | None:
            return _first_in(levels, tag)

        def toggle(tag: str) -> bool:
            if direct is not None:
                v = on_off(direct.find(w(tag)))
                if v is not None:
                    return v
            state = False
            if self._rpr_default is not None:
                state = bool(on_off(self._rpr_default.find(w(tag))))
            for chain in (table_chain, para_chain, char_chain):
                for lv in chain:
                    v = on_off(lv.find(w(tag)))
                    if v is not None:
                        if v:
                            state = not state
                        break
            return state

        size_half = int_attr(first("sz"), "val")
        return RunFormat(
            font_ascii=self._font(levels, "ascii"),
            font_hansi=self._font(levels, "hAnsi"),
            size_pt=size_half / 2 if size_half else DEFAULT_SIZE_PT,
            bold=toggle("b"),
            italic=toggle("i"),
            caps=toggle("caps"),
            hidden=toggle("vanish"),
            color=self._color(first("color")),
            vert_align=wattr(first("vertAlign"), "val"),
            underline=_underlined(first("u")),
        )

    def _font(self, levels: list[Element], slot: str) -> str | None:
        theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"
        for lv in levels:
            fonts = lv.find(w("rFonts"))
            if fonts is None:
                continue
            theme = wattr(fonts, theme_attr)
            if theme:
                # A theme reference wins over the explicit name at the same level.
                return self._theme_fonts.get(theme, f"phông chủ đề {theme}")
            name = wattr(fonts, slot)
            if name:
                return name
        return None

    def _color(self, el: Element | None) -> str:
        if el is None:
            return "auto"
        theme = wattr(el, "themeColor")
        base = (wattr(el, "val") or "auto").upper()
        if theme:
            slot = _THEME_COLOR_SLOTS.get(theme, theme)
            base = self._theme_colors.get(slot, base)
        if base == "AUTO":
            return "auto"
        tint = wattr(el, "themeTint")
        shade = wattr(el, "themeShade")
        if len(base) == 6 and (tint or shade):
            try:
                rgb = [int(base[i : i + 2], 16) for i in (0, 2, 4)]
                if tint:
                    t = int(tint, 16) / 255
                    rgb = [round(c * t + 255 * (1 - t)) for c in rgb]
                if shade:
                    s = int(shade, 16) / 255
                    rgb = [round(c * s) for c in rgb]
                base = "".join(f"{c:02X}" for c in rgb)
            except ValueError:
                pass
        return base

    # ------------------------------------------------------------------ paragraphs

    def _numbering_ppr(self, num_id: str | None, ilvl: str | None) -> Element | None:
        """The paragraph properties a list level gives (w:num's override, else its
        w:abstractNum's level), looked up in an index built once: rescanning every definition
        per paragraph took minutes on a document with thousands of w:num (issue 11)."""
        if self._numbering is None or not num_id or num_id == "0":
            return None
        if self._numbering_index is None:
            self._numbering_index = self._index_numbering()
        return self._numbering_index.get((num_id, ilvl or "0"))

    def _index_numbering(self) -> dict[tuple[str, str], Element | None]:
        assert self._numbering is not None
        abstract: dict[str, dict[str, Element | None]] = {}
        for absn in self._numbering.iter(w("abstractNum")):
            levels = abstract.setdefault(wattr(absn, "abstractNumId") or "", {})
            for lvl in absn.iter(w("lvl")):
                levels.setdefault(wattr(lvl, "ilvl") or "", lvl.find(w("pPr")))
        index: dict[tuple[str, str], Element | None] = {}
        for num in self._numbering.iter(w("num")):
            num_id = wattr(num, "numId") or ""
            abstract_id = wattr(num.find(w("abstractNumId")), "val") or ""
            levels = dict(abstract.get(abstract_id, {}))
            for override in num.iter(w("lvlOverride")):
                lvl = override.find(w("lvl"))
                if lvl is not None and lvl.find(w("pPr")) is not None:
                    levels[wattr(override, "ilvl") or ""] = lvl.find(w("pPr"))
            for level, ppr in levels.items():
                index.setdefault((num_id, level), ppr)  # the first w:num of an id wins
        return index

    def para_format(self, p: Element, tbl: Element | None) -> ParaFormat:
        direct = p.find(w("pPr"))
        sid = self.para_style_id(p)
        style_chain = self.chain(sid)
        para_chain = self._sub(style_chain, "pPr")
        table_chain = self._sub(self.chain(self.table_style_id(tbl)), "pPr")

        num_pr = None
        for lv in [direct, *para_chain]:
            if lv is not None and lv.find(w("numPr")) is not None:
                num_pr = lv.find(w("numPr"))
                break
        num_ppr = None
        if num_pr is not None:
            num_ppr = self._numbering_ppr(
                wattr(num_pr.find(w("numId")), "val"), wattr(num_pr.find(w("ilvl")), "val")
            )
        levels = [direct, num_ppr, *para_chain, *table_chain, self._ppr_default]
        levels = [lv for lv in levels if lv is not None]

        def first(tag: str) -> Element | None:
            return _first_in(levels, tag)

        def group(tag: str, attrs: tuple[str, ...]) -> Element | None:
            """Nearest element of ``tag`` that sets any of ``attrs`` (attribute-level merge)."""
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None and any(wattr(el, a) is not None for a in attrs):
                    return el
            return None

        # Paragraph-mark size: used for "chars" units and for empty-paragraph heights.
        mark_levels = [
            direct.find(w("rPr")) if direct is not None else None,
            *self._sub(style_chain, "rPr"),
            *self._sub(self.chain(self.table_style_id(tbl)), "rPr"),
            self._rpr_default,
        ]
        mark_size = DEFAULT_SIZE_PT
        for lv in mark_levels:
            if lv is not None and lv.find(w("sz")) is not None:
                mark_size = (int_attr(lv.find(w("sz")), "val") or 20) / 2
                break

        jc = wattr(first("jc"), "val") or "left"
        jc = {"start": "left", "end": "right", "justify": "both"}.get(jc, jc)

        left_el = group("ind", ("left", "start"))
        right_el = group("ind", ("right", "end"))
        fl_el = group("ind", ("firstLine", "hanging", "firstLineChars", "hangingChars"))
        ind_left = (
            int_attr(left_el, "left")
            if wattr(left_el, "left") is not None
            else int_attr(left_el, "start")
        ) or 0
        ind_right = (
            int_attr(right_el, "right")
            if wattr(right_el, "right") is not None
            else int_attr(right_el, "end")
        ) or 0
        first_line = 0
        if fl_el is not None:
            chars_first = int_attr(fl_el, "firstLineChars")
            chars_hang = int_attr(fl_el, "hangingChars")
            if chars_hang:
                first_line = -round(chars_hang / 100 * mark_size * 20)
            elif chars_first:
                first_line = round(chars_first / 100 * mark_size * 20)
            elif wattr(fl_el, "hanging") is not None:
                first_line = -(int_attr(fl_el, "hanging") or 0)
            else:
                first_line = int_attr(fl_el, "firstLine") or 0

        def space(side: str) -> int:
            el = group("spacing", (side, f"{side}Lines", f"{side}Autospacing"))
            if el is None:
                return 0
            if on_off_attr(el, f"{side}Autospacing"):
                return AUTOSPACING_TWIPS
            lines = int_attr(el, f"{side}Lines")
            if lines:
                return round(lines / 100 * 240)
            return int_attr(el, side) or 0

        line_el = group("spacing", ("line", "lineRule"))
        line = int_attr(line_el, "line") if line_el is not None else None
        line_rule = (wattr(line_el, "lineRule") if line_el is not None else None) or "auto"
        if line is None:
            line, line_rule = 240, "auto"

        pbdr_levels = [lv.find(w("pBdr")) for lv in levels]

        def pborder(side: str) -> Border | None:
            for bdr in pbdr_levels:
                if bdr is not None and bdr.find(w(side)) is not None:
                    return _border(bdr.find(w(side)))
            return None

        tabs: dict[int, str] = {}
        for lv in reversed(levels):
            tabs_el = lv.find(w("tabs"))
            if tabs_el is None:
                continue
            for tab in tabs_el.iter(w("tab")):
                pos = int_attr(tab, "pos")
                if pos is None:
                    continue
                val = wattr(tab, "val") or "left"
                if val == "clear":
                    tabs.pop(pos, None)
                else:
                    tabs[pos] = val
        frame = first("framePr")

        return ParaFormat(
            style_id=sid,
            jc=jc,
            ind_left=ind_left,
            ind_right=ind_right,
            first_line=first_line,
            before=space("before"),
            after=space("after"),
            line=line,
            line_rule=line_rule,
            contextual=bool(on_off(first("contextualSpacing"))),
            border_top=pborder("top"),
            border_bottom=pborder("bottom"),
            tabs=tuple(sorted((v, p_) for p_, v in tabs.items())),
            frame_xalign=wattr(frame, "xAlign"),
            mark_size_pt=mark_size,
            has_numbering=num_pr is not None
            and (wattr(num_pr.find(w("numId")), "val") or "0") != "0",
            outline_level=_outline_level(first("outlineLvl")),
            keep_next=bool(on_off(first("keepNext"))),
        )

    # ------------------------------------------------------------------ tables

    def _table_levels(self, tbl: Element, tag: str) -> list[Element]:
        direct = tbl.find(w("tblPr"))
        out = []
        if direct is not None and direct.find(w(tag)) is not None:
            out.append(direct.find(w(tag)))
        for st in self.chain(self.table_style_id(tbl)):
            tpr = st.find(w("tblPr"))
            if tpr is not None and tpr.find(w(tag)) is not None:
                out.append(tpr.find(w(tag)))
        return out

    def cell_margins(self, tbl: Element, tc: Element | None) -> tuple[int, int]:
        """Left and right cell margins in twips (tcMar → tblCellMar → style → 108)."""
        result: list[int] = []
        for names in (("left", "start"), ("right", "end")):
            value = None
            sources = []
            if tc is not None:
                tcmar = tc.find(f"{w('tcPr')}/{w('tcMar')}")
                if tcmar is not None:
                    sources.append(tcmar)
            sources.extend(self._table_levels(tbl, "tblCellMar"))
            for src in sources:
                for name in names:
                    el = src.find(w(name))
                    if el is not None:
                        value = int_attr(el, "w") or 0
                        break
                if value is not None:
                    break
            result.append(DEFAULT_CELL_MARGIN if value is None else value)
        return result[0], result[1]

    def table_borders(self, tbl: Element) -> dict[str, Border]:
        """Effective table-level borders; direct sides override the style's sides."""
        out: dict[str, Border] = {}
        for level in reversed(self._table_levels(tbl, "tblBorders")):
            for side_el in level:
                name = side_el.tag.rsplit("}", 1)[-1]
                name = {"start": "left", "end": "right"}.get(name, name)
                b = _border(side_el)
                if b is not None:
                    out[name] = b
        return out


def on_off_attr(el: Element | None, name: str) -> bool:
    raw = wattr(el, name)
    if raw is None:
        return False
    return raw.lower() not in ("0", "false", "off")
