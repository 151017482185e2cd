"""Header block ô 1–4: table (H-*), Quốc hiệu (QH-*), Tiêu ngữ (TN-*), issuing body
(CQ-*), number and symbol (SO-*), place and date (DD-*).

Under HD 05 the same rules judge a Party header (reported as D-TD-*, D-CQ-*, D-SO-*,
D-DD-*, ``vocab``): "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule as long as itself and no Tiêu ngữ,
a ``*`` under the body name instead of a rule, ``Số 05-KH/ĐU`` without colon. Which of
these a law asks for is the profile's (``tieu_ngu``, ``agency_mark``, ``number_line``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from fractions import Fraction

from kehoach.law import breaks
from kehoach.law.metrics import text_width_mm, wrap_lines
from kehoach.law.profile import Profile
from kehoach.law.profiles import PROFILES
from kehoach.law.text import place_without_unit, upper_first

from .docmodel import DocModel, Line, Para, TableInfo
from .findings import ERROR, WARNING, Collector
from .hrules import HRule, line_width_mm, text_center_mm
from .locate import Layout, nfc
from .ooxml import collapse_ws, fmt_mm, fmt_num, fmt_pt, int_attr, twips_to_mm, w
from .recognise import law_number_shape, number_shape
from .tables import cell_borders
from .typo import (
    check_centered,
    check_lines_centered,
    check_typo,
    dominant_size,
    is_upper,
    line_pieces,
    size_range,
    y_offset_mm,
)

# Measuring tolerances (the checker's own; texts, sizes and ratios are the profile's).
FIT_SLACK_MM = 0.1
CENTER_TOL_MM = 1.0
SAME_LINE_TOL_MM = 2.5
RULE_WEIGHT_TOL_PT = 0.05
_BLANK_NUM = set(" .…_\u00a0")


def number_lead(profile: Profile) -> str:
    """SO-1, D-SO-1: how the number line starts, "Số:" or "Số"."""
    return profile.number_line("05", profile.symbol("X")).split("05", 1)[0].strip()


def number_separator(profile: Profile) -> str:
    """SO-1, D-SO-1: what stands between the number and the symbol, "/" or "-"."""
    return profile.number_line("05", profile.symbol("X")).split("05", 1)[1][0]


def symbol_separator(profile: Profile) -> str:
    """SO-4, D-SO-1: what stands between the type code and the body code, "-" or "/"."""
    return profile.symbol("X")[len(profile.type_code)]


def check_mark(
    c: Collector, rule: str, what: str, mark: str, line: Line | None, where: str, profile: Profile
) -> None:
    """D-CQ-5, D-TL-3: the typed mark ``mark`` ("*", "-----") on its own line, centred;
    its size and weight are UNCONFIRMED (warnings, ``sizes.mark``)."""
    if line is None:
        c.error(rule, f"Không có dấu «{mark}» dưới {what}; {c.law} yêu cầu một dòng «{mark}» "
                "riêng, căn giữa.", where)  # fmt: skip
        return
    shown = collapse_ws(nfc(line.text)).strip()
    if shown != mark:
        c.error(rule, f"Dưới {what} ghi «{shown}»; {c.law} yêu cầu đúng «{mark}».", line.where())
    check_typo(
        c,
        f"{rule}:size",
        f"Dấu «{mark}»",
        line.pieces,
        line.where(),
        size=profile.sizes.mark,
        bold=False,
        severity=WARNING,
    )
    check_centered(c, rule, f"Dấu «{mark}»", line.para, line.where())


def _where_block(layout: Layout, side: str) -> str:
    if layout.header_tables:
        return f"{layout.header_tables[0].label}, {side}"
    return "đầu văn bản"


# ---------------------------------------------------------------------- geometry


def _float_y_mm(tbl: TableInfo | None) -> float | None:
    if tbl is None:
        return None
    tblp = tbl.el.find(f"{w('tblPr')}/{w('tblpPr')}")
    if tblp is None:
        return None
    return twips_to_mm(int_attr(tblp, "tblpY") or 0)


# ---------------------------------------------------------------------- table


def _check_tables(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    name = c.vocab.header_title  # "Quốc hiệu"; "Tiêu đề" (D-TD-1)
    short = c.vocab.header_short
    for tbl in layout.header_tables:
        sides = cell_borders(model, tbl)
        if sides:
            c.error(
                "H-3",
                f"Bảng tiêu đề có đường viền hiện ra khi in (cạnh {', '.join(sides)}); mẫu "
                f"{c.law} không có viền.",
                tbl.label,
            )
    qh = layout.qh
    if qh is None:
        return
    cont = qh.para.container
    if cont.kind != "cell":
        c.warn(
            "H-1",
            f"{name} không nằm trong bảng; mẫu {c.law} trình bày ô 1–4 bằng bảng 2 cột không "
            f"viền để {short} và tên cơ quan nằm ngang hàng.",
            qh.where(),
        )
        return
    tbl = cont.table
    assert tbl is not None
    row = tbl.rows[cont.row]
    if len(row) == 1 and not tbl.floating:
        c.warn(
            "H-1",
            f"Bảng chứa {short} chỉ có 1 cột; mẫu {c.law} dùng bảng 2 cột (trái: cơ quan, số; "
            f"phải: {short}, ngày tháng).",
            tbl.label,
        )
    elif len(row) > 2:
        c.warn("H-1", f"Bảng tiêu đề có {len(row)} cột; mẫu {c.law} dùng 2 cột.", tbl.label)
    if len(row) >= 2 and cont.col == 0:
        placed = "Quốc hiệu, Tiêu ngữ" if profile.tieu_ngu else short
        c.error(
            "QH-3",
            f"{name} đang ở cột trái; {c.law} đặt {placed} ở phía trên, bên phải.",
            qh.where(),
        )


def _check_same_line(layout: Layout, c: Collector, profile: Profile) -> None:
    so, date = layout.so, layout.date
    if so is None or date is None:
        return
    if so.para is date.para and so.index == date.index:
        return
    cs, cd = so.para.container, date.para.container
    where = date.where()
    lead = number_lead(profile)
    msg = (
        f"«{lead}» và địa danh, ngày tháng không nằm trên cùng một dòng; {c.law} yêu cầu hai "
        "thành phần này ngang hàng (cùng hàng của bảng tiêu đề)."
    )
    if cs.kind == "cell" and cd.kind == "cell" and cs.table is cd.table:
        if cs.row != cd.row:
            c.error("H-2", msg, where)
            return
        delta = abs(y_offset_mm(so) - y_offset_mm(date))
        if delta > SAME_LINE_TOL_MM:
            c.warn(
                "H-2",
                f"«{lead}» và dòng ngày tháng cùng hàng bảng nhưng lệch nhau khoảng "
                f"{fmt_mm(delta)} theo chiều dọc; {c.law} yêu cầu ngang hàng.",
                where,
            )
        return
    if cs.kind == "cell" and cd.kind == "cell" and cs.table and cd.table:
        ys, yd = _float_y_mm(cs.table), _float_y_mm(cd.table)
        if ys is not None and yd is not None:
            delta = abs(ys + y_offset_mm(so) - yd - y_offset_mm(date))
            if delta > SAME_LINE_TOL_MM:
                c.warn(
                    "H-2",
                    f"«{lead}» và dòng ngày tháng nằm ở hai bảng nổi, lệch nhau khoảng "
                    f"{fmt_mm(delta)}; {c.law} yêu cầu ngang hàng.",
                    where,
                )
            return
    c.error("H-2", msg, where)


# ---------------------------------------------------------------------- QH / TN


def _fits(c: Collector, rule: str, what: str, line: Line, sev: str = ERROR) -> None:
    width = line_width_mm(line)
    avail = twips_to_mm(line.para.inner_width - max(0, line.para.fmt.first_line))
    if width > avail + FIT_SLACK_MM:
        c.add(
            rule,
            sev,
            f"{what} rộng {fmt_mm(width)} nhưng chỗ trình bày chỉ còn {fmt_mm(avail)} nên bị "
            "xuống dòng; phải nằm trên một dòng (nới rộng cột hoặc giảm lề ô).",
            line.where(),
        )


def _spacing_between(c: Collector, rule: str, upper: Para, lower: Para, what: str) -> None:
    gap = upper.fmt.after + lower.fmt.before
    if upper.fmt.contextual and lower.fmt.contextual and upper.fmt.style_id == lower.fmt.style_id:
        gap = 0
    if gap > 20:
        c.error(
            rule,
            f"Khoảng cách giữa {what} là {fmt_pt(gap / 20)}; {c.law} yêu cầu cách nhau dòng đơn "
            "(0 pt trước/sau).",
            lower.where(False),
        )
    for para in (upper, lower):
        f = para.fmt
        single = (f.line_rule == "auto" and f.line <= 276) or (
            f.line_rule in ("exact", "atLeast") and f.line / 20 <= 1.3 * 14
        )
        if not single:
            c.warn(
                rule,
                f"Giãn dòng của {what} lớn hơn dòng đơn; {c.law}: dòng đơn.",
                para.where(False),
            )


def fraction_text(value: float) -> str:
    """1/3 → "1/3", 1.0 → "1": a line-length ratio as the law writes it."""
    frac = Fraction(value).limit_denominator(12)
    return str(frac.numerator) if frac.denominator == 1 else f"{frac.numerator}/{frac.denominator}"


def ratio_text(low: float, high: float) -> str:
    """CQ-5, TL-3: "1/3–1/2" for the profile's ``rule_ratio`` range."""
    if low == high:
        return fraction_text(low)
    return f"{fraction_text(low)}–{fraction_text(high)}"


