"""Type name and trích yếu (TL-*), body paragraphs (ND-*), legal bases (CC-1) and the
heading scheme of §8.3 (DM-1..DM-3, S-4; warnings)."""

from __future__ import annotations

import re

from kehoach.law.metrics import text_width_mm, wrap_lines
from kehoach.law.profile import Body, Length, Profile

from .docmodel import Line, Para, TableInfo
from .findings import ERROR, WARNING, Collector
from .hrules import line_width_mm, text_center_mm
from .locate import Layout, nfc
from .ooxml import collapse_ws, fmt_cm, fmt_num, fmt_pt, mm_to_twips, twips_to_mm
from .rules_header import check_rule, ratio_text
from .typo import (
    check_centered,
    check_typo,
    dominant_size,
    is_upper,
    jc_name,
    line_pieces,
    size_range,
)

# Measuring allowances (the checker's own; indents, gaps and spacing are the profile's).
TWIP_SLACK = 1  # Word stores whole twips: one more for rounding the profile's mm
GAP_SLACK_TWIPS = 5  # ND-4: a gap of 5.75 pt still counts as 6 pt
SINGLE_LINE = 1.15  # TNR "single" line height, as a multiple of the font size (§19)

_PART = re.compile(r"^(phần|chương|mục|tiểu mục)\s+([ivxlc]+|\d+)\b", re.I)
_MUC = re.compile(r"^(?P<label>[IVXLC]+)\.\s+(?P<title>.+)$")
_KHOAN = re.compile(r"^(?P<label>\d+(\.\d+)*)\.\s+(?P<title>.+)$")
_DIEM = re.compile(r"^(?P<label>[a-zđ])\)\s+(?P<title>.+)$")
_BULLET = re.compile(r"^[-+–•]\s")


def _kind(para: Para, prev_kind: str | None) -> str:
    text = nfc(para.text).strip()
    if text.lower().startswith("căn cứ"):
        return "cancu"
    if _PART.match(text):
        return "part"
    if prev_kind == "part" and is_upper(text):
        return "part-title"
    if _MUC.match(text):
        return "muc"
    if _KHOAN.match(text):
        return "khoan"
    if _DIEM.match(text):
        return "diem"
    if para.fmt.has_numbering:
        return "numbered"
    return "plain"  # ordinary paragraphs and "-"/"+" items


# ---------------------------------------------------------------------- title


def _check_title(layout: Layout, c: Collector, profile: Profile) -> None:
    title = layout.title
    if title is None:
        c.error(
            "TL-1",
            f"Không tìm thấy tên loại văn bản «{profile.type_name}» (một dòng riêng, căn giữa, "
            "dưới bảng tiêu đề).",
            "sau bảng tiêu đề",
        )
        return
    where = title.where()
    shown = collapse_ws(nfc(title.display))
    if shown != profile.type_name:
        c.error(
            "TL-1",
            f"Tên loại ghi «{shown}»; NĐ 30 yêu cầu «{profile.type_name}» (chữ in hoa).",
            where,
        )
    check_typo(
        c,
        "TL-1",
        "Tên loại văn bản",
        title.pieces,
        where,
        size=profile.sizes.type_name,
        bold=True,
        italic=False,
    )
    check_centered(c, "TL-1", "Tên loại văn bản", title.para, where)

    summary = layout.summary
    if not summary:
        c.error(
            "TL-2",
            f"Không có trích yếu nội dung ngay dưới «{profile.type_name}»; NĐ 30 yêu cầu trích yếu "
            "in đậm, căn giữa.",
            where,
        )
        return
    swhere = summary[0].where()
    if layout.summary_gap:
        c.error(
            "TL-2",
            f"Có dòng trống giữa «{profile.type_name}» và trích yếu; NĐ 30 đặt trích yếu ngay "
            "dưới tên loại.",
            swhere,
        )
    text = collapse_ws(" ".join(nfc(ln.display) for ln in summary)).strip()
    if text.lower().startswith("v/v"):
        c.error("TL-2", "Trích yếu bắt đầu bằng «V/v»; «V/v» chỉ dùng cho công văn.", swhere)
    elif text and text[0].isalpha() and not text[0].isupper():
        c.error("TL-2", "Trích yếu phải viết hoa chữ cái đầu.", swhere)
    if is_upper(text) and len(text.split()) > 1:
        c.error(
            "TL-2",
            "Trích yếu viết in hoa toàn bộ; NĐ 30: chữ thường, viết hoa chữ cái đầu (và danh từ "
            "riêng).",
            swhere,
        )
    check_typo(
        c,
        "TL-2",
        "Trích yếu",
        line_pieces(summary),
        swhere,
        size=profile.sizes.summary,
        bold=True,
        italic=False,
    )
    seen: set[int] = set()
    for ln in summary:
        if id(ln.para) not in seen:
            seen.add(id(ln.para))
            check_centered(c, "TL-2", "Trích yếu", ln.para, ln.where())

    rule = layout.summary_rule
    if rule is None:
        c.error(
            "TL-3",
            "Không có đường kẻ ngang dưới trích yếu; NĐ 30 yêu cầu đường kẻ nét liền dài "
            f"{ratio_text(profile.rule_ratio.low, profile.rule_ratio.high)} dòng chữ, đặt cân giữa.",
            summary[-1].where(),
        )
        return
    segments: list[tuple[str, float]] = []
    for ln in summary:
        size = dominant_size(ln.pieces) or profile.sizes.summary.value
        bold = any(p.fmt.bold for p in ln.text_pieces())
        avail = twips_to_mm(ln.para.inner_width)
        segs = wrap_lines(ln.display.strip(), size, avail, bold=bold)
        if len(segs) <= 1:
            segments.append((ln.display.strip(), line_width_mm(ln)))
        else:
            segments.extend((s, text_width_mm(s, size, bold=bold)) for s in segs)
    ordered = sorted(segments, key=lambda s: -s[1])
    candidates = [*ordered, segments[-1]]
    longest = max(summary, key=line_width_mm)
    center = text_center_mm(longest, ordered[0][1]) if longest.para.fmt.jc == "center" else None
    check_rule(
        c,
        "TL-3",
        "trích yếu",
        rule,
        candidates,
        (profile.rule_ratio.low, profile.rule_ratio.high),
        profile.rule_ratio_tolerance,
        center,
    )


