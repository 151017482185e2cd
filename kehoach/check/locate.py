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
from .ooxml import collapse_ws, loose_key, starts_with_words
from .typo import is_upper, no_lower

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


_MARK_DASHES = {"-", "\u2013", "\u2011"}  # hyphen-minus, en dash, non-breaking hyphen


def mark_of(text: str) -> str | None:
    """A typed mark in place of a rule (D-CQ-5 ``*``, D-TL-3 ``-----``): "*" for a line of
    stars only, "-" for three or more hyphens only; None for anything else."""
    core = "".join(nfc(text).split())
    if core and set(core) == {"*"}:
        return "*"
    if len(core) >= 3 and set(core) <= _MARK_DASHES:
        return "-"
    return None


def is_mark_line(line: Line) -> bool:
    return mark_of(line.text) is not None


@dataclass(frozen=True)
class DocType:
    """A type of document a file may hold: the plan, or the Quyết định that issues it
    (Mẫu 1.3). ``name`` is the printed type name (TL-1), ``code`` its symbol code (SO-1,
    §14), ``in_text`` the type word as a sentence writes it."""

    name: str
    code: str
    in_text: str
    decision: bool = False

    @property
    def key(self) -> str:
        return loose_key(self.name)


def doc_types(profile: Profile) -> tuple[DocType, ...]:
    """The plan's own type and the Quyết định's, from the rule book."""
    return (
        DocType(profile.type_name, profile.type_code, profile.type_name_in_text),
        DocType(
            profile.decision_type_name,
            profile.decision_code,
            profile.decision_in_text,
            decision=True,
        ),
    )


def note_re(profile: Profile) -> re.Pattern[str]:
    """Mẫu 1.3, PL-4: "(Ban hành kèm theo …)" or "(Kèm theo …)" under a title."""
    words = sorted({profile.attached_note, profile.appendix_note}, key=len, reverse=True)
    alternatives = "|".join(re.escape(nfc(word).lower()) for word in words)
    return re.compile(rf"^\(\s*({alternatives})\b")


def is_note_text(text: str, profile: Profile) -> bool:
    return bool(note_re(profile).match(collapse_ws(nfc(text)).strip().lower()))


@dataclass(frozen=True)
class Keys:
    """Accent-, case- and punctuation-blind keys of the profile's fixed texts (``loose_key``)."""

    quoc_hieu: str  # QH-1: "CONGHOAXAHOICHUNGHIAVIETNAM"
    # Its first two words, "CỘNG HÒA" (compared word by word, ``starts_with_words``): finds a
    # mistyped or split Quốc hiệu.
    quoc_hieu_words: str
    tieu_ngu: tuple[str, ...]  # TN-1, phrase by phrase: ("DOCLAP", "TUDO", "HANHPHUC"); D-TD-1: ()
    title: str  # TL-1: "KEHOACH"
    recipients: str  # NN-1: "NOINHAN"
    appendix: str = ""  # PL-2: "PHULUC", how an appendix section starts
    types: tuple[DocType, ...] = ()  # every type name a document of the file may carry
    caption_max_words: int = 20  # the profile's: a table's title is a title, not a sentence

    @classmethod
    def of(cls, profile: Profile) -> Keys:
        return cls(
            quoc_hieu=loose_key(profile.quoc_hieu),
            quoc_hieu_words=" ".join(profile.quoc_hieu.split()[:2]),
            tieu_ngu=tuple(k for k in map(loose_key, (profile.tieu_ngu or "").split("-")) if k),
            title=loose_key(profile.type_name),
            recipients=loose_key(profile.recipients_label),
            appendix=loose_key(profile.appendix_word),
            types=doc_types(profile),
            caption_max_words=profile.caption_max_words,
        )

    def type_of(self, text: str) -> DocType | None:
        """The document type whose name ``text`` is ("KẾ HOẠCH", "QUYẾT ĐỊNH"), if any."""
        key = loose_key(text)
        return next((t for t in self.types if t.key == key), None)


