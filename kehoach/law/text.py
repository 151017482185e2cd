"""Vietnamese text rules the law relies on: capitals (Phụ lục II), names of bodies in running
text (VH-4..VH-9), and recognising the archive line a clerk typed (NN-3).

Shared by validate (which warns) and compose (which writes), so both read text one way.
"""

from __future__ import annotations

import re
import unicodedata

from kehoach.law.profile import Profile

_UNIT_WORDS = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "xã",
    "tỉnh",
    "huyện",
    "quận",
)
_BODY_PREFIXES = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
}
_END_PUNCTUATION = ";,.:"


def strip_end_punctuation(text: str) -> str:
    """``text`` without the spaces and ``; , . :`` a clerk typed at its end."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _END_PUNCTUATION):
        end -= 1
    return text[:end]


def upper_vi(text: str) -> str:
    """Uppercase that keeps Vietnamese letters precomposed (F-2)."""
    return unicodedata.normalize("NFC", text.upper())


def lower_first(text: str) -> str:
    """`Triển khai …` → `triển khai …`, leaving acronyms (`UBND …`) alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def body_name_in_text(names: list[str]) -> str | None:
    """How `ỦY BAN NHÂN DÂN THỊ TRẤN PHÚ PHONG` reads in a sentence (VH-4, VH-9).

    Only the patterns whose capitalisation is certain are derived; otherwise ``None`` and
    the spec must say `co_quan.ten_goi`.
    """
    full = " ".join(names)
    for prefix, in_text in _BODY_PREFIXES.items():
        if not full.startswith(prefix):
            continue
        rest = full[len(prefix) :].strip().lower()
        if not rest:
            return in_text
        for unit in _UNIT_WORDS:
            if rest.startswith(unit + " "):
                name = rest[len(unit) + 1 :]
                if name[:1].isdigit() or (unit == "thành phố" and name == "hồ chí minh"):
                    unit = upper_first(unit)  # VH-5, VH-6: Phường 1, Thành phố Hồ Chí Minh
                return f"{in_text} {unit} {' '.join(w.capitalize() for w in name.split())}"
        return None
    return None


def _archive_match(text: str, profile: Profile) -> re.Match[str] | None:
    word = re.escape(profile.archive_word)
    return re.match(rf"^[-–\s]*{word}\b\s*(.*)$", text.replace("*", ""), re.IGNORECASE)


def is_archive_line(text: str, profile: Profile) -> bool:
    """The archive line (NN-3): `Lưu: VT, VP`, `Lưu VT`, `Lưu VP`, `lưu:` — but not a
    recipient that merely starts with the word, like `Lưu trữ lịch sử tỉnh`."""
    match = _archive_match(text, profile)
    if match is None:
        return False
    rest = match.group(1).strip()
    if not rest or rest.startswith(":"):
        return True
    if rest.lower().startswith(profile.records_office.lower()):  # D-NN-5 "Lưu Văn phòng …"
        return True
    token = re.split(r"[\s,.;]+", rest)[0]
    if profile.archive_names_office and token[:1].isupper():  # D-NN-5: "Lưu Chi bộ"
        return True
    return token.upper() == profile.records_office or (token.isupper() and token.isalpha())


def archive_units(text: str, profile: Profile) -> str:
    """What follows `Lưu: VT` in a clerk's archive line (`VP`, `NC, TH` …), or ``""``."""
    match = _archive_match(text, profile)
    if match is None:
        return ""
    rest = strip_end_punctuation(re.sub(r"^\s*:\s*", "", match.group(1)))
    office = re.escape(profile.records_office)
    return re.sub(rf"^{office}\b\s*,?\s*", "", rest, flags=re.IGNORECASE)
