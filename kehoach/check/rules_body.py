"""Type name and trích yếu (TL-*), body paragraphs (ND-*), legal bases (CC-1) and the
heading scheme of §8.3 (DM-1..DM-3, S-4; warnings).

Under HD 05 the same rules report D-TL-1..D-TL-3 ("-----" under a trích yếu that starts in
lower case), D-ND-1..D-ND-5 (exact 18–22 pt line spacing, "." not "./."), D-CC-1 (upright
căn cứ starting "- ") and D-DM-2 ("I-" headings); the facts are the profile's."""

from __future__ import annotations

import re

from kehoach.law.metrics import SINGLE_LINE, text_width_mm, wrap_lines
from kehoach.law.numbering import is_title
from kehoach.law.profile import Body, Length, Profile
from kehoach.law.profiles import PROFILES
from kehoach.law.text import starts_with_name

from .docmodel import Line, Para, RunPiece, TableInfo
from .findings import ERROR, WARNING, Collector
from .hrules import line_width_mm, text_center_mm
from .locate import Layout, nfc
from .ooxml import (
    collapse_ws,
    fmt_cm,
    fmt_num,
    fmt_pt,
    loose_key,
    mm_to_twips,
    snippet,
    twips_to_mm,
)
from .reader import BODY_TEXT_LEVEL
from .rules_header import check_mark, check_rule, check_words_whole, ratio_text
from .typo import (
    check_centered,
    check_lines_centered,
    check_typo,
    dominant_size,
    is_upper,
    jc_name,
    line_pieces,
    no_lower,
    size_range,
)

# Measuring allowances (the checker's own; indents, gaps and spacing are the profile's).
TWIP_SLACK = 1  # Word stores whole twips: one more for rounding the profile's mm
GAP_SLACK_TWIPS = 5  # ND-4: a gap of 5.75 pt still counts as 6 pt

_PART = re.compile(r"^(phần|chương|mục|tiểu mục)\s+([ivxlc]+|\d+)\b", re.I)
_MUC = re.compile(r"^(?P<label>[IVXLC]+)(?P<sep>[.\-–])\s+(?P<title>.+)$")
_KHOAN = re.compile(r"^(?P<label>\d+(\.\d+)*)\.\s+(?P<title>.+)$")
_DIEM = re.compile(r"^(?P<label>[a-zđ])\)\s+(?P<title>.+)$")
_BULLET = re.compile(r"^[-+–•]\s")


_LETTER = re.compile(r"^(?P<label>[A-ZĐ])\.\s+(?P<title>.+)$")


def _next_letters(letter: str | None) -> set[str]:
    """Top-level letters of the lettered scheme: A, B, C, D, then Đ or E …"""
    if letter is None:
        return {"A"}
    if letter == "D":
        return {"Đ", "E"}
    if letter == "Đ":
        return {"E"}
    return {chr(ord(letter) + 1)}


def article_re(profile: Profile) -> re.Pattern[str]:
    """§8.3 scheme (a): "Điều 1." (the profile's article word, Arabic number, full stop)."""
    return re.compile(rf"^{re.escape(profile.article_word)}\s+(?P<n>\d+)\s*\.")


def muc_match(text: str, profile: Profile) -> re.Match[str] | None:
    """§8.3 "I. MỤC ĐÍCH, YÊU CẦU"; D-DM-2 also "I- …" (``part_separator``), "I." accepted."""
    m = _MUC.match(text)
    return m if m is not None and m.group("sep") in {".", profile.part_separator} else None


def _is_decision_line(text: str, profile: Profile) -> bool:
    """ "QUYẾT ĐỊNH:" before the articles of a Quyết định (however spaced or cased)."""
    return text.endswith(":") and loose_key(text) == loose_key(profile.decision_line)