def check_rule(
    c: Collector,
    rule_id: str,
    what: str,
    rule: HRule,
    candidates: list[tuple[str, float]],
    ratio: tuple[float, float],
    tolerance: float,
    text_center: float | None,
) -> None:
    """Length within [lo·W, hi·W] (± ``tolerance``), solid, centred under the text.

    ``ratio`` and ``tolerance`` are the profile's (``rule_ratio``, ``rule_ratio_tolerance``;
    TN-3 asks for exactly the text's width). ``candidates`` lists (text, width) pairs,
    preferred first; when only an alternative line satisfies the bounds (which line counts
    is UNCONFIRMED, §20.2) it is a warning.
    """
    length = rule.length_mm
    where = rule.where()
    lo, hi = ratio

    def ok(width: float) -> bool:
        return lo * width * (1 - tolerance) <= length <= hi * width * (1 + tolerance)

    main_text, main_w = candidates[0]
    if not ok(main_w):
        alt = next(((t, wd) for t, wd in candidates[1:] if ok(wd)), None)
        allowance = f"cho phép ±{fmt_num(tolerance * 100, 1)}%"
        if lo == hi == 1:
            want = f"dài bằng dòng «{main_text}» ≈ {fmt_mm(main_w)} ({allowance})"
        elif lo == hi:
            want = (
                f"dài {ratio_text(lo, hi)} dòng «{main_text}» ≈ {fmt_mm(lo * main_w)} ({allowance})"
            )
        else:
            want = (
                f"dài {ratio_text(lo, hi)} dòng «{main_text}» ({fmt_mm(main_w)}), tức "
                f"{fmt_num(lo * main_w, 1)}–{fmt_mm(hi * main_w)}"
            )
        base = f"Đường kẻ dưới {what} dài {fmt_mm(length)} ({rule.kind}); {c.law} yêu cầu {want}"
        if alt is not None:
            c.warn(
                rule_id,
                base + f"; chỉ đạt nếu tính theo dòng «{alt[0]}» (chưa rõ quy định dòng nào).",
                where,
            )
        else:
            c.error(rule_id, base + ".", where)
    if not rule.solid:
        c.error(
            rule_id, f"Đường kẻ dưới {what} không phải nét liền; {c.law} yêu cầu nét liền.", where
        )
    if rule.center_mm is not None and text_center is not None:
        delta = rule.center_mm - text_center
        if abs(delta) > CENTER_TOL_MM:
            side = "phải" if delta > 0 else "trái"
            c.add(
                rule_id,
                ERROR if rule.exact else WARNING,
                f"Đường kẻ dưới {what} lệch {fmt_mm(abs(delta))} về bên {side} so với giữa dòng "
                f"chữ; {c.law} yêu cầu đặt cân giữa.",
                where,
            )


