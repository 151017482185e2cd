"""A read-only model of a .docx: sections, containers, paragraphs, visual lines.

The checker never trusts table indexes or paragraph positions from any template: it walks
the document as Word lays it out (body, table cells at any depth, text boxes, headers,
footers, notes) and keeps, for every paragraph, its effective formatting, the width it is
laid out in and a Vietnamese description of where it is, so rules can both locate
components by content and tell the clerk where to look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from .ooxml import (
    EMU_PER_MM,
    MC_NS,
    TWIPS_PER_MM,
    WP_NS,
    Element,
    int_attr,
    local,
    ns_of,
    on_off,
    read_as,
    snippet,
    w,
    wattr,
)
from .reader import ParaFormat, RunFormat, StyleSheet

T = TypeVar("T")

# Runs under these elements are not printed as part of the paragraph that contains them.
_SKIP_ANCESTORS = {"txbxContent", "del", "moveFrom"}
_UNDERSCORES = set("_\u2014\u2015\uff3f")  # "_" plus look-alike full-width/bars


@dataclass
class RunPiece:
    """The part of one run that falls on one visual line (runs may contain breaks)."""

    el: Element
    text: str
    fmt: RunFormat

    @property
    def display(self) -> str:
        return self.text.upper() if self.fmt.caps else self.text


@dataclass
class Line:
    """A visual line as typed: a paragraph split at manual line breaks (``w:br``)."""

    para: Para
    pieces: list[RunPiece]
    index: int  # 0-based within the paragraph
    no: int = 0  # 1-based within the container

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def display(self) -> str:
        return "".join(p.display for p in self.pieces)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def text_pieces(self) -> list[RunPiece]:
        """Pieces carrying visible (non-whitespace) characters."""
        return [p for p in self.pieces if p.text.strip()]

    @property
    def is_underscore_rule(self) -> bool:
        core = self.text.replace(" ", "").replace("\t", "")
        return len(core) >= 3 and all(ch in _UNDERSCORES for ch in core)

    def where(self) -> str:
        return self.para.container.where_line(self)


@dataclass
class Para:
    el: Element
    fmt: ParaFormat
    container: Container
    index: int  # 0-based within the container
    lines: list[Line] = field(default_factory=list)
    body_no: int | None = None  # "đoạn N" for top-level body paragraphs
    section: int = 0
    drawings: list[Element] = field(default_factory=list)
    avail_width: int = 0  # twips available before indents
    boxes: list[Container] = field(default_factory=list)  # text boxes anchored here

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    @property
    def inner_width(self) -> int:
        return self.avail_width - self.fmt.ind_left - self.fmt.ind_right

    @property
    def text_lines(self) -> list[Line]:
        return [ln for ln in self.lines if ln.stripped]

    @property
    def has_visible_border(self) -> bool:
        return any(
            b is not None and b.visible for b in (self.fmt.border_top, self.fmt.border_bottom)
        )

    @property
    def is_blank(self) -> bool:
        """Nothing printed: no text, no drawing, no border (spacer paragraphs)."""
        return not self.has_text and not self.drawings and not self.has_visible_border

    @property
    def is_rule_only(self) -> bool:
        """Carries a rule and nothing else (empty bordered paragraph, line shape, underscores)."""
        if self.has_text:
            return all(ln.is_underscore_rule for ln in self.text_lines)
        return bool(self.drawings) or self.has_visible_border

    def where(self, with_snippet: bool = True) -> str:
        return self.container.where_para(self, with_snippet)

    def pieces(self) -> Iterator[RunPiece]:
        for line in self.lines:
            yield from line.pieces


@dataclass
class TableInfo:
    el: Element
    index: int  # 1-based among top-level tables (nested tables share their parent's)
    parent: Container | None
    rows: list[list[Container]] = field(default_factory=list)
    role: str | None = None
    floating: bool = False
    grid: list[int] = field(default_factory=list)
    section: int = 0

    @property
    def label(self) -> str:
        if self.role:
            return self.role
        base = f"bảng {self.index}"
        if self.parent is not None and self.parent.kind == "cell":
            return f"bảng lồng trong {self.parent.label}"
        return base

    def cells(self) -> Iterator[Container]:
        for row in self.rows:
            yield from row


@dataclass
class Container:
    """A flow of paragraphs laid out in one width: body, cell, header, footer, text box."""

    kind: str
    width: int  # twips of text area (cell: width minus cell margins)
    paras: list[Para] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    table: TableInfo | None = None
    row: int = 0
    col: int = 0
    ncells: int = 1
    tc: Element | None = None
    name: str = ""  # for headers/footers/text boxes

    @property
    def label(self) -> str:
        if self.kind == "cell" and self.table is not None:
            parts = [self.table.label]
            if len(self.table.rows) > 1:
                parts.append(f"hàng {self.row + 1}")
            if self.ncells == 2:
                parts.append("cột trái" if self.col == 0 else "cột phải")
            elif self.ncells > 2:
                parts.append(f"cột {self.col + 1}")
            return ", ".join(parts)
        return self.name

    def where_line(self, line: Line) -> str:
        if self.kind == "body":
            base = f"đoạn {line.para.body_no}"
            if len(line.para.lines) > 1:
                base += f", dòng {line.index + 1}"
            return base
        return f"{self.label}, dòng {line.no}"

    def where_para(self, para: Para, with_snippet: bool = True) -> str:
        if self.kind == "body":
            base = f"đoạn {para.body_no}"
            if with_snippet and para.has_text:
                base += f" («{snippet(para.text)}»)"
            return base
        first = para.lines[0].no if para.lines else 1
        return f"{self.label}, dòng {first}"

    def text_paras(self) -> list[Para]:
        return [p for p in self.paras if p.has_text]

    def lines(self) -> list[Line]:
        return [ln for p in self.paras for ln in p.lines]

    def walk(self) -> Iterator[Para]:
        """Every paragraph in this container and in tables nested in it."""
        yield from self.paras
        for tbl in self.tables:
            for cell in tbl.cells():
                yield from cell.walk()


@dataclass
class SectionInfo:
    index: int
    sect_pr: Element | None
    page_w: int
    page_h: int
    top: int
    bottom: int
    left: int
    right: int
    gutter: int
    title_pg: bool
    pg_start: int | None
    pg_fmt: str | None
    refs: dict[str, dict[str, str]]  # {"header": {"default": rId}, "footer": {...}}
    header_dist: int | None = None  # pgMar w:header: the header's distance from the edge
    first_block: int = 0
    last_block: int = -1

    @property
    def text_width(self) -> int:
        return max(0, self.page_w - self.left - self.right - self.gutter)

    @property
    def landscape(self) -> bool:
        return self.page_w > self.page_h


@dataclass
class HeaderFooter:
    kind: str  # "header" | "footer"
    htype: str  # "default" | "first" | "even"
    rid: str
    container: Container


_HF_NAMES = {
    ("header", "default"): "đầu trang (header)",
    ("header", "first"): "đầu trang của trang đầu (first header)",
    ("header", "even"): "đầu trang trang chẵn (even header)",
    ("footer", "default"): "chân trang (footer)",
    ("footer", "first"): "chân trang của trang đầu (first footer)",
    ("footer", "even"): "chân trang trang chẵn (even footer)",
}


class DocModel:
    """Everything the rules need, read once from a python-docx Document."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        part = document.part
        self.settings = _safe(lambda: document.settings.element)
        theme = _related_xml(part, RT.THEME)
        numbering = _related_xml(part, RT.NUMBERING)
        self.sheet = StyleSheet(_safe(lambda: document.styles.element), theme, numbering)
        self._parts = part.related_parts
        self.sections: list[SectionInfo] = []
        self.blocks: list[Para | TableInfo] = []
        self.tables: list[TableInfo] = []
        self.textboxes: list[Container] = []
        self._top_tables = 0
        self._body_no = 0
        self._cur_section = 0
        body = document.element.body
        self._read_sections(body)
        self.body = Container(kind="body", width=self.sections[0].text_width, name="thân văn bản")
        self._fill(self.body, body, tbl=None, top_level=True)
        self.hf: dict[str, HeaderFooter] = {}  # by rId
        self.section_hf: list[dict[tuple[str, str], HeaderFooter]] = []
        self._read_headers()
        self.notes: list[Container] = []
        for rel, name in (
            (RT.FOOTNOTES, "chú thích cuối trang"),
            (RT.ENDNOTES, "chú thích cuối văn bản"),
        ):
            root = _related_xml(part, rel)
            if root is not None:
                cont = Container(kind="note", width=self.sections[0].text_width, name=name)
                self._fill(cont, root, tbl=None, top_level=False)
                self.notes.append(cont)

    # ------------------------------------------------------------------ sections

    def _read_sections(self, body: Element) -> None:
        sect_prs: list[Element | None] = []
        for child in _iter_blocks(body):
            if local(child) == "p":
                sp = child.find(f"{w('pPr')}/{w('sectPr')}")
                if sp is not None:
                    sect_prs.append(sp)
        final = body.find(w("sectPr"))
        sect_prs.append(final)
        for i, sp in enumerate(sect_prs):
            self.sections.append(_section(i, sp))

    # ------------------------------------------------------------------ content

    def _fill(self, cont: Container, parent: Element, tbl: Element | None, top_level: bool) -> None:
        line_no = 0
        for child in _iter_blocks(parent):
            kind = local(child)
            if kind == "p":
                section = min(self._cur_section, len(self.sections) - 1) if top_level else 0
                para = self._para(child, cont, tbl, section)
                if top_level:
                    self._body_no += 1
                    para.body_no = self._body_no
                    para.avail_width = self.sections[section].text_width
                    self.blocks.append(para)
                    if child.find(f"{w('pPr')}/{w('sectPr')}") is not None:
                        self.sections[section].last_block = len(self.blocks) - 1
                        self._cur_section += 1
                        if self._cur_section < len(self.sections):
                            self.sections[self._cur_section].first_block = len(self.blocks)
                for line in para.lines:
                    line_no += 1
                    line.no = line_no
                for box in para.boxes:
                    box.name = f"hộp văn bản trong {para.where(False)}"
                cont.paras.append(para)
            elif kind == "tbl":
                info = self._table(child, cont, top_level)
                cont.tables.append(info)
                if top_level:
                    self.blocks.append(info)
                # Lines after a nested table continue the cell's line count.
                line_no += 1
        if top_level:
            self.sections[-1].last_block = len(self.blocks) - 1
            # Each block gets its section's text width (landscape sections are wider).

    def _para(self, p: Element, cont: Container, tbl: Element | None, section: int) -> Para:
        sheet = self.sheet
        para = Para(
            el=p,
            fmt=sheet.para_format(p, tbl),
            container=cont,
            index=len(cont.paras),
            section=section,
            avail_width=cont.width,
        )
        lines: list[list[RunPiece]] = [[]]
        for r in _iter_runs(p):
            fmt = sheet.run_format(r, p, tbl)
            if fmt.hidden:
                continue
            buf = ""
            for child in r:
                name = local(child)
                if name in ("br", "cr"):
                    if buf:
                        lines[-1].append(RunPiece(r, buf, fmt))
                        buf = ""
                    lines.append([])
                else:
                    buf += read_as(child, name)
            if buf:
                lines[-1].append(RunPiece(r, buf, fmt))
        para.lines = [Line(para, pieces, i) for i, pieces in enumerate(lines)]
        para.drawings = _drawings(p)
        for box in _textboxes(p):
            tb = Container(
                kind="textbox", width=_textbox_width(box) or cont.width, name="hộp văn bản"
            )
            self._fill(tb, box, tbl=None, top_level=False)
            self.textboxes.append(tb)
            para.boxes.append(tb)
        return para

    def _table(self, tbl: Element, parent: Container, top_level: bool) -> TableInfo:
        if top_level:
            self._top_tables += 1
        index = self._top_tables if top_level else (parent.table.index if parent.table else 0)
        info = TableInfo(el=tbl, index=index, parent=None if top_level else parent)
        info.section = min(self._cur_section, len(self.sections) - 1)
        self.tables.append(info)
        tbl_pr = tbl.find(w("tblPr"))
        info.floating = tbl_pr is not None and tbl_pr.find(w("tblpPr")) is not None
        grid = tbl.find(w("tblGrid"))
        info.grid = (
            [int_attr(g, "w") or 0 for g in grid.iter(w("gridCol"))] if grid is not None else []
        )
        table_width = _table_width(tbl_pr, parent.width) or sum(info.grid) or parent.width
        for r_idx, tr in enumerate(_iter_rows(tbl)):
            row: list[Container] = []
            tcs = list(_iter_cells(tr))
            grid_col = 0
            for c_idx, tc in enumerate(tcs):
                span = int_attr(tc.find(f"{w('tcPr')}/{w('gridSpan')}"), "val") or 1
                width = _cell_width(tc, info.grid, grid_col, span, table_width)
                grid_col += span
                m_left, m_right = self.sheet.cell_margins(tbl, tc)
                cell = Container(
                    kind="cell",
                    width=max(0, width - m_left - m_right),
                    table=info,
                    row=r_idx,
                    col=c_idx,
                    ncells=len(tcs),
                    tc=tc,
                )
                self._fill(cell, tc, tbl=tbl, top_level=False)
                row.append(cell)
            info.rows.append(row)
        return info

    # ------------------------------------------------------------------ headers/footers

    def _read_headers(self) -> None:
        inherited: dict[tuple[str, str], HeaderFooter] = {}
        for sec in self.sections:
            current = dict(inherited)
            for kind in ("header", "footer"):
                for htype, rid in sec.refs.get(kind, {}).items():
                    hf = self.hf.get(rid)
                    if hf is None:
                        part = self._parts.get(rid)
                        root = getattr(part, "element", None) if part is not None else None
                        if root is None and part is not None:
                            root = _safe(lambda p=part: etree.fromstring(p.blob))
                        if root is None:
                            continue
                        cont = Container(
                            kind=kind,
                            width=sec.text_width,
                            name=f"{_HF_NAMES[(kind, htype)]} mục {sec.index + 1}",
                        )
                        self._fill(cont, root, tbl=None, top_level=False)
                        hf = HeaderFooter(kind, htype, rid, cont)
                        self.hf[rid] = hf
                    current[(kind, htype)] = hf
            self.section_hf.append(current)
            inherited = current

    # ------------------------------------------------------------------ iteration

    def all_containers(self) -> Iterator[Container]:
        """Every flow in the document, each once (body, cells, text boxes, headers, notes)."""
        stack: list[Container] = [self.body]
        stack.extend(hf.container for hf in self.hf.values())
        stack.extend(self.notes)
        stack.extend(self.textboxes)
        seen: set[int] = set()
        while stack:
            cont = stack.pop(0)
            if id(cont) in seen:
                continue
            seen.add(id(cont))
            yield cont
            for tbl in cont.tables:
                stack.extend(tbl.cells())

    def even_and_odd(self) -> bool:
        if self.settings is None:
            return False
        return bool(on_off(self.settings.find(w("evenAndOddHeaders"))))

    def gutter_at_top(self) -> bool:
        if self.settings is None:
            return False
        return bool(on_off(self.settings.find(w("gutterAtTop"))))


