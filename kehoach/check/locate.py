"""Find the components of a Kế hoạch by their content, not by table index.

Hand-made documents put the header in one table, two stacked tables, two floating tables
side by side or nested tables; the signature block may follow body tables. So every
component is found by what it says — the Quốc hiệu text, "Số:", ", ngày … tháng … năm",
"KẾ HOẠCH", "Nơi nhận:" — inside a bounded region: the header region ends at the type
name, the body ends at the recipients/signature table, and tables in between are body
content, never mistaken for header or signature. The fixed texts are the profile's
(``Keys.of(profile)``), compared accent-, case- and punctuation-blind.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kehoach.law.profile import Profile

from .docmodel import Container, DocModel, Line, Para, RunPiece, TableInfo
from .hrules import HRule, find_rule_after
from .ooxml import loose_key

_SO_START = re.compile(r"^s[ốoóồ](?=\s*[:.]|\s*\d|\s+|\s*/|$)")
_DATE_KEY = re.compile(r"NGAY.*THANG.*NAM")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_so_line(line: Line) -> bool:
    low = nfc(line.text).strip().lower()
    return bool(_SO_START.match(low)) and "/" in low


def is_date_text(text: str) -> bool:
    low = nfc(text).lower()
    return "ngày" in low and bool(_DATE_KEY.search(loose_key(text)))


@dataclass(frozen=True)
class Keys:
    """Accent-, case- and punctuation-blind keys of the profile's fixed texts (``loose_key``)."""

    quoc_hieu: str  # QH-1: "CONGHOAXAHOICHUNGHIAVIETNAM"
    quoc_hieu_start: str  # its first two words, "CONGHOA": finds a mistyped or split Quốc hiệu
    tieu_ngu: tuple[str, ...]  # TN-1, phrase by phrase: ("DOCLAP", "TUDO", "HANHPHUC")
    title: str  # TL-1: "KEHOACH"
    recipients: str  # NN-1: "NOINHAN"

    @classmethod
    def of(cls, profile: Profile) -> Keys:
        return cls(
            quoc_hieu=loose_key(profile.quoc_hieu),
            quoc_hieu_start=loose_key(" ".join(profile.quoc_hieu.split()[:2])),
            tieu_ngu=tuple(k for k in map(loose_key, profile.tieu_ngu.split("-")) if k),
            title=loose_key(profile.type_name),
            recipients=loose_key(profile.recipients_label),
        )


def is_qh_line(line: Line, keys: Keys) -> bool:
    return loose_key(line.text).startswith(keys.quoc_hieu_start)


@dataclass
class Layout:
    model: DocModel
    header_end: int = 0  # blocks[:header_end] form the header region
    header_tables: list[TableInfo] = field(default_factory=list)
    qh: Line | None = None
    qh_continuation: Line | None = None  # a Quốc hiệu typed over two lines
    tn: Line | None = None
    tn_rule: HRule | None = None
    agency: list[Line] = field(default_factory=list)
    superior: list[Line] = field(default_factory=list)
    issuing: list[Line] = field(default_factory=list)
    agency_rule: HRule | None = None
    so: Line | None = None
    date: Line | None = None
    title: Line | None = None
    summary: list[Line] = field(default_factory=list)
    summary_gap: bool = False
    summary_rule: HRule | None = None
    body_start: int = 0
    body_end: int = 0
    body_paras: list[Para] = field(default_factory=list)
    body_tables: list[TableInfo] = field(default_factory=list)
    closing_table: TableInfo | None = None
    recipients: Container | None = None
    recipients_paras: list[Para] = field(default_factory=list)  # when not in a table
    signature: Container | None = None


def _split_tab(line: Line, predicate: Callable[[str], bool]) -> tuple[Line, Line] | None:
    """Split a "Số: …<tab>…, ngày …" line at the tab before the date part."""
    pieces = line.pieces
    for i, piece in enumerate(pieces):
        if "\t" not in piece.text:
            continue
        head, tail = piece.text.split("\t", 1)
        rest = tail + "".join(p.text for p in pieces[i + 1 :])
        if not predicate(rest):
            continue
        left = [*pieces[:i], RunPiece(piece.el, head, piece.fmt)] if head else pieces[:i]
        right_first = RunPiece(piece.el, tail.lstrip("\t"), piece.fmt)
        right = [right_first, *pieces[i + 1 :]] if right_first.text else list(pieces[i + 1 :])
        return Line(line.para, left, line.index, line.no), Line(
            line.para, right, line.index, line.no
        )
    return None


def _header_lines(layout: Layout) -> list[Line]:
    out: list[Line] = []
    for block in layout.model.blocks[: layout.header_end]:
        if isinstance(block, Para):
            out.extend(block.lines)
        else:
            stack = [block]
            while stack:
                tbl = stack.pop(0)
                for cell in tbl.cells():
                    out.extend(cell.lines())
                    stack.extend(cell.tables)
    return out