def is_qh_line(line: Line, keys: Keys) -> bool:
    """A line that may be the Quốc hiệu: it starts with its first two words ("CỘNG HÒA"), so
    a mistyped or split one is found too; never the place and date line ("Cộng Hòa, ngày …",
    a commune of that name)."""
    return starts_with_words(line.text, keys.quoc_hieu_words) and not is_date_text(line.text)


def qh_candidates(lines: list[Line], keys: Keys) -> list[Line]:
    """The lines that may be the Quốc hiệu, the exact one first: a body name that starts
    with the same words ("ỦY BAN NHÂN DÂN XÃ" / "CỘNG HÒA") does not take its place."""
    found = [ln for ln in lines if is_qh_line(ln, keys)]
    return sorted(found, key=lambda ln: loose_key(ln.text) != keys.quoc_hieu)


@dataclass
class Layout:
    """One document of the file: its components, and the blocks it spans.

    A file may hold several documents (a Quyết định, then the plan it issues, Mẫu 1.3),
    each from ``start`` to ``end`` (block indexes); appendix sections ("Phụ lục …") belong
    to the document before them and start at ``main_end``.
    """

    model: DocModel
    start: int = 0
    end: int = 0
    main_end: int = 0  # first block of the document's appendices (``end`` when none)
    number: int = 1  # 1-based among the documents of the file
    count: int = 1  # documents in the file
    first_section: int | None = 0  # the section the document starts, if it starts one
    doc_type: DocType | None = None
    header_end: int = 0  # blocks[start:header_end] form the header region
    header_tables: list[TableInfo] = field(default_factory=list)
    qh: Line | None = None
    qh_continuation: Line | None = None  # a Quốc hiệu typed over two lines
    tn: Line | None = None
    tn_rule: HRule | None = None  # under the Tiêu ngữ (TN-3); without one, under the QH (D-TD-3)
    agency: list[Line] = field(default_factory=list)
    superior: list[Line] = field(default_factory=list)
    issuing: list[Line] = field(default_factory=list)
    agency_rule: HRule | None = None
    agency_mark: Line | None = None  # D-CQ-5: "*" under the issuing body
    so: Line | None = None
    date: Line | None = None
    title: Line | None = None
    summary: list[Line] = field(default_factory=list)
    summary_gap: bool = False
    note: list[Line] = field(default_factory=list)  # "(Ban hành kèm theo …)", Mẫu 1.3
    summary_rule: HRule | None = None
    summary_mark: Line | None = None  # D-TL-3: "-----" under the trích yếu
    authority: list[Line] = field(default_factory=list)  # a Quyết định's issuing authority
    # Whose signature the text bears: a Quyết định's own authority, or for a text attached
    # to the Quyết định before it in the file (Mẫu 1.3), that decision's.
    signs_for: list[Line] = field(default_factory=list)
    body_start: int = 0
    body_end: int = 0
    body_paras: list[Para] = field(default_factory=list)
    body_tables: list[TableInfo] = field(default_factory=list)
    captions: list[Para] = field(default_factory=list)  # a short bold line over a table
    content_tables: list[TableInfo] = field(default_factory=list)  # body and appendices
    closing_table: TableInfo | None = None
    recipients: Container | None = None
    recipients_paras: list[Para] = field(default_factory=list)  # when not in a table
    signature: Container | None = None

    @property
    def attached(self) -> bool:
        """A text issued by a Quyết định (Mẫu 1.3): no number, date or Nơi nhận of its own."""
        return bool(self.note)

    @property
    def is_decision(self) -> bool:
        return self.doc_type is not None and self.doc_type.decision

    @property
    def type_name(self) -> str:
        return self.doc_type.name if self.doc_type is not None else ""

    def named(self, what: str) -> str:
        """A place name, with the document it belongs to when the file holds several:
        "bảng tiêu đề" → "bảng tiêu đề của Quyết định"."""
        if self.count == 1:
            return what
        if self.doc_type is not None:
            return f"{what} của {self.doc_type.in_text}"
        return f"{what} (văn bản {self.number})"


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


