"""Which layout law a document follows, read from the document itself (hd05-spec §12).

A state plan follows NĐ 30; a plan of a đảng ủy, ban thường vụ or chi bộ follows HD 05. The
header says which: the first line of the right header cell is the law's title line
(``Profile.quoc_hieu``: "ĐẢNG CỘNG SẢN VIỆT NAM", D-NB-1; "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM"). Without one, the forms only one law uses are strong signals (D-NB-2..D-NB-4): the
number line's shape (``Số 05-KH/ĐU``: no colon, "-" then "/"), the slash authorities
(``T/M``, ``K/T``, ``T/L``), the ``*`` under the body name and the ``-----`` under the trích
yếu; body names, body codes, an underlined "Nơi nhận:" and a "- Lưu …" without colon
support them (D-NB-5, D-NB-6). D-NB-7 decides: the law whose title line is there; else the
one law with two strong signals, unless that is the default law (a state document needs its
Quốc hiệu); else unknown, and the document is checked under the default law.

Every form compared comes from the profiles (``kehoach.law.profiles.PROFILES``): their title
lines, number and archive lines as they write them, authority prefixes, marks, body names
and codes. ``foreign_elements`` lists what a document checked under one law has of another
(D-NB-8); ``check_mixed`` reports them as one warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kehoach.law.profile import Profile
from kehoach.law.profiles import DEFAULT, PROFILES

from .docmodel import DocModel, Line, Para, TableInfo
from .findings import Collector
from .locate import Layout, block_lines, is_date_text, is_so_line, nfc
from .ooxml import collapse_ws, loose_key, snippet, starts_with_words

DECISIVE, STRONG, SUPPORTING = "decisive", "strong", "supporting"
_SCAN_BLOCKS = 40  # the type name stands within the first blocks of a plan
_STATE_ORDER = re.compile(r"^[^/\-]*?/\s*[A-ZĐ][A-Za-zĐđ]*-")  # "Số: 05/KH-…"
_PARTY_ORDER = re.compile(r"^[^/\-]*?-\s*[A-ZĐ][A-Za-zĐđ]*/")  # "Số 05-KH/…"
_NUMBER_COLON = re.compile(r"^\s*s[ốo]\s*:", re.I)


@dataclass(frozen=True)
class Signal:
    """One sign of a law seen in the document."""

    rule: str  # "D-NB-1" …
    strength: str  # DECISIVE, STRONG or SUPPORTING
    law: str  # the key of the profile it points to ("hd05")
    text: str  # what was seen
    where: str


@dataclass(frozen=True)
class Recognition:
    """The law a document was recognised as following (None: unknown), and why."""

    profile: Profile | None
    signals: tuple[Signal, ...]

    @property
    def label(self) -> str:
        """How a message names the result: the law's layout, or "không rõ thể thức"."""
        return self.profile.layout_name if self.profile is not None else "không rõ thể thức"

    def of(self, profile: Profile, strength: str | None = None) -> list[Signal]:
        return [
            s
            for s in self.signals
            if s.law == profile.key and (strength is None or s.strength == strength)
        ]


# ---------------------------------------------------------------------- forms of a law


def number_shape(text: str) -> tuple[bool, str | None]:
    """D-NB-2: (colon after "Số"?, order) of a number line: order "/-" for "05/KH-…",
    "-/" for "05-KH/…", None when neither reads."""
    text = nfc(text).strip()
    order = "/-" if _STATE_ORDER.match(text) else "-/" if _PARTY_ORDER.match(text) else None
    return bool(_NUMBER_COLON.match(text)), order


def law_number_shape(profile: Profile) -> tuple[bool, str | None]:
    """The shape of the number line ``profile`` writes (SO-1, D-SO-1)."""
    return number_shape(profile.number_line("05", profile.symbol("X")))


def archive_colon(text: str, profile: Profile) -> bool | None:
    """D-NB-6: whether an archive line ("- Lưu …") has a colon after the word; None when the
    line is not one."""
    word = re.escape(profile.archive_word)
    m = re.match(rf"^-\s*{word}\b(\s*:)?", collapse_ws(nfc(text)).strip())
    return None if m is None else bool(m.group(1))


def law_archive_colon(profile: Profile) -> bool:
    """Whether the archive line ``profile`` writes has a colon (NN-3: yes; D-NN-5: no)."""
    return bool(archive_colon(profile.archive_line("X"), profile))


