"""Vietnamese text rules the law relies on: capitals (Phụ lục II), names of bodies in running
text (VH-4..VH-9), and recognising the archive line a clerk typed (NN-3).

Shared by validate (which warns) and compose (which writes), so both read text one way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    # Below a commune: a Party cell or a school of a village ("Chi bộ thôn An Lạc").
    "tổ dân phố",
    "khu phố",
    "thôn",
    "ấp",
    "bản",
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


# One-syllable words that open a trích yếu and are never a name, though the word after them
# may be one ("Về Đại hội Đảng bộ …", "Mừng Đảng, mừng Xuân").
_OPENING_WORDS = frozenset(
    {"về", "mừng", "cho", "với", "tại", "theo", "đón", "vì", "từ", "trong", "sau", "trước"}
)


def starts_with_name(text: str) -> bool:
    """Whether ``text`` starts with a word whose capital is not the sentence's: an
    abbreviation ("UBND …", "COVID-19 …") or a proper name of two capitalised syllables
    ("Hội An …", "Hồ Chí Minh …"). The writer keeps that capital when it lowers a sentence
    (TL-2, D-TL-2) and check accepts it; both ask here."""
    words = text.split(maxsplit=2)
    if not words:
        return False
    first = words[0]
    if len(first) > 1 and first[1].isupper():
        return True
    return (
        len(words) > 1
        and first[:1].isupper()
        and words[1][:1].isupper()
        and first.lower().strip(",.;:") not in _OPENING_WORDS
    )


def lower_first(text: str) -> str:
    """`Triển khai …` → `triển khai …`, leaving an abbreviation or a proper name alone
    (`UBND …`, `Hội An …`)."""
    if starts_with_name(text):
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def body_name_in_text(names: list[str]) -> str | None:
    """How `ỦY BAN NHÂN DÂN THỊ TRẤN PHÚ PHONG` reads in a sentence (VH-4, VH-9).

    Only the patterns whose capitalisation is certain are derived: a people's committee or
    council and its unit, a Sở, Bộ or Phòng named by its fields ("Sở Giáo dục và Đào tạo"),
    a school named by its level and a proper name ("Trường Tiểu học Kim Đồng"). Otherwise
    ``None``, and the spec must say `co_quan.ten_goi` (``body_name_guess`` is a fair guess).
    """
    full = " ".join(" ".join(names).split())
    for prefix, in_text in _BODY_PREFIXES.items():
        if not full.startswith(prefix):
            continue
        rest = full[len(prefix) :].strip()
        if not rest:
            return in_text
        unit = _unit_name(rest)
        return f"{in_text} {unit}" if unit else None
    words = full.split()
    if not words:
        return None
    if words[0] == "TRƯỜNG":
        return _school(words[1:])
    if words[0] in _FIELD_BODIES and not any(full.startswith(x) for x in _NOT_FIELD_BODIES):
        return _fields_body(_FIELD_BODIES[words[0]], words[1:])
    return None


def body_name_guess(names: list[str]) -> str:
    """A body's name as it most likely reads in a sentence, when ``body_name_in_text`` cannot
    be sure (VH-9): the kind of body and the first word of each field capitalised, an
    administrative unit in lower case before its proper name (VH-4), abbreviations kept.
    "TRUNG TÂM Y TẾ XÃ AN PHÚ" → "Trung tâm Y tế xã An Phú"; never the whole name lowered."""
    certain = body_name_in_text(names)
    if certain is not None:
        return certain
    words = " ".join(" ".join(names).split()).split()
    if not words:
        return ""
    for kind, in_text in _KINDS:
        size = len(kind.split())
        if words[:size] == kind.split():
            return _fields_body(in_text, words[size:])
    return _fields_body(_word(words[0], capital=True), words[1:])


def attached_issuer(note: str) -> str | None:
    """KT-6, Mẫu 1.3: who issued the Quyết định a text is attached to, in capitals, from its
    note ("… Quyết định số 15/QĐ-UBND ngày … của Chủ tịch Ủy ban nhân dân xã An Phú)" →
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN PHÚ"); None when the note names nobody."""
    _, found, issuer = " ".join(note.split()).rpartition(" của ")
    issuer = issuer.rstrip(" .;)")
    return upper_vi(issuer) if found and issuer else None


def lead_office(body: str, *, under_province: bool = False) -> str | None:
    """The office a plan of ``body`` usually charges first in its Tổ chức thực hiện (the
    ``kehoach new`` skeleton): "Văn phòng HĐND và UBND phường" for the Ủy ban of a commune,
    ward or special zone (or of a district or a city ``under_province``, before 2025),
    "Văn phòng UBND tỉnh" for a province's, "Văn phòng Sở" for a Sở; None when the name
    says nothing of it."""
    name = _in_full(body)
    if name.startswith("SỞ "):
        return "Văn phòng Sở"
    if not name.startswith("ỦY BAN NHÂN DÂN "):
        return None
    rest = name[len("ỦY BAN NHÂN DÂN ") :]
    unit = next((u for u in _UNIT_WORDS if rest.startswith(upper_vi(u) + " ")), None)
    if unit is None:
        return None
    if unit == "tỉnh" or (unit == "thành phố" and not under_province):
        return f"Văn phòng UBND {unit}"
    return f"Văn phòng HĐND và UBND {unit}"


def _in_full(body: str) -> str:
    """A body's name in capitals, one space apart, its kind written out ("UBND XÃ AN PHÚ"
    → "ỦY BAN NHÂN DÂN XÃ AN PHÚ")."""
    text = " ".join(upper_vi(body).split())
    for short, full in _COLLECTIVE_SHORT.items():
        if text == short or text.startswith(short + " "):
            return full + text[len(short) :]
    return text


def collective_name(body: str) -> str:
    """KT-2, KT-6: the collective a signer signs for ("TM. …"), as docs/spec.md §3.15 writes
    it: the kind of body without its unit ("ỦY BAN NHÂN DÂN XÃ TÂY PHÚ" → "ỦY BAN NHÂN DÂN",
    "BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH" → "BAN CHỈ ĐẠO")."""
    text = _in_full(body)
    for kind in _COLLECTIVE_KINDS:
        if text == kind or text.startswith(kind + " "):
            return kind
    words = text.split()
    cut = _unit_at(words)
    return " ".join(words[:cut]) if cut else text


# VH-9: bodies named by their kind and their fields; the kind word and the first word of each
# field are capitalised ("Sở Tài nguyên và Môi trường", "Phòng Văn hóa - Xã hội").
_FIELD_BODIES = {"SỞ": "Sở", "BỘ": "Bộ", "PHÒNG": "Phòng"}
# … except these, whose next words are part of the kind ("Bộ Chỉ huy Quân sự", "Bộ đội").
_NOT_FIELD_BODIES = ("BỘ CHỈ HUY", "BỘ ĐỘI", "BỘ TƯ LỆNH", "BỘ PHẬN")
# Levels of schools, each a field ("Trường Trung học phổ thông Chu Văn An"); longest first.
_SCHOOL_LEVELS = tuple(
    sorted(
        (
            "TIỂU HỌC",
            "TRUNG HỌC CƠ SỞ",
            "TRUNG HỌC PHỔ THÔNG",
            "TIỂU HỌC VÀ TRUNG HỌC CƠ SỞ",
            "TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG",
            "PHỔ THÔNG DÂN TỘC NỘI TRÚ",
            "PHỔ THÔNG DÂN TỘC BÁN TRÚ",
            "MẦM NON",
            "MẪU GIÁO",
            "THCS",
            "THPT",
        ),
        key=len,
        reverse=True,
    )
)
# Kinds of bodies of more than one word, as they read in a sentence (for the guess).
_KINDS = (
    ("BAN CHỈ ĐẠO", "Ban Chỉ đạo"),
    ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
    ("BAN QUẢN LÝ", "Ban Quản lý"),
    ("BAN CHẤP HÀNH", "Ban Chấp hành"),
    ("TRUNG TÂM", "Trung tâm"),
    ("VĂN PHÒNG", "Văn phòng"),
    ("CHI CỤC", "Chi cục"),
    ("TỔNG CỤC", "Tổng cục"),
    ("ĐẢNG ỦY", "Đảng ủy"),
    ("ĐẢNG UỶ", "Đảng ủy"),
    ("ĐẢNG BỘ", "Đảng bộ"),
    ("CHI BỘ", "Chi bộ"),
    ("CÔNG AN", "Công an"),
    ("HỘI ĐỒNG", "Hội đồng"),
)
# KT-6: the collectives a signer signs for, by the words a body's name starts with.
_COLLECTIVE_KINDS = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN",
    "BAN CHỈ ĐẠO",
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
    "HỘI ĐỒNG",
)
_COLLECTIVE_SHORT = {"UBND": "ỦY BAN NHÂN DÂN", "UỶ BAN": "ỦY BAN", "HĐND": "HỘI ĐỒNG NHÂN DÂN"}
_UNITS = tuple(upper_vi(u) for u in _UNIT_WORDS)
_SEPARATORS = {",", "-", "–", "VÀ"}
# A Vietnamese syllable (tone marks folded): a word that is none is an abbreviation (UBND,
# THCS, HĐND) and keeps its capitals.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?"
)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _word(word: str, *, capital: bool) -> str:
    """One word of an upper-case name as it reads in a sentence (a comma after it kept)."""
    bare = word.rstrip(",;")
    if not _SYLLABLE.fullmatch(_fold(bare)):
        return word  # an abbreviation, a number, a code
    lower = word.lower()
    return upper_first(lower) if capital else lower


