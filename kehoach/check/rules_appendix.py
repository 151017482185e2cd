"""Appendix heads (D-PL-1..D-PL-3): the label "Phụ lục 1", the reference line
"(Kèm theo Kế hoạch số 27-KH/ĐU, ngày 08/6/2026 của …)" and the mark under it.

Checked where the law's vocabulary asks for it (HD 05, ``Vocabulary.appendix_heads``); the
labels' numerals, the note's words and the mark are the profile's (``appendix_label``,
``appendix_note``, ``reference``, ``title_mark``, ``sizes.appendix``, ``sizes.note``).
"""

from __future__ import annotations

import re

from kehoach.law.profile import Profile

from .docmodel import DocModel, Line, Para, TableInfo
from .findings import ERROR, WARNING, Collector
from .locate import Layout, is_mark_line, is_note_text, nfc
from .ooxml import collapse_ws, loose_key
from .recognise import number_shape
from .typo import check_typo

_HEAD_PARAS = 6  # label, title (two lines at most), reference line, mark, a spare
_NUMBER = re.compile(r"\bsố\s+(?P<n>[^\s,]+)", re.I)


def _appendix_starts(model: DocModel, layout: Layout, profile: Profile) -> list[int]:
    """First block of each appendix section of ``layout``."""
    key = loose_key(profile.appendix_word)
    starts = []
    for sec in model.sections:
        if not layout.main_end <= sec.first_block < layout.end:
            continue
        for block in model.blocks[sec.first_block : sec.last_block + 1]:
            if isinstance(block, TableInfo):
                break
            if block.has_text:
                if loose_key(block.text_lines[0].text).startswith(key):
                    starts.append(sec.first_block)
                break
    return starts


def _head_lines(model: DocModel, start: int) -> list[Line]:
    lines: list[Line] = []
    for block in model.blocks[start : start + _HEAD_PARAS + 2]:
        if isinstance(block, TableInfo):
            break
        assert isinstance(block, Para)
        lines.extend(block.text_lines)
        if len(lines) >= _HEAD_PARAS:
            break
    return lines


def _check_label(c: Collector, profile: Profile, label: Line, n: int, several: bool) -> None:
    """D-PL-1: "Phụ lục 1", "Phụ lục 2" … in the law's numerals, in order."""
    text = collapse_ws(nfc(label.display)).strip()
    word = profile.appendix_word
    m = re.match(rf"^{re.escape(word)}\s*(?P<num>\S*)", text, re.I)
    if m is None:
        return
    numeral = m.group("num").rstrip(".:")
    want = profile.appendix_label(n, True)
    numerals = "chữ số Ả Rập" if profile.appendix_numerals == "arabic" else "số La Mã"
    if not numeral:
        if several:
            c.error(
                "PL-2",
                f"Phụ lục không đánh số; văn bản có nhiều phụ lục thì đánh số bằng {numerals} "
                f"(«{want}»).",
                label.where(),
            )
        return
    if f"{word} {numeral}".lower() != want.lower():
        c.add(
            "PL-2",
            ERROR,
            f"Ghi «{word} {numeral}»; {c.law} đánh số phụ lục bằng {numerals}, phụ lục này là "
            f"«{want}».",
            label.where(),
        )


def _check_head(c: Collector, profile: Profile, lines: list[Line]) -> None:
    """D-PL-2: the reference line "(Kèm theo … số 27-KH/ĐU, ngày …)" and the mark under it;
    D-PL-3: sizes (UNCONFIRMED: warnings)."""
    label = lines[0]
    check_typo(
        c,
        "PL-3",
        "Nhãn phụ lục",
        label.pieces,
        label.where(),
        size=profile.sizes.appendix,
        bold=True,
        severity=WARNING,
    )
    note = next((ln for ln in lines[1:] if is_note_text(ln.text, profile)), None)
    if note is None:
        c.warn(
            "PL-5",
            f"Dưới tên phụ lục không có dòng «({profile.appendix_note} {profile.type_name_in_text} "
            f"số …)»; {c.law}: phụ lục ghi rõ kèm theo văn bản nào.",
            label.where(),
        )
        return
    check_typo(
        c,
        "PL-3",
        "Dòng ghi chú của phụ lục",
        note.pieces,
        note.where(),
        size=profile.sizes.note,
        italic=True,
        severity=WARNING,
    )
    number = _NUMBER.search(nfc(note.text))
    own = number_shape(profile.number_line("05", profile.symbol("X")))[1]
    if number is not None and number_shape(f"Số {number.group('n')}")[1] not in (own, None):
        sample = profile.reference(
            profile.type_name_in_text, "27", profile.symbol("…"), "…", 2026, 6, 8
        )
        c.warn(
            "PL-5",
            f"Số, ký hiệu trong dòng ghi chú «{number.group('n')}» không theo {c.law}; "
            f"ví dụ «({profile.appendix_note} {sample})».",
            note.where(),
        )
    mark = profile.title_mark
    if mark is None:
        return
    after = lines[lines.index(note) + 1 :]
    if not any(is_mark_line(ln) for ln in after[:2]):
        c.warn(
            "PL-5",
            f"Dưới dòng ghi chú của phụ lục không có dấu «{mark}» như mẫu {c.law}.",
            note.where(),
        )


def check_appendices(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    """D-PL-1..D-PL-3 for each appendix of ``layout`` (only under a law that sets them)."""
    if not c.vocab.appendix_heads:
        return
    starts = _appendix_starts(model, layout, profile)
    for n, start in enumerate(starts, 1):
        lines = _head_lines(model, start)
        if not lines:
            continue
        _check_label(c, profile, lines[0], n, len(starts) > 1)
        _check_head(c, profile, lines)