def block_lines(block: Para | TableInfo) -> list[Line]:
    """The lines of a paragraph, or of every cell of a table and the tables inside it."""
    if isinstance(block, Para):
        return list(block.lines)
    out: list[Line] = []
    stack = [block]
    while stack:
        tbl = stack.pop(0)
        for cell in tbl.cells():
            out.extend(cell.lines())
            stack.extend(cell.tables)
    return out


def _header_lines(layout: Layout) -> list[Line]:
    blocks = layout.model.blocks[layout.start : layout.header_end]
    return [line for block in blocks for line in block_lines(block)]


def _find_title(model: DocModel, keys: Keys, start: int, end: int) -> int | None:
    for i in range(start, end):
        block = model.blocks[i]
        if isinstance(block, Para):
            lines = block.text_lines
            # "QUYẾT ĐỊNH:" before the articles reads like the type name; it is not one.
            if lines and keys.type_of(lines[0].text) and not lines[0].stripped.endswith(":"):
                return i
    return None


def _guess_header_end(model: DocModel, start: int, end: int) -> int:
    seen_table = False
    for i in range(start, min(end, start + 15)):
        block = model.blocks[i]
        if isinstance(block, TableInfo):
            seen_table = True
        elif block.has_text and seen_table:
            return i
    return start


def _has_qh(tbl: TableInfo, keys: Keys) -> bool:
    stack = [tbl]
    while stack:
        current = stack.pop()
        for cell in current.cells():
            if any(is_qh_line(ln, keys) for ln in cell.lines()):
                return True
            stack.extend(cell.tables)
    return False


def _opens_document(model: DocModel, i: int, keys: Keys) -> bool:
    """A header table with the Quốc hiệu, followed within a few blocks by a type name."""
    block = model.blocks[i]
    if not isinstance(block, TableInfo) or not _has_qh(block, keys):
        return False
    for later in model.blocks[i + 1 : i + 8]:
        if isinstance(later, Para) and later.text_lines:
            first = later.text_lines[0]
            if keys.type_of(first.text) and not first.stripped.endswith(":"):
                return True
    return False


def _document_starts(model: DocModel, keys: Keys) -> list[int]:
    """Block indexes where a document begins: 0, then each later header table that opens
    a document (Mẫu 1.3: the plan a Quyết định issues, in the same file). When only blank
    paragraphs stand between the start of a section and that table, the document starts
    with the section."""
    blocks = model.blocks
    section_starts = {sec.first_block for sec in model.sections}
    starts = [0]
    seen_header = False
    for i in range(len(blocks)):
        if not _opens_document(model, i, keys):
            continue
        if not seen_header:
            seen_header = True
            continue
        start = i
        while start - 1 > starts[-1] and start not in section_starts:
            prev = blocks[start - 1]
            if not (isinstance(prev, Para) and prev.is_blank):
                break
            start -= 1
        starts.append(start if start in section_starts else i)
    return starts


def _appendix_start(model: DocModel, keys: Keys, start: int, end: int) -> int:
    """The first block of the document's first appendix section ("Phụ lục …")."""
    for sec in model.sections:
        if not start < sec.first_block < end:
            continue
        for block in model.blocks[sec.first_block : sec.last_block + 1]:
            if isinstance(block, TableInfo):
                break
            if block.has_text:
                if loose_key(block.text_lines[0].text).startswith(keys.appendix):
                    return sec.first_block
                break
    return end


def locate_all(model: DocModel, profile: Profile) -> list[Layout]:
    """Every document of the file, in order: usually one; a Quyết định and the plan it
    issues (Mẫu 1.3) are two."""
    keys = Keys.of(profile)
    starts = _document_starts(model, keys)
    ends = [*starts[1:], len(model.blocks)]
    first_blocks = {sec.first_block: sec.index for sec in model.sections}
    layouts = []
    for n, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
        layout = _locate_range(model, profile, keys, start, end)
        layout.number, layout.count = n, len(starts)
        layout.first_section = 0 if n == 1 else first_blocks.get(start)
        before = layouts[-1] if layouts else None
        issuer = before if before is not None and before.is_decision and layout.attached else layout
        layout.signs_for = issuer.authority
        layouts.append(layout)
    if len(layouts) > 1:
        for layout in layouts:
            for tbl in [*layout.header_tables, layout.closing_table]:
                if tbl is not None and tbl.role:
                    tbl.role = layout.named(tbl.role)
    return layouts