def _check_qh_tn(layout: Layout, c: Collector, profile: Profile) -> None:
    """QH-*, TN-* (D-TD-1..D-TD-3): the law's title line, the motto under it if the law has
    one, and the rule under the last of them."""
    name, short = c.vocab.header_title, c.vocab.header_short
    qh = layout.qh
    if qh is None:
        c.error(
            "QH-1",
            f"Không tìm thấy {short} «{profile.quoc_hieu}» ở đầu văn bản.",
            "đầu văn bản",
        )
        return
    shown = collapse_ws(nfc(qh.display))
    if layout.qh_continuation is not None:
        shown = collapse_ws(shown + " " + nfc(layout.qh_continuation.display))
        c.error(
            "H-6",
            f"{name} bị ngắt thành hai dòng; {c.law} trình bày {short} trên một dòng.",
            qh.where(),
        )
    if shown not in (profile.quoc_hieu, *profile.quoc_hieu_variants):
        c.error(
            "QH-1",
            f"{name} ghi «{shown}»; {c.law} yêu cầu đúng «{profile.quoc_hieu}».",
            qh.where(),
        )
    pieces = line_pieces([qh] + ([layout.qh_continuation] if layout.qh_continuation else []))
    check_typo(
        c,
        "QH-2",
        name,
        pieces,
        qh.where(),
        size=profile.sizes.quoc_hieu,
        bold=True,
        italic=False,
        upper=True,
    )
    check_centered(c, "QH-3", name, qh.para, qh.where())
    first_text = next((ln for ln in qh.para.container.lines() if ln.stripped), None)
    if first_text is not None and first_text is not qh and qh.para.container.kind == "cell":
        c.warn(
            "QH-3",
            f"Phía trên {short} còn dòng «{first_text.stripped[:40]}»; {c.law} đặt {short} ở "
            "dòng đầu tiên của cột phải.",
            first_text.where(),
        )
    if layout.qh_continuation is None:
        _fits(c, "H-6", name, qh)
    if profile.tieu_ngu is None:
        _check_title_rule(layout, qh, shown, c, profile)
        return

    tn = layout.tn
    if tn is None:
        c.error(
            "TN-1",
            f"Không tìm thấy Tiêu ngữ «{profile.tieu_ngu}» dưới Quốc hiệu.",
            qh.where(),
        )
        return
    text = collapse_ws(nfc(tn.display))
    if text != profile.tieu_ngu:
        hint = ""
        if "–" in text or "—" in text:
            hint = " Dùng dấu gạch nối «-», không dùng gạch ngang dài «–»/«—»."
        elif re.search(r"\S-|-\S", text):
            hint = " Trước và sau dấu gạch nối phải có một dấu cách."
        c.error(
            "TN-1",
            f"Tiêu ngữ ghi «{text}»; {c.law} yêu cầu đúng «{profile.tieu_ngu}».{hint}",
            tn.where(),
        )
    check_typo(
        c,
        "TN-2",
        "Tiêu ngữ",
        tn.pieces,
        tn.where(),
        size=profile.sizes.tieu_ngu,
        bold=True,
        italic=False,
    )
    if is_upper(tn.display) and len(tn.stripped) > 3:
        c.error(
            "TN-2",
            f"Tiêu ngữ viết in hoa toàn bộ; {c.law}: chữ in thường, viết hoa chữ cái đầu mỗi cụm "
            "từ.",
            tn.where(),
        )
    check_centered(c, "TN-2", "Tiêu ngữ", tn.para, tn.where())
    _fits(c, "H-6", "Tiêu ngữ", tn)
    if tn.para is not qh.para:
        _spacing_between(c, "H-7", qh.para, tn.para, "Quốc hiệu và Tiêu ngữ")

    rule = layout.tn_rule
    if rule is None:
        c.error(
            "TN-3",
            f"Không có đường kẻ ngang dưới Tiêu ngữ; {c.law} yêu cầu đường kẻ nét liền, dài bằng "
            "dòng Tiêu ngữ.",
            tn.where(),
        )
        return
    _check_full_rule(c, rule, "Tiêu ngữ", tn, text, profile)