def prefixes(profile: Profile) -> set[str]:
    """The authority prefixes ``profile`` prints ("TM.", "T/M" …)."""
    return {prefix for _key, prefix in profile.authority_prefixes}


def own_prefixes(profile: Profile, others: Iterable[Profile]) -> set[str]:
    """D-NB-3: the prefixes only ``profile`` prints (Q. is common to both laws)."""
    shared = set().union(*(prefixes(p) for p in others)) if others else set()
    return prefixes(profile) - shared


def prefix_of(text: str, candidates: Iterable[str]) -> str | None:
    """The prefix ``text`` starts with, followed by a space or its end."""
    shown = collapse_ws(nfc(text)).strip()
    for prefix in sorted(candidates, key=len, reverse=True):
        if shown == prefix or shown.startswith(prefix + " "):
            return prefix
    return None


def title_start(profile: Profile) -> str:
    """D-NB-1: the key a title line starts with (its first two words, like ``Keys``)."""
    return loose_key(" ".join(profile.quoc_hieu.split()[:2]))


def title_line(lines: Iterable[Line], profile: Profile) -> Line | None:
    """D-NB-1: the line of ``lines`` that is ``profile``'s title line: the exact one, else one
    that starts like it (mistyped, split). Never a place and date line ("Cộng Hòa, ngày …")."""
    start = " ".join(profile.quoc_hieu.split()[:2])
    whole = loose_key(profile.quoc_hieu)
    found = [
        ln
        for ln in lines
        if ln.stripped and starts_with_words(ln.text, start) and not is_date_text(ln.text)
    ]
    exact = [ln for ln in found if loose_key(ln.text) == whole]
    return (exact or found or [None])[0]


# ---------------------------------------------------------------------- reading


def _type_keys(profiles: Sequence[Profile]) -> set[str]:
    return {loose_key(n) for p in profiles for n in (p.type_name, p.decision_type_name)}


@dataclass
class _Parts:
    header: list[Line]  # before the type name
    title_block: list[Line]  # the few paragraphs after the type name
    closing: list[Line]  # every line of the tables after the type name


def _parts(model: DocModel, profiles: Sequence[Profile]) -> _Parts:
    blocks = model.blocks
    types = _type_keys(profiles)
    title = None
    for i, block in enumerate(blocks[:_SCAN_BLOCKS]):
        if isinstance(block, Para) and block.text_lines:
            first = block.text_lines[0]
            if loose_key(first.text) in types and not first.stripped.endswith(":"):
                title = i
                break
    end = title if title is not None else min(len(blocks), 12)
    header = [ln for b in blocks[:end] for ln in block_lines(b)]
    title_block: list[Line] = []
    closing: list[Line] = []
    if title is not None:
        for block in blocks[title + 1 : title + 6]:
            if isinstance(block, TableInfo):
                break
            title_block.extend(block.lines)
        for block in blocks[title + 1 :]:
            if isinstance(block, TableInfo):
                closing.extend(block_lines(block))
    return _Parts(header, title_block, closing)


def _underlined(line: Line, words: str) -> bool:
    pieces = [p for p in line.pieces if p.text.strip() and p.text.strip(" :")]
    return bool(pieces) and all(p.fmt.underline for p in pieces) and words in line.text


# ---------------------------------------------------------------------- recognition