def classify(paras: list[Para], profile: Profile) -> list[str]:
    """The §8.3 role of each body paragraph: "cancu", "part" ("Phần I"), "part-title",
    "letter" ("A. …"), "muc" ("I."), "khoan" ("1.", "1.1."), "diem" ("a)"), "article"
    ("Điều 1."), "decision-line" ("QUYẾT ĐỊNH:"), "numbered" (Word list) or "plain"
    (sentences and "-"/"+" items)."""
    articles = article_re(profile)
    kinds: list[str] = []
    letter: str | None = None
    prev: str | None = None
    for para in paras:
        text = collapse_ws(nfc(para.text)).strip()
        letter_m = _LETTER.match(text)
        if _is_decision_line(text, profile):
            kind = "decision-line"
        elif articles.match(text):
            kind = "article"
        elif legal_basis_text(text, profile).lower().startswith("căn cứ"):
            kind = "cancu"
        elif _PART.match(text):
            kind = "part"
        elif prev == "part" and text and no_lower(text):
            kind = "part-title"
        elif (
            letter_m is not None
            and letter_m.group("label") in _next_letters(letter)
            and no_lower(letter_m.group("title"))
        ):
            kind = "letter"
            letter = letter_m.group("label")
        elif muc_match(text, profile):
            kind = "muc"
        elif _KHOAN.match(text):
            kind = "khoan"
        elif _DIEM.match(text):
            kind = "diem"
        elif para.fmt.has_numbering:
            kind = "numbered"
        else:
            kind = "plain"  # ordinary paragraphs and "-"/"+" items
        kinds.append(kind)
        prev = kind
    return kinds


# ---------------------------------------------------------------------- title