def _check_title_rule(layout: Layout, qh: Line, shown: str, c: Collector, profile: Profile) -> None:
    """D-TD-3: a law without a motto rules its title line itself, as long as the line."""
    rule = layout.tn_rule
    what = f"dòng «{shown}»"
    if rule is None:
        c.error(
            "TN-3",
            f"Không có đường kẻ ngang dưới {what}; {c.law} yêu cầu đường kẻ nét liền, dài bằng "
            "dòng này, đặt cân giữa.",
            qh.where(),
        )
        return
    _check_full_rule(c, rule, what, qh, shown, profile)


def _check_full_rule(
    c: Collector, rule: HRule, what: str, line: Line, text: str, profile: Profile
) -> None:
    """TN-3, D-TD-3: as long as the line above (ratio 1, the profile's tolerance), solid,
    centred; TN-4: its usual weights (UNCONFIRMED)."""
    width = line_width_mm(line)
    check_rule(
        c,
        "TN-3",
        what,
        rule,
        [(text, width)],
        (1.0, 1.0),
        profile.rule_ratio_tolerance,
        text_center_mm(line),
    )
    thin, thick = profile.rule_weight_range_pt
    weight = rule.thickness_pt
    if weight is not None and not thin - RULE_WEIGHT_TOL_PT <= weight <= thick + RULE_WEIGHT_TOL_PT:
        c.warn(
            "TN-4",
            f"Đường kẻ dày {fmt_pt(weight)}; mẫu thường dùng {size_range(thin, thick)} (chưa được "
            "quy định).",
            rule.where(),
        )


# ---------------------------------------------------------------------- agency