def signals(model: DocModel, profiles: Sequence[Profile] | None = None) -> list[Signal]:
    """Every sign of a law in ``model`` (D-NB-1..D-NB-6), in document order per kind."""
    profiles = list(profiles or PROFILES.values())
    parts = _parts(model, profiles)
    out: list[Signal] = []
    for p in profiles:
        others = [q for q in profiles if q.key != p.key]
        # D-NB-1: the law's title line heads the right header cell.
        ln = title_line(parts.header, p)
        if ln is not None:
            out.append(Signal("D-NB-1", DECISIVE, p.key, ln.stripped, ln.where()))
        # D-NB-2: the number line has this law's shape and no other law's.
        shape = law_number_shape(p)
        if all(law_number_shape(q) != shape for q in others):
            so = next((ln for ln in parts.header if is_so_line(ln)), None)
            if so is not None and number_shape(so.text) == shape:
                out.append(Signal("D-NB-2", STRONG, p.key, so.stripped, so.where()))
        # D-NB-3: an authority prefix only this law prints.
        own = own_prefixes(p, others)
        for ln in parts.closing:
            prefix = prefix_of(ln.text, own)
            if prefix is not None:
                out.append(Signal("D-NB-3", STRONG, p.key, ln.stripped, ln.where()))
                break
        # D-NB-4: "*" under the body name, "-----" under the trích yếu.
        for mark, lines in ((p.agency_mark, parts.header), (p.title_mark, parts.title_block)):
            if mark is None or any(q.agency_mark == mark or q.title_mark == mark for q in others):
                continue
            hit = next((ln for ln in lines if ln.stripped == mark), None)
            if hit is not None:
                out.append(Signal("D-NB-4", STRONG, p.key, mark, hit.where()))
        # D-NB-5: body names and body codes of this law.
        starts = tuple(nfc(s) for s in p.body_name_starts)
        name = next(
            (ln for ln in parts.header if starts and nfc(ln.display).strip().startswith(starts)),
            None,
        )
        if name is not None:
            out.append(Signal("D-NB-5", SUPPORTING, p.key, name.stripped, name.where()))
        so = next((ln for ln in parts.header if is_so_line(ln)), None)
        if so is not None and p.body_codes:
            code = re.split(r"[/\-]", so.stripped)[-1].strip()
            if code in p.body_codes and number_shape(so.text) == shape:
                out.append(Signal("D-NB-5", SUPPORTING, p.key, code, so.where()))
        # D-NB-6: underlined "Nơi nhận:"; the archive line's colon as this law writes it.
        label_words = p.recipients_label.rstrip(":")
        if p.recipients_label_underline and not any(q.recipients_label_underline for q in others):
            label = next((ln for ln in parts.closing if ln.stripped.startswith(label_words)), None)
            if label is not None and _underlined(label, label_words):
                out.append(Signal("D-NB-6", SUPPORTING, p.key, label.stripped, label.where()))
        colon = law_archive_colon(p)
        if all(law_archive_colon(q) != colon for q in others):
            luu = next(
                (ln for ln in reversed(parts.closing) if archive_colon(ln.text, p) is not None),
                None,
            )
            if luu is not None and archive_colon(luu.text, p) == colon:
                out.append(Signal("D-NB-6", SUPPORTING, p.key, luu.stripped, luu.where()))
    return out


def recognise(model: DocModel, profiles: Sequence[Profile] | None = None) -> Recognition:
    """D-NB-7: the law ``model`` follows, from its signals."""
    profiles = list(profiles or PROFILES.values())
    found = signals(model, profiles)
    by_key = {p.key: p for p in profiles}
    decisive = [s for s in found if s.strength == DECISIVE]
    # A law's exact title line decides over a line that only starts like another's (a body
    # "ĐẢNG ỦY XÃ" / "CỘNG HÒA" under "ĐẢNG CỘNG SẢN VIỆT NAM").
    decisive.sort(key=lambda s: loose_key(s.text) != loose_key(by_key[s.law].quoc_hieu))
    if decisive:
        return Recognition(by_key[decisive[0].law], tuple(found))
    default = PROFILES[DEFAULT].key
    strong = [
        p
        for p in profiles
        if p.key != default
        and sum(1 for s in found if s.law == p.key and s.strength == STRONG) >= 2
    ]
    return Recognition(strong[0] if len(strong) == 1 else None, tuple(found))


# ---------------------------------------------------------------------- mixed layouts


def _header_lines(layout: Layout) -> list[Line]:
    return [
        ln for b in layout.model.blocks[layout.start : layout.header_end] for ln in block_lines(b)
    ]


def _last_body_line(layout: Layout) -> Line | None:
    for block in reversed(layout.model.blocks[layout.body_start : layout.body_end]):
        lines = [ln for ln in block_lines(block) if ln.stripped]
        if isinstance(block, Para) and block.is_rule_only:
            continue
        if lines:
            return lines[-1]
    return None


def _quote(line: Line) -> str:
    return f"«{snippet(line.stripped)}»"