# ---------------------------------------------------------------------- body


def _gap(paras: list[Para], i: int) -> tuple[int, int]:
    """Effective space before/after, honouring contextualSpacing between same-style paras."""
    para = paras[i]
    before, after = para.fmt.before, para.fmt.after
    if para.fmt.contextual:
        prev = paras[i - 1] if i > 0 else None
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if prev is not None and prev.fmt.style_id == para.fmt.style_id:
            before = 0
        if nxt is not None and nxt.fmt.style_id == para.fmt.style_id:
            after = 0
    return before, after


def _lines(multiple: float) -> str:
    """1 → "dòng đơn", 1.5 → "1,5 dòng"."""
    return "dòng đơn" if multiple == 1 else f"{fmt_num(multiple)} dòng"


def _line_spacing_problem(para: Para, size: float, spacing: Length) -> str | None:
    """ND-5: line spacing within the profile's range of multiples of single."""
    fmt = para.fmt
    want = f"NĐ 30 yêu cầu từ {_lines(spacing.low)} đến {_lines(spacing.high)}."
    if fmt.line_rule == "auto":
        ratio = fmt.line / 240
        if not spacing.accepts(ratio, 0.01):
            return f"Giãn dòng {fmt_num(ratio)} dòng; {want}"
        return None
    value = fmt.line / 20
    single = round(SINGLE_LINE * size, 2)
    lo, hi = single * spacing.low, single * spacing.high
    if fmt.line_rule == "exact" and value < lo - 0.25:
        return (
            f"Giãn dòng chính xác {fmt_pt(value)}, nhỏ hơn {_lines(spacing.low)} ở cỡ "
            f"{fmt_num(size)} pt (≈ {fmt_pt(lo)}); {want}"
        )
    if value > hi + 0.25:
        return (
            f"Giãn dòng {fmt_pt(value)}, lớn hơn {_lines(spacing.high)} ở cỡ {fmt_num(size)} pt "
            f"(≈ {fmt_pt(hi)}); {want}"
        )
    return None


def _indent_tolerance_twips(body: Body) -> float:
    return mm_to_twips(body.indent_tolerance_mm) + TWIP_SLACK


def _indent_ok(first_line: int, allow_zero: bool, body: Body) -> bool:
    """ND-3: one of the profile's first-line indents (or none, for labelled lines)."""
    tol = _indent_tolerance_twips(body)
    if allow_zero and abs(first_line) <= tol:
        return True
    return any(abs(first_line - mm_to_twips(v)) <= tol for v in body.first_line_indents_mm)


def _indent_text(first_line: int) -> str:
    if first_line < 0:
        return f"thụt treo {fmt_cm(twips_to_mm(-first_line))}"
    return f"thụt đầu dòng {fmt_cm(twips_to_mm(first_line))}"