def _rendered_segments(line: Line, default_size: float) -> list[tuple[str, float]]:
    size = dominant_size(line.pieces) or default_size
    bold = any(p.fmt.bold for p in line.text_pieces())
    avail = twips_to_mm(line.para.inner_width)
    segs = wrap_lines(line.display.strip(), size, avail, bold=bold) or [line.display.strip()]
    if len(segs) == 1:
        return [(segs[0], line_width_mm(line))]
    return [(s, text_width_mm(s, size, bold=bold)) for s in segs]


def check_words_whole(c: Collector, rule: str, what: str, lines: list[Line]) -> None:
    """CQ-4, TL-2: a line of a name or a trích yếu does not end inside a word of several
    syllables ("ỦY" / "BAN NHÂN DÂN"), by the measure the writer breaks its own lines with
    (``breaks.break_weights``)."""
    shown = [ln for ln in lines if ln.display.strip()]
    texts = [nfc(ln.display).strip() for ln in shown]
    for k, weight in enumerate(breaks.break_weights(texts)):
        if weight >= breaks.SPLIT_WORD:
            cut = f"«{texts[k].split()[-1]} / {texts[k + 1].split()[0]}»"
            c.warn(
                rule,
                f"{what} xuống dòng giữa một từ: {cut}; ngắt dòng trước hay sau cả từ.",
                shown[k + 1].where(),
            )


def _check_agency(layout: Layout, c: Collector, profile: Profile) -> None:
    if not layout.agency:
        c.error(
            "CQ-1",
            "Không tìm thấy tên cơ quan ban hành ở góc trên bên trái.",
            _where_block(layout, "cột trái"),
        )
        return
    for ln in layout.superior:
        check_typo(
            c,
            "CQ-2",
            "Tên cơ quan chủ quản",
            ln.pieces,
            ln.where(),
            size=profile.sizes.superior,
            bold=False,
            italic=False,
            upper=True,
        )
    for ln in layout.issuing:
        check_typo(
            c,
            "CQ-3",
            "Tên cơ quan ban hành",
            ln.pieces,
            ln.where(),
            size=profile.sizes.agency,
            bold=True,
            italic=False,
            upper=True,
        )
    check_words_whole(c, "CQ-4", "Tên cơ quan chủ quản", layout.superior)
    check_words_whole(c, "CQ-4", "Tên cơ quan ban hành", layout.issuing)
    paras = check_lines_centered(c, "CQ-7", "Tên cơ quan", layout.agency)
    for upper, lower in itertools.pairwise(paras):
        _spacing_between(c, "H-7", upper, lower, "các dòng tên cơ quan")

    rule = layout.agency_rule
    last = layout.agency[-1]
    mark = profile.agency_mark
    if mark is not None:  # D-CQ-5: "*" under the body name, no rule
        if rule is not None:
            c.error(
                "CQ-5",
                f"Dưới tên cơ quan ban hành có đường kẻ ({rule.kind}); {c.law} không kẻ đường mà "
                f"đặt dấu «{mark}».",
                rule.where(),
            )
        check_mark(
            c, "CQ-5", "tên cơ quan ban hành", mark, layout.agency_mark, last.where(), profile
        )
        return
    ratio = (profile.rule_ratio.low, profile.rule_ratio.high)
    if rule is None:
        c.error(
            "CQ-5",
            f"Không có đường kẻ ngang dưới tên cơ quan ban hành; {c.law} yêu cầu đường kẻ nét "
            f"liền dài {ratio_text(*ratio)} dòng chữ, đặt cân giữa.",
            last.where(),
        )
        return
    written = profile.sizes.agency.value
    segments = [seg for ln in layout.issuing for seg in _rendered_segments(ln, written)]
    if not segments:
        return
    ordered = sorted(segments, key=lambda s: -s[1])
    last_seg = _rendered_segments(last, written)[-1]
    candidates = [*ordered, last_seg]
    longest_line = max(layout.issuing, key=lambda ln: line_width_mm(ln))
    center = None
    if longest_line.para.fmt.jc == "center":
        center = text_center_mm(longest_line, ordered[0][1])
    check_rule(
        c,
        "CQ-5",
        "tên cơ quan ban hành",
        rule,
        candidates,
        ratio,
        profile.rule_ratio_tolerance,
        center,
    )


# ---------------------------------------------------------------------- Số / date