# ---------------------------------------------------------------------- helpers


def _safe(fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except Exception:  # pragma: no cover - defensive: odd packages
        return None


def _related_xml(part: Part, reltype: str) -> Element | None:
    try:
        rel_part = part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    root = getattr(rel_part, "element", None)
    if root is not None:
        return root
    try:
        return etree.fromstring(rel_part.blob)
    except Exception:
        return None


def _iter_blocks(parent: Element) -> Iterator[Element]:
    """Block-level children in reading order, unwrapping content controls and custom XML."""
    for child in parent:
        name = local(child)
        if name in ("p", "tbl"):
            yield child
        elif name == "sdt":
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _iter_blocks(content)
        elif name in ("customXml", "ins", "moveTo") or (name == "AlternateContent"):
            target = child
            if name == "AlternateContent":
                target = child.find(f"{{{MC_NS}}}Choice")
                if target is None:
                    continue
            yield from _iter_blocks(target)


def _iter_wrapped(parent: Element, tag: str) -> Iterator[Element]:
    """Children named ``tag``, also those wrapped in content controls or custom XML."""
    for child in parent:
        name = local(child)
        if name == tag:
            yield child
        elif name in ("sdt", "customXml"):
            content = child.find(w("sdtContent")) if name == "sdt" else child
            if content is not None:
                yield from (c for c in content if local(c) == tag)


def _iter_rows(tbl: Element) -> Iterator[Element]:
    return _iter_wrapped(tbl, "tr")


def _iter_cells(tr: Element) -> Iterator[Element]:
    return _iter_wrapped(tr, "tc")


def _skipped(el: Element, stop: Element) -> bool:
    for anc in el.iterancestors():
        if anc is stop:
            return False
        name = local(anc)
        if name in _SKIP_ANCESTORS or (name == "Fallback" and ns_of(anc) == MC_NS):
            return True
    return False


def _iter_runs(p: Element) -> Iterator[Element]:
    for r in p.iter(w("r")):
        if not _skipped(r, p):
            yield r


def _drawings(p: Element) -> list[Element]:
    out = []
    for el in p.iter(w("drawing"), w("pict")):
        if not _skipped(el, p):
            out.append(el)
    return out


def _textboxes(p: Element) -> list[Element]:
    out = []
    for box in p.iter(w("txbxContent")):
        if not _skipped(box, p):
            out.append(box)
    return out


def _textbox_width(box: Element) -> int | None:
    for anc in box.iterancestors():
        if local(anc) in ("anchor", "inline") and ns_of(anc) == WP_NS:
            ext = anc.find(f"{{{WP_NS}}}extent")
            if ext is not None and ext.get("cx"):
                mm = int(ext.get("cx")) / EMU_PER_MM - 2 * 2.54
                return int(mm * TWIPS_PER_MM)
    return None


def _table_width(tbl_pr: Element | None, parent_width: int) -> int | None:
    if tbl_pr is None:
        return None
    tw = tbl_pr.find(w("tblW"))
    if tw is None:
        return None
    kind = wattr(tw, "type") or "dxa"
    raw = wattr(tw, "w") or "0"
    if kind == "dxa":
        return int_attr(tw, "w") or None
    if kind == "pct":
        pct = float(raw.rstrip("%")) if raw.endswith("%") else float(raw) / 50
        return int(parent_width * pct / 100) or None
    return None


def _cell_width(tc: Element, grid: list[int], start: int, span: int, table_width: int) -> int:
    tcw = tc.find(f"{w('tcPr')}/{w('tcW')}")
    kind = wattr(tcw, "type") if tcw is not None else None
    if kind == "dxa" and (int_attr(tcw, "w") or 0) > 0:
        return int_attr(tcw, "w") or 0
    if kind == "pct":
        raw = wattr(tcw, "w") or "0"
        pct = float(raw.rstrip("%")) if raw.endswith("%") else float(raw) / 50
        if pct > 0:
            return int(table_width * pct / 100)
    if grid and start < len(grid):
        return sum(grid[start : start + span])
    return table_width


def _section(index: int, sp: Element | None) -> SectionInfo:
    pg_sz = sp.find(w("pgSz")) if sp is not None else None
    pg_mar = sp.find(w("pgMar")) if sp is not None else None
    refs: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
    if sp is not None:
        for kind in ("header", "footer"):
            for ref in sp.findall(w(f"{kind}Reference")):
                rid = ref.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
                )
                if rid:
                    refs[kind][wattr(ref, "type") or "default"] = rid
    pg_num = sp.find(w("pgNumType")) if sp is not None else None
    # Word's defaults when pgSz/pgMar are missing are US Letter with 1" margins.
    return SectionInfo(
        index=index,
        sect_pr=sp,
        page_w=int_attr(pg_sz, "w") or 12240,
        page_h=int_attr(pg_sz, "h") or 15840,
        top=abs(int_attr(pg_mar, "top") or 1440) if pg_mar is not None else 1440,
        bottom=abs(int_attr(pg_mar, "bottom") or 1440) if pg_mar is not None else 1440,
        left=(int_attr(pg_mar, "left") or 0) if pg_mar is not None else 1440,
        right=(int_attr(pg_mar, "right") or 0) if pg_mar is not None else 1440,
        gutter=(int_attr(pg_mar, "gutter") or 0) if pg_mar is not None else 0,
        title_pg=bool(on_off(sp.find(w("titlePg")))) if sp is not None else False,
        pg_start=int_attr(pg_num, "start"),
        pg_fmt=wattr(pg_num, "fmt"),
        refs=refs,
        header_dist=int_attr(pg_mar, "header") if pg_mar is not None else None,
    )