def _check_paragraphs(layout: Layout, c: Collector, profile: Profile) -> None:
    paras = layout.body_paras
    if not paras:
        if layout.title is not None:
            c.error("ND-6", "Không tìm thấy phần nội dung văn bản sau trích yếu.", "sau trích yếu")
        return
    kinds: list[str] = []
    prev: str | None = None
    for para in paras:
        prev = _kind(para, prev)
        kinds.append(prev)

    # ND-1: a size the rule book accepts, and one size throughout.
    body_rule = profile.sizes.body
    counts: dict[float, int] = {}
    for para in paras:
        for piece in para.pieces():
            if piece.text.strip():
                counts[piece.fmt.size_pt] = counts.get(piece.fmt.size_pt, 0) + len(piece.text)
    body_size = max(counts, key=lambda k: counts[k]) if counts else body_rule.value
    for para in paras:
        sizes = sorted({p.fmt.size_pt for p in para.pieces() if p.text.strip()})
        bad = [s for s in sizes if not body_rule.accepts(s)]
        if bad:
            c.many(
                "ND-1",
                ERROR,
                f"Cỡ chữ nội dung {' và '.join(fmt_num(s) + ' pt' for s in bad)}; NĐ 30 yêu cầu "
                f"{size_range(body_rule.low, body_rule.high)}.",
                para.where(),
            )
        elif sizes and body_rule.accepts(body_size) and any(s != body_size for s in sizes):
            other = [s for s in sizes if s != body_size]
            c.many(
                "ND-1",
                ERROR,
                f"Cỡ chữ {' và '.join(fmt_num(s) + ' pt' for s in other)} khác phần còn lại của nội "
                f"dung ({fmt_num(body_size)} pt); NĐ 30 yêu cầu một cỡ chữ thống nhất.",
                para.where(),
            )

    indents = " hoặc ".join(fmt_cm(mm) for mm in profile.body.first_line_indents_mm)
    min_gap = profile.body.min_gap_pt * 20 - GAP_SLACK_TWIPS
    for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        where = para.where()
        labelled = kind in ("muc", "khoan", "diem", "numbered")
        if kind not in ("part", "part-title"):
            if para.fmt.jc != "both":
                sev = WARNING if labelled else ERROR
                if not (labelled and para.fmt.jc == "left"):
                    c.many(
                        "ND-2",
                        sev,
                        f"Đoạn văn đang {jc_name(para.fmt.jc)}; NĐ 30 yêu cầu căn đều hai lề.",
                        where,
                    )
            if not _indent_ok(para.fmt.first_line, labelled, profile.body):
                c.many(
                    "ND-3",
                    WARNING if labelled else ERROR,
                    f"Đoạn văn {_indent_text(para.fmt.first_line)}; NĐ 30 yêu cầu lùi đầu dòng "
                    f"{indents}.",
                    where,
                )
            if abs(para.fmt.ind_left) > _indent_tolerance_twips(profile.body) and not labelled:
                c.many(
                    "ND-3",
                    WARNING,
                    f"Đoạn văn thụt lề trái {fmt_cm(twips_to_mm(para.fmt.ind_left))}; nội dung "
                    "thường trình bày hết chiều rộng vùng soạn thảo.",
                    where,
                )
        before, after = _gap(paras, i)
        if before + after < min_gap:
            c.many(
                "ND-4",
                ERROR,
                f"Khoảng cách giữa các đoạn {fmt_pt((before + after) / 20)} (trước "
                f"{fmt_pt(before / 20)}, sau {fmt_pt(after / 20)}); NĐ 30 yêu cầu tối thiểu "
                f"{fmt_pt(profile.body.min_gap_pt)}.",
                where,
            )
        size = dominant_size(list(para.pieces())) or body_size
        problem = _line_spacing_problem(para, size, profile.body.line_spacing)
        if problem:
            c.many("ND-5", ERROR, problem, where)

    _check_end(layout, c, profile)
    _check_cancu(paras, kinds, c)
    _check_headings(paras, kinds, c, profile)


def _last_text_line(layout: Layout) -> Line | None:
    blocks = layout.model.blocks[layout.body_start : layout.body_end]
    for block in reversed(blocks):
        if isinstance(block, TableInfo):
            lines = [
                ln for cell in block.cells() for p in cell.walk() for ln in p.lines if ln.stripped
            ]
            if lines:
                return lines[-1]
        elif block.has_text and not block.is_rule_only:
            return block.text_lines[-1]
    return None