def _check_so(layout: Layout, c: Collector, profile: Profile) -> None:
    """SO-1..SO-5 (D-SO-1..D-SO-4, D-SO-7, D-SO-8, D-SO-10): the number line as the profile
    writes it: its lead ("Số:" or "Số"), the separator before the symbol ("/" or "-") and the
    one inside it ("KH-UBND", "KH/ĐU")."""
    so = layout.so
    doc_type = layout.doc_type
    code = doc_type.code if doc_type is not None else profile.type_code  # SO-1, §14
    lead, sep, inner = number_lead(profile), number_separator(profile), symbol_separator(profile)
    pattern = profile.number_line("…", f"{code}{inner}…")  # "Số: …/KH-…"; "Số …-KH/…"
    body_example = profile.body_codes[0] if profile.body_codes else "UBND"
    if so is None:
        if layout.attached:
            return  # Mẫu 1.3: the attached text carries its Quyết định's number
        c.error(
            "SO-1",
            f"Không tìm thấy số, ký hiệu văn bản («{pattern}») dưới tên cơ quan.",
            _where_block(layout, "cột trái"),
        )
        return
    where = so.where()
    text = nfc(so.text).strip().replace("\t", " ")
    if lead.endswith(":"):
        if not text.startswith(lead):
            head = text.split(sep, 1)[0][:8].strip()
            c.error(
                "SO-2",
                f"Viết «{head}»; {c.law} yêu cầu «{lead}» (chữ S hoa, «ố» thường, dấu hai chấm "
                "liền sau).",
                where,
            )
    elif re.match(r"^\s*s[ốo]\s*:", text, re.I):
        c.error(
            "SO-1",
            f"Viết «Số:»; {c.law} ghi «{lead}» không có dấu hai chấm, ví dụ "
            f"«{profile.number_line('05', profile.symbol(body_example))}».",
            where,
        )
    elif not text.startswith(f"{lead} "):
        head = text.split(sep, 1)[0][:8].strip()
        c.error(
            "SO-1",
            f"Viết «{head}»; {c.law} yêu cầu «{lead}» (chữ S hoa, «ố» thường), một dấu cách rồi "
            "đến số.",
            where,
        )
    check_typo(c, "SO-2", "Số, ký hiệu", so.pieces, where, size=profile.sizes.number, italic=False)
    if any(p.fmt.bold for p in so.text_pieces()):
        c.warn("SO-2", f"Số, ký hiệu in đậm; mẫu {c.law} dùng chữ thường, không đậm.", where)
    if so.para.container.kind == "cell":
        check_centered(c, "SO-5", "Số, ký hiệu", so.para, where)
    order = number_shape(text)[1]
    own_order = law_number_shape(profile)[1]
    foreign = [q for q in PROFILES.values() if law_number_shape(q)[1] not in (own_order, None)]
    if (
        order is not None
        and order != own_order
        and any(law_number_shape(q)[1] == order for q in foreign)
    ):
        c.error(
            "SO-4",
            f"Số, ký hiệu «{text}» viết theo thứ tự «số{order[0]}mã loại{order[1]}mã cơ quan»; "
            f"{c.law}: «{profile.number_line('05', profile.symbol(body_example))}».",
            where,
        )
        return
    if sep not in text:
        c.error("SO-1", f"Số, ký hiệu «{text}» thiếu dấu «{sep}» giữa số và ký hiệu.", where)
        return
    head, symbol = text.split(sep, 1)
    number = re.sub(r"^\s*s[ốo]\s*[:.]?", "", head, flags=re.I)
    number = number.strip()
    if number and not set(number) <= _BLANK_NUM and not profile.number_re.fullmatch(number):
        if number.isdigit():
            n = int(number)
            # The way of writing n that the profile's number pattern (SO-3) accepts.
            good = next((t for t in (str(n), f"{n:02d}") if profile.number_re.fullmatch(t)), None)
            c.error(
                "SO-3",
                f"Số văn bản ghi «{number}»; {c.law}: số từ 01 đến 09 có số 0 ở trước, từ 10 trở "
                "đi viết bình thường" + (f" (phải là «{good}»)." if good else "."),
                where,
            )
        else:
            c.error("SO-3", f"Số văn bản «{number}» phải là chữ số Ả Rập.", where)
    symbol = symbol.strip()
    if " " in symbol:
        c.error("SO-4", f"Ký hiệu «{symbol}» có dấu cách; {c.law}: viết liền, không cách.", where)
    compact = symbol.replace(" ", "")
    if not profile.symbol_re.fullmatch(compact):
        example = f"{code}{inner}{body_example}" if layout.is_decision else None
        c.error(
            "SO-4",
            f"Ký hiệu «{symbol}» sai dạng; {c.law}: <mã loại>{inner}<mã cơ quan>, ví dụ "
            f"«{example or profile.symbol(body_example)}».",
            where,
        )
        return
    type_group, _, body = compact.partition(inner)
    groups = [type_group, *body.split("-")]
    for group in groups:
        if group in profile.legacy_body_codes:
            c.warn(
                "SO-1:legacy",
                f"Mã «{group}» là mã cũ (trước {c.law}), {c.law} không còn dùng; xem lại mã cơ "
                "quan ban hành.",
                where,
            )
        elif profile.uncapitalised_codes(group):
            c.error("SO-4", f"Ký hiệu «{group}» phải viết chữ in hoa.", where)
    listed = set(profile.body_codes) | set(profile.legacy_body_codes)
    for group in groups[1:]:
        if profile.body_codes and group not in listed:
            shown = ", ".join(profile.body_codes[:8])
            c.warn(
                "SO-1:code",
                f"Mã cơ quan «{group}» không có trong danh mục mã của {c.law} ({shown}, …); "
                "kiểm tra lại (mã của cơ quan tham mưu ghép thêm mã cấp ủy).",
                where,
            )
    kind = (doc_type.in_text if doc_type is not None else profile.type_name_in_text).lower()
    if layout.title is not None and groups[0] != code and groups[0].upper() == code.upper():
        c.error("SO-1:type", f"Mã loại «{groups[0]}»; {kind} viết tắt là «{code}».", where)
    elif layout.title is not None and groups[0].upper() != code.upper():
        c.error(
            "SO-1:type",
            f"Ký hiệu bắt đầu bằng «{groups[0]}»; {kind} phải có mã loại «{code}» ({pattern}).",
            where,
        )