def locate(model: DocModel, profile: Profile) -> Layout:
    """The first document of the file."""
    return locate_all(model, profile)[0]


def _locate_range(model: DocModel, profile: Profile, keys: Keys, start: int, end: int) -> Layout:
    layout = Layout(model=model, start=start, end=end, body_end=end)
    layout.main_end = _appendix_start(model, keys, start, end)
    blocks = model.blocks
    title_idx = _find_title(model, keys, start, layout.main_end)
    if title_idx is None:
        layout.header_end = _guess_header_end(model, start, layout.main_end)
    else:
        layout.header_end = title_idx
    layout.header_tables = [
        b for b in blocks[start : layout.header_end] if isinstance(b, TableInfo)
    ]
    for n, tbl in enumerate(layout.header_tables, 1):
        tbl.role = "bảng tiêu đề" if len(layout.header_tables) == 1 else f"bảng tiêu đề {n}"
    _locate_header(layout, keys)
    if title_idx is not None:
        title = blocks[title_idx]
        assert isinstance(title, Para)
        layout.doc_type = keys.type_of(title.text_lines[0].text)
        _locate_title(layout, title_idx, keys, profile)
    else:
        layout.body_start = layout.header_end
    _locate_closing(layout, keys)
    return layout


# ---------------------------------------------------------------------- header


def _locate_header(layout: Layout, keys: Keys) -> None:
    lines = _header_lines(layout)
    candidates = qh_candidates(lines, keys)
    if candidates:
        line = candidates[0]
        layout.qh = line
        key = loose_key(line.text)
        rest = lines[lines.index(line) + 1 :]
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
    if layout.tn is not None:
        layout.tn_rule = find_rule_after(layout.tn)
    elif layout.qh is not None and not keys.tieu_ngu:
        # D-TD-3: a law without a motto draws the rule under the title line itself.
        layout.tn_rule = find_rule_after(layout.qh_continuation or layout.qh)

    for line in lines:
        if layout.so is None and is_so_line(line):
            split = _split_tab(line, is_date_text) if is_date_text(line.text) else None
            if split:
                layout.so, layout.date = split
            else:
                layout.so = line
        elif layout.date is None and is_date_text(line.text) and line is not layout.qh:
            layout.date = line

    _locate_agency(layout, lines)