def _find_title(model: DocModel, keys: Keys) -> int | None:
    for i, block in enumerate(model.blocks):
        if isinstance(block, Para):
            lines = block.text_lines
            if lines and loose_key(lines[0].text) == keys.title:
                return i
    return None


def _guess_header_end(model: DocModel) -> int:
    seen_table = False
    for i, block in enumerate(model.blocks[:15]):
        if isinstance(block, TableInfo):
            seen_table = True
        elif block.has_text and seen_table:
            return i
    return 0


def locate(model: DocModel, profile: Profile) -> Layout:
    keys = Keys.of(profile)
    layout = Layout(model=model)
    blocks = model.blocks
    title_idx = _find_title(model, keys)
    layout.header_end = title_idx if title_idx is not None else _guess_header_end(model)
    layout.header_tables = [b for b in blocks[: layout.header_end] if isinstance(b, TableInfo)]
    for n, tbl in enumerate(layout.header_tables, 1):
        tbl.role = "bảng tiêu đề" if len(layout.header_tables) == 1 else f"bảng tiêu đề {n}"
    _locate_header(layout, keys)
    if title_idx is not None:
        _locate_title(layout, title_idx, keys)
    else:
        layout.body_start = layout.header_end
    _locate_closing(layout, keys)
    return layout


# ---------------------------------------------------------------------- header


def _locate_header(layout: Layout, keys: Keys) -> None:
    lines = _header_lines(layout)
    for i, line in enumerate(lines):
        if is_qh_line(line, keys):
            layout.qh = line
            key = loose_key(line.text)
            rest = lines[i + 1 :]
            if key != keys.quoc_hieu and keys.quoc_hieu.startswith(key):
                nxt = next((ln for ln in rest if ln.stripped), None)
                if (
                    nxt is not None
                    and nxt.para.container is line.para.container
                    and keys.quoc_hieu.startswith(key + loose_key(nxt.text))
                ):
                    layout.qh_continuation = nxt
            after = layout.qh_continuation or line
            cont = line.para.container
            for ln in lines[lines.index(after) + 1 :]:
                if ln.para.container is not cont:
                    break
                if not ln.stripped or ln.is_underscore_rule:
                    continue
                key2 = loose_key(ln.text)
                if any(k in key2 for k in keys.tieu_ngu):
                    layout.tn = ln
                break
            break
    if layout.tn is not None:
        layout.tn_rule = find_rule_after(layout.tn)

    for line in lines:
        if layout.so is None and is_so_line(line):
            split = _split_tab(line, is_date_text) if is_date_text(line.text) else None
            if split:
                layout.so, layout.date = split
            else:
                layout.so = line
        elif layout.date is None and is_date_text(line.text) and not is_qh_line(line, keys):
            layout.date = line

    _locate_agency(layout, lines)


def _is_header_special(layout: Layout, line: Line) -> bool:
    return (
        line is layout.qh
        or line is layout.qh_continuation
        or line is layout.tn
        or is_so_line(line)
        or is_date_text(line.text)
    )


def _agency_rank(layout: Layout, line: Line) -> int:
    """Where the issuing body is expected: left of the Quốc hiệu first, then nearby."""
    qh = layout.qh
    cont = line.para.container
    if qh is None:
        return 0
    qc = qh.para.container
    if qc.kind == "cell" and cont.kind == "cell":
        if cont.table is qc.table and cont.row == qc.row and cont.col < qc.col:
            return 0
        if cont.table is qc.table:
            return 1
        return 2
    return 3


def _locate_agency(layout: Layout, lines: list[Line]) -> None:
    qh_cont = layout.qh.para.container if layout.qh is not None else None
    options: list[tuple[int, int, Line]] = []
    for pos, line in enumerate(lines):
        if not line.stripped or line.is_underscore_rule or _is_header_special(layout, line):
            continue
        cont = line.para.container
        if qh_cont is not None and cont is qh_cont and cont.kind != "body":
            continue
        if (
            qh_cont is not None
            and cont.kind == "body"
            and layout.qh is not None
            and pos > lines.index(layout.qh)
        ):
            continue
        options.append((_agency_rank(layout, line), pos, line))
    if not options:
        return
    start = min(options, key=lambda o: (o[0], o[1]))[2]
    cont = start.para.container
    collected: list[Line] = []
    done = False
    for para in cont.paras[start.para.index :]:
        if para.is_rule_only:
            if collected:
                break
            continue
        if not para.has_text:
            if collected:
                break
            continue
        for ln in para.lines:
            if para is start.para and ln.index < start.index:
                continue
            if ln.is_underscore_rule or is_so_line(ln) or is_date_text(ln.text):
                done = True
                break
            if ln.stripped:
                collected.append(ln)
        if done or (para.fmt.border_bottom is not None and para.fmt.border_bottom.visible):
            break
    layout.agency = collected
    if not collected:
        return
    first_bold = next((i for i, ln in enumerate(collected) if _mostly_bold(ln)), None)
    if first_bold is None:
        layout.superior, layout.issuing = collected[:-1], collected[-1:]
    else:
        layout.superior, layout.issuing = collected[:first_bold], collected[first_bold:]
    layout.agency_rule = find_rule_after(collected[-1])


