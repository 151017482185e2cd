"""Page setup (P-1..P-3, P-6) and page numbering (PN-1..PN-6); under HD 05 the same rules
report D-P-1, D-P-2 (fixed margins), D-PN-1..D-PN-4, and the header's distance (D-PN-2)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kehoach.law.profile import Profile

from .docmodel import Container, DocModel, HeaderFooter, Para, SectionInfo, TableInfo
from .findings import Collector
from .locate import Layout
from .ooxml import (
    Element,
    fmt_mm,
    fmt_num,
    local,
    loose_key,
    read_as,
    twips_to_mm,
    w,
    wattr,
)
from .reader import RunFormat
from .typo import jc_name, size_range

# Measuring tolerances (the checker's own; the sizes and ranges are the profile's).
PAPER_TOL_MM = 0.5  # ≈ 28 twips
MARGIN_TOL_MM = 0.5
WORD_HEADER_TWIPS = 720  # Word's header distance when pgMar does not set one
CENTER_TAB_TOL_MM = 5
MARGIN_NAMES = {"top": "Lề trên", "bottom": "Lề dưới", "left": "Lề trái", "right": "Lề phải"}
PAPER_NAMES = {(148.0, 210.0): "A5", (210.0, 297.0): "A4", (297.0, 420.0): "A3"}  # ISO 216


def paper_text(profile: Profile, *, with_size: bool = True) -> str:
    """P-1: the profile's paper, "A4 (210 × 297 mm)" or just "A4"; unnamed sizes in mm."""
    w_mm, h_mm = sorted(profile.paper_mm)
    size = f"{fmt_num(w_mm, 1)} × {fmt_num(h_mm, 1)} mm"
    name = PAPER_NAMES.get((w_mm, h_mm))
    if name is None:
        return size
    return f"{name} ({size})" if with_size else name


def _setup_where(model: DocModel, sec: SectionInfo) -> str:
    return (
        "thiết lập trang" if len(model.sections) == 1 else f"thiết lập trang, mục {sec.index + 1}"
    )


def _section_has_table(model: DocModel, sec: SectionInfo) -> bool:
    for block in model.blocks[sec.first_block : sec.last_block + 1]:
        if isinstance(block, TableInfo) or (isinstance(block, Para) and block.drawings):
            return True
    return False


def is_appendix_section(model: DocModel, sec: SectionInfo) -> bool:
    for block in model.blocks[sec.first_block : sec.last_block + 1]:
        if isinstance(block, Para) and block.has_text:
            return loose_key(block.text_lines[0].text).startswith("PHULUC")
    return False


def check_page_setup(model: DocModel, c: Collector, profile: Profile) -> None:
    gutter_top = model.gutter_at_top()
    paper = sorted(profile.paper_mm)
    margins = profile.margins
    for sec in model.sections:
        where = _setup_where(model, sec)
        dims = sorted((twips_to_mm(sec.page_w), twips_to_mm(sec.page_h)))
        if any(abs(got - want) > PAPER_TOL_MM for got, want in zip(dims, paper, strict=True)):
            c.error(
                "P-1",
                f"Khổ giấy {fmt_mm(twips_to_mm(sec.page_w))} × {fmt_mm(twips_to_mm(sec.page_h))}; "
                f"{c.law} yêu cầu khổ {paper_text(profile)}.",
                where,
            )
        landscape = sec.landscape
        if landscape:
            if sec.index == 0:
                c.error(
                    "P-2",
                    f"Trang đầu văn bản đặt khổ ngang; {c.law} yêu cầu trình bày theo chiều dài "
                    f"của khổ {paper_text(profile, with_size=False)} (khổ ngang chỉ dùng cho phần "
                    "có bảng, biểu).",
                    where,
                )
            elif not _section_has_table(model, sec):
                c.error(
                    "P-2",
                    f"Mục này đặt khổ ngang nhưng không có bảng, biểu; {c.law} chỉ cho phép khổ "
                    "ngang khi có bảng, biểu.",
                    where,
                )
        values = {"top": sec.top, "bottom": sec.bottom, "left": sec.left, "right": sec.right}
        if gutter_top:
            values["top"] += sec.gutter
        else:
            values["left"] += sec.gutter
        for key, name in MARGIN_NAMES.items():
            mm = twips_to_mm(values[key])
            allowed = getattr(margins, key)
            if allowed.accepts(mm, MARGIN_TOL_MM):
                continue
            # D-P-2: a fixed margin (±0,5 mm) reads as its value; a range (P-3) as the range.
            fixed = allowed.high - allowed.low <= 2 * MARGIN_TOL_MM
            want = fmt_mm(allowed.value) if fixed else size_range(allowed.low, allowed.high, "mm")
            msg = f"{name} {fmt_mm(mm)}; {c.law} yêu cầu {want}."
            if landscape:
                c.warn("P-6", msg + " (Lề cho trang ngang chưa được quy định rõ.)", where)
            else:
                c.error("P-3", msg, where)