def _check_title(layout: Layout, c: Collector, profile: Profile) -> None:
    title = layout.title
    if title is None:
        c.error(
            "TL-1",
            f"Không tìm thấy tên loại văn bản «{profile.type_name}» (một dòng riêng, căn giữa, "
            "dưới bảng tiêu đề).",
            layout.named("sau bảng tiêu đề"),
        )
        return
    where = title.where()
    shown = collapse_ws(nfc(title.display))
    type_name = layout.type_name or profile.type_name
    if shown != type_name:
        c.error(
            "TL-1",
            f"Tên loại ghi «{shown}»; {c.law} yêu cầu «{type_name}» (chữ in hoa).",
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
            f"Không có trích yếu nội dung ngay dưới «{type_name}»; {c.law} yêu cầu trích yếu "
            "in đậm, căn giữa.",
            where,
        )
        return
    swhere = summary[0].where()
    if layout.summary_gap:
        c.error(
            "TL-2",
            f"Có dòng trống giữa «{type_name}» và trích yếu; {c.law} đặt trích yếu ngay "
            "dưới tên loại.",
            swhere,
        )
    text = collapse_ws(" ".join(nfc(ln.display) for ln in summary)).strip()
    if text.lower().startswith("v/v"):
        c.error("TL-2", "Trích yếu bắt đầu bằng «V/v»; «V/v» chỉ dùng cho công văn.", swhere)
    elif profile.summary_lowercase:  # D-TL-2: "thực hiện …", "về …"
        # An abbreviation keeps its capitals ("HĐND tỉnh …", "COVID-19 …"): its first letter
        # is not the sentence's to lower, nor is a proper name's ("Hội An …"): kehoach's writer
        # leaves both (law.text.starts_with_name).
        named = starts_with_name(text)
        if text and text[0].isalpha() and text[0].isupper() and not named and not is_upper(text):
            c.error(
                "TL-2",
                f"Trích yếu bắt đầu bằng chữ hoa «{text.split()[0]}»; {c.law}: trích yếu bắt đầu "
                f"bằng chữ thường (ví dụ «{text[0].lower()}{text[1:40]}…»).",
                swhere,
            )
    elif text and text[0].isalpha() and not text[0].isupper():
        c.error("TL-2", "Trích yếu phải viết hoa chữ cái đầu.", swhere)
    if is_upper(text) and len(text.split()) > 1:
        start = "bắt đầu bằng chữ thường" if profile.summary_lowercase else "viết hoa chữ cái đầu"
        c.error(
            "TL-2",
            f"Trích yếu viết in hoa toàn bộ; {c.law}: chữ thường, {start} (và viết hoa danh từ "
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
    check_lines_centered(c, "TL-2", "Trích yếu", summary)
    check_words_whole(c, "TL-2", "Trích yếu", summary)

    rule = layout.summary_rule
    mark = profile.title_mark
    if mark is not None:  # D-TL-3: "-----" under the trích yếu, no rule
        if rule is not None:
            c.error(
                "TL-3",
                f"Dưới trích yếu có đường kẻ ({rule.kind}); {c.law} không kẻ đường mà đặt dấu "
                f"«{mark}».",
                rule.where(),
            )
        check_mark(c, "TL-3", "trích yếu", mark, layout.summary_mark, summary[-1].where(), profile)
        return
    if rule is None:
        c.error(
            "TL-3",
            f"Không có đường kẻ ngang dưới trích yếu; {c.law} yêu cầu đường kẻ nét liền dài "
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


def _check_note(layout: Layout, c: Collector, profile: Profile) -> None:
    """PL-4 (as the spec sets it for an appendix's reference line, and Mẫu 1.3 shows it
    under the trích yếu of an attached text): "(Ban hành kèm theo …)" centred, 13–14 pt,
    italic, not bold, in brackets."""
    note = layout.note
    if not note:
        return
    where = note[0].where()
    text = collapse_ws(" ".join(nfc(ln.display) for ln in note)).strip()
    head = " ".join(text.split()[:4])
    what = f"Dòng «{head} …)»"
    check_typo(
        c,
        "PL-4",
        what,
        line_pieces(note),
        where,
        size=profile.sizes.note,
        bold=False,
        italic=True,
    )
    check_lines_centered(c, "PL-4", what, note)
    if not text.endswith(")"):
        c.error("PL-4", f"{what} thiếu dấu «)» đóng ngoặc.", note[-1].where())


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


def _exact_spacing_problem(para: Para, exact: Length, law: str) -> str | None:
    """D-ND-4: line spacing "Exactly" within the profile's range of points; "multiple" or
    "at least" spacing fails, whatever its height."""
    fmt = para.fmt
    want = f"{law} yêu cầu giãn dòng chính xác (Exactly) {size_range(exact.low, exact.high)}."
    if fmt.line_rule == "auto":
        return f"Giãn dòng {_lines(fmt.line / 240)} (theo bội số dòng); {want}"
    value = fmt.line / 20
    if fmt.line_rule != "exact":
        return f"Giãn dòng tối thiểu (At least) {fmt_pt(value)}; {want}"
    if not exact.accepts(value, 0.05):
        return f"Giãn dòng chính xác {fmt_pt(value)}; {want}"
    return None


def _line_spacing_problem(para: Para, size: float, spacing: Length, law: str) -> str | None:
    """ND-5: line spacing within the profile's range of multiples of single."""
    fmt = para.fmt
    want = f"{law} yêu cầu từ {_lines(spacing.low)} đến {_lines(spacing.high)}."
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
    kinds = classify(paras, profile)

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
                f"Cỡ chữ nội dung {' và '.join(fmt_num(s) + ' pt' for s in bad)}; {c.law} yêu cầu "
                f"{size_range(body_rule.low, body_rule.high)}.",
                para.where(),
            )
        elif sizes and body_rule.accepts(body_size) and any(s != body_size for s in sizes):
            other = [s for s in sizes if s != body_size]
            c.many(
                "ND-1",
                ERROR,
                f"Cỡ chữ {' và '.join(fmt_num(s) + ' pt' for s in other)} khác phần còn lại của nội "
                f"dung ({fmt_num(body_size)} pt); {c.law} yêu cầu một cỡ chữ thống nhất.",
                para.where(),
            )

    indents = " hoặc ".join(fmt_cm(mm) for mm in profile.body.first_line_indents_mm)
    min_gap = profile.body.min_gap_pt * 20 - GAP_SLACK_TWIPS
    for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        where = para.where()
        labelled = kind in ("muc", "khoan", "diem", "numbered", "letter", "article")
        if kind not in ("part", "part-title", "decision-line"):
            if para.fmt.jc != "both":
                sev = WARNING if labelled else ERROR
                if not (labelled and para.fmt.jc == "left"):
                    c.many(
                        "ND-2",
                        sev,
                        f"Đoạn văn đang {jc_name(para.fmt.jc)}; {c.law} yêu cầu căn đều hai lề.",
                        where,
                    )
            if not _indent_ok(para.fmt.first_line, labelled, profile.body):
                c.many(
                    "ND-3",
                    WARNING if labelled else ERROR,
                    f"Đoạn văn {_indent_text(para.fmt.first_line)}; {c.law} yêu cầu lùi đầu dòng "
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
                f"{fmt_pt(before / 20)}, sau {fmt_pt(after / 20)}); {c.law} yêu cầu tối thiểu "
                f"{fmt_pt(profile.body.min_gap_pt)}.",
                where,
            )
        size = dominant_size(list(para.pieces())) or body_size
        exact = profile.body.line_exact_pt
        if exact is not None:
            problem = _exact_spacing_problem(para, exact, c.law)
        else:
            problem = _line_spacing_problem(para, size, profile.body.line_spacing, c.law)
        if problem:
            c.many("ND-5", ERROR, problem, where)

    _check_end(layout, c, profile)
    _check_cancu(paras, kinds, c, profile)
    _check_headings(paras, kinds, c, profile)
    if layout.is_decision:
        _check_decision(layout, paras, kinds, c, profile)


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
    """ND-6 (D-ND-5): the body ends with the profile's closing mark, and not with another
    law's longer one that also ends with it ("./." where HD 05 asks for ".")."""
    last = _last_text_line(layout)
    if last is None:
        return
    mark = profile.closing_mark
    text = nfc(last.text).rstrip()
    where = last.where() if last.para.container.kind != "body" else last.para.where()
    longer = {p.closing_mark for p in PROFILES.values() if p.closing_mark != mark}
    wrong = next((m for m in longer if m.endswith(mark) and text.endswith(m)), None)
    if wrong is not None:
        c.error(
            "ND-6",
            f"Phần nội dung kết thúc bằng «{wrong}»; {c.law} kết thúc nội dung bằng dấu «{mark}», "
            f"không dùng «{wrong}».",
            where,
        )
    elif not text.endswith(mark):
        c.error(
            "ND-6",
            f"Phần nội dung không kết thúc bằng «{mark}»; mẫu {c.law} kết thúc nội dung bằng dấu "
            f"«{mark}» sau câu cuối.",
            where,
        )


_CONTINUATION = ("thực hiện", "xét", "theo đề nghị", "theo chỉ đạo", "căn cứ")
_DASH = re.compile(r"^[-–]\s*")


def legal_basis_text(text: str, profile: Profile) -> str:
    """A paragraph's text without the "- " a law starting each căn cứ with it adds (D-CC-1)."""
    text = collapse_ws(nfc(text)).strip()
    return _DASH.sub("", text) if profile.legal_basis_dash else text


def _check_cancu(paras: list[Para], kinds: list[str], c: Collector, profile: Profile) -> None:
    """CC-1 (D-CC-1) on the legal-basis block at the top of the body.

    The block is the "Căn cứ …" lines plus directly following "Thực hiện …"/"Xét …" lines
    (plans often mix them), and under HD 05 any "- " line that follows them. Each line but the last ends with ";"; the last ends with "."
    — unless the block runs straight into a plain sentence ("Ủy ban nhân dân … ban hành
    Kế hoạch … như sau:", CC-4), where the list is part of that sentence. NĐ 30 writes the
    căn cứ in italics; HD 05 writes every line of the block upright, starting "- ", the last
    with "." (``legal_basis_italic``, ``legal_basis_dash``; a "," the HD 36 digests show is a
    warning, D-CC-2).
    """
    if not paras:
        return
    first = legal_basis_text(paras[0].text, profile).lower()
    dashed_start = profile.legal_basis_dash and first.startswith(_CONTINUATION)
    if kinds[0] != "cancu" and not dashed_start:
        return
    group: list[Para] = []
    for para in paras:
        low = legal_basis_text(para.text, profile).lower()
        ends = nfc(para.text).rstrip()[-1:]
        # Under HD 05 every line of the block starts "- " whatever its words ("- Theo Kế
        # hoạch số …"), so a dashed line ending like one continues it.
        dashed = profile.legal_basis_dash and _DASH.match(collapse_ws(nfc(para.text)).strip())
        if (
            low.startswith("căn cứ")
            or (low.startswith(_CONTINUATION) and ends in ";.,")
            or (group and dashed and ends in ";.,")
        ):
            group.append(para)
        else:
            break
    nxt_kind = kinds[len(group)] if len(group) < len(kinds) else None
    runs_into_sentence = nxt_kind == "plain"
    legacy = profile.predecessor is not None
    # CC-4 (NĐ 30, italic căn cứ): the list may run into the sentence with ";"; HD 05 asks
    # for "." and only warns about it (D-CC-1, D-CC-2).
    cc4 = profile.legal_basis_italic
    for n, para in enumerate(group):
        where = para.where()
        text = nfc(para.text).rstrip()
        core = legal_basis_text(text, profile)
        if core.lower().startswith("căn cứ") or not profile.legal_basis_italic:
            check_typo(
                c,
                "CC-1",
                "Căn cứ ban hành",
                list(para.pieces()),
                where,
                italic=profile.legal_basis_italic,
            )
        if profile.legal_basis_dash and not re.match(r"^-\s\S", collapse_ws(text).strip()):
            c.error(
                "CC-1",
                f"Căn cứ «{snippet(core, 30)}» phải bắt đầu bằng «- » ({c.law}: mỗi căn cứ một "
                "dòng, bắt đầu bằng dấu gạch ngang).",
                where,
            )
        last = n == len(group) - 1
        if last and text.endswith("."):
            continue
        if last and runs_into_sentence and text.endswith(";") and cc4:
            continue  # CC-4: the list runs into "… ban hành Kế hoạch … như sau:"
        if last and runs_into_sentence and not cc4 and text.endswith((";", ",")):
            c.warn(
                "CC-1:legacy" if legacy and text.endswith(",") else "CC-1",
                f"Căn cứ cuối cùng kết thúc bằng «{text[-1]}» rồi nối vào câu ban hành; {c.law}: "
                "căn cứ cuối kết thúc bằng dấu chấm «.».",
                where,
            )
        elif last:
            c.error("CC-1", "Căn cứ cuối cùng phải kết thúc bằng dấu chấm «.».", where)
        elif not text.endswith(";"):
            c.error(
                "CC-1", "Mỗi căn cứ (trừ căn cứ cuối) phải kết thúc bằng dấu chấm phẩy «;».", where
            )


def _all_bold(para: Para) -> bool:
    pieces = [p for p in para.pieces() if p.text.strip()]
    return bool(pieces) and all(p.fmt.bold for p in pieces)


def _khoan_depth(text: str) -> int:
    """ "1." → 1, "1.2." → 2, "1.2.1." → 3."""
    m = _KHOAN.match(text)
    return m.group("label").count(".") + 1 if m else 0


def _has_content_below(paras: list[Para], kinds: list[str], i: int, closing: str) -> bool:
    """Whether the item ``paras[i]`` has content of its own under it: a deeper item, a
    point, a "-" line or a sentence (not the plan's closing one). An item followed by its
    sibling or by a higher heading has none, so a short unpunctuated item is then an item
    without a title ("1.2.1. Học tập"), not a heading."""
    if i + 1 >= len(paras):
        return False
    nxt, kind = paras[i + 1], kinds[i + 1]
    depth = _khoan_depth(nfc(paras[i].text).strip())
    text = nfc(nxt.text).strip()
    if kind == "khoan":
        return _khoan_depth(text) > depth
    if kind == "diem" or (kind == "plain" and _BULLET.match(text)):
        return True
    # A sentence after "1. …" is its content; after a decimal item it may as well close the
    # section above it ("1.2.2. …" then "Các đơn vị …"), so only "1." items count it.
    return kind == "plain" and depth == 1 and not text.endswith(closing)


def _check_headings(paras: list[Para], kinds: list[str], c: Collector, profile: Profile) -> None:
    """DM-1..DM-3, S-4. The same slip at every heading of a level (a house style that does
    not bold them) is one finding with its places (``Collector.many``), each place's label
    named while there are at most three."""
    letters = profile.point_letters  # S-4
    letter_idx = 0
    for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        text = collapse_ws(nfc("".join(p.display for p in para.pieces()))).strip()
        where = para.where()
        if kind in ("muc", "letter"):
            letter_idx = 0
            m = muc_match(text, profile) if kind == "muc" else _LETTER.match(text)
            title = m.group("title") if m else text
            label = m.group("label") if m else "I"
            sep = (m.groupdict().get("sep") or ".") if m else "."
            if not no_lower(title) or not _all_bold(para):
                rest = f"nên viết chữ in hoa, in đậm ({c.vocab.heading_source})."
                c.many(
                    "DM-1",
                    WARNING,
                    f"Các đề mục «I{sep}», «II{sep}»… (hoặc «A.», «B.»…) {rest}",
                    where,
                    one=f"Đề mục cấp «{label}{sep}» {rest}",
                )
        elif kind == "khoan":
            letter_idx = 0
            m = _KHOAN.match(text)
            title = m.group("title") if m else text
            label = m.group("label") if m else "1"
            if (
                is_title(title)
                and not _all_bold(para)
                # A line the document itself calls body text (outline level "Body Text",
                # as kehoach writes items) is an item, not a heading left unbolded.
                and para.fmt.outline_level != BODY_TEXT_LEVEL
                and _has_content_below(paras, kinds, i, profile.closing_mark)
            ):
                rest = f"có nội dung bên dưới) nên in đậm ({c.vocab.heading_cite})."
                c.many(
                    "DM-2",
                    WARNING,
                    f"Các khoản có tên («1. …», «2. …»…, {rest}",
                    where,
                    one=f"Khoản có tên («{label}. …», {rest}",
                )
        elif kind == "diem":
            m = _DIEM.match(text)
            letter = m.group("label") if m else ""
            title = m.group("title") if m else text
            # A point is upright and regular (§8.3); a bold one that is a short name is a
            # titled point (S-2's house style; what kehoach renders from an item's
            # tieu_de), so only a bold sentence is reported.
            if _all_bold(para) and len(text.split()) > 3 and not is_title(title):
                rest = (
                    f"là một câu (dài hoặc có dấu câu ở cuối) nhưng in đậm; điểm trình bày chữ"
                    f" đứng, không đậm, chỉ dòng tên điểm ngắn mới có thể in đậm"
                    f" ({c.vocab.point_cite})."
                )
                c.many(
                    "DM-3",
                    WARNING,
                    f"Các điểm «a)», «b)»… {rest}",
                    where,
                    one=f"Điểm «{letter})» {rest}",
                )
            expected = letters[letter_idx] if letter_idx < len(letters) else None
            if letter != expected:
                c.warn(
                    "S-4",
                    f"Điểm «{letter})» sai thứ tự (đang chờ «{expected})»); điểm đánh theo thứ tự "
                    f"chữ cái tiếng Việt: {', '.join(letters[:10])}…",
                    where,
                )
            letter_idx = letters.index(letter) + 1 if letter in letters else letter_idx + 1


# ---------------------------------------------------------------------- Quyết định


def _check_authority_line(layout: Layout, c: Collector, profile: Profile) -> None:
    """QD-1 (the checker's own ID; Mẫu 1.2, 1.3): a Quyết định names its issuing authority
    under the trích yếu rule, centred, in bold capitals."""
    if not layout.is_decision or layout.title is None:
        return
    if not layout.authority:
        anchor = layout.summary_rule.where() if layout.summary_rule else layout.title.where()
        c.warn(
            "QD-1",
            "Không thấy dòng thẩm quyền ban hành (ví dụ «CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …») dưới "
            f"trích yếu của {profile.decision_in_text.lower()}; mẫu {c.law} (Mẫu 1.2, 1.3) ghi "
            "thẩm quyền ban hành một dòng riêng, in hoa, đậm, căn giữa, trước các căn cứ.",
            anchor,
        )
        return
    where = layout.authority[0].where()
    check_typo(
        c,
        "QD-1",
        "Dòng thẩm quyền ban hành",
        line_pieces(layout.authority),
        where,
        size=profile.sizes.summary,
        bold=True,
        italic=False,
        upper=True,
        severity=WARNING,
    )
    check_lines_centered(c, "QD-1", "Dòng thẩm quyền ban hành", layout.authority, WARNING)


def _label_pieces(para: Para, pattern: re.Pattern[str]) -> list[RunPiece]:
    """The visible runs that print the label ``pattern`` matches at the paragraph start."""
    pieces = list(para.pieces())
    raw = "".join(p.text for p in pieces)
    lead = len(raw) - len(raw.lstrip())
    m = pattern.match(raw.lstrip())
    if m is None:
        return []
    end, offset, out = lead + m.end(), 0, []
    for piece in pieces:
        if offset >= end:
            break
        if piece.text.strip():
            out.append(piece)
        offset += len(piece.text)
    return out


def _check_decision(
    layout: Layout, paras: list[Para], kinds: list[str], c: Collector, profile: Profile
) -> None:
    """QD-2: the line "QUYẾT ĐỊNH:" (own line, bold capitals, centred) before the articles;
    QD-3: articles "Điều 1.", "Điều 2." … numbered in order, "Điều n." in bold (§8.3 a)."""
    line = profile.decision_line
    decision_lines = [p for p, k in zip(paras, kinds, strict=True) if k == "decision-line"]
    first_article = next((p for p, k in zip(paras, kinds, strict=True) if k == "article"), None)
    if not decision_lines:
        anchor = first_article.where() if first_article else layout.named("sau trích yếu")
        c.warn(
            "QD-2",
            f"Không thấy dòng «{line}» trước các điều của {profile.decision_in_text.lower()}; "
            f"mẫu {c.law} (Mẫu 1.2, 1.3) ghi «{line}» một dòng riêng, in hoa, đậm, căn giữa.",
            anchor,
        )
    else:
        para = decision_lines[0]
        where = para.where()
        shown = collapse_ws(nfc("".join(p.display for p in para.pieces()))).strip()
        if shown != line:
            c.warn("QD-2", f"Dòng «{shown}»; mẫu {c.law} ghi «{line}».", where)
        check_typo(
            c,
            "QD-2",
            f"Dòng «{line}»",
            list(para.pieces()),
            where,
            bold=True,
            italic=False,
            upper=True,
            severity=WARNING,
        )
        check_centered(c, "QD-2", f"Dòng «{line}»", para, where, WARNING)
    articles = [p for p, k in zip(paras, kinds, strict=True) if k == "article"]
    word = profile.article_word
    if not articles:
        c.error(
            "QD-3",
            f"{profile.decision_in_text} không có điều nào («{word} 1. …»); nội dung quyết định "
            f"trình bày thành các điều, đánh số «{word} 1.», «{word} 2.» …",
            decision_lines[0].where() if decision_lines else layout.named("sau trích yếu"),
        )
        return
    pattern = article_re(profile)
    expected = 1
    for para in articles:
        where = para.where()
        text = collapse_ws(nfc(para.text)).strip()
        m = pattern.match(text)
        assert m is not None
        number = int(m.group("n"))
        if number != expected:
            c.error(
                "QD-3",
                f"«{word} {number}.» sai thứ tự (đang chờ «{word} {expected}.»); các điều đánh số "
                "liên tục từ 1 bằng chữ số Ả Rập.",
                where,
            )
        expected = number + 1
        label_pieces = _label_pieces(para, pattern)
        if label_pieces and not all(p.fmt.bold for p in label_pieces):
            c.warn(
                "QD-3",
                f"Nhãn «{word} {number}.» nên in đậm ({c.law}, Phụ lục I, II.6: điều trình bày chữ "
                "đậm).",
                where,
            )


def check_body(layout: Layout, c: Collector, profile: Profile) -> None:
    _check_title(layout, c, profile)
    _check_note(layout, c, profile)
    _check_authority_line(layout, c, profile)
    _check_paragraphs(layout, c, profile)