def foreign_elements(
    layout: Layout, profile: Profile, profiles: Sequence[Profile] | None = None
) -> list[tuple[str, str, Profile]]:
    """D-NB-8: what ``layout``, checked under ``profile``, has in the form of another law:
    (description, where, that law), in reading order."""
    profiles = list(profiles or PROFILES.values())
    others = [q for q in profiles if q.key != profile.key]
    out: list[tuple[str, str, Profile]] = []
    header = _header_lines(layout)
    for q in others:
        # The other law's title line and motto.
        if title_start(q) != title_start(profile):
            ln = title_line(header, q)
            # Only the two words the title starts with is a name ("XÃ" / "CỘNG HÒA").
            if ln is not None and loose_key(ln.text) != title_start(q):
                out.append((f"dòng {_quote(ln)}", ln.where(), q))
        if q.tieu_ngu and not profile.tieu_ngu:
            keys = [k for k in map(loose_key, q.tieu_ngu.split("-")) if k]
            for ln in header:
                if keys and all(k in loose_key(ln.text) for k in keys):
                    out.append((f"Tiêu ngữ {_quote(ln)}", ln.where(), q))
                    break
        # The number line: colon and order as the other law writes them.
        so = layout.so
        if so is not None:
            colon, order = number_shape(so.text)
            own_colon, own_order = law_number_shape(profile)
            q_colon, q_order = law_number_shape(q)
            parts = []
            if colon != own_colon and colon == q_colon:
                parts.append("«Số:»" if colon else "«Số» không có dấu hai chấm")
            if order is not None and order != own_order and order == q_order:
                sample = q.number_line("05", q.symbol("…")).split(" ", 1)[-1]
                parts.append(f"số và ký hiệu dạng «{sample}»")
            if parts:
                out.append((f"số, ký hiệu {_quote(so)} ({', '.join(parts)})", so.where(), q))
        # Marks and rules in place of each other (D-CQ-5, D-TL-3; CQ-5, TL-3).
        for own_mark, q_mark, mark, rule, what in (
            (profile.agency_mark, q.agency_mark, layout.agency_mark, layout.agency_rule, "tên cơ quan"),
            (profile.title_mark, q.title_mark, layout.summary_mark, layout.summary_rule, "trích yếu"),
        ):  # fmt: skip
            if (
                own_mark is None
                and q_mark is not None
                and mark is not None
                and mark.stripped == q_mark
            ):
                out.append((f"dấu {_quote(mark)} dưới {what}", mark.where(), q))
            elif own_mark is not None and q_mark is None and rule is not None:
                out.append((f"đường kẻ dưới {what}", rule.where(), q))
        # Authority prefixes only the other law prints (D-NB-3).
        if layout.signature is not None:
            foreign = prefixes(q) - prefixes(profile)
            for ln in layout.signature.lines():
                prefix = prefix_of(ln.text, foreign)
                if prefix is not None:
                    out.append((f"«{prefix}» ({_quote(ln)})", ln.where(), q))
        # The archive line's colon (NN-3; D-NN-5).
        rec = layout.recipients
        rec_lines = (
            [ln for ln in rec.lines() if ln.stripped]
            if rec is not None
            else [ln for p in layout.recipients_paras for ln in p.text_lines]
        )
        q_colon_archive = law_archive_colon(q)
        if q_colon_archive != law_archive_colon(profile):
            for ln in rec_lines:
                if archive_colon(ln.text, profile) == q_colon_archive:
                    out.append((f"dòng lưu {_quote(ln)}", ln.where(), q))
                    break
        # The closing mark (ND-6; D-ND-5): "./." where "." is asked.
        last = _last_body_line(layout)
        mark = q.closing_mark
        if (
            last is not None
            and mark != profile.closing_mark
            and not profile.closing_mark.endswith(mark)
            and nfc(last.text).rstrip().endswith(mark)
        ):
            out.append((f"dấu «{mark}» cuối nội dung", last.where(), q))
    return out


def check_mixed(layouts: Sequence[Layout], c: Collector, profile: Profile) -> None:
    """D-NB-8: one warning listing the elements of another law in a document checked under
    ``profile`` (a Quốc hiệu with "Số 12-KH/ĐU", "T/M" under a Quốc hiệu, "TM." under
    "ĐẢNG CỘNG SẢN VIỆT NAM" …)."""
    found = [item for layout in layouts for item in foreign_elements(layout, profile)]
    if not found:
        return
    laws = list(dict.fromkeys(q.layout_name for _what, _where, q in found))
    items = "; ".join(f"{what} ({where})" for what, where, _q in found)
    c.warn(
        "D-NB-8",
        f"Văn bản trộn hai thể thức: được kiểm tra theo {profile.layout_name} nhưng có "
        f"{len(found)} thành phần theo {' và '.join(laws)}: {items}. Trình bày thống nhất theo "
        "một thể thức.",
        found[0][1],
    )