_DATE = re.compile(
    r"^(?P<place>[^,]*?)(?P<sp>\s*)(?P<comma>,?)\s*(?P<ngay>ngày)\s*(?P<d>\S*?)\s*"
    r"(?P<thang>tháng)\s*(?P<m>\S*?)\s*(?P<nam>năm)\s*(?P<y>\S*?)\s*$",
    re.I,
)


def _blank(value: str) -> bool:
    return not value or set(value) <= _BLANK_NUM


def _check_date(layout: Layout, c: Collector, profile: Profile) -> None:
    date = layout.date
    if date is None:
        if layout.attached:
            return  # Mẫu 1.3: the attached text carries its Quyết định's date
        c.error(
            "DD-1",
            "Không tìm thấy địa danh và ngày tháng («<Địa danh>, ngày … tháng … năm …»).",
            _where_block(layout, "cột phải"),
        )
        return
    where = date.where()
    text = collapse_ws(nfc(date.text).replace("\t", " ")).strip()
    check_typo(
        c,
        "DD-2",
        "Địa danh, ngày tháng",
        date.pieces,
        where,
        size=profile.sizes.place_date,
        bold=False,
        italic=True,
    )
    if date.para.container.kind == "cell" or layout.so is None or date.para is not layout.so.para:
        check_centered(c, "DD-3", "Địa danh, ngày tháng", date.para, where)
    if layout.qh is not None and date.para.container.kind == "cell":
        qc = layout.qh.para.container
        dc = date.para.container
        if qc.kind == "cell" and dc.table is qc.table and dc.col != qc.col:
            above = "Quốc hiệu, Tiêu ngữ" if profile.tieu_ngu else c.vocab.header_short
            c.error("DD-3", f"Địa danh, ngày tháng không nằm dưới {above}.", where)
    m = _DATE.match(text)
    if m is None:
        c.error(
            "DD-1",
            f"Địa danh, ngày tháng ghi «{text}»; {c.law}: «<Địa danh>, ngày … tháng … năm …».",
            where,
        )
        return
    place = m.group("place").strip()
    if not place:
        c.error("DD-1", "Thiếu địa danh trước «, ngày».", where)
    elif not m.group("comma"):
        c.error(
            "DD-1", f"Thiếu dấu phẩy sau địa danh «{place}»; {c.law}: «{place}, ngày …».", where
        )
    elif m.group("sp"):
        c.error(
            "DD-1", "Có dấu cách trước dấu phẩy sau địa danh; dấu phẩy phải liền địa danh.", where
        )
    if place and not place[0].isupper():
        c.error("DD-2", f"Địa danh «{place}» phải viết hoa chữ cái đầu.", where)
    unit_missing = place_without_unit(place, profile) if place else None
    if unit_missing is not None:
        reason, fix = unit_missing
        c.warn("DD-7", f"{upper_first(reason)} («{place}»): {fix}.", where)
    for key in ("ngay", "thang", "nam"):
        word = m.group(key)
        if word != word.lower():
            c.error("DD-2", f"Viết «{word}»; {c.law}: chữ «{word.lower()}» viết thường.", where)
    d, mo, y = m.group("d"), m.group("m"), m.group("y")
    _check_date_values(c, where, d, mo, y, profile)
    _check_law_in_force(c, where, d, mo, y, profile)
    avail = twips_to_mm(date.para.inner_width)
    width = line_width_mm(date)
    if width > avail + FIT_SLACK_MM:
        c.warn(
            "DD-8",
            f"Dòng địa danh, ngày tháng rộng {fmt_mm(width)}, vượt chỗ trình bày {fmt_mm(avail)} "
            "nên bị xuống dòng; nên giảm cỡ chữ xuống "
            f"{fmt_pt(profile.sizes.place_date.low)} hoặc nới rộng cột.",
            where,
        )