# ---------------------------------------------------------------------- fields


@dataclass
class PageField:
    para: Para
    name: str
    switches: str
    result_runs: list[Element] = field(default_factory=list)
    begin_run: Element | None = None


@dataclass
class ParaFields:
    para: Para
    fields: list[PageField]
    plain_text: str  # visible text outside any field result
    other_fields: list[str]


_MARK = "\x00"  # where the PAGE field sits inside the paragraph's plain text
_FORMAT_SWITCH = re.compile(r"\\\*\s*(\w+)", re.I)


def _scan_fields(para: Para) -> ParaFields:
    """Walk the paragraph XML in order, separating field instructions, results and text."""
    fields: list[PageField] = []
    others: list[str] = []
    plain: list[str] = []
    stack: list[dict] = []

    def text_of(r: Element) -> str:
        return "".join(read_as(t, local(t)) for t in r)

    def close(entry: dict) -> None:
        instr = " ".join(entry["instr"].split())
        name = instr.split(" ", 1)[0].upper() if instr else ""
        if name == "PAGE":
            fields.append(PageField(para, name, instr[4:], entry["runs"], entry["begin"]))
            plain.append(_MARK)
        elif name:
            others.append(name)

    def walk(el: Element) -> None:
        for child in el:
            name = local(child)
            if name == "fldSimple":
                instr = " ".join((wattr(child, "instr") or "").split())
                fname = instr.split(" ", 1)[0].upper() if instr else ""
                runs = [r for r in child.iter(w("r"))]
                if fname == "PAGE":
                    fields.append(
                        PageField(para, fname, instr[4:], runs, runs[0] if runs else None)
                    )
                    plain.append(_MARK)
                elif fname:
                    others.append(fname)
                continue
            if name == "r":
                for part in child:
                    pname = local(part)
                    if pname == "fldChar":
                        kind = wattr(part, "fldCharType")
                        if kind == "begin":
                            stack.append(
                                {"instr": "", "runs": [], "state": "instr", "begin": child}
                            )
                        elif kind == "separate" and stack:
                            stack[-1]["state"] = "result"
                        elif kind == "end" and stack:
                            close(stack.pop())
                    elif pname == "instrText" and stack:
                        stack[-1]["instr"] += part.text or ""
                txt = text_of(child)
                if stack:
                    if stack[-1]["state"] == "result":
                        for entry in stack:
                            if entry["state"] == "result":
                                entry["runs"].append(child)
                elif txt:
                    plain.append(txt)
                continue
            if name in ("pPr", "rPr", "del", "moveFrom"):
                continue
            if name in ("AlternateContent",):
                continue
            walk(child)

    walk(para.el)
    return ParaFields(para, fields, "".join(plain), others)