def _is_header_special(layout: Layout, line: Line) -> bool:
    return (
        line is layout.qh
        or line is layout.qh_continuation
        or line is layout.tn
        or is_so_line(line)
        or is_date_text(line.text)
        or is_mark_line(line)
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
            if is_mark_line(ln):
                layout.agency_mark = ln  # D-CQ-5: "*" closes the body name
                done = True
                break
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
    if layout.agency_rule is None and layout.agency_mark is not None:
        layout.agency_rule = find_rule_after(layout.agency_mark)


def _mostly_bold(line: Line) -> bool:
    pieces = line.text_pieces()
    if not pieces:
        return False
    bold = sum(len(p.text.strip()) for p in pieces if p.fmt.bold)
    return bold * 2 > sum(len(p.text.strip()) for p in pieces)


# ---------------------------------------------------------------------- title, body


def _note_open(lines: list[Line], profile: Profile) -> bool:
    """A "(Ban hành kèm theo …" line has started and its ")" has not come yet."""
    start = next((i for i, ln in enumerate(lines) if is_note_text(ln.text, profile)), None)
    if start is None:
        return False
    return not " ".join(ln.stripped for ln in lines[start:]).endswith(")")


def _locate_title(layout: Layout, title_idx: int, keys: Keys, profile: Profile) -> None:
    """Type name, trích yếu, the "(Ban hành kèm theo …)" line of an attached text
    (Mẫu 1.3, not part of the trích yếu), the rule under them; for a Quyết định, the
    issuing authority's line under the rule."""
    blocks = layout.model.blocks
    title_para = blocks[title_idx]
    assert isinstance(title_para, Para)
    text_lines = title_para.text_lines
    layout.title = text_lines[0]
    lines: list[Line] = []
    for ln in text_lines[1:]:
        if is_mark_line(ln):
            layout.summary_mark = layout.summary_mark or ln  # D-TL-3: "-----"
        elif not ln.is_underscore_rule and layout.summary_mark is None:
            lines.append(ln)
    last_idx = title_idx
    gap = False
    if layout.summary_mark is None and (not lines or _note_open(lines, profile)):
        for j in range(title_idx + 1, layout.main_end):
            block = blocks[j]
            if isinstance(block, TableInfo):
                break
            if block.is_blank:
                if lines:
                    break
                gap = True
                continue
            if block.is_rule_only:
                break
            first = block.text_lines[0]
            if is_mark_line(first):
                if lines:  # D-TL-3: "-----" closes the title block
                    layout.summary_mark = first
                    last_idx = j
                break
            opens_note = is_note_text(first.text, profile) and not _note_open(lines, profile)
            if not (opens_note or _note_open(lines, profile)):
                if any(is_note_text(ln.text, profile) for ln in lines):
                    break  # the title block ends with its note
                low = first.stripped.lower()
                looks_summary = (
                    not low.startswith("căn cứ")
                    and (block.fmt.jc == "center" or _mostly_bold(first))
                    and loose_key(first.text) != keys.recipients
                )
                if not lines:
                    if not looks_summary:
                        break
                elif not (looks_summary and block.fmt.jc == lines[-1].para.fmt.jc):
                    break
            for ln in block.text_lines:
                if is_mark_line(ln):
                    layout.summary_mark = ln  # "-----" typed after a line break
                    break
                if not ln.is_underscore_rule:
                    lines.append(ln)
            last_idx = j
            if layout.summary_mark is not None or (
                block.fmt.border_bottom is not None and block.fmt.border_bottom.visible
            ):
                break
    if layout.summary_mark is None and lines:
        for j in range(last_idx + 1, min(layout.main_end, last_idx + 3)):
            block = blocks[j]
            if isinstance(block, Para) and block.is_blank:
                continue
            if isinstance(block, Para) and block.text_lines and is_mark_line(block.text_lines[0]):
                layout.summary_mark = block.text_lines[0]  # D-TL-3: "-----"
                last_idx = j
            break
    split = next((i for i, ln in enumerate(lines) if is_note_text(ln.text, profile)), len(lines))
    layout.summary, layout.note = lines[:split], lines[split:]
    layout.summary_gap = gap and bool(layout.summary)
    if lines:
        layout.summary_rule = find_rule_after(lines[-1])
    if layout.summary_rule is None and layout.summary_mark is not None:
        layout.summary_rule = find_rule_after(layout.summary_mark)
    layout.body_start = last_idx + 1
    if layout.is_decision:
        _locate_authority(layout, keys)


def _locate_authority(layout: Layout, keys: Keys) -> None:
    """Mẫu 1.2, 1.3: the issuing authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), in capitals
    under the rule, before the căn cứ (centred or bold: QD-1 then judges both)."""
    blocks = layout.model.blocks
    for j in range(layout.body_start, layout.main_end):
        block = blocks[j]
        if isinstance(block, TableInfo):
            return
        if block.is_blank or block.is_rule_only:
            continue
        text = collapse_ws(nfc(block.text)).strip()
        if (
            not (block.fmt.jc == "center" or _mostly_bold(block.text_lines[0]))
            or not is_upper(text)
            or text.endswith(":")
            or keys.type_of(text) is not None
        ):
            return
        layout.authority.extend(block.text_lines)
        layout.body_start = j + 1


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
    end = layout.main_end
    layout.body_end = end
    best: tuple[int, int, TableInfo, Container] | None = None
    para_idx: int | None = None
    for j in range(layout.body_start, end):
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
            # The label alone ("Nơi nhận:", however spaced or cased), not a sentence of the
            # body that starts with the same words ("Nơi nhận hồ sơ: …").
            and loose_key(block.text_lines[0].text) == keys.recipients
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
        for k in range(para_idx, end):
            nxt = blocks[k]
            if isinstance(nxt, TableInfo) or (k > para_idx and nxt.is_blank):
                break
            paras.append(nxt)
        layout.recipients_paras = paras
    else:
        found = _signature_table(layout)
        if found is not None:
            j, block, cell = found
            layout.closing_table = block
            block.role = "bảng chữ ký"
            layout.signature = cell
            layout.body_end = j
    _collect_body(layout, keys)


def _signature_table(layout: Layout) -> tuple[int, TableInfo, Container] | None:
    """A text without Nơi nhận (attached to a Quyết định, Mẫu 1.3) still ends with its
    signature: the last table of the document, nothing printed after it, with a cell that
    starts with an authority or position line in capitals and holds two or more lines: the
    last one (the name) not in capitals, or below the space left to sign (a name typed in
    capitals is the signature still, judged by KY-2)."""
    blocks = layout.model.blocks
    for j in range(layout.main_end - 1, layout.body_start - 1, -1):
        block = blocks[j]
        if isinstance(block, Para):
            if block.is_blank:
                continue
            return None
        cells = [c for c in block.cells() if any(ln.stripped for ln in c.lines())]
        if not cells or len(block.rows) > 2:
            return None
        cell = max(cells, key=lambda c: sum(1 for ln in c.lines() if ln.stripped))
        every = cell.lines()
        lines = [ln for ln in every if ln.stripped]
        if len(lines) >= 2 and no_lower(lines[0].text):
            name = every.index(lines[-1])
            space = any(not ln.stripped for ln in every[every.index(lines[0]) : name])
            if not is_upper(lines[-1].text) or space:
                return j, block, cell
        return None
    return None


def _is_caption(para: Para, following: Para | TableInfo | None, max_words: int) -> bool:
    """A table's caption: a short line, bold and centred, right before the table. It is a
    label of the table, not a body paragraph (ND-2..ND-5 do not apply)."""
    if not isinstance(following, TableInfo) or para.fmt.jc != "center":
        return False
    text = collapse_ws(nfc(para.text)).strip()
    pieces = [p for p in para.pieces() if p.text.strip()]
    return (
        len(para.text_lines) <= 2
        and len(text.split()) <= max_words
        and bool(pieces)
        and all(p.fmt.bold for p in pieces)
        # A sentence is a paragraph ("… của các đơn vị."); a title may lead into its table
        # with ":" ("Kết quả thực hiện:"), as kehoach prints a table's tieu_de.
        and not text.endswith((".", ";", ","))
    )


def _collect_body(layout: Layout, keys: Keys) -> None:
    blocks = layout.model.blocks
    body = blocks[layout.body_start : layout.body_end]
    for k, block in enumerate(body):
        if isinstance(block, TableInfo):
            layout.body_tables.append(block)
            continue
        if not block.has_text or block.is_rule_only:
            continue
        following = next(
            (b for b in body[k + 1 :] if not (isinstance(b, Para) and b.is_blank)), None
        )
        if _is_caption(block, following, keys.caption_max_words):
            layout.captions.append(block)
        else:
            layout.body_paras.append(block)
    layout.content_tables = [
        b
        for b in blocks[layout.body_start : layout.end]
        if isinstance(b, TableInfo) and b is not layout.closing_table
    ]


def _signature_cell(tbl: TableInfo, rec: Container) -> Container | None:
    row = tbl.rows[rec.row]
    others = [c for c in row if c is not rec and any(ln.stripped for ln in c.lines())]
    if others:
        return max(others, key=lambda c: sum(1 for ln in c.lines() if ln.stripped))
    rest = [c for c in tbl.cells() if c is not rec and any(ln.stripped for ln in c.lines())]
    return rest[0] if rest else None
