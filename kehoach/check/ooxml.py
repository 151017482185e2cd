"""OOXML names, unit conversions and number formatting shared by the checker.

Everything inside the checker works in the units the file stores (twips, half-points,
EMU); these helpers convert only at the edge, when a value is compared with the spec or
written into a Vietnamese message.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000
EMU_PER_PT = 12700

Element = etree._Element


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{tag}"


def wattr(el: Element | None, name: str) -> str | None:
    """A ``w:``-namespaced attribute, or None when the element or attribute is absent."""
    if el is None:
        return None
    return el.get(w(name))


def int_attr(el: Element | None, name: str) -> int | None:
    """Integer ``w:`` attribute; tolerant of decimals and unit-less garbage."""
    raw = wattr(el, name)
    if raw is None:
        return None
    try:
        return round(float(raw))
    except ValueError:
        return None


def on_off(el: Element | None) -> bool | None:
    """OOXML on/off property: present without val means on; None when absent."""
    if el is None:
        return None
    val = wattr(el, "val")
    if val is None:
        return True
    return val.lower() not in ("0", "false", "off", "none")


def local(el: Element) -> str:
    """Tag name without namespace (comments and PIs have none)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def ns_of(el: Element) -> str:
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].split("}", 1)[0]


def twips_to_mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


def mm_to_twips(mm: float) -> float:
    return mm * TWIPS_PER_MM


# ---------------------------------------------------------------- message formatting


def _num(value: float, digits: int) -> str:
    """Vietnamese decimal notation: comma separator, trailing zeros dropped."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_mm(value: float) -> str:
    return f"{_num(value, 1)} mm"


def fmt_cm(value_mm: float) -> str:
    return f"{_num(value_mm / 10, 2)} cm"


def fmt_pt(value: float) -> str:
    return f"{_num(value, 1)} pt"


def fmt_num(value: float, digits: int = 2) -> str:
    return _num(value, digits)


# ---------------------------------------------------------------- text keys

_NON_ALNUM = re.compile(r"[^A-Z0-9]")


def loose_key(text: str) -> str:
    """Accent-, case- and punctuation-blind key used to *locate* components by content.

    Locating is deliberately forgiving ("Cộng hoà xã hội…" still finds the Quốc hiệu);
    the exact-text rules (QH-1, TN-1 …) then judge the real text.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", stripped.upper())


def starts_with_words(text: str, words: str) -> bool:
    """Whether ``text`` opens with the words of ``words``, compared word by word as
    ``loose_key`` compares text: "Cộng hoà xã hội …" opens with "CỘNG HÒA", "Công hoạch …"
    and "CỘNG HÒAXÃ" do not."""
    want = [loose_key(w) for w in words.split()]
    got = [loose_key(w) for w in text.split()[: len(want)]]
    return bool(want) and got == want


def collapse_ws(text: str) -> str:
    return " ".join(text.split())


def snippet(text: str, limit: int = 40) -> str:
    flat = collapse_ws(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# What a run's children read as (a no-break hyphen is the "-" the reader sees); line breaks
# are left to the caller, which starts a new line there.
_READ_AS = {"tab": "\t", "ptab": "\t", "noBreakHyphen": "-"}


def read_as(child: Element, name: str) -> str:
    """The text a run's child ``name`` (its local name) shows: ``w:t`` its text, a tab a
    tab character, a no-break hyphen "-"; anything else nothing."""
    if name == "t":
        return child.text or ""
    return _READ_AS.get(name, "")