def _fields_in(cont: Container | None) -> list[ParaFields]:
    if cont is None:
        return []
    out = []
    for para in cont.walk():
        scanned = _scan_fields(para)
        if scanned.fields:
            out.append(scanned)
    for para in cont.paras:
        for box in para.boxes:
            out.extend(_fields_in(box))
    return out


def _hf(model: DocModel, sec: int, kind: str, htype: str) -> HeaderFooter | None:
    return model.section_hf[sec].get((kind, htype)) if sec < len(model.section_hf) else None


def _result_format(model: DocModel, f: PageField) -> RunFormat | None:
    para = f.para
    for r in f.result_runs:
        for piece in para.pieces():
            if piece.el is r and piece.text.strip():
                return piece.fmt
    if f.begin_run is not None:
        return model.sheet.run_format(f.begin_run, para.el, None)
    return None


def _is_centred(model: DocModel, pf: ParaFields, sec: SectionInfo) -> bool:
    fmt = pf.para.fmt
    if fmt.jc == "center" or fmt.frame_xalign == "center":
        return True
    if fmt.jc not in ("left", "both"):
        return False
    plain = pf.plain_text.replace(_MARK, "")
    if plain.strip("\t ") or plain.count("\t") != 1:
        return False
    middle = sec.text_width / 2 - fmt.ind_left
    return any(
        val == "center" and abs(twips_to_mm(pos - middle)) <= CENTER_TAB_TOL_MM
        for val, pos in fmt.tabs
    )


