"""The little WordprocessingML the writer emits, as text, in schema order.

Each property element's child order (ECMA-376 Part 1, §17) is declared once, in ``ORDER``;
``props`` sorts by it, so nothing the writer adds can land out of order — python-docx's
``_tag_seq`` idea, without building a tree. Units: twips (1/20 pt), half-points, eighths.
"""

from __future__ import annotations

from functools import lru_cache

from kehoach.law.breaks import nobreak_hyphen_pieces
from kehoach.law.metrics import mm_to_twips

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Child order of the elements the writer emits properties for (a subset of each sequence).
ORDER: dict[str, tuple[str, ...]] = {
    "pPr": (
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "pBdr",
        "spacing",
        "ind",
        "jc",
        "outlineLvl",
        "rPr",
    ),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs", "u", "lang"),
    "tblPr": (
        "tblStyle",
        "tblW",
        "jc",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ),
    "trPr": ("cantSplit", "tblHeader"),
    "tcPr": ("tcW", "gridSpan", "vMerge", "tcBorders", "vAlign"),
    "sectPr": (
        "headerReference",
        "footerReference",
        "pgSz",
        "pgMar",
        "pgNumType",
        "cols",
        "titlePg",
        "docGrid",
    ),
}
_RANK = {tag: {name: i for i, name in enumerate(names)} for tag, names in ORDER.items()}


def esc(text: str) -> str:
    """Text (or an attribute value) escaped for XML (chained replaces: the fastest way in
    CPython, and most texts need none)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def props(tag: str, children: dict[str, str]) -> str:
    """``<w:tag>`` holding ``children`` (local name → its XML) in schema order; empty
    properties are left out entirely."""
    if not children:
        return ""
    rank = _RANK[tag]
    body = "".join(children[name] for name in sorted(children, key=rank.__getitem__))
    return f"<w:{tag}>{body}</w:{tag}>"


def twips(mm: float) -> int:
    return mm_to_twips(mm)


def half_points(points: float) -> int:
    return round(points * 2)


def size(points: float) -> dict[str, str]:
    """Font size on both the Latin and the complex-script slot."""
    value = half_points(points)
    return {"sz": f'<w:sz w:val="{value}"/>', "szCs": f'<w:szCs w:val="{value}"/>'}


def toggle(name: str, on: bool) -> dict[str, str]:
    """A bold/italic toggle, on or explicitly off (to differ from a paragraph style)."""
    return {name: f"<w:{name}/>" if on else f'<w:{name} w:val="0"/>'}


def fonts(name: str) -> str:
    """F-1, F-5: the font on all four slots, so no glyph falls back to another font."""
    value = esc(name)
    return f'<w:rFonts w:ascii="{value}" w:hAnsi="{value}" w:eastAsia="{value}" w:cs="{value}"/>'


def spacing(before_pt: float = 0, after_pt: float = 0, line: str = "") -> str:
    """Paragraph spacing; ``line`` is e.g. ``w:line="276" w:lineRule="auto"``."""
    attrs = f'w:before="{round(before_pt * 20)}" w:after="{round(after_pt * 20)}"'
    return f"<w:spacing {attrs}{' ' + line if line else ''}/>"


def run(text: str, rpr: str = "") -> str:
    """A run of ``text``. A hyphen inside a document number, a date or a number range
    ("412/TTr-SKHCN") is a ``w:noBreakHyphen``: Word and LibreOffice would otherwise break a
    line there, undoing the breaks the layout chose; readers (python-docx, ``check``) see "-"."""
    if "-" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    pieces = nobreak_hyphen_pieces(text)
    content = "<w:noBreakHyphen/>".join(
        f'<w:t xml:space="preserve">{esc(piece)}</w:t>' if piece else "" for piece in pieces
    )
    return f"<w:r>{rpr}{content}</w:r>"


def paragraph(style: str, content: str = "", **extra: str) -> str:
    """A paragraph of ``style``; ``extra`` are further pPr children (local name → XML)."""
    if not extra:
        return f"<w:p>{_styled(style)}{content}</w:p>"
    ppr = props("pPr", {"pStyle": f'<w:pStyle w:val="{style}"/>', **extra})
    return f"<w:p>{ppr}{content}</w:p>"


@lru_cache(maxsize=64)
def _styled(style: str) -> str:
    return f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