def _check_end(layout: Layout, c: Collector, profile: Profile) -> None:
    last = _last_text_line(layout)
    if last is None:
        return
    mark = profile.closing_mark
    if not nfc(last.text).rstrip().endswith(mark):
        c.error(
            "ND-6",
            f"Phần nội dung không kết thúc bằng «{mark}»; mẫu NĐ 30 kết thúc nội dung bằng dấu "
            f"«{mark}» sau câu cuối.",
            last.where() if last.para.container.kind != "body" else last.para.where(),
        )


_CONTINUATION = ("thực hiện", "xét", "theo đề nghị", "theo chỉ đạo", "căn cứ")


def _check_cancu(paras: list[Para], kinds: list[str], c: Collector) -> None:
    """CC-1 on the legal-basis block at the top of the body.

    The block is the "Căn cứ …" lines plus directly following "Thực hiện …"/"Xét …" lines
    (plans often mix them). Each line but the last ends with ";"; the last ends with "."
    — unless the block runs straight into a plain sentence ("Ủy ban nhân dân … ban hành
    Kế hoạch … như sau:", CC-4), where the list is part of that sentence.
    """
    if not kinds or kinds[0] != "cancu":
        return
    group: list[Para] = []
    for para in paras:
        low = nfc(para.text).strip().lower()
        ends = nfc(para.text).rstrip()[-1:]
        if low.startswith("căn cứ") or (low.startswith(_CONTINUATION) and ends in ";.,"):
            group.append(para)
        else:
            break
    nxt_kind = kinds[len(group)] if len(group) < len(kinds) else None
    runs_into_sentence = nxt_kind == "plain"
    for n, para in enumerate(group):
        where = para.where()
        text = nfc(para.text).rstrip()
        if text.lower().startswith("căn cứ"):
            check_typo(c, "CC-1", "Căn cứ ban hành", list(para.pieces()), where, italic=True)
        last = n == len(group) - 1
        if last and not text.endswith(".") and not (runs_into_sentence and text.endswith(";")):
            c.error("CC-1", "Căn cứ cuối cùng phải kết thúc bằng dấu chấm «.».", where)
        elif not last and not text.endswith(";"):
            c.error(
                "CC-1", "Mỗi căn cứ (trừ căn cứ cuối) phải kết thúc bằng dấu chấm phẩy «;».", where
            )


def _all_bold(para: Para) -> bool:
    pieces = [p for p in para.pieces() if p.text.strip()]
    return bool(pieces) and all(p.fmt.bold for p in pieces)


def _check_headings(paras: list[Para], kinds: list[str], c: Collector, profile: Profile) -> None:
    letters = profile.point_letters  # S-4
    letter_idx = 0
    for para, kind in zip(paras, kinds, strict=True):
        text = collapse_ws(nfc("".join(p.display for p in para.pieces()))).strip()
        where = para.where()
        if kind == "muc":
            letter_idx = 0
            m = _MUC.match(text)
            title = m.group("title") if m else text
            if not is_upper(title) or not _all_bold(para):
                c.warn(
                    "DM-1",
                    "Đề mục cấp «I.» nên viết chữ in hoa, in đậm (NĐ 30, Phụ lục I, II.6: số La Mã, "
                    "tên mục in hoa, đậm).",
                    where,
                )
        elif kind == "khoan":
            letter_idx = 0
            m = _KHOAN.match(text)
            title = m.group("title") if m else text
            titled = len(title.split()) <= 15 and not title.rstrip().endswith((".", ";", ":", ","))
            if titled and not _all_bold(para):
                c.warn(
                    "DM-2",
                    "Khoản có tên («1. …») nên in đậm (NĐ 30, Phụ lục I, II.6).",
                    where,
                )
        elif kind == "diem":
            m = _DIEM.match(text)
            letter = m.group("label") if m else ""
            if _all_bold(para) and len(text.split()) > 3:
                c.warn("DM-3", "Điểm «a)» trình bày chữ đứng, không đậm (NĐ 30, Phụ lục I).", where)
            expected = letters[letter_idx] if letter_idx < len(letters) else None
            if letter != expected:
                c.warn(
                    "S-4",
                    f"Điểm «{letter})» sai thứ tự (đang chờ «{expected})»); điểm đánh theo thứ tự "
                    f"chữ cái tiếng Việt: {', '.join(letters[:10])}…",
                    where,
                )
            letter_idx = letters.index(letter) + 1 if letter in letters else letter_idx + 1


def check_body(layout: Layout, c: Collector, profile: Profile) -> None:
    _check_title(layout, c, profile)
    _check_paragraphs(layout, c, profile)