def check_page_numbers(
    model: DocModel, layouts: list[Layout], c: Collector, profile: Profile
) -> None:
    """PN-1..PN-6. Each document of the file (a Quyết định, then the plan it issues) and
    each appendix is numbered from 1 (PN-5); a restart anywhere else is a PN-1 error."""
    appendix = [is_appendix_section(model, s) for s in model.sections]
    # Sections that open a later document of the file: they restart at 1, like an appendix.
    opening = {lay.first_section: lay for lay in layouts[1:] if lay.first_section is not None}
    main = [s for s, is_app in zip(model.sections, appendix, strict=True) if not is_app]
    sec0 = model.sections[0]
    head0 = _hf(model, 0, "header", "default")
    fields0 = _fields_in(head0.container if head0 else None)
    where0 = head0.container.name if head0 else "đầu trang (header) mục 1"

    if not fields0:
        in_footer = any(
            _fields_in(hf.container)
            for (kind, _t), hf in model.section_hf[0].items()
            if kind == "footer"
        )
        if in_footer:
            c.error(
                "PN-3",
                f"Số trang đặt ở chân trang; {c.law} yêu cầu đặt số trang ở giữa, trong phần lề trên "
                "(đầu trang).",
                "chân trang (footer) mục 1",
            )
        else:
            c.error(
                "PN-3",
                f"Không có số trang (trường PAGE) ở đầu trang; {c.law} yêu cầu đánh số trang bằng chữ "
                "số Ả Rập, căn giữa trong phần lề trên, từ trang thứ hai.",
                where0,
            )
    else:
        _check_field_para(model, fields0[0], sec0, c, where0, profile)
        if head0 is not None:
            for para in head0.container.paras:
                if para.has_text and not any(pf.para is para for pf in fields0):
                    c.warn(
                        "PN-1",
                        f"Đầu trang có nội dung khác ngoài số trang («{para.text.strip()[:40]}»); "
                        f"mẫu {c.law} chỉ có số trang.",
                        para.where(False),
                    )
        first = _hf(model, 0, "header", "first")
        if not sec0.title_pg:
            c.error(
                "PN-4",
                f"Trang 1 hiển thị số trang (chưa bật «Trang đầu khác» – titlePg); {c.law}: trang thứ "
                "nhất không đánh số.",
                where0,
            )
        elif first is not None and _fields_in(first.container):
            c.error(
                "PN-4",
                f"Đầu trang của trang đầu có số trang; {c.law}: trang thứ nhất không đánh số.",
                first.container.name,
            )
        if model.even_and_odd():
            even = _hf(model, 0, "header", "even")
            if even is None or not _fields_in(even.container):
                c.error(
                    "PN-3",
                    "Văn bản dùng đầu trang chẵn/lẻ khác nhau nhưng đầu trang trang chẵn không có "
                    f"số trang; {c.law} yêu cầu đánh số mọi trang từ trang 2.",
                    even.container.name if even else "đầu trang trang chẵn (even header) mục 1",
                )

    _check_header_distance(model, c, profile)
    if sec0.pg_fmt not in (None, "decimal"):
        c.error(
            "PN-1",
            f"Số trang định dạng «{sec0.pg_fmt}»; {c.law} yêu cầu chữ số Ả Rập (1, 2, 3…).",
            _setup_where(model, sec0),
        )
    if sec0.pg_start not in (None, 1):
        c.error(
            "PN-1",
            f"Số trang bắt đầu từ {sec0.pg_start}; {c.law} yêu cầu bắt đầu từ 1.",
            _setup_where(model, sec0),
        )
    for sec in main[1:]:
        if sec.index in opening:
            _check_document_start(model, sec, opening[sec.index], c)
        elif sec.pg_start is not None:
            c.error(
                "PN-1",
                f"Mục {sec.index + 1} của văn bản chính đánh lại số trang từ {sec.pg_start}; "
                f"{c.law} đánh số liên tục từ 1 trong một văn bản.",
                _setup_where(model, sec),
            )
        head = _hf(model, sec.index, "header", "default")
        if head0 is not None and fields0 and (head is None or not _fields_in(head.container)):
            c.error(
                "PN-3",
                f"Đầu trang của mục này không có số trang; {c.law} yêu cầu đánh số mọi trang từ "
                "trang 2.",
                head.container.name if head else _setup_where(model, sec),
            )
    for sec, is_app in zip(model.sections, appendix, strict=True):
        if not is_app:
            continue
        where = _setup_where(model, sec)
        if sec.pg_start != 1:
            c.error(
                "PN-5",
                f"Phụ lục chưa đánh số trang riêng; {c.law} yêu cầu số trang của phụ lục bắt đầu "
                "lại từ 1 (pgNumType start=1).",
                where,
            )
        head = _hf(model, sec.index, "header", "default")
        if head is not None and _fields_in(head.container) and not sec.title_pg:
            c.warn(
                "PN-6",
                "Trang đầu của phụ lục hiển thị số trang; nên ẩn như trang 1 của văn bản "
                "(chưa được quy định rõ).",
                where,
            )


def _check_header_distance(model: DocModel, c: Collector, profile: Profile) -> None:
    """D-PN-2: the page number 10 mm from the top edge (``w:pgMar w:header``), where the law
    makes it a rule (``Vocabulary.header_distance_rule``; NĐ 30's P-5 is only the samples')."""
    rule = c.vocab.header_distance_rule
    if rule is None:
        return
    want = profile.header_distance_mm
    for sec in model.sections:
        mm = twips_to_mm(sec.header_dist if sec.header_dist is not None else WORD_HEADER_TWIPS)
        if abs(mm - want) > MARGIN_TOL_MM:
            c.error(
                rule,
                f"Đầu trang (số trang) cách mép trên {fmt_mm(mm)}; {c.law} yêu cầu số trang cách "
                f"mép trên trang {fmt_mm(want)} (Header from Top).",
                _setup_where(model, sec),
            )