def _unit_at(words: list[str], start: int = 1) -> int | None:
    """Where an administrative unit ("XÃ AN PHÚ", "THÀNH PHỐ HUẾ") starts in ``words``, from
    ``start`` on; "XÃ HỘI" is a field, not a unit."""
    for i in range(start, len(words)):
        for unit in _UNITS:
            size = len(unit.split())
            if words[i : i + size] == unit.split() and len(words) > i + size:
                if unit == "XÃ" and words[i + 1] == "HỘI":
                    continue
                return i
    return None


_UNIT_PREFIXES = tuple(unit + " " for unit in _UNIT_WORDS)
# DD-7: units named after a person, whose name alone is not a place.
_PERSON_PLACES = ("Hồ Chí Minh",)


def place_without_unit(place: str, profile: Profile) -> tuple[str, str] | None:
    """DD-7 (D-DD-5 under HD 05): why the place of the date line must carry its unit word,
    and how to write it; ``None`` when it need not. validate says it of the spec, check of
    the document, from here."""
    name = " ".join(place.split())
    if not name or name.lower().startswith(_UNIT_PREFIXES):
        return None
    if name.startswith(profile.place_abbreviations):
        return None
    if any(person in name for person in _PERSON_PLACES):
        return "địa danh mang tên người phải ghi đủ", "viết 'Thành phố Hồ Chí Minh'"
    if name.split()[0].isdigit():
        return (
            "địa danh là số phải ghi kèm loại đơn vị hành chính",
            f"viết kèm loại đơn vị, ví dụ 'Phường {name}'",
        )
    if profile.one_syllable_place_needs_unit and len(name.split()) == 1:
        return (
            "địa danh một tiếng phải ghi kèm loại đơn vị hành chính",
            f"viết kèm loại đơn vị, ví dụ 'Thành phố {name}' hoặc 'Xã {name}'",
        )
    return None


