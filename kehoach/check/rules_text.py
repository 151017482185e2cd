"""Font, encoding and colour of every printed run (F-1, F-2, F-3).

Checked everywhere text is printed — body, tables, text boxes, headers, footers, notes —
because NĐ 30 (and HD 05, D-F-1) asks for one font (``profile.font``) and black for all of it, page numbers
included.
"""

from __future__ import annotations

import re
import unicodedata

from kehoach.law.profile import Profile

from .docmodel import DocModel
from .findings import Collector

_LEGACY_PREFIXES = (".vn", "vni-", "vni ")


def _font_for(piece_text: str, ascii_font: str | None, hansi_font: str | None) -> set[str]:
    """Fonts Word uses for this text: ASCII → ascii slot, other Latin (Vietnamese) → hAnsi."""
    fonts: set[str] = set()
    chars = [ch for ch in piece_text if not ch.isspace()]
    if any(ord(ch) < 128 for ch in chars) and ascii_font:
        fonts.add(ascii_font)
    if any(ord(ch) >= 128 for ch in chars) and hansi_font:
        fonts.add(hansi_font)
    return fonts


def _near_black(hex_color: str) -> bool:
    try:
        return all(int(hex_color[i : i + 2], 16) <= 0x33 for i in (0, 2, 4))
    except ValueError:
        return False


# Invisible format characters no Vietnamese text needs (bidi overrides reverse a date on
# screen; zero-width spaces make an empty name look filled): hostile input, issue 11.
_FORMAT_CHARS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def check_text(model: DocModel, c: Collector, profile: Profile) -> None:
    wanted = profile.font.strip().lower()  # F-1
    for cont in model.all_containers():
        for para in cont.paras:
            bad_fonts: set[str] = set()
            colors: set[str] = set()
            for piece in para.pieces():
                if not piece.text.strip():
                    continue
                for font in _font_for(piece.text, piece.fmt.font_ascii, piece.fmt.font_hansi):
                    if font.strip().lower() != wanted:
                        bad_fonts.add(font)
                if piece.fmt.color not in ("auto", "000000"):
                    colors.add(piece.fmt.color)
            where = para.where()
            if bad_fonts:
                names = ", ".join(f"«{f}»" for f in sorted(bad_fonts))
                msg = f"Phông chữ {names}; {c.law} yêu cầu {profile.font}."
                if any(f.lower().startswith(_LEGACY_PREFIXES) for f in bad_fonts):
                    msg += " (Phông TCVN3/VNI cũ, không phải Unicode TCVN 6909.)"
                c.many("F-1", "error", msg, where)
            for color in sorted(colors):
                if _near_black(color):
                    c.many(
                        "F-3",
                        "warning",
                        f"Chữ màu #{color} (gần đen); {c.law} yêu cầu màu đen.",
                        where,
                    )
                else:
                    c.many("F-3", "error", f"Chữ màu #{color}; {c.law} yêu cầu màu đen.", where)
            text = para.text
            hidden = sorted({f"U+{ord(ch):04X}" for ch in _FORMAT_CHARS.findall(text)})
            if hidden:
                c.many(
                    "F-2",
                    "error",
                    f"Đoạn có ký tự định dạng vô hình ({', '.join(hidden)}: đảo chiều chữ, khoảng"
                    " trắng rộng 0 …): chữ hiện ra sai thứ tự hoặc trông có mà không có; xoá các"
                    " ký tự này.",
                    where,
                )
            if text.strip() and not unicodedata.is_normalized("NFC", text):
                c.many(
                    "F-2",
                    "warning",
                    "Chữ tiếng Việt ở dạng tổ hợp (không phải Unicode dựng sẵn NFC); nên chuẩn hoá "
                    "về NFC để tìm kiếm, sao chép không lỗi.",
                    where,
                )