def _mostly_bold(line: Line) -> bool:
    pieces = line.text_pieces()
    if not pieces:
        return False
    bold = sum(len(p.text.strip()) for p in pieces if p.fmt.bold)
    return bold * 2 > sum(len(p.text.strip()) for p in pieces)


# ---------------------------------------------------------------------- title, body


def _locate_title(layout: Layout, title_idx: int, keys: Keys) -> None:
    blocks = layout.model.blocks
    title_para = blocks[title_idx]
    assert isinstance(title_para, Para)
    text_lines = title_para.text_lines
    layout.title = text_lines[0]
    summary: list[Line] = [ln for ln in text_lines[1:] if not ln.is_underscore_rule]
    last_idx = title_idx
    gap = False
    if not summary:
        for j in range(title_idx + 1, len(blocks)):
            block = blocks[j]
            if isinstance(block, TableInfo):
                break
            if block.is_blank:
                if summary:
                    break
                gap = True
                continue
            if block.is_rule_only:
                break
            first = block.text_lines[0]
            low = first.stripped.lower()
            looks_summary = (
                not low.startswith("căn cứ")
                and (block.fmt.jc == "center" or _mostly_bold(first))
                and loose_key(first.text) != keys.recipients
            )
            if not summary:
                if not looks_summary:
                    break
            elif not (looks_summary and block.fmt.jc == summary[-1].para.fmt.jc):
                break
            summary.extend(ln for ln in block.text_lines if not ln.is_underscore_rule)
            last_idx = j
            if block.fmt.border_bottom is not None and block.fmt.border_bottom.visible:
                break
    layout.summary = summary
    layout.summary_gap = gap and bool(summary)
    if summary:
        layout.summary_rule = find_rule_after(summary[-1])
    layout.body_start = last_idx + 1


def _first_text_key(cont: Container) -> str:
    for line in cont.lines():
        if line.stripped:
            return loose_key(line.text)
    return ""


def _closing_score(tbl: TableInfo, rec: Container) -> int:
    """How much a table looks like the Nơi nhận | chữ ký table rather than body content."""
    score = 0
    rec_lines = [ln for ln in rec.lines() if ln.stripped]
    if rec_lines and rec_lines[0].stripped.endswith(":"):
        score += 1
    if len(rec_lines) >= 2:
        score += 2
    for cell in tbl.rows[rec.row]:
        if cell is not rec and sum(1 for ln in cell.lines() if ln.stripped) >= 2:
            score += 2
            break
    return score


def _locate_closing(layout: Layout, keys: Keys) -> None:
    blocks = layout.model.blocks
    layout.body_end = len(blocks)
    best: tuple[int, int, TableInfo, Container] | None = None
    para_idx: int | None = None
    for j in range(layout.body_start, len(blocks)):
        block = blocks[j]
        if isinstance(block, TableInfo):
            rec = next(
                (c for c in block.cells() if _first_text_key(c).startswith(keys.recipients)),
                None,
            )
            if rec is None:
                continue
            score = _closing_score(block, rec)
            if best is None or score > best[0]:
                best = (score, j, block, rec)
        elif (
            para_idx is None
            and block.has_text
            and loose_key(block.text_lines[0].text).startswith(keys.recipients)
            and block.text_lines[0].stripped.rstrip().endswith(":")
        ):
            para_idx = j
    if best is not None and (para_idx is None or best[0] >= 3 or best[1] < para_idx):
        _, j, block, rec = best
        layout.closing_table = block
        block.role = "bảng nơi nhận – chữ ký"
        layout.recipients = rec
        layout.signature = _signature_cell(block, rec)
        layout.body_end = j
    elif para_idx is not None:
        layout.body_end = para_idx
        paras = []
        for k in range(para_idx, len(blocks)):
            nxt = blocks[k]
            if isinstance(nxt, TableInfo) or (k > para_idx and nxt.is_blank):
                break
            paras.append(nxt)
        layout.recipients_paras = paras
    for block in blocks[layout.body_start : layout.body_end]:
        if isinstance(block, TableInfo):
            layout.body_tables.append(block)
        elif block.has_text and not block.is_rule_only:
            layout.body_paras.append(block)


def _signature_cell(tbl: TableInfo, rec: Container) -> Container | None:
    row = tbl.rows[rec.row]
    others = [c for c in row if c is not rec and any(ln.stripped for ln in c.lines())]
    if others:
        return max(others, key=lambda c: sum(1 for ln in c.lines() if ln.stripped))
    rest = [c for c in tbl.cells() if c is not rec and any(ln.stripped for ln in c.lines())]
    return rest[0] if rest else None