def _check_document_start(model: DocModel, sec: SectionInfo, layout: Layout, c: Collector) -> None:
    """A later document of the file (the plan a Quyết định issues, Mẫu 1.3) is a text of
    its own: numbered from 1 again, its first page without a number (PN-1, PN-4)."""
    where = _setup_where(model, sec)
    kind = layout.doc_type.in_text if layout.doc_type is not None else "Văn bản"
    if sec.pg_start is None:
        c.warn(
            "PN-1",
            f"{kind} (văn bản thứ {layout.number} trong tệp) tiếp tục số trang của văn bản "
            "trước; mỗi văn bản đánh số trang riêng, bắt đầu từ 1 (pgNumType start=1).",
            where,
        )
    elif sec.pg_start != 1:
        c.error(
            "PN-1",
            f"{kind} (văn bản thứ {layout.number} trong tệp) đánh số trang từ {sec.pg_start}; "
            f"{c.law} yêu cầu bắt đầu từ 1.",
            where,
        )
    first = _hf(model, sec.index, "header", "first")
    if not sec.title_pg:
        c.error(
            "PN-4",
            f"Trang đầu của {kind.lower()} (văn bản thứ {layout.number} trong tệp) hiển thị số "
            f"trang (chưa bật «Trang đầu khác» – titlePg); {c.law}: trang thứ nhất không đánh số.",
            where,
        )
    elif first is not None and _fields_in(first.container):
        c.error(
            "PN-4",
            f"Đầu trang của trang đầu {kind.lower()} có số trang; {c.law}: trang thứ nhất không "
            "đánh số.",
            first.container.name,
        )


def _check_field_para(
    model: DocModel, pf: ParaFields, sec: SectionInfo, c: Collector, where: str, profile: Profile
) -> None:
    field_ = pf.fields[0]
    where = pf.para.where(False) if pf.para.container.kind != "body" else where
    if not _is_centred(model, pf, sec):
        c.error(
            "PN-3",
            f"Số trang đang {jc_name(pf.para.fmt.jc)}; {c.law} yêu cầu căn giữa theo chiều ngang.",
            where,
        )
    before, _, after = pf.plain_text.partition(_MARK)
    before = before.replace(_MARK, "").strip(" \t")
    after = after.replace(_MARK, "").strip(" \t")
    switch = _FORMAT_SWITCH.search(field_.switches)
    fmt_name = switch.group(1).lower() if switch else "arabic"
    if before or after:
        parts = []
        if before:
            parts.append(f"«{before}» phía trước")
        if after:
            parts.append(f"«{after}» phía sau")
        c.error(
            "PN-1",
            f"Số trang có chữ kèm theo ({', '.join(parts)}); {c.law} chỉ ghi số, ví dụ «2», không "
            "«- 2 -» hay «Trang 2».",
            where,
        )
    if fmt_name == "arabicdash":
        c.error(
            "PN-1",
            f"Số trang dùng định dạng «- 2 -» (\\* ArabicDash); {c.law} chỉ ghi số, ví dụ «2».",
            where,
        )
    elif fmt_name not in ("arabic", "mergeformat", "charformat"):
        c.error(
            "PN-1",
            f"Số trang định dạng «{switch.group(1) if switch else fmt_name}»; {c.law} yêu cầu chữ số "
            "Ả Rập.",
            where,
        )
    if pf.other_fields:
        c.error(
            "PN-1",
            f"Dòng số trang có thêm trường {', '.join(sorted(set(pf.other_fields)))}; {c.law} chỉ "
            "ghi số trang.",
            where,
        )
    rf = _result_format(model, field_)
    if rf is not None:
        size = profile.sizes.page_number
        if not size.accepts(rf.size_pt):
            c.error(
                "PN-2",
                f"Số trang cỡ chữ {fmt_num(rf.size_pt)} pt; {c.law} yêu cầu "
                f"{size_range(size.low, size.high)}.",
                where,
            )
        if rf.bold:
            c.error("PN-2", f"Số trang in đậm; {c.law} yêu cầu chữ đứng, không đậm.", where)
        if rf.italic:
            c.error("PN-2", f"Số trang in nghiêng; {c.law} yêu cầu chữ đứng.", where)