def _unit_name(text: str) -> str | None:
    """ "XÃ AN PHÚ" → "xã An Phú" (VH-4); "PHƯỜNG 1" → "Phường 1", "THÀNH PHỐ HỒ CHÍ MINH" →
    "Thành phố Hồ Chí Minh" (VH-5, VH-6); None when ``text`` is not a unit and its name."""
    rest = text.lower()
    for unit in _UNIT_WORDS:
        if rest.startswith(unit + " "):
            name = rest[len(unit) + 1 :]
            if name[:1].isdigit() or (unit == "thành phố" and name == "hồ chí minh"):
                unit = upper_first(unit)  # VH-5, VH-6: Phường 1, Thành phố Hồ Chí Minh
            return f"{unit} {' '.join(w.capitalize() for w in name.split())}"
    return None


def _proper(words: list[str]) -> str:
    """A proper name (VH-2): every syllable capitalised; "SỐ 1" reads "số 1"."""
    out = []
    for i, word in enumerate(words):
        if word == "SỐ" and i + 1 < len(words) and words[i + 1][:1].isdigit():
            out.append("số")
        else:
            out.append(_word(word, capital=True))
    return " ".join(out)


def _fields_body(kind: str, words: list[str]) -> str:
    """VH-9: ``kind`` then its fields, the first word of each capitalised, then the unit."""
    cut = _unit_at(words, start=0)
    fields, unit = (words[:cut], words[cut:]) if cut is not None else (words, [])
    out, start = [kind], True
    for word in fields:
        if word in _SEPARATORS:
            out.append(word.lower())
            start = True
            continue
        out.append(_word(word, capital=start))
        start = word.endswith(",")
    text = " ".join(out)
    if unit:
        text += " " + (_unit_name(" ".join(unit)) or _proper(unit))
    return text


def _school(words: list[str]) -> str | None:
    """ "TIỂU HỌC KIM ĐỒNG" → "Trường Tiểu học Kim Đồng": the level is a field (VH-9), the
    rest a proper name (VH-2) or a unit (VH-4)."""
    rest = " ".join(words)
    for level in _SCHOOL_LEVELS:
        if rest == level or rest.startswith(level + " "):
            name = rest[len(level) :].split()
            text = _fields_body("Trường", level.split())
            if name:
                text += " " + (_unit_name(" ".join(name)) or _proper(name))
            return text
    return None


def _archive_match(text: str, profile: Profile) -> re.Match[str] | None:
    return _archive_pattern(profile.archive_word).match(text.replace("*", ""))


@lru_cache(maxsize=8)
def _archive_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"^[-–\s]*{re.escape(word)}\b\s*(.*)$", re.IGNORECASE)


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