def _check_date_values(c: Collector, where: str, d: str, mo: str, y: str, profile: Profile) -> None:
    problems = []
    if not _blank(d):
        if not (d.isdigit() and 1 <= int(d) <= 31):
            problems.append(f"ngày «{d}» không hợp lệ")
        elif d != (good := profile.day_month(int(d), 1)[0]):
            problems.append(f"«ngày {d}» phải viết «ngày {good}» (ngày 1–9 có số 0 ở trước)")
    if not _blank(mo):
        if not (mo.isdigit() and 1 <= int(mo) <= 12):
            problems.append(f"tháng «{mo}» không hợp lệ")
        elif mo != (good := profile.day_month(1, int(mo))[1]):
            n, last = int(mo), profile.padded_months
            padded = ", ".join(str(k) for k in range(1, last + 1))
            rule = (
                f"tháng {padded} có số 0 ở trước"
                if n <= last
                else f"tháng {last + 1}–12 không có số 0 ở trước"
            )
            problems.append(f"«tháng {mo}» phải viết «tháng {good}» ({rule})")
    if not _blank(y) and not re.fullmatch(r"\d{4}", y):
        problems.append(f"năm «{y}» phải ghi đủ 4 chữ số")
    if not problems and not _blank(d) and not _blank(mo) and re.fullmatch(r"\d{4}", y or ""):
        try:
            dt.date(int(y), int(mo), int(d))
        except ValueError:
            problems.append(f"ngày {d} tháng {mo} năm {y} không có thật")
    for p in problems:
        c.error("DD-4", f"Ngày tháng: {p}.", where)


def _check_law_in_force(
    c: Collector, where: str, d: str, mo: str, y: str, profile: Profile
) -> None:
    """D-L-3: a document dated before the law took effect was laid out under the one before
    (HD 36 for a Party plan dated before 27/5/2026); said as validate says it of the spec."""
    start = profile.effective_from
    if start is None or not re.fullmatch(r"\d{4}", y or ""):
        return
    day = int(d) if not _blank(d) and d.isdigit() else None
    month = int(mo) if not _blank(mo) and mo.isdigit() else None
    try:
        if profile.applies_on(int(y), month, day):
            return
    except ValueError:  # a date that does not exist: DD-4 has said so
        return
    c.warn(
        "D-L-3",
        f"Văn bản ghi năm {y}{f', ngày {d} tháng {mo}' if day and month else ''}, trước ngày"
        f" {profile.law} có hiệu lực ({profile.short_date(start.year, start.month, start.day)}): văn bản ban"
        f" hành trước ngày đó theo {profile.predecessor}; lệnh kiểm tra theo {profile.law}.",
        where,
    )


def _check_attached(layout: Layout, c: Collector) -> None:
    """Mẫu 1.3: a text issued by a Quyết định has no "Số:" / date row of its own."""
    line = layout.so or layout.date
    if not layout.attached or line is None:
        return
    kind = layout.doc_type.in_text if layout.doc_type is not None else "Văn bản"
    c.warn(
        "SO-1" if layout.so is not None else "DD-1",
        f"{kind} ban hành kèm theo văn bản khác (có dòng «(Ban hành kèm theo …)») không ghi "
        "số, ký hiệu và địa danh, ngày tháng riêng (NĐ 30, Mẫu 1.3): số và ngày là của văn "
        "bản ban hành nó.",
        line.where(),
    )


def check_header(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    _check_attached(layout, c)
    _check_tables(model, layout, c, profile)
    _check_qh_tn(layout, c, profile)
    _check_agency(layout, c, profile)
    _check_so(layout, c, profile)
    _check_date(layout, c, profile)
    _check_same_line(layout, c, profile)
